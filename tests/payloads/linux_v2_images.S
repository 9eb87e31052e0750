/* SPDX-License-Identifier: BSD-3-Clause */
/* The realm ELFs linux_v2 builds (tests/realm's realm_smp.elf and realm_ripas.elf). */
	.section .rodata
	.balign	16
	.global	realm_smp_image
	.global	realm_smp_image_end
realm_smp_image:
	.incbin	REALM_SMP_PATH
realm_smp_image_end:
	.balign	16
	.global	realm_ripas_image
	.global	realm_ripas_image_end
realm_ripas_image:
	.incbin	REALM_RIPAS_PATH
realm_ripas_image_end:
