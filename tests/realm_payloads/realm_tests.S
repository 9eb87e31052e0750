/* SPDX-License-Identifier: BSD-3-Clause */
/* Realm test programs at fixed offsets (realm_payloads.h); R-EL1, MMU off. */
#include "realm_payloads.h"

	.text
	.globl _start
_start:

.macro vec_entry off
	.org \off
	mrs x0, esr_el1
	mrs x1, elr_el1
	mrs x2, far_el1
	mov x3, #\off
	smc #RP_VEC_SMC_IMM
.endm
	vec_entry RP_VEC_CUR_SP0
	vec_entry RP_VEC_CUR_SPX
	vec_entry RP_VEC_LOWER64

	.org RP_LDST
	ldr x2, [x1]
	str x3, [x4]
	add x5, x2, #1
	smc #RP_LDST_SMC_IMM

	.org RP_LDRSH
	ldrsh w7, [x1]
	smc #0

	.org RP_LDP
	ldp x2, x3, [x1]
	smc #0

	.org RP_POSTIDX
	ldr x2, [x1], #8
	smc #0

	.org RP_STLR
	stlr w9, [x1]
	smc #0

	.org RP_STRB_REG
	strb w9, [x1, x10]
	smc #0

	.org RP_WFX
	wfi
	wfe
	smc #0

	.org RP_LOOP
1:	add x0, x0, #1
	b 1b

	.org RP_SMC_LOOP
2:	add x0, x0, #1
	smc #0
	b 2b

	.org RP_JUMP
	br x1

	.org RP_SYSREG
	mrs x3, s3_0_c12_c12_0
	smc #0

	.org RP_UDF
	.inst 0x00000000
	smc #0

	.org RP_SVC
	svc #RP_SVC_IMM
	smc #1

	.org RP_INSN_LOOP
3:	add x0, x0, #1
	add x1, x1, x0
	eor x2, x2, x1
	subs x3, x3, #1
	b.ne 3b
	smc #0

	.org RP_HVC
	hvc #5
	smc #0

	.org RP_MMU_ON
	msr mair_el1, x10
	msr tcr_el1, x11
	msr ttbr0_el1, x12
	isb
	mrs x13, sctlr_el1
	orr x13, x13, #1
	msr sctlr_el1, x13
	isb
	ldr x2, [x1]
	str x3, [x4]
	smc #0

	.org RP_MEM_LOOP
4:	ldr x2, [x1]
	add x2, x2, #1
	str x2, [x1, #8]
	subs x3, x3, #1
	b.ne 4b
	smc #0

	.org RP_DC_ZVA
	dc zva, x1
	smc #0

	.org RP_EXCL
	ldxr x2, [x1]
	stxr w5, x3, [x1]
	smc #0

	.org RP_BRK
	brk #RP_BRK_IMM
	smc #0

	.org RP_CNT_READ
	mrs x2, cntvct_el0
	mrs x3, cntpct_el0
	mrs x4, cntfrq_el0
	smc #0

	.org RP_VTIMER
	mrs x2, cntvct_el0
	add x2, x2, x1
	msr cntv_cval_el0, x2
	mov x4, #1
	msr cntv_ctl_el0, x4
	isb
5:	add x0, x0, #1
	b 5b

	.org RP_PTIMER_TVAL
	msr cntp_tval_el0, x1
	mov x4, #1
	msr cntp_ctl_el0, x4
	isb
6:	add x0, x0, #1
	b 6b

	.org RP_TIMER_READ
	mrs x2, cntv_ctl_el0
	mrs x3, cntv_tval_el0
	mrs x5, cntp_ctl_el0
	mrs x6, cntp_cval_el0
	smc #0

	.org 0x1000
