/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rmm_hash: known answers (FIPS 180-2 appendix / NIST CSRC examples) for
 * SHA-256, SHA-384 and SHA-512, one-shot and incremental, against every
 * backend built into this binary (rmm_hash_backends()), and the front end's
 * backend switch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rmm_hash.h"

#define MILLION 1000000U
#define BLOCK_4K 4096U

enum msg {
	MSG_EMPTY,
	MSG_ABC,
	MSG_448,     /* "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" */
	MSG_MILLION, /* 1,000,000 x 'a' */
	MSG_4K,      /* byte i = i * 31 + 7: one granule, as DATA_CREATE measures */
	MSG_COUNT,
};

static const char msg_448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

/*
 * NIST values; the 4 KiB rows (no NIST vector for that input) are Python
 * hashlib's digests of the same pattern.
 */
static const char *const kat[RMM_HASH_ALGO_COUNT][MSG_COUNT] = {
	[RMM_HASH_SHA256] = {
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
		"d41d438c379110c7f7b2c561b1f04f26c1b4549110791f8e022f48974280c13e",
	},
	[RMM_HASH_SHA384] = {
		"38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
		"274edebfe76f65fbd51ad2f14898b95b",
		"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
		"8086072ba1e7cc2358baeca134c825a7",
		"3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
		"b0455a8520bc4e6f5fe95b1fe3c8452b",
		"9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
		"07b8b3dc38ecc4ebae97ddd87f3d8985",
		"5acd4d2b1f3e7a6d4d32dfc1adf99cef86dbad1c307a21f8277409036588abcd"
		"3807a8609c04d9d5df8d7b36a7dee710",
	},
	[RMM_HASH_SHA512] = {
		"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
		"47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
		"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
		"2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
		"204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
		"96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445",
		"e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
		"de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
		"83d4a8da077efa9a0ce3c713c4e5703ddf29472d246ebb845dd003d03caf8aab"
		"db1e8702dfcef6a7e5134fefd104bcf61dbdcd3db385ae48343367200a65b368",
	},
};

static uint8_t *msg_buf[MSG_COUNT];
static size_t msg_len[MSG_COUNT];

static int make_messages(void **state)
{
	static uint8_t empty[1];

	msg_buf[MSG_EMPTY] = empty;
	msg_len[MSG_EMPTY] = 0;
	msg_buf[MSG_ABC] = (uint8_t *)(uintptr_t)"abc";
	msg_len[MSG_ABC] = 3;
	msg_buf[MSG_448] = (uint8_t *)(uintptr_t)msg_448;
	msg_len[MSG_448] = sizeof(msg_448) - 1U;
	msg_buf[MSG_MILLION] = malloc(MILLION);
	msg_buf[MSG_4K] = malloc(BLOCK_4K);
	if (msg_buf[MSG_MILLION] == NULL || msg_buf[MSG_4K] == NULL) {
		return -1;
	}
	memset(msg_buf[MSG_MILLION], 'a', MILLION);
	msg_len[MSG_MILLION] = MILLION;
	for (unsigned i = 0; i < BLOCK_4K; i++) {
		msg_buf[MSG_4K][i] = (uint8_t)(i * 31U + 7U);
	}
	msg_len[MSG_4K] = BLOCK_4K;
	return 0;
}

static int free_messages(void **state)
{
	free(msg_buf[MSG_MILLION]);
	free(msg_buf[MSG_4K]);
	rmm_hash_use(NULL);
	return 0;
}

static void hex(const uint8_t *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15U];
	}
	out[2 * n] = '\0';
}

/* Checks @digest against the known answer, naming the case on failure. */
static void expect_kat(const struct rmm_hash_backend *be, const char *how, unsigned algo,
		       unsigned m, const uint8_t *digest)
{
	char got[2 * RMM_HASH_MAX_SIZE + 1];

	hex(digest, rmm_hash_size((enum rmm_hash_algo)algo), got);
	if (strcmp(got, kat[algo][m]) != 0) {
		fail_msg("%s %s algo %u message %u: got %s want %s", be->name, how, algo, m, got,
			 kat[algo][m]);
	}
}

static const struct rmm_hash_backend *const *all(size_t *n)
{
	const struct rmm_hash_backend *const *be = rmm_hash_backends(n);

	assert_true(*n >= 1U);
	return be;
}

static void rmm_hash__one_shot_matches_nist_vectors_on_every_backend(void **state)
{
	size_t n;
	const struct rmm_hash_backend *const *be = all(&n);

	for (size_t b = 0; b < n; b++) {
		for (unsigned a = 0; a < RMM_HASH_ALGO_COUNT; a++) {
			for (unsigned m = 0; m < MSG_COUNT; m++) {
				uint8_t d[RMM_HASH_MAX_SIZE];

				be[b]->digest((enum rmm_hash_algo)a, msg_buf[m], msg_len[m], d);
				expect_kat(be[b], "one-shot", a, m, d);
			}
		}
	}
}

/* Incremental with uneven chunks (@chunk bytes each), crossing block boundaries. */
static void incremental(const struct rmm_hash_backend *be, unsigned a, unsigned m, size_t chunk,
			uint8_t *d)
{
	struct rmm_hash_ctx ctx;

	rmm_hash_use(be);
	rmm_hash_init(&ctx, (enum rmm_hash_algo)a);
	assert_ptr_equal(ctx.be, be);
	for (size_t off = 0; off < msg_len[m]; off += chunk) {
		size_t len = msg_len[m] - off < chunk ? msg_len[m] - off : chunk;

		rmm_hash_update(&ctx, msg_buf[m] + off, len);
	}
	rmm_hash_final(&ctx, d);
}

static void rmm_hash__incremental_matches_nist_vectors_on_every_backend(void **state)
{
	static const size_t chunks[] = { 1, 7, 63, 64, 65, 127, 128, 129, 997 };
	size_t n;
	const struct rmm_hash_backend *const *be = all(&n);

	for (size_t b = 0; b < n; b++) {
		for (unsigned a = 0; a < RMM_HASH_ALGO_COUNT; a++) {
			for (unsigned m = 0; m < MSG_COUNT; m++) {
				for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
					uint8_t d[RMM_HASH_MAX_SIZE];

					/* Byte-by-byte over a million is slow: big chunks only. */
					if (m == MSG_MILLION && chunks[c] < 63U) {
						continue;
					}
					incremental(be[b], a, m, chunks[c], d);
					expect_kat(be[b], "incremental", a, m, d);
				}
			}
		}
	}
}

/* Two incremental hashes interleaved in one thread do not share state. */
static void rmm_hash__interleaved_incremental_hashes_stay_separate(void **state)
{
	size_t n;
	const struct rmm_hash_backend *const *be = all(&n);

	for (size_t b = 0; b < n; b++) {
		struct rmm_hash_ctx x, y;
		uint8_t dx[RMM_HASH_MAX_SIZE], dy[RMM_HASH_MAX_SIZE], d1[RMM_HASH_MAX_SIZE];

		rmm_hash_use(be[b]);
		rmm_hash_init(&x, RMM_HASH_SHA256);
		rmm_hash_init(&y, RMM_HASH_SHA512);
		rmm_hash_update(&x, "a", 1);
		rmm_hash_update(&y, msg_448, 20);
		/* A one-shot in between uses the backend's own context, not x or y. */
		rmm_hash(RMM_HASH_SHA256, "abc", 3, d1);
		expect_kat(be[b], "one-shot between", RMM_HASH_SHA256, MSG_ABC, d1);
		rmm_hash_update(&x, "bc", 2);
		rmm_hash_update(&y, msg_448 + 20, sizeof(msg_448) - 21U);
		rmm_hash_final(&y, dy);
		rmm_hash_final(&x, dx);
		expect_kat(be[b], "interleaved", RMM_HASH_SHA256, MSG_ABC, dx);
		expect_kat(be[b], "interleaved", RMM_HASH_SHA512, MSG_448, dy);
	}
}

static void rmm_hash__use_switches_backend_and_null_restores_default(void **state)
{
	size_t n;
	const struct rmm_hash_backend *const *be = all(&n);

	for (size_t b = 0; b < n; b++) {
		rmm_hash_use(be[b]);
		assert_ptr_equal(rmm_hash_backend(), be[b]);
		assert_ptr_equal(rmm_hash_backend_by_name(be[b]->name), be[b]);
	}
	rmm_hash_use(NULL);
	assert_ptr_equal(rmm_hash_backend(), be[0]);
	assert_null(rmm_hash_backend_by_name("md5"));
	/* mbedTLS is always built: the fallback and the ECDSA library. */
	assert_ptr_equal(rmm_hash_backend_by_name("mbedtls"), &rmm_hash_mbedtls);
#if defined(RMMSIM_HASH_HAVE_OPENSSL)
	assert_int_equal(n, 2);
	assert_ptr_equal(rmm_hash_backend_by_name("openssl"), &rmm_hash_openssl);
#endif
}

static void rmm_hash_size__is_digest_length(void **state)
{
	assert_int_equal(rmm_hash_size(RMM_HASH_SHA256), 32);
	assert_int_equal(rmm_hash_size(RMM_HASH_SHA384), 48);
	assert_int_equal(rmm_hash_size(RMM_HASH_SHA512), 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rmm_hash__one_shot_matches_nist_vectors_on_every_backend),
		cmocka_unit_test(rmm_hash__incremental_matches_nist_vectors_on_every_backend),
		cmocka_unit_test(rmm_hash__interleaved_incremental_hashes_stay_separate),
		cmocka_unit_test(rmm_hash__use_switches_backend_and_null_restores_default),
		cmocka_unit_test(rmm_hash_size__is_digest_length),
	};

	return cmocka_run_group_tests(tests, make_messages, free_messages);
}
