/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSI_IPA_STATE_SET / RSI_IPA_STATE_GET (commands.md "RSI commands") and
 * the RIPAS-change completion at the next REC_ENTER (commands.md
 * RMI_REC_ENTER success step 1).
 */
#include "den0137_abi.h"
#include "rsi_private.h"
#include "s2tt.h"

/*
 * RsiRipasChangeFlags bit 0. CHOICE(ipa-state-set-flags): the reserved bits
 * are ignored, as TF-RMM does (the sheet lists no flags check).
 */
#define RSI_FLAG_CHANGE_DESTROYED 1ULL

/* [base, top) lies in the protected IPA range (base < top assumed). */
static bool region_in_par(const struct rd *rd, ipa_t top)
{
	return top <= (1ULL << (rd->s2.ipa_bits - 1U));
}

RSI_HANDLER(rsi_ipa_state_set)
{
	ipa_t base = rec->regs.x[1];
	ipa_t top = rec->regs.x[2];
	uint64_t ripas = rec->regs.x[3];
	uint64_t flags = rec->regs.x[4];
	struct granule *g_rd;
	const struct rd *rd;
	bool in_par;

	/* base_align */
	if ((base & GRANULE_MASK) != 0U) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* top_align */
	if ((top & GRANULE_MASK) != 0U) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* size_valid */
	if (top <= base) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	in_par = region_in_par(rd, top);
	rsi_rd_unlock(g_rd);
	/* rgn_bound */
	if (!in_par) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* ripas_valid: only EMPTY and RAM can be requested. */
	if (ripas != RSI_EMPTY && ripas != RSI_RAM) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}

	/* The host applies it with RMI_RTT_SET_RIPAS from base (states.md §3). */
	rec->set_ripas.pending = true;
	rec->set_ripas.value = (uint8_t)ripas;
	rec->set_ripas.change_destroyed = (flags & RSI_FLAG_CHANGE_DESTROYED) != 0U;
	rec->set_ripas.base = base;
	rec->set_ripas.top = top;
	rec->set_ripas.addr = base;
	rsi_exit(rec, RMI_EXIT_RIPAS_CHANGE, res);
	res->exit.ripas_base = base;
	res->exit.ripas_top = top;
	res->exit.ripas_value = ripas;
}

void rsi_complete_ripas_change(struct rec *rec, bool reject)
{
	const struct rec_set_ripas *req = &rec->set_ripas;

	if (!req->pending) {
		return;
	}
	rec->regs.x[0] = RSI_SUCCESS;
	rec->regs.x[1] = req->addr;
	/* A REJECT is honoured only for an unfinished change to RAM (commands.md REC_ENTER 1). */
	rec->regs.x[2] = (req->value == RMI_RAM && req->addr != req->top && reject) ? RSI_REJECT
										   : RSI_ACCEPT;
	rec->set_ripas = (struct rec_set_ripas){ 0 };
}

RSI_HANDLER(rsi_ipa_state_get)
{
	ipa_t base = rec->regs.x[1];
	ipa_t end = rec->regs.x[2];
	struct granule *g_rd;
	const struct rd *rd;
	struct s2tt_walk wk;
	unsigned ripas;
	uint64_t size;
	ipa_t top;

	(void)res;
	/* base_align */
	if ((base & GRANULE_MASK) != 0U) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* end_align */
	if ((end & GRANULE_MASK) != 0U) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* size_valid */
	if (end <= base) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	/* rgn_bound */
	if (!region_in_par(rd, end)) {
		rsi_rd_unlock(g_rd);
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* Contiguous entries with base's RIPAS, within the RTT the walk reached. */
	s2tt_walk(rmm, rd, base, S2TT_PAGE_LEVEL, &wk);
	ripas = s2tte_get_ripas(wk.s2tte, wk.level);
	size = s2tt_entry_size(wk.level);
	top = (base & ~(size - 1U)) + size;
	for (unsigned i = wk.index + 1U; i < s2tt_entries(wk.level) && top < end; i++) {
		if (s2tte_get_ripas(wk.rtt[i], wk.level) != ripas) {
			break;
		}
		top += size;
	}
	rsi_rd_unlock(g_rd);
	rec->regs.x[0] = RSI_SUCCESS;
	rec->regs.x[1] = top < end ? top : end;
	rec->regs.x[2] = ripas;
}
