/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dev_test: what a host driver's probe sees of the emulated devices:
 * PL011 and SP805 PrimeCell IDs, GICv3 distributor/redistributor init
 * (PIDR2.ArchRev = 3, GICR_WAKER handshake), ICC_* system registers
 * through the simulator's emulation, HVC taken at EL2 (EC 0x16), and an access
 * to an unmapped address delivered as a synchronous external abort.
 * x0 at entry must point to the platform's DTB. Exit status = number of
 * failed checks.
 */
#include "sdk.h"

#define GICD 0x2F000000UL
#define GICR 0x2F100000UL
#define SP805 0x1C0F0000UL

static unsigned failures;
static volatile uint64_t sea_esr, sea_far;

static void check(int ok, const char *what)
{
	sdk_printf("  %-44s %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

static uint32_t rd32(uint64_t a)
{
	return *(volatile uint32_t *)a;
}

static void wr32(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

void sdk_sync_handler(struct sdk_frame *f, uint64_t esr, uint64_t far)
{
	sea_esr = esr;
	sea_far = far;
	if ((esr >> 26) != 0x16) /* HVC returns past itself already */
		f->elr += 4;
}

int main(uint64_t dtb)
{
	uint64_t v;
	register uint64_t x0 __asm__("x0") = 0x86000000UL; /* some hypervisor call */

	sdk_printf("dev_test (DTB at %lx)\n", (unsigned long)dtb);
	check(dtb && *(volatile uint32_t *)dtb == 0xEDFE0DD0U, "x0 = a flattened device tree");
	check(rd32(SDK_UART0 + 0xFE0) == 0x11 && rd32(SDK_UART0 + 0xFF0) == 0x0D, "PL011 PeriphID0/CellID0");
	check((rd32(SDK_UART0 + 0x18) & 0x90) == 0x90, "PL011 FR: TXFE and RXFE");
	check(rd32(SP805 + 0xFE0) == 0x05, "SP805 PeriphID0");
	wr32(SP805 + 0x8, 1); /* WdogControl: ignored */
	check(((rd32(GICD + 0xFFE8) >> 4) & 0xF) == 3, "GICD_PIDR2.ArchRev = 3 (GICv3)");
	check(rd32(GICD + 0x0) == 0x10, "GICD_CTLR after TF-A: ARE_NS, Group 1 off");
	wr32(GICD + 0x0, 0x2);
	check(rd32(GICD + 0x0) == 0x13, "GICD_CTLR: EnableGrp1NS and its alias, RWP clear");
	check((rd32(GICD + 0x4) & 0x1F) == 7, "GICD_TYPER.ITLinesNumber");
	wr32(GICD + 0x100, 0xFFFF);
	check(rd32(GICD + 0x100) == 0, "GICD_ISENABLER0 RAZ/WI (affinity routing)");
	wr32(GICD + 0x104, 0x30);
	check(rd32(GICD + 0x104) == 0x30, "GICD_ISENABLER1 sets SPI enables");
	wr32(GICD + 0x184, 0x30);
	check(rd32(GICD + 0x104) == 0, "GICD_ICENABLER1 clears them");
	/* issue 13: one frame per PE of the cpus node (8 on the FVP), Last on the final one. */
	check(!(rd32(GICR + 0x8) & (1U << 4)), "GICR_TYPER.Last clear on PE 0's frame");
	check(rd32(GICR + 7 * 0x20000 + 0x8) & (1U << 4), "GICR_TYPER.Last on the 8th frame");
	check(rd32(GICR + 0x20000 + 0xC) == 0x100, "GICR_TYPER.Affinity of PE 1 = 0.0.1.0");
	check(rd32(GICR + 4 * 0x20000 + 0xC) == 0x10000, "GICR_TYPER.Affinity of PE 4 = 0.1.0.0");
	check(rd32(GICR + 0x14) == 0, "GICR_WAKER awake after TF-A");
	wr32(GICR + 0x14, 2);
	check(rd32(GICR + 0x14) == 6, "GICR_WAKER: ChildrenAsleep follows ProcessorSleep");
	wr32(GICR + 0x14, 0);

	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(v));
	check(((v >> 24) & 0xF) == 1, "ID_AA64PFR0_EL1.GIC = 1 (GICv3 sysregs)");
	check(((v >> 8) & 0xF) == 1 || ((v >> 8) & 0xF) == 2, "ID_AA64PFR0_EL1.EL2 implemented");
	__asm__ volatile("mrs %0, S3_4_C12_C9_5" : "=r"(v)); /* ICC_SRE_EL2 */
	check((v & 1) == 1, "ICC_SRE_EL2.SRE");
	__asm__ volatile("msr S3_0_C4_C6_0, %0" ::"r"(0xF0UL)); /* ICC_PMR_EL1 */
	__asm__ volatile("mrs %0, S3_0_C4_C6_0" : "=r"(v));
	check(v == 0xF0, "ICC_PMR_EL1 write/read");
	__asm__ volatile("msr S3_0_C12_C12_7, %0" ::"r"(1UL)); /* ICC_IGRPEN1_EL1 */
	__asm__ volatile("mrs %0, S3_0_C12_C12_7" : "=r"(v));
	check(v == 1, "ICC_IGRPEN1_EL1 write/read");
	__asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(v)); /* ICC_IAR1_EL1 */
	check(v == 1023, "ICC_IAR1_EL1 = 1023 (spurious)");
	__asm__ volatile("msr S3_0_C12_C11_5, %0" ::"r"(1UL)); /* ICC_SGI1R_EL1: recorded */

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	check(v == 100000000UL, "CNTFRQ_EL0 = 100 MHz");
	sea_esr = 0;
	__asm__ volatile("hvc #0x42" : "+r"(x0)::"x1", "x2", "x3", "memory");
	/* HVC at EL2 is an exception to EL2 (EC 0x16, ISS = imm16); ELR is the next insn. */
	check((sea_esr >> 26) == 0x16 && (sea_esr & 0xFFFF) == 0x42, "HVC taken at EL2 (EC 0x16)");

	v = *(volatile uint64_t *)0x40000000UL; /* nothing there */
	check((sea_esr >> 26) == 0x25 && (sea_esr & 0x3F) == 0x10 && sea_far == 0x40000000UL,
	      "unmapped load: synchronous external abort");
	sdk_printf("dev_test: %s\n", failures ? "FAIL" : "PASS");
	return (int)failures;
}
