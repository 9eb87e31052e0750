/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm token and the CCA token (attestation.md §1, §2).
 *
 * realm token = COSE_Sign1 ES384 signed with the RAK over the claims map
 *   {10: challenge, 44235: rpv, 44237: RAK COSE_Key, 44236: hash algo name,
 *    44240: "sha-256", 265: profile, 44238: RIM, 44239: [REM x 4]}
 * (TF-RMM's emission order; verifiers must not depend on it).
 * CCA token = #6.399({44234: bstr(platform token), 44241: bstr(realm token)}).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "attest_priv.h"
#include "den0137_abi.h"

/* Our hash ids are the ABI's RmiHashAlgorithm values. */
_Static_assert(ATTEST_HASH_SHA_256 == RMI_HASH_SHA_256, "RmiHashAlgorithm");
_Static_assert(ATTEST_HASH_SHA_512 == RMI_HASH_SHA_512, "RmiHashAlgorithm");

/* CCA token collection (§1). */
#define CCA_TOKEN_TAG 399U
#define CCA_PLATFORM_TOKEN 44234
#define CCA_REALM_DELEGATED_TOKEN 44241
/* Realm claims (§2). */
#define REALM_CHALLENGE 10
#define REALM_PERSONALIZATION_VALUE 44235
#define REALM_PUB_KEY 44237
#define REALM_HASH_ALGO_ID 44236
#define REALM_PUB_KEY_HASH_ALGO_ID 44240
#define REALM_PROFILE 265
#define REALM_INITIAL_MEASUREMENT 44238
#define REALM_EXTENSIBLE_MEASUREMENTS 44239
#define REALM_CLAIM_COUNT 8U
/* 2.0 profile (den0137-2.0 rsi.md §5; TF-RMM [RMM-c] 72aea692). */
#define REALM_INSTANCE_ID 256
#define REALM_MEC_POLICY 44243
#define REALM_CLAIM_COUNT_2_0 10U
#define REALM_PROFILE_2_0 "tag:arm.com,2024:realm#2.0.0"

#define REALM_PROFILE_1_0 "tag:arm.com,2023:realm#1.0.0"

/*
 * Bytes around the two embedded tokens: tag 399 (3), map(2) (1), two keys
 * (3 each), two bstr heads of at most 3 bytes each (both tokens < 64 KiB).
 */
#define CCA_TOKEN_OVERHEAD 16U

_Static_assert(ATTEST_PLAT_TOKEN_MAX < 65536U, "bstr head is 3 bytes");

/* IANA hash names of the realm's measurement algorithm (44236). */
static const char *hash_algo_name(uint32_t hash_algo)
{
	switch (hash_algo) {
	case ATTEST_HASH_SHA_256:
		return "sha-256";
	case ATTEST_HASH_SHA_512:
		return "sha-512";
	default:
		return NULL;
	}
}

static size_t hash_algo_size(uint32_t hash_algo)
{
	return hash_algo == ATTEST_HASH_SHA_512 ? 64U : 32U;
}

static int claims_check(const struct attest_claims *c)
{
	if (c == NULL || c->challenge == NULL || c->rpv == NULL ||
	    c->rim == NULL || c->rem == NULL) {
		return -EINVAL;
	}
	if (hash_algo_name(c->hash_algo) == NULL ||
	    c->hash_size != hash_algo_size(c->hash_algo)) {
		return -EINVAL;
	}
	return 0;
}

static cbor_item_t *rem_array(const struct attest_claims *c)
{
	cbor_item_t *arr = cbor_new_definite_array(ATTEST_REM_COUNT);

	for (unsigned int i = 0; i < ATTEST_REM_COUNT; i++) {
		if (!attest_cbor_array_push(arr, attest_cbor_bstr(c->rem[i],
								  c->hash_size))) {
			if (arr != NULL) {
				cbor_decref(&arr);
			}
			return NULL;
		}
	}
	return arr;
}

/* Serialised realm claims map (the COSE_Sign1 payload). */
static size_t realm_claims_encode(const struct attest_keys *k,
				  const struct attest_claims *c, uint8_t **out)
{
	bool v2 = c->instance_id != NULL;
	cbor_item_t *map = cbor_new_definite_map(v2 ? REALM_CLAIM_COUNT_2_0 : REALM_CLAIM_COUNT);
	size_t len = 0;

	*out = NULL;
	if (attest_cbor_map_put(map, attest_cbor_int(REALM_CHALLENGE),
				attest_cbor_bstr(c->challenge, ATTEST_CHALLENGE_SIZE)) &&
	    attest_cbor_map_put(map, attest_cbor_int(REALM_PERSONALIZATION_VALUE),
				attest_cbor_bstr(c->rpv, ATTEST_RPV_SIZE)) &&
	    attest_cbor_map_put(map, attest_cbor_int(REALM_PUB_KEY),
				attest_cbor_bstr(k->rak_cose_key, k->rak_cose_key_len)) &&
	    attest_cbor_map_put(map, attest_cbor_int(REALM_HASH_ALGO_ID),
				attest_cbor_tstr(hash_algo_name(c->hash_algo))) &&
	    /* TF-RMM hashes RAK pub with SHA-256 for the platform challenge (§3). */
	    attest_cbor_map_put(map, attest_cbor_int(REALM_PUB_KEY_HASH_ALGO_ID),
				attest_cbor_tstr("sha-256")) &&
	    attest_cbor_map_put(map, attest_cbor_int(REALM_PROFILE),
				attest_cbor_tstr(v2 ? REALM_PROFILE_2_0 : REALM_PROFILE_1_0)) &&
	    (!v2 || (attest_cbor_map_put(map, attest_cbor_int(REALM_INSTANCE_ID),
					 attest_cbor_bstr(c->instance_id, ATTEST_INSTANCE_ID_SIZE)) &&
		     attest_cbor_map_put(map, attest_cbor_int(REALM_MEC_POLICY),
					 attest_cbor_int(c->mec_policy)))) &&
	    attest_cbor_map_put(map, attest_cbor_int(REALM_INITIAL_MEASUREMENT),
				attest_cbor_bstr(c->rim, c->hash_size)) &&
	    attest_cbor_map_put(map, attest_cbor_int(REALM_EXTENSIBLE_MEASUREMENTS),
				rem_array(c))) {
		len = attest_cbor_encode(map, out);
	}
	if (map != NULL) {
		cbor_decref(&map);
	}
	return len;
}

/* Wraps both tokens in the tag 399 collection, serialised into @out. */
static int cca_token_encode(const struct attest_keys *k, const uint8_t *realm,
			    size_t realm_len, uint8_t *out, size_t cap,
			    size_t *out_len)
{
	cbor_item_t *map;
	cbor_item_t *tag;
	const uint8_t *plat;
	size_t plat_len;
	int ret = attest_keys_plat_token(k, &plat, &plat_len);
	size_t len;

	if (ret != 0) {
		return ret;
	}
	map = cbor_new_definite_map(2);
	tag = cbor_new_tag(CCA_TOKEN_TAG);
	ret = -ENOMEM;
	/* TF-RMM order: platform token first, then the realm token (§1). */
	if (tag != NULL &&
	    attest_cbor_map_put(map, attest_cbor_int(CCA_PLATFORM_TOKEN),
				attest_cbor_bstr(plat, plat_len)) &&
	    attest_cbor_map_put(map, attest_cbor_int(CCA_REALM_DELEGATED_TOKEN),
				attest_cbor_bstr(realm, realm_len))) {
		cbor_tag_set_item(tag, map);
		/* cbor_serialize returns 0 when @cap is too small. */
		len = cbor_serialize(tag, out, cap);
		if (len != 0) {
			*out_len = len;
			ret = 0;
		} else {
			ret = -ENOSPC;
		}
	}
	if (tag != NULL) {
		cbor_decref(&tag);
	}
	if (map != NULL) {
		cbor_decref(&map);
	}
	return ret;
}

int attest_token_build(const struct attest_keys *k,
		       const struct attest_claims *c,
		       uint8_t *out, size_t out_cap, size_t *out_len)
{
	uint8_t *claims = NULL;
	uint8_t *realm = NULL;
	size_t claims_len, realm_len = 0;
	int ret;

	if (k == NULL || out == NULL || out_len == NULL) {
		return -EINVAL;
	}
	ret = claims_check(c);
	if (ret != 0) {
		return ret;
	}
	*out_len = 0;
	claims_len = realm_claims_encode(k, c, &claims);
	if (claims_len == 0) {
		return -ENOMEM;
	}
	ret = attest_cose_sign1_es384(&k->rak, claims, claims_len, k->account,
				      k->account_ctx, &realm, &realm_len);
	if (ret == 0) {
		ret = cca_token_encode(k, realm, realm_len, out, out_cap, out_len);
	}
	free(realm);
	free(claims);
	return ret;
}

size_t attest_token_max_size(void)
{
	return ATTEST_PLAT_TOKEN_MAX + ATTEST_REALM_TOKEN_MAX + CCA_TOKEN_OVERHEAD;
}
