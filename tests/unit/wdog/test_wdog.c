/* SPDX-License-Identifier: BSD-3-Clause */
/* sim_wdog: the SP805 and SBSA generic watchdog models against their programmers' models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "wdog.h"

#define CNTFRQ 100000000ULL
#define WCS 0x000
#define WOR 0x008
#define WCV_LO 0x010
#define WCV_HI 0x014
#define IIDR 0xFCC
#define LOAD 0x000
#define VALUE 0x004
#define CONTROL 0x008
#define INTCLR 0x00C
#define RIS 0x010
#define MIS 0x014
#define LOCK 0xC00
#define UNLOCK 0x1ACCE551U

/* --- SBSA generic watchdog -------------------------------------------- */

static void gwdt__disabled_at_reset_never_expires(void **state)
{
	struct sbsa_gwdt w;

	sbsa_gwdt_init(&w);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 0, WCS, 4), 0);
	assert_int_equal(sbsa_gwdt_deadline(&w), WDOG_NEVER);
	sbsa_gwdt_advance(&w, UINT64_MAX - 1);
	assert_false(w.ws0);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 0, IIDR, 4), sbsa_gwdt_refresh_read(&w, IIDR));
}

static void gwdt__enable_sets_wcv_to_count_plus_wor(void **state)
{
	struct sbsa_gwdt w;

	sbsa_gwdt_init(&w);
	sbsa_gwdt_ctrl_write(&w, 10, WOR, 4, 1000);
	sbsa_gwdt_ctrl_write(&w, 50, WCS, 4, 1);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 50, WCV_LO, 4), 1050);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 50, WCV_HI, 4), 0);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 50, WCV_LO, 8), 1050);
	/* The timeout condition is count > WCV: the first count that meets it. */
	assert_int_equal(sbsa_gwdt_deadline(&w), 1051);
}

static void gwdt__ws0_at_first_timeout_then_ws1_one_wor_later(void **state)
{
	struct sbsa_gwdt w;

	sbsa_gwdt_init(&w);
	sbsa_gwdt_ctrl_write(&w, 0, WOR, 4, 1000);
	sbsa_gwdt_ctrl_write(&w, 0, WCS, 4, 1);
	sbsa_gwdt_advance(&w, 1000);
	assert_false(w.ws0);
	sbsa_gwdt_advance(&w, 1001);
	assert_true(w.ws0);
	assert_false(w.ws1);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 1001, WCS, 4), 3);
	/* Timeout refresh: WCV = count at the timeout + WOR. */
	assert_int_equal(w.wcv, 2001);
	assert_int_equal(sbsa_gwdt_deadline(&w), 2002);
	sbsa_gwdt_advance(&w, 2001);
	assert_false(w.ws1);
	sbsa_gwdt_advance(&w, 2002);
	assert_true(w.ws1);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 2002, WCS, 4), 7);
	assert_int_equal(sbsa_gwdt_deadline(&w), WDOG_NEVER);
}

static void gwdt__advance_far_past_both_timeouts_reaches_ws1(void **state)
{
	struct sbsa_gwdt w;

	sbsa_gwdt_init(&w);
	sbsa_gwdt_ctrl_write(&w, 0, WOR, 4, 10);
	sbsa_gwdt_ctrl_write(&w, 0, WCS, 4, 1);
	sbsa_gwdt_advance(&w, 1000000);
	assert_true(w.ws0 && w.ws1);
}

static void gwdt__refresh_frame_write_clears_ws0_and_rearms(void **state)
{
	struct sbsa_gwdt w;

	sbsa_gwdt_init(&w);
	sbsa_gwdt_ctrl_write(&w, 0, WOR, 4, 100);
	sbsa_gwdt_ctrl_write(&w, 0, WCS, 4, 1);
	sbsa_gwdt_advance(&w, 150);
	assert_true(w.ws0);
	sbsa_gwdt_refresh_write(&w, 150, 0);
	assert_false(w.ws0);
	assert_int_equal(w.wcv, 250);
	/* Only WRR refreshes: another offset of the refresh frame does nothing. */
	sbsa_gwdt_refresh_write(&w, 200, 0x10);
	assert_int_equal(w.wcv, 250);
}

static void gwdt__wor_write_is_an_explicit_refresh(void **state)
{
	struct sbsa_gwdt w;

	sbsa_gwdt_init(&w);
	sbsa_gwdt_ctrl_write(&w, 0, WOR, 4, 100);
	sbsa_gwdt_ctrl_write(&w, 0, WCS, 4, 1);
	sbsa_gwdt_advance(&w, 101);
	assert_true(w.ws0);
	sbsa_gwdt_ctrl_write(&w, 120, WOR, 4, 500);
	assert_false(w.ws0);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 120, WOR, 4), 500);
	assert_int_equal(w.wcv, 620);
}

static void gwdt__disable_clears_ws_and_stops(void **state)
{
	struct sbsa_gwdt w;

	sbsa_gwdt_init(&w);
	sbsa_gwdt_ctrl_write(&w, 0, WOR, 4, 100);
	sbsa_gwdt_ctrl_write(&w, 0, WCS, 4, 1);
	sbsa_gwdt_advance(&w, 101);
	sbsa_gwdt_ctrl_write(&w, 101, WCS, 4, 0);
	assert_int_equal(sbsa_gwdt_ctrl_read(&w, 101, WCS, 4), 0);
	assert_int_equal(sbsa_gwdt_deadline(&w), WDOG_NEVER);
	sbsa_gwdt_advance(&w, 100000);
	assert_false(w.ws0 || w.ws1);
}

static void gwdt__wcv_write_sets_the_compare_value_by_halves(void **state)
{
	struct sbsa_gwdt w;

	sbsa_gwdt_init(&w);
	sbsa_gwdt_ctrl_write(&w, 0, WCS, 4, 1);
	sbsa_gwdt_ctrl_write(&w, 0, WCV_LO, 4, 0x1000);
	sbsa_gwdt_ctrl_write(&w, 0, WCV_HI, 4, 0x2);
	assert_int_equal(w.wcv, 0x200001000ULL);
	assert_int_equal(sbsa_gwdt_deadline(&w), 0x200001001ULL);
}

/* --- SP805 -------------------------------------------------------------- */

/* Counter ticks of n WDOGCLK periods at 32768 Hz, rounded up. */
static uint64_t periods(uint64_t n)
{
	return (n * CNTFRQ + 32767) / 32768;
}

static void sp805__reset_values_and_stopped(void **state)
{
	struct sp805 w;

	sp805_init(&w, 32768, CNTFRQ);
	assert_int_equal(sp805_reg_read(&w, 0, LOAD), 0xFFFFFFFFU);
	assert_int_equal(sp805_reg_read(&w, 0, VALUE), 0xFFFFFFFFU);
	assert_int_equal(sp805_reg_read(&w, 0, CONTROL), 0);
	assert_int_equal(sp805_deadline(&w), WDOG_NEVER);
	assert_false(sp805_irq(&w));
}

static void sp805__interrupt_after_load_periods_of_wdogclk(void **state)
{
	struct sp805 w;

	sp805_init(&w, 32768, CNTFRQ);
	sp805_reg_write(&w, 0, LOAD, 100);
	sp805_reg_write(&w, 1000, CONTROL, 1);
	assert_int_equal(sp805_deadline(&w), 1000 + periods(100));
	assert_int_equal(sp805_reg_read(&w, 1000 + periods(50), VALUE), 50);
	sp805_advance(&w, 1000 + periods(100) - 1);
	assert_false(sp805_irq(&w));
	sp805_advance(&w, 1000 + periods(100));
	assert_true(sp805_irq(&w));
	assert_int_equal(sp805_reg_read(&w, 1000 + periods(100), RIS), 1);
	assert_int_equal(sp805_reg_read(&w, 1000 + periods(100), MIS), 1);
}

static void sp805__intclr_clears_and_reloads(void **state)
{
	struct sp805 w;
	uint64_t t = periods(10);

	sp805_init(&w, 32768, CNTFRQ);
	sp805_reg_write(&w, 0, LOAD, 10);
	sp805_reg_write(&w, 0, CONTROL, 3);
	sp805_advance(&w, t);
	assert_true(sp805_irq(&w));
	sp805_reg_write(&w, t + 5, INTCLR, 1);
	assert_false(sp805_irq(&w));
	assert_int_equal(sp805_deadline(&w), t + 5 + periods(10));
	/* Serviced every time: never a reset. */
	sp805_advance(&w, t + 5 + periods(10));
	sp805_reg_write(&w, t + 5 + periods(10), INTCLR, 1);
	assert_false(w.reset);
}

static void sp805__second_expiry_with_resen_asserts_reset(void **state)
{
	struct sp805 w;

	sp805_init(&w, 32768, CNTFRQ);
	sp805_reg_write(&w, 0, LOAD, 10);
	sp805_reg_write(&w, 0, CONTROL, 3);
	sp805_advance(&w, 2 * periods(10) - 1);
	assert_false(w.reset);
	sp805_advance(&w, 2 * periods(10));
	assert_true(w.reset);
	assert_int_equal(sp805_deadline(&w), WDOG_NEVER);
}

static void sp805__without_resen_keeps_interrupting_never_resets(void **state)
{
	struct sp805 w;

	sp805_init(&w, 32768, CNTFRQ);
	sp805_reg_write(&w, 0, LOAD, 10);
	sp805_reg_write(&w, 0, CONTROL, 1);
	sp805_advance(&w, 1000 * periods(10));
	assert_true(sp805_irq(&w));
	assert_false(w.reset);
	assert_true(sp805_deadline(&w) > 1000 * periods(10));
}

static void sp805__lock_protects_every_register_but_lock(void **state)
{
	struct sp805 w;

	sp805_init(&w, 32768, CNTFRQ);
	sp805_reg_write(&w, 0, LOCK, 0);
	assert_int_equal(sp805_reg_read(&w, 0, LOCK), 1);
	sp805_reg_write(&w, 0, LOAD, 5);
	sp805_reg_write(&w, 0, CONTROL, 3);
	assert_int_equal(sp805_reg_read(&w, 0, LOAD), 0xFFFFFFFFU);
	assert_int_equal(sp805_reg_read(&w, 0, CONTROL), 0);
	sp805_reg_write(&w, 0, LOCK, UNLOCK);
	assert_int_equal(sp805_reg_read(&w, 0, LOCK), 0);
	sp805_reg_write(&w, 0, LOAD, 5);
	assert_int_equal(sp805_reg_read(&w, 0, LOAD), 5);
}

/* 64 KiB frames (DT): past the registers RAZ/WI; W_IIDR only at 0xFCC of each frame. */
static void frames__raz_wi_past_the_registers(void **state)
{
	struct sbsa_gwdt g;
	struct sp805 w;

	sbsa_gwdt_init(&g);
	sbsa_gwdt_ctrl_write(&g, 0, 0x8, 4, 1000);
	assert_int_equal(sbsa_gwdt_ctrl_read(&g, 0, 0xFCC, 4) & 0xFFF, 0x43B);
	assert_int_equal(sbsa_gwdt_refresh_read(&g, 0xFCC) & 0xFFF, 0x43B);
	assert_int_equal(sbsa_gwdt_ctrl_read(&g, 0, 0x1FCC, 4), 0);
	assert_int_equal(sbsa_gwdt_refresh_read(&g, 0x1FCC), 0);
	sbsa_gwdt_ctrl_write(&g, 0, 0x1000, 4, 1);      /* not WCS */
	sbsa_gwdt_ctrl_write(&g, 0, 0xF008, 4, 5);      /* not WOR */
	assert_int_equal(sbsa_gwdt_ctrl_read(&g, 0, 0x0, 4), 0);
	assert_int_equal(sbsa_gwdt_ctrl_read(&g, 0, 0x8, 4), 1000);
	sp805_init(&w, 32768, CNTFRQ);
	sp805_reg_write(&w, 0, 0x1008, 1);              /* not WdogControl */
	assert_int_equal(sp805_reg_read(&w, 0, 0x008), 0);
	assert_int_equal(sp805_reg_read(&w, 0, 0x1000), 0);
	assert_int_equal(sp805_reg_read(&w, 0, 0xFFFC), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gwdt__disabled_at_reset_never_expires),
		cmocka_unit_test(gwdt__enable_sets_wcv_to_count_plus_wor),
		cmocka_unit_test(gwdt__ws0_at_first_timeout_then_ws1_one_wor_later),
		cmocka_unit_test(gwdt__advance_far_past_both_timeouts_reaches_ws1),
		cmocka_unit_test(gwdt__refresh_frame_write_clears_ws0_and_rearms),
		cmocka_unit_test(gwdt__wor_write_is_an_explicit_refresh),
		cmocka_unit_test(gwdt__disable_clears_ws_and_stops),
		cmocka_unit_test(gwdt__wcv_write_sets_the_compare_value_by_halves),
		cmocka_unit_test(sp805__reset_values_and_stopped),
		cmocka_unit_test(sp805__interrupt_after_load_periods_of_wdogclk),
		cmocka_unit_test(sp805__intclr_clears_and_reloads),
		cmocka_unit_test(sp805__second_expiry_with_resen_asserts_reset),
		cmocka_unit_test(sp805__without_resen_keeps_interrupting_never_resets),
		cmocka_unit_test(sp805__lock_protects_every_register_but_lock),
		cmocka_unit_test(frames__raz_wi_past_the_registers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
