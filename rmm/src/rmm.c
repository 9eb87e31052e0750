/* SPDX-License-Identifier: BSD-3-Clause */
/* RMM instance: creation from the platform's memory map, VMID allocator. */
#include <stdlib.h>
#include <string.h>

#include "realm.h"
#include "rmm_private.h"
#include "v2/v2.h"

/* Upper bits of each instance's check_epoch (invariants.c walk cache). */
static _Atomic uint64_t rmm_epoch_base = 1ULL << 32;

struct rmm *rmm_create(const struct rmm_config *cfg, const struct rmm_plat *plat)
{
	struct rmm *rmm;

	if (cfg == NULL || plat == NULL || plat->granule_map == NULL || plat->ns_read == NULL ||
	    plat->ns_write == NULL || plat->gtsi == NULL || cfg->num_banks == 0U ||
	    cfg->num_banks > RMM_MAX_BANKS || cfg->pa_bits < 32U || cfg->pa_bits > 52U ||
	    (cfg->vmid_bits != 8U && cfg->vmid_bits != 16U)) {
		return NULL;
	}
	rmm = calloc(1, sizeof(*rmm));
	if (rmm == NULL) {
		return NULL;
	}
	rmm->cfg = *cfg;
	rmm->plat = *plat;
	if (rmm_v2_init(rmm) != 0) {
		free(rmm);
		return NULL;
	}
	atomic_flag_clear(&rmm->vmid_lock);
	atomic_flag_clear(&rmm->inv_busy);
	{
		pthread_rwlockattr_t attr;

		pthread_rwlockattr_init(&attr);
		pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
		if (pthread_rwlock_init(&rmm->quiesce, &attr) != 0) {
			pthread_rwlockattr_destroy(&attr);
			free(rmm);
			return NULL;
		}
		pthread_rwlockattr_destroy(&attr);
	}
	/*
	 * Epochs are unique across instances: a freed RMM's address may come
	 * back from calloc, and its walk cache stamps must not look current.
	 */
	rmm->check_epoch = atomic_fetch_add(&rmm_epoch_base, 1ULL << 32);
#if defined(RMM_DEBUG_CHECKS)
	rmm->check_invariants = true;
#endif
	for (unsigned i = 0; i < cfg->num_banks; i++) {
		const struct rmm_mem_bank *b = &cfg->banks[i];

		if (((b->base | b->size) & GRANULE_MASK) != 0U || b->size == 0U ||
		    b->base + b->size < b->base) {
			rmm_destroy(rmm);
			return NULL;
		}
		rmm->banks[i].base = b->base;
		rmm->banks[i].size = b->size;
		/* calloc: every granule starts UNDELEGATED (0), unlocked, refcount 0. */
		rmm->banks[i].granules = calloc(b->size >> GRANULE_SHIFT, sizeof(struct granule));
		rmm->banks[i].used_chunks =
			calloc(((b->size >> (GRANULE_SHIFT + GRANULE_CHUNK_SHIFT)) + 64U) / 64U,
			       sizeof(uint64_t));
		rmm->banks[i].live_map = calloc(((b->size >> GRANULE_SHIFT) + 63U) / 64U,
						sizeof(uint64_t));
		rmm->banks[i].mapped_map = calloc(((b->size >> GRANULE_SHIFT) + 63U) / 64U,
						  sizeof(uint64_t));
		rmm->num_banks = i + 1U;
		if (rmm->banks[i].granules == NULL || rmm->banks[i].used_chunks == NULL ||
		    rmm->banks[i].live_map == NULL || rmm->banks[i].mapped_map == NULL) {
			rmm_destroy(rmm);
			return NULL;
		}
	}
	return rmm;
}

void rmm_destroy(struct rmm *rmm)
{
	if (rmm == NULL) {
		return;
	}
	rmm_attest_fini(rmm);
	for (unsigned i = 0; i < rmm->num_banks; i++) {
		free(rmm->banks[i].granules);
		free(rmm->banks[i].used_chunks);
		free(rmm->banks[i].live_map);
		free(rmm->banks[i].mapped_map);
	}
	inv_scratch_free(rmm);
	rmm_v2_fini(rmm);
	pthread_rwlock_destroy(&rmm->quiesce);
	free(rmm);
}

void rmm_reset_granules(struct rmm *rmm, const pa_t *pas, size_t n)
{
	/* VMIDs first: they live in the RDs, whose memory the platform restores next. */
	for (size_t k = 0; k < n; k++) {
		struct granule *g = granule_find(rmm, pas[k]);

		if (g != NULL && granule_get_state(g) == RMM_GRANULE_RD) {
			vmid_free(rmm, rd_map(rmm, g)->s2.vmid);
		}
	}
	for (size_t k = 0; k < n; k++) {
		struct granule *g = granule_find(rmm, pas[k]);
		unsigned b;
		size_t i;

		if (g == NULL || !granule_bank_index(rmm, g, &b, &i)) {
			continue;
		}
		granule_lock(g);
		__atomic_store_n(&g->state, (uint8_t)RMM_GRANULE_UNDELEGATED, __ATOMIC_RELEASE);
		g->changed = 0;
		atomic_store_explicit(&g->refcount, 0, memory_order_release);
		granule_unlock(g);
		rmm->banks[b].live_map[i / 64U] &= ~(1ULL << (i % 64U));
		rmm->banks[b].mapped_map[i / 64U] &= ~(1ULL << (i % 64U));
	}
	/* A chunk whose granules are all UNDELEGATED again is no longer used. */
	for (size_t k = 0; k < n; k++) {
		struct granule *g = granule_find(rmm, pas[k]);
		unsigned b;
		size_t i;
		bool idle = true;

		if (g == NULL || !granule_bank_index(rmm, g, &b, &i)) {
			continue;
		}
		struct rmm_bank *bank = &rmm->banks[b];
		size_t ch = i >> GRANULE_CHUNK_SHIFT;
		size_t end = (ch + 1U) << GRANULE_CHUNK_SHIFT;

		/* Already idle (an earlier granule of the same chunk): nothing to scan. */
		if ((bank->used_chunks[ch / 64U] & (1ULL << (ch % 64U))) == 0U) {
			continue;
		}
		/* Stops at the first granule in use: the reset's cost follows the input. */
		for (size_t j = ch << GRANULE_CHUNK_SHIFT; j < end && j < (bank->size >> GRANULE_SHIFT);
		     j++) {
			if (granule_get_state(&bank->granules[j]) != RMM_GRANULE_UNDELEGATED) {
				idle = false;
				break;
			}
		}
		if (idle) {
			bank->used_chunks[ch / 64U] &= ~(1ULL << (ch % 64U));
		}
	}
	/* RMI 2.0: SRO contexts, global state and the negotiated ABI as at creation. */
	rmm_v2_reset(rmm);
	/* Memory changes behind the RMM's back now: no walk cache stamp is current. */
	rmm->check_epoch += 2U;
	__atomic_store_n(&rmm->objects_changed, true, __ATOMIC_RELAXED);
}

uint64_t rmm_state_digest(const struct rmm *rmm)
{
	/* FNV-1a over what the RMM keeps outside granule memory. */
	uint64_t h = 0xcbf29ce484222325ULL;
#define RMM_DIGEST_BYTE(v) (h = (h ^ (uint8_t)(v)) * 0x100000001b3ULL)

	for (unsigned b = 0; b < rmm->num_banks; b++) {
		const struct rmm_bank *bank = &rmm->banks[b];
		size_t n = bank->size >> GRANULE_SHIFT;

		for (size_t i = 0; i < n; i++) {
			const struct granule *g = &bank->granules[i];
			uint16_t ref = granule_refcount(g);

			RMM_DIGEST_BYTE(g->state);
			RMM_DIGEST_BYTE(g->changed);
			RMM_DIGEST_BYTE(ref);
			RMM_DIGEST_BYTE(ref >> 8);
		}
		for (size_t w = 0; w < ((n >> GRANULE_CHUNK_SHIFT) + 64U) / 64U; w++) {
			for (unsigned k = 0; k < 8U; k++) {
				RMM_DIGEST_BYTE(bank->used_chunks[w] >> (8U * k));
			}
		}
	}
	for (size_t w = 0; w < sizeof(rmm->vmid_bitmap) / sizeof(rmm->vmid_bitmap[0]); w++) {
		for (unsigned k = 0; k < 8U; k++) {
			RMM_DIGEST_BYTE(rmm->vmid_bitmap[w] >> (8U * k));
		}
	}
	RMM_DIGEST_BYTE(rmm->check_invariants);
	RMM_DIGEST_BYTE(rmm->attest_keys != NULL);
	h = rmm_v2_digest(rmm, h);
#undef RMM_DIGEST_BYTE
	return h;
}

void rmm_set_invariant_checks(struct rmm *rmm, bool on)
{
	__atomic_store_n(&rmm->check_invariants, on, __ATOMIC_RELAXED);
}

struct granule *rmm_delegable_granule(const struct rmm *rmm, pa_t pa)
{
	if (rmm->cfg.pa_bits < 64U && (pa >> rmm->cfg.pa_bits) != 0U) {
		return NULL;
	}
	return granule_find(rmm, pa);
}

bool rmm_pa_is_delegable(const struct rmm *rmm, pa_t pa)
{
	return rmm_delegable_granule(rmm, pa) != NULL;
}

bool rmm_granule_state(const struct rmm *rmm, pa_t pa, enum rmm_granule_state *state)
{
	const struct granule *g = granule_find(rmm, pa & ~(pa_t)GRANULE_MASK);

	if (g == NULL) {
		return false;
	}
	*state = granule_get_state(g);
	return true;
}

const char *rmm_granule_state_name(enum rmm_granule_state s)
{
	switch (s) {
	case RMM_GRANULE_UNDELEGATED:
		return "UNDELEGATED";
	case RMM_GRANULE_DELEGATED:
		return "DELEGATED";
	case RMM_GRANULE_RD:
		return "RD";
	case RMM_GRANULE_REC:
		return "REC";
	case RMM_GRANULE_REC_AUX:
		return "REC_AUX";
	case RMM_GRANULE_DATA:
		return "DATA";
	case RMM_GRANULE_RTT:
		return "RTT";
	case RMM_GRANULE_PARTIAL:
		return "PARTIAL";
	case RMM_GRANULE_STATE_COUNT:
		break;
	}
	return "?";
}

static void vmid_lock(struct rmm *rmm)
{
	while (atomic_flag_test_and_set_explicit(&rmm->vmid_lock, memory_order_acquire)) {
	}
}

bool vmid_reserve(struct rmm *rmm, unsigned vmid)
{
	bool ok = false;

	if (vmid >= (1U << rmm->cfg.vmid_bits)) {
		return false;
	}
	vmid_lock(rmm);
	if ((rmm->vmid_bitmap[vmid / 64U] & (1ULL << (vmid % 64U))) == 0U) {
		rmm->vmid_bitmap[vmid / 64U] |= 1ULL << (vmid % 64U);
		__atomic_store_n(&rmm->objects_changed, true, __ATOMIC_RELAXED);
		ok = true;
	}
	atomic_flag_clear_explicit(&rmm->vmid_lock, memory_order_release);
	return ok;
}

void vmid_free(struct rmm *rmm, unsigned vmid)
{
	vmid_lock(rmm);
	rmm->vmid_bitmap[vmid / 64U] &= ~(1ULL << (vmid % 64U));
	__atomic_store_n(&rmm->objects_changed, true, __ATOMIC_RELAXED);
	atomic_flag_clear_explicit(&rmm->vmid_lock, memory_order_release);
}
