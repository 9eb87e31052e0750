/* SPDX-License-Identifier: BSD-3-Clause */
/* Parser and printer of RMI call sequences (seq.h, docs/sequences.md). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "seq.h"

#define SEQ_LINE_MAX 1024U
#define SEQ_MAX_TOKENS 32U
#define SEQ_SVE_HINT (1ULL << 16)
/* Fields are separated by blanks; "CMD(a, b)" is accepted as well. */
#define SEQ_SEPS " \t\r\n,()"

struct seq_cmd {
	const char *name;
	uint64_t fid;
	unsigned num_in;
	unsigned num_out;
};

#define SEQ_CMD(n) { #n, RMI_##n##_FID, RMI_##n##_NUM_IN, RMI_##n##_NUM_OUT }

/* Every RMI command of DEN0137 1.0 (den0137_abi.h, generated from the spec). */
static const struct seq_cmd seq_cmds[] = {
	SEQ_CMD(VERSION),
	SEQ_CMD(GRANULE_DELEGATE),
	SEQ_CMD(GRANULE_UNDELEGATE),
	SEQ_CMD(DATA_CREATE),
	SEQ_CMD(DATA_CREATE_UNKNOWN),
	SEQ_CMD(DATA_DESTROY),
	SEQ_CMD(REALM_ACTIVATE),
	SEQ_CMD(REALM_CREATE),
	SEQ_CMD(REALM_DESTROY),
	SEQ_CMD(REC_CREATE),
	SEQ_CMD(REC_DESTROY),
	SEQ_CMD(REC_ENTER),
	SEQ_CMD(RTT_CREATE),
	SEQ_CMD(RTT_DESTROY),
	SEQ_CMD(RTT_MAP_UNPROTECTED),
	SEQ_CMD(RTT_READ_ENTRY),
	SEQ_CMD(RTT_UNMAP_UNPROTECTED),
	SEQ_CMD(PSCI_COMPLETE),
	SEQ_CMD(FEATURES),
	SEQ_CMD(RTT_FOLD),
	SEQ_CMD(REC_AUX_COUNT),
	SEQ_CMD(RTT_INIT_RIPAS),
	SEQ_CMD(RTT_SET_RIPAS),
};

#define SEQ_NUM_CMDS (sizeof(seq_cmds) / sizeof(seq_cmds[0]))

/* RmiStatusCode names (abi.md §5), indexed by status. */
static const char *const seq_status[] = {
	[RMI_SUCCESS] = "RMI_SUCCESS",
	[RMI_ERROR_INPUT] = "RMI_ERROR_INPUT",
	[RMI_ERROR_REALM] = "RMI_ERROR_REALM",
	[RMI_ERROR_REC] = "RMI_ERROR_REC",
	[RMI_ERROR_RTT] = "RMI_ERROR_RTT",
};

#define SEQ_NUM_STATUS (sizeof(seq_status) / sizeof(seq_status[0]))

static const struct seq_cmd *cmd_by_fid(uint64_t fid)
{
	fid &= ~SEQ_SVE_HINT;
	for (size_t i = 0; i < SEQ_NUM_CMDS; i++) {
		if (seq_cmds[i].fid == fid) {
			return &seq_cmds[i];
		}
	}
	return NULL;
}

/* "RTT_DESTROY", "RMI_RTT_DESTROY" or "SMC_RMI_RTT_DESTROY" (the log's form). */
static const struct seq_cmd *cmd_by_name(const char *name)
{
	if (strncmp(name, "SMC_", 4) == 0) {
		name += 4;
	}
	if (strncmp(name, "RMI_", 4) == 0) {
		name += 4;
	}
	for (size_t i = 0; i < SEQ_NUM_CMDS; i++) {
		if (strcmp(seq_cmds[i].name, name) == 0) {
			return &seq_cmds[i];
		}
	}
	return NULL;
}

const char *seq_cmd_name(uint64_t fid)
{
	const struct seq_cmd *c = cmd_by_fid(fid);

	return c != NULL ? c->name : NULL;
}

bool seq_has_outputs(uint64_t fid, unsigned status)
{
	fid &= ~SEQ_SVE_HINT;
	if (status == RMI_SUCCESS) {
		return true;
	}
	/* `top` is defined on ERROR_RTT too (commands.md; states.md §6). */
	return status == RMI_ERROR_RTT &&
	       (fid == RMI_RTT_DESTROY_FID || fid == RMI_DATA_DESTROY_FID ||
		fid == RMI_RTT_UNMAP_UNPROTECTED_FID);
}

/* The index is part of the log line for ERROR_RTT and REC_ENTER's ERROR_REALM. */
static bool status_has_index(uint64_t fid, unsigned status)
{
	return status == RMI_ERROR_RTT ||
	       ((fid & ~SEQ_SVE_HINT) == RMI_REC_ENTER_FID && status == RMI_ERROR_REALM);
}

/* ------------------------------------------------------------------ parser */

struct seq_parser {
	const char *name;
	unsigned line;
	FILE *err;
};

__attribute__((format(printf, 2, 3))) static int fail(const struct seq_parser *p,
						       const char *fmt, ...)
{
	va_list ap;

	fprintf(p->err, "%s:%u: ", p->name, p->line);
	va_start(ap, fmt);
	vfprintf(p->err, fmt, ap);
	va_end(ap);
	fputc('\n', p->err);
	return -1;
}

/* A hex number (0x optional, leading '-' = two's complement); false if not one. */
static bool parse_hex(const char *t, uint64_t *v)
{
	bool neg = false;
	char *end;

	if (*t == '-') {
		neg = true;
		t++;
	}
	if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
		t += 2;
	}
	if (!isxdigit((unsigned char)*t)) {
		return false;
	}
	errno = 0;
	*v = strtoull(t, &end, 16);
	if (errno != 0 || *end != '\0') {
		return false;
	}
	if (neg) {
		*v = (uint64_t)0 - *v;
	}
	return true;
}

/* HEX, P<n> or P<n>+HEX. */
static bool parse_val(const char *t, struct seq_val *out)
{
	if (t[0] == 'P' || t[0] == 'p') {
		char buf[64];
		char *plus;
		uint64_t n, off = 0;

		if (strlen(t) >= sizeof(buf)) {
			return false;
		}
		memcpy(buf, t + 1, strlen(t)); /* with the NUL */
		plus = strchr(buf, '+');
		if (plus != NULL) {
			*plus = '\0';
			if (!parse_hex(plus + 1, &off)) {
				return false;
			}
		}
		/* The page number is decimal: P26 is the 26th page, as in bug reports. */
		if (buf[0] == '\0' || strspn(buf, "0123456789") != strlen(buf)) {
			return false;
		}
		n = strtoull(buf, NULL, 10);
		if (n >= SEQ_MAX_PAGES) {
			return false;
		}
		out->page = (int)n;
		out->v = off;
		return true;
	}
	out->page = -1;
	return parse_hex(t, &out->v);
}

static bool status_by_name(const char *t, unsigned *status)
{
	for (unsigned i = 0; i < SEQ_NUM_STATUS; i++) {
		/* RMI_ERROR_RTT or ERROR_RTT / SUCCESS */
		if (strcmp(t, seq_status[i]) == 0 || strcmp(t, seq_status[i] + 4) == 0) {
			*status = i;
			return true;
		}
	}
	return false;
}

/* Expected outputs: STATUS|HEX [INDEX] [OUT|* ...] [xN=VAL ...]. */
static int parse_expect(const struct seq_parser *p, char **tok, unsigned ntok,
			struct seq_step *st)
{
	unsigned i = 0, pos = 1;
	unsigned status;

	st->expect = true;
	st->index = -1;
	if (ntok == 0U) {
		return fail(p, "nothing after '>'");
	}
	if (status_by_name(tok[0], &status)) {
		st->x0 = status;
	} else if (parse_hex(tok[0], &st->x0)) {
		st->expect_raw = true;
		status = (unsigned)(st->x0 & 0xFFU);
		if ((st->x0 >> 16) != 0U) {
			status = SEQ_NUM_STATUS; /* not a packed return code: no outputs */
		}
	} else {
		return fail(p, "'%s' is neither a status name nor a hex X0", tok[0]);
	}
	i = 1;
	if (!st->expect_raw && status_has_index(st->fid, status) && i < ntok &&
	    strchr(tok[i], '=') == NULL) {
		uint64_t idx;

		if (!parse_hex(tok[i], &idx) || idx > 0xFFU) {
			return fail(p, "bad index '%s'", tok[i]);
		}
		st->index = (int)idx;
		i++;
	}
	for (; i < ntok; i++) {
		unsigned reg;
		const char *v = tok[i];

		if ((tok[i][0] == 'x' || tok[i][0] == 'X') && strchr(tok[i], '=') != NULL) {
			reg = (unsigned)strtoul(tok[i] + 1, NULL, 10);
			v = strchr(tok[i], '=') + 1;
			if (reg == 0U || reg > SEQ_MAX_OUTS) {
				return fail(p, "bad output register in '%s' (X1..X7)", tok[i]);
			}
		} else {
			if (!seq_has_outputs(st->fid, status)) {
				return fail(p, "'%s': this result has no outputs in the RMI log", tok[i]);
			}
			reg = pos++;
			if (reg > SEQ_MAX_OUTS) {
				return fail(p, "too many outputs");
			}
			if (strcmp(v, "*") == 0) {
				continue; /* not compared */
			}
		}
		if (st->nout >= SEQ_MAX_OUTS) {
			return fail(p, "too many outputs");
		}
		st->out[st->nout].reg = reg;
		if (!parse_val(v, &st->out[st->nout].v)) {
			return fail(p, "bad output value '%s'", v);
		}
		st->nout++;
	}
	return 0;
}

static int parse_write(const struct seq_parser *p, char **tok, unsigned ntok,
		       struct seq_step *st)
{
	char spec[128];
	char *a, *b;
	uint64_t off, size;

	st->kind = SEQ_WRITE;
	if (ntok != 2U) {
		return fail(p, "a write is PAGE OFFSET:SIZE:VALUE");
	}
	if (!parse_val(tok[0], &st->page)) {
		return fail(p, "bad page '%s'", tok[0]);
	}
	if (strlen(tok[1]) >= sizeof(spec)) {
		return fail(p, "write too long");
	}
	memcpy(spec, tok[1], strlen(tok[1]) + 1U);
	a = strchr(spec, ':');
	b = a != NULL ? strchr(a + 1, ':') : NULL;
	if (b == NULL) {
		return fail(p, "a write is PAGE OFFSET:SIZE:VALUE");
	}
	*a = '\0';
	*b = '\0';
	if (!parse_hex(spec, &off) || !parse_hex(a + 1, &size) ||
	    (size != 1U && size != 2U && size != 4U && size != 8U) || off + size > 0x1000U) {
		return fail(p, "bad offset:size '%s:%s' (size 1, 2, 4 or 8 within the page)", spec,
			    a + 1);
	}
	if (!parse_val(b + 1, &st->value)) {
		return fail(p, "bad value '%s'", b + 1);
	}
	st->off = (unsigned)off;
	st->size = (unsigned)size;
	return 0;
}

static int parse_call(const struct seq_parser *p, char **tok, unsigned ntok,
		      struct seq_step *st)
{
	const struct seq_cmd *c = cmd_by_name(tok[0]);
	unsigned i;

	st->kind = SEQ_CALL;
	if (c != NULL) {
		st->fid = c->fid;
	} else if (strcmp(tok[0], "SMC_RMI_UNKNOWN") == 0 && ntok > 1U &&
		   parse_hex(tok[1], &st->fid)) {
		/* The RMI log's line for an unallocated FID: "SMC_RMI_UNKNOWN fid > x0". */
		tok++;
		ntok--;
	} else if (!parse_hex(tok[0], &st->fid)) {
		return fail(p, "unknown command '%s' (an RMI name or a hex FID)", tok[0]);
	}
	for (i = 1; i < ntok && strcmp(tok[i], ">") != 0; i++) {
		if (st->nargs >= SEQ_MAX_ARGS) {
			return fail(p, "more than %u arguments", SEQ_MAX_ARGS);
		}
		if (!parse_val(tok[i], &st->arg[st->nargs])) {
			return fail(p, "bad argument '%s'", tok[i]);
		}
		st->nargs++;
	}
	if (i < ntok) {
		return parse_expect(p, tok + i + 1, ntok - i - 1, st);
	}
	return 0;
}

static int parse_line(const struct seq_parser *p, char *line, struct seq *s)
{
	char *tok[SEQ_MAX_TOKENS];
	unsigned ntok = 0;
	struct seq_step st;
	char *hash = strchr(line, '#');
	int rc;

	if (hash != NULL) {
		*hash = '\0';
	}
	char *save = NULL;

	for (char *t = strtok_r(line, SEQ_SEPS, &save); t != NULL;
	     t = strtok_r(NULL, SEQ_SEPS, &save)) {
		if (ntok == SEQ_MAX_TOKENS) {
			return fail(p, "too many fields");
		}
		tok[ntok++] = t;
	}
	if (ntok == 0U) {
		return 0;
	}
	memset(&st, 0, sizeof(st));
	st.line = p->line;
	st.index = -1;
	rc = ntok >= 2U && strchr(tok[1], ':') != NULL ? parse_write(p, tok, ntok, &st)
						       : parse_call(p, tok, ntok, &st);
	if (rc != 0) {
		return rc;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap != 0U ? s->cap * 2U : 64U;
		struct seq_step *n = realloc(s->step, cap * sizeof(*n));

		if (n == NULL) {
			return fail(p, "out of memory");
		}
		s->step = n;
		s->cap = cap;
	}
	s->step[s->n++] = st;
	return 0;
}

int seq_parse(FILE *in, const char *name, struct seq *s, FILE *err)
{
	struct seq_parser p = { .name = name, .line = 0, .err = err };
	char line[SEQ_LINE_MAX];

	while (fgets(line, sizeof(line), in) != NULL) {
		p.line++;
		if (strchr(line, '\n') == NULL && !feof(in)) {
			return fail(&p, "line longer than %u characters", SEQ_LINE_MAX - 1U);
		}
		if (parse_line(&p, line, s) != 0) {
			return -1;
		}
	}
	if (ferror(in)) {
		return fail(&p, "read error");
	}
	return 0;
}

void seq_free(struct seq *s)
{
	free(s->step);
	*s = (struct seq){ 0 };
}

/* ----------------------------------------------------------------- printer */

void seq_print_call(FILE *f, const struct smc_regs *in, const struct smc_regs *out)
{
	const struct seq_cmd *c = cmd_by_fid(in->x[0]);
	unsigned status, nin;

	if (c != NULL) {
		fprintf(f, "SMC_RMI_%-21s", c->name);
	} else {
		fprintf(f, "%-29" PRIx64, in->x[0]);
	}
	nin = c != NULL ? c->num_in : SEQ_MAX_ARGS;
	for (unsigned i = 1; i <= nin; i++) {
		fprintf(f, " %" PRIx64, in->x[i]);
	}
	if (out != NULL) {
		status = (unsigned)(out->x[0] & 0xFFU);
		if (c == NULL || status >= SEQ_NUM_STATUS || (out->x[0] >> 16) != 0U) {
			fprintf(f, " > %" PRIx64, out->x[0]);
		} else {
			fprintf(f, " > %s", seq_status[status]);
			if (status_has_index(in->x[0], status)) {
				fprintf(f, " %x", (unsigned)((out->x[0] >> 8) & 0xFFU));
			}
			if (seq_has_outputs(in->x[0], status)) {
				for (unsigned i = 1; i <= c->num_out; i++) {
					fprintf(f, " %" PRIx64, out->x[i]);
				}
			}
		}
	}
	fputc('\n', f);
}

void seq_print_write(FILE *f, pa_t page, unsigned off, unsigned size, uint64_t value)
{
	fprintf(f, "%" PRIx64 " %x:%x:%" PRIx64 "\n", page, off, size, value);
}
