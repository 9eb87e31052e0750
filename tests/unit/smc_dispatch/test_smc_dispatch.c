/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of smc_dispatch/: SMCCC FID decoding, per-caller routing,
 * the standard services, RMI/RSI forwarding to a recording fake RMM, GTSI
 * on a real GPT, register preservation and a randomized no-crash run.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gpt.h"
#include "smc_dispatch.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define SMCCC_ARCH_WORKAROUND_1_FID 0x80008000U
#define SMCCC_ARCH_WORKAROUND_2_FID 0x80007FFFU
#define SMCCC_ARCH_WORKAROUND_3_FID 0x80003FFFU
#define RSI_VERSION_FID 0xC4000190U
#define RMI_VERSION_FID 0xC4000150U
#define RMI_GRANULE_DELEGATE_FID 0xC4000151U

/* Platform memory map of the test GPT (PPS = 4 GiB). */
#define NS_BASE 0x80000000ULL
#define NS_SIZE 0x01000000ULL
#define SECURE_BASE 0x0E000000ULL
#define ROOT_BASE 0x0F000000ULL
#define REGION_SIZE 0x00100000ULL
#define NOACCESS_PA 0x40000000ULL
#define PPS_BITS 32U

/* A fake RMM: records each forwarded call and answers with fixed results. */
struct fake_rmm {
	unsigned int rmi_calls;
	unsigned int realm_calls;
	unsigned int sip_calls;
	struct smc_regs last_in;
	bool write_x1; /* also write a result into X1, like RMI_VERSION does */
};

#define FAKE_RESULT_X0 0x5AULL
#define FAKE_RESULT_X1 0xA5A5ULL

static void fake_rmi(void *ctx, struct smc_regs *regs)
{
	struct fake_rmm *r = ctx;

	r->rmi_calls++;
	r->last_in = *regs;
	regs->x[0] = FAKE_RESULT_X0;
	if (r->write_x1)
		regs->x[1] = FAKE_RESULT_X1;
}

static void fake_realm(void *ctx, struct smc_regs *regs)
{
	struct fake_rmm *r = ctx;

	r->realm_calls++;
	r->last_in = *regs;
	regs->x[0] = FAKE_RESULT_X0 + 1U;
}

/* The accounting hook: records what it is shown. */
struct fake_obs {
	unsigned int calls;
	enum smc_caller caller;
	struct smc_regs in;
	struct smc_regs out;
};

static void fake_on_smc(void *ctx, enum smc_caller caller, const struct smc_regs *in,
			const struct smc_regs *out)
{
	struct fake_obs *o = ctx;

	o->calls++;
	o->caller = caller;
	o->in = *in;
	o->out = *out;
}

struct fixture {
	struct gpt *gpt;
	struct fake_rmm rmm;
	struct fake_obs obs;
	struct smc_dispatcher d;
};

static int setup(void **state)
{
	static struct fixture f;
	const struct gpt_config gcfg = { .pps_bits = PPS_BITS, .l0gptsz_bits = 30 };
	struct smc_dispatcher_cfg cfg;

	memset(&f, 0, sizeof(f));
	f.gpt = gpt_create(&gcfg);
	if (f.gpt == NULL)
		return -1;
	if (gpt_set_range(f.gpt, NS_BASE, NS_SIZE, GPT_GPI_NS) != 0 ||
	    gpt_set_range(f.gpt, SECURE_BASE, REGION_SIZE, GPT_GPI_SECURE) != 0 ||
	    gpt_set_range(f.gpt, ROOT_BASE, REGION_SIZE, GPT_GPI_ROOT) != 0)
		return -1;

	cfg = (struct smc_dispatcher_cfg){
		.gpt = f.gpt,
		.rmi = fake_rmi,
		.realm = fake_realm,
		.rmm_ctx = &f.rmm,
		.on_smc = fake_on_smc,
		.obs_ctx = &f.obs,
	};
	smc_dispatcher_init(&f.d, &cfg);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	gpt_destroy(f->gpt);
	return 0;
}

/* Registers with a recognisable pattern in X1..X17. */
static struct smc_regs regs_with(uint64_t x0)
{
	struct smc_regs r;
	unsigned int i;

	for (i = 0; i < SMC_NUM_REGS; i++)
		r.x[i] = 0xC0DE000000000000ULL | ((uint64_t)i << 8) | i;
	r.x[0] = x0;
	return r;
}

static void assert_x1_x17_preserved(const struct smc_regs *before, const struct smc_regs *after)
{
	unsigned int i;

	for (i = 1; i < SMC_NUM_REGS; i++)
		assert_int_equal(after->x[i], before->x[i]);
}

/*
 * An SMC_UNKNOWN answer: X1..X3 (SMC64 result registers) read 0 rather than
 * the caller's arguments; X4..X17 hold no result and are preserved.
 */
static void assert_unknown_outputs(const struct smc_regs *before, const struct smc_regs *after)
{
	unsigned int i;

	assert_int_equal(after->x[0], SMC_UNKNOWN);
	for (i = 1; i < 4U; i++)
		assert_int_equal(after->x[i], 0);
	for (i = 4; i < SMC_NUM_REGS; i++)
		assert_int_equal(after->x[i], before->x[i]);
}

/* Issues @x0 (X1 = @x1) from @caller; returns the results. */
static struct smc_regs call(struct fixture *f, enum smc_caller caller, uint64_t x0, uint64_t x1)
{
	struct smc_regs r = regs_with(x0);

	r.x[1] = x1;
	smc_dispatch(&f->d, caller, &r);
	return r;
}

/* ---- FID decoding ---- */

static void decode_fid__splits_fast_smc64_standard_call(void **state)
{
	struct smc_fid f = smc_decode_fid(RMI_GRANULE_DELEGATE_FID);

	(void)state;
	assert_true(f.valid);
	assert_true(f.fast);
	assert_true(f.smc64);
	assert_false(f.sve_hint);
	assert_int_equal(f.oen, SMC_OEN_STD);
	assert_int_equal(f.fnum, 0x151);
}

static void decode_fid__splits_smc32_arch_and_oem_calls(void **state)
{
	struct smc_fid f = smc_decode_fid(SMCCC_ARCH_FEATURES_FID);

	(void)state;
	assert_true(f.valid);
	assert_true(f.fast);
	assert_false(f.smc64);
	assert_int_equal(f.oen, SMC_OEN_ARCH);
	assert_int_equal(f.fnum, 1);

	f = smc_decode_fid(0xB3001234U);
	assert_true(f.valid);
	assert_false(f.smc64);
	assert_int_equal(f.oen, 0x33);
	assert_int_equal(f.fnum, 0x1234);

	f = smc_decode_fid(0x83000007U);
	assert_int_equal(f.oen, SMC_OEN_OEM);
	assert_int_equal(f.fnum, 7);
}

static void decode_fid__reports_yielding_call_as_not_fast(void **state)
{
	struct smc_fid f = smc_decode_fid(0x44000150U);

	(void)state;
	assert_true(f.valid);
	assert_false(f.fast);
	assert_true(f.smc64);
	assert_int_equal(f.oen, SMC_OEN_STD);
}

static void decode_fid__accepts_sve_hint_on_fast_call(void **state)
{
	struct smc_fid f = smc_decode_fid(RMI_VERSION_FID | SMC_FID_SVE_HINT);

	(void)state;
	assert_true(f.valid);
	assert_true(f.sve_hint);
	assert_int_equal(f.fnum, 0x150);
	assert_false(smc_decode_fid(RMI_VERSION_FID).sve_hint);
}

static void decode_fid__invalid_when_bits_23_to_17_set(void **state)
{
	unsigned int bit;

	(void)state;
	for (bit = 17; bit <= 23; bit++)
		assert_false(smc_decode_fid(RMI_VERSION_FID | (1U << bit)).valid);
}

static void decode_fid__invalid_when_upper_x0_bits_set(void **state)
{
	unsigned int bit;

	(void)state;
	for (bit = 32; bit < 64; bit++)
		assert_false(smc_decode_fid(RMI_VERSION_FID | (1ULL << bit)).valid);
}

static void decode_fid__invalid_when_yielding_call_sets_bit16(void **state)
{
	(void)state;
	assert_false(smc_decode_fid(0x44010150U).valid);
}

/* ---- Arm Architecture Service ---- */

static void smccc_version__returns_1_2_and_preserves_x1_to_x17(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(SMCCC_VERSION_FID);
	struct smc_regs r = before;

	smc_dispatch(&f->d, SMC_CALLER_NS, &r);
	assert_int_equal(r.x[0], SMCCC_VERSION_1_2);
	assert_x1_x17_preserved(&before, &r);
}

static void arch_features__succeeds_for_arch_features_and_version(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, SMC_CALLER_NS, SMCCC_ARCH_FEATURES_FID,
			      SMCCC_ARCH_FEATURES_FID).x[0], 0);
	assert_int_equal(call(f, SMC_CALLER_NS, SMCCC_ARCH_FEATURES_FID,
			      SMCCC_VERSION_FID).x[0], 0);
	/* SMC32: only W1 is the queried FID. */
	assert_int_equal(call(f, SMC_CALLER_NS, SMCCC_ARCH_FEATURES_FID,
			      0xFFFFFFFF00000000ULL | SMCCC_ARCH_FEATURES_FID).x[0], 0);
}

static void arch_features__not_supported_for_workarounds_and_other_fids(void **state)
{
	struct fixture *f = *state;
	const uint64_t queried[] = {
		SMCCC_ARCH_WORKAROUND_1_FID, SMCCC_ARCH_WORKAROUND_2_FID,
		SMCCC_ARCH_WORKAROUND_3_FID, 0x80000002U /* SOC_ID */,
		PSCI_VERSION_FID, RMI_VERSION_FID, 0,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(queried); i++) {
		struct smc_regs before = regs_with(SMCCC_ARCH_FEATURES_FID);
		struct smc_regs r;

		before.x[1] = queried[i];
		r = before;
		smc_dispatch(&f->d, SMC_CALLER_NS, &r);
		assert_int_equal(r.x[0], (uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
		assert_x1_x17_preserved(&before, &r);
	}
}

static void arch_service__smc64_and_unallocated_calls_are_unknown(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, SMC_CALLER_NS, 0xC0000000U, 0).x[0], SMC_UNKNOWN);
	assert_int_equal(call(f, SMC_CALLER_NS, 0x80000002U, 0).x[0], SMC_UNKNOWN);
	assert_int_equal(call(f, SMC_CALLER_NS, SMCCC_ARCH_WORKAROUND_1_FID, 0).x[0],
			 SMC_UNKNOWN);
}

/* ---- PSCI for the NS host ---- */

static void psci_version__returns_1_1(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(PSCI_VERSION_FID);
	struct smc_regs r = before;

	smc_dispatch(&f->d, SMC_CALLER_NS, &r);
	assert_int_equal(r.x[0], PSCI_VERSION_1_1);
	assert_x1_x17_preserved(&before, &r);
}

static void psci_features__succeeds_for_implemented_functions(void **state)
{
	struct fixture *f = *state;
	const uint32_t implemented[] = {
		PSCI_VERSION_FID, PSCI_FEATURES_FID, PSCI_SYSTEM_OFF_FID,
		PSCI_SYSTEM_RESET_FID, SMCCC_VERSION_FID,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(implemented); i++)
		assert_int_equal(call(f, SMC_CALLER_NS, PSCI_FEATURES_FID,
				      implemented[i]).x[0], PSCI_RET_SUCCESS);
}

static void psci_features__not_supported_for_cpu_power_and_other_fids(void **state)
{
	struct fixture *f = *state;
	const uint32_t missing[] = {
		PSCI_CPU_ON_FID, 0xC4000003U, PSCI_CPU_OFF_FID, PSCI_CPU_SUSPEND_FID,
		PSCI_AFFINITY_INFO_FID, 0xC4000008U, SMCCC_ARCH_FEATURES_FID,
		RMI_VERSION_FID, 0,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(missing); i++)
		assert_int_equal(call(f, SMC_CALLER_NS, PSCI_FEATURES_FID, missing[i]).x[0],
				 (uint64_t)(int64_t)PSCI_RET_NOT_SUPPORTED);
}

static void psci_system_off__latches_power_event_and_keeps_registers(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(PSCI_SYSTEM_OFF_FID);
	struct smc_regs r = before;

	assert_int_equal(f->d.power_event, SMC_POWER_NONE);
	smc_dispatch(&f->d, SMC_CALLER_NS, &r);
	assert_int_equal(f->d.power_event, SMC_POWER_SYSTEM_OFF);
	assert_memory_equal(&r, &before, sizeof(r));
}

static void psci_system_reset__latches_power_event(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(PSCI_SYSTEM_RESET_FID);
	struct smc_regs r = before;

	smc_dispatch(&f->d, SMC_CALLER_NS, &r);
	assert_int_equal(f->d.power_event, SMC_POWER_SYSTEM_RESET);
	assert_memory_equal(&r, &before, sizeof(r));
}

static void psci_cpu_calls__not_supported_and_latch_nothing(void **state)
{
	struct fixture *f = *state;
	const uint32_t fids[] = {
		PSCI_CPU_ON_FID, 0xC4000003U, PSCI_CPU_OFF_FID, PSCI_CPU_SUSPEND_FID,
		0xC4000001U, PSCI_AFFINITY_INFO_FID, 0xC4000004U,
		0xC4000008U /* no SMC64 SYSTEM_OFF */, 0xC4000009U, 0x8400001FU,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fids); i++) {
		struct smc_regs before = regs_with(fids[i]);
		struct smc_regs r = before;

		smc_dispatch(&f->d, SMC_CALLER_NS, &r);
		assert_int_equal(r.x[0], (uint64_t)(int64_t)PSCI_RET_NOT_SUPPORTED);
		assert_x1_x17_preserved(&before, &r);
	}
	assert_int_equal(f->d.power_event, SMC_POWER_NONE);
	assert_int_equal(f->rmm.rmi_calls + f->rmm.realm_calls, 0);
}

/* ---- RMI forwarding ---- */

static void rmi__ns_call_forwarded_with_all_registers(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(RMI_GRANULE_DELEGATE_FID);
	struct smc_regs r = before;

	f->rmm.write_x1 = true;
	smc_dispatch(&f->d, SMC_CALLER_NS, &r);
	assert_int_equal(f->rmm.rmi_calls, 1);
	assert_memory_equal(&f->rmm.last_in, &before, sizeof(before));
	/* The RMM's results come back to the host. */
	assert_int_equal(r.x[0], FAKE_RESULT_X0);
	assert_int_equal(r.x[1], FAKE_RESULT_X1);
	assert_int_equal(r.x[2], before.x[2]);
}

static void rmi__sve_hint_stripped_before_forwarding(void **state)
{
	struct fixture *f = *state;
	struct smc_regs r = regs_with(RMI_VERSION_FID | SMC_FID_SVE_HINT);

	smc_dispatch(&f->d, SMC_CALLER_NS, &r);
	assert_int_equal(f->rmm.rmi_calls, 1);
	assert_int_equal(f->rmm.last_in.x[0], RMI_VERSION_FID);
	assert_int_equal(r.x[0], FAKE_RESULT_X0);
}

static void rmi__whole_range_forwarded_and_nothing_outside(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, SMC_CALLER_NS, RMI_FID_FIRST, 0).x[0], FAKE_RESULT_X0);
	assert_int_equal(call(f, SMC_CALLER_NS, RMI_FID_LAST, 0).x[0], FAKE_RESULT_X0);
	/* Unallocated numbers inside the range are the RMM's to refuse. */
	assert_int_equal(call(f, SMC_CALLER_NS, 0xC4000156U, 0).x[0], FAKE_RESULT_X0);
	assert_int_equal(f->rmm.rmi_calls, 3);

	assert_int_equal(call(f, SMC_CALLER_NS, RMI_FID_FIRST - 1U, 0).x[0], SMC_UNKNOWN);
	assert_int_equal(call(f, SMC_CALLER_NS, 0x84000150U /* SMC32 */, 0).x[0],
			 SMC_UNKNOWN);
	assert_int_equal(call(f, SMC_CALLER_NS, 0x44000150U /* yielding */, 0).x[0],
			 SMC_UNKNOWN);
	assert_int_equal(f->rmm.rmi_calls, 3);
}

static void rmi__without_rmm_handler_is_unknown(void **state)
{
	struct fixture *f = *state;

	f->d.cfg.rmi = NULL;
	assert_int_equal(call(f, SMC_CALLER_NS, RMI_VERSION_FID, 0).x[0], SMC_UNKNOWN);
	assert_int_equal(f->rmm.rmi_calls, 0);
}

static void rmi__from_realm_not_forwarded_to_rmi_handler(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(RMI_GRANULE_DELEGATE_FID);
	struct smc_regs r = before;

	smc_dispatch(&f->d, SMC_CALLER_REALM, &r);
	assert_int_equal(r.x[0], SMC_UNKNOWN);
	assert_unknown_outputs(&before, &r);
	assert_int_equal(f->rmm.rmi_calls, 0);
	assert_int_equal(f->rmm.realm_calls, 0);
}

static void rmi__from_rmm_caller_is_unknown(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, SMC_CALLER_RMM, RMI_VERSION_FID, 0).x[0], SMC_UNKNOWN);
	assert_int_equal(f->rmm.rmi_calls, 0);
}

static void ns__rsi_and_rmm_el3_ranges_are_unknown(void **state)
{
	struct fixture *f = *state;
	const uint32_t fids[] = { RSI_FID_FIRST, RSI_FID_LAST, RMM_GTSI_DELEGATE_FID,
				  RMM_EL3_FID_LAST };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fids); i++)
		assert_int_equal(call(f, SMC_CALLER_NS, fids[i], NS_BASE).x[0], SMC_UNKNOWN);
	assert_int_equal(gpt_get_gpi(f->gpt, NS_BASE), GPT_GPI_NS);
	assert_int_equal(f->rmm.rmi_calls + f->rmm.realm_calls, 0);
}

/* ---- GTSI from the RMM ---- */

static uint64_t gtsi(struct fixture *f, uint32_t fid, pa_t pa)
{
	return call(f, SMC_CALLER_RMM, fid, pa).x[0];
}

static void gtsi_delegate__moves_ns_granule_to_realm(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(RMM_GTSI_DELEGATE_FID);
	struct smc_regs r;

	before.x[1] = NS_BASE + GRANULE_SIZE;
	r = before;
	smc_dispatch(&f->d, SMC_CALLER_RMM, &r);
	assert_int_equal(r.x[0], RMM_EL3_OK);
	assert_x1_x17_preserved(&before, &r);
	assert_int_equal(gpt_get_gpi(f->gpt, NS_BASE + GRANULE_SIZE), GPT_GPI_REALM);
	/* Neighbours are untouched. */
	assert_int_equal(gpt_get_gpi(f->gpt, NS_BASE), GPT_GPI_NS);
	assert_int_equal(gpt_get_gpi(f->gpt, NS_BASE + 2U * GRANULE_SIZE), GPT_GPI_NS);
}

static void gtsi_undelegate__moves_realm_granule_back_to_ns(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(gtsi(f, RMM_GTSI_DELEGATE_FID, NS_BASE), RMM_EL3_OK);
	assert_int_equal(gtsi(f, RMM_GTSI_UNDELEGATE_FID, NS_BASE), RMM_EL3_OK);
	assert_int_equal(gpt_get_gpi(f->gpt, NS_BASE), GPT_GPI_NS);
}

static void gtsi__bad_addr_when_unaligned(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(gtsi(f, RMM_GTSI_DELEGATE_FID, NS_BASE + 0x10U),
			 (uint64_t)(int64_t)RMM_EL3_BAD_ADDR);
	assert_int_equal(gpt_get_gpi(f->gpt, NS_BASE), GPT_GPI_NS);
	assert_int_equal(gtsi(f, RMM_GTSI_UNDELEGATE_FID, NS_BASE + GRANULE_SIZE - 1U),
			 (uint64_t)(int64_t)RMM_EL3_BAD_ADDR);
}

static void gtsi__bad_addr_when_outside_pps(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(gtsi(f, RMM_GTSI_DELEGATE_FID, 1ULL << PPS_BITS),
			 (uint64_t)(int64_t)RMM_EL3_BAD_ADDR);
	assert_int_equal(gtsi(f, RMM_GTSI_UNDELEGATE_FID, ~0ULL & ~GRANULE_MASK),
			 (uint64_t)(int64_t)RMM_EL3_BAD_ADDR);
}

static void gtsi_delegate__bad_pas_when_granule_not_ns(void **state)
{
	struct fixture *f = *state;
	const pa_t pas[] = { SECURE_BASE, ROOT_BASE, NOACCESS_PA };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pas); i++) {
		enum gpt_gpi gpi = gpt_get_gpi(f->gpt, pas[i]);

		assert_int_equal(gtsi(f, RMM_GTSI_DELEGATE_FID, pas[i]),
				 (uint64_t)(int64_t)RMM_EL3_BAD_PAS);
		assert_int_equal(gpt_get_gpi(f->gpt, pas[i]), gpi);
	}
}

static void gtsi_delegate__bad_pas_when_already_realm(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(gtsi(f, RMM_GTSI_DELEGATE_FID, NS_BASE), RMM_EL3_OK);
	assert_int_equal(gtsi(f, RMM_GTSI_DELEGATE_FID, NS_BASE),
			 (uint64_t)(int64_t)RMM_EL3_BAD_PAS);
	assert_int_equal(gpt_get_gpi(f->gpt, NS_BASE), GPT_GPI_REALM);
}

static void gtsi_undelegate__bad_pas_when_granule_not_realm(void **state)
{
	struct fixture *f = *state;
	const pa_t pas[] = { NS_BASE, SECURE_BASE, ROOT_BASE, NOACCESS_PA };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pas); i++) {
		enum gpt_gpi gpi = gpt_get_gpi(f->gpt, pas[i]);

		assert_int_equal(gtsi(f, RMM_GTSI_UNDELEGATE_FID, pas[i]),
				 (uint64_t)(int64_t)RMM_EL3_BAD_PAS);
		assert_int_equal(gpt_get_gpi(f->gpt, pas[i]), gpi);
	}
}

static void gtsi__unknown_without_gpt(void **state)
{
	struct fixture *f = *state;

	f->d.cfg.gpt = NULL;
	assert_int_equal(gtsi(f, RMM_GTSI_DELEGATE_FID, NS_BASE),
			 (uint64_t)(int64_t)RMM_EL3_UNK);
}

static void rmm_caller__other_fids_are_unknown(void **state)
{
	struct fixture *f = *state;
	const uint32_t fids[] = { 0xC40001B2U, RMM_EL3_FID_LAST, RMM_EL3_FID_FIRST - 1U,
				  SMCCC_VERSION_FID, PSCI_VERSION_FID, RSI_VERSION_FID };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fids); i++) {
		struct smc_regs before = regs_with(fids[i]);
		struct smc_regs r = before;

		smc_dispatch(&f->d, SMC_CALLER_RMM, &r);
		assert_int_equal(r.x[0], SMC_UNKNOWN);
		assert_unknown_outputs(&before, &r);
	}
	/* The GTSI FIDs are exact: the SMC32 form is not one. */
	assert_int_equal(gtsi(f, 0x840001B0U, NS_BASE), SMC_UNKNOWN);
	assert_int_equal(gpt_get_gpi(f->gpt, NS_BASE), GPT_GPI_NS);
}

/* ---- Realm caller ---- */

static void realm__rsi_psci_and_smccc_version_forwarded_to_rmm(void **state)
{
	struct fixture *f = *state;
	const uint32_t fids[] = { RSI_FID_FIRST, RSI_FID_LAST, PSCI_VERSION_FID,
				  PSCI_CPU_ON_FID, 0xC4000003U, PSCI_SMC32_FID_LAST,
				  SMCCC_VERSION_FID };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fids); i++) {
		struct smc_regs r = regs_with(fids[i]);

		smc_dispatch(&f->d, SMC_CALLER_REALM, &r);
		assert_int_equal(f->rmm.realm_calls, i + 1U);
		assert_int_equal(f->rmm.last_in.x[0], fids[i]);
		assert_int_equal(r.x[0], FAKE_RESULT_X0 + 1U);
	}
	/* The SVE hint is stripped for realm calls too. */
	call(f, SMC_CALLER_REALM, RSI_VERSION_FID | SMC_FID_SVE_HINT, 0);
	assert_int_equal(f->rmm.last_in.x[0], RSI_VERSION_FID);
	assert_int_equal(f->rmm.rmi_calls, 0);
	assert_int_equal(f->d.power_event, SMC_POWER_NONE);
}

static void realm__other_fids_not_forwarded(void **state)
{
	struct fixture *f = *state;
	const uint32_t fids[] = { SMCCC_ARCH_FEATURES_FID, RMM_GTSI_DELEGATE_FID,
				  RSI_FID_LAST + 1U, 0xC4000020U, 0x84000020U };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fids); i++)
		assert_int_equal(call(f, SMC_CALLER_REALM, fids[i], 0).x[0], SMC_UNKNOWN);
	assert_int_equal(f->rmm.realm_calls, 0);
}

static void realm__unknown_without_realm_handler(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(RSI_VERSION_FID);
	struct smc_regs r = before;

	f->d.cfg.realm = NULL;
	smc_dispatch(&f->d, SMC_CALLER_REALM, &r);
	assert_int_equal(r.x[0], SMC_UNKNOWN);
	assert_unknown_outputs(&before, &r);
	assert_int_equal(f->rmm.realm_calls, 0);
}

/* ---- Unknown and malformed FIDs, every caller ---- */

static void unknown_fids__return_minus1_zero_x1_to_x3_and_preserve_x4_to_x17_for_each_caller(void **state)
{
	struct fixture *f = *state;
	const uint64_t fids[] = {
		0x00000000ULL, 0x7FFFFFFFULL, 0x04000190ULL /* yielding RSI */,
		0x84000150ULL, 0xC4000150ULL | (1U << 17), 0xC4000190ULL | (1U << 23),
		0xC40001B0ULL | (1ULL << 32), 0xFFFFFFFFFFFFFFFFULL, 0xC5000000ULL,
		0xF2000000ULL, 0xC4000250ULL, 0x80000000ULL | (1ULL << 40),
	};
	enum smc_caller caller;
	size_t i;

	for (caller = SMC_CALLER_NS; caller < SMC_CALLER_COUNT; caller++) {
		for (i = 0; i < ARRAY_SIZE(fids); i++) {
			struct smc_regs before = regs_with(fids[i]);
			struct smc_regs r = before;

			smc_dispatch(&f->d, caller, &r);
			assert_int_equal(r.x[0], SMC_UNKNOWN);
			assert_unknown_outputs(&before, &r);
		}
	}
	assert_int_equal(f->rmm.rmi_calls + f->rmm.realm_calls, 0);
	assert_int_equal(f->d.power_event, SMC_POWER_NONE);
}

static void invalid_caller__unknown_and_not_counted(void **state)
{
	struct fixture *f = *state;
	struct smc_regs r = regs_with(SMCCC_VERSION_FID);

	smc_dispatch(&f->d, SMC_CALLER_COUNT, &r);
	assert_int_equal(r.x[0], SMC_UNKNOWN);
	assert_int_equal(f->obs.calls, 0);
	assert_int_equal(smc_dispatch_count(&f->d, SMC_CALLER_NS) + smc_dispatch_count(&f->d, SMC_CALLER_RMM) +
			 smc_dispatch_count(&f->d, SMC_CALLER_REALM), 0);
}

/* ---- Accounting ---- */

static void on_smc__sees_input_output_and_caller_counts_increase(void **state)
{
	struct fixture *f = *state;
	struct smc_regs before = regs_with(SMCCC_VERSION_FID);
	struct smc_regs r = before;

	smc_dispatch(&f->d, SMC_CALLER_NS, &r);
	assert_int_equal(f->obs.calls, 1);
	assert_int_equal(f->obs.caller, SMC_CALLER_NS);
	assert_memory_equal(&f->obs.in, &before, sizeof(before));
	assert_memory_equal(&f->obs.out, &r, sizeof(r));
	assert_int_equal(f->obs.out.x[0], SMCCC_VERSION_1_2);

	gtsi(f, RMM_GTSI_DELEGATE_FID, NS_BASE);
	gtsi(f, 0x1234U, 0); /* unknown calls are counted too */
	call(f, SMC_CALLER_REALM, RSI_VERSION_FID, 0);
	assert_int_equal(f->obs.calls, 4);
	assert_int_equal(f->obs.caller, SMC_CALLER_REALM);
	assert_int_equal(smc_dispatch_count(&f->d, SMC_CALLER_NS), 1);
	assert_int_equal(smc_dispatch_count(&f->d, SMC_CALLER_RMM), 2);
	assert_int_equal(smc_dispatch_count(&f->d, SMC_CALLER_REALM), 1);

	/* Without a hook dispatching still works and still counts. */
	f->d.cfg.on_smc = NULL;
	call(f, SMC_CALLER_NS, PSCI_VERSION_FID, 0);
	assert_int_equal(f->obs.calls, 4);
	assert_int_equal(smc_dispatch_count(&f->d, SMC_CALLER_NS), 2);
}

/*
 * Host threads count into their own stripes (rmmsim_stripe.h): the first
 * RMMSIM_STRIPES_OWNED threads each own one and bump it without a locked
 * add, later ones share the rest atomically. With more threads than
 * stripes, both kinds are in use and the sum must still be exact.
 */
#define COUNT_THREADS (RMMSIM_STRIPES + 4U)
#define COUNT_CALLS 20000U

static void *count_thread(void *arg)
{
	struct smc_dispatcher *d = arg;

	for (unsigned int i = 0; i < COUNT_CALLS; i++) {
		struct smc_regs r = { .x = { SMCCC_VERSION_FID } };

		smc_dispatch(d, SMC_CALLER_NS, &r);
	}
	return NULL;
}

static void counts__exact_with_more_threads_than_stripes(void **state)
{
	struct fixture *f = *state;
	pthread_t t[COUNT_THREADS];

	f->d.cfg.on_smc = NULL; /* fake_on_smc is not thread-safe */
	for (unsigned int i = 0; i < COUNT_THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, count_thread, &f->d), 0);
	for (unsigned int i = 0; i < COUNT_THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(smc_dispatch_count(&f->d, SMC_CALLER_NS),
			 (uint64_t)COUNT_THREADS * COUNT_CALLS);
	assert_int_equal(smc_dispatch_count(&f->d, SMC_CALLER_RMM), 0);
}

/* ---- Randomized: never crash, X1..X17 preserved by EL3's own services ---- */

static uint64_t xorshift64(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A random X0 biased towards the interesting ranges and bit patterns. */
static uint64_t random_fid(uint64_t *s)
{
	static const uint32_t bases[] = { 0x80000000U, 0x84000000U, 0xC4000000U,
					  RMI_FID_FIRST, RSI_FID_FIRST, RMM_EL3_FID_FIRST };
	uint64_t v = xorshift64(s);

	switch (v & 3U) {
	case 0:
		return xorshift64(s);
	case 1:
		return (uint32_t)xorshift64(s);
	default:
		return (bases[(v >> 8) % ARRAY_SIZE(bases)] + ((v >> 16) & 0x7FU)) |
		       (((v >> 24) & 7U) == 0U ? SMC_FID_SVE_HINT : 0U) |
		       (((v >> 27) & 15U) == 0U ? 1ULL << ((v >> 31) % 64U) : 0U);
	}
}

/* Forwarding fakes that only write X0, so X1..X17 survive (X4..X17 if unknown). */
static void x0_only_handler(void *ctx, struct smc_regs *regs)
{
	unsigned int *n = ctx;

	(*n)++;
	regs->x[0] = 0;
}

static void random_registers__never_crash_and_preserve_x1_to_x17_unless_unknown(void **state)
{
	struct fixture *f = *state;
	unsigned int forwarded = 0;
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	uint64_t iterations = 0;
	enum smc_caller caller;
	unsigned int i, j;

	f->d.cfg.rmi = x0_only_handler;
	f->d.cfg.realm = x0_only_handler;
	f->d.cfg.rmm_ctx = &forwarded;
	for (caller = SMC_CALLER_NS; caller < SMC_CALLER_COUNT; caller++) {
		for (i = 0; i < 50000U; i++) {
			struct smc_regs before, r;

			for (j = 0; j < SMC_NUM_REGS; j++)
				before.x[j] = xorshift64(&seed);
			before.x[0] = random_fid(&seed);
			/* GTSI PAs: sometimes inside the populated NS region. */
			if ((before.x[2] & 1U) != 0U)
				before.x[1] = NS_BASE + (before.x[1] & (NS_SIZE - 1U));
			r = before;
			smc_dispatch(&f->d, caller, &r);
			/* -1 is also PSCI NOT_SUPPORTED, which preserves X1..X3. */
			if (r.x[0] == SMC_UNKNOWN && (r.x[1] | r.x[2] | r.x[3]) == 0U)
				assert_unknown_outputs(&before, &r);
			else
				assert_x1_x17_preserved(&before, &r);
			iterations++;
		}
	}
	assert_int_equal(f->obs.calls, iterations);
	assert_int_equal(smc_dispatch_count(&f->d, SMC_CALLER_NS) + smc_dispatch_count(&f->d, SMC_CALLER_RMM) +
			 smc_dispatch_count(&f->d, SMC_CALLER_REALM), iterations);
	/* The bias must have reached the forwarding paths at least once. */
	assert_true(forwarded > 0U);
	assert_true(forwarded < iterations);
}

static void fake_sip(void *ctx, struct smc_regs *regs)
{
	struct fake_rmm *r = ctx;

	r->sip_calls++;
	r->last_in = *regs;
	regs->x[0] = 0;
}

/* SiP calls of the NS host (OEN 2, fast, SMC32 or SMC64) reach cfg.sip with all registers. */
static void sip__ns_calls_reach_the_platform_handler(void **state)
{
	struct fixture *f = *state;
	static const uint64_t fids[] = { 0xC2000000ULL, 0xC2000100ULL, 0xC200FFFFULL, 0x82000000ULL,
					 0x8200FFFFULL };

	f->d.cfg.sip = fake_sip;
	f->d.cfg.sip_ctx = &f->rmm;
	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		struct smc_regs regs = { .x = { fids[i], 0x1111, 0x2222 } };

		smc_dispatch(&f->d, SMC_CALLER_NS, &regs);
		assert_int_equal(regs.x[0], 0);
		assert_int_equal(f->rmm.last_in.x[0], fids[i]);
		assert_int_equal(f->rmm.last_in.x[1], 0x1111);
		assert_int_equal(f->rmm.last_in.x[2], 0x2222);
	}
	assert_int_equal(f->rmm.sip_calls, 5);
	assert_int_equal(f->rmm.rmi_calls, 0);
}

static void sip__unknown_without_handler_and_from_realm_or_rmm(void **state)
{
	struct fixture *f = *state;
	struct smc_regs regs = { .x = { 0xC2000100ULL } };

	smc_dispatch(&f->d, SMC_CALLER_NS, &regs);
	assert_int_equal(regs.x[0], SMC_UNKNOWN);
	f->d.cfg.sip = fake_sip;
	f->d.cfg.sip_ctx = &f->rmm;
	regs.x[0] = 0xC2000100ULL;
	smc_dispatch(&f->d, SMC_CALLER_REALM, &regs);
	assert_int_equal(regs.x[0], SMC_UNKNOWN);
	regs.x[0] = 0xC2000100ULL;
	smc_dispatch(&f->d, SMC_CALLER_RMM, &regs);
	assert_int_equal(regs.x[0], SMC_UNKNOWN);
	assert_int_equal(f->rmm.sip_calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode_fid__splits_fast_smc64_standard_call),
		cmocka_unit_test(decode_fid__splits_smc32_arch_and_oem_calls),
		cmocka_unit_test(decode_fid__reports_yielding_call_as_not_fast),
		cmocka_unit_test(decode_fid__accepts_sve_hint_on_fast_call),
		cmocka_unit_test(decode_fid__invalid_when_bits_23_to_17_set),
		cmocka_unit_test(decode_fid__invalid_when_upper_x0_bits_set),
		cmocka_unit_test(decode_fid__invalid_when_yielding_call_sets_bit16),
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(sip__ns_calls_reach_the_platform_handler),
		T(sip__unknown_without_handler_and_from_realm_or_rmm),
		T(smccc_version__returns_1_2_and_preserves_x1_to_x17),
		T(arch_features__succeeds_for_arch_features_and_version),
		T(arch_features__not_supported_for_workarounds_and_other_fids),
		T(arch_service__smc64_and_unallocated_calls_are_unknown),
		T(psci_version__returns_1_1),
		T(psci_features__succeeds_for_implemented_functions),
		T(psci_features__not_supported_for_cpu_power_and_other_fids),
		T(psci_system_off__latches_power_event_and_keeps_registers),
		T(psci_system_reset__latches_power_event),
		T(psci_cpu_calls__not_supported_and_latch_nothing),
		T(rmi__ns_call_forwarded_with_all_registers),
		T(rmi__sve_hint_stripped_before_forwarding),
		T(rmi__whole_range_forwarded_and_nothing_outside),
		T(rmi__without_rmm_handler_is_unknown),
		T(rmi__from_realm_not_forwarded_to_rmi_handler),
		T(rmi__from_rmm_caller_is_unknown),
		T(ns__rsi_and_rmm_el3_ranges_are_unknown),
		T(gtsi_delegate__moves_ns_granule_to_realm),
		T(gtsi_undelegate__moves_realm_granule_back_to_ns),
		T(gtsi__bad_addr_when_unaligned),
		T(gtsi__bad_addr_when_outside_pps),
		T(gtsi_delegate__bad_pas_when_granule_not_ns),
		T(gtsi_delegate__bad_pas_when_already_realm),
		T(gtsi_undelegate__bad_pas_when_granule_not_realm),
		T(gtsi__unknown_without_gpt),
		T(rmm_caller__other_fids_are_unknown),
		T(realm__rsi_psci_and_smccc_version_forwarded_to_rmm),
		T(realm__other_fids_not_forwarded),
		T(realm__unknown_without_realm_handler),
		T(unknown_fids__return_minus1_zero_x1_to_x3_and_preserve_x4_to_x17_for_each_caller),
		T(invalid_caller__unknown_and_not_counted),
		T(on_smc__sees_input_output_and_caller_counts_increase),
		T(counts__exact_with_more_threads_than_stripes),
		T(random_registers__never_crash_and_preserve_x1_to_x17_unless_unknown),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
