/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm execution figures through the whole stack (RMI_REC_ENTER -> RMM run
 * loop -> realm CPU at R-EL1 -> REC exit), with the realm agent:
 *  - REC enter/exit round trips per second, the realm doing nothing but the
 *    exit (an emulated MMIO store) and doing one RSI_HOST_CALL;
 *  - realm instructions per second (a counted loop at R-EL1);
 *  - wall ms from process start to the token printed by `rmmsim` (the
 *    default scenario) and to its exit.
 * Prints a table; nothing is asserted.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agent_host.h"
#include "bench_json.h"
#include "den0137_abi.h"
#include "realm_hostcall.h"

extern char **environ;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void row(const char *metric, double value, const char *unit)
{
	printf("| %-52s | %14.2f %-12s |\n", metric, value, unit);
	bench_json(metric, value, unit);
}

static void die(struct agent *a, const char *what)
{
	fprintf(stderr, "bench_rec: %s: %s\n", what, a->rh.res.error);
	exit(1);
}

/* Round trips whose realm side is just the doorbell store (an emulated MMIO exit). */
static void bench_doorbell(struct agent *a)
{
	const unsigned n = 20000;
	double t0 = now();

	for (unsigned i = 0; i < n; i++)
		if (agent_store(a, RH_SCRATCH_IPA, i) != AGENT_DONE)
			die(a, "store");
	row("REC enter/exit round trips (MMIO exit)", n / (now() - t0), "per s");
}

/* Each iteration: REC_ENTER -> RSI_HOST_CALL exit -> REC_ENTER -> doorbell exit. */
static void bench_host_call(struct agent *a)
{
	const unsigned n = 10000;
	uint64_t x[11] = { RSI_HOST_CALL_FID, RH_SCRATCH_IPA + 0x1000 };
	double t0 = now();

	for (unsigned i = 0; i < n; i++) {
		if (agent_smc(a, x, NULL) != AGENT_EXIT || a->exit.reason != RMI_EXIT_HOST_CALL)
			die(a, "host call");
		if (agent_resume(a, 0, NULL, 0) != AGENT_DONE)
			die(a, "resume");
	}
	row("REC enter/exit round trips (realm: one host call)", 2.0 * n / (now() - t0), "per s");
}

/* A counted loop at R-EL1: mov x9, #N; 1: subs x9, x9, #1; add x10, x10, #3; b.ne 1b; ret. */
static void bench_insns(struct agent *a)
{
	const uint64_t iters = 50000000ULL;
	const uint32_t code[] = {
		0xD2800009U | (uint32_t)((iters & 0xFFFF) << 5),          /* movz x9, #lo */
		0xF2A00009U | (uint32_t)(((iters >> 16) & 0xFFFF) << 5), /* movk x9, #hi, lsl 16 */
		0xF1000529U, /* subs x9, x9, #1 */
		0x91000D4AU, /* add x10, x10, #3 */
		0x54FFFFC1U, /* b.ne -8 */
		0xD65F03C0U, /* ret */
	};
	uint64_t before = rmmsim_realm_insns(a->rh.sim);
	double t0;

	for (unsigned i = 0; i < 6; i += 2)
		if (agent_store(a, RH_SCRATCH_IPA + 0x2000 + 4 * i,
				code[i] | (uint64_t)code[i + 1] << 32) != AGENT_DONE)
			die(a, "code");
	a->max_irq = 1000000;
	before = rmmsim_realm_insns(a->rh.sim);
	t0 = now();
	if (agent_fetch(a, RH_SCRATCH_IPA + 0x2000) != AGENT_DONE)
		die(a, "loop");
	row("realm instructions (ALU loop, whole stack)",
	    (double)(rmmsim_realm_insns(a->rh.sim) - before) / (now() - t0) / 1e6, "M per s");
}

/* `rmmsim` from spawn to the token line and to exit, best of @runs. */
static void bench_default_scenario(void)
{
	const int runs = 10;
	double best_token = 1e9, best_exit = 1e9;

	for (int r = 0; r < runs; r++) {
		char *argv[] = { (char *)RMMSIM_BIN, NULL };
		posix_spawn_file_actions_t fa;
		int fds[2], status;
		pid_t pid;
		FILE *out;
		char line[512];
		double t0 = now(), t_tok = 0;

		if (pipe(fds) != 0)
			exit(1);
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
		posix_spawn_file_actions_addclose(&fa, fds[0]);
		if (posix_spawn(&pid, RMMSIM_BIN, &fa, NULL, argv, environ) != 0) {
			fprintf(stderr, "bench_rec: cannot run %s\n", RMMSIM_BIN);
			exit(1);
		}
		close(fds[1]);
		out = fdopen(fds[0], "r");
		while (out && fgets(line, sizeof(line), out))
			if (!t_tok && strstr(line, "attestation token") && strstr(line, "verified"))
				t_tok = now();
		if (out)
			fclose(out);
		waitpid(pid, &status, 0);
		posix_spawn_file_actions_destroy(&fa);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !t_tok) {
			fprintf(stderr, "bench_rec: the default scenario failed\n");
			exit(1);
		}
		if (t_tok - t0 < best_token)
			best_token = t_tok - t0;
		if (now() - t0 < best_exit)
			best_exit = now() - t0;
	}
	row("default scenario: start to token printed (best of 10)", best_token * 1e3, "ms");
	row("default scenario: start to exit (best of 10)", best_exit * 1e3, "ms");
}

int main(int argc, char **argv)
{
	static struct agent a;
	struct rh_config cfg = { 0 };

	bench_json_init(&argc, argv, "bench_rec");
	if (argc > 1) {
		fprintf(stderr, "usage: bench_rec [--json FILE]\n");
		return 2;
	}
	if (!agent_init(&a, NULL, &cfg))
		die(&a, "agent_init");
	if (!rh_data_unknown(&a.rh, RH_SCRATCH_IPA) || !rh_data_unknown(&a.rh, RH_SCRATCH_IPA + 0x1000) ||
	    !rh_data_unknown(&a.rh, RH_SCRATCH_IPA + 0x2000))
		die(&a, "populate");
	printf("| %-52s | %27s |\n", "metric", "value");
	printf("|------------------------------------------------------|-----------------------------|\n");
	bench_doorbell(&a);
	bench_host_call(&a);
	bench_insns(&a);
	bench_default_scenario();
	bench_json_finish();
	agent_teardown(&a);
	agent_fini(&a);
	return 0;
}
