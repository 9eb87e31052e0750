/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shadow translation tables of the host PE.
 *
 * Unicorn's own MMU is always on after boot, but it only ever walks tables
 * built here: the host's SCTLR/TCR/TTBR/MAIR are virtualized (hooks.c) and
 * the real registers point at these tables. Each shadow entry maps one
 * 4 KiB page of VA to the PA the host's own tables give (sim/src/mmu), and
 * is created only after that PA passed the Granule Protection Check and
 * was found in the platform's memory map (abort.c). So Unicorn can reach
 * no byte the GPC would deny: a TLB miss, an unmapped VA or a permission
 * mismatch stops the engine and the simulator decides (fails closed).
 *
 * Revocation: when a granule leaves NS PAS (RMI_GRANULE_DELEGATE) every
 * shadow entry and Unicorn's TLB are dropped, as EL3's TLBI RPALOS drops
 * the GPT's cached results on hardware. Unicorn's TLB only ever holds
 * translations the shadow gave it since the last drop, so a DELEGATE this
 * PE made of a granule no shadow entry has mapped (pa_seen) needs no drop
 * (smc.c): host payloads delegate granules they never touched. Unicorn 2.0.1 has no TLB-flush
 * call (uc_ctl_flush_tlb flushes translated code); mapping and unmapping a
 * page of the memory map flushes the TLB (measured: 14 us).
 *
 * Unicorn 2.0.1 also looks every VA up in its list of memory regions
 * before translating (DESIGN.md), so each 512 GiB VA chunk the host uses
 * is covered by placeholder regions (one shared PROT_NONE reservation,
 * never read: data comes from the translated PA).
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "cpu_private.h"

#define SH_TABLE 0x1000ULL
#define SH_DESC_VALID 1ULL
#define SH_DESC_TABLE 3ULL      /* table at levels 0-2, page at level 3 */
#define SH_AF (1ULL << 10)
#define SH_SH_INNER (3ULL << 8)
#define SH_AP_RO (1ULL << 7)    /* AP[2] */
#define SH_AP_EL0 (1ULL << 6)   /* AP[1]: RES1 in the EL2 regime */
#define SH_XN (1ULL << 54)      /* EL2: XN; EL1&0: UXN */
#define SH_PXN (1ULL << 53)     /* EL1&0 only */
#define SH_ATTR_NORMAL 0ULL     /* MAIR attr 0: 0xFF */
#define SH_ATTR_DEVICE (1ULL << 2) /* MAIR attr 1: 0x00 */
#define SH_OA_MASK 0x0000FFFFFFFFF000ULL

#define PH_CHUNK_SHIFT 39U
#define PH_CHUNK (1ULL << PH_CHUNK_SHIFT)
/* Scratch page mapped and unmapped to flush Unicorn's TLB (never accessed). */
#define SH_FLUSH_PA (CPU_EMU_PA_LIMIT - 0x1000ULL)

/*
 * The placeholder reservation is never accessed, so every PE's engine (and
 * every instance in the process) shares one: a 512 GiB reservation per PE
 * does not fit 8 PEs, or even 4 under ThreadSanitizer, whose application
 * address space is a few TiB (measured: the 4th one failed in ~5% of
 * `rmmsim run --threads smp_rmi.elf` runs, "no room for the shadow
 * translation tables"). PEs are created from several threads (--threads,
 * the native library), hence the lock.
 */
static pthread_mutex_t ph_lock = PTHREAD_MUTEX_INITIALIZER;
static void *ph_shared;
static unsigned ph_users;

static void *ph_get(void)
{
	void *p;

	pthread_mutex_lock(&ph_lock);
	if (ph_users == 0) {
		ph_shared = mmap(NULL, PH_CHUNK, PROT_NONE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (ph_shared == MAP_FAILED)
			ph_shared = NULL;
	}
	if (ph_shared)
		ph_users++;
	p = ph_shared;
	pthread_mutex_unlock(&ph_lock);
	return p;
}

static void ph_put(void)
{
	pthread_mutex_lock(&ph_lock);
	if (ph_users > 0 && --ph_users == 0) {
		munmap(ph_shared, PH_CHUNK);
		ph_shared = NULL;
	}
	pthread_mutex_unlock(&ph_lock);
}

static uint64_t *sh_table(struct cpu_shadow *s, pa_t pa)
{
	return (uint64_t *)(s->host + (pa - s->base));
}

/* A zeroed table from the pool; 0 when it is exhausted. */
static pa_t sh_alloc(struct cpu_shadow *s)
{
	pa_t pa;

	if (s->used == s->ntables)
		return 0;
	pa = s->base + s->used * SH_TABLE;
	s->used++;
	memset(sh_table(s, pa), 0, SH_TABLE);
	return pa;
}

/* Finds a hole below the emulator's PA limit for the pool (and the flush page). */
static pa_t sh_pick_base(const struct cpu *cpu, uint64_t size)
{
	pa_t top = SH_FLUSH_PA;

	for (int tries = 0; tries < 64; tries++) {
		pa_t cand = (top - size) & ~(SH_TABLE - 1);
		bool clash = false;

		for (unsigned i = 0; i < cpu->plat.num_ram; i++) {
			const struct cpu_ram *r = &cpu->plat.ram[i];

			if (cand < r->base + r->size && r->base < cand + size) {
				clash = true;
				top = r->base;
			}
		}
		if (cpu->plat.nv_size && cand < cpu->plat.nv_base + cpu->plat.nv_size &&
		    cpu->plat.nv_base < cand + size) {
			clash = true;
			top = cpu->plat.nv_base;
		}
		if (!clash)
			return cand;
	}
	return 0;
}

int shadow_init(struct cpu *cpu, char *err, size_t err_len)
{
	struct cpu_shadow *s = &cpu->shadow;
	uint64_t size = (uint64_t)CPU_SHADOW_TABLES * SH_TABLE;
	uc_err e;

	s->ntables = CPU_SHADOW_TABLES;
	s->base = sh_pick_base(cpu, size);
	s->host = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	s->ph_host = ph_get();
	if (s->base == 0 || s->host == MAP_FAILED || !s->ph_host) {
		s->host = s->host == MAP_FAILED ? NULL : s->host;
		snprintf(err, err_len, "emulator: no room for the shadow translation tables");
		return -1;
	}
	e = uc_mem_map_ptr(cpu->uc, s->base, size, UC_PROT_READ | UC_PROT_WRITE, s->host);
	if (e != UC_ERR_OK) {
		snprintf(err, err_len, "emulator: mapping the shadow tables: %s", uc_strerror(e));
		return -1;
	}
	shadow_reset(cpu);
	return 0;
}

void shadow_fini(struct cpu *cpu)
{
	struct cpu_shadow *s = &cpu->shadow;

	if (s->host)
		munmap(s->host, (size_t)s->ntables * SH_TABLE);
	if (s->ph_host)
		ph_put();
	s->host = NULL;
	s->ph_host = NULL;
}

void shadow_reset(struct cpu *cpu)
{
	struct cpu_shadow *s = &cpu->shadow;

	/* The EL2 root, then the EL1&0 roots of TTBR0_EL1 and TTBR1_EL1 (cpu_mmu.c). */
	s->used = 0;
	s->root_el2 = sh_alloc(s);
	s->root_el1 = sh_alloc(s);
	s->root_el1_hi = sh_alloc(s);
	s->pages = 0;
	s->resets++;
}

int shadow_flush_tlb(struct cpu *cpu)
{
	uc_err e = uc_mem_map(cpu->uc, SH_FLUSH_PA, 0x1000, UC_PROT_READ);

	if (e == UC_ERR_OK)
		e = uc_mem_unmap(cpu->uc, SH_FLUSH_PA, 0x1000);
	if (e != UC_ERR_OK) {
		cpu->sim_error = true;
		return -1;
	}
	cpu->shadow.tlb_flushes++;
	return 0;
}

bool shadow_may_map_pa(const struct cpu *cpu, pa_t pa)
{
	uint64_t g = (pa >> 12) % CPU_SHADOW_PA_BITS;

	return (cpu->shadow.pa_seen[g / 64U] >> (g % 64U)) & 1U;
}

int shadow_drop_all(struct cpu *cpu)
{
	shadow_reset(cpu);
	cpu->shadow.live = false;
	if (shadow_flush_tlb(cpu) != 0)
		return -1;
	/*
	 * Only here, with the shadow empty AND Unicorn's TLB flushed, may the
	 * record of mapped granules start afresh. A TLBI alone (hooks.c) resets
	 * the shadow, but Unicorn executes the host's TLBI as it was given
	 * (e.g. TLBI VAE2 drops one page), so its TLB may still hold
	 * translations to granules mapped before: forgetting them would let a
	 * later DELEGATE of such a granule skip the revocation (smc.c).
	 */
	memset(cpu->shadow.pa_seen, 0, sizeof(cpu->shadow.pa_seen));
	return 0;
}

static int cmp_region(const void *a, const void *b)
{
	const uc_mem_region *x = a, *y = b;

	return x->begin < y->begin ? -1 : x->begin > y->begin;
}

/* Maps a placeholder over [at, last] (inclusive: the top chunk ends at 2^64 - 1). */
static int map_placeholder(struct cpu *cpu, uint64_t chunk, uint64_t at, uint64_t last)
{
	if (last < at)
		return 0;
	return uc_mem_map_ptr(cpu->uc, at, last - at + 1, UC_PROT_ALL,
			      (uint8_t *)cpu->shadow.ph_host + (at - chunk)) == UC_ERR_OK ? 0 : -1;
}

int shadow_cover_va(struct cpu *cpu, uint64_t va)
{
	struct cpu_shadow *s = &cpu->shadow;
	uint64_t chunk = va & ~(PH_CHUNK - 1), last = chunk + (PH_CHUNK - 1), at = chunk;
	uc_mem_region *regs = NULL;
	uint32_t n = 0;
	bool full = false;
	int rc = 0;

	for (unsigned i = 0; i < s->num_chunks; i++)
		if (s->chunks[i] == chunk)
			return 0;
	if (s->num_chunks == CPU_MAX_VA_CHUNKS || uc_mem_regions(cpu->uc, &regs, &n) != UC_ERR_OK)
		return -1;
	/* Fill every gap between the regions already in the chunk (region ends are inclusive). */
	qsort(regs, n, sizeof(*regs), cmp_region);
	for (uint32_t i = 0; i < n && rc == 0; i++) {
		uint64_t b = regs[i].begin, e = regs[i].end;

		if (e < at || b > last)
			continue;
		if (b > at)
			rc = map_placeholder(cpu, chunk, at, b - 1);
		if (e >= last) {
			full = true;
			break;
		}
		at = e + 1;
	}
	if (rc == 0 && !full)
		rc = map_placeholder(cpu, chunk, at, last);
	uc_free(regs);
	if (rc == 0)
		s->chunks[s->num_chunks++] = chunk;
	return rc;
}

/*
 * EL1&0 page: AP[2:1], PXN and UXN that grant no more than the host's
 * tables give EL1 and EL0 (Arm ARM D8.4.1.2.1, stage 1 AP[2:1] with
 * hierarchical permissions already applied by the walk) and at least what
 * the access being filled needs. Combinations AP[2:1] cannot express
 * (EL0 access without EL1 access: PAN) lose rights: the next such access
 * stops the engine again and is decided by abort.c. Unicorn, like
 * hardware, never lets EL1 execute a page EL0 can write, so a privileged
 * fetch fill does not use AP = 0b01. EL1 read is implied by every
 * encoding: the caller does not fill a page EL1 cannot read (PAN is not
 * implemented by the modelled CPU). Returns -1 if nothing fits.
 */
static int el1_ap(const struct shadow_perm *p, uint64_t *bits)
{
	/* AP[2:1] and what it grants: EL1 write, EL0 read, EL0 write (EL1 read always). */
	static const struct { uint64_t ap; bool w1, r0, w0; } enc[4] = {
		{ 1ULL << 6, true, true, true },   /* 0b01 */
		{ 0ULL, true, false, false },      /* 0b00 */
		{ 3ULL << 6, false, true, false }, /* 0b11 */
		{ 2ULL << 6, false, false, false }, /* 0b10 */
	};
	/*
	 * Preference: the most rights first; for EL0 accesses EL0's rights
	 * before EL1's write. A privileged fill of a page EL1 may execute
	 * skips 0b01 (Unicorn would refuse the EL1 fetch).
	 */
	static const unsigned order_el1[4] = { 0, 1, 2, 3 }, order_el0[4] = { 0, 2, 1, 3 };
	const unsigned *order = p->for_el0 ? order_el0 : order_el1;

	for (unsigned k = 0; k < 4; k++) {
		unsigned i = order[k];

		if ((enc[i].w1 && !p->write) || (enc[i].r0 && !p->el0_read) ||
		    (enc[i].w0 && !p->el0_write))
			continue; /* would grant more than the host's tables */
		if (i == 0 && p->exec && !p->for_el0)
			continue;
		*bits = enc[i].ap | (p->exec ? 0 : SH_PXN) | (p->el0_exec ? 0 : SH_XN);
		return 0;
	}
	return -1;
}

int shadow_map_page(struct cpu *cpu, bool el2, uint64_t va, pa_t pa,
		    const struct shadow_perm *perm)
{
	struct cpu_shadow *s = &cpu->shadow;
	pa_t table = el2 ? s->root_el2 : (va >> 55) & 1 ? s->root_el1_hi : s->root_el1;
	uint64_t desc, acc;

	if (el2) {
		acc = SH_AP_EL0 | (perm->write ? 0 : SH_AP_RO) | (perm->exec ? 0 : SH_XN);
	} else if (el1_ap(perm, &acc) != 0) {
		return -2;
	}
	va &= 0x0000FFFFFFFFF000ULL;
	for (unsigned level = 0; level < 3; level++) {
		unsigned shift = 39U - 9U * level;
		uint64_t *t = sh_table(s, table);
		uint64_t *d = &t[(va >> shift) & 0x1FF];

		if (!(*d & SH_DESC_VALID)) {
			pa_t next = sh_alloc(s);

			if (!next)
				return -1;
			*d = next | SH_DESC_TABLE;
		}
		table = *d & SH_OA_MASK;
	}
	desc = (pa & SH_OA_MASK) | SH_DESC_TABLE | SH_AF | SH_SH_INNER | acc |
	       (perm->device ? SH_ATTR_DEVICE : SH_ATTR_NORMAL);
	sh_table(s, table)[(va >> 12) & 0x1FF] = desc;
	{
		uint64_t g = (pa >> 12) % CPU_SHADOW_PA_BITS;

		s->pa_seen[g / 64U] |= 1ULL << (g % 64U);
	}
	s->pages++;
	s->live = true;
	return 0;
}
