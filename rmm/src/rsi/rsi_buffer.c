/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm buffers named by an RSI call (RsiRealmConfig, RsiHostCall, the
 * attestation token granule): the realm access decision of states.md §4
 * and the stage-2 abort exit of psci-and-exits.md §3.
 */
#include <string.h>

#include "den0137_abi.h"
#include "rsi_private.h"
#include "s2tt.h"

void rsi_buf_lookup(struct rmm *rmm, const struct rd *rd, ipa_t ipa, struct rsi_buf *buf)
{
	struct s2tt_leaf leaf;
	struct granule *g;

	s2tt_lookup(rmm, rd, ipa, &leaf);
	buf->level = leaf.level;
	buf->ptr = NULL;
	/* states.md §4 row 2: RIPAS EMPTY (UNASSIGNED or ASSIGNED) -> RSI_ERROR_INPUT. */
	if ((leaf.state == S2TTE_UNASSIGNED || leaf.state == S2TTE_ASSIGNED) &&
	    leaf.ripas == RMI_EMPTY) {
		buf->state = RSI_BUF_EMPTY;
		return;
	}
	/* Rows 3-4: UNASSIGNED RAM or DESTROYED -> the host must act (stage-2 abort). */
	if (leaf.state != S2TTE_ASSIGNED || leaf.ripas != RMI_RAM) {
		buf->state = RSI_BUF_UNMAPPED;
		return;
	}
	/* Row 5: ASSIGNED RAM; the OA is a DATA granule of this realm. */
	g = granule_find(rmm, leaf.pa & ~(pa_t)GRANULE_MASK);
	if (g == NULL) {
		buf->state = RSI_BUF_UNMAPPED;
		return;
	}
	buf->state = RSI_BUF_MAPPED;
	buf->ptr = (uint8_t *)granule_map(rmm, g) + (leaf.pa & GRANULE_MASK);
}

void rsi_stage2_abort(struct rec *rec, ipa_t ipa, int level, struct rsi_result *res)
{
	memset(&res->exit, 0, sizeof(res->exit));
	res->action = RSI_EXIT_TO_HOST;
	/* The realm re-executes the SMC once the host has fixed the mapping. */
	res->advance_pc = false;
	res->exit.reason = RMI_EXIT_SYNC;
	/* ISV = 0 and every other ISS bit 0: not emulatable (psci-and-exits.md §3). */
	res->exit.esr = (RSI_ESR_EC_DABT_LOWER << RSI_ESR_EC_SHIFT) |
			(level < 0 ? RSI_ESR_DFSC_TRANSLATION_LM1 :
				     RSI_ESR_DFSC_TRANSLATION_L0 + (uint64_t)level);
	res->exit.far = 0;
	/* HPFAR format: IPA[51:12] in bits[43:4]; TF-RMM passes ipa >> 8 unmasked. */
	res->exit.hpfar = ipa >> 8;
	/* A protected-IPA abort: REC_ENTER refuses emul_mmio and inject_sea after it. */
	rec->emulatable_abort = false;
	rec->last_exit_esr = res->exit.esr;
	rec->last_fault_ipa = ipa;
}
