/* SPDX-License-Identifier: BSD-3-Clause */
/* RMI call sequences (sim/src/seq): parsing, printing, running on a scripted target. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "seq.h"

#define PAGE_BASE 0x88000000ULL

/* A target that records what it is asked and answers from a script. */
struct script {
	struct smc_regs in[8];
	struct smc_regs answer[8];
	unsigned ncalls;
	pa_t write_pa[8];
	uint8_t write_buf[8][8];
	size_t write_len[8];
	unsigned nwrites;
	bool refuse_writes;
};

static pa_t s_page(void *ctx, unsigned n)
{
	(void)ctx;
	return n < 100U ? PAGE_BASE + (pa_t)n * 0x1000U : 0U;
}

static void s_smc(void *ctx, struct smc_regs *regs)
{
	struct script *s = ctx;

	assert_true(s->ncalls < 8U);
	s->in[s->ncalls] = *regs;
	*regs = s->answer[s->ncalls++];
}

static bool s_ns_write(void *ctx, pa_t pa, const void *src, size_t len)
{
	struct script *s = ctx;

	assert_true(s->nwrites < 8U && len <= 8U);
	s->write_pa[s->nwrites] = pa;
	memcpy(s->write_buf[s->nwrites], src, len);
	s->write_len[s->nwrites++] = len;
	return !s->refuse_writes;
}

static int parse_text(const char *text, struct seq *q, char *err, size_t errlen)
{
	static char copy[4096];
	FILE *in;
	FILE *e = fmemopen(err, errlen, "w");
	int rc;

	assert_true(strlen(text) < sizeof(copy));
	memcpy(copy, text, strlen(text) + 1U);
	in = fmemopen(copy, strlen(copy), "r");
	assert_non_null(in);
	assert_non_null(e);
	memset(err, 0, errlen);
	rc = seq_parse(in, "t.seq", q, e);
	fclose(in);
	fclose(e);
	return rc;
}

/* Runs @text on @s; the report goes to @rep. */
static struct seq_result run_text(const char *text, struct script *s, char *rep, size_t replen)
{
	struct seq q = { 0 };
	struct seq_target t = { s, s_page, s_smc, s_ns_write };
	char err[256];
	FILE *r = fmemopen(rep, replen, "w");
	struct seq_result res;

	assert_int_equal(parse_text(text, &q, err, sizeof(err)), 0);
	memset(rep, 0, replen);
	res = seq_run(&q, "t.seq", &t, r);
	fclose(r);
	seq_free(&q);
	return res;
}

static void seq_parse__reads_calls_writes_pages_and_comments(void **state)
{
	struct seq q = { 0 };
	char err[256];

	(void)state;
	assert_int_equal(parse_text("# comment\n"
				    "\n"
				    "GRANULE_DELEGATE P3   # trailing comment\n"
				    "P1 808:8:P26+10\n"
				    "SMC_RMI_RTT_DESTROY 0x88000000 0 3 > RMI_ERROR_RTT 1 0 8000000000\n"
				    "RMI_RTT_READ_ENTRY(P0, 0, -1) > SUCCESS x4=2\n"
				    "c4000156 11 > ffffffffffffffff\n",
				    &q, err, sizeof(err)),
			 0);
	assert_int_equal(q.n, 5);
	assert_int_equal(q.step[0].kind, SEQ_CALL);
	assert_int_equal(q.step[0].fid, RMI_GRANULE_DELEGATE_FID);
	assert_int_equal(q.step[0].line, 3);
	assert_int_equal(q.step[0].arg[0].page, 3);
	assert_false(q.step[0].expect);
	assert_int_equal(q.step[1].kind, SEQ_WRITE);
	assert_int_equal(q.step[1].page.page, 1);
	assert_int_equal(q.step[1].off, 0x808);
	assert_int_equal(q.step[1].size, 8);
	assert_int_equal(q.step[1].value.page, 26);
	assert_int_equal(q.step[1].value.v, 0x10);
	assert_int_equal(q.step[2].fid, RMI_RTT_DESTROY_FID);
	assert_int_equal(q.step[2].arg[0].page, -1);
	assert_int_equal(q.step[2].arg[0].v, 0x88000000ULL);
	assert_int_equal(q.step[2].x0, RMI_ERROR_RTT);
	assert_int_equal(q.step[2].index, 1);
	assert_int_equal(q.step[2].nout, 2);
	assert_int_equal(q.step[2].out[1].reg, 2);
	assert_int_equal(q.step[2].out[1].v.v, 0x8000000000ULL);
	assert_int_equal(q.step[3].arg[2].v, (uint64_t)-1);
	assert_int_equal(q.step[3].out[0].reg, 4);
	assert_true(q.step[4].expect_raw);
	assert_int_equal(q.step[4].x0, (uint64_t)-1);
	seq_free(&q);
}

static void seq_parse__names_the_line_of_the_first_error(void **state)
{
	static const char *const bad[] = {
		"VERSION 0\nNO_SUCH_COMMAND 1\n",
		"VERSION 0\nP1 1000:8:0\n",         /* beyond the page */
		"VERSION 0\nP1 0:3:0\n",            /* size */
		"VERSION 0\nGRANULE_DELEGATE P5000\n", /* page number */
		"VERSION 0\nGRANULE_DELEGATE zz\n",
		"VERSION 0\nGRANULE_DELEGATE 1 > RMI_ERROR_INPUT 5\n", /* no outputs on INPUT */
		"VERSION 0\nVERSION 0 >\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct seq q = { 0 };
		char err[256];

		assert_int_equal(parse_text(bad[i], &q, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "t.seq:2: "));
		seq_free(&q);
	}
}

static void seq_run__resolves_pages_and_writes_little_endian(void **state)
{
	struct script s = { 0 };
	char rep[512];
	struct seq_result r;

	(void)state;
	s.answer[0].x[0] = RMI_SUCCESS;
	r = run_text("P2 808:8:P26\nP2 8:2:1234\nREALM_CREATE P0 P2 > RMI_SUCCESS\n", &s, rep,
		     sizeof(rep));
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.writes, 2);
	assert_int_equal(r.mismatches, 0);
	assert_int_equal(s.write_pa[0], PAGE_BASE + 0x2808);
	assert_int_equal(s.write_len[0], 8);
	assert_int_equal(s.write_buf[0][0], 0x00);
	assert_int_equal(s.write_buf[0][1], 0xA0);
	assert_int_equal(s.write_buf[0][3], 0x88);
	assert_int_equal(s.write_len[1], 2);
	assert_int_equal(s.write_buf[1][0], 0x34);
	assert_int_equal(s.write_buf[1][1], 0x12);
	assert_int_equal(s.in[0].x[0], RMI_REALM_CREATE_FID);
	assert_int_equal(s.in[0].x[1], PAGE_BASE);
	assert_int_equal(s.in[0].x[2], PAGE_BASE + 0x2000);
}

static void seq_run__reports_each_mismatch_with_its_line(void **state)
{
	struct script s = { 0 };
	char rep[1024];
	struct seq_result r;

	(void)state;
	/* The old clamped top: X2 = 2^36 where the sequence expects 2^39. */
	s.answer[0].x[0] = RMI_ERROR_RTT | (1U << 8);
	s.answer[0].x[2] = 0x1000000000ULL;
	s.answer[1].x[0] = RMI_ERROR_INPUT;
	s.answer[2].x[0] = RMI_ERROR_RTT | (2U << 8);
	s.answer[3].x[0] = RMI_SUCCESS;
	s.answer[3].x[1] = PAGE_BASE + 0x5000;
	r = run_text("RTT_DESTROY P0 0 3 > RMI_ERROR_RTT 1 * 8000000000\n"
		     "GRANULE_DELEGATE P1 > RMI_SUCCESS\n"
		     "RTT_DESTROY P0 0 3 > RMI_ERROR_RTT\n" /* status only: no mismatch */
		     "RTT_DESTROY P0 0 3 > RMI_SUCCESS P5 *\n",
		     &s, rep, sizeof(rep));
	assert_int_equal(r.calls, 4);
	assert_int_equal(r.mismatches, 2);
	assert_non_null(strstr(rep, "t.seq:1: RMI_RTT_DESTROY: X2 = 1000000000, expected 8000000000"));
	assert_non_null(strstr(rep, "t.seq:2: RMI_GRANULE_DELEGATE: X0 = 1, expected 0"));
	assert_null(strstr(rep, "t.seq:3"));
	assert_null(strstr(rep, "t.seq:4"));
}

static void seq_run__counts_refused_writes_and_missing_pages(void **state)
{
	struct script s = { .refuse_writes = true };
	char rep[512];
	struct seq_result r;

	(void)state;
	r = run_text("P1 0:8:0\nGRANULE_DELEGATE P200\n", &s, rep, sizeof(rep));
	assert_int_equal(r.mismatches, 2);
	assert_int_equal(s.ncalls, 0); /* a call with an unknown page is not issued */
	assert_non_null(strstr(rep, "t.seq:1: write"));
	assert_non_null(strstr(rep, "t.seq:2: P200"));
}

static void seq_print__call_line_parses_back_to_the_same_call(void **state)
{
	struct smc_regs in = { .x = { RMI_DATA_DESTROY_FID, 0x88000000ULL, 0x3000 } };
	struct smc_regs out = { .x = { RMI_ERROR_RTT | (2U << 8), 0, 0x200000 } };
	char line[256] = { 0 };
	FILE *f = fmemopen(line, sizeof(line), "w");
	struct seq q = { 0 };
	char err[256];

	(void)state;
	seq_print_call(f, &in, &out);
	seq_print_write(f, 0x88001000ULL, 0x808, 8, 0x88026000ULL);
	fclose(f);
	assert_non_null(strstr(line, "SMC_RMI_DATA_DESTROY          88000000 3000 > RMI_ERROR_RTT 2 0 200000\n"));
	assert_non_null(strstr(line, "88001000 808:8:88026000\n"));
	assert_int_equal(parse_text(line, &q, err, sizeof(err)), 0);
	assert_int_equal(q.n, 2);
	assert_int_equal(q.step[0].fid, RMI_DATA_DESTROY_FID);
	assert_int_equal(q.step[0].nargs, 2);
	assert_int_equal(q.step[0].index, 2);
	assert_int_equal(q.step[0].out[1].v.v, 0x200000);
	assert_int_equal(q.step[1].page.v, 0x88001000ULL);
	seq_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seq_parse__reads_calls_writes_pages_and_comments),
		cmocka_unit_test(seq_parse__names_the_line_of_the_first_error),
		cmocka_unit_test(seq_run__resolves_pages_and_writes_little_endian),
		cmocka_unit_test(seq_run__reports_each_mismatch_with_its_line),
		cmocka_unit_test(seq_run__counts_refused_writes_and_missing_pages),
		cmocka_unit_test(seq_print__call_line_parses_back_to_the_same_call),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
