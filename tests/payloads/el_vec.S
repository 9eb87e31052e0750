/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * el_test helpers: el_call() drops from EL2 to a lower EL and comes back
 * when that EL takes an exception to EL2; vector tables for EL2 (lower-EL
 * entry only) and EL1 (same-EL entry: record and return to EL2 by HVC).
 */
	.macro	vbad, off
	.balign	0x80
	mov	x0, #\off
	b	sdk_unexpected
	.endm

	.text
/* uint64_t el_call(uint64_t entry, uint64_t spsr, uint64_t sp, uint64_t x0): returns ESR_EL2 of the exit. */
	.globl	el_call
el_call:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	mov	x9, sp
	adrp	x10, el2_saved_sp
	str	x9, [x10, :lo12:el2_saved_sp]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	msr	sp_el0, x2
	msr	sp_el1, x2
	mov	x0, x3
	mov	x1, #0
	isb
	eret

	.balign	0x800
	.globl	el2_vectors
el2_vectors:
	vbad	0x000
	vbad	0x080
	vbad	0x100
	vbad	0x180
	vbad	0x200
	vbad	0x280
	vbad	0x300
	vbad	0x380
	.balign	0x80
	/* 0x400: synchronous from a lower AArch64 EL: record (and x1), back to el_call's caller. */
	mov	x11, x1
	adrp	x10, el2_seen
	add	x10, x10, :lo12:el2_seen
	mrs	x0, esr_el2
	mrs	x1, far_el2
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x0, x1, [x10]
	stp	x2, x3, [x10, #16]
	str	x11, [x10, #32]
	adrp	x10, el2_saved_sp
	ldr	x9, [x10, :lo12:el2_saved_sp]
	mov	sp, x9
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
	vbad	0x480
	vbad	0x500
	vbad	0x580
	vbad	0x600
	vbad	0x680
	vbad	0x700
	vbad	0x780

	.balign	0x800
	.globl	el1_vectors
el1_vectors:
	vbad	0x1000
	vbad	0x1080
	vbad	0x1100
	vbad	0x1180
	.balign	0x80
	/* 0x200: synchronous at EL1 with SP_EL1: record ESR/FAR/ELR_EL1, then HVC #0x11. */
	adrp	x10, el1_seen
	add	x10, x10, :lo12:el1_seen
	mrs	x0, esr_el1
	mrs	x1, far_el1
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x0, x1, [x10]
	stp	x2, x3, [x10, #16]
	hvc	#0x11
	b	.
	vbad	0x1280
	vbad	0x1300
	vbad	0x1380
	.balign	0x80
	/* 0x400: synchronous from EL0: record, then HVC #0x12. */
	adrp	x10, el1_seen
	add	x10, x10, :lo12:el1_seen
	mrs	x0, esr_el1
	mrs	x1, far_el1
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x0, x1, [x10]
	stp	x2, x3, [x10, #16]
	hvc	#0x12
	b	.
	vbad	0x1480
	vbad	0x1500
	vbad	0x1580
	vbad	0x1600
	vbad	0x1680
	vbad	0x1700
	vbad	0x1780

/* Code run at EL1/EL0: x0 = address to load. */
	.balign	0x1000
	.globl	lower_load
lower_load:
	ldr	x1, [x0]
	hvc	#0x77		/* EL1: back to EL2 with the value in x1 */
	b	.
	.globl	lower_svc
lower_svc:
	svc	#0x42
	b	.
	.globl	lower_load_svc
lower_load_svc:
	ldr	x1, [x0]
	svc	#0x43
	b	.
	.globl	lower_msr_hcr
lower_msr_hcr:
	msr	hcr_el2, x0	/* UNDEFINED at EL1 */
	hvc	#0x78
	b	.
	.balign	0x1000
	.globl	lower_end
lower_end:

	.bss
	.balign	8
el2_saved_sp:
	.skip	8
	.globl	el2_seen
el2_seen:
	.skip	40
	.globl	el1_seen
el1_seen:
	.skip	32
