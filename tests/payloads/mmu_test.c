/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu_test: turns the EL2 stage-1 MMU on (identity map, 1 GiB blocks,
 * 39-bit VA) and checks that a delegated granule still faults precisely:
 * the simulator must walk our tables (TTBR0_EL2/TCR_EL2) to find the PA.
 * Exit status = number of failed checks.
 */
#include "rmi.h"
#include "sdk.h"

#define BLOCK_NORMAL ((1UL << 10) | (3UL << 8) | (0UL << 2) | 1UL) /* AF, inner shareable, attr 0 */
#define BLOCK_DEVICE ((1UL << 10) | (1UL << 2) | 1UL)               /* AF, attr 1 */

static uint64_t l1[512] __attribute__((aligned(4096)));
static volatile unsigned faults;
static volatile uint64_t last_far, last_esr;

void sdk_sync_handler(struct sdk_frame *f, uint64_t esr, uint64_t far)
{
	faults++;
	last_far = far;
	last_esr = esr;
	f->elr += 4;
}

int main(void)
{
	uint64_t g = sdk_alloc_granule(), sctlr, v;
	unsigned fails = 0;

	l1[0] = 0x00000000UL | BLOCK_DEVICE;  /* devices */
	l1[2] = 0x80000000UL | BLOCK_NORMAL;  /* DRAM */
	l1[3] = 0xC0000000UL | BLOCK_NORMAL;
	__asm__ volatile("msr mair_el2, %0" ::"r"(0x00FFUL));
	__asm__ volatile("msr tcr_el2, %0" ::"r"((1UL << 31) | (1UL << 23) | (2UL << 16) |
						  (3UL << 12) | (1UL << 10) | (1UL << 8) | 25UL));
	__asm__ volatile("msr ttbr0_el2, %0" ::"r"((uint64_t)(uintptr_t)l1));
	__asm__ volatile("isb; mrs %0, sctlr_el2" : "=r"(sctlr));
	__asm__ volatile("msr sctlr_el2, %0; isb" ::"r"(sctlr | 1UL));
	sdk_printf("mmu_test: EL2 MMU on\n");

	sdk_printf("  delegate %lx -> %lx\n", (unsigned long)g,
		   (unsigned long)rmi_granule_delegate(g, 0));
	v = sdk_read64(g + 0x40);
	(void)v;
	if (faults != 1 || last_far != g + 0x40 || (last_esr & 0x3F) != 0x28) {
		sdk_printf("  FAIL: no precise GPF with the MMU on (faults %u FAR %lx ESR %lx)\n",
			   faults, (unsigned long)last_far, (unsigned long)last_esr);
		fails++;
	}
	rmi_granule_undelegate(g, 0);
	sdk_write64(g, 7);
	if (sdk_read64(g) != 7 || faults != 1) {
		sdk_printf("  FAIL: undelegated granule not usable\n");
		fails++;
	}
	__asm__ volatile("msr sctlr_el2, %0; isb" ::"r"(sctlr));
	sdk_printf("mmu_test: %s\n", fails ? "FAIL" : "PASS");
	return (int)fails;
}
