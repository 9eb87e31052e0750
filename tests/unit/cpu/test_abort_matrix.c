/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host CPU's abort path (sim/src/cpu/abort_decide.c, as abort.c calls
 * it: instruction decode -> alignment -> walk -> memory map -> GPC ->
 * syndrome) against the independent reference (tests/mmu_ref,
 * mmu_ref_check_access) over a generated matrix:
 *
 *   access kind (LDR/STR of 1, 2, 4, 8 bytes, LDR/STR Q, LDP/STP X,
 *   LDXR/STXR, LDAR/STLR, LDTR/STTR, DC ZVA, instruction fetch) x alignment (aligned,
 *   +1, +4, +8, crossing into the next mapping) x granule (4K, 16K, 64K) x
 *   leaf (page, block) x leaf table placement (DRAM, NV flash, a delegated
 *   granule = walk GPF, a hole = walk SEA) x identity/alias x MMU on/off x
 *   SCTLR.A x regime/EL (EL2; EL1&0 at EL1 and EL0)
 *
 * over slots mapping read-write, read-only, EL1-only and execute-never
 * pages, a delegated output PA, an access-flag fault, an invalid entry, a
 * hole and a device. Every point's fault/no-fault decision and syndrome
 * (FSC, FAR, WnR, instruction or data abort) must be the reference's; a
 * decision without a fault must fill the pages with the reference's PAs.
 *
 * The alignment rule written here (the reference's own rule is only
 * SCTLR.A and Device memory by access size): exclusives and load-acquire /
 * store-release need their size aligned whatever SCTLR.A says; a pair is
 * two accesses of its element size; DC ZVA is a 64-byte write of the
 * aligned block that reports FAR = Xt. Not compared (not modelled, see
 * docs/emulation.md): unaligned accesses to Device memory with the MMU on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cpu_private.h"
#include "mmu_ref.h"
#include "mmu_ref_mem.h"
#include "tt_build.h"

#define DRAM 0x80000000ULL
#define DRAM_SIZE (1ULL << 30)
#define FLASH 0x0ULL
#define FLASH_SIZE (4ULL << 20)
#define FLASH_TABLE (FLASH + 0x100000ULL)
#define MMIO 0x20000000ULL
#define MMIO_SIZE 0x10000ULL
#define HOLE 0x40000000ULL
#define P_RW DRAM
#define P_DEN 0xA0000000ULL        /* 512 MiB aligned: its first 64 KiB are delegated */
#define DENIED_TABLE 0xA0100000ULL /* a delegated page for a table */
#define TABLES 0xB0000000ULL
#define VA_BASE 0x4000000000ULL
#define MAIR_VAL 0x00000000000000FFULL /* attr 0 Normal WB, attr 1 Device-nGnRnE */
#define NPAGES 64
#define TXSZ 25U

enum placement { PL_DRAM, PL_FLASH, PL_DELEGATED, PL_HOLE };

static struct mmu_ref_mem mem;
static struct tt_builder tb;
static uint64_t pages[NPAGES];
static unsigned long points, faults_seen, fills_seen, gpfs_seen;

/* ---- the memory map as the CPU sees it ---- */

static enum cpu_pa_kind t_pa_kind(void *ctx, pa_t pa)
{
	if (pa >= MMIO && pa < MMIO + MMIO_SIZE)
		return CPU_PA_MMIO;
	return mmu_ref_mem_ptr(ctx, pa, 1) ? CPU_PA_RAM : CPU_PA_NONE;
}

static bool t_gpc_denies(void *ctx, enum gpt_access acc, pa_t pa)
{
	(void)acc;
	return mmu_ref_mem_denied(ctx, pa);
}

/* The reference's GPC: the same map, a device answers data but not fetches. */
static enum mmu_read_status ref_gpc(void *ctx, uint64_t pa, enum mmu_access acc)
{
	if (pa >= MMIO && pa < MMIO + MMIO_SIZE)
		return acc == MMU_ACCESS_FETCH ? MMU_READ_SEA : MMU_READ_OK;
	return mmu_ref_mem_gpc(ctx, pa, acc);
}

static uint64_t x1_value;

static uint64_t t_xreg(void *ctx, unsigned n)
{
	(void)ctx;
	return n == 1 ? x1_value : 0;
}

/* ---- access kinds: encodings (Rt = x0, Rt2 = x2, Rn = x1) and their accesses ---- */

struct kind {
	const char *name;
	uint32_t insn;
	unsigned n, size;   /* accesses of @size bytes at VA, VA + size */
	bool store, need_align, zva, fetch;
	bool unpriv;        /* LDTR/STTR: checked as EL0 when executed at EL1 */
};

static const struct kind kinds[] = {
	{ "ldrb", 0x39400020U, 1, 1, false, false, false, false },
	{ "strh", 0x79000020U, 1, 2, true, false, false, false },
	{ "ldr w", 0xB9400020U, 1, 4, false, false, false, false },
	{ "str x", 0xF9000020U, 1, 8, true, false, false, false },
	{ "ldr q", 0x3DC00020U, 1, 16, false, false, false, false },
	{ "str q", 0x3D800020U, 1, 16, true, false, false, false },
	{ "ldp x", 0xA9400820U, 2, 8, false, false, false, false },
	{ "stp x", 0xA9000820U, 2, 8, true, false, false, false },
	{ "ldxr x", 0xC85F7C20U, 1, 8, false, true, false, false },
	{ "stxr x", 0xC8037C20U, 1, 8, true, true, false, false },
	{ "ldar x", 0xC8DFFC20U, 1, 8, false, true, false, false },
	{ "stlr w", 0x889FFC20U, 1, 4, true, true, false, false },
	{ "dc zva", 0xD50B7421U, 1, 64, true, false, true, false },
	{ "fetch", 0, 1, 4, false, false, false, true },
	{ "ldtr x", 0xF8400820U, 1, 8, false, false, false, false, true },
	{ "sttr w", 0xB8000820U, 1, 4, true, false, false, false, true },
};

/* ---- slots of one table set ---- */

struct slot {
	uint64_t va;
	bool device;
};
#define NSLOTS 10
static struct slot slots[NSLOTS];

static void map(unsigned k, uint64_t va, uint64_t pa, int level, uint64_t attrs)
{
	struct tt_map m = { .va = va, .pa = pa, .level = level, .attrs = attrs };

	if (tt_add(&tb, &m) != 0)
		fail_msg("tt_add slot %u va 0x%llx pa 0x%llx level %d", k, (unsigned long long)va,
			 (unsigned long long)pa, level);
	slots[k] = (struct slot){ va, (attrs & TT_ATTRIDX(7)) == TT_ATTRIDX(1) };
}

static uint64_t level_size(unsigned g, int level)
{
	return 1ULL << (g + (unsigned)(3 - level) * (g - 3));
}

static void write_desc(uint64_t pa, uint64_t d)
{
	assert_int_equal(mmu_ref_mem_write(&mem, pa, d), 0);
}

/* Moves the leaf's table to the placement's page and points its parent at it. */
static void relocate(enum placement pl, unsigned g, uint64_t va, int level)
{
	uint64_t dst = pl == PL_FLASH ? FLASH_TABLE : pl == PL_DELEGATED ? DENIED_TABLE : HOLE;
	uint64_t parent, pdesc = 0, src;
	uint8_t *s, *d;

	if (pl == PL_DRAM)
		return;
	parent = tt_entry_pa(&tb, va, level - 1);
	assert_int_equal(mmu_ref_mem_read(&mem, parent, &pdesc), MMU_READ_OK);
	src = pdesc & 0x0000FFFFFFFFF000ULL & ~((1ULL << g) - 1);
	s = mmu_ref_mem_ptr(&mem, src, 1ULL << g);
	d = mmu_ref_mem_ptr(&mem, dst, 1ULL << g);
	assert_non_null(s);
	if (d)
		memcpy(d, s, 1ULL << g);
	write_desc(parent, (pdesc & ~0x0000FFFFFFFFF000ULL) | dst);
}

static void build(unsigned g, int leaf, enum placement pl, bool identity)
{
	uint64_t st = level_size(g, leaf), ap_el0 = TT_AP_EL0;
	struct tt_cfg tc = { .granule_shift = g, .txsz = TXSZ, .pages = pages, .npages = NPAGES,
			     .write = mmu_ref_mem_write, .zero = mmu_ref_mem_zero, .ctx = &mem };
	uint64_t nrm = TT_AF | TT_SH_INNER | TT_ATTRIDX(0);

	assert_int_equal(tt_init(&tb, &tc), 0);
	/* 0: RW (EL0 too) -> DRAM, identity or alias; 1: RO; 2: RW -> delegated. */
	map(0, identity ? P_RW : VA_BASE, P_RW, leaf, nrm | ap_el0);
	map(1, VA_BASE + 1 * st, P_RW, leaf, nrm | ap_el0 | TT_AP_RO);
	map(2, identity ? P_DEN : VA_BASE + 2 * st, P_DEN, leaf, nrm | ap_el0);
	/* 3: AF = 0; 4: invalid; 5: -> a hole; 6: device; 7: EL1 only; 8: XN; 9: RW again. */
	map(3, VA_BASE + 3 * st, P_RW, leaf, TT_SH_INNER | ap_el0);
	assert_int_equal(tt_set_raw(&tb, VA_BASE + 4 * st, leaf, 0), 0);
	slots[4] = (struct slot){ VA_BASE + 4 * st, false };
	map(5, VA_BASE + 5 * st, HOLE, leaf, nrm | ap_el0);
	map(6, VA_BASE + 6 * st, MMIO, leaf, TT_AF | TT_ATTRIDX(1) | ap_el0 | TT_UXN | TT_PXN);
	map(7, VA_BASE + 7 * st, P_RW, leaf, nrm);
	map(8, VA_BASE + 8 * st, P_RW, leaf, nrm | ap_el0 | TT_UXN | TT_PXN);
	map(9, VA_BASE + 9 * st, P_RW, leaf, nrm | ap_el0);
	relocate(pl, g, VA_BASE, leaf);
}

/* ---- one point ---- */

struct expect {
	bool fault;
	unsigned fsc;
	uint64_t far;
	bool wnr, fetch;
};

static void predict(const struct mmu_cfg *rcfg, unsigned el, const struct kind *k, uint64_t va,
		    struct expect *e)
{
	uint64_t base = k->zva ? va & ~63ULL : va;
	struct mmu_cfg c = *rcfg;
	const struct mmu_cfg *cfg = &c;

	c.unpriv = k->unpriv && el == 1;
	*e = (struct expect){ .fetch = k->fetch };
	for (unsigned i = 0; i < k->n; i++) {
		struct mmu_ref_access a = { .va = base + i * k->size,
					    .acc = k->fetch ? MMU_ACCESS_FETCH :
						   k->store ? MMU_ACCESS_WRITE : MMU_ACCESS_READ,
					    .size = k->size, .need_align = k->need_align };
		struct mmu_ref_verdict v;

		mmu_ref_check_access(cfg, &a, mmu_ref_mem_read, &mem, ref_gpc, &mem, &v);
		if (v.outcome != MMU_REF_ACCESS_OK) {
			e->fault = true;
			e->fsc = v.fsc;
			e->far = k->zva ? va : v.fault_va;
			e->wnr = k->store;
			return;
		}
	}
}

/* Would the point touch Device memory unaligned with the MMU on (not modelled)? */
static bool device_unaligned(const struct mmu_cfg *cfg, const struct kind *k, unsigned s,
			     uint64_t va)
{
	return (cfg->sctlr & 1) && slots[s].device && !k->fetch && (va & (k->size - 1));
}

static void point(const struct cpu_regime *rg, unsigned el, const struct kind *k, unsigned s,
		  uint64_t va, const char *ctx)
{
	struct abort_mem am = { .read_desc = mmu_ref_mem_read, .pa_kind = t_pa_kind,
				.gpc_denies = t_gpc_denies, .ctx = &mem };
	struct abort_decision d;
	struct a64_mem_insn m;
	struct expect e;

	if (device_unaligned(&rg->cfg, k, s, va))
		return;
	if (k->fetch && (va & 3))
		return; /* a PC alignment fault, not an abort of this path */
	predict(&rg->cfg, el, k, va, &e);
	if (k->fetch) {
		abort_decide_fetch(rg, el, va, &am, &d);
	} else {
		x1_value = va;
		assert_int_equal(a64_mem_decode(k->insn, 0x1000, t_xreg, NULL, 64, &m), A64_MEM_OK);
		abort_decide_data(rg, el, &m, &am, &d);
	}
	points++;
	if (d.verdict == ABORT_UNDECIDED)
		fail_msg("%s %s slot %u va 0x%llx: undecided (%s)", ctx, k->name, s,
			 (unsigned long long)va, d.why);
	if (e.fault != (d.verdict == ABORT_FAULT) ||
	    (e.fault && (d.ab.fsc != e.fsc || d.ab.far != e.far || d.ab.wnr != e.wnr ||
			 d.ab.fetch != e.fetch)))
		fail_msg("%s %s slot %u va 0x%llx: expected %s fsc 0x%x far 0x%llx wnr %d, "
			 "got %s fsc 0x%x far 0x%llx wnr %d fetch %d",
			 ctx, k->name, s, (unsigned long long)va, e.fault ? "fault" : "no fault", e.fsc,
			 (unsigned long long)e.far, e.wnr, d.verdict == ABORT_FAULT ? "fault" : "fill",
			 d.ab.fsc, (unsigned long long)d.ab.far, d.ab.wnr, d.ab.fetch);
	if (e.fault) {
		faults_seen++;
		gpfs_seen += e.fsc == 0x28 || (e.fsc >= 0x24 && e.fsc <= 0x27);
		return;
	}
	/* Each filled 4 KiB page maps to the PA the reference gives it. */
	fills_seen++;
	assert_true(d.nfill >= 1);
	for (unsigned i = 0; i < d.nfill; i++) {
		struct mmu_result r;

		mmu_ref_translate(&rg->cfg, d.fill[i].va, k->fetch ? MMU_ACCESS_FETCH : MMU_ACCESS_READ,
				  mmu_ref_mem_read, &mem, &r);
		if (r.fault != MMU_OK && r.fault != MMU_FAULT_PERMISSION)
			fail_msg("%s %s: fill of 0x%llx the reference does not translate", ctx,
				 k->name, (unsigned long long)d.fill[i].va);
		assert_int_equal(d.fill[i].pa, r.pa & ~0xFFFULL);
		if (el == 2)
			assert_int_equal(d.fill[i].perm.write, r.can_write);
	}
}

static uint64_t tcr_for(enum mmu_regime r, unsigned g)
{
	unsigned tg0 = g == 12 ? 0 : g == 14 ? 2 : 1;

	if (r == MMU_REGIME_EL2)
		return (1ULL << 31) | (1ULL << 23) | (2ULL << 16) | ((uint64_t)tg0 << 14) | TXSZ;
	return (2ULL << 32) | (1ULL << 23) | ((uint64_t)tg0 << 14) | TXSZ; /* EPD1, IPS 40 bits */
}

static void run_set(unsigned g, int leaf, enum placement pl, bool identity)
{
	static const unsigned offs[] = { 0x100, 0x101, 0x104, 0x108 };
	uint64_t st = level_size(g, leaf);
	char ctx[160];

	build(g, leaf, pl, identity);
	for (unsigned ri = 0; ri < 3; ri++) {
		unsigned el = ri == 0 ? 2 : ri == 1 ? 1 : 0;
		enum mmu_regime r = ri == 0 ? MMU_REGIME_EL2 : MMU_REGIME_EL10;

		for (unsigned mmu_on = 0; mmu_on < 2; mmu_on++) {
			for (unsigned a = 0; a < 2; a++) {
				struct cpu_regime rg = {
					.cfg = { .regime = r, .sctlr = (mmu_on ? 1ULL : 0) | (a ? 2ULL : 0),
						 .tcr = tcr_for(r, g), .ttbr0 = tt_ttbr(&tb),
						 .mair = MAIR_VAL, .pa_bits = CPU_PA_BITS,
						 .granules = MMU_GRAN_4K | MMU_GRAN_16K | MMU_GRAN_64K,
						 .el0 = el == 0 },
				};

				snprintf(ctx, sizeof(ctx), "g %u leaf %d pl %d id %d el %u mmu %u A %u",
					 g, leaf, pl, identity, el, mmu_on, a);
				for (unsigned ki = 0; ki < sizeof(kinds) / sizeof(kinds[0]); ki++) {
					/* Beyond PARange: the MMU-off address-size fault outranks alignment. */
					point(&rg, el, &kinds[ki], 0, (1ULL << 48) + 0x101, ctx);
					for (unsigned s = 0; s < NSLOTS; s++) {
						for (unsigned o = 0; o < 4; o++)
							point(&rg, el, &kinds[ki], s, slots[s].va + offs[o], ctx);
						/* Crossing into the next slot's mapping. */
						if (s + 1 < NSLOTS && slots[s + 1].va == slots[s].va + st)
							point(&rg, el, &kinds[ki], s, slots[s].va + st - 4, ctx);
					}
				}
			}
		}
	}
}

static int setup(void **state)
{
	(void)state;
	memset(&mem, 0, sizeof(mem));
	assert_int_equal(mmu_ref_mem_add(&mem, DRAM, DRAM_SIZE), 0);
	assert_int_equal(mmu_ref_mem_add(&mem, FLASH, FLASH_SIZE), 0);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(mmu_ref_mem_deny(&mem, P_DEN + i * 0x1000ULL), 0);
		assert_int_equal(mmu_ref_mem_deny(&mem, DENIED_TABLE + i * 0x1000ULL), 0);
	}
	for (unsigned i = 0; i < NPAGES; i++)
		pages[i] = TABLES + (uint64_t)i * 0x10000;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	mmu_ref_mem_free(&mem);
	return 0;
}

static void abort_decide__matches_the_reference_over_the_cpu_matrix(void **state)
{
	static const unsigned grans[] = { 12, 14, 16 };

	(void)state;
	for (unsigned gi = 0; gi < 3; gi++)
		for (int leaf = 2; leaf <= 3; leaf++)
			for (unsigned pl = 0; pl < 4; pl++)
				for (unsigned id = 0; id < 2; id++) {
					/* A block at the start level has no table to move. */
					if (pl != PL_DRAM && leaf <= tt_start_level(grans[gi], TXSZ))
						continue;
					run_set(grans[gi], leaf, (enum placement)pl, id == 1);
				}
	print_message("cpu abort matrix: %lu points, %lu faults (%lu GPF), %lu fills\n", points,
		      faults_seen, gpfs_seen, fills_seen);
	/* The matrix must exercise both outcomes and the GPC. */
	assert_true(fills_seen > points / 10);
	assert_true(faults_seen > points / 10);
	assert_true(gpfs_seen > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(abort_decide__matches_the_reference_over_the_cpu_matrix,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
