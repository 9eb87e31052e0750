/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_rmi: in-process RMI throughput through the native API (rmmsim.h),
 * i.e. EL3 dispatch + RMM + GPT, without a CPU model:
 *   RMI_VERSION calls/s, GRANULE_DELEGATE+UNDELEGATE pairs/s over many
 *   granules, and 4 KiB rmmsim_ns_read()s/s. Prints a table.
 * Usage: bench_rmi [seconds per row, default 1]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_json.h"
#include "den0137_abi.h"
#include "rmmsim.h"

#define BENCH_GRANULES 65536U /* 256 MiB of the first bank */
#define BENCH_BASE 0x90000000ULL

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rmi(struct rmmsim *sim, uint64_t fid, uint64_t a1)
{
	struct smc_regs r = { .x = { fid, a1 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
	return r.x[0];
}

/* Each bench_* runs batches until @secs elapsed and returns operations per second. */
static double bench_version(struct rmmsim *sim, double secs, uint64_t *ops)
{
	double t0 = now_s(), t;
	uint64_t n = 0;

	do {
		for (unsigned i = 0; i < 4096U; i++) {
			if (rmi(sim, RMI_VERSION_FID, RMI_ABI_VERSION) != RMI_SUCCESS) {
				fprintf(stderr, "bench_rmi: RMI_VERSION failed\n");
				exit(1);
			}
		}
		n += 4096U;
		t = now_s() - t0;
	} while (t < secs);
	*ops = n;
	return (double)n / t;
}

static double bench_delegate(struct rmmsim *sim, double secs, uint64_t *ops)
{
	double t0 = now_s(), t;
	uint64_t n = 0;

	do {
		for (unsigned i = 0; i < 1024U; i++) {
			pa_t pa = BENCH_BASE + (pa_t)((n + i) % BENCH_GRANULES) * GRANULE_SIZE;

			if (rmi(sim, RMI_GRANULE_DELEGATE_FID, pa) != RMI_SUCCESS ||
			    rmi(sim, RMI_GRANULE_UNDELEGATE_FID, pa) != RMI_SUCCESS) {
				fprintf(stderr, "bench_rmi: delegate/undelegate 0x%" PRIx64 " failed\n",
					pa);
				exit(1);
			}
		}
		n += 1024U;
		t = now_s() - t0;
	} while (t < secs);
	*ops = n;
	return (double)n / t;
}

static double bench_ns_read(struct rmmsim *sim, double secs, uint64_t *ops)
{
	static unsigned char buf[GRANULE_SIZE];
	double t0 = now_s(), t;
	uint64_t n = 0;

	do {
		for (unsigned i = 0; i < 4096U; i++) {
			pa_t pa = BENCH_BASE + (pa_t)((n + i) % BENCH_GRANULES) * GRANULE_SIZE;

			if (!rmmsim_ns_read(sim, pa, buf, sizeof(buf))) {
				fprintf(stderr, "bench_rmi: ns_read 0x%" PRIx64 " refused\n", pa);
				exit(1);
			}
		}
		n += 4096U;
		t = now_s() - t0;
	} while (t < secs);
	*ops = n;
	return (double)n / t;
}

int main(int argc, char **argv)
{
	double secs;
	struct rmmsim_options opt = { 0 };
	char err[512];
	struct rmmsim *sim;
	uint64_t ops;
	double r;

	bench_json_init(&argc, argv, "bench_rmi");
	secs = argc > 1 ? strtod(argv[1], NULL) : 1.0;
	sim = rmmsim_create(&opt, err, sizeof(err));

	if (sim == NULL) {
		fprintf(stderr, "bench_rmi: %s\n", err);
		return 1;
	}
	if (!(secs > 0.0)) {
		secs = 1.0;
	}
	printf("%-36s %14s %14s %12s\n", "benchmark (default FVP platform)", "ops", "ops/s",
	       "ns/op");
	r = bench_version(sim, secs, &ops);
	printf("%-36s %14" PRIu64 " %14.0f %12.1f\n", "RMI_VERSION", ops, r, 1e9 / r);
	bench_json("RMI_VERSION", 1e9 / r, "ns/op");
	r = bench_delegate(sim, secs, &ops);
	printf("%-36s %14" PRIu64 " %14.0f %12.1f\n", "GRANULE_DELEGATE+UNDELEGATE pair", ops, r,
	       1e9 / r);
	bench_json("GRANULE_DELEGATE+UNDELEGATE pair, 65536 granules", 1e9 / r, "ns/op");
	r = bench_ns_read(sim, secs, &ops);
	printf("%-36s %14" PRIu64 " %14.0f %12.1f\n", "rmmsim_ns_read 4 KiB", ops, r, 1e9 / r);
	printf("%-36s %14s %14.0f\n", "  = MiB/s", "", r * 4096.0 / (1024.0 * 1024.0));
	bench_json("rmmsim_ns_read 4 KiB", 1e9 / r, "ns/op");
	bench_json_finish();
	rmmsim_destroy(sim);
	return 0;
}
