/* SPDX-License-Identifier: BSD-3-Clause */
/* smc_loop: 1,000,000 RMI_VERSION calls (bench/emu). */
#include "rmi.h"
#include "sdk.h"

int main(void)
{
	uint64_t bad = 0;

	for (unsigned i = 0; i < 1000000; i++)
		if (RMI_STATUS(rmi_version(RMI_ABI_VERSION, 0)) != RMI_SUCCESS)
			bad++;
	return bad ? 1 : 0;
}
