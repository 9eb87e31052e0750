/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_VERSION, RMI_FEATURES, RMI_GRANULE_DELEGATE, RMI_GRANULE_UNDELEGATE
 * (commands.md). Validate, then execute: failure conditions are checked in
 * the spec's order and named after its labels; nothing changes on failure.
 */
#include <stdio.h>
#include <stdlib.h>

#include "den0137_abi.h"
#include "rmi_handlers.h"

/* GTSI request numbers of the RMM-EL3 interface (smc_dispatch.h). */
#define GTSI_DELEGATE 0xC40001B0ULL
#define GTSI_UNDELEGATE 0xC40001B1ULL

RMI_HANDLER(smc_version)
{
	(void)rmm;
	/* Only 1.0 is implemented: lower = higher = 1.0 whatever the outcome. */
	res->x[0] = rmi_pack(args[0] == RMI_ABI_VERSION ? RMI_SUCCESS : RMI_ERROR_INPUT, 0);
	res->x[1] = RMI_ABI_VERSION;
	res->x[2] = RMI_ABI_VERSION;
}

RMI_HANDLER(smc_features)
{
	/* Index 0 is RmiFeatureRegister0; every other index reads as zero. */
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
	res->x[1] = args[0] == 0U ? rmm->cfg.feat_reg0 : 0U;
}

/*
 * gran_align, gran_bound, gran_state: the checks DELEGATE and UNDELEGATE
 * share, in the spec's order. On success the granule is locked.
 */
static bool gran_validate_lock(struct rmm *rmm, pa_t addr, enum rmm_granule_state expected,
			       struct granule_locked *gl, struct rmi_result *res)
{
	struct granule *g;

	/* gran_align */
	if ((addr & GRANULE_MASK) != 0U) {
		res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
		return false;
	}
	/* gran_bound */
	g = rmm_delegable_granule(rmm, addr);
	if (g == NULL) {
		res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
		return false;
	}
	/* gran_state */
	if (!granule_lock_on_state_match(g, expected, gl)) {
		res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
		return false;
	}
	return true;
}

RMI_HANDLER(smc_granule_delegate)
{
	pa_t addr = args[0];
	struct granule_locked gl;

	if (!gran_validate_lock(rmm, addr, RMM_GRANULE_UNDELEGATED, &gl, res)) {
		return;
	}
	/* gran_gpt: EL3 refuses unless the granule is NS in the GPT. */
	if (rmm->plat.gtsi(rmm->plat.ctx, GTSI_DELEGATE, addr) != 0) {
		granule_unlock_locked(gl);
		res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
		return;
	}
	/* The one entry into DELEGATED that zeroes (the granule is Realm PAS now). */
	granule_memzero(rmm, gl);
	granule_unlock_transition(gl, RMM_GRANULE_DELEGATED);
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
}

RMI_HANDLER(smc_granule_undelegate)
{
	pa_t addr = args[0];
	struct granule_locked gl;

	if (!gran_validate_lock(rmm, addr, RMM_GRANULE_DELEGATED, &gl, res)) {
		return;
	}
	/*
	 * A DELEGATED granule is already zero (invariant), so nothing of a
	 * realm can leak to the NS world. EL3 cannot refuse Realm -> NS for a
	 * granule the RMM holds as DELEGATED: if it did, the GPT and the
	 * granule array disagree, which is an RMM-internal fatal error.
	 */
	if (rmm->plat.gtsi(rmm->plat.ctx, GTSI_UNDELEGATE, addr) != 0) {
		fprintf(stderr, "rmm: EL3 refused to undelegate 0x%llx held as DELEGATED\n",
			(unsigned long long)addr);
		abort();
	}
	granule_unlock_transition(gl, RMM_GRANULE_UNDELEGATED);
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
}
