/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * insn_loop_mmu: insn_loop with the EL2 MMU on and its data reached
 * through a non-identity alias of 4 KiB pages (bench/emu: the MMU-on
 * figure of issue 11 beside the MMU-off one).
 */
#include "sdk.h"

#define DESC_TABLE 3UL
#define DESC_BLOCK ((1UL << 10) | (3UL << 8) | 1UL)
#define DESC_PAGE ((1UL << 10) | (3UL << 8) | 3UL)
#define DESC_DEVBLOCK ((1UL << 10) | (1UL << 2) | 1UL)
#define ALIAS 0x40000000UL

static uint64_t buf[4096] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));

int main(void)
{
	volatile uint64_t *b = (volatile uint64_t *)ALIAS;
	uint64_t acc = 1, sctlr;

	l1[0] = DESC_DEVBLOCK;
	l1[1] = (uint64_t)(uintptr_t)l2 | DESC_TABLE;
	l1[2] = 0x80000000UL | DESC_BLOCK;
	l1[3] = 0xC0000000UL | DESC_BLOCK;
	l2[0] = (uint64_t)(uintptr_t)l3 | DESC_TABLE;
	for (unsigned i = 0; i < sizeof(buf) / 4096; i++)
		l3[i] = ((uint64_t)(uintptr_t)buf + i * 4096UL) | DESC_PAGE;
	__asm__ volatile("msr mair_el2, %0" ::"r"(0x00FFUL));
	__asm__ volatile("msr tcr_el2, %0" ::"r"((1UL << 31) | (1UL << 23) | (2UL << 16) |
						  (3UL << 12) | (1UL << 10) | (1UL << 8) | 25UL));
	__asm__ volatile("msr ttbr0_el2, %0; isb" ::"r"((uint64_t)(uintptr_t)l1));
	__asm__ volatile("mrs %0, sctlr_el2" : "=r"(sctlr));
	__asm__ volatile("msr sctlr_el2, %0; isb" ::"r"(sctlr | 1UL));
	for (unsigned r = 0; r < 5000; r++)
		for (unsigned i = 0; i < 4096; i++) {
			acc = acc * 6364136223846793005ULL + b[i];
			b[i] = acc >> 7;
		}
	return (int)(acc & 0);
}
