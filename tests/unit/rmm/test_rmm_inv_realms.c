/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The tracked invariant checker (rmm_check_invariants_tracked) after a
 * change in one of two realms, in an RTT below the starting level, made
 * through the RMM's own granule API as a faulty command would: a refcount
 * changed without a map, an RTT entry written through granule_map. The
 * next tracked check must report it, also when the check before it found
 * nothing changed (a checker that skipped unchanged realms' walks on wrong
 * evidence, or missed a change mark, passes here).
 */
#include <string.h>

#include "../../../rmm/src/granule.h"
#include "../../../rmm/src/rmm_private.h"
#include "rtt_world.h"

/* Two realms, each with RTTs at levels 1, 2 and 3 for IPA 0. */
struct two_realms {
	pa_t rd[2];
	pa_t l2[2];
	pa_t l3[2];
};

static void two_realms_build(struct tw *t, struct two_realms *r)
{
	pa_t rd1 = t->rd;
	pa_t rd2 = tw_delegated(t);

	OK(tw_realm_create(t, rd2, 40, 0, 1, 2));
	r->rd[0] = rd1;
	r->rd[1] = rd2;
	for (unsigned k = 0; k < 2U; k++) {
		t->rd = r->rd[k];
		(void)tw_rtt_create(t, 0, 1);
		r->l2[k] = tw_rtt_create(t, 0, 2);
		r->l3[k] = tw_rtt_create(t, 0, 3);
	}
	t->rd = rd1;
}

static bool tracked(struct tw *t, char *msg, size_t len)
{
	return rmm_check_invariants_tracked(t->f->rmm, msg, len);
}

static void refcount_add(struct tw *t, pa_t rtt, int d)
{
	struct granule_locked gl;

	assert_true(find_lock_granule(t->f->rmm, rtt, RMM_GRANULE_RTT, &gl));
	if (d > 0) {
		granule_refcount_inc(gl, (uint16_t)d);
	} else {
		granule_refcount_dec(gl, (uint16_t)-d);
	}
	granule_unlock_locked(gl);
}

static void invariants_tracked__detect_rtt_refcount_change_in_either_of_two_realms(void **state)
{
	struct tw *t = *state;
	struct two_realms r;
	char msg[256] = "";

	two_realms_build(t, &r);
	for (unsigned round = 0; round < 2U; round++) {
		for (unsigned k = 0; k < 2U; k++) {
			/* Twice: the second check reuses both realms' walks. */
			assert_true(tracked(t, msg, sizeof(msg)));
			assert_true(tracked(t, msg, sizeof(msg)));
			refcount_add(t, round == 0U ? r.l3[k] : r.l2[k], 1);
			assert_false(tracked(t, msg, sizeof(msg)));
			assert_non_null(strstr(msg, "refcount: RTT"));
			refcount_add(t, round == 0U ? r.l3[k] : r.l2[k], -1);
		}
	}
	assert_true(tracked(t, msg, sizeof(msg)));
	assert_true(rmm_check_invariants(t->f->rmm, msg, sizeof(msg)));
}

static void invariants_tracked__detect_rtt_entry_cleared_in_either_of_two_realms(void **state)
{
	struct tw *t = *state;
	struct two_realms r;
	char msg[256] = "";

	two_realms_build(t, &r);
	for (unsigned k = 0; k < 2U; k++) {
		uint64_t *l2;
		uint64_t table;

		assert_true(tracked(t, msg, sizeof(msg)));
		assert_true(tracked(t, msg, sizeof(msg)));
		/* The RMM maps realm k's level-2 RTT and drops its TABLE entry to level 3. */
		l2 = granule_map(t->f->rmm, granule_find(t->f->rmm, r.l2[k]));
		table = l2[0];
		l2[0] = 0;
		assert_false(tracked(t, msg, sizeof(msg)));
		l2 = granule_map(t->f->rmm, granule_find(t->f->rmm, r.l2[k]));
		l2[0] = table;
	}
	assert_true(tracked(t, msg, sizeof(msg)));
	assert_true(rmm_check_invariants(t->f->rmm, msg, sizeof(msg)));
}

/* A granule in an object state that no structure names (the bijections). */
static void invariants_tracked__detect_unreferenced_rtt_and_data_granules(void **state)
{
	static const enum rmm_granule_state orphan[] = { RMM_GRANULE_RTT, RMM_GRANULE_DATA };
	struct tw *t = *state;
	struct two_realms r;
	char msg[256] = "";

	two_realms_build(t, &r);
	for (unsigned k = 0; k < 2U; k++) {
		pa_t pa = tw_delegated(t);
		struct granule_locked gl;

		assert_true(tracked(t, msg, sizeof(msg)));
		assert_true(find_lock_granule(t->f->rmm, pa, RMM_GRANULE_DELEGATED, &gl));
		granule_unlock_transition(gl, orphan[k]);
		assert_false(tracked(t, msg, sizeof(msg)));
		assert_non_null(strstr(msg, k == 0U ? "rtt_tree" : "data_mapped"));
		assert_non_null(strstr(msg, "is not referenced"));
		assert_true(find_lock_granule(t->f->rmm, pa, orphan[k], &gl));
		granule_unlock_transition(gl, RMM_GRANULE_DELEGATED);
	}
	assert_true(tracked(t, msg, sizeof(msg)));
}

/* Two TABLE entries (refcount raised to match) naming one level-3 RTT. */
static void invariants_tracked__detect_rtt_referenced_twice(void **state)
{
	struct tw *t = *state;
	struct two_realms r;
	char msg[256] = "";
	uint64_t *l2;

	two_realms_build(t, &r);
	assert_true(tracked(t, msg, sizeof(msg)));
	l2 = granule_map(t->f->rmm, granule_find(t->f->rmm, r.l2[1]));
	l2[1] = l2[0];
	refcount_add(t, r.l2[1], 1);
	assert_false(tracked(t, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "referenced twice"));
	l2 = granule_map(t->f->rmm, granule_find(t->f->rmm, r.l2[1]));
	l2[1] = 0;
	refcount_add(t, r.l2[1], -1);
	assert_true(tracked(t, msg, sizeof(msg)));
}

int inv_realms_tests_run(void)
{
	const struct CMUnitTest tests[] = {
		TW_TEST(invariants_tracked__detect_rtt_refcount_change_in_either_of_two_realms),
		TW_TEST(invariants_tracked__detect_rtt_entry_cleared_in_either_of_two_realms),
		TW_TEST(invariants_tracked__detect_unreferenced_rtt_and_data_granules),
		TW_TEST(invariants_tracked__detect_rtt_referenced_twice),
	};

	return cmocka_run_group_tests_name("inv_realms", tests, NULL, NULL);
}
