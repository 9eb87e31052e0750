/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host PEs (issue 13): one struct cpu (Unicorn engine, registers,
 * MPIDR_EL1, shadow translation, timers, GIC CPU interface) per PE of the
 * device tree's cpus node. PE 0 boots; the others wait powered off until
 * EL3's PSCI CPU_ON (smc_dispatch/src/psci_ns.c) turns them on through
 * cpu_psci_on; their engines are created then, over the same memory
 * buffers (uc_mem_map_ptr) and devices as PE 0.
 *
 * Scheduling (docs/emulation.md "PEs"):
 *  - interleaved (default): one host thread, PEs in MPIDR order, each for
 *    a quantum of host instructions (ending at a translation-block
 *    boundary) or until it sleeps; so a run is the same instruction for
 *    instruction every time. With one PE on, there is no quantum at all.
 *    A PE in WFI is skipped; its clock follows the others', and when
 *    every PE that is on sleeps, time skips to the earliest timer
 *    deadline, or the run ends as a deadlock (exit 10).
 *  - --threads: one host thread per PE. Everything outside the engines
 *    (run loop, SMCs, devices, GIC) runs under one machine lock, so RMI
 *    calls are serialised unless --parallel-rmi lets them leave it (they
 *    then race in the RMM, whose own locking must hold); guest
 *    instructions run in parallel.
 *    Unicorn gives no atomicity of guest exclusives or LSE atomics across
 *    engines (DESIGN.md), and each PE's time base is its own.
 * A PAS change by one PE drops every PE's checked translations before the
 * changing SMC returns (interleaved: before the next turn of each PE).
 */
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu_private.h"

const char cpu_threads_limits[] =
	"--threads: one host thread per PE; guest exclusives (LDXR/STXR) and LSE atomics are "
	"not atomic across PEs, RMI calls (unless --parallel-rmi) and device accesses are "
	"serialised by one lock, "
	"each PE keeps its own time base, and runs are not reproducible";

enum smp_power { SMP_OFF = 0, SMP_ON_PENDING, SMP_ON };

static void *smp_pe_thread(void *arg);

struct smp_pe {
	struct cpu_smp *smp;
	unsigned idx;
	struct cpu *cpu;         /* NULL until first turned on */
	enum smp_power power;
	uint64_t entry, context_id;
	pthread_t thread;
	bool has_thread;
	bool ran;
	/*
	 * --threads: this PE's clock when it last held the machine lock. The
	 * live one (cpu_irq_now) is updated by the PE's own thread in its block
	 * hook outside the lock, so other threads read this copy, under the lock.
	 */
	uint64_t clock;
};

struct cpu_smp {
	struct cpu *primary;
	unsigned num_pe;
	unsigned order[CPU_MAX_PE];  /* PE indices in MPIDR order */
	struct smp_pe pe[CPU_MAX_PE];
	uint64_t quantum;
	bool threaded;
	bool parallel_rmi;           /* --parallel-rmi: RMI calls leave the machine lock */
	pthread_mutex_t lock;
	int stop;                    /* the run is over (atomic) */
	enum cpu_exit result;
	uint64_t smcs;               /* SMC count: the PAS epoch when the platform gives none */
	struct cpu_stats total;
	bool have_total;
};

int smp_init(struct cpu *primary, char *err, size_t err_len)
{
	struct cpu_smp *smp = calloc(1, sizeof(*smp));

	if (!smp) {
		snprintf(err, err_len, "emulator: out of memory");
		return -1;
	}
	smp->primary = primary;
	smp->num_pe = primary->plat.num_pe ? primary->plat.num_pe : 1U;
	smp->quantum = primary->opt.quantum ? primary->opt.quantum : CPU_DEFAULT_QUANTUM;
	smp->threaded = primary->opt.threads;
	smp->parallel_rmi = primary->opt.threads && primary->opt.parallel_rmi;
	/* Round-robin in MPIDR order (insertion sort of at most 8). */
	for (unsigned i = 0; i < smp->num_pe; i++) {
		unsigned k = i;

		while (k > 0 && primary->plat.mpidr[smp->order[k - 1]] > primary->plat.mpidr[i]) {
			smp->order[k] = smp->order[k - 1];
			k--;
		}
		smp->order[k] = i;
	}
	for (unsigned i = 0; i < CPU_MAX_PE; i++)
		smp->pe[i] = (struct smp_pe){ .smp = smp, .idx = i };
	smp->pe[0].cpu = primary;
	smp->pe[0].power = SMP_ON;
	smp->pe[0].ran = true;
	if (pthread_mutex_init(&smp->lock, NULL) != 0) {
		free(smp);
		snprintf(err, err_len, "emulator: cannot create the machine lock");
		return -1;
	}
	primary->smp = smp;
	return 0;
}

void smp_fini(struct cpu *primary)
{
	struct cpu_smp *smp = primary->smp;

	if (!smp)
		return;
	for (unsigned i = 1; i < smp->num_pe; i++) {
		if (smp->pe[i].cpu) {
			smp->pe[i].cpu->smp = NULL;
			cpu_destroy(smp->pe[i].cpu);
		}
	}
	pthread_mutex_destroy(&smp->lock);
	free(smp);
	primary->smp = NULL;
}

bool smp_multi(const struct cpu *cpu)
{
	const struct cpu_smp *smp = cpu->smp;
	unsigned on = 0;

	if (!smp)
		return false;
	for (unsigned i = 0; i < smp->num_pe; i++)
		on += smp->pe[i].power != SMP_OFF;
	return on > 1;
}

void smp_lock(struct cpu *cpu)
{
	if (cpu->smp && cpu->smp->threaded)
		pthread_mutex_lock(&cpu->smp->lock);
}

void smp_unlock(struct cpu *cpu)
{
	if (cpu->smp && cpu->smp->threaded)
		pthread_mutex_unlock(&cpu->smp->lock);
}

uint64_t smp_pas_epoch(struct cpu *cpu)
{
	if (cpu->plat.pas_epoch)
		return cpu->plat.pas_epoch(cpu->plat.gpc_ctx);
	return cpu->smp ? cpu->smp->smcs : 0;
}

/* --threads, under the lock, on @cpu's own thread: its clock for the others (smp_now). */
static void smp_publish_clock(struct cpu *cpu)
{
	cpu->smp->pe[cpu->pe].clock = cpu_irq_now(cpu);
}

/*
 * An SMC or UNDEF hook: it is an exception boundary, so while it waits
 * for the lock this PE counts as out of the engine (smp_revoke_others
 * need not wait for it); on the way back a PAS change made meanwhile
 * stops the engine before the next instruction (the run loop drops the
 * translations).
 */
void smp_hook_enter(struct cpu *cpu)
{
	if (!cpu->smp || !cpu->smp->threaded)
		return;
	__atomic_store_n(&cpu->in_engine, 0, __ATOMIC_SEQ_CST);
	pthread_mutex_lock(&cpu->smp->lock);
	smp_publish_clock(cpu);
}

void smp_hook_exit(struct cpu *cpu)
{
	if (!cpu->smp || !cpu->smp->threaded)
		return;
	if (cpu->booted && smp_pas_epoch(cpu) != cpu->pas_epoch)
		uc_emu_stop(cpu->uc);
	pthread_mutex_unlock(&cpu->smp->lock);
	__atomic_store_n(&cpu->in_engine, 1, __ATOMIC_SEQ_CST);
}

/*
 * Stops another PE's engine at its next block boundary, through its own
 * block hook (stop_at = 0). Measured: with uc_emu_stop from another thread
 * SMC results got lost (smp_rmi's counts stopped adding up), so a PE's
 * engine is stopped only by its own thread.
 */
static void pe_kick(struct cpu *o)
{
	__atomic_store_n(&o->devs.irq.stop_at, 0, __ATOMIC_SEQ_CST);
}

void smp_revoke_others(struct cpu *cpu)
{
	struct cpu_smp *smp = cpu->smp;
	struct cpu *pes[CPU_MAX_PE];

	if (!smp || !smp->threaded)
		return;
	/*
	 * The PEs' engines as of now, read under the lock (pe_start sets them
	 * under it). A PE started after the unlock begins with the new PAS
	 * epoch and no translations, so it needs no revoking.
	 */
	for (unsigned i = 0; i < smp->num_pe; i++)
		pes[i] = smp->pe[i].cpu;
	/* The others may need the lock to leave their engine (MMIO hooks). */
	pthread_mutex_unlock(&smp->lock);
	for (unsigned i = 0; i < smp->num_pe; i++) {
		struct cpu *o = pes[i];
		uint64_t exits;

		if (!o || o == cpu)
			continue;
		exits = __atomic_load_n(&o->engine_exits, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(&o->in_engine, __ATOMIC_SEQ_CST) &&
		       __atomic_load_n(&o->engine_exits, __ATOMIC_SEQ_CST) == exits) {
			pe_kick(o);
			sched_yield();
		}
	}
	pthread_mutex_lock(&smp->lock);
}

/* The PE whose SMC this host thread runs (one per thread: RMI calls may run at once). */
static __thread struct cpu *smp_tls_cur;

struct cpu *smp_current(struct cpu *cpu)
{
	struct cpu *c = smp_tls_cur;

	return c && c->smp == cpu->smp ? c : cpu;
}

void smp_set_current(struct cpu *cpu)
{
	smp_tls_cur = cpu;
	if (cpu->smp)
		cpu->smp->smcs++;
}

bool smp_rmi_unlock(struct cpu *cpu, uint64_t fid)
{
	struct cpu_smp *smp = cpu->smp;

	if (!smp || !smp->parallel_rmi || fid < CPU_RMI_FID_FIRST || fid > CPU_RMI_FID_LAST)
		return false;
	pthread_mutex_unlock(&smp->lock);
	return true;
}

void smp_rmi_relock(struct cpu *cpu)
{
	pthread_mutex_lock(&cpu->smp->lock);
}

void cpu_smp_gic_changed(struct cpu *cpu)
{
	struct cpu_smp *smp = cpu->smp;

	if (!smp)
		return;
	for (unsigned i = 0; i < smp->num_pe; i++)
		if (smp->pe[i].cpu)
			cpu_irq_set_stop_at(&smp->pe[i].cpu->devs.irq, 0);
}

/*
 * The latest clock of the PEs that are on. --threads (under the lock):
 * the clocks they last published, as the others' live ones change in
 * their engines without the lock (each PE keeps its own time base there).
 */
static uint64_t smp_now(const struct cpu_smp *smp)
{
	uint64_t now = 0;

	for (unsigned i = 0; i < smp->num_pe; i++) {
		const struct smp_pe *s = &smp->pe[i];
		uint64_t c;

		if (!s->cpu || s->power != SMP_ON)
			continue;
		c = smp->threaded ? s->clock : cpu_irq_now(s->cpu);
		if (c > now)
			now = c;
	}
	return now;
}

/* ---- PSCI (called inside the calling PE's SMC) ---- */

void cpu_psci_on(struct cpu *cpu, unsigned pe, uint64_t entry, uint64_t context_id)
{
	struct cpu_smp *smp = cpu->smp;
	struct smp_pe *s;
	struct cpu *caller;

	if (!smp || pe >= smp->num_pe)
		return;
	s = &smp->pe[pe];
	s->power = SMP_ON_PENDING;
	s->entry = entry;
	s->context_id = context_id;
	caller = smp_current(cpu);
	/* The caller's turn now has an end: another PE is waiting. */
	if (!smp->threaded && caller->quantum_end == UINT64_MAX)
		cpu_set_quantum_end(caller, caller->stats.host_insns + smp->quantum);
	if (smp->threaded && !s->has_thread && !__atomic_load_n(&smp->stop, __ATOMIC_SEQ_CST)) {
		if (pthread_create(&s->thread, NULL, smp_pe_thread, s) == 0)
			s->has_thread = true;
	}
}

void cpu_psci_off(struct cpu *cpu, unsigned pe)
{
	struct cpu_smp *smp = cpu->smp;
	struct cpu *c;

	if (!smp || pe >= smp->num_pe || !(c = smp->pe[pe].cpu))
		return;
	c->psci_off = true;
	uc_emu_stop(c->uc);
}

void cpu_psci_suspend(struct cpu *cpu, unsigned pe, bool powerdown, uint64_t entry,
		      uint64_t context_id)
{
	struct cpu_smp *smp = cpu->smp;
	struct cpu *c;

	if (!smp || pe >= smp->num_pe || !(c = smp->pe[pe].cpu))
		return;
	c->psci_standby = true;
	c->psci_resume = powerdown;
	c->resume_entry = entry;
	c->resume_ctx = context_id;
	uc_emu_stop(c->uc);
}

unsigned cpu_pes_started(const struct cpu *cpu)
{
	unsigned n = 0;

	if (!cpu->smp)
		return 1;
	for (unsigned i = 0; i < cpu->smp->num_pe; i++)
		n += cpu->smp->pe[i].ran;
	return n;
}

/* ---- Running ---- */

/* Turns on PE @i at its CPU_ON entry (engine created on first use). */
static int pe_start(struct cpu_smp *smp, unsigned i)
{
	struct smp_pe *s = &smp->pe[i];
	struct cpu *p = smp->primary;
	char err[256];

	if (!s->cpu) {
		s->cpu = cpu_create_pe(p, i, err, sizeof(err));
		if (!s->cpu) {
			fprintf(p->opt.fault_report, "rmmsim: PE %u: %s\n", i, err);
			return -1;
		}
	}
	/* The system counter is common: the PE's clock starts at the others'. */
	cpu_irq_idle_to(s->cpu, smp_now(smp));
	s->cpu->asleep = s->cpu->psci_standby = s->cpu->psci_resume = s->cpu->psci_off = false;
	if (cpu_boot_at(s->cpu, s->entry, s->context_id, err, sizeof(err)) != 0) {
		fprintf(p->opt.fault_report, "rmmsim: PE %u: %s\n", i, err);
		return -1;
	}
	s->cpu->pas_epoch = smp_pas_epoch(s->cpu);
	s->clock = cpu_irq_now(s->cpu);
	s->power = SMP_ON;
	s->ran = true;
	if (p->plat.pe_started)
		p->plat.pe_started(p->plat.smc_ctx, i);
	return 0;
}

static enum cpu_exit smp_finish(struct cpu_smp *smp, struct cpu *who, enum cpu_exit why)
{
	struct cpu *p = smp->primary;

	smp->result = why;
	if (who)
		p->exit_status = who->exit_status;
	memset(&smp->total, 0, sizeof(smp->total));
	for (unsigned i = 0; i < smp->num_pe; i++) {
		struct cpu *c = smp->pe[i].cpu;
		const struct cpu_stats *s;
		struct cpu_stats *t = &smp->total;

		if (!c)
			continue;
		cycles_finish(c);
		s = &c->stats;
		t->host_insns += s->host_insns;
		t->smcs += s->smcs;
		t->gpfs += s->gpfs;
		t->exceptions += s->exceptions;
		t->tlbis += s->tlbis;
		t->shadow_fills += s->shadow_fills;
		t->sgis += s->sgis;
		t->realm_insns += s->realm_insns;
		t->realm_traps += s->realm_traps;
		t->rsi_calls += s->rsi_calls;
		for (unsigned w = 0; w < CPU_WORLD_COUNT; w++)
			t->cycles[w] += s->cycles[w];
		for (unsigned r = 0; r < CPU_RMI_SLOTS; r++) {
			t->rmi[r].calls += s->rmi[r].calls;
			t->rmi[r].cycles += s->rmi[r].cycles;
		}
		for (unsigned r = 0; r < 8; r++)
			t->rec_exits[r] += s->rec_exits[r];
	}
	smp->have_total = true;
	for (unsigned i = 0; i < CPU_MAX_UART; i++)
		if (p->devs.uart[i].out)
			fflush(p->devs.uart[i].out);
	return why;
}

static void deadlock_report(const struct cpu_smp *smp)
{
	fprintf(smp->primary->opt.fault_report,
		"rmmsim: deadlock: every PE that is on waits in WFI with no interrupt or timer "
		"that can wake it\n");
}

/* Interleaved: every PE that is on sleeps; false = nothing can wake any of them. */
static bool advance_idle(struct cpu_smp *smp)
{
	uint64_t wake = UINT64_MAX;

	if (smp->primary->devs.irq.rt) {
		/* --realtime: sleep on the host towards the earliest wake-up instead. */
		struct cpu *first = NULL;

		for (unsigned i = 0; i < smp->num_pe; i++) {
			struct smp_pe *s = &smp->pe[i];
			uint64_t w;

			if (s->power != SMP_ON || !s->cpu->asleep)
				continue;
			w = cpu_irq_wake_count(s->cpu);
			if (w < wake) {
				wake = w;
				first = s->cpu;
			}
		}
		if (!first)
			return false;
		cpu_irq_rt_wait(first, wake);
		return true;
	}

	for (unsigned i = 0; i < smp->num_pe; i++) {
		struct smp_pe *s = &smp->pe[i];

		if (s->power == SMP_ON && s->cpu->asleep) {
			uint64_t w = cpu_irq_wake_cycles(s->cpu);

			if (w < wake)
				wake = w;
		}
	}
	if (wake == UINT64_MAX)
		return false;
	for (unsigned i = 0; i < smp->num_pe; i++)
		if (smp->pe[i].power == SMP_ON)
			cpu_irq_idle_to(smp->pe[i].cpu, wake);
	return true;
}

static enum cpu_exit run_interleaved(struct cpu_smp *smp)
{
	for (;;) {
		bool ran = false;

		for (unsigned k = 0; k < smp->num_pe; k++) {
			unsigned i = smp->order[k];
			struct smp_pe *s = &smp->pe[i];
			enum cpu_exit why = CPU_EXIT_ERROR;
			struct cpu *cpu;

			if (s->power == SMP_ON_PENDING && pe_start(smp, i) != 0)
				return smp_finish(smp, NULL, CPU_EXIT_ERROR);
			if (s->power != SMP_ON)
				continue;
			cpu = s->cpu;
			if (cpu->asleep) {
				/* Its clock keeps up with the others'; then WFI asks again. */
				cpu_irq_idle_to(cpu, smp_now(smp));
				switch (cpu_irq_deliver(cpu)) {
				case CPU_IRQ_SLEEP:
					continue;
				case CPU_IRQ_DEADLOCK:
					return smp_finish(smp, cpu, CPU_EXIT_DEADLOCK);
				case CPU_IRQ_FAULT:
					return smp_finish(smp, cpu, CPU_EXIT_FAULT);
				case CPU_IRQ_RESET:
					/* Asleep = other PEs on: a warm reset of several PEs is not modelled. */
					return smp_finish(smp, cpu, CPU_EXIT_WDOG_RESET);
				case CPU_IRQ_NONE:
				case CPU_IRQ_PROGRESS:
					break;
				}
			}
			cpu_set_quantum_end(cpu, smp_multi(cpu) ? cpu->stats.host_insns + smp->quantum :
								  UINT64_MAX);
			ran = true;
			switch (cpu_step(cpu, &why)) {
			case CPU_STEP_END:
				return smp_finish(smp, cpu, why);
			case CPU_STEP_OFF:
				s->power = SMP_OFF;
				break;
			case CPU_STEP_SLEEP:
			case CPU_STEP_YIELD:
				break;
			}
		}
		if (!ran && !advance_idle(smp)) {
			deadlock_report(smp);
			return smp_finish(smp, NULL, CPU_EXIT_DEADLOCK);
		}
	}
}

/* ---- --threads ---- */

static void smp_end(struct cpu_smp *smp, struct cpu *who, enum cpu_exit why)
{
	if (__atomic_load_n(&smp->stop, __ATOMIC_SEQ_CST))
		return;
	smp->result = why;
	if (who)
		smp->primary->exit_status = who->exit_status;
	__atomic_store_n(&smp->stop, 1, __ATOMIC_SEQ_CST);
}

/* Threaded: no PE that is on can ever run again (under the lock). */
static bool all_asleep_forever(const struct cpu_smp *smp)
{
	for (unsigned i = 0; i < smp->num_pe; i++) {
		const struct smp_pe *s = &smp->pe[i];

		if (s->power == SMP_ON_PENDING)
			return false;
		if (s->power != SMP_ON)
			continue;
		if (!s->cpu->asleep || cpu_irq_signalled(s->cpu) ||
		    cpu_irq_wake_cycles(s->cpu) != UINT64_MAX)
			return false;
	}
	return true;
}

static void idle_wait(struct cpu_smp *smp)
{
	pthread_mutex_unlock(&smp->lock);
	usleep(50);
	pthread_mutex_lock(&smp->lock);
}

bool smp_stopping(const struct cpu *cpu)
{
	return cpu->smp && __atomic_load_n(&cpu->smp->stop, __ATOMIC_SEQ_CST);
}

static void *smp_pe_thread(void *arg)
{
	struct smp_pe *s = arg;
	struct cpu_smp *smp = s->smp;
	unsigned i = s->idx;

	pthread_mutex_lock(&smp->lock);
	while (!__atomic_load_n(&smp->stop, __ATOMIC_SEQ_CST)) {
		enum cpu_exit why = CPU_EXIT_ERROR;
		struct cpu *cpu;
		enum cpu_step step;

		if (s->power == SMP_ON_PENDING && pe_start(smp, i) != 0) {
			smp_end(smp, NULL, CPU_EXIT_ERROR);
			break;
		}
		if (s->power != SMP_ON) {
			idle_wait(smp);
			continue;
		}
		cpu = s->cpu;
		if (cpu->asleep) {
			uint64_t w = cpu_irq_wake_cycles(cpu);
			enum cpu_irq_step st;

			/* Each PE's own time: a timer wake-up is not waited for. */
			if (w != UINT64_MAX && !cpu_irq_signalled(cpu))
				cpu_irq_idle_to(cpu, w);
			smp_publish_clock(cpu);
			st = cpu_irq_deliver(cpu);
			if (st == CPU_IRQ_SLEEP) {
				if (all_asleep_forever(smp)) {
					deadlock_report(smp);
					smp_end(smp, NULL, CPU_EXIT_DEADLOCK);
					break;
				}
				idle_wait(smp);
				continue;
			}
			if (st == CPU_IRQ_DEADLOCK || st == CPU_IRQ_FAULT) {
				smp_end(smp, cpu, st == CPU_IRQ_FAULT ? CPU_EXIT_FAULT :
									 CPU_EXIT_DEADLOCK);
				break;
			}
		}
		cpu_set_quantum_end(cpu, UINT64_MAX);
		step = cpu_step(cpu, &why);
		smp_publish_clock(cpu);
		switch (step) {
		case CPU_STEP_END:
			smp_end(smp, cpu, why);
			break;
		case CPU_STEP_OFF:
			s->power = SMP_OFF;
			break;
		case CPU_STEP_SLEEP:
		case CPU_STEP_YIELD:
			break;
		}
	}
	pthread_mutex_unlock(&smp->lock);
	return NULL;
}

static enum cpu_exit run_threaded(struct cpu_smp *smp)
{
	bool out;

	fprintf(smp->primary->opt.fault_report, "rmmsim: note: %s\n", cpu_threads_limits);
	if (smp->parallel_rmi)
		fprintf(smp->primary->opt.fault_report,
			"rmmsim: note: --parallel-rmi: RMI calls of the PEs run at once in the RMM; "
			"the cycles charged to each call are approximate\n");
	pthread_mutex_lock(&smp->lock);
	if (pthread_create(&smp->pe[0].thread, NULL, smp_pe_thread, &smp->pe[0]) != 0) {
		pthread_mutex_unlock(&smp->lock);
		fprintf(smp->primary->opt.fault_report, "rmmsim: cannot start a PE thread\n");
		return smp_finish(smp, NULL, CPU_EXIT_ERROR);
	}
	smp->pe[0].has_thread = true;
	pthread_mutex_unlock(&smp->lock);
	while (!__atomic_load_n(&smp->stop, __ATOMIC_SEQ_CST))
		usleep(200);
	/* Every engine out (they check the stop flag before entering again). */
	do {
		out = true;
		for (unsigned i = 0; i < smp->num_pe; i++) {
			struct cpu *c;

			/* A PE thread may still be creating its engine (pe_start, under the lock). */
			pthread_mutex_lock(&smp->lock);
			c = smp->pe[i].cpu;
			pthread_mutex_unlock(&smp->lock);
			if (c && __atomic_load_n(&c->in_engine, __ATOMIC_SEQ_CST)) {
				pe_kick(c);
				out = false;
			}
		}
		if (!out)
			sched_yield();
	} while (!out);
	for (unsigned i = 0; i < smp->num_pe; i++) {
		bool has;

		pthread_mutex_lock(&smp->lock);
		has = smp->pe[i].has_thread;
		pthread_mutex_unlock(&smp->lock);
		if (has)
			pthread_join(smp->pe[i].thread, NULL);
	}
	return smp_finish(smp, NULL, smp->result);
}

enum cpu_exit smp_run(struct cpu *primary)
{
	struct cpu_smp *smp = primary->smp;

	if (smp->threaded)
		return run_threaded(smp);
	return run_interleaved(smp);
}

const struct cpu_stats *cpu_stats(const struct cpu *cpu)
{
	if (cpu->smp && cpu->smp->have_total && cpu_pes_started(cpu) > 1)
		return &cpu->smp->total;
	return &cpu->stats;
}

void smp_print_stats(const struct cpu *cpu, FILE *out)
{
	const struct cpu_smp *smp = cpu->smp;
	bool many = cpu_pes_started(cpu) > 1;

	if (!smp) {
		cpu_irq_print_stats(cpu, out);
		return;
	}
	for (unsigned k = 0; k < smp->num_pe; k++) {
		const struct cpu *c = smp->pe[smp->order[k]].cpu;

		if (!c)
			continue;
		if (many)
			fprintf(out, "PE %u MPIDR 0x%08" PRIx64 " host instructions %" PRIu64
				     " SMCs %" PRIu64 "\n", c->pe, c->mpidr, c->stats.host_insns,
				c->stats.smcs);
		cpu_irq_print_stats(c, out);
	}
}
