/* SPDX-License-Identifier: BSD-3-Clause */
/* The system counter over host time (gtimer_rt.h). */
#include <stdbool.h>
#include <time.h>

#include "gtimer_rt.h"

uint64_t gtimer_rt_monotonic_ns(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * GTIMER_RT_NS_PER_S + (uint64_t)ts.tv_nsec;
}

void gtimer_rt_init(struct gtimer_rt *rt, gtimer_rt_now_fn now_ns, void *ctx, uint64_t cntfrq,
		    uint64_t start_count)
{
	rt->now_ns = now_ns ? now_ns : gtimer_rt_monotonic_ns;
	rt->ctx = ctx;
	rt->cntfrq = cntfrq;
	rt->start_count = start_count;
	rt->last = start_count;
	rt->start_ns = rt->now_ns(rt->ctx);
}

uint64_t gtimer_rt_count_at(const struct gtimer_rt *rt, uint64_t elapsed_ns)
{
	unsigned __int128 c = (unsigned __int128)elapsed_ns * rt->cntfrq / GTIMER_RT_NS_PER_S;

	c += rt->start_count;
	return c > UINT64_MAX ? UINT64_MAX : (uint64_t)c;
}

uint64_t gtimer_rt_count(struct gtimer_rt *rt)
{
	uint64_t ns = rt->now_ns(rt->ctx);
	uint64_t c = gtimer_rt_count_at(rt, ns > rt->start_ns ? ns - rt->start_ns : 0);
	uint64_t seen = __atomic_load_n(&rt->last, __ATOMIC_ACQUIRE);

	/* Arm ARM D11.1.2: the system counter never goes back, even if the source does. */
	while (c > seen) {
		if (__atomic_compare_exchange_n(&rt->last, &seen, c, false, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			return c;
	}
	return seen;
}

uint64_t gtimer_rt_ns_for(const struct gtimer_rt *rt, uint64_t tick)
{
	unsigned __int128 ns;

	if (tick == UINT64_MAX || rt->cntfrq == 0)
		return UINT64_MAX;
	if (tick <= rt->start_count)
		return rt->start_ns;
	/* ceil((tick - start) * 1e9 / CNTFRQ): the first ns whose floor reaches @tick. */
	ns = ((unsigned __int128)(tick - rt->start_count) * GTIMER_RT_NS_PER_S + rt->cntfrq - 1U) /
	     rt->cntfrq;
	ns += rt->start_ns;
	return ns >= UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}
