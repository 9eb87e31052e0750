/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rmi_reproduce: replays inputs of the RMI harness without libFuzzer.
 *
 *   fuzz_rmi_reproduce [-q] FILE|DIR...
 *   fuzz_rmi_reproduce --seq SEQFILE            (fz_seq.h, docs/sequences.md)
 *   fuzz_rmi_reproduce --to-seq OUT.seq INPUT
 *
 * Prints every decoded RMI call of each input in the RMI log format (TF-RMM
 * rmi_log_on_exit, see sim/src/platform/rmi_log.c) with its result; a
 * finding prints the recent calls and aborts, exactly as under the fuzzer.
 * -q runs silently and prints the statistics at the end (fz_reproduce.h).
 */
#include <string.h>

#include "fuzz_rmi.h"
#include "fz_reproduce.h"
#include "fz_seq.h"

static void setup(void)
{
	fz_oracle_init();
	fz_read_env();
}

static void run(const uint8_t *data, size_t size, FILE *log)
{
	(void)fz_run(data, size, log);
}

int main(int argc, char **argv)
{
	static const struct fz_harness rmi = { setup, run, fz_print_stats };

	if (argc == 3 && strcmp(argv[1], "--seq") == 0) {
		return fz_seq_replay(argv[2]);
	}
	if (argc == 4 && strcmp(argv[1], "--to-seq") == 0) {
		setup();
		return fz_seq_convert(argv[2], argv[3]);
	}
	return fz_reproduce_main(argc, argv, &rmi);
}
