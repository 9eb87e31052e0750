/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Snapshot of the RMM's own state (rmm.h rmm_snapshot_*), for fuzzing
 * harnesses that run many inputs on one persistent realm and put the
 * platform back after each (docs/fuzzing.md "fuzz_rsi persistence").
 *
 * What the RMM keeps outside granule memory is the granule descriptors
 * (state, refcount, changed flags), the chunk and tracking bitmaps, the
 * VMID bitmap and the RMI 2.0 personality; objects (RDs, RECs, RTTs) live
 * in granule memory, which the platform restores. A restore is exact at a
 * cost proportional to what changed: a descriptor can only change on a
 * granule that was live (not UNDELEGATED) at the snapshot, kept in a
 * sorted list and always put back, or on a granule that left UNDELEGATED
 * since, which needed a GTSI delegation the platform saw (the caller's
 * @pas list).
 */
#include <stdlib.h>
#include <string.h>

#include "rmm_private.h"
#include "v2/v2.h"

struct snap_desc {
	pa_t pa;
	uint8_t state;
	uint8_t changed;
	uint16_t refcount;
};

struct rmm_snapshot {
	struct snap_desc *live; /* sorted by pa */
	size_t nlive;
	uint64_t *chunks[RMM_MAX_BANKS];
	size_t chunk_words[RMM_MAX_BANKS];
	uint64_t vmid_bitmap[65536 / 64];
	uint64_t abi, realm_serial;
	unsigned global;
	struct sro_ctx sro[SRO_NUM_CONTEXTS];
};

static size_t chunk_words(const struct rmm_bank *b)
{
	return ((b->size >> (GRANULE_SHIFT + GRANULE_CHUNK_SHIFT)) + 64U) / 64U;
}

void rmm_snapshot_free(struct rmm_snapshot *s)
{
	if (s == NULL) {
		return;
	}
	for (unsigned b = 0; b < RMM_MAX_BANKS; b++) {
		free(s->chunks[b]);
	}
	free(s->live);
	free(s);
}

struct rmm_snapshot *rmm_snapshot_take(const struct rmm *rmm)
{
	struct rmm_snapshot *s = calloc(1, sizeof(*s));
	size_t cap = 0;

	if (s == NULL) {
		return NULL;
	}
	/* Banks are scanned in order and each in address order: the list comes out sorted. */
	for (unsigned b = 0; b < rmm->num_banks; b++) {
		const struct rmm_bank *bank = &rmm->banks[b];
		size_t n = bank->size >> GRANULE_SHIFT;

		s->chunk_words[b] = chunk_words(bank);
		s->chunks[b] = malloc(s->chunk_words[b] * sizeof(uint64_t));
		if (s->chunks[b] == NULL) {
			rmm_snapshot_free(s);
			return NULL;
		}
		memcpy(s->chunks[b], bank->used_chunks, s->chunk_words[b] * sizeof(uint64_t));
		for (size_t i = 0; i < n; i++) {
			const struct granule *g = &bank->granules[i];

			if (granule_get_state(g) == RMM_GRANULE_UNDELEGATED && granule_refcount(g) == 0U &&
			    g->changed == 0U) {
				continue;
			}
			if (s->nlive == cap) {
				struct snap_desc *l;

				cap = cap != 0U ? 2U * cap : 64U;
				l = realloc(s->live, cap * sizeof(*l));
				if (l == NULL) {
					rmm_snapshot_free(s);
					return NULL;
				}
				s->live = l;
			}
			s->live[s->nlive++] = (struct snap_desc){
				.pa = bank->base + ((pa_t)i << GRANULE_SHIFT),
				.state = (uint8_t)granule_get_state(g),
				.changed = g->changed,
				.refcount = granule_refcount(g),
			};
		}
	}
	memcpy(s->vmid_bitmap, rmm->vmid_bitmap, sizeof(s->vmid_bitmap));
	s->abi = atomic_load(&rmm->v2->abi);
	s->global = atomic_load(&rmm->v2->global);
	s->realm_serial = atomic_load(&rmm->v2->realm_serial);
	memcpy(s->sro, rmm->v2->sro, sizeof(s->sro));
	return s;
}

static const struct snap_desc *snap_find(const struct rmm_snapshot *s, pa_t pa)
{
	size_t lo = 0, hi = s->nlive;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2U;

		if (s->live[mid].pa == pa) {
			return &s->live[mid];
		}
		if (s->live[mid].pa < pa) {
			lo = mid + 1U;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

/* Puts @d (NULL: UNDELEGATED, refcount 0, unchanged) into the descriptor of @pa. */
static void put_desc(struct rmm *rmm, pa_t pa, const struct snap_desc *d)
{
	struct granule *g = granule_find(rmm, pa);
	unsigned b;
	size_t i;

	if (g == NULL || !granule_bank_index(rmm, g, &b, &i)) {
		return;
	}
	granule_lock(g);
	__atomic_store_n(&g->state, d != NULL ? d->state : (uint8_t)RMM_GRANULE_UNDELEGATED,
			 __ATOMIC_RELEASE);
	g->changed = d != NULL ? d->changed : 0U;
	atomic_store_explicit(&g->refcount, d != NULL ? d->refcount : 0U, memory_order_release);
	granule_unlock(g);
	/* The tracked checker looks at every restored granule again (conservative). */
	bitmap_set(rmm->banks[b].live_map, i);
	bitmap_set(rmm->banks[b].mapped_map, i);
}

void rmm_snapshot_restore(struct rmm *rmm, const struct rmm_snapshot *s, const pa_t *pas,
			  size_t n)
{
	for (size_t k = 0; k < n; k++) {
		pa_t pa = pas[k] & ~(pa_t)GRANULE_MASK;

		put_desc(rmm, pa, snap_find(s, pa));
	}
	for (size_t k = 0; k < s->nlive; k++) {
		put_desc(rmm, s->live[k].pa, &s->live[k]);
	}
	for (unsigned b = 0; b < rmm->num_banks; b++) {
		memcpy(rmm->banks[b].used_chunks, s->chunks[b], s->chunk_words[b] * sizeof(uint64_t));
	}
	memcpy(rmm->vmid_bitmap, s->vmid_bitmap, sizeof(rmm->vmid_bitmap));
	atomic_store(&rmm->v2->abi, s->abi);
	atomic_store(&rmm->v2->global, s->global);
	atomic_store(&rmm->v2->realm_serial, s->realm_serial);
	memcpy(rmm->v2->sro, s->sro, sizeof(s->sro));
	/* Memory changes behind the RMM's back: no walk cache stamp is current. */
	rmm->check_epoch += 2U;
	__atomic_store_n(&rmm->objects_changed, true, __ATOMIC_RELAXED);
}
