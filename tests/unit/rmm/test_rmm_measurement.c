/* SPDX-License-Identifier: BSD-3-Clause */
/* measurement.c: RIM descriptors and REM extension against hashes computed here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "den0137_abi.h"
#include "fake_plat.h"
#include "measurement.h"
#include "rmm_private.h"
#include "rmm_test_util.h"

static void hash(uint32_t algo, const void *data, size_t len, uint8_t out[64])
{
	memset(out, 0, 64);
	if (algo == RMI_HASH_SHA_512) {
		assert_int_equal(mbedtls_sha512_ret(data, len, out, 0), 0);
	} else {
		assert_int_equal(mbedtls_sha256_ret(data, len, out, 0), 0);
	}
}

static void rd_init(struct rd *rd, uint32_t algo)
{
	memset(rd, 0, sizeof(*rd));
	rd->hash_algo = algo;
	for (unsigned i = 0; i < 64U; i++) {
		rd->measurement[0][i] = algo == RMI_HASH_SHA_512 || i < 32U ? (uint8_t)(i + 1U) : 0;
	}
}

static void check_data_create(struct fake_plat *f, uint32_t algo, uint64_t flags)
{
	struct rd rd;
	uint8_t content[GRANULE_SIZE];
	uint8_t desc[256] = { 0 };
	uint8_t expect[64];
	size_t hs = algo == RMI_HASH_SHA_512 ? 64U : 32U;

	rd_init(&rd, algo);
	for (size_t i = 0; i < sizeof(content); i++) {
		content[i] = (uint8_t)(i * 7U);
	}
	desc[0] = 0;
	t_put64(desc, 0x8, 0x100);
	memcpy(desc + 0x10, rd.measurement[0], hs);
	t_put64(desc, 0x50, 0x123000);
	t_put64(desc, 0x58, flags);
	if (flags == RMI_MEASURE_CONTENT) {
		uint8_t h[64];

		hash(algo, content, sizeof(content), h);
		memcpy(desc + 0x60, h, hs);
	}
	hash(algo, desc, sizeof(desc), expect);
	measurement_data_create(f->rmm, &rd, 0x123000, flags, content);
	assert_memory_equal(rd.measurement[0], expect, 64);
}

static void measurement_data_create__matches_data_descriptor_hash(void **state)
{
	check_data_create(*state, RMI_HASH_SHA_256, RMI_MEASURE_CONTENT);
	check_data_create(*state, RMI_HASH_SHA_256, RMI_NO_MEASURE_CONTENT);
	check_data_create(*state, RMI_HASH_SHA_512, RMI_MEASURE_CONTENT);
	check_data_create(*state, RMI_HASH_SHA_512, RMI_NO_MEASURE_CONTENT);
}

static void measurement_init_ripas__matches_ripas_descriptor_hash(void **state)
{
	struct fake_plat *f = *state;
	struct rd rd;
	uint8_t desc[256] = { 0 };
	uint8_t expect[64];

	rd_init(&rd, RMI_HASH_SHA_256);
	desc[0] = 2;
	t_put64(desc, 0x8, 0x100);
	memcpy(desc + 0x10, rd.measurement[0], 32);
	t_put64(desc, 0x50, 0x200000);
	t_put64(desc, 0x58, 0x400000);
	hash(RMI_HASH_SHA_256, desc, sizeof(desc), expect);
	measurement_init_ripas(f->rmm, &rd, 0x200000, 0x400000);
	assert_memory_equal(rd.measurement[0], expect, 64);
}

static void measurement_extend__hashes_rem_then_data(void **state)
{
	struct fake_plat *f = *state;
	struct rd rd;
	uint8_t data[64];
	uint8_t buf[128];
	uint8_t expect[64];

	for (unsigned i = 0; i < 64U; i++) {
		data[i] = (uint8_t)(0xA0U + i);
	}
	/* SHA-512, REM[2] (index 3), 10 bytes from a zero REM */
	rd_init(&rd, RMI_HASH_SHA_512);
	memset(buf, 0, 64);
	memcpy(buf + 64, data, 10);
	hash(RMI_HASH_SHA_512, buf, 74, expect);
	measurement_extend(f->rmm, &rd, 3, data, 10);
	assert_memory_equal(rd.measurement[3], expect, 64);
	/* SHA-256, size 0: H(REM) */
	rd_init(&rd, RMI_HASH_SHA_256);
	memset(buf, 0, 32);
	hash(RMI_HASH_SHA_256, buf, 32, expect);
	measurement_extend(f->rmm, &rd, 1, data, 0);
	assert_memory_equal(rd.measurement[1], expect, 64);
	/* ... again, 64 bytes: chained on the previous value */
	memcpy(buf, expect, 32);
	memcpy(buf + 32, data, 64);
	hash(RMI_HASH_SHA_256, buf, 96, expect);
	measurement_extend(f->rmm, &rd, 1, data, 64);
	assert_memory_equal(rd.measurement[1], expect, 64);
	/* Other slots untouched. */
	for (unsigned i = 0; i < 64U; i++) {
		assert_int_equal(rd.measurement[2][i], 0);
	}
}

static void measurement_hash__charges_blocks_including_padding(void **state)
{
	struct fake_plat *f = *state;
	uint8_t buf[GRANULE_SIZE] = { 0 };
	uint8_t out[64];

	measurement_hash(f->rmm, RMI_HASH_SHA_256, buf, 55, out);
	assert_int_equal(f->cost[RMM_COST_SHA256_BLOCK], 1);
	measurement_hash(f->rmm, RMI_HASH_SHA_256, buf, 56, out);
	assert_int_equal(f->cost[RMM_COST_SHA256_BLOCK], 3);
	measurement_hash(f->rmm, RMI_HASH_SHA_512, buf, GRANULE_SIZE, out);
	assert_int_equal(f->cost[RMM_COST_SHA512_BLOCK], 33);
	measurement_hash(f->rmm, RMI_HASH_SHA_512, buf, 111, out);
	assert_int_equal(f->cost[RMM_COST_SHA512_BLOCK], 34);
	assert_int_equal(measurement_hash_size(RMI_HASH_SHA_256), 32);
	assert_int_equal(measurement_hash_size(RMI_HASH_SHA_512), 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fake_setup, fake_teardown)
		T(measurement_data_create__matches_data_descriptor_hash),
		T(measurement_init_ripas__matches_ripas_descriptor_hash),
		T(measurement_extend__hashes_rem_then_data),
		T(measurement_hash__charges_blocks_including_padding),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
