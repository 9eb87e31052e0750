/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * EL2 vector table. Synchronous exceptions from the current EL with SP_EL2
 * (offset 0x200) save x0..x30, ELR and SPSR in a struct sdk_frame on the
 * stack and call sdk_sync_handler(frame, esr, far); the handler may change
 * frame->elr (e.g. to skip the faulting instruction). IRQ (0x280) and FIQ
 * (0x300) from the current EL with SP_EL2 save the same frame and call
 * sdk_irq_handler(frame, is_fiq) (default: sdk_unexpected). Every other
 * vector calls sdk_unexpected(offset), which does not return.
 */
#define FRAME_SIZE (34 * 8)

	.macro	ventry, target
	.balign	0x80
	b	\target
	.endm

	.macro	vbad, off
	.balign	0x80
	mov	x0, #\off
	b	sdk_unexpected
	.endm

	.text
	.balign	0x800
	.globl	sdk_vectors
sdk_vectors:
	vbad	0x000
	vbad	0x080
	vbad	0x100
	vbad	0x180
	ventry	sync_cur
	ventry	irq_cur
	ventry	fiq_cur
	vbad	0x380
	vbad	0x400
	vbad	0x480
	vbad	0x500
	vbad	0x580
	vbad	0x600
	vbad	0x680
	vbad	0x700
	vbad	0x780

	.macro	save_frame
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x30, x0, [sp, #240]
	str	x1, [sp, #256]
	.endm

	.macro	restore_frame
	ldp	x30, x0, [sp, #240]
	ldr	x1, [sp, #256]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	add	sp, sp, #FRAME_SIZE
	.endm

sync_cur:
	save_frame
	mov	x0, sp
	mrs	x1, esr_el2
	mrs	x2, far_el2
	bl	sdk_sync_handler
	restore_frame
	eret

irq_cur:
	save_frame
	mov	x0, sp
	mov	x1, #0
	bl	sdk_irq_handler
	restore_frame
	eret

fiq_cur:
	save_frame
	mov	x0, sp
	mov	x1, #1
	bl	sdk_irq_handler
	restore_frame
	eret
