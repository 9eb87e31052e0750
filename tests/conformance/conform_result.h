/* SPDX-License-Identifier: BSD-3-Clause */
/* One case's outcome, and the JSON / JUnit writers over a run's outcomes. */
#ifndef CONFORM_RESULT_H
#define CONFORM_RESULT_H

#include <stdbool.h>
#include <stddef.h>

enum conform_verdict {
	CONFORM_PASS,
	CONFORM_FAIL,
	CONFORM_SKIP,
};

struct conform_result {
	const char *command;
	const char *label;
	char expected[40];
	char got[40];
	enum conform_verdict verdict;
	char why[256];
};

const char *conform_verdict_name(enum conform_verdict v);
/* Both return false when the file cannot be written. */
bool conform_write_json(const char *path, const struct conform_result *r, size_t n);
bool conform_write_junit(const char *path, const struct conform_result *r, size_t n);

#endif /* CONFORM_RESULT_H */
