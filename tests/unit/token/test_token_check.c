/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim/src/token: the CCA token checker. Real tokens come from the project's
 * encoder (rmm/src/attest, default TEST keys); variants the encoder cannot
 * produce (missing or mistyped claims, other profile, unbound platform
 * token...) are built here with libcbor and signed with the same RAK.
 */
#define _GNU_SOURCE /* memmem, open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cbor.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "attest/attest.h"
#include "token_check.h"
#include "token_es384.h"

#define TOK_CAP 8192U

struct fixture {
	struct attest_keys keys;
	uint8_t challenge[64];
	uint8_t rpv[64];
	uint8_t rim[64];
	uint8_t rem[4][64];
	struct attest_claims claims;
	uint8_t token[TOK_CAP];
	size_t token_len;
	char err[256];
	struct token_claims out;
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
		f->challenge[i] = (uint8_t)(0xc0U ^ i);
		f->rpv[i] = (uint8_t)(0x50U + (i & 0xfU));
		f->rim[i] = (uint8_t)(0x11U * (i & 7U) + 1U);
		for (unsigned int j = 0; j < 4; j++) {
			f->rem[j][i] = (uint8_t)(0x30U + 16U * j + (i & 0xfU));
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

static void build(struct fixture *f, uint32_t algo)
{
	f->claims.hash_algo = algo;
	f->claims.hash_size = algo == ATTEST_HASH_SHA_512 ? 64 : 32;
	assert_int_equal(attest_token_build(&f->keys, &f->claims, f->token,
					    sizeof(f->token), &f->token_len), 0);
}

static int check(struct fixture *f, const uint8_t *tok, size_t len)
{
	memset(f->err, 0x55, sizeof(f->err));
	return token_check(tok, len, &f->out, f->err, sizeof(f->err));
}

/* Rejected with a message containing @what. */
static void expect_reject(struct fixture *f, const uint8_t *tok, size_t len,
			  const char *what)
{
	int ret = check(f, tok, len);

	if (ret != -1 || strstr(f->err, what) == NULL) {
		print_error("ret %d, err \"%.*s\", expected \"%s\"\n", ret,
			    (int)sizeof(f->err), f->err, what);
		fail();
	}
}

/* Start of the realm COSE_Sign1 inside f->token (after its bstr head). */
static size_t realm_offset(const struct fixture *f)
{
	static const uint8_t key[] = { 0x19, 0xac, 0xd1 }; /* uint 44241 */
	const uint8_t *hit = memmem(f->token, f->token_len, key, sizeof(key));

	assert_non_null(hit);
	/* bstr head: 0x59 len16 */
	assert_int_equal(hit[3], 0x59);
	return (size_t)(hit + 6 - f->token);
}

static void check_values(struct fixture *f, size_t hs, const char *algo)
{
	struct token_claims *c = &f->out;
	uint8_t h[32];

	assert_memory_equal(c->challenge, f->challenge, 64);
	assert_memory_equal(c->rpv, f->rpv, 64);
	assert_int_equal(c->rim_len, hs);
	assert_int_equal(c->rem_len, hs);
	assert_memory_equal(c->rim, f->rim, hs);
	for (unsigned int j = 0; j < 4; j++) {
		assert_memory_equal(c->rem[j], f->rem[j], hs);
	}
	assert_string_equal(c->hash_algo, algo);
	assert_string_equal(c->profile, "tag:arm.com,2023:realm#1.0.0");
	assert_string_equal(c->rak_hash_algo, "sha-256");
	assert_int_equal(c->rak_cose_key_len, f->keys.rak_cose_key_len);
	assert_memory_equal(c->rak_cose_key, f->keys.rak_cose_key,
			    f->keys.rak_cose_key_len);
	assert_int_equal(c->platform_token_len, f->keys.plat_token_len);
	assert_true(c->platform_bound);
	/* Binding as the encoder sees it. */
	assert_int_equal(attest_rak_pub_hash(&f->keys, h), 0);
	assert_non_null(memmem(f->keys.plat_token, f->keys.plat_token_len, h, 32));
}

static void test_accepts_sha256(void **state)
{
	struct fixture *f = *state;

	build(f, ATTEST_HASH_SHA_256);
	assert_int_equal(check(f, f->token, f->token_len), 0);
	assert_string_equal(f->err, "");
	check_values(f, 32, "sha-256");
}

static void test_accepts_sha512(void **state)
{
	struct fixture *f = *state;

	build(f, ATTEST_HASH_SHA_512);
	assert_int_equal(check(f, f->token, f->token_len), 0);
	check_values(f, 64, "sha-512");
}

static void test_err_optional(void **state)
{
	struct fixture *f = *state;
	char small[8];

	build(f, ATTEST_HASH_SHA_256);
	assert_int_equal(token_check(f->token, f->token_len, &f->out, NULL, 0), 0);
	assert_int_equal(token_check(f->token, 3, &f->out, NULL, 0), -1);
	/* A short error buffer is truncated, still NUL-terminated. */
	assert_int_equal(token_check(f->token, 3, &f->out, small, sizeof(small)), -1);
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_int_equal(token_check(NULL, 10, &f->out, f->err, sizeof(f->err)), -1);
	assert_int_equal(token_check(f->token, f->token_len, NULL, f->err,
				     sizeof(f->err)), -1);
}

static void test_rejects_flipped_signature(void **state)
{
	struct fixture *f = *state;

	build(f, ATTEST_HASH_SHA_256);
	f->token[f->token_len - 1] ^= 0x01;  /* realm token comes last */
	expect_reject(f, f->token, f->token_len, "signature verification failed");
	f->token[f->token_len - 1] ^= 0x01;
	f->token[f->token_len - 96] ^= 0x80; /* first byte of r */
	expect_reject(f, f->token, f->token_len, "signature verification failed");
}

static void test_rejects_flipped_payload(void **state)
{
	struct fixture *f = *state;
	uint8_t *hit;

	for (unsigned int a = 0; a < 2; a++) {
		build(f, a ? ATTEST_HASH_SHA_512 : ATTEST_HASH_SHA_256);
		hit = memmem(f->token, f->token_len, f->rim, f->claims.hash_size);
		assert_non_null(hit);
		hit[5] ^= 0x04;
		expect_reject(f, f->token, f->token_len,
			      "signature verification failed");
		hit[5] ^= 0x04;
		hit = memmem(f->token, f->token_len, f->challenge, 64);
		assert_non_null(hit);
		hit[63] ^= 0x01;
		expect_reject(f, f->token, f->token_len,
			      "signature verification failed");
	}
}

static void test_rejects_truncated(void **state)
{
	struct fixture *f = *state;
	static const size_t some[] = { 0, 1, 2, 3, 4, 10, 100, 500 };
	uint8_t *copy;

	build(f, ATTEST_HASH_SHA_256);
	for (size_t i = 0; i < sizeof(some) / sizeof(some[0]); i++) {
		expect_reject(f, f->token, some[i], "CCA token");
	}
	expect_reject(f, f->token, f->token_len - 1, "truncated");
	expect_reject(f, f->token, f->token_len / 2, "truncated");
	/* Every length, each in its own exactly-sized buffer for ASan. */
	for (size_t n = 0; n < f->token_len; n++) {
		copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, f->token, n);
		assert_int_equal(check(f, copy, n), -1);
		assert_true(f->err[0] != '\0' && memchr(f->err, 0, sizeof(f->err)));
		free(copy);
	}
}

static void test_rejects_wrong_tag(void **state)
{
	struct fixture *f = *state;
	size_t r;

	build(f, ATTEST_HASH_SHA_256);
	/* 0xd9 0x01 0x8f = tag 399 */
	assert_int_equal(f->token[0], 0xd9);
	assert_int_equal(f->token[1], 0x01);
	assert_int_equal(f->token[2], 0x8f);
	f->token[2] = 0x90;
	expect_reject(f, f->token, f->token_len, "tag 400, expected 399");
	f->token[2] = 0x8f;
	f->token[1] = 0x02;
	expect_reject(f, f->token, f->token_len, "expected 399");
	f->token[1] = 0x01;
	/* No tag at all. */
	expect_reject(f, f->token + 3, f->token_len - 3, "not tagged");
	/* Realm COSE_Sign1 with tag 17 (COSE_Mac0) instead of 18. */
	r = realm_offset(f);
	assert_int_equal(f->token[r], 0xd2);
	f->token[r] = 0xd8;  /* one-byte tag argument follows... */
	expect_reject(f, f->token, f->token_len, "realm token");
	f->token[r] = 0xd1;
	expect_reject(f, f->token, f->token_len, "realm token");
	f->token[r] = 0xd2;
	assert_int_equal(check(f, f->token, f->token_len), 0);
}

static void test_trailing_bytes(void **state)
{
	struct fixture *f = *state;

	build(f, ATTEST_HASH_SHA_256);
	f->token[f->token_len] = 0x00;
	expect_reject(f, f->token, f->token_len + 1, "trailing");
}

/* Flip every bit 0 and 7 of every byte: never a crash; realm part rejected. */
static void test_every_byte_flipped(void **state)
{
	struct fixture *f = *state;
	size_t r;
	int ret;

	build(f, ATTEST_HASH_SHA_256);
	r = realm_offset(f);
	for (size_t i = 0; i < f->token_len; i++) {
		for (unsigned int b = 0; b < 8; b += 7) {
			f->token[i] ^= (uint8_t)(1U << b);
			ret = check(f, f->token, f->token_len);
			if (i >= r || i < 3) {
				if (ret != -1) {
					print_error("flip of bit %u at %zu accepted\n", b, i);
					fail();
				}
			}
			f->token[i] ^= (uint8_t)(1U << b);
		}
	}
	assert_int_equal(check(f, f->token, f->token_len), 0);
}

/* ---- hand-built tokens -------------------------------------------------- */

struct variant {
	uint64_t omit;           /* claim key left out, 0 = none */
	uint64_t replace;        /* claim key whose value is @value, 0 = none */
	cbor_item_t *value;      /* consumed */
	uint64_t extra;          /* extra claim key (value 0), 0 = none */
	uint64_t dup;            /* claim key emitted twice, 0 = none */
	const uint8_t *plat;     /* NULL = the keys' platform token */
	size_t plat_len;
	const uint8_t *prot;     /* NULL = {1: -35} */
	size_t prot_len;
	bool untagged;           /* COSE_Sign1 without tag 18 */
	size_t sig_len;          /* 0 = 96 */
	bool no_realm;           /* top-level map without 44241 */
};

static void put(cbor_item_t *map, uint64_t key, cbor_item_t *v)
{
	struct cbor_pair p = { .key = cbor_move(cbor_build_uint32((uint32_t)key)),
			       .value = cbor_move(v) };

	assert_true(cbor_map_add(map, p));
}

static cbor_item_t *bstr(const uint8_t *p, size_t n)
{
	return cbor_build_bytestring(p, n);
}

static cbor_item_t *claims_value(struct fixture *f, uint64_t key)
{
	cbor_item_t *a;

	switch (key) {
	case 10:
		return bstr(f->challenge, 64);
	case 44235:
		return bstr(f->rpv, 64);
	case 44237:
		return bstr(f->keys.rak_cose_key, f->keys.rak_cose_key_len);
	case 44236:
		return cbor_build_string("sha-256");
	case 44240:
		return cbor_build_string("sha-256");
	case 265:
		return cbor_build_string("tag:arm.com,2023:realm#1.0.0");
	case 44238:
		return bstr(f->rim, 32);
	case 44239:
		a = cbor_new_definite_array(4);
		for (unsigned int j = 0; j < 4; j++) {
			assert_true(cbor_array_push(a, cbor_move(bstr(f->rem[j], 32))));
		}
		return a;
	default:
		return cbor_build_uint8(0);
	}
}

static size_t serialize(cbor_item_t *it, uint8_t *buf, size_t cap)
{
	size_t n = cbor_serialize(it, buf, cap);

	assert_true(n > 0);
	return n;
}

static int test_rng(void *ctx, unsigned char *out, size_t n)
{
	unsigned int *ctr = ctx;

	for (size_t i = 0; i < n; i++) {
		out[i] = (unsigned char)(++*ctr * 151U + 7U);
	}
	return 0;
}

/* ES384 with the TEST RAK over SHA-384(["Signature1", prot, h'', payload]). */
static void sign(struct fixture *f, const uint8_t *prot, size_t prot_len,
		 const uint8_t *payload, size_t payload_len, uint8_t sig[96])
{
	static uint8_t tbs[4096];
	uint8_t hash[64];
	cbor_item_t *a = cbor_new_definite_array(4);
	mbedtls_ecp_group grp;
	mbedtls_mpi r, s;
	unsigned int ctr = 0;
	size_t n;

	assert_true(cbor_array_push(a, cbor_move(cbor_build_string("Signature1"))));
	assert_true(cbor_array_push(a, cbor_move(bstr(prot, prot_len))));
	assert_true(cbor_array_push(a, cbor_move(bstr(prot, 0))));  /* h'' */
	assert_true(cbor_array_push(a, cbor_move(bstr(payload, payload_len))));
	n = serialize(a, tbs, sizeof(tbs));
	cbor_decref(&a);
	assert_int_equal(mbedtls_sha512_ret(tbs, n, hash, 1), 0);

	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	assert_int_equal(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP384R1), 0);
	assert_int_equal(mbedtls_ecdsa_sign(&grp, &r, &s, &f->keys.rak.d, hash, 48,
					    test_rng, &ctr), 0);
	assert_int_equal(mbedtls_mpi_write_binary(&r, sig, 48), 0);
	assert_int_equal(mbedtls_mpi_write_binary(&s, sig + 48, 48), 0);
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_group_free(&grp);
}

static size_t build_variant(struct fixture *f, struct variant *v, uint8_t *out)
{
	static const uint64_t keys[] = { 10, 44235, 44237, 44236, 44240, 265,
					 44238, 44239 };
	static const uint8_t es384[] = { 0xa1, 0x01, 0x38, 0x22 };
	static uint8_t payload[2048], realm[4096];
	uint8_t sig[96] = { 0 };
	cbor_item_t *m = cbor_new_definite_map(12), *a, *top;
	size_t pl, rl, n;
	const uint8_t *prot = v->prot ? v->prot : es384;
	size_t prot_len = v->prot ? v->prot_len : sizeof(es384);

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (keys[i] == v->omit) {
			continue;
		}
		if (keys[i] == v->replace) {
			put(m, keys[i], v->value);
			v->value = NULL;
		} else {
			put(m, keys[i], claims_value(f, keys[i]));
		}
		if (keys[i] == v->dup) {
			put(m, keys[i], claims_value(f, keys[i]));
		}
	}
	if (v->extra != 0) {
		put(m, v->extra, cbor_build_uint8(0));
	}
	pl = serialize(m, payload, sizeof(payload));
	cbor_decref(&m);
	sign(f, prot, prot_len, payload, pl, sig);

	a = cbor_new_definite_array(4);
	assert_true(cbor_array_push(a, cbor_move(bstr(prot, prot_len))));
	assert_true(cbor_array_push(a, cbor_move(cbor_new_definite_map(0))));
	assert_true(cbor_array_push(a, cbor_move(bstr(payload, pl))));
	assert_true(cbor_array_push(a, cbor_move(bstr(sig, v->sig_len ? v->sig_len : 96))));
	realm[0] = 0xd2;  /* tag 18, as the encoder emits it */
	rl = serialize(a, realm + 1, sizeof(realm) - 1) + 1;
	cbor_decref(&a);

	m = cbor_new_definite_map(2);
	put(m, 44234, bstr(v->plat ? v->plat : f->keys.plat_token,
			   v->plat ? v->plat_len : f->keys.plat_token_len));
	if (!v->no_realm) {
		put(m, 44241, v->untagged ? bstr(realm + 1, rl - 1) : bstr(realm, rl));
	}
	top = cbor_build_tag(399, cbor_move(m));
	n = serialize(top, out, TOK_CAP);
	cbor_decref(&top);
	return n;
}

static void expect_variant(struct fixture *f, struct variant *v, const char *what)
{
	size_t n = build_variant(f, v, f->token);

	if (what == NULL) {
		if (check(f, f->token, n) != 0) {
			print_error("rejected: %s\n", f->err);
			fail();
		}
		return;
	}
	expect_reject(f, f->token, n, what);
}

static void test_variant_accepted(void **state)
{
	struct fixture *f = *state;
	struct variant v = { 0 };

	expect_variant(f, &v, NULL);
	check_values(f, 32, "sha-256");
	v = (struct variant){ .untagged = true };
	expect_variant(f, &v, NULL);
}

static void test_rejects_missing_claims(void **state)
{
	struct fixture *f = *state;
	static const struct {
		uint64_t key;
		const char *msg;
	} t[] = {
		{ 10, "missing claim challenge (10)" },
		{ 44235, "missing claim rpv (44235)" },
		{ 44237, "missing claim rak pub (44237)" },
		{ 44236, "missing claim hash algo (44236)" },
		{ 44240, "missing claim rak hash algo (44240)" },
		{ 265, "missing claim profile (265)" },
		{ 44238, "missing claim rim (44238)" },
		{ 44239, "missing claim rems (44239)" },
	};
	struct variant v;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = (struct variant){ .omit = t[i].key };
		expect_variant(f, &v, t[i].msg);
	}
}

static void test_rejects_wrong_types(void **state)
{
	struct fixture *f = *state;
	uint8_t short_rim[31] = { 0 };
	cbor_item_t *a;
	struct variant v;

	v = (struct variant){ .replace = 10, .value = cbor_build_string("nonce") };
	expect_variant(f, &v, "challenge (10): not a byte string");
	v = (struct variant){ .replace = 10, .value = bstr(f->challenge, 32) };
	expect_variant(f, &v, "challenge (10): 32 bytes, expected 64");
	v = (struct variant){ .replace = 44235, .value = cbor_build_uint8(7) };
	expect_variant(f, &v, "rpv (44235): not a byte string");
	v = (struct variant){ .replace = 44236, .value = bstr(f->rim, 7) };
	expect_variant(f, &v, "hash algo (44236): not a text string");
	v = (struct variant){ .replace = 44236, .value = cbor_build_string("sha-384") };
	expect_variant(f, &v, "neither sha-256 nor sha-512");
	v = (struct variant){ .replace = 44236, .value = cbor_build_string("sha-512") };
	expect_variant(f, &v, "rim (44238): 32 bytes, expected 64");
	v = (struct variant){ .replace = 44238, .value = bstr(short_rim, 31) };
	expect_variant(f, &v, "rim (44238): 31 bytes, expected 32");
	v = (struct variant){ .replace = 44239, .value = bstr(f->rim, 32) };
	expect_variant(f, &v, "rems (44239): not an array of 4");
	a = cbor_new_definite_array(4);
	for (unsigned int j = 0; j < 4; j++) {
		assert_true(cbor_array_push(a, cbor_move(j == 2 ? cbor_build_uint8(1) :
							 bstr(f->rem[j], 32))));
	}
	v = (struct variant){ .replace = 44239, .value = a };
	expect_variant(f, &v, "rems (44239) [2]: not a byte string");
	v = (struct variant){ .replace = 265,
			      .value = cbor_build_string("tag:arm.com,2023:realm#2.0.0") };
	expect_variant(f, &v, "profile (265)");
	v = (struct variant){ .replace = 44240, .value = cbor_build_string("md5") };
	expect_variant(f, &v, "unsupported \"md5\"");
	v = (struct variant){ .replace = 44237, .value = bstr(f->rim, 32) };
	expect_variant(f, &v, "RAK COSE_Key");
	v = (struct variant){ .replace = 44237, .value = cbor_build_uint8(3) };
	expect_variant(f, &v, "rak pub (44237): not a byte string");
	v = (struct variant){ .extra = 44242 };
	expect_variant(f, &v, "unknown claim 44242");
	v = (struct variant){ .dup = 44235 };
	expect_variant(f, &v, "duplicate claim rpv (44235)");
}

static void test_rejects_bad_cose(void **state)
{
	struct fixture *f = *state;
	static const uint8_t es256[] = { 0xa1, 0x01, 0x26 };       /* alg -7 */
	static const uint8_t noalg[] = { 0xa1, 0x04, 0x41, 0x00 }; /* kid only */
	static const uint8_t crit[] = { 0xa2, 0x01, 0x38, 0x22, 0x02, 0x81, 0x04 };
	static const uint8_t notmap[] = { 0x80 };
	struct variant v;

	v = (struct variant){ .prot = es256, .prot_len = sizeof(es256) };
	expect_variant(f, &v, "alg is not ES384");
	v = (struct variant){ .prot = noalg, .prot_len = sizeof(noalg) };
	expect_variant(f, &v, "no alg");
	v = (struct variant){ .prot = crit, .prot_len = sizeof(crit) };
	expect_variant(f, &v, "crit");
	v = (struct variant){ .prot = notmap, .prot_len = sizeof(notmap) };
	expect_variant(f, &v, "protected header is not a map");
	v = (struct variant){ .sig_len = 64 };
	expect_variant(f, &v, "signature is 64 bytes");
	v = (struct variant){ .no_realm = true };
	expect_variant(f, &v, "no realm token (44241)");
}

static void test_rejects_unbound_platform(void **state)
{
	struct fixture *f = *state;
	static const uint8_t zsig[96];
	uint8_t plat[512], wrong[32];
	cbor_item_t *m, *a;
	uint8_t payload[128];
	size_t pl, n;
	struct variant v;

	/* A COSE_Sign1 whose challenge is SHA-256 of something else. */
	assert_int_equal(mbedtls_sha256_ret(f->rim, 32, wrong, 0), 0);
	m = cbor_new_definite_map(1);
	put(m, 10, bstr(wrong, 32));
	pl = serialize(m, payload, sizeof(payload));
	cbor_decref(&m);
	a = cbor_new_definite_array(4);
	assert_true(cbor_array_push(a, cbor_move(bstr((const uint8_t *)"\xa1\x01\x38\x22", 4))));
	assert_true(cbor_array_push(a, cbor_move(cbor_new_definite_map(0))));
	assert_true(cbor_array_push(a, cbor_move(bstr(payload, pl))));
	assert_true(cbor_array_push(a, cbor_move(bstr(zsig, sizeof(zsig)))));
	plat[0] = 0xd2;
	n = serialize(a, plat + 1, sizeof(plat) - 1) + 1;
	cbor_decref(&a);
	v = (struct variant){ .plat = plat, .plat_len = n };
	expect_variant(f, &v, "not bound");
	assert_false(f->out.platform_bound);

	/* Right challenge: accepted (platform signature is not checked). */
	assert_int_equal(attest_rak_pub_hash(&f->keys, wrong), 0);
	m = cbor_new_definite_map(1);
	put(m, 10, bstr(wrong, 32));
	pl = serialize(m, payload, sizeof(payload));
	cbor_decref(&m);
	a = cbor_new_definite_array(4);
	assert_true(cbor_array_push(a, cbor_move(bstr((const uint8_t *)"\xa1\x01\x38\x22", 4))));
	assert_true(cbor_array_push(a, cbor_move(cbor_new_definite_map(0))));
	assert_true(cbor_array_push(a, cbor_move(bstr(payload, pl))));
	assert_true(cbor_array_push(a, cbor_move(bstr(zsig, sizeof(zsig)))));
	n = serialize(a, plat, sizeof(plat));
	cbor_decref(&a);
	v = (struct variant){ .plat = plat, .plat_len = n };
	expect_variant(f, &v, NULL);
	assert_true(f->out.platform_bound);

	/* Not a COSE_Sign1 at all. */
	v = (struct variant){ .plat = (const uint8_t *)"\x01", .plat_len = 1 };
	expect_variant(f, &v, "platform token: not a COSE_Sign1");
}

static void test_hostile_cbor(void **state)
{
	struct fixture *f = *state;
	/* tag 399 + array claiming 2^32 elements / 2^63-byte bstr / deep nesting */
	static const uint8_t huge_arr[] = { 0xd9, 0x01, 0x8f, 0x9b, 0, 0, 0, 1, 0, 0, 0, 0 };
	static const uint8_t huge_map[] = { 0xd9, 0x01, 0x8f, 0xbb, 0x7f, 0xff, 0xff,
					    0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t huge_bstr[] = { 0xd9, 0x01, 0x8f, 0x5b, 0x7f, 0xff, 0xff,
					     0xff, 0xff, 0xff, 0xff, 0xff, 0x00 };
	static const uint8_t indef[] = { 0xd9, 0x01, 0x8f, 0xbf, 0xff };
	static const uint8_t reserved[] = { 0xd9, 0x01, 0x8f, 0x1c };
	static const uint8_t not_map[] = { 0xd9, 0x01, 0x8f, 0x80 };
	static const uint8_t empty_map[] = { 0xd9, 0x01, 0x8f, 0xa0 };
	static const uint8_t text_key[] = { 0xd9, 0x01, 0x8f, 0xa1, 0x61, 'a', 0x40 };
	static const uint8_t plat_not_bstr[] = { 0xd9, 0x01, 0x8f, 0xa1, 0x19, 0xac,
						 0xca, 0x01 };
	uint8_t deep[300];

	expect_reject(f, huge_arr, sizeof(huge_arr), "truncated");
	expect_reject(f, huge_map, sizeof(huge_map), "truncated");
	expect_reject(f, huge_bstr, sizeof(huge_bstr), "truncated");
	expect_reject(f, indef, sizeof(indef), "indefinite");
	expect_reject(f, reserved, sizeof(reserved), "reserved");
	expect_reject(f, not_map, sizeof(not_map), "not a map");
	expect_reject(f, empty_map, sizeof(empty_map), "no platform token");
	expect_reject(f, text_key, sizeof(text_key), "not an unsigned integer");
	expect_reject(f, plat_not_bstr, sizeof(plat_not_bstr),
		      "platform token (44234) is not");
	deep[0] = 0xd9;
	deep[1] = 0x01;
	deep[2] = 0x8f;
	memset(deep + 3, 0x81, sizeof(deep) - 4);
	deep[sizeof(deep) - 1] = 0x00;
	expect_reject(f, deep, sizeof(deep), "nested too deeply");
}

static void test_print(void **state)
{
	struct fixture *f = *state;
	char *buf = NULL;
	size_t n = 0;
	FILE *mem;

	build(f, ATTEST_HASH_SHA_256);
	assert_int_equal(check(f, f->token, f->token_len), 0);
	mem = open_memstream(&buf, &n);
	assert_non_null(mem);
	token_print(&f->out, mem);
	assert_int_equal(fclose(mem), 0);
	assert_non_null(strstr(buf, "realm profile (265):           tag:arm.com,2023:realm#1.0.0\n"));
	assert_non_null(strstr(buf, "realm hash algo (44236):       sha-256\n"));
	assert_non_null(strstr(buf, "realm rim (44238):             "
				    "0112233445566778011223344556677801122334455667780112233445566778\n"));
	assert_non_null(strstr(buf, "realm challenge (10):          c0c1c2c3"));
	assert_non_null(strstr(buf, "platform bound to rak:         yes\n"));
	if (getenv("TOKEN_PRINT") != NULL) {
		fputs(buf, stdout);
	}
	free(buf);
}

/* RMI 2.0 realm token: profile "realm#2.0.0" with claims 256 and 44243 (den0137-2.0 rsi.md §5). */
static void test_accepts_v2_profile_with_instance_id(void **state)
{
	struct fixture *f = *state;
	uint8_t iid[ATTEST_INSTANCE_ID_SIZE];

	memset(iid, 0x6b, sizeof(iid));
	iid[0] = 0x01;
	f->claims.instance_id = iid;
	build(f, ATTEST_HASH_SHA_256);
	assert_int_equal(check(f, f->token, f->token_len), 0);
	assert_true(f->out.v2);
	assert_string_equal(f->out.profile, "tag:arm.com,2024:realm#2.0.0");
	assert_memory_equal(f->out.instance_id, iid, sizeof(iid));
	assert_int_equal(f->out.mec_policy, 0);
}

/* A 1.0 token is not a 2.0 one: its claim set has no 256 / 44243. */
static void test_v1_profile_is_not_v2(void **state)
{
	struct fixture *f = *state;

	build(f, ATTEST_HASH_SHA_256);
	assert_int_equal(check(f, f->token, f->token_len), 0);
	assert_false(f->out.v2);
}

static void test_rejects_v2_instance_id_type(void **state)
{
	struct fixture *f = *state;
	uint8_t iid[ATTEST_INSTANCE_ID_SIZE];

	memset(iid, 0x6b, sizeof(iid));
	iid[0] = 0x02;
	f->claims.instance_id = iid;
	build(f, ATTEST_HASH_SHA_256);
	expect_reject(f, f->token, f->token_len, "type byte 0x02");
}

/* ---- ES384 verifiers (token_es384.c) ---------------------------------- */

typedef int (*es384_verify_fn)(const uint8_t *, const uint8_t *, const uint8_t *,
			       const uint8_t *);

static void unhex(const char *h, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		assert_int_equal(sscanf(h + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

/*
 * RFC 6979 A.2.6 (P-384, SHA-384, "sample"): every verifier built accepts
 * it, and refuses it with one bit of the signature or digest flipped, or
 * with a public key off the curve.
 */
static void test_es384_verifiers_agree_on_rfc6979_answer(void **state)
{
	es384_verify_fn fns[2] = { token_es384_verify_mbedtls, NULL };
	uint8_t qx[48], qy[48], h[48], sig[96];

	(void)state;
#if defined(RMMSIM_HASH_HAVE_OPENSSL)
	fns[1] = token_es384_verify_openssl;
#endif
	unhex("EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64"
	      "DEF8F0EA9055866064A254515480BC13", qx, 48);
	unhex("8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1"
	      "288B231C3AE0D4FE7344FD2533264720", qy, 48);
	unhex("9A9083505BC92276AEC4BE312696EF7BF3BF603F4BBD381196A029F340585312"
	      "313BCA4A9B5B890EFEE42C77B1EE25FE", h, 48);
	unhex("94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C"
	      "81A648152E44ACF96E36DD1E80FABE46"
	      "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94F"
	      "A329C145786E679E7B82C71A38628AC8", sig, 96);
	assert_int_equal(token_es384_verify(qx, qy, h, sig), TOKEN_ES384_OK);
	for (unsigned i = 0; i < 2; i++) {
		if (fns[i] == NULL)
			continue;
		assert_int_equal(fns[i](qx, qy, h, sig), TOKEN_ES384_OK);
		sig[95] ^= 1;
		assert_int_equal(fns[i](qx, qy, h, sig), TOKEN_ES384_BAD_SIG);
		sig[95] ^= 1;
		h[0] ^= 0x80;
		assert_int_equal(fns[i](qx, qy, h, sig), TOKEN_ES384_BAD_SIG);
		h[0] ^= 0x80;
		qy[47] ^= 1;
		assert_int_equal(fns[i](qx, qy, h, sig), TOKEN_ES384_BAD_KEY);
		qy[47] ^= 1;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_es384_verifiers_agree_on_rfc6979_answer),
		cmocka_unit_test_setup_teardown(test_accepts_sha256, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accepts_sha512, setup, teardown),
		cmocka_unit_test_setup_teardown(test_err_optional, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_flipped_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_flipped_payload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_wrong_tag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trailing_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_byte_flipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_variant_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_missing_claims, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_wrong_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_bad_cose, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_unbound_platform, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_cbor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_print, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accepts_v2_profile_with_instance_id, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_v1_profile_is_not_v2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejects_v2_instance_id_type, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
