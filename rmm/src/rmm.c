/* SPDX-License-Identifier: BSD-3-Clause */
/* RMM instance: creation from the platform's memory map, VMID allocator. */
#include <stdlib.h>
#include <string.h>

#include "rmm_private.h"

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
	atomic_flag_clear(&rmm->vmid_lock);
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
		rmm->num_banks = i + 1U;
		if (rmm->banks[i].granules == NULL || rmm->banks[i].used_chunks == NULL) {
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
	}
	free(rmm);
}

void rmm_set_invariant_checks(struct rmm *rmm, bool on)
{
	rmm->check_invariants = on;
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
		ok = true;
	}
	atomic_flag_clear_explicit(&rmm->vmid_lock, memory_order_release);
	return ok;
}

void vmid_free(struct rmm *rmm, unsigned vmid)
{
	vmid_lock(rmm);
	rmm->vmid_bitmap[vmid / 64U] &= ~(1ULL << (vmid % 64U));
	atomic_flag_clear_explicit(&rmm->vmid_lock, memory_order_release);
}
