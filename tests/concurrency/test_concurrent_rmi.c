/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI from several host threads at once through the native library
 * (rmmsim_smc is thread-safe, docs/conformance.md "Choices"): races on one
 * granule (also against host NS accesses), on one realm's RTTs and DATA.
 * The REC races are in test_concurrent_rec.c. Each call's result must be one the spec
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

#include "conc_util.h"
#include "den0137_abi.h"
#include "realm_host.h"
#include "realm_hostcall.h"
#include "rmm.h"
#include "rmmsim.h"

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
		unsigned s = conc_status(conc_rmi(a->sim, RMI_GRANULE_DELEGATE_FID, a->pa, 0, 0, NULL));

		a->del_ok += s == RMI_SUCCESS;
		a->input += s == RMI_ERROR_INPUT;
		a->other += s != RMI_SUCCESS && s != RMI_ERROR_INPUT;
		s = conc_status(conc_rmi(a->sim, RMI_GRANULE_UNDELEGATE_FID, a->pa, 0, 0, NULL));
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
	struct rmmsim *sim = conc_new_sim();
	struct gran_arg a[NTHREADS];
	unsigned del = 0, undel = 0, other = 0;
	int final;

	for (unsigned i = 0; i < NTHREADS; i++)
		a[i] = (struct gran_arg){ .sim = sim, .pa = conc_dram_pa(sim, 0x08000000ULL) };
	conc_run_threads(gran_thread, a, sizeof(a[0]), NTHREADS);
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
	conc_assert_invariants(sim);
	rmmsim_destroy(sim);
	(void)state;
}

/* Distinct granules: nothing is shared but the RMM, so every call succeeds. */
static void *distinct_thread(void *p)
{
	struct gran_arg *a = p;

	for (unsigned i = 0; i < ITERS; i++) {
		pa_t pa = a->pa + (uint64_t)(i % 16U) * 4096U;

		a->del_ok += conc_status(conc_rmi(a->sim, RMI_GRANULE_DELEGATE_FID, pa, 0, 0, NULL)) ==
			     RMI_SUCCESS;
		a->undel_ok += conc_status(conc_rmi(a->sim, RMI_GRANULE_UNDELEGATE_FID, pa, 0, 0, NULL)) ==
			       RMI_SUCCESS;
	}
	return NULL;
}

static void granule_distinct__every_thread_succeeds_every_time(void **state)
{
	struct rmmsim *sim = conc_new_sim();
	struct gran_arg a[NTHREADS];

	for (unsigned i = 0; i < NTHREADS; i++)
		a[i] = (struct gran_arg){ .sim = sim,
					  .pa = conc_dram_pa(sim, 0x08000000ULL + i * 0x10000ULL) };
	conc_run_threads(distinct_thread, a, sizeof(a[0]), NTHREADS);
	for (unsigned i = 0; i < NTHREADS; i++) {
		assert_int_equal(a[i].del_ok, ITERS);
		assert_int_equal(a[i].undel_ok, ITERS);
	}
	conc_assert_invariants(sim);
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
		if (conc_status(conc_rmi(a->sim, RMI_GRANULE_DELEGATE_FID, a->pa, 0, 0, NULL)) !=
		    RMI_SUCCESS)
			continue;
		a->delegated++;
		/* delegated_zero: no write that passed the GPC check lands after the zeroing. */
		if (!rmmsim_check_invariants(a->sim, msg, sizeof(msg)))
			a->dirty++;
		(void)conc_rmi(a->sim, RMI_GRANULE_UNDELEGATE_FID, a->pa, 0, 0, NULL);
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
	struct rmmsim *sim = conc_new_sim();
	atomic_bool stop = false;
	struct ns_pair n[2];
	pa_t pa = conc_dram_pa(sim, 0x08100000ULL);

	for (unsigned t = 0; t < 2; t++)
		n[t] = (struct ns_pair){ .arg = { .sim = sim, .pa = pa, .stop = &stop },
					 .writer = t == 0 };
	conc_run_threads(ns_thread, n, sizeof(n[0]), 2);
	assert_int_equal(n[1].arg.delegated, ITERS);
	assert_int_equal(n[1].arg.dirty, 0);
	assert_int_equal(rmmsim_granule_state(sim, pa), RMM_GRANULE_UNDELEGATED);
	conc_assert_invariants(sim);
	rmmsim_destroy(sim);
	(void)state;
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
		a->l2_won = conc_status(regs.x[0]) == RMI_SUCCESS;
		a->other += !a->l2_won && conc_status(regs.x[0]) != RMI_ERROR_RTT;
	}
	for (unsigned i = 0; i < RTT_L3_TABLES; i++) {
		struct smc_regs regs = { .x = { RMI_RTT_CREATE_FID, a->rd, a->l3[i],
						RTT_BASE_IPA + i * 0x200000ULL, 3 } };

		rmmsim_smc(a->sim, RMMSIM_CALLER_NS, &regs);
		a->l3_won[i] = conc_status(regs.x[0]) == RMI_SUCCESS;
		a->other += !a->l3_won[i] && conc_status(regs.x[0]) != RMI_ERROR_RTT;
	}
	pthread_barrier_wait(a->bar);
	for (unsigned i = 0; i < RTT_L3_TABLES; i++) {
		struct smc_regs regs = { .x = { RMI_RTT_DESTROY_FID, a->rd,
						RTT_BASE_IPA + i * 0x200000ULL, 3 } };

		rmmsim_smc(a->sim, RMMSIM_CALLER_NS, &regs);
		if (conc_status(regs.x[0]) == RMI_SUCCESS)
			a->l3_destroyed[i] = regs.x[1];
		else
			a->other += conc_status(regs.x[0]) != RMI_ERROR_RTT;
	}
	pthread_barrier_wait(a->bar);
	{
		struct smc_regs regs = { .x = { RMI_RTT_DESTROY_FID, a->rd, RTT_BASE_IPA, 2 } };

		rmmsim_smc(a->sim, RMMSIM_CALLER_NS, &regs);
		if (conc_status(regs.x[0]) == RMI_SUCCESS)
			a->l2_destroyed = regs.x[1];
		else
			a->other += conc_status(regs.x[0]) != RMI_ERROR_RTT;
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

	conc_build_realm(r, 1);
	assert_int_equal(pthread_barrier_init(&bar, NULL, 2), 0);
	for (unsigned t = 0; t < 2; t++) {
		a[t] = (struct rtt_arg){ .sim = r->sim, .rd = r->rd, .bar = &bar };
		a[t].l2 = rh_delegate(r);
		for (unsigned i = 0; i < RTT_L3_TABLES; i++)
			a[t].l3[i] = rh_delegate(r);
	}
	conc_run_threads(rtt_thread, a, sizeof(a[0]), 2);
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
	conc_assert_invariants(r->sim);
	pthread_barrier_destroy(&bar);
	conc_teardown_realm(r);
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
		unsigned s = conc_status(conc_rmi(a->sim, RMI_DATA_CREATE_UNKNOWN_FID, a->rd, a->data[i],
					   a->base + i * 4096ULL, NULL));

		a->created += s == RMI_SUCCESS;
		a->other += s != RMI_SUCCESS;
	}
	pthread_barrier_wait(a->bar);
	for (unsigned i = 0; i < DATA_PER_THREAD; i++) {
		uint64_t x1 = 0;
		unsigned s = conc_status(conc_rmi(a->sim, RMI_DATA_DESTROY_FID, a->rd, a->base + i * 4096ULL,
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

	conc_build_realm(r, 1);
	assert_int_equal(pthread_barrier_init(&bar, NULL, 2), 0);
	for (unsigned t = 0; t < 2; t++) {
		/* Unpopulated RAM of realm_host's realm: its last 2 MiB, halves per thread. */
		a[t] = (struct data_arg){ .sim = r->sim, .rd = r->rd, .bar = &bar,
					  .base = RH_LOAD_IPA + RH_RAM_SIZE - 0x200000ULL +
						  t * DATA_PER_THREAD * 4096ULL };
		for (unsigned i = 0; i < DATA_PER_THREAD; i++)
			a[t].data[i] = rh_delegate(r);
	}
	conc_run_threads(data_thread, a, sizeof(a[0]), 2);
	for (unsigned t = 0; t < 2; t++) {
		assert_int_equal(a[t].other, 0);
		assert_int_equal(a[t].created, DATA_PER_THREAD);
		assert_int_equal(a[t].destroyed, DATA_PER_THREAD);
		for (unsigned i = 0; i < DATA_PER_THREAD; i++)
			assert_int_equal(rmmsim_granule_state(r->sim, a[t].data[i]),
					 RMM_GRANULE_DELEGATED);
	}
	conc_assert_invariants(r->sim);
	pthread_barrier_destroy(&bar);
	conc_teardown_realm(r);
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
		cmocka_unit_test(data_race__both_threads_populate_one_rtt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
