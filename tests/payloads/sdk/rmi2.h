/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 calls from the host at NS-EL2 (shared/den0137-2.0 abi.md §3),
 * on top of rmi.h's sdk_smc. Names and values come from the generated
 * den0137_2_abi.h (RMI2_*). Each wrapper returns X0 and stores X1..X4 in
 * *out when out is not NULL.
 */
#ifndef SDK_RMI2_H
#define SDK_RMI2_H

#include "den0137_2_abi.h"
#include "rmi.h"

#define RMI2_MEMREQ(r) ((unsigned)(((r) >> RMI2_RESULT_MEMREQ_SHIFT) & 3U))
#define RMI2_CAN_CANCEL(r) ((unsigned)(((r) >> RMI2_RESULT_CAN_CANCEL_SHIFT) & 1U))

RMI1(v2_version, RMI2_VERSION_FID)                       /* requested -> lower, higher */
RMI1(v2_features, RMI2_FEATURES_FID)                     /* index -> value */
RMI1(v2_rmm_config_set, RMI2_RMM_CONFIG_SET_FID)         /* config PA */
RMI0(v2_rmm_activate, RMI2_RMM_ACTIVATE_FID)
RMI2(v2_tracking_get, RMI2_GRANULE_TRACKING_GET_FID)     /* start, end -> category, state, top */
RMI2(v2_gpt_info, RMI2_GPT_INFO_FID)                     /* start, end -> top, par (bet3) */
RMI1(v2_gpt_l1_create, RMI2_GPT_L1_CREATE_FID)           /* L0GPT-aligned PA */
RMI2(v2_range_delegate, RMI2_GRANULE_RANGE_DELEGATE_FID) /* base, top -> out_top */
RMI2(v2_range_undelegate, RMI2_GRANULE_RANGE_UNDELEGATE_FID) /* base, top -> out_top */
RMI2(v2_realm_create, RMI2_REALM_CREATE_FID)             /* rd, params */
RMI1(v2_realm_activate, RMI2_REALM_ACTIVATE_FID)         /* rd */
RMI1(v2_realm_terminate, RMI2_REALM_TERMINATE_FID)       /* rd */
RMI1(v2_realm_destroy, RMI2_REALM_DESTROY_FID)           /* rd */
RMI3(v2_rec_create, RMI2_REC_CREATE_FID)                 /* rd, rec, params -> handle, donate req */
RMI1(v2_rec_destroy, RMI2_REC_DESTROY_FID)               /* rec -> handle */
RMI2(v2_rec_enter, RMI2_REC_ENTER_FID)                   /* rec, run */
RMI2(v2_psci_complete, RMI2_PSCI_COMPLETE_FID)           /* calling rec, status (2-argument form) */
RMI4(v2_rtt_create, RMI2_RTT_CREATE_FID)                 /* rd, rtt, ipa, level */
RMI3(v2_rtt_destroy, RMI2_RTT_DESTROY_FID)               /* rd, ipa, level -> rtt, top */
RMI3(v2_rtt_fold, RMI2_RTT_FOLD_FID)                     /* rd, ipa, level -> rtt */
RMI3(v2_rtt_init_ripas, RMI2_RTT_INIT_RIPAS_FID)         /* rd, base, top -> top */
RMI4(v2_rtt_set_ripas, RMI2_RTT_SET_RIPAS_FID)           /* rd, rec, base, top -> top */
RMI5(v2_data_map_init, RMI2_RTT_DATA_MAP_INIT_FID)       /* rd, data, ipa, src, flags */
RMI5(v2_data_map, RMI2_RTT_DATA_MAP_FID)                 /* rd, base, top, flags, oaddr -> top */
RMI5(v2_data_unmap, RMI2_RTT_DATA_UNMAP_FID)             /* rd, base, top, flags, oaddr -> top, desc, n */
RMI5(v2_unprot_map, RMI2_RTT_UNPROT_MAP_FID)             /* rd, base, top, flags, oaddr -> top */
RMI5(v2_unprot_unmap, RMI2_RTT_UNPROT_UNMAP_FID)         /* rd, base, top, flags, oaddr -> top */
RMI2(v2_op_continue, RMI2_OP_CONTINUE_FID)               /* handle, flags */
RMI4(v2_op_mem_donate, RMI2_OP_MEM_DONATE_FID)           /* handle, list, count, flags -> taken */
RMI3(v2_op_mem_reclaim, RMI2_OP_MEM_RECLAIM_FID)         /* handle, list, capacity -> written */
RMI1(v2_op_cancel, RMI2_OP_CANCEL_FID)                   /* handle */

/* An RmiAddrRangeDesc of @count 4 KiB pages at @pa, state @st (0 DELEGATED, 1 UNDELEGATED). */
static inline uint64_t rmi2_desc(uint64_t pa, unsigned count, unsigned st)
{
	return (pa & 0x000FFFFFFFFFF000ULL) | ((uint64_t)count << RMI2_ADDR_RDESC_CNT_SHIFT) |
	       RMI2_PAGE_L3 | ((uint64_t)st << RMI2_ADDR_RDESC_ST_SHIFT);
}

#endif /* SDK_RMI2_H */
