/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals of the attestation component, shared by its .c files only. */
#ifndef ATTEST_PRIV_H
#define ATTEST_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cbor.h>
#include <mbedtls/ecp.h>

#include "attest.h"

/* COSE (RFC 9052/9053) numbers used by the tokens. */
#define COSE_TAG_SIGN1 18U
#define COSE_HDR_ALG 1
#define COSE_ALG_ES384 (-35)
#define COSE_KEY_KTY 1
#define COSE_KEY_KTY_EC2 2
#define COSE_KEY_CRV (-1)
#define COSE_KEY_CRV_P384 2
#define COSE_KEY_X (-2)
#define COSE_KEY_Y (-3)
/* ES384: r and s, 48 bytes each, concatenated (RFC 9053 §2.1). */
#define COSE_ES384_COORD_SIZE 48U
#define COSE_ES384_SIG_SIZE (2U * COSE_ES384_COORD_SIZE)

/*
 * libcbor helpers. Every builder returns a new reference or NULL; the
 * map_put and array_push helpers consume the references they are given, also on
 * failure, so callers can chain them without leaking.
 */
cbor_item_t *attest_cbor_int(int64_t v);
cbor_item_t *attest_cbor_tstr(const char *s);
cbor_item_t *attest_cbor_bstr(const uint8_t *p, size_t len);
bool attest_cbor_map_put(cbor_item_t *map, cbor_item_t *key, cbor_item_t *val);
bool attest_cbor_array_push(cbor_item_t *array, cbor_item_t *v);
/* Serialises @item (borrowed) into a malloc'd buffer; 0 on failure. */
size_t attest_cbor_encode(const cbor_item_t *item, uint8_t **out);

/*
 * Loads a P-384 key pair from its 48-byte private scalar (d, Q = d.G);
 * @pub (X || Y, 96 bytes) may give Q of a known pair, sparing the multiplication.
 * Returns 0, -EINVAL if the scalar is out of range, -EIO otherwise.
 */
int attest_ec_load_p384(mbedtls_ecp_keypair *kp, const uint8_t priv[48], const uint8_t *pub);

/*
 * Signs @payload as a tagged COSE_Sign1 with ES384 (protected {1: -35},
 * no unprotected header) and returns the serialised token in a malloc'd
 * buffer (*@out, *@out_len). @account may be NULL. 0 or -errno.
 */
int attest_cose_sign1_es384(const mbedtls_ecp_keypair *kp,
			    const uint8_t *payload, size_t payload_len,
			    attest_account_fn account, void *account_ctx,
			    uint8_t **out, size_t *out_len);

/*
 * ES384 signing backends (attest_es384.c): ECDSA P-384, RFC 6979 nonce,
 * raw r || s. Every backend gives the same bytes; the default follows the
 * hash backend chosen at configure time (openssl, else mbedtls).
 */
struct attest_es384_backend {
	const char *name; /* "openssl", "mbedtls" */
	/* sig = ES384 signature of the SHA-384 digest @hash with private scalar @d. */
	int (*sign)(const uint8_t d[COSE_ES384_COORD_SIZE],
		    const uint8_t hash[COSE_ES384_COORD_SIZE],
		    uint8_t sig[COSE_ES384_SIG_SIZE]);
};
/* The backend tokens are signed with now. */
const struct attest_es384_backend *attest_es384_backend(void);
/* The backend named @name, or NULL when it is not built. */
const struct attest_es384_backend *attest_es384_backend_by_name(const char *name);
/* Sends later signatures to @be (NULL = the default); for tests, while nothing signs. */
void attest_es384_use(const struct attest_es384_backend *be);

/* The placeholder platform token of the built-in test RAK (attest_keys.c). */
extern const uint8_t attest_test_plat_token[];
extern const size_t attest_test_plat_token_len;

/*
 * Builds the placeholder CCA platform token (attest_platform.c), bound to
 * @challenge (SHA-256 of the RAK COSE_Key), into @out.
 */
int attest_platform_token_build(const uint8_t challenge[32], uint8_t *out,
				size_t cap, size_t *out_len);

#endif /* ATTEST_PRIV_H */
