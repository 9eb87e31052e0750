/* SPDX-License-Identifier: BSD-3-Clause */
/* Every RMI command handler (one per DEN0137 command; smc_ prefix as in the spec's names). */
#ifndef RMM_RMI_HANDLERS_H
#define RMM_RMI_HANDLERS_H

#include "rmm_private.h"

#define RMI_HANDLER(name) void name(struct rmm *rmm, const uint64_t *args, struct rmi_result *res)

RMI_HANDLER(smc_version);
RMI_HANDLER(smc_features);
RMI_HANDLER(smc_granule_delegate);
RMI_HANDLER(smc_granule_undelegate);
RMI_HANDLER(smc_realm_create);
RMI_HANDLER(smc_realm_activate);
RMI_HANDLER(smc_realm_destroy);
RMI_HANDLER(smc_rec_aux_count);
RMI_HANDLER(smc_rec_create);
RMI_HANDLER(smc_rec_destroy);
RMI_HANDLER(smc_rec_enter);
RMI_HANDLER(smc_psci_complete);
RMI_HANDLER(smc_data_create);
RMI_HANDLER(smc_data_create_unknown);
RMI_HANDLER(smc_data_destroy);
RMI_HANDLER(smc_rtt_create);
RMI_HANDLER(smc_rtt_destroy);
RMI_HANDLER(smc_rtt_fold);
RMI_HANDLER(smc_rtt_map_unprotected);
RMI_HANDLER(smc_rtt_unmap_unprotected);
RMI_HANDLER(smc_rtt_read_entry);
RMI_HANDLER(smc_rtt_init_ripas);
RMI_HANDLER(smc_rtt_set_ripas);

#endif /* RMM_RMI_HANDLERS_H */
