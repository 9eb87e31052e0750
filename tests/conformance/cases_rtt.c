/* SPDX-License-Identifier: BSD-3-Clause */
/* Cases: RMI_RTT_CREATE, RMI_RTT_DESTROY, RMI_RTT_FOLD, RMI_RTT_READ_ENTRY (commands.md). */
#include "conform_case.h"

/* Realms here have s2sz 40 and start level 0: levels 1..3 can be created. */
#define W_TOP (1ULL << 40)

struct rt {
	struct conform_realm r;
	pa_t rtt;
	uint64_t a[5];
};

static void rt_clear(struct rt *s)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	s->rtt = 0;
}

/* ---- RMI_RTT_CREATE: a = {rd, rtt, ipa, level}; creates the level-1 RTT at 0 ---- */

static bool rc_build(struct conform_ctx *c, struct rt *s)
{
	rt_clear(s);
	if (!conform_realm_new(c, &s->r) || !conform_delegated(c, &s->rtt)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = s->rtt;
	s->a[2] = 0;
	s->a[3] = 1;
	return true;
}

CONFORM_BAD_CASE(rc_rd_align, struct rt, rc_build, RMI_RTT_CREATE_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(rc_rd_bound, struct rt, rc_build, RMI_RTT_CREATE_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(rc_rd_state, struct rt, rc_build, RMI_RTT_CREATE_FID, 0, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(rc_rtt_align, struct rt, rc_build, RMI_RTT_CREATE_FID, 1, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(rc_rtt_bound, struct rt, rc_build, RMI_RTT_CREATE_FID, 1, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(rc_rtt_state, struct rt, rc_build, RMI_RTT_CREATE_FID, 1, CONFORM_BAD_NS)

/* Builds @build's call, sets ipa/level and issues @fid. */
static void rt_call(struct conform_ctx *c, bool (*build)(struct conform_ctx *, struct rt *),
		    uint64_t fid, unsigned ipa_idx, uint64_t ipa, uint64_t level)
{
	struct rt s;

	if (build(c, &s)) {
		s.a[ipa_idx] = ipa;
		s.a[ipa_idx + 1] = level;
		c->level = (unsigned)level;
		conform_call(c, fid, s.a, NULL);
	}
}

static void rc_level_bound(struct conform_ctx *c)
{
	rt_call(c, rc_build, RMI_RTT_CREATE_FID, 2, 0, 0); /* level < sl + 1 */
}

static void rc_ipa_align(struct conform_ctx *c)
{
	rt_call(c, rc_build, RMI_RTT_CREATE_FID, 2, GRANULE_SIZE, 1); /* not 512 GiB aligned */
}

static void rc_ipa_bound(struct conform_ctx *c)
{
	rt_call(c, rc_build, RMI_RTT_CREATE_FID, 2, W_TOP, 1);
}

static void rc_rtt_bound2(struct conform_ctx *c)
{
	struct rt s;
	pa_t hi = conform_high_granule(c);

	if (hi == 0) {
		conform_skip(c, "platform has no delegable memory at or above 2^48");
		return;
	}
	if (rc_build(c, &s) && conform_delegate_at(c, hi)) {
		s.a[1] = hi;
		conform_call(c, RMI_RTT_CREATE_FID, s.a, NULL);
	}
}

static void rc_rtt_walk(struct conform_ctx *c)
{
	struct rt s;

	/* Level-1 RTT only: creating a level-3 RTT walks to level 2 and stops at 1. */
	c->walk_level = 1;
	c->level = 3;
	if (rc_build(c, &s) && conform_rtt_to(c, &s.r, 0, 1)) {
		s.a[3] = 3;
		conform_call(c, RMI_RTT_CREATE_FID, s.a, NULL);
	}
}

static void rc_rtte_state(struct conform_ctx *c)
{
	struct rt s;

	/* The level-2 RTT exists: the level-1 entry is already TABLE. */
	c->level = 2;
	if (rc_build(c, &s) && conform_rtt_to(c, &s.r, 0, 2)) {
		s.a[3] = 2;
		conform_call(c, RMI_RTT_CREATE_FID, s.a, NULL);
	}
}

static void rc_success(struct conform_ctx *c)
{
	struct rt s;
	uint64_t e[4];

	if (!rc_build(c, &s) || conform_call(c, RMI_RTT_CREATE_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, s.rtt) == CONFORM_G_RTT, "rtt is RTT");
	if (conform_read_entry(c, &s.r, 0, 0, e)) {
		conform_check(c, e[0] == 0 && e[1] == RMI_TABLE && e[2] == s.rtt,
			      "READ_ENTRY(0, 0) = TABLE -> rtt");
	}
	if (conform_read_entry(c, &s.r, 0, 1, e)) {
		conform_check(c, e[0] == 1 && e[1] == RMI_UNASSIGNED && e[3] == RMI_EMPTY,
			      "READ_ENTRY(0, 1) = level 1 UNASSIGNED EMPTY (from the parent)");
	}
	conform_check(c, conform_smc(c, RMI_RTT_CREATE_FID,
				     (uint64_t[5]){ s.r.rd, conform_ns_granule(c), 0, 1 }, NULL) ==
				 RMI_ERROR_INPUT,
		      "RTT_CREATE with an undelegated rtt fails");
}

/* ---- RMI_RTT_DESTROY: a = {rd, ipa, level}; destroys the level-2 RTT at 0 ---- */

static bool rd_build(struct conform_ctx *c, struct rt *s)
{
	rt_clear(s);
	if (!conform_realm_new(c, &s->r) || !conform_rtt_to(c, &s->r, 0, 2)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = 0;
	s->a[2] = 2;
	c->level = 2;
	return true;
}

CONFORM_BAD_CASE(rd_rd_align, struct rt, rd_build, RMI_RTT_DESTROY_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(rd_rd_bound, struct rt, rd_build, RMI_RTT_DESTROY_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(rd_rd_state, struct rt, rd_build, RMI_RTT_DESTROY_FID, 0, CONFORM_BAD_DELEGATED)

static void rd_level_bound(struct conform_ctx *c)
{
	rt_call(c, rd_build, RMI_RTT_DESTROY_FID, 1, 0, 0);
}

static void rd_ipa_align(struct conform_ctx *c)
{
	rt_call(c, rd_build, RMI_RTT_DESTROY_FID, 1, GRANULE_SIZE, 2); /* not 1 GiB aligned */
}

static void rd_ipa_bound(struct conform_ctx *c)
{
	rt_call(c, rd_build, RMI_RTT_DESTROY_FID, 1, W_TOP, 1);
}

static void rd_rtt_walk(struct conform_ctx *c)
{
	/* 1 GiB further: no level-2 RTT there, the walk to level 2 stops at 1. */
	c->walk_level = 1;
	rt_call(c, rd_build, RMI_RTT_DESTROY_FID, 1, conform_level_size(1), 3);
}

static void rd_rtte_state(struct conform_ctx *c)
{
	/* No level-3 RTT under the level-2 one: its entry is not TABLE. */
	rt_call(c, rd_build, RMI_RTT_DESTROY_FID, 1, 0, 3);
}

static void rd_rtt_live(struct conform_ctx *c)
{
	/* The level-1 RTT holds the level-2 TABLE entry: it is live. */
	rt_call(c, rd_build, RMI_RTT_DESTROY_FID, 1, 0, 1);
}

static void rd_success(struct conform_ctx *c)
{
	struct rt s;
	struct smc_regs out;
	uint64_t e[4];
	pa_t rtt;

	if (!rd_build(c, &s) || conform_read_entry(c, &s.r, 0, 1, e) == false) {
		return;
	}
	rtt = e[2];
	if (conform_call(c, RMI_RTT_DESTROY_FID, s.a, &out) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == rtt, "X1 = the RTT's PA");
	/* states.md §6: nothing live left in the level-1 RTT, top = its end. */
	conform_check(c, out.x[2] == 1ULL << 39, "X2 = top = 512 GiB (end of the level-1 RTT)");
	conform_check(c, conform_obs_granule_state(c, rtt) == CONFORM_G_DELEGATED,
		      "RTT DELEGATED");
	if (conform_read_entry(c, &s.r, 0, 2, e)) {
		conform_check(c, e[0] == 1 && e[1] == RMI_UNASSIGNED && e[3] == RMI_DESTROYED,
			      "READ_ENTRY = level 1 UNASSIGNED DESTROYED");
	}
	conform_check(c, conform_smc(c, RMI_RTT_DESTROY_FID, s.a, NULL) ==
				 (RMI_ERROR_RTT | (1U << 8)),
		      "second RTT_DESTROY fails rtte_state (RTT 1)");
	/*
	 * The level-1 RTT itself: top = the end of the starting RTT's range,
	 * 2^48, which lies beyond the realm's 2^40 IPA space (not clamped).
	 */
	s.a[2] = 1;
	if (conform_call(c, RMI_RTT_DESTROY_FID, s.a, &out) == RMI_SUCCESS) {
		conform_check(c, out.x[2] == 1ULL << 48,
			      "level-1 RTT_DESTROY: X2 = top = 2^48 (end of the starting RTT)");
	}
}

/* ---- RMI_RTT_FOLD: a = {rd, ipa, level}; folds a homogeneous level-3 RTT at 0 ---- */

static bool fd_build(struct conform_ctx *c, struct rt *s)
{
	rt_clear(s);
	if (!conform_realm_new(c, &s->r) || !conform_rtt_to(c, &s->r, 0, 3)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = 0;
	s->a[2] = 3;
	c->level = 3;
	return true;
}

static bool fd_build1(struct conform_ctx *c, struct rt *s)
{
	rt_clear(s);
	if (!conform_realm_new(c, &s->r) || !conform_rtt_to(c, &s->r, 0, 1)) {
		return false;
	}
	s->a[0] = s->r.rd;
	return true;
}

static bool fd_build2(struct conform_ctx *c, struct rt *s)
{
	rt_clear(s);
	if (!conform_realm_new(c, &s->r) || !conform_rtt_to(c, &s->r, 0, 2)) {
		return false;
	}
	s->a[0] = s->r.rd;
	return true;
}

CONFORM_BAD_CASE(fd_rd_align, struct rt, fd_build, RMI_RTT_FOLD_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(fd_rd_bound, struct rt, fd_build, RMI_RTT_FOLD_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(fd_rd_state, struct rt, fd_build, RMI_RTT_FOLD_FID, 0, CONFORM_BAD_DELEGATED)

static void fd_level_bound(struct conform_ctx *c)
{
	rt_call(c, fd_build, RMI_RTT_FOLD_FID, 1, 0, 0);
}

static void fd_ipa_align(struct conform_ctx *c)
{
	rt_call(c, fd_build, RMI_RTT_FOLD_FID, 1, GRANULE_SIZE, 3); /* not 2 MiB aligned */
}

static void fd_ipa_bound(struct conform_ctx *c)
{
	rt_call(c, fd_build, RMI_RTT_FOLD_FID, 1, W_TOP, 1);
}

static void fd_rtt_walk(struct conform_ctx *c)
{
	c->walk_level = 1;
	rt_call(c, fd_build1, RMI_RTT_FOLD_FID, 1, 0, 3);
}

static void fd_rtte_state(struct conform_ctx *c)
{
	rt_call(c, fd_build2, RMI_RTT_FOLD_FID, 1, 0, 3);
}

static void fd_rtte_homo(struct conform_ctx *c)
{
	struct rt s;

	/* One ASSIGNED page among UNASSIGNED ones. */
	if (fd_build(c, &s) && conform_data(c, &s.r, 0, NULL)) {
		conform_call(c, RMI_RTT_FOLD_FID, s.a, NULL);
	}
}

static void fd_pair_level_bound_rtt_walk(struct conform_ctx *c)
{
	/* Level 4 does not exist, and no level-2/3 RTTs exist either. */
	rt_call(c, fd_build1, RMI_RTT_FOLD_FID, 1, 0, 4);
}

static void fd_pair_level_bound_rtte_state(struct conform_ctx *c)
{
	/* Level 4: the level-3 entry (UNASSIGNED) is not TABLE either. */
	rt_call(c, fd_build, RMI_RTT_FOLD_FID, 1, 0, 4);
}

static void fd_success(struct conform_ctx *c)
{
	struct rt s;
	struct smc_regs out;
	uint64_t e[4];
	pa_t rtt;

	if (!fd_build(c, &s) || !conform_read_entry(c, &s.r, 0, 2, e)) {
		return;
	}
	rtt = e[2];
	if (conform_call(c, RMI_RTT_FOLD_FID, s.a, &out) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == rtt, "X1 = the folded RTT's PA");
	conform_check(c, conform_obs_granule_state(c, rtt) == CONFORM_G_DELEGATED,
		      "RTT DELEGATED");
	if (conform_read_entry(c, &s.r, 0, 3, e)) {
		conform_check(c, e[0] == 2 && e[1] == RMI_UNASSIGNED && e[3] == RMI_EMPTY,
			      "READ_ENTRY(0, 3) = level 2 UNASSIGNED EMPTY");
	}
}

/* ---- RMI_RTT_READ_ENTRY: a = {rd, ipa, level} ---- */

static bool re_build(struct conform_ctx *c, struct rt *s)
{
	rt_clear(s);
	if (!conform_realm_new(c, &s->r)) {
		return false;
	}
	s->a[0] = s->r.rd;
	return true;
}

CONFORM_BAD_CASE(re_rd_align, struct rt, re_build, RMI_RTT_READ_ENTRY_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(re_rd_bound, struct rt, re_build, RMI_RTT_READ_ENTRY_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(re_rd_state, struct rt, re_build, RMI_RTT_READ_ENTRY_FID, 0, CONFORM_BAD_DELEGATED)

static void re_level_bound(struct conform_ctx *c)
{
	struct rt s;
	struct smc_regs out;

	if (!re_build(c, &s)) {
		return;
	}
	s.a[2] = 4;
	conform_call(c, RMI_RTT_READ_ENTRY_FID, s.a, &out);
	/* choice READ_ENTRY_ZERO_OUTPUTS: X1..X4 read 0 after a failure. */
	conform_check(c, out.x[1] == 0 && out.x[2] == 0 && out.x[3] == 0 && out.x[4] == 0,
		      "X1..X4 = 0 after a failed READ_ENTRY");
}

static void re_ipa_align(struct conform_ctx *c)
{
	rt_call(c, re_build, RMI_RTT_READ_ENTRY_FID, 1, 0x800, 3);
}

static void re_ipa_bound(struct conform_ctx *c)
{
	rt_call(c, re_build, RMI_RTT_READ_ENTRY_FID, 1, W_TOP, 0);
}

static void re_success(struct conform_ctx *c)
{
	struct rt s;
	struct smc_regs out;

	/* Nothing below the start level: the walk stops at level 0. */
	if (!re_build(c, &s)) {
		return;
	}
	s.a[1] = 0x200000;
	s.a[2] = 3;
	if (conform_call(c, RMI_RTT_READ_ENTRY_FID, s.a, &out) == RMI_SUCCESS) {
		conform_check(c, out.x[1] == 0 && out.x[2] == RMI_UNASSIGNED && out.x[3] == 0 &&
					 out.x[4] == RMI_EMPTY,
			      "walk_level 0, UNASSIGNED, desc 0, EMPTY");
	}
}

static const struct conform_case cases[] = {
	{ "RMI_RTT_CREATE", "rd_align", rc_rd_align, NULL },
	{ "RMI_RTT_CREATE", "rd_bound", rc_rd_bound, NULL },
	{ "RMI_RTT_CREATE", "rd_state", rc_rd_state, NULL },
	{ "RMI_RTT_CREATE", "level_bound", rc_level_bound, NULL },
	{ "RMI_RTT_CREATE", "ipa_align", rc_ipa_align, NULL },
	{ "RMI_RTT_CREATE", "ipa_bound", rc_ipa_bound, NULL },
	{ "RMI_RTT_CREATE", "rtt_align", rc_rtt_align, NULL },
	{ "RMI_RTT_CREATE", "rtt_bound", rc_rtt_bound, NULL },
	{ "RMI_RTT_CREATE", "rtt_state", rc_rtt_state, NULL },
	{ "RMI_RTT_CREATE", "rtt_bound2", rc_rtt_bound2, NULL },
	{ "RMI_RTT_CREATE", "rtt_walk", rc_rtt_walk, NULL },
	{ "RMI_RTT_CREATE", "rtte_state", rc_rtte_state, NULL },
	{ "RMI_RTT_CREATE", "success", rc_success, NULL },
	{ "RMI_RTT_DESTROY", "rd_align", rd_rd_align, NULL },
	{ "RMI_RTT_DESTROY", "rd_bound", rd_rd_bound, NULL },
	{ "RMI_RTT_DESTROY", "rd_state", rd_rd_state, NULL },
	{ "RMI_RTT_DESTROY", "level_bound", rd_level_bound, NULL },
	{ "RMI_RTT_DESTROY", "ipa_align", rd_ipa_align, NULL },
	{ "RMI_RTT_DESTROY", "ipa_bound", rd_ipa_bound, NULL },
	{ "RMI_RTT_DESTROY", "rtt_walk", rd_rtt_walk, NULL },
	{ "RMI_RTT_DESTROY", "rtte_state", rd_rtte_state, NULL },
	{ "RMI_RTT_DESTROY", "rtt_live", rd_rtt_live, NULL },
	{ "RMI_RTT_DESTROY", "success", rd_success, NULL },
	{ "RMI_RTT_FOLD", "rd_align", fd_rd_align, NULL },
	{ "RMI_RTT_FOLD", "rd_bound", fd_rd_bound, NULL },
	{ "RMI_RTT_FOLD", "rd_state", fd_rd_state, NULL },
	{ "RMI_RTT_FOLD", "level_bound", fd_level_bound, NULL },
	{ "RMI_RTT_FOLD", "ipa_align", fd_ipa_align, NULL },
	{ "RMI_RTT_FOLD", "ipa_bound", fd_ipa_bound, NULL },
	{ "RMI_RTT_FOLD", "rtt_walk", fd_rtt_walk, NULL },
	{ "RMI_RTT_FOLD", "rtte_state", fd_rtte_state, NULL },
	{ "RMI_RTT_FOLD", "rtte_homo", fd_rtte_homo, NULL },
	{ "RMI_RTT_FOLD", "pair:level_bound>rtt_walk", fd_pair_level_bound_rtt_walk, NULL },
	{ "RMI_RTT_FOLD", "pair:level_bound>rtte_state", fd_pair_level_bound_rtte_state, NULL },
	{ "RMI_RTT_FOLD", "success", fd_success, NULL },
	{ "RMI_RTT_READ_ENTRY", "rd_align", re_rd_align, NULL },
	{ "RMI_RTT_READ_ENTRY", "rd_bound", re_rd_bound, NULL },
	{ "RMI_RTT_READ_ENTRY", "rd_state", re_rd_state, NULL },
	{ "RMI_RTT_READ_ENTRY", "level_bound", re_level_bound, NULL },
	{ "RMI_RTT_READ_ENTRY", "ipa_align", re_ipa_align, NULL },
	{ "RMI_RTT_READ_ENTRY", "ipa_bound", re_ipa_bound, NULL },
	{ "RMI_RTT_READ_ENTRY", "success", re_success, NULL },
};
CONFORM_SET(conform_cases_rtt, cases);
