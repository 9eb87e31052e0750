/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Granule descriptors: one per 4 KiB granule of RMM-managed memory.
 *
 * Locking and invariants (DEN0137 states.md §1, §6):
 * - A granule's state changes only while its lock is held, through
 *   granule_lock_on_state_match() and granule_unlock_transition().
 * - Two granules are locked lowest address first (granule_lock_two).
 * - The only entry into DELEGATED zeroes the granule (granule_memzero
 *   before granule_unlock_transition(.., DELEGATED)); a DELEGATED granule
 *   is always all zero.
 * - refcount: RD = number of RECs; RTT = live entries below it (TABLE and
 *   protected ASSIGNED); REC = 1 while running; every other state 0.
 * Functions that need the lock take struct granule_locked, so a call
 * without it does not compile.
 */
#ifndef RMM_GRANULE_H
#define RMM_GRANULE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "rmm.h"

struct granule {
	atomic_flag lock;
	uint8_t state;          /* enum rmm_granule_state */
	_Atomic uint16_t refcount;
	/* GRANULE_CHANGED* since the last tracked check (rmm_check_invariants_tracked). */
	uint8_t changed;
};

#define GRANULE_CHANGED 1U        /* state or refcount changed */
#define GRANULE_CHANGED_OBJECT 2U /* ... an object state was entered or left */

/* RD, REC, REC_AUX, DATA, RTT: the states the cross-structure invariants are about. */
static inline bool granule_state_is_object(enum rmm_granule_state s)
{
	return s != RMM_GRANULE_UNDELEGATED && s != RMM_GRANULE_DELEGATED;
}

/* Witness that the caller holds g's lock. */
struct granule_locked {
	struct granule *g;
};

#define GRANULE_REFCOUNT_MAX 1023U /* 10 bits, as TF-RMM: MAX_RECS_ORDER = 10 */

struct granule *granule_find(const struct rmm *rmm, pa_t pa);
pa_t granule_addr(const struct rmm *rmm, const struct granule *g);

void granule_lock(struct granule *g);
void granule_unlock(struct granule *g);

/* Locks @g if its state is @expected; on mismatch returns false holding nothing. */
__attribute__((warn_unused_result)) bool
granule_lock_on_state_match(struct granule *g, enum rmm_granule_state expected,
			    struct granule_locked *out);

/* Finds and locks the granule at @pa if aligned, managed and in @expected state. */
__attribute__((warn_unused_result)) bool
find_lock_granule(struct rmm *rmm, pa_t pa, enum rmm_granule_state expected,
		  struct granule_locked *out);

/* Moves to @to (asserting the transition is legal) and unlocks. */
void granule_unlock_transition(struct granule_locked gl, enum rmm_granule_state to);
void granule_unlock_locked(struct granule_locked gl);

static inline enum rmm_granule_state granule_get_state(const struct granule *g)
{
	/* Written under the lock, read also without it (rmm_granule_state, the checker). */
	return (enum rmm_granule_state)__atomic_load_n(&g->state, __ATOMIC_ACQUIRE);
}

static inline uint16_t granule_refcount(const struct granule *g)
{
	return atomic_load_explicit(&g->refcount, memory_order_acquire);
}

void granule_refcount_inc(struct granule_locked gl, uint16_t n);
void granule_refcount_dec(struct granule_locked gl, uint16_t n);
/* Unlocked atomic get/put, for RD refcounts changed under another lock. */
void granule_get(struct granule *g);
void granule_put(struct granule *g);

/* Host pointer to the granule's memory (through the platform interface). */
void *granule_map(struct rmm *rmm, const struct granule *g);
/* Zeroes the granule's 4 KiB, charging the cycle model. */
void granule_memzero(struct rmm *rmm, struct granule_locked gl);

bool granule_transition_is_legal(enum rmm_granule_state from, enum rmm_granule_state to);

#endif /* RMM_GRANULE_H */
