/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm CPU engine figures: REC entry/exit round trips (the realm runs
 * `smc` in a loop, every exit returns to the caller), realm instructions
 * per second, and the cost of a stage-2 page remap. Prints a table.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "bench_json.h"
#include "realm_cpu.h"
#include "realm_payloads.h"

#define DRAM_BASE 0x80000000ULL
#define DRAM_SIZE (16ULL << 20)
#define CODE_IPA 0x10000ULL
#define DATA_IPA 0x20000ULL
#define CODE_PA (DRAM_BASE + 0x100000)
#define DATA_PA (DRAM_BASE + 0x200000)
#define PAGE 4096ULL

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void row(const char *metric, double value, const char *unit)
{
	printf("| %-44s | %14.2f %-10s |\n", metric, value, unit);
	bench_json(metric, value, unit);
}

static void regs_at(struct rmm_vcpu_regs *r, uint64_t entry)
{
	memset(r, 0, sizeof(*r));
	r->pc = CODE_IPA + entry;
	r->pstate = 0x3C5;
	r->vbar_el1 = CODE_IPA;
}

static int bench_round_trips(struct realm_cpu *rc, unsigned n)
{
	struct rmm_vcpu_regs r;
	struct realm_exit e;
	double t0, dt;

	regs_at(&r, RP_SMC_LOOP);
	t0 = now();
	for (unsigned i = 0; i < n; i++) {
		if (realm_cpu_run(rc, &r, 0, true, true, &e) || e.kind != REALM_EXIT_SMC)
			return -1;
	}
	dt = now() - t0;
	if (r.x[0] != n)
		return -1;
	row("run-until-SMC round trips", n / dt, "/s");
	row("  time per round trip", dt / n * 1e6, "us");
	/* EL0: exits by budget (smc is undefined at EL0); entry needs an ERET. */
	regs_at(&r, RP_LOOP);
	r.pstate = 0;
	t0 = now();
	for (unsigned i = 0; i < n / 4; i++) {
		if (realm_cpu_run(rc, &r, 1, false, false, &e) || e.kind != REALM_EXIT_BUDGET)
			return -1;
	}
	dt = now() - t0;
	row("EL0 run-until-budget round trip", dt / (n / 4) * 1e6, "us");
	return 0;
}

static int bench_insns(struct realm_cpu *rc, uint64_t iterations)
{
	struct rmm_vcpu_regs r;
	struct realm_exit e;
	double t0, dt;

	regs_at(&r, RP_INSN_LOOP);
	r.x[3] = iterations;
	t0 = now();
	if (realm_cpu_run(rc, &r, 0, false, false, &e) || e.kind != REALM_EXIT_SMC)
		return -1;
	dt = now() - t0;
	row("realm instructions (ALU loop)", (double)e.insns / dt / 1e6, "M insn/s");
	/* Same loop cut by a budget every 10000 instructions (host timer IRQ). */
	regs_at(&r, RP_INSN_LOOP);
	r.x[3] = iterations;
	t0 = now();
	uint64_t total = 0, exits = 0;

	for (;;) {
		if (realm_cpu_run(rc, &r, 10000, false, false, &e))
			return -1;
		total += e.insns;
		exits++;
		if (e.kind == REALM_EXIT_SMC)
			break;
	}
	dt = now() - t0;
	row("  with a budget exit every 10k insns", (double)total / dt / 1e6, "M insn/s");
	row("  budget exits", (double)exits, "");
	/* Loads and stores: each one goes through the stage-2 check hook. */
	regs_at(&r, RP_MEM_LOOP);
	r.x[1] = DATA_IPA;
	r.x[3] = iterations / 4;
	t0 = now();
	if (realm_cpu_run(rc, &r, 0, false, false, &e) || e.kind != REALM_EXIT_SMC)
		return -1;
	dt = now() - t0;
	row("realm instructions (load/store loop)", (double)e.insns / dt / 1e6, "M insn/s");
	row("  checked memory accesses", (double)(iterations / 4) * 2 / dt / 1e6, "M/s");
	return 0;
}

static int bench_remap(struct realm_cpu *rc, unsigned n)
{
	double t0, dt;

	t0 = now();
	for (unsigned i = 0; i < n; i++) {
		uint64_t pa = DATA_PA + (i & 1) * PAGE;

		if (realm_cpu_map(rc, DATA_IPA, pa, PAGE, REALM_PROT_R | REALM_PROT_W))
			return -1;
	}
	dt = now() - t0;
	row("stage-2 remap of one 4 KiB page", dt / n * 1e6, "us");
	t0 = now();
	for (unsigned i = 0; i < n; i++)
		if (realm_cpu_unmap(rc, DATA_IPA + PAGE, PAGE))
			return -1;
	dt = now() - t0;
	row("stage-2 unmap of one 4 KiB page", dt / n * 1e6, "us");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned n;
	struct realm_cpu_bank bank = { .pa = DRAM_BASE, .size = DRAM_SIZE };
	struct realm_cpu *rc;
	char err[128];
	uint8_t *dram;
	double t0;
	int fd;

	bench_json_init(&argc, argv, "bench_realm");
	n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 200000;
	fd = memfd_create("bench_realm", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)DRAM_SIZE) != 0)
		return 1;
	dram = mmap(NULL, DRAM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (dram == MAP_FAILED)
		return 1;
	memcpy(dram + (CODE_PA - DRAM_BASE), realm_tests_bin, realm_tests_bin_len);
	t0 = now();
	rc = realm_cpu_create(fd, &bank, 1, 40, err, sizeof(err));
	if (!rc) {
		fprintf(stderr, "bench_realm: %s\n", err);
		return 1;
	}
	printf("| %-44s | %25s |\n", "metric (40-bit IPA space)", "value");
	printf("| %-44s | %25s |\n", "--------------------------------------------",
	       "-------------------------");
	row("realm_cpu_create", (now() - t0) * 1e3, "ms");
	if (realm_cpu_map(rc, CODE_IPA, CODE_PA, PAGE, REALM_PROT_R | REALM_PROT_X) ||
	    realm_cpu_map(rc, DATA_IPA, DATA_PA, PAGE, REALM_PROT_R | REALM_PROT_W) ||
	    bench_round_trips(rc, n) || bench_insns(rc, 20000000) || bench_remap(rc, n / 4)) {
		fprintf(stderr, "bench_realm: a step failed\n");
		return 1;
	}
	bench_json_finish();
	realm_cpu_destroy(rc);
	munmap(dram, DRAM_SIZE);
	close(fd);
	return 0;
}
