/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tear-down (RECs, DATA, RTTs deepest first, the realm, then every granule
 * undelegated and checked back to UNDELEGATED), the measurement log, names.
 */
#include <inttypes.h>
#include <string.h>

#include "den0137_abi.h"
#include "realm_host.h"
#include "rmm.h"

static bool undelegate(struct rh_realm *r, pa_t pa)
{
	struct rh_ret ret = { 0 };

	if (r->cfg.rmi_abi == 2) {
		if (!rh_v2_undelegate(r, pa))
			return false;
	} else {
		ret = rh_rmi(r, RMI_GRANULE_UNDELEGATE_FID, pa, 0, 0, 0);
	}
	if (ret.status != RMI_SUCCESS)
		return rh_fail(r, "GRANULE_UNDELEGATE 0x%" PRIx64 ": status %u", pa, ret.status);
	if (rmmsim_granule_state(r->sim, pa) != RMM_GRANULE_UNDELEGATED)
		return rh_fail(r, "granule 0x%" PRIx64 " is %s after UNDELEGATE", pa,
			       rmmsim_granule_state_name(rmmsim_granule_state(r->sim, pa)));
	return true;
}

static bool destroy_recs(struct rh_realm *r)
{
	for (unsigned i = 0; i < r->num_recs; i++) {
		if (r->cfg.rmi_abi == 2) {
			/* The SRO reclaims (and rh_v2 undelegates) the aux granules. */
			if (!rh_v2_rec_destroy(r, i) || !undelegate(r, r->recs[i].pa))
				return false;
			continue;
		}
		struct rh_ret ret = rh_rmi(r, RMI_REC_DESTROY_FID, r->recs[i].pa, 0, 0, 0);

		if (ret.status != RMI_SUCCESS)
			return rh_fail(r, "REC_DESTROY %u: status %u", i, ret.status);
		if (!undelegate(r, r->recs[i].pa))
			return false;
		for (uint64_t a = 0; a < r->num_aux; a++)
			if (!undelegate(r, r->recs[i].aux[a]))
				return false;
	}
	r->num_recs = 0;
	return true;
}

static bool destroy_data(struct rh_realm *r)
{
	for (size_t i = 0; i < r->num_data; i++) {
		if (r->cfg.rmi_abi == 2) {
			if (!rh_v2_data_unmap(r, r->data[i].ipa, r->data[i].pa) ||
			    !undelegate(r, r->data[i].pa))
				return false;
			continue;
		}
		struct rh_ret ret = rh_rmi(r, RMI_DATA_DESTROY_FID, r->rd, r->data[i].ipa, 0, 0);

		if (ret.status != RMI_SUCCESS || ret.x[1] != r->data[i].pa)
			return rh_fail(r, "DATA_DESTROY 0x%" PRIx64 ": status %u index %u",
				       r->data[i].ipa, ret.status, ret.index);
		if (!undelegate(r, r->data[i].pa))
			return false;
	}
	r->num_data = 0;
	return true;
}

static bool destroy_rtts(struct rh_realm *r)
{
	/* Deepest level first: a parent RTT is live while it has a child table. */
	for (int level = 3; level > r->start_level; level--) {
		for (size_t i = 0; i < r->num_rtts; i++) {
			struct rh_rtt *t = &r->rtts[i];
			struct rh_ret ret;

			if (t->level != level || !t->pa)
				continue;
			ret = rh_rmi(r, RMI_RTT_DESTROY_FID, r->rd, t->ipa, (uint64_t)level, 0);
			if (ret.status != RMI_SUCCESS || ret.x[1] != t->pa)
				return rh_fail(r, "RTT_DESTROY 0x%" PRIx64 " level %d: status %u index %u",
					       t->ipa, level, ret.status, ret.index);
			if (!undelegate(r, t->pa))
				return false;
			t->pa = 0;
		}
	}
	r->num_rtts = 0;
	return true;
}

bool rh_teardown(struct rh_realm *r)
{
	struct rh_ret ret;

	if (!r->sim || !r->created)
		return true;
	if (!destroy_recs(r) || !destroy_data(r) || !destroy_rtts(r))
		return false;
	/* 2.0: only a ZOMBIE realm can be destroyed (states.md §4). */
	if (r->cfg.rmi_abi == 2 && !rh_v2_terminate(r))
		return false;
	ret = rh_rmi(r, RMI_REALM_DESTROY_FID, r->rd, 0, 0, 0);
	if (ret.status != RMI_SUCCESS)
		return rh_fail(r, "REALM_DESTROY: status %u index %u", ret.status, ret.index);
	r->created = r->activated = false;
	if (!undelegate(r, r->rd))
		return false;
	for (unsigned i = 0; i < r->num_root; i++)
		if (!undelegate(r, r->rtt_root + (pa_t)i * GRANULE_SIZE))
			return false;
	return true;
}

const char *rh_measure_log(struct rh_realm *r)
{
	if (!r->mlog)
		return NULL;
	fprintf(r->mlog, "\n], \"realm_params\": %s}\n", r->params_json);
	if (fclose(r->mlog) != 0) {
		r->mlog = NULL;
		return NULL;
	}
	r->mlog = NULL;
	return r->mlog_buf;
}

const char *rh_exit_reason_name(unsigned reason)
{
	static const char *const names[RH_NUM_EXIT_REASONS] = {
		[RMI_EXIT_SYNC] = "SYNC",
		[RMI_EXIT_IRQ] = "IRQ",
		[RMI_EXIT_FIQ] = "FIQ",
		[RMI_EXIT_PSCI] = "PSCI",
		[RMI_EXIT_RIPAS_CHANGE] = "RIPAS_CHANGE",
		[RMI_EXIT_HOST_CALL] = "HOST_CALL",
		[RMI_EXIT_SERROR] = "SERROR",
	};

	return reason < RH_NUM_EXIT_REASONS ? names[reason] : "UNKNOWN";
}

const char *rh_stop_name(enum rh_stop stop)
{
	switch (stop) {
	case RH_STOP_NONE:
		return "NONE";
	case RH_STOP_SYSTEM_OFF:
		return "SYSTEM_OFF";
	case RH_STOP_ALL_OFF:
		return "ALL_OFF";
	case RH_STOP_NO_PROGRESS:
		return "NO_PROGRESS";
	case RH_STOP_EXIT_LIMIT:
		return "EXIT_LIMIT";
	case RH_STOP_ERROR:
		return "ERROR";
	}
	return "?";
}

const struct rh_report *rh_find_report(const struct rh_results *res, uint64_t key)
{
	for (size_t i = res->num_reports; i > 0; i--)
		if (res->reports[i - 1].key == key)
			return &res->reports[i - 1];
	return NULL;
}
