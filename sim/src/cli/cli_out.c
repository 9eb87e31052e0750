/* SPDX-License-Identifier: BSD-3-Clause */
/* Output files opened before a run, and the prefixed RMI-log stream (cli_out.h). */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli_out.h"

FILE *cli_out_open(struct cli_outs *outs, const char *path, const char *what, const char *prog)
{
	FILE *f;

	for (unsigned i = 0; i < outs->n; i++)
		if (strcmp(outs->o[i].path, path) == 0)
			return outs->o[i].f;
	if (outs->n == CLI_MAX_OUTS) {
		fprintf(stderr, "%s: too many output files\n", prog);
		return NULL;
	}
	f = fopen(path, "w");
	if (f == NULL) {
		fprintf(stderr, "%s: cannot write %s '%s': %s\n", prog, what, path, strerror(errno));
		return NULL;
	}
	outs->o[outs->n].path = path;
	outs->o[outs->n].f = f;
	outs->n++;
	return f;
}

void cli_outs_close(struct cli_outs *outs)
{
	if (outs->prefixed != NULL)
		fclose(outs->prefixed);
	outs->prefixed = NULL;
	for (unsigned i = 0; i < outs->n; i++)
		fclose(outs->o[i].f);
	outs->n = 0;
}

struct prefix_cookie {
	FILE *to;
	const char *prefix;
	bool at_line_start;
};

static ssize_t prefix_write(void *c, const char *buf, size_t len)
{
	struct prefix_cookie *p = c;

	for (size_t i = 0; i < len; i++) {
		if (p->at_line_start && fputs(p->prefix, p->to) == EOF)
			return -1;
		if (fputc(buf[i], p->to) == EOF)
			return -1;
		p->at_line_start = buf[i] == '\n';
	}
	/* Line by line into the shared stream, in order with the UART's output. */
	fflush(p->to);
	return (ssize_t)len;
}

static int prefix_close(void *c)
{
	free(c);
	return 0;
}

FILE *cli_prefix_stream(struct cli_outs *outs, FILE *to, const char *prefix)
{
	cookie_io_functions_t io = { .write = prefix_write, .close = prefix_close };
	struct prefix_cookie *p = malloc(sizeof(*p));
	FILE *f;

	if (p == NULL)
		return NULL;
	*p = (struct prefix_cookie){ .to = to, .prefix = prefix, .at_line_start = true };
	f = fopencookie(p, "w", io);
	if (f == NULL) {
		free(p);
		return NULL;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	outs->prefixed = f;
	return f;
}

int cli_check_out_path(const char *path, const char *what, const char *prog)
{
	/* "a": creates a missing file, keeps an existing one as it is. */
	FILE *f = fopen(path, "a");

	if (f == NULL) {
		fprintf(stderr, "%s: cannot write %s '%s': %s\n", prog, what, path, strerror(errno));
		return -1;
	}
	fclose(f);
	return 0;
}
