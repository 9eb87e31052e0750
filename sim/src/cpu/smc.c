/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `smc #0` from the host (UC_HOOK_INTR 13, PC already past the instruction):
 * X0..X17 go to the platform's EL3 dispatcher as an NS call (SMCCC 1.2) and
 * the results come back in X0..X17. A latched PSCI SYSTEM_OFF/RESET stops
 * the engine; X1 of SYSTEM_OFF is kept as the payload's exit status.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"
#include "den0137_abi.h"
#include "smc_dispatch.h"

static void rmi_log_line(struct cpu *cpu, const struct smc_regs *in, const struct smc_regs *out)
{
	char line[256];

	if (cpu->plat.rmi_log_format) {
		cpu->plat.rmi_log_format(line, sizeof(line), in, out);
	} else {
		const char *n = cycles_fid_name(in->x[0]);

		snprintf(line, sizeof(line),
			 "SMC_%s %" PRIx64 " %" PRIx64 " %" PRIx64 " > %" PRIx64, n ? n : "RMI_?",
			 in->x[1], in->x[2], in->x[3], out->x[0]);
	}
	fprintf(cpu->opt.rmi_log, "%s\n", line);
}

/* X0..X17 register ids and value pointers for the batch calls. */
static void reg_batch(int ids[SMC_NUM_REGS], void *vals[SMC_NUM_REGS], struct smc_regs *r)
{
	for (unsigned i = 0; i < SMC_NUM_REGS; i++) {
		ids[i] = UC_ARM64_REG_X0 + (int)i;
		vals[i] = &r->x[i];
	}
}

/*
 * The one PAS change since this PE last looked was its own successful
 * RMI_GRANULE_DELEGATE (1.0; RMI 2.0 refuses that FID), of a granule its
 * shadow never mapped: Unicorn's TLB cannot hold a translation to it, so
 * nothing needs revoking (shadow.c). Anything else: drop everything.
 */
static bool own_delegate_unseen(const struct cpu *cpu, const struct smc_regs *in,
				const struct smc_regs *out, uint64_t ep)
{
	return ep == cpu->pas_epoch + 1U &&
	       (in->x[0] & ~(uint64_t)SMC_FID_SVE_HINT) == RMI_GRANULE_DELEGATE_FID &&
	       out->x[0] == RMI_SUCCESS && !shadow_may_map_pa(cpu, in->x[1]);
}

void cpu_smc(struct cpu *cpu)
{
	struct smc_regs in, regs;
	uint64_t before[RMM_COST_COUNT] = { 0 }, after[RMM_COST_COUNT] = { 0 };
	int ids[SMC_NUM_REGS];
	void *vals[SMC_NUM_REGS];
	enum cpu_power p;

	reg_batch(ids, vals, &regs);
	if (uc_reg_read_batch(cpu->uc, ids, vals, (int)SMC_NUM_REGS) != UC_ERR_OK) {
		cpu->sim_error = true;
		uc_emu_stop(cpu->uc);
		return;
	}
	in = regs;
	smp_set_current(cpu); /* issue 13: realm slices of this SMC are this PE's */
	cycles_host_slice(cpu);
	if (cpu->plat.rmm_events)
		cpu->plat.rmm_events(cpu->plat.events_ctx, before);
	{
		bool unlocked = smp_rmi_unlock(cpu, in.x[0]); /* issue 13: --parallel-rmi */

		p = cpu->plat.smc ? cpu->plat.smc(cpu->plat.smc_ctx, cpu->pe, &regs) :
				    CPU_POWER_NONE;
		if (unlocked)
			smp_rmi_relock(cpu);
	}
	if (!cpu->plat.smc)
		regs.x[0] = SMC_UNKNOWN;
	if (cpu->plat.rmm_events)
		cpu->plat.rmm_events(cpu->plat.events_ctx, after);
	for (unsigned e = 0; e < RMM_COST_COUNT; e++)
		after[e] -= before[e];
	cpu->stats.smcs++;
	cycles_smc(cpu, &in, &regs, after);
	/* issue 12: the SMC's time (EL3, RMM, realm) may carry the count past a deadline. */
	if (cpu_counter(cpu) >= cpu->devs.irq.deadline_count)
		cpu_irq_set_stop_at(&cpu->devs.irq, 0);
	if (cpu->opt.rmi_log && ((in.x[0] >= RMI_FID_FIRST && in.x[0] <= RMI_FID_LAST) ||
				 (in.x[0] >= RMI2_FID_FIRST && in.x[0] <= RMI2_FID_LAST)))
		rmi_log_line(cpu, &in, &regs);
	if (uc_reg_write_batch(cpu->uc, ids, (void *const *)vals, (int)SMC_NUM_REGS) != UC_ERR_OK) {
		cpu->sim_error = true;
		uc_emu_stop(cpu->uc);
		return;
	}
	/*
	 * A granule changed PAS: the checked translations go, as EL3's TLBI
	 * after a GPT update (shadow.c), before the next host instruction of
	 * this PE, and (issue 13) every other PE's before this SMC returns.
	 * Without a PAS count from the platform, after every SMC.
	 */
	{
		uint64_t ep = smp_pas_epoch(cpu);

		if (ep != cpu->pas_epoch) {
			smp_revoke_others(cpu);
			if (cpu->shadow.live && !own_delegate_unseen(cpu, &in, &regs, ep)) {
				cpu->flush_pending = true;
				uc_emu_stop(cpu->uc);
			}
			cpu->pas_epoch = ep;
		}
	}
	if (p != CPU_POWER_NONE) {
		cpu->power = p;
		cpu->exit_status = in.x[1];
		uc_emu_stop(cpu->uc);
	}
}
