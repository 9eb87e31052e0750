/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The production stage-1 walk (sim/src/mmu, mmu_translate) against the
 * independent reference (tests/mmu_ref) over a generated matrix:
 *
 *   regime (EL2, EL2&0, EL1&0) x granule (4K, 16K, 64K) x TnSZ (start
 *   levels 0..3, plus a clamped value) x half (TTBR0, TTBR1) x leaf (page,
 *   L2 block, L1 block) x contiguous x table placement (normal DRAM, a
 *   flash-like region, a delegated granule = GPF, a hole = SEA; the root
 *   or the leaf's table) x identity/alias mapping
 *
 * and in every table set, slots for all AP x {UXN, PXN} leaves, table
 * APTable/XNTable bits, AF = 0, an invalid leaf and an OA beyond PS;
 * each slot accessed for read/write/fetch x EL0/privileged/PAN/unprivileged
 * x untagged/TBI-tagged VA x WXN, and with the MMU off. For every point the
 * two walks must give the same fault, level, FSC, descriptor PA, PA and
 * permissions; an output PA in a delegated granule must predict GPF 0x28
 * (mmu_ref_check_access). PS and SCTLR.EE rotate from one table set to the next.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mmu.h"
#include "mmu_ref.h"
#include "mmu_ref_mem.h"
#include "tt_build.h"

#define DRAM 0x80000000ULL
#define DRAM_SIZE (32ULL << 20)
#define FLASH 0x0ULL
#define FLASH_SIZE (4ULL << 20)
#define FLASH_TABLE (FLASH + 0x100000ULL)
#define DENIED (DRAM + 0x1F00000ULL) /* a 64K delegated page */
#define HOLE 0x40000000ULL
#define ALIAS 0x8000000000ULL
#define MAIR_VAL 0x000000000004FF44ULL
#define TAG 0x5A00000000000000ULL
#define NPAGES 400

enum placement { PL_DRAM, PL_FLASH, PL_DELEGATED, PL_HOLE };

static struct mmu_ref_mem mem;
static struct tt_builder tb;
static uint64_t pages[NPAGES];
static unsigned long points, ok_points, gpf_points;
static bool big_endian;

struct slot {
	uint64_t va, pa;
	bool mapped;
};

#define MAX_SLOTS 32
static struct slot slots[MAX_SLOTS];
static unsigned nslots;

static int setup(void **state)
{
	memset(&mem, 0, sizeof(mem));
	assert_int_equal(mmu_ref_mem_add(&mem, DRAM, DRAM_SIZE), 0);
	assert_int_equal(mmu_ref_mem_add(&mem, FLASH, FLASH_SIZE), 0);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(mmu_ref_mem_deny(&mem, DENIED + i * 0x1000ULL), 0);
	}
	for (unsigned i = 0; i < NPAGES; i++) {
		pages[i] = DRAM + (uint64_t)i * 0x10000;
	}
	return 0;
}

static int teardown(void **state)
{
	mmu_ref_mem_free(&mem);
	return 0;
}

static unsigned tg_field(enum mmu_regime r, unsigned half, unsigned g)
{
	if (half == 1) {
		return g == 12 ? 2 : g == 14 ? 1 : 3;
	}
	return g == 12 ? 0 : g == 14 ? 2 : 1;
}

static uint64_t make_tcr(enum mmu_regime r, unsigned g, unsigned txsz, unsigned ps, bool tbi)
{
	if (r == MMU_REGIME_EL2) {
		return txsz | ((uint64_t)tg_field(r, 0, g) << 14) | ((uint64_t)ps << 16) |
		       (tbi ? 1ULL << 20 : 0);
	}
	return txsz | ((uint64_t)tg_field(r, 0, g) << 14) | ((uint64_t)txsz << 16) |
	       ((uint64_t)tg_field(r, 1, g) << 30) | ((uint64_t)ps << 32) |
	       (tbi ? (3ULL << 37) : 0);
}

static void add_slot(uint64_t va, uint64_t pa, int level, uint64_t attrs, uint64_t tattrs,
		     unsigned count)
{
	struct tt_map m = { .va = va, .pa = pa, .level = level, .attrs = attrs,
			    .table_attrs = tattrs, .count = count };

	assert_true(nslots < MAX_SLOTS);
	if (tt_add(&tb, &m) != 0) {
		fail_msg("tt_add va 0x%llx pa 0x%llx level %d count %u (slot %u)", (unsigned long long)va,
			 (unsigned long long)pa, level, count, nslots);
	}
	slots[nslots++] = (struct slot){ va, pa, true };
}

static void raw_slot(uint64_t va, int level, uint64_t desc)
{
	assert_int_equal(tt_set_raw(&tb, va, level, desc), 0);
	slots[nslots++] = (struct slot){ va, 0, false };
}

static void write_desc(uint64_t pa, uint64_t d)
{
	assert_int_equal(mmu_ref_mem_write(&mem, pa, big_endian ? __builtin_bswap64(d) : d), 0);
}

/* Moves the table at @level on @va's path to the placement's page; returns the new TTBR. */
static uint64_t relocate(enum placement pl, unsigned g, unsigned txsz, uint64_t va, int level,
			 int start, uint64_t ttbr)
{
	uint64_t dst = pl == PL_DRAM ? 0 : pl == PL_FLASH ? FLASH_TABLE : pl == PL_DELEGATED ? DENIED : HOLE;
	uint64_t src, len, parent = 0, pdesc = 0;
	uint8_t *s, *d;

	if (pl == PL_DRAM) {
		return ttbr;
	}
	if (level == start) {
		src = ttbr;
		len = tt_root_size(g, txsz);
	} else {
		parent = tt_entry_pa(&tb, va, level - 1);
		assert_int_equal(mmu_ref_mem_read(&mem, parent, &pdesc), MMU_READ_OK);
		if (big_endian) {
			pdesc = __builtin_bswap64(pdesc);
		}
		src = pdesc & 0x0000FFFFFFFFF000ULL & ~((1ULL << g) - 1);
		len = 1ULL << g;
	}
	s = mmu_ref_mem_ptr(&mem, src, len);
	d = mmu_ref_mem_ptr(&mem, dst, len);
	assert_non_null(s);
	if (d != NULL) {
		memcpy(d, s, len);
	}
	if (level == start) {
		return dst;
	}
	write_desc(parent, (pdesc & ~0x0000FFFFFFFFF000ULL) | dst);
	return ttbr;
}

static void compare_one(const struct mmu_cfg *cfg, uint64_t va, enum mmu_access acc, const char *what)
{
	struct mmu_result ref, got;
	char why[160];

	mmu_ref_translate(cfg, va, acc, mmu_ref_mem_read, &mem, &ref);
	memset(&got, 0x5A, sizeof(got));
	mmu_translate(cfg, va, acc, mmu_ref_mem_read, &mem, &got);
	points++;
	if (mmu_ref_compare(&ref, &got, mmu_fsc(&got), (cfg->sctlr & 1) != 0, ref.desc_pa != 0, why,
			    sizeof(why)) != 0) {
		fail_msg("%s: regime %d tcr 0x%llx sctlr 0x%llx ttbr 0x%llx/0x%llx va 0x%llx acc %d "
			 "el0 %d pan %d unpriv %d: %s",
			 what, cfg->regime, (unsigned long long)cfg->tcr, (unsigned long long)cfg->sctlr,
			 (unsigned long long)cfg->ttbr0, (unsigned long long)cfg->ttbr1,
			 (unsigned long long)va, acc, cfg->el0, cfg->pan, cfg->unpriv, why);
	}
	if (got.fault == MMU_OK) {
		struct mmu_ref_access a = { .va = va & ~7ULL, .acc = acc, .size = 8 };
		struct mmu_ref_verdict v;

		ok_points++;
		mmu_ref_check_access(cfg, &a, mmu_ref_mem_read, &mem, mmu_ref_mem_gpc, &mem, &v);
		if (mmu_ref_mem_denied(&mem, got.pa)) {
			gpf_points++;
			assert_int_equal(v.outcome, MMU_REF_ACCESS_GPF);
			assert_int_equal(v.fsc, 0x28);
		} else {
			assert_int_not_equal(v.outcome, MMU_REF_ACCESS_GPF);
		}
	}
}

/* Every access kind and privilege to every slot of the current table set. */
static void access_all(struct mmu_cfg *cfg, uint64_t off_mask, bool full)
{
	static const enum mmu_access accs[] = { MMU_ACCESS_READ, MMU_ACCESS_WRITE, MMU_ACCESS_FETCH };
	unsigned nprivs = cfg->regime == MMU_REGIME_EL2 ? 1 : 4;

	for (unsigned s = 0; s < nslots; s++) {
		for (unsigned p = 0; p < (full ? nprivs : 1); p++) {
			cfg->el0 = p == 1;
			cfg->pan = p == 2 || p == 3;
			cfg->unpriv = p == 3;
			for (unsigned a = 0; a < 3; a++) {
				for (unsigned t = 0; t < (full ? 4U : 1U); t++) {
					uint64_t va = slots[s].va + (0x18 & off_mask);
					uint64_t tcr = cfg->tcr;

					if (t & 1) {
						va ^= TAG;
					}
					if (t & 2) {
						cfg->sctlr ^= 1ULL << 19; /* WXN */
						cfg->tcr ^= cfg->regime == MMU_REGIME_EL2 ? 1ULL << 20 : 3ULL << 37;
					}
					compare_one(cfg, va, accs[a], "mmu on");
					cfg->tcr = tcr;
					if (t & 2) {
						cfg->sctlr ^= 1ULL << 19;
					}
				}
			}
		}
	}
	cfg->el0 = cfg->pan = cfg->unpriv = false;
}

static uint64_t level_size(unsigned g, int level)
{
	return 1ULL << (g + (unsigned)(3 - level) * (g - 3));
}

/* One table set: slots, placement, then every access. */
static void run_set(enum mmu_regime r, unsigned g, unsigned txsz_field, unsigned half, int leaf,
		    bool contig, enum placement pl, bool at_leaf, bool identity, unsigned n)
{
	static const unsigned ps_cycle[3] = { 2, 5, 7 };
	unsigned txsz = txsz_field < 16 ? 16 : txsz_field > 39 ? 39 : txsz_field;
	int start = tt_start_level(g, txsz);
	unsigned ia = 64 - txsz, ncont = contig ? tt_contig_entries(g, leaf) : 1;
	uint64_t stride = level_size(g, leaf) * ncont, top = start < leaf ? level_size(g, start) : 0;
	uint64_t base = half ? ~0ULL << ia : 0, ttbr;
	struct tt_cfg tc = { .granule_shift = g, .txsz = txsz, .pages = pages, .npages = NPAGES,
			     .write = mmu_ref_mem_write, .zero = mmu_ref_mem_zero, .ctx = &mem };
	struct mmu_cfg cfg;
	unsigned k = 0;

	big_endian = (n & 1) != 0;
	tc.big_endian = big_endian;
	nslots = 0;
	assert_int_equal(tt_init(&tb, &tc), 0);
	/* 16 permission slots, then AF = 0, an invalid leaf, an OA beyond 40 bits. */
	for (unsigned ap = 0; ap < 4; ap++) {
		for (unsigned xn = 0; xn < 4; xn++, k++) {
			uint64_t va = base + k * stride;
			uint64_t pa = identity ? va : ALIAS + k * stride;

			if (k == 0 && !identity) {
				pa = DENIED & ~(stride - 1); /* the GPC decision on the output */
			}
			add_slot(va, pa, leaf,
				 TT_AF | ((uint64_t)ap << 6) | (xn & 1 ? TT_UXN : 0) | (xn & 2 ? TT_PXN : 0) |
					 (contig ? TT_CONTIG : 0) | TT_ATTRIDX(k % 3),
				 0, ncont);
		}
	}
	add_slot(base + k * stride, ALIAS + k * stride, leaf, TT_ATTRIDX(1), 0, ncont);
	k++;
	raw_slot(base + k * stride, leaf, 0x2);
	k++;
	add_slot(base + k * stride, 1ULL << 41, leaf, TT_AF, 0, ncont);
	k++;
	if (leaf == 3) {
		raw_slot(base + k * stride, 3, ALIAS | TT_AF | 1); /* 0b01 at level 3 */
	} else {
		raw_slot(base + k * stride, leaf, ALIAS | TT_AF | 3); /* table to unmapped tables */
	}
	k++;
	/* Hierarchical bits in their own start-level entries (when there is a table level). */
	if (top != 0 && (1ULL << ia) / top > 5) {
		static const uint64_t tbits[4] = { TT_AP_TABLE_RO, TT_AP_TABLE_NO_EL0, TT_UXN_TABLE, TT_PXN_TABLE };

		for (unsigned j = 0; j < 4; j++) {
			uint64_t va = base + (j + 1) * top;

			add_slot(va, identity ? va : ALIAS + j * top, leaf,
				 TT_AF | TT_AP_EL0 | (contig ? TT_CONTIG : 0), tbits[j], ncont);
		}
	}
	ttbr = relocate(pl, g, txsz, slots[0].va, at_leaf ? leaf : start, start, tt_ttbr(&tb));
	cfg = (struct mmu_cfg){ .regime = r, .sctlr = 1 | (big_endian ? 1ULL << 25 : 0),
				.tcr = make_tcr(r, g, txsz_field, ps_cycle[n % 3], false),
				.ttbr0 = half ? 0 : ttbr, .ttbr1 = half ? ttbr : 0, .mair = MAIR_VAL,
				.pa_bits = 44, .granules = MMU_GRAN_4K | MMU_GRAN_16K | MMU_GRAN_64K };
	access_all(&cfg, pl <= PL_FLASH ? ~0ULL : 0, pl <= PL_FLASH);
	/* The MMU off: the same VAs flat (tag, TBI and PA size rules). */
	cfg.sctlr &= ~1ULL;
	compare_one(&cfg, slots[0].va + 0x18, MMU_ACCESS_READ, "mmu off");
	compare_one(&cfg, (slots[0].va + 0x18) ^ TAG, MMU_ACCESS_WRITE, "mmu off");
	cfg.tcr ^= r == MMU_REGIME_EL2 ? 1ULL << 20 : 3ULL << 37;
	compare_one(&cfg, (DRAM + 0x18) ^ TAG, MMU_ACCESS_FETCH, "mmu off");
}

static bool leaf_fits(unsigned g, unsigned txsz, int leaf, bool contig)
{
	int start = tt_start_level(g, txsz);
	uint64_t stride = level_size(g, leaf) * (contig ? tt_contig_entries(g, leaf) : 1);

	if (leaf < start || (leaf == 1 && g != 12)) {
		return false;
	}
	/* 20 slots in the first start-level entry (or the whole root when leaf == start). */
	return 20 * stride <= (start < leaf ? level_size(g, start) : 1ULL << (64 - txsz)) &&
	       ALIAS + 20 * stride < (1ULL << 40);
}

static void mmu_translate__matches_the_reference_over_the_matrix(void **state)
{
	static const enum mmu_regime regimes[] = { MMU_REGIME_EL2, MMU_REGIME_EL20, MMU_REGIME_EL10 };
	static const unsigned grans[] = { 12, 14, 16 };
	static const unsigned txszs[] = { 12, 16, 20, 25, 28, 33, 36, 39, 44 };
	unsigned n = 0;

	for (unsigned ri = 0; ri < 3; ri++) {
		for (unsigned gi = 0; gi < 3; gi++) {
			for (unsigned ti = 0; ti < sizeof(txszs) / sizeof(txszs[0]); ti++) {
				unsigned txsz = txszs[ti] < 16 ? 16 : txszs[ti] > 39 ? 39 : txszs[ti];

				for (unsigned half = 0; half < (ri == 0 ? 1U : 2U); half++) {
					for (int leaf = 1; leaf <= 3; leaf++) {
						for (unsigned c = 0; c < 2; c++) {
							if (!leaf_fits(grans[gi], txsz, leaf, c)) {
								continue;
							}
							for (unsigned pl = 0; pl < 4; pl++) {
								for (unsigned at_leaf = 0; at_leaf < 2; at_leaf++) {
									for (unsigned id = 0; id < (half ? 1U : 2U); id++) {
										run_set(regimes[ri], grans[gi], txszs[ti], half, leaf, c,
											(enum placement)pl, at_leaf, id == 1, n++);
									}
								}
							}
						}
					}
				}
			}
		}
	}
	print_message("mmu matrix: %u table sets, %lu points (%lu translated, %lu GPC-denied outputs)\n",
		      n, points, ok_points, gpf_points);
	assert_true(gpf_points > 0);
	assert_true(ok_points > points / 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(mmu_translate__matches_the_reference_over_the_matrix, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
