/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Single-register loads and stores (GPR and SIMD&FP) in every addressing
 * mode, literal loads and register pairs (Arm ARM C4.1.66: "Load/store
 * register (unscaled immediate / immediate post-indexed / unprivileged /
 * immediate pre-indexed / register offset / unsigned immediate)", "Load
 * register (literal)", "Load/store register pair (...)").
 */
#include "a64_private.h"

enum single_form {
	FORM_UNSCALED, /* insn[11:10] = 00: LDUR/STUR/PRFUM */
	FORM_POST,     /* 01 */
	FORM_UNPRIV,   /* 10: LDTR/STTR... */
	FORM_PRE,      /* 11 */
	FORM_UIMM,     /* unsigned scaled immediate */
	FORM_REG,      /* register offset */
};

/* ASL ExtendReg(m, extend_type, shift) for option<1> = 1 (W or X index). */
static uint64_t extend_reg(uint64_t xm, unsigned option, unsigned shift)
{
	uint64_t v;

	switch (option) {
	case 2: /* UXTW */
		v = (uint32_t)xm;
		break;
	case 6: /* SXTW */
		v = a64_sext(xm, 32);
		break;
	default: /* 3 LSL/UXTX, 7 SXTX */
		v = xm;
		break;
	}
	return v << shift;
}

/* What a single-register encoding transfers. */
struct single_op {
	unsigned scale;      /* log2 of the access size */
	bool load, sign, sf, prefetch;
};

/*
 * Classifies size:V:opc (Arm ARM C4.1.66 tables): GPR opc 00 store, 01
 * load, 1x sign-extending loads (to X for opc 10, to W for opc 11) except
 * size 11 opc 10 = PRFM; SIMD&FP scale = opc<1>:size up to 4 (Q).
 */
static bool classify(unsigned size, bool v, unsigned opc, enum single_form form,
		     struct single_op *op)
{
	*op = (struct single_op){ .scale = size, .load = (opc & 1U) != 0 };
	if (v) {
		op->scale = ((opc & 2U) << 1) | size;
		return form != FORM_UNPRIV && op->scale <= 4U;
	}
	if ((opc & 2U) == 0) {
		op->sf = size == 3U;
		return true;
	}
	if (size == 3U) {
		/* PRFM exists for unsigned, register and unscaled (PRFUM) only. */
		op->prefetch = true;
		return (opc & 1U) == 0 &&
		       (form == FORM_UIMM || form == FORM_REG || form == FORM_UNSCALED);
	}
	op->load = true;
	op->sign = true;
	op->sf = (opc & 1U) == 0;
	return !((opc & 1U) != 0 && size == 2U);
}

enum a64_mem_status a64_dec_single(struct a64_dec *d)
{
	uint32_t i = d->insn;
	struct a64_mem_insn *m = d->m;
	unsigned rn = a64_bits(i, 9, 5), rt = a64_bits(i, 4, 0);
	bool v = a64_bit(i, 26);
	enum single_form form;
	struct single_op op;
	uint64_t base, va;

	if ((i & 0x3B000000U) == 0x39000000U)
		form = FORM_UIMM;
	else if ((i & 0x3B200C00U) == 0x38200800U)
		form = FORM_REG;
	else
		form = (enum single_form)a64_bits(i, 11, 10);
	if (!classify(a64_bits(i, 31, 30), v, a64_bits(i, 23, 22), form, &op))
		return A64_MEM_UNKNOWN;

	base = a64_base(d, rn);
	switch (form) {
	case FORM_UIMM:
		va = base + ((uint64_t)a64_bits(i, 21, 10) << op.scale);
		break;
	case FORM_REG: {
		unsigned option = a64_bits(i, 15, 13);

		if ((option & 2U) == 0) /* sub-word index: UNDEFINED */
			return A64_MEM_UNKNOWN;
		va = base + extend_reg(a64_xzr(d, a64_bits(i, 20, 16)), option,
				       a64_bit(i, 12) ? op.scale : 0);
		break;
	}
	case FORM_POST:
		va = base;
		break;
	case FORM_UNSCALED:
	case FORM_UNPRIV:
	case FORM_PRE:
	default:
		va = base + a64_sext(a64_bits(i, 20, 12), 9);
		break;
	}

	m->rn = rn;
	if (op.prefetch) {
		m->cls = A64_MEM_PREFETCH;
		return A64_MEM_OK;
	}
	m->cls = A64_MEM_PLAIN;
	m->elem_size = 1U << op.scale;
	m->write = !op.load;
	m->simd = v;
	m->unpriv = form == FORM_UNPRIV;
	m->writeback = form == FORM_POST || form == FORM_PRE;
	a64_set_syndrome(m, op.scale, op.sign, rt, op.sf, false);
	/* ISV: a single general-purpose register without write-back (a64_mem.h). */
	m->isv = !v && !m->writeback;
	a64_add_access(m, va, 1U << op.scale, op.load, !op.load);
	return A64_MEM_OK;
}

enum a64_mem_status a64_dec_literal(struct a64_dec *d)
{
	uint32_t i = d->insn;
	struct a64_mem_insn *m = d->m;
	unsigned opc = a64_bits(i, 31, 30), rt = a64_bits(i, 4, 0), scale;
	bool v = a64_bit(i, 26), sign = false;
	uint64_t va = d->pc + (a64_sext(a64_bits(i, 23, 5), 19) << 2);

	m->rn = A64_MEM_RN_PC;
	if (v) {
		if (opc == 3U)
			return A64_MEM_UNKNOWN;
		scale = 2U + opc;
	} else if (opc == 3U) {
		m->cls = A64_MEM_PREFETCH; /* PRFM (literal) */
		return A64_MEM_OK;
	} else {
		scale = opc == 1U ? 3U : 2U;
		sign = opc == 2U; /* LDRSW */
	}
	m->cls = A64_MEM_PLAIN;
	m->elem_size = 1U << scale;
	m->simd = v;
	a64_set_syndrome(m, scale, sign, rt, !v && opc != 0U, false);
	m->isv = !v;
	a64_add_access(m, va, 1U << scale, true, false);
	return A64_MEM_OK;
}

/*
 * Pairs: insn[24:23] = 00 no-allocate offset (LDNP/STNP), 01 post-index,
 * 10 signed offset, 11 pre-index. Rt's access comes first, then Rt2's at
 * +size (ASL: Mem[address + 0], Mem[address + dbytes]).
 */
enum a64_mem_status a64_dec_pair(struct a64_dec *d)
{
	uint32_t i = d->insn;
	struct a64_mem_insn *m = d->m;
	unsigned opc = a64_bits(i, 31, 30), idx = a64_bits(i, 24, 23);
	unsigned rn = a64_bits(i, 9, 5), scale;
	bool v = a64_bit(i, 26), load = a64_bit(i, 22), sign = false;
	uint64_t base, off, va;

	if (v) {
		if (opc == 3U)
			return A64_MEM_UNKNOWN;
		scale = 2U + opc;
	} else if (opc == 0U) {
		scale = 2U;
	} else if (opc == 2U) {
		scale = 3U;
	} else if (opc == 1U && load && idx != 0U) {
		scale = 2U; /* LDPSW */
		sign = true;
	} else {
		return A64_MEM_UNKNOWN; /* STGP (MTE), LDNP opc 01, opc 11 */
	}

	base = a64_base(d, rn);
	off = a64_sext(a64_bits(i, 21, 15), 7) << scale;
	va = idx == 1U ? base : base + off;

	m->cls = A64_MEM_PAIR;
	m->rn = rn;
	m->elem_size = 1U << scale;
	m->write = !load;
	m->simd = v;
	m->writeback = idx == 1U || idx == 3U;
	a64_set_syndrome(m, scale, sign, a64_bits(i, 4, 0), !v && (opc != 0U), false);
	a64_add_access(m, va, 1U << scale, load, !load);
	a64_add_access(m, va + (1U << scale), 1U << scale, load, !load);
	return A64_MEM_OK;
}
