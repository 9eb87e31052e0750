/* SPDX-License-Identifier: BSD-3-Clause */
/* Running a parsed sequence on a target and comparing the outputs (seq.h). */
#include <inttypes.h>

#include "den0137_abi.h"
#include "seq.h"

struct seq_runner {
	const char *name;
	const struct seq_target *t;
	FILE *report;
	struct seq_result res;
};

/* Resolves a value; false (reported) when its page has no address on the target. */
static bool resolve(struct seq_runner *r, const struct seq_step *st, const struct seq_val *v,
		    uint64_t *out)
{
	pa_t base;

	if (v->page < 0) {
		*out = v->v;
		return true;
	}
	base = r->t->page(r->t->ctx, (unsigned)v->page);
	if (base == 0U) {
		fprintf(r->report, "%s:%u: P%d: the target has no such page\n", r->name, st->line,
			v->page);
		r->res.mismatches++;
		return false;
	}
	*out = base + v->v;
	return true;
}

static const char *cmd_label(uint64_t fid, char *buf, size_t len)
{
	const char *n = seq_cmd_name(fid);

	if (n != NULL) {
		snprintf(buf, len, "RMI_%s", n);
	} else {
		snprintf(buf, len, "FID %" PRIx64, fid);
	}
	return buf;
}

static void run_write(struct seq_runner *r, const struct seq_step *st)
{
	uint64_t pa, v;
	uint8_t b[8];

	r->res.writes++;
	if (!resolve(r, st, &st->page, &pa) || !resolve(r, st, &st->value, &v)) {
		return;
	}
	/* Little-endian, as the RMM reads its parameter structures. */
	for (unsigned i = 0; i < st->size; i++) {
		b[i] = (uint8_t)(v >> (8U * i));
	}
	if (!r->t->ns_write(r->t->ctx, pa + st->off, b, st->size)) {
		fprintf(r->report, "%s:%u: write of %u bytes at %" PRIx64 " refused (not NS memory)\n",
			r->name, st->line, st->size, pa + st->off);
		r->res.mismatches++;
	}
}

static void check_x0(struct seq_runner *r, const struct seq_step *st, uint64_t got,
		     const char *cmd)
{
	uint64_t want = st->x0;
	bool ok;

	if (st->expect_raw) {
		ok = got == want;
	} else if (st->index >= 0) {
		want = st->x0 | ((uint64_t)st->index << 8);
		ok = got == want;
	} else if (st->x0 == RMI_ERROR_RTT ||
		   (st->fid == RMI_REC_ENTER_FID && st->x0 == RMI_ERROR_REALM)) {
		/* Index not given: the status alone is compared. */
		ok = (got & 0xFFU) == want && (got >> 16) == 0U;
	} else {
		ok = got == want;
	}
	if (!ok) {
		fprintf(r->report, "%s:%u: %s: X0 = %" PRIx64 ", expected %" PRIx64 "%s\n", r->name,
			st->line, cmd, got, want,
			st->index < 0 && st->x0 == RMI_ERROR_RTT ? " (status only)" : "");
		r->res.mismatches++;
	}
}

static void run_call(struct seq_runner *r, const struct seq_step *st)
{
	struct smc_regs regs = { .x = { st->fid } };
	char cmd[48];

	r->res.calls++;
	for (unsigned i = 0; i < st->nargs; i++) {
		if (!resolve(r, st, &st->arg[i], &regs.x[i + 1U])) {
			return;
		}
	}
	r->t->smc(r->t->ctx, &regs);
	if (!st->expect) {
		return;
	}
	cmd_label(st->fid, cmd, sizeof(cmd));
	check_x0(r, st, regs.x[0], cmd);
	for (unsigned i = 0; i < st->nout; i++) {
		unsigned reg = st->out[i].reg;
		uint64_t want;

		if (!resolve(r, st, &st->out[i].v, &want)) {
			continue;
		}
		if (regs.x[reg] != want) {
			fprintf(r->report, "%s:%u: %s: X%u = %" PRIx64 ", expected %" PRIx64 "\n",
				r->name, st->line, cmd, reg, regs.x[reg], want);
			r->res.mismatches++;
		}
	}
}

struct seq_result seq_run(const struct seq *s, const char *name, const struct seq_target *t,
			  FILE *report)
{
	struct seq_runner r = { .name = name, .t = t, .report = report };

	for (size_t i = 0; i < s->n; i++) {
		if (s->step[i].kind == SEQ_WRITE) {
			run_write(&r, &s->step[i]);
		} else {
			run_call(&r, &s->step[i]);
		}
	}
	return r.res;
}
