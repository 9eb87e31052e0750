/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A light fake of struct rmm_plat for the RMM unit tests: two DRAM banks
 * on calloc'd memory, a real GPT (gpt/) for the PAS of every granule, GTSI
 * through gpt_transition, NS accesses PAS-checked with gpt_check, and
 * per-event cost counters.
 *
 * Memory map (PA size 48 bits):
 *   FAKE_BANK0_BASE  16 MiB  DRAM, NS; managed by the RMM
 *   FAKE_BANK1_BASE  16 MiB  DRAM, NS except its last 64 KiB (FAKE_SECURE_IN_BANK),
 *                            which the GPT marks Secure; managed by the RMM
 *   FAKE_SECURE_BASE  1 MiB  Secure memory outside the RMM's banks
 *   FAKE_MMIO_BASE    1 MiB  device region (GPT ANY), not managed
 */
#ifndef FAKE_PLAT_H
#define FAKE_PLAT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gpt.h"
#include "rmm.h"

#define FAKE_BANK0_BASE 0x80000000ULL
#define FAKE_BANK1_BASE 0x90000000ULL
#define FAKE_BANK_SIZE (16ULL << 20)
#define FAKE_SECURE_IN_BANK (FAKE_BANK1_BASE + FAKE_BANK_SIZE - 0x10000ULL)
#define FAKE_SECURE_IN_BANK_SIZE 0x10000ULL
#define FAKE_SECURE_BASE 0xA0000000ULL
#define FAKE_SECURE_SIZE (1ULL << 20)
#define FAKE_MMIO_BASE 0x10000000ULL
#define FAKE_MMIO_SIZE (1ULL << 20)
#define FAKE_PA_BITS 48U
#define FAKE_GPT_PPS_BITS 40U

/* RmiFeatureRegister0 of the default platform (structures.md §4). */
#define FAKE_FEAT_S2SZ 48ULL
#define FAKE_FEAT_NUM_BPS 5ULL
#define FAKE_FEAT_NUM_WPS 5ULL
#define FAKE_FEAT_PMU_NUM_CTRS 8ULL
#define FAKE_FEAT_GICV3_NUM_LRS 15ULL
#define FAKE_FEAT_MAX_RECS_ORDER 10ULL
uint64_t fake_feat_reg0(void);

struct fake_plat {
	struct gpt *gpt;
	uint8_t *bank_mem[2];
	struct rmm_config cfg;
	struct rmm_plat plat;
	struct rmm *rmm;
	pthread_mutex_t gpt_lock; /* the GPT module is single-threaded */
	_Atomic uint64_t cost[RMM_COST_COUNT];
	_Atomic uint64_t ns_reads;
	_Atomic uint64_t gtsi_calls;
	pa_t next_alloc;
};

/* A fresh platform and RMM (invariant checks on); NULL on failure. */
struct fake_plat *fake_create(void);
/* Same, with a caller-supplied feature register 0. */
struct fake_plat *fake_create_feat(uint64_t feat_reg0);
/* Same, with the RMI ABI selection (rmm.h enum rmm_rmi_abi; fake_create: 1.0 only). */
struct fake_plat *fake_create_abi(uint64_t feat_reg0, enum rmm_rmi_abi abi);
void fake_destroy(struct fake_plat *f);

/* cmocka fixtures: *state = a fresh struct fake_plat. */
int fake_setup(void **state);
int fake_teardown(void **state);

/* One RMI call through rmm_handle_rmi; returns the result registers. */
struct smc_regs fake_smc(struct fake_plat *f, uint64_t fid, uint64_t a1, uint64_t a2,
			 uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6);
/* X0 of fake_smc (status | index << 8). */
uint64_t fake_rmi(struct fake_plat *f, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		  uint64_t a4, uint64_t a5, uint64_t a6);

/* Raw host pointer to the memory at @pa (bank memory only), NULL elsewhere. */
uint8_t *fake_mem(struct fake_plat *f, pa_t pa);
/* Host (NS world) accesses: fail unless the whole range is NS PAS in one granule. */
bool fake_ns_write(struct fake_plat *f, pa_t pa, const void *src, size_t len);
bool fake_ns_read(struct fake_plat *f, pa_t pa, void *dst, size_t len);
/* GPI of @pa in the fake's GPT. */
enum gpt_gpi fake_gpi(struct fake_plat *f, pa_t pa);
/* Sets the GPI of a range directly (as EL3 at boot, or another agent). */
int fake_set_gpi(struct fake_plat *f, pa_t base, uint64_t size, enum gpt_gpi gpi);

/* Granule state of @pa, RMM_GRANULE_STATE_COUNT if unmanaged. */
enum rmm_granule_state fake_state(struct fake_plat *f, pa_t pa);
/* rmm_check_invariants; prints the message on failure. */
bool fake_invariants_hold(struct fake_plat *f);

/* Simple bump allocator over bank 0 for test granules (NS, UNDELEGATED). */
pa_t fake_alloc(struct fake_plat *f);
/* fake_alloc + GRANULE_DELEGATE; 0 on failure. */
pa_t fake_alloc_delegated(struct fake_plat *f);

#endif /* FAKE_PLAT_H */
