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
 *
 * A secondary REC started at _start itself (CPU_ON with the image entry,
 * as a kernel's boot CPU might do) tells itself apart by MPIDR_EL1's
 * affinity fields (Aff3 bits[39:32], Aff2..0 bits[23:0]; only REC 0 has
 * all zero): it must not take the primary's stack or zero its BSS, so it
 * records its MPIDR_EL1 in realm_secondary_mpidr and powers off.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	mrs	x1, mpidr_el1
	mov	x2, #0xFFFFFF
	movk	x2, #0xFF, lsl #32
	tst	x1, x2
	b.ne	_secondary_boot
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

	/* x1 = MPIDR_EL1; no stack: PSCI CPU_OFF (0x84000002) straight away. */
_secondary_boot:
	ldr	x2, =realm_secondary_mpidr
	str	x1, [x2]
	dsb	sy
	ldr	x0, =0x84000002
	smc	#0
5:	b	5b
	.ltorg

	/* .data, not .bss: the primary zeroes .bss while secondaries may run. */
	.section .data.secondary, "aw"
	.balign	8
	.globl	realm_secondary_mpidr
realm_secondary_mpidr:
	.quad	0

	/* Boot stack: .bss, so the host's DATA_CREATE of the image covers it. */
	.section .bss.stack, "aw", %nobits
	.balign	4096
	.space	0x4000
	.globl	__stack_top
__stack_top:
