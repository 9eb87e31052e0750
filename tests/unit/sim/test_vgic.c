/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat_vgic: the realm's GICv3 virtual CPU interface on the ICH_* state the
 * RMM loads (IHI 0069 "Virtual CPU interface"): list-register delivery of
 * Group 1 as a virtual IRQ and Group 0 as a virtual FIQ, the ICV_ registers
 * of both groups, masking by PSTATE, VPMR and the running priority.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "plat_vgic.h"

#define LR_PENDING (1ULL << 62)
#define LR_ACTIVE (2ULL << 62)
#define LR_GROUP1 (1ULL << 60)
#define LR(intid, prio, grp1) (LR_PENDING | ((grp1) ? LR_GROUP1 : 0) | ((uint64_t)(prio) << 48) | (intid))
#define VMCR_VENG0 1ULL
#define VMCR_VENG1 2ULL
#define VMCR_PMR(p) ((uint64_t)(p) << 24)
#define PSTATE_EL1H 0x5ULL
#define PSTATE_I 0x80ULL
#define PSTATE_F 0x40ULL
#define VBAR 0x10000ULL
#define PC 0x20000ULL

/* ESR_EL2 of an MSR/MRS (EC 0x18) of op0=3 op1=0 CRn=12 CRm op2 with Rt = 1. */
static uint64_t esr_icc(unsigned crm, unsigned op2, int read)
{
	return (0x18ULL << 26) | (3ULL << 20) | ((uint64_t)op2 << 17) | (12ULL << 10) |
	       ((uint64_t)crm << 1) | (1ULL << 5) | (read ? 1U : 0U);
}

struct fx {
	struct rmm_gic_state g;
	struct rmm_vcpu_regs r;
};

static void init(struct fx *f, uint64_t vmcr)
{
	memset(f, 0, sizeof(*f));
	f->g.num_lrs = 4;
	f->g.vmcr = vmcr | VMCR_PMR(0xF8);
	f->r.pstate = PSTATE_EL1H;
	f->r.pc = PC;
	f->r.vbar_el1 = VBAR;
}

static uint64_t icc_read(struct fx *f, unsigned crm, unsigned op2)
{
	f->r.x[1] = 0xDEAD;
	assert_true(vgic_sysreg(&f->g, &f->r, esr_icc(crm, op2, 1)));
	return f->r.x[1];
}

static void icc_write(struct fx *f, unsigned crm, unsigned op2, uint64_t v)
{
	f->r.x[1] = v;
	assert_true(vgic_sysreg(&f->g, &f->r, esr_icc(crm, op2, 0)));
}

static void deliver__group1_lr_is_a_virtual_irq_at_vbar_0x280(void **state)
{
	struct fx f;

	init(&f, VMCR_VENG1);
	f.g.lrs[0] = LR(27, 0xA0, 1);
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_TAKEN);
	assert_int_equal(f.r.pc, VBAR + 0x280);
	assert_int_equal(f.r.elr_el1, PC);
	assert_int_equal(icc_read(&f, 12, 0), 27);          /* ICV_IAR1 */
	assert_int_equal(f.g.lrs[0] >> 62, 2);               /* active */
	assert_int_equal(icc_read(&f, 11, 3), 0xA0);         /* ICV_RPR */
	icc_write(&f, 12, 1, 27);                            /* ICV_EOIR1 */
	assert_int_equal(f.g.lrs[0] >> 62, 0);
	assert_int_equal(f.g.ap1r, 0);
}

static void deliver__group0_lr_is_a_virtual_fiq_at_vbar_0x300(void **state)
{
	struct fx f;

	init(&f, VMCR_VENG0);
	f.g.lrs[1] = LR(40, 0x80, 0);
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_TAKEN);
	assert_int_equal(f.r.pc, VBAR + 0x300);
	assert_int_equal(f.r.spsr_el1, PSTATE_EL1H);
	assert_int_equal(icc_read(&f, 8, 0), 40);            /* ICV_IAR0 in the FIQ handler */
	icc_write(&f, 8, 1, 40);                             /* ICV_EOIR0 */
	assert_int_equal(f.g.lrs[1] >> 62, 0);
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_NONE);
}

static void icv_group0__iar0_eoir0_hppir0_bpr0_ap0r0(void **state)
{
	struct fx f;

	init(&f, VMCR_VENG0 | VMCR_VENG1);
	f.g.lrs[0] = LR(40, 0x80, 0);
	f.g.lrs[1] = LR(50, 0x40, 1);
	assert_int_equal(icc_read(&f, 8, 2), 40);            /* ICV_HPPIR0 */
	assert_int_equal(icc_read(&f, 12, 2), 50);           /* ICV_HPPIR1 */
	assert_int_equal(icc_read(&f, 8, 0), 40);            /* ICV_IAR0: only Group 0 */
	assert_int_equal(f.g.ap0r, 1ULL << (0x80 >> 3));
	assert_int_equal(f.g.ap1r, 0);
	assert_int_equal(icc_read(&f, 8, 4), 1ULL << (0x80 >> 3)); /* ICV_AP0R0 */
	assert_int_equal(icc_read(&f, 8, 0), 1023);          /* nothing else of Group 0 */
	icc_write(&f, 8, 1, 40);                             /* ICV_EOIR0 */
	assert_int_equal(f.g.ap0r, 0);
	assert_int_equal(f.g.lrs[0] >> 62, 0);
	assert_int_equal(f.g.lrs[1] >> 62, 1);               /* Group 1 untouched */
	icc_write(&f, 8, 3, 3);                              /* ICV_BPR0 */
	assert_int_equal(icc_read(&f, 8, 3), 3);
	assert_int_equal((f.g.vmcr >> 21) & 7, 3);
	assert_int_equal(f.r.pc, PC + 4 * 8);                /* each of the 8 accesses stepped over */
}

static void icv_iar1__never_acknowledges_group0(void **state)
{
	struct fx f;

	init(&f, VMCR_VENG0 | VMCR_VENG1);
	f.g.lrs[0] = LR(40, 0x80, 0);
	assert_int_equal(icc_read(&f, 12, 0), 1023);
	assert_int_equal(f.g.lrs[0] >> 62, 1);
}

static void deliver__disabled_group_or_masked_pstate(void **state)
{
	struct fx f;

	init(&f, VMCR_VENG1);                                /* Group 0 disabled */
	f.g.lrs[0] = LR(40, 0x80, 0);
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_NONE);
	assert_int_equal(icc_read(&f, 8, 0), 1023);
	f.g.vmcr |= VMCR_VENG0;
	f.r.pstate |= PSTATE_F;
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_MASKED);
	/* PSTATE.I does not mask a FIQ. */
	f.r.pstate = PSTATE_EL1H | PSTATE_I;
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_TAKEN);
	assert_int_equal(f.r.pc, VBAR + 0x300);
}

static void deliver__higher_priority_group_wins_group0_on_tie(void **state)
{
	struct fx f;

	init(&f, VMCR_VENG0 | VMCR_VENG1);
	f.g.lrs[0] = LR(40, 0x80, 0);
	f.g.lrs[1] = LR(50, 0x40, 1);
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_TAKEN);
	assert_int_equal(f.r.pc, VBAR + 0x280);              /* Group 1 at 0x40 first */
	init(&f, VMCR_VENG0 | VMCR_VENG1);
	f.g.lrs[0] = LR(40, 0x40, 0);
	f.g.lrs[1] = LR(50, 0x40, 1);
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_TAKEN);
	assert_int_equal(f.r.pc, VBAR + 0x300);
}

static void deliver__running_priority_of_group0_masks_lower_group1(void **state)
{
	struct fx f;

	init(&f, VMCR_VENG0 | VMCR_VENG1);
	f.g.lrs[0] = LR(40, 0x40, 0);
	f.g.lrs[1] = LR(50, 0x80, 1);
	assert_int_equal(icc_read(&f, 8, 0), 40);
	f.r.pstate = PSTATE_EL1H;
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_NONE); /* 0x80 does not preempt 0x40 */
	icc_write(&f, 8, 1, 40);
	assert_int_equal(vgic_deliver(&f.g, &f.r), VGIC_TAKEN);
	assert_int_equal(f.r.pc, VBAR + 0x280);
}

static void igrpen0__sets_vmcr_veng0(void **state)
{
	struct fx f;

	init(&f, 0);
	icc_write(&f, 12, 6, 1);
	assert_true(f.g.vmcr & VMCR_VENG0);
	assert_int_equal(icc_read(&f, 12, 6), 1);
	icc_write(&f, 12, 6, 0);
	assert_false(f.g.vmcr & VMCR_VENG0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deliver__group1_lr_is_a_virtual_irq_at_vbar_0x280),
		cmocka_unit_test(deliver__group0_lr_is_a_virtual_fiq_at_vbar_0x300),
		cmocka_unit_test(icv_group0__iar0_eoir0_hppir0_bpr0_ap0r0),
		cmocka_unit_test(icv_iar1__never_acknowledges_group0),
		cmocka_unit_test(deliver__disabled_group_or_masked_pstate),
		cmocka_unit_test(deliver__higher_priority_group_wins_group0_on_tie),
		cmocka_unit_test(deliver__running_priority_of_group0_masks_lower_group1),
		cmocka_unit_test(igrpen0__sets_vmcr_veng0),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
