/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_RTT_INIT_RIPAS, RMI_RTT_SET_RIPAS, RMI_DATA_CREATE(_UNKNOWN) and
 * RMI_DATA_DESTROY through the fake platform (part of test_rmm_rtt).
 */
#include <string.h>

#include "rtt_world.h"

static void rtt_init_ripas__progresses_per_rtt_and_extends_rim(void **state)
{
	struct tw *t = *state;
	uint8_t rim[RMM_MEASUREMENT_SIZE];
	struct smc_regs r;

	(void)tw_rtt_path(t, 0);
	memcpy(rim, tw_rd(t)->measurement[0], sizeof(rim));
	r = tw_call(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, 2 * SZ_2M, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], SZ_2M); /* end of the level-3 RTT */
	assert_memory_not_equal(rim, tw_rd(t)->measurement[0], sizeof(rim));
	assert_int_equal(tw_read_entry(t, SZ_2M - SZ_4K, 3).x[4], RMI_RAM);
	assert_int_equal(tw_read_entry(t, SZ_2M, 2).x[4], RMI_EMPTY);
	r = tw_call(t, RMI_RTT_INIT_RIPAS_FID, t->rd, SZ_2M, 2 * SZ_2M, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], 2 * SZ_2M);
	r = tw_read_entry(t, SZ_2M, 2);
	assert_int_equal(r.x[1], 2);
	assert_int_equal(r.x[4], RMI_RAM);
}

static void rtt_init_ripas__fails_each_condition(void **state)
{
	struct tw *t = *state;
	uint64_t r;

	(void)tw_rtt_create(t, 0, 1);
	/* size_valid */
	assert_int_equal(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, SZ_2M, SZ_2M, 0, 0),
			 RMI_ERROR_INPUT);
	/* top_bound */
	assert_int_equal(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, UNPROT(t) + SZ_4K, 0, 0),
			 RMI_ERROR_INPUT);
	/* top_gran_align */
	assert_int_equal(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_4K + 1, 0, 0),
			 RMI_ERROR_INPUT);
	/* base_align: the walk stops at level 1 (1 GiB entries) */
	r = tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, SZ_4K, SZ_1G, 0, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 1);
	/* no_progress: the first entry (1 GiB) crosses top */
	r = tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_2M, 0, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 1);
	/* top_gran_align < no_progress */
	assert_int_equal(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_2M + 8, 0, 0),
			 RMI_ERROR_INPUT);
	/* rtte_state: an ASSIGNED entry */
	(void)tw_rtt_path(t, 0);
	OK(tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, tw_delegated(t), 0, 0, 0));
	r = tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_4K, 0, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 3);
	/* realm_state */
	tw_activate(t);
	assert_int_equal(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, SZ_4K, 2 * SZ_4K, 0, 0),
			 RMI_ERROR_REALM);
}

static void rtt_init_ripas__fails_input_for_unaligned_base_and_destroyed_realm(void **state)
{
	struct tw *t = *state;

	(void)tw_rtt_path(t, 0);
	assert_int_equal(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 8, SZ_4K, 0, 0), RMI_ERROR_INPUT);
	/* Tear the path down, deepest first, then the realm. */
	OK(tw_rmi(t, RMI_RTT_DESTROY_FID, t->rd, 0, 3, 0, 0));
	OK(tw_rmi(t, RMI_RTT_DESTROY_FID, t->rd, 0, 2, 0, 0));
	OK(tw_rmi(t, RMI_RTT_DESTROY_FID, t->rd, 0, 1, 0, 0));
	OK(tw_rmi(t, RMI_REALM_DESTROY_FID, t->rd, 0, 0, 0, 0));
	/* realm_state_null: the RD granule is DELEGATED again */
	assert_int_equal(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, SZ_4K, 0, 0), RMI_ERROR_INPUT);
	assert_int_equal(tw_read_entry(t, 0, 0).x[0], RMI_ERROR_INPUT);
}

static pa_t rec_create(struct tw *t)
{
	uint8_t p[RMI_REC_PARAMS_SIZE] = { 0 };
	pa_t params = fake_alloc(t->f);
	pa_t rec = tw_delegated(t);
	uint64_t v = RMM_REC_AUX_COUNT;

	memcpy(p + RMI_REC_PARAMS_NUM_AUX_OFFSET, &v, 8);
	for (unsigned i = 0; i < RMM_REC_AUX_COUNT; i++) {
		v = tw_delegated(t);
		memcpy(p + RMI_REC_PARAMS_AUX_OFFSET + 8 * i, &v, 8);
	}
	assert_true(fake_ns_write(t->f, params, p, sizeof(p)));
	OK(tw_rmi(t, RMI_REC_CREATE_FID, t->rd, rec, params, 0, 0));
	return rec;
}

static struct rec *rec_of(struct tw *t, pa_t rec)
{
	return (struct rec *)granule_map(t->f->rmm, granule_find(t->f->rmm, rec));
}

static void request(struct tw *t, pa_t rec, ipa_t base, ipa_t top, unsigned value, bool cd)
{
	struct rec_set_ripas *s = &rec_of(t, rec)->set_ripas;

	s->pending = true;
	s->value = (uint8_t)value;
	s->change_destroyed = cd;
	s->base = base;
	s->addr = base;
	s->top = top;
}

static void rtt_set_ripas__changes_entries_and_advances_request(void **state)
{
	struct tw *t = *state;
	pa_t rec = rec_create(t);
	pa_t data = tw_delegated(t);
	struct smc_regs r;

	(void)tw_rtt_path(t, 0);
	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, 4 * SZ_4K, 0, 0));
	OK(tw_data_create(t, data, SZ_4K, tw_src_page(t, 1), RMI_NO_MEASURE_CONTENT));
	tw_activate(t);
	/* RAM -> EMPTY over [0, 8K): the ASSIGNED page loses its mapping. */
	request(t, rec, 0, 2 * SZ_4K, RMI_EMPTY, false);
	t->tlbi_calls = 0;
	r = tw_call(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, 0, 2 * SZ_4K, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], 2 * SZ_4K);
	assert_int_equal(rec_of(t, rec)->set_ripas.addr, 2 * SZ_4K);
	assert_int_equal(t->tlbi_calls, 1);
	r = tw_read_entry(t, SZ_4K, 3);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], data);
	assert_int_equal(r.x[4], RMI_EMPTY);
	/* And back to RAM, in two calls (host chooses a smaller top). */
	request(t, rec, 0, 2 * SZ_4K, RMI_RAM, false);
	r = tw_call(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, 0, SZ_4K, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], SZ_4K);
	r = tw_call(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, SZ_4K, 2 * SZ_4K, 0);
	OK(r.x[0]);
	assert_int_equal(tw_read_entry(t, SZ_4K, 3).x[4], RMI_RAM);
}

static void rtt_set_ripas__stops_at_destroyed_without_change_destroyed(void **state)
{
	struct tw *t = *state;
	pa_t rec = rec_create(t);
	pa_t data = tw_delegated(t);
	struct smc_regs r;

	(void)tw_rtt_path(t, 0);
	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, 4 * SZ_4K, 0, 0));
	OK(tw_data_create(t, data, SZ_4K, tw_src_page(t, 1), RMI_NO_MEASURE_CONTENT));
	OK(tw_rmi(t, RMI_DATA_DESTROY_FID, t->rd, SZ_4K, 0, 0, 0));
	tw_activate(t);
	request(t, rec, 0, 4 * SZ_4K, RMI_EMPTY, false);
	r = tw_call(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, 0, 4 * SZ_4K, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], SZ_4K);
	/* no_progress: the first entry is DESTROYED */
	r = tw_call(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, SZ_4K, 4 * SZ_4K, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 3);
	request(t, rec, SZ_4K, 4 * SZ_4K, RMI_EMPTY, true);
	r = tw_call(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, SZ_4K, 4 * SZ_4K, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], 4 * SZ_4K);
	assert_int_equal(tw_read_entry(t, SZ_4K, 3).x[4], RMI_EMPTY);
}

static void rtt_set_ripas__fails_each_condition(void **state)
{
	struct tw *t = *state;
	pa_t rec = rec_create(t);
	uint64_t r;

	(void)tw_rtt_create(t, 0, 1);
	tw_activate(t);
	request(t, rec, SZ_4K, SZ_1G, RMI_RAM, false);
	/* size_valid */
	assert_int_equal(tw_rmi(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, SZ_4K, SZ_4K, 0),
			 RMI_ERROR_INPUT);
	/* rec_gran_state */
	assert_int_equal(tw_rmi(t, RMI_RTT_SET_RIPAS_FID, t->rd, t->rd, SZ_4K, SZ_1G, 0),
			 RMI_ERROR_INPUT);
	/* base_bound */
	assert_int_equal(tw_rmi(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, 0, SZ_1G, 0),
			 RMI_ERROR_INPUT);
	/* top_bound */
	assert_int_equal(tw_rmi(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, SZ_4K, 2 * SZ_1G, 0),
			 RMI_ERROR_INPUT);
	/* base_align: walk stops at level 1 */
	r = tw_rmi(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, SZ_4K, SZ_1G, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 1);
	request(t, rec, 0, SZ_1G, RMI_RAM, false);
	/* top_gran_align < no_progress */
	assert_int_equal(tw_rmi(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, 0, SZ_2M + 1, 0),
			 RMI_ERROR_INPUT);
	/* no_progress: the 1 GiB entry crosses top */
	r = tw_rmi(t, RMI_RTT_SET_RIPAS_FID, t->rd, rec, 0, SZ_2M, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 1);
	/* rec_state: running */
	/* (a REC held running outside REC_ENTER breaks the checker: off meanwhile) */
	rmm_set_invariant_checks(t->f->rmm, false);
	granule_get(granule_find(t->f->rmm, rec));
	r = fake_rmi(t->f, RMI_RTT_SET_RIPAS_FID, t->rd, rec, 0, SZ_1G, 0, 0);
	granule_put(granule_find(t->f->rmm, rec));
	rmm_set_invariant_checks(t->f->rmm, true);
	assert_int_equal(r, RMI_ERROR_REC);
	assert_int_equal(rec_of(t, rec)->set_ripas.addr, 0);
}

static void rtt_set_ripas__fails_error_rec_for_other_realm(void **state)
{
	struct tw *t = *state;
	pa_t rec = rec_create(t);
	pa_t rd2 = tw_delegated(t);
	pa_t rd1 = t->rd;

	OK(tw_realm_create(t, rd2, 40, 0, 1, 2));
	request(t, rec, 0, SZ_1G, RMI_RAM, false);
	t->rd = rd2;
	assert_int_equal(tw_rmi(t, RMI_RTT_SET_RIPAS_FID, rd2, rec, 0, SZ_1G, 0), RMI_ERROR_REC);
	t->rd = rd1;
}

/* ------------------------------------------------------------ DATA_* */

static void data_create__maps_measures_and_copies(void **state)
{
	struct tw *t = *state;
	pa_t l3 = tw_rtt_path(t, 0);
	pa_t data = tw_delegated(t);
	uint8_t rim[RMM_MEASUREMENT_SIZE];
	struct smc_regs r;

	memcpy(rim, tw_rd(t)->measurement[0], sizeof(rim));
	OK(tw_data_create(t, data, 2 * SZ_4K, tw_src_page(t, 0xA5), RMI_MEASURE_CONTENT));
	assert_int_equal(fake_state(t->f, data), RMM_GRANULE_DATA);
	assert_int_equal(tw_refcount(t, l3), 1);
	assert_int_equal(fake_mem(t->f, data)[100], 0xA5);
	assert_memory_not_equal(rim, tw_rd(t)->measurement[0], sizeof(rim));
	r = tw_read_entry(t, 2 * SZ_4K, 3);
	assert_int_equal(r.x[1], 3);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], data);
	assert_int_equal(r.x[4], RMI_RAM);
}

static void data_create__fails_each_condition(void **state)
{
	struct tw *t = *state;
	pa_t data = tw_delegated(t);
	pa_t src = tw_src_page(t, 1);
	uint64_t r;

	/* flags */
	assert_int_equal(tw_data_create(t, data, 0, src, 2), RMI_ERROR_INPUT);
	/* rtt_walk: stops at level 0 */
	r = tw_data_create(t, data, 0, src, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 0);
	/* ipa_bound < rtt_walk */
	assert_int_equal(tw_data_create(t, data, UNPROT(t), src, 0), RMI_ERROR_INPUT);
	/* ipa_align */
	assert_int_equal(tw_data_create(t, data, 8, src, 0), RMI_ERROR_INPUT);
	/* data_state: not delegated */
	assert_int_equal(tw_data_create(t, src, 0, src, 0), RMI_ERROR_INPUT);
	/* src_pas: a delegated granule */
	assert_int_equal(tw_data_create(t, data, 0, tw_delegated(t), 0), RMI_ERROR_INPUT);
	/* src_bound: MMIO */
	assert_int_equal(tw_data_create(t, data, 0, FAKE_MMIO_BASE, 0), RMI_ERROR_INPUT);
	(void)tw_rtt_path(t, 0);
	OK(tw_data_create(t, data, 0, src, 0));
	/* rtte_state */
	r = tw_data_create(t, tw_delegated(t), 0, src, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 3);
	/* realm_state */
	tw_activate(t);
	assert_int_equal(tw_data_create(t, tw_delegated(t), SZ_4K, src, 0), RMI_ERROR_REALM);
}

static void data_create__fails_input_when_src_read_faults(void **state)
{
	struct tw *t = *state;
	pa_t l3 = tw_rtt_path(t, 0);
	pa_t data = tw_delegated(t);
	pa_t src = tw_src_page(t, 7);
	uint64_t r;

	/* The source stops being NS behind the RMM's back (e.g. EL3). */
	assert_int_equal(fake_set_gpi(t->f, src, SZ_4K, GPT_GPI_SECURE), 0);
	r = tw_data_create(t, data, 0, src, RMI_MEASURE_CONTENT);
	assert_int_equal(r, RMI_ERROR_INPUT);
	assert_int_equal(fake_state(t->f, data), RMM_GRANULE_DELEGATED);
	assert_int_equal(tw_refcount(t, l3), 0);
	assert_int_equal(tw_read_entry(t, 0, 3).x[2], RMI_UNASSIGNED);
}

static void data_create_unknown__keeps_ripas_in_active_realm(void **state)
{
	struct tw *t = *state;
	pa_t data = tw_delegated(t);
	struct smc_regs r;

	(void)tw_rtt_path(t, 0);
	tw_activate(t);
	OK(tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, data, 0, 0, 0));
	r = tw_read_entry(t, 0, 3);
	assert_int_equal(r.x[2], RMI_ASSIGNED);
	assert_int_equal(r.x[3], data);
	assert_int_equal(r.x[4], RMI_EMPTY);
	/* DATA_DESTROY of ASSIGNED/EMPTY leaves EMPTY. */
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 0, 0, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], data);
	assert_int_equal(r.x[2], SZ_2M);
	r = tw_read_entry(t, 0, 3);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(r.x[4], RMI_EMPTY);
	assert_int_equal(fake_state(t->f, data), RMM_GRANULE_DELEGATED);
	/* rtte_state of _UNKNOWN */
	OK(tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, data, 0, 0, 0));
	r = tw_call(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, tw_delegated(t), 0, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 3);
}

static void data_create_unknown__fails_each_condition(void **state)
{
	struct tw *t = *state;
	pa_t d = tw_delegated(t);
	uint64_t r;

	/* rtt_walk */
	r = tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, d, 0, 0, 0);
	assert_int_equal(ST(r), RMI_ERROR_RTT);
	assert_int_equal(IDX(r), 0);
	/* ipa_bound < rtt_walk; ipa_align; data_state; rd_state */
	assert_int_equal(tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, d, UNPROT(t), 0, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, d, 16, 0, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, t->rd, t->rtt_base, 0, 0, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_DATA_CREATE_UNKNOWN_FID, d, tw_delegated(t), 0, 0, 0),
			 RMI_ERROR_INPUT);
	assert_int_equal(fake_state(t->f, d), RMM_GRANULE_DELEGATED);
	/* DATA_DESTROY: rd_state, ipa_align */
	assert_int_equal(tw_rmi(t, RMI_DATA_DESTROY_FID, d, 0, 0, 0, 0), RMI_ERROR_INPUT);
	assert_int_equal(tw_rmi(t, RMI_DATA_DESTROY_FID, t->rd, 8, 0, 0, 0), RMI_ERROR_INPUT);
}

static void data_destroy__ram_becomes_destroyed_and_reports_top(void **state)
{
	struct tw *t = *state;
	pa_t l3 = tw_rtt_path(t, 0);
	pa_t d0 = tw_delegated(t), d1 = tw_delegated(t);
	pa_t src = tw_src_page(t, 3);
	struct smc_regs r;

	OK(tw_data_create(t, d0, 0, src, 0));
	OK(tw_data_create(t, d1, 9 * SZ_4K, src, 0));
	t->tlbi_calls = 0;
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 0, 0, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[1], d0);
	assert_int_equal(r.x[2], 9 * SZ_4K);
	assert_int_equal(t->tlbi_calls, 1);
	assert_int_equal(tw_refcount(t, l3), 1);
	assert_int_equal(fake_state(t->f, d0), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_mem(t->f, d0)[0], 0);
	r = tw_read_entry(t, 0, 3);
	assert_int_equal(r.x[2], RMI_UNASSIGNED);
	assert_int_equal(r.x[4], RMI_DESTROYED);
	/* rtte_state: not ASSIGNED any more; top = the next live entry */
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 0, 0, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 3);
	assert_int_equal(r.x[2], 9 * SZ_4K);
	/* ipa_bound < rtt_walk */
	assert_int_equal(tw_rmi(t, RMI_DATA_DESTROY_FID, t->rd, UNPROT(t), 0, 0, 0),
			 RMI_ERROR_INPUT);
	/* rtt_walk */
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, SZ_1G, 0, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(IDX(r.x[0]), 1);
}

/*
 * top (X2) is the next live entry wherever it sits in the level-3 table
 * (the scan tests groups of entries at once), and the end of the table
 * when nothing after ipa is live, also while an entry before it is.
 */
static void data_destroy__top_is_next_live_entry_at_any_distance(void **state)
{
	static const unsigned next[] = { 1, 2, 7, 8, 9, 63, 64, 65, 66, 127, 128, 447, 448, 449,
					 510, 511 };
	struct tw *t = *state;
	pa_t src = tw_src_page(t, 5);
	struct smc_regs r;

	tw_rtt_path(t, 0);
	for (unsigned i = 0; i < sizeof(next) / sizeof(next[0]); i++) {
		OK(tw_data_create(t, tw_delegated(t), 0, src, 0));
		OK(tw_data_create(t, tw_delegated(t), next[i] * SZ_4K, src, 0));
		r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 0, 0, 0, 0);
		OK(r.x[0]);
		assert_int_equal(r.x[2], next[i] * SZ_4K);
		/* The table is empty now: top = its end. */
		r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, next[i] * SZ_4K, 0, 0, 0);
		OK(r.x[0]);
		assert_int_equal(r.x[2], SZ_2M);
	}
	/* Only an entry before ipa is live: still the end of the table. */
	OK(tw_data_create(t, tw_delegated(t), 0, src, 0));
	OK(tw_data_create(t, tw_delegated(t), 300 * SZ_4K, src, 0));
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 300 * SZ_4K, 0, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[2], SZ_2M);
	/* ... and the entry itself, not ASSIGNED any more, reports the same. */
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 300 * SZ_4K, 0, 0, 0);
	assert_int_equal(ST(r.x[0]), RMI_ERROR_RTT);
	assert_int_equal(r.x[2], SZ_2M);
	/* The last live entry destroyed: the end again. */
	r = tw_call(t, RMI_DATA_DESTROY_FID, t->rd, 0, 0, 0, 0);
	OK(r.x[0]);
	assert_int_equal(r.x[2], SZ_2M);
}

int rtt_ripas_data_tests_run(void)
{
	const struct CMUnitTest tests[] = {
		TW_TEST(rtt_init_ripas__progresses_per_rtt_and_extends_rim),
		TW_TEST(rtt_init_ripas__fails_each_condition),
		TW_TEST(rtt_init_ripas__fails_input_for_unaligned_base_and_destroyed_realm),
		TW_TEST(rtt_set_ripas__changes_entries_and_advances_request),
		TW_TEST(rtt_set_ripas__stops_at_destroyed_without_change_destroyed),
		TW_TEST(rtt_set_ripas__fails_each_condition),
		TW_TEST(rtt_set_ripas__fails_error_rec_for_other_realm),
		TW_TEST(data_create__maps_measures_and_copies),
		TW_TEST(data_create__fails_each_condition),
		TW_TEST(data_create__fails_input_when_src_read_faults),
		TW_TEST(data_create_unknown__keeps_ripas_in_active_realm),
		TW_TEST(data_create_unknown__fails_each_condition),
		TW_TEST(data_destroy__ram_becomes_destroyed_and_reports_top),
		TW_TEST(data_destroy__top_is_next_live_entry_at_any_distance),
	};

	return cmocka_run_group_tests_name("rtt_ripas_data", tests, NULL, NULL);
}
