/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GPT updates: the boot-time map (gpt_set_range), the EL3 GTSI transitions
 * (gpt_transition), block -> table splits and fault injection.
 *
 * Publication protocol (readers are lock-free, see gpt.h): an L1 table is
 * filled and its host pointer stored before the L0 table descriptor is
 * stored with release; L1 descriptors are replaced whole by one atomic
 * store, so a reader sees either the old or the new 16 GPIs.
 */
#include <errno.h>
#include <stdlib.h>

#include "gpt_private.h"

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield");
#endif
}

void gpt_lock(struct gpt *g, size_t idx)
{
	atomic_flag *l = &g->locks[idx % GPT_LOCK_STRIPES];

	while (atomic_flag_test_and_set_explicit(l, memory_order_acquire))
		cpu_relax();
}

void gpt_unlock(struct gpt *g, size_t idx)
{
	atomic_flag_clear_explicit(&g->locks[idx % GPT_LOCK_STRIPES], memory_order_release);
}

static void l1_fill(struct gpt *g, size_t idx, size_t first, size_t count,
		    enum gpt_gpi gpi)
{
	uint64_t v = gpt_l1_fill(gpi);
	size_t d;

	for (d = first; d < first + count; d++)
		atomic_store_explicit(&g->l1[idx][d], v, memory_order_relaxed);
}

int gpt_split_locked(struct gpt *g, size_t idx)
{
	uint64_t desc = gpt_l0_load(g, idx, memory_order_relaxed);
	enum gpt_gpi gpi;

	if (gpt_l0_is_table(desc))
		return 0;
	/* Only our own code or gpt_inject_l0_desc() writes L0: block or invalid. */
	gpi = gpt_l0_is_block(desc) ? gpt_l0_block_gpi(desc) : GPT_GPI_NO_ACCESS;
	if (g->l1[idx] == NULL) {
		size_t end = __atomic_load_n(&g->l1_end, __ATOMIC_RELAXED);

		g->l1[idx] = calloc(g->l1_desc_count, sizeof(*g->l1[idx]));
		if (g->l1[idx] == NULL)
			return -ENOMEM;
		/* Splits of other L0 entries may run at once (other lock stripes). */
		while (end < idx + 1U &&
		       !__atomic_compare_exchange_n(&g->l1_end, &end, idx + 1U, false,
						    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			;
	}
	/*
	 * A retained table may still be read by a reader that saw the old
	 * table descriptor; refilling it is as benign as any racing update.
	 */
	l1_fill(g, idx, 0, g->l1_desc_count, gpi);
	gpt_l0_store(g, idx, gpt_l0_table_encode(gpt_l1_table_pa(g, idx)), memory_order_release);
	return 0;
}

/* Sets [base, end) inside L0 entry @idx to @gpi. Caller holds the lock. */
static int set_in_region(struct gpt *g, size_t idx, pa_t base, pa_t end,
			 enum gpt_gpi gpi)
{
	pa_t region = (pa_t)idx << g->region_bits;
	pa_t pa;
	int ret;

	if (base == region && end == region + gpt_region_size(g)) {
		/* Whole region: one block descriptor; any L1 table is retained. */
		gpt_l0_store(g, idx, gpt_l0_block_encode(gpi), memory_order_release);
		return 0;
	}
	ret = gpt_split_locked(g, idx);
	if (ret != 0)
		return ret;
	pa = base;
	while (pa < end) {
		size_t d = (size_t)((pa - region) >> GPT_L1_DESC_SHIFT);
		_Atomic uint64_t *slot = &g->l1[idx][d];

		if ((pa & ((1ULL << GPT_L1_DESC_SHIFT) - 1U)) == 0 &&
		    end - pa >= (1ULL << GPT_L1_DESC_SHIFT)) {
			/* A whole 64 KiB descriptor at once. */
			atomic_store_explicit(slot, gpt_l1_fill(gpi), memory_order_relaxed);
			pa += 1ULL << GPT_L1_DESC_SHIFT;
		} else {
			uint64_t v = atomic_load_explicit(slot, memory_order_relaxed);
			unsigned n = (unsigned)((pa >> GPT_PGS_SHIFT) & 0xFU);

			atomic_store_explicit(slot, gpt_l1_set(v, n, gpi),
					      memory_order_relaxed);
			pa += GRANULE_SIZE;
		}
	}
	return 0;
}

int gpt_set_range(struct gpt *g, pa_t base, uint64_t size, enum gpt_gpi gpi)
{
	pa_t end, pa;

	if ((base & GRANULE_MASK) != 0 || (size & GRANULE_MASK) != 0 || size == 0)
		return -EINVAL;
	if (!gpt_gpi_is_valid((unsigned)gpi))
		return -EINVAL;
	/* base + size must not wrap and must stay within 2^PPS. */
	if (base >> g->pps_bits != 0 || size > (1ULL << g->pps_bits) - base)
		return -EINVAL;

	end = base + size;
	pa = base;
	while (pa < end) {
		size_t idx = (size_t)(pa >> g->region_bits);
		pa_t region_end = ((pa_t)idx + 1U) << g->region_bits;
		pa_t chunk_end = end < region_end ? end : region_end;
		int ret;

		gpt_lock(g, idx);
		ret = set_in_region(g, idx, pa, chunk_end, gpi);
		gpt_unlock(g, idx);
		if (ret != 0)
			return ret;
		pa = chunk_end;
	}
	return 0;
}

/*
 * The GTSI transitions EL3 grants the RMM (TF-A rmmd: SMC_RMM_GTSI_DELEGATE
 * and _UNDELEGATE): NS -> REALM and REALM -> NS, nothing else.
 */
static bool is_gtsi_transition(enum gpt_gpi from, enum gpt_gpi to)
{
	return (from == GPT_GPI_NS && to == GPT_GPI_REALM) ||
	       (from == GPT_GPI_REALM && to == GPT_GPI_NS);
}

int gpt_transition(struct gpt *g, pa_t pa, enum gpt_gpi from, enum gpt_gpi to)
{
	size_t idx, d;
	unsigned n;
	uint64_t v;
	int ret;

	/* Address: granule aligned and inside the PPS. */
	if ((pa & GRANULE_MASK) != 0 || (pa >> g->pps_bits) != 0)
		return -EINVAL;
	/* Pair: only delegate and undelegate exist. */
	if (!is_gtsi_transition(from, to))
		return -EPERM;

	idx = (size_t)(pa >> g->region_bits);
	gpt_lock(g, idx);
	/* Current PAS: must be @from (checked under the lock). */
	if (gpt_get_gpi(g, pa) != from) {
		gpt_unlock(g, idx);
		return -EPERM;
	}
	ret = gpt_split_locked(g, idx);
	if (ret == 0) {
		d = (size_t)((pa & (gpt_region_size(g) - 1U)) >> GPT_L1_DESC_SHIFT);
		n = (unsigned)((pa >> GPT_PGS_SHIFT) & 0xFU);
		v = atomic_load_explicit(&g->l1[idx][d], memory_order_relaxed);
		atomic_store_explicit(&g->l1[idx][d], gpt_l1_set(v, n, to),
				      memory_order_release);
	}
	gpt_unlock(g, idx);
	return ret;
}

int gpt_inject_l0_desc(struct gpt *g, size_t index, uint64_t desc)
{
	if (index >= g->l0_count || gpt_l0_is_table(desc))
		return -EINVAL;
	gpt_lock(g, index);
	gpt_l0_store(g, index, desc, memory_order_release);
	gpt_unlock(g, index);
	return 0;
}

int gpt_inject_l1_desc(struct gpt *g, pa_t pa, uint64_t desc)
{
	size_t idx, d;
	int ret = -EINVAL;

	if ((pa >> g->pps_bits) != 0)
		return -EINVAL;
	idx = (size_t)(pa >> g->region_bits);
	gpt_lock(g, idx);
	if (gpt_l0_is_table(gpt_l0_load(g, idx, memory_order_relaxed))) {
		d = (size_t)((pa & (gpt_region_size(g) - 1U)) >> GPT_L1_DESC_SHIFT);
		atomic_store_explicit(&g->l1[idx][d], desc, memory_order_release);
		ret = 0;
	}
	gpt_unlock(g, idx);
	return ret;
}

/*
 * RMI 2.0 GPT_L1_CREATE / GPT_L1_DESTROY (den0137-2.0 states.md §2): the
 * host asks for the level-1 table of an L0 region, or for the region to go
 * back to one block descriptor. Blocks are still split on demand by
 * gpt_transition(), as the firmware-managed L1 tables of TF-A.
 */
int gpt_l1_create(struct gpt *g, pa_t pa)
{
	size_t idx;
	int ret;

	if ((pa >> g->pps_bits) != 0)
		return -EINVAL;
	idx = (size_t)(pa >> g->region_bits);
	gpt_lock(g, idx);
	if (gpt_l0_is_table(gpt_l0_load(g, idx, memory_order_relaxed)))
		ret = -EEXIST;
	else
		ret = gpt_split_locked(g, idx);
	gpt_unlock(g, idx);
	return ret;
}

int gpt_l1_destroy(struct gpt *g, pa_t pa)
{
	size_t idx;
	uint64_t first;
	int ret = 0;

	if ((pa >> g->pps_bits) != 0)
		return -EINVAL;
	idx = (size_t)(pa >> g->region_bits);
	gpt_lock(g, idx);
	if (!gpt_l0_is_table(gpt_l0_load(g, idx, memory_order_relaxed))) {
		gpt_unlock(g, idx);
		return -ENOENT;
	}
	/* Foldable only if all GPIs of the region are one value. */
	first = atomic_load_explicit(&g->l1[idx][0], memory_order_relaxed);
	if (first != gpt_l1_fill(gpt_l1_get(first, 0)))
		ret = -EBUSY;
	for (size_t d = 1; ret == 0 && d < g->l1_desc_count; d++) {
		if (atomic_load_explicit(&g->l1[idx][d], memory_order_relaxed) != first)
			ret = -EBUSY;
	}
	if (ret == 0) {
		/* The table is retained (gpt.h): lock-free readers may still hold it. */
		gpt_l0_store(g, idx, gpt_l0_block_encode(gpt_l1_get(first, 0)), memory_order_release);
	}
	gpt_unlock(g, idx);
	return ret;
}

int gpt_l1_is_table(const struct gpt *g, pa_t pa)
{
	if ((pa >> g->pps_bits) != 0)
		return -EINVAL;
	return gpt_l0_is_table(gpt_l0_load(g, (size_t)(pa >> g->region_bits),
					   memory_order_acquire)) ? 1 : 0;
}
