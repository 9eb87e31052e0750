/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The reference stage-1 walk (mmu_ref.h), step by step as in the Arm ARM's
 * AArch64.S1Translate: S1 disabled output, walk parameters, initial TTW
 * state, S1 walk, then the direct base permissions. Section names are from
 * DDI0487 (K.a) chapter D8 and the shared/translation pseudocode.
 */
#include "mmu_ref.h"

#define BIT(n) (1ULL << (n))
#define BITS(v, hi, lo) (((v) >> (lo)) & ((2ULL << ((hi) - (lo))) - 1))

/* AArch64.S1TTWParams, for the half (TTBR0/TTBR1) of the VA. */
struct ref_walkparams {
	unsigned half;        /* 0 = TTBR0, 1 = TTBR1 */
	unsigned tgx;         /* granule bits: 12, 14, 16 */
	unsigned txsz;
	unsigned ps;          /* output size in bits */
	unsigned addrtop;     /* 55 with TBI, else 63 */
	bool hpd, epd, ee, wxn, ds;
};

/* SCTLR_ELx bits used here (D19 SCTLR_EL1/SCTLR_EL2). */
#define SCTLR_M BIT(0)
#define SCTLR_WXN BIT(19)
#define SCTLR_EE BIT(25)

/* D8.2.6 "Input address size": TxSZ limits without FEAT_LVA/FEAT_TTST. */
static unsigned ref_clamp_txsz(unsigned txsz)
{
	return txsz < 16 ? 16 : txsz > 39 ? 39 : txsz;
}

/* D19 TCR_ELx.{PS,IPS}: the output size, capped by PARange (AArch64.PAMax). */
static unsigned ref_decode_ps(unsigned field, unsigned pamax)
{
	static const unsigned bits[8] = { 32, 36, 40, 42, 44, 48, 52, 0 };
	unsigned b = bits[field & 7];

	return (b == 0 || b > pamax) ? pamax : b;
}

/* The granule encodings of TG0 and TG1 differ (D19 TCR_EL1). */
static unsigned ref_tg0_bits(unsigned tg)
{
	return tg == 1 ? 16 : tg == 2 ? 14 : 12;
}

static unsigned ref_tg1_bits(unsigned tg)
{
	return tg == 1 ? 14 : tg == 3 ? 16 : 12;
}

/* An unimplemented granule behaves as 4K (the agreed choice; see the report). */
static unsigned ref_implemented_granule(unsigned tgx, unsigned tgran)
{
	unsigned bit = tgx == 12 ? 1U : tgx == 14 ? 2U : 4U;

	return (tgran & bit) ? tgx : 12;
}

static bool ref_is_two_range(enum mmu_ref_regime r)
{
	return r != MMU_REF_EL2;
}

/* AArch64.S1TTWParamsEL2 / AArch64.S1TTWParamsEL10/EL20. */
static void ref_walkparams(const struct mmu_ref_regs *regs, uint64_t va, struct ref_walkparams *wp)
{
	uint64_t tcr = regs->tcr;
	unsigned tg;

	wp->ee = (regs->sctlr & SCTLR_EE) != 0;
	wp->wxn = (regs->sctlr & SCTLR_WXN) != 0;
	if (!ref_is_two_range(regs->regime)) {
		wp->half = 0;
		wp->txsz = (unsigned)BITS(tcr, 5, 0);
		tg = ref_tg0_bits((unsigned)BITS(tcr, 15, 14));
		wp->ps = ref_decode_ps((unsigned)BITS(tcr, 18, 16), regs->pamax);
		wp->addrtop = (tcr & BIT(20)) ? 55 : 63;
		wp->hpd = (tcr & BIT(24)) != 0;
		wp->epd = false;
		wp->ds = false;
	} else {
		wp->half = (unsigned)BITS(va, 55, 55);
		if (wp->half == 0) {
			wp->txsz = (unsigned)BITS(tcr, 5, 0);
			tg = ref_tg0_bits((unsigned)BITS(tcr, 15, 14));
			wp->epd = (tcr & BIT(7)) != 0;
			wp->addrtop = (tcr & BIT(37)) ? 55 : 63;
			wp->hpd = (tcr & BIT(41)) != 0;
		} else {
			wp->txsz = (unsigned)BITS(tcr, 21, 16);
			tg = ref_tg1_bits((unsigned)BITS(tcr, 31, 30));
			wp->epd = (tcr & BIT(23)) != 0;
			wp->addrtop = (tcr & BIT(38)) ? 55 : 63;
			wp->hpd = (tcr & BIT(42)) != 0;
		}
		wp->ps = ref_decode_ps((unsigned)BITS(tcr, 34, 32), regs->pamax);
		wp->ds = (tcr & BIT(59)) != 0;
	}
	wp->tgx = ref_implemented_granule(tg, regs->tgran);
	wp->txsz = ref_clamp_txsz(wp->txsz);
}

/* AArch64.S1StartLevel: levels needed to resolve iasize bits with this stride. */
static int ref_start_level(unsigned iasize, unsigned tgx)
{
	unsigned stride = tgx - 3;
	unsigned levels = (iasize - tgx + stride - 1) / stride;

	return 4 - (int)levels;
}

/* Bits [hi:lo] of @v all zero. */
static bool ref_zero(uint64_t v, unsigned hi, unsigned lo)
{
	return hi < lo || BITS(v, hi, lo) == 0;
}

static bool ref_ones(uint64_t v, unsigned hi, unsigned lo)
{
	return hi < lo || BITS(v, hi, lo) == ((2ULL << (hi - lo)) - 1);
}

static void ref_fault(struct mmu_ref_out *out, enum mmu_ref_fault f, int level)
{
	out->fault = f;
	out->level = level;
}

/* AArch64.S1DisabledOutput: flat mapping, Device-nGnRnE, no permission checks. */
static void ref_s1_disabled(const struct mmu_ref_regs *regs, uint64_t va, struct mmu_ref_out *out)
{
	uint64_t tcr = regs->tcr;
	bool tbi;

	if (!ref_is_two_range(regs->regime)) {
		tbi = (tcr & BIT(20)) != 0;
	} else {
		tbi = (tcr & (BITS(va, 55, 55) ? BIT(38) : BIT(37))) != 0;
	}
	if (!ref_zero(va, tbi ? 55 : 63, regs->pamax)) {
		ref_fault(out, MMU_REF_FAULT_ADDRSIZE, 0);
		return;
	}
	out->fault = MMU_REF_FAULT_NONE;
	out->level = 0;
	out->oa = BITS(va, regs->pamax - 1, 0);
	out->r = out->w = out->x = true;
	out->memattr = 0;
	out->is_device = true;
}

/* The hierarchical permission state collected over table descriptors. */
struct ref_tablebits {
	bool ap_no_el0, ap_no_write, uxn, pxn;
};

/* D8.4 "Memory access control": AArch64.S1DirectBasePermissions. */
static void ref_permissions(const struct mmu_ref_regs *regs, const struct ref_walkparams *wp,
			    uint64_t desc, const struct ref_tablebits *tb, enum mmu_ref_acctype at,
			    struct mmu_ref_out *out)
{
	bool ap2 = (desc & BIT(7)) != 0, ap1 = (desc & BIT(6)) != 0;
	bool pr, pw, ur, uw, px, ux, el0;

	if (!ref_is_two_range(regs->regime)) {
		/* One privilege level: AP[1] ignored, XN = bit 54, PXN ignored. */
		pr = true;
		pw = !ap2 && !tb->ap_no_write;
		px = !(desc & BIT(54)) && !tb->uxn;
		if (wp->wxn && pw) {
			px = false;
		}
		out->r = pr;
		out->w = pw;
		out->x = px;
		return;
	}
	pr = true;
	pw = !ap2;
	ur = ap1;
	uw = ap1 && !ap2;
	if (tb->ap_no_el0) {
		ur = uw = false;
	}
	if (tb->ap_no_write) {
		pw = uw = false;
	}
	/* EL0-writable locations are never privileged-executable. */
	px = !(desc & BIT(53)) && !tb->pxn && !uw;
	ux = !(desc & BIT(54)) && !tb->uxn;
	if (wp->wxn) {
		px = px && !pw;
		ux = ux && !uw;
	}
	el0 = regs->at_el0 || regs->unpriv;
	if (el0) {
		out->r = ur;
		out->w = uw;
		out->x = ux;
		return;
	}
	/*
	 * PAN removes privileged data access to EL0-accessible locations; r and
	 * w are data permissions, so they lose it whatever access walked (a
	 * fetch is checked against x only).
	 */
	if (regs->pstate_pan && (ur || uw)) {
		pr = pw = false;
	}
	out->r = pr;
	out->w = pw;
	out->x = px;
}

static uint64_t ref_bswap64(uint64_t v)
{
	return __builtin_bswap64(v);
}

/* D8.3 descriptor formats: can a block sit at @level for this granule? */
static bool ref_block_allowed(unsigned tgx, int level)
{
	if (tgx == 12) {
		return level == 1 || level == 2;
	}
	return level == 2;
}

void mmu_ref_s1_translate(const struct mmu_ref_regs *regs, uint64_t va, enum mmu_ref_acctype at,
			  mmu_ref_load_fn load, void *ctx, struct mmu_ref_out *out)
{
	struct ref_walkparams wp;
	struct ref_tablebits tb = { false, false, false, false };
	unsigned iasize, stride, tsize;
	uint64_t base, ttbr, desc = 0;
	int level;

	*out = (struct mmu_ref_out){ .fault = MMU_REF_FAULT_NONE };
	if (!(regs->sctlr & SCTLR_M)) {
		ref_s1_disabled(regs, va, out);
		return;
	}
	ref_walkparams(regs, va, &wp);
	if (wp.ds) {
		ref_fault(out, MMU_REF_FAULT_UNSUPPORTED, 0);
		return;
	}
	iasize = 64 - wp.txsz;
	/* AArch64.VAIsOutOfRange: bits [addrtop:iasize] must all equal the half's fill. */
	if (wp.half == 0 ? !ref_zero(va, wp.addrtop, iasize) : !ref_ones(va, wp.addrtop, iasize)) {
		ref_fault(out, MMU_REF_FAULT_TRANSLATION, 0);
		return;
	}
	if (wp.epd) {
		ref_fault(out, MMU_REF_FAULT_TRANSLATION, 0);
		return;
	}
	/* AArch64.S1InitialTTWState: table base aligned to the start table's size. */
	level = ref_start_level(iasize, wp.tgx);
	stride = wp.tgx - 3;
	tsize = iasize - ((unsigned)(3 - level) * stride + wp.tgx) + 3;
	ttbr = regs->ttbr[wp.half];
	if (!ref_zero(ttbr, 47, wp.ps)) {
		ref_fault(out, MMU_REF_FAULT_ADDRSIZE, 0);
		return;
	}
	base = BITS(ttbr, 47, tsize) << tsize;

	/* AArch64.S1Walk */
	for (;;) {
		unsigned lsb = wp.tgx + (unsigned)(3 - level) * stride;
		unsigned msb = (level == ref_start_level(iasize, wp.tgx)) ? iasize - 1 : lsb + stride - 1;
		uint64_t index = BITS(va, msb, lsb);
		uint64_t dpa = base + index * 8;
		enum mmu_ref_memstat m;

		out->read_any = true;
		out->last_desc_pa = dpa;
		m = load(ctx, dpa, &desc);
		if (m == MMU_REF_MEM_GPF) {
			ref_fault(out, MMU_REF_FAULT_GPF_TTW, level);
			return;
		}
		if (m != MMU_REF_MEM_OK) {
			ref_fault(out, MMU_REF_FAULT_SEA_TTW, level);
			return;
		}
		if (wp.ee) {
			desc = ref_bswap64(desc);
		}
		if (!(desc & 1)) {
			ref_fault(out, MMU_REF_FAULT_TRANSLATION, level);
			return;
		}
		if (level < 3 && (desc & 2)) {
			/* Table descriptor: next-level address [47:tgx]. */
			if (!ref_zero(desc, 47, wp.ps)) {
				ref_fault(out, MMU_REF_FAULT_ADDRSIZE, level);
				return;
			}
			if (!wp.hpd) {
				tb.pxn |= (desc & BIT(59)) != 0;
				tb.uxn |= (desc & BIT(60)) != 0;
				tb.ap_no_el0 |= (desc & BIT(61)) != 0;
				tb.ap_no_write |= (desc & BIT(62)) != 0;
			}
			base = BITS(desc, 47, wp.tgx) << wp.tgx;
			level++;
			continue;
		}
		/* Leaf: a page at level 3 (0b11), or a block where one is allowed (0b01). */
		if (level == 3 ? !(desc & 2) : !ref_block_allowed(wp.tgx, level)) {
			ref_fault(out, MMU_REF_FAULT_TRANSLATION, level);
			return;
		}
		out->leaf_shift = lsb;
		break;
	}
	/* Leaf checks, in the agreed order: address size, access flag, permission. */
	if (!ref_zero(desc, 47, wp.ps)) {
		ref_fault(out, MMU_REF_FAULT_ADDRSIZE, level);
		return;
	}
	out->level = level;
	out->oa = (BITS(desc, 47, out->leaf_shift) << out->leaf_shift) |
		  BITS(va, out->leaf_shift - 1, 0);
	out->contig = (desc & BIT(52)) != 0;
	out->memattr = (uint8_t)BITS(regs->mair, BITS(desc, 4, 2) * 8 + 7, BITS(desc, 4, 2) * 8);
	out->is_device = (out->memattr & 0xF0) == 0;
	if (!(desc & BIT(10))) {
		ref_fault(out, MMU_REF_FAULT_ACCESSFLAG, level);
		return;
	}
	ref_permissions(regs, &wp, desc, &tb, at, out);
	if ((at == MMU_REF_LOAD && !out->r) || (at == MMU_REF_STORE && !out->w) ||
	    (at == MMU_REF_IFETCH && !out->x)) {
		ref_fault(out, MMU_REF_FAULT_PERMISSION, level);
	}
}

unsigned mmu_ref_fsc(enum mmu_ref_fault f, int level)
{
	unsigned l = (unsigned)level & 3;

	switch (f) {
	case MMU_REF_FAULT_NONE:
		return 0;
	case MMU_REF_FAULT_ADDRSIZE:
		return 0x00 + l;
	case MMU_REF_FAULT_TRANSLATION:
		return 0x04 + l;
	case MMU_REF_FAULT_ACCESSFLAG:
		return 0x08 + l;
	case MMU_REF_FAULT_PERMISSION:
		return 0x0C + l;
	case MMU_REF_FAULT_SEA_TTW:
		return 0x14 + l;
	case MMU_REF_FAULT_GPF_TTW:
		return 0x24 + l;
	case MMU_REF_FAULT_UNSUPPORTED:
		return 0x04;
	}
	return 0x04;
}
