/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB: rmmsim entry point; dispatches to the subcommands of cli.h. */
#include <string.h>

#include "cli.h"

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "run") == 0) {
		return cli_run(argc - 1, argv + 1);
	}
	if (argc > 1 && strcmp(argv[1], "conform") == 0) {
		return cli_conform(argc - 1, argv + 1);
	}
	return cli_default(argc, argv);
}
