/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_gpt: Granule Protection Check and GTSI transition throughput.
 *
 * Platform: PPS 40 bits, L0GPTSZ 30 (1 GiB per L0 entry), 4 GiB of DRAM at
 * 2 GiB mapped NS at boot, then a quarter of its granules (pseudo-random)
 * delegated to REALM, which splits every DRAM L0 block into a table.
 * Prints a markdown table; not run by ctest.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_json.h"
#include "gpt.h"

#define DRAM_BASE 0x80000000ULL
#define DRAM_SIZE (4ULL << 30)
#define DRAM_GRANULES (DRAM_SIZE >> GRANULE_SHIFT)
#define RANDOM_PAS (1U << 20)
#define RANDOM_ROUNDS 32U
#define SEQ_STEP 64U /* one check per cache line */

static double now_s(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		perror("clock_gettime");
		exit(1);
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t xorshift64(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/* Deterministic "is this granule a realm granule" (about one in four). */
static int is_realm_granule(uint64_t i)
{
	return ((i * 0x9E3779B97F4A7C15ULL) >> 62) == 0;
}

static void row(const char *metric, double value, const char *unit)
{
	printf("| %-40s | %14.2f %-8s |\n", metric, value, unit);
	bench_json(metric, value, unit);
}

static void row_count(const char *metric, uint64_t value)
{
	printf("| %-40s | %23" PRIu64 " |\n", metric, value);
	bench_json(metric, (double)value, "count");
}

int main(int argc, char **argv)
{
	struct gpt_config cfg = { .pps_bits = 40, .l0gptsz_bits = 30 };
	struct gpt *g = gpt_create(&cfg);
	static pa_t pas[RANDOM_PAS];
	static enum rmmsim_world worlds[RANDOM_PAS];
	uint64_t seed = 0x123456789ABCDEFULL, i, n_realm = 0, pass = 0, checks;
	double t0, t1, t_delegate, t_pair;
	unsigned r;
	pa_t pa;

	bench_json_init(&argc, argv, "bench_gpt");
	if (argc > 1) {
		fprintf(stderr, "usage: %s [--json FILE]\n", argv[0]);
		return 2;
	}
	if (g == NULL || gpt_set_range(g, DRAM_BASE, DRAM_SIZE, GPT_GPI_NS) != 0) {
		fprintf(stderr, "bench_gpt: GPT setup failed\n");
		return 1;
	}

	/* Delegate a quarter of DRAM (includes the four block -> table splits). */
	t0 = now_s();
	for (i = 0; i < DRAM_GRANULES; i++) {
		if (!is_realm_granule(i))
			continue;
		if (gpt_transition(g, DRAM_BASE + (i << GRANULE_SHIFT), GPT_GPI_NS,
				   GPT_GPI_REALM) != 0) {
			fprintf(stderr, "bench_gpt: delegate failed\n");
			return 1;
		}
		n_realm++;
	}
	t_delegate = now_s() - t0;

	/* Undelegate + delegate again, tables already split. */
	t0 = now_s();
	for (i = 0; i < DRAM_GRANULES; i++) {
		pa = DRAM_BASE + (i << GRANULE_SHIFT);
		if (!is_realm_granule(i))
			continue;
		if (gpt_transition(g, pa, GPT_GPI_REALM, GPT_GPI_NS) != 0 ||
		    gpt_transition(g, pa, GPT_GPI_NS, GPT_GPI_REALM) != 0) {
			fprintf(stderr, "bench_gpt: transition failed\n");
			return 1;
		}
	}
	t_pair = now_s() - t0;

	for (i = 0; i < RANDOM_PAS; i++) {
		pas[i] = DRAM_BASE + (xorshift64(&seed) % DRAM_SIZE);
		worlds[i] = (xorshift64(&seed) & 1U) != 0 ? WORLD_NS : WORLD_REALM;
	}

	printf("| %-40s | %23s |\n", "metric", "value");
	printf("| %-40s | %23s |\n", "----------------------------------------",
	       "-----------------------");
	row_count("DRAM granules (4 GiB)", DRAM_GRANULES);
	row_count("REALM granules", n_realm);
	row("delegate (NS->REALM, with splits)", (double)n_realm / t_delegate / 1e6, "M/s");
	row("undelegate+delegate transitions", 2.0 * (double)n_realm / t_pair / 1e6, "M/s");

	/* Random PAs, gpt_check() (out-of-line call). */
	t0 = now_s();
	for (r = 0; r < RANDOM_ROUNDS; r++)
		for (i = 0; i < RANDOM_PAS; i++)
			pass += gpt_check(g, worlds[i], GPT_ACCESS_READ, pas[i]) == GPT_PASS;
	t1 = now_s() - t0;
	checks = (uint64_t)RANDOM_ROUNDS * RANDOM_PAS;
	row("gpt_check random PA", (double)checks / t1 / 1e6, "M/s");
	row("gpt_check random PA, ns/check", t1 * 1e9 / (double)checks, "ns");

	/* Random PAs, gpt_check_inline(). */
	t0 = now_s();
	for (r = 0; r < RANDOM_ROUNDS; r++)
		for (i = 0; i < RANDOM_PAS; i++)
			pass += gpt_check_inline(g, worlds[i], GPT_ACCESS_READ, pas[i]) ==
				GPT_PASS;
	t1 = now_s() - t0;
	row("gpt_check_inline random PA", (double)checks / t1 / 1e6, "M/s");

	/* Sequential: one check per 64-byte line over all of DRAM. */
	checks = DRAM_SIZE / SEQ_STEP;
	t0 = now_s();
	for (pa = DRAM_BASE; pa < DRAM_BASE + DRAM_SIZE; pa += SEQ_STEP)
		pass += gpt_check(g, WORLD_NS, GPT_ACCESS_WRITE, pa) == GPT_PASS;
	t1 = now_s() - t0;
	row("gpt_check sequential (64 B stride)", (double)checks / t1 / 1e6, "M/s");

	t0 = now_s();
	for (pa = DRAM_BASE; pa < DRAM_BASE + DRAM_SIZE; pa += SEQ_STEP)
		pass += gpt_check_inline(g, WORLD_NS, GPT_ACCESS_WRITE, pa) == GPT_PASS;
	t1 = now_s() - t0;
	row("gpt_check_inline sequential (64 B)", (double)checks / t1 / 1e6, "M/s");

	/* Keeps the loops alive and shows the mix: about half random checks pass. */
	printf("\n(passing checks: %" PRIu64 ")\n", pass);
	bench_json_finish();
	gpt_destroy(g);
	return 0;
}
