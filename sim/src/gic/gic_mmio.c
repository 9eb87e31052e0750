/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GICv3 distributor and redistributor registers (IHI 0069 ch. 12.9/12.11)
 * over the sim_gic state. Affinity routing is on (ARE_NS = 1), so the
 * distributor's SGI/PPI words are RAZ/WI and GICD_ITARGETSR is RAZ/WI.
 */
#include "gic_private.h"

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0C00
#define GICD_IROUTER 0x6000
#define GIC_PIDR2 0xFFE8

#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_SGI_BASE 0x10000
#define GICR_WAKER_PS (1U << 1)
#define GICR_WAKER_CA (1U << 2)
#define GICR_TYPER_LAST (1ULL << 4)

#define GICD_CTLR_ARE_NS (1U << 4)
#define GICD_CTLR_DS (1U << 6)
#define GIC_IIDR_ARM 0x0300043BU   /* implementer Arm (0x43B), GIC-600-like */
#define GIC_PIDR2_V3 0x3BU         /* ArchRev 3 */
/* ITLinesNumber = 7 (256 INTIDs), IDbits = 9 (10-bit INTIDs), no LPIs. */
#define GICD_TYPER_VAL ((9U << 19) | 7U)
#define IROUTER_MASK 0xFF800000FFFFFFULL /* Aff3, IRM (bit 31 below), Aff2-0 */

enum bitreg { BR_GROUP, BR_ENABLE, BR_PEND, BR_ACTIVE };

/* One 32-bit word of a set/clear bit register pair, for INTIDs 32*w.. of @pe. */
static uint32_t bits_read(const struct gic *g, unsigned pe, unsigned w, enum bitreg r)
{
	switch (r) {
	case BR_GROUP:
		return g->ds ? (w == 0 ? g->pe[pe].group : g->group[w]) : 0; /* NS: RAZ/WI */
	case BR_ENABLE:
		return w == 0 ? g->pe[pe].enable : g->enable[w];
	case BR_PEND:
		return gic_pending_word(g, pe, w);
	case BR_ACTIVE:
		return w == 0 ? g->pe[pe].active : g->active[w];
	}
	return 0;
}

static void bits_write(struct gic *g, unsigned pe, unsigned w, enum bitreg r, uint32_t v,
		       bool set)
{
	unsigned id = w * 32;
	uint32_t *word;

	switch (r) {
	case BR_GROUP:
		if (!g->ds)
			return;
		*gic_w_group(g, pe, id) = v;
		break;
	case BR_ENABLE:
		word = gic_w_enable(g, pe, id);
		*word = set ? *word | v : *word & ~v;
		break;
	case BR_PEND:
		if (set) {
			gic_set_pending(g, pe, w, v);
		} else {
			word = gic_w_latch(g, pe, id);
			*word &= ~v;  /* a level-sensitive input still asserted stays pending */
		}
		break;
	case BR_ACTIVE:
		word = gic_w_active(g, pe, id);
		*word = set ? *word | v : *word & ~v;
		break;
	}
	g->generation++;
}

/* Decodes a bit register at @off of the [0x80, 0x400) block; false = not one. */
static bool bitreg_decode(uint64_t off, enum bitreg *r, bool *set, unsigned *w)
{
	static const struct {
		uint64_t base;
		enum bitreg r;
		bool set;
	} map[] = {
		{ GICD_IGROUPR, BR_GROUP, true },     { GICD_ISENABLER, BR_ENABLE, true },
		{ GICD_ICENABLER, BR_ENABLE, false }, { GICD_ISPENDR, BR_PEND, true },
		{ GICD_ICPENDR, BR_PEND, false },     { GICD_ISACTIVER, BR_ACTIVE, true },
		{ GICD_ICACTIVER, BR_ACTIVE, false },
	};

	for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (off >= map[i].base && off < map[i].base + 0x80) {
			*r = map[i].r;
			*set = map[i].set;
			*w = (unsigned)((off - map[i].base) / 4);
			return true;
		}
	}
	return false;
}

static uint64_t prio_read(struct gic *g, unsigned pe, unsigned id, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size && id + i < GIC_NUM_INTID; i++)
		v |= (uint64_t)*gic_prio(g, pe, id + i) << (8 * i);
	return v;
}

static void prio_write(struct gic *g, unsigned pe, unsigned id, unsigned size, uint64_t v)
{
	for (unsigned i = 0; i < size && id + i < GIC_NUM_INTID; i++)
		*gic_prio(g, pe, id + i) = (uint8_t)((v >> (8 * i)) & GIC_PRIO_MASK);
	g->generation++;
}

/* GICD_ICFGR / GICR_ICFGR1 word @k: 2 bits per INTID, bit 1 = edge. */
static uint32_t cfg_read(const struct gic *g, unsigned pe, unsigned k)
{
	uint32_t edge = gic_edge_word(g, pe, k / 2) >> ((k % 2) * 16);
	uint32_t v = 0;

	for (unsigned i = 0; i < 16; i++)
		if ((edge >> i) & 1U)
			v |= 2U << (2 * i);
	return v;
}

static void cfg_write(struct gic *g, unsigned pe, unsigned k, uint32_t v)
{
	uint32_t bits = 0, *edge;
	unsigned sh = (k % 2) * 16;

	if (k == 0)
		return;   /* SGIs: always edge-triggered */
	for (unsigned i = 0; i < 16; i++)
		if ((v >> (2 * i + 1)) & 1U)
			bits |= 1U << i;
	edge = k == 1 ? &g->pe[pe].cfg1 : &g->cfg_edge[k / 2];
	*edge = (*edge & ~(0xFFFFU << sh)) | (bits << sh);
	g->generation++;
}

uint64_t gic_dist_read(struct gic *g, uint64_t off, unsigned size)
{
	enum bitreg r;
	bool set;
	unsigned w;

	switch (off) {
	case GICD_CTLR:
		if (g->ds)
			return (g->en_grp0 ? 1U : 0U) | (g->en_grp1 ? 2U : 0U) | GICD_CTLR_ARE_NS |
			       GICD_CTLR_DS;
		/* Non-secure view: EnableGrp1NS (bit 0) and its alias EnableGrp1A (bit 1). */
		return (g->en_grp1 ? 3U : 0U) | GICD_CTLR_ARE_NS;
	case GICD_TYPER:
		return GICD_TYPER_VAL | ((g->num_pe - 1U) << 5);
	case GICD_IIDR:
		return GIC_IIDR_ARM;
	case GIC_PIDR2:
		return GIC_PIDR2_V3;
	default:
		break;
	}
	if (bitreg_decode(off, &r, &set, &w))
		return w == 0 || w >= GIC_NUM_INTID / 32 ? 0 : bits_read(g, 0, w, r);
	if (off >= GICD_IPRIORITYR + 32 && off < GICD_IPRIORITYR + GIC_NUM_INTID)
		return prio_read(g, 0, (unsigned)(off - GICD_IPRIORITYR), size);
	if (off >= GICD_ICFGR + 8 && off < GICD_ICFGR + GIC_NUM_INTID / 4)
		return cfg_read(g, 0, (unsigned)(off - GICD_ICFGR) / 4);
	if (off >= GICD_IROUTER + 32 * 8 && off < GICD_IROUTER + GIC_NUM_INTID * 8) {
		uint64_t v = g->irouter[(off - GICD_IROUTER) / 8];

		return (off & 4) ? v >> 32 : (size == 8 ? v : (uint32_t)v);
	}
	return 0;   /* reserved, ITARGETSR (ARE), IGRPMODR (Secure): RAZ */
}

void gic_dist_write(struct gic *g, uint64_t off, unsigned size, uint64_t val)
{
	enum bitreg r;
	bool set;
	unsigned w;

	if (off == GICD_CTLR) {
		if (g->ds) {
			g->en_grp0 = val & 1U;
			g->en_grp1 = val & 2U;
		} else {
			g->en_grp1 = val & 3U;
		}
		g->generation++;
		return;
	}
	if (bitreg_decode(off, &r, &set, &w)) {
		if (w != 0 && w < GIC_NUM_INTID / 32)
			bits_write(g, 0, w, r, (uint32_t)val, set);
		return;
	}
	if (off >= GICD_IPRIORITYR + 32 && off < GICD_IPRIORITYR + GIC_NUM_INTID) {
		prio_write(g, 0, (unsigned)(off - GICD_IPRIORITYR), size, val);
		return;
	}
	if (off >= GICD_ICFGR + 8 && off < GICD_ICFGR + GIC_NUM_INTID / 4) {
		cfg_write(g, 0, (unsigned)(off - GICD_ICFGR) / 4, (uint32_t)val);
		return;
	}
	if (off >= GICD_IROUTER + 32 * 8 && off < GICD_IROUTER + GIC_NUM_INTID * 8) {
		uint64_t *rt = &g->irouter[(off - GICD_IROUTER) / 8];

		if (size == 8)
			*rt = val;
		else if (off & 4)
			*rt = (*rt & 0xFFFFFFFFULL) | (val << 32);
		else
			*rt = (*rt & ~0xFFFFFFFFULL) | (uint32_t)val;
		*rt &= IROUTER_MASK | (1ULL << 31);
		g->generation++;
	}
}

uint64_t gic_redist_read(struct gic *g, uint64_t off, unsigned size)
{
	unsigned pe = (unsigned)(off / GIC_FRAME_SIZE);
	uint64_t o = off % GIC_FRAME_SIZE;
	enum bitreg r;
	bool set;
	unsigned w;

	if (pe >= g->num_pe)
		return 0;
	switch (o) {
	case GICR_CTLR:
		return g->pe[pe].rctlr;
	case GICR_IIDR:
		return GIC_IIDR_ARM;
	case GICR_TYPER: {
		/* Processor_Number = pe, Affinity = Aff3.Aff2.Aff1.Aff0, Last on the final frame. */
		uint64_t a = g->pe[pe].aff;
		uint64_t t = ((uint64_t)pe << 8) | ((((a >> 8) & 0xFF000000ULL) | (a & 0xFFFFFFULL)) << 32);

		if (pe + 1 == g->num_pe)
			t |= GICR_TYPER_LAST;
		return size == 8 ? t : (uint32_t)t;
	}
	case GICR_TYPER + 4: {
		uint64_t a = g->pe[pe].aff;

		return ((a >> 8) & 0xFF000000ULL) | (a & 0xFFFFFFULL);
	}
	case GICR_WAKER:
		return g->pe[pe].waker;
	case GIC_PIDR2:
	case GICR_SGI_BASE + GIC_PIDR2:
		return GIC_PIDR2_V3;
	default:
		break;
	}
	if (o < GICR_SGI_BASE)
		return 0;
	o -= GICR_SGI_BASE;
	if (bitreg_decode(o, &r, &set, &w))
		return w == 0 ? bits_read(g, pe, 0, r) : 0;
	if (o >= GICD_IPRIORITYR && o < GICD_IPRIORITYR + 32)
		return prio_read(g, pe, (unsigned)(o - GICD_IPRIORITYR), size);
	if (o == GICD_ICFGR || o == GICD_ICFGR + 4)
		return cfg_read(g, pe, (unsigned)(o - GICD_ICFGR) / 4);
	return 0;
}

void gic_redist_write(struct gic *g, uint64_t off, unsigned size, uint64_t val)
{
	unsigned pe = (unsigned)(off / GIC_FRAME_SIZE);
	uint64_t o = off % GIC_FRAME_SIZE;
	enum bitreg r;
	bool set;
	unsigned w;

	if (pe >= g->num_pe)
		return;
	if (o == GICR_CTLR) {
		g->pe[pe].rctlr = (uint32_t)val & 0x7U;
		return;
	}
	if (o == GICR_WAKER) {
		/* ChildrenAsleep follows ProcessorSleep at once (no LPI state to save). */
		g->pe[pe].waker = (uint32_t)val & GICR_WAKER_PS;
		if (g->pe[pe].waker)
			g->pe[pe].waker |= GICR_WAKER_CA;
		return;
	}
	if (o < GICR_SGI_BASE)
		return;
	o -= GICR_SGI_BASE;
	if (bitreg_decode(o, &r, &set, &w)) {
		if (w == 0)
			bits_write(g, pe, 0, r, (uint32_t)val, set);
		return;
	}
	if (o >= GICD_IPRIORITYR && o < GICD_IPRIORITYR + 32)
		prio_write(g, pe, (unsigned)(o - GICD_IPRIORITYR), size, val);
	else if (o == GICD_ICFGR + 4)
		cfg_write(g, pe, 1, (uint32_t)val);
}
