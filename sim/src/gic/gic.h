/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim_gic: a pure GICv3 model (Arm IHI 0069) for N PEs, no LPIs, 256
 * INTIDs: the distributor (SPIs: enable, pending, active, priority, group,
 * configuration, IROUTER), one redistributor per PE (SGIs/PPIs, WAKER) and
 * each PE's CPU interface (ICC_* registers, running priority, preemption,
 * binary points, EOImode). It knows nothing of Unicorn: the simulator
 * forwards MMIO and system-register accesses and asks gic_signal() whether
 * a PE has an IRQ or FIQ to take.
 *
 * Security: with @ds = false the model is the Non-secure view of a GIC with
 * GICD_CTLR.DS = 0 as TF-A leaves it (docs/platform.md): every interrupt is
 * Group 1 Non-secure, IGROUPR/IGRPMODR are RAZ/WI, ARE_NS reads 1.
 * With @ds = true (single security state) Group 0 is usable and signals FIQ.
 */
#ifndef SIM_GIC_H
#define SIM_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_MAX_PE 8U
#define GIC_NUM_INTID 256U       /* GICD_TYPER.ITLinesNumber = 7 */
#define GIC_INTID_SPURIOUS 1023U
#define GIC_PRIO_MASK 0xF8U       /* 5 bits of priority (ICC_CTLR.PRIbits = 4) */
#define GIC_FRAME_SIZE 0x20000U   /* RD_base + SGI_base of one redistributor */
#define GIC_DIST_SIZE 0x10000U

/* What a PE's CPU interface signals (bit mask). */
#define GIC_SIG_IRQ 1U
#define GIC_SIG_FIQ 2U

/* System register encoding op0:op1:CRn:CRm:op2 as in MRS/MSR bits [20:5]. */
#define GIC_SYS_ENC(o0, o1, n, m, o2) \
	((((o0) & 3U) << 14) | ((o1) << 11) | ((n) << 7) | ((m) << 3) | (o2))

struct gic_pe_stats {
	uint64_t raised;      /* pending set: edge, level rising, SGI, ISPENDR */
	uint64_t acked;       /* IAR returned a valid INTID */
	uint64_t eoied;       /* EOIR with an active priority to drop */
	uint64_t sgis_sent;
};

struct gic_pe {
	/* Redistributor: SGIs 0..15 and PPIs 16..31. */
	uint32_t enable, pend_latch, level, active, group, cfg1;
	uint8_t prio[32];
	uint32_t waker, rctlr;
	/* CPU interface. */
	uint8_t pmr, bpr0, bpr1;
	bool eoimode, cbpr, igrpen0, igrpen1;
	uint64_t sre_el1, sre_el2;
	uint32_t apr[2];      /* ICC_AP0R0/AP1R0: bit n = active group priority n << 3 */
	uint64_t aff;         /* MPIDR Aff3 [39:32], Aff2..Aff0 [23:0]; reset: 0.0.0.pe */
	struct gic_pe_stats stats;
};

struct gic {
	unsigned num_pe;
	bool ds;
	bool en_grp0, en_grp1;     /* GICD_CTLR.EnableGrp0 / EnableGrp1NS */
	/* Distributor: index = INTID; words/entries below 32 unused (banked). */
	uint32_t enable[GIC_NUM_INTID / 32], pend_latch[GIC_NUM_INTID / 32];
	uint32_t level[GIC_NUM_INTID / 32], active[GIC_NUM_INTID / 32];
	uint32_t group[GIC_NUM_INTID / 32], cfg_edge[GIC_NUM_INTID / 32];
	uint8_t prio[GIC_NUM_INTID];
	uint64_t irouter[GIC_NUM_INTID];
	struct gic_pe pe[GIC_MAX_PE];
	/* Bumped on every change that may alter what is signalled. */
	uint64_t generation;
};

/* Firmware-initialised state (TF-A's gicv3_distif_init / rdistif_init / cpuif_enable). */
void gic_reset(struct gic *g, unsigned num_pe, bool ds);

/* issue 13: the MPIDR affinity of @pe (SGI targets, IROUTER, GICR_TYPER), after reset. */
void gic_set_affinity(struct gic *g, unsigned pe, uint64_t aff);

uint64_t gic_dist_read(struct gic *g, uint64_t off, unsigned size);
void gic_dist_write(struct gic *g, uint64_t off, unsigned size, uint64_t val);
/* @off within the redistributor region: frame = off / GIC_FRAME_SIZE = PE. */
uint64_t gic_redist_read(struct gic *g, uint64_t off, unsigned size);
void gic_redist_write(struct gic *g, uint64_t off, unsigned size, uint64_t val);

/* ICC_* system registers of @pe; false = not a register of the CPU interface. */
bool gic_icc_read(struct gic *g, unsigned pe, unsigned enc, uint64_t *val);
bool gic_icc_write(struct gic *g, unsigned pe, unsigned enc, uint64_t val);

/* Interrupt inputs: a PPI of @pe (16..31) or an SPI (32..255) follows @level. */
void gic_set_level(struct gic *g, unsigned pe, unsigned intid, bool level);
/* An edge on @intid (SGI of @pe, PPI or SPI): sets it pending. */
void gic_pulse(struct gic *g, unsigned pe, unsigned intid);

/* GIC_SIG_IRQ / GIC_SIG_FIQ the CPU interface of @pe asserts now. */
unsigned gic_signal(const struct gic *g, unsigned pe);
/* ICC_RPR: the running priority of @pe (0xFF = idle). */
uint8_t gic_running_priority(const struct gic *g, unsigned pe);

#endif /* SIM_GIC_H */
