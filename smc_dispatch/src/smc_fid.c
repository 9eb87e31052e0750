/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SMCCC function identifier decoding (DEN0028, "Function Identifiers"):
 * bit 31 fast/yielding, bit 30 SMC64/SMC32, bits [29:24] owning entity,
 * bits [23:16] must be zero except bit 16, the SMCCC v1.3 SVE hint of fast
 * calls, bits [15:0] function number.
 */
#include "smc_dispatch.h"

struct smc_fid smc_decode_fid(uint64_t x0)
{
	uint32_t w0 = (uint32_t)x0;
	struct smc_fid f = {
		.fast = (w0 & SMC_FID_FAST) != 0U,
		.smc64 = (w0 & SMC_FID_SMC64) != 0U,
		.sve_hint = (w0 & SMC_FID_SVE_HINT) != 0U,
		.oen = (uint8_t)((w0 >> SMC_FID_OEN_SHIFT) & SMC_FID_OEN_MASK),
		.fnum = (uint16_t)(w0 & 0xFFFFU),
	};

	/*
	 * The FID is passed in W0; a 64-bit X0 with upper bits set is not a
	 * function identifier at all, so it is reported invalid rather than
	 * silently truncated (a truncating EL3 would run the wrong call).
	 */
	f.valid = (x0 >> 32) == 0U &&
		  (w0 & SMC_FID_MBZ_MASK) == 0U &&
		  /* The SVE hint exists for fast calls only; yielding calls MBZ bit 16. */
		  (f.fast || !f.sve_hint);
	return f;
}
