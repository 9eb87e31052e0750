/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_mpidr: each REC reads its own MPIDR_EL1 (VMPIDR_EL2 from the
 * REC_CREATE mpidr, psci-and-exits.md §2: Aff0..2 as given, Aff3 in
 * bits[39:32], RES1 bit 31). REC 0 reads 0x80000000; REC 1 started with
 * realm_cpu_on() reads 0x80000001 on its own stack; then REC 1 started at
 * the image entry _start takes the secondary boot path by its MPIDR
 * (start.S) and powers off, where it would have run main() again (and
 * CPU_ON would answer ALREADY_ON) if every REC read REC 0's MPIDR.
 */
#include "realm.h"

#define MPIDR_RES1 (1ULL << 31)

extern char _start[];

static volatile uint64_t rec1_mpidr;

static void secondary(uint64_t arg)
{
	(void)arg;
	rec1_mpidr = realm_read_mpidr();
}

static int wait_off(uint64_t target)
{
	int64_t aff;
	unsigned polls = 0;

	do {
		aff = psci_affinity_info(target);
	} while (aff == PSCI_AFF_ON && ++polls < 100000U);
	return aff == PSCI_AFF_OFF ? 0 : -1;
}

int main(void)
{
	uint64_t mine = realm_read_mpidr();
	int64_t ret;
	uint64_t vals[3];
	int bad = 0;

	realm_printf("realm_mpidr: REC 0 MPIDR_EL1 0x%lx\n", (unsigned long)mine);
	bad |= mine != MPIDR_RES1;
	ret = realm_cpu_on(1, secondary, 0);
	bad |= ret != PSCI_SUCCESS || wait_off(1) != 0;
	realm_printf("realm_mpidr: REC 1 (own stack) MPIDR_EL1 0x%lx\n", (unsigned long)rec1_mpidr);
	bad |= rec1_mpidr != (MPIDR_RES1 | 1U);
	/* REC 1 again, at the primary's entry: its MPIDR sends it down its own path. */
	ret = psci_cpu_on(1, (uint64_t)(uintptr_t)_start, 0);
	bad |= ret != PSCI_SUCCESS || wait_off(1) != 0;
	realm_printf("realm_mpidr: REC 1 (at _start) took the secondary path, MPIDR_EL1 0x%lx\n",
		     (unsigned long)realm_secondary_mpidr);
	bad |= realm_secondary_mpidr != (MPIDR_RES1 | 1U);
	vals[0] = mine;
	vals[1] = rec1_mpidr;
	vals[2] = realm_secondary_mpidr;
	realm_report(RH_KEY_MPIDR, vals, 3);
	return bad;
}
