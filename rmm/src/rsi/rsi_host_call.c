/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSI_HOST_CALL (commands.md "RSI commands", structures.md §6): the realm
 * hands the host an RsiHostCall; the host's answer is copied back into it
 * at the next REC_ENTER.
 */
#include "den0137_abi.h"
#include "rsi_private.h"

_Static_assert(RSI_HOST_CALL_GPRS_COUNT == REC_NUM_GPRS, "RsiHostCall carries X0..X30");
_Static_assert(RSI_HOST_CALL_GPRS_OFFSET + 8U * RSI_HOST_CALL_GPRS_COUNT <= RSI_HOST_CALL_SIZE,
	       "RsiHostCall.gprs fits the 256-byte structure");

RSI_HANDLER(rsi_host_call)
{
	ipa_t addr = rec->regs.x[1];
	struct granule *g_rd;
	struct rd *rd;
	struct rsi_buf buf;

	/* addr_align: 256-byte aligned, so the structure never crosses a granule. */
	if ((addr & (RSI_HOST_CALL_SIZE - 1U)) != 0U) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	/* addr_bound */
	if (!addr_in_par(rd, addr)) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		goto out;
	}
	rsi_buf_lookup(rmm, rd, addr, &buf);
	/* RIPAS EMPTY (states.md §4 row 2) */
	if (buf.state == RSI_BUF_EMPTY) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		goto out;
	}
	/* Not mapped RAM: stage-2 abort exit, the realm re-issues the call. */
	if (buf.state == RSI_BUF_UNMAPPED) {
		rsi_stage2_abort(rec, addr, buf.level, res);
		goto out;
	}
	rsi_exit(rec, RMI_EXIT_HOST_CALL, res);
	/* imm: 16 bits (TF-RMM's 32-bit field, low half: structures.md §6). */
	res->exit.imm = le_field(buf.ptr, RSI_HOST_CALL_IMM_OFFSET, RSI_HOST_CALL_IMM_SIZE);
	for (unsigned i = 0; i < REC_NUM_GPRS; i++) {
		res->exit.gprs[i] = le_field(buf.ptr, RSI_HOST_CALL_GPRS_OFFSET + 8U * i, 8U);
	}
	rec->host_call_pending = true;
	rec->host_call_ipa = addr;
out:
	rsi_rd_unlock(g_rd);
}

bool rsi_complete_host_call(struct rmm *rmm, struct rec *rec,
			    const uint64_t enter_gprs[REC_NUM_GPRS], struct rsi_result *res)
{
	struct granule *g_rd;
	struct rd *rd;
	struct rsi_buf buf;
	bool done = false;

	if (!rec->host_call_pending) {
		return true;
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	rsi_buf_lookup(rmm, rd, rec->host_call_ipa, &buf);
	/*
	 * No longer mapped RAM (the realm changed its RIPAS meanwhile, or the
	 * host destroyed the DATA): REC_ENTER returns this exit without
	 * running the realm and the call stays pending (commands.md REC_ENTER
	 * success step 1). The PC was advanced at the host-call exit already.
	 */
	if (buf.state != RSI_BUF_MAPPED) {
		rsi_stage2_abort(rec, rec->host_call_ipa, buf.level, res);
		goto out;
	}
	for (unsigned i = 0; i < REC_NUM_GPRS; i++) {
		rsi_put64(buf.ptr, RSI_HOST_CALL_GPRS_OFFSET + 8U * i, enter_gprs[i]);
	}
	rec->regs.x[0] = RSI_SUCCESS;
	rec->host_call_pending = false;
	rec->host_call_ipa = 0;
	done = true;
out:
	rsi_rd_unlock(g_rd);
	return done;
}
