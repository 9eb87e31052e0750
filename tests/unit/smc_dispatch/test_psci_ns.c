/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * EL3 PSCI for the normal world's PEs (smc_dispatch/src/psci_ns.c, issue
 * 13): the power-state machine and the DEN0022 error codes, through
 * smc_dispatch_pe with callbacks that record what the simulator was asked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smc_dispatch.h"

#define DRAM_BASE 0x80000000ULL
#define DRAM_SIZE 0x80000000ULL

struct rec {
	unsigned on_calls, off_calls, suspend_calls;
	unsigned pe;
	uint64_t entry, ctx;
	bool powerdown;
};

struct fixture {
	struct smc_dispatcher d;
	struct rec r;
};

static const uint64_t fvp_aff[4] = { 0x0, 0x100, 0x200, 0x300 };

static void on_cb(void *ctx, unsigned pe, uint64_t entry, uint64_t context_id)
{
	struct rec *r = ctx;

	r->on_calls++;
	r->pe = pe;
	r->entry = entry;
	r->ctx = context_id;
}

static void off_cb(void *ctx, unsigned pe)
{
	struct rec *r = ctx;

	r->off_calls++;
	r->pe = pe;
}

static void suspend_cb(void *ctx, unsigned pe, bool powerdown, uint64_t entry, uint64_t cid)
{
	struct rec *r = ctx;

	r->suspend_calls++;
	r->pe = pe;
	r->powerdown = powerdown;
	r->entry = entry;
	r->ctx = cid;
}

static bool entry_cb(void *ctx, uint64_t entry)
{
	(void)ctx;
	return entry >= DRAM_BASE && entry - DRAM_BASE < DRAM_SIZE;
}

static int setup(void **state)
{
	static struct fixture f;
	struct smc_psci_ops ops = { .cpu_on = on_cb, .cpu_off = off_cb, .cpu_suspend = suspend_cb,
				    .valid_entry = entry_cb, .ctx = &f.r };

	memset(&f, 0, sizeof(f));
	smc_dispatcher_init(&f.d, NULL);
	assert_int_equal(smc_psci_set_pes(&f.d, fvp_aff, 4, &ops), 0);
	*state = &f;
	return 0;
}

static int64_t call(struct fixture *f, unsigned pe, uint64_t fid, uint64_t a1, uint64_t a2,
		    uint64_t a3)
{
	struct smc_regs r = { .x = { fid, a1, a2, a3 } };

	smc_dispatch_pe(&f->d, pe, &r);
	return (int64_t)r.x[0];
}

static void set_pes__refuses_zero_and_too_many(void **state)
{
	struct smc_dispatcher d;
	uint64_t aff[SMC_PSCI_MAX_PE + 1] = { 0 };

	(void)state;
	smc_dispatcher_init(&d, NULL);
	assert_int_equal(smc_psci_set_pes(&d, aff, 0, NULL), -1);
	assert_int_equal(smc_psci_set_pes(&d, aff, SMC_PSCI_MAX_PE + 1, NULL), -1);
	assert_int_equal(d.psci.num_pe, 0);
}

static void affinity_info__pe0_on_others_off_bad_target_or_level_invalid(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, 0, PSCI_AFFINITY_INFO_FID, 0x0, 0, 0), SMC_PSCI_ON);
	assert_int_equal(call(f, 0, PSCI_AFFINITY_INFO64_FID, 0x300, 0, 0), SMC_PSCI_OFF);
	assert_int_equal(call(f, 0, PSCI_AFFINITY_INFO_FID, 0x400, 0, 0),
			 PSCI_RET_INVALID_PARAMETERS);
	assert_int_equal(call(f, 0, PSCI_AFFINITY_INFO_FID, 0x100, 1, 0),
			 PSCI_RET_INVALID_PARAMETERS);
	/* MT and bit 31 of an MPIDR_EL1 value are not affinity: ignored as TF-A does. */
	assert_int_equal(call(f, 0, PSCI_AFFINITY_INFO64_FID, 0x81000000ULL, 0, 0), SMC_PSCI_ON);
}

static void cpu_on__checks_target_then_entry_then_state(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x10000, 0x1000, 0),
			 PSCI_RET_INVALID_PARAMETERS);
	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x100, 0x1000, 0),
			 PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x100, DRAM_BASE + 2, 0),
			 PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x0, DRAM_BASE, 0), PSCI_RET_ALREADY_ON);
	assert_int_equal(f->r.on_calls, 0);
}

static void cpu_on__pending_until_started_then_already_on(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x200, DRAM_BASE + 0x40, 0xC0FFEE),
			 PSCI_RET_SUCCESS);
	assert_int_equal(f->r.on_calls, 1);
	assert_int_equal(f->r.pe, 2);
	assert_int_equal(f->r.entry, DRAM_BASE + 0x40);
	assert_int_equal(f->r.ctx, 0xC0FFEE);
	assert_int_equal(call(f, 0, PSCI_AFFINITY_INFO_FID, 0x200, 0, 0), SMC_PSCI_ON_PENDING);
	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x200, DRAM_BASE, 0), PSCI_RET_ON_PENDING);
	smc_psci_pe_started(&f->d, 2);
	assert_int_equal(call(f, 0, PSCI_AFFINITY_INFO_FID, 0x200, 0, 0), SMC_PSCI_ON);
	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x200, DRAM_BASE, 0), PSCI_RET_ALREADY_ON);
	assert_int_equal(f->r.on_calls, 1);
}

static void cpu_on__smc32_takes_w_registers(void **state)
{
	struct fixture *f = *state;

	/* Upper halves ignored: target 0x100, entry DRAM_BASE, context 0x5. */
	assert_int_equal(call(f, 0, PSCI_CPU_ON_FID, 0xFFFFFFFF00000100ULL,
			      0xAB00000000000000ULL | DRAM_BASE, 0x1200000005ULL),
			 PSCI_RET_SUCCESS);
	assert_int_equal(f->r.pe, 1);
	assert_int_equal(f->r.entry, DRAM_BASE);
	assert_int_equal(f->r.ctx, 5);
}

static void cpu_off__denied_for_the_last_pe_on_else_turns_caller_off(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, 0, PSCI_CPU_OFF_FID, 0, 0, 0), PSCI_RET_DENIED);
	assert_int_equal(f->r.off_calls, 0);
	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x100, DRAM_BASE, 0), PSCI_RET_SUCCESS);
	smc_psci_pe_started(&f->d, 1);
	assert_int_equal(call(f, 1, PSCI_CPU_OFF_FID, 0, 0, 0), PSCI_RET_SUCCESS);
	assert_int_equal(f->r.off_calls, 1);
	assert_int_equal(f->r.pe, 1);
	assert_int_equal(call(f, 0, PSCI_AFFINITY_INFO_FID, 0x100, 0, 0), SMC_PSCI_OFF);
	/* Off again: it can be turned on again. */
	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x100, DRAM_BASE, 0), PSCI_RET_SUCCESS);
}

static void cpu_suspend__standby_and_powerdown_checked_and_reported(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, 0, PSCI_CPU_SUSPEND_FID, 0, 0, 0), PSCI_RET_SUCCESS);
	assert_int_equal(f->r.suspend_calls, 1);
	assert_false(f->r.powerdown);
	assert_int_equal(call(f, 0, PSCI_CPU_SUSPEND64_FID, 1U << 16, DRAM_BASE + 8, 9),
			 PSCI_RET_SUCCESS);
	assert_true(f->r.powerdown);
	assert_int_equal(f->r.entry, DRAM_BASE + 8);
	assert_int_equal(f->r.ctx, 9);
	assert_int_equal(call(f, 0, PSCI_CPU_SUSPEND64_FID, 1U << 16, 0x10, 0),
			 PSCI_RET_INVALID_ADDRESS);
	assert_int_equal(call(f, 0, PSCI_CPU_SUSPEND_FID, 1U << 24, 0, 0),
			 PSCI_RET_INVALID_PARAMETERS); /* cluster level: not offered */
	assert_int_equal(call(f, 0, PSCI_CPU_SUSPEND_FID, 1U << 30, 0, 0),
			 PSCI_RET_INVALID_PARAMETERS);
	assert_int_equal(f->r.suspend_calls, 2);
}

static void features_and_migrate_info__implemented_with_pes(void **state)
{
	struct fixture *f = *state;
	const uint32_t yes[] = { PSCI_CPU_ON_FID, PSCI_CPU_ON64_FID, PSCI_CPU_OFF_FID,
				 PSCI_CPU_SUSPEND_FID, PSCI_AFFINITY_INFO64_FID,
				 PSCI_MIGRATE_INFO_TYPE_FID, PSCI_SYSTEM_OFF_FID };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_int_equal(call(f, 0, PSCI_FEATURES_FID, yes[i], 0, 0), PSCI_RET_SUCCESS);
	assert_int_equal(call(f, 0, PSCI_FEATURES_FID, 0x84000005U, 0, 0),
			 PSCI_RET_NOT_SUPPORTED);
	assert_int_equal(call(f, 0, PSCI_MIGRATE_INFO_TYPE_FID, 0, 0, 0), PSCI_TOS_NOT_PRESENT_MP);
	assert_int_equal(call(f, 0, 0xC4000008U, 0, 0, 0), PSCI_RET_NOT_SUPPORTED);
}

static void no_pes__cpu_calls_stay_not_supported(void **state)
{
	struct smc_dispatcher d;
	struct smc_regs r = { .x = { PSCI_CPU_ON64_FID, 0x100, DRAM_BASE, 0 } };

	(void)state;
	smc_dispatcher_init(&d, NULL);
	smc_dispatch_pe(&d, 0, &r);
	assert_int_equal((int64_t)r.x[0], PSCI_RET_NOT_SUPPORTED);
}

/*
 * rmmsim --threads --parallel-rmi: RMI calls of other PEs run at once with
 * a PSCI call (which holds the machine lock); they must not overwrite the
 * caller PSCI acts on (a data race TSan found, tests/concurrency).
 */
static void dispatch_pe__rmi_calls_leave_the_psci_caller_alone(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, 0, PSCI_CPU_ON64_FID, 0x200, DRAM_BASE, 0), PSCI_RET_SUCCESS);
	smc_psci_pe_started(&f->d, 2);
	assert_int_equal(call(f, 2, PSCI_VERSION_FID, 0, 0, 0), PSCI_VERSION_1_1);
	assert_int_equal(f->d.psci.caller, 2);
	(void)call(f, 3, RMI_FID_FIRST, 0, 0, 0);
	(void)call(f, 1, RMI_FID_FIRST + 1, 0, 0, 0);
	assert_int_equal(f->d.psci.caller, 2);
	/* CPU_OFF still turns off the PE that called it. */
	assert_int_equal(call(f, 2, PSCI_CPU_OFF_FID, 0, 0, 0), PSCI_RET_SUCCESS);
	assert_int_equal(f->r.pe, 2);
}

static void psci_fid__psci_ranges_only_as_w0_without_sve_hint(void **state)
{
	(void)state;
	assert_true(smc_psci_fid(PSCI_SMC32_FID_FIRST));
	assert_true(smc_psci_fid(PSCI_SMC32_FID_LAST));
	assert_true(smc_psci_fid(PSCI_SMC64_FID_FIRST));
	assert_true(smc_psci_fid(PSCI_SMC64_FID_LAST));
	assert_true(smc_psci_fid(PSCI_CPU_OFF_FID | SMC_FID_SVE_HINT));
	assert_true(smc_psci_fid(0xFFFFFFFF00000000ULL | PSCI_CPU_OFF_FID));
	assert_false(smc_psci_fid(PSCI_SMC32_FID_LAST + 1));
	assert_false(smc_psci_fid(PSCI_SMC64_FID_LAST + 1));
	assert_false(smc_psci_fid(RMI_FID_FIRST));
	assert_false(smc_psci_fid(0));
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_pes__refuses_zero_and_too_many),
		T(affinity_info__pe0_on_others_off_bad_target_or_level_invalid),
		T(cpu_on__checks_target_then_entry_then_state),
		T(cpu_on__pending_until_started_then_already_on),
		T(cpu_on__smc32_takes_w_registers),
		T(cpu_off__denied_for_the_last_pe_on_else_turns_caller_off),
		T(cpu_suspend__standby_and_powerdown_checked_and_reported),
		T(features_and_migrate_info__implemented_with_pes),
		cmocka_unit_test(no_pes__cpu_calls_stay_not_supported),
		T(dispatch_pe__rmi_calls_leave_the_psci_caller_alone),
		cmocka_unit_test(psci_fid__psci_ranges_only_as_w0_without_sve_hint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
