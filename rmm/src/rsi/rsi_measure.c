/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSI_VERSION, RSI_FEATURES, RSI_MEASUREMENT_READ / _EXTEND
 * (commands.md "RSI commands" and "Measurement").
 */
#include <string.h>

#include "den0137_abi.h"
#include "measurement.h"
#include "rsi_private.h"

#define RSI_MEASUREMENT_EXTEND_MAX 64U /* TF-RMM MAX_EXTENDED_SIZE */

/* RSI 1.1 (0x10001): the highest revision of a 2.0 RMM (den0137-2.0 rsi.md §1). */
#define RSI_ABI_VERSION_1_1 0x10001ULL

RSI_HANDLER(rsi_version)
{
	uint64_t requested = rec->regs.x[1];
	struct granule *g_rd;
	bool v2;

	(void)res;
	v2 = rsi_realm_is_v2(rsi_rd_lock(rmm, rec, &g_rd));
	rsi_rd_unlock(g_rd);
	if (v2) {
		/*
		 * 2.0 realm, as TF-RMM main: 1.0 and 1.1 accepted (X1 = the request),
		 * otherwise INPUT with X1 = highest; X2 = highest (rsi.md §1).
		 */
		bool ok = requested == RSI_ABI_VERSION || requested == RSI_ABI_VERSION_1_1;

		rec->regs.x[0] = ok ? RSI_SUCCESS : RSI_ERROR_INPUT;
		rec->regs.x[1] = ok ? requested : RSI_ABI_VERSION_1_1;
		rec->regs.x[2] = RSI_ABI_VERSION_1_1;
		return;
	}
	/* Only 1.0 is implemented: lower = higher = 1.0 whatever was asked. */
	rec->regs.x[0] = requested == RSI_ABI_VERSION ? RSI_SUCCESS : RSI_ERROR_INPUT;
	rec->regs.x[1] = RSI_ABI_VERSION;
	rec->regs.x[2] = RSI_ABI_VERSION;
}

RSI_HANDLER(rsi_features)
{
	(void)rmm;
	(void)res;
	/* No RSI feature register is defined in 1.0: 0 for every index. */
	rec->regs.x[0] = RSI_SUCCESS;
	rec->regs.x[1] = 0;
}

RSI_HANDLER(rsi_measurement_read)
{
	uint64_t index = rec->regs.x[1];
	struct granule *g_rd;
	struct rd *rd;

	(void)res;
	/* index_bound */
	if (index >= RMM_NUM_MEASUREMENTS) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	/* X1..X8: the 64 stored bytes (zero beyond the hash size), little-endian. */
	for (unsigned i = 0; i < 8U; i++) {
		rec->regs.x[1U + i] = le_field(rd->measurement[index], 8U * i, 8U);
	}
	rsi_rd_unlock(g_rd);
	rec->regs.x[0] = RSI_SUCCESS;
}

RSI_HANDLER(rsi_measurement_extend)
{
	uint64_t index = rec->regs.x[1];
	uint64_t size = rec->regs.x[2];
	uint8_t value[RSI_MEASUREMENT_EXTEND_MAX];
	struct granule *g_rd;
	struct rd *rd;

	(void)res;
	/* index_bound: RIM (0) is not extensible. */
	if (index == 0U || index >= RMM_NUM_MEASUREMENTS) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* size_bound */
	if (size > RSI_MEASUREMENT_EXTEND_MAX) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* Value bytes from X3..X10, little-endian. */
	for (unsigned i = 0; i < 8U; i++) {
		rsi_put64(value, 8U * i, rec->regs.x[3U + i]);
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	measurement_extend(rmm, rd, (unsigned)index, value, (size_t)size);
	rsi_rd_unlock(g_rd);
	rec->regs.x[0] = RSI_SUCCESS;
}
