/* SPDX-License-Identifier: BSD-3-Clause */
/* Command-line options of the suite, shared by `rmmsim conform` and conform_suite. */
#include <string.h>

#include "conform.h"
#include "den0137_conditions.h"

void conform_usage(FILE *out, const char *prog)
{
	fprintf(out,
		"usage: %s [--json FILE] [--junit FILE] [--platform FILE] [--filter CMD]\n"
		"       [--list] [--quiet] [--slow] [--help]\n"
		"Runs the DEN0137 1.0-rel0 RMI and RSI conformance suite: one case per\n"
		"failure condition of specs/DEN0137/conditions.spec, each on a fresh\n"
		"platform (RSI calls are issued by a running realm, the realm agent).\n"
		"  --json FILE      write results as a JSON array\n"
		"  --junit FILE     write results as JUnit XML\n"
		"  --platform FILE  platform device tree (.dts/.dtb) instead of the default\n"
		"  --filter CMD[,CMD...]  run only these commands' cases,\n"
		"                   e.g. RMI_DATA_CREATE,RSI_HOST_CALL\n"
		"  --list           print COMMAND:condition for every case and exit\n"
		"  --quiet          print only the summary line\n"
		"  --slow           also run the slow cases (RMI_REC_CREATE max_recs)\n",
		prog);
}

bool conform_filter_match(const char *filter, const char *name)
{
	size_t len = strlen(name);

	if (filter == NULL) {
		return true;
	}
	for (const char *p = filter; *p != '\0';) {
		const char *end = strchr(p, ',');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

		if (n == len && strncmp(p, name, n) == 0) {
			return true;
		}
		p += n + (end != NULL);
	}
	return false;
}

/* Every name of the filter is an RMI or RSI command of the spec. */
static bool filter_valid(const char *filter)
{
	size_t matched = 0, names = 1;

	for (const char *p = filter; *p != '\0'; p++) {
		names += *p == ',';
	}
	for (size_t k = 0; k < DEN0137_NUM_COMMANDS; k++) {
		matched += conform_filter_match(filter, den0137_commands[k].name);
	}
	return matched == names;
}

int conform_parse_args(int argc, char **argv, struct conform_opts *o, FILE *out)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			conform_usage(out, argv[0]);
			return 1;
		} else if (strcmp(a, "--list") == 0) {
			o->list = true;
			continue;
		} else if (strcmp(a, "--quiet") == 0) {
			o->quiet = true;
			continue;
		} else if (strcmp(a, "--slow") == 0) {
			o->slow = true;
			continue;
		} else if (strcmp(a, "--json") == 0) {
			dst = &o->json_path;
		} else if (strcmp(a, "--junit") == 0) {
			dst = &o->junit_path;
		} else if (strcmp(a, "--platform") == 0) {
			dst = &o->platform_path;
		} else if (strcmp(a, "--filter") == 0) {
			dst = &o->filter;
		} else {
			fprintf(stderr, "%s: unknown option '%s' (try --help)\n", argv[0], a);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "%s: option '%s' needs a value\n", argv[0], a);
			return -1;
		}
		*dst = argv[++i];
	}
	if (o->filter != NULL && !filter_valid(o->filter)) {
		fprintf(stderr, "%s: --filter: unknown command '%s' (e.g. RMI_DATA_CREATE)\n", argv[0],
			o->filter);
		return -1;
	}
	return 0;
}
