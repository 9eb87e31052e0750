/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Argument pickers: one input byte chooses between an object the harness
 * knows to be alive (so that sequences go deep), an edge value (unaligned,
 * outside the managed banks, Secure, MMIO, beyond 2^48), or a raw u64 from
 * the input (so that nothing is out of reach).
 */
#include <string.h>

#include "den0137_abi.h"
#include "fuzz_rmi.h"

/* Addresses on the edges of the fake platform's map (fuzz_rmi.h). */
static const pa_t special_pa[] = {
	0,
	FZ_MMIO_BASE,
	FZ_SECURE_BASE,
	FZ_SECURE_IN_BANK,
	FZ_BANK1_BASE,
	FZ_SECURE_IN_BANK - GRANULE_SIZE,
	FZ_BANK0_BASE + FZ_BANK0_SIZE,
	FZ_BANK0_BASE - GRANULE_SIZE,
	FZ_BANK1_BASE + FZ_BANK1_SIZE - GRANULE_SIZE,
	1ULL << 48,
	~(uint64_t)GRANULE_MASK,
	FZ_POOL_BASE + FZ_POOL * GRANULE_SIZE,
};

#define NUM_SPECIAL (sizeof(special_pa) / sizeof(special_pa[0]))

uint64_t fz_level_size(int level)
{
	if (level < 0) {
		return 1ULL << 48;
	}
	if (level > 3) {
		return GRANULE_SIZE;
	}
	return 1ULL << (12U + 9U * (unsigned)(3 - level));
}

static pa_t pool_pa(unsigned i)
{
	return FZ_POOL_BASE + (pa_t)(i % FZ_POOL) * GRANULE_SIZE;
}

/* First pool granule at or after @start (wrapping) whose model state is @s; 0 if none. */
static pa_t pool_find(const struct fz *z, unsigned start, enum rmm_granule_state s)
{
	for (unsigned k = 0; k < FZ_POOL; k++) {
		pa_t pa = pool_pa(start + k);

		if (fz_gstate(z, pa) == s) {
			return pa;
		}
	}
	return 0;
}

pa_t fz_get_delegated_run(struct fz *z, unsigned n)
{
	for (unsigned i = z->pool_hint; i + n <= FZ_POOL; i++) {
		unsigned k = 0;

		while (k < n && fz_gstate(z, pool_pa(i + k)) == RMM_GRANULE_UNDELEGATED) {
			k++;
		}
		if (k < n) {
			if (k == 0U && i == z->pool_hint) {
				z->pool_hint = i + 1U; /* pool_pa(i) is taken */
			}
			i += k;
			continue;
		}
		for (k = 0; k < n; k++) {
			uint64_t ret;

			z->helper = true;
			ret = fz_call(z, RMI_GRANULE_DELEGATE_FID, pool_pa(i + k), 0, 0, 0, 0).x[0];
			z->helper = false;
			if (ret != RMI_SUCCESS) {
				return 0;
			}
		}
		return pool_pa(i);
	}
	return 0;
}

pa_t fz_get_delegated(struct fz *z)
{
	return fz_get_delegated_run(z, 1);
}

struct fz_realm *fz_pick_realm(struct fz *z)
{
	unsigned start = fz_u8(z);

	for (unsigned k = 0; k < FZ_MAX_REALMS; k++) {
		struct fz_realm *r = &z->realm[(start + k) % FZ_MAX_REALMS];

		if (r->live) {
			return r;
		}
	}
	return NULL;
}

pa_t fz_pick_rec(struct fz *z)
{
	unsigned start = fz_u8(z);

	for (unsigned k = 0; k < FZ_MAX_RECS; k++) {
		const struct fz_rec *c = &z->rec[(start + k) % FZ_MAX_RECS];

		if (c->live) {
			return c->pa;
		}
	}
	return fz_pick_addr(z, RMM_GRANULE_REC);
}

/* A tracked object of state @want, 0 if none. */
static pa_t pick_tracked(struct fz *z, enum rmm_granule_state want)
{
	unsigned sel = fz_u8(z);
	const struct fz_realm *r;

	switch (want) {
	case RMM_GRANULE_RD:
		r = fz_pick_realm(z);
		return r != NULL ? r->rd : 0;
	case RMM_GRANULE_REC:
		for (unsigned k = 0; k < FZ_MAX_RECS; k++) {
			if (z->rec[(sel + k) % FZ_MAX_RECS].live) {
				return z->rec[(sel + k) % FZ_MAX_RECS].pa;
			}
		}
		return 0;
	case RMM_GRANULE_RTT:
		r = fz_pick_realm(z);
		return r != NULL && r->nrtt != 0U ? r->rtt[sel % r->nrtt].pa : 0;
	case RMM_GRANULE_DATA:
		r = fz_pick_realm(z);
		return r != NULL && r->ndata != 0U ? r->data[sel % r->ndata].pa : 0;
	case RMM_GRANULE_UNDELEGATED:
	case RMM_GRANULE_DELEGATED:
	case RMM_GRANULE_REC_AUX:
	case RMM_GRANULE_PARTIAL:
	case RMM_GRANULE_STATE_COUNT:
	default:
		return pool_find(z, sel, want);
	}
}

pa_t fz_pick_addr(struct fz *z, enum rmm_granule_state want)
{
	unsigned sel = fz_u8(z);
	pa_t pa;

	switch (sel % 10U) {
	case 0:
	case 1:
	case 2:
		pa = pick_tracked(z, want);
		return pa != 0U ? pa : pool_pa(sel);
	case 3:
	case 4:
		return pool_pa(fz_u8(z));
	case 5:
		pa = pool_find(z, fz_u8(z), RMM_GRANULE_DELEGATED);
		return pa != 0U ? pa : pool_pa(sel);
	case 6:
		return pool_pa(fz_u8(z)) + 1U + 8U * (fz_u8(z) % 512U);
	case 7:
		return special_pa[fz_u8(z) % NUM_SPECIAL];
	case 8:
		return FZ_NS_BASE + (pa_t)(fz_u8(z) % FZ_NS_COUNT) * GRANULE_SIZE;
	default:
		return fz_u64(z);
	}
}

pa_t fz_pick_rd(struct fz *z)
{
	return fz_pick_addr(z, RMM_GRANULE_RD);
}

int fz_pick_level(struct fz *z, const struct fz_realm *r)
{
	unsigned sel = fz_u8(z);
	int sl = r != NULL ? r->sl : 0;

	switch (sel % 8U) {
	case 0:
	case 1:
		return 3;
	case 2:
		return 2;
	case 3:
		return sl + 1;
	case 4:
		return sl;
	case 5:
		return 1;
	case 6:
		return 0;
	default:
		return (int)(int8_t)fz_u8(z);
	}
}

ipa_t fz_pick_ipa(struct fz *z, const struct fz_realm *r, int level, bool prot)
{
	unsigned sel = fz_u8(z);
	uint64_t sz = fz_level_size(level);
	ipa_t base;

	if (r == NULL || r->s2sz < 32U || r->s2sz > 52U) {
		return sel < 128U ? (ipa_t)fz_u8(z) * sz : fz_u64(z);
	}
	base = prot ? 0 : 1ULL << (r->s2sz - 1U);
	switch (sel % 9U) {
	case 0:
	case 1:
	case 2:
		if (r->nrtt != 0U) {
			const struct fz_rtt *t = &r->rtt[fz_u8(z) % r->nrtt];

			/* An entry inside a tracked RTT. */
			return (t->ipa + (ipa_t)(fz_u8(z) % 512U) * fz_level_size(t->level)) &
			       ~(sz - 1U);
		}
		return base + (ipa_t)(fz_u8(z) % 16U) * sz;
	case 3:
		if (r->ndata != 0U) {
			return r->data[fz_u8(z) % r->ndata].ipa & ~(sz - 1U);
		}
		return base;
	case 4:
		if (r->nns != 0U) {
			return r->ns_ipa[fz_u8(z) % r->nns] & ~(sz - 1U);
		}
		return base + sz;
	case 5:
	case 6:
		return base + (ipa_t)(fz_u8(z) % 16U) * sz;
	case 7:
		/* Unaligned, or on the protected/unprotected and 2^w boundaries. */
		switch (fz_u8(z) % 4U) {
		case 0:
			return base + GRANULE_SIZE;
		case 1:
			return (1ULL << r->s2sz) - sz;
		case 2:
			return 1ULL << r->s2sz;
		default:
			return (1ULL << (r->s2sz - 1U)) - sz;
		}
	default:
		return fz_u64(z);
	}
}

unsigned fz_mem_exit_reason(struct fz *z, pa_t run)
{
	const uint8_t *p = fzp_mem(z->f, run & ~(pa_t)GRANULE_MASK);

	if (p == NULL || (run & GRANULE_MASK) != 0U) {
		return 0xFFU;
	}
	return p[RMI_REC_RUN_EXIT_REASON_OFFSET];
}
