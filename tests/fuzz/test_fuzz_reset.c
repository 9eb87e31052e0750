/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reset exactness of the fuzz harnesses (docs/fuzzing.md "Persistence"):
 * the platform and the RMM persist across inputs and are restored in time
 * proportional to what the input touched, so running A, B, A must give the
 * same call trace and the same end-of-input state digest for both A runs,
 * and a reset platform must digest exactly like a freshly created one.
 */
#include <setjmp.h>
#include <stdbool.h>
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

/* fr_before_reset hook: the 1.0 or 2.0 platform's digest at the end of the input. */
static bool rsi_v2;

static void record_rsi_end(void)
{
	end_digest = rsi_v2 ? fr_state_digest_v2() : fr_state_digest();
}

/* One fuzz_rsi input: its step log (caller frees) and the digest at its end, before the rewind. */
static char *run_rsi(const struct blob *in, uint64_t *digest)
{
	char *trace = NULL;
	size_t len = 0;
	FILE *log = open_memstream(&trace, &len);

	assert_non_null(log);
	rsi_v2 = in->n != 0U && in->p[0] == 0xA2U;
	fr_before_reset = record_rsi_end;
	end_digest = 0;
	fr_run(in->p, in->n, log);
	fr_before_reset = NULL;
	fclose(log);
	*digest = end_digest;
	return trace;
}

static const char *const rsi_seeds[] = {
	"aborts.bin", "attest.bin", "basic.bin", "h1_raw_enter_reruns_extend.bin", "host_call.bin",
	"host_rmi.bin", "measure.bin", "mmio.bin", "ns_map.bin", "psci_cpu_on.bin",
	"psci_denied.bin", "raw_enter_mailbox.bin", "regress_v2_unprot_map_after_system_reset.bin",
	"ripas_change.bin", "ripas_destroyed.bin", "sysreg_persist.bin", "v2_attest.bin",
	"v2_basic.bin", "v2_system_off_unprot.bin", "wfx_trap.bin",
};

/*
 * A after every seed B runs exactly as it did first: the same steps, REC
 * exits and RMI results, and the same platform state at its end (RMM
 * descriptors, GPT, the realm's granules and NS pages, instruction count).
 * @a is a 1.0 or a 2.0 input; B of the other ABI runs on the other platform.
 */
static void rsi_a_after_every_b(const char *a_name)
{
	struct blob a = load(FUZZ_CORPUS_RSI_DIR, a_name);
	uint64_t da1, db, da2;
	char *ta1 = run_rsi(&a, &da1);
	unsigned differ = 0;

	assert_true(strlen(ta1) > 0U);
	for (size_t i = 0; i < sizeof(rsi_seeds) / sizeof(rsi_seeds[0]); i++) {
		struct blob b = load(FUZZ_CORPUS_RSI_DIR, rsi_seeds[i]);
		char *tb = run_rsi(&b, &db);
		char *ta2 = run_rsi(&a, &da2);

		/* B really is another input, or the comparison of the A runs proves nothing. */
		differ += strcmp(ta1, tb) != 0 && da1 != db;
		assert_string_equal(ta1, ta2);
		assert_int_equal(da1, da2);
		free(tb);
		free(ta2);
		free(b.p);
	}
	assert_true(differ >= sizeof(rsi_seeds) / sizeof(rsi_seeds[0]) - 1U);
	free(ta1);
	free(a.p);
}

static void rsi__inputs_a_b_a_give_identical_traces_and_digests(void **state)
{
	(void)state;
	rsi_a_after_every_b("attest.bin");
	rsi_a_after_every_b("ripas_change.bin");
	/* The realm writes the mailbox with no host write; a system register the REC does not keep. */
	rsi_a_after_every_b("raw_enter_mailbox.bin");
	rsi_a_after_every_b("sysreg_persist.bin");
}

static void rsi2__inputs_a_b_a_give_identical_traces_and_digests(void **state)
{
	(void)state;
	rsi_a_after_every_b("v2_attest.bin");
}

/* After any input the platform digests exactly as right after the build (the snapshot). */
static void rsi__rewound_platform_digests_like_the_snapshot(void **state)
{
	uint64_t fresh1 = fr_state_digest(), fresh2 = fr_state_digest_v2(), d;

	(void)state;
	for (size_t i = 0; i < sizeof(rsi_seeds) / sizeof(rsi_seeds[0]); i++) {
		struct blob b = load(FUZZ_CORPUS_RSI_DIR, rsi_seeds[i]);
		char *t = run_rsi(&b, &d);

		/* The input changed the state, and the rewind undid all of it. */
		assert_int_not_equal(d, b.p[0] == 0xA2U ? fresh2 : fresh1);
		assert_int_equal(fr_state_digest(), fresh1);
		assert_int_equal(fr_state_digest_v2(), fresh2);
		free(t);
		free(b.p);
	}
}

/*
 * An input that tears its realm down (FR_TEARDOWN_SELECTOR) is rewound
 * too: REALM_DESTROY retires the realm's engine, the snapshot keeps it
 * (parked, emptied) and the rewind puts it back, so no platform is built
 * again and the next input runs as before.
 */
static void rsi__teardown_input_is_rewound_too(void **state)
{
	struct blob a = load(FUZZ_CORPUS_RSI_DIR, "psci_cpu_on.bin");
	struct blob b = load(FUZZ_CORPUS_RSI_DIR, "ripas_change.bin");
	struct blob bt = { malloc(b.n + 1U), b.n + 1U };
	uint64_t fresh = fr_state_digest(), builds = fr_rebuilds();
	uint64_t da1, db, da2;
	char *ta1, *tb, *ta2;

	(void)state;
	assert_non_null(bt.p);
	bt.p[0] = 0xA3U;
	memcpy(bt.p + 1, b.p, b.n);
	ta1 = run_rsi(&a, &da1);
	tb = run_rsi(&bt, &db);
	/* The teardown ran: its UNDELEGATEs of the RTTs and the RD are in the log. */
	assert_non_null(strstr(tb, "teardown"));
	ta2 = run_rsi(&a, &da2);
	assert_int_equal(fr_rebuilds(), builds);
	assert_string_equal(ta1, ta2);
	assert_int_equal(da1, da2);
	assert_int_equal(fr_state_digest(), fresh);
	free(ta1);
	free(tb);
	free(ta2);
	free(a.p);
	free(b.p);
	free(bt.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rmi__inputs_a_b_a_give_identical_traces_and_digests),
		cmocka_unit_test(rmi__reset_platform_digests_like_a_fresh_one),
		cmocka_unit_test(rmi2__sealed_sros_and_abi_are_reset),
		cmocka_unit_test(rsi__inputs_a_b_a_give_identical_traces_and_digests),
		cmocka_unit_test(rsi2__inputs_a_b_a_give_identical_traces_and_digests),
		cmocka_unit_test(rsi__rewound_platform_digests_like_the_snapshot),
		cmocka_unit_test(rsi__teardown_input_is_rewound_too),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
