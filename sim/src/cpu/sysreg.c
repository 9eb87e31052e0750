/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GICv3 CPU interface (ICC_*, ICH_VTR/HCR) system registers. Unicorn
 * 2.0.1 does not implement them: MRS/MSR raise an undefined-instruction
 * interrupt, which hooks.c hands here with the instruction word. We decode
 * the system-register move (Arm ARM C5.2: op0, op1, CRn, CRm, op2, Rt) and
 * hand ICC_* to the sim_gic CPU interface of this PE (cpu->pe); the caller steps PC past
 * it. A write may unmask or generate an interrupt: the next block boundary
 * stops the engine so the run loop evaluates it.
 */
#include "cpu_private.h"

#define ICH_HCR_EL2 GIC_SYS_ENC(3, 4, 12, 11, 0)
#define ICH_VTR_EL2 GIC_SYS_ENC(3, 4, 12, 11, 1)
/* ICH_VTR_EL2: ListRegs = 3 (4 LRs), PREbits = PRIbits = 4 (5 bits). */
#define ICH_VTR_VAL ((4ULL << 29) | (4ULL << 26) | 3ULL)

static bool ich_access(unsigned enc, bool is_read, uint64_t *v)
{
	if (enc == ICH_VTR_EL2) {
		if (is_read)
			*v = ICH_VTR_VAL;
		return true;
	}
	if (enc == ICH_HCR_EL2) {
		if (is_read)
			*v = 0;  /* the host runs no virtual CPU interface of its own */
		return true;
	}
	return false;
}

bool cpu_sysreg_emulate(struct cpu *cpu, uint32_t insn)
{
	/* MSR/MRS (register): 1101 0101 00 L 1 o0 op1 CRn CRm op2 Rt */
	bool is_read = (insn >> 21) & 1;
	unsigned enc = (insn >> 5) & 0xFFFF;  /* op0:op1:CRn:CRm:op2 */
	unsigned rt = insn & 0x1F;
	int rid = rt < 29 ? UC_ARM64_REG_X0 + (int)rt : UC_ARM64_REG_X29 + (int)(rt - 29);
	struct gic *g = cpu->devs.irq.gic;
	uint64_t v = 0;

	if ((insn & 0xFFD00000U) != 0xD5100000U)
		return false;
	if (is_read) {
		if (!ich_access(enc, true, &v) && (!g || !gic_icc_read(g, cpu->pe, enc, &v)))
			return false;
		if (rt != 31)
			cpu_reg_set(cpu, rid, v);
		return true;
	}
	if (rt != 31)
		v = cpu_reg(cpu, rid);
	if (!ich_access(enc, false, &v) && (!g || !gic_icc_write(g, cpu->pe, enc, v)))
		return false;
	if (g)
		cpu->stats.sgis = g->pe[cpu->pe].stats.sgis_sent;
	if (cpu->cyc.trace && (enc == GIC_SYS_ENC(3, 0, 12, 12, 1) || enc == GIC_SYS_ENC(3, 0, 12, 8, 1))) {
		char args[48];

		/* issue 12: EOIs on the timeline (ICC_EOIR1 / ICC_EOIR0). */
		snprintf(args, sizeof(args), "{\"intid\":%u}", (unsigned)(v & 0xFFFFFFU));
		cycles_instant(cpu, "EOI", args);
	}
	cpu_irq_set_stop_at(&cpu->devs.irq, 0);
	cpu_smp_gic_changed(cpu); /* issue 13: an SGI may wake another PE */
	return true;
}
