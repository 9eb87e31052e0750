/* SPDX-License-Identifier: BSD-3-Clause */
/* Read-only debug queries on realms, for tests and tools (not RMI). */
#include <string.h>

#include "realm.h"

bool rmm_realm_measurement(struct rmm *rmm, pa_t rd, unsigned index, uint8_t out[64])
{
	struct granule_locked gl;
	const struct rd *r;

	if (index >= RMM_NUM_MEASUREMENTS || !find_lock_granule(rmm, rd, RMM_GRANULE_RD, &gl)) {
		return false;
	}
	r = rd_map(rmm, gl.g);
	memcpy(out, r->measurement[index], RMM_MEASUREMENT_SIZE);
	granule_unlock_locked(gl);
	return true;
}
