/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSCI 1.1 (DEN0022) as EL3 implements it for the normal world's PEs
 * (issue 13): VERSION, FEATURES, MIGRATE_INFO_TYPE, CPU_ON, CPU_OFF,
 * CPU_SUSPEND, AFFINITY_INFO, SYSTEM_OFF, SYSTEM_RESET. EL3 keeps each
 * PE's power state (ON, OFF, ON_PENDING); the simulator powers PEs on and
 * off through struct smc_psci_ops. Without PEs (smc_psci_set_pes not
 * called: the native library, unit tests) the CPU_* calls stay
 * NOT_SUPPORTED as for a single-PE host.
 *
 * The order of the checks follows TF-A's psci_cpu_on: the target first
 * (INVALID_PARAMETERS), then the entry point (INVALID_ADDRESS), then the
 * target's state (ALREADY_ON, ON_PENDING). SMC32 forms take W registers.
 */
#include <stddef.h>

#include "smc_private.h"

/* MPIDR affinity fields: Aff3 [39:32], Aff2..Aff0 [23:0] (TF-A MPIDR_AFFINITY_MASK). */
#define MPIDR_AFF_MASK 0xFF00FFFFFFULL
/* CPU_SUSPEND power_state, original format (DEN0022 5.4.2.1). */
#define PS_STATE_TYPE (1U << 16)          /* 1 = power down */
#define PS_POWER_LEVEL_SHIFT 24U
#define PS_VALID_MASK 0x0301FFFFU          /* StateID, StateType, PowerLevel */

static bool psci_has_pes(const struct smc_dispatcher *d)
{
	return d->psci.num_pe != 0U;
}

static bool psci_ns_implemented(const struct smc_dispatcher *d, uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION_FID:
	case PSCI_FEATURES_FID:
	case PSCI_SYSTEM_OFF_FID:
	case PSCI_SYSTEM_RESET_FID:
		return true;
	case PSCI_MIGRATE_INFO_TYPE_FID:
	case PSCI_CPU_ON_FID:
	case PSCI_CPU_ON64_FID:
	case PSCI_CPU_OFF_FID:
	case PSCI_CPU_SUSPEND_FID:
	case PSCI_CPU_SUSPEND64_FID:
	case PSCI_AFFINITY_INFO_FID:
	case PSCI_AFFINITY_INFO64_FID:
		return psci_has_pes(d);
	default:
		return false;
	}
}

/*
 * PSCI_FEATURES(W1 = FID): 0 for the implemented functions (for
 * CPU_SUSPEND: flags 0, the original power_state format, no OS-initiated
 * mode) and for SMCCC_VERSION, which Linux queries to decide whether
 * SMCCC v1.1+ (the SMC conduit for RMI) is there.
 */
static int64_t psci_features(const struct smc_dispatcher *d, uint32_t queried)
{
	if (queried == SMCCC_VERSION_FID || psci_ns_implemented(d, queried))
		return PSCI_RET_SUCCESS;
	return PSCI_RET_NOT_SUPPORTED;
}

/* The PE index of an MPIDR, or -1 (TF-A plat_core_pos_by_mpidr: affinity fields only). */
static int psci_pe_of(const struct smc_dispatcher *d, uint64_t mpidr)
{
	uint64_t aff = mpidr & MPIDR_AFF_MASK;

	for (unsigned i = 0; i < d->psci.num_pe; i++)
		if (d->psci.aff[i] == aff)
			return (int)i;
	return -1;
}

static bool psci_entry_ok(const struct smc_dispatcher *d, uint64_t entry)
{
	/* A64 instructions are word aligned: a misaligned entry could not be fetched. */
	if (entry & 3U)
		return false;
	return d->psci.ops.valid_entry == NULL || d->psci.ops.valid_entry(d->psci.ops.ctx, entry);
}

static int64_t psci_cpu_on(struct smc_dispatcher *d, uint64_t target, uint64_t entry,
			   uint64_t context_id)
{
	int pe = psci_pe_of(d, target);

	if (pe < 0)
		return PSCI_RET_INVALID_PARAMETERS;
	if (!psci_entry_ok(d, entry))
		return PSCI_RET_INVALID_ADDRESS;
	switch (d->psci.state[pe]) {
	case SMC_PSCI_ON:
		return PSCI_RET_ALREADY_ON;
	case SMC_PSCI_ON_PENDING:
		return PSCI_RET_ON_PENDING;
	case SMC_PSCI_OFF:
		break;
	}
	d->psci.state[pe] = SMC_PSCI_ON_PENDING;
	if (d->psci.ops.cpu_on)
		d->psci.ops.cpu_on(d->psci.ops.ctx, (unsigned)pe, entry, context_id);
	return PSCI_RET_SUCCESS;
}

/*
 * CPU_OFF: does not return on success. Refused with DENIED for the last
 * PE that is on (or being turned on): nothing could turn the system back
 * on; SYSTEM_OFF is the call for that (a choice: docs/emulation.md).
 */
static int64_t psci_cpu_off(struct smc_dispatcher *d)
{
	unsigned me = d->psci.caller;
	bool other = false;

	for (unsigned i = 0; i < d->psci.num_pe; i++)
		if (i != me && d->psci.state[i] != SMC_PSCI_OFF)
			other = true;
	if (!other)
		return PSCI_RET_DENIED;
	d->psci.state[me] = SMC_PSCI_OFF;
	if (d->psci.ops.cpu_off)
		d->psci.ops.cpu_off(d->psci.ops.ctx, me);
	return PSCI_RET_SUCCESS;
}

/*
 * CPU_SUSPEND: core-level states only (PowerLevel 0). Standby returns
 * SUCCESS when the PE wakes; power down resumes at @entry with X0 =
 * @context_id (DEN0022 5.4), the X0 written here being overwritten then.
 */
static int64_t psci_cpu_suspend(struct smc_dispatcher *d, uint64_t power_state, uint64_t entry,
				uint64_t context_id)
{
	bool powerdown = (power_state & PS_STATE_TYPE) != 0;

	if ((power_state & ~(uint64_t)PS_VALID_MASK) != 0 ||
	    (power_state >> PS_POWER_LEVEL_SHIFT) != 0)
		return PSCI_RET_INVALID_PARAMETERS;
	if (powerdown && !psci_entry_ok(d, entry))
		return PSCI_RET_INVALID_ADDRESS;
	if (d->psci.ops.cpu_suspend)
		d->psci.ops.cpu_suspend(d->psci.ops.ctx, d->psci.caller, powerdown, entry, context_id);
	return PSCI_RET_SUCCESS;
}

/* AFFINITY_INFO: lowest_affinity_level 0 only (as TF-A since PSCI 1.0). */
static int64_t psci_affinity_info(const struct smc_dispatcher *d, uint64_t target, uint64_t level)
{
	int pe = psci_pe_of(d, target);

	if (pe < 0 || level != 0)
		return PSCI_RET_INVALID_PARAMETERS;
	return (int64_t)d->psci.state[pe];
}

static bool psci_cpu_call(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs)
{
	bool w = (fid & SMC_FID_SMC64) == 0; /* SMC32: 32-bit arguments */
	uint64_t a1 = w ? (uint32_t)regs->x[1] : regs->x[1];
	uint64_t a2 = w ? (uint32_t)regs->x[2] : regs->x[2];
	uint64_t a3 = w ? (uint32_t)regs->x[3] : regs->x[3];

	switch (fid) {
	case PSCI_MIGRATE_INFO_TYPE_FID:
		regs->x[0] = PSCI_TOS_NOT_PRESENT_MP;
		return true;
	case PSCI_CPU_ON_FID:
	case PSCI_CPU_ON64_FID:
		smc_set_ret(regs, psci_cpu_on(d, a1, a2, a3));
		return true;
	case PSCI_CPU_OFF_FID:
		smc_set_ret(regs, psci_cpu_off(d));
		return true;
	case PSCI_CPU_SUSPEND_FID:
	case PSCI_CPU_SUSPEND64_FID:
		smc_set_ret(regs, psci_cpu_suspend(d, a1, a2, a3));
		return true;
	case PSCI_AFFINITY_INFO_FID:
	case PSCI_AFFINITY_INFO64_FID:
		smc_set_ret(regs, psci_affinity_info(d, a1, a2));
		return true;
	default:
		return false;
	}
}

void smc_svc_psci_ns(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs)
{
	switch (fid) {
	case PSCI_VERSION_FID:
		regs->x[0] = PSCI_VERSION_1_1;
		return;
	case PSCI_FEATURES_FID:
		smc_set_ret(regs, psci_features(d, (uint32_t)regs->x[1]));
		return;
	case PSCI_SYSTEM_OFF_FID:
		/*
		 * SYSTEM_OFF/SYSTEM_RESET do not return on hardware. We latch
		 * the request (the latest one wins) and leave every register,
		 * X0 included, unchanged: the simulator stops the host when it
		 * sees d->power_event, so the caller never observes X0.
		 */
		d->power_event = SMC_POWER_SYSTEM_OFF;
		return;
	case PSCI_SYSTEM_RESET_FID:
		d->power_event = SMC_POWER_SYSTEM_RESET;
		return;
	default:
		break;
	}
	if (psci_has_pes(d) && psci_cpu_call(d, fid, regs))
		return;
	/* Reserved numbers, SMC64 forms of SMC32-only calls, no PE model: NOT_SUPPORTED. */
	smc_set_ret(regs, PSCI_RET_NOT_SUPPORTED);
}

int smc_psci_set_pes(struct smc_dispatcher *d, const uint64_t *aff, unsigned n,
		     const struct smc_psci_ops *ops)
{
	if (n == 0U || n > SMC_PSCI_MAX_PE)
		return -1;
	d->psci = (struct smc_psci){ .num_pe = n };
	for (unsigned i = 0; i < n; i++) {
		d->psci.aff[i] = aff[i] & MPIDR_AFF_MASK;
		d->psci.state[i] = i == 0 ? SMC_PSCI_ON : SMC_PSCI_OFF;
	}
	if (ops)
		d->psci.ops = *ops;
	return 0;
}

void smc_psci_pe_started(struct smc_dispatcher *d, unsigned pe)
{
	if (pe < d->psci.num_pe && d->psci.state[pe] == SMC_PSCI_ON_PENDING)
		d->psci.state[pe] = SMC_PSCI_ON;
}

bool smc_psci_fid(uint64_t x0)
{
	/* As smc_route_call decodes it: W0, SVE hint bit clear (SMCCC 1.3 §2.5). */
	uint32_t fid = (uint32_t)x0 & ~SMC_FID_SVE_HINT;

	return (fid >= PSCI_SMC32_FID_FIRST && fid <= PSCI_SMC32_FID_LAST) ||
	       (fid >= PSCI_SMC64_FID_FIRST && fid <= PSCI_SMC64_FID_LAST);
}

void smc_dispatch_pe(struct smc_dispatcher *d, unsigned pe, struct smc_regs *regs)
{
	/*
	 * Only PSCI reads the caller, and PSCI calls of the PEs are serialised
	 * (rmmsim --threads: the machine lock); RMI calls may run at once
	 * (--parallel-rmi) and must not write the shared field (a data race
	 * that could give a PSCI call another PE's index).
	 */
	if (smc_psci_fid(regs->x[0]))
		d->psci.caller = pe < d->psci.num_pe ? pe : 0U;
	smc_dispatch(d, SMC_CALLER_NS, regs);
}
