/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Emulated devices of the host platform: PL011 UARTs, SP805 and SBSA watchdogs,
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
#include "pmu.h"
#include "wdog.h"

#define DEV_PAGE 0x1000U
#define GICD_SIZE 0x10000U
#define GICR_FRAME 0x20000U     /* RD_base + SGI_base of one redistributor */

struct pl011 {
	FILE *out;
	uint32_t cr, ibrd, fbrd, lcr_h, imsc, ifls, ris, dmacr;
	uint64_t bytes_out;
};

/* The two watchdogs (dev_wdog.c) and the SPIs their interrupt outputs drive. */
struct cpu_wdog {
	struct sp805 sp805;
	struct sbsa_gwdt gwdt;
	unsigned sp805_spi, gwdt_spi;   /* INTIDs, 0 = not wired */
	bool sp805_out, gwdt_out;       /* levels last given to the GIC */
	uint64_t writes, refreshes;
};

enum cpu_wdog_event {
	CPU_WDOG_NONE = 0,
	CPU_WDOG_IRQ,                   /* an interrupt output rose */
	CPU_WDOG_RESET_SP805,           /* WDOGRES asserted */
	CPU_WDOG_RESET_GWDT,            /* WS1 asserted */
};

/* The PE's PMU (pmu_regs.c). */
struct cpu_pmu {
	struct pmu pmu;
	unsigned ppi;                   /* PMU overflow PPI */
	bool out;                       /* level last given to the GIC */
	uint64_t last_cycles, last_insns; /* counted up to here */
	uint64_t overflows;             /* overflow request rising */
	/*
	 * Some enabled counter's filter tells NS EL0/EL1/EL2 apart: the block
	 * hook then watches the EL (cpu_pmu_block) so counts go to the right one.
	 */
	bool track_el;
};

struct cpu_devs {
	struct pl011 uart[4];
	struct cpu_irq irq;       /* GIC model, timers, deadlines (cpu_irq.h) */
	struct cpu_wdog wdog;
	struct cpu_pmu pmu;
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
uint64_t gwdt_ctrl_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque);
void gwdt_ctrl_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val,
		     void *opaque);
uint64_t gwdt_refresh_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque);
void gwdt_refresh_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val,
			void *opaque);
struct cpu;
/* Models at reset state, SPIs from the platform (cpu_create and platform reset). */
void cpu_wdog_init(struct cpu *cpu);
/* Expiries up to the current count, interrupt outputs into the GIC. */
enum cpu_wdog_event cpu_wdog_update(struct cpu *cpu);
/* The next count at which a watchdog expires, or WDOG_NEVER. */
uint64_t cpu_wdog_next_deadline(const struct cpu *cpu);
/* pmu_regs.c: reset state; counting, the PPI level (true = rose); the overflow as a count. */
void cpu_pmu_init(struct cpu *cpu);
bool cpu_pmu_update(struct cpu *cpu);
uint64_t cpu_pmu_next_deadline(struct cpu *cpu);
/* The same overflow as a host instruction count (--realtime: the counter is not cycles). */
uint64_t cpu_pmu_next_insns(struct cpu *cpu);

/* Common PrimeCell/CoreSight ID registers at 0xFE0..0xFFC (PeriphID0-3, CellID0-3). */
bool dev_primecell_id(uint64_t off, const uint8_t periph[4], uint32_t *val);

#endif /* SIM_CPU_DEV_H */
