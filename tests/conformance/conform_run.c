/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The runner: for every command of the generated condition table, in
 * order, runs its cases on a fresh platform each, compares X0 with the
 * status and index the spec gives the case's condition, prints a table and
 * writes the reports. Also checks that every condition and pair of the
 * spec has a case (known-skipped ones count, and are reported).
 */
#include <stdlib.h>
#include <string.h>

#include "conform.h"
#include "conform_case.h"
#include "conform_result.h"
#include "den0137_2_abi.h"
#include "den0137_2_conditions.h"
#include "den0137_conditions.h"

static const struct conform_case_set *const sets[] = {
	&conform_cases_granule, &conform_cases_realm, &conform_cases_rec,
	&conform_cases_data,    &conform_cases_rtt,   &conform_cases_ripas,
	&conform_cases_rsi,
};
#define NUM_SETS (sizeof(sets) / sizeof(sets[0]))

/* The 2.0 suite's own cases (cases2_*.c). */
static const struct conform_case_set *const sets2[] = {
	&conform_cases2_boot, &conform_cases2_realm, &conform_cases2_rec,
	&conform_cases2_map,  &conform_cases2_sro,
};
#define NUM_SETS2 (sizeof(sets2) / sizeof(sets2[0]))

/*
 * Commands whose 2.0 checks are the 1.0 ones after the gate (commands.md:
 * "Arguments and outputs are unchanged from 1.0 ... treat the [V1] orders as
 * the baseline"; REALM_ACTIVATE, PSCI_COMPLETE and REC_ENTER/INIT_RIPAS
 * conditions of the same meaning): a 2.0 condition without a case of its own
 * runs the 1.0 case of the same label, its helpers speaking 2.0
 * (conform_helpers.c). Such rows are marked "(1.0 case)".
 */
static const char *const inherit2[] = {
	"RMI_RTT_CREATE", "RMI_RTT_DESTROY", "RMI_RTT_READ_ENTRY", "RMI_RTT_FOLD",
	"RMI_RTT_SET_RIPAS", "RMI_RTT_INIT_RIPAS", "RMI_REALM_ACTIVATE", "RMI_PSCI_COMPLETE",
	"RMI_REC_ENTER",
};

static bool inherited(const char *command)
{
	for (size_t i = 0; i < sizeof(inherit2) / sizeof(inherit2[0]); i++) {
		if (strcmp(inherit2[i], command) == 0) {
			return true;
		}
	}
	return false;
}

/* The condition a case is judged on: "pair:A>B" is judged on A. NULL = success. */
static const struct den0137_condition *case_condition(const struct den0137_command *cmd,
						      const char *label, bool *ok)
{
	char first[64];
	const char *gt;

	*ok = true;
	if (strcmp(label, "success") == 0) {
		return NULL;
	}
	if (strncmp(label, "pair:", 5) == 0) {
		gt = strchr(label, '>');
		if (gt == NULL || (size_t)(gt - label - 5) >= sizeof(first)) {
			*ok = false;
			return NULL;
		}
		memcpy(first, label + 5, (size_t)(gt - label - 5));
		first[gt - label - 5] = '\0';
		label = first;
	}
	const struct den0137_condition *cond = den0137_condition_find(cmd, label);

	*ok = cond != NULL;
	return cond;
}

/* @label is "success", a condition of @cmd, or one of its pairs ("pair:A>B"). */
static bool label_in_table(const struct den0137_command *cmd, const char *label)
{
	char pair[140];

	if (strcmp(label, "success") == 0 || den0137_condition_find(cmd, label) != NULL) {
		return true;
	}
	for (size_t i = 0; i < cmd->num_pairs; i++) {
		snprintf(pair, sizeof(pair), "pair:%s>%s", cmd->pairs[i].first, cmd->pairs[i].second);
		if (strcmp(pair, label) == 0) {
			return true;
		}
	}
	return false;
}

static const char *status_name(enum den0137_iface iface, unsigned status)
{
	static const char *const rmi[] = {
		"RMI_SUCCESS",         "RMI_ERROR_INPUT",   "RMI_ERROR_REALM",
		"RMI_ERROR_REC",       "RMI_ERROR_RTT",     "RMI_ERROR_NOT_SUPPORTED",
		"RMI_ERROR_DEVICE",    "RMI_ERROR_RTT_AUX", "RMI_ERROR_PSMMU_ST",
		"RMI_ERROR_DPT",       "RMI_BUSY",          "RMI_ERROR_GLOBAL",
		"RMI_ERROR_TRACKING",  "RMI_INCOMPLETE",    "RMI_BLOCKED",
		"RMI_ERROR_GPT",       "RMI_ERROR_GRANULE",
	};

	if (iface == DEN0137_IFACE_RSI) {
		switch (status) {
		case RSI_ERROR_INPUT:
			return "RSI_ERROR_INPUT";
		case RSI_ERROR_STATE:
			return "RSI_ERROR_STATE";
		case RSI_ERROR_UNKNOWN:
			return "RSI_ERROR_UNKNOWN";
		default:
			return "RSI_SUCCESS";
		}
	}
	return status < sizeof(rmi) / sizeof(rmi[0]) ? rmi[status] : "RMI_SUCCESS";
}

/*
 * Expected X0 once the case ran (it set level / walk_level); text for the
 * table. RSI status codes have no index: shown without one.
 */
static uint64_t expected_x0(const struct den0137_command *cmd, const struct den0137_condition *cond,
			    const struct conform_ctx *c, bool ran, char *buf, size_t len)
{
	unsigned index = 0;
	const char *sym = NULL;

	if (cond == NULL) {
		snprintf(buf, len, "%s", status_name(cmd->iface, 0));
		return 0; /* RMI_SUCCESS / RSI_SUCCESS */
	}
	if (cmd->iface == DEN0137_IFACE_RSI) {
		snprintf(buf, len, "%s", status_name(cmd->iface, cond->status));
		return cond->status;
	}
	switch (cond->index) {
	case DEN0137_INDEX_0:
		index = 0;
		break;
	case DEN0137_INDEX_1:
		index = 1;
		break;
	case DEN0137_INDEX_3:
		index = 3;
		break;
	case DEN0137_INDEX_WALK_LEVEL:
		index = c->walk_level;
		sym = "walk_level";
		break;
	case DEN0137_INDEX_LEVEL:
		index = c->level;
		sym = "level";
		break;
	case DEN0137_INDEX_LEVEL_MINUS_1:
		index = c->level - 1;
		sym = "level-1";
		break;
	}
	if (!ran && sym != NULL) {
		snprintf(buf, len, "%s %s", status_name(cmd->iface, cond->status), sym);
	} else {
		snprintf(buf, len, "%s %u", status_name(cmd->iface, cond->status), index);
	}
	return cond->status | ((uint64_t)index << 8);
}

/* Picks memory for the allocator and the special addresses cases need. */
static bool ctx_init(struct conform_ctx *c, struct rmmsim *sim)
{
	struct rmmsim_region banks[8], regs[8];
	size_t nb, n;

	memset(c, 0, sizeof(*c));
	c->sim = sim;
	c->next_vmid = 1;
	nb = rmmsim_dram_banks(sim, banks, 8);
	if (nb == 0 || banks[0].size < 0x200000ULL) {
		return false;
	}
	/* Stay clear of the start of DRAM, where payloads are loaded. */
	c->next = banks[0].base + (banks[0].size >= 0x10000000ULL ? 0x8000000ULL : banks[0].size / 2);
	c->limit = banks[0].base + banks[0].size;
	n = rmmsim_mmio_regions(sim, regs, 8);
	c->unbound = n > 0 ? regs[0].base : banks[nb - 1].base + banks[nb - 1].size;
	n = rmmsim_secure_regions(sim, regs, 8);
	/* gran_gpt needs a Secure granule the RMM would otherwise manage. */
	for (size_t i = 0; i < n && c->secure == 0; i++) {
		for (size_t b = 0; b < nb; b++) {
			if (regs[i].base >= banks[b].base &&
			    regs[i].base < banks[b].base + banks[b].size) {
				c->secure = regs[i].base;
			}
		}
	}
	return true;
}

/* The spec file a table comes from, for messages. */
static const char *spec_path(unsigned abi)
{
	return abi == 2 ? "specs/DEN0137-2.0/conditions.spec" : "specs/DEN0137/conditions.spec";
}

/*
 * 2.0 host start (sequences.md A1): RMI_VERSION(2.0) must succeed; then,
 * unless the case needs the RMM still INIT (the gate cases, RMM_CONFIG_SET,
 * RMM_ACTIVATE), RMM_CONFIG_SET(4 KB, 1 GiB) and RMM_ACTIVATE.
 */
static bool boot2(struct conform_ctx *c, const struct conform_case *cs)
{
	struct smc_regs out;

	conform_smc(c, RMI2_VERSION_FID, (uint64_t[5]){ RMI2_ABI_VERSION }, &out);
	if (out.x[0] != RMI2_SUCCESS) {
		return conform_fail(c, "setup: RMI_VERSION(2.0) returned 0x%llx: the RMM does not "
				       "speak RMI 2.0", (unsigned long long)out.x[0]);
	}
	if (strcmp(cs->label, "global") == 0 || strcmp(cs->command, "RMI_RMM_CONFIG_SET") == 0 ||
	    strcmp(cs->command, "RMI_RMM_ACTIVATE") == 0) {
		return true;
	}
	return conform2_activate(c);
}

static void run_case(const struct conform_opts *o, const struct conform_case *cs,
		     const struct den0137_command *cmd, const struct den0137_condition *cond,
		     struct conform_result *res)
{
	struct rmmsim_options ro = { .platform_path = o->platform_path };
	struct conform_ctx c;
	struct rmmsim *sim;
	char err[200];
	uint64_t want;

	memset(res, 0, sizeof(*res));
	res->command = cs->command;
	res->label = cs->label;
	memset(&c, 0, sizeof(c));
	expected_x0(cmd, cond, &c, false, res->expected, sizeof(res->expected));
	if (cs->skip != NULL || (cs->slow && !o->slow)) {
		res->verdict = CONFORM_SKIP;
		snprintf(res->why, sizeof(res->why), "%s",
			 cs->skip != NULL ? cs->skip : "slow case: run with --slow");
		return;
	}
	sim = rmmsim_create(&ro, err, sizeof(err));
	if (sim == NULL) {
		res->verdict = CONFORM_FAIL;
		snprintf(res->why, sizeof(res->why), "rmmsim_create: %s", err);
		return;
	}
	if (!ctx_init(&c, sim)) {
		res->verdict = CONFORM_FAIL;
		snprintf(res->why, sizeof(res->why), "platform has no usable DRAM bank");
		rmmsim_destroy(sim);
		return;
	}
	c.abi = o->abi == 2 ? 2 : 1;
	c.fid = cmd->fid;
	c.command = cmd->name;
	if (c.abi == 1 || boot2(&c, cs)) {
		cs->fn(&c);
	}
	rmmsim_destroy(sim);
	if (c.skipped != NULL) {
		res->verdict = CONFORM_SKIP;
		snprintf(res->why, sizeof(res->why), "%s", c.skipped);
		return;
	}
	want = expected_x0(cmd, cond, &c, true, res->expected, sizeof(res->expected));
	if (c.called && cmd->iface == DEN0137_IFACE_RSI) {
		conform_fmt_rsi_status(c.got, res->got, sizeof(res->got));
	} else if (c.called) {
		conform_fmt_status(c.got, res->got, sizeof(res->got));
	} else {
		snprintf(res->got, sizeof(res->got), "-");
	}
	res->verdict = (c.called && c.got == want && !c.failed) ? CONFORM_PASS : CONFORM_FAIL;
	if (c.failed) {
		snprintf(res->why, sizeof(res->why), "%s", c.why);
	}
}

/*
 * The cases of @command for ABI @abi, in run order, into @out (at most
 * @max): 1.0: the case sets in order. 2.0: the 2.0 sets in order, then, for
 * an inherited command, the 1.0 cases of labels the 2.0 sets do not cover.
 * @from1 (may be NULL) marks the inherited ones. Returns the count.
 */
static size_t cases_of(unsigned abi, const char *command, const struct conform_case **out,
		       bool *from1, size_t max)
{
	size_t n = 0, own;

	if (abi != 2) {
		for (size_t s = 0; s < NUM_SETS; s++) {
			for (size_t i = 0; i < sets[s]->num && n < max; i++) {
				if (strcmp(sets[s]->cases[i].command, command) == 0) {
					if (from1 != NULL) {
						from1[n] = false;
					}
					out[n++] = &sets[s]->cases[i];
				}
			}
		}
		return n;
	}
	for (size_t s = 0; s < NUM_SETS2; s++) {
		for (size_t i = 0; i < sets2[s]->num && n < max; i++) {
			if (strcmp(sets2[s]->cases[i].command, command) == 0) {
				if (from1 != NULL) {
					from1[n] = false;
				}
				out[n++] = &sets2[s]->cases[i];
			}
		}
	}
	own = n;
	if (!inherited(command)) {
		return n;
	}
	for (size_t s = 0; s < NUM_SETS; s++) {
		for (size_t i = 0; i < sets[s]->num && n < max; i++) {
			const struct conform_case *cs = &sets[s]->cases[i];
			bool dup = false;

			if (strcmp(cs->command, command) != 0) {
				continue;
			}
			for (size_t k = 0; k < own; k++) {
				dup = dup || strcmp(out[k]->label, cs->label) == 0;
			}
			if (!dup) {
				if (from1 != NULL) {
					from1[n] = true;
				}
				out[n++] = cs;
			}
		}
	}
	return n;
}

#define MAX_CASES_PER_COMMAND 96

/* True if @label of @cmd has a case (its own, or inherited for 2.0). */
static bool has_case(unsigned abi, const char *command, const char *label)
{
	const struct conform_case *list[MAX_CASES_PER_COMMAND];
	size_t n = cases_of(abi, command, list, NULL, MAX_CASES_PER_COMMAND);

	for (size_t i = 0; i < n; i++) {
		if (strcmp(list[i]->label, label) == 0) {
			return true;
		}
	}
	return false;
}

/* Conditions and pairs of the spec without a case, and cases the spec does not know. */
static unsigned coverage_errors(unsigned abi, FILE *out)
{
	size_t num;
	const struct den0137_command *table = conform_table(abi, &num);
	unsigned bad = 0;
	char label[140];
	bool ok;

	for (size_t k = 0; k < num; k++) {
		const struct den0137_command *cmd = &table[k];
		const struct conform_case *list[MAX_CASES_PER_COMMAND];
		bool from1[MAX_CASES_PER_COMMAND];
		size_t n;

		for (size_t i = 0; i < cmd->num_conds; i++) {
			if (!has_case(abi, cmd->name, cmd->conds[i].label)) {
				fprintf(out, "coverage: %s %s has no case\n", cmd->name,
					cmd->conds[i].label);
				bad++;
			}
		}
		for (size_t i = 0; i < cmd->num_pairs; i++) {
			snprintf(label, sizeof(label), "pair:%s>%s", cmd->pairs[i].first,
				 cmd->pairs[i].second);
			if (!has_case(abi, cmd->name, label)) {
				fprintf(out, "coverage: %s %s has no case\n", cmd->name, label);
				bad++;
			}
		}
		/* An inherited 1.0 case of a label 2.0 dropped is simply not run. */
		n = cases_of(abi, cmd->name, list, from1, MAX_CASES_PER_COMMAND);
		for (size_t i = 0; i < n; i++) {
			if (!from1[i] && (case_condition(cmd, list[i]->label, &ok), !ok)) {
				fprintf(out, "coverage: case %s %s is not in the spec\n",
					list[i]->command, list[i]->label);
				bad++;
			}
		}
	}
	/* Cases of commands the table does not have. */
	for (size_t s = 0; s < (abi == 2 ? NUM_SETS2 : NUM_SETS); s++) {
		const struct conform_case_set *set = abi == 2 ? sets2[s] : sets[s];

		for (size_t i = 0; i < set->num; i++) {
			bool known = false;

			for (size_t k = 0; k < num; k++) {
				known = known || strcmp(table[k].name, set->cases[i].command) == 0;
			}
			if (!known) {
				fprintf(out, "coverage: case %s %s is not in the spec\n",
					set->cases[i].command, set->cases[i].label);
				bad++;
			}
		}
	}
	return bad;
}

/* The decisions taken where the fact sheet is unsure, so a report shows them. */
static void print_choices(FILE *out, unsigned abi, const char *filter)
{
	size_t num;
	const struct den0137_command *table = conform_table(abi, &num);
	bool first = true;

	for (size_t k = 0; k < num; k++) {
		const struct den0137_command *cmd = &table[k];

		if (!conform_filter_match(filter, cmd->name)) {
			continue;
		}
		for (size_t i = 0; i < cmd->num_choices; i++) {
			if (first) {
				fprintf(out, "choices (UNCONFIRMED in the spec sheet; %s):\n",
					spec_path(abi));
				first = false;
			}
			fprintf(out, "  %s %s", cmd->name, cmd->choices[i].id);
			if (cmd->choices[i].affects[0] != '\0') {
				fprintf(out, " [affects %s]", cmd->choices[i].affects);
			}
			fprintf(out, ": %s\n", cmd->choices[i].text);
		}
	}
}

/* A usable upper bound of the number of rows a run prints. */
static size_t total_cases(void)
{
	size_t n = 0;

	for (size_t s = 0; s < NUM_SETS; s++) {
		n += sets[s]->num;
	}
	for (size_t s = 0; s < NUM_SETS2; s++) {
		n += sets2[s]->num;
	}
	return n;
}

int conform_run(const struct conform_opts *o)
{
	FILE *out = o->out != NULL ? o->out : stdout;
	unsigned abi = o->abi == 2 ? 2 : 1;
	size_t num;
	const struct den0137_command *table = conform_table(abi, &num);
	struct conform_result *res;
	size_t n = 0, pass = 0, fail = 0, skip = 0;
	unsigned cov;
	int rc = 0;

	if (o->list) {
		for (size_t k = 0; k < num; k++) {
			const struct conform_case *list[MAX_CASES_PER_COMMAND];
			size_t m = cases_of(abi, table[k].name, list, NULL, MAX_CASES_PER_COMMAND);

			for (size_t i = 0; i < m; i++) {
				const struct conform_case *cs = list[i];
				bool ok;

				if (case_condition(&table[k], cs->label, &ok), !ok) {
					continue; /* reported by coverage_errors() */
				}
				if (!label_in_table(&table[k], cs->label)) {
					continue; /* an inherited label 2.0 dropped */
				}
				fprintf(out, "%s:%s%s%s\n", cs->command, cs->label,
					cs->skip != NULL ? ":SKIP:" : "",
					cs->skip != NULL ? cs->skip : "");
			}
		}
		return coverage_errors(abi, stderr) == 0 ? 0 : 1;
	}
	res = calloc(total_cases() + 1, sizeof(*res));
	if (res == NULL) {
		return -1;
	}
	cov = coverage_errors(abi, out);
	for (size_t k = 0; k < num; k++) {
		const struct den0137_command *cmd = &table[k];
		const struct conform_case *list[MAX_CASES_PER_COMMAND];
		bool from1[MAX_CASES_PER_COMMAND];
		size_t m;

		if (!conform_filter_match(o->filter, cmd->name)) {
			continue;
		}
		m = cases_of(abi, cmd->name, list, from1, MAX_CASES_PER_COMMAND);
		for (size_t i = 0; i < m; i++) {
			const struct conform_case *cs = list[i];
			const struct den0137_condition *cond;
			struct conform_result *r = &res[n];
			bool ok;

			cond = case_condition(cmd, cs->label, &ok);
			if (!ok || (from1[i] && !label_in_table(cmd, cs->label))) {
				continue; /* reported by coverage_errors() / dropped in 2.0 */
			}
			run_case(o, cs, cmd, cond, r);
			n++;
			pass += r->verdict == CONFORM_PASS;
			fail += r->verdict == CONFORM_FAIL;
			skip += r->verdict == CONFORM_SKIP;
			if (o->quiet) {
				continue;
			}
			fprintf(out, "%-30s %-28s %-22s %s", r->command, r->label, r->expected,
				conform_verdict_name(r->verdict));
			if (from1[i]) {
				fprintf(out, " (1.0 case)");
			}
			if (r->verdict == CONFORM_FAIL) {
				fprintf(out, "  got %s%s%s", r->got, r->why[0] ? ": " : "", r->why);
			} else if (r->verdict == CONFORM_SKIP) {
				fprintf(out, "  (%s)", r->why);
			}
			fputc('\n', out);
		}
	}
	fprintf(out, "%zu passed, %zu failed, %zu skipped\n", pass, fail, skip);
	if (!o->quiet) {
		print_choices(out, abi, o->filter);
	}
	if (cov != 0) {
		fprintf(out, "%u conditions or pairs of %s lack a case\n", cov, spec_path(abi));
	}
	if (o->json_path != NULL && !conform_write_json(o->json_path, res, n)) {
		fprintf(stderr, "conform: cannot write %s\n", o->json_path);
		rc = -1;
	}
	if (o->junit_path != NULL && !conform_write_junit(o->junit_path, res, n)) {
		fprintf(stderr, "conform: cannot write %s\n", o->junit_path);
		rc = -1;
	}
	free(res);
	if (rc != 0) {
		return rc;
	}
	return (fail == 0 && cov == 0) ? 0 : 1;
}
