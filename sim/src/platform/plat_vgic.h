/* SPDX-License-Identifier: BSD-3-Clause */
/* The PE's GICv3 virtual CPU interface for a running realm (plat_vgic.c). */
#ifndef PLAT_VGIC_H
#define PLAT_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#include "rmm_plat.h"

enum vgic_signal {
	VGIC_NONE = 0,    /* no virtual interrupt to signal */
	VGIC_TAKEN = 1,   /* the realm took one: IRQ (Group 1) or FIQ (Group 0) entered in @r */
	VGIC_MASKED = 2,  /* one is signalled but PSTATE.I / PSTATE.F masks it */
};

/* Signals the highest-priority deliverable interrupt: taken as an IRQ exception if unmasked. */
enum vgic_signal vgic_deliver(const struct rmm_gic_state *g, struct rmm_vcpu_regs *r);
/*
 * A trapped MSR/MRS (ESR_EL2 @esr) of an ICV_* register: emulated, PC
 * advanced, true. False: not a virtual CPU interface access (the RMM's).
 */
bool vgic_sysreg(struct rmm_gic_state *g, struct rmm_vcpu_regs *r, uint64_t esr);
/* ICH_MISR_EL2 from the current state (psci-and-exits.md §4). */
void vgic_update_misr(struct rmm_gic_state *g);

#endif /* PLAT_VGIC_H */
