/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file-reading main both reproducers share (fuzz_rmi_reproduce,
 * fuzz_rsi_reproduce): replays inputs without libFuzzer.
 *
 *   PROG [-q] FILE|DIR...
 *
 * Every file (directories: their files, sorted) goes through the harness's
 * run function with a log on stdout; a finding prints the recent steps and
 * aborts, exactly as under the fuzzer. -q runs silently (coverage runs over
 * a whole corpus) and prints the statistics at the end on stdout.
 */
#ifndef FZ_REPRODUCE_H
#define FZ_REPRODUCE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct fz_harness {
	void (*setup)(void);                                       /* once, before any input */
	void (*run)(const uint8_t *data, size_t size, FILE *log); /* one input; log may be NULL */
	void (*print_stats)(FILE *out);
};

int fz_reproduce_main(int argc, char **argv, const struct fz_harness *h);

#endif /* FZ_REPRODUCE_H */
