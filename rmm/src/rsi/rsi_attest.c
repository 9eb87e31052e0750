/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSI_ATTESTATION_TOKEN_INIT / _CONTINUE (attestation.md §4). The per-REC
 * context lives in the REC's aux granules, as in TF-RMM: aux[0] holds
 * struct rsi_attest_ctx (the claims snapshot taken at INIT and the copy
 * progress), aux[1..] hold the signed CCA token once CONTINUE has built it.
 * Aux granules are zero when the REC is created, which is the IDLE state.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "attest/attest.h"
#include "den0137_abi.h"
#include "rsi_private.h"

enum rsi_attest_state {
	ATTEST_IDLE = 0,   /* no token in progress (zeroed aux) */
	ATTEST_CLAIMS = 1, /* INIT done: claims snapshot, token not signed yet */
	ATTEST_TOKEN = 2,  /* token signed into aux[1..], being copied out */
};

struct rsi_attest_ctx {
	uint32_t state;    /* enum rsi_attest_state */
	uint32_t hash_algo;
	uint8_t challenge[ATTEST_CHALLENGE_SIZE];
	uint8_t rpv[ATTEST_RPV_SIZE];
	uint8_t rim[RMM_MEASUREMENT_SIZE];
	uint8_t rem[ATTEST_REM_COUNT][RMM_MEASUREMENT_SIZE];
	uint64_t token_len;
	uint64_t copied;   /* bytes already delivered to the realm */
	/* A realm created through RMI 2.0: its instance ID (2.0 token profile). */
	bool v2;
	uint8_t instance_id[ATTEST_INSTANCE_ID_SIZE];
};

_Static_assert(sizeof(struct rsi_attest_ctx) <= GRANULE_SIZE, "context fits aux[0]");

void rsi_attest_set_keys(struct rmm *rmm, const struct attest_keys *keys)
{
	rmm->attest_keys = keys;
}

static void attest_account(void *ctx, enum rmm_cost ev, uint64_t n)
{
	rmm_account(ctx, ev, n);
}

int rmm_attest_init(struct rmm *rmm, const uint8_t *rak_priv, const uint8_t *plat_token,
		    size_t plat_len)
{
	struct attest_keys *k = calloc(1, sizeof(*k));
	int ret;

	if (k == NULL) {
		return -ENOMEM;
	}
	ret = attest_keys_init(k, rak_priv, plat_token, plat_len);
	if (ret != 0) {
		free(k);
		return ret;
	}
	attest_keys_set_account(k, attest_account, rmm);
	rmm_attest_fini(rmm);
	rmm->owned_keys = k;
	rmm->attest_keys = k;
	return 0;
}

void rmm_attest_fini(struct rmm *rmm)
{
	if (rmm->owned_keys != NULL) {
		if (rmm->attest_keys == rmm->owned_keys) {
			rmm->attest_keys = NULL;
		}
		attest_keys_free(rmm->owned_keys);
		free(rmm->owned_keys);
		rmm->owned_keys = NULL;
	}
}

static struct rsi_attest_ctx *attest_ctx(struct rmm *rmm, const struct rec *rec)
{
	if (rec->num_aux == 0U) {
		return NULL;
	}
	return (struct rsi_attest_ctx *)granule_map(rmm, granule_find(rmm, rec->aux[0]));
}

/* Bytes of token storage in aux[1..num_aux). */
static size_t attest_token_cap(const struct rec *rec)
{
	return rec->num_aux > 1U ? (size_t)(rec->num_aux - 1U) * GRANULE_SIZE : 0U;
}

/* Copies @len bytes between @buf and token offset @off (aux[1..] in order). */
static void attest_token_io(struct rmm *rmm, const struct rec *rec, uint64_t off, uint8_t *buf,
			    size_t len, bool to_aux)
{
	while (len > 0U) {
		size_t gi = (size_t)(off / GRANULE_SIZE);
		size_t go = (size_t)(off % GRANULE_SIZE);
		size_t n = GRANULE_SIZE - go < len ? GRANULE_SIZE - go : len;
		uint8_t *p = (uint8_t *)granule_map(rmm, granule_find(rmm, rec->aux[1U + gi])) + go;

		if (to_aux) {
			memcpy(p, buf, n);
		} else {
			memcpy(buf, p, n);
		}
		off += n;
		buf += n;
		len -= n;
	}
}

RSI_HANDLER(rsi_attest_token_init)
{
	struct rsi_attest_ctx *ctx = attest_ctx(rmm, rec);
	struct granule *g_rd;
	struct rd *rd;

	(void)res;
	/*
	 * CHOICE(attest-no-keys): no keys set (rsi_attest_set_keys) or too few
	 * aux granules for the token is the "internal failure" of
	 * commands.md: RSI_ERROR_UNKNOWN, as TF-RMM.
	 */
	if (ctx == NULL || rmm->attest_keys == NULL ||
	    attest_token_cap(rec) < attest_token_max_size()) {
		rec->regs.x[0] = RSI_ERROR_UNKNOWN;
		return;
	}
	/* Aborts any token in progress and snapshots the claims now. */
	memset(ctx, 0, sizeof(*ctx));
	for (unsigned i = 0; i < 8U; i++) {
		rsi_put64(ctx->challenge, 8U * i, rec->regs.x[1U + i]);
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	ctx->hash_algo = rd->hash_algo;
	memcpy(ctx->rpv, rd->rpv, sizeof(ctx->rpv));
	memcpy(ctx->rim, rd->measurement[0], sizeof(ctx->rim));
	memcpy(ctx->rem, rd->measurement[1], sizeof(ctx->rem));
	ctx->v2 = rsi_realm_is_v2(rd);
	memcpy(ctx->instance_id, rd->v2_instance_id, sizeof(ctx->instance_id));
	rsi_rd_unlock(g_rd);
	ctx->state = ATTEST_CLAIMS;
	rec->regs.x[0] = RSI_SUCCESS;
	rec->regs.x[1] = attest_token_max_size();
}

/* Signs the snapshot into aux[1..]; false on an internal failure. */
static bool attest_sign(struct rmm *rmm, const struct rec *rec, struct rsi_attest_ctx *ctx)
{
	size_t cap = attest_token_max_size();
	uint8_t *tok = malloc(cap);
	size_t len = 0;
	struct attest_claims c = {
		.challenge = ctx->challenge,
		.rpv = ctx->rpv,
		.hash_algo = ctx->hash_algo,
		.rim = ctx->rim,
		.rem = (const uint8_t(*)[64])ctx->rem,
		.hash_size = ctx->hash_algo == RMI_HASH_SHA_512 ? 64U : 32U,
		/* 2.0 realm: "realm#2.0.0", instance ID, MEC policy 0 (shared; no MEC). */
		.instance_id = ctx->v2 ? ctx->instance_id : NULL,
		.mec_policy = 0,
	};

	if (tok == NULL) {
		return false;
	}
	if (attest_token_build(rmm->attest_keys, &c, tok, cap, &len) != 0 || len == 0U ||
	    len > attest_token_cap(rec)) {
		free(tok);
		return false;
	}
	attest_token_io(rmm, rec, 0, tok, len, true);
	free(tok);
	ctx->token_len = len;
	ctx->copied = 0;
	ctx->state = ATTEST_TOKEN;
	return true;
}

RSI_HANDLER(rsi_attest_token_continue)
{
	ipa_t addr = rec->regs.x[1];
	uint64_t offset = rec->regs.x[2];
	uint64_t size = rec->regs.x[3];
	struct rsi_attest_ctx *ctx = attest_ctx(rmm, rec);
	struct granule *g_rd;
	struct rd *rd;
	struct rsi_buf buf;
	uint64_t len;
	bool prot;

	/* addr_align */
	if ((addr & GRANULE_MASK) != 0U) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	prot = addr_in_par(rd, addr);
	rsi_rd_unlock(g_rd);
	/* addr_bound */
	if (!prot) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* offset_bound */
	if (offset >= GRANULE_SIZE) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* size_overflow */
	if (offset + size < offset) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* size_bound */
	if (offset + size > GRANULE_SIZE) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		return;
	}
	/* state: no INIT, or the last token was fully delivered (INPUT checks first, TF-RMM). */
	if (ctx == NULL || ctx->state == ATTEST_IDLE) {
		rec->regs.x[0] = RSI_ERROR_STATE;
		return;
	}
	/*
	 * Signing phase, before the buffer is looked at (TF-RMM order) and
	 * without the RD lock: it needs only the snapshot.
	 * CHOICE(attest-sign-once): signed in one go; this layer has no
	 * pending-IRQ check, so it never returns the RSI_INCOMPLETE /
	 * RMI_EXIT_IRQ pair of attestation.md §4 (allowed, not required).
	 */
	if (ctx->state == ATTEST_CLAIMS && !attest_sign(rmm, rec, ctx)) {
		memset(ctx, 0, sizeof(*ctx));
		rec->regs.x[0] = RSI_ERROR_UNKNOWN;
		return;
	}
	rd = rsi_rd_lock(rmm, rec, &g_rd);
	rsi_buf_lookup(rmm, rd, addr, &buf);
	/* RIPAS EMPTY (states.md §4 row 2) */
	if (buf.state == RSI_BUF_EMPTY) {
		rec->regs.x[0] = RSI_ERROR_INPUT;
		goto out;
	}
	/* Not mapped RAM: stage-2 abort exit, the realm re-issues the call. */
	if (buf.state == RSI_BUF_UNMAPPED) {
		rsi_stage2_abort(rec, addr, buf.level, res);
		goto out;
	}
	/* Copy phase: min(size, remaining) bytes to IPA + offset. */
	len = ctx->token_len - ctx->copied;
	len = size < len ? size : len;
	attest_token_io(rmm, rec, ctx->copied, buf.ptr + offset, (size_t)len, false);
	ctx->copied += len;
	rec->regs.x[1] = len;
	if (ctx->copied == ctx->token_len) {
		memset(ctx, 0, sizeof(*ctx));
		rec->regs.x[0] = RSI_SUCCESS;
	} else {
		rec->regs.x[0] = RSI_INCOMPLETE;
	}
out:
	rsi_rd_unlock(g_rd);
}
