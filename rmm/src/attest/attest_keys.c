/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attestation keys (attestation.md §3): the RAK, which EL3 hands to the
 * RMM at boot, and the platform token, bound to the RAK by its challenge
 * SHA-256(COSE_Key of RAK pub). The simulator has no EL3 key store: the
 * platform description may provide both (docs/attestation.md), otherwise
 * the built-in TEST key below is used and a placeholder platform token is
 * built.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/bignum.h>

#include "attest_priv.h"
#include "rmm_hash.h"

/*
 * TEST KEY - NOT SECRET. Default Realm Attestation Key (P-384 private
 * scalar, big-endian), published in docs/attestation.md so that anyone can
 * check tokens of a default rmmsim. Never use outside the simulator.
 */
static const uint8_t attest_test_rak_priv[ATTEST_RAK_PRIV_SIZE] = {
	0x48, 0x26, 0x16, 0xbf, 0x23, 0x45, 0xcf, 0x19,
	0x63, 0x83, 0xc5, 0x17, 0x1a, 0x48, 0x43, 0xd8,
	0xfd, 0x71, 0x40, 0x05, 0xe9, 0x08, 0x24, 0xa7,
	0x73, 0xf1, 0x57, 0x7a, 0x8a, 0x66, 0xe6, 0xb2,
	0x0c, 0xeb, 0xc5, 0x3f, 0x57, 0xc7, 0x50, 0xd3,
	0xcb, 0x8c, 0x71, 0x0e, 0xd9, 0xc8, 0x68, 0x61,
};

/* Its public point X || Y (= d.G, checked by test_attest): no scalar multiplication at boot. */
static const uint8_t attest_test_rak_pub[96] = {
	0x16, 0xe0, 0x95, 0x59, 0xb3, 0x32, 0x24, 0xcf,
	0x8d, 0x7d, 0xbf, 0x67, 0xcb, 0x5c, 0x0c, 0x97,
	0x16, 0xdb, 0xc3, 0x21, 0x72, 0xfc, 0xe8, 0xc8,
	0x9d, 0xad, 0x05, 0x61, 0x3e, 0xa6, 0x52, 0x0e,
	0x8b, 0xe2, 0x3c, 0x51, 0x87, 0x56, 0x27, 0xf0,
	0x5a, 0x45, 0xee, 0x72, 0xf7, 0xc1, 0x6e, 0xb4,
	0xa3, 0xc9, 0x2d, 0xc7, 0xa6, 0xae, 0x3c, 0x40,
	0x47, 0xd6, 0xc7, 0x91, 0x73, 0x79, 0x05, 0xa1,
	0x71, 0x03, 0x78, 0x5c, 0xb8, 0x14, 0xd5, 0x3c,
	0xed, 0x08, 0xe9, 0xf7, 0x39, 0x4c, 0x58, 0x55,
	0xf5, 0x46, 0x9d, 0xf5, 0x24, 0xa4, 0x2d, 0xf2,
	0xd6, 0x2d, 0xbe, 0x87, 0x40, 0x25, 0x8a, 0xb9,
};

/* COSE_Key {1: 2 (EC2), -1: 2 (P-384), -2: x, -3: y} of @kp's public key. */
static int rak_cose_key_encode(const mbedtls_ecp_keypair *kp, uint8_t *out,
			       size_t cap, size_t *out_len)
{
	uint8_t x[COSE_ES384_COORD_SIZE], y[COSE_ES384_COORD_SIZE];
	cbor_item_t *map;
	uint8_t *buf = NULL;
	size_t len = 0;

	if (mbedtls_mpi_write_binary(&kp->Q.X, x, sizeof(x)) != 0 ||
	    mbedtls_mpi_write_binary(&kp->Q.Y, y, sizeof(y)) != 0) {
		return -EIO;
	}
	map = cbor_new_definite_map(4);
	/* Key order of TF-RMM's t_cose_key_encode (also CBOR's canonical one). */
	if (attest_cbor_map_put(map, attest_cbor_int(COSE_KEY_KTY),
				attest_cbor_int(COSE_KEY_KTY_EC2)) &&
	    attest_cbor_map_put(map, attest_cbor_int(COSE_KEY_CRV),
				attest_cbor_int(COSE_KEY_CRV_P384)) &&
	    attest_cbor_map_put(map, attest_cbor_int(COSE_KEY_X),
				attest_cbor_bstr(x, sizeof(x))) &&
	    attest_cbor_map_put(map, attest_cbor_int(COSE_KEY_Y),
				attest_cbor_bstr(y, sizeof(y)))) {
		len = attest_cbor_encode(map, &buf);
	}
	if (map != NULL) {
		cbor_decref(&map);
	}
	if (len == 0) {
		return -ENOMEM;
	}
	if (len > cap) {
		free(buf);
		return -EIO;
	}
	memcpy(out, buf, len);
	*out_len = len;
	free(buf);
	return 0;
}

int attest_rak_pub_hash(const struct attest_keys *k, uint8_t out[32])
{
	rmm_hash(RMM_HASH_SHA256, k->rak_cose_key, k->rak_cose_key_len, out);
	return 0;
}

int attest_keys_init(struct attest_keys *k, const uint8_t *rak_priv,
		     const uint8_t *plat_token, size_t plat_len)
{
	int ret;

	memset(k, 0, sizeof(*k));
	/* The platform token is opaque but must fit the RMM's cache. */
	if (plat_token != NULL &&
	    (plat_len == 0 || plat_len > ATTEST_PLAT_TOKEN_MAX)) {
		return -EINVAL;
	}
	ret = attest_ec_load_p384(&k->rak, rak_priv != NULL ? rak_priv : attest_test_rak_priv,
				  rak_priv != NULL ? NULL : attest_test_rak_pub);
	if (ret != 0) {
		return ret;
	}
	ret = rak_cose_key_encode(&k->rak, k->rak_cose_key,
				  sizeof(k->rak_cose_key), &k->rak_cose_key_len);
	if (ret != 0) {
		goto fail;
	}
	if (plat_token != NULL) {
		/* The RMM includes the bytes it was given (§3). */
		memcpy(k->plat_token, plat_token, plat_len);
		k->plat_token_len = plat_len;
		return 0;
	}
	/* The placeholder is built on first use (attest_keys_plat_token). */
	__atomic_store_n(&k->plat_token_state, ATTEST_PLAT_PENDING, __ATOMIC_RELEASE);
	return 0;
fail:
	mbedtls_ecp_keypair_free(&k->rak);
	memset(k, 0, sizeof(*k));
	return ret;
}

int attest_keys_plat_token(const struct attest_keys *kc, const uint8_t **token, size_t *len)
{
	/*
	 * The cached token is the one mutable part of the keys (built once,
	 * then read-only; plat_token_state orders it): const for every other
	 * purpose, so the cast goes through uintptr_t on purpose.
	 */
	struct attest_keys *k = (struct attest_keys *)(uintptr_t)kc;
	int st = __atomic_load_n(&k->plat_token_state, __ATOMIC_ACQUIRE);

	while (st != ATTEST_PLAT_READY) {
		int expected = ATTEST_PLAT_PENDING;

		if (st == ATTEST_PLAT_PENDING &&
		    __atomic_compare_exchange_n(&k->plat_token_state, &expected,
						ATTEST_PLAT_BUILDING, false, __ATOMIC_ACQUIRE,
						__ATOMIC_ACQUIRE)) {
			uint8_t challenge[32];
			int ret = attest_rak_pub_hash(k, challenge);

			if (ret == 0) {
				ret = attest_platform_token_build(challenge, k->plat_token,
								  sizeof(k->plat_token),
								  &k->plat_token_len);
			}
			__atomic_store_n(&k->plat_token_state,
					 ret == 0 ? ATTEST_PLAT_READY : ATTEST_PLAT_PENDING,
					 __ATOMIC_RELEASE);
			if (ret != 0) {
				return ret;
			}
			break;
		}
		/* Another thread is building it (a few ms, once per RMM). */
		st = __atomic_load_n(&k->plat_token_state, __ATOMIC_ACQUIRE);
	}
	*token = k->plat_token;
	*len = k->plat_token_len;
	return 0;
}

void attest_keys_free(struct attest_keys *k)
{
	mbedtls_ecp_keypair_free(&k->rak);
	memset(k, 0, sizeof(*k));
}

void attest_keys_set_account(struct attest_keys *k, attest_account_fn fn,
			     void *ctx)
{
	k->account = fn;
	k->account_ctx = ctx;
}
