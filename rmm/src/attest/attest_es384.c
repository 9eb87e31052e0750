/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ES384 signing backends (attestation.md §2): ECDSA P-384 over a SHA-384
 * digest, deterministic per RFC 6979, raw r || s. Chosen at configure time
 * with the hash backend (-DRMMSIM_HASH): OpenSSL's libcrypto when it is
 * the hash backend, mbedTLS otherwise; both are built when libcrypto is
 * found, so tests can check that they give the same bytes.
 *
 * OpenSSL 3.0 (Debian's) has no RFC 6979 nonce in its ECDSA API (3.2 adds
 * one), so the OpenSSL backend derives k itself (RFC 6979 §3.2, HMAC-SHA-384
 * over rmm_hash) and does the ECDSA arithmetic with libcrypto's BIGNUM and
 * EC_POINT (constant-time ladder for k.G). mbedTLS derives the same k
 * (mbedtls_ecdsa_sign_det_ext: HMAC_DRBG seeded with int2octets(d) ||
 * bits2octets(h), the same retry), so both give the same signature.
 */
#include <errno.h>
#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/hmac_drbg.h>
#include <mbedtls/md.h>

#if defined(RMMSIM_HASH_HAVE_OPENSSL)
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <pthread.h>
#endif

#include "attest_priv.h"
#include "rmm_hash.h"

#define P384 COSE_ES384_COORD_SIZE

/* --- mbedTLS ------------------------------------------------------------- */

static int mbedtls_es384_sign(const uint8_t d[P384], const uint8_t hash[P384],
			      uint8_t sig[COSE_ES384_SIG_SIZE])
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA384);
	mbedtls_hmac_drbg_context drbg;
	mbedtls_ecp_group grp;
	mbedtls_mpi r, s, dm;
	int ret = -EIO;

	/* Side-channel blinding only: it does not change the signature. */
	mbedtls_hmac_drbg_init(&drbg);
	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	mbedtls_mpi_init(&dm);
	if (md != NULL && mbedtls_hmac_drbg_seed_buf(&drbg, md, hash, P384) == 0 &&
	    mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1) == 0 &&
	    mbedtls_mpi_read_binary(&dm, d, P384) == 0 &&
	    mbedtls_ecdsa_sign_det_ext(&grp, &r, &s, &dm, hash, P384, MBEDTLS_MD_SHA384,
				       mbedtls_hmac_drbg_random, &drbg) == 0 &&
	    mbedtls_mpi_write_binary(&r, sig, P384) == 0 &&
	    mbedtls_mpi_write_binary(&s, sig + P384, P384) == 0) {
		ret = 0;
	}
	mbedtls_mpi_free(&dm);
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_group_free(&grp);
	mbedtls_hmac_drbg_free(&drbg);
	return ret;
}

static const struct attest_es384_backend es384_mbedtls = {
	.name = "mbedtls",
	.sign = mbedtls_es384_sign,
};

/* --- OpenSSL ------------------------------------------------------------- */

#if defined(RMMSIM_HASH_HAVE_OPENSSL)

#define SHA384_BLOCK 128U

/* HMAC-SHA-384 (RFC 2104) of the concatenation of @n parts, key @key (48 bytes). */
static void hmac384(const uint8_t key[P384], const uint8_t *const *part, const size_t *len,
		    unsigned n, uint8_t out[P384])
{
	uint8_t pad[SHA384_BLOCK], inner[P384];
	struct rmm_hash_ctx h;

	memset(pad, 0x36, sizeof(pad));
	for (unsigned i = 0; i < P384; i++)
		pad[i] ^= key[i];
	rmm_hash_init(&h, RMM_HASH_SHA384);
	rmm_hash_update(&h, pad, sizeof(pad));
	for (unsigned i = 0; i < n; i++)
		rmm_hash_update(&h, part[i], len[i]);
	rmm_hash_final(&h, inner);
	memset(pad, 0x5c, sizeof(pad));
	for (unsigned i = 0; i < P384; i++)
		pad[i] ^= key[i];
	rmm_hash_init(&h, RMM_HASH_SHA384);
	rmm_hash_update(&h, pad, sizeof(pad));
	rmm_hash_update(&h, inner, sizeof(inner));
	rmm_hash_final(&h, out);
}

/* RFC 6979 §3.2 state: K and V (hlen = qlen = 384 bits, so one V per candidate). */
struct rfc6979 {
	uint8_t k[P384], v[P384];
};

/* Steps b-g: seeded with int2octets(x) || bits2octets(h1). */
static void rfc6979_init(struct rfc6979 *st, const uint8_t x[P384], const uint8_t h1[P384])
{
	static const uint8_t zero = 0x00, one = 0x01;
	const uint8_t *part[4] = { st->v, &zero, x, h1 };
	const size_t len[4] = { P384, 1, P384, P384 };
	const uint8_t *vpart[1] = { st->v };
	const size_t vlen[1] = { P384 };

	memset(st->v, 0x01, P384);
	memset(st->k, 0x00, P384);
	hmac384(st->k, part, len, 4, st->k);
	hmac384(st->k, vpart, vlen, 1, st->v);
	part[1] = &one;
	hmac384(st->k, part, len, 4, st->k);
	hmac384(st->k, vpart, vlen, 1, st->v);
}

/* Step h: the next candidate T (= V), then K, V move on for a retry. */
static void rfc6979_next(struct rfc6979 *st, uint8_t t[P384])
{
	static const uint8_t zero = 0x00;
	const uint8_t *part[2] = { st->v, &zero };
	const size_t len[2] = { P384, 1 };

	hmac384(st->k, part, len, 1, st->v);
	memcpy(t, st->v, P384);
	hmac384(st->k, part, len, 2, st->k);
	hmac384(st->k, part, len, 1, st->v);
}

static pthread_once_t p384_once = PTHREAD_ONCE_INIT;
static EC_GROUP *p384_group;

static void p384_load(void)
{
	p384_group = EC_GROUP_new_by_curve_name(NID_secp384r1);
}

static const EC_GROUP *p384(void)
{
	pthread_once(&p384_once, p384_load);
	return p384_group;
}

static int openssl_es384_sign(const uint8_t d[P384], const uint8_t hash[P384],
			      uint8_t sig[COSE_ES384_SIG_SIZE])
{
	const EC_GROUP *g = p384();
	const BIGNUM *n = g != NULL ? EC_GROUP_get0_order(g) : NULL;
	BN_CTX *ctx = BN_CTX_new();
	EC_POINT *R = g != NULL ? EC_POINT_new(g) : NULL;
	BIGNUM *x, *e, *k, *r, *s, *t;
	uint8_t h1[P384], cand[P384];
	struct rfc6979 st;
	int ret = -EIO;

	if (n == NULL || ctx == NULL || R == NULL) {
		goto out_free;
	}
	BN_CTX_start(ctx);
	x = BN_CTX_get(ctx);
	e = BN_CTX_get(ctx);
	k = BN_CTX_get(ctx);
	r = BN_CTX_get(ctx);
	s = BN_CTX_get(ctx);
	t = BN_CTX_get(ctx);
	if (t == NULL || BN_bin2bn(d, P384, x) == NULL || BN_bin2bn(hash, P384, e) == NULL) {
		goto out;
	}
	BN_set_flags(x, BN_FLG_CONSTTIME);
	BN_set_flags(k, BN_FLG_CONSTTIME);
	/* bits2int(h1) mod n: qlen = hlen, so at most one subtraction. */
	if (BN_cmp(e, n) >= 0 && !BN_sub(e, e, n)) {
		goto out;
	}
	if (BN_bn2binpad(e, h1, P384) != (int)P384) {
		goto out;
	}
	rfc6979_init(&st, d, h1);
	for (unsigned tries = 0; tries < 64U; tries++) {
		rfc6979_next(&st, cand);
		if (BN_bin2bn(cand, P384, k) == NULL) {
			goto out;
		}
		if (BN_is_zero(k) || BN_cmp(k, n) >= 0) {
			continue; /* k outside [1, n-1]: the next candidate */
		}
		/* r = x(k.G) mod n; s = k^-1 (e + r.d) mod n. */
		if (!EC_POINT_mul(g, R, k, NULL, NULL, ctx) ||
		    !EC_POINT_get_affine_coordinates(g, R, t, NULL, ctx) ||
		    !BN_nnmod(r, t, n, ctx)) {
			goto out;
		}
		if (BN_is_zero(r)) {
			continue;
		}
		if (!BN_mod_mul(t, r, x, n, ctx) || !BN_mod_add(t, t, e, n, ctx) ||
		    BN_mod_inverse(s, k, n, ctx) == NULL || !BN_mod_mul(s, s, t, n, ctx)) {
			goto out;
		}
		if (BN_is_zero(s)) {
			continue;
		}
		if (BN_bn2binpad(r, sig, P384) == (int)P384 &&
		    BN_bn2binpad(s, sig + P384, P384) == (int)P384) {
			ret = 0;
		}
		break;
	}
out:
	BN_CTX_end(ctx);
out_free:
	OPENSSL_cleanse(&st, sizeof(st));
	EC_POINT_free(R);
	BN_CTX_free(ctx);
	return ret;
}

static const struct attest_es384_backend es384_openssl = {
	.name = "openssl",
	.sign = openssl_es384_sign,
};

#endif /* RMMSIM_HASH_HAVE_OPENSSL */

/* --- selection ----------------------------------------------------------- */

static const struct attest_es384_backend *const es384_all[] = {
#if defined(RMMSIM_HASH_DEFAULT_OPENSSL)
	&es384_openssl,
	&es384_mbedtls,
#elif defined(RMMSIM_HASH_HAVE_OPENSSL)
	&es384_mbedtls,
	&es384_openssl,
#else
	&es384_mbedtls,
#endif
};

static const struct attest_es384_backend *es384_cur;

const struct attest_es384_backend *attest_es384_backend(void)
{
	const struct attest_es384_backend *be = __atomic_load_n(&es384_cur, __ATOMIC_ACQUIRE);

	return be != NULL ? be : es384_all[0];
}

const struct attest_es384_backend *attest_es384_backend_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(es384_all) / sizeof(es384_all[0]); i++) {
		if (strcmp(es384_all[i]->name, name) == 0)
			return es384_all[i];
	}
	return NULL;
}

void attest_es384_use(const struct attest_es384_backend *be)
{
	__atomic_store_n(&es384_cur, be, __ATOMIC_RELEASE);
}
