/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Placeholder CCA platform token, used when the platform description gives
 * none. A real platform token comes from EL3/the HES and is opaque to the
 * RMM (attestation.md §3); this one is only well-formed: a COSE_Sign1 ES384
 * signed with the TEST IAK below, carrying the CCA platform claims of the
 * Arm CCA token profile (profile "tag:arm.com,2023:cca_platform#1.0.0"),
 * with challenge = SHA-256(RAK COSE_Key) so verifiers can check the binding.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/bignum.h>

#include "attest_priv.h"
#include "rmm_hash.h"

/* CCA platform claim keys. */
#define PLAT_PROFILE 265
#define PLAT_CHALLENGE 10
#define PLAT_IMPLEMENTATION_ID 2396
#define PLAT_INSTANCE_ID 256
#define PLAT_CONFIG 2401
#define PLAT_LIFECYCLE 2395
#define PLAT_SW_COMPONENTS 2399
#define PLAT_VERIFICATION_SERVICE 2400
#define PLAT_HASH_ALGO_ID 2402
/* Software component map keys. */
#define SWC_TYPE 1
#define SWC_MEASUREMENT 2
#define SWC_VERSION 4
#define SWC_SIGNER_ID 5
#define SWC_HASH_ALGO 6

/* PSA lifecycle "secured" (0x3000..0x30ff). */
#define PLAT_LIFECYCLE_SECURED 0x3000U
/* UEID type RAND (0x01) followed by 32 bytes. */
#define PLAT_UEID_TYPE_RAND 0x01U

/*
 * TEST KEY - NOT SECRET. Default Initial Attestation Key (P-384 private
 * scalar, big-endian) signing the placeholder platform token.
 */
static const uint8_t attest_test_iak_priv[48] = {
	0x4c, 0xce, 0x25, 0x09, 0x55, 0x1d, 0xda, 0xb7,
	0xed, 0x87, 0x74, 0xac, 0xd9, 0xf1, 0x64, 0x74,
	0x24, 0x0f, 0xaa, 0x16, 0x86, 0xa1, 0x9e, 0xb6,
	0x99, 0x71, 0x0b, 0x56, 0x9f, 0xd6, 0x84, 0xe7,
	0x02, 0xac, 0x3a, 0xd7, 0x89, 0xa4, 0x56, 0x43,
	0x35, 0xd4, 0x1e, 0x71, 0x28, 0xa6, 0x6f, 0x58,
};

/* Its public point X || Y (= d.G, checked by test_attest). */
static const uint8_t attest_test_iak_pub[96] = {
	0x2e, 0x6c, 0x82, 0x43, 0x90, 0xb9, 0x3a, 0x67,
	0x92, 0xdd, 0xd2, 0x73, 0xcc, 0xd2, 0xc1, 0x8f,
	0x45, 0xd0, 0xe5, 0x88, 0x99, 0x72, 0x95, 0x71,
	0xcc, 0xcd, 0x06, 0xf6, 0x8a, 0x81, 0x20, 0x67,
	0x82, 0x39, 0xb9, 0xe6, 0xc8, 0x1a, 0x75, 0x2a,
	0x20, 0x5c, 0x23, 0xc3, 0x3b, 0xae, 0x2a, 0xe0,
	0x3d, 0xac, 0x8f, 0xca, 0x1e, 0x9b, 0x8b, 0x10,
	0x9e, 0xc7, 0xc5, 0x34, 0xb1, 0xfe, 0xf7, 0xc5,
	0xf9, 0x6b, 0x57, 0x63, 0xec, 0x4b, 0xb4, 0x91,
	0x5a, 0x6c, 0x24, 0xd5, 0x02, 0x4d, 0x9f, 0x8d,
	0x6d, 0x6d, 0xb7, 0x64, 0xc4, 0x50, 0xbe, 0x5a,
	0x9c, 0xc4, 0xcc, 0x10, 0x4c, 0xf2, 0x64, 0x55,
};

/* Fixed, recognisable values: "rmmsim" platform, software not measured. */
static const char plat_impl_id[32] = "rmmsim placeholder platform";
static const uint8_t plat_config[1] = { 0x00 };

/* The RMM as the one software component; its measurement is a placeholder. */
static cbor_item_t *sw_components(void)
{
	static const char rmm_label[] = "rmmsim RMM";
	uint8_t meas[32];
	cbor_item_t *arr = cbor_new_definite_array(1);
	cbor_item_t *swc = cbor_new_definite_map(5);
	bool ok;

	rmm_hash(RMM_HASH_SHA256, rmm_label, sizeof(rmm_label) - 1U, meas);
	ok = attest_cbor_map_put(swc, attest_cbor_int(SWC_TYPE),
				       attest_cbor_tstr("RMM"));
	ok = ok && attest_cbor_map_put(swc, attest_cbor_int(SWC_MEASUREMENT),
				       attest_cbor_bstr(meas, sizeof(meas)));
	ok = ok && attest_cbor_map_put(swc, attest_cbor_int(SWC_VERSION),
				       attest_cbor_tstr("0.1.0"));
	ok = ok && attest_cbor_map_put(swc, attest_cbor_int(SWC_SIGNER_ID),
				       attest_cbor_bstr(meas, sizeof(meas)));
	ok = ok && attest_cbor_map_put(swc, attest_cbor_int(SWC_HASH_ALGO),
				       attest_cbor_tstr("sha-256"));
	/* The array takes over swc, also when the push fails. */
	if (ok) {
		ok = attest_cbor_array_push(arr, swc);
	} else if (swc != NULL) {
		cbor_decref(&swc);
	}
	if (!ok && arr != NULL) {
		cbor_decref(&arr);
	}
	return ok ? arr : NULL;
}

/* UEID of the platform: type RAND then SHA-256 of the IAK public point. */
static int instance_id(const mbedtls_ecp_keypair *iak, uint8_t ueid[33])
{
	uint8_t xy[96];

	if (mbedtls_mpi_write_binary(&iak->Q.X, xy, 48) != 0 ||
	    mbedtls_mpi_write_binary(&iak->Q.Y, xy + 48, 48) != 0) {
		return -EIO;
	}
	rmm_hash(RMM_HASH_SHA256, xy, sizeof(xy), ueid + 1);
	ueid[0] = PLAT_UEID_TYPE_RAND;
	return 0;
}

static size_t claims_encode(const uint8_t challenge[32], const uint8_t ueid[33],
			    uint8_t **out)
{
	cbor_item_t *map = cbor_new_definite_map(9);
	size_t len = 0;

	*out = NULL;
	if (attest_cbor_map_put(map, attest_cbor_int(PLAT_PROFILE),
				attest_cbor_tstr("tag:arm.com,2023:cca_platform#1.0.0")) &&
	    attest_cbor_map_put(map, attest_cbor_int(PLAT_CHALLENGE),
				attest_cbor_bstr(challenge, 32)) &&
	    attest_cbor_map_put(map, attest_cbor_int(PLAT_IMPLEMENTATION_ID),
				attest_cbor_bstr((const uint8_t *)plat_impl_id,
						 sizeof(plat_impl_id))) &&
	    attest_cbor_map_put(map, attest_cbor_int(PLAT_INSTANCE_ID),
				attest_cbor_bstr(ueid, 33)) &&
	    attest_cbor_map_put(map, attest_cbor_int(PLAT_CONFIG),
				attest_cbor_bstr(plat_config, sizeof(plat_config))) &&
	    attest_cbor_map_put(map, attest_cbor_int(PLAT_LIFECYCLE),
				attest_cbor_int(PLAT_LIFECYCLE_SECURED)) &&
	    attest_cbor_map_put(map, attest_cbor_int(PLAT_SW_COMPONENTS),
				sw_components()) &&
	    attest_cbor_map_put(map, attest_cbor_int(PLAT_VERIFICATION_SERVICE),
				attest_cbor_tstr("none")) &&
	    attest_cbor_map_put(map, attest_cbor_int(PLAT_HASH_ALGO_ID),
				attest_cbor_tstr("sha-256"))) {
		len = attest_cbor_encode(map, out);
	}
	if (map != NULL) {
		cbor_decref(&map);
	}
	return len;
}

int attest_platform_token_build(const uint8_t challenge[32], uint8_t *out,
				size_t cap, size_t *out_len)
{
	mbedtls_ecp_keypair iak;
	uint8_t ueid[33];
	uint8_t *claims = NULL;
	uint8_t *token = NULL;
	size_t claims_len, token_len = 0;
	int ret;

	ret = attest_ec_load_p384(&iak, attest_test_iak_priv, attest_test_iak_pub);
	if (ret != 0) {
		return ret;
	}
	ret = instance_id(&iak, ueid);
	if (ret != 0) {
		goto out;
	}
	claims_len = claims_encode(challenge, ueid, &claims);
	if (claims_len == 0) {
		ret = -ENOMEM;
		goto out;
	}
	/* Boot-time work of EL3, not charged to the RMM's cycle account. */
	ret = attest_cose_sign1_es384(&iak, claims, claims_len, NULL, NULL,
				      &token, &token_len);
	if (ret != 0) {
		goto out;
	}
	if (token_len > cap) {
		ret = -ENOSPC;
		goto out;
	}
	memcpy(out, token, token_len);
	*out_len = token_len;
out:
	free(token);
	free(claims);
	mbedtls_ecp_keypair_free(&iak);
	return ret;
}
