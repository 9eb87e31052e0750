/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_mmu_reproduce: replays inputs of the stage-1 walk harness without
 * libFuzzer (fz_reproduce.h): one line per access with the walk's result;
 * a difference from the reference prints both results and aborts.
 */
#include "fuzz_mmu.h"
#include "fz_reproduce.h"

int main(int argc, char **argv)
{
	static const struct fz_harness mmu = { fm_setup, fm_run, fm_print_stats };

	return fz_reproduce_main(argc, argv, &mmu);
}
