/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts and time of the host PE (issue 12), called by the run loop
 * after each stop of the engine:
 *  - the system counter: ticks = simulated cycles * CNTFRQ / clock, the
 *    cycles being the cycle model's (host instructions x CPI plus every
 *    charged event, realms included), so a run is deterministic;
 *  - timer outputs into the GIC, and the next deadline turned into the
 *    host instruction count at which hook_block stops the engine;
 *  - WFI: Unicorn returns with PC past it; the PE sleeps by skipping time
 *    to the next deadline, or the run ends when nothing can wake it;
 *  - IRQ/FIQ entry at EL2 as the Arm ARM routes it (D1.3 "Routing of
 *    asynchronous exceptions"): at EL2 an interrupt is taken only if it
 *    targets EL2 (HCR_EL2.IMO/FMO or TGE; SCR_EL3.IRQ/FIQ = 0 as booted)
 *    and PSTATE.I/F does not mask it; one targeting EL1 stays pending.
 *    The entry: ELR_EL2 = the next instruction, SPSR_EL2 = PSTATE,
 *    PSTATE = EL2h with DAIF masked, PC = VBAR_EL2 + 0x280/0x300 (SP_EL2)
 *    or + 0x080/0x100 (SP_EL0).
 * --realtime (docs/platform.md "Time base"): the counter is host time
 * (gtimer_rt.h, shared by every PE); a deadline becomes a check every
 * RT_CHECK_INSNS host instructions, and WFI sleeps on the host until the
 * deadline (at most RT_SLEEP_MAX_NS at a time, then looks again).
 * MSR DAIFClr and ERET are not hookable: while an interrupt waits on
 * PSTATE.I/F the block hook compares PSTATE at each block (poll) and stops
 * when the mask changes (docs/emulation.md has the measured cost).
 */
#include <errno.h>
#include <inttypes.h>
#include <time.h>

#include "cpu_private.h"

#define INSN_WFI 0xD503207FU
#define PSTATE_F (1ULL << 6)
#define PSTATE_I (1ULL << 7)
#define PSTATE_EL2H_MASKED 0x3C9ULL
#define HCR_FMO (1ULL << 3)
#define HCR_IMO (1ULL << 4)
#define HCR_TGE (1ULL << 27)
#define VEC_CUR_SP0 0x000U
#define VEC_CUR_SPX 0x200U
#define VEC_IRQ 0x080U
#define VEC_FIQ 0x100U

/*
 * --realtime: how often a running PE looks at host time while a deadline
 * is set (a few microseconds of guest code at Unicorn's speed), and the
 * longest single host sleep (so a reset or another PE is seen in time).
 */
#define RT_CHECK_INSNS 20000U
#define RT_SLEEP_MAX_NS 50000000ULL

static uint64_t clock_hz(const struct cpu *cpu)
{
	return cpu->cyc.cost[COST_CLOCK_MHZ] * 1000000ULL;
}

/* Simulated cycles since reset, host instructions of the open slice included. */
static uint64_t cycles_now(const struct cpu *cpu)
{
	return cpu->cyc.now +
	       (cpu->stats.host_insns - cpu->cyc.slice_insns) * cpu->cyc.cost[COST_CPI_MILLI] / 1000U;
}

uint64_t cpu_counter(struct cpu *cpu)
{
	if (cpu->devs.irq.rt)
		return gtimer_rt_count(cpu->devs.irq.rt);
	return gtimer_ticks(cycles_now(cpu), cpu->devs.irq.cntfrq, clock_hz(cpu));
}

/* The host instruction count at which the counter reaches @tick. */
static uint64_t insns_until(const struct cpu *cpu, uint64_t tick)
{
	uint64_t cpi = cpu->cyc.cost[COST_CPI_MILLI];
	uint64_t want, now = cycles_now(cpu);
	unsigned __int128 n;

	if (tick == GTIMER_NEVER || cpi == 0)
		return UINT64_MAX;
	if (cpu->devs.irq.rt) {
		/* Host time does not follow instructions: look again after a few. */
		if (gtimer_rt_count(cpu->devs.irq.rt) >= tick)
			return cpu->stats.host_insns;
		return cpu->stats.host_insns + RT_CHECK_INSNS;
	}
	want = gtimer_cycles_for(tick, cpu->devs.irq.cntfrq, clock_hz(cpu));
	if (want <= now)
		return cpu->stats.host_insns;
	n = ((unsigned __int128)(want - now) * 1000U + cpi - 1) / cpi;
	n += cpu->stats.host_insns;
	return n > UINT64_MAX ? UINT64_MAX : (uint64_t)n;
}

bool cpu_irq_block(struct cpu *cpu, uint64_t va, uint32_t size)
{
	struct cpu_irq *q = &cpu->devs.irq;

	if (q->poll && cpu_irq_stop_at(q) != 0 && cpu->stats.host_insns < q->deadline_at) {
		uint64_t ps = cpu_reg(cpu, UC_ARM64_REG_PSTATE);

		if (!((ps ^ q->poll_pstate) & (PSTATE_I | PSTATE_F | 0xFULL))) {
			q->stats.polls++;
			cpu_irq_set_stop_at(q, cpu->stats.host_insns + 1);
			return false;
		}
	}
	/* Stopped before the block runs: it is counted when it does. */
	q->hook_stopped = true;
	return true;
}

/* Closes the host slice and charges @cycles more to the platform's time. */
static void charge(struct cpu *cpu, uint64_t cycles, bool host)
{
	cycles_host_slice(cpu);
	cpu->cyc.now += cycles;
	cpu->cyc.slice_start = cpu->cyc.now;
	if (host)
		cpu->stats.cycles[CPU_WORLD_HOST] += cycles;
}

/*
 * --realtime: sleeps on the host until the counter reaches @tick, at most
 * RT_SLEEP_MAX_NS; the slept time is charged as idle cycles so --stats and
 * the trace (cycle-model timestamps) show the sleep.
 */
static void rt_sleep_until(struct cpu *cpu, uint64_t tick)
{
	struct gtimer_rt *rt = cpu->devs.irq.rt;
	uint64_t now = rt->now_ns(rt->ctx);
	uint64_t at = gtimer_rt_ns_for(rt, tick);
	uint64_t slept;
	struct timespec ts;

	if (at <= now)
		return;
	if (at - now > RT_SLEEP_MAX_NS)
		at = now + RT_SLEEP_MAX_NS;
	ts.tv_sec = (time_t)(at / GTIMER_RT_NS_PER_S);
	ts.tv_nsec = (long)(at % GTIMER_RT_NS_PER_S);
	/* The default source is CLOCK_MONOTONIC: an absolute sleep on it. */
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
	cpu->devs.irq.stats.host_sleeps++;
	slept = rt->now_ns(rt->ctx) - now;
	slept = (uint64_t)((unsigned __int128)slept * clock_hz(cpu) / GTIMER_RT_NS_PER_S);
	cpu->devs.irq.stats.idle_cycles += slept;
	charge(cpu, slept, false);
}

static bool is_wfi_before(struct cpu *cpu, uint64_t pc)
{
	uint32_t insn = 0;

	if (pc < 4 || !cpu_read_insn(cpu, pc - 4, &insn))
		return false;
	return insn == INSN_WFI;
}

/* Timer and watchdog outputs at the current count; false = a watchdog reset the platform. */
static bool update_timers(struct cpu *cpu)
{
	struct cpu_irq *q = &cpu->devs.irq;
	enum cpu_wdog_event w;

	if (cpu_timer_update(cpu)) {
		q->stats.timer_fires++;
		cycles_instant(cpu, "timer fires", NULL);
	}
	if (cpu_pmu_update(cpu)) {
		q->stats.pmu_irqs++;
		cycles_instant(cpu, "PMU overflow", NULL);
	}
	w = cpu_wdog_update(cpu);
	switch (w) {
	case CPU_WDOG_IRQ:
		q->stats.wdog_irqs++;
		cycles_instant(cpu, "watchdog interrupt", NULL);
		break;
	case CPU_WDOG_RESET_SP805:
	case CPU_WDOG_RESET_GWDT:
		cpu->power = CPU_POWER_WDOG_RESET;
		cpu->wdog_reset_by = w;
		return false;
	case CPU_WDOG_NONE:
		break;
	}
	return true;
}

/*
 * The next count at which a timer, watchdog or (@pmu) PMU output changes.
 * The PMU counts host cycles only, which do not advance in WFI: not a wake-up.
 */
static uint64_t deadline_of(struct cpu *cpu, bool pmu)
{
	uint64_t d = cpu_timer_next_deadline(cpu);
	uint64_t w = cpu_wdog_next_deadline(cpu);
	uint64_t p = pmu ? cpu_pmu_next_deadline(cpu) : UINT64_MAX;

	if (w < d)
		d = w;
	return p < d ? p : d;
}

static uint64_t next_deadline(struct cpu *cpu)
{
	return deadline_of(cpu, true);
}

static unsigned signalled(const struct cpu *cpu)
{
	const struct gic *g = cpu->devs.irq.gic;

	return g ? gic_signal(g, cpu->pe) : 0;
}

enum wfi_result { WFI_DEADLOCK = 0, WFI_WOKE, WFI_ASLEEP };

/*
 * WFI (Arm ARM D1.6.2): sleep until an interrupt is signalled, whatever
 * PSTATE masks. Alone, the PE skips time from deadline to deadline, and
 * WFI_DEADLOCK = nothing can ever wake it. With other PEs on (issue 13)
 * it is WFI_ASLEEP: the scheduler advances time and asks again (smp.c).
 */
static enum wfi_result wfi_sleep(struct cpu *cpu, uint64_t pc)
{
	struct cpu_irq *q = &cpu->devs.irq;

	if (!cpu->asleep)
		q->stats.wfi_sleeps++;
	if (!update_timers(cpu))
		return WFI_WOKE; /* a watchdog reset ends the sleep (cpu->power) */
	if (!signalled(cpu) && smp_multi(cpu))
		return WFI_ASLEEP;
	while (!signalled(cpu)) {
		uint64_t d = deadline_of(cpu, false);
		uint64_t want, now = cycles_now(cpu);

		if (d == GTIMER_NEVER) {
			fprintf(cpu->opt.fault_report,
				"rmmsim: deadlock: the PE waits in WFI at PC 0x%" PRIx64
				" with no interrupt or timer that can wake it\n", pc - 4);
			return WFI_DEADLOCK;
		}
		if (q->rt) {
			rt_sleep_until(cpu, d);
			if (!update_timers(cpu))
				return WFI_WOKE;
			continue;
		}
		want = gtimer_cycles_for(d, q->cntfrq, clock_hz(cpu));
		if (want > now) {
			q->stats.idle_cycles += want - now;
			charge(cpu, want - now, false);
		}
		if (!update_timers(cpu))
			return WFI_WOKE; /* a watchdog reset ends the sleep (cpu->power) */
	}
	q->stats.wfi_wakes++;
	return WFI_WOKE;
}

/* issue 12: interrupts newly pending at the GIC since the last look, on the timeline. */
static void trace_raised(struct cpu *cpu)
{
	struct cpu_irq *q = &cpu->devs.irq;
	uint64_t r;
	char args[48];

	if (!q->gic || !cpu->cyc.trace)
		return;
	r = q->gic->pe[cpu->pe].stats.raised;
	if (r == q->raised_seen)
		return;
	snprintf(args, sizeof(args), "{\"count\":%" PRIu64 "}", r - q->raised_seen);
	q->raised_seen = r;
	cycles_instant(cpu, "interrupt raised", args);
}

/* Takes @sig (GIC_SIG_*) at EL2 if routing and PSTATE allow; true = entered. */
static bool take(struct cpu *cpu, unsigned sig, bool *no_vector)
{
	struct cpu_irq *q = &cpu->devs.irq;
	uint64_t ps = cpu_reg(cpu, UC_ARM64_REG_PSTATE);
	uint64_t pc = cpu_reg(cpu, UC_ARM64_REG_PC);
	uint64_t hcr = 0, vbar = 0, id;
	bool fiq = (sig & GIC_SIG_FIQ) && !(ps & PSTATE_F);
	char args[64];

	hcr = cpu->vregs.hcr_el2; /* the host's value (hooks.c virtualizes HCR_EL2) */
	if (((ps >> 2) & 3) != 2)
		return false; /* EL1/EL0 targets: not entered by this helper (docs) */
	if (fiq ? !(hcr & (HCR_FMO | HCR_TGE)) :
		  !(sig & GIC_SIG_IRQ) || (ps & PSTATE_I) || !(hcr & (HCR_IMO | HCR_TGE)))
		return false;
	if (cpu_sysreg_read(cpu, SR_VBAR_EL2, &vbar) != 0 || vbar == 0) {
		*no_vector = true;
		return false;
	}
	cpu_sysreg_write(cpu, SR_ELR_EL2, pc);
	cpu_sysreg_write(cpu, SR_SPSR_EL2, ps);
	cpu_reg_set(cpu, UC_ARM64_REG_PSTATE, PSTATE_EL2H_MASKED);
	cpu_reg_set(cpu, UC_ARM64_REG_PC, vbar + ((ps & 1) ? VEC_CUR_SPX : VEC_CUR_SP0) +
						  (fiq ? VEC_FIQ : VEC_IRQ));
	if (fiq)
		q->stats.fiqs_taken++;
	else
		q->stats.irqs_taken++;
	charge(cpu, cpu->cyc.cost[COST_EXCEPTION], true);
	if (!gic_icc_read(q->gic, cpu->pe,
			  fiq ? GIC_SYS_ENC(3, 0, 12, 8, 2) : GIC_SYS_ENC(3, 0, 12, 12, 2), &id))
		id = GIC_INTID_SPURIOUS;
	snprintf(args, sizeof(args), "{\"intid\":%" PRIu64 ",\"elr\":\"0x%" PRIx64 "\"}", id, pc);
	cycles_instant(cpu, fiq ? "FIQ taken" : "IRQ taken", args);
	return !cpu->sim_error;
}

enum cpu_irq_step cpu_irq_deliver(struct cpu *cpu)
{
	struct cpu_irq *q = &cpu->devs.irq;
	bool ours = q->hook_stopped;
	uint64_t pc = cpu_reg(cpu, UC_ARM64_REG_PC);
	enum cpu_irq_step step = CPU_IRQ_NONE;
	bool no_vector = false;
	unsigned sig;

	q->hook_stopped = false;
	if (ours) {
		step = CPU_IRQ_PROGRESS;
		if (cpu->stats.host_insns >= q->deadline_at)
			q->stats.deadline_stops++;
	}
	/* issue 13: a quantum's end is no WFI; CPU_SUSPEND sleeps as one. */
	if (!ours && !cpu->yield && (cpu->psci_standby || is_wfi_before(cpu, pc))) {
		switch (wfi_sleep(cpu, pc)) {
		case WFI_DEADLOCK:
			return CPU_IRQ_DEADLOCK;
		case WFI_ASLEEP:
			cpu->asleep = true;
			return CPU_IRQ_SLEEP;
		case WFI_WOKE:
			break;
		}
		cpu->asleep = false;
		if (cpu->psci_standby) {
			char err[128];

			cpu->psci_standby = false;
			/* Power down: the PE restarts at its resume entry (DEN0022 5.4). */
			if (cpu->psci_resume) {
				cpu->psci_resume = false;
				if (cpu_boot_at(cpu, cpu->resume_entry, cpu->resume_ctx, err,
						sizeof(err)) != 0) {
					fprintf(cpu->opt.fault_report, "rmmsim: %s\n", err);
					return CPU_IRQ_FAULT;
				}
				pc = cpu_reg(cpu, UC_ARM64_REG_PC);
			}
		}
		step = CPU_IRQ_PROGRESS;
	}
	if (cpu->power == CPU_POWER_WDOG_RESET || !update_timers(cpu))
		return CPU_IRQ_RESET;
	trace_raised(cpu);
	sig = signalled(cpu);
	q->poll = false;
	if (sig) {
		if (take(cpu, sig, &no_vector)) {
			step = CPU_IRQ_PROGRESS;
			sig = signalled(cpu); /* a higher priority one may still wait on PSTATE */
		} else if (no_vector) {
			fprintf(cpu->opt.fault_report,
				"rmmsim: unhandled interrupt at PC 0x%" PRIx64 ": VBAR_EL2 not set\n",
				pc);
			return CPU_IRQ_FAULT;
		}
		if (sig) {
			q->poll = true;
			q->poll_pstate = cpu_reg(cpu, UC_ARM64_REG_PSTATE);
		}
	}
	if (q->rt) {
		/* --realtime: the PMU counts host cycles, which are not the counter's time. */
		uint64_t pmu = cpu_pmu_next_insns(cpu);

		q->deadline_count = deadline_of(cpu, false);
		q->deadline_at = insns_until(cpu, q->deadline_count);
		if (pmu < q->deadline_at)
			q->deadline_at = pmu;
	} else {
		q->deadline_count = next_deadline(cpu);
		q->deadline_at = insns_until(cpu, q->deadline_count);
	}
	cpu_irq_set_stop_at(q, q->poll && q->deadline_at > cpu->stats.host_insns + 1 ?
			     cpu->stats.host_insns + 1 : q->deadline_at);
	return step;
}

uint64_t cpu_irq_now(const struct cpu *cpu)
{
	return cycles_now(cpu);
}

/* Sleeping time (issue 13: the scheduler keeps an asleep PE's clock up with the others'). */
void cpu_irq_idle_to(struct cpu *cpu, uint64_t cycles)
{
	uint64_t now = cycles_now(cpu);

	if (cycles > now) {
		cpu->devs.irq.stats.idle_cycles += cycles - now;
		charge(cpu, cycles - now, false);
	}
}

uint64_t cpu_irq_wake_cycles(struct cpu *cpu)
{
	uint64_t d = cpu_timer_next_deadline(cpu);

	if (d == GTIMER_NEVER)
		return UINT64_MAX;
	/* --realtime: host time, not skipped cycles, brings the deadline (cpu_irq_rt_wait). */
	if (cpu->devs.irq.rt)
		return cycles_now(cpu);
	return gtimer_cycles_for(d, cpu->devs.irq.cntfrq, clock_hz(cpu));
}

void cpu_irq_rt_wait(struct cpu *cpu, uint64_t tick)
{
	if (cpu->devs.irq.rt && tick != GTIMER_NEVER)
		rt_sleep_until(cpu, tick);
}

uint64_t cpu_irq_wake_count(struct cpu *cpu)
{
	return deadline_of(cpu, false);
}

bool cpu_irq_signalled(const struct cpu *cpu)
{
	return signalled(cpu) != 0;
}

void cpu_irq_print_stats(const struct cpu *cpu, FILE *out)
{
	const struct cpu_irq *q = &cpu->devs.irq;
	const struct gic_pe_stats *g = q->gic ? &q->gic->pe[cpu->pe].stats : NULL;

	fprintf(out, "PE %u interrupts     raised %" PRIu64 " taken %" PRIu64 " (IRQ %" PRIu64
		     " FIQ %" PRIu64 ") acknowledged %" PRIu64 " EOIed %" PRIu64 "\n", cpu->pe,
		g ? g->raised : 0, q->stats.irqs_taken + q->stats.fiqs_taken, q->stats.irqs_taken,
		q->stats.fiqs_taken, g ? g->acked : 0, g ? g->eoied : 0);
	fprintf(out, "PE %u time           timer fires %" PRIu64 " deadline stops %" PRIu64
		     " WFI sleeps %" PRIu64 " idle cycles %" PRIu64 " PSTATE polls %" PRIu64 "\n",
		cpu->pe, q->stats.timer_fires, q->stats.deadline_stops, q->stats.wfi_sleeps,
		q->stats.idle_cycles, q->stats.polls);
	if (q->rt)
		fprintf(out, "PE %u realtime       host sleeps %" PRIu64 "\n", cpu->pe,
			q->stats.host_sleeps);
	fprintf(out, "PE 0 watchdogs      interrupts %" PRIu64 " register writes %" PRIu64
		     " refreshes %" PRIu64 "\n",
		q->stats.wdog_irqs, cpu->devs.wdog.writes, cpu->devs.wdog.refreshes);
	fprintf(out, "PE 0 PMU            overflow interrupts %" PRIu64 "\n", q->stats.pmu_irqs);
}

static uint64_t rt_count_fn(void *ctx)
{
	return gtimer_rt_count(ctx);
}

void cpu_time_view(struct cpu *cpu, struct cpu_time_view *v)
{
	const struct cpu_cycles *c = &cpu->cyc;
	uint64_t realm = c->realm_insns_folded;

	for (unsigned i = 0; i < c->num_realm_runs; i++)
		realm += c->realm_runs[i].insns;
	if (cpu->devs.irq.rt) {
		/* --realtime: the realm reads the same host-time counter (realm_timer.c). */
		*v = (struct cpu_time_view){
			.count = gtimer_rt_count(cpu->devs.irq.rt),
			.cntfrq = cpu->devs.irq.cntfrq,
			.clock_hz = clock_hz(cpu),
			.cpi_milli = c->cost[COST_CPI_MILLI],
			.host_deadline = signalled(cpu) ? 0 : deadline_of(cpu, false),
			.now = rt_count_fn,
			.now_ctx = cpu->devs.irq.rt,
		};
		return;
	}
	*v = (struct cpu_time_view){
		.count = gtimer_ticks(cycles_now(cpu) + realm * c->cost[COST_CPI_MILLI] / 1000U,
				      cpu->devs.irq.cntfrq, clock_hz(cpu)),
		.cntfrq = cpu->devs.irq.cntfrq,
		.clock_hz = clock_hz(cpu),
		.cpi_milli = c->cost[COST_CPI_MILLI],
		/*
		 * A deadline may have passed in this SMC. The host's PMU counts
		 * host cycles, which a realm run does not advance: not a deadline.
		 */
		.host_deadline = signalled(cpu) ? 0 : deadline_of(cpu, false),
	};
}
