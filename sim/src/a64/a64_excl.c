/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exclusives, ordered accesses and atomics (Arm ARM C4.1.66: "Load/store
 * exclusive", "Load/store ordered", "Compare and swap (pair)", "Atomic
 * memory operations", "LDAPR/STLR (unscaled immediate)").
 *
 * All of these require natural alignment whatever SCTLR_ELx.A says
 * (ASL AArch64.CheckAlignment: atomic, ordered and exclusive accesses
 * fault when unaligned; Armv8.0 and the modelled CPUs lack FEAT_LSE2),
 * hence align_always = the access size.
 *
 * On the Cortex-A72 model of Unicorn 2.0.1 (the host CPU's default) LSE
 * atomics, LDAPR and LDAPUR/STLUR are UNDEFINED; the MAX model executes
 * them (measured; docs/emulation.md "Data-abort syndromes").
 */
#include "a64_private.h"

/*
 * insn[29:24] = 001000: size[31:30] o2[23] L[22] o1[21] Rs o0[15] Rt2 Rn Rt.
 *   o2 o1
 *    0  0  STXR/STLXR (L=0), LDXR/LDAXR (L=1)         any size
 *    0  1  size 1x: STXP/STLXP/LDXP/LDAXP; size 0x: CASP (LSE)
 *    1  0  STLLR/STLR (L=0, o0=0/1), LDLAR/LDAR (L=1)
 *    1  1  CAS/CASA/CASL/CASAL (LSE)
 * CAS and CASP need Rt2 = 11111 (other values are unallocated), CASP even
 * Rs and Rt.
 */
enum a64_mem_status a64_dec_excl(struct a64_dec *d)
{
	uint32_t i = d->insn;
	struct a64_mem_insn *m = d->m;
	unsigned size = a64_bits(i, 31, 30), rs = a64_bits(i, 20, 16);
	unsigned rt = a64_bits(i, 4, 0), rt2 = a64_bits(i, 14, 10), rn = a64_bits(i, 9, 5);
	unsigned bytes = 1U << size;
	bool o2 = a64_bit(i, 23), load = a64_bit(i, 22), o1 = a64_bit(i, 21), o0 = a64_bit(i, 15);
	uint64_t va = a64_base(d, rn);

	m->rn = rn;
	if (o1 && (o2 || size < 2U)) {
		/* CAS (o2 = 1) or CASP (o2 = 0, size 0x): one read-modify-write. */
		if (rt2 != 31U)
			return A64_MEM_UNKNOWN;
		if (!o2) {
			if (((rs | rt) & 1U) != 0)
				return A64_MEM_UNKNOWN;
			bytes = 8U << size; /* a pair of W (8 bytes) or X (16 bytes) */
		}
		m->cls = A64_MEM_ATOMIC;
		m->elem_size = bytes;
		m->align_always = bytes;
		/* L = acquire, o0 = release (CASA/CASL/CASAL). */
		a64_set_syndrome(m, o2 ? size : size + 1U, false, rt, size == 3U || (!o2 && size == 1U),
				 load || o0);
		a64_add_access(m, va, bytes, true, true);
		return A64_MEM_OK;
	}
	if (o2) {
		/* LDAR/STLR (o0 = 1) and LDLAR/STLLR (o0 = 0): ordered, ISV-capable. */
		m->cls = A64_MEM_ACQREL;
		m->elem_size = bytes;
		m->align_always = bytes;
		m->write = !load;
		a64_set_syndrome(m, size, false, rt, size == 3U, true);
		m->isv = true;
		a64_add_access(m, va, bytes, load, !load);
		return A64_MEM_OK;
	}
	m->cls = A64_MEM_EXCLUSIVE;
	m->write = !load;
	if (!o1) {
		m->elem_size = bytes;
		m->align_always = bytes;
		a64_set_syndrome(m, size, false, rt, size == 3U, o0);
		a64_add_access(m, va, bytes, load, !load);
		return A64_MEM_OK;
	}
	/*
	 * LDXP/STXP (size 1x): W pairs are one 8-byte access; an X pair must be
	 * 16-byte aligned and is two 8-byte reads for LDXP, one 16-byte write
	 * for STXP (ASL LDXP/STXP).
	 */
	/* bytes = 1 << size is the register size: 4 or 8. */
	m->elem_size = bytes;
	m->align_always = 2U * bytes;
	a64_set_syndrome(m, size, false, rt, size == 3U, o0);
	if (size == 3U && load) {
		a64_add_access(m, va, 8U, true, false);
		a64_add_access(m, va + 8U, 8U, true, false);
	} else {
		a64_add_access(m, va, 2U * bytes, load, !load);
	}
	return A64_MEM_OK;
}

/*
 * insn[29:24] = 111000, insn[21] = 1, insn[11:10] = 00, V = 0:
 * size A[23] R[22] Rs o3[15] opc[14:12]. o3 = 0: LDADD, LDCLR, LDEOR,
 * LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN (opc 0-7); o3 = 1: opc 000 SWP,
 * opc 100 with A = 1, R = 0, Rs = 11111 LDAPR (FEAT_LRCPC). The ST<op>
 * aliases (Rt = 31) still read and write memory.
 */
enum a64_mem_status a64_dec_atomic(struct a64_dec *d)
{
	uint32_t i = d->insn;
	struct a64_mem_insn *m = d->m;
	unsigned size = a64_bits(i, 31, 30), opc = a64_bits(i, 14, 12), rs = a64_bits(i, 20, 16);
	unsigned rt = a64_bits(i, 4, 0), rn = a64_bits(i, 9, 5), bytes = 1U << size;
	bool acq = a64_bit(i, 23), rel = a64_bit(i, 22), o3 = a64_bit(i, 15);

	if (a64_bit(i, 26))
		return A64_MEM_UNKNOWN;
	m->rn = rn;
	m->elem_size = bytes;
	m->align_always = bytes;
	if (o3 && opc == 4U) {
		if (!acq || rel || rs != 31U)
			return A64_MEM_UNKNOWN;
		m->cls = A64_MEM_ACQREL;
		a64_set_syndrome(m, size, false, rt, size == 3U, true);
		m->isv = true;
		a64_add_access(m, a64_base(d, rn), bytes, true, false);
		return A64_MEM_OK;
	}
	if (o3 && opc != 0U)
		return A64_MEM_UNKNOWN; /* LD64B/ST64B..., unallocated */
	m->cls = A64_MEM_ATOMIC;
	a64_set_syndrome(m, size, false, rt, size == 3U, acq || rel);
	a64_add_access(m, a64_base(d, rn), bytes, true, true);
	return A64_MEM_OK;
}

/*
 * insn[29:24] = 011001, insn[21] = 0, insn[11:10] = 00 (FEAT_LRCPC2):
 * size opc[23:22] imm9. opc 00 STLUR, 01 LDAPUR, 10 LDAPURS to X (size
 * 0-2), 11 LDAPURS to W (size 0-1).
 */
enum a64_mem_status a64_dec_rcpc2(struct a64_dec *d)
{
	uint32_t i = d->insn;
	struct a64_mem_insn *m = d->m;
	unsigned size = a64_bits(i, 31, 30), opc = a64_bits(i, 23, 22);
	unsigned rn = a64_bits(i, 9, 5), bytes = 1U << size;
	bool load = opc != 0U, sign = opc >= 2U, sf;

	if ((opc == 2U && size == 3U) || (opc == 3U && size >= 2U))
		return A64_MEM_UNKNOWN;
	sf = opc == 2U || (opc < 2U && size == 3U);
	m->cls = A64_MEM_ACQREL;
	m->rn = rn;
	m->elem_size = bytes;
	m->align_always = bytes;
	m->write = !load;
	a64_set_syndrome(m, size, sign, a64_bits(i, 4, 0), sf, true);
	m->isv = true;
	a64_add_access(m, a64_base(d, rn) + a64_sext(a64_bits(i, 20, 12), 9), bytes, load, !load);
	return A64_MEM_OK;
}
