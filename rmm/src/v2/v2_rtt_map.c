/* SPDX-License-Identifier: BSD-3-Clause */
/* placeholder */
#include "v2.h"
RMI_HANDLER(smc2_rtt_data_map_init) { (void)rmm; (void)args; res->x[0] = rmi_pack(RMI2_ERROR_NOT_SUPPORTED, 0); }
RMI_HANDLER(smc2_rtt_data_map) { (void)rmm; (void)args; res->x[0] = rmi_pack(RMI2_ERROR_NOT_SUPPORTED, 0); }
RMI_HANDLER(smc2_rtt_data_unmap) { (void)rmm; (void)args; res->x[0] = rmi_pack(RMI2_ERROR_NOT_SUPPORTED, 0); }
RMI_HANDLER(smc2_rtt_unprot_map) { (void)rmm; (void)args; res->x[0] = rmi_pack(RMI2_ERROR_NOT_SUPPORTED, 0); }
RMI_HANDLER(smc2_rtt_unprot_unmap) { (void)rmm; (void)args; res->x[0] = rmi_pack(RMI2_ERROR_NOT_SUPPORTED, 0); }
RMI_HANDLER(smc2_rtt_init_ripas) { (void)rmm; (void)args; res->x[0] = rmi_pack(RMI2_ERROR_NOT_SUPPORTED, 0); }
