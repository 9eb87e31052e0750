/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim_cpu: the emulated host CPU. One Unicorn AArch64 engine runs the
 * host payload at NS-EL2 over the platform's DRAM; every host load, store
 * and fetch is checked by the Granule Protection Check, `smc` goes to the
 * platform's EL3 dispatcher, and the PL011/SP805/GICv3 devices, the NV
 * region and the ICC_* system registers are emulated here. It also keeps
 * the per-world cycle model, the instruction count and the trace
 * (docs/emulation.md, docs/cycle-costs.md).
 *
 * The platform is described by the narrow struct cpu_platform below so that
 * this module depends on nothing but function pointers and memory.
 */
#ifndef SIM_CPU_H
#define SIM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gpt.h"
#include "rmm_plat.h"
#include "rmmsim_types.h"

#define CPU_MAX_RAM 8U
#define CPU_MAX_UART 4U
#define CPU_MAX_PE 8U            /* host PEs (issue 13; GIC_MAX_PE, SMC_PSCI_MAX_PE) */
#define CPU_DEFAULT_QUANTUM 1000U

struct cpu_ram {
	pa_t base;
	uint64_t size;
	void *host;      /* the platform's memory for [base, base + size) */
};

/* Why the platform asked the run to stop (smc_dispatcher power_event). */
enum cpu_power {
	CPU_POWER_NONE = 0,
	CPU_POWER_OFF = 1,
	CPU_POWER_RESET = 2,
	CPU_POWER_WDOG_RESET = 3, /* a watchdog's reset output (dev_wdog.c), not an SMC */
};

struct cpu_platform {
	struct cpu_ram ram[CPU_MAX_RAM];
	unsigned num_ram;
	pa_t nv_base;            /* NV (flash) region: RAM preset to 0xFF; size 0 = none */
	uint64_t nv_size;
	void *nv_host;           /* the platform's NV memory; NULL = allocated here */
	pa_t uart[CPU_MAX_UART]; /* PL011 bases */
	unsigned num_uart;
	pa_t sp805;              /* 0 = none */
	unsigned sp805_spi;      /* its interrupt INTID (0 = not wired) */
	uint32_t sp805_clk_hz;   /* WDOGCLK; 0 = the FVP's 32768 */
	pa_t gwdt_ctrl, gwdt_refresh; /* SBSA generic watchdog frames; 0 = none */
	unsigned gwdt_spi;       /* WS0 INTID (0 = not wired) */
	/*
	 * The frames' sizes from the device tree (FVP: 64 KiB each), mapped
	 * whole: what lies past the registers is RAZ/WI; 0 = 4 KiB.
	 */
	uint64_t sp805_size, gwdt_ctrl_size, gwdt_refresh_size;
	pa_t gicd;               /* 0 = no GIC */
	pa_t gicr;
	uint64_t gicr_size;
	/* Architected timer PPIs (arm,armv8-timer node); 0 = the FVP's 26/30/27. */
	unsigned ppi_cnthp, ppi_cntp, ppi_cntv;
	/* PMU: its PPI (arm,armv8-pmuv3 node; 0 = 23) and PMCR_EL0.N (0 = 31). */
	unsigned ppi_pmu, pmu_counters;
	/* Granule Protection Check of one NS access; NULL = everything passes. */
	enum gpt_result (*gpc)(void *ctx, enum gpt_access access, pa_t pa);
	void *gpc_ctx;
	/*
	 * Count of PAS changes so far (gpc_ctx); the CPU drops its checked
	 * translations when it moves. NULL = after every SMC (fail closed).
	 */
	uint64_t (*pas_epoch)(void *ctx);
	/* EL3: dispatches one SMC of host PE @pe in place, returns a latched power event. */
	enum cpu_power (*smc)(void *ctx, unsigned pe, struct smc_regs *regs);
	void *smc_ctx;
	/*
	 * issue 13: the host PEs, MPIDR_EL1 values in device-tree order (PE 0
	 * boots, the others wait powered off for PSCI CPU_ON); 0 PEs = one
	 * PE with MPIDR_EL1 0x80000000.
	 */
	uint64_t mpidr[CPU_MAX_PE];
	unsigned num_pe;
	/* EL3: PE @pe, turned on by CPU_ON, runs its first instruction (may be NULL). */
	void (*pe_started)(void *ctx, unsigned pe);
	/* Cumulative RMM event counts (enum rmm_cost); NULL = none reported. */
	void (*rmm_events)(void *ctx, uint64_t counts[RMM_COST_COUNT]);
	void *events_ctx;
	/* Formats one RMI log line (without newline); NULL = a built-in format. */
	int (*rmi_log_format)(char *buf, size_t len, const struct smc_regs *in,
			      const struct smc_regs *out);
	/* Cost named @name of /rmmsim/costs, else @dflt; NULL = defaults only. */
	uint64_t (*cost)(const void *ctx, const char *name, uint64_t dflt);
	const void *cost_ctx;
	/*
	 * Platform warm reset behind the CPU's (watchdog, SYSTEM_RESET with
	 * reset_continue): Realm PAS scrubbed and returned to NS, a fresh RMM.
	 * 0 = done; NULL = nothing to reset. @ctx = smc_ctx.
	 */
	int (*reset)(void *ctx);
	/* The platform's device tree blob, placed in DRAM for the payload. */
	const void *dtb;
	size_t dtb_size;
};

struct cpu_options {
	bool gpc_checks;        /* check every host access (default on) */
	bool count_insns;       /* count host instructions exactly (UC_HOOK_BLOCK) */
	uint64_t max_insns;     /* 0 = unlimited; implies count_insns */
	FILE *uart_out[CPU_MAX_UART]; /* NULL = discarded */
	FILE *rmi_log;          /* one line per RMI call; NULL = off */
	FILE *trace;            /* Chrome Trace Event JSON; NULL = off */
	FILE *fault_report;     /* unhandled faults are described here (stderr) */
	/* issue 13: scheduling of several PEs (docs/emulation.md "PEs"). */
	uint64_t quantum;       /* interleaved: host instructions per turn; 0 = default */
	bool threads;           /* one host thread per PE, engines sharing memory */
	/*
	 * With threads: RMI calls run outside the machine lock, racing in the
	 * RMM (needs the RMM's own locking, issue 13 RMM side).
	 */
	bool parallel_rmi;
	/*
	 * A platform reset (watchdog, PSCI SYSTEM_RESET) restarts the host at
	 * its entry point with DRAM and flash kept (cpu_reset.c); false = the
	 * run ends with CPU_EXIT_SYSTEM_RESET / CPU_EXIT_WDOG_RESET.
	 */
	bool reset_continue;
	/*
	 * Benchmarks only (bench_emu): no block hook unless counting is asked
	 * for, so no time base: timers, watchdogs and the PMU never fire.
	 */
	bool no_time_base;
	/*
	 * issue 12: the system counter follows host time (CLOCK_MONOTONIC at
	 * CNTFRQ, gtimer_rt.h) and WFI sleeps on the host: not deterministic.
	 */
	bool realtime;
};

/* How a run ended. */
enum cpu_exit {
	CPU_EXIT_SYSTEM_OFF = 0,
	CPU_EXIT_SYSTEM_RESET = 1,
	CPU_EXIT_FAULT = 2,      /* exception with VBAR_EL2 unset, or a fault in the vector */
	CPU_EXIT_TIMEOUT = 3,    /* --max-insns reached */
	CPU_EXIT_ERROR = 4,      /* Unicorn refused something: a simulator error */
	CPU_EXIT_DEADLOCK = 5,   /* WFI with nothing that can wake the PE (issue 12) */
	CPU_EXIT_WDOG_RESET = 6, /* a watchdog reset the platform (reset_continue off) */
};

struct cpu;

/* NULL on failure, with one message in @err. */
struct cpu *cpu_create(const struct cpu_platform *plat, const struct cpu_options *opt,
		       char *err, size_t err_len);
void cpu_destroy(struct cpu *cpu);

/*
 * Loads a payload into DRAM: an ELF64 AArch64 executable, or when
 * @flat_addr is non-zero a flat binary at that address. Sets the entry.
 * Returns 0, or -1 with one message in @err (bad payload: exit code 3).
 */
int cpu_load_file(struct cpu *cpu, const char *path, pa_t flat_addr, char *err, size_t err_len);
int cpu_load_image(struct cpu *cpu, const void *image, size_t len, pa_t flat_addr,
		   char *err, size_t err_len);

/*
 * Sets where the host starts (after several images were loaded, each of
 * which set its own): 0, or -1 with a message if nothing was loaded yet.
 */
int cpu_set_entry(struct cpu *cpu, pa_t entry, char *err, size_t err_len);

/* Places the DTB and prepares NS-EL2 entry (x0 = DTB address). */
int cpu_boot(struct cpu *cpu, char *err, size_t err_len);
pa_t cpu_dtb_addr(const struct cpu *cpu);

/* Runs until SYSTEM_OFF/RESET, an unhandled fault or the instruction limit. */
enum cpu_exit cpu_run(struct cpu *cpu);
/* X1 at SYSTEM_OFF: the payload's status (0 = success). */
uint64_t cpu_exit_status(const struct cpu *cpu);

/*
 * issue 13: what EL3's PSCI does to the PEs (smc_psci_ops; @cpu = the one
 * cpu_create returned, @pe = index in cpu_platform.mpidr). Called inside
 * the SMC of the calling PE.
 */
void cpu_psci_on(struct cpu *cpu, unsigned pe, uint64_t entry, uint64_t context_id);
void cpu_psci_off(struct cpu *cpu, unsigned pe);
void cpu_psci_suspend(struct cpu *cpu, unsigned pe, bool powerdown, uint64_t entry,
		      uint64_t context_id);
/* Number of PEs that ran at least once. */
unsigned cpu_pes_started(const struct cpu *cpu);
/* One line saying what --threads does not model (start-up line, --help). */
extern const char cpu_threads_limits[];

/* Figures of the run (--stats). */
struct cpu_rmi_stat {
	uint64_t calls;
	uint64_t cycles;        /* EL3 + RMM cycles of these calls */
};
#define CPU_RMI_SLOTS 64U       /* FID 0xC4000150 + slot */
enum cpu_world {
	CPU_WORLD_HOST = 0,
	CPU_WORLD_EL3 = 1,
	CPU_WORLD_RMM = 2,
	CPU_WORLD_REALM = 3,
	CPU_WORLD_COUNT = 4,
};
struct cpu_stats {
	uint64_t host_insns;
	uint64_t smcs;
	uint64_t gpfs;
	uint64_t exceptions;    /* synchronous exceptions entered at the host's vector */
	uint64_t tlbis;         /* TLBI instructions */
	uint64_t shadow_fills;  /* pages checked and added to the shadow tables */
	uint64_t cycles[CPU_WORLD_COUNT];
	struct cpu_rmi_stat rmi[CPU_RMI_SLOTS];
	uint64_t sgis;          /* ICC_SGI1R_EL1 writes */
	uint64_t realm_insns;   /* instructions run at R-EL1 */
	uint64_t realm_traps;   /* traps to R-EL2 (RSI calls, aborts, ...) */
	uint64_t rsi_calls;     /* SMCs from realms */
	uint64_t rec_exits[8];  /* REC exits by RMI_EXIT_* reason */
	uint64_t resets;        /* platform resets the run continued through */
	uint64_t wdog_resets;   /* of which by a watchdog */
};
const struct cpu_stats *cpu_stats(const struct cpu *cpu);
/*
 * One realm time slice the platform ran inside the current SMC (the
 * platform's realm hook): @trap = enum rmm_vcpu_exit, @fid = X0 when the
 * slice ended with an SMC. Charged and traced with that SMC.
 */
void cpu_note_realm_run(struct cpu *cpu, uint16_t vmid, unsigned trap, uint64_t fid,
			uint64_t insns);
void cpu_print_stats(const struct cpu *cpu, FILE *out);

/*
 * The system counter as a realm run inside the current SMC sees it (issue
 * 12): @count includes the realm instructions already reported for this
 * SMC; @host_deadline is the count at which a host interrupt becomes due
 * (0: one is signalled now, UINT64_MAX: none).
 */
struct cpu_time_view {
	uint64_t count, cntfrq, clock_hz, cpi_milli, host_deadline;
	/* --realtime: the shared counter a realm reads during its run (NULL: by instructions). */
	uint64_t (*now)(void *ctx);
	void *now_ctx;
};
void cpu_time_view(struct cpu *cpu, struct cpu_time_view *v);
const char *cpu_world_name(enum cpu_world w);

#endif /* SIM_CPU_H */
