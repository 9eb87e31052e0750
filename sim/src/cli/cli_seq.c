/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `rmmsim native --seq FILE [--seq-out FILE]`: replays an RMI call sequence
 * (docs/sequences.md) through the native API, prints every call in the RMI
 * log format (the platform's log on stdout) and each output that differs
 * from the sequence's expectations. --seq-out writes the calls as run, with
 * their actual outputs, as a new sequence. Exit codes: docs/exit-codes.md
 * (0 every expectation met, 3 unreadable or invalid FILE, 9 a mismatch).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_exit.h"
#include "cli_out.h"
#include "rmmsim.h"
#include "seq.h"

/* Where P0 lies: 128 MiB into the first DRAM bank (as the native demo). */
#define SEQ_PAGE_OFFSET 0x8000000ULL

struct native_target {
	struct rmmsim *sim;
	pa_t base;
	uint64_t npages;
	FILE *out; /* --seq-out, or NULL */
};

static pa_t native_page(void *ctx, unsigned n)
{
	struct native_target *t = ctx;

	return n < t->npages ? t->base + (pa_t)n * GRANULE_SIZE : 0U;
}

static void native_smc(void *ctx, struct smc_regs *regs)
{
	struct native_target *t = ctx;
	struct smc_regs in = *regs;

	rmmsim_smc(t->sim, RMMSIM_CALLER_NS, regs);
	if (t->out != NULL) {
		seq_print_call(t->out, &in, regs);
	}
}

static bool native_ns_write(void *ctx, pa_t pa, const void *src, size_t len)
{
	struct native_target *t = ctx;
	const uint8_t *b = src;
	uint64_t v = 0;

	if (t->out != NULL) {
		for (size_t i = 0; i < len; i++) {
			v |= (uint64_t)b[i] << (8U * i);
		}
		seq_print_write(t->out, pa & ~(pa_t)(GRANULE_SIZE - 1U),
				(unsigned)(pa & (GRANULE_SIZE - 1U)), (unsigned)len, v);
	}
	return rmmsim_ns_write(t->sim, pa, src, len);
}

static void native_pages(struct native_target *t)
{
	struct rmmsim_region bank;

	if (rmmsim_dram_banks(t->sim, &bank, 1) == 0U) {
		return;
	}
	if (bank.size > 2U * SEQ_PAGE_OFFSET) {
		t->base = bank.base + SEQ_PAGE_OFFSET;
		t->npages = (bank.size - SEQ_PAGE_OFFSET) / GRANULE_SIZE;
	} else {
		t->base = bank.base + bank.size / 2U;
		t->npages = bank.size / 2U / GRANULE_SIZE;
	}
	if (t->npages > SEQ_MAX_PAGES) {
		t->npages = SEQ_MAX_PAGES;
	}
}

int cli_native_seq(const struct rmmsim_options *opt, const char *path, const char *out_path)
{
	struct native_target nt = { 0 };
	struct seq_target t = { &nt, native_page, native_smc, native_ns_write };
	struct seq s = { 0 };
	struct seq_result res;
	char err[512];
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	int rc;

	if (in == NULL) {
		perror(path);
		return RMMSIM_EXIT_BAD_INPUT;
	}
	if (out_path != NULL &&
	    cli_check_out_path(out_path, "sequence", "rmmsim native") != 0) {
		if (in != stdin) {
			fclose(in);
		}
		return RMMSIM_EXIT_BAD_INPUT;
	}
	rc = seq_parse(in, path, &s, stderr);
	if (in != stdin) {
		fclose(in);
	}
	if (rc != 0) {
		seq_free(&s);
		return RMMSIM_EXIT_BAD_INPUT;
	}
	nt.sim = rmmsim_create(opt, err, sizeof(err));
	if (nt.sim == NULL) {
		fprintf(stderr, "rmmsim: %s\n", err);
		seq_free(&s);
		return RMMSIM_EXIT_BAD_INPUT;
	}
	native_pages(&nt);
	if (out_path != NULL) {
		nt.out = fopen(out_path, "w");
		if (nt.out == NULL) {
			perror(out_path);
			rmmsim_destroy(nt.sim);
			seq_free(&s);
			return RMMSIM_EXIT_BAD_INPUT;
		}
		fprintf(nt.out, "# rmmsim native --seq %s (P0 = %" PRIx64 ")\n", path, nt.base);
	}
	printf("# sequence %s: P0 = %" PRIx64 ", RMI log in TF-RMM format\n", path, nt.base);
	res = seq_run(&s, path, &t, stdout);
	printf("# %u calls, %u writes, %u mismatch(es)\n", res.calls, res.writes, res.mismatches);
	if (nt.out != NULL && fclose(nt.out) != 0) {
		perror(out_path);
		rc = 1;
	}
	rmmsim_destroy(nt.sim);
	seq_free(&s);
	if (rc != 0) {
		return rc;
	}
	return res.mismatches != 0U ? RMMSIM_EXIT_SEQ_MISMATCH : RMMSIM_EXIT_OK;
}
