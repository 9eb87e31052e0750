/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers of the concurrent RMI tests (tests/concurrency): RMI calls
 * through the native API, a platform, threads, and a realm_host realm
 * whose RECs are all RUNNABLE.
 */
#ifndef CONC_UTIL_H
#define CONC_UTIL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "realm_host.h"
#include "rmmsim.h"

#define NTHREADS 4U
#define ITERS 200U

/* 1: add x0, x0, #1; b 1b -- a REC that runs until the time slice ends. */
extern const uint32_t conc_loop_image[2];

/* X0 of the call; *x1 = X1 when x1 is not NULL. */
uint64_t conc_rmi(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		  uint64_t *x1);
uint64_t conc_rmi5(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		   uint64_t a4);
unsigned conc_status(uint64_t x0);
/* cmocka assertion: rmmsim_check_invariants holds (main thread only). */
void conc_assert_invariants(struct rmmsim *sim);
pa_t conc_dram_pa(struct rmmsim *sim, uint64_t offset);
struct rmmsim *conc_new_sim(void);
/* Starts @n threads fn(args + i * arg_size) and joins them. */
void conc_run_threads(void *(*fn)(void *), void *args, size_t arg_size, unsigned n);
/* A realm_host realm of @num_recs RUNNABLE RECs from @image (a flat image at RH_LOAD_IPA). */
void conc_build_realm_image(struct rh_realm *r, unsigned num_recs, const void *image, size_t len);
void conc_build_realm(struct rh_realm *r, unsigned num_recs);
void conc_teardown_realm(struct rh_realm *r);

/* REC_ENTERs of one REC from one thread, and what they returned. */
struct rec_arg {
	struct rmmsim *sim;
	pa_t rec, run;
	unsigned enters;          /* how many REC_ENTERs to issue; 0: until destroyed */
	unsigned ok, busy, gone, other, irq_exits, psci_exits;
	atomic_bool *stop;
};

/* Thread body: @enters REC_ENTERs (0: until the REC is gone), or until *stop. */
void *conc_rec_thread(void *p);

#endif /* CONC_UTIL_H */
