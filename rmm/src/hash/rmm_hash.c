/* SPDX-License-Identifier: BSD-3-Clause */
/* rmm_hash front end: the backend in use and the calls that go to it. */
#include "rmm_hash.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The configure-time choice (RMMSIM_HASH) first. */
static const struct rmm_hash_backend *const backends[] = {
#if defined(RMMSIM_HASH_DEFAULT_OPENSSL)
	&rmm_hash_openssl,
	&rmm_hash_mbedtls,
#else
	&rmm_hash_mbedtls,
#if defined(RMMSIM_HASH_HAVE_OPENSSL)
	&rmm_hash_openssl,
#endif
#endif
};

#define NUM_BACKENDS (sizeof(backends) / sizeof(backends[0]))

/* NULL = backends[0]; a relaxed load is enough: switched only while idle. */
static _Atomic(const struct rmm_hash_backend *) current;

const struct rmm_hash_backend *rmm_hash_backend(void)
{
	const struct rmm_hash_backend *be = atomic_load_explicit(&current, memory_order_relaxed);

	return be != NULL ? be : backends[0];
}

const struct rmm_hash_backend *const *rmm_hash_backends(size_t *n)
{
	*n = NUM_BACKENDS;
	return backends;
}

const struct rmm_hash_backend *rmm_hash_backend_by_name(const char *name)
{
	for (size_t i = 0; i < NUM_BACKENDS; i++) {
		if (strcmp(backends[i]->name, name) == 0) {
			return backends[i];
		}
	}
	return NULL;
}

void rmm_hash_use(const struct rmm_hash_backend *be)
{
	atomic_store_explicit(&current, be, memory_order_relaxed);
}

size_t rmm_hash_size(enum rmm_hash_algo algo)
{
	switch (algo) {
	case RMM_HASH_SHA256:
		return 32U;
	case RMM_HASH_SHA384:
		return 48U;
	case RMM_HASH_SHA512:
		return 64U;
	case RMM_HASH_ALGO_COUNT:
		break;
	}
	rmm_hash_fail("rmm_hash", "unknown algorithm");
}

void rmm_hash(enum rmm_hash_algo algo, const void *data, size_t len, uint8_t *out)
{
	rmm_hash_backend()->digest(algo, data, len, out);
}

void rmm_hash_init(struct rmm_hash_ctx *ctx, enum rmm_hash_algo algo)
{
	ctx->be = rmm_hash_backend();
	ctx->algo = algo;
	ctx->be->init(ctx);
}

void rmm_hash_update(struct rmm_hash_ctx *ctx, const void *data, size_t len)
{
	ctx->be->update(ctx, data, len);
}

void rmm_hash_final(struct rmm_hash_ctx *ctx, uint8_t *out)
{
	ctx->be->final(ctx, out);
}

void rmm_hash_fail(const char *backend, const char *what)
{
	fprintf(stderr, "rmm: %s hash failed: %s\n", backend, what);
	abort();
}
