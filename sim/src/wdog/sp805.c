/* SPDX-License-Identifier: BSD-3-Clause */
/* Arm SP805 watchdog (DDI 0270B, ch. 3 "Programmers model"). */
#include "wdog.h"

#define WDOG_LOAD 0x000
#define WDOG_VALUE 0x004
#define WDOG_CONTROL 0x008
#define WDOG_INTCLR 0x00C
#define WDOG_RIS 0x010
#define WDOG_MIS 0x014
#define WDOG_LOCK 0xC00
#define WDOG_UNLOCK_KEY 0x1ACCE551U
#define CTL_INTEN 1U
#define CTL_RESEN 2U
#define LOAD_RESET 0xFFFFFFFFU

void sp805_init(struct sp805 *w, uint64_t clk_hz, uint64_t cntfrq)
{
	*w = (struct sp805){ .clk_hz = clk_hz ? clk_hz : 32768, .cntfrq = cntfrq,
			     .load = LOAD_RESET };
}

/* Counter ticks for @n WDOGCLK periods (rounded up). */
static uint64_t to_count(const struct sp805 *w, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)n * w->cntfrq + w->clk_hz - 1) / w->clk_hz);
}

static uint64_t period(const struct sp805 *w)
{
	uint64_t p = to_count(w, w->load);

	return p ? p : 1;
}

uint64_t sp805_deadline(const struct sp805 *w)
{
	if (!(w->ctl & CTL_INTEN) || w->reset)
		return WDOG_NEVER;
	return w->start + period(w);
}

void sp805_advance(struct sp805 *w, uint64_t now)
{
	while (sp805_deadline(w) <= now) {
		uint64_t exp = sp805_deadline(w);

		if (w->ris && (w->ctl & CTL_RESEN)) {
			w->reset = true;   /* second timeout with the interrupt unserviced */
			return;
		}
		if (w->ris) {
			/* Nothing changes any more but the phase: skip whole periods. */
			uint64_t p = period(w);

			w->start = exp + ((now - exp) / p) * p;
			return;
		}
		w->ris = true;
		w->start = exp;
	}
}

bool sp805_irq(const struct sp805 *w)
{
	return w->ris && (w->ctl & CTL_INTEN);
}

uint32_t sp805_reg_read(struct sp805 *w, uint64_t now, uint64_t off)
{
	sp805_advance(w, now);
	switch (off) {
	case WDOG_LOAD:
		return w->load;
	case WDOG_VALUE: {
		uint64_t left, el;

		if (!(w->ctl & CTL_INTEN))
			return w->load;
		el = (uint64_t)(((unsigned __int128)(now - w->start) * w->clk_hz) / w->cntfrq);
		left = el >= w->load ? 0 : w->load - el;
		return (uint32_t)left;
	}
	case WDOG_CONTROL:
		return w->ctl;
	case WDOG_RIS:
		return w->ris;
	case WDOG_MIS:
		return sp805_irq(w);
	case WDOG_LOCK:
		return w->locked;
	default:
		return 0;
	}
}

void sp805_reg_write(struct sp805 *w, uint64_t now, uint64_t off, uint32_t v)
{
	sp805_advance(w, now);
	if (off == WDOG_LOCK) {
		w->locked = v != WDOG_UNLOCK_KEY;
		return;
	}
	if (w->locked)
		return;  /* every other register is write-protected while locked */
	switch (off) {
	case WDOG_LOAD:
		w->load = v;
		w->start = now;
		break;
	case WDOG_CONTROL:
		if ((v & CTL_INTEN) && !(w->ctl & CTL_INTEN))
			w->start = now;   /* enabling reloads the counter from Load */
		w->ctl = v & (CTL_INTEN | CTL_RESEN);
		break;
	case WDOG_INTCLR:
		w->ris = false;
		w->start = now;
		break;
	default:
		break;
	}
}
