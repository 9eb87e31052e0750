/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Realm Descriptor, stored in the RD granule's own memory (it is zero
 * when the granule becomes RD, so every field starts at 0 = its initial
 * value; REALM_NEW is 0 on purpose). states.md §2.
 */
#ifndef RMM_REALM_H
#define RMM_REALM_H

#include <stdbool.h>
#include <stdint.h>

#include "rmm_private.h"

enum realm_state {
	REALM_NEW = 0,
	REALM_ACTIVE = 1,
	REALM_SYSTEM_OFF = 2,
	REALM_ZOMBIE = 3, /* RMI 2.0 REALM_TERMINATE: no REC runs again (states.md §4 of 2.0) */
};

#define RMM_NUM_MEASUREMENTS 5U  /* RIM + REM0..3 */
#define RMM_MEASUREMENT_SIZE 64U
#define RMM_REC_AUX_COUNT 16U    /* as TF-RMM: fixed for every realm */
#define RMM_V2_MAX_RECS 256U     /* RECs a 2.0 realm may have (docs/rmi-2.0.md) */

/* Stage-2 context (states.md §5). */
struct s2_ctx {
	uint32_t ipa_bits;   /* w = RmiRealmParams.s2sz */
	int32_t sl;          /* starting level, -1..2 */
	uint32_t num_root;   /* concatenated starting-level tables */
	pa_t rtt_base;       /* first starting-level RTT */
	uint32_t vmid;
	bool lpa2;
};

struct rd {
	uint32_t state;            /* enum realm_state */
	uint32_t rec_index;        /* index the next REC must have */
	uint32_t num_rec_aux;
	uint32_t hash_algo;        /* RMI_HASH_SHA_256 / _512 */
	struct s2_ctx s2;
	uint8_t rpv[64];
	bool sve_en;
	uint8_t sve_vl;
	bool pmu_en;
	uint8_t pmu_num_ctrs;
	uint8_t num_bps;
	uint8_t num_wps;
	uint8_t measurement[RMM_NUM_MEASUREMENTS][RMM_MEASUREMENT_SIZE];
	/* RMI 2.0: REC PA by index, for the 2-argument PSCI_COMPLETE (v2/v2_rec.c). */
	pa_t v2_recs[RMM_V2_MAX_RECS];
	/* RMI 2.0 realm instance ID claim: type 0x01 + 32 bytes (den0137-2.0 rsi.md §5). */
	uint8_t v2_instance_id[33];
};

_Static_assert(sizeof(struct rd) <= GRANULE_SIZE, "RD must fit its granule");

static inline struct rd *rd_map(struct rmm *rmm, struct granule *g_rd)
{
	return (struct rd *)granule_map(rmm, g_rd);
}

/* IPA helpers (states.md §5): protected iff below 2^(w-1). */
static inline bool addr_in_par(const struct rd *rd, ipa_t ipa)
{
	return ipa < (1ULL << (rd->s2.ipa_bits - 1U));
}

static inline bool addr_in_ipa_space(const struct rd *rd, ipa_t ipa)
{
	return ipa < (1ULL << rd->s2.ipa_bits);
}

/* Little-endian field of @size bytes (1..8) at @off of a host-shared buffer. */
static inline uint64_t le_field(const uint8_t *buf, unsigned off, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++) {
		v |= (uint64_t)buf[off + i] << (8U * i);
	}
	return v;
}

/* Writes @v as a little-endian field of @size bytes (1..8) at @off of a buffer. */
static inline void le_put(uint8_t *buf, unsigned off, uint64_t v, unsigned size)
{
	for (unsigned i = 0; i < size; i++) {
		buf[off + i] = (uint8_t)(v >> (8U * i));
	}
}

/*
 * rd_align / rd_bound / rd_state (one comment each in realm.c): finds and
 * locks the RD granule at @rd. False, holding nothing, if any check fails.
 */
__attribute__((warn_unused_result)) bool realm_find_lock_rd(struct rmm *rmm, pa_t rd,
							   struct granule_locked *out);

#endif /* RMM_REALM_H */
