/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * R-EL1 entry of a realm payload, at the REC's initial PC (RmiRecParams.pc,
 * = the ELF entry). The RMM starts a REC with the MMU and caches off and
 * D, A, I, F masked (psci-and-exits.md §2), so no stage-1 setup: VA = IPA.
 * Sets SP (boot stack in .bss), VBAR_EL1, zeroes BSS, calls main(), then
 * realm_exit(main's return value): host call "exit", PSCI SYSTEM_OFF.
 *
 * _secondary_start is the PSCI CPU_ON entry used by realm_cpu_on(): x0 =
 * context_id = IPA of a struct realm_boot { sp, fn, arg }.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	ldr	x1, =__stack_top
	mov	sp, x1
	adr	x1, realm_vectors
	msr	vbar_el1, x1
	isb
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	bl	main
	bl	realm_exit
3:	b	3b

	.globl _secondary_start
_secondary_start:
	ldr	x1, [x0, #0]
	mov	sp, x1
	adr	x1, realm_vectors
	msr	vbar_el1, x1
	isb
	ldr	x1, [x0, #8]
	ldr	x0, [x0, #16]
	blr	x1
	bl	realm_cpu_off
4:	b	4b
	.ltorg

	/* Boot stack: .bss, so the host's DATA_CREATE of the image covers it. */
	.section .bss.stack, "aw", %nobits
	.balign	4096
	.space	0x4000
	.globl	__stack_top
__stack_top:
