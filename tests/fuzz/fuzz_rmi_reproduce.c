/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rmi_reproduce: replays inputs of the RMI harness without libFuzzer.
 *
 *   fuzz_rmi_reproduce [-q] FILE|DIR...
 *
 * Prints every decoded RMI call of each input in the RMI log format (TF-RMM
 * rmi_log_on_exit, see sim/src/platform/rmi_log.c) with its result; a
 * finding prints the recent calls and aborts, exactly as under the fuzzer.
 * -q runs silently and prints the statistics at the end (fz_reproduce.h).
 */
#include "fuzz_rmi.h"
#include "fz_reproduce.h"

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

	return fz_reproduce_main(argc, argv, &rmi);
}
