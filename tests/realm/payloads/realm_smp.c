/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_smp: REC 0 starts REC 1 with PSCI CPU_ON (entry _secondary_start,
 * context id = its boot block, psci-and-exits.md §1); REC 1 prints its
 * argument and CPU_OFFs; REC 0 polls AFFINITY_INFO until REC 1 is OFF.
 */
#include "realm.h"

#define SMP_ARG 0x5EC0DDULL

static volatile uint64_t secondary_seen;

static void secondary(uint64_t arg)
{
	realm_printf("realm_smp: REC 1 running, arg 0x%lx\n", (unsigned long)arg);
	secondary_seen = arg;
}

int main(void)
{
	int64_t ret, aff;
	unsigned polls = 0;

	realm_printf("realm_smp: REC 0 starting REC 1\n");
	ret = realm_cpu_on(1, secondary, SMP_ARG);
	realm_printf("realm_smp: CPU_ON -> %ld\n", (long)ret);
	if (ret != PSCI_SUCCESS)
		return 1;
	do {
		aff = psci_affinity_info(1);
		polls++;
	} while (aff == PSCI_AFF_ON && polls < 100000U);
	realm_printf("realm_smp: AFFINITY_INFO -> %ld after %u poll(s), REC 1 saw 0x%lx\n",
		     (long)aff, polls, (unsigned long)secondary_seen);
	return aff != PSCI_AFF_OFF || secondary_seen != SMP_ARG;
}
