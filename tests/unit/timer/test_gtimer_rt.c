/* SPDX-License-Identifier: BSD-3-Clause */
/* gtimer_rt: the --realtime counter over an injected host clock (no wall-clock asserts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gtimer.h"
#include "gtimer_rt.h"

static uint64_t fake_ns;

static uint64_t fake_now(void *ctx)
{
	return *(uint64_t *)ctx;
}

static void rt_count__follows_elapsed_ns_scaled_to_cntfrq(void **state)
{
	struct gtimer_rt rt;

	fake_ns = 5000000000ULL; /* an arbitrary origin: only elapsed time counts */
	gtimer_rt_init(&rt, fake_now, &fake_ns, GTIMER_CNTFRQ_FVP, 0);
	assert_int_equal(gtimer_rt_count(&rt), 0);
	fake_ns += 9;            /* under one 10 ns tick at 100 MHz */
	assert_int_equal(gtimer_rt_count(&rt), 0);
	fake_ns += 1;
	assert_int_equal(gtimer_rt_count(&rt), 1);
	fake_ns += 1000000;      /* 1 ms = 100000 ticks */
	assert_int_equal(gtimer_rt_count(&rt), 100001);
}

static void rt_count__starts_at_the_given_count(void **state)
{
	struct gtimer_rt rt;

	fake_ns = 0;
	gtimer_rt_init(&rt, fake_now, &fake_ns, 24000000ULL, 777);
	assert_int_equal(gtimer_rt_count(&rt), 777);
	fake_ns = GTIMER_RT_NS_PER_S; /* 1 s at 24 MHz */
	assert_int_equal(gtimer_rt_count(&rt), 777 + 24000000ULL);
}

static void rt_count__never_goes_back_when_the_source_does(void **state)
{
	struct gtimer_rt rt;

	fake_ns = 1000000;
	gtimer_rt_init(&rt, fake_now, &fake_ns, GTIMER_CNTFRQ_FVP, 0);
	fake_ns += 1000;
	assert_int_equal(gtimer_rt_count(&rt), 100);
	fake_ns -= 500;          /* a source stepping back */
	assert_int_equal(gtimer_rt_count(&rt), 100);
	fake_ns = 0;             /* before the start */
	assert_int_equal(gtimer_rt_count(&rt), 100);
	fake_ns = 1000000 + 2000;
	assert_int_equal(gtimer_rt_count(&rt), 200);
}

static void rt_count_at__does_not_overflow_on_long_runs(void **state)
{
	struct gtimer_rt rt = { .cntfrq = GTIMER_CNTFRQ_FVP, .start_count = 0 };

	/* ~584 years of ns: 64-bit ns * CNTFRQ would overflow without a wide product. */
	assert_int_equal(gtimer_rt_count_at(&rt, UINT64_MAX), UINT64_MAX / 10U);
	rt.start_count = UINT64_MAX - 5;
	assert_int_equal(gtimer_rt_count_at(&rt, 1000), UINT64_MAX);
}

static void rt_ns_for__is_the_first_ns_reaching_the_tick(void **state)
{
	struct gtimer_rt rt;

	fake_ns = 123456;
	gtimer_rt_init(&rt, fake_now, &fake_ns, 24000000ULL, 50);
	assert_int_equal(gtimer_rt_ns_for(&rt, 10), 123456);   /* reached already */
	assert_int_equal(gtimer_rt_ns_for(&rt, UINT64_MAX), UINT64_MAX);
	for (uint64_t t = 50; t < 5000; t += 13) {
		uint64_t ns = gtimer_rt_ns_for(&rt, t) - rt.start_ns;

		assert_true(gtimer_rt_count_at(&rt, ns) >= t);
		if (ns)
			assert_true(gtimer_rt_count_at(&rt, ns - 1) < t);
	}
}

static void rt_ns_for__a_zero_frequency_never_reaches_a_tick(void **state)
{
	struct gtimer_rt rt;

	fake_ns = 0;
	gtimer_rt_init(&rt, fake_now, &fake_ns, 0, 0);
	assert_int_equal(gtimer_rt_ns_for(&rt, 1), UINT64_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rt_count__follows_elapsed_ns_scaled_to_cntfrq),
		cmocka_unit_test(rt_count__starts_at_the_given_count),
		cmocka_unit_test(rt_count__never_goes_back_when_the_source_does),
		cmocka_unit_test(rt_count_at__does_not_overflow_on_long_runs),
		cmocka_unit_test(rt_ns_for__is_the_first_ns_reaching_the_tick),
		cmocka_unit_test(rt_ns_for__a_zero_frequency_never_reaches_a_tick),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
