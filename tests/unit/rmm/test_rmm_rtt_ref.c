/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RTT outputs where a differential run against the reference RMM found
 * differences (issue 17): the `top` output of RTT_DESTROY, DATA_DESTROY and
 * RTT_UNMAP_UNPROTECTED when the walk stops in a starting-level RTT that
 * reaches beyond 2^w, and MAP / UNMAP_UNPROTECTED at a level above the
 * realm's starting level (the reference asserts in its walk there).
 */
#include <string.h>

#include "rtt_world.h"

/* The realm: s2sz 36, RTTs start at level 1, one starting RTT. */
#define W36_ROOT_END (512 * SZ_1G) /* 2^39: the level-1 RTT's range */

static int setup_w36_sl1(void **state)
{
	*state = tw_new(36, 1, 1);
	return 0;
}

static void rtt_destroy__walk_error_top_is_end_of_starting_rtt_beyond_2w(void **state)
{
	struct tw *t = *state;
	/* Reproducer 1 of issue 17: RTT_DESTROY(rd, ipa 0, level 3). */
	struct smc_regs r = tw_call(t, RMI_RTT_DESTROY_FID, t->rd, 0, 3, 0, 0);

	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	/* states.md §6 "the end of the RTT's range": 2^39, not 2^36. */
	assert_int_equal(r.x[2], 0x8000000000ULL);
}

static void rtt_destroy__success_top_is_end_of_starting_rtt_beyond_2w(void **state)
{
	struct tw *t = *state;
	pa_t l2 = tw_rtt_create(t, SZ_1G, 2);
	/* Reproducer 2 of issue 17: RTT_DESTROY(rd, 0x40000000, 2). */
	struct smc_regs r = tw_call(t, RMI_RTT_DESTROY_FID, t->rd, SZ_1G, 2, 0, 0);

	OK(r.x[0]);
	assert_int_equal(r.x[1], l2);
	assert_int_equal(r.x[2], 1ULL << 39);
	assert_int_equal(fake_state(t->f, l2), RMM_GRANULE_DELEGATED);
}

static void rtt_destroy__rtte_state_top_is_end_of_starting_rtt_beyond_2w(void **state)
{
	struct tw *t = *state;
	/* Level-1 entry at 2G is UNASSIGNED: rtte_state, nothing live after it. */
	struct smc_regs r = tw_call(t, RMI_RTT_DESTROY_FID, t->rd, 2 * SZ_1G, 2, 0, 0);

	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	assert_int_equal(r.x[2], W36_ROOT_END);
}

static void data_destroy__walk_error_top_is_end_of_starting_rtt_beyond_2w(void **state)
{
	struct tw *t = *state;
	struct smc_regs r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 3 * SZ_1G, 0, 0, 0);

	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	assert_int_equal(r.x[2], W36_ROOT_END);
	/* A live entry after ipa in the same RTT still comes first. */
	(void)tw_rtt_create(t, 5 * SZ_1G, 2);
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 3 * SZ_1G, 0, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(r.x[2], 5 * SZ_1G);
}

static void rtt_unmap_unprotected__walk_error_top_is_end_of_starting_rtt_beyond_2w(void **state)
{
	struct tw *t = *state;
	struct smc_regs r = tw_call(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, UNPROT(t), 3, 0, 0);

	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	assert_int_equal(r.x[1], W36_ROOT_END);
	/* rtte_state at level 1 (UNASSIGNED_NS block): same top. */
	r = tw_call(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, UNPROT(t) + SZ_1G, 1, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	assert_int_equal(r.x[1], W36_ROOT_END);
}

/* Root RTTs of the sl = 2 world, to show a refused call changed nothing. */
static void snapshot_roots(struct tw *t, uint8_t *buf)
{
	for (unsigned i = 0; i < 4; i++) {
		memcpy(buf + i * SZ_4K, fake_mem(t->f, t->rtt_base + i * SZ_4K), SZ_4K);
	}
}

static void map_unmap_unprotected__level_above_start_level_fails_input_unchanged(void **state)
{
	struct tw *t = tw_new(32, 2, 4);
	static uint8_t before[4 * SZ_4K], after[4 * SZ_4K];
	ipa_t ns = 2 * SZ_1G; /* unprotected, starting table 2 */

	*state = t;
	snapshot_roots(t, before);
	/*
	 * Level 1 (and 0) names no entry of a realm whose RTTs start at level
	 * 2: level_bound (INPUT), docs/conformance.md; the reference's walk
	 * asserts here.
	 */
	for (int64_t level = 1; level >= 0; level--) {
		assert_int_equal(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ns, (uint64_t)level,
					0x80000000ULL, 0),
				 RMI_ERROR_INPUT);
		assert_int_equal(
			tw_rmi(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ns, (uint64_t)level, 0, 0),
			RMI_ERROR_INPUT);
	}
	snapshot_roots(t, after);
	assert_memory_equal(before, after, sizeof(before));
	/* The starting level itself is a block level here: it maps and unmaps. */
	OK(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ns, 2, 0x80000000ULL, 0));
	OK(tw_rmi(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ns, 2, 0, 0));
}

int rtt_ref_tests_run(void)
{
	const struct CMUnitTest tests[] = {
#define W36(fn) cmocka_unit_test_setup_teardown(fn, setup_w36_sl1, tw_teardown)
		W36(rtt_destroy__walk_error_top_is_end_of_starting_rtt_beyond_2w),
		W36(rtt_destroy__success_top_is_end_of_starting_rtt_beyond_2w),
		W36(rtt_destroy__rtte_state_top_is_end_of_starting_rtt_beyond_2w),
		W36(data_destroy__walk_error_top_is_end_of_starting_rtt_beyond_2w),
		W36(rtt_unmap_unprotected__walk_error_top_is_end_of_starting_rtt_beyond_2w),
#undef W36
		cmocka_unit_test_setup_teardown(
			map_unmap_unprotected__level_above_start_level_fails_input_unchanged,
			tw_setup_none, tw_teardown_maybe),
	};

	return cmocka_run_group_tests_name("rtt_ref", tests, NULL, NULL);
}
