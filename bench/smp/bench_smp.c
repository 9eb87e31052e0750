/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_smp (issue 13): RMI throughput of the emulated host with 1, 2 and
 * 4 PEs, in the default interleaved mode and with --threads. Each PE of
 * the smp_benchN payloads runs 20,000 iterations of RMI_VERSION + delegate
 * /undelegate of its own granule + delegate/undelegate of one granule all
 * PEs share (tests/payloads/smp_rmi.c). Figures: RMI calls per second
 * (the RMI rows of --stats over the wall time, start-up of an empty run
 * subtracted, best of N runs) and the scaling against 1 PE of that mode.
 * Usage: bench_smp [runs]   (default 3)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_json.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Best wall time of @runs runs of `rmmsim run ARGS`; *rmi = the RMI calls --stats counted. */
static double best(int runs, const char *args, uint64_t *rmi, int *rc)
{
	double b = 1e30;

	for (int i = 0; i < runs; i++) {
		char cmd[1024], line[256];
		uint64_t calls = 0;
		double t0, t;
		FILE *p;

		snprintf(cmd, sizeof(cmd), "%s run %s 2>/dev/null", RMMSIM_BIN, args);
		t0 = now_s();
		p = popen(cmd, "r");
		if (!p) {
			perror("popen");
			exit(1);
		}
		while (fgets(line, sizeof(line), p)) {
			char name[64];
			unsigned long long n;

			if (strncmp(line, "RMI_", 4) == 0 && sscanf(line, "%63s %llu", name, &n) == 2)
				calls += n;
		}
		*rc = pclose(p);
		t = now_s() - t0;
		if (t < b)
			b = t;
		if (rmi)
			*rmi = calls;
	}
	return b;
}

int main(int argc, char **argv)
{
	static const unsigned pes[] = { 1, 2, 4 };
	static const char *const mode[2] = { "", "--threads" };
	static const char *const label[2] = { "interleaved", "threads" };
	double t_start, base[2] = { 0, 0 };
	int runs, rc = 0;

	bench_json_init(&argc, argv, "bench_smp");
	runs = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 3;
	if (runs < 1)
		runs = 1;
	t_start = best(runs, PAYLOAD_DIR "/power_fail.elf", NULL, &rc);
	printf("%-40s %14s %10s\n", "RMI throughput (host PEs)", "calls/s", "scaling");
	for (int m = 0; m < 2; m++) {
		for (unsigned k = 0; k < sizeof(pes) / sizeof(pes[0]); k++) {
			char args[512], row[96];
			uint64_t calls = 0;
			double t, rate;

			snprintf(args, sizeof(args), "--stats %s %s/smp_bench%u.elf", mode[m],
				 PAYLOAD_DIR, pes[k]);
			t = best(runs, args, &calls, &rc) - t_start;
			if (rc != 0 || calls == 0) {
				fprintf(stderr, "bench_smp: %s run failed (%d)\n", args, rc);
				return 1;
			}
			rate = (double)calls / t;
			if (k == 0)
				base[m] = rate;
			snprintf(row, sizeof(row), "RMI calls/s, %u PE%s, %s", pes[k],
				 pes[k] > 1 ? "s" : "", label[m]);
			printf("%-40s %14.0f %9.2fx\n", row, rate, rate / base[m]);
			bench_json(row, rate, "calls/s");
		}
	}
	bench_json_finish();
	return 0;
}
