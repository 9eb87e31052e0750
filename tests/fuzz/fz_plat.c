/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The fuzz harness's platform: the memory map of the unit tests' fake
 * (tests/fake/fake_plat.h: two DRAM banks, here 2 + 1 MiB, a Secure
 * carve-out at the end of bank 1, Secure memory, MMIO)
 * with a real GPT (gpt/) and one RMM, all built once per process and
 * restored after every input in time proportional to what the input
 * touched: every granule the RMM mapped, the host wrote or a GTSI moved is
 * in dirty_list; fzp_end returns those granules' descriptors to
 * UNDELEGATED (rmm_reset_granules, which also frees the RDs' VMIDs), moves
 * them back to NS and zeroes them. The restore is complete because the GPT
 * changes only through GTSI, memory only through granule_map / ns_write /
 * fzp_ns_write, and the RMM's own state outside granule memory is the
 * descriptors and the VMID bitmap (tests/fuzz/reset: a fresh and a reset
 * platform have the same fzp_digest). Since memory changes only through
 * granule_map, the harness may use rmm_check_invariants_tracked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "fuzz_rmi.h"
#include "smc_dispatch.h"


uint64_t fzp_feat_reg0(void)
{
	/* The same RmiFeatureRegister0 as the unit tests' fake platform (structures.md §4). */
	return (48ULL << RMI_FEATURE_REGISTER_0_S2SZ_SHIFT) |
	       (5ULL << RMI_FEATURE_REGISTER_0_NUM_BPS_SHIFT) |
	       (5ULL << RMI_FEATURE_REGISTER_0_NUM_WPS_SHIFT) |
	       (1ULL << RMI_FEATURE_REGISTER_0_PMU_EN_SHIFT) |
	       (8ULL << RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS_SHIFT) |
	       (1ULL << RMI_FEATURE_REGISTER_0_HASH_SHA_256_SHIFT) |
	       (1ULL << RMI_FEATURE_REGISTER_0_HASH_SHA_512_SHIFT) |
	       (15ULL << RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS_SHIFT) |
	       (10ULL << RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER_SHIFT);
}

uint8_t *fzp_mem(struct fz_plat *p, pa_t pa)
{
	if (pa >= FZ_BANK0_BASE && pa - FZ_BANK0_BASE < FZ_BANK0_SIZE) {
		return p->bank[0] + (pa - FZ_BANK0_BASE);
	}
	if (pa >= FZ_BANK1_BASE && pa - FZ_BANK1_BASE < FZ_BANK1_SIZE) {
		return p->bank[1] + (pa - FZ_BANK1_BASE);
	}
	return NULL;
}

static void mark_dirty(struct fz_plat *p, pa_t pa, bool gpt)
{
	int i = fz_gidx(pa);

	if (i < 0) {
		return;
	}
	if ((p->dirty[i] & (gpt ? 2U : 1U)) != 0U) {
		return;
	}
	if (p->dirty[i] == 0U) {
		if (p->ndirty == FZ_NUM_GRANULES) {
			abort(); /* cannot happen: one entry per granule */
		}
		p->dirty_list[p->ndirty++] = (uint32_t)i;
	}
	p->dirty[i] |= gpt ? 2U : 1U;
}

static void *plat_granule_map(void *ctx, pa_t pa)
{
	struct fz_plat *p = ctx;
	uint8_t *m = fzp_mem(p, pa);

	if (m == NULL || (pa & GRANULE_MASK) != 0U) {
		fprintf(stderr, "fuzz_rmi: RMM mapped 0x%llx, not a managed granule\n",
			(unsigned long long)pa);
		abort();
	}
	mark_dirty(p, pa, false);
	return m;
}

/* NS access as the RMM makes it: one granule, NS PAS at the time of the access. */
static bool ns_ok(struct fz_plat *p, pa_t pa, size_t len, enum gpt_access acc)
{
	if (len == 0U || len > GRANULE_SIZE ||
	    (pa & ~(pa_t)GRANULE_MASK) != ((pa + len - 1U) & ~(pa_t)GRANULE_MASK) ||
	    fzp_mem(p, pa) == NULL) {
		return false;
	}
	return gpt_check(p->gpt, WORLD_NS, acc, pa) == GPT_PASS;
}

static bool plat_ns_read(void *ctx, pa_t pa, void *dst, size_t len)
{
	struct fz_plat *p = ctx;

	if (!ns_ok(p, pa, len, GPT_ACCESS_READ)) {
		return false;
	}
	memcpy(dst, fzp_mem(p, pa), len);
	return true;
}

bool fzp_ns_write(struct fz_plat *p, pa_t pa, const void *src, size_t len)
{
	if (!ns_ok(p, pa, len, GPT_ACCESS_WRITE)) {
		return false;
	}
	mark_dirty(p, pa, false);
	memcpy(fzp_mem(p, pa), src, len);
	return true;
}

static bool plat_ns_write(void *ctx, pa_t pa, const void *src, size_t len)
{
	return fzp_ns_write(ctx, pa, src, len);
}

static int64_t plat_gtsi(void *ctx, uint64_t fid, pa_t pa)
{
	struct fz_plat *p = ctx;
	int ret;

	if (fid == RMM_GTSI_DELEGATE_FID) {
		ret = gpt_transition(p->gpt, pa, GPT_GPI_NS, GPT_GPI_REALM);
	} else if (fid == RMM_GTSI_UNDELEGATE_FID) {
		ret = gpt_transition(p->gpt, pa, GPT_GPI_REALM, GPT_GPI_NS);
	} else {
		return RMM_EL3_UNK;
	}
	if (ret != 0) {
		return RMM_EL3_BAD_PAS;
	}
	mark_dirty(p, pa, true);
	return RMM_EL3_OK;
}

static int plat_pas_of(void *ctx, pa_t pa)
{
	struct fz_plat *p = ctx;

	return (int)gpt_get_gpi(p->gpt, pa);
}

static struct fz_plat *plat_create(void)
{
	const struct gpt_config gcfg = { .pps_bits = FZ_GPT_PPS_BITS, .l0gptsz_bits = 30 };
	struct fz_plat *p = calloc(1, sizeof(*p));

	if (p == NULL) {
		return NULL;
	}
	p->gpt = gpt_create(&gcfg);
	p->bank[0] = calloc(1, FZ_BANK0_SIZE);
	p->bank[1] = calloc(1, FZ_BANK1_SIZE);
	if (p->gpt == NULL || p->bank[0] == NULL || p->bank[1] == NULL ||
	    gpt_set_range(p->gpt, FZ_BANK0_BASE, FZ_BANK0_SIZE, GPT_GPI_NS) != 0 ||
	    gpt_set_range(p->gpt, FZ_BANK1_BASE, FZ_BANK1_SIZE, GPT_GPI_NS) != 0 ||
	    gpt_set_range(p->gpt, FZ_SECURE_IN_BANK, FZ_SECURE_IN_BANK_SIZE, GPT_GPI_SECURE) != 0 ||
	    gpt_set_range(p->gpt, FZ_SECURE_BASE, FZ_SECURE_SIZE, GPT_GPI_SECURE) != 0 ||
	    gpt_set_range(p->gpt, FZ_MMIO_BASE, FZ_MMIO_SIZE, GPT_GPI_ANY) != 0) {
		return NULL; /* process-wide; the caller aborts */
	}
	p->cfg.banks[0].base = FZ_BANK0_BASE;
	p->cfg.banks[0].size = FZ_BANK0_SIZE;
	p->cfg.banks[1].base = FZ_BANK1_BASE;
	p->cfg.banks[1].size = FZ_BANK1_SIZE;
	p->cfg.num_banks = 2;
	p->cfg.pa_bits = FZ_PA_BITS;
	p->cfg.feat_reg0 = fzp_feat_reg0();
	p->cfg.vmid_bits = 16;
	/* RMI 1.0 and 2.0: an input's first byte picks the ABI (fz_v2.c, FZ_ABI2_SELECTOR). */
	p->cfg.rmi_abi = RMM_RMI_ABI_BOTH;
	p->plat.ctx = p;
	p->plat.granule_map = plat_granule_map;
	p->plat.ns_read = plat_ns_read;
	p->plat.ns_write = plat_ns_write;
	p->plat.gtsi = plat_gtsi;
	p->plat.pas_of = plat_pas_of;
	return p;
}

static pa_t dirty_pa(unsigned i)
{
	return i < FZ_BANK0_GRANULES ? FZ_BANK0_BASE + ((pa_t)i << GRANULE_SHIFT)
				     : FZ_BANK1_BASE + ((pa_t)(i - FZ_BANK0_GRANULES) << GRANULE_SHIFT);
}

static struct fz_plat *fz_the_plat;

struct fz_plat *fzp_create_fresh(void)
{
	struct fz_plat *p = plat_create();

	if (p == NULL) {
		fprintf(stderr, "fuzz_rmi: cannot create the platform\n");
		abort();
	}
	p->rmm = rmm_create(&p->cfg, &p->plat);
	if (p->rmm == NULL) {
		fprintf(stderr, "fuzz_rmi: rmm_create failed\n");
		abort();
	}
	/* The harness runs the checker itself after every call, to print the call. */
	rmm_set_invariant_checks(p->rmm, false);
	return p;
}

void fzp_free(struct fz_plat *p)
{
	if (p == NULL) {
		return;
	}
	if (p == fz_the_plat) {
		fz_the_plat = NULL;
	}
	rmm_destroy(p->rmm);
	gpt_destroy(p->gpt);
	free(p->bank[0]);
	free(p->bank[1]);
	free(p);
}

struct fz_plat *fzp_begin(void)
{
	if (fz_the_plat == NULL) {
		fz_the_plat = fzp_create_fresh();
	}
	return fz_the_plat;
}

void fzp_end(struct fz_plat *p)
{
	pa_t pas[FZ_NUM_GRANULES];

	for (unsigned k = 0; k < p->ndirty; k++) {
		pas[k] = dirty_pa(p->dirty_list[k]);
	}
	/* Descriptors first: the RMM reads the RDs' VMIDs before the memory is zeroed. */
	rmm_reset_granules(p->rmm, pas, p->ndirty);
	for (unsigned k = 0; k < p->ndirty; k++) {
		unsigned i = p->dirty_list[k];
		pa_t pa = pas[k];

		if ((p->dirty[i] & 2U) != 0U && gpt_get_gpi(p->gpt, pa) == GPT_GPI_REALM &&
		    gpt_transition(p->gpt, pa, GPT_GPI_REALM, GPT_GPI_NS) != 0) {
			abort(); /* the GPT refused its own inverse transition */
		}
		memset(fzp_mem(p, pa), 0, GRANULE_SIZE);
		p->dirty[i] = 0;
	}
	p->ndirty = 0;
}

uint64_t fzp_digest(struct fz_plat *p)
{
	/* FNV-1a: the RMM's descriptors and bitmaps, then PAS and bytes of every bank granule. */
	uint64_t h = rmm_state_digest(p->rmm);

	for (unsigned i = 0; i < FZ_NUM_GRANULES; i++) {
		pa_t pa = dirty_pa(i);
		const uint8_t *m = fzp_mem(p, pa);

		h = (h ^ (uint8_t)gpt_get_gpi(p->gpt, pa)) * 0x100000001b3ULL;
		for (unsigned b = 0; b < GRANULE_SIZE; b++) {
			h = (h ^ m[b]) * 0x100000001b3ULL;
		}
	}
	h = (h ^ p->ndirty) * 0x100000001b3ULL;
	return h;
}
