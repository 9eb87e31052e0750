/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts and time in a running realm (issue 12), through the agent:
 * Group 0 list-register delivery as a virtual FIQ with the ICV_ Group 0
 * registers, RMI_EXIT_IRQ from the realm's EL1 timers and PMU overflow
 * with the RmiRecExit timer fields and pmu_ovf_status (psci-and-exits.md
 * §4-§6), and the PMU's RAZ/WI registers in a realm without one.
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

#define INSN_RET 0xD65F03C0U
/* MSR/MRS S3_<op1>_C<crn>_C<crm>_<op2>, X<rt> (op0 = 3). */
#define INSN_SYS(read, op1, crn, crm, op2, rt)                                              \
	(0xD5180000U | ((read) ? 0x200000U : 0U) | ((unsigned)(op1) << 16) |                \
	 ((unsigned)(crn) << 12) | ((unsigned)(crm) << 8) | ((unsigned)(op2) << 5) | (rt))

/* A protected RAM page populated by the build (the agent image itself is at RH_LOAD_IPA). */
#define CODE_IPA (RH_SCRATCH_IPA)

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

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (!agent_teardown(&f->a))
		print_error("teardown: %s\n", f->a.rh.res.error);
	agent_fini(&f->a);
	free(f);
	return 0;
}

/* A realm with a PMU of 4 event counters (RmiRealmParams.flags.pmu). */
static int setup_pmu(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rh_config cfg = { .num_recs = 1, .pmu_num_ctrs = 4 };

	assert_non_null(f);
	if (!agent_init(&f->a, NULL, &cfg))
		fail_msg("agent_init: %s", f->a.rh.res.error);
	*state = f;
	return 0;
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

/*
 * Group 0 (issue 12/13): a Group 0 LR is a virtual FIQ, acknowledged with
 * ICV_IAR0 and ended with ICV_EOIR0 inside the realm, without a REC exit;
 * ICV_IAR1 does not see it.
 */
static void test_virtual_fiq_group0_from_list_register(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	const uint32_t setup_code[] = {
		0xD2801E09U,                  /* mov x9, #0xf0 */
		INSN_SYS(0, 0, 4, 6, 0, 9),   /* msr ICC_PMR_EL1, x9 */
		0xD280002AU,                  /* mov x10, #1 */
		INSN_SYS(0, 0, 12, 12, 6, 10), /* msr ICC_IGRPEN0_EL1, x10 */
		0xD50341FFU,                  /* msr daifclr, #1 (F) */
		0xD503201FU,                  /* nop */
		0xD503201FU,                  /* nop */
		INSN_RET,
	};
	const uint32_t ack_code[] = {
		INSN_SYS(1, 0, 12, 12, 0, 9), /* mrs x9, ICC_IAR1_EL1: not Group 1 */
		INSN_SYS(1, 0, 12, 8, 0, 10), /* mrs x10, ICC_IAR0_EL1 */
		0xAA0A8129U,                  /* orr x9, x9, x10, lsl #32 */
		0xF9004289U,                  /* str x9, [x20, #128] */
		INSN_RET,
	};
	const uint32_t eoi_code[] = {
		0xD2800549U,                  /* mov x9, #42 */
		INSN_SYS(0, 0, 12, 8, 1, 9),  /* msr ICC_EOIR0_EL1, x9 */
		INSN_SYS(1, 0, 12, 8, 4, 10), /* mrs x10, ICC_AP0R0_EL1 */
		0xF900428AU,                  /* str x10, [x20, #128] */
		INSN_RET,
	};
	/* Pending, Group 0, priority 0x80, vINTID 42. */
	const uint64_t lr = (1ULL << 62) | (0x80ULL << 48) | 42U;
	uint64_t excs;

	populate(a, CODE_IPA);
	put_code(a, setup_code, 8);
	excs = agent_word(a, AGENT_W_EXC);
	a->gic_lrs[0] = lr;
	/* F unmasked with the LR pending: an FIQ exception, no REC exit. */
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_EXC), excs + 1);
	assert_int_equal(a->exit.gic_lrs[0] >> 62, 1);
	assert_int_equal(a->exit.gic_vmcr & 1U, 1);              /* VENG0 */
	put_code(a, ack_code, 5);
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), (42ULL << 32) | 1023U);
	assert_int_equal(a->exit.gic_lrs[0] >> 62, 2);           /* active */
	put_code(a, eoi_code, 5);
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), 0);         /* priority dropped */
	assert_int_equal(a->exit.gic_lrs[0] >> 62, 0);
	assert_int_equal((a->exit.gic_hcr >> 27) & 0x1FU, 0);
}

/*
 * The realm's EL1 virtual and physical timers (issue 12): one firing while
 * the REC runs ends it with RMI_EXIT_IRQ (ESR 0) and RmiRecExit shows
 * ENABLE | ISTATUS and CVAL in physical counter time (psci-and-exits.md §5).
 */
static void test_exit_irq_realm_timers(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	/* CNTV_TVAL = 2000 ticks (50000 instructions), CNTV_CTL = 1, then 400000 instructions. */
	const uint32_t vtimer[] = {
		0xD280FA09U,                  /* mov x9, #2000 */
		INSN_SYS(0, 3, 14, 3, 0, 9),  /* msr CNTV_TVAL_EL0, x9 */
		0xD280002AU,                  /* mov x10, #1 */
		INSN_SYS(0, 3, 14, 3, 1, 10), /* msr CNTV_CTL_EL0, x10 */
		INSN_SYS(1, 3, 14, 0, 2, 11), /* mrs x11, CNTVCT_EL0 */
		0xF900428BU,                  /* str x11, [x20, #128] */
		0xD2a0006CU,                  /* mov x12, #0x30000 */
		0xF100058CU,                  /* 1: subs x12, x12, #1 */
		0x54FFFFE1U,                  /* b.ne 1b */
		INSN_RET,
	};
	/* The same with CNTP_TVAL = 1000 and CNTP_CTL = 1. */
	const uint32_t ptimer[] = {
		0xD2807D09U,                  /* mov x9, #1000 */
		INSN_SYS(0, 3, 14, 2, 0, 9),  /* msr CNTP_TVAL_EL0, x9 */
		0xD280002AU,                  /* mov x10, #1 */
		INSN_SYS(0, 3, 14, 2, 1, 10), /* msr CNTP_CTL_EL0, x10 */
		INSN_SYS(1, 3, 14, 0, 1, 11), /* mrs x11, CNTPCT_EL0 */
		0xF900428BU,                  /* str x11, [x20, #128] */
		0xD2a0006CU,                  /* mov x12, #0x30000 */
		0xF100058CU,                  /* 1: subs x12, x12, #1 */
		0x54FFFFE1U,                  /* b.ne 1b */
		INSN_RET,
	};
	uint64_t t;

	populate(a, CODE_IPA);
	put_code(a, vtimer, 10);
	a->irq_exits = 0;
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	/* One IRQ exit: the timer's (the host's slice is 2M instructions). */
	assert_int_equal(a->irq_exits, 1);
	assert_int_equal(a->last_irq.reason, RMI_EXIT_IRQ);
	assert_int_equal(a->last_irq.esr, 0);
	assert_int_equal(a->last_irq.cntv_ctl, 5);               /* ENABLE | ISTATUS */
	t = agent_word(a, AGENT_W_RES);                          /* the count just after arming */
	assert_true(a->last_irq.cntv_cval + 1 >= t + 2000 - 2 && a->last_irq.cntv_cval <= t + 2000);
	assert_int_equal(a->last_irq.cntp_ctl, 0);
	assert_no_fields(&a->last_irq);
	/* Still asserted at the next entry: the virtual timer does not end the REC again. */
	put_code(a, ptimer, 10);
	a->irq_exits = 0;
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(a->irq_exits, 1);
	assert_int_equal(a->last_irq.cntp_ctl, 5);
	assert_int_equal(a->last_irq.cntv_ctl, 5);
	t = agent_word(a, AGENT_W_RES);
	assert_true(a->last_irq.cntp_cval + 1 >= t + 1000 - 2 && a->last_irq.cntp_cval <= t + 1000);
}

/*
 * The realm's PMU (issue 12): PMCR_EL0.N = pmu_num_ctrs; an INST_RETIRED
 * counter overflowing with its interrupt enabled ends the REC with
 * RMI_EXIT_IRQ and pmu_ovf_status = ACTIVE; once the realm clears the
 * overflow the next exit says NOT_ACTIVE (psci-and-exits.md §6).
 */
static void test_exit_irq_pmu_overflow(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	const uint32_t arm[] = {
		INSN_SYS(1, 3, 9, 12, 0, 11), /* mrs x11, PMCR_EL0 */
		0xF900428BU,                  /* str x11, [x20, #128] */
		0xD2800109U,                  /* mov x9, #8 (INST_RETIRED) */
		INSN_SYS(0, 3, 14, 12, 0, 9), /* msr PMEVTYPER0_EL0, x9 */
		0x92800009U,                  /* mov x9, #-1 */
		0xD1271129U,                  /* sub x9, x9, #0x9c4 (2500) */
		0x92407D29U,                  /* and x9, x9, #0xffffffff */
		INSN_SYS(0, 3, 14, 8, 0, 9),  /* msr PMEVCNTR0_EL0, x9 */
		0xD280002AU,                  /* mov x10, #1 */
		INSN_SYS(0, 0, 9, 14, 1, 10), /* msr PMINTENSET_EL1, x10 */
		INSN_SYS(0, 3, 9, 12, 1, 10), /* msr PMCNTENSET_EL0, x10 */
		INSN_SYS(0, 3, 9, 12, 0, 10), /* msr PMCR_EL0, x10 (E) */
		0xD2a0006CU,                  /* mov x12, #0x30000 */
		0xF100058CU,                  /* 1: subs x12, x12, #1 */
		0x54FFFFE1U,                  /* b.ne 1b */
		INSN_RET,
	};
	const uint32_t clear[] = {
		0xD280002AU,                  /* mov x10, #1 */
		INSN_SYS(0, 3, 9, 12, 3, 10), /* msr PMOVSCLR_EL0, x10 */
		INSN_SYS(1, 3, 9, 14, 3, 11), /* mrs x11, PMOVSSET_EL0 */
		0xF900428BU,                  /* str x11, [x20, #128] */
		INSN_RET,
	};

	populate(a, CODE_IPA);
	put_code(a, arm, 16);
	a->irq_exits = 0;
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal((agent_word(a, AGENT_W_RES) >> 11) & 0x1F, 4); /* PMCR_EL0.N */
	assert_int_equal(a->irq_exits, 1);
	assert_int_equal(a->last_irq.reason, RMI_EXIT_IRQ);
	assert_int_equal(a->last_irq.esr, 0);
	assert_int_equal(a->last_irq.pmu_ovf_status, 1);
	assert_int_equal(a->exit.pmu_ovf_status, 1);        /* still pending at the doorbell */
	put_code(a, clear, 5);
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), 0);
	assert_int_equal(a->exit.pmu_ovf_status, 0);
}

/* Without flags.pmu the PMU registers are RAZ/WI inside the realm: no exit. */
static void test_pmu_registers_raz_wi_without_pmu(void **state)
{
	struct fixture *f = *state;
	struct agent *a = &f->a;
	const uint32_t code[] = {
		0xD280002AU,                  /* mov x10, #1 */
		INSN_SYS(0, 3, 9, 12, 0, 10), /* msr PMCR_EL0, x10 */
		INSN_SYS(1, 3, 9, 12, 0, 11), /* mrs x11, PMCR_EL0 */
		0xF900428BU,                  /* str x11, [x20, #128] */
		INSN_RET,
	};

	populate(a, CODE_IPA);
	put_code(a, code, 5);
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	assert_int_equal(agent_word(a, AGENT_W_RES), 0);
	assert_int_equal(a->exit.pmu_ovf_status, 0);
}

/*
 * PMU filtering in a realm (issue 12): INST_RETIRED with P = 1 does not
 * count at Realm EL1 (P != RLK), with P = RLK = 1 it does (Arm ARM
 * PMEVTYPER<n>_EL0 with FEAT_RME).
 */
static uint64_t realm_loop_count(struct agent *a, uint32_t movz_filter)
{
	const uint32_t code[] = {
		movz_filter,                  /* movz x9, #filter[31:16], lsl #16 */
		0xF2800109U,                  /* movk x9, #8 (INST_RETIRED) */
		INSN_SYS(0, 3, 14, 12, 0, 9), /* msr PMEVTYPER0_EL0, x9 */
		INSN_SYS(0, 3, 14, 8, 0, 31), /* msr PMEVCNTR0_EL0, xzr */
		0xD280002AU,                  /* mov x10, #1 */
		INSN_SYS(0, 3, 9, 12, 1, 10), /* msr PMCNTENSET_EL0, x10 */
		INSN_SYS(0, 3, 9, 12, 0, 10), /* msr PMCR_EL0, x10 (E) */
		0xD2807D0CU,                  /* mov x12, #1000 */
		0xF100058CU,                  /* 1: subs x12, x12, #1 */
		0x54FFFFE1U,                  /* b.ne 1b */
		INSN_SYS(1, 3, 14, 8, 0, 11), /* mrs x11, PMEVCNTR0_EL0 */
		0xF900428BU,                  /* str x11, [x20, #128] */
		INSN_RET,
	};

	put_code(a, code, 13);
	assert_int_equal(agent_fetch(a, CODE_IPA), AGENT_DONE);
	return agent_word(a, AGENT_W_RES);
}

static void test_pmu_filter_by_realm_el1(void **state)
{
	struct fixture *f = *state;
	uint64_t hidden, shown, plain;

	populate(&f->a, CODE_IPA);
	hidden = realm_loop_count(&f->a, 0xD2B00009U);  /* P */
	shown = realm_loop_count(&f->a, 0xD2B00809U);   /* P | RLK */
	plain = realm_loop_count(&f->a, 0xD2A00009U);   /* no filter bits */

	assert_int_equal(hidden, 0);
	/* mov x12 + 1000 x (subs, b.ne), at block granularity (the MRS's block counts whole). */
	assert_true(shown >= 2001 && shown <= 2010);
	assert_int_equal(plain, shown);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_virtual_fiq_group0_from_list_register, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_exit_irq_realm_timers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_irq_pmu_overflow, setup_pmu, teardown),
		cmocka_unit_test_setup_teardown(test_pmu_filter_by_realm_el1, setup_pmu, teardown),
		cmocka_unit_test_setup_teardown(test_pmu_registers_raz_wi_without_pmu, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
