/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm_host run loop against scripted REC exits: an enter hook plays
 * the RMM (writes each RmiRecExit into the NS RecRun page, records the
 * RmiRecEnter the host prepared), so every exit handler is checked today,
 * before REC_ENTER runs realm code. The realm itself is real (built from
 * realm_demo.elf), so demand faults go through the RMM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "realm_host.h"
#include "realm_hostcall.h"
#include "rmm.h"

#define MAX_STEPS 16U
#define EXIT_OFF 0x800U
#define ESR_DABT (0x24ULL << 26)
#define ESR_ISV (1ULL << 24)
#define ESR_SAS(n) ((uint64_t)(n) << 22)
#define ESR_WNR (1ULL << 6)

struct step {
	unsigned reason;
	uint64_t esr, far, hpfar;
	uint64_t gprs[31];
	unsigned imm;
};

struct script {
	struct step steps[MAX_STEPS];
	unsigned count, next;
	/* What the host put in RmiRecEnter before entry i. */
	uint64_t enter_flags[MAX_STEPS + 1];
	uint64_t enter_gpr0[MAX_STEPS + 1];
};

struct ctx {
	struct rh_realm r;
	struct script s;
	void *img;
};

static void put_u64(uint8_t *b, unsigned off, uint64_t v)
{
	for (unsigned i = 0; i < 8; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_u64(const uint8_t *b, unsigned off)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)b[off + i] << (8 * i);
	return v;
}

static unsigned scripted_enter(struct rh_realm *r, unsigned rec, pa_t run, void *arg)
{
	struct script *s = arg;
	uint8_t page[0x1000];
	const struct step *st;

	(void)rec;
	if (!rmmsim_ns_read(r->sim, run, page, sizeof(page)) || s->next >= s->count)
		return RMI_ERROR_INPUT;
	s->enter_flags[s->next] = get_u64(page, RMI_REC_RUN_ENTER_FLAGS_OFFSET);
	s->enter_gpr0[s->next] = get_u64(page, RMI_REC_RUN_ENTER_GPRS_OFFSET);
	st = &s->steps[s->next++];
	memset(page + EXIT_OFF, 0, 0x800);
	page[RMI_REC_RUN_EXIT_REASON_OFFSET] = (uint8_t)st->reason;
	put_u64(page, RMI_REC_RUN_EXIT_ESR_OFFSET, st->esr);
	put_u64(page, RMI_REC_RUN_EXIT_FAR_OFFSET, st->far);
	put_u64(page, RMI_REC_RUN_EXIT_HPFAR_OFFSET, st->hpfar);
	for (unsigned i = 0; i < 31; i++)
		put_u64(page, RMI_REC_RUN_EXIT_GPRS_OFFSET + 8U * i, st->gprs[i]);
	page[RMI_REC_RUN_EXIT_IMM_OFFSET] = (uint8_t)st->imm;
	page[RMI_REC_RUN_EXIT_IMM_OFFSET + 1] = (uint8_t)(st->imm >> 8);
	return rmmsim_ns_write(r->sim, run, page, sizeof(page)) ? RMI_SUCCESS : RMI_ERROR_INPUT;
}

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));
	char path[512];
	size_t len = 0;

	if (!c)
		return -1;
	snprintf(path, sizeof(path), "%s/realm_demo.elf", REALM_PAYLOAD_DIR);
	c->img = rh_read_file(path, &len);
	if (!c->img || !rh_init(&c->r, NULL, NULL) || !rh_build(&c->r, c->img, len)) {
		print_error("setup: %s\n", c->r.res.error);
		return -1;
	}
	c->r.enter_hook = scripted_enter;
	c->r.enter_hook_ctx = &c->s;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	int rc = rh_teardown(&c->r) ? 0 : -1;

	if (rc)
		print_error("teardown: %s\n", c->r.res.error);
	rh_fini(&c->r);
	free(c->img);
	free(c);
	return rc;
}

static struct step *add(struct script *s, unsigned reason)
{
	struct step *st = &s->steps[s->count++];

	memset(st, 0, sizeof(*st));
	st->reason = reason;
	return st;
}

static void add_host_call(struct script *s, unsigned imm, const uint64_t *g, unsigned n)
{
	struct step *st = add(s, RMI_EXIT_HOST_CALL);

	st->imm = imm;
	if (n)
		memcpy(st->gprs, g, n * sizeof(*g));
}

static void add_system_off(struct script *s)
{
	add(s, RMI_EXIT_PSCI)->gprs[0] = 0x84000008ULL;
}

/* An emulatable access (psci-and-exits.md §3) to device register @reg. */
static void add_mmio(struct ctx *c, unsigned reg, bool write, unsigned sas, uint64_t data)
{
	ipa_t ipa = (1ULL << (c->r.cfg.ipa_bits - 1)) + RH_MMIO_OFFSET + reg;
	struct step *st = add(&c->s, RMI_EXIT_SYNC);

	st->esr = ESR_DABT | ESR_ISV | ESR_SAS(sas) | (write ? ESR_WNR : 0);
	st->far = ipa & 0xFFFU;
	st->hpfar = (ipa >> 12) << 4;
	st->gprs[0] = write ? data : 0;
}

static void run__host_calls_fill_console_and_exit_status(void **state)
{
	struct ctx *c = *state;
	const uint64_t write[2] = { 3, 'h' | 'i' << 8 | '\n' << 16 };
	const uint64_t status = 7;

	add_host_call(&c->s, RH_HC_WRITE, write, 2);
	add_host_call(&c->s, RH_HC_PUTC, (const uint64_t[]){ '!' }, 1);
	add_host_call(&c->s, RH_HC_EXIT, &status, 1);
	add_system_off(&c->s);
	assert_int_equal(rh_run(&c->r), RH_STOP_SYSTEM_OFF);
	assert_string_equal(c->r.res.console, "hi\n!");
	assert_true(c->r.res.exited);
	assert_int_equal(c->r.res.exit_status, 7);
	assert_int_equal(c->r.res.exits[RMI_EXIT_HOST_CALL], 3);
	assert_int_equal(c->r.res.exits[RMI_EXIT_PSCI], 1);
	/* Each host call is answered RH_HC_OK in enter.gprs[0], without emul_mmio. */
	for (unsigned i = 1; i <= 3; i++) {
		assert_int_equal(c->s.enter_gpr0[i], RH_HC_OK);
		assert_int_equal(c->s.enter_flags[i], 0);
	}
}

static void run__unknown_host_call_is_answered_with_error(void **state)
{
	struct ctx *c = *state;

	add_host_call(&c->s, 99, NULL, 0);
	add_system_off(&c->s);
	assert_int_equal(rh_run(&c->r), RH_STOP_SYSTEM_OFF);
	assert_int_equal(c->s.enter_gpr0[1], RH_HC_ERROR);
}

static void run__mmio_accesses_are_emulated_with_emul_mmio(void **state)
{
	struct ctx *c = *state;

	add_mmio(c, RH_MMIO_ID, false, 3, 0);
	add_mmio(c, RH_MMIO_SCRATCH, true, 3, 0xABCDULL);
	add_mmio(c, RH_MMIO_SCRATCH, false, 3, 0);
	add_mmio(c, RH_MMIO_COUNTER, false, 2, 0);
	add_mmio(c, RH_MMIO_COUNTER, false, 2, 0);
	add_system_off(&c->s);
	assert_int_equal(rh_run(&c->r), RH_STOP_SYSTEM_OFF);
	for (unsigned i = 1; i <= 5; i++)
		assert_int_equal(c->s.enter_flags[i], RMI_REC_ENTER_FLAG_EMUL_MMIO);
	assert_int_equal(c->s.enter_gpr0[1], RH_MMIO_ID_VALUE);
	assert_int_equal(c->s.enter_gpr0[3], 0xABCDULL);
	assert_int_equal(c->s.enter_gpr0[5], c->s.enter_gpr0[4] + 1);
	assert_int_equal(c->r.res.num_mmio, 5);
	assert_true(c->r.res.mmio[1].write);
	assert_int_equal(c->r.res.mmio[1].value, 0xABCDULL);
	assert_int_equal(c->r.res.mmio[3].size, 4);
}

static void run__fault_on_unpopulated_ram_populates_it_once(void **state)
{
	struct ctx *c = *state;
	struct step *st;
	size_t before = c->r.num_data;

	for (unsigned i = 0; i < 2; i++) {
		st = add(&c->s, RMI_EXIT_SYNC);
		st->esr = ESR_DABT | 0x07U; /* translation fault, level 3 */
		st->hpfar = (RH_SCRATCH_IPA >> 12) << 4;
	}
	/* The second fault at the same, now populated, page cannot be fixed. */
	assert_int_equal(rh_run(&c->r), RH_STOP_ERROR);
	assert_int_equal(c->r.res.demand_faults, 1);
	assert_int_equal(c->r.num_data, before + 1);
	assert_int_equal(c->r.data[before].ipa, RH_SCRATCH_IPA);
	assert_int_equal(rmmsim_granule_state(c->r.sim, c->r.data[before].pa), RMM_GRANULE_DATA);
	assert_non_null(strstr(c->r.res.error, "populated"));
}

static void run__token_chunks_are_reassembled(void **state)
{
	struct ctx *c = *state;
	const uint64_t second[4] = { 10, 8, 2, 0x0A09 };
	const uint64_t first[4] = { 10, 0, 8, 0x0807060504030201ULL };
	static const uint8_t want[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

	add_host_call(&c->s, RH_HC_TOKEN, second, 4);
	add_host_call(&c->s, RH_HC_TOKEN, first, 4);
	add_system_off(&c->s);
	assert_int_equal(rh_run(&c->r), RH_STOP_SYSTEM_OFF);
	assert_int_equal(c->r.res.token_len, 10);
	assert_int_equal(c->r.res.token_total, 10);
	assert_memory_equal(c->r.res.token, want, sizeof(want));
}

static void run__unhandled_sync_exit_stops_with_error(void **state)
{
	struct ctx *c = *state;

	add(&c->s, RMI_EXIT_SYNC)->esr = 0x01ULL << 26; /* a trapped WFI */
	assert_int_equal(rh_run(&c->r), RH_STOP_ERROR);
	assert_non_null(strstr(c->r.res.error, "RMI_EXIT_SYNC"));
}

static void run__cpu_off_of_the_last_rec_stops_all_off(void **state)
{
	struct ctx *c = *state;

	add(&c->s, RMI_EXIT_IRQ);
	add(&c->s, RMI_EXIT_PSCI)->gprs[0] = 0x84000002ULL;
	assert_int_equal(rh_run(&c->r), RH_STOP_ALL_OFF);
	assert_int_equal(c->r.res.exits[RMI_EXIT_IRQ], 1);
	assert_int_equal(c->r.res.num_psci, 1);
	assert_false(c->r.recs[0].on);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(run__host_calls_fill_console_and_exit_status,
						setup, teardown),
		cmocka_unit_test_setup_teardown(run__unknown_host_call_is_answered_with_error,
						setup, teardown),
		cmocka_unit_test_setup_teardown(run__mmio_accesses_are_emulated_with_emul_mmio,
						setup, teardown),
		cmocka_unit_test_setup_teardown(run__fault_on_unpopulated_ram_populates_it_once,
						setup, teardown),
		cmocka_unit_test_setup_teardown(run__token_chunks_are_reassembled, setup,
						teardown),
		cmocka_unit_test_setup_teardown(run__unhandled_sync_exit_stops_with_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(run__cpu_off_of_the_last_rec_stops_all_off, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
