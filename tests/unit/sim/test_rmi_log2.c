/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI log once the host speaks RMI 2.0 (rmi_log.c, docs/rmi-2.0.md):
 * 2.0 names and register counts (den0137_2_abi.h), 2.0 status names, the
 * INCOMPLETE result data, and removed 1.0 FIDs logged as UNKNOWN.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "den0137_2_abi.h"
#include "den0137_abi.h"
#include "platform.h"
#include "rmmsim.h"

#define ERR_LEN 512
#define PA 0x88000000ULL

static void call(struct rmmsim *sim, uint64_t fid, uint64_t a1, uint64_t a2)
{
	struct smc_regs r = { .x = { fid, a1, a2 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
}

/* A dual RMM: 1.0 names until VERSION selects 2.0, 2.0 names after it. */
static void rmi_log__names_follow_negotiated_abi(void **state)
{
	struct rmmsim_options opt = { .rmi_abi = "both" };
	struct rmmsim *sim;
	char err[ERR_LEN];
	char *text = NULL;
	size_t size = 0;
	FILE *log = open_memstream(&text, &size);
	uint64_t cfg[2] = { 0, 0 };

	(void)state;
	assert_non_null(log);
	opt.rmi_log = log;
	sim = rmmsim_create(&opt, err, sizeof(err));
	assert_non_null(sim);
	assert_true(rmmsim_ns_write(sim, PA + 0x100000U, cfg, sizeof(cfg)));
	call(sim, RMI_VERSION_FID, RMI_ABI_VERSION, 0);
	call(sim, RMI_GRANULE_DELEGATE_FID, PA, 0);
	call(sim, RMI_GRANULE_UNDELEGATE_FID, PA, 0);
	call(sim, RMI2_VERSION_FID, RMI2_ABI_VERSION, 0);
	/* 0x151 is gone in 2.0 (abi.md §3 Removed): the RMM does not know it. */
	call(sim, RMI2_REMOVED_GRANULE_DELEGATE_FID, PA, 0);
	/* Before RMM_ACTIVATE: status 11, a 2.0-only name. */
	call(sim, RMI2_GRANULE_RANGE_DELEGATE_FID, PA, PA + 0x2000U);
	call(sim, RMI2_RMM_CONFIG_SET_FID, PA + 0x100000U, 0);
	call(sim, RMI2_RMM_ACTIVATE_FID, 0, 0);
	call(sim, RMI2_GRANULE_RANGE_DELEGATE_FID, PA, PA + 0x2000U);
	call(sim, RMI2_GRANULE_RANGE_UNDELEGATE_FID, PA, PA + 0x2000U);
	rmmsim_destroy(sim);
	fclose(log);
	assert_string_equal(text,
			    "SMC_RMI_VERSION               10000 > RMI_SUCCESS 10000 20000\n"
			    "SMC_RMI_GRANULE_DELEGATE      88000000 > RMI_SUCCESS\n"
			    "SMC_RMI_GRANULE_UNDELEGATE    88000000 > RMI_SUCCESS\n"
			    "SMC_RMI_VERSION               20000 > RMI_SUCCESS 20000 20000\n"
			    "SMC_RMI_UNKNOWN               c4000151 > ffffffffffffffff\n"
			    "SMC_RMI_GRANULE_RANGE_DELEGATE 88000000 88002000 > RMI_ERROR_GLOBAL\n"
			    "SMC_RMI_RMM_CONFIG_SET        88100000 > RMI_SUCCESS\n"
			    "SMC_RMI_RMM_ACTIVATE          > RMI_SUCCESS\n"
			    "SMC_RMI_GRANULE_RANGE_DELEGATE 88000000 88002000 > RMI_SUCCESS 88002000\n"
			    "SMC_RMI_GRANULE_RANGE_UNDELEGATE 88000000 88002000 > RMI_SUCCESS 88002000\n");
	free(text);
}

/* FIDs reused by 2.0 with another command get the 2.0 name and counts. */
static void rmi_log__v2_reused_fid_uses_v2_name_and_counts(void **state)
{
	struct smc_regs in = { .x = { RMI2_RTT_DATA_MAP_INIT_FID, 1, 2, 3, 4, 5, 6 } };
	struct smc_regs out = { .x = { RMI2_SUCCESS } };
	char line[256];

	(void)state;
	rmi_log_format_abi(line, sizeof(line), RMI2_ABI_VERSION, &in, &out);
	assert_string_equal(line, "SMC_RMI_RTT_DATA_MAP_INIT     1 2 3 4 5 > RMI_SUCCESS");
	/* The 1.0 decoding of the same FID is DATA_CREATE with its 5 arguments. */
	rmi_log_format_abi(line, sizeof(line), RMI_ABI_VERSION, &in, &out);
	assert_string_equal(line, "SMC_RMI_DATA_CREATE           1 2 3 4 5 > RMI_SUCCESS");
	assert_string_equal(rmi_log_name_abi(RMI2_ABI_VERSION, RMI2_OP_MEM_DONATE_FID),
			    "OP_MEM_DONATE");
	assert_null(rmi_log_name_abi(RMI_ABI_VERSION, RMI2_OP_MEM_DONATE_FID));
	assert_null(rmi_log_name_abi(RMI2_ABI_VERSION, RMI2_REMOVED_DATA_DESTROY_FID));
}

/* INCOMPLETE: status name, RmiResultDataIncomplete (MEMREQ, CAN_CANCEL), SRO outputs. */
static void rmi_log__v2_incomplete_prints_result_data_and_outputs(void **state)
{
	struct smc_regs in = { .x = { RMI2_REC_CREATE_FID, 0x88001000ULL, 0x88002000ULL,
				      0x88003000ULL } };
	/* MEMREQ = DONATE (bits[9:8] = 1), CAN_CANCEL (bit 10). */
	struct smc_regs out = { .x = { (0x5U << 8) | RMI2_INCOMPLETE, 0x77, 0x10 } };
	char line[256];

	(void)state;
	rmi_log_format_abi(line, sizeof(line), RMI2_ABI_VERSION, &in, &out);
	assert_string_equal(line, "SMC_RMI_REC_CREATE            88001000 88002000 88003000 > "
				  "RMI_INCOMPLETE 5 77 10");
	out.x[0] = RMI2_ERROR_GLOBAL;
	rmi_log_format_abi(line, sizeof(line), RMI2_ABI_VERSION, &in, &out);
	assert_string_equal(line, "SMC_RMI_REC_CREATE            88001000 88002000 88003000 > "
				  "RMI_ERROR_GLOBAL");
}

/* 2.0 FIDs whose registers the sheet does not give: the name and raw X0. */
static void rmi_log__v2_unspecified_registers_print_name_and_raw_x0(void **state)
{
	struct smc_regs in = { .x = { RMI2_PDEV_CREATE_FID, 1, 2 } };
	struct smc_regs out = { .x = { RMI2_ERROR_NOT_SUPPORTED } };
	char line[256];

	(void)state;
	rmi_log_format_abi(line, sizeof(line), RMI2_ABI_VERSION, &in, &out);
	assert_string_equal(line, "SMC_RMI_PDEV_CREATE           > 5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rmi_log__names_follow_negotiated_abi),
		cmocka_unit_test(rmi_log__v2_reused_fid_uses_v2_name_and_counts),
		cmocka_unit_test(rmi_log__v2_incomplete_prints_result_data_and_outputs),
		cmocka_unit_test(rmi_log__v2_unspecified_registers_print_name_and_raw_x0),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
