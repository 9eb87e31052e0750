/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI call sequences as text (docs/sequences.md): one RMI call or one NS
 * memory write per line, optionally with the outputs a call is expected to
 * give, so a sequence from a bug report, a fuzz finding or the reference
 * RMM's log of an FVP run can be replayed and compared. The format of a call
 * line is the RMI log's (sim/src/platform/rmi_log.c), so log lines can be
 * pasted as they are:
 *
 *   # comment
 *   GRANULE_DELEGATE P0                      call: name or hex FID, X1.. in hex
 *   P1 808:8:P26                             write: page, offset:size:value
 *   SMC_RMI_RTT_DESTROY P0 0 3 > RMI_ERROR_RTT 1 0 8000000000
 *   RTT_DESTROY P0 0 3 > ERROR_RTT 1 x2=8000000000
 *
 * Numbers are hexadecimal (0x optional), as in the RMI log. P<n> is the n-th
 * distinct 4 KiB granule of the target (where it lies is the target's
 * choice); P<n>+OFF adds a byte offset. This module parses, prints and runs
 * sequences; it knows no platform: a target supplies SMCs, NS writes and the
 * address of P<n>.
 */
#ifndef SEQ_H
#define SEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rmmsim_types.h"

#define SEQ_MAX_ARGS 7U  /* X1..X7 */
#define SEQ_MAX_OUTS 7U  /* X1..X7 compared */
#define SEQ_MAX_PAGES 4096U

/* A value: a literal, or the address of page P<page> plus @v. */
struct seq_val {
	uint64_t v;
	int page; /* -1: literal */
};

enum seq_kind {
	SEQ_CALL,
	SEQ_WRITE,
};

struct seq_step {
	unsigned line;
	enum seq_kind kind;
	/* SEQ_CALL */
	uint64_t fid;
	struct seq_val arg[SEQ_MAX_ARGS];
	unsigned nargs;
	bool expect;       /* anything after '>' */
	bool expect_raw;   /* X0 given as a number: compared whole */
	uint64_t x0;       /* raw X0, or the status (low byte) */
	int index;         /* expected index, -1 when not given */
	struct {
		unsigned reg;  /* 1..7 */
		struct seq_val v;
	} out[SEQ_MAX_OUTS];
	unsigned nout;
	/* SEQ_WRITE */
	struct seq_val page;
	unsigned off;
	unsigned size;     /* 1, 2, 4 or 8 */
	struct seq_val value;
};

struct seq {
	struct seq_step *step;
	size_t n;
	size_t cap;
};

/*
 * Parses the whole of @in (@name for messages) into @s (appended). Returns
 * 0, or -1 after printing "name:line: reason" to @err for the first bad line.
 */
int seq_parse(FILE *in, const char *name, struct seq *s, FILE *err);
void seq_free(struct seq *s);

/* What a sequence runs on. */
struct seq_target {
	void *ctx;
	/* Address of granule P<n> (n < SEQ_MAX_PAGES); 0 when the target has none. */
	pa_t (*page)(void *ctx, unsigned n);
	/* Issues the SMC as the NS host; results in place (the target logs it). */
	void (*smc)(void *ctx, struct smc_regs *regs);
	/* A host write to NS memory; false when refused (not NS, not memory). */
	bool (*ns_write)(void *ctx, pa_t pa, const void *src, size_t len);
};

struct seq_result {
	unsigned calls;
	unsigned writes;
	unsigned mismatches; /* expected outputs that differ, failed writes, bad pages */
};

/*
 * Runs every step of @s on @t in order; each difference from an expected
 * output is reported on @report as "name:line: RMI_X: X2 = 1000000000,
 * expected 8000000000". Returns the counts.
 */
struct seq_result seq_run(const struct seq *s, const char *name, const struct seq_target *t,
			  FILE *report);

/* Printers of the two line kinds (a call in the RMI log format, with outputs when @out). */
void seq_print_call(FILE *f, const struct smc_regs *in, const struct smc_regs *out);
void seq_print_write(FILE *f, pa_t page, unsigned off, unsigned size, uint64_t value);

/* RMI command table: name without "RMI_" ("RTT_DESTROY"), NULL for an unallocated FID. */
const char *seq_cmd_name(uint64_t fid);
/* Outputs valid for @fid with @status (SUCCESS; ERROR_RTT for the `top` commands). */
bool seq_has_outputs(uint64_t fid, unsigned status);

#endif /* SEQ_H */
