/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 RTT_DATA_UNMAP and RTT_UNPROT_UNMAP (den0137-2.0 commands.md,
 * states.md §7.5): sweep the entries of one leaf RTT from base, freeing
 * what is mapped and handing the output addresses back as range
 * descriptors (X2 for SINGLE, a host list for LIST). UNASSIGNED entries
 * are skipped; an entry that cannot be unmapped is ERROR_RTT if it is the
 * first one met, else the end of the call (SUCCESS, partial X1). A data
 * block (CHOICE(map-blocks)) is unmapped whole and reported with its size
 * code. The realm state is not checked. DATA granules go back to DELEGATED; the
 * RIPAS of the entry is kept.
 */
#include <string.h>

#include "den0137_abi.h"
#include "realm.h"
#include "s2tt.h"
#include "v2.h"
#include "v2_rtt.h"

#define RES(st, idx) rmi_pack((st), (unsigned)(idx))

struct unmap_out {
	unsigned type;
	unsigned cap;          /* descriptors the output can take */
	uint64_t d[V2_OADDR_MAX];
	unsigned n;
};

/*
 * Appends the block at @pa of @level; false if the output cannot describe
 * it (then the sweep stops): a descriptor is one run of same-size blocks.
 */
static bool out_add(struct unmap_out *o, pa_t pa, int level)
{
	unsigned sz = (unsigned)(3 - level);

	if (o->type == V2_OADDR_NONE) {
		return true;
	}
	if (o->n != 0U) {
		uint64_t *last = &o->d[o->n - 1U];
		unsigned cnt = (unsigned)((*last >> RDESC_CNT_SHIFT) & RDESC_CNT_MASK);

		if ((*last & RDESC_SZ_MASK) == sz &&
		    (*last & RDESC_ADDR_MASK) + (pa_t)cnt * s2tt_entry_size(level) == pa &&
		    cnt < RDESC_CNT_MASK) {
			*last += 1ULL << RDESC_CNT_SHIFT;
			return true;
		}
	}
	if (o->n == o->cap) {
		return false;
	}
	o->d[o->n++] = rdesc_make(pa, 1U, sz);
	return true;
}

/* validate_unmap_inputs (commands.md DATA_UNMAP 3.1-3.6). */
static bool unmap_inputs_ok(struct rmm *rmm, const struct rd *rd, const uint64_t *args, bool prot,
			    struct unmap_out *o)
{
	ipa_t base = args[1], top = args[2];
	uint64_t flags = args[3], oaddr = args[4];
	unsigned count = (unsigned)((flags >> 2) & 0x3FFFU);
	ipa_t par = 1ULL << (rd->s2.ipa_bits - 1U);

	memset(o, 0, sizeof(*o));
	o->type = (unsigned)(flags & 3U);
	if (((base | top) & GRANULE_MASK) != 0U || top <= base ||
	    !addr_in_ipa_space(rd, top - GRANULE_SIZE) || (prot ? top > par : base < par)) {
		return false;
	}
	switch (o->type) {
	case V2_OADDR_NONE:
	case V2_OADDR_SINGLE:
		o->cap = 1;
		return oaddr == 0U && count == 0U;
	case V2_OADDR_LIST: {
		uint64_t room = (GRANULE_SIZE - (oaddr & GRANULE_MASK)) / 8U;
		uint8_t probe;

		o->cap = count < room ? count : (unsigned)room;
		return count != 0U && (oaddr & 7U) == 0U &&
		       rmm->plat.ns_read(rmm->plat.ctx, oaddr, &probe, 1);
	}
	default:
		return false;
	}
}

static void unmap(struct rmm *rmm, const uint64_t *args, struct rmi_result *res, bool prot)
{
	ipa_t base = args[1], top = args[2];
	struct granule_locked gl_rd;
	struct unmap_out o;
	struct s2tt_walk wk;
	struct rd *rd;
	uint64_t st = RES(RMI2_SUCCESS, 0);
	unsigned idx[S2TTES_PER_S2TT];
	unsigned n = 0;
	ipa_t ipa;
	uint64_t sz;

	/* 1 sro_reserve (never kept: no yield, CHOICE(map-no-yield)) */
	if (!sro_reserve_probe(rmm, &st)) {
		res->x[0] = st;
		return;
	}
	/* 2 rd */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI2_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	if (!unmap_inputs_ok(rmm, rd, args, prot, &o)) {
		st = RES(RMI2_ERROR_INPUT, 0);
		goto out;
	}
	s2tt_walk(rmm, rd, base, S2TT_PAGE_LEVEL, &wk);
	sz = s2tt_entry_size(wk.level);
	ipa = base & ~(sz - 1U);
	/* Pass 1, no side effect: what this call unmaps and where it stops. */
	for (unsigned i = wk.index; i < s2tt_entries(wk.level) && ipa < top; i++, ipa += sz) {
		enum s2tte_state es = s2tte_get_state(wk.rtt[i], wk.level);
		bool want = prot ? es == S2TTE_ASSIGNED : es == S2TTE_ASSIGNED_NS;
		bool skip = prot ? es == S2TTE_UNASSIGNED : es == S2TTE_UNASSIGNED_NS;

		if (skip) {
			continue;
		}
		/*
		 * Tables and other kinds of entry end the sweep. A block is
		 * unmapped whole, so only if the range covers it; else the host
		 * splits it first (RTT_CREATE), as bet3 Linux does on ERROR_RTT.
		 */
		if (!want || ipa < base || ipa + sz > top) {
			if (ipa <= base) {
				st = RES(RMI2_ERROR_RTT, wk.level);
			}
			break;
		}
		if (!out_add(&o, s2tte_get_oa(wk.rtt[i], wk.level, rd->s2.lpa2), wk.level)) {
			break;
		}
		idx[n++] = i;
	}
	if (st != RES(RMI2_SUCCESS, 0)) {
		goto out;
	}
	/* The host's list first: if it cannot be written, nothing changes. */
	if (o.type == V2_OADDR_LIST && o.n != 0U &&
	    !rmm->plat.ns_write(rmm->plat.ctx, args[4], o.d, 8U * o.n)) {
		st = RES(RMI2_ERROR_INPUT, 0);
		goto out;
	}
	/* Pass 2: execute. */
	for (unsigned k = 0; k < n; k++) {
		uint64_t e = wk.rtt[idx[k]];
		ipa_t at = s2tt_entry_ipa(&wk, base, idx[k]);

		if (prot) {
			pa_t oa = s2tte_get_oa(e, wk.level, rd->s2.lpa2);

			wk.rtt[idx[k]] = s2tte_create_unassigned(s2tte_get_ripas(e, wk.level));
			s2tt_refcount_dec(wk.g_rtt, 1);
			/* An ASSIGNED entry maps DATA granules only (invariant). */
			for (uint64_t g = 0; g < sz / GRANULE_SIZE; g++) {
				struct granule_locked gl;

				if (find_lock_granule(rmm, oa + g * GRANULE_SIZE, RMM_GRANULE_DATA, &gl)) {
					granule_memzero(rmm, gl);
					granule_unlock_transition(gl, RMM_GRANULE_DELEGATED);
				}
			}
		} else {
			wk.rtt[idx[k]] = s2tte_create_unassigned_ns();
		}
		if (s2tte_is_valid(e)) {
			s2tt_invalidate(rmm, rd, at, sz);
		}
	}
	res->x[1] = ipa > top ? top : ipa;
	if (o.type == V2_OADDR_SINGLE && o.n != 0U) {
		/* The ST field is left 0 (DELEGATED), as TF-RMM (structures.md §5). */
		res->x[2] = o.d[0];
	} else if (o.type == V2_OADDR_LIST) {
		res->x[3] = o.n;
	}
out:
	res->x[0] = st;
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc2_rtt_data_unmap)
{
	unmap(rmm, args, res, true);
}

RMI_HANDLER(smc2_rtt_unprot_unmap)
{
	unmap(rmm, args, res, false);
}
