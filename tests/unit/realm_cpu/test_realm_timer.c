/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_cpu: the realm's counters and EL1 timers on the platform's time
 * base (issue 12, realm_timer.c): CNTVCT = CNTPCT = the count at entry plus
 * the realm's instructions at the CPI; a timer output rising or a host
 * interrupt falling due ends the run as REALM_EXIT_TIMER with the timer
 * state (ISTATUS) saved for RmiRecExit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "realm_cpu.h"
#include "realm_payloads.h"

#define DRAM_BASE 0x80000000ULL
#define DRAM_SIZE (16ULL << 20)
#define IPA_BITS 32
#define PAGE 4096ULL

/* Realm layout: code page (R+X), data page (R+W); PAs in DRAM. */
#define CODE_IPA 0x10000ULL
#define DATA_IPA 0x20000ULL
#define CODE_PA (DRAM_BASE + 0x100000)
#define DATA_PA (DRAM_BASE + 0x200000)
#define OTHER_PA (DRAM_BASE + 0x300000) /* never mapped in the realm */
#define SPARE_PA (DRAM_BASE + 0x400000)
#define UNMAPPED_IPA 0x40000ULL

#define PSTATE_EL1H_MASKED 0x3C5ULL
#define PSTATE_EL1T_MASKED 0x3C4ULL
#define BUDGET 100000

#define ISS_SAS(esr) (((esr) >> REALM_ESR_SAS_SHIFT) & 3)
#define ISS_SRT(esr) (((esr) >> REALM_ESR_SRT_SHIFT) & 0x1F)
#define ISS_FSC(esr) ((esr) & REALM_ESR_FSC_MASK)

struct fixture {
	int memfd;
	uint8_t *dram; /* the simulator's own view of physical memory */
	struct realm_cpu *rc;
	struct rmm_vcpu_regs regs;
	struct realm_exit exit;
};

static const struct realm_cpu_bank bank = { .pa = DRAM_BASE, .size = DRAM_SIZE };

static uint8_t *pa_ptr(struct fixture *f, uint64_t pa)
{
	return f->dram + (pa - DRAM_BASE);
}

static void load_blob(struct fixture *f, uint64_t pa)
{
	memcpy(pa_ptr(f, pa), realm_tests_bin, realm_tests_bin_len);
}

static void regs_at(struct fixture *f, uint64_t entry)
{
	memset(&f->regs, 0, sizeof(f->regs));
	f->regs.pc = CODE_IPA + entry;
	f->regs.pstate = PSTATE_EL1H_MASKED;
	f->regs.vbar_el1 = CODE_IPA;
	f->regs.sp_el1 = DATA_IPA + PAGE;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[128];

	if (!f)
		return -1;
	f->memfd = memfd_create("realm_test_dram", MFD_CLOEXEC);
	if (f->memfd < 0 || ftruncate(f->memfd, (off_t)DRAM_SIZE) != 0)
		return -1;
	f->dram = mmap(NULL, DRAM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f->memfd, 0);
	if (f->dram == MAP_FAILED)
		return -1;
	f->rc = realm_cpu_create(f->memfd, &bank, 1, IPA_BITS, err, sizeof(err));
	if (!f->rc)
		return -1;
	load_blob(f, CODE_PA);
	if (realm_cpu_map(f->rc, CODE_IPA, CODE_PA, PAGE, REALM_PROT_R | REALM_PROT_X) ||
	    realm_cpu_map(f->rc, DATA_IPA, DATA_PA, PAGE, REALM_PROT_R | REALM_PROT_W))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	realm_cpu_destroy(f->rc);
	munmap(f->dram, DRAM_SIZE);
	close(f->memfd);
	free(f);
	return 0;
}

#define T0 1000000ULL /* count at entry */

static void set_time(struct fixture *f, uint64_t host_deadline)
{
	/* 100 MHz counter, 2.5 GHz clock, CPI 1: one tick per 25 instructions. */
	struct realm_time t = { .count = T0, .cntfrq = 100000000ULL, .clock_hz = 2500000000ULL,
				.cpi_milli = 1000, .host_deadline = host_deadline };

	realm_cpu_set_time(f->rc, &t);
}

static void time__counters_read_the_platform_count_and_cntfrq(void **state)
{
	struct fixture *f = *state;

	set_time(f, UINT64_MAX);
	regs_at(f, RP_CNT_READ);
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_SMC);
	assert_int_equal(f->regs.x[2], f->regs.x[3]); /* CNTVOFF = 0 for realms */
	assert_true(f->regs.x[2] >= T0 && f->regs.x[2] <= T0 + 1);
	assert_int_equal(f->regs.x[4], 100000000ULL);
}

static void time__virtual_timer_firing_ends_the_run_with_istatus(void **state)
{
	struct fixture *f = *state;

	set_time(f, UINT64_MAX);
	regs_at(f, RP_VTIMER);
	f->regs.x[1] = 1000; /* ticks: 25000 instructions */
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_TIMER);
	assert_int_equal(f->regs.cntv_ctl, 5); /* ENABLE | ISTATUS */
	assert_true(f->regs.cntv_cval >= T0 + 1000 && f->regs.cntv_cval <= T0 + 1001);
	/* Stopped at the block boundary where the count reached CVAL. */
	assert_true(f->exit.insns >= 25000 - 8 && f->exit.insns <= 25000 + 8);
	assert_int_equal(f->regs.cntp_ctl, 0);
}

static void time__physical_timer_tval_fires_after_tval_ticks(void **state)
{
	struct fixture *f = *state;

	set_time(f, UINT64_MAX);
	regs_at(f, RP_PTIMER_TVAL);
	f->regs.x[1] = 400;
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_TIMER);
	assert_int_equal(f->regs.cntp_ctl, 5);
	assert_int_equal(f->regs.cntp_cval, T0 + 400);
	assert_true(f->exit.insns >= 10000 - 8 && f->exit.insns <= 10000 + 8);
}

static void time__masked_or_expired_timer_state_reads_back_without_an_exit(void **state)
{
	struct fixture *f = *state;

	set_time(f, UINT64_MAX);
	regs_at(f, RP_TIMER_READ);
	f->regs.cntv_ctl = 3;           /* ENABLE | IMASK, CVAL long past */
	f->regs.cntv_cval = T0 - 10;
	f->regs.cntp_ctl = 1;           /* enabled, in the future */
	f->regs.cntp_cval = T0 + 5000;
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_SMC);
	assert_int_equal(f->regs.x[2], 7);                  /* ISTATUS shown, IMASK kept */
	assert_true(f->regs.x[3] >= 0xFFFFFFF0ULL);         /* TVAL: -10, 32-bit */
	assert_int_equal(f->regs.x[5], 1);
	assert_int_equal(f->regs.x[6], T0 + 5000);
	assert_int_equal(f->regs.cntv_ctl, 7);
}

static void time__host_interrupt_due_ends_the_run(void **state)
{
	struct fixture *f = *state;

	set_time(f, T0 + 100);          /* 2500 instructions */
	regs_at(f, RP_LOOP);
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_TIMER);
	assert_true(f->exit.insns >= 2500 && f->exit.insns <= 2502);
	/* One signalled already: nothing runs. */
	set_time(f, 0);
	regs_at(f, RP_LOOP);
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_TIMER);
	assert_int_equal(f->exit.insns, 0);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_LOOP);
}

static void time__without_a_time_base_the_loop_runs_to_its_budget(void **state)
{
	struct fixture *f = *state;

	realm_cpu_set_time(f->rc, NULL);
	regs_at(f, RP_VTIMER);
	f->regs.x[1] = 10;
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_BUDGET);
}

/*
 * TF-RMM check_pending_timers: a timer output that changed while the REC
 * was descheduled (saved CTL without ISTATUS, deadline now passed) ends
 * the entry at once, before any realm instruction, with ISTATUS reported.
 */
static void entry__timer_output_changed_since_last_exit_exits_before_running(void **state)
{
	struct fixture *f = *state;

	set_time(f, UINT64_MAX);
	regs_at(f, RP_LOOP);
	f->regs.cntv_ctl = 1;           /* ENABLE, not asserted when the REC last exited */
	f->regs.cntv_cval = T0 - 10;    /* reached while it was descheduled */
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_TIMER);
	assert_int_equal(f->exit.insns, 0);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_LOOP);
	assert_int_equal(f->regs.cntv_ctl, 5); /* ENABLE | ISTATUS, as RecExit reports it */
}

/* Asserted at the last exit and still: masked at EL2 for the run (no exit storm). */
static void entry__timer_still_asserted_since_last_exit_does_not_end_the_run(void **state)
{
	struct fixture *f = *state;

	set_time(f, UINT64_MAX);
	regs_at(f, RP_LOOP);
	f->regs.cntp_ctl = 5;           /* reported asserted at the last exit */
	f->regs.cntp_cval = T0 - 10;
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_BUDGET);
	assert_int_equal(f->regs.cntp_ctl, 5);
}

/* A timer not asserted at entry whose CVAL the realm puts in the past fires at once. */
static void run__timer_written_into_the_past_fires_at_once(void **state)
{
	struct fixture *f = *state;

	set_time(f, UINT64_MAX);
	regs_at(f, RP_PTIMER_TVAL);
	f->regs.x[1] = (uint64_t)-5;    /* TVAL -5: condition met as soon as it is enabled */
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_TIMER);
	assert_int_equal(f->regs.cntp_ctl, 5);
	assert_true(f->exit.insns < 100);
}

/* --realtime: an injected host-time counter that moves 500 ticks at every look. */
static uint64_t fake_count, fake_calls;

static uint64_t fake_now(void *ctx)
{
	(void)ctx;
	fake_calls++;
	fake_count += 500;
	return fake_count;
}

static void set_realtime(struct fixture *f)
{
	struct realm_time t = { .count = T0, .cntfrq = 100000000ULL, .clock_hz = 2500000000ULL,
				.cpi_milli = 1000, .host_deadline = UINT64_MAX, .now = fake_now };

	fake_count = T0;
	fake_calls = 0;
	realm_cpu_set_time(f->rc, &t);
}

static void realtime__counters_read_the_host_time_counter(void **state)
{
	struct fixture *f = *state;

	set_realtime(f);
	regs_at(f, RP_CNT_READ);
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_SMC);
	/* Each read is a look at the clock: CNTVCT read after CNTPCT, 500 ticks on. */
	assert_int_equal(f->regs.x[3], f->regs.x[2] + 500);
	assert_true(f->regs.x[2] > T0);
}

static void realtime__timer_exit_waits_for_host_time_not_instructions(void **state)
{
	struct fixture *f = *state;

	set_realtime(f);
	regs_at(f, RP_VTIMER);
	f->regs.x[1] = 1000; /* ticks: 25000 instructions in the deterministic mode */
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_TIMER);
	assert_int_equal(f->regs.cntv_ctl, 5); /* ENABLE | ISTATUS */
	/* Not due at the first look: the run went on and looked again. */
	assert_true(fake_calls >= 3);
	assert_true(fake_count >= f->regs.cntv_cval);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			entry__timer_output_changed_since_last_exit_exits_before_running, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			entry__timer_still_asserted_since_last_exit_does_not_end_the_run, setup,
			teardown),
		cmocka_unit_test_setup_teardown(run__timer_written_into_the_past_fires_at_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(realtime__counters_read_the_host_time_counter, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			realtime__timer_exit_waits_for_host_time_not_instructions, setup, teardown),
		cmocka_unit_test_setup_teardown(time__counters_read_the_platform_count_and_cntfrq,
						setup, teardown),
		cmocka_unit_test_setup_teardown(time__virtual_timer_firing_ends_the_run_with_istatus,
						setup, teardown),
		cmocka_unit_test_setup_teardown(time__physical_timer_tval_fires_after_tval_ticks,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			time__masked_or_expired_timer_state_reads_back_without_an_exit, setup,
			teardown),
		cmocka_unit_test_setup_teardown(time__host_interrupt_due_ends_the_run, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			time__without_a_time_base_the_loop_runs_to_its_budget, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
