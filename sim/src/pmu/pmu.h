/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim_pmu: a pure model of the Arm PMUv3 (Arm ARM D11 "The Performance
 * Monitors Extension") for one PE: PMCR_EL0, PMCNTEN{SET,CLR}, PMOVS{SET,CLR},
 * PMINTEN{SET,CLR}, PMSELR, PMSWINC, PMCCNTR, PMCCFILTR, PMEVCNTR<n>,
 * PMEVTYPER<n>, PMXEV*, PMCEID0/1 and PMUSERENR, counting what the
 * simulator's cycle model reports: CPU_CYCLES (0x11, and the cycle counter)
 * and INST_RETIRED (0x08); SW_INCR (0x00) by PMSWINC; every other event
 * counts nothing. No filtering by exception level (PMEVTYPER/PMCCFILTR
 * filter bits are kept, not applied).
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
};

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
