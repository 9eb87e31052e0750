/* SPDX-License-Identifier: BSD-3-Clause */
/* sim_timer: counter conversion and the generic timer conditions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gtimer.h"

#define CLOCK_HZ 2500000000ULL

static void ticks__fvp_counter_runs_at_one_tick_per_25_cycles(void **state)
{
	assert_int_equal(gtimer_ticks(0, GTIMER_CNTFRQ_FVP, CLOCK_HZ), 0);
	assert_int_equal(gtimer_ticks(24, GTIMER_CNTFRQ_FVP, CLOCK_HZ), 0);
	assert_int_equal(gtimer_ticks(25, GTIMER_CNTFRQ_FVP, CLOCK_HZ), 1);
	assert_int_equal(gtimer_ticks(2500000000ULL, GTIMER_CNTFRQ_FVP, CLOCK_HZ), 100000000ULL);
}

static void cycles_for__is_the_first_cycle_reaching_the_tick(void **state)
{
	for (uint64_t t = 0; t < 1000; t += 7) {
		uint64_t c = gtimer_cycles_for(t, GTIMER_CNTFRQ_FVP, CLOCK_HZ);

		assert_true(gtimer_ticks(c, GTIMER_CNTFRQ_FVP, CLOCK_HZ) >= t);
		if (c)
			assert_true(gtimer_ticks(c - 1, GTIMER_CNTFRQ_FVP, CLOCK_HZ) < t);
	}
}

static void ctl__istatus_set_only_when_enabled_and_condition_met(void **state)
{
	struct gtimer t = { 0 };

	t.cval = 100;
	gtimer_ctl_write(&t, GTIMER_CTL_ISTATUS); /* ISTATUS is read-only */
	assert_int_equal(gtimer_ctl_read(&t, 200), 0);
	gtimer_ctl_write(&t, GTIMER_CTL_ENABLE);
	assert_int_equal(gtimer_ctl_read(&t, 99), GTIMER_CTL_ENABLE);
	assert_int_equal(gtimer_ctl_read(&t, 100), GTIMER_CTL_ENABLE | GTIMER_CTL_ISTATUS);
}

static void asserted__imask_hides_the_output_not_istatus(void **state)
{
	struct gtimer t = { .cval = 10 };

	gtimer_ctl_write(&t, GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);
	assert_false(gtimer_asserted(&t, 20));
	assert_true(gtimer_ctl_read(&t, 20) & GTIMER_CTL_ISTATUS);
	gtimer_ctl_write(&t, GTIMER_CTL_ENABLE);
	assert_true(gtimer_asserted(&t, 20));
	assert_false(gtimer_asserted(&t, 9));
}

static void tval__is_a_signed_32_bit_view_of_cval(void **state)
{
	struct gtimer t = { 0 };

	gtimer_tval_write(&t, 1000, (uint64_t)-5);  /* already 5 ticks in the past */
	assert_int_equal(t.cval, 995);
	assert_int_equal(gtimer_tval_read(&t, 1000), 0xFFFFFFFBULL);
	gtimer_tval_write(&t, 1000, 0x1FFFFFFFFULL); /* bits above 31 ignored: -1 */
	assert_int_equal(t.cval, 999);
	gtimer_tval_write(&t, 1000, 50);
	assert_int_equal(gtimer_tval_read(&t, 1010), 40);
}

static void deadline__only_for_an_enabled_unmasked_future_condition(void **state)
{
	struct gtimer t = { .cval = 500 };

	assert_int_equal(gtimer_deadline(&t, 0), GTIMER_NEVER);
	gtimer_ctl_write(&t, GTIMER_CTL_ENABLE);
	assert_int_equal(gtimer_deadline(&t, 0), 500);
	assert_int_equal(gtimer_deadline(&t, 500), GTIMER_NEVER);
	gtimer_ctl_write(&t, GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);
	assert_int_equal(gtimer_deadline(&t, 0), GTIMER_NEVER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ticks__fvp_counter_runs_at_one_tick_per_25_cycles),
		cmocka_unit_test(cycles_for__is_the_first_cycle_reaching_the_tick),
		cmocka_unit_test(ctl__istatus_set_only_when_enabled_and_condition_met),
		cmocka_unit_test(asserted__imask_hides_the_output_not_istatus),
		cmocka_unit_test(tval__is_a_signed_32_bit_view_of_cval),
		cmocka_unit_test(deadline__only_for_an_enabled_unmasked_future_condition),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
