/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer (and AFL++ driver) entry point of the stage-1 walk harness
 * (fuzz_mmu.h). FUZZ_MMU_STATS=1 prints what the inputs reached at exit.
 */
#include <stdlib.h>

#include "fuzz_mmu.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void print_stats(void)
{
	fm_print_stats(stderr);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fm_setup();
	if (getenv("FUZZ_MMU_STATS") != NULL) {
		atexit(print_stats);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fm_run(data, size, NULL);
	return 0;
}
