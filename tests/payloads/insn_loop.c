/* SPDX-License-Identifier: BSD-3-Clause */
/* insn_loop: a memory-touching integer loop of about 200 M instructions (bench/emu). */
#include "sdk.h"

static uint64_t buf[4096];

int main(void)
{
	uint64_t acc = 1;

	for (unsigned r = 0; r < 5000; r++)
		for (unsigned i = 0; i < 4096; i++) {
			acc = acc * 6364136223846793005ULL + buf[i];
			buf[i] = acc >> 7;
		}
	return (int)(acc & 0) ;
}
