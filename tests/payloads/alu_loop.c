/* SPDX-License-Identifier: BSD-3-Clause */
/* alu_loop: a register-only integer loop of about 1.2 G instructions (bench/emu). */
#include "sdk.h"

int main(void)
{
	uint64_t a = 1, b = 2, c = 3;

	for (uint64_t i = 0; i < 200000000; i++) {
		__asm__ volatile("add %0, %0, %1\n\teor %1, %1, %2\n\tadd %2, %2, %0\n\tror %0, %0, #7"
				 : "+r"(a), "+r"(b), "+r"(c));
	}
	return (int)((a ^ b ^ c) & 0);
}
