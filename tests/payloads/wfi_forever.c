/* SPDX-License-Identifier: BSD-3-Clause */
/* wfi_forever: WFI with no interrupt enabled: the run must end as a deadlock (exit 9). */
#include "sdk.h"

int main(void)
{
	sdk_printf("wfi_forever: waiting\n");
	for (;;)
		__asm__ volatile("wfi");
}
