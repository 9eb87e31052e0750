/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform snapshot and rewind (platform.h plat_snap_*; docs/fuzzing.md
 * "fuzz_rsi persistence"): a fuzzing harness builds its realm once, takes
 * a snapshot, and after every input puts the platform back in time
 * proportional to what the input touched.
 *
 * Dirty-granule tracking: every path that can change a DRAM granule or
 * its GPI calls plat_snap_note first: the RMM's granule_map (it may write
 * what it maps), NS world writes (host and RMM), GTSI (the GPT), and the
 * stage-2 mapping of a granule writable into a realm engine (the realm's
 * own stores then go straight to memory, plat_realm.c). A granule's
 * contents and GPI are copied once, at its first note after the snapshot
 * (the state at the snapshot, since every change needs a note first and a
 * rewind puts noted granules back); later inputs only mark it dirty. A
 * rewind compares each dirty granule with its copy and copies back what
 * differs, restores the GPI, the RMM's state (rmm_snapshot_restore), the
 * realm engines (plat_realm_snap_rewind: stage-2 TLB, CPU context,
 * instruction count) and EL3's PSCI state.
 *
 * A realm engine the snapshot holds is parked, emptied, when its realm is
 * destroyed, and put back by the rewind (plat_realm.c snap_park).
 *
 * Limits: single-threaded (no other thread may use the platform); a host
 * CPU's stores (sim/src/cpu) are not tracked, so only native-API
 * platforms rewind; anything the log cannot undo (RMI 2.0 GPT L1 table
 * changes, extra engines for overlapping runs, more than SNAP_MAX_GRANULES
 * distinct granules) makes plat_snap_rewind fail, and the caller builds a
 * new platform.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "plat_realm.h"
#include "platform.h"

#define SNAP_MAX_GRANULES 8192U /* 32 MiB of copies at most (reserved, touched on use) */
#define SNAP_HASH_SIZE 16384U   /* power of two, > 2 * SNAP_MAX_GRANULES */

struct snap_granule {
	pa_t pa;
	uint8_t gpi;
	bool dirty;
	bool has_mem;
};

struct plat_snap {
	bool taken;
	bool failed;
	struct snap_granule g[SNAP_MAX_GRANULES];
	unsigned n;
	uint32_t hash[SNAP_HASH_SIZE]; /* index + 1 into g[], 0 = empty */
	uint8_t *copies;               /* SNAP_MAX_GRANULES pages; copy i at i * GRANULE_SIZE */
	uint32_t dirty[SNAP_MAX_GRANULES];
	unsigned ndirty;
	pa_t pas[SNAP_MAX_GRANULES];   /* scratch of plat_snap_rewind */
	struct rmm_snapshot *rmm;
	enum smc_power_event power_event;
	struct smc_psci psci;
	struct plat_snap_stats stats;
};

int plat_snap_init(struct rmmsim *p, char *err, size_t err_len)
{
	struct plat_snap *s;

	if (p->snap != NULL) {
		return 0;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		snprintf(err, err_len, "out of memory");
		return -1;
	}
	s->copies = mmap(NULL, (size_t)SNAP_MAX_GRANULES * GRANULE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (s->copies == MAP_FAILED) {
		free(s);
		snprintf(err, err_len, "cannot reserve the snapshot's copies");
		return -1;
	}
	p->snap = s;
	/* From now on the realm engines keep a shadow of their stage 2 (plat_realm.c). */
	plat_realm_track(p);
	return 0;
}

void plat_snap_fini(struct rmmsim *p)
{
	struct plat_snap *s = p->snap;

	if (s == NULL) {
		return;
	}
	plat_realm_snap_drop(p);
	rmm_snapshot_free(s->rmm);
	munmap(s->copies, (size_t)SNAP_MAX_GRANULES * GRANULE_SIZE);
	free(s);
	p->snap = NULL;
}

static uint32_t hash_of(pa_t pa)
{
	uint64_t h = (pa >> GRANULE_SHIFT) * 0x9E3779B97F4A7C15ULL;

	return (uint32_t)(h >> 40) & (SNAP_HASH_SIZE - 1U);
}

void plat_snap_touch(struct rmmsim *p, pa_t pa)
{
	struct plat_snap *s = p->snap;
	uint32_t h;
	struct snap_granule *g;
	const uint8_t *mem;

	if (!s->taken || s->failed) {
		return;
	}
	pa &= ~(pa_t)GRANULE_MASK;
	for (h = hash_of(pa); s->hash[h] != 0U; h = (h + 1U) & (SNAP_HASH_SIZE - 1U)) {
		g = &s->g[s->hash[h] - 1U];
		if (g->pa == pa) {
			if (!g->dirty) {
				g->dirty = true;
				s->dirty[s->ndirty++] = s->hash[h] - 1U;
			}
			return;
		}
	}
	if (s->n == SNAP_MAX_GRANULES) {
		s->failed = true; /* more than the log holds: the rewind reports it */
		return;
	}
	/* First note since the snapshot: the granule is as it was then. */
	g = &s->g[s->n];
	g->pa = pa;
	g->gpi = (uint8_t)gpt_get_gpi(p->gpt, pa);
	mem = plat_pa_to_host(p, pa, GRANULE_SIZE);
	g->has_mem = mem != NULL;
	if (mem != NULL) {
		memcpy(s->copies + (size_t)s->n * GRANULE_SIZE, mem, GRANULE_SIZE);
	}
	g->dirty = true;
	s->hash[h] = s->n + 1U;
	s->dirty[s->ndirty++] = s->n;
	s->n++;
	s->stats.saved = s->n;
}

void plat_snap_unrestorable(struct rmmsim *p)
{
	if (p->snap != NULL && p->snap->taken) {
		p->snap->failed = true;
	}
}

int plat_snap_take(struct rmmsim *p, char *err, size_t err_len)
{
	struct plat_snap *s = p->snap;

	if (s == NULL || s->taken) {
		snprintf(err, err_len, "plat_snap_init was not called, or a snapshot exists");
		return -1;
	}
	s->rmm = rmm_snapshot_take(p->rmm);
	if (s->rmm == NULL) {
		snprintf(err, err_len, "out of memory for the RMM snapshot");
		return -1;
	}
	if (plat_realm_snap_take(p, err, err_len) != 0) {
		rmm_snapshot_free(s->rmm);
		s->rmm = NULL;
		return -1;
	}
	s->power_event = p->el3.power_event;
	s->psci = p->el3.psci;
	s->taken = true;
	/* Granules a realm may write with no new mapping: mapped writable now. */
	plat_realm_touch_writable(p);
	return 0;
}

int plat_snap_rewind(struct rmmsim *p)
{
	struct plat_snap *s = p->snap;
	unsigned nchanged = 0;

	if (s == NULL || !s->taken || s->failed) {
		return -1;
	}
	for (unsigned k = 0; k < s->ndirty; k++) {
		s->pas[k] = s->g[s->dirty[k]].pa;
	}
	rmm_snapshot_restore(p->rmm, s->rmm, s->pas, s->ndirty);
	for (unsigned k = 0; k < s->ndirty; k++) {
		unsigned i = s->dirty[k];
		struct snap_granule *g = &s->g[i];
		uint8_t *mem = g->has_mem ? plat_pa_to_host(p, g->pa, GRANULE_SIZE) : NULL;
		const uint8_t *copy = s->copies + (size_t)i * GRANULE_SIZE;

		if (mem != NULL && memcmp(mem, copy, GRANULE_SIZE) != 0) {
			memcpy(mem, copy, GRANULE_SIZE);
			/* Granules whose bytes changed: translated code of them is stale. */
			s->pas[nchanged++] = g->pa;
		}
		if ((uint8_t)gpt_get_gpi(p->gpt, g->pa) != g->gpi &&
		    gpt_set_range(p->gpt, g->pa, GRANULE_SIZE, (enum gpt_gpi)g->gpi) != 0) {
			return -1;
		}
		g->dirty = false;
	}
	s->stats.restored += nchanged;
	s->stats.dirty += s->ndirty;
	s->stats.rewinds++;
	s->ndirty = 0;
	if (plat_realm_snap_rewind(p, s->pas, nchanged) != 0) {
		s->failed = true;
		return -1;
	}
	/*
	 * Forward, never back to the snapshot's value: the rewind may have
	 * taken granules out of NS PAS, so any host PE must drop what it
	 * cached (the count is a revocation signal, sim/src/cpu/smc.c).
	 */
	__atomic_fetch_add(&p->pas_epoch, 1, __ATOMIC_RELEASE);
	p->el3.power_event = s->power_event;
	p->el3.psci = s->psci;
	plat_realm_touch_writable(p);
	return 0;
}

void plat_snap_get_stats(const struct rmmsim *p, struct plat_snap_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (p->snap != NULL) {
		*out = p->snap->stats;
	}
}
