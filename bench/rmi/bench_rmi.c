/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_rmi: in-process RMI throughput through the native API (rmmsim.h),
 * i.e. EL3 dispatch + RMM + GPT, without a CPU model:
 *   RMI_VERSION calls/s, GRANULE_DELEGATE+UNDELEGATE pairs/s over many
 *   granules, 4 KiB rmmsim_ns_read()s/s, and RTT_CREATE / RTT_DESTROY at
 *   level 3 in batches of 512 (no clock read per call, unlike
 *   bench_lifecycle's per-call medians). Prints a table.
 * Usage: bench_rmi [seconds per row, default 1]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_json.h"
#include "bench_time.h"
#include "den0137_abi.h"
#include "rmmsim.h"

#define BENCH_GRANULES 65536U /* 256 MiB of the first bank */
#define BENCH_BASE 0x90000000ULL

static uint64_t rmi(struct rmmsim *sim, uint64_t fid, uint64_t a1)
{
	struct smc_regs r = { .x = { fid, a1 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
	return r.x[0];
}

static uint64_t rmi4(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		     uint64_t a4)
{
	struct smc_regs r = { .x = { fid, a1, a2, a3, a4 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
	return r.x[0];
}

static void must(uint64_t status, const char *what)
{
	if (status != RMI_SUCCESS) {
		fprintf(stderr, "bench_rmi: %s failed: %#" PRIx64 "\n", what, status);
		exit(1);
	}
}

/* Each bench_* runs batches until @secs elapsed and returns operations per second. */
static double bench_version(struct rmmsim *sim, double secs, uint64_t *ops)
{
	double t0 = bench_now_s(), t;
	uint64_t n = 0;

	do {
		for (unsigned i = 0; i < 4096U; i++) {
			if (rmi(sim, RMI_VERSION_FID, RMI_ABI_VERSION) != RMI_SUCCESS) {
				fprintf(stderr, "bench_rmi: RMI_VERSION failed\n");
				exit(1);
			}
		}
		n += 4096U;
		t = bench_now_s() - t0;
	} while (t < secs);
	*ops = n;
	return (double)n / t;
}

static double bench_delegate(struct rmmsim *sim, double secs, uint64_t *ops)
{
	double t0 = bench_now_s(), t;
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
		t = bench_now_s() - t0;
	} while (t < secs);
	*ops = n;
	return (double)n / t;
}

static double bench_ns_read(struct rmmsim *sim, double secs, uint64_t *ops)
{
	static unsigned char buf[GRANULE_SIZE];
	double t0 = bench_now_s(), t;
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
		t = bench_now_s() - t0;
	} while (t < secs);
	*ops = n;
	return (double)n / t;
}

/*
 * RTT_CREATE at level 3 for the 512 2 MiB regions under one level-2 RTT,
 * then RTT_DESTROY of them, repeated: a realm (s2sz 48, sl 0) with RTTs at
 * levels 1 and 2 for IPA 0 is set up first. Returns RTT_CREATE calls/s and
 * the RTT_DESTROY rate in @destroy_rate.
 */
#define RTT_BASE (BENCH_BASE + (pa_t)BENCH_GRANULES * GRANULE_SIZE)
#define RTT_NUM 512U
static double bench_rtt(struct rmmsim *sim, double secs, uint64_t *ops, double *destroy_rate)
{
	pa_t rd = RTT_BASE, root = rd + GRANULE_SIZE, l1 = root + GRANULE_SIZE;
	pa_t l2 = l1 + GRANULE_SIZE, l3 = l2 + GRANULE_SIZE, params = l3 + RTT_NUM * GRANULE_SIZE;
	struct smc_regs fr = { .x = { RMI_FEATURES_FID, 0 } };
	static const struct {
		unsigned off;
		uint64_t v;
	} p[] = {
		{ RMI_REALM_PARAMS_S2SZ_OFFSET, 48 },
		{ RMI_REALM_PARAMS_HASH_ALGO_OFFSET, RMI_HASH_SHA_256 },
		{ RMI_REALM_PARAMS_VMID_OFFSET, 1 },
		{ RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET, 0 },
		{ RMI_REALM_PARAMS_RTT_NUM_START_OFFSET, 1 },
	};
	double tc = 0.0, td = 0.0, t0;
	uint64_t n = 0, v;

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &fr);
	for (unsigned i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		rmmsim_ns_write(sim, params + p[i].off, &p[i].v, sizeof(p[i].v));
	}
	v = (fr.x[1] >> RMI_FEATURE_REGISTER_0_NUM_BPS_SHIFT) & 0x3FU;
	rmmsim_ns_write(sim, params + RMI_REALM_PARAMS_NUM_BPS_OFFSET, &v, sizeof(v));
	v = (fr.x[1] >> RMI_FEATURE_REGISTER_0_NUM_WPS_SHIFT) & 0x3FU;
	rmmsim_ns_write(sim, params + RMI_REALM_PARAMS_NUM_WPS_OFFSET, &v, sizeof(v));
	rmmsim_ns_write(sim, params + RMI_REALM_PARAMS_RTT_BASE_OFFSET, &root, sizeof(root));
	for (pa_t g = rd; g < params; g += GRANULE_SIZE) {
		must(rmi(sim, RMI_GRANULE_DELEGATE_FID, g), "GRANULE_DELEGATE");
	}
	must(rmi4(sim, RMI_REALM_CREATE_FID, rd, params, 0, 0), "REALM_CREATE");
	must(rmi4(sim, RMI_RTT_CREATE_FID, rd, l1, 0, 1), "RTT_CREATE level 1");
	must(rmi4(sim, RMI_RTT_CREATE_FID, rd, l2, 0, 2), "RTT_CREATE level 2");
	do {
		t0 = bench_now_s();
		for (unsigned i = 0; i < RTT_NUM; i++) {
			must(rmi4(sim, RMI_RTT_CREATE_FID, rd, l3 + (pa_t)i * GRANULE_SIZE,
				  (uint64_t)i << 21, 3),
			     "RTT_CREATE level 3");
		}
		tc += bench_now_s() - t0;
		t0 = bench_now_s();
		for (unsigned i = 0; i < RTT_NUM; i++) {
			must(rmi4(sim, RMI_RTT_DESTROY_FID, rd, (uint64_t)i << 21, 3, 0),
			     "RTT_DESTROY level 3");
		}
		td += bench_now_s() - t0;
		n += RTT_NUM;
	} while (tc + td < secs);
	*ops = n;
	*destroy_rate = (double)n / td;
	return (double)n / tc;
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
	{
		double rd_rate;

		r = bench_rtt(sim, secs, &ops, &rd_rate);
		printf("%-36s %14" PRIu64 " %14.0f %12.1f\n", "RTT_CREATE level 3 (batched)", ops, r,
		       1e9 / r);
		printf("%-36s %14" PRIu64 " %14.0f %12.1f\n", "RTT_DESTROY level 3 (batched)", ops,
		       rd_rate, 1e9 / rd_rate);
		bench_json("RTT_CREATE level 3, batched", 1e9 / r, "ns/op");
		bench_json("RTT_DESTROY level 3, batched", 1e9 / rd_rate, "ns/op");
	}
	bench_json_finish();
	rmmsim_destroy(sim);
	return 0;
}
