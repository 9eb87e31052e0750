/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * irq_bench: interrupt throughput (bench/emu): the EL2 timer (CNTHP, PPI 26)
 * re-armed 2 ticks ahead by its handler, IRQ_BENCH_COUNT times: timer
 * fires, IRQ entry at VBAR_EL2 + 0x280, ICC_IAR1, re-arm, ICC_EOIR1, ERET.
 * The main loop waits in WFI, or with IRQ_BENCH_BUSY spins in a loop.
 */
#include "sdk.h"
#include "sdk_gic.h"

#define IRQ_BENCH_COUNT 100000U
#define IRQ_BENCH_TICKS 2U /* 50 cycles: the interrupt path dominates */

static volatile unsigned taken;

void sdk_irq_handler(struct sdk_frame *f, int is_fiq)
{
	unsigned id = (unsigned)sdk_read_icc_iar1();

	(void)f;
	if (is_fiq || id == SDK_SPURIOUS)
		return;
	if (id == SDK_PPI_CNTHP) {
		taken++;
		if (taken < IRQ_BENCH_COUNT)
			sdk_write_cnthp_tval(IRQ_BENCH_TICKS);
		else
			sdk_write_cnthp_ctl(0);
	}
	sdk_write_icc_eoir1(id);
}

int main(void)
{
	sdk_gic_init();
	sdk_gic_enable_ppi(SDK_PPI_CNTHP, 0x80);
	sdk_write_cnthp_tval(IRQ_BENCH_TICKS);
	sdk_write_cnthp_ctl(1);
	sdk_irq_enable();
	while (taken < IRQ_BENCH_COUNT) {
#ifdef IRQ_BENCH_BUSY
		for (volatile int i = 0; i < 10; i++)
			;
#else
		__asm__ volatile("wfi");
#endif
	}
	sdk_irq_disable();
	sdk_printf("irq_bench: %u interrupts\n", taken);
	return 0;
}
