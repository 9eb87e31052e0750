/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Several host PEs (issue 13), through `rmmsim run` on the AArch64
 * payloads: PSCI at EL3 with its error codes, every PE hammering RMI
 * (interleaved and --threads), a PAS change revoking another PE's cached
 * translation (GPF on PE 1 after PE 0's delegate), the determinism of the interleaved mode
 * (--stats and --trace identical across runs, --quantum changing the
 * interleaving), and the multi-PE deadlock exit.
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

static void slurp(const char *path, char *dst, size_t max)
{
	FILE *f = fopen(path, "r");
	size_t got;

	assert_non_null(f);
	got = fread(dst, 1, max - 1, f);
	dst[got] = '\0';
	fclose(f);
}

/* Runs `rmmsim run ARGS`; returns its exit status, stdout/stderr in out/err. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[2048], args[1024], o[] = "/tmp/rmmsim_smp_out_XXXXXX",
					e[] = "/tmp/rmmsim_smp_err_XXXXXX";
	int fo = mkstemp(o), fe = mkstemp(e), st;
	va_list ap;

	assert_true(fo >= 0 && fe >= 0);
	close(fo);
	close(fe);
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "timeout 120 %s run %s >%s 2>%s", RMMSIM_BIN, args, o, e);
	st = system(cmd);
	slurp(o, out, OUT_MAX);
	slurp(e, err, OUT_MAX);
	unlink(o);
	unlink(e);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void psci_test__every_error_code_and_a_real_cpu_on(void **state)
{
	assert_int_equal(run("%s/psci_test.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "psci_test: PASS"));
	assert_null(strstr(out, "FAIL"));
}

static void smp_rmi__four_pes_race_rmi_interleaved(void **state)
{
	assert_int_equal(run("--stats %s/smp_rmi.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "smp_rmi: 4 PEs"));
	assert_non_null(strstr(out, "PASS"));
	/* Each PE ran with its own MPIDR, in MPIDR order. */
	assert_non_null(strstr(out, "PE 3 MPIDR 0x81000300"));
	assert_non_null(strstr(out, "RMI_GRANULE_DELEGATE             2400"));
}

static void smp_rmi__four_pes_race_rmi_on_host_threads(void **state)
{
	assert_int_equal(run("--threads %s/smp_rmi.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "PASS"));
	/* The threaded mode says its limits at start-up. */
	assert_non_null(strstr(err, "not atomic across PEs"));
}

#ifdef HAVE_THREAD_SAFE_RMM
static void smp_rmi__rmi_calls_race_in_the_rmm_with_parallel_rmi(void **state)
{
	for (int i = 0; i < 3; i++) {
		assert_int_equal(run("--threads --parallel-rmi %s/smp_rmi.elf", PAYLOAD_DIR), 0);
		assert_non_null(strstr(out, "PASS"));
		assert_non_null(strstr(err, "--parallel-rmi: RMI calls of the PEs run at once"));
	}
	assert_int_equal(run("--threads --parallel-rmi %s/smp_gpf.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "PASS"));
	assert_int_equal(run("--parallel-rmi %s/smp_rmi.elf", PAYLOAD_DIR), 2);
}
#endif

static void interleaved__two_runs_give_identical_stats_and_trace(void **state)
{
	static char first[OUT_MAX], trace1[OUT_MAX], trace2[OUT_MAX];
	/* Unique names: the debug and sanitizer suites may run this test at once. */
	char t1[] = "/tmp/rmmsim_smp_t1_XXXXXX", t2[] = "/tmp/rmmsim_smp_t2_XXXXXX", cmp[128];
	int f1 = mkstemp(t1), f2 = mkstemp(t2);

	assert_true(f1 >= 0 && f2 >= 0);
	close(f1);
	close(f2);
	assert_int_equal(run("--stats --trace %s %s/smp_rmi.elf", t1, PAYLOAD_DIR), 0);
	memcpy(first, out, sizeof(first));
	assert_int_equal(run("--stats --trace %s %s/smp_rmi.elf", t2, PAYLOAD_DIR), 0);
	assert_string_equal(first, out);
	slurp(t1, trace1, OUT_MAX);
	slurp(t2, trace2, OUT_MAX);
	assert_true(strlen(trace1) > 100);
	assert_string_equal(trace1, trace2);
	/* The whole files, beyond what fits the buffers. */
	snprintf(cmp, sizeof(cmp), "cmp -s %s %s", t1, t2);
	assert_int_equal(system(cmp), 0);
	unlink(t1);
	unlink(t2);
}

static void quantum__changes_the_interleaving_deterministically(void **state)
{
	static char q7[OUT_MAX];

	assert_int_equal(run("--quantum 7 %s/smp_rmi.elf", PAYLOAD_DIR), 0);
	memcpy(q7, out, sizeof(q7));
	assert_int_equal(run("--quantum 7 %s/smp_rmi.elf", PAYLOAD_DIR), 0);
	assert_string_equal(q7, out);
	assert_int_equal(run("--quantum 5000 %s/smp_rmi.elf", PAYLOAD_DIR), 0);
	/* Another quantum, another race on the shared granule. */
	assert_string_not_equal(q7, out);
	assert_int_equal(run("--quantum 0 %s/smp_rmi.elf", PAYLOAD_DIR), 2);
}

static void smp_gpf__a_delegate_by_one_pe_faults_another_pes_cached_access(void **state)
{
	assert_int_equal(run("%s/smp_gpf.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "took 2 GPFs after PE 0's delegate (0 wrong): PASS"));
	assert_int_equal(run("--threads %s/smp_gpf.elf", PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "PASS"));
}

static void smp_wfi__all_pes_asleep_is_a_deadlock_in_both_modes(void **state)
{
	assert_int_equal(run("%s/smp_wfi.elf", PAYLOAD_DIR), 10);
	assert_non_null(strstr(err, "every PE that is on waits in WFI"));
	assert_int_equal(run("--threads %s/smp_wfi.elf", PAYLOAD_DIR), 10);
	assert_non_null(strstr(err, "every PE that is on waits in WFI"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(psci_test__every_error_code_and_a_real_cpu_on),
		cmocka_unit_test(smp_rmi__four_pes_race_rmi_interleaved),
		cmocka_unit_test(smp_rmi__four_pes_race_rmi_on_host_threads),
#ifdef HAVE_THREAD_SAFE_RMM
		cmocka_unit_test(smp_rmi__rmi_calls_race_in_the_rmm_with_parallel_rmi),
#endif
		cmocka_unit_test(interleaved__two_runs_give_identical_stats_and_trace),
		cmocka_unit_test(quantum__changes_the_interleaving_deterministically),
		cmocka_unit_test(smp_gpf__a_delegate_by_one_pe_faults_another_pes_cached_access),
		cmocka_unit_test(smp_wfi__all_pes_asleep_is_a_deadlock_in_both_modes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
