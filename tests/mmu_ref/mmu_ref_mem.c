/* SPDX-License-Identifier: BSD-3-Clause */
/* Fake physical memory for walk tests (mmu_ref_mem.h). */
#include <stdlib.h>
#include <string.h>

#include "mmu_ref_mem.h"

int mmu_ref_mem_add(struct mmu_ref_mem *m, uint64_t base, uint64_t size)
{
	uint8_t *p;

	if (m->nregion >= MMU_REF_MEM_REGIONS || size == 0) {
		return -1;
	}
	p = calloc(1, size);
	if (p == NULL) {
		return -1;
	}
	m->region[m->nregion].base = base;
	m->region[m->nregion].size = size;
	m->region[m->nregion].data = p;
	m->nregion++;
	return 0;
}

int mmu_ref_mem_deny(struct mmu_ref_mem *m, uint64_t pa)
{
	if (m->ndenied >= MMU_REF_MEM_DENIED) {
		return -1;
	}
	m->denied[m->ndenied++] = pa & ~0xFFFULL;
	return 0;
}

void mmu_ref_mem_free(struct mmu_ref_mem *m)
{
	for (unsigned i = 0; i < m->nregion; i++) {
		free(m->region[i].data);
	}
	memset(m, 0, sizeof(*m));
}

uint8_t *mmu_ref_mem_ptr(struct mmu_ref_mem *m, uint64_t pa, uint64_t len)
{
	for (unsigned i = 0; i < m->nregion; i++) {
		uint64_t off = pa - m->region[i].base;

		if (pa >= m->region[i].base && off < m->region[i].size &&
		    len <= m->region[i].size - off) {
			return m->region[i].data + off;
		}
	}
	return NULL;
}

bool mmu_ref_mem_denied(const struct mmu_ref_mem *m, uint64_t pa)
{
	for (unsigned i = 0; i < m->ndenied; i++) {
		if (m->denied[i] == (pa & ~0xFFFULL)) {
			return true;
		}
	}
	return false;
}

static uint64_t le64_get(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--) {
		v = (v << 8) | p[i];
	}
	return v;
}

enum mmu_read_status mmu_ref_mem_read(void *ctx, uint64_t pa, uint64_t *desc)
{
	struct mmu_ref_mem *m = ctx;
	uint8_t *p;

	m->reads++;
	if (mmu_ref_mem_denied(m, pa)) {
		return MMU_READ_GPF;
	}
	p = mmu_ref_mem_ptr(m, pa, 8);
	if (p == NULL) {
		return MMU_READ_SEA;
	}
	*desc = le64_get(p);
	return MMU_READ_OK;
}

int mmu_ref_mem_write(void *ctx, uint64_t pa, uint64_t desc)
{
	uint8_t *p = mmu_ref_mem_ptr(ctx, pa, 8);

	if (p == NULL) {
		return 0; /* a hole: the store goes nowhere, as on the bus */
	}
	for (int i = 0; i < 8; i++) {
		p[i] = (uint8_t)(desc >> (8 * i));
	}
	return 0;
}

int mmu_ref_mem_zero(void *ctx, uint64_t pa, uint64_t len)
{
	uint8_t *p = mmu_ref_mem_ptr(ctx, pa, len);

	if (p != NULL) {
		memset(p, 0, len);
	}
	return 0;
}

enum mmu_read_status mmu_ref_mem_gpc(void *ctx, uint64_t pa, enum mmu_access acc)
{
	struct mmu_ref_mem *m = ctx;

	if (mmu_ref_mem_denied(m, pa)) {
		return MMU_READ_GPF;
	}
	return mmu_ref_mem_ptr(m, pa, 1) == NULL ? MMU_READ_SEA : MMU_READ_OK;
}
