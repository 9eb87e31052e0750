/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GICv3 distributor and redistributor MMIO: thin glue onto the sim_gic
 * model (sim/src/gic). One redistributor frame per host PE (issue 13:
 * the PEs of the device tree's cpus node, as many as fit the region). A write may make an interrupt
 * deliverable: the next block boundary stops the engine so the run loop
 * evaluates it (stop_at = 0; uc_emu_stop from an MMIO callback is not
 * needed and a later PC write would lose it, DESIGN.md).
 */
#include <stdlib.h>

#include "dev.h"

int gic_init(struct cpu_devs *d, uint64_t gicr_size, unsigned num_pe)
{
	if (gicr_size < GIC_FRAME_SIZE || num_pe == 0 || gicr_size / GIC_FRAME_SIZE < num_pe)
		return -1;
	d->irq.gic = calloc(1, sizeof(*d->irq.gic));
	if (!d->irq.gic)
		return -1;
	/* The NS host's view after TF-A: DS = 0, Group 1 NS only (docs/platform.md). */
	gic_reset(d->irq.gic, num_pe, false);
	return 0;
}

void gic_free(struct cpu_devs *d)
{
	free(d->irq.gic);
	d->irq.gic = NULL;
}

uint64_t gicd_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	struct cpu_devs *d = opaque;

	return gic_dist_read(d->irq.gic, off, size);
}

void gicd_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque)
{
	struct cpu_devs *d = opaque;

	gic_dist_write(d->irq.gic, off, size, val);
	cpu_irq_set_stop_at(&d->irq, 0);
}

uint64_t gicr_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	struct cpu_devs *d = opaque;

	return gic_redist_read(d->irq.gic, off, size);
}

void gicr_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque)
{
	struct cpu_devs *d = opaque;

	gic_redist_write(d->irq.gic, off, size, val);
	cpu_irq_set_stop_at(&d->irq, 0);
}
