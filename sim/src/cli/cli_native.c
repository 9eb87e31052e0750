/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `rmmsim native [--platform FILE] [--seq FILE [--seq-out FILE]] [--help]`:
 * the native-API scenario, or with --seq the replay of an RMI call sequence
 * (cli_seq.c, docs/sequences.md). The scenario
 * creates the platform with the RMI log on stdout, asks RMI_VERSION and
 * RMI_FEATURES, delegates and undelegates 8 granules, shows a few calls
 * that must fail (and their error codes) and prints granule state and PAS
 * before, during and after. Exit codes: docs/exit-codes.md.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_exit.h"
#include "den0137_abi.h"
#include "gpt.h"
#include "rmmsim.h"

#define DEMO_GRANULES 8U
/* Where the demo granules go in the first bank (FVP: 0x88000000). */
#define DEMO_OFFSET 0x8000000ULL

struct demo {
	struct rmmsim *sim;
	unsigned failures; /* outcomes that differ from the spec's */
};

static void demo_usage(FILE *f)
{
	fprintf(f, "usage: rmmsim native [--platform FILE.dts|FILE.dtb] [--seq FILE [--seq-out FILE]] [--help]\n"
		   "Runs RMI calls through the native API (no CPU emulation) on the default FVP Base RevC platform\n"
		   "or on the platform FILE describes; prints every RMI call.\n"
		   "  --seq FILE      replay the RMI call sequence in FILE ('-': stdin; docs/sequences.md),\n"
		   "                  report each output that differs from the expected one (exit code 9)\n"
		   "  --seq-out FILE  with --seq: write the calls as run, with their outputs, as a sequence\n");
}

static uint64_t demo_rmi(struct demo *d, uint64_t fid, uint64_t a1, uint64_t expect_status,
			 struct smc_regs *out)
{
	struct smc_regs r = { .x = { fid, a1 } };

	rmmsim_smc(d->sim, RMMSIM_CALLER_NS, &r);
	if ((r.x[0] & 0xFFU) != expect_status || (r.x[0] >> 16) != 0U) {
		fprintf(stderr, "rmmsim: unexpected result 0x%" PRIx64 " (expected status %" PRIu64
			") for FID 0x%" PRIx64 " 0x%" PRIx64 "\n", r.x[0], expect_status, fid, a1);
		d->failures++;
	}
	if (out != NULL) {
		*out = r;
	}
	return r.x[0];
}

static void demo_snapshot(struct demo *d, pa_t base, char col[DEMO_GRANULES][40])
{
	for (unsigned i = 0; i < DEMO_GRANULES; i++) {
		pa_t pa = base + (pa_t)i * GRANULE_SIZE;

		snprintf(col[i], 40, "%s/%s",
			 rmmsim_granule_state_name(rmmsim_granule_state(d->sim, pa)),
			 gpt_gpi_name((enum gpt_gpi)rmmsim_pas(d->sim, pa)));
	}
}

static pa_t demo_base(const struct rmmsim *sim)
{
	struct rmmsim_region bank;

	rmmsim_dram_banks(sim, &bank, 1);
	if (bank.size >= DEMO_OFFSET + DEMO_GRANULES * GRANULE_SIZE) {
		return bank.base + DEMO_OFFSET;
	}
	return bank.base + bank.size - DEMO_GRANULES * GRANULE_SIZE;
}

static void demo_failing_calls(struct demo *d, pa_t base)
{
	struct rmmsim_region r;

	printf("# calls that must fail\n");
	/* gran_align */
	demo_rmi(d, RMI_GRANULE_DELEGATE_FID, base + 0x10U, RMI_ERROR_INPUT, NULL);
	/* gran_bound: MMIO is not delegable memory */
	if (rmmsim_mmio_regions(d->sim, &r, 1) > 0U) {
		demo_rmi(d, RMI_GRANULE_DELEGATE_FID, r.base, RMI_ERROR_INPUT, NULL);
	}
	/* gran_bound: secure-only memory is not delegable either */
	if (rmmsim_secure_regions(d->sim, &r, 1) > 0U) {
		demo_rmi(d, RMI_GRANULE_DELEGATE_FID, r.base, RMI_ERROR_INPUT, NULL);
	}
	/* gran_bound: beyond the PA size */
	demo_rmi(d, RMI_GRANULE_DELEGATE_FID, 1ULL << rmmsim_pa_bits(d->sim), RMI_ERROR_INPUT, NULL);
	/* gran_state: delegating twice */
	demo_rmi(d, RMI_GRANULE_DELEGATE_FID, base, RMI_ERROR_INPUT, NULL);
	/* RMI_VERSION of an unknown major version (2.0 is known: docs/rmi-2.0.md) */
	demo_rmi(d, RMI_VERSION_FID, 0x30000U, RMI_ERROR_INPUT, NULL);
}

static int demo_run(struct demo *d)
{
	char before[DEMO_GRANULES][40], during[DEMO_GRANULES][40], after[DEMO_GRANULES][40];
	pa_t base = demo_base(d->sim);
	struct smc_regs out;
	uint8_t probe;

	printf("# rmmsim default scenario: RMI log in TF-RMM format\n");
	demo_rmi(d, RMI_VERSION_FID, RMI_ABI_VERSION, RMI_SUCCESS, NULL);
	demo_rmi(d, RMI_FEATURES_FID, 0, RMI_SUCCESS, &out);
	demo_snapshot(d, base, before);
	printf("# delegate %u granules at 0x%" PRIx64 "\n", DEMO_GRANULES, base);
	for (unsigned i = 0; i < DEMO_GRANULES; i++) {
		demo_rmi(d, RMI_GRANULE_DELEGATE_FID, base + (pa_t)i * GRANULE_SIZE, RMI_SUCCESS,
			 NULL);
	}
	demo_snapshot(d, base, during);
	/* The GPC now refuses the host's own accesses to delegated memory. */
	if (rmmsim_ns_read(d->sim, base, &probe, 1)) {
		fprintf(stderr, "rmmsim: NS read of delegated granule 0x%" PRIx64 " succeeded\n",
			base);
		d->failures++;
	}
	demo_failing_calls(d, base);
	printf("# undelegate them\n");
	for (unsigned i = 0; i < DEMO_GRANULES; i++) {
		demo_rmi(d, RMI_GRANULE_UNDELEGATE_FID, base + (pa_t)i * GRANULE_SIZE, RMI_SUCCESS,
			 NULL);
	}
	demo_snapshot(d, base, after);

	printf("\n# summary (RmiFeatureRegister0 = 0x%" PRIx64 ")\n", out.x[1]);
	printf("%-12s %-24s %-24s %s\n", "granule", "before", "delegated", "after");
	for (unsigned i = 0; i < DEMO_GRANULES; i++) {
		printf("%-12" PRIx64 " %-24s %-24s %s\n", base + (pa_t)i * GRANULE_SIZE,
		       before[i], during[i], after[i]);
	}
	if (d->failures != 0U) {
		fprintf(stderr, "rmmsim: %u unexpected outcome(s)\n", d->failures);
		return RMMSIM_EXIT_INTERNAL;
	}
	printf("ok\n");
	return 0;
}

int cli_native(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "platform", required_argument, NULL, 'p' },
		{ "seq", required_argument, NULL, 's' },
		{ "seq-out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rmmsim_options opt = { .platform_path = NULL, .rmi_log = stdout };
	struct demo d = { 0 };
	const char *seq = NULL, *seq_out = NULL;
	char err[512];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "p:s:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			opt.platform_path = optarg;
			break;
		case 's':
			seq = optarg;
			break;
		case 'o':
			seq_out = optarg;
			break;
		case 'h':
			demo_usage(stdout);
			return 0;
		default:
			demo_usage(stderr);
			return RMMSIM_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "rmmsim: unexpected argument '%s'\n", argv[optind]);
		demo_usage(stderr);
		return RMMSIM_EXIT_USAGE;
	}
	if (seq_out != NULL && seq == NULL) {
		fprintf(stderr, "rmmsim: --seq-out needs --seq\n");
		return RMMSIM_EXIT_USAGE;
	}
	if (seq != NULL) {
		return cli_native_seq(&opt, seq, seq_out);
	}
	d.sim = rmmsim_create(&opt, err, sizeof(err));
	if (d.sim == NULL) {
		fprintf(stderr, "rmmsim: %s\n", err);
		return RMMSIM_EXIT_BAD_INPUT;
	}
	rc = demo_run(&d);
	rmmsim_destroy(d.sim);
	return rc;
}
