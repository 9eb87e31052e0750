/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_json: the machine-readable output every bench program offers, so
 * scripts/bench.sh can collect figures without scraping tables (README
 * "Benchmarks"). A program calls bench_json_init() first, which takes
 * "--json FILE" out of argv (the remaining arguments keep their meaning),
 * then bench_json() once per figure next to where it prints it, then
 * bench_json_finish(). Without --json these do nothing. FILE receives
 *   {"benchmark": "bench_x", "figures": [{"name": ..., "value": ..., "unit": ...}, ...]}
 * Header-only: each bench program is one file.
 */
#ifndef BENCH_JSON_H
#define BENCH_JSON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	FILE *f;
	unsigned figures;
} bench_json_out;

static inline void bench_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\') {
			fprintf(f, "\\%c", *s);
		} else if ((unsigned char)*s < 0x20U) {
			fprintf(f, "\\u%04x", (unsigned)(unsigned char)*s);
		} else {
			fputc(*s, f);
		}
	}
	fputc('"', f);
}

/* Removes "--json FILE" from argv and opens FILE; exits 2 on a missing name or an unwritable file. */
static inline void bench_json_init(int *argc, char **argv, const char *benchmark)
{
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--json") != 0) {
			continue;
		}
		if (i + 1 >= *argc) {
			fprintf(stderr, "%s: --json needs a file name\n", benchmark);
			exit(2);
		}
		bench_json_out.f = fopen(argv[i + 1], "w");
		if (bench_json_out.f == NULL) {
			perror(argv[i + 1]);
			exit(2);
		}
		memmove(&argv[i], &argv[i + 2], (size_t)(*argc - i - 1) * sizeof(*argv));
		*argc -= 2;
		fprintf(bench_json_out.f, "{\"benchmark\": ");
		bench_json_str(bench_json_out.f, benchmark);
		fprintf(bench_json_out.f, ", \"figures\": [");
		return;
	}
}

static inline void bench_json(const char *name, double value, const char *unit)
{
	FILE *f = bench_json_out.f;

	if (f == NULL) {
		return;
	}
	fprintf(f, "%s\n  {\"name\": ", bench_json_out.figures++ == 0U ? "" : ",");
	bench_json_str(f, name);
	fprintf(f, ", \"value\": %.12g, \"unit\": ", value);
	bench_json_str(f, unit);
	fputc('}', f);
}

/* Closes the file; exits 1 if it could not be written completely. */
static inline void bench_json_finish(void)
{
	if (bench_json_out.f == NULL) {
		return;
	}
	fprintf(bench_json_out.f, "\n]}\n");
	if (fclose(bench_json_out.f) != 0) {
		perror("bench_json");
		exit(1);
	}
	bench_json_out.f = NULL;
}

#endif /* BENCH_JSON_H */
