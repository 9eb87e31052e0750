/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GICv3 CPU interface (ICC_*, ICH_VTR/HCR) system registers. Unicorn
 * 2.0.1 does not implement them: MRS/MSR raise an undefined-instruction
 * interrupt, which hooks.c hands here with the instruction word. We decode
 * the system-register move (Arm ARM C5.2: op0, op1, CRn, CRm, op2, Rt),
 * emulate it and the caller steps PC past it.
 */
#include "cpu_private.h"

#define SYS_ENC(o0, o1, n, m, o2) (((o0) << 14) | ((o1) << 11) | ((n) << 7) | ((m) << 3) | (o2))

enum icc_reg {
	ICC_PMR_EL1 = SYS_ENC(3, 0, 4, 6, 0),
	ICC_IAR0_EL1 = SYS_ENC(3, 0, 12, 8, 0),
	ICC_EOIR0_EL1 = SYS_ENC(3, 0, 12, 8, 1),
	ICC_AP1R0_EL1 = SYS_ENC(3, 0, 12, 9, 0),
	ICC_DIR_EL1 = SYS_ENC(3, 0, 12, 11, 1),
	ICC_RPR_EL1 = SYS_ENC(3, 0, 12, 11, 3),
	ICC_SGI1R_EL1 = SYS_ENC(3, 0, 12, 11, 5),
	ICC_IAR1_EL1 = SYS_ENC(3, 0, 12, 12, 0),
	ICC_EOIR1_EL1 = SYS_ENC(3, 0, 12, 12, 1),
	ICC_HPPIR1_EL1 = SYS_ENC(3, 0, 12, 12, 2),
	ICC_BPR1_EL1 = SYS_ENC(3, 0, 12, 12, 3),
	ICC_CTLR_EL1 = SYS_ENC(3, 0, 12, 12, 4),
	ICC_SRE_EL1 = SYS_ENC(3, 0, 12, 12, 5),
	ICC_IGRPEN0_EL1 = SYS_ENC(3, 0, 12, 12, 6),
	ICC_IGRPEN1_EL1 = SYS_ENC(3, 0, 12, 12, 7),
	ICC_SRE_EL2 = SYS_ENC(3, 4, 12, 9, 5),
	ICH_HCR_EL2 = SYS_ENC(3, 4, 12, 11, 0),
	ICH_VTR_EL2 = SYS_ENC(3, 4, 12, 11, 1),
};

#define ICC_SRE_BITS 0x7ULL           /* SRE | DFB | DIB */
#define ICC_SRE_EL2_ENABLE (1ULL << 3)
#define ICC_INTID_SPURIOUS 1023ULL
/* PRIbits = 4 (5 bits of priority), IDbits = 0 (16 bits), A3V = 1. */
#define ICC_CTLR_RO ((4ULL << 8) | (1ULL << 15))
/* ICH_VTR_EL2: ListRegs = 3 (4 LRs), PREbits = PRIbits = 4 (5 bits). */
#define ICH_VTR_VAL ((4ULL << 29) | (4ULL << 26) | 3ULL)

static bool icc_read(struct icc *c, unsigned enc, uint64_t *v)
{
	switch ((enum icc_reg)enc) {
	case ICC_PMR_EL1:
		*v = c->pmr;
		return true;
	case ICC_IAR0_EL1:
	case ICC_IAR1_EL1:
	case ICC_HPPIR1_EL1:
		*v = ICC_INTID_SPURIOUS; /* nothing is ever pending */
		return true;
	case ICC_AP1R0_EL1:
		*v = c->ap1r[0];
		return true;
	case ICC_RPR_EL1:
		*v = 0xFF; /* idle priority */
		return true;
	case ICC_BPR1_EL1:
		*v = c->bpr1;
		return true;
	case ICC_CTLR_EL1:
		*v = (c->ctlr & 0x3) | ICC_CTLR_RO;
		return true;
	case ICC_SRE_EL1:
		*v = c->sre_el1 | ICC_SRE_BITS;
		return true;
	case ICC_SRE_EL2:
		*v = c->sre_el2 | ICC_SRE_BITS;
		return true;
	case ICC_IGRPEN0_EL1:
		*v = c->igrpen0;
		return true;
	case ICC_IGRPEN1_EL1:
		*v = c->igrpen1;
		return true;
	case ICH_VTR_EL2:
		*v = ICH_VTR_VAL;
		return true;
	case ICH_HCR_EL2:
		*v = 0;
		return true;
	case ICC_EOIR0_EL1:
	case ICC_EOIR1_EL1:
	case ICC_DIR_EL1:
	case ICC_SGI1R_EL1:
		*v = 0; /* write-only */
		return true;
	}
	return false;
}

static bool icc_write(struct icc *c, unsigned enc, uint64_t v)
{
	switch ((enum icc_reg)enc) {
	case ICC_PMR_EL1:
		c->pmr = v & 0xFF;
		return true;
	case ICC_AP1R0_EL1:
		c->ap1r[0] = v;
		return true;
	case ICC_BPR1_EL1:
		c->bpr1 = v & 7;
		return true;
	case ICC_CTLR_EL1:
		c->ctlr = v & 0x3;
		return true;
	case ICC_SRE_EL1:
		c->sre_el1 = v & ICC_SRE_BITS;
		return true;
	case ICC_SRE_EL2:
		c->sre_el2 = v & (ICC_SRE_BITS | ICC_SRE_EL2_ENABLE);
		return true;
	case ICC_IGRPEN0_EL1:
		c->igrpen0 = v & 1;
		return true;
	case ICC_IGRPEN1_EL1:
		c->igrpen1 = v & 1;
		return true;
	case ICC_SGI1R_EL1:
		/* Recorded only: there is one PE and nothing is delivered. */
		c->last_sgi = v;
		c->sgis++;
		return true;
	case ICC_EOIR0_EL1:
	case ICC_EOIR1_EL1:
	case ICC_DIR_EL1:
	case ICH_HCR_EL2:
		return true;
	case ICC_IAR0_EL1:
	case ICC_IAR1_EL1:
	case ICC_HPPIR1_EL1:
	case ICC_RPR_EL1:
	case ICH_VTR_EL2:
		return true; /* read-only: writes ignored */
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
	uint64_t v = 0;

	if ((insn & 0xFFD00000U) != 0xD5100000U)
		return false;
	if (is_read) {
		if (!icc_read(&cpu->devs.icc, enc, &v))
			return false;
		if (rt != 31)
			cpu_reg_set(cpu, rid, v);
		return true;
	}
	if (rt != 31)
		v = cpu_reg(cpu, rid);
	if (!icc_write(&cpu->devs.icc, enc, v))
		return false;
	cpu->stats.sgis = cpu->devs.icc.sgis;
	return true;
}
