/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers of the concurrent RMI tests (conc_util.h). */
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

const uint32_t conc_loop_image[2] = { 0x91000400U, 0x17FFFFFFU };

uint64_t conc_rmi(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		  uint64_t *x1)
{
	struct smc_regs regs = { .x = { fid, a1, a2, a3 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &regs);
	if (x1 != NULL)
		*x1 = regs.x[1];
	return regs.x[0];
}

uint64_t conc_rmi5(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		   uint64_t a4)
{
	struct smc_regs regs = { .x = { fid, a1, a2, a3, a4 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &regs);
	return regs.x[0];
}

unsigned conc_status(uint64_t x0)
{
	return (unsigned)(x0 & 0xFFU);
}

void conc_assert_invariants(struct rmmsim *sim)
{
	char msg[256] = "";
	bool ok = rmmsim_check_invariants(sim, msg, sizeof(msg));

	if (!ok)
		print_error("invariant: %s\n", msg);
	assert_true(ok);
}

pa_t conc_dram_pa(struct rmmsim *sim, uint64_t offset)
{
	struct rmmsim_region bank;

	assert_true(rmmsim_dram_banks(sim, &bank, 1) >= 1U);
	assert_true(offset < bank.size);
	return bank.base + offset;
}

struct rmmsim *conc_new_sim(void)
{
	struct rmmsim_options opt = { 0 };
	char err[256];
	struct rmmsim *sim = rmmsim_create(&opt, err, sizeof(err));

	if (sim == NULL)
		print_error("rmmsim_create: %s\n", err);
	assert_non_null(sim);
	return sim;
}

void conc_run_threads(void *(*fn)(void *), void *args, size_t arg_size, unsigned n)
{
	pthread_t t[NTHREADS];

	assert_true(n <= NTHREADS);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(pthread_create(&t[i], NULL, fn, (char *)args + i * arg_size), 0);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
}

void conc_build_realm_image(struct rh_realm *r, unsigned num_recs, const void *image,
			    size_t len)
{
	struct rh_config cfg = { .num_recs = num_recs, .all_runnable = true };

	if (!rh_init(r, NULL, &cfg) || !rh_build(r, image, len))
		print_error("realm: %s\n", r->res.error);
	assert_true(r->activated);
}

void conc_build_realm(struct rh_realm *r, unsigned num_recs)
{
	conc_build_realm_image(r, num_recs, conc_loop_image, sizeof(conc_loop_image));
}

void conc_teardown_realm(struct rh_realm *r)
{
	bool ok = rh_teardown(r);

	if (!ok)
		print_error("teardown: %s\n", r->res.error);
	assert_true(ok);
	rh_fini(r);
}

void *conc_rec_thread(void *p)
{
	struct rec_arg *a = p;

	for (unsigned i = 0; a->enters == 0U || i < a->enters; i++) {
		unsigned s = conc_status(conc_rmi(a->sim, RMI_REC_ENTER_FID, a->rec, a->run, 0, NULL));
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

