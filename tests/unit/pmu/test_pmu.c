/* SPDX-License-Identifier: BSD-3-Clause */
/* sim_pmu: PMUv3 counting, overflow and the interrupt condition. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pmu.h"

#define PMCR PMU_SYS_ENC(3, 3, 9, 12, 0)
#define CNTENSET PMU_SYS_ENC(3, 3, 9, 12, 1)
#define CNTENCLR PMU_SYS_ENC(3, 3, 9, 12, 2)
#define OVSCLR PMU_SYS_ENC(3, 3, 9, 12, 3)
#define SWINC PMU_SYS_ENC(3, 3, 9, 12, 4)
#define SELR PMU_SYS_ENC(3, 3, 9, 12, 5)
#define CCNTR PMU_SYS_ENC(3, 3, 9, 13, 0)
#define XEVTYPER PMU_SYS_ENC(3, 3, 9, 13, 1)
#define XEVCNTR PMU_SYS_ENC(3, 3, 9, 13, 2)
#define INTENSET PMU_SYS_ENC(3, 0, 9, 14, 1)
#define OVSSET PMU_SYS_ENC(3, 3, 9, 14, 3)
#define EVCNTR(n) PMU_SYS_ENC(3, 3, 14, 8 + (n) / 8, (n) % 8)
#define EVTYPER(n) PMU_SYS_ENC(3, 3, 14, 12 + (n) / 8, (n) % 8)
#define CCFILTR PMU_SYS_ENC(3, 3, 14, 15, 7)
#define CYC (1U << 31)

static uint64_t rd(struct pmu *p, unsigned enc)
{
	uint64_t v = 0xDEAD;

	assert_true(pmu_sysreg_read(p, enc, &v));
	return v;
}

static void wr(struct pmu *p, unsigned enc, uint64_t v)
{
	assert_true(pmu_sysreg_write(p, enc, v));
}

static void pmcr__reports_n_and_keeps_writable_bits(void **state)
{
	struct pmu p;

	pmu_init(&p, 6);
	assert_int_equal((rd(&p, PMCR) >> 11) & 0x1F, 6);
	wr(&p, PMCR, PMCR_E | PMCR_LC | PMCR_P | PMCR_C);
	assert_int_equal(rd(&p, PMCR) & 0xFF, PMCR_E | PMCR_LC); /* P and C read as 0 */
}

static void nothing_counts_while_pmcr_e_is_clear(void **state)
{
	struct pmu p;

	pmu_init(&p, 2);
	wr(&p, CNTENSET, CYC | 1);
	wr(&p, EVTYPER(0), PMU_EVT_INST_RETIRED);
	pmu_advance(&p, 1000, 500);
	assert_int_equal(rd(&p, CCNTR), 0);
	assert_int_equal(rd(&p, EVCNTR(0)), 0);
}

static void cycle_counter_and_events_count_cycles_and_instructions(void **state)
{
	struct pmu p;

	pmu_init(&p, 3);
	wr(&p, EVTYPER(0), PMU_EVT_INST_RETIRED);
	wr(&p, EVTYPER(1), PMU_EVT_CPU_CYCLES);
	wr(&p, EVTYPER(2), 0x23); /* not modelled: counts nothing */
	wr(&p, CNTENSET, CYC | 7);
	wr(&p, PMCR, PMCR_E);
	pmu_advance(&p, 1000, 400);
	assert_int_equal(rd(&p, CCNTR), 1000);
	assert_int_equal(rd(&p, EVCNTR(0)), 400);
	assert_int_equal(rd(&p, EVCNTR(1)), 1000);
	assert_int_equal(rd(&p, EVCNTR(2)), 0);
	/* Disabled counters stop. */
	wr(&p, CNTENCLR, 1);
	pmu_advance(&p, 10, 10);
	assert_int_equal(rd(&p, EVCNTR(0)), 400);
	assert_int_equal(rd(&p, EVCNTR(1)), 1010);
}

static void pmcr_d_divides_the_cycle_counter_by_64(void **state)
{
	struct pmu p;

	pmu_init(&p, 0);
	wr(&p, CNTENSET, CYC);
	wr(&p, PMCR, PMCR_E | PMCR_D);
	pmu_advance(&p, 100, 0);
	pmu_advance(&p, 100, 0);
	assert_int_equal(rd(&p, CCNTR), 3);
}

static void event_counter_overflows_at_32_bits_and_raises_the_interrupt(void **state)
{
	struct pmu p;

	pmu_init(&p, 2);
	wr(&p, EVTYPER(1), PMU_EVT_CPU_CYCLES);
	wr(&p, EVCNTR(1), 0xFFFFFF00ULL);
	wr(&p, CNTENSET, 2);
	wr(&p, INTENSET, 2);
	wr(&p, PMCR, PMCR_E);
	assert_int_equal(pmu_cycles_to_overflow(&p, 1000), 0x100);
	pmu_advance(&p, 0xFF, 0);
	assert_false(pmu_irq(&p));
	pmu_advance(&p, 1, 0);
	assert_true(pmu_irq(&p));
	assert_int_equal(rd(&p, OVSSET), 2);
	assert_int_equal(rd(&p, EVCNTR(1)), 0);
	/* Clearing the overflow drops the request. */
	wr(&p, OVSCLR, 2);
	assert_false(pmu_irq(&p));
}

static void overflow_without_inten_is_latched_but_no_interrupt(void **state)
{
	struct pmu p;

	pmu_init(&p, 1);
	wr(&p, EVTYPER(0), PMU_EVT_CPU_CYCLES);
	wr(&p, EVCNTR(0), 0xFFFFFFFFULL);
	wr(&p, CNTENSET, 1);
	wr(&p, PMCR, PMCR_E);
	assert_int_equal(pmu_cycles_to_overflow(&p, 1000), PMU_NEVER);
	pmu_advance(&p, 5, 0);
	assert_int_equal(rd(&p, OVSSET), 1);
	assert_false(pmu_irq(&p));
	wr(&p, INTENSET, 1);
	assert_true(pmu_irq(&p));
	wr(&p, PMCR, 0); /* E = 0 masks the request */
	assert_false(pmu_irq(&p));
}

static void cycle_counter_is_64_bit_with_lc_else_32(void **state)
{
	struct pmu p;

	pmu_init(&p, 0);
	wr(&p, CNTENSET, CYC);
	wr(&p, INTENSET, CYC);
	wr(&p, CCNTR, 0xFFFFFFF0ULL);
	wr(&p, PMCR, PMCR_E | PMCR_LC);
	pmu_advance(&p, 0x20, 0);
	assert_int_equal(rd(&p, CCNTR), 0x100000010ULL);
	assert_false(pmu_irq(&p));
	wr(&p, CCNTR, 0xFFFFFFF0ULL);
	wr(&p, PMCR, PMCR_E);
	assert_int_equal(pmu_cycles_to_overflow(&p, 1000), 0x10);
	pmu_advance(&p, 0x20, 0);
	assert_int_equal(rd(&p, CCNTR), 0x10);
	assert_true(pmu_irq(&p));
	assert_int_equal(rd(&p, OVSSET), CYC);
}

static void inst_retired_overflow_in_cycles_follows_cpi(void **state)
{
	struct pmu p;

	pmu_init(&p, 1);
	wr(&p, EVTYPER(0), PMU_EVT_INST_RETIRED);
	wr(&p, EVCNTR(0), 0xFFFFFFFFULL - 99);
	wr(&p, CNTENSET, 1);
	wr(&p, INTENSET, 1);
	wr(&p, PMCR, PMCR_E);
	assert_int_equal(pmu_cycles_to_overflow(&p, 2000), 200); /* 100 insns at CPI 2 */
}

static void p_and_c_reset_the_counters(void **state)
{
	struct pmu p;

	pmu_init(&p, 2);
	wr(&p, EVCNTR(0), 5);
	wr(&p, EVCNTR(1), 6);
	wr(&p, CCNTR, 7);
	wr(&p, PMCR, PMCR_P);
	assert_int_equal(rd(&p, EVCNTR(0)) | rd(&p, EVCNTR(1)), 0);
	assert_int_equal(rd(&p, CCNTR), 7);
	wr(&p, PMCR, PMCR_C);
	assert_int_equal(rd(&p, CCNTR), 0);
}

static void selr_xevcntr_xevtyper_and_swinc(void **state)
{
	struct pmu p;

	pmu_init(&p, 4);
	wr(&p, SELR, 3);
	wr(&p, XEVTYPER, PMU_EVT_SW_INCR);
	wr(&p, XEVCNTR, 0xFFFFFFFFULL);
	assert_int_equal(rd(&p, EVTYPER(3)), PMU_EVT_SW_INCR);
	wr(&p, CNTENSET, 8);
	wr(&p, INTENSET, 8);
	wr(&p, PMCR, PMCR_E);
	wr(&p, SWINC, 8);
	assert_int_equal(rd(&p, EVCNTR(3)), 0);
	assert_true(pmu_irq(&p));
}

static void unimplemented_counters_are_raz_wi(void **state)
{
	struct pmu p;

	pmu_init(&p, 2);
	wr(&p, EVCNTR(5), 123);
	assert_int_equal(rd(&p, EVCNTR(5)), 0);
	wr(&p, CNTENSET, 0xFF);
	assert_int_equal(rd(&p, CNTENSET), 3);
	assert_false(pmu_sysreg_read(&p, PMU_SYS_ENC(3, 3, 9, 15, 0), &(uint64_t){ 0 }));
}

/*
 * The filter decision, EL x Security state x bits (Arm ARM CountPMUEvents,
 * pmu.h): each row one filter value and whether it counts at each place.
 */
enum { NS0, NS1, NS2, R0, R1, R2, S0, S1, S2, EL3, PLACES };

struct filter_row {
	uint32_t bits;
	const char *what;
	bool counts[PLACES]; /* NS0 NS1 NS2 R0 R1 R2 S0 S1 S2 EL3 */
};

static const struct filter_row filter_table[] = {
	{ 0, "no bits: EL0/EL1 of every state and EL3; no EL2 (NSH = 0)",
	  { 1, 1, 0, 1, 1, 0, 1, 1, 0, 1 } },
	{ PMU_FILT_NSH, "NSH: EL2 of every state (RLH = SH = 0 differ from NSH)",
	  { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
	{ PMU_FILT_P, "P: no EL1 anywhere (NSK = RLK = 0 differ from P), no EL3 (M != P)",
	  { 1, 0, 0, 1, 0, 0, 1, 0, 0, 0 } },
	{ PMU_FILT_P | PMU_FILT_NSK, "P = NSK = 1: NS EL1 counts, Realm/Secure EL1 not",
	  { 1, 1, 0, 1, 0, 0, 1, 0, 0, 0 } },
	{ PMU_FILT_NSK, "NSK alone: only NS EL1 hidden",
	  { 1, 0, 0, 1, 1, 0, 1, 1, 0, 1 } },
	{ PMU_FILT_U, "U: no EL0 anywhere",
	  { 0, 1, 0, 0, 1, 0, 0, 1, 0, 1 } },
	{ PMU_FILT_U | PMU_FILT_NSU, "U = NSU = 1: NS EL0 counts, Realm/Secure EL0 not",
	  { 1, 1, 0, 0, 1, 0, 0, 1, 0, 1 } },
	{ PMU_FILT_RLU, "RLU alone: only Realm EL0 hidden",
	  { 1, 1, 0, 0, 1, 0, 1, 1, 0, 1 } },
	{ PMU_FILT_RLK, "RLK alone: only Realm EL1 hidden",
	  { 1, 1, 0, 1, 0, 0, 1, 1, 0, 1 } },
	{ PMU_FILT_P | PMU_FILT_RLK, "P = RLK = 1: Realm EL1 counts, NS/Secure EL1 and EL3 not",
	  { 1, 0, 0, 1, 1, 0, 1, 0, 0, 0 } },
	{ PMU_FILT_RLH, "RLH alone: Realm EL2 counts (RLH != NSH), NS EL2 not",
	  { 1, 1, 0, 1, 1, 1, 1, 1, 0, 1 } },
	{ PMU_FILT_NSH | PMU_FILT_RLH, "NSH = RLH = 1: NS and Secure EL2 count, Realm EL2 not",
	  { 1, 1, 1, 1, 1, 0, 1, 1, 1, 1 } },
	{ PMU_FILT_SH, "SH alone: Secure EL2 counts (SH != NSH)",
	  { 1, 1, 0, 1, 1, 0, 1, 1, 1, 1 } },
	{ PMU_FILT_M, "M alone: EL3 hidden (M != P)",
	  { 1, 1, 0, 1, 1, 0, 1, 1, 0, 0 } },
	{ PMU_FILT_M | PMU_FILT_P, "M = P = 1: EL3 counts, EL1 hidden",
	  { 1, 0, 0, 1, 0, 0, 1, 0, 0, 1 } },
};

static void filter__decision_table_of_el_security_state_and_bits(void **state)
{
	static const unsigned el[PLACES] = { 0, 1, 2, 0, 1, 2, 0, 1, 2, 3 };
	static const enum pmu_ss ss[PLACES] = {
		PMU_SS_NONSECURE, PMU_SS_NONSECURE, PMU_SS_NONSECURE, PMU_SS_REALM, PMU_SS_REALM,
		PMU_SS_REALM, PMU_SS_SECURE, PMU_SS_SECURE, PMU_SS_SECURE, PMU_SS_ROOT,
	};

	for (size_t r = 0; r < sizeof(filter_table) / sizeof(filter_table[0]); r++) {
		const struct filter_row *row = &filter_table[r];

		for (unsigned k = 0; k < PLACES; k++) {
			bool got = pmu_filter_counts(row->bits | PMU_EVT_CPU_CYCLES, el[k], ss[k]);

			if (got != row->counts[k])
				fail_msg("%s: place %u (EL%u) counts %d, expected %d", row->what, k,
					 el[k], got, row->counts[k]);
		}
	}
}

static void filter__counters_count_only_in_their_context(void **state)
{
	struct pmu p;

	pmu_init(&p, 2);
	wr(&p, EVTYPER(0), PMU_EVT_INST_RETIRED | PMU_FILT_NSH | PMU_FILT_P | PMU_FILT_U); /* EL2 */
	wr(&p, EVTYPER(1), PMU_EVT_INST_RETIRED);                             /* EL0/EL1 */
	wr(&p, CCFILTR, PMU_FILT_U);
	wr(&p, CNTENSET, CYC | 3);
	wr(&p, PMCR, PMCR_E | PMCR_LC);
	pmu_set_context(&p, 2, PMU_SS_NONSECURE);
	pmu_advance(&p, 100, 10);
	pmu_set_context(&p, 1, PMU_SS_NONSECURE);
	pmu_advance(&p, 200, 20);
	pmu_set_context(&p, 0, PMU_SS_NONSECURE);
	pmu_advance(&p, 400, 40);
	assert_int_equal(rd(&p, EVCNTR(0)), 10);
	assert_int_equal(rd(&p, EVCNTR(1)), 60);
	assert_int_equal(rd(&p, CCNTR), 200);  /* U: EL1 only (no NSH: not EL2) */
}

static void filter__a_filtered_counter_never_overflows_in_this_context(void **state)
{
	struct pmu p;

	pmu_init(&p, 1);
	wr(&p, EVTYPER(0), PMU_EVT_CPU_CYCLES);  /* no NSH: not at EL2 */
	wr(&p, EVCNTR(0), 0xFFFFFF00U);
	wr(&p, CNTENSET, 1);
	wr(&p, INTENSET, 1);
	wr(&p, PMCR, PMCR_E);
	pmu_set_context(&p, 2, PMU_SS_NONSECURE);
	assert_int_equal(pmu_cycles_to_overflow(&p, 1000), PMU_NEVER);
	pmu_advance(&p, 0x1000, 0);
	assert_false(pmu_irq(&p));
	pmu_set_context(&p, 1, PMU_SS_NONSECURE);
	assert_int_equal(pmu_cycles_to_overflow(&p, 1000), 0x100);
}

static void filter__el_sensitivity_only_with_enabled_counters_that_differ(void **state)
{
	struct pmu p;

	pmu_init(&p, 2);
	wr(&p, EVTYPER(0), PMU_EVT_INST_RETIRED);
	wr(&p, CNTENSET, 1);
	assert_false(pmu_el_sensitive(&p, PMU_SS_REALM, 1));  /* PMCR.E = 0 */
	wr(&p, PMCR, PMCR_E);
	assert_false(pmu_el_sensitive(&p, PMU_SS_REALM, 1));  /* R-EL0 and R-EL1 alike */
	assert_true(pmu_el_sensitive(&p, PMU_SS_NONSECURE, 2)); /* NS EL2 not counted */
	wr(&p, EVTYPER(0), PMU_EVT_INST_RETIRED | PMU_FILT_P);
	assert_true(pmu_el_sensitive(&p, PMU_SS_REALM, 1));
	wr(&p, CNTENSET, 0);
	wr(&p, CNTENCLR, 1);
	assert_false(pmu_el_sensitive(&p, PMU_SS_REALM, 1));  /* disabled counters do not matter */
}

static void filter__bits_are_writable_and_read_back(void **state)
{
	struct pmu p;
	uint32_t all = PMU_FILT_P | PMU_FILT_U | PMU_FILT_NSK | PMU_FILT_NSU | PMU_FILT_NSH |
		       PMU_FILT_M | PMU_FILT_SH | PMU_FILT_RLK | PMU_FILT_RLU | PMU_FILT_RLH;

	pmu_init(&p, 1);
	wr(&p, EVTYPER(0), 0xFFFFFFFFU);
	assert_int_equal(rd(&p, EVTYPER(0)), all | 0xFFFFU);
	wr(&p, CCFILTR, 0xFFFFFFFFU);
	assert_int_equal(rd(&p, CCFILTR), all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pmcr__reports_n_and_keeps_writable_bits),
		cmocka_unit_test(nothing_counts_while_pmcr_e_is_clear),
		cmocka_unit_test(cycle_counter_and_events_count_cycles_and_instructions),
		cmocka_unit_test(pmcr_d_divides_the_cycle_counter_by_64),
		cmocka_unit_test(event_counter_overflows_at_32_bits_and_raises_the_interrupt),
		cmocka_unit_test(overflow_without_inten_is_latched_but_no_interrupt),
		cmocka_unit_test(cycle_counter_is_64_bit_with_lc_else_32),
		cmocka_unit_test(inst_retired_overflow_in_cycles_follows_cpi),
		cmocka_unit_test(p_and_c_reset_the_counters),
		cmocka_unit_test(selr_xevcntr_xevtyper_and_swinc),
		cmocka_unit_test(unimplemented_counters_are_raz_wi),
		cmocka_unit_test(filter__decision_table_of_el_security_state_and_bits),
		cmocka_unit_test(filter__counters_count_only_in_their_context),
		cmocka_unit_test(filter__a_filtered_counter_never_overflows_in_this_context),
		cmocka_unit_test(filter__el_sensitivity_only_with_enabled_counters_that_differ),
		cmocka_unit_test(filter__bits_are_writable_and_read_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
