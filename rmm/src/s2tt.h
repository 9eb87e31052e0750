/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm stage-2 translation tables (RTTs): entry encoding, walks, geometry
 * (states.md §4-§6). RTT granules hold real VMSAv8-64 stage-2 descriptors
 * (512 x 64-bit) so the realm's stage 2 can be built from them.
 *
 * Entry (s2tte) encoding. Valid descriptors (bit 0 = 1) are what the
 * hardware walks:
 *   TABLE          levels < 3: bits[1:0] = 0b11, next RTT PA in the OA field
 *   ASSIGNED, RAM  block (levels 1,2: 0b01) / page (level 3: 0b11), AF = 1,
 *                  SH = inner shareable, MemAttr = FWB normal write-back
 *                  (0b0110), S2AP = RW, executable, NS = 0, OA
 *   ASSIGNED_NS    block/page with the host's MemAttr[4:2] and S2AP[7:6],
 *                  OA, and RMM-set AF, SH = inner shareable, XN, NS (bit 55)
 * Every other state is an invalid descriptor (bit 0 = 0) with software
 * fields the hardware ignores:
 *   bits[4:2]  HIPAS: 0 UNASSIGNED, 2 ASSIGNED (RIPAS EMPTY/DESTROYED),
 *              3 UNASSIGNED_NS; 1 and 4-7 are never written (INVALID)
 *   bits[6:5]  RIPAS (protected states only)
 * UNASSIGNED with RIPAS EMPTY is the all-zero descriptor, so a zeroed
 * granule is an RTT of 512 UNASSIGNED EMPTY entries: RTT_CREATE under such
 * a parent stores nothing into its (DELEGATED, hence zero) new RTT, and
 * the entries of a starting-level table beyond 2^w (unreachable) are left
 * as they are.
 *   OA field   the DATA granule/block PA of an invalid ASSIGNED entry
 * OA field: bits[47:12]; realms with LPA2 also use bits[49:48] for OA[49:48]
 * and bits[9:8] for OA[51:50] (FEAT_LPA2 layout, SH then comes from VTCR).
 *
 * Locking: every RTT of a realm is read and written only with the realm's
 * RD granule lock held (each RTT command holds it for its whole run), so a
 * walk takes no RTT granule lock. RTT granule refcounts are changed under
 * that granule's own lock as well (granule_refcount_* witnesses).
 */
#ifndef RMM_S2TT_H
#define RMM_S2TT_H

#include <stdbool.h>
#include <stdint.h>

#include "realm.h"

/* Initialise the starting-level tables of a new realm (REALM_CREATE step e). */
void s2tt_init_root(struct rmm *rmm, const struct rd *rd);
/* True if any starting-level RTT has a non-zero refcount (RealmIsLive part 2). */
bool s2tt_root_is_live(struct rmm *rmm, const struct rd *rd);
/* (w, sl, n) consistency check of states.md §5 (rtt_num_level). */
bool s2tt_geometry_valid(unsigned ipa_bits, int sl, unsigned num_root, bool lpa2);
/* Number of starting tables for (w, sl), 0 if inconsistent. */
unsigned s2tt_num_root_tables(unsigned ipa_bits, int sl, bool lpa2);

#define S2TT_PAGE_LEVEL 3
#define S2TT_MIN_BLOCK_LEVEL 1 /* TF-RMM S2TT_MIN_BLOCK_LEVEL */
#define S2TT_MIN_LEVEL_LPA2 (-1)
#define S2TTES_PER_S2TT 512U
#define S2TTES_PER_S2TT_LM1 16U /* a level -1 table (LPA2) */

/* Descriptor fields (VMSAv8-64 stage 2). */
#define S2TTE_VALID (1ULL << 0)
#define S2TTE_TYPE_BIT (1ULL << 1) /* table (levels < 3) / page (level 3) */
#define S2TTE_MEMATTR_MASK (0xFULL << 2)
#define S2TTE_MEMATTR_HOST_MASK (0x7ULL << 2) /* MemAttr[4:2] from the host */
#define S2TTE_MEMATTR_FWB_NORMAL_WB (0x6ULL << 2)
#define S2TTE_MEMATTR_FWB_RESERVED (0x4ULL << 2)
#define S2TTE_AP_MASK (0x3ULL << 6)
#define S2TTE_AP_RW (0x3ULL << 6)
#define S2TTE_SH_MASK (0x3ULL << 8)
#define S2TTE_SH_IS (0x3ULL << 8)
#define S2TTE_AF (1ULL << 10)
#define S2TTE_XN (0x2ULL << 53)
#define S2TTE_NS (1ULL << 55)
#define S2TTE_OA_MASK 0x0000FFFFFFFFF000ULL /* OA[47:12] */
#define S2TTE_OA_MASK_LPA2 0x0003FFFFFFFFF000ULL /* OA[49:12] */
#define S2TTE_OA_HI_LPA2_MASK (0x3ULL << 8) /* OA[51:50] */
/* Host-controlled part of an ASSIGNED_NS descriptor (structures.md §7). */
#define S2TTE_NS_ATTR_HOST_MASK (S2TTE_MEMATTR_HOST_MASK | S2TTE_AP_MASK)
/* Software fields of invalid descriptors. */
#define S2TTE_SW_HIPAS_SHIFT 2U
#define S2TTE_SW_HIPAS_MASK (0x7ULL << S2TTE_SW_HIPAS_SHIFT)
#define S2TTE_SW_HIPAS_UNASSIGNED 0ULL /* zero: see "UNASSIGNED with RIPAS EMPTY" above */
#define S2TTE_SW_HIPAS_ASSIGNED 2ULL
#define S2TTE_SW_HIPAS_UNASSIGNED_NS 3ULL
#define S2TTE_SW_RIPAS_SHIFT 5U
#define S2TTE_SW_RIPAS_MASK (0x3ULL << S2TTE_SW_RIPAS_SHIFT)

/* RTTE state (states.md §4); INVALID = never initialised / unknown encoding. */
enum s2tte_state {
	S2TTE_INVALID = 0,
	S2TTE_UNASSIGNED = 1,
	S2TTE_ASSIGNED = 2,
	S2TTE_UNASSIGNED_NS = 3,
	S2TTE_ASSIGNED_NS = 4,
	S2TTE_TABLE = 5,
};

const char *s2tte_state_name(enum s2tte_state s);

/* IPA bit of the lowest address bit translated by an entry at @level. */
static inline unsigned s2tt_level_shift(int level)
{
	return (unsigned)(12 + 9 * (3 - level));
}

/* Size mapped by one entry at @level (-1..3). */
static inline uint64_t s2tt_entry_size(int level)
{
	return 1ULL << s2tt_level_shift(level);
}

/* Entries in one RTT at @level (16 at level -1, else 512). */
static inline unsigned s2tt_entries(int level)
{
	return level < 0 ? S2TTES_PER_S2TT_LM1 : S2TTES_PER_S2TT;
}

/* Encoders. */
uint64_t s2tte_create_unassigned(unsigned ripas);
uint64_t s2tte_create_unassigned_ns(void);
/* ASSIGNED with @ripas: valid block/page if RAM, else invalid with the OA kept. */
uint64_t s2tte_create_assigned(pa_t oa, unsigned ripas, int level, bool lpa2);
/* ASSIGNED_NS from a host descriptor accepted by s2tte_host_ns_attr_valid(). */
uint64_t s2tte_create_assigned_ns(uint64_t host_desc, int level, bool lpa2);
uint64_t s2tte_create_table(pa_t rtt, bool lpa2);

/* Decoders. */
enum s2tte_state s2tte_get_state(uint64_t s2tte, int level);
/* RIPAS of a protected entry (UNASSIGNED / ASSIGNED); RMI_EMPTY otherwise. */
unsigned s2tte_get_ripas(uint64_t s2tte, int level);
/* OA of ASSIGNED, ASSIGNED_NS, TABLE; 0 otherwise. */
pa_t s2tte_get_oa(uint64_t s2tte, int level, bool lpa2);
/* Host-visible descriptor of an ASSIGNED_NS entry (OA + MemAttr[4:2] + S2AP). */
uint64_t s2tte_host_desc(uint64_t s2tte, bool lpa2);
/* "Live" for `top` (states.md §6): has an OA (ASSIGNED*, ASSIGNED_NS, TABLE). */
bool s2tte_is_live(uint64_t s2tte, int level);
/* Valid descriptor the hardware walks (TABLE, ASSIGNED RAM, ASSIGNED_NS). */
static inline bool s2tte_is_valid(uint64_t s2tte)
{
	return (s2tte & S2TTE_VALID) != 0U;
}

/* RTT_MAP_UNPROTECTED attr_valid / addr_align / addr_bound checks. */
bool s2tte_host_ns_attr_valid(uint64_t desc, bool lpa2);
bool s2tte_host_ns_addr_aligned(uint64_t desc, int level, bool lpa2);

/* Result of a walk: the entry at the deepest level reached. */
struct s2tt_walk {
	const struct rd *rd; /* realm walked (s2tt_skip_non_live's protected-range test) */
	int level; /* level of the entry found (<= requested) */
	struct granule *g_rtt; /* RTT granule holding the entry */
	uint64_t *rtt; /* that RTT's entries */
	unsigned index; /* index of the entry in rtt[] */
	uint64_t s2tte; /* value of the entry */
};

/*
 * Walks @ipa (< 2^w) from the starting level down to @level, stopping early
 * at the first entry that is not TABLE. Caller holds the RD lock.
 */
void s2tt_walk(struct rmm *rmm, const struct rd *rd, ipa_t ipa, int level, struct s2tt_walk *wk);

/* What a realm access to an IPA meets (states.md §4 decision table). */
struct s2tt_leaf {
	enum s2tte_state state; /* of the leaf entry (never TABLE) */
	unsigned ripas; /* protected IPAs only, else RMI_EMPTY */
	pa_t pa; /* ASSIGNED / ASSIGNED_NS: OA + offset in the block */
	int level; /* level of the leaf entry */
	uint64_t size; /* size mapped by the leaf entry */
	uint64_t desc; /* the leaf entry itself (S2AP of ASSIGNED_NS) */
};

/* Full walk of @ipa (< 2^w) to its leaf entry (for RSI and the realm's stage 2). */
void s2tt_lookup(struct rmm *rmm, const struct rd *rd, ipa_t ipa, struct s2tt_leaf *leaf);

/* IPA of entry @index in the RTT found by @wk for @ipa. */
ipa_t s2tt_entry_ipa(const struct s2tt_walk *wk, ipa_t ipa, unsigned index);

/*
 * `top` of DATA_DESTROY / RTT_DESTROY / RTT_UNMAP_UNPROTECTED (states.md §6):
 * @ipa if its entry is live, else the IPA of the next live entry in the same
 * RTT, or the end of the RTT's range if none (not clamped to 2^w: a
 * starting-level RTT may reach beyond the IPA space).
 */
ipa_t s2tt_skip_non_live(const struct s2tt_walk *wk, ipa_t ipa);

/*
 * RTT_FOLD homogeneity of the RTT @rtt at @level: true with the equivalent
 * parent entry in @parent and its state in @state when one of the four
 * homogeneous forms of commands.md RTT_FOLD holds.
 */
bool s2tt_fold_entry(const uint64_t *rtt, int level, bool lpa2, uint64_t *parent,
		     enum s2tte_state *state);

/*
 * Entries of a new RTT at @level derived from its parent entry @parent
 * (RTT_CREATE): unassigned / NS copied, blocks split into 512 pieces.
 * A zero parent (UNASSIGNED EMPTY) gives a zero RTT: a caller holding a
 * DELEGATED (so all-zero) granule may skip the call (RTT_CREATE does).
 */
void s2tt_split_entry(uint64_t *rtt, uint64_t parent, int level, bool lpa2);

/* rd_align / rd_bound / rd_state: finds and locks the RD granule. */
__attribute__((warn_unused_result)) bool s2tt_lock_rd(struct rmm *rmm, pa_t rd,
						      struct granule_locked *gl);
/*
 * Locks the granule at @pa_a in state @st_a and the one at @pa_b in @st_b,
 * lowest PA first (commands.md §0); each must be aligned and delegable.
 * On failure holds nothing.
 */
__attribute__((warn_unused_result)) bool
s2tt_lock_two(struct rmm *rmm, pa_t pa_a, enum rmm_granule_state st_a, struct granule_locked *ga,
	      pa_t pa_b, enum rmm_granule_state st_b, struct granule_locked *gb);
/* Changes an RTT's refcount under its own granule lock (RD lock held). */
void s2tt_refcount_inc(struct granule *g_rtt, uint16_t n);
void s2tt_refcount_dec(struct granule *g_rtt, uint16_t n);

/* TLBI equivalent: tell the platform a valid mapping changed. */
void s2tt_invalidate(struct rmm *rmm, const struct rd *rd, ipa_t ipa, uint64_t size);

#endif /* RMM_S2TT_H */
