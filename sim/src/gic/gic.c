/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GICv3 interrupt state and the CPU interface (Arm IHI 0069 ch. 4 "Physical
 * interrupt handling and prioritization", ch. 12 ICC_* registers):
 * highest priority pending interrupt, priority mask, running priority from
 * the active priority registers, preemption by group priority (binary
 * point), acknowledge, priority drop and deactivation (EOImode), SGIs.
 */
#include <string.h>

#include "gic_private.h"

enum icc_enc {
	ICC_PMR = GIC_SYS_ENC(3, 0, 4, 6, 0),
	ICC_IAR0 = GIC_SYS_ENC(3, 0, 12, 8, 0),
	ICC_EOIR0 = GIC_SYS_ENC(3, 0, 12, 8, 1),
	ICC_HPPIR0 = GIC_SYS_ENC(3, 0, 12, 8, 2),
	ICC_BPR0 = GIC_SYS_ENC(3, 0, 12, 8, 3),
	ICC_AP0R0 = GIC_SYS_ENC(3, 0, 12, 8, 4),
	ICC_AP0R3 = GIC_SYS_ENC(3, 0, 12, 8, 7),
	ICC_AP1R0 = GIC_SYS_ENC(3, 0, 12, 9, 0),
	ICC_AP1R3 = GIC_SYS_ENC(3, 0, 12, 9, 3),
	ICC_DIR = GIC_SYS_ENC(3, 0, 12, 11, 1),
	ICC_RPR = GIC_SYS_ENC(3, 0, 12, 11, 3),
	ICC_SGI1R = GIC_SYS_ENC(3, 0, 12, 11, 5),
	ICC_ASGI1R = GIC_SYS_ENC(3, 0, 12, 11, 6),
	ICC_SGI0R = GIC_SYS_ENC(3, 0, 12, 11, 7),
	ICC_IAR1 = GIC_SYS_ENC(3, 0, 12, 12, 0),
	ICC_EOIR1 = GIC_SYS_ENC(3, 0, 12, 12, 1),
	ICC_HPPIR1 = GIC_SYS_ENC(3, 0, 12, 12, 2),
	ICC_BPR1 = GIC_SYS_ENC(3, 0, 12, 12, 3),
	ICC_CTLR = GIC_SYS_ENC(3, 0, 12, 12, 4),
	ICC_SRE = GIC_SYS_ENC(3, 0, 12, 12, 5),
	ICC_IGRPEN0 = GIC_SYS_ENC(3, 0, 12, 12, 6),
	ICC_IGRPEN1 = GIC_SYS_ENC(3, 0, 12, 12, 7),
	ICC_SRE_EL2 = GIC_SYS_ENC(3, 4, 12, 9, 5),
};

#define ICC_SRE_BITS 0x7ULL            /* SRE | DFB | DIB: system registers only */
#define ICC_SRE_EL2_ENABLE (1ULL << 3)
#define ICC_CTLR_CBPR 1ULL
#define ICC_CTLR_EOIMODE 2ULL
/* PRIbits = 4 (5 bits), IDbits = 0 (16 bits), A3V = 1: read-only fields. */
#define ICC_CTLR_RO ((4ULL << 8) | (1ULL << 15))
#define BPR0_MIN 2U                   /* 5 priority bits: group priority [7:3] */
#define BPR1_MIN 3U
#define TF_A_PRIO 0x80U               /* TF-A's default priority of NS interrupts */

void gic_reset(struct gic *g, unsigned num_pe, bool ds)
{
	memset(g, 0, sizeof(*g));
	g->num_pe = num_pe == 0 ? 1 : (num_pe > GIC_MAX_PE ? GIC_MAX_PE : num_pe);
	g->ds = ds;
	/*
	 * As TF-A's gicv3_distif_init / spis_config_defaults leave it: all
	 * SPIs Group 1 Non-secure, level-sensitive, priority 0x80, routed to
	 * PE 0; the distributor's groups enabled by EL3 (Group 1 NS is the
	 * NS host's to enable). ARE_NS is set (read back as 1).
	 */
	for (unsigned w = 1; w < GIC_NUM_INTID / 32; w++)
		g->group[w] = ~0U;
	for (unsigned i = 32; i < GIC_NUM_INTID; i++)
		g->prio[i] = TF_A_PRIO;
	g->en_grp0 = !ds;
	for (unsigned p = 0; p < g->num_pe; p++) {
		struct gic_pe *c = &g->pe[p];

		/* rdistif_init: SGIs/PPIs Group 1 NS, 0x80; gicv3_rdistif_on: awake. */
		c->group = ~0U;
		c->aff = p;
		memset(c->prio, TF_A_PRIO, sizeof(c->prio));
		c->waker = 0;
		/* cpuif_enable: PMR = 0xFF (GIC_PRI_MASK), SRE at EL3/EL2 set, Enable for EL2. */
		c->pmr = 0xFF & GIC_PRIO_MASK;
		c->bpr0 = BPR0_MIN;
		c->bpr1 = BPR1_MIN;
		c->sre_el1 = ICC_SRE_BITS;
		c->sre_el2 = ICC_SRE_BITS | ICC_SRE_EL2_ENABLE;
	}
}

uint32_t gic_pending_word(const struct gic *g, unsigned pe, unsigned word)
{
	uint32_t latch = word == 0 ? g->pe[pe].pend_latch : g->pend_latch[word];
	uint32_t level = word == 0 ? g->pe[pe].level : g->level[word];

	return latch | (level & ~gic_edge_word(g, pe, word));
}

void gic_set_pending(struct gic *g, unsigned pe, unsigned word, uint32_t bits)
{
	uint32_t before = gic_pending_word(g, pe, word);
	uint32_t *latch = word == 0 ? &g->pe[pe].pend_latch : &g->pend_latch[word];

	*latch |= bits;
	g->pe[pe].stats.raised += (unsigned)__builtin_popcount(bits & ~before);
	g->generation++;
}

bool gic_spi_targets(const struct gic *g, unsigned id, unsigned pe)
{
	uint64_t r = g->irouter[id];

	if (r & (1ULL << 31))
		return true;     /* IRM: 1 of N, the first PE to acknowledge wins */
	return (r & 0xFF00FFFFFFULL) == g->pe[pe].aff;   /* Aff3.Aff2.Aff1.Aff0 of @pe */
}

static unsigned group_of(const struct gic *g, unsigned pe, unsigned id)
{
	uint32_t w = id < 32 ? g->pe[pe].group : g->group[id / 32];

	return (w >> (id % 32)) & 1U;
}

/* Group priority of @prio for group @grp (IHI 0069 4.8.3: the binary point). */
static uint8_t group_prio(const struct gic_pe *c, unsigned grp, uint8_t prio)
{
	unsigned bpr = grp == 0 || c->cbpr ? c->bpr0 + 1U : c->bpr1;

	return (uint8_t)(prio & (0xFFU << bpr));
}

uint8_t gic_running_priority(const struct gic *g, unsigned pe)
{
	uint32_t a = g->pe[pe].apr[0] | g->pe[pe].apr[1];

	return a ? (uint8_t)(__builtin_ctz(a) << 3) : 0xFF;
}

/*
 * Highest priority pending interrupt of @pe among groups @grp_mask (bit 0
 * = group 0, bit 1 = group 1) that the distributor forwards: enabled,
 * pending, not active. Lowest INTID wins a tie. False = none.
 */
static bool hppi(const struct gic *g, unsigned pe, unsigned grp_mask, unsigned *id_out,
		 uint8_t *prio_out)
{
	bool found = false;
	uint8_t best = 0xFF;

	for (unsigned w = 0; w < GIC_NUM_INTID / 32; w++) {
		uint32_t en = w == 0 ? g->pe[pe].enable : g->enable[w];
		uint32_t act = w == 0 ? g->pe[pe].active : g->active[w];
		uint32_t cand = gic_pending_word(g, pe, w) & en & ~act;

		while (cand) {
			unsigned b = (unsigned)__builtin_ctz(cand);
			unsigned id = w * 32 + b;
			unsigned grp = group_of(g, pe, id);
			uint8_t p = w == 0 ? g->pe[pe].prio[id] : g->prio[id];

			cand &= cand - 1;
			if (!((grp_mask >> grp) & 1U) || !(grp ? g->en_grp1 : g->en_grp0))
				continue;
			if (w != 0 && !gic_spi_targets(g, id, pe))
				continue;
			if (!found || p < best) {
				found = true;
				best = p;
				*id_out = id;
			}
		}
	}
	*prio_out = best;
	return found;
}

/* Would the CPU interface signal an interrupt of priority @p, group @grp? */
static bool can_signal(const struct gic *g, unsigned pe, unsigned grp, uint8_t p)
{
	const struct gic_pe *c = &g->pe[pe];

	if (!(grp ? c->igrpen1 : c->igrpen0))
		return false;
	return p < c->pmr && group_prio(c, grp, p) < gic_running_priority(g, pe);
}

static unsigned enabled_groups(const struct gic *g, unsigned pe)
{
	return (g->pe[pe].igrpen0 ? 1U : 0U) | (g->pe[pe].igrpen1 ? 2U : 0U);
}

unsigned gic_signal(const struct gic *g, unsigned pe)
{
	unsigned id;
	uint8_t p;

	if (pe >= g->num_pe || !hppi(g, pe, enabled_groups(g, pe), &id, &p))
		return 0;
	if (!can_signal(g, pe, group_of(g, pe, id), p))
		return 0;
	/* Group 0 is FIQ; Group 1 of the current (Non-secure) state is IRQ. */
	return group_of(g, pe, id) ? GIC_SIG_IRQ : GIC_SIG_FIQ;
}

/* ICC_IARn: acknowledge the highest priority pending interrupt of group @grp. */
static uint64_t acknowledge(struct gic *g, unsigned pe, unsigned grp)
{
	struct gic_pe *c = &g->pe[pe];
	unsigned id, bit;
	uint8_t p;

	if (!hppi(g, pe, enabled_groups(g, pe), &id, &p) || group_of(g, pe, id) != grp ||
	    !can_signal(g, pe, grp, p))
		return GIC_INTID_SPURIOUS;
	bit = id % 32;
	*gic_w_latch(g, pe, id) &= ~(1U << bit);
	*gic_w_active(g, pe, id) |= 1U << bit;
	c->apr[grp] |= 1U << (group_prio(c, grp, p) >> 3);
	c->stats.acked++;
	g->generation++;
	return id;
}

static void deactivate(struct gic *g, unsigned pe, uint64_t id)
{
	if (id >= GIC_NUM_INTID)
		return;
	*gic_w_active(g, pe, (unsigned)id) &= ~(1U << (id % 32));
	g->generation++;
}

/* ICC_EOIRn: drop the running priority, and deactivate unless EOImode = 1. */
static void end_of_interrupt(struct gic *g, unsigned pe, unsigned grp, uint64_t id)
{
	struct gic_pe *c = &g->pe[pe];
	uint32_t all = c->apr[0] | c->apr[1];

	id &= 0xFFFFFFU;
	if (id >= 1020 && id <= 1023)
		return;
	if (all) {
		uint32_t low = all & -all;

		/* The highest active priority is dropped (IHI 0069 4.1.1). */
		if (c->apr[grp] & low)
			c->apr[grp] &= ~low;
		else
			c->apr[grp ^ 1U] &= ~low;
		c->stats.eoied++;
	}
	if (!c->eoimode)
		deactivate(g, pe, id);
	g->generation++;
}

/* ICC_SGI0R/SGI1R (IHI 0069 12.2.21): TargetList, Aff1-3, RS, IRM, INTID. */
static void generate_sgi(struct gic *g, unsigned from, unsigned grp, uint64_t v)
{
	unsigned intid = (unsigned)(v >> 24) & 0xF;
	unsigned rs = (unsigned)(v >> 44) & 0xF;
	uint32_t targets = (uint32_t)v & 0xFFFF;
	bool irm = (v >> 40) & 1;
	/* Aff3.Aff2.Aff1 of the targets, in MPIDR layout. */
	uint64_t aff321 = (((v >> 48) & 0xFF) << 32) | (((v >> 32) & 0xFF) << 16) |
			  (((v >> 16) & 0xFF) << 8);

	g->pe[from].stats.sgis_sent++;
	for (unsigned p = 0; p < g->num_pe; p++) {
		unsigned aff0 = (unsigned)(g->pe[p].aff & 0xFF);
		bool hit = irm ? p != from :
				 (g->pe[p].aff & ~0xFFULL) == aff321 && aff0 / 16 == rs &&
					 ((targets >> (aff0 % 16)) & 1U);

		/* An SGI is generated only if its group matches the register used. */
		if (hit && group_of(g, p, intid) == grp)
			gic_set_pending(g, p, 0, 1U << intid);
	}
}

void gic_set_affinity(struct gic *g, unsigned pe, uint64_t aff)
{
	if (pe < g->num_pe)
		g->pe[pe].aff = aff & 0xFF00FFFFFFULL;
}

void gic_set_level(struct gic *g, unsigned pe, unsigned intid, bool level)
{
	uint32_t bit, *lv;
	unsigned w = intid / 32;

	if (intid < 16 || intid >= GIC_NUM_INTID || pe >= g->num_pe)
		return;
	bit = 1U << (intid % 32);
	lv = gic_w_level(g, pe, intid);
	if (!!(*lv & bit) == level)
		return;
	if (level) {
		uint32_t before = gic_pending_word(g, pe, w);

		*lv |= bit;
		if (gic_edge_word(g, pe, w) & bit)
			*gic_w_latch(g, pe, intid) |= bit;   /* rising edge */
		if (!(before & bit))
			g->pe[pe].stats.raised++;
	} else {
		*lv &= ~bit;
	}
	g->generation++;
}

void gic_pulse(struct gic *g, unsigned pe, unsigned intid)
{
	if (intid >= GIC_NUM_INTID || pe >= g->num_pe)
		return;
	gic_set_pending(g, pe, intid / 32, 1U << (intid % 32));
}

bool gic_icc_read(struct gic *g, unsigned pe, unsigned enc, uint64_t *v)
{
	struct gic_pe *c = &g->pe[pe];
	unsigned id;
	uint8_t p;

	if (enc >= ICC_AP0R0 + 1 && enc <= ICC_AP0R3) {
		*v = 0;     /* AP0R1-3 exist only with more priority bits */
		return true;
	}
	if (enc >= ICC_AP1R0 + 1 && enc <= ICC_AP1R3) {
		*v = 0;
		return true;
	}
	switch ((enum icc_enc)enc) {
	case ICC_PMR:
		*v = c->pmr;
		return true;
	case ICC_IAR0:
		*v = g->ds ? acknowledge(g, pe, 0) : GIC_INTID_SPURIOUS;
		return true;
	case ICC_IAR1:
		*v = acknowledge(g, pe, 1);
		return true;
	case ICC_HPPIR0:
	case ICC_HPPIR1: {
		unsigned grp = enc == ICC_HPPIR0 ? 0U : 1U;

		*v = hppi(g, pe, 1U << grp, &id, &p) ? id : GIC_INTID_SPURIOUS;
		return true;
	}
	case ICC_BPR0:
		*v = c->bpr0;
		return true;
	case ICC_BPR1:
		*v = c->cbpr ? c->bpr0 + 1U : c->bpr1;
		return true;
	case ICC_AP0R0:
		*v = c->apr[0];
		return true;
	case ICC_AP1R0:
		*v = c->apr[1];
		return true;
	case ICC_RPR:
		*v = gic_running_priority(g, pe);
		return true;
	case ICC_CTLR:
		*v = (c->cbpr ? ICC_CTLR_CBPR : 0) | (c->eoimode ? ICC_CTLR_EOIMODE : 0) |
		     ICC_CTLR_RO;
		return true;
	case ICC_SRE:
		*v = c->sre_el1;
		return true;
	case ICC_SRE_EL2:
		*v = c->sre_el2;
		return true;
	case ICC_IGRPEN0:
		*v = c->igrpen0;
		return true;
	case ICC_IGRPEN1:
		*v = c->igrpen1;
		return true;
	case ICC_EOIR0:
	case ICC_EOIR1:
	case ICC_DIR:
	case ICC_SGI0R:
	case ICC_SGI1R:
	case ICC_ASGI1R:
	case ICC_AP0R3:
	case ICC_AP1R3:
		*v = 0;     /* write-only (AP*R3 handled above) */
		return true;
	}
	return false;
}

bool gic_icc_write(struct gic *g, unsigned pe, unsigned enc, uint64_t v)
{
	struct gic_pe *c = &g->pe[pe];

	if ((enc > ICC_AP0R0 && enc <= ICC_AP0R3) || (enc > ICC_AP1R0 && enc <= ICC_AP1R3))
		return true;
	switch ((enum icc_enc)enc) {
	case ICC_PMR:
		c->pmr = (uint8_t)(v & GIC_PRIO_MASK);
		break;
	case ICC_BPR0:
		c->bpr0 = (uint8_t)((v & 7) < BPR0_MIN ? BPR0_MIN : (v & 7));
		break;
	case ICC_BPR1:
		if (!c->cbpr)
			c->bpr1 = (uint8_t)((v & 7) < BPR1_MIN ? BPR1_MIN : (v & 7));
		break;
	case ICC_AP0R0:
		c->apr[0] = (uint32_t)v;
		break;
	case ICC_AP1R0:
		c->apr[1] = (uint32_t)v;
		break;
	case ICC_CTLR:
		c->cbpr = v & ICC_CTLR_CBPR;
		c->eoimode = v & ICC_CTLR_EOIMODE;
		break;
	case ICC_SRE:
		break;      /* SRE/DFB/DIB are RAO/WI: system registers only */
	case ICC_SRE_EL2:
		c->sre_el2 = ICC_SRE_BITS | (v & ICC_SRE_EL2_ENABLE);
		break;
	case ICC_IGRPEN0:
		c->igrpen0 = g->ds && (v & 1);   /* Secure's when DS = 0: RAZ/WI */
		break;
	case ICC_IGRPEN1:
		c->igrpen1 = v & 1;
		break;
	case ICC_EOIR0:
		end_of_interrupt(g, pe, 0, v);
		break;
	case ICC_EOIR1:
		end_of_interrupt(g, pe, 1, v);
		break;
	case ICC_DIR:
		if (c->eoimode)
			deactivate(g, pe, v & 0xFFFFFFU);
		break;
	case ICC_SGI0R:
		if (g->ds)
			generate_sgi(g, pe, 0, v);
		break;
	case ICC_SGI1R:
		generate_sgi(g, pe, 1, v);
		break;
	case ICC_ASGI1R:
		break;      /* Group 1 of the other Security state: none modelled */
	case ICC_IAR0:
	case ICC_IAR1:
	case ICC_HPPIR0:
	case ICC_HPPIR1:
	case ICC_RPR:
	case ICC_AP0R3:
	case ICC_AP1R3:
		return true; /* read-only: writes ignored */
	default:
		return false;
	}
	g->generation++;
	return true;
}
