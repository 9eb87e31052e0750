/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The invariant checker (rmm.h rmm_check_invariants), run after every RMI
 * call in debug builds. It checks, over every granule, realm, RTT and REC:
 *  - pas:            every non-UNDELEGATED granule is Realm PAS (plat.pas_of)
 *  - delegated_zero: every DELEGATED granule is all zero
 *  - refcount_*:     RD refcount = its RECs; RTT refcount = TABLE + protected
 *                    ASSIGNED entries (states.md §6); REC <= 1; others 0
 *  - rec_owner:      a REC's owner is an RD; its aux granules are REC_AUX,
 *                    each owned by exactly one REC
 *  - rtt_tree:       every RTT granule is reachable exactly once from an RD
 *  - data_mapped:    every DATA granule is mapped by exactly one RTT entry
 *  - vmid_unique:    VMIDs of RDs are distinct and reserved
 * Cost: only the chunks of 64 granules that were ever delegated are visited
 * (rmm_bank.used_chunks), so an idle 4 GiB platform costs ~nothing. The
 * tracked variant (rmm_check_invariants_tracked) visits only live_map
 * granules and skips the zero compare and the RTT classification of
 * granules not mapped since the previous check (mapped_map), so its cost
 * follows the live objects and what the last call touched.
 * The lists are kept in rmm->inv between checks (no allocation per check).
 *
 * Per-granule checks take the granule's lock. The cross-structure checks
 * need no RMI call changing realms/RECs/RTTs at the same time: the check
 * holds rmm->quiesce exclusive, which debug builds hold shared around
 * every RMI call (rmi_dispatch.c); release builds take no lock per call,
 * so there a caller checks only at a quiescent point (rmm.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "realm.h"
#include "rec.h"
#include "rmm_private.h"
#include "s2tt.h"
#include "v2/v2.h"

#define GPI_REALM 0xB /* enum gpt_gpi GPT_GPI_REALM (gpt.h) */

/* A growable array of PAs. */
struct pa_list {
	pa_t *v;
	size_t n;
	size_t cap;
	bool oom;
};

static void pa_push(struct pa_list *l, pa_t pa)
{
	if (l->n == l->cap) {
		size_t cap = l->cap == 0U ? 256U : l->cap * 2U;
		pa_t *v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = pa;
}

static int pa_cmp(const void *a, const void *b)
{
	pa_t x = *(const pa_t *)a;
	pa_t y = *(const pa_t *)b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* Number of occurrences of @pa in the sorted list. */
static size_t pa_count(const struct pa_list *l, pa_t pa)
{
	size_t lo = 0;
	size_t hi = l->n;
	size_t c = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2U;

		if (l->v[mid] < pa) {
			lo = mid + 1U;
		} else {
			hi = mid;
		}
	}
	while (lo + c < l->n && l->v[lo + c] == pa) {
		c++;
	}
	return c;
}

/* The checker's lists, kept in rmm->inv between checks. */
struct inv_scratch {
	/* Non-UNDELEGATED granules by state. */
	struct pa_list by_state[RMM_GRANULE_STATE_COUNT];
	/* What the structures reference. */
	struct pa_list rec_owners;   /* one per REC */
	struct pa_list aux_refs;     /* aux granules named by RECs */
	struct pa_list rtt_refs;     /* root RTTs and TABLE children */
	struct pa_list data_refs;    /* granules mapped by ASSIGNED entries */
	struct pa_list vmids;
};

struct inv_ctx {
	struct rmm *rmm;
	char *msg;
	size_t msg_len;
	bool failed;
	bool tracked; /* rmm_check_invariants_tracked */
	bool need_cross; /* tracked: an object changed since the last tracked check */
	struct inv_scratch *l;
};

void inv_scratch_free(struct rmm *rmm)
{
	struct inv_scratch *l = rmm->inv;

	if (l == NULL) {
		return;
	}
	for (unsigned i = 0; i < RMM_GRANULE_STATE_COUNT; i++) {
		free(l->by_state[i].v);
	}
	free(l->rec_owners.v);
	free(l->aux_refs.v);
	free(l->rtt_refs.v);
	free(l->data_refs.v);
	free(l->vmids.v);
	free(l);
	rmm->inv = NULL;
}

static bool fail(struct inv_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct inv_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->failed && c->msg != NULL && c->msg_len > 0U) {
		va_start(ap, fmt);
		vsnprintf(c->msg, c->msg_len, fmt, ap);
		va_end(ap);
	}
	c->failed = true;
	return false;
}

static bool granule_is_zero(const uint8_t *p)
{
	static const uint8_t zero[GRANULE_SIZE];

	/* One call: memcmp is intercepted (and costly per call) under ASan. */
	return memcmp(p, zero, sizeof(zero)) == 0;
}

/* Per-granule checks of one granule (its lock held) and bucketing by state. */
static bool check_granule(struct inv_ctx *c, struct granule *g, pa_t pa, bool mapped)
{
	struct rmm *rmm = c->rmm;
	enum rmm_granule_state st = granule_get_state(g);
	uint16_t ref = granule_refcount(g);
	int pas;

	if (st == RMM_GRANULE_UNDELEGATED) {
		return ref == 0U || fail(c, "refcount: UNDELEGATED 0x%llx has %u",
					 (unsigned long long)pa, ref);
	}
	if (st >= RMM_GRANULE_STATE_COUNT) {
		return fail(c, "state: granule 0x%llx has state %u", (unsigned long long)pa, st);
	}
	if (rmm->plat.pas_of != NULL) {
		pas = rmm->plat.pas_of(rmm->plat.ctx, pa);
		if (pas != GPI_REALM) {
			return fail(c, "pas: %s granule 0x%llx has GPI 0x%x",
				    rmm_granule_state_name(st), (unsigned long long)pa, pas);
		}
	}
	if (st == RMM_GRANULE_DELEGATED && (!c->tracked || mapped) &&
	    !granule_is_zero(granule_map(rmm, g))) {
		return fail(c, "delegated_zero: granule 0x%llx", (unsigned long long)pa);
	}
	if ((st == RMM_GRANULE_DELEGATED || st == RMM_GRANULE_DATA ||
	     st == RMM_GRANULE_REC_AUX || st == RMM_GRANULE_PARTIAL) && ref != 0U) {
		return fail(c, "refcount: %s 0x%llx has %u", rmm_granule_state_name(st),
			    (unsigned long long)pa, ref);
	}
	if (st == RMM_GRANULE_REC && ref > 1U) {
		return fail(c, "refcount: REC 0x%llx has %u (> 1)", (unsigned long long)pa, ref);
	}
	pa_push(&c->l->by_state[st], pa);
	return true;
}

/* Pass 1: every granule of every chunk that was ever delegated. */
static bool scan_granules(struct inv_ctx *c)
{
	struct rmm *rmm = c->rmm;

	for (unsigned b = 0; b < rmm->num_banks; b++) {
		struct rmm_bank *bank = &rmm->banks[b];
		size_t n = bank->size >> GRANULE_SHIFT;
		size_t nchunks = (n + 63U) >> GRANULE_CHUNK_SHIFT;

		/* One used_chunks word covers 64 chunks: skip the words with no bit set. */
		for (size_t wi = 0; wi < (nchunks + 63U) / 64U; wi++) {
			uint64_t w = __atomic_load_n(&bank->used_chunks[wi], __ATOMIC_ACQUIRE);

			while (w != 0U) {
				size_t ch = wi * 64U + (size_t)__builtin_ctzll(w);

				w &= w - 1U;
				if (ch >= nchunks) {
					break;
				}
				for (size_t i = ch << GRANULE_CHUNK_SHIFT;
				     i < n && i < (ch + 1U) << GRANULE_CHUNK_SHIFT; i++) {
					struct granule *g = &bank->granules[i];
					bool ok;

					granule_lock(g);
					ok = check_granule(c, g,
							   bank->base + ((pa_t)i << GRANULE_SHIFT),
							   true);
					granule_unlock(g);
					if (!ok) {
						return false;
					}
				}
			}
		}
	}
	return true;
}

/*
 * The live_map and mapped_map words worth reading: one word covers one
 * chunk of 64 granules (GRANULE_CHUNK_SHIFT), and a granule is live or
 * mapped only in a used chunk (it was zeroed into DELEGATED first), so the
 * tracked passes read the used_chunks words and only the words they name,
 * instead of every word of the bank (a 4 GiB platform: 16K words a pass).
 * Returns the next used word index from @wi on, or the word count.
 */
static size_t next_used_word(const struct rmm_bank *bank, size_t wi)
{
	size_t words = ((bank->size >> GRANULE_SHIFT) + 63U) / 64U;

	while (wi < words) {
		uint64_t u = __atomic_load_n(&bank->used_chunks[wi / 64U], __ATOMIC_ACQUIRE) >> (wi % 64U);

		if (u != 0U) {
			wi += (size_t)__builtin_ctzll(u);
			return wi < words ? wi : words;
		}
		wi = (wi / 64U + 1U) * 64U;
	}
	return words;
}

/*
 * Tracked pass 1: the live_map granules only. A granule found UNDELEGATED
 * (refcount checked) leaves live_map; it re-enters when delegated again.
 */
static bool scan_live_granules(struct inv_ctx *c)
{
	struct rmm *rmm = c->rmm;

	for (unsigned b = 0; b < rmm->num_banks; b++) {
		struct rmm_bank *bank = &rmm->banks[b];
		size_t n = bank->size >> GRANULE_SHIFT;

		for (size_t wi = next_used_word(bank, 0); wi < (n + 63U) / 64U;
		     wi = next_used_word(bank, wi + 1U)) {
			uint64_t w = __atomic_load_n(&bank->live_map[wi], __ATOMIC_ACQUIRE);
			/*
			 * One load of the word's mapped bits: no RMI call runs during
			 * the check, and the check's own granule_map (check_granule)
			 * sets only the bit of a granule already visited.
			 */
			uint64_t mw = __atomic_load_n(&bank->mapped_map[wi], __ATOMIC_RELAXED);

			while (w != 0U) {
				size_t i = wi * 64U + (size_t)__builtin_ctzll(w);
				struct granule *g = &bank->granules[i];
				bool ok;

				uint8_t changed = __atomic_load_n(&g->changed, __ATOMIC_RELAXED);
				bool mapped = (mw >> (i % 64U)) & 1U;

				w &= w - 1U;
				/*
				 * The cross checks are a function of the object granules'
				 * states, refcounts and memory and of the VMIDs: needed again
				 * only if one of those changed.
				 */
				if ((changed & GRANULE_CHANGED_OBJECT) != 0U ||
				    ((changed != 0U || mapped) &&
				     granule_state_is_object(granule_get_state(g)))) {
					c->need_cross = true;
				}
				if (changed == 0U && !mapped) {
					/*
					 * Neither state, refcount nor memory changed since the
					 * previous tracked check passed it (and GTSI runs only
					 * with a state change): its per-granule checks still
					 * hold. The cross checks, if needed, get it from
					 * list_live_granules.
					 */
					continue;
				}
				granule_lock(g);
				ok = check_granule(c, g, bank->base + ((pa_t)i << GRANULE_SHIFT), true);
				__atomic_store_n(&g->changed, 0, __ATOMIC_RELAXED);
				if (ok && granule_get_state(g) == RMM_GRANULE_UNDELEGATED) {
					__atomic_fetch_and(&bank->live_map[wi], ~(1ULL << (i % 64U)),
							   __ATOMIC_RELAXED);
				}
				granule_unlock(g);
				if (!ok) {
					return false;
				}
			}
		}
	}
	return true;
}

static void list_clear(struct pa_list *l)
{
	l->n = 0;
	l->oom = false;
}

/*
 * Tracked checks: the by_state lists the cross checks read, built only when
 * they run (most calls, e.g. the DELEGATEs of a fuzz input, change no object
 * granule and skip them): every live granule in its state's list, as the
 * full scan would list it (UNDELEGATED ones are not read by the cross checks).
 */
static void list_live_granules(struct inv_ctx *c)
{
	struct rmm *rmm = c->rmm;

	for (unsigned st = 0; st < RMM_GRANULE_STATE_COUNT; st++) {
		list_clear(&c->l->by_state[st]);
	}
	for (unsigned b = 0; b < rmm->num_banks; b++) {
		struct rmm_bank *bank = &rmm->banks[b];
		size_t n = bank->size >> GRANULE_SHIFT;

		for (size_t wi = next_used_word(bank, 0); wi < (n + 63U) / 64U;
		     wi = next_used_word(bank, wi + 1U)) {
			uint64_t w = __atomic_load_n(&bank->live_map[wi], __ATOMIC_ACQUIRE);

			for (; w != 0U; w &= w - 1U) {
				size_t i = wi * 64U + (size_t)__builtin_ctzll(w);

				pa_push(&c->l->by_state[granule_get_state(&bank->granules[i])],
					bank->base + ((pa_t)i << GRANULE_SHIFT));
			}
		}
	}
}

/* Was the granule at @pa mapped by the RMM since the previous check? */
static bool pa_mapped(const struct rmm *rmm, pa_t pa)
{
	for (unsigned b = 0; b < rmm->num_banks; b++) {
		const struct rmm_bank *bank = &rmm->banks[b];

		if (pa >= bank->base && pa - bank->base < bank->size) {
			return bitmap_test(bank->mapped_map, (size_t)((pa - bank->base) >> GRANULE_SHIFT));
		}
	}
	return true;
}

/* After a passing check: nothing is mapped since it. */
static void clear_mapped(struct rmm *rmm)
{
	for (unsigned b = 0; b < rmm->num_banks; b++) {
		struct rmm_bank *bank = &rmm->banks[b];
		size_t words = ((bank->size >> GRANULE_SHIFT) + 63U) / 64U;

		for (size_t wi = next_used_word(bank, 0); wi < words; wi = next_used_word(bank, wi + 1U)) {
			if (bank->mapped_map[wi] != 0U) {
				__atomic_store_n(&bank->mapped_map[wi], 0, __ATOMIC_RELAXED);
			}
		}
	}
}

/*
 * Walk cache. Which entries of an RTT are live (TABLE, ASSIGNED) is a pure
 * function of its bytes, its level and lpa2 (s2tte_get_state). A slot keeps,
 * for the RTT last walked at a PA, a copy of its entries and the bitmap of
 * its live ones; when the RTT's bytes, level and lpa2 are unchanged the walk
 * visits only those entries instead of classifying all 512 again. Every
 * check is still made on every walk (state, refcount, children, DATA
 * references); only the classification of unchanged entries is reused.
 * The cache is keyed by PA alone and validated by content, so it is
 * correct across rmm instances; a spinlock guards it for concurrent callers.
 */
#define WALK_CACHE_SLOTS 128U
#define WALK_MAP_WORDS (S2TTES_PER_S2TT / 64U)

struct walk_slot {
	pa_t pa; /* 0: empty */
	int level;
	bool lpa2;
	/* The check (rmm, check_epoch) that last validated or filled the slot. */
	const struct rmm *owner;
	uint64_t epoch;
	uint64_t live[WALK_MAP_WORDS];
	uint64_t bytes[S2TTES_PER_S2TT];
};

static struct walk_slot walk_cache[WALK_CACHE_SLOTS];
static bool walk_cache_busy;

static struct walk_slot *walk_slot_lock(pa_t pa)
{
	while (__atomic_test_and_set(&walk_cache_busy, __ATOMIC_ACQUIRE)) {
	}
	return &walk_cache[(pa >> GRANULE_SHIFT) % WALK_CACHE_SLOTS];
}

static void walk_slot_unlock(void)
{
	__atomic_clear(&walk_cache_busy, __ATOMIC_RELEASE);
}

/*
 * The cached live bitmap of the RTT at @pa if its bytes are unchanged:
 * compared byte for byte, or, in a tracked check, known unchanged when the
 * previous tracked check of the same RMM validated the slot and the RMM
 * has not mapped the RTT since (@unmapped: the platform has no other
 * writer). Only tracked checks stamp slots (@tracked): every tracked check
 * clears the mapped bits, so a stamp from a full check in between could
 * outlive the evidence of a change.
 */
static bool walk_cache_get(const struct rmm *rmm, bool tracked, pa_t pa, int level, bool lpa2,
			   const uint64_t *rtt, bool unmapped, uint64_t live[WALK_MAP_WORDS])
{
	struct walk_slot *w = walk_slot_lock(pa);
	bool hit = w->pa == pa && w->level == level && w->lpa2 == lpa2 &&
		   ((unmapped && w->owner == rmm && w->epoch + 1U == rmm->check_epoch) ||
		    memcmp(w->bytes, rtt, sizeof(w->bytes)) == 0);

	if (hit) {
		memcpy(live, w->live, sizeof(w->live));
		w->owner = tracked ? rmm : NULL;
		w->epoch = rmm->check_epoch;
	}
	walk_slot_unlock();
	return hit;
}

static void walk_cache_put(const struct rmm *rmm, bool tracked, pa_t pa, int level, bool lpa2,
			   const uint64_t *rtt, const uint64_t live[WALK_MAP_WORDS])
{
	struct walk_slot *w = walk_slot_lock(pa);

	w->owner = tracked ? rmm : NULL;
	w->epoch = rmm->check_epoch;
	w->pa = pa;
	w->level = level;
	w->lpa2 = lpa2;
	memcpy(w->live, live, sizeof(w->live));
	memcpy(w->bytes, rtt, sizeof(w->bytes));
	walk_slot_unlock();
}

/* One RTT at @level: counts its live entries against its refcount, recurses. */
static bool walk_rtt(struct inv_ctx *c, const struct rd *rd, pa_t rtt_pa, int level,
		     unsigned nentries)
{
	struct rmm *rmm = c->rmm;
	struct granule *g = granule_find(rmm, rtt_pa);
	const uint64_t *rtt;
	unsigned live = 0;
	uint64_t map[WALK_MAP_WORDS] = { 0 };
	bool cacheable = nentries == S2TTES_PER_S2TT;
	bool hit;
	/* Before granule_map below marks it: did the last call map this RTT? */
	bool unmapped = c->tracked && !pa_mapped(rmm, rtt_pa);

	if (g == NULL || granule_get_state(g) != RMM_GRANULE_RTT) {
		return fail(c, "rtt_tree: 0x%llx (level %d) is not an RTT granule",
			    (unsigned long long)rtt_pa, level);
	}
	pa_push(&c->l->rtt_refs, rtt_pa);
	rtt = granule_map(rmm, g);
	hit = cacheable && walk_cache_get(rmm, c->tracked, rtt_pa, level, rd->s2.lpa2, rtt, unmapped, map);
	if (!hit) {
		/* Classify every entry; runs of equal entries share one s2tte_get_state. */
		uint64_t prev = 0;
		enum s2tte_state prev_st = S2TTE_UNASSIGNED;

		for (unsigned i = 0; i < nentries; i++) {
			if (i == 0U || rtt[i] != prev) {
				prev = rtt[i];
				prev_st = s2tte_get_state(prev, level);
			}
			if (prev_st == S2TTE_TABLE || prev_st == S2TTE_ASSIGNED) {
				map[i / 64U] |= 1ULL << (i % 64U);
			}
		}
	}
	/* The live entries, in index order (as a walk of all entries would meet them). */
	for (unsigned wi = 0; wi < WALK_MAP_WORDS; wi++) {
		for (uint64_t bits = map[wi]; bits != 0U; bits &= bits - 1U) {
			unsigned i = wi * 64U + (unsigned)__builtin_ctzll(bits);
			enum s2tte_state st = s2tte_get_state(rtt[i], level);

			if (st == S2TTE_TABLE) {
				live++;
				if (level >= S2TT_PAGE_LEVEL) {
					return fail(c, "rtt_tree: TABLE entry at level 3 in 0x%llx",
						    (unsigned long long)rtt_pa);
				}
				if (!walk_rtt(c, rd, s2tte_get_oa(rtt[i], level, rd->s2.lpa2),
					      level + 1, S2TTES_PER_S2TT)) {
					return false;
				}
			} else if (st == S2TTE_ASSIGNED) {
				pa_t oa = s2tte_get_oa(rtt[i], level, rd->s2.lpa2);
				uint64_t n = s2tt_entry_size(level) >> GRANULE_SHIFT;

				live++;
				for (uint64_t k = 0; k < n; k++) {
					pa_push(&c->l->data_refs, oa + (k << GRANULE_SHIFT));
				}
			}
		}
	}
	if (cacheable && !hit) {
		walk_cache_put(rmm, c->tracked, rtt_pa, level, rd->s2.lpa2, rtt, map);
	}
	if (granule_refcount(g) != live) {
		return fail(c, "refcount: RTT 0x%llx (level %d) has %u, %u live entries",
			    (unsigned long long)rtt_pa, level, granule_refcount(g), live);
	}
	return true;
}

/* Pass 2: every RD's realm: starting RTTs down, VMID. */
static bool walk_realms(struct inv_ctx *c)
{
	const struct pa_list *rds = &c->l->by_state[RMM_GRANULE_RD];

	for (size_t i = 0; i < rds->n; i++) {
		const struct rd *rd = rd_map(c->rmm, granule_find(c->rmm, rds->v[i]));
		unsigned vmid = rd->s2.vmid;

		if (vmid >= 65536U ||
		    (c->rmm->vmid_bitmap[vmid / 64U] & (1ULL << (vmid % 64U))) == 0U) {
			return fail(c, "vmid_unique: realm 0x%llx VMID %u not reserved",
				    (unsigned long long)rds->v[i], vmid);
		}
		pa_push(&c->l->vmids, vmid);
		if (rd->state > REALM_ZOMBIE) {
			return fail(c, "realm_state: realm 0x%llx has state %u",
				    (unsigned long long)rds->v[i], rd->state);
		}
		for (unsigned k = 0; k < rd->s2.num_root; k++) {
			if (!walk_rtt(c, rd, rd->s2.rtt_base + (pa_t)k * GRANULE_SIZE, rd->s2.sl,
				      s2tt_entries(rd->s2.sl))) {
				return false;
			}
		}
	}
	return true;
}

/* Pass 3: every REC: owner, aux granules. */
static bool walk_recs(struct inv_ctx *c)
{
	const struct pa_list *recs = &c->l->by_state[RMM_GRANULE_REC];

	for (size_t i = 0; i < recs->n; i++) {
		const struct rec *rec = rec_map(c->rmm, granule_find(c->rmm, recs->v[i]));
		enum rmm_granule_state st;

		if (!rmm_granule_state(c->rmm, rec->owner, &st) || st != RMM_GRANULE_RD) {
			return fail(c, "rec_owner: REC 0x%llx owner 0x%llx is not an RD",
				    (unsigned long long)recs->v[i], (unsigned long long)rec->owner);
		}
		pa_push(&c->l->rec_owners, rec->owner);
		/* RMI 2.0: no REC runs in a ZOMBIE realm (TERMINATE and REC_ENTER refuse it). */
		if (granule_refcount(granule_find(c->rmm, recs->v[i])) != 0U &&
		    rd_map(c->rmm, granule_find(c->rmm, rec->owner))->state == REALM_ZOMBIE) {
			return fail(c, "zombie_running: REC 0x%llx runs in a ZOMBIE realm",
				    (unsigned long long)recs->v[i]);
		}
		if (rec->num_aux > REC_MAX_AUX) {
			return fail(c, "rec_owner: REC 0x%llx has %u aux granules",
				    (unsigned long long)recs->v[i], rec->num_aux);
		}
		for (unsigned k = 0; k < rec->num_aux; k++) {
			pa_push(&c->l->aux_refs, rec->aux[k]);
		}
	}
	return true;
}

/*
 * RMI 2.0 SRO contexts (v2/v2.h): a sealed context owns its PARTIAL object
 * granule and the aux granules donated and not yet reclaimed (REC_AUX);
 * every PARTIAL granule is owned by exactly one context; the global state
 * is INIT or ACTIVE. The pool lock is not taken: no RMI call runs meanwhile.
 */
static bool walk_sro(struct inv_ctx *c)
{
	const struct rmm_v2 *v = c->rmm->v2;
	const struct pa_list *partial = &c->l->by_state[RMM_GRANULE_PARTIAL];
	size_t owned = 0;

	if (atomic_load(&v->global) > RMM_V2_ACTIVE) {
		return fail(c, "rmm_state: global state %u", atomic_load(&v->global));
	}
	for (unsigned i = 0; i < SRO_NUM_CONTEXTS; i++) {
		const struct sro_ctx *s = &v->sro[i];
		enum rmm_granule_state st;

		if (s->state == SRO_FREE) {
			continue;
		}
		if (s->op == SRO_OP_NONE || s->ngranules > SRO_MAX_GRANULES ||
		    s->reclaimed > s->ngranules) {
			return fail(c, "sro_ctx: context %u op %u holds %u/%u", i, s->op,
				    s->reclaimed, s->ngranules);
		}
		if (!rmm_granule_state(c->rmm, s->obj, &st) || st != RMM_GRANULE_PARTIAL) {
			return fail(c, "sro_partial: context %u object 0x%llx is not PARTIAL", i,
				    (unsigned long long)s->obj);
		}
		owned++;
		for (unsigned k = s->reclaimed; k < s->ngranules; k++) {
			pa_push(&c->l->aux_refs, s->granules[k]);
		}
	}
	for (size_t i = 0; i < partial->n; i++) {
		unsigned n = 0;

		for (unsigned k = 0; k < SRO_NUM_CONTEXTS; k++) {
			n += v->sro[k].state != SRO_FREE && v->sro[k].obj == partial->v[i];
		}
		if (n != 1U) {
			return fail(c, "sro_partial: PARTIAL 0x%llx owned by %u contexts",
				    (unsigned long long)partial->v[i], n);
		}
	}
	if (owned != partial->n) {
		return fail(c, "sro_partial: %zu contexts for %zu PARTIAL granules", owned, partial->n);
	}
	return true;
}

static bool pa_sorted(const struct pa_list *l)
{
	for (size_t i = 1; i < l->n; i++) {
		if (l->v[i] < l->v[i - 1U]) {
			return false;
		}
	}
	return true;
}

/*
 * Sorts @l in place. The walks push in IPA order and the granule lists come
 * in PA order, which are often the same order already: one pass finds that
 * and skips qsort (a call through pa_cmp per comparison).
 */
static void pa_sort(struct pa_list *l)
{
	if (l->n > 1U && !pa_sorted(l)) {
		qsort(l->v, l->n, sizeof(pa_t), pa_cmp);
	}
}

/*
 * @refs (sorted) must name every granule of @have exactly once and nothing
 * else: a bijection between references and granules in that state. With
 * both sorted that is one merge of the two lists; the messages are those of
 * the search below (the first PA in order that breaks it).
 */
static bool check_bijection(struct inv_ctx *c, const char *what, struct pa_list *refs,
			    const struct pa_list *have)
{
	pa_sort(refs);
	for (size_t i = 1; i < refs->n; i++) {
		if (refs->v[i] == refs->v[i - 1U]) {
			return fail(c, "%s: 0x%llx referenced twice", what,
				    (unsigned long long)refs->v[i]);
		}
	}
	if (pa_sorted(have)) {
		size_t r = 0;

		for (size_t i = 0; i < have->n; i++) {
			while (r < refs->n && refs->v[r] < have->v[i]) {
				r++;
			}
			if (r == refs->n || refs->v[r] != have->v[i]) {
				return fail(c, "%s: 0x%llx is not referenced", what,
					    (unsigned long long)have->v[i]);
			}
			r++;
		}
	} else {
		for (size_t i = 0; i < have->n; i++) {
			if (pa_count(refs, have->v[i]) != 1U) {
				return fail(c, "%s: 0x%llx is not referenced", what,
					    (unsigned long long)have->v[i]);
			}
		}
	}
	if (refs->n != have->n) {
		return fail(c, "%s: %zu references for %zu granules", what, refs->n, have->n);
	}
	return true;
}

static bool check_cross(struct inv_ctx *c)
{
	const struct pa_list *rds = &c->l->by_state[RMM_GRANULE_RD];

	if (!walk_realms(c) || !walk_recs(c) || !walk_sro(c)) {
		return false;
	}
	/* RD refcount = number of RECs owned. */
	pa_sort(&c->l->rec_owners);
	for (size_t i = 0; i < rds->n; i++) {
		size_t n = pa_count(&c->l->rec_owners, rds->v[i]);
		uint16_t ref = granule_refcount(granule_find(c->rmm, rds->v[i]));

		if (n != ref) {
			return fail(c, "refcount: RD 0x%llx has %u, %zu RECs",
				    (unsigned long long)rds->v[i], ref, n);
		}
	}
	pa_sort(&c->l->vmids);
	for (size_t i = 1; i < c->l->vmids.n; i++) {
		if (c->l->vmids.v[i] == c->l->vmids.v[i - 1U]) {
			return fail(c, "vmid_unique: VMID %llu used twice",
				    (unsigned long long)c->l->vmids.v[i]);
		}
	}
	return check_bijection(c, "rec_aux", &c->l->aux_refs, &c->l->by_state[RMM_GRANULE_REC_AUX]) &&
	       check_bijection(c, "rtt_tree", &c->l->rtt_refs, &c->l->by_state[RMM_GRANULE_RTT]) &&
	       check_bijection(c, "data_mapped", &c->l->data_refs, &c->l->by_state[RMM_GRANULE_DATA]);
}

static bool check_all(struct rmm *rmm, char *msg, size_t msg_len, bool tracked)
{
	struct inv_ctx c;
	struct inv_scratch local;
	bool own;
	bool ok;

	/* No RMI call in flight (debug builds; rmm_private.h quiesce). */
	pthread_rwlock_wrlock(&rmm->quiesce);
	own = !atomic_flag_test_and_set_explicit(&rmm->inv_busy, memory_order_acquire);

	memset(&c, 0, sizeof(c));
	c.rmm = rmm;
	c.msg = msg;
	c.msg_len = msg_len;
	c.tracked = tracked;
	if (own && rmm->inv == NULL) {
		rmm->inv = calloc(1, sizeof(*rmm->inv));
	}
	if (own && rmm->inv != NULL) {
		c.l = rmm->inv;
	} else {
		/* Another check holds the kept lists (or none could be allocated): private ones. */
		memset(&local, 0, sizeof(local));
		c.l = &local;
	}
	for (unsigned i = 0; i < RMM_GRANULE_STATE_COUNT; i++) {
		list_clear(&c.l->by_state[i]);
	}
	list_clear(&c.l->rec_owners);
	list_clear(&c.l->aux_refs);
	list_clear(&c.l->rtt_refs);
	list_clear(&c.l->data_refs);
	list_clear(&c.l->vmids);
	c.need_cross = !tracked || __atomic_load_n(&rmm->objects_changed, __ATOMIC_RELAXED);
	ok = tracked ? scan_live_granules(&c) : scan_granules(&c);
	/*
	 * Tracked: when no object granule changed state, refcount or memory
	 * and no VMID moved since the last passing tracked check, the cross
	 * checks would see exactly what they passed then.
	 */
	if (ok && tracked && c.need_cross) {
		list_live_granules(&c);
	}
	ok = ok && (!c.need_cross || check_cross(&c));
	for (unsigned i = 0; i < RMM_GRANULE_STATE_COUNT; i++) {
		ok = ok && !c.l->by_state[i].oom;
	}
	ok = ok && !c.l->rec_owners.oom && !c.l->aux_refs.oom && !c.l->rtt_refs.oom &&
	     !c.l->data_refs.oom && !c.l->vmids.oom;
	if (!ok && !c.failed) {
		fail(&c, "out of memory while checking");
	}
	if (c.l == &local) {
		for (unsigned i = 0; i < RMM_GRANULE_STATE_COUNT; i++) {
			free(local.by_state[i].v);
		}
		free(local.rec_owners.v);
		free(local.aux_refs.v);
		free(local.rtt_refs.v);
		free(local.data_refs.v);
		free(local.vmids.v);
	}
	if (ok && own && tracked) {
		/*
		 * Everything mapped so far has just been looked at: the next tracked
		 * check needs to look again only at what is mapped from now on. (A
		 * full check leaves the bits: clearing them costs a pass over every
		 * granule's bit, and a later tracked check only does more work.)
		 */
		clear_mapped(rmm);
		/*
		 * A new epoch only after a walk: when the cross checks were skipped no
		 * RTT was mapped or changed state, so the stamps of the last walk stay
		 * current.
		 */
		if (c.need_cross) {
			rmm->check_epoch++;
		}
		__atomic_store_n(&rmm->objects_changed, false, __ATOMIC_RELAXED);
	}
	if (own) {
		atomic_flag_clear_explicit(&rmm->inv_busy, memory_order_release);
	}
	pthread_rwlock_unlock(&rmm->quiesce);
	return ok;
}

bool rmm_check_invariants(struct rmm *rmm, char *msg, size_t msg_len)
{
	return check_all(rmm, msg, msg_len, false);
}

bool rmm_check_invariants_tracked(struct rmm *rmm, char *msg, size_t msg_len)
{
	return check_all(rmm, msg, msg_len, true);
}
