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
#endif

#endif /* PAYLOAD_EMBED_H */
