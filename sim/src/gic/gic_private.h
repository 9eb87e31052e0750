/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals of sim_gic shared by gic.c (state, priority logic) and gic_mmio.c. */
#ifndef SIM_GIC_PRIVATE_H
#define SIM_GIC_PRIVATE_H

#include "gic.h"

/* Per-INTID state words: banked in the redistributor below 32. */
static inline uint32_t *gic_w_enable(struct gic *g, unsigned pe, unsigned id)
{
	return id < 32 ? &g->pe[pe].enable : &g->enable[id / 32];
}

static inline uint32_t *gic_w_latch(struct gic *g, unsigned pe, unsigned id)
{
	return id < 32 ? &g->pe[pe].pend_latch : &g->pend_latch[id / 32];
}

static inline uint32_t *gic_w_level(struct gic *g, unsigned pe, unsigned id)
{
	return id < 32 ? &g->pe[pe].level : &g->level[id / 32];
}

static inline uint32_t *gic_w_active(struct gic *g, unsigned pe, unsigned id)
{
	return id < 32 ? &g->pe[pe].active : &g->active[id / 32];
}

static inline uint32_t *gic_w_group(struct gic *g, unsigned pe, unsigned id)
{
	return id < 32 ? &g->pe[pe].group : &g->group[id / 32];
}

/* Edge-triggered bits (SGIs always are). */
static inline uint32_t gic_edge_word(const struct gic *g, unsigned pe, unsigned word)
{
	return word == 0 ? (0xFFFFU | g->pe[pe].cfg1) : g->cfg_edge[word];
}

static inline uint8_t *gic_prio(struct gic *g, unsigned pe, unsigned id)
{
	return id < 32 ? &g->pe[pe].prio[id] : &g->prio[id];
}

/* Pending bits of word @word: latched, or a level-sensitive input asserted. */
uint32_t gic_pending_word(const struct gic *g, unsigned pe, unsigned word);
/* Sets pending bits @bits of word @word (counted as raised when newly pending). */
void gic_set_pending(struct gic *g, unsigned pe, unsigned word, uint32_t bits);
/* Whether SPI @id is routed to @pe by GICD_IROUTER (IRM = 1: any PE). */
bool gic_spi_targets(const struct gic *g, unsigned id, unsigned pe);

#endif /* SIM_GIC_PRIVATE_H */
