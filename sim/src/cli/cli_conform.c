/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `rmmsim conform`: runs the DEN0137 1.0-rel0 RMI conformance suite
 * (tests/conformance) and maps its outcome to the exit codes of
 * docs/exit-codes.md: 0 all cases pass, 4 a case failed, 2 usage error,
 * 3 unusable --platform file or report path (checked before any case
 * runs), 1 a report file could not be written at the end after all.
 */
#include <stdio.h>

#include "cli.h"
#include "cli_exit.h"
#include "cli_out.h"
#include "conform.h"
#include "rmmsim.h"

int cli_conform(int argc, char **argv)
{
	struct conform_opts o = { 0 };
	struct rmmsim_options ro = { 0 };
	struct rmmsim *sim;
	char err[256];
	int rc;

	argv[0] = "rmmsim conform";
	rc = conform_parse_args(argc, argv, &o, stdout);
	if (rc != 0) {
		return rc > 0 ? RMMSIM_EXIT_OK : RMMSIM_EXIT_USAGE;
	}
	/* The reports are written after the whole suite: find a bad path now. */
	if (!o.list && ((o.json_path != NULL &&
			 cli_check_out_path(o.json_path, "JSON report", "rmmsim conform") != 0) ||
			(o.junit_path != NULL &&
			 cli_check_out_path(o.junit_path, "JUnit report", "rmmsim conform") != 0))) {
		return RMMSIM_EXIT_BAD_INPUT;
	}
	/* Every case builds its own platform: reject a bad description once, up front. */
	if (o.platform_path != NULL && !o.list) {
		ro.platform_path = o.platform_path;
		sim = rmmsim_create(&ro, err, sizeof(err));
		if (sim == NULL) {
			fprintf(stderr, "rmmsim conform: %s\n", err);
			return RMMSIM_EXIT_BAD_INPUT;
		}
		rmmsim_destroy(sim);
	}
	rc = conform_run(&o);
	if (rc < 0) {
		return RMMSIM_EXIT_INTERNAL;
	}
	return rc == 0 ? RMMSIM_EXIT_OK : RMMSIM_EXIT_CONFORM_FAILED;
}
