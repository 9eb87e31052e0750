/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm execution, one exit at a time: a running realm (the agent) makes
 * each kind of REC exit and the test checks every RmiRecExit field the fact
 * sheet defines for it (psci-and-exits.md §3), the realm-side outcome of
 * the accesses the RMM handles itself (states.md §4 decision table), and
 * that a realm cannot reach memory its RTTs do not map.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "agent_host.h"
#include "den0137_abi.h"
#include "realm_hostcall.h"

#define EC(esr) (((esr) >> 26) & 0x3FU)
#define ESR_ISV (1ULL << 24)
#define ESR_WNR (1ULL << 6)
#define HPFAR(ipa) (((ipa) >> 12) << 4)

/* A4 instruction words the tests place in realm memory. */
#define INSN_HVC0 0xD4000002U
#define INSN_WFI 0xD503207FU
#define INSN_WFE 0xD503205FU
#define INSN_RET 0xD65F03C0U
#define INSN_B_SELF 0x14000000U
/* MSR/MRS S3_<op1>_C<crn>_C<crm>_<op2>, X<rt> (op0 = 3). */
#define INSN_SYS(read, op1, crn, crm, op2, rt)                                              \
	(0xD5180000U | ((read) ? 0x200000U : 0U) | ((unsigned)(op1) << 16) |                \
	 ((unsigned)(crn) << 12) | ((unsigned)(crm) << 8) | ((unsigned)(op2) << 5) | (rt))

#define PSCI_SYSTEM_OFF 0x84000008ULL
#define PSCI_CPU_ON_64 0xC4000003ULL

/* A protected RAM page populated by the build (the agent image itself is at RH_LOAD_IPA). */
#define CODE_IPA (RH_SCRATCH_IPA)
/* RIPAS RAM, never populated: faults go to the host. */
#define UNPOPULATED_IPA (RH_SCRATCH_IPA + 0x8000U)
/* Outside realm RAM: RIPAS EMPTY. */
#define EMPTY_IPA 0x1000000ULL

struct fixture {
	struct agent a;
};

static int setup_n(void **state, unsigned num_recs)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rh_config cfg = { .num_recs = num_recs };

	assert_non_null(f);
	if (!agent_init(&f->a, NULL, &cfg))
		fail_msg("agent_init: %s", f->a.rh.res.error);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_n(state, 1);
}

static int setup2(void **state)
{
	return setup_n(state, 2);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (!agent_teardown(&f->a))
		print_error("teardown: %s\n", f->a.rh.res.error);
	agent_fini(&f->a);
	free(f);
	return 0;
}

static void smc(struct agent *a, uint64_t fid, uint64_t x1, uint64_t x2, uint64_t x3,
		uint64_t out[8])
{
	uint64_t x[11] = { fid, x1, x2, x3 };

	assert_int_equal(agent_smc(a, x, out), AGENT_DONE);
}

/* Populates @ipa (RIPAS RAM) with a DATA_CREATE_UNKNOWN granule. */
static void populate(struct agent *a, ipa_t ipa)
{
	if (!rh_data_unknown(&a->rh, ipa))
		fail_msg("populate: %s", a->rh.res.error);
}

/* Writes @n instruction words at CODE_IPA through the realm itself. */
static void put_code(struct agent *a, const uint32_t *w, unsigned n)
{
	for (unsigned i = 0; i < n; i += 2) {
		uint64_t v = w[i] | (i + 1 < n ? (uint64_t)w[i + 1] << 32 : 0);

		assert_int_equal(agent_store(a, CODE_IPA + 4U * i, v), AGENT_DONE);
	}
}

static void assert_no_fields(const struct agent_exit *x)
{
	for (unsigned i = 0; i < 31; i++)
		assert_int_equal(x->gprs[i], 0);
	assert_int_equal(x->ripas_base, 0);
	assert_int_equal(x->ripas_top, 0);
	assert_int_equal(x->imm, 0);
}

static void test_rsi_in_realm(void **state)
{
	struct fixture *f = *state;
	uint64_t out[8];

	smc(&f->a, RSI_VERSION_FID, 0x10000, 0, 0, out);
	assert_int_equal(out[0], RSI_SUCCESS);
	assert_int_equal(out[1], 0x10000);
	/* An unknown SMC gets SMCCC NOT_SUPPORTED (psci-and-exits.md §1). */
	smc(&f->a, 0xC2001234ULL, 0, 0, 0, out);
	assert_int_equal(out[0], 0xFFFFFFFFFFFFFFFFULL);
}

static void test_exit_host_call(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	uint64_t x[11] = { RSI_HOST_CALL_FID, UNPOPULATED_IPA };
	uint64_t gprs[31];
	uint64_t out[8];
	uint64_t v;

	/* The RsiHostCall page is not populated: a synthesized stage-2 abort, PC not advanced. */
	assert_int_equal(agent_smc(a, x, out), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(a->exit.esr, (0x24ULL << 26) | 0x07U); /* translation fault, level 3 */
	assert_int_equal(a->exit.far, 0);
	assert_int_equal(a->exit.hpfar, UNPOPULATED_IPA >> 8);
	/* emul_mmio is refused after it (the cause is the SMC, not a data abort). */
	assert_true(agent_enter(a, a->rec, RMI_REC_ENTER_FLAG_EMUL_MMIO, NULL, 0));
	assert_int_equal(a->exit.status, RMI_ERROR_REC);
	populate(a, UNPOPULATED_IPA);
	/* Re-entered, the realm re-executes the SMC: now a host call with the page's zeros. */
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_HOST_CALL);
	assert_int_equal(a->exit.imm, 0);
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);
	/* imm and gprs come from the realm's RsiHostCall. */
	assert_int_equal(agent_store(a, UNPOPULATED_IPA, 0x1234), AGENT_DONE);
	assert_int_equal(agent_store(a, UNPOPULATED_IPA + 8, 0xAAAA), AGENT_DONE);
	assert_int_equal(agent_store(a, UNPOPULATED_IPA + 8 * 31, 0xBBBB), AGENT_DONE);
	assert_int_equal(agent_smc(a, x, out), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_HOST_CALL);
	assert_int_equal(a->exit.imm, 0x1234);
	assert_int_equal(a->exit.gprs[0], 0xAAAA);
	assert_int_equal(a->exit.gprs[30], 0xBBBB);
	assert_int_equal(a->exit.esr, 0);
	/* The host's answer lands in RsiHostCall.gprs; the realm gets RSI_SUCCESS. */
	for (unsigned i = 0; i < 31; i++)
		gprs[i] = 0x100 + i;
	assert_int_equal(agent_resume(a, 0, gprs, 31), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), RSI_SUCCESS);
	assert_int_equal(agent_load(a, UNPOPULATED_IPA + 8, &v), AGENT_DONE);
	assert_int_equal(v, 0x100);
	assert_int_equal(agent_load(a, UNPOPULATED_IPA + 8 * 31, &v), AGENT_DONE);
	assert_int_equal(v, 0x100 + 30);
}

static void test_exit_emulatable_mmio(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	ipa_t dev = a->unprot_base + 0x3008;
	uint64_t v = 0;
	uint64_t gprs[1] = { 0xFEEDFACECAFEF00DULL };

	/* Load from an unmapped Unprotected IPA: emulatable (ISV = 1), host supplies the data. */
	assert_int_equal(agent_load(a, dev, &v), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(EC(a->exit.esr), 0x24);
	assert_true((a->exit.esr & ESR_ISV) != 0);
	assert_int_equal((a->exit.esr >> 22) & 3U, 3); /* SAS = 64-bit */
	assert_int_equal(a->exit.esr & ESR_WNR, 0);
	assert_int_equal((a->exit.esr >> 16) & 0x1FU, 0); /* SRT hidden */
	assert_int_equal(a->exit.esr & (1ULL << 25), 0);   /* IL hidden */
	assert_int_equal(a->exit.far, 0x008);
	assert_int_equal(a->exit.hpfar, HPFAR(dev));
	assert_no_fields(&a->exit);
	assert_int_equal(agent_resume(a, RMI_REC_ENTER_FLAG_EMUL_MMIO, gprs, 1), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), gprs[0]);

	/* Store: gprs[0] carries the data, WnR = 1. */
	assert_int_equal(agent_store(a, dev, 0x5566778899AABBCCULL), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_true((a->exit.esr & ESR_WNR) != 0);
	assert_int_equal(a->exit.gprs[0], 0x5566778899AABBCCULL);
	assert_int_equal(agent_resume(a, RMI_REC_ENTER_FLAG_EMUL_MMIO, NULL, 0), AGENT_DONE);
}

static void test_inject_sea_after_mmio(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	ipa_t dev = a->unprot_base + 0x4000;
	uint64_t excs = agent_word(a, AGENT_W_EXC);

	assert_int_equal(agent_load(a, dev, NULL), AGENT_EXIT);
	/* The host refuses to emulate: the realm takes a synchronous external abort. */
	assert_int_equal(agent_resume(a, RMI_REC_ENTER_FLAG_INJECT_SEA, NULL, 0), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_EXC), excs + 1);
	assert_int_equal(EC(agent_word(a, AGENT_W_ESR)), 0x25); /* data abort, same EL */
	assert_int_equal(agent_word(a, AGENT_W_ESR) & 0x3FU, 0x10);
	assert_int_equal(agent_word(a, AGENT_W_FAR), dev);
}

static void test_exit_protected_aborts(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	uint64_t excs = agent_word(a, AGENT_W_EXC);

	/* Row 3: UNASSIGNED + RAM: non-emulatable data abort to the host. */
	assert_int_equal(agent_load(a, UNPOPULATED_IPA + 0x18, NULL), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(EC(a->exit.esr), 0x24);
	assert_int_equal(a->exit.esr & ~((0x3FULL << 26) | 0x3FU | (3U << 11) | (1U << 10) | (1U << 9)),
			 0);
	assert_int_equal(a->exit.esr & 0x3CU, 0x04); /* translation fault */
	assert_int_equal(a->exit.far, 0);
	assert_int_equal(a->exit.hpfar, HPFAR(UNPOPULATED_IPA));
	assert_no_fields(&a->exit);
	/* emul_mmio is refused for a non-emulatable abort. */
	assert_true(agent_enter(a, a->rec, RMI_REC_ENTER_FLAG_EMUL_MMIO, NULL, 0));
	assert_int_equal(a->exit.status, RMI_ERROR_REC);
	/* The host populates the page; the access is retried and succeeds. */
	populate(a, UNPOPULATED_IPA);
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);

	/* Instruction abort at an unpopulated RAM page. */
	assert_int_equal(agent_fetch(a, UNPOPULATED_IPA + 0x1000), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(EC(a->exit.esr), 0x20);
	assert_int_equal(a->exit.far, 0);
	assert_int_equal(a->exit.hpfar, HPFAR(UNPOPULATED_IPA + 0x1000));
	populate(a, UNPOPULATED_IPA + 0x1000);
	/* Zeroed page: the realm now runs UDF #0 there, an UNDEFINED taken at R-EL1. */
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_EXC), excs + 1);
	assert_int_equal(EC(agent_word(a, AGENT_W_ESR)), 0x00);

	/* Row 2: RIPAS EMPTY: SEA injected into the realm, no exit. */
	assert_int_equal(agent_load(a, EMPTY_IPA, NULL), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_EXC), excs + 2);
	assert_int_equal(EC(agent_word(a, AGENT_W_ESR)), 0x25);
	assert_int_equal(agent_word(a, AGENT_W_ESR) & 0x3FU, 0x10);
	/* Fetch from an Unprotected IPA: SEA (instruction abort), no exit. */
	assert_int_equal(agent_fetch(a, a->mailbox_ipa), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_EXC), excs + 3);
	assert_int_equal(EC(agent_word(a, AGENT_W_ESR)), 0x21);
}

static void test_destroyed_ripas(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	struct rh_ret ret;
	pa_t pa = 0;

	populate(a, UNPOPULATED_IPA);
	assert_int_equal(agent_store(a, UNPOPULATED_IPA, 7), AGENT_DONE);
	for (size_t i = 0; i < a->rh.num_data; i++)
		if (a->rh.data[i].ipa == UNPOPULATED_IPA)
			pa = a->rh.data[i].pa;
	assert_true(pa != 0);
	/* DATA_DESTROY of a RAM page: RIPAS DESTROYED, and the realm's view is gone at once. */
	ret = rh_rmi(&a->rh, RMI_DATA_DESTROY_FID, a->rh.rd, UNPOPULATED_IPA, 0, 0);
	assert_int_equal(ret.status, RMI_SUCCESS);
	for (size_t i = 0; i < a->rh.num_data; i++)
		if (a->rh.data[i].ipa == UNPOPULATED_IPA)
			a->rh.data[i] = a->rh.data[--a->rh.num_data];
	ret = rh_rmi(&a->rh, RMI_GRANULE_UNDELEGATE_FID, pa, 0, 0, 0);
	assert_int_equal(ret.status, RMI_SUCCESS);
	/* Row 4: DESTROYED -> the host, data and instruction side. */
	assert_int_equal(agent_load(a, UNPOPULATED_IPA, NULL), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(EC(a->exit.esr), 0x24);
	assert_int_equal(a->exit.hpfar, HPFAR(UNPOPULATED_IPA));
	/* The host cannot fix DESTROYED; it may inject... only for Unprotected: refused. */
	assert_true(agent_enter(a, a->rec, RMI_REC_ENTER_FLAG_INJECT_SEA, NULL, 0));
	assert_int_equal(a->exit.status, RMI_ERROR_REC);
}

static void test_exit_wfx(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	const uint32_t code[] = { INSN_WFI, INSN_WFE, INSN_RET };

	populate(a, CODE_IPA);
	put_code(a, code, 3);
	/* Untrapped WFI/WFE complete inside the realm. */
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	/* Trapped: RMI_EXIT_SYNC, EC 0x01, TI[0] = 0 (WFI) / 1 (WFE), nothing else. */
	{
		uint64_t w[3] = { AGENT_OP_FETCH, CODE_IPA, 0 };

		for (unsigned i = 0; i < 2; i++)
			assert_true(rmmsim_ns_write(a->rh.sim, a->mailbox_pa + 8 * i, &w[i], 8));
	}
	assert_true(agent_enter(a, a->rec,
				RMI_REC_ENTER_FLAG_EMUL_MMIO | RMI_REC_ENTER_FLAG_TRAP_WFI |
					RMI_REC_ENTER_FLAG_TRAP_WFE,
				NULL, 0));
	assert_int_equal(a->exit.status, RMI_SUCCESS);
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(a->exit.esr, 0x01ULL << 26);
	assert_int_equal(a->exit.far, 0);
	assert_int_equal(a->exit.hpfar, 0);
	assert_no_fields(&a->exit);
	assert_true(agent_enter(a, a->rec, RMI_REC_ENTER_FLAG_TRAP_WFE, NULL, 0));
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(a->exit.esr, (0x01ULL << 26) | 1U);
	/* PC was past the WFE: the next entry finishes the command. */
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);
}

static void test_exit_irq_and_hvc(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	const uint32_t spin[] = { INSN_B_SELF };
	const uint32_t hvc[] = { INSN_HVC0, INSN_RET };
	uint64_t excs;

	populate(a, CODE_IPA);
	put_code(a, hvc, 2);
	excs = agent_word(a, AGENT_W_EXC);
	/* HVC in a realm is UNDEFINED: the realm takes it, no exit (EC 0, IL). */
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_EXC), excs + 1);
	assert_int_equal(agent_word(a, AGENT_W_ESR), 1ULL << 25);

	/* A realm spinning forever: the host's timer ends each entry with RMI_EXIT_IRQ. */
	put_code(a, spin, 1);
	a->max_irq = 2;
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_FAILED);
	assert_int_equal(a->exit.status, RMI_SUCCESS);
	assert_int_equal(a->exit.reason, RMI_EXIT_IRQ);
	assert_int_equal(a->exit.esr, 0);
	assert_int_equal(a->exit.far, 0);
	assert_int_equal(a->exit.hpfar, 0);
	assert_no_fields(&a->exit);
}

static void test_exit_sysreg(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	/* x9 = 0x77; msr ICC_SGI1R_EL1, x9; mrs x10, ICC_AP1R1_EL1; str x10, [x20, #128]; ret */
	const uint32_t code[] = {
		0xD2800EE9U, INSN_SYS(0, 0, 12, 11, 5, 9), INSN_SYS(1, 0, 12, 9, 1, 10),
		0xF900428AU, INSN_RET,
	};
	uint64_t gprs[1] = { 0xF0 };

	populate(a, CODE_IPA);
	put_code(a, code, 5);
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_EXIT);
	/* Write of ICC_SGI1R_EL1: unmasked ESR (EC 0x18, ISS), gprs[0] = value. */
	assert_int_equal(a->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(EC(a->exit.esr), 0x18);
	assert_int_equal(a->exit.esr & 1U, 0);              /* write */
	assert_int_equal((a->exit.esr >> 5) & 0x1FU, 9);    /* Rt */
	assert_int_equal(a->exit.gprs[0], 0x77);
	assert_int_equal(a->exit.far, 0);
	assert_int_equal(a->exit.hpfar, 0);
	/*
	 * Read of ICC_AP1R1_EL1 (absent with 5 priority bits, not modelled by the
	 * PE): forwarded; the host's value lands in Rt. (Group 0's ICV_ registers
	 * no longer exit: test_virtual_fiq_group0_from_list_register.)
	 */
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_EXIT);
	assert_int_equal(EC(a->exit.esr), 0x18);
	assert_int_equal(a->exit.esr & 1U, 1);
	assert_int_equal((a->exit.esr >> 5) & 0x1FU, 10);
	assert_int_equal(agent_resume(a, 0, gprs, 1), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), 0xF0);
}

static void test_exit_ripas_change(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	uint64_t x[11] = { RSI_IPA_STATE_SET_FID, RH_SCRATCH_IPA, RH_SCRATCH_IPA + 0x4000, RSI_EMPTY,
			   RSI_NO_CHANGE_DESTROYED };
	uint64_t out[8];
	struct rh_ret ret;

	assert_int_equal(agent_smc(a, x, out), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_RIPAS_CHANGE);
	assert_int_equal(a->exit.ripas_base, RH_SCRATCH_IPA);
	assert_int_equal(a->exit.ripas_top, RH_SCRATCH_IPA + 0x4000);
	assert_int_equal(a->exit.ripas_value, RMI_EMPTY);
	assert_int_equal(a->exit.esr, 0);
	/* The host applies half of it; the realm learns how far it got. */
	ret = rh_rmi(&a->rh, RMI_RTT_SET_RIPAS_FID, a->rh.rd, a->rh.recs[0].pa, RH_SCRATCH_IPA,
		     RH_SCRATCH_IPA + 0x2000);
	assert_int_equal(ret.status, RMI_SUCCESS);
	assert_int_equal(ret.x[1], RH_SCRATCH_IPA + 0x2000);
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), RSI_SUCCESS);
	assert_int_equal(agent_word(a, AGENT_W_RES + 1), RH_SCRATCH_IPA + 0x2000);
	assert_int_equal(agent_word(a, AGENT_W_RES + 2), RSI_ACCEPT);
	/* RSI_IPA_STATE_GET sees it. */
	smc(a, RSI_IPA_STATE_GET_FID, RH_SCRATCH_IPA, RH_SCRATCH_IPA + 0x4000, 0, out);
	assert_int_equal(out[0], RSI_SUCCESS);
	assert_int_equal(out[1], RH_SCRATCH_IPA + 0x2000);
	assert_int_equal(out[2], RSI_EMPTY);
	/* A RIPAS EMPTY page now takes an SEA inside the realm. */
	assert_int_equal(agent_load(a, RH_SCRATCH_IPA, NULL), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_ESR) & 0x3FU, 0x10);
}

static void test_exit_psci(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	uint64_t x[11] = { PSCI_CPU_ON_64, a->rh.recs[1].mpidr, RH_LOAD_IPA, a->mailbox_ipa };
	struct rh_ret ret;
	uint64_t out[8];

	/* CPU_ON: RMI_EXIT_PSCI with the FID and the target; the host must complete it. */
	assert_int_equal(agent_smc(a, x, out), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_PSCI);
	assert_int_equal(a->exit.gprs[0], PSCI_CPU_ON_64);
	assert_int_equal(a->exit.gprs[1], a->rh.recs[1].mpidr);
	assert_int_equal(a->exit.esr, 0);
	/* Entering before RMI_PSCI_COMPLETE is refused (rec_psci). */
	assert_true(agent_enter(a, 0, 0, NULL, 0));
	assert_int_equal(a->exit.status, RMI_ERROR_REC);
	ret = rh_rmi(&a->rh, RMI_PSCI_COMPLETE_FID, a->rh.recs[0].pa, a->rh.recs[1].pa, 0, 0);
	assert_int_equal(ret.status, RMI_SUCCESS);
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), 0); /* PSCI_SUCCESS */

	/* REC 1 runs the agent from its entry point with X0 = context_id = the mailbox. */
	a->rec = 1;
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);

	/* SYSTEM_OFF: RMI_EXIT_PSCI, then the realm cannot be entered again. */
	x[0] = PSCI_SYSTEM_OFF;
	assert_int_equal(agent_smc(a, x, out), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_PSCI);
	assert_int_equal(a->exit.gprs[0], PSCI_SYSTEM_OFF);
	assert_true(agent_enter(a, 0, 0, NULL, 0));
	assert_int_equal(a->exit.status, RMI_ERROR_REALM);
	assert_int_equal(a->exit.index, 1);
}

/*
 * A virtual interrupt the host puts in a list register: the realm takes it
 * once it has set ICC_PMR_EL1 / ICC_IGRPEN1_EL1 and unmasked IRQs, reads
 * ICC_IAR1_EL1 (the LR becomes active: the host sees it in RecExit) and
 * writes ICC_EOIR1_EL1 (the LR is invalid again; MISR.NP with NPIE).
 */
static void test_virtual_irq_from_list_register(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	const uint32_t setup_code[] = {
		0xD2801E09U,                  /* mov x9, #0xf0 */
		INSN_SYS(0, 0, 4, 6, 0, 9),   /* msr ICC_PMR_EL1, x9 */
		0xD280002AU,                  /* mov x10, #1 */
		INSN_SYS(0, 0, 12, 12, 7, 10), /* msr ICC_IGRPEN1_EL1, x10 */
		0xD50342FFU,                  /* msr daifclr, #2 */
		0xD503201FU,                  /* nop */
		0xD503201FU,                  /* nop */
		INSN_RET,
	};
	const uint32_t ack_code[] = {
		INSN_SYS(1, 0, 12, 12, 0, 9), /* mrs x9, ICC_IAR1_EL1 */
		0xF9004289U,                  /* str x9, [x20, #128] */
		INSN_RET,
	};
	const uint32_t eoi_code[] = {
		0xF9404289U,                  /* ldr x9, [x20, #128]: the INTID read from IAR */
		INSN_SYS(0, 0, 12, 12, 1, 9), /* msr ICC_EOIR1_EL1, x9 */
		INSN_RET,
	};
	/* Pending, Group 1, priority 0x80, vINTID 42. */
	const uint64_t lr = (1ULL << 62) | (1ULL << 60) | (0x80ULL << 48) | 42U;
	uint64_t excs;

	populate(a, CODE_IPA);
	put_code(a, setup_code, 8);
	excs = agent_word(a, AGENT_W_EXC);
	a->gic_lrs[0] = lr;
	a->gic_hcr = 1ULL << 3; /* NPIE */
	/* Unmasked with the LR pending: an IRQ exception (vector 0x280), no REC exit. */
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_EXC), excs + 1);
	/* Still pending until acknowledged: the host sees it so, and MISR.NP is clear. */
	assert_int_equal(a->exit.gic_lrs[0] >> 62, 1);
	assert_int_equal(a->exit.gic_misr & (1U << 3), 0);
	assert_int_equal((a->exit.gic_vmcr >> 24) & 0xF8U, 0xF0);
	assert_int_equal(a->exit.gic_vmcr & 2U, 2);
	/* IAR: vINTID 42, the LR is active. */
	put_code(a, ack_code, 3);
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), 42);
	assert_int_equal(a->exit.gic_lrs[0] >> 62, 2);
	/* EOI: deactivated (EOImode 0), no pending LR left: MISR.NP with NPIE. */
	put_code(a, eoi_code, 3);
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(a->exit.gic_lrs[0] >> 62, 0);
	assert_int_equal(a->exit.gic_misr & (1U << 3), 1U << 3);
	assert_int_equal((a->exit.gic_hcr >> 27) & 0x1FU, 0);
	/* EOI of an interrupt no LR holds: EOIcount counts it. */
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal((a->exit.gic_hcr >> 27) & 0x1FU, 1);
}

/*
 * The other realm PSCI calls: CPU_SUSPEND (exit, X0 = SUCCESS at once),
 * AFFINITY_INFO (exit, RMI_PSCI_COMPLETE answers ON/OFF), CPU_ON's early
 * errors (no exit), CPU_OFF (exit, REC no longer enterable), and
 * SYSTEM_RESET (exit, realm off) on a fresh realm.
 */
static void test_exit_psci_other_calls(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	uint64_t x[11] = { 0xC4000001ULL /* CPU_SUSPEND */, 0, 0 };
	uint64_t out[8];
	struct rh_ret ret;

	assert_int_equal(agent_smc(a, x, out), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_PSCI);
	assert_int_equal(a->exit.gprs[0], 0xC4000001ULL);
	for (unsigned i = 1; i < 31; i++)
		assert_int_equal(a->exit.gprs[i], 0);
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), 0);

	/* AFFINITY_INFO of REC 1 (off): exit, completed by the host. */
	x[0] = 0xC4000004ULL;
	x[1] = a->rh.recs[1].mpidr;
	x[2] = 0;
	assert_int_equal(agent_smc(a, x, out), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_PSCI);
	assert_int_equal(a->exit.gprs[1], a->rh.recs[1].mpidr);
	ret = rh_rmi(&a->rh, RMI_PSCI_COMPLETE_FID, a->rh.recs[0].pa, a->rh.recs[1].pa, 0, 0);
	assert_int_equal(ret.status, RMI_SUCCESS);
	assert_int_equal(agent_resume(a, 0, NULL, 0), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), 1); /* OFF */
	/* AFFINITY_INFO with lowest level 1: INVALID_PARAMS, no exit. */
	x[2] = 1;
	assert_int_equal(agent_smc(a, x, out), AGENT_DONE);
	assert_int_equal(out[0], (uint64_t)-2);

	/* CPU_ON early errors, no exit: entry not protected; unknown target; itself. */
	x[0] = 0xC4000003ULL;
	x[1] = a->rh.recs[1].mpidr;
	x[2] = a->unprot_base;
	assert_int_equal(agent_smc(a, x, out), AGENT_DONE);
	assert_int_equal(out[0], (uint64_t)-9);
	x[1] = 7;
	x[2] = RH_LOAD_IPA;
	assert_int_equal(agent_smc(a, x, out), AGENT_DONE);
	assert_int_equal(out[0], (uint64_t)-2);
	x[1] = a->rh.recs[0].mpidr;
	assert_int_equal(agent_smc(a, x, out), AGENT_DONE);
	assert_int_equal(out[0], (uint64_t)-4);

	/* PSCI_FEATURES(CPU_SUSPEND) = SUCCESS; an unknown PSCI FID: NOT_SUPPORTED. */
	x[0] = 0x8400000AULL;
	x[1] = 0xC4000001ULL;
	assert_int_equal(agent_smc(a, x, out), AGENT_DONE);
	assert_int_equal(out[0], 0);
	x[0] = 0x84000010ULL;
	assert_int_equal(agent_smc(a, x, out), AGENT_DONE);
	assert_int_equal(out[0], (uint64_t)-1);

	/* CPU_OFF: exit; the REC cannot be entered again. */
	x[0] = 0x84000002ULL;
	assert_int_equal(agent_smc(a, x, out), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_PSCI);
	assert_int_equal(a->exit.gprs[0], 0x84000002ULL);
	assert_true(agent_enter(a, 0, 0, NULL, 0));
	assert_int_equal(a->exit.status, RMI_ERROR_REC);
}

static void test_exit_psci_system_reset(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	uint64_t x[11] = { 0x84000009ULL };

	assert_int_equal(agent_smc(a, x, NULL), AGENT_EXIT);
	assert_int_equal(a->exit.reason, RMI_EXIT_PSCI);
	assert_int_equal(a->exit.gprs[0], 0x84000009ULL);
	assert_true(agent_enter(a, 0, 0, NULL, 0));
	assert_int_equal(a->exit.status, RMI_ERROR_REALM);
	assert_int_equal(a->exit.index, 1);
}

/* Another realm's DATA, an RMM granule (RD, RTT) and Realm PAS memory are out of reach. */
static void test_isolation(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	struct agent *b = calloc(1, sizeof(*b));
	struct rh_config cfg = { .vmid = 2, .slot = 1 };
	const uint64_t secret = 0x5EC2E75EC2E75EC2ULL;
	pa_t targets[3];
	uint64_t v;

	assert_non_null(b);
	if (!agent_init(b, a->rh.sim, &cfg))
		fail_msg("second realm: %s", b->rh.res.error);
	populate(b, CODE_IPA);
	assert_int_equal(agent_store(b, CODE_IPA, secret), AGENT_DONE);
	targets[0] = b->rh.data[b->rh.num_data - 1].pa; /* B's DATA with the secret */
	targets[1] = b->rh.rd;                         /* an RMM granule */
	targets[2] = b->rh.rtt_root;
	for (unsigned i = 0; i < 3; i++) {
		ipa_t ipa = a->unprot_base + 0x40000 + 0x1000ULL * i;
		uint64_t excs = agent_word(a, AGENT_W_EXC);
		struct rh_ret ret;

		/* The host may map any PA as Unprotected (NS OA not checked)... */
		if (!rh_rtt_ensure(&a->rh, ipa, 3))
			fail_msg("%s", a->rh.res.error);
		ret = rh_rmi(&a->rh, RMI_RTT_MAP_UNPROTECTED_FID, a->rh.rd, ipa, 3,
			     targets[i] | (0x6ULL << 2) | (0x3ULL << 6));
		assert_int_equal(ret.status, RMI_SUCCESS);
		/* ...but the access is NS PAS: the GPC fails it and the realm takes an SEA. */
		v = 0;
		assert_int_equal(agent_load(a, ipa, &v), AGENT_DONE);
		assert_int_equal(agent_word(a, AGENT_W_EXC), excs + 1);
		assert_int_equal(agent_word(a, AGENT_W_ESR) & 0x3FU, 0x10);
		assert_int_not_equal(v, secret);
		ret = rh_rmi(&a->rh, RMI_RTT_UNMAP_UNPROTECTED_FID, a->rh.rd, ipa, 3, 0);
		assert_int_equal(ret.status, RMI_SUCCESS);
	}
	/* The same PAs as Protected IPAs of A: never mapped, so never reachable. */
	assert_int_equal(agent_load(a, targets[0] & 0xFFFFFFFULL, &v), AGENT_DONE);
	assert_int_not_equal(v, secret);
	assert_true(agent_teardown(b));
	agent_fini(b);
	free(b);
}

/* An NS page mapped into the realm stops being visible when the host delegates it. */
static void test_delegated_ns_page_unmapped(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	ipa_t ipa = a->unprot_base + 0x50000;
	pa_t ns = rh_ns_alloc(&a->rh);
	uint64_t v = 0, marker = 0xAB;
	struct rh_ret ret;

	assert_true(ns != 0);
	assert_true(rmmsim_ns_write(a->rh.sim, ns, &marker, 8));
	assert_true(rh_rtt_ensure(&a->rh, ipa, 3));
	ret = rh_rmi(&a->rh, RMI_RTT_MAP_UNPROTECTED_FID, a->rh.rd, ipa, 3,
		     ns | (0x6ULL << 2) | (0x3ULL << 6));
	assert_int_equal(ret.status, RMI_SUCCESS);
	assert_int_equal(agent_load(a, ipa, &v), AGENT_DONE);
	assert_int_equal(v, marker);
	ret = rh_rmi(&a->rh, RMI_GRANULE_DELEGATE_FID, ns, 0, 0, 0);
	assert_int_equal(ret.status, RMI_SUCCESS);
	v = 0;
	assert_int_equal(agent_load(a, ipa, &v), AGENT_DONE);
	assert_int_equal(v, 0);
	assert_int_equal(agent_word(a, AGENT_W_ESR) & 0x3FU, 0x10);
	assert_int_equal(rh_rmi(&a->rh, RMI_GRANULE_UNDELEGATE_FID, ns, 0, 0, 0).status,
			 RMI_SUCCESS);
	assert_int_equal(rh_rmi(&a->rh, RMI_RTT_UNMAP_UNPROTECTED_FID, a->rh.rd, ipa, 3, 0).status,
			 RMI_SUCCESS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rsi_in_realm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_host_call, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_emulatable_mmio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inject_sea_after_mmio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_protected_aborts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroyed_ripas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_wfx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_irq_and_hvc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_sysreg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_ripas_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_psci, setup2, teardown),
		cmocka_unit_test_setup_teardown(test_exit_psci_other_calls, setup2, teardown),
		cmocka_unit_test_setup_teardown(test_exit_psci_system_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_virtual_irq_from_list_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_isolation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delegated_ns_page_unmapped, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
