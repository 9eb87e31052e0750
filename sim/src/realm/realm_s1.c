/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm's own stage 1, walked by the engine: Unicorn 2.0.1's memory and
 * block hooks report virtual addresses (DESIGN.md), while the stage-2 check
 * needs the IPA. Only the 4 KiB granule is walked (TTBR0_EL1 / TTBR1_EL1,
 * VMSAv8-64 long descriptors, Arm ARM D8.2); with another granule the VA is
 * taken as the IPA (docs/realm-cpu.md). Descriptors are read through the
 * stage 2: a table in an unmapped IPA is a stage-2 fault on the walk
 * (S1PTW), as on hardware.
 *
 * SCTLR_EL1, TCR_EL1 and TTBRn_EL1 are cached at run start and refreshed by
 * an MSR hook, so a realm turning its MMU on mid-run is followed.
 */
#include "realm_private.h"

#define SCTLR_M 1ULL
#define DESC_VALID 1ULL
#define DESC_TABLE 2ULL
#define DESC_OA_MASK 0x0000FFFFFFFFF000ULL
#define TCR_EPD0 (1ULL << 7)
#define TCR_EPD1 (1ULL << 23)

enum realm_s1_result realm_s1_walk(const struct realm_cpu *rc, uint64_t va, uint64_t *ipa)
{
	const struct realm_s1 *s1 = &rc->s1;
	bool upper = (va >> 55) & 1;
	unsigned tsz, ia_bits, level;
	uint64_t tg, table, top;

	if (!(s1->sctlr & SCTLR_M)) {
		*ipa = va;
		return REALM_S1_OK;
	}
	tsz = (unsigned)(upper ? (s1->tcr >> 16) & 0x3F : s1->tcr & 0x3F);
	tg = upper ? (s1->tcr >> 30) & 3 : (s1->tcr >> 14) & 3;
	/* TG0: 0 = 4 KiB; TG1: 2 = 4 KiB. */
	if (tg != (upper ? 2U : 0U)) {
		*ipa = va;
		return REALM_S1_OK;
	}
	if (s1->tcr & (upper ? TCR_EPD1 : TCR_EPD0))
		return REALM_S1_FAULT;
	if (tsz < 16)
		tsz = 16;
	if (tsz > 39)
		tsz = 39;
	ia_bits = 64 - tsz;
	/* Bits above the input size must all equal bit 55 (no TBI modelled). */
	top = ia_bits < 64 ? va >> ia_bits : 0;
	if (top != (upper ? (~0ULL >> ia_bits) : 0))
		return REALM_S1_FAULT;
	level = 4 - (ia_bits - 12 + 8) / 9;
	table = (upper ? s1->ttbr1 : s1->ttbr0) & DESC_OA_MASK;
	for (;; level++) {
		unsigned shift = 12 + 9 * (3 - level);
		uint64_t idx = (va >> shift) & 0x1FF, addr, desc;

		if (ia_bits - shift < 9)
			idx &= (1ULL << (ia_bits - shift)) - 1; /* first level: input bits only */

		addr = (table & DESC_OA_MASK) + idx * 8;
		if (!(realm_s2_prot(rc, addr) & REALM_PROT_R)) {
			*ipa = addr;
			return REALM_S1_S2_FAULT_ON_WALK;
		}
		desc = *(const uint64_t *)(const void *)(rc->window + addr);
		if (!(desc & DESC_VALID))
			return REALM_S1_FAULT;
		if (level < 3 && (desc & DESC_TABLE)) {
			table = desc;
			continue;
		}
		if (level == 3 && !(desc & DESC_TABLE))
			return REALM_S1_FAULT;
		if (level == 0)
			return REALM_S1_FAULT; /* no level-0 blocks with 4 KiB */
		*ipa = (desc & DESC_OA_MASK & ~((1ULL << shift) - 1)) | (va & ((1ULL << shift) - 1));
		return REALM_S1_OK;
	}
}

/* MSR to a register the walk caches: keep the cache in step. */
static uint32_t hook_msr(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp,
			 void *opaque)
{
	struct realm_cpu *rc = opaque;

	if (realm_timer_sysreg(rc, reg, cp)) /* issue 12: EL1 timers (realm_timer.c) */
		return 1;
	if (cp->op0 != 3 || cp->op1 != 0 || cp->crm != 0)
		return 0;
	if (cp->crn == 1 && cp->op2 == 0)
		rc->s1.sctlr = cp->val;
	else if (cp->crn == 2 && cp->op2 == 0)
		rc->s1.ttbr0 = cp->val;
	else if (cp->crn == 2 && cp->op2 == 1)
		rc->s1.ttbr1 = cp->val;
	else if (cp->crn == 2 && cp->op2 == 2)
		rc->s1.tcr = cp->val;
	return 0; /* let the write happen */
}

int realm_s1_install(struct realm_cpu *rc)
{
	uc_hook h;

	return uc_hook_add(rc->uc, &h, UC_HOOK_INSN, (void *)hook_msr, rc, 1, 0,
			   UC_ARM64_INS_MSR) == UC_ERR_OK
		       ? 0
		       : -1;
}

void realm_s1_load(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs)
{
	rc->s1.sctlr = regs->sctlr_el1;
	rc->s1.tcr = regs->tcr_el1;
	rc->s1.ttbr0 = regs->ttbr0_el1;
	rc->s1.ttbr1 = regs->ttbr1_el1;
}
