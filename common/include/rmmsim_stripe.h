/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-thread stripes for counters that several host threads bump at once
 * (issue 13: the native API and --parallel-rmi call RMI concurrently). A
 * counter is an array of stripes, one cache line each; a thread keeps to
 * the stripe it drew at its first use, so counting does not bounce one
 * line between cores; readers sum the stripes. Updates stay atomic, as
 * more threads than stripes may share one.
 */
#ifndef RMMSIM_STRIPE_H
#define RMMSIM_STRIPE_H

#include <limits.h>

#define RMMSIM_STRIPES 8U
#define RMMSIM_CACHE_LINE 64

/* The calling thread's stripe, 0..RMMSIM_STRIPES-1 (per translation unit). */
static inline unsigned rmmsim_thread_stripe(void)
{
	static unsigned next;
	static _Thread_local unsigned mine = UINT_MAX;

	if (mine == UINT_MAX)
		mine = __atomic_fetch_add(&next, 1U, __ATOMIC_RELAXED) % RMMSIM_STRIPES;
	return mine;
}

#endif
