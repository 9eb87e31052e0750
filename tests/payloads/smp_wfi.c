/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * smp_wfi (issue 13): PE 0 turns on PE 1; both then wait in WFI with no
 * interrupt or timer enabled: the run must end as a deadlock (exit 10),
 * not hang, in either scheduling mode.
 */
#include "sdk.h"
#include "sdk_smp.h"

static void forever(void *arg)
{
	(void)arg;
	for (;;)
		__asm__ volatile("wfi");
}

int main(void)
{
	if (sdk_cpu_on(sdk_fvp_mpidr(1), forever, 0) != PSCI_SUCCESS)
		return 1;
	forever(0);
	return 0;
}
