/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ESR_EL2 syndromes for traps from the realm (Arm ARM D17.2.37, ESR_ELx),
 * built from the instruction word because Unicorn does not expose the
 * syndrome QEMU computed (DESIGN.md: guest exceptions are never taken).
 */
#include "realm_private.h"

#define INSN_RT(i) ((i) & 0x1FU)

static uint64_t esr(uint64_t ec, uint64_t iss)
{
	return (ec << REALM_ESR_EC_SHIFT) | REALM_ESR_IL | iss;
}

/*
 * Data abort ISS with ISV = 1 (SAS, SSE, SRT, SF, AR) for a single
 * general-purpose register load/store without writeback; other accesses
 * (pairs, writeback, SIMD&FP, exclusives, atomics) report ISV = 0, as
 * hardware may (Arm ARM D17.2.37: "ISV, bit [24]").
 */
static bool decode_ldst(uint32_t insn, uint64_t *iss)
{
	unsigned size = insn >> 30, opc = (insn >> 22) & 3;
	bool sse = false, sf, ar = false;

	if ((insn & 0x3FA08000U) == 0x08808000U) {
		/* LDAR/STLR: ordered, never sign-extending. */
		ar = true;
		sf = size == 3;
	} else if ((insn & 0x3F000000U) == 0x39000000U ||
		   (insn & 0x3F200400U) == 0x38000000U || /* unscaled / unprivileged */
		   (insn & 0x3F200C00U) == 0x38200800U) { /* register offset */
		/* Bit 26 (V) must be 0 in all three: general-purpose registers only. */
		switch (opc) {
		case 0: /* STR* */
		case 1: /* LDR* zero-extending */
			sf = size == 3;
			break;
		case 2: /* LDRS* to 64 bits (size 3 is PRFM: no data access) */
			if (size == 3)
				return false;
			sse = true;
			sf = true;
			break;
		default: /* LDRS* to 32 bits */
			if (size >= 2)
				return false;
			sse = true;
			sf = false;
			break;
		}
	} else {
		return false;
	}
	*iss = REALM_ESR_ISV | ((uint64_t)size << REALM_ESR_SAS_SHIFT) |
	       (sse ? REALM_ESR_SSE : 0) | ((uint64_t)INSN_RT(insn) << REALM_ESR_SRT_SHIFT) |
	       (sf ? REALM_ESR_SF : 0) | (ar ? REALM_ESR_AR : 0);
	return true;
}

uint64_t realm_syndrome_dabt(uint32_t insn, bool insn_valid, bool write, uint64_t fsc)
{
	uint64_t iss = 0;

	if (!insn_valid || !decode_ldst(insn, &iss))
		iss = 0;
	iss |= (write ? REALM_ESR_WNR : 0) | (fsc & REALM_ESR_FSC_MASK);
	return esr(REALM_ESR_EC_DABT_LOW, iss);
}

/* Stage-2 fault on a stage-1 table walk: S1PTW = 1, no instruction syndrome. */
uint64_t realm_syndrome_dabt_walk(bool write, uint64_t fsc)
{
	return esr(REALM_ESR_EC_DABT_LOW, REALM_ESR_S1PTW | (write ? REALM_ESR_WNR : 0) |
						  (fsc & REALM_ESR_FSC_MASK));
}

uint64_t realm_syndrome_iabt(uint64_t fsc)
{
	return esr(REALM_ESR_EC_IABT_LOW, fsc & REALM_ESR_FSC_MASK);
}

/*
 * Stage-1 aborts the realm takes itself (Arm ARM D17.2.40 ESR_EL1): EC 0x24
 * (lower EL) / 0x25 (same EL) for data, 0x20 / 0x21 for instructions; IL;
 * ISV = 0 (no instruction syndrome for a stage-1 fault); WnR; the FSC.
 */
uint64_t realm_syndrome_s1_dabt(bool from_el0, bool write, uint64_t fsc)
{
	return esr(from_el0 ? REALM_ESR_EC_DABT_LOW : REALM_ESR_EC_DABT_LOW + 1,
		   (write ? REALM_ESR_WNR : 0) | (fsc & REALM_ESR_FSC_MASK));
}

uint64_t realm_syndrome_s1_iabt(bool from_el0, uint64_t fsc)
{
	return esr(from_el0 ? REALM_ESR_EC_IABT_LOW : REALM_ESR_EC_IABT_LOW + 1,
		   fsc & REALM_ESR_FSC_MASK);
}

/* WFI/WFE: CV = 1, COND = 0xE for traps from AArch64, TI in [1:0]. */
bool realm_syndrome_wfx(uint32_t insn, uint64_t *out, bool *is_wfe)
{
	const uint64_t cv_cond = (1ULL << 24) | (0xEULL << 20);

	if (insn == 0xD503207FU) {
		*is_wfe = false;
		*out = esr(REALM_ESR_EC_WFX, cv_cond);
		return true;
	}
	if (insn == 0xD503205FU) {
		*is_wfe = true;
		*out = esr(REALM_ESR_EC_WFX, cv_cond | REALM_ESR_WFX_TI_WFE);
		return true;
	}
	return false;
}

/*
 * MRS/MSR (register) with op0 2 or 3: ISS = Op0[21:20] Op2[19:17]
 * Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Direction[0] (1 = read).
 */
bool realm_syndrome_sysreg(uint32_t insn, uint64_t *out)
{
	uint64_t op0, op1, crn, crm, op2, dir;

	if ((insn & 0xFFD00000U) != 0xD5100000U)
		return false;
	dir = (insn >> 21) & 1;
	op0 = (insn >> 19) & 3;
	op1 = (insn >> 16) & 7;
	crn = (insn >> 12) & 0xF;
	crm = (insn >> 8) & 0xF;
	op2 = (insn >> 5) & 7;
	*out = esr(REALM_ESR_EC_SYSREG, (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) |
						((uint64_t)INSN_RT(insn) << 5) | (crm << 1) | dir);
	return true;
}

/* SVC, HVC, SMC, BRK: ISS = imm16 (bits [20:5] of the instruction). */
uint64_t realm_syndrome_imm16(uint64_t ec, uint32_t insn)
{
	return esr(ec, (insn >> 5) & 0xFFFF);
}

uint64_t realm_syndrome_unknown(void)
{
	return esr(REALM_ESR_EC_UNKNOWN, 0);
}
