/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The DEN0137 1.0-rel0 RMI and RSI conformance suite: one case per failure
 * condition of specs/DEN0137/conditions.spec (plus success and priority
 * pairs), talking to the RMM only through SMCs (as the NS host, or from a
 * running realm for RSI) and NS memory.
 */
#ifndef CONFORM_H
#define CONFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct den0137_command;

struct conform_opts {
	const char *platform_path; /* device tree for rmmsim_create; NULL = default */
	const char *json_path;     /* write the JSON report here (NULL: none) */
	const char *junit_path;    /* write the JUnit XML report here (NULL: none) */
	const char *filter;        /* run only these commands ("RMI_A,RSI_B"); NULL = all */
	bool list;                 /* print "COMMAND:label" per case and run nothing */
	bool quiet;                /* no per-case table, summary only */
	bool slow;                 /* also run the slow cases (e.g. filling a realm with RECs) */
	unsigned abi;              /* RMI ABI major the host negotiates: 0 or 1 = 1.0, 2 = 2.0 */
	FILE *out;                 /* table and summary; NULL = stdout */
};

/*
 * Runs the suite. Prints one row per case and a summary line
 * "N passed, N failed, N skipped". Returns 0 iff no case failed and every
 * condition of the spec has a case; 1 otherwise; -1 if a report file could
 * not be written.
 */
int conform_run(const struct conform_opts *o);

/*
 * Parses "[--json FILE] [--junit FILE] [--platform FILE] [--filter CMD]
 * [--rmi-abi 1.0|2.0] [--list] [--quiet]" from argv[1..]. Returns 0 on success, 1 for --help
 * (usage printed to @out), -1 on a usage error (message to stderr).
 */
int conform_parse_args(int argc, char **argv, struct conform_opts *o, FILE *out);
void conform_usage(FILE *out, const char *prog);
/* The condition table of RMI ABI @abi (1 or 2) and its size. */
const struct den0137_command *conform_table(unsigned abi, size_t *num);
/* True if @name is one of the comma-separated commands of @filter (or @filter is NULL). */
bool conform_filter_match(const char *filter, const char *name);

#endif /* CONFORM_H */
