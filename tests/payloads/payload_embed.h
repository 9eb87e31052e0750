/* SPDX-License-Identifier: BSD-3-Clause */
/* Payloads embedded into rmmsim (generated from the built ELF files). */
#ifndef PAYLOAD_EMBED_H
#define PAYLOAD_EMBED_H

#include <stddef.h>

extern const unsigned char payload_demo_elf[];
extern const size_t payload_demo_elf_len;
#ifdef RMMSIM_HAVE_REALM_BOOT
extern const unsigned char payload_realm_boot_elf[];
extern const size_t payload_realm_boot_elf_len;
/* RMI 2.0 hosts: the newest Linux sequence (with realms inside) and the TFTF basic test. */
extern const unsigned char payload_linux_v2_elf[];
extern const size_t payload_linux_v2_elf_len;
#endif
extern const unsigned char payload_tftf_realm_elf[];
extern const size_t payload_tftf_realm_elf_len;

#endif /* PAYLOAD_EMBED_H */
