/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_host without realm execution: image parsing, building a realm from
 * the realm payloads with the RIM checked against scripts/rim.py (an
 * independent hashing path), the run loop against whatever REC_ENTER does
 * today, and a tear-down that returns every granule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "realm_host.h"
#include "realm_hostcall.h"
#include "rmm.h"

struct ctx {
	struct rh_realm r;
	void *img;
	size_t len;
};

static void *load(const char *name, size_t *len)
{
	char path[512];
	void *buf;

	snprintf(path, sizeof(path), "%s/%s", REALM_PAYLOAD_DIR, name);
	buf = rh_read_file(path, len);
	if (!buf)
		fail_msg("cannot read %s", path);
	return buf;
}

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	rh_fini(&c->r);
	free(c->img);
	free(c);
	return 0;
}

static void build(struct ctx *c, const char *name, const struct rh_config *cfg)
{
	c->img = load(name, &c->len);
	if (!rh_init(&c->r, NULL, cfg) || !rh_build(&c->r, c->img, c->len))
		fail_msg("%s: %s", name, c->r.res.error);
}

/* scripts/rim.py on the driver's measurement log: hex RIM into @hex. */
static void rim_from_script(struct rh_realm *r, char *hex, size_t hex_len)
{
	char path[] = "/tmp/rmmsim_realm_host_XXXXXX";
	const char *log = rh_measure_log(r);
	char cmd[1024];
	FILE *f, *p;
	int fd, rc;

	assert_non_null(log);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_true(fputs(log, f) >= 0);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof(cmd), "%s %s %s", PYTHON3, RIM_PY, path);
	p = popen(cmd, "r");
	assert_non_null(p);
	if (!fgets(hex, (int)hex_len, p))
		hex[0] = '\0';
	rc = pclose(p);
	unlink(path);
	hex[strcspn(hex, "\r\n")] = '\0';
	assert_int_equal(rc, 0);
}

static void expect_rim_matches_script(struct rh_realm *r, size_t hash_size)
{
	char want[160], got[160];
	uint8_t rim[64];

	assert_true(rmmsim_realm_measurement(r->sim, r->rd, 0, rim));
	for (size_t i = 0; i < hash_size; i++)
		snprintf(got + 2 * i, 3, "%02x", rim[i]);
	rim_from_script(r, want, sizeof(want));
	assert_string_equal(got, want);
}

static void realm_host_build__demo_elf_rim_matches_rim_py(void **state)
{
	struct ctx *c = *state;

	build(c, "realm_demo.elf", NULL);
	assert_int_equal(c->r.entry, RH_LOAD_IPA);
	expect_rim_matches_script(&c->r, 32);
	assert_true(rh_teardown(&c->r));
}

static void realm_host_build__sha512_rim_matches_rim_py(void **state)
{
	struct ctx *c = *state;
	struct rh_config cfg = { .hash_algo = RMI_HASH_SHA_512, .ipa_bits = 40 };

	build(c, "realm_mmio.elf", &cfg);
	/* w = 40: start level 1 with 2 concatenated roots (states.md §5). */
	assert_int_equal(c->r.num_root, 2);
	expect_rim_matches_script(&c->r, 64);
	assert_true(rh_teardown(&c->r));
}

static void realm_host_build__flat_image_populates_only_its_pages(void **state)
{
	struct ctx *c = *state;

	build(c, "realm_ripas.bin", NULL);
	assert_int_equal(c->r.entry, RH_LOAD_IPA);
	assert_int_equal(c->r.num_data, (c->len + GRANULE_SIZE - 1) / GRANULE_SIZE);
	assert_int_equal(rmmsim_granule_state(c->r.sim, c->r.data[0].pa), RMM_GRANULE_DATA);
	assert_true(rh_teardown(&c->r));
}

static void realm_host_build__smp_creates_every_rec(void **state)
{
	struct ctx *c = *state;
	struct rh_config cfg = { .num_recs = 2 };
	char msg[256];

	build(c, "realm_smp.elf", &cfg);
	assert_int_equal(c->r.num_recs, 2);
	for (unsigned i = 0; i < 2; i++)
		assert_int_equal(rmmsim_granule_state(c->r.sim, c->r.recs[i].pa), RMM_GRANULE_REC);
	assert_true(c->r.recs[0].on);
	assert_false(c->r.recs[1].on);
	expect_rim_matches_script(&c->r, 32);
	assert_true(rh_teardown(&c->r));
	assert_int_equal(rmmsim_granule_state(c->r.sim, c->r.rd), RMM_GRANULE_UNDELEGATED);
	if (!rmmsim_check_invariants(c->r.sim, msg, sizeof(msg)))
		fail_msg("invariants after teardown: %s", msg);
}

static void realm_host_build__fails_when_image_outside_realm_ram(void **state)
{
	struct ctx *c = *state;
	struct rh_config cfg = { .flat_load_ipa = RH_LOAD_IPA - GRANULE_SIZE };

	c->img = load("realm_demo.bin", &c->len);
	assert_true(rh_init(&c->r, NULL, &cfg));
	assert_false(rh_build(&c->r, c->img, c->len));
	assert_non_null(strstr(c->r.res.error, "outside realm RAM"));
	assert_true(rh_teardown(&c->r));
}

static void realm_host_image__rejects_truncated_and_foreign_elf(void **state)
{
	struct ctx *c = *state;
	struct rh_image img;
	char err[128];
	uint8_t *copy;

	c->img = load("realm_demo.elf", &c->len);
	assert_true(rh_image_parse(c->img, c->len, 0, &img, err, sizeof(err)));
	assert_true(img.num_seg >= 1);
	assert_int_equal(img.entry, RH_LOAD_IPA);
	/* Header only: the program headers lie outside the buffer. */
	assert_false(rh_image_parse(c->img, 64, 0, &img, err, sizeof(err)));
	copy = malloc(c->len);
	assert_non_null(copy);
	memcpy(copy, c->img, c->len);
	copy[18] = 62; /* e_machine = EM_X86_64 */
	assert_false(rh_image_parse(copy, c->len, 0, &img, err, sizeof(err)));
	assert_non_null(strstr(err, "AArch64"));
	free(copy);
}

/*
 * Until REC_ENTER runs realm code it reports RMI_EXIT_IRQ without progress:
 * the loop re-enters and gives up after max_idle_exits. Once the realm runs,
 * the demo powers itself off instead; both are accepted, anything else not.
 */
static void realm_host_run__stops_on_idle_irq_or_system_off(void **state)
{
	struct ctx *c = *state;
	struct rh_config cfg = { .max_idle_exits = 16 };
	enum rh_stop stop;

	build(c, "realm_demo.elf", &cfg);
	stop = rh_run(&c->r);
	if (stop == RH_STOP_NO_PROGRESS) {
		assert_int_equal(c->r.res.exits[RMI_EXIT_IRQ], 16);
		assert_int_equal(c->r.res.rec_enters, 16);
	} else {
		assert_int_equal(stop, RH_STOP_SYSTEM_OFF);
		assert_true(c->r.res.exited);
	}
	assert_true(rh_teardown(&c->r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(realm_host_build__demo_elf_rim_matches_rim_py,
						setup, teardown),
		cmocka_unit_test_setup_teardown(realm_host_build__sha512_rim_matches_rim_py,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			realm_host_build__flat_image_populates_only_its_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(realm_host_build__smp_creates_every_rec, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			realm_host_build__fails_when_image_outside_realm_ram, setup, teardown),
		cmocka_unit_test_setup_teardown(
			realm_host_image__rejects_truncated_and_foreign_elf, setup, teardown),
		cmocka_unit_test_setup_teardown(realm_host_run__stops_on_idle_irq_or_system_off,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
