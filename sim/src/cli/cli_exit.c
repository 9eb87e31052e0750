/* SPDX-License-Identifier: BSD-3-Clause */
/* The exit-code table of --help, from exit_codes.def (as docs/exit-codes.md is). */
#include "cli_exit.h"

struct exit_row {
	int code;
	const char *brief;
};

static const struct exit_row exit_rows[] = {
#define RMMSIM_EXIT(name, code, brief, meaning, by) { code, brief },
#include "exit_codes.def"
#undef RMMSIM_EXIT
};

void cli_print_exit_codes(FILE *out)
{
	fprintf(out, "exit codes (docs/exit-codes.md):\n");
	for (size_t i = 0; i < sizeof(exit_rows) / sizeof(exit_rows[0]); i++)
		fprintf(out, "  %2d  %s\n", exit_rows[i].code, exit_rows[i].brief);
}
