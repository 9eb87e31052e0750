/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pmu_test: the host PE's PMU at NS-EL2 (issue 12): PMCR_EL0.N, the cycle
 * counter and an INST_RETIRED counter over a loop of known length, and an
 * overflow of a CPU_CYCLES counter taken as the PMU PPI (INTID 23) at
 * VBAR_EL2 + 0x280, cleared with PMOVSCLR and EOIed; filtering by EL
 * (PMEVTYPER/PMCCFILTR NSH, P, NSK): counters that count EL2 only and EL1
 * only around a loop run at NS-EL1 (el_call, el_vec.S). Exit = failed checks.
 */
#include "sdk.h"
#include "sdk_gic.h"

#define PPI_PMU 23U
#define PMCR_E 1UL
#define PMCR_P 2UL
#define PMCR_C 4UL
#define PMCR_LC (1UL << 6)
/* PMEVTYPER/PMCCFILTR filter bits (Arm ARM): NSH counts at EL2; P != NSK hides NS EL1. */
#define FILT_P (1UL << 31)
#define FILT_NSH (1UL << 27)
#define EVT_INST 0x08UL
#define EVT_CYCLES 0x11UL
#define HCR_RW (1UL << 31)
#define SPSR_EL1H 0x3C5UL

SDK_SYSREG_RW(pmcr, "pmcr_el0")
SDK_SYSREG_RW(pmcntenset, "pmcntenset_el0")
SDK_SYSREG_RW(pmcntenclr, "pmcntenclr_el0")
SDK_SYSREG_RW(pmintenset, "pmintenset_el1")
SDK_SYSREG_RW(pmintenclr, "pmintenclr_el1")
SDK_SYSREG_RW(pmovsset, "pmovsset_el0")
SDK_SYSREG_RW(pmovsclr, "pmovsclr_el0")
SDK_SYSREG_RW(pmccntr, "pmccntr_el0")
SDK_SYSREG_RW(pmevcntr0, "pmevcntr0_el0")
SDK_SYSREG_RW(pmevtyper0, "pmevtyper0_el0")
SDK_SYSREG_RW(pmevcntr1, "pmevcntr1_el0")
SDK_SYSREG_RW(pmevtyper1, "pmevtyper1_el0")
SDK_SYSREG_RW(pmevcntr2, "pmevcntr2_el0")
SDK_SYSREG_RW(pmevtyper2, "pmevtyper2_el0")
SDK_SYSREG_RW(pmccfiltr, "pmccfiltr_el0")
SDK_SYSREG_RW(hcr, "hcr_el2")
SDK_SYSREG_RW(vbar, "vbar_el2")

extern char el2_vectors[];
uint64_t el_call(uint64_t entry, uint64_t spsr, uint64_t sp, uint64_t x0);
void pmu_el1_loop(void);

/* At NS-EL1: 1 + 2 x 1000 instructions, then HVC back to EL2 (el_vec.S's vector). */
__asm__(".text\n.globl pmu_el1_loop\npmu_el1_loop:\n"
	"	mov x1, #1000\n"
	"1:	subs x1, x1, #1\n"
	"	b.ne 1b\n"
	"	hvc #0\n");

static uint8_t el1_stack[4096] __attribute__((aligned(16)));

static unsigned failures;
static volatile unsigned taken, last_id;
static volatile uint64_t ovs_in_handler, cnt_in_handler;

static void check(int ok, const char *what)
{
	sdk_printf("  %-56s %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

void sdk_irq_handler(struct sdk_frame *f, int is_fiq)
{
	unsigned id = (unsigned)sdk_read_icc_iar1();

	(void)f;
	if (is_fiq || id == SDK_SPURIOUS)
		return;
	taken++;
	last_id = id;
	if (id == PPI_PMU) {
		ovs_in_handler = sdk_read_pmovsset();
		cnt_in_handler = sdk_read_pmevcntr1();
		sdk_write_pmovsclr(ovs_in_handler); /* the request drops */
	}
	sdk_write_icc_eoir1(id);
}

/* 1000 iterations of 4 instructions. */
static void loop(void)
{
	uint64_t n = 1000;

	__asm__ volatile("1: add x9, x9, #1\n"
			 "   nop\n"
			 "   subs %0, %0, #1\n"
			 "   b.ne 1b\n"
			 : "+r"(n)::"x9", "cc");
}

int main(void)
{
	uint64_t n, c0, c1, i0, i1;

	sdk_printf("pmu_test\n");
	sdk_gic_init();
	n = (sdk_read_pmcr() >> 11) & 0x1F;
	sdk_printf("  PMCR_EL0.N = %lu\n", (unsigned long)n);
	check(n >= 2, "PMCR_EL0.N: at least two event counters");

	/* Counting: cycles and instructions over the loop (NSH: count at EL2). */
	sdk_write_pmevtyper0(EVT_INST | FILT_NSH);  /* INST_RETIRED */
	sdk_write_pmccfiltr(FILT_NSH);
	sdk_write_pmcr(PMCR_P | PMCR_C | PMCR_LC);
	sdk_write_pmcntenset((1UL << 31) | 1);
	check(sdk_read_pmccntr() == 0 && sdk_read_pmevcntr0() == 0, "PMCR.P/C reset the counters");
	sdk_write_pmcr(PMCR_E | PMCR_LC);
	c0 = sdk_read_pmccntr();
	i0 = sdk_read_pmevcntr0();
	loop();
	c1 = sdk_read_pmccntr();
	i1 = sdk_read_pmevcntr0();
	sdk_printf("  loop: %lu cycles, %lu instructions\n", (unsigned long)(c1 - c0),
		   (unsigned long)(i1 - i0));
	check(i1 - i0 >= 4000 && i1 - i0 < 4100, "INST_RETIRED counts the loop's 4000 instructions");
	/* The cycle model's default CPI is 0.8 (docs/cycle-costs.md). */
	check(c1 - c0 >= 3200 && c1 - c0 < 3300, "PMCCNTR counts its cycles (CPI 0.8)");
	sdk_write_pmcr(PMCR_LC);                    /* E = 0: counting stops */
	c0 = sdk_read_pmccntr();
	loop();
	check(sdk_read_pmccntr() == c0, "PMCR.E = 0 stops the counters");

	/* Filtering by EL: NSH = 0 does not count at EL2. */
	sdk_write_pmevtyper2(EVT_INST);
	sdk_write_pmevcntr2(0);
	sdk_write_pmcntenset(4);
	sdk_write_pmcr(PMCR_E | PMCR_LC);
	loop();
	check(sdk_read_pmevcntr2() == 0, "NSH = 0: nothing counted at EL2");
	sdk_write_pmccfiltr(0);
	c0 = sdk_read_pmccntr();
	loop();
	check(sdk_read_pmccntr() == c0, "PMCCFILTR.NSH = 0: no cycles counted at EL2");

	/* Counter 0 counts EL2 only (P = 1, NSK = 0), counter 2 EL1 only (NSH = 0). */
	{
		uint64_t hcr = sdk_read_hcr(), vbar = sdk_read_vbar(), e0, e2;

		sdk_write_pmevtyper0(EVT_INST | FILT_NSH | FILT_P);
		sdk_write_pmevtyper2(EVT_INST);
		sdk_write_pmevcntr0(0);
		sdk_write_pmevcntr2(0);
		sdk_write_hcr(hcr | HCR_RW);
		sdk_write_vbar((uint64_t)el2_vectors);
		el_call((uint64_t)pmu_el1_loop, SPSR_EL1H, (uint64_t)(el1_stack + sizeof(el1_stack)),
			0);
		e0 = sdk_read_pmevcntr0();
		e2 = sdk_read_pmevcntr2();
		sdk_write_vbar(vbar);
		sdk_write_hcr(hcr);
		sdk_printf("  EL1 loop: EL2-only counter %lu, EL1-only counter %lu\n",
			   (unsigned long)e0, (unsigned long)e2);
		check(e2 == 2002, "EL1-only counter: exactly the 2002 EL1 instructions");
		check(e0 > 0 && e0 < 200, "EL2-only counter: the EL2 code around it only");
	}
	sdk_write_pmcntenclr(4);
	sdk_write_pmcr(PMCR_LC);

	/* Overflow: CPU_CYCLES counter 1 at 2^32 - 2000, interrupt enabled. */
	sdk_gic_enable_ppi(PPI_PMU, 0x80);
	sdk_write_pmevtyper1(EVT_CYCLES | FILT_NSH);
	sdk_write_pmevcntr1(0xFFFFFFFFUL - 1999);
	sdk_write_pmcntenset(2);
	sdk_write_pmintenset(2);
	sdk_write_pmcr(PMCR_E | PMCR_LC);
	sdk_irq_enable();
	for (volatile int k = 0; k < 2000 && !taken; k++)
		;
	sdk_irq_disable();
	check(taken == 1 && last_id == PPI_PMU, "overflow taken as the PMU PPI (INTID 23)");
	check(ovs_in_handler & 2, "PMOVSSET shows counter 1 in the handler");
	check(cnt_in_handler < 200, "taken within a few blocks of the wrap");
	check(sdk_read_pmovsset() == 0, "PMOVSCLR cleared it");
	sdk_write_pmintenclr(~0UL);
	sdk_write_pmcntenclr(~0UL);
	sdk_printf("pmu_test: %s (%u failures)\n", failures ? "FAIL" : "PASS", failures);
	return (int)failures;
}
