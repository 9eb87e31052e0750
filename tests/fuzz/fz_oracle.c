/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The spec oracle: before each call, the status the spec requires when it
 * is certain from the harness's model; FZ_NO_PREDICTION otherwise.
 *
 * Failures: a condition the model shows to hold (rd not an RD, unaligned
 * address, level out of range...) fixes the result only if every condition
 * the spec checks before it returns the same status. That ordering comes
 * from the generated condition table (den0137_conditions.h, from
 * specs/DEN0137/conditions.spec): a label is "INPUT-certain" when all
 * conditions of order <= its own are RMI_ERROR_INPUT.
 *
 * Successes and RTT/REALM errors are predicted only in the simple states
 * the model tracks exactly (no folds, no block or NS mappings above level
 * 3, no realm code has run).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "den0137_abi.h"
#include "den0137_conditions.h"
#include "fuzz_rmi.h"

#define FNUM(fid) ((unsigned)((fid) & 0xFFFFU) - 0x150U)
#define FNUM_COUNT 0x1AU
#define ERR(status, index) (((uint64_t)(index) << 8) | (uint64_t)(status))
#define SMC_UNKNOWN UINT64_MAX

static const struct den0137_command *cmd_table[FNUM_COUNT];
static const uint8_t zero_page[GRANULE_SIZE];

void fz_oracle_init(void)
{
	for (size_t i = 0; i < DEN0137_NUM_COMMANDS; i++) {
		uint64_t fid = den0137_commands[i].fid;

		if (fid >= RMI_VERSION_FID && FNUM(fid) < FNUM_COUNT) {
			cmd_table[FNUM(fid)] = &den0137_commands[i];
		}
	}
}

/* Does @label holding make the result RMI_ERROR_INPUT whatever else holds? */
static bool input_certain(const struct den0137_command *c, const char *label)
{
	const struct den0137_condition *cond = den0137_condition_find(c, label);

	if (cond == NULL) {
		return false;
	}
	for (size_t i = 0; i < c->num_conds; i++) {
		if (c->conds[i].order <= cond->order && c->conds[i].status != RMI_ERROR_INPUT) {
			return false;
		}
	}
	return true;
}

/* An address argument and the labels of its checks (commands.md tables). */
struct role {
	uint8_t arg;
	bool ns; /* an NS buffer: the third check is its PAS */
	enum rmm_granule_state want;
	const char *align, *bound, *state;
};

#define ROLE_RD { 0, false, RMM_GRANULE_RD, "rd_align", "rd_bound", "rd_state" }

/* Some check of @ro fails (by the model): its label, else NULL. */
static const char *role_fail(const struct fz *z, const struct role *ro, pa_t pa)
{
	if ((pa & GRANULE_MASK) != 0U) {
		return ro->align;
	}
	if (fz_gidx(pa) < 0) {
		return ro->bound; /* PaIsDelegable is false outside the managed banks */
	}
	if (ro->ns) {
		/* The GPT says NS only for UNDELEGATED granules outside the Secure carve-out. */
		bool secure = pa >= FZ_SECURE_IN_BANK &&
			      pa < FZ_SECURE_IN_BANK + FZ_SECURE_IN_BANK_SIZE;

		/*
		 * Finding F1 (fixed in rmm/src/data.c): a Secure src used to be
		 * detected only at the copy, after the RTT walk. Predicted again.
		 */
		return fz_gstate(z, pa) != RMM_GRANULE_UNDELEGATED || secure ? ro->state : NULL;
	}
	return fz_gstate(z, pa) != ro->want ? ro->state : NULL;
}

static bool roles_input(const struct fz *z, const struct den0137_command *c,
			const struct role *roles, size_t n, const uint64_t *a)
{
	for (size_t i = 0; i < n; i++) {
		const char *label = role_fail(z, &roles[i], a[roles[i].arg]);

		if (label != NULL && input_certain(c, label)) {
			return true;
		}
	}
	return false;
}

static bool roles_ok(const struct fz *z, const struct role *roles, size_t n, const uint64_t *a)
{
	for (size_t i = 0; i < n; i++) {
		if (role_fail(z, &roles[i], a[roles[i].arg]) != NULL) {
			return false;
		}
	}
	return true;
}

#define NROLES(r) (sizeof(r) / sizeof((r)[0]))

static const struct role r_rd[] = { ROLE_RD };
static const struct role r_delegate[] = {
	{ 0, false, RMM_GRANULE_UNDELEGATED, "gran_align", "gran_bound", "gran_state" } };
static const struct role r_undelegate[] = {
	{ 0, false, RMM_GRANULE_DELEGATED, "gran_align", "gran_bound", "gran_state" } };
static const struct role r_data_create[] = {
	ROLE_RD,
	{ 1, false, RMM_GRANULE_DELEGATED, "data_align", "data_bound", "data_state" },
	{ 3, true, RMM_GRANULE_UNDELEGATED, "src_align", "src_bound", "src_pas" } };
static const struct role r_data_unknown[] = {
	ROLE_RD, { 1, false, RMM_GRANULE_DELEGATED, "data_align", "data_bound", "data_state" } };
static const struct role r_realm_create[] = {
	{ 1, true, RMM_GRANULE_UNDELEGATED, "params_align", "params_bound", "params_pas" },
	{ 0, false, RMM_GRANULE_DELEGATED, "rd_align", "rd_bound", "rd_state" } };
static const struct role r_rec_create[] = {
	{ 2, true, RMM_GRANULE_UNDELEGATED, "params_align", "params_bound", "params_pas" },
	{ 1, false, RMM_GRANULE_DELEGATED, "rec_align", "rec_bound", "rec_state" },
	ROLE_RD };
static const struct role r_rec[] = {
	{ 0, false, RMM_GRANULE_REC, "rec_align", "rec_bound", "rec_gran_state" } };
static const struct role r_rec_enter[] = {
	{ 1, true, RMM_GRANULE_UNDELEGATED, "run_align", "run_bound", "run_pas" },
	{ 0, false, RMM_GRANULE_REC, "rec_align", "rec_bound", "rec_gran_state" } };
static const struct role r_rtt_create[] = {
	ROLE_RD, { 1, false, RMM_GRANULE_DELEGATED, "rtt_align", "rtt_bound", "rtt_state" } };
static const struct role r_set_ripas[] = {
	ROLE_RD, { 1, false, RMM_GRANULE_REC, "rec_align", "rec_bound", "rec_gran_state" } };

/* The tracked realm of @rd when its geometry is usable, else NULL. */
static const struct fz_realm *realm_of(struct fz *z, pa_t rd)
{
	const struct fz_realm *r = fz_realm_by_rd(z, rd);

	if (r == NULL || r->s2sz < 32U || r->s2sz > 48U || r->sl < 0 || r->sl > 3) {
		return NULL;
	}
	return r;
}

static bool have_rtt(const struct fz_realm *r, ipa_t ipa, int level)
{
	ipa_t base = ipa & ~(fz_level_size(level - 1) - 1U);

	for (unsigned i = 0; i < r->nrtt; i++) {
		if (r->rtt[i].level == level && r->rtt[i].ipa == base) {
			return true;
		}
	}
	return false;
}

static const struct fz_rtt *find_rtt(const struct fz_realm *r, ipa_t ipa, int level)
{
	ipa_t base = ipa & ~(fz_level_size(level - 1) - 1U);

	for (unsigned i = 0; i < r->nrtt; i++) {
		if (r->rtt[i].level == level && r->rtt[i].ipa == base) {
			return &r->rtt[i];
		}
	}
	return NULL;
}

/* Level where a walk for @ipa towards @to stops, in a realm without blocks. */
static int walk_level(const struct fz_realm *r, ipa_t ipa, int to)
{
	int level = r->sl;

	while (level < to && have_rtt(r, ipa, level + 1)) {
		level++;
	}
	return level;
}

static int data_index(const struct fz_realm *r, ipa_t ipa)
{
	for (unsigned i = 0; i < r->ndata; i++) {
		if (r->data[i].ipa == ipa) {
			return (int)i;
		}
	}
	return -1;
}

/* level_bound / ipa_align / ipa_bound of the RTT commands (states.md §5), all INPUT. */
static bool rtt_args_bad(const struct fz_realm *r, ipa_t ipa, int64_t level, int lo, int align_lvl_off,
			 int prot)
{
	uint64_t w = 1ULL << r->s2sz;

	if (level < lo || level > 3) {
		return true;
	}
	if ((ipa & (fz_level_size((int)level + align_lvl_off) - 1U)) != 0U || ipa >= w) {
		return true;
	}
	if (prot > 0 && ipa >= w / 2U) {
		return true;
	}
	return prot < 0 && ipa < w / 2U;
}

/* RmiRealmParams that the RMM must accept, given the model (structures.md §1, states.md §5). */
static bool realm_params_ok(const struct fz *z, pa_t rd, const uint8_t *p)
{
	static const uint8_t geo[][3] = {
		{ 32, 1, 1 }, { 33, 1, 1 }, { 36, 1, 1 }, { 39, 1, 1 }, { 40, 0, 1 }, { 40, 1, 2 },
		{ 42, 1, 8 }, { 44, 0, 1 }, { 48, 0, 1 }, { 32, 2, 4 }, { 34, 2, 16 }, { 35, 1, 1 },
	};
	uint8_t img[GRANULE_SIZE];
	uint64_t base, sl, n, vmid;
	bool geo_ok = false;

	memcpy(img, p, sizeof(img));
	memcpy(&base, img + RMI_REALM_PARAMS_RTT_BASE_OFFSET, 8);
	memcpy(&sl, img + RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET, 8);
	n = 0;
	memcpy(&n, img + RMI_REALM_PARAMS_RTT_NUM_START_OFFSET, 4);
	vmid = (uint64_t)img[RMI_REALM_PARAMS_VMID_OFFSET] |
	       ((uint64_t)img[RMI_REALM_PARAMS_VMID_OFFSET + 1U] << 8);
	for (size_t i = 0; i < sizeof(geo) / sizeof(geo[0]); i++) {
		geo_ok |= img[RMI_REALM_PARAMS_S2SZ_OFFSET] == geo[i][0] && sl == geo[i][1] &&
			  n == geo[i][2];
	}
	if (!geo_ok || img[RMI_REALM_PARAMS_NUM_BPS_OFFSET] < 1U ||
	    img[RMI_REALM_PARAMS_NUM_BPS_OFFSET] > 5U || img[RMI_REALM_PARAMS_NUM_WPS_OFFSET] < 1U ||
	    img[RMI_REALM_PARAMS_NUM_WPS_OFFSET] > 5U || img[RMI_REALM_PARAMS_HASH_ALGO_OFFSET] > 1U ||
	    vmid > 255U || (base & GRANULE_MASK) != 0U || (rd >= base && rd < base + n * GRANULE_SIZE)) {
		return false;
	}
	for (uint64_t i = 0; i < n; i++) {
		if (fz_gstate(z, base + i * GRANULE_SIZE) != RMM_GRANULE_DELEGATED) {
			return false;
		}
	}
	/* vmid_valid: unique among live realms (all tracked, else no prediction). */
	if (z->lost_realm) {
		return false;
	}
	for (unsigned i = 0; i < FZ_MAX_REALMS; i++) {
		if (z->realm[i].live && z->realm[i].vmid == vmid) {
			return false;
		}
	}
	/* Everything else (flags, sve_vl, pmu_num_ctrs, RPV, padding) must be zero here. */
	img[RMI_REALM_PARAMS_S2SZ_OFFSET] = 0;
	img[RMI_REALM_PARAMS_NUM_BPS_OFFSET] = 0;
	img[RMI_REALM_PARAMS_NUM_WPS_OFFSET] = 0;
	img[RMI_REALM_PARAMS_HASH_ALGO_OFFSET] = 0;
	memset(img + RMI_REALM_PARAMS_VMID_OFFSET, 0, 2);
	memset(img + RMI_REALM_PARAMS_RTT_BASE_OFFSET, 0, 0x14);
	return memcmp(img, zero_page, sizeof(img)) == 0;
}

/* RmiRecParams the RMM must accept for the next REC of @r (structures.md §2). */
static bool rec_params_ok(const struct fz *z, const struct fz_realm *r, pa_t rec, const uint8_t *p)
{
	uint8_t img[GRANULE_SIZE];
	uint64_t flags, mpidr, naux, idx = r->next_rec;
	pa_t aux[RMI_REC_PARAMS_AUX_COUNT];

	memcpy(img, p, sizeof(img));
	memcpy(&flags, img + RMI_REC_PARAMS_FLAGS_OFFSET, 8);
	memcpy(&mpidr, img + RMI_REC_PARAMS_MPIDR_OFFSET, 8);
	memcpy(&naux, img + RMI_REC_PARAMS_NUM_AUX_OFFSET, 8);
	memcpy(aux, img + RMI_REC_PARAMS_AUX_OFFSET, sizeof(aux));
	/* MPIDR of REC index idx: Aff0[3:0] = idx[3:0], Aff1 = idx[11:4], Aff2 = idx[19:12]. */
	if (flags > 1U || r->aux_count == 0U || naux != r->aux_count || naux > FZ_MAX_AUX ||
	    mpidr != ((idx & 0xFU) | (((idx >> 4) & 0xFFU) << 8) | (((idx >> 12) & 0xFFU) << 16))) {
		return false;
	}
	for (unsigned i = 0; i < naux; i++) {
		if (aux[i] == rec || fz_gstate(z, aux[i]) != RMM_GRANULE_DELEGATED ||
		    (aux[i] & GRANULE_MASK) != 0U) {
			return false;
		}
		for (unsigned k = 0; k < i; k++) {
			if (aux[k] == aux[i]) {
				return false;
			}
		}
	}
	/* Everything but flags, mpidr, pc, gprs, num_aux and aux[] zero (no reserved bits). */
	memset(img + RMI_REC_PARAMS_FLAGS_OFFSET, 0, 8);
	memset(img + RMI_REC_PARAMS_MPIDR_OFFSET, 0, 8);
	memset(img + RMI_REC_PARAMS_PC_OFFSET, 0, 8);
	memset(img + RMI_REC_PARAMS_GPRS_OFFSET, 0, 8U * RMI_REC_PARAMS_GPRS_COUNT);
	memset(img + RMI_REC_PARAMS_NUM_AUX_OFFSET, 0, 8);
	memset(img + RMI_REC_PARAMS_AUX_OFFSET, 0, sizeof(aux));
	return memcmp(img, zero_page, sizeof(img)) == 0;
}

static uint64_t predict(struct fz *z, const struct den0137_command *c, uint64_t fid,
			const uint64_t *a, const uint8_t *params)
{
	const struct fz_realm *r;
	int wl;

	switch (fid) {
	case RMI_VERSION_FID:
		if (a[0] == 0x10000U) {
			return RMI_SUCCESS;
		}
		return ((a[0] >> 16) & 0x7FFFU) != 1U ? ERR(RMI_ERROR_INPUT, 0) : FZ_NO_PREDICTION;
	case RMI_FEATURES_FID:
		return RMI_SUCCESS;
	case RMI_GRANULE_DELEGATE_FID:
		if (roles_input(z, c, r_delegate, 1, a)) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		/* gran_gpt: the Secure carve-out inside bank 1 (fuzz_rmi.h). */
		if (a[0] >= FZ_SECURE_IN_BANK && a[0] < FZ_SECURE_IN_BANK + FZ_SECURE_IN_BANK_SIZE) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		return RMI_SUCCESS;
	case RMI_GRANULE_UNDELEGATE_FID:
		return roles_input(z, c, r_undelegate, 1, a) ? ERR(RMI_ERROR_INPUT, 0) : RMI_SUCCESS;
	case RMI_PSCI_COMPLETE_FID:
		/* pending: no REC has a PSCI request unless realm code has run. */
		return z->psci_seen ? FZ_NO_PREDICTION : ERR(RMI_ERROR_INPUT, 0);
	case RMI_REALM_CREATE_FID:
		if (roles_input(z, c, r_realm_create, NROLES(r_realm_create), a)) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		if (params != NULL && roles_ok(z, r_realm_create, NROLES(r_realm_create), a) &&
		    realm_params_ok(z, a[0], params)) {
			return RMI_SUCCESS;
		}
		return FZ_NO_PREDICTION;
	case RMI_REC_DESTROY_FID:
		return roles_input(z, c, r_rec, 1, a) ? ERR(RMI_ERROR_INPUT, 0) : RMI_SUCCESS;
	default:
		break;
	}

	if (fid == RMI_REC_ENTER_FID) {
		const struct fz_rec *rec;
		const uint8_t *run;

		if (roles_input(z, c, r_rec_enter, NROLES(r_rec_enter), a)) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		rec = fz_rec_by_pa(z, a[0]);
		if (!roles_ok(z, r_rec_enter, NROLES(r_rec_enter), a) || rec == NULL ||
		    rec->realm >= FZ_MAX_REALMS || z->psci_seen) {
			return FZ_NO_PREDICTION;
		}
		if (!z->realm[rec->realm].active) {
			return ERR(RMI_ERROR_REALM, 0); /* realm_new */
		}
		if (!rec->runnable) {
			return ERR(RMI_ERROR_REC, 0);
		}
		run = fzp_mem(z->f, a[1]);
		for (unsigned i = 0; run != NULL && i < 0x800U; i++) {
			if (run[i] != 0U) {
				return FZ_NO_PREDICTION; /* flags/GIC state from the input */
			}
		}
		return RMI_SUCCESS;
	}
	if (fid == RMI_REC_CREATE_FID) {
		if (roles_input(z, c, r_rec_create, NROLES(r_rec_create), a)) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		r = realm_of(z, a[0]);
		if (r == NULL || params == NULL ||
		    !roles_ok(z, r_rec_create, NROLES(r_rec_create), a) ||
		    !rec_params_ok(z, r, a[1], params)) {
			return FZ_NO_PREDICTION;
		}
		/* realm_state is the first condition after the granules (conditions.spec). */
		return r->active ? ERR(RMI_ERROR_REALM, 0) : RMI_SUCCESS;
	}
	if (fid == RMI_RTT_SET_RIPAS_FID) {
		return roles_input(z, c, r_set_ripas, NROLES(r_set_ripas), a) ? ERR(RMI_ERROR_INPUT, 0)
									       : FZ_NO_PREDICTION;
	}
	if (fid == RMI_DATA_CREATE_FID || fid == RMI_DATA_CREATE_UNKNOWN_FID) {
		bool known = fid == RMI_DATA_CREATE_FID;
		const struct role *ro = known ? r_data_create : r_data_unknown;
		size_t n = known ? NROLES(r_data_create) : NROLES(r_data_unknown);

		if ((known && a[4] > RMI_MEASURE_CONTENT && input_certain(c, "flags")) ||
		    roles_input(z, c, ro, n, a)) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		r = realm_of(z, a[0]);
		if (r == NULL || !roles_ok(z, ro, n, a) || (known && a[4] > RMI_MEASURE_CONTENT)) {
			return FZ_NO_PREDICTION;
		}
		if (rtt_args_bad(r, a[2], 3, 3, 0, 1)) {
			return ERR(RMI_ERROR_INPUT, 0); /* ipa_align / ipa_bound */
		}
		if (known && r->active) {
			return ERR(RMI_ERROR_REALM, 0);
		}
		if (r->complex) {
			return FZ_NO_PREDICTION;
		}
		wl = walk_level(r, a[2], 3);
		if (wl < 3) {
			return ERR(RMI_ERROR_RTT, wl);
		}
		return data_index(r, a[2]) >= 0 ? ERR(RMI_ERROR_RTT, 3) : RMI_SUCCESS;
	}

	/* Every other command takes rd in X1. */
	if (roles_input(z, c, fid == RMI_RTT_CREATE_FID ? r_rtt_create : r_rd,
			fid == RMI_RTT_CREATE_FID ? 2U : 1U, a)) {
		return ERR(RMI_ERROR_INPUT, 0);
	}
	r = realm_of(z, a[0]);
	if (r == NULL) {
		return FZ_NO_PREDICTION;
	}
	switch (fid) {
	case RMI_REALM_ACTIVATE_FID:
		return r->active ? ERR(RMI_ERROR_REALM, 0) : RMI_SUCCESS;
	case RMI_REC_AUX_COUNT_FID:
		return RMI_SUCCESS;
	case RMI_REALM_DESTROY_FID:
		if (r->nrecs != 0U) {
			return ERR(RMI_ERROR_REALM, 0); /* realm_live */
		}
		return r->nrtt == 0U && r->ndata == 0U && r->nns == 0U && !r->complex
			       ? RMI_SUCCESS
			       : FZ_NO_PREDICTION;
	case RMI_RTT_READ_ENTRY_FID:
		return rtt_args_bad(r, a[1], (int64_t)a[2], r->sl, 0, 0) ? ERR(RMI_ERROR_INPUT, 0)
									  : RMI_SUCCESS;
	case RMI_DATA_DESTROY_FID:
		if (rtt_args_bad(r, a[1], 3, 3, 0, 1)) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		if (r->complex) {
			return FZ_NO_PREDICTION;
		}
		wl = walk_level(r, a[1], 3);
		if (wl < 3) {
			return ERR(RMI_ERROR_RTT, wl);
		}
		return data_index(r, a[1]) >= 0 ? RMI_SUCCESS : FZ_NO_PREDICTION;
	case RMI_RTT_MAP_UNPROTECTED_FID:
	case RMI_RTT_UNMAP_UNPROTECTED_FID: {
		int64_t level = (int64_t)a[2];
		int lo = r->sl > 1 ? r->sl : 1;

		if (level < 1 || level > 3) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		return level >= lo && rtt_args_bad(r, a[1], level, lo, 0, -1) ? ERR(RMI_ERROR_INPUT, 0)
									       : FZ_NO_PREDICTION;
	}
	case RMI_RTT_INIT_RIPAS_FID:
		if (a[2] <= a[1] || (a[1] & GRANULE_MASK) != 0U || a[2] > (1ULL << (r->s2sz - 1U))) {
			return ERR(RMI_ERROR_INPUT, 0); /* size_valid, base_gran_align, top_bound */
		}
		return r->active ? ERR(RMI_ERROR_REALM, 0) : FZ_NO_PREDICTION;
	case RMI_RTT_CREATE_FID:
	case RMI_RTT_DESTROY_FID:
	case RMI_RTT_FOLD_FID: {
		int64_t level = (int64_t)a[fid == RMI_RTT_CREATE_FID ? 3 : 2];
		ipa_t ipa = a[fid == RMI_RTT_CREATE_FID ? 2 : 1];

		if (rtt_args_bad(r, ipa, level, r->sl + 1, -1, 0)) {
			return ERR(RMI_ERROR_INPUT, 0);
		}
		if (r->complex || fid == RMI_RTT_FOLD_FID ||
		    (fid == RMI_RTT_CREATE_FID && !roles_ok(z, r_rtt_create, 2, a))) {
			return FZ_NO_PREDICTION;
		}
		wl = walk_level(r, ipa, (int)level - 1);
		if (wl < (int)level - 1) {
			return ERR(RMI_ERROR_RTT, wl);
		}
		if (fid == RMI_RTT_CREATE_FID) {
			return have_rtt(r, ipa, (int)level) ? ERR(RMI_ERROR_RTT, level - 1) : RMI_SUCCESS;
		}
		if (!have_rtt(r, ipa, (int)level)) {
			return ERR(RMI_ERROR_RTT, level - 1);
		}
		/* rtt_live: a child RTT or DATA below it (NS mappings: UNCONFIRMED, not predicted). */
		if (level < 3 && have_rtt(r, ipa, (int)level + 1)) {
			return ERR(RMI_ERROR_RTT, level);
		}
		for (unsigned i = 0; i < r->nrtt; i++) {
			if (r->rtt[i].level > level &&
			    (r->rtt[i].ipa & ~(fz_level_size((int)level - 1) - 1U)) == ipa) {
				return ERR(RMI_ERROR_RTT, level);
			}
		}
		for (unsigned i = 0; i < r->ndata; i++) {
			if ((r->data[i].ipa & ~(fz_level_size((int)level - 1) - 1U)) == ipa) {
				return ERR(RMI_ERROR_RTT, level);
			}
		}
		for (unsigned i = 0; i < r->nns; i++) {
			if ((r->ns_ipa[i] & ~(fz_level_size((int)level - 1) - 1U)) == ipa) {
				return FZ_NO_PREDICTION;
			}
		}
		return RMI_SUCCESS;
	}
	default:
		return FZ_NO_PREDICTION;
	}
}

uint64_t fz_oracle_predict(struct fz *z, const struct smc_regs *in, const uint8_t *params)
{
	uint64_t fid = in->x[0] & ~(1ULL << 16);
	const struct den0137_command *c;

	if (cmd_table[0] == NULL) {
		fz_oracle_init();
	}
	/* Unallocated numbers and anything outside the RMI range: SMC_UNKNOWN (abi.md §1). */
	if (fid < RMI_VERSION_FID || fid > RMI_RTT_SET_RIPAS_FID || cmd_table[FNUM(fid)] == NULL) {
		return SMC_UNKNOWN;
	}
	c = cmd_table[FNUM(fid)];
	return predict(z, c, fid, &in->x[1], params);
}

const char *fz_oracle_outputs(struct fz *z, const struct smc_regs *in, const struct smc_regs *out)
{
	static char why[256];
	uint64_t fid = in->x[0] & ~(1ULL << 16);
	uint64_t x0 = out->x[0];
	unsigned status = (unsigned)(x0 & 0xFFU), index = (unsigned)((x0 >> 8) & 0xFFU);
	const struct fz_realm *r;

	/* Return-code encoding (abi.md §5). */
	if (x0 != SMC_UNKNOWN &&
	    ((x0 >> 16) != 0U || status > RMI_ERROR_RTT ||
	     ((status == RMI_SUCCESS || status == RMI_ERROR_INPUT || status == RMI_ERROR_REC) &&
	      index != 0U) ||
	     (status == RMI_ERROR_REALM && index > (fid == RMI_REC_ENTER_FID ? 1U : 0U)) ||
	     (status == RMI_ERROR_RTT && index > 3U))) {
		snprintf(why, sizeof(why), "malformed return code 0x%" PRIx64 " for FID 0x%" PRIx64,
			 x0, in->x[0]);
		return why;
	}
	if (x0 != RMI_SUCCESS) {
		return NULL;
	}
	switch (fid) {
	case RMI_FEATURES_FID:
		if (out->x[1] != (in->x[1] == 0U ? fzp_feat_reg0() : 0U)) {
			return "RMI_FEATURES: X1 is not RmiFeatureRegister0 (index 0) or 0 (structures.md §4)";
		}
		break;
	case RMI_REC_AUX_COUNT_FID:
		if (out->x[1] > FZ_MAX_AUX) {
			return "RMI_REC_AUX_COUNT: aux_count > 16";
		}
		break;
	case RMI_RTT_READ_ENTRY_FID:
		r = realm_of(z, in->x[1]);
		if (out->x[2] > RMI_TABLE || out->x[4] > RMI_DESTROYED) {
			return "RMI_RTT_READ_ENTRY: state or ripas out of range";
		}
		if (r != NULL && ((int64_t)out->x[1] < r->sl || out->x[1] > in->x[3])) {
			return "RMI_RTT_READ_ENTRY: walk_level outside [sl, level]";
		}
		if (r != NULL && !r->complex && in->x[3] <= 3U &&
		    (int)in->x[3] > r->sl && have_rtt(r, in->x[2], (int)in->x[3]) &&
		    out->x[1] != in->x[3]) {
			return "RMI_RTT_READ_ENTRY: the RTT at level exists but walk_level differs";
		}
		break;
	case RMI_DATA_DESTROY_FID: {
		int i;

		r = realm_of(z, in->x[1]);
		i = r != NULL ? data_index(r, in->x[2]) : -1;
		if (i >= 0 && out->x[1] != r->data[i].pa) {
			return "RMI_DATA_DESTROY: X1 is not the DATA granule mapped at ipa";
		}
		break;
	}
	case RMI_RTT_DESTROY_FID: {
		const struct fz_rtt *t;

		r = realm_of(z, in->x[1]);
		t = r != NULL && in->x[3] <= 3U ? find_rtt(r, in->x[2], (int)in->x[3]) : NULL;
		if (t != NULL && out->x[1] != t->pa) {
			return "RMI_RTT_DESTROY: X1 is not the RTT at (ipa, level)";
		}
		break;
	}
	default:
		break;
	}
	return NULL;
}
