/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * REC_ENTER from several host threads at once through the native library:
 * two RECs of one realm running at once (also extending one measurement),
 * one REC entered twice, stage-2 changes while a REC runs, REC_DESTROY
 * against REC_ENTER. Same rules as test_concurrent_rmi.c: results from
 * some serial order, the invariant checker after every call (debug
 * builds) and at the quiescent points; run under ThreadSanitizer by the
 * tsan preset.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conc_util.h"
#include "den0137_abi.h"
#include "realm_host.h"
#include "realm_hostcall.h"
#include "rmm.h"
#include "rmmsim.h"

/*
 * EXTENDS x RSI_MEASUREMENT_EXTEND(index 1, 8 bytes, 0x55), then PSCI
 * CPU_OFF (RMI_EXIT_PSCI): a REC that keeps the RMM's RSI handlers busy
 * (RD lock, hash contexts). Every extend adds the same value, so REM1
 * after all of them does not depend on their order.
 */
#define EXTENDS 200U
static const uint32_t extend_image[] = {
	0xD2800013U | (EXTENDS << 5), /* movz x19, #EXTENDS */
	0xD2803260U,                  /* 1: movz x0, #0x0193 */
	0xF2B88000U,                  /* movk x0, #0xC400, lsl #16: RSI_MEASUREMENT_EXTEND */
	0xD2800021U,                  /* mov x1, #1 */
	0xD2800102U,                  /* mov x2, #8 */
	0xD2800AA3U,                  /* mov x3, #0x55 */
	0xD4000003U,                  /* smc #0 */
	0xF1000673U,                  /* subs x19, x19, #1 */
	0x54FFFF21U,                  /* b.ne 1b */
	0xD2800040U,                  /* movz x0, #2 */
	0xF2B08000U,                  /* movk x0, #0x8400, lsl #16: PSCI_CPU_OFF */
	0xD4000003U,                  /* smc #0 */
	0x14000000U,                  /* b . */
};

/* Two RECs of one realm run at once; each run ends at the time slice (RMI_EXIT_IRQ). */
static void rec_enter_two_recs__both_run_concurrently(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct rec_arg a[2];

	conc_build_realm(r, 2);
	for (unsigned t = 0; t < 2; t++)
		a[t] = (struct rec_arg){ .sim = r->sim, .rec = r->recs[t].pa,
					 .run = r->recs[t].run, .enters = 5 };
	conc_run_threads(conc_rec_thread, a, sizeof(a[0]), 2);
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(a[t].ok, 5);
		assert_int_equal(a[t].irq_exits, 5);
		assert_int_equal(a[t].busy + a[t].gone + a[t].other, 0);
	}
	conc_assert_invariants(r->sim);
	conc_teardown_realm(r);
	test_free(r);
	(void)state;
}

/*
 * Two RECs of one realm extend REM1 at once: the RSI handlers of the two
 * threads meet on the RD lock and the measurement's hash. REM1 must be
 * what the same extends give one REC after the other (a serial order).
 */
static void rsi_extend_two_recs__measurement_equals_a_serial_order(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct rh_realm *serial = test_calloc(1, sizeof(*serial));
	struct rec_arg a[2];
	uint8_t rem1[64], want[64], zero[64] = { 0 };

	conc_build_realm_image(serial, 2, extend_image, sizeof(extend_image));
	for (unsigned t = 0; t < 2; t++) {
		struct rec_arg one = { .sim = serial->sim, .rec = serial->recs[t].pa,
				       .run = serial->recs[t].run, .enters = 1 };

		conc_rec_thread(&one);
		assert_int_equal(one.psci_exits, 1);
	}
	assert_true(rmmsim_realm_measurement(serial->sim, serial->rd, 1, want));
	assert_memory_not_equal(want, zero, sizeof(want));
	conc_teardown_realm(serial);
	test_free(serial);

	conc_build_realm_image(r, 2, extend_image, sizeof(extend_image));
	for (unsigned t = 0; t < 2; t++)
		a[t] = (struct rec_arg){ .sim = r->sim, .rec = r->recs[t].pa,
					 .run = r->recs[t].run, .enters = 1 };
	conc_run_threads(conc_rec_thread, a, sizeof(a[0]), 2);
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(a[t].ok, 1);
		assert_int_equal(a[t].psci_exits, 1); /* CPU_OFF after its extends */
	}
	assert_true(rmmsim_realm_measurement(r->sim, r->rd, 1, rem1));
	assert_memory_equal(rem1, want, sizeof(rem1));
	conc_assert_invariants(r->sim);
	conc_teardown_realm(r);
	test_free(r);
	(void)state;
}

/* One REC entered from two threads: a call that finds it RUNNING gets RMI_ERROR_REC. */
static void rec_enter_same_rec__one_runs_the_other_sees_running(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct rec_arg a[2];

	conc_build_realm(r, 1);
	for (unsigned t = 0; t < 2; t++)
		a[t] = (struct rec_arg){ .sim = r->sim, .rec = r->recs[0].pa,
					 .run = r->recs[t].run, .enters = 5 };
	/* Each thread its own RecRun page: the second one is not REC 0's own but any NS page. */
	a[1].run = rh_ns_alloc(r);
	conc_run_threads(conc_rec_thread, a, sizeof(a[0]), 2);
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(a[t].ok + a[t].busy, 5);
		assert_int_equal(a[t].gone + a[t].other, 0);
		assert_int_equal(a[t].irq_exits, a[t].ok);
	}
	assert_true(a[0].ok + a[1].ok >= 1U);
	conc_assert_invariants(r->sim);
	conc_teardown_realm(r);
	test_free(r);
	(void)state;
}

/* ---- stage-2 changes while a REC of the realm runs ---- */

#define UNPROT_IPA 0x80000000ULL /* ipa_bits 32: the unprotected half */
#define S2AP_RW (3ULL << 6)

struct map_arg {
	struct rmmsim *sim;
	pa_t rd, ns_page;
	unsigned ok, other;
	atomic_bool *stop;
};

static void *map_thread(void *p)
{
	struct map_arg *a = p;

	for (unsigned i = 0; i < ITERS / 4U; i++) {
		unsigned s = conc_status(conc_rmi5(a->sim, RMI_RTT_MAP_UNPROTECTED_FID, a->rd, UNPROT_IPA, 3,
					     a->ns_page | S2AP_RW | (0x5ULL << 2)));

		a->ok += s == RMI_SUCCESS;
		a->other += s != RMI_SUCCESS;
		s = conc_status(conc_rmi(a->sim, RMI_RTT_UNMAP_UNPROTECTED_FID, a->rd, UNPROT_IPA, 3, NULL));
		a->ok += s == RMI_SUCCESS;
		a->other += s != RMI_SUCCESS;
	}
	atomic_store(a->stop, true);
	return NULL;
}

struct s2_pair {
	struct rec_arg enter;
	struct map_arg map;
	bool mapper;
};

static void *s2_thread(void *p)
{
	struct s2_pair *s = p;

	return s->mapper ? map_thread(&s->map) : conc_rec_thread(&s->enter);
}

/*
 * RTT_MAP/UNMAP_UNPROTECTED (stage-2 invalidations of the running realm's
 * engine) from one thread while another keeps REC 0 running: every call
 * succeeds, every run ends at its time slice.
 */
static void s2_change_race__map_unmap_while_rec_runs(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	atomic_bool stop = false;
	struct s2_pair s[2];
	pa_t l2, l3;

	conc_build_realm(r, 1);
	l2 = rh_delegate(r);
	l3 = rh_delegate(r);
	assert_int_equal(conc_status(conc_rmi5(r->sim, RMI_RTT_CREATE_FID, r->rd, l2, UNPROT_IPA, 2)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi5(r->sim, RMI_RTT_CREATE_FID, r->rd, l3, UNPROT_IPA, 3)),
			 RMI_SUCCESS);
	memset(s, 0, sizeof(s));
	s[0].enter = (struct rec_arg){ .sim = r->sim, .rec = r->recs[0].pa, .run = r->recs[0].run,
				       .stop = &stop };
	s[1].map = (struct map_arg){ .sim = r->sim, .rd = r->rd, .ns_page = rh_ns_alloc(r),
				     .stop = &stop };
	s[1].mapper = true;
	conc_run_threads(s2_thread, s, sizeof(s[0]), 2);
	assert_int_equal(s[1].map.other, 0);
	assert_int_equal(s[1].map.ok, 2 * (ITERS / 4U));
	assert_int_equal(s[0].enter.busy + s[0].enter.gone + s[0].enter.other, 0);
	assert_int_equal(s[0].enter.irq_exits, s[0].enter.ok);
	conc_assert_invariants(r->sim);
	/* The realm_host tear-down knows nothing of these two RTTs: destroy them here. */
	assert_int_equal(conc_status(conc_rmi(r->sim, RMI_RTT_DESTROY_FID, r->rd, UNPROT_IPA, 3, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi(r->sim, RMI_RTT_DESTROY_FID, r->rd, UNPROT_IPA, 2, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi(r->sim, RMI_GRANULE_UNDELEGATE_FID, l3, 0, 0, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi(r->sim, RMI_GRANULE_UNDELEGATE_FID, l2, 0, 0, NULL)),
			 RMI_SUCCESS);
	conc_teardown_realm(r);
	test_free(r);
	(void)state;
}

/* ---- REC_DESTROY racing REC_ENTER ---- */

struct destroy_arg {
	struct rmmsim *sim;
	pa_t rec;
	unsigned busy, other, ok;
	atomic_bool *stop;
};

static void *destroy_thread(void *p)
{
	struct destroy_arg *a = p;

	for (;;) {
		unsigned s = conc_status(conc_rmi(a->sim, RMI_REC_DESTROY_FID, a->rec, 0, 0, NULL));

		if (s == RMI_SUCCESS) {
			a->ok++;
			break;
		}
		if (s == RMI_ERROR_REC)
			a->busy++;  /* rec_state: RUNNING */
		else
			a->other++;
		if (a->other > 0U)
			break;
	}
	atomic_store(a->stop, true);
	return NULL;
}

struct mixed_arg {
	struct rec_arg enter;
	struct destroy_arg destroy;
};

static void *mixed_thread(void *p)
{
	struct mixed_arg *m = p;

	/* Slot 0 enters, slot 1 destroys (run_threads passes &m[i]). */
	if (m->enter.sim != NULL)
		return conc_rec_thread(&m->enter);
	return destroy_thread(&m->destroy);
}

/*
 * REC_ENTER of REC 1 in a loop against REC_DESTROY of it: the destroy
 * fails with RMI_ERROR_REC while the REC runs and succeeds once, after
 * which REC_ENTER sees no REC (RMI_ERROR_INPUT); REC 0 and the RD are
 * untouched (RD refcount 1).
 */
static void rec_destroy_race__destroy_once_then_enter_sees_no_rec(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct mixed_arg m[2];
	atomic_bool stop = false;
	struct rh_rec victim;
	struct rh_ret ret;

	conc_build_realm(r, 2);
	memset(m, 0, sizeof(m));
	m[0].enter = (struct rec_arg){ .sim = r->sim, .rec = r->recs[1].pa, .run = r->recs[1].run };
	m[1].destroy = (struct destroy_arg){ .sim = r->sim, .rec = r->recs[1].pa, .stop = &stop };
	conc_run_threads(mixed_thread, m, sizeof(m[0]), 2);
	assert_int_equal(m[1].destroy.ok, 1);
	assert_int_equal(m[1].destroy.other, 0);
	assert_int_equal(m[0].enter.other, 0);
	assert_int_equal(m[0].enter.gone, 1);
	assert_int_equal(m[0].enter.irq_exits, m[0].enter.ok);
	assert_int_equal(rmmsim_granule_state(r->sim, r->recs[1].pa), RMM_GRANULE_DELEGATED);
	conc_assert_invariants(r->sim);
	/* REC 0 still runs. */
	ret = rh_rmi(r, RMI_REC_ENTER_FID, r->recs[0].pa, r->recs[0].run, 0, 0);
	assert_int_equal(ret.status, RMI_SUCCESS);
	/* Give REC 1's granules back and tear the rest down. */
	victim = r->recs[1];
	r->num_recs = 1;
	assert_int_equal(rh_rmi(r, RMI_GRANULE_UNDELEGATE_FID, victim.pa, 0, 0, 0).status,
			 RMI_SUCCESS);
	for (uint64_t i = 0; i < r->num_aux; i++)
		assert_int_equal(rh_rmi(r, RMI_GRANULE_UNDELEGATE_FID, victim.aux[i], 0, 0, 0).status,
				 RMI_SUCCESS);
	conc_teardown_realm(r);
	test_free(r);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rec_enter_two_recs__both_run_concurrently),
		cmocka_unit_test(rec_enter_same_rec__one_runs_the_other_sees_running),
		cmocka_unit_test(rsi_extend_two_recs__measurement_equals_a_serial_order),
		cmocka_unit_test(s2_change_race__map_unmap_while_rec_runs),
		cmocka_unit_test(rec_destroy_race__destroy_once_then_enter_sees_no_rec),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
