/* SPDX-License-Identifier: BSD-3-Clause */
/* Granule descriptors, locks and the legal state transitions (states.md §1). */
#include "granule.h"

#include <assert.h>
#include <string.h>

#include "rmm_private.h"

/*
 * Records GRANULE_CHANGED* for the tracked checker. The bits stay set until
 * a tracked check clears them (never, in release builds), so a plain load
 * skips the locked read-modify-write when they are already there: one
 * atomic RMW less per state or refcount change on the hot path (issue 15,
 * GRANULE_UNDELEGATE).
 */
static inline void granule_note_changed(struct granule *g, uint8_t bits)
{
	if ((__atomic_load_n(&g->changed, __ATOMIC_RELAXED) & bits) != bits) {
		__atomic_fetch_or(&g->changed, bits, __ATOMIC_RELAXED);
	}
}

struct granule *granule_find(const struct rmm *rmm, pa_t pa)
{
	for (unsigned i = 0; i < rmm->num_banks; i++) {
		const struct rmm_bank *b = &rmm->banks[i];

		if (pa >= b->base && pa - b->base < b->size) {
			return &b->granules[(pa - b->base) >> GRANULE_SHIFT];
		}
	}
	return NULL;
}

pa_t granule_addr(const struct rmm *rmm, const struct granule *g)
{
	for (unsigned i = 0; i < rmm->num_banks; i++) {
		const struct rmm_bank *b = &rmm->banks[i];
		size_t n = b->size >> GRANULE_SHIFT;

		if (g >= b->granules && g < b->granules + n) {
			return b->base + ((pa_t)(g - b->granules) << GRANULE_SHIFT);
		}
	}
	assert(false && "granule outside every bank");
	return 0;
}

void granule_lock(struct granule *g)
{
	while (atomic_flag_test_and_set_explicit(&g->lock, memory_order_acquire)) {
		/* spin: critical sections are short and never sleep */
	}
}

void granule_unlock(struct granule *g)
{
	atomic_flag_clear_explicit(&g->lock, memory_order_release);
}

bool granule_lock_on_state_match(struct granule *g, enum rmm_granule_state expected,
				 struct granule_locked *out)
{
	granule_lock(g);
	if (granule_get_state(g) != expected) {
		granule_unlock(g);
		return false;
	}
	out->g = g;
	return true;
}

bool find_lock_granule(struct rmm *rmm, pa_t pa, enum rmm_granule_state expected,
		       struct granule_locked *out)
{
	struct granule *g;

	if ((pa & GRANULE_MASK) != 0U) {
		return false;
	}
	g = granule_find(rmm, pa);
	if (g == NULL) {
		return false;
	}
	return granule_lock_on_state_match(g, expected, out);
}

bool granule_transition_is_legal(enum rmm_granule_state from, enum rmm_granule_state to)
{
	switch (from) {
	case RMM_GRANULE_UNDELEGATED:
		return to == RMM_GRANULE_DELEGATED;
	case RMM_GRANULE_DELEGATED:
		return to == RMM_GRANULE_UNDELEGATED || to == RMM_GRANULE_RD ||
		       to == RMM_GRANULE_REC || to == RMM_GRANULE_REC_AUX ||
		       to == RMM_GRANULE_DATA || to == RMM_GRANULE_RTT ||
		       to == RMM_GRANULE_PARTIAL;
	case RMM_GRANULE_REC:
		/* RMI 2.0 REC_DESTROY passes through PARTIAL while aux granules are reclaimed. */
		return to == RMM_GRANULE_DELEGATED || to == RMM_GRANULE_PARTIAL;
	case RMM_GRANULE_PARTIAL:
		return to == RMM_GRANULE_DELEGATED || to == RMM_GRANULE_REC;
	case RMM_GRANULE_RD:
	case RMM_GRANULE_REC_AUX:
	case RMM_GRANULE_DATA:
	case RMM_GRANULE_RTT:
		return to == RMM_GRANULE_DELEGATED;
	case RMM_GRANULE_STATE_COUNT:
		break;
	}
	return false;
}

bool granule_bank_index(const struct rmm *rmm, const struct granule *g, unsigned *bank,
			size_t *idx)
{
	for (unsigned i = 0; i < rmm->num_banks; i++) {
		const struct rmm_bank *b = &rmm->banks[i];

		if (g >= b->granules && g < b->granules + (b->size >> GRANULE_SHIFT)) {
			*bank = i;
			*idx = (size_t)(g - b->granules);
			return true;
		}
	}
	return false;
}

void granule_unlock_transition(struct granule_locked gl, enum rmm_granule_state to)
{
	assert(granule_transition_is_legal(granule_get_state(gl.g), to));
	/* Leaving a state with children would orphan them (refcount invariant). */
	assert(granule_refcount(gl.g) == 0U || to != RMM_GRANULE_DELEGATED);
	/*
	 * The tracked checker looks at a granule whose state changed
	 * (rmm_check_invariants_tracked); GRANULE_CHANGED_OBJECT when an
	 * object state (RD, REC, REC_AUX, DATA, RTT) was left or entered, so
	 * the cross-structure checks run again.
	 */
	granule_note_changed(gl.g,
			     GRANULE_CHANGED |
				     (granule_state_is_object(granule_get_state(gl.g)) ||
						      granule_state_is_object(to)
					      ? GRANULE_CHANGED_OBJECT
					      : 0U));
	/* Atomic: rmm_granule_state() reads it without the lock (native API, any thread). */
	__atomic_store_n(&gl.g->state, (uint8_t)to, __ATOMIC_RELEASE);
	granule_unlock(gl.g);
}

/* The granule leaves UNDELEGATED: the tracked checker must visit it (rmm_private.h live_map). */
static void granule_mark_live(struct rmm *rmm, const struct granule *g)
{
	unsigned b;
	size_t i;

	if (granule_bank_index(rmm, g, &b, &i)) {
		bitmap_set(rmm->banks[b].live_map, i);
	}
}

void granule_unlock_locked(struct granule_locked gl)
{
	granule_unlock(gl.g);
}

void granule_refcount_inc(struct granule_locked gl, uint16_t n)
{
	uint16_t old = atomic_fetch_add_explicit(&gl.g->refcount, n, memory_order_acq_rel);

	granule_note_changed(gl.g, GRANULE_CHANGED);
	assert((uint32_t)old + n <= 512U + GRANULE_REFCOUNT_MAX);
	(void)old;
}

void granule_refcount_dec(struct granule_locked gl, uint16_t n)
{
	uint16_t old = atomic_fetch_sub_explicit(&gl.g->refcount, n, memory_order_acq_rel);

	granule_note_changed(gl.g, GRANULE_CHANGED);
	assert(old >= n);
	(void)old;
}

void granule_get(struct granule *g)
{
	atomic_fetch_add_explicit(&g->refcount, 1, memory_order_acq_rel);
	granule_note_changed(g, GRANULE_CHANGED);
}

void granule_put(struct granule *g)
{
	uint16_t old = atomic_fetch_sub_explicit(&g->refcount, 1, memory_order_acq_rel);

	granule_note_changed(g, GRANULE_CHANGED);
	assert(old > 0U);
	(void)old;
}

void *granule_map(struct rmm *rmm, const struct granule *g)
{
	unsigned b;
	size_t i;

	if (!granule_bank_index(rmm, g, &b, &i)) {
		assert(false && "granule outside every bank");
		return NULL;
	}
	/* The memory may change from here on: the tracked checker looks at it again. */
	bitmap_set(rmm->banks[b].mapped_map, i);
	return rmm->plat.granule_map(rmm->plat.ctx,
				     rmm->banks[b].base + ((pa_t)i << GRANULE_SHIFT));
}

/* Marks @g's chunk in its bank's used_chunks (rmm_private.h) for the invariant checker. */
static void granule_mark_used(struct rmm *rmm, const struct granule *g)
{
	for (unsigned i = 0; i < rmm->num_banks; i++) {
		const struct rmm_bank *b = &rmm->banks[i];

		if (g >= b->granules && g < b->granules + (b->size >> GRANULE_SHIFT)) {
			size_t chunk = (size_t)(g - b->granules) >> GRANULE_CHUNK_SHIFT;

			bitmap_set(b->used_chunks, chunk);
			return;
		}
	}
}

void granule_memzero(struct rmm *rmm, struct granule_locked gl)
{
	granule_mark_used(rmm, gl.g);
	granule_mark_live(rmm, gl.g);
	memset(granule_map(rmm, gl.g), 0, GRANULE_SIZE);
	rmm_account(rmm, RMM_COST_GRANULE_ZERO, 1);
}
