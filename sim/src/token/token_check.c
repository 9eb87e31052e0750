/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CCA attestation token checker (attestation.md §1-§3), see token_check.h.
 *
 * Every CBOR buffer goes through cbor_scan() before libcbor sees it: it
 * walks the encoding within the buffer bounds, rejects indefinite lengths,
 * reserved encodings and deep nesting, and checks every declared array or
 * map count against the bytes left, so libcbor never allocates more than a
 * few times the input size. libcbor 0.8 cannot decode the one-byte tags
 * 6..20 (COSE_Sign1 is tag 18, 0xd2), so that byte is stripped here.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cbor.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "token_check.h"
#include "token_es384.h"

/* Top level (§1). */
#define TAG_CCA_TOKEN        399U
#define KEY_PLATFORM_TOKEN   44234U
#define KEY_REALM_TOKEN      44241U

/* Realm claims (§2). */
#define CLAIM_CHALLENGE      10U
#define CLAIM_RPV            44235U
#define CLAIM_RAK_PUB        44237U
#define CLAIM_HASH_ALGO      44236U
#define CLAIM_RAK_HASH_ALGO  44240U
#define CLAIM_PROFILE        265U
#define CLAIM_RIM            44238U
#define CLAIM_REMS           44239U

#define REALM_PROFILE        "tag:arm.com,2023:realm#1.0.0"
/* The RMI 2.0 realm token (den0137-2.0 rsi.md §5). */
#define REALM_PROFILE_2_0    "tag:arm.com,2024:realm#2.0.0"
#define CLAIM_INSTANCE_ID    256U
#define CLAIM_MEC_POLICY     44243U

/* COSE (RFC 9052/9053). */
#define TAG_COSE_SIGN1       18U
#define COSE_HDR_ALG         1U
#define COSE_HDR_CRIT        2U
#define COSE_ALG_ES384_ABS   35U  /* alg -35: stored as negint 34 */
#define COSE_KEY_KTY         1
#define COSE_KEY_CRV         (-1)
#define COSE_KEY_X           (-2)
#define COSE_KEY_Y           (-3)
#define COSE_KTY_EC2         2U
#define COSE_CRV_P384        2U

#define P384_COORD_SIZE      48U
#define ES384_SIG_SIZE       96U
#define SHA384_SIZE          48U
#define CHALLENGE_SIZE       64U
#define RPV_SIZE             64U

/* Nesting limit of cbor_scan(): the deepest legitimate item is 3 levels. */
#define CBOR_MAX_DEPTH       16U

struct ctx {
	char *err;
	size_t err_len;
	bool failed;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct ctx *x, const char *fmt, ...)
{
	va_list ap;

	/* Keep the first (innermost) reason. */
	if (!x->failed && x->err != NULL && x->err_len > 0) {
		va_start(ap, fmt);
		vsnprintf(x->err, x->err_len, fmt, ap);
		va_end(ap);
	}
	x->failed = true;
	return -1;
}

/* ---- CBOR well-formedness scan ---------------------------------------- */

/* Reads one item head at *pos; *arg is its argument (length, count, value). */
static int cbor_head(const uint8_t *p, size_t len, size_t *pos,
		     unsigned int *major, uint64_t *arg, const char **why)
{
	unsigned int ai, n;
	uint8_t ib;

	if (*pos >= len) {
		*why = "truncated";
		return -1;
	}
	ib = p[(*pos)++];
	*major = ib >> 5;
	ai = ib & 0x1fU;
	if (ai < 24U) {
		*arg = ai;
		return 0;
	}
	if (ai == 31U) {
		*why = "indefinite length or break not supported";
		return -1;
	}
	if (ai > 27U) {
		*why = "reserved additional information";
		return -1;
	}
	n = 1U << (ai - 24U);
	if (n > len - *pos) {
		*why = "truncated";
		return -1;
	}
	*arg = 0;
	for (unsigned int i = 0; i < n; i++) {
		*arg = (*arg << 8) | p[(*pos)++];
	}
	return 0;
}

static int cbor_scan_item(const uint8_t *p, size_t len, size_t *pos,
			  unsigned int depth, const char **why)
{
	unsigned int major;
	uint64_t arg, items;

	if (depth > CBOR_MAX_DEPTH) {
		*why = "nested too deeply";
		return -1;
	}
	if (cbor_head(p, len, pos, &major, &arg, why) != 0) {
		return -1;
	}
	switch (major) {
	case 0: /* unsigned integer */
	case 1: /* negative integer */
	case 7: /* simple value, float */
		return 0;
	case 2: /* byte string */
	case 3: /* text string */
		if (arg > len - *pos) {
			*why = "truncated";
			return -1;
		}
		*pos += (size_t)arg;
		return 0;
	case 4: /* array */
	case 5: /* map */
		/* Every item takes at least one byte. */
		if (arg > len - *pos || (major == 5U && arg > (len - *pos) / 2U)) {
			*why = "truncated (count larger than the input)";
			return -1;
		}
		items = major == 5U ? arg * 2U : arg;
		for (uint64_t i = 0; i < items; i++) {
			if (cbor_scan_item(p, len, pos, depth + 1U, why) != 0) {
				return -1;
			}
		}
		return 0;
	case 6: /* tag */
		return cbor_scan_item(p, len, pos, depth + 1U, why);
	default:
		*why = "bad major type";
		return -1;
	}
}

/*
 * Decodes exactly one CBOR item filling @len bytes. Returns a new reference
 * or NULL (after fail()).
 */
static cbor_item_t *decode(struct ctx *x, const char *what,
			   const uint8_t *p, size_t len)
{
	struct cbor_load_result res;
	const char *why = NULL;
	cbor_item_t *item;
	size_t pos = 0;

	if (len == 0) {
		fail(x, "%s: empty", what);
		return NULL;
	}
	if (cbor_scan_item(p, len, &pos, 0, &why) != 0) {
		fail(x, "%s: malformed CBOR at byte %zu: %s", what, pos, why);
		return NULL;
	}
	if (pos != len) {
		fail(x, "%s: %zu trailing bytes after the CBOR item", what,
		     len - pos);
		return NULL;
	}
	item = cbor_load(p, len, &res);
	if (item == NULL || res.error.code != CBOR_ERR_NONE) {
		if (item != NULL) {
			cbor_decref(&item);
		}
		fail(x, "%s: CBOR decoding failed (libcbor error %d at byte %zu)",
		     what, (int)res.error.code, res.error.position);
		return NULL;
	}
	if (res.read != len) {
		cbor_decref(&item);
		fail(x, "%s: %zu trailing bytes after the CBOR item", what,
		     len - res.read);
		return NULL;
	}
	return item;
}

/* ---- typed accessors --------------------------------------------------- */

/* Integer map key or label: true and *v set for an int fitting int64_t. */
static bool get_label(cbor_item_t *it, int64_t *v)
{
	uint64_t u;

	if (cbor_isa_uint(it)) {
		u = cbor_get_int(it);
		if (u > (uint64_t)INT64_MAX) {
			return false;
		}
		*v = (int64_t)u;
		return true;
	}
	if (cbor_isa_negint(it)) {
		u = cbor_get_int(it);  /* value is -1 - u */
		if (u > (uint64_t)INT64_MAX) {
			return false;
		}
		*v = -1 - (int64_t)u;
		return true;
	}
	return false;
}

/* Definite byte string: its bytes and length, or -1. */
static int get_bstr(cbor_item_t *it, const uint8_t **p, size_t *len)
{
	if (!cbor_isa_bytestring(it) || !cbor_bytestring_is_definite(it)) {
		return -1;
	}
	*len = cbor_bytestring_length(it);
	*p = cbor_bytestring_handle(it);
	if (*p == NULL && *len != 0) {
		return -1;
	}
	return 0;
}

/* Byte string of exactly @len bytes copied to @dst. */
static int get_bstr_exact(struct ctx *x, const char *what, cbor_item_t *it,
			  uint8_t *dst, size_t len)
{
	const uint8_t *p;
	size_t n;

	if (get_bstr(it, &p, &n) != 0) {
		return fail(x, "%s: not a byte string", what);
	}
	if (n != len) {
		return fail(x, "%s: %zu bytes, expected %zu", what, n, len);
	}
	if (len > 0) {
		memcpy(dst, p, len);
	}
	return 0;
}

/* Text string copied NUL-terminated to @dst (at most @cap - 1 bytes). */
static int get_tstr(struct ctx *x, const char *what, cbor_item_t *it,
		    char *dst, size_t cap)
{
	const unsigned char *p;
	size_t n;

	if (!cbor_isa_string(it) || !cbor_string_is_definite(it)) {
		return fail(x, "%s: not a text string", what);
	}
	n = cbor_string_length(it);
	p = cbor_string_handle(it);
	if (n >= cap) {
		return fail(x, "%s: text string too long (%zu bytes)", what, n);
	}
	if (n > 0 && (p == NULL || memchr(p, 0, n) != NULL)) {
		return fail(x, "%s: bad text string", what);
	}
	if (n > 0) {
		memcpy(dst, p, n);
	}
	dst[n] = '\0';
	return 0;
}

/* ---- hashes ------------------------------------------------------------ */

/* Hashes @p with the IANA-named algorithm; returns the digest size or -1. */
static int hash_named(const char *name, const uint8_t *p, size_t len,
		      uint8_t out[64])
{
	if (strcmp(name, "sha-256") == 0) {
		return mbedtls_sha256_ret(p, len, out, 0) == 0 ? 32 : -1;
	}
	if (strcmp(name, "sha-384") == 0) {
		return mbedtls_sha512_ret(p, len, out, 1) == 0 ? 48 : -1;
	}
	if (strcmp(name, "sha-512") == 0) {
		return mbedtls_sha512_ret(p, len, out, 0) == 0 ? 64 : -1;
	}
	return -1;
}

/* ---- COSE -------------------------------------------------------------- */

struct sign1 {
	cbor_item_t *root;        /* the array; owns everything below */
	const uint8_t *prot;      /* protected header bstr contents */
	size_t prot_len;
	cbor_item_t *unprot;
	const uint8_t *payload;
	size_t payload_len;
	const uint8_t *sig;
	size_t sig_len;
};

/* Decodes a COSE_Sign1 (tag 18 or untagged) into @s. */
static int sign1_decode(struct ctx *x, const char *what, const uint8_t *p,
			size_t len, struct sign1 *s)
{
	cbor_item_t *item, *inner, **a;

	memset(s, 0, sizeof(*s));
	/* libcbor 0.8 rejects the one-byte tag 18 (0xd2): strip it here. */
	if (len > 0 && p[0] == 0xd2U) {
		p++;
		len--;
	}
	item = decode(x, what, p, len);
	if (item == NULL) {
		return -1;
	}
	if (cbor_isa_tag(item)) {
		if (cbor_tag_value(item) != TAG_COSE_SIGN1) {
			fail(x, "%s: tag %llu, expected COSE_Sign1 (18)", what,
			     (unsigned long long)cbor_tag_value(item));
			cbor_decref(&item);
			return -1;
		}
		inner = cbor_tag_item(item);  /* new reference */
		cbor_decref(&item);
		item = inner;
		if (item == NULL) {
			return fail(x, "%s: empty tag", what);
		}
	}
	s->root = item;
	if (!cbor_isa_array(item) || !cbor_array_is_definite(item) ||
	    cbor_array_size(item) != 4U) {
		return fail(x, "%s: not a COSE_Sign1 (array of 4)", what);
	}
	a = cbor_array_handle(item);
	if (a == NULL) {
		return fail(x, "%s: not a COSE_Sign1", what);
	}
	if (get_bstr(a[0], &s->prot, &s->prot_len) != 0) {
		return fail(x, "%s: protected header is not a byte string", what);
	}
	if (!cbor_isa_map(a[1])) {
		return fail(x, "%s: unprotected header is not a map", what);
	}
	s->unprot = a[1];
	if (get_bstr(a[2], &s->payload, &s->payload_len) != 0) {
		return fail(x, "%s: payload is not a byte string", what);
	}
	if (get_bstr(a[3], &s->sig, &s->sig_len) != 0) {
		return fail(x, "%s: signature is not a byte string", what);
	}
	return 0;
}

static void sign1_free(struct sign1 *s)
{
	if (s->root != NULL) {
		cbor_decref(&s->root);
	}
}

/* Protected header must be {1: -35, ...} without crit. */
static int check_protected_es384(struct ctx *x, const struct sign1 *s)
{
	cbor_item_t *m;
	struct cbor_pair *pairs;
	bool have_alg = false;
	size_t n;
	int64_t label;
	int ret = 0;

	if (s->prot_len == 0) {
		return fail(x, "realm token: empty protected header (no alg)");
	}
	m = decode(x, "realm token protected header", s->prot, s->prot_len);
	if (m == NULL) {
		return -1;
	}
	if (!cbor_isa_map(m)) {
		ret = fail(x, "realm token: protected header is not a map");
		goto out;
	}
	n = cbor_map_size(m);
	pairs = cbor_map_handle(m);
	for (size_t i = 0; i < n; i++) {
		if (!get_label(pairs[i].key, &label)) {
			continue;  /* text labels: nothing we must understand */
		}
		if (label == (int64_t)COSE_HDR_CRIT) {
			ret = fail(x, "realm token: unsupported crit header");
			goto out;
		}
		if (label != (int64_t)COSE_HDR_ALG) {
			continue;
		}
		if (have_alg) {
			ret = fail(x, "realm token: duplicate alg header");
			goto out;
		}
		have_alg = true;
		if (!cbor_isa_negint(pairs[i].value) ||
		    cbor_get_int(pairs[i].value) != COSE_ALG_ES384_ABS - 1U) {
			ret = fail(x, "realm token: alg is not ES384 (-35)");
			goto out;
		}
	}
	if (!have_alg) {
		ret = fail(x, "realm token: no alg in the protected header");
	}
out:
	cbor_decref(&m);
	return ret;
}

/* x and y of a P-384 EC2 COSE_Key {1: 2, -1: 2, -2: x, -3: y}. */
static int cose_key_p384(struct ctx *x, const uint8_t *p, size_t len,
			 uint8_t kx[P384_COORD_SIZE], uint8_t ky[P384_COORD_SIZE])
{
	const char *what = "RAK COSE_Key (claim 44237)";
	unsigned int seen = 0;
	struct cbor_pair *pairs;
	cbor_item_t *m;
	int64_t label;
	unsigned int bit;
	size_t n;
	int ret = 0;

	m = decode(x, what, p, len);
	if (m == NULL) {
		return -1;
	}
	if (!cbor_isa_map(m)) {
		ret = fail(x, "%s: not a map", what);
		goto out;
	}
	n = cbor_map_size(m);
	pairs = cbor_map_handle(m);
	for (size_t i = 0; i < n; i++) {
		if (!get_label(pairs[i].key, &label)) {
			continue;
		}
		switch (label) {
		case COSE_KEY_KTY:
			bit = 1U;
			if (!cbor_isa_uint(pairs[i].value) ||
			    cbor_get_int(pairs[i].value) != COSE_KTY_EC2) {
				ret = fail(x, "%s: kty is not EC2 (2)", what);
				goto out;
			}
			break;
		case COSE_KEY_CRV:
			bit = 2U;
			if (!cbor_isa_uint(pairs[i].value) ||
			    cbor_get_int(pairs[i].value) != COSE_CRV_P384) {
				ret = fail(x, "%s: crv is not P-384 (2)", what);
				goto out;
			}
			break;
		case COSE_KEY_X:
			bit = 4U;
			if (get_bstr_exact(x, "RAK COSE_Key x", pairs[i].value,
					   kx, P384_COORD_SIZE) != 0) {
				ret = -1;
				goto out;
			}
			break;
		case COSE_KEY_Y:
			bit = 8U;
			if (get_bstr_exact(x, "RAK COSE_Key y", pairs[i].value,
					   ky, P384_COORD_SIZE) != 0) {
				ret = -1;
				goto out;
			}
			break;
		default:
			continue;  /* kid, alg, key_ops...: not needed */
		}
		if (seen & bit) {
			ret = fail(x, "%s: duplicate label %lld", what,
				   (long long)label);
			goto out;
		}
		seen |= bit;
	}
	if (seen != 0xfU) {
		ret = fail(x, "%s: missing %s", what,
			   !(seen & 1U) ? "kty" : !(seen & 2U) ? "crv" :
			   !(seen & 4U) ? "x" : "y");
	}
out:
	cbor_decref(&m);
	return ret;
}

/* Appends the head of a byte string of @len bytes to @h; returns its size. */
static size_t bstr_head(uint8_t h[9], uint64_t len)
{
	unsigned int n;

	if (len < 24U) {
		h[0] = (uint8_t)(0x40U | len);
		return 1;
	}
	n = len <= 0xffU ? 1U : len <= 0xffffU ? 2U :
	    len <= 0xffffffffU ? 4U : 8U;
	h[0] = (uint8_t)(0x40U | (n == 1U ? 24U : n == 2U ? 25U :
				  n == 4U ? 26U : 27U));
	for (unsigned int i = 0; i < n; i++) {
		h[1U + i] = (uint8_t)(len >> (8U * (n - 1U - i)));
	}
	return 1U + n;
}

/* SHA-384 of the Sig_structure ["Signature1", protected, h'', payload]. */
static int sig_structure_hash(const struct sign1 *s, uint8_t out[SHA384_SIZE])
{
	static const uint8_t start[] = {
		0x84,                                    /* array(4) */
		0x6a, 'S', 'i', 'g', 'n', 'a', 't', 'u', 'r', 'e', '1',
	};
	static const uint8_t empty_aad = 0x40;           /* h'' */
	uint8_t full[64], h[9];
	mbedtls_sha512_context sha;
	size_t hl;
	int ret;

	mbedtls_sha512_init(&sha);
	ret = mbedtls_sha512_starts_ret(&sha, 1);
	if (ret == 0) {
		ret = mbedtls_sha512_update_ret(&sha, start, sizeof(start));
	}
	hl = bstr_head(h, s->prot_len);
	if (ret == 0) {
		ret = mbedtls_sha512_update_ret(&sha, h, hl);
	}
	if (ret == 0) {
		ret = mbedtls_sha512_update_ret(&sha, s->prot, s->prot_len);
	}
	if (ret == 0) {
		ret = mbedtls_sha512_update_ret(&sha, &empty_aad, 1);
	}
	hl = bstr_head(h, s->payload_len);
	if (ret == 0) {
		ret = mbedtls_sha512_update_ret(&sha, h, hl);
	}
	if (ret == 0) {
		ret = mbedtls_sha512_update_ret(&sha, s->payload, s->payload_len);
	}
	if (ret == 0) {
		ret = mbedtls_sha512_finish_ret(&sha, full);
	}
	mbedtls_sha512_free(&sha);
	if (ret == 0) {
		memcpy(out, full, SHA384_SIZE);
	}
	return ret == 0 ? 0 : -1;
}

/* ES384 verification of @s with the P-384 public key (kx, ky) (token_es384.c). */
static int verify_es384(struct ctx *x, const struct sign1 *s,
			const uint8_t kx[P384_COORD_SIZE],
			const uint8_t ky[P384_COORD_SIZE])
{
	uint8_t hash[SHA384_SIZE];

	if (s->sig_len != ES384_SIG_SIZE) {
		return fail(x, "realm token: signature is %zu bytes, expected %u",
			    s->sig_len, ES384_SIG_SIZE);
	}
	if (sig_structure_hash(s, hash) != 0) {
		return fail(x, "realm token: SHA-384 failed");
	}
	switch (token_es384_verify(kx, ky, hash, s->sig)) {
	case TOKEN_ES384_OK:
		return 0;
	case TOKEN_ES384_BAD_KEY:
		return fail(x, "RAK COSE_Key (claim 44237): not a point on P-384");
	case TOKEN_ES384_BAD_SIG:
		return fail(x, "realm token: ES384 signature verification failed");
	default:
		return fail(x, "realm token: cannot check the signature");
	}
}

/* ---- realm claims ------------------------------------------------------ */

enum claim_bit {
	SEEN_CHALLENGE = 1U << 0,
	SEEN_RPV = 1U << 1,
	SEEN_RAK_PUB = 1U << 2,
	SEEN_HASH_ALGO = 1U << 3,
	SEEN_RAK_HASH_ALGO = 1U << 4,
	SEEN_PROFILE = 1U << 5,
	SEEN_RIM = 1U << 6,
	SEEN_REMS = 1U << 7,
	SEEN_ALL = (1U << 8) - 1U,       /* the 1.0 claim set */
	SEEN_INSTANCE_ID = 1U << 8,
	SEEN_MEC_POLICY = 1U << 9,
	SEEN_ALL_2_0 = (1U << 10) - 1U,  /* the 2.0 claim set */
};

static const struct {
	uint64_t key;
	unsigned int bit;
	const char *name;
} claim_table[] = {
	{ CLAIM_CHALLENGE, SEEN_CHALLENGE, "challenge (10)" },
	{ CLAIM_RPV, SEEN_RPV, "rpv (44235)" },
	{ CLAIM_RAK_PUB, SEEN_RAK_PUB, "rak pub (44237)" },
	{ CLAIM_HASH_ALGO, SEEN_HASH_ALGO, "hash algo (44236)" },
	{ CLAIM_RAK_HASH_ALGO, SEEN_RAK_HASH_ALGO, "rak hash algo (44240)" },
	{ CLAIM_PROFILE, SEEN_PROFILE, "profile (265)" },
	{ CLAIM_RIM, SEEN_RIM, "rim (44238)" },
	{ CLAIM_REMS, SEEN_REMS, "rems (44239)" },
	{ CLAIM_INSTANCE_ID, SEEN_INSTANCE_ID, "realm instance id (256)" },
	{ CLAIM_MEC_POLICY, SEEN_MEC_POLICY, "mec policy (44243)" },
};

static int claim_index(cbor_item_t *key)
{
	uint64_t k;

	if (!cbor_isa_uint(key)) {
		return -1;
	}
	k = cbor_get_int(key);
	for (size_t i = 0; i < sizeof(claim_table) / sizeof(claim_table[0]); i++) {
		if (claim_table[i].key == k) {
			return (int)i;
		}
	}
	return -1;
}

/* One claim whose key is claim_table[idx].key. */
static int realm_claim(struct ctx *x, int idx, cbor_item_t *v,
		       struct token_claims *out, cbor_item_t **rim,
		       cbor_item_t **rems)
{
	const char *name = claim_table[idx].name;
	const uint8_t *p;
	size_t n;
	char what[64];

	snprintf(what, sizeof(what), "realm claim %s", name);
	switch (claim_table[idx].key) {
	case CLAIM_CHALLENGE:
		return get_bstr_exact(x, what, v, out->challenge, CHALLENGE_SIZE);
	case CLAIM_RPV:
		return get_bstr_exact(x, what, v, out->rpv, RPV_SIZE);
	case CLAIM_RAK_PUB:
		if (get_bstr(v, &p, &n) != 0) {
			return fail(x, "%s: not a byte string", what);
		}
		if (n == 0 || n > sizeof(out->rak_cose_key)) {
			return fail(x, "%s: %zu bytes, expected a COSE_Key of 1..%zu",
				    what, n, sizeof(out->rak_cose_key));
		}
		memcpy(out->rak_cose_key, p, n);
		out->rak_cose_key_len = n;
		return 0;
	case CLAIM_HASH_ALGO:
		return get_tstr(x, what, v, out->hash_algo, sizeof(out->hash_algo));
	case CLAIM_RAK_HASH_ALGO:
		return get_tstr(x, what, v, out->rak_hash_algo,
				sizeof(out->rak_hash_algo));
	case CLAIM_PROFILE:
		return get_tstr(x, what, v, out->profile, sizeof(out->profile));
	case CLAIM_RIM:
		*rim = v;   /* size known only with the hash algorithm */
		return 0;
	case CLAIM_REMS:
		*rems = v;
		return 0;
	case CLAIM_INSTANCE_ID:
		if (get_bstr_exact(x, what, v, out->instance_id, sizeof(out->instance_id)) != 0) {
			return -1;
		}
		if (out->instance_id[0] != 0x01U) {
			return fail(x, "%s: type byte 0x%02x, expected 0x01", what,
				    out->instance_id[0]);
		}
		return 0;
	case CLAIM_MEC_POLICY:
		if (!cbor_isa_uint(v) || cbor_get_int(v) > 1U) {
			return fail(x, "%s: not the integer 0 or 1", what);
		}
		out->mec_policy = cbor_get_int(v);
		return 0;
	default:
		return fail(x, "%s: internal error", what);
	}
}

static int realm_measurements(struct ctx *x, cbor_item_t *rim,
			      cbor_item_t *rems, struct token_claims *out)
{
	cbor_item_t **a;
	char what[48];

	if (strcmp(out->hash_algo, "sha-256") == 0) {
		out->rim_len = 32;
	} else if (strcmp(out->hash_algo, "sha-512") == 0) {
		out->rim_len = 64;
	} else {
		return fail(x, "realm claim hash algo (44236): \"%s\" is neither sha-256 nor sha-512",
			    out->hash_algo);
	}
	out->rem_len = out->rim_len;
	if (get_bstr_exact(x, "realm claim rim (44238)", rim, out->rim,
			   out->rim_len) != 0) {
		return -1;
	}
	if (!cbor_isa_array(rems) || !cbor_array_is_definite(rems) ||
	    cbor_array_size(rems) != TOKEN_REM_COUNT) {
		return fail(x, "realm claim rems (44239): not an array of %u",
			    TOKEN_REM_COUNT);
	}
	a = cbor_array_handle(rems);
	if (a == NULL) {
		return fail(x, "realm claim rems (44239): not an array");
	}
	for (unsigned int i = 0; i < TOKEN_REM_COUNT; i++) {
		snprintf(what, sizeof(what), "realm claim rems (44239) [%u]", i);
		if (get_bstr_exact(x, what, a[i], out->rem[i], out->rem_len) != 0) {
			return -1;
		}
	}
	return 0;
}

static int realm_claims(struct ctx *x, const struct sign1 *s,
			struct token_claims *out)
{
	cbor_item_t *m, *rim = NULL, *rems = NULL;
	struct cbor_pair *pairs;
	unsigned int seen = 0, want;
	size_t n;
	int idx, ret = 0;

	m = decode(x, "realm token payload", s->payload, s->payload_len);
	if (m == NULL) {
		return -1;
	}
	if (!cbor_isa_map(m)) {
		ret = fail(x, "realm token payload: not a map of claims");
		goto out;
	}
	n = cbor_map_size(m);
	pairs = cbor_map_handle(m);
	for (size_t i = 0; i < n; i++) {
		idx = claim_index(pairs[i].key);
		if (idx < 0) {
			if (cbor_isa_uint(pairs[i].key) || cbor_isa_negint(pairs[i].key)) {
				int64_t k = 0;

				(void)get_label(pairs[i].key, &k);
				ret = fail(x, "realm token: unknown claim %lld",
					   (long long)k);
			} else {
				ret = fail(x, "realm token: claim key is not an integer");
			}
			goto out;
		}
		if (seen & claim_table[idx].bit) {
			ret = fail(x, "realm token: duplicate claim %s",
				   claim_table[idx].name);
			goto out;
		}
		seen |= claim_table[idx].bit;
		ret = realm_claim(x, idx, pairs[i].value, out, &rim, &rems);
		if (ret != 0) {
			goto out;
		}
	}
	/* The profile names the claim set: 1.0, or 2.0 with 256 and 44243. */
	out->v2 = (seen & SEEN_PROFILE) && strcmp(out->profile, REALM_PROFILE_2_0) == 0;
	want = out->v2 ? SEEN_ALL_2_0 : SEEN_ALL;
	if ((seen & ~want) != 0U) {
		ret = fail(x, "realm token: claim 256/44243 outside the 2.0 profile");
		goto out;
	}
	if (seen != want) {
		for (size_t i = 0; i < sizeof(claim_table) / sizeof(claim_table[0]); i++) {
			if ((want & claim_table[i].bit) && !(seen & claim_table[i].bit)) {
				ret = fail(x, "realm token: missing claim %s",
					   claim_table[i].name);
				goto out;
			}
		}
	}
	if (!out->v2 && strcmp(out->profile, REALM_PROFILE) != 0) {
		ret = fail(x, "realm claim profile (265): \"%s\", expected \"%s\" or \"%s\"",
			   out->profile, REALM_PROFILE, REALM_PROFILE_2_0);
		goto out;
	}
	ret = realm_measurements(x, rim, rems, out);
out:
	cbor_decref(&m);
	return ret;
}

/* ---- platform token binding -------------------------------------------- */

static int platform_binding(struct ctx *x, const uint8_t *p, size_t len,
			    struct token_claims *out)
{
	const char *what = "platform token";
	struct sign1 s;
	cbor_item_t *m = NULL;
	struct cbor_pair *pairs;
	const uint8_t *chal = NULL;
	uint8_t h[64];
	size_t n, chal_len = 0;
	int hl, ret = 0;

	if (sign1_decode(x, what, p, len, &s) != 0) {
		sign1_free(&s);
		return -1;
	}
	m = decode(x, "platform token payload", s.payload, s.payload_len);
	if (m == NULL) {
		ret = -1;
		goto out;
	}
	if (!cbor_isa_map(m)) {
		ret = fail(x, "platform token payload: not a map of claims");
		goto out;
	}
	n = cbor_map_size(m);
	pairs = cbor_map_handle(m);
	for (size_t i = 0; i < n; i++) {
		if (!cbor_isa_uint(pairs[i].key) ||
		    cbor_get_int(pairs[i].key) != CLAIM_CHALLENGE) {
			continue;
		}
		if (chal != NULL) {
			ret = fail(x, "platform token: duplicate challenge (10)");
			goto out;
		}
		if (get_bstr(pairs[i].value, &chal, &chal_len) != 0 ||
		    chal == NULL) {
			ret = fail(x, "platform token: challenge (10) is not a byte string");
			goto out;
		}
	}
	if (chal == NULL) {
		ret = fail(x, "platform token: no challenge (10)");
		goto out;
	}
	hl = hash_named(out->rak_hash_algo, out->rak_cose_key,
			out->rak_cose_key_len, h);
	if (hl < 0) {
		ret = fail(x, "realm claim rak hash algo (44240): unsupported \"%s\"",
			   out->rak_hash_algo);
		goto out;
	}
	if (chal_len != (size_t)hl || memcmp(chal, h, chal_len) != 0) {
		ret = fail(x, "platform token: challenge is not %s(RAK COSE_Key): not bound to this realm token",
			   out->rak_hash_algo);
		goto out;
	}
	out->platform_bound = true;
out:
	if (m != NULL) {
		cbor_decref(&m);
	}
	sign1_free(&s);
	return ret;
}

/* ---- top level --------------------------------------------------------- */

int token_check(const uint8_t *tok, size_t len, struct token_claims *out,
		char *err, size_t err_len)
{
	struct ctx x = { .err = err, .err_len = err_len };
	const uint8_t *plat = NULL, *realm = NULL, *p;
	uint8_t kx[P384_COORD_SIZE], ky[P384_COORD_SIZE];
	cbor_item_t *top, *m = NULL;
	struct cbor_pair *pairs;
	struct sign1 s = { 0 };
	size_t n, plat_len = 0, realm_len = 0, plen;
	uint64_t key;
	int ret = -1;

	if (err != NULL && err_len > 0) {
		err[0] = '\0';
	}
	if (out == NULL) {
		return fail(&x, "no output structure");
	}
	memset(out, 0, sizeof(*out));
	if (tok == NULL) {
		return fail(&x, "no token");
	}
	top = decode(&x, "CCA token", tok, len);
	if (top == NULL) {
		return -1;
	}
	if (!cbor_isa_tag(top)) {
		fail(&x, "CCA token: not tagged (expected tag 399)");
		goto out;
	}
	if (cbor_tag_value(top) != TAG_CCA_TOKEN) {
		fail(&x, "CCA token: tag %llu, expected 399",
		     (unsigned long long)cbor_tag_value(top));
		goto out;
	}
	m = cbor_tag_item(top);  /* new reference */
	if (m == NULL || !cbor_isa_map(m)) {
		fail(&x, "CCA token: tag 399 content is not a map");
		goto out;
	}
	n = cbor_map_size(m);
	pairs = cbor_map_handle(m);
	for (size_t i = 0; i < n; i++) {
		if (!cbor_isa_uint(pairs[i].key)) {
			fail(&x, "CCA token: map key is not an unsigned integer");
			goto out;
		}
		key = cbor_get_int(pairs[i].key);
		if (key != KEY_PLATFORM_TOKEN && key != KEY_REALM_TOKEN) {
			fail(&x, "CCA token: unknown key %llu",
			     (unsigned long long)key);
			goto out;
		}
		if ((key == KEY_PLATFORM_TOKEN ? plat : realm) != NULL) {
			fail(&x, "CCA token: duplicate key %llu",
			     (unsigned long long)key);
			goto out;
		}
		if (get_bstr(pairs[i].value, &p, &plen) != 0 || p == NULL) {
			fail(&x, "CCA token: %s token (%llu) is not a non-empty byte string",
			     key == KEY_PLATFORM_TOKEN ? "platform" : "realm",
			     (unsigned long long)key);
			goto out;
		}
		if (key == KEY_PLATFORM_TOKEN) {
			plat = p;
			plat_len = plen;
		} else {
			realm = p;
			realm_len = plen;
		}
	}
	if (plat == NULL) {
		fail(&x, "CCA token: no platform token (44234)");
		goto out;
	}
	if (realm == NULL) {
		fail(&x, "CCA token: no realm token (44241)");
		goto out;
	}
	out->platform_token_len = plat_len;

	if (sign1_decode(&x, "realm token", realm, realm_len, &s) != 0 ||
	    check_protected_es384(&x, &s) != 0 ||
	    realm_claims(&x, &s, out) != 0 ||
	    cose_key_p384(&x, out->rak_cose_key, out->rak_cose_key_len,
			  kx, ky) != 0 ||
	    verify_es384(&x, &s, kx, ky) != 0 ||
	    platform_binding(&x, plat, plat_len, out) != 0) {
		goto out;
	}
	ret = 0;
out:
	sign1_free(&s);
	if (m != NULL) {
		cbor_decref(&m);
	}
	cbor_decref(&top);
	return ret;
}

/* ---- printing ---------------------------------------------------------- */

static void print_hex(FILE *f, const char *label, const uint8_t *p, size_t n)
{
	fprintf(f, "%-30s ", label);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "%02x", p[i]);
	}
	fputc('\n', f);
}

void token_print(const struct token_claims *c, FILE *out)
{
	char label[40];
	size_t rim_len, rem_len, key_len;

	if (c == NULL || out == NULL) {
		return;
	}
	rim_len = c->rim_len <= sizeof(c->rim) ? c->rim_len : sizeof(c->rim);
	rem_len = c->rem_len <= sizeof(c->rem[0]) ? c->rem_len : sizeof(c->rem[0]);
	key_len = c->rak_cose_key_len <= sizeof(c->rak_cose_key) ?
		  c->rak_cose_key_len : sizeof(c->rak_cose_key);

	fprintf(out, "%-30s %.*s\n", "realm profile (265):",
		(int)sizeof(c->profile), c->profile);
	if (c->v2) {
		print_hex(out, "realm instance id (256):", c->instance_id, sizeof(c->instance_id));
		fprintf(out, "%-30s %llu\n", "realm mec policy (44243):",
			(unsigned long long)c->mec_policy);
	}
	print_hex(out, "realm challenge (10):", c->challenge, sizeof(c->challenge));
	print_hex(out, "realm rpv (44235):", c->rpv, sizeof(c->rpv));
	fprintf(out, "%-30s %.*s\n", "realm hash algo (44236):",
		(int)sizeof(c->hash_algo), c->hash_algo);
	print_hex(out, "realm rim (44238):", c->rim, rim_len);
	for (unsigned int i = 0; i < TOKEN_REM_COUNT; i++) {
		snprintf(label, sizeof(label), "realm rem[%u] (44239):", i);
		print_hex(out, label, c->rem[i], rem_len);
	}
	print_hex(out, "realm rak pub (44237):", c->rak_cose_key, key_len);
	fprintf(out, "%-30s %.*s\n", "realm rak hash algo (44240):",
		(int)sizeof(c->rak_hash_algo), c->rak_hash_algo);
	fprintf(out, "%-30s %zu bytes\n", "platform token (44234):",
		c->platform_token_len);
	fprintf(out, "%-30s %s\n", "platform bound to rak:",
		c->platform_bound ? "yes" : "no");
}
