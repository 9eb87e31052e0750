/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ES384 verification for the token checker (token_es384.h): OpenSSL's
 * libcrypto when it is the project's hash backend (configure time,
 * -DRMMSIM_HASH), mbedTLS otherwise; both are built when libcrypto is
 * found. The checker's own code, independent of the RMM's signer
 * (rmm/src/attest): the textbook ECDSA check (SEC 1 §4.1.4), with
 * libcrypto's BIGNUM and EC_POINT (OpenSSL 3.0 keeps these undeprecated).
 */
#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>

#if defined(RMMSIM_HASH_HAVE_OPENSSL)
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <pthread.h>
#endif

#include "token_es384.h"

#define P384 48U

int token_es384_verify_mbedtls(const uint8_t kx[48], const uint8_t ky[48],
			       const uint8_t hash[48], const uint8_t sig[96])
{
	uint8_t point[1U + 2U * P384];
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;
	int ret = TOKEN_ES384_ERROR;

	point[0] = 0x04; /* uncompressed */
	memcpy(point + 1, kx, P384);
	memcpy(point + 1 + P384, ky, P384);
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	if (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1) != 0) {
		goto out;
	}
	if (mbedtls_ecp_point_read_binary(&grp, &q, point, sizeof(point)) != 0 ||
	    mbedtls_ecp_check_pubkey(&grp, &q) != 0) {
		ret = TOKEN_ES384_BAD_KEY;
		goto out;
	}
	if (mbedtls_mpi_read_binary(&r, sig, P384) != 0 ||
	    mbedtls_mpi_read_binary(&s, sig + P384, P384) != 0) {
		goto out;
	}
	ret = mbedtls_ecdsa_verify(&grp, hash, P384, &q, &r, &s) == 0 ? TOKEN_ES384_OK :
									  TOKEN_ES384_BAD_SIG;
out:
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	return ret;
}

#if defined(RMMSIM_HASH_HAVE_OPENSSL)

static pthread_once_t p384_once = PTHREAD_ONCE_INIT;
static EC_GROUP *p384_group;

static void p384_load(void)
{
	p384_group = EC_GROUP_new_by_curve_name(NID_secp384r1);
}

int token_es384_verify_openssl(const uint8_t kx[48], const uint8_t ky[48],
			       const uint8_t hash[48], const uint8_t sig[96])
{
	const EC_GROUP *g;
	const BIGNUM *n;
	BN_CTX *ctx = BN_CTX_new();
	EC_POINT *q = NULL, *R = NULL;
	BIGNUM *x, *y, *r, *s, *e, *w, *u1, *u2;
	int ret = TOKEN_ES384_ERROR;

	pthread_once(&p384_once, p384_load);
	g = p384_group;
	if (g == NULL || ctx == NULL || (q = EC_POINT_new(g)) == NULL ||
	    (R = EC_POINT_new(g)) == NULL) {
		goto out_free;
	}
	n = EC_GROUP_get0_order(g);
	BN_CTX_start(ctx);
	x = BN_CTX_get(ctx);
	y = BN_CTX_get(ctx);
	r = BN_CTX_get(ctx);
	s = BN_CTX_get(ctx);
	e = BN_CTX_get(ctx);
	w = BN_CTX_get(ctx);
	u1 = BN_CTX_get(ctx);
	u2 = BN_CTX_get(ctx);
	if (u2 == NULL || BN_bin2bn(kx, P384, x) == NULL || BN_bin2bn(ky, P384, y) == NULL ||
	    BN_bin2bn(sig, P384, r) == NULL || BN_bin2bn(sig + P384, P384, s) == NULL ||
	    BN_bin2bn(hash, P384, e) == NULL) {
		goto out;
	}
	/* Q on the curve (set_affine_coordinates checks it), not the identity. */
	if (!EC_POINT_set_affine_coordinates(g, q, x, y, ctx) || EC_POINT_is_at_infinity(g, q)) {
		ret = TOKEN_ES384_BAD_KEY;
		goto out;
	}
	/* 1 <= r, s < n. */
	if (BN_is_zero(r) || BN_is_zero(s) || BN_cmp(r, n) >= 0 || BN_cmp(s, n) >= 0) {
		ret = TOKEN_ES384_BAD_SIG;
		goto out;
	}
	/* e = bits2int(H) (qlen = hlen = 384); u1 = e/s, u2 = r/s; R = u1.G + u2.Q. */
	if (!BN_nnmod(e, e, n, ctx) || BN_mod_inverse(w, s, n, ctx) == NULL ||
	    !BN_mod_mul(u1, e, w, n, ctx) || !BN_mod_mul(u2, r, w, n, ctx) ||
	    !EC_POINT_mul(g, R, u1, q, u2, ctx)) {
		goto out;
	}
	if (EC_POINT_is_at_infinity(g, R)) {
		ret = TOKEN_ES384_BAD_SIG;
		goto out;
	}
	if (!EC_POINT_get_affine_coordinates(g, R, x, NULL, ctx) || !BN_nnmod(x, x, n, ctx)) {
		goto out;
	}
	ret = BN_cmp(x, r) == 0 ? TOKEN_ES384_OK : TOKEN_ES384_BAD_SIG;
out:
	BN_CTX_end(ctx);
out_free:
	EC_POINT_free(R);
	EC_POINT_free(q);
	BN_CTX_free(ctx);
	return ret;
}

#endif /* RMMSIM_HASH_HAVE_OPENSSL */

int token_es384_verify(const uint8_t kx[48], const uint8_t ky[48], const uint8_t hash[48],
		       const uint8_t sig[96])
{
#if defined(RMMSIM_HASH_DEFAULT_OPENSSL)
	return token_es384_verify_openssl(kx, ky, hash, sig);
#else
	return token_es384_verify_mbedtls(kx, ky, hash, sig);
#endif
}
