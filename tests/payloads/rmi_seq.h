/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A fixed RMI call sequence (successes and failures) shared by the
 * rmi_seq payload and the native-API test in tests/unit/cpu: both must
 * produce identical RMI log lines. Pure C, no SDK dependency.
 */
#ifndef RMI_SEQ_H
#define RMI_SEQ_H

#include <stdint.h>

#include "den0137_abi.h"

struct rmi_seq_call {
	uint64_t fid;
	uint64_t a[5];
};

#define SEQ_G(n) (0x88000000ULL + (uint64_t)(n) * 0x1000ULL)

static const struct rmi_seq_call rmi_seq[] = {
	{ RMI_VERSION_FID, { RMI_ABI_VERSION } },
	{ RMI_VERSION_FID, { 0x20000 } },
	{ RMI_FEATURES_FID, { 0 } },
	{ RMI_FEATURES_FID, { 1 } },
	{ RMI_GRANULE_DELEGATE_FID, { SEQ_G(0) } },
	{ RMI_GRANULE_DELEGATE_FID, { SEQ_G(0) } },          /* already delegated */
	{ RMI_GRANULE_DELEGATE_FID, { SEQ_G(1) + 8 } },      /* misaligned */
	{ RMI_GRANULE_DELEGATE_FID, { 0x06000000ULL } },     /* secure-only region */
	{ RMI_GRANULE_DELEGATE_FID, { SEQ_G(1) } },
	{ RMI_GRANULE_DELEGATE_FID, { SEQ_G(2) } },
	{ RMI_REALM_CREATE_FID, { SEQ_G(0), SEQ_G(3) } },    /* all-zero params */
	{ RMI_REALM_CREATE_FID, { SEQ_G(3), SEQ_G(4) } },    /* RD not delegated */
	{ RMI_REC_AUX_COUNT_FID, { SEQ_G(0) } },             /* not an RD */
	{ RMI_RTT_READ_ENTRY_FID, { SEQ_G(0), 0, 3 } },
	{ RMI_DATA_CREATE_UNKNOWN_FID, { SEQ_G(0), SEQ_G(1), 0 } },
	{ RMI_REALM_DESTROY_FID, { SEQ_G(1) } },
	{ RMI_REC_DESTROY_FID, { SEQ_G(2) } },
	{ RMI_GRANULE_UNDELEGATE_FID, { SEQ_G(5) } },        /* never delegated */
	{ RMI_GRANULE_UNDELEGATE_FID, { SEQ_G(2) } },
	{ RMI_GRANULE_UNDELEGATE_FID, { SEQ_G(1) } },
	{ RMI_GRANULE_UNDELEGATE_FID, { SEQ_G(0) } },
	{ RMI_GRANULE_UNDELEGATE_FID, { SEQ_G(0) } },        /* already undelegated */
	{ 0xC4000180ULL, { 0 } },                            /* unallocated RMI FID */
};

#define RMI_SEQ_LEN (sizeof(rmi_seq) / sizeof(rmi_seq[0]))

#endif /* RMI_SEQ_H */
