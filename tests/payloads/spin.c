/* SPDX-License-Identifier: BSD-3-Clause */
/* spin: never ends (for --max-insns). */
#include "sdk.h"

int main(void)
{
	volatile uint64_t n = 0;

	for (;;)
		n++;
}
