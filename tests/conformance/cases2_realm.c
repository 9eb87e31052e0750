/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 2.0 cases: RMI_REALM_CREATE (2.0 RealmParams), REALM_ACTIVATE's gate,
 * RMI_REALM_TERMINATE and RMI_REALM_DESTROY (ZOMBIE) (commands.md).
 */
#include <string.h>

#include "conform_case.h"
#include "den0137_2_abi.h"

#define GATE(cmd) { cmd, "global", conform2_gate, NULL, false }

/* A valid REALM_CREATE: rd and root RTT delegated, params written. */
struct rc {
	struct conform_realm r;
	uint64_t a[5];
};

static bool rc_build(struct conform_ctx *c, struct rc *s)
{
	memset(s, 0, sizeof(*s));
	conform_realm_cfg(c, &s->r);
	if (!conform_delegated(c, &s->r.rd) ||
	    !conform_delegated_n(c, s->r.num_start, &s->r.rtt_base) ||
	    !conform_realm_params(c, &s->r)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = s->r.params;
	return true;
}

static uint64_t feat(struct conform_ctx *c, unsigned idx)
{
	struct smc_regs out;

	conform_smc(c, RMI2_FEATURES_FID, (uint64_t[5]){ idx }, &out);
	return out.x[1];
}

/* Builds, overwrites the params field at @off (@size bytes) with @v, creates. */
static void rc_field(struct conform_ctx *c, uint64_t off, uint64_t v, unsigned size)
{
	struct rc s;

	if (rc_build(c, &s) && conform_ns_put(c, s.r.params, off, v, size)) {
		conform_call(c, RMI2_REALM_CREATE_FID, s.a, NULL);
	}
}

static void rc_params_pas(struct conform_ctx *c)
{
	struct rc s;
	pa_t p;

	if (rc_build(c, &s) && conform_delegated(c, &p)) {
		s.a[1] = p;
		conform_call(c, RMI2_REALM_CREATE_FID, s.a, NULL);
	}
}

static void rc_params_lpa2(struct conform_ctx *c)
{
	if (feat(c, 0) >> RMI2_FEATURE_REGISTER_0_LPA2_SHIFT & 1U) {
		conform_skip(c, "the RMM supports LPA2: the request is valid");
		return;
	}
	rc_field(c, RMI2_REALM_PARAMS_FLAGS0_OFFSET, RMI2_REALM_FLAG0_LPA2, 8);
}

static void rc_params_s2sz(struct conform_ctx *c)
{
	rc_field(c, RMI2_REALM_PARAMS_S2SZ_OFFSET, (feat(c, 0) & 0xFFU) + 1, 4);
}

static void rc_params_bps(struct conform_ctx *c)
{
	rc_field(c, RMI2_REALM_PARAMS_NUM_BPS_OFFSET, 0, 4);
}

static void rc_params_sve(struct conform_ctx *c)
{
	uint64_t f0 = feat(c, 0);

	if ((f0 >> RMI2_FEATURE_REGISTER_0_SVE_EN_SHIFT & 1U) == 0) {
		rc_field(c, RMI2_REALM_PARAMS_FLAGS0_OFFSET, RMI2_REALM_FLAG0_SVE, 8);
		return;
	}
	/* SVE supported: a vector length beyond FR0.SVE_VL. */
	struct rc s;

	if (rc_build(c, &s) &&
	    conform_ns_put(c, s.r.params, RMI2_REALM_PARAMS_FLAGS0_OFFSET, RMI2_REALM_FLAG0_SVE, 8) &&
	    conform_ns_put(c, s.r.params, RMI2_REALM_PARAMS_SVE_VL_OFFSET,
			   ((f0 >> RMI2_FEATURE_REGISTER_0_SVE_VL_SHIFT) & 0xFU) + 1, 4)) {
		conform_call(c, RMI2_REALM_CREATE_FID, s.a, NULL);
	}
}

static void rc_params_pmu(struct conform_ctx *c)
{
	struct rc s;

	/* More counters than FR0.PMU_NUM_CTRS (0 while the 2.0 PMU is off, abi.md §8). */
	if (rc_build(c, &s) &&
	    conform_ns_put(c, s.r.params, RMI2_REALM_PARAMS_FLAGS0_OFFSET, RMI2_REALM_FLAG0_PMU, 8) &&
	    conform_ns_put(c, s.r.params, RMI2_REALM_PARAMS_PMU_NUM_CTRS_OFFSET, 31, 4)) {
		conform_call(c, RMI2_REALM_CREATE_FID, s.a, NULL);
	}
}

static void rc_params_da(struct conform_ctx *c)
{
	rc_field(c, RMI2_REALM_PARAMS_FLAGS0_OFFSET, RMI2_REALM_FLAG0_DA, 8);
}

static void rc_params_mec(struct conform_ctx *c)
{
	rc_field(c, RMI2_REALM_PARAMS_FLAGS0_OFFSET, 2ULL << RMI2_REALM_FLAG0_MEC_POLICY_SHIFT, 8);
}

static void rc_params_level(struct conform_ctx *c)
{
	/* s2sz 40 cannot start at level 3 (needs 2^(40-21) concatenated tables). */
	rc_field(c, RMI2_REALM_PARAMS_RTT_LEVEL_START_OFFSET, 3, 8);
}

static void rc_params_num_start(struct conform_ctx *c)
{
	rc_field(c, RMI2_REALM_PARAMS_RTT_NUM_START_OFFSET, 2, 4);
}

static void rc_params_planes(struct conform_ctx *c)
{
	rc_field(c, RMI2_REALM_PARAMS_NUM_AUX_PLANES_OFFSET, (feat(c, 3) & 0xFU) + 1, 4);
}

static void rc_params_ats(struct conform_ctx *c)
{
	rc_field(c, RMI2_REALM_PARAMS_ATS_PLANE_OFFSET, 1, 8);
}

static void rc_params_rtt_align(struct conform_ctx *c)
{
	struct rc s;

	if (rc_build(c, &s)) {
		conform_ns_put(c, s.r.params, RMI2_REALM_PARAMS_RTT_BASE_OFFSET, s.r.rtt_base + 0x800, 8);
		conform_call(c, RMI2_REALM_CREATE_FID, s.a, NULL);
	}
}

static void rc_params_algo(struct conform_ctx *c)
{
	rc_field(c, RMI2_REALM_PARAMS_HASH_ALGO_OFFSET, 3, 1);
}

static void rc_rtt_state(struct conform_ctx *c)
{
	struct rc s;

	if (rc_build(c, &s)) {
		conform_ns_put(c, s.r.params, RMI2_REALM_PARAMS_RTT_BASE_OFFSET, conform_ns_granule(c), 8);
		conform_call(c, RMI2_REALM_CREATE_FID, s.a, NULL);
	}
}

static void rc_rd_state(struct conform_ctx *c)
{
	struct rc s;

	if (rc_build(c, &s)) {
		s.a[0] = conform_ns_granule(c);
		conform_call(c, RMI2_REALM_CREATE_FID, s.a, NULL);
	}
}

static void rc_success(struct conform_ctx *c)
{
	struct rc s;

	if (!rc_build(c, &s) || conform_call(c, RMI2_REALM_CREATE_FID, s.a, NULL) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, s.r.rd) == CONFORM_G_RD, "rd is RD");
	conform_check(c, conform_obs_granule_state(c, s.r.rtt_base) == CONFORM_G_RTT, "root is RTT");
	/* No VMID in the params: a second realm from the same bytes is fine. */
	struct rc t;

	if (rc_build(c, &t)) {
		conform_check(c, conform_smc(c, RMI2_REALM_CREATE_FID, t.a, NULL) == RMI2_SUCCESS,
			      "a second realm: the RMM allocates its VMID");
	}
}

/* ---- REALM_TERMINATE ---- */

static void rt_rd_state(struct conform_ctx *c)
{
	pa_t pa;

	if (conform_delegated(c, &pa)) {
		conform_call(c, RMI2_REALM_TERMINATE_FID, (uint64_t[5]){ pa }, NULL);
	}
}

static void rt_success(struct conform_ctx *c)
{
	struct conform_realm r;

	if (!conform_realm_new(c, &r) || !conform_realm_activate(c, &r) ||
	    conform_call(c, RMI2_REALM_TERMINATE_FID, (uint64_t[5]){ r.rd }, NULL) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, conform_smc(c, RMI2_REALM_ACTIVATE_FID, (uint64_t[5]){ r.rd }, NULL) ==
				 RMI2_ERROR_REALM,
		      "ZOMBIE: REALM_ACTIVATE is ERROR_REALM");
	conform_check(c, conform_smc(c, RMI2_REALM_TERMINATE_FID, (uint64_t[5]){ r.rd }, NULL) ==
				 RMI2_SUCCESS,
		      "TERMINATE again (from any state) succeeds");
}

/* ---- REALM_DESTROY ---- */

static void rx_rd_state(struct conform_ctx *c)
{
	conform_call(c, RMI2_REALM_DESTROY_FID, (uint64_t[5]){ conform_ns_granule(c) }, NULL);
}

static void rx_rd_refcount(struct conform_ctx *c)
{
	struct conform_realm r;
	struct conform_rec e = { .flags = RMI2_RUNNABLE };

	if (conform_realm_new(c, &r) && conform_rec_create(c, &r, &e) && conform2_terminate(c, &r)) {
		conform_call(c, RMI2_REALM_DESTROY_FID, (uint64_t[5]){ r.rd }, NULL);
	}
}

static void rx_not_zombie(struct conform_ctx *c)
{
	struct conform_realm r;

	if (conform_realm_new(c, &r)) {
		conform_call(c, RMI2_REALM_DESTROY_FID, (uint64_t[5]){ r.rd }, NULL);
	}
}

static void rx_rtt_live(struct conform_ctx *c)
{
	struct conform_realm r;

	if (conform_realm_new(c, &r) && conform_rtt_to(c, &r, 0, 1) && conform2_terminate(c, &r)) {
		conform_call(c, RMI2_REALM_DESTROY_FID, (uint64_t[5]){ r.rd }, NULL);
	}
}

static void rx_success(struct conform_ctx *c)
{
	struct conform_realm r;

	if (!conform_realm_new(c, &r) || !conform2_terminate(c, &r) ||
	    conform_call(c, RMI2_REALM_DESTROY_FID, (uint64_t[5]){ r.rd }, NULL) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, conform_obs_granule_state(c, r.rd) == CONFORM_G_DELEGATED, "rd DELEGATED");
	conform_check(c, conform_obs_granule_state(c, r.rtt_base) == CONFORM_G_DELEGATED,
		      "root RTT DELEGATED");
}

static const struct conform_case cases[] = {
	GATE("RMI_REALM_CREATE"),
	{ "RMI_REALM_CREATE", "params_pas", rc_params_pas, NULL, false },
	{ "RMI_REALM_CREATE", "params_lpa2", rc_params_lpa2, NULL, false },
	{ "RMI_REALM_CREATE", "params_s2sz", rc_params_s2sz, NULL, false },
	{ "RMI_REALM_CREATE", "params_bps", rc_params_bps, NULL, false },
	{ "RMI_REALM_CREATE", "params_sve", rc_params_sve, NULL, false },
	{ "RMI_REALM_CREATE", "params_pmu", rc_params_pmu, NULL, false },
	{ "RMI_REALM_CREATE", "params_da", rc_params_da, NULL, false },
	{ "RMI_REALM_CREATE", "params_mec", rc_params_mec, NULL, false },
	{ "RMI_REALM_CREATE", "params_level", rc_params_level, NULL, false },
	{ "RMI_REALM_CREATE", "params_num_start", rc_params_num_start, NULL, false },
	{ "RMI_REALM_CREATE", "params_planes", rc_params_planes, NULL, false },
	{ "RMI_REALM_CREATE", "params_ats", rc_params_ats, NULL, false },
	{ "RMI_REALM_CREATE", "params_rtt_align", rc_params_rtt_align, NULL, false },
	{ "RMI_REALM_CREATE", "params_algo", rc_params_algo, NULL, false },
	{ "RMI_REALM_CREATE", "vmid_exhausted", NULL,
	  "needs 2^16 live realms to use up the VMID space: not built", false },
	{ "RMI_REALM_CREATE", "rtt_state", rc_rtt_state, NULL, false },
	{ "RMI_REALM_CREATE", "rd_state", rc_rd_state, NULL, false },
	{ "RMI_REALM_CREATE", "success", rc_success, NULL, false },
	GATE("RMI_REALM_ACTIVATE"),
	GATE("RMI_REALM_TERMINATE"),
	{ "RMI_REALM_TERMINATE", "rd_state", rt_rd_state, NULL, false },
	{ "RMI_REALM_TERMINATE", "rec_running", NULL, CONFORM_SKIP_RUNNING, false },
	{ "RMI_REALM_TERMINATE", "success", rt_success, NULL, false },
	GATE("RMI_REALM_DESTROY"),
	{ "RMI_REALM_DESTROY", "rd_state", rx_rd_state, NULL, false },
	{ "RMI_REALM_DESTROY", "rd_refcount", rx_rd_refcount, NULL, false },
	{ "RMI_REALM_DESTROY", "not_zombie", rx_not_zombie, NULL, false },
	{ "RMI_REALM_DESTROY", "rtt_live", rx_rtt_live, NULL, false },
	{ "RMI_REALM_DESTROY", "success", rx_success, NULL, false },
};
CONFORM_SET(conform_cases2_realm, cases);
