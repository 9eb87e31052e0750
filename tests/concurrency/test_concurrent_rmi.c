/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI from several host threads at once through the native library
 * (rmmsim_smc is thread-safe, docs/conformance.md "Concurrency"): races on
 * one granule, on one realm's RTTs, on two RECs of one realm, and
 * REC_DESTROY against REC_ENTER. Each call's result must be one the spec
 * allows for some serial order of the racing calls, the final state must
 * agree with the results, and the invariant checker must pass: after every
 * call (debug builds check inside rmm_handle_rmi, serialised against the
 * calls in flight) and at the quiescent points below. Built and run under
 * ThreadSanitizer by the tsan preset (scripts/test.sh).
 *
 * Threads do not call cmocka (not thread-safe): they count what they saw
 * and the main thread asserts.
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

#include "den0137_abi.h"
#include "realm_host.h"
#include "realm_hostcall.h"
#include "rmm.h"
#include "rmmsim.h"

#define NTHREADS 4U
#define ITERS 200U

/* 1: add x0, x0, #1; b 1b -- a REC that runs until the time slice ends. */
static const uint32_t loop_image[] = { 0x91000400U, 0x17FFFFFFU };

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

static uint64_t rmi(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		    uint64_t *x1)
{
	struct smc_regs regs = { .x = { fid, a1, a2, a3 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &regs);
	if (x1 != NULL)
		*x1 = regs.x[1];
	return regs.x[0];
}

static uint64_t rmi5(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		     uint64_t a4)
{
	struct smc_regs regs = { .x = { fid, a1, a2, a3, a4 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &regs);
	return regs.x[0];
}

static unsigned status_of(uint64_t x0)
{
	return (unsigned)(x0 & 0xFFU);
}

static void assert_invariants(struct rmmsim *sim)
{
	char msg[256] = "";
	bool ok = rmmsim_check_invariants(sim, msg, sizeof(msg));

	if (!ok)
		print_error("invariant: %s\n", msg);
	assert_true(ok);
}

static pa_t dram_pa(struct rmmsim *sim, uint64_t offset)
{
	struct rmmsim_region bank;

	assert_true(rmmsim_dram_banks(sim, &bank, 1) >= 1U);
	assert_true(offset < bank.size);
	return bank.base + offset;
}

static struct rmmsim *new_sim(void)
{
	struct rmmsim_options opt = { 0 };
	char err[256];
	struct rmmsim *sim = rmmsim_create(&opt, err, sizeof(err));

	if (sim == NULL)
		print_error("rmmsim_create: %s\n", err);
	assert_non_null(sim);
	return sim;
}

static void run_threads(void *(*fn)(void *), void *args, size_t arg_size, unsigned n)
{
	pthread_t t[NTHREADS];

	assert_true(n <= NTHREADS);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(pthread_create(&t[i], NULL, fn, (char *)args + i * arg_size), 0);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
}

/* ---- delegate / undelegate of one granule from every thread ---- */

struct gran_arg {
	struct rmmsim *sim;
	pa_t pa;
	unsigned del_ok, undel_ok, input, other;
};

static void *gran_thread(void *p)
{
	struct gran_arg *a = p;

	for (unsigned i = 0; i < ITERS; i++) {
		unsigned s = status_of(rmi(a->sim, RMI_GRANULE_DELEGATE_FID, a->pa, 0, 0, NULL));

		a->del_ok += s == RMI_SUCCESS;
		a->input += s == RMI_ERROR_INPUT;
		a->other += s != RMI_SUCCESS && s != RMI_ERROR_INPUT;
		s = status_of(rmi(a->sim, RMI_GRANULE_UNDELEGATE_FID, a->pa, 0, 0, NULL));
		a->undel_ok += s == RMI_SUCCESS;
		a->input += s == RMI_ERROR_INPUT;
		a->other += s != RMI_SUCCESS && s != RMI_ERROR_INPUT;
		/* The state read without any lock is always one of the two. */
		s = (unsigned)rmmsim_granule_state(a->sim, a->pa);
		a->other += s != RMM_GRANULE_UNDELEGATED && s != RMM_GRANULE_DELEGATED;
	}
	return NULL;
}

/*
 * Serially, DELEGATE succeeds exactly when the granule is UNDELEGATED and
 * UNDELEGATE exactly when it is DELEGATED (else RMI_ERROR_INPUT), so the
 * successes alternate: #delegates - #undelegates is the final state (0 or
 * 1), and the GPT agrees with it.
 */
static void granule_race__successes_alternate_and_match_the_final_state(void **state)
{
	struct rmmsim *sim = new_sim();
	struct gran_arg a[NTHREADS];
	unsigned del = 0, undel = 0, other = 0;
	int final;

	for (unsigned i = 0; i < NTHREADS; i++)
		a[i] = (struct gran_arg){ .sim = sim, .pa = dram_pa(sim, 0x08000000ULL) };
	run_threads(gran_thread, a, sizeof(a[0]), NTHREADS);
	for (unsigned i = 0; i < NTHREADS; i++) {
		del += a[i].del_ok;
		undel += a[i].undel_ok;
		other += a[i].other;
	}
	final = rmmsim_granule_state(sim, a[0].pa);
	assert_int_equal(other, 0);
	assert_true(del >= 1U);
	assert_true(del == undel || del == undel + 1U);
	assert_int_equal(final, del == undel ? RMM_GRANULE_UNDELEGATED : RMM_GRANULE_DELEGATED);
	assert_int_equal(rmmsim_pas(sim, a[0].pa), del == undel ? 0x9 /* NS */ : 0xB /* Realm */);
	assert_invariants(sim);
	rmmsim_destroy(sim);
	(void)state;
}

/* Distinct granules: nothing is shared but the RMM, so every call succeeds. */
static void *distinct_thread(void *p)
{
	struct gran_arg *a = p;

	for (unsigned i = 0; i < ITERS; i++) {
		pa_t pa = a->pa + (uint64_t)(i % 16U) * 4096U;

		a->del_ok += status_of(rmi(a->sim, RMI_GRANULE_DELEGATE_FID, pa, 0, 0, NULL)) ==
			     RMI_SUCCESS;
		a->undel_ok += status_of(rmi(a->sim, RMI_GRANULE_UNDELEGATE_FID, pa, 0, 0, NULL)) ==
			       RMI_SUCCESS;
	}
	return NULL;
}

static void granule_distinct__every_thread_succeeds_every_time(void **state)
{
	struct rmmsim *sim = new_sim();
	struct gran_arg a[NTHREADS];

	for (unsigned i = 0; i < NTHREADS; i++)
		a[i] = (struct gran_arg){ .sim = sim,
					  .pa = dram_pa(sim, 0x08000000ULL + i * 0x10000ULL) };
	run_threads(distinct_thread, a, sizeof(a[0]), NTHREADS);
	for (unsigned i = 0; i < NTHREADS; i++) {
		assert_int_equal(a[i].del_ok, ITERS);
		assert_int_equal(a[i].undel_ok, ITERS);
	}
	assert_invariants(sim);
	rmmsim_destroy(sim);
	(void)state;
}

/* ---- host NS accesses racing the granule's delegation ---- */

struct ns_arg {
	struct rmmsim *sim;
	pa_t pa;
	atomic_bool *stop;
	unsigned writes_ok, delegated, dirty;
};

static void *ns_writer(void *p)
{
	struct ns_arg *a = p;
	static uint8_t ones[4096];

	memset(ones, 0xFF, sizeof(ones));
	while (!atomic_load(a->stop)) {
		/* Straddles into the next granule too: two PAS stripes. */
		a->writes_ok += rmmsim_ns_write(a->sim, a->pa + 2048U, ones, sizeof(ones));
	}
	return NULL;
}

static void *ns_delegator(void *p)
{
	struct ns_arg *a = p;
	char msg[256];

	for (unsigned i = 0; i < ITERS; i++) {
		if (status_of(rmi(a->sim, RMI_GRANULE_DELEGATE_FID, a->pa, 0, 0, NULL)) !=
		    RMI_SUCCESS)
			continue;
		a->delegated++;
		/* delegated_zero: no write that passed the GPC check lands after the zeroing. */
		if (!rmmsim_check_invariants(a->sim, msg, sizeof(msg)))
			a->dirty++;
		(void)rmi(a->sim, RMI_GRANULE_UNDELEGATE_FID, a->pa, 0, 0, NULL);
	}
	atomic_store(a->stop, true);
	return NULL;
}

struct ns_pair {
	struct ns_arg arg;
	bool writer;
};

static void *ns_thread(void *p)
{
	struct ns_pair *n = p;

	return n->writer ? ns_writer(&n->arg) : ns_delegator(&n->arg);
}

/*
 * A host thread writing NS memory while another delegates the granule:
 * each write either lands before the PAS changes or fails the GPC; none
 * lands in the DELEGATED (zeroed) granule afterwards.
 */
static void ns_write_race__no_write_lands_in_a_delegated_granule(void **state)
{
	struct rmmsim *sim = new_sim();
	atomic_bool stop = false;
	struct ns_pair n[2];
	pa_t pa = dram_pa(sim, 0x08100000ULL);

	for (unsigned t = 0; t < 2; t++)
		n[t] = (struct ns_pair){ .arg = { .sim = sim, .pa = pa, .stop = &stop },
					 .writer = t == 0 };
	run_threads(ns_thread, n, sizeof(n[0]), 2);
	assert_int_equal(n[1].arg.delegated, ITERS);
	assert_int_equal(n[1].arg.dirty, 0);
	assert_int_equal(rmmsim_granule_state(sim, pa), RMM_GRANULE_UNDELEGATED);
	assert_invariants(sim);
	rmmsim_destroy(sim);
	(void)state;
}

/* ---- a realm for the RTT and REC races ---- */

static void build_realm_image(struct rh_realm *r, unsigned num_recs, const void *image,
			      size_t len)
{
	struct rh_config cfg = { .num_recs = num_recs, .all_runnable = true };

	if (!rh_init(r, NULL, &cfg) || !rh_build(r, image, len))
		print_error("realm: %s\n", r->res.error);
	assert_true(r->activated);
}

static void build_realm(struct rh_realm *r, unsigned num_recs)
{
	build_realm_image(r, num_recs, loop_image, sizeof(loop_image));
}

static void teardown_realm(struct rh_realm *r)
{
	bool ok = rh_teardown(r);

	if (!ok)
		print_error("teardown: %s\n", r->res.error);
	assert_true(ok);
	rh_fini(r);
}

/* ---- two threads building (and destroying) the same RTTs of one realm ---- */

#define RTT_BASE_IPA 0x40000000ULL /* level-1 entry 1: nothing of realm_host's there */
#define RTT_L3_TABLES 8U

struct rtt_arg {
	struct rmmsim *sim;
	pa_t rd;
	pa_t l2;                  /* this thread's candidate for the level-2 RTT */
	pa_t l3[RTT_L3_TABLES];   /* ... and for the level-3 RTTs */
	bool l2_won, l3_won[RTT_L3_TABLES];
	pa_t l2_destroyed, l3_destroyed[RTT_L3_TABLES]; /* X1 of a successful RTT_DESTROY */
	unsigned other;           /* results no serial order allows */
	pthread_barrier_t *bar;
};

static void *rtt_thread(void *p)
{
	struct rtt_arg *a = p;

	pthread_barrier_wait(a->bar);
	{
		struct smc_regs regs = { .x = { RMI_RTT_CREATE_FID, a->rd, a->l2, RTT_BASE_IPA, 2 } };

		rmmsim_smc(a->sim, RMMSIM_CALLER_NS, &regs);
		a->l2_won = status_of(regs.x[0]) == RMI_SUCCESS;
		a->other += !a->l2_won && status_of(regs.x[0]) != RMI_ERROR_RTT;
	}
	for (unsigned i = 0; i < RTT_L3_TABLES; i++) {
		struct smc_regs regs = { .x = { RMI_RTT_CREATE_FID, a->rd, a->l3[i],
						RTT_BASE_IPA + i * 0x200000ULL, 3 } };

		rmmsim_smc(a->sim, RMMSIM_CALLER_NS, &regs);
		a->l3_won[i] = status_of(regs.x[0]) == RMI_SUCCESS;
		a->other += !a->l3_won[i] && status_of(regs.x[0]) != RMI_ERROR_RTT;
	}
	pthread_barrier_wait(a->bar);
	for (unsigned i = 0; i < RTT_L3_TABLES; i++) {
		struct smc_regs regs = { .x = { RMI_RTT_DESTROY_FID, a->rd,
						RTT_BASE_IPA + i * 0x200000ULL, 3 } };

		rmmsim_smc(a->sim, RMMSIM_CALLER_NS, &regs);
		if (status_of(regs.x[0]) == RMI_SUCCESS)
			a->l3_destroyed[i] = regs.x[1];
		else
			a->other += status_of(regs.x[0]) != RMI_ERROR_RTT;
	}
	pthread_barrier_wait(a->bar);
	{
		struct smc_regs regs = { .x = { RMI_RTT_DESTROY_FID, a->rd, RTT_BASE_IPA, 2 } };

		rmmsim_smc(a->sim, RMMSIM_CALLER_NS, &regs);
		if (status_of(regs.x[0]) == RMI_SUCCESS)
			a->l2_destroyed = regs.x[1];
		else
			a->other += status_of(regs.x[0]) != RMI_ERROR_RTT;
	}
	return NULL;
}

/*
 * Both threads create the level-2 RTT and the 8 level-3 RTTs below it
 * with their own granules: each table is created by exactly one of them
 * (the other sees RMI_ERROR_RTT), and destroyed by exactly one of them,
 * which gets the winner's granule back in X1.
 */
static void rtt_race__each_table_created_and_destroyed_exactly_once(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct rtt_arg a[2];
	pthread_barrier_t bar;

	build_realm(r, 1);
	assert_int_equal(pthread_barrier_init(&bar, NULL, 2), 0);
	for (unsigned t = 0; t < 2; t++) {
		a[t] = (struct rtt_arg){ .sim = r->sim, .rd = r->rd, .bar = &bar };
		a[t].l2 = rh_delegate(r);
		for (unsigned i = 0; i < RTT_L3_TABLES; i++)
			a[t].l3[i] = rh_delegate(r);
	}
	run_threads(rtt_thread, a, sizeof(a[0]), 2);
	assert_int_equal(a[0].other + a[1].other, 0);
	assert_true(a[0].l2_won != a[1].l2_won);
	assert_int_equal((a[0].l2_destroyed != 0) + (a[1].l2_destroyed != 0), 1);
	assert_int_equal(a[0].l2_destroyed | a[1].l2_destroyed, a[0].l2_won ? a[0].l2 : a[1].l2);
	for (unsigned i = 0; i < RTT_L3_TABLES; i++) {
		pa_t winner = a[0].l3_won[i] ? a[0].l3[i] : a[1].l3[i];

		assert_true(a[0].l3_won[i] != a[1].l3_won[i]);
		assert_int_equal((a[0].l3_destroyed[i] != 0) + (a[1].l3_destroyed[i] != 0), 1);
		assert_int_equal(a[0].l3_destroyed[i] | a[1].l3_destroyed[i], winner);
	}
	/* Every candidate granule is DELEGATED again: the losers' never left it. */
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(rmmsim_granule_state(r->sim, a[t].l2), RMM_GRANULE_DELEGATED);
		for (unsigned i = 0; i < RTT_L3_TABLES; i++)
			assert_int_equal(rmmsim_granule_state(r->sim, a[t].l3[i]),
					 RMM_GRANULE_DELEGATED);
	}
	assert_invariants(r->sim);
	pthread_barrier_destroy(&bar);
	teardown_realm(r);
	test_free(r);
	(void)state;
}

/* ---- REC_ENTER of RECs of one realm on several threads ---- */

struct rec_arg {
	struct rmmsim *sim;
	pa_t rec, run;
	unsigned enters;          /* how many REC_ENTERs to issue; 0: until destroyed */
	unsigned ok, busy, gone, other, irq_exits, psci_exits;
	atomic_bool *stop;
};

static void *rec_thread(void *p)
{
	struct rec_arg *a = p;

	for (unsigned i = 0; a->enters == 0U || i < a->enters; i++) {
		unsigned s = status_of(rmi(a->sim, RMI_REC_ENTER_FID, a->rec, a->run, 0, NULL));
		uint8_t reason = 0xFF;

		if (s == RMI_SUCCESS) {
			a->ok++;
			if (rmmsim_ns_read(a->sim, a->run + RMI_REC_RUN_EXIT_REASON_OFFSET, &reason,
					   1) &&
			    reason == RMI_EXIT_IRQ)
				a->irq_exits++;
			a->psci_exits += reason == RMI_EXIT_PSCI;
		} else if (s == RMI_ERROR_REC) {
			a->busy++;     /* RUNNING on the other thread */
		} else if (s == RMI_ERROR_INPUT) {
			a->gone++;     /* destroyed: the granule is no REC any more */
			if (a->enters == 0U)
				break;
		} else {
			a->other++;
		}
		if (a->stop != NULL && atomic_load(a->stop))
			break;
	}
	return NULL;
}

/* Two RECs of one realm run at once; each run ends at the time slice (RMI_EXIT_IRQ). */
static void rec_enter_two_recs__both_run_concurrently(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct rec_arg a[2];

	build_realm(r, 2);
	for (unsigned t = 0; t < 2; t++)
		a[t] = (struct rec_arg){ .sim = r->sim, .rec = r->recs[t].pa,
					 .run = r->recs[t].run, .enters = 5 };
	run_threads(rec_thread, a, sizeof(a[0]), 2);
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(a[t].ok, 5);
		assert_int_equal(a[t].irq_exits, 5);
		assert_int_equal(a[t].busy + a[t].gone + a[t].other, 0);
	}
	assert_invariants(r->sim);
	teardown_realm(r);
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

	build_realm_image(serial, 2, extend_image, sizeof(extend_image));
	for (unsigned t = 0; t < 2; t++) {
		struct rec_arg one = { .sim = serial->sim, .rec = serial->recs[t].pa,
				       .run = serial->recs[t].run, .enters = 1 };

		rec_thread(&one);
		assert_int_equal(one.psci_exits, 1);
	}
	assert_true(rmmsim_realm_measurement(serial->sim, serial->rd, 1, want));
	assert_memory_not_equal(want, zero, sizeof(want));
	teardown_realm(serial);
	test_free(serial);

	build_realm_image(r, 2, extend_image, sizeof(extend_image));
	for (unsigned t = 0; t < 2; t++)
		a[t] = (struct rec_arg){ .sim = r->sim, .rec = r->recs[t].pa,
					 .run = r->recs[t].run, .enters = 1 };
	run_threads(rec_thread, a, sizeof(a[0]), 2);
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(a[t].ok, 1);
		assert_int_equal(a[t].psci_exits, 1); /* CPU_OFF after its extends */
	}
	assert_true(rmmsim_realm_measurement(r->sim, r->rd, 1, rem1));
	assert_memory_equal(rem1, want, sizeof(rem1));
	assert_invariants(r->sim);
	teardown_realm(r);
	test_free(r);
	(void)state;
}

/* One REC entered from two threads: a call that finds it RUNNING gets RMI_ERROR_REC. */
static void rec_enter_same_rec__one_runs_the_other_sees_running(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct rec_arg a[2];

	build_realm(r, 1);
	for (unsigned t = 0; t < 2; t++)
		a[t] = (struct rec_arg){ .sim = r->sim, .rec = r->recs[0].pa,
					 .run = r->recs[t].run, .enters = 5 };
	/* Each thread its own RecRun page: the second one is not REC 0's own but any NS page. */
	a[1].run = rh_ns_alloc(r);
	run_threads(rec_thread, a, sizeof(a[0]), 2);
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(a[t].ok + a[t].busy, 5);
		assert_int_equal(a[t].gone + a[t].other, 0);
		assert_int_equal(a[t].irq_exits, a[t].ok);
	}
	assert_true(a[0].ok + a[1].ok >= 1U);
	assert_invariants(r->sim);
	teardown_realm(r);
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
		unsigned s = status_of(rmi5(a->sim, RMI_RTT_MAP_UNPROTECTED_FID, a->rd, UNPROT_IPA, 3,
					     a->ns_page | S2AP_RW | (0x5ULL << 2)));

		a->ok += s == RMI_SUCCESS;
		a->other += s != RMI_SUCCESS;
		s = status_of(rmi(a->sim, RMI_RTT_UNMAP_UNPROTECTED_FID, a->rd, UNPROT_IPA, 3, NULL));
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

	return s->mapper ? map_thread(&s->map) : rec_thread(&s->enter);
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

	build_realm(r, 1);
	l2 = rh_delegate(r);
	l3 = rh_delegate(r);
	assert_int_equal(status_of(rmi5(r->sim, RMI_RTT_CREATE_FID, r->rd, l2, UNPROT_IPA, 2)),
			 RMI_SUCCESS);
	assert_int_equal(status_of(rmi5(r->sim, RMI_RTT_CREATE_FID, r->rd, l3, UNPROT_IPA, 3)),
			 RMI_SUCCESS);
	memset(s, 0, sizeof(s));
	s[0].enter = (struct rec_arg){ .sim = r->sim, .rec = r->recs[0].pa, .run = r->recs[0].run,
				       .stop = &stop };
	s[1].map = (struct map_arg){ .sim = r->sim, .rd = r->rd, .ns_page = rh_ns_alloc(r),
				     .stop = &stop };
	s[1].mapper = true;
	run_threads(s2_thread, s, sizeof(s[0]), 2);
	assert_int_equal(s[1].map.other, 0);
	assert_int_equal(s[1].map.ok, 2 * (ITERS / 4U));
	assert_int_equal(s[0].enter.busy + s[0].enter.gone + s[0].enter.other, 0);
	assert_int_equal(s[0].enter.irq_exits, s[0].enter.ok);
	assert_invariants(r->sim);
	/* The realm_host tear-down knows nothing of these two RTTs: destroy them here. */
	assert_int_equal(status_of(rmi(r->sim, RMI_RTT_DESTROY_FID, r->rd, UNPROT_IPA, 3, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(status_of(rmi(r->sim, RMI_RTT_DESTROY_FID, r->rd, UNPROT_IPA, 2, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(status_of(rmi(r->sim, RMI_GRANULE_UNDELEGATE_FID, l3, 0, 0, NULL)),
			 RMI_SUCCESS);
	assert_int_equal(status_of(rmi(r->sim, RMI_GRANULE_UNDELEGATE_FID, l2, 0, 0, NULL)),
			 RMI_SUCCESS);
	teardown_realm(r);
	test_free(r);
	(void)state;
}

/* ---- two threads adding DATA to one realm ---- */

#define DATA_PER_THREAD 16U

struct data_arg {
	struct rmmsim *sim;
	pa_t rd;
	ipa_t base;
	pa_t data[DATA_PER_THREAD];
	unsigned created, destroyed, other;
	pthread_barrier_t *bar;
};

static void *data_thread(void *p)
{
	struct data_arg *a = p;

	pthread_barrier_wait(a->bar);
	for (unsigned i = 0; i < DATA_PER_THREAD; i++) {
		unsigned s = status_of(rmi(a->sim, RMI_DATA_CREATE_UNKNOWN_FID, a->rd, a->data[i],
					   a->base + i * 4096ULL, NULL));

		a->created += s == RMI_SUCCESS;
		a->other += s != RMI_SUCCESS;
	}
	pthread_barrier_wait(a->bar);
	for (unsigned i = 0; i < DATA_PER_THREAD; i++) {
		uint64_t x1 = 0;
		unsigned s = status_of(rmi(a->sim, RMI_DATA_DESTROY_FID, a->rd, a->base + i * 4096ULL,
					   0, &x1));

		a->destroyed += s == RMI_SUCCESS && x1 == a->data[i];
		a->other += s != RMI_SUCCESS;
	}
	return NULL;
}

/*
 * DATA_CREATE_UNKNOWN / DATA_DESTROY from two threads into one level-3
 * RTT (interleaved IPAs): all succeed, and the RTT's refcount (checked by
 * the invariant checker after every call) follows them.
 */
static void data_race__both_threads_populate_one_rtt(void **state)
{
	struct rh_realm *r = test_calloc(1, sizeof(*r));
	struct data_arg a[2];
	pthread_barrier_t bar;

	build_realm(r, 1);
	assert_int_equal(pthread_barrier_init(&bar, NULL, 2), 0);
	for (unsigned t = 0; t < 2; t++) {
		/* Unpopulated RAM of realm_host's realm: its last 2 MiB, halves per thread. */
		a[t] = (struct data_arg){ .sim = r->sim, .rd = r->rd, .bar = &bar,
					  .base = RH_LOAD_IPA + RH_RAM_SIZE - 0x200000ULL +
						  t * DATA_PER_THREAD * 4096ULL };
		for (unsigned i = 0; i < DATA_PER_THREAD; i++)
			a[t].data[i] = rh_delegate(r);
	}
	run_threads(data_thread, a, sizeof(a[0]), 2);
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(a[t].other, 0);
		assert_int_equal(a[t].created, DATA_PER_THREAD);
		assert_int_equal(a[t].destroyed, DATA_PER_THREAD);
		for (unsigned i = 0; i < DATA_PER_THREAD; i++)
			assert_int_equal(rmmsim_granule_state(r->sim, a[t].data[i]),
					 RMM_GRANULE_DELEGATED);
	}
	assert_invariants(r->sim);
	pthread_barrier_destroy(&bar);
	teardown_realm(r);
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
		unsigned s = status_of(rmi(a->sim, RMI_REC_DESTROY_FID, a->rec, 0, 0, NULL));

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
		return rec_thread(&m->enter);
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

	build_realm(r, 2);
	memset(m, 0, sizeof(m));
	m[0].enter = (struct rec_arg){ .sim = r->sim, .rec = r->recs[1].pa, .run = r->recs[1].run };
	m[1].destroy = (struct destroy_arg){ .sim = r->sim, .rec = r->recs[1].pa, .stop = &stop };
	run_threads(mixed_thread, m, sizeof(m[0]), 2);
	assert_int_equal(m[1].destroy.ok, 1);
	assert_int_equal(m[1].destroy.other, 0);
	assert_int_equal(m[0].enter.other, 0);
	assert_int_equal(m[0].enter.gone, 1);
	assert_int_equal(m[0].enter.irq_exits, m[0].enter.ok);
	assert_int_equal(rmmsim_granule_state(r->sim, r->recs[1].pa), RMM_GRANULE_DELEGATED);
	assert_invariants(r->sim);
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
	teardown_realm(r);
	test_free(r);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(granule_race__successes_alternate_and_match_the_final_state),
		cmocka_unit_test(granule_distinct__every_thread_succeeds_every_time),
		cmocka_unit_test(ns_write_race__no_write_lands_in_a_delegated_granule),
		cmocka_unit_test(rtt_race__each_table_created_and_destroyed_exactly_once),
		cmocka_unit_test(rec_enter_two_recs__both_run_concurrently),
		cmocka_unit_test(rec_enter_same_rec__one_runs_the_other_sees_running),
		cmocka_unit_test(rsi_extend_two_recs__measurement_equals_a_serial_order),
		cmocka_unit_test(s2_change_race__map_unmap_while_rec_runs),
		cmocka_unit_test(data_race__both_threads_populate_one_rtt),
		cmocka_unit_test(rec_destroy_race__destroy_once_then_enter_sees_no_rec),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
