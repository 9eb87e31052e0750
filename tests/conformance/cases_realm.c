/* SPDX-License-Identifier: BSD-3-Clause */
/* Cases: RMI_REALM_CREATE, RMI_REALM_ACTIVATE, RMI_REALM_DESTROY, RMI_REC_AUX_COUNT (commands.md). */
#include "conform_case.h"

/* ---- RMI_REALM_CREATE: a = {rd, params_ptr}; rd, rtts delegated, params valid ---- */

struct rc {
	struct conform_realm r;
	uint64_t a[5];
};

static bool rc_prepare(struct conform_ctx *c, struct rc *s)
{
	conform_realm_cfg(c, &s->r);
	return conform_delegated(c, &s->r.rd) &&
	       conform_delegated_n(c, s->r.num_start, &s->r.rtt_base);
}

static bool rc_finish(struct conform_ctx *c, struct rc *s)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	s->a[0] = s->r.rd;
	if (!conform_realm_params(c, &s->r)) {
		return false;
	}
	s->a[1] = s->r.params;
	return true;
}

static bool rc_build(struct conform_ctx *c, struct rc *s)
{
	return rc_prepare(c, s) && rc_finish(c, s);
}

CONFORM_BAD_CASE(rc_params_align, struct rc, rc_build, RMI_REALM_CREATE_FID, 1, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(rc_params_bound, struct rc, rc_build, RMI_REALM_CREATE_FID, 1, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(rc_params_pas, struct rc, rc_build, RMI_REALM_CREATE_FID, 1, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(rc_rd_align, struct rc, rc_build, RMI_REALM_CREATE_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(rc_rd_bound, struct rc, rc_build, RMI_REALM_CREATE_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(rc_rd_state, struct rc, rc_build, RMI_REALM_CREATE_FID, 0, CONFORM_BAD_NS)

/* Builds with one parameter changed by @edit before the params are written. */
static void rc_with(struct conform_ctx *c, void (*edit)(struct conform_ctx *c, struct rc *s))
{
	struct rc s;

	if (!rc_prepare(c, &s)) {
		return;
	}
	edit(c, &s);
	if (!c->failed && rc_finish(c, &s)) {
		conform_call(c, RMI_REALM_CREATE_FID, s.a, NULL);
	}
}

static void edit_hash(struct conform_ctx *c, struct rc *s)
{
	s->r.hash_algo = 2; /* RmiHashAlgorithm has only 0 and 1 */
}

static void edit_bps(struct conform_ctx *c, struct rc *s)
{
	uint64_t max = conform_feat0(c, RMI_FEATURE_REGISTER_0_NUM_BPS_SHIFT,
				     RMI_FEATURE_REGISTER_0_NUM_BPS_WIDTH);

	/* More breakpoints than FR0.NUM_BPS (or 0 when the field is full). */
	s->r.num_bps = max < 63 ? (unsigned)max + 1 : 0;
}

static void edit_alias(struct conform_ctx *c, struct rc *s)
{
	s->r.rtt_base = s->r.rd;
}

static void edit_rtt_align(struct conform_ctx *c, struct rc *s)
{
	s->r.rtt_base += 0x800;
}

static void edit_rtt_num_level(struct conform_ctx *c, struct rc *s)
{
	s->r.sl = 3; /* never valid: w >= 32 needs at most 2 levels below it (states.md §5) */
}

static void edit_rtt_state(struct conform_ctx *c, struct rc *s)
{
	s->r.rtt_base = conform_ns_granule(c);
}

static void edit_vmid(struct conform_ctx *c, struct rc *s)
{
	struct conform_realm other;

	/* Another realm holds the same VMID. */
	if (conform_realm_new(c, &other)) {
		s->r.vmid = other.vmid;
	}
}

static void rc_params_valid(struct conform_ctx *c) { rc_with(c, edit_hash); }
static void rc_params_supp(struct conform_ctx *c) { rc_with(c, edit_bps); }
static void rc_alias(struct conform_ctx *c) { rc_with(c, edit_alias); }
static void rc_rtt_align(struct conform_ctx *c) { rc_with(c, edit_rtt_align); }
static void rc_rtt_num_level(struct conform_ctx *c) { rc_with(c, edit_rtt_num_level); }
static void rc_rtt_state(struct conform_ctx *c) { rc_with(c, edit_rtt_state); }
static void rc_vmid_valid(struct conform_ctx *c) { rc_with(c, edit_vmid); }

static void rc_success(struct conform_ctx *c)
{
	struct rc s;
	uint64_t e[4];

	if (!rc_build(c, &s) || conform_call(c, RMI_REALM_CREATE_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, s.r.rd) == CONFORM_G_RD, "rd is RD");
	conform_check(c, conform_obs_granule_state(c, s.r.rtt_base) == CONFORM_G_RTT,
		      "rtt_base is RTT");
	/* states.md §5: protected starting entries UNASSIGNED/EMPTY, others UNASSIGNED_NS. */
	if (conform_read_entry(c, &s.r, 0, 0, e)) {
		conform_check(c, e[0] == 0 && e[1] == RMI_UNASSIGNED && e[3] == RMI_EMPTY,
			      "READ_ENTRY(0, 0) = level 0 UNASSIGNED EMPTY");
	}
	if (conform_read_entry(c, &s.r, conform_unprot(&s.r), 0, e)) {
		conform_check(c, e[0] == 0 && e[1] == RMI_UNASSIGNED && e[2] == 0,
			      "READ_ENTRY(unprotected, 0) = UNASSIGNED");
	}
	conform_check(c, conform_smc(c, RMI_REALM_CREATE_FID, s.a, NULL) == RMI_ERROR_INPUT,
		      "second REALM_CREATE fails with ERROR_INPUT");
}

/* ---- RMI_REALM_ACTIVATE / RMI_REALM_DESTROY / RMI_REC_AUX_COUNT: a = {rd} ---- */

struct rd1 {
	struct conform_realm r;
	uint64_t a[5];
};

static bool rd1_build(struct conform_ctx *c, struct rd1 *s)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	if (!conform_realm_new(c, &s->r)) {
		return false;
	}
	s->a[0] = s->r.rd;
	return true;
}

CONFORM_BAD_CASE(act_rd_align, struct rd1, rd1_build, RMI_REALM_ACTIVATE_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(act_rd_bound, struct rd1, rd1_build, RMI_REALM_ACTIVATE_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(act_rd_state, struct rd1, rd1_build, RMI_REALM_ACTIVATE_FID, 0, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(des_rd_align, struct rd1, rd1_build, RMI_REALM_DESTROY_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(des_rd_bound, struct rd1, rd1_build, RMI_REALM_DESTROY_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(des_rd_state, struct rd1, rd1_build, RMI_REALM_DESTROY_FID, 0, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(aux_rd_align, struct rd1, rd1_build, RMI_REC_AUX_COUNT_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(aux_rd_bound, struct rd1, rd1_build, RMI_REC_AUX_COUNT_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(aux_rd_state, struct rd1, rd1_build, RMI_REC_AUX_COUNT_FID, 0, CONFORM_BAD_DELEGATED)

static void act_realm_state(struct conform_ctx *c)
{
	struct rd1 s;

	if (rd1_build(c, &s) && conform_realm_activate(c, &s.r)) {
		conform_call(c, RMI_REALM_ACTIVATE_FID, s.a, NULL);
	}
}

static void act_success(struct conform_ctx *c)
{
	struct rd1 s;
	pa_t d;

	if (!rd1_build(c, &s) || conform_call(c, RMI_REALM_ACTIVATE_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_smc(c, RMI_REALM_ACTIVATE_FID, s.a, NULL) == RMI_ERROR_REALM,
		      "second ACTIVATE fails realm_state (REALM 0)");
	/* An ACTIVE realm's RIM is final: DATA_CREATE fails realm_state. */
	if (conform_rtt_to(c, &s.r, 0, 3) && conform_delegated(c, &d)) {
		conform_check(c, conform_smc(c, RMI_DATA_CREATE_FID,
					     (uint64_t[5]){ s.r.rd, d, 0, conform_ns_granule(c), 0 },
					     NULL) == RMI_ERROR_REALM,
			      "DATA_CREATE in an ACTIVE realm fails realm_state");
	}
}

static void des_realm_live(struct conform_ctx *c)
{
	struct rd1 s;

	/* A TABLE entry in the starting-level RTT makes the realm live. */
	if (rd1_build(c, &s) && conform_rtt_to(c, &s.r, 0, 1)) {
		conform_call(c, RMI_REALM_DESTROY_FID, s.a, NULL);
	}
}

static void des_success(struct conform_ctx *c)
{
	struct rd1 s;
	struct conform_realm again;

	if (!rd1_build(c, &s) || conform_call(c, RMI_REALM_DESTROY_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, s.r.rd) == CONFORM_G_DELEGATED,
		      "rd DELEGATED");
	conform_check(c, conform_obs_granule_state(c, s.r.rtt_base) == CONFORM_G_DELEGATED,
		      "starting RTT DELEGATED");
	conform_check(c, conform_smc(c, RMI_REALM_DESTROY_FID, s.a, NULL) == RMI_ERROR_INPUT,
		      "second DESTROY fails rd_state");
	/* The VMID is free again. */
	conform_realm_cfg(c, &again);
	again.vmid = s.r.vmid;
	conform_realm_create(c, &again);
}

static void aux_success(struct conform_ctx *c)
{
	struct rd1 s;
	struct smc_regs out;

	if (rd1_build(c, &s) &&
	    conform_call(c, RMI_REC_AUX_COUNT_FID, s.a, &out) == RMI_SUCCESS) {
		conform_check(c, out.x[1] <= RMI_REC_PARAMS_AUX_COUNT, "aux_count <= 16");
	}
}

static const struct conform_case cases[] = {
	{ "RMI_REALM_CREATE", "params_align", rc_params_align, NULL },
	{ "RMI_REALM_CREATE", "params_bound", rc_params_bound, NULL },
	{ "RMI_REALM_CREATE", "params_pas", rc_params_pas, NULL },
	{ "RMI_REALM_CREATE", "params_valid", rc_params_valid, NULL },
	{ "RMI_REALM_CREATE", "params_supp", rc_params_supp, NULL },
	{ "RMI_REALM_CREATE", "alias", rc_alias, NULL },
	{ "RMI_REALM_CREATE", "rd_align", rc_rd_align, NULL },
	{ "RMI_REALM_CREATE", "rd_bound", rc_rd_bound, NULL },
	{ "RMI_REALM_CREATE", "rd_state", rc_rd_state, NULL },
	{ "RMI_REALM_CREATE", "rtt_align", rc_rtt_align, NULL },
	{ "RMI_REALM_CREATE", "rtt_num_level", rc_rtt_num_level, NULL },
	{ "RMI_REALM_CREATE", "rtt_state", rc_rtt_state, NULL },
	{ "RMI_REALM_CREATE", "vmid_valid", rc_vmid_valid, NULL },
	{ "RMI_REALM_CREATE", "success", rc_success, NULL },
	{ "RMI_REALM_ACTIVATE", "rd_align", act_rd_align, NULL },
	{ "RMI_REALM_ACTIVATE", "rd_bound", act_rd_bound, NULL },
	{ "RMI_REALM_ACTIVATE", "rd_state", act_rd_state, NULL },
	{ "RMI_REALM_ACTIVATE", "realm_state", act_realm_state, NULL },
	{ "RMI_REALM_ACTIVATE", "success", act_success, NULL },
	{ "RMI_REALM_DESTROY", "rd_align", des_rd_align, NULL },
	{ "RMI_REALM_DESTROY", "rd_bound", des_rd_bound, NULL },
	{ "RMI_REALM_DESTROY", "rd_state", des_rd_state, NULL },
	{ "RMI_REALM_DESTROY", "realm_live", des_realm_live, NULL },
	{ "RMI_REALM_DESTROY", "success", des_success, NULL },
	{ "RMI_REC_AUX_COUNT", "rd_align", aux_rd_align, NULL },
	{ "RMI_REC_AUX_COUNT", "rd_bound", aux_rd_bound, NULL },
	{ "RMI_REC_AUX_COUNT", "rd_state", aux_rd_state, NULL },
	{ "RMI_REC_AUX_COUNT", "success", aux_success, NULL },
};
CONFORM_SET(conform_cases_realm, cases);
