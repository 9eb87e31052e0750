/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 RMM-wide commands: RMM_CONFIG_SET/GET, RMM_ACTIVATE/DEACTIVATE,
 * RMM_STATE_GET, GRANULE_TRACKING_GET/SET, GPT_L1_CREATE/DESTROY, GPT_INFO
 * (den0137-2.0 commands.md, states.md §1-§2). The global-state gate has
 * run before these (v2_dispatch.c). Validate, then execute.
 */
#include <errno.h>
#include <string.h>

#include "realm.h"
#include "v2.h"

/* RmiRmmConfig (structures.md §4). */
#define RMM_CONFIG_TRACKING_OFFSET 0x0U
#define RMM_CONFIG_GRANULE_OFFSET 0x8U
#define RMM_CONFIG_READ_SIZE 16U

/* RmiMemCategory / RmiTrackingRegionState / RmiGptPar (structures.md §7). */
#define MEM_CATEGORY_CONVENTIONAL 0U
#define TRACKING_NONE 1U
#define TRACKING_FINE 2U
#define GPT_PAR_PLAT 1U
#define GPT_PAR_HOST_CREATED 3U

/* config_ptr checks 1-2 of CONFIG_SET and CONFIG_GET: aligned, an NS-readable granule. */
static bool config_ptr_ok(const struct rmm *rmm, pa_t pa)
{
	(void)rmm;
	return pa != 0U && (pa & GRANULE_MASK) == 0U;
}

RMI_HANDLER(smc2_rmm_config_set)
{
	uint8_t cfg[RMM_CONFIG_READ_SIZE];

	res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
	/* config_align */
	if (!config_ptr_ok(rmm, args[0])) {
		return;
	}
	/* config_pas: the GPT-checked read fails unless the granule is NS. */
	if (!rmm->plat.ns_read(rmm->plat.ctx, args[0], cfg, sizeof(cfg))) {
		return;
	}
	/* config_valid: 4 KB granule with 1 GiB tracking regions is the only configuration. */
	if (le_field(cfg, RMM_CONFIG_GRANULE_OFFSET, 8U) != 0U ||
	    le_field(cfg, RMM_CONFIG_TRACKING_OFFSET, 8U) != 0U) {
		return;
	}
	/* Nothing to store: the one valid configuration is also the default. */
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
}

RMI_HANDLER(smc2_rmm_config_get)
{
	uint8_t cfg[RMM_CONFIG_READ_SIZE] = { 0 };

	res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
	if (!config_ptr_ok(rmm, args[0])) {
		return;
	}
	/* {tracking 0 = 1 GiB, granule 0 = 4 KB}; the rest of the page is left alone. */
	if (!rmm->plat.ns_write(rmm->plat.ctx, args[0], cfg, sizeof(cfg))) {
		return;
	}
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
}

RMI_HANDLER(smc2_rmm_activate)
{
	(void)args;
	/* The gate checked INIT; no memory is needed, so no SRO (TF-RMM). */
	atomic_store(&rmm->v2->global, RMM_V2_ACTIVE);
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
}

RMI_HANDLER(smc2_rmm_deactivate)
{
	(void)args;
	/*
	 * CHOICE(rmm-deactivate): bet3 Linux calls it after a failed boot
	 * (states.md §1, semantics UNCONFIRMED). ACTIVATE took no memory, so
	 * there is nothing to reclaim: back to INIT, SUCCESS, no SRO.
	 */
	atomic_store(&rmm->v2->global, RMM_V2_INIT);
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
}

RMI_HANDLER(smc2_rmm_state_get)
{
	(void)args;
	/* CHOICE(rmm-state-get): not in TF-RMM; ungated, X1 = RMM state (0 INIT, 1 ACTIVE). */
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
	res->x[1] = atomic_load(&rmm->v2->global);
}

/* The managed bank holding @pa, or the first bank above it (NULL: none). */
static const struct rmm_bank *bank_at_or_above(const struct rmm *rmm, pa_t pa, bool *inside)
{
	const struct rmm_bank *best = NULL;

	*inside = false;
	for (unsigned i = 0; i < rmm->num_banks; i++) {
		const struct rmm_bank *b = &rmm->banks[i];

		if (pa >= b->base && pa - b->base < b->size) {
			*inside = true;
			return b;
		}
		if (b->base > pa && (best == NULL || b->base < best->base)) {
			best = b;
		}
	}
	return best;
}

/* range_valid of TRACKING_GET, GPT_INFO: inside the PA space, ordered, aligned, >= a granule. */
static bool range_ok(const struct rmm *rmm, pa_t start, pa_t end)
{
	pa_t max = 1ULL << rmm->cfg.pa_bits;

	if (start > max || end > max || start > end || end - start < GRANULE_SIZE) {
		return false;
	}
	return ((start | end) & GRANULE_MASK) == 0U;
}

RMI_HANDLER(smc2_granule_tracking_get)
{
	pa_t start = args[0];
	pa_t end = args[1];
	const struct rmm_bank *b;
	bool inside;
	pa_t top;

	if (!range_ok(rmm, start, end)) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	/*
	 * All memory is conventional. Managed DRAM is tracked FINE (a granule
	 * descriptor each, statically); other memory has no tracking (NONE).
	 * Unlike TF-RMM's dummy (states.md §2), X3 is the real end of the run
	 * with the same answer, so a host looping on X3 sees the bank limits.
	 */
	b = bank_at_or_above(rmm, start, &inside);
	if (inside) {
		top = b->base + b->size;
	} else {
		top = b != NULL ? b->base : end;
	}
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
	res->x[1] = MEM_CATEGORY_CONVENTIONAL;
	res->x[2] = inside ? TRACKING_FINE : TRACKING_NONE;
	res->x[3] = top < end ? top : end;
}

RMI_HANDLER(smc2_granule_tracking_set)
{
	pa_t start = args[0];
	pa_t end = args[1];
	bool inside;
	const struct rmm_bank *b;

	/*
	 * CHOICE(tracking-set): only bet3 Linux defines it and nobody calls it
	 * (states.md §2). (start, end, state): tracking is static, so asking
	 * FINE for managed memory succeeds with X1 = end and anything else is
	 * RMI_ERROR_TRACKING.
	 */
	if (!range_ok(rmm, start, end)) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	b = bank_at_or_above(rmm, start, &inside);
	if (args[2] != TRACKING_FINE || !inside || end - b->base > b->size) {
		res->x[0] = rmi_pack(RMI2_ERROR_TRACKING, 0);
		return;
	}
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
	res->x[1] = end;
}

static uint64_t l0gpt_size(const struct rmm *rmm)
{
	unsigned bits = rmm->cfg.gpt_l0gptsz_bits == 0U ? 30U : rmm->cfg.gpt_l0gptsz_bits;

	return 1ULL << bits;
}

/* addr_align / addr_bound of GPT_L1_CREATE and _DESTROY. */
static bool gpt_addr_ok(const struct rmm *rmm, pa_t addr)
{
	return (addr & (l0gpt_size(rmm) - 1U)) == 0U && addr < (1ULL << rmm->cfg.pa_bits);
}

RMI_HANDLER(smc2_gpt_l1_create)
{
	int ret;

	if (!gpt_addr_ok(rmm, args[0])) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	/*
	 * CHOICE(gpt-l1-create): on the real GPT model (gpt/) the L0 block
	 * becomes a table; a region that already has one is RMI_ERROR_GPT,
	 * which v14 Linux reads as "already present" (states.md §2). The L1
	 * memory is EL3's. TF-RMM always answers ERROR_GPT.
	 */
	ret = rmm->plat.gpt_l1 != NULL ? rmm->plat.gpt_l1(rmm->plat.ctx, RMM_GPT_L1_CREATE, args[0])
				       : -EEXIST;
	if (ret == -EINVAL) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	res->x[0] = rmi_pack(ret == 0 ? RMI2_SUCCESS : RMI2_ERROR_GPT, 0);
}

RMI_HANDLER(smc2_gpt_l1_destroy)
{
	int ret;

	if (!gpt_addr_ok(rmm, args[0])) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	/* No table, or granules of different PAS in it: RMI_ERROR_GPT, nothing changes. */
	ret = rmm->plat.gpt_l1 != NULL
		      ? rmm->plat.gpt_l1(rmm->plat.ctx, RMM_GPT_L1_DESTROY, args[0])
		      : -ENOENT;
	if (ret == -EINVAL) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	res->x[0] = rmi_pack(ret == 0 ? RMI2_SUCCESS : RMI2_ERROR_GPT, 0);
}

RMI_HANDLER(smc2_gpt_info)
{
	pa_t start = args[0];
	pa_t end = args[1];
	uint64_t sz = l0gpt_size(rmm);
	pa_t top;

	if (!range_ok(rmm, start, end)) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	/*
	 * CHOICE(gpt-info): X1 = the end of the L0GPT region holding start
	 * (capped at end), X2 = RmiGptPar. The GPT is firmware-managed (EL3
	 * splits blocks on delegation), so every region reads PLAT, which is
	 * what bet3 Linux requires (layout UNCONFIRMED, README §3 item 2).
	 */
	top = (start & ~(sz - 1U)) + sz;
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
	res->x[1] = top < end ? top : end;
	res->x[2] = GPT_PAR_PLAT;
}
