/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Output files of the subcommands, all opened (or checked) before anything
 * runs, so a bad path fails at once with exit code 3 and a message naming
 * it, not after a whole run (docs/exit-codes.md).
 */
#ifndef SIM_CLI_OUT_H
#define SIM_CLI_OUT_H

#include <stdio.h>

#define CLI_MAX_OUTS 12U

struct cli_outs {
	struct {
		const char *path;
		FILE *f;
	} o[CLI_MAX_OUTS];
	unsigned n;
	FILE *prefixed; /* the stream of cli_prefix_stream, closed with the rest */
};

/*
 * Opens @path for writing; the same path twice gives the same stream (two
 * outputs sharing a file). NULL with a message "PROG: cannot write WHAT
 * 'PATH': ..." on stderr.
 */
FILE *cli_out_open(struct cli_outs *outs, const char *path, const char *what, const char *prog);
/* Closes every stream opened here. */
void cli_outs_close(struct cli_outs *outs);

/*
 * A stream writing to @to with @prefix before every line: the RMI log when
 * it shares a stream with UART output. Kept in @outs (closed with them).
 */
FILE *cli_prefix_stream(struct cli_outs *outs, FILE *to, const char *prefix);

/*
 * Checks that @path can be written (a file written only later, e.g. a
 * report at the end of a run) without truncating an existing file: 0, or
 * -1 with the message of cli_out_open.
 */
int cli_check_out_path(const char *path, const char *what, const char *prog);

#endif /* SIM_CLI_OUT_H */
