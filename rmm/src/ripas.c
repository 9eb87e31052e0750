/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_RTT_INIT_RIPAS and RMI_RTT_SET_RIPAS (commands.md): RIPAS changes of
 * consecutive entries of one RTT. Validate, then execute; X1 (out_top) is
 * written only on success.
 */
#include "den0137_abi.h"
#include "measurement.h"
#include "rec.h"
#include "rmi_handlers.h"
#include "s2tt.h"

#define RES(st, idx) rmi_pack((st), (unsigned)(idx))

/* Entry @i of the walked RTT lies entirely below @top. */
static bool entry_fits(const struct s2tt_walk *wk, ipa_t base, unsigned i, ipa_t top)
{
	ipa_t e = s2tt_entry_ipa(wk, base, i);

	return e + s2tt_entry_size(wk->level) <= top;
}

/* INIT_RIPAS may change an entry: UNASSIGNED with RIPAS EMPTY or RAM. */
static bool init_ripas_applies(uint64_t s2tte, int level)
{
	return s2tte_get_state(s2tte, level) == S2TTE_UNASSIGNED &&
	       s2tte_get_ripas(s2tte, level) != RMI_DESTROYED;
}

RMI_HANDLER(smc_rtt_init_ripas)
{
	ipa_t base = args[1], top = args[2];
	struct granule_locked gl_rd;
	struct s2tt_walk wk;
	struct rd *rd;
	unsigned i;

	/* rd_align / rd_bound / rd_state (incl. realm_state_null) */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	/* size_valid */
	if (top <= base ||
	    /* base_gran_align. CHOICE(INIT_RIPAS_BASE_GRAN_ALIGN): TF-RMM */
	    (base & GRANULE_MASK) != 0U ||
	    /* top_bound: the whole range is protected */
	    top > (1ULL << (rd->s2.ipa_bits - 1U)) ||
	    /*
	     * top_gran_align. CHOICE(INIT_RIPAS_TOP_GRAN_ALIGN): with the other
	     * INPUT checks before realm_state, as TF-RMM and the sheet's table
	     * (only top_gran_align < no_progress is tested).
	     */
	    (top & GRANULE_MASK) != 0U) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	/* realm_state */
	if (rd->state != REALM_NEW) {
		res->x[0] = RES(RMI_ERROR_REALM, 0);
		goto out;
	}
	s2tt_walk(rmm, rd, base, S2TT_PAGE_LEVEL, &wk);
	/* base_align: to the entry found by the walk */
	if ((base & (s2tt_entry_size(wk.level) - 1U)) != 0U) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		goto out;
	}
	/* rtte_state */
	if (!init_ripas_applies(wk.s2tte, wk.level)) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		goto out;
	}
	/* no_progress: the first entry crosses top */
	if (!entry_fits(&wk, base, wk.index, top)) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		goto out;
	}

	for (i = wk.index; i < s2tt_entries(wk.level); i++) {
		ipa_t e = s2tt_entry_ipa(&wk, base, i);

		if (!entry_fits(&wk, base, i, top) || !init_ripas_applies(wk.rtt[i], wk.level)) {
			break;
		}
		wk.rtt[i] = s2tte_create_unassigned(RMI_RAM);
		/* CHOICE(INIT_RIPAS_MEASURE_PER_ENTRY): one RIPAS descriptor per entry. */
		measurement_init_ripas(rmm, rd, e, e + s2tt_entry_size(wk.level));
	}
	res->x[0] = RES(RMI_SUCCESS, 0);
	res->x[1] = s2tt_entry_ipa(&wk, base, i);
out:
	granule_unlock_locked(gl_rd);
}

/*
 * New value of a protected entry under a pending RSI_IPA_STATE_SET, or false
 * when the walk must stop here (commands.md RTT_SET_RIPAS "Success").
 * @changed is false when the entry already has the target RIPAS.
 */
static bool set_ripas_entry(uint64_t s2tte, int level, const struct rec_set_ripas *req, bool lpa2,
			    uint64_t *out, bool *changed)
{
	enum s2tte_state st = s2tte_get_state(s2tte, level);
	unsigned r = s2tte_get_ripas(s2tte, level);

	if (st != S2TTE_UNASSIGNED && st != S2TTE_ASSIGNED) {
		return false;
	}
	if (r == req->value) {
		*changed = false;
		*out = s2tte;
		return true;
	}
	if (r == RMI_DESTROYED && !req->change_destroyed) {
		return false;
	}
	*changed = true;
	*out = st == S2TTE_UNASSIGNED ? s2tte_create_unassigned(req->value)
				      : s2tte_create_assigned(s2tte_get_oa(s2tte, level, lpa2),
							      req->value, level, lpa2);
	return true;
}

RMI_HANDLER(smc_rtt_set_ripas)
{
	pa_t rd_pa = args[0], rec_pa = args[1];
	ipa_t base = args[2], top = args[3];
	struct granule_locked gl_rd, gl_rec;
	struct s2tt_walk wk;
	struct rd *rd;
	struct rec *rec;
	uint64_t v;
	bool changed;
	unsigned i;

	/*
	 * size_valid. CHOICE(SET_RIPAS_SIZE_VALID): first, as the sheet's table
	 * and TF-RMM (the ACS lists it after rec_owner but does not test the pair).
	 */
	if (top <= base) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	/* rd_*, rec_align / rec_bound / rec_gran_state: RD and REC locked by PA. */
	if (!s2tt_lock_two(rmm, rd_pa, RMM_GRANULE_RD, &gl_rd, rec_pa, RMM_GRANULE_REC, &gl_rec)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	rec = rec_map(rmm, gl_rec.g);
	/* rec_state. CHOICE(SET_RIPAS_REC_STATE): RUNNING = refcount != 0, TF-RMM */
	if (granule_refcount(gl_rec.g) != 0U ||
	    /* rec_owner */
	    rec->owner != rd_pa) {
		res->x[0] = RES(RMI_ERROR_REC, 0);
		goto out;
	}
	/* base_bound: must continue the pending request */
	if (base != rec->set_ripas.addr ||
	    /* top_bound (ripas_top is protected, from RSI_IPA_STATE_SET; the
	     * 2^(w-1) bound keeps a bad REC state from walking off the tables) */
	    top > rec->set_ripas.top || top > (1ULL << (rd->s2.ipa_bits - 1U))) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	/* base < top <= 2^(w-1) here, so the walk is in range. */
	s2tt_walk(rmm, rd, base, S2TT_PAGE_LEVEL, &wk);
	/* base_align */
	if ((base & (s2tt_entry_size(wk.level) - 1U)) != 0U) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		goto out;
	}
	/* top_gran_align */
	if ((top & GRANULE_MASK) != 0U) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	/* no_progress: first entry crosses top or cannot change */
	if (!entry_fits(&wk, base, wk.index, top) ||
	    !set_ripas_entry(wk.s2tte, wk.level, &rec->set_ripas, rd->s2.lpa2, &v, &changed)) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		goto out;
	}

	for (i = wk.index; i < s2tt_entries(wk.level); i++) {
		ipa_t e = s2tt_entry_ipa(&wk, base, i);
		uint64_t old = wk.rtt[i];

		if (!entry_fits(&wk, base, i, top) ||
		    !set_ripas_entry(old, wk.level, &rec->set_ripas, rd->s2.lpa2, &v, &changed)) {
			break;
		}
		if (!changed) {
			continue;
		}
		if (s2tte_is_valid(old)) {
			/* ASSIGNED RAM -> EMPTY: the mapping goes away (TLBI). */
			wk.rtt[i] = 0;
			s2tt_invalidate(rmm, rd, e, s2tt_entry_size(wk.level));
		}
		wk.rtt[i] = v;
	}
	rec->set_ripas.addr = s2tt_entry_ipa(&wk, base, i);
	res->x[0] = RES(RMI_SUCCESS, 0);
	res->x[1] = rec->set_ripas.addr;
out:
	granule_unlock_locked(gl_rec);
	granule_unlock_locked(gl_rd);
}
