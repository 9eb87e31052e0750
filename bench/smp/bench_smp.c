/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_smp (issue 13): RMI throughput of the emulated host with 1, 2 and
 * 4 PEs, in the default interleaved mode and with --threads. Each PE of
 * the smp_verN payloads makes 50,000 RMI_VERSION calls, each PE of
 * smp_pairN 2,000 delegate/undelegate pairs of its own granule
 * (tests/payloads/smp_rmi.c). Figures: RMI calls (or pairs) per second of
 * wall time (the RMI rows of --stats, start-up of an empty run subtracted,
 * best of N runs), the scaling against 1 PE of that mode, and calls per
 * CPU second (user + system time of the run: what a loaded machine does
 * not distort).
 * Usage: bench_smp [runs] [--parallel-rmi]   (default 3 runs; the option
 * adds the --threads --parallel-rmi rows, which need the RMM's own locking)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_json.h"
#include "bench_time.h"

static double child_cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/*
 * Best wall time of @runs runs of `rmmsim run ARGS`; *rmi = the RMI calls
 * --stats counted, *cpu = the CPU time of the best run.
 */
static double best(int runs, const char *args, uint64_t *rmi, int *rc, double *cpu)
{
	double b = 1e30;

	for (int i = 0; i < runs; i++) {
		char cmd[1024], line[256];
		uint64_t calls = 0;
		double t0, t;
		FILE *p;

		double c0 = child_cpu_s();

		snprintf(cmd, sizeof(cmd), "%s run %s 2>/dev/null", RMMSIM_BIN, args);
		t0 = bench_now_s();
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
		t = bench_now_s() - t0;
		if (t < b) {
			b = t;
			if (cpu)
				*cpu = child_cpu_s() - c0;
		}
		if (rmi)
			*rmi = calls;
	}
	return b;
}

int main(int argc, char **argv)
{
	static const unsigned pes[] = { 1, 2, 4 };
	static const char *const mode[3] = { "", "--threads", "--threads --parallel-rmi" };
	static const char *const label[3] = { "interleaved", "threads", "threads, parallel RMI" };
	static const char *const kind[2] = { "ver", "pair" };
	static const char *const what[2] = { "RMI_VERSION calls/s", "delegate/undelegate pairs/s" };
	double t_start, c_start = 0;
	int runs, rc = 0, modes = 2;

	bench_json_init(&argc, argv, "bench_smp");
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--parallel-rmi") == 0)
			modes = 3;
	runs = argc > 1 && argv[1][0] != '-' ? (int)strtol(argv[1], NULL, 10) : 3;
	if (runs < 1)
		runs = 1;
	t_start = best(runs, PAYLOAD_DIR "/power_fail.elf", NULL, &rc, &c_start);
	printf("%-48s %12s %8s %14s\n", "RMI throughput (host PEs)", "per s", "scaling",
	       "per CPU s");
	for (int w = 0; w < 2; w++) {
		for (int m = 0; m < modes; m++) {
			double base = 0;

			for (unsigned k = 0; k < sizeof(pes) / sizeof(pes[0]); k++) {
				char args[512], row[128];
				uint64_t calls = 0;
				double t, c = 0, n, rate;

				snprintf(args, sizeof(args), "--stats %s %s/smp_%s%u.elf", mode[m],
					 PAYLOAD_DIR, kind[w], pes[k]);
				t = best(runs, args, &calls, &rc, &c) - t_start;
				if (rc != 0 || calls == 0 || t <= 0) {
					fprintf(stderr, "bench_smp: %s run failed (%d)\n", args, rc);
					return 1;
				}
				/* Pairs: delegate + undelegate, plus PE 0's final undelegate check. */
				n = w == 0 ? (double)calls : (double)(calls - 1) / 2.0;
				rate = n / t;
				if (k == 0)
					base = rate;
				snprintf(row, sizeof(row), "%s, %u PE%s, %s", what[w], pes[k],
					 pes[k] > 1 ? "s" : "", label[m]);
				printf("%-48s %12.0f %7.2fx %14.0f\n", row, rate, rate / base,
				       c - c_start > 0 ? n / (c - c_start) : 0.0);
				bench_json(row, rate, w == 0 ? "calls/s" : "pairs/s");
			}
		}
	}
	bench_json_finish();
	return 0;
}
