/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 mapping commands (den0137-2.0 commands.md, states.md §7):
 * RTT_DATA_MAP_INIT (the 1.0 DATA_CREATE behind the 2.0 check order),
 * the range RTT_DATA_MAP and RTT_UNPROT_MAP, and the 2.0 RTT_INIT_RIPAS.
 * A range call works inside one leaf RTT and reports partial progress in
 * X1; an error after progress is SUCCESS (the next call meets it first).
 *
 * CHOICE(map-blocks): RTT_DATA_MAP takes 4 KiB pages and 2 MiB blocks
 * (SZ 0, 1); 1 GiB and 512 GiB blocks, and blocks in RTT_UNPROT_MAP, are
 * RMI_ERROR_INPUT. CHOICE(map-no-yield): the RMM
 * never has an interrupt pending mid-command, so the range commands never
 * return INCOMPLETE; they still check that a context could be reserved
 * (step 1: BUSY / BLOCKED) and release it at once.
 */
#include <string.h>

#include "den0137_abi.h"
#include "measurement.h"
#include "realm.h"
#include "s2tt.h"
#include "v2.h"
#include "v2_rtt.h"

#define RES(st, idx) rmi_pack((st), (unsigned)(idx))

bool v2_oaddr_read(struct rmm *rmm, uint64_t flags, uint64_t oaddr, struct v2_oaddr *o)
{
	unsigned type = (unsigned)(flags & 3U);
	unsigned n = (unsigned)((flags >> 2) & 0x3FFFU);

	memset(o, 0, sizeof(*o));
	if (type == V2_OADDR_SINGLE) {
		o->d[0] = oaddr;
		o->n = 1;
	} else if (type == V2_OADDR_LIST) {
		uint64_t room = (GRANULE_SIZE - (oaddr & GRANULE_MASK)) / 8U;

		if ((oaddr & 7U) != 0U) {
			return false;
		}
		if (n > room) {
			n = (unsigned)room;
		}
		if (n > V2_OADDR_MAX) {
			n = V2_OADDR_MAX;
		}
		if (n == 0U || !rmm->plat.ns_read(rmm->plat.ctx, oaddr, o->d, 8U * n)) {
			return false;
		}
		o->n = n;
	} else {
		return false;
	}
	/* Well formed: at least one block, of 4 KiB, 2 MiB or 1 GiB (no L0 blocks). */
	for (unsigned i = 0; i < o->n; i++) {
		if ((o->d[i] & RDESC_SZ_MASK) == 3U ||
		    ((o->d[i] >> RDESC_CNT_SHIFT) & RDESC_CNT_MASK) == 0U) {
			return false;
		}
	}
	return true;
}

/* Level of the blocks descriptor @d describes: 3 for pages, 2, 1. */
static int rdesc_level(uint64_t d)
{
	return 3 - (int)(d & RDESC_SZ_MASK);
}

/* The @k-th block of the descriptor list and its level, or false when exhausted. */
static bool oaddr_block(const struct v2_oaddr *o, unsigned k, pa_t *pa, int *level)
{
	for (unsigned i = 0; i < o->n; i++) {
		unsigned cnt = (unsigned)((o->d[i] >> RDESC_CNT_SHIFT) & RDESC_CNT_MASK);

		if (k < cnt) {
			*level = rdesc_level(o->d[i]);
			*pa = (o->d[i] & RDESC_ADDR_MASK) + (pa_t)k * s2tt_entry_size(*level);
			return true;
		}
		k -= cnt;
	}
	return false;
}

/* The @k-th page of a list of page descriptors (UNPROT_MAP), or false. */
static bool oaddr_page(const struct v2_oaddr *o, unsigned k, pa_t *pa)
{
	int level;

	return oaddr_block(o, k, pa, &level) && level == S2TT_PAGE_LEVEL;
}

/*
 * Locks the @n granules from @pa, all DELEGATED, ascending; false, holding
 * none, if one is not, or is @rtt (the leaf RTT) or @rd (whose lock the
 * caller holds: locking it again would spin forever; found by fuzz_rmi2).
 */
static bool lock_delegated_run(struct rmm *rmm, pa_t pa, uint64_t n, pa_t rtt, pa_t rd,
			       struct granule_locked *gl)
{
	for (uint64_t k = 0; k < n; k++) {
		pa_t g = pa + k * GRANULE_SIZE;

		if (g == rtt || g == rd ||
		    !find_lock_granule(rmm, g, RMM_GRANULE_DELEGATED, &gl[k])) {
			while (k > 0U) {
				granule_unlock_locked(gl[--k]);
			}
			return false;
		}
	}
	return true;
}

/* base/top page aligned, inside (@prot) or outside the PAR, top - granule a valid IPA. */
static bool range_in_space(const struct rd *rd, ipa_t base, ipa_t top, bool prot)
{
	ipa_t par = 1ULL << (rd->s2.ipa_bits - 1U);

	if (((base | top) & GRANULE_MASK) != 0U || top <= base ||
	    !addr_in_ipa_space(rd, top - GRANULE_SIZE)) {
		return false;
	}
	return prot ? top <= par : base >= par;
}

RMI_HANDLER(smc2_rtt_data_map_init)
{
	pa_t rd_pa = args[0], data = args[1], src = args[3];
	ipa_t ipa = args[2];
	uint64_t flags = args[4];
	struct granule_locked gl_rd;
	struct s2tt_walk wk;
	const struct granule *g;
	struct rd *rd;
	uint8_t probe;
	uint64_t st = RES(RMI2_SUCCESS, 0);

	/* 1 flags, 2 data = rd, 3 src not NS */
	if ((flags != RMI_NO_MEASURE_CONTENT && flags != RMI_MEASURE_CONTENT) || data == rd_pa ||
	    (src & GRANULE_MASK) != 0U ||
	    !rmm->plat.ns_read(rmm->plat.ctx, src, &probe, sizeof(probe))) {
		res->x[0] = RES(RMI2_ERROR_INPUT, 0);
		return;
	}
	/* 4 rd */
	if (!s2tt_lock_rd(rmm, rd_pa, &gl_rd)) {
		res->x[0] = RES(RMI2_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	if (rd->state != REALM_NEW) {
		/* 5 realm_state */
		st = RES(RMI2_ERROR_REALM, 0);
	} else if ((ipa & GRANULE_MASK) != 0U || !addr_in_par(rd, ipa) ||
		   (!rd->s2.lpa2 && (data >> 48) != 0U)) {
		/* 6 ipa, 7 data beyond 48 bits */
		st = RES(RMI2_ERROR_INPUT, 0);
	} else {
		s2tt_walk(rmm, rd, ipa, S2TT_PAGE_LEVEL, &wk);
		g = rmm_delegable_granule(rmm, data);
		if (wk.level < S2TT_PAGE_LEVEL) {
			/* 8 rtt_walk */
			st = RES(RMI2_ERROR_RTT, wk.level);
		} else if (s2tte_get_state(wk.s2tte, wk.level) != S2TTE_UNASSIGNED) {
			/* 9 rtte_state */
			st = RES(RMI2_ERROR_RTT, S2TT_PAGE_LEVEL);
		} else if (g == wk.g_rtt || (data & GRANULE_MASK) != 0U || g == NULL ||
			   granule_get_state(g) != RMM_GRANULE_DELEGATED) {
			/* 11 data is the leaf RTT, 12 data not DELEGATED */
			st = RES(RMI2_ERROR_INPUT, 0);
		}
	}
	granule_unlock_locked(gl_rd);
	if (st != RES(RMI2_SUCCESS, 0)) {
		res->x[0] = st;
		return;
	}
	/* 13-14: the 1.0 command repeats its checks (all pass) and copies, measures, maps. */
	smc_data_create(rmm, args, res);
}

/* Granules of one block DATA_MAP may map: a 2 MiB block; 1 GiB blocks are refused. */
#define DATA_MAP_MAX_RUN S2TTES_PER_S2TT

RMI_HANDLER(smc2_rtt_data_map)
{
	ipa_t base = args[1], top = args[2];
	struct granule_locked gl_rd;
	struct granule_locked run[DATA_MAP_MAX_RUN];
	struct v2_oaddr o;
	struct s2tt_walk wk;
	struct rd *rd;
	uint64_t st = RES(RMI2_SUCCESS, 0);
	unsigned i, k = 0;
	int level;
	uint64_t bsz;
	ipa_t ipa = base;

	/* 1 sro_reserve */
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
	/* 3.1 realm_state */
	if (rd->state != REALM_NEW && rd->state != REALM_ACTIVE) {
		st = RES(RMI2_ERROR_REALM, 0);
		goto out;
	}
	/* 3.2 top <= base, 3.3-3.4 descriptors, 3.5 state */
	if (top <= base || !v2_oaddr_read(rmm, args[3], args[4], &o) ||
	    rdesc_state(o.d[0]) != RDESC_ST_DELEGATED) {
		st = RES(RMI2_ERROR_INPUT, 0);
		goto out;
	}
	/* 3.6 base aligned to the first block, range inside the PAR */
	level = rdesc_level(o.d[0]);
	bsz = s2tt_entry_size(level);
	if ((base & (bsz - 1U)) != 0U || !range_in_space(rd, base, top, true) ||
	    bsz > DATA_MAP_MAX_RUN * GRANULE_SIZE) {
		st = RES(RMI2_ERROR_INPUT, 0);
		goto out;
	}
	/* 3.7 the range holds less than one block */
	if (top - base < bsz) {
		st = RES(RMI2_ERROR_RTT, level);
		goto out;
	}
	/* 4 rtt_walk to the blocks' level */
	s2tt_walk(rmm, rd, base, level, &wk);
	if (wk.level < level) {
		st = RES(RMI2_ERROR_RTT, wk.level);
		goto out;
	}
	/* 5 per entry, inside this RTT */
	for (i = wk.index; i < s2tt_entries(level) && ipa < top; i++, k++, ipa += bsz) {
		uint64_t e = wk.rtt[i];
		enum s2tte_state es = s2tte_get_state(e, level);
		uint64_t n = bsz / GRANULE_SIZE;
		int blevel;
		pa_t pa;

		if (!oaddr_block(&o, k, &pa, &blevel)) {
			st = RES(RMI2_ERROR_INPUT, 0);
			break;
		}
		/* a block of another size, or one that overruns top */
		if (blevel != level || ipa + bsz > top) {
			st = RES(RMI2_ERROR_RTT, level);
			break;
		}
		if ((pa & (bsz - 1U)) != 0U || (!rd->s2.lpa2 && (pa >> 48) != 0U)) {
			st = RES(RMI2_ERROR_INPUT, 0);
			break;
		}
		if (es == S2TTE_ASSIGNED) {
			/* Already mapped to this PA: done (idempotent); else RTT. */
			if (s2tte_get_oa(e, level, rd->s2.lpa2) == pa) {
				continue;
			}
			st = RES(RMI2_ERROR_RTT, level);
			break;
		}
		if (es != S2TTE_UNASSIGNED) {
			st = RES(RMI2_ERROR_RTT, level);
			break;
		}
		/*
		 * Every granule of the block must be DELEGATED (so already zero);
		 * if one is not, nothing of this entry changes. The RIPAS is kept.
		 */
		if (!lock_delegated_run(rmm, pa, n, granule_addr(rmm, wk.g_rtt), args[0], run)) {
			st = RES(RMI2_ERROR_INPUT, 0);
			break;
		}
		wk.rtt[i] = s2tte_create_assigned(pa, s2tte_get_ripas(e, level), level, rd->s2.lpa2);
		s2tt_refcount_inc(wk.g_rtt, 1);
		for (uint64_t g = 0; g < n; g++) {
			granule_unlock_transition(run[g], RMM_GRANULE_DATA);
		}
	}
	/* Progress hides the error: it is met first by the next call (states.md §7.3). */
	if (ipa > base) {
		st = RES(RMI2_SUCCESS, 0);
		res->x[1] = ipa;
	}
out:
	res->x[0] = st;
	granule_unlock_locked(gl_rd);
}

/* RmiRttUnprotMapFlags MEMATTR [18:16] and S2AP [22:19] as a 1.0 host NS descriptor. */
static bool unprot_desc(const struct rd *rd, uint64_t flags, pa_t pa, uint64_t *desc)
{
	uint64_t memattr = (flags >> 16) & 7U;
	uint64_t s2ap = (flags >> 19) & 0xFU;
	uint64_t ap;

	/* Direct encoding: bit0 WRITE, bit1 READ, nothing else. */
	if ((s2ap & ~3ULL) != 0U) {
		return false;
	}
	/* VMSA S2AP: bit 6 read, bit 7 write. */
	ap = ((s2ap >> 1) & 1U) | ((s2ap & 1U) << 1);
	*desc = (pa & RDESC_ADDR_MASK) | (memattr << 2) | (ap << 6);
	return s2tte_host_ns_attr_valid(*desc, rd->s2.lpa2);
}

RMI_HANDLER(smc2_rtt_unprot_map)
{
	ipa_t base = args[1], top = args[2];
	struct granule_locked gl_rd;
	struct v2_oaddr o;
	struct s2tt_walk wk;
	struct rd *rd;
	uint64_t st = RES(RMI2_SUCCESS, 0);
	uint64_t desc;
	unsigned i, k = 0;
	ipa_t ipa = base;

	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI2_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	if (rd->state != REALM_NEW && rd->state != REALM_ACTIVE) {
		st = RES(RMI2_ERROR_REALM, 0);
		goto out;
	}
	/*
	 * Descriptor state not checked: TF-RMM's workaround for Linux
	 * ([RMM-c] 7626d97b); the range must be outside the PAR; MEMATTR and
	 * S2AP must make a valid NS mapping.
	 */
	if (top <= base || !v2_oaddr_read(rmm, args[3], args[4], &o) ||
	    rdesc_level(o.d[0]) != S2TT_PAGE_LEVEL || !range_in_space(rd, base, top, false) ||
	    !unprot_desc(rd, args[3], o.d[0], &desc)) {
		st = RES(RMI2_ERROR_INPUT, 0);
		goto out;
	}
	s2tt_walk(rmm, rd, base, S2TT_PAGE_LEVEL, &wk);
	if (wk.level < S2TT_PAGE_LEVEL) {
		st = RES(RMI2_ERROR_RTT, wk.level);
		goto out;
	}
	for (i = wk.index; i < S2TTES_PER_S2TT && ipa < top; i++, k++, ipa += GRANULE_SIZE) {
		enum s2tte_state es = s2tte_get_state(wk.rtt[i], S2TT_PAGE_LEVEL);
		pa_t pa;
		uint64_t want;

		if (!oaddr_page(&o, k, &pa) || !unprot_desc(rd, args[3], pa, &want)) {
			st = RES(RMI2_ERROR_INPUT, 0);
			break;
		}
		if (es == S2TTE_ASSIGNED_NS && s2tte_host_desc(wk.rtt[i], rd->s2.lpa2) == want) {
			continue; /* already so mapped */
		}
		if (es != S2TTE_UNASSIGNED_NS) {
			st = RES(RMI2_ERROR_RTT, S2TT_PAGE_LEVEL);
			break;
		}
		wk.rtt[i] = s2tte_create_assigned_ns(want, S2TT_PAGE_LEVEL, rd->s2.lpa2);
	}
	if (ipa > base) {
		st = RES(RMI2_SUCCESS, 0);
		res->x[1] = ipa;
	}
out:
	res->x[0] = st;
	granule_unlock_locked(gl_rd);
}

RMI_HANDLER(smc2_rtt_init_ripas)
{
	ipa_t base = args[1], top = args[2];
	struct granule_locked gl_rd;
	struct s2tt_walk wk;
	struct rd *rd;
	uint64_t st = RES(RMI2_SUCCESS, 0);
	unsigned i;
	ipa_t ipa;

	/* 1 top <= base */
	if (top <= base) {
		res->x[0] = RES(RMI2_ERROR_INPUT, 0);
		return;
	}
	/* 2 rd */
	if (!s2tt_lock_rd(rmm, args[0], &gl_rd)) {
		res->x[0] = RES(RMI2_ERROR_INPUT, 0);
		return;
	}
	rd = rd_map(rmm, gl_rd.g);
	if (!range_in_space(rd, base, top, true)) {
		/* 3 base/top pages inside the PAR */
		st = RES(RMI2_ERROR_INPUT, 0);
		goto out;
	}
	if (rd->state != REALM_NEW) {
		/* 4 realm_state */
		st = RES(RMI2_ERROR_REALM, 0);
		goto out;
	}
	/* The walk only after base is known to be inside the IPA space (fuzz_rmi2). */
	s2tt_walk(rmm, rd, base, S2TT_PAGE_LEVEL, &wk);
	if ((base & (s2tt_entry_size(wk.level) - 1U)) != 0U) {
		/* 5 base aligned to the leaf entry */
		st = RES(RMI2_ERROR_RTT, wk.level);
		goto out;
	}
	/*
	 * 6: EMPTY -> RAM for unassigned and assigned entries, RAM skipped,
	 * anything else stops. 2.0 does not extend the RIM ([RMM-c] bdb07f46).
	 */
	ipa = base;
	for (i = wk.index; i < s2tt_entries(wk.level); i++) {
		uint64_t e = wk.rtt[i];
		uint64_t sz = s2tt_entry_size(wk.level);
		enum s2tte_state es = s2tte_get_state(e, wk.level);

		if (ipa + sz > top ||
		    (es != S2TTE_UNASSIGNED && es != S2TTE_ASSIGNED) ||
		    s2tte_get_ripas(e, wk.level) == RMI_DESTROYED) {
			break;
		}
		if (s2tte_get_ripas(e, wk.level) == RMI_EMPTY) {
			wk.rtt[i] = es == S2TTE_UNASSIGNED
					    ? s2tte_create_unassigned(RMI_RAM)
					    : s2tte_create_assigned(s2tte_get_oa(e, wk.level, rd->s2.lpa2),
								    RMI_RAM, wk.level, rd->s2.lpa2);
		}
		ipa += sz;
	}
	if (ipa == base) {
		st = RES(RMI2_ERROR_RTT, wk.level);
	} else {
		res->x[1] = ipa;
	}
out:
	res->x[0] = st;
	granule_unlock_locked(gl_rd);
}
