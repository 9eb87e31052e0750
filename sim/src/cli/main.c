/* SPDX-License-Identifier: BSD-3-Clause */
/* rmmsim entry point: dispatches to the subcommands of cli.h. */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#if defined(RMMSIM_HASH_HAVE_OPENSSL)
#include <openssl/crypto.h>
#endif

#include "cli.h"
#include "cli_exit.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rmmsim [--help] [SUBCOMMAND] [OPTIONS]\n"
		"\n"
		"A user-mode Arm CCA platform: a software RMM (DEN0137 1.0-rel0), a GPT,\n"
		"an EL3 SMC dispatcher and an AArch64 host CPU at NS-EL2.\n"
		"\n"
		"subcommands:\n"
		"  (none)     run the built-in default scenario: the embedded demo payload\n"
		"             at NS-EL2 with the RMI log (accepts the options of run)\n"
		"  native     [--platform FILE] [--seq FILE] RMI calls through the native API,\n"
		"             no CPU; --seq replays an RMI call sequence (docs/sequences.md)\n"
		"  run        run an AArch64 host payload at NS-EL2 (rmmsim run --help)\n"
		"  conform    run the DEN0137 conformance suite (rmmsim conform --help)\n"
		"\n");
	cli_print_exit_codes(f);
}

int main(int argc, char **argv)
{
	/*
	 * No transparent huge pages for this process: each Unicorn engine's
	 * code buffer would otherwise be zeroed 2 MiB at a time on first touch,
	 * about a sixth of a short run's wall time; 4 KiB pages are zeroed only
	 * as translated code fills them.
	 */
	(void)prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
#if defined(RMMSIM_HASH_HAVE_OPENSSL)
	/*
	 * The measurement hashes and the token's ES384 need no OpenSSL
	 * configuration: not parsing openssl.cnf halves libcrypto's first-use
	 * cost (0.5 of the default scenario's 26 ms). Only this executable
	 * does it; librmmsim leaves its host application's OpenSSL alone.
	 */
	(void)OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
#endif
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "run") == 0) {
		return cli_run(argc - 1, argv + 1);
	}
	if (argc > 1 && strcmp(argv[1], "native") == 0) {
		return cli_native(argc - 1, argv + 1);
	}
	if (argc > 1 && strcmp(argv[1], "conform") == 0) {
		return cli_conform(argc - 1, argv + 1);
	}
	if (argc > 1 && argv[1][0] != '-') {
		fprintf(stderr, "rmmsim: unknown subcommand '%s'\n", argv[1]);
		usage(stderr);
		return RMMSIM_EXIT_USAGE;
	}
	return cli_default(argc, argv);
}
