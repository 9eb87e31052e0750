/* SPDX-License-Identifier: BSD-3-Clause */
/* Cases: RMI_VERSION, RMI_FEATURES, RMI_GRANULE_DELEGATE, RMI_GRANULE_UNDELEGATE (commands.md). */
#include <string.h>

#include "conform_case.h"

#define RMM_EL3_GTSI_DELEGATE 0xC40001B0ULL /* RMM-EL3 interface (TF-A rmmd) */

/* ---- RMI_VERSION / RMI_FEATURES: no failure conditions ---- */

static void version_success(struct conform_ctx *c)
{
	struct smc_regs out;

	conform_call(c, RMI_VERSION_FID, (uint64_t[5]){ RMI_ABI_VERSION }, &out);
	conform_check(c, out.x[1] <= RMI_ABI_VERSION && out.x[2] >= RMI_ABI_VERSION,
		      "lower <= 1.0 <= higher");
	/* abi.md §2: an incompatible request gets ERROR_INPUT, X1/X2 still returned. */
	conform_smc(c, RMI_VERSION_FID, (uint64_t[5]){ 0x7FFF0000ULL }, &out);
	conform_check(c, out.x[0] == RMI_ERROR_INPUT, "RMI_VERSION(32767.0) is ERROR_INPUT");
	conform_check(c, out.x[1] <= out.x[2],
		      "lower <= higher on ERROR_INPUT");
}

static void features_success(struct conform_ctx *c)
{
	struct smc_regs out;
	uint64_t s2sz;

	conform_call(c, RMI_FEATURES_FID, (uint64_t[5]){ 0 }, &out);
	s2sz = (out.x[1] >> RMI_FEATURE_REGISTER_0_S2SZ_SHIFT) & 0xFFU;
	conform_check(c, s2sz >= 32 && s2sz <= 52, "FR0.S2SZ in [32, 52]");
	conform_smc(c, RMI_FEATURES_FID, (uint64_t[5]){ 1 }, &out);
	conform_check(c, out.x[0] == RMI_SUCCESS && out.x[1] == 0, "RMI_FEATURES(1) = 0");
}

/* ---- RMI_GRANULE_DELEGATE ---- */

static void delegate_gran_align(struct conform_ctx *c)
{
	conform_call(c, RMI_GRANULE_DELEGATE_FID, (uint64_t[5]){ conform_ns_granule(c) + 0x800 }, NULL);
}

static void delegate_gran_bound(struct conform_ctx *c)
{
	conform_call(c, RMI_GRANULE_DELEGATE_FID, (uint64_t[5]){ c->unbound }, NULL);
}

static void delegate_gran_state(struct conform_ctx *c)
{
	pa_t pa;

	if (conform_delegated(c, &pa)) {
		conform_call(c, RMI_GRANULE_DELEGATE_FID, (uint64_t[5]){ pa }, NULL);
	}
}

/*
 * gran_gpt: GPT(addr) != GPT_NS while the granule is UNDELEGATED. Platforms
 * keep Secure memory out of DRAM, so the state is built the other way the
 * sheet names ("Realm via other agent"): another agent asks EL3 for the
 * NS -> Realm transition of an NS granule through the RMM-EL3 interface.
 */
static void delegate_gran_gpt(struct conform_ctx *c)
{
	struct smc_regs r = { .x = { RMM_EL3_GTSI_DELEGATE, 0 } };
	pa_t pa = c->secure;

	if (pa == 0) {
		pa = conform_ns_granule(c);
		r.x[1] = pa;
		rmmsim_smc(c->sim, RMMSIM_CALLER_RMM, &r);
		if (r.x[0] != 0U) {
			conform_skip(c, "EL3 refused the GTSI transition used to build the state");
			return;
		}
	}
	conform_call(c, RMI_GRANULE_DELEGATE_FID, (uint64_t[5]){ pa }, NULL);
}

static void delegate_success(struct conform_ctx *c)
{
	pa_t pa = conform_ns_granule(c);
	uint8_t b = 0;

	conform_ns_put(c, pa, 0x10, 0xAB, 1);
	if (conform_call(c, RMI_GRANULE_DELEGATE_FID, (uint64_t[5]){ pa }, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, pa) == CONFORM_G_DELEGATED, "state DELEGATED");
	conform_check(c, conform_obs_pas_is_realm(c, pa), "GPT REALM");
	conform_check(c, !rmmsim_ns_read(c->sim, pa, &b, 1), "NS cannot read a delegated granule");
	conform_check(c, conform_smc(c, RMI_GRANULE_DELEGATE_FID, (uint64_t[5]){ pa }, NULL) ==
				 RMI_ERROR_INPUT,
		      "second DELEGATE fails gran_state");
	/* Contents are zeroed: visible once it is given back. */
	conform_smc(c, RMI_GRANULE_UNDELEGATE_FID, (uint64_t[5]){ pa }, NULL);
	conform_check(c, rmmsim_ns_read(c->sim, pa + 0x10, &b, 1) && b == 0, "contents zeroed");
}

/* ---- RMI_GRANULE_UNDELEGATE ---- */

static void undelegate_gran_align(struct conform_ctx *c)
{
	pa_t pa;

	if (conform_delegated(c, &pa)) {
		conform_call(c, RMI_GRANULE_UNDELEGATE_FID, (uint64_t[5]){ pa + 0x800 }, NULL);
	}
}

static void undelegate_gran_bound(struct conform_ctx *c)
{
	conform_call(c, RMI_GRANULE_UNDELEGATE_FID, (uint64_t[5]){ c->unbound }, NULL);
}

static void undelegate_gran_state(struct conform_ctx *c)
{
	conform_call(c, RMI_GRANULE_UNDELEGATE_FID, (uint64_t[5]){ conform_ns_granule(c) }, NULL);
}

static void undelegate_success(struct conform_ctx *c)
{
	pa_t pa;
	uint64_t v = 1;

	if (!conform_delegated(c, &pa) ||
	    conform_call(c, RMI_GRANULE_UNDELEGATE_FID, (uint64_t[5]){ pa }, NULL) != RMI_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, pa) == CONFORM_G_UNDELEGATED,
		      "state UNDELEGATED");
	conform_check(c, conform_obs_pas_is_ns(c, pa), "GPT NS");
	conform_check(c, rmmsim_ns_read(c->sim, pa, &v, sizeof(v)) && v == 0, "NS reads zeroes");
	conform_check(c, conform_smc(c, RMI_GRANULE_UNDELEGATE_FID, (uint64_t[5]){ pa }, NULL) ==
				 RMI_ERROR_INPUT,
		      "second UNDELEGATE fails gran_state");
}

static const struct conform_case cases[] = {
	{ "RMI_VERSION", "success", version_success, NULL },
	{ "RMI_FEATURES", "success", features_success, NULL },
	{ "RMI_GRANULE_DELEGATE", "gran_align", delegate_gran_align, NULL },
	{ "RMI_GRANULE_DELEGATE", "gran_bound", delegate_gran_bound, NULL },
	{ "RMI_GRANULE_DELEGATE", "gran_state", delegate_gran_state, NULL },
	{ "RMI_GRANULE_DELEGATE", "gran_gpt", delegate_gran_gpt, NULL },
	{ "RMI_GRANULE_DELEGATE", "success", delegate_success, NULL },
	{ "RMI_GRANULE_UNDELEGATE", "gran_align", undelegate_gran_align, NULL },
	{ "RMI_GRANULE_UNDELEGATE", "gran_bound", undelegate_gran_bound, NULL },
	{ "RMI_GRANULE_UNDELEGATE", "gran_state", undelegate_gran_state, NULL },
	{ "RMI_GRANULE_UNDELEGATE", "success", undelegate_success, NULL },
};
CONFORM_SET(conform_cases_granule, cases);
