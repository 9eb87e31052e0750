/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * a64_mem: decodes an A64 instruction into the memory accesses it makes
 * (Arm ARM C4.1.66 "Loads and Stores" encoding groups, C6 instruction
 * descriptions). The host CPU needs this because Unicorn reports a data
 * abort without its address: the simulator recomputes the accesses of the
 * faulting instruction from its encoding and the register file, checks
 * each in architectural order (alignment, translation, GPC) and builds the
 * exact syndrome, including the instruction syndrome (ISV, SAS, SSE, SRT,
 * SF, AR) where the architecture defines one.
 *
 * Pure C, no Unicorn. An encoding this module does not know returns
 * A64_MEM_UNKNOWN: the caller must fail closed.
 */
#ifndef SIM_A64_MEM_H
#define SIM_A64_MEM_H

#include <stdbool.h>
#include <stdint.h>

/* Largest number of separate accesses one instruction makes (LD4 of 4 x 16 bytes...). */
#define A64_MEM_MAX_ACCESSES 8U

enum a64_mem_status {
	A64_MEM_OK = 0,      /* a memory instruction: @out filled */
	A64_MEM_NOT_MEMORY,  /* not a load/store/atomic/cache-zeroing instruction */
	A64_MEM_UNKNOWN,     /* in the load/store space but not decoded here (fail closed) */
};

enum a64_mem_class {
	A64_MEM_PLAIN,       /* LDR/STR/LDUR/LDTR... single register, any size */
	A64_MEM_PAIR,        /* LDP/STP/LDNP/STNP/LDPSW (GPR or SIMD&FP) */
	A64_MEM_EXCLUSIVE,   /* LDXR/STXR/LDAXR/STLXR/LDXP/STXP... */
	A64_MEM_ACQREL,      /* LDAR/STLR/LDAPR/LDLAR/STLLR (non-exclusive ordered) */
	A64_MEM_ATOMIC,      /* LSE: LDADD.., SWP, CAS, CASP (read and write) */
	A64_MEM_SIMD_MULTI,  /* LD1-LD4 / ST1-ST4 multiple structures */
	A64_MEM_SIMD_SINGLE, /* LD1-LD4 / ST1-ST4 single structure, LDnR */
	A64_MEM_DC_ZVA,      /* DC ZVA: a write of the DCZID_EL0 block */
	A64_MEM_PREFETCH,    /* PRFM/PRFUM: never faults, no accesses */
};

struct a64_mem_access {
	uint64_t va;      /* address as the instruction forms it (tag bits kept) */
	unsigned size;    /* bytes, >= 1 */
	bool read, write; /* an atomic read-modify-write has both */
};

struct a64_mem_insn {
	enum a64_mem_class cls;
	unsigned n;                                      /* accesses, in architectural order */
	struct a64_mem_access acc[A64_MEM_MAX_ACCESSES];
	/*
	 * Alignment the instruction requires whatever SCTLR.A says (exclusives,
	 * LSE atomics, load-acquire/store-release: their access size; 0 = none
	 * beyond SCTLR.A). With SCTLR.A = 1 every access must be aligned to its
	 * element size (elem_size).
	 */
	unsigned align_always;
	unsigned elem_size;   /* element size for the SCTLR.A check (SIMD: element) */
	bool write;           /* WnR of the syndrome: the instruction writes memory (atomics: see Arm ARM) */
	bool unpriv;          /* LDTR/STTR family */
	bool simd;            /* SIMD&FP register transfer */
	/* Instruction syndrome (ESR_ELx ISS[24:14], Arm ARM D17.2.40): valid when isv. */
	bool isv;
	unsigned sas;         /* log2 of the access size */
	bool sse;             /* sign-extending load */
	unsigned srt;         /* Rt */
	bool sf;              /* 64-bit destination register */
	bool ar;              /* acquire/release semantics */
	/* Base register write-back (pre/post-index): not needed for a fault, kept for traces. */
	bool writeback;
	unsigned rn;
};

/*
 * Reads general-purpose register @n for address generation: n = 0..30 are
 * X0..X30, n = 31 is SP (every load/store base) — the decoder never asks
 * for XZR as a base.
 */
typedef uint64_t (*a64_xreg_fn)(void *ctx, unsigned n);

/*
 * Decodes @insn at @pc (for PC-relative literal loads). @dczva_bytes is the
 * DC ZVA block size (4 << DCZID_EL0.BS), 64 on the modelled CPU.
 */
enum a64_mem_status a64_mem_decode(uint32_t insn, uint64_t pc, a64_xreg_fn xreg, void *ctx,
				   unsigned dczva_bytes, struct a64_mem_insn *out);

/* The ISS of a data abort for this instruction (ISV..AR, WnR; FSC left 0). */
uint32_t a64_mem_iss(const struct a64_mem_insn *m);

#endif /* SIM_A64_MEM_H */
