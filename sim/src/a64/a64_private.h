/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private helpers of the a64_mem decoder: field extraction, register
 * reads and the per-group decoders (Arm ARM C4.1.66 "Loads and Stores").
 */
#ifndef SIM_A64_PRIVATE_H
#define SIM_A64_PRIVATE_H

#include "a64_mem.h"

struct a64_dec {
	uint32_t insn;
	uint64_t pc;
	a64_xreg_fn xreg;
	void *ctx;
	unsigned dczva_bytes;
	struct a64_mem_insn *m;
};

static inline unsigned a64_bits(uint32_t insn, unsigned hi, unsigned lo)
{
	return (unsigned)((insn >> lo) & ((1U << (hi - lo + 1U)) - 1U));
}

static inline bool a64_bit(uint32_t insn, unsigned b)
{
	return ((insn >> b) & 1U) != 0;
}

/* Sign-extends the low @width bits of @v. */
static inline uint64_t a64_sext(uint64_t v, unsigned width)
{
	uint64_t sign = 1ULL << (width - 1U);

	v &= (sign << 1) - 1U;
	return (v ^ sign) - sign;
}

/* A base register: 31 is SP. */
static inline uint64_t a64_base(const struct a64_dec *d, unsigned n)
{
	return d->xreg(d->ctx, n);
}

/* A data register (index, post-index offset, DC ZVA Xt): 31 is XZR. */
static inline uint64_t a64_xzr(const struct a64_dec *d, unsigned n)
{
	return n == 31U ? 0 : d->xreg(d->ctx, n);
}

void a64_add_access(struct a64_mem_insn *m, uint64_t va, unsigned size, bool read, bool write);

/* Instruction syndrome of a single general-purpose register transfer. */
void a64_set_syndrome(struct a64_mem_insn *m, unsigned sas, bool sse, unsigned srt, bool sf, bool ar);

enum a64_mem_status a64_dec_single(struct a64_dec *d);     /* LDR/STR/LDUR/LDTR, all indexings */
enum a64_mem_status a64_dec_literal(struct a64_dec *d);    /* LDR/LDRSW/PRFM (literal) */
enum a64_mem_status a64_dec_pair(struct a64_dec *d);       /* LDP/STP/LDNP/STNP/LDPSW */
enum a64_mem_status a64_dec_excl(struct a64_dec *d);       /* exclusives, LDAR/STLR, CAS, CASP */
enum a64_mem_status a64_dec_atomic(struct a64_dec *d);     /* LD<op>, SWP, LDAPR */
enum a64_mem_status a64_dec_rcpc2(struct a64_dec *d);      /* LDAPUR/STLUR */
enum a64_mem_status a64_dec_simd_multi(struct a64_dec *d); /* LD1-LD4/ST1-ST4 multiple */
enum a64_mem_status a64_dec_simd_single(struct a64_dec *d);/* LD1-LD4/ST1-ST4 single, LDnR */

#endif /* SIM_A64_PRIVATE_H */
