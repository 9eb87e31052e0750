/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_RTT_CREATE, _DESTROY, _FOLD, _READ_ENTRY, _MAP_UNPROTECTED,
 * _UNMAP_UNPROTECTED (commands.md). Validate, then execute: failure
 * conditions in the fact sheet's order, named after its labels; nothing
 * changes on failure except the `top` outputs the sheet defines.
 * Locking: the RD lock is held for the whole command (s2tt.h); new RTT
 * granules are locked together with the RD, lowest PA first.
 */
#include "den0137_abi.h"
#include "rmi_handlers.h"
#include "s2tt.h"

#define RES(st, idx) rmi_pack((st), (unsigned)(idx))

/* level_bound of the structure commands: level in [sl + 1, 3]. */
static bool structure_level_ok(const struct rd *rd, int64_t level)
{
	return level >= (int64_t)rd->s2.sl + 1 && level <= S2TT_PAGE_LEVEL;
}

/* level_bound of MAP/UNMAP_UNPROTECTED: [max(S2TT_MIN_BLOCK_LEVEL, sl), 3]. */
static bool map_level_ok(const struct rd *rd, int64_t level)
{
	/*
	 * CHOICE(MAP_UNPROTECTED_MIN_LEVEL): minimum level 1 as TF-RMM
	 * (S2TT_MIN_BLOCK_LEVEL) and the ACS expect (states.md §5); a level
	 * above the starting level (sl = 2 realms) has no entry: INPUT too.
	 */
	return level >= S2TT_MIN_BLOCK_LEVEL && level >= (int64_t)rd->s2.sl &&
	       level <= S2TT_PAGE_LEVEL;
}

static bool ipa_aligned(ipa_t ipa, int level)
{
	return (ipa & (s2tt_entry_size(level) - 1U)) == 0U;
}

/*
 * Checks shared by RTT_DESTROY and RTT_FOLD up to rtte_state; on success
 * @wk is the TABLE entry at level - 1 and @g_child its RTT.
 */
static bool structure_walk(struct rmm *rmm, const struct rd *rd, ipa_t ipa, int level,
			   struct s2tt_walk *wk, struct rmi_result *res)
{
	s2tt_walk(rmm, rd, ipa, level - 1, wk);
	/* rtt_walk */
	if (wk->level < level - 1) {
		res->x[0] = RES(RMI_ERROR_RTT, wk->level);
		return false;
	}
	/* rtte_state */
	if (s2tte_get_state(wk->s2tte, wk->level) != S2TTE_TABLE) {
		res->x[0] = RES(RMI_ERROR_RTT, level - 1);
		return false;
	}
	return true;
}

RMI_HANDLER(smc_rtt_create)
{
	pa_t rd_pa = args[0], rtt_pa = args[1];
	ipa_t ipa = args[2];
	int64_t level = (int64_t)args[3];
	struct granule_locked gl_rd, gl_rtt;
	struct s2tt_walk wk;
	struct rd *rd;
	uint64_t *rtt;
	enum s2tte_state pst;
	bool lpa2;

	/* rd_align / rd_bound / rd_state, rtt_align / rtt_bound / rtt_state: all
	 * INPUT, so both are locked together (lowest PA first) up front. */
	if (!s2tt_lock_two(rmm, rd_pa, RMM_GRANULE_RD, &gl_rd, rtt_pa, RMM_GRANULE_DELEGATED,
			   &gl_rtt)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	lpa2 = rd->s2.lpa2;
	/* level_bound */
	if (!structure_level_ok(rd, level) ||
	    /* ipa_align: to the size of an entry at level - 1 */
	    !ipa_aligned(ipa, (int)level - 1) ||
	    /* ipa_bound */
	    !addr_in_ipa_space(rd, ipa) ||
	    /* rtt_bound2 */
	    (!lpa2 && (rtt_pa >> 48) != 0U)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	s2tt_walk(rmm, rd, ipa, (int)level - 1, &wk);
	/* rtt_walk */
	if (wk.level < level - 1) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		goto out;
	}
	pst = s2tte_get_state(wk.s2tte, wk.level);
	/* rtte_state */
	if (pst == S2TTE_TABLE) {
		res->x[0] = RES(RMI_ERROR_RTT, level - 1);
		goto out;
	}

	/*
	 * The new RTT is zero (DELEGATED invariant): fill it from the parent.
	 * An UNASSIGNED EMPTY parent is the zero descriptor (s2tt.h), whose
	 * split is 512 zero entries, i.e. the granule as it is: a new realm's
	 * RTT_CREATE neither maps nor writes its 4 KiB (hot path, issue 15).
	 */
	if (wk.s2tte != 0U) {
		rtt = (uint64_t *)granule_map(rmm, gl_rtt.g);
		s2tt_split_entry(rtt, wk.s2tte, (int)level, lpa2);
	}
	if (s2tte_is_valid(wk.s2tte)) {
		/* Break-before-make of a valid block (ASSIGNED RAM / ASSIGNED_NS). */
		wk.rtt[wk.index] = 0;
		s2tt_invalidate(rmm, rd, ipa, s2tt_entry_size(wk.level));
	}
	if (pst == S2TTE_ASSIGNED) {
		/* All 512 entries pin the new RTT; the parent keeps its count. */
		granule_refcount_inc(gl_rtt, S2TTES_PER_S2TT);
	} else {
		s2tt_refcount_inc(wk.g_rtt, 1);
	}
	wk.rtt[wk.index] = s2tte_create_table(rtt_pa, lpa2);
	granule_unlock_transition(gl_rtt, RMM_GRANULE_RTT);
	granule_unlock_locked(gl_rd);
	res->x[0] = RES(RMI_SUCCESS, 0);
	return;
out:
	granule_unlock_locked(gl_rtt);
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc_rtt_destroy)
{
	ipa_t ipa = args[1];
	int64_t level = (int64_t)args[2];
	struct granule_locked gl_rd, gl_child;
	struct s2tt_walk wk;
	struct rd *rd;
	pa_t child_pa;

	/* rd_align / rd_bound / rd_state */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	/* level_bound, ipa_align, ipa_bound */
	if (!structure_level_ok(rd, level) || !ipa_aligned(ipa, (int)level - 1) ||
	    !addr_in_ipa_space(rd, ipa)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	/* rtt_walk, rtte_state: X2 = top of the non-live skip (states.md §6). */
	if (!structure_walk(rmm, rd, ipa, (int)level, &wk, res)) {
		res->x[2] = s2tt_skip_non_live(&wk, ipa);
		goto out;
	}
	child_pa = s2tte_get_oa(wk.s2tte, wk.level, rd->s2.lpa2);
	if (!find_lock_granule(rmm, child_pa, RMM_GRANULE_RTT, &gl_child)) {
		/* A TABLE entry always points at an RTT granule. */
		res->x[0] = RES(RMI_ERROR_RTT, level - 1);
		goto out;
	}
	/*
	 * rtt_live: TABLE or protected ASSIGNED entries below (X2 = ipa).
	 * CHOICE(RTT_DESTROY_NS_NOT_LIVE): ASSIGNED_NS entries do not make the RTT
	 * live (they hold no refcount), as TF-RMM; the whole range is invalidated.
	 */
	if (granule_refcount(gl_child.g) != 0U) {
		granule_unlock_locked(gl_child);
		res->x[0] = RES(RMI_ERROR_RTT, level);
		res->x[2] = ipa;
		goto out;
	}

	/* Protected IPA: the realm's data there is gone (RIPAS DESTROYED). */
	wk.rtt[wk.index] = addr_in_par(rd, ipa) ? s2tte_create_unassigned(RMI_DESTROYED)
						: s2tte_create_unassigned_ns();
	wk.s2tte = wk.rtt[wk.index];
	/* ASSIGNED_NS entries may remain below: invalidate the whole range. */
	s2tt_invalidate(rmm, rd, ipa, s2tt_entry_size(wk.level));
	s2tt_refcount_dec(wk.g_rtt, 1);
	granule_memzero(rmm, gl_child);
	granule_unlock_transition(gl_child, RMM_GRANULE_DELEGATED);
	res->x[0] = RES(RMI_SUCCESS, 0);
	res->x[1] = child_pa;
	res->x[2] = s2tt_skip_non_live(&wk, ipa);
out:
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc_rtt_fold)
{
	ipa_t ipa = args[1];
	int64_t level = (int64_t)args[2];
	struct granule_locked gl_rd, gl_child;
	struct s2tt_walk wk;
	struct rd *rd;
	pa_t child_pa;
	uint64_t parent;
	enum s2tte_state st;
	const uint64_t *child;

	/* rd_align / rd_bound / rd_state */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	/* level_bound, ipa_align, ipa_bound */
	if (!structure_level_ok(rd, level) || !ipa_aligned(ipa, (int)level - 1) ||
	    !addr_in_ipa_space(rd, ipa)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	/* rtt_walk, rtte_state */
	if (!structure_walk(rmm, rd, ipa, (int)level, &wk, res)) {
		goto out;
	}
	child_pa = s2tte_get_oa(wk.s2tte, wk.level, rd->s2.lpa2);
	if (!find_lock_granule(rmm, child_pa, RMM_GRANULE_RTT, &gl_child)) {
		res->x[0] = RES(RMI_ERROR_RTT, level - 1);
		goto out;
	}
	child = (const uint64_t *)granule_map(rmm, gl_child.g);
	/* rtte_homo */
	if (!s2tt_fold_entry(child, (int)level, rd->s2.lpa2, &parent, &st) ||
	    /* A homogeneous RTT still has to hold no child RTT (refcount). */
	    granule_refcount(gl_child.g) != (st == S2TTE_ASSIGNED ? S2TTES_PER_S2TT : 0U)) {
		granule_unlock_locked(gl_child);
		res->x[0] = RES(RMI_ERROR_RTT, level);
		goto out;
	}
	/* CHOICE(FOLD_LEVEL0_BLOCK): no level-0 blocks (TF-RMM), index level - 1. */
	if ((st == S2TTE_ASSIGNED || st == S2TTE_ASSIGNED_NS) && level <= S2TT_MIN_BLOCK_LEVEL) {
		granule_unlock_locked(gl_child);
		res->x[0] = RES(RMI_ERROR_RTT, level - 1);
		goto out;
	}

	/* Break-before-make: invalidate the table, TLBI, then the block. */
	wk.rtt[wk.index] = 0;
	s2tt_invalidate(rmm, rd, ipa, s2tt_entry_size(wk.level));
	wk.rtt[wk.index] = parent;
	if (st == S2TTE_ASSIGNED) {
		/* The parent entry stays "assigned": it keeps its count. */
		granule_refcount_dec(gl_child, S2TTES_PER_S2TT);
	} else {
		s2tt_refcount_dec(wk.g_rtt, 1);
	}
	granule_memzero(rmm, gl_child);
	granule_unlock_transition(gl_child, RMM_GRANULE_DELEGATED);
	res->x[0] = RES(RMI_SUCCESS, 0);
	res->x[1] = child_pa;
out:
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc_rtt_read_entry)
{
	ipa_t ipa = args[1];
	int64_t level = (int64_t)args[2];
	struct granule_locked gl_rd;
	struct s2tt_walk wk;
	struct rd *rd;
	bool lpa2;

	/* CHOICE(READ_ENTRY_ZERO_OUTPUTS): X1..X4 read 0 on any failure (ACS). */
	res->x[1] = res->x[2] = res->x[3] = res->x[4] = 0;
	/* rd_align / rd_bound / rd_state */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	lpa2 = rd->s2.lpa2;
	/* level_bound: [sl, 3]; ipa_align; ipa_bound */
	if (level < (int64_t)rd->s2.sl || level > S2TT_PAGE_LEVEL ||
	    !ipa_aligned(ipa, (int)level) || !addr_in_ipa_space(rd, ipa)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	s2tt_walk(rmm, rd, ipa, (int)level, &wk);
	res->x[0] = RES(RMI_SUCCESS, 0);
	res->x[1] = (uint64_t)(int64_t)wk.level;
	/* Output encoding: structures.md §7. */
	switch (s2tte_get_state(wk.s2tte, wk.level)) {
	case S2TTE_UNASSIGNED:
		res->x[2] = RMI_UNASSIGNED;
		res->x[4] = s2tte_get_ripas(wk.s2tte, wk.level);
		break;
	case S2TTE_ASSIGNED:
		res->x[2] = RMI_ASSIGNED;
		res->x[4] = s2tte_get_ripas(wk.s2tte, wk.level);
		/* CHOICE(READ_ENTRY_DESTROYED_DESC): desc 0 for ASSIGNED/DESTROYED (TF-RMM). */
		if (res->x[4] != RMI_DESTROYED) {
			res->x[3] = s2tte_get_oa(wk.s2tte, wk.level, lpa2);
		}
		break;
	case S2TTE_ASSIGNED_NS:
		res->x[2] = RMI_ASSIGNED;
		res->x[3] = s2tte_host_desc(wk.s2tte, lpa2);
		break;
	case S2TTE_TABLE:
		res->x[2] = RMI_TABLE;
		res->x[3] = s2tte_get_oa(wk.s2tte, wk.level, lpa2);
		break;
	case S2TTE_INVALID:
	case S2TTE_UNASSIGNED_NS:
		res->x[2] = RMI_UNASSIGNED;
		break;
	}
out:
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc_rtt_map_unprotected)
{
	ipa_t ipa = args[1];
	int64_t level = (int64_t)args[2];
	uint64_t desc = args[3];
	struct granule_locked gl_rd;
	struct s2tt_walk wk;
	struct rd *rd;
	bool lpa2;

	/* rd_align / rd_bound / rd_state */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	lpa2 = rd->s2.lpa2;
	/* level_bound */
	if (!map_level_ok(rd, level) ||
	    /* ipa_align */
	    !ipa_aligned(ipa, (int)level) ||
	    /* ipa_bound: unprotected and inside the IPA space */
	    addr_in_par(rd, ipa) || !addr_in_ipa_space(rd, ipa) ||
	    /* attr_valid */
	    !s2tte_host_ns_attr_valid(desc, lpa2) ||
	    /* addr_align */
	    !s2tte_host_ns_addr_aligned(desc, (int)level, lpa2) ||
	    /* addr_bound: OA[51:48] only with LPA2 */
	    (!lpa2 && ((desc >> 48) & 0xFU) != 0U)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	s2tt_walk(rmm, rd, ipa, (int)level, &wk);
	/* rtt_walk */
	if (wk.level < level) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		goto out;
	}
	/* rtte_state */
	if (s2tte_get_state(wk.s2tte, wk.level) != S2TTE_UNASSIGNED_NS) {
		res->x[0] = RES(RMI_ERROR_RTT, level);
		goto out;
	}
	/* invalid -> valid: no TLBI needed. No refcount for NS entries. */
	wk.rtt[wk.index] = s2tte_create_assigned_ns(desc, (int)level, lpa2);
	res->x[0] = RES(RMI_SUCCESS, 0);
out:
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc_rtt_unmap_unprotected)
{
	ipa_t ipa = args[1];
	int64_t level = (int64_t)args[2];
	struct granule_locked gl_rd;
	struct s2tt_walk wk;
	struct rd *rd;

	/* rd_align / rd_bound / rd_state */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	/* level_bound, ipa_align, ipa_bound */
	if (!map_level_ok(rd, level) || !ipa_aligned(ipa, (int)level) || addr_in_par(rd, ipa) ||
	    !addr_in_ipa_space(rd, ipa)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	s2tt_walk(rmm, rd, ipa, (int)level, &wk);
	/* rtt_walk */
	if (wk.level < level) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		res->x[1] = s2tt_skip_non_live(&wk, ipa);
		goto out;
	}
	/* rtte_state */
	if (s2tte_get_state(wk.s2tte, wk.level) != S2TTE_ASSIGNED_NS) {
		res->x[0] = RES(RMI_ERROR_RTT, level);
		res->x[1] = s2tt_skip_non_live(&wk, ipa);
		goto out;
	}
	wk.rtt[wk.index] = s2tte_create_unassigned_ns();
	wk.s2tte = wk.rtt[wk.index];
	s2tt_invalidate(rmm, rd, ipa, s2tt_entry_size(wk.level));
	res->x[0] = RES(RMI_SUCCESS, 0);
	res->x[1] = s2tt_skip_non_live(&wk, ipa);
out:
	granule_unlock_locked(gl_rd);
}
