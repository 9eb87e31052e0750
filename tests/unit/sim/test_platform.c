/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim_platform: the platform description (default and user device trees,
 * each refusal naming the node), the EL3 wiring seen through the native
 * API (rmmsim.h), PAS-checked NS accesses and the RMI log format.
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
#include "platform.h"
#include "rmmsim.h"

#define ERR_LEN 512
#define FVP_DELEGATE_PA 0x88000000ULL

/* --- helpers --------------------------------------------------------------- */

/* Writes a .dts made of a standard header + @body and creates a platform from it. */
static struct rmmsim *create_from_dts(const char *body, char *err, char *path_out)
{
	char path[] = "/tmp/rmmsim-test-XXXXXX.dts";
	struct rmmsim_options opt = { 0 };
	struct rmmsim *sim;
	FILE *f;
	int fd = mkstemps(path, 4);

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fprintf(f, "/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n%s\n};\n", body);
	fclose(f);
	opt.platform_path = path;
	sim = rmmsim_create(&opt, err, ERR_LEN);
	if (path_out != NULL) {
		snprintf(path_out, sizeof(path), "%s", path);
	}
	unlink(path);
	return sim;
}

/* Expects creation from @body to fail with a message containing every string of @want. */
static void expect_refused(const char *body, const char *want1, const char *want2)
{
	char err[ERR_LEN];
	char path[64];
	struct rmmsim *sim = create_from_dts(body, err, path);

	if (sim != NULL) {
		rmmsim_destroy(sim);
		fail_msg("platform accepted: %s", body);
	}
	if (strstr(err, path) == NULL || strstr(err, want1) == NULL ||
	    (want2 != NULL && strstr(err, want2) == NULL)) {
		fail_msg("message '%s' lacks '%s' / '%s' / '%s'", err, path, want1,
			 want2 != NULL ? want2 : "");
	}
}

static uint64_t rmi(struct rmmsim *sim, uint64_t fid, uint64_t a1, struct smc_regs *out)
{
	struct smc_regs r = { .x = { fid, a1 } };

	rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
	if (out != NULL) {
		*out = r;
	}
	return r.x[0];
}

#define BANK "memory@80000000 { device_type = \"memory\"; reg = <0x0 0x80000000 0x0 0x10000000>; };\n"

static uint64_t fr0_get(uint64_t v, uint64_t shift, uint64_t width)
{
	return (v >> shift) & ((1ULL << width) - 1U);
}

#define FR0(v, f) \
	fr0_get((v), RMI_FEATURE_REGISTER_0_##f##_SHIFT, RMI_FEATURE_REGISTER_0_##f##_WIDTH)

static int sim_setup(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim = rmmsim_create(NULL, err, sizeof(err));

	if (sim == NULL) {
		fprintf(stderr, "default platform refused: %s\n", err);
		return -1;
	}
	*state = sim;
	return 0;
}

static int sim_teardown(void **state)
{
	rmmsim_destroy(*state);
	return 0;
}

/* --- default platform ------------------------------------------------------ */

static void default_platform__has_fvp_memory_map(void **state)
{
	struct rmmsim *sim = *state;
	struct rmmsim_region r[16];
	size_t n;

	assert_int_equal(rmmsim_dram_banks(sim, r, 16), 2);
	assert_int_equal(r[0].base, 0x80000000ULL);
	assert_int_equal(r[0].size, 0x80000000ULL);
	assert_int_equal(r[1].base, 0x880000000ULL);
	assert_int_equal(r[1].size, 0x80000000ULL);
	assert_int_equal(rmmsim_secure_regions(sim, r, 16), 1);
	assert_int_equal(r[0].base, 0x06000000ULL);
	assert_int_equal(r[0].size, 0x02000000ULL);
	/* 4 UARTs, SP805, SBSA watchdog refresh + control, GIC distributor + redistributors, flash */
	n = rmmsim_mmio_regions(sim, r, 16);
	assert_int_equal(n, 10);
	assert_int_equal(r[0].base, 0x1C090000ULL);
	assert_int_equal(r[3].base, 0x1C0C0000ULL);
	assert_int_equal(r[4].base, 0x1C0F0000ULL);
	assert_int_equal(r[5].base, 0x2A450000ULL);
	assert_int_equal(r[6].base, 0x2A440000ULL);
	assert_int_equal(r[7].base, 0x2F000000ULL);
	assert_int_equal(r[8].base, 0x2F100000ULL);
	assert_int_equal(r[8].size, 0x200000ULL);
	assert_int_equal(r[9].base, 0x0C000000ULL);
	assert_int_equal(rmmsim_pa_bits(sim), 48);
	assert_int_equal(sim->desc.devices[5].kind, PLAT_DEV_SBSA_GWDT);
	assert_int_equal(sim->desc.devices[5].irq[0], 32U + 59U);
	assert_int_equal(sim->desc.devices[6].kind, PLAT_DEV_GICV3);
	assert_int_equal(sim->desc.devices[7].kind, PLAT_DEV_NVRAM);
	assert_true(sim->desc.timer.present);
	assert_int_equal(sim->desc.timer.ppi_hyp, 26);
	assert_int_equal(sim->desc.timer.ppi_virt, 27);
	assert_int_equal(sim->desc.timer.freq, 100000000ULL);
	assert_int_equal(sim->desc.pmu_ppi, 23);
	assert_int_equal(plat_device_find(&sim->desc, PLAT_DEV_PL011, 2)->reg[0].base,
			 0x1C0B0000ULL);
	assert_string_equal(plat_device_find(&sim->desc, PLAT_DEV_SP805, 0)->name,
			    "/soc/watchdog@1c0f0000");
	assert_null(plat_device_find(&sim->desc, PLAT_DEV_PL011, 4));
}

static void default_platform__reports_fvp_feature_register(void **state)
{
	struct rmmsim *sim = *state;
	struct smc_regs out;
	uint64_t v;

	assert_int_equal(rmi(sim, RMI_FEATURES_FID, 0, &out), RMI_SUCCESS);
	v = out.x[1];
	assert_int_equal(v, rmmsim_feat_reg0(sim));
	assert_int_equal(FR0(v, S2SZ), 48);
	assert_int_equal(FR0(v, LPA2), 0);
	assert_int_equal(FR0(v, SVE_EN), 0);
	assert_int_equal(FR0(v, NUM_BPS), 5);
	assert_int_equal(FR0(v, NUM_WPS), 5);
	assert_int_equal(FR0(v, PMU_EN), 1);
	assert_int_equal(FR0(v, PMU_NUM_CTRS), 8);
	assert_int_equal(FR0(v, HASH_SHA_256), 1);
	assert_int_equal(FR0(v, HASH_SHA_512), 1);
	assert_int_equal(FR0(v, GICV3_NUM_LRS), 15);
	assert_int_equal(FR0(v, MAX_RECS_ORDER), 10);
	assert_int_equal(v >> 42, 0);
}

static void default_platform__gpt_maps_dram_ns_secure_devices_any(void **state)
{
	struct rmmsim *sim = *state;

	assert_int_equal(rmmsim_pas(sim, 0x80000000ULL), GPT_GPI_NS);
	assert_int_equal(rmmsim_pas(sim, 0x8FFFFF000ULL), GPT_GPI_NS);
	assert_int_equal(rmmsim_pas(sim, 0x06000000ULL), GPT_GPI_SECURE);
	assert_int_equal(rmmsim_pas(sim, 0x1C090000ULL), GPT_GPI_ANY);
	assert_int_equal(rmmsim_pas(sim, 0x2F100000ULL), GPT_GPI_ANY);
	assert_int_equal(rmmsim_pas(sim, 0x40000000ULL), GPT_GPI_NO_ACCESS);
}

static void default_platform__nv_flash_reads_erased(void **state)
{
	struct rmmsim *sim = *state;
	uint8_t *nv = plat_pa_to_host(sim, 0x0C000000ULL, 16);

	assert_non_null(nv);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(nv[i], 0xFF);
	}
	assert_null(plat_pa_to_host(sim, 0x1C090000ULL, 4));
	assert_true(plat_pa_to_memfd_offset(sim, 0x880000000ULL) == 0x80000000LL);
}

/*
 * The 64 MiB flash is one erased chunk mapped copy-on-write many times
 * (plat_mem.c): every byte reads 0xFF, across chunk boundaries to the
 * last one, and a write to one copy shows in no other.
 */
static void default_platform__nv_flash_chunks_are_erased_and_private(void **state)
{
	struct rmmsim *sim = *state;
	uint8_t *nv = plat_pa_to_host(sim, 0x0C000000ULL, 0x04000000ULL);
	static const uint64_t offs[] = { 0, 0x7FFFF, 0x80000, 0x1FFFFF, 0x200000, 0x2ABCDE,
					 0x3FFFFFF };

	assert_non_null(nv);
	for (unsigned i = 0; i < sizeof(offs) / sizeof(offs[0]); i++)
		assert_int_equal(nv[offs[i]], 0xFF);
	for (uint64_t off = 0; off < 0x04000000ULL; off += 0x10000)
		assert_int_equal(nv[off + 0x1234], 0xFF);
	nv[0] = 0x00;
	nv[0x80001] = 0x5A;
	assert_int_equal(nv[0x80000], 0xFF);
	assert_int_equal(nv[0x100000], 0xFF);
	assert_int_equal(nv[0x100001], 0xFF);
	assert_int_equal(nv[0x3F80000], 0xFF);
	assert_int_equal(nv[0], 0x00);
	assert_int_equal(nv[0x80001], 0x5A);
}

/* --- device-tree errors ---------------------------------------------------- */

static void dt__missing_file_is_refused_naming_it(void **state)
{
	struct rmmsim_options opt = { .platform_path = "/nonexistent/plat.dtb" };
	char err[ERR_LEN];

	(void)state;
	assert_null(rmmsim_create(&opt, err, sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent/plat.dtb"));
	assert_non_null(strstr(err, "cannot open"));
}

static void dt__not_a_dtb_is_refused(void **state)
{
	char path[] = "/tmp/rmmsim-test-XXXXXX.dtb";
	struct rmmsim_options opt = { .platform_path = path };
	char err[ERR_LEN];
	int fd = mkstemps(path, 4);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "this is not a device tree blob, really not\n", 43), 43);
	close(fd);
	assert_null(rmmsim_create(&opt, err, sizeof(err)));
	unlink(path);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "not a device tree blob"));
}

static void dt__dts_syntax_error_relays_dtc_message(void **state)
{
	(void)state;
	expect_refused("memory@0 { reg = <1 2 3> ", "dtc failed", NULL);
}

/* issue 13: the host PEs of the cpus node. */
static void default_platform__lists_the_fvp_pes_in_mpidr_layout(void **state)
{
	struct rmmsim *sim = *state;
	static const uint64_t want[8] = { 0x0, 0x100, 0x200, 0x300,
					  0x10000, 0x10100, 0x10200, 0x10300 };

	assert_int_equal(sim->desc.num_cpus, 8);
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(sim->desc.cpu_mpidr[i], want[i]);
}

#define CPUS(x) "cpus { #address-cells = <1>; #size-cells = <0>; " x " };\n"

static void dt__cpus_are_parsed_in_order_with_one_cell(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim;

	(void)state;
	sim = create_from_dts(BANK CPUS("cpu@1 { device_type = \"cpu\"; reg = <0x1>; }; "
					"cpu@0 { device_type = \"cpu\"; reg = <0x0>; };"),
			      err, NULL);
	assert_non_null(sim);
	assert_int_equal(sim->desc.num_cpus, 2);
	assert_int_equal(sim->desc.cpu_mpidr[0], 1);
	assert_int_equal(sim->desc.cpu_mpidr[1], 0);
	rmmsim_destroy(sim);
}

static void dt__cpu_with_duplicate_or_bad_affinity_is_refused(void **state)
{
	(void)state;
	expect_refused(BANK CPUS("cpu@0 { device_type = \"cpu\"; reg = <0x0>; }; "
				 "cpu@1 { device_type = \"cpu\"; reg = <0x0>; };"),
		       "node '/cpus/cpu@1'", "listed twice");
	expect_refused(BANK CPUS("cpu@0 { device_type = \"cpu\"; reg = <0x1000000>; };"),
		       "node '/cpus/cpu@0'", "outside Aff3..Aff0");
	expect_refused(BANK CPUS("cpu@0 { device_type = \"cpu\"; };"), "node '/cpus/cpu@0'",
		       "needs reg");
}

static void dt__no_memory_node_is_refused(void **state)
{
	(void)state;
	expect_refused("chosen { };", "node '/'", "no memory node");
}

static void dt__malformed_reg_names_node(void **state)
{
	(void)state;
	expect_refused("memory@80000000 { device_type = \"memory\"; reg = <0x0 0x80000000 0x0>; };",
		       "node '/memory@80000000'", "malformed reg");
}

static void dt__overlapping_banks_name_both_nodes(void **state)
{
	(void)state;
	expect_refused(BANK "memory@88000000 { device_type = \"memory\"; "
			    "reg = <0x0 0x88000000 0x0 0x10000000>; };",
		       "node '/memory@88000000'", "overlaps '/memory@80000000'");
}

static void dt__unaligned_size_is_refused(void **state)
{
	(void)state;
	expect_refused("memory@80000000 { device_type = \"memory\"; "
		       "reg = <0x0 0x80000000 0x0 0x10000800>; };",
		       "node '/memory@80000000'", "not 4 KiB aligned");
}

static void dt__pa_size_too_small_for_bank(void **state)
{
	(void)state;
	expect_refused("memory@880000000 { device_type = \"memory\"; "
		       "reg = <0x8 0x80000000 0x0 0x10000000>; };\n"
		       "rmmsim { pa-bits = <32>; };",
		       "node '/memory@880000000'", "beyond the 32-bit PA size");
}

static void dt__pa_bits_outside_32_52_is_refused(void **state)
{
	(void)state;
	expect_refused(BANK "rmmsim { pa-bits = <56>; };", "node '/rmmsim'", "'pa-bits' = 56");
}

static void dt__bank_overlapping_mmio_is_refused(void **state)
{
	(void)state;
	expect_refused(BANK "uart@80100000 { compatible = \"arm,pl011\"; "
			    "reg = <0x0 0x80100000 0x0 0x1000>; };",
		       "node '/uart@80100000'", "overlaps '/memory@80000000'");
}

static void dt__secure_region_overlapping_device_is_refused(void **state)
{
	(void)state;
	expect_refused(BANK "soc { compatible = \"simple-bus\"; #address-cells = <2>; "
			    "#size-cells = <2>; ranges; wdt@6000000 { compatible = \"arm,sp805\"; "
			    "reg = <0x0 0x06000000 0x0 0x1000>; }; };\n"
			    "secure@6000000 { compatible = \"rmmsim,secure-memory\"; "
			    "reg = <0x0 0x06000000 0x0 0x100000>; };",
		       "node '/secure@6000000'", "overlaps '/soc/wdt@6000000'");
}

static void dt__too_many_banks_is_refused(void **state)
{
	(void)state;
	expect_refused("memory@0 { device_type = \"memory\"; reg = "
		       "<0x1 0x0 0x0 0x1000>, <0x2 0x0 0x0 0x1000>, <0x3 0x0 0x0 0x1000>, "
		       "<0x4 0x0 0x0 0x1000>, <0x5 0x0 0x0 0x1000>, <0x6 0x0 0x0 0x1000>, "
		       "<0x7 0x0 0x0 0x1000>, <0x8 0x0 0x0 0x1000>, <0x9 0x0 0x0 0x1000>; };",
		       "node '/memory@0'", "more than 8 DRAM banks");
}

static void dt__custom_features_change_rmi_features(void **state)
{
	char err[ERR_LEN];
	struct smc_regs out;
	struct rmmsim *sim;
	uint64_t v;

	(void)state;
	sim = create_from_dts(BANK "rmmsim { pa-bits = <40>; rmm { s2sz = <40>; sve-vl = <512>; "
				   "num-bps = <4>; num-wps = <3>; pmu-num-ctrs = <0>; "
				   "hash-sha512 = <0>; gicv3-num-lrs = <4>; max-recs-order = <6>; "
				   "vmid-bits = <8>; }; };",
			      err, NULL);
	if (sim == NULL) {
		fail_msg("refused: %s", err);
	}
	assert_int_equal(rmi(sim, RMI_FEATURES_FID, 0, &out), RMI_SUCCESS);
	v = out.x[1];
	assert_int_equal(FR0(v, S2SZ), 40);
	assert_int_equal(FR0(v, SVE_EN), 1);
	assert_int_equal(FR0(v, SVE_VL), 3);
	assert_int_equal(FR0(v, NUM_BPS), 3);
	assert_int_equal(FR0(v, NUM_WPS), 2);
	assert_int_equal(FR0(v, PMU_EN), 0);
	assert_int_equal(FR0(v, PMU_NUM_CTRS), 0);
	assert_int_equal(FR0(v, HASH_SHA_256), 1);
	assert_int_equal(FR0(v, HASH_SHA_512), 0);
	assert_int_equal(FR0(v, GICV3_NUM_LRS), 3);
	assert_int_equal(FR0(v, MAX_RECS_ORDER), 6);
	assert_int_equal(rmmsim_pa_bits(sim), 40);
	rmmsim_destroy(sim);
}

static void dt__costs_are_parsed_by_name(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim;

	(void)state;
	sim = create_from_dts(BANK "rmmsim { costs { smc-world-switch = <1200>; "
				   "granule-zero = /bits/ 64 <0x100000000>; }; };",
			      err, NULL);
	if (sim == NULL) {
		fail_msg("refused: %s", err);
	}
	assert_int_equal(plat_desc_cost(&sim->desc, "smc-world-switch", 0), 1200);
	assert_int_equal(plat_desc_cost(&sim->desc, "granule-zero", 0), 0x100000000ULL);
	assert_int_equal(plat_desc_cost(&sim->desc, "absent", 77), 77);
	rmmsim_destroy(sim);
}

/* /rmmsim/attestation and realm-slice-insns reach the platform; bad values are refused. */
static void dt__attestation_and_slice_are_parsed(void **state)
{
	char err[ERR_LEN];
	struct rmmsim *sim;

	(void)state;
	sim = create_from_dts(BANK "rmmsim { realm-slice-insns = <5000>; attestation { "
				   "platform-token = [d2 84 40 a0 40 40]; }; };",
			      err, NULL);
	if (sim == NULL) {
		fail_msg("refused: %s", err);
	}
	assert_int_equal(sim->desc.rec_slice_insns, 5000);
	assert_int_equal(sim->desc.attest.plat_token_len, 6);
	assert_false(sim->desc.attest.has_rak);
	rmmsim_destroy(sim);
	expect_refused(BANK "rmmsim { attestation { rak-private = [01 02 03]; }; };",
		       "/rmmsim/attestation", "rak-private");
	expect_refused(BANK "rmmsim { realm-slice-insns = <0>; };", "/rmmsim", "realm-slice-insns");
}

/* --- native API ------------------------------------------------------------ */

static void api__delegate_undelegate_change_state_and_pas(void **state)
{
	struct rmmsim *sim = *state;
	const pa_t pa = FVP_DELEGATE_PA;
	char msg[256];

	assert_int_equal(rmmsim_granule_state(sim, pa), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, pa, NULL), RMI_SUCCESS);
	assert_int_equal(rmmsim_granule_state(sim, pa), RMM_GRANULE_DELEGATED);
	assert_string_equal(rmmsim_granule_state_name(rmmsim_granule_state(sim, pa)), "DELEGATED");
	assert_int_equal(rmmsim_pas(sim, pa), GPT_GPI_REALM);
	assert_true(plat_cost_count(sim, RMM_COST_GRANULE_ZERO) >= 1U);
	assert_true(rmmsim_check_invariants(sim, msg, sizeof(msg)));
	assert_int_equal(rmi(sim, RMI_GRANULE_UNDELEGATE_FID, pa, NULL), RMI_SUCCESS);
	assert_int_equal(rmmsim_granule_state(sim, pa), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(rmmsim_pas(sim, pa), GPT_GPI_NS);
}

/*
 * Only a granule leaving NS PAS moves the epoch the host CPU flushes its
 * checked translations on; an UNDELEGATE only widens what NS may reach.
 */
static void api__pas_epoch_moves_on_delegate_not_undelegate(void **state)
{
	struct rmmsim *sim = *state;
	const pa_t pa = FVP_DELEGATE_PA + 2 * GRANULE_SIZE;
	uint64_t epoch = sim->pas_epoch;

	assert_int_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, pa, NULL), RMI_SUCCESS);
	assert_int_equal(sim->pas_epoch, epoch + 1U);
	assert_int_equal(rmi(sim, RMI_GRANULE_UNDELEGATE_FID, pa, NULL), RMI_SUCCESS);
	assert_int_equal(sim->pas_epoch, epoch + 1U);
	/* A refused DELEGATE (secure memory) changes no PAS either. */
	assert_int_not_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, 0x06000000ULL, NULL), RMI_SUCCESS);
	assert_int_equal(sim->pas_epoch, epoch + 1U);
}

static void warm_reset__scrubs_realm_granules_returns_them_to_ns_and_restarts_rmm(void **state)
{
	struct rmmsim *sim = *state;
	const pa_t pa = FVP_DELEGATE_PA, ns = FVP_DELEGATE_PA + 0x1000;
	unsigned char *realm_mem = plat_pa_to_host(sim, pa, 8);
	unsigned char *ns_mem = plat_pa_to_host(sim, ns, 8);
	uint64_t epoch = sim->pas_epoch;
	char err[ERR_LEN] = "";

	assert_non_null(realm_mem);
	assert_non_null(ns_mem);
	assert_int_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, pa, NULL), RMI_SUCCESS);
	memset(realm_mem, 0xA5, 8);      /* as realm data would be */
	memset(ns_mem, 0x5A, 8);
	assert_int_equal(plat_warm_reset(sim, err, sizeof(err)), 0);
	assert_int_equal(rmmsim_pas(sim, pa), GPT_GPI_NS);
	assert_int_equal(rmmsim_granule_state(sim, pa), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(realm_mem[0] | realm_mem[7], 0);
	assert_int_equal(ns_mem[0], 0x5A); /* NS memory is kept */
	assert_true(sim->pas_epoch > epoch);
	assert_true(sim->el3.cfg.rmm_ctx == sim->rmm);
	assert_int_equal(sim->scrubbed_granules, 1);
	/* The fresh RMM knows nothing of the old delegation: delegating again succeeds. */
	assert_int_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, pa, NULL), RMI_SUCCESS);
	assert_int_equal(rmi(sim, RMI_GRANULE_UNDELEGATE_FID, pa, NULL), RMI_SUCCESS);
}

static void api__granule_state_is_minus_one_outside_dram(void **state)
{
	struct rmmsim *sim = *state;

	assert_int_equal(rmmsim_granule_state(sim, 0x06000000ULL), -1);
	assert_int_equal(rmmsim_granule_state(sim, 0x1C090000ULL), -1);
	assert_string_equal(rmmsim_granule_state_name(-1), "NOT_MANAGED");
}

static void api__delegating_secure_or_mmio_fails_error_input(void **state)
{
	struct rmmsim *sim = *state;

	assert_int_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, 0x06000000ULL, NULL), RMI_ERROR_INPUT);
	assert_int_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, 0x1C090000ULL, NULL), RMI_ERROR_INPUT);
	assert_int_equal(rmmsim_pas(sim, 0x06000000ULL), GPT_GPI_SECURE);
	assert_int_equal(rmmsim_pas(sim, 0x1C090000ULL), GPT_GPI_ANY);
}

static void api__ns_access_refused_on_delegated_granule(void **state)
{
	struct rmmsim *sim = *state;
	const pa_t pa = FVP_DELEGATE_PA;
	uint8_t buf[64], back[64];

	memset(buf, 0xA5, sizeof(buf));
	assert_true(rmmsim_ns_write(sim, pa, buf, sizeof(buf)));
	assert_int_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, pa, NULL), RMI_SUCCESS);
	assert_false(rmmsim_ns_read(sim, pa, back, sizeof(back)));
	assert_false(rmmsim_ns_write(sim, pa, buf, sizeof(buf)));
	assert_int_equal(rmi(sim, RMI_GRANULE_UNDELEGATE_FID, pa, NULL), RMI_SUCCESS);
	/* Delegation zeroed the granule: nothing written before survives. */
	assert_true(rmmsim_ns_read(sim, pa, back, sizeof(back)));
	for (unsigned i = 0; i < sizeof(back); i++) {
		assert_int_equal(back[i], 0);
	}
}

static void api__ns_access_spanning_into_delegated_granule_copies_nothing(void **state)
{
	struct rmmsim *sim = *state;
	const pa_t pa = FVP_DELEGATE_PA + GRANULE_SIZE;
	uint8_t buf[32], back[16];

	memset(buf, 0x5A, sizeof(buf));
	assert_true(rmmsim_ns_write(sim, pa - 16, buf, 32)); /* spans two NS granules */
	assert_int_equal(rmi(sim, RMI_GRANULE_DELEGATE_FID, pa, NULL), RMI_SUCCESS);
	memset(buf, 0x11, sizeof(buf));
	assert_false(rmmsim_ns_write(sim, pa - 16, buf, 32));
	assert_true(rmmsim_ns_read(sim, pa - 16, back, 16));
	assert_int_equal(back[0], 0x5A);
	assert_int_equal(rmi(sim, RMI_GRANULE_UNDELEGATE_FID, pa, NULL), RMI_SUCCESS);
}

static void api__ns_access_refused_on_secure_mmio_and_unmapped(void **state)
{
	struct rmmsim *sim = *state;
	uint8_t b[32] = { 0 }; /* room for every length asked for */

	assert_false(rmmsim_ns_read(sim, 0x06000000ULL, b, 1));
	assert_false(rmmsim_ns_write(sim, 0x06000000ULL, b, 1));
	assert_false(rmmsim_ns_read(sim, 0x1C090000ULL, b, 1)); /* device, not memory */
	assert_false(rmmsim_ns_read(sim, 0x40000000ULL, b, 1));
	assert_false(rmmsim_ns_read(sim, 0xFFFFFFFFFFFFFFF0ULL, b, 32));
	assert_true(rmmsim_ns_read(sim, 0x8FFFFFFFFULL, b, 1));
	assert_false(rmmsim_ns_read(sim, 0x8FFFFFFFFULL, b, 2)); /* past the bank end */
}

static void api__rmm_caller_reaches_el3_gtsi(void **state)
{
	struct rmmsim *sim = *state;
	const pa_t pa = FVP_DELEGATE_PA + 4 * GRANULE_SIZE;
	struct smc_regs r = { .x = { RMM_GTSI_DELEGATE_FID, pa } };

	rmmsim_smc(sim, RMMSIM_CALLER_RMM, &r);
	assert_int_equal(r.x[0], RMM_EL3_OK);
	assert_int_equal(rmmsim_pas(sim, pa), GPT_GPI_REALM);
	r = (struct smc_regs){ .x = { RMM_GTSI_UNDELEGATE_FID, pa } };
	rmmsim_smc(sim, RMMSIM_CALLER_RMM, &r);
	assert_int_equal(r.x[0], RMM_EL3_OK);
	assert_int_equal(rmmsim_pas(sim, pa), GPT_GPI_NS);
}

/* --- RMI log ---------------------------------------------------------------- */

static void rmi_log__lines_match_reference_format(void **state)
{
	struct rmmsim_options opt = { 0 };
	struct rmmsim *sim;
	char err[ERR_LEN];
	char *text = NULL;
	size_t size = 0;
	FILE *log = open_memstream(&text, &size);

	(void)state;
	assert_non_null(log);
	opt.rmi_log = log;
	sim = rmmsim_create(&opt, err, sizeof(err));
	assert_non_null(sim);
	rmi(sim, RMI_VERSION_FID, RMI_ABI_VERSION, NULL);
	rmi(sim, RMI_GRANULE_DELEGATE_FID, 0x88300000ULL, NULL);
	rmi(sim, RMI_GRANULE_DELEGATE_FID, 0x88300000ULL, NULL);
	rmi(sim, RMI_GRANULE_UNDELEGATE_FID, 0x88300000ULL, NULL);
	/* PSCI from NS is not RMI: not logged. */
	rmi(sim, PSCI_VERSION_FID, 0, NULL);
	rmmsim_destroy(sim);
	fclose(log);
	assert_string_equal(text,
			    "SMC_RMI_VERSION               10000 > RMI_SUCCESS 10000 20000\n"
			    "SMC_RMI_GRANULE_DELEGATE      88300000 > RMI_SUCCESS\n"
			    "SMC_RMI_GRANULE_DELEGATE      88300000 > RMI_ERROR_INPUT\n"
			    "SMC_RMI_GRANULE_UNDELEGATE    88300000 > RMI_SUCCESS\n");
	free(text);
}

struct hook_log {
	unsigned calls;
	enum smc_caller caller[4];
	uint64_t in_x1[4];
	uint64_t out_x0[4];
};

static void record_smc(void *ctx, enum smc_caller caller, const struct smc_regs *in,
		       const struct smc_regs *out)
{
	struct hook_log *h = ctx;

	if (h->calls < 4U) {
		h->caller[h->calls] = caller;
		h->in_x1[h->calls] = in->x[1];
		h->out_x0[h->calls] = out->x[0];
	}
	h->calls++;
}

/* The hook sees every SMC once set (with no RMI log), input and output, and none once unset. */
static void smc_hook__sees_smcs_only_while_set(void **state)
{
	struct hook_log h = { 0 };
	char err[ERR_LEN];
	struct rmmsim *sim = rmmsim_create(NULL, err, sizeof(err));

	(void)state;
	assert_non_null(sim);
	rmi(sim, RMI_VERSION_FID, RMI_ABI_VERSION, NULL);
	plat_set_smc_hook(sim, record_smc, &h);
	rmi(sim, RMI_GRANULE_DELEGATE_FID, FVP_DELEGATE_PA, NULL);
	/* The NS call and, inside it, the RMM's GTSI call to EL3. */
	assert_int_equal(h.calls, 2);
	assert_int_equal(h.caller[0], SMC_CALLER_RMM);
	assert_int_equal(h.in_x1[0], FVP_DELEGATE_PA);
	assert_int_equal(h.caller[1], SMC_CALLER_NS);
	assert_int_equal(h.in_x1[1], FVP_DELEGATE_PA);
	assert_int_equal(h.out_x0[1], RMI_SUCCESS);
	plat_set_smc_hook(sim, NULL, NULL);
	rmi(sim, RMI_GRANULE_UNDELEGATE_FID, FVP_DELEGATE_PA, NULL);
	assert_int_equal(h.calls, 2);
	rmmsim_destroy(sim);
}

static void rmi_log__error_rtt_prints_index_and_top(void **state)
{
	struct smc_regs in = { .x = { RMI_RTT_DESTROY_FID, 0x88000000ULL, 0x40000000ULL, 2 } };
	struct smc_regs out = { .x = { (2U << 8) | RMI_ERROR_RTT, 0, 0x40200000ULL } };
	char line[256];

	(void)state;
	rmi_log_format(line, sizeof(line), &in, &out);
	assert_string_equal(line, "SMC_RMI_RTT_DESTROY           88000000 40000000 2 > "
				  "RMI_ERROR_RTT 2 0 40200000");
	in.x[0] = RMI_RTT_CREATE_FID;
	rmi_log_format(line, sizeof(line), &in, &out);
	assert_string_equal(line, "SMC_RMI_RTT_CREATE            88000000 40000000 2 0 > "
				  "RMI_ERROR_RTT 2");
}

static void rmi_log__rec_enter_error_realm_prints_index(void **state)
{
	struct smc_regs in = { .x = { RMI_REC_ENTER_FID, 0x88001000ULL, 0x90000000ULL } };
	struct smc_regs out = { .x = { (1U << 8) | RMI_ERROR_REALM } };
	char line[256];

	(void)state;
	rmi_log_format(line, sizeof(line), &in, &out);
	assert_string_equal(line, "SMC_RMI_REC_ENTER             88001000 90000000 > "
				  "RMI_ERROR_REALM 1");
	in.x[0] = RMI_REALM_ACTIVATE_FID;
	rmi_log_format(line, sizeof(line), &in, &out);
	assert_string_equal(line, "SMC_RMI_REALM_ACTIVATE        88001000 > RMI_ERROR_REALM");
}

static void rmi_log__unknown_status_and_fid_print_raw_x0(void **state)
{
	struct smc_regs in = { .x = { RMI_FEATURES_FID, 0 } };
	struct smc_regs out = { .x = { 7 } };
	char line[256];
	int n;

	(void)state;
	rmi_log_format(line, sizeof(line), &in, &out);
	assert_string_equal(line, "SMC_RMI_FEATURES              0 > 7");
	in.x[0] = 0xC4000156ULL;
	out.x[0] = SMC_UNKNOWN;
	rmi_log_format(line, sizeof(line), &in, &out);
	assert_string_equal(line, "SMC_RMI_UNKNOWN               c4000156 > ffffffffffffffff");
	/* Truncation: returns the full length, never overflows. */
	n = rmi_log_format(line, 10, &in, &out);
	assert_true(n > 10);
	assert_int_equal(strlen(line), 9);
	assert_null(rmi_log_name(0xC4000156ULL));
	assert_string_equal(rmi_log_name(RMI_DATA_CREATE_FID), "DATA_CREATE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(default_platform__lists_the_fvp_pes_in_mpidr_layout,
						sim_setup, sim_teardown),
		cmocka_unit_test(dt__cpus_are_parsed_in_order_with_one_cell),
		cmocka_unit_test(dt__cpu_with_duplicate_or_bad_affinity_is_refused),
		cmocka_unit_test_setup_teardown(
			warm_reset__scrubs_realm_granules_returns_them_to_ns_and_restarts_rmm,
			sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(default_platform__has_fvp_memory_map, sim_setup,
						sim_teardown),
		cmocka_unit_test_setup_teardown(default_platform__reports_fvp_feature_register,
						sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(default_platform__gpt_maps_dram_ns_secure_devices_any,
						sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(default_platform__nv_flash_reads_erased, sim_setup,
						sim_teardown),
		cmocka_unit_test_setup_teardown(default_platform__nv_flash_chunks_are_erased_and_private,
						sim_setup, sim_teardown),
		cmocka_unit_test(dt__missing_file_is_refused_naming_it),
		cmocka_unit_test(dt__not_a_dtb_is_refused),
		cmocka_unit_test(dt__dts_syntax_error_relays_dtc_message),
		cmocka_unit_test(dt__no_memory_node_is_refused),
		cmocka_unit_test(dt__malformed_reg_names_node),
		cmocka_unit_test(dt__overlapping_banks_name_both_nodes),
		cmocka_unit_test(dt__unaligned_size_is_refused),
		cmocka_unit_test(dt__pa_size_too_small_for_bank),
		cmocka_unit_test(dt__pa_bits_outside_32_52_is_refused),
		cmocka_unit_test(dt__bank_overlapping_mmio_is_refused),
		cmocka_unit_test(dt__secure_region_overlapping_device_is_refused),
		cmocka_unit_test(dt__too_many_banks_is_refused),
		cmocka_unit_test(dt__custom_features_change_rmi_features),
		cmocka_unit_test(dt__costs_are_parsed_by_name),
		cmocka_unit_test(dt__attestation_and_slice_are_parsed),
		cmocka_unit_test_setup_teardown(api__delegate_undelegate_change_state_and_pas,
						sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(api__pas_epoch_moves_on_delegate_not_undelegate,
						sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(api__granule_state_is_minus_one_outside_dram,
						sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(api__delegating_secure_or_mmio_fails_error_input,
						sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(api__ns_access_refused_on_delegated_granule,
						sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(
			api__ns_access_spanning_into_delegated_granule_copies_nothing, sim_setup,
			sim_teardown),
		cmocka_unit_test_setup_teardown(api__ns_access_refused_on_secure_mmio_and_unmapped,
						sim_setup, sim_teardown),
		cmocka_unit_test_setup_teardown(api__rmm_caller_reaches_el3_gtsi, sim_setup,
						sim_teardown),
		cmocka_unit_test(rmi_log__lines_match_reference_format),
		cmocka_unit_test(rmi_log__error_rtt_prints_index_and_top),
		cmocka_unit_test(rmi_log__rec_enter_error_realm_prints_index),
		cmocka_unit_test(rmi_log__unknown_status_and_fid_print_raw_x0),
		cmocka_unit_test(smc_hook__sees_smcs_only_while_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
