/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GPT life cycle, configuration and the read side (walk, check, dumps).
 * Updates live in gpt_update.c.
 */
#include <errno.h>
#include <stdlib.h>

#include "gpt_private.h"

/* GPCCR_EL3 fields (Arm ARM, GPCCR_EL3). */
#define GPCCR_PPS_SHIFT 0U
#define GPCCR_IRGN_SHIFT 8U
#define GPCCR_ORGN_SHIFT 10U
#define GPCCR_SH_SHIFT 12U
#define GPCCR_PGS_SHIFT 14U
#define GPCCR_GPC_BIT (1ULL << 16)
#define GPCCR_L0GPTSZ_SHIFT 20U
#define GPCCR_RGN_WB 0x1ULL   /* Normal, write-back read/write-allocate */
#define GPCCR_SH_INNER 0x3ULL
#define GPCCR_PGS_4K 0x0ULL

/* GPCCR_EL3.PPS encoding of @bits, or -1 if the architecture has none. */
static int gpccr_pps(unsigned bits)
{
	switch (bits) {
	case 32:
		return 0;
	case 36:
		return 1;
	case 40:
		return 2;
	case 42:
		return 3;
	case 44:
		return 4;
	case 48:
		return 5;
	case 52:
		return 6;
	default:
		return -1;
	}
}

/* GPCCR_EL3.L0GPTSZ encoding of @bits, or -1 if reserved. */
static int gpccr_l0gptsz(unsigned bits)
{
	switch (bits) {
	case 30:
		return 0;
	case 34:
		return 4;
	case 36:
		return 6;
	case 39:
		return 9;
	default:
		return -1;
	}
}

struct gpt *gpt_create(const struct gpt_config *cfg)
{
	struct gpt *g;
	size_t i;

	if (cfg == NULL || gpccr_pps(cfg->pps_bits) < 0 ||
	    gpccr_l0gptsz(cfg->l0gptsz_bits) < 0)
		return NULL;

	g = calloc(1, sizeof(*g));
	if (g == NULL)
		return NULL;
	g->pps_bits = cfg->pps_bits;
	g->l0gptsz_bits = cfg->l0gptsz_bits;
	/*
	 * When PPS < L0GPTSZ the level-0 table has a single entry and its L1
	 * table only needs to cover the PPS.
	 */
	g->region_bits = cfg->pps_bits < cfg->l0gptsz_bits ? cfg->pps_bits
							   : cfg->l0gptsz_bits;
	g->l0_count = (size_t)1 << (cfg->pps_bits - g->region_bits);
	g->l1_desc_count = (size_t)1 << (g->region_bits - GPT_L1_DESC_SHIFT);
	for (i = 0; i < GPT_LOCK_STRIPES; i++)
		atomic_flag_clear(&g->locks[i]);

	g->l0 = calloc(g->l0_count, sizeof(*g->l0));
	g->l1 = calloc(g->l0_count, sizeof(*g->l1));
	if (g->l0 == NULL || g->l1 == NULL) {
		gpt_destroy(g);
		return NULL;
	}
	/* calloc's zeros are NO_ACCESS blocks (GPT_L0_STORE_KEY): nothing to write. */
	return g;
}

void gpt_destroy(struct gpt *g)
{
	size_t i;

	if (g == NULL)
		return;
	if (g->l1 != NULL) {
		for (i = 0; i < g->l1_end; i++)
			free(g->l1[i]);
	}
	free(g->l1);
	free(g->l0);
	free(g);
}

enum gpt_gpi gpt_get_gpi(const struct gpt *g, pa_t pa)
{
	uint64_t desc;
	size_t idx;

	if ((pa >> g->pps_bits) != 0)
		return GPT_GPI_NO_ACCESS;
	idx = (size_t)(pa >> g->region_bits);
	desc = gpt_l0_load(g, idx, memory_order_acquire);
	if (gpt_l0_is_block(desc))
		return gpt_l0_block_gpi(desc);
	if (gpt_l0_is_table(desc)) {
		size_t d = (size_t)((pa & (gpt_region_size(g) - 1U)) >> GPT_L1_DESC_SHIFT);

		desc = atomic_load_explicit(&g->l1[idx][d], memory_order_relaxed);
		return gpt_l1_get(desc, (unsigned)((pa >> GPT_PGS_SHIFT) & 0xFU));
	}
	return GPT_GPI_NO_ACCESS;
}

enum gpt_result gpt_check(const struct gpt *g, enum rmmsim_world world,
			  enum gpt_access access, pa_t pa)
{
	return gpt_check_inline(g, world, access, pa);
}

uint64_t gpt_l0_desc(const struct gpt *g, size_t index)
{
	if (index >= g->l0_count)
		return 0;
	return gpt_l0_load(g, index, memory_order_acquire);
}

size_t gpt_l0_count(const struct gpt *g)
{
	return g->l0_count;
}

pa_t gpt_l1_table_pa(const struct gpt *g, size_t index)
{
	/*
	 * Tables are laid out back to back from GPT_L1_PA_BASE, each aligned
	 * to its own size. The largest layout (PPS 52) spans 2^39 bytes, so
	 * every address fits the descriptor's bits [51:12].
	 */
	return GPT_L1_PA_BASE + (pa_t)index * gpt_l1_table_bytes(g);
}

uint64_t gpt_gpccr_el3(const struct gpt *g)
{
	return ((uint64_t)gpccr_pps(g->pps_bits) << GPCCR_PPS_SHIFT) |
	       (GPCCR_RGN_WB << GPCCR_IRGN_SHIFT) | (GPCCR_RGN_WB << GPCCR_ORGN_SHIFT) |
	       (GPCCR_SH_INNER << GPCCR_SH_SHIFT) | (GPCCR_PGS_4K << GPCCR_PGS_SHIFT) |
	       GPCCR_GPC_BIT |
	       ((uint64_t)gpccr_l0gptsz(g->l0gptsz_bits) << GPCCR_L0GPTSZ_SHIFT);
}
