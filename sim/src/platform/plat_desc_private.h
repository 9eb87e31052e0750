/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared state of the platform-description parser (plat_desc.c, plat_check.c). */
#ifndef SIM_PLAT_DESC_PRIVATE_H
#define SIM_PLAT_DESC_PRIVATE_H

#include "platform.h"

struct plat_parse {
	const void *fdt;
	const char *file;     /* named in every message */
	struct plat_desc *desc;
	char *err;
	size_t err_len;
};

/* Writes "platform 'FILE': node 'NODE': <what>" (node may be NULL). */
__attribute__((format(printf, 3, 4))) void plat_err(struct plat_parse *pp, const char *node,
						    const char *fmt, ...);
/* Reads /rmmsim (pa-bits, GPT), /rmmsim/rmm (features) and /rmmsim/costs. */
int plat_read_config(struct plat_parse *pp);
/* Alignment, PA size and overlap checks of every collected region. */
int plat_check_layout(struct plat_parse *pp);

#endif /* SIM_PLAT_DESC_PRIVATE_H */
