/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu unit tests: hand-built translation tables in a small fake physical
 * memory: NS DRAM (tables and pages), a region the GPC denies (reads
 * answer MMU_READ_GPF) and nothing elsewhere (MMU_READ_SEA). Expected
 * values (start levels, block sizes, FSCs) are written out from the Arm
 * ARM, never computed with the walk's own formulas.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mmu.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Fake physical memory map. */
#define DRAM_BASE 0x80000000ULL
#define DRAM_SIZE (2ULL << 20)
#define DENY_BASE 0x90000000ULL /* the GPC denies NS reads here */
#define DENY_SIZE (1ULL << 20)
#define HOLE_PA 0xA0000000ULL /* nothing mapped */

/* Descriptor bits (written out independently of the walk). */
#define D_VALID 1ULL
#define D_TABLE 3ULL
#define D_BLOCK 1ULL
#define D_PAGE 3ULL
#define D_ATTR(i) ((uint64_t)(i) << 2)
#define D_AP1 (1ULL << 6)
#define D_AP2 (1ULL << 7)
#define D_AF (1ULL << 10)
#define D_CONTIG (1ULL << 52)
#define D_PXN (1ULL << 53)
#define D_XN (1ULL << 54)
#define T_PXN (1ULL << 59)
#define T_XN (1ULL << 60)
#define T_AP0 (1ULL << 61)
#define T_AP1 (1ULL << 62)

/* Register fields. */
#define SCTLR_M 1ULL
#define SCTLR_WXN (1ULL << 19)
#define SCTLR_EE (1ULL << 25)
#define TCR_T0SZ(n) ((uint64_t)(n))
#define TCR_EPD0 (1ULL << 7)
#define TCR_TG0_4K (0ULL << 14)
#define TCR_TG0_64K (1ULL << 14)
#define TCR_TG0_16K (2ULL << 14)
#define TCR_TG0_RES (3ULL << 14)
#define TCR2_PS(n) ((uint64_t)(n) << 16)
#define TCR2_TBI (1ULL << 20)
#define TCR2_HPD (1ULL << 24)
#define TCR_T1SZ(n) ((uint64_t)(n) << 16)
#define TCR_EPD1 (1ULL << 23)
#define TCR_TG1_RES (0ULL << 30)
#define TCR_TG1_16K (1ULL << 30)
#define TCR_TG1_4K (2ULL << 30)
#define TCR_TG1_64K (3ULL << 30)
#define TCR_IPS(n) ((uint64_t)(n) << 32)
#define TCR_TBI0 (1ULL << 37)
#define TCR_TBI1 (1ULL << 38)
#define TCR_HPD0 (1ULL << 41)
#define TCR_HPD1 (1ULL << 42)
#define TCR_DS (1ULL << 59)

#define MAIR_NORMAL 0xFFULL /* index 0: Normal WB */
#define MAIR_DEVICE 0x04ULL /* index 1: Device-nGnRE */
#define MAIR_NC 0x44ULL     /* index 2: Normal non-cacheable */
#define MAIR_VAL (MAIR_NORMAL | (MAIR_DEVICE << 8) | (MAIR_NC << 16))

/* Target pages: any PA works (the walk never reads the page itself). */
#define OUT_PA 0x40000000ULL

static uint64_t dram[DRAM_SIZE / 8];
static unsigned reads;

static enum mmu_read_status fake_read(void *ctx, uint64_t pa, uint64_t *desc)
{
	(void)ctx;
	reads++;
	assert_true((pa & 7) == 0);
	if (pa >= DRAM_BASE && pa < DRAM_BASE + DRAM_SIZE) {
		*desc = dram[(pa - DRAM_BASE) / 8];
		return MMU_READ_OK;
	}
	if (pa >= DENY_BASE && pa < DENY_BASE + DENY_SIZE)
		return MMU_READ_GPF;
	return MMU_READ_SEA;
}

/*
 * Table builder. The test states the geometry (granule, input size and
 * the start level the Arm ARM gives for it); the builder only follows it.
 */
struct tb {
	unsigned gshift;
	unsigned ia_bits;
	int start;
	uint64_t root;
	uint64_t next_free;
	uint64_t tbl_bits; /* ORed into every table descriptor it creates */
	bool be;           /* store descriptors big-endian */
};

static struct tb tb;

static uint64_t *slot(uint64_t pa)
{
	assert_true(pa >= DRAM_BASE && pa < DRAM_BASE + DRAM_SIZE);
	return &dram[(pa - DRAM_BASE) / 8];
}

static uint64_t tb_alloc(void)
{
	uint64_t size = 1ULL << tb.gshift;
	uint64_t pa = (tb.next_free + size - 1) & ~(size - 1);

	assert_true(pa + size <= DRAM_BASE + DRAM_SIZE);
	tb.next_free = pa + size;
	return pa;
}

static void tb_init(unsigned gshift, unsigned ia_bits, int start)
{
	memset(dram, 0, sizeof(dram));
	memset(&tb, 0, sizeof(tb));
	tb.gshift = gshift;
	tb.ia_bits = ia_bits;
	tb.start = start;
	tb.next_free = DRAM_BASE;
	tb.root = tb_alloc();
}

static uint64_t get(uint64_t pa)
{
	uint64_t v = *slot(pa);

	return tb.be ? __builtin_bswap64(v) : v;
}

static void put(uint64_t pa, uint64_t v)
{
	*slot(pa) = tb.be ? __builtin_bswap64(v) : v;
}

/* PA of the descriptor for @va at @level, creating tables above it. */
static uint64_t tb_desc_pa(uint64_t va, int level)
{
	unsigned stride = tb.gshift - 3;
	uint64_t table = tb.root;
	int l;

	for (l = tb.start;; l++) {
		unsigned lsb = tb.gshift + (unsigned)(3 - l) * stride;
		unsigned nbits = (l == tb.start) ? tb.ia_bits - lsb : stride;
		uint64_t pa = table + (((va >> lsb) & ((1ULL << nbits) - 1)) << 3);
		uint64_t d;

		if (l == level)
			return pa;
		d = get(pa);
		if (!(d & D_VALID)) {
			d = tb_alloc() | D_TABLE | tb.tbl_bits;
			put(pa, d);
		}
		table = d & 0x0000FFFFFFFFF000ULL & ~((1ULL << tb.gshift) - 1);
	}
}

static void tb_map(uint64_t va, int level, uint64_t desc)
{
	put(tb_desc_pa(va, level), desc);
}

static uint64_t page(uint64_t pa)
{
	return pa | D_PAGE | D_AF | D_ATTR(0);
}

static uint64_t block(uint64_t pa)
{
	return pa | D_BLOCK | D_AF | D_ATTR(0);
}

/* EL2 regime, 4K, 48-bit VA and PA, MMU on. */
static struct mmu_cfg el2_cfg(void)
{
	struct mmu_cfg c = {
		.regime = MMU_REGIME_EL2,
		.sctlr = SCTLR_M,
		.tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR2_PS(5),
		.ttbr0 = tb.root,
		.mair = MAIR_VAL,
		.pa_bits = 48,
		.granules = MMU_GRAN_4K | MMU_GRAN_16K | MMU_GRAN_64K,
	};
	return c;
}

/* EL1&0 regime, 4K on both halves, 48-bit VA and PA, MMU on. */
static struct mmu_cfg el10_cfg(void)
{
	struct mmu_cfg c = el2_cfg();

	c.regime = MMU_REGIME_EL10;
	c.tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR_T1SZ(16) | TCR_TG1_4K | TCR_IPS(5);
	c.ttbr1 = tb.root;
	return c;
}

static struct mmu_result xlate(const struct mmu_cfg *c, uint64_t va, enum mmu_access acc)
{
	struct mmu_result r;

	memset(&r, 0xA5, sizeof(r)); /* the walk must set every field */
	reads = 0;
	mmu_translate(c, va, acc, fake_read, NULL, &r);
	return r;
}

static void assert_fault(const struct mmu_result *r, enum mmu_fault f, int level)
{
	assert_int_equal(r->fault, f);
	assert_int_equal(r->level, level);
}

#define VA4 0x0000123456789ABCULL /* uses every level-index field of a 48-bit VA */

/* ---- basic walks -------------------------------------------------------- */

static void mmu_translate__el2_4k_four_level_page_gives_pa_and_attributes(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, page(OUT_PA) | D_ATTR(2));
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
	assert_int_equal(reads, 4);
	assert_int_equal(mmu_fsc(&r), 0);
}

static void mmu_translate__device_attr_index_reports_device(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	(void)state;
	tb_init(12, 48, 0);
	tb_map(VA4, 3, page(OUT_PA) | D_ATTR(1));
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
		tb_map(va, 3, page(OUT_PA));
		c = el2_cfg();
		c.tcr = TCR_T0SZ(g->t0sz) | g->tg0 | TCR2_PS(5);
		r = xlate(&c, va, MMU_ACCESS_READ);
		print_message("granule %u T0SZ %u\n", g->gshift, g->t0sz);
		assert_int_equal(r.fault, MMU_OK);
		assert_int_equal(r.pa, OUT_PA | off);
		assert_int_equal(r.map_shift, g->gshift);
		assert_int_equal(reads, (unsigned)(4 - g->start));
		/* One bit above the input size is out of range. */
		r = xlate(&c, va | (1ULL << ia), MMU_ACCESS_READ);
		assert_fault(&r, MMU_FAULT_TRANSLATION, 0);
		assert_int_equal(reads, 0);
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
		tb_map(va, b->level, block(out));
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
	tb_map(VA4, 2, block(OUT_PA | 0x1F000));
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
		tb_map(VA4, b->level, block(0));
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
		tb_map(VA4, 3, page(OUT_PA));
		/* Invalidate the entry at @level (bit 0 clear, other bits set). */
		put(tb_desc_pa(VA4, level), get(tb_desc_pa(VA4, level)) & ~D_VALID);
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
	tb_map(VA4, 3, page(OUT_PA) | D_CONTIG);
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
	tb_map(va, 3, page(OUT_PA));
	c = el10_cfg();
	c.ttbr0 = HOLE_PA; /* must not be used */
	r = xlate(&c, va, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, OUT_PA | 0x678);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
