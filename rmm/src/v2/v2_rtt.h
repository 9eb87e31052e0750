/* SPDX-License-Identifier: BSD-3-Clause */
/* Output-address arguments of the RMI 2.0 range map/unmap commands (structures.md §5). */
#ifndef RMM_V2_RTT_H
#define RMM_V2_RTT_H

#include <stdbool.h>
#include <stdint.h>

#include "v2.h"

/* oaddr_type, bits [1:0] of the map/unmap flags. */
#define V2_OADDR_NONE 0U
#define V2_OADDR_SINGLE 1U
#define V2_OADDR_LIST 2U
/* Descriptors read from / written to one list (a list never crosses its granule). */
#define V2_OADDR_MAX 512U

struct v2_oaddr {
	uint64_t d[V2_OADDR_MAX];
	unsigned n;
};

/*
 * The map input: SINGLE = the descriptor @oaddr, LIST = list_count (flags
 * [15:2]) descriptors at @oaddr, clipped to its granule. False (INPUT) for
 * NONE / type 3, a misaligned or unreadable list, or a descriptor that is
 * not one or more L3 pages.
 */
bool v2_oaddr_read(struct rmm *rmm, uint64_t flags, uint64_t oaddr, struct v2_oaddr *o);

#endif /* RMM_V2_RTT_H */
