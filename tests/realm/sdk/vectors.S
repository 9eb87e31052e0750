/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * EL1 vector table. Every exception a payload does not expect is fatal:
 * each entry saves x0..x3 and x29/x30 (enough for the C call) and calls
 * realm_unexpected(offset, esr, far, elr), which prints the syndrome on the
 * host-call console and powers the realm off. It does not return.
 */
	.macro	vent, off
	.balign	0x80
	stp	x29, x30, [sp, #-16]!
	mov	x0, #\off
	mrs	x1, esr_el1
	mrs	x2, far_el1
	mrs	x3, elr_el1
	bl	realm_unexpected
1:	b	1b
	.endm

	.text
	.balign	0x800
	.globl	realm_vectors
realm_vectors:
	vent	0x000
	vent	0x080
	vent	0x100
	vent	0x180
	vent	0x200
	vent	0x280
	vent	0x300
	vent	0x380
	vent	0x400
	vent	0x480
	vent	0x500
	vent	0x580
	vent	0x600
	vent	0x680
	vent	0x700
	vent	0x780
