/* SPDX-License-Identifier: BSD-3-Clause */
/* Host-side helpers shared by the RMM realm/REC tests: build parameter blocks in NS memory. */
#ifndef RMM_TEST_UTIL_H
#define RMM_TEST_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "fake_plat.h"

#define ST(status, index) ((((uint64_t)(index)) << 8) | (status))

/* RmiRealmParams as the host fills it (u64 slots, as Linux does). */
struct t_realm_params {
	uint64_t flags;
	uint64_t s2sz;
	uint64_t sve_vl;
	uint64_t num_bps;
	uint64_t num_wps;
	uint64_t pmu_num_ctrs;
	uint64_t hash_algo;
	uint8_t rpv[64];
	uint64_t vmid;
	pa_t rtt_base;
	int64_t rtt_level_start;
	uint64_t rtt_num_start;
};

struct t_realm {
	pa_t rd;
	pa_t rtt[16];
	unsigned nrtt;
	pa_t params;
};

/* s2sz 40, sl 0, one starting RTT, 2 bps/wps, SHA-256, VMID @vmid. */
void t_realm_params_default(struct t_realm_params *p, uint64_t vmid);
void t_realm_params_write(struct fake_plat *f, pa_t pa, const struct t_realm_params *p);
/*
 * Allocates and delegates the RD and rtt_num_start RTTs (unless @p->rtt_base
 * is already set), writes the params to a fresh NS granule and calls
 * REALM_CREATE. Returns X0.
 */
uint64_t t_realm_create(struct fake_plat *f, struct t_realm_params *p, struct t_realm *r);
/* t_realm_create with defaults; asserts success. */
struct t_realm t_realm_new(struct fake_plat *f, uint64_t vmid);

struct t_rec_params {
	uint64_t flags;
	uint64_t mpidr;
	uint64_t pc;
	uint64_t gprs[8];
	uint64_t num_aux;
	pa_t aux[16];
};

/* Runnable, mpidr @mpidr, 16 fresh delegated aux granules. */
void t_rec_params_default(struct fake_plat *f, struct t_rec_params *p, uint64_t mpidr);
void t_rec_params_write(struct fake_plat *f, pa_t pa, const struct t_rec_params *p);
/* Writes @p to a fresh NS granule and calls REC_CREATE(rd, rec, params). Returns X0. */
uint64_t t_rec_create(struct fake_plat *f, pa_t rd, pa_t rec, const struct t_rec_params *p);
/* A new runnable REC with defaults; asserts success. */
pa_t t_rec_new(struct fake_plat *f, pa_t rd, uint64_t mpidr);

void t_put64(uint8_t *buf, unsigned off, uint64_t v);
uint64_t t_get64(const uint8_t *buf, unsigned off);

#endif /* RMM_TEST_UTIL_H */
