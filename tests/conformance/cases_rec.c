/* SPDX-License-Identifier: BSD-3-Clause */
/* Cases: RMI_REC_CREATE, RMI_REC_DESTROY, RMI_REC_ENTER, RMI_PSCI_COMPLETE (commands.md). */
#include "conform_agent.h"

/* ---- RMI_REC_CREATE: a = {rd, rec, params_ptr}; NEW realm, valid params ---- */

struct recc {
	struct conform_realm r;
	struct conform_rec e;
	uint64_t a[5];
};

static bool recc_prepare(struct conform_ctx *c, struct recc *s)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	s->e = (struct conform_rec){ .flags = RMI_RUNNABLE };
	return conform_realm_new(c, &s->r) && conform_delegated(c, &s->e.rec) &&
	       conform_rec_params(c, &s->r, &s->e);
}

static bool recc_build(struct conform_ctx *c, struct recc *s)
{
	if (!recc_prepare(c, s)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = s->e.rec;
	s->a[2] = s->e.params;
	return true;
}

CONFORM_BAD_CASE(recc_params_align, struct recc, recc_build, RMI_REC_CREATE_FID, 2, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(recc_params_bound, struct recc, recc_build, RMI_REC_CREATE_FID, 2, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(recc_params_pas, struct recc, recc_build, RMI_REC_CREATE_FID, 2, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(recc_rec_align, struct recc, recc_build, RMI_REC_CREATE_FID, 1, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(recc_rec_bound, struct recc, recc_build, RMI_REC_CREATE_FID, 1, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(recc_rec_state, struct recc, recc_build, RMI_REC_CREATE_FID, 1, CONFORM_BAD_NS)
CONFORM_BAD_CASE(recc_rd_align, struct recc, recc_build, RMI_REC_CREATE_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(recc_rd_bound, struct recc, recc_build, RMI_REC_CREATE_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(recc_rd_state, struct recc, recc_build, RMI_REC_CREATE_FID, 0, CONFORM_BAD_DELEGATED)

static void recc_realm_state(struct conform_ctx *c)
{
	struct recc s;

	if (recc_build(c, &s) && conform_realm_activate(c, &s.r)) {
		conform_call(c, RMI_REC_CREATE_FID, s.a, NULL);
	}
}

/* Rewrites one RmiRecParams field and issues the call. */
static void recc_field(struct conform_ctx *c, uint64_t off, uint64_t v, unsigned size)
{
	struct recc s;

	if (recc_build(c, &s) && conform_ns_put(c, s.e.params, off, v, size)) {
		conform_call(c, RMI_REC_CREATE_FID, s.a, NULL);
	}
}

static void recc_mpidr_index(struct conform_ctx *c)
{
	/* The first REC of a realm must have RecIndex(mpidr) = 0. */
	recc_field(c, RMI_REC_PARAMS_MPIDR_OFFSET, 1, RMI_REC_PARAMS_MPIDR_SIZE);
}

static void recc_num_aux(struct conform_ctx *c)
{
	struct recc s;
	uint64_t n;
	pa_t extra;

	if (!recc_build(c, &s) || !conform_delegated(c, &extra)) {
		return;
	}
	/* One more (or one fewer) than RecAuxCount, every listed aux DELEGATED. */
	n = s.e.num_aux < RMI_REC_PARAMS_AUX_COUNT ? s.e.num_aux + 1 : s.e.num_aux - 1;
	if (n > s.e.num_aux &&
	    !conform_ns_put(c, s.e.params, RMI_REC_PARAMS_AUX_OFFSET + 8 * s.e.num_aux, extra, 8)) {
		return;
	}
	if (conform_ns_put(c, s.e.params, RMI_REC_PARAMS_NUM_AUX_OFFSET, n, RMI_REC_PARAMS_NUM_AUX_SIZE)) {
		conform_call(c, RMI_REC_CREATE_FID, s.a, NULL);
	}
}

/* aux[0] replaced by what @bad gives (needs RecAuxCount >= 1). */
static void recc_aux(struct conform_ctx *c, int how)
{
	struct recc s;
	uint64_t v;

	if (!recc_build(c, &s)) {
		return;
	}
	if (s.e.num_aux == 0) {
		conform_skip(c, "RecAuxCount is 0: no aux granule to break");
		return;
	}
	v = s.e.aux[0];
	if (how == 0) {
		v += 0x800;
	} else if (how == 1) {
		v = s.e.rec; /* aux aliasing the REC itself */
	} else {
		v = conform_ns_granule(c);
	}
	if (conform_ns_put(c, s.e.params, RMI_REC_PARAMS_AUX_OFFSET, v, 8)) {
		conform_call(c, RMI_REC_CREATE_FID, s.a, NULL);
	}
}

static void recc_aux_align(struct conform_ctx *c) { recc_aux(c, 0); }
static void recc_aux_alias(struct conform_ctx *c) { recc_aux(c, 1); }
static void recc_aux_state(struct conform_ctx *c) { recc_aux(c, 2); }

static void recc_max_recs(struct conform_ctx *c)
{
	struct conform_realm r;
	uint64_t order = conform_feat0(c, RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER_SHIFT,
				       RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER_WIDTH);
	uint64_t limit = 1ULL << order;
	struct smc_regs out;
	uint64_t n;

	if (order == 0 || order > 12) {
		conform_skip(c, "FR0.MAX_RECS_ORDER is 0 or too large to fill");
		return;
	}
	if (!conform_realm_new(c, &r)) {
		return;
	}
	/* Create RECs in index order until the RMM refuses one (at most 2^order). */
	c->bulk = true;
	for (n = 0; n <= limit; n++) {
		struct conform_rec e = { .flags = RMI_NOT_RUNNABLE };
		uint64_t x0;

		/* RecIndex = Aff0[3:0] + 16 * Aff1 (+ Aff2, Aff3: not needed here). */
		e.mpidr = (n & 0xFU) | ((n >> 4) << 8);
		if (!conform_delegated(c, &e.rec) || !conform_rec_params(c, &r, &e)) {
			c->bulk = false;
			return;
		}
		x0 = conform_smc(c, RMI_REC_CREATE_FID, (uint64_t[5]){ r.rd, e.rec, e.params }, &out);
		if (x0 != RMI_SUCCESS) {
			c->bulk = false;
			c->called = true;
			c->got = x0;
			conform_check(c, n + 1 >= limit / 2, "at least 2^(MAX_RECS_ORDER-1) RECs fit");
			return;
		}
	}
	c->bulk = false;
	conform_fail(c, "%llu RECs created, more than 2^FR0.MAX_RECS_ORDER",
		     (unsigned long long)n);
}

static void recc_success(struct conform_ctx *c)
{
	struct recc s;

	if (!recc_build(c, &s) || conform_call(c, RMI_REC_CREATE_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, s.e.rec) == CONFORM_G_REC, "rec is REC");
	for (uint64_t i = 0; i < s.e.num_aux; i++) {
		conform_check(c, conform_obs_granule_state(c, s.e.aux[i]) == CONFORM_G_REC_AUX,
			      "aux[i] is REC_AUX");
	}
	conform_check(c, conform_smc(c, RMI_REC_CREATE_FID, s.a, NULL) == RMI_ERROR_INPUT,
		      "second REC_CREATE fails (rec_state)");
	conform_check(c, conform_smc(c, RMI_REALM_DESTROY_FID, (uint64_t[5]){ s.r.rd }, NULL) ==
				 RMI_ERROR_REALM,
		      "a realm with a REC is live");
}

/* ---- RMI_REC_DESTROY: a = {rec} ---- */

struct recd {
	struct conform_realm r;
	struct conform_rec e;
	uint64_t a[5];
};

static bool recd_build(struct conform_ctx *c, struct recd *s)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	s->e = (struct conform_rec){ .flags = RMI_RUNNABLE };
	if (!conform_realm_new(c, &s->r) || !conform_rec_create(c, &s->r, &s->e)) {
		return false;
	}
	s->a[0] = s->e.rec;
	return true;
}

CONFORM_BAD_CASE(recd_rec_align, struct recd, recd_build, RMI_REC_DESTROY_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(recd_rec_bound, struct recd, recd_build, RMI_REC_DESTROY_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(recd_rec_gran_state, struct recd, recd_build, RMI_REC_DESTROY_FID, 0,
		 CONFORM_BAD_DELEGATED)

static void recd_success(struct conform_ctx *c)
{
	struct recd s;

	if (!recd_build(c, &s) || conform_call(c, RMI_REC_DESTROY_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, s.e.rec) == CONFORM_G_DELEGATED,
		      "rec DELEGATED");
	for (uint64_t i = 0; i < s.e.num_aux; i++) {
		conform_check(c, conform_obs_granule_state(c, s.e.aux[i]) == CONFORM_G_DELEGATED,
			      "aux[i] DELEGATED");
	}
	conform_check(c, conform_smc(c, RMI_REC_DESTROY_FID, s.a, NULL) == RMI_ERROR_INPUT,
		      "second REC_DESTROY fails rec_gran_state");
	conform_check(c, conform_smc(c, RMI_REALM_DESTROY_FID, (uint64_t[5]){ s.r.rd }, NULL) ==
				 RMI_SUCCESS,
		      "realm without RECs can be destroyed");
}

/* ---- RMI_REC_ENTER: a = {rec, run_ptr}; ACTIVE realm, runnable REC ---- */

struct ent {
	struct conform_realm r;
	struct conform_rec e;
	pa_t run;
	uint64_t a[5];
};

static bool ent_prepare(struct conform_ctx *c, struct ent *s, uint64_t flags, bool activate)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	s->e = (struct conform_rec){ .flags = flags };
	if (!conform_realm_new(c, &s->r) || !conform_rec_create(c, &s->r, &s->e) ||
	    (activate && !conform_realm_activate(c, &s->r))) {
		return false;
	}
	s->run = conform_ns_granule(c);
	s->a[0] = s->e.rec;
	s->a[1] = s->run;
	return true;
}

static bool ent_build(struct conform_ctx *c, struct ent *s)
{
	return ent_prepare(c, s, RMI_RUNNABLE, true);
}

CONFORM_BAD_CASE(ent_run_align, struct ent, ent_build, RMI_REC_ENTER_FID, 1, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(ent_run_bound, struct ent, ent_build, RMI_REC_ENTER_FID, 1, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(ent_run_pas, struct ent, ent_build, RMI_REC_ENTER_FID, 1, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(ent_rec_align, struct ent, ent_build, RMI_REC_ENTER_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(ent_rec_bound, struct ent, ent_build, RMI_REC_ENTER_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(ent_rec_gran_state, struct ent, ent_build, RMI_REC_ENTER_FID, 0,
		 CONFORM_BAD_DELEGATED)

static void ent_realm_new(struct conform_ctx *c)
{
	struct ent s;

	if (ent_prepare(c, &s, RMI_RUNNABLE, false)) {
		conform_call(c, RMI_REC_ENTER_FID, s.a, NULL);
	}
}

static void ent_rec_runnable(struct conform_ctx *c)
{
	struct ent s;

	if (ent_prepare(c, &s, RMI_NOT_RUNNABLE, true)) {
		conform_call(c, RMI_REC_ENTER_FID, s.a, NULL);
	}
}

static void ent_rec_gicv3(struct conform_ctx *c)
{
	struct ent s;

	/* Every bit of ICH_HCR_EL2 set: most are outside the permitted set. */
	if (ent_build(c, &s) &&
	    conform_ns_put(c, s.run, RMI_REC_RUN_ENTER_GICV3_HCR_OFFSET, ~0ULL, 8)) {
		conform_call(c, RMI_REC_ENTER_FID, s.a, NULL);
	}
}

static void ent_rec_mmio(struct conform_ctx *c)
{
	struct ent s;

	/* A REC that never ran has no emulatable data abort to complete. */
	if (ent_build(c, &s) &&
	    conform_ns_put(c, s.run, RMI_REC_RUN_ENTER_FLAGS_OFFSET, RMI_REC_ENTER_FLAG_EMUL_MMIO, 8)) {
		conform_call(c, RMI_REC_ENTER_FID, s.a, NULL);
	}
}

static void ent_inject_sea(struct conform_ctx *c)
{
	struct ent s;

	/* A REC that never ran has no data abort at an unprotected IPA to answer. */
	if (ent_build(c, &s) &&
	    conform_ns_put(c, s.run, RMI_REC_RUN_ENTER_FLAGS_OFFSET, RMI_REC_ENTER_FLAG_INJECT_SEA, 8)) {
		conform_call(c, RMI_REC_ENTER_FID, s.a, NULL);
	}
}

/* An agent realm of @num_recs RECs whose REC 0 has a pending CPU_ON of REC 1. */
static struct agent *cpu_on_pending(struct conform_ctx *c, unsigned num_recs)
{
	struct agent *a = conform_agent_new(c, num_recs);

	if (a != NULL &&
	    !conform_agent_exit(c, a,
				(uint64_t[11]){ CONFORM_PSCI_CPU_ON, a->rh.recs[1].mpidr, RH_LOAD_IPA,
						a->mailbox_ipa },
				RMI_EXIT_PSCI)) {
		conform_agent_free(a);
		return NULL;
	}
	return a;
}

static void ent_system_off(struct conform_ctx *c)
{
	struct agent *a = conform_agent_new(c, 1);

	/* The realm called PSCI SYSTEM_OFF: its realm is SYSTEM_OFF. */
	if (a != NULL &&
	    conform_agent_exit(c, a, (uint64_t[11]){ CONFORM_PSCI_SYSTEM_OFF }, RMI_EXIT_PSCI)) {
		conform_call(c, RMI_REC_ENTER_FID,
			     (uint64_t[5]){ a->rh.recs[0].pa, conform_ns_granule(c) }, NULL);
	}
	conform_agent_free(a);
}

static void ent_rec_psci(struct conform_ctx *c)
{
	struct agent *a = cpu_on_pending(c, 2);

	/* REC 0 waits for RMI_PSCI_COMPLETE of its CPU_ON. */
	if (a != NULL) {
		conform_call(c, RMI_REC_ENTER_FID,
			     (uint64_t[5]){ a->rh.recs[0].pa, conform_ns_granule(c) }, NULL);
	}
	conform_agent_free(a);
}

static void ent_pair_run_align_realm_new(struct conform_ctx *c)
{
	struct ent s;

	if (ent_prepare(c, &s, RMI_RUNNABLE, false)) {
		s.a[1] += 0x800;
		conform_call(c, RMI_REC_ENTER_FID, s.a, NULL);
	}
}

static void ent_pair_run_pas_rec_runnable(struct conform_ctx *c)
{
	struct ent s;

	if (ent_prepare(c, &s, RMI_NOT_RUNNABLE, true) &&
	    conform_bad_addr(c, CONFORM_BAD_DELEGATED, &s.a[1])) {
		conform_call(c, RMI_REC_ENTER_FID, s.a, NULL);
	}
}

static void ent_pair_rec_gran_state_rec_gicv3(struct conform_ctx *c)
{
	struct ent s;

	if (ent_build(c, &s) &&
	    conform_ns_put(c, s.run, RMI_REC_RUN_ENTER_GICV3_HCR_OFFSET, ~0ULL, 8) &&
	    conform_bad_addr(c, CONFORM_BAD_DELEGATED, &s.a[0])) {
		conform_call(c, RMI_REC_ENTER_FID, s.a, NULL);
	}
}

/* Realm code for the success case: PSCI SYSTEM_OFF, then spin. */
static const uint32_t system_off_code[] = {
	0xd2b08000U, /* mov  x0, #0x84000000 */
	0xf2800100U, /* movk x0, #0x8         (PSCI_SYSTEM_OFF) */
	0xd4000003U, /* smc  #0 */
	0x14000000U, /* b    . */
};

static void ent_success(struct conform_ctx *c)
{
	const uint64_t ipa = 0x200000;
	struct conform_realm r;
	struct conform_rec e = { .flags = RMI_RUNNABLE, .pc = ipa };
	pa_t src, d, run;
	uint8_t reason = 0;

	if (!conform_realm_new(c, &r) || !conform_rtt_to(c, &r, ipa, 3) ||
	    !conform_delegated(c, &d)) {
		return;
	}
	src = conform_ns_granule(c);
	for (unsigned i = 0; i < sizeof(system_off_code) / sizeof(system_off_code[0]); i++) {
		if (!conform_ns_put(c, src, 4 * i, system_off_code[i], 4)) {
			return;
		}
	}
	run = conform_ns_granule(c);
	if (!conform_setup(c, RMI_DATA_CREATE_FID, (uint64_t[5]){ r.rd, d, ipa, src, 0 }, NULL) ||
	    !conform_rec_create(c, &r, &e) || !conform_realm_activate(c, &r) ||
	    !conform_ns_put(c, run, RMI_REC_RUN_EXIT_REASON_OFFSET, 0xFF, 1)) {
		return;
	}
	if (conform_call(c, RMI_REC_ENTER_FID, (uint64_t[5]){ e.rec, run }, NULL) != RMI_SUCCESS) {
		return;
	}
	/* Whatever the REC did, it exited: RecExit written, REC no longer RUNNING. */
	conform_check(c, rmmsim_ns_read(c->sim, run + RMI_REC_RUN_EXIT_REASON_OFFSET, &reason, 1) &&
				 reason <= RMI_EXIT_SERROR,
		      "RecExit.exit_reason written with a valid reason");
	conform_check(c, conform_rec_destroy_x0(c, e.rec) == RMI_SUCCESS,
		      "the REC is not RUNNING after REC_ENTER returns");
}

/* ---- RMI_PSCI_COMPLETE: a = {calling_rec, target_rec, status}; two RECs ---- */

struct psci {
	struct conform_realm r;
	struct conform_rec e0, e1;
	uint64_t a[5];
};

static bool psci_build(struct conform_ctx *c, struct psci *s)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	s->e0 = (struct conform_rec){ .flags = RMI_RUNNABLE, .mpidr = 0 };
	s->e1 = (struct conform_rec){ .flags = RMI_NOT_RUNNABLE, .mpidr = 1 };
	if (!conform_realm_new(c, &s->r) || !conform_rec_create(c, &s->r, &s->e0) ||
	    !conform_rec_create(c, &s->r, &s->e1)) {
		return false;
	}
	s->a[0] = s->e0.rec;
	s->a[1] = s->e1.rec;
	s->a[2] = 0; /* PSCI_SUCCESS */
	return true;
}

CONFORM_BAD_CASE(psci_calling_align, struct psci, psci_build, RMI_PSCI_COMPLETE_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(psci_calling_bound, struct psci, psci_build, RMI_PSCI_COMPLETE_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(psci_calling_state, struct psci, psci_build, RMI_PSCI_COMPLETE_FID, 0,
		 CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(psci_target_align, struct psci, psci_build, RMI_PSCI_COMPLETE_FID, 1, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(psci_target_bound, struct psci, psci_build, RMI_PSCI_COMPLETE_FID, 1, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(psci_target_state, struct psci, psci_build, RMI_PSCI_COMPLETE_FID, 1,
		 CONFORM_BAD_DELEGATED)

static void psci_alias(struct conform_ctx *c)
{
	struct psci s;

	if (psci_build(c, &s)) {
		s.a[1] = s.a[0];
		conform_call(c, RMI_PSCI_COMPLETE_FID, s.a, NULL);
	}
}

static void psci_pending(struct conform_ctx *c)
{
	struct psci s;

	/* A REC that never ran has no PSCI request pending. */
	if (psci_build(c, &s)) {
		conform_call(c, RMI_PSCI_COMPLETE_FID, s.a, NULL);
	}
}

/* Pending CPU_ON (REC 0 -> REC 1); a = {REC 0, @target, @status}. */
static void psci_agent_call(struct conform_ctx *c, unsigned num_recs, unsigned target,
			    uint64_t status)
{
	struct agent *a = cpu_on_pending(c, num_recs);

	if (a != NULL) {
		conform_call(c, RMI_PSCI_COMPLETE_FID,
			     (uint64_t[5]){ a->rh.recs[0].pa, a->rh.recs[target].pa, status }, NULL);
	}
	conform_agent_free(a);
}

static void psci_owner(struct conform_ctx *c)
{
	struct agent *a = cpu_on_pending(c, 2);
	struct conform_realm other;
	struct conform_rec e0 = { .flags = RMI_RUNNABLE, .mpidr = 0 };
	struct conform_rec e1 = { .flags = RMI_NOT_RUNNABLE, .mpidr = 1 };

	/* Target: the REC with the requested MPIDR (1), but of another realm. */
	if (a != NULL && conform_realm_new(c, &other) && conform_rec_create(c, &other, &e0) &&
	    conform_rec_create(c, &other, &e1)) {
		conform_call(c, RMI_PSCI_COMPLETE_FID,
			     (uint64_t[5]){ a->rh.recs[0].pa, e1.rec, CONFORM_PSCI_SUCCESS }, NULL);
	}
	conform_agent_free(a);
}

static void psci_target(struct conform_ctx *c)
{
	/* CPU_ON named REC 1; REC 2 of the same realm is given. */
	psci_agent_call(c, 3, 2, CONFORM_PSCI_SUCCESS);
}

static void psci_status(struct conform_ctx *c)
{
	/* CPU_ON may only be completed with PSCI_SUCCESS or PSCI_DENIED. */
	psci_agent_call(c, 2, 1, CONFORM_PSCI_INVALID_PARAMS);
}

static void psci_success(struct conform_ctx *c)
{
	struct agent *a = cpu_on_pending(c, 2);
	uint64_t args[5], out[8];

	if (a == NULL) {
		return;
	}
	args[0] = a->rh.recs[0].pa;
	args[1] = a->rh.recs[1].pa;
	args[2] = CONFORM_PSCI_SUCCESS;
	args[3] = args[4] = 0;
	if (conform_call(c, RMI_PSCI_COMPLETE_FID, args, NULL) != RMI_SUCCESS) {
		goto out;
	}
	conform_check(c, conform_smc(c, RMI_PSCI_COMPLETE_FID, args, NULL) == RMI_ERROR_INPUT,
		      "second PSCI_COMPLETE fails (pending cleared)");
	/* REC 0 runs again and sees PSCI_SUCCESS; REC 1 is runnable at the entry point. */
	if (conform_agent_resume(c, a, 0, NULL, 0, out)) {
		conform_check(c, out[0] == CONFORM_PSCI_SUCCESS, "CPU_ON returns PSCI_SUCCESS to REC 0");
	}
	a->rec = 1;
	conform_check(c, agent_resume(a, 0, NULL, 0) == AGENT_DONE,
		      "REC 1 runs the agent from the CPU_ON entry point");
out:
	conform_agent_free(a);
}

static const struct conform_case cases[] = {
	{ "RMI_REC_CREATE", "params_align", recc_params_align, NULL },
	{ "RMI_REC_CREATE", "params_bound", recc_params_bound, NULL },
	{ "RMI_REC_CREATE", "params_pas", recc_params_pas, NULL },
	{ "RMI_REC_CREATE", "rec_align", recc_rec_align, NULL },
	{ "RMI_REC_CREATE", "rec_bound", recc_rec_bound, NULL },
	{ "RMI_REC_CREATE", "rec_state", recc_rec_state, NULL },
	{ "RMI_REC_CREATE", "rd_align", recc_rd_align, NULL },
	{ "RMI_REC_CREATE", "rd_bound", recc_rd_bound, NULL },
	{ "RMI_REC_CREATE", "rd_state", recc_rd_state, NULL },
	{ "RMI_REC_CREATE", "realm_state", recc_realm_state, NULL },
	{ "RMI_REC_CREATE", "mpidr_index", recc_mpidr_index, NULL },
	{ "RMI_REC_CREATE", "num_aux", recc_num_aux, NULL },
	{ "RMI_REC_CREATE", "aux_align", recc_aux_align, NULL },
	{ "RMI_REC_CREATE", "aux_alias", recc_aux_alias, NULL },
	{ "RMI_REC_CREATE", "aux_state", recc_aux_state, NULL },
	{ "RMI_REC_CREATE", "max_recs", recc_max_recs, NULL, .slow = true },
	{ "RMI_REC_CREATE", "success", recc_success, NULL },
	{ "RMI_REC_DESTROY", "rec_align", recd_rec_align, NULL },
	{ "RMI_REC_DESTROY", "rec_bound", recd_rec_bound, NULL },
	{ "RMI_REC_DESTROY", "rec_gran_state", recd_rec_gran_state, NULL },
	{ "RMI_REC_DESTROY", "rec_state", NULL, CONFORM_SKIP_RUNNING },
	{ "RMI_REC_DESTROY", "success", recd_success, NULL },
	{ "RMI_REC_ENTER", "run_align", ent_run_align, NULL },
	{ "RMI_REC_ENTER", "run_bound", ent_run_bound, NULL },
	{ "RMI_REC_ENTER", "run_pas", ent_run_pas, NULL },
	{ "RMI_REC_ENTER", "rec_align", ent_rec_align, NULL },
	{ "RMI_REC_ENTER", "rec_bound", ent_rec_bound, NULL },
	{ "RMI_REC_ENTER", "rec_gran_state", ent_rec_gran_state, NULL },
	{ "RMI_REC_ENTER", "rec_state", NULL, CONFORM_SKIP_RUNNING },
	{ "RMI_REC_ENTER", "realm_new", ent_realm_new, NULL },
	{ "RMI_REC_ENTER", "system_off", ent_system_off, NULL },
	{ "RMI_REC_ENTER", "rec_runnable", ent_rec_runnable, NULL },
	{ "RMI_REC_ENTER", "rec_psci", ent_rec_psci, NULL },
	{ "RMI_REC_ENTER", "rec_gicv3", ent_rec_gicv3, NULL },
	{ "RMI_REC_ENTER", "inject_sea", ent_inject_sea, NULL },
	{ "RMI_REC_ENTER", "rec_mmio", ent_rec_mmio, NULL },
	{ "RMI_REC_ENTER", "pair:run_align>realm_new", ent_pair_run_align_realm_new, NULL },
	{ "RMI_REC_ENTER", "pair:run_pas>rec_runnable", ent_pair_run_pas_rec_runnable, NULL },
	{ "RMI_REC_ENTER", "pair:rec_gran_state>rec_gicv3", ent_pair_rec_gran_state_rec_gicv3, NULL },
	{ "RMI_REC_ENTER", "success", ent_success, NULL },
	{ "RMI_PSCI_COMPLETE", "alias", psci_alias, NULL },
	{ "RMI_PSCI_COMPLETE", "calling_align", psci_calling_align, NULL },
	{ "RMI_PSCI_COMPLETE", "calling_bound", psci_calling_bound, NULL },
	{ "RMI_PSCI_COMPLETE", "calling_state", psci_calling_state, NULL },
	{ "RMI_PSCI_COMPLETE", "target_align", psci_target_align, NULL },
	{ "RMI_PSCI_COMPLETE", "target_bound", psci_target_bound, NULL },
	{ "RMI_PSCI_COMPLETE", "target_state", psci_target_state, NULL },
	{ "RMI_PSCI_COMPLETE", "pending", psci_pending, NULL },
	{ "RMI_PSCI_COMPLETE", "owner", psci_owner, NULL },
	{ "RMI_PSCI_COMPLETE", "target", psci_target, NULL },
	{ "RMI_PSCI_COMPLETE", "status", psci_status, NULL },
	{ "RMI_PSCI_COMPLETE", "success", psci_success, NULL },
};
CONFORM_SET(conform_cases_rec, cases);
