/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer (and AFL++ driver) entry point of the realm-side harness
 * (fuzz_rsi.h). The platforms and realms are built once, in
 * LLVMFuzzerInitialize, and rewound after every input;
 * FUZZ_RSI_STATS=1 prints what the inputs reached when the process exits.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_rsi.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
const char *__asan_default_options(void);

/*
 * ASan keeps freed blocks in a 256 MiB quarantine by default, which was
 * most of the process's RSS (430 MB); 16 MiB still holds hundreds of
 * inputs' worth of frees (an RMI_REC_ENTER frees 4 KiB) and keeps a 60 s
 * run under 200 MB now that inputs run ten times faster. ASAN_OPTIONS in
 * the environment overrides it.
 */
const char *__asan_default_options(void)
{
	return "quarantine_size_mb=16";
}
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void print_stats(void)
{
	fr_print_stats(stderr);
}

/*
 * libFuzzer defines LLVMFuzzerRunDriver; so does AFL++'s driver, whose
 * runtime also has __afl_persistent_loop (and takes no libFuzzer flags).
 */
extern int LLVMFuzzerRunDriver(int *argc, char ***argv,
			       int (*cb)(const uint8_t *data, size_t size)) __attribute__((weak));
extern int __afl_persistent_loop(unsigned int max_cnt) __attribute__((weak));

/*
 * libFuzzer's per-input leak check (-detect_leaks=1, its default) reruns
 * every input that made more allocations than it freed and then scans the
 * whole heap. With the realm persistent, Unicorn keeps what it allocates
 * for newly translated code until its cache is flushed, so inputs that
 * reach new realm code look like leaks: the checks took two thirds of the
 * time and would only report Unicorn's cache (suppressed anyway). Off
 * unless asked for on the command line; LeakSanitizer still checks at exit.
 */
static void default_no_leak_check(int *argc, char ***argv)
{
	static char flag[] = "-detect_leaks=0";
	static char *args[256];
	int n = *argc;

	if (&LLVMFuzzerRunDriver == NULL || &__afl_persistent_loop != NULL || n <= 0 || n >= 255) {
		return;
	}
	for (int i = 1; i < n; i++) {
		if (strncmp((*argv)[i], "-detect_leaks=", 14) == 0) {
			return;
		}
	}
	memcpy(args, *argv, (size_t)n * sizeof(args[0]));
	args[n] = flag;
	args[n + 1] = NULL;
	*argc = n + 1;
	*argv = args;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	default_no_leak_check(argc, argv);
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
