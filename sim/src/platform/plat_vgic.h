/* SPDX-License-Identifier: BSD-3-Clause */
/* The PE's GICv3 virtual CPU interface for a running realm (plat_vgic.c). */
#ifndef PLAT_VGIC_H
#define PLAT_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#include "rmm_plat.h"

/* A Group 1 virtual interrupt could be taken now if PSTATE.I allowed it. */
bool vgic_irq_pending(const struct rmm_gic_state *g);
/* Takes the highest-priority deliverable interrupt as an IRQ exception; false if none. */
bool vgic_deliver(const struct rmm_gic_state *g, struct rmm_vcpu_regs *r);
/*
 * A trapped MSR/MRS (ESR_EL2 @esr) of an ICV_* register: emulated, PC
 * advanced, true. False: not a virtual CPU interface access (the RMM's).
 */
bool vgic_sysreg(struct rmm_gic_state *g, struct rmm_vcpu_regs *r, uint64_t esr);
/* ICH_MISR_EL2 from the current state (psci-and-exits.md §4). */
void vgic_update_misr(struct rmm_gic_state *g);

#endif /* PLAT_VGIC_H */
