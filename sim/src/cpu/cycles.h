/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The cycle model and the trace: per-world cycle counters, the cost table
 * (defaults in docs/cycle-costs.md, overridable by the device tree node
 * /rmmsim/costs) and the Chrome Trace Event writer.
 */
#ifndef SIM_CPU_CYCLES_H
#define SIM_CPU_CYCLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rmm_plat.h"
#include "rmmsim_types.h"

enum cycles_cost {
	COST_CPI_MILLI = 0,       /* host cycles per instruction x 1000 */
	COST_SMC_EL3,             /* SMC NS-EL2 -> EL3 -> NS-EL2, answered in EL3 */
	COST_RMI_SWITCH,          /* NS -> EL3 -> R-EL2 (RMM) and back, trivial call */
	COST_GPT_UPDATE,          /* EL3 GPT entry update, one granule */
	COST_TLBI_PA,             /* TLBI RPALOS/PAALLOS + DSB + ISB */
	COST_GRANULE_ZERO,        /* RMM events, in enum rmm_cost order ... */
	COST_SHA256_BLOCK,
	COST_SHA512_BLOCK,
	COST_TLBI_IPA,
	COST_TLBI_VMID,
	COST_NS_COPY_LINE,
	COST_ECDSA_SIGN,
	COST_EXCEPTION,           /* synchronous exception entry at EL2 (GPF, ...) */
	COST_REC_SWITCH,          /* REC_ENTER: realm EL1/EL2, GIC, timer state restored and saved */
	COST_REALM_TRAP,          /* a realm trap handled inside the RMM and ERET back */
	COST_CLOCK_MHZ,           /* simulated clock, for trace timestamps */
	COST_COUNT,
};

#define CYCLES_MAX_REALM_RUNS 256U

struct cpu_cycles {
	uint64_t cost[COST_COUNT];
	uint64_t now;             /* simulated cycles since reset, all worlds */
	uint64_t slice_start;     /* start of the current host slice */
	uint64_t slice_insns;     /* host instructions at its start */
	FILE *trace;
	bool trace_first;
	uint64_t rmm_events[RMM_COST_COUNT];
	/* Realm slices run inside the SMC being handled (cpu_note_realm_run). */
	struct cycles_realm_run {
		uint16_t vmid;
		uint8_t trap;
		uint64_t fid;
		uint64_t insns;
	} realm_runs[CYCLES_MAX_REALM_RUNS];
	unsigned num_realm_runs;
	uint64_t realm_runs_folded; /* runs beyond the buffer: counted, traced as one */
	uint64_t realm_insns_folded;
};

const char *cycles_cost_name(enum cycles_cost c);
struct cpu_platform;
/* Defaults, overridden by the platform's /rmmsim/costs values. */
void cycles_init(struct cpu_cycles *c, const struct cpu_platform *plat, FILE *trace);

struct cpu;
/* Closes the host slice running since the last event (at @insns host instructions). */
void cycles_host_slice(struct cpu *cpu);
/* Charges one SMC and traces it; @events_delta: RMM events it caused. */
void cycles_smc(struct cpu *cpu, const struct smc_regs *in, const struct smc_regs *out,
		const uint64_t events_delta[RMM_COST_COUNT]);
void cycles_gpf(struct cpu *cpu, uint64_t va, pa_t pa, uint64_t pc, uint64_t esr);
void cycles_finish(struct cpu *cpu);
/* An instant event on the host track now (interrupts, timers, resets); @args: JSON or NULL. */
void cycles_instant(struct cpu *cpu, const char *name, const char *args);
/* Name of an RMI/PSCI/SMCCC function (NULL if unknown). */
const char *cycles_fid_name(uint64_t fid);

#endif /* SIM_CPU_CYCLES_H */
