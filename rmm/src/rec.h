/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Realm Execution Context, stored in the REC granule's own memory
 * (zero when created). states.md §3. RUNNING is modelled as in TF-RMM:
 * the REC granule's refcount is 1 while REC_ENTER runs it.
 */
#ifndef RMM_REC_H
#define RMM_REC_H

#include <stdbool.h>
#include <stdint.h>

#include "rmm_private.h"

#define REC_NUM_GPRS 31U
#define REC_MAX_AUX 16U

struct rec_regs {
	uint64_t x[REC_NUM_GPRS];
	uint64_t pc;
	uint64_t pstate;
	uint64_t sp_el0;
	uint64_t sp_el1;
};

/* Pending RIPAS change recorded by RSI_IPA_STATE_SET (states.md §3). */
struct rec_set_ripas {
	bool pending;
	uint8_t value;           /* RMI_EMPTY / RMI_RAM */
	bool change_destroyed;
	ipa_t base;
	ipa_t top;
	ipa_t addr;              /* progress: next address to change */
};

struct rec_psci {
	bool pending;            /* CPU_ON / AFFINITY_INFO waiting for PSCI_COMPLETE */
	uint64_t fid;
	uint64_t target_mpidr;   /* calling X1 */
	uint64_t entry;          /* CPU_ON X2 */
	uint64_t context_id;     /* CPU_ON X3 */
};

struct rec {
	pa_t owner;              /* PA of the RD */
	uint32_t index;
	uint64_t mpidr;          /* RmiRecMpidr as given */
	bool runnable;
	uint32_t num_aux;
	pa_t aux[REC_MAX_AUX];
	struct rec_regs regs;
	/* EL1 system registers the realm sees (issue: realm execution). */
	uint64_t sctlr_el1;
	uint64_t vmpidr_el2;
	struct rec_psci psci;
	struct rec_set_ripas set_ripas;
	bool host_call_pending;
	bool emulatable_abort;   /* last exit was an emulatable data abort */
	uint64_t last_exit_esr;
	ipa_t last_fault_ipa;
};

_Static_assert(sizeof(struct rec) <= GRANULE_SIZE, "REC must fit its granule");

static inline struct rec *rec_map(struct rmm *rmm, struct granule *g_rec)
{
	return (struct rec *)granule_map(rmm, g_rec);
}

/* RecIndex(mpidr) of structures.md §2. */
static inline uint64_t rec_mpidr_to_index(uint64_t mpidr)
{
	return (mpidr & 0xFU) | (((mpidr >> 8) & 0xFFU) << 4) | (((mpidr >> 16) & 0xFFU) << 12) |
	       (((mpidr >> 24) & 0xFFU) << 20);
}

#endif /* RMM_REC_H */
