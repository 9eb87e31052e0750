/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer entry point of the RMI harness (fuzz_rmi.h). Also the entry
 * AFL++ drives through its libFuzzer-compatible driver (afl-clang-fast
 * -fsanitize=fuzzer, persistent mode). FUZZ_RMI_STATS=1 in the environment
 * prints the deepest states reached when the process exits; FUZZ_RMI_FAST
 * (1, 2) runs the invariant checker less often (struct fz in fuzz_rmi.h).
 */
#include <stdlib.h>

#include "fuzz_rmi.h"

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
	fz_print_stats(stderr);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_oracle_init();
	fz_read_env();
	if (getenv("FUZZ_RMI_STATS") != NULL) {
		atexit(print_stats);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_run(data, size, NULL);
}
