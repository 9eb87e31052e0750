/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm's stage 2: one reserved window of the simulator's address space,
 * the size of the IPA space, mapped into Unicorn at IPA 0 (DESIGN.md, "Facts
 * about Debian's Unicorn 2.0.1": one region per engine scales).
 *
 * Window page states:
 *  - mapped:   mmap(MAP_SHARED|MAP_FIXED) of the memfd at the granule's PA,
 *              PROT_READ, plus PROT_WRITE when the stage 2 allows writes;
 *  - unmapped: a private anonymous read-only page (reads as zeros), or,
 *              once a refused store hit it, the engine's sink page
 *              (MAP_SHARED of a one-page memfd, zero between runs).
 * Unmapped pages are readable rather than PROT_NONE because Unicorn reads
 * memory behind the hooks' back (code translation, stage-1 table walks):
 * zeros decode as UDF #0 and as invalid descriptors, so neither can crash
 * the simulator nor reach another PA. Data accesses are checked by the
 * memory hook before they take effect (realm_hooks.c).
 *
 * A store the hook refuses still happens after the hook returns (DESIGN.md):
 * the hook first makes its page "stray" (a private writable copy) so the
 * store lands in a throwaway page; the run loop restores it afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "realm_private.h"

static uint8_t *leaf_of(const struct realm_cpu *rc, uint64_t ipa)
{
	uint64_t i = ipa >> REALM_LEAF_SHIFT;

	return i < rc->num_leaves ? rc->prot_leaf[i] : NULL;
}

unsigned realm_s2_prot(const struct realm_cpu *rc, uint64_t ipa)
{
	const uint8_t *leaf;

	if (ipa >= rc->ipa_size)
		return 0;
	leaf = leaf_of(rc, ipa);
	if (!leaf)
		return 0;
	return leaf[(ipa >> REALM_PAGE_SHIFT) & (REALM_LEAF_PAGES - 1)] & REALM_PROT_RWX;
}

/*
 * Translated code: a page's leaf byte carries REALM_S2_CODE from the first
 * block run from it (the block hook; A64 blocks end at a page boundary)
 * until its code is dropped, so remapping or unmapping a page no block was
 * ever translated from skips uc_ctl_remove_cache, which took a tenth of a
 * realm fuzzer's time (the doorbell store's stray page on every command).
 */
void realm_s2_note_code(struct realm_cpu *rc, uint64_t ipa)
{
	uint64_t i = ipa >> REALM_LEAF_SHIFT;

	if (ipa >= rc->ipa_size)
		return;
	if (!rc->prot_leaf[i]) {
		rc->prot_leaf[i] = calloc(REALM_LEAF_PAGES, 1);
		if (!rc->prot_leaf[i]) {
			rc->code_unknown = true; /* every drop goes ahead from now on */
			return;
		}
	}
	rc->prot_leaf[i][(ipa >> REALM_PAGE_SHIFT) & (REALM_LEAF_PAGES - 1)] |= REALM_S2_CODE;
}

/* Whether code may exist for a page of [ipa, ipa + size); clears the marks (a drop follows). */
static bool take_code(struct realm_cpu *rc, uint64_t ipa, uint64_t size)
{
	bool any = rc->code_unknown;

	for (uint64_t a = ipa; a < ipa + size; a += REALM_CPU_PAGE_SIZE) {
		uint8_t *leaf = leaf_of(rc, a);
		uint8_t *b = leaf ? &leaf[(a >> REALM_PAGE_SHIFT) & (REALM_LEAF_PAGES - 1)] : NULL;

		if (b && (*b & REALM_S2_CODE)) {
			*b &= (uint8_t)~REALM_S2_CODE;
			any = true;
		}
	}
	return any;
}

unsigned realm_cpu_prot(const struct realm_cpu *rc, uint64_t ipa)
{
	return rc ? realm_s2_prot(rc, ipa) : 0;
}

static int set_prot(struct realm_cpu *rc, uint64_t ipa, uint64_t size, unsigned prot)
{
	for (uint64_t a = ipa; a < ipa + size; a += REALM_CPU_PAGE_SIZE) {
		uint64_t i = a >> REALM_LEAF_SHIFT;

		if (!rc->prot_leaf[i]) {
			if (prot == 0)
				continue;
			rc->prot_leaf[i] = calloc(REALM_LEAF_PAGES, 1);
			if (!rc->prot_leaf[i])
				return -ENOMEM;
		}
		rc->prot_leaf[i][(a >> REALM_PAGE_SHIFT) & (REALM_LEAF_PAGES - 1)] = (uint8_t)prot;
	}
	return 0;
}

static int map_zero(struct realm_cpu *rc, uint64_t ipa, uint64_t size)
{
	void *p = mmap(rc->window + ipa, size, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? -errno : 0;
}

static int map_pa(struct realm_cpu *rc, uint64_t ipa, uint64_t off, uint64_t size,
		  unsigned prot, int share)
{
	int mprot = PROT_READ | ((prot & REALM_PROT_W) ? PROT_WRITE : 0);
	void *p = mmap(rc->window + ipa, size, mprot, share | MAP_FIXED, rc->memfd, (off_t)off);

	return p == MAP_FAILED ? -errno : 0;
}

/* memfd offset of [pa, pa + size) when it sits inside one bank. */
static bool pa_to_off(const struct realm_cpu *rc, uint64_t pa, uint64_t size, uint64_t *off)
{
	for (unsigned i = 0; i < rc->num_banks; i++) {
		const struct realm_cpu_bank *b = &rc->banks[i];

		if (pa >= b->pa && size <= b->size && pa - b->pa <= b->size - size) {
			*off = b->memfd_offset + (pa - b->pa);
			return true;
		}
	}
	return false;
}

static bool range_ok(const struct realm_cpu *rc, uint64_t ipa, uint64_t size)
{
	return size != 0 && ipa < rc->ipa_size && size <= rc->ipa_size - ipa;
}

static void drop_code(struct realm_cpu *rc, uint64_t ipa, uint64_t size)
{
	/*
	 * Translated blocks of the old page contents go stale (DESIGN.md):
	 * remove them, never uc_ctl_flush_tlb. The QEMU TLB keeps the host
	 * address of the window page, which the remap has just changed.
	 */
	(void)uc_ctl_remove_cache(rc->uc, ipa, ipa + size);
}

int realm_cpu_map(struct realm_cpu *rc, uint64_t ipa, uint64_t pa, uint64_t size,
		  unsigned prot)
{
	uint64_t off;
	bool code;
	int ret;

	if (!rc || ((ipa | pa | size) & REALM_PAGE_MASK) || prot == 0 ||
	    (prot & ~REALM_PROT_RWX))
		return -EINVAL;
	if (!range_ok(rc, ipa, size) || !pa_to_off(rc, pa, size, &off))
		return -ERANGE;
	code = take_code(rc, ipa, size);
	ret = map_pa(rc, ipa, off, size, prot, MAP_SHARED);
	if (ret == 0)
		ret = set_prot(rc, ipa, size, prot);
	if (ret != 0) {
		/* Leave the range unmapped rather than half mapped. */
		(void)set_prot(rc, ipa, size, 0);
		(void)map_zero(rc, ipa, size);
	}
	if (code)
		drop_code(rc, ipa, size);
	return ret;
}

int realm_cpu_unmap(struct realm_cpu *rc, uint64_t ipa, uint64_t size)
{
	bool code;
	int ret;

	if (!rc || ((ipa | size) & REALM_PAGE_MASK))
		return -EINVAL;
	if (!range_ok(rc, ipa, size))
		return -ERANGE;
	code = take_code(rc, ipa, size);
	(void)set_prot(rc, ipa, size, 0); /* clearing never allocates */
	ret = map_zero(rc, ipa, size);
	if (code)
		drop_code(rc, ipa, size);
	return ret;
}

int realm_cpu_sync_code(struct realm_cpu *rc, uint64_t ipa, uint64_t size)
{
	if (!rc)
		return -EINVAL;
	if (!range_ok(rc, ipa, size))
		return -ERANGE;
	size += ipa & REALM_PAGE_MASK;
	ipa &= ~REALM_PAGE_MASK;
	if (take_code(rc, ipa, size))
		drop_code(rc, ipa, size);
	return 0;
}

static bool realm_s2_sink(const struct realm_cpu *rc, uint64_t page)
{
	const uint8_t *leaf = leaf_of(rc, page);

	return leaf && (leaf[(page >> REALM_PAGE_SHIFT) & (REALM_LEAF_PAGES - 1)] & REALM_S2_SINK);
}

/*
 * Called from the memory hook for a store the stage 2 refuses: back the
 * page with a private writable page so the store cannot reach the memfd.
 * A read-only mapping of a granule is first parked (mremap) in a reserved
 * slot and the window gets a private copy; restore moves it back, so the
 * granule's PA need not be kept per page.
 */
bool realm_s2_make_harmless(struct realm_cpu *rc, uint64_t ipa)
{
	uint64_t page = ipa & ~REALM_PAGE_MASK;
	unsigned n = rc->num_stray;
	uint8_t *slot = rc->park + (uint64_t)n * REALM_CPU_PAGE_SIZE;
	uint8_t *win = rc->window + page;
	void *p;

	if (page >= rc->ipa_size)
		return true; /* outside the window: Unicorn's unmapped hook */
	for (unsigned i = 0; i < n; i++)
		if (rc->stray[i].page == page)
			return true;
	if (n == REALM_MAX_STRAY)
		return false;
	rc->stray[n].page = page;
	rc->stray[n].parked = realm_s2_prot(rc, page) != 0;
	if (!rc->stray[n].parked && rc->sink) {
		/*
		 * An unmapped page (the agent's doorbell on every command): backed
		 * by the sink page, mapped there at its first refused store and
		 * left so; only the sink is cleared after the run (no mmap twice
		 * per refused store). Reads see zeros again before the next run.
		 */
		uint64_t li = page >> REALM_LEAF_SHIFT;
		uint8_t *b;

		if (!rc->prot_leaf[li])
			rc->prot_leaf[li] = calloc(REALM_LEAF_PAGES, 1);
		if (!rc->prot_leaf[li])
			return false;
		b = &rc->prot_leaf[li][(page >> REALM_PAGE_SHIFT) & (REALM_LEAF_PAGES - 1)];
		if (!(*b & REALM_S2_SINK)) {
			p = mmap(win, REALM_CPU_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
				 rc->sink_fd, 0);
			if (p == MAP_FAILED)
				return false;
			*b |= REALM_S2_SINK;
		}
		rc->sink_dirty = true;
		rc->num_stray = n + 1;
		return true;
	}
	if (rc->stray[n].parked) {
		p = mremap(win, REALM_CPU_PAGE_SIZE, REALM_CPU_PAGE_SIZE,
			   MREMAP_MAYMOVE | MREMAP_FIXED, slot);
		if (p == MAP_FAILED)
			return false;
	}
	p = mmap(win, REALM_CPU_PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (p == MAP_FAILED)
		return false;
	if (rc->stray[n].parked)
		memcpy(win, slot, REALM_CPU_PAGE_SIZE);
	rc->num_stray = n + 1;
	return true;
}

/* Put every stray page back to its stage-2 state, after the run stopped. */
void realm_s2_restore_stray(struct realm_cpu *rc)
{
	for (unsigned i = 0; i < rc->num_stray; i++) {
		uint64_t page = rc->stray[i].page;
		uint8_t *slot = rc->park + (uint64_t)i * REALM_CPU_PAGE_SIZE;
		bool code = take_code(rc, page, REALM_CPU_PAGE_SIZE);
		int ret;

		if (!rc->stray[i].parked && realm_s2_sink(rc, page)) {
			ret = 0; /* stays on the sink, cleared below */
		} else if (rc->stray[i].parked) {
			ret = mremap(slot, REALM_CPU_PAGE_SIZE, REALM_CPU_PAGE_SIZE,
				     MREMAP_MAYMOVE | MREMAP_FIXED, rc->window + page) == MAP_FAILED
				      ? -errno : 0;
			/* Keep the slot reserved so nothing else gets mapped there. */
			(void)mmap(slot, REALM_CPU_PAGE_SIZE, PROT_NONE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
		} else {
			ret = map_zero(rc, page, REALM_CPU_PAGE_SIZE);
		}
		if (ret != 0) {
			/* No way back: leave the page unmapped (fails safe). */
			(void)set_prot(rc, page, REALM_CPU_PAGE_SIZE, 0);
			(void)map_zero(rc, page, REALM_CPU_PAGE_SIZE);
		}
		if (code)
			drop_code(rc, page, REALM_CPU_PAGE_SIZE);
	}
	rc->num_stray = 0;
	if (rc->sink_dirty) {
		memset(rc->sink, 0, REALM_CPU_PAGE_SIZE);
		rc->sink_dirty = false;
	}
}

int realm_s2_init(struct realm_cpu *rc, char *err, size_t err_len)
{
	void *w;
	uc_err e;

	w = mmap(NULL, rc->ipa_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
		 0);
	if (w == MAP_FAILED) {
		snprintf(err, err_len, "realm: reserving a %u-bit IPA window: %s", rc->ipa_bits,
			 strerror(errno));
		return -1;
	}
	rc->window = w;
	w = mmap(NULL, REALM_MAX_STRAY * REALM_CPU_PAGE_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (w == MAP_FAILED) {
		snprintf(err, err_len, "realm: reserving parking pages: %s", strerror(errno));
		return -1;
	}
	rc->park = w;
	/* The sink page (make_harmless); without it every refused store maps a page twice. */
	rc->sink_fd = memfd_create("realm-sink", MFD_CLOEXEC);
	if (rc->sink_fd >= 0 && ftruncate(rc->sink_fd, REALM_CPU_PAGE_SIZE) == 0) {
		w = mmap(NULL, REALM_CPU_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, rc->sink_fd, 0);
		rc->sink = w == MAP_FAILED ? NULL : w;
	}
	rc->num_leaves = rc->ipa_size >> REALM_LEAF_SHIFT;
	if (rc->num_leaves == 0)
		rc->num_leaves = 1;
	rc->prot_leaf = calloc(rc->num_leaves, sizeof(*rc->prot_leaf));
	if (!rc->prot_leaf) {
		snprintf(err, err_len, "realm: out of memory");
		return -1;
	}
	e = uc_mem_map_ptr(rc->uc, 0, rc->ipa_size, UC_PROT_ALL, rc->window);
	if (e != UC_ERR_OK) {
		snprintf(err, err_len, "realm: uc_mem_map_ptr: %s", uc_strerror(e));
		return -1;
	}
	return 0;
}

void realm_s2_fini(struct realm_cpu *rc)
{
	if (rc->prot_leaf) {
		for (uint64_t i = 0; i < rc->num_leaves; i++)
			free(rc->prot_leaf[i]);
		free(rc->prot_leaf);
	}
	if (rc->window)
		(void)munmap(rc->window, rc->ipa_size);
	if (rc->park)
		(void)munmap(rc->park, REALM_MAX_STRAY * REALM_CPU_PAGE_SIZE);
	if (rc->sink)
		(void)munmap(rc->sink, REALM_CPU_PAGE_SIZE);
	if (rc->sink_fd >= 0)
		(void)close(rc->sink_fd);
}
