/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_lifecycle_v2: bench_lifecycle's realm life (bench/lifecycle) in its
 * RMI 2.0 form through the native API, timed per command and per
 * iteration, with DATA_MAP_INIT measuring content and without.
 *
 * Boot once: VERSION(2.0), RMM_CONFIG_SET, RMM_ACTIVATE. One iteration,
 * the same 64 granules as the 1.0 bench: GRANULE_RANGE_DELEGATE of all 64
 * (one call); REALM_CREATE (s2sz 48, sl 0, one root RTT); RTT_CREATE at
 * levels 1..3 for IPA 0; RTT_DATA_MAP_INIT x21; RTT_DATA_MAP of 21 pages
 * (one range call, the 1.0 DATA_CREATE_UNKNOWN x21); REC_CREATE through
 * SRO (REC_CREATE, OP_MEM_DONATE of 16 pages, OP_CONTINUE); REALM_ACTIVATE;
 * REC_DESTROY through SRO (REC_DESTROY, OP_MEM_RECLAIM, OP_CONTINUE);
 * RTT_DATA_UNMAP of the 42 pages (range calls, LIST output);
 * REALM_TERMINATE; RTT_DESTROY x3; REALM_DESTROY; GRANULE_RANGE_UNDELEGATE
 * of all 64 (one call).
 *
 * Usage: bench_lifecycle_v2 [--json FILE] [iterations] (default 500).
 * Build in Release: debug builds run the invariant checker after each call.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_json.h"
#include "bench_time.h"
#include "rmmsim.h"

#define FID(n) (0xC4000000ULL | (n))
#define NUM_GRANULES 64U
#define NUM_DATA 21U
#define NUM_UNKNOWN 21U
#define NUM_AUX 16U
#define WARMUP 20U
#define DEFAULT_ITERS 500U
#define INCOMPLETE 13U

#define G_RD 0U
#define G_ROOT 1U
#define G_RTT1 2U
#define G_DATA 5U
#define G_REC (G_DATA + NUM_DATA + NUM_UNKNOWN)
#define G_AUX (G_REC + 1U)
_Static_assert(G_AUX + NUM_AUX == NUM_GRANULES, "64 granules as bench_lifecycle");

enum bench_cmd {
	CMD_RANGE_DELEGATE,
	CMD_REALM_CREATE,
	CMD_RTT_CREATE,
	CMD_DATA_MAP_INIT,
	CMD_DATA_MAP,
	CMD_REC_CREATE,
	CMD_OP_MEM_DONATE,
	CMD_OP_CONTINUE,
	CMD_REALM_ACTIVATE,
	CMD_REC_DESTROY,
	CMD_OP_MEM_RECLAIM,
	CMD_DATA_UNMAP,
	CMD_REALM_TERMINATE,
	CMD_RTT_DESTROY,
	CMD_REALM_DESTROY,
	CMD_RANGE_UNDELEGATE,
	CMD_COUNT,
};

static const struct {
	const char *name;
	uint64_t fid;
	unsigned calls; /* per iteration */
} cmds[CMD_COUNT] = {
	[CMD_RANGE_DELEGATE] = { "GRANULE_RANGE_DELEGATE", FID(0x1F1), 1 },
	[CMD_REALM_CREATE] = { "REALM_CREATE", FID(0x158), 1 },
	[CMD_RTT_CREATE] = { "RTT_CREATE", FID(0x15D), 3 },
	[CMD_DATA_MAP_INIT] = { "RTT_DATA_MAP_INIT", FID(0x153), NUM_DATA },
	[CMD_DATA_MAP] = { "RTT_DATA_MAP", FID(0x1F5), 1 },
	[CMD_REC_CREATE] = { "REC_CREATE", FID(0x15A), 1 },
	[CMD_OP_MEM_DONATE] = { "OP_MEM_DONATE", FID(0x208), 1 },
	[CMD_OP_CONTINUE] = { "OP_CONTINUE", FID(0x203), 2 },
	[CMD_REALM_ACTIVATE] = { "REALM_ACTIVATE", FID(0x157), 1 },
	[CMD_REC_DESTROY] = { "REC_DESTROY", FID(0x15B), 1 },
	[CMD_OP_MEM_RECLAIM] = { "OP_MEM_RECLAIM", FID(0x209), 1 },
	[CMD_DATA_UNMAP] = { "RTT_DATA_UNMAP", FID(0x1F6), 1 },
	[CMD_REALM_TERMINATE] = { "REALM_TERMINATE", FID(0x201), 1 },
	[CMD_RTT_DESTROY] = { "RTT_DESTROY", FID(0x15E), 3 },
	[CMD_REALM_DESTROY] = { "REALM_DESTROY", FID(0x159), 1 },
	[CMD_RANGE_UNDELEGATE] = { "GRANULE_RANGE_UNDELEGATE", FID(0x1F2), 1 },
};

struct bench {
	struct rmmsim *sim;
	pa_t pool, realm_params, rec_params, src, list;
	uint64_t *call_ns[CMD_COUNT];
	size_t num_calls[CMD_COUNT];
	uint64_t *iter_cmd_ns[CMD_COUNT];
	uint64_t cur_iter_ns[CMD_COUNT];
	bool record;
};

static pa_t gpa(const struct bench *b, unsigned idx)
{
	return b->pool + (uint64_t)idx * GRANULE_SIZE;
}

/* One RMI call, timed; stops the benchmark unless X0 is SUCCESS or INCOMPLETE. */
static struct smc_regs call(struct bench *b, enum bench_cmd c, uint64_t a1, uint64_t a2,
			    uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct smc_regs regs = { .x = { cmds[c].fid, a1, a2, a3, a4, a5 } };
	uint64_t t0 = 0, dt = 0;

	if (b->record)
		t0 = bench_now_ns();
	rmmsim_smc(b->sim, RMMSIM_CALLER_NS, &regs);
	if (b->record)
		dt = bench_now_ns() - t0;
	if (regs.x[0] != 0U && (regs.x[0] & 0xFFU) != INCOMPLETE) {
		fprintf(stderr, "bench_lifecycle_v2: %s(%#" PRIx64 ", %#" PRIx64 ", %#" PRIx64
			") failed: X0 %#" PRIx64 "\n", cmds[c].name, a1, a2, a3, regs.x[0]);
		exit(1);
	}
	if (b->record) {
		b->call_ns[c][b->num_calls[c]++] = dt;
		b->cur_iter_ns[c] += dt;
	}
	return regs;
}

static void ns_u64(struct bench *b, pa_t pa, uint64_t v)
{
	if (!rmmsim_ns_write(b->sim, pa, &v, sizeof(v))) {
		fprintf(stderr, "bench_lifecycle_v2: NS write at %#" PRIx64 " failed\n", pa);
		exit(1);
	}
}

static void boot_and_prepare(struct bench *b)
{
	struct smc_regs regs = { .x = { FID(0x150), 0x20000 } };
	uint8_t page[GRANULE_SIZE];

	rmmsim_smc(b->sim, RMMSIM_CALLER_NS, &regs);
	if (regs.x[0] != 0U) {
		fprintf(stderr, "bench_lifecycle_v2: the RMM does not speak RMI 2.0\n");
		exit(1);
	}
	memset(page, 0, sizeof(page));
	if (!rmmsim_ns_write(b->sim, b->list, page, sizeof(page))) {
		exit(1);
	}
	regs = (struct smc_regs){ .x = { FID(0x16E), b->list } }; /* RMM_CONFIG_SET {0, 0} */
	rmmsim_smc(b->sim, RMMSIM_CALLER_NS, &regs);
	regs = (struct smc_regs){ .x = { FID(0x202) } };          /* RMM_ACTIVATE */
	rmmsim_smc(b->sim, RMMSIM_CALLER_NS, &regs);
	regs = (struct smc_regs){ .x = { FID(0x165), 0 } };       /* FEATURES(0) */
	rmmsim_smc(b->sim, RMMSIM_CALLER_NS, &regs);
	/* RmiRealmParams 2.0: s2sz 48, bps/wps from FEATURES(0), SHA-256, sl 0, one root. */
	ns_u64(b, b->realm_params + 0x008, 48);
	ns_u64(b, b->realm_params + 0x018, (regs.x[1] >> 14) & 0x3FU);
	ns_u64(b, b->realm_params + 0x020, (regs.x[1] >> 20) & 0x3FU);
	ns_u64(b, b->realm_params + 0x808, gpa(b, G_ROOT));
	ns_u64(b, b->realm_params + 0x818, 1);
	ns_u64(b, b->rec_params + 0x000, 1); /* RUNNABLE */
	for (unsigned i = 0; i < GRANULE_SIZE; i++)
		page[i] = (uint8_t)(i * 31U + 7U);
	if (!rmmsim_ns_write(b->sim, b->src, page, sizeof(page))) {
		exit(1);
	}
}

static uint64_t rdesc(pa_t pa, unsigned cnt)
{
	return pa | ((uint64_t)cnt << 2);
}

static void one_iteration(struct bench *b, uint64_t data_flags)
{
	struct smc_regs r;
	uint64_t handle;
	unsigned i;
	int level;

	call(b, CMD_RANGE_DELEGATE, gpa(b, 0), gpa(b, NUM_GRANULES), 0, 0, 0);
	call(b, CMD_REALM_CREATE, gpa(b, G_RD), b->realm_params, 0, 0, 0);
	for (level = 1; level <= 3; level++)
		call(b, CMD_RTT_CREATE, gpa(b, G_RD), gpa(b, G_RTT1 + (unsigned)level - 1U), 0,
		     (uint64_t)level, 0);
	for (i = 0; i < NUM_DATA; i++)
		call(b, CMD_DATA_MAP_INIT, gpa(b, G_RD), gpa(b, G_DATA + i),
		     (uint64_t)i * GRANULE_SIZE, b->src, data_flags);
	r = call(b, CMD_DATA_MAP, gpa(b, G_RD), (uint64_t)NUM_DATA * GRANULE_SIZE,
		 (uint64_t)(NUM_DATA + NUM_UNKNOWN) * GRANULE_SIZE, 1,
		 rdesc(gpa(b, G_DATA + NUM_DATA), NUM_UNKNOWN));
	if (r.x[1] != (uint64_t)(NUM_DATA + NUM_UNKNOWN) * GRANULE_SIZE) {
		fprintf(stderr, "bench_lifecycle_v2: RTT_DATA_MAP stopped at %#" PRIx64 "\n",
			r.x[1]);
		exit(1);
	}
	/* REC through SRO: one list of 16 descriptors, then continue. */
	r = call(b, CMD_REC_CREATE, gpa(b, G_RD), gpa(b, G_REC), b->rec_params, 0, 0);
	handle = r.x[1];
	call(b, CMD_OP_MEM_DONATE, handle, b->list + 2048, NUM_AUX, 0, 0);
	r = call(b, CMD_OP_CONTINUE, handle, 0, 0, 0, 0);
	if (r.x[0] != 0U) {
		fprintf(stderr, "bench_lifecycle_v2: REC_CREATE ended %#" PRIx64 "\n", r.x[0]);
		exit(1);
	}
	call(b, CMD_REALM_ACTIVATE, gpa(b, G_RD), 0, 0, 0, 0);
	r = call(b, CMD_REC_DESTROY, gpa(b, G_REC), 0, 0, 0, 0);
	handle = r.x[1];
	call(b, CMD_OP_MEM_RECLAIM, handle, b->list, 64, 0, 0);
	call(b, CMD_OP_CONTINUE, handle, 0, 0, 0, 0);
	/* One sweep of the leaf RTT: the 42 pages come back as one LIST descriptor. */
	r = call(b, CMD_DATA_UNMAP, gpa(b, G_RD), 0, 2ULL << 20, 2U | (64U << 2), b->list);
	if (r.x[1] != 2ULL << 20) {
		fprintf(stderr, "bench_lifecycle_v2: RTT_DATA_UNMAP stopped at %#" PRIx64 "\n",
			r.x[1]);
		exit(1);
	}
	call(b, CMD_REALM_TERMINATE, gpa(b, G_RD), 0, 0, 0, 0);
	for (level = 3; level >= 1; level--)
		call(b, CMD_RTT_DESTROY, gpa(b, G_RD), 0, (uint64_t)level, 0, 0);
	call(b, CMD_REALM_DESTROY, gpa(b, G_RD), 0, 0, 0, 0);
	call(b, CMD_RANGE_UNDELEGATE, gpa(b, 0), gpa(b, NUM_GRANULES), 0, 0, 0);
}

static uint64_t run_mode(struct bench *b, const char *mode, const char *tag, uint64_t data_flags,
			 unsigned iters)
{
	uint64_t *iter_ns = calloc(iters, sizeof(*iter_ns));
	uint64_t whole;
	char fig[96];
	unsigned i, c;

	if (!iter_ns) {
		exit(1);
	}
	b->record = false;
	for (i = 0; i < WARMUP; i++)
		one_iteration(b, data_flags);
	b->record = true;
	memset(b->num_calls, 0, sizeof(b->num_calls));
	for (i = 0; i < iters; i++) {
		memset(b->cur_iter_ns, 0, sizeof(b->cur_iter_ns));
		one_iteration(b, data_flags);
		for (c = 0; c < CMD_COUNT; c++)
			b->iter_cmd_ns[c][i] = b->cur_iter_ns[c];
	}
	/* Whole iterations, calls not timed one by one. */
	b->record = false;
	for (i = 0; i < iters; i++) {
		uint64_t t0 = bench_now_ns();

		one_iteration(b, data_flags);
		iter_ns[i] = bench_now_ns() - t0;
	}
	whole = bench_median(iter_ns, iters);
	printf("\n### RMI 2.0, %s (RTT_DATA_MAP_INIT flags = %s), %u iterations\n\n", mode,
	       data_flags != 0U ? "RMI_MEASURE_CONTENT" : "RMI_NO_MEASURE_CONTENT", iters);
	printf("| command | calls/iter | median ns | total ns/iter |\n");
	printf("| --- | ---: | ---: | ---: |\n");
	for (c = 0; c < CMD_COUNT; c++) {
		uint64_t per_call = bench_median(b->call_ns[c], b->num_calls[c]);
		uint64_t per_iter = bench_median(b->iter_cmd_ns[c], iters);

		printf("| %s | %u | %" PRIu64 " | %" PRIu64 " |\n", cmds[c].name, cmds[c].calls,
		       per_call, per_iter);
		snprintf(fig, sizeof(fig), "v2 %s: %s median per call", tag, cmds[c].name);
		bench_json(fig, (double)per_call, "ns");
	}
	printf("| **whole iteration** | | | **%" PRIu64 "** |\n", whole);
	snprintf(fig, sizeof(fig), "v2 %s: whole iteration", tag);
	bench_json(fig, (double)whole, "ns");
	free(iter_ns);
	return whole;
}

int main(int argc, char **argv)
{
	struct rmmsim_options opt = { .rmi_abi = "both" };
	struct rmmsim_region bank;
	struct bench b = { 0 };
	unsigned iters = DEFAULT_ITERS, c;
	uint64_t descs[NUM_AUX];
	char err[256];

	bench_json_init(&argc, argv, "bench_lifecycle_v2");
	if (argc > 1) {
		char *end;
		unsigned long v = strtoul(argv[1], &end, 10);

		if (*end != '\0' || v == 0 || v > 1000000UL) {
			fprintf(stderr, "usage: bench_lifecycle_v2 [--json FILE] [iterations]\n");
			return 2;
		}
		iters = (unsigned)v;
	}
	b.sim = rmmsim_create(&opt, err, sizeof(err));
	if (!b.sim) {
		fprintf(stderr, "bench_lifecycle_v2: rmmsim_create: %s\n", err);
		return 1;
	}
	if (rmmsim_dram_banks(b.sim, &bank, 1) == 0 || bank.size < 0x10000000ULL) {
		fprintf(stderr, "bench_lifecycle_v2: DRAM bank 0 missing or too small\n");
		return 1;
	}
	b.pool = bank.base + 0x08000000ULL;
	b.realm_params = bank.base + 0x0C000000ULL;
	b.rec_params = b.realm_params + GRANULE_SIZE;
	b.src = b.rec_params + GRANULE_SIZE;
	b.list = b.src + GRANULE_SIZE;
	for (c = 0; c < CMD_COUNT; c++) {
		b.call_ns[c] = calloc((size_t)iters * cmds[c].calls, sizeof(uint64_t));
		b.iter_cmd_ns[c] = calloc(iters, sizeof(uint64_t));
		if (!b.call_ns[c] || !b.iter_cmd_ns[c]) {
			return 1;
		}
	}
	boot_and_prepare(&b);
	/* The donation list (second half of the list page): the 16 aux granules. */
	for (unsigned i = 0; i < NUM_AUX; i++)
		descs[i] = rdesc(gpa(&b, G_AUX + i), 1);
	if (!rmmsim_ns_write(b.sim, b.list + 2048, descs, sizeof(descs))) {
		return 1;
	}
	printf("## bench_lifecycle_v2: the bench_lifecycle realm in RMI 2.0 (median ns)\n");
	run_mode(&b, "with content measurement", "measured", 1, iters);
	run_mode(&b, "without content measurement", "unmeasured", 0, iters);
	bench_json_finish();
	for (c = 0; c < CMD_COUNT; c++) {
		free(b.call_ns[c]);
		free(b.iter_cmd_ns[c]);
	}
	rmmsim_destroy(b.sim);
	return 0;
}
