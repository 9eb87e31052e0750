/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reset exactness of the fuzz harnesses (docs/fuzzing.md "Persistence"):
 * the platform and the RMM persist across inputs and are restored in time
 * proportional to what the input touched, so running A, B, A must give the
 * same call trace and the same end-of-input state digest for both A runs,
 * and a reset platform must digest exactly like a freshly created one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fuzz_rmi.h"
#include "fuzz_rsi.h"

struct blob {
	uint8_t *p;
	size_t n;
};

static struct blob load(const char *dir, const char *name)
{
	char path[512];
	struct blob b = { 0 };
	FILE *f;
	long len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	assert_true(len > 0);
	rewind(f);
	b.p = malloc((size_t)len);
	assert_non_null(b.p);
	assert_int_equal(fread(b.p, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	b.n = (size_t)len;
	return b;
}

/* fz_before_reset hook: the state at the end of the input, before the reset. */
static uint64_t end_digest;

static void record_end(struct fz_plat *p)
{
	end_digest = fzp_digest(p);
}

/* One fuzz_rmi input: its RMI log (caller frees) and its end-of-input digest. */
static char *run_rmi(const struct blob *in, uint64_t *digest)
{
	char *trace = NULL;
	size_t len = 0;
	FILE *log = open_memstream(&trace, &len);

	assert_non_null(log);
	fz_before_reset = record_end;
	end_digest = 0;
	fz_run(in->p, in->n, log);
	fz_before_reset = NULL;
	fclose(log);
	*digest = end_digest;
	return trace;
}

static void rmi__inputs_a_b_a_give_identical_traces_and_digests(void **state)
{
	/* A leaves four realms alive at its end: the reset has live objects to undo. */
	struct blob a = load(FUZZ_CORPUS_DIR, "four_realms.bin");
	struct blob b = load(FUZZ_CORPUS_DIR, "lifecycle_full.bin");
	uint64_t da1, db, da2;
	char *ta1, *tb, *ta2;

	(void)state;
	fz_oracle_init();
	ta1 = run_rmi(&a, &da1);
	tb = run_rmi(&b, &db);
	ta2 = run_rmi(&a, &da2);
	assert_true(strlen(ta1) > 0U);
	/* B really is another input, or the comparison of the A runs proves nothing. */
	assert_string_not_equal(ta1, tb);
	assert_int_not_equal(da1, db);
	assert_string_equal(ta1, ta2);
	assert_int_equal(da1, da2);
	free(ta1);
	free(tb);
	free(ta2);
	free(a.p);
	free(b.p);
}

static void rmi__reset_platform_digests_like_a_fresh_one(void **state)
{
	struct blob a = load(FUZZ_CORPUS_DIR, "four_realms.bin");
	struct blob b = load(FUZZ_CORPUS_DIR, "vmid_clash.bin");
	struct fz_plat *fresh = fzp_create_fresh();
	struct fz_plat *used = fzp_begin();
	uint64_t d;
	char *t;

	(void)state;
	fz_oracle_init();
	t = run_rmi(&a, &d);
	free(t);
	/* Four realms were alive at the end: that state is not the fresh one... */
	assert_int_not_equal(d, fzp_digest(fresh));
	/* ...and after the reset it is, descriptors, VMIDs, PAS and memory. */
	assert_int_equal(fzp_digest(used), fzp_digest(fresh));
	t = run_rmi(&b, &d);
	free(t);
	assert_int_equal(fzp_digest(used), fzp_digest(fresh));
	fzp_free(fresh);
	free(a.p);
	free(b.p);
}

/*
 * An RMI 2.0 input (FZ_ABI2_SELECTOR) between two runs of a 1.0 input: it
 * leaves SRO contexts sealed, PARTIAL / REC_AUX granules and the ABI set to
 * 2.0; after the reset the platform digests like a fresh one and the 1.0
 * input runs exactly as before (nothing of 2.0 leaks into it).
 */
static void rmi2__sealed_sros_and_abi_are_reset(void **state)
{
	struct blob a = load(FUZZ_CORPUS_DIR, "four_realms.bin");
	struct blob b = load(FUZZ_CORPUS_DIR, "v2_sro_mixed.bin");
	struct fz_plat *fresh = fzp_create_fresh();
	struct fz_plat *used = fzp_begin();
	uint64_t da1, db, da2;
	char *ta1, *tb, *ta2;

	(void)state;
	assert_int_equal(b.p[0], FZ_ABI2_SELECTOR);
	fz_oracle_init();
	ta1 = run_rmi(&a, &da1);
	tb = run_rmi(&b, &db);
	assert_int_not_equal(db, fzp_digest(fresh));
	assert_int_equal(fzp_digest(used), fzp_digest(fresh));
	ta2 = run_rmi(&a, &da2);
	assert_string_equal(ta1, ta2);
	assert_int_equal(da1, da2);
	assert_non_null(strstr(tb, "REC_CREATE"));
	free(ta1);
	free(tb);
	free(ta2);
	fzp_free(fresh);
	free(a.p);
	free(b.p);
}

/* One fuzz_rsi input: its step log (caller frees) and the digest after its teardown. */
static char *run_rsi(const struct blob *in, uint64_t *digest)
{
	char *trace = NULL;
	size_t len = 0;
	FILE *log = open_memstream(&trace, &len);

	assert_non_null(log);
	fr_run(in->p, in->n, log);
	fclose(log);
	*digest = fr_state_digest();
	return trace;
}

static void rsi__inputs_a_b_a_give_identical_traces_and_digests(void **state)
{
	struct blob a = load(FUZZ_CORPUS_RSI_DIR, "attest.bin");
	struct blob b = load(FUZZ_CORPUS_RSI_DIR, "ripas_change.bin");
	uint64_t da1, db, da2;
	char *ta1, *tb, *ta2;

	(void)state;
	ta1 = run_rsi(&a, &da1);
	tb = run_rsi(&b, &db);
	ta2 = run_rsi(&a, &da2);
	assert_true(strlen(ta1) > 0U);
	assert_string_not_equal(ta1, tb);
	assert_string_equal(ta1, ta2);
	assert_int_equal(da1, da2);
	assert_int_equal(db, da2);
	free(ta1);
	free(tb);
	free(ta2);
	free(a.p);
	free(b.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rmi__inputs_a_b_a_give_identical_traces_and_digests),
		cmocka_unit_test(rmi__reset_platform_digests_like_a_fresh_one),
		cmocka_unit_test(rmi2__sealed_sros_and_abi_are_reset),
		cmocka_unit_test(rsi__inputs_a_b_a_give_identical_traces_and_digests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
