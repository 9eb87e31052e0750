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
 *
 * realm_s1_translate also checks what makes a stage-1 fault (address size
 * beyond TCR_EL1.IPS, translation, access flag, permission), so the hooks
 * can give the realm its own fault at VBAR_EL1 with the architectural
 * syndrome whether or not Unicorn's walker agrees (realm_hooks.c).
 */
#include <stdint.h>

#include "realm_private.h"

#define SCTLR_M 1ULL
#define DESC_VALID 1ULL
#define DESC_TABLE 2ULL
#define DESC_OA_MASK 0x0000FFFFFFFFF000ULL
#define TCR_EPD0 (1ULL << 7)
#define TCR_EPD1 (1ULL << 23)

#define DESC_AF (1ULL << 10)
#define DESC_AP_EL0 (1ULL << 6)  /* AP[1]: EL0 access */
#define DESC_AP_RO (1ULL << 7)   /* AP[2]: read-only */
#define DESC_PXN (1ULL << 53)
#define DESC_UXN (1ULL << 54)
#define TABLE_PXN (1ULL << 59)
#define TABLE_UXN (1ULL << 60)
#define TABLE_AP_NO_EL0 (1ULL << 61)
#define TABLE_AP_RO (1ULL << 62)
#define SCTLR_WXN (1ULL << 19)
#define PSTATE_M_MASK 0xFULL

/* TCR_EL1.IPS (bits[34:32]) as an output address size; 52 needs LPA2: 48 (D8.1.8). */
static unsigned tcr_ips_bits(uint64_t tcr)
{
	static const unsigned bits[8] = { 32, 36, 40, 42, 44, 48, 48, 48 };

	return bits[(tcr >> 32) & 7];
}

static bool oa_out_of_range(uint64_t addr, unsigned oa_bits)
{
	return (addr & DESC_OA_MASK) >> oa_bits != 0;
}

/*
 * The stage-1 permission check of a leaf (Arm ARM D8.4, EL1&0 regime,
 * no PAN, HPD = 0): AP[2:1] with APTable, UXN/PXN with the table bits,
 * PXN implied for EL0-writable memory, SCTLR_EL1.WXN.
 */
static bool s1_permits(const struct realm_cpu *rc, uint64_t desc, uint64_t tables,
		       enum realm_s1_access acc, bool el0)
{
	bool el0_ok = (desc & DESC_AP_EL0) && !(tables & TABLE_AP_NO_EL0);
	bool ro = (desc & DESC_AP_RO) || (tables & TABLE_AP_RO);
	bool el0_w = el0_ok && !ro;
	bool w_here = el0 ? el0_w : !ro;

	if (el0 && !el0_ok)
		return false;
	switch (acc) {
	case REALM_S1_READ:
		return true;
	case REALM_S1_WRITE:
		return !ro;
	case REALM_S1_FETCH:
		if ((rc->s1.sctlr & SCTLR_WXN) && w_here)
			return false;
		if (el0)
			return !(desc & DESC_UXN) && !(tables & TABLE_UXN);
		return !(desc & DESC_PXN) && !(tables & TABLE_PXN) && !el0_w;
	}
	return false;
}

enum realm_s1_result realm_s1_translate(const struct realm_cpu *rc, uint64_t va,
					enum realm_s1_access acc, int el0, uint64_t *ipa,
					uint64_t *fsc)
{
	const struct realm_s1 *s1 = &rc->s1;
	bool upper = (va >> 55) & 1;
	unsigned tsz, ia_bits, level, oa_bits;
	uint64_t tg, table, top, tables = 0, dummy;

	if (!fsc)
		fsc = &dummy;
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
	if (tsz < 16)
		tsz = 16;
	if (tsz > 39)
		tsz = 39;
	ia_bits = 64 - tsz;
	level = 4 - (ia_bits - 12 + 8) / 9;
	/* EPDn, or VA bits above the input size not all equal to bit 55 (no TBI): level 0. */
	*fsc = REALM_FSC_TRANSLATION(0);
	if (s1->tcr & (upper ? TCR_EPD1 : TCR_EPD0))
		return REALM_S1_FAULT;
	top = ia_bits < 64 ? va >> ia_bits : 0;
	if (top != (upper ? (~0ULL >> ia_bits) : 0))
		return REALM_S1_FAULT;
	oa_bits = tcr_ips_bits(s1->tcr);
	table = (upper ? s1->ttbr1 : s1->ttbr0) & DESC_OA_MASK;
	/* A base beyond the output size: address size fault at the start level. */
	*fsc = REALM_FSC_ADDR_SIZE(level);
	if (el0 != REALM_S1_RAW && oa_out_of_range(table, oa_bits))
		return REALM_S1_FAULT;
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
		desc = __atomic_load_n((const uint64_t *)(const void *)(rc->window + addr),
				       __ATOMIC_RELAXED);
		*fsc = REALM_FSC_TRANSLATION(level);
		if (!(desc & DESC_VALID))
			return REALM_S1_FAULT;
		if (level < 3 && (desc & DESC_TABLE)) {
			*fsc = REALM_FSC_ADDR_SIZE(level);
			if (el0 != REALM_S1_RAW && oa_out_of_range(desc, oa_bits))
				return REALM_S1_FAULT;
			tables |= desc & (TABLE_PXN | TABLE_UXN | TABLE_AP_NO_EL0 | TABLE_AP_RO);
			table = desc;
			continue;
		}
		if ((level == 3 && !(desc & DESC_TABLE)) || level == 0)
			return REALM_S1_FAULT; /* reserved at level 3; no level-0 blocks with 4 KiB */
		*ipa = (desc & DESC_OA_MASK & ~((1ULL << shift) - 1)) | (va & ((1ULL << shift) - 1));
		/* Output address beyond TCR_EL1.IPS, then AF, then permission (D8.x priorities). */
		*fsc = REALM_FSC_ADDR_SIZE(level);
		if (el0 != REALM_S1_RAW && oa_out_of_range(desc & ~((1ULL << shift) - 1), oa_bits))
			return REALM_S1_FAULT;
		if (el0 < 0)
			return REALM_S1_OK; /* translation only */
		*fsc = REALM_FSC_ACCESS_FLAG(level);
		if (!(desc & DESC_AF))
			return REALM_S1_FAULT;
		*fsc = REALM_FSC_PERMISSION(level);
		if (!s1_permits(rc, desc, tables, acc, el0 != 0))
			return REALM_S1_FAULT;
		return REALM_S1_OK;
	}
}

enum realm_s1_result realm_s1_walk(const struct realm_cpu *rc, uint64_t va, uint64_t *ipa)
{
	return realm_s1_translate(rc, va, REALM_S1_READ, -1, ipa, NULL);
}

int realm_s1_el0(const struct realm_cpu *rc)
{
	return (realm_reg((struct realm_cpu *)(uintptr_t)rc, UC_ARM64_REG_PSTATE) &
		PSTATE_M_MASK) == 0;
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
