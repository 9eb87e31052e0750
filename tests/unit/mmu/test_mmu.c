/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu unit tests, the walk: granules, start levels, blocks and pages,
 * VA ranges and TBI, TxSZ clamps, EPD, granule selection and the TTBR, on
 * hand-built tables in the fake memory of mmu_fake.h (faults in
 * test_mmu_fault.c, permissions in test_mmu_perm.c).
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

/* ---- basic walks -------------------------------------------------------- */

static void mmu_translate__el2_4k_four_level_page_gives_pa_and_attributes(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA) | D_ATTR(2));
	c = el2_cfg();
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.pa, OUT_PA | (VA4 & 0xFFF));
	assert_int_equal(r.map_shift, 12);
	assert_int_equal(r.attr, MAIR_NC);
	assert_false(r.device);
	assert_false(r.contiguous);
	assert_true(r.can_read && r.can_write && r.can_exec);
	assert_int_equal(r.desc_pa, tb_desc_pa(VA4, 3));
	assert_int_equal(fake_reads, 4);
	assert_int_equal(mmu_fsc(&r), 0);
}

static void mmu_translate__device_attr_index_reports_device(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA) | D_ATTR(1));
	c = el2_cfg();
	r = xlate(&c, VA4, MMU_ACCESS_WRITE);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.attr, MAIR_DEVICE);
	assert_true(r.device);
}

/* Every granule and start level: a page at level 3 through every table level. */
struct geom {
	unsigned gshift;
	uint64_t tg0;
	unsigned t0sz;
	int start; /* Arm ARM: levels needed for 64 - T0SZ bits */
};

static const struct geom geoms[] = {
	/* 4K: level 3 resolves VA[20:12], 2 [29:21], 1 [38:30], 0 [47:39]. */
	{ 12, TCR_TG0_4K, 16, 0 },  { 12, TCR_TG0_4K, 24, 0 },  { 12, TCR_TG0_4K, 25, 1 },
	{ 12, TCR_TG0_4K, 33, 1 },  { 12, TCR_TG0_4K, 34, 2 },  { 12, TCR_TG0_4K, 39, 2 },
	/* 16K: 3 [24:14], 2 [35:25], 1 [46:36], 0 [47]. */
	{ 14, TCR_TG0_16K, 16, 0 }, { 14, TCR_TG0_16K, 17, 1 }, { 14, TCR_TG0_16K, 27, 1 },
	{ 14, TCR_TG0_16K, 28, 2 }, { 14, TCR_TG0_16K, 38, 2 }, { 14, TCR_TG0_16K, 39, 3 },
	/* 64K: 3 [28:16], 2 [41:29], 1 [47:42]. */
	{ 16, TCR_TG0_64K, 16, 1 }, { 16, TCR_TG0_64K, 21, 1 }, { 16, TCR_TG0_64K, 22, 2 },
	{ 16, TCR_TG0_64K, 34, 2 }, { 16, TCR_TG0_64K, 35, 3 }, { 16, TCR_TG0_64K, 39, 3 },
};

static void mmu_translate__every_granule_and_start_level_walks_to_a_page(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(geoms); i++) {
		const struct geom *g = &geoms[i];
		unsigned ia = 64 - g->t0sz;
		uint64_t va = 0x0000FEDCBA987654ULL & ((1ULL << ia) - 1);
		uint64_t off = va & ((1ULL << g->gshift) - 1);
		struct mmu_cfg c;
		struct mmu_result r;

		tb_init(g->gshift, ia, g->start);
		tb_map(va, 3, tb_page(OUT_PA));
		c = el2_cfg();
		c.tcr = TCR_T0SZ(g->t0sz) | g->tg0 | TCR2_PS(5);
		r = xlate(&c, va, MMU_ACCESS_READ);
		print_message("granule %u T0SZ %u\n", g->gshift, g->t0sz);
		assert_int_equal(r.fault, MMU_OK);
		assert_int_equal(r.pa, OUT_PA | off);
		assert_int_equal(r.map_shift, g->gshift);
		assert_int_equal(fake_reads, (unsigned)(4 - g->start));
		/* One bit above the input size is out of range. */
		r = xlate(&c, va | (1ULL << ia), MMU_ACCESS_READ);
		assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
		assert_int_equal(fake_reads, 0);
	}
}

struct blk {
	unsigned gshift;
	uint64_t tg0;
	unsigned t0sz;
	int start;
	int level;
	unsigned shift; /* block size from the Arm ARM */
};

static const struct blk legal_blocks[] = {
	{ 12, TCR_TG0_4K, 16, 0, 1, 30 },
	{ 12, TCR_TG0_4K, 16, 0, 2, 21 },
	{ 12, TCR_TG0_4K, 25, 1, 1, 30 },
	{ 14, TCR_TG0_16K, 16, 0, 2, 25 },
	{ 16, TCR_TG0_64K, 16, 1, 2, 29 },
};

static void mmu_translate__block_at_every_legal_level_maps_its_size(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(legal_blocks); i++) {
		const struct blk *b = &legal_blocks[i];
		uint64_t va = 0x00007FFFFFFFF123ULL & ((1ULL << (64 - b->t0sz)) - 1);
		uint64_t out = 0x0000100000000000ULL; /* aligned for every block size */
		struct mmu_cfg c;
		struct mmu_result r;

		tb_init(b->gshift, 64 - b->t0sz, b->start);
		tb_map(va, b->level, tb_block(out));
		c = el2_cfg();
		c.tcr = TCR_T0SZ(b->t0sz) | b->tg0 | TCR2_PS(5);
		r = xlate(&c, va, MMU_ACCESS_READ);
		print_message("granule %u level %d\n", b->gshift, b->level);
		assert_int_equal(r.fault, MMU_OK);
		assert_int_equal(r.level, b->level);
		assert_int_equal(r.map_shift, b->shift);
		assert_int_equal(r.pa, out | (va & ((1ULL << b->shift) - 1)));
	}
}

static void mmu_translate__block_ignores_output_bits_below_its_size(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	/* Bits [20:12] of a 2 MiB block descriptor are RES0: not part of the OA. */
	tb_map(VA4, 2, tb_block(OUT_PA | 0x1F000));
	c = el2_cfg();
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, OUT_PA | (VA4 & 0x1FFFFF));
}

static const struct blk illegal_blocks[] = {
	{ 12, TCR_TG0_4K, 16, 0, 0, 0 },
	{ 14, TCR_TG0_16K, 16, 0, 0, 0 },
	{ 14, TCR_TG0_16K, 16, 0, 1, 0 },
	{ 16, TCR_TG0_64K, 16, 1, 1, 0 },
};

static void mmu_translate__faults_translation_on_block_where_none_is_allowed(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(illegal_blocks); i++) {
		const struct blk *b = &illegal_blocks[i];
		struct mmu_cfg c;
		struct mmu_result r;

		tb_init(b->gshift, 64 - b->t0sz, b->start);
		tb_map(VA4, b->level, tb_block(0));
		c = el2_cfg();
		c.tcr = TCR_T0SZ(b->t0sz) | b->tg0 | TCR2_PS(5);
		r = xlate(&c, VA4, MMU_ACCESS_READ);
		print_message("granule %u level %d\n", b->gshift, b->level);
		assert_fault(&r, MMU_FAULT_TRANSLATION, b->level);
		assert_int_equal(mmu_fsc(&r), 0x04U + (unsigned)b->level);
	}
}

static void mmu_translate__faults_level3_when_descriptor_is_block_encoding(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, OUT_PA | D_BLOCK | D_AF);
	c = el2_cfg();
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 3);
	assert_int_equal(mmu_fsc(&r), 0x07);
}

static void mmu_translate__faults_at_the_level_of_an_invalid_descriptor(void **state)
{
	int level;

	(void)state;
	for (level = 0; level <= 3; level++) {
		struct mmu_cfg c;
		struct mmu_result r;

		tb_init(12, 48, 0);
		tb_map(VA4, 3, tb_page(OUT_PA));
		/* Invalidate the entry at @level (bit 0 clear, other bits set). */
		tb_put(tb_desc_pa(VA4, level), tb_get(tb_desc_pa(VA4, level)) & ~D_VALID);
		c = el2_cfg();
		r = xlate(&c, VA4, MMU_ACCESS_READ);
		assert_fault(&r, MMU_FAULT_TRANSLATION, level);
		assert_int_equal(r.desc_pa, tb_desc_pa(VA4, level));
		assert_int_equal(mmu_fsc(&r), 0x04U + (unsigned)level);
	}
}

static void mmu_translate__reports_contiguous_without_changing_the_output(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA) | D_CONTIG);
	c = el2_cfg();
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_true(r.contiguous);
	assert_int_equal(r.map_shift, 12);
	assert_int_equal(r.pa, OUT_PA | (VA4 & 0xFFF));
}

static void mmu_translate__el10_upper_range_walks_ttbr1(void **state)
{
	uint64_t va = 0xFFFF000012345678ULL;
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(va, 3, tb_page(OUT_PA));
	c = el10_cfg();
	c.ttbr0 = HOLE_PA; /* must not be used */
	r = xlate(&c, va, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, OUT_PA | 0x678);
}

/* ---- VA ranges, TBI, TxSZ clamps, EPD ------------------------------------ */

#define TAG(t) ((uint64_t)(t) << 56)

static void mmu_translate__el2_tbi_ignores_the_top_byte_only_when_set(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	c = el2_cfg();
	r = xlate(&c, VA4 | TAG(0x5A), MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	assert_int_equal(fake_reads, 0);
	c.tcr |= TCR2_TBI;
	r = xlate(&c, VA4 | TAG(0x5A), MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, OUT_PA | (VA4 & 0xFFF));
	/* TBI covers bits [63:56] only: bit 55 is still checked. */
	r = xlate(&c, VA4 | (1ULL << 55), MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
}

static void mmu_translate__el2_single_range_faults_upper_half_addresses(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	c = el2_cfg();
	c.ttbr1 = tb.root; /* no TTBR1 in the EL2 regime */
	r = xlate(&c, 0xFFFF000000000000ULL | VA4, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	assert_int_equal(mmu_fsc(&r), 0x04);
}

static void mmu_translate__el10_tbi_applies_per_half_selected_by_bit55(void **state)
{
	uint64_t lo = VA4, hi = 0xFFFF000000000000ULL | VA4;
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(lo, 3, tb_page(OUT_PA)); /* TTBR0 = TTBR1 = root: same slot */
	c = el10_cfg();
	c.tcr |= TCR_TBI0;
	r = xlate(&c, lo | TAG(0x12), MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	/* Upper half: tag 0x00 with bit 55 set is not all ones without TBI1. */
	r = xlate(&c, (hi & ~TAG(0xFF)) | (1ULL << 55), MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	c.tcr = (c.tcr & ~TCR_TBI0) | TCR_TBI1;
	r = xlate(&c, (hi & ~TAG(0xFF)) | TAG(0x34), MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, OUT_PA | (VA4 & 0xFFF));
	r = xlate(&c, lo | TAG(0x12), MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
}

static void mmu_translate__el10_upper_range_needs_all_ones_above_t1sz(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 39, 1);
	tb_map(0xFFFFFF8012345000ULL, 3, tb_page(OUT_PA));
	c = el10_cfg();
	c.tcr = (c.tcr & ~TCR_T1SZ(0x3F)) | TCR_T1SZ(25);
	r = xlate(&c, 0xFFFFFF8012345678ULL, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(fake_reads, 3);
	r = xlate(&c, 0xFFFFFF0012345678ULL, MMU_ACCESS_READ); /* bit 39 clear */
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	r = xlate(&c, 0xFF7FFF8012345678ULL, MMU_ACCESS_READ); /* bit 55 set, bit 54 clear */
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
}

static void mmu_translate__txsz_below_16_is_treated_as_16(void **state)
{
	static const unsigned small[] = { 0, 8, 15 };
	size_t i;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	for (i = 0; i < ARRAY_LEN(small); i++) {
		struct mmu_cfg c = el2_cfg();
		struct mmu_result r;

		c.tcr = TCR_T0SZ(small[i]) | TCR_TG0_4K | TCR2_PS(5);
		r = xlate(&c, VA4, MMU_ACCESS_READ);
		assert_int_equal(r.fault, MMU_OK);
		assert_int_equal(fake_reads, 4);
		r = xlate(&c, VA4 | (1ULL << 48), MMU_ACCESS_READ);
		assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	}
}

static void mmu_translate__txsz_above_39_is_treated_as_39(void **state)
{
	static const unsigned big[] = { 40, 48, 63 };
	uint64_t va = 0x0000000001ABC123ULL; /* 25 bits */
	size_t i;

	(void)state;
	tb_init(12, 25, 2);
	tb_map(va, 3, tb_page(OUT_PA));
	for (i = 0; i < ARRAY_LEN(big); i++) {
		struct mmu_cfg c = el10_cfg();
		struct mmu_result r;

		c.tcr = TCR_T0SZ(big[i]) | TCR_TG0_4K | TCR_T1SZ(16) | TCR_TG1_4K | TCR_IPS(5);
		r = xlate(&c, va, MMU_ACCESS_READ);
		assert_int_equal(r.fault, MMU_OK);
		assert_int_equal(fake_reads, 2);
		r = xlate(&c, va | (1ULL << 25), MMU_ACCESS_READ);
		assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	}
}

static void mmu_translate__epd_disables_only_its_half(void **state)
{
	uint64_t hi = 0xFFFF000000000000ULL | VA4;
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	c = el10_cfg();
	c.tcr |= TCR_EPD0;
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	assert_int_equal(fake_reads, 0);
	r = xlate(&c, hi, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	c.tcr = (c.tcr & ~TCR_EPD0) | TCR_EPD1;
	r = xlate(&c, hi, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
}

/* ---- granule selection --------------------------------------------------- */

static void mmu_translate__unimplemented_or_reserved_granule_behaves_as_4k(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	c = el2_cfg();
	c.tcr = TCR_T0SZ(16) | TCR_TG0_RES | TCR2_PS(5);
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.map_shift, 12);
	assert_int_equal(fake_reads, 4);
	c.tcr = TCR_T0SZ(16) | TCR_TG0_16K | TCR2_PS(5);
	c.granules = MMU_GRAN_4K | MMU_GRAN_64K;
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.map_shift, 12);
	c.tcr = TCR_T0SZ(16) | TCR_TG0_64K | TCR2_PS(5);
	c.granules = MMU_GRAN_4K;
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.map_shift, 12);
	/* TTBR1 side: TG1 = 0b00 is reserved. */
	c = el10_cfg();
	c.tcr = (c.tcr & ~(3ULL << 30)) | TCR_TG1_RES;
	r = xlate(&c, 0xFFFF000000000000ULL | VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.map_shift, 12);
}

static void mmu_translate__tg1_encodings_select_16k_and_64k(void **state)
{
	uint64_t hi = 0xFFFF800012345678ULL;
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(14, 48, 0);
	tb_map(hi, 3, tb_page(OUT_PA));
	c = el10_cfg();
	c.tcr = (c.tcr & ~(3ULL << 30)) | TCR_TG1_16K;
	c.ttbr1 = tb.root;
	r = xlate(&c, hi, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.map_shift, 14);
	assert_int_equal(r.pa, OUT_PA | (hi & 0x3FFF));

	tb_init(16, 48, 1);
	tb_map(hi, 3, tb_page(OUT_PA));
	c.tcr = (c.tcr & ~(3ULL << 30)) | TCR_TG1_64K;
	c.ttbr1 = tb.root;
	r = xlate(&c, hi, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.map_shift, 16);
	assert_int_equal(fake_reads, 3);
	/* TG0's 64K encoding (0b01) means 16K for TG1: TG1 0b01 is not 64K. */
	c.tcr = (c.tcr & ~(3ULL << 30)) | TCR_TG1_16K;
	r = xlate(&c, hi, MMU_ACCESS_READ);
	assert_int_not_equal(r.map_shift, 16);
}

static void mmu_translate__el20_uses_the_el1_format_and_both_ttbrs(void **state)
{
	uint64_t hi = 0xFFFF000000000000ULL | VA4;
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, tb_page(OUT_PA));
	c = el10_cfg();
	c.regime = MMU_REGIME_EL20;
	r = xlate(&c, hi, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	c.tcr |= TCR_EPD1;
	r = xlate(&c, hi, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
	/* The EL2 format has no EPD1: the same bit is ignored there (single range). */
	c.regime = MMU_REGIME_EL2;
	c.tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR2_PS(5) | TCR_EPD1 | TCR_EPD0;
	r = xlate(&c, VA4, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
}

/* ---- TTBR ----------------------------------------------------------------- */

static void mmu_translate__ttbr_ignores_cnp_asid_and_bits_below_table_size(void **state)
{
	uint64_t va = 0x0000000005ABC123ULL; /* T0SZ 37: 27 bits, level 2 table of 64 entries */
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 27, 2);
	tb.root += 0x200; /* a 512-byte start table needs only 512-byte alignment */
	tb_map(va, 3, tb_page(OUT_PA));
	c = el2_cfg();
	c.tcr = TCR_T0SZ(37) | TCR_TG0_4K | TCR2_PS(5);
	c.ttbr0 = tb.root | 1 | (0xABCDULL << 48);
	r = xlate(&c, va, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, OUT_PA | 0x123);
	/* Bits [8:1] lie below the table size: treated as zero. */
	c.ttbr0 = tb.root | 0x1FE;
	r = xlate(&c, va, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	/* Bit 9 does not: the walk reads another (empty) table. */
	c.ttbr0 = tb.root - 0x200;
	r = xlate(&c, va, MMU_ACCESS_READ);
	assert_fault(&r, MMU_FAULT_TRANSLATION, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mmu_translate__el2_4k_four_level_page_gives_pa_and_attributes),
		cmocka_unit_test(mmu_translate__device_attr_index_reports_device),
		cmocka_unit_test(mmu_translate__every_granule_and_start_level_walks_to_a_page),
		cmocka_unit_test(mmu_translate__block_at_every_legal_level_maps_its_size),
		cmocka_unit_test(mmu_translate__block_ignores_output_bits_below_its_size),
		cmocka_unit_test(mmu_translate__faults_translation_on_block_where_none_is_allowed),
		cmocka_unit_test(mmu_translate__faults_level3_when_descriptor_is_block_encoding),
		cmocka_unit_test(mmu_translate__faults_at_the_level_of_an_invalid_descriptor),
		cmocka_unit_test(mmu_translate__reports_contiguous_without_changing_the_output),
		cmocka_unit_test(mmu_translate__el10_upper_range_walks_ttbr1),
		cmocka_unit_test(mmu_translate__el2_tbi_ignores_the_top_byte_only_when_set),
		cmocka_unit_test(mmu_translate__el2_single_range_faults_upper_half_addresses),
		cmocka_unit_test(mmu_translate__el10_tbi_applies_per_half_selected_by_bit55),
		cmocka_unit_test(mmu_translate__el10_upper_range_needs_all_ones_above_t1sz),
		cmocka_unit_test(mmu_translate__txsz_below_16_is_treated_as_16),
		cmocka_unit_test(mmu_translate__txsz_above_39_is_treated_as_39),
		cmocka_unit_test(mmu_translate__epd_disables_only_its_half),
		cmocka_unit_test(mmu_translate__unimplemented_or_reserved_granule_behaves_as_4k),
		cmocka_unit_test(mmu_translate__tg1_encodings_select_16k_and_64k),
		cmocka_unit_test(mmu_translate__el20_uses_the_el1_format_and_both_ttbrs),
		cmocka_unit_test(mmu_translate__ttbr_ignores_cnp_asid_and_bits_below_table_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
