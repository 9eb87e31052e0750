/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `rmmsim` with no subcommand: the built-in default scenario, i.e. the
 * embedded demo payload (tests/payloads/demo.c) run at NS-EL2 on the
 * embedded default platform, with the RMI log on. Every option of
 * `rmmsim run` is accepted (--platform, --stats, --trace, ...).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DEFAULT_MAX_ARGS 64

int cli_default(int argc, char **argv)
{
	char *args[DEFAULT_MAX_ARGS];
	int n = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			printf("usage: rmmsim [run options]\n"
			       "Runs the built-in default scenario: the embedded demo host payload\n"
			       "(delegates granules, creates, populates, activates and destroys a realm)\n"
			       "at NS-EL2 on the default FVP Base RevC platform, printing the RMI log.\n"
			       "Accepts the options of `rmmsim run` (see rmmsim run --help).\n");
			return 0;
		}
	}
	if (argc + 3 > DEFAULT_MAX_ARGS) {
		fprintf(stderr, "rmmsim: too many arguments\n");
		return 2;
	}
	args[n++] = (char *)"run";
	args[n++] = (char *)"--rmi-log";
	for (int i = 1; i < argc; i++) {
		args[n++] = argv[i];
	}
	args[n++] = (char *)"builtin:demo";
	args[n] = NULL;
	return cli_run(n, args);
}
