/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI entry: decode the function number, look the handler up in a static
 * const table indexed by FID offset (designated initializers, unallocated
 * numbers stay NULL -> SMC_UNKNOWN), run it with the result registers
 * pre-set as the reference RMM does (X1..X3 = 0, X4 = caller's X4; abi.md §3).
 */
#include <stdio.h>
#include <stdlib.h>

#include "den0137_abi.h"
#include "rmi_handlers.h"
#include "v2/v2.h"

#define RMI_FNUM(fid) ((unsigned)((fid) & 0xFFFFU) - 0x150U)
#define RMI_FNUM_COUNT 0x40U /* 0x150..0x18F */

static const rmi_handler_fn rmi_table[RMI_FNUM_COUNT] = {
	[RMI_FNUM(RMI_VERSION_FID)] = smc_version,
	[RMI_FNUM(RMI_GRANULE_DELEGATE_FID)] = smc_granule_delegate,
	[RMI_FNUM(RMI_GRANULE_UNDELEGATE_FID)] = smc_granule_undelegate,
	[RMI_FNUM(RMI_DATA_CREATE_FID)] = smc_data_create,
	[RMI_FNUM(RMI_DATA_CREATE_UNKNOWN_FID)] = smc_data_create_unknown,
	[RMI_FNUM(RMI_DATA_DESTROY_FID)] = smc_data_destroy,
	[RMI_FNUM(RMI_REALM_ACTIVATE_FID)] = smc_realm_activate,
	[RMI_FNUM(RMI_REALM_CREATE_FID)] = smc_realm_create,
	[RMI_FNUM(RMI_REALM_DESTROY_FID)] = smc_realm_destroy,
	[RMI_FNUM(RMI_REC_CREATE_FID)] = smc_rec_create,
	[RMI_FNUM(RMI_REC_DESTROY_FID)] = smc_rec_destroy,
	[RMI_FNUM(RMI_REC_ENTER_FID)] = smc_rec_enter,
	[RMI_FNUM(RMI_RTT_CREATE_FID)] = smc_rtt_create,
	[RMI_FNUM(RMI_RTT_DESTROY_FID)] = smc_rtt_destroy,
	[RMI_FNUM(RMI_RTT_MAP_UNPROTECTED_FID)] = smc_rtt_map_unprotected,
	[RMI_FNUM(RMI_RTT_READ_ENTRY_FID)] = smc_rtt_read_entry,
	[RMI_FNUM(RMI_RTT_UNMAP_UNPROTECTED_FID)] = smc_rtt_unmap_unprotected,
	[RMI_FNUM(RMI_PSCI_COMPLETE_FID)] = smc_psci_complete,
	[RMI_FNUM(RMI_FEATURES_FID)] = smc_features,
	[RMI_FNUM(RMI_RTT_FOLD_FID)] = smc_rtt_fold,
	[RMI_FNUM(RMI_REC_AUX_COUNT_FID)] = smc_rec_aux_count,
	[RMI_FNUM(RMI_RTT_INIT_RIPAS_FID)] = smc_rtt_init_ripas,
	[RMI_FNUM(RMI_RTT_SET_RIPAS_FID)] = smc_rtt_set_ripas,
};

_Static_assert(RMI_FNUM(RMI_RTT_SET_RIPAS_FID) < RMI_FNUM_COUNT, "RMI table too small");

void rmm_handle_rmi(void *ctx, struct smc_regs *regs)
{
	struct rmm *rmm = ctx;
	/* The SMCCC v1.3 SVE hint bit is stripped before decoding (abi.md §1). */
	uint64_t fid = regs->x[0] & ~(uint64_t)(1U << 16);
	rmi_handler_fn fn = NULL;
	struct rmi_result res = {{0}};

	/* RMI 2.0 once negotiated (or forced), and RMI_VERSION itself (v2/v2_dispatch.c). */
	if (rmm_v2_route(rmm, fid, &fn)) {
		/* fn chosen by the 2.0 personality (NULL = SMC_UNKNOWN) */
	} else if (fid >= 0xC4000150ULL && fid <= 0xC400018FULL) {
		fn = rmi_table[RMI_FNUM(fid)];
	}
	if (fn == NULL) {
		/*
		 * Unallocated RMI number: SMC_UNKNOWN, and the RMI result
		 * registers X1..X4 read 0 instead of echoing the host's
		 * arguments (docs/conformance.md "Undefined outputs").
		 */
		regs->x[0] = (uint64_t)-1; /* SMC_UNKNOWN */
		for (unsigned i = 1; i < 5U; i++) {
			regs->x[i] = 0;
		}
		return;
	}
	res.x[4] = regs->x[4];
#if defined(RMM_DEBUG_CHECKS)
	pthread_rwlock_rdlock(&rmm->quiesce);
	fn(rmm, &regs->x[1], &res);
	pthread_rwlock_unlock(&rmm->quiesce);
#else
	fn(rmm, &regs->x[1], &res);
#endif
	for (unsigned i = 0; i < 5U; i++) {
		regs->x[i] = res.x[i];
	}
#if defined(RMM_DEBUG_CHECKS)
	if (__atomic_load_n(&rmm->check_invariants, __ATOMIC_RELAXED)) {
		char msg[256];

		if (!rmm_check_invariants(rmm, msg, sizeof(msg))) {
			fprintf(stderr, "rmm: invariant violated after FID 0x%llx: %s\n",
				(unsigned long long)fid, msg);
			abort();
		}
	}
#endif
}
