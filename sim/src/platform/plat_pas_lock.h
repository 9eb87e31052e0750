/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PAS stripe locks of struct rmmsim (platform.h pas_stripe): a
 * reader-writer spin lock in one 32-bit word. World accesses (readers)
 * copy at most a few KiB under it and a GTSI (writer) only updates one GPT
 * entry, so holders never sleep and spinning is cheaper than
 * pthread_rwlock: a writer pays one compare-and-swap to take it and a
 * plain release store to drop it (pthread_rwlock_wrlock + unlock were a
 * third of a GRANULE_UNDELEGATE, perf, issue 15). A waiter yields the CPU
 * after a short spin, for machines with more threads than cores.
 *
 * Word: 0 free, PLAT_PAS_WRITER held exclusive, n > 0 held by n readers.
 * A reader enters only while no writer holds the word, so the writer's
 * unlock can store 0 (no reader count can hide under the writer bit).
 */
#ifndef PLAT_PAS_LOCK_H
#define PLAT_PAS_LOCK_H

#include <sched.h>
#include <stdbool.h>
#include <stdint.h>

#define PLAT_PAS_WRITER 0x80000000U
#define PLAT_PAS_SPINS 64U

static inline void plat_pas_wait(unsigned *spins)
{
	if (++*spins >= PLAT_PAS_SPINS) {
		*spins = 0;
		sched_yield();
	} else {
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#elif defined(__aarch64__)
		__asm__ volatile("yield");
#endif
	}
}

static inline void plat_pas_wrlock(uint32_t *w)
{
	unsigned spins = 0;
	uint32_t free_word = 0;

	while (!__atomic_compare_exchange_n(w, &free_word, PLAT_PAS_WRITER, false,
					    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		free_word = 0;
		plat_pas_wait(&spins);
	}
}

static inline void plat_pas_wrunlock(uint32_t *w)
{
	__atomic_store_n(w, 0U, __ATOMIC_RELEASE);
}

static inline void plat_pas_rdlock(uint32_t *w)
{
	unsigned spins = 0;
	uint32_t v = __atomic_load_n(w, __ATOMIC_RELAXED);

	for (;;) {
		if ((v & PLAT_PAS_WRITER) == 0U &&
		    __atomic_compare_exchange_n(w, &v, v + 1U, false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED)) {
			return;
		}
		if ((v & PLAT_PAS_WRITER) != 0U) {
			plat_pas_wait(&spins);
			v = __atomic_load_n(w, __ATOMIC_RELAXED);
		}
	}
}

static inline void plat_pas_rdunlock(uint32_t *w)
{
	__atomic_fetch_sub(w, 1U, __ATOMIC_RELEASE);
}

#endif
