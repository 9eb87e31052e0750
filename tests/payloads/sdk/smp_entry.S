/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry of a secondary PE after PSCI CPU_ON (sdk_smp.c): NS-EL2, MMU off,
 * x0 = the context id = struct sdk_pe_boot { sp, fn, arg }. Sets SP and
 * VBAR_EL2, calls fn(arg), then CPU_OFF; if EL3 refuses, it waits in WFI.
 */
	.text
	.globl sdk_secondary_entry
	.weak sdk_no_vectors
sdk_secondary_entry:
	ldr	x1, [x0]
	mov	sp, x1
	mov	x19, x0
	ldr	x1, =sdk_no_vectors
	cbnz	x1, 1f
	adr	x1, sdk_vectors
	msr	vbar_el2, x1
	isb
1:	ldr	x1, [x19, #8]
	ldr	x0, [x19, #16]
	blr	x1
	bl	sdk_cpu_off
2:	wfi
	b	2b
	.ltorg
