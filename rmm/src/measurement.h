/* SPDX-License-Identifier: BSD-3-Clause */
/* RIM/REM measurement (commands.md "Measurement"), SHA-256/512 via rmm_hash. */
#ifndef RMM_MEASUREMENT_H
#define RMM_MEASUREMENT_H

#include <stddef.h>
#include <stdint.h>

#include "realm.h"

/* Hash size in bytes of the realm's algorithm (32 or 64). */
size_t measurement_hash_size(uint32_t hash_algo);
/* out[64] = H(data), zero-padded to 64 bytes. */
void measurement_hash(struct rmm *rmm, uint32_t hash_algo, const void *data, size_t len,
		      uint8_t out[RMM_MEASUREMENT_SIZE]);
/* REALM_CREATE: RIM = H(params image), params = the 4 KiB RmiRealmParams read from NS. */
void measurement_realm_create(struct rmm *rmm, struct rd *rd, const uint8_t *params);
/* DATA_CREATE: DATA descriptor (type 0); @content NULL when not measured. */
void measurement_data_create(struct rmm *rmm, struct rd *rd, ipa_t ipa, uint64_t flags,
			     const uint8_t *content);
/* REC_CREATE (runnable only): REC descriptor (type 1) over the params image. */
void measurement_rec_create(struct rmm *rmm, struct rd *rd, const uint8_t *rec_params);
/* RTT_INIT_RIPAS: RIPAS descriptor (type 2) for one entry [base, top). */
void measurement_init_ripas(struct rmm *rmm, struct rd *rd, ipa_t base, ipa_t top);
/* RSI_MEASUREMENT_EXTEND: REM[index-1] = H(REM || data[0..size)). */
void measurement_extend(struct rmm *rmm, struct rd *rd, unsigned index, const uint8_t *data,
			size_t size);

#endif /* RMM_MEASUREMENT_H */
