/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Emulated devices of the host platform: PL011 UARTs, SP805 watchdog,
 * GICv3 distributor/redistributor (MMIO glue onto sim_gic) and the ICC_*
 * CPU interface system registers. Each MMIO device is one uc_mmio_map region.
 */
#ifndef SIM_CPU_DEV_H
#define SIM_CPU_DEV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <unicorn/unicorn.h>

#include "rmmsim_types.h"
#include "cpu_irq.h"

#define DEV_PAGE 0x1000U
#define GICD_SIZE 0x10000U
#define GICR_FRAME 0x20000U     /* RD_base + SGI_base of one redistributor */

struct pl011 {
	FILE *out;
	uint32_t cr, ibrd, fbrd, lcr_h, imsc, ifls, ris, dmacr;
	uint64_t bytes_out;
};

struct cpu_devs {
	struct pl011 uart[4];
	struct cpu_irq irq;       /* GIC model, timers, deadlines (cpu_irq.h) */
	uint64_t wdog_writes;
};

void pl011_init(struct pl011 *u, FILE *out);
uint64_t pl011_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque);
void pl011_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque);

int gic_init(struct cpu_devs *d, uint64_t gicr_size, unsigned num_pe);
void gic_free(struct cpu_devs *d);
uint64_t gicd_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque);
void gicd_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque);
uint64_t gicr_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque);
void gicr_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque);

uint64_t sp805_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque);
void sp805_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque);

/* Common PrimeCell/CoreSight ID registers at 0xFE0..0xFFC (PeriphID0-3, CellID0-3). */
bool dev_primecell_id(uint64_t off, const uint8_t periph[4], uint32_t *val);

#endif /* SIM_CPU_DEV_H */
