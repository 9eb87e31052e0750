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
	snprintf(cmd, sizeof(cmd), "%s run %s >%s 2>%s", RMMSIM_BIN, args, o, e);
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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(irq_test__timers_gic_and_wfi_behave_as_the_architecture),
		cmocka_unit_test(irq_test__counter_is_deterministic_across_runs),
		cmocka_unit_test(wfi_forever__ends_as_a_deadlock_with_exit_10_and_one_line),
		cmocka_unit_test(trace__has_irq_taken_and_timer_events),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
