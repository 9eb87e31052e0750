/* SPDX-License-Identifier: BSD-3-Clause */
/* The RMM instance: configuration, granule array, VMID allocator. */
#ifndef RMM_PRIVATE_H
#define RMM_PRIVATE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "granule.h"
#include "rmm.h"

struct attest_keys;
struct inv_scratch;
struct rmm_v2;

struct rmm_bank {
	pa_t base;
	uint64_t size;
	struct granule *granules; /* size / GRANULE_SIZE descriptors */
	/*
	 * One bit per chunk of 64 granules, set (never cleared) when a granule
	 * of the chunk is zeroed into DELEGATED: the invariant checker visits
	 * only these chunks, since every other granule is UNDELEGATED.
	 */
	uint64_t *used_chunks;
	/*
	 * Granule bitmaps for rmm_check_invariants_tracked (rmm.h):
	 * live_map:   set when a granule leaves UNDELEGATED, cleared by the
	 *             tracked checker once it sees the granule UNDELEGATED
	 *             again, so it covers every non-UNDELEGATED granule;
	 * mapped_map: set by granule_map, cleared by every passing tracked
	 *             check: the granules whose memory the RMM may have changed
	 *             since (struct granule.changed covers state changes).
	 */
	uint64_t *live_map;
	uint64_t *mapped_map;
};

#define GRANULE_CHUNK_SHIFT 6U /* 64 granules per used_chunks bit */

struct rmm {
	struct rmm_config cfg;
	struct rmm_plat plat;
	struct rmm_bank banks[RMM_MAX_BANKS];
	unsigned num_banks;
	atomic_flag vmid_lock;
	uint64_t vmid_bitmap[65536 / 64];
	bool check_invariants;
	/* Attestation keys for RSI_ATTESTATION_TOKEN_* (rsi/rsi_attest.c); NULL = none. */
	const struct attest_keys *attest_keys;
	struct attest_keys *owned_keys; /* set by rmm_attest_init, freed by rmm_destroy */
	/* The checker's lists, kept across checks (no allocation per check; invariants.c). */
	struct inv_scratch *inv;
	atomic_flag inv_busy;
	/* Number of the next check; walk cache slots stamped by the previous one are current. */
	uint64_t check_epoch;
	/* VMIDs reserved or freed, or a reset, since the last tracked check (invariants.c). */
	bool objects_changed;
	/*
	 * Quiescence for the invariant checker: debug builds hold it shared
	 * for each RMI call (rmm_handle_rmi) and the checker holds it
	 * exclusive, so a check sees no call half done even when host threads
	 * call RMI concurrently. Writer-preferring, so hammering threads
	 * cannot starve the check after a call.
	 */
	pthread_rwlock_t quiesce;
	/* RMI 2.0 personality: negotiated ABI, global state, SRO contexts (v2/v2.h). */
	struct rmm_v2 *v2;
};

/* Bank of @g and its index there; false if @g is no descriptor of @rmm. */
bool granule_bank_index(const struct rmm *rmm, const struct granule *g, unsigned *bank,
			size_t *idx);

static inline void bitmap_set(uint64_t *map, size_t i)
{
	uint64_t bit = 1ULL << (i % 64U);

	/*
	 * Bits are cleared only at quiescent points (the checker, the fuzz
	 * reset), so a set bit stays set during any RMI call: test first, and
	 * skip the locked RMW (release builds map the same granules over and
	 * over with the bit already set).
	 */
	if ((__atomic_load_n(&map[i / 64U], __ATOMIC_RELAXED) & bit) == 0U) {
		__atomic_fetch_or(&map[i / 64U], bit, __ATOMIC_RELAXED);
	}
}

static inline bool bitmap_test(const uint64_t *map, size_t i)
{
	return (__atomic_load_n(&map[i / 64U], __ATOMIC_RELAXED) & (1ULL << (i % 64U))) != 0U;
}

/* Frees the checker's lists (invariants.c). */
void inv_scratch_free(struct rmm *rmm);

/* Return code packing (abi.md §5): bits[7:0] status, bits[15:8] index. */
static inline uint64_t rmi_pack(unsigned status, unsigned index)
{
	return ((uint64_t)(index & 0xFFU) << 8) | (status & 0xFFU);
}

/* Result registers X0..X4 of an RMI handler. */
struct rmi_result {
	uint64_t x[5];
};

/* Every RMI handler: args[0..5] = X1..X6. */
typedef void (*rmi_handler_fn)(struct rmm *rmm, const uint64_t *args, struct rmi_result *res);

/* PaIsDelegable (states.md §1): inside managed DRAM and the permitted PA range. */
bool rmm_pa_is_delegable(const struct rmm *rmm, pa_t pa);
/* The descriptor of @pa if PaIsDelegable(@pa), else NULL: one lookup for both. */
struct granule *rmm_delegable_granule(const struct rmm *rmm, pa_t pa);

static inline void rmm_account(struct rmm *rmm, enum rmm_cost ev, uint64_t n)
{
	if (rmm->plat.account != NULL) {
		rmm->plat.account(rmm->plat.ctx, ev, n);
	}
}

bool vmid_reserve(struct rmm *rmm, unsigned vmid);
void vmid_free(struct rmm *rmm, unsigned vmid);

#endif /* RMM_PRIVATE_H */
