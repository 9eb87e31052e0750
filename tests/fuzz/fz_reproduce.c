/* SPDX-License-Identifier: BSD-3-Clause */
/* The shared main of the reproducers (fz_reproduce.h). */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fz_reproduce.h"

#define FZ_MAX_INPUT (1U << 20)

static int run_file(const struct fz_harness *h, const char *path, bool quiet)
{
	static uint8_t buf[FZ_MAX_INPUT];
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
	h->run(buf, n, quiet ? NULL : stdout);
	return 0;
}

static int run_path(const struct fz_harness *h, const char *path, bool quiet)
{
	struct stat st;
	struct dirent **names;
	int n, ret = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		return run_file(h, path, quiet);
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
			ret |= run_path(h, full, quiet);
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

int fz_reproduce_main(int argc, char **argv, const struct fz_harness *h)
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
	h->setup();
	for (int i = first; i < argc; i++) {
		ret |= run_path(h, argv[i], quiet);
	}
	fflush(stdout);
	h->print_stats(quiet ? stdout : stderr);
	return ret;
}
