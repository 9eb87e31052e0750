/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu unit tests, the faults: address size (TTBR, table, leaf), access
 * flag and the leaf's fault priority, walk GPF and SEA at every level, MMU
 * off, big-endian tables, TCR.DS, and the FSC encodings, on hand-built
 * tables in the fake memory of mmu_fake.h.
 * Expected values (start levels, block sizes, FSCs) are written out from
 * the Arm ARM, never computed with the walk's own formulas.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mmu_fake.h"

#define VA4 0x0000123456789ABCULL /* uses every level-index field of a 48-bit VA */
#define TAG(t) ((uint64_t)(t) << 56)

/* ---- address size --------------------------------------------------------- */

static void mmu_translate__faults_address_size_level0_on_ttbr_above_ps(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	c = el2_cfg();
	c.tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR2_PS(2); /* 40 bits */
	c.ttbr0 = tb.root | (1ULL << 40);
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_ADDR_SIZE, 0);
	assert_int_equal(mmu_fsc(&r), 0x00);
	assert_int_equal(fake_reads, 0);
	c.ttbr0 = tb.root | (1ULL << 39);
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_not_equal(r.fault, MMU_FAULT_ADDR_SIZE);
}

static void mmu_translate__ps_above_parange_or_reserved_means_parange(void **state)
{
	static const uint64_t ps[] = { 5, 6, 7 }; /* 48 bits, 52 bits, reserved */
	size_t i;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	for (i = 0; i < ARRAY_LEN(ps); i++) {
		struct mmu_cfg c = el2_cfg();
		struct mmu_result r;

		c.pa_bits = 40;
		c.tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR2_PS(ps[i]);
		c.ttbr0 = tb.root | (1ULL << 40);
		r = xlate(&c, VA4, MMU_ACCESS_READ);
		assert_fault(&r, MMU_FAULT_ADDR_SIZE, 0);
		c.ttbr0 = tb.root;
		r = xlate(&c, VA4, MMU_ACCESS_READ);
		assert_int_equal(r.fault, MMU_OK);
	}
}

static void mmu_translate__faults_address_size_at_table_descriptor_level(void **state)
{
	int level;

	(void)state;
	for (level = 0; level <= 2; level++) {
		struct mmu_cfg c;
		struct mmu_result r;
		uint64_t dpa;

		tb_init(12, 48, 0);
		tb_map(VA4, 3, tb_page(OUT_PA));
		dpa = tb_desc_pa(VA4, level);
		tb_put(dpa, tb_get(dpa) | (1ULL << 36)); /* next table above 36 bits */
		c = el2_cfg();
		c.tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR2_PS(1); /* 36 bits */
		r = xlate(&c, VA4, MMU_ACCESS_READ);
		assert_fault(&r, MMU_FAULT_ADDR_SIZE, level);
		assert_int_equal(mmu_fsc(&r), (unsigned)level);
		assert_int_equal(r.desc_pa, dpa);
	}
}

static void mmu_translate__faults_address_size_at_leaf_level(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(1ULL << 40));
	c = el10_cfg();
	c.tcr = (c.tcr & ~TCR_IPS(7)) | TCR_IPS(2); /* 40 bits */
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_ADDR_SIZE, 3);
	assert_int_equal(mmu_fsc(&r), 0x03);
	/* A 1 GiB block at level 1 above 32 bits with IPS = 0. */
	tb_init(12, 48, 0);
	tb_map(VA4, 1, tb_block(1ULL << 32));
	c.tcr = (c.tcr & ~TCR_IPS(7)) | TCR_IPS(0);
	c.ttbr0 = tb.root;
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_ADDR_SIZE, 1);
	/* The EL2 format has no IPS: bits [34:32] do not limit it. */
	c = el2_cfg();
	c.tcr |= TCR_IPS(0);
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, (1ULL << 32) | (VA4 & ((1ULL << 30) - 1)));
}

/* ---- access flag and fault priority -------------------------------------- */

static void mmu_translate__faults_access_flag_at_the_leaf_level(void **state)
{
	static const int levels[] = { 1, 2, 3 };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(levels); i++) {
		uint64_t d = (levels[i] == 3 ? tb_page(OUT_PA) : tb_block(OUT_PA)) & ~D_AF;
		struct mmu_cfg c;
		struct mmu_result r;

		tb_init(12, 48, 0);
		tb_map(VA4, levels[i], d);
		c = el2_cfg();
		r = xlate(&c, VA4, MMU_ACCESS_READ);
		assert_fault(&r, MMU_FAULT_ACCESS_FLAG, levels[i]);
		assert_int_equal(mmu_fsc(&r), 0x08U + (unsigned)levels[i]);
	}
}

static void mmu_translate__leaf_faults_address_size_then_access_flag_then_permission(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	c = el2_cfg();
	c.tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR2_PS(2);
	/* Read-only, AF clear, output above 40 bits: address size wins. */
	tb_map(VA4, 3, (tb_page(1ULL << 41) | D_AP2) & ~D_AF);
	r = xlate(&c, VA4, MMU_ACCESS_WRITE);
	assert_fault(&r, MMU_FAULT_ADDR_SIZE, 3);
	/* Read-only, AF clear: access flag before permission. */
	tb_map(VA4, 3, (tb_page(OUT_PA) | D_AP2) & ~D_AF);
	r = xlate(&c, VA4, MMU_ACCESS_WRITE);
	assert_fault(&r, MMU_FAULT_ACCESS_FLAG, 3);
	tb_map(VA4, 3, tb_page(OUT_PA) | D_AP2);
	r = xlate(&c, VA4, MMU_ACCESS_WRITE);
	assert_fault(&r, MMU_FAULT_PERMISSION, 3);
	assert_int_equal(mmu_fsc(&r), 0x0F);
	assert_true(r.can_read);
	assert_false(r.can_write);
	assert_true(r.can_exec);
}

/* ---- walk GPF and SEA ----------------------------------------------------- */

static void check_walk_abort(uint64_t bad_pa, enum mmu_fault f, unsigned fsc_base)
{
	int level;

	for (level = 0; level <= 3; level++) {
		struct mmu_cfg c;
		struct mmu_result r;

		tb_init(12, 48, 0);
		tb_map(VA4, 3, tb_page(OUT_PA));
		c = el2_cfg();
		if (level == 0) {
			c.ttbr0 = bad_pa;
		} else {
			uint64_t dpa = tb_desc_pa(VA4, level - 1);

			tb_put(dpa, bad_pa | D_TABLE);
		}
		r = xlate(&c, VA4, MMU_ACCESS_READ);
		print_message("level %d\n", level);
		assert_fault(&r, f, level);
		assert_int_equal(mmu_fsc(&r), fsc_base + (unsigned)level);
		assert_true(r.desc_pa >= bad_pa && r.desc_pa < bad_pa + 4096);
		assert_false(r.can_read || r.can_write || r.can_exec);
	}
}

static void mmu_translate__reports_walk_gpf_at_the_level_of_the_denied_table(void **state)
{
	(void)state;
	check_walk_abort(DENY_BASE, MMU_FAULT_GPF_WALK, 0x24);
}

static void mmu_translate__reports_walk_sea_at_the_level_of_the_missing_table(void **state)
{
	(void)state;
	check_walk_abort(HOLE_PA, MMU_FAULT_SEA_WALK, 0x14);
}

/* ---- MMU off, endianness, unsupported ------------------------------------- */

static void mmu_translate__mmu_off_is_flat_device_with_full_access(void **state)
{
	struct mmu_cfg c = el2_cfg();
	struct mmu_result r;

	(void)state;
	c.sctlr = 0;
	c.ttbr0 = HOLE_PA;
	r = xlate(&c, 0x0000000087654321ULL, MMU_ACCESS_FETCH);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, 0x87654321ULL);
	assert_true(r.device);
	assert_int_equal(r.attr, 0);
	assert_true(r.can_read && r.can_write && r.can_exec);
	assert_int_equal(fake_reads, 0);
}

static void mmu_translate__mmu_off_faults_address_size_beyond_parange(void **state)
{
	struct mmu_cfg c = el2_cfg();
	struct mmu_result r;

	(void)state;
	c.sctlr = 0;
	c.pa_bits = 40;
	r = xlate(&c, (1ULL << 40) - 8, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	r = xlate(&c, 1ULL << 40, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_ADDR_SIZE, 0);
	assert_int_equal(mmu_fsc(&r), 0x00);
	/* PS does not matter with the MMU off: PARange does. */
	c.tcr = TCR2_PS(0);
	r = xlate(&c, 1ULL << 36, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
}

static void mmu_translate__mmu_off_drops_the_tag_only_under_tbi(void **state)
{
	struct mmu_cfg c = el2_cfg();
	struct mmu_result r;

	(void)state;
	c.sctlr = 0;
	r = xlate(&c, TAG(0xAB) | 0x12345678ULL, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_ADDR_SIZE, 0);
	c.tcr |= TCR2_TBI;
	r = xlate(&c, TAG(0xAB) | 0x12345678ULL, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, 0x12345678ULL);

	/* EL1&0: TBI0 for bit 55 clear, TBI1 for bit 55 set (which then faults). */
	c = el10_cfg();
	c.sctlr = 0;
	c.tcr |= TCR_TBI1;
	r = xlate(&c, TAG(0xAB) | 0x12345678ULL, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_ADDR_SIZE, 0);
	c.tcr = (c.tcr & ~TCR_TBI1) | TCR_TBI0;
	r = xlate(&c, TAG(0xAB) | 0x12345678ULL, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, 0x12345678ULL);
	c.tcr |= TCR_TBI1;
	r = xlate(&c, TAG(0xAB) | (1ULL << 55) | 0x12345678ULL, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_ADDR_SIZE, 0);
}

static void mmu_translate__ee_reads_big_endian_descriptors(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb.be = true;
	tb_map(VA4, 3, tb_page(OUT_PA) | D_ATTR(1));
	c = el2_cfg();
	c.sctlr |= SCTLR_EE;
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, OUT_PA | (VA4 & 0xFFF));
	assert_int_equal(r.attr, MAIR_DEVICE);
	/* Read little-endian, the level-0 entry's low byte is the table's top byte: 0. */
	c.sctlr &= ~SCTLR_EE;
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
}

static void mmu_translate__tcr_ds_fails_closed_as_unsupported(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	c = el10_cfg();
	c.tcr |= TCR_DS;
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_FAULT_UNSUPPORTED);
	assert_int_equal(r.level, 0);
	assert_int_equal(mmu_fsc(&r), 0x04);
	assert_int_equal(fake_reads, 0);
	assert_false(r.can_read || r.can_write || r.can_exec);
}

/* ---- mmu_fsc, mmu_fault_name ---------------------------------------------- */

static void mmu_fsc__matches_the_esr_dfsc_encodings(void **state)
{
	static const struct {
		enum mmu_fault f;
		int level;
		unsigned fsc;
	} cases[] = {
		{ MMU_OK, 3, 0x00 },
		{ MMU_FAULT_ADDR_SIZE, 0, 0x00 },    { MMU_FAULT_ADDR_SIZE, 3, 0x03 },
		{ MMU_FAULT_TRANSLATION, 0, 0x04 },  { MMU_FAULT_TRANSLATION, 2, 0x06 },
		{ MMU_FAULT_ACCESS_FLAG, 1, 0x09 },  { MMU_FAULT_ACCESS_FLAG, 3, 0x0B },
		{ MMU_FAULT_PERMISSION, 1, 0x0D },   { MMU_FAULT_PERMISSION, 3, 0x0F },
		{ MMU_FAULT_SEA_WALK, 0, 0x14 },     { MMU_FAULT_SEA_WALK, 3, 0x17 },
		{ MMU_FAULT_GPF_WALK, 0, 0x24 },     { MMU_FAULT_GPF_WALK, 3, 0x27 },
		{ MMU_FAULT_UNSUPPORTED, 0, 0x04 },  { MMU_FAULT_UNSUPPORTED, 2, 0x04 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct mmu_result r = { .fault = cases[i].f, .level = cases[i].level };

		assert_int_equal(mmu_fsc(&r), cases[i].fsc);
	}
}

static void mmu_fault_name__names_every_fault_differently(void **state)
{
	static const enum mmu_fault all[] = {
		MMU_OK, MMU_FAULT_ADDR_SIZE, MMU_FAULT_TRANSLATION, MMU_FAULT_ACCESS_FLAG,
		MMU_FAULT_PERMISSION, MMU_FAULT_SEA_WALK, MMU_FAULT_GPF_WALK, MMU_FAULT_UNSUPPORTED,
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_LEN(all); i++) {
		assert_non_null(mmu_fault_name(all[i]));
		assert_true(mmu_fault_name(all[i])[0] != '\0');
		for (j = 0; j < i; j++)
			assert_string_not_equal(mmu_fault_name(all[i]), mmu_fault_name(all[j]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mmu_translate__faults_address_size_level0_on_ttbr_above_ps),
		cmocka_unit_test(mmu_translate__ps_above_parange_or_reserved_means_parange),
		cmocka_unit_test(mmu_translate__faults_address_size_at_table_descriptor_level),
		cmocka_unit_test(mmu_translate__faults_address_size_at_leaf_level),
		cmocka_unit_test(mmu_translate__faults_access_flag_at_the_leaf_level),
		cmocka_unit_test(mmu_translate__leaf_faults_address_size_then_access_flag_then_permission),
		cmocka_unit_test(mmu_translate__reports_walk_gpf_at_the_level_of_the_denied_table),
		cmocka_unit_test(mmu_translate__reports_walk_sea_at_the_level_of_the_missing_table),
		cmocka_unit_test(mmu_translate__mmu_off_is_flat_device_with_full_access),
		cmocka_unit_test(mmu_translate__mmu_off_faults_address_size_beyond_parange),
		cmocka_unit_test(mmu_translate__mmu_off_drops_the_tag_only_under_tbi),
		cmocka_unit_test(mmu_translate__ee_reads_big_endian_descriptors),
		cmocka_unit_test(mmu_translate__tcr_ds_fails_closed_as_unsupported),
		cmocka_unit_test(mmu_fsc__matches_the_esr_dfsc_encodings),
		cmocka_unit_test(mmu_fault_name__names_every_fault_differently),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
