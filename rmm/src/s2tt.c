/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-2 translation table entries, walks and geometry (states.md §4-§6).
 * The encoding is documented in s2tt.h.
 */
#include <assert.h>
#include <stddef.h>

#include "den0137_abi.h"
#include "s2tt.h"

#define S2TT_MIN_IPA_BITS 32U
#define S2TT_MAX_IPA_BITS 48U
#define S2TT_MAX_IPA_BITS_LPA2 52U

const char *s2tte_state_name(enum s2tte_state s)
{
	switch (s) {
	case S2TTE_INVALID:
		return "INVALID";
	case S2TTE_UNASSIGNED:
		return "UNASSIGNED";
	case S2TTE_ASSIGNED:
		return "ASSIGNED";
	case S2TTE_UNASSIGNED_NS:
		return "UNASSIGNED_NS";
	case S2TTE_ASSIGNED_NS:
		return "ASSIGNED_NS";
	case S2TTE_TABLE:
		return "TABLE";
	}
	return "?";
}

static uint64_t oa_to_desc(pa_t oa, bool lpa2)
{
	if (lpa2) {
		return (oa & S2TTE_OA_MASK_LPA2) | (((oa >> 50) & 0x3ULL) << 8);
	}
	return oa & S2TTE_OA_MASK;
}

static pa_t desc_to_oa(uint64_t desc, bool lpa2)
{
	if (lpa2) {
		return (desc & S2TTE_OA_MASK_LPA2) | (((desc >> 8) & 0x3ULL) << 50);
	}
	return desc & S2TTE_OA_MASK;
}

/* Block (levels < 3) or page (level 3) descriptor type bits. */
static uint64_t leaf_type(int level)
{
	return level == S2TT_PAGE_LEVEL ? (S2TTE_VALID | S2TTE_TYPE_BIT) : S2TTE_VALID;
}

uint64_t s2tte_create_unassigned(unsigned ripas)
{
	return (S2TTE_SW_HIPAS_UNASSIGNED << S2TTE_SW_HIPAS_SHIFT) |
	       (((uint64_t)ripas << S2TTE_SW_RIPAS_SHIFT) & S2TTE_SW_RIPAS_MASK);
}

uint64_t s2tte_create_unassigned_ns(void)
{
	return S2TTE_SW_HIPAS_UNASSIGNED_NS << S2TTE_SW_HIPAS_SHIFT;
}

uint64_t s2tte_create_assigned(pa_t oa, unsigned ripas, int level, bool lpa2)
{
	uint64_t d = oa_to_desc(oa, lpa2);

	if (ripas == RMI_RAM) {
		d |= leaf_type(level) | S2TTE_AF | S2TTE_MEMATTR_FWB_NORMAL_WB | S2TTE_AP_RW;
		if (!lpa2) {
			d |= S2TTE_SH_IS;
		}
		return d;
	}
	/* EMPTY / DESTROYED: not accessible, the OA is kept for DATA_DESTROY. */
	return d | (S2TTE_SW_HIPAS_ASSIGNED << S2TTE_SW_HIPAS_SHIFT) |
	       (((uint64_t)ripas << S2TTE_SW_RIPAS_SHIFT) & S2TTE_SW_RIPAS_MASK);
}

uint64_t s2tte_create_assigned_ns(uint64_t host_desc, int level, bool lpa2)
{
	/* The host's OA + MemAttr[4:2] + S2AP; AF, XN, NS and SH from the RMM. */
	uint64_t d = host_desc | leaf_type(level) | S2TTE_AF | S2TTE_XN | S2TTE_NS;

	/* With LPA2 bits[9:8] are OA[51:50] and SH comes from VTCR_EL2. */
	if (!lpa2) {
		d |= S2TTE_SH_IS;
	}
	return d;
}

uint64_t s2tte_create_table(pa_t rtt, bool lpa2)
{
	return oa_to_desc(rtt, lpa2) | S2TTE_VALID | S2TTE_TYPE_BIT;
}

enum s2tte_state s2tte_get_state(uint64_t s2tte, int level)
{
	if (s2tte_is_valid(s2tte)) {
		if (level < S2TT_PAGE_LEVEL && (s2tte & S2TTE_TYPE_BIT) != 0U) {
			return S2TTE_TABLE;
		}
		return (s2tte & S2TTE_NS) != 0U ? S2TTE_ASSIGNED_NS : S2TTE_ASSIGNED;
	}
	switch ((s2tte & S2TTE_SW_HIPAS_MASK) >> S2TTE_SW_HIPAS_SHIFT) {
	case S2TTE_SW_HIPAS_UNASSIGNED:
		return S2TTE_UNASSIGNED;
	case S2TTE_SW_HIPAS_ASSIGNED:
		return S2TTE_ASSIGNED;
	case S2TTE_SW_HIPAS_UNASSIGNED_NS:
		return S2TTE_UNASSIGNED_NS;
	default:
		return S2TTE_INVALID;
	}
}

unsigned s2tte_get_ripas(uint64_t s2tte, int level)
{
	switch (s2tte_get_state(s2tte, level)) {
	case S2TTE_ASSIGNED:
		if (s2tte_is_valid(s2tte)) {
			return RMI_RAM;
		}
		return (unsigned)((s2tte & S2TTE_SW_RIPAS_MASK) >> S2TTE_SW_RIPAS_SHIFT);
	case S2TTE_UNASSIGNED:
		return (unsigned)((s2tte & S2TTE_SW_RIPAS_MASK) >> S2TTE_SW_RIPAS_SHIFT);
	case S2TTE_INVALID:
	case S2TTE_UNASSIGNED_NS:
	case S2TTE_ASSIGNED_NS:
	case S2TTE_TABLE:
		break;
	}
	return RMI_EMPTY;
}

pa_t s2tte_get_oa(uint64_t s2tte, int level, bool lpa2)
{
	switch (s2tte_get_state(s2tte, level)) {
	case S2TTE_ASSIGNED:
	case S2TTE_ASSIGNED_NS:
	case S2TTE_TABLE:
		return desc_to_oa(s2tte, lpa2);
	case S2TTE_INVALID:
	case S2TTE_UNASSIGNED:
	case S2TTE_UNASSIGNED_NS:
		break;
	}
	return 0;
}

uint64_t s2tte_host_desc(uint64_t s2tte, bool lpa2)
{
	uint64_t oa_bits = lpa2 ? (S2TTE_OA_MASK_LPA2 | S2TTE_OA_HI_LPA2_MASK) : S2TTE_OA_MASK;

	return s2tte & (oa_bits | S2TTE_NS_ATTR_HOST_MASK);
}

/*
 * 1 if live = ASSIGNED, ASSIGNED_NS or TABLE (s2tte_get_state): every valid
 * descriptor, plus the invalid ASSIGNED (RIPAS EMPTY / DESTROYED) ones.
 * Written without compares or the state decode (x - 1 borrows into bit 63
 * only for x == 0) so that scans over whole tables (s2tt_skip_non_live)
 * vectorise even with baseline SSE2.
 */
static inline uint64_t live_bit(uint64_t s2tte)
{
	uint64_t hipas_diff = ((s2tte & S2TTE_SW_HIPAS_MASK) >> S2TTE_SW_HIPAS_SHIFT) ^
			      S2TTE_SW_HIPAS_ASSIGNED;

	return (s2tte & S2TTE_VALID) | ((hipas_diff - 1U) >> 63);
}

static inline bool is_live(uint64_t s2tte)
{
	return live_bit(s2tte) != 0U;
}

#define LIVE_GROUP 64U

/* Whether any of the LIVE_GROUP entries at @e is live (a reduction loop that vectorises). */
static inline bool any_live_group(const uint64_t *e)
{
	uint64_t any = 0;

	for (unsigned j = 0; j < LIVE_GROUP; j++) {
		any |= live_bit(e[j]);
	}
	return any != 0U;
}

bool s2tte_is_live(uint64_t s2tte, int level)
{
	(void)level;
	return is_live(s2tte);
}

bool s2tte_host_ns_attr_valid(uint64_t desc, bool lpa2)
{
	/*
	 * Without LPA2, OA[51:48] still count as address bits here so that an
	 * OA >= 2^48 fails addr_bound (checked later), not attr_valid.
	 */
	uint64_t oa_bits =
		lpa2 ? (S2TTE_OA_MASK_LPA2 | S2TTE_OA_HI_LPA2_MASK) : 0x000FFFFFFFFFF000ULL;

	/*
	 * attr_valid. CHOICE(MAP_UNPROTECTED_MEMATTR): only OA + MemAttr[4:2] +
	 * S2AP (structures.md §7), MemAttr[4:2] = 0b100 reserved (TF-RMM mask).
	 */
	if ((desc & ~(oa_bits | S2TTE_NS_ATTR_HOST_MASK)) != 0U) {
		return false;
	}
	return (desc & S2TTE_MEMATTR_HOST_MASK) != S2TTE_MEMATTR_FWB_RESERVED;
}

bool s2tte_host_ns_addr_aligned(uint64_t desc, int level, bool lpa2)
{
	return (desc_to_oa(desc, lpa2) & (s2tt_entry_size(level) - 1U)) == 0U;
}

/* Index of @ipa in the (possibly concatenated) table at @level. */
static unsigned level_index(ipa_t ipa, int level, bool root)
{
	uint64_t idx = ipa >> s2tt_level_shift(level);

	/* Concatenated starting tables form one table of n*512 entries. */
	return (unsigned)(root ? idx : (idx & (s2tt_entries(level) - 1U)));
}

static uint64_t *rtt_map(struct rmm *rmm, struct granule *g)
{
	return (uint64_t *)granule_map(rmm, g);
}

void s2tt_walk(struct rmm *rmm, const struct rd *rd, ipa_t ipa, int level, struct s2tt_walk *wk)
{
	int l = rd->s2.sl;
	unsigned idx = level_index(ipa, l, true);
	unsigned per = s2tt_entries(l);
	struct granule *g = granule_find(rmm, rd->s2.rtt_base + (pa_t)(idx / per) * GRANULE_SIZE);

	assert(g != NULL);
	idx %= per;
	wk->rd = rd;
	for (;;) {
		uint64_t *rtt = rtt_map(rmm, g);
		uint64_t e = rtt[idx];

		wk->level = l;
		wk->g_rtt = g;
		wk->rtt = rtt;
		wk->index = idx;
		wk->s2tte = e;
		if (l >= level || s2tte_get_state(e, l) != S2TTE_TABLE) {
			return;
		}
		/* A TABLE entry always points at an RTT granule (invariant). */
		g = granule_find(rmm, desc_to_oa(e, rd->s2.lpa2));
		assert(g != NULL && granule_get_state(g) == RMM_GRANULE_RTT);
		l++;
		idx = level_index(ipa, l, false);
	}
}

void s2tt_lookup(struct rmm *rmm, const struct rd *rd, ipa_t ipa, struct s2tt_leaf *leaf)
{
	struct s2tt_walk wk;
	pa_t oa;

	s2tt_walk(rmm, rd, ipa, S2TT_PAGE_LEVEL, &wk);
	leaf->state = s2tte_get_state(wk.s2tte, wk.level);
	leaf->ripas = s2tte_get_ripas(wk.s2tte, wk.level);
	leaf->level = wk.level;
	leaf->size = s2tt_entry_size(wk.level);
	leaf->desc = wk.s2tte;
	oa = s2tte_get_oa(wk.s2tte, wk.level, rd->s2.lpa2);
	leaf->pa = oa == 0U ? 0U : oa + (ipa & (leaf->size - 1U));
}

ipa_t s2tt_entry_ipa(const struct s2tt_walk *wk, ipa_t ipa, unsigned index)
{
	uint64_t span = s2tt_entry_size(wk->level) * s2tt_entries(wk->level);

	return (ipa & ~(span - 1U)) + (uint64_t)index * s2tt_entry_size(wk->level);
}

ipa_t s2tt_skip_non_live(const struct s2tt_walk *wk, ipa_t ipa)
{
	unsigned n = s2tt_entries(wk->level);
	unsigned i = wk->index;
	ipa_t end = s2tt_entry_ipa(wk, ipa, 0) + s2tt_entry_size(wk->level) * n;

	/*
	 * No live entry left: the end of this RTT's range, even where a
	 * starting-level RTT reaches beyond 2^w (states.md §6 "the end of the
	 * RTT's range"; TF-RMM returns "the address of the first entry in the
	 * next table"). The host's teardown loop stops at its own bound.
	 */
	/*
	 * O(1) for a table whose whole range is protected (IPA < 2^(w-1)): it
	 * holds no ASSIGNED_NS entries there, so its refcount (TABLE and
	 * protected ASSIGNED entries, granule.h) counts every live entry and
	 * 0 means none. Callers pass the walk after their own changes, with
	 * the refcount already updated. Unprotected or mixed ranges (root
	 * tables, UNASSIGNED_NS / ASSIGNED_NS entries) take the scan below.
	 */
	if (addr_in_par(wk->rd, end - 1U) && granule_refcount(wk->g_rtt) == 0U) {
		return end;
	}
	/* The entry at ipa itself: top = ipa (not its aligned base). */
	if (is_live(wk->rtt[i])) {
		return ipa;
	}
	/*
	 * Up to 511 entries: skip groups with no live entry, and look for the
	 * first live one only inside a group that has one (or in the tail).
	 */
	for (i++; i < n; i++) {
		if (i + LIVE_GROUP <= n && !any_live_group(&wk->rtt[i])) {
			i += LIVE_GROUP - 1U;
			continue;
		}
		while (!is_live(wk->rtt[i]) && i + 1U < n) {
			i++;
		}
		if (is_live(wk->rtt[i])) {
			return s2tt_entry_ipa(wk, ipa, i);
		}
	}
	return end;
}

static bool fold_unassigned(const uint64_t *rtt, enum s2tte_state st, unsigned ripas, int level)
{
	for (unsigned i = 1; i < S2TTES_PER_S2TT; i++) {
		if (s2tte_get_state(rtt[i], level) != st ||
		    s2tte_get_ripas(rtt[i], level) != ripas) {
			return false;
		}
	}
	return true;
}

/* Same state, RIPAS and attributes, OAs consecutive from an aligned base. */
static bool fold_assigned(const uint64_t *rtt, enum s2tte_state st, int level, bool lpa2)
{
	uint64_t sz = s2tt_entry_size(level);
	pa_t base = s2tte_get_oa(rtt[0], level, lpa2);
	uint64_t oa_bits = lpa2 ? (S2TTE_OA_MASK_LPA2 | S2TTE_OA_HI_LPA2_MASK) : S2TTE_OA_MASK;
	uint64_t attrs = rtt[0] & ~oa_bits;

	if ((base & (sz * S2TTES_PER_S2TT - 1U)) != 0U) {
		return false;
	}
	for (unsigned i = 1; i < S2TTES_PER_S2TT; i++) {
		if (s2tte_get_state(rtt[i], level) != st || (rtt[i] & ~oa_bits) != attrs ||
		    s2tte_get_oa(rtt[i], level, lpa2) != base + (uint64_t)i * sz) {
			return false;
		}
	}
	return true;
}

bool s2tt_fold_entry(const uint64_t *rtt, int level, bool lpa2, uint64_t *parent,
		     enum s2tte_state *state)
{
	enum s2tte_state st = s2tte_get_state(rtt[0], level);
	unsigned ripas = s2tte_get_ripas(rtt[0], level);
	pa_t base = s2tte_get_oa(rtt[0], level, lpa2);

	switch (st) {
	case S2TTE_UNASSIGNED:
		if (!fold_unassigned(rtt, st, ripas, level)) {
			return false;
		}
		*parent = s2tte_create_unassigned(ripas);
		break;
	case S2TTE_UNASSIGNED_NS:
		if (!fold_unassigned(rtt, st, ripas, level)) {
			return false;
		}
		*parent = s2tte_create_unassigned_ns();
		break;
	case S2TTE_ASSIGNED:
		if (!fold_assigned(rtt, st, level, lpa2)) {
			return false;
		}
		*parent = s2tte_create_assigned(base, ripas, level - 1, lpa2);
		break;
	case S2TTE_ASSIGNED_NS:
		if (!fold_assigned(rtt, st, level, lpa2)) {
			return false;
		}
		/* Same attributes as the pages, block type at level - 1. */
		*parent = (rtt[0] & ~(S2TTE_TYPE_BIT)) | leaf_type(level - 1);
		break;
	case S2TTE_INVALID:
	case S2TTE_TABLE:
	default:
		return false;
	}
	*state = st;
	return true;
}

/* Fills a whole RTT with @v: RTT_CREATE under a non-zero UNASSIGNED* parent. */
static void fill_rtt(uint64_t *rtt, uint64_t v)
{
	for (unsigned i = 0; i < S2TTES_PER_S2TT; i++) {
		rtt[i] = v;
	}
}

void s2tt_split_entry(uint64_t *rtt, uint64_t parent, int level, bool lpa2)
{
	enum s2tte_state st = s2tte_get_state(parent, level - 1);
	uint64_t sz = s2tt_entry_size(level);
	pa_t base = s2tte_get_oa(parent, level - 1, lpa2);

	/* One loop per state (decoded once), so the common fill is a plain store loop. */
	switch (st) {
	case S2TTE_ASSIGNED: {
		unsigned ripas = s2tte_get_ripas(parent, level - 1);

		for (unsigned i = 0; i < S2TTES_PER_S2TT; i++) {
			rtt[i] = s2tte_create_assigned(base + i * sz, ripas, level, lpa2);
		}
		break;
	}
	case S2TTE_ASSIGNED_NS: {
		uint64_t oa_bits = lpa2 ? (S2TTE_OA_MASK_LPA2 | S2TTE_OA_HI_LPA2_MASK) : S2TTE_OA_MASK;
		uint64_t attrs = (parent & ~(oa_bits | S2TTE_VALID | S2TTE_TYPE_BIT)) | leaf_type(level);

		for (unsigned i = 0; i < S2TTES_PER_S2TT; i++) {
			rtt[i] = attrs | oa_to_desc(base + i * sz, lpa2);
		}
		break;
	}
	case S2TTE_UNASSIGNED:
	case S2TTE_UNASSIGNED_NS:
	case S2TTE_INVALID:
	case S2TTE_TABLE:
	default:
		/* Unassigned entries carry no address: copy as is. */
		fill_rtt(rtt, parent);
		break;
	}
}

void s2tt_invalidate(struct rmm *rmm, const struct rd *rd, ipa_t ipa, uint64_t size)
{
	rmm_account(rmm, RMM_COST_TLBI_IPA, 1);
	if (rmm->plat.s2_changed != NULL) {
		rmm->plat.s2_changed(rmm->plat.ctx, (uint16_t)rd->s2.vmid, ipa, size);
	}
}

bool s2tt_lock_rd(struct rmm *rmm, pa_t rd, struct granule_locked *gl)
{
	struct granule *g;

	if ((rd & GRANULE_MASK) != 0U) {
		return false;
	}
	g = rmm_delegable_granule(rmm, rd);
	return g != NULL && granule_lock_on_state_match(g, RMM_GRANULE_RD, gl);
}

bool s2tt_lock_two(struct rmm *rmm, pa_t pa_a, enum rmm_granule_state st_a,
		   struct granule_locked *ga, pa_t pa_b, enum rmm_granule_state st_b,
		   struct granule_locked *gb)
{
	bool a_first = pa_a < pa_b;
	struct granule *g_a, *g_b;

	if ((pa_a & GRANULE_MASK) != 0U || (pa_b & GRANULE_MASK) != 0U || pa_a == pa_b) {
		return false;
	}
	g_a = rmm_delegable_granule(rmm, pa_a);
	g_b = rmm_delegable_granule(rmm, pa_b);
	if (g_a == NULL || g_b == NULL) {
		return false;
	}
	if (!granule_lock_on_state_match(a_first ? g_a : g_b, a_first ? st_a : st_b,
					 a_first ? ga : gb)) {
		return false;
	}
	if (!granule_lock_on_state_match(a_first ? g_b : g_a, a_first ? st_b : st_a,
					 a_first ? gb : ga)) {
		granule_unlock_locked(a_first ? *ga : *gb);
		return false;
	}
	return true;
}

void s2tt_refcount_inc(struct granule *g_rtt, uint16_t n)
{
	struct granule_locked gl;

	granule_lock(g_rtt);
	gl.g = g_rtt;
	granule_refcount_inc(gl, n);
	granule_unlock(g_rtt);
}

void s2tt_refcount_dec(struct granule *g_rtt, uint16_t n)
{
	struct granule_locked gl;

	granule_lock(g_rtt);
	gl.g = g_rtt;
	granule_refcount_dec(gl, n);
	granule_unlock(g_rtt);
}

/* ---- Geometry (states.md §5) and starting level ---- */

unsigned s2tt_num_root_tables(unsigned ipa_bits, int sl, bool lpa2)
{
	int min_sl = lpa2 ? S2TT_MIN_LEVEL_LPA2 : 0;
	unsigned max_w = lpa2 ? S2TT_MAX_IPA_BITS_LPA2 : S2TT_MAX_IPA_BITS;
	unsigned levels, min_wl, max_wl, full;

	if (ipa_bits < S2TT_MIN_IPA_BITS || ipa_bits > max_w || sl < min_sl || sl > 3) {
		return 0;
	}
	levels = (unsigned)(3 - sl);
	min_wl = levels * 9U + 12U + 1U;
	if (sl == -1) {
		max_wl = min_wl + 3U;
	} else {
		max_wl = min_wl + 8U;
		/* Up to 16 concatenated tables (AArch64.S2InconsistentSL). */
		if (sl > 0 || lpa2) {
			max_wl += 4U;
		}
	}
	if (ipa_bits < min_wl || ipa_bits > max_wl) {
		return 0;
	}
	full = levels * 9U + 12U + 9U;
	return ipa_bits <= full ? 1U : 1U << (ipa_bits - full);
}

bool s2tt_geometry_valid(unsigned ipa_bits, int sl, unsigned num_root, bool lpa2)
{
	unsigned n = s2tt_num_root_tables(ipa_bits, sl, lpa2);

	return n != 0U && n == num_root;
}

void s2tt_init_root(struct rmm *rmm, const struct rd *rd)
{
	int sl = rd->s2.sl;
	unsigned per = s2tt_entries(sl);
	unsigned shift = s2tt_level_shift(sl);
	/*
	 * The starting tables are DELEGATED, so zero: every protected entry is
	 * already UNASSIGNED EMPTY (the zero descriptor, s2tt.h) and entries
	 * beyond 2^w stay zero (unreachable). Only the unprotected half
	 * [2^(w-1), 2^w) is written, UNASSIGNED_NS. A consistent geometry has
	 * w - 1 >= shift (states.md §5: w >= 9 * (3 - sl) + 13), so both bounds
	 * are whole entries.
	 */
	uint64_t first = (1ULL << (rd->s2.ipa_bits - 1U)) >> shift;
	uint64_t end = (1ULL << rd->s2.ipa_bits) >> shift;
	uint64_t ns = s2tte_create_unassigned_ns();

	assert(rd->s2.ipa_bits - 1U >= shift);
	while (first < end) {
		unsigned k = (unsigned)(first / per);
		struct granule *g = granule_find(rmm, rd->s2.rtt_base + (pa_t)k * GRANULE_SIZE);
		uint64_t *rtt;
		uint64_t stop = ((uint64_t)k + 1U) * per < end ? ((uint64_t)k + 1U) * per : end;

		assert(g != NULL && k < rd->s2.num_root);
		rtt = rtt_map(rmm, g);
		/* A plain store loop over this table's slice (no division per entry). */
		for (unsigned i = (unsigned)(first - (uint64_t)k * per),
			      n = (unsigned)(stop - (uint64_t)k * per);
		     i < n; i++) {
			rtt[i] = ns;
		}
		first = stop;
	}
}

bool s2tt_root_is_live(struct rmm *rmm, const struct rd *rd)
{
	for (unsigned k = 0; k < rd->s2.num_root; k++) {
		struct granule *g = granule_find(rmm, rd->s2.rtt_base + (pa_t)k * GRANULE_SIZE);

		if (g != NULL && granule_refcount(g) != 0U) {
			return true;
		}
	}
	return false;
}
