/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * EL2 entry of a host payload: x0 = DTB address. Sets SP and VBAR_EL2
 * (unless the payload defines sdk_no_vectors), zeroes BSS, calls
 * main(dtb) and ends with PSCI SYSTEM_OFF, passing main's return value in
 * x1 (rmmsim run exits with it; docs/emulation.md).
 */
	.section .text.start, "ax"
	.globl _start
	.weak sdk_no_vectors
_start:
	mov	x19, x0
	ldr	x1, =__stack_top
	mov	sp, x1
	ldr	x1, =sdk_no_vectors
	cbnz	x1, 1f
	adr	x1, sdk_vectors
	msr	vbar_el2, x1
	isb
1:	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
2:	cmp	x1, x2
	b.hs	3f
	str	xzr, [x1], #8
	b	2b
3:	mov	x0, x19
	bl	main
	bl	sdk_system_off
4:	b	4b

	/* void sdk_system_off(unsigned long status) */
	.globl sdk_system_off
sdk_system_off:
	mov	x1, x0
	ldr	x0, =0x84000008
	smc	#0
5:	b	5b
	.ltorg
