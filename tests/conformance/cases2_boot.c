/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 2.0 cases: RMI_VERSION, RMI_FEATURES, RMM_CONFIG_SET/GET, RMM_ACTIVATE,
 * GRANULE_TRACKING_GET, GPT_L1_CREATE, GRANULE_RANGE_(UN)DELEGATE, and the
 * bet3 tolerances GPT_INFO / RMM_DEACTIVATE (shared/den0137-2.0/commands.md).
 * The runner has negotiated 2.0 and, except for the gate and INIT cases,
 * activated the RMM before each case.
 */
#include <string.h>

#include "conform_case.h"
#include "den0137_2_abi.h"

#define RMM_EL3_GTSI_DELEGATE 0xC40001B0ULL /* RMM-EL3 interface (TF-A rmmd) */
#define L0GPT_SIZE (1ULL << 30)              /* FR1.L0GPTSZ = 0 (abi.md §8) */
#define GATE(cmd) { cmd, "global", conform2_gate, NULL, false }

static uint64_t feat(struct conform_ctx *c, unsigned idx)
{
	struct smc_regs out;

	conform_smc(c, RMI2_FEATURES_FID, (uint64_t[5]){ idx }, &out);
	return out.x[1];
}

static void version_success(struct conform_ctx *c)
{
	struct smc_regs out;

	conform_call(c, RMI2_VERSION_FID, (uint64_t[5]){ RMI2_ABI_VERSION }, &out);
	conform_check(c, out.x[1] == RMI2_ABI_VERSION && out.x[2] == RMI2_ABI_VERSION,
		      "VERSION(2.0): X1 = 2.0 (the request), X2 = 2.0 (highest)");
	conform_smc(c, RMI2_VERSION_FID, (uint64_t[5]){ 0x30000 }, &out);
	conform_check(c, out.x[0] == RMI2_ERROR_INPUT && out.x[1] == RMI2_ABI_VERSION_1_0 &&
				 out.x[2] == RMI2_ABI_VERSION,
		      "VERSION(3.0): ERROR_INPUT, X1 = 1.0 (lowest), X2 = 2.0");
	conform_smc(c, RMI2_VERSION_FID, (uint64_t[5]){ RMI2_ABI_VERSION_1_0 }, &out);
	conform_check(c, out.x[0] == RMI2_SUCCESS && out.x[1] == RMI2_ABI_VERSION_1_0,
		      "VERSION(1.0) also succeeds (dual RMM, abi.md §5)");
}

static void features_success(struct conform_ctx *c)
{
	struct smc_regs out;
	uint64_t r1;

	conform_call(c, RMI2_FEATURES_FID, (uint64_t[5]){ 0 }, &out);
	conform_check(c, (out.x[1] & 0xFFU) >= 32 && (out.x[1] & 0xFFU) <= 52, "FR0.S2SZ in [32, 52]");
	r1 = feat(c, 1);
	conform_check(c, (r1 >> RMI2_FEATURE_REGISTER_1_GRAN_SZ_4KB_SHIFT) & 1U, "FR1.RMI_GRAN_SZ_4KB");
	conform_check(c, (r1 >> RMI2_FEATURE_REGISTER_1_HASH_SHA_256_SHIFT) & 1U, "FR1.HASH_SHA_256");
	conform_check(c, feat(c, 2) == 0, "FR2 = 0: no device assignment");
	conform_check(c, (feat(c, 3) & 0xFU) == 0, "FR3.MAX_NUM_AUX_PLANES = 0: no planes");
	conform_check(c, feat(c, 4) == 0, "FR4.MEC_COUNT = 0: no MEC");
	conform_check(c, feat(c, 5) == 0, "FEATURES(5) = 0");
}

/* ---- RMM_CONFIG_SET / RMM_CONFIG_GET (the RMM is INIT for CONFIG_SET cases) ---- */

static pa_t config_page(struct conform_ctx *c, uint64_t gran, uint64_t tracking)
{
	pa_t p = conform_ns_granule(c);

	conform_ns_put(c, p, RMI2_RMM_CONFIG_TRACKING_REGION_SIZE_OFFSET, tracking, 8);
	conform_ns_put(c, p, RMI2_RMM_CONFIG_RMI_GRANULE_SIZE_OFFSET, gran, 8);
	return p;
}

static void cfgset_align(struct conform_ctx *c)
{
	conform_call(c, RMI2_RMM_CONFIG_SET_FID, (uint64_t[5]){ config_page(c, 0, 0) + 0x800 }, NULL);
}

static void cfgset_pas(struct conform_ctx *c)
{
	conform_call(c, RMI2_RMM_CONFIG_SET_FID, (uint64_t[5]){ c->unbound }, NULL);
}

static void cfgset_values(struct conform_ctx *c)
{
	conform_call(c, RMI2_RMM_CONFIG_SET_FID,
		     (uint64_t[5]){ config_page(c, RMI2_GRANULE_SIZE_16KB, 0) }, NULL);
}

static void cfgset_success(struct conform_ctx *c)
{
	pa_t pa = conform_ns_granule(c);

	if (conform_call(c, RMI2_RMM_CONFIG_SET_FID, (uint64_t[5]){ config_page(c, 0, 0) }, NULL) ==
	    RMI2_SUCCESS) {
		conform_check(c, conform_smc(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
					     (uint64_t[5]){ pa, pa + GRANULE_SIZE }, NULL) ==
					 RMI2_ERROR_GLOBAL,
			      "still INIT after CONFIG_SET: RANGE_DELEGATE is ERROR_GLOBAL");
	}
}

static void cfgget_align(struct conform_ctx *c)
{
	conform_call(c, RMI2_RMM_CONFIG_GET_FID, (uint64_t[5]){ conform_ns_granule(c) + 0x800 }, NULL);
}

static void cfgget_pas(struct conform_ctx *c)
{
	conform_call(c, RMI2_RMM_CONFIG_GET_FID, (uint64_t[5]){ c->unbound }, NULL);
}

static void cfgget_success(struct conform_ctx *c)
{
	pa_t p = config_page(c, 0x55, 0x77);
	uint64_t v[2] = { 1, 1 };

	if (conform_call(c, RMI2_RMM_CONFIG_GET_FID, (uint64_t[5]){ p }, NULL) == RMI2_SUCCESS) {
		conform_check(c, rmmsim_ns_read(c->sim, p, v, sizeof(v)) && v[0] == 0 && v[1] == 0,
			      "RmiRmmConfig written back: 1 GiB tracking, 4 KB granule");
	}
}

/* ---- RMM_ACTIVATE ---- */

static void activate_success(struct conform_ctx *c)
{
	pa_t pa = conform_ns_granule(c);

	if (conform_call(c, RMI2_RMM_ACTIVATE_FID, (uint64_t[5]){ 0 }, NULL) == RMI2_SUCCESS) {
		conform_check(c, conform_smc(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
					     (uint64_t[5]){ pa, pa + GRANULE_SIZE }, NULL) == RMI2_SUCCESS,
			      "ACTIVE: RANGE_DELEGATE passes the gate");
	}
}

/* ---- GRANULE_TRACKING_GET (not gated) ---- */

static void tracking_bound(struct conform_ctx *c)
{
	pa_t pa = conform_ns_granule(c);

	conform_call(c, RMI2_GRANULE_TRACKING_GET_FID, (uint64_t[5]){ pa + GRANULE_SIZE, pa }, NULL);
}

static void tracking_align(struct conform_ctx *c)
{
	pa_t pa = conform_ns_granule(c);

	conform_call(c, RMI2_GRANULE_TRACKING_GET_FID,
		     (uint64_t[5]){ pa + 0x800, pa + 4 * GRANULE_SIZE }, NULL);
}

static void tracking_success(struct conform_ctx *c)
{
	struct smc_regs out;
	pa_t pa = conform_ns_granule(c);

	if (conform_call(c, RMI2_GRANULE_TRACKING_GET_FID,
			 (uint64_t[5]){ pa, pa + 16 * GRANULE_SIZE }, &out) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == RMI2_MEM_CATEGORY_CONVENTIONAL, "DRAM is CONVENTIONAL");
	conform_check(c, out.x[2] == RMI2_TRACKING_FINE, "DRAM is tracked FINE");
	conform_check(c, out.x[3] > pa && out.x[3] <= pa + 16 * GRANULE_SIZE, "start < X3 <= end");
}

/* ---- GPT_L1_CREATE ---- */

static void l1_align(struct conform_ctx *c)
{
	conform_call(c, RMI2_GPT_L1_CREATE_FID,
		     (uint64_t[5]){ (c->next & ~(L0GPT_SIZE - 1)) + GRANULE_SIZE }, NULL);
}

/* An L0 region whose L1 table exists (created now if it was a block). */
static void l1_gpt_state(struct conform_ctx *c)
{
	uint64_t l0 = c->next & ~(L0GPT_SIZE - 1);

	conform_smc(c, RMI2_GPT_L1_CREATE_FID, (uint64_t[5]){ l0 }, NULL);
	conform_call(c, RMI2_GPT_L1_CREATE_FID, (uint64_t[5]){ l0 }, NULL);
}

/* ---- GRANULE_RANGE_DELEGATE / UNDELEGATE ---- */

static void rd_range_align(struct conform_ctx *c)
{
	pa_t pa = conform_ns_granule(c);

	conform_call(c, RMI2_GRANULE_RANGE_DELEGATE_FID, (uint64_t[5]){ pa + 0x800, pa + GRANULE_SIZE },
		     NULL);
}

static void rd_gran_bound(struct conform_ctx *c)
{
	conform_call(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
		     (uint64_t[5]){ c->unbound, c->unbound + GRANULE_SIZE }, NULL);
}

static void rd_gran_state(struct conform_ctx *c)
{
	pa_t pa;

	if (conform_delegated(c, &pa)) {
		conform_call(c, RMI2_GRANULE_RANGE_DELEGATE_FID, (uint64_t[5]){ pa, pa + GRANULE_SIZE },
			     NULL);
	}
}

/* As the 1.0 gran_gpt case: another agent took the granule to Realm PAS through EL3. */
static void rd_gran_gpt(struct conform_ctx *c)
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
	conform_call(c, RMI2_GRANULE_RANGE_DELEGATE_FID, (uint64_t[5]){ pa, pa + GRANULE_SIZE }, NULL);
}

static void rd_success(struct conform_ctx *c)
{
	struct smc_regs out;
	pa_t base = c->next, mid;
	uint8_t b;

	for (unsigned i = 0; i < 8; i++) {
		conform_ns_granule(c);
	}
	if (conform_call(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
			 (uint64_t[5]){ base, base + 4 * GRANULE_SIZE }, &out) != RMI2_SUCCESS) {
		return;
	}
	/* Partial progress is allowed: the host re-issues from X1 (states.md §3). */
	while (out.x[0] == RMI2_SUCCESS && out.x[1] > base && out.x[1] < base + 4 * GRANULE_SIZE) {
		conform_smc(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
			    (uint64_t[5]){ out.x[1], base + 4 * GRANULE_SIZE }, &out);
	}
	conform_check(c, out.x[0] == RMI2_SUCCESS && out.x[1] == base + 4 * GRANULE_SIZE,
		      "out_top reaches top");
	for (unsigned i = 0; i < 4; i++) {
		pa_t pa = base + i * GRANULE_SIZE;

		conform_check(c, conform_obs_granule_state(c, pa) == CONFORM_G_DELEGATED,
			      "every granule DELEGATED");
		conform_check(c, conform_obs_pas_is_realm(c, pa), "GPT REALM (the GPF as in 1.0)");
		conform_check(c, !rmmsim_ns_read(c->sim, pa, &b, 1), "NS cannot read it");
	}
	/* A range whose second granule is already delegated: progress stops there. */
	mid = base + 5 * GRANULE_SIZE;
	conform_smc(c, RMI2_GRANULE_RANGE_DELEGATE_FID, (uint64_t[5]){ mid, mid + GRANULE_SIZE }, NULL);
	conform_smc(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
		    (uint64_t[5]){ mid - GRANULE_SIZE, mid + 2 * GRANULE_SIZE }, &out);
	conform_check(c, out.x[0] == RMI2_SUCCESS && out.x[1] == mid,
		      "partial progress: SUCCESS with X1 = the first granule not delegated");
}

static void ru_range_align(struct conform_ctx *c)
{
	pa_t pa;

	if (conform_delegated(c, &pa)) {
		conform_call(c, RMI2_GRANULE_RANGE_UNDELEGATE_FID,
			     (uint64_t[5]){ pa, pa + GRANULE_SIZE / 2 }, NULL);
	}
}

static void ru_gran_bound(struct conform_ctx *c)
{
	conform_call(c, RMI2_GRANULE_RANGE_UNDELEGATE_FID,
		     (uint64_t[5]){ c->unbound, c->unbound + GRANULE_SIZE }, NULL);
}

static void ru_gran_state(struct conform_ctx *c)
{
	pa_t pa = conform_ns_granule(c);

	conform_call(c, RMI2_GRANULE_RANGE_UNDELEGATE_FID, (uint64_t[5]){ pa, pa + GRANULE_SIZE }, NULL);
}

static void ru_success(struct conform_ctx *c)
{
	struct smc_regs out;
	pa_t base;

	if (!conform_delegated_n(c, 3, &base)) {
		return;
	}
	out.x[1] = base;
	do {
		conform_call(c, RMI2_GRANULE_RANGE_UNDELEGATE_FID,
			     (uint64_t[5]){ out.x[1], base + 3 * GRANULE_SIZE }, &out);
	} while (out.x[0] == RMI2_SUCCESS && out.x[1] > base && out.x[1] < base + 3 * GRANULE_SIZE);
	conform_check(c, out.x[1] == base + 3 * GRANULE_SIZE, "out_top reaches top");
	for (unsigned i = 0; i < 3; i++) {
		conform_check(c, conform_obs_pas_is_ns(c, base + i * GRANULE_SIZE), "GPT NS again");
	}
}

/* ---- bet3 tolerances ---- */

static void gpt_info_success(struct conform_ctx *c)
{
	struct smc_regs out;
	uint64_t l0 = c->next & ~(L0GPT_SIZE - 1);

	if (conform_call(c, RMI2_GPT_INFO_FID, (uint64_t[5]){ l0, l0 + L0GPT_SIZE }, &out) ==
	    RMI2_SUCCESS) {
		conform_check(c, out.x[1] > l0 && out.x[1] <= l0 + L0GPT_SIZE, "l0 < X1 <= end");
		conform_check(c, out.x[2] <= RMI2_GPT_PAR_HOST_CREATED, "X2 is an RmiGptPar");
	}
}

static void deactivate_success(struct conform_ctx *c)
{
	pa_t pa = conform_ns_granule(c);

	if (conform_call(c, RMI2_RMM_DEACTIVATE_FID, (uint64_t[5]){ 0 }, NULL) == RMI2_SUCCESS) {
		conform_check(c, conform_smc(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
					     (uint64_t[5]){ pa, pa + GRANULE_SIZE }, NULL) ==
					 RMI2_ERROR_GLOBAL,
			      "inactive again: RANGE_DELEGATE is ERROR_GLOBAL");
	}
}

static const struct conform_case cases[] = {
	{ "RMI_VERSION", "success", version_success, NULL, false },
	{ "RMI_FEATURES", "success", features_success, NULL, false },
	GATE("RMI_RMM_CONFIG_SET"),
	{ "RMI_RMM_CONFIG_SET", "cfg_align", cfgset_align, NULL, false },
	{ "RMI_RMM_CONFIG_SET", "cfg_pas", cfgset_pas, NULL, false },
	{ "RMI_RMM_CONFIG_SET", "cfg_values", cfgset_values, NULL, false },
	{ "RMI_RMM_CONFIG_SET", "success", cfgset_success, NULL, false },
	{ "RMI_RMM_CONFIG_GET", "cfg_align", cfgget_align, NULL, false },
	{ "RMI_RMM_CONFIG_GET", "cfg_pas", cfgget_pas, NULL, false },
	{ "RMI_RMM_CONFIG_GET", "success", cfgget_success, NULL, false },
	GATE("RMI_RMM_ACTIVATE"),
	{ "RMI_RMM_ACTIVATE", "success", activate_success, NULL, false },
	{ "RMI_GRANULE_TRACKING_GET", "range_bound", tracking_bound, NULL, false },
	{ "RMI_GRANULE_TRACKING_GET", "range_align", tracking_align, NULL, false },
	{ "RMI_GRANULE_TRACKING_GET", "success", tracking_success, NULL, false },
	GATE("RMI_GPT_L1_CREATE"),
	{ "RMI_GPT_L1_CREATE", "addr_align", l1_align, NULL, false },
	{ "RMI_GPT_L1_CREATE", "gpt_state", l1_gpt_state, NULL, false },
	GATE("RMI_GRANULE_RANGE_DELEGATE"),
	{ "RMI_GRANULE_RANGE_DELEGATE", "range_align", rd_range_align, NULL, false },
	{ "RMI_GRANULE_RANGE_DELEGATE", "gran_bound", rd_gran_bound, NULL, false },
	{ "RMI_GRANULE_RANGE_DELEGATE", "gran_state", rd_gran_state, NULL, false },
	{ "RMI_GRANULE_RANGE_DELEGATE", "gran_gpt", rd_gran_gpt, NULL, false },
	{ "RMI_GRANULE_RANGE_DELEGATE", "success", rd_success, NULL, false },
	GATE("RMI_GRANULE_RANGE_UNDELEGATE"),
	{ "RMI_GRANULE_RANGE_UNDELEGATE", "range_align", ru_range_align, NULL, false },
	{ "RMI_GRANULE_RANGE_UNDELEGATE", "gran_bound", ru_gran_bound, NULL, false },
	{ "RMI_GRANULE_RANGE_UNDELEGATE", "gran_state", ru_gran_state, NULL, false },
	{ "RMI_GRANULE_RANGE_UNDELEGATE", "success", ru_success, NULL, false },
	GATE("RMI_GPT_INFO"),
	{ "RMI_GPT_INFO", "success", gpt_info_success, NULL, false },
	{ "RMI_RMM_DEACTIVATE", "success", deactivate_success, NULL, false },
};
CONFORM_SET(conform_cases2_boot, cases);
