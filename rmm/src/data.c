/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_DATA_CREATE, RMI_DATA_CREATE_UNKNOWN, RMI_DATA_DESTROY (commands.md):
 * DATA granules mapped at level 3 of a realm's protected IPA space.
 * Validate, then execute. Locks: RD and DATA granule (lowest PA first),
 * held for the whole command, RTTs under the RD lock (s2tt.h).
 */
#include "den0137_abi.h"
#include "measurement.h"
#include "rmi_handlers.h"
#include "s2tt.h"

#define RES(st, idx) rmi_pack((st), (unsigned)(idx))
#define NS_LINE 64U

/* Checks common to DATA_CREATE and _UNKNOWN after the granules are locked. */
static bool data_ipa_ok(const struct rd *rd, pa_t data, ipa_t ipa)
{
	/* data_bound2 */
	if (!rd->s2.lpa2 && (data >> 48) != 0U) {
		return false;
	}
	/* ipa_align */
	if ((ipa & GRANULE_MASK) != 0U) {
		return false;
	}
	/* ipa_bound: protected (so also below 2^w) */
	return addr_in_par(rd, ipa);
}

/* rtt_walk and rtte_state of DATA_CREATE(_UNKNOWN). */
static bool data_walk(struct rmm *rmm, const struct rd *rd, ipa_t ipa, struct s2tt_walk *wk,
		      struct rmi_result *res)
{
	s2tt_walk(rmm, rd, ipa, S2TT_PAGE_LEVEL, wk);
	/* rtt_walk */
	if (wk->level < S2TT_PAGE_LEVEL) {
		res->x[0] = RES(RMI_ERROR_RTT, wk->level);
		return false;
	}
	/*
	 * rtte_state. CHOICE(DATA_CREATE_RIPAS_ANY): any RIPAS of an UNASSIGNED
	 * entry is accepted, as TF-RMM (spec RIPAS = RAM requirement UNCONFIRMED).
	 */
	if (s2tte_get_state(wk->s2tte, wk->level) != S2TTE_UNASSIGNED) {
		res->x[0] = RES(RMI_ERROR_RTT, S2TT_PAGE_LEVEL);
		return false;
	}
	return true;
}

/* Maps the DATA granule and moves it DELEGATED -> DATA. */
static void data_map(struct rmm *rmm, struct s2tt_walk *wk, struct granule_locked gl_data,
		     pa_t data, unsigned ripas, bool lpa2)
{
	wk->rtt[wk->index] = s2tte_create_assigned(data, ripas, S2TT_PAGE_LEVEL, lpa2);
	s2tt_refcount_inc(wk->g_rtt, 1);
	granule_unlock_transition(gl_data, RMM_GRANULE_DATA);
}

RMI_HANDLER(smc_data_create)
{
	pa_t rd_pa = args[0], data = args[1], src = args[3];
	ipa_t ipa = args[2];
	uint64_t flags = args[4];
	struct granule_locked gl_rd, gl_data;
	const struct granule *g_src;
	struct s2tt_walk wk;
	struct rd *rd;
	uint8_t *content;
	uint8_t probe;

	/* flags. CHOICE(DATA_CREATE_FLAGS): only 0 / 1, checked first (TF-RMM) */
	if (flags != RMI_NO_MEASURE_CONTENT && flags != RMI_MEASURE_CONTENT) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	/* rd_*, data_align / data_bound / data_state: all INPUT, locked by PA. */
	if (!s2tt_lock_two(rmm, rd_pa, RMM_GRANULE_RD, &gl_rd, data, RMM_GRANULE_DELEGATED,
			   &gl_data)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	/*
	 * data_bound2, then src_align / src_bound / src_pas, then ipa_align /
	 * ipa_bound. src_pas is the GPT's PAS, not the RMM's view: an
	 * UNDELEGATED granule may still be Secure or Realm in the GPT, so the
	 * RMM probes it with a PAS-checked NS read of one byte (no side
	 * effect). The copy below re-checks the PAS at access time. (Found by
	 * the RMI fuzzer: the probe used to happen only after the RTT walk.)
	 */
	g_src = rmm_delegable_granule(rmm, src);
	if ((!rd->s2.lpa2 && (data >> 48) != 0U) || (src & GRANULE_MASK) != 0U ||
	    g_src == NULL || granule_get_state(g_src) != RMM_GRANULE_UNDELEGATED ||
	    !rmm->plat.ns_read(rmm->plat.ctx, src, &probe, sizeof(probe)) ||
	    !data_ipa_ok(rd, data, ipa)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	/*
	 * realm_state. CHOICE(DATA_CREATE_IPA_BEFORE_REALM_STATE): after ipa_align / ipa_bound,
	 * as the sheet's table and the ACS row order (TF-RMM checks it first).
	 */
	if (rd->state != REALM_NEW) {
		res->x[0] = RES(RMI_ERROR_REALM, 0);
		goto out;
	}
	/* rtt_walk, rtte_state */
	if (!data_walk(rmm, rd, ipa, &wk, res)) {
		goto out;
	}
	/* src_pas at access time: a faulting NS read is INPUT, nothing changes. */
	content = (uint8_t *)granule_map(rmm, gl_data.g);
	rmm_account(rmm, RMM_COST_NS_COPY_LINE, GRANULE_SIZE / NS_LINE);
	if (!rmm->plat.ns_read(rmm->plat.ctx, src, content, GRANULE_SIZE)) {
		/* Restore the DELEGATED-is-zero invariant after a partial copy. */
		granule_memzero(rmm, gl_data);
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}

	measurement_data_create(rmm, rd, ipa, flags, flags == RMI_MEASURE_CONTENT ? content : NULL);
	data_map(rmm, &wk, gl_data, data, RMI_RAM, rd->s2.lpa2);
	granule_unlock_locked(gl_rd);
	res->x[0] = RES(RMI_SUCCESS, 0);
	return;
out:
	granule_unlock_locked(gl_data);
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc_data_create_unknown)
{
	pa_t rd_pa = args[0], data = args[1];
	ipa_t ipa = args[2];
	struct granule_locked gl_rd, gl_data;
	struct s2tt_walk wk;
	struct rd *rd;

	/* rd_*, data_align / data_bound / data_state */
	if (!s2tt_lock_two(rmm, rd_pa, RMM_GRANULE_RD, &gl_rd, data, RMM_GRANULE_DELEGATED,
			   &gl_data)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	/* data_bound2, ipa_align, ipa_bound */
	if (!data_ipa_ok(rd, data, ipa)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	/* rtt_walk, rtte_state */
	if (!data_walk(rmm, rd, ipa, &wk, res)) {
		goto out;
	}
	/* Contents stay the zeroes of DELEGATED; RIPAS unchanged; not measured. */
	data_map(rmm, &wk, gl_data, data, s2tte_get_ripas(wk.s2tte, wk.level), rd->s2.lpa2);
	granule_unlock_locked(gl_rd);
	res->x[0] = RES(RMI_SUCCESS, 0);
	return;
out:
	granule_unlock_locked(gl_data);
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc_data_destroy)
{
	ipa_t ipa = args[1];
	struct granule_locked gl_rd, gl_data;
	struct s2tt_walk wk;
	struct rd *rd;
	unsigned ripas;
	pa_t data;

	/* rd_align / rd_bound / rd_state */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	/* ipa_align, ipa_bound */
	if ((ipa & GRANULE_MASK) != 0U || !addr_in_par(rd, ipa)) {
		res->x[0] = RES(RMI_ERROR_INPUT, 0);
		goto out;
	}
	s2tt_walk(rmm, rd, ipa, S2TT_PAGE_LEVEL, &wk);
	/* rtt_walk; X2 = top on ERROR_RTT too (states.md §6) */
	if (wk.level < S2TT_PAGE_LEVEL) {
		res->x[0] = RES(RMI_ERROR_RTT, wk.level);
		res->x[2] = s2tt_skip_non_live(&wk, ipa);
		goto out;
	}
	/* rtte_state */
	if (s2tte_get_state(wk.s2tte, wk.level) != S2TTE_ASSIGNED) {
		res->x[0] = RES(RMI_ERROR_RTT, S2TT_PAGE_LEVEL);
		res->x[2] = s2tt_skip_non_live(&wk, ipa);
		goto out;
	}
	data = s2tte_get_oa(wk.s2tte, wk.level, rd->s2.lpa2);
	if (!find_lock_granule(rmm, data, RMM_GRANULE_DATA, &gl_data)) {
		/* An ASSIGNED level-3 entry always maps a DATA granule. */
		res->x[0] = RES(RMI_ERROR_RTT, S2TT_PAGE_LEVEL);
		goto out;
	}

	ripas = s2tte_get_ripas(wk.s2tte, wk.level);
	/* RAM -> DESTROYED; EMPTY and DESTROYED stay. */
	wk.rtt[wk.index] = s2tte_create_unassigned(ripas == RMI_RAM ? RMI_DESTROYED : ripas);
	if (s2tte_is_valid(wk.s2tte)) {
		s2tt_invalidate(rmm, rd, ipa, GRANULE_SIZE);
	}
	wk.s2tte = wk.rtt[wk.index];
	s2tt_refcount_dec(wk.g_rtt, 1);
	granule_memzero(rmm, gl_data);
	granule_unlock_transition(gl_data, RMM_GRANULE_DELEGATED);
	res->x[0] = RES(RMI_SUCCESS, 0);
	res->x[1] = data;
	res->x[2] = s2tt_skip_non_live(&wk, ipa);
out:
	granule_unlock_locked(gl_rd);
}
