/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * load_check: a host payload for `rmmsim run --load` (tests/cli): a second
 * image must be in memory at LOAD_CHECK_ADDR, starting with the bytes
 * "RMMSIMLD". Exit status 0 when it is, 1 when not.
 */
#include "sdk.h"

#define LOAD_CHECK_ADDR 0x88000000UL

int main(void)
{
	static const char magic[8] = { 'R', 'M', 'M', 'S', 'I', 'M', 'L', 'D' };
	const volatile char *p = (const volatile char *)LOAD_CHECK_ADDR;

	for (unsigned i = 0; i < sizeof(magic); i++) {
		if (p[i] != magic[i]) {
			sdk_printf("load_check: no second image at 0x%lx\n", LOAD_CHECK_ADDR);
			return 1;
		}
	}
	sdk_printf("load_check: second image found at 0x%lx\n", LOAD_CHECK_ADDR);
	return 0;
}
