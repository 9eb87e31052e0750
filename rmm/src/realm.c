/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_REALM_CREATE, RMI_REALM_ACTIVATE, RMI_REALM_DESTROY, RMI_REC_AUX_COUNT
 * (commands.md). Validate, then execute: every failure condition in the
 * sheet's order, named after its label; nothing changes on failure.
 */
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "measurement.h"
#include "realm.h"
#include "rmi_handlers.h"
#include "s2tt.h"

#define S2SZ_MIN 32U
#define S2SZ_MAX 48U
#define S2SZ_MAX_LPA2 52U
/* Starting tables are at most 16 concatenated granules (states.md §5). */
#define RTT_NUM_START_MAX 16U

#define FR0(reg, field)                                                                     \
	(((reg) >> RMI_FEATURE_REGISTER_0_##field##_SHIFT) &                                 \
	 ((1ULL << RMI_FEATURE_REGISTER_0_##field##_WIDTH) - 1U))

bool realm_find_lock_rd(struct rmm *rmm, pa_t rd, struct granule_locked *out)
{
	/* rd_align */
	if ((rd & GRANULE_MASK) != 0U) {
		return false;
	}
	/* rd_bound */
	if (!rmm_pa_is_delegable(rmm, rd)) {
		return false;
	}
	/* rd_state */
	return granule_lock_on_state_match(granule_find(rmm, rd), RMM_GRANULE_RD, out);
}

/* The RmiRealmParams fields the RMM uses (structures.md §1). */
struct realm_params {
	uint64_t flags;
	unsigned s2sz;
	unsigned sve_vl;
	unsigned num_bps;
	unsigned num_wps;
	unsigned pmu_num_ctrs;
	unsigned hash_algo;
	unsigned vmid;
	pa_t rtt_base;
	int64_t rtt_level_start;
	uint32_t rtt_num_start;
};

/*
 * CHOICE(realm-params-width): s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs
 * and hash_algo are 8-bit fields followed by padding the RMM ignores
 * (structures.md §1, the generated *_SIZE 1); the measured image copies the
 * TF-RMM field widths instead (measurement.c).
 */
static void realm_params_decode(const uint8_t *buf, struct realm_params *p)
{
	p->flags = le_field(buf, RMI_REALM_PARAMS_FLAGS_OFFSET, RMI_REALM_PARAMS_FLAGS_SIZE);
	p->s2sz = (unsigned)le_field(buf, RMI_REALM_PARAMS_S2SZ_OFFSET,
				     RMI_REALM_PARAMS_S2SZ_SIZE);
	p->sve_vl = (unsigned)le_field(buf, RMI_REALM_PARAMS_SVE_VL_OFFSET,
				       RMI_REALM_PARAMS_SVE_VL_SIZE);
	p->num_bps = (unsigned)le_field(buf, RMI_REALM_PARAMS_NUM_BPS_OFFSET,
					RMI_REALM_PARAMS_NUM_BPS_SIZE);
	p->num_wps = (unsigned)le_field(buf, RMI_REALM_PARAMS_NUM_WPS_OFFSET,
					RMI_REALM_PARAMS_NUM_WPS_SIZE);
	p->pmu_num_ctrs = (unsigned)le_field(buf, RMI_REALM_PARAMS_PMU_NUM_CTRS_OFFSET,
					     RMI_REALM_PARAMS_PMU_NUM_CTRS_SIZE);
	p->hash_algo = (unsigned)le_field(buf, RMI_REALM_PARAMS_HASH_ALGO_OFFSET,
					  RMI_REALM_PARAMS_HASH_ALGO_SIZE);
	p->vmid = (unsigned)le_field(buf, RMI_REALM_PARAMS_VMID_OFFSET,
				     RMI_REALM_PARAMS_VMID_SIZE);
	p->rtt_base = le_field(buf, RMI_REALM_PARAMS_RTT_BASE_OFFSET,
			       RMI_REALM_PARAMS_RTT_BASE_SIZE);
	p->rtt_level_start = (int64_t)le_field(buf, RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET,
					       RMI_REALM_PARAMS_RTT_LEVEL_START_SIZE);
	p->rtt_num_start = (uint32_t)le_field(buf, RMI_REALM_PARAMS_RTT_NUM_START_OFFSET,
					      RMI_REALM_PARAMS_RTT_NUM_START_SIZE);
}

/* params_valid: well-formedness independent of the platform. */
static bool realm_params_valid(const struct realm_params *p)
{
	bool lpa2 = (p->flags & RMI_REALM_FLAG_LPA2) != 0U;

	if (p->hash_algo != RMI_HASH_SHA_256 && p->hash_algo != RMI_HASH_SHA_512) {
		return false;
	}
	return p->s2sz >= S2SZ_MIN && p->s2sz <= (lpa2 ? S2SZ_MAX_LPA2 : S2SZ_MAX);
}

/* params_supp: every requested feature is within RmiFeatureRegister0. */
static bool realm_params_supported(const struct rmm *rmm, const struct realm_params *p)
{
	uint64_t fr0 = rmm->cfg.feat_reg0;

	if ((p->flags & RMI_REALM_FLAG_LPA2) != 0U && FR0(fr0, LPA2) == 0U) {
		return false;
	}
	if (p->s2sz > FR0(fr0, S2SZ)) {
		return false;
	}
	/* 0 is reserved; more than available fails (psci-and-exits.md §6: <=, as TF-RMM). */
	if (p->num_bps == 0U || p->num_bps > FR0(fr0, NUM_BPS) || p->num_wps == 0U ||
	    p->num_wps > FR0(fr0, NUM_WPS)) {
		return false;
	}
	if ((p->flags & RMI_REALM_FLAG_SVE) != 0U &&
	    (FR0(fr0, SVE_EN) == 0U || p->sve_vl > FR0(fr0, SVE_VL))) {
		return false;
	}
	/* CHOICE(pmu-hpmn0): the platform has no FEAT_HPMN0, so 0 counters fail. */
	if ((p->flags & RMI_REALM_FLAG_PMU) != 0U &&
	    (FR0(fr0, PMU_EN) == 0U || p->pmu_num_ctrs > FR0(fr0, PMU_NUM_CTRS) ||
	     p->pmu_num_ctrs == 0U)) {
		return false;
	}
	if (p->hash_algo == RMI_HASH_SHA_256 ? FR0(fr0, HASH_SHA_256) == 0U
					     : FR0(fr0, HASH_SHA_512) == 0U) {
		return false;
	}
	return true;
}

static void unlock_all(struct granule_locked *gl, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		granule_unlock_locked(gl[i]);
	}
}

static void realm_fill_rd(struct rd *rd, const struct realm_params *p, const uint8_t *buf)
{
	/* The granule was DELEGATED, so it is zero: REALM_NEW, rec_index 0, REMs 0. */
	rd->state = REALM_NEW;
	rd->rec_index = 0;
	rd->num_rec_aux = RMM_REC_AUX_COUNT;
	rd->hash_algo = p->hash_algo;
	rd->s2.ipa_bits = p->s2sz;
	rd->s2.sl = (int32_t)p->rtt_level_start;
	rd->s2.num_root = p->rtt_num_start;
	rd->s2.rtt_base = p->rtt_base;
	rd->s2.vmid = p->vmid;
	rd->s2.lpa2 = (p->flags & RMI_REALM_FLAG_LPA2) != 0U;
	memcpy(rd->rpv, buf + RMI_REALM_PARAMS_RPV_OFFSET, sizeof(rd->rpv));
	if ((p->flags & RMI_REALM_FLAG_SVE) != 0U) {
		rd->sve_en = true;
		rd->sve_vl = (uint8_t)p->sve_vl;
	}
	if ((p->flags & RMI_REALM_FLAG_PMU) != 0U) {
		rd->pmu_en = true;
		rd->pmu_num_ctrs = (uint8_t)p->pmu_num_ctrs;
	}
	/* Validated and measured only in TF-RMM; kept for the debug model. */
	rd->num_bps = (uint8_t)p->num_bps;
	rd->num_wps = (uint8_t)p->num_wps;
}

RMI_HANDLER(smc_realm_create)
{
	pa_t rd_pa = args[0];
	pa_t params_ptr = args[1];
	uint8_t *buf;
	struct realm_params p;
	struct granule_locked locked[1U + RTT_NUM_START_MAX];
	unsigned nlocked = 0;
	bool lpa2;
	struct rd *rd;

	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
	/* params_align */
	if ((params_ptr & GRANULE_MASK) != 0U) {
		return;
	}
	/* params_bound */
	if (!rmm_pa_is_delegable(rmm, params_ptr)) {
		return;
	}
	buf = malloc(RMI_REALM_PARAMS_SIZE);
	if (buf == NULL) {
		return;
	}
	/* params_pas: the GPT-checked read fails unless the granule is NS. */
	if (!rmm->plat.ns_read(rmm->plat.ctx, params_ptr, buf, RMI_REALM_PARAMS_SIZE)) {
		goto out;
	}
	rmm_account(rmm, RMM_COST_NS_COPY_LINE, RMI_REALM_PARAMS_SIZE / 64U);
	realm_params_decode(buf, &p);
	lpa2 = (p.flags & RMI_REALM_FLAG_LPA2) != 0U;
	/* params_valid */
	if (!realm_params_valid(&p)) {
		goto out;
	}
	/* params_supp */
	if (!realm_params_supported(rmm, &p)) {
		goto out;
	}
	/* alias: the RD is one of the starting RTTs (overflow-safe form). */
	if (rd_pa >= p.rtt_base && (rd_pa - p.rtt_base) / GRANULE_SIZE < p.rtt_num_start) {
		goto out;
	}
	/* rd_align */
	if ((rd_pa & GRANULE_MASK) != 0U) {
		goto out;
	}
	/* rd_bound */
	if (!rmm_pa_is_delegable(rmm, rd_pa)) {
		goto out;
	}
	/* rtt_align */
	if ((p.rtt_base & GRANULE_MASK) != 0U) {
		goto out;
	}
	/* rtt_num_level: (w, sl, n) consistent, sl >= 0 unless lpa2 (states.md §5). */
	if (p.rtt_level_start < (lpa2 ? -1 : 0) || p.rtt_level_start > 3 ||
	    p.rtt_num_start == 0U || p.rtt_num_start > RTT_NUM_START_MAX ||
	    !s2tt_geometry_valid(p.s2sz, (int)p.rtt_level_start, p.rtt_num_start, lpa2)) {
		goto out;
	}
	/* rtt_state (bound part): every starting RTT is delegable memory. */
	for (uint32_t i = 0; i < p.rtt_num_start; i++) {
		pa_t pa = p.rtt_base + (pa_t)i * GRANULE_SIZE;

		if (pa < p.rtt_base || !rmm_pa_is_delegable(rmm, pa)) {
			goto out;
		}
	}
	/*
	 * rd_state and rtt_state: lock the RD and the RTTs in ascending address
	 * order (commands.md §0); the RD is below or above the RTT run (alias).
	 */
	if (rd_pa < p.rtt_base) {
		if (!granule_lock_on_state_match(granule_find(rmm, rd_pa), RMM_GRANULE_DELEGATED,
						 &locked[nlocked])) {
			goto out;
		}
		nlocked++;
	}
	for (uint32_t i = 0; i < p.rtt_num_start; i++) {
		struct granule *g = granule_find(rmm, p.rtt_base + (pa_t)i * GRANULE_SIZE);

		if (!granule_lock_on_state_match(g, RMM_GRANULE_DELEGATED, &locked[nlocked])) {
			goto out_unlock;
		}
		nlocked++;
	}
	if (rd_pa > p.rtt_base) {
		if (!granule_lock_on_state_match(granule_find(rmm, rd_pa), RMM_GRANULE_DELEGATED,
						 &locked[nlocked])) {
			goto out_unlock;
		}
		nlocked++;
	}
	/* vmid_valid: in range and not used by another realm; reserved as the last check. */
	if (!vmid_reserve(rmm, p.vmid)) {
		goto out_unlock;
	}

	/* Execute (commands.md REALM_CREATE success effects (d)-(g)). */
	rd = rd_map(rmm, granule_find(rmm, rd_pa));
	realm_fill_rd(rd, &p, buf);
	s2tt_init_root(rmm, rd);
	measurement_realm_create(rmm, rd, buf);
	for (unsigned i = 0; i < nlocked; i++) {
		bool is_rd = granule_addr(rmm, locked[i].g) == rd_pa;

		granule_unlock_transition(locked[i], is_rd ? RMM_GRANULE_RD : RMM_GRANULE_RTT);
	}
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
	goto out;

out_unlock:
	unlock_all(locked, nlocked);
out:
	free(buf);
}

RMI_HANDLER(smc_realm_activate)
{
	struct granule_locked g_rd;
	struct rd *rd;

	/* rd_align, rd_bound, rd_state */
	if (!realm_find_lock_rd(rmm, args[0], &g_rd)) {
		res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, g_rd.g);
	/* realm_state */
	if (rd->state != REALM_NEW) {
		granule_unlock_locked(g_rd);
		res->x[0] = rmi_pack(RMI_ERROR_REALM, 0);
		return;
	}
	/* The RIM is final from now on: only NEW realms extend it. */
	__atomic_store_n(&rd->state, REALM_ACTIVE, __ATOMIC_RELEASE);
	granule_unlock_locked(g_rd);
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
}

RMI_HANDLER(smc_realm_destroy)
{
	struct granule_locked g_rd;
	struct rd *rd;
	pa_t rtt_base;
	unsigned num_root;
	unsigned vmid;
	unsigned ipa_bits;

	/* rd_align, rd_bound, rd_state */
	if (!realm_find_lock_rd(rmm, args[0], &g_rd)) {
		res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, g_rd.g);
	/* realm_live: a REC exists (RD refcount) or a starting RTT has live entries. */
	if (granule_refcount(g_rd.g) != 0U || s2tt_root_is_live(rmm, rd)) {
		granule_unlock_locked(g_rd);
		res->x[0] = rmi_pack(RMI_ERROR_REALM, 0);
		return;
	}
	rtt_base = rd->s2.rtt_base;
	num_root = rd->s2.num_root;
	vmid = rd->s2.vmid;
	ipa_bits = rd->s2.ipa_bits;
	/* Starting RTTs: RD lock held, so nothing else can reach them (RD -> RTT order). */
	for (unsigned i = 0; i < num_root; i++) {
		struct granule_locked g_rtt;

		if (!find_lock_granule(rmm, rtt_base + (pa_t)i * GRANULE_SIZE, RMM_GRANULE_RTT,
				       &g_rtt)) {
			/* A live RD always owns its starting RTTs: internal corruption. */
			abort();
		}
		granule_memzero(rmm, g_rtt);
		granule_unlock_transition(g_rtt, RMM_GRANULE_DELEGATED);
	}
	if (rmm->plat.s2_changed != NULL) {
		rmm->plat.s2_changed(rmm->plat.ctx, (uint16_t)vmid, 0, 1ULL << ipa_bits);
	}
	rmm_account(rmm, RMM_COST_TLBI_VMID, 1);
	vmid_free(rmm, vmid);
	/* Zeroing the RD destroys the measurements. */
	granule_memzero(rmm, g_rd);
	granule_unlock_transition(g_rd, RMM_GRANULE_DELEGATED);
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
}

RMI_HANDLER(smc_rec_aux_count)
{
	struct granule_locked g_rd;

	/* rd_align, rd_bound, rd_state */
	if (!realm_find_lock_rd(rmm, args[0], &g_rd)) {
		res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
		return;
	}
	res->x[1] = rd_map(rmm, g_rd.g)->num_rec_aux;
	granule_unlock_locked(g_rd);
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
}
