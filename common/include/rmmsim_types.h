/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Types every rmmsim module shares: physical and intermediate physical
 * addresses, the granule size, the SMCCC register file and the security
 * worlds. Kept tiny on purpose: it is part of the installed native API.
 */
#ifndef RMMSIM_TYPES_H
#define RMMSIM_TYPES_H

#include <stdint.h>

/* A physical address. Never mixed with ipa_t or host pointers silently. */
typedef uint64_t pa_t;
/* An intermediate physical address inside a realm's stage 2. */
typedef uint64_t ipa_t;

#define GRANULE_SHIFT 12U
#define GRANULE_SIZE (1UL << GRANULE_SHIFT)
#define GRANULE_MASK (GRANULE_SIZE - 1UL)

/* SMCCC v1.2 register file: X0..X17 in, X0..X17 out. */
#define SMC_NUM_REGS 18U
struct smc_regs {
	uint64_t x[SMC_NUM_REGS];
};

/* Security state (world) of a requester, as the GPC sees it. */
enum rmmsim_world {
	WORLD_SECURE = 0,
	WORLD_NS = 1,
	WORLD_ROOT = 2,
	WORLD_REALM = 3,
};

#endif /* RMMSIM_TYPES_H */
