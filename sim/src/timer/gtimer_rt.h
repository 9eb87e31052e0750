/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gtimer_rt: the system counter tied to host time (`rmmsim run --realtime`,
 * issue 12 item 1). Non-deterministic by design: the counter is
 *   count = start_count + (now_ns - start_ns) * CNTFRQ / 1e9
 * over a host clock (CLOCK_MONOTONIC by default; a function pointer so a
 * unit test can drive it), never lower than a value it has returned
 * before (monotonic whatever the host clock does), and one clock serves
 * every PE and every realm so they all read the same counter.
 */
#ifndef SIM_GTIMER_RT_H
#define SIM_GTIMER_RT_H

#include <stdint.h>

#define GTIMER_RT_NS_PER_S 1000000000ULL

/* Host time in ns, from any fixed origin. */
typedef uint64_t (*gtimer_rt_now_fn)(void *ctx);

struct gtimer_rt {
	gtimer_rt_now_fn now_ns;
	void *ctx;
	uint64_t start_ns;
	uint64_t start_count;
	uint64_t cntfrq;
	uint64_t last;          /* highest count returned (atomic: PEs on threads share it) */
};

/* CLOCK_MONOTONIC in ns (the default source). */
uint64_t gtimer_rt_monotonic_ns(void *ctx);

/* Starts @rt at @start_count now; @now_ns NULL = CLOCK_MONOTONIC. */
void gtimer_rt_init(struct gtimer_rt *rt, gtimer_rt_now_fn now_ns, void *ctx, uint64_t cntfrq,
		    uint64_t start_count);
/* The counter now (monotonic; thread-safe). */
uint64_t gtimer_rt_count(struct gtimer_rt *rt);
/* Pure arithmetic: the count @elapsed_ns after the start. */
uint64_t gtimer_rt_count_at(const struct gtimer_rt *rt, uint64_t elapsed_ns);
/*
 * The host time (the source's ns) at which the counter reaches @tick: the
 * first ns whose count is >= @tick; start_ns if it is reached already,
 * UINT64_MAX if never (tick = UINT64_MAX, or beyond the ns range).
 */
uint64_t gtimer_rt_ns_for(const struct gtimer_rt *rt, uint64_t tick);

#endif /* SIM_GTIMER_RT_H */
