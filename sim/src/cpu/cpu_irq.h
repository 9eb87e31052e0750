/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts and time of the host PE (issue 12): the state behind the GIC
 * glue (dev_gic.c, sysreg.c), the generic timer registers (timer_regs.c)
 * and the interrupt entry / WFI / deadline logic of the run loop (irq.c).
 * Kept in struct cpu_devs so the CPU core needs only a few call sites.
 */
#ifndef SIM_CPU_IRQ_H
#define SIM_CPU_IRQ_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <unicorn/unicorn.h>

#include "gic.h"
#include "gtimer.h"
#include "gtimer_rt.h"

/* FVP PPIs of the architected timers (arm,armv8-timer node, IHI 0069 INTIDs). */
#define CPU_PPI_CNTHP 26U
#define CPU_PPI_CNTV 27U
#define CPU_PPI_CNTP 30U
#define CPU_PPI_PMU 23U

struct cpu_irq_stats {
	uint64_t irqs_taken, fiqs_taken;
	uint64_t timer_fires;      /* a timer output rising */
	uint64_t deadline_stops;   /* runs stopped at a timer deadline */
	uint64_t wfi_sleeps, wfi_wakes;
	uint64_t idle_cycles;      /* time skipped in WFI */
	uint64_t polls;            /* block-by-block runs while an interrupt waits on PSTATE */
	uint64_t wdog_irqs;        /* a watchdog interrupt output rising */
	uint64_t pmu_irqs;         /* the PMU overflow request rising */
	uint64_t host_sleeps;      /* --realtime: host sleeps in WFI */
};

struct cpu_irq {
	struct gic *gic;           /* NULL = no GIC on the platform */
	uint64_t cntfrq;
	struct gtimer hp, p, v;    /* CNTHP_*, CNTP_*, CNTV_* of PE 0 */
	uint64_t cntvoff;
	unsigned ppi_hp, ppi_p, ppi_v;
	bool out_hp, out_p, out_v; /* timer outputs last given to the GIC */
	/*
	 * hook_block stops (or polls) once host_insns reaches stop_at: the
	 * next timer deadline, or 0 after a change that must be evaluated.
	 */
	uint64_t stop_at;
	uint64_t deadline_at;      /* host_insns of the next timer deadline */
	uint64_t deadline_count;   /* that deadline as a count (GTIMER_NEVER: none) */
	bool poll;                 /* an interrupt waits on PSTATE.I/F (not hookable) */
	uint64_t poll_pstate;      /* PSTATE when polling started */
	bool hook_stopped;         /* the last stop was ours, not a WFI */
	uint64_t raised_seen;      /* GIC "raised" count last put on the trace */
	/* --realtime: the counter over host time, one for every PE (PE 0 owns it); else NULL. */
	struct gtimer_rt *rt;
	struct cpu_irq_stats stats;
};

/*
 * stop_at is a request to leave the engine that other PEs' threads make
 * too (issue 13 --threads: smp.c pe_kick, cpu_smp_gic_changed) while this
 * PE runs its engine outside the machine lock: every access goes through
 * these atomics (C11 5.1.2.4: a plain access racing a write is undefined).
 * Relaxed is enough: it only makes hook_block stop; what the stop makes
 * the run loop re-evaluate (GIC, timers, PAS epoch) is read under the lock.
 */
static inline uint64_t cpu_irq_stop_at(const struct cpu_irq *q)
{
	return __atomic_load_n(&q->stop_at, __ATOMIC_RELAXED);
}

static inline void cpu_irq_set_stop_at(struct cpu_irq *q, uint64_t at)
{
	__atomic_store_n(&q->stop_at, at, __ATOMIC_RELAXED);
}

struct cpu;
enum cpu_irq_step {
	CPU_IRQ_NONE = 0,          /* nothing to do: the run loop goes on as before */
	CPU_IRQ_PROGRESS,          /* an interrupt was entered, a WFI woke, a deadline passed */
	CPU_IRQ_DEADLOCK,          /* WFI with nothing that can ever wake the PE */
	CPU_IRQ_FAULT,             /* an interrupt to take with VBAR_EL2 unset */
	CPU_IRQ_SLEEP,             /* issue 13: WFI with other PEs on: the scheduler waits */
	CPU_IRQ_RESET,             /* a watchdog asserted its reset output (cpu->power) */
};

/* irq.c: after each stop of the engine (run loop). */
enum cpu_irq_step cpu_irq_deliver(struct cpu *cpu);
/* irq.c: hook_block's slow path once host_insns >= stop_at; true = stop now. */
bool cpu_irq_block(struct cpu *cpu, uint64_t va, uint32_t size);
/* irq.c: the system counter now (physical count, CNTPCT_EL0). */
uint64_t cpu_counter(struct cpu *cpu);
/* irq.c: per-PE interrupt figures for --stats. */
void cpu_irq_print_stats(const struct cpu *cpu, FILE *out);
/* pmu_regs.c: an MRS/MSR of a PMU register (hook_sys); true = handled, skip it. */
bool cpu_pmu_sysreg(struct cpu *cpu, uc_arm64_reg reg, const uc_arm64_cp_reg *cp);
/* pmu_regs.c: hook_block with track_el set: counts up to an EL change at the old EL. */
void cpu_pmu_block(struct cpu *cpu);
/* timer_regs.c: CNTFRQ, PPIs, nothing due (cpu_create, before the first run). */
void cpu_timer_init(struct cpu *cpu);
/* timer_regs.c: an MRS/MSR of a generic timer register (hook_sys); true = handled, skip it. */
bool cpu_timer_sysreg(struct cpu *cpu, uc_arm64_reg reg, const uc_arm64_cp_reg *cp);
/* timer_regs.c: the timers' outputs at the current count, into the GIC; true = one rose. */
bool cpu_timer_update(struct cpu *cpu);
/* timer_regs.c: the next count (physical) at which a timer output rises, or GTIMER_NEVER. */
uint64_t cpu_timer_next_deadline(struct cpu *cpu);

#endif /* SIM_CPU_IRQ_H */
