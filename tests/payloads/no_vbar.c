/* SPDX-License-Identifier: BSD-3-Clause */
/* no_vbar: leaves VBAR_EL2 unset and reads a delegated granule: rmmsim must stop with exit 5. */
#include "rmi.h"
#include "sdk.h"

const int sdk_no_vectors = 1;

int main(void)
{
	uint64_t g = sdk_alloc_granule();

	sdk_printf("no_vbar: delegate %lx -> %lx\n", (unsigned long)g,
		   (unsigned long)rmi_granule_delegate(g, 0));
	return (int)sdk_read64(g);
}
