/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_agent: a 4 KiB realm image that does what its host tells it, for
 * the conformance suite (RSI conditions, running-realm RMI conditions) and
 * the realm-side fuzzer. Stage 1 off, R-EL1h. Position independent: load it
 * at any 4 KiB-aligned protected IPA and start it with
 *   x0 = mailbox IPA (an Unprotected IPA the host maps to an NS page)
 *   x1 = doorbell IPA (an Unprotected IPA the host leaves unmapped)
 * Loop: store to the doorbell (an emulatable data abort: RMI_EXIT_SYNC to
 * the host, which re-enters with emul_mmio), then run the command in the
 * mailbox. Mailbox layout (little-endian u64 words, AGENT_* in agent.h):
 *   [0]        op: 0 SMC, 1 load64, 2 store64, 3 branch-and-link (fetch)
 *   [1..11]    SMC: x0..x10;  load/store/fetch: [1] = address, [2] = value
 *   [16..23]   SMC: x0..x7 after the SMC;  load: [16] = value read
 *   [24], [25] ESR_EL1, FAR_EL1 of the last exception the realm took
 *   [26]       count of exceptions taken
 * Any exception the realm takes (an injected SEA, UNDEFINED for HVC, ...)
 * is recorded in [24..26] and the agent goes back to the loop.
 */
	.text
	.global _start
_start:
	mov	x20, x0
	mov	x21, x1
	adr	x9, vectors
	msr	vbar_el1, x9
	isb
loop:
	str	xzr, [x21]
	ldr	x22, [x20]
	cbz	x22, do_smc
	cmp	x22, #1
	b.eq	do_load
	cmp	x22, #2
	b.eq	do_store
	cmp	x22, #3
	b.eq	do_fetch
	b	loop
do_smc:
	ldp	x0, x1, [x20, #8]
	ldp	x2, x3, [x20, #24]
	ldp	x4, x5, [x20, #40]
	ldp	x6, x7, [x20, #56]
	ldp	x8, x9, [x20, #72]
	ldr	x10, [x20, #88]
	smc	#0
	stp	x0, x1, [x20, #128]
	stp	x2, x3, [x20, #144]
	stp	x4, x5, [x20, #160]
	stp	x6, x7, [x20, #176]
	b	loop
do_load:
	ldr	x9, [x20, #8]
	ldr	x10, [x9]
	str	x10, [x20, #128]
	b	loop
do_store:
	ldp	x9, x10, [x20, #8]
	str	x10, [x9]
	b	loop
do_fetch:
	ldr	x9, [x20, #8]
	blr	x9
	b	loop

exception:
	mrs	x9, esr_el1
	mrs	x10, far_el1
	stp	x9, x10, [x20, #192]
	ldr	x9, [x20, #208]
	add	x9, x9, #1
	str	x9, [x20, #208]
	adr	x9, loop
	msr	elr_el1, x9
	mov	x9, #0x3c5
	msr	spsr_el1, x9
	eret

	.balign	2048
vectors:
	.rept	16
	b	exception
	.balign	128
	.endr
