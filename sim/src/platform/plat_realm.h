/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm execution on the simulated platform (plat_realm.c): the rmm_plat
 * operations rec_run / s2_map over realm CPU engines per VMID (one per REC
 * being run, sharing the realm's memory).
 */
#ifndef PLAT_REALM_H
#define PLAT_REALM_H

#include <stddef.h>
#include <stdint.h>

#include "platform.h"

/* VMIDs with engines at once (each engine reserves 2^ipa_bits of address space). */
#define PLAT_REALM_MAX_ENGINES 8U
/*
 * Engines per VMID: RECs of one realm run at once on up to this many (one
 * per REC being run, made when runs overlap); more runs at once share them.
 */
#define PLAT_REALM_REC_ENGINES 4U
/* Unprotected pages tracked per engine before the oldest are dropped. */
#define PLAT_REALM_MAX_NS_MAPS 256U

/* Allocates the engine table and puts rec_run / s2_map into @ops. */
int plat_realm_init(struct rmmsim *p, struct rmm_plat *ops, char *err, size_t err_len);
void plat_realm_fini(struct rmmsim *p);
/* rmm_plat.s2_changed: empties [base, base + size) of the VMID's engine. */
void plat_realm_s2_changed(struct rmmsim *p, uint16_t vmid, ipa_t base, uint64_t size);
/* The GPI of the granule @pa changed: unmap it where realms saw it as NS memory. */
void plat_realm_pas_changed(struct rmmsim *p, pa_t pa);
/* Realm instructions run on this platform so far. */
uint64_t plat_realm_total_insns(const struct rmmsim *p);

/*
 * For plat_snap.c: plat_realm_track makes every engine created from now on
 * keep a shadow of its stage 2 (IPA, PA, permissions); snap_take saves the
 * engines (shadow, CPU state, counters; -1 if an engine has no shadow or
 * runs on extra engines), snap_rewind puts them back and drops translated
 * code of the @n granules in @changed (their bytes were restored);
 * touch_writable notes every granule mapped writable now.
 */
void plat_realm_track(struct rmmsim *p);
int plat_realm_snap_take(struct rmmsim *p, char *err, size_t err_len);
int plat_realm_snap_rewind(struct rmmsim *p, const pa_t *changed, unsigned n);
void plat_realm_snap_drop(struct rmmsim *p);
void plat_realm_touch_writable(struct rmmsim *p);

#endif /* PLAT_REALM_H */
