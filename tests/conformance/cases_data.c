/* SPDX-License-Identifier: BSD-3-Clause */
/* Cases: RMI_DATA_CREATE, RMI_DATA_CREATE_UNKNOWN, RMI_DATA_DESTROY (commands.md). */
#include "conform_case.h"

/* A protected IPA used by the cases (first page of the second 2 MiB block). */
#define IPA_P 0x200000ULL

/* ---- RMI_DATA_CREATE: a = {rd, data, ipa, src, flags}; NEW realm, RTTs to level 3 ---- */

struct dc {
	struct conform_realm r;
	uint64_t a[5];
};

static bool dc_prepare(struct conform_ctx *c, struct dc *s, unsigned rtt_level)
{
	pa_t d;

	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	if (!conform_realm_new(c, &s->r) ||
	    (rtt_level > 0 && !conform_rtt_to(c, &s->r, IPA_P, rtt_level)) ||
	    !conform_delegated(c, &d)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = d;
	s->a[2] = IPA_P;
	s->a[3] = conform_ns_granule(c);
	s->a[4] = RMI_NO_MEASURE_CONTENT;
	return conform_ns_put(c, s->a[3], 0, 0x1122334455667788ULL, 8);
}

static bool dc_build(struct conform_ctx *c, struct dc *s)
{
	return dc_prepare(c, s, 3);
}

CONFORM_BAD_CASE(dc_rd_align, struct dc, dc_build, RMI_DATA_CREATE_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(dc_rd_bound, struct dc, dc_build, RMI_DATA_CREATE_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(dc_rd_state, struct dc, dc_build, RMI_DATA_CREATE_FID, 0, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(dc_data_align, struct dc, dc_build, RMI_DATA_CREATE_FID, 1, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(dc_data_bound, struct dc, dc_build, RMI_DATA_CREATE_FID, 1, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(dc_data_state, struct dc, dc_build, RMI_DATA_CREATE_FID, 1, CONFORM_BAD_NS)
CONFORM_BAD_CASE(dc_src_align, struct dc, dc_build, RMI_DATA_CREATE_FID, 3, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(dc_src_bound, struct dc, dc_build, RMI_DATA_CREATE_FID, 3, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(dc_src_pas, struct dc, dc_build, RMI_DATA_CREATE_FID, 3, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(dc_ipa_align, struct dc, dc_build, RMI_DATA_CREATE_FID, 2, CONFORM_BAD_ALIGN)

static void dc_flags(struct conform_ctx *c)
{
	struct dc s;

	if (dc_build(c, &s)) {
		s.a[4] = 2; /* RmiDataFlags has values 0 and 1 only */
		conform_call(c, RMI_DATA_CREATE_FID, s.a, NULL);
	}
}

/* Replaces data by a delegable granule above 2^48 when the platform has one. */
static void data_bound2(struct conform_ctx *c, uint64_t fid, bool with_src)
{
	struct dc s;
	pa_t hi = conform_high_granule(c);

	if (hi == 0) {
		conform_skip(c, "platform has no delegable memory at or above 2^48");
		return;
	}
	if (dc_build(c, &s) &&
	    conform_delegate_at(c, hi)) {
		s.a[1] = hi;
		if (!with_src) {
			s.a[3] = 0;
			s.a[4] = 0;
		}
		conform_call(c, fid, s.a, NULL);
	}
}

static void dc_data_bound2(struct conform_ctx *c) { data_bound2(c, RMI_DATA_CREATE_FID, true); }

static void dc_ipa_bound(struct conform_ctx *c)
{
	struct dc s;

	if (dc_build(c, &s)) {
		s.a[2] = conform_unprot(&s.r);
		conform_call(c, RMI_DATA_CREATE_FID, s.a, NULL);
	}
}

static void dc_realm_state(struct conform_ctx *c)
{
	struct dc s;

	if (dc_build(c, &s) && conform_realm_activate(c, &s.r)) {
		conform_call(c, RMI_DATA_CREATE_FID, s.a, NULL);
	}
}

static void dc_realm_state_null(struct conform_ctx *c)
{
	struct dc s;

	/* A destroyed realm: its RD granule is DELEGATED again. */
	if (dc_prepare(c, &s, 0) &&
	    conform_setup(c, RMI_REALM_DESTROY_FID, (uint64_t[5]){ s.r.rd }, NULL)) {
		conform_call(c, RMI_DATA_CREATE_FID, s.a, NULL);
	}
}

static void dc_rtt_walk(struct conform_ctx *c)
{
	struct dc s;

	/* Tables down to level 2 only: the walk to level 3 stops at 2. */
	c->walk_level = 2;
	if (dc_prepare(c, &s, 2)) {
		conform_call(c, RMI_DATA_CREATE_FID, s.a, NULL);
	}
}

static void dc_rtte_state(struct conform_ctx *c)
{
	struct dc s;

	if (dc_build(c, &s) && conform_data(c, &s.r, IPA_P, NULL)) {
		conform_call(c, RMI_DATA_CREATE_FID, s.a, NULL);
	}
}

/* ipa unprotected, and (with_l3) the unprotected level-3 entry exists (UNASSIGNED_NS). */
static void dc_pair_ipa_bound(struct conform_ctx *c, uint64_t fid, bool with_l3, bool with_src)
{
	struct dc s;

	if (!dc_prepare(c, &s, 0)) {
		return;
	}
	s.a[2] = conform_unprot(&s.r);
	if (with_l3 && !conform_rtt_to(c, &s.r, s.a[2], 3)) {
		return;
	}
	if (!with_src) {
		s.a[3] = 0;
		s.a[4] = 0;
	}
	conform_call(c, fid, s.a, NULL);
}

static void dc_pair_ipa_bound_rtt_walk(struct conform_ctx *c)
{
	dc_pair_ipa_bound(c, RMI_DATA_CREATE_FID, false, true);
}

static void dc_pair_ipa_bound_rtte_state(struct conform_ctx *c)
{
	dc_pair_ipa_bound(c, RMI_DATA_CREATE_FID, true, true);
}

static void dc_success(struct conform_ctx *c)
{
	struct dc s;
	uint64_t e[4];
	pa_t d2;

	if (!dc_build(c, &s) || conform_call(c, RMI_DATA_CREATE_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, s.a[1]) == CONFORM_G_DATA, "data is DATA");
	if (conform_read_entry(c, &s.r, IPA_P, 3, e)) {
		conform_check(c, e[0] == 3 && e[1] == RMI_ASSIGNED && e[2] == s.a[1] &&
					 e[3] == RMI_RAM,
			      "READ_ENTRY = level 3 ASSIGNED desc=data RAM");
	}
	if (conform_delegated(c, &d2)) {
		s.a[1] = d2;
		conform_check(c, conform_smc(c, RMI_DATA_CREATE_FID, s.a, NULL) ==
					 (RMI_ERROR_RTT | (3U << 8)),
			      "second DATA_CREATE at the IPA fails rtte_state (RTT 3)");
	}
}

/* ---- RMI_DATA_CREATE_UNKNOWN: a = {rd, data, ipa} (same state, no src/flags) ---- */

static bool dcu_build(struct conform_ctx *c, struct dc *s)
{
	if (!dc_build(c, s)) {
		return false;
	}
	s->a[3] = 0;
	s->a[4] = 0;
	return true;
}

static bool dcu_prepare2(struct conform_ctx *c, struct dc *s)
{
	if (!dc_prepare(c, s, 2)) {
		return false;
	}
	s->a[3] = 0;
	s->a[4] = 0;
	return true;
}

CONFORM_BAD_CASE(dcu_rd_align, struct dc, dcu_build, RMI_DATA_CREATE_UNKNOWN_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(dcu_rd_bound, struct dc, dcu_build, RMI_DATA_CREATE_UNKNOWN_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(dcu_rd_state, struct dc, dcu_build, RMI_DATA_CREATE_UNKNOWN_FID, 0,
		 CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(dcu_data_align, struct dc, dcu_build, RMI_DATA_CREATE_UNKNOWN_FID, 1, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(dcu_data_bound, struct dc, dcu_build, RMI_DATA_CREATE_UNKNOWN_FID, 1, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(dcu_data_state, struct dc, dcu_build, RMI_DATA_CREATE_UNKNOWN_FID, 1, CONFORM_BAD_NS)
CONFORM_BAD_CASE(dcu_ipa_align, struct dc, dcu_build, RMI_DATA_CREATE_UNKNOWN_FID, 2, CONFORM_BAD_ALIGN)

static void dcu_data_bound2(struct conform_ctx *c)
{
	data_bound2(c, RMI_DATA_CREATE_UNKNOWN_FID, false);
}

static void dcu_ipa_bound(struct conform_ctx *c)
{
	struct dc s;

	if (dcu_build(c, &s)) {
		s.a[2] = conform_unprot(&s.r);
		conform_call(c, RMI_DATA_CREATE_UNKNOWN_FID, s.a, NULL);
	}
}

static void dcu_rtt_walk(struct conform_ctx *c)
{
	struct dc s;

	c->walk_level = 2;
	if (dcu_prepare2(c, &s)) {
		conform_call(c, RMI_DATA_CREATE_UNKNOWN_FID, s.a, NULL);
	}
}

static void dcu_rtte_state(struct conform_ctx *c)
{
	struct dc s;

	if (dcu_build(c, &s) && conform_data(c, &s.r, IPA_P, NULL)) {
		conform_call(c, RMI_DATA_CREATE_UNKNOWN_FID, s.a, NULL);
	}
}

static void dcu_pair_ipa_bound_rtt_walk(struct conform_ctx *c)
{
	dc_pair_ipa_bound(c, RMI_DATA_CREATE_UNKNOWN_FID, false, false);
}

static void dcu_pair_ipa_bound_rtte_state(struct conform_ctx *c)
{
	dc_pair_ipa_bound(c, RMI_DATA_CREATE_UNKNOWN_FID, true, false);
}

static void dcu_success(struct conform_ctx *c)
{
	struct dc s;
	uint64_t e[4];

	/* Allowed in any realm state: done in an ACTIVE realm. */
	if (!dcu_build(c, &s) || !conform_realm_activate(c, &s.r) ||
	    conform_call(c, RMI_DATA_CREATE_UNKNOWN_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, s.a[1]) == CONFORM_G_DATA, "data is DATA");
	if (conform_read_entry(c, &s.r, IPA_P, 3, e)) {
		conform_check(c, e[0] == 3 && e[1] == RMI_ASSIGNED && e[3] == RMI_EMPTY,
			      "READ_ENTRY = level 3 ASSIGNED, RIPAS unchanged (EMPTY)");
	}
}

/* ---- RMI_DATA_DESTROY: a = {rd, ipa}; a DATA granule at IPA_P ---- */

struct dd {
	struct conform_realm r;
	pa_t data;
	uint64_t a[5];
};

static bool dd_build(struct conform_ctx *c, struct dd *s)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	if (!conform_realm_new(c, &s->r) || !conform_data(c, &s->r, IPA_P, &s->data)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = IPA_P;
	return true;
}

CONFORM_BAD_CASE(dd_rd_align, struct dd, dd_build, RMI_DATA_DESTROY_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(dd_rd_bound, struct dd, dd_build, RMI_DATA_DESTROY_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(dd_rd_state, struct dd, dd_build, RMI_DATA_DESTROY_FID, 0, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(dd_ipa_align, struct dd, dd_build, RMI_DATA_DESTROY_FID, 1, CONFORM_BAD_ALIGN)

static void dd_ipa_bound(struct conform_ctx *c)
{
	struct dd s;

	if (dd_build(c, &s)) {
		s.a[1] = conform_unprot(&s.r);
		conform_call(c, RMI_DATA_DESTROY_FID, s.a, NULL);
	}
}

static void dd_rtt_walk(struct conform_ctx *c)
{
	struct dd s;

	/* 1 GiB further: the level-1 table exists, its level-2 table does not. */
	c->walk_level = 1;
	if (dd_build(c, &s)) {
		s.a[1] = IPA_P + conform_level_size(1);
		conform_call(c, RMI_DATA_DESTROY_FID, s.a, NULL);
	}
}

static void dd_rtte_state(struct conform_ctx *c)
{
	struct dd s;

	/* The next page: its level-3 entry is UNASSIGNED. */
	if (dd_build(c, &s)) {
		s.a[1] = IPA_P + GRANULE_SIZE;
		conform_call(c, RMI_DATA_DESTROY_FID, s.a, NULL);
	}
}

static void dd_pair(struct conform_ctx *c, bool with_l3)
{
	struct dd s;

	if (!dd_build(c, &s)) {
		return;
	}
	s.a[1] = conform_unprot(&s.r);
	if (!with_l3 || conform_rtt_to(c, &s.r, s.a[1], 3)) {
		conform_call(c, RMI_DATA_DESTROY_FID, s.a, NULL);
	}
}

static void dd_pair_ipa_bound_rtt_walk(struct conform_ctx *c) { dd_pair(c, false); }
static void dd_pair_ipa_bound_rtte_state(struct conform_ctx *c) { dd_pair(c, true); }

static void dd_success(struct conform_ctx *c)
{
	struct dd s;
	struct smc_regs out;
	uint64_t e[4];

	if (!dd_build(c, &s) || conform_call(c, RMI_DATA_DESTROY_FID, s.a, &out) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == s.data, "X1 = data PA");
	conform_check(c, out.x[2] > IPA_P, "X2 = top > ipa");
	conform_check(c, conform_obs_granule_state(c, s.data) == CONFORM_G_DELEGATED,
		      "data DELEGATED");
	if (conform_read_entry(c, &s.r, IPA_P, 3, e)) {
		conform_check(c, e[1] == RMI_UNASSIGNED && e[3] == RMI_DESTROYED,
			      "READ_ENTRY = UNASSIGNED DESTROYED (was RAM)");
	}
	conform_check(c, conform_smc(c, RMI_DATA_DESTROY_FID, s.a, NULL) ==
				 (RMI_ERROR_RTT | (3U << 8)),
		      "second DATA_DESTROY fails rtte_state (RTT 3)");
}

static const struct conform_case cases[] = {
	{ "RMI_DATA_CREATE", "flags", dc_flags, NULL },
	{ "RMI_DATA_CREATE", "rd_align", dc_rd_align, NULL },
	{ "RMI_DATA_CREATE", "rd_bound", dc_rd_bound, NULL },
	{ "RMI_DATA_CREATE", "rd_state", dc_rd_state, NULL },
	{ "RMI_DATA_CREATE", "data_align", dc_data_align, NULL },
	{ "RMI_DATA_CREATE", "data_bound", dc_data_bound, NULL },
	{ "RMI_DATA_CREATE", "data_state", dc_data_state, NULL },
	{ "RMI_DATA_CREATE", "data_bound2", dc_data_bound2, NULL },
	{ "RMI_DATA_CREATE", "src_align", dc_src_align, NULL },
	{ "RMI_DATA_CREATE", "src_bound", dc_src_bound, NULL },
	{ "RMI_DATA_CREATE", "src_pas", dc_src_pas, NULL },
	{ "RMI_DATA_CREATE", "ipa_align", dc_ipa_align, NULL },
	{ "RMI_DATA_CREATE", "ipa_bound", dc_ipa_bound, NULL },
	{ "RMI_DATA_CREATE", "realm_state", dc_realm_state, NULL },
	{ "RMI_DATA_CREATE", "realm_state_null", dc_realm_state_null, NULL },
	{ "RMI_DATA_CREATE", "rtt_walk", dc_rtt_walk, NULL },
	{ "RMI_DATA_CREATE", "rtte_state", dc_rtte_state, NULL },
	{ "RMI_DATA_CREATE", "pair:ipa_bound>rtt_walk", dc_pair_ipa_bound_rtt_walk, NULL },
	{ "RMI_DATA_CREATE", "pair:ipa_bound>rtte_state", dc_pair_ipa_bound_rtte_state, NULL },
	{ "RMI_DATA_CREATE", "success", dc_success, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "rd_align", dcu_rd_align, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "rd_bound", dcu_rd_bound, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "rd_state", dcu_rd_state, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "data_align", dcu_data_align, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "data_bound", dcu_data_bound, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "data_state", dcu_data_state, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "data_bound2", dcu_data_bound2, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "ipa_align", dcu_ipa_align, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "ipa_bound", dcu_ipa_bound, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "rtt_walk", dcu_rtt_walk, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "rtte_state", dcu_rtte_state, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "pair:ipa_bound>rtt_walk", dcu_pair_ipa_bound_rtt_walk, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "pair:ipa_bound>rtte_state", dcu_pair_ipa_bound_rtte_state, NULL },
	{ "RMI_DATA_CREATE_UNKNOWN", "success", dcu_success, NULL },
	{ "RMI_DATA_DESTROY", "rd_align", dd_rd_align, NULL },
	{ "RMI_DATA_DESTROY", "rd_bound", dd_rd_bound, NULL },
	{ "RMI_DATA_DESTROY", "rd_state", dd_rd_state, NULL },
	{ "RMI_DATA_DESTROY", "ipa_align", dd_ipa_align, NULL },
	{ "RMI_DATA_DESTROY", "ipa_bound", dd_ipa_bound, NULL },
	{ "RMI_DATA_DESTROY", "rtt_walk", dd_rtt_walk, NULL },
	{ "RMI_DATA_DESTROY", "rtte_state", dd_rtte_state, NULL },
	{ "RMI_DATA_DESTROY", "pair:ipa_bound>rtt_walk", dd_pair_ipa_bound_rtt_walk, NULL },
	{ "RMI_DATA_DESTROY", "pair:ipa_bound>rtte_state", dd_pair_ipa_bound_rtte_state, NULL },
	{ "RMI_DATA_DESTROY", "success", dd_success, NULL },
};
CONFORM_SET(conform_cases_data, cases);
