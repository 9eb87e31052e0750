/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Advanced SIMD structure loads and stores (Arm ARM C4.1.66: "Advanced
 * SIMD load/store multiple structures (post-indexed)", "Advanced SIMD
 * load/store single structure (post-indexed)"). No instruction syndrome:
 * SIMD&FP transfers never have ISV = 1.
 */
#include "a64_private.h"

static void set_common(struct a64_dec *d, enum a64_mem_class cls, unsigned ebytes, bool load,
		       bool post)
{
	struct a64_mem_insn *m = d->m;

	m->cls = cls;
	m->rn = a64_bits(d->insn, 9, 5);
	m->simd = true;
	m->elem_size = ebytes;
	m->write = !load;
	m->writeback = post;
	m->srt = a64_bits(d->insn, 4, 0);
	m->sas = ebytes == 1U ? 0 : ebytes == 2U ? 1U : ebytes == 4U ? 2U : 3U;
}

/*
 * Q[30] L[22] opcode[15:12] size[11:10]: opcode 0000 LD4/ST4 (4 registers
 * interleaved), 0010 LD1 x4, 0100 LD3, 0110 LD1 x3, 0111 LD1 x1, 1000 LD2,
 * 1010 LD1 x2. size 11 with Q = 0 is reserved for LD2-LD4. The ASL walks
 * registers (rpt), elements and structure members with one offset that
 * only grows, so the memory is one contiguous range of rpt*selem
 * registers' bytes: listed as one access per register-sized piece.
 */
enum a64_mem_status a64_dec_simd_multi(struct a64_dec *d)
{
	uint32_t i = d->insn;
	unsigned opcode = a64_bits(i, 15, 12), size = a64_bits(i, 11, 10), rpt, selem, nregs;
	unsigned regbytes = a64_bit(i, 30) ? 16U : 8U, k;
	bool load = a64_bit(i, 22), post = a64_bit(i, 23);
	uint64_t va;

	switch (opcode) {
	case 0x0: rpt = 1; selem = 4; break;
	case 0x2: rpt = 4; selem = 1; break;
	case 0x4: rpt = 1; selem = 3; break;
	case 0x6: rpt = 3; selem = 1; break;
	case 0x7: rpt = 1; selem = 1; break;
	case 0x8: rpt = 1; selem = 2; break;
	case 0xA: rpt = 2; selem = 1; break;
	default: return A64_MEM_UNKNOWN;
	}
	if (size == 3U && regbytes == 8U && selem != 1U)
		return A64_MEM_UNKNOWN;
	nregs = rpt * selem;
	set_common(d, A64_MEM_SIMD_MULTI, 1U << size, load, post);
	va = a64_base(d, d->m->rn);
	for (k = 0; k < nregs; k++)
		a64_add_access(d->m, va + (uint64_t)k * regbytes, regbytes, load, !load);
	return A64_MEM_OK;
}

/*
 * Q[30] L[22] R[21] opcode[15:13] S[12] size[11:10]: selem =
 * opcode<0>:R + 1; opcode<2:1> selects the element: 00 B, 01 H (size<0>
 * = 0), 10 S (size 00) or D (size 01, S = 0), 11 LDnR replicate (L = 1,
 * S = 0, element size = size). One access per structure member.
 */
enum a64_mem_status a64_dec_simd_single(struct a64_dec *d)
{
	uint32_t i = d->insn;
	unsigned opcode = a64_bits(i, 15, 13), size = a64_bits(i, 11, 10);
	unsigned scale = opcode >> 1, selem = (((opcode & 1U) << 1) | (a64_bit(i, 21) ? 1U : 0)) + 1U;
	bool load = a64_bit(i, 22), post = a64_bit(i, 23), s = a64_bit(i, 12);
	unsigned ebytes, k;
	uint64_t va;

	switch (scale) {
	case 3:
		if (!load || s)
			return A64_MEM_UNKNOWN;
		scale = size;
		break;
	case 1:
		if ((size & 1U) != 0)
			return A64_MEM_UNKNOWN;
		break;
	case 2:
		if ((size & 2U) != 0)
			return A64_MEM_UNKNOWN;
		if ((size & 1U) != 0) {
			if (s)
				return A64_MEM_UNKNOWN;
			scale = 3;
		}
		break;
	default:
		break;
	}
	ebytes = 1U << scale;
	set_common(d, A64_MEM_SIMD_SINGLE, ebytes, load, post);
	va = a64_base(d, d->m->rn);
	for (k = 0; k < selem; k++)
		a64_add_access(d->m, va + (uint64_t)k * ebytes, ebytes, load, !load);
	return A64_MEM_OK;
}
