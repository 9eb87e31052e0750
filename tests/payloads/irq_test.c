/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * irq_test: interrupts and time at NS-EL2 on the simulated GICv3:
 *  - the EL2 physical timer (CNTHP, PPI 26) wakes a WFI, the IRQ is taken
 *    at VBAR_EL2 + 0x280, acknowledged (ICC_IAR1) and EOIed;
 *  - TVAL/CTL/ISTATUS/IMASK as the Arm ARM defines them;
 *  - ICC_PMR masks an interrupt of equal priority until it is raised;
 *  - PSTATE.I holds a pending SGI until `msr daifclr` (not hookable);
 *  - an SGI to self (ICC_SGI1R); a higher priority SGI preempts a handler;
 *  - CNTVCT = CNTPCT - CNTVOFF, the EL1 virtual timer (PPI 27).
 * Prints the counter at the end so two runs can be compared (determinism).
 * Exit status = number of failed checks.
 */
#include "sdk.h"
#include "sdk_gic.h"

static unsigned failures;
static volatile unsigned taken, last_id, nested, max_depth, depth;
static volatile uint64_t last_elr, last_spsr;
static volatile int preempt_sgi = -1;

static void check(int ok, const char *what)
{
	sdk_printf("  %-52s %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

void sdk_irq_handler(struct sdk_frame *f, int is_fiq)
{
	unsigned id = (unsigned)sdk_read_icc_iar1();

	if (is_fiq || id == SDK_SPURIOUS)
		return;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	taken++;
	last_id = id;
	last_elr = f->elr;
	last_spsr = f->spsr;
	if (id == SDK_PPI_CNTHP)
		sdk_write_cnthp_ctl(0);   /* quiesce the level before EOI */
	if (id == SDK_PPI_CNTV)
		sdk_write_cntv_ctl(0);
	if (preempt_sgi >= 0) {
		/* Nested: a higher priority SGI taken inside this handler. */
		unsigned sgi = (unsigned)preempt_sgi;

		preempt_sgi = -1;
		sdk_write_icc_sgi1r(((uint64_t)sgi << 24) | 1);
		sdk_irq_enable();
		for (volatile int i = 0; i < 100; i++)
			;
		sdk_irq_disable();
		if (last_id == sgi)
			nested++;
	}
	sdk_write_icc_eoir1(id);
	depth--;
}

int main(void)
{
	uint64_t t0, t1, ctl;
	extern char wfi_insn[];

	sdk_printf("irq_test\n");
	sdk_gic_init();
	check(sdk_read_cntfrq() == 100000000UL, "CNTFRQ_EL0 = 100 MHz");
	t0 = sdk_read_cntpct();
	for (volatile int i = 0; i < 1000; i++)
		;
	t1 = sdk_read_cntpct();
	check(t1 > t0, "CNTPCT advances with executed instructions");

	/* TVAL is a signed 32-bit view; ISTATUS set once CVAL is reached. */
	sdk_write_cnthp_ctl(1 | 2); /* enabled, masked */
	sdk_write_cnthp_tval((uint64_t)-5);
	ctl = sdk_read_cnthp_ctl();
	check(ctl == 7, "CNTHP_CTL: ISTATUS with ENABLE|IMASK, past CVAL");
	check(sdk_read_cnthp_tval() >= 0xFFFF0000UL, "CNTHP_TVAL reads negative (32-bit)");
	sdk_write_cnthp_ctl(0);
	check(sdk_read_cnthp_ctl() == 0, "CNTHP_CTL: no ISTATUS while disabled");

	/* The EL2 timer wakes WFI; IRQ at VBAR_EL2 + 0x280, ELR = after the WFI. */
	sdk_gic_enable_ppi(SDK_PPI_CNTHP, 0x80);
	t0 = sdk_read_cntpct();
	sdk_write_cnthp_tval(100000);  /* 1 ms */
	sdk_write_cnthp_ctl(1);
	__asm__ volatile("msr daifclr, #2\n"
			 ".globl wfi_insn\nwfi_insn: wfi\n"
			 "msr daifset, #2" ::: "memory");
	t1 = sdk_read_cntpct();
	check(taken == 1 && last_id == SDK_PPI_CNTHP, "CNTHP interrupt taken once, INTID 26");
	check(last_elr == (uint64_t)wfi_insn + 4, "ELR_EL2 = the instruction after WFI");
	check((last_spsr & 0xF) == 0x9 && !(last_spsr & 0x80), "SPSR_EL2 = EL2h with I clear");
	check(t1 - t0 >= 100000 && t1 - t0 < 101000, "WFI slept until the deadline (1 ms)");
	check(sdk_read_icc_rpr() == 0xFF, "ICC_RPR idle after EOI");

	/* PMR: priority 0x80 is masked by PMR 0x80, taken when PMR opens. */
	taken = 0;
	sdk_write_icc_pmr(0x80);
	sdk_write_cnthp_tval(10);
	sdk_write_cnthp_ctl(1);
	sdk_irq_enable();
	for (volatile int i = 0; i < 2000; i++)
		;
	check(taken == 0 && (sdk_read_cnthp_ctl() & 4), "PMR 0x80 masks a priority 0x80 timer");
	check(sdk_read_icc_hppir1() == SDK_PPI_CNTHP, "ICC_HPPIR1 shows it pending");
	sdk_write_icc_pmr(0xF0);
	for (volatile int i = 0; i < 10; i++)
		;
	sdk_irq_disable();
	check(taken == 1, "taken once PMR is raised");

	/* SGI to self while PSTATE.I is set: pending until DAIFClr. */
	taken = 0;
	sdk_gic_enable_ppi(3, 0xA0);
	sdk_write_icc_sgi1r((3UL << 24) | 1);
	for (volatile int i = 0; i < 100; i++)
		;
	check(taken == 0, "PSTATE.I holds a pending SGI");
	sdk_irq_enable();
	for (volatile int i = 0; i < 10; i++)
		;
	sdk_irq_disable();
	check(taken == 1 && last_id == 3, "SGI 3 taken after msr daifclr");

	/* Preemption: SGI 5 (0x40) inside the handler of SGI 3 (0xA0). */
	taken = 0;
	max_depth = 0;
	sdk_gic_enable_ppi(5, 0x40);
	preempt_sgi = 5;
	sdk_write_icc_sgi1r((3UL << 24) | 1);
	sdk_irq_enable();
	for (volatile int i = 0; i < 100; i++)
		;
	sdk_irq_disable();
	check(taken == 2 && nested == 1 && max_depth == 2, "higher priority SGI preempts a handler");

	/* Virtual counter and the EL1 virtual timer (PPI 27). */
	sdk_write_cntvoff(1000);
	t0 = sdk_read_cntpct();
	t1 = sdk_read_cntvct();
	check(t0 - t1 >= 1000 - 50 && t0 - t1 <= 1000, "CNTVCT = CNTPCT - CNTVOFF");
	taken = 0;
	sdk_gic_enable_ppi(SDK_PPI_CNTV, 0x80);
	sdk_write_cntv_cval(sdk_read_cntvct() + 5000);
	sdk_write_cntv_ctl(1);
	sdk_irq_enable();
	__asm__ volatile("wfi");
	sdk_irq_disable();
	check(taken == 1 && last_id == SDK_PPI_CNTV, "CNTV interrupt wakes WFI, INTID 27");

	sdk_printf("irq_test: counter %lu\n", (unsigned long)sdk_read_cntpct());
	sdk_printf("irq_test: %s\n", failures ? "FAIL" : "PASS");
	return (int)failures;
}
