/* SPDX-License-Identifier: BSD-3-Clause */
/* Host-side helpers of the RMI 2.0 tests: boot, 2.0 RealmParams, REC create/destroy through SRO. */
#ifndef RMI_V2_UTIL_H
#define RMI_V2_UTIL_H

#include <stdint.h>

#include "fake_plat.h"
#include "v2/v2.h"

#define V2_ST(status, index) ((((uint64_t)(index)) << 8) | (status))
#define V2_OK V2_ST(RMI2_SUCCESS, 0)
#define V2_INPUT V2_ST(RMI2_ERROR_INPUT, 0)

/* A fake platform whose RMM speaks both ABIs; VERSION(2.0) issued, not yet activated. */
struct fake_plat *v2_create(void);
/* v2_create + RMM_CONFIG_SET + RMM_ACTIVATE. */
struct fake_plat *v2_create_active(void);
int v2_setup(void **state);
int v2_setup_active(void **state);

/* RmiRealmParams 2.0 (structures.md §1) as u64 slots. */
struct v2_realm_params {
	uint64_t flags0;
	uint64_t s2sz;
	uint64_t sve_vl;
	uint64_t num_bps;
	uint64_t num_wps;
	uint64_t pmu_num_ctrs;
	uint64_t algorithm;
	uint64_t num_aux_planes;
	uint64_t ats_plane;
	pa_t rtt_base;
	int64_t rtt_level_start;
	uint64_t rtt_num_start;
	uint64_t flags1;
};

struct v2_realm {
	pa_t rd;
	pa_t rtt;
	pa_t params;
};

/* s2sz 40, level 0 start, one starting RTT, 2 bps/wps, SHA-256. */
void v2_realm_params_default(struct v2_realm_params *p);
void v2_realm_params_write(struct fake_plat *f, pa_t pa, const struct v2_realm_params *p);
/* Delegates RD and RTT (if p->rtt_base is 0), writes params, REALM_CREATE; returns X0. */
uint64_t v2_realm_create(struct fake_plat *f, struct v2_realm_params *p, struct v2_realm *r);
/* Default realm; asserts success. */
struct v2_realm v2_realm_new(struct fake_plat *f);

/* RecParams (flags RUNNABLE, @mpidr, pc) in a fresh NS granule; returns its PA. */
pa_t v2_rec_params(struct fake_plat *f, uint64_t mpidr, uint64_t flags);
/*
 * REC_CREATE through the whole SRO (donate 16 fresh delegated granules,
 * continue); returns the final X0; @aux receives the donated PAs.
 */
uint64_t v2_rec_create(struct fake_plat *f, pa_t rd, pa_t rec, pa_t params, pa_t aux[16]);
/* REC_DESTROY through the SRO (reclaim, continue); returns the final X0, @n_reclaimed the count. */
uint64_t v2_rec_destroy(struct fake_plat *f, pa_t rec, unsigned *n_reclaimed);

#endif /* RMI_V2_UTIL_H */
