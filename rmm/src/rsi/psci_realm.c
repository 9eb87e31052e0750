/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSCI 1.1 calls made by the realm and SMCCC_VERSION (psci-and-exits.md
 * §1). CPU_ON and AFFINITY_INFO on another REC are left pending and
 * completed by RMI_PSCI_COMPLETE (rec.c).
 */
#include "den0137_abi.h"
#include "rsi_private.h"

/*
 * CHOICE(psci-smc32-args): for SMC32 calls the upper halves of the argument
 * registers are ignored (SMCCC: W registers), so a 32-bit entry point with
 * junk above bit 31 is still a protected IPA.
 */
static uint64_t psci_arg(uint64_t fid, uint64_t x)
{
	return (fid & (1ULL << 30)) != 0U ? x : (x & 0xFFFFFFFFULL);
}

/* REC index named by an MPIDR_EL1 value (Aff3 in bits[39:32]), structures.md §2. */
static uint64_t psci_mpidr_to_index(uint64_t mpidr)
{
	return rec_mpidr_to_index((mpidr & 0xFFFFFFULL) | (((mpidr >> 32) & 0xFFU) << 24));
}

/*
 * Whether @mpidr can name a REC of a realm with @count RECs.
 * CHOICE(psci-target-aff0): an Aff0[7:4] != 0 names no REC (RmiRecMpidr has
 * only Aff0[3:0]), so it is INVALID_PARAMS rather than aliasing index
 * Aff0[3:0]; other non-affinity bits (RES1 bit 31, U, MT) are ignored.
 */
static bool psci_target_exists(uint64_t mpidr, uint64_t count)
{
	return (mpidr & 0xF0U) == 0U && psci_mpidr_to_index(mpidr) < count;
}

/* Number of RECs of the realm: they are created with indices 0, 1, 2, ... */
static uint64_t psci_rec_count(struct rmm *rmm, const struct rec *rec)
{
	struct granule *g_rd;
	struct rd *rd = rsi_rd_lock(rmm, rec, &g_rd);
	uint64_t n = rd->rec_index;

	rsi_rd_unlock(g_rd);
	return n;
}

static bool psci_feature_supported(uint64_t fid)
{
	switch (fid) {
	case PSCI_VERSION_FID:
	case PSCI_CPU_SUSPEND_SMC32:
	case PSCI_CPU_SUSPEND_SMC64:
	case PSCI_CPU_OFF_FID:
	case PSCI_CPU_ON_SMC32:
	case PSCI_CPU_ON_SMC64:
	case PSCI_AFFINITY_INFO_SMC32:
	case PSCI_AFFINITY_INFO_SMC64:
	case PSCI_SYSTEM_OFF_FID:
	case PSCI_SYSTEM_RESET_FID:
	case PSCI_FEATURES_FID:
	case SMCCC_VERSION_FID:
		return true;
	default:
		return false;
	}
}

/* RMI_EXIT_PSCI with gprs[0] = FID (and gprs[1] = target for CPU_ON / AFFINITY_INFO). */
static void psci_exit(struct rec *rec, uint64_t fid, struct rsi_result *res)
{
	rsi_exit(rec, RMI_EXIT_PSCI, res);
	res->exit.gprs[0] = fid;
}

static void psci_cpu_on(struct rmm *rmm, struct rec *rec, uint64_t fid, struct rsi_result *res)
{
	uint64_t target = psci_arg(fid, rec->regs.x[1]);
	uint64_t entry = psci_arg(fid, rec->regs.x[2]);
	uint64_t context_id = psci_arg(fid, rec->regs.x[3]);
	struct granule *g_rd;
	struct rd *rd;
	bool entry_prot;

	rd = rsi_rd_lock(rmm, rec, &g_rd);
	entry_prot = addr_in_par(rd, entry);
	rsi_rd_unlock(g_rd);
	/* (a) entry point not a protected IPA */
	if (!entry_prot) {
		rec->regs.x[0] = PSCI_RET_INVALID_ADDRESS;
		return;
	}
	/* (b) no REC with that index (the host checks it names a real REC) */
	if (!psci_target_exists(target, psci_rec_count(rmm, rec))) {
		rec->regs.x[0] = PSCI_RET_INVALID_PARAMS;
		return;
	}
	/* (c) the caller itself */
	if (psci_mpidr_to_index(target) == rec->index) {
		rec->regs.x[0] = PSCI_RET_ALREADY_ON;
		return;
	}
	rec->psci = (struct rec_psci){ .pending = true,
				       .fid = fid,
				       .target_mpidr = target,
				       .entry = entry,
				       .context_id = context_id };
	psci_exit(rec, fid, res);
	res->exit.gprs[1] = target;
}

static void psci_affinity_info(struct rmm *rmm, struct rec *rec, uint64_t fid,
			       struct rsi_result *res)
{
	uint64_t target = psci_arg(fid, rec->regs.x[1]);
	uint64_t lowest_level = psci_arg(fid, rec->regs.x[2]);

	/* (a) only affinity level 0 is supported */
	if (lowest_level != 0U) {
		rec->regs.x[0] = PSCI_RET_INVALID_PARAMS;
		return;
	}
	/* (b) no REC with that index */
	if (!psci_target_exists(target, psci_rec_count(rmm, rec))) {
		rec->regs.x[0] = PSCI_RET_INVALID_PARAMS;
		return;
	}
	/* (c) the caller is running, hence ON */
	if (psci_mpidr_to_index(target) == rec->index) {
		rec->regs.x[0] = REC_PSCI_AFFINITY_ON;
		return;
	}
	rec->psci = (struct rec_psci){ .pending = true, .fid = fid, .target_mpidr = target };
	psci_exit(rec, fid, res);
	res->exit.gprs[1] = target;
}

/* SYSTEM_OFF / SYSTEM_RESET: the realm never runs again (REC_ENTER system_off). */
static void psci_system_off(struct rmm *rmm, struct rec *rec, uint64_t fid,
			    struct rsi_result *res)
{
	struct granule *g_rd;
	struct rd *rd = rsi_rd_lock(rmm, rec, &g_rd);

	/* REC_ENTER reads the state without the RD lock: store it atomically. */
	__atomic_store_n(&rd->state, (uint32_t)REALM_SYSTEM_OFF, __ATOMIC_RELEASE);
	rsi_rd_unlock(g_rd);
	psci_exit(rec, fid, res);
}

void psci_realm_handle(struct rmm *rmm, struct rec *rec, uint64_t fid, struct rsi_result *res)
{
	switch (fid) {
	case SMCCC_VERSION_FID:
		rec->regs.x[0] = SMCCC_VERSION_1_2;
		break;
	case PSCI_VERSION_FID:
		rec->regs.x[0] = PSCI_VERSION_1_1;
		break;
	case PSCI_FEATURES_FID:
		rec->regs.x[0] = psci_feature_supported(psci_arg(fid, rec->regs.x[1]))
					 ? PSCI_RET_SUCCESS
					 : PSCI_RET_NOT_SUPPORTED;
		break;
	case PSCI_CPU_SUSPEND_SMC32:
	case PSCI_CPU_SUSPEND_SMC64:
		/* A notification: every power state accepted, done at once. */
		rec->regs.x[0] = PSCI_RET_SUCCESS;
		psci_exit(rec, fid, res);
		break;
	case PSCI_CPU_OFF_FID:
		rec->runnable = false;
		rec->regs.x[0] = PSCI_RET_SUCCESS;
		psci_exit(rec, fid, res);
		break;
	case PSCI_CPU_ON_SMC32:
	case PSCI_CPU_ON_SMC64:
		psci_cpu_on(rmm, rec, fid, res);
		break;
	case PSCI_AFFINITY_INFO_SMC32:
	case PSCI_AFFINITY_INFO_SMC64:
		psci_affinity_info(rmm, rec, fid, res);
		break;
	case PSCI_SYSTEM_OFF_FID:
	case PSCI_SYSTEM_RESET_FID:
		psci_system_off(rmm, rec, fid, res);
		break;
	default:
		rec->regs.x[0] = PSCI_RET_NOT_SUPPORTED;
		break;
	}
}
