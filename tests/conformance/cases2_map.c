/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 2.0 cases: RMI_RTT_DATA_MAP_INIT, the range commands RTT_DATA_MAP/UNMAP and
 * RTT_UNPROT_MAP/UNMAP (address-range descriptors), RTT_INIT_RIPAS's 2.0
 * success, and the gates of the RTT commands whose other conditions run the
 * 1.0 cases (commands.md, states.md §7).
 */
#include <string.h>

#include "conform_case.h"
#include "den0137_2_abi.h"

#define GATE(cmd) { cmd, "global", conform2_gate, NULL, false }
#define IPA_P 0x200000ULL /* a protected IPA (inside the 2^39 PAR of s2sz 40) */
#define SZ_2M 0x200000ULL

/* RmiRttUnprotMapFlags: SINGLE descriptor, MEMATTR 0, S2AP read/write. */
static uint64_t up_flags_rw(void)
{
	return RMI2_OADDR_SINGLE |
	       ((uint64_t)(RMI2_S2AP_READ | RMI2_S2AP_WRITE) << RMI2_MAP_FLAGS_S2AP_SHIFT);
}

static uint64_t read_state(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa,
			   uint64_t *ripas)
{
	uint64_t e[4] = { 0 };

	conform_read_entry(c, r, ipa, 3, e);
	if (ripas != NULL) {
		*ripas = e[3];
	}
	return e[1];
}

/* ---- RTT_DATA_MAP_INIT (X1 rd, X2 data, X3 ipa, X4 src, X5 flags) ---- */
struct mi {
	struct conform_realm r;
	uint64_t a[5];
};

static bool mi_build(struct conform_ctx *c, struct mi *s, unsigned level)
{
	pa_t data;

	memset(s, 0, sizeof(*s));
	if (!conform_realm_new(c, &s->r) || !conform_rtt_to(c, &s->r, IPA_P, level) ||
	    !conform_delegated(c, &data)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = data;
	s->a[2] = IPA_P;
	s->a[3] = conform_ns_granule(c);
	s->a[4] = RMI2_NO_MEASURE_CONTENT;
	return !c->failed;
}

#define MI_CASE(NAME, LEVEL, STMT)                                        \
	static void NAME(struct conform_ctx *c)                           \
	{                                                                 \
		struct mi s;                                              \
		if (mi_build(c, &s, LEVEL)) {                             \
			STMT;                                             \
			if (!c->failed) {                                 \
				conform_call(c, RMI2_RTT_DATA_MAP_INIT_FID, s.a, NULL); \
			}                                                 \
		}                                                         \
	}

MI_CASE(mi_flags, 3, s.a[4] = 2)
MI_CASE(mi_alias_rd, 3, s.a[1] = s.r.rd)
MI_CASE(mi_src_pas, 3, conform_delegated(c, &s.a[3]))
MI_CASE(mi_rd_state, 3, s.a[0] = conform_ns_granule(c))
MI_CASE(mi_realm_state, 3, conform_realm_activate(c, &s.r))
MI_CASE(mi_ipa_bound, 3, s.a[2] = conform_unprot(&s.r))
MI_CASE(mi_rtt_walk, 2, c->walk_level = 2)
MI_CASE(mi_pair_ipa_walk, 2, s.a[2] = conform_unprot(&s.r))
MI_CASE(mi_rtte_state, 3,
	(void)(conform_setup(c, RMI2_RTT_DATA_MAP_INIT_FID, s.a, NULL) &&
	       conform_delegated(c, &s.a[1])))
MI_CASE(mi_data_state, 3, s.a[1] = conform_ns_granule(c))

static void mi_data_high(struct conform_ctx *c)
{
	struct mi s;
	pa_t hi = conform_high_granule(c);

	if (hi == 0) {
		conform_skip(c, "no delegable memory at or above 2^48 (run with a highmem platform)");
		return;
	}
	if (mi_build(c, &s, 3) &&
	    conform_setup(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
			  (uint64_t[5]){ hi, hi + GRANULE_SIZE }, NULL)) {
		s.a[1] = hi;
		conform_call(c, RMI2_RTT_DATA_MAP_INIT_FID, s.a, NULL);
	}
}

/* data = the level-3 RTT that maps ipa. */
static void mi_alias_rtt(struct conform_ctx *c)
{
	struct mi s;
	pa_t rtt3;

	if (mi_build(c, &s, 2) && conform_delegated(c, &rtt3) &&
	    conform_setup(c, RMI2_RTT_CREATE_FID, (uint64_t[5]){ s.r.rd, rtt3, IPA_P & ~(SZ_2M - 1), 3 },
			  NULL)) {
		s.a[1] = rtt3;
		conform_call(c, RMI2_RTT_DATA_MAP_INIT_FID, s.a, NULL);
	}
}

static void mi_success(struct conform_ctx *c)
{
	struct mi s;
	uint64_t ripas;

	if (!mi_build(c, &s, 3) || conform_call(c, RMI2_RTT_DATA_MAP_INIT_FID, s.a, NULL) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, read_state(c, &s.r, IPA_P, &ripas) == RMI2_ASSIGNED, "RTTE ASSIGNED");
	conform_check(c, ripas == RMI2_RAM, "RIPAS RAM (commands.md DATA_MAP_INIT step 14)");
	conform_check(c, conform_obs_granule_state(c, s.a[1]) == CONFORM_G_DATA, "data is DATA");
}

/* ---- RTT_DATA_MAP (X1 rd, X2 base, X3 top, X4 flags, X5 oaddr) ---- */
struct dm {
	struct conform_realm r;
	pa_t data;
	uint64_t a[5];
};

static bool dm_build(struct conform_ctx *c, struct dm *s, unsigned level)
{
	memset(s, 0, sizeof(*s));
	if (!conform_realm_new(c, &s->r) || !conform_rtt_to(c, &s->r, IPA_P, level) ||
	    !conform_delegated(c, &s->data)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = IPA_P;
	s->a[2] = IPA_P + GRANULE_SIZE;
	s->a[3] = RMI2_OADDR_SINGLE;
	s->a[4] = conform2_desc(s->data, 1, RMI2_ADDR_STATE_DELEGATED);
	return !c->failed;
}

#define DM_CASE(NAME, LEVEL, STMT)                                        \
	static void NAME(struct conform_ctx *c)                           \
	{                                                                 \
		struct dm s;                                              \
		if (dm_build(c, &s, LEVEL)) {                             \
			STMT;                                             \
			if (!c->failed) {                                 \
				conform_call(c, RMI2_RTT_DATA_MAP_FID, s.a, NULL); \
			}                                                 \
		}                                                         \
	}

DM_CASE(dm_rd_state, 3, s.a[0] = conform_ns_granule(c))
DM_CASE(dm_realm_state, 3, conform2_terminate(c, &s.r))
DM_CASE(dm_range_empty, 3, s.a[2] = s.a[1])
DM_CASE(dm_oaddr_type, 3, s.a[3] = RMI2_OADDR_NONE)
DM_CASE(dm_desc_state, 3, s.a[4] = conform2_desc(s.data, 1, RMI2_ADDR_STATE_UNDELEGATED))
DM_CASE(dm_base_align, 3, (s.a[1] += 0x800, s.a[2] += 0x800))
/* A 2 MiB descriptor over a 4 KiB range: RTT(level of the descriptor). */
DM_CASE(dm_range_size, 3,
	(c->level = 2, s.a[4] = (s.data & ~(SZ_2M - 1)) | (1ULL << RMI2_ADDR_RDESC_CNT_SHIFT) |
				 RMI2_BLOCK_L2))
DM_CASE(dm_rtt_walk, 2, c->walk_level = 2)
DM_CASE(dm_rtte_state, 3,
	(c->walk_level = 3, (void)(conform_setup(c, RMI2_RTT_DATA_MAP_FID, s.a, NULL) &&
					  conform_delegated(c, &s.data)),
	 s.a[4] = conform2_desc(s.data, 1, RMI2_ADDR_STATE_DELEGATED)))
DM_CASE(dm_data_state, 3,
	s.a[4] = conform2_desc(conform_ns_granule(c), 1, RMI2_ADDR_STATE_DELEGATED))

static void dm_sro_blocked(struct conform_ctx *c)
{
	struct dm s;

	c->bulk = true;
	if (dm_build(c, &s, 3) && conform2_sro_fill(c, &s.r)) {
		c->bulk = false;
		conform_call(c, RMI2_RTT_DATA_MAP_FID, s.a, NULL);
	}
}

static void dm_success(struct conform_ctx *c)
{
	struct smc_regs out;
	struct dm s;
	uint64_t ripas;
	pa_t two;

	if (!dm_build(c, &s, 3) || conform_call(c, RMI2_RTT_DATA_MAP_FID, s.a, &out) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == s.a[2], "X1 = out_top = top");
	conform_check(c, read_state(c, &s.r, IPA_P, &ripas) == RMI2_ASSIGNED, "RTTE ASSIGNED");
	conform_check(c, ripas == RMI2_EMPTY, "RIPAS preserved (EMPTY)");
	conform_check(c, conform_obs_granule_state(c, s.data) == CONFORM_G_DATA, "data is DATA");
	/* Idempotent: the same PA again counts as done (states.md §7.4). */
	conform_check(c, conform_smc(c, RMI2_RTT_DATA_MAP_FID, s.a, NULL) == RMI2_SUCCESS,
		      "mapping the same PA again succeeds");
	/* Two granules with one descriptor of count 2. */
	if (conform_delegated_n(c, 2, &two)) {
		conform_smc(c, RMI2_RTT_DATA_MAP_FID,
			    (uint64_t[5]){ s.r.rd, IPA_P + GRANULE_SIZE, IPA_P + 3 * GRANULE_SIZE,
					   RMI2_OADDR_SINGLE, conform2_desc(two, 2, 0) },
			    &out);
		conform_check(c, out.x[0] == RMI2_SUCCESS && out.x[1] == IPA_P + 3 * GRANULE_SIZE,
			      "a count-2 descriptor maps two pages");
	}
}

/* ---- RTT_DATA_UNMAP / RTT_UNPROT_UNMAP (X1 rd, X2 base, X3 top, X4 flags, X5 oaddr) ---- */
struct um {
	struct dm m;
	uint64_t a[5];
};

static bool um_build(struct conform_ctx *c, struct um *s)
{
	if (!dm_build(c, &s->m, 3) || !conform_setup(c, RMI2_RTT_DATA_MAP_FID, s->m.a, NULL)) {
		return false;
	}
	memcpy(s->a, s->m.a, sizeof(s->a));
	s->a[3] = RMI2_OADDR_SINGLE;
	s->a[4] = 0;
	return true;
}

#define UM_CASE(NAME, STMT)                                               \
	static void NAME(struct conform_ctx *c)                           \
	{                                                                 \
		struct um s;                                              \
		if (um_build(c, &s)) {                                    \
			STMT;                                             \
			if (!c->failed) {                                 \
				conform_call(c, RMI2_RTT_DATA_UNMAP_FID, s.a, NULL); \
			}                                                 \
		}                                                         \
	}

UM_CASE(um_rd_state, s.a[0] = conform_ns_granule(c))
UM_CASE(um_range_align, s.a[1] += 0x800)
UM_CASE(um_range_par, (s.a[1] = conform_unprot(&s.m.r), s.a[2] = s.a[1] + GRANULE_SIZE))
UM_CASE(um_oaddr_single, s.a[4] = conform_ns_granule(c))
UM_CASE(um_oaddr_list, (s.a[3] = RMI2_OADDR_LIST, s.a[4] = conform_ns_granule(c)))
UM_CASE(um_oaddr_type, s.a[3] = 3)

static void um_sro_blocked(struct conform_ctx *c)
{
	struct um s;

	c->bulk = true;
	if (um_build(c, &s) && conform2_sro_fill(c, &s.m.r)) {
		c->bulk = false;
		conform_call(c, RMI2_RTT_DATA_UNMAP_FID, s.a, NULL);
	}
}

/*
 * A 2 MiB block mapping at @ipa (UNMAP_FIRST_ENTRY): one descriptor of 512
 * consecutive 4 KiB pages (protected: DELEGATED; unprotected: NS) maps the
 * whole level-3 RTT, then RTT_FOLD makes it a level-2 block.
 */
static bool block_2m(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa, bool prot)
{
	pa_t blk;

	c->bulk = true;
	if (!conform_rtt_to(c, r, ipa, 3)) {
		return false;
	}
	while ((c->next & (SZ_2M - 1)) != 0) {
		conform_ns_granule(c);
	}
	blk = c->next;
	for (unsigned i = 0; i < 512; i++) {
		pa_t pa;

		if (prot ? !conform_delegated(c, &pa) : (conform_ns_granule(c), c->failed)) {
			return false;
		}
	}
	if (prot ? !conform_setup(c, RMI2_RTT_DATA_MAP_FID,
				  (uint64_t[5]){ r->rd, ipa, ipa + SZ_2M, RMI2_OADDR_SINGLE,
						 conform2_desc(blk, 512, RMI2_ADDR_STATE_DELEGATED) },
				  NULL)
		 : !conform_setup(c, RMI2_RTT_UNPROT_MAP_FID,
				  (uint64_t[5]){ r->rd, ipa, ipa + SZ_2M, up_flags_rw(),
						 conform2_desc(blk, 512, RMI2_ADDR_STATE_UNDELEGATED) },
				  NULL)) {
		return false;
	}
	c->bulk = false;
	return conform_setup(c, RMI2_RTT_FOLD_FID, (uint64_t[5]){ r->rd, ipa, 3 }, NULL);
}

static void um_rtte_state(struct conform_ctx *c)
{
	struct conform_realm r;

	if (conform_realm_new(c, &r) && block_2m(c, &r, IPA_P, true)) {
		c->walk_level = 2;
		conform_call(c, RMI2_RTT_DATA_UNMAP_FID,
			     (uint64_t[5]){ r.rd, IPA_P, IPA_P + GRANULE_SIZE, RMI2_OADDR_NONE, 0 }, NULL);
	}
}

static void um_success(struct conform_ctx *c)
{
	struct smc_regs out;
	struct um s;

	if (!um_build(c, &s) || conform_call(c, RMI2_RTT_DATA_UNMAP_FID, s.a, &out) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == s.a[2], "X1 = out_top = top");
	conform_check(c, (out.x[2] & 0x000FFFFFFFFFF000ULL) == s.m.data &&
				 ((out.x[2] >> RMI2_ADDR_RDESC_CNT_SHIFT) & 0x3FFU) == 1,
		      "X2 = one descriptor of the freed granule");
	conform_check(c, conform_obs_granule_state(c, s.m.data) == CONFORM_G_DELEGATED,
		      "data granule DELEGATED (the host undelegates it)");
	conform_check(c, read_state(c, &s.m.r, IPA_P, NULL) == RMI2_UNASSIGNED, "RTTE UNASSIGNED");
}

/* ---- RTT_UNPROT_MAP ---- */
struct up {
	struct conform_realm r;
	uint64_t u;
	uint64_t a[5];
};

static uint64_t up_flags(uint64_t s2ap)
{
	return RMI2_OADDR_SINGLE | (s2ap << RMI2_MAP_FLAGS_S2AP_SHIFT);
}

static bool up_build(struct conform_ctx *c, struct up *s, unsigned level)
{
	memset(s, 0, sizeof(*s));
	if (!conform_realm_new(c, &s->r)) {
		return false;
	}
	s->u = conform_unprot(&s->r);
	if (!conform_rtt_to(c, &s->r, s->u, level)) {
		return false;
	}
	s->a[0] = s->r.rd;
	s->a[1] = s->u;
	s->a[2] = s->u + GRANULE_SIZE;
	s->a[3] = up_flags(RMI2_S2AP_READ | RMI2_S2AP_WRITE);
	s->a[4] = conform2_desc(conform_ns_granule(c), 1, RMI2_ADDR_STATE_UNDELEGATED);
	return !c->failed;
}

#define UP_CASE(NAME, LEVEL, STMT)                                        \
	static void NAME(struct conform_ctx *c)                           \
	{                                                                 \
		struct up s;                                              \
		if (up_build(c, &s, LEVEL)) {                             \
			STMT;                                             \
			if (!c->failed) {                                 \
				conform_call(c, RMI2_RTT_UNPROT_MAP_FID, s.a, NULL); \
			}                                                 \
		}                                                         \
	}

UP_CASE(up_rd_state, 3, s.a[0] = conform_ns_granule(c))
UP_CASE(up_realm_state, 3, conform2_terminate(c, &s.r))
UP_CASE(up_range_empty, 3, s.a[2] = s.a[1])
UP_CASE(up_range_par, 3, (s.a[1] = IPA_P, s.a[2] = IPA_P + GRANULE_SIZE))
UP_CASE(up_attrs, 3, s.a[3] = up_flags(0x4))
UP_CASE(up_rtt_walk, 2, c->walk_level = 2)
UP_CASE(up_rtte_state, 3,
	(c->walk_level = 3, (void)conform_setup(c, RMI2_RTT_UNPROT_MAP_FID, s.a, NULL),
	 s.a[4] = conform2_desc(conform_ns_granule(c), 1, RMI2_ADDR_STATE_UNDELEGATED)))

static void up_success(struct conform_ctx *c)
{
	struct smc_regs out;
	struct up s;

	if (!up_build(c, &s, 3) || conform_call(c, RMI2_RTT_UNPROT_MAP_FID, s.a, &out) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == s.a[2], "X1 = out_top = top");
	conform_check(c, read_state(c, &s.r, s.u, NULL) == RMI2_ASSIGNED, "RTTE ASSIGNED (NS)");
	conform_check(c, conform_smc(c, RMI2_RTT_UNPROT_MAP_FID, s.a, NULL) == RMI2_SUCCESS,
		      "the same mapping again is done");
}

/* ---- RTT_UNPROT_UNMAP ---- */
static bool uu_build(struct conform_ctx *c, struct up *s)
{
	if (!up_build(c, s, 3) || !conform_setup(c, RMI2_RTT_UNPROT_MAP_FID, s->a, NULL)) {
		return false;
	}
	s->a[3] = RMI2_OADDR_NONE;
	s->a[4] = 0;
	return true;
}

#define UU_CASE(NAME, STMT)                                               \
	static void NAME(struct conform_ctx *c)                           \
	{                                                                 \
		struct up s;                                              \
		if (uu_build(c, &s)) {                                    \
			STMT;                                             \
			if (!c->failed) {                                 \
				conform_call(c, RMI2_RTT_UNPROT_UNMAP_FID, s.a, NULL); \
			}                                                 \
		}                                                         \
	}

UU_CASE(uu_rd_state, s.a[0] = conform_ns_granule(c))
UU_CASE(uu_range_align, s.a[1] += 0x800)
UU_CASE(uu_range_par, (s.a[1] = IPA_P, s.a[2] = IPA_P + GRANULE_SIZE))
UU_CASE(uu_oaddr_single, (s.a[3] = RMI2_OADDR_SINGLE, s.a[4] = conform_ns_granule(c)))
UU_CASE(uu_oaddr_type, s.a[3] = 3)
/* A 4 KiB unmap inside a 2 MiB unprotected block (UNMAP_FIRST_ENTRY). */
static void uu_rtte_state(struct conform_ctx *c)
{
	struct conform_realm r;
	uint64_t u;

	if (!conform_realm_new(c, &r)) {
		return;
	}
	u = conform_unprot(&r);
	if (block_2m(c, &r, u, false)) {
		c->walk_level = 2;
		conform_call(c, RMI2_RTT_UNPROT_UNMAP_FID,
			     (uint64_t[5]){ r.rd, u, u + GRANULE_SIZE, RMI2_OADDR_NONE, 0 }, NULL);
	}
}

static void uu_sro_blocked(struct conform_ctx *c)
{
	struct up s;

	c->bulk = true;
	if (uu_build(c, &s) && conform2_sro_fill(c, &s.r)) {
		c->bulk = false;
		conform_call(c, RMI2_RTT_UNPROT_UNMAP_FID, s.a, NULL);
	}
}

static void uu_success(struct conform_ctx *c)
{
	struct smc_regs out;
	struct up s;

	if (!uu_build(c, &s) || conform_call(c, RMI2_RTT_UNPROT_UNMAP_FID, s.a, &out) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == s.a[2], "X1 = out_top = top");
	conform_check(c, read_state(c, &s.r, s.u, NULL) == RMI2_UNASSIGNED, "RTTE UNASSIGNED");
}

/* ---- RTT_INIT_RIPAS: 2.0 success (no RIM extension; RAM entries skipped) ---- */
static void ir_success(struct conform_ctx *c)
{
	struct smc_regs out;
	struct conform_realm r;
	uint64_t ripas;

	if (!conform_realm_new(c, &r) || !conform_data(c, &r, IPA_P, NULL) ||
	    conform_call(c, RMI2_RTT_INIT_RIPAS_FID,
			 (uint64_t[5]){ r.rd, IPA_P, IPA_P + 4 * GRANULE_SIZE }, &out) != RMI2_SUCCESS) {
		return;
	}
	conform_check(c, out.x[1] == IPA_P + 4 * GRANULE_SIZE, "X1 = top");
	read_state(c, &r, IPA_P + GRANULE_SIZE, &ripas);
	conform_check(c, ripas == RMI2_RAM, "unassigned EMPTY -> RAM");
	conform_check(c, read_state(c, &r, IPA_P, &ripas) == RMI2_ASSIGNED && ripas == RMI2_RAM,
		      "the DATA_MAP_INIT page (assigned RAM) is skipped, still RAM");
}

static const struct conform_case cases[] = {
	GATE("RMI_RTT_DATA_MAP_INIT"),
	{ "RMI_RTT_DATA_MAP_INIT", "flags", mi_flags, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "data_alias_rd", mi_alias_rd, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "src_pas", mi_src_pas, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "rd_state", mi_rd_state, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "realm_state", mi_realm_state, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "ipa_bound", mi_ipa_bound, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "data_high", mi_data_high, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "rtt_walk", mi_rtt_walk, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "rtte_state", mi_rtte_state, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "data_alias_rtt", mi_alias_rtt, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "data_state", mi_data_state, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "pair:ipa_bound>rtt_walk", mi_pair_ipa_walk, NULL, false },
	{ "RMI_RTT_DATA_MAP_INIT", "success", mi_success, NULL, false },
	GATE("RMI_RTT_DATA_MAP"),
	{ "RMI_RTT_DATA_MAP", "sro_blocked", dm_sro_blocked, NULL, false },
	{ "RMI_RTT_DATA_MAP", "rd_state", dm_rd_state, NULL, false },
	{ "RMI_RTT_DATA_MAP", "realm_state", dm_realm_state, NULL, false },
	{ "RMI_RTT_DATA_MAP", "range_empty", dm_range_empty, NULL, false },
	{ "RMI_RTT_DATA_MAP", "oaddr_type", dm_oaddr_type, NULL, false },
	{ "RMI_RTT_DATA_MAP", "desc_state", dm_desc_state, NULL, false },
	{ "RMI_RTT_DATA_MAP", "base_align", dm_base_align, NULL, false },
	{ "RMI_RTT_DATA_MAP", "range_size", dm_range_size, NULL, false },
	{ "RMI_RTT_DATA_MAP", "rtt_walk", dm_rtt_walk, NULL, false },
	{ "RMI_RTT_DATA_MAP", "rtte_state", dm_rtte_state, NULL, false },
	{ "RMI_RTT_DATA_MAP", "data_state", dm_data_state, NULL, false },
	{ "RMI_RTT_DATA_MAP", "success", dm_success, NULL, false },
	GATE("RMI_RTT_DATA_UNMAP"),
	{ "RMI_RTT_DATA_UNMAP", "sro_blocked", um_sro_blocked, NULL, false },
	{ "RMI_RTT_DATA_UNMAP", "rd_state", um_rd_state, NULL, false },
	{ "RMI_RTT_DATA_UNMAP", "range_align", um_range_align, NULL, false },
	{ "RMI_RTT_DATA_UNMAP", "range_par", um_range_par, NULL, false },
	{ "RMI_RTT_DATA_UNMAP", "oaddr_single", um_oaddr_single, NULL, false },
	{ "RMI_RTT_DATA_UNMAP", "oaddr_list", um_oaddr_list, NULL, false },
	{ "RMI_RTT_DATA_UNMAP", "oaddr_type", um_oaddr_type, NULL, false },
	{ "RMI_RTT_DATA_UNMAP", "rtte_state", um_rtte_state, NULL, false },
	{ "RMI_RTT_DATA_UNMAP", "success", um_success, NULL, false },
	GATE("RMI_RTT_UNPROT_MAP"),
	{ "RMI_RTT_UNPROT_MAP", "rd_state", up_rd_state, NULL, false },
	{ "RMI_RTT_UNPROT_MAP", "realm_state", up_realm_state, NULL, false },
	{ "RMI_RTT_UNPROT_MAP", "range_empty", up_range_empty, NULL, false },
	{ "RMI_RTT_UNPROT_MAP", "range_par", up_range_par, NULL, false },
	{ "RMI_RTT_UNPROT_MAP", "attrs", up_attrs, NULL, false },
	{ "RMI_RTT_UNPROT_MAP", "rtt_walk", up_rtt_walk, NULL, false },
	{ "RMI_RTT_UNPROT_MAP", "rtte_state", up_rtte_state, NULL, false },
	{ "RMI_RTT_UNPROT_MAP", "success", up_success, NULL, false },
	GATE("RMI_RTT_UNPROT_UNMAP"),
	{ "RMI_RTT_UNPROT_UNMAP", "sro_blocked", uu_sro_blocked, NULL, false },
	{ "RMI_RTT_UNPROT_UNMAP", "rd_state", uu_rd_state, NULL, false },
	{ "RMI_RTT_UNPROT_UNMAP", "range_align", uu_range_align, NULL, false },
	{ "RMI_RTT_UNPROT_UNMAP", "range_par", uu_range_par, NULL, false },
	{ "RMI_RTT_UNPROT_UNMAP", "oaddr_single", uu_oaddr_single, NULL, false },
	{ "RMI_RTT_UNPROT_UNMAP", "oaddr_type", uu_oaddr_type, NULL, false },
	{ "RMI_RTT_UNPROT_UNMAP", "rtte_state", uu_rtte_state, NULL, false },
	{ "RMI_RTT_UNPROT_UNMAP", "success", uu_success, NULL, false },
	GATE("RMI_RTT_INIT_RIPAS"),
	{ "RMI_RTT_INIT_RIPAS", "success", ir_success, NULL, false },
	GATE("RMI_RTT_CREATE"),
	GATE("RMI_RTT_DESTROY"),
	GATE("RMI_RTT_READ_ENTRY"),
	GATE("RMI_RTT_FOLD"),
	GATE("RMI_RTT_SET_RIPAS"),
};
CONFORM_SET(conform_cases2_map, cases);
