/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts and time of the host PE (issue 12), through `rmmsim run` on
 * the AArch64 payloads: timer interrupts waking WFI, IRQ entry, priority
 * and PSTATE masking, SGIs, the deterministic counter, the deadlock exit
 * and the interrupt figures of --stats and the trace.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#define OUT_MAX 65536

static char out[OUT_MAX], err[OUT_MAX];

/* Runs `rmmsim run ARGS`; returns its exit status, stdout/stderr in out/err. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[2048], args[1024], o[] = "/tmp/rmmsim_irq_out_XXXXXX", e[] = "/tmp/rmmsim_irq_err_XXXXXX";
	int fo = mkstemp(o), fe = mkstemp(e), st;
	va_list ap;

	assert_true(fo >= 0 && fe >= 0);
	close(fo);
	close(fe);
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	/* Bounded: a run that stops making progress fails (exit 124) instead of hanging ctest. */
	snprintf(cmd, sizeof(cmd), "timeout 300 %s run %s >%s 2>%s", RMMSIM_BIN, args, o, e);
	st = system(cmd);
	for (int k = 0; k < 2; k++) {
		FILE *f = fopen(k ? e : o, "r");
		char *dst = k ? err : out;
		size_t got;

		assert_non_null(f);
		got = fread(dst, 1, OUT_MAX - 1, f);
		dst[got] = '\0';
		fclose(f);
	}
	unlink(o);
	unlink(e);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void irq_test__timers_gic_and_wfi_behave_as_the_architecture(void **state)
{
	assert_int_equal(run("--stats %s/irq_test.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "irq_test: PASS"));
	assert_null(strstr(out, "FAIL"));
	/* 2 timer IRQs + PMR + 3 SGIs, each acknowledged and EOIed. */
	assert_non_null(strstr(out, "taken 6 (IRQ 6 FIQ 0) acknowledged 6 EOIed 6"));
}

static void irq_test__counter_is_deterministic_across_runs(void **state)
{
	char first[256];
	const char *p;

	assert_int_equal(run("%s/irq_test.elf", PAYLOAD_DIR), 0);
	p = strstr(out, "irq_test: counter ");
	assert_non_null(p);
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(p, "\n"), p);
	assert_int_equal(run("%s/irq_test.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, first));
}

static void wfi_forever__ends_as_a_deadlock_with_exit_10_and_one_line(void **state)
{
	assert_int_equal(run("%s/wfi_forever.elf", PAYLOAD_DIR), 10);
	assert_non_null(strstr(err, "deadlock"));
	assert_int_equal(strchr(err, '\n') - err + 1, (long)strlen(err)); /* one line */
}

static void trace__has_irq_taken_and_timer_events(void **state)
{
	char path[] = "/tmp/rmmsim_irq_trace_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	size_t got;
	static char json[1 << 20];

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(run("--trace %s %s/irq_test.elf", path, PAYLOAD_DIR), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	got = fread(json, 1, sizeof(json) - 1, f);
	json[got] = '\0';
	fclose(f);
	unlink(path);
	assert_non_null(strstr(json, "\"IRQ taken\""));
	assert_non_null(strstr(json, "\"intid\":26"));
	assert_non_null(strstr(json, "\"timer fires\""));
	/* issue 12 item 9: raised, EOIed and the deadlines too. */
	assert_non_null(strstr(json, "\"interrupt raised\""));
	assert_non_null(strstr(json, "\"EOI\",\"cat\":\"irq\""));
	assert_non_null(strstr(json, "\"intid\":26}"));
	assert_non_null(strstr(json, "\"timer deadline\""));
	assert_non_null(strstr(json, "\"timer\":\"CNTHP\""));
}

static void wdog_test__both_watchdogs_interrupt_as_their_programmers_models(void **state)
{
	assert_int_equal(run("--stats %s/wdog_test.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "wdog_test: PASS"));
	assert_null(strstr(out, "FAIL"));
	/* GWDT WS0 twice (refreshed, then left), SP805 once; one WRR refresh. */
	assert_non_null(strstr(out, "watchdogs      interrupts 3 "));
	assert_non_null(strstr(out, "refreshes 1\n"));
}

static void wdog_reset__ends_the_run_with_exit_8_by_default(void **state)
{
	assert_int_equal(run("%s/wdog_reset.elf", PAYLOAD_DIR), 8);
	assert_non_null(strstr(out, "wdog_reset: hanging"));
	assert_null(strstr(out, "boot 2"));
	assert_non_null(strstr(err, "a watchdog reset the platform"));
}

static void wdog_reset__continue_reboots_with_dram_kept_and_realm_pas_scrubbed(void **state)
{
	assert_int_equal(run("--on-reset continue --stats %s/wdog_reset.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "wdog_reset: boot 1\n"));
	assert_non_null(strstr(out, "wdog_reset: boot 2\n"));
	assert_non_null(strstr(out, "wdog_reset: PASS after 2 boots"));
	assert_null(strstr(out, "FAIL"));
	assert_non_null(strstr(out, "platform resets     1 (1 by a watchdog)"));
}

static void wdog_reset_sp805__resen_resets_the_platform_and_the_run_continues(void **state)
{
	assert_int_equal(run("--on-reset continue %s/wdog_reset_sp805.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "wdog_reset: PASS after 2 boots"));
}

static void power_reset__continue_restarts_at_each_system_reset(void **state)
{
	const char *p;

	assert_int_equal(run("--on-reset continue --max-insns 3000 --stats %s/power_reset.elf",
			     PAYLOAD_DIR), 6);
	p = strstr(out, "platform resets     ");
	assert_non_null(p);
	assert_true(strtoull(p + 20, NULL, 10) >= 2);
	assert_non_null(strstr(p, "(0 by a watchdog)"));
	assert_int_equal(run("--on-reset exit %s/power_reset.elf", PAYLOAD_DIR), 8);
	assert_int_equal(run("--on-reset sometimes %s/power_reset.elf", PAYLOAD_DIR), 2);
}

static void trace__has_watchdog_and_platform_reset_events(void **state)
{
	char path[] = "/tmp/rmmsim_wdog_trace_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	size_t got;
	static char json[1 << 20];

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(run("--on-reset continue --trace %s %s/wdog_reset.elf", path, PAYLOAD_DIR),
			 0);
	f = fopen(path, "r");
	assert_non_null(f);
	got = fread(json, 1, sizeof(json) - 1, f);
	json[got] = '\0';
	fclose(f);
	unlink(path);
	assert_non_null(strstr(json, "\"watchdog interrupt\""));
	assert_non_null(strstr(json, "\"platform reset\""));
	assert_non_null(strstr(json, "\"cause\":\"SBSA watchdog WS1\",\"count\":1"));
}

static void realm_irq_host__host_interrupts_end_a_running_rec_with_exit_irq(void **state)
{
	assert_int_equal(run("--stats %s/realm_irq_host.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "a pending SGI ended REC_ENTER with RMI_EXIT_IRQ"));
	assert_non_null(strstr(out, "1 IRQ exits, 1 by the host timer"));
	assert_non_null(strstr(out, "the host timer ended the REC"));
	assert_non_null(strstr(out, "realm_boot: 0 problem(s)"));
	assert_non_null(strstr(out, "REC exits           IRQ 2 "));
}

static void pmu_test__counts_and_overflows_into_the_pmu_ppi(void **state)
{
	assert_int_equal(run("--stats %s/pmu_test.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "pmu_test: PASS"));
	assert_null(strstr(out, "FAIL"));
	assert_non_null(strstr(out, "PE 0 PMU            overflow interrupts 1\n"));
}

/* The FVP description without its SBSA watchdog node: the device is gone, its frames fault. */
static void wdog_test__without_the_gwdt_node_its_frame_is_an_external_abort(void **state)
{
	static char dts[1 << 16];
	char path[] = "/tmp/rmmsim_nogwdt_XXXXXX.dts";
	FILE *f = fopen(FVP_DTS, "r");
	size_t n;
	char *a, *b;
	int fd;

	assert_non_null(f);
	n = fread(dts, 1, sizeof(dts) - 1, f);
	dts[n] = '\0';
	fclose(f);
	a = strstr(dts, "watchdog@2a440000");
	assert_non_null(a);
	while (a > dts && a[-1] != '\n')
		a--;
	b = strstr(a, "};");
	assert_non_null(b);
	memmove(a, b + 2, strlen(b + 2) + 1);
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, dts, strlen(dts)), (ssize_t)strlen(dts));
	close(fd);
	assert_int_equal(run("--platform %s %s/wdog_test.elf", path, PAYLOAD_DIR), 7);
	unlink(path);
	/* The SDK's handler reports the synchronous external abort (FSC 0x10) at the frame. */
	assert_non_null(strstr(out, "ESR 96000010 FAR 2a440fcc"));
}

/* --no-time-base drops the block hook, but --max-insns still needs the count (regression). */
static void no_time_base__max_insns_still_ends_the_run(void **state)
{
	assert_int_equal(run("--no-time-base --max-insns 1000 %s/spin.elf", PAYLOAD_DIR), 6);
	assert_non_null(strstr(err, "--max-insns reached"));
}

/* --realtime (issue 12 item 1): WFI sleeps on the host until the EL2 timer's deadline. */
static void realtime__rt_timer_sleeps_on_the_host_and_takes_the_irq(void **state)
{
	assert_int_equal(run("--realtime --stats %s/rt_timer.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "rt_timer: PASS"));
	assert_null(strstr(out, "FAIL"));
	assert_non_null(strstr(out, "PE 0 realtime       host sleeps "));
	assert_null(strstr(out, "host sleeps 0\n"));
	assert_non_null(strstr(out, "taken 2 (IRQ 2 FIQ 0) acknowledged 2 EOIed 2"));
}

static void realtime__default_run_of_rt_timer_passes_without_host_sleeps(void **state)
{
	assert_int_equal(run("--stats %s/rt_timer.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "rt_timer: PASS"));
	assert_null(strstr(out, "host sleeps"));
}

static void realtime__nothing_to_wake_is_still_a_deadlock_exit_10(void **state)
{
	assert_int_equal(run("--realtime %s/wfi_forever.elf", PAYLOAD_DIR), 10);
	assert_non_null(strstr(err, "deadlock"));
}

static void realtime__max_insns_still_ends_the_run(void **state)
{
	assert_int_equal(run("--realtime --max-insns 100000 %s/spin.elf", PAYLOAD_DIR), 6);
	assert_non_null(strstr(err, "--max-insns reached"));
}

/* Regression: a PMU overflow deadline (host cycles) was taken for a counter tick: no progress. */
static void realtime__pmu_overflow_still_fires_by_host_cycles(void **state)
{
	assert_int_equal(run("--realtime --stats %s/pmu_test.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "pmu_test: PASS"));
	assert_non_null(strstr(out, "PMU            overflow interrupts 1"));
}

static void realtime__refused_with_no_time_base(void **state)
{
	assert_int_equal(run("--realtime --no-time-base %s/spin.elf", PAYLOAD_DIR), 2);
	assert_non_null(strstr(err, "--realtime"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(irq_test__timers_gic_and_wfi_behave_as_the_architecture),
		cmocka_unit_test(irq_test__counter_is_deterministic_across_runs),
		cmocka_unit_test(wfi_forever__ends_as_a_deadlock_with_exit_10_and_one_line),
		cmocka_unit_test(trace__has_irq_taken_and_timer_events),
		cmocka_unit_test(wdog_test__both_watchdogs_interrupt_as_their_programmers_models),
		cmocka_unit_test(wdog_test__without_the_gwdt_node_its_frame_is_an_external_abort),
		cmocka_unit_test(wdog_reset__ends_the_run_with_exit_8_by_default),
		cmocka_unit_test(wdog_reset__continue_reboots_with_dram_kept_and_realm_pas_scrubbed),
		cmocka_unit_test(wdog_reset_sp805__resen_resets_the_platform_and_the_run_continues),
		cmocka_unit_test(power_reset__continue_restarts_at_each_system_reset),
		cmocka_unit_test(trace__has_watchdog_and_platform_reset_events),
		cmocka_unit_test(realm_irq_host__host_interrupts_end_a_running_rec_with_exit_irq),
		cmocka_unit_test(pmu_test__counts_and_overflows_into_the_pmu_ppi),
		cmocka_unit_test(no_time_base__max_insns_still_ends_the_run),
		cmocka_unit_test(realtime__rt_timer_sleeps_on_the_host_and_takes_the_irq),
		cmocka_unit_test(realtime__default_run_of_rt_timer_passes_without_host_sleeps),
		cmocka_unit_test(realtime__nothing_to_wake_is_still_a_deadlock_exit_10),
		cmocka_unit_test(realtime__max_insns_still_ends_the_run),
		cmocka_unit_test(realtime__pmu_overflow_still_fires_by_host_cycles),
		cmocka_unit_test(realtime__refused_with_no_time_base),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
