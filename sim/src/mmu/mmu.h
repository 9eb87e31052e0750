/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu: the VMSAv8-64 stage-1 translation of the host PE (Arm ARM D8,
 * "The AArch64 Virtual Memory System Architecture"), written once and used
 * for every host access the simulator checks: the EL2 regime (TTBR0_EL2,
 * non-VHE), the EL2&0 regime (HCR_EL2.E2H = 1: TTBR0_EL2 and TTBR1_EL2)
 * and the EL1&0 regime (TTBR0_EL1, TTBR1_EL1).
 *
 * Pure C, no Unicorn: the caller captures the system registers into
 * struct mmu_cfg and supplies a descriptor reader, which reads through the
 * platform's physical memory map and applies the Granule Protection Check
 * to every descriptor fetch (a walk GPF is reported with the walk's level).
 * Whatever the walk cannot resolve fails closed: it returns a fault, never
 * an unchecked address.
 */
#ifndef SIM_MMU_H
#define SIM_MMU_H

#include <stdbool.h>
#include <stdint.h>

enum mmu_regime {
	MMU_REGIME_EL2,   /* EL2, HCR_EL2.E2H = 0: TTBR0_EL2 only, TCR_EL2 in its EL2 format */
	MMU_REGIME_EL20,  /* EL2&0, HCR_EL2.E2H = 1: TTBR0/1_EL2, TCR_EL2 in the EL1 format */
	MMU_REGIME_EL10,  /* EL1&0: TTBR0/1_EL1, TCR_EL1 (stage 2 not part of this module) */
};

/* Granule sizes the PE implements (ID_AA64MMFR0_EL1.TGran4/16/64). */
#define MMU_GRAN_4K (1U << 0)
#define MMU_GRAN_16K (1U << 1)
#define MMU_GRAN_64K (1U << 2)

/* Everything the walk depends on, captured from the PE's registers. */
struct mmu_cfg {
	enum mmu_regime regime;
	uint64_t sctlr;        /* SCTLR_EL2 or SCTLR_EL1: M, A, WXN, EE, SPAN... */
	uint64_t tcr;          /* TCR_EL2 or TCR_EL1 */
	uint64_t ttbr0, ttbr1; /* ttbr1 unused in MMU_REGIME_EL2 */
	uint64_t mair;
	unsigned pa_bits;      /* PARange of ID_AA64MMFR0_EL1, in bits (32..48) */
	unsigned granules;     /* MMU_GRAN_* the PE implements */
	bool el0;              /* the access is made at EL0 (EL2&0 / EL1&0 only) */
	bool pan;              /* PSTATE.PAN (EL2&0 / EL1&0 at EL2/EL1) */
	bool unpriv;           /* LDTR/STTR-style unprivileged access */
};

enum mmu_access {
	MMU_ACCESS_READ,
	MMU_ACCESS_WRITE,
	MMU_ACCESS_FETCH,
};

enum mmu_fault {
	MMU_OK = 0,
	MMU_FAULT_ADDR_SIZE,     /* FSC 0b0000LL */
	MMU_FAULT_TRANSLATION,   /* FSC 0b0001LL */
	MMU_FAULT_ACCESS_FLAG,   /* FSC 0b0010LL */
	MMU_FAULT_PERMISSION,    /* FSC 0b0011LL */
	MMU_FAULT_SEA_WALK,      /* FSC 0b0101LL: descriptor read hit no memory */
	MMU_FAULT_GPF_WALK,      /* FSC 0b1001LL (0x24..0x27): descriptor read denied by the GPC */
	MMU_FAULT_UNSUPPORTED,   /* a set-up this model does not implement: caller fails closed */
};

/* What the descriptor reader answers. */
enum mmu_read_status {
	MMU_READ_OK = 0,
	MMU_READ_GPF, /* the GPC denies the read (descriptor in Realm/Secure/Root PAS) */
	MMU_READ_SEA, /* nothing (no memory device) at that PA */
};

/* Reads the 64-bit little-endian descriptor at @pa (8-byte aligned). */
typedef enum mmu_read_status (*mmu_read_fn)(void *ctx, uint64_t pa, uint64_t *desc);

struct mmu_result {
	enum mmu_fault fault;
	int level;            /* level of the fault, or of the leaf descriptor (0..3) */
	uint64_t pa;          /* MMU_OK: output address of @va */
	uint64_t desc_pa;     /* PA of the last descriptor read (walk faults: the one that faulted) */
	unsigned map_shift;   /* MMU_OK: log2 of the mapping's size (page or block) */
	bool contiguous;      /* the leaf had the Contiguous bit */
	/* Effective permissions of the mapping for the access's EL (MMU_OK or PERMISSION). */
	bool can_read, can_write, can_exec;
	uint8_t attr;         /* MAIR attribute byte of the leaf (0 = Device-nGnRnE) */
	bool device;          /* memory type is Device (MMU off: always) */
};

/*
 * Translates @va for @acc under @cfg. With SCTLR.M = 0 the output is @va
 * itself (checked against pa_bits: an address-size fault at level 0 beyond
 * it) with full permissions and Device memory type. TBI (TCR.TBI0/TBI1)
 * is applied by the walk itself (@va may carry a tag).
 */
void mmu_translate(const struct mmu_cfg *cfg, uint64_t va, enum mmu_access acc,
		   mmu_read_fn rd, void *ctx, struct mmu_result *res);

/* The ESR_ELx.DFSC/IFSC value of a fault (Arm ARM D17.2.40), 0 for MMU_OK. */
unsigned mmu_fsc(const struct mmu_result *res);

/* A short name of a fault kind for messages and traces. */
const char *mmu_fault_name(enum mmu_fault f);

#endif /* SIM_MMU_H */
