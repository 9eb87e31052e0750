/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The FVP's watchdogs as MMIO devices (issue 12): glue between Unicorn's
 * MMIO callbacks and the pure models of sim/src/wdog, timed by the
 * platform's system counter (cpu_counter):
 *  - SP805 (DDI 0270): WDOGINT drives its SPI (level); WDOGRES (second
 *    expiry with the interrupt unserviced and RESEN set) resets the platform;
 *  - SBSA generic watchdog (DEN0029, "Generic Watchdog"): WS0 drives its
 *    SPI (level), WS1 resets the platform.
 * An access may change what is due: the next block boundary stops the
 * engine (stop_at = 0) so the run loop re-evaluates outputs and deadlines.
 */
#include <stddef.h>

#include "cpu_private.h"

#define SP805_CLK_HZ 32768U      /* WDOGCLK on the FVP (its DT clock-frequency) */

static struct cpu *cpu_of(struct cpu_devs *d)
{
	return (struct cpu *)((char *)d - offsetof(struct cpu, devs));
}

void cpu_wdog_init(struct cpu *cpu)
{
	struct cpu_wdog *w = &cpu->devs.wdog;
	const struct cpu_platform *p = &cpu->plat;

	sp805_init(&w->sp805, p->sp805_clk_hz ? p->sp805_clk_hz : SP805_CLK_HZ,
		   cpu->devs.irq.cntfrq);
	sbsa_gwdt_init(&w->gwdt);
	w->sp805_spi = p->sp805_spi;
	w->gwdt_spi = p->gwdt_spi;
	w->sp805_out = false;
	w->gwdt_out = false;
}

uint64_t sp805_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	static const uint8_t periph[4] = { 0x05, 0x18, 0x14, 0x00 };
	struct cpu_devs *d = opaque;
	uint32_t v = 0;

	if (dev_primecell_id(off, periph, &v))
		return v;
	return sp805_reg_read(&d->wdog.sp805, cpu_counter(cpu_of(d)), off);
}

void sp805_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque)
{
	struct cpu_devs *d = opaque;

	sp805_reg_write(&d->wdog.sp805, cpu_counter(cpu_of(d)), off, (uint32_t)val);
	d->wdog.writes++;
	cpu_irq_set_stop_at(&d->irq, 0);
}

uint64_t gwdt_ctrl_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	struct cpu_devs *d = opaque;

	return sbsa_gwdt_ctrl_read(&d->wdog.gwdt, cpu_counter(cpu_of(d)), off, size);
}

void gwdt_ctrl_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val,
		     void *opaque)
{
	struct cpu_devs *d = opaque;

	sbsa_gwdt_ctrl_write(&d->wdog.gwdt, cpu_counter(cpu_of(d)), off, size, val);
	d->wdog.writes++;
	cpu_irq_set_stop_at(&d->irq, 0);
}

uint64_t gwdt_refresh_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	struct cpu_devs *d = opaque;

	return sbsa_gwdt_refresh_read(&d->wdog.gwdt, off);
}

void gwdt_refresh_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val,
			void *opaque)
{
	struct cpu_devs *d = opaque;

	sbsa_gwdt_refresh_write(&d->wdog.gwdt, cpu_counter(cpu_of(d)), off);
	d->wdog.refreshes++;
	cpu_irq_set_stop_at(&d->irq, 0);
}

static bool drive(struct gic *g, unsigned spi, bool *out, bool level)
{
	bool rose = level && !*out;

	if (level != *out && g && spi)
		gic_set_level(g, 0, spi, level);
	*out = level;
	return rose;
}

enum cpu_wdog_event cpu_wdog_update(struct cpu *cpu)
{
	struct cpu_wdog *w = &cpu->devs.wdog;
	struct gic *g = cpu->devs.irq.gic;
	uint64_t now = cpu_counter(cpu);
	enum cpu_wdog_event ev = CPU_WDOG_NONE;

	if (cpu->plat.sp805) {
		sp805_advance(&w->sp805, now);
		if (drive(g, w->sp805_spi, &w->sp805_out, sp805_irq(&w->sp805)))
			ev = CPU_WDOG_IRQ;
		if (w->sp805.reset)
			return CPU_WDOG_RESET_SP805;
	}
	if (cpu->plat.gwdt_ctrl) {
		sbsa_gwdt_advance(&w->gwdt, now);
		if (drive(g, w->gwdt_spi, &w->gwdt_out, w->gwdt.ws0))
			ev = CPU_WDOG_IRQ;
		if (w->gwdt.ws1)
			return CPU_WDOG_RESET_GWDT;
	}
	return ev;
}

uint64_t cpu_wdog_next_deadline(const struct cpu *cpu)
{
	const struct cpu_wdog *w = &cpu->devs.wdog;
	uint64_t d = WDOG_NEVER, g;

	if (cpu->plat.sp805)
		d = sp805_deadline(&w->sp805);
	if (cpu->plat.gwdt_ctrl) {
		g = sbsa_gwdt_deadline(&w->gwdt);
		if (g < d)
			d = g;
	}
	return d;
}
