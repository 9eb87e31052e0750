/* SPDX-License-Identifier: BSD-3-Clause */
/* RMI_REALM_CREATE / ACTIVATE / DESTROY, RMI_REC_AUX_COUNT, the initial RIM, VMIDs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "den0137_abi.h"
#include "fake_plat.h"
#include "realm.h"
#include "rmm_test_util.h"
#include "s2tt.h"

#define OK ST(RMI_SUCCESS, 0)
#define INPUT ST(RMI_ERROR_INPUT, 0)

static const struct rd *rd_of(struct fake_plat *f, pa_t rd)
{
	return (const struct rd *)fake_mem(f, rd);
}

/* Nothing of a failed REALM_CREATE is left: RD/RTTs DELEGATED and zero, VMID free. */
static void assert_create_left_nothing(struct fake_plat *f, const struct t_realm *r,
				       uint64_t vmid)
{
	struct t_realm_params p;
	struct t_realm again;

	assert_int_equal(fake_state(f, r->rd), RMM_GRANULE_DELEGATED);
	for (unsigned i = 0; i < r->nrtt; i++) {
		assert_int_equal(fake_state(f, r->rtt[i]), RMM_GRANULE_DELEGATED);
	}
	assert_true(fake_invariants_hold(f));
	/* The VMID is still free: a correct realm with it can be created. */
	t_realm_params_default(&p, vmid);
	assert_int_equal(t_realm_create(f, &p, &again), OK);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, again.rd, 0, 0, 0, 0, 0), OK);
}

/* Runs REALM_CREATE with @p (fresh granules) and expects INPUT and no trace. */
static void expect_create_input(struct fake_plat *f, struct t_realm_params *p)
{
	struct t_realm r;
	uint64_t vmid = p->vmid;

	assert_int_equal(t_realm_create(f, p, &r), INPUT);
	assert_create_left_nothing(f, &r, vmid);
}

/* ----------------------------------------------------------- REALM_CREATE */

static void realm_create__succeeds_making_rd_and_rtt_granules(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 7);
	const struct rd *rd = rd_of(f, r.rd);

	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_RD);
	assert_int_equal(fake_state(f, r.rtt[0]), RMM_GRANULE_RTT);
	assert_int_equal(rd->state, REALM_NEW);
	assert_int_equal(rd->s2.ipa_bits, 40);
	assert_int_equal(rd->s2.vmid, 7);
	assert_int_equal(rd->s2.rtt_base, r.rtt[0]);
	assert_int_equal(rd->num_rec_aux, 16);
	assert_int_equal(rd->rpv[0], 0x40);
	assert_int_equal(rd->rpv[63], 0x40 + 63);
	/* REMs start at zero. */
	for (unsigned i = 1; i < RMM_NUM_MEASUREMENTS; i++) {
		for (unsigned k = 0; k < RMM_MEASUREMENT_SIZE; k++) {
			assert_int_equal(rd->measurement[i][k], 0);
		}
	}
	assert_true(fake_invariants_hold(f));
}

static void realm_create__succeeds_with_concatenated_starting_tables(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;
	struct t_realm r;

	t_realm_params_default(&p, 3);
	p.s2sz = 42;
	p.rtt_level_start = 1;
	p.rtt_num_start = 8;
	assert_int_equal(t_realm_create(f, &p, &r), OK);
	for (unsigned i = 0; i < 8U; i++) {
		assert_int_equal(fake_state(f, r.rtt[i]), RMM_GRANULE_RTT);
	}
	assert_int_equal(rd_of(f, r.rd)->s2.num_root, 8);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0, 0), OK);
	for (unsigned i = 0; i < 8U; i++) {
		assert_int_equal(fake_state(f, r.rtt[i]), RMM_GRANULE_DELEGATED);
	}
}

/* RIM = H(4 KiB image of the measured fields), computed here independently. */
static void check_rim(struct fake_plat *f, uint64_t hash_algo)
{
	struct t_realm_params p;
	struct t_realm r;
	uint8_t image[GRANULE_SIZE] = { 0 };
	uint8_t expect[64] = { 0 };
	size_t hs = hash_algo == RMI_HASH_SHA_512 ? 64U : 32U;

	t_realm_params_default(&p, 11);
	p.flags = RMI_REALM_FLAG_PMU;
	p.pmu_num_ctrs = 3;
	p.num_bps = 4;
	p.num_wps = 5;
	p.hash_algo = hash_algo;
	assert_int_equal(t_realm_create(f, &p, &r), OK);
	/* Only flags, s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs, hash_algo. */
	image[0] = (uint8_t)RMI_REALM_FLAG_PMU;
	image[0x8] = 40;
	image[0x18] = 4;
	image[0x20] = 5;
	image[0x28] = 3;
	image[0x30] = (uint8_t)hash_algo;
	if (hash_algo == RMI_HASH_SHA_512) {
		assert_int_equal(mbedtls_sha512_ret(image, sizeof(image), expect, 0), 0);
	} else {
		assert_int_equal(mbedtls_sha256_ret(image, sizeof(image), expect, 0), 0);
	}
	assert_memory_equal(rd_of(f, r.rd)->measurement[0], expect, 64);
	for (size_t i = hs; i < 64U; i++) {
		assert_int_equal(rd_of(f, r.rd)->measurement[0][i], 0);
	}
}

static void realm_create__rim_is_sha256_of_measured_params_image(void **state)
{
	check_rim(*state, RMI_HASH_SHA_256);
}

static void realm_create__rim_is_sha512_of_measured_params_image(void **state)
{
	check_rim(*state, RMI_HASH_SHA_512);
}

static void realm_create__rim_ignores_rpv_vmid_and_rtt_fields(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;
	struct t_realm a;
	struct t_realm b;

	t_realm_params_default(&p, 1);
	assert_int_equal(t_realm_create(f, &p, &a), OK);
	t_realm_params_default(&p, 2);
	p.rpv[5] ^= 0xFF;
	p.s2sz = 40;
	p.rtt_level_start = 1;
	p.rtt_num_start = 2;
	assert_int_equal(t_realm_create(f, &p, &b), OK);
	assert_memory_equal(rd_of(f, a.rd)->measurement[0], rd_of(f, b.rd)->measurement[0], 64);
	/* ... but a measured field changes it. */
	t_realm_params_default(&p, 3);
	p.num_bps = 3;
	assert_int_equal(t_realm_create(f, &p, &b), OK);
	assert_memory_not_equal(rd_of(f, a.rd)->measurement[0], rd_of(f, b.rd)->measurement[0],
				64);
}

static void realm_create__charges_sha256_blocks(void **state)
{
	struct fake_plat *f = *state;
	uint64_t before = f->cost[RMM_COST_SHA256_BLOCK];

	(void)t_realm_new(f, 1);
	/* 4096 bytes + padding = 65 blocks. */
	assert_int_equal(f->cost[RMM_COST_SHA256_BLOCK] - before, 65);
}

static void realm_create__fails_input_on_bad_params_pointer(void **state)
{
	struct fake_plat *f = *state;
	pa_t rd = fake_alloc_delegated(f);
	pa_t rtt = fake_alloc_delegated(f);
	pa_t params = fake_alloc(f);
	pa_t realm_params = fake_alloc_delegated(f);
	struct t_realm_params p;

	t_realm_params_default(&p, 1);
	p.rtt_base = rtt;
	t_realm_params_write(f, params, &p);
	/* params_align */
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, rd, params + 8, 0, 0, 0, 0), INPUT);
	/* params_bound: MMIO, beyond the PA size */
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, rd, FAKE_MMIO_BASE, 0, 0, 0, 0),
			 INPUT);
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, rd, 1ULL << 48, 0, 0, 0, 0), INPUT);
	/* params_pas: Realm and Secure granules */
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, rd, realm_params, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, rd, FAKE_SECURE_IN_BANK, 0, 0, 0, 0),
			 INPUT);
	assert_int_equal(fake_state(f, rd), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_state(f, rtt), RMM_GRANULE_DELEGATED);
	/* The same call with a good pointer works. */
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, rd, params, 0, 0, 0, 0), OK);
}

static void realm_create__fails_input_when_params_not_valid(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;

	t_realm_params_default(&p, 1);
	p.hash_algo = 2;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.s2sz = 31;
	p.rtt_level_start = 2;
	p.rtt_num_start = 2;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.s2sz = 49;
	expect_create_input(f, &p);
}

static void realm_create__fails_input_when_feature_not_supported(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;

	t_realm_params_default(&p, 1);
	p.flags = RMI_REALM_FLAG_LPA2; /* FR0.LPA2 = 0 */
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.num_bps = 0;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.num_bps = FAKE_FEAT_NUM_BPS + 1;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.num_wps = 0;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.num_wps = FAKE_FEAT_NUM_WPS + 1;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.flags = RMI_REALM_FLAG_SVE; /* FR0.SVE_EN = 0 */
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.flags = RMI_REALM_FLAG_PMU;
	p.pmu_num_ctrs = FAKE_FEAT_PMU_NUM_CTRS + 1;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.flags = RMI_REALM_FLAG_PMU;
	p.pmu_num_ctrs = 0; /* no FEAT_HPMN0 */
	expect_create_input(f, &p);
	/* pmu_num_ctrs is ignored without flags.pmu */
	t_realm_params_default(&p, 1);
	p.pmu_num_ctrs = 31;
	assert_int_equal(t_realm_create(f, &p, &(struct t_realm){ 0 }), OK);
}

static void realm_create__fails_input_when_hash_algo_not_supported(void **state)
{
	struct fake_plat *f = fake_create_feat(fake_feat_reg0() &
					      ~(1ULL << RMI_FEATURE_REGISTER_0_HASH_SHA_512_SHIFT));
	struct t_realm_params p;

	(void)state;
	assert_non_null(f);
	t_realm_params_default(&p, 1);
	p.hash_algo = RMI_HASH_SHA_512;
	expect_create_input(f, &p);
	fake_destroy(f);
}

static void realm_create__fails_input_when_rd_aliases_rtt(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;
	struct t_realm r;

	t_realm_params_default(&p, 1);
	p.s2sz = 42;
	p.rtt_level_start = 1;
	p.rtt_num_start = 8;
	memset(&r, 0, sizeof(r));
	for (unsigned i = 0; i < 8U; i++) {
		r.rtt[i] = fake_alloc_delegated(f);
	}
	p.rtt_base = r.rtt[0];
	r.nrtt = 8;
	r.rd = r.rtt[3];
	r.params = fake_alloc(f);
	t_realm_params_write(f, r.params, &p);
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, r.rd, r.params, 0, 0, 0, 0), INPUT);
	r.rd = r.rtt[0];
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, r.rd, r.params, 0, 0, 0, 0), INPUT);
	assert_create_left_nothing(f, &r, 1);
}

static void realm_create__fails_input_on_bad_rd(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;
	struct t_realm r;

	t_realm_params_default(&p, 1);
	memset(&r, 0, sizeof(r));
	r.rtt[0] = fake_alloc_delegated(f);
	r.nrtt = 1;
	p.rtt_base = r.rtt[0];
	r.params = fake_alloc(f);
	t_realm_params_write(f, r.params, &p);
	r.rd = fake_alloc_delegated(f);
	/* rd_align */
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, r.rd + 0x10, r.params, 0, 0, 0, 0),
			 INPUT);
	/* rd_bound */
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, FAKE_MMIO_BASE, r.params, 0, 0, 0, 0),
			 INPUT);
	/* rd_state: UNDELEGATED */
	assert_int_equal(fake_rmi(f, RMI_REALM_CREATE_FID, fake_alloc(f), r.params, 0, 0, 0, 0),
			 INPUT);
	assert_create_left_nothing(f, &r, 1);
}

static void realm_create__fails_input_on_bad_rtt(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;
	struct t_realm r;
	pa_t undelegated;

	/* rtt_align */
	t_realm_params_default(&p, 1);
	p.rtt_base = fake_alloc_delegated(f) + 0x800;
	expect_create_input(f, &p);
	/* rtt_num_level: s2sz 40 at level 1 needs 2 tables, and level 3 never works */
	t_realm_params_default(&p, 1);
	p.rtt_level_start = 1;
	p.rtt_num_start = 1;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.rtt_level_start = 3;
	expect_create_input(f, &p);
	t_realm_params_default(&p, 1);
	p.rtt_level_start = -1; /* without lpa2 */
	expect_create_input(f, &p);
	/* rtt_state: the second of two starting RTTs is UNDELEGATED */
	t_realm_params_default(&p, 1);
	p.rtt_level_start = 1;
	p.rtt_num_start = 2;
	p.rtt_base = fake_alloc_delegated(f);
	undelegated = fake_alloc(f);
	assert_int_equal(undelegated, p.rtt_base + GRANULE_SIZE);
	assert_int_equal(t_realm_create(f, &p, &r), INPUT);
	assert_int_equal(fake_state(f, p.rtt_base), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_state(f, undelegated), RMM_GRANULE_UNDELEGATED);
	/* rtt_state: an RTT that is already another realm's RTT */
	{
		struct t_realm other = t_realm_new(f, 9);

		t_realm_params_default(&p, 10);
		p.rtt_base = other.rtt[0];
		assert_int_equal(t_realm_create(f, &p, &r), INPUT);
		assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_DELEGATED);
	}
	assert_create_left_nothing(f, &r, 1);
}

static void realm_create__fails_input_when_vmid_in_use(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;
	struct t_realm r;

	(void)t_realm_new(f, 42);
	t_realm_params_default(&p, 42);
	assert_int_equal(t_realm_create(f, &p, &r), INPUT);
	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_state(f, r.rtt[0]), RMM_GRANULE_DELEGATED);
	/* Another VMID works; VMIDs of live realms stay distinct. */
	(void)t_realm_new(f, 43);
	assert_true(fake_invariants_hold(f));
}

static void realm_create__two_failures_report_input_without_side_effects(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;

	struct t_realm r;

	/* params_valid + vmid_valid, params_supp + rtt_num_level */
	(void)t_realm_new(f, 5);
	t_realm_params_default(&p, 5);
	p.hash_algo = 7;
	assert_int_equal(t_realm_create(f, &p, &r), INPUT);
	assert_create_left_nothing(f, &r, 8);
	t_realm_params_default(&p, 6);
	p.num_bps = 0;
	p.rtt_num_start = 3;
	expect_create_input(f, &p);
}

/* --------------------------------------------------------- REALM_ACTIVATE */

static void realm_activate__succeeds_when_new(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);

	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, r.rd, 0, 0, 0, 0, 0), OK);
	assert_int_equal(rd_of(f, r.rd)->state, REALM_ACTIVE);
}

static void realm_activate__fails_realm_when_not_new(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);

	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, r.rd, 0, 0, 0, 0, 0), OK);
	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, r.rd, 0, 0, 0, 0, 0),
			 ST(RMI_ERROR_REALM, 0));
	assert_int_equal(rd_of(f, r.rd)->state, REALM_ACTIVE);
}

static void realm_activate__fails_input_on_bad_rd(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);

	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, r.rd + 8, 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, FAKE_MMIO_BASE, 0, 0, 0, 0, 0),
			 INPUT);
	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, r.rtt[0], 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, fake_alloc_delegated(f), 0, 0, 0, 0,
				  0),
			 INPUT);
	assert_int_equal(rd_of(f, r.rd)->state, REALM_NEW);
}

/* ---------------------------------------------------------- REALM_DESTROY */

static void realm_destroy__succeeds_returning_granules_and_vmid(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 77);
	uint8_t zero[GRANULE_SIZE] = { 0 };

	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, r.rd, 0, 0, 0, 0, 0), OK);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0, 0), OK);
	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_state(f, r.rtt[0]), RMM_GRANULE_DELEGATED);
	assert_memory_equal(fake_mem(f, r.rd), zero, GRANULE_SIZE);
	assert_memory_equal(fake_mem(f, r.rtt[0]), zero, GRANULE_SIZE);
	assert_true(fake_invariants_hold(f));
	/* The VMID is free again, and so are the granules. */
	(void)t_realm_new(f, 77);
	assert_int_equal(fake_rmi(f, RMI_GRANULE_UNDELEGATE_FID, r.rd, 0, 0, 0, 0, 0), OK);
}

static void realm_destroy__fails_realm_while_a_rec_exists(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	pa_t rec = t_rec_new(f, r.rd, 0);

	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0, 0),
			 ST(RMI_ERROR_REALM, 0));
	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_RD);
	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, rec, 0, 0, 0, 0, 0), OK);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0, 0), OK);
}

/* RTTs at levels 1..3 covering IPA 0 of a default realm; returns the level-3 RTT. */
static pa_t make_rtts_to_level3(struct fake_plat *f, pa_t rd)
{
	pa_t rtt = 0;

	for (uint64_t level = 1; level <= 3U; level++) {
		rtt = fake_alloc_delegated(f);
		assert_int_equal(fake_rmi(f, RMI_RTT_CREATE_FID, rd, rtt, 0, level, 0, 0), OK);
	}
	return rtt;
}

static void realm_destroy__fails_realm_while_an_rtt_is_live(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	pa_t rtt = fake_alloc_delegated(f);

	assert_int_equal(fake_rmi(f, RMI_RTT_CREATE_FID, r.rd, rtt, 0, 1, 0, 0), OK);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0, 0),
			 ST(RMI_ERROR_REALM, 0));
	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_RD);
	assert_int_equal(fake_state(f, r.rtt[0]), RMM_GRANULE_RTT);
	assert_int_equal(fake_rmi(f, RMI_RTT_DESTROY_FID, r.rd, 0, 1, 0, 0, 0), OK);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0, 0), OK);
}

static void realm_destroy__fails_input_on_bad_rd(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);

	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd | 1, 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, 1ULL << 50, 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rtt[0], 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_RD);
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0, 0), OK);
	/* A destroyed realm's RD is just DELEGATED now. */
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0, 0), INPUT);
}

/* ---------------------------------------------------------- REC_AUX_COUNT */

static void rec_aux_count__returns_16_for_every_realm(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct smc_regs res = fake_smc(f, RMI_REC_AUX_COUNT_FID, r.rd, 0, 0, 0, 0, 0);

	assert_int_equal(res.x[0], OK);
	assert_int_equal(res.x[1], 16);
}

static void rec_aux_count__fails_input_on_bad_rd(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);

	assert_int_equal(fake_rmi(f, RMI_REC_AUX_COUNT_FID, r.rd + 0x40, 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_AUX_COUNT_FID, FAKE_SECURE_BASE, 0, 0, 0, 0, 0),
			 INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_AUX_COUNT_FID, r.rtt[0], 0, 0, 0, 0, 0), INPUT);
}

/* ----------------------------------------------------- invariant checker */

static void invariants__detect_rtt_refcount_mismatch(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct granule *g = granule_find(f->rmm, r.rtt[0]);
	char msg[256] = "";

	granule_get(g);
	assert_false(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "refcount: RTT"));
	granule_put(g);
	assert_true(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
}

static void invariants__detect_duplicate_vmid(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm a = t_realm_new(f, 1);
	struct t_realm b = t_realm_new(f, 2);
	struct rd *rd = (struct rd *)fake_mem(f, b.rd);
	char msg[256] = "";

	(void)a;
	rd->s2.vmid = 1;
	assert_false(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "vmid_unique"));
	rd->s2.vmid = 2;
	assert_true(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
}

static void invariants__detect_data_granule_mapped_twice_or_not_at_all(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	pa_t data[2] = { fake_alloc_delegated(f), fake_alloc_delegated(f) };
	struct s2tt_walk wk;
	uint64_t saved;
	char msg[256] = "";

	(void)make_rtts_to_level3(f, r.rd);
	assert_int_equal(fake_rmi(f, RMI_DATA_CREATE_UNKNOWN_FID, r.rd, data[0], 0x0, 0, 0, 0), OK);
	assert_int_equal(fake_rmi(f, RMI_DATA_CREATE_UNKNOWN_FID, r.rd, data[1], 0x1000, 0, 0, 0),
			 OK);
	assert_true(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	/* Point the second entry at the first DATA granule. */
	s2tt_walk(f->rmm, rd_of(f, r.rd), 0x1000, 3, &wk);
	assert_int_equal(wk.level, 3);
	saved = wk.rtt[wk.index];
	wk.rtt[wk.index] = s2tte_create_assigned(data[0], RMI_RAM, 3, false);
	assert_false(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "data_mapped"));
	wk.rtt[wk.index] = saved;
	assert_true(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fake_setup, fake_teardown)
		T(realm_create__succeeds_making_rd_and_rtt_granules),
		T(realm_create__succeeds_with_concatenated_starting_tables),
		T(realm_create__rim_is_sha256_of_measured_params_image),
		T(realm_create__rim_is_sha512_of_measured_params_image),
		T(realm_create__rim_ignores_rpv_vmid_and_rtt_fields),
		T(realm_create__charges_sha256_blocks),
		T(realm_create__fails_input_on_bad_params_pointer),
		T(realm_create__fails_input_when_params_not_valid),
		T(realm_create__fails_input_when_feature_not_supported),
		T(realm_create__fails_input_when_hash_algo_not_supported),
		T(realm_create__fails_input_when_rd_aliases_rtt),
		T(realm_create__fails_input_on_bad_rd),
		T(realm_create__fails_input_on_bad_rtt),
		T(realm_create__fails_input_when_vmid_in_use),
		T(realm_create__two_failures_report_input_without_side_effects),
		T(realm_activate__succeeds_when_new),
		T(realm_activate__fails_realm_when_not_new),
		T(realm_activate__fails_input_on_bad_rd),
		T(realm_destroy__succeeds_returning_granules_and_vmid),
		T(realm_destroy__fails_realm_while_a_rec_exists),
		T(realm_destroy__fails_realm_while_an_rtt_is_live),
		T(realm_destroy__fails_input_on_bad_rd),
		T(rec_aux_count__returns_16_for_every_realm),
		T(rec_aux_count__fails_input_on_bad_rd),
		T(invariants__detect_rtt_refcount_mismatch),
		T(invariants__detect_duplicate_vmid),
		T(invariants__detect_data_granule_mapped_twice_or_not_at_all),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
