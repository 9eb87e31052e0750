/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tt_build: builds VMSAv8-64 stage-1 translation tables for tests (Arm ARM
 * D8.3 descriptor formats), in memory the caller owns.
 *
 * The caller supplies the physical pages the tables may use (in any order:
 * DRAM, a flash-like region, a delegated granule...) and a callback that
 * writes one 64-bit descriptor at a PA. Tables are taken from the list in
 * order, the root first. Typical use:
 *
 *	uint64_t pages[] = { 0x80000000, 0x80001000, 0x80002000, 0x80003000 };
 *	struct tt_cfg c = { .granule_shift = 12, .txsz = 16, .pages = pages,
 *			    .npages = 4, .write = my_write, .ctx = &mem };
 *	struct tt_map m[] = {
 *		{ .va = 0x40000000, .pa = 0x80000000, .level = 3,
 *		  .attrs = TT_AF | TT_AP_RO | TT_ATTRIDX(1) },
 *	};
 *	uint64_t ttbr;
 *	if (tt_build(&c, m, 1, &ttbr) != 0) ... ;   // TTBR0_EL2 = ttbr
 *
 * Descriptor bits are the same in every regime (EL2: TT_UXN is XN, bit 54);
 * for a TTBR1 half pass VAs with the top bits set: only bits [ia-1:0] index.
 */
#ifndef TT_BUILD_H
#define TT_BUILD_H

#include <stdbool.h>
#include <stdint.h>

/* Leaf and table descriptor attribute bits (Arm ARM D8.3). */
#define TT_ATTRIDX(n) ((uint64_t)((n) & 7) << 2)
#define TT_NS (1ULL << 5)
#define TT_AP_EL0 (1ULL << 6)  /* AP[1]: EL0 access (EL2&0, EL1&0) */
#define TT_AP_RO (1ULL << 7)   /* AP[2]: read-only */
#define TT_SH_INNER (3ULL << 8)
#define TT_AF (1ULL << 10)
#define TT_NG (1ULL << 11)
#define TT_CONTIG (1ULL << 52)
#define TT_PXN (1ULL << 53)
#define TT_UXN (1ULL << 54)    /* XN in the EL2 regime */
/* Table descriptor bits (hierarchical attributes). */
#define TT_PXN_TABLE (1ULL << 59)
#define TT_UXN_TABLE (1ULL << 60) /* XNTable in the EL2 regime */
#define TT_AP_TABLE_NO_EL0 (1ULL << 61)
#define TT_AP_TABLE_RO (1ULL << 62)

struct tt_cfg {
	unsigned granule_shift; /* 12 (4K), 14 (16K) or 16 (64K) */
	unsigned txsz;          /* effective TnSZ (16..39): fixes the start level */
	const uint64_t *pages;  /* granule-aligned table pages, used in order, root first */
	unsigned npages;
	/* Stores @desc (as a little-endian value) at @pa; returns 0 or -1. */
	int (*write)(void *ctx, uint64_t pa, uint64_t desc);
	/* Optional: zeroes @len bytes at @pa (else the builder writes zero descriptors). */
	int (*zero)(void *ctx, uint64_t pa, uint64_t len);
	void *ctx;
	bool big_endian;        /* SCTLR.EE = 1: descriptors passed to @write byte-swapped */
};

struct tt_map {
	uint64_t va, pa;        /* aligned to the mapping's size */
	int level;              /* leaf level: 3 = page, else a block (4K: 1, 2; 16K/64K: 2) */
	uint64_t attrs;         /* TT_* leaf bits (add TT_AF for an accessible mapping) */
	uint64_t table_attrs;   /* TT_*_TABLE bits ORed into every table descriptor on the path */
	unsigned count;         /* consecutive entries (0 = 1), e.g. 16 for a contiguous 4K run */
};

/* Descriptors written so far (the builder never reads memory back). */
#define TT_MAX_ENTRIES 8192

/* A builder in progress (fields private to tt_build.c; about 200 KiB: make it static). */
struct tt_builder {
	struct tt_cfg cfg;
	unsigned used;          /* pages taken from cfg.pages */
	int start_level;
	uint64_t root;
	unsigned nent;
	struct {
		uint64_t pa;    /* descriptor address */
		uint64_t next;  /* next-level table, or 0 for a leaf or raw descriptor */
		uint64_t tattrs; /* TT_*_TABLE bits written in a table descriptor */
	} ent[TT_MAX_ENTRIES];
};

/* Start level of a walk for this granule and TnSZ (AArch64.S1StartLevel). */
int tt_start_level(unsigned granule_shift, unsigned txsz);

/* Bytes of the start-level table (the TTBR alignment). */
uint64_t tt_root_size(unsigned granule_shift, unsigned txsz);

/* Takes and zeroes the root table. 0, or -1 (no page, bad granule/txsz, write failed). */
int tt_init(struct tt_builder *b, const struct tt_cfg *cfg);

/*
 * Adds a mapping: creates missing tables (next pages of the list), then
 * writes count leaf descriptors. -1 if a table is needed where a leaf or a
 * raw descriptor already sits, the level cannot hold a leaf for this
 * granule, the VA/PA is unaligned, or pages run out.
 */
int tt_add(struct tt_builder *b, const struct tt_map *m);

/*
 * Writes a raw @desc at @level for @va (tables above are created as
 * needed): invalid, reserved or malformed descriptors for fault tests.
 */
int tt_set_raw(struct tt_builder *b, uint64_t va, int level, uint64_t desc);

/* The PA of the descriptor for @va at @level (-1ULL if no table reaches it). */
uint64_t tt_entry_pa(struct tt_builder *b, uint64_t va, int level);

/* The TTBR value (root table address; ASID 0, CnP 0). */
uint64_t tt_ttbr(const struct tt_builder *b);

/* One call: tt_init + tt_add of every mapping; *ttbr on success. 0 or -1 (not reentrant). */
int tt_build(const struct tt_cfg *cfg, const struct tt_map *maps, unsigned n, uint64_t *ttbr);

/* The contiguous run length (entries) for a granule and leaf level (Arm ARM D8.6.1). */
unsigned tt_contig_entries(unsigned granule_shift, int level);

#endif /* TT_BUILD_H */
