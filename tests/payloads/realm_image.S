/* SPDX-License-Identifier: BSD-3-Clause */
/* The realm ELF realm_boot builds (REALM_IMAGE_PATH: tests/realm's realm_demo.elf). */
	.section .rodata
	.balign	16
	.global	realm_image
	.global	realm_image_end
realm_image:
	.incbin	REALM_IMAGE_PATH
realm_image_end:
