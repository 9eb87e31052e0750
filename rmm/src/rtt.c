/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB: to be implemented. */
#include "den0137_abi.h"
#include "rmi_handlers.h"

RMI_HANDLER(smc_rtt_create)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rtt_destroy)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rtt_fold)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rtt_map_unprotected)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rtt_unmap_unprotected)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rtt_read_entry)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rtt_init_ripas)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

RMI_HANDLER(smc_rtt_set_ripas)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
}

