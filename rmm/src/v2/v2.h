/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI 2.0 personality of the RMM (../shared/den0137-2.0/, docs/rmi-2.0.md):
 * FIDs and encodings (abi.md, structures.md), the per-instance negotiated
 * ABI and RMM global state (states.md §1), and the Stateful RMI Operation
 * (SRO) contexts (structures.md §6, states.md §5).
 *
 * The 2.0 handlers live in this folder beside the 1.0 ones and reuse the
 * shared machinery (granules, RTT walks, measurement, GPT through the
 * platform, attestation). Locking order: the SRO pool lock is taken
 * alone, never while a granule lock is held, except in sro_reserve()
 * (pool lock only, no granule touched).
 */
#ifndef RMM_V2_H
#define RMM_V2_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "rmi_handlers.h"

/* Versions (abi.md §5): (major << 16) | minor. */
#define RMI2_ABI_VERSION_1_0 0x10000ULL
#define RMI2_ABI_VERSION_2_0 0x20000ULL

/* FIDs of the commands a 2.0 host uses (abi.md §3). */
#define RMI2_FID(fnum) (0xC4000000ULL | (fnum))
#define RMI2_VERSION RMI2_FID(0x150)
#define RMI2_RTT_DATA_MAP_INIT RMI2_FID(0x153)
#define RMI2_REALM_ACTIVATE RMI2_FID(0x157)
#define RMI2_REALM_CREATE RMI2_FID(0x158)
#define RMI2_REALM_DESTROY RMI2_FID(0x159)
#define RMI2_REC_CREATE RMI2_FID(0x15A)
#define RMI2_REC_DESTROY RMI2_FID(0x15B)
#define RMI2_REC_ENTER RMI2_FID(0x15C)
#define RMI2_RTT_CREATE RMI2_FID(0x15D)
#define RMI2_RTT_DESTROY RMI2_FID(0x15E)
#define RMI2_RTT_READ_ENTRY RMI2_FID(0x161)
#define RMI2_PSCI_COMPLETE RMI2_FID(0x164)
#define RMI2_FEATURES RMI2_FID(0x165)
#define RMI2_RTT_FOLD RMI2_FID(0x166)
#define RMI2_RTT_INIT_RIPAS RMI2_FID(0x168)
#define RMI2_RTT_SET_RIPAS RMI2_FID(0x169)
#define RMI2_RMM_CONFIG_SET RMI2_FID(0x16E)
#define RMI2_GRANULE_TRACKING_GET RMI2_FID(0x1E1)
#define RMI2_GRANULE_TRACKING_SET RMI2_FID(0x1E3)
#define RMI2_RMM_CONFIG_GET RMI2_FID(0x1EC)
#define RMI2_RMM_STATE_GET RMI2_FID(0x1EE)
#define RMI2_GRANULE_RANGE_DELEGATE RMI2_FID(0x1F1)
#define RMI2_GRANULE_RANGE_UNDELEGATE RMI2_FID(0x1F2)
#define RMI2_GPT_L1_CREATE RMI2_FID(0x1F3)
#define RMI2_GPT_L1_DESTROY RMI2_FID(0x1F4)
#define RMI2_RTT_DATA_MAP RMI2_FID(0x1F5)
#define RMI2_RTT_DATA_UNMAP RMI2_FID(0x1F6)
#define RMI2_RTT_UNPROT_MAP RMI2_FID(0x1FB)
#define RMI2_RTT_UNPROT_UNMAP RMI2_FID(0x1FC)
#define RMI2_REALM_TERMINATE RMI2_FID(0x201)
#define RMI2_RMM_ACTIVATE RMI2_FID(0x202)
#define RMI2_OP_CONTINUE RMI2_FID(0x203)
#define RMI2_OP_MEM_DONATE RMI2_FID(0x208)
#define RMI2_OP_MEM_RECLAIM RMI2_FID(0x209)
#define RMI2_OP_CANCEL RMI2_FID(0x20A)
#define RMI2_RMM_DEACTIVATE RMI2_FID(0x20F)
#define RMI2_GPT_INFO RMI2_FID(0x211)
#define RMI2_FNUM_FIRST 0x150U
#define RMI2_FNUM_LAST 0x211U

/* Status codes 0..16 (abi.md §6). */
enum rmi2_status {
	RMI2_SUCCESS = 0,
	RMI2_ERROR_INPUT = 1,
	RMI2_ERROR_REALM = 2,
	RMI2_ERROR_REC = 3,
	RMI2_ERROR_RTT = 4,
	RMI2_ERROR_NOT_SUPPORTED = 5,
	RMI2_ERROR_DEVICE = 6,
	RMI2_ERROR_RTT_AUX = 7,
	RMI2_ERROR_PSMMU_ST = 8,
	RMI2_ERROR_DPT = 9,
	RMI2_BUSY = 10,
	RMI2_ERROR_GLOBAL = 11,
	RMI2_ERROR_TRACKING = 12,
	RMI2_INCOMPLETE = 13,
	RMI2_BLOCKED = 14,
	RMI2_ERROR_GPT = 15,
	RMI2_ERROR_GRANULE = 16,
};

/* RmiResultDataIncomplete in bits[15:8] of an INCOMPLETE X0 (abi.md §6). */
enum rmi2_memreq {
	RMI2_MEMREQ_NONE = 0,
	RMI2_MEMREQ_DONATE = 1,
	RMI2_MEMREQ_RECLAIM = 2,
};

static inline uint64_t rmi2_incomplete(enum rmi2_memreq req, bool can_cancel)
{
	return rmi_pack(RMI2_INCOMPLETE, (unsigned)req | (can_cancel ? 4U : 0U));
}

/* Address-range descriptor (structures.md §5, 4 KB granule). */
#define RDESC_SZ_MASK 0x3ULL
#define RDESC_CNT_SHIFT 2U
#define RDESC_CNT_MASK 0x3FFULL
#define RDESC_ADDR_MASK 0x000FFFFFFFFFF000ULL
#define RDESC_ST_SHIFT 62U /* bits[63:62] (bet3); TF-RMM uses bit 63 alone */
#define RDESC_ST_DELEGATED 0U
#define RDESC_ST_UNDELEGATED 1U

/* Block size in bytes of descriptor size code @sz (0 = L3 page .. 3 = L0 block). */
static inline uint64_t rdesc_block_size(unsigned sz)
{
	return 1ULL << (12U + 9U * (3U - sz));
}

/*
 * CHOICE(desc-state-2bit): the state is read as bits[63:62] so that both
 * encodings decode: TF-RMM's 1-bit UNDELEGATED (bit 63) reads 2, bet3's
 * UNDELEGATED (bit 62) reads 1; DELEGATED is 0 in both. Values 1, 2 and 3
 * are all "not DELEGATED".
 */
static inline unsigned rdesc_state(uint64_t d)
{
	return (unsigned)(d >> RDESC_ST_SHIFT);
}

static inline uint64_t rdesc_make(pa_t addr, unsigned count, unsigned sz)
{
	return (addr & RDESC_ADDR_MASK) | ((uint64_t)count << RDESC_CNT_SHIFT) | sz;
}

/* RMM global state (states.md §1). */
enum rmm_v2_global {
	RMM_V2_INIT = 0,
	RMM_V2_ACTIVE = 1,
};

/* Which operation an SRO context carries on. */
enum sro_op {
	SRO_OP_NONE = 0,
	SRO_OP_REC_CREATE = 1,
	SRO_OP_REC_DESTROY = 2,
};

enum sro_state {
	SRO_FREE = 0,
	SRO_SEALED = 1,
};

#define SRO_NUM_CONTEXTS 32U
#define SRO_MAX_GRANULES 16U

/*
 * A sealed SRO: the operation, the FID the host must call next, what it
 * holds (donated granules) and the stored terminal result.
 */
struct sro_ctx {
	enum sro_state state;
	enum sro_op op;
	uint64_t expect_fid;          /* RMI2_OP_MEM_DONATE, _RECLAIM or _CONTINUE */
	bool can_cancel;
	pa_t rd;
	pa_t obj;                     /* the REC granule (PARTIAL) */
	pa_t params;
	pa_t granules[SRO_MAX_GRANULES]; /* donated aux granules (REC_AUX) */
	unsigned ngranules;
	unsigned needed;              /* granules the operation needs in all */
	unsigned reclaimed;           /* granules handed back by OP_MEM_RECLAIM */
	uint64_t final_status;        /* X0 to return once the reclaim is over */
	bool done;                    /* set by a callback on a terminal result */
};

struct rmm_v2 {
	_Atomic uint64_t abi;          /* selected: RMI2_ABI_VERSION_1_0 or _2_0 */
	_Atomic unsigned global;       /* enum rmm_v2_global */
	_Atomic uint64_t realm_serial; /* realms created, for instance IDs (v2_realm.c) */
	atomic_flag sro_lock;
	struct sro_ctx sro[SRO_NUM_CONTEXTS];
};

int rmm_v2_init(struct rmm *rmm);
void rmm_v2_fini(struct rmm *rmm);
/* Back to the state rmm_v2_init left (fuzzing's rmm_reset_granules). */
void rmm_v2_reset(struct rmm *rmm);
/* FNV-1a of the 2.0 state (ABI, global state, SRO contexts) continued from @h. */
uint64_t rmm_v2_digest(const struct rmm *rmm, uint64_t h);

/*
 * Chooses the handler of @fid for the host's current ABI. Returns true
 * when the 2.0 personality decides (then *fn is the handler, NULL for
 * SMC_UNKNOWN); false to let the 1.0 table decide.
 */
bool rmm_v2_route(struct rmm *rmm, uint64_t fid, rmi_handler_fn *fn);

/* SRO pool (v2_sro.c). */
struct sro_ctx *sro_alloc(struct rmm *rmm, unsigned *handle, uint64_t *err);
struct sro_ctx *sro_get(struct rmm *rmm, uint64_t handle);
void sro_seal(struct rmm *rmm, struct sro_ctx *c);
/*
 * Step 1 of the range commands that may yield (DATA_MAP, DATA_UNMAP,
 * UNPROT_UNMAP): a context must be reservable (else BUSY / BLOCKED in
 * *err). They never yield here (CHOICE(map-no-yield)), so it is released
 * at once.
 */
bool sro_reserve_probe(struct rmm *rmm, uint64_t *err);
void sro_free(struct rmm *rmm, struct sro_ctx *c);

/* Operation callbacks (v2_rec.c). */
void rec_create_donate(struct rmm *rmm, struct sro_ctx *c, const pa_t *pas, unsigned n,
		       struct rmi_result *res);
void rec_create_continue(struct rmm *rmm, struct sro_ctx *c, unsigned handle,
			 struct rmi_result *res);
void rec_destroy_continue(struct rmm *rmm, struct sro_ctx *c, struct rmi_result *res);

/* First free VMID (>= 1) reserved for a new realm; false when exhausted. */
bool rmm_v2_vmid_alloc(struct rmm *rmm, unsigned *vmid);

RMI_HANDLER(smc2_version);
RMI_HANDLER(smc2_features);
RMI_HANDLER(smc2_rmm_config_set);
RMI_HANDLER(smc2_rmm_config_get);
RMI_HANDLER(smc2_rmm_activate);
RMI_HANDLER(smc2_rmm_deactivate);
RMI_HANDLER(smc2_rmm_state_get);
RMI_HANDLER(smc2_granule_tracking_get);
RMI_HANDLER(smc2_granule_tracking_set);
RMI_HANDLER(smc2_gpt_l1_create);
RMI_HANDLER(smc2_gpt_l1_destroy);
RMI_HANDLER(smc2_gpt_info);
RMI_HANDLER(smc2_granule_range_delegate);
RMI_HANDLER(smc2_granule_range_undelegate);
RMI_HANDLER(smc2_realm_create);
RMI_HANDLER(smc2_realm_terminate);
RMI_HANDLER(smc2_realm_destroy);
RMI_HANDLER(smc2_rec_create);
RMI_HANDLER(smc2_rec_destroy);
RMI_HANDLER(smc2_rec_enter);
RMI_HANDLER(smc2_psci_complete);
RMI_HANDLER(smc2_rtt_data_map_init);
RMI_HANDLER(smc2_rtt_data_map);
RMI_HANDLER(smc2_rtt_data_unmap);
RMI_HANDLER(smc2_rtt_unprot_map);
RMI_HANDLER(smc2_rtt_unprot_unmap);
RMI_HANDLER(smc2_rtt_init_ripas);
RMI_HANDLER(smc2_op_continue);
RMI_HANDLER(smc2_op_mem_donate);
RMI_HANDLER(smc2_op_mem_reclaim);
RMI_HANDLER(smc2_op_cancel);
RMI_HANDLER(smc2_not_supported);

#endif /* RMM_V2_H */
