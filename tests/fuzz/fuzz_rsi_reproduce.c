/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rsi_reproduce: replays inputs of the realm-side harness without
 * libFuzzer.
 *
 *   fuzz_rsi_reproduce [-q] FILE|DIR...
 *
 * Prints every decoded step of each input (realm command, REC exits, host
 * reactions and the RMI calls they make, with results); a finding prints
 * the recent steps and aborts, exactly as under the fuzzer.
 * -q runs silently (coverage runs over a whole corpus) and prints the
 * statistics at the end.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_rsi.h"

#define FR_MAX_INPUT (1U << 20)

static int run_file(const char *path, bool quiet)
{
	static uint8_t buf[FR_MAX_INPUT];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL) {
		perror(path);
		return 1;
	}
	n = fread(buf, 1, sizeof(buf), fp);
	if (ferror(fp)) {
		perror(path);
		fclose(fp);
		return 1;
	}
	fclose(fp);
	if (!quiet) {
		printf("# %s (%zu bytes)\n", path, n);
	}
	fr_run(buf, n, quiet ? NULL : stdout);
	return 0;
}

static int run_path(const char *path, bool quiet)
{
	struct stat st;
	struct dirent **names;
	int n, ret = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		return run_file(path, quiet);
	}
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		perror(path);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		char full[4096];

		if (names[i]->d_name[0] != '.') {
			snprintf(full, sizeof(full), "%s/%s", path, names[i]->d_name);
			ret |= run_path(full, quiet);
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

int main(int argc, char **argv)
{
	bool quiet = false;
	int ret = 0, first = 1;

	if (argc > 1 && strcmp(argv[1], "-q") == 0) {
		quiet = true;
		first = 2;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: %s [-q] FILE|DIR...\n", argv[0]);
		return 2;
	}
	fr_setup();
	for (int i = first; i < argc; i++) {
		ret |= run_path(argv[i], quiet);
	}
	fflush(stdout);
	fr_print_stats(quiet ? stdout : stderr);
	return ret;
}
