/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm payloads, run end to end by realm_host: one ctest per payload
 * (argv[1] = demo | mmio | ripas | smp | mpidr | s1fault). They need RMI_REC_ENTER to execute
 * realm code, so CMake registers them DISABLED unless RMMSIM_REALM_EXEC=ON.
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "realm_host.h"
#include "realm_hostcall.h"

#define PSCI_FN(fid) ((fid) & 0x1FU)

static struct rh_realm realm;
static void *image;

/* Builds @name with @num_recs RECs, runs it to SYSTEM_OFF, checks exit 0. */
static struct rh_realm *run_payload(const char *name, unsigned num_recs)
{
	struct rh_config cfg = { .num_recs = num_recs, .console_echo = stderr };
	char path[512];
	size_t len = 0;
	enum rh_stop stop;

	snprintf(path, sizeof(path), "%s/%s", REALM_PAYLOAD_DIR, name);
	image = rh_read_file(path, &len);
	if (!image)
		fail_msg("cannot read %s", path);
	if (!rh_init(&realm, NULL, &cfg) || !rh_build(&realm, image, len))
		fail_msg("%s: %s", name, realm.res.error);
	stop = rh_run(&realm);
	if (stop != RH_STOP_SYSTEM_OFF)
		fail_msg("%s stopped with %s: %s (exits: SYNC %u IRQ %u PSCI %u HOST_CALL %u)",
			 name, rh_stop_name(stop), realm.res.error, realm.res.exits[RMI_EXIT_SYNC],
			 realm.res.exits[RMI_EXIT_IRQ], realm.res.exits[RMI_EXIT_PSCI],
			 realm.res.exits[RMI_EXIT_HOST_CALL]);
	assert_true(realm.res.exited);
	assert_int_equal(realm.res.exit_status, 0);
	return &realm;
}

static int cleanup(void **state)
{
	(void)state;
	if (realm.sim && !rh_teardown(&realm))
		print_error("teardown: %s\n", realm.res.error);
	rh_fini(&realm);
	free(image);
	image = NULL;
	return 0;
}

static void expect_report_is_measurement(struct rh_realm *r, uint64_t key, unsigned index)
{
	const struct rh_report *rep = rh_find_report(&r->res, key);
	uint8_t m[64];

	assert_non_null(rep);
	assert_true(rmmsim_realm_measurement(r->sim, r->rd, index, m));
	assert_memory_equal(rep->vals, m, 64);
}

static void realm_demo__reports_config_measurements_and_token(void **state)
{
	struct rh_realm *r = run_payload("realm_demo.elf", 1);
	const struct rh_report *cfg = rh_find_report(&r->res, RH_KEY_REALM_CONFIG);
	static const uint8_t tag399[3] = { 0xD9, 0x01, 0x8F };
	uint8_t challenge[64];

	(void)state;
	assert_non_null(strstr(r->res.console, "hello from R-EL1"));
	assert_non_null(cfg);
	assert_int_equal(cfg->vals[0], 32);
	assert_int_equal(cfg->vals[1], RSI_HASH_SHA_256);
	expect_report_is_measurement(r, RH_KEY_RIM, 0);
	expect_report_is_measurement(r, RH_KEY_REM0, 1);
	/* The CCA token: tag 399 (attestation.md §1), carrying the challenge. */
	assert_true(r->res.token_len > 0);
	assert_int_equal(r->res.token_len, r->res.token_total);
	assert_memory_equal(r->res.token, tag399, sizeof(tag399));
	for (unsigned i = 0; i < 64; i++)
		challenge[i] = (uint8_t)(0xC0U ^ i);
	assert_non_null(memmem(r->res.token, r->res.token_len, challenge, sizeof(challenge)));
}

#if defined(VERIFY_PY) && defined(RIM_PY) && defined(PYTHON3)
/* Runs @cmd, returns its exit status; its first output line into @line. */
static int run_cmd(const char *cmd, char *line, size_t len)
{
	FILE *p = popen(cmd, "r");
	int rc;

	assert_non_null(p);
	if (!fgets(line, (int)len, p))
		line[0] = '\0';
	rc = pclose(p);
	line[strcspn(line, "\r\n")] = '\0';
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void hex(char *out, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/*
 * The demo realm's token, checked by the independent verifier
 * (scripts/verify_token.py, cbor2 + cryptography): signature, claims, the
 * known challenge, the RIM the host measured (scripts/rim.py on the build
 * log, not the RMM's value) and the REMs; a corrupted copy is rejected.
 */
static void realm_demo__token_passes_the_independent_verifier(void **state)
{
	struct rh_realm *r = run_payload("realm_demo.elf", 1);
	char dir[] = "/tmp/rmmsim_token_XXXXXX";
	char tok[256], mlog[256], cmd[4096], rim[160], line[512], challenge[129], rem0[129];
	uint8_t ch[64], m[64], bad[RH_TOKEN_SIZE];
	const char *log = rh_measure_log(r);

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(tok, sizeof(tok), "%s/token.cbor", dir);
	snprintf(mlog, sizeof(mlog), "%s/measure.json", dir);
	write_file(tok, r->res.token, r->res.token_len);
	assert_non_null(log);
	write_file(mlog, log, strlen(log));
	snprintf(cmd, sizeof(cmd), "%s %s %s", PYTHON3, RIM_PY, mlog);
	assert_int_equal(run_cmd(cmd, rim, sizeof(rim)), 0);
	assert_int_equal(strlen(rim), 64);
	for (unsigned i = 0; i < 64; i++)
		ch[i] = (uint8_t)(0xC0U ^ i);
	hex(challenge, ch, 64);
	/* REM0 as the realm extended it (reported by the realm, checked against the RMM above). */
	assert_true(rmmsim_realm_measurement(r->sim, r->rd, 1, m));
	hex(rem0, m, 32);
	snprintf(cmd, sizeof(cmd),
		 "%s %s %s --challenge %s --rim %s --rem %s --rem %064d --rem %064d --rem %064d "
		 "--hash-algo sha-256 2>&1",
		 PYTHON3, VERIFY_PY, tok, challenge, rim, rem0, 0, 0, 0);
	if (run_cmd(cmd, line, sizeof(line)) != 0)
		fail_msg("verify_token.py rejected the demo token: %s", line);
	/* A flipped signature byte (the token's last byte) must be rejected (exit 3). */
	memcpy(bad, r->res.token, r->res.token_len);
	bad[r->res.token_len - 1] ^= 0x01;
	write_file(tok, bad, r->res.token_len);
	snprintf(cmd, sizeof(cmd), "%s %s %s 2>&1", PYTHON3, VERIFY_PY, tok);
	assert_int_equal(run_cmd(cmd, line, sizeof(line)), 3);
	unlink(tok);
	unlink(mlog);
	rmdir(dir);
}
#endif

static void realm_mmio__device_reads_and_writes_are_emulated(void **state)
{
	struct rh_realm *r = run_payload("realm_mmio.elf", 1);
	ipa_t dev = (1ULL << (r->cfg.ipa_bits - 1)) + RH_MMIO_OFFSET;

	(void)state;
	assert_true(r->res.num_mmio >= 5);
	assert_int_equal(r->res.mmio[0].ipa, dev + RH_MMIO_ID);
	assert_false(r->res.mmio[0].write);
	assert_int_equal(r->res.mmio[0].value, RH_MMIO_ID_VALUE);
	assert_true(r->res.mmio[1].write);
	assert_int_equal(r->res.mmio[1].value, 0x1122334455667788ULL);
	assert_int_equal(r->res.mmio[4].size, 4);
	assert_true(r->res.exits[RMI_EXIT_SYNC] >= 5);
}

static void realm_ripas__empty_then_ram_then_populated_on_fault(void **state)
{
	struct rh_realm *r = run_payload("realm_ripas.elf", 1);

	(void)state;
	assert_true(r->res.num_ripas >= 2);
	assert_int_equal(r->res.ripas[0].base, RH_SCRATCH_IPA);
	assert_int_equal(r->res.ripas[0].ripas, RSI_EMPTY);
	assert_int_equal(r->res.ripas[r->res.num_ripas - 1].ripas, RSI_RAM);
	assert_int_equal(r->res.ripas[r->res.num_ripas - 1].done,
			 RH_SCRATCH_IPA + RH_SCRATCH_SIZE);
	assert_true(r->res.demand_faults >= 1);
}

static void realm_smp__cpu_on_runs_rec1_until_cpu_off(void **state)
{
	struct rh_realm *r = run_payload("realm_smp.elf", 2);
	bool on = false, off = false, aff = false;

	(void)state;
	for (size_t i = 0; i < r->res.num_psci; i++) {
		const struct rh_psci_event *e = &r->res.psci[i];

		on = on || (PSCI_FN(e->fid) == 0x03U && e->caller == 0 && e->target == 1);
		off = off || (PSCI_FN(e->fid) == 0x02U && e->caller == 1);
		aff = aff || (PSCI_FN(e->fid) == 0x04U && e->caller == 0);
	}
	assert_true(on);
	assert_true(off);
	assert_true(aff);
	assert_non_null(strstr(r->res.console, "REC 1 running, arg 0x5ec0dd"));
}

/*
 * Each REC reads its own MPIDR_EL1 (0x80000000 | REC_CREATE mpidr): REC 1
 * on its own stack, and REC 1 started at the image entry takes the
 * secondary boot path and powers off (CPU_ON twice, CPU_OFF twice).
 */
static void realm_mpidr__each_rec_reads_its_own_mpidr(void **state)
{
	struct rh_realm *r = run_payload("realm_mpidr.elf", 2);
	const struct rh_report *rep = rh_find_report(&r->res, RH_KEY_MPIDR);
	unsigned on = 0, off = 0;

	(void)state;
	assert_non_null(rep);
	assert_int_equal(rep->count, 3);
	assert_int_equal(rep->vals[0], 0x80000000ULL);
	assert_int_equal(rep->vals[1], 0x80000000ULL | r->recs[1].mpidr);
	assert_int_equal(rep->vals[2], 0x80000000ULL | r->recs[1].mpidr);
	for (size_t i = 0; i < r->res.num_psci; i++) {
		const struct rh_psci_event *e = &r->res.psci[i];

		on += PSCI_FN(e->fid) == 0x03U && e->caller == 0 && e->target == 1 && e->status == 0;
		off += PSCI_FN(e->fid) == 0x02U && e->caller == 1;
	}
	assert_int_equal(on, 2);
	assert_int_equal(off, 2);
}

/*
 * The realm's own stage-1 faults (access flag, PXN fetch, address size,
 * translation) are taken at its VBAR_EL1 through REC_ENTER: the payload
 * checks each ESR/FAR and exits 0; none reaches the host as an exit.
 */
static void realm_s1fault__realm_takes_its_own_stage1_faults(void **state)
{
	struct rh_realm *r = run_payload("realm_s1fault.elf", 1);
	const struct rh_report *rep = rh_find_report(&r->res, RH_KEY_S1FAULT);

	(void)state;
	assert_non_null(rep);
	assert_int_equal(rep->count, 8);
	assert_int_equal(rep->vals[0] >> 26, 0x25);   /* data abort, same EL */
	assert_int_equal(rep->vals[0] & 0x3F, 0x0B);  /* access flag, level 3 */
	assert_int_equal(rep->vals[2] >> 26, 0x21);   /* instruction abort, same EL */
	assert_int_equal(rep->vals[2] & 0x3F, 0x0F);  /* permission, level 3 */
	assert_int_equal(rep->vals[4] & 0x3F, 0x03);  /* address size, level 3 */
	assert_int_equal(rep->vals[5] & 0x3F, 0x07);  /* translation, level 3 */
	assert_int_equal(rep->vals[7], 4);
	assert_int_equal(r->res.exits[RMI_EXIT_SYNC], 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest demo[] = {
		cmocka_unit_test_teardown(realm_demo__reports_config_measurements_and_token, cleanup),
#if defined(VERIFY_PY) && defined(RIM_PY) && defined(PYTHON3)
		cmocka_unit_test_teardown(realm_demo__token_passes_the_independent_verifier, cleanup),
#endif
	};
	const struct CMUnitTest mmio[] = { cmocka_unit_test_teardown(
		realm_mmio__device_reads_and_writes_are_emulated, cleanup) };
	const struct CMUnitTest ripas[] = { cmocka_unit_test_teardown(
		realm_ripas__empty_then_ram_then_populated_on_fault, cleanup) };
	const struct CMUnitTest smp[] = { cmocka_unit_test_teardown(
		realm_smp__cpu_on_runs_rec1_until_cpu_off, cleanup) };
	const struct CMUnitTest mpidr[] = { cmocka_unit_test_teardown(
		realm_mpidr__each_rec_reads_its_own_mpidr, cleanup) };
	const struct CMUnitTest s1fault[] = { cmocka_unit_test_teardown(
		realm_s1fault__realm_takes_its_own_stage1_faults, cleanup) };
	const char *which = argc > 1 ? argv[1] : "";

	if (strcmp(which, "demo") == 0)
		return cmocka_run_group_tests(demo, NULL, NULL);
	if (strcmp(which, "mmio") == 0)
		return cmocka_run_group_tests(mmio, NULL, NULL);
	if (strcmp(which, "ripas") == 0)
		return cmocka_run_group_tests(ripas, NULL, NULL);
	if (strcmp(which, "smp") == 0)
		return cmocka_run_group_tests(smp, NULL, NULL);
	if (strcmp(which, "mpidr") == 0)
		return cmocka_run_group_tests(mpidr, NULL, NULL);
	if (strcmp(which, "s1fault") == 0)
		return cmocka_run_group_tests(s1fault, NULL, NULL);
	fprintf(stderr, "usage: %s demo|mmio|ripas|smp|mpidr|s1fault\n", argv[0]);
	return 2;
}
