/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rmm_hash: the one way the RMM computes SHA-2 digests (measurements,
 * RIM/REM extension, realm and REC parameter images, the attestation
 * token's hashes). Backends, chosen at configure time (-DRMMSIM_HASH):
 *   openssl  libcrypto EVP, which dispatches at run time to the CPU's SHA
 *            instructions (x86 SHA-NI, Armv8 SHA2); the default when found
 *   mbedtls  mbedTLS's portable C, the fallback (always built: the token's
 *            ECDSA needs mbedTLS anyway)
 * Every backend built is linked in, so tests can run known answers against
 * each; rmm_hash_use() switches the one all rmm_hash_* calls go to.
 *
 * Hashing RMM-owned memory cannot fail on bad input: a library failure
 * (out of memory) is an internal error and aborts, as any other
 * allocation failure inside the RMM does.
 */
#ifndef RMM_HASH_H
#define RMM_HASH_H

#include <stddef.h>
#include <stdint.h>

enum rmm_hash_algo {
	RMM_HASH_SHA256 = 0,
	RMM_HASH_SHA384 = 1, /* the ES384 token signature's digest */
	RMM_HASH_SHA512 = 2,
	RMM_HASH_ALGO_COUNT = 3,
};

#define RMM_HASH_MAX_SIZE 64U
/* Big enough for every backend's incremental state (static-asserted there). */
#define RMM_HASH_STATE_SIZE 224U

/* An incremental hash in progress; lives on the caller's stack. */
struct rmm_hash_ctx {
	const struct rmm_hash_backend *be;
	enum rmm_hash_algo algo;
	_Alignas(16) unsigned char state[RMM_HASH_STATE_SIZE];
};

struct rmm_hash_backend {
	const char *name; /* "openssl", "mbedtls" */
	/* out[rmm_hash_size(algo)] = H(data[0..len)). */
	void (*digest)(enum rmm_hash_algo algo, const void *data, size_t len, uint8_t *out);
	/* ctx->be and ctx->algo are set by rmm_hash_init before init is called. */
	void (*init)(struct rmm_hash_ctx *ctx);
	void (*update)(struct rmm_hash_ctx *ctx, const void *data, size_t len);
	/* Writes the digest and releases whatever init took. */
	void (*final)(struct rmm_hash_ctx *ctx, uint8_t *out);
};

/* Digest size in bytes: 32, 48 or 64. */
size_t rmm_hash_size(enum rmm_hash_algo algo);

/* One-shot: out[rmm_hash_size(algo)] = H(data[0..len)). */
void rmm_hash(enum rmm_hash_algo algo, const void *data, size_t len, uint8_t *out);

/* Incremental: init, any number of updates, final (which must always follow init). */
void rmm_hash_init(struct rmm_hash_ctx *ctx, enum rmm_hash_algo algo);
void rmm_hash_update(struct rmm_hash_ctx *ctx, const void *data, size_t len);
void rmm_hash_final(struct rmm_hash_ctx *ctx, uint8_t *out);

/* The backend rmm_hash* calls use now (the configure-time one unless switched). */
const struct rmm_hash_backend *rmm_hash_backend(void);
/* Every backend built into this binary, the configure-time default first; *n = count. */
const struct rmm_hash_backend *const *rmm_hash_backends(size_t *n);
/* The backend named @name, or NULL when it is not built. */
const struct rmm_hash_backend *rmm_hash_backend_by_name(const char *name);
/*
 * Sends every later rmm_hash* call to @be (NULL = the default). For tests
 * and benchmarks comparing backends; call it while nothing is hashing.
 */
void rmm_hash_use(const struct rmm_hash_backend *be);

/* The backends themselves (hash_mbedtls.c, hash_openssl.c). */
extern const struct rmm_hash_backend rmm_hash_mbedtls;
#if defined(RMMSIM_HASH_HAVE_OPENSSL)
extern const struct rmm_hash_backend rmm_hash_openssl;
#endif

/* Internal error inside a backend: prints @what and aborts. */
_Noreturn void rmm_hash_fail(const char *backend, const char *what);

#endif /* RMM_HASH_H */
