/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_GRANULE_RANGE_DELEGATE / _UNDELEGATE (den0137-2.0 commands.md,
 * states.md §3): the 1.0 single-granule commands (granule_cmds.c) applied
 * over [base, top) with partial progress. X1 = the first granule not
 * processed; the host re-issues from there.
 */
#include "v2.h"

/*
 * CHOICE(range-delegate-batch): at most 512 granules (2 MiB) per call, so
 * one call stays bounded like the 1.0 commands; TF-RMM moves one granule.
 * A granule that fails stops the call: SUCCESS with X1 at it when some
 * granules were moved, the 1.0 command's error with X1 = base otherwise.
 */
#define RANGE_BATCH_GRANULES 512U

static void range_op(struct rmm *rmm, const uint64_t *args, struct rmi_result *res,
		     rmi_handler_fn one)
{
	pa_t base = args[0];
	pa_t top = args[1];
	pa_t pa;

	res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
	res->x[1] = base;
	/* range_align, range_size */
	if (((base | top) & GRANULE_MASK) != 0U || top <= base) {
		return;
	}
	for (pa = base; pa < top && (pa - base) / GRANULE_SIZE < RANGE_BATCH_GRANULES;
	     pa += GRANULE_SIZE) {
		struct rmi_result r = { { 0 } };
		uint64_t a[6] = { pa };

		one(rmm, a, &r);
		if (r.x[0] != rmi_pack(RMI2_SUCCESS, 0)) {
			if (pa == base) {
				res->x[0] = r.x[0];
				return;
			}
			break;
		}
	}
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
	res->x[1] = pa;
}

RMI_HANDLER(smc2_granule_range_delegate)
{
	range_op(rmm, args, res, smc_granule_delegate);
}

RMI_HANDLER(smc2_granule_range_undelegate)
{
	range_op(rmm, args, res, smc_granule_undelegate);
}
