/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rmm_hash backend on mbedTLS (2.28 "_ret" API): portable C, no CPU SHA
 * instructions. The fallback when libcrypto is not there, and the second
 * backend the known-answer and cross-backend tests compare against.
 */
#include <string.h>

#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "rmm_hash.h"

_Static_assert(sizeof(mbedtls_sha256_context) <= RMM_HASH_STATE_SIZE, "RMM_HASH_STATE_SIZE");
_Static_assert(sizeof(mbedtls_sha512_context) <= RMM_HASH_STATE_SIZE, "RMM_HASH_STATE_SIZE");
_Static_assert(_Alignof(mbedtls_sha512_context) <= 16, "rmm_hash_ctx.state alignment");

static void check(int ret, const char *what)
{
	if (ret != 0) {
		rmm_hash_fail("mbedtls", what);
	}
}

static void mb_digest(enum rmm_hash_algo algo, const void *data, size_t len, uint8_t *out)
{
	uint8_t full[64]; /* mbedTLS documents a 64-byte output for SHA-384 too */

	switch (algo) {
	case RMM_HASH_SHA256:
		check(mbedtls_sha256_ret(data, len, out, 0), "sha256");
		return;
	case RMM_HASH_SHA384:
		check(mbedtls_sha512_ret(data, len, full, 1), "sha384");
		memcpy(out, full, 48U);
		return;
	case RMM_HASH_SHA512:
		check(mbedtls_sha512_ret(data, len, out, 0), "sha512");
		return;
	case RMM_HASH_ALGO_COUNT:
		break;
	}
	rmm_hash_fail("mbedtls", "unknown algorithm");
}

static mbedtls_sha256_context *s256(struct rmm_hash_ctx *ctx)
{
	return (mbedtls_sha256_context *)(void *)ctx->state;
}

static mbedtls_sha512_context *s512(struct rmm_hash_ctx *ctx)
{
	return (mbedtls_sha512_context *)(void *)ctx->state;
}

static void mb_init(struct rmm_hash_ctx *ctx)
{
	if (ctx->algo == RMM_HASH_SHA256) {
		mbedtls_sha256_init(s256(ctx));
		check(mbedtls_sha256_starts_ret(s256(ctx), 0), "sha256 init");
	} else {
		mbedtls_sha512_init(s512(ctx));
		check(mbedtls_sha512_starts_ret(s512(ctx), ctx->algo == RMM_HASH_SHA384),
		      "sha512 init");
	}
}

static void mb_update(struct rmm_hash_ctx *ctx, const void *data, size_t len)
{
	if (ctx->algo == RMM_HASH_SHA256) {
		check(mbedtls_sha256_update_ret(s256(ctx), data, len), "sha256 update");
	} else {
		check(mbedtls_sha512_update_ret(s512(ctx), data, len), "sha512 update");
	}
}

static void mb_final(struct rmm_hash_ctx *ctx, uint8_t *out)
{
	uint8_t full[64];

	if (ctx->algo == RMM_HASH_SHA256) {
		check(mbedtls_sha256_finish_ret(s256(ctx), out), "sha256 final");
		mbedtls_sha256_free(s256(ctx));
	} else {
		check(mbedtls_sha512_finish_ret(s512(ctx), full), "sha512 final");
		mbedtls_sha512_free(s512(ctx));
		memcpy(out, full, rmm_hash_size(ctx->algo));
	}
}

const struct rmm_hash_backend rmm_hash_mbedtls = {
	.name = "mbedtls",
	.digest = mb_digest,
	.init = mb_init,
	.update = mb_update,
	.final = mb_final,
};
