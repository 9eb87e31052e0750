/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PE's GICv3 virtual CPU interface for a running realm: what the
 * hardware does with the ICH_* state the RMM loaded (struct rmm_gic_state).
 * Unicorn has no GIC system registers, so the realm's ICC_* accesses arrive
 * as sysreg traps; the ones that on hardware reach the ICV_* registers
 * without leaving the realm (HCR_EL2.IMO/FMO set, ICH_HCR_EL2.TC = 0 as
 * TF-RMM programs it) are emulated here, including ICC_PMR_EL1; the others
 * go to the RMM, which forwards them to the host (SGI generation, ICC_DIR
 * with TDIR).
 *
 * Model (GICv3 architecture spec, IHI 0069, "Virtual CPU interface"):
 * a virtual interrupt is signalled when its LR is pending, its priority
 * beats ICH_VMCR_EL2.VPMR and the running priority and its group is
 * enabled (VENG0 / VENG1). Group 1 is a virtual IRQ (PSTATE.I masks it),
 * Group 0 a virtual FIQ (PSTATE.F; VFIQEn is RES1 with system register
 * access); of the two the higher priority is taken, Group 0 on a tie.
 * Both groups have their ICV_ registers (IAR, EOIR, HPPIR, BPR, AP0R/AP1R).
 * Priorities use 5 bits (GIC_PRI_BITS of rec_enter.c), preemption is by
 * group priority with the binary point ignored (one active priority bit
 * per 8-step level, in AP0R for Group 0 and AP1R for Group 1).
 */
#include <stdbool.h>
#include <stdint.h>

#include "plat_vgic.h"

#define LR_STATE_SHIFT 62
#define LR_STATE_MASK (3ULL << LR_STATE_SHIFT)
#define LR_STATE_PENDING (1ULL << LR_STATE_SHIFT)
#define LR_STATE_ACTIVE (2ULL << LR_STATE_SHIFT)
#define LR_GROUP1 (1ULL << 60)
#define LR_PRIO_SHIFT 48
#define LR_EOI (1ULL << 41)
#define LR_VINTID_MASK 0xFFFFFFFFULL

#define VMCR_VENG0 (1ULL << 0)
#define VMCR_VENG1 (1ULL << 1)
#define VMCR_VCBPR (1ULL << 4)
#define VMCR_VEOIM (1ULL << 9)
#define VMCR_VBPR1_SHIFT 18
#define VMCR_VBPR1_MASK (7ULL << VMCR_VBPR1_SHIFT)
#define VMCR_VBPR0_SHIFT 21
#define VMCR_VBPR0_MASK (7ULL << VMCR_VBPR0_SHIFT)
#define VMCR_VPMR_SHIFT 24
#define VMCR_VPMR_MASK (0xFFULL << VMCR_VPMR_SHIFT)

#define HCR_UIE (1ULL << 1)
#define HCR_LRENPIE (1ULL << 2)
#define HCR_NPIE (1ULL << 3)
#define HCR_VGRP0EIE (1ULL << 4)
#define HCR_VGRP0DIE (1ULL << 5)
#define HCR_VGRP1EIE (1ULL << 6)
#define HCR_VGRP1DIE (1ULL << 7)
#define HCR_TDIR (1ULL << 14)
#define HCR_EOICOUNT_SHIFT 27
#define HCR_EOICOUNT_MASK (0x1FULL << HCR_EOICOUNT_SHIFT)

#define MISR_EOI (1ULL << 0)
#define MISR_U (1ULL << 1)
#define MISR_LRENP (1ULL << 2)
#define MISR_NP (1ULL << 3)
#define MISR_VGRP0E (1ULL << 4)
#define MISR_VGRP0D (1ULL << 5)
#define MISR_VGRP1E (1ULL << 6)
#define MISR_VGRP1D (1ULL << 7)

#define INTID_SPURIOUS 1023ULL
#define PRI_IDLE 0xFFU
#define PRI_MASK 0xF8U /* 5 implemented priority bits */

/* ESR_EL2 EC 0x18 ISS fields. */
#define SYS_ID(op0, op1, crn, crm, op2)                                                       \
	(((uint64_t)(op0) << 20) | ((uint64_t)(op2) << 17) | ((uint64_t)(op1) << 14) |        \
	 ((uint64_t)(crn) << 10) | ((uint64_t)(crm) << 1))
#define SYS_ID_MASK 0x3FFC1EULL
#define ICC_IAR0 SYS_ID(3, 0, 12, 8, 0)
#define ICC_EOIR0 SYS_ID(3, 0, 12, 8, 1)
#define ICC_HPPIR0 SYS_ID(3, 0, 12, 8, 2)
#define ICC_BPR0 SYS_ID(3, 0, 12, 8, 3)
#define ICC_AP0R0 SYS_ID(3, 0, 12, 8, 4)
#define ICC_IAR1 SYS_ID(3, 0, 12, 12, 0)
#define ICC_EOIR1 SYS_ID(3, 0, 12, 12, 1)
#define ICC_HPPIR1 SYS_ID(3, 0, 12, 12, 2)
#define ICC_BPR1 SYS_ID(3, 0, 12, 12, 3)
#define ICC_CTLR SYS_ID(3, 0, 12, 12, 4)
#define ICC_IGRPEN0 SYS_ID(3, 0, 12, 12, 6)
#define ICC_IGRPEN1 SYS_ID(3, 0, 12, 12, 7)
#define ICC_RPR SYS_ID(3, 0, 12, 11, 3)
#define ICC_DIR SYS_ID(3, 0, 12, 11, 1)
#define ICC_AP1R0 SYS_ID(3, 0, 12, 9, 0)
#define ICC_PMR SYS_ID(3, 0, 4, 6, 0)

/* ICC_CTLR_EL1 read-only fields: PRIbits = 4 (5 bits), IDbits = 0 (16), A3V = 1. */
#define CTLR_RO ((4ULL << 8) | (1ULL << 15))
#define CTLR_CBPR (1ULL << 0)
#define CTLR_EOIMODE (1ULL << 1)

#define PSTATE_F (1ULL << 6)
#define PSTATE_I (1ULL << 7)
#define PSTATE_M_MASK 0xFULL
#define PSTATE_RW_AARCH32 (1ULL << 4)
#define PSTATE_EXC_ENTRY 0x3C5ULL

static unsigned lr_prio(uint64_t lr)
{
	return (unsigned)(lr >> LR_PRIO_SHIFT) & PRI_MASK;
}

static uint64_t lr_state(uint64_t lr)
{
	return lr & LR_STATE_MASK;
}

/* Running priority: the highest (numerically lowest) active priority level, from AP1R. */
static unsigned running_prio(const struct rmm_gic_state *g)
{
	uint64_t ap = (g->ap0r | g->ap1r) & 0xFFFFFFFFULL;

	if (ap == 0U) {
		return PRI_IDLE;
	}
	return (unsigned)__builtin_ctzll(ap) << 3; /* one bit per 8-step group priority */
}

static bool group_enabled(const struct rmm_gic_state *g, unsigned group)
{
	return (g->vmcr & (group != 0U ? VMCR_VENG1 : VMCR_VENG0)) != 0U;
}

/* Index of the highest-priority pending LR of @group that may be signalled, or -1. */
static int best_pending(const struct rmm_gic_state *g, unsigned group, bool for_hppir)
{
	unsigned pmr = (unsigned)((g->vmcr & VMCR_VPMR_MASK) >> VMCR_VPMR_SHIFT);
	unsigned rpr = running_prio(g);
	int best = -1;

	for (unsigned i = 0; i < g->num_lrs && i < RMM_GIC_MAX_LRS; i++) {
		uint64_t lr = g->lrs[i];

		if (lr_state(lr) != LR_STATE_PENDING || ((lr & LR_GROUP1) != 0U) != (group != 0U)) {
			continue;
		}
		if (!for_hppir && (lr_prio(lr) >= pmr || lr_prio(lr) >= rpr)) {
			continue;
		}
		if (best < 0 || lr_prio(lr) < lr_prio(g->lrs[best])) {
			best = (int)i;
		}
	}
	return best;
}

/* The LR signalled for @group now (its group enabled), or -1. */
static int signalled(const struct rmm_gic_state *g, unsigned group)
{
	return group_enabled(g, group) ? best_pending(g, group, false) : -1;
}

enum vgic_signal vgic_deliver(const struct rmm_gic_state *g, struct rmm_vcpu_regs *r)
{
	uint64_t m = r->pstate & PSTATE_M_MASK;
	uint64_t offset;
	int i0, i1;
	bool fiq;

	if (g == NULL) {
		return VGIC_NONE;
	}
	i0 = signalled(g, 0);
	i1 = signalled(g, 1);
	/* Unmasked lines only; of two, the higher priority (Group 0 on a tie). */
	if ((r->pstate & PSTATE_F) != 0U) {
		i0 = -1;
	}
	if ((r->pstate & PSTATE_I) != 0U) {
		i1 = -1;
	}
	if (i0 < 0 && i1 < 0) {
		return signalled(g, 0) >= 0 || signalled(g, 1) >= 0 ? VGIC_MASKED : VGIC_NONE;
	}
	fiq = i0 >= 0 && (i1 < 0 || lr_prio(g->lrs[i0]) <= lr_prio(g->lrs[i1]));
	/* IRQ vector: current EL with SP_EL0 0x080, SP_ELx 0x280, lower EL AArch64 0x480. */
	if ((r->pstate & PSTATE_RW_AARCH32) != 0U) {
		offset = 0x680U;
	} else if (m == 0x0U) {
		offset = 0x480U;
	} else if (m == 0x4U) {
		offset = 0x080U;
	} else {
		offset = 0x280U;
	}
	if (fiq) {
		offset += 0x80U; /* FIQ follows IRQ in each group of four vectors */
	}
	r->elr_el1 = r->pc;
	r->spsr_el1 = r->pstate;
	r->pc = r->vbar_el1 + offset;
	r->pstate = PSTATE_EXC_ENTRY;
	return VGIC_TAKEN;
}

/* Acknowledge: the LR becomes active and its priority level is marked active in its group's APR. */
static uint64_t vgic_ack(struct rmm_gic_state *g, unsigned group)
{
	int i = signalled(g, group);

	if (i < 0) {
		return INTID_SPURIOUS;
	}
	g->lrs[i] = (g->lrs[i] & ~LR_STATE_MASK) | LR_STATE_ACTIVE;
	if (group != 0U) {
		g->ap1r |= 1ULL << (lr_prio(g->lrs[i]) >> 3);
	} else {
		g->ap0r |= 1ULL << (lr_prio(g->lrs[i]) >> 3);
	}
	return g->lrs[i] & LR_VINTID_MASK;
}

/* Deactivation of @intid: its LR leaves the active state, else EOIcount++. */
static void vgic_deactivate(struct rmm_gic_state *g, uint64_t intid)
{
	for (unsigned i = 0; i < g->num_lrs && i < RMM_GIC_MAX_LRS; i++) {
		uint64_t lr = g->lrs[i];

		if ((lr & LR_VINTID_MASK) == intid && (lr & LR_STATE_ACTIVE) != 0U) {
			g->lrs[i] = lr & ~LR_STATE_ACTIVE;
			return;
		}
	}
	if ((g->hcr & HCR_EOICOUNT_MASK) != HCR_EOICOUNT_MASK) {
		g->hcr += 1ULL << HCR_EOICOUNT_SHIFT;
	}
}

static void vgic_eoi(struct rmm_gic_state *g, unsigned group, uint64_t intid)
{
	uint64_t *apr = group != 0U ? &g->ap1r : &g->ap0r;
	uint64_t ap = *apr & 0xFFFFFFFFULL;

	if (intid >= 1020U && intid <= 1023U) {
		return; /* special INTIDs: ignored */
	}
	/* Priority drop of the highest active level of the group. */
	if (ap != 0U) {
		*apr &= ~(1ULL << __builtin_ctzll(ap));
	}
	if ((g->vmcr & VMCR_VEOIM) == 0U) {
		vgic_deactivate(g, intid);
	}
}

bool vgic_sysreg(struct rmm_gic_state *g, struct rmm_vcpu_regs *r, uint64_t esr)
{
	uint64_t id = esr & SYS_ID_MASK;
	bool read = (esr & 1U) != 0U;
	unsigned rt = (unsigned)((esr >> 5) & 0x1FU);
	uint64_t in = rt == 31U ? 0U : r->x[rt];
	uint64_t out = 0;
	int i;

	if (g == NULL) {
		return false;
	}
	switch (id) {
	case ICC_IAR0:
	case ICC_IAR1:
		if (!read) {
			return false;
		}
		out = vgic_ack(g, id == ICC_IAR1 ? 1U : 0U);
		break;
	case ICC_EOIR0:
	case ICC_EOIR1:
		if (read) {
			return false;
		}
		vgic_eoi(g, id == ICC_EOIR1 ? 1U : 0U, in & 0xFFFFFFU);
		break;
	case ICC_HPPIR0:
	case ICC_HPPIR1:
		if (!read) {
			return false;
		}
		i = best_pending(g, id == ICC_HPPIR1 ? 1U : 0U, true);
		out = i < 0 ? INTID_SPURIOUS : g->lrs[i] & LR_VINTID_MASK;
		break;
	case ICC_BPR0:
		if (read) {
			out = (g->vmcr & VMCR_VBPR0_MASK) >> VMCR_VBPR0_SHIFT;
		} else {
			g->vmcr = (g->vmcr & ~VMCR_VBPR0_MASK) | ((in & 7U) << VMCR_VBPR0_SHIFT);
		}
		break;
	case ICC_AP0R0:
		if (read) {
			out = g->ap0r & 0xFFFFFFFFULL;
		} else {
			g->ap0r = in & 0xFFFFFFFFULL;
		}
		break;
	case ICC_BPR1:
		if (read) {
			out = (g->vmcr & VMCR_VBPR1_MASK) >> VMCR_VBPR1_SHIFT;
		} else {
			g->vmcr = (g->vmcr & ~VMCR_VBPR1_MASK) | ((in & 7U) << VMCR_VBPR1_SHIFT);
		}
		break;
	case ICC_CTLR:
		if (read) {
			out = CTLR_RO | ((g->vmcr & VMCR_VCBPR) != 0U ? CTLR_CBPR : 0U) |
			      ((g->vmcr & VMCR_VEOIM) != 0U ? CTLR_EOIMODE : 0U);
		} else {
			g->vmcr &= ~(VMCR_VCBPR | VMCR_VEOIM);
			g->vmcr |= ((in & CTLR_CBPR) != 0U ? VMCR_VCBPR : 0U) |
				   ((in & CTLR_EOIMODE) != 0U ? VMCR_VEOIM : 0U);
		}
		break;
	case ICC_IGRPEN0:
	case ICC_IGRPEN1: {
		uint64_t bit = id == ICC_IGRPEN0 ? VMCR_VENG0 : VMCR_VENG1;

		if (read) {
			out = (g->vmcr & bit) != 0U ? 1U : 0U;
		} else {
			g->vmcr = (in & 1U) != 0U ? g->vmcr | bit : g->vmcr & ~bit;
		}
		break;
	}
	case ICC_RPR:
		if (!read) {
			return false;
		}
		out = running_prio(g);
		break;
	case ICC_PMR:
		if (read) {
			out = (g->vmcr & VMCR_VPMR_MASK) >> VMCR_VPMR_SHIFT;
		} else {
			g->vmcr = (g->vmcr & ~VMCR_VPMR_MASK) |
				  ((in & PRI_MASK) << VMCR_VPMR_SHIFT);
		}
		break;
	case ICC_AP1R0:
		if (read) {
			out = g->ap1r & 0xFFFFFFFFULL;
		} else {
			g->ap1r = in & 0xFFFFFFFFULL;
		}
		break;
	case ICC_DIR:
		/* With ICH_HCR_EL2.TDIR the write traps to the RMM (forwarded to the host). */
		if (read || (g->hcr & HCR_TDIR) != 0U) {
			return false;
		}
		vgic_deactivate(g, in & 0xFFFFFFU);
		break;
	default:
		return false;
	}
	if (read && rt != 31U) {
		r->x[rt] = out;
	}
	r->pc += 4U;
	return true;
}

void vgic_update_misr(struct rmm_gic_state *g)
{
	unsigned valid = 0;
	bool pending = false;
	bool eoi = false;
	uint64_t misr = 0;

	for (unsigned i = 0; i < g->num_lrs && i < RMM_GIC_MAX_LRS; i++) {
		uint64_t lr = g->lrs[i];

		if (lr_state(lr) != 0U) {
			valid++;
		}
		if ((lr & LR_STATE_PENDING) != 0U) {
			pending = true;
		}
		/* An LR with EOI set that is now invalid: a maintenance interrupt (HW = 0). */
		if (lr_state(lr) == 0U && (lr & LR_EOI) != 0U) {
			eoi = true;
		}
	}
	misr |= eoi ? MISR_EOI : 0U;
	misr |= ((g->hcr & HCR_UIE) != 0U && valid <= 1U) ? MISR_U : 0U;
	misr |= ((g->hcr & HCR_LRENPIE) != 0U && (g->hcr & HCR_EOICOUNT_MASK) != 0U) ? MISR_LRENP
										    : 0U;
	misr |= ((g->hcr & HCR_NPIE) != 0U && !pending) ? MISR_NP : 0U;
	misr |= ((g->hcr & HCR_VGRP0EIE) != 0U && (g->vmcr & VMCR_VENG0) != 0U) ? MISR_VGRP0E : 0U;
	misr |= ((g->hcr & HCR_VGRP0DIE) != 0U && (g->vmcr & VMCR_VENG0) == 0U) ? MISR_VGRP0D : 0U;
	misr |= ((g->hcr & HCR_VGRP1EIE) != 0U && (g->vmcr & VMCR_VENG1) != 0U) ? MISR_VGRP1E : 0U;
	misr |= ((g->hcr & HCR_VGRP1DIE) != 0U && (g->vmcr & VMCR_VENG1) == 0U) ? MISR_VGRP1D : 0U;
	g->misr = misr;
}
