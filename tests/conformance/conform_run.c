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
#include "den0137_conditions.h"

static const struct conform_case_set *const sets[] = {
	&conform_cases_granule, &conform_cases_realm, &conform_cases_rec,
	&conform_cases_data,    &conform_cases_rtt,   &conform_cases_ripas,
	&conform_cases_rsi,
};
#define NUM_SETS (sizeof(sets) / sizeof(sets[0]))

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

static const char *status_name(enum den0137_iface iface, unsigned status)
{
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
	switch (status) {
	case RMI_ERROR_INPUT:
		return "RMI_ERROR_INPUT";
	case RMI_ERROR_REALM:
		return "RMI_ERROR_REALM";
	case RMI_ERROR_REC:
		return "RMI_ERROR_REC";
	case RMI_ERROR_RTT:
		return "RMI_ERROR_RTT";
	default:
		return "RMI_SUCCESS";
	}
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
	cs->fn(&c);
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

static bool has_case(const char *command, const char *label)
{
	for (size_t s = 0; s < NUM_SETS; s++) {
		for (size_t i = 0; i < sets[s]->num; i++) {
			if (strcmp(sets[s]->cases[i].command, command) == 0 &&
			    strcmp(sets[s]->cases[i].label, label) == 0) {
				return true;
			}
		}
	}
	return false;
}

/* Conditions and pairs of the spec without a case, and cases the spec does not know. */
static unsigned coverage_errors(FILE *out)
{
	unsigned bad = 0;
	char label[140];
	bool ok;

	for (size_t k = 0; k < DEN0137_NUM_COMMANDS; k++) {
		const struct den0137_command *cmd = &den0137_commands[k];

		for (size_t i = 0; i < cmd->num_conds; i++) {
			if (!has_case(cmd->name, cmd->conds[i].label)) {
				fprintf(out, "coverage: %s %s has no case\n", cmd->name,
					cmd->conds[i].label);
				bad++;
			}
		}
		for (size_t i = 0; i < cmd->num_pairs; i++) {
			snprintf(label, sizeof(label), "pair:%s>%s", cmd->pairs[i].first,
				 cmd->pairs[i].second);
			if (!has_case(cmd->name, label)) {
				fprintf(out, "coverage: %s %s has no case\n", cmd->name, label);
				bad++;
			}
		}
	}
	for (size_t s = 0; s < NUM_SETS; s++) {
		for (size_t i = 0; i < sets[s]->num; i++) {
			const struct conform_case *cs = &sets[s]->cases[i];
			const struct den0137_command *cmd = den0137_command_find(cs->command);

			if (cmd == NULL || (case_condition(cmd, cs->label, &ok), !ok)) {
				fprintf(out, "coverage: case %s %s is not in the spec\n", cs->command,
					cs->label);
				bad++;
			}
		}
	}
	return bad;
}

/* The decisions taken where the fact sheet is unsure, so a report shows them. */
static void print_choices(FILE *out, const char *filter)
{
	bool first = true;

	for (size_t k = 0; k < DEN0137_NUM_COMMANDS; k++) {
		const struct den0137_command *cmd = &den0137_commands[k];

		if (!conform_filter_match(filter, cmd->name)) {
			continue;
		}
		for (size_t i = 0; i < cmd->num_choices; i++) {
			if (first) {
				fprintf(out, "choices (UNCONFIRMED in the spec sheet; "
					     "specs/DEN0137/conditions.spec):\n");
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

static size_t total_cases(void)
{
	size_t n = 0;

	for (size_t s = 0; s < NUM_SETS; s++) {
		n += sets[s]->num;
	}
	return n;
}

int conform_run(const struct conform_opts *o)
{
	FILE *out = o->out != NULL ? o->out : stdout;
	struct conform_result *res;
	size_t n = 0, pass = 0, fail = 0, skip = 0;
	unsigned cov;
	int rc = 0;

	if (o->list) {
		for (size_t k = 0; k < DEN0137_NUM_COMMANDS; k++) {
			for (size_t s = 0; s < NUM_SETS; s++) {
				for (size_t i = 0; i < sets[s]->num; i++) {
					const struct conform_case *cs = &sets[s]->cases[i];

					if (strcmp(cs->command, den0137_commands[k].name) == 0) {
						fprintf(out, "%s:%s%s%s\n", cs->command, cs->label,
							cs->skip != NULL ? ":SKIP:" : "",
							cs->skip != NULL ? cs->skip : "");
					}
				}
			}
		}
		return coverage_errors(stderr) == 0 ? 0 : 1;
	}
	res = calloc(total_cases() + 1, sizeof(*res));
	if (res == NULL) {
		return -1;
	}
	cov = coverage_errors(out);
	for (size_t k = 0; k < DEN0137_NUM_COMMANDS; k++) {
		const struct den0137_command *cmd = &den0137_commands[k];

		if (!conform_filter_match(o->filter, cmd->name)) {
			continue;
		}
		for (size_t s = 0; s < NUM_SETS; s++) {
			for (size_t i = 0; i < sets[s]->num; i++) {
				const struct conform_case *cs = &sets[s]->cases[i];
				const struct den0137_condition *cond;
				struct conform_result *r = &res[n];
				bool ok;

				if (strcmp(cs->command, cmd->name) != 0) {
					continue;
				}
				cond = case_condition(cmd, cs->label, &ok);
				if (!ok) {
					continue; /* reported by coverage_errors() */
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
				if (r->verdict == CONFORM_FAIL) {
					fprintf(out, "  got %s%s%s", r->got, r->why[0] ? ": " : "", r->why);
				} else if (r->verdict == CONFORM_SKIP) {
					fprintf(out, "  (%s)", r->why);
				}
				fputc('\n', out);
			}
		}
	}
	fprintf(out, "%zu passed, %zu failed, %zu skipped\n", pass, fail, skip);
	if (!o->quiet) {
		print_choices(out, o->filter);
	}
	if (cov != 0) {
		fprintf(out, "%u conditions or pairs of specs/DEN0137/conditions.spec lack a case\n", cov);
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
