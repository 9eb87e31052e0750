/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The generic timer registers of the host PE (Arm ARM D11, D19 CNT*):
 * Unicorn 2.0.1 reads CNTPCT/CNTVCT from host time and keeps no CNTx_CTL
 * (DESIGN.md), so MRS/MSR hooks answer from sim_timer state over the
 * platform counter (cpu_counter, from the cycle model), called first from
 * hooks.c's hook_sys (Unicorn calls only one MSR/MRS hook). Returning 1
 * skips the instruction; an MRS result is written to its destination.
 * A write may move a deadline or assert an output: the next block boundary
 * stops the engine so the run loop re-evaluates (stop_at = 0).
 */
#include <inttypes.h>

#include "cpu_private.h"

struct timer_reg {
	uint8_t op1, crm, op2;
};

enum treg {
	T_CNTFRQ, T_CNTPCT, T_CNTVCT, T_CNTPCTSS, T_CNTVCTSS,
	T_CNTP_TVAL, T_CNTP_CTL, T_CNTP_CVAL,
	T_CNTV_TVAL, T_CNTV_CTL, T_CNTV_CVAL,
	T_CNTHP_TVAL, T_CNTHP_CTL, T_CNTHP_CVAL,
	T_CNTVOFF, T_COUNT,
};

/* All have op0 = 3, CRn = 14. */
static const struct timer_reg tregs[T_COUNT] = {
	[T_CNTFRQ] = { 3, 0, 0 },     [T_CNTPCT] = { 3, 0, 1 },    [T_CNTVCT] = { 3, 0, 2 },
	[T_CNTPCTSS] = { 3, 0, 5 },   [T_CNTVCTSS] = { 3, 0, 6 },
	[T_CNTP_TVAL] = { 3, 2, 0 },  [T_CNTP_CTL] = { 3, 2, 1 },  [T_CNTP_CVAL] = { 3, 2, 2 },
	[T_CNTV_TVAL] = { 3, 3, 0 },  [T_CNTV_CTL] = { 3, 3, 1 },  [T_CNTV_CVAL] = { 3, 3, 2 },
	[T_CNTHP_TVAL] = { 4, 2, 0 }, [T_CNTHP_CTL] = { 4, 2, 1 }, [T_CNTHP_CVAL] = { 4, 2, 2 },
	[T_CNTVOFF] = { 4, 0, 3 },
};

static int lookup(const uc_arm64_cp_reg *cp)
{
	if (cp->op0 != 3 || cp->crn != 14)
		return -1;
	for (int i = 0; i < (int)T_COUNT; i++)
		if (tregs[i].op1 == cp->op1 && tregs[i].crm == cp->crm && tregs[i].op2 == cp->op2)
			return i;
	return -1;
}

/* The timer behind @r and the count it compares with (virtual = physical - CNTVOFF). */
static struct gtimer *timer_of(struct cpu *cpu, enum treg r, uint64_t *count)
{
	struct cpu_irq *q = &cpu->devs.irq;
	uint64_t pct = cpu_counter(cpu);

	*count = pct;
	switch (r) {
	case T_CNTP_TVAL:
	case T_CNTP_CTL:
	case T_CNTP_CVAL:
		return &q->p;
	case T_CNTV_TVAL:
	case T_CNTV_CTL:
	case T_CNTV_CVAL:
		*count = pct - q->cntvoff;
		return &q->v;
	case T_CNTHP_TVAL:
	case T_CNTHP_CTL:
	case T_CNTHP_CVAL:
		return &q->hp;
	case T_CNTFRQ:
	case T_CNTPCT:
	case T_CNTVCT:
	case T_CNTPCTSS:
	case T_CNTVCTSS:
	case T_CNTVOFF:
	case T_COUNT:
		break;
	}
	return NULL;
}

static uint64_t treg_read(struct cpu *cpu, enum treg r)
{
	struct cpu_irq *q = &cpu->devs.irq;
	uint64_t count = 0;
	struct gtimer *t = timer_of(cpu, r, &count);

	switch (r) {
	case T_CNTFRQ:
		return q->cntfrq;
	case T_CNTPCT:
	case T_CNTPCTSS:
		return count;
	case T_CNTVCT:
	case T_CNTVCTSS:
		return count - q->cntvoff;
	case T_CNTVOFF:
		return q->cntvoff;
	case T_CNTP_TVAL:
	case T_CNTV_TVAL:
	case T_CNTHP_TVAL:
		return gtimer_tval_read(t, count);
	case T_CNTP_CTL:
	case T_CNTV_CTL:
	case T_CNTHP_CTL:
		return gtimer_ctl_read(t, count);
	case T_CNTP_CVAL:
	case T_CNTV_CVAL:
	case T_CNTHP_CVAL:
		return t->cval;
	case T_COUNT:
		break;
	}
	return 0;
}

static void treg_write(struct cpu *cpu, enum treg r, uint64_t v)
{
	struct cpu_irq *q = &cpu->devs.irq;
	uint64_t count = 0;
	struct gtimer *t = timer_of(cpu, r, &count);

	switch (r) {
	case T_CNTVOFF:
		q->cntvoff = v;
		break;
	case T_CNTP_TVAL:
	case T_CNTV_TVAL:
	case T_CNTHP_TVAL:
		gtimer_tval_write(t, count, v);
		break;
	case T_CNTP_CTL:
	case T_CNTV_CTL:
	case T_CNTHP_CTL:
		gtimer_ctl_write(t, v);
		break;
	case T_CNTP_CVAL:
	case T_CNTV_CVAL:
	case T_CNTHP_CVAL:
		t->cval = v;
		break;
	case T_CNTFRQ:     /* written by EL3 firmware only: ignored at EL2 */
	case T_CNTPCT:
	case T_CNTVCT:
	case T_CNTPCTSS:
	case T_CNTVCTSS:
	case T_COUNT:
		return;
	}
	cpu_irq_set_stop_at(q, 0);
	if (cpu->cyc.trace && t && (t->ctl & GTIMER_CTL_ENABLE)) {
		static const char *const names[] = { "CNTP", "CNTV", "CNTHP" };
		unsigned k = t == &q->p ? 0U : (t == &q->v ? 1U : 2U);
		char args[96];

		/* issue 12: timer deadlines on the timeline (CVAL in the timer's own count). */
		snprintf(args, sizeof(args), "{\"timer\":\"%s\",\"cval\":%" PRIu64 ",\"masked\":%d}",
			 names[k], t->cval, (t->ctl & GTIMER_CTL_IMASK) ? 1 : 0);
		cycles_instant(cpu, "timer deadline", args);
	}
}

/* The instruction at PC: the hook's arguments do not tell MRS from MSR (cp->val = Rt either way). */
static bool is_msr(struct cpu *cpu)
{
	uint64_t pc = cpu_reg(cpu, UC_ARM64_REG_PC);
	uint32_t insn = 0;

	if (!cpu_read_insn(cpu, pc, &insn))
		cpu->sim_error = true;
	return !((insn >> 21) & 1);  /* L = 0: MSR */
}

bool cpu_timer_sysreg(struct cpu *cpu, uc_arm64_reg reg, const uc_arm64_cp_reg *cp)
{
	int r;

	if (cp->crn != 14) {
		/* HCR_EL2.IMO/FMO/TGE route interrupts: re-evaluate after any access. */
		if (cp->op0 == 3 && cp->op1 == 4 && cp->crn == 1 && cp->crm == 1 && cp->op2 == 0)
			cpu_irq_set_stop_at(&cpu->devs.irq, 0);
		return false;
	}
	r = lookup(cp);
	if (r < 0)
		return false;
	if (is_msr(cpu)) {
		treg_write(cpu, (enum treg)r, cp->val);
	} else if (reg != UC_ARM64_REG_XZR && reg != UC_ARM64_REG_INVALID) {
		cpu_reg_set(cpu, (int)reg, treg_read(cpu, (enum treg)r));
	}
	return true;
}

void cpu_timer_init(struct cpu *cpu)
{
	cpu->devs.irq.cntfrq = GTIMER_CNTFRQ_FVP;
	/* Nothing is due until the payload runs (the boot ROM's eret must not stop). */
	cpu_irq_set_stop_at(&cpu->devs.irq, UINT64_MAX);
	cpu->devs.irq.deadline_at = UINT64_MAX;
	cpu->devs.irq.deadline_count = UINT64_MAX;
	cpu->devs.irq.ppi_hp = cpu->plat.ppi_cnthp ? cpu->plat.ppi_cnthp : CPU_PPI_CNTHP;
	cpu->devs.irq.ppi_p = cpu->plat.ppi_cntp ? cpu->plat.ppi_cntp : CPU_PPI_CNTP;
	cpu->devs.irq.ppi_v = cpu->plat.ppi_cntv ? cpu->plat.ppi_cntv : CPU_PPI_CNTV;
}

static bool drive(struct gic *g, unsigned pe, unsigned ppi, bool *out, bool level)
{
	bool rose = level && !*out;

	if (level != *out && g)
		gic_set_level(g, pe, ppi, level);
	*out = level;
	return rose;
}

bool cpu_timer_update(struct cpu *cpu)
{
	struct cpu_irq *q = &cpu->devs.irq;
	uint64_t pct = cpu_counter(cpu);
	bool rose = false;

	rose |= drive(q->gic, cpu->pe, q->ppi_hp, &q->out_hp, gtimer_asserted(&q->hp, pct));
	rose |= drive(q->gic, cpu->pe, q->ppi_p, &q->out_p, gtimer_asserted(&q->p, pct));
	rose |= drive(q->gic, cpu->pe, q->ppi_v, &q->out_v,
		      gtimer_asserted(&q->v, pct - q->cntvoff));
	return rose;
}

uint64_t cpu_timer_next_deadline(struct cpu *cpu)
{
	struct cpu_irq *q = &cpu->devs.irq;
	uint64_t pct = cpu_counter(cpu);
	uint64_t d = gtimer_deadline(&q->hp, pct);
	uint64_t p = gtimer_deadline(&q->p, pct);
	uint64_t v = gtimer_deadline(&q->v, pct - q->cntvoff);

	if (p < d)
		d = p;
	/* The virtual deadline in physical counts (CVAL + CNTVOFF). */
	if (v != GTIMER_NEVER && v + q->cntvoff < d)
		d = v + q->cntvoff;
	return d;
}
