/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rsi_reproduce: replays inputs of the realm-side harness without
 * libFuzzer.
 *
 *   fuzz_rsi_reproduce [-q] FILE|DIR...
 *
 * Prints every decoded step of each input (realm command, REC exits, host
 * reactions and the RMI calls they make, with results); a finding prints
 * the recent steps and aborts, exactly as under the fuzzer. -q runs
 * silently and prints the statistics at the end (fz_reproduce.h).
 */
#include "fuzz_rsi.h"
#include "fz_reproduce.h"

int main(int argc, char **argv)
{
	static const struct fz_harness rsi = { fr_setup, fr_run, fr_print_stats };

	return fz_reproduce_main(argc, argv, &rsi);
}
