/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CCA attestation token checker (DEN0137 1.0-rel0, attestation.md §1-§3):
 * decodes the tag 399 collection, verifies the realm token (COSE_Sign1,
 * ES384, signed with the RAK carried in claim 44237) and the binding of the
 * platform token to that RAK, and prints the realm claims.
 *
 * Written from the spec sheet only, independently of the encoder in
 * rmm/src/attest, so that each can check the other.
 */
#ifndef TOKEN_CHECK_H
#define TOKEN_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Number of REMs (claim 44239): measurement slots 1..4. */
#define TOKEN_REM_COUNT 4U

/* Decoded realm token claims; all byte arrays hold raw bytes. */
struct token_claims {
	uint8_t challenge[64];            /* claim 10 */
	uint8_t rpv[64];                  /* claim 44235 */
	uint8_t rim[64];                  /* claim 44238 */
	size_t rim_len;                   /* 32 for sha-256, 64 for sha-512 */
	uint8_t rem[TOKEN_REM_COUNT][64]; /* claim 44239 */
	size_t rem_len;                   /* same as rim_len */
	char hash_algo[16];               /* claim 44236: "sha-256" / "sha-512" */
	char profile[64];                 /* claim 265 */
	/* RMI 2.0 profile "tag:arm.com,2024:realm#2.0.0" only (den0137-2.0 rsi.md §5). */
	bool v2;                          /* the token has the 2.0 profile */
	uint8_t instance_id[33];          /* claim 256: type 0x01 + 32 bytes */
	uint64_t mec_policy;              /* claim 44243: 0 shared, 1 private */
	uint8_t rak_cose_key[160];        /* claim 44237, the COSE_Key bytes */
	size_t rak_cose_key_len;
	char rak_hash_algo[16];           /* claim 44240 */
	size_t platform_token_len;        /* bytes of claim 44234 */
	/* platform token challenge == rak_hash_algo(rak_cose_key) */
	bool platform_bound;
};

/*
 * Decodes and verifies the CCA token @tok of @len bytes:
 * - tag 399 map with exactly the keys 44234 (platform) and 44241 (realm);
 * - realm token: COSE_Sign1 (tag 18 or untagged), protected header alg
 *   ES384, 96-byte signature verified over SHA-384 of the Sig_structure
 *   ["Signature1", protected, h'', payload] with the P-384 key of 44237;
 * - every 1.0-rel0 claim present once with its type and size, no other
 *   claim, profile "tag:arm.com,2023:realm#1.0.0", or the RMI 2.0 profile
 *   "tag:arm.com,2024:realm#2.0.0" with its claims 256 and 44243;
 * - platform token: a COSE_Sign1 whose claim 10 (challenge) equals the
 *   44240 hash of the RAK COSE_Key. Its own signature is NOT checked (the
 *   IAK is not part of the token).
 * Returns 0 when verified (@out filled, platform_bound true), -1 otherwise
 * with one NUL-terminated message in @err (may be NULL) and @out partially
 * filled. Never reads outside @tok.
 */
int token_check(const uint8_t *tok, size_t len, struct token_claims *out,
		char *err, size_t err_len);

/* Prints the claims, one per line, byte strings in lower-case hex. */
void token_print(const struct token_claims *c, FILE *out);

#endif /* TOKEN_CHECK_H */
