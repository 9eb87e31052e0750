/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu unit tests, the permissions (Arm ARM D8.4): AP[2:1], XN/UXN/PXN,
 * the hierarchical APTable/XNTable/UXNTable/PXNTable and TCR.HPD, PAN,
 * WXN, unprivileged accesses, for the EL2 regime (one privilege level)
 * and the EL1&0 / EL2&0 regimes. Each row states the expected effective
 * read/write/execute permissions, written out from the Arm ARM; every row
 * is checked with a read, a write and a fetch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mmu_fake.h"

#define VA_PERM 0x0000123456789ABCULL

#define AP_PRW 0ULL                 /* AP[2:1] = 00: privileged RW, EL0 none */
#define AP_RW (D_AP1)               /* 01: RW at both */
#define AP_PRO (D_AP2)              /* 10: privileged RO, EL0 none */
#define AP_RO (D_AP2 | D_AP1)       /* 11: RO at both */

enum who { PRIV, EL0, UNPRIV, PRIV_PAN, EL0_PAN, UNPRIV_PAN };

struct perm_case {
	const char *what;
	uint64_t leaf;   /* AP/XN bits of the level-3 page */
	uint64_t tbl;    /* hierarchical bits on the level-1 table descriptor */
	uint64_t tcr;    /* extra TCR bits (HPD) */
	uint64_t sctlr;  /* extra SCTLR bits (WXN) */
	enum who who;
	bool r, w, x;
};

static void set_who(struct mmu_cfg *c, enum who who)
{
	c->el0 = who == EL0 || who == EL0_PAN;
	c->unpriv = who == UNPRIV || who == UNPRIV_PAN;
	c->pan = who == PRIV_PAN || who == EL0_PAN || who == UNPRIV_PAN;
}

static void run_cases(const struct perm_case *cases, size_t n, struct mmu_cfg (*base)(void),
		      enum mmu_regime regime)
{
	static const enum mmu_access accs[] = { MMU_ACCESS_READ, MMU_ACCESS_WRITE,
						MMU_ACCESS_FETCH };
	size_t i, a;

	for (i = 0; i < n; i++) {
		const struct perm_case *p = &cases[i];
		struct mmu_cfg c;
		uint64_t dpa;

		tb_init(12, 48, 0);
		tb_map(VA_PERM, 3, tb_page(OUT_PA) | p->leaf);
		dpa = tb_desc_pa(VA_PERM, 1);
		tb_put(dpa, tb_get(dpa) | p->tbl);
		c = base();
		c.regime = regime;
		c.tcr |= p->tcr;
		c.sctlr |= p->sctlr;
		set_who(&c, p->who);
		print_message("case: %s\n", p->what);
		for (a = 0; a < ARRAY_LEN(accs); a++) {
			struct mmu_result r = xlate(&c, VA_PERM, accs[a]);
			bool ok = accs[a] == MMU_ACCESS_READ ? p->r
				  : accs[a] == MMU_ACCESS_WRITE ? p->w : p->x;

			assert_int_equal(r.fault, ok ? MMU_OK : MMU_FAULT_PERMISSION);
			assert_int_equal(r.level, 3);
			assert_int_equal(r.can_read, p->r);
			assert_int_equal(r.can_write, p->w);
			assert_int_equal(r.can_exec, p->x);
			if (ok)
				assert_int_equal(r.pa, OUT_PA | (VA_PERM & 0xFFF));
			else
				assert_int_equal(mmu_fsc(&r), 0x0F);
		}
	}
}

static const struct perm_case el2_cases[] = {
	{ "RW page", 0, 0, 0, 0, PRIV, true, true, true },
	{ "AP[2] read-only", D_AP2, 0, 0, 0, PRIV, true, false, true },
	{ "AP[1] is RES1, ignored", D_AP1, 0, 0, 0, PRIV, true, true, true },
	{ "XN", D_XN, 0, 0, 0, PRIV, true, true, false },
	{ "PXN (bit 53) ignored", D_PXN, 0, 0, 0, PRIV, true, true, true },
	{ "APTable[1] no write below", 0, T_AP1, 0, 0, PRIV, true, false, true },
	{ "XNTable", 0, T_XN, 0, 0, PRIV, true, true, false },
	{ "APTable[0] and PXNTable RES0, ignored", 0, T_AP0 | T_PXN, 0, 0, PRIV, true, true, true },
	{ "HPD disables APTable and XNTable", 0, T_AP1 | T_XN, TCR2_HPD, 0, PRIV, true, true,
	  true },
	{ "HPD leaves the leaf's own AP/XN", D_AP2 | D_XN, 0, TCR2_HPD, 0, PRIV, true, false,
	  false },
	{ "WXN: writable is not executable", 0, 0, 0, SCTLR_WXN, PRIV, true, true, false },
	{ "WXN: read-only stays executable", D_AP2, 0, 0, SCTLR_WXN, PRIV, true, false, true },
	{ "WXN: APTable[1] makes it read-only, executable", 0, T_AP1, 0, SCTLR_WXN, PRIV, true,
	  false, true },
	{ "el0/unpriv/pan have no meaning in the EL2 regime", 0, 0, 0, 0, UNPRIV_PAN, true, true,
	  true },
	{ "el0 flag ignored in the EL2 regime", AP_PRW, 0, 0, 0, EL0_PAN, true, true, true },
};

static const struct perm_case el10_cases[] = {
	/* AP[2:1] at each privilege. EL0 execution depends on UXN only. */
	{ "AP 00 priv", AP_PRW, 0, 0, 0, PRIV, true, true, true },
	{ "AP 00 EL0", AP_PRW, 0, 0, 0, EL0, false, false, true },
	{ "AP 01 priv: EL0-writable is not priv-executable", AP_RW, 0, 0, 0, PRIV, true, true,
	  false },
	{ "AP 01 EL0", AP_RW, 0, 0, 0, EL0, true, true, true },
	{ "AP 10 priv", AP_PRO, 0, 0, 0, PRIV, true, false, true },
	{ "AP 10 EL0", AP_PRO, 0, 0, 0, EL0, false, false, true },
	{ "AP 11 priv", AP_RO, 0, 0, 0, PRIV, true, false, true },
	{ "AP 11 EL0", AP_RO, 0, 0, 0, EL0, true, false, true },
	/* UXN / PXN each for their own level. */
	{ "PXN priv", D_PXN, 0, 0, 0, PRIV, true, true, false },
	{ "PXN EL0", D_PXN | AP_RW, 0, 0, 0, EL0, true, true, true },
	{ "UXN priv", D_XN, 0, 0, 0, PRIV, true, true, true },
	{ "UXN EL0", D_XN | AP_RW, 0, 0, 0, EL0, true, true, false },
	/* Hierarchical controls on the level-1 table. */
	{ "APTable[0] EL0", AP_RW, T_AP0, 0, 0, EL0, false, false, true },
	{ "APTable[0] priv: no longer EL0-writable, so executable", AP_RW, T_AP0, 0, 0, PRIV,
	  true, true, true },
	{ "APTable[1] priv", AP_PRW, T_AP1, 0, 0, PRIV, true, false, true },
	{ "APTable[1] EL0", AP_RW, T_AP1, 0, 0, EL0, true, false, true },
	{ "APTable[1] priv on AP 01: EL0 read-only, so executable", AP_RW, T_AP1, 0, 0, PRIV, true,
	  false, true },
	{ "UXNTable EL0", AP_RW, T_XN, 0, 0, EL0, true, true, false },
	{ "UXNTable priv", AP_PRW, T_XN, 0, 0, PRIV, true, true, true },
	{ "PXNTable priv", AP_PRW, T_PXN, 0, 0, PRIV, true, true, false },
	{ "PXNTable EL0", AP_RW, T_PXN, 0, 0, EL0, true, true, true },
	{ "HPD0 disables every table control", AP_RW, T_AP0 | T_AP1 | T_XN | T_PXN, TCR_HPD0, 0,
	  EL0, true, true, true },
	{ "HPD0 priv", AP_PRW, T_AP1 | T_PXN, TCR_HPD0, 0, PRIV, true, true, true },
	{ "HPD1 does not cover the TTBR0 half", AP_PRW, T_AP1 | T_PXN, TCR_HPD1, 0, PRIV, true,
	  false, false },
	/* PAN: privileged data accesses to EL0-accessible pages. */
	{ "PAN on EL0-readable", AP_RO, 0, 0, 0, PRIV_PAN, false, false, true },
	{ "PAN on EL0-writable", AP_RW, 0, 0, 0, PRIV_PAN, false, false, false },
	{ "PAN leaves privileged-only pages", AP_PRW, 0, 0, 0, PRIV_PAN, true, true, true },
	{ "PAN after APTable[0]: not EL0-accessible", AP_RW, T_AP0, 0, 0, PRIV_PAN, true, true,
	  true },
	{ "PAN does not apply at EL0", AP_RW, 0, 0, 0, EL0_PAN, true, true, true },
	{ "PAN does not apply to unprivileged accesses", AP_RO, 0, 0, 0, UNPRIV_PAN, true, false,
	  true },
	/* Unprivileged (LDTR/STTR) accesses are checked as EL0. */
	{ "unpriv on AP 00", AP_PRW, 0, 0, 0, UNPRIV, false, false, true },
	{ "unpriv on AP 01", AP_RW, 0, 0, 0, UNPRIV, true, true, true },
	{ "unpriv on AP 11", AP_RO, 0, 0, 0, UNPRIV, true, false, true },
	/* WXN on the access's own permissions. */
	{ "WXN priv RW", AP_PRW, 0, 0, SCTLR_WXN, PRIV, true, true, false },
	{ "WXN priv RO", AP_PRO, 0, 0, SCTLR_WXN, PRIV, true, false, true },
	{ "WXN EL0 RW", AP_RW, 0, 0, SCTLR_WXN, EL0, true, true, false },
	{ "WXN EL0 RO", AP_RO, 0, 0, SCTLR_WXN, EL0, true, false, true },
	{ "WXN EL0 on a privileged-RW page", AP_PRW, 0, 0, SCTLR_WXN, EL0, false, false, true },
	{ "WXN and PAN on an EL0-readable page", AP_RO, 0, 0, SCTLR_WXN, PRIV_PAN, false, false,
	  true },
};

static void mmu_translate__el2_regime_permissions_follow_ap2_xn_and_table_controls(void **state)
{
	(void)state;
	run_cases(el2_cases, ARRAY_LEN(el2_cases), el2_cfg, MMU_REGIME_EL2);
}

static void mmu_translate__el10_permissions_follow_ap_uxn_pxn_tables_pan_wxn(void **state)
{
	(void)state;
	run_cases(el10_cases, ARRAY_LEN(el10_cases), el10_cfg, MMU_REGIME_EL10);
}

static void mmu_translate__el20_permissions_are_those_of_the_el1_format(void **state)
{
	(void)state;
	run_cases(el10_cases, ARRAY_LEN(el10_cases), el10_cfg, MMU_REGIME_EL20);
}

static void mmu_translate__hpd1_disables_table_controls_of_the_ttbr1_half(void **state)
{
	uint64_t hi = 0xFFFF000000000000ULL | VA_PERM;
	struct mmu_cfg c;
	struct mmu_result r;
	uint64_t dpa;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(hi, 3, tb_page(OUT_PA) | AP_PRW);
	dpa = tb_desc_pa(hi, 1);
	tb_put(dpa, tb_get(dpa) | T_AP1 | T_PXN);
	c = el10_cfg();
	r = xlate(&c, hi, MMU_ACCESS_WRITE);
	assert_fault(&r, MMU_FAULT_PERMISSION, 3);
	assert_false(r.can_exec);
	c.tcr |= TCR_HPD0; /* the other half's control */
	r = xlate(&c, hi, MMU_ACCESS_WRITE);
	assert_fault(&r, MMU_FAULT_PERMISSION, 3);
	c.tcr = (c.tcr & ~TCR_HPD0) | TCR_HPD1;
	r = xlate(&c, hi, MMU_ACCESS_WRITE);
	assert_int_equal(r.fault, MMU_OK);
	assert_true(r.can_exec);
}

static void mmu_translate__table_controls_accumulate_over_levels(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;
	uint64_t d0, d2;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA_PERM, 3, tb_page(OUT_PA) | AP_RW);
	/* APTable[1] at level 0 and UXNTable at level 2: both apply. */
	d0 = tb_desc_pa(VA_PERM, 0);
	d2 = tb_desc_pa(VA_PERM, 2);
	tb_put(d0, tb_get(d0) | T_AP1);
	tb_put(d2, tb_get(d2) | T_XN);
	c = el10_cfg();
	c.el0 = true;
	r = xlate(&c, VA_PERM, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_true(r.can_read);
	assert_false(r.can_write);
	assert_false(r.can_exec);
}

static void mmu_translate__permission_fault_on_a_block_reports_its_level(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA_PERM, 2, tb_block(OUT_PA) | AP_RO);
	c = el10_cfg();
	r = xlate(&c, VA_PERM, MMU_ACCESS_WRITE);
	assert_fault(&r, MMU_FAULT_PERMISSION, 2);
	assert_int_equal(mmu_fsc(&r), 0x0E);
	tb_init(12, 48, 0);
	tb_map(VA_PERM, 1, tb_block(OUT_PA) | D_PXN);
	c.ttbr0 = tb.root;
	r = xlate(&c, VA_PERM, MMU_ACCESS_FETCH);
	assert_fault(&r, MMU_FAULT_PERMISSION, 1);
	assert_int_equal(mmu_fsc(&r), 0x0D);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mmu_translate__el2_regime_permissions_follow_ap2_xn_and_table_controls),
		cmocka_unit_test(mmu_translate__el10_permissions_follow_ap_uxn_pxn_tables_pan_wxn),
		cmocka_unit_test(mmu_translate__el20_permissions_are_those_of_the_el1_format),
		cmocka_unit_test(mmu_translate__hpd1_disables_table_controls_of_the_ttbr1_half),
		cmocka_unit_test(mmu_translate__table_controls_accumulate_over_levels),
		cmocka_unit_test(mmu_translate__permission_fault_on_a_block_reports_its_level),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
