/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gpt internals shared by the table code (gpt.c) and the update code
 * (gpt_update.c): config limits, the striped update locks.
 */
#ifndef GPT_PRIVATE_H
#define GPT_PRIVATE_H

#include "gpt.h"

/* Size in bytes of the PA range of one L0 entry. */
static inline uint64_t gpt_region_size(const struct gpt *g)
{
	return 1ULL << g->region_bits;
}

/* Bytes of one L1 table (what the synthetic L1 PAs are spaced and aligned by). */
static inline uint64_t gpt_l1_table_bytes(const struct gpt *g)
{
	return (uint64_t)g->l1_desc_count * sizeof(uint64_t);
}

/*
 * Update lock of L0 entry @idx. Critical sections are short (one descriptor
 * store, or one table fill on a split), so a spinning atomic_flag is enough.
 * Lock order when several entries are involved: ascending L0 index, one at a
 * time (gpt_set_range never holds two).
 */
void gpt_lock(struct gpt *g, size_t idx);
void gpt_unlock(struct gpt *g, size_t idx);

/*
 * Makes L0 entry @idx a table descriptor, filling a new (or the retained)
 * L1 table with the block's GPI first. Caller holds the entry's lock.
 * No-op if it already is a table. -ENOMEM on allocation failure.
 */
int gpt_split_locked(struct gpt *g, size_t idx);

#endif /* GPT_PRIVATE_H */
