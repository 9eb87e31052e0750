/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host PEs from a payload (issue 13): PSCI at EL3 (DEN0022 1.1). A
 * secondary turned on with sdk_cpu_on starts in sdk_secondary_entry with
 * its own stack and VBAR_EL2, runs fn(arg) and powers itself off. On the
 * FVP platform the PEs are Aff1 = core, Aff2 = cluster (sdk_fvp_mpidr).
 * Under --threads guest exclusives/atomics are not atomic across PEs:
 * share results through one writer per location.
 */
#ifndef SDK_SMP_H
#define SDK_SMP_H

#include <stdint.h>

#define PSCI_CPU_SUSPEND 0x84000001UL
#define PSCI_CPU_OFF 0x84000002UL
#define PSCI_CPU_ON 0xC4000003UL
#define PSCI_AFFINITY_INFO 0xC4000004UL
#define PSCI_FEATURES 0x8400000AUL
#define PSCI_VERSION 0x84000000UL

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INVALID_ADDRESS (-9)
#define PSCI_AFF_ON 0
#define PSCI_AFF_OFF 1
#define PSCI_AFF_ON_PENDING 2

#define SDK_MAX_PE 8U

/* The FVP Base RevC affinity of PE @n (0..7): cluster n / 4, core n % 4. */
static inline uint64_t sdk_fvp_mpidr(unsigned n)
{
	return ((uint64_t)(n / 4) << 16) | ((uint64_t)(n % 4) << 8);
}

static inline uint64_t sdk_mpidr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

int64_t sdk_psci(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3);
/* PSCI CPU_ON of @mpidr running fn(arg) on a fresh 16 KiB stack; the PSCI result. */
int64_t sdk_cpu_on(uint64_t mpidr, void (*fn)(void *arg), void *arg);
/* PSCI CPU_OFF; returns only if EL3 refused (the result). */
int64_t sdk_cpu_off(void);
/* Waits until AFFINITY_INFO(@mpidr) says OFF. */
void sdk_wait_off(uint64_t mpidr);

#endif /* SDK_SMP_H */
