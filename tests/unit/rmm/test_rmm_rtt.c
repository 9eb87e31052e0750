/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RTT entry encoding and geometry (s2tt) and RMI_RTT_CREATE / _DESTROY /
 * _FOLD / _READ_ENTRY / _MAP_UNPROTECTED / _UNMAP_UNPROTECTED through the
 * fake platform; the INIT/SET_RIPAS and DATA_* group is in
 * test_rmm_rtt_ripas_data.c. Every RMI call is followed by the invariant
 * checker.
 */
#include <string.h>

#include "rtt_world.h"

static void s2tt_geometry__accepts_exactly_the_consistent_combinations(void **state)
{
	(void)state;
	assert_int_equal(s2tt_num_root_tables(40, 0, false), 1);
	assert_int_equal(s2tt_num_root_tables(48, 0, false), 1);
	assert_int_equal(s2tt_num_root_tables(39, 0, false), 0);
	assert_int_equal(s2tt_num_root_tables(32, 1, false), 1);
	assert_int_equal(s2tt_num_root_tables(39, 1, false), 1);
	assert_int_equal(s2tt_num_root_tables(40, 1, false), 2);
	assert_int_equal(s2tt_num_root_tables(42, 1, false), 8);
	assert_int_equal(s2tt_num_root_tables(43, 1, false), 16);
	assert_int_equal(s2tt_num_root_tables(44, 1, false), 0);
	assert_int_equal(s2tt_num_root_tables(32, 2, false), 4);
	assert_int_equal(s2tt_num_root_tables(34, 2, false), 16);
	assert_int_equal(s2tt_num_root_tables(35, 2, false), 0);
	assert_int_equal(s2tt_num_root_tables(32, 3, false), 0);
	assert_int_equal(s2tt_num_root_tables(49, 0, false), 0);
	assert_int_equal(s2tt_num_root_tables(52, 0, true), 16);
	assert_int_equal(s2tt_num_root_tables(49, 0, true), 2);
	assert_int_equal(s2tt_num_root_tables(50, -1, true), 1);
	assert_int_equal(s2tt_num_root_tables(48, -1, true), 0);
	assert_int_equal(s2tt_num_root_tables(50, -1, false), 0);
	assert_int_equal(s2tt_num_root_tables(31, 1, false), 0);
	assert_true(s2tt_geometry_valid(42, 1, 8, false));
	assert_false(s2tt_geometry_valid(42, 1, 4, false));
}

static void s2tte__encodes_vmsa_stage2_descriptors(void **state)
{
	uint64_t page = s2tte_create_assigned(0x80001000ULL, RMI_RAM, 3, false);
	uint64_t block = s2tte_create_assigned(0x80200000ULL, RMI_RAM, 2, false);
	uint64_t empty = s2tte_create_assigned(0x80001000ULL, RMI_EMPTY, 3, false);
	uint64_t ns =
		s2tte_create_assigned_ns(0x40000000ULL | S2TTE_AP_RW | (0x5ULL << 2), 3, false);
	uint64_t table = s2tte_create_table(0x80005000ULL, false);

	(void)state;
	assert_int_equal(page & 3U, 3);
	assert_int_equal(block & 3U, 1);
	assert_int_equal(page & S2TTE_OA_MASK, 0x80001000ULL);
	assert_true((page & S2TTE_AF) != 0U);
	assert_int_equal(page & S2TTE_SH_MASK, S2TTE_SH_IS);
	assert_int_equal(page & S2TTE_MEMATTR_MASK, S2TTE_MEMATTR_FWB_NORMAL_WB);
	assert_int_equal(page & S2TTE_AP_MASK, S2TTE_AP_RW);
	assert_int_equal(page & S2TTE_NS, 0);
	assert_int_equal(s2tte_get_state(page, 3), S2TTE_ASSIGNED);
	assert_int_equal(s2tte_get_ripas(page, 3), RMI_RAM);
	assert_int_equal(empty & S2TTE_VALID, 0);
	assert_int_equal(s2tte_get_state(empty, 3), S2TTE_ASSIGNED);
	assert_int_equal(s2tte_get_ripas(empty, 3), RMI_EMPTY);
	assert_int_equal(s2tte_get_oa(empty, 3, false), 0x80001000ULL);
	assert_true((ns & S2TTE_NS) != 0U);
	assert_true((ns & S2TTE_XN) != 0U);
	assert_int_equal(s2tte_get_state(ns, 3), S2TTE_ASSIGNED_NS);
	assert_int_equal(s2tte_host_desc(ns, false), 0x40000000ULL | S2TTE_AP_RW | (0x5ULL << 2));
	assert_int_equal(table & 3U, 3);
	assert_int_equal(s2tte_get_state(table, 2), S2TTE_TABLE);
	assert_int_equal(s2tte_get_state(table, 3), S2TTE_ASSIGNED);
	assert_int_equal(s2tte_get_state(s2tte_create_unassigned(RMI_DESTROYED), 1),
			 S2TTE_UNASSIGNED);
	assert_int_equal(s2tte_get_ripas(s2tte_create_unassigned(RMI_DESTROYED), 1), RMI_DESTROYED);
	assert_int_equal(s2tte_get_state(s2tte_create_unassigned_ns(), 2), S2TTE_UNASSIGNED_NS);
	/* HIPAS 1 and 4-7 are never written: INVALID. */
	assert_int_equal(s2tte_get_state(1ULL << S2TTE_SW_HIPAS_SHIFT, 2), S2TTE_INVALID);
	assert_int_equal(s2tte_get_state(7ULL << S2TTE_SW_HIPAS_SHIFT, 2), S2TTE_INVALID);
}

/* A zeroed (DELEGATED) granule reads as an RTT of UNASSIGNED EMPTY entries (s2tt.h). */
static void s2tte__unassigned_empty_is_the_zero_descriptor(void **state)
{
	(void)state;
	assert_int_equal(s2tte_create_unassigned(RMI_EMPTY), 0);
	for (int level = 0; level <= S2TT_PAGE_LEVEL; level++) {
		assert_int_equal(s2tte_get_state(0, level), S2TTE_UNASSIGNED);
		assert_int_equal(s2tte_get_ripas(0, level), RMI_EMPTY);
		assert_false(s2tte_is_live(0, level));
	}
	assert_true(s2tte_create_unassigned(RMI_RAM) != 0U);
	assert_true(s2tte_create_unassigned(RMI_DESTROYED) != 0U);
	assert_true(s2tte_create_unassigned_ns() != 0U);
}

/* RTT_CREATE under UNASSIGNED EMPTY: the new RTT is the zero granule, entries UNASSIGNED EMPTY. */
static void rtt_create__under_unassigned_empty_leaves_new_rtt_zero(void **state)
{
	static const uint8_t zero[SZ_4K];
	struct tw *t = *state;
	pa_t l1 = tw_rtt_create(t, 0, 1);
	pa_t l2 = tw_rtt_create(t, 0, 2);
	struct smc_regs r;

	assert_memory_equal(fake_mem(t->f, l1) + 8, zero, SZ_4K - 8); /* entry 0 is TABLE */
	assert_memory_equal(fake_mem(t->f, l2), zero, SZ_4K);
	r = tw_read_entry(t, 511 * SZ_2M, 2);
	assert_int_equal(r.x[1], 2);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(r.x[4], RMI_EMPTY);
}

/* RTT_CREATE under a non-zero UNASSIGNED parent (RIPAS DESTROYED) copies it to all 512 entries. */
static void rtt_create__under_destroyed_parent_fills_every_entry(void **state)
{
	struct tw *t = *state;
	pa_t l2;
	struct smc_regs r;

	(void)tw_rtt_create(t, 0, 1);
	(void)tw_rtt_create(t, 0, 2);
	OK(tw_rmi(t, RMI_RTT_DESTROY_FID, t->rd, 0, 2, 0, 0));
	l2 = tw_rtt_create(t, 0, 2);
	for (unsigned i = 0; i < S2TTES_PER_S2TT; i++) {
		r = tw_read_entry(t, (ipa_t)i * SZ_2M, 2);
		assert_int_equal(r.x[2], RMI_UNASSIGNED);
		assert_int_equal(r.x[4], RMI_DESTROYED);
	}
	assert_int_equal(tw_refcount(t, l2), 0);
}

static void rtt_create__links_table_and_counts_parent(void **state)
{
	struct tw *t = *state;
	pa_t l1 = tw_rtt_create(t, 0, 1);
	struct smc_regs r = tw_read_entry(t, 0, 0);

	assert_int_equal(r.x[1], 0);
	assert_int_equal(r.x[2], RMI_TABLE);
	assert_int_equal(r.x[3], l1);
	assert_int_equal(fake_state(t->f, l1), RMM_GRANULE_RTT);
	assert_int_equal(tw_refcount(t, t->rtt_base), 1);
	r = tw_read_entry(t, SZ_1G, 1);
	assert_int_equal(r.x[1], 1);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(r.x[4], RMI_EMPTY);
}

static void rtt_create__fails_input_on_each_argument_check(void **state)
{
	struct tw *t = *state;
	pa_t rtt = tw_delegated(t);
	pa_t ns = fake_alloc(t->f);

	/* rd_state */
	assert_int_equal(tw_rmi(t, RMI_RTT_CREATE_FID, rtt, ns, 0, 1, 0), RMI_ERROR_INPUT);
	/* level_bound: starting level, and above 3 */
	assert_int_equal(tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt, 0, 0, 0), RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt, 0, 4, 0), RMI_ERROR_INPUT);
	/* ipa_align (level 1 RTT covers 512 GiB) */
	assert_int_equal(tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt, SZ_1G, 1, 0), RMI_ERROR_INPUT);
	/* ipa_bound */
	assert_int_equal(tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt, 1ULL << 40, 1, 0),
			 RMI_ERROR_INPUT);
	/* rtt_state */
	assert_int_equal(tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, ns, 0, 1, 0), RMI_ERROR_INPUT);
	/* rtt_align */
	assert_int_equal(tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt + 8, 0, 1, 0), RMI_ERROR_INPUT);
	assert_int_equal(fake_state(t->f, rtt), RMM_GRANULE_DELEGATED);
}

static void rtt_create__fails_rtt_walk_then_rtte_state(void **state)
{
	struct tw *t = *state;
	pa_t rtt = tw_delegated(t);
	uint64_t r;

	/* rtt_walk: no level-1 RTT yet, walk stops at level 0 */
	r = tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt, 0, 3, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 0);
	/* level_bound < rtt_walk */
	assert_int_equal(tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt, 0, 5, 0), RMI_ERROR_INPUT);
	(void)tw_rtt_create(t, 0, 1);
	/* rtte_state: the level-0 entry is already TABLE */
	r = tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt, 0, 1, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 0);
	assert_int_equal(fake_state(t->f, rtt), RMM_GRANULE_DELEGATED);
	assert_int_equal(tw_refcount(t, t->rtt_base), 1);
}

static void rtt_destroy__returns_rtt_and_marks_protected_destroyed(void **state)
{
	struct tw *t = *state;
	pa_t l1 = tw_rtt_create(t, 0, 1);
	pa_t l2 = tw_rtt_create(t, 0, 2);
	struct smc_regs r;

	assert_int_equal(tw_refcount(t, l1), 1);
	r = tw_call(t, RMI_RTT_DESTROY_FID, t->rd, 0, 2, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], l2);
	/* No live entry left in the level-1 RTT: top = its end. */
	assert_int_equal(r.x[2], 512 * SZ_1G);
	assert_int_equal(fake_state(t->f, l2), RMM_GRANULE_DELEGATED);
	assert_int_equal(tw_refcount(t, l1), 0);
	r = tw_read_entry(t, 0, 2);
	assert_int_equal(r.x[1], 1);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(r.x[4], RMI_DESTROYED);
}

static void rtt_destroy__unprotected_parent_becomes_unassigned_ns(void **state)
{
	struct tw *t = *state;
	pa_t l1 = tw_rtt_create(t, UNPROT(t), 1);
	struct smc_regs r = tw_call(t, RMI_RTT_DESTROY_FID, t->rd, UNPROT(t), 1, 0, 0);

	OK(r.x[0]);
	assert_int_equal(r.x[1], l1);
	/* The end of the root RTT (states.md §6), beyond 2^w = 2^40. */
	assert_int_equal(r.x[2], 1ULL << 48);
	r = tw_read_entry(t, UNPROT(t), 0);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(r.x[4], RMI_EMPTY);
	assert_int_equal(tw_refcount(t, t->rtt_base), 0);
}

static void rtt_destroy__fails_error_rtt_at_level_when_live(void **state)
{
	struct tw *t = *state;
	pa_t l1 = tw_rtt_create(t, 0, 1);
	struct smc_regs r;

	(void)tw_rtt_create(t, 2 * SZ_1G, 2);
	r = tw_call(t, RMI_RTT_DESTROY_FID, t->rd, 0, 1, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	assert_int_equal(r.x[2], 0);
	assert_int_equal(fake_state(t->f, l1), RMM_GRANULE_RTT);
}

static void rtt_destroy__fails_walk_and_state_with_top(void **state)
{
	struct tw *t = *state;
	struct smc_regs r;

	(void)tw_rtt_create(t, 0, 1);
	(void)tw_rtt_create(t, 5 * SZ_1G, 2);
	/* rtte_state: level-1 entry at 0 is not TABLE; next live entry is 5G */
	r = tw_call(t, RMI_RTT_DESTROY_FID, t->rd, 0, 2, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	assert_int_equal(r.x[2], 5 * SZ_1G);
	/* rtt_walk: no level-2 RTT for 0, walk stops at level 1 */
	r = tw_call(t, RMI_RTT_DESTROY_FID, t->rd, 0, 3, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	/* level_bound < rtt_walk */
	assert_int_equal(tw_rmi(t, RMI_RTT_DESTROY_FID, t->rd, 0, 0, 0, 0), RMI_ERROR_INPUT);
	/* ipa_align, ipa_bound */
	assert_int_equal(tw_rmi(t, RMI_RTT_DESTROY_FID, t->rd, SZ_4K, 3, 0, 0), RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_DESTROY_FID, t->rd, 1ULL << 40, 1, 0, 0),
			 RMI_ERROR_INPUT);
}

static void rtt_fold__unassigned_table_becomes_parent_entry(void **state)
{
	struct tw *t = *state;
	pa_t l3 = tw_rtt_path(t, 0);
	pa_t l2 = tw_read_entry(t, 0, 1).x[3];
	struct smc_regs r;

	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_2M, 0, 0));
	assert_int_equal(tw_refcount(t, l2), 1);
	r = tw_call(t, RMI_RTT_FOLD_FID, t->rd, 0, 3, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], l3);
	assert_int_equal(tw_refcount(t, l2), 0);
	assert_int_equal(fake_state(t->f, l3), RMM_GRANULE_DELEGATED);
	r = tw_read_entry(t, 0, 3);
	assert_int_equal(r.x[1], 2);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(r.x[4], RMI_RAM);
}

static void rtt_fold__fails_rtte_homo_with_mixed_entries(void **state)
{
	struct tw *t = *state;
	pa_t l3 = tw_rtt_path(t, 0);
	uint64_t r;

	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_4K, 0, 0));
	r = tw_rmi(t, RMI_RTT_FOLD_FID, t->rd, 0, 3, 0, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 3);
	assert_int_equal(fake_state(t->f, l3), RMM_GRANULE_RTT);
	/* rtte_state: no table at level 1 entry for 1G */
	r = tw_rmi(t, RMI_RTT_FOLD_FID, t->rd, SZ_1G, 2, 0, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 1);
	/* level_bound < rtt_walk */
	assert_int_equal(tw_rmi(t, RMI_RTT_FOLD_FID, t->rd, 0, 0, 0, 0), RMI_ERROR_INPUT);
}

static void rtt_fold__assigned_table_becomes_block_and_unfolds(void **state)
{
	struct tw *t = *state;
	pa_t l3 = tw_rtt_path(t, SZ_2M);
	pa_t l2 = tw_read_entry(t, 0, 1).x[3];
	pa_t base = tw_delegated_2m(t);
	pa_t src = tw_src_page(t, 0x5A);
	struct smc_regs r;
	pa_t l3b;

	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, SZ_2M, 2 * SZ_2M, 0, 0));
	for (unsigned i = 0; i < 512; i++) {
		OK(tw_data_create(t, base + i * SZ_4K, SZ_2M + i * SZ_4K, src,
				  RMI_NO_MEASURE_CONTENT));
	}
	assert_int_equal(tw_refcount(t, l3), 512);
	r = tw_call(t, RMI_RTT_FOLD_FID, t->rd, SZ_2M, 3, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], l3);
	/* The block entry still pins the level-2 RTT. */
	assert_int_equal(tw_refcount(t, l2), 1);
	r = tw_read_entry(t, SZ_2M, 3);
	assert_int_equal(r.x[1], 2);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], base);
	assert_int_equal(r.x[4], RMI_RAM);
	/* DATA_DESTROY needs a level-3 entry: the walk stops at level 2. */
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, SZ_2M, 0, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 2);
	assert_int_equal(r.x[2], SZ_2M);
	/* Inside the live block: top = ipa itself. */
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, SZ_2M + SZ_4K, 0, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(r.x[2], SZ_2M + SZ_4K);
	/* RTT_CREATE under the block splits it: 512 ASSIGNED pages. */
	t->tlbi_calls = 0;
	l3b = tw_rtt_create(t, SZ_2M, 3);
	assert_int_equal(t->tlbi_calls, 1); /* break-before-make of a valid block */
	assert_int_equal(tw_refcount(t, l3b), 512);
	assert_int_equal(tw_refcount(t, l2), 1);
	r = tw_read_entry(t, SZ_2M + 7 * SZ_4K, 3);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], base + 7 * SZ_4K);
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, SZ_2M + 7 * SZ_4K, 0, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], base + 7 * SZ_4K);
	assert_int_equal(r.x[2], SZ_2M + 8 * SZ_4K);
	assert_int_equal(tw_refcount(t, l3b), 511);
}

static void rtt_fold__assigned_ns_table_becomes_block(void **state)
{
	struct tw *t = *state;
	ipa_t ipa = UNPROT(t) + SZ_2M;
	pa_t l3 = tw_rtt_path(t, ipa);
	uint64_t attrs = S2TTE_AP_RW | (0x5ULL << 2);
	struct smc_regs r;

	for (unsigned i = 0; i < 512; i++) {
		OK(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa + i * SZ_4K, 3,
			  0x40000000ULL + i * SZ_4K + attrs, 0));
	}
	r = tw_call(t, RMI_RTT_FOLD_FID, t->rd, ipa, 3, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], l3);
	r = tw_read_entry(t, ipa, 3);
	assert_int_equal(r.x[1], 2);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], 0x40000000ULL + attrs);
	assert_int_equal(r.x[4], RMI_EMPTY);
	/* UNMAP of the block at level 2 */
	r = tw_call(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ipa, 2, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], UNPROT(t) + SZ_1G); /* end of the level-2 RTT */
	assert_int_equal(tw_read_entry(t, ipa, 2).x[2], RMI_UNASSIGNED);
}

static void rtt_fold__fails_rtt_at_level_minus_1_for_level0_ns_block(void **state)
{
	struct tw *t = *state;
	pa_t l1 = tw_rtt_create(t, UNPROT(t), 1);
	uint64_t r;

	for (unsigned i = 0; i < 512; i++) {
		OK(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, UNPROT(t) + i * SZ_1G, 1,
			  i * SZ_1G + S2TTE_AP_RW, 0));
	}
	assert_int_equal(tw_read_entry(t, UNPROT(t) + 3 * SZ_1G, 1).x[3], 3 * SZ_1G + S2TTE_AP_RW);
	/* TF-RMM: no level-0 blocks (S2TT_MIN_BLOCK_LEVEL = 1) */
	r = tw_rmi(t, RMI_RTT_FOLD_FID, t->rd, UNPROT(t), 1, 0, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 0);
	assert_int_equal(fake_state(t->f, l1), RMM_GRANULE_RTT);
	/* rd_state, ipa_align, ipa_bound */
	assert_int_equal(tw_rmi(t, RMI_RTT_FOLD_FID, l1, UNPROT(t), 1, 0, 0), RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_FOLD_FID, t->rd, UNPROT(t) + SZ_1G, 1, 0, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_FOLD_FID, t->rd, 1ULL << 40, 1, 0, 0), RMI_ERROR_INPUT);
}

static void rtt_read_entry__fails_input_and_zeroes_outputs(void **state)
{
	struct tw *t = *state;
	struct smc_regs r = fake_smc(t->f, RMI_RTT_READ_ENTRY_FID, t->rd, 0, 4, 0x55, 0, 0);

	assert_int_equal(r.x[0], RMI_ERROR_INPUT);
	assert_int_equal(r.x[1] | r.x[2] | r.x[3] | r.x[4], 0);
	r = fake_smc(t->f, RMI_RTT_READ_ENTRY_FID, t->rd, SZ_4K, 2, 0x55, 0, 0);
	assert_int_equal(r.x[0], RMI_ERROR_INPUT);
	r = fake_smc(t->f, RMI_RTT_READ_ENTRY_FID, t->rd, 1ULL << 40, 0, 0x55, 0, 0);
	assert_int_equal(r.x[0], RMI_ERROR_INPUT);
	r = fake_smc(t->f, RMI_RTT_READ_ENTRY_FID, t->rtt_base, 0, 0, 0x55, 0, 0);
	assert_int_equal(r.x[0], RMI_ERROR_INPUT);
	assert_int_equal(r.x[4], 0);
}

static void rtt_read_entry__assigned_destroyed_reports_no_address(void **state)
{
	struct tw *t = *state;
	pa_t d = tw_delegated(t);
	struct smc_regs r;

	(void)tw_rtt_path(t, 0);
	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_4K, 0, 0));
	OK(tw_data_create(t, d, 0, tw_src_page(t, 2), 0));
	OK(tw_rmi(t, RMI_DATA_DESTROY_FID, t->rd, 0, 0, 0, 0));
	OK(tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, d, 0, 0, 0));
	r = tw_read_entry(t, 0, 3);
	assert_int_equal(r.x[1], 3);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], 0);
	assert_int_equal(r.x[4], RMI_DESTROYED);
	/* DESTROYED stays DESTROYED after DATA_DESTROY */
	OK(tw_rmi(t, RMI_DATA_DESTROY_FID, t->rd, 0, 0, 0, 0));
	assert_int_equal(tw_read_entry(t, 0, 3).x[4], RMI_DESTROYED);
}

static void rtt_map_unprotected__maps_and_unmap_returns_top(void **state)
{
	struct tw *t = *state;
	ipa_t ipa = UNPROT(t) + 3 * SZ_4K;
	uint64_t desc = 0x88000000ULL | S2TTE_AP_RW | (0x6ULL << 2);
	struct smc_regs r;

	(void)tw_rtt_path(t, ipa);
	OK(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 3, desc, 0));
	OK(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa + 5 * SZ_4K, 3, desc, 0));
	r = tw_read_entry(t, ipa, 3);
	assert_int_equal(r.x[1], 3);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], desc);
	t->tlbi_calls = 0;
	r = tw_call(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ipa, 3, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], ipa + 5 * SZ_4K);
	assert_int_equal(t->tlbi_calls, 1);
	assert_int_equal(t->tlbi_last, ipa);
	/* rtte_state: now UNASSIGNED_NS; top skips to the next live entry */
	r = tw_call(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ipa, 3, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 3);
	assert_int_equal(r.x[1], ipa + 5 * SZ_4K);
}

static void rtt_map_unprotected__fails_each_condition(void **state)
{
	struct tw *t = *state;
	ipa_t ipa = UNPROT(t);
	uint64_t desc = 0x88000000ULL | S2TTE_AP_RW | (0x6ULL << 2);
	uint64_t r;

	/* rtt_walk: no tables yet, stops at level 0 */
	r = tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 3, desc, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 0);
	/* ipa_bound < rtt_walk: protected IPA */
	assert_int_equal(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, 0, 3, desc, 0),
			 RMI_ERROR_INPUT);
	/* level_bound: level 0 and 4 */
	assert_int_equal(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 0, desc, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 4, desc, 0),
			 RMI_ERROR_INPUT);
	/* ipa_align */
	assert_int_equal(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa + SZ_4K, 2, desc, 0),
			 RMI_ERROR_INPUT);
	/* attr_valid: AF set by the host; reserved MemAttr */
	assert_int_equal(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 3, desc | S2TTE_AF, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 3,
				0x88000000ULL | (0x4ULL << 2), 0),
			 RMI_ERROR_INPUT);
	/* addr_align */
	assert_int_equal(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 2, desc + SZ_4K, 0),
			 RMI_ERROR_INPUT);
	/* addr_bound: OA >= 2^48 without LPA2 */
	assert_int_equal(
		tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 3, desc | (1ULL << 48), 0),
		RMI_ERROR_INPUT);
	(void)tw_rtt_path(t, ipa);
	OK(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 3, desc, 0));
	/* rtte_state */
	r = tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa, 3, desc, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 3);
}

static void rtt_unmap_unprotected__fails_each_condition(void **state)
{
	struct tw *t = *state;
	ipa_t ipa = UNPROT(t);
	struct smc_regs r;

	(void)tw_rtt_create(t, ipa, 1);
	(void)tw_rtt_create(t, ipa + 3 * SZ_1G, 2);
	/* rtt_walk: stops at level 1; top = next live entry of that RTT */
	r = tw_call(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ipa, 3, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	assert_int_equal(r.x[1], ipa + 3 * SZ_1G);
	/* rtte_state: UNASSIGNED_NS at level 1 */
	r = tw_call(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ipa + SZ_1G, 1, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
	assert_int_equal(r.x[1], ipa + 3 * SZ_1G);
	/* ipa_bound < rtt_walk; level_bound; ipa_align */
	assert_int_equal(tw_rmi(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, 0, 3, 0, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, 1ULL << 40, 3, 0, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ipa, 0, 0, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_RTT_UNMAP_UNPROTECTED_FID, t->rd, ipa + SZ_4K, 2, 0, 0),
			 RMI_ERROR_INPUT);
}

static void lpa2__sl_minus1_root_has_16_entries_and_walks_5_levels(void **state)
{
	struct tw *t = tw_new_feat(fake_feat_reg0() | (1ULL << RMI_FEATURE_REGISTER_0_LPA2_SHIFT) |
					   (52ULL << RMI_FEATURE_REGISTER_0_S2SZ_SHIFT),
				   RMI_REALM_FLAG_LPA2, 50, -1, 1);
	const uint64_t *root;
	ipa_t ipa = (1ULL << 48) + 5 * SZ_2M;
	pa_t d = tw_delegated(t);
	struct smc_regs r;

	*state = t;
	root = (const uint64_t *)fake_mem(t->f, t->rtt_base);
	assert_int_equal(s2tte_get_state(root[1], -1), S2TTE_UNASSIGNED);
	assert_int_equal(s2tte_get_state(root[2], -1), S2TTE_UNASSIGNED_NS);
	assert_int_equal(s2tte_get_state(root[3], -1), S2TTE_UNASSIGNED_NS);
	assert_int_equal(root[4], 0); /* beyond 2^w: untouched */
	(void)tw_rtt_path(t, ipa);
	OK(tw_data_create(t, d, ipa, tw_src_page(t, 4), 0));
	r = tw_read_entry(t, ipa, 3);
	assert_int_equal(r.x[1], 3);
	assert_int_equal(r.x[3], d);
	r = tw_read_entry(t, 1ULL << 48, -1);
	assert_int_equal(r.x[1], (uint64_t)-1);
	assert_int_equal(r.x[2], RMI_TABLE);
	r = tw_read_entry(t, 3ULL << 48, -1);
	OK(r.x[0]);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
}

static void concat__s2sz42_sl1_n8_uses_every_starting_table(void **state)
{
	struct tw *t = tw_new(42, 1, 8);
	ipa_t hi = (1ULL << 41) - SZ_2M; /* last protected 2 MiB: table 3 */
	ipa_t ns = (1ULL << 41) + 512 * SZ_1G + SZ_1G; /* table 5 */
	struct smc_regs r;
	pa_t data = tw_delegated(t);

	*state = t;
	(void)tw_rtt_path(t, hi);
	assert_int_equal(tw_refcount(t, t->rtt_base + 3 * SZ_4K), 1);
	OK(tw_data_create(t, data, hi, tw_src_page(t, 9), 0));
	r = tw_read_entry(t, hi, 3);
	assert_int_equal(r.x[1], 3);
	assert_int_equal(r.x[3], data);
	(void)tw_rtt_create(t, ns, 2);
	assert_int_equal(tw_refcount(t, t->rtt_base + 5 * SZ_4K), 1);
	r = tw_read_entry(t, ns, 1);
	assert_int_equal(r.x[2], RMI_TABLE);
	r = tw_read_entry(t, ns + 512 * SZ_1G, 1);
	assert_int_equal(r.x[1], 1);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(tw_rmi(t, RMI_REALM_DESTROY_FID, t->rd, 0, 0, 0, 0), RMI_ERROR_REALM);
}

static void concat__s2sz32_sl2_n4_uses_every_starting_table(void **state)
{
	struct tw *t = tw_new(32, 2, 4);
	ipa_t ipa = 3 * SZ_1G + 4 * SZ_2M; /* unprotected, table 3 */
	struct smc_regs r;

	*state = t;
	(void)tw_rtt_create(t, ipa, 3);
	assert_int_equal(tw_refcount(t, t->rtt_base + 3 * SZ_4K), 1);
	OK(tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, ipa + SZ_4K, 3, 0x88000000ULL, 0));
	r = tw_read_entry(t, ipa + SZ_4K, 3);
	assert_int_equal(r.x[1], 3);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], 0x88000000ULL);
	/* level_bound of MAP_UNPROTECTED: level 1 is above the starting level */
	assert_int_equal(
		tw_rmi(t, RMI_RTT_MAP_UNPROTECTED_FID, t->rd, 2 * SZ_1G, 1, 0x80000000ULL, 0),
		RMI_ERROR_INPUT);
	/* level_bound of READ_ENTRY: sl = 2 */
	assert_int_equal(tw_read_entry(t, 0, 1).x[0], RMI_ERROR_INPUT);
	r = tw_read_entry(t, SZ_1G, 2);
	OK(r.x[0]);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(r.x[4], RMI_EMPTY);
}

static void s2tt_lookup__reports_leaf_state_ripas_and_pa_inside_block(void **state)
{
	struct tw *t = *state;
	pa_t base = tw_delegated_2m(t);
	pa_t src = tw_src_page(t, 1);
	struct s2tt_leaf leaf;

	(void)tw_rtt_path(t, 0);
	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_2M, 0, 0));
	for (unsigned i = 0; i < 512; i++) {
		OK(tw_data_create(t, base + i * SZ_4K, i * SZ_4K, src, RMI_NO_MEASURE_CONTENT));
	}
	OK(tw_rmi(t, RMI_RTT_FOLD_FID, t->rd, 0, 3, 0, 0));
	s2tt_lookup(t->f->rmm, tw_rd(t), 5 * SZ_4K + 0x10, &leaf);
	assert_int_equal(leaf.state, S2TTE_ASSIGNED);
	assert_int_equal(leaf.ripas, RMI_RAM);
	assert_int_equal(leaf.level, 2);
	assert_int_equal(leaf.size, SZ_2M);
	assert_int_equal(leaf.pa, base + 5 * SZ_4K + 0x10);
	s2tt_lookup(t->f->rmm, tw_rd(t), UNPROT(t) + SZ_4K, &leaf);
	assert_int_equal(leaf.state, S2TTE_UNASSIGNED_NS);
	assert_int_equal(leaf.level, 0);
	assert_int_equal(leaf.pa, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(s2tt_geometry__accepts_exactly_the_consistent_combinations),
		cmocka_unit_test(s2tte__encodes_vmsa_stage2_descriptors),
		cmocka_unit_test(s2tte__unassigned_empty_is_the_zero_descriptor),
		TW_TEST(rtt_create__under_unassigned_empty_leaves_new_rtt_zero),
		TW_TEST(rtt_create__under_destroyed_parent_fills_every_entry),
		TW_TEST(s2tt_lookup__reports_leaf_state_ripas_and_pa_inside_block),
		TW_TEST(rtt_create__links_table_and_counts_parent),
		TW_TEST(rtt_create__fails_input_on_each_argument_check),
		TW_TEST(rtt_create__fails_rtt_walk_then_rtte_state),
		TW_TEST(rtt_destroy__returns_rtt_and_marks_protected_destroyed),
		TW_TEST(rtt_destroy__unprotected_parent_becomes_unassigned_ns),
		TW_TEST(rtt_destroy__fails_error_rtt_at_level_when_live),
		TW_TEST(rtt_destroy__fails_walk_and_state_with_top),
		TW_TEST(rtt_fold__unassigned_table_becomes_parent_entry),
		TW_TEST(rtt_fold__fails_rtte_homo_with_mixed_entries),
		TW_TEST(rtt_fold__assigned_table_becomes_block_and_unfolds),
		TW_TEST(rtt_fold__assigned_ns_table_becomes_block),
		TW_TEST(rtt_fold__fails_rtt_at_level_minus_1_for_level0_ns_block),
		TW_TEST(rtt_read_entry__fails_input_and_zeroes_outputs),
		TW_TEST(rtt_read_entry__assigned_destroyed_reports_no_address),
		TW_TEST(rtt_map_unprotected__maps_and_unmap_returns_top),
		TW_TEST(rtt_map_unprotected__fails_each_condition),
		TW_TEST(rtt_unmap_unprotected__fails_each_condition),
		cmocka_unit_test_setup_teardown(
			lpa2__sl_minus1_root_has_16_entries_and_walks_5_levels, tw_setup_none,
			tw_teardown_maybe),
		cmocka_unit_test_setup_teardown(concat__s2sz42_sl1_n8_uses_every_starting_table,
						tw_setup_none, tw_teardown_maybe),
		cmocka_unit_test_setup_teardown(concat__s2sz32_sl2_n4_uses_every_starting_table,
						tw_setup_none, tw_teardown_maybe),
	};
	int failed = cmocka_run_group_tests_name("rtt", tests, NULL, NULL);

	return failed + rtt_ripas_data_tests_run() + rtt_ref_tests_run() + inv_realms_tests_run();
}
