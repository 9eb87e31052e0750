/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the simulator does with an attestation token a host hands over with
 * RMMSIM_SIP_TOKEN: verify it (sim/src/token: libcbor + mbedTLS, written
 * independently of the RMM's encoder) and print its claims; --token-out
 * also saves it for other verifiers (scripts/verify_token.py).
 */
#include <stdio.h>

#include "cli.h"
#include "token_check.h"

const char *cli_token_out;
int cli_token_verdict; /* 0 none seen, 1 verified, -1 rejected */

int cli_token_report(void *ctx, const uint8_t *token, size_t len)
{
	FILE *out = ctx;
	struct token_claims c;
	char err[256];

	if (cli_token_out != NULL) {
		FILE *f = fopen(cli_token_out, "wb");

		if (f == NULL || fwrite(token, 1, len, f) != len || fclose(f) != 0) {
			fprintf(stderr, "rmmsim: cannot write the token to %s\n", cli_token_out);
		}
	}
	if (token_check(token, len, &c, err, sizeof(err)) != 0) {
		fprintf(stderr, "rmmsim: attestation token REJECTED: %s\n", err);
		cli_token_verdict = -1;
		return -1;
	}
	fprintf(out, "rmmsim: CCA attestation token, %zu bytes: signature and platform binding "
		     "verified\n", len);
	token_print(&c, out);
	fflush(out);
	cli_token_verdict = 1;
	return 0;
}
