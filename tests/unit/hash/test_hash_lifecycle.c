/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Measurements do not depend on the hash backend: one whole realm
 * lifecycle on the fake platform (REALM_CREATE, RTT_CREATE, RTT_INIT_RIPAS,
 * DATA_CREATE measured and not, DATA_CREATE_UNKNOWN, REC_CREATE,
 * REALM_ACTIVATE, RSI_MEASUREMENT_EXTEND of every REM, the attestation
 * token, teardown), run once per backend built (rmm_hash_backends()) for a
 * SHA-256 and a SHA-512 realm. The RIM and REMs after each step and the
 * whole token (claims and deterministic ES384 signature, RFC 6979) must be
 * byte-identical across backends; the RIM must also change at every
 * measured step, so a backend that ignored its input would not pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "attest/attest.h"
#include "den0137_abi.h"
#include "fake_plat.h"
#include "realm.h"
#include "rec.h"
#include "rmm_hash.h"
#include "rmm_private.h"
#include "rmm_test_util.h"
#include "rsi/rsi.h"

#define NUM_DATA 3U
#define MAX_STEPS 16U
#define TOKEN_CAP 8192U

/* Everything a run measures. */
struct trace {
	unsigned steps;
	uint8_t rim[MAX_STEPS][64];  /* RIM after each measured step */
	uint8_t rem[RMM_NUM_MEASUREMENTS][64];
	uint8_t token[TOKEN_CAP];
	size_t token_len;
};

static void ok(uint64_t x0)
{
	assert_int_equal(x0, RMI_SUCCESS);
}

static uint64_t rmi(struct fake_plat *f, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		    uint64_t a4, uint64_t a5)
{
	uint64_t x0 = fake_rmi(f, fid, a1, a2, a3, a4, a5, 0);

	assert_true(fake_invariants_hold(f));
	return x0;
}

static void snap_rim(struct fake_plat *f, pa_t rd, struct trace *t)
{
	assert_true(t->steps < MAX_STEPS);
	assert_true(rmm_realm_measurement(f->rmm, rd, 0, t->rim[t->steps]));
	/* Every measured step moves the RIM. */
	if (t->steps > 0U) {
		assert_memory_not_equal(t->rim[t->steps], t->rim[t->steps - 1U], 64);
	}
	t->steps++;
}

/* One realm `smc` on @rec with @n arguments; returns the realm's X0. */
static uint64_t rsi(struct rmm *rmm, struct rec *rec, uint64_t fid, unsigned n,
		    const uint64_t *args)
{
	struct rsi_result res;

	memset(rec->regs.x, 0, sizeof(rec->regs.x));
	rec->regs.x[0] = fid;
	for (unsigned i = 0; i < n; i++) {
		rec->regs.x[1U + i] = args[i];
	}
	rsi_handle_smc(rmm, rec, &res);
	assert_int_equal(res.action, RSI_RETURN_TO_REALM);
	return rec->regs.x[0];
}

static void run_lifecycle(const struct rmm_hash_backend *be, uint64_t hash_algo,
			  struct trace *t)
{
	struct fake_plat *f;
	struct t_realm_params p;
	struct t_realm r;
	pa_t rtt[3], data[NUM_DATA + 1U], unknown, rec_pa, src;
	struct t_rec_params rp;
	struct rec *rec;
	uint8_t page[GRANULE_SIZE];

	memset(t, 0, sizeof(*t));
	rmm_hash_use(be); /* before the RMM exists: the attestation keys hash too */
	f = fake_create();
	assert_non_null(f);
	assert_int_equal(rmm_attest_init(f->rmm, NULL, NULL, 0), 0);

	t_realm_params_default(&p, 1);
	p.hash_algo = hash_algo;
	ok(t_realm_create(f, &p, &r));
	snap_rim(f, r.rd, t);

	for (int l = 1; l <= 3; l++) {
		rtt[l - 1] = fake_alloc_delegated(f);
		ok(rmi(f, RMI_RTT_CREATE_FID, r.rd, rtt[l - 1], 0, (uint64_t)l, 0));
	}
	/* RIPAS RAM over [0x10000, 0x20000): one RIPAS descriptor. */
	ok(rmi(f, RMI_RTT_INIT_RIPAS_FID, r.rd, 0x10000, 0x20000, 0, 0));
	snap_rim(f, r.rd, t);

	src = fake_alloc(f);
	for (unsigned i = 0; i < GRANULE_SIZE; i++) {
		page[i] = (uint8_t)(i * 13U + 5U);
	}
	assert_true(fake_ns_write(f, src, page, sizeof(page)));
	for (unsigned i = 0; i <= NUM_DATA; i++) {
		/* data[0] unmeasured (descriptor only), the others with content. */
		data[i] = fake_alloc_delegated(f);
		ok(rmi(f, RMI_DATA_CREATE_FID, r.rd, data[i], (uint64_t)i * GRANULE_SIZE, src,
		       i == 0U ? RMI_NO_MEASURE_CONTENT : RMI_MEASURE_CONTENT));
		snap_rim(f, r.rd, t);
	}
	unknown = fake_alloc_delegated(f);
	ok(rmi(f, RMI_DATA_CREATE_UNKNOWN_FID, r.rd, unknown, 0x10000, 0, 0));

	t_rec_params_default(f, &rp, 0);
	rp.pc = 0x1234;
	for (unsigned i = 0; i < 8U; i++) {
		rp.gprs[i] = 0x1000U + i;
	}
	rec_pa = fake_alloc_delegated(f);
	ok(t_rec_create(f, r.rd, rec_pa, &rp));
	snap_rim(f, r.rd, t);
	ok(rmi(f, RMI_REALM_ACTIVATE_FID, r.rd, 0, 0, 0, 0));

	rec = rec_map(f->rmm, granule_find(f->rmm, rec_pa));
	assert_non_null(rec);
	for (unsigned i = 1; i < RMM_NUM_MEASUREMENTS; i++) {
		/* REM i: sizes 0, 17, 48, 64 bytes of pattern (RSI_MEASUREMENT_EXTEND). */
		static const uint64_t size[] = { 0, 0, 17, 48, 64 };
		uint64_t args[10] = { i, size[i] };

		for (unsigned w = 0; w < 8U; w++) {
			args[2 + w] = 0x0101010101010101ULL * (i * 16U + w);
		}
		assert_int_equal(rsi(f->rmm, rec, RSI_MEASUREMENT_EXTEND_FID, 10, args), RSI_SUCCESS);
		/* Twice: the second extension chains on the first. */
		assert_int_equal(rsi(f->rmm, rec, RSI_MEASUREMENT_EXTEND_FID, 10, args), RSI_SUCCESS);
	}
	for (unsigned i = 0; i < RMM_NUM_MEASUREMENTS; i++) {
		assert_true(rmm_realm_measurement(f->rmm, r.rd, i, t->rem[i]));
	}

	{
		/* The token, 512 bytes at a time into the DATA granule at IPA 0x10000 (RIPAS RAM). */
		uint64_t challenge[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
		uint64_t x0;
		unsigned calls = 0;

		assert_int_equal(rsi(f->rmm, rec, RSI_ATTESTATION_TOKEN_INIT_FID, 8, challenge),
				 RSI_SUCCESS);
		do {
			uint64_t args[3] = { 0x10000, 0, 512 };

			x0 = rsi(f->rmm, rec, RSI_ATTESTATION_TOKEN_CONTINUE_FID, 3, args);
			assert_true(x0 == RSI_SUCCESS || x0 == RSI_INCOMPLETE);
			assert_true(t->token_len + rec->regs.x[1] <= TOKEN_CAP);
			memcpy(t->token + t->token_len, fake_mem(f, unknown), rec->regs.x[1]);
			t->token_len += rec->regs.x[1];
		} while (x0 == RSI_INCOMPLETE && ++calls < 64U);
		assert_int_equal(x0, RSI_SUCCESS);
		assert_true(t->token_len > 0U);
	}

	ok(rmi(f, RMI_REC_DESTROY_FID, rec_pa, 0, 0, 0, 0));
	for (unsigned i = 0; i <= NUM_DATA; i++) {
		ok(rmi(f, RMI_DATA_DESTROY_FID, r.rd, (uint64_t)i * GRANULE_SIZE, 0, 0, 0));
	}
	ok(rmi(f, RMI_DATA_DESTROY_FID, r.rd, 0x10000, 0, 0, 0));
	for (int l = 3; l >= 1; l--) {
		ok(rmi(f, RMI_RTT_DESTROY_FID, r.rd, 0, (uint64_t)l, 0, 0));
	}
	ok(rmi(f, RMI_REALM_DESTROY_FID, r.rd, 0, 0, 0, 0));
	fake_destroy(f);
	rmm_hash_use(NULL);
}

static void check_backends_agree(uint64_t hash_algo)
{
	size_t n;
	const struct rmm_hash_backend *const *be = rmm_hash_backends(&n);
	struct trace *ref = calloc(1, sizeof(*ref));
	struct trace *t = calloc(1, sizeof(*t));

	assert_non_null(ref);
	assert_non_null(t);
	run_lifecycle(be[0], hash_algo, ref);
	/* REALM_CREATE, INIT_RIPAS, 1 + NUM_DATA DATA_CREATE, REC_CREATE. */
	assert_int_equal(ref->steps, 3U + NUM_DATA + 1U);
	for (size_t b = 1; b < n; b++) {
		run_lifecycle(be[b], hash_algo, t);
		assert_int_equal(t->steps, ref->steps);
		for (unsigned s = 0; s < ref->steps; s++) {
			if (memcmp(t->rim[s], ref->rim[s], 64) != 0) {
				fail_msg("%s vs %s: RIM differs after step %u", be[b]->name, be[0]->name,
					 s);
			}
		}
		assert_memory_equal(t->rem, ref->rem, sizeof(ref->rem));
		assert_int_equal(t->token_len, ref->token_len);
		assert_memory_equal(t->token, ref->token, ref->token_len);
	}
	free(t);
	free(ref);
}

static void lifecycle__sha256_realm_measures_identically_on_every_backend(void **state)
{
	check_backends_agree(RMI_HASH_SHA_256);
}

static void lifecycle__sha512_realm_measures_identically_on_every_backend(void **state)
{
	check_backends_agree(RMI_HASH_SHA_512);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lifecycle__sha256_realm_measures_identically_on_every_backend),
		cmocka_unit_test(lifecycle__sha512_realm_measures_identically_on_every_backend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
