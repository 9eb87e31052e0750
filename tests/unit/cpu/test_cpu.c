/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sim_cpu tests: ESR encoding of the faults the simulator delivers, and
 * whole runs of the AArch64 payloads through `rmmsim run` (exit codes,
 * messages, trace, GPF delivery, devices, native-vs-emulated agreement).
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

#include "cpu_private.h"
#include "platform.h"
#ifdef HAVE_PAYLOADS
#include "rmi_seq.h"
#endif

static void fault_esr__gpf_store_is_same_el_data_abort_wnr_fsc_0x28(void **state)
{
	struct cpu_abort f = { .kind = CPU_ABORT_GPF, .fsc = CPU_FSC_GPF, .wnr = true };
	uint64_t esr = cpu_abort_esr(&f);

	assert_int_equal(esr >> 26, 0x25);
	assert_int_equal(esr & 0x3F, 0x28);
	assert_true(esr & (1U << 6));
	assert_true(esr & (1U << 25)); /* IL: 32-bit instruction */
	assert_false(esr & (1U << 24)); /* ISV = 0 */
}

static void fault_esr__gpf_load_has_wnr_clear(void **state)
{
	struct cpu_abort f = { .kind = CPU_ABORT_GPF, .fsc = CPU_FSC_GPF, .wnr = false };

	assert_int_equal(cpu_abort_esr(&f), 0x96000028);
}

static void fault_esr__gpf_fetch_is_instruction_abort_same_el(void **state)
{
	struct cpu_abort f = { .kind = CPU_ABORT_GPF, .fsc = CPU_FSC_GPF, .fetch = true, .wnr = true };

	/* WnR has no meaning for an instruction abort. */
	assert_int_equal(cpu_abort_esr(&f), 0x86000028);
}

static void fault_esr__unmapped_access_is_synchronous_external_abort(void **state)
{
	struct cpu_abort d = { .kind = CPU_ABORT_SEA, .fsc = CPU_FSC_SEA };
	struct cpu_abort i = { .kind = CPU_ABORT_SEA, .fsc = CPU_FSC_SEA, .fetch = true };

	assert_int_equal(cpu_abort_esr(&d), 0x96000010);
	assert_int_equal(cpu_abort_esr(&i), 0x86000010);
}

#ifdef HAVE_PAYLOADS

#define OUT_MAX 65536

/* Runs a shell command; returns its exit status and its stdout/stderr in @out/@err. */
static int sh(char *out, char *err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int sh(char *out, char *err, const char *fmt, ...)
{
	char cmd[2048], o[] = "/tmp/rmmsim_test_out_XXXXXX", e[] = "/tmp/rmmsim_test_err_XXXXXX";
	int fo = mkstemp(o), fe = mkstemp(e), st, n;
	va_list ap;
	FILE *f;

	assert_true(fo >= 0 && fe >= 0);
	close(fo);
	close(fe);
	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd) - 64, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof(cmd) - 64);
	snprintf(cmd + n, sizeof(cmd) - (size_t)n, " >%s 2>%s", o, e);
	st = system(cmd);
	for (int k = 0; k < 2; k++) {
		char *dst = k ? err : out;

		f = fopen(k ? e : o, "r");
		assert_non_null(f);
		if (dst) {
			size_t got = fread(dst, 1, OUT_MAX - 1, f);

			dst[got] = '\0';
		}
		fclose(f);
	}
	unlink(o);
	unlink(e);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static unsigned count_lines(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static char out[OUT_MAX], err[OUT_MAX];

static void run_gpf_test__delivers_precise_gpfs_and_exits_0(void **state)
{
	int rc = sh(out, err, "%s run %s/gpf_test.elf", RMMSIM_BIN, PAYLOAD_DIR);

	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "3 faults, PASS"));
	assert_null(strstr(out, "FAIL"));
}

/* A DELEGATE revokes the host's access whether or not the host touched the granule before. */
static void run_gpf_untouched__delegated_granules_fault_touched_or_not(void **state)
{
	int rc = sh(out, err, "%s run --stats %s/gpf_untouched.elf", RMMSIM_BIN, PAYLOAD_DIR);

	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "8 faults, PASS"));
	assert_non_null(strstr(out, "GPFs delivered      8"));
	assert_null(strstr(out, "FAIL"));
}

static void run__refuses_a_text_file_with_exit_3_and_one_message(void **state)
{
	char path[] = "/tmp/rmmsim_test_txt_XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "hello\n", 6), 6);
	close(fd);
	assert_int_equal(sh(out, err, "%s run %s", RMMSIM_BIN, path), 3);
	unlink(path);
	assert_int_equal(count_lines(err), 1);
	assert_non_null(strstr(err, "not an ELF"));
}

static void run__refuses_an_x86_64_elf_with_exit_3(void **state)
{
	assert_int_equal(sh(out, err, "%s run /bin/true", RMMSIM_BIN), 3);
	assert_int_equal(count_lines(err), 1);
	assert_non_null(strstr(err, "not AArch64"));
}

static void run__refuses_a_segment_outside_dram_with_exit_3(void **state)
{
	char path[] = "/tmp/rmmsim_test_elf_XXXXXX";
	char src[512];
	static unsigned char img[1 << 20];
	size_t n;
	uint64_t phoff, paddr = 0x10000000; /* below DRAM (0x80000000) */
	FILE *f;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	snprintf(src, sizeof(src), "%s/spin.elf", PAYLOAD_DIR);
	f = fopen(src, "rb");
	assert_non_null(f);
	n = fread(img, 1, sizeof(img), f);
	fclose(f);
	assert_true(n > 64);
	/* First program header: p_paddr at offset 24 of Elf64_Phdr. */
	memcpy(&phoff, img + 32, 8);
	memcpy(img + phoff + 24, &paddr, 8);
	assert_int_equal(write(fd, img, n), (ssize_t)n);
	close(fd);
	assert_int_equal(sh(out, err, "%s run %s", RMMSIM_BIN, path), 3);
	unlink(path);
	assert_int_equal(count_lines(err), 1);
	assert_non_null(strstr(err, "outside DRAM"));
}

static void run_max_insns__stops_an_endless_payload_with_exit_6(void **state)
{
	assert_int_equal(sh(out, err, "%s run --max-insns 100000 %s/spin.elf", RMMSIM_BIN,
			    PAYLOAD_DIR), 6);
	assert_non_null(strstr(err, "timeout"));
}

static void run_load_addr__runs_a_flat_binary(void **state)
{
	assert_int_equal(sh(out, err, "%s run --load-addr 0x80000000 --max-insns 5000 %s/spin.bin",
			    RMMSIM_BIN, PAYLOAD_DIR), 6);
	/* Without --load-addr the same bytes are refused. */
	assert_int_equal(sh(out, err, "%s run %s/spin.bin", RMMSIM_BIN, PAYLOAD_DIR), 3);
}

static void run_no_vbar__unhandled_gpf_reports_and_exits_5(void **state)
{
	assert_int_equal(sh(out, err, "%s run %s/no_vbar.elf", RMMSIM_BIN, PAYLOAD_DIR), 5);
	assert_non_null(strstr(err, "granule protection fault"));
	assert_non_null(strstr(err, "ESR 0x96000028"));
}

static void run_usage__bad_options_exit_2(void **state)
{
	assert_int_equal(sh(out, err, "%s run --max-insns zero x.elf", RMMSIM_BIN), 2);
	assert_int_equal(sh(out, err, "%s run", RMMSIM_BIN), 2);
	assert_int_equal(sh(out, err, "%s run --help", RMMSIM_BIN), 0);
	assert_non_null(strstr(out, "usage"));
}

static void run_dev_test__devices_answer_a_driver_probe(void **state)
{
	assert_int_equal(sh(out, err, "%s run --stats %s/dev_test.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "dev_test: PASS"));
	assert_non_null(strstr(out, "SGIs (ICC_SGI1R)    1"));
}

static void run_trace__json_has_world_slices_rmi_events_and_gpfs(void **state)
{
	char path[] = "/tmp/rmmsim_test_trace_XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(sh(out, err, "%s run --trace %s %s/gpf_test.elf", RMMSIM_BIN, path,
			    PAYLOAD_DIR), 0);
	assert_int_equal(sh(out, err,
			    "%s -c \"import json,sys; e=json.load(open('%s'))['traceEvents'];"
			    "x=[v for v in e if v['ph']=='X'];"
			    "assert {v['tid'] for v in x}=={0,1,2};"
			    "r=[v for v in x if v['name']=='RMI_GRANULE_DELEGATE'];"
			    "assert len(r)==1 and r[0]['args']['result']=='0x0', r;"
			    "assert len([v for v in e if v['ph']=='i' and v['name']=='GPF'])==3;"
			    "assert all(v['dur']>0 for v in x)\"",
			    PYTHON3, path), 0);
	unlink(path);
}

static void run_builtin_demo__realm_lifecycle_succeeds(void **state)
{
	assert_int_equal(sh(out, err, "%s run --rmi-log builtin:demo", RMMSIM_BIN), 0);
	assert_non_null(strstr(out, "demo: 0 step(s) failed"));
	assert_non_null(strstr(out, "SMC_RMI_REALM_ACTIVATE"));
}

static void run_linux_v12__kvm_sequence_has_no_unexpected_result(void **state)
{
	assert_int_equal(sh(out, err, "%s run %s/linux_v12.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "linux_v12: 0 unexpected result(s)"));
}

/* Issue 11: the four translation set-ups that once reached a delegated granule. */
static void run_mmu_setups__every_setup_faults_at_the_host_vector(void **state)
{
	assert_int_equal(sh(out, err, "%s run %s/mmu_setups.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "mmu_setups: PASS"));
	/* The same with counting and the trace on: no mode-dependent path. */
	assert_int_equal(sh(out, err, "%s run --stats --max-insns 100000000 %s/mmu_setups.elf",
			    RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "mmu_setups: PASS"));
}

/* Issue 11: EL1 and EL0 host code (EL1&0 regime, stage 2 off) and exception routing. */
static void run_el_test__lower_el_exceptions_reach_the_routed_vector(void **state)
{
	assert_int_equal(sh(out, err, "%s run %s/el_test.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "el_test: PASS"));
	assert_int_equal(sh(out, err, "%s run --stats --max-insns 100000000 %s/el_test.elf",
			    RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "el_test: PASS"));
}

static void run_el_test_vm__el1_with_stage2_on_ends_the_run(void **state)
{
	/* A limit of the simulator, not a fault of the payload (exit-code table: RUN_INTERNAL). */
	assert_int_not_equal(sh(out, err, "%s run %s/el_test_vm.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(err, "HCR_EL2.VM = 1"));
	assert_null(strstr(out, "EL1 ran with stage 2 on"));
}

static void run_mmu_test__gpf_is_precise_with_the_el2_mmu_on(void **state)
{
	/* Both fetch-check modes: fetch guards (no counting) and the block hook (--stats). */
	assert_int_equal(sh(out, err, "%s run %s/mmu_test.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "mmu_test: PASS"));
	assert_int_equal(sh(out, err, "%s run --stats %s/mmu_test.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "GPFs delivered      1"));
}

static void run_gpf_test__counting_on_and_off_agree(void **state)
{
	assert_int_equal(sh(out, err, "%s run --stats %s/gpf_test.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	assert_non_null(strstr(out, "3 faults, PASS"));
	assert_non_null(strstr(out, "GPFs delivered      3"));
}

static void run_power__payload_status_and_reset_have_their_exit_codes(void **state)
{
	assert_int_equal(sh(out, err, "%s run %s/power_fail.elf", RMMSIM_BIN, PAYLOAD_DIR), 7);
	assert_non_null(strstr(err, "X1 = 3"));
	assert_int_equal(sh(out, err, "%s run %s/power_reset.elf", RMMSIM_BIN, PAYLOAD_DIR), 8);
	assert_non_null(strstr(err, "SYSTEM_RESET"));
}

static void run_costs__device_tree_overrides_the_cycle_model(void **state)
{
	char dts[] = "/tmp/rmmsim_test_dts_XXXXXX";
	char path[64];
	unsigned long base = 0, tuned = 0;
	const char *row;
	int fd = mkstemp(dts);

	assert_true(fd >= 0);
	close(fd);
	/* The default platform with rmi-switch 2000 -> 5000 and smc-el3 600 -> 1000. */
	assert_int_equal(sh(out, err,
			    "(sed 's/costs {/costs { rmi-switch = <5000>; smc-el3 = <1000>;/' "
			    "%s/sim/dts/fvp-base-revc.dts > %s.dts)",
			    PROJECT_DIR, dts), 0);
	assert_int_equal(sh(out, err, "%s run --stats %s/gpf_test.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	row = strstr(out, "RMI command");
	assert_non_null(row);
	row = strstr(row, "RMI_GRANULE_DELEGATE ");
	assert_non_null(row);
	assert_int_equal(sscanf(row, "RMI_GRANULE_DELEGATE %*u %lu", &base), 1);
	assert_int_equal(sh(out, err, "%s run --stats --platform %s.dts %s/gpf_test.elf", RMMSIM_BIN,
			    dts, PAYLOAD_DIR), 0);
	row = strstr(out, "RMI command");
	assert_non_null(row);
	row = strstr(row, "RMI_GRANULE_DELEGATE ");
	assert_non_null(row);
	assert_int_equal(sscanf(row, "RMI_GRANULE_DELEGATE %*u %lu", &tuned), 1);
	/* EL3 +400 (smc-el3) and RMM +2600 (rmi-switch - smc-el3). */
	assert_int_equal(tuned - base, 3000);
	snprintf(path, sizeof(path), "%s.dts", dts);
	unlink(path);
	unlink(dts);
}

/* Lines of @s starting with "SMC_RMI" (after any "[rmi] "), joined. */
static void rmi_lines(const char *s, char *dst, size_t len)
{
	size_t used = 0;

	dst[0] = '\0';
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t l = eol ? (size_t)(eol - s) + 1 : strlen(s);

		/* On stdout, shared with the UART, the RMI log lines carry "[rmi] ". */
		if (strncmp(s, "[rmi] ", 6) == 0) {
			s += 6;
			l -= 6;
		}
		if (strncmp(s, "SMC_RMI", 7) == 0 && used + l < len) {
			memcpy(dst + used, s, l);
			used += l;
			dst[used] = '\0';
		}
		s += l;
	}
}

static void run_rmi_seq__log_matches_the_native_api(void **state)
{
	static char emu[OUT_MAX], native[OUT_MAX], raw[OUT_MAX];
	char perr[256];
	FILE *log = tmpfile();
	struct rmmsim_options opt = { .rmi_log = log };
	struct rmmsim *sim;
	size_t n;

	assert_non_null(log);
	sim = rmmsim_create(&opt, perr, sizeof(perr));
	assert_non_null(sim);
	for (unsigned i = 0; i < RMI_SEQ_LEN; i++) {
		struct smc_regs r = { .x = { rmi_seq[i].fid } };

		memcpy(&r.x[1], rmi_seq[i].a, sizeof(rmi_seq[i].a));
		rmmsim_smc(sim, RMMSIM_CALLER_NS, &r);
	}
	rmmsim_destroy(sim);
	rewind(log);
	n = fread(raw, 1, sizeof(raw) - 1, log);
	raw[n] = '\0';
	fclose(log);
	rmi_lines(raw, native, sizeof(native));

	assert_int_equal(sh(raw, err, "%s run --rmi-log %s/rmi_seq.elf", RMMSIM_BIN, PAYLOAD_DIR), 0);
	rmi_lines(raw, emu, sizeof(emu));
	assert_int_equal(count_lines(native), RMI_SEQ_LEN);
	assert_string_equal(emu, native);
}

#endif /* HAVE_PAYLOADS */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fault_esr__gpf_store_is_same_el_data_abort_wnr_fsc_0x28),
		cmocka_unit_test(fault_esr__gpf_load_has_wnr_clear),
		cmocka_unit_test(fault_esr__gpf_fetch_is_instruction_abort_same_el),
		cmocka_unit_test(fault_esr__unmapped_access_is_synchronous_external_abort),
#ifdef HAVE_PAYLOADS
		cmocka_unit_test(run_gpf_test__delivers_precise_gpfs_and_exits_0),
		cmocka_unit_test(run_gpf_untouched__delegated_granules_fault_touched_or_not),
		cmocka_unit_test(run__refuses_a_text_file_with_exit_3_and_one_message),
		cmocka_unit_test(run__refuses_an_x86_64_elf_with_exit_3),
		cmocka_unit_test(run__refuses_a_segment_outside_dram_with_exit_3),
		cmocka_unit_test(run_max_insns__stops_an_endless_payload_with_exit_6),
		cmocka_unit_test(run_load_addr__runs_a_flat_binary),
		cmocka_unit_test(run_no_vbar__unhandled_gpf_reports_and_exits_5),
		cmocka_unit_test(run_usage__bad_options_exit_2),
		cmocka_unit_test(run_dev_test__devices_answer_a_driver_probe),
		cmocka_unit_test(run_trace__json_has_world_slices_rmi_events_and_gpfs),
		cmocka_unit_test(run_rmi_seq__log_matches_the_native_api),
		cmocka_unit_test(run_builtin_demo__realm_lifecycle_succeeds),
		cmocka_unit_test(run_mmu_test__gpf_is_precise_with_the_el2_mmu_on),
		cmocka_unit_test(run_mmu_setups__every_setup_faults_at_the_host_vector),
		cmocka_unit_test(run_el_test__lower_el_exceptions_reach_the_routed_vector),
		cmocka_unit_test(run_el_test_vm__el1_with_stage2_on_ends_the_run),
		cmocka_unit_test(run_power__payload_status_and_reset_have_their_exit_codes),
		cmocka_unit_test(run_costs__device_tree_overrides_the_cycle_model),
		cmocka_unit_test(run_gpf_test__counting_on_and_off_agree),
		cmocka_unit_test(run_linux_v12__kvm_sequence_has_no_unexpected_result),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
