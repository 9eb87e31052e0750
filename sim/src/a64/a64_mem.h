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

/*
 * Access lists (architectural order, sizes as the Arm ASL accesses them):
 *  - single register and literal: one access of the register size;
 *  - pairs: Rt's access then Rt2's, each of the register size (Armv8.0
 *    without FEAT_LSE2); LDXP of two X registers: two 8-byte reads, STXP
 *    of two X registers: one 16-byte write, W pairs: one 8-byte access;
 *  - LD1-LD4/ST1-ST4 multiple structures: the elements are accessed one by
 *    one in ascending address order over one contiguous range, so it is
 *    listed as register-sized pieces (8 or 16 bytes, one per register
 *    transferred) of that range, lowest first; elem_size is the element
 *    size. The first faulting byte of the range is the first faulting
 *    element's, so the caller walks the pieces in order;
 *  - single structure and LDnR: one access per element (selem accesses);
 *  - atomics: one read-and-write access; CASP: one access of both
 *    registers (8 or 16 bytes);
 *  - DC ZVA: one write of the whole block at Xt rounded down;
 *  - PRFM/PRFUM: none.
 * An access crossing a 4 KiB boundary is still one access: the caller
 * splits it and reports the first faulting byte.
 */
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
	bool write;           /* WnR of the syndrome: the instruction writes memory (atomic RMW: 0, see a64_mem_wnr()) */
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
	unsigned rn;          /* base register: 31 = SP; A64_MEM_RN_PC for literals; DC ZVA: Xt (31 = XZR) */
	/*
	 * DC ZVA only (far_is_xt): a translation, permission or granule
	 * protection fault on the zeroed block reports FAR = Xt as given, not
	 * the aligned block address in acc[0].va (Arm ASL AArch64.DataMemZero:
	 * AArch64.Abort(regval, fault); only a watchpoint reports the aligned
	 * address).
	 */
	bool far_is_xt;
	uint64_t xt;
};

/* rn of a PC-relative (literal) load. */
#define A64_MEM_RN_PC 32U

/* ESR_ELx ISS bits built by a64_mem_iss() (Arm ARM D17.2.40). */
#define A64_ISS_ISV       (1U << 24)
#define A64_ISS_SAS_SHIFT 22
#define A64_ISS_SSE       (1U << 21)
#define A64_ISS_SRT_SHIFT 16
#define A64_ISS_SF        (1U << 15)
#define A64_ISS_AR        (1U << 14)
#define A64_ISS_WNR       (1U << 6)
#define A64_ISS_IS_MASK   0x01FFC000U /* ISV, SAS, SSE, SRT, SF, AR: bits [24:14] */

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

/*
 * The ISS of a data abort for this instruction (ISV..AR, WnR; FSC left 0),
 * with ISV as the instruction class allows (m->isv). Whether the fault
 * being reported may carry it is a64_mem_isv_allowed(): when it returns
 * false, clear A64_ISS_IS_MASK. For an atomic read-modify-write, WnR is
 * the value of a64_mem_wnr() for the faulting access.
 */
uint32_t a64_mem_iss(const struct a64_mem_insn *m);

/*
 * ISV rule (Arm ARM DDI 0487, ESR_ELx "ISS encoding for an exception from
 * a Data Abort", ISV bit [24]; ASL AArch64.FaultSyndrome /
 * InstructionSyndromeValid: ISV = IsSecondStage(fault) && !s2fs1walk &&
 * !synchronous external abort):
 *  - ISV is 0 for every fault reported in ESR_EL1 or ESR_EL3 ("ISV is 0
 *    for all faults reported in ESR_EL1 or ESR_EL3", DDI 0487F.a D13-2992).
 *  - In ESR_EL2 it is 1 only for a stage 2 abort (translation, access
 *    flag, permission, address size at stage 2) of an AArch64 load or
 *    store of a single general-purpose register, including Rt = 31 and
 *    acquire/release forms, excluding exclusives and write-back forms
 *    (G.b: "For other faults reported in ESR_EL2, ISV is 0 except for the
 *    following stage 2 aborts: ..."); not for a stage 2 fault on the
 *    stage 1 walk (S1PTW), nor (with FEAT_RAS) a synchronous external
 *    abort.
 *  - So a stage 1 fault — translation, permission, alignment — taken to
 *    EL2 for an access made at EL2 itself has ISV = 0 (the EL2 regime has
 *    no stage 2). A granule protection fault on the output address is
 *    not a stage 2 fault either (ASL: the GPC fault record comes from
 *    CreateAddressDescriptor -> NoFault(), secondstage = FALSE), so ISV = 0
 *    for a GPF reported as a data abort in ESR_EL2, and for a GPC exception
 *    (EC 0x1E) in ESR_EL3. QEMU models the same (target/arm/tcg/
 *    tlb_helper.c merge_syn_data_abort: ISV only for stage-2 aborts routed
 *    to EL2, "never for stage-1 page table walks faulting on stage 2 or
 *    for stage-1 faults").
 *  - FEAT_LS64 (LD64B/ST64B) reports a syndrome for stage 1 faults too;
 *    those instructions are A64_MEM_UNKNOWN here.
 * @stage2_fault: the fault is a stage 2 abort reported in ESR_EL2, not on
 * a stage 1 walk, not an external abort, not a GPF.
 */
bool a64_mem_isv_allowed(const struct a64_mem_insn *m, bool stage2_fault);

/*
 * WnR for a fault on access @a (ASL FaultRecord.write): 1 for a write, 0
 * for a read. An atomic read-modify-write (a->read && a->write: LD<op>,
 * SWP, CAS, CASP) reports 0 unless the fault is one a read would not have
 * taken — a permission fault for lack of write permission only
 * (@write_permission_fault): ASL NoFault() sets write = !read && write and
 * the stage 1/2 permission checks test read permission first (write =
 * FALSE) and write permission second (write = TRUE). DC ZVA is a write:
 * WnR = 1, and CM = 0 ("DC ZVA, DC GVA and DC GZVA are not classified as
 * cache maintenance instructions", ESR_ELx.CM).
 */
bool a64_mem_wnr(const struct a64_mem_access *a, bool write_permission_fault);

#endif /* SIM_A64_MEM_H */
