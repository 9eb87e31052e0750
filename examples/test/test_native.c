/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A cmocka test of native RMI calls against the installed librmmsim: no
 * CPU emulation, each SMC goes straight to the simulated EL3 and RMM. The
 * kind of test a user writes for their own RMI-calling code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <rmmsim/den0137_abi.h>
#include <rmmsim/rmmsim.h>

static struct rmmsim *sim;
static pa_t granule;

static int setup(void **state)
{
	struct rmmsim_options opt = { 0 };
	struct rmmsim_region bank;
	char err[256];

	sim = rmmsim_create(&opt, err, sizeof(err));
	if (sim == NULL || rmmsim_dram_banks(sim, &bank, 1) == 0)
		return -1;
	granule = bank.base + 0x8000000; /* 128 MiB into the first bank */
	return 0;
}

static int teardown(void **state)
{
	rmmsim_destroy(sim);
	return 0;
}

static uint64_t rmi(uint64_t fid, uint64_t a1, struct smc_regs *out)
{
	struct smc_regs r = { .x = { fid, a1 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
	if (out != NULL)
		*out = r;
	return r.x[0];
}

static void rmi_version__accepts_1_0(void **state)
{
	struct smc_regs r;

	assert_int_equal(rmi(RMI_VERSION_FID, RMI_ABI_VERSION, &r), RMI_SUCCESS);
	assert_int_equal(r.x[1], RMI_ABI_VERSION);
}

static void granule_delegate__moves_the_granule_out_of_ns_reach(void **state)
{
	uint8_t b = 0;

	assert_true(rmmsim_ns_read(sim, granule, &b, 1));
	assert_int_equal(rmi(RMI_GRANULE_DELEGATE_FID, granule, NULL), RMI_SUCCESS);
	assert_string_equal(rmmsim_granule_state_name(rmmsim_granule_state(sim, granule)),
			    "DELEGATED");
	assert_false(rmmsim_ns_read(sim, granule, &b, 1));
	/* A second delegation of the same granule is refused (gran_state). */
	assert_int_equal(rmi(RMI_GRANULE_DELEGATE_FID, granule, NULL) & 0xFF, RMI_ERROR_INPUT);
	assert_int_equal(rmi(RMI_GRANULE_UNDELEGATE_FID, granule, NULL), RMI_SUCCESS);
	assert_true(rmmsim_ns_read(sim, granule, &b, 1));
}

static void granule_delegate__refuses_an_unaligned_address(void **state)
{
	assert_int_equal(rmi(RMI_GRANULE_DELEGATE_FID, granule + 8, NULL) & 0xFF,
			 RMI_ERROR_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rmi_version__accepts_1_0),
		cmocka_unit_test(granule_delegate__moves_the_granule_out_of_ns_reach),
		cmocka_unit_test(granule_delegate__refuses_an_unaligned_address),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
