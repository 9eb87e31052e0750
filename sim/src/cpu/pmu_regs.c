/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host PE's PMU (issue 12): the sim_pmu model behind the MRS/MSR hooks,
 * counting the cycle model's host cycles (the host world's share: EL3, RMM
 * and realm time inside an SMC are not the host's, as TF-RMM saves and
 * restores the host's PMU around a realm run; WFI sleep does not count)
 * and host instructions, filtered by EL as PMEVTYPER/PMCCFILTR say for
 * Non-secure EL0..EL2 (EL3's SMC time is not counted: MDCR_EL3.SPME = 0 as
 * TF-A leaves it prohibits counting there). While a filter tells the
 * host's ELs apart, the block hook reads the EL at each block (an EL change
 * ends a translation block) and counts what ran before at the old one.
 * Its overflow request drives the PMU PPI (the
 * arm,armv8-pmuv3 node's, 23 on the FVP) and is a deadline of the run loop.
 */
#include "cpu_private.h"

#define SYS_ENC(cp) PMU_SYS_ENC((cp)->op0, (cp)->op1, (cp)->crn, (cp)->crm, (cp)->op2)
#define PMU_DEFAULT_COUNTERS 31U

/* Host-world cycles so far, the open slice included. */
static uint64_t host_cycles(const struct cpu *cpu)
{
	return cpu->stats.cycles[CPU_WORLD_HOST] +
	       (cpu->stats.host_insns - cpu->cyc.slice_insns) * cpu->cyc.cost[COST_CPI_MILLI] / 1000U;
}

static unsigned current_el(struct cpu *cpu)
{
	return (unsigned)(cpu_reg(cpu, UC_ARM64_REG_PSTATE) >> 2) & 3U;
}

void cpu_pmu_init(struct cpu *cpu)
{
	struct cpu_pmu *m = &cpu->devs.pmu;

	pmu_init(&m->pmu, cpu->plat.pmu_counters ? cpu->plat.pmu_counters : PMU_DEFAULT_COUNTERS);
	pmu_set_context(&m->pmu, 2, PMU_SS_NONSECURE); /* the host boots at NS-EL2 */
	m->track_el = false;
	cpu_hot_limit_update(cpu);
	m->ppi = cpu->plat.ppi_pmu ? cpu->plat.ppi_pmu : CPU_PPI_PMU;
	m->out = false;
	m->last_cycles = host_cycles(cpu);
	m->last_insns = cpu->stats.host_insns;
}

/* Counts what ran since the last call. */
static void pmu_sync(struct cpu *cpu)
{
	struct cpu_pmu *m = &cpu->devs.pmu;
	uint64_t c = host_cycles(cpu), i = cpu->stats.host_insns;

	pmu_advance(&m->pmu, c - m->last_cycles, i - m->last_insns);
	m->last_cycles = c;
	m->last_insns = i;
}

void cpu_pmu_block(struct cpu *cpu)
{
	struct cpu_pmu *m = &cpu->devs.pmu;
	unsigned el = current_el(cpu);

	if (el == m->pmu.el)
		return;
	pmu_sync(cpu);
	pmu_set_context(&m->pmu, el, PMU_SS_NONSECURE);
	cpu_irq_set_stop_at(&cpu->devs.irq, 0); /* the overflow deadline moves */
}

bool cpu_pmu_update(struct cpu *cpu)
{
	struct cpu_pmu *m = &cpu->devs.pmu;
	bool level, rose;

	pmu_sync(cpu);
	level = pmu_irq(&m->pmu);
	rose = level && !m->out;
	if (level != m->out && cpu->devs.irq.gic)
		gic_set_level(cpu->devs.irq.gic, 0, m->ppi, level);
	m->out = level;
	if (rose)
		m->overflows++;
	return rose;
}

uint64_t cpu_pmu_next_deadline(struct cpu *cpu)
{
	struct cpu_pmu *m = &cpu->devs.pmu;
	uint64_t d, now_cycles, clk = cpu->cyc.cost[COST_CLOCK_MHZ] * 1000000ULL;
	unsigned __int128 t;

	pmu_sync(cpu);
	d = pmu_cycles_to_overflow(&m->pmu, cpu->cyc.cost[COST_CPI_MILLI]);
	if (d == PMU_NEVER || clk == 0)
		return UINT64_MAX;
	/* While the host runs, its cycles and the platform's advance together. */
	now_cycles = cpu->cyc.now + (cpu->stats.host_insns - cpu->cyc.slice_insns) *
					    cpu->cyc.cost[COST_CPI_MILLI] / 1000U;
	t = ((unsigned __int128)(now_cycles + d) * cpu->devs.irq.cntfrq + clk - 1U) / clk;
	return t >= UINT64_MAX ? UINT64_MAX : (uint64_t)t;
}

uint64_t cpu_pmu_next_insns(struct cpu *cpu)
{
	struct cpu_pmu *m = &cpu->devs.pmu;
	uint64_t d, cpi = cpu->cyc.cost[COST_CPI_MILLI];
	unsigned __int128 n;

	pmu_sync(cpu);
	d = pmu_cycles_to_overflow(&m->pmu, cpi);
	if (d == PMU_NEVER || cpi == 0)
		return UINT64_MAX;
	/* Host cycles advance by CPI per host instruction: the first one whose cycles reach it. */
	n = ((unsigned __int128)d * 1000U + cpi - 1U) / cpi + cpu->stats.host_insns;
	return n >= UINT64_MAX ? UINT64_MAX : (uint64_t)n;
}

/* The instruction at PC: MRS (L = 1) or MSR (the hook's arguments do not say). */
static bool is_msr(struct cpu *cpu)
{
	uint32_t insn = 0;

	if (!cpu_read_insn(cpu, cpu_reg(cpu, UC_ARM64_REG_PC), &insn))
		cpu->sim_error = true;
	return !((insn >> 21) & 1);
}

bool cpu_pmu_sysreg(struct cpu *cpu, uc_arm64_reg reg, const uc_arm64_cp_reg *cp)
{
	struct cpu_pmu *m = &cpu->devs.pmu;
	uint64_t v = 0;
	unsigned enc;

	/* PMU registers: op0 = 3, CRn = 9 (CRm 12..14) or CRn = 14 (CRm 8..15, op1 = 3). */
	if (cp->op0 != 3 || !((cp->crn == 9 && cp->crm >= 12) || (cp->crn == 14 && cp->op1 == 3 &&
								   cp->crm >= 8)))
		return false;
	enc = SYS_ENC(cp);
	/* Without tracking every NS EL counts alike: the access's own EL is as good. */
	if (!m->track_el)
		pmu_set_context(&m->pmu, current_el(cpu), PMU_SS_NONSECURE);
	pmu_sync(cpu);
	if (is_msr(cpu)) {
		if (!pmu_sysreg_write(&m->pmu, enc, cp->val))
			return false;
		m->track_el = pmu_el_sensitive(&m->pmu, PMU_SS_NONSECURE, 2);
		cpu_hot_limit_update(cpu); /* the block hook's fast path must see it */
		cpu_irq_set_stop_at(&cpu->devs.irq, 0); /* the overflow deadline or the request may change */
		return true;
	}
	if (!pmu_sysreg_read(&m->pmu, enc, &v))
		return false;
	if (reg != UC_ARM64_REG_XZR && reg != UC_ARM64_REG_INVALID)
		cpu_reg_set(cpu, (int)reg, v);
	return true;
}
