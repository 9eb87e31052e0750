/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSI commands (commands.md "RSI commands"): every failure condition, the
 * success outputs, the exits to the host and their completion at the next
 * REC_ENTER. PSCI and attestation: test_rsi_psci_attest.c.
 */
#include "rsi_world.h"

#include <string.h>

#include <mbedtls/sha256.h>

#define UNPROT_IPA (1ULL << 39)

static void assert_returns(const struct rsi_result *res, struct rw *w, uint64_t x0)
{
	assert_int_equal(res->action, RSI_RETURN_TO_REALM);
	assert_true(res->advance_pc);
	assert_int_equal(w->rec->regs.x[0], x0);
}

/* ---- dispatch, RSI_VERSION, RSI_FEATURES ---------------------------------------------- */

static void smc__unknown_fid_returns_smc_unknown(void **state)
{
	struct rw *w = *state;
	const uint64_t fids[] = { 0xC400019AULL, 0xC400018FULL, 0x82000000ULL, 0xC5000000ULL };

	for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		struct rsi_result res = RW_SMC(w, fids[i], 0x11, 0x22, 0x33, 0x44);

		assert_returns(&res, w, 0xFFFFFFFFFFFFFFFFULL);
		/* X1..X3 read 0, not the realm's arguments; X4 is preserved. */
		assert_int_equal(w->rec->regs.x[1] | w->rec->regs.x[2] | w->rec->regs.x[3], 0);
		assert_int_equal(w->rec->regs.x[4], 0x44);
	}
}

static void rsi_version__succeeds_for_1_0(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC(w, RSI_VERSION_FID, 0x10000);

	assert_returns(&res, w, RSI_SUCCESS);
	assert_int_equal(w->rec->regs.x[1], 0x10000);
	assert_int_equal(w->rec->regs.x[2], 0x10000);
}

static void rsi_version__fails_input_for_other_versions_with_lower_higher(void **state)
{
	struct rw *w = *state;
	const uint64_t req[] = { 0x0, 0x10001, 0x20000, 0x8000000000010000ULL };

	for (unsigned i = 0; i < 4U; i++) {
		struct rsi_result res = RW_SMC(w, RSI_VERSION_FID, req[i]);

		assert_returns(&res, w, RSI_ERROR_INPUT);
		assert_int_equal(w->rec->regs.x[1], 0x10000);
		assert_int_equal(w->rec->regs.x[2], 0x10000);
	}
}

static void rsi_features__returns_zero_for_every_index(void **state)
{
	struct rw *w = *state;
	const uint64_t idx[] = { 0, 1, 0xFFFFFFFFFFFFFFFFULL };

	for (unsigned i = 0; i < 3U; i++) {
		struct rsi_result res = RW_SMC(w, RSI_FEATURES_FID, idx[i]);

		assert_returns(&res, w, RSI_SUCCESS);
		assert_int_equal(w->rec->regs.x[1], 0);
	}
}

/* ---- measurements ---------------------------------------------------------------------- */

static void measurement_read__fails_input_when_index_above_4(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC(w, RSI_MEASUREMENT_READ_FID, 5);

	assert_returns(&res, w, RSI_ERROR_INPUT);
	res = RW_SMC(w, RSI_MEASUREMENT_READ_FID, 0x100000000ULL);
	assert_returns(&res, w, RSI_ERROR_INPUT);
}

static void measurement_read__returns_rim_as_64_le_bytes(void **state)
{
	struct rw *w = *state;
	const struct rd *rd = tw_rd(w->t);
	struct rsi_result res = RW_SMC(w, RSI_MEASUREMENT_READ_FID, 0);
	uint8_t got[64];

	assert_returns(&res, w, RSI_SUCCESS);
	for (unsigned i = 0; i < 8U; i++) {
		t_put64(got, 8U * i, w->rec->regs.x[1U + i]);
	}
	assert_memory_equal(got, rd->measurement[0], 64);
	/* The RIM of a realm with DATA is not zero; bytes past SHA-256's 32 are. */
	assert_int_not_equal(w->rec->regs.x[1], 0);
	for (unsigned i = 5; i <= 8U; i++) {
		assert_int_equal(w->rec->regs.x[i], 0);
	}
}

static void measurement_extend__fails_input_for_index_0_or_above_4(void **state)
{
	struct rw *w = *state;
	uint8_t before[5][64];

	memcpy(before, tw_rd(w->t)->measurement, sizeof(before));
	assert_returns((struct rsi_result[]){ RW_SMC(w, RSI_MEASUREMENT_EXTEND_FID, 0, 8) }, w,
		       RSI_ERROR_INPUT);
	assert_returns((struct rsi_result[]){ RW_SMC(w, RSI_MEASUREMENT_EXTEND_FID, 5, 8) }, w,
		       RSI_ERROR_INPUT);
	assert_memory_equal(before, tw_rd(w->t)->measurement, sizeof(before));
}

static void measurement_extend__fails_input_when_size_above_64(void **state)
{
	struct rw *w = *state;
	uint8_t before[5][64];

	memcpy(before, tw_rd(w->t)->measurement, sizeof(before));
	assert_returns((struct rsi_result[]){ RW_SMC(w, RSI_MEASUREMENT_EXTEND_FID, 1, 65) }, w,
		       RSI_ERROR_INPUT);
	assert_memory_equal(before, tw_rd(w->t)->measurement, sizeof(before));
}

/* Independent SHA-256 extend: rem = H(rem[0..32) || value[0..size)). */
static void sha256_extend(uint8_t rem[32], const uint8_t *value, size_t size)
{
	uint8_t buf[96];

	memcpy(buf, rem, 32);
	memcpy(buf + 32, value, size);
	assert_int_equal(mbedtls_sha256_ret(buf, 32 + size, rem, 0), 0);
}

static void read_measurement(struct rw *w, unsigned index, uint8_t out[64])
{
	assert_returns((struct rsi_result[]){ RW_SMC(w, RSI_MEASUREMENT_READ_FID, index) }, w,
		       RSI_SUCCESS);
	for (unsigned i = 0; i < 8U; i++) {
		t_put64(out, 8U * i, w->rec->regs.x[1U + i]);
	}
}

static void measurement_extend__then_read_matches_independent_sha256(void **state)
{
	struct rw *w = *state;
	uint64_t regs[8];
	uint8_t value[64];
	uint8_t expect[64] = { 0 };
	uint8_t got[64];
	const size_t sizes[] = { 40, 64, 0 };

	for (unsigned i = 0; i < 8U; i++) {
		regs[i] = 0x0706050403020100ULL + 0x0808080808080808ULL * i;
		t_put64(value, 8U * i, regs[i]);
	}
	for (unsigned s = 0; s < 3U; s++) {
		struct rsi_result res =
			RW_SMC(w, RSI_MEASUREMENT_EXTEND_FID, 3, sizes[s], regs[0], regs[1], regs[2],
			       regs[3], regs[4], regs[5], regs[6], regs[7]);

		assert_returns(&res, w, RSI_SUCCESS);
		sha256_extend(expect, value, sizes[s]);
		read_measurement(w, 3, got);
		assert_memory_equal(got, expect, 64);
	}
	/* Other REMs untouched (still zero). */
	read_measurement(w, 1, got);
	memset(value, 0, sizeof(value));
	assert_memory_equal(got, value, 64);
}

/* ---- RSI_REALM_CONFIG ------------------------------------------------------------------ */

static void realm_config__fails_input_when_unaligned_unprotected_or_empty(void **state)
{
	struct rw *w = *state;
	const ipa_t bad[] = { RW_IPA_DATA0 + 0x800, UNPROT_IPA, RW_IPA_EMPTY, 2 * SZ_1G };

	for (unsigned i = 0; i < 4U; i++) {
		struct rsi_result res = RW_SMC(w, RSI_REALM_CONFIG_FID, bad[i]);

		assert_returns(&res, w, RSI_ERROR_INPUT);
	}
}

static void realm_config__exits_stage2_abort_when_not_mapped(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC(w, RSI_REALM_CONFIG_FID, RW_IPA_UNASSIGNED_RAM);

	rw_assert_stage2_abort(&res, RW_IPA_UNASSIGNED_RAM, 3);
	/* The realm re-issues the SMC: its registers are unchanged. */
	assert_int_equal(w->rec->regs.x[0], RSI_REALM_CONFIG_FID);
	assert_int_equal(w->rec->regs.x[1], RW_IPA_UNASSIGNED_RAM);
	assert_false(w->rec->emulatable_abort);
	assert_int_equal(w->rec->last_fault_ipa, RW_IPA_UNASSIGNED_RAM);
	/* The fault level is where the walk stopped: a level-1 RAM entry. */
	res = RW_SMC(w, RSI_REALM_CONFIG_FID, RW_IPA_L1_RAM + 0x5000);
	rw_assert_stage2_abort(&res, RW_IPA_L1_RAM + 0x5000, 1);
}

static void realm_config__writes_ipa_width_hash_algo_and_rpv(void **state)
{
	struct rw *w = *state;
	struct rd *rd = tw_rd(w->t);
	uint8_t *cfg = rw_data_ptr(w, RW_IPA_DATA1);
	uint8_t zero[RSI_REALM_CONFIG_SIZE] = { 0 };

	for (unsigned i = 0; i < 64U; i++) {
		rd->rpv[i] = (uint8_t)(0xC0 + i);
	}
	rd->hash_algo = RMI_HASH_SHA_512; /* white-box: check the field is copied */
	assert_int_equal(cfg[0x10], 0xAA);
	assert_returns((struct rsi_result[]){ RW_SMC(w, RSI_REALM_CONFIG_FID, RW_IPA_DATA1) }, w,
		       RSI_SUCCESS);
	assert_int_equal(t_get64(cfg, 0x0), 40);
	assert_int_equal(cfg[0x8], RSI_HASH_SHA_512);
	for (unsigned i = 0; i < 64U; i++) {
		assert_int_equal(cfg[0x200 + i], 0xC0 + i);
	}
	assert_memory_equal(cfg + 0x9, zero, 0x200 - 0x9);
	assert_memory_equal(cfg + 0x240, zero, RSI_REALM_CONFIG_SIZE - 0x240);
	/* The neighbouring granule is untouched. */
	assert_int_equal(rw_data_ptr(w, RW_IPA_DATA0)[0], 0xAA);
}

/* ---- RSI_IPA_STATE_SET ----------------------------------------------------------------- */

static void ipa_state_set__fails_input_for_each_condition(void **state)
{
	struct rw *w = *state;
	const uint64_t bad[][4] = {
		{ 0x3800, 0x5000, RSI_RAM, 0 },                 /* base_align */
		{ 0x3000, 0x5800, RSI_RAM, 0 },                 /* top_align */
		{ 0x5000, 0x5000, RSI_RAM, 0 },                 /* size_valid */
		{ 0x5000, 0x3000, RSI_RAM, 0 },                 /* size_valid */
		{ 0x3000, UNPROT_IPA + 0x1000, RSI_RAM, 0 },    /* rgn_bound */
		{ 0x3000, 0x5000, RSI_DESTROYED, 0 },           /* ripas_valid */
		{ 0x3000, 0x5000, 7, 0 },                       /* ripas_valid */
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rsi_result res =
			RW_SMC(w, RSI_IPA_STATE_SET_FID, bad[i][0], bad[i][1], bad[i][2], bad[i][3]);

		assert_returns(&res, w, RSI_ERROR_INPUT);
		assert_false(w->rec->set_ripas.pending);
	}
	/* The top of the protected range itself is allowed. */
	assert_int_equal(RW_SMC(w, RSI_IPA_STATE_SET_FID, 0x3000, UNPROT_IPA, RSI_EMPTY, 0).action,
			 RSI_EXIT_TO_HOST);
}

static void ipa_state_set__exits_ripas_change_and_records_request(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC(w, RSI_IPA_STATE_SET_FID, 0x3000, 0x6000, RSI_RAM,
				       RSI_CHANGE_DESTROYED);

	assert_int_equal(res.action, RSI_EXIT_TO_HOST);
	assert_true(res.advance_pc);
	assert_int_equal(res.exit.reason, RMI_EXIT_RIPAS_CHANGE);
	assert_int_equal(res.exit.ripas_base, 0x3000);
	assert_int_equal(res.exit.ripas_top, 0x6000);
	assert_int_equal(res.exit.ripas_value, RSI_RAM);
	assert_int_equal(res.exit.esr, 0);
	assert_int_equal(res.exit.hpfar, 0);
	assert_true(w->rec->set_ripas.pending);
	assert_true(w->rec->set_ripas.change_destroyed);
	assert_int_equal(w->rec->set_ripas.value, RMI_RAM);
	assert_int_equal(w->rec->set_ripas.base, 0x3000);
	assert_int_equal(w->rec->set_ripas.top, 0x6000);
	assert_int_equal(w->rec->set_ripas.addr, 0x3000);
	/* Reserved flag bits are ignored. */
	res = RW_SMC(w, RSI_IPA_STATE_SET_FID, 0x3000, 0x6000, RSI_EMPTY, 0xFFFEULL);
	assert_false(w->rec->set_ripas.change_destroyed);
	assert_int_equal(res.exit.ripas_value, RSI_EMPTY);
}

/* The host applies part of the change with RMI_RTT_SET_RIPAS, then re-enters. */
static void ipa_state_set__completion_reports_progress_and_honours_reject(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC(w, RSI_IPA_STATE_SET_FID, 0x3000, 0x6000, RSI_RAM, 0);
	struct smc_regs r;

	assert_int_equal(res.exit.reason, RMI_EXIT_RIPAS_CHANGE);
	r = tw_call(w->t, RMI_RTT_SET_RIPAS_FID, w->t->rd, w->rec_pa[0], 0x3000, 0x4000, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], 0x4000);
	rsi_complete_ripas_change(w->rec, true);
	assert_int_equal(w->rec->regs.x[0], RSI_SUCCESS);
	assert_int_equal(w->rec->regs.x[1], 0x4000);
	assert_int_equal(w->rec->regs.x[2], RSI_REJECT);
	assert_false(w->rec->set_ripas.pending);

	/* Fully done: ACCEPT even if the host says REJECT. */
	RW_SMC(w, RSI_IPA_STATE_SET_FID, 0x4000, 0x5000, RSI_RAM, 0);
	OK(tw_rmi(w->t, RMI_RTT_SET_RIPAS_FID, w->t->rd, w->rec_pa[0], 0x4000, 0x5000, 0));
	rsi_complete_ripas_change(w->rec, true);
	assert_int_equal(w->rec->regs.x[1], 0x5000);
	assert_int_equal(w->rec->regs.x[2], RSI_ACCEPT);

	/* To EMPTY: REJECT is not honoured; no progress reports base. */
	RW_SMC(w, RSI_IPA_STATE_SET_FID, 0x3000, 0x5000, RSI_EMPTY, 0);
	rsi_complete_ripas_change(w->rec, true);
	assert_int_equal(w->rec->regs.x[1], 0x3000);
	assert_int_equal(w->rec->regs.x[2], RSI_ACCEPT);

	/* To RAM, partial, ACCEPT. */
	RW_SMC(w, RSI_IPA_STATE_SET_FID, 0x5000, 0x7000, RSI_RAM, 0);
	rsi_complete_ripas_change(w->rec, false);
	assert_int_equal(w->rec->regs.x[1], 0x5000);
	assert_int_equal(w->rec->regs.x[2], RSI_ACCEPT);
}

static void ipa_state_set__completion_does_nothing_when_not_pending(void **state)
{
	struct rw *w = *state;

	w->rec->regs.x[0] = 0x1234;
	w->rec->regs.x[1] = 0x5678;
	rsi_complete_ripas_change(w->rec, true);
	assert_int_equal(w->rec->regs.x[0], 0x1234);
	assert_int_equal(w->rec->regs.x[1], 0x5678);
}

/* ---- RSI_IPA_STATE_GET ----------------------------------------------------------------- */

static void ipa_state_get__fails_input_for_each_condition(void **state)
{
	struct rw *w = *state;
	const uint64_t bad[][2] = {
		{ 0x800, 0x5000 },                /* base_align */
		{ 0x1000, 0x5800 },               /* end_align */
		{ 0x5000, 0x5000 },               /* size_valid */
		{ 0x6000, 0x5000 },               /* size_valid */
		{ 0x1000, UNPROT_IPA + 0x1000 },  /* rgn_bound */
		{ UNPROT_IPA, UNPROT_IPA + 0x1000 }, /* rgn_bound */
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rsi_result res = RW_SMC(w, RSI_IPA_STATE_GET_FID, bad[i][0], bad[i][1]);

		assert_returns(&res, w, RSI_ERROR_INPUT);
	}
}

static void ipa_state_get__reports_contiguous_same_ripas_region_within_one_rtt(void **state)
{
	struct rw *w = *state;
	const uint64_t cases[][4] = {
		/* base, end, X1, X2 */
		{ 0x0, 0x10000, 0x3000, RSI_RAM },      /* ASSIGNED RAM + UNASSIGNED RAM */
		{ 0x1000, 0x2000, 0x2000, RSI_RAM },    /* clamped to end */
		{ 0x3000, 0x10000, 0x10000, RSI_EMPTY },
		{ 0x3000, SZ_2M + SZ_4K, SZ_2M, RSI_EMPTY }, /* stops at the end of the RTT */
		{ RW_IPA_L1_RAM + 0x3000, 3 * SZ_1G, 2 * SZ_1G, RSI_RAM }, /* level-1 entry */
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rsi_result res = RW_SMC(w, RSI_IPA_STATE_GET_FID, cases[i][0], cases[i][1]);

		assert_returns(&res, w, RSI_SUCCESS);
		assert_int_equal(w->rec->regs.x[1], cases[i][2]);
		assert_int_equal(w->rec->regs.x[2], cases[i][3]);
	}
}

/* ---- RSI_HOST_CALL --------------------------------------------------------------------- */

static void host_call__fails_input_when_unaligned_unprotected_or_empty(void **state)
{
	struct rw *w = *state;
	const ipa_t bad[] = { 0x1080, 0x1008, UNPROT_IPA, RW_IPA_EMPTY + 0x100 };

	for (unsigned i = 0; i < 4U; i++) {
		assert_returns((struct rsi_result[]){ RW_SMC(w, RSI_HOST_CALL_FID, bad[i]) }, w,
			       RSI_ERROR_INPUT);
		assert_false(w->rec->host_call_pending);
	}
}

static void host_call__exits_stage2_abort_when_not_mapped(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC(w, RSI_HOST_CALL_FID, RW_IPA_UNASSIGNED_RAM + 0x300);

	/* hpfar keeps IPA bits [11:8] (TF-RMM). */
	rw_assert_stage2_abort(&res, RW_IPA_UNASSIGNED_RAM + 0x300, 3);
	assert_false(w->rec->host_call_pending);
}

static void host_call__exits_with_imm_and_gprs_then_completion_copies_enter_gprs(void **state)
{
	struct rw *w = *state;
	const ipa_t ipa = RW_IPA_DATA1 + 0x100;
	uint8_t *hc = rw_data_ptr(w, ipa);
	uint64_t enter[REC_NUM_GPRS];
	struct rsi_result res;

	memset(hc, 0, RSI_HOST_CALL_SIZE);
	t_put64(hc, 0, 0x00012345ULL); /* imm is 16 bits: 0x2345 */
	for (unsigned i = 0; i < REC_NUM_GPRS; i++) {
		t_put64(hc, 8U + 8U * i, 0x100ULL + i);
		enter[i] = 0xE000ULL + i;
	}
	res = RW_SMC(w, RSI_HOST_CALL_FID, ipa);
	assert_int_equal(res.action, RSI_EXIT_TO_HOST);
	assert_true(res.advance_pc);
	assert_int_equal(res.exit.reason, RMI_EXIT_HOST_CALL);
	assert_int_equal(res.exit.imm, 0x2345);
	assert_int_equal(res.exit.esr, 0);
	for (unsigned i = 0; i < REC_NUM_GPRS; i++) {
		assert_int_equal(res.exit.gprs[i], 0x100ULL + i);
	}
	assert_true(w->rec->host_call_pending);

	assert_true(rsi_complete_host_call(w->rmm, w->rec, enter, &res));
	assert_int_equal(w->rec->regs.x[0], RSI_SUCCESS);
	assert_false(w->rec->host_call_pending);
	assert_int_equal(t_get64(hc, 0), 0x00012345ULL);
	for (unsigned i = 0; i < REC_NUM_GPRS; i++) {
		assert_int_equal(t_get64(hc, 8U + 8U * i), 0xE000ULL + i);
	}
	/* Past the structure: untouched. */
	assert_int_equal(hc[RSI_HOST_CALL_SIZE], 0xAA);
	/* Nothing pending: nothing to do. */
	w->rec->regs.x[0] = 77;
	assert_true(rsi_complete_host_call(w->rmm, w->rec, enter, &res));
	assert_int_equal(w->rec->regs.x[0], 77);
}

static void host_call__completion_aborts_and_stays_pending_when_no_longer_mapped(void **state)
{
	struct rw *w = *state;
	const ipa_t ipa = RW_IPA_DATA1 + 0x100;
	uint64_t enter[REC_NUM_GPRS] = { 1, 2, 3 };
	struct rsi_result res = RW_SMC(w, RSI_HOST_CALL_FID, ipa);

	assert_int_equal(res.exit.reason, RMI_EXIT_HOST_CALL);
	/* The host takes the page away: RIPAS becomes DESTROYED. */
	OK(tw_rmi(w->t, RMI_DATA_DESTROY_FID, w->t->rd, RW_IPA_DATA1, 0, 0, 0));
	w->rec->regs.x[0] = 99;
	assert_false(rsi_complete_host_call(w->rmm, w->rec, enter, &res));
	rw_assert_stage2_abort(&res, ipa, 3);
	assert_true(w->rec->host_call_pending);
	assert_int_equal(w->rec->regs.x[0], 99);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		RW_TEST(smc__unknown_fid_returns_smc_unknown),
		RW_TEST(rsi_version__succeeds_for_1_0),
		RW_TEST(rsi_version__fails_input_for_other_versions_with_lower_higher),
		RW_TEST(rsi_features__returns_zero_for_every_index),
		RW_TEST(measurement_read__fails_input_when_index_above_4),
		RW_TEST(measurement_read__returns_rim_as_64_le_bytes),
		RW_TEST(measurement_extend__fails_input_for_index_0_or_above_4),
		RW_TEST(measurement_extend__fails_input_when_size_above_64),
		RW_TEST(measurement_extend__then_read_matches_independent_sha256),
		RW_TEST(realm_config__fails_input_when_unaligned_unprotected_or_empty),
		RW_TEST(realm_config__exits_stage2_abort_when_not_mapped),
		RW_TEST(realm_config__writes_ipa_width_hash_algo_and_rpv),
		RW_TEST(ipa_state_set__fails_input_for_each_condition),
		RW_TEST(ipa_state_set__exits_ripas_change_and_records_request),
		RW_TEST(ipa_state_set__completion_reports_progress_and_honours_reject),
		RW_TEST(ipa_state_set__completion_does_nothing_when_not_pending),
		RW_TEST(ipa_state_get__fails_input_for_each_condition),
		RW_TEST(ipa_state_get__reports_contiguous_same_ripas_region_within_one_rtt),
		RW_TEST(host_call__fails_input_when_unaligned_unprotected_or_empty),
		RW_TEST(host_call__exits_stage2_abort_when_not_mapped),
		RW_TEST(host_call__exits_with_imm_and_gprs_then_completion_copies_enter_gprs),
		RW_TEST(host_call__completion_aborts_and_stays_pending_when_no_longer_mapped),
	};
	int failed = cmocka_run_group_tests_name("rsi", tests, NULL, NULL);

	return failed + rsi_psci_attest_tests_run();
}
