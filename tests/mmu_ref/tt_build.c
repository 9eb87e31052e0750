/* SPDX-License-Identifier: BSD-3-Clause */
/* Translation-table builder for tests (tt_build.h). */
#include <string.h>

#include "tt_build.h"

static bool tt_granule_ok(unsigned g)
{
	return g == 12 || g == 14 || g == 16;
}

/* Bits one level resolves, and the shift of a level's entries. */
static unsigned tt_stride(unsigned g)
{
	return g - 3;
}

static unsigned tt_level_shift(unsigned g, int level)
{
	return g + (unsigned)(3 - level) * tt_stride(g);
}

int tt_start_level(unsigned granule_shift, unsigned txsz)
{
	unsigned ia = 64 - txsz;
	int level = 3;

	/* Go up while the levels below do not cover the input size. */
	while (tt_level_shift(granule_shift, level) + tt_stride(granule_shift) < ia) {
		level--;
	}
	return level;
}

uint64_t tt_root_size(unsigned granule_shift, unsigned txsz)
{
	int sl = tt_start_level(granule_shift, txsz);
	unsigned bits = 64 - txsz - tt_level_shift(granule_shift, sl);

	return 8ULL << bits;
}

unsigned tt_contig_entries(unsigned granule_shift, int level)
{
	if (granule_shift == 14) {
		return level == 3 ? 128 : 32;
	}
	if (granule_shift == 16) {
		return 32;
	}
	return 16;
}

static uint64_t tt_swap(const struct tt_builder *b, uint64_t d)
{
	return b->cfg.big_endian ? __builtin_bswap64(d) : d;
}

static int tt_zero_table(struct tt_builder *b, uint64_t pa, uint64_t len)
{
	if (b->cfg.zero != NULL) {
		return b->cfg.zero(b->cfg.ctx, pa, len);
	}
	for (uint64_t off = 0; off < len; off += 8) {
		if (b->cfg.write(b->cfg.ctx, pa + off, 0) != 0) {
			return -1;
		}
	}
	return 0;
}

static int tt_new_table(struct tt_builder *b, uint64_t len, uint64_t *pa)
{
	if (b->used >= b->cfg.npages) {
		return -1;
	}
	*pa = b->cfg.pages[b->used++];
	if ((*pa & ((1ULL << b->cfg.granule_shift) - 1)) != 0) {
		return -1;
	}
	return tt_zero_table(b, *pa, len);
}

int tt_init(struct tt_builder *b, const struct tt_cfg *cfg)
{
	memset(b, 0, sizeof(*b));
	if (cfg == NULL || !tt_granule_ok(cfg->granule_shift) || cfg->txsz < 16 || cfg->txsz > 39 ||
	    cfg->write == NULL) {
		return -1;
	}
	b->cfg = *cfg;
	b->start_level = tt_start_level(cfg->granule_shift, cfg->txsz);
	return tt_new_table(b, tt_root_size(cfg->granule_shift, cfg->txsz), &b->root);
}

/* The record of the descriptor at @pa, or NULL. */
static int tt_find(const struct tt_builder *b, uint64_t pa)
{
	for (unsigned i = 0; i < b->nent; i++) {
		if (b->ent[i].pa == pa) {
			return (int)i;
		}
	}
	return -1;
}

static int tt_record(struct tt_builder *b, uint64_t pa, uint64_t next)
{
	int i = tt_find(b, pa);

	if (i < 0) {
		if (b->nent >= TT_MAX_ENTRIES) {
			return -1;
		}
		i = (int)b->nent++;
	}
	b->ent[i].pa = pa;
	b->ent[i].next = next;
	b->ent[i].tattrs = 0;
	return 0;
}

static uint64_t tt_index(const struct tt_builder *b, uint64_t va, int level)
{
	unsigned g = b->cfg.granule_shift, shift = tt_level_shift(g, level);
	unsigned bits = level == b->start_level ? 64 - b->cfg.txsz - shift : tt_stride(g);

	return (va >> shift) & ((1ULL << bits) - 1);
}

/*
 * The table that holds @va's descriptor at @level, creating tables on the
 * way (@create) and ORing @tattrs into each table descriptor crossed.
 */
static int tt_table_for(struct tt_builder *b, uint64_t va, int level, bool create,
			uint64_t tattrs, uint64_t *table)
{
	uint64_t t = b->root;

	if (level < b->start_level || level > 3) {
		return -1;
	}
	for (int l = b->start_level; l < level; l++) {
		uint64_t dpa = t + tt_index(b, va, l) * 8;
		int i = tt_find(b, dpa);
		uint64_t next;

		if (i >= 0 && b->ent[i].next == 0) {
			return -1; /* a leaf or raw descriptor is in the way */
		}
		if (i < 0) {
			if (!create || tt_new_table(b, 1ULL << b->cfg.granule_shift, &next) != 0 ||
			    tt_record(b, dpa, next) != 0) {
				return -1;
			}
		} else {
			next = b->ent[i].next;
		}
		if (create && (i < 0 || (b->ent[i].tattrs | tattrs) != b->ent[i].tattrs)) {
			i = tt_find(b, dpa);
			b->ent[i].tattrs |= tattrs;
			if (b->cfg.write(b->cfg.ctx, dpa, tt_swap(b, next | b->ent[i].tattrs | 3)) != 0) {
				return -1;
			}
		}
		t = next;
	}
	*table = t;
	return 0;
}

static bool tt_leaf_ok(unsigned g, int level)
{
	return level == 3 || level == 2 || (g == 12 && level == 1);
}

int tt_add(struct tt_builder *b, const struct tt_map *m)
{
	unsigned g = b->cfg.granule_shift, n = m->count == 0 ? 1 : m->count;
	uint64_t size, table;

	if (!tt_leaf_ok(g, m->level) || m->level < b->start_level) {
		return -1;
	}
	size = 1ULL << tt_level_shift(g, m->level);
	if (((m->va | m->pa) & (size - 1)) != 0) {
		return -1;
	}
	for (unsigned k = 0; k < n; k++) {
		uint64_t va = m->va + k * size, pa = m->pa + k * size, dpa;
		uint64_t desc = (pa & 0x0000FFFFFFFFF000ULL) | m->attrs | (m->level == 3 ? 3 : 1);

		if (tt_table_for(b, va, m->level, true, m->table_attrs, &table) != 0) {
			return -1;
		}
		dpa = table + tt_index(b, va, m->level) * 8;
		if (tt_find(b, dpa) >= 0 || tt_record(b, dpa, 0) != 0 ||
		    b->cfg.write(b->cfg.ctx, dpa, tt_swap(b, desc)) != 0) {
			return -1;
		}
	}
	return 0;
}

int tt_set_raw(struct tt_builder *b, uint64_t va, int level, uint64_t desc)
{
	uint64_t table, dpa;
	int i;

	if (tt_table_for(b, va, level, true, 0, &table) != 0) {
		return -1;
	}
	dpa = table + tt_index(b, va, level) * 8;
	i = tt_find(b, dpa);
	if (i >= 0 && b->ent[i].next != 0) {
		/* Overwriting a table descriptor: forget the subtree link (it is unreachable). */
		b->ent[i].next = 0;
	} else if (tt_record(b, dpa, 0) != 0) {
		return -1;
	}
	return b->cfg.write(b->cfg.ctx, dpa, tt_swap(b, desc));
}

uint64_t tt_entry_pa(struct tt_builder *b, uint64_t va, int level)
{
	uint64_t table;

	if (tt_table_for(b, va, level, false, 0, &table) != 0) {
		return ~0ULL;
	}
	return table + tt_index(b, va, level) * 8;
}

uint64_t tt_ttbr(const struct tt_builder *b)
{
	return b->root;
}

int tt_build(const struct tt_cfg *cfg, const struct tt_map *maps, unsigned n, uint64_t *ttbr)
{
	static struct tt_builder b; /* large: not on the caller's stack */

	if (tt_init(&b, cfg) != 0) {
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		if (tt_add(&b, &maps[i]) != 0) {
			return -1;
		}
	}
	*ttbr = tt_ttbr(&b);
	return 0;
}
