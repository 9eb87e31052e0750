/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cases: RMI_RTT_MAP_UNPROTECTED, RMI_RTT_UNMAP_UNPROTECTED,
 * RMI_RTT_INIT_RIPAS, RMI_RTT_SET_RIPAS (commands.md).
 */
#include "conform_agent.h"

#define W_TOP (1ULL << 40)
#define IPA_P 0x200000ULL
/* S2AP = read/write (desc bits [7:6]), MemAttr 0: host attributes only. */
#define NS_ATTRS (3ULL << 6)

struct mp {
	struct conform_realm r;
	uint64_t u;     /* the unprotected IPA used */
	pa_t oa;        /* NS page mapped there */
	uint64_t a[5];
};

/* RTTs to @level at the first unprotected IPA; a = {rd, ipa, level 3, desc}. */
static bool mp_prepare(struct conform_ctx *c, struct mp *s, unsigned level)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	if (!conform_realm_new(c, &s->r)) {
		return false;
	}
	s->u = conform_unprot(&s->r);
	if (level > 0 && !conform_rtt_to(c, &s->r, s->u, level)) {
		return false;
	}
	s->oa = conform_ns_granule(c);
	s->a[0] = s->r.rd;
	s->a[1] = s->u;
	s->a[2] = 3;
	s->a[3] = s->oa | NS_ATTRS;
	c->level = 3;
	return true;
}

/* ---- RMI_RTT_MAP_UNPROTECTED: a = {rd, ipa, level, desc} ---- */

static bool mp_build(struct conform_ctx *c, struct mp *s)
{
	return mp_prepare(c, s, 3);
}

CONFORM_BAD_CASE(mp_rd_align, struct mp, mp_build, RMI_RTT_MAP_UNPROTECTED_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(mp_rd_bound, struct mp, mp_build, RMI_RTT_MAP_UNPROTECTED_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(mp_rd_state, struct mp, mp_build, RMI_RTT_MAP_UNPROTECTED_FID, 0,
		 CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(mp_ipa_align, struct mp, mp_build, RMI_RTT_MAP_UNPROTECTED_FID, 1, CONFORM_BAD_ALIGN)

/* Builds, then sets arguments 1..3 (ipa, level, desc) and issues @fid. */
static void mp_call(struct conform_ctx *c, unsigned rtt_level, uint64_t fid, uint64_t ipa,
		    uint64_t level, uint64_t desc_or, bool keep_desc)
{
	struct mp s;

	if (!mp_prepare(c, &s, rtt_level)) {
		return;
	}
	s.a[1] = ipa != 0 ? ipa : s.u;
	s.a[2] = level;
	s.a[3] = keep_desc ? s.a[3] | desc_or : 0;
	c->level = (unsigned)level;
	conform_call(c, fid, s.a, NULL);
}

static void mp_level_bound(struct conform_ctx *c)
{
	/* Level 0 is the start level: below the minimum block level 1. */
	mp_call(c, 3, RMI_RTT_MAP_UNPROTECTED_FID, 0, 0, 0, true);
}

static void mp_ipa_bound(struct conform_ctx *c)
{
	mp_call(c, 3, RMI_RTT_MAP_UNPROTECTED_FID, IPA_P, 3, 0, true); /* protected IPA */
}

static void mp_attr_valid(struct conform_ctx *c)
{
	mp_call(c, 3, RMI_RTT_MAP_UNPROTECTED_FID, 0, 3, 1ULL << 10, true); /* AF: RMM-owned */
}

static void mp_addr_align(struct conform_ctx *c)
{
	struct mp s;

	/* A level-2 (2 MiB) block whose OA is only 4 KiB aligned. */
	if (mp_prepare(c, &s, 2)) {
		s.a[2] = 2;
		s.a[3] = ((s.oa & ~(conform_level_size(2) - 1)) + GRANULE_SIZE) | NS_ATTRS;
		conform_call(c, RMI_RTT_MAP_UNPROTECTED_FID, s.a, NULL);
	}
}

static void mp_addr_bound(struct conform_ctx *c)
{
	mp_call(c, 3, RMI_RTT_MAP_UNPROTECTED_FID, 0, 3, 1ULL << 48, true); /* OA >= 2^48, no LPA2 */
}

static void mp_rtt_walk(struct conform_ctx *c)
{
	c->walk_level = 2;
	mp_call(c, 2, RMI_RTT_MAP_UNPROTECTED_FID, 0, 3, 0, true);
}

static void mp_rtte_state(struct conform_ctx *c)
{
	struct mp s;

	if (mp_build(c, &s) && conform_setup(c, RMI_RTT_MAP_UNPROTECTED_FID, s.a, NULL)) {
		conform_call(c, RMI_RTT_MAP_UNPROTECTED_FID, s.a, NULL);
	}
}

static void mp_success(struct conform_ctx *c)
{
	struct mp s;
	uint64_t e[4];

	if (!mp_build(c, &s) ||
	    conform_call(c, RMI_RTT_MAP_UNPROTECTED_FID, s.a, NULL) != RMI_SUCCESS) {
		return;
	}
	if (conform_read_entry(c, &s.r, s.u, 3, e)) {
		conform_check(c, e[0] == 3 && e[1] == RMI_ASSIGNED && e[2] == (s.oa | NS_ATTRS),
			      "READ_ENTRY = level 3 ASSIGNED desc = OA | attrs");
	}
	conform_check(c, conform_smc(c, RMI_RTT_MAP_UNPROTECTED_FID, s.a, NULL) ==
				 (RMI_ERROR_RTT | (3U << 8)),
		      "second MAP fails rtte_state (RTT 3)");
}

/* ---- RMI_RTT_UNMAP_UNPROTECTED: a = {rd, ipa, level}; a mapped NS page ---- */

static bool um_build(struct conform_ctx *c, struct mp *s)
{
	if (!mp_build(c, s) || !conform_setup(c, RMI_RTT_MAP_UNPROTECTED_FID, s->a, NULL)) {
		return false;
	}
	s->a[3] = 0;
	return true;
}

CONFORM_BAD_CASE(um_rd_align, struct mp, um_build, RMI_RTT_UNMAP_UNPROTECTED_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(um_rd_bound, struct mp, um_build, RMI_RTT_UNMAP_UNPROTECTED_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(um_rd_state, struct mp, um_build, RMI_RTT_UNMAP_UNPROTECTED_FID, 0,
		 CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(um_ipa_align, struct mp, um_build, RMI_RTT_UNMAP_UNPROTECTED_FID, 1, CONFORM_BAD_ALIGN)

static void um_call(struct conform_ctx *c, bool mapped, uint64_t ipa_off, uint64_t ipa_abs,
		    uint64_t level)
{
	struct mp s;

	if (mapped ? !um_build(c, &s) : !mp_prepare(c, &s, 0)) {
		return;
	}
	s.a[1] = ipa_abs != 0 ? ipa_abs : s.u + ipa_off;
	s.a[2] = level;
	s.a[3] = 0;
	c->level = (unsigned)level;
	conform_call(c, RMI_RTT_UNMAP_UNPROTECTED_FID, s.a, NULL);
}

static void um_level_bound(struct conform_ctx *c) { um_call(c, true, 0, 0, 0); }
static void um_ipa_bound(struct conform_ctx *c) { um_call(c, true, 0, IPA_P, 3); }

static void um_rtt_walk(struct conform_ctx *c)
{
	/* 1 GiB further: no level-2 RTT, the walk to level 3 stops at 1. */
	c->walk_level = 1;
	um_call(c, true, conform_level_size(1), 0, 3);
}

static void um_rtte_state(struct conform_ctx *c)
{
	um_call(c, true, GRANULE_SIZE, 0, 3); /* next page: UNASSIGNED_NS */
}

static void um_pair_level_bound_rtt_walk(struct conform_ctx *c)
{
	um_call(c, false, 0, 0, 4); /* no RTTs below the start level */
}

static void um_pair_level_bound_rtte_state(struct conform_ctx *c)
{
	um_call(c, false, 0, 0, 0); /* level-0 entry is UNASSIGNED_NS, not ASSIGNED_NS */
}

static void um_pair_ipa_bound_rtt_walk(struct conform_ctx *c)
{
	um_call(c, false, 0, IPA_P, 3); /* protected, and no RTTs there */
}

static void um_success(struct conform_ctx *c)
{
	struct mp s;
	struct smc_regs out;
	uint64_t e[4];

	if (!um_build(c, &s) ||
	    conform_call(c, RMI_RTT_UNMAP_UNPROTECTED_FID, s.a, &out) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] > s.u, "X1 = top > ipa");
	if (conform_read_entry(c, &s.r, s.u, 3, e)) {
		conform_check(c, e[0] == 3 && e[1] == RMI_UNASSIGNED && e[2] == 0,
			      "READ_ENTRY = level 3 UNASSIGNED");
	}
	conform_check(c, conform_smc(c, RMI_RTT_UNMAP_UNPROTECTED_FID, s.a, NULL) ==
				 (RMI_ERROR_RTT | (3U << 8)),
		      "second UNMAP fails rtte_state (RTT 3)");
}

/* ---- RMI_RTT_INIT_RIPAS: a = {rd, base, top}; NEW realm, RTTs to level 3 at IPA_P ---- */

struct ir {
	struct conform_realm r;
	uint64_t a[5];
};

static bool ir_prepare(struct conform_ctx *c, struct ir *s, unsigned level)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	if (!conform_realm_new(c, &s->r) ||
	    (level > 0 && !conform_rtt_to(c, &s->r, IPA_P, level))) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = IPA_P;
	s->a[2] = IPA_P + GRANULE_SIZE;
	return true;
}

static bool ir_build(struct conform_ctx *c, struct ir *s)
{
	return ir_prepare(c, s, 3);
}

CONFORM_BAD_CASE(ir_rd_align, struct ir, ir_build, RMI_RTT_INIT_RIPAS_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(ir_rd_bound, struct ir, ir_build, RMI_RTT_INIT_RIPAS_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(ir_rd_state, struct ir, ir_build, RMI_RTT_INIT_RIPAS_FID, 0, CONFORM_BAD_DELEGATED)

static void ir_call(struct conform_ctx *c, unsigned level, uint64_t base, uint64_t top)
{
	struct ir s;

	if (ir_prepare(c, &s, level)) {
		s.a[1] = base;
		s.a[2] = top;
		conform_call(c, RMI_RTT_INIT_RIPAS_FID, s.a, NULL);
	}
}

static void ir_size_valid(struct conform_ctx *c) { ir_call(c, 3, IPA_P, IPA_P); }

static void ir_base_gran_align(struct conform_ctx *c)
{
	ir_call(c, 3, IPA_P + 0x800, IPA_P + 2 * GRANULE_SIZE);
}

static void ir_top_bound(struct conform_ctx *c)
{
	ir_call(c, 3, IPA_P, (1ULL << 39) + GRANULE_SIZE); /* crosses into unprotected */
}

static void ir_realm_state(struct conform_ctx *c)
{
	struct ir s;

	if (ir_build(c, &s) && conform_realm_activate(c, &s.r)) {
		conform_call(c, RMI_RTT_INIT_RIPAS_FID, s.a, NULL);
	}
}

static void ir_realm_state_null(struct conform_ctx *c)
{
	struct ir s;

	if (ir_prepare(c, &s, 0) &&
	    conform_setup(c, RMI_REALM_DESTROY_FID, (uint64_t[5]){ s.r.rd }, NULL)) {
		conform_call(c, RMI_RTT_INIT_RIPAS_FID, s.a, NULL);
	}
}

static void ir_base_align(struct conform_ctx *c)
{
	/* Walk stops at level 2 (2 MiB entry); base is only 4 KiB aligned. */
	c->walk_level = 2;
	ir_call(c, 2, IPA_P + GRANULE_SIZE, IPA_P + 2 * GRANULE_SIZE);
}

static void ir_rtte_state(struct conform_ctx *c)
{
	struct ir s;

	c->walk_level = 3;
	if (ir_build(c, &s) && conform_data(c, &s.r, IPA_P, NULL)) {
		conform_call(c, RMI_RTT_INIT_RIPAS_FID, s.a, NULL);
	}
}

static void ir_top_gran_align(struct conform_ctx *c)
{
	ir_call(c, 3, IPA_P, IPA_P + GRANULE_SIZE + 0x800);
}

static void ir_no_progress(struct conform_ctx *c)
{
	/* The 2 MiB level-2 entry at base extends beyond top. */
	c->walk_level = 2;
	ir_call(c, 2, IPA_P, IPA_P + GRANULE_SIZE);
}

static void ir_pair_top_gran_align_no_progress(struct conform_ctx *c)
{
	ir_call(c, 2, IPA_P, IPA_P + 0x800);
}

static void ir_success(struct conform_ctx *c)
{
	struct ir s;
	struct smc_regs out;
	uint64_t e[4];

	if (!ir_build(c, &s) || conform_call(c, RMI_RTT_INIT_RIPAS_FID, s.a, &out) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == IPA_P + GRANULE_SIZE, "X1 = out_top = top");
	if (conform_read_entry(c, &s.r, IPA_P, 3, e)) {
		conform_check(c, e[0] == 3 && e[1] == RMI_UNASSIGNED && e[3] == RMI_RAM,
			      "READ_ENTRY = level 3 UNASSIGNED RAM");
	}
	if (conform_read_entry(c, &s.r, IPA_P + GRANULE_SIZE, 3, e)) {
		conform_check(c, e[3] == RMI_EMPTY, "the next page stays EMPTY");
	}
}

/* ---- RMI_RTT_SET_RIPAS: a = {rd, rec, base, top}; ACTIVE realm with a REC ---- */

struct sr {
	struct conform_realm r;
	struct conform_rec e;
	uint64_t a[5];
};

static bool sr_build(struct conform_ctx *c, struct sr *s)
{
	for (unsigned i = 0; i < 5; i++) {
		s->a[i] = 0;
	}
	s->e = (struct conform_rec){ .flags = RMI_RUNNABLE };
	if (!conform_realm_new(c, &s->r) || !conform_rec_create(c, &s->r, &s->e) ||
	    !conform_rtt_to(c, &s->r, IPA_P, 3) || !conform_realm_activate(c, &s->r)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = s->e.rec;
	s->a[2] = IPA_P;
	s->a[3] = IPA_P + GRANULE_SIZE;
	return true;
}

CONFORM_BAD_CASE(sr_rd_align, struct sr, sr_build, RMI_RTT_SET_RIPAS_FID, 0, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(sr_rd_bound, struct sr, sr_build, RMI_RTT_SET_RIPAS_FID, 0, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(sr_rd_state, struct sr, sr_build, RMI_RTT_SET_RIPAS_FID, 0, CONFORM_BAD_DELEGATED)
CONFORM_BAD_CASE(sr_rec_align, struct sr, sr_build, RMI_RTT_SET_RIPAS_FID, 1, CONFORM_BAD_ALIGN)
CONFORM_BAD_CASE(sr_rec_bound, struct sr, sr_build, RMI_RTT_SET_RIPAS_FID, 1, CONFORM_BAD_BOUND)
CONFORM_BAD_CASE(sr_rec_gran_state, struct sr, sr_build, RMI_RTT_SET_RIPAS_FID, 1,
		 CONFORM_BAD_DELEGATED)

static void sr_rec_owner(struct conform_ctx *c)
{
	struct sr s;
	struct conform_realm other;
	struct conform_rec e2 = { .flags = RMI_RUNNABLE };

	/* A REC of another realm. */
	if (sr_build(c, &s) && conform_realm_new(c, &other) && conform_rec_create(c, &other, &e2)) {
		s.a[1] = e2.rec;
		conform_call(c, RMI_RTT_SET_RIPAS_FID, s.a, NULL);
	}
}

static void sr_size_valid(struct conform_ctx *c)
{
	struct sr s;

	if (sr_build(c, &s)) {
		s.a[3] = s.a[2];
		conform_call(c, RMI_RTT_SET_RIPAS_FID, s.a, NULL);
	}
}

/*
 * With a pending request: an agent realm whose REC 0 issued
 * RSI_IPA_STATE_SET(@rbase, @rtop, @ripas) and exited with
 * RMI_EXIT_RIPAS_CHANGE. In the agent realm (s2sz 32) [RH_LOAD_IPA,
 * +RH_RAM_SIZE) has level-3 RTTs; SR_BLOCK lies in a level-2 entry
 * (no level-3 RTT), RIPAS EMPTY.
 */
#define SR_RAM CONFORM_AGENT_RAM
#define SR_BLOCK (RH_LOAD_IPA + RH_RAM_SIZE)

static struct agent *sr_pending(struct conform_ctx *c, uint64_t rbase, uint64_t rtop,
				uint64_t ripas)
{
	struct agent *a = conform_agent_new(c, 1);

	if (a != NULL &&
	    !conform_agent_exit(c, a,
				(uint64_t[11]){ RSI_IPA_STATE_SET_FID, rbase, rtop, ripas,
						RSI_NO_CHANGE_DESTROYED },
				RMI_EXIT_RIPAS_CHANGE)) {
		conform_agent_free(a);
		return NULL;
	}
	return a;
}

/* Level at which the walk to level 3 at @ipa stops (RTT_READ_ENTRY X1). */
static bool sr_walk_level(struct conform_ctx *c, struct agent *a, uint64_t ipa)
{
	struct smc_regs out;

	if (!conform_setup(c, RMI_RTT_READ_ENTRY_FID, (uint64_t[5]){ a->rh.rd, ipa, 3 }, &out)) {
		return false;
	}
	c->walk_level = (unsigned)out.x[1];
	return true;
}

/* Pending request [rbase, rtop); the host calls RMI_RTT_SET_RIPAS(base, top). */
static void sr_exec(struct conform_ctx *c, uint64_t rbase, uint64_t rtop, uint64_t ripas,
		    uint64_t base, uint64_t top)
{
	struct agent *a = sr_pending(c, rbase, rtop, ripas);

	if (a != NULL && sr_walk_level(c, a, base & ~(uint64_t)GRANULE_MASK)) {
		conform_call(c, RMI_RTT_SET_RIPAS_FID,
			     (uint64_t[5]){ a->rh.rd, a->rh.recs[0].pa, base, top }, NULL);
	}
	conform_agent_free(a);
}

static void sr_base_bound(struct conform_ctx *c)
{
	/* base is not Rec.ripas_addr (the request starts one page lower) */
	sr_exec(c, SR_RAM, SR_RAM + 0x2000, RSI_EMPTY, SR_RAM + 0x1000, SR_RAM + 0x2000);
}

static void sr_top_bound(struct conform_ctx *c)
{
	/* top beyond Rec.ripas_top */
	sr_exec(c, SR_RAM, SR_RAM + 0x2000, RSI_EMPTY, SR_RAM, SR_RAM + 0x3000);
}

static void sr_base_align(struct conform_ctx *c)
{
	/* The walk stops at the level-2 entry; base is only 4 KiB aligned. */
	sr_exec(c, SR_BLOCK + 0x1000, SR_BLOCK + 0x2000, RSI_RAM, SR_BLOCK + 0x1000,
		SR_BLOCK + 0x2000);
}

static void sr_top_gran_align(struct conform_ctx *c)
{
	sr_exec(c, SR_RAM, SR_RAM + 0x2000, RSI_EMPTY, SR_RAM, SR_RAM + 0x1800);
}

static void sr_no_progress(struct conform_ctx *c)
{
	/* The first entry (2 MiB, level 2) crosses top. */
	sr_exec(c, SR_BLOCK, SR_BLOCK + 0x1000, RSI_RAM, SR_BLOCK, SR_BLOCK + 0x1000);
}

static void sr_pair_base_bound_base_align(struct conform_ctx *c)
{
	sr_exec(c, SR_BLOCK, SR_BLOCK + 0x2000, RSI_RAM, SR_BLOCK + 0x1000, SR_BLOCK + 0x2000);
}

static void sr_pair_top_gran_align_no_progress(struct conform_ctx *c)
{
	sr_exec(c, SR_BLOCK, SR_BLOCK + 0x2000, RSI_RAM, SR_BLOCK, SR_BLOCK + 0x800);
}

static void sr_success(struct conform_ctx *c)
{
	struct agent *a = sr_pending(c, SR_RAM, SR_RAM + 0x2000, RSI_EMPTY);
	uint64_t args[5] = { 0 }, out[8];
	struct smc_regs r;

	if (a == NULL) {
		return;
	}
	args[0] = a->rh.rd;
	args[1] = a->rh.recs[0].pa;
	args[2] = SR_RAM;
	args[3] = SR_RAM + 0x2000;
	if (conform_call(c, RMI_RTT_SET_RIPAS_FID, args, &r) != RMI_SUCCESS) {
		goto out;
	}
	conform_check(c, r.x[1] == SR_RAM + 0x2000, "X1 = out_top = top");
	if (conform_setup(c, RMI_RTT_READ_ENTRY_FID, (uint64_t[5]){ a->rh.rd, SR_RAM + 0x1000, 3 },
			  &r)) {
		conform_check(c, r.x[1] == 3 && r.x[4] == RMI_EMPTY,
			      "READ_ENTRY = level 3, RIPAS EMPTY");
	}
	/* Rec.ripas_addr moved to top: the same call again is base_bound. */
	conform_check(c, conform_smc(c, RMI_RTT_SET_RIPAS_FID, args, NULL) == RMI_ERROR_INPUT,
		      "second SET_RIPAS from the old base fails base_bound");
	if (conform_agent_resume(c, a, 0, NULL, 0, out)) {
		conform_check(c, out[0] == RSI_SUCCESS && out[1] == SR_RAM + 0x2000 &&
					 out[2] == RSI_ACCEPT,
			      "the realm gets RSI_SUCCESS, X1 = top, X2 = ACCEPT");
	}
out:
	conform_agent_free(a);
}

static const struct conform_case cases[] = {
	{ "RMI_RTT_MAP_UNPROTECTED", "rd_align", mp_rd_align, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "rd_bound", mp_rd_bound, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "rd_state", mp_rd_state, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "level_bound", mp_level_bound, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "ipa_align", mp_ipa_align, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "ipa_bound", mp_ipa_bound, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "attr_valid", mp_attr_valid, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "addr_align", mp_addr_align, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "addr_bound", mp_addr_bound, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "rtt_walk", mp_rtt_walk, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "rtte_state", mp_rtte_state, NULL },
	{ "RMI_RTT_MAP_UNPROTECTED", "success", mp_success, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "rd_align", um_rd_align, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "rd_bound", um_rd_bound, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "rd_state", um_rd_state, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "level_bound", um_level_bound, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "ipa_align", um_ipa_align, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "ipa_bound", um_ipa_bound, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "rtt_walk", um_rtt_walk, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "rtte_state", um_rtte_state, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "pair:level_bound>rtt_walk", um_pair_level_bound_rtt_walk, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "pair:level_bound>rtte_state", um_pair_level_bound_rtte_state, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "pair:ipa_bound>rtt_walk", um_pair_ipa_bound_rtt_walk, NULL },
	{ "RMI_RTT_UNMAP_UNPROTECTED", "success", um_success, NULL },
	{ "RMI_RTT_INIT_RIPAS", "rd_align", ir_rd_align, NULL },
	{ "RMI_RTT_INIT_RIPAS", "rd_bound", ir_rd_bound, NULL },
	{ "RMI_RTT_INIT_RIPAS", "rd_state", ir_rd_state, NULL },
	{ "RMI_RTT_INIT_RIPAS", "size_valid", ir_size_valid, NULL },
	{ "RMI_RTT_INIT_RIPAS", "base_gran_align", ir_base_gran_align, NULL },
	{ "RMI_RTT_INIT_RIPAS", "top_bound", ir_top_bound, NULL },
	{ "RMI_RTT_INIT_RIPAS", "realm_state", ir_realm_state, NULL },
	{ "RMI_RTT_INIT_RIPAS", "realm_state_null", ir_realm_state_null, NULL },
	{ "RMI_RTT_INIT_RIPAS", "base_align", ir_base_align, NULL },
	{ "RMI_RTT_INIT_RIPAS", "rtte_state", ir_rtte_state, NULL },
	{ "RMI_RTT_INIT_RIPAS", "top_gran_align", ir_top_gran_align, NULL },
	{ "RMI_RTT_INIT_RIPAS", "no_progress", ir_no_progress, NULL },
	{ "RMI_RTT_INIT_RIPAS", "pair:top_gran_align>no_progress", ir_pair_top_gran_align_no_progress,
	  NULL },
	{ "RMI_RTT_INIT_RIPAS", "success", ir_success, NULL },
	{ "RMI_RTT_SET_RIPAS", "rd_align", sr_rd_align, NULL },
	{ "RMI_RTT_SET_RIPAS", "rd_bound", sr_rd_bound, NULL },
	{ "RMI_RTT_SET_RIPAS", "rd_state", sr_rd_state, NULL },
	{ "RMI_RTT_SET_RIPAS", "rec_align", sr_rec_align, NULL },
	{ "RMI_RTT_SET_RIPAS", "rec_bound", sr_rec_bound, NULL },
	{ "RMI_RTT_SET_RIPAS", "rec_gran_state", sr_rec_gran_state, NULL },
	{ "RMI_RTT_SET_RIPAS", "rec_state", NULL, CONFORM_SKIP_RUNNING },
	{ "RMI_RTT_SET_RIPAS", "rec_owner", sr_rec_owner, NULL },
	{ "RMI_RTT_SET_RIPAS", "size_valid", sr_size_valid, NULL },
	{ "RMI_RTT_SET_RIPAS", "base_bound", sr_base_bound, NULL },
	{ "RMI_RTT_SET_RIPAS", "top_bound", sr_top_bound, NULL },
	{ "RMI_RTT_SET_RIPAS", "base_align", sr_base_align, NULL },
	{ "RMI_RTT_SET_RIPAS", "top_gran_align", sr_top_gran_align, NULL },
	{ "RMI_RTT_SET_RIPAS", "no_progress", sr_no_progress, NULL },
	{ "RMI_RTT_SET_RIPAS", "pair:base_bound>base_align", sr_pair_base_bound_base_align, NULL },
	{ "RMI_RTT_SET_RIPAS", "pair:top_gran_align>no_progress", sr_pair_top_gran_align_no_progress,
	  NULL },
	{ "RMI_RTT_SET_RIPAS", "success", sr_success, NULL },
};
CONFORM_SET(conform_cases_ripas, cases);
