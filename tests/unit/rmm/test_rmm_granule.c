/* SPDX-License-Identifier: BSD-3-Clause */
/* RMI_VERSION, RMI_FEATURES, RMI_GRANULE_DELEGATE / UNDELEGATE and the invariant checker. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "den0137_abi.h"
#include "fake_plat.h"
#include "granule.h"
#include "rmm_private.h"

#define OK rmi_status(RMI_SUCCESS, 0)
#define INPUT rmi_status(RMI_ERROR_INPUT, 0)

static uint64_t rmi_status(unsigned status, unsigned index)
{
	return ((uint64_t)index << 8) | status;
}

static uint64_t delegate(struct fake_plat *f, pa_t pa)
{
	return fake_rmi(f, RMI_GRANULE_DELEGATE_FID, pa, 0, 0, 0, 0, 0);
}

static uint64_t undelegate(struct fake_plat *f, pa_t pa)
{
	return fake_rmi(f, RMI_GRANULE_UNDELEGATE_FID, pa, 0, 0, 0, 0, 0);
}

/* ---------------------------------------------------------------- VERSION */

static void version__succeeds_for_1_0_with_lower_and_higher(void **state)
{
	struct smc_regs r = fake_smc(*state, RMI_VERSION_FID, RMI_ABI_VERSION, 0, 0, 0, 0, 0);

	assert_int_equal(r.x[0], OK);
	assert_int_equal(r.x[1], RMI_ABI_VERSION);
	assert_int_equal(r.x[2], RMI_ABI_VERSION);
}

static void version__fails_input_for_lower_version_still_reporting_range(void **state)
{
	struct smc_regs r = fake_smc(*state, RMI_VERSION_FID, 0x0, 0, 0, 0, 0, 0);

	assert_int_equal(r.x[0], INPUT);
	assert_int_equal(r.x[1], RMI_ABI_VERSION);
	assert_int_equal(r.x[2], RMI_ABI_VERSION);
}

static void version__fails_input_for_higher_version_still_reporting_range(void **state)
{
	struct smc_regs r;

	r = fake_smc(*state, RMI_VERSION_FID, 0x20000, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], INPUT);
	assert_int_equal(r.x[1], RMI_ABI_VERSION);
	assert_int_equal(r.x[2], RMI_ABI_VERSION);
	r = fake_smc(*state, RMI_VERSION_FID, 0x10001, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], INPUT);
}

/* --------------------------------------------------------------- FEATURES */

static void features__index0_returns_feature_register0(void **state)
{
	struct smc_regs r = fake_smc(*state, RMI_FEATURES_FID, 0, 0, 0, 0, 0, 0);

	assert_int_equal(r.x[0], OK);
	assert_int_equal(r.x[1], fake_feat_reg0());
	assert_int_equal((r.x[1] >> RMI_FEATURE_REGISTER_0_S2SZ_SHIFT) & 0xFF, 48);
}

static void features__other_index_returns_zero_and_success(void **state)
{
	struct smc_regs r = fake_smc(*state, RMI_FEATURES_FID, 1, 0, 0, 0, 0, 0);

	assert_int_equal(r.x[0], OK);
	assert_int_equal(r.x[1], 0);
	r = fake_smc(*state, RMI_FEATURES_FID, ~0ULL, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], OK);
	assert_int_equal(r.x[1], 0);
}

/* --------------------------------------------------------------- DELEGATE */

static void delegate__succeeds_making_granule_delegated_realm_and_zero(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc(f);
	uint8_t data[GRANULE_SIZE];
	uint8_t *mem = fake_mem(f, pa);

	memset(data, 0xA5, sizeof(data));
	assert_true(fake_ns_write(f, pa, data, sizeof(data)));
	assert_int_equal(delegate(f, pa), OK);
	assert_int_equal(fake_state(f, pa), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_gpi(f, pa), GPT_GPI_REALM);
	for (size_t i = 0; i < GRANULE_SIZE; i++) {
		assert_int_equal(mem[i], 0);
	}
	/* The host can no longer read it. */
	assert_false(fake_ns_read(f, pa, data, 8));
	assert_true(fake_invariants_hold(f));
}

static void delegate__fails_input_when_unaligned(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc(f);

	assert_int_equal(delegate(f, pa + 0x800), INPUT);
	assert_int_equal(delegate(f, pa + 8), INPUT);
	assert_int_equal(fake_state(f, pa), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(fake_gpi(f, pa), GPT_GPI_NS);
	assert_true(fake_invariants_hold(f));
}

static void delegate__fails_input_when_beyond_pa_size(void **state)
{
	struct fake_plat *f = *state;

	assert_int_equal(delegate(f, 1ULL << FAKE_PA_BITS), INPUT);
	assert_int_equal(delegate(f, (1ULL << FAKE_PA_BITS) + FAKE_BANK0_BASE), INPUT);
	assert_int_equal(delegate(f, ~0ULL & ~(uint64_t)GRANULE_MASK), INPUT);
	assert_true(fake_invariants_hold(f));
}

static void delegate__fails_input_for_mmio_and_secure_memory_outside_dram(void **state)
{
	struct fake_plat *f = *state;
	uint64_t calls = f->gtsi_calls;

	assert_int_equal(delegate(f, FAKE_MMIO_BASE), INPUT);
	assert_int_equal(delegate(f, FAKE_SECURE_BASE), INPUT);
	assert_int_equal(delegate(f, 0), INPUT);
	assert_int_equal(fake_gpi(f, FAKE_SECURE_BASE), GPT_GPI_SECURE);
	/* gran_bound is decided by the RMM: EL3 is never asked. */
	assert_int_equal(f->gtsi_calls, calls);
}

static void delegate__fails_input_when_already_delegated(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	uint64_t calls = f->gtsi_calls;

	assert_int_not_equal(pa, 0);
	assert_int_equal(delegate(f, pa), INPUT);
	assert_int_equal(fake_state(f, pa), RMM_GRANULE_DELEGATED);
	/* gran_state comes before gran_gpt: EL3 is not asked. */
	assert_int_equal(f->gtsi_calls, calls);
	assert_true(fake_invariants_hold(f));
}

static void delegate__fails_input_when_gpt_says_secure(void **state)
{
	struct fake_plat *f = *state;

	assert_int_equal(delegate(f, FAKE_SECURE_IN_BANK), INPUT);
	assert_int_equal(fake_state(f, FAKE_SECURE_IN_BANK), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(fake_gpi(f, FAKE_SECURE_IN_BANK), GPT_GPI_SECURE);
	assert_true(fake_invariants_hold(f));
}

static void delegate__unaligned_and_unbound_fails_before_asking_el3(void **state)
{
	struct fake_plat *f = *state;
	uint64_t calls = f->gtsi_calls;

	/* align + gpt: align wins (no GTSI request); bound + state likewise. */
	assert_int_equal(delegate(f, FAKE_SECURE_IN_BANK + 0x10), INPUT);
	assert_int_equal(delegate(f, FAKE_SECURE_BASE + 0x10), INPUT);
	assert_int_equal(delegate(f, (1ULL << FAKE_PA_BITS) + 4), INPUT);
	assert_int_equal(f->gtsi_calls, calls);
}

static void delegate__secure_in_bank_granule_stays_usable_after_fixing_gpt(void **state)
{
	struct fake_plat *f = *state;

	assert_int_equal(delegate(f, FAKE_SECURE_IN_BANK), INPUT);
	assert_int_equal(fake_set_gpi(f, FAKE_SECURE_IN_BANK, GRANULE_SIZE, GPT_GPI_NS), 0);
	assert_int_equal(delegate(f, FAKE_SECURE_IN_BANK), OK);
	assert_int_equal(fake_gpi(f, FAKE_SECURE_IN_BANK), GPT_GPI_REALM);
}

/* ------------------------------------------------------------- UNDELEGATE */

static void undelegate__succeeds_returning_granule_to_ns(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	uint8_t buf[16];

	assert_int_equal(undelegate(f, pa), OK);
	assert_int_equal(fake_state(f, pa), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(fake_gpi(f, pa), GPT_GPI_NS);
	assert_true(fake_ns_read(f, pa, buf, sizeof(buf)));
	for (size_t i = 0; i < sizeof(buf); i++) {
		assert_int_equal(buf[i], 0);
	}
	assert_true(fake_invariants_hold(f));
}

static void undelegate__fails_input_when_unaligned(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);

	assert_int_equal(undelegate(f, pa + 0x100), INPUT);
	assert_int_equal(fake_state(f, pa), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_gpi(f, pa), GPT_GPI_REALM);
}

static void undelegate__fails_input_when_not_delegable(void **state)
{
	struct fake_plat *f = *state;

	assert_int_equal(undelegate(f, 1ULL << FAKE_PA_BITS), INPUT);
	assert_int_equal(undelegate(f, FAKE_MMIO_BASE), INPUT);
	assert_int_equal(undelegate(f, FAKE_SECURE_BASE), INPUT);
}

static void undelegate__fails_input_when_not_delegated(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc(f);
	uint64_t calls = f->gtsi_calls;

	assert_int_equal(undelegate(f, pa), INPUT);
	assert_int_equal(undelegate(f, FAKE_SECURE_IN_BANK), INPUT);
	assert_int_equal(fake_state(f, pa), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(fake_gpi(f, FAKE_SECURE_IN_BANK), GPT_GPI_SECURE);
	assert_int_equal(f->gtsi_calls, calls);
}

static void delegate_undelegate__round_trip_twice_keeps_invariants(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc(f);

	for (int i = 0; i < 2; i++) {
		assert_int_equal(delegate(f, pa), OK);
		assert_true(fake_invariants_hold(f));
		assert_int_equal(undelegate(f, pa), OK);
		assert_true(fake_invariants_hold(f));
	}
	assert_int_equal(f->cost[RMM_COST_GRANULE_ZERO], 2);
}

/* ------------------------------------------------------ invariant checker */

static void invariants__detect_nonzero_delegated_granule(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	char msg[256] = "";

	fake_mem(f, pa)[100] = 1;
	assert_false(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "delegated_zero"));
	fake_mem(f, pa)[100] = 0;
	assert_true(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
}

static void invariants__detect_delegated_granule_in_ns_pas(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	char msg[256] = "";

	assert_int_equal(fake_set_gpi(f, pa, GRANULE_SIZE, GPT_GPI_NS), 0);
	assert_false(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "pas"));
	assert_int_equal(fake_set_gpi(f, pa, GRANULE_SIZE, GPT_GPI_REALM), 0);
	assert_true(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
}

/* ---------------------------------------------- tracked invariant checker */

static void invariants_tracked__detect_nonzero_delegated_granule_written_by_the_rmm(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	char msg[256] = "";
	uint8_t *m;

	assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
	/* The RMM maps the granule (as a command would) and writes into it. */
	m = granule_map(f->rmm, granule_find(f->rmm, pa));
	m[7] = 1;
	assert_false(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "delegated_zero"));
	m[7] = 0;
	assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
}

static void invariants_tracked__skip_granules_the_rmm_did_not_touch_the_full_check_does_not(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	char msg[256] = "";

	assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
	/* A write behind the RMM's back: outside the tracked checker's contract. */
	fake_mem(f, pa)[100] = 1;
	assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
	assert_false(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "delegated_zero"));
	fake_mem(f, pa)[100] = 0;
}

static void invariants_tracked__detect_refcount_change_of_unmapped_granule(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	struct granule_locked gl;
	char msg[256] = "";

	assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
	assert_true(find_lock_granule(f->rmm, pa, RMM_GRANULE_DELEGATED, &gl));
	granule_refcount_inc(gl, 1);
	granule_unlock_locked(gl);
	assert_false(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "refcount"));
	assert_true(find_lock_granule(f->rmm, pa, RMM_GRANULE_DELEGATED, &gl));
	granule_refcount_dec(gl, 1);
	granule_unlock_locked(gl);
	assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
}

/*
 * The change marks (granule.changed, mapped_map) skip their atomic RMW when
 * already set: after a passing tracked check has cleared them, the next
 * change must set them again, every time.
 */
static void invariants_tracked__detect_every_change_after_a_passing_check(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	struct granule_locked gl;
	char msg[256] = "";
	uint8_t *m;

	for (unsigned round = 0; round < 3U; round++) {
		assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
		assert_true(find_lock_granule(f->rmm, pa, RMM_GRANULE_DELEGATED, &gl));
		granule_refcount_inc(gl, 1);
		granule_unlock_locked(gl);
		assert_false(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
		assert_non_null(strstr(msg, "refcount"));
		assert_true(find_lock_granule(f->rmm, pa, RMM_GRANULE_DELEGATED, &gl));
		granule_refcount_dec(gl, 1);
		granule_unlock_locked(gl);
		assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
		m = granule_map(f->rmm, granule_find(f->rmm, pa));
		m[round] = 1;
		assert_false(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
		assert_non_null(strstr(msg, "delegated_zero"));
		m[round] = 0;
	}
	assert_true(rmm_check_invariants_tracked(f->rmm, msg, sizeof(msg)));
}

static void reset_granules__return_delegated_granules_to_undelegated(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc_delegated(f);
	uint64_t before;
	enum rmm_granule_state st;

	assert_true(rmm_granule_state(f->rmm, pa, &st));
	assert_int_equal(st, RMM_GRANULE_DELEGATED);
	before = rmm_state_digest(f->rmm);
	rmm_reset_granules(f->rmm, &pa, 1);
	assert_true(rmm_granule_state(f->rmm, pa, &st));
	assert_int_equal(st, RMM_GRANULE_UNDELEGATED);
	assert_int_not_equal(rmm_state_digest(f->rmm), before);
	/* The fake's GPT still says Realm: put it back as a platform reset would. */
	assert_int_equal(fake_set_gpi(f, pa, GRANULE_SIZE, GPT_GPI_NS), 0);
	assert_int_equal(delegate(f, pa), RMI_SUCCESS);
}

/* ------------------------------------------------------------ concurrency */

#define CONC_GRANULES 48U
#define CONC_ITERS 2000U

struct conc_arg {
	struct fake_plat *f;
	pa_t base;
	unsigned seed;
	long net[CONC_GRANULES]; /* delegate successes - undelegate successes */
};

static void *conc_worker(void *p)
{
	struct conc_arg *a = p;

	for (unsigned it = 0; it < CONC_ITERS; it++) {
		unsigned i;

		a->seed = a->seed * 1103515245U + 12345U;
		i = (a->seed >> 8) % CONC_GRANULES;
		if (((a->seed >> 20) & 1U) != 0U) {
			a->net[i] += delegate(a->f, a->base + i * GRANULE_SIZE) == OK;
		} else {
			a->net[i] -= undelegate(a->f, a->base + i * GRANULE_SIZE) == OK;
		}
	}
	return NULL;
}

static void delegate__two_threads_on_same_granules_end_consistent(void **state)
{
	struct fake_plat *f = *state;
	struct conc_arg a[2];
	pthread_t t[2];
	pa_t base = fake_alloc(f);

	for (unsigned i = 1; i < CONC_GRANULES; i++) {
		(void)fake_alloc(f);
	}
	for (unsigned k = 0; k < 2U; k++) {
		memset(&a[k], 0, sizeof(a[k]));
		a[k].f = f;
		a[k].base = base;
		a[k].seed = 7U + k * 1000U;
		assert_int_equal(pthread_create(&t[k], NULL, conc_worker, &a[k]), 0);
	}
	for (unsigned k = 0; k < 2U; k++) {
		assert_int_equal(pthread_join(t[k], NULL), 0);
	}
	for (unsigned i = 0; i < CONC_GRANULES; i++) {
		pa_t pa = base + i * GRANULE_SIZE;
		long net = a[0].net[i] + a[1].net[i];
		enum rmm_granule_state st = fake_state(f, pa);

		/* Every success was a real transition: the net count is the final state. */
		assert_true(net == 0 || net == 1);
		assert_int_equal(st, net == 1 ? RMM_GRANULE_DELEGATED : RMM_GRANULE_UNDELEGATED);
		assert_int_equal(fake_gpi(f, pa), net == 1 ? GPT_GPI_REALM : GPT_GPI_NS);
	}
	assert_true(fake_invariants_hold(f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fake_setup, fake_teardown)
		T(version__succeeds_for_1_0_with_lower_and_higher),
		T(version__fails_input_for_lower_version_still_reporting_range),
		T(version__fails_input_for_higher_version_still_reporting_range),
		T(features__index0_returns_feature_register0),
		T(features__other_index_returns_zero_and_success),
		T(delegate__succeeds_making_granule_delegated_realm_and_zero),
		T(delegate__fails_input_when_unaligned),
		T(delegate__fails_input_when_beyond_pa_size),
		T(delegate__fails_input_for_mmio_and_secure_memory_outside_dram),
		T(delegate__fails_input_when_already_delegated),
		T(delegate__fails_input_when_gpt_says_secure),
		T(delegate__unaligned_and_unbound_fails_before_asking_el3),
		T(delegate__secure_in_bank_granule_stays_usable_after_fixing_gpt),
		T(undelegate__succeeds_returning_granule_to_ns),
		T(undelegate__fails_input_when_unaligned),
		T(undelegate__fails_input_when_not_delegable),
		T(undelegate__fails_input_when_not_delegated),
		T(delegate_undelegate__round_trip_twice_keeps_invariants),
		T(invariants__detect_nonzero_delegated_granule),
		T(invariants__detect_delegated_granule_in_ns_pas),
		T(invariants_tracked__detect_nonzero_delegated_granule_written_by_the_rmm),
		T(invariants_tracked__skip_granules_the_rmm_did_not_touch_the_full_check_does_not),
		T(invariants_tracked__detect_refcount_change_of_unmapped_granule),
		T(invariants_tracked__detect_every_change_after_a_passing_check),
		T(reset_granules__return_delegated_granules_to_undelegated),
		T(delegate__two_threads_on_same_granules_end_consistent),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
