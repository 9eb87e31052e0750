/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_host speaking RMI 2.0 (rh_config.rmi_abi = 2): the host start
 * (VERSION 2.0, RMM_CONFIG_SET, RMM_ACTIVATE), range delegation, REC
 * create/destroy through the SRO donate/reclaim protocol, DATA_MAP /
 * DATA_UNMAP and TERMINATE before REALM_DESTROY (shared/den0137-2.0,
 * sequences.md A). Everything else is the same calls as 1.0.
 */
#include <inttypes.h>
#include <string.h>

#include "den0137_2_abi.h"
#include "realm_host.h"

#define SRO_MAX_STEPS 64U
#define DESC_ADDR_MASK 0x000FFFFFFFFFF000ULL

static unsigned memreq(const struct rh_ret *ret)
{
	return (unsigned)((ret->x[0] >> RMI2_RESULT_MEMREQ_SHIFT) & 3U);
}

static uint64_t desc(pa_t pa, unsigned count)
{
	return (pa & DESC_ADDR_MASK) | ((uint64_t)count << RMI2_ADDR_RDESC_CNT_SHIFT) |
	       RMI2_PAGE_L3;
}

bool rh_v2_boot(struct rh_realm *r)
{
	struct rh_ret ret = rh_rmi(r, RMI2_VERSION_FID, RMI2_ABI_VERSION, 0, 0, 0);
	pa_t cfg;

	if (ret.status != RMI2_SUCCESS)
		return rh_fail(r, "RMI_VERSION(2.0): status %u (an RMM without RMI 2.0)", ret.status);
	cfg = rh_ns_alloc(r);
	if (!cfg)
		return false;
	/* Zeroed page = 1 GiB tracking regions, 4 KB granule (structures.md §4). */
	ret = rh_rmi(r, RMI2_RMM_CONFIG_SET_FID, cfg, 0, 0, 0);
	/* ERROR_GLOBAL: another realm of this platform activated the RMM already. */
	if (ret.status != RMI2_SUCCESS && ret.status != RMI2_ERROR_GLOBAL)
		return rh_fail(r, "RMM_CONFIG_SET: status %u", ret.status);
	ret = rh_rmi(r, RMI2_RMM_ACTIVATE_FID, 0, 0, 0, 0);
	if (ret.status != RMI2_SUCCESS && ret.status != RMI2_ERROR_GLOBAL)
		return rh_fail(r, "RMM_ACTIVATE: status %u", ret.status);
	return true;
}

/* RANGE_(UN)DELEGATE of one granule, re-issued from out_top until done (states.md §3). */
static bool range_one(struct rh_realm *r, uint64_t fid, pa_t pa)
{
	pa_t base = pa;

	for (unsigned guard = 0; base < pa + GRANULE_SIZE && guard < 4; guard++) {
		struct rh_ret ret = rh_rmi(r, fid, base, pa + GRANULE_SIZE, 0, 0);

		if (ret.status != RMI2_SUCCESS || ret.x[1] <= base)
			return rh_fail(r, "%s 0x%" PRIx64 ": status %u",
				       fid == RMI2_GRANULE_RANGE_DELEGATE_FID ? "RANGE_DELEGATE"
									  : "RANGE_UNDELEGATE",
				       pa, ret.status);
		base = ret.x[1];
	}
	return base >= pa + GRANULE_SIZE;
}

bool rh_v2_delegate(struct rh_realm *r, pa_t pa)
{
	return range_one(r, RMI2_GRANULE_RANGE_DELEGATE_FID, pa);
}

bool rh_v2_undelegate(struct rh_realm *r, pa_t pa)
{
	return range_one(r, RMI2_GRANULE_RANGE_UNDELEGATE_FID, pa);
}

/* Answers MEMREQ until the SRO ends; donated/reclaimed granules recorded in @rec. */
static struct rh_ret sro_finish(struct rh_realm *r, struct rh_ret ret, struct rh_rec *rec,
				unsigned *num_aux)
{
	uint64_t handle = ret.x[1];

	for (unsigned step = 0; ret.status == RMI2_INCOMPLETE && step < SRO_MAX_STEPS; step++) {
		pa_t list = rh_ns_alloc(r);

		if (!list)
			break;
		if (memreq(&ret) == RMI2_OP_MEM_REQ_DONATE) {
			unsigned n = (unsigned)((ret.x[2] >> RMI2_DONATE_REQ_COUNT_SHIFT) & 0x3FFFU);

			if ((ret.x[2] & 3U) != RMI2_PAGE_L3 || *num_aux + n > RH_MAX_AUX) {
				rh_fail(r, "donate request 0x%" PRIx64 " not handled", ret.x[2]);
				break;
			}
			for (unsigned i = 0; i < n; i++) {
				pa_t pa = rh_delegate(r);
				uint64_t d = desc(pa, 1);

				if (!pa || !rmmsim_ns_write(r->sim, list + 8U * i, &d, 8))
					return ret;
				rec->aux[(*num_aux)++] = pa;
			}
			ret = rh_rmi(r, RMI2_OP_MEM_DONATE_FID, handle, list, n, 0);
		} else if (memreq(&ret) == RMI2_OP_MEM_REQ_RECLAIM) {
			ret = rh_rmi(r, RMI2_OP_MEM_RECLAIM_FID, handle, list,
				     RMI2_ADDR_LIST_MAX_RANGES, 0);
			for (uint64_t i = 0; i < ret.x[1] && i < RMI2_ADDR_LIST_MAX_RANGES; i++) {
				uint64_t d = 0;

				if (rmmsim_ns_read(r->sim, list + 8U * i, &d, 8) &&
				    !rh_v2_undelegate(r, d & DESC_ADDR_MASK))
					return ret;
			}
		} else {
			ret = rh_rmi(r, RMI2_OP_CONTINUE_FID, handle, RMI2_CONTINUE_KEEP_GOING, 0, 0);
		}
	}
	return ret;
}

bool rh_v2_rec_create(struct rh_realm *r, unsigned i, pa_t params)
{
	struct rh_rec *rec = &r->recs[i];
	unsigned num_aux = 0;
	struct rh_ret ret = rh_rmi(r, RMI2_REC_CREATE_FID, r->rd, rec->pa, params, 0);

	ret = sro_finish(r, ret, rec, &num_aux);
	if (ret.status != RMI2_SUCCESS)
		return r->res.error[0] ? false
				       : rh_fail(r, "REC_CREATE %u (SRO): status %u index %u", i,
						 ret.status, ret.index);
	r->num_aux = num_aux;
	return true;
}

bool rh_v2_rec_destroy(struct rh_realm *r, unsigned i)
{
	unsigned none = 0;
	struct rh_ret ret = rh_rmi(r, RMI2_REC_DESTROY_FID, r->recs[i].pa, 0, 0, 0);

	/* The reclaimed aux granules are undelegated as they come back. */
	ret = sro_finish(r, ret, &r->recs[i], &none);
	if (ret.status != RMI2_SUCCESS)
		return r->res.error[0] ? false
				       : rh_fail(r, "REC_DESTROY %u (SRO): status %u", i, ret.status);
	return true;
}

bool rh_v2_data_map(struct rh_realm *r, pa_t pa, ipa_t ipa)
{
	struct rh_ret ret = rh_rmi5(r, RMI2_RTT_DATA_MAP_FID, r->rd, ipa, ipa + GRANULE_SIZE,
				    RMI2_OADDR_SINGLE, desc(pa, 1));

	if (ret.status != RMI2_SUCCESS || ret.x[1] != ipa + GRANULE_SIZE)
		return rh_fail(r, "RTT_DATA_MAP 0x%" PRIx64 ": status %u index %u", ipa, ret.status,
			       ret.index);
	return true;
}

bool rh_v2_data_unmap(struct rh_realm *r, ipa_t ipa, pa_t pa)
{
	struct rh_ret ret = rh_rmi5(r, RMI2_RTT_DATA_UNMAP_FID, r->rd, ipa, ipa + GRANULE_SIZE,
				    RMI2_OADDR_SINGLE, 0);

	if (ret.status != RMI2_SUCCESS || (ret.x[2] & DESC_ADDR_MASK) != pa)
		return rh_fail(r, "RTT_DATA_UNMAP 0x%" PRIx64 ": status %u index %u", ipa,
			       ret.status, ret.index);
	return true;
}

bool rh_v2_terminate(struct rh_realm *r)
{
	struct rh_ret ret = rh_rmi(r, RMI2_REALM_TERMINATE_FID, r->rd, 0, 0, 0);

	if (ret.status != RMI2_SUCCESS)
		return rh_fail(r, "REALM_TERMINATE: status %u", ret.status);
	return true;
}

bool rh_v2_unprot_map(struct rh_realm *r, ipa_t ipa, pa_t pa, unsigned memattr)
{
	/* S2AP direct: bit0 WRITE, bit1 READ (structures.md §5 "Map/unmap flag words"). */
	uint64_t flags = RMI2_OADDR_SINGLE | ((uint64_t)memattr << RMI2_MAP_FLAGS_MEMATTR_SHIFT) |
			 ((uint64_t)(RMI2_S2AP_READ | RMI2_S2AP_WRITE) << RMI2_MAP_FLAGS_S2AP_SHIFT);
	uint64_t d = desc(pa, 1) | ((uint64_t)RMI2_ADDR_STATE_UNDELEGATED << RMI2_ADDR_RDESC_ST_SHIFT);
	struct rh_ret ret = rh_rmi5(r, RMI2_RTT_UNPROT_MAP_FID, r->rd, ipa, ipa + GRANULE_SIZE, flags,
				    d);

	if (ret.status != RMI2_SUCCESS || ret.x[1] != ipa + GRANULE_SIZE)
		return rh_fail(r, "RTT_UNPROT_MAP 0x%" PRIx64 ": status %u index %u", ipa,
			       ret.status, ret.index);
	return true;
}

bool rh_v2_unprot_unmap(struct rh_realm *r, ipa_t ipa)
{
	struct rh_ret ret = rh_rmi5(r, RMI2_RTT_UNPROT_UNMAP_FID, r->rd, ipa, ipa + GRANULE_SIZE,
				    RMI2_OADDR_NONE, 0);

	if (ret.status != RMI2_SUCCESS)
		return rh_fail(r, "RTT_UNPROT_UNMAP 0x%" PRIx64 ": status %u", ipa, ret.status);
	return true;
}
