/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm payloads run end to end by realm_host speaking RMI 2.0
 * (rh_config.rmi_abi = 2; the native form of tests/payloads/linux_v2.c):
 * host start, range delegation, REC create/destroy through the SRO,
 * DATA_MAP on faults, DATA_UNMAP and TERMINATE at teardown, every granule
 * back to NS. The demo realm's token must have the RMI 2.0 profile
 * "realm#2.0.0" (den0137-2.0 rsi.md §5) and pass both verifiers
 * (sim/src/token, and scripts/verify_token.py --profile 2.0 with the RIM
 * computed independently by scripts/rim.py). argv[1] = demo | ripas | smp.
 */
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
#include "rmm.h"
#include "token_check.h"

static struct rh_realm realm;
static void *image;

static struct rh_realm *run_v2(const char *name, unsigned num_recs)
{
	struct rh_config cfg = { .num_recs = num_recs, .console_echo = stderr, .rmi_abi = 2 };
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
		fail_msg("%s stopped with %s: %s", name, rh_stop_name(stop), realm.res.error);
	assert_true(realm.res.exited);
	assert_int_equal(realm.res.exit_status, 0);
	return &realm;
}

/* Tear-down through 2.0 leaves every granule the realm used UNDELEGATED (rh_teardown checks). */
static void teardown_v2(struct rh_realm *r)
{
	if (!rh_teardown(r))
		fail_msg("2.0 teardown: %s", r->res.error);
}

static int cleanup(void **state)
{
	(void)state;
	rh_fini(&realm);
	free(image);
	image = NULL;
	return 0;
}

static void realm_v2_smp__cpu_on_completed_and_torn_down(void **state)
{
	struct rh_realm *r = run_v2("realm_smp.elf", 2);

	(void)state;
	assert_true(r->res.num_psci >= 1);
	assert_int_equal(r->num_aux, 16); /* REC_CREATE asked for 16 aux granules */
	teardown_v2(r);
}

static void realm_v2_ripas__ripas_changes_and_fault_mapped(void **state)
{
	struct rh_realm *r = run_v2("realm_ripas.elf", 1);

	(void)state;
	assert_true(r->res.num_ripas >= 2);
	assert_true(r->res.demand_faults >= 1);
	teardown_v2(r);
}

#if defined(VERIFY_PY) && defined(RIM_PY) && defined(PYTHON3)
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
#endif

static void realm_v2_demo__token_has_the_2_0_profile(void **state)
{
	struct rh_realm *r = run_v2("realm_demo.elf", 1);
	const struct rh_report *ver = rh_find_report(&r->res, RH_KEY_RSI_VERSION);
	struct token_claims c;
	char err[256];

	(void)state;
	/* RSI of a 2.0 realm (rsi.md §1): 1.0 accepted, highest 1.1. */
	assert_non_null(ver);
	assert_int_equal(ver->vals[0], 0);
	assert_int_equal(ver->vals[1], 0x10000);
	assert_int_equal(ver->vals[2], 0x10001);
	assert_true(r->res.token_len > 0);
	assert_int_equal(r->res.token_len, r->res.token_total);
	if (token_check(r->res.token, r->res.token_len, &c, err, sizeof(err)) != 0)
		fail_msg("token_check: %s", err);
	assert_true(c.v2);
	assert_string_equal(c.profile, "tag:arm.com,2024:realm#2.0.0");
	assert_int_equal(c.instance_id[0], 0x01);
	assert_int_equal(c.mec_policy, 0);
#if defined(VERIFY_PY) && defined(RIM_PY) && defined(PYTHON3)
	{
		char dir[] = "/tmp/rmmsim_v2token_XXXXXX";
		char tok[256], mlog[256], cmd[4096], rim[160], line[512];
		const char *log = rh_measure_log(r);

		assert_non_null(mkdtemp(dir));
		snprintf(tok, sizeof(tok), "%s/token.cbor", dir);
		snprintf(mlog, sizeof(mlog), "%s/measure.json", dir);
		write_file(tok, r->res.token, r->res.token_len);
		assert_non_null(log);
		write_file(mlog, log, strlen(log));
		snprintf(cmd, sizeof(cmd), "%s %s %s", PYTHON3, RIM_PY, mlog);
		assert_int_equal(run_cmd(cmd, rim, sizeof(rim)), 0);
		snprintf(cmd, sizeof(cmd), "%s %s %s --profile 2.0 --rim %s 2>&1", PYTHON3, VERIFY_PY,
			 tok, rim);
		if (run_cmd(cmd, line, sizeof(line)) != 0)
			fail_msg("verify_token.py --profile 2.0: %s", line);
		/* The same token is not a 1.0 one. */
		snprintf(cmd, sizeof(cmd), "%s %s %s --profile 1.0 2>&1", PYTHON3, VERIFY_PY, tok);
		assert_int_equal(run_cmd(cmd, line, sizeof(line)), 3);
		unlink(tok);
		unlink(mlog);
		rmdir(dir);
	}
#endif
	teardown_v2(r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest demo[] = {
		cmocka_unit_test_teardown(realm_v2_demo__token_has_the_2_0_profile, cleanup),
	};
	const struct CMUnitTest ripas[] = {
		cmocka_unit_test_teardown(realm_v2_ripas__ripas_changes_and_fault_mapped, cleanup),
	};
	const struct CMUnitTest smp[] = {
		cmocka_unit_test_teardown(realm_v2_smp__cpu_on_completed_and_torn_down, cleanup),
	};
	const char *which = argc > 1 ? argv[1] : "";

	if (strcmp(which, "demo") == 0)
		return cmocka_run_group_tests(demo, NULL, NULL);
	if (strcmp(which, "ripas") == 0)
		return cmocka_run_group_tests(ripas, NULL, NULL);
	if (strcmp(which, "smp") == 0)
		return cmocka_run_group_tests(smp, NULL, NULL);
	fprintf(stderr, "usage: %s demo|ripas|smp\n", argv[0]);
	return 2;
}
