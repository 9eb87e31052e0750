/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu: the VMSAv8-64 stage-1 translation table walk of the host PE.
 *
 * References are to the Arm ARM (DDI 0487) chapter D8, "The AArch64
 * Virtual Memory System Architecture": D8.1 "Address translation"
 * (regimes, VA ranges, TBI), D8.2 "Translation process" (input and output
 * address size, granule, start level, walk), D8.3 "Translation table
 * descriptor formats", D8.4 "Memory access control" (AP, XN, PXN, UXN,
 * hierarchical controls, PAN, WXN), the memory region attributes (MAIR
 * indirection) and D8.15 "Memory aborts" (D8.15.1 fault types, D8.15.5
 * their priority within one stage). The pseudocode names are those of the
 * Arm ARM's shared pseudocode (AArch64.S1StartLevel, ...). The DFSC
 * encodings are those of ESR_ELx's ISS for a Data Abort.
 *
 * One loop, no allocation, no recursion: the host calls this on every TLB
 * miss. Every set-up the model does not implement fails closed.
 */
#include "mmu.h"

#include <string.h>

/* SCTLR_ELx (D24.2 SCTLR_EL1 / SCTLR_EL2). */
#define SCTLR_M (1ULL << 0)
#define SCTLR_WXN (1ULL << 19)
#define SCTLR_EE (1ULL << 25)

/* TCR_EL2, EL2 format (HCR_EL2.E2H = 0). */
#define TCR2_TBI (1ULL << 20)
#define TCR2_HPD (1ULL << 24)
#define TCR2_PS_SHIFT 16

/* TCR_EL1 / TCR_EL2 with E2H = 1 (EL1 format). */
#define TCR_EPD0 (1ULL << 7)
#define TCR_T1SZ_SHIFT 16
#define TCR_EPD1 (1ULL << 23)
#define TCR_TG1_SHIFT 30
#define TCR_IPS_SHIFT 32
#define TCR_TBI0 (1ULL << 37)
#define TCR_TBI1 (1ULL << 38)
#define TCR_HPD0 (1ULL << 41)
#define TCR_HPD1 (1ULL << 42)
#define TCR_DS (1ULL << 59)
#define TCR_TG0_SHIFT 14

/* Descriptor fields (D8.3). */
#define DESC_VALID (1ULL << 0)
#define DESC_TABLE (1ULL << 1) /* table (level < 3) or page (level 3) */
#define DESC_ATTRINDX_SHIFT 2
#define DESC_AP1 (1ULL << 6)
#define DESC_AP2 (1ULL << 7)
#define DESC_AF (1ULL << 10)
#define DESC_CONTIG (1ULL << 52)
#define DESC_PXN (1ULL << 53)
#define DESC_XN (1ULL << 54) /* UXN in a two-range regime */
#define TBL_PXN (1ULL << 59)
#define TBL_XN (1ULL << 60) /* UXNTable in a two-range regime */
#define TBL_AP0 (1ULL << 61) /* APTable[0]: no EL0 access below */
#define TBL_AP1 (1ULL << 62) /* APTable[1]: no write below */
#define TBL_HIER (TBL_PXN | TBL_XN | TBL_AP0 | TBL_AP1)

/* Output addresses are bits [47:n] (no FEAT_LPA/LPA2, D8.3). */
#define OA_TOP_BITS 48
#define TTBR_BADDR_MASK (((1ULL << OA_TOP_BITS) - 1) & ~1ULL) /* bit 0 is CnP */

#define TXSZ_MIN 16 /* without FEAT_LVA */
#define TXSZ_MAX 39 /* without FEAT_TTST */

static inline uint64_t bits_from(unsigned lsb, unsigned top_excl)
{
	return ((top_excl >= 64) ? ~0ULL : ((1ULL << top_excl) - 1)) & ~((1ULL << lsb) - 1);
}

/* Walk parameters of the selected VA range (AArch64.GetS1TTWParams). */
struct walk_params {
	uint64_t ttbr;
	unsigned gshift;   /* 12, 14 or 16 */
	unsigned ia_bits;  /* 64 - TxSZ after the clamp */
	unsigned oa_bits;  /* PS/IPS, at most the PE's PARange */
	bool hpd;
	bool epd;
};

/* D8.2 output address size (TCR.PS/IPS): reserved or above the PE's PARange means PARange. */
static unsigned ps_bits(unsigned ps, unsigned pe_bits)
{
	unsigned b;

	switch (ps) {
	case 0: b = 32; break;
	case 1: b = 36; break;
	case 2: b = 40; break;
	case 3: b = 42; break;
	case 4: b = 44; break;
	case 5: b = 48; break;
	default: return pe_bits; /* 0b110 needs FEAT_LPA (beyond 48 bits); 0b111 reserved */
	}
	return b > pe_bits ? pe_bits : b;
}

/*
 * D8.2 granule size: a reserved TGx encoding, or a granule the PE does not implement,
 * behaves as an IMPLEMENTATION DEFINED implemented size: 4 KiB here.
 * tg_log2 is 12/14/16 or 0 for reserved.
 */
static unsigned granule_shift(unsigned tg_log2, unsigned granules)
{
	switch (tg_log2) {
	case 14: return (granules & MMU_GRAN_16K) ? 14 : 12;
	case 16: return (granules & MMU_GRAN_64K) ? 16 : 12;
	default: return 12;
	}
}

static unsigned tg0_log2(uint64_t tcr)
{
	switch ((tcr >> TCR_TG0_SHIFT) & 3) {
	case 0: return 12;
	case 1: return 16;
	case 2: return 14;
	default: return 0;
	}
}

static unsigned tg1_log2(uint64_t tcr)
{
	switch ((tcr >> TCR_TG1_SHIFT) & 3) {
	case 1: return 14;
	case 2: return 12;
	case 3: return 16;
	default: return 0;
	}
}

/* D8.2 input address size: TxSZ out of range is CONSTRAINED UNPREDICTABLE: clamped here. */
static unsigned ia_bits_of(uint64_t txsz)
{
	txsz &= 0x3f;
	if (txsz < TXSZ_MIN)
		txsz = TXSZ_MIN;
	if (txsz > TXSZ_MAX)
		txsz = TXSZ_MAX;
	return 64U - (unsigned)txsz;
}

static unsigned pe_pa_bits(const struct mmu_cfg *cfg)
{
	return cfg->pa_bits > OA_TOP_BITS ? OA_TOP_BITS : cfg->pa_bits;
}

static void fault(struct mmu_result *res, enum mmu_fault f, int level)
{
	res->fault = f;
	res->level = level;
}

/* D8.2, stage 1 disabled (SCTLR_ELx.M = 0): flat mapping, Device-nGnRnE, no permission checks. */
static void translate_off(const struct mmu_cfg *cfg, uint64_t va, bool tbi,
			  struct mmu_result *res)
{
	uint64_t pa = tbi ? (va & bits_from(0, 56)) : va;

	if ((pa >> pe_pa_bits(cfg)) != 0) {
		fault(res, MMU_FAULT_ADDR_SIZE, 0);
		return;
	}
	res->pa = pa;
	res->map_shift = 12;
	res->can_read = res->can_write = res->can_exec = true;
	res->device = true;
	res->attr = 0;
}

/*
 * D8.4: stage-1 direct permissions of the leaf, with the hierarchical
 * controls accumulated in @tbl (raw table bits [62:59], zero under HPD).
 * Mirrors AArch64.S1DirectBasePermissions and the PAN part of
 * AArch64.S1HasPermissionsFault.
 */
static void s1_perms(const struct mmu_cfg *cfg, uint64_t d, uint64_t tbl,
		     struct mmu_result *res)
{
	bool wxn = (cfg->sctlr & SCTLR_WXN) != 0;
	bool r, w, x;

	if (cfg->regime == MMU_REGIME_EL2) {
		/* One privilege level: AP[1] is RES1, XN at bit 54, APTable[0]/PXNTable RES0. */
		r = true;
		w = !(d & DESC_AP2) && !(tbl & TBL_AP1);
		x = !(d & DESC_XN) && !(tbl & TBL_XN);
		if (wxn && w)
			x = false;
	} else {
		bool pw = !(d & DESC_AP2);
		bool ur = (d & DESC_AP1) != 0;
		bool uw = ur && pw;
		bool px, ux;

		if (tbl & TBL_AP0)
			ur = uw = false;
		if (tbl & TBL_AP1)
			pw = uw = false;
		/* D8.4: a location writable at EL0 is never privileged-executable. */
		px = !(d & DESC_PXN) && !(tbl & TBL_PXN) && !uw;
		ux = !(d & DESC_XN) && !(tbl & TBL_XN);
		if (cfg->el0 || cfg->unpriv) {
			r = ur;
			w = uw;
			x = ux;
		} else {
			r = true;
			w = pw;
			x = px;
		}
		/* WXN is evaluated on the permissions before PAN removes any (AArch64.S1ComputePermissions). */
		if (wxn && w && x)
			x = false;
		/*
		 * D8.4 PAN: privileged data accesses to EL0-accessible
		 * locations fault. Applied to the reported read/write
		 * permission whatever @acc is: it is the permission every
		 * privileged data access sees.
		 */
		if (cfg->pan && !cfg->el0 && !cfg->unpriv && ur)
			r = w = false;
	}
	res->can_read = r;
	res->can_write = w;
	res->can_exec = x;
}

static bool block_allowed(unsigned gshift, int level)
{
	/* D8.3: 4K blocks at levels 1 and 2; 16K and 64K at level 2 (no FEAT_LPA). */
	return level == 2 || (gshift == 12 && level == 1);
}

static bool access_allowed(const struct mmu_result *res, enum mmu_access acc)
{
	switch (acc) {
	case MMU_ACCESS_READ: return res->can_read;
	case MMU_ACCESS_WRITE: return res->can_write;
	case MMU_ACCESS_FETCH: return res->can_exec;
	}
	return false;
}

/*
 * Selects the VA range and its controls (D8.1 VA ranges and TBI) and
 * fills @wp. Returns false with @res set on a level-0 fault.
 */
static bool select_range(const struct mmu_cfg *cfg, uint64_t va, struct walk_params *wp,
			 struct mmu_result *res)
{
	uint64_t tcr = cfg->tcr;
	bool upper = false, tbi;
	unsigned addrtop;
	uint64_t top_mask;

	if (cfg->regime == MMU_REGIME_EL2) {
		tbi = (tcr & TCR2_TBI) != 0;
		wp->ttbr = cfg->ttbr0;
		wp->ia_bits = ia_bits_of(tcr);
		wp->gshift = granule_shift(tg0_log2(tcr), cfg->granules);
		wp->oa_bits = ps_bits((unsigned)(tcr >> TCR2_PS_SHIFT) & 7, pe_pa_bits(cfg));
		wp->hpd = (tcr & TCR2_HPD) != 0;
		wp->epd = false;
	} else {
		if (tcr & TCR_DS) { /* FEAT_LPA2 52-bit descriptors: not modelled */
			fault(res, MMU_FAULT_UNSUPPORTED, 0);
			return false;
		}
		upper = (va >> 55) & 1;
		tbi = (tcr & (upper ? TCR_TBI1 : TCR_TBI0)) != 0;
		wp->ttbr = upper ? cfg->ttbr1 : cfg->ttbr0;
		wp->ia_bits = ia_bits_of(upper ? tcr >> TCR_T1SZ_SHIFT : tcr);
		wp->gshift = granule_shift(upper ? tg1_log2(tcr) : tg0_log2(tcr), cfg->granules);
		wp->oa_bits = ps_bits((unsigned)(tcr >> TCR_IPS_SHIFT) & 7, pe_pa_bits(cfg));
		wp->hpd = (tcr & (upper ? TCR_HPD1 : TCR_HPD0)) != 0;
		wp->epd = (tcr & (upper ? TCR_EPD1 : TCR_EPD0)) != 0;
	}
	/* D8.1 VA ranges: bits [addrtop:ia_bits] all zeros (TTBR0) or all ones (TTBR1). */
	addrtop = tbi ? 55 : 63;
	top_mask = bits_from(wp->ia_bits, addrtop + 1);
	if ((va & top_mask) != (upper ? top_mask : 0) || wp->epd) {
		fault(res, MMU_FAULT_TRANSLATION, 0);
		return false;
	}
	return true;
}

void mmu_translate(const struct mmu_cfg *cfg, uint64_t va, enum mmu_access acc,
		   mmu_read_fn rd, void *ctx, struct mmu_result *res)
{
	struct walk_params wp;
	unsigned stride, lsb, nbits;
	uint64_t base, d = 0, tbl = 0, oa_mask, out;
	int level, start;

	memset(res, 0, sizeof(*res));
	if (!(cfg->sctlr & SCTLR_M)) {
		bool tbi;

		if (cfg->regime == MMU_REGIME_EL2)
			tbi = (cfg->tcr & TCR2_TBI) != 0;
		else
			tbi = (cfg->tcr & (((va >> 55) & 1) ? TCR_TBI1 : TCR_TBI0)) != 0;
		translate_off(cfg, va, tbi, res);
		return;
	}
	if (!select_range(cfg, va, &wp, res))
		return;

	/* D8.2 start level (AArch64.S1StartLevel): 8-byte descriptors, stride = gshift - 3. */
	stride = wp.gshift - 3;
	start = 3 - (int)((wp.ia_bits - 1 - wp.gshift) / stride);
	level = start;
	oa_mask = bits_from(wp.gshift, OA_TOP_BITS);

	/* D24.2 TTBR_ELx.BADDR: bits above the output size fault; bits below the table size are 0. */
	base = wp.ttbr & TTBR_BADDR_MASK;
	if ((base >> wp.oa_bits) != 0) {
		fault(res, MMU_FAULT_ADDR_SIZE, 0);
		return;
	}
	lsb = wp.gshift + (unsigned)(3 - start) * stride;
	base &= ~((1ULL << (wp.ia_bits - lsb + 3)) - 1);

	for (;;) {
		enum mmu_read_status st;
		uint64_t dpa;

		lsb = wp.gshift + (unsigned)(3 - level) * stride;
		nbits = (level == start) ? wp.ia_bits - lsb : stride;
		dpa = base + (((va >> lsb) & ((1ULL << nbits) - 1)) << 3);
		res->desc_pa = dpa;
		st = rd(ctx, dpa, &d);
		if (st != MMU_READ_OK) {
			/* D8.15.1 / RME: a walk access denied by the GPC or hitting no memory. */
			fault(res, st == MMU_READ_GPF ? MMU_FAULT_GPF_WALK : MMU_FAULT_SEA_WALK, level);
			return;
		}
		if (cfg->sctlr & SCTLR_EE)
			d = __builtin_bswap64(d);
		if (!(d & DESC_VALID)) {
			fault(res, MMU_FAULT_TRANSLATION, level);
			return;
		}
		if (level == 3 || !(d & DESC_TABLE))
			break;
		/* D8.3 table descriptor: next-level address is bits [47:gshift]. */
		if (((d & oa_mask) >> wp.oa_bits) != 0) {
			fault(res, MMU_FAULT_ADDR_SIZE, level);
			return;
		}
		if (!wp.hpd) /* D8.4 hierarchical controls, disabled by TCR.HPDx */
			tbl |= d & TBL_HIER;
		base = d & oa_mask;
		level++;
	}

	/* Leaf: a page at level 3 needs 0b11; a block needs 0b01 where one is allowed. */
	if ((level == 3) ? !(d & DESC_TABLE) : !block_allowed(wp.gshift, level)) {
		fault(res, MMU_FAULT_TRANSLATION, level);
		return;
	}
	/* D8.15.5 priority for a valid leaf: address size, access flag, permission. */
	if (((d & oa_mask) >> wp.oa_bits) != 0) {
		fault(res, MMU_FAULT_ADDR_SIZE, level);
		return;
	}
	res->level = level;
	res->contiguous = (d & DESC_CONTIG) != 0;
	if (!(d & DESC_AF)) { /* no hardware AF update (FEAT_HAFDBS not modelled) */
		fault(res, MMU_FAULT_ACCESS_FLAG, level);
		return;
	}
	s1_perms(cfg, d, tbl, res);
	if (!access_allowed(res, acc)) {
		fault(res, MMU_FAULT_PERMISSION, level);
		return;
	}
	out = d & bits_from(lsb, OA_TOP_BITS);
	res->pa = out | (va & ((1ULL << lsb) - 1));
	res->map_shift = lsb;
	/* Memory region attributes: AttrIndx[2:0] (descriptor bits [4:2]) selects a MAIR byte. */
	res->attr = (uint8_t)(cfg->mair >> (8 * ((d >> DESC_ATTRINDX_SHIFT) & 7)));
	res->device = (res->attr >> 4) == 0;
}

unsigned mmu_fsc(const struct mmu_result *res)
{
	unsigned lvl = (unsigned)res->level & 3;

	switch (res->fault) {
	case MMU_OK: return 0;
	case MMU_FAULT_ADDR_SIZE: return 0x00 + lvl;
	case MMU_FAULT_TRANSLATION: return 0x04 + lvl;
	case MMU_FAULT_ACCESS_FLAG: return 0x08 + lvl;
	case MMU_FAULT_PERMISSION: return 0x0C + lvl;
	case MMU_FAULT_SEA_WALK: return 0x14 + lvl;
	case MMU_FAULT_GPF_WALK: return 0x24 + lvl;
	case MMU_FAULT_UNSUPPORTED: return 0x04; /* reported as a level-0 translation fault */
	}
	return 0x04;
}

const char *mmu_fault_name(enum mmu_fault f)
{
	switch (f) {
	case MMU_OK: return "ok";
	case MMU_FAULT_ADDR_SIZE: return "address size";
	case MMU_FAULT_TRANSLATION: return "translation";
	case MMU_FAULT_ACCESS_FLAG: return "access flag";
	case MMU_FAULT_PERMISSION: return "permission";
	case MMU_FAULT_SEA_WALK: return "external abort on walk";
	case MMU_FAULT_GPF_WALK: return "granule protection on walk";
	case MMU_FAULT_UNSUPPORTED: return "unsupported";
	}
	return "unknown";
}
