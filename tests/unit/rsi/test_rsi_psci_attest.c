/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSCI from the realm and SMCCC_VERSION (psci-and-exits.md §1-§2), and
 * RSI_ATTESTATION_TOKEN_INIT / _CONTINUE (attestation.md §4).
 */
#include "rsi_world.h"

#include <stdlib.h>
#include <string.h>

#include "attest/attest.h"

#define UNPROT_IPA (1ULL << 39)
#define PSCI_NOT_SUPPORTED 0xFFFFFFFFFFFFFFFFULL
#define PSCI_INVALID_PARAMS 0xFFFFFFFFFFFFFFFEULL
#define PSCI_ALREADY_ON 0xFFFFFFFFFFFFFFFCULL
#define PSCI_INVALID_ADDRESS 0xFFFFFFFFFFFFFFF7ULL

static void assert_realm_result(const struct rsi_result *res, struct rw *w, uint64_t x0)
{
	assert_int_equal(res->action, RSI_RETURN_TO_REALM);
	assert_true(res->advance_pc);
	assert_int_equal(w->rec->regs.x[0], x0);
}

static void assert_psci_exit(const struct rsi_result *res, uint64_t fid, uint64_t gpr1)
{
	assert_int_equal(res->action, RSI_EXIT_TO_HOST);
	assert_true(res->advance_pc);
	assert_int_equal(res->exit.reason, RMI_EXIT_PSCI);
	assert_int_equal(res->exit.esr, 0);
	assert_int_equal(res->exit.gprs[0], fid);
	assert_int_equal(res->exit.gprs[1], gpr1);
	for (unsigned i = 2; i < REC_NUM_GPRS; i++) {
		assert_int_equal(res->exit.gprs[i], 0);
	}
}

/* ---- PSCI ------------------------------------------------------------------------------ */

static void psci_version__returns_1_1_and_smccc_version_1_2(void **state)
{
	struct rw *w = *state;

	assert_realm_result((struct rsi_result[]){ RW_SMC0(w, 0x84000000ULL) }, w, 0x10001);
	assert_realm_result((struct rsi_result[]){ RW_SMC0(w, 0x80000000ULL) }, w, 0x10002);
}

static void psci_features__success_only_for_implemented_functions(void **state)
{
	struct rw *w = *state;
	const uint64_t yes[] = { 0x84000000, 0x84000001, 0xC4000001, 0x84000002, 0x84000003,
				 0xC4000003, 0x84000004, 0xC4000004, 0x84000008, 0x84000009,
				 0x8400000A, 0x80000000 };
	const uint64_t no[] = { 0x84000005, 0x8400000C, 0xC4000012, 0xC4000190, 0x84000002ULL | (1ULL << 30) };

	for (unsigned i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		assert_realm_result((struct rsi_result[]){ RW_SMC(w, 0x8400000AULL, yes[i]) }, w, 0);
	}
	for (unsigned i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		assert_realm_result((struct rsi_result[]){ RW_SMC(w, 0x8400000AULL, no[i]) }, w,
				    PSCI_NOT_SUPPORTED);
	}
}

static void psci_other_function__returns_not_supported(void **state)
{
	struct rw *w = *state;

	assert_realm_result((struct rsi_result[]){ RW_SMC0(w, 0x84000005ULL) }, w,
			    PSCI_NOT_SUPPORTED);
	assert_realm_result((struct rsi_result[]){ RW_SMC0(w, 0xC400001FULL) }, w,
			    PSCI_NOT_SUPPORTED);
}

static void cpu_suspend__exits_psci_with_success_set(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC(w, 0xC4000001ULL, 0x12345, 0x80000, 7);

	assert_psci_exit(&res, 0xC4000001ULL, 0);
	assert_int_equal(w->rec->regs.x[0], 0);
	assert_true(w->rec->runnable);
}

static void cpu_off__makes_rec_not_runnable_and_exits_psci(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC0(w, 0x84000002ULL);

	assert_psci_exit(&res, 0x84000002ULL, 0);
	assert_int_equal(w->rec->regs.x[0], 0);
	assert_false(w->rec->runnable);
}

static void cpu_on__fails_invalid_address_when_entry_unprotected(void **state)
{
	struct rw *w = *state;

	assert_realm_result((struct rsi_result[]){ RW_SMC(w, 0xC4000003ULL, 1, UNPROT_IPA, 0) },
			    w, PSCI_INVALID_ADDRESS);
	assert_false(w->rec->psci.pending);
}

static void cpu_on__fails_invalid_params_when_no_such_rec(void **state)
{
	struct rw *w = *state;
	const uint64_t targets[] = { 2, 0x100, 0x10, 0x100000000ULL };

	for (unsigned i = 0; i < 4U; i++) {
		assert_realm_result(
			(struct rsi_result[]){ RW_SMC(w, 0xC4000003ULL, targets[i], 0x80000, 0) }, w,
			PSCI_INVALID_PARAMS);
		assert_false(w->rec->psci.pending);
	}
	/* entry is checked first. */
	assert_realm_result((struct rsi_result[]){ RW_SMC(w, 0xC4000003ULL, 2, UNPROT_IPA, 0) }, w,
			    PSCI_INVALID_ADDRESS);
}

static void cpu_on__returns_already_on_for_the_caller(void **state)
{
	struct rw *w = *state;

	assert_realm_result((struct rsi_result[]){ RW_SMC(w, 0xC4000003ULL, 0, 0x80000, 0) }, w,
			    PSCI_ALREADY_ON);
	assert_false(w->rec->psci.pending);
}

static void cpu_on__exits_pending_then_psci_complete_writes_result(void **state)
{
	struct rw *w = *state;
	struct rsi_result res = RW_SMC(w, 0xC4000003ULL, 1, 0x90000, 0xC0DE);

	assert_psci_exit(&res, 0xC4000003ULL, 1);
	assert_true(w->rec->psci.pending);
	assert_int_equal(w->rec->psci.entry, 0x90000);
	assert_int_equal(w->rec->psci.context_id, 0xC0DE);
	/* REC 1 was created runnable: already on. */
	OK(tw_rmi(w->t, RMI_PSCI_COMPLETE_FID, w->rec_pa[0], w->rec_pa[1], 0, 0, 0));
	assert_false(w->rec->psci.pending);
	assert_int_equal(w->rec->regs.x[0], PSCI_ALREADY_ON);

	/* Target off: SUCCESS, and the target starts at entry with context_id in X0. */
	rw_rec(w, 1)->runnable = false;
	RW_SMC(w, 0xC4000003ULL, 1, 0x90000, 0xC0DE);
	OK(tw_rmi(w->t, RMI_PSCI_COMPLETE_FID, w->rec_pa[0], w->rec_pa[1], 0, 0, 0));
	assert_int_equal(w->rec->regs.x[0], 0);
	assert_true(rw_rec(w, 1)->runnable);
	assert_int_equal(rw_rec(w, 1)->regs.pc, 0x90000);
	assert_int_equal(rw_rec(w, 1)->regs.x[0], 0xC0DE);
}

static void cpu_on_smc32__ignores_upper_halves_of_arguments(void **state)
{
	struct rw *w = *state;
	struct rsi_result res =
		RW_SMC(w, 0x84000003ULL, 0xFFFFFFFF00000001ULL, 0xFFFFFFFF00090000ULL, 0x1F00000002ULL);

	assert_psci_exit(&res, 0x84000003ULL, 1);
	assert_int_equal(w->rec->psci.entry, 0x90000);
	assert_int_equal(w->rec->psci.context_id, 2);
}

static void affinity_info__early_results_and_pending_exit(void **state)
{
	struct rw *w = *state;
	struct rsi_result res;

	/* (a) lowest affinity level != 0 */
	assert_realm_result((struct rsi_result[]){ RW_SMC(w, 0xC4000004ULL, 1, 1) }, w,
			    PSCI_INVALID_PARAMS);
	/* (b) no such REC */
	assert_realm_result((struct rsi_result[]){ RW_SMC(w, 0xC4000004ULL, 5, 0) }, w,
			    PSCI_INVALID_PARAMS);
	/* (c) the caller: ON */
	assert_realm_result((struct rsi_result[]){ RW_SMC(w, 0xC4000004ULL, 0, 0) }, w, 0);
	assert_false(w->rec->psci.pending);
	res = RW_SMC(w, 0xC4000004ULL, 1, 0);
	assert_psci_exit(&res, 0xC4000004ULL, 1);
	assert_true(w->rec->psci.pending);
	rw_rec(w, 1)->runnable = false;
	OK(tw_rmi(w->t, RMI_PSCI_COMPLETE_FID, w->rec_pa[0], w->rec_pa[1], 0, 0, 0));
	assert_int_equal(w->rec->regs.x[0], 1); /* OFF */
}

static void system_off_and_reset__set_realm_system_off_and_exit(void **state)
{
	struct rw *w = *state;
	const uint64_t fids[] = { 0x84000008ULL, 0x84000009ULL };

	for (unsigned i = 0; i < 2U; i++) {
		struct rsi_result res;

		tw_rd(w->t)->state = REALM_ACTIVE;
		res = RW_SMC0(w, fids[i]);
		assert_psci_exit(&res, fids[i], 0);
		assert_int_equal(tw_rd(w->t)->state, REALM_SYSTEM_OFF);
	}
}

/* ---- attestation ----------------------------------------------------------------------- */

static struct attest_keys g_keys;

static int rw_attest_setup(void **state)
{
	rw_setup(state);
	assert_int_equal(attest_keys_init(&g_keys, NULL, NULL, 0), 0);
	rsi_attest_set_keys(((struct rw *)*state)->rmm, &g_keys);
	return 0;
}

static int rw_attest_teardown(void **state)
{
	attest_keys_free(&g_keys);
	return rw_teardown(state);
}

#define RW_ATTEST_TEST(fn) cmocka_unit_test_setup_teardown(fn, rw_attest_setup, rw_attest_teardown)

static const uint64_t g_challenge[8] = { 0x1111111111111111ULL, 2, 3, 4, 5, 6, 7,
					 0x8888888888888888ULL };

static struct rsi_result attest_init(struct rw *w)
{
	const uint64_t *c = g_challenge;

	return RW_SMC(w, RSI_ATTESTATION_TOKEN_INIT_FID, c[0], c[1], c[2], c[3], c[4], c[5], c[6],
		      c[7]);
}

static void attest_init__fails_unknown_without_keys(void **state)
{
	struct rw *w = *state;

	rsi_attest_set_keys(w->rmm, NULL);
	assert_realm_result((struct rsi_result[]){ attest_init(w) }, w, RSI_ERROR_UNKNOWN);
	/* No token in progress afterwards. */
	assert_realm_result(
		(struct rsi_result[]){ RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID, 0, 0, 64) }, w,
		RSI_ERROR_STATE);
}

static void attest_continue__input_checks_in_order_before_state(void **state)
{
	struct rw *w = *state;
	const uint64_t bad[][3] = {
		{ 0x800, 0, 64 },                  /* addr_align */
		{ UNPROT_IPA, 0, 64 },             /* addr_bound */
		{ 0x0, 4096, 0 },                  /* offset_bound */
		{ 0x0, 8, 0xFFFFFFFFFFFFFFFCULL }, /* size_overflow */
		{ 0x0, 4000, 97 },                 /* size_bound */
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_realm_result((struct rsi_result[]){ RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID,
								  bad[i][0], bad[i][1], bad[i][2]) },
				    w, RSI_ERROR_INPUT);
	}
	/* state: no INIT yet. */
	assert_realm_result(
		(struct rsi_result[]){ RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID, 0, 0, 64) }, w,
		RSI_ERROR_STATE);
	/* After INIT: RIPAS EMPTY -> INPUT; not mapped -> stage-2 abort. */
	assert_realm_result((struct rsi_result[]){ attest_init(w) }, w, RSI_SUCCESS);
	assert_realm_result((struct rsi_result[]){ RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID,
							  RW_IPA_EMPTY, 0, 64) },
			    w, RSI_ERROR_INPUT);
	{
		struct rsi_result res = RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID,
					       RW_IPA_UNASSIGNED_RAM, 0, 64);

		rw_assert_stage2_abort(&res, RW_IPA_UNASSIGNED_RAM, 3);
	}
}

/* The token the realm receives is the one attest_token_build gives for the INIT snapshot. */
static void attest_token__init_then_continue_delivers_signed_token(void **state)
{
	struct rw *w = *state;
	const struct rd *rd = tw_rd(w->t);
	size_t cap = attest_token_max_size();
	uint8_t *got = calloc(1, cap);
	uint8_t *want = calloc(1, cap);
	uint8_t challenge[64];
	size_t want_len = 0;
	size_t got_len = 0;
	struct attest_claims c;
	uint64_t status = RSI_INCOMPLETE;
	unsigned calls = 0;

	assert_non_null(got);
	assert_non_null(want);
	for (unsigned i = 0; i < 8U; i++) {
		t_put64(challenge, 8U * i, g_challenge[i]);
	}
	c = (struct attest_claims){ .challenge = challenge,
				    .rpv = rd->rpv,
				    .hash_algo = ATTEST_HASH_SHA_256,
				    .rim = rd->measurement[0],
				    .rem = (const uint8_t(*)[64])&rd->measurement[1],
				    .hash_size = 32 };
	assert_int_equal(attest_token_build(&g_keys, &c, want, cap, &want_len), 0);

	assert_realm_result((struct rsi_result[]){ attest_init(w) }, w, RSI_SUCCESS);
	assert_int_equal(w->rec->regs.x[1], cap);
	/* A REM extended after INIT is not in the token (claims snapshot). */
	RW_SMC(w, RSI_MEASUREMENT_EXTEND_FID, 1, 8, 0xFF);
	/* size 0: INCOMPLETE with nothing copied. */
	assert_realm_result(
		(struct rsi_result[]){ RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID, 0, 0, 0) }, w,
		RSI_INCOMPLETE);
	assert_int_equal(w->rec->regs.x[1], 0);
	while (status == RSI_INCOMPLETE) {
		struct rsi_result res =
			RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID, RW_IPA_DATA1, 0x100, 1000);

		assert_int_equal(res.action, RSI_RETURN_TO_REALM);
		status = w->rec->regs.x[0];
		assert_true(w->rec->regs.x[1] <= 1000);
		assert_true(got_len + w->rec->regs.x[1] <= cap);
		memcpy(got + got_len, rw_data_ptr(w, RW_IPA_DATA1 + 0x100), w->rec->regs.x[1]);
		got_len += w->rec->regs.x[1];
		assert_true(++calls < 100U);
	}
	assert_int_equal(status, RSI_SUCCESS);
	assert_int_equal(got_len, want_len);
	assert_memory_equal(got, want, want_len);
	/* CCA token: CBOR tag 399. */
	assert_int_equal(got[0], 0xD9);
	assert_int_equal(got[1], 0x01);
	assert_int_equal(got[2], 0x8F);
	/* Delivered: the context is reset. */
	assert_realm_result(
		(struct rsi_result[]){ RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID, 0, 0, 64) }, w,
		RSI_ERROR_STATE);
	free(got);
	free(want);
}

/* Copies token chunks of @chunk bytes until SUCCESS; returns the token length. */
static size_t attest_read_all(struct rw *w, uint8_t *out, size_t cap, uint64_t chunk)
{
	size_t n = 0;

	for (unsigned calls = 0; calls < 100U; calls++) {
		RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID, RW_IPA_DATA0, 0, chunk);
		assert_true(n + w->rec->regs.x[1] <= cap);
		memcpy(out + n, rw_data_ptr(w, RW_IPA_DATA0), w->rec->regs.x[1]);
		n += w->rec->regs.x[1];
		if (w->rec->regs.x[0] != RSI_INCOMPLETE) {
			assert_int_equal(w->rec->regs.x[0], RSI_SUCCESS);
			return n;
		}
	}
	fail();
	return 0;
}

static void attest_init__restarts_a_token_in_progress(void **state)
{
	struct rw *w = *state;
	size_t cap = attest_token_max_size();
	uint8_t *first = calloc(1, cap);
	uint8_t *second = calloc(1, cap);
	size_t len;

	assert_non_null(first);
	assert_non_null(second);
	assert_realm_result((struct rsi_result[]){ attest_init(w) }, w, RSI_SUCCESS);
	len = attest_read_all(w, first, cap, 4096);
	assert_true(len > 512U);
	/* Second token: stop after one chunk, INIT again, read it all. */
	assert_realm_result((struct rsi_result[]){ attest_init(w) }, w, RSI_SUCCESS);
	RW_SMC(w, RSI_ATTESTATION_TOKEN_CONTINUE_FID, RW_IPA_DATA0, 0, 256);
	assert_int_equal(w->rec->regs.x[0], RSI_INCOMPLETE);
	assert_int_equal(w->rec->regs.x[1], 256);
	assert_realm_result((struct rsi_result[]){ attest_init(w) }, w, RSI_SUCCESS);
	assert_int_equal(attest_read_all(w, second, cap, 4096), len);
	/* Same claims, deterministic signature: the same token from byte 0. */
	assert_memory_equal(first, second, len);
	free(first);
	free(second);
}

int rsi_psci_attest_tests_run(void)
{
	const struct CMUnitTest tests[] = {
		RW_TEST(psci_version__returns_1_1_and_smccc_version_1_2),
		RW_TEST(psci_features__success_only_for_implemented_functions),
		RW_TEST(psci_other_function__returns_not_supported),
		RW_TEST(cpu_suspend__exits_psci_with_success_set),
		RW_TEST(cpu_off__makes_rec_not_runnable_and_exits_psci),
		RW_TEST(cpu_on__fails_invalid_address_when_entry_unprotected),
		RW_TEST(cpu_on__fails_invalid_params_when_no_such_rec),
		RW_TEST(cpu_on__returns_already_on_for_the_caller),
		RW_TEST(cpu_on__exits_pending_then_psci_complete_writes_result),
		RW_TEST(cpu_on_smc32__ignores_upper_halves_of_arguments),
		RW_TEST(affinity_info__early_results_and_pending_exit),
		RW_TEST(system_off_and_reset__set_realm_system_off_and_exit),
		RW_ATTEST_TEST(attest_init__fails_unknown_without_keys),
		RW_ATTEST_TEST(attest_continue__input_checks_in_order_before_state),
		RW_ATTEST_TEST(attest_token__init_then_continue_delivers_signed_token),
		RW_ATTEST_TEST(attest_init__restarts_a_token_in_progress),
	};

	return cmocka_run_group_tests_name("rsi_psci_attest", tests, NULL, NULL);
}
