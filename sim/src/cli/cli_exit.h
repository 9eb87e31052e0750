/* SPDX-License-Identifier: BSD-3-Clause */
/* rmmsim's exit codes, from the one table exit_codes.def (docs/exit-codes.md). */
#ifndef SIM_CLI_EXIT_H
#define SIM_CLI_EXIT_H

#include <stdio.h>

enum rmmsim_exit {
#define RMMSIM_EXIT(name, code, brief, meaning, by) RMMSIM_EXIT_##name = code,
#include "exit_codes.def"
#undef RMMSIM_EXIT
};

/* Prints "  N  brief" per code, for --help. */
void cli_print_exit_codes(FILE *out);

#endif /* SIM_CLI_EXIT_H */
