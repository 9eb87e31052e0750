/* SPDX-License-Identifier: BSD-3-Clause */
/* Single-instruction probes whose addresses gpf_test checks ELR against. */
	.text
	/* uint64_t gpf_load(uint64_t addr): returns 0x5a5a if the load was undone and skipped */
	.globl	gpf_load, gpf_load_insn
gpf_load:
	mov	x1, x0
	mov	x0, #0x5a5a
gpf_load_insn:
	ldr	x0, [x1]
	ret

	/* void gpf_store(uint64_t addr, uint64_t value) */
	.globl	gpf_store, gpf_store_insn
gpf_store:
gpf_store_insn:
	str	x1, [x0]
	ret
