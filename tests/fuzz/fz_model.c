/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The harness's model of the RMM: the state of every managed granule as the
 * spec says it must be after each successful call (states.md §1), and the
 * objects alive so far (realms with their geometry, RTTs, DATA, RECs), from
 * which the decoder draws arguments. A granule whose real state differs
 * from the model is a finding: either a command changed state on failure
 * (commands.md §0) or a success did not have the spec's effect.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "den0137_abi.h"
#include "fuzz_rmi.h"


int fz_gidx(pa_t pa)
{
	if (pa >= FZ_BANK0_BASE && pa - FZ_BANK0_BASE < FZ_BANK0_SIZE) {
		return (int)((pa - FZ_BANK0_BASE) >> GRANULE_SHIFT);
	}
	if (pa >= FZ_BANK1_BASE && pa - FZ_BANK1_BASE < FZ_BANK1_SIZE) {
		return (int)(FZ_BANK0_GRANULES + ((pa - FZ_BANK1_BASE) >> GRANULE_SHIFT));
	}
	return -1;
}

static pa_t gidx_pa(unsigned i)
{
	if (i < FZ_BANK0_GRANULES) {
		return FZ_BANK0_BASE + ((pa_t)i << GRANULE_SHIFT);
	}
	return FZ_BANK1_BASE + ((pa_t)(i - FZ_BANK0_GRANULES) << GRANULE_SHIFT);
}

enum rmm_granule_state fz_gstate(const struct fz *z, pa_t pa)
{
	int i = fz_gidx(pa);

	return i < 0 ? RMM_GRANULE_STATE_COUNT : (enum rmm_granule_state)z->gm[i];
}

void fz_gset(struct fz *z, pa_t pa, enum rmm_granule_state s)
{
	int i = fz_gidx(pa);

	if (i >= 0) {
		z->gm[i] = (uint8_t)s;
		fz_touch(z, pa);
		if (s == RMM_GRANULE_UNDELEGATED && pa >= FZ_POOL_BASE &&
		    (pa - FZ_POOL_BASE) / GRANULE_SIZE < z->pool_hint) {
			z->pool_hint = (unsigned)((pa - FZ_POOL_BASE) / GRANULE_SIZE);
		}
	}
}

void fz_touch(struct fz *z, pa_t pa)
{
	int i = fz_gidx(pa);

	if (i < 0 || (z->touched[i / 8] & (1U << (i % 8))) != 0U) {
		return;
	}
	z->touched[i / 8] |= (uint8_t)(1U << (i % 8));
	if (z->ntouched < FZ_NUM_GRANULES) {
		z->touched_list[z->ntouched++] = (uint32_t)i;
	}
}

void fz_model_reset(struct fz *z)
{
	memset(z->gm, RMM_GRANULE_UNDELEGATED, sizeof(z->gm));
	memset(z->touched, 0, sizeof(z->touched));
	z->ntouched = 0;
	z->pool_hint = 0;
	memset(z->realm, 0, sizeof(z->realm));
	memset(z->rec, 0, sizeof(z->rec));
	z->psci_seen = false;
	z->lost_realm = false;
	z->nhist = 0;
	z->ncalls = 0;
}

void fz_model_check(struct fz *z, const char *when)
{
	if (z->lost_realm) {
		return; /* untracked objects: granule states no longer known */
	}
	for (unsigned k = 0; k < z->ntouched; k++) {
		pa_t pa = gidx_pa(z->touched_list[k]);
		enum rmm_granule_state real;
		char why[160];

		if (!rmm_granule_state(z->f->rmm, pa, &real)) {
			real = RMM_GRANULE_STATE_COUNT;
		}
		if ((uint8_t)real != z->gm[z->touched_list[k]]) {
			snprintf(why, sizeof(why), "granule 0x%" PRIx64 " is %s, spec model says %s (%s)",
				 pa, rmm_granule_state_name(real),
				 rmm_granule_state_name((enum rmm_granule_state)z->gm[z->touched_list[k]]),
				 when);
			fz_finding(z, why);
		}
	}
}

struct fz_realm *fz_realm_by_rd(struct fz *z, pa_t rd)
{
	for (unsigned i = 0; i < FZ_MAX_REALMS; i++) {
		if (z->realm[i].live && z->realm[i].rd == rd) {
			return &z->realm[i];
		}
	}
	return NULL;
}

struct fz_rec *fz_rec_by_pa(struct fz *z, pa_t pa)
{
	for (unsigned i = 0; i < FZ_MAX_RECS; i++) {
		if (z->rec[i].live && z->rec[i].pa == pa) {
			return &z->rec[i];
		}
	}
	return NULL;
}

static uint64_t rd64(const uint8_t *p, unsigned off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof(v));
	return v; /* the host and the realm are both little-endian */
}

static void realm_created(struct fz *z, pa_t rd, const uint8_t *params)
{
	pa_t base = rd64(params, RMI_REALM_PARAMS_RTT_BASE_OFFSET);
	unsigned n = (unsigned)rd64(params, RMI_REALM_PARAMS_RTT_NUM_START_OFFSET) & 0xFFFFFFFFU;

	fz_gset(z, rd, RMM_GRANULE_RD);
	for (unsigned i = 0; i < n && i < 16U; i++) {
		fz_gset(z, base + (pa_t)i * GRANULE_SIZE, RMM_GRANULE_RTT);
	}
	for (unsigned i = 0; i < FZ_MAX_REALMS; i++) {
		struct fz_realm *r = &z->realm[i];

		if (r->live) {
			continue;
		}
		memset(r, 0, sizeof(*r));
		r->live = true;
		r->rd = rd;
		r->s2sz = (unsigned)params[RMI_REALM_PARAMS_S2SZ_OFFSET];
		r->sl = (int)(int64_t)rd64(params, RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET);
		r->nstart = n;
		r->rtt_base = base;
		r->vmid = (unsigned)params[RMI_REALM_PARAMS_VMID_OFFSET] |
			  ((unsigned)params[RMI_REALM_PARAMS_VMID_OFFSET + 1U] << 8);
		return;
	}
	z->lost_realm = true;
}

static void rtt_add(struct fz_realm *r, ipa_t ipa, int level, pa_t pa)
{
	if (r->nrtt == FZ_MAX_RTTS) {
		r->complex = true;
		return;
	}
	r->rtt[r->nrtt].ipa = ipa & ~(fz_level_size(level - 1) - 1U);
	r->rtt[r->nrtt].level = level;
	r->rtt[r->nrtt].pa = pa;
	r->nrtt++;
}

static void rtt_del(struct fz_realm *r, pa_t pa)
{
	for (unsigned i = 0; i < r->nrtt; i++) {
		if (r->rtt[i].pa == pa) {
			r->rtt[i] = r->rtt[--r->nrtt];
			return;
		}
	}
}

static void rec_created(struct fz *z, struct fz_realm *r, pa_t rec, const uint8_t *params)
{
	unsigned naux = (unsigned)rd64(params, RMI_REC_PARAMS_NUM_AUX_OFFSET);

	fz_gset(z, rec, RMM_GRANULE_REC);
	if (naux > FZ_MAX_AUX) {
		naux = FZ_MAX_AUX; /* cannot succeed with more (commands.md REC_AUX_COUNT) */
	}
	for (unsigned i = 0; i < naux; i++) {
		fz_gset(z, rd64(params, RMI_REC_PARAMS_AUX_OFFSET + 8U * i), RMM_GRANULE_REC_AUX);
	}
	if (r != NULL) {
		r->nrecs++;
		r->next_rec++;
	}
	for (unsigned i = 0; i < FZ_MAX_RECS; i++) {
		struct fz_rec *c = &z->rec[i];

		if (c->live) {
			continue;
		}
		c->live = true;
		c->pa = rec;
		c->realm = r != NULL ? (unsigned)(r - z->realm) : FZ_MAX_REALMS;
		c->naux = naux;
		for (unsigned k = 0; k < naux; k++) {
			c->aux[k] = rd64(params, RMI_REC_PARAMS_AUX_OFFSET + 8U * k);
		}
		c->runnable = (rd64(params, RMI_REC_PARAMS_FLAGS_OFFSET) & 1U) != 0U;
		return;
	}
	z->lost_realm = true;
}

static void rec_destroyed(struct fz *z, pa_t pa)
{
	struct fz_rec *c = fz_rec_by_pa(z, pa);

	fz_gset(z, pa, RMM_GRANULE_DELEGATED);
	if (c == NULL) {
		return;
	}
	for (unsigned k = 0; k < c->naux; k++) {
		fz_gset(z, c->aux[k], RMM_GRANULE_DELEGATED);
	}
	if (c->realm < FZ_MAX_REALMS && z->realm[c->realm].nrecs > 0U) {
		z->realm[c->realm].nrecs--;
	}
	c->live = false;
}

static void realm_destroyed(struct fz *z, struct fz_realm *r, pa_t rd)
{
	fz_gset(z, rd, RMM_GRANULE_DELEGATED);
	if (r == NULL) {
		return;
	}
	for (unsigned i = 0; i < r->nstart; i++) {
		fz_gset(z, r->rtt_base + (pa_t)i * GRANULE_SIZE, RMM_GRANULE_DELEGATED);
	}
	r->live = false;
}

void fz_model_update(struct fz *z, const struct smc_regs *in, const struct smc_regs *out,
		     const uint8_t *params)
{
	uint64_t fid = in->x[0] & ~(1ULL << 16);
	const uint64_t *a = &in->x[1];
	struct fz_realm *r;

	if (out->x[0] != RMI_SUCCESS) {
		return; /* failures change nothing (commands.md §0); fz_model_check verifies it */
	}
	switch (fid) {
	case RMI_GRANULE_DELEGATE_FID:
		fz_gset(z, a[0], RMM_GRANULE_DELEGATED);
		break;
	case RMI_GRANULE_UNDELEGATE_FID:
		fz_gset(z, a[0], RMM_GRANULE_UNDELEGATED);
		break;
	case RMI_REALM_CREATE_FID:
		if (params != NULL) {
			realm_created(z, a[0], params);
		}
		break;
	case RMI_REALM_ACTIVATE_FID:
		r = fz_realm_by_rd(z, a[0]);
		if (r != NULL) {
			r->active = true;
		}
		break;
	case RMI_REALM_DESTROY_FID:
		realm_destroyed(z, fz_realm_by_rd(z, a[0]), a[0]);
		break;
	case RMI_REC_AUX_COUNT_FID:
		r = fz_realm_by_rd(z, a[0]);
		if (r != NULL) {
			r->aux_count = (unsigned)out->x[1];
		}
		break;
	case RMI_REC_CREATE_FID:
		if (params != NULL) {
			rec_created(z, fz_realm_by_rd(z, a[0]), a[1], params);
		}
		break;
	case RMI_REC_DESTROY_FID:
		rec_destroyed(z, a[0]);
		break;
	case RMI_REC_ENTER_FID:
		z->psci_seen |= fz_mem_exit_reason(z, a[1]) != RMI_EXIT_IRQ &&
				fz_mem_exit_reason(z, a[1]) != RMI_EXIT_FIQ;
		break;
	case RMI_RTT_CREATE_FID:
		fz_gset(z, a[1], RMM_GRANULE_RTT);
		r = fz_realm_by_rd(z, a[0]);
		if (r != NULL) {
			rtt_add(r, a[2], (int)a[3], a[1]);
		}
		break;
	case RMI_RTT_DESTROY_FID:
	case RMI_RTT_FOLD_FID:
		fz_gset(z, out->x[1], RMM_GRANULE_DELEGATED);
		r = fz_realm_by_rd(z, a[0]);
		if (r != NULL) {
			rtt_del(r, out->x[1]);
			r->complex |= fid == RMI_RTT_FOLD_FID;
		}
		break;
	case RMI_DATA_CREATE_FID:
	case RMI_DATA_CREATE_UNKNOWN_FID:
		fz_gset(z, a[1], RMM_GRANULE_DATA);
		r = fz_realm_by_rd(z, a[0]);
		if (r != NULL && r->ndata < FZ_MAX_DATA) {
			r->data[r->ndata].ipa = a[2];
			r->data[r->ndata].pa = a[1];
			r->ndata++;
		}
		break;
	case RMI_DATA_DESTROY_FID:
		fz_gset(z, out->x[1], RMM_GRANULE_DELEGATED);
		r = fz_realm_by_rd(z, a[0]);
		for (unsigned i = 0; r != NULL && i < r->ndata; i++) {
			if (r->data[i].ipa == a[1]) {
				r->data[i] = r->data[--r->ndata];
				break;
			}
		}
		break;
	case RMI_RTT_MAP_UNPROTECTED_FID:
		r = fz_realm_by_rd(z, a[0]);
		if (r != NULL) {
			r->complex |= a[2] != 3U;
			if (r->nns < FZ_MAX_NS) {
				r->ns_ipa[r->nns] = a[1];
				r->ns_level[r->nns] = (int)a[2];
				r->nns++;
			}
		}
		break;
	case RMI_RTT_UNMAP_UNPROTECTED_FID:
		r = fz_realm_by_rd(z, a[0]);
		for (unsigned i = 0; r != NULL && i < r->nns; i++) {
			if (r->ns_ipa[i] == a[1]) {
				r->ns_ipa[i] = r->ns_ipa[r->nns - 1U];
				r->ns_level[i] = r->ns_level[r->nns - 1U];
				r->nns--;
				break;
			}
		}
		break;
	default:
		break;
	}
	fz_update_stats(z);
}

void fz_update_stats(struct fz *z)
{
	unsigned active = 0, recs = 0, data = 0;

	for (unsigned i = 0; i < FZ_MAX_REALMS; i++) {
		const struct fz_realm *r = &z->realm[i];

		if (!r->live) {
			continue;
		}
		active += r->active ? 1U : 0U;
		recs += r->nrecs;
		data += r->ndata;
		for (unsigned k = 0; k < r->nrtt; k++) {
			if (r->rtt[k].level > fz_stats.max_rtt_level) {
				fz_stats.max_rtt_level = r->rtt[k].level;
			}
		}
	}
	if (active > fz_stats.max_realms_active) {
		fz_stats.max_realms_active = active;
	}
	if (recs > fz_stats.max_recs) {
		fz_stats.max_recs = recs;
	}
	if (data > fz_stats.max_data) {
		fz_stats.max_data = data;
	}
}
