/* SPDX-License-Identifier: BSD-3-Clause */
/* rmi_seq: issues the calls of rmi_seq.h and prints each result. */
#include "rmi.h"
#include "rmi_seq.h"
#include "sdk.h"

int main(void)
{
	for (unsigned i = 0; i < RMI_SEQ_LEN; i++) {
		const struct rmi_seq_call *c = &rmi_seq[i];
		uint64_t r = sdk_smc(c->fid, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], 0, 0);

		sdk_printf("rmi_seq %u: %lx -> %lx\n", i, (unsigned long)c->fid, (unsigned long)r);
	}
	return 0;
}
