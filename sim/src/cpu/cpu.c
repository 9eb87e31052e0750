/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A host PE: one Unicorn AArch64 engine over the platform's memory and
 * devices, and the run loop that turns what the hooks latched (power
 * event, fault, timeout) into exception entries or the end of the run.
 * PE 0 is what cpu_create returns; the others (issue 13) share its
 * memory buffers, UARTs, SP805 and GIC and are scheduled by smp.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_private.h"

/* Where a run may never legitimately go: uc_emu_start's "until" address. */
#define CPU_NO_UNTIL 0xFFFFFFFFFFFFFFFCULL

static int cpu_err(char *err, size_t len, const char *what, uc_err e)
{
	snprintf(err, len, "emulator: %s: %s", what, uc_strerror(e));
	return -1;
}

int cpu_sysreg_read(struct cpu *cpu, struct cpu_sysreg r, uint64_t *val)
{
	uc_arm64_cp_reg cp = { .crn = r.crn, .crm = r.crm, .op0 = r.op0, .op1 = r.op1, .op2 = r.op2 };
	uc_err e = uc_reg_read(cpu->uc, UC_ARM64_REG_CP_REG, &cp);

	if (e != UC_ERR_OK) {
		cpu->sim_error = true;
		return -1;
	}
	*val = cp.val;
	return 0;
}

int cpu_sysreg_write(struct cpu *cpu, struct cpu_sysreg r, uint64_t val)
{
	uc_arm64_cp_reg cp = {
		.crn = r.crn, .crm = r.crm, .op0 = r.op0, .op1 = r.op1, .op2 = r.op2, .val = val
	};
	uc_err e = uc_reg_write(cpu->uc, UC_ARM64_REG_CP_REG, &cp);

	if (e != UC_ERR_OK) {
		cpu->sim_error = true;
		return -1;
	}
	return 0;
}

uint64_t cpu_reg(struct cpu *cpu, int regid)
{
	uint64_t v = 0;

	if (uc_reg_read(cpu->uc, regid, &v) != UC_ERR_OK)
		cpu->sim_error = true;
	return v;
}

void cpu_reg_set(struct cpu *cpu, int regid, uint64_t val)
{
	if (uc_reg_write(cpu->uc, regid, &val) != UC_ERR_OK)
		cpu->sim_error = true;
}

void *cpu_ram_ptr(struct cpu *cpu, pa_t pa, uint64_t len)
{
	for (unsigned i = 0; i < cpu->plat.num_ram; i++) {
		const struct cpu_ram *r = &cpu->plat.ram[i];

		if (pa >= r->base && len <= r->size && pa - r->base <= r->size - len)
			return (uint8_t *)r->host + (pa - r->base);
	}
	return NULL;
}

/*
 * Device accesses of any PE under the machine lock (--threads: the devices
 * are shared); a GIC write may make another PE's interrupt deliverable.
 */
static uint64_t mmio_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	struct cpu_mmio *m = opaque;
	uint64_t v;

	smp_lock(m->cpu);
	v = m->rd(uc, off, size, m->rd_ctx);
	smp_unlock(m->cpu);
	return v;
}

static void mmio_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val,
		       void *opaque)
{
	struct cpu_mmio *m = opaque;

	smp_lock(m->cpu);
	m->wr(uc, off, size, val, m->wr_ctx);
	if (m->gic)
		cpu_smp_gic_changed(m->cpu);
	smp_unlock(m->cpu);
}

/* One MMIO device region, recorded for the memory map the checks see. */
static uc_err map_mmio(struct cpu *cpu, pa_t base, uint64_t size, uc_cb_mmio_read_t rd,
		       void *rd_ctx, uc_cb_mmio_write_t wr, void *wr_ctx)
{
	struct cpu_mmio *m;

	if (cpu->num_mmio == CPU_MAX_MMIO)
		return UC_ERR_NOMEM;
	m = &cpu->mmio[cpu->num_mmio++];
	*m = (struct cpu_mmio){ .base = base, .size = size, .rd = rd, .wr = wr,
				.rd_ctx = rd_ctx, .wr_ctx = wr_ctx, .cpu = cpu,
				.gic = rd == gicd_read || rd == gicr_read };
	return uc_mmio_map(cpu->uc, base, size, mmio_read, m, mmio_write, m);
}

/* A device frame from the device tree, whole pages (0: one page). */
static uint64_t frame_size(uint64_t dt_size)
{
	if (dt_size == 0)
		return DEV_PAGE;
	return (dt_size + DEV_PAGE - 1U) & ~(uint64_t)(DEV_PAGE - 1U);
}

/*
 * The devices: PE 0 owns them, a secondary PE maps the same state (@shared
 * = PE 0's devices) with its own timer/interrupt block pointing at PE 0's
 * GIC model.
 */
static int map_devices(struct cpu *cpu, struct cpu_devs *shared, char *err, size_t err_len)
{
	struct cpu_devs *d = shared ? shared : &cpu->devs;
	unsigned npe = cpu->plat.num_pe ? cpu->plat.num_pe : 1U;
	uc_err e;

	for (unsigned i = 0; i < cpu->plat.num_uart && i < CPU_MAX_UART; i++) {
		if (!shared)
			pl011_init(&d->uart[i], cpu->opt.uart_out[i]);
		e = map_mmio(cpu, cpu->plat.uart[i], DEV_PAGE, pl011_read, &d->uart[i],
				pl011_write, &d->uart[i]);
		if (e != UC_ERR_OK)
			return cpu_err(err, err_len, "mapping a PL011", e);
	}
	if (cpu->plat.sp805) {
		e = map_mmio(cpu, cpu->plat.sp805, frame_size(cpu->plat.sp805_size), sp805_read, d,
			     sp805_write, d);
		if (e != UC_ERR_OK)
			return cpu_err(err, err_len, "mapping the SP805", e);
	}
	if (cpu->plat.gwdt_ctrl) {
		e = map_mmio(cpu, cpu->plat.gwdt_ctrl, frame_size(cpu->plat.gwdt_ctrl_size),
			     gwdt_ctrl_read, d, gwdt_ctrl_write, d);
		if (e == UC_ERR_OK && cpu->plat.gwdt_refresh)
			e = map_mmio(cpu, cpu->plat.gwdt_refresh,
				     frame_size(cpu->plat.gwdt_refresh_size), gwdt_refresh_read, d,
				     gwdt_refresh_write, d);
		if (e != UC_ERR_OK)
			return cpu_err(err, err_len, "mapping the SBSA watchdog", e);
	}
	if (cpu->plat.gicd) {
		uint64_t rsize = cpu->plat.gicr_size ? cpu->plat.gicr_size : GICR_FRAME;
		struct cpu_devs *own = &cpu->devs;

		if (shared) {
			own->irq.gic = shared->irq.gic;
		} else if (gic_init(own, rsize, npe) != 0) {
			snprintf(err, err_len, "emulator: no memory for the GIC, or its redistributor "
				 "region has no frame for each of the %u PEs", npe);
			return -1;
		}
		for (unsigned i = 0; !shared && i < npe && cpu->plat.num_pe; i++)
			gic_set_affinity(own->irq.gic, i, cpu->plat.mpidr[i]);
		e = map_mmio(cpu, cpu->plat.gicd, GICD_SIZE, gicd_read, own, gicd_write, own);
		if (e == UC_ERR_OK)
			e = map_mmio(cpu, cpu->plat.gicr, rsize, gicr_read, own, gicr_write, own);
		if (e != UC_ERR_OK)
			return cpu_err(err, err_len, "mapping the GICv3", e);
	}
	return 0;
}

static bool above_limit(pa_t base, uint64_t size)
{
	return base >= CPU_EMU_PA_LIMIT || size > CPU_EMU_PA_LIMIT - base;
}

static int map_memory(struct cpu *cpu, char *err, size_t err_len)
{
	uc_err e;

	/* The host sees 48-bit PAs, but the emulator itself addresses 44 bits. */
	for (unsigned i = 0; i < cpu->plat.num_ram; i++) {
		if (above_limit(cpu->plat.ram[i].base, cpu->plat.ram[i].size)) {
			snprintf(err, err_len,
				 "platform: DRAM at 0x%" PRIx64 " lies above the emulator's %u-bit "
				 "physical address limit", cpu->plat.ram[i].base, CPU_EMU_PA_BITS);
			return -1;
		}
	}
	if (cpu->plat.nv_size && above_limit(cpu->plat.nv_base, cpu->plat.nv_size)) {
		snprintf(err, err_len, "platform: the NV region lies above the emulator's %u-bit "
			 "physical address limit", CPU_EMU_PA_BITS);
		return -1;
	}

	for (unsigned i = 0; i < cpu->plat.num_ram; i++) {
		const struct cpu_ram *r = &cpu->plat.ram[i];

		e = uc_mem_map_ptr(cpu->uc, r->base, r->size, UC_PROT_ALL, r->host);
		if (e != UC_ERR_OK)
			return cpu_err(err, err_len, "mapping DRAM", e);
	}
	if (cpu->plat.nv_size) {
		void *nv = cpu->plat.nv_host;

		if (!nv) {
			cpu->nv = aligned_alloc(DEV_PAGE, cpu->plat.nv_size);
			if (!cpu->nv) {
				snprintf(err, err_len, "emulator: out of memory for the NV region");
				return -1;
			}
			/* Erased flash reads as all ones. */
			memset(cpu->nv, 0xFF, cpu->plat.nv_size);
			nv = cpu->nv;
		}
		e = uc_mem_map_ptr(cpu->uc, cpu->plat.nv_base, cpu->plat.nv_size, UC_PROT_ALL, nv);
		if (e != UC_ERR_OK)
			return cpu_err(err, err_len, "mapping the NV region", e);
	}
	return 0;
}

/*
 * --realtime (issue 12): one host-time counter for the machine, started at
 * count 0 when PE 0 is created; the other PEs use PE 0's.
 */
static bool realtime_init(struct cpu *cpu, struct cpu *primary)
{
	struct cpu_irq *q = &cpu->devs.irq;

	if (primary) {
		q->rt = primary->devs.irq.rt;
		return q->rt != NULL;
	}
	q->rt = calloc(1, sizeof(*q->rt));
	if (!q->rt)
		return false;
	gtimer_rt_init(q->rt, NULL, NULL, q->cntfrq, 0);
	return true;
}

/* One PE's engine; @primary = NULL for PE 0, which owns the devices. */
static struct cpu *pe_new(const struct cpu_platform *plat, const struct cpu_options *opt,
			  struct cpu *primary, unsigned pe, char *err, size_t err_len)
{
	struct cpu *cpu = calloc(1, sizeof(*cpu));
	uc_err e;

	if (!cpu) {
		snprintf(err, err_len, "emulator: out of memory");
		return NULL;
	}
	cpu->plat = *plat;
	cpu->opt = *opt;
	/* issue 12: the time base runs on the block hook, so counting is always on. */
	if (!cpu->opt.no_time_base || cpu->opt.max_insns)
		cpu->opt.count_insns = true;
	if (!cpu->opt.fault_report)
		cpu->opt.fault_report = stderr;
	cpu->pe = pe;
	/* MPIDR_EL1 bit 31 is RES1; with no cpus node, Unicorn's 0x80000000 as before. */
	cpu->mpidr = plat->num_pe ? plat->mpidr[pe] : 0x80000000ULL;
	cpu_set_quantum_end(cpu, UINT64_MAX);
	if (primary) {
		/* The same NV buffer as PE 0: one flash for every PE. */
		cpu->plat.nv_host = primary->nv ? primary->nv : primary->plat.nv_host;
		cpu->smp = primary->smp;
		cpu->opt.trace = NULL; /* the trace follows PE 0 (docs/emulation.md) */
	}
	e = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &cpu->uc);
	if (e != UC_ERR_OK) {
		cpu_err(err, err_len, "uc_open", e);
		free(cpu);
		return NULL;
	}
	cycles_init(&cpu->cyc, plat, cpu->opt.trace);
	cpu_timer_init(cpu); /* issue 12 */
	if (cpu->opt.realtime && !realtime_init(cpu, primary)) {
		snprintf(err, err_len, "emulator: out of memory");
		uc_close(cpu->uc);
		free(cpu);
		return NULL;
	}
	cpu_wdog_init(cpu);
	cpu_pmu_init(cpu);
	/* Hooks before the first translation: later ones slow every access (DESIGN.md). */
	if (map_memory(cpu, err, err_len) != 0 ||
	    map_devices(cpu, primary ? &primary->devs : NULL, err, err_len) != 0 ||
	    shadow_init(cpu, err, err_len) != 0 || cpu_hooks_install(cpu, err, err_len) != 0) {
		cpu->cyc.trace = NULL;
		if (primary) {
			cpu->devs.irq.gic = NULL;
			cpu->devs.irq.rt = NULL;
		}
		cpu->smp = NULL;
		cpu_destroy(cpu);
		return NULL;
	}
	return cpu;
}

struct cpu *cpu_create(const struct cpu_platform *plat, const struct cpu_options *opt,
		       char *err, size_t err_len)
{
	struct cpu *cpu;

	if (plat->num_ram == 0 || plat->num_ram > CPU_MAX_RAM || plat->num_uart > CPU_MAX_UART) {
		snprintf(err, err_len, "emulator: the platform has no DRAM or too many banks");
		return NULL;
	}
	if (plat->num_pe > CPU_MAX_PE) {
		snprintf(err, err_len, "emulator: at most %u PEs", CPU_MAX_PE);
		return NULL;
	}
	cpu = pe_new(plat, opt, NULL, 0, err, err_len);
	if (cpu && smp_init(cpu, err, err_len) != 0) {
		cpu_destroy(cpu);
		return NULL;
	}
	return cpu;
}

struct cpu *cpu_create_pe(struct cpu *primary, unsigned pe, char *err, size_t err_len)
{
	return pe_new(&primary->plat, &primary->opt, primary, pe, err, err_len);
}

void cpu_destroy(struct cpu *cpu)
{
	if (!cpu)
		return;
	if (cpu->pe == 0)
		smp_fini(cpu); /* the other PEs first: they use PE 0's devices */
	if (cpu->uc) {
		/*
		 * Drop the payload's translated code first: uc_close does not
		 * free the code bitmaps QEMU keeps for pages written often while
		 * they hold code (a payload rebooted many times rewrites its BSS
		 * there). Only the loaded range: a whole tb_flush clears Unicorn's
		 * 1 GiB code buffer (0.4 s per run, measured).
		 */
		if (cpu->load_hi > cpu->load_lo)
			(void)uc_ctl_remove_cache(cpu->uc, cpu->load_lo, cpu->load_hi);
		uc_close(cpu->uc);
	}
	if (cpu->pe == 0) {
		gic_free(&cpu->devs);
		free(cpu->devs.irq.rt);
	}
	shadow_fini(cpu);
	free(cpu->nv);
	free(cpu);
}

pa_t cpu_dtb_addr(const struct cpu *cpu)
{
	return cpu->dtb_pa;
}

uint64_t cpu_exit_status(const struct cpu *cpu)
{
	return cpu->exit_status;
}

/* What the hooks latched: an abort, an exception, a translation change. */
static bool cpu_act(struct cpu *cpu)
{
	switch (cpu->ev.kind) {
	case CPU_EV_DABT:
	case CPU_EV_IABT:
	case CPU_EV_UNMAPPED:
		if (!cpu_handle_abort(cpu))
			return false;
		break;
	case CPU_EV_UNDEF:
	case CPU_EV_SVC:
	case CPU_EV_HVC:
	case CPU_EV_BRK:
		if (!cpu_take_event(cpu))
			return false;
		break;
	case CPU_EV_NONE:
		break;
	}
	if (cpu->flush_pending) {
		cpu->flush_pending = false;
		if (shadow_drop_all(cpu) != 0 || cpu_mmu_apply(cpu) != 0)
			return false;
	}
	return !cpu->sim_error;
}

static enum cpu_exit power_exit(enum cpu_power p)
{
	switch (p) {
	case CPU_POWER_OFF:
		return CPU_EXIT_SYSTEM_OFF;
	case CPU_POWER_WDOG_RESET:
		return CPU_EXIT_WDOG_RESET;
	case CPU_POWER_RESET:
	case CPU_POWER_NONE:
		break;
	}
	return CPU_EXIT_SYSTEM_RESET;
}

enum cpu_exit cpu_run(struct cpu *cpu)
{
	if (!cpu->have_entry) {
		fprintf(cpu->opt.fault_report, "rmmsim: nothing loaded to run\n");
		return CPU_EXIT_ERROR;
	}
	return smp_run(cpu);
}

/*
 * issue 13: a PAS change by any PE since this one last ran drops its
 * checked translations before it runs on (interleaved: at its turn;
 * --threads: smp_revoke_others stopped it first).
 */
static bool pas_check(struct cpu *cpu)
{
	uint64_t ep;

	if (!cpu->booted || cpu->smp == NULL)
		return true;
	ep = smp_pas_epoch(cpu);
	if (ep == cpu->pas_epoch)
		return true;
	cpu->pas_epoch = ep;
	if (!cpu->shadow.live)
		return true; /* nothing checked is cached */
	return shadow_drop_all(cpu) == 0 && cpu_mmu_apply(cpu) == 0;
}

static enum cpu_step step_end(struct cpu *cpu, enum cpu_exit *why, enum cpu_exit w)
{
	(void)cpu;
	*why = w;
	return CPU_STEP_END;
}

enum cpu_step cpu_step(struct cpu *cpu, enum cpu_exit *why)
{
	unsigned idle = 0;

	for (;;) {
		uint64_t pc, before;
		uc_err e;
		bool latched;

		if (smp_stopping(cpu))
			return CPU_STEP_YIELD;
		if (!pas_check(cpu))
			return step_end(cpu, why, CPU_EXIT_ERROR);
		pc = cpu_reg(cpu, UC_ARM64_REG_PC);
		before = cpu->stats.exceptions + cpu->stats.shadow_fills;
		__atomic_store_n(&cpu->in_engine, 1, __ATOMIC_SEQ_CST);
		smp_unlock(cpu);
		e = uc_emu_start(cpu->uc, pc, CPU_NO_UNTIL, 0, 0);
		__atomic_store_n(&cpu->in_engine, 0, __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&cpu->engine_exits, 1, __ATOMIC_SEQ_CST);
		smp_lock(cpu);
		latched = cpu->ev.kind != CPU_EV_NONE;

		if (cpu->power != CPU_POWER_NONE) {
			enum cpu_exit w = power_exit(cpu->power);

			if (w == CPU_EXIT_SYSTEM_OFF || !cpu->opt.reset_continue)
				return step_end(cpu, why, w);
			/*
			 * A warm reset restarts one PE at the entry point
			 * (cpu_reset.c); with secondaries on it is not modelled
			 * and the run ends as without --on-reset continue.
			 */
			if (smp_multi(cpu)) {
				fprintf(cpu->opt.fault_report,
					"rmmsim: platform reset with secondary PEs on: --on-reset continue "
					"restarts one PE only; the run ends\n");
				return step_end(cpu, why, w);
			}
			if (!cpu_platform_reset(cpu))
				return step_end(cpu, why, CPU_EXIT_ERROR);
			idle = 0;
			continue;
		}
		if (cpu->timeout)
			return step_end(cpu, why, CPU_EXIT_TIMEOUT);
		if (!cpu_act(cpu)) {
			bool sim = cpu->sim_error;

			return step_end(cpu, why, sim ? CPU_EXIT_ERROR : CPU_EXIT_FAULT);
		}
		/* An unmapped access ends uc_emu_start with an error: it was handled above. */
		if (e != UC_ERR_OK && !latched) {
			fprintf(cpu->opt.fault_report,
				"rmmsim: emulator error at PC 0x%" PRIx64 ": %s\n",
				cpu_reg(cpu, UC_ARM64_REG_PC), uc_strerror(e));
			return step_end(cpu, why, CPU_EXIT_ERROR);
		}
		if (cpu->psci_off) {
			cpu->psci_off = false;
			return CPU_STEP_OFF;
		}
		/* issue 12: timers, WFI, IRQ/FIQ entry (irq.c) */
		switch (cpu_irq_deliver(cpu)) {
		case CPU_IRQ_RESET:
			if (!cpu->opt.reset_continue)
				return step_end(cpu, why, CPU_EXIT_WDOG_RESET);
			if (smp_multi(cpu)) {
				fprintf(cpu->opt.fault_report,
					"rmmsim: watchdog reset with secondary PEs on: --on-reset continue "
					"restarts one PE only; the run ends\n");
				return step_end(cpu, why, CPU_EXIT_WDOG_RESET);
			}
			if (!cpu_platform_reset(cpu))
				return step_end(cpu, why, CPU_EXIT_ERROR);
			idle = 0;
			continue;
		case CPU_IRQ_DEADLOCK:
			return step_end(cpu, why, CPU_EXIT_DEADLOCK);
		case CPU_IRQ_FAULT:
			return step_end(cpu, why, CPU_EXIT_FAULT);
		case CPU_IRQ_SLEEP:
			cpu->yield = false;
			return CPU_STEP_SLEEP;
		case CPU_IRQ_PROGRESS:
			idle = 0;
			if (cpu->yield) {
				cpu->yield = false;
				return CPU_STEP_YIELD;
			}
			continue;
		case CPU_IRQ_NONE:
			break;
		}
		if (cpu->yield) {
			cpu->yield = false;
			return CPU_STEP_YIELD;
		}
		if (latched || cpu->stats.exceptions + cpu->stats.shadow_fills != before) {
			idle = 0;
			continue;
		}
		/* A stop with nothing latched (e.g. an emulated sysreg): resume. */
		if (++idle > 1000000) {
			fprintf(cpu->opt.fault_report, "rmmsim: emulation makes no progress\n");
			return step_end(cpu, why, CPU_EXIT_ERROR);
		}
	}
}

const char *cpu_world_name(enum cpu_world w)
{
	switch (w) {
	case CPU_WORLD_HOST:
		return "host NS-EL2";
	case CPU_WORLD_EL3:
		return "EL3";
	case CPU_WORLD_RMM:
		return "RMM R-EL2";
	case CPU_WORLD_REALM:
		return "realm R-EL1";
	case CPU_WORLD_COUNT:
		break;
	}
	return "?";
}

void cpu_print_stats(const struct cpu *cpu, FILE *out)
{
	const struct cpu_stats *s = cpu_stats(cpu);
	uint64_t total = 0;
	uint64_t mhz = cpu->cyc.cost[COST_CLOCK_MHZ];

	for (int w = 0; w < (int)CPU_WORLD_COUNT; w++)
		total += s->cycles[w];
	fprintf(out, "== rmmsim run statistics ==\n");
	fprintf(out, "host instructions   %" PRIu64 "%s\n", s->host_insns,
		cpu->opt.count_insns ? "" : " (counting off)");
	fprintf(out, "SMCs                %" PRIu64 "\n", s->smcs);
	fprintf(out, "GPFs delivered      %" PRIu64 "\n", s->gpfs);
	fprintf(out, "host exceptions     %" PRIu64 "\n", s->exceptions);
	fprintf(out, "TLBIs               %" PRIu64 "\n", s->tlbis);
	fprintf(out, "shadow page fills   %" PRIu64 "\n", s->shadow_fills);
	fprintf(out, "SGIs (ICC_SGI1R)    %" PRIu64 "\n", s->sgis);
	fprintf(out, "platform resets     %" PRIu64 " (%" PRIu64 " by a watchdog)\n", s->resets,
		s->wdog_resets);
	smp_print_stats(cpu, out); /* issue 12/13: per PE */
	fprintf(out, "%-14s %14s %7s\n", "world", "cycles", "share");
	for (int w = 0; w < (int)CPU_WORLD_COUNT; w++)
		fprintf(out, "%-14s %14" PRIu64 " %6.1f%%\n", cpu_world_name((enum cpu_world)w),
			s->cycles[w], total ? 100.0 * (double)s->cycles[w] / (double)total : 0.0);
	fprintf(out, "%-14s %14" PRIu64 "  = %.3f us at %" PRIu64 " MHz\n", "total", total,
		(double)total / (double)mhz, mhz);
	if (s->realm_insns || s->realm_traps) {
		static const char *const why[8] = { "SYNC", "IRQ", "FIQ", "PSCI", "RIPAS_CHANGE",
						    "HOST_CALL", "SERROR", "?" };

		fprintf(out, "realm instructions  %" PRIu64 "\n", s->realm_insns);
		fprintf(out, "realm traps to RMM  %" PRIu64 " (%" PRIu64 " RSI/PSCI calls)\n",
			s->realm_traps, s->rsi_calls);
		fprintf(out, "REC exits          ");
		for (unsigned i = 0; i < 8; i++)
			if (s->rec_exits[i])
				fprintf(out, " %s %" PRIu64, why[i], s->rec_exits[i]);
		fprintf(out, "\n");
	}
	fprintf(out, "%-28s %8s %14s %10s\n", "RMI command", "calls", "cycles", "cyc/call");
	for (unsigned i = 0; i < CPU_RMI_SLOTS; i++) {
		const struct cpu_rmi_stat *r = &s->rmi[i];
		const char *n = cycles_fid_name(0xC4000150ULL + i);

		if (!r->calls)
			continue;
		fprintf(out, "%-28s %8" PRIu64 " %14" PRIu64 " %10" PRIu64 "\n", n ? n : "RMI_?",
			r->calls, r->cycles, r->cycles / r->calls);
	}
}
