/* SPDX-License-Identifier: BSD-3-Clause */
/* Self-test of the conformance suite's machinery: generated table, status text, options, reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "conform.h"
#include "conform_case.h"
#include "conform_result.h"
#include "den0137_2_abi.h"
#include "den0137_2_conditions.h"
#include "den0137_conditions.h"

static const char *tmp_dir = ".";

/* The 2.0 table (specs/DEN0137-2.0): gate first, 2.0 status codes, the SRO statuses named. */
static void table2__gate_first_and_2_0_statuses(void **state)
{
	const struct den0137_command *rc = den0137_2_command_find("RMI_REC_CREATE");
	const struct den0137_command *l1 = den0137_2_command_find("RMI_GPT_L1_CREATE");
	char buf[40];
	size_t n;

	(void)state;
	assert_ptr_equal(conform_table(2, &n), den0137_2_commands);
	assert_int_equal(n, DEN0137_2_NUM_COMMANDS);
	assert_non_null(rc);
	assert_int_equal(rc->fid, RMI2_REC_CREATE_FID);
	assert_string_equal(rc->conds[0].label, "global");
	assert_int_equal(rc->conds[0].status, RMI2_ERROR_GLOBAL);
	assert_int_equal(den0137_condition_find(rc, "sro_blocked")->status, RMI2_BLOCKED);
	assert_int_equal(den0137_condition_find(l1, "gpt_state")->status, RMI2_ERROR_GPT);
	/* RMI_VERSION and RMI_FEATURES are not gated: no global condition. */
	assert_null(den0137_condition_find(den0137_2_command_find("RMI_FEATURES"), "global"));
	assert_null(den0137_2_command_find("RMI_GRANULE_DELEGATE")); /* removed in 2.0 */
	conform_fmt_status(RMI2_INCOMPLETE | (RMI2_OP_MEM_REQ_DONATE << RMI2_RESULT_MEMREQ_SHIFT), buf,
			   sizeof(buf));
	assert_string_equal(buf, "RMI_INCOMPLETE 1");
	conform_fmt_status(RMI2_ERROR_GRANULE, buf, sizeof(buf));
	assert_string_equal(buf, "RMI_ERROR_GRANULE 0");
}

static void parse_args__rmi_abi_selects_the_table(void **state)
{
	struct conform_opts o = { 0 };
	char *ok[] = { "x", "--rmi-abi", "2.0", "--filter", "RMI_OP_CANCEL" };
	char *bad_abi[] = { "x", "--rmi-abi", "3.0" };
	char *v1_only[] = { "x", "--filter", "RMI_OP_CANCEL" };

	(void)state;
	assert_int_equal(conform_parse_args(5, ok, &o, stdout), 0);
	assert_int_equal(o.abi, 2);
	memset(&o, 0, sizeof(o));
	assert_int_equal(conform_parse_args(3, bad_abi, &o, stdout), -1);
	memset(&o, 0, sizeof(o));
	/* OP_CANCEL is a 2.0 command: not in the 1.0 table. */
	assert_int_equal(conform_parse_args(3, v1_only, &o, stdout), -1);
}

static void fmt_status__packs_status_and_index(void **state)
{
	char buf[40];

	conform_fmt_status(RMI_ERROR_RTT | (2U << 8), buf, sizeof(buf));
	assert_string_equal(buf, "RMI_ERROR_RTT 2");
	conform_fmt_status(RMI_SUCCESS, buf, sizeof(buf));
	assert_string_equal(buf, "RMI_SUCCESS");
	conform_fmt_status(~0ULL, buf, sizeof(buf));
	assert_string_equal(buf, "0xffffffffffffffff");
}

static void fmt_rsi_status__names_rsi_codes(void **state)
{
	char buf[40];

	conform_fmt_rsi_status(RSI_ERROR_STATE, buf, sizeof(buf));
	assert_string_equal(buf, "RSI_ERROR_STATE");
	conform_fmt_rsi_status(RSI_SUCCESS, buf, sizeof(buf));
	assert_string_equal(buf, "RSI_SUCCESS");
	conform_fmt_rsi_status(0x100, buf, sizeof(buf));
	assert_string_equal(buf, "0x100");
}

static void table__lists_the_23_rmi_and_10_rsi_commands_with_their_fids(void **state)
{
	const struct den0137_command *c = den0137_command_find("RMI_DATA_CREATE");
	const struct den0137_command *t = den0137_command_find("RSI_ATTESTATION_TOKEN_CONTINUE");
	size_t rsi = 0;

	assert_int_equal(DEN0137_NUM_COMMANDS, 33);
	assert_non_null(c);
	assert_int_equal(c->fid, 0xC4000153ULL);
	assert_int_equal(c->iface, DEN0137_IFACE_RMI);
	assert_null(den0137_command_find("RMI_NOPE"));
	assert_string_equal(conform_fid_name(0xC4000169ULL), "RMI_RTT_SET_RIPAS");
	assert_string_equal(conform_fid_name(0xC4000199ULL), "RSI_HOST_CALL");
	for (size_t k = 0; k < DEN0137_NUM_COMMANDS; k++) {
		rsi += den0137_commands[k].iface == DEN0137_IFACE_RSI;
	}
	assert_int_equal(rsi, 10);
	/* RSI conditions carry RSI_ERROR_* codes and no index. */
	assert_non_null(t);
	assert_int_equal(t->iface, DEN0137_IFACE_RSI);
	assert_int_equal(den0137_condition_find(t, "state")->status, RSI_ERROR_STATE);
	assert_int_equal(den0137_condition_find(t, "ripas_empty")->index, DEN0137_INDEX_0);
}

static void table__data_create_rtt_walk_reports_walk_level(void **state)
{
	const struct den0137_command *c = den0137_command_find("RMI_DATA_CREATE");
	const struct den0137_condition *w = den0137_condition_find(c, "rtt_walk");
	const struct den0137_condition *b = den0137_condition_find(c, "ipa_bound");

	assert_non_null(w);
	assert_non_null(b);
	assert_int_equal(w->status, RMI_ERROR_RTT);
	assert_int_equal(w->index, DEN0137_INDEX_WALK_LEVEL);
	assert_true(b->order < w->order);
}

static void table__every_pair_follows_the_condition_order(void **state)
{
	for (size_t k = 0; k < DEN0137_NUM_COMMANDS; k++) {
		const struct den0137_command *c = &den0137_commands[k];

		for (size_t i = 0; i < c->num_pairs; i++) {
			const struct den0137_condition *a = den0137_condition_find(c, c->pairs[i].first);
			const struct den0137_condition *b = den0137_condition_find(c, c->pairs[i].second);

			assert_non_null(a);
			assert_non_null(b);
			assert_true(a->order < b->order);
		}
	}
}

static void parse_args__rejects_unknown_option_and_command(void **state)
{
	struct conform_opts o = { 0 };
	char *bad[] = { "t", "--bogus" };
	char *filt[] = { "t", "--filter", "RMI_NOPE" };
	char *good[] = { "t", "--filter", "RMI_VERSION", "--json", "x.json" };

	assert_int_equal(conform_parse_args(2, bad, &o, stdout), -1);
	assert_int_equal(conform_parse_args(3, filt, &o, stdout), -1);
	memset(&o, 0, sizeof(o));
	assert_int_equal(conform_parse_args(5, good, &o, stdout), 0);
	assert_string_equal(o.filter, "RMI_VERSION");
	assert_string_equal(o.json_path, "x.json");
}

static void filter__matches_each_listed_command_only(void **state)
{
	struct conform_opts o = { 0 };
	char *half[] = { "t", "--filter", "RMI_VERSION,RMI_NOPE" };

	assert_true(conform_filter_match("RMI_A,RMI_BB", "RMI_BB"));
	assert_true(conform_filter_match("RMI_A,RMI_BB", "RMI_A"));
	assert_false(conform_filter_match("RMI_A,RMI_BB", "RMI_B"));
	assert_false(conform_filter_match("RMI_AB", "RMI_A"));
	assert_true(conform_filter_match(NULL, "RMI_A"));
	assert_int_equal(conform_parse_args(3, half, &o, stdout), -1);
}

static char *slurp(const char *path)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static const struct conform_result rows[] = {
	{ "RMI_A", "x", "RMI_ERROR_INPUT 0", "RMI_SUCCESS", CONFORM_FAIL, "setup: \"q\" <b>" },
	{ "RMI_A", "y", "RMI_SUCCESS", "RMI_SUCCESS", CONFORM_PASS, "" },
	{ "RMI_B", "z", "RMI_ERROR_REC 0", "", CONFORM_SKIP, "needs realm execution" },
};

static void json_report__escapes_quotes(void **state)
{
	char path[512];
	const char *s;

	snprintf(path, sizeof(path), "%s/r.json", tmp_dir);
	assert_true(conform_write_json(path, rows, 3));
	s = slurp(path);
	assert_non_null(strstr(s, "\"reason\": \"setup: \\\"q\\\" <b>\""));
	assert_non_null(strstr(s, "\"result\": \"SKIP\""));
}

static void junit_report__one_testsuite_per_command(void **state)
{
	char path[512];
	const char *s;

	snprintf(path, sizeof(path), "%s/r.xml", tmp_dir);
	assert_true(conform_write_junit(path, rows, 3));
	s = slurp(path);
	assert_non_null(strstr(s, "<testsuite name=\"RMI_A\" tests=\"2\" failures=\"1\" skipped=\"0\""));
	assert_non_null(strstr(s, "<testsuite name=\"RMI_B\" tests=\"1\" failures=\"0\" skipped=\"1\""));
	assert_non_null(strstr(s, "&quot;q&quot; &lt;b&gt;"));
}

static void run__version_cases_pass_on_the_default_platform(void **state)
{
	struct conform_opts o = { .filter = "RMI_VERSION", .quiet = true };
	FILE *f = tmpfile();

	assert_non_null(f);
	o.out = f;
	assert_int_equal(conform_run(&o), 0);
	fclose(f);
}

static void run__rsi_cases_pass_through_the_realm_agent(void **state)
{
	struct conform_opts o = { .filter = "RSI_VERSION,RSI_IPA_STATE_GET", .quiet = true };
	FILE *f = tmpfile();

	assert_non_null(f);
	o.out = f;
	assert_int_equal(conform_run(&o), 0);
	fclose(f);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fmt_status__packs_status_and_index),
		cmocka_unit_test(table2__gate_first_and_2_0_statuses),
		cmocka_unit_test(parse_args__rmi_abi_selects_the_table),
		cmocka_unit_test(fmt_rsi_status__names_rsi_codes),
		cmocka_unit_test(table__lists_the_23_rmi_and_10_rsi_commands_with_their_fids),
		cmocka_unit_test(table__data_create_rtt_walk_reports_walk_level),
		cmocka_unit_test(table__every_pair_follows_the_condition_order),
		cmocka_unit_test(parse_args__rejects_unknown_option_and_command),
		cmocka_unit_test(filter__matches_each_listed_command_only),
		cmocka_unit_test(json_report__escapes_quotes),
		cmocka_unit_test(junit_report__one_testsuite_per_command),
		cmocka_unit_test(run__version_cases_pass_on_the_default_platform),
		cmocka_unit_test(run__rsi_cases_pass_through_the_realm_agent),
	};
	if (argc > 1) {
		tmp_dir = argv[1];
		/* An existing directory is fine; anything else shows up as a failed write. */
		(void)mkdir(tmp_dir, 0755);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
