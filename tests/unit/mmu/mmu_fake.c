/* SPDX-License-Identifier: BSD-3-Clause */
/* Fake physical memory and table builder of the mmu unit tests (mmu_fake.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mmu_fake.h"

static uint64_t dram[DRAM_SIZE / 8];
unsigned fake_reads;

enum mmu_read_status fake_read(void *ctx, uint64_t pa, uint64_t *desc)
{
	(void)ctx;
	fake_reads++;
	assert_true((pa & 7) == 0);
	if (pa >= DRAM_BASE && pa < DRAM_BASE + DRAM_SIZE) {
		*desc = dram[(pa - DRAM_BASE) / 8];
		return MMU_READ_OK;
	}
	if (pa >= DENY_BASE && pa < DENY_BASE + DENY_SIZE)
		return MMU_READ_GPF;
	return MMU_READ_SEA;
}

struct tb tb;

static uint64_t *slot(uint64_t pa)
{
	assert_true(pa >= DRAM_BASE && pa < DRAM_BASE + DRAM_SIZE);
	return &dram[(pa - DRAM_BASE) / 8];
}

uint64_t tb_alloc(void)
{
	uint64_t size = 1ULL << tb.gshift;
	uint64_t pa = (tb.next_free + size - 1) & ~(size - 1);

	assert_true(pa + size <= DRAM_BASE + DRAM_SIZE);
	tb.next_free = pa + size;
	return pa;
}

void tb_init(unsigned gshift, unsigned ia_bits, int start)
{
	memset(dram, 0, sizeof(dram));
	memset(&tb, 0, sizeof(tb));
	tb.gshift = gshift;
	tb.ia_bits = ia_bits;
	tb.start = start;
	tb.next_free = DRAM_BASE;
	tb.root = tb_alloc();
}

uint64_t tb_get(uint64_t pa)
{
	uint64_t v = *slot(pa);

	return tb.be ? __builtin_bswap64(v) : v;
}

void tb_put(uint64_t pa, uint64_t v)
{
	*slot(pa) = tb.be ? __builtin_bswap64(v) : v;
}

uint64_t tb_desc_pa(uint64_t va, int level)
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
		d = tb_get(pa);
		if (!(d & D_VALID)) {
			d = tb_alloc() | D_TABLE | tb.tbl_bits;
			tb_put(pa, d);
		}
		table = d & 0x0000FFFFFFFFF000ULL & ~((1ULL << tb.gshift) - 1);
	}
}

void tb_map(uint64_t va, int level, uint64_t desc)
{
	tb_put(tb_desc_pa(va, level), desc);
}

uint64_t tb_page(uint64_t pa)
{
	return pa | D_PAGE | D_AF | D_ATTR(0);
}

uint64_t tb_block(uint64_t pa)
{
	return pa | D_BLOCK | D_AF | D_ATTR(0);
}

struct mmu_cfg el2_cfg(void)
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

struct mmu_cfg el10_cfg(void)
{
	struct mmu_cfg c = el2_cfg();

	c.regime = MMU_REGIME_EL10;
	c.tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR_T1SZ(16) | TCR_TG1_4K | TCR_IPS(5);
	c.ttbr1 = tb.root;
	return c;
}

struct mmu_result xlate(const struct mmu_cfg *c, uint64_t va, enum mmu_access acc)
{
	struct mmu_result r;

	memset(&r, 0xA5, sizeof(r)); /* the walk must set every field */
	fake_reads = 0;
	mmu_translate(c, va, acc, fake_read, NULL, &r);
	return r;
}

void assert_fault(const struct mmu_result *r, enum mmu_fault f, int level)
{
	assert_int_equal(r->fault, f);
	assert_int_equal(r->level, level);
}

