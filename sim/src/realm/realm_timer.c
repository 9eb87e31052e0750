/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm's generic timers (issue 12) on the platform's system counter.
 * With a time base set (realm_cpu_set_time), the realm's MRS/MSR of
 * CNTFRQ_EL0, CNTPCT_EL0, CNTVCT_EL0 and the EL1 physical and virtual
 * timers (CNTP_*, CNTV_*) are emulated here instead of by Unicorn, whose
 * counter follows host time. The count during a run is the count at entry
 * plus the realm's instructions at the cycle model's CPI, so runs are
 * deterministic. The realm's CNTVOFF_EL2 and CNTPOFF_EL2 are 0 (TF-RMM,
 * psci-and-exits.md §5), so the virtual and physical counters agree.
 *
 * A timer output that rises while the realm runs is a physical PPI to
 * R-EL2, and so is a host interrupt that becomes due: the run stops at the
 * block boundary where the count reaches the deadline (REALM_EXIT_TIMER,
 * which the RMM reports as RMI_EXIT_IRQ with the timer state in RecExit).
 * As in TF-RMM, a timer whose output is asserted at entry has its PPI
 * masked at EL2 for that run (it cannot end the run again), and a timer
 * output that changed since the last exit ends the entry at once.
 *
 * --realtime: the count is the platform's host-time counter (time.now);
 * a pending deadline becomes a look at it every RT_CHECK_INSNS realm
 * instructions, and a stop whose deadline is not due yet runs on.
 */
#include "realm_private.h"

#define CNT_FRQ 0
#define CNT_PCT 1
#define CNT_VCT 2
#define RT_CHECK_INSNS 20000U

static uint64_t ticks_of(const struct realm_time *t, uint64_t insns)
{
	unsigned __int128 n;

	if (t->now)
		return t->now(t->now_ctx);
	n = (unsigned __int128)insns * t->cpi_milli * t->cntfrq;

	return t->count + (uint64_t)(n / ((unsigned __int128)1000U * t->clock_hz));
}

/* The fewest instructions after which the count is >= @tick (UINT64_MAX: never). */
static uint64_t insns_for(const struct realm_time *t, uint64_t tick)
{
	unsigned __int128 num, den = (unsigned __int128)t->cpi_milli * t->cntfrq;

	if (tick == GTIMER_NEVER || den == 0U)
		return UINT64_MAX;
	if (tick <= t->count)
		return 0;
	num = (unsigned __int128)(tick - t->count) * 1000U * t->clock_hz;
	num = (num + den - 1U) / den;
	return num > UINT64_MAX ? UINT64_MAX : (uint64_t)num;
}

uint64_t realm_timer_count(const struct realm_cpu *rc)
{
	return ticks_of(&rc->time, rc->insns);
}

void realm_cpu_set_time(struct realm_cpu *rc, const struct realm_time *t)
{
	if (t && t->clock_hz && t->cntfrq && t->cpi_milli)
		rc->time = *t;
	else
		rc->time = (struct realm_time){ 0 };
}

/*
 * The count at which @t's PPI next reaches R-EL2: now if its output is
 * asserted (e.g. a CVAL written in the past), never while masked at EL2.
 */
static uint64_t timer_due(const struct gtimer *t, bool masked, uint64_t now)
{
	if (masked)
		return GTIMER_NEVER;
	if (gtimer_asserted(t, now))
		return now;
	return gtimer_deadline(t, now);
}

/* Instruction count at which the run stops: the next timer or host deadline. */
static void rearm(struct realm_cpu *rc)
{
	uint64_t now = realm_timer_count(rc);
	uint64_t d = timer_due(&rc->tv, rc->tv_masked, now);
	uint64_t p = timer_due(&rc->tp, rc->tp_masked, now);
	uint64_t pmu;

	if (p < d)
		d = p;

	if (rc->time.host_deadline < d)
		d = rc->time.host_deadline;
	if (rc->time.now)
		rc->timer_stop = d == GTIMER_NEVER ? UINT64_MAX :
				 (d <= now ? rc->insns : rc->insns + RT_CHECK_INSNS);
	else
		rc->timer_stop = insns_for(&rc->time, d);
	pmu = realm_pmu_stop_insns(rc);
	if (pmu < rc->timer_stop)
		rc->timer_stop = pmu;
}

void realm_timer_rearm(struct realm_cpu *rc)
{
	if (rc->time.cntfrq && !rc->timer_changed)
		rearm(rc);
}

bool realm_timer_due(struct realm_cpu *rc)
{
	if (!rc->time.now || rc->timer_changed)
		return true; /* the stop was computed exactly */
	rearm(rc);
	return rc->insns >= rc->timer_stop;
}

/* ENABLE = 1, ISTATUS = 1, IMASK = 0 in a CTL value as read (TF-RMM TIMER_ASSERTED). */
static bool ctl_asserted(uint64_t ctl)
{
	return (ctl & (GTIMER_CTL_ENABLE | GTIMER_CTL_ISTATUS | GTIMER_CTL_IMASK)) ==
	       (GTIMER_CTL_ENABLE | GTIMER_CTL_ISTATUS);
}

void realm_timer_load(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs)
{
	uint64_t now;

	rc->timer_changed = false;
	if (!rc->time.cntfrq) {
		rc->timer_stop = UINT64_MAX;
		return;
	}
	rc->tv = (struct gtimer){ .ctl = regs->cntv_ctl & (GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK),
				  .cval = regs->cntv_cval };
	rc->tp = (struct gtimer){ .ctl = regs->cntp_ctl & (GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK),
				  .cval = regs->cntp_cval };
	now = realm_timer_count(rc);
	rc->tv_masked = gtimer_asserted(&rc->tv, now);
	rc->tp_masked = gtimer_asserted(&rc->tp, now);
	realm_pmu_load(rc, regs);
	rearm(rc);
	/*
	 * TF-RMM check_pending_timers (docs/conformance.md "Choices"): a timer
	 * output that changed since the last exit (the saved CTL holds ISTATUS
	 * as RecExit reported it) ends REC_ENTER with RMI_EXIT_IRQ before the
	 * realm runs, so the host learns of it and can inject the interrupt.
	 */
	rc->timer_changed = rc->tv_masked != ctl_asserted(regs->cntv_ctl) ||
			    rc->tp_masked != ctl_asserted(regs->cntp_ctl);
	if (rc->timer_changed)
		rc->timer_stop = 0;
}

void realm_timer_save(struct realm_cpu *rc, struct rmm_vcpu_regs *regs)
{
	uint64_t now;

	if (!rc->time.cntfrq)
		return;
	now = realm_timer_count(rc);
	/* CTL as the realm would read it now: ISTATUS included (RecExit.cntx_ctl). */
	regs->cntv_ctl = gtimer_ctl_read(&rc->tv, now);
	regs->cntv_cval = rc->tv.cval;
	regs->cntp_ctl = gtimer_ctl_read(&rc->tp, now);
	regs->cntp_cval = rc->tp.cval;
	realm_pmu_save(rc, regs);
}

static bool is_msr(struct realm_cpu *rc, bool *ok)
{
	uint32_t insn = 0;

	*ok = realm_fetch_insn(rc, realm_reg(rc, UC_ARM64_REG_PC), &insn);
	return !((insn >> 21) & 1U); /* L = 0: MSR */
}

static void set_dest(struct realm_cpu *rc, uc_arm64_reg reg, uint64_t v)
{
	if (reg != UC_ARM64_REG_XZR && reg != UC_ARM64_REG_INVALID)
		(void)uc_reg_write(rc->uc, (int)reg, &v);
}

static bool pmu_access(struct realm_cpu *rc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp)
{
	uint64_t v = 0;
	bool ok, msr = is_msr(rc, &ok);

	if (!ok)
		return false;
	rc->pmu_cp = cp;
	if (!realm_pmu_sysreg(rc, msr, cp->val, &v))
		return false;
	if (msr) {
		rearm(rc);
		if (rc->insns >= rc->timer_stop)
			uc_emu_stop(rc->uc);
	} else {
		set_dest(rc, reg, v);
	}
	return true;
}

bool realm_timer_sysreg(struct realm_cpu *rc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp)
{
	struct gtimer *t;
	uint64_t now;
	bool ok, msr;

	if (!rc->time.cntfrq)
		return false;
	if (realm_pmu_is_reg(cp))
		return pmu_access(rc, reg, cp);
	if (cp->op0 != 3 || cp->op1 != 3 || cp->crn != 14)
		return false;
	if (cp->crm == 0 && cp->op2 <= CNT_VCT) {
		t = NULL;
	} else if ((cp->crm == 2 || cp->crm == 3) && cp->op2 <= 2) {
		t = cp->crm == 2 ? &rc->tp : &rc->tv;
	} else {
		return false;
	}
	msr = is_msr(rc, &ok);
	if (!ok)
		return false; /* Unicorn's own behaviour: never a guess */
	now = realm_timer_count(rc);
	if (!t) {
		/* CNTFRQ/CNTPCT/CNTVCT: writes at EL1 are Unicorn's (UNDEFINED) to raise. */
		if (msr)
			return false;
		set_dest(rc, reg, cp->op2 == CNT_FRQ ? rc->time.cntfrq : now);
		return true;
	}
	switch (cp->op2) {
	case 0: /* TVAL */
		if (msr)
			gtimer_tval_write(t, now, cp->val);
		else
			set_dest(rc, reg, gtimer_tval_read(t, now));
		break;
	case 1: /* CTL */
		if (msr)
			gtimer_ctl_write(t, cp->val);
		else
			set_dest(rc, reg, gtimer_ctl_read(t, now));
		break;
	default: /* CVAL */
		if (msr)
			t->cval = cp->val;
		else
			set_dest(rc, reg, t->cval);
		break;
	}
	if (msr) {
		rearm(rc);
		if (rc->insns >= rc->timer_stop)
			uc_emu_stop(rc->uc); /* due now: stop before the next block */
	}
	return true;
}
