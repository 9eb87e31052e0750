/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * a64_mem: top-level A64 decode (Arm ARM C4.1 "A64 instruction set
 * encoding": op1 = insn[28:25]) into the load/store groups, DC ZVA, and
 * the data-abort syndrome helpers.
 */
#include "a64_private.h"

#include <string.h>

/* Load/store space: op1 = x1x0 (insn[27] = 1, insn[25] = 0). */
#define LDST_MASK 0x0A000000U
#define LDST_BITS 0x08000000U

/* DC ZVA, Xt = SYS #3, C7, C4, #1, Xt. */
#define DC_ZVA_MASK 0xFFFFFFE0U
#define DC_ZVA_BITS 0xD50B7420U
/* SYS (L = 0) with CRn = 7: DC/IC by VA and AT, which can also abort. */
#define SYS_CRN7_MASK 0xFFF8F000U
#define SYS_CRN7_BITS 0xD5087000U

void a64_add_access(struct a64_mem_insn *m, uint64_t va, unsigned size, bool read, bool write)
{
	/* Every decoder stays within A64_MEM_MAX_ACCESSES (at most 4 per instruction). */
	if (m->n >= A64_MEM_MAX_ACCESSES)
		return;
	m->acc[m->n].va = va;
	m->acc[m->n].size = size;
	m->acc[m->n].read = read;
	m->acc[m->n].write = write;
	m->n++;
}

void a64_set_syndrome(struct a64_mem_insn *m, unsigned sas, bool sse, unsigned srt, bool sf, bool ar)
{
	m->sas = sas;
	m->sse = sse;
	m->srt = srt;
	m->sf = sf;
	m->ar = ar;
}

/*
 * DC ZVA (Arm ARM C5.3 "DC ZVA"; ASL AArch64.MemZero): one write of the
 * DCZID_EL0 block at Xt aligned down to the block size, translated as one
 * aligned access; FAR = Xt for a non-debug fault (a64_mem.h far_is_xt).
 * A block size of 0 (DCZID_EL0.DZP = 1: the instruction is UNDEFINED) or
 * not a power of two cannot be modelled: fail closed.
 */
static enum a64_mem_status dec_dc_zva(struct a64_dec *d)
{
	struct a64_mem_insn *m = d->m;
	unsigned rt = a64_bits(d->insn, 4, 0), bytes = d->dczva_bytes;
	uint64_t xt;

	if (bytes == 0 || (bytes & (bytes - 1U)) != 0)
		return A64_MEM_UNKNOWN;
	xt = a64_xzr(d, rt);
	m->cls = A64_MEM_DC_ZVA;
	m->write = true;
	m->rn = rt;
	m->far_is_xt = true;
	m->xt = xt;
	a64_add_access(m, xt & ~((uint64_t)bytes - 1U), bytes, false, true);
	return A64_MEM_OK;
}

/* The load/store encoding groups, most specific masks first. */
static enum a64_mem_status dec_ldst(struct a64_dec *d)
{
	uint32_t i = d->insn;

	if ((i & 0xBFBF0000U) == 0x0C000000U || (i & 0xBFA00000U) == 0x0C800000U)
		return a64_dec_simd_multi(d);
	if ((i & 0xBF9F0000U) == 0x0D000000U || (i & 0xBF800000U) == 0x0D800000U)
		return a64_dec_simd_single(d);
	if ((i & 0x3F000000U) == 0x08000000U)
		return a64_dec_excl(d);
	if ((i & 0x3F200C00U) == 0x19000000U)
		return a64_dec_rcpc2(d);
	if ((i & 0x3B000000U) == 0x18000000U)
		return a64_dec_literal(d);
	if ((i & 0x3A000000U) == 0x28000000U)
		return a64_dec_pair(d);
	if ((i & 0x3B200C00U) == 0x38200000U)
		return a64_dec_atomic(d);
	if ((i & 0x3B000000U) == 0x39000000U || (i & 0x3B200C00U) == 0x38200800U ||
	    (i & 0x3B200000U) == 0x38000000U)
		return a64_dec_single(d);
	/* LDRAA/LDRAB, MTE tag stores, LD64B/ST64B, MOPS, LRCPC3, ...: not modelled. */
	return A64_MEM_UNKNOWN;
}

enum a64_mem_status a64_mem_decode(uint32_t insn, uint64_t pc, a64_xreg_fn xreg, void *ctx,
				   unsigned dczva_bytes, struct a64_mem_insn *out)
{
	struct a64_dec d = {
		.insn = insn, .pc = pc, .xreg = xreg, .ctx = ctx,
		.dczva_bytes = dczva_bytes, .m = out,
	};
	enum a64_mem_status st;

	memset(out, 0, sizeof(*out));
	if ((insn & DC_ZVA_MASK) == DC_ZVA_BITS)
		st = dec_dc_zva(&d);
	else if ((insn & SYS_CRN7_MASK) == SYS_CRN7_BITS)
		st = A64_MEM_UNKNOWN; /* cache maintenance / AT by VA: aborts with CM = 1 */
	else if (a64_bits(insn, 28, 25) == 0x2U)
		st = A64_MEM_UNKNOWN; /* SVE */
	else if (a64_bits(insn, 28, 25) == 0x0U && a64_bit(insn, 31))
		st = A64_MEM_UNKNOWN; /* SME */
	else if ((insn & LDST_MASK) == LDST_BITS)
		st = dec_ldst(&d);
	else
		st = A64_MEM_NOT_MEMORY;
	if (st != A64_MEM_OK)
		memset(out, 0, sizeof(*out));
	return st;
}

uint32_t a64_mem_iss(const struct a64_mem_insn *m)
{
	uint32_t iss = m->write ? A64_ISS_WNR : 0;

	if (m->isv)
		iss |= A64_ISS_ISV | ((uint32_t)m->sas << A64_ISS_SAS_SHIFT) |
		       (m->sse ? A64_ISS_SSE : 0) | ((uint32_t)m->srt << A64_ISS_SRT_SHIFT) |
		       (m->sf ? A64_ISS_SF : 0) | (m->ar ? A64_ISS_AR : 0);
	return iss;
}

bool a64_mem_isv_allowed(const struct a64_mem_insn *m, bool stage2_fault)
{
	return m->isv && stage2_fault;
}

bool a64_mem_wnr(const struct a64_mem_access *a, bool write_permission_fault)
{
	if (!a->write)
		return false;
	return !a->read || write_permission_fault;
}
