/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform warm reset (issue 12): a watchdog's reset output, or PSCI
 * SYSTEM_RESET when the run is asked to continue (cpu_options.reset_continue).
 * As a warm reset of the FVP with the payload as its firmware image:
 *  - DRAM and flash keep their contents (nothing is reloaded; the DTB stays
 *    where cpu_boot put it and X0 points at it again);
 *  - the platform (cpu_platform.reset) scrubs every Realm PAS granule,
 *    returns it to NS and starts a fresh RMM;
 *  - the PE restarts at the payload's entry point at EL2h with DAIF masked,
 *    general registers zero, the MMU off, VBAR_EL2 = 0, HCR_EL2 = RW;
 *  - the GIC, the generic timers and the watchdogs return to the state
 *    firmware leaves them in (gic_reset), the system counter keeps counting
 *    (it is in the always-on power domain), and the run's statistics go on.
 */
#include <inttypes.h>

#include "cpu_private.h"

#define PSTATE_EL2H_MASKED 0x3C9ULL
#define HCR_RW (1ULL << 31)
#define SR_TPIDR_EL2 SYSREG(3, 4, 13, 0, 2)

static const char *cause_name(const struct cpu *cpu)
{
	if (cpu->power != CPU_POWER_WDOG_RESET)
		return "PSCI SYSTEM_RESET";
	return cpu->wdog_reset_by == CPU_WDOG_RESET_SP805 ? "SP805 watchdog" :
							     "SBSA watchdog WS1";
}

static void reset_devices(struct cpu *cpu)
{
	struct cpu_irq *q = &cpu->devs.irq;

	if (q->gic) {
		struct gic_pe_stats st[GIC_MAX_PE];
		unsigned n = q->gic->num_pe;
		bool ds = q->gic->ds;

		for (unsigned i = 0; i < GIC_MAX_PE; i++)
			st[i] = q->gic->pe[i].stats;
		gic_reset(q->gic, n, ds);
		for (unsigned i = 0; i < GIC_MAX_PE; i++)
			q->gic->pe[i].stats = st[i];
	}
	q->hp = (struct gtimer){ 0 };
	q->p = (struct gtimer){ 0 };
	q->v = (struct gtimer){ 0 };
	q->cntvoff = 0;
	q->out_hp = q->out_p = q->out_v = false;
	q->poll = false;
	q->hook_stopped = false;
	q->deadline_at = UINT64_MAX;
	q->deadline_count = UINT64_MAX;
	cpu_irq_set_stop_at(q, UINT64_MAX);
	cpu_wdog_init(cpu);
	cpu_pmu_init(cpu);
}

static void reset_pe(struct cpu *cpu)
{
	for (int i = 0; i < (int)CPU_NUM_XREGS; i++)
		cpu_reg_set(cpu, UC_ARM64_REG_X0 + i, 0);
	cpu_reg_set(cpu, UC_ARM64_REG_SP_EL0, 0);
	cpu_reg_set(cpu, UC_ARM64_REG_SP_EL1, 0);
	cpu_reg_set(cpu, UC_ARM64_REG_SP_EL2, 0);
	cpu_reg_set(cpu, UC_ARM64_REG_PSTATE, PSTATE_EL2H_MASKED);
	cpu_sysreg_write(cpu, SR_HCR_EL2, HCR_RW);
	cpu_sysreg_write(cpu, SR_VBAR_EL2, 0);
	cpu_sysreg_write(cpu, SR_ELR_EL2, 0);
	cpu_sysreg_write(cpu, SR_SPSR_EL2, 0);
	cpu_sysreg_write(cpu, SR_ESR_EL2, 0);
	cpu_sysreg_write(cpu, SR_FAR_EL2, 0);
	cpu_sysreg_write(cpu, SR_TPIDR_EL2, 0);
	cpu->vregs = cpu->boot_vregs;
	cpu_reg_set(cpu, UC_ARM64_REG_X0, cpu->dtb_pa);
	cpu_reg_set(cpu, UC_ARM64_REG_PC, cpu->entry);
}

bool cpu_platform_reset(struct cpu *cpu)
{
	const char *cause = cause_name(cpu);
	char args[96];

	if (cpu->plat.reset && cpu->plat.reset(cpu->plat.smc_ctx) != 0) {
		fprintf(cpu->opt.fault_report, "rmmsim: platform reset (%s) failed\n", cause);
		return false;
	}
	cpu->stats.resets++;
	if (cpu->power == CPU_POWER_WDOG_RESET)
		cpu->stats.wdog_resets++;
	snprintf(args, sizeof(args), "{\"cause\":\"%s\",\"count\":%" PRIu64 "}", cause,
		 cpu->stats.resets);
	cycles_instant(cpu, "platform reset", args);
	cpu->power = CPU_POWER_NONE;
	cpu->wdog_reset_by = CPU_WDOG_NONE;
	cpu->ev.kind = CPU_EV_NONE;
	cpu->exit_status = 0;
	cpu->flush_pending = false;
	reset_devices(cpu);
	reset_pe(cpu);
	/* Every checked translation goes: the PAS of Realm granules changed, the MMU is off. */
	if (shadow_drop_all(cpu) != 0 || cpu_mmu_apply(cpu) != 0)
		return false;
	if (cpu->plat.pas_epoch)
		cpu->pas_epoch = cpu->plat.pas_epoch(cpu->plat.gpc_ctx);
	return !cpu->sim_error;
}
