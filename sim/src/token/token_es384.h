/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ES384 (ECDSA P-384 over a SHA-384 digest, raw r || s) verification for
 * the token checker. token_es384_verify uses the backend chosen at
 * configure time (OpenSSL when it is the hash backend, else mbedTLS); the
 * named ones are there for tests that cross-check them.
 */
#ifndef TOKEN_ES384_H
#define TOKEN_ES384_H

#include <stdint.h>

enum {
	TOKEN_ES384_OK = 0,
	TOKEN_ES384_BAD_KEY = -1, /* (kx, ky) is not a point of P-384 */
	TOKEN_ES384_BAD_SIG = -2, /* the signature does not verify */
	TOKEN_ES384_ERROR = -3,   /* the library failed (out of memory) */
};

int token_es384_verify(const uint8_t kx[48], const uint8_t ky[48], const uint8_t hash[48],
		       const uint8_t sig[96]);
int token_es384_verify_mbedtls(const uint8_t kx[48], const uint8_t ky[48],
			       const uint8_t hash[48], const uint8_t sig[96]);
#if defined(RMMSIM_HASH_HAVE_OPENSSL)
int token_es384_verify_openssl(const uint8_t kx[48], const uint8_t ky[48],
			       const uint8_t hash[48], const uint8_t sig[96]);
#endif

#endif /* TOKEN_ES384_H */
