/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 routing: ABI negotiation (RMI_VERSION, abi.md §5), the 2.0
 * handler table over fnum 0x150..0x211, the global-state gate (abi.md §2)
 * and RMI_FEATURES registers 0..4 (abi.md §8).
 */
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "v2.h"

/* Which global state a command needs (abi.md §2). */
enum v2_gate {
	GATE_ACTIVE = 0, /* the default: every other RMI */
	GATE_NONE,       /* VERSION, FEATURES, RMM_CONFIG_GET, GRANULE_TRACKING_GET */
	GATE_INIT,       /* RMM_CONFIG_SET, RMM_ACTIVATE */
};

struct v2_entry {
	rmi_handler_fn fn;
	enum v2_gate gate;
};

#define V2_IDX(fid) ((unsigned)((fid) & 0xFFFFU) - RMI2_FNUM_FIRST)
#define V2_COUNT (RMI2_FNUM_LAST - RMI2_FNUM_FIRST + 1U)
#define E(fid, f) [V2_IDX(fid)] = { (f), GATE_ACTIVE }
#define E_NOGATE(fid, f) [V2_IDX(fid)] = { (f), GATE_NONE }
#define E_INIT(fid, f) [V2_IDX(fid)] = { (f), GATE_INIT }
/* A FID range of a feature this RMM does not implement (DA, planes, SMMU, MEC). */
#define E_NS(first, last) [V2_IDX(RMI2_FID(first)) ... V2_IDX(RMI2_FID(last))] = { smc2_not_supported, GATE_ACTIVE }

static const struct v2_entry v2_table[V2_COUNT] = {
	/*
	 * CHOICE(unimplemented-fids): the device-assignment, planes, SMMU and
	 * MEC commands (abi.md §4) answer RMI_ERROR_NOT_SUPPORTED (after the
	 * gate) rather than SMC_UNKNOWN, and feature registers 2..4 say none
	 * is implemented.
	 */
	E_NS(0x163, 0x163), E_NS(0x16A, 0x16D), E_NS(0x16F, 0x170), E_NS(0x174, 0x178),
	E_NS(0x17A, 0x181), E_NS(0x183, 0x18E), E_NS(0x1D0, 0x1D8), E_NS(0x1DB, 0x1E0),
	E_NS(0x1E4, 0x1EB), E_NS(0x1ED, 0x1ED), E_NS(0x1F0, 0x1F0), E_NS(0x1F7, 0x1FA),
	E_NS(0x1FD, 0x200), E_NS(0x204, 0x207), E_NS(0x20B, 0x20E), E_NS(0x210, 0x210),
	E_NOGATE(RMI2_VERSION, smc2_version),
	E_NOGATE(RMI2_FEATURES, smc2_features),
	E_NOGATE(RMI2_RMM_CONFIG_GET, smc2_rmm_config_get),
	E_NOGATE(RMI2_GRANULE_TRACKING_GET, smc2_granule_tracking_get),
	E_INIT(RMI2_RMM_CONFIG_SET, smc2_rmm_config_set),
	E_INIT(RMI2_RMM_ACTIVATE, smc2_rmm_activate),
	E(RMI2_RMM_DEACTIVATE, smc2_rmm_deactivate),
	E_NOGATE(RMI2_RMM_STATE_GET, smc2_rmm_state_get),
	E(RMI2_GRANULE_TRACKING_SET, smc2_granule_tracking_set),
	E(RMI2_GPT_L1_CREATE, smc2_gpt_l1_create),
	E(RMI2_GPT_L1_DESTROY, smc2_gpt_l1_destroy),
	E(RMI2_GPT_INFO, smc2_gpt_info),
	E(RMI2_GRANULE_RANGE_DELEGATE, smc2_granule_range_delegate),
	E(RMI2_GRANULE_RANGE_UNDELEGATE, smc2_granule_range_undelegate),
	E(RMI2_REALM_CREATE, smc2_realm_create),
	E(RMI2_REALM_ACTIVATE, smc_realm_activate),
	E(RMI2_REALM_TERMINATE, smc2_realm_terminate),
	E(RMI2_REALM_DESTROY, smc2_realm_destroy),
	E(RMI2_REC_CREATE, smc2_rec_create),
	E(RMI2_REC_DESTROY, smc2_rec_destroy),
	E(RMI2_REC_ENTER, smc2_rec_enter),
	E(RMI2_PSCI_COMPLETE, smc2_psci_complete),
	E(RMI2_RTT_CREATE, smc_rtt_create),
	E(RMI2_RTT_DESTROY, smc_rtt_destroy),
	E(RMI2_RTT_READ_ENTRY, smc_rtt_read_entry),
	E(RMI2_RTT_FOLD, smc_rtt_fold),
	E(RMI2_RTT_INIT_RIPAS, smc2_rtt_init_ripas),
	E(RMI2_RTT_SET_RIPAS, smc_rtt_set_ripas),
	E(RMI2_RTT_DATA_MAP_INIT, smc2_rtt_data_map_init),
	E(RMI2_RTT_DATA_MAP, smc2_rtt_data_map),
	E(RMI2_RTT_DATA_UNMAP, smc2_rtt_data_unmap),
	E(RMI2_RTT_UNPROT_MAP, smc2_rtt_unprot_map),
	E(RMI2_RTT_UNPROT_UNMAP, smc2_rtt_unprot_unmap),
	E(RMI2_OP_CONTINUE, smc2_op_continue),
	E(RMI2_OP_MEM_DONATE, smc2_op_mem_donate),
	E(RMI2_OP_MEM_RECLAIM, smc2_op_mem_reclaim),
	E(RMI2_OP_CANCEL, smc2_op_cancel),
};

_Static_assert(V2_IDX(RMI2_GPT_INFO) == V2_COUNT - 1U, "2.0 table covers 0x150..0x211");

static RMI_HANDLER(smc2_error_global)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI2_ERROR_GLOBAL, 0);
}

RMI_HANDLER(smc2_not_supported)
{
	(void)rmm;
	(void)args;
	res->x[0] = rmi_pack(RMI2_ERROR_NOT_SUPPORTED, 0);
}

int rmm_v2_init(struct rmm *rmm)
{
	rmm->v2 = calloc(1, sizeof(*rmm->v2));
	if (rmm->v2 == NULL) {
		return -1;
	}
	atomic_flag_clear(&rmm->v2->sro_lock);
	/* A host that never calls RMI_VERSION gets 1.0, unless 2.0 is forced. */
	atomic_store(&rmm->v2->abi, rmm->cfg.rmi_abi == RMM_RMI_ABI_2_0 ? RMI2_ABI_VERSION_2_0
									 : RMI2_ABI_VERSION_1_0);
	return 0;
}

void rmm_v2_reset(struct rmm *rmm)
{
	memset(rmm->v2->sro, 0, sizeof(rmm->v2->sro));
	atomic_store(&rmm->v2->global, RMM_V2_INIT);
	atomic_store(&rmm->v2->realm_serial, 0);
	atomic_store(&rmm->v2->abi, rmm->cfg.rmi_abi == RMM_RMI_ABI_2_0 ? RMI2_ABI_VERSION_2_0
									: RMI2_ABI_VERSION_1_0);
}

uint64_t rmm_v2_digest(const struct rmm *rmm, uint64_t h)
{
	const struct rmm_v2 *v = rmm->v2;
	const uint8_t *p = (const uint8_t *)v->sro;
	uint64_t words[3] = { atomic_load(&v->abi), atomic_load(&v->global),
			      atomic_load(&v->realm_serial) };

	for (size_t i = 0; i < sizeof(words); i++) {
		h = (h ^ ((const uint8_t *)words)[i]) * 0x100000001b3ULL;
	}
	/* Contexts are memset on free, so a free context digests as zeroes. */
	for (size_t i = 0; i < sizeof(v->sro); i++) {
		h = (h ^ p[i]) * 0x100000001b3ULL;
	}
	return h;
}

void rmm_v2_fini(struct rmm *rmm)
{
	free(rmm->v2);
	rmm->v2 = NULL;
}

uint64_t rmm_rmi_abi_selected(const struct rmm *rmm)
{
	return atomic_load(&rmm->v2->abi);
}

bool rmm_rmi_abi_parse(const char *s, enum rmm_rmi_abi *out)
{
	if (strcmp(s, "1.0") == 0) {
		*out = RMM_RMI_ABI_1_0;
	} else if (strcmp(s, "2.0") == 0) {
		*out = RMM_RMI_ABI_2_0;
	} else if (strcmp(s, "both") == 0) {
		*out = RMM_RMI_ABI_BOTH;
	} else {
		return false;
	}
	return true;
}

bool rmm_v2_route(struct rmm *rmm, uint64_t fid, rmi_handler_fn *fn)
{
	const struct v2_entry *e;
	unsigned global;

	/* A 1.0-only RMM answers VERSION with its 1.0 handler (granule_cmds.c). */
	if (rmm->cfg.rmi_abi == RMM_RMI_ABI_1_0) {
		return false;
	}
	if (fid != RMI2_VERSION && atomic_load(&rmm->v2->abi) != RMI2_ABI_VERSION_2_0) {
		return false;
	}
	*fn = NULL;
	if ((fid >> 16) != 0xC400U || (fid & 0xFFFFU) < RMI2_FNUM_FIRST ||
	    (fid & 0xFFFFU) > RMI2_FNUM_LAST) {
		return true;
	}
	e = &v2_table[V2_IDX(fid)];
	if (e->fn == NULL) {
		return true;
	}
	global = atomic_load(&rmm->v2->global);
	if ((e->gate == GATE_INIT && global != RMM_V2_INIT) ||
	    (e->gate == GATE_ACTIVE && global != RMM_V2_ACTIVE)) {
		*fn = smc2_error_global;
		return true;
	}
	*fn = e->fn;
	return true;
}

RMI_HANDLER(smc2_version)
{
	uint64_t req = args[0];
	uint64_t lower = rmm->cfg.rmi_abi == RMM_RMI_ABI_2_0 ? RMI2_ABI_VERSION_2_0
							    : RMI2_ABI_VERSION_1_0;
	bool ok = req == RMI2_ABI_VERSION_2_0 ||
		  (req == RMI2_ABI_VERSION_1_0 && rmm->cfg.rmi_abi == RMM_RMI_ABI_BOTH);

	/*
	 * abi.md §5 (dual-version RMM): SUCCESS with X1 = the request and
	 * X2 = 2.0; otherwise ERROR_INPUT with X1 = the lowest, X2 = 2.0.
	 * CHOICE(abi-switch): every successful VERSION selects the ABI the
	 * following calls are decoded with; objects live on in the shared
	 * granule array whichever ABI made them.
	 */
	res->x[0] = rmi_pack(ok ? RMI2_SUCCESS : RMI2_ERROR_INPUT, 0);
	res->x[1] = ok ? req : lower;
	res->x[2] = RMI2_ABI_VERSION_2_0;
	/*
	 * Written only when it changes: every RMI call reads it, and a store
	 * per VERSION would bounce its cache line between host threads
	 * calling at once (bench_rmi_threads: 57 M calls/s on one thread,
	 * 16 M on two, before).
	 */
	if (ok && atomic_load_explicit(&rmm->v2->abi, memory_order_relaxed) != req) {
		atomic_store(&rmm->v2->abi, req);
	}
}

#define FR0_FIELD(reg, field)                                                               \
	(((reg) >> RMI_FEATURE_REGISTER_0_##field##_SHIFT) &                                 \
	 ((1ULL << RMI_FEATURE_REGISTER_0_##field##_WIDTH) - 1U))

/* GPCCR_EL3.L0GPTSZ / PPS encodings (abi.md §8 register 1). */
static uint64_t l0gptsz_code(unsigned bits)
{
	return bits <= 30U ? 0U : (uint64_t)(bits - 30U);
}

static uint64_t pps_code(unsigned bits)
{
	static const unsigned pps[] = { 32, 36, 40, 42, 44, 48, 52 };

	for (unsigned i = 0; i < sizeof(pps) / sizeof(pps[0]); i++) {
		if (pps[i] == bits) {
			return i;
		}
	}
	return 5U;
}

RMI_HANDLER(smc2_features)
{
	uint64_t fr0 = rmm->cfg.feat_reg0;
	uint64_t v = 0;

	switch (args[0]) {
	case 0:
		/*
		 * S2SZ, LPA2, SVE, NUM_BPS/WPS, PMU keep their 1.0 places (bits
		 * [31:0]); bits 32.. (hash, GIC LRs, MAX_RECS_ORDER) moved or went.
		 * CHOICE(pmu-v2): PMU_EN is reported as the platform has it (TF-RMM
		 * reports 0 "temporarily for v2.0").
		 */
		v = fr0 & 0xFFFFFFFFULL;
		break;
	case 1:
		v = 1U; /* RMI_GRAN_SZ_4KB only */
		v |= FR0_FIELD(fr0, HASH_SHA_256) << 3;
		v |= FR0_FIELD(fr0, HASH_SHA_512) << 5;
		v |= FR0_FIELD(fr0, MAX_RECS_ORDER) << 6;
		v |= l0gptsz_code(rmm->cfg.gpt_l0gptsz_bits) << 10;
		v |= pps_code(rmm->cfg.pa_bits) << 14;
		break;
	case 3:
		/* No auxiliary planes; the one tree is RTT_PLANE SINGLE (2). */
		v = 2ULL << 4;
		break;
	default:
		/* 2 (DA), 4 (MEC_COUNT) and every index > 4: nothing implemented. */
		v = 0;
		break;
	}
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
	res->x[1] = v;
}
