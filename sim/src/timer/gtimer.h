/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim_timer: the platform's system counter and the Arm generic timers
 * (Arm ARM D11 "The Generic Timer"): a pure model with no emulator in it.
 *
 * The counter is derived from simulated cycles, so runs are deterministic:
 * ticks = cycles * CNTFRQ / clock (FVP: CNTFRQ = 100 MHz). Each timer keeps
 * CTL (ENABLE, IMASK; ISTATUS computed) and CVAL; TVAL is the signed 32-bit
 * view CVAL - count. The timer condition is met when count >= CVAL; the
 * interrupt output is asserted when ENABLE = 1, IMASK = 0 and the
 * condition is met.
 */
#ifndef SIM_GTIMER_H
#define SIM_GTIMER_H

#include <stdbool.h>
#include <stdint.h>

#define GTIMER_CTL_ENABLE 1ULL
#define GTIMER_CTL_IMASK 2ULL
#define GTIMER_CTL_ISTATUS 4ULL
#define GTIMER_NEVER UINT64_MAX
#define GTIMER_CNTFRQ_FVP 100000000ULL

struct gtimer {
	uint64_t ctl;    /* ENABLE | IMASK as written (ISTATUS computed on read) */
	uint64_t cval;
};

/* Counter ticks after @cycles at @clock_hz, counting at @cntfrq. */
uint64_t gtimer_ticks(uint64_t cycles, uint64_t cntfrq, uint64_t clock_hz);
/* Smallest cycle count whose tick count is >= @ticks (inverse of gtimer_ticks). */
uint64_t gtimer_cycles_for(uint64_t ticks, uint64_t cntfrq, uint64_t clock_hz);

/* CTL as read at @count (@count is the timer's view: physical or virtual). */
uint64_t gtimer_ctl_read(const struct gtimer *t, uint64_t count);
void gtimer_ctl_write(struct gtimer *t, uint64_t v);
/* TVAL read: (int32)(CVAL - count), zero-extended into the 64-bit register. */
uint64_t gtimer_tval_read(const struct gtimer *t, uint64_t count);
/* TVAL write: CVAL = count + SignExtend(v[31:0]). */
void gtimer_tval_write(struct gtimer *t, uint64_t count, uint64_t v);
/* The interrupt output at @count. */
bool gtimer_asserted(const struct gtimer *t, uint64_t count);
/*
 * Count at which the output will next rise (GTIMER_NEVER: disabled, masked,
 * or already asserted so no change is due).
 */
uint64_t gtimer_deadline(const struct gtimer *t, uint64_t count);

#endif /* SIM_GTIMER_H */
