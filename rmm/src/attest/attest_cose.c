/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * COSE_Sign1 with ES384 (attestation.md §2): the signature is ECDSA P-384
 * over SHA-384 of the Sig_structure
 *   ["Signature1", protected (bstr), external_aad h'', payload (bstr)]
 * (RFC 9052 §4.4), emitted as raw r||s. Signing is deterministic (RFC
 * 6979; attest_es384.c, OpenSSL or mbedTLS) so a token is reproducible
 * from its keys and claims.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/hmac_drbg.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

#include "attest_priv.h"
#include "rmm_hash.h"

#define SHA384_SIZE 48U

/* Blinding RNG for mbedTLS: HMAC_DRBG(SHA-384) seeded with @seed. */
static int blind_rng_init(mbedtls_hmac_drbg_context *drbg, const uint8_t *seed,
			  size_t len)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA384);

	mbedtls_hmac_drbg_init(drbg);
	if (md == NULL) {
		return -EIO;
	}
	if (mbedtls_hmac_drbg_seed_buf(drbg, md, seed, len) != 0) {
		mbedtls_hmac_drbg_free(drbg);
		return -EIO;
	}
	return 0;
}

int attest_ec_load_p384(mbedtls_ecp_keypair *kp, const uint8_t priv[48], const uint8_t *pub)
{
	mbedtls_hmac_drbg_context drbg;
	int ret;

	mbedtls_ecp_keypair_init(kp);
	if (mbedtls_ecp_group_load(&kp->grp, MBEDTLS_ECP_DP_SECP384R1) != 0) {
		ret = -EIO;
		goto fail;
	}
	if (mbedtls_mpi_read_binary(&kp->d, priv, 48) != 0) {
		ret = -ENOMEM;
		goto fail;
	}
	/* 1 <= d < n, else the platform gave us no usable key. */
	if (mbedtls_ecp_check_privkey(&kp->grp, &kp->d) != 0) {
		ret = -EINVAL;
		goto fail;
	}
	if (pub != NULL) {
		/* A known pair (the built-in test keys): Q given, no scalar multiplication. */
		if (mbedtls_mpi_read_binary(&kp->Q.X, pub, 48) != 0 ||
		    mbedtls_mpi_read_binary(&kp->Q.Y, pub + 48, 48) != 0 ||
		    mbedtls_mpi_lset(&kp->Q.Z, 1) != 0 ||
		    mbedtls_ecp_check_pubkey(&kp->grp, &kp->Q) != 0) {
			ret = -EINVAL;
			goto fail;
		}
		return 0;
	}
	ret = blind_rng_init(&drbg, priv, 48);
	if (ret != 0) {
		goto fail;
	}
	if (mbedtls_ecp_mul(&kp->grp, &kp->Q, &kp->d, &kp->grp.G,
			    mbedtls_hmac_drbg_random, &drbg) != 0) {
		ret = -EIO;
	}
	mbedtls_hmac_drbg_free(&drbg);
	if (ret == 0) {
		return 0;
	}
fail:
	mbedtls_ecp_keypair_free(kp);
	return ret;
}

/* Protected header bstr content: the map {1: -35}. */
static size_t protected_header(uint8_t **out)
{
	cbor_item_t *map = cbor_new_definite_map(1);
	size_t len = 0;

	*out = NULL;
	if (attest_cbor_map_put(map, attest_cbor_int(COSE_HDR_ALG),
				attest_cbor_int(COSE_ALG_ES384))) {
		len = attest_cbor_encode(map, out);
	}
	if (map != NULL) {
		cbor_decref(&map);
	}
	return len;
}

/* Serialised Sig_structure for @prot and @payload. */
static size_t sig_structure(const uint8_t *prot, size_t prot_len,
			    const uint8_t *payload, size_t payload_len,
			    uint8_t **out)
{
	static const uint8_t no_aad[1];
	cbor_item_t *arr = cbor_new_definite_array(4);
	size_t len = 0;

	*out = NULL;
	if (attest_cbor_array_push(arr, attest_cbor_tstr("Signature1")) &&
	    attest_cbor_array_push(arr, attest_cbor_bstr(prot, prot_len)) &&
	    attest_cbor_array_push(arr, attest_cbor_bstr(no_aad, 0)) &&
	    attest_cbor_array_push(arr, attest_cbor_bstr(payload, payload_len))) {
		len = attest_cbor_encode(arr, out);
	}
	if (arr != NULL) {
		cbor_decref(&arr);
	}
	return len;
}

/* Hashes @msg with SHA-384 and signs it (attest_es384.c); raw r||s into @sig. */
static int es384_sign(const mbedtls_ecp_keypair *kp, const uint8_t *msg,
		      size_t len, uint8_t sig[COSE_ES384_SIG_SIZE])
{
	uint8_t hash[SHA384_SIZE], d[COSE_ES384_COORD_SIZE];
	int ret;

	rmm_hash(RMM_HASH_SHA384, msg, len, hash);
	if (mbedtls_mpi_write_binary(&kp->d, d, sizeof(d)) != 0) {
		return -EIO;
	}
	ret = attest_es384_backend()->sign(d, hash, sig);
	mbedtls_platform_zeroize(d, sizeof(d));
	return ret;
}

/* SHA-384 runs the SHA-512 compression function: 128-byte blocks. */
static uint64_t sha384_blocks(size_t len)
{
	/* 0x80 byte + 16-byte length field, then round up. */
	return ((uint64_t)len + 17U + 127U) / 128U;
}

/* Builds tag 18 [prot, {}, payload, sig] and serialises it. */
static size_t sign1_encode(const uint8_t *prot, size_t prot_len,
			   const uint8_t *payload, size_t payload_len,
			   const uint8_t *sig, uint8_t **out)
{
	cbor_item_t *arr = cbor_new_definite_array(4);
	cbor_item_t *tag = cbor_new_tag(COSE_TAG_SIGN1);
	size_t len = 0;

	*out = NULL;
	if (tag != NULL &&
	    attest_cbor_array_push(arr, attest_cbor_bstr(prot, prot_len)) &&
	    attest_cbor_array_push(arr, cbor_new_definite_map(0)) &&
	    attest_cbor_array_push(arr, attest_cbor_bstr(payload, payload_len)) &&
	    attest_cbor_array_push(arr, attest_cbor_bstr(sig, COSE_ES384_SIG_SIZE))) {
		cbor_tag_set_item(tag, arr);
		len = attest_cbor_encode(tag, out);
	}
	if (tag != NULL) {
		cbor_decref(&tag);
	}
	if (arr != NULL) {
		cbor_decref(&arr);
	}
	return len;
}

int attest_cose_sign1_es384(const mbedtls_ecp_keypair *kp,
			    const uint8_t *payload, size_t payload_len,
			    attest_account_fn account, void *account_ctx,
			    uint8_t **out, size_t *out_len)
{
	uint8_t sig[COSE_ES384_SIG_SIZE];
	uint8_t *prot = NULL;
	uint8_t *tbs = NULL;
	size_t prot_len, tbs_len;
	int ret = -ENOMEM;

	*out = NULL;
	*out_len = 0;
	prot_len = protected_header(&prot);
	if (prot_len == 0) {
		goto out;
	}
	tbs_len = sig_structure(prot, prot_len, payload, payload_len, &tbs);
	if (tbs_len == 0) {
		goto out;
	}
	ret = es384_sign(kp, tbs, tbs_len, sig);
	if (ret != 0) {
		goto out;
	}
	if (account != NULL) {
		account(account_ctx, RMM_COST_SHA512_BLOCK, sha384_blocks(tbs_len));
		account(account_ctx, RMM_COST_ECDSA_SIGN, 1);
	}
	*out_len = sign1_encode(prot, prot_len, payload, payload_len, sig, out);
	ret = *out_len == 0 ? -ENOMEM : 0;
out:
	free(tbs);
	free(prot);
	return ret;
}
