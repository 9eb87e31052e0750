/* SPDX-License-Identifier: BSD-3-Clause */
/* Payloads embedded into rmmsim (generated from the built ELF files). */
#ifndef PAYLOAD_EMBED_H
#define PAYLOAD_EMBED_H

#include <stddef.h>

extern const unsigned char payload_demo_elf[];
extern const size_t payload_demo_elf_len;

#endif /* PAYLOAD_EMBED_H */
