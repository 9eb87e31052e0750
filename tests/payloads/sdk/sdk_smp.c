/* SPDX-License-Identifier: BSD-3-Clause */
/* Secondary PEs of a host payload through PSCI (sdk_smp.h). */
#include "rmi.h"
#include "sdk.h"
#include "sdk_smp.h"

#define STACK_GRANULES 4U

/* What the context id of CPU_ON points at (read by sdk_secondary_entry). */
struct sdk_pe_boot {
	uint64_t sp;
	void (*fn)(void *arg);
	void *arg;
};

static struct sdk_pe_boot boots[SDK_MAX_PE];
static unsigned num_boots;

void sdk_secondary_entry(void);

int64_t sdk_psci(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return (int64_t)sdk_smc(fid, a1, a2, a3, 0, 0, 0, 0);
}

int64_t sdk_cpu_on(uint64_t mpidr, void (*fn)(void *arg), void *arg)
{
	struct sdk_pe_boot *b;
	uint64_t stack = 0;

	if (num_boots == SDK_MAX_PE)
		return PSCI_INVALID_PARAMETERS;
	for (unsigned i = 0; i < STACK_GRANULES; i++)
		stack = sdk_alloc_granule();
	b = &boots[num_boots++];
	b->sp = stack + SDK_GRANULE;
	b->fn = fn;
	b->arg = arg;
	return sdk_psci(PSCI_CPU_ON, mpidr, (uint64_t)(uintptr_t)sdk_secondary_entry,
			(uint64_t)(uintptr_t)b);
}

int64_t sdk_cpu_off(void)
{
	return sdk_psci(PSCI_CPU_OFF, 0, 0, 0);
}

void sdk_wait_off(uint64_t mpidr)
{
	while (sdk_psci(PSCI_AFFINITY_INFO, mpidr, 0, 0) != PSCI_AFF_OFF)
		;
}
