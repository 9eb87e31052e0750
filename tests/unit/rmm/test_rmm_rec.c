/* SPDX-License-Identifier: BSD-3-Clause */
/* RMI_REC_CREATE / REC_DESTROY / PSCI_COMPLETE / REC_ENTER (host-side checks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/sha256.h>

#include "den0137_abi.h"
#include "fake_plat.h"
#include "realm.h"
#include "rec.h"
#include "rmm_test_util.h"

#define OK ST(RMI_SUCCESS, 0)
#define INPUT ST(RMI_ERROR_INPUT, 0)
#define EREALM ST(RMI_ERROR_REALM, 0)
#define EREC ST(RMI_ERROR_REC, 0)

static struct rd *rd_of(struct fake_plat *f, pa_t rd)
{
	return (struct rd *)fake_mem(f, rd);
}

static struct rec *rec_of(struct fake_plat *f, pa_t rec)
{
	return (struct rec *)fake_mem(f, rec);
}

static void activate(struct fake_plat *f, pa_t rd)
{
	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, rd, 0, 0, 0, 0, 0), OK);
}

/* A failed REC_CREATE left the REC and aux granules DELEGATED and rec_index as it was. */
static void assert_rec_create_left_nothing(struct fake_plat *f, pa_t rd, pa_t rec,
					   const struct t_rec_params *p, uint32_t rec_index)
{
	if (fake_state(f, rec) != RMM_GRANULE_STATE_COUNT && rec != rd) {
		assert_true(fake_state(f, rec) == RMM_GRANULE_DELEGATED ||
			    fake_state(f, rec) == RMM_GRANULE_UNDELEGATED);
	}
	for (unsigned i = 0; i < 16U; i++) {
		enum rmm_granule_state st = fake_state(f, p->aux[i]);

		assert_true(st != RMM_GRANULE_REC_AUX);
	}
	assert_int_equal(rd_of(f, rd)->rec_index, rec_index);
	assert_int_equal(granule_refcount(granule_find(f->rmm, rd)), rec_index);
	assert_true(fake_invariants_hold(f));
}

/* ------------------------------------------------------------- REC_CREATE */

static void rec_create__succeeds_initialising_the_rec(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);
	const struct rec *rs;

	t_rec_params_default(f, &p, 0);
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), OK);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_REC);
	for (unsigned i = 0; i < 16U; i++) {
		assert_int_equal(fake_state(f, p.aux[i]), RMM_GRANULE_REC_AUX);
	}
	rs = rec_of(f, rec);
	assert_int_equal(rs->owner, r.rd);
	assert_true(rs->runnable);
	assert_int_equal(rs->regs.pc, p.pc);
	for (unsigned i = 0; i < 8U; i++) {
		assert_int_equal(rs->regs.x[i], p.gprs[i]);
	}
	for (unsigned i = 8; i < REC_NUM_GPRS; i++) {
		assert_int_equal(rs->regs.x[i], 0);
	}
	assert_int_equal(rs->regs.pstate, 0x3C5);
	assert_int_equal(rs->regs.sctlr_el1, 0xC50878);
	assert_int_equal(rs->vmpidr_el2, 0x80000000ULL);
	assert_false(rs->psci.pending);
	assert_int_equal(rd_of(f, r.rd)->rec_index, 1);
	assert_int_equal(granule_refcount(granule_find(f->rmm, r.rd)), 1);
	assert_true(fake_invariants_hold(f));
}

static void rec_create__vmpidr_moves_aff3_to_bits_39_32(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct rd *rd = rd_of(f, r.rd);
	uint64_t mpidr = 0x01020305ULL; /* Aff3 1, Aff2 2, Aff1 3, Aff0 5 */
	pa_t rec;

	/* Fast-forward the index so that this MPIDR is the next one. */
	rd->rec_index = (uint32_t)(5U | (3U << 4) | (2U << 12) | (1U << 20));
	rec = t_rec_new(f, r.rd, mpidr);
	assert_int_equal(rec_of(f, rec)->vmpidr_el2, 0x0100020305ULL | (1ULL << 31));
}

static void rec_create__runnable_rec_extends_rim_with_rec_descriptor(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	uint8_t rim[64];
	uint8_t image[GRANULE_SIZE] = { 0 };
	uint8_t desc[256] = { 0 };
	uint8_t expect[32];

	memcpy(rim, rd_of(f, r.rd)->measurement[0], 64);
	t_rec_params_default(f, &p, 0);
	assert_int_equal(t_rec_create(f, r.rd, fake_alloc_delegated(f), &p), OK);
	/* The test's own descriptor: type 1, len 0x100, RIM, H(flags, pc, gprs image). */
	t_put64(image, 0x0, p.flags);
	t_put64(image, 0x200, p.pc);
	for (unsigned i = 0; i < 8U; i++) {
		t_put64(image, 0x300 + 8 * i, p.gprs[i]);
	}
	desc[0] = 1;
	t_put64(desc, 0x8, 0x100);
	memcpy(desc + 0x10, rim, 32);
	assert_int_equal(mbedtls_sha256_ret(image, sizeof(image), desc + 0x50, 0), 0);
	assert_int_equal(mbedtls_sha256_ret(desc, sizeof(desc), expect, 0), 0);
	assert_memory_equal(rd_of(f, r.rd)->measurement[0], expect, 32);
}

static void rec_create__not_runnable_rec_leaves_rim_unchanged(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	uint8_t rim[64];
	pa_t rec = fake_alloc_delegated(f);

	memcpy(rim, rd_of(f, r.rd)->measurement[0], 64);
	t_rec_params_default(f, &p, 0);
	p.flags = RMI_NOT_RUNNABLE;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), OK);
	assert_memory_equal(rd_of(f, r.rd)->measurement[0], rim, 64);
	assert_false(rec_of(f, rec)->runnable);
}

static void rec_create__fails_input_on_bad_params_pointer(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);
	pa_t params = fake_alloc(f);

	t_rec_params_default(f, &p, 0);
	t_rec_params_write(f, params, &p);
	assert_int_equal(fake_rmi(f, RMI_REC_CREATE_FID, r.rd, rec, params + 4, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_CREATE_FID, r.rd, rec, FAKE_MMIO_BASE, 0, 0, 0),
			 INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_CREATE_FID, r.rd, rec, r.rtt[0], 0, 0, 0), INPUT);
	assert_rec_create_left_nothing(f, r.rd, rec, &p, 0);
	assert_int_equal(fake_rmi(f, RMI_REC_CREATE_FID, r.rd, rec, params, 0, 0, 0), OK);
}

static void rec_create__fails_input_on_bad_rec_or_rd(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);

	t_rec_params_default(f, &p, 0);
	/* rec_align, rec_bound, rec_state */
	assert_int_equal(t_rec_create(f, r.rd, rec + 0x20, &p), INPUT);
	assert_int_equal(t_rec_create(f, r.rd, FAKE_SECURE_BASE, &p), INPUT);
	assert_int_equal(t_rec_create(f, r.rd, fake_alloc(f), &p), INPUT);
	assert_int_equal(t_rec_create(f, r.rd, r.rtt[0], &p), INPUT);
	/* rd_align, rd_bound, rd_state (incl. rec == rd) */
	assert_int_equal(t_rec_create(f, r.rd + 0x20, rec, &p), INPUT);
	assert_int_equal(t_rec_create(f, 1ULL << 49, rec, &p), INPUT);
	assert_int_equal(t_rec_create(f, fake_alloc_delegated(f), rec, &p), INPUT);
	assert_int_equal(t_rec_create(f, r.rd, r.rd, &p), INPUT);
	assert_int_equal(t_rec_create(f, rec, rec, &p), INPUT);
	assert_rec_create_left_nothing(f, r.rd, rec, &p, 0);
}

static void rec_create__fails_realm_when_realm_not_new(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);

	activate(f, r.rd);
	t_rec_params_default(f, &p, 0);
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), EREALM);
	assert_rec_create_left_nothing(f, r.rd, rec, &p, 0);
}

static void rec_create__realm_state_wins_over_aux_state(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);

	activate(f, r.rd);
	t_rec_params_default(f, &p, 0);
	p.aux[3] = fake_alloc(f); /* UNDELEGATED */
	p.num_aux = 15;
	/* CHOICE(rec-create-order): realm_state before num_aux and aux_state. */
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), EREALM);
	assert_rec_create_left_nothing(f, r.rd, rec, &p, 0);
}

static void rec_create__fails_input_on_bad_mpidr(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);

	t_rec_params_default(f, &p, 1); /* index 1 before index 0 */
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	p.mpidr = 0x10; /* Aff0[7:4] set: index bits would alias */
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	p.mpidr = 1ULL << 32; /* bits above Aff3 */
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	assert_rec_create_left_nothing(f, r.rd, rec, &p, 0);
	p.mpidr = 0;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), OK);
	/* Index 0 again is refused; index 1 now works. */
	t_rec_params_default(f, &p, 0);
	assert_int_equal(t_rec_create(f, r.rd, fake_alloc_delegated(f), &p), INPUT);
	(void)t_rec_new(f, r.rd, 1);
	assert_int_equal(rd_of(f, r.rd)->rec_index, 2);
}

static void rec_create__fails_input_when_num_aux_differs(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);

	t_rec_params_default(f, &p, 0);
	p.num_aux = 15;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	p.num_aux = 17;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	p.num_aux = ~0ULL;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	assert_rec_create_left_nothing(f, r.rd, rec, &p, 0);
}

static void rec_create__fails_input_on_bad_aux(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);
	pa_t saved;

	t_rec_params_default(f, &p, 0);
	saved = p.aux[15];
	/* aux_align */
	p.aux[15] = saved + 0x100;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	/* aux_alias: duplicate, the REC, the RD */
	p.aux[15] = p.aux[2];
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	p.aux[15] = rec;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	p.aux[15] = r.rd;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	/* aux_state: UNDELEGATED, RTT, not delegable memory */
	p.aux[15] = fake_alloc(f);
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	p.aux[15] = r.rtt[0];
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	p.aux[15] = FAKE_MMIO_BASE;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	assert_rec_create_left_nothing(f, r.rd, rec, &p, 0);
	assert_int_equal(fake_state(f, r.rtt[0]), RMM_GRANULE_RTT);
	p.aux[15] = saved;
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), OK);
}

static void rec_create__fails_realm_when_rd_refcount_saturated(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	struct granule *g = granule_find(f->rmm, r.rd);
	pa_t rec = fake_alloc_delegated(f);

	/* As if 1023 RECs existed (too many granules for the fake): no checker meanwhile. */
	rmm_set_invariant_checks(f->rmm, false);
	for (unsigned i = 0; i < GRANULE_REFCOUNT_MAX; i++) {
		granule_get(g);
	}
	t_rec_params_default(f, &p, 0);
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), EREALM);
	for (unsigned i = 0; i < GRANULE_REFCOUNT_MAX; i++) {
		granule_put(g);
	}
	rmm_set_invariant_checks(f->rmm, true);
	assert_rec_create_left_nothing(f, r.rd, rec, &p, 0);
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), OK);
}

/* ------------------------------------------------------------ REC_DESTROY */

static void rec_destroy__succeeds_returning_rec_and_aux_granules(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);
	uint8_t zero[GRANULE_SIZE] = { 0 };

	t_rec_params_default(f, &p, 0);
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), OK);
	activate(f, r.rd);
	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, rec, 0, 0, 0, 0, 0), OK);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_DELEGATED);
	assert_memory_equal(fake_mem(f, rec), zero, GRANULE_SIZE);
	for (unsigned i = 0; i < 16U; i++) {
		assert_int_equal(fake_state(f, p.aux[i]), RMM_GRANULE_DELEGATED);
	}
	assert_int_equal(granule_refcount(granule_find(f->rmm, r.rd)), 0);
	assert_true(fake_invariants_hold(f));
}

static void rec_destroy__fails_input_on_bad_rec(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	pa_t rec = t_rec_new(f, r.rd, 0);

	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, rec + 1, 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, FAKE_MMIO_BASE, 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, r.rd, 0, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, rec_of(f, rec)->aux[0], 0, 0, 0, 0, 0),
			 INPUT);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_REC);
}

static void rec_destroy__fails_rec_while_running(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	pa_t rec = t_rec_new(f, r.rd, 0);
	struct granule *g = granule_find(f->rmm, rec);

	/* RUNNING = REC refcount 1 (as REC_ENTER on another PE holds it). */
	granule_get(g);
	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, rec, 0, 0, 0, 0, 0), EREC);
	granule_put(g);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_REC);
	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, rec, 0, 0, 0, 0, 0), OK);
}

/* ---------------------------------------------------------- PSCI_COMPLETE */

struct psci_fixture {
	struct t_realm r;
	pa_t rec[2];
};

/* Realm with REC 0 (runnable) and REC 1 (not runnable); REC 0 has a pending @fid on REC 1. */
static void psci_setup(struct fake_plat *f, struct psci_fixture *x, uint64_t fid)
{
	struct t_rec_params p;
	struct rec *caller;

	x->r = t_realm_new(f, 1);
	x->rec[0] = t_rec_new(f, x->r.rd, 0);
	t_rec_params_default(f, &p, 1);
	p.flags = RMI_NOT_RUNNABLE;
	x->rec[1] = fake_alloc_delegated(f);
	assert_int_equal(t_rec_create(f, x->r.rd, x->rec[1], &p), OK);
	activate(f, x->r.rd);
	/* What RSI PSCI CPU_ON/AFFINITY_INFO would record (psci-and-exits.md §1). */
	caller = rec_of(f, x->rec[0]);
	caller->psci.pending = true;
	caller->psci.fid = fid;
	caller->psci.target_mpidr = 1;
	caller->psci.entry = 0x88000;
	caller->psci.context_id = 0xC0FFEE;
	caller->regs.x[1] = 1;
}

static uint64_t psci_complete(struct fake_plat *f, pa_t calling, pa_t target, uint64_t status)
{
	return fake_rmi(f, RMI_PSCI_COMPLETE_FID, calling, target, status, 0, 0, 0);
}

static void psci_complete__cpu_on_success_starts_target(void **state)
{
	struct fake_plat *f = *state;
	struct psci_fixture x;
	const struct rec *target;
	const struct rec *caller;

	psci_setup(f, &x, PSCI_CPU_ON_SMC64);
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], 0), OK);
	target = rec_of(f, x.rec[1]);
	caller = rec_of(f, x.rec[0]);
	assert_true(target->runnable);
	assert_int_equal(target->regs.pc, 0x88000);
	assert_int_equal(target->regs.x[0], 0xC0FFEE);
	assert_int_equal(target->regs.pstate, 0x3C5);
	assert_int_equal(caller->regs.x[0], 0);
	assert_int_equal(caller->regs.x[1], 0);
	assert_false(caller->psci.pending);
	/* Nothing pending any more. */
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], 0), INPUT);
}

static void psci_complete__cpu_on_of_running_target_reports_already_on(void **state)
{
	struct fake_plat *f = *state;
	struct psci_fixture x;

	psci_setup(f, &x, PSCI_CPU_ON_SMC32);
	rec_of(f, x.rec[1])->runnable = true;
	/* DENIED for a target that is on is refused ... */
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], (uint64_t)-3), INPUT);
	/* ... SUCCESS gives the caller ALREADY_ON. */
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], 0), OK);
	assert_int_equal(rec_of(f, x.rec[0])->regs.x[0], (uint64_t)-4);
}

static void psci_complete__cpu_on_denied_reports_denied(void **state)
{
	struct fake_plat *f = *state;
	struct psci_fixture x;

	psci_setup(f, &x, PSCI_CPU_ON_SMC64);
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], (uint64_t)-3), OK);
	assert_int_equal(rec_of(f, x.rec[0])->regs.x[0], (uint64_t)-3);
	assert_false(rec_of(f, x.rec[1])->runnable);
}

static void psci_complete__affinity_info_reports_off_and_on(void **state)
{
	struct fake_plat *f = *state;
	struct psci_fixture x;

	psci_setup(f, &x, PSCI_AFFINITY_INFO_SMC64);
	/* AFFINITY_INFO: only SUCCESS is a permitted status. */
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], (uint64_t)-3), INPUT);
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], 0), OK);
	assert_int_equal(rec_of(f, x.rec[0])->regs.x[0], 1); /* OFF */
	rec_of(f, x.rec[0])->psci.pending = true;
	rec_of(f, x.rec[0])->psci.fid = PSCI_AFFINITY_INFO_SMC32;
	rec_of(f, x.rec[0])->psci.target_mpidr = 1;
	rec_of(f, x.rec[1])->runnable = true;
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], 0), OK);
	assert_int_equal(rec_of(f, x.rec[0])->regs.x[0], 0); /* ON */
}

static void psci_complete__fails_input_on_bad_arguments(void **state)
{
	struct fake_plat *f = *state;
	struct psci_fixture x;
	struct t_realm other;
	pa_t foreign;

	psci_setup(f, &x, PSCI_CPU_ON_SMC64);
	/* alias */
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[0], 0), INPUT);
	/* calling_align / _bound / _state */
	assert_int_equal(psci_complete(f, x.rec[0] + 8, x.rec[1], 0), INPUT);
	assert_int_equal(psci_complete(f, FAKE_MMIO_BASE, x.rec[1], 0), INPUT);
	assert_int_equal(psci_complete(f, x.r.rd, x.rec[1], 0), INPUT);
	/* target_align / _bound / _state */
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1] + 8, 0), INPUT);
	assert_int_equal(psci_complete(f, x.rec[0], 1ULL << 48, 0), INPUT);
	assert_int_equal(psci_complete(f, x.rec[0], x.r.rtt[0], 0), INPUT);
	/* pending: the target has nothing pending */
	assert_int_equal(psci_complete(f, x.rec[1], x.rec[0], 0), INPUT);
	/* owner: a REC of another realm with the right MPIDR */
	other = t_realm_new(f, 2);
	(void)t_rec_new(f, other.rd, 0);
	foreign = t_rec_new(f, other.rd, 1);
	assert_int_equal(psci_complete(f, x.rec[0], foreign, 0), INPUT);
	/* status: not SUCCESS/DENIED */
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], 1), INPUT);
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], (uint64_t)-2), INPUT);
	/* target: MPIDR of the request names another REC */
	rec_of(f, x.rec[0])->psci.target_mpidr = 2;
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], 0), INPUT);
	/* None of these changed anything. */
	assert_true(rec_of(f, x.rec[0])->psci.pending);
	assert_false(rec_of(f, x.rec[1])->runnable);
	rec_of(f, x.rec[0])->psci.target_mpidr = 1;
	assert_int_equal(psci_complete(f, x.rec[0], x.rec[1], 0), OK);
}

/* -------------------------------------------------------------- REC_ENTER */

struct enter_fixture {
	struct t_realm r;
	pa_t rec;
	pa_t run;
	uint8_t enter[0x800];
};

static void enter_setup(struct fake_plat *f, struct enter_fixture *x, bool do_activate)
{
	x->r = t_realm_new(f, 1);
	x->rec = t_rec_new(f, x->r.rd, 0);
	if (do_activate) {
		activate(f, x->r.rd);
	}
	x->run = fake_alloc(f);
	memset(x->enter, 0, sizeof(x->enter));
}

static uint64_t rec_enter(struct fake_plat *f, struct enter_fixture *x)
{
	assert_true(fake_ns_write(f, x->run, x->enter, sizeof(x->enter)));
	return fake_rmi(f, RMI_REC_ENTER_FID, x->rec, x->run, 0, 0, 0, 0);
}

static void rec_enter__placeholder_returns_irq_exit_with_gic_state(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;
	uint8_t run[GRANULE_SIZE];

	enter_setup(f, &x, true);
	t_put64(x.enter, 0x300, (1ULL << 1) | (1ULL << 14)); /* UIE, TDIR */
	t_put64(x.enter, 0x308, (1ULL << 62) | 27);          /* LR0: pending vINTID 27 */
	assert_true(fake_ns_write(f, x.run + 0x800, (uint8_t[8]){ 0xFF }, 8));
	assert_int_equal(rec_enter(f, &x), OK);
	assert_true(fake_ns_read(f, x.run, run, sizeof(run)));
	assert_int_equal(run[0x800], RMI_EXIT_IRQ);
	assert_int_equal(t_get64(run, 0x900), 0);                      /* esr */
	assert_int_equal(t_get64(run, 0xB00), (1ULL << 1) | (1ULL << 14)); /* gicv3_hcr */
	assert_int_equal(t_get64(run, 0xB08), (1ULL << 62) | 27);       /* LR0 */
	assert_int_equal(granule_refcount(granule_find(f->rmm, x.rec)), 0);
	assert_true(fake_invariants_hold(f));
}

static void rec_enter__fails_input_on_bad_run_pointer(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;

	enter_setup(f, &x, true);
	assert_int_equal(fake_rmi(f, RMI_REC_ENTER_FID, x.rec, x.run + 8, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_ENTER_FID, x.rec, FAKE_MMIO_BASE, 0, 0, 0, 0),
			 INPUT);
	/* run_pas: a Realm or Secure granule */
	assert_int_equal(fake_rmi(f, RMI_REC_ENTER_FID, x.rec, fake_alloc_delegated(f), 0, 0, 0,
				  0),
			 INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_ENTER_FID, x.rec, FAKE_SECURE_IN_BANK, 0, 0, 0, 0),
			 INPUT);
}

static void rec_enter__fails_input_on_bad_rec(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;

	enter_setup(f, &x, true);
	assert_true(fake_ns_write(f, x.run, x.enter, sizeof(x.enter)));
	assert_int_equal(fake_rmi(f, RMI_REC_ENTER_FID, x.rec + 4, x.run, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_ENTER_FID, 1ULL << 48, x.run, 0, 0, 0, 0), INPUT);
	assert_int_equal(fake_rmi(f, RMI_REC_ENTER_FID, x.r.rd, x.run, 0, 0, 0, 0), INPUT);
}

static void rec_enter__run_pas_wins_over_rec_state(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;
	struct granule *g;

	enter_setup(f, &x, true);
	g = granule_find(f->rmm, x.rec);
	granule_get(g);
	assert_int_equal(fake_rmi(f, RMI_REC_ENTER_FID, x.rec, FAKE_SECURE_IN_BANK, 0, 0, 0, 0),
			 INPUT);
	/* rec_state alone: RUNNING */
	assert_int_equal(rec_enter(f, &x), EREC);
	granule_put(g);
}

static void rec_enter__fails_realm_0_when_realm_new(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;

	enter_setup(f, &x, false);
	/* realm_new wins over rec_runnable */
	rec_of(f, x.rec)->runnable = false;
	assert_int_equal(rec_enter(f, &x), ST(RMI_ERROR_REALM, 0));
}

static void rec_enter__fails_realm_1_when_system_off(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;

	enter_setup(f, &x, true);
	rd_of(f, x.r.rd)->state = REALM_SYSTEM_OFF;
	assert_int_equal(rec_enter(f, &x), ST(RMI_ERROR_REALM, 1));
}

static void rec_enter__fails_rec_when_not_runnable_or_psci_pending(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;

	enter_setup(f, &x, true);
	rec_of(f, x.rec)->runnable = false;
	assert_int_equal(rec_enter(f, &x), EREC);
	rec_of(f, x.rec)->runnable = true;
	rec_of(f, x.rec)->psci.pending = true;
	assert_int_equal(rec_enter(f, &x), EREC);
	rec_of(f, x.rec)->psci.pending = false;
	assert_int_equal(rec_enter(f, &x), OK);
}

static void rec_enter__fails_rec_on_invalid_gic_state(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;

	enter_setup(f, &x, true);
	/* hcr: vSGIEOICount (bit 8), TALL1 (bit 11), En (bit 0) */
	t_put64(x.enter, 0x300, 1ULL << 8);
	assert_int_equal(rec_enter(f, &x), EREC);
	t_put64(x.enter, 0x300, 1ULL << 11);
	assert_int_equal(rec_enter(f, &x), EREC);
	t_put64(x.enter, 0x300, 1ULL);
	assert_int_equal(rec_enter(f, &x), EREC);
	t_put64(x.enter, 0x300, 0);
	/* LR: HW bit with a pending state */
	t_put64(x.enter, 0x308 + 8 * 2, 3ULL << 61);
	assert_int_equal(rec_enter(f, &x), EREC);
	/* LR: special INTID 1023 */
	t_put64(x.enter, 0x308 + 8 * 2, (1ULL << 62) | 1023);
	assert_int_equal(rec_enter(f, &x), EREC);
	/* LR: unimplemented priority bits */
	t_put64(x.enter, 0x308 + 8 * 2, (1ULL << 62) | (1ULL << 48) | 40);
	assert_int_equal(rec_enter(f, &x), EREC);
	/* LR: pINTID bits other than EOI */
	t_put64(x.enter, 0x308 + 8 * 2, (1ULL << 62) | (1ULL << 33) | 40);
	assert_int_equal(rec_enter(f, &x), EREC);
	/* LR: two valid LRs with the same vINTID */
	t_put64(x.enter, 0x308 + 8 * 2, (1ULL << 62) | (1ULL << 41) | 40);
	t_put64(x.enter, 0x308 + 8 * 15, (2ULL << 62) | 40);
	assert_int_equal(rec_enter(f, &x), EREC);
	/* An Invalid LR is not checked; LRs are fine again. */
	t_put64(x.enter, 0x308 + 8 * 15, (0ULL << 62) | (1ULL << 61) | 40);
	assert_int_equal(rec_enter(f, &x), OK);
}

static void rec_enter__fails_rec_on_emul_mmio_or_inject_sea_without_abort(void **state)
{
	struct fake_plat *f = *state;
	struct enter_fixture x;

	enter_setup(f, &x, true);
	t_put64(x.enter, 0, RMI_REC_ENTER_FLAG_EMUL_MMIO);
	assert_int_equal(rec_enter(f, &x), EREC);
	t_put64(x.enter, 0, RMI_REC_ENTER_FLAG_INJECT_SEA);
	assert_int_equal(rec_enter(f, &x), EREC);
	/* rec_gicv3 comes first */
	t_put64(x.enter, 0x300, 1ULL << 8);
	assert_int_equal(rec_enter(f, &x), EREC);
	t_put64(x.enter, 0x300, 0);
	t_put64(x.enter, 0, RMI_REC_ENTER_FLAG_TRAP_WFI | RMI_REC_ENTER_FLAG_TRAP_WFE);
	assert_int_equal(rec_enter(f, &x), OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fake_setup, fake_teardown)
		T(rec_create__succeeds_initialising_the_rec),
		T(rec_create__vmpidr_moves_aff3_to_bits_39_32),
		T(rec_create__runnable_rec_extends_rim_with_rec_descriptor),
		T(rec_create__not_runnable_rec_leaves_rim_unchanged),
		T(rec_create__fails_input_on_bad_params_pointer),
		T(rec_create__fails_input_on_bad_rec_or_rd),
		T(rec_create__fails_realm_when_realm_not_new),
		T(rec_create__realm_state_wins_over_aux_state),
		T(rec_create__fails_input_on_bad_mpidr),
		T(rec_create__fails_input_when_num_aux_differs),
		T(rec_create__fails_input_on_bad_aux),
		T(rec_create__fails_realm_when_rd_refcount_saturated),
		T(rec_destroy__succeeds_returning_rec_and_aux_granules),
		T(rec_destroy__fails_input_on_bad_rec),
		T(rec_destroy__fails_rec_while_running),
		T(psci_complete__cpu_on_success_starts_target),
		T(psci_complete__cpu_on_of_running_target_reports_already_on),
		T(psci_complete__cpu_on_denied_reports_denied),
		T(psci_complete__affinity_info_reports_off_and_on),
		T(psci_complete__fails_input_on_bad_arguments),
		T(rec_enter__placeholder_returns_irq_exit_with_gic_state),
		T(rec_enter__fails_input_on_bad_run_pointer),
		T(rec_enter__fails_input_on_bad_rec),
		T(rec_enter__run_pas_wins_over_rec_state),
		T(rec_enter__fails_realm_0_when_realm_new),
		T(rec_enter__fails_realm_1_when_system_off),
		T(rec_enter__fails_rec_when_not_runnable_or_psci_pending),
		T(rec_enter__fails_rec_on_invalid_gic_state),
		T(rec_enter__fails_rec_on_emul_mmio_or_inject_sea_without_abort),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
