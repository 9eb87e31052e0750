/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * REC_ENTER from several host threads at once through the native library:
 * two RECs of one realm running at once (also extending one measurement),
 * one REC entered twice, stage-2 changes while a REC runs, REC_DESTROY
 * against REC_ENTER; realm code of two RECs overlapping in time (each REC
 * its own realm CPU engine) and a stage-2 unmap reaching every engine. Same rules as test_concurrent_rmi.c: results from
 * some serial order, the invariant checker after every call (debug
 * builds) and at the quiescent points; run under ThreadSanitizer by the
 * tsan preset.
 */
#include <pthread.h>
#include <sched.h>
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
#include "platform.h"
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

/* ---- realm code of two RECs at the same time ---- */

/*
 * Ping-pong on a counter C in the image's second page (IPA RH_LOAD_IPA +
 * 4096, 0 at load): REC n (MPIDR_EL1.Aff0 bit 0 = n) waits until C is even
 * (REC 0) or odd (REC 1), adds 1, and both stop with PSCI CPU_OFF once C
 * reaches PINGPONG_TARGET. Only the REC whose parity C has writes it, so
 * no atomics are needed. If the two RECs' runs never overlap, a run adds 1
 * at most once (after that only the other REC can move C): reaching the
 * target then takes PINGPONG_TARGET / 2 runs of each REC, more than
 * PINGPONG_MAX_ENTERS, and the test fails at that bound rather than hangs.
 */
#define PINGPONG_TARGET 100U
#define PINGPONG_MAX_ENTERS 45U
#define PINGPONG_WORDS (4096U / 4U + 2U)

static void pingpong_image(uint32_t img[PINGPONG_WORDS])
{
	static const uint32_t code[] = {
		0xD53800A1U,                    /* mrs x1, mpidr_el1 */
		0x92400021U,                    /* and x1, x1, #1 */
		0x10000002U | (1022U << 5),     /* adr x2, C (+4088: the next page) */
		0xD2800006U | (PINGPONG_TARGET << 5), /* movz x6, #TARGET */
		0xF9400044U,                    /* 1: ldr x4, [x2] */
		0xEB06009FU,                    /* cmp x4, x6 */
		0x540000E2U,                    /* b.hs 2f */
		0x92400085U,                    /* and x5, x4, #1 */
		0xEB0100BFU,                    /* cmp x5, x1 */
		0x54FFFF61U,                    /* b.ne 1b: not my turn */
		0x91000484U,                    /* add x4, x4, #1 */
		0xF9000044U,                    /* str x4, [x2] */
		0x17FFFFF8U,                    /* b 1b */
		0xD2800040U,                    /* 2: movz x0, #2 */
		0xF2B08000U,                    /* movk x0, #0x8400, lsl #16: PSCI_CPU_OFF */
		0xD4000003U,                    /* smc #0 */
		0x14000000U,                    /* b . */
	};

	memset(img, 0, PINGPONG_WORDS * sizeof(img[0]));
	memcpy(img, code, sizeof(code));
}

struct pingpong_arg {
	struct rmmsim *sim;
	pa_t rec, run;
	unsigned enters, irq_exits, psci_exits, errors;
};

static void *pingpong_thread(void *p)
{
	struct pingpong_arg *a = p;

	while (a->enters < PINGPONG_MAX_ENTERS && a->psci_exits == 0U) {
		unsigned s = conc_status(conc_rmi(a->sim, RMI_REC_ENTER_FID, a->rec, a->run, 0, NULL));
		uint8_t reason = 0xFF;

		a->enters++;
		if (s != RMI_SUCCESS ||
		    !rmmsim_ns_read(a->sim, a->run + RMI_REC_RUN_EXIT_REASON_OFFSET, &reason, 1)) {
			a->errors++;
			break;
		}
		a->irq_exits += reason == RMI_EXIT_IRQ;
		a->psci_exits += reason == RMI_EXIT_PSCI;
	}
	return NULL;
}

/*
 * Two RECs of one realm hand a counter back and forth PINGPONG_TARGET
 * times within PINGPONG_MAX_ENTERS REC_ENTERs each: only possible if
 * realm instructions of both RECs execute at the same time.
 */
static void rec_enter_two_recs__realm_code_runs_at_the_same_time(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	uint32_t *img = test_malloc(PINGPONG_WORDS * sizeof(uint32_t));
	struct pingpong_arg a[2];

	pingpong_image(img);
	conc_build_realm_image(r, 2, img, PINGPONG_WORDS * sizeof(uint32_t));
	for (unsigned t = 0; t < 2; t++)
		a[t] = (struct pingpong_arg){ .sim = r->sim, .rec = r->recs[t].pa,
					      .run = r->recs[t].run };
	/*
	 * Debug builds check the invariants after every RMI call with the
	 * RMM's quiesce lock held exclusive, so a REC_ENTER that ends waits
	 * for the other REC's to end too and the runs would rarely overlap:
	 * check here at the quiescent points instead.
	 */
	rmm_set_invariant_checks(r->sim->rmm, false);
	conc_run_threads(pingpong_thread, a, sizeof(a[0]), 2);
	rmm_set_invariant_checks(r->sim->rmm, true);
	for (unsigned t = 0; t < 2; t++) {
		if (a[t].psci_exits == 0U)
			print_error("REC %u: no CPU_OFF after %u enters (runs serialised?)\n", t,
				    a[t].enters);
		assert_int_equal(a[t].errors, 0);
		assert_int_equal(a[t].psci_exits, 1);
		assert_int_equal(a[t].irq_exits + a[t].psci_exits, a[t].enters);
	}
	conc_assert_invariants(r->sim);
	conc_teardown_realm(r);
	test_free(img);
	test_free(r);
	(void)state;
}

/* ---- a stage-2 unmap reaches every running REC ---- */

/*
 * RECs 0 and 1 read the Unprotected page forever; REC 2 only spins, so it
 * keeps an engine busy and the readers also run on the others.
 */
static const uint32_t ns_reader_image[] = {
	0xD53800A1U, /* mrs x1, mpidr_el1 */
	0x92400421U, /* and x1, x1, #3 */
	0xF100083FU, /* cmp x1, #2 */
	0x540000A0U, /* b.eq 2f */
	0xD2B00002U, /* movz x2, #0x8000, lsl #16: UNPROT_IPA */
	0xF9400044U, /* 1: ldr x4, [x2] */
	0x91000400U, /* add x0, x0, #1 */
	0x17FFFFFEU, /* b 1b */
	0x91000400U, /* 2: add x0, x0, #1 */
	0x17FFFFFFU, /* b 2b */
};

#define UNMAP_MAX_ENTERS 1000U
/* REC_ENTERs of each reader after the unmap returned, all of which must fault. */
#define UNMAP_AFTER_ENTERS 20U

struct reader_arg {
	struct rmmsim *sim;
	pa_t rec, run;
	atomic_uint irq_before;     /* IRQ exits of entries begun before the unmap returned */
	atomic_bool *unmapped;
	unsigned after_irq;         /* entries begun after the unmap that still ran on: must be 0 */
	unsigned after_sync;        /* ... that faulted at UNPROT_IPA (RMI_EXIT_SYNC) */
	unsigned other;
	uint64_t hpfar;
	bool unmapper, spinner;
	struct rec_arg spin;        /* REC 2, until *done */
	atomic_uint *finished;
	atomic_bool *done;
	pa_t rd;
	atomic_uint *readers[2];
	unsigned unmap_status;
};

static void *reader_thread(struct reader_arg *a)
{
	for (unsigned i = 0; i < UNMAP_MAX_ENTERS && a->after_sync < UNMAP_AFTER_ENTERS; i++) {
		bool after = atomic_load(a->unmapped);
		unsigned s = conc_status(conc_rmi(a->sim, RMI_REC_ENTER_FID, a->rec, a->run, 0, NULL));
		uint8_t reason = 0xFF;

		if (s != RMI_SUCCESS ||
		    !rmmsim_ns_read(a->sim, a->run + RMI_REC_RUN_EXIT_REASON_OFFSET, &reason, 1)) {
			a->other++;
			break;
		}
		if (!after) {
			if (reason == RMI_EXIT_IRQ)
				atomic_fetch_add(&a->irq_before, 1U);
			/* RMI_EXIT_SYNC here: the run began before the flag was set. */
			continue;
		}
		if (reason == RMI_EXIT_IRQ) {
			a->after_irq++;
		} else if (reason == RMI_EXIT_SYNC) {
			a->after_sync++;
			(void)rmmsim_ns_read(a->sim, a->run + RMI_REC_RUN_EXIT_HPFAR_OFFSET, &a->hpfar,
					     sizeof(a->hpfar));
		} else {
			a->other++;
			break;
		}
	}
	if (atomic_fetch_add(a->finished, 1U) == 1U)
		atomic_store(a->done, true); /* both readers are done: stop the spinner */
	return NULL;
}

static void *unmapper_thread(struct reader_arg *a)
{
	/* Let both RECs run on the page (each engine filled), then unmap while they run. */
	for (unsigned spins = 0; spins < 100000000U; spins++) {
		if (atomic_load(a->readers[0]) >= 2U && atomic_load(a->readers[1]) >= 2U)
			break;
		sched_yield();
	}
	a->unmap_status = conc_status(
		conc_rmi(a->sim, RMI_RTT_UNMAP_UNPROTECTED_FID, a->rd, UNPROT_IPA, 3, NULL));
	atomic_store(a->unmapped, true);
	return NULL;
}

static void *unmap_race_thread(void *p)
{
	struct reader_arg *a = p;

	if (a->spinner)
		return conc_rec_thread(&a->spin);
	return a->unmapper ? unmapper_thread(a) : reader_thread(a);
}

/*
 * Two RECs of one realm keep reading an Unprotected page on two threads
 * while a third REC keeps an engine busy and a fourth thread unmaps the
 * page: once RTT_UNMAP_UNPROTECTED has returned, every later REC_ENTER of
 * either reader faults at that IPA (RMI_EXIT_SYNC, HPFAR = the IPA),
 * whichever engine it runs on: no engine keeps the old mapping.
 */
static void s2_unmap_race__every_rec_faults_after_unmap_returns(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct reader_arg *a = test_calloc(4, sizeof(*a));
	atomic_bool unmapped = false, done = false;
	atomic_uint finished = 0;
	pa_t l2, l3, ns;

	conc_build_realm_image(r, 3, ns_reader_image, sizeof(ns_reader_image));
	l2 = rh_delegate(r);
	l3 = rh_delegate(r);
	ns = rh_ns_alloc(r);
	assert_int_equal(conc_status(conc_rmi5(r->sim, RMI_RTT_CREATE_FID, r->rd, l2, UNPROT_IPA, 2)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi5(r->sim, RMI_RTT_CREATE_FID, r->rd, l3, UNPROT_IPA, 3)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi5(r->sim, RMI_RTT_MAP_UNPROTECTED_FID, r->rd,
					       UNPROT_IPA, 3, ns | S2AP_RW | (0x5ULL << 2))),
			 RMI_SUCCESS);
	for (unsigned t = 0; t < 2; t++) {
		a[t].sim = r->sim;
		a[t].rec = r->recs[t].pa;
		a[t].run = r->recs[t].run;
		a[t].unmapped = &unmapped;
		a[t].finished = &finished;
		a[t].done = &done;
	}
	a[2].sim = r->sim;
	a[2].rd = r->rd;
	a[2].unmapper = true;
	a[2].unmapped = &unmapped;
	a[2].readers[0] = &a[0].irq_before;
	a[2].readers[1] = &a[1].irq_before;
	a[3].spinner = true;
	a[3].spin = (struct rec_arg){ .sim = r->sim, .rec = r->recs[2].pa, .run = r->recs[2].run,
				      .stop = &done };
	conc_run_threads(unmap_race_thread, a, sizeof(a[0]), 4);
	assert_int_equal(a[3].spin.other + a[3].spin.busy + a[3].spin.gone, 0);
	assert_int_equal(a[2].unmap_status, RMI_SUCCESS);
	for (unsigned t = 0; t < 2; t++) {
		assert_true(atomic_load(&a[t].irq_before) >= 2U);
		assert_int_equal(a[t].other, 0);
		assert_int_equal(a[t].after_irq, 0);
		assert_int_equal(a[t].after_sync, UNMAP_AFTER_ENTERS);
		assert_int_equal(a[t].hpfar, (UNPROT_IPA >> 12) << 4);
	}
	conc_assert_invariants(r->sim);
	assert_int_equal(conc_status(conc_rmi(r->sim, RMI_RTT_DESTROY_FID, r->rd, UNPROT_IPA, 3, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi(r->sim, RMI_RTT_DESTROY_FID, r->rd, UNPROT_IPA, 2, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi(r->sim, RMI_GRANULE_UNDELEGATE_FID, l3, 0, 0, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(conc_status(conc_rmi(r->sim, RMI_GRANULE_UNDELEGATE_FID, l2, 0, 0, NULL)),
			 RMI_SUCCESS);
	conc_teardown_realm(r);
	test_free(a);
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
		cmocka_unit_test(rec_enter_two_recs__realm_code_runs_at_the_same_time),
		cmocka_unit_test(s2_unmap_race__every_rec_faults_after_unmap_returns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
