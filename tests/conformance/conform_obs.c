/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The only place the suite looks past the SMC interface: granule states,
 * the GPT and the RMM's invariant checker of the native rmmsim API. Keep it
 * tiny so it can be replaced by RTT_READ_ENTRY-only checks when the suite
 * runs as a host payload or against another RMM.
 */
#include "conform_case.h"
#include "gpt.h"

int conform_obs_granule_state(struct conform_ctx *c, pa_t pa)
{
	return rmmsim_granule_state(c->sim, pa);
}

bool conform_obs_pas_is_ns(struct conform_ctx *c, pa_t pa)
{
	return rmmsim_pas(c->sim, pa) == GPT_GPI_NS;
}

bool conform_obs_pas_is_realm(struct conform_ctx *c, pa_t pa)
{
	return rmmsim_pas(c->sim, pa) == GPT_GPI_REALM;
}

bool conform_obs_invariants(struct conform_ctx *c, char *msg, size_t len)
{
	return rmmsim_check_invariants(c->sim, msg, len);
}
