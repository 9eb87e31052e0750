/* SPDX-License-Identifier: BSD-3-Clause */
/* Generic timer conditions and the cycle <-> counter conversion (gtimer.h). */
#include "gtimer.h"

uint64_t gtimer_ticks(uint64_t cycles, uint64_t cntfrq, uint64_t clock_hz)
{
	if (clock_hz == 0)
		return 0;
	return (uint64_t)((unsigned __int128)cycles * cntfrq / clock_hz);
}

uint64_t gtimer_cycles_for(uint64_t ticks, uint64_t cntfrq, uint64_t clock_hz)
{
	unsigned __int128 c;

	if (cntfrq == 0)
		return UINT64_MAX;
	/* ceil(ticks * clock / cntfrq): the first cycle whose floor reaches @ticks. */
	c = ((unsigned __int128)ticks * clock_hz + cntfrq - 1) / cntfrq;
	return c > UINT64_MAX ? UINT64_MAX : (uint64_t)c;
}

static bool condition_met(const struct gtimer *t, uint64_t count)
{
	return count >= t->cval;
}

uint64_t gtimer_ctl_read(const struct gtimer *t, uint64_t count)
{
	uint64_t v = t->ctl & (GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);

	/* ISTATUS is valid only while ENABLE = 1 (Arm ARM D11.2.4). */
	if ((v & GTIMER_CTL_ENABLE) && condition_met(t, count))
		v |= GTIMER_CTL_ISTATUS;
	return v;
}

void gtimer_ctl_write(struct gtimer *t, uint64_t v)
{
	t->ctl = v & (GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);
}

uint64_t gtimer_tval_read(const struct gtimer *t, uint64_t count)
{
	return (uint32_t)(t->cval - count);
}

void gtimer_tval_write(struct gtimer *t, uint64_t count, uint64_t v)
{
	t->cval = count + (uint64_t)(int64_t)(int32_t)(uint32_t)v;
}

bool gtimer_asserted(const struct gtimer *t, uint64_t count)
{
	return (t->ctl & (GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK)) == GTIMER_CTL_ENABLE &&
	       condition_met(t, count);
}

uint64_t gtimer_deadline(const struct gtimer *t, uint64_t count)
{
	if ((t->ctl & (GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK)) != GTIMER_CTL_ENABLE ||
	    condition_met(t, count))
		return GTIMER_NEVER;
	return t->cval;
}
