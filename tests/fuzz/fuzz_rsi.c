/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer (and AFL++ driver) entry point of the realm-side harness
 * (fuzz_rsi.h). The platform is created once, in LLVMFuzzerInitialize;
 * FUZZ_RSI_STATS=1 prints what the inputs reached when the process exits.
 */
#include <stdlib.h>

#include "fuzz_rsi.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
const char *__asan_default_options(void);

/*
 * ASan keeps freed blocks in a 256 MiB quarantine by default, which was
 * most of the process's RSS (430 MB); 32 MiB still holds thousands of
 * inputs' worth of frees. ASAN_OPTIONS in the environment overrides it.
 */
const char *__asan_default_options(void)
{
	return "quarantine_size_mb=32";
}
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void print_stats(void)
{
	fr_print_stats(stderr);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fr_setup();
	if (getenv("FUZZ_RSI_STATS") != NULL) {
		atexit(print_stats);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fr_run(data, size, NULL);
	return 0;
}
