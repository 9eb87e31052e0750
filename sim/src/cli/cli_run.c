/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB */
#include <stdio.h>

#include "cli.h"

int cli_run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "rmmsim: 'run' is not implemented yet\n");
	return 2;
}
