/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_mmu: decoding of one input and the comparison (fuzz_mmu.h).
 *
 * Input layout (missing bytes read as 0, so any input is valid):
 *   cfg    16 bytes: regime, SCTLR bits, TCR fields (TnSZ, TG, PS, TBI,
 *          HPD, EPD, DS), PARange, granules, TTBR low-bit noise, raw TCR
 *          XOR mask selector, MAIR
 *   pool   1 byte per table page (NPOOL): DRAM page, flash page, denied, hole
 *   deny   count + 2 bytes each: 4K granules of DRAM the GPC denies
 *   maps   count + 12 bytes each: VA index, PA, level, attributes, count
 *   pokes  count + 10 bytes each: a raw descriptor written over a table entry
 *   access count + 10 bytes each: VA form, access kind, EL0/PAN/unpriv
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_mmu.h"
#include "mmu.h"
#include "mmu_ref.h"
#include "mmu_ref_mem.h"
#include "tt_build.h"

#define FM_DRAM 0x80000000ULL
#define FM_DRAM_SIZE (4ULL << 20)
#define FM_FLASH 0x0ULL
#define FM_FLASH_SIZE (1ULL << 20)
#define FM_HOLE 0x40000000ULL
#define FM_NPOOL 40U     /* table pages per input (64K-aligned) */
#define FM_MAX_MAPS 24U
#define FM_MAX_POKES 12U
#define FM_MAX_ACCESS 24U

struct fm_in {
	const uint8_t *p;
	size_t n;
};

static uint8_t fm_u8(struct fm_in *in)
{
	uint8_t v = 0;

	if (in->n > 0) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

static uint64_t fm_bytes(struct fm_in *in, unsigned k)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < k; i++) {
		v |= (uint64_t)fm_u8(in) << (8 * i);
	}
	return v;
}

static struct mmu_ref_mem fm_mem;
static uint64_t fm_pool[FM_NPOOL];
static struct tt_builder fm_tt[2];
static unsigned long fm_stat_inputs, fm_stat_points, fm_stat_fault[MMU_FAULT_UNSUPPORTED + 1],
	fm_stat_gpf_out, fm_stat_raw_tcr;

void fm_setup(void)
{
	if (mmu_ref_mem_add(&fm_mem, FM_DRAM, FM_DRAM_SIZE) != 0 ||
	    mmu_ref_mem_add(&fm_mem, FM_FLASH, FM_FLASH_SIZE) != 0) {
		fprintf(stderr, "fuzz_mmu: no memory\n");
		exit(2);
	}
}

/* 64K pages of the backing an input wrote: zeroed before the next (inputs independent). */
#define FM_NDIRTY 128U
static uint64_t fm_dirty[FM_NDIRTY];
static unsigned fm_ndirty;

static void fm_mark(uint64_t pa)
{
	uint64_t page = pa & ~0xFFFFULL;

	for (unsigned i = 0; i < fm_ndirty; i++) {
		if (fm_dirty[i] == page) {
			return;
		}
	}
	if (fm_ndirty < FM_NDIRTY && mmu_ref_mem_ptr(&fm_mem, page, 0x10000) != NULL) {
		fm_dirty[fm_ndirty++] = page;
	}
}

static int fm_write(void *ctx, uint64_t pa, uint64_t desc)
{
	fm_mark(pa);
	return mmu_ref_mem_write(ctx, pa, desc);
}

static int fm_zero(void *ctx, uint64_t pa, uint64_t len)
{
	fm_mark(pa);
	return mmu_ref_mem_zero(ctx, pa, len);
}

static void fm_reset(void)
{
	for (unsigned i = 0; i < fm_ndirty; i++) {
		memset(mmu_ref_mem_ptr(&fm_mem, fm_dirty[i], 0x10000), 0, 0x10000);
	}
	fm_ndirty = 0;
	fm_mem.ndenied = 0;
}

/* The granule the walk will use for a TG field, for building matching tables. */
static unsigned fm_granule_of(unsigned tg, bool tg1, unsigned granules)
{
	unsigned g = tg1 ? (tg == 1 ? 14 : tg == 3 ? 16 : 12) : (tg == 1 ? 16 : tg == 2 ? 14 : 12);
	unsigned bit = g == 12 ? 1U : g == 14 ? 2U : 4U;

	return (granules & bit) ? g : 12;
}

struct fm_ctx {
	struct mmu_cfg cfg;
	unsigned g[2], txsz[2];
	bool built[2];
	uint64_t va_base[2];
	uint64_t map_va[FM_MAX_MAPS];
	unsigned nmap;
	FILE *log;
};

static void fm_decode_cfg(struct fm_in *in, struct fm_ctx *c)
{
	static const unsigned parange[8] = { 32, 36, 40, 42, 44, 48, 48, 40 };
	uint8_t b0 = fm_u8(in), b1 = fm_u8(in), t0 = fm_u8(in), t1 = fm_u8(in);
	uint8_t tg = fm_u8(in), ps = fm_u8(in), fl = fm_u8(in), gr = fm_u8(in);
	uint64_t tcr;

	c->cfg.regime = (enum mmu_regime)(b0 % 3);
	/* SCTLR: M unless bit 2 (1 in 8 inputs run with the MMU off), A, WXN, EE. */
	c->cfg.sctlr = ((b0 & 0x1C) == 0x1C ? 0 : 1) | ((b1 & 1) ? 2 : 0) | ((b1 & 2) ? 1ULL << 19 : 0) |
		       ((b1 & 4) ? 1ULL << 25 : 0);
	c->cfg.pa_bits = parange[gr & 7];
	c->cfg.granules = (gr >> 3) & 7;
	if ((gr & 0xC0) != 0xC0) {
		c->cfg.granules = MMU_GRAN_4K | MMU_GRAN_16K | MMU_GRAN_64K;
	}
	c->cfg.mair = fm_bytes(in, 8) ^ 0x0000000000FF4400ULL;
	if (c->cfg.regime == MMU_REGIME_EL2) {
		tcr = (t0 & 63) | ((uint64_t)(tg & 3) << 14) | ((uint64_t)(ps & 7) << 16) |
		      ((fl & 1) ? 1ULL << 20 : 0) | ((fl & 2) ? 1ULL << 24 : 0);
		c->g[0] = fm_granule_of(tg & 3, false, c->cfg.granules);
	} else {
		tcr = (t0 & 63) | ((fl & 4) ? 1ULL << 7 : 0) | ((uint64_t)(tg & 3) << 14) |
		      ((uint64_t)(t1 & 63) << 16) | ((fl & 8) ? 1ULL << 23 : 0) |
		      ((uint64_t)((tg >> 2) & 3) << 30) | ((uint64_t)(ps & 7) << 32) |
		      ((fl & 1) ? 1ULL << 37 : 0) | ((fl & 16) ? 1ULL << 38 : 0) |
		      ((fl & 2) ? 1ULL << 41 : 0) | ((fl & 32) ? 1ULL << 42 : 0) |
		      ((t1 & 0xC0) == 0xC0 ? 1ULL << 59 : 0);
		c->g[0] = fm_granule_of(tg & 3, false, c->cfg.granules);
		c->g[1] = fm_granule_of((tg >> 2) & 3, true, c->cfg.granules);
	}
	/* 1 input in 16: raw noise over the whole TCR (reserved fields, other formats). */
	if ((fl & 0xC0) == 0xC0 && (tg & 0x30) == 0x30) {
		tcr ^= fm_bytes(in, 8);
		fm_stat_raw_tcr++;
	}
	c->cfg.tcr = tcr;
	c->txsz[0] = (t0 & 63) < 16 ? 16 : (t0 & 63) > 39 ? 39 : (t0 & 63);
	c->txsz[1] = (t1 & 63) < 16 ? 16 : (t1 & 63) > 39 ? 39 : (t1 & 63);
	c->va_base[0] = 0;
	c->va_base[1] = ~0ULL << (64 - c->txsz[1]);
}

static void fm_decode_pool(struct fm_in *in)
{
	for (unsigned i = 0; i < FM_NPOOL; i++) {
		uint8_t k = fm_u8(in);

		switch (k >> 5) {
		case 5:
			fm_pool[i] = FM_FLASH + 0x10000ULL * (1 + (k & 7)); /* flash-like */
			break;
		case 6:
			fm_pool[i] = FM_DRAM + 0x10000ULL * (48 + (k & 7)); /* denied below */
			for (unsigned j = 0; j < 16; j++) {
				(void)mmu_ref_mem_deny(&fm_mem, fm_pool[i] + 0x1000ULL * j);
			}
			break;
		case 7:
			fm_pool[i] = (k & 16) ? FM_HOLE + 0x10000ULL * (k & 7) : FM_DRAM + 0x10000ULL * i;
			break;
		default:
			fm_pool[i] = FM_DRAM + 0x10000ULL * i;
			break;
		}
	}
}

static void fm_decode_deny(struct fm_in *in)
{
	unsigned n = fm_u8(in) % 6;

	for (unsigned i = 0; i < n; i++) {
		uint64_t idx = fm_bytes(in, 2) % (FM_DRAM_SIZE >> 12);

		(void)mmu_ref_mem_deny(&fm_mem, FM_DRAM + (idx << 12));
	}
}

static uint64_t fm_pa(uint64_t sel, uint64_t raw)
{
	switch (sel & 3) {
	case 0:
		return FM_DRAM + (raw & (FM_DRAM_SIZE - 1));
	case 1:
		return raw & ((1ULL << 48) - 1); /* anywhere, also beyond PA size */
	case 2:
		return FM_DRAM + 0x10000ULL * 48 + (raw & 0x7FFFF); /* denied pool pages */
	default:
		return FM_HOLE + (raw & 0xFFFFF);
	}
}

static void fm_build(struct fm_in *in, struct fm_ctx *c)
{
	unsigned halves = c->cfg.regime == MMU_REGIME_EL2 ? 1 : 2, first = 0;

	fm_tt[1].nent = 0; /* no stale entries from the previous input for pokes to pick */

	for (unsigned h = 0; h < halves; h++) {
		struct tt_cfg tc = { .granule_shift = c->g[h], .txsz = c->txsz[h],
				     .pages = fm_pool + first, .npages = FM_NPOOL / 2,
				     .write = fm_write, .zero = fm_zero, .ctx = &fm_mem,
				     .big_endian = (c->cfg.sctlr & (1ULL << 25)) != 0 };

		/* Table pages must be granule-aligned: the pool's are (64K). */
		c->built[h] = tt_init(&fm_tt[h], &tc) == 0;
		first += FM_NPOOL / 2;
	}
	unsigned nmaps = fm_u8(in) % (FM_MAX_MAPS + 1);

	for (unsigned i = 0; i < nmaps; i++) {
		uint8_t sel = fm_u8(in);
		unsigned h = (sel & 1) % halves;
		uint64_t vidx = fm_bytes(in, 3), praw = fm_bytes(in, 4);
		uint8_t lvl = fm_u8(in);
		uint64_t attrs = fm_bytes(in, 2), hi = fm_u8(in);
		struct tt_map m;
		unsigned shift;

		if (!c->built[h]) {
			continue;
		}
		m.level = 1 + (lvl % 3);
		shift = c->g[h] + (unsigned)(3 - m.level) * (c->g[h] - 3);
		m.va = c->va_base[h] + ((vidx << shift) & ((1ULL << (64 - c->txsz[h])) - 1));
		m.pa = fm_pa(sel >> 1, praw << 12) & ~((1ULL << shift) - 1);
		m.attrs = (attrs & 0x0FFC) | ((hi & 0x1F) << 50);
		m.table_attrs = (uint64_t)(hi >> 5) << 59 | ((sel & 0x80) ? 1ULL << 62 : 0);
		m.count = (lvl & 0x80) ? tt_contig_entries(c->g[h], m.level) : 1U + ((lvl >> 4) & 3U);
		/* Overlapping or unfit mappings are simply refused. */
		if (tt_add(&fm_tt[h], &m) == 0) {
			c->map_va[c->nmap++] = m.va;
		}
	}
}

/* Raw descriptors over entries the builder wrote, or anywhere in a table page. */
static void fm_poke(struct fm_in *in, struct fm_ctx *c)
{
	unsigned n = fm_u8(in) % (FM_MAX_POKES + 1);

	for (unsigned i = 0; i < n; i++) {
		uint8_t sel = fm_u8(in), where = fm_u8(in);
		uint64_t v = fm_bytes(in, 8), pa;
		const struct tt_builder *b = &fm_tt[sel & 1];

		if (b->nent > 0 && !(sel & 2)) {
			pa = b->ent[where % b->nent].pa;
		} else {
			pa = fm_pool[where % FM_NPOOL] + ((uint64_t)(sel >> 2) << 3);
		}
		switch ((sel >> 6) & 3) {
		case 0: /* a table descriptor to one of the pool pages */
			v = (fm_pool[v % FM_NPOOL] | 3 | (v & (0xFULL << 59)));
			break;
		case 1: /* a leaf with random attributes */
			v = (v & 0xFFFFFFFFF000ULL) | (v & 0xFFF0000000000FFCULL) | 1 | (where & 2);
			break;
		default: /* anything */
			break;
		}
		if (c->cfg.sctlr & (1ULL << 25)) {
			v = __builtin_bswap64(v);
		}
		(void)fm_write(&fm_mem, pa, v);
	}
}

static void fm_finding(const struct fm_ctx *c, uint64_t va, enum mmu_access acc,
		       const struct mmu_result *ref, const struct mmu_result *got, const char *why)
{
	fprintf(stderr,
		"fuzz_mmu FINDING: %s\n  regime %d sctlr 0x%llx tcr 0x%llx ttbr0 0x%llx ttbr1 0x%llx "
		"pa_bits %u granules %u el0 %d pan %d unpriv %d\n  va 0x%llx acc %d\n"
		"  ref: fault %d level %d pa 0x%llx desc 0x%llx shift %u rwx %d%d%d attr 0x%x dev %d\n"
		"  got: fault %d level %d pa 0x%llx desc 0x%llx shift %u rwx %d%d%d attr 0x%x dev %d fsc 0x%x\n",
		why, c->cfg.regime, (unsigned long long)c->cfg.sctlr, (unsigned long long)c->cfg.tcr,
		(unsigned long long)c->cfg.ttbr0, (unsigned long long)c->cfg.ttbr1, c->cfg.pa_bits,
		c->cfg.granules, c->cfg.el0, c->cfg.pan, c->cfg.unpriv, (unsigned long long)va, acc,
		ref->fault, ref->level, (unsigned long long)ref->pa, (unsigned long long)ref->desc_pa,
		ref->map_shift, ref->can_read, ref->can_write, ref->can_exec, ref->attr, ref->device,
		got->fault, got->level, (unsigned long long)got->pa, (unsigned long long)got->desc_pa,
		got->map_shift, got->can_read, got->can_write, got->can_exec, got->attr, got->device,
		mmu_fsc(got));
	abort();
}

static void fm_access(struct fm_in *in, struct fm_ctx *c)
{
	uint8_t sel = fm_u8(in), fl = fm_u8(in);
	uint64_t raw = fm_bytes(in, 8), va;
	enum mmu_access acc = (enum mmu_access)(fl % 3);
	unsigned h = (sel >> 2) & 1;
	uint64_t ia_mask = (1ULL << (64 - c->txsz[h])) - 1;
	struct mmu_result ref, got;
	char why[160];

	switch (sel & 3) {
	case 0: /* inside a mapping that was added, at an offset */
	case 1:
		va = c->nmap > 0 ? c->map_va[raw % c->nmap] + ((raw >> 8) & 0x1FFFFF) : raw;
		break;
	case 2: /* anywhere in one half's range */
		va = c->va_base[h] + (raw & ia_mask);
		break;
	default:
		va = raw;
		break;
	}
	if (sel & 0x10) {
		va = (va & 0x00FFFFFFFFFFFFFFULL) | ((uint64_t)(sel & 0xE0) << 56); /* a top-byte tag */
	}
	c->cfg.el0 = (fl & 4) != 0;
	c->cfg.pan = (fl & 8) != 0;
	c->cfg.unpriv = (fl & 16) != 0;
	mmu_ref_translate(&c->cfg, va, acc, mmu_ref_mem_read, &fm_mem, &ref);
	memset(&got, 0xA5, sizeof(got));
	mmu_translate(&c->cfg, va, acc, mmu_ref_mem_read, &fm_mem, &got);
	fm_stat_points++;
	if ((unsigned)got.fault <= MMU_FAULT_UNSUPPORTED) {
		fm_stat_fault[got.fault]++;
	}
	if (c->log != NULL) {
		fprintf(c->log, "va 0x%016llx acc %d el0 %d pan %d unpriv %d -> %s level %d pa 0x%llx fsc 0x%x\n",
			(unsigned long long)va, acc, c->cfg.el0, c->cfg.pan, c->cfg.unpriv,
			mmu_fault_name(got.fault), got.level, (unsigned long long)got.pa, mmu_fsc(&got));
	}
	if (mmu_ref_compare(&ref, &got, mmu_fsc(&got), (c->cfg.sctlr & 1) != 0, ref.desc_pa != 0, why,
			    sizeof(why)) != 0) {
		fm_finding(c, va, acc, &ref, &got, why);
	}
	if (got.fault == MMU_OK) {
		struct mmu_ref_access a = { .va = va, .acc = acc, .size = 1 };
		struct mmu_ref_verdict v;
		bool denied = mmu_ref_mem_denied(&fm_mem, got.pa);

		mmu_ref_check_access(&c->cfg, &a, mmu_ref_mem_read, &fm_mem, mmu_ref_mem_gpc, &fm_mem, &v);
		if ((v.outcome == MMU_REF_ACCESS_GPF) != denied || (denied && v.fsc != 0x28)) {
			fm_finding(c, va, acc, &ref, &got, "GPC decision on the output PA");
		}
		fm_stat_gpf_out += denied;
	}
}

void fm_run(const uint8_t *data, size_t size, FILE *log)
{
	struct fm_in in = { data, size };
	struct fm_ctx c = { .log = log };
	uint8_t noise;
	unsigned n;

	fm_reset();
	fm_stat_inputs++;
	fm_decode_cfg(&in, &c);
	fm_decode_pool(&in);
	fm_decode_deny(&in);
	fm_build(&in, &c);
	fm_poke(&in, &c);
	noise = fm_u8(&in);
	c.cfg.ttbr0 = c.built[0] ? tt_ttbr(&fm_tt[0]) : 0;
	c.cfg.ttbr1 = c.built[1] ? tt_ttbr(&fm_tt[1]) : 0;
	/* TTBR noise: ASID, CnP, bits below the table alignment, or a raw value. */
	if (noise & 1) {
		c.cfg.ttbr0 |= (uint64_t)noise << 48 | (noise & 0x7E);
	}
	if (noise & 2) {
		c.cfg.ttbr1 |= (uint64_t)(noise & 0xF0) << 36;
	}
	if ((noise & 0xC) == 0xC) {
		c.cfg.ttbr0 = fm_bytes(&in, 8);
	}
	n = 1 + fm_u8(&in) % FM_MAX_ACCESS;
	for (unsigned i = 0; i < n; i++) {
		fm_access(&in, &c);
	}
}

void fm_print_stats(FILE *out)
{
	fprintf(out, "fuzz_mmu stats: %lu inputs, %lu accesses, raw TCR %lu, GPC-denied outputs %lu\n",
		fm_stat_inputs, fm_stat_points, fm_stat_raw_tcr, fm_stat_gpf_out);
	fprintf(out, "fuzz_mmu faults:");
	for (unsigned f = 0; f <= MMU_FAULT_UNSUPPORTED; f++) {
		fprintf(out, " %s=%lu", mmu_fault_name((enum mmu_fault)f), fm_stat_fault[f]);
	}
	fprintf(out, "\n");
}
