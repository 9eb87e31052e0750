/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Machine-readable reports of a run: JSON (an array of {command,
 * condition, expected, got, result, reason}) for scripts, JUnit XML (one
 * testsuite per command, one testcase per condition) for CI dashboards.
 */
#include <stdio.h>
#include <string.h>

#include "conform_result.h"

const char *conform_verdict_name(enum conform_verdict v)
{
	switch (v) {
	case CONFORM_PASS:
		return "PASS";
	case CONFORM_FAIL:
		return "FAIL";
	case CONFORM_SKIP:
		return "SKIP";
	}
	return "?";
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\') {
			fprintf(f, "\\%c", ch);
		} else if (ch < 0x20) {
			fprintf(f, "\\u%04x", ch);
		} else {
			fputc(ch, f);
		}
	}
	fputc('"', f);
}

bool conform_write_json(const char *path, const struct conform_result *r, size_t n)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		return false;
	}
	fputs("[\n", f);
	for (size_t i = 0; i < n; i++) {
		fputs("  {\"command\": ", f);
		json_str(f, r[i].command);
		fputs(", \"condition\": ", f);
		json_str(f, r[i].label);
		fputs(", \"expected\": ", f);
		json_str(f, r[i].expected);
		fputs(", \"got\": ", f);
		json_str(f, r[i].got);
		fputs(", \"result\": ", f);
		json_str(f, conform_verdict_name(r[i].verdict));
		fputs(", \"reason\": ", f);
		json_str(f, r[i].why);
		fputs(i + 1 < n ? "},\n" : "}\n", f);
	}
	fputs("]\n", f);
	return fclose(f) == 0;
}

static void xml_str(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			/* Control characters are not allowed in XML 1.0. */
			fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
			break;
		}
	}
}

static void junit_suite(FILE *f, const struct conform_result *r, size_t n)
{
	size_t fails = 0, skips = 0;

	for (size_t i = 0; i < n; i++) {
		fails += r[i].verdict == CONFORM_FAIL;
		skips += r[i].verdict == CONFORM_SKIP;
	}
	fputs("  <testsuite name=\"", f);
	xml_str(f, r[0].command);
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\" errors=\"0\">\n", n, fails,
		skips);
	for (size_t i = 0; i < n; i++) {
		fputs("    <testcase classname=\"", f);
		xml_str(f, r[i].command);
		fputs("\" name=\"", f);
		xml_str(f, r[i].label);
		fputs("\"", f);
		if (r[i].verdict == CONFORM_PASS) {
			fputs("/>\n", f);
			continue;
		}
		fputs(">\n      <", f);
		fputs(r[i].verdict == CONFORM_FAIL ? "failure" : "skipped", f);
		fputs(" message=\"", f);
		if (r[i].verdict == CONFORM_FAIL) {
			fputs("expected ", f);
			xml_str(f, r[i].expected);
			fputs(", got ", f);
			xml_str(f, r[i].got);
			fputs(r[i].why[0] != '\0' ? ": " : "", f);
		}
		xml_str(f, r[i].why);
		fputs("\"/>\n    </testcase>\n", f);
	}
	fputs("  </testsuite>\n", f);
}

bool conform_write_junit(const char *path, const struct conform_result *r, size_t n)
{
	FILE *f = fopen(path, "w");
	size_t start = 0;

	if (f == NULL) {
		return false;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rmmsim-conform\">\n",
	      f);
	/* Results arrive grouped by command: one testsuite per run of equal names. */
	for (size_t i = 1; i <= n; i++) {
		if (i == n || strcmp(r[i].command, r[start].command) != 0) {
			junit_suite(f, r + start, i - start);
			start = i;
		}
	}
	fputs("</testsuites>\n", f);
	return fclose(f) == 0;
}
