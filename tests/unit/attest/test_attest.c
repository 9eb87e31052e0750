/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attestation token (rmm/src/attest): builds tokens, parses them back with
 * libcbor and checks the signatures with mbedTLS from the public key found
 * in the token itself (attestation.md §1-§3).
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cbor.h>
#include <mbedtls/ecdsa.h>

#include "attest_priv.h"
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "attest.h"

struct fixture {
	struct attest_keys keys;
	uint8_t challenge[64];
	uint8_t rpv[64];
	uint8_t rim[64];
	uint8_t rem[4][64];
	struct attest_claims claims;
	uint8_t token[8192];
	size_t token_len;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	const uint8_t *plat;
	size_t plat_len;

	/* The fixture reads keys.plat_token directly: build the placeholder now. */
	if (f == NULL || attest_keys_init(&f->keys, NULL, NULL, 0) != 0 ||
	    attest_keys_plat_token(&f->keys, &plat, &plat_len) != 0) {
		free(f);
		return -1;
	}
	for (unsigned int i = 0; i < 64; i++) {
		f->challenge[i] = (uint8_t)i;
		f->rpv[i] = (uint8_t)(0xa0U + (i & 0xfU));
		f->rim[i] = (uint8_t)(0x11U * (i & 7U));
		for (unsigned int j = 0; j < 4; j++) {
			f->rem[j][i] = (uint8_t)(0x20U + 16U * j + (i & 0xfU));
		}
	}
	f->claims = (struct attest_claims){
		.challenge = f->challenge, .rpv = f->rpv,
		.hash_algo = ATTEST_HASH_SHA_256, .rim = f->rim,
		.rem = (const uint8_t (*)[64])f->rem, .hash_size = 32,
	};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	attest_keys_free(&f->keys);
	free(f);
	return 0;
}

/* ---- small libcbor readers ------------------------------------------ */

static cbor_item_t *load(const uint8_t *p, size_t len)
{
	struct cbor_load_result res;
	cbor_item_t *item = cbor_load(p, len, &res);

	assert_non_null(item);
	assert_int_equal(res.error.code, CBOR_ERR_NONE);
	/* The whole buffer is one item. */
	assert_int_equal(res.read, len);
	return item;
}

static int64_t int_of(const cbor_item_t *item)
{
	if (cbor_isa_uint(item)) {
		return (int64_t)cbor_get_int(item);
	}
	assert_true(cbor_isa_negint(item));
	return -1 - (int64_t)cbor_get_int(item);
}

static cbor_item_t *map_get(const cbor_item_t *map, int64_t key)
{
	struct cbor_pair *pairs;

	assert_true(cbor_isa_map(map));
	pairs = cbor_map_handle(map);
	for (size_t i = 0; i < cbor_map_size(map); i++) {
		if ((cbor_isa_uint(pairs[i].key) || cbor_isa_negint(pairs[i].key)) &&
		    int_of(pairs[i].key) == key) {
			return pairs[i].value;
		}
	}
	return NULL;
}

static void assert_bstr(const cbor_item_t *item, const uint8_t *want, size_t len)
{
	assert_non_null(item);
	assert_true(cbor_isa_bytestring(item));
	assert_int_equal(cbor_bytestring_length(item), len);
	assert_memory_equal(cbor_bytestring_handle(item), want, len);
}

static void assert_tstr(const cbor_item_t *item, const char *want)
{
	assert_non_null(item);
	assert_true(cbor_isa_string(item));
	assert_int_equal(cbor_string_length(item), strlen(want));
	assert_memory_equal(cbor_string_handle(item), want, strlen(want));
}

/* Parsed CCA token: the two inner tokens, each a tag-18 COSE_Sign1 array. */
struct parsed {
	cbor_item_t *top;
	cbor_item_t *plat;      /* platform COSE_Sign1 array (after tag 18) */
	cbor_item_t *realm;     /* realm COSE_Sign1 array (after tag 18) */
	cbor_item_t *realm_claims;
	cbor_item_t *plat_claims;
	cbor_item_t *realm_bstr; /* value of 44241 in top */
};

/*
 * A serialised COSE_Sign1: tag 18 then the 4-element array. libcbor 0.8
 * rejects the one-byte tags 6..20 (0xc6-0xd4) when decoding, tag 18
 * included, so the tag byte is checked here and the array decoded alone.
 */
static cbor_item_t *load_sign1(const uint8_t *p, size_t len)
{
	assert_true(len > 1);
	assert_int_equal(p[0], 0xd2); /* major type 6, value 18 */
	return load(p + 1, len - 1);
}

/* The COSE_Sign1 array; a new reference. */
static cbor_item_t *sign1_array(cbor_item_t *arr)
{
	assert_true(cbor_isa_array(arr));
	assert_int_equal(cbor_array_size(arr), 4);
	return cbor_incref(arr);
}

static cbor_item_t *sign1_payload(cbor_item_t *tagged)
{
	cbor_item_t *arr = sign1_array(tagged);
	cbor_item_t *payload = cbor_array_get(arr, 2);
	cbor_item_t *claims;

	assert_true(cbor_isa_bytestring(payload));
	claims = load(cbor_bytestring_handle(payload), cbor_bytestring_length(payload));
	cbor_decref(&payload);
	cbor_decref(&arr);
	return claims;
}

static void parse(const struct fixture *f, struct parsed *p)
{
	cbor_item_t *map, *pb;

	memset(p, 0, sizeof(*p));
	p->top = load(f->token, f->token_len);
	assert_true(cbor_isa_tag(p->top));
	assert_int_equal(cbor_tag_value(p->top), 399);
	map = cbor_tag_item(p->top);
	assert_true(cbor_isa_map(map));
	assert_int_equal(cbor_map_size(map), 2);
	pb = map_get(map, 44234);
	p->realm_bstr = map_get(map, 44241);
	assert_non_null(pb);
	assert_non_null(p->realm_bstr);
	assert_true(cbor_isa_bytestring(pb));
	assert_true(cbor_isa_bytestring(p->realm_bstr));
	p->plat = load_sign1(cbor_bytestring_handle(pb), cbor_bytestring_length(pb));
	p->realm = load_sign1(cbor_bytestring_handle(p->realm_bstr),
			cbor_bytestring_length(p->realm_bstr));
	p->realm_claims = sign1_payload(p->realm);
	p->plat_claims = sign1_payload(p->plat);
	cbor_decref(&map);
}

static void parsed_free(struct parsed *p)
{
	cbor_decref(&p->plat_claims);
	cbor_decref(&p->realm_claims);
	cbor_decref(&p->realm);
	cbor_decref(&p->plat);
	cbor_decref(&p->top);
}

static void build(struct fixture *f)
{
	assert_int_equal(attest_token_build(&f->keys, &f->claims, f->token,
					    sizeof(f->token), &f->token_len), 0);
	assert_true(f->token_len > 0);
	assert_true(f->token_len <= attest_token_max_size());
}

/*
 * ES384 check of a serialised COSE_Sign1 (tag 18) with the P-384 key in
 * @cose_key: rebuilds the Sig_structure by hand. Returns the mbedTLS code.
 */
static int verify_sign1(const uint8_t *tok, size_t tok_len, const cbor_item_t *cose_key)
{
	cbor_item_t *tagged = load_sign1(tok, tok_len);
	cbor_item_t *arr = sign1_array(tagged);
	cbor_item_t *prot = cbor_array_get(arr, 0);
	cbor_item_t *payload = cbor_array_get(arr, 2);
	cbor_item_t *sig = cbor_array_get(arr, 3);
	cbor_item_t *tbs = cbor_new_definite_array(4);
	uint8_t point[97], hash[64];
	unsigned char *buf = NULL;
	size_t buf_cap = 0, buf_len;
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;
	int ret;

	assert_int_equal(cbor_bytestring_length(sig), 96);
	assert_true(cbor_array_push(tbs, cbor_move(cbor_build_string("Signature1"))));
	assert_true(cbor_array_push(tbs, prot));
	assert_true(cbor_array_push(tbs, cbor_move(cbor_build_bytestring(point, 0))));
	assert_true(cbor_array_push(tbs, payload));
	buf_len = cbor_serialize_alloc(tbs, &buf, &buf_cap);
	assert_true(buf_len > 0);
	assert_int_equal(mbedtls_sha512_ret(buf, buf_len, hash, 1), 0);

	point[0] = 0x04;
	memcpy(point + 1, cbor_bytestring_handle(map_get(cose_key, -2)), 48);
	memcpy(point + 49, cbor_bytestring_handle(map_get(cose_key, -3)), 48);
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	assert_int_equal(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1), 0);
	assert_int_equal(mbedtls_ecp_point_read_binary(&grp, &q, point, sizeof(point)), 0);
	assert_int_equal(mbedtls_mpi_read_binary(&r, cbor_bytestring_handle(sig), 48), 0);
	assert_int_equal(mbedtls_mpi_read_binary(&s, cbor_bytestring_handle(sig) + 48, 48), 0);
	ret = mbedtls_ecdsa_verify(&grp, hash, 48, &q, &r, &s);

	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	free(buf);
	cbor_decref(&tbs);
	cbor_decref(&sig);
	cbor_decref(&payload);
	cbor_decref(&prot);
	cbor_decref(&arr);
	cbor_decref(&tagged);
	return ret;
}

/* The realm token's COSE_Key claim, loaded. */
static cbor_item_t *rak_cose_key(const struct parsed *p)
{
	cbor_item_t *k = map_get(p->realm_claims, 44237);

	assert_non_null(k);
	assert_true(cbor_isa_bytestring(k));
	return load(cbor_bytestring_handle(k), cbor_bytestring_length(k));
}

/* ---- tests ------------------------------------------------------------ */

static void attest_token_build__is_tag_399_with_platform_then_realm_token(void **state)
{
	struct fixture *f = *state;
	struct parsed p;
	cbor_item_t *map;
	struct cbor_pair *pairs;

	build(f);
	parse(f, &p);
	map = cbor_tag_item(p.top);
	pairs = cbor_map_handle(map);
	/* TF-RMM order: 44234 (platform) first, then 44241 (realm). */
	assert_int_equal(int_of(pairs[0].key), 44234);
	assert_int_equal(int_of(pairs[1].key), 44241);
	assert_bstr(pairs[0].value, f->keys.plat_token, f->keys.plat_token_len);
	cbor_decref(&map);
	parsed_free(&p);
}

static void realm_token__is_cose_sign1_with_es384_protected_header(void **state)
{
	struct fixture *f = *state;
	struct parsed p;
	cbor_item_t *arr, *prot, *hdr, *unprot, *sig;

	build(f);
	parse(f, &p);
	arr = sign1_array(p.realm);
	prot = cbor_array_get(arr, 0);
	unprot = cbor_array_get(arr, 1);
	sig = cbor_array_get(arr, 3);
	assert_true(cbor_isa_bytestring(prot));
	hdr = load(cbor_bytestring_handle(prot), cbor_bytestring_length(prot));
	assert_int_equal(cbor_map_size(hdr), 1);
	assert_int_equal(int_of(map_get(hdr, 1)), -35);
	assert_true(cbor_isa_map(unprot));
	assert_int_equal(cbor_map_size(unprot), 0);
	assert_int_equal(cbor_bytestring_length(sig), 96);
	cbor_decref(&hdr);
	cbor_decref(&sig);
	cbor_decref(&unprot);
	cbor_decref(&prot);
	cbor_decref(&arr);
	parsed_free(&p);
}

static void check_claims(struct fixture *f, size_t hash_size, const char *algo)
{
	struct parsed p;
	cbor_item_t *rems;

	build(f);
	parse(f, &p);
	assert_int_equal(cbor_map_size(p.realm_claims), 8);
	assert_bstr(map_get(p.realm_claims, 10), f->challenge, 64);
	assert_bstr(map_get(p.realm_claims, 44235), f->rpv, 64);
	assert_bstr(map_get(p.realm_claims, 44237), f->keys.rak_cose_key,
		    f->keys.rak_cose_key_len);
	assert_tstr(map_get(p.realm_claims, 44236), algo);
	assert_tstr(map_get(p.realm_claims, 44240), "sha-256");
	assert_tstr(map_get(p.realm_claims, 265), "tag:arm.com,2023:realm#1.0.0");
	assert_bstr(map_get(p.realm_claims, 44238), f->rim, hash_size);
	rems = map_get(p.realm_claims, 44239);
	assert_non_null(rems);
	assert_true(cbor_isa_array(rems));
	assert_int_equal(cbor_array_size(rems), 4);
	for (size_t i = 0; i < 4; i++) {
		cbor_item_t *rem = cbor_array_get(rems, i);

		assert_bstr(rem, f->rem[i], hash_size);
		cbor_decref(&rem);
	}
	parsed_free(&p);
}

static void realm_claims__equal_inputs_with_sha256(void **state)
{
	check_claims(*state, 32, "sha-256");
}

static void realm_claims__equal_inputs_with_sha512(void **state)
{
	struct fixture *f = *state;

	f->claims.hash_algo = ATTEST_HASH_SHA_512;
	f->claims.hash_size = 64;
	check_claims(f, 64, "sha-512");
}

static void realm_claims__are_emitted_in_tf_rmm_order(void **state)
{
	static const int64_t order[] = { 10, 44235, 44237, 44236, 44240, 265, 44238, 44239 };
	struct fixture *f = *state;
	struct parsed p;
	struct cbor_pair *pairs;

	build(f);
	parse(f, &p);
	pairs = cbor_map_handle(p.realm_claims);
	for (size_t i = 0; i < 8; i++) {
		assert_int_equal(int_of(pairs[i].key), order[i]);
	}
	parsed_free(&p);
}

static void rak_cose_key__is_ec2_p384_with_48_byte_coordinates(void **state)
{
	struct fixture *f = *state;
	struct parsed p;
	cbor_item_t *key;

	build(f);
	parse(f, &p);
	key = rak_cose_key(&p);
	assert_int_equal(cbor_map_size(key), 4);
	assert_int_equal(int_of(map_get(key, 1)), 2);
	assert_int_equal(int_of(map_get(key, -1)), 2);
	assert_int_equal(cbor_bytestring_length(map_get(key, -2)), 48);
	assert_int_equal(cbor_bytestring_length(map_get(key, -3)), 48);
	assert_int_equal(f->keys.rak_cose_key_len, ATTEST_RAK_COSE_KEY_SIZE);
	cbor_decref(&key);
	parsed_free(&p);
}

static void realm_signature__verifies_with_rak_from_claim_44237(void **state)
{
	struct fixture *f = *state;
	struct parsed p;
	cbor_item_t *key;

	build(f);
	parse(f, &p);
	key = rak_cose_key(&p);
	assert_int_equal(verify_sign1(cbor_bytestring_handle(p.realm_bstr),
				      cbor_bytestring_length(p.realm_bstr), key), 0);
	cbor_decref(&key);
	parsed_free(&p);
}

static void realm_signature__fails_when_one_claim_byte_changes(void **state)
{
	struct fixture *f = *state;
	struct parsed p;
	cbor_item_t *key;
	uint8_t *copy;
	size_t len;
	uint8_t *hit;

	build(f);
	parse(f, &p);
	key = rak_cose_key(&p);
	len = cbor_bytestring_length(p.realm_bstr);
	copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, cbor_bytestring_handle(p.realm_bstr), len);
	/* Flip the first RIM byte inside the signed payload. */
	hit = memmem(copy, len, f->rim, 32);
	assert_non_null(hit);
	hit[1] ^= 0x01;
	assert_int_not_equal(verify_sign1(copy, len, key), 0);
	free(copy);
	cbor_decref(&key);
	parsed_free(&p);
}

static void platform_token__challenge_is_sha256_of_rak_cose_key(void **state)
{
	struct fixture *f = *state;
	struct parsed p;
	cbor_item_t *rak;
	uint8_t h[32], h2[32];

	build(f);
	parse(f, &p);
	rak = map_get(p.realm_claims, 44237);
	assert_int_equal(mbedtls_sha256_ret(cbor_bytestring_handle(rak),
					    cbor_bytestring_length(rak), h, 0), 0);
	assert_bstr(map_get(p.plat_claims, 10), h, 32);
	assert_int_equal(attest_rak_pub_hash(&f->keys, h2), 0);
	assert_memory_equal(h, h2, 32);
	assert_tstr(map_get(p.plat_claims, 265), "tag:arm.com,2023:cca_platform#1.0.0");
	parsed_free(&p);
}

static void attest_token_build__is_deterministic(void **state)
{
	struct fixture *f = *state;
	uint8_t *again = malloc(sizeof(f->token));
	size_t again_len = 0;

	assert_non_null(again);
	build(f);
	assert_int_equal(attest_token_build(&f->keys, &f->claims, again,
					    sizeof(f->token), &again_len), 0);
	assert_int_equal(again_len, f->token_len);
	assert_memory_equal(again, f->token, again_len);
	/* A different challenge gives a different token. */
	f->challenge[0] ^= 0xff;
	assert_int_equal(attest_token_build(&f->keys, &f->claims, again,
					    sizeof(f->token), &again_len), 0);
	assert_memory_not_equal(again, f->token, again_len < f->token_len ?
				again_len : f->token_len);
	free(again);
}

static void attest_token_build__fails_enospc_when_buffer_too_small(void **state)
{
	struct fixture *f = *state;
	size_t len = 0;

	build(f);
	assert_int_equal(attest_token_build(&f->keys, &f->claims, f->token,
					    f->token_len - 1, &len), -ENOSPC);
	assert_int_equal(attest_token_build(&f->keys, &f->claims, f->token,
					    f->token_len, &len), 0);
	assert_int_equal(len, f->token_len);
}

static void attest_token_build__fails_einval_on_bad_claims(void **state)
{
	struct fixture *f = *state;
	size_t len;
	struct attest_claims c = f->claims;

	c.hash_algo = 2;
	assert_int_equal(attest_token_build(&f->keys, &c, f->token, sizeof(f->token), &len), -EINVAL);
	c = f->claims;
	c.hash_size = 64; /* SHA-256 is 32 bytes */
	assert_int_equal(attest_token_build(&f->keys, &c, f->token, sizeof(f->token), &len), -EINVAL);
	c = f->claims;
	c.challenge = NULL;
	assert_int_equal(attest_token_build(&f->keys, &c, f->token, sizeof(f->token), &len), -EINVAL);
	c = f->claims;
	c.rem = NULL;
	assert_int_equal(attest_token_build(&f->keys, &c, f->token, sizeof(f->token), &len), -EINVAL);
	assert_int_equal(attest_token_build(&f->keys, NULL, f->token, sizeof(f->token), &len), -EINVAL);
}

static void attest_keys_init__rejects_out_of_range_private_keys(void **state)
{
	struct attest_keys *k = malloc(sizeof(*k));
	uint8_t zero[48] = { 0 };
	uint8_t ones[48];

	(void)state;
	assert_non_null(k);
	memset(ones, 0xff, sizeof(ones)); /* > group order n */
	assert_int_equal(attest_keys_init(k, zero, NULL, 0), -EINVAL);
	assert_int_equal(attest_keys_init(k, ones, NULL, 0), -EINVAL);
	free(k);
}

static void attest_keys_init__uses_given_key_and_platform_token_verbatim(void **state)
{
	struct fixture *f = *state;
	struct attest_keys *k = malloc(sizeof(*k));
	uint8_t priv[48];
	static const uint8_t plat[] = { 0xd2, 0x84, 0x40, 0xa0, 0x40, 0x40 };
	uint8_t big[ATTEST_PLAT_TOKEN_MAX + 1] = { 0 };

	assert_non_null(k);
	memset(priv, 0x5a, sizeof(priv));
	assert_int_equal(attest_keys_init(k, priv, plat, sizeof(plat)), 0);
	assert_int_equal(k->plat_token_len, sizeof(plat));
	assert_memory_equal(k->plat_token, plat, sizeof(plat));
	assert_int_equal(k->rak_cose_key_len, f->keys.rak_cose_key_len);
	assert_memory_not_equal(k->rak_cose_key, f->keys.rak_cose_key,
				k->rak_cose_key_len);
	attest_keys_free(k);
	assert_int_equal(attest_keys_init(k, priv, big, sizeof(big)), -EINVAL);
	assert_int_equal(attest_keys_init(k, priv, plat, 0), -EINVAL);
	free(k);
}

/*
 * The built-in test keys come with their public points (no scalar
 * multiplication at boot): they must equal d.G. The RAK's scalar given
 * explicitly (docs/attestation.md) is multiplied out; both COSE_Keys agree.
 * A given point that is not on the curve is refused. (The IAK's point is
 * the one the independent verifier checks the platform token against:
 * attest_verify_token_* in CMakeLists.txt, --iak-pub.)
 */
/* The placeholder platform token costs an ES384 signature: built on first use, once. */
static void attest_keys_init__builds_placeholder_platform_token_on_first_use(void **state)
{
	struct attest_keys *k = calloc(1, sizeof(*k));
	const uint8_t *t1, *t2;
	size_t l1, l2;
	uint8_t h[32];

	(void)state;
	assert_non_null(k);
	assert_int_equal(attest_keys_init(k, NULL, NULL, 0), 0);
	assert_int_equal(k->plat_token_len, 0);
	assert_int_equal(k->plat_token_state, ATTEST_PLAT_PENDING);
	assert_int_equal(attest_keys_plat_token(k, &t1, &l1), 0);
	assert_true(l1 > 32U);
	assert_int_equal(k->plat_token_state, ATTEST_PLAT_READY);
	/* Bound to the RAK: its challenge is SHA-256 of the RAK COSE_Key. */
	assert_int_equal(attest_rak_pub_hash(k, h), 0);
	assert_non_null(memmem(t1, l1, h, sizeof(h)));
	assert_int_equal(attest_keys_plat_token(k, &t2, &l2), 0);
	assert_ptr_equal(t1, t2);
	assert_int_equal(l1, l2);
	attest_keys_free(k);
	free(k);
}

static void attest_keys_init__built_in_public_points_equal_d_times_g(void **state)
{
	static const uint8_t rak_priv[48] = {
		0x48, 0x26, 0x16, 0xbf, 0x23, 0x45, 0xcf, 0x19, 0x63, 0x83, 0xc5, 0x17,
		0x1a, 0x48, 0x43, 0xd8, 0xfd, 0x71, 0x40, 0x05, 0xe9, 0x08, 0x24, 0xa7,
		0x73, 0xf1, 0x57, 0x7a, 0x8a, 0x66, 0xe6, 0xb2, 0x0c, 0xeb, 0xc5, 0x3f,
		0x57, 0xc7, 0x50, 0xd3, 0xcb, 0x8c, 0x71, 0x0e, 0xd9, 0xc8, 0x68, 0x61,
	};
	struct fixture *f = *state;
	struct attest_keys *k = malloc(sizeof(*k));
	mbedtls_ecp_keypair computed;
	mbedtls_ecp_keypair given;
	static const uint8_t iak_pub[96] = {
		0x2e, 0x6c, 0x82, 0x43, 0x90, 0xb9, 0x3a, 0x67, 0x92, 0xdd, 0xd2, 0x73,
		0xcc, 0xd2, 0xc1, 0x8f, 0x45, 0xd0, 0xe5, 0x88, 0x99, 0x72, 0x95, 0x71,
		0xcc, 0xcd, 0x06, 0xf6, 0x8a, 0x81, 0x20, 0x67, 0x82, 0x39, 0xb9, 0xe6,
		0xc8, 0x1a, 0x75, 0x2a, 0x20, 0x5c, 0x23, 0xc3, 0x3b, 0xae, 0x2a, 0xe0,
		0x3d, 0xac, 0x8f, 0xca, 0x1e, 0x9b, 0x8b, 0x10, 0x9e, 0xc7, 0xc5, 0x34,
		0xb1, 0xfe, 0xf7, 0xc5, 0xf9, 0x6b, 0x57, 0x63, 0xec, 0x4b, 0xb4, 0x91,
		0x5a, 0x6c, 0x24, 0xd5, 0x02, 0x4d, 0x9f, 0x8d, 0x6d, 0x6d, 0xb7, 0x64,
		0xc4, 0x50, 0xbe, 0x5a, 0x9c, 0xc4, 0xcc, 0x10, 0x4c, 0xf2, 0x64, 0x55,
	};

	assert_non_null(k);
	assert_int_equal(attest_keys_init(k, rak_priv, NULL, 0), 0);
	assert_int_equal(k->rak_cose_key_len, f->keys.rak_cose_key_len);
	assert_memory_equal(k->rak_cose_key, f->keys.rak_cose_key, k->rak_cose_key_len);
	attest_keys_free(k);
	free(k);
	/* A wrong point for a scalar is refused by the curve check, d.G is what it gives. */
	assert_int_equal(attest_ec_load_p384(&computed, rak_priv, NULL), 0);
	assert_int_equal(attest_ec_load_p384(&given, rak_priv, iak_pub), 0);
	assert_int_not_equal(mbedtls_ecp_point_cmp(&computed.Q, &given.Q), 0);
	mbedtls_ecp_keypair_free(&given);
	memset(&given, 0, sizeof(given));
	{
		uint8_t bad[96];

		memcpy(bad, iak_pub, sizeof(bad));
		bad[95] ^= 1U;
		assert_int_equal(attest_ec_load_p384(&given, rak_priv, bad), -EINVAL);
	}
	mbedtls_ecp_keypair_free(&computed);
}

struct cost_log {
	uint64_t n[RMM_COST_COUNT];
};

static void count_cost(void *ctx, enum rmm_cost ev, uint64_t n)
{
	struct cost_log *log = ctx;

	log->n[ev] += n;
}

static void attest_token_build__charges_one_ecdsa_sign(void **state)
{
	struct fixture *f = *state;
	struct cost_log log = { { 0 } };

	attest_keys_set_account(&f->keys, count_cost, &log);
	build(f);
	assert_int_equal(log.n[RMM_COST_ECDSA_SIGN], 1);
	assert_true(log.n[RMM_COST_SHA512_BLOCK] >= 3); /* Sig_structure > 300 bytes */
	build(f);
	assert_int_equal(log.n[RMM_COST_ECDSA_SIGN], 2);
}

static void attest_token_max_size__bounds_sha512_token_and_realm_token(void **state)
{
	struct fixture *f = *state;
	struct parsed p;

	f->claims.hash_algo = ATTEST_HASH_SHA_512;
	f->claims.hash_size = 64;
	build(f);
	parse(f, &p);
	assert_true(cbor_bytestring_length(p.realm_bstr) <= ATTEST_REALM_TOKEN_MAX);
	assert_true(f->keys.plat_token_len + cbor_bytestring_length(p.realm_bstr) <
		    f->token_len);
	parsed_free(&p);
}

/* RMI 2.0 realm: profile "realm#2.0.0", instance ID (256), MEC policy (44243) (den0137-2.0 rsi.md §5). */
static void realm_claims__v2_profile_adds_instance_id_and_mec_policy(void **state)
{
	struct fixture *f = *state;
	uint8_t iid[ATTEST_INSTANCE_ID_SIZE];
	cbor_item_t *mec;
	struct parsed p;

	memset(iid, 0x3c, sizeof(iid));
	iid[0] = 0x01;
	f->claims.instance_id = iid;
	f->claims.mec_policy = 1;
	build(f);
	parse(f, &p);
	assert_int_equal(cbor_map_size(p.realm_claims), 10);
	assert_tstr(map_get(p.realm_claims, 265), "tag:arm.com,2024:realm#2.0.0");
	assert_bstr(map_get(p.realm_claims, 256), iid, sizeof(iid));
	mec = map_get(p.realm_claims, 44243);
	assert_non_null(mec);
	assert_true(cbor_isa_uint(mec));
	assert_int_equal(cbor_get_int(mec), 1);
	parsed_free(&p);
}

/* ---- ES384 backends (attest_es384.c) -------------------------------- */

static void unhex(const char *h, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		assert_int_equal(sscanf(h + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

/* RFC 6979 A.2.6: P-384, SHA-384, message "sample". */
static void es384__every_backend_signs_the_rfc6979_p384_sha384_answer(void **state)
{
	uint8_t d[48], h[48], want[96], sig[96];
	const struct attest_es384_backend *list[2] = {
		attest_es384_backend_by_name("openssl"), attest_es384_backend_by_name("mbedtls") };

	(void)state;
	assert_true(list[0] != NULL || list[1] != NULL);
	unhex("6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8"
	      "96D5724E4C70A825F872C9EA60D2EDF5", d, 48);
	unhex("9A9083505BC92276AEC4BE312696EF7BF3BF603F4BBD381196A029F340585312"
	      "313BCA4A9B5B890EFEE42C77B1EE25FE", h, 48);
	unhex("94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C"
	      "81A648152E44ACF96E36DD1E80FABE46"
	      "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94F"
	      "A329C145786E679E7B82C71A38628AC8", want, 96);
	for (size_t i = 0; i < 2; i++) {
		if (list[i] == NULL)
			continue;
		memset(sig, 0, sizeof(sig));
		assert_int_equal(list[i]->sign(d, h, sig), 0);
		assert_memory_equal(sig, want, sizeof(want));
	}
}

/* Digests at the edges (0, >= n, all ones) and a pattern: the same r || s everywhere. */
static void es384__backends_give_identical_signatures(void **state)
{
	const struct attest_es384_backend *o = attest_es384_backend_by_name("openssl");
	const struct attest_es384_backend *m = attest_es384_backend_by_name("mbedtls");
	uint8_t d[48], h[48], so[96], sm[96];

	(void)state;
	if (o == NULL || m == NULL) {
		skip();
	}
	for (unsigned t = 0; t < 8; t++) {
		for (unsigned i = 0; i < 48; i++) {
			d[i] = (uint8_t)(t * 37U + i * 11U + 1U);
			h[i] = t == 0 ? 0x00 : t == 1 ? 0xFF : (uint8_t)(t * 91U + i * 7U);
		}
		d[0] &= 0x7F; /* below n */
		assert_int_equal(o->sign(d, h, so), 0);
		assert_int_equal(m->sign(d, h, sm), 0);
		assert_memory_equal(so, sm, sizeof(so));
	}
}

/*
 * The test RAK's placeholder platform token is a constant in attest_keys.c:
 * it must be what attest_platform_token_build() makes, with every ES384
 * backend (else regenerate the constant from this build).
 */
static void platform_token__test_rak_constant_equals_the_built_token(void **state)
{
	struct fixture *f = *state;
	const char *names[2] = { "openssl", "mbedtls" };
	uint8_t challenge[32], *built = malloc(ATTEST_PLAT_TOKEN_MAX);
	size_t len = 0;

	assert_non_null(built);
	assert_int_equal(attest_rak_pub_hash(&f->keys, challenge), 0);
	for (unsigned i = 0; i < 2; i++) {
		const struct attest_es384_backend *be = attest_es384_backend_by_name(names[i]);

		if (be == NULL)
			continue;
		attest_es384_use(be);
		assert_int_equal(attest_platform_token_build(challenge, built, ATTEST_PLAT_TOKEN_MAX,
							     &len), 0);
		assert_int_equal(len, attest_test_plat_token_len);
		assert_memory_equal(built, attest_test_plat_token, len);
	}
	attest_es384_use(NULL);
	/* And the keys hand out exactly those bytes. */
	assert_int_equal(f->keys.plat_token_len, attest_test_plat_token_len);
	assert_memory_equal(f->keys.plat_token, attest_test_plat_token, attest_test_plat_token_len);
	free(built);
}

/* A whole token (platform token included) is byte-identical whichever backend signs it. */
static void attest_token_build__same_bytes_with_every_es384_backend(void **state)
{
	struct fixture *f = *state;
	const char *names[2] = { "openssl", "mbedtls" };
	uint8_t *tok[2] = { malloc(sizeof(f->token)), malloc(sizeof(f->token)) };
	size_t len[2] = { 0, 0 };
	unsigned built = 0;

	assert_non_null(tok[0]);
	assert_non_null(tok[1]);
	for (unsigned i = 0; i < 2; i++) {
		const struct attest_es384_backend *be = attest_es384_backend_by_name(names[i]);
		struct attest_keys k;
		const uint8_t *plat;
		size_t plat_len;

		if (be == NULL)
			continue;
		attest_es384_use(be);
		assert_int_equal(attest_keys_init(&k, NULL, NULL, 0), 0);
		assert_int_equal(attest_keys_plat_token(&k, &plat, &plat_len), 0);
		assert_int_equal(attest_token_build(&k, &f->claims, tok[built], sizeof(f->token),
						    &len[built]), 0);
		attest_keys_free(&k);
		built++;
	}
	attest_es384_use(NULL);
	if (built == 2) {
		assert_int_equal(len[0], len[1]);
		assert_memory_equal(tok[0], tok[1], len[0]);
	}
	free(tok[0]);
	free(tok[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(attest_token_build__is_tag_399_with_platform_then_realm_token),
		T(realm_token__is_cose_sign1_with_es384_protected_header),
		T(realm_claims__equal_inputs_with_sha256),
		T(realm_claims__equal_inputs_with_sha512),
		T(realm_claims__are_emitted_in_tf_rmm_order),
		T(rak_cose_key__is_ec2_p384_with_48_byte_coordinates),
		T(realm_signature__verifies_with_rak_from_claim_44237),
		T(realm_signature__fails_when_one_claim_byte_changes),
		T(platform_token__challenge_is_sha256_of_rak_cose_key),
		T(attest_token_build__is_deterministic),
		T(attest_token_build__fails_enospc_when_buffer_too_small),
		T(attest_token_build__fails_einval_on_bad_claims),
		T(attest_keys_init__rejects_out_of_range_private_keys),
		T(attest_keys_init__uses_given_key_and_platform_token_verbatim),
		T(attest_keys_init__builds_placeholder_platform_token_on_first_use),
		T(attest_keys_init__built_in_public_points_equal_d_times_g),
		T(attest_token_build__charges_one_ecdsa_sign),
		T(attest_token_max_size__bounds_sha512_token_and_realm_token),
		T(realm_claims__v2_profile_adds_instance_id_and_mec_policy),
		T(attest_token_build__same_bytes_with_every_es384_backend),
		T(platform_token__test_rak_constant_equals_the_built_token),
#undef T
		cmocka_unit_test(es384__every_backend_signs_the_rfc6979_p384_sha384_answer),
		cmocka_unit_test(es384__backends_give_identical_signatures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
