/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GICv3 distributor and redistributor register files (Arm IHI 0069): enough
 * for a driver's probe and init. Registers keep what is written; the
 * identification and control registers answer as a GICv3 with one PE, no
 * LPIs and 256 interrupt IDs. No interrupt is ever signalled.
 */
#include <stdlib.h>

#include "dev.h"

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_PIDR2 0xFFE8
#define GICD_CTLR_RWP (1U << 31)

#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_TYPER_HI 0x000C
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xFFE8
#define GICR_WAKER_PS (1U << 1)   /* ProcessorSleep */
#define GICR_WAKER_CA (1U << 2)   /* ChildrenAsleep */
#define GICR_TYPER_LAST (1U << 4)

#define GIC_IIDR_ARM 0x0300043BU  /* implementer Arm (0x43B), product GIC-600-like */
#define GIC_PIDR2_V3 0x3BU        /* ArchRev 3 in bits [7:4], JEP106 bits */
/* ITLinesNumber = 7 (256 INTIDs), IDbits = 9 (10-bit INTIDs), no LPIs. */
#define GICD_TYPER_VAL ((9U << 19) | 7U)

int gic_init(struct cpu_devs *d, uint64_t gicr_size)
{
	/* One PE: one redistributor frame (GICR_TYPER.Last); the rest of the region reads as zero. */
	uint64_t frames = gicr_size >= GICR_FRAME ? 1 : 0;

	if (frames == 0)
		return -1;
	d->gicd = calloc(1, sizeof(*d->gicd));
	d->gicr = calloc(frames, sizeof(*d->gicr));
	if (!d->gicd || !d->gicr) {
		gic_free(d);
		return -1;
	}
	d->gicr_frames = frames;
	for (uint64_t i = 0; i < frames; i++)
		d->gicr[i].waker = GICR_WAKER_PS | GICR_WAKER_CA;
	return 0;
}

void gic_free(struct cpu_devs *d)
{
	free(d->gicd);
	free(d->gicr);
	d->gicd = NULL;
	d->gicr = NULL;
}

static uint64_t reg_get(const uint32_t *regs, size_t nregs, uint64_t off, unsigned size)
{
	size_t i = (size_t)(off / 4);

	if (i >= nregs)
		return 0;
	if (size == 8 && i + 1 < nregs)
		return regs[i] | ((uint64_t)regs[i + 1] << 32);
	return regs[i] >> ((off & 3) * 8);
}

static void reg_put(uint32_t *regs, size_t nregs, uint64_t off, unsigned size, uint64_t val)
{
	size_t i = (size_t)(off / 4);

	if (i >= nregs)
		return;
	if (size >= 4) {
		regs[i] = (uint32_t)val;
		if (size == 8 && i + 1 < nregs)
			regs[i + 1] = (uint32_t)(val >> 32);
		return;
	}
	/* Byte/halfword writes (GICD_IPRIORITYR, ITARGETSR): merge. */
	unsigned sh = (unsigned)(off & 3) * 8;
	uint32_t mask = (size == 1 ? 0xFFU : 0xFFFFU) << sh;

	regs[i] = (regs[i] & ~mask) | (((uint32_t)val << sh) & mask);
}

uint64_t gicd_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	struct cpu_devs *d = opaque;

	switch (off) {
	case GICD_CTLR:
		return d->gicd->ctlr & ~GICD_CTLR_RWP; /* writes complete at once */
	case GICD_TYPER:
		return GICD_TYPER_VAL;
	case GICD_IIDR:
		return GIC_IIDR_ARM;
	case GICD_PIDR2:
		return GIC_PIDR2_V3;
	default:
		return reg_get(d->gicd->regs, GICD_SIZE / 4, off, size);
	}
}

void gicd_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque)
{
	struct cpu_devs *d = opaque;

	if (off == GICD_CTLR) {
		d->gicd->ctlr = (uint32_t)val;
		return;
	}
	if (off == GICD_TYPER || off == GICD_IIDR || off == GICD_PIDR2)
		return;
	reg_put(d->gicd->regs, GICD_SIZE / 4, off, size, val);
}

uint64_t gicr_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	struct cpu_devs *d = opaque;
	uint64_t n = off / GICR_FRAME;
	uint64_t o = off % GICR_FRAME;
	struct gicr *r;

	if (n >= d->gicr_frames)
		return 0;
	r = &d->gicr[n];
	switch (o) {
	case GICR_CTLR:
		return r->ctlr;
	case GICR_IIDR:
		return GIC_IIDR_ARM;
	case GICR_TYPER: {
		/* Processor_Number = n, Affinity = n (Aff0), Last on the final frame. */
		uint64_t t = (n << 8) | (n << 32);

		if (n + 1 == d->gicr_frames)
			t |= GICR_TYPER_LAST;
		return size == 8 ? t : (uint32_t)t;
	}
	case GICR_TYPER_HI:
		return (uint32_t)n;
	case GICR_WAKER:
		return r->waker;
	case GICR_PIDR2:
		return GIC_PIDR2_V3;
	default:
		return reg_get(r->regs, GICR_FRAME / 4, o, size);
	}
}

void gicr_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque)
{
	struct cpu_devs *d = opaque;
	uint64_t n = off / GICR_FRAME;
	uint64_t o = off % GICR_FRAME;
	struct gicr *r;

	if (n >= d->gicr_frames)
		return;
	r = &d->gicr[n];
	switch (o) {
	case GICR_CTLR:
		r->ctlr = (uint32_t)val;
		return;
	case GICR_WAKER:
		/* Waking the PE: ChildrenAsleep follows ProcessorSleep at once. */
		r->waker = (uint32_t)val & GICR_WAKER_PS;
		if (r->waker & GICR_WAKER_PS)
			r->waker |= GICR_WAKER_CA;
		return;
	case GICR_IIDR:
	case GICR_TYPER:
	case GICR_TYPER_HI:
	case GICR_PIDR2:
		return;
	default:
		reg_put(r->regs, GICR_FRAME / 4, o, size, val);
	}
}
