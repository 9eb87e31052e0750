/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm stage-2 translation tables (RTTs): entry encoding, walks, geometry
 * (states.md §4-§5). RTT granules hold real VMSAv8-64 stage-2 descriptors
 * (512 x 64-bit) so the realm's stage 2 can be built from them.
 */
#ifndef RMM_S2TT_H
#define RMM_S2TT_H

#include <stdbool.h>
#include <stdint.h>

#include "realm.h"

/* Initialise the starting-level tables of a new realm (REALM_CREATE step e). */
void s2tt_init_root(struct rmm *rmm, const struct rd *rd);
/* True if any starting-level RTT has a non-zero refcount (RealmIsLive part 2). */
bool s2tt_root_is_live(struct rmm *rmm, const struct rd *rd);
/* (w, sl, n) consistency check of states.md §5 (rtt_num_level). */
bool s2tt_geometry_valid(unsigned ipa_bits, int sl, unsigned num_root, bool lpa2);
/* Number of starting tables for (w, sl), 0 if inconsistent. */
unsigned s2tt_num_root_tables(unsigned ipa_bits, int sl, bool lpa2);

#endif /* RMM_S2TT_H */
