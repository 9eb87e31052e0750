/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * smp_gpf (issue 13): a PAS change by one PE reaches every PE. PE 1 reads
 * and writes a granule (its shadow translation now holds it), then PE 0
 * delegates that granule: PE 1's next load and store must take a Granule
 * Protection Fault at PE 1's own vector (FSC 0x28, FAR = the address);
 * after PE 0 undelegates it, PE 1 reaches it again. The PEs hand over
 * through single-writer flags.
 */
#include "rmi.h"
#include "sdk.h"
#include "sdk_smp.h"

static uint64_t g;
static volatile uint64_t step1, step2, pe1_faults, pe1_bad_esr, pe1_done, pe1_end;
static volatile uint64_t pe0_go, pe0_undone;

void sdk_sync_handler(struct sdk_frame *f, uint64_t esr, uint64_t far)
{
	if ((sdk_mpidr() & 0xFFFFFF) != 0x100 || (esr & 0x3F) != 0x28 || far != g + 8)
		pe1_bad_esr++;
	pe1_faults++;
	f->elr += 4; /* skip the access */
}

static void pe1(void *arg)
{
	(void)arg;
	sdk_write64(g + 8, 0x1234);
	step1 = sdk_read64(g + 8) == 0x1234; /* translation cached, PE 0 may delegate */
	while (!pe0_go)
		;
	(void)sdk_read64(g + 8);             /* GPF */
	sdk_write64(g + 8, 1);               /* GPF */
	step2 = 1;
	while (!pe0_undone)
		;
	sdk_write64(g + 8, 0x5678);
	pe1_end = sdk_read64(g + 8) == 0x5678;
	pe1_done = 1;
}

int main(void)
{
	unsigned fails = 0;

	g = sdk_alloc_granule();
	if (sdk_cpu_on(sdk_fvp_mpidr(1), pe1, 0) != PSCI_SUCCESS)
		return 1;
	while (!step1)
		;
	if (RMI_STATUS(rmi_granule_delegate(g, 0)) != RMI_SUCCESS)
		fails++;
	pe0_go = 1;
	while (!step2)
		;
	if (RMI_STATUS(rmi_granule_undelegate(g, 0)) != RMI_SUCCESS)
		fails++;
	pe0_undone = 1;
	sdk_wait_off(sdk_fvp_mpidr(1));
	if (pe1_faults != 2 || pe1_bad_esr || !pe1_done || !pe1_end)
		fails++;
	sdk_printf("smp_gpf: PE 1 took %lu GPFs after PE 0's delegate (%lu wrong): %s\n",
		   (unsigned long)pe1_faults, (unsigned long)pe1_bad_esr, fails ? "FAIL" : "PASS");
	return (int)fails;
}
