/* SPDX-License-Identifier: BSD-3-Clause */
/* fuzz_rsi's platforms and their state digest (fr_world.c). */
#ifndef FR_WORLD_H
#define FR_WORLD_H

#include <stdint.h>

#include "realm_host.h"

/* A new platform for fuzz_rsi (short host timer, snapshot log on); exits on failure. */
struct rmmsim *fr_world_platform(void);
/*
 * FNV digest of the platform's state: the RMM's own state, the GPI of
 * every DRAM granule, the bytes of @rh's granule pool and NS pages, and
 * the realm instruction count.
 */
uint64_t fr_world_digest(const struct rmmsim *sim, const struct rh_realm *rh);

#endif /* FR_WORLD_H */
