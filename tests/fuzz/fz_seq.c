/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sequence replay and fuzz-input conversion of fuzz_rmi_reproduce (fz_seq.h).
 * The conversion needs no hook inside the harness: it runs the input with a
 * log stream of its own, and at each RMI log line (written right after the
 * call) emits first the NS buffer words that changed since the last call,
 * then the line itself, which is already a sequence call line with its
 * outputs (seq.h).
 */
#define _GNU_SOURCE /* fopencookie */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_rmi.h"
#include "fz_seq.h"
#include "seq.h"

#define FZ_SEQ_NS_BYTES ((size_t)FZ_NS_COUNT * GRANULE_SIZE)

/* ------------------------------------------------------------------ replay */

struct replay {
	struct fz_plat *p;
	unsigned violations;
};

static pa_t replay_page(void *ctx, unsigned n)
{
	(void)ctx;
	return n < FZ_BANK0_GRANULES ? FZ_BANK0_BASE + (pa_t)n * GRANULE_SIZE : 0U;
}

static void replay_smc(void *ctx, struct smc_regs *regs)
{
	struct replay *r = ctx;
	struct smc_regs in = *regs;
	char msg[300];

	rmm_handle_rmi(r->p->rmm, regs);
	fz_log_call(stdout, rmm_rmi_abi_selected(r->p->rmm), &in, regs);
	if (!rmm_check_invariants(r->p->rmm, msg, sizeof(msg))) {
		printf("# RMM invariant violated: %s\n", msg);
		r->violations++;
	}
}

static bool replay_ns_write(void *ctx, pa_t pa, const void *src, size_t len)
{
	struct replay *r = ctx;

	return fzp_ns_write(r->p, pa, src, len);
}

int fz_seq_replay(const char *path)
{
	struct replay r = { 0 };
	struct seq_target t = { &r, replay_page, replay_smc, replay_ns_write };
	struct seq s = { 0 };
	struct seq_result res;
	FILE *in = fopen(path, "r");
	int rc;

	if (in == NULL) {
		perror(path);
		return 3;
	}
	rc = seq_parse(in, path, &s, stderr);
	fclose(in);
	if (rc != 0) {
		seq_free(&s);
		return 3;
	}
	r.p = fzp_begin();
	printf("# sequence %s on the fuzz platform: P0 = %" PRIx64 "\n", path,
	       (uint64_t)FZ_BANK0_BASE);
	res = seq_run(&s, path, &t, stdout);
	printf("# %u calls, %u writes, %u mismatch(es), %u invariant violation(s)\n", res.calls,
	       res.writes, res.mismatches, r.violations);
	fzp_end(r.p);
	seq_free(&s);
	return res.mismatches + r.violations != 0U ? 9 : 0;
}

/* --------------------------------------------------------------- conversion */

struct convert {
	struct fz_plat *p;
	FILE *out;
	uint8_t ns[FZ_SEQ_NS_BYTES]; /* the NS buffers as of the last call */
	char line[1024];
	size_t len;
};

/* The NS buffer words the harness changed since the previous call. */
static void emit_writes(struct convert *c)
{
	for (size_t off = 0; off < FZ_SEQ_NS_BYTES; off += 8U) {
		const uint8_t *now = fzp_mem(c->p, FZ_NS_BASE + off);
		uint64_t v = 0;

		if (now == NULL || memcmp(now, c->ns + off, 8U) == 0) {
			continue;
		}
		for (unsigned i = 0; i < 8U; i++) {
			v |= (uint64_t)now[i] << (8U * i);
		}
		memcpy(c->ns + off, now, 8U);
		seq_print_write(c->out, FZ_NS_BASE + (off & ~(size_t)(GRANULE_SIZE - 1U)),
				(unsigned)(off & (GRANULE_SIZE - 1U)), 8U, v);
	}
}

static ssize_t convert_write(void *cookie, const char *buf, size_t size)
{
	struct convert *c = cookie;

	for (size_t i = 0; i < size; i++) {
		if (buf[i] != '\n') {
			if (c->len + 1U < sizeof(c->line)) {
				c->line[c->len++] = buf[i];
			}
			continue;
		}
		c->line[c->len] = '\0';
		if (c->line[0] != '#') {
			emit_writes(c);
		}
		fprintf(c->out, "%s\n", c->line);
		c->len = 0;
	}
	return (ssize_t)size;
}

static uint8_t *read_input(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = malloc(1U << 20);

	if (f == NULL || buf == NULL) {
		perror(path);
		if (f != NULL) {
			fclose(f);
		}
		free(buf);
		return NULL;
	}
	*n = fread(buf, 1, 1U << 20, f);
	if (ferror(f)) {
		perror(path);
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int fz_seq_convert(const char *out_path, const char *input_path)
{
	static struct convert c;
	cookie_io_functions_t io = { .write = convert_write };
	FILE *log;
	uint8_t *data;
	size_t n = 0;
	int rc = 0;

	data = read_input(input_path, &n);
	if (data == NULL) {
		return 1;
	}
	memset(&c, 0, sizeof(c));
	c.out = fopen(out_path, "w");
	if (c.out == NULL) {
		perror(out_path);
		free(data);
		return 1;
	}
	/* Line by line: a finding aborts the run, the lines up to it must be in OUT. */
	setvbuf(c.out, NULL, _IOLBF, 0);
	/* The platform is one object for the process: take it, restored. */
	c.p = fzp_begin();
	fzp_end(c.p);
	memcpy(c.ns, fzp_mem(c.p, FZ_NS_BASE), sizeof(c.ns));
	fprintf(c.out,
		"# fuzz_rmi input %s as an RMI call sequence (docs/sequences.md);\n"
		"# addresses of the fuzz platform (bank 0 at %" PRIx64 ", NS buffers at %" PRIx64
		"), outputs as the RMM gave them\n",
		input_path, (uint64_t)FZ_BANK0_BASE, (uint64_t)FZ_NS_BASE);
	log = fopencookie(&c, "w", io);
	if (log == NULL) {
		perror("fopencookie");
		fclose(c.out);
		free(data);
		return 1;
	}
	setvbuf(log, NULL, _IOLBF, 0);
	(void)fz_run(data, n, log);
	fclose(log);
	if (fclose(c.out) != 0) {
		perror(out_path);
		rc = 1;
	}
	free(data);
	return rc;
}
