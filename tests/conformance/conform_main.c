/* SPDX-License-Identifier: BSD-3-Clause */
/* conform_suite: the conformance suite as a standalone test executable (ctest). */
#include "conform.h"

int main(int argc, char **argv)
{
	struct conform_opts o = { 0 };
	int rc = conform_parse_args(argc, argv, &o, stdout);

	if (rc != 0) {
		return rc > 0 ? 0 : 2;
	}
	rc = conform_run(&o);
	return rc == 0 ? 0 : (rc > 0 ? 4 : 1);
}
