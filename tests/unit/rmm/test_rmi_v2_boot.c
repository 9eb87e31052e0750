/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 boot path: ABI negotiation, the global-state gate, FEATURES,
 * RMM_CONFIG_SET/GET, RMM_ACTIVATE/DEACTIVATE, RMM_STATE_GET,
 * GRANULE_TRACKING_GET/SET, GPT_L1_CREATE/DESTROY, GPT_INFO and range
 * delegation (den0137-2.0 abi.md, commands.md, states.md §1-§3).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "rmi_v2_util.h"

static int teardown(void **state)
{
	fake_destroy(*state);
	return 0;
}

/* ------------------------------------------------------------ negotiation */

static void version__one_zero_rmm_refuses_two_zero_and_stays_one_zero(void **state)
{
	struct fake_plat *f = fake_create_abi(fake_feat_reg0(), RMM_RMI_ABI_1_0);
	struct smc_regs r = fake_smc(f, RMI2_VERSION, RMI2_ABI_VERSION_2_0, 0, 0, 0, 0, 0);

	(void)state;
	assert_int_equal(r.x[0], V2_INPUT);
	assert_int_equal(r.x[1], RMI2_ABI_VERSION_1_0);
	assert_int_equal(r.x[2], RMI2_ABI_VERSION_1_0);
	/* The 1.0 GRANULE_DELEGATE still answers. */
	assert_int_equal(fake_rmi(f, RMI_GRANULE_DELEGATE_FID, fake_alloc(f), 0, 0, 0, 0, 0), V2_OK);
	fake_destroy(f);
}

static void version__both_accepts_one_and_two_reporting_two_as_highest(void **state)
{
	struct fake_plat *f = fake_create_abi(fake_feat_reg0(), RMM_RMI_ABI_BOTH);
	struct smc_regs r;

	(void)state;
	/* No VERSION yet: 1.0 commands work and 2.0-only FIDs are unknown. */
	assert_int_equal(rmm_rmi_abi_selected(f->rmm), RMI2_ABI_VERSION_1_0);
	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), (uint64_t)-1);
	r = fake_smc(f, RMI2_VERSION, RMI2_ABI_VERSION_1_0, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_OK);
	assert_int_equal(r.x[1], RMI2_ABI_VERSION_1_0);
	assert_int_equal(r.x[2], RMI2_ABI_VERSION_2_0);
	r = fake_smc(f, RMI2_VERSION, RMI2_ABI_VERSION_2_0, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_OK);
	assert_int_equal(r.x[1], RMI2_ABI_VERSION_2_0);
	assert_int_equal(rmm_rmi_abi_selected(f->rmm), RMI2_ABI_VERSION_2_0);
	/* 2.0 now: the 1.0 GRANULE_DELEGATE is gone (SMC_UNKNOWN). */
	assert_int_equal(fake_rmi(f, RMI_GRANULE_DELEGATE_FID, fake_alloc(f), 0, 0, 0, 0, 0),
			 (uint64_t)-1);
	fake_destroy(f);
}

static void version__both_refuses_other_versions_with_lowest_and_highest(void **state)
{
	struct fake_plat *f = fake_create_abi(fake_feat_reg0(), RMM_RMI_ABI_BOTH);
	struct smc_regs r = fake_smc(f, RMI2_VERSION, 0x30000, 0, 0, 0, 0, 0);

	(void)state;
	assert_int_equal(r.x[0], V2_INPUT);
	assert_int_equal(r.x[1], RMI2_ABI_VERSION_1_0);
	assert_int_equal(r.x[2], RMI2_ABI_VERSION_2_0);
	assert_int_equal(rmm_rmi_abi_selected(f->rmm), RMI2_ABI_VERSION_1_0);
	fake_destroy(f);
}

static void version__two_zero_only_rmm_starts_in_two_zero_and_refuses_one_zero(void **state)
{
	struct fake_plat *f = fake_create_abi(fake_feat_reg0(), RMM_RMI_ABI_2_0);
	struct smc_regs r;

	(void)state;
	assert_int_equal(rmm_rmi_abi_selected(f->rmm), RMI2_ABI_VERSION_2_0);
	r = fake_smc(f, RMI2_VERSION, RMI2_ABI_VERSION_1_0, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_INPUT);
	assert_int_equal(r.x[1], RMI2_ABI_VERSION_2_0);
	assert_int_equal(r.x[2], RMI2_ABI_VERSION_2_0);
	fake_destroy(f);
}

static void abi_parse__accepts_the_three_names_only(void **state)
{
	enum rmm_rmi_abi a;

	(void)state;
	assert_true(rmm_rmi_abi_parse("1.0", &a) && a == RMM_RMI_ABI_1_0);
	assert_true(rmm_rmi_abi_parse("2.0", &a) && a == RMM_RMI_ABI_2_0);
	assert_true(rmm_rmi_abi_parse("both", &a) && a == RMM_RMI_ABI_BOTH);
	assert_false(rmm_rmi_abi_parse("1.1", &a));
	assert_false(rmm_rmi_abi_parse("", &a));
}

/* ------------------------------------------------------------------ gate */

static void gate__init_refuses_realm_commands_with_error_global(void **state)
{
	struct fake_plat *f = *state;
	pa_t pa = fake_alloc(f);

	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, pa, pa + GRANULE_SIZE, 0, 0, 0,
				  0),
			 V2_ST(RMI2_ERROR_GLOBAL, 0));
	assert_int_equal(fake_state(f, pa), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(fake_rmi(f, RMI2_REALM_CREATE, 0, 0, 0, 0, 0, 0),
			 V2_ST(RMI2_ERROR_GLOBAL, 0));
	/* Ungated ones answer in INIT. */
	assert_int_equal(fake_rmi(f, RMI2_FEATURES, 0, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_TRACKING_GET, FAKE_BANK0_BASE,
				  FAKE_BANK0_BASE + GRANULE_SIZE, 0, 0, 0, 0),
			 V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_GET, fake_alloc(f), 0, 0, 0, 0, 0), V2_OK);
}

static void gate__active_refuses_config_set_and_activate(void **state)
{
	struct fake_plat *f = *state;

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0),
			 V2_ST(RMI2_ERROR_GLOBAL, 0));
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_SET, fake_alloc(f), 0, 0, 0, 0, 0),
			 V2_ST(RMI2_ERROR_GLOBAL, 0));
}

static void state_get__reports_init_then_active_and_deactivate_goes_back(void **state)
{
	struct fake_plat *f = *state;

	assert_int_equal(fake_smc(f, RMI2_RMM_STATE_GET, 0, 0, 0, 0, 0, 0).x[1], RMM_V2_INIT);
	assert_int_equal(fake_rmi(f, RMI2_RMM_DEACTIVATE, 0, 0, 0, 0, 0, 0),
			 V2_ST(RMI2_ERROR_GLOBAL, 0));
	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_smc(f, RMI2_RMM_STATE_GET, 0, 0, 0, 0, 0, 0).x[1], RMM_V2_ACTIVE);
	assert_int_equal(fake_rmi(f, RMI2_RMM_DEACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_smc(f, RMI2_RMM_STATE_GET, 0, 0, 0, 0, 0, 0).x[1], RMM_V2_INIT);
}

static void unimplemented__da_planes_smmu_mec_fids_answer_not_supported(void **state)
{
	struct fake_plat *f = *state;
	const uint64_t fids[] = { RMI2_FID(0x176), RMI2_FID(0x16A), RMI2_FID(0x17D),
				  RMI2_FID(0x1D7), RMI2_FID(0x1F7), RMI2_FID(0x18B) };

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		assert_int_equal(fake_rmi(f, fids[i], 0, 0, 0, 0, 0, 0),
				 V2_ST(RMI2_ERROR_NOT_SUPPORTED, 0));
	}
	/* Removed 1.0 numbers and holes are SMC_UNKNOWN. */
	assert_int_equal(fake_rmi(f, RMI2_FID(0x151), 0, 0, 0, 0, 0, 0), (uint64_t)-1);
	assert_int_equal(fake_rmi(f, RMI2_FID(0x167), 0, 0, 0, 0, 0, 0), (uint64_t)-1);
	assert_int_equal(fake_rmi(f, RMI2_FID(0x212), 0, 0, 0, 0, 0, 0), (uint64_t)-1);
}

/* -------------------------------------------------------------- FEATURES */

static void features__registers_zero_to_four_follow_the_two_zero_layout(void **state)
{
	struct fake_plat *f = *state;
	uint64_t r0 = fake_smc(f, RMI2_FEATURES, 0, 0, 0, 0, 0, 0).x[1];
	uint64_t r1 = fake_smc(f, RMI2_FEATURES, 1, 0, 0, 0, 0, 0).x[1];

	assert_int_equal(r0 & 0xFF, 48);
	assert_int_equal(r0 >> 32, 0); /* hash bits moved to register 1 */
	assert_int_equal(r1 & 7U, 1U); /* 4 KB granule only */
	assert_int_equal((r1 >> 3) & 1U, 1U); /* SHA-256 */
	assert_int_equal((r1 >> 5) & 1U, 1U); /* SHA-512 */
	assert_int_equal((r1 >> 6) & 0xFU, FAKE_FEAT_MAX_RECS_ORDER);
	assert_int_equal((r1 >> 10) & 0xFU, 0U); /* L0GPTSZ 30 bits */
	assert_int_equal((r1 >> 14) & 7U, 5U);   /* PPS 48 bits */
	assert_int_equal(fake_smc(f, RMI2_FEATURES, 2, 0, 0, 0, 0, 0).x[1], 0);
	assert_int_equal(fake_smc(f, RMI2_FEATURES, 3, 0, 0, 0, 0, 0).x[1], 2ULL << 4);
	assert_int_equal(fake_smc(f, RMI2_FEATURES, 4, 0, 0, 0, 0, 0).x[1], 0);
	assert_int_equal(fake_smc(f, RMI2_FEATURES, 5, 0, 0, 0, 0, 0).x[1], 0);
}

/* ---------------------------------------------------------- CONFIG_SET/GET */

static void config_set__fails_input_in_order_then_succeeds(void **state)
{
	struct fake_plat *f = *state;
	pa_t cfg = fake_alloc(f);
	uint64_t bad[2] = { 0, 1 }; /* 16 KB granule */

	/* 1 config_ptr 0 or unaligned */
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_SET, 0, 0, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_SET, cfg + 8, 0, 0, 0, 0, 0), V2_INPUT);
	/* 2-3 not NS */
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_SET, FAKE_SECURE_BASE, 0, 0, 0, 0, 0),
			 V2_INPUT);
	/* 4 unsupported granule / tracking size */
	assert_true(fake_ns_write(f, cfg, bad, sizeof(bad)));
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_SET, cfg, 0, 0, 0, 0, 0), V2_INPUT);
	bad[0] = 1;
	bad[1] = 0;
	assert_true(fake_ns_write(f, cfg, bad, sizeof(bad)));
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_SET, cfg, 0, 0, 0, 0, 0), V2_INPUT);
	bad[0] = 0;
	assert_true(fake_ns_write(f, cfg, bad, sizeof(bad)));
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_SET, cfg, 0, 0, 0, 0, 0), V2_OK);
}

static void config_get__writes_the_configuration_to_ns_memory(void **state)
{
	struct fake_plat *f = *state;
	pa_t cfg = fake_alloc(f);
	uint64_t v[2] = { ~0ULL, ~0ULL };

	assert_true(fake_ns_write(f, cfg, v, sizeof(v)));
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_GET, cfg + 1, 0, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_GET, cfg, 0, 0, 0, 0, 0), V2_OK);
	assert_true(fake_ns_read(f, cfg, v, sizeof(v)));
	assert_int_equal(v[0], 0);
	assert_int_equal(v[1], 0);
}

/* ---------------------------------------------------------------- tracking */

static void tracking_get__reports_fine_for_dram_none_elsewhere_with_real_tops(void **state)
{
	struct fake_plat *f = *state;
	struct smc_regs r;

	r = fake_smc(f, RMI2_GRANULE_TRACKING_GET, FAKE_BANK0_BASE, FAKE_BANK1_BASE + 0x1000, 0, 0,
		     0, 0);
	assert_int_equal(r.x[0], V2_OK);
	assert_int_equal(r.x[1], 0); /* CONVENTIONAL */
	assert_int_equal(r.x[2], 2); /* FINE */
	assert_int_equal(r.x[3], FAKE_BANK0_BASE + FAKE_BANK_SIZE);
	r = fake_smc(f, RMI2_GRANULE_TRACKING_GET, r.x[3], FAKE_BANK1_BASE + 0x1000, 0, 0, 0, 0);
	assert_int_equal(r.x[2], 1); /* NONE: the hole between the banks */
	assert_int_equal(r.x[3], FAKE_BANK1_BASE);
}

static void tracking_get__fails_input_for_bad_ranges(void **state)
{
	struct fake_plat *f = *state;

	assert_int_equal(fake_rmi(f, RMI2_GRANULE_TRACKING_GET, FAKE_BANK0_BASE + 0x1000,
				  FAKE_BANK0_BASE, 0, 0, 0, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_TRACKING_GET, FAKE_BANK0_BASE,
				  FAKE_BANK0_BASE + 0x800, 0, 0, 0, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_TRACKING_GET, FAKE_BANK0_BASE + 8,
				  FAKE_BANK0_BASE + 0x2000, 0, 0, 0, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_TRACKING_GET, 0, 1ULL << 49, 0, 0, 0, 0),
			 V2_INPUT);
}

static void tracking_set__accepts_fine_on_dram_only(void **state)
{
	struct fake_plat *f = *state;

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_TRACKING_SET, FAKE_BANK0_BASE,
				  FAKE_BANK0_BASE + 0x10000, 2, 0, 0, 0),
			 V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_TRACKING_SET, FAKE_BANK0_BASE,
				  FAKE_BANK0_BASE + 0x10000, 3, 0, 0, 0),
			 V2_ST(RMI2_ERROR_TRACKING, 0));
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_TRACKING_SET, FAKE_MMIO_BASE,
				  FAKE_MMIO_BASE + 0x1000, 2, 0, 0, 0),
			 V2_ST(RMI2_ERROR_TRACKING, 0));
}

/* --------------------------------------------------------------------- GPT */

static void gpt_l1_create__splits_a_block_then_reports_error_gpt(void **state)
{
	struct fake_plat *f = *state;
	const pa_t region = 0x40000000ULL; /* 1 GiB, no granule delegated there */

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(gpt_l1_is_table(f->gpt, region), 0);
	assert_int_equal(fake_rmi(f, RMI2_GPT_L1_CREATE, region + 0x1000, 0, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_GPT_L1_CREATE, region, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(gpt_l1_is_table(f->gpt, region), 1);
	assert_int_equal(fake_rmi(f, RMI2_GPT_L1_CREATE, region, 0, 0, 0, 0, 0),
			 V2_ST(RMI2_ERROR_GPT, 0));
	/* Same GPI everywhere: the table folds back. */
	assert_int_equal(fake_rmi(f, RMI2_GPT_L1_DESTROY, region, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(gpt_l1_is_table(f->gpt, region), 0);
	assert_int_equal(fake_rmi(f, RMI2_GPT_L1_DESTROY, region, 0, 0, 0, 0, 0),
			 V2_ST(RMI2_ERROR_GPT, 0));
}

static void gpt_l1_destroy__refuses_a_region_with_delegated_granules(void **state)
{
	struct fake_plat *f = *state;
	const pa_t region = 0x80000000ULL;
	pa_t pa;

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	pa = fake_alloc(f);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, pa, pa + GRANULE_SIZE, 0, 0, 0, 0),
			 V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_GPT_L1_DESTROY, region, 0, 0, 0, 0, 0),
			 V2_ST(RMI2_ERROR_GPT, 0));
	assert_int_equal(fake_gpi(f, pa), GPT_GPI_REALM);
}

static void gpt_info__reports_platform_managed_up_to_the_region_end(void **state)
{
	struct fake_plat *f = *state;
	struct smc_regs r;

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	r = fake_smc(f, RMI2_GPT_INFO, 0x80000000ULL, 0x100000000ULL + 0x1000, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_OK);
	assert_int_equal(r.x[1], 0xC0000000ULL);
	assert_int_equal(r.x[2], 1); /* RMI_GPT_PAR_PLAT */
}

/* ------------------------------------------------------- range delegation */

static void range_delegate__moves_the_whole_range_and_gpfs_it(void **state)
{
	struct fake_plat *f = *state;
	pa_t base = FAKE_BANK1_BASE;
	struct smc_regs r;
	uint8_t b;

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	r = fake_smc(f, RMI2_GRANULE_RANGE_DELEGATE, base, base + 8 * GRANULE_SIZE, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_OK);
	assert_int_equal(r.x[1], base + 8 * GRANULE_SIZE);
	for (unsigned i = 0; i < 8; i++) {
		assert_int_equal(fake_state(f, base + i * GRANULE_SIZE), RMM_GRANULE_DELEGATED);
		assert_int_equal(fake_gpi(f, base + i * GRANULE_SIZE), GPT_GPI_REALM);
	}
	/* The host's access to delegated memory fails the GPC. */
	assert_false(fake_ns_read(f, base, &b, 1));
	r = fake_smc(f, RMI2_GRANULE_RANGE_UNDELEGATE, base, base + 8 * GRANULE_SIZE, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_OK);
	assert_int_equal(r.x[1], base + 8 * GRANULE_SIZE);
	assert_int_equal(fake_gpi(f, base), GPT_GPI_NS);
	assert_true(fake_invariants_hold(f));
}

static void range_delegate__stops_at_the_first_failing_granule_with_partial_progress(
	void **state)
{
	struct fake_plat *f = *state;
	pa_t base = FAKE_BANK1_BASE + 0x10000;
	struct smc_regs r;

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, base + 2 * GRANULE_SIZE,
				  base + 3 * GRANULE_SIZE, 0, 0, 0, 0),
			 V2_OK);
	r = fake_smc(f, RMI2_GRANULE_RANGE_DELEGATE, base, base + 4 * GRANULE_SIZE, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_OK);
	assert_int_equal(r.x[1], base + 2 * GRANULE_SIZE);
	/* Re-issued from X1: the first granule fails, so ERROR_INPUT with X1 = base. */
	r = fake_smc(f, RMI2_GRANULE_RANGE_DELEGATE, r.x[1], base + 4 * GRANULE_SIZE, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_INPUT);
	assert_int_equal(r.x[1], base + 2 * GRANULE_SIZE);
	assert_int_equal(fake_state(f, base + 3 * GRANULE_SIZE), RMM_GRANULE_UNDELEGATED);
}

static void range_delegate__caps_one_call_at_512_granules(void **state)
{
	struct fake_plat *f = *state;
	pa_t base = FAKE_BANK1_BASE + 0x100000;
	struct smc_regs r;

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	r = fake_smc(f, RMI2_GRANULE_RANGE_DELEGATE, base, base + 600 * GRANULE_SIZE, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_OK);
	assert_int_equal(r.x[1], base + 512 * GRANULE_SIZE);
}

static void range_delegate__fails_input_for_misaligned_or_empty_ranges(void **state)
{
	struct fake_plat *f = *state;
	pa_t base = FAKE_BANK1_BASE;
	struct smc_regs r;

	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	r = fake_smc(f, RMI2_GRANULE_RANGE_DELEGATE, base + 8, base + GRANULE_SIZE, 0, 0, 0, 0);
	assert_int_equal(r.x[0], V2_INPUT);
	assert_int_equal(r.x[1], base + 8);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, base, base, 0, 0, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, base, base + 0x800, 0, 0, 0, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_UNDELEGATE, base, base + GRANULE_SIZE, 0, 0,
				  0, 0),
			 V2_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(version__one_zero_rmm_refuses_two_zero_and_stays_one_zero),
		cmocka_unit_test(version__both_accepts_one_and_two_reporting_two_as_highest),
		cmocka_unit_test(version__both_refuses_other_versions_with_lowest_and_highest),
		cmocka_unit_test(version__two_zero_only_rmm_starts_in_two_zero_and_refuses_one_zero),
		cmocka_unit_test(abi_parse__accepts_the_three_names_only),
#define T(fn) cmocka_unit_test_setup_teardown(fn, v2_setup, teardown)
		T(gate__init_refuses_realm_commands_with_error_global),
		T(gate__active_refuses_config_set_and_activate),
		T(state_get__reports_init_then_active_and_deactivate_goes_back),
		T(unimplemented__da_planes_smmu_mec_fids_answer_not_supported),
		T(features__registers_zero_to_four_follow_the_two_zero_layout),
		T(config_set__fails_input_in_order_then_succeeds),
		T(config_get__writes_the_configuration_to_ns_memory),
		T(tracking_get__reports_fine_for_dram_none_elsewhere_with_real_tops),
		T(tracking_get__fails_input_for_bad_ranges),
		T(tracking_set__accepts_fine_on_dram_only),
		T(gpt_l1_create__splits_a_block_then_reports_error_gpt),
		T(gpt_l1_destroy__refuses_a_region_with_delegated_granules),
		T(gpt_info__reports_platform_managed_up_to_the_region_end),
		T(range_delegate__moves_the_whole_range_and_gpfs_it),
		T(range_delegate__stops_at_the_first_failing_granule_with_partial_progress),
		T(range_delegate__caps_one_call_at_512_granules),
		T(range_delegate__fails_input_for_misaligned_or_empty_ranges),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
