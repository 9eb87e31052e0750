/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm measurements (commands.md §Measurement): the RIM, extended by
 * REALM_CREATE, DATA_CREATE, REC_CREATE and RTT_INIT_RIPAS through 256-byte
 * measurement descriptors, and the REMs extended by RSI_MEASUREMENT_EXTEND.
 * Values are stored zero-padded to 64 bytes; only hash_size bytes count.
 */
#include "measurement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "rmm_hash.h"

/* Measurement descriptor layout (commands.md §Measurement). */
#define MEAS_DESC_SIZE 0x100U
#define MEAS_DESC_TYPE_OFFSET 0x0U
#define MEAS_DESC_LEN_OFFSET 0x8U
#define MEAS_DESC_RIM_OFFSET 0x10U
#define MEAS_DESC_DATA_IPA_OFFSET 0x50U
#define MEAS_DESC_DATA_FLAGS_OFFSET 0x58U
#define MEAS_DESC_DATA_CONTENT_OFFSET 0x60U
#define MEAS_DESC_REC_CONTENT_OFFSET 0x50U
#define MEAS_DESC_RIPAS_BASE_OFFSET 0x50U
#define MEAS_DESC_RIPAS_TOP_OFFSET 0x58U

#define MEAS_DESC_TYPE_DATA 0U
#define MEAS_DESC_TYPE_REC 1U
#define MEAS_DESC_TYPE_RIPAS 2U

/* RmiRecParams fields copied into the measured image (commands.md REC_CREATE). */
#define REC_PARAMS_FLAGS_OFFSET 0x0U
#define REC_PARAMS_PC_OFFSET 0x200U
#define REC_PARAMS_GPRS_OFFSET 0x300U
#define REC_PARAMS_NUM_GPRS 8U

#define RIM_INDEX 0U

static void put_u64(uint8_t *p, uint64_t v)
{
	for (unsigned i = 0; i < 8U; i++) {
		p[i] = (uint8_t)(v >> (8U * i));
	}
}

size_t measurement_hash_size(uint32_t hash_algo)
{
	return hash_algo == RMI_HASH_SHA_512 ? 64U : 32U;
}

/* Blocks the compression function processes for @len bytes incl. padding. */
static uint64_t sha_blocks(uint32_t hash_algo, size_t len)
{
	if (hash_algo == RMI_HASH_SHA_512) {
		/* 0x80 byte + 16-byte length field, 128-byte blocks */
		return ((uint64_t)len + 17U + 127U) / 128U;
	}
	/* 0x80 byte + 8-byte length field, 64-byte blocks */
	return ((uint64_t)len + 9U + 63U) / 64U;
}

void measurement_hash(struct rmm *rmm, uint32_t hash_algo, const void *data, size_t len,
		      uint8_t out[RMM_MEASUREMENT_SIZE])
{
	/* The cycle model charges the target's cost, whatever this host's backend. */
	if (hash_algo == RMI_HASH_SHA_512) {
		rmm_hash(RMM_HASH_SHA512, data, len, out);
		rmm_account(rmm, RMM_COST_SHA512_BLOCK, sha_blocks(hash_algo, len));
	} else {
		rmm_hash(RMM_HASH_SHA256, data, len, out);
		memset(out + 32, 0, RMM_MEASUREMENT_SIZE - 32U);
		rmm_account(rmm, RMM_COST_SHA256_BLOCK, sha_blocks(hash_algo, len));
	}
}

/* RIM = H(desc), desc carrying the current RIM at 0x10. */
static void rim_extend_desc(struct rmm *rmm, struct rd *rd, uint8_t desc[MEAS_DESC_SIZE],
			    uint8_t type)
{
	uint8_t *rim = rd->measurement[RIM_INDEX];

	desc[MEAS_DESC_TYPE_OFFSET] = type;
	put_u64(desc + MEAS_DESC_LEN_OFFSET, MEAS_DESC_SIZE);
	memcpy(desc + MEAS_DESC_RIM_OFFSET, rim, measurement_hash_size(rd->hash_algo));
	measurement_hash(rmm, rd->hash_algo, desc, MEAS_DESC_SIZE, rim);
}

void measurement_realm_create(struct rmm *rmm, struct rd *rd, const uint8_t *params)
{
	static const struct {
		size_t off;
		size_t len;
	} measured[] = {
		/*
		 * CHOICE(rim-params-width): field widths of TF-RMM's
		 * rmi_realm_params (flags 64, s2sz..pmu_num_ctrs 32, hash_algo 8)
		 * so host values that use the high bytes hash as in TF-RMM.
		 */
		{ RMI_REALM_PARAMS_FLAGS_OFFSET, 8U },
		{ RMI_REALM_PARAMS_S2SZ_OFFSET, 4U },
		{ RMI_REALM_PARAMS_SVE_VL_OFFSET, 4U },
		{ RMI_REALM_PARAMS_NUM_BPS_OFFSET, 4U },
		{ RMI_REALM_PARAMS_NUM_WPS_OFFSET, 4U },
		{ RMI_REALM_PARAMS_PMU_NUM_CTRS_OFFSET, 4U },
		{ RMI_REALM_PARAMS_HASH_ALGO_OFFSET, 1U },
	};
	uint8_t *image = calloc(1, RMI_REALM_PARAMS_SIZE);

	if (image == NULL) {
		fprintf(stderr, "rmm: out of memory measuring realm params\n");
		abort();
	}
	for (size_t i = 0; i < sizeof(measured) / sizeof(measured[0]); i++) {
		memcpy(image + measured[i].off, params + measured[i].off, measured[i].len);
	}
	measurement_hash(rmm, rd->hash_algo, image, RMI_REALM_PARAMS_SIZE,
			 rd->measurement[RIM_INDEX]);
	free(image);
}

void measurement_data_create(struct rmm *rmm, struct rd *rd, ipa_t ipa, uint64_t flags,
			     const uint8_t *content)
{
	uint8_t desc[MEAS_DESC_SIZE] = { 0 };

	put_u64(desc + MEAS_DESC_DATA_IPA_OFFSET, ipa);
	put_u64(desc + MEAS_DESC_DATA_FLAGS_OFFSET, flags);
	if (content != NULL && flags == RMI_MEASURE_CONTENT) {
		uint8_t h[RMM_MEASUREMENT_SIZE];

		measurement_hash(rmm, rd->hash_algo, content, GRANULE_SIZE, h);
		memcpy(desc + MEAS_DESC_DATA_CONTENT_OFFSET, h,
		       measurement_hash_size(rd->hash_algo));
	}
	rim_extend_desc(rmm, rd, desc, MEAS_DESC_TYPE_DATA);
}

void measurement_rec_create(struct rmm *rmm, struct rd *rd, const uint8_t *rec_params)
{
	uint8_t desc[MEAS_DESC_SIZE] = { 0 };
	uint8_t h[RMM_MEASUREMENT_SIZE];
	uint8_t *image = calloc(1, GRANULE_SIZE);

	if (image == NULL) {
		fprintf(stderr, "rmm: out of memory measuring REC params\n");
		abort();
	}
	/* Only flags, pc and gprs[0..7] are measured (mpidr, aux are not). */
	memcpy(image + REC_PARAMS_FLAGS_OFFSET, rec_params + REC_PARAMS_FLAGS_OFFSET, 8U);
	memcpy(image + REC_PARAMS_PC_OFFSET, rec_params + REC_PARAMS_PC_OFFSET, 8U);
	memcpy(image + REC_PARAMS_GPRS_OFFSET, rec_params + REC_PARAMS_GPRS_OFFSET,
	       8U * REC_PARAMS_NUM_GPRS);
	measurement_hash(rmm, rd->hash_algo, image, GRANULE_SIZE, h);
	free(image);
	memcpy(desc + MEAS_DESC_REC_CONTENT_OFFSET, h, measurement_hash_size(rd->hash_algo));
	rim_extend_desc(rmm, rd, desc, MEAS_DESC_TYPE_REC);
}

void measurement_init_ripas(struct rmm *rmm, struct rd *rd, ipa_t base, ipa_t top)
{
	uint8_t desc[MEAS_DESC_SIZE] = { 0 };

	put_u64(desc + MEAS_DESC_RIPAS_BASE_OFFSET, base);
	put_u64(desc + MEAS_DESC_RIPAS_TOP_OFFSET, top);
	rim_extend_desc(rmm, rd, desc, MEAS_DESC_TYPE_RIPAS);
}

void measurement_extend(struct rmm *rmm, struct rd *rd, unsigned index, const uint8_t *data,
			size_t size)
{
	uint8_t buf[2U * RMM_MEASUREMENT_SIZE];
	size_t hs = measurement_hash_size(rd->hash_algo);

	/* Callers (RSI) have checked index_bound and size_bound already. */
	if (index == 0U || index >= RMM_NUM_MEASUREMENTS || size > RMM_MEASUREMENT_SIZE) {
		fprintf(stderr, "rmm: measurement_extend(%u, %zu) out of range\n", index, size);
		abort();
	}
	memcpy(buf, rd->measurement[index], hs);
	if (size != 0U) {
		memcpy(buf + hs, data, size);
	}
	measurement_hash(rmm, rd->hash_algo, buf, hs + size, rd->measurement[index]);
}
