/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CCA attestation token (attestation.md §1-§3): the realm token, a
 * COSE_Sign1 signed with the Realm Attestation Key (RAK, ECDSA P-384,
 * ES384), wrapped with the platform token in the CBOR tag 399 collection.
 *
 * Standalone: no Unicorn, no libfdt, no granule or REC state. The RSI
 * handlers (RSI_ATTESTATION_TOKEN_INIT/CONTINUE) snapshot the claims and
 * call attest_token_build(); the platform passes the keys it read from
 * its description to attest_keys_init() (docs/attestation.md).
 */
#ifndef ATTEST_H
#define ATTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ecp.h>

#include "rmm_plat.h"

/* Realm challenge size: always 64 bytes in 1.0 (attestation.md §4). */
#define ATTEST_CHALLENGE_SIZE 64U
/* RmiRealmParams.rpv size (structures.md §5). */
#define ATTEST_RPV_SIZE 64U
/* RAK private scalar: a P-384 big-endian integer. */
#define ATTEST_RAK_PRIV_SIZE 48U
/* Number of REMs (measurement slots 1..4). */
#define ATTEST_REM_COUNT 4U
/*
 * Largest platform token the RMM caches (TF-RMM build option
 * ATTEST_PLAT_TOKEN_SIZE defaults to 4 KiB; we follow it).
 */
#define ATTEST_PLAT_TOKEN_MAX 4096U
/*
 * COSE_Key {1:2, -1:2, -2:x, -3:y} with 48-byte coordinates:
 * 1 (map) + 2 + 2 + 2 * (1 + 2 + 48) bytes.
 */
#define ATTEST_RAK_COSE_KEY_SIZE 107U

/* Measurement algorithm, same values as RmiHashAlgorithm. */
#define ATTEST_HASH_SHA_256 0U
#define ATTEST_HASH_SHA_512 1U

/* struct attest_keys.plat_token_state (0: given or built). */
#define ATTEST_PLAT_READY 0
#define ATTEST_PLAT_PENDING 1
#define ATTEST_PLAT_BUILDING 2

/* Cycle accounting hook, same shape as rmm_plat.account; may be NULL. */
typedef void (*attest_account_fn)(void *ctx, enum rmm_cost ev, uint64_t n);

/*
 * The attestation keys of one RMM instance, set up once at boot.
 * Read-only after attest_keys_init(), so one instance can serve all RECs.
 */
struct attest_keys {
	mbedtls_ecp_keypair rak;                       /* RAK, P-384 */
	uint8_t rak_cose_key[ATTEST_RAK_COSE_KEY_SIZE]; /* claim 44237 value */
	size_t rak_cose_key_len;
	uint8_t plat_token[ATTEST_PLAT_TOKEN_MAX];     /* claim 44234, opaque */
	size_t plat_token_len;
	/*
	 * ATTEST_PLAT_* state of plat_token: the placeholder token (an ES384
	 * signature, ~3 ms in mbedTLS) is built on first use, not at boot, so
	 * a platform that never attests does not pay for it (issue 15).
	 */
	int plat_token_state;
	bool rak_is_test_key;  /* the placeholder is then a constant (attest_keys.c) */
	attest_account_fn account;
	void *account_ctx;
};

/*
 * Imports the RAK and the platform token.
 * @rak_priv: 48-byte big-endian P-384 private scalar, NULL = the built-in
 *   TEST key (attest_keys.c, not secret).
 * @plat_token: platform token bytes exactly as EL3 would give them, NULL =
 *   build a placeholder platform token (COSE_Sign1 ES384 signed with the
 *   built-in TEST IAK) whose challenge is SHA-256(RAK COSE_Key).
 * Returns 0, -EINVAL (bad scalar, token larger than ATTEST_PLAT_TOKEN_MAX
 * or empty) or -ENOMEM/-EIO (library failure). On failure @k holds no
 * resources. Undo with attest_keys_free().
 */
int attest_keys_init(struct attest_keys *k, const uint8_t *rak_priv,
		     const uint8_t *plat_token, size_t plat_len);
void attest_keys_free(struct attest_keys *k);
/* Cost hook charged by attest_token_build (RMM_COST_ECDSA_SIGN, SHA blocks). */
void attest_keys_set_account(struct attest_keys *k, attest_account_fn fn,
			     void *ctx);
/*
 * The platform token: as given to attest_keys_init(), or the placeholder,
 * built by the first caller (thread safe; later callers wait for it).
 * Returns 0 or the build's error (then the next call tries again).
 */
int attest_keys_plat_token(const struct attest_keys *k, const uint8_t **token, size_t *len);
/* SHA-256 of the RAK COSE_Key: the challenge of the platform token (§3). */
int attest_rak_pub_hash(const struct attest_keys *k, uint8_t out[32]);

/* Snapshot of the realm's claims at RSI_ATTESTATION_TOKEN_INIT time. */
struct attest_claims {
	const uint8_t *challenge;      /* ATTEST_CHALLENGE_SIZE bytes */
	const uint8_t *rpv;            /* ATTEST_RPV_SIZE bytes */
	uint32_t hash_algo;            /* ATTEST_HASH_SHA_256 / _512 */
	const uint8_t *rim;            /* hash_size bytes */
	const uint8_t (*rem)[64];      /* ATTEST_REM_COUNT slots, hash_size bytes used */
	size_t hash_size;              /* 32 for SHA-256, 64 for SHA-512 */
	/*
	 * RMI 2.0 realm (den0137-2.0 rsi.md §5): its 33-byte Realm Instance ID
	 * (type 0x01 + 32 bytes). Non-NULL selects the "realm#2.0.0" profile
	 * with claims 256 (instance ID) and 44243 (MEC policy, integer);
	 * NULL = the 1.0 profile and claim set.
	 */
	const uint8_t *instance_id;
	unsigned mec_policy;           /* 0 shared, 1 private (2.0 only) */
};
#define ATTEST_INSTANCE_ID_SIZE 33U

/*
 * Builds and signs the full CCA token
 *   #6.399({44234: bstr(platform token), 44241: bstr(realm COSE_Sign1)})
 * into @out. Deterministic (RFC 6979 ECDSA): same keys and claims give the
 * same bytes. Returns 0, -EINVAL (bad claims: NULL pointer, unknown
 * hash_algo, hash_size not matching it), -ENOSPC (@out_cap too small; see
 * attest_token_max_size()), -ENOMEM or -EIO (library failure).
 */
int attest_token_build(const struct attest_keys *k,
		       const struct attest_claims *c,
		       uint8_t *out, size_t out_cap, size_t *out_len);

/* Upper bound of any CCA token size: X1 of RSI_ATTESTATION_TOKEN_INIT. */
size_t attest_token_max_size(void);

/* Upper bound of the realm token (COSE_Sign1) alone, for tests. */
#define ATTEST_REALM_TOKEN_MAX 1024U

#endif /* ATTEST_H */
