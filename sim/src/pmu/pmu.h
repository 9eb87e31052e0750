/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim_pmu: a pure model of the Arm PMUv3 (Arm ARM D11 "The Performance
 * Monitors Extension") for one PE: PMCR_EL0, PMCNTEN{SET,CLR}, PMOVS{SET,CLR},
 * PMINTEN{SET,CLR}, PMSELR, PMSWINC, PMCCNTR, PMCCFILTR, PMEVCNTR<n>,
 * PMEVTYPER<n>, PMXEV*, PMCEID0/1 and PMUSERENR, counting what the
 * simulator's cycle model reports: CPU_CYCLES (0x11, and the cycle counter)
 * and INST_RETIRED (0x08); SW_INCR (0x00) by PMSWINC; every other event
 * counts nothing.
 *
 * Filtering by exception level and Security state (PMEVTYPER<n>_EL0 and
 * PMCCFILTR_EL0 P, U, NSK, NSU, NSH, M, SH and, with FEAT_RME, RLK, RLU,
 * RLH): a counter counts what runs in the model's context (pmu_set_context)
 * when pmu_filter_counts() says so, as the Arm ARM's CountPMUEvents
 * pseudocode combines them (EL3, EL2, Secure EL2 and RME implemented):
 *   EL0: Non-secure U == NSU, Secure U == 0, Realm U == RLU;
 *   EL1: Non-secure P == NSK, Secure P == 0, Realm P == RLK;
 *   EL2: Non-secure NSH == 1, Secure NSH != SH, Realm NSH != RLH;
 *   EL3: M == P.
 *
 * Overflow: an event counter overflows at 32 bits (64 with PMCR.LP), the
 * cycle counter at 32 bits unless PMCR.LC (64). The overflow interrupt
 * (the PMU PPI) is asserted while PMCR.E = 1 and PMOVSSET & PMINTENSET &
 * PMCNTENSET is not zero (the condition TF-RMM uses for
 * RmiRecExit.pmu_ovf_status, psci-and-exits.md §6).
 */
#ifndef SIM_PMU_H
#define SIM_PMU_H

#include <stdbool.h>
#include <stdint.h>

#define PMU_MAX_COUNTERS 31U
#define PMU_CYCLE_BIT 31U
#define PMU_NEVER UINT64_MAX

#define PMU_EVT_SW_INCR 0x00U
#define PMU_EVT_INST_RETIRED 0x08U
#define PMU_EVT_CPU_CYCLES 0x11U

#define PMCR_E (1ULL << 0)
#define PMCR_P (1ULL << 1)
#define PMCR_C (1ULL << 2)
#define PMCR_D (1ULL << 3)
#define PMCR_LC (1ULL << 6)
#define PMCR_LP (1ULL << 7)
#define PMCR_N_SHIFT 11

/* PMEVTYPER<n>_EL0 / PMCCFILTR_EL0 filter bits (Arm ARM D24 "PMCCFILTR_EL0"). */
#define PMU_FILT_P (1U << 31)
#define PMU_FILT_U (1U << 30)
#define PMU_FILT_NSK (1U << 29)
#define PMU_FILT_NSU (1U << 28)
#define PMU_FILT_NSH (1U << 27)
#define PMU_FILT_M (1U << 26)
#define PMU_FILT_SH (1U << 24)
#define PMU_FILT_RLK (1U << 22)
#define PMU_FILT_RLU (1U << 21)
#define PMU_FILT_RLH (1U << 20)

/* The Security state of the code being counted (Root = EL3). */
enum pmu_ss {
	PMU_SS_NONSECURE = 0,
	PMU_SS_SECURE,
	PMU_SS_REALM,
	PMU_SS_ROOT,
};

/* System register encoding op0:op1:CRn:CRm:op2 as MRS/MSR bits [20:5] (as GIC_SYS_ENC). */
#define PMU_SYS_ENC(o0, o1, n, m, o2) \
	((((o0) & 3U) << 14) | ((o1) << 11) | ((n) << 7) | ((m) << 3) | (o2))

struct pmu {
	unsigned n;                 /* event counters (PMCR_EL0.N) */
	uint64_t pmcr;              /* writable bits: E P C D X DP LC LP as kept */
	uint32_t cnten, inten, ovs; /* bit n = event counter n, bit 31 = cycle counter */
	uint64_t ccntr;
	uint64_t evcntr[PMU_MAX_COUNTERS];
	uint32_t evtyper[PMU_MAX_COUNTERS];
	uint64_t ccfiltr;
	uint32_t selr;
	uint64_t userenr;
	uint64_t div_rem;           /* cycles towards the next PMCR.D tick (every 64) */
	unsigned el;                /* what pmu_advance counts: EL (0..3) ... */
	enum pmu_ss ss;             /* ... and Security state (reset: Non-secure EL0) */
};

/* Whether a counter with @filter counts events at @el in @ss (the table above). */
bool pmu_filter_counts(uint32_t filter, unsigned el, enum pmu_ss ss);
/* The EL and Security state of the code that runs from now on. */
void pmu_set_context(struct pmu *p, unsigned el, enum pmu_ss ss);
/*
 * Whether some enabled counter counts at one of @ss's ELs 0..@max_el and
 * not at another: then the caller must tell EL changes (pmu_set_context).
 */
bool pmu_el_sensitive(const struct pmu *p, enum pmu_ss ss, unsigned max_el);

/* Reset state with @n event counters (at most PMU_MAX_COUNTERS). */
void pmu_init(struct pmu *p, unsigned n);
/* @cycles and @insns more of the PE's execution: counters advance, overflows latch. */
void pmu_advance(struct pmu *p, uint64_t cycles, uint64_t insns);
/* The overflow interrupt request. */
bool pmu_irq(const struct pmu *p);
/*
 * The fewest cycles after which an enabled counter whose overflow would
 * raise the interrupt overflows, with @cpi_milli cycles per 1000
 * instructions for INST_RETIRED; PMU_NEVER if none.
 */
uint64_t pmu_cycles_to_overflow(const struct pmu *p, uint64_t cpi_milli);
/* A PMU register by encoding (PMU_SYS_ENC); false = not a PMU register. */
bool pmu_sysreg_read(const struct pmu *p, unsigned enc, uint64_t *val);
bool pmu_sysreg_write(struct pmu *p, unsigned enc, uint64_t val);

#endif /* SIM_PMU_H */
