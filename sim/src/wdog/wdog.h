/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim_wdog: pure models of the FVP's two watchdogs, timed by the platform's
 * system counter (ticks at @cntfrq):
 *  - Arm SP805 (DDI 0270): a 32-bit down-counter at WDOGCLK; at zero it
 *    raises its interrupt and reloads; reaching zero again with the
 *    interrupt still raised and RESEN set asserts the reset output.
 *  - SBSA generic watchdog (Arm DEN0029, "Generic Watchdog"): compare value
 *    WCV against the system counter; the first timeout sets WS0 (an
 *    interrupt) and reloads WCV = WCV + WOR, the second sets WS1 (reset).
 *    A write to the refresh frame, WOR or WCS re-arms WCV = count + WOR.
 */
#ifndef SIM_WDOG_H
#define SIM_WDOG_H

#include <stdbool.h>
#include <stdint.h>

#define WDOG_NEVER UINT64_MAX

struct sp805 {
	uint64_t clk_hz, cntfrq;
	uint32_t load, ctl;
	bool ris, locked, reset;
	uint64_t start;       /* count at which Value = Load (last reload) */
};

void sp805_init(struct sp805 *w, uint64_t clk_hz, uint64_t cntfrq);
uint32_t sp805_reg_read(struct sp805 *w, uint64_t now, uint64_t off);
void sp805_reg_write(struct sp805 *w, uint64_t now, uint64_t off, uint32_t v);
/* Applies every expiry up to @now. */
void sp805_advance(struct sp805 *w, uint64_t now);
/* Count of the next expiry (WDOG_NEVER when stopped or already in reset). */
uint64_t sp805_deadline(const struct sp805 *w);
/* WDOGINT: the raw interrupt while INTEN = 1. */
bool sp805_irq(const struct sp805 *w);

struct sbsa_gwdt {
	bool en, ws0, ws1;
	uint32_t wor;
	uint64_t wcv;
};

void sbsa_gwdt_init(struct sbsa_gwdt *w);
uint64_t sbsa_gwdt_ctrl_read(struct sbsa_gwdt *w, uint64_t now, uint64_t off, unsigned size);
void sbsa_gwdt_ctrl_write(struct sbsa_gwdt *w, uint64_t now, uint64_t off, unsigned size,
			  uint64_t v);
uint64_t sbsa_gwdt_refresh_read(struct sbsa_gwdt *w, uint64_t off);
void sbsa_gwdt_refresh_write(struct sbsa_gwdt *w, uint64_t now, uint64_t off);
void sbsa_gwdt_advance(struct sbsa_gwdt *w, uint64_t now);
uint64_t sbsa_gwdt_deadline(const struct sbsa_gwdt *w);

#endif /* SIM_WDOG_H */
