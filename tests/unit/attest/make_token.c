/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Writes a CCA token built with the default TEST keys and fixed claims, for
 * the independent verifier (scripts/verify_token.py):
 *   challenge[i] = i, rpv = 0xa5.., RIM = 0x11.., REM[j] = 0x2(j+1)..
 * Usage: attest_make_token FILE [sha256|sha512] [corrupt-sig|corrupt-claim|truncated]
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attest.h"

static int write_file(const char *path, const uint8_t *p, size_t len)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL) {
		perror(path);
		return -1;
	}
	if (fwrite(p, 1, len, fp) != len) {
		perror(path);
		fclose(fp);
		return -1;
	}
	return fclose(fp) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	static uint8_t token[8192];
	static struct attest_keys keys;
	uint8_t challenge[64], rpv[64], rim[64], rem[4][64], iid[ATTEST_INSTANCE_ID_SIZE];
	const char *mode = argc > 3 ? argv[3] : "";
	struct attest_claims c;
	size_t len = 0;
	uint8_t *hit;
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE [sha256|sha512] [corrupt-sig|corrupt-claim|truncated|v2|v2-bad-iid]\n",
			argv[0]);
		return 2;
	}
	for (unsigned int i = 0; i < 64; i++) {
		challenge[i] = (uint8_t)i;
	}
	memset(rpv, 0xa5, sizeof(rpv));
	memset(rim, 0x11, sizeof(rim));
	for (unsigned int j = 0; j < 4; j++) {
		memset(rem[j], 0x21 + (int)j, sizeof(rem[j]));
	}
	c = (struct attest_claims){
		.challenge = challenge, .rpv = rpv, .rim = rim,
		.rem = (const uint8_t (*)[64])rem,
		.hash_algo = ATTEST_HASH_SHA_256, .hash_size = 32,
	};
	if (argc > 2 && strcmp(argv[2], "sha512") == 0) {
		c.hash_algo = ATTEST_HASH_SHA_512;
		c.hash_size = 64;
	}
	/* v2 / v2-bad-iid: the RMI 2.0 profile (instance ID 0x01 + 0x5c..., MEC policy 0). */
	if (strncmp(mode, "v2", 2) == 0) {
		memset(iid, 0x5c, sizeof(iid));
		iid[0] = strcmp(mode, "v2-bad-iid") == 0 ? 0x02 : 0x01;
		c.instance_id = iid;
		mode = "";
	}
	ret = attest_keys_init(&keys, NULL, NULL, 0);
	if (ret != 0) {
		fprintf(stderr, "attest_keys_init: %d\n", ret);
		return 1;
	}
	ret = attest_token_build(&keys, &c, token, sizeof(token), &len);
	attest_keys_free(&keys);
	if (ret != 0) {
		fprintf(stderr, "attest_token_build: %d\n", ret);
		return 1;
	}
	if (strcmp(mode, "corrupt-sig") == 0) {
		/* The realm token comes last and ends with its signature. */
		token[len - 1] ^= 0x01;
	} else if (strcmp(mode, "corrupt-claim") == 0) {
		hit = memmem(token, len, rim, c.hash_size);
		if (hit == NULL) {
			fprintf(stderr, "RIM not found in token\n");
			return 1;
		}
		hit[3] ^= 0x80;
	} else if (strcmp(mode, "truncated") == 0) {
		len -= 10;
	} else if (mode[0] != '\0') {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	return write_file(argv[1], token, len) == 0 ? 0 : 1;
}
