/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB */
#include <stdio.h>

#include "cli.h"

int cli_conform(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "rmmsim: 'conform' is not implemented yet\n");
	return 2;
}
