/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_rmi_threads: RMI throughput through the native API (rmmsim.h) from
 * 1, 2 and 4 host threads calling one platform at once (issue 13):
 * RMI_VERSION calls/s, and GRANULE_DELEGATE+UNDELEGATE pairs/s where each
 * thread cycles through its own 16384 granules. Prints the aggregate rate
 * and its scaling against one thread. The host's core count bounds the
 * scaling: the figure is only meaningful with at least as many idle cores
 * as threads (the table prints the online CPUs, and "cores": the process's
 * CPU time over wall time, i.e. how many cores the threads really got, and
 * ops per CPU-second: flat across thread counts when the threads do not
 * slow each other down, whatever the machine's load).
 * Usage: bench_rmi_threads [seconds per row, default 1] [--json FILE]
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "bench_json.h"
#include "bench_time.h"
#include "den0137_abi.h"
#include "rmmsim.h"

#define GRANULES_PER_THREAD 16384U /* 64 MiB each */
#define BENCH_BASE 0x90000000ULL
#define MAX_THREADS 4U

enum op { OP_VERSION, OP_DELEGATE_PAIR };

struct worker {
	struct rmmsim *sim;
	enum op op;
	pa_t base;
	double secs;
	atomic_int *go;
	uint64_t ops;
	double elapsed;
	int failed;
} __attribute__((aligned(64))); /* one cache line each: no false sharing between workers */

static uint64_t rmi(struct rmmsim *sim, uint64_t fid, uint64_t a1)
{
	struct smc_regs r = { .x = { fid, a1 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
	return r.x[0];
}

static void *worker_main(void *p)
{
	struct worker *w = p;
	double t0, t;
	uint64_t n = 0;
	/*
	 * A local, stored once at the end: OR-ing into w->failed on every call
	 * wrote the workers' shared stack array, and whether two workers shared
	 * a cache line depended on the stack's address (2-thread scaling 0.6x
	 * or 2.0x from run to run).
	 */
	int failed = 0;

	while (!atomic_load(w->go)) {
		/* all threads start together */
	}
	t0 = bench_now_s();
	do {
		for (unsigned i = 0; i < 1024U; i++) {
			if (w->op == OP_VERSION) {
				failed |= rmi(w->sim, RMI_VERSION_FID, RMI_ABI_VERSION) != RMI_SUCCESS;
			} else {
				pa_t pa = w->base + (pa_t)((n + i) % GRANULES_PER_THREAD) * GRANULE_SIZE;

				failed |= rmi(w->sim, RMI_GRANULE_DELEGATE_FID, pa) != RMI_SUCCESS ||
					  rmi(w->sim, RMI_GRANULE_UNDELEGATE_FID, pa) != RMI_SUCCESS;
			}
		}
		n += 1024U;
		t = bench_now_s() - t0;
	} while (t < w->secs && !failed);
	w->failed = failed;
	w->ops = n;
	w->elapsed = t;
	return NULL;
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
 * Aggregate operations per second of @threads threads doing @op for @secs;
 * *@cores = process CPU time / wall time: how many cores the threads got.
 */
static double run(struct rmmsim *sim, enum op op, unsigned threads, double secs, double *cores)
{
	double c0 = cpu_s(), w0 = bench_now_s();
	struct worker w[MAX_THREADS];
	pthread_t t[MAX_THREADS];
	atomic_int go = 0;
	double rate = 0.0;

	for (unsigned i = 0; i < threads; i++) {
		w[i] = (struct worker){ .sim = sim, .op = op, .secs = secs, .go = &go,
					.base = BENCH_BASE + (pa_t)i * GRANULES_PER_THREAD * GRANULE_SIZE };
		if (pthread_create(&t[i], NULL, worker_main, &w[i]) != 0) {
			fprintf(stderr, "bench_rmi_threads: pthread_create failed\n");
			exit(1);
		}
	}
	atomic_store(&go, 1);
	for (unsigned i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		if (w[i].failed) {
			fprintf(stderr, "bench_rmi_threads: an RMI call failed\n");
			exit(1);
		}
		rate += (double)w[i].ops / w[i].elapsed;
	}
	*cores = (cpu_s() - c0) / (bench_now_s() - w0);
	return rate;
}

int main(int argc, char **argv)
{
	static const unsigned counts[] = { 1, 2, 4 };
	static const char *const names[] = { "RMI_VERSION", "GRANULE_DELEGATE+UNDELEGATE pair" };
	struct rmmsim_options opt = { 0 };
	char err[512], label[96];
	struct rmmsim *sim;
	double secs;

	bench_json_init(&argc, argv, "bench_rmi_threads");
	secs = argc > 1 ? strtod(argv[1], NULL) : 1.0;
	if (!(secs > 0.0))
		secs = 1.0;
	sim = rmmsim_create(&opt, err, sizeof(err));
	if (sim == NULL) {
		fprintf(stderr, "bench_rmi_threads: %s\n", err);
		return 1;
	}
	printf("host: %ld online CPU(s); one platform, native API\n", sysconf(_SC_NPROCESSORS_ONLN));
	printf("%-34s %8s %14s %10s %9s %6s %14s\n", "benchmark", "threads", "ops/s (all)", "ns/op",
	       "scaling", "cores", "ops/CPU-s");
	for (unsigned o = 0; o < 2; o++) {
		double one = 0.0;

		for (unsigned c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
			double cores;
			double r = run(sim, (enum op)o, counts[c], secs, &cores);

			if (c == 0)
				one = r;
			printf("%-34s %8u %14.0f %10.1f %8.2fx %6.2f %14.0f\n", names[o], counts[c], r,
			       1e9 / r, r / one, cores, r / cores);
			snprintf(label, sizeof(label), "%s, %u thread(s), aggregate", names[o], counts[c]);
			bench_json(label, r, "ops/s");
			snprintf(label, sizeof(label), "%s, %u thread(s), per CPU-second", names[o],
				 counts[c]);
			bench_json(label, r / cores, "ops/CPU-s");
		}
	}
	bench_json_finish();
	rmmsim_destroy(sim);
	return 0;
}
