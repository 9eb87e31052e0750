/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 realms and RECs: REALM_CREATE (2.0 params, RMM-allocated VMID),
 * REALM_TERMINATE / ZOMBIE, REALM_DESTROY, REC_CREATE / REC_DESTROY through
 * the SRO protocol, the OP_* commands' own failures, REC_ENTER realm-state
 * codes and the 2-argument PSCI_COMPLETE (den0137-2.0 commands.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "realm.h"
#include "rec.h"
#include "rmi_v2_util.h"

#define REALM V2_ST(RMI2_ERROR_REALM, 0)

static int teardown(void **state)
{
	assert_true(fake_invariants_hold(*state));
	fake_destroy(*state);
	return 0;
}

static pa_t delegated(struct fake_plat *f)
{
	pa_t pa = fake_alloc(f);

	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, pa, pa + GRANULE_SIZE, 0, 0, 0, 0),
			 V2_OK);
	return pa;
}

/* -------------------------------------------------------------- REALM_CREATE */

static void realm_create__succeeds_with_an_rmm_allocated_vmid(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm a = v2_realm_new(f);
	struct v2_realm b = v2_realm_new(f);
	struct rd *ra = (struct rd *)fake_mem(f, a.rd);
	struct rd *rb = (struct rd *)fake_mem(f, b.rd);

	assert_int_equal(fake_state(f, a.rd), RMM_GRANULE_RD);
	assert_int_equal(fake_state(f, a.rtt), RMM_GRANULE_RTT);
	assert_int_not_equal(ra->s2.vmid, 0);
	assert_int_not_equal(ra->s2.vmid, rb->s2.vmid);
	assert_int_equal(ra->v2_instance_id[0], 0x01);
	assert_memory_not_equal(ra->v2_instance_id, rb->v2_instance_id, 33);
}

/* One bad field per case, in the order of commands.md REALM_CREATE step 2. */
static void realm_create__fails_input_for_each_bad_parameter(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm_params p;
	struct v2_realm r;

	for (unsigned c = 0; c < 12; c++) {
		v2_realm_params_default(&p);
		switch (c) {
		case 0: p.flags0 = 1; break;              /* LPA2 unsupported */
		case 1: p.s2sz = 31; break;
		case 2: p.num_bps = 0; break;
		case 3: p.num_wps = FAKE_FEAT_NUM_WPS + 1; break;
		case 4: p.flags0 = 1U << 3; break;        /* DA */
		case 5: p.flags0 = 2ULL << 7; break;      /* MEC policy 2 */
		case 6: p.rtt_level_start = 2; break;     /* 40 bits from level 2: 1024 tables */
		case 7: p.rtt_num_start = 2; break;
		case 8: p.num_aux_planes = 1; break;
		case 9: p.flags1 = 1; break;
		case 10: p.algorithm = 2; break;          /* SHA-384 not offered */
		default: p.algorithm = 7; break;
		}
		memset(&r, 0, sizeof(r));
		assert_int_equal(v2_realm_create(f, &p, &r), V2_INPUT);
		assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_DELEGATED);
		assert_int_equal(fake_state(f, r.rtt), RMM_GRANULE_DELEGATED);
	}
}

static void realm_create__mec_private_is_error_global_without_mecids(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm_params p;
	struct v2_realm r = { 0 };

	v2_realm_params_default(&p);
	p.flags0 = 1ULL << 7;
	assert_int_equal(v2_realm_create(f, &p, &r), V2_ST(RMI2_ERROR_GLOBAL, 0));
	/* The VMID taken for the attempt was given back: a default realm still works. */
	(void)v2_realm_new(f);
}

static void realm_create__fails_input_when_rtt_or_rd_not_delegated(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm_params p;
	struct v2_realm r = { 0 };

	v2_realm_params_default(&p);
	p.rtt_base = fake_alloc(f); /* NS */
	assert_int_equal(v2_realm_create(f, &p, &r), V2_INPUT);
	v2_realm_params_default(&p);
	memset(&r, 0, sizeof(r));
	r.rd = fake_alloc(f); /* NS */
	assert_int_equal(v2_realm_create(f, &p, &r), V2_INPUT);
	assert_int_equal(fake_state(f, p.rtt_base), RMM_GRANULE_DELEGATED);
	/* RD aliasing the starting RTT */
	v2_realm_params_default(&p);
	memset(&r, 0, sizeof(r));
	p.rtt_base = delegated(f);
	r.rd = p.rtt_base;
	assert_int_equal(v2_realm_create(f, &p, &r), V2_INPUT);
}

/* ------------------------------------------------------ TERMINATE / DESTROY */

static void realm_destroy__needs_terminate_first(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);

	assert_int_equal(fake_rmi(f, RMI2_REALM_DESTROY, r.rd, 0, 0, 0, 0, 0), REALM);
	assert_int_equal(fake_rmi(f, RMI2_REALM_TERMINATE, r.rd + 8, 0, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_REALM_TERMINATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(((struct rd *)fake_mem(f, r.rd))->state, REALM_ZOMBIE);
	/* Terminating a ZOMBIE again is allowed (any state). */
	assert_int_equal(fake_rmi(f, RMI2_REALM_TERMINATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REALM_DESTROY, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_state(f, r.rtt), RMM_GRANULE_DELEGATED);
}

static void realm_destroy__fails_realm_while_a_rec_exists(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	pa_t aux[16];
	unsigned n;

	assert_int_equal(v2_rec_create(f, r.rd, rec, v2_rec_params(f, 0, 1), aux), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REALM_TERMINATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REALM_DESTROY, r.rd, 0, 0, 0, 0, 0), REALM);
	/* RECs can still be destroyed in ZOMBIE. */
	assert_int_equal(v2_rec_destroy(f, rec, &n), V2_OK);
	assert_int_equal(n, 16);
	assert_int_equal(fake_rmi(f, RMI2_REALM_DESTROY, r.rd, 0, 0, 0, 0, 0), V2_OK);
}

/* ---------------------------------------------------------------- REC_CREATE */

static void rec_create__asks_for_sixteen_delegated_pages_then_creates_the_rec(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	pa_t params = v2_rec_params(f, 0, 1);
	struct smc_regs x = fake_smc(f, RMI2_REC_CREATE, r.rd, rec, params, 0, 0, 0);
	pa_t list = fake_alloc(f);
	uint64_t descs[16];

	assert_int_equal(x.x[0], rmi2_incomplete(RMI2_MEMREQ_DONATE, false));
	assert_int_equal(x.x[2], 16ULL << 2); /* 16 x L3, not contiguous, DELEGATED */
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_PARTIAL);
	/* Donate in two parts: 10, then 6. */
	for (unsigned i = 0; i < 16; i++) {
		descs[i] = delegated(f) | (1ULL << 2);
	}
	assert_true(fake_ns_write(f, list, descs, sizeof(descs)));
	x = fake_smc(f, RMI2_OP_MEM_DONATE, x.x[1], list, 10, 0, 0, 0);
	assert_int_equal(x.x[0], rmi2_incomplete(RMI2_MEMREQ_DONATE, false));
	assert_int_equal(x.x[1], 10);
	assert_int_equal(x.x[2], 6ULL << 2);
	x = fake_smc(f, RMI2_OP_MEM_DONATE, 0, list + 80, 6, 0, 0, 0);
	assert_int_equal(x.x[0], rmi2_incomplete(RMI2_MEMREQ_NONE, false));
	assert_int_equal(fake_state(f, descs[15] & ~0xFFFULL), RMM_GRANULE_REC_AUX);
	assert_true(fake_invariants_hold(f));
	x = fake_smc(f, RMI2_OP_CONTINUE, 0, 0, 0, 0, 0, 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_REC);
	assert_int_equal(((struct rec *)fake_mem(f, rec))->num_aux, 16);
	/* The context is free again. */
	assert_int_equal(fake_rmi(f, RMI2_OP_CONTINUE, 0, 0, 0, 0, 0, 0), V2_INPUT);
}

static void rec_create__fails_input_when_rec_not_delegated(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t params = v2_rec_params(f, 0, 1);

	assert_int_equal(fake_rmi(f, RMI2_REC_CREATE, r.rd, fake_alloc(f), params, 0, 0, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_REC_CREATE, r.rd, r.rd, params, 0, 0, 0), V2_INPUT);
}

static void rec_create__wrong_mpidr_reclaims_the_donation_then_fails_input(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	pa_t aux[16];

	assert_int_equal(v2_rec_create(f, r.rd, rec, v2_rec_params(f, 1, 1), aux), V2_INPUT);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_DELEGATED);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(fake_state(f, aux[i]), RMM_GRANULE_DELEGATED);
	}
}

static void rec_create__realm_not_new_fails_realm_after_reclaim(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t aux[16];

	assert_int_equal(fake_rmi(f, RMI2_REALM_ACTIVATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(v2_rec_create(f, r.rd, delegated(f), v2_rec_params(f, 0, 1), aux), REALM);
}

static void rec_create__bad_params_pa_fails_input_after_reclaim(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t aux[16];

	assert_int_equal(v2_rec_create(f, r.rd, delegated(f), delegated(f), aux), V2_INPUT);
}

static void rec_create__undelegated_donation_switches_to_reclaim(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	struct smc_regs x = fake_smc(f, RMI2_REC_CREATE, r.rd, rec, v2_rec_params(f, 0, 1), 0, 0,
				     0);
	pa_t list = fake_alloc(f);
	uint64_t d = fake_alloc(f) | (1ULL << 2); /* NS, not delegated */

	assert_true(fake_ns_write(f, list, &d, 8));
	x = fake_smc(f, RMI2_OP_MEM_DONATE, 0, list, 1, 0, 0, 0);
	/* Nothing held: straight to CONTINUE, which ends with INPUT. */
	assert_int_equal(x.x[0], rmi2_incomplete(RMI2_MEMREQ_NONE, false));
	assert_int_equal(fake_rmi(f, RMI2_OP_CONTINUE, 0, 0, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_DELEGATED);
}

/* --------------------------------------------------------------------- OP_* */

static void op__unknown_handle_or_wrong_step_is_input_and_keeps_the_context(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	struct smc_regs x = fake_smc(f, RMI2_REC_CREATE, r.rd, rec, v2_rec_params(f, 0, 1), 0, 0,
				     0);
	pa_t list = fake_alloc(f);
	uint64_t d[2];

	assert_int_equal(x.x[1], 0);
	assert_int_equal(fake_rmi(f, RMI2_OP_CONTINUE, 1, 0, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_OP_CONTINUE, ~0ULL, 0, 0, 0, 0, 0), V2_INPUT);
	/* Expected step is DONATE. */
	assert_int_equal(fake_rmi(f, RMI2_OP_CONTINUE, 0, 0, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_OP_MEM_RECLAIM, 0, list, 4, 0, 0, 0), V2_INPUT);
	/* Not cancellable. */
	assert_int_equal(fake_rmi(f, RMI2_OP_CANCEL, 0, 0, 0, 0, 0, 0), V2_INPUT);
	/* Donate: misaligned list, block descriptor, too many granules. */
	assert_int_equal(fake_rmi(f, RMI2_OP_MEM_DONATE, 0, list + 4, 1, 0, 0, 0), V2_INPUT);
	d[0] = delegated(f) | (1ULL << 2) | 1U; /* L2 block */
	assert_true(fake_ns_write(f, list, d, 8));
	assert_int_equal(fake_rmi(f, RMI2_OP_MEM_DONATE, 0, list, 1, 0, 0, 0), V2_INPUT);
	d[0] = (d[0] & ~3ULL) | (17ULL << 2);
	assert_true(fake_ns_write(f, list, d, 8));
	assert_int_equal(fake_rmi(f, RMI2_OP_MEM_DONATE, 0, list, 1, 0, 0, 0), V2_INPUT);
	/* Undelegated state bit (bet3 bit 62 and TF-RMM bit 63 both read as not DELEGATED). */
	d[0] = (d[0] & ~(0x3FFULL << 2)) | (1ULL << 2) | (1ULL << 62);
	assert_true(fake_ns_write(f, list, d, 8));
	assert_int_equal(fake_rmi(f, RMI2_OP_MEM_DONATE, 0, list, 1, 0, 0, 0), V2_INPUT);
	/* Still sealed and usable. */
	d[0] &= ~(3ULL << 62);
	assert_true(fake_ns_write(f, list, d, 8));
	assert_int_equal(fake_smc(f, RMI2_OP_MEM_DONATE, 0, list, 1, 0, 0, 0).x[1], 1);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_PARTIAL);
	assert_true(fake_invariants_hold(f));
}

static void sro__all_contexts_sealed_gives_blocked(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t params = v2_rec_params(f, 0, 1);

	for (unsigned i = 0; i < SRO_NUM_CONTEXTS; i++) {
		assert_int_equal(fake_rmi(f, RMI2_REC_CREATE, r.rd, delegated(f), params, 0, 0, 0),
				 rmi2_incomplete(RMI2_MEMREQ_DONATE, false));
	}
	assert_int_equal(fake_rmi(f, RMI2_REC_CREATE, r.rd, delegated(f), params, 0, 0, 0),
			 V2_ST(RMI2_BLOCKED, 0));
	assert_int_equal(fake_rmi(f, RMI2_REC_DESTROY, delegated(f), 0, 0, 0, 0, 0),
			 V2_ST(RMI2_BLOCKED, 0));
	/* The range commands that may yield check a context first (step 1), before the RD. */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, 0, 0, GRANULE_SIZE, 1, 0, 0),
			 V2_ST(RMI2_BLOCKED, 0));
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_UNMAP, 0, 0, GRANULE_SIZE, 0, 0, 0),
			 V2_ST(RMI2_BLOCKED, 0));
	assert_int_equal(fake_rmi(f, RMI2_RTT_UNPROT_UNMAP, 0, 0, GRANULE_SIZE, 0, 0, 0),
			 V2_ST(RMI2_BLOCKED, 0));
	/* UNPROT_MAP is no SRO: its own first check answers. */
	assert_int_equal(fake_rmi(f, RMI2_RTT_UNPROT_MAP, 0, 0, GRANULE_SIZE, 1, 0, 0), V2_INPUT);
}

/* -------------------------------------------------------------- REC_DESTROY */

static void rec_destroy__reclaims_sixteen_pages_in_parts(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	pa_t aux[16];
	pa_t list = fake_alloc(f);
	uint64_t out[16];
	struct smc_regs x;

	assert_int_equal(v2_rec_create(f, r.rd, rec, v2_rec_params(f, 0, 1), aux), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REC_DESTROY, rec + 1, 0, 0, 0, 0, 0), V2_INPUT);
	x = fake_smc(f, RMI2_REC_DESTROY, rec, 0, 0, 0, 0, 0);
	assert_int_equal(x.x[0], rmi2_incomplete(RMI2_MEMREQ_RECLAIM, false));
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_PARTIAL);
	x = fake_smc(f, RMI2_OP_MEM_RECLAIM, x.x[1], list, 10, 0, 0, 0);
	assert_int_equal(x.x[0], rmi2_incomplete(RMI2_MEMREQ_RECLAIM, false));
	assert_int_equal(x.x[1], 10);
	x = fake_smc(f, RMI2_OP_MEM_RECLAIM, 0, list + 80, 10, 0, 0, 0);
	assert_int_equal(x.x[0], rmi2_incomplete(RMI2_MEMREQ_NONE, false));
	assert_int_equal(x.x[1], 6);
	assert_true(fake_ns_read(f, list, out, sizeof(out)));
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(out[i], aux[i] | (1ULL << 2));
		assert_int_equal(fake_state(f, aux[i]), RMM_GRANULE_DELEGATED);
	}
	assert_int_equal(fake_rmi(f, RMI2_OP_CONTINUE, 0, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_DELEGATED);
}

/* ---------------------------------------------------------------- REC_ENTER */

static void rec_enter__realm_new_and_zombie_are_error_realm_index_0(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	pa_t run = fake_alloc(f);
	pa_t aux[16];

	assert_int_equal(v2_rec_create(f, r.rd, rec, v2_rec_params(f, 0, 1), aux), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REC_ENTER, rec, run + 8, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_REC_ENTER, rec, run, 0, 0, 0, 0), REALM);
	assert_int_equal(fake_rmi(f, RMI2_REALM_ACTIVATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REALM_TERMINATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REC_ENTER, rec, run, 0, 0, 0, 0), REALM);
}

static void rec_enter__active_realm_runs_and_writes_the_exit(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	pa_t run = fake_alloc(f);
	pa_t aux[16];

	assert_int_equal(v2_rec_create(f, r.rd, rec, v2_rec_params(f, 0, 1), aux), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REALM_ACTIVATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	/* The fake runs no realm code: an IRQ exit (rmm_plat.h rec_run NULL). */
	assert_int_equal(fake_rmi(f, RMI2_REC_ENTER, rec, run, 0, 0, 0, 0), V2_OK);
}

/* ------------------------------------------------------------ PSCI_COMPLETE */

static void psci_complete__two_argument_form_finds_the_target_by_mpidr(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec0 = delegated(f);
	pa_t rec1 = delegated(f);
	pa_t aux[16];
	struct rec *c;

	assert_int_equal(v2_rec_create(f, r.rd, rec0, v2_rec_params(f, 0, 1), aux), V2_OK);
	assert_int_equal(v2_rec_create(f, r.rd, rec1, v2_rec_params(f, 1, 0), aux), V2_OK);
	/* No PSCI request pending yet. */
	assert_int_equal(fake_rmi(f, RMI2_PSCI_COMPLETE, rec0, 0, 0, 0, 0, 0), V2_INPUT);
	/* A pending CPU_ON for MPIDR 1, as the realm's PSCI call leaves it (white box). */
	c = (struct rec *)fake_mem(f, rec0);
	c->psci.pending = true;
	c->psci.fid = PSCI_CPU_ON_SMC64;
	c->psci.target_mpidr = 1;
	c->psci.entry = 0x2000;
	assert_int_equal(fake_rmi(f, RMI2_PSCI_COMPLETE, rec0, 0 /* SUCCESS */, 0, 0, 0, 0), V2_OK);
	assert_true(((struct rec *)fake_mem(f, rec1))->runnable);
	assert_int_equal(((struct rec *)fake_mem(f, rec1))->regs.pc, 0x2000);
	assert_false(c->psci.pending);
}

/* ---------------------------------------------------------------- invariants */

static void invariants__catch_partial_and_aux_granules_no_context_owns(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t rec = delegated(f);
	struct smc_regs x = fake_smc(f, RMI2_REC_CREATE, r.rd, rec, v2_rec_params(f, 0, 1), 0, 0,
				     0);
	struct sro_ctx *s = &f->rmm->v2->sro[x.x[1]];
	pa_t obj = s->obj;
	char msg[256];

	assert_true(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	/* A context that lost its object: the PARTIAL granule is orphaned. */
	s->obj = r.rd;
	assert_false(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "sro_partial"));
	s->obj = obj;
	/* A context that claims a donated granule it does not hold. */
	s->granules[0] = delegated(f);
	s->ngranules = 1;
	assert_false(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "rec_aux"));
	s->ngranules = 0;
	assert_true(rmm_check_invariants(f->rmm, msg, sizeof(msg)));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, v2_setup_active, teardown)
	const struct CMUnitTest tests[] = {
		T(realm_create__succeeds_with_an_rmm_allocated_vmid),
		T(realm_create__fails_input_for_each_bad_parameter),
		T(realm_create__mec_private_is_error_global_without_mecids),
		T(realm_create__fails_input_when_rtt_or_rd_not_delegated),
		T(realm_destroy__needs_terminate_first),
		T(realm_destroy__fails_realm_while_a_rec_exists),
		T(rec_create__asks_for_sixteen_delegated_pages_then_creates_the_rec),
		T(rec_create__fails_input_when_rec_not_delegated),
		T(rec_create__wrong_mpidr_reclaims_the_donation_then_fails_input),
		T(rec_create__realm_not_new_fails_realm_after_reclaim),
		T(rec_create__bad_params_pa_fails_input_after_reclaim),
		T(rec_create__undelegated_donation_switches_to_reclaim),
		T(op__unknown_handle_or_wrong_step_is_input_and_keeps_the_context),
		T(sro__all_contexts_sealed_gives_blocked),
		T(rec_destroy__reclaims_sixteen_pages_in_parts),
		T(rec_enter__realm_new_and_zombie_are_error_realm_index_0),
		T(rec_enter__active_realm_runs_and_writes_the_exit),
		T(psci_complete__two_argument_form_finds_the_target_by_mpidr),
		T(invariants__catch_partial_and_aux_granules_no_context_owns),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
