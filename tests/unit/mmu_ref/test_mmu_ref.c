/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The reference stage-1 walk (tests/mmu_ref/mmu_ref.c), the table builder
 * (tt_build.c) and the whole-access prediction on their own. Every expected
 * value is worked out by hand from the Arm ARM (descriptor addresses from
 * the VA's index bits, FSCs from D17.2.40).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mmu_ref.h"
#include "mmu_ref_mem.h"
#include "tt_build.h"

#define DRAM 0x80000000ULL
#define FLASH 0x00000000ULL
#define DENIED_PAGE (DRAM + 0x00F00000ULL)
#define HOLE 0x40000000ULL

/* TCR values. */
#define EL2_TCR(t0sz, tg0, ps) ((uint64_t)(t0sz) | ((uint64_t)(tg0) << 14) | ((uint64_t)(ps) << 16))
#define TCR_EL2_TBI (1ULL << 20)
#define TCR_EL2_HPD (1ULL << 24)
#define EL1_TCR(t0sz, tg0, t1sz, tg1, ips)                                             \
	((uint64_t)(t0sz) | ((uint64_t)(tg0) << 14) | ((uint64_t)(t1sz) << 16) |       \
	 ((uint64_t)(tg1) << 30) | ((uint64_t)(ips) << 32))
#define TCR_EPD0 (1ULL << 7)
#define TCR_EPD1 (1ULL << 23)
#define TCR_TBI0 (1ULL << 37)
#define TCR_DS (1ULL << 59)
#define SCTLR_M 1ULL
#define SCTLR_A 2ULL
#define SCTLR_WXN (1ULL << 19)
#define SCTLR_EE (1ULL << 25)
#define MAIR_VAL 0x00000000000044FFULL /* Attr0 Normal WB, Attr1 Normal NC, Attr2 Device */

static struct mmu_ref_mem mem;
static struct tt_builder tb;
static uint64_t pages[32];

static int setup(void **state)
{
	memset(&mem, 0, sizeof(mem));
	assert_int_equal(mmu_ref_mem_add(&mem, DRAM, 16 << 20), 0);
	assert_int_equal(mmu_ref_mem_add(&mem, FLASH, 1 << 20), 0);
	assert_int_equal(mmu_ref_mem_deny(&mem, DENIED_PAGE), 0);
	return 0;
}

static int teardown(void **state)
{
	mmu_ref_mem_free(&mem);
	return 0;
}

/* Table pages every granule can use: 64K-aligned, from DRAM. */
static void builder(unsigned gshift, unsigned txsz)
{
	struct tt_cfg c = { .granule_shift = gshift, .txsz = txsz, .pages = pages, .npages = 32,
			    .write = mmu_ref_mem_write, .zero = mmu_ref_mem_zero, .ctx = &mem };

	for (unsigned i = 0; i < 32; i++) {
		pages[i] = DRAM + (uint64_t)i * 0x10000;
	}
	assert_int_equal(tt_init(&tb, &c), 0);
}

static void map(uint64_t va, uint64_t pa, int level, uint64_t attrs)
{
	struct tt_map m = { .va = va, .pa = pa, .level = level, .attrs = attrs };

	assert_int_equal(tt_add(&tb, &m), 0);
}

static struct mmu_cfg el2_cfg(uint64_t tcr)
{
	return (struct mmu_cfg){ .regime = MMU_REGIME_EL2, .sctlr = SCTLR_M, .tcr = tcr,
				 .ttbr0 = tt_ttbr(&tb), .mair = MAIR_VAL, .pa_bits = 48,
				 .granules = MMU_GRAN_4K | MMU_GRAN_16K | MMU_GRAN_64K };
}

static struct mmu_cfg el20_cfg(uint64_t tcr)
{
	struct mmu_cfg c = el2_cfg(tcr);

	c.regime = MMU_REGIME_EL20;
	return c;
}

static struct mmu_result walk(const struct mmu_cfg *c, uint64_t va, enum mmu_access acc)
{
	struct mmu_result r;

	mmu_ref_translate(c, va, acc, mmu_ref_mem_read, &mem, &r);
	return r;
}

static uint64_t mem_desc(uint64_t pa)
{
	uint64_t d = 0;

	assert_int_equal(mmu_ref_mem_read(&mem, pa, &d), MMU_READ_OK);
	return d;
}

static void tt_start_level__matches_hand_computed_levels(void **state)
{
	assert_int_equal(tt_start_level(12, 16), 0);
	assert_int_equal(tt_start_level(12, 24), 0);
	assert_int_equal(tt_start_level(12, 25), 1);
	assert_int_equal(tt_start_level(12, 33), 1);
	assert_int_equal(tt_start_level(12, 34), 2);
	assert_int_equal(tt_start_level(12, 39), 2);
	assert_int_equal(tt_start_level(14, 16), 0);
	assert_int_equal(tt_start_level(14, 17), 1);
	assert_int_equal(tt_start_level(14, 28), 2);
	assert_int_equal(tt_start_level(14, 39), 3);
	assert_int_equal(tt_start_level(16, 16), 1);
	assert_int_equal(tt_start_level(16, 22), 2);
	assert_int_equal(tt_start_level(16, 34), 2);
	assert_int_equal(tt_start_level(16, 35), 3);
	assert_int_equal(tt_root_size(12, 16), 4096);
	assert_int_equal(tt_root_size(12, 20), 256);
	assert_int_equal(tt_root_size(14, 16), 16);
	assert_int_equal(tt_root_size(16, 16), 512);
	assert_int_equal(tt_contig_entries(14, 3), 128);
	assert_int_equal(tt_contig_entries(12, 2), 16);
}

static void tt_build__writes_4k_descriptors_at_the_index_addresses(void **state)
{
	builder(12, 16);
	map(0x40201000, 0x81234000, 3, TT_AF | TT_ATTRIDX(1));
	/* L0 idx 0, L1 idx 1, L2 idx 1, L3 idx 1; tables in the order taken. */
	assert_int_equal(mem_desc(DRAM), (DRAM + 0x10000) | 3);
	assert_int_equal(mem_desc(DRAM + 0x10000 + 8), (DRAM + 0x20000) | 3);
	assert_int_equal(mem_desc(DRAM + 0x20000 + 8), (DRAM + 0x30000) | 3);
	assert_int_equal(mem_desc(DRAM + 0x30000 + 8), 0x81234000ULL | TT_AF | TT_ATTRIDX(1) | 3);
	assert_int_equal(tt_entry_pa(&tb, 0x40201000, 3), DRAM + 0x30008);
	assert_int_equal(tt_ttbr(&tb), DRAM);
	/* A second page in the same last-level table takes no new page. */
	map(0x40202000, 0x81235000, 3, TT_AF);
	assert_int_equal(tb.used, 4);
}

static void tt_build__rejects_a_table_under_a_block_and_bad_levels(void **state)
{
	builder(12, 16);
	map(0x40000000, 0x80000000, 1, TT_AF);
	struct tt_map under = { .va = 0x40001000, .pa = 0, .level = 3, .attrs = TT_AF };
	struct tt_map l0blk = { .va = 0, .pa = 0, .level = 0, .attrs = TT_AF };
	struct tt_map unal = { .va = 0x1000, .pa = 0x200000, .level = 2, .attrs = TT_AF };

	assert_int_equal(tt_add(&tb, &under), -1);
	assert_int_equal(tt_add(&tb, &l0blk), -1);
	assert_int_equal(tt_add(&tb, &unal), -1);
	builder(14, 16);
	struct tt_map l1blk16 = { .va = 0, .pa = 0, .level = 1, .attrs = TT_AF };
	assert_int_equal(tt_add(&tb, &l1blk16), -1);
}

static void tt_build__ors_table_attrs_and_counts_contiguous_runs(void **state)
{
	builder(12, 16);
	struct tt_map m = { .va = 0x200000, .pa = 0x90000000, .level = 3,
			    .attrs = TT_AF | TT_CONTIG, .count = 16 };
	struct tt_map m2 = { .va = 0x400000, .pa = 0x90100000, .level = 3, .attrs = TT_AF,
			     .table_attrs = TT_AP_TABLE_RO };

	assert_int_equal(tt_add(&tb, &m), 0);
	assert_int_equal(mem_desc(tt_entry_pa(&tb, 0x20F000, 3)), 0x9000F000ULL | TT_AF | TT_CONTIG | 3);
	assert_int_equal(tt_add(&tb, &m2), 0);
	/* The shared L0/L1 descriptors now carry APTable[1]. */
	assert_int_equal(mem_desc(DRAM), (DRAM + 0x10000) | TT_AP_TABLE_RO | 3);
}

static void mmu_ref__translates_a_4k_page_through_four_levels(void **state)
{
	builder(12, 16);
	map(0x40201000, 0x81234000, 3, TT_AF | TT_ATTRIDX(1));
	struct mmu_cfg c = el2_cfg(EL2_TCR(16, 0, 5));
	struct mmu_result r = walk(&c, 0x40201567, MMU_ACCESS_READ);

	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.pa, 0x81234567);
	assert_int_equal(r.desc_pa, DRAM + 0x30008);
	assert_int_equal(r.map_shift, 12);
	assert_int_equal(r.attr, 0x44);
	assert_false(r.device);
	assert_true(r.can_read && r.can_write && r.can_exec);
	assert_int_equal(mmu_ref_result_fsc(&r), 0);
}

static void mmu_ref__translates_16k_and_64k_pages_and_blocks(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	/* 16K, T0SZ 28: ia 36, start level 2 (bits 35:25), L3 bits 24:14. */
	builder(14, 28);
	map(0x2004000, 0x7654000, 3, TT_AF);
	c = el2_cfg(EL2_TCR(28, 2, 5));
	r = walk(&c, 0x2004abc, MMU_ACCESS_WRITE);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, 0x7654abc);
	assert_int_equal(r.desc_pa, DRAM + 0x10000 + 1 * 8);
	assert_int_equal(r.level, 3);
	/* 64K, T0SZ 22: ia 42, start level 2 (bits 41:29); a 512M block. */
	builder(16, 22);
	map(0x60000000, 0x20000000, 2, TT_AF);
	c = el2_cfg(EL2_TCR(22, 1, 5));
	r = walk(&c, 0x60001234, MMU_ACCESS_FETCH);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, 0x20001234);
	assert_int_equal(r.map_shift, 29);
	assert_int_equal(r.level, 2);
	assert_int_equal(r.desc_pa, DRAM + 3 * 8);
}

static void mmu_ref__faults_with_the_level_of_the_bad_descriptor(void **state)
{
	struct mmu_cfg c = el2_cfg(EL2_TCR(16, 0, 5));
	struct mmu_result r;

	builder(12, 16);
	c.ttbr0 = tt_ttbr(&tb);
	map(0x1000, 0x81000000, 3, TT_AF);
	assert_int_equal(tt_set_raw(&tb, 0x40000000, 2, 0x80000002ULL), 0); /* invalid at L2 */
	r = walk(&c, 0x40000000, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_FAULT_TRANSLATION);
	assert_int_equal(r.level, 2);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x06);
	assert_int_equal(tt_set_raw(&tb, 0x80000000, 3, 0x81000001ULL), 0); /* 0b01 at L3 */
	r = walk(&c, 0x80000000, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x07);
	map(0x2000, 0x81001000, 3, 0); /* AF = 0 */
	r = walk(&c, 0x2000, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x0B);
	map(0x3000, 0x1000000000000ULL >> 4, 3, TT_AF); /* OA bit 44 with PS 40 below */
	c.tcr = EL2_TCR(16, 0, 2);
	r = walk(&c, 0x3000, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x03);
	/* A 0b01 at L0 of a 4K walk: no level-0 blocks without FEAT_LPA2. */
	assert_int_equal(tt_set_raw(&tb, 0x8000000000ULL, 0, 0x1 | TT_AF), 0);
	r = walk(&c, 0x8000000000ULL, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x04);
	/* A table descriptor pointing at or above the PA size: address size at its level. */
	assert_int_equal(tt_set_raw(&tb, 0x10000000000ULL, 0, (1ULL << 41) | 3), 0);
	r = walk(&c, 0x10000000000ULL, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x00);
	assert_int_equal(r.desc_pa, DRAM + 2 * 8);
}

static void mmu_ref__reports_walk_gpf_and_sea_at_the_table_level(void **state)
{
	struct mmu_cfg c = el2_cfg(EL2_TCR(16, 0, 5));
	struct mmu_result r;

	builder(12, 16);
	map(0x1000, 0x1000, 3, TT_AF);
	/* The L1 entry now points at a level-2 table inside a delegated granule. */
	assert_int_equal(tt_set_raw(&tb, 0x1000, 1, DENIED_PAGE | 3), 0);
	c.ttbr0 = tt_ttbr(&tb);
	r = walk(&c, 0x1000, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_FAULT_GPF_WALK);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x26);
	assert_int_equal(r.desc_pa, DENIED_PAGE);
	c.ttbr0 = HOLE;
	r = walk(&c, 0x1000, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x14);
	c.ttbr0 = 1ULL << 41; /* BADDR above PS = 40 bits */
	c.tcr = EL2_TCR(16, 0, 2);
	r = walk(&c, 0x1000, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x00);
	/* PS above PARange is capped: the same TTBR is in range with PS 48 and pa_bits 44. */
	c.tcr = EL2_TCR(16, 0, 5);
	c.pa_bits = 44;
	r = walk(&c, 0x1000, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_FAULT_SEA_WALK);
	c.ttbr0 = 1ULL << 45;
	r = walk(&c, 0x1000, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_FAULT_ADDR_SIZE);
}

static void mmu_ref__el2_permissions_from_ap2_xn_and_table_bits(void **state)
{
	struct mmu_cfg c = el2_cfg(EL2_TCR(16, 0, 5));
	struct tt_map m = { .va = 0x8000400000ULL, .pa = 0x400000, .level = 3, .attrs = TT_AF,
			    .table_attrs = TT_AP_TABLE_RO | TT_UXN_TABLE };
	struct mmu_result r;

	builder(12, 16);
	c.ttbr0 = tt_ttbr(&tb);
	map(0x1000, 0x1000, 3, TT_AF | TT_AP_RO | TT_AP_EL0); /* AP[1] ignored at EL2 */
	map(0x2000, 0x2000, 3, TT_AF | TT_UXN | TT_PXN);
	assert_int_equal(tt_add(&tb, &m), 0);
	r = walk(&c, 0x1000, MMU_ACCESS_WRITE);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x0F);
	assert_true(r.can_read && !r.can_write && r.can_exec);
	r = walk(&c, 0x2000, MMU_ACCESS_FETCH);
	assert_int_equal(r.fault, MMU_FAULT_PERMISSION);
	/* The table bits were ORed into L0..L2 (L0 index 1): the page inherits them. */
	r = walk(&c, 0x8000400000ULL, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_true(!r.can_write && !r.can_exec);
	c.tcr |= TCR_EL2_HPD; /* hierarchical permissions disabled */
	r = walk(&c, 0x8000400000ULL, MMU_ACCESS_WRITE);
	assert_int_equal(r.fault, MMU_OK);
	assert_true(r.can_write && r.can_exec);
	c.sctlr |= SCTLR_WXN;
	r = walk(&c, 0x8000400000ULL, MMU_ACCESS_FETCH);
	assert_int_equal(r.fault, MMU_FAULT_PERMISSION);
}

static void mmu_ref__el20_ap_pan_and_el0_rules(void **state)
{
	struct mmu_cfg c = el20_cfg(EL1_TCR(16, 0, 16, 2, 5));
	struct mmu_result r;

	builder(12, 16);
	c.ttbr0 = tt_ttbr(&tb);
	map(0x1000, 0x1000, 3, TT_AF);                         /* AP 00 */
	map(0x2000, 0x2000, 3, TT_AF | TT_AP_EL0);             /* AP 01 */
	map(0x3000, 0x3000, 3, TT_AF | TT_AP_EL0 | TT_AP_RO);  /* AP 11 */
	map(0x4000, 0x4000, 3, TT_AF | TT_PXN);
	c.el0 = true;
	r = walk(&c, 0x1000, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x0F);
	assert_true(!r.can_read && !r.can_write && r.can_exec); /* EL0 execute-only */
	r = walk(&c, 0x2000, MMU_ACCESS_WRITE);
	assert_int_equal(r.fault, MMU_OK);
	r = walk(&c, 0x3000, MMU_ACCESS_WRITE);
	assert_int_equal(r.fault, MMU_FAULT_PERMISSION);
	r = walk(&c, 0x4000, MMU_ACCESS_FETCH); /* PXN does not stop EL0 */
	assert_int_equal(r.fault, MMU_OK);
	c.el0 = false;
	r = walk(&c, 0x2000, MMU_ACCESS_FETCH); /* EL0-writable: never privileged-executable */
	assert_int_equal(r.fault, MMU_FAULT_PERMISSION);
	r = walk(&c, 0x3000, MMU_ACCESS_FETCH);
	assert_int_equal(r.fault, MMU_OK);
	r = walk(&c, 0x4000, MMU_ACCESS_FETCH);
	assert_int_equal(r.fault, MMU_FAULT_PERMISSION);
	c.pan = true;
	r = walk(&c, 0x3000, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_FAULT_PERMISSION);
	r = walk(&c, 0x1000, MMU_ACCESS_WRITE);
	assert_int_equal(r.fault, MMU_OK);
	c.unpriv = true; /* LDTR: checked as EL0, PAN does not apply */
	r = walk(&c, 0x3000, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	r = walk(&c, 0x1000, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_FAULT_PERMISSION);
}

static void mmu_ref__el20_ttbr1_half_epd_and_tbi(void **state)
{
	struct mmu_cfg c = el20_cfg(EL1_TCR(16, 0, 16, 2, 5));
	struct mmu_result r;

	builder(12, 16);
	map(0xFFFF000000400000ULL, 0x9000000, 3, TT_AF);
	c.ttbr0 = 0;
	c.ttbr1 = tt_ttbr(&tb);
	r = walk(&c, 0xFFFF000000400010ULL, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, 0x9000010);
	r = walk(&c, 0xFF7F000000400010ULL, MMU_ACCESS_READ); /* bit 55 = 0 half, upper bits not zero */
	assert_int_equal(mmu_ref_result_fsc(&r), 0x04);
	r = walk(&c, 0xFEFF000000400010ULL, MMU_ACCESS_READ); /* tag in the top byte, TBI1 = 0 */
	assert_int_equal(mmu_ref_result_fsc(&r), 0x04);
	c.tcr |= 1ULL << 38;
	r = walk(&c, 0xFEFF000000400010ULL, MMU_ACCESS_READ);
	assert_int_equal(r.pa, 0x9000010);
	c.tcr |= TCR_EPD1;
	r = walk(&c, 0xFFFF000000400010ULL, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x04);
	c.tcr = EL1_TCR(16, 0, 16, 2, 5) | TCR_DS;
	r = walk(&c, 0xFFFF000000400010ULL, MMU_ACCESS_READ);
	assert_int_equal(r.fault, MMU_FAULT_UNSUPPORTED);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x04);
}

static void mmu_ref__clamps_txsz_and_treats_unimplemented_granules_as_4k(void **state)
{
	struct mmu_cfg c;
	struct mmu_result r;

	builder(12, 16);
	map(0x1000, 0x5000, 3, TT_AF);
	c = el2_cfg(EL2_TCR(8, 0, 5)); /* T0SZ 8 -> 16 */
	assert_int_equal(walk(&c, 0x1000, MMU_ACCESS_READ).pa, 0x5000);
	c = el2_cfg(EL2_TCR(16, 1, 5)); /* 64K asked, only 4K implemented */
	c.granules = MMU_GRAN_4K;
	assert_int_equal(walk(&c, 0x1000, MMU_ACCESS_READ).pa, 0x5000);
	c = el2_cfg(EL2_TCR(16, 3, 5)); /* reserved TG0 */
	assert_int_equal(walk(&c, 0x1000, MMU_ACCESS_READ).pa, 0x5000);
	builder(12, 39);
	map(0x1000, 0x6000, 3, TT_AF);
	c = el2_cfg(EL2_TCR(50, 0, 5)); /* T0SZ 50 -> 39: ia 25 */
	assert_int_equal(walk(&c, 0x1000, MMU_ACCESS_READ).pa, 0x6000);
	assert_int_equal(mmu_ref_result_fsc(&(struct mmu_result){ 0 }), 0);
	r = walk(&c, 0x2000000, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x04);
}

static void mmu_ref__big_endian_tables_need_sctlr_ee(void **state)
{
	struct tt_cfg tc = { .granule_shift = 12, .txsz = 16, .pages = pages, .npages = 8,
			     .write = mmu_ref_mem_write, .ctx = &mem, .big_endian = true };
	struct tt_map m = { .va = 0x1000, .pa = 0x7000, .level = 3, .attrs = TT_AF };
	uint64_t ttbr;
	struct mmu_cfg c;
	struct mmu_result r;

	for (unsigned i = 0; i < 8; i++) {
		pages[i] = DRAM + 0x100000 + (uint64_t)i * 0x1000;
	}
	assert_int_equal(tt_build(&tc, &m, 1, &ttbr), 0);
	c = el2_cfg(EL2_TCR(16, 0, 5));
	c.ttbr0 = ttbr;
	c.sctlr |= SCTLR_EE;
	assert_int_equal(walk(&c, 0x1000, MMU_ACCESS_READ).pa, 0x7000);
	c.sctlr &= ~SCTLR_EE;
	r = walk(&c, 0x1000, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x04);
}

static void mmu_ref__mmu_off_is_flat_device_and_checks_pa_size(void **state)
{
	struct mmu_cfg c = el2_cfg(EL2_TCR(16, 0, 5));
	struct mmu_result r;

	c.sctlr = 0;
	r = walk(&c, 0x81234567, MMU_ACCESS_WRITE);
	assert_int_equal(r.fault, MMU_OK);
	assert_int_equal(r.pa, 0x81234567);
	assert_true(r.device && r.can_read && r.can_write && r.can_exec);
	r = walk(&c, 1ULL << 48, MMU_ACCESS_READ);
	assert_int_equal(mmu_ref_result_fsc(&r), 0x00);
	r = walk(&c, 0x5A00000000001000ULL, MMU_ACCESS_READ); /* tag, TBI = 0 */
	assert_int_equal(r.fault, MMU_FAULT_ADDR_SIZE);
	c.tcr |= TCR_EL2_TBI;
	r = walk(&c, 0x5A00000000001000ULL, MMU_ACCESS_READ);
	assert_int_equal(r.pa, 0x1000);
}

static void mmu_ref_check_access__orders_alignment_walk_permission_gpc(void **state)
{
	struct mmu_cfg c = el2_cfg(EL2_TCR(16, 0, 5));
	struct mmu_ref_verdict v;
	struct mmu_ref_access a = { .va = 0x1004, .acc = MMU_ACCESS_READ, .size = 8 };

	builder(12, 16);
	c.ttbr0 = tt_ttbr(&tb);
	map(0x1000, DRAM + 0x200000, 3, TT_AF);
	map(0x2000, DENIED_PAGE, 3, TT_AF);
	map(0x3000, DENIED_PAGE, 3, TT_AF | TT_AP_RO);
	map(0x4000, HOLE, 3, TT_AF);
	map(0x5000, DRAM + 0x300000, 3, TT_AF | TT_ATTRIDX(2)); /* Device */
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.outcome, MMU_REF_ACCESS_OK);
	c.sctlr |= SCTLR_A;
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.fsc, MMU_REF_FSC_ALIGNMENT);
	c.sctlr &= ~SCTLR_A;
	a.va = 0x2010;
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.outcome, MMU_REF_ACCESS_GPF);
	assert_int_equal(v.fsc, 0x28);
	a.va = 0x3010; /* permission before the GPC */
	a.acc = MMU_ACCESS_WRITE;
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.fsc, 0x0F);
	a.va = 0x4010;
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.fsc, MMU_REF_FSC_SEA);
	a.va = 0x5004; /* unaligned to Device memory */
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.outcome, MMU_REF_ACCESS_ALIGNMENT);
	a.va = 0x1FFC; /* crosses into the denied page: the second part faults */
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.outcome, MMU_REF_ACCESS_GPF);
	assert_int_equal(v.fault_va, 0x2000);
	a.va = 0x6000; /* unmapped: translation fault at L3 */
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.fsc, 0x07);
	a.va = 0x1001;
	a.need_align = true; /* e.g. an exclusive */
	mmu_ref_check_access(&c, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
	assert_int_equal(v.outcome, MMU_REF_ACCESS_ALIGNMENT);
	assert_string_equal(mmu_ref_outcome_name(v.outcome), "alignment");
}

static void mmu_ref_compare__reports_the_first_difference(void **state)
{
	struct mmu_result a = { .fault = MMU_OK, .level = 3, .pa = 0x1000, .can_read = true };
	struct mmu_result b = a;
	char why[128];

	assert_int_equal(mmu_ref_compare(&a, &b, 0, true, true, why, sizeof(why)), 0);
	b.pa = 0x2000;
	assert_int_equal(mmu_ref_compare(&a, &b, 0, true, true, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "pa"));
	b = a;
	b.can_write = true;
	assert_int_equal(mmu_ref_compare(&a, &b, 0, true, true, why, sizeof(why)), -1);
	b = a;
	assert_int_equal(mmu_ref_compare(&a, &b, 0x07, true, true, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "fsc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tt_start_level__matches_hand_computed_levels),
		cmocka_unit_test_setup_teardown(tt_build__writes_4k_descriptors_at_the_index_addresses, setup, teardown),
		cmocka_unit_test_setup_teardown(tt_build__rejects_a_table_under_a_block_and_bad_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(tt_build__ors_table_attrs_and_counts_contiguous_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__translates_a_4k_page_through_four_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__translates_16k_and_64k_pages_and_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__faults_with_the_level_of_the_bad_descriptor, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__reports_walk_gpf_and_sea_at_the_table_level, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__el2_permissions_from_ap2_xn_and_table_bits, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__el20_ap_pan_and_el0_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__el20_ttbr1_half_epd_and_tbi, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__clamps_txsz_and_treats_unimplemented_granules_as_4k, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__big_endian_tables_need_sctlr_ee, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref__mmu_off_is_flat_device_and_checks_pa_size, setup, teardown),
		cmocka_unit_test_setup_teardown(mmu_ref_check_access__orders_alignment_walk_permission_gpc, setup, teardown),
		cmocka_unit_test(mmu_ref_compare__reports_the_first_difference),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
