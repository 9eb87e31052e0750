/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fake physical memory and a table builder for the mmu unit tests: NS DRAM
 * (tables), a region the GPC denies (reads answer MMU_READ_GPF) and nothing
 * elsewhere (MMU_READ_SEA). Field encodings are written out from the Arm
 * ARM, independently of sim/src/mmu.
 */
#ifndef MMU_FAKE_H
#define MMU_FAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Fake physical memory map. */
#define DRAM_BASE 0x80000000ULL
#define DRAM_SIZE (2ULL << 20)
#define DENY_BASE 0x90000000ULL /* the GPC denies NS reads here */
#define DENY_SIZE (1ULL << 20)
#define HOLE_PA 0xA0000000ULL /* nothing mapped */

/* Descriptor bits (written out independently of the walk). */
#define D_VALID 1ULL
#define D_TABLE 3ULL
#define D_BLOCK 1ULL
#define D_PAGE 3ULL
#define D_ATTR(i) ((uint64_t)(i) << 2)
#define D_AP1 (1ULL << 6)
#define D_AP2 (1ULL << 7)
#define D_AF (1ULL << 10)
#define D_CONTIG (1ULL << 52)
#define D_PXN (1ULL << 53)
#define D_XN (1ULL << 54)
#define T_PXN (1ULL << 59)
#define T_XN (1ULL << 60)
#define T_AP0 (1ULL << 61)
#define T_AP1 (1ULL << 62)

/* Register fields. */
#define SCTLR_M 1ULL
#define SCTLR_WXN (1ULL << 19)
#define SCTLR_EE (1ULL << 25)
#define TCR_T0SZ(n) ((uint64_t)(n))
#define TCR_EPD0 (1ULL << 7)
#define TCR_TG0_4K (0ULL << 14)
#define TCR_TG0_64K (1ULL << 14)
#define TCR_TG0_16K (2ULL << 14)
#define TCR_TG0_RES (3ULL << 14)
#define TCR2_PS(n) ((uint64_t)(n) << 16)
#define TCR2_TBI (1ULL << 20)
#define TCR2_HPD (1ULL << 24)
#define TCR_T1SZ(n) ((uint64_t)(n) << 16)
#define TCR_EPD1 (1ULL << 23)
#define TCR_TG1_RES (0ULL << 30)
#define TCR_TG1_16K (1ULL << 30)
#define TCR_TG1_4K (2ULL << 30)
#define TCR_TG1_64K (3ULL << 30)
#define TCR_IPS(n) ((uint64_t)(n) << 32)
#define TCR_TBI0 (1ULL << 37)
#define TCR_TBI1 (1ULL << 38)
#define TCR_HPD0 (1ULL << 41)
#define TCR_HPD1 (1ULL << 42)
#define TCR_DS (1ULL << 59)

#define MAIR_NORMAL 0xFFULL /* index 0: Normal WB */
#define MAIR_DEVICE 0x04ULL /* index 1: Device-nGnRE */
#define MAIR_NC 0x44ULL     /* index 2: Normal non-cacheable */
#define MAIR_VAL (MAIR_NORMAL | (MAIR_DEVICE << 8) | (MAIR_NC << 16))

/* Target pages: any PA works (the walk never reads the page itself). */
#define OUT_PA 0x40000000ULL

/*
 * Table builder state. The test states the geometry (granule, input size
 * and the start level the Arm ARM gives for it); the builder follows it.
 */
struct tb {
	unsigned gshift;
	unsigned ia_bits;
	int start;
	uint64_t root;
	uint64_t next_free;
	uint64_t tbl_bits; /* ORed into every table descriptor it creates */
	bool be;           /* store descriptors big-endian */
};

extern struct tb tb;
extern unsigned fake_reads; /* descriptor reads of the last xlate() */

enum mmu_read_status fake_read(void *ctx, uint64_t pa, uint64_t *desc);
void tb_init(unsigned gshift, unsigned ia_bits, int start);
uint64_t tb_alloc(void);
uint64_t tb_get(uint64_t pa);
void tb_put(uint64_t pa, uint64_t v);
/* PA of the descriptor for @va at @level, creating tables above it. */
uint64_t tb_desc_pa(uint64_t va, int level);
void tb_map(uint64_t va, int level, uint64_t desc);
uint64_t tb_page(uint64_t pa);  /* valid page, AF, AttrIndx 0, full access */
uint64_t tb_block(uint64_t pa); /* valid block, AF, AttrIndx 0, full access */
struct mmu_cfg el2_cfg(void);   /* EL2 regime, 4K, 48-bit VA/PA, MMU on, TTBR0 = root */
struct mmu_cfg el10_cfg(void);  /* EL1&0, 4K both halves, 48-bit, both TTBRs = root */
/* Translates with every result field poisoned first. */
struct mmu_result xlate(const struct mmu_cfg *c, uint64_t va, enum mmu_access acc);
void assert_fault(const struct mmu_result *r, enum mmu_fault f, int level);

#endif /* MMU_FAKE_H */
