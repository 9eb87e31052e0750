/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 through the whole platform (native API, rmmsim.h): the ABI
 * selection from options and the device tree, the 2.0 boot through EL3,
 * range delegation with the GPC faulting the host's accesses, GPT L1
 * creation on EL3's GPT (docs/rmi-2.0.md).
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

#include "gpt.h"
#include "rmmsim.h"

#define FID(n) (0xC4000000ULL | (n))
#define ERR_LEN 512
#define PA 0x88000000ULL

static struct smc_regs rmi(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2)
{
	struct smc_regs r = { .x = { fid, a1, a2 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
	return r;
}

static struct rmmsim *create(const char *abi, const char *dts_body, char *err)
{
	char path[] = "/tmp/rmmsim-v2-XXXXXX.dts";
	struct rmmsim_options opt = { .rmi_abi = abi };
	struct rmmsim *sim;

	if (dts_body != NULL) {
		int fd = mkstemps(path, 4);
		FILE *f;

		assert_true(fd >= 0);
		f = fdopen(fd, "w");
		assert_non_null(f);
		fprintf(f, "/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n"
			   "memory@80000000 { device_type = \"memory\"; "
			   "reg = <0x0 0x80000000 0x0 0x10000000>; };\n%s\n};\n",
			dts_body);
		fclose(f);
		opt.platform_path = path;
	}
	sim = rmmsim_create(&opt, err, ERR_LEN);
	if (dts_body != NULL) {
		unlink(path);
	}
	return sim;
}

static void abi__default_platform_speaks_both(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim = create(NULL, NULL, err);
	struct smc_regs r;

	(void)state;
	assert_non_null(sim);
	r = rmi(sim, FID(0x150), 0x10000, 0);
	assert_int_equal(r.x[0], 0);
	assert_int_equal(r.x[2], 0x20000);
	assert_int_equal(rmi(sim, FID(0x150), 0x20000, 0).x[0], 0);
	rmmsim_destroy(sim);
}

static void abi__option_forces_one_zero(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim = create("1.0", NULL, err);
	struct smc_regs r;

	(void)state;
	assert_non_null(sim);
	r = rmi(sim, FID(0x150), 0x20000, 0);
	assert_int_equal(r.x[0], 1);
	assert_int_equal(r.x[2], 0x10000);
	rmmsim_destroy(sim);
}

static void abi__bad_option_is_refused_with_a_message(void **state)
{
	char err[ERR_LEN];

	(void)state;
	assert_null(create("3.0", NULL, err));
	assert_non_null(strstr(err, "3.0"));
}

static void abi__device_tree_property_forces_two_zero(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim = create(NULL, "rmmsim { rmi-abi = \"2.0\"; };", err);

	(void)state;
	assert_non_null(sim);
	/* 2.0 without any VERSION call: RMM_ACTIVATE is known (and the RMM is in INIT). */
	assert_int_equal(rmi(sim, FID(0x202), 0, 0).x[0], 0);
	rmmsim_destroy(sim);
	assert_null(create(NULL, "rmmsim { rmi-abi = \"1.5\"; };", err));
	assert_non_null(strstr(err, "rmi-abi"));
}

static void boot__range_delegation_makes_memory_realm_and_faults_the_host(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim = create("2.0", NULL, err);
	uint64_t cfg[2] = { 0, 0 };
	struct smc_regs r;
	uint8_t b;

	(void)state;
	assert_non_null(sim);
	assert_true(rmmsim_ns_write(sim, PA + 0x100000, cfg, sizeof(cfg)));
	/* Not active yet: the gate. */
	assert_int_equal(rmi(sim, FID(0x1F1), PA, PA + 0x4000).x[0], 11);
	assert_int_equal(rmi(sim, FID(0x16E), PA + 0x100000, 0).x[0], 0);
	assert_int_equal(rmi(sim, FID(0x202), 0, 0).x[0], 0);
	r = rmi(sim, FID(0x1E1), PA, PA + 0x4000);
	assert_int_equal(r.x[0], 0);
	assert_int_equal(r.x[2], 2); /* FINE */
	r = rmi(sim, FID(0x211), PA, PA + 0x4000);
	assert_int_equal(r.x[2], 1); /* PLAT */
	r = rmi(sim, FID(0x1F1), PA, PA + 0x4000);
	assert_int_equal(r.x[0], 0);
	assert_int_equal(r.x[1], PA + 0x4000);
	assert_int_equal(rmmsim_pas(sim, PA + 0x3000), GPT_GPI_REALM);
	assert_false(rmmsim_ns_read(sim, PA + 0x3000, &b, 1));
	r = rmi(sim, FID(0x1F2), PA, PA + 0x4000);
	assert_int_equal(r.x[0], 0);
	assert_true(rmmsim_ns_read(sim, PA + 0x3000, &b, 1));
	rmmsim_destroy(sim);
}

static void gpt__l1_create_on_an_untouched_region_then_error_gpt(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim = create("2.0", NULL, err);
	uint64_t cfg[2] = { 0, 0 };

	(void)state;
	assert_non_null(sim);
	assert_true(rmmsim_ns_write(sim, PA, cfg, sizeof(cfg)));
	assert_int_equal(rmi(sim, FID(0x16E), PA, 0).x[0], 0);
	assert_int_equal(rmi(sim, FID(0x202), 0, 0).x[0], 0);
	/* 0xC0000000..: a 1 GiB region of the FVP map nobody has split. */
	assert_int_equal(rmi(sim, FID(0x1F3), 0xC0000000ULL, 0).x[0], 0);
	assert_int_equal(rmi(sim, FID(0x1F3), 0xC0000000ULL, 0).x[0], 15);
	assert_int_equal(rmi(sim, FID(0x1F3), 0xC0001000ULL, 0).x[0], 1);
	assert_int_equal(rmi(sim, FID(0x1F4), 0xC0000000ULL, 0).x[0], 0);
	rmmsim_destroy(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(abi__default_platform_speaks_both),
		cmocka_unit_test(abi__option_forces_one_zero),
		cmocka_unit_test(abi__bad_option_is_refused_with_a_message),
		cmocka_unit_test(abi__device_tree_property_forces_two_zero),
		cmocka_unit_test(boot__range_delegation_makes_memory_realm_and_faults_the_host),
		cmocka_unit_test(gpt__l1_create_on_an_untouched_region_then_error_gpt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
