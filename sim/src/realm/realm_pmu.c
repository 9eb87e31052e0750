/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm's PMU (issue 12) on the sim_pmu model. A realm created with
 * RmiRealmParams.flags.pmu sees PMCR_EL0.N = pmu_num_ctrs (MDCR_EL2.HPMN)
 * and counters that count its own instructions and cycles (the cycle
 * model's CPI); its state lives in the REC (rmm_vcpu_regs.pm*). Without a
 * PMU every PMU register is RAZ/WI (TF-RMM traps them with MDCR_EL2.TPM
 * and emulates them so, with no exit). An overflow whose interrupt is
 * enabled is the PMU PPI, a physical interrupt to R-EL2: the run stops at
 * it (REALM_EXIT_TIMER -> RMI_EXIT_IRQ, pmu_ovf_status = ACTIVE).
 * Only a rising request stops a run: one already asserted at entry does
 * not (the host injects the virtual PPI; the realm clears the overflow).
 * Counting is filtered for Realm EL1/EL0 by P/RLK and U/RLU (pmu.h); while
 * a filter tells them apart the block hook watches the EL (pmu_track).
 */
#include "realm_private.h"

#define SYS_ENC(cp) PMU_SYS_ENC((cp)->op0, (cp)->op1, (cp)->crn, (cp)->crm, (cp)->op2)

void realm_cpu_set_pmu(struct realm_cpu *rc, unsigned num_ctrs)
{
	rc->pmu_n = num_ctrs > PMU_MAX_COUNTERS ? PMU_MAX_COUNTERS : num_ctrs;
	rc->pmu_on = num_ctrs != 0U;
}

static uint64_t cycles_of(const struct realm_cpu *rc, uint64_t insns)
{
	return (uint64_t)(((unsigned __int128)insns * rc->time.cpi_milli) / 1000U);
}

static unsigned realm_el(struct realm_cpu *rc)
{
	return realm_s1_el0(rc) ? 0U : 1U;
}

static void pmu_sync(struct realm_cpu *rc)
{
	if (!rc->pmu_on || rc->insns == rc->pmu_insns)
		return;
	pmu_advance(&rc->pmu, cycles_of(rc, rc->insns) - cycles_of(rc, rc->pmu_insns),
		    rc->insns - rc->pmu_insns);
	rc->pmu_insns = rc->insns;
}

void realm_pmu_load(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs)
{
	struct pmu *p = &rc->pmu;

	rc->pmu_insns = 0;
	rc->pmu_track = false;
	if (!rc->pmu_on)
		return;
	pmu_init(p, rc->pmu_n);
	p->pmcr = regs->pmcr;
	p->cnten = (uint32_t)regs->pmcnten;
	p->inten = (uint32_t)regs->pminten;
	p->ovs = (uint32_t)regs->pmovs;
	p->ccntr = regs->pmccntr;
	p->ccfiltr = regs->pmccfiltr;
	p->selr = (uint32_t)regs->pmselr;
	p->userenr = regs->pmuserenr;
	for (unsigned i = 0; i < PMU_MAX_COUNTERS; i++) {
		p->evcntr[i] = i < p->n ? regs->pmevcntr[i] : 0;
		p->evtyper[i] = i < p->n ? (uint32_t)regs->pmevtyper[i] : 0;
	}
	pmu_set_context(p, realm_el(rc), PMU_SS_REALM);
	rc->pmu_track = pmu_el_sensitive(p, PMU_SS_REALM, 1);
}

void realm_pmu_block(struct realm_cpu *rc)
{
	unsigned el = realm_el(rc);

	if (el == rc->pmu.el)
		return;
	pmu_sync(rc);
	pmu_set_context(&rc->pmu, el, PMU_SS_REALM);
	realm_timer_rearm(rc); /* the overflow deadline moves */
}

void realm_pmu_save(struct realm_cpu *rc, struct rmm_vcpu_regs *regs)
{
	const struct pmu *p = &rc->pmu;

	if (!rc->pmu_on)
		return;
	pmu_sync(rc);
	regs->pmcr = p->pmcr;
	regs->pmcnten = p->cnten;
	regs->pminten = p->inten;
	regs->pmovs = p->ovs;
	regs->pmccntr = p->ccntr;
	regs->pmccfiltr = p->ccfiltr;
	regs->pmselr = p->selr;
	regs->pmuserenr = p->userenr;
	for (unsigned i = 0; i < PMU_MAX_COUNTERS; i++) {
		regs->pmevcntr[i] = p->evcntr[i];
		regs->pmevtyper[i] = p->evtyper[i];
	}
}

uint64_t realm_pmu_stop_insns(struct realm_cpu *rc)
{
	uint64_t c, cpi = rc->time.cpi_milli;
	unsigned __int128 n;

	if (!rc->pmu_on || cpi == 0)
		return UINT64_MAX;
	pmu_sync(rc);
	c = pmu_cycles_to_overflow(&rc->pmu, cpi);
	if (c == PMU_NEVER)
		return UINT64_MAX;
	n = ((unsigned __int128)c * 1000U + cpi - 1U) / cpi + rc->insns;
	return n >= UINT64_MAX ? UINT64_MAX : (uint64_t)n;
}

bool realm_pmu_is_reg(const uc_arm64_cp_reg *cp)
{
	return cp->op0 == 3 && ((cp->crn == 9 && cp->crm >= 12) ||
				(cp->crn == 14 && cp->op1 == 3 && cp->crm >= 8));
}

bool realm_pmu_sysreg(struct realm_cpu *rc, bool msr, uint64_t val, uint64_t *out)
{
	const uc_arm64_cp_reg *cp = rc->pmu_cp;
	unsigned enc = SYS_ENC(cp);

	if (!rc->pmu_on) {
		*out = 0; /* RAZ/WI */
		return true;
	}
	/* Without tracking both ELs count alike: the access's own EL is as good. */
	if (!rc->pmu_track)
		pmu_set_context(&rc->pmu, realm_el(rc), PMU_SS_REALM);
	pmu_sync(rc);
	if (msr) {
		if (!pmu_sysreg_write(&rc->pmu, enc, val))
			return false;
		rc->pmu_track = pmu_el_sensitive(&rc->pmu, PMU_SS_REALM, 1);
		return true;
	}
	return pmu_sysreg_read(&rc->pmu, enc, out);
}
