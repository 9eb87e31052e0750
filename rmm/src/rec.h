/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Realm Execution Context, stored in the REC granule's own memory
 * (zero when created). states.md §3. RUNNING is modelled as in TF-RMM:
 * the REC granule's refcount is 1 while REC_ENTER runs it.
 */
#ifndef RMM_REC_H
#define RMM_REC_H

#include <stdbool.h>
#include <stdint.h>

#include "rmm_private.h"

#define REC_NUM_GPRS 31U
#define REC_MAX_AUX 16U

/* Initial PSTATE: EL1h, AArch64, D, A, I, F masked (commands.md REC_CREATE 3). */
#define REC_PSTATE_RESET 0x3C5ULL
/* SCTLR_EL1 bits of the reset value (MMU, caches off; little-endian). */
#define REC_SCTLR_EL1_SA (1ULL << 3)
#define REC_SCTLR_EL1_SA0 (1ULL << 4)
#define REC_SCTLR_EL1_CP15BEN (1ULL << 5)
#define REC_SCTLR_EL1_NAA (1ULL << 6)
#define REC_SCTLR_EL1_EOS (1ULL << 11)
#define REC_SCTLR_EL1_NTWI (1ULL << 16)
#define REC_SCTLR_EL1_NTWE (1ULL << 18)
#define REC_SCTLR_EL1_EIS (1ULL << 22)
#define REC_SCTLR_EL1_SPAN (1ULL << 23)
#define REC_SCTLR_EL1_EE (1ULL << 25)
#define REC_SCTLR_EL1_RESET                                                                 \
	(REC_SCTLR_EL1_SPAN | REC_SCTLR_EL1_EIS | REC_SCTLR_EL1_NTWE | REC_SCTLR_EL1_NTWI |  \
	 REC_SCTLR_EL1_EOS | REC_SCTLR_EL1_NAA | REC_SCTLR_EL1_CP15BEN | REC_SCTLR_EL1_SA0 | \
	 REC_SCTLR_EL1_SA)
/* Affinity fields of an MPIDR_EL1 value: Aff0[3:0], Aff1, Aff2, Aff3[39:32]. */
#define REC_MPIDR_EL1_AFF_MASK 0xFF00FFFF0FULL

/* PSCI function IDs and results a REC's pending request can carry (psci-and-exits.md §1-2). */
#define PSCI_CPU_ON_SMC32 0x84000003ULL
#define PSCI_CPU_ON_SMC64 0xC4000003ULL
#define PSCI_AFFINITY_INFO_SMC32 0x84000004ULL
#define PSCI_AFFINITY_INFO_SMC64 0xC4000004ULL
#define REC_PSCI_RET_SUCCESS 0
#define REC_PSCI_RET_DENIED (-3)
#define REC_PSCI_RET_ALREADY_ON (-4)
#define REC_PSCI_AFFINITY_ON 0ULL
#define REC_PSCI_AFFINITY_OFF 1ULL

/* The vCPU register file (rmm_plat.h): GPRs, PC, PSTATE, EL1 sysregs, timers, FP. */
typedef struct rmm_vcpu_regs rec_regs_t;

/* Pending RIPAS change recorded by RSI_IPA_STATE_SET (states.md §3). */
struct rec_set_ripas {
	bool pending;
	uint8_t value;           /* RMI_EMPTY / RMI_RAM */
	bool change_destroyed;
	ipa_t base;
	ipa_t top;
	ipa_t addr;              /* progress: next address to change */
};

struct rec_psci {
	bool pending;            /* CPU_ON / AFFINITY_INFO waiting for PSCI_COMPLETE */
	uint64_t fid;
	uint64_t target_mpidr;   /* calling X1 */
	uint64_t entry;          /* CPU_ON X2 */
	uint64_t context_id;     /* CPU_ON X3 */
};

#define REC_GIC_NUM_LRS RMM_GIC_MAX_LRS

/* Realm GIC CPU interface state saved in the REC (psci-and-exits.md §4; rmm_plat.h). */
typedef struct rmm_gic_state rec_gic_t;


struct rec {
	pa_t owner;              /* PA of the RD */
	uint32_t index;
	uint64_t mpidr;          /* RmiRecMpidr as given */
	bool runnable;
	uint32_t num_aux;
	pa_t aux[REC_MAX_AUX];
	/* Saved vCPU: GPRs, PC, PSTATE, EL1 sysregs incl. SCTLR_EL1 and the EL1 timers. */
	rec_regs_t regs;
	uint64_t vmpidr_el2;
	rec_gic_t gic;
	struct rec_psci psci;
	struct rec_set_ripas set_ripas;
	bool host_call_pending;
	bool emulatable_abort;   /* last exit was an emulatable data abort */
	uint64_t last_exit_esr;
	ipa_t last_fault_ipa;
	uint64_t last_fault_far; /* FAR_EL2 of that exit (inject_sea gives it to the realm) */
	/* RSI (rsi/rsi_host_call.c): RsiHostCall IPA of the pending RSI_HOST_CALL. */
	ipa_t host_call_ipa;
	/* Last exit was a forwarded sysreg read: REC_ENTER writes enter.gprs[0] to Rt. */
	bool sysreg_read_pending;
	uint8_t sysreg_rt;
	/* Statistics of the run loop (trace, tests). */
	uint64_t insns;          /* realm instructions run by this REC */
	uint64_t rsi_calls;      /* SMCs from the realm handled by the RMM */
};

_Static_assert(sizeof(struct rec) <= GRANULE_SIZE, "REC must fit its granule");

static inline struct rec *rec_map(struct rmm *rmm, struct granule *g_rec)
{
	return (struct rec *)granule_map(rmm, g_rec);
}

/* RecIndex(mpidr) of structures.md §2. */
static inline uint64_t rec_mpidr_to_index(uint64_t mpidr)
{
	return (mpidr & 0xFU) | (((mpidr >> 8) & 0xFFU) << 4) | (((mpidr >> 16) & 0xFFU) << 12) |
	       (((mpidr >> 24) & 0xFFU) << 20);
}

/*
 * The run loop of RMI_REC_ENTER (rec_run.c), called with the REC RUNNING:
 * applies the entry completions of @flags / @gprs (RecEnter), runs the
 * realm and fills @exit with the RecExit fields of the exit that ends the
 * run (GIC and timer fields are added by the caller).
 */
/*
 * A new REC (zero granule) of realm @rd at @rd_pa from RmiRecParams
 * @params (flags, pc, gprs; the same offsets in 1.0 and 2.0) with its
 * aux granules (rec.c; shared with v2/v2_rec.c).
 */
struct rd;
void rec_init(struct rec *rec, pa_t rd_pa, const struct rd *rd, const uint8_t *params,
	      uint64_t mpidr, uint64_t num_aux, const pa_t *aux);

struct rsi_exit_info;
void rec_run_loop(struct rmm *rmm, struct rec *rec, uint64_t flags,
		  const uint64_t gprs[REC_NUM_GPRS], struct rsi_exit_info *exit);

#endif /* RMM_REC_H */
