/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rt_timer: the EL2 physical timer under `rmmsim run --realtime` (issue 12
 * item 1). Arms CNTHP 3 ms ahead, sleeps in WFI, takes the IRQ and EOIs
 * it; then arms it again and spins (no WFI) until the IRQ comes, which
 * needs the run loop to look at host time while code runs. Checks only
 * what holds at any host speed: the counter never goes back and the
 * interrupt comes at or after its deadline. Exit status = failed checks.
 */
#include "sdk.h"
#include "sdk_gic.h"

#define DEADLINE_TICKS 300000UL /* 3 ms at 100 MHz */

static unsigned failures;
static volatile unsigned taken, last_id;
static volatile uint64_t taken_at;

static void check(int ok, const char *what)
{
	sdk_printf("  %-52s %s\n", what, ok ? "ok" : "FAIL");
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
	taken_at = sdk_read_cntpct();
	if (id == SDK_PPI_CNTHP)
		sdk_write_cnthp_ctl(0); /* quiesce the level before EOI */
	sdk_write_icc_eoir1(id);
}

int main(void)
{
	uint64_t t0, prev, now, cval;
	int mono = 1;

	sdk_printf("rt_timer\n");
	sdk_gic_init();
	sdk_gic_enable_ppi(SDK_PPI_CNTHP, 0x80);
	prev = sdk_read_cntpct();
	for (int i = 0; i < 1000; i++) {
		now = sdk_read_cntpct();
		if (now < prev)
			mono = 0;
		prev = now;
	}
	check(mono, "CNTPCT never goes back");

	/* WFI until the timer: the PE sleeps on the host. */
	t0 = sdk_read_cntpct();
	cval = t0 + DEADLINE_TICKS;
	sdk_write_cnthp_cval(cval);
	sdk_write_cnthp_ctl(1);
	sdk_irq_enable();
	while (!taken)
		__asm__ volatile("wfi");
	sdk_irq_disable();
	check(taken == 1 && last_id == SDK_PPI_CNTHP, "CNTHP interrupt wakes WFI, INTID 26");
	check(taken_at >= cval, "taken at or after its deadline");
	check(sdk_read_cntpct() >= taken_at, "the counter moved on after the handler");

	/* A busy PE: the deadline passes while instructions run. */
	taken = 0;
	cval = sdk_read_cntpct() + DEADLINE_TICKS;
	sdk_write_cnthp_cval(cval);
	sdk_write_cnthp_ctl(1);
	sdk_irq_enable();
	while (!taken)
		;
	sdk_irq_disable();
	check(last_id == SDK_PPI_CNTHP && taken_at >= cval, "CNTHP interrupt ends a busy loop");

	sdk_printf("rt_timer: %s\n", failures ? "FAIL" : "PASS");
	return (int)failures;
}
