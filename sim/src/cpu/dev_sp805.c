/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SP805 watchdog (Arm DDI 0270): a harmless sink. Writes are counted and
 * ignored (the watchdog never fires); reads return reset values and IDs.
 */
#include "dev.h"

#define WDOG_LOAD 0x000
#define WDOG_VALUE 0x004
#define WDOG_LOCK 0xC00

uint64_t sp805_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	static const uint8_t periph[4] = { 0x05, 0x18, 0x14, 0x00 };
	uint32_t v = 0;

	if (dev_primecell_id(off, periph, &v))
		return v;
	if (off == WDOG_LOAD || off == WDOG_VALUE)
		return 0xFFFFFFFFU;
	return 0;
}

void sp805_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque)
{
	struct cpu_devs *d = opaque;

	d->wdog_writes++;
}
