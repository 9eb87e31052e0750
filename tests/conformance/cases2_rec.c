/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 2.0 cases: RMI_REC_CREATE and RMI_REC_DESTROY as SROs (aux granules by
 * OP_MEM_DONATE / OP_MEM_RECLAIM), the new REC_ENTER conditions, and the
 * gates of REC_ENTER / PSCI_COMPLETE (their other conditions run the 1.0
 * cases, see conform_run.c) (commands.md).
 */
#include <string.h>

#include "conform_case.h"
#include "den0137_2_abi.h"

#define GATE(cmd) { cmd, "global", conform2_gate, NULL, false }

/* A realm (NEW), a delegated REC granule and REC params (runnable, mpidr 0). */
struct rcs {
	struct conform_realm r;
	struct conform_rec e;
	struct conform_sro s;
};

static bool rcs_build(struct conform_ctx *c, struct rcs *s)
{
	memset(s, 0, sizeof(*s));
	s->e.flags = RMI2_RUNNABLE;
	return conform_realm_new(c, &s->r) && conform_delegated(c, &s->e.rec) &&
	       conform_rec_params(c, &s->r, &s->e);
}

/* Judged on the final X0 of the SRO; the donated granules must come back. */
static void rcs_final(struct conform_ctx *c, struct rcs *s)
{
	conform2_rec_create_x0(c, &s->r, &s->e, &s->s, true);
	conform_check(c, s->s.num_reclaimed == s->s.num_donated,
		      "a failed REC_CREATE gives every donated granule back by OP_MEM_RECLAIM");
	conform_check(c, conform_obs_granule_state(c, s->e.rec) == CONFORM_G_DELEGATED,
		      "rec back to DELEGATED");
}

static void rcc_rec_state(struct conform_ctx *c)
{
	struct rcs s;

	if (rcs_build(c, &s)) {
		s.e.rec = conform_ns_granule(c);
		conform_call(c, RMI2_REC_CREATE_FID, (uint64_t[5]){ s.r.rd, s.e.rec, s.e.params }, NULL);
	}
}

static void rcc_sro_blocked(struct conform_ctx *c)
{
	struct rcs s;

	c->bulk = true;
	if (rcs_build(c, &s) && conform2_sro_fill(c, &s.r)) {
		c->bulk = false;
		conform_call(c, RMI2_REC_CREATE_FID, (uint64_t[5]){ s.r.rd, s.e.rec, s.e.params }, NULL);
	}
}

static void rcc_params_pas(struct conform_ctx *c)
{
	struct rcs s;

	if (rcs_build(c, &s) && conform_delegated(c, &s.e.params)) {
		rcs_final(c, &s);
	}
}

static void rcc_rd_state(struct conform_ctx *c)
{
	struct rcs s;

	if (rcs_build(c, &s)) {
		s.r.rd = s.r.rtt_base; /* an RTT, not an RD */
		rcs_final(c, &s);
	}
}

static void rcc_max_recs(struct conform_ctx *c)
{
	struct smc_regs out;
	unsigned order, n;
	struct rcs s;

	conform_smc(c, RMI2_FEATURES_FID, (uint64_t[5]){ 1 }, &out);
	order = (unsigned)((out.x[1] >> RMI2_FEATURE_REGISTER_1_MAX_RECS_ORDER_SHIFT) & 0xFU);
	if (order > 8) {
		conform_skip(c, "FR1.MAX_RECS_ORDER > 8: more RECs than the case builds");
		return;
	}
	if (!rcs_build(c, &s)) {
		return;
	}
	c->bulk = true;
	n = 1U << order;
	for (unsigned i = 0; i < n; i++) {
		struct conform_rec e = { .flags = RMI2_RUNNABLE, .mpidr = i };

		/* MPIDR affinity: Aff0 0..15, Aff1 above (as the 1.0 case). */
		e.mpidr = (i & 0xFU) | ((uint64_t)(i >> 4) << 8);
		if (!conform_rec_create(c, &s.r, &e)) {
			return;
		}
	}
	c->bulk = false;
	s.e.mpidr = (n & 0xFU) | ((uint64_t)(n >> 4) << 8);
	if (conform_rec_params(c, &s.r, &s.e)) {
		rcs_final(c, &s);
	}
}

static void rcc_realm_state(struct conform_ctx *c)
{
	struct rcs s;

	if (rcs_build(c, &s) && conform_realm_activate(c, &s.r)) {
		rcs_final(c, &s);
	}
}

static void rcc_mpidr_index(struct conform_ctx *c)
{
	struct rcs s;

	if (rcs_build(c, &s)) {
		s.e.mpidr = 1; /* the first REC must have index 0 */
		if (conform_rec_params(c, &s.r, &s.e)) {
			rcs_final(c, &s);
		}
	}
}

static void rcc_success(struct conform_ctx *c)
{
	struct smc_regs out;
	struct rcs s;
	uint64_t x0;

	if (!rcs_build(c, &s)) {
		return;
	}
	x0 = conform_smc(c, RMI2_REC_CREATE_FID, (uint64_t[5]){ s.r.rd, s.e.rec, s.e.params }, &out);
	conform_check(c, (x0 & 0xFFU) == RMI2_INCOMPLETE &&
				 ((x0 >> RMI2_RESULT_MEMREQ_SHIFT) & 3U) == RMI2_OP_MEM_REQ_DONATE &&
				 ((x0 >> RMI2_RESULT_CAN_CANCEL_SHIFT) & 1U) == 0,
		      "REC_CREATE: INCOMPLETE, MEMREQ DONATE, CAN_CANCEL 0");
	conform_check(c, conform_obs_granule_state(c, s.e.rec) != CONFORM_G_DELEGATED,
		      "rec no longer DELEGATED while the SRO runs (PARTIAL)");
	if (conform2_sro_finish(c, x0, &out, &s.s, true) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, s.s.num_donated == RMI2_REC_AUX_GRANULES, "16 aux granules donated");
	conform_check(c, conform_obs_granule_state(c, s.e.rec) == CONFORM_G_REC, "rec is REC");
	for (unsigned i = 0; i < s.s.num_donated; i++) {
		conform_check(c, conform_obs_granule_state(c, s.s.donated[i]) == CONFORM_G_REC_AUX,
			      "donated granules are REC_AUX");
	}
}

/* ---- REC_DESTROY ---- */

static bool rcd_build(struct conform_ctx *c, struct rcs *s)
{
	memset(s, 0, sizeof(*s));
	s->e.flags = RMI2_RUNNABLE;
	return conform_realm_new(c, &s->r) && conform_rec_create(c, &s->r, &s->e);
}

static void rcd_sro_blocked(struct conform_ctx *c)
{
	struct rcs s;

	c->bulk = true;
	if (rcd_build(c, &s) && conform2_sro_fill(c, &s.r)) {
		c->bulk = false;
		conform_call(c, RMI2_REC_DESTROY_FID, (uint64_t[5]){ s.e.rec }, NULL);
	}
}

static void rcd_rec_state(struct conform_ctx *c)
{
	pa_t pa;

	if (conform_delegated(c, &pa)) {
		conform_call(c, RMI2_REC_DESTROY_FID, (uint64_t[5]){ pa }, NULL);
	}
}

static void rcd_success(struct conform_ctx *c)
{
	struct smc_regs out;
	struct conform_sro r;
	struct rcs s;
	uint64_t x0;

	if (!rcd_build(c, &s)) {
		return;
	}
	x0 = conform_smc(c, RMI2_REC_DESTROY_FID, (uint64_t[5]){ s.e.rec }, &out);
	conform_check(c, (x0 & 0xFFU) == RMI2_INCOMPLETE &&
				 ((x0 >> RMI2_RESULT_MEMREQ_SHIFT) & 3U) == RMI2_OP_MEM_REQ_RECLAIM,
		      "REC_DESTROY: INCOMPLETE, MEMREQ RECLAIM");
	if (conform2_sro_finish(c, x0, &out, &r, true) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, r.num_reclaimed == s.e.num_aux, "every aux granule reclaimed");
	conform_check(c, conform_obs_granule_state(c, s.e.rec) == CONFORM_G_DELEGATED,
		      "rec DELEGATED");
	for (unsigned i = 0; i < r.num_reclaimed; i++) {
		conform_check(c, conform_obs_granule_state(c, r.reclaimed[i]) == CONFORM_G_DELEGATED,
			      "reclaimed granules DELEGATED");
	}
	/* With the REC gone the realm can be terminated and destroyed. */
	conform_check(c, conform2_terminate(c, &s.r) &&
				 conform_smc(c, RMI2_REALM_DESTROY_FID, (uint64_t[5]){ s.r.rd }, NULL) ==
					 RMI2_SUCCESS,
		      "REALM_DESTROY after REC_DESTROY and TERMINATE");
}

/* ---- REC_ENTER (2.0-only conditions) ---- */

static void re_realm_zombie(struct conform_ctx *c)
{
	struct rcs s;

	if (rcd_build(c, &s) && conform_realm_activate(c, &s.r) && conform2_terminate(c, &s.r)) {
		conform_call(c, RMI2_REC_ENTER_FID, (uint64_t[5]){ s.e.rec, conform_ns_granule(c) },
			     NULL);
	}
}

static const struct conform_case cases[] = {
	GATE("RMI_REC_CREATE"),
	{ "RMI_REC_CREATE", "rec_state", rcc_rec_state, NULL, false },
	{ "RMI_REC_CREATE", "sro_blocked", rcc_sro_blocked, NULL, false },
	{ "RMI_REC_CREATE", "params_pas", rcc_params_pas, NULL, false },
	{ "RMI_REC_CREATE", "rd_state", rcc_rd_state, NULL, false },
	{ "RMI_REC_CREATE", "max_recs", rcc_max_recs, NULL, true },
	{ "RMI_REC_CREATE", "realm_state", rcc_realm_state, NULL, false },
	{ "RMI_REC_CREATE", "mpidr_index", rcc_mpidr_index, NULL, false },
	{ "RMI_REC_CREATE", "success", rcc_success, NULL, false },
	GATE("RMI_REC_DESTROY"),
	{ "RMI_REC_DESTROY", "sro_blocked", rcd_sro_blocked, NULL, false },
	{ "RMI_REC_DESTROY", "rec_state", rcd_rec_state, NULL, false },
	{ "RMI_REC_DESTROY", "rec_running", NULL, CONFORM_SKIP_RUNNING, false },
	{ "RMI_REC_DESTROY", "success", rcd_success, NULL, false },
	GATE("RMI_REC_ENTER"),
	{ "RMI_REC_ENTER", "realm_zombie", re_realm_zombie, NULL, false },
	{ "RMI_REC_ENTER", "rec_vgic", NULL,
	  "ICH_*_EL2 are programmed by an NS-EL2 host in hardware; rmmsim_smc callers have none "
	  "(REC_ENTER_VGIC_HW)", false },
	GATE("RMI_PSCI_COMPLETE"),
};
CONFORM_SET(conform_cases2_rec, cases);
