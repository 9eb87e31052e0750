/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer / AFL++ entry of the RMI 2.0 harness (fuzz_rmi2.h). */
#include "fuzz_rmi2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz2_run(data, size, NULL);
	return 0;
}
