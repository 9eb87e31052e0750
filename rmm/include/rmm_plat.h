/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one platform interface of the RMM: every hardware effect it needs.
 * sim/ implements it on the emulated platform; tests/ with a light fake.
 */
#ifndef RMM_PLAT_H
#define RMM_PLAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rmmsim_types.h"

/* Architectural events the cycle model charges (see docs/cycle-costs.md). */
enum rmm_cost {
	RMM_COST_GRANULE_ZERO = 0,   /* zeroing 4 KiB (DC ZVA loop) */
	RMM_COST_SHA256_BLOCK = 1,   /* one 64-byte SHA-256 block */
	RMM_COST_SHA512_BLOCK = 2,   /* one 128-byte SHA-512 block */
	RMM_COST_TLBI_IPA = 3,       /* TLBI IPAS2E1IS + DSB */
	RMM_COST_TLBI_VMID = 4,      /* TLBI VMALLS12E1IS + DSB */
	RMM_COST_NS_COPY_LINE = 5,   /* 64 bytes copied from/to NS memory */
	RMM_COST_ECDSA_SIGN = 6,     /* one P-384 signature */
	RMM_COST_COUNT = 7,
};

/*
 * A realm vCPU's register file as the RMM saves it in the REC between runs
 * (GPRs, PC, PSTATE in SPSR format, the EL1 system registers the realm
 * owns, its EL1 timers, FP/SIMD). The platform loads it into the PE for
 * rec_run and stores it back.
 */
struct rmm_vcpu_regs {
	uint64_t x[31];
	uint64_t pc;
	uint64_t pstate;
	uint64_t sp_el0;
	uint64_t sp_el1;
	uint64_t elr_el1;
	uint64_t spsr_el1;
	uint64_t esr_el1;
	uint64_t far_el1;
	uint64_t vbar_el1;
	uint64_t sctlr_el1;
	uint64_t tcr_el1;
	uint64_t ttbr0_el1;
	uint64_t ttbr1_el1;
	uint64_t mair_el1;
	uint64_t amair_el1;
	uint64_t par_el1;
	uint64_t cpacr_el1;
	uint64_t contextidr_el1;
	uint64_t tpidr_el0;
	uint64_t tpidrro_el0;
	uint64_t tpidr_el1;
	uint64_t afsr0_el1;
	uint64_t afsr1_el1;
	uint64_t cntkctl_el1;
	uint64_t csselr_el1;
	uint64_t cntv_ctl;
	uint64_t cntv_cval;
	uint64_t cntp_ctl;
	uint64_t cntp_cval;
	uint64_t fpcr;
	uint64_t fpsr;
	uint64_t v[32][2]; /* Q0..Q31, low half first */
	/*
	 * The realm's PMU (issue 12), kept by the PE model when the realm has
	 * one (rmm_vcpu_run.pmu_num_ctrs > 0): PMCR_EL0's writable bits, the
	 * SET/CLR pairs as one mask each, the counters and their types.
	 */
	uint64_t pmcr;
	uint64_t pmcnten, pminten, pmovs;
	uint64_t pmccntr, pmccfiltr, pmselr, pmuserenr;
	uint64_t pmevcntr[31];
	uint64_t pmevtyper[31];
};

/*
 * The GICv3 virtual CPU interface state the RMM loads into the PE's ICH_*
 * registers for a run and saves after it (psci-and-exits.md §4). The PE
 * delivers pending list-register interrupts to the realm (Group 1 as IRQ,
 * Group 0 as FIQ) and implements the realm's ICV_* registers of both groups
 * (IAR, EOIR, HPPIR, BPR, AP0R/AP1R; CTLR, IGRPEN0/1, PMR, RPR, DIR without
 * TDIR) on this state.
 */
#define RMM_GIC_MAX_LRS 16U
struct rmm_gic_state {
	uint64_t hcr;            /* ICH_HCR_EL2: the host's permitted bits + EOIcount */
	uint64_t lrs[RMM_GIC_MAX_LRS];
	unsigned num_lrs;        /* implemented LRs (ICH_VTR_EL2.ListRegs + 1) */
	uint64_t misr;           /* ICH_MISR_EL2 at the end of the run (output) */
	uint64_t vmcr;           /* ICH_VMCR_EL2 */
	uint64_t ap0r;           /* ICH_AP0R0_EL2 */
	uint64_t ap1r;           /* ICH_AP1R0_EL2 */
};

/* Why rec_run returned: the trap to R-EL2 the RMM must handle. */
enum rmm_vcpu_exit {
	RMM_VCPU_EXIT_SMC = 0,        /* PC past the SMC */
	RMM_VCPU_EXIT_HVC = 1,        /* PC past the HVC */
	RMM_VCPU_EXIT_DATA_ABORT = 2, /* stage-2 data abort, PC at the access */
	RMM_VCPU_EXIT_INSN_ABORT = 3, /* stage-2 instruction abort, PC at the fetch */
	RMM_VCPU_EXIT_WFI = 4,        /* trapped WFI, PC at it */
	RMM_VCPU_EXIT_WFE = 5,        /* trapped WFE, PC at it */
	RMM_VCPU_EXIT_SYSREG = 6,     /* MSR/MRS trapped to EL2 (ESR EC 0x18), PC at it */
	RMM_VCPU_EXIT_UNDEF = 7,      /* undefined instruction, PC at it */
	RMM_VCPU_EXIT_IRQ = 8,        /* the host's timer: the time slice is used up */
	RMM_VCPU_EXIT_ERROR = 9,      /* the PE cannot model what the realm did */
};

/* One run of a realm vCPU (rec_run). */
struct rmm_vcpu_run {
	uint16_t vmid;
	unsigned ipa_bits;       /* the realm's IPA width (RmiRealmParams.s2sz) */
	bool trap_wfi;           /* HCR_EL2.TWI for this entry */
	bool trap_wfe;           /* HCR_EL2.TWE */
	uint64_t budget;         /* instructions left in the host's time slice (> 0) */
	struct rmm_gic_state *gic; /* the REC's GIC state, loaded and saved by the PE */
	uint64_t vmpidr;         /* VMPIDR_EL2: what the realm reads as MPIDR_EL1 (0: the PE's own) */
	unsigned pmu_num_ctrs;   /* the realm's PMU event counters; 0 = no PMU (RAZ/WI) */
	/* Filled by rec_run: */
	enum rmm_vcpu_exit exit;
	uint64_t esr;            /* ESR_EL2 */
	uint64_t far;            /* FAR_EL2 */
	uint64_t hpfar;          /* HPFAR_EL2 */
	ipa_t ipa;               /* faulting IPA of a stage-2 abort */
	uint64_t insns;          /* instructions the realm executed */
};

/* Stage-2 permissions of s2_map. */
#define RMM_S2_R 1U
#define RMM_S2_W 2U
#define RMM_S2_X 4U

/* RMI 2.0 GPT level-1 requests of the RMM to EL3 (struct rmm_plat.gpt_l1). */
enum rmm_gpt_l1_op {
	RMM_GPT_L1_CREATE = 0,  /* L0 block -> table; -EEXIST if already a table */
	RMM_GPT_L1_DESTROY = 1, /* table -> block; -ENOENT if a block, -EBUSY if GPIs differ */
	RMM_GPT_L1_QUERY = 2,   /* 1 if the L0 entry is a table, 0 if a block */
};

struct rmm_plat {
	void *ctx;
	/*
	 * Host pointer to the 4 KiB of memory of the granule at @pa. Only
	 * called for granules the RMM manages (it maps what it owns).
	 */
	void *(*granule_map)(void *ctx, pa_t pa);
	/*
	 * Reads/writes NS memory as the RMM would from the realm world: the
	 * access must stay inside one granule and the granule must be NS in
	 * the GPT at the time of access, else false (never a crash).
	 */
	bool (*ns_read)(void *ctx, pa_t pa, void *dst, size_t len);
	bool (*ns_write)(void *ctx, pa_t pa, const void *src, size_t len);
	/* RMM-EL3 GTSI request (RMM_GTSI_DELEGATE_FID / _UNDELEGATE_FID); returns X0 (0 = success). */
	int64_t (*gtsi)(void *ctx, uint64_t fid, pa_t pa);
	/* Cycle accounting of an event, @n times. May be NULL. */
	void (*account)(void *ctx, enum rmm_cost ev, uint64_t n);
	/* Realm stage 2 of the realm whose VMID is @vmid changed (TLBI): may be NULL. */
	void (*s2_changed)(void *ctx, uint16_t vmid, ipa_t base, uint64_t size);
	/*
	 * GPI of the granule at @pa (enum gpt_gpi values: 0xB Realm, 0x9 NS),
	 * used only by the invariant checker. May be NULL (check skipped).
	 */
	int (*pas_of)(void *ctx, pa_t pa);
	/*
	 * Realm execution (may be NULL: RMI_REC_ENTER then reports a host IRQ
	 * exit without running the realm). rec_run runs @regs at R-EL1 behind
	 * the stage 2 of realm @run->vmid until a trap to R-EL2; returns 0 or a
	 * negative errno when the PE could not run at all. The stage 2 is a
	 * TLB the RMM fills on a fault with s2_map (one 4 KiB page, @pa the
	 * output address, RMM_S2_* permissions) and empties through s2_changed.
	 */
	int (*rec_run)(void *ctx, struct rmm_vcpu_regs *regs, struct rmm_vcpu_run *run);
	int (*s2_map)(void *ctx, uint16_t vmid, unsigned ipa_bits, ipa_t ipa, pa_t pa,
		      unsigned prot);
	/*
	 * GPT level-1 management for RMI 2.0 GPT_L1_CREATE/DESTROY/INFO on the
	 * L0 region holding @pa: 0 (or the QUERY answer) or a negative errno
	 * (-EINVAL outside the PPS). May be NULL: no host-managed L1 tables.
	 */
	int (*gpt_l1)(void *ctx, enum rmm_gpt_l1_op op, pa_t pa);
};

#endif /* RMM_PLAT_H */
