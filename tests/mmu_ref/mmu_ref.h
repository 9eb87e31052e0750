/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu_ref: an independent reference of the VMSAv8-64 stage-1 walk, for
 * tests only. Written from the Arm ARM (DDI0487, D8 "The AArch64 Virtual
 * Memory System Architecture" and the AArch64.S1Translate pseudocode) in
 * that pseudocode's shape: S1 enabled? -> walk parameters of the VA's half
 * -> initial walk state from the TTBR -> descriptor loop -> leaf checks
 * (address size, access flag) -> direct permissions. It shares no code with
 * sim/src/mmu: its own types and fault names; adapters at the bottom fill a
 * struct mmu_result (sim/src/mmu/mmu.h) so the two can be compared field by
 * field, and mmu_ref_check_access adds alignment and the GPC on the output
 * PA to predict the syndrome of a whole CPU access.
 */
#ifndef MMU_REF_H
#define MMU_REF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu.h"

enum mmu_ref_regime { MMU_REF_EL2, MMU_REF_EL20, MMU_REF_EL10 };

/* The register state the reference reads (values as in the PE's registers). */
struct mmu_ref_regs {
	enum mmu_ref_regime regime;
	uint64_t sctlr, tcr, ttbr[2], mair;
	unsigned pamax;       /* ID_AA64MMFR0_EL1.PARange in bits */
	unsigned tgran;       /* implemented granules: bit 0 4K, bit 1 16K, bit 2 64K */
	bool at_el0, pstate_pan, unpriv;
};

enum mmu_ref_acctype { MMU_REF_LOAD, MMU_REF_STORE, MMU_REF_IFETCH };

enum mmu_ref_fault {
	MMU_REF_FAULT_NONE,
	MMU_REF_FAULT_ADDRSIZE,
	MMU_REF_FAULT_TRANSLATION,
	MMU_REF_FAULT_ACCESSFLAG,
	MMU_REF_FAULT_PERMISSION,
	MMU_REF_FAULT_SEA_TTW,
	MMU_REF_FAULT_GPF_TTW,
	MMU_REF_FAULT_UNSUPPORTED,
};

enum mmu_ref_memstat { MMU_REF_MEM_OK, MMU_REF_MEM_GPF, MMU_REF_MEM_SEA };

/* Loads the 8 bytes at @pa as a little-endian value (the walk swaps for SCTLR.EE). */
typedef enum mmu_ref_memstat (*mmu_ref_load_fn)(void *ctx, uint64_t pa, uint64_t *val);

struct mmu_ref_out {
	enum mmu_ref_fault fault;
	int level;
	uint64_t oa;
	bool read_any;        /* at least one descriptor was read */
	uint64_t last_desc_pa;
	unsigned leaf_shift;  /* log2 of the page/block size */
	bool contig;
	bool r, w, x;         /* permissions of the access's EL */
	uint8_t memattr;      /* MAIR byte */
	bool is_device;
};

/* The reference walk itself. */
void mmu_ref_s1_translate(const struct mmu_ref_regs *regs, uint64_t va, enum mmu_ref_acctype at,
			  mmu_ref_load_fn load, void *ctx, struct mmu_ref_out *out);

/* ESR DFSC/IFSC of a reference fault (Arm ARM D17.2.40 ISS encoding), 0 without fault. */
unsigned mmu_ref_fsc(enum mmu_ref_fault f, int level);

/* ---- Adapters to the production interface (sim/src/mmu/mmu.h) ---- */

/* mmu_translate's contract computed by the reference: same arguments, same result struct. */
void mmu_ref_translate(const struct mmu_cfg *cfg, uint64_t va, enum mmu_access acc,
		       mmu_read_fn rd, void *ctx, struct mmu_result *res);

/* FSC of a struct mmu_result, computed the reference's way (compare with mmu_fsc). */
unsigned mmu_ref_result_fsc(const struct mmu_result *res);

/*
 * Compares two results under the contract: fault kind and level always;
 * FSC (@got_fsc = mmu_fsc(got), passed in so this library needs no
 * sim_mmu); desc_pa when a descriptor was read (@expect_desc); pa and
 * device when MMU_OK, with map_shift, contiguous and attr if @mmu_on;
 * permissions when MMU_OK or PERMISSION. Returns 0 if equal, else writes the first difference into
 * @why (may be NULL) and returns -1.
 */
int mmu_ref_compare(const struct mmu_result *ref, const struct mmu_result *got, unsigned got_fsc,
		    bool mmu_on, bool expect_desc, char *why, size_t why_len);

/* ---- Whole-access prediction: walk + alignment + GPC on the output ---- */

enum mmu_ref_outcome {
	MMU_REF_ACCESS_OK,
	MMU_REF_ACCESS_ALIGNMENT,   /* FSC 0x21 */
	MMU_REF_ACCESS_WALK_GPF,    /* FSC 0x24 + level */
	MMU_REF_ACCESS_WALK_SEA,    /* FSC 0x14 + level */
	MMU_REF_ACCESS_ADDR_SIZE,   /* FSC 0x00 + level */
	MMU_REF_ACCESS_TRANSLATION, /* FSC 0x04 + level (and UNSUPPORTED: 0x04) */
	MMU_REF_ACCESS_ACCESS_FLAG, /* FSC 0x08 + level */
	MMU_REF_ACCESS_PERMISSION,  /* FSC 0x0C + level */
	MMU_REF_ACCESS_GPF,         /* FSC 0x28: GPC denies the output PA */
	MMU_REF_ACCESS_SEA,         /* FSC 0x10: no memory at the output PA */
};

#define MMU_REF_FSC_ALIGNMENT 0x21U
#define MMU_REF_FSC_GPF 0x28U
#define MMU_REF_FSC_SEA 0x10U

/* The GPC (and memory map) on an output PA for @acc: OK, GPF or SEA. */
typedef enum mmu_read_status (*mmu_ref_gpc_fn)(void *ctx, uint64_t pa, enum mmu_access acc);

struct mmu_ref_access {
	uint64_t va;
	enum mmu_access acc;
	unsigned size;       /* bytes accessed (1..64) */
	bool need_align;     /* exclusive/atomic/acquire-release: alignment required anyway */
};

struct mmu_ref_verdict {
	enum mmu_ref_outcome outcome;
	unsigned fsc;           /* 0 when OK */
	uint64_t fault_va;      /* VA of the faulting part (a page-crossing access: the second page) */
	struct mmu_result walk; /* the walk of the faulting (or first) part */
};

/*
 * Predicts one data access or instruction fetch, in the Arm ARM's priority
 * order (D8.x "Prioritization of Synchronous exceptions"): alignment not
 * caused by the memory type (SCTLR.A, @need_align), then the stage-1 walk's
 * faults (address size, translation, access flag), alignment caused by the
 * memory type (unaligned data access to Device memory, incl. MMU off),
 * permission, then the GPC on the output PA (GPF 0x28, or SEA 0x10 in a
 * hole). An access crossing a 4K boundary translates its last byte too;
 * the first part's fault wins. @gpc is called only for a translated PA.
 */
void mmu_ref_check_access(const struct mmu_cfg *cfg, const struct mmu_ref_access *a,
			  mmu_read_fn rd, void *rd_ctx, mmu_ref_gpc_fn gpc, void *gpc_ctx,
			  struct mmu_ref_verdict *v);

const char *mmu_ref_outcome_name(enum mmu_ref_outcome o);

#endif /* MMU_REF_H */
