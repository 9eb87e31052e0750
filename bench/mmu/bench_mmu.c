/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_mmu: translations per second of the host stage-1 walk (sim_mmu)
 * for a 4-level 4 KiB walk and a 2-level 64 KiB walk, over tables held in
 * a flat array (the reader is a bounds check and a load, as the platform's
 * is for DRAM). Prints a markdown table and, given --json FILE, writes the
 * figures there (bench_json.h); not run by ctest.
 * Usage: bench_mmu [--json FILE]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_json.h"
#include "mmu.h"

#define MEM_BASE 0x80000000ULL
#define MEM_SIZE (8ULL << 20)
#define PAGES 4096U /* distinct VAs translated in turn */
#define ROUNDS 2000U

static uint64_t mem[MEM_SIZE / 8];
static uint64_t next_free;

static double now_s(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		perror("clock_gettime");
		exit(1);
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static enum mmu_read_status rd(void *ctx, uint64_t pa, uint64_t *desc)
{
	(void)ctx;
	if (pa - MEM_BASE >= MEM_SIZE)
		return MMU_READ_SEA;
	*desc = mem[(pa - MEM_BASE) / 8];
	return MMU_READ_OK;
}

static uint64_t alloc_table(unsigned gshift)
{
	uint64_t size = 1ULL << gshift;
	uint64_t pa = (next_free + size - 1) & ~(size - 1);

	if (pa + size > MEM_BASE + MEM_SIZE) {
		fprintf(stderr, "bench_mmu: out of table memory\n");
		exit(1);
	}
	next_free = pa + size;
	return pa;
}

/* Maps @va to a page at level 3, creating tables from @start. */
static void map_page(uint64_t root, unsigned gshift, unsigned ia_bits, int start, uint64_t va,
		     uint64_t pa)
{
	unsigned stride = gshift - 3;
	uint64_t table = root;
	int l;

	for (l = start;; l++) {
		unsigned lsb = gshift + (unsigned)(3 - l) * stride;
		unsigned nbits = (l == start) ? ia_bits - lsb : stride;
		uint64_t *e = &mem[(table + (((va >> lsb) & ((1ULL << nbits) - 1)) << 3) - MEM_BASE) / 8];

		if (l == 3) {
			*e = pa | 3 | (1ULL << 10);
			return;
		}
		if (!(*e & 1))
			*e = alloc_table(gshift) | 3;
		table = *e & 0x0000FFFFFFFFF000ULL & ~((1ULL << gshift) - 1);
	}
}

static double run(const char *name, struct mmu_cfg *cfg, unsigned gshift, unsigned ia_bits,
		  int start)
{
	static uint64_t vas[PAGES];
	struct mmu_result res;
	uint64_t sum = 0;
	unsigned i, r;
	double t0, t1, rate;

	memset(mem, 0, sizeof(mem));
	next_free = MEM_BASE;
	cfg->ttbr0 = alloc_table(gshift);
	for (i = 0; i < PAGES; i++) {
		/*
		 * The 12 bits of i spread evenly over the levels' index fields
		 * (3 bits each for 4 levels, 6 for 2), scattered in each table,
		 * so consecutive walks touch different tables and cache lines.
		 */
		unsigned levels = (unsigned)(4 - start), per = 12 / levels, l;
		uint64_t va = 0;

		for (l = 0; l < levels; l++) {
			uint64_t part = (i >> (l * per)) & ((1U << per) - 1);
			unsigned lsb = gshift + l * (gshift - 3);

			va |= ((part * 37U) & ((1ULL << (gshift - 3)) - 1)) << lsb;
		}
		vas[i] = va & ((1ULL << ia_bits) - 1);
		map_page(cfg->ttbr0, gshift, ia_bits, start, vas[i], (uint64_t)i << gshift);
	}
	for (i = 0; i < PAGES; i++) {
		mmu_translate(cfg, vas[i], MMU_ACCESS_READ, rd, NULL, &res);
		if (res.fault != MMU_OK || res.pa != (uint64_t)i << gshift) {
			fprintf(stderr, "bench_mmu: %s: page %u does not translate\n", name, i);
			exit(1);
		}
	}
	t0 = now_s();
	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < PAGES; i++) {
			mmu_translate(cfg, vas[i] | 0x10, MMU_ACCESS_READ, rd, NULL, &res);
			sum += res.pa + (uint64_t)res.fault;
		}
	}
	t1 = now_s();
	rate = (double)ROUNDS * PAGES / (t1 - t0);
	printf("| %-32s | %12.1f M/s | %8.1f ns |  (checksum %" PRIx64 ")\n", name, rate / 1e6,
	       1e9 / rate, sum);
	bench_json(name, 1e9 / rate, "ns/walk");
	return rate;
}

int main(int argc, char **argv)
{
	struct mmu_cfg c = {
		.regime = MMU_REGIME_EL2,
		.sctlr = 1,
		.mair = 0xFF,
		.pa_bits = 48,
		.granules = MMU_GRAN_4K | MMU_GRAN_16K | MMU_GRAN_64K,
	};

	bench_json_init(&argc, argv, "bench_mmu");
	if (argc > 1) {
		fprintf(stderr, "usage: bench_mmu [--json FILE]\n");
		return 2;
	}
	printf("| %-32s | %16s | %11s |\n", "walk", "translations", "per walk");
	printf("|%s|%s|%s|\n", "----------------------------------", "------------------",
	       "-------------");
	c.tcr = 16 | (0ULL << 14) | (5ULL << 16); /* T0SZ 16, 4K, PS 48 bits: levels 0..3 */
	run("4 KiB granule, 4 levels (0-3)", &c, 12, 48, 0);
	c.tcr = 22 | (1ULL << 14) | (5ULL << 16); /* T0SZ 22, 64K: levels 2..3 */
	run("64 KiB granule, 2 levels (2-3)", &c, 16, 42, 2);
	bench_json_finish();
	return 0;
}
