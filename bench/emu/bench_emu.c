/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_emu: speed of the emulated host, measured on whole `rmmsim run`
 * processes (best of N runs, start-up time of an empty run subtracted):
 *   - RMI_VERSION SMC round trips per second (smc_loop: 1,000,000 calls);
 *   - host instructions per second on a load/store integer loop
 *     (insn_loop) and on a register-only loop (alu_loop), with GPC checks
 *     + exact counting on, and both off;
 *   - wall time of the demo payload;
 *   - issue 15: start-up (an empty run) and the default scenario (`rmmsim`
 *     with no arguments), wall and CPU (user + system) time;
 *   - issue 12: timer interrupts delivered and handled per second (timer
 *     fires, IRQ entry, IAR, re-arm, EOI, ERET) from WFI and from a busy
 *     loop (irq_bench), and the time base's cost on the loops (default
 *     run against --no-time-base, which drops the block hook).
 * Usage: bench_emu [runs]   (default 3)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_json.h"
#include "bench_time.h"

#define SMC_CALLS 1000000.0

/* User + system seconds of the children reaped so far. */
static double children_cpu_s(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_CHILDREN, &ru) != 0)
		return 0.0;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/*
 * Best wall time of @runs executions of `rmmsim ARGS` (ARGS = "" is the
 * default scenario); *insns from --stats and *cpu (the best user + system
 * time, which a loaded machine disturbs less than wall time) if asked.
 */
static double best_cmd(int runs, const char *args, uint64_t *insns, double *cpu)
{
	double b = 1e30, bc = 1e30;

	for (int i = 0; i < runs; i++) {
		char cmd[1024];
		char line[256];
		double t0, c0, t, c;
		FILE *p;

		snprintf(cmd, sizeof(cmd), "exec %s %s 2>/dev/null", RMMSIM_BIN, args);
		c0 = children_cpu_s();
		t0 = bench_now_s();
		p = popen(cmd, "r");
		if (!p) {
			perror("popen");
			exit(1);
		}
		while (fgets(line, sizeof(line), p))
			if (insns && strncmp(line, "host instructions", 17) == 0)
				*insns = strtoull(line + 17, NULL, 10);
		pclose(p);
		t = bench_now_s() - t0;
		c = children_cpu_s() - c0;
		if (t < b)
			b = t;
		if (c < bc)
			bc = c;
	}
	if (cpu)
		*cpu = bc;
	return b;
}

/* Best wall time of @runs executions of `rmmsim run ARGS`; *insns from --stats if asked. */
static double best(int runs, const char *args, uint64_t *insns)
{
	char run_args[900];

	snprintf(run_args, sizeof(run_args), "run %s", args);
	return best_cmd(runs, run_args, insns, NULL);
}

/* One loop payload in the three modes: GPC + counting, GPC only (default), neither. */
static void loop_rows(int runs, double t_start, const char *name, const char *elf)
{
	char args[512];
	uint64_t n = 0;
	double t[3];
	static const char *const mode[3] = { "--stats", "", "--no-gpc" };
	static const char *const label[3] = { "GPC + counting", "GPC only (default)",
					      "no GPC, no counting" };

	for (int m = 0; m < 3; m++) {
		snprintf(args, sizeof(args), "%s %s", mode[m], elf);
		t[m] = best(runs, args, m == 0 ? &n : NULL) - t_start;
	}
	for (int m = 0; m < 3; m++) {
		char row[96];

		snprintf(row, sizeof(row), "%s insns/s, %s", name, label[m]);
		printf("%-44s %12.1f M %10s\n", row, (double)n / t[m] / 1e6, m < 2 ? ">= 300 M" : "");
		bench_json(row, (double)n / t[m] / 1e6, "M insns/s");
	}
	printf("%-44s %12.2f x / %.2f x\n", "  time ratio vs no GPC (counting / GPC only)",
	       t[0] / t[2], t[1] / t[2]);
}

#define IRQ_BENCH_COUNT 100000.0

/* Issue 12: interrupt throughput and the time base's overhead. */
static void irq_rows(int runs, double t_start)
{
	static const char *const loops[2][2] = {
		{ "load/store loop", PAYLOAD_DIR "/insn_loop.elf" },
		{ "register loop", PAYLOAD_DIR "/alu_loop.elf" },
	};
	double t_wfi = best(runs, PAYLOAD_DIR "/irq_bench.elf", NULL) - t_start;
	double t_busy = best(runs, PAYLOAD_DIR "/irq_bench_busy.elf", NULL) - t_start;

	printf("%-44s %12.1f k %10s\n", "timer IRQs handled / s (WFI, IAR, EOI)",
	       IRQ_BENCH_COUNT / t_wfi / 1e3, "");
	printf("%-44s %12.1f k %10s\n", "timer IRQs handled / s (busy loop)",
	       IRQ_BENCH_COUNT / t_busy / 1e3, "");
	bench_json("timer IRQs handled (WFI)", IRQ_BENCH_COUNT / t_wfi / 1e3, "k/s");
	bench_json("timer IRQs handled (busy loop)", IRQ_BENCH_COUNT / t_busy / 1e3, "k/s");
	for (int i = 0; i < 2; i++) {
		char args[512], row[96];
		double on = best(runs, loops[i][1], NULL) - t_start;
		double off;

		snprintf(args, sizeof(args), "--no-time-base %s", loops[i][1]);
		off = best(runs, args, NULL) - t_start;
		snprintf(row, sizeof(row), "time base overhead, %s", loops[i][0]);
		printf("%-44s %12.1f %% %10s\n", row, (on / off - 1.0) * 100.0, "<= 10 %");
		bench_json(row, (on / off - 1.0) * 100.0, "%");
	}
}

int main(int argc, char **argv)
{
	int runs;
	double t_start, t_smc, t_demo, t_default, cpu_start, cpu_default;

	bench_json_init(&argc, argv, "bench_emu");
	runs = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 3;
	if (runs < 1)
		runs = 1;
	t_start = best(runs, "--max-insns 1000 " PAYLOAD_DIR "/spin.elf", NULL);
	t_smc = best(runs, PAYLOAD_DIR "/smc_loop.elf", NULL) - t_start;
	t_demo = best(runs, PAYLOAD_DIR "/demo.elf", NULL);
	/* Issue 15: start-up and the default scenario (`rmmsim`: builds, runs, attests a realm). */
	(void)best_cmd(runs, "run --max-insns 1000 " PAYLOAD_DIR "/spin.elf", NULL, &cpu_start);
	t_default = best_cmd(runs, "", NULL, &cpu_default);

	printf("bench_emu (best of %d runs, start-up %.1f ms subtracted)\n", runs, t_start * 1e3);
	printf("%-44s %14s %10s\n", "measure", "value", "target");
	printf("%-44s %12.2f M %10s\n", "RMI_VERSION SMC round trips / s", SMC_CALLS / t_smc / 1e6,
	       ">= 4 M");
	bench_json("RMI_VERSION SMC round trips", SMC_CALLS / t_smc / 1e6, "M/s");
	loop_rows(runs, t_start, "load/store loop", PAYLOAD_DIR "/insn_loop.elf");
	/* Issue 11: the same loop with the EL2 MMU on, data through a non-identity 4 KiB alias. */
	loop_rows(runs, t_start, "load/store loop, MMU on, 4K alias", PAYLOAD_DIR "/insn_loop_mmu.elf");
	loop_rows(runs, t_start, "register loop", PAYLOAD_DIR "/alu_loop.elf");
	irq_rows(runs, t_start);
	printf("%-44s %12.1f ms %9s\n", "demo.elf wall time (whole process)", t_demo * 1e3, "");
	printf("%-44s %12.1f ms %9s\n", "rmmsim start-up (platform + engine)", t_start * 1e3, "");
	bench_json("demo.elf wall time (whole process)", t_demo * 1e3, "ms");
	printf("%-44s %12.1f ms %9s\n", "rmmsim start-up, CPU time", cpu_start * 1e3, "<= 6.25");
	printf("%-44s %12.1f ms %9s\n", "default scenario (rmmsim) wall time", t_default * 1e3, "");
	printf("%-44s %12.1f ms %9s\n", "default scenario (rmmsim), CPU time", cpu_default * 1e3,
	       "<= 21");
	bench_json("rmmsim start-up (platform + engine)", t_start * 1e3, "ms");
	bench_json("rmmsim start-up, CPU time", cpu_start * 1e3, "ms");
	bench_json("default scenario (rmmsim) wall time", t_default * 1e3, "ms");
	bench_json("default scenario (rmmsim), CPU time", cpu_default * 1e3, "ms");
	bench_json_finish();
	return 0;
}
