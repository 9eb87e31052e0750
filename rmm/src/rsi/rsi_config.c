/* SPDX-License-Identifier: BSD-3-Clause */
/* RSI_REALM_CONFIG: writes RsiRealmConfig (structures.md §5) into realm memory. */
#include <string.h>

#include "den0137_abi.h"
#include "rsi_private.h"

_Static_assert(RSI_REALM_CONFIG_SIZE == GRANULE_SIZE, "RsiRealmConfig fills one granule");
_Static_assert(RSI_REALM_CONFIG_RPV_COUNT == sizeof(((struct rd *)0)->rpv), "rpv is 64 bytes");

/* The whole 4 KiB: fields as structures.md §5, padding zero. */
static void realm_config_write(const struct rd *rd, uint8_t *cfg)
{
	memset(cfg, 0, RSI_REALM_CONFIG_SIZE);
	rsi_put64(cfg, RSI_REALM_CONFIG_IPA_WIDTH_OFFSET, rd->s2.ipa_bits);
	cfg[RSI_REALM_CONFIG_HASH_ALGO_OFFSET] = (uint8_t)rd->hash_algo;
	memcpy(cfg + RSI_REALM_CONFIG_RPV_OFFSET, rd->rpv, RSI_REALM_CONFIG_RPV_COUNT);
}

RSI_HANDLER(rsi_realm_config)
{
	ipa_t addr = rec->regs.x[1];
	struct granule *g_rd;
	struct rd *rd;
	struct rsi_buf buf;

	/* addr_align */
	if ((addr & GRANULE_MASK) != 0U) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	/* addr_bound: the buffer must be in the protected IPA range. */
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
	/* Not mapped RAM: the host must populate it; the realm re-issues the call. */
	if (buf.state == RSI_BUF_UNMAPPED) {
		rsi_stage2_abort(rec, addr, buf.level, res);
		goto out;
	}
	realm_config_write(rd, buf.ptr);
	rec->regs.x[0] = RSI_SUCCESS;
out:
	rsi_rd_unlock(g_rd);
}
