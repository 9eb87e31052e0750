/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cases: the ten RSI commands (commands.md "RSI commands"), issued by a
 * running realm (the realm agent) on a fresh platform each. The result a
 * case is judged on is the X0 the realm sees. The agent realm: s2sz 32
 * (protected IPAs below 2^31), RIPAS RAM over [RH_LOAD_IPA, +RH_RAM_SIZE)
 * with only the agent image populated, RIPAS EMPTY elsewhere.
 */
#include <mbedtls/sha256.h>
#include <string.h>

#include "conform_agent.h"

/* A RAM page (populated by the cases that need a mapped buffer). */
#define RAM CONFORM_AGENT_RAM
#define EMPTY CONFORM_AGENT_EMPTY
/* The highest protected page: [TOP_PAGE, TOP_PAGE + 2 pages) crosses into unprotected. */
#define TOP_PAGE 0x7FFFF000ULL

/* Buffer IPAs the cases hand to an RSI call. */
enum buf {
	BUF_RAM,       /* RAM, populated: mapped RAM */
	BUF_ALIGN,     /* RAM + @misalign, populated */
	BUF_UNPROT,    /* an Unprotected IPA */
	BUF_EMPTY,     /* a protected IPA whose RIPAS is EMPTY */
};

static uint64_t buf_ipa(const struct agent *a, enum buf b, uint64_t misalign)
{
	switch (b) {
	case BUF_RAM:
		return RAM;
	case BUF_ALIGN:
		return RAM + misalign;
	case BUF_UNPROT:
		return a->unprot_base + 0x30000ULL;
	case BUF_EMPTY:
		return EMPTY;
	}
	return 0;
}

/* An agent realm with RAM populated; NULL (case failed) on error. */
static struct agent *rsi_realm(struct conform_ctx *c)
{
	struct agent *a = conform_agent_new(c, 1);

	if (a != NULL && !conform_agent_populate(c, a, RAM)) {
		conform_agent_free(a);
		return NULL;
	}
	return a;
}

/* The realm issues @x (X0..X10); its X0 is the result. */
static void rsi_one(struct conform_ctx *c, const uint64_t x[11])
{
	struct agent *a = rsi_realm(c);

	if (a != NULL) {
		conform_rsi_call(c, a, x, NULL);
	}
	conform_agent_free(a);
}

/* The realm issues @fid with X1 = the buffer IPA @b, X2, X3. */
static void rsi_buf(struct conform_ctx *c, uint64_t fid, enum buf b, uint64_t misalign, uint64_t x2,
		    uint64_t x3)
{
	struct agent *a = rsi_realm(c);

	if (a != NULL) {
		conform_rsi_call(c, a, (uint64_t[11]){ fid, buf_ipa(a, b, misalign), x2, x3 }, NULL);
	}
	conform_agent_free(a);
}

/* ---- RSI_VERSION: no failure conditions (choice RSI_VERSION_NO_CONDITIONS) ---- */

static void version_success(struct conform_ctx *c)
{
	struct agent *a = rsi_realm(c);
	uint64_t out[8];

	if (a == NULL) {
		return;
	}
	if (conform_rsi_call(c, a, (uint64_t[11]){ RSI_VERSION_FID, RSI_ABI_VERSION }, out)) {
		conform_check(c, out[1] == RSI_ABI_VERSION && out[2] == RSI_ABI_VERSION,
			      "X1 = lower = 1.0, X2 = higher = 1.0");
	}
	if (conform_agent_smc(c, a, (uint64_t[11]){ RSI_VERSION_FID, 0x20000 }, out)) {
		conform_check(c, out[0] == RSI_ERROR_INPUT && out[1] == RSI_ABI_VERSION &&
					 out[2] == RSI_ABI_VERSION,
			      "RSI_VERSION(2.0) is ERROR_INPUT with X1 = X2 = 1.0");
	}
	conform_agent_free(a);
}

/* ---- RSI_FEATURES: no failure conditions ---- */

static void features_success(struct conform_ctx *c)
{
	struct agent *a = rsi_realm(c);
	uint64_t out[8];

	if (a == NULL) {
		return;
	}
	if (conform_rsi_call(c, a, (uint64_t[11]){ RSI_FEATURES_FID, 0 }, out)) {
		conform_check(c, out[1] == 0, "RSI_FEATURES(0): X1 = 0");
	}
	if (conform_agent_smc(c, a, (uint64_t[11]){ RSI_FEATURES_FID, 1 }, out)) {
		conform_check(c, out[0] == RSI_SUCCESS && out[1] == 0, "RSI_FEATURES(1): X1 = 0");
	}
	conform_agent_free(a);
}

/* ---- RSI_MEASUREMENT_READ: X1 = index ---- */

static void measr_index_bound(struct conform_ctx *c)
{
	/* index_bound: index > 4 */
	rsi_one(c, (uint64_t[11]){ RSI_MEASUREMENT_READ_FID, 5 });
}

static void measr_success(struct conform_ctx *c)
{
	struct agent *a = rsi_realm(c);
	uint64_t out[8];

	if (a == NULL) {
		return;
	}
	/* The RIM of a SHA-256 realm: 32 significant bytes (X1..X4), zero beyond. */
	if (conform_rsi_call(c, a, (uint64_t[11]){ RSI_MEASUREMENT_READ_FID, 0 }, out)) {
		conform_check(c, (out[1] | out[2] | out[3] | out[4]) != 0, "RIM is not zero");
		conform_check(c, (out[5] | out[6] | out[7]) == 0, "RIM bytes 32..55 are zero");
	}
	/* REMs start at zero ([ACS] measurement_initial_rem_is_zero). */
	if (conform_agent_smc(c, a, (uint64_t[11]){ RSI_MEASUREMENT_READ_FID, 4 }, out)) {
		conform_check(c, out[0] == RSI_SUCCESS &&
					 (out[1] | out[2] | out[3] | out[4] | out[5] | out[6] |
					  out[7]) == 0,
			      "REM[3] (index 4) reads zero");
	}
	conform_agent_free(a);
}

/* ---- RSI_MEASUREMENT_EXTEND: X1 = index, X2 = size, X3..X10 = value ---- */

static void mease_index_bound(struct conform_ctx *c)
{
	struct agent *a = rsi_realm(c);
	uint64_t out[8];

	if (a == NULL) {
		return;
	}
	/* index_bound: index 0 (the RIM is not extensible); index 5 also fails. */
	conform_rsi_call(c, a, (uint64_t[11]){ RSI_MEASUREMENT_EXTEND_FID, 0, 8, 1 }, NULL);
	if (conform_agent_smc(c, a, (uint64_t[11]){ RSI_MEASUREMENT_EXTEND_FID, 5, 8, 1 }, out)) {
		conform_check(c, out[0] == RSI_ERROR_INPUT, "index 5 is ERROR_INPUT too");
	}
	conform_agent_free(a);
}

static void mease_size_bound(struct conform_ctx *c)
{
	/* size_bound: size > 64 */
	rsi_one(c, (uint64_t[11]){ RSI_MEASUREMENT_EXTEND_FID, 1, 65, 1 });
}

static void mease_success(struct conform_ctx *c)
{
	const uint64_t value = 0x0123456789ABCDEFULL;
	uint8_t in[40], want[32];
	struct agent *a = rsi_realm(c);
	uint64_t out[8], got;

	if (a == NULL) {
		return;
	}
	if (!conform_rsi_call(c, a, (uint64_t[11]){ RSI_MEASUREMENT_EXTEND_FID, 1, 8, value }, NULL) ||
	    !conform_agent_smc(c, a, (uint64_t[11]){ RSI_MEASUREMENT_READ_FID, 1 }, out)) {
		conform_agent_free(a);
		return;
	}
	/* REM[0] = SHA-256(REM[0] (32 zero bytes) || value bytes 0..7, little-endian). */
	memset(in, 0, 32);
	memcpy(in + 32, &value, 8);
	if (mbedtls_sha256_ret(in, sizeof(in), want, 0) != 0) {
		conform_fail(c, "mbedtls_sha256_ret failed");
	}
	for (unsigned i = 0; i < 4; i++) {
		memcpy(&got, want + 8 * i, 8);
		conform_check(c, out[1 + i] == got, "REM[0] = H(REM[0] || value)");
	}
	conform_check(c, (out[5] | out[6] | out[7]) == 0, "REM[0] bytes 32..55 are zero");
	conform_agent_free(a);
}

/* ---- RSI_ATTESTATION_TOKEN_INIT: X1..X8 = challenge; no failure conditions ---- */

static const uint64_t challenge[11] = {
	RSI_ATTESTATION_TOKEN_INIT_FID, 0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777,
	0x8888,
};

static void tinit_success(struct conform_ctx *c)
{
	struct agent *a = rsi_realm(c);
	uint64_t out[8];

	if (a == NULL) {
		return;
	}
	if (conform_rsi_call(c, a, challenge, out)) {
		conform_check(c, out[1] > 0, "X1 = upper bound of the token size > 0");
	}
	conform_agent_free(a);
}

/* ---- RSI_ATTESTATION_TOKEN_CONTINUE: X1 = buffer IPA, X2 = offset, X3 = size ---- */

/* With or without a token in progress (@init), the realm issues CONTINUE. */
static void tcont(struct conform_ctx *c, bool init, enum buf b, uint64_t misalign,
		  uint64_t offset, uint64_t size)
{
	struct agent *a = rsi_realm(c);

	if (a != NULL && (!init || conform_agent_smc(c, a, challenge, NULL))) {
		conform_rsi_call(c, a,
				 (uint64_t[11]){ RSI_ATTESTATION_TOKEN_CONTINUE_FID,
						 buf_ipa(a, b, misalign), offset, size },
				 NULL);
	}
	conform_agent_free(a);
}

static void tcont_addr_align(struct conform_ctx *c)
{
	tcont(c, true, BUF_ALIGN, 0x800, 0, 0x800);
}

static void tcont_addr_bound(struct conform_ctx *c) { tcont(c, true, BUF_UNPROT, 0, 0, 0x1000); }
static void tcont_offset_bound(struct conform_ctx *c) { tcont(c, true, BUF_RAM, 0, 0x1000, 0); }

static void tcont_size_overflow(struct conform_ctx *c)
{
	tcont(c, true, BUF_RAM, 0, 8, ~0ULL - 3); /* offset + size wraps */
}

static void tcont_size_bound(struct conform_ctx *c) { tcont(c, true, BUF_RAM, 0, 8, 0x1000); }
/* state: no RSI_ATTESTATION_TOKEN_INIT */
static void tcont_state(struct conform_ctx *c) { tcont(c, false, BUF_RAM, 0, 0, 0x1000); }
static void tcont_ripas_empty(struct conform_ctx *c) { tcont(c, true, BUF_EMPTY, 0, 0, 0x1000); }

static void tcont_pair_size_bound_state(struct conform_ctx *c)
{
	tcont(c, false, BUF_RAM, 0, 8, 0x1000);
}

static void tcont_pair_state_ripas_empty(struct conform_ctx *c)
{
	tcont(c, false, BUF_EMPTY, 0, 0, 0x1000);
}

static void tcont_success(struct conform_ctx *c)
{
	const uint64_t cont[11] = { RSI_ATTESTATION_TOKEN_CONTINUE_FID, RAM, 0, 0x1000 };
	struct agent *a = conform_agent_new(c, 1);
	uint64_t out[8], bound = 0, total = 0, head = 0;
	unsigned calls = 0;

	if (a == NULL) {
		return;
	}
	if (!conform_agent_smc(c, a, challenge, out)) {
		goto out;
	}
	bound = out[1];
	/* The buffer is RIPAS RAM but not populated: a stage-2 data abort exit, call not done. */
	if (!conform_agent_exit(c, a, cont, RMI_EXIT_SYNC)) {
		goto out;
	}
	conform_check(c, a->exit.hpfar == RAM >> 8, "unmapped buffer: exit hpfar = its IPA");
	if (!conform_agent_populate(c, a, RAM) || !conform_agent_resume(c, a, 0, NULL, 0, out)) {
		goto out;
	}
	/* The realm re-issued the call; then CONTINUE until the last chunk. */
	for (;;) {
		total += out[1];
		if (calls++ == 0 && !conform_agent_load(c, a, RAM, &head)) {
			goto out;
		}
		if (out[0] != RSI_INCOMPLETE || calls > 64 ||
		    !conform_agent_smc(c, a, cont, out)) {
			break;
		}
	}
	conform_got(c, out[0]);
	conform_check(c, total > 0 && total <= bound, "0 < token size <= INIT's upper bound");
	/* CCA token: CBOR tag 399 = d9 01 8f (attestation.md). */
	conform_check(c, (head & 0xFFFFFFU) == 0x8F01D9U, "token starts with CBOR tag 399");
	/* The context resets after the last chunk. */
	if (conform_agent_smc(c, a, cont, out)) {
		conform_check(c, out[0] == RSI_ERROR_STATE, "CONTINUE after the last chunk: ERROR_STATE");
	}
out:
	conform_agent_free(a);
}

/* ---- RSI_REALM_CONFIG: X1 = buffer IPA ---- */

static void rcfg_addr_align(struct conform_ctx *c)
{
	rsi_buf(c, RSI_REALM_CONFIG_FID, BUF_ALIGN, 0x800, 0, 0);
}

static void rcfg_addr_bound(struct conform_ctx *c)
{
	rsi_buf(c, RSI_REALM_CONFIG_FID, BUF_UNPROT, 0, 0, 0);
}

static void rcfg_ripas_empty(struct conform_ctx *c)
{
	rsi_buf(c, RSI_REALM_CONFIG_FID, BUF_EMPTY, 0, 0, 0);
}


static void rcfg_success(struct conform_ctx *c)
{
	const uint64_t cfg[11] = { RSI_REALM_CONFIG_FID, RAM };
	struct agent *a = conform_agent_new(c, 1);
	uint64_t out[8], v = 0;

	if (a == NULL) {
		return;
	}
	/* Unpopulated RAM: stage-2 data abort exit; the realm re-issues the call once populated. */
	if (!conform_agent_exit(c, a, cfg, RMI_EXIT_SYNC) ||
	    !conform_check(c, a->exit.hpfar == RAM >> 8, "unmapped buffer: exit hpfar = its IPA") ||
	    !conform_agent_populate(c, a, RAM) || !conform_agent_resume(c, a, 0, NULL, 0, out)) {
		goto out;
	}
	conform_got(c, out[0]);
	if (conform_agent_load(c, a, RAM + RSI_REALM_CONFIG_IPA_WIDTH_OFFSET, &v)) {
		conform_check(c, v == 32, "RsiRealmConfig.ipa_width = 32");
	}
	if (conform_agent_load(c, a, RAM + RSI_REALM_CONFIG_HASH_ALGO_OFFSET, &v)) {
		conform_check(c, (v & 0xFFU) == RSI_HASH_SHA_256, "RsiRealmConfig.hash_algo = SHA-256");
	}
out:
	conform_agent_free(a);
}

/* ---- RSI_IPA_STATE_SET: X1 = base, X2 = top, X3 = ripas, X4 = flags ---- */

static void iset(struct conform_ctx *c, uint64_t base, uint64_t top, uint64_t ripas)
{
	rsi_one(c, (uint64_t[11]){ RSI_IPA_STATE_SET_FID, base, top, ripas, RSI_NO_CHANGE_DESTROYED });
}

static void iset_base_align(struct conform_ctx *c)
{
	iset(c, RAM + 0x800, RAM + 0x2000, RSI_EMPTY);
}

static void iset_top_align(struct conform_ctx *c) { iset(c, RAM, RAM + 0x1800, RSI_EMPTY); }
static void iset_size_valid(struct conform_ctx *c) { iset(c, RAM, RAM, RSI_EMPTY); }
/* rgn_bound: [base, top) crosses 2^(w-1) = 2^31 */
static void iset_rgn_bound(struct conform_ctx *c)
{
	iset(c, TOP_PAGE, TOP_PAGE + 0x2000, RSI_EMPTY);
}
/* ripas_valid: DESTROYED cannot be requested */
static void iset_ripas_valid(struct conform_ctx *c)
{
	iset(c, RAM, RAM + 0x1000, RSI_DESTROYED);
}

static void iset_success(struct conform_ctx *c)
{
	const uint64_t req[11] = { RSI_IPA_STATE_SET_FID, RAM, RAM + 0x2000, RSI_EMPTY,
				   RSI_NO_CHANGE_DESTROYED };
	struct agent *a = conform_agent_new(c, 1);
	struct smc_regs r;
	uint64_t out[8];

	if (a == NULL) {
		return;
	}
	if (!conform_agent_exit(c, a, req, RMI_EXIT_RIPAS_CHANGE)) {
		goto out;
	}
	conform_check(c, a->exit.ripas_base == RAM && a->exit.ripas_top == RAM + 0x2000 &&
				 a->exit.ripas_value == RMI_EMPTY,
		      "RMI_EXIT_RIPAS_CHANGE with ripas_base/top/value of the request");
	if (!conform_setup(c, RMI_RTT_SET_RIPAS_FID,
			   (uint64_t[5]){ a->rh.rd, a->rh.recs[0].pa, RAM, RAM + 0x2000 }, &r) ||
	    !conform_check(c, r.x[1] == RAM + 0x2000, "RMI_RTT_SET_RIPAS: X1 = top") ||
	    !conform_agent_resume(c, a, 0, NULL, 0, out)) {
		goto out;
	}
	conform_got(c, out[0]);
	conform_check(c, out[1] == RAM + 0x2000 && out[2] == RSI_ACCEPT,
		      "X1 = new base = top, X2 = ACCEPT");
	if (conform_agent_smc(c, a, (uint64_t[11]){ RSI_IPA_STATE_GET_FID, RAM, RAM + 0x2000 }, out)) {
		conform_check(c, out[0] == RSI_SUCCESS && out[2] == RSI_EMPTY,
			      "RSI_IPA_STATE_GET reports EMPTY afterwards");
	}
out:
	conform_agent_free(a);
}

/* ---- RSI_IPA_STATE_GET: X1 = base, X2 = end ---- */

static void iget(struct conform_ctx *c, uint64_t base, uint64_t end)
{
	rsi_one(c, (uint64_t[11]){ RSI_IPA_STATE_GET_FID, base, end });
}

static void iget_base_align(struct conform_ctx *c) { iget(c, RAM + 0x800, RAM + 0x1000); }
static void iget_end_align(struct conform_ctx *c) { iget(c, RAM, RAM + 0x1800); }
static void iget_size_valid(struct conform_ctx *c) { iget(c, RAM, RAM); }
static void iget_rgn_bound(struct conform_ctx *c) { iget(c, TOP_PAGE, TOP_PAGE + 0x2000); }

static void iget_success(struct conform_ctx *c)
{
	struct agent *a = conform_agent_new(c, 1);
	uint64_t out[8];

	if (a == NULL) {
		return;
	}
	if (conform_rsi_call(c, a, (uint64_t[11]){ RSI_IPA_STATE_GET_FID, RAM, RAM + 0x1000 }, out)) {
		conform_check(c, out[1] == RAM + 0x1000 && out[2] == RSI_RAM,
			      "RAM page: X1 = end, X2 = RAM");
	}
	if (conform_agent_smc(c, a, (uint64_t[11]){ RSI_IPA_STATE_GET_FID, EMPTY, EMPTY + 0x1000 },
			      out)) {
		conform_check(c, out[0] == RSI_SUCCESS && out[1] == EMPTY + 0x1000 &&
					 out[2] == RSI_EMPTY,
			      "outside realm RAM: X1 = end, X2 = EMPTY");
	}
	conform_agent_free(a);
}

/* ---- RSI_HOST_CALL: X1 = RsiHostCall IPA (256-byte aligned) ---- */

/* addr_align: 128-byte aligned is not enough (256) */
static void hcall_addr_align(struct conform_ctx *c)
{
	rsi_buf(c, RSI_HOST_CALL_FID, BUF_ALIGN, 0x80, 0, 0);
}

static void hcall_addr_bound(struct conform_ctx *c)
{
	rsi_buf(c, RSI_HOST_CALL_FID, BUF_UNPROT, 0, 0, 0);
}

static void hcall_ripas_empty(struct conform_ctx *c)
{
	rsi_buf(c, RSI_HOST_CALL_FID, BUF_EMPTY, 0, 0, 0);
}


static void hcall_success(struct conform_ctx *c)
{
	const uint64_t hc[11] = { RSI_HOST_CALL_FID, RAM + 0x100 };
	struct agent *a = conform_agent_new(c, 1);
	uint64_t gprs[31], out[8], v = 0;

	if (a == NULL) {
		return;
	}
	for (unsigned i = 0; i < 31; i++) {
		gprs[i] = 0xC0DE0000ULL + i;
	}
	/* Unpopulated RAM: stage-2 data abort exit first; then the host call itself. */
	if (!conform_agent_exit(c, a, hc, RMI_EXIT_SYNC) ||
	    !conform_check(c, a->exit.hpfar == (RAM + 0x100) >> 8,
			   "unmapped RsiHostCall: exit hpfar = its IPA") ||
	    !conform_agent_populate(c, a, RAM) ||
	    !conform_agent_resume_exit(c, a, 0, NULL, 0, RMI_EXIT_HOST_CALL) ||
	    !conform_agent_resume(c, a, 0, gprs, 31, out)) {
		goto out;
	}
	conform_got(c, out[0]);
	/* The host's enter.gprs land in RsiHostCall.gprs. */
	if (conform_agent_load(c, a, RAM + 0x100 + RSI_HOST_CALL_GPRS_OFFSET, &v)) {
		conform_check(c, v == gprs[0], "RsiHostCall.gprs[0] = enter.gprs[0]");
	}
	if (conform_agent_load(c, a, RAM + 0x100 + RSI_HOST_CALL_GPRS_OFFSET + 8 * 30, &v)) {
		conform_check(c, v == gprs[30], "RsiHostCall.gprs[30] = enter.gprs[30]");
	}
out:
	conform_agent_free(a);
}

static const struct conform_case cases[] = {
	{ "RSI_VERSION", "success", version_success, NULL },
	{ "RSI_FEATURES", "success", features_success, NULL },
	{ "RSI_MEASUREMENT_READ", "index_bound", measr_index_bound, NULL },
	{ "RSI_MEASUREMENT_READ", "success", measr_success, NULL },
	{ "RSI_MEASUREMENT_EXTEND", "index_bound", mease_index_bound, NULL },
	{ "RSI_MEASUREMENT_EXTEND", "size_bound", mease_size_bound, NULL },
	{ "RSI_MEASUREMENT_EXTEND", "success", mease_success, NULL },
	{ "RSI_ATTESTATION_TOKEN_INIT", "success", tinit_success, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "addr_align", tcont_addr_align, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "addr_bound", tcont_addr_bound, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "offset_bound", tcont_offset_bound, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "size_overflow", tcont_size_overflow, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "size_bound", tcont_size_bound, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "state", tcont_state, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "ripas_empty", tcont_ripas_empty, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "pair:size_bound>state", tcont_pair_size_bound_state, NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "pair:state>ripas_empty", tcont_pair_state_ripas_empty,
	  NULL },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", "success", tcont_success, NULL },
	{ "RSI_REALM_CONFIG", "addr_align", rcfg_addr_align, NULL },
	{ "RSI_REALM_CONFIG", "addr_bound", rcfg_addr_bound, NULL },
	{ "RSI_REALM_CONFIG", "ripas_empty", rcfg_ripas_empty, NULL },
	{ "RSI_REALM_CONFIG", "success", rcfg_success, NULL },
	{ "RSI_IPA_STATE_SET", "base_align", iset_base_align, NULL },
	{ "RSI_IPA_STATE_SET", "top_align", iset_top_align, NULL },
	{ "RSI_IPA_STATE_SET", "size_valid", iset_size_valid, NULL },
	{ "RSI_IPA_STATE_SET", "rgn_bound", iset_rgn_bound, NULL },
	{ "RSI_IPA_STATE_SET", "ripas_valid", iset_ripas_valid, NULL },
	{ "RSI_IPA_STATE_SET", "success", iset_success, NULL },
	{ "RSI_IPA_STATE_GET", "base_align", iget_base_align, NULL },
	{ "RSI_IPA_STATE_GET", "end_align", iget_end_align, NULL },
	{ "RSI_IPA_STATE_GET", "size_valid", iget_size_valid, NULL },
	{ "RSI_IPA_STATE_GET", "rgn_bound", iget_rgn_bound, NULL },
	{ "RSI_IPA_STATE_GET", "success", iget_success, NULL },
	{ "RSI_HOST_CALL", "addr_align", hcall_addr_align, NULL },
	{ "RSI_HOST_CALL", "addr_bound", hcall_addr_bound, NULL },
	{ "RSI_HOST_CALL", "ripas_empty", hcall_ripas_empty, NULL },
	{ "RSI_HOST_CALL", "success", hcall_success, NULL },
};
CONFORM_SET(conform_cases_rsi, cases);
