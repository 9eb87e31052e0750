/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Build check (ctest den0137_2_abi_asm): the generated 2.0 header assembles,
 * also beside the 1.0 header, and its values are usable as immediates.
 */
#include "den0137_abi.h"
#include "den0137_2_abi.h"

	.data
	.quad RMI2_VERSION_FID, RMI2_ABI_VERSION, RMI_ABI_VERSION
	.quad RMI2_REC_CREATE_FID, RMI2_OP_MEM_DONATE_FID, RMI2_GRANULE_RANGE_DELEGATE_FID
	.quad RMI2_INCOMPLETE | (RMI2_OP_MEM_REQ_DONATE << RMI2_RESULT_MEMREQ_SHIFT)
	.quad RMI2_REC_RUN_EXIT_REASON_OFFSET, RMI2_REALM_PARAMS_FLAGS1_OFFSET
	.quad RSI2_TOKEN_CLAIM_REALM_INSTANCE_ID
	.if RMI2_ERROR_GRANULE != 16
	.error "RMI2_ERROR_GRANULE is not 16"
	.endif
	.if RMI2_REC_RUN_EXIT_GPRS_OFFSET != 0xA00
	.error "RecExit gprs moved"
	.endif
