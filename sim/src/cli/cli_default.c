/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `rmmsim` with no subcommand: the built-in default scenario, i.e. the
 * embedded realm_boot host (tests/payloads/realm_boot.c) run at NS-EL2 on
 * the embedded default platform with the RMI log on: it builds and runs the
 * demo realm (tests/realm/payloads/realm_demo.c), whose attestation token
 * the simulator verifies and prints. Every option of `rmmsim run` is
 * accepted (--platform, --stats, --trace, --token-out, ...).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_exit.h"

#define DEFAULT_MAX_ARGS 64

int cli_default(int argc, char **argv)
{
	char *args[DEFAULT_MAX_ARGS];
	int n = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			printf("usage: rmmsim [run options]\n"
			       "Runs the built-in default scenario on the default FVP Base RevC\n"
			       "platform, printing the RMI log: an NS-EL2 host (builtin:realm) builds\n"
			       "the demo realm, runs it at R-EL1 (RSI calls, measurements, an\n"
			       "attestation token) and destroys it; the simulator verifies the token\n"
			       "and prints its claims. Accepts the options of `rmmsim run` (see\n"
			       "rmmsim run --help); `rmmsim run builtin:demo` is the RMI-only demo.\n");
			return 0;
		}
	}
	if (argc + 3 > DEFAULT_MAX_ARGS) {
		fprintf(stderr, "rmmsim: too many arguments\n");
		return RMMSIM_EXIT_USAGE;
	}
	args[n++] = (char *)"run";
	args[n++] = (char *)"--rmi-log";
	for (int i = 1; i < argc; i++) {
		args[n++] = argv[i];
	}
	args[n++] = (char *)"builtin:realm";
	args[n] = NULL;
	return cli_run(n, args);
}
