/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_demo: the RSI tour. Banner, RSI_VERSION, RSI_REALM_CONFIG,
 * MEASUREMENT_READ of RIM and REM0, MEASUREMENT_EXTEND of REM0 with a known
 * value and a re-read, then an attestation token (INIT with a known
 * challenge, CONTINUE granule by granule) handed to the host. Exit status
 * 0 = every RSI call behaved as the spec says.
 */
#include "realm.h"

#define TOKEN_PAGES 4U

static uint8_t config[REALM_GRANULE] __attribute__((aligned(REALM_GRANULE)));
static uint8_t token[TOKEN_PAGES * REALM_GRANULE] __attribute__((aligned(REALM_GRANULE)));

/* The known challenge: byte i = 0xC0 ^ i (documented in docs/realm-sdk.md). */
static void make_challenge(uint64_t ch[8])
{
	for (unsigned i = 0; i < 64; i++) {
		if (i % 8 == 0)
			ch[i / 8] = 0;
		ch[i / 8] |= (uint64_t)(0xC0U ^ i) << (8 * (i % 8));
	}
}

/*
 * A SHA-256 measurement as its 32 bytes in memory order, in hex: the way
 * the token claims (rmmsim's token check), scripts/rim.py and
 * scripts/verify_token.py print it, so the same value looks the same.
 * RSI_MEASUREMENT_READ returns the bytes little-endian in X1..X8.
 */
static void print_meas(const char *name, const uint64_t m[8])
{
	realm_printf("%-5s: ", name);
	for (unsigned i = 0; i < 32; i++)
		realm_printf("%02x", (unsigned)(m[i / 8] >> (8 * (i % 8))) & 0xFFU);
	realm_printf("\n");
}

/* Token into token[]: CONTINUE until RSI_SUCCESS; returns its length, 0 on error. */
static uint64_t get_token(void)
{
	uint64_t ch[8], max = 0, total = 0, ret;

	make_challenge(ch);
	ret = rsi_attest_token_init(ch, &max);
	realm_printf("ATTESTATION_TOKEN_INIT: status %lu, max size %lu\n", (unsigned long)ret,
		     (unsigned long)max);
	if (ret != RSI_SUCCESS)
		return 0;
	for (;;) {
		uint64_t page = total / REALM_GRANULE, off = total % REALM_GRANULE, len = 0;

		if (page >= TOKEN_PAGES) {
			realm_printf("token larger than %u bytes\n", TOKEN_PAGES * REALM_GRANULE);
			return 0;
		}
		ret = rsi_attest_token_continue((uint64_t)(uintptr_t)&token[page * REALM_GRANULE],
						off, REALM_GRANULE - off, &len);
		total += len;
		if (ret == RSI_SUCCESS)
			break;
		/* RSI_INCOMPLETE: signing interrupted or more bytes to copy (attestation.md §4). */
		if (ret != RSI_INCOMPLETE) {
			realm_printf("ATTESTATION_TOKEN_CONTINUE: status %lu\n", (unsigned long)ret);
			return 0;
		}
	}
	realm_printf("token: %lu bytes\n", (unsigned long)total);
	return total;
}

int main(void)
{
	uint64_t lower, higher, ret, rim[8], rem[8], rem2[8], ext[8], vals[3], tlen;
	int errors = 0;

	realm_printf("rmmsim realm_demo: hello from R-EL1\n");
	ret = rsi_version(RSI_ABI_VERSION, &lower, &higher);
	realm_printf("RSI_VERSION: status %lu lower 0x%lx higher 0x%lx\n", (unsigned long)ret,
		     (unsigned long)lower, (unsigned long)higher);
	vals[0] = ret, vals[1] = lower, vals[2] = higher;
	realm_report(RH_KEY_RSI_VERSION, vals, 3);
	errors += ret != RSI_SUCCESS;

	ret = rsi_realm_config((uint64_t)(uintptr_t)config);
	vals[0] = *(volatile uint64_t *)&config[RSI_REALM_CONFIG_IPA_WIDTH_OFFSET];
	vals[1] = config[RSI_REALM_CONFIG_HASH_ALGO_OFFSET];
	realm_printf("RSI_REALM_CONFIG: status %lu ipa_width %lu hash_algo %s\n",
		     (unsigned long)ret, (unsigned long)vals[0],
		     vals[1] == RSI_HASH_SHA_512 ? "sha-512" : "sha-256");
	realm_report(RH_KEY_REALM_CONFIG, vals, 2);
	errors += ret != RSI_SUCCESS;

	errors += rsi_measurement_read(0, rim) != RSI_SUCCESS;
	errors += rsi_measurement_read(1, rem) != RSI_SUCCESS;
	print_meas("RIM ", rim);
	print_meas("REM0", rem);
	realm_report(RH_KEY_RIM, rim, 8);

	for (unsigned i = 0; i < 8; i++)
		ext[i] = 0x0101010101010101ULL * (i + 1);
	errors += rsi_measurement_extend(1, 64, ext) != RSI_SUCCESS;
	errors += rsi_measurement_read(1, rem2) != RSI_SUCCESS;
	print_meas("REM0'", rem2);
	realm_report(RH_KEY_REM0, rem2, 8);
	/* The extension must have changed REM0. */
	errors += rem2[0] == rem[0] && rem2[1] == rem[1];

	tlen = get_token();
	errors += tlen == 0;
	if (tlen)
		realm_send_token(token, tlen);
	realm_printf("realm_demo: %d error(s), SYSTEM_OFF\n", errors);
	return errors;
}
