/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB: the invariant checker; extended as realms, RTTs and RECs arrive. */
#include <stdio.h>
#include <string.h>

#include "rmm_private.h"

bool rmm_check_invariants(struct rmm *rmm, char *msg, size_t msg_len)
{
	for (unsigned b = 0; b < rmm->num_banks; b++) {
		const struct rmm_bank *bank = &rmm->banks[b];
		size_t n = bank->size >> GRANULE_SHIFT;

		for (size_t i = 0; i < n; i++) {
			const struct granule *g = &bank->granules[i];

			if (granule_get_state(g) == RMM_GRANULE_DELEGATED) {
				const uint8_t *p = rmm->plat.granule_map(rmm->plat.ctx,
					bank->base + (i << GRANULE_SHIFT));
				for (size_t k = 0; k < GRANULE_SIZE; k++) {
					if (p[k] != 0U) {
						snprintf(msg, msg_len, "delegated_zero: granule 0x%llx byte %zu",
							 (unsigned long long)(bank->base + (i << GRANULE_SHIFT)), k);
						return false;
					}
				}
			}
		}
	}
	(void)msg;
	(void)msg_len;
	return true;
}
