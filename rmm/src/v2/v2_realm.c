/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 REALM_CREATE (2.0 RmiRealmParams, RMM-allocated VMID),
 * REALM_TERMINATE (ZOMBIE) and REALM_DESTROY (needs ZOMBIE)
 * (den0137-2.0 commands.md, structures.md §1, states.md §4).
 * REALM_ACTIVATE is the 1.0 handler.
 */
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "measurement.h"
#include "realm.h"
#include "rec.h"
#include "s2tt.h"
#include "v2.h"

/* RmiRealmParams 2.0 offsets (structures.md §1). */
#define P2_FLAGS0 0x000U
#define P2_S2SZ 0x008U
#define P2_SVE_VL 0x010U
#define P2_NUM_BPS 0x018U
#define P2_NUM_WPS 0x020U
#define P2_PMU_NUM_CTRS 0x028U
#define P2_ALGORITHM 0x030U
#define P2_NUM_AUX_PLANES 0x038U
#define P2_RPV 0x400U
#define P2_ATS_PLANE 0x440U
#define P2_RTT_BASE 0x808U
#define P2_RTT_LEVEL_START 0x810U
#define P2_RTT_NUM_START 0x818U
#define P2_FLAGS1 0x820U
#define P2_SIZE 0x1000U

#define F0_LPA2 (1ULL << 0)
#define F0_SVE (1ULL << 1)
#define F0_PMU (1ULL << 2)
#define F0_DA (1ULL << 3)
#define F0_MEC_SHIFT 7U
#define F0_MEC_MASK 3ULL
#define MEC_POLICY_PRIVATE 1U
#define HASH_SHA_384 2U

#define S2SZ_MIN 32U
#define RTT_NUM_START_MAX 16U

#define FR0(reg, field)                                                                     \
	(((reg) >> RMI_FEATURE_REGISTER_0_##field##_SHIFT) &                                 \
	 ((1ULL << RMI_FEATURE_REGISTER_0_##field##_WIDTH) - 1U))

struct realm_params2 {
	uint64_t flags0;
	unsigned s2sz;
	unsigned sve_vl;
	unsigned num_bps;
	unsigned num_wps;
	unsigned pmu_num_ctrs;
	unsigned algorithm;
	uint64_t num_aux_planes;
	uint64_t ats_plane;
	pa_t rtt_base;
	int64_t rtt_level_start;
	uint32_t rtt_num_start;
	uint64_t flags1;
};

static void params2_decode(const uint8_t *b, struct realm_params2 *p)
{
	/* TF-RMM widths (structures.md §1): 32-bit sizes, 8-bit algorithm. */
	p->flags0 = le_field(b, P2_FLAGS0, 8U);
	p->s2sz = (unsigned)le_field(b, P2_S2SZ, 4U);
	p->sve_vl = (unsigned)le_field(b, P2_SVE_VL, 4U);
	p->num_bps = (unsigned)le_field(b, P2_NUM_BPS, 4U);
	p->num_wps = (unsigned)le_field(b, P2_NUM_WPS, 4U);
	p->pmu_num_ctrs = (unsigned)le_field(b, P2_PMU_NUM_CTRS, 4U);
	p->algorithm = (unsigned)le_field(b, P2_ALGORITHM, 1U);
	p->num_aux_planes = le_field(b, P2_NUM_AUX_PLANES, 4U);
	p->ats_plane = le_field(b, P2_ATS_PLANE, 8U);
	p->rtt_base = le_field(b, P2_RTT_BASE, 8U);
	p->rtt_level_start = (int64_t)le_field(b, P2_RTT_LEVEL_START, 8U);
	p->rtt_num_start = (uint32_t)le_field(b, P2_RTT_NUM_START, 4U);
	p->flags1 = le_field(b, P2_FLAGS1, 8U);
}

/* validate_realm_params in TF-RMM's order (commands.md REALM_CREATE 2.1-2.14). */
static bool params2_valid(const struct rmm *rmm, const struct realm_params2 *p)
{
	uint64_t fr0 = rmm->cfg.feat_reg0;
	bool lpa2 = (p->flags0 & F0_LPA2) != 0U;

	/* 1 lpa2 */
	if (lpa2 && FR0(fr0, LPA2) == 0U) {
		return false;
	}
	/* 2 s2sz */
	if (p->s2sz < S2SZ_MIN || p->s2sz > FR0(fr0, S2SZ) || (!lpa2 && p->s2sz > 48U)) {
		return false;
	}
	/* 3 bps / wps */
	if (p->num_bps == 0U || p->num_bps > FR0(fr0, NUM_BPS) || p->num_wps == 0U ||
	    p->num_wps > FR0(fr0, NUM_WPS)) {
		return false;
	}
	/* 4 sve */
	if ((p->flags0 & F0_SVE) != 0U && (FR0(fr0, SVE_EN) == 0U || p->sve_vl > FR0(fr0, SVE_VL))) {
		return false;
	}
	/* 5 pmu (CHOICE(pmu-hpmn0) as 1.0: no FEAT_HPMN0, so 0 counters fail) */
	if ((p->flags0 & F0_PMU) != 0U &&
	    (FR0(fr0, PMU_EN) == 0U || p->pmu_num_ctrs > FR0(fr0, PMU_NUM_CTRS) ||
	     p->pmu_num_ctrs == 0U)) {
		return false;
	}
	/* 6 da: not implemented (feature register 2 is 0) */
	if ((p->flags0 & F0_DA) != 0U) {
		return false;
	}
	/* 7 mec policy */
	if (((p->flags0 >> F0_MEC_SHIFT) & F0_MEC_MASK) > MEC_POLICY_PRIVATE) {
		return false;
	}
	/* 8-9 ipa size / start level / number of starting tables */
	if (p->rtt_level_start < (lpa2 ? -1 : 0) || p->rtt_level_start > 3 ||
	    p->rtt_num_start == 0U || p->rtt_num_start > RTT_NUM_START_MAX ||
	    !s2tt_geometry_valid(p->s2sz, (int)p->rtt_level_start, p->rtt_num_start, lpa2)) {
		return false;
	}
	/* 10-11 planes: feature register 3 has MAX_NUM_AUX_PLANES = 0 */
	if (p->num_aux_planes != 0U || p->ats_plane > p->num_aux_planes) {
		return false;
	}
	/* 12 tree per plane / indirect S2AP: neither is implemented */
	if (p->flags1 != 0U) {
		return false;
	}
	/* 13 rtt_base aligned to the starting tables' size */
	if ((p->rtt_base & ((uint64_t)p->rtt_num_start * GRANULE_SIZE - 1U)) != 0U) {
		return false;
	}
	/*
	 * 14 algorithm: CHOICE(sha384): SHA-384 (2) is refused, as feature
	 * register 1 says (TF-RMM accepts it while reporting 0).
	 */
	if (p->algorithm == RMI_HASH_SHA_256) {
		return FR0(fr0, HASH_SHA_256) != 0U;
	}
	if (p->algorithm == RMI_HASH_SHA_512) {
		return FR0(fr0, HASH_SHA_512) != 0U;
	}
	return false;
}

bool rmm_v2_vmid_alloc(struct rmm *rmm, unsigned *vmid)
{
	/* VMID 0 is left to the host (CHOICE(vmid-alloc): lowest free from 1). */
	for (unsigned v = 1; v < (1U << rmm->cfg.vmid_bits); v++) {
		if (vmid_reserve(rmm, v)) {
			*vmid = v;
			return true;
		}
	}
	return false;
}

/* Locks the starting RTTs and the RD, all DELEGATED, ascending (commands.md §0 of 1.0). */
static unsigned lock_objects(struct rmm *rmm, pa_t rd_pa, const struct realm_params2 *p,
			     struct granule_locked *locked, bool *rd_bad)
{
	unsigned n = 0;
	pa_t pas[RTT_NUM_START_MAX + 1U];
	unsigned npas = 0;

	*rd_bad = false;
	for (uint32_t i = 0; i < p->rtt_num_start; i++) {
		pas[npas++] = p->rtt_base + (pa_t)i * GRANULE_SIZE;
	}
	/* 6 rtt_state: every starting RTT DELEGATED, none aliasing the RD */
	for (unsigned i = 0; i < npas; i++) {
		struct granule *g = rmm_delegable_granule(rmm, pas[i]);

		if (g == NULL || pas[i] == rd_pa || granule_get_state(g) != RMM_GRANULE_DELEGATED) {
			return 0;
		}
	}
	/* 7 rd_state */
	{
		struct granule *g = (rd_pa & GRANULE_MASK) == 0U ? rmm_delegable_granule(rmm, rd_pa)
								 : NULL;

		if (g == NULL || granule_get_state(g) != RMM_GRANULE_DELEGATED) {
			*rd_bad = true;
			return 0;
		}
	}
	/* Lock in ascending order: the RD is below or above the RTT run. */
	if (rd_pa < p->rtt_base) {
		if (!granule_lock_on_state_match(granule_find(rmm, rd_pa), RMM_GRANULE_DELEGATED,
						 &locked[n])) {
			*rd_bad = true;
			return 0;
		}
		n++;
	}
	for (unsigned i = 0; i < npas; i++) {
		if (!granule_lock_on_state_match(granule_find(rmm, pas[i]), RMM_GRANULE_DELEGATED,
						 &locked[n])) {
			goto fail;
		}
		n++;
	}
	if (rd_pa > p->rtt_base) {
		if (!granule_lock_on_state_match(granule_find(rmm, rd_pa), RMM_GRANULE_DELEGATED,
						 &locked[n])) {
			*rd_bad = true;
			goto fail;
		}
		n++;
	}
	return n;
fail:
	for (unsigned i = 0; i < n; i++) {
		granule_unlock_locked(locked[i]);
	}
	return 0;
}

static void fill_rd(struct rmm *rmm, struct rd *rd, pa_t rd_pa, const struct realm_params2 *p,
		    const uint8_t *buf, unsigned vmid)
{
	struct {
		pa_t rd;
		uint64_t serial;
	} seed = { rd_pa, atomic_fetch_add(&rmm->v2->realm_serial, 1U) };
	uint8_t h[RMM_MEASUREMENT_SIZE];

	rd->state = REALM_NEW;
	rd->num_rec_aux = RMM_REC_AUX_COUNT;
	rd->hash_algo = p->algorithm;
	rd->s2.ipa_bits = p->s2sz;
	rd->s2.sl = (int32_t)p->rtt_level_start;
	rd->s2.num_root = p->rtt_num_start;
	rd->s2.rtt_base = p->rtt_base;
	rd->s2.vmid = vmid;
	rd->s2.lpa2 = (p->flags0 & F0_LPA2) != 0U;
	memcpy(rd->rpv, buf + P2_RPV, sizeof(rd->rpv));
	if ((p->flags0 & F0_SVE) != 0U) {
		rd->sve_en = true;
		rd->sve_vl = (uint8_t)p->sve_vl;
	}
	if ((p->flags0 & F0_PMU) != 0U) {
		rd->pmu_en = true;
		rd->pmu_num_ctrs = (uint8_t)p->pmu_num_ctrs;
	}
	rd->num_bps = (uint8_t)p->num_bps;
	rd->num_wps = (uint8_t)p->num_wps;
	/*
	 * Realm instance ID (rsi.md §5): type 0x01 + 32 bytes. CHOICE(instance-id):
	 * SHA-256 of (RD PA, creation serial) rather than random bytes, so runs
	 * are reproducible; unique per realm of one RMM.
	 */
	measurement_hash(rmm, RMI_HASH_SHA_256, &seed, sizeof(seed), h);
	rd->v2_instance_id[0] = 0x01;
	memcpy(rd->v2_instance_id + 1, h, 32);
}

RMI_HANDLER(smc2_realm_create)
{
	pa_t rd_pa = args[0];
	pa_t params_ptr = args[1];
	struct granule_locked locked[RTT_NUM_START_MAX + 1U];
	struct realm_params2 p;
	uint8_t *buf;
	unsigned vmid;
	unsigned n;
	bool rd_bad;
	struct rd *rd;

	res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
	buf = malloc(P2_SIZE);
	/* 1 params_pas: aligned NS granule that reads */
	if (buf == NULL || (params_ptr & GRANULE_MASK) != 0U ||
	    !rmm->plat.ns_read(rmm->plat.ctx, params_ptr, buf, P2_SIZE)) {
		free(buf);
		return;
	}
	rmm_account(rmm, RMM_COST_NS_COPY_LINE, P2_SIZE / 64U);
	params2_decode(buf, &p);
	/* 2 params_valid */
	if (!params2_valid(rmm, &p)) {
		goto out;
	}
	/* 4 vmid: the RMM allocates it now (3, the instance ID, cannot fail) */
	if (!rmm_v2_vmid_alloc(rmm, &vmid)) {
		res->x[0] = rmi_pack(RMI2_ERROR_GLOBAL, 0);
		goto out;
	}
	/* 5 mecid: no private MECIDs (feature register 4 MEC_COUNT = 0) */
	if (((p.flags0 >> F0_MEC_SHIFT) & F0_MEC_MASK) == MEC_POLICY_PRIVATE) {
		vmid_free(rmm, vmid);
		res->x[0] = rmi_pack(RMI2_ERROR_GLOBAL, 0);
		goto out;
	}
	/* 6 rtt_state, 7 rd_state */
	n = lock_objects(rmm, rd_pa, &p, locked, &rd_bad);
	if (n == 0U) {
		vmid_free(rmm, vmid);
		goto out;
	}
	/* Execute (commands.md REALM_CREATE 8). */
	rd = rd_map(rmm, granule_find(rmm, rd_pa));
	fill_rd(rmm, rd, rd_pa, &p, buf, vmid);
	s2tt_init_root(rmm, rd);
	/* RIM: the 1.0 fields sit at the same offsets in the 2.0 params (CHOICE(rim-v2)). */
	measurement_realm_create(rmm, rd, buf);
	for (unsigned i = 0; i < n; i++) {
		bool is_rd = granule_addr(rmm, locked[i].g) == rd_pa;

		granule_unlock_transition(locked[i], is_rd ? RMM_GRANULE_RD : RMM_GRANULE_RTT);
	}
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
out:
	free(buf);
}

RMI_HANDLER(smc2_realm_terminate)
{
	struct granule_locked g_rd;
	struct rd *rd;

	/* rd_state */
	if (!realm_find_lock_rd(rmm, args[0], &g_rd)) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, g_rd.g);
	/* rec_running: a REC of this realm is inside REC_ENTER (REC refcount 1) */
	for (unsigned i = 0; i < rd->rec_index && i < RMM_V2_MAX_RECS; i++) {
		enum rmm_granule_state st;

		if (rd->v2_recs[i] != 0U && rmm_granule_state(rmm, rd->v2_recs[i], &st) &&
		    st == RMM_GRANULE_REC && granule_refcount(granule_find(rmm, rd->v2_recs[i])) != 0U) {
			granule_unlock_locked(g_rd);
			res->x[0] = rmi_pack(RMI2_ERROR_REALM, 0);
			return;
		}
	}
	/* From any state: no REC enters again; RTTs and RECs may still be destroyed. */
	__atomic_store_n(&rd->state, (uint32_t)REALM_ZOMBIE, __ATOMIC_RELEASE);
	granule_unlock_locked(g_rd);
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
}

RMI_HANDLER(smc2_realm_destroy)
{
	struct granule_locked g_rd;
	uint64_t st = rmi_pack(RMI2_SUCCESS, 0);
	struct rd *rd;

	/* rd_state */
	if (!realm_find_lock_rd(rmm, args[0], &g_rd)) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, g_rd.g);
	/* rd_refcount: RECs still exist */
	if (granule_refcount(g_rd.g) != 0U) {
		st = rmi_pack(RMI2_ERROR_REALM, 0);
	} else if (rd->state != REALM_ZOMBIE) {
		/* realm_state: 2.0 needs REALM_TERMINATE first */
		st = rmi_pack(RMI2_ERROR_REALM, 0);
	}
	granule_unlock_locked(g_rd);
	if (st != rmi_pack(RMI2_SUCCESS, 0)) {
		res->x[0] = st;
		return;
	}
	/* root_live and the execution: as 1.0 (realm.c). */
	smc_realm_destroy(rmm, args, res);
}
