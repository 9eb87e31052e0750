/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gpt: the Granule Protection Table in the architectural format (Arm ARM,
 * RME chapter D9 "The Realm Management Extension", GPT descriptors) and the
 * Granule Protection Check.
 *
 * Level 0: one 64-bit descriptor per L0GPTSZ-sized region of the protected
 * physical address space (PPS). A descriptor is either a block (bits[3:0] =
 * 0b0001, GPI in bits[7:4]) or a table (bits[3:0] = 0b0011, bits[51:12] =
 * PA of the level-1 table). Level 1: 64-bit descriptors of sixteen 4-bit
 * GPIs, one GPI per 4 KiB granule (PGS = 4 KiB).
 *
 * The module knows nothing about realms; EL3 calls gpt_transition() on the
 * RMM's behalf (GTSI) and every simulated access goes through gpt_check().
 *
 * Level-1 tables live in host memory. The L0 table descriptor still holds a
 * plausible, size-aligned L1 table PA (gpt_l1_table_pa(): a synthetic Root
 * PAS window at GPT_L1_PA_BASE, never dereferenced); the walk follows a host
 * pointer kept per L0 entry, which is authoritative.
 *
 * Concurrency: gpt_set_range() and gpt_transition() may run on several host
 * threads at once (striped spinlocks per L0 entry); gpt_check() and
 * gpt_get_gpi() take no lock and allocate nothing (atomic loads only), so
 * they may run concurrently with updates and see either the old or the new
 * GPI of a granule being changed, never a torn descriptor.
 */
#ifndef GPT_H
#define GPT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rmmsim_types.h"

/* Granule Protection Information encodings (4 bits). */
enum gpt_gpi {
	GPT_GPI_NO_ACCESS = 0x0,
	GPT_GPI_SECURE = 0x8,
	GPT_GPI_NS = 0x9,
	GPT_GPI_ROOT = 0xA,
	GPT_GPI_REALM = 0xB,
	GPT_GPI_ANY = 0xF,
};

/*
 * Kind of access. The GPC applies one rule to reads, writes and instruction
 * fetches (Arm ARM D9: the check depends on the PAS and the GPI only); the
 * kind is kept so callers can build the fault syndrome (WnR, instruction vs
 * data abort) and traces from the same call.
 */
enum gpt_access {
	GPT_ACCESS_READ = 0,
	GPT_ACCESS_WRITE = 1,
	GPT_ACCESS_FETCH = 2,
};

/* Outcome of a granule protection check. */
enum gpt_result {
	GPT_PASS = 0,
	/* GPI does not permit the access's world: Granule Protection Fault. */
	GPT_FAULT_GPF = 1,
	/* PA is outside the PPS: GPT address size fault (GPCF). */
	GPT_FAULT_ADDR_SIZE = 2,
	/* A GPT descriptor is invalid (reserved encoding): GPT walk fault. */
	GPT_FAULT_WALK = 3,
};

struct gpt_config {
	unsigned pps_bits;    /* protected physical address size: 32..52 */
	unsigned l0gptsz_bits; /* 30, 34, 36 or 39 (GPCCR_EL3.L0GPTSZ) */
};

/* Descriptor fields (Arm ARM D9, GPT descriptor formats). */
#define GPT_PGS_SHIFT 12U            /* PGS = 4 KiB */
#define GPT_L1_GPIS_PER_DESC 16U     /* 4-bit GPIs per L1 descriptor */
#define GPT_L1_DESC_SHIFT 16U        /* one L1 descriptor covers 64 KiB */
#define GPT_L0_TYPE_MASK 0xFULL
#define GPT_L0_TYPE_BLOCK 0x1ULL
#define GPT_L0_TYPE_TABLE 0x3ULL
#define GPT_L0_BLOCK_GPI_SHIFT 4U
#define GPT_GPI_MASK 0xFULL
#define GPT_L0_TABLE_ADDR_MASK 0x000FFFFFFFFFF000ULL /* bits [51:12] */
/* Synthetic PA of the first L1 table (see gpt_l1_table_pa()). */
#define GPT_L1_PA_BASE (1ULL << 51)

/* Number of striped update locks (per L0 entry, index modulo this). */
#define GPT_LOCK_STRIPES 64U

/*
 * The GPT. Fields are visible only so that gpt_check_inline() can be
 * inlined into the simulator's load/store path; treat them as private.
 */
struct gpt {
	unsigned pps_bits;
	unsigned l0gptsz_bits;
	/* Bits of PA covered by one L0 entry: min(PPS, L0GPTSZ). */
	unsigned region_bits;
	size_t l0_count;
	/* L1 descriptors per L1 table: 2^(region_bits - 16). */
	size_t l1_desc_count;
	/* Architectural L0 descriptors, stored XOR GPT_L0_STORE_KEY (gpt_l0_load). */
	_Atomic uint64_t *l0;
	/*
	 * Host pointer to the L1 table of each L0 entry, NULL until the first
	 * split. Written before the L0 table descriptor is published (release)
	 * and kept until gpt_destroy(), even if the entry goes back to a block,
	 * so a lock-free reader never follows a freed pointer.
	 */
	_Atomic uint64_t **l1;
	atomic_flag locks[GPT_LOCK_STRIPES];
	/*
	 * One past the highest L0 index given an L1 table: gpt_destroy()
	 * frees below it, not reading all of l1[] (2 MiB of untouched pages
	 * with a 48-bit PPS, a tenth of the simulator's start-up page faults).
	 */
	size_t l1_end;
};

/* Creates a GPT in which every granule is GPT_GPI_NO_ACCESS. NULL on bad config. */
struct gpt *gpt_create(const struct gpt_config *cfg);
void gpt_destroy(struct gpt *g);

/*
 * Sets [base, base+size) to @gpi, as EL3 does at boot from the platform's
 * memory map. Whole L0 regions become block descriptors, partial ones tables.
 * -EINVAL when unaligned to 4 KiB, empty, beyond the PPS or @gpi is not a
 * defined GPI encoding; -ENOMEM if a level-1 table cannot be allocated (the
 * regions before the failing one are then already updated).
 */
int gpt_set_range(struct gpt *g, pa_t base, uint64_t size, enum gpt_gpi gpi);

/*
 * GPI of @pa (GPT_GPI_NO_ACCESS beyond the PPS or when the L0 descriptor is
 * neither block nor table; a reserved nibble is returned as is).
 */
enum gpt_gpi gpt_get_gpi(const struct gpt *g, pa_t pa);

/*
 * The transition EL3 performs on a GTSI request: the granule at @pa must
 * currently be @from; it becomes @to. Returns 0, or -EINVAL if @pa is
 * unaligned/outside the PPS, -EPERM if the current GPI is not @from or the
 * pair is not a GTSI transition, -ENOMEM if a block must be split and the
 * level-1 table cannot be allocated. Only NS -> REALM (delegate) and
 * REALM -> NS (undelegate) are GTSI transitions: Secure, Root, Any and
 * no-access granules can never change this way.
 */
int gpt_transition(struct gpt *g, pa_t pa, enum gpt_gpi from, enum gpt_gpi to);

/*
 * RMI 2.0 host-managed level 1 (GPT_L1_CREATE / _DESTROY) of the L0 region
 * holding @pa. create: block -> table with the block's GPI, -EEXIST if it
 * is a table already; destroy: table -> block, -ENOENT if it is a block,
 * -EBUSY unless every granule has the same GPI; is_table: 1 or 0. All
 * return -EINVAL for @pa outside the PPS (-ENOMEM: no L1 memory).
 */
int gpt_l1_create(struct gpt *g, pa_t pa);
int gpt_l1_destroy(struct gpt *g, pa_t pa);
int gpt_l1_is_table(const struct gpt *g, pa_t pa);

/* The Granule Protection Check of one access of @world to @pa. */
enum gpt_result gpt_check(const struct gpt *g, enum rmmsim_world world,
			  enum gpt_access access, pa_t pa);

/* Raw level-0 descriptor index/count, for tests, dumps and EL3 code. */
uint64_t gpt_l0_desc(const struct gpt *g, size_t index);
size_t gpt_l0_count(const struct gpt *g);
/* Synthetic PA of the L1 table of L0 entry @index (what its descriptor holds). */
pa_t gpt_l1_table_pa(const struct gpt *g, size_t index);
/* GPCCR_EL3 value for this configuration: PPS, PGS = 4 KiB, GPC = 1, L0GPTSZ. */
uint64_t gpt_gpccr_el3(const struct gpt *g);

/*
 * Fault injection (tests, simulator fault scenarios): overwrite L0 entry
 * @index with @desc, which must not be a table descriptor (-EINVAL); or the
 * L1 descriptor covering @pa, which must lie in a table (-EINVAL otherwise).
 */
int gpt_inject_l0_desc(struct gpt *g, size_t index, uint64_t desc);
int gpt_inject_l1_desc(struct gpt *g, pa_t pa, uint64_t desc);

/* Descriptor encoding helpers (round trips are unit-tested). */
uint64_t gpt_l0_block_encode(enum gpt_gpi gpi);
uint64_t gpt_l0_table_encode(pa_t l1_table_pa);
bool gpt_l0_is_block(uint64_t desc);
bool gpt_l0_is_table(uint64_t desc);
enum gpt_gpi gpt_l0_block_gpi(uint64_t desc);
pa_t gpt_l0_table_addr(uint64_t desc);
/* Level-1 descriptor: 16 GPIs, GPI i in bits [4i+3:4i]. */
enum gpt_gpi gpt_l1_get(uint64_t desc, unsigned idx);
uint64_t gpt_l1_set(uint64_t desc, unsigned idx, enum gpt_gpi gpi);
/* An L1 descriptor whose sixteen GPIs are all @gpi. */
uint64_t gpt_l1_fill(enum gpt_gpi gpi);
/* True for the six defined GPI encodings; others are reserved. */
bool gpt_gpi_is_valid(unsigned gpi);

/* Human-readable names for logs. */
const char *gpt_gpi_name(enum gpt_gpi gpi);
const char *gpt_result_name(enum gpt_result r);

/* ---- Fast path -------------------------------------------------------- */

#define GPT_GPI_BIT(gpi) (1U << (unsigned)(gpi))
#define GPT_GPI_VALID_MASK                                                        \
	(GPT_GPI_BIT(GPT_GPI_NO_ACCESS) | GPT_GPI_BIT(GPT_GPI_SECURE) |           \
	 GPT_GPI_BIT(GPT_GPI_NS) | GPT_GPI_BIT(GPT_GPI_ROOT) |                    \
	 GPT_GPI_BIT(GPT_GPI_REALM) | GPT_GPI_BIT(GPT_GPI_ANY))

/*
 * GPIs that let an access of @world pass. @world is the PAS the access
 * targets. An access passes iff the GPI is that PAS or Any; no-access
 * denies everyone. Root state may access every PAS (TF-A GPT design doc,
 * "Security states and PAS access rights"; EL3 selects the PAS with the
 * NSE/NS bits of its own translation): our EL3 model does not track that
 * choice, so a Root access passes on any GPI but no-access.
 */
static inline unsigned gpt_world_permits(enum rmmsim_world world)
{
	switch (world) {
	case WORLD_SECURE:
		return GPT_GPI_BIT(GPT_GPI_SECURE) | GPT_GPI_BIT(GPT_GPI_ANY);
	case WORLD_NS:
		return GPT_GPI_BIT(GPT_GPI_NS) | GPT_GPI_BIT(GPT_GPI_ANY);
	case WORLD_REALM:
		return GPT_GPI_BIT(GPT_GPI_REALM) | GPT_GPI_BIT(GPT_GPI_ANY);
	case WORLD_ROOT:
		return GPT_GPI_VALID_MASK & ~GPT_GPI_BIT(GPT_GPI_NO_ACCESS);
	}
	/* Not a world: nothing passes. */
	return 0;
}

/*
 * L0 descriptors are stored XOR GPT_L0_STORE_KEY, the NO_ACCESS block
 * descriptor, so zero-filled memory reads as NO_ACCESS blocks: gpt_create()
 * writes nothing into the table (2 MiB with a 48-bit PPS: 512 page faults,
 * 0.5 ms of every simulator start-up). Read and write them only with these.
 */
#define GPT_L0_STORE_KEY \
	(GPT_L0_TYPE_BLOCK | ((uint64_t)GPT_GPI_NO_ACCESS << GPT_L0_BLOCK_GPI_SHIFT))

static inline uint64_t gpt_l0_load(const struct gpt *g, size_t idx, memory_order mo)
{
	return atomic_load_explicit(&g->l0[idx], mo) ^ GPT_L0_STORE_KEY;
}

static inline void gpt_l0_store(struct gpt *g, size_t idx, uint64_t desc, memory_order mo)
{
	atomic_store_explicit(&g->l0[idx], desc ^ GPT_L0_STORE_KEY, mo);
}

/*
 * gpt_check() for the hot path: O(1), no lock, no allocation, at most three
 * dependent loads (L0 descriptor, L1 host pointer, L1 descriptor).
 *
 * Simplification: a PA at or above 2^PPS is an address size fault for every
 * PAS (the Arm ARM lets Non-secure accesses above the PPS through and faults
 * the others at level 0; our platforms keep all memory inside the PPS).
 */
static inline enum gpt_result gpt_check_inline(const struct gpt *g,
					       enum rmmsim_world world,
					       enum gpt_access access, pa_t pa)
{
	uint64_t desc;
	unsigned gpi;
	size_t idx;

	(void)access;
	if ((pa >> g->pps_bits) != 0)
		return GPT_FAULT_ADDR_SIZE;
	idx = (size_t)(pa >> g->region_bits);
	desc = gpt_l0_load(g, idx, memory_order_acquire);
	switch (desc & GPT_L0_TYPE_MASK) {
	case GPT_L0_TYPE_BLOCK:
		gpi = (unsigned)((desc >> GPT_L0_BLOCK_GPI_SHIFT) & GPT_GPI_MASK);
		break;
	case GPT_L0_TYPE_TABLE: {
		/* Ordered after the L1 pointer by the acquire above. */
		_Atomic uint64_t *l1 = g->l1[idx];
		size_t d = (size_t)((pa & ((1ULL << g->region_bits) - 1U)) >>
				    GPT_L1_DESC_SHIFT);
		unsigned shift = (unsigned)((pa >> GPT_PGS_SHIFT) & 0xFU) * 4U;

		desc = atomic_load_explicit(&l1[d], memory_order_relaxed);
		gpi = (unsigned)((desc >> shift) & GPT_GPI_MASK);
		break;
	}
	default:
		return GPT_FAULT_WALK;
	}
	if ((GPT_GPI_VALID_MASK & GPT_GPI_BIT(gpi)) == 0U)
		return GPT_FAULT_WALK;
	return (gpt_world_permits(world) & GPT_GPI_BIT(gpi)) != 0U ? GPT_PASS
								  : GPT_FAULT_GPF;
}

#endif /* GPT_H */
