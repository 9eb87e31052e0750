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
 */
#ifndef GPT_H
#define GPT_H

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

struct gpt;

/* Creates a GPT in which every granule is GPT_GPI_NO_ACCESS. NULL on bad config. */
struct gpt *gpt_create(const struct gpt_config *cfg);
void gpt_destroy(struct gpt *g);

/*
 * Sets [base, base+size) to @gpi, as EL3 does at boot from the platform's
 * memory map. Whole L0 regions become block descriptors, partial ones tables.
 * -EINVAL when unaligned to 4 KiB or beyond the PPS.
 */
int gpt_set_range(struct gpt *g, pa_t base, uint64_t size, enum gpt_gpi gpi);

/* GPI of @pa (GPT_GPI_NO_ACCESS beyond the PPS). */
enum gpt_gpi gpt_get_gpi(const struct gpt *g, pa_t pa);

/*
 * The transition EL3 performs on a GTSI request: the granule at @pa must
 * currently be @from; it becomes @to. Returns 0, or -EINVAL if @pa is
 * unaligned/outside the PPS, -EPERM if the current GPI is not @from.
 * Used as NS -> REALM (delegate) and REALM -> NS (undelegate).
 */
int gpt_transition(struct gpt *g, pa_t pa, enum gpt_gpi from, enum gpt_gpi to);

/* The Granule Protection Check of one access of @world to @pa. */
enum gpt_result gpt_check(const struct gpt *g, enum rmmsim_world world,
			  enum gpt_access access, pa_t pa);

/* Raw level-0 descriptor index/count, for tests, dumps and EL3 code. */
uint64_t gpt_l0_desc(const struct gpt *g, size_t index);
size_t gpt_l0_count(const struct gpt *g);

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

/* Human-readable names for logs. */
const char *gpt_gpi_name(enum gpt_gpi gpi);
const char *gpt_result_name(enum gpt_result r);

#endif /* GPT_H */
