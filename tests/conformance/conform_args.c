/* SPDX-License-Identifier: BSD-3-Clause */
/* Command-line options of the suite, shared by `rmmsim conform` and conform_suite. */
#include <string.h>

#include "conform.h"
#include "den0137_2_conditions.h"
#include "den0137_conditions.h"

void conform_usage(FILE *out, const char *prog)
{
	fprintf(out,
		"usage: %s [--json FILE] [--junit FILE] [--platform FILE] [--filter CMD]\n"
		"       [--rmi-abi 1.0|2.0] [--list] [--quiet] [--slow] [--help]\n"
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
		"  --slow           also run the slow cases (RMI_REC_CREATE max_recs)\n"
		"  --rmi-abi 1.0|2.0  the RMI ABI the host negotiates (RMI_VERSION) and the\n"
		"                   table run: 1.0 (default) or 2.0 (specs/DEN0137-2.0)\n",
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

const struct den0137_command *conform_table(unsigned abi, size_t *num)
{
	if (abi == 2) {
		*num = DEN0137_2_NUM_COMMANDS;
		return den0137_2_commands;
	}
	*num = DEN0137_NUM_COMMANDS;
	return den0137_commands;
}

/* Every name of the filter is an RMI or RSI command of the spec of @abi. */
static bool filter_valid(const char *filter, unsigned abi)
{
	size_t matched = 0, names = 1, num;
	const struct den0137_command *t = conform_table(abi, &num);

	for (const char *p = filter; *p != '\0'; p++) {
		names += *p == ',';
	}
	for (size_t k = 0; k < num; k++) {
		matched += conform_filter_match(filter, t[k].name);
	}
	return matched == names;
}

int conform_parse_args(int argc, char **argv, struct conform_opts *o, FILE *out)
{
	const char *abi = NULL;

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
		} else if (strcmp(a, "--rmi-abi") == 0) {
			dst = &abi;
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
	if (abi != NULL) {
		if (strcmp(abi, "1.0") != 0 && strcmp(abi, "2.0") != 0) {
			fprintf(stderr, "%s: --rmi-abi: '%s' is neither 1.0 nor 2.0\n", argv[0], abi);
			return -1;
		}
		o->abi = abi[0] == '2' ? 2 : 1;
	}
	if (o->filter != NULL && !filter_valid(o->filter, o->abi)) {
		fprintf(stderr, "%s: --filter: unknown command '%s' (e.g. RMI_DATA_CREATE)\n", argv[0],
			o->filter);
		return -1;
	}
	return 0;
}
