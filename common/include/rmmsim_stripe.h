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
#include <stdint.h>

#define RMMSIM_STRIPES 8U
#define RMMSIM_CACHE_LINE 64
/*
 * Stripes 0..RMMSIM_STRIPES_OWNED-1 each belong to one thread, the first
 * ones to count; later threads share the others round robin. An owned
 * stripe has one writer, so its counts are bumped with a plain load and
 * store (atomic, for concurrent readers, but no locked read-modify-write:
 * two fewer per GRANULE_UNDELEGATE, issue 15); a shared one with an atomic
 * add, as before.
 */
#define RMMSIM_STRIPES_OWNED 6U

/* The calling thread's stripe, 0..RMMSIM_STRIPES-1 (per translation unit). */
static inline unsigned rmmsim_thread_stripe(void)
{
	static uint64_t next; /* 64 bits: never wraps back to an owned stripe */
	static _Thread_local unsigned mine = UINT_MAX;

	if (mine == UINT_MAX) {
		uint64_t n = __atomic_fetch_add(&next, 1U, __ATOMIC_RELAXED);

		mine = n < RMMSIM_STRIPES_OWNED
			       ? (unsigned)n
			       : RMMSIM_STRIPES_OWNED +
					 (unsigned)((n - RMMSIM_STRIPES_OWNED) %
						    (RMMSIM_STRIPES - RMMSIM_STRIPES_OWNED));
	}
	return mine;
}

/* Adds @n to the counter @c of @stripe (the caller's rmmsim_thread_stripe()). */
static inline void rmmsim_stripe_add(uint64_t *c, unsigned stripe, uint64_t n)
{
	if (stripe < RMMSIM_STRIPES_OWNED) {
		__atomic_store_n(c, __atomic_load_n(c, __ATOMIC_RELAXED) + n, __ATOMIC_RELAXED);
	} else {
		__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
	}
}

#endif
