/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu_ref_mem: a fake physical memory for walk tests. A few regions backed
 * by host buffers (DRAM-like or flash-like: both readable by the walk),
 * GPC-denied 4K granules (reads answer MMU_READ_GPF, like a delegated
 * granule), and everything else a hole (MMU_READ_SEA). Its callbacks plug
 * into mmu_translate / mmu_ref_translate (read), tt_build (write, zero) and
 * mmu_ref_check_access (gpc).
 */
#ifndef MMU_REF_MEM_H
#define MMU_REF_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu.h"

#define MMU_REF_MEM_REGIONS 4
#define MMU_REF_MEM_DENIED 64

struct mmu_ref_mem {
	struct {
		uint64_t base, size;
		uint8_t *data;
	} region[MMU_REF_MEM_REGIONS];
	unsigned nregion;
	uint64_t denied[MMU_REF_MEM_DENIED]; /* 4K granule addresses the GPC denies */
	unsigned ndenied;
	unsigned reads;                      /* descriptor reads (for tests) */
};

/* Adds a zeroed region (calloc). 0 or -1. */
int mmu_ref_mem_add(struct mmu_ref_mem *m, uint64_t base, uint64_t size);

/* Marks the 4K granule holding @pa as denied by the GPC. 0 or -1 if full. */
int mmu_ref_mem_deny(struct mmu_ref_mem *m, uint64_t pa);

/* Frees the regions and forgets everything. */
void mmu_ref_mem_free(struct mmu_ref_mem *m);

/* Backing storage of @pa..@pa+len-1 inside one region, or NULL. */
uint8_t *mmu_ref_mem_ptr(struct mmu_ref_mem *m, uint64_t pa, uint64_t len);

bool mmu_ref_mem_denied(const struct mmu_ref_mem *m, uint64_t pa);

/* mmu_read_fn: GPF in a denied granule, SEA outside every region. */
enum mmu_read_status mmu_ref_mem_read(void *ctx, uint64_t pa, uint64_t *desc);

/* tt_cfg.write / tt_cfg.zero: store into the backing (denied granules too: the tables exist). */
int mmu_ref_mem_write(void *ctx, uint64_t pa, uint64_t desc);
int mmu_ref_mem_zero(void *ctx, uint64_t pa, uint64_t len);

/* mmu_ref_gpc_fn: the GPC on an output PA (denied -> GPF, hole -> SEA). */
enum mmu_read_status mmu_ref_mem_gpc(void *ctx, uint64_t pa, enum mmu_access acc);

#endif /* MMU_REF_MEM_H */
