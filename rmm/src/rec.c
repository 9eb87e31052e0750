/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB: to be implemented. */
#include "den0137_abi.h"
#include "rmi_handlers.h"

RMI_HANDLER(smc_rec_create)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rec_destroy)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rec_enter)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_psci_complete)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

