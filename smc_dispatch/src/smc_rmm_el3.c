/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMM-EL3 interface as EL3 serves it for the RMM (R-EL2): Granule
 * Transition Service (GTSI) delegate and undelegate, done on the GPT.
 * Results follow TF-A's rmmd (E_RMM_*): OK, BAD_ADDR for a PA that is not
 * granule aligned or lies outside the PPS, BAD_PAS when the granule is not
 * in the PAS the transition starts from.
 */
#include <errno.h>

#include "gpt.h"
#include "smc_private.h"

static int64_t gtsi_transition(struct gpt *gpt, pa_t pa, enum gpt_gpi from, enum gpt_gpi to)
{
	int rc;

	/* No GPT configured: EL3 cannot serve GTSI at all. */
	if (gpt == NULL)
		return RMM_EL3_UNK;

	rc = gpt_transition(gpt, pa, from, to);
	switch (rc) {
	case 0:
		return RMM_EL3_OK;
	case -EINVAL:
		return RMM_EL3_BAD_ADDR;
	case -EPERM:
		return RMM_EL3_BAD_PAS;
	default:
		/* gpt.h documents no other code; never report success for one. */
		return RMM_EL3_UNK;
	}
}

void smc_svc_rmm_el3(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs)
{
	switch (fid) {
	case RMM_GTSI_DELEGATE_FID:
		/* NS -> Realm; a Secure, Root, Realm or no-access granule is BAD_PAS. */
		smc_set_ret(regs, gtsi_transition(d->cfg.gpt, regs->x[1], GPT_GPI_NS,
						  GPT_GPI_REALM));
		break;
	case RMM_GTSI_UNDELEGATE_FID:
		/* Realm -> NS; anything not Realm is BAD_PAS. */
		smc_set_ret(regs, gtsi_transition(d->cfg.gpt, regs->x[1], GPT_GPI_REALM,
						  GPT_GPI_NS));
		break;
	default:
		/* Other RMM-EL3 services (attestation keys, boot complete) are not modelled. */
		smc_set_unknown(regs);
		break;
	}
}
