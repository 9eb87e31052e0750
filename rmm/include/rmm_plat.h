/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one platform interface of the RMM: every hardware effect it needs.
 * sim/ implements it on the emulated platform; tests/ with a light fake.
 */
#ifndef RMM_PLAT_H
#define RMM_PLAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rmmsim_types.h"

/* Architectural events the cycle model charges (see docs/cycle-costs.md). */
enum rmm_cost {
	RMM_COST_GRANULE_ZERO = 0,   /* zeroing 4 KiB (DC ZVA loop) */
	RMM_COST_SHA256_BLOCK = 1,   /* one 64-byte SHA-256 block */
	RMM_COST_SHA512_BLOCK = 2,   /* one 128-byte SHA-512 block */
	RMM_COST_TLBI_IPA = 3,       /* TLBI IPAS2E1IS + DSB */
	RMM_COST_TLBI_VMID = 4,      /* TLBI VMALLS12E1IS + DSB */
	RMM_COST_NS_COPY_LINE = 5,   /* 64 bytes copied from/to NS memory */
	RMM_COST_ECDSA_SIGN = 6,     /* one P-384 signature */
	RMM_COST_COUNT = 7,
};

struct rmm_plat {
	void *ctx;
	/*
	 * Host pointer to the 4 KiB of memory of the granule at @pa. Only
	 * called for granules the RMM manages (it maps what it owns).
	 */
	void *(*granule_map)(void *ctx, pa_t pa);
	/*
	 * Reads/writes NS memory as the RMM would from the realm world: the
	 * access must stay inside one granule and the granule must be NS in
	 * the GPT at the time of access, else false (never a crash).
	 */
	bool (*ns_read)(void *ctx, pa_t pa, void *dst, size_t len);
	bool (*ns_write)(void *ctx, pa_t pa, const void *src, size_t len);
	/* RMM-EL3 GTSI request (RMM_GTSI_DELEGATE_FID / _UNDELEGATE_FID); returns X0 (0 = success). */
	int64_t (*gtsi)(void *ctx, uint64_t fid, pa_t pa);
	/* Cycle accounting of an event, @n times. May be NULL. */
	void (*account)(void *ctx, enum rmm_cost ev, uint64_t n);
	/* Realm stage 2 of the realm whose VMID is @vmid changed (TLBI): may be NULL. */
	void (*s2_changed)(void *ctx, uint16_t vmid, ipa_t base, uint64_t size);
	/*
	 * GPI of the granule at @pa (enum gpt_gpi values: 0xB Realm, 0x9 NS),
	 * used only by the invariant checker. May be NULL (check skipped).
	 */
	int (*pas_of)(void *ctx, pa_t pa);
};

#endif /* RMM_PLAT_H */
