/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The standard services EL3 answers itself for the NS host: the Arm
 * Architecture Service (SMCCC_VERSION, SMCCC_ARCH_FEATURES; DEN0028) and
 * PSCI 1.1 (DEN0022) for a single-CPU host. Only X0 is written: every other
 * register is preserved (SMCCC v1.1+).
 */
#include "smc_private.h"

/* PSCI functions EL3 implements for the NS host (all SMC32 only). */
static bool psci_ns_implemented(uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION_FID:
	case PSCI_FEATURES_FID:
	case PSCI_SYSTEM_OFF_FID:
	case PSCI_SYSTEM_RESET_FID:
		return true;
	default:
		return false;
	}
}

/*
 * SMCCC_ARCH_FEATURES(X1 = FID): 0 for implemented Arm Architecture calls,
 * NOT_SUPPORTED otherwise. SMCCC makes querying SMCCC_VERSION optional; we
 * answer 0 for it like TF-A does. No CPU erratum workaround is modelled, so
 * SMCCC_ARCH_WORKAROUND_1/2/3 (0x80008000, 0x80007FFF, 0x80003FFF) and
 * SMCCC_ARCH_SOC_ID are NOT_SUPPORTED, which tells Linux not to call them.
 */
static int64_t arch_features(uint64_t queried)
{
	switch (queried) {
	case SMCCC_VERSION_FID:
	case SMCCC_ARCH_FEATURES_FID:
		return SMCCC_RET_SUCCESS;
	default:
		return SMCCC_RET_NOT_SUPPORTED;
	}
}

void smc_svc_arch(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs)
{
	(void)d;
	switch (fid) {
	case SMCCC_VERSION_FID:
		regs->x[0] = SMCCC_VERSION_1_2;
		break;
	case SMCCC_ARCH_FEATURES_FID:
		/*
		 * SMC32 call: the queried FID is W1 and the upper half of X1
		 * is ignored (DEN0028: SMC32 arguments are 32-bit).
		 */
		smc_set_ret(regs, arch_features((uint32_t)regs->x[1]));
		break;
	default:
		smc_set_unknown(regs);
		break;
	}
}

/*
 * PSCI_FEATURES(W1 = FID): 0 for the implemented PSCI functions and for
 * SMCCC_VERSION. DEN0022 (PSCI 1.0+) defines the SMCCC_VERSION query, and
 * Linux uses it to decide whether SMCCC v1.1+ (and thus the SMC conduit for
 * RMI) is available, so it must not be NOT_SUPPORTED.
 */
static int64_t psci_features(uint32_t queried)
{
	if (queried == SMCCC_VERSION_FID || psci_ns_implemented(queried))
		return PSCI_RET_SUCCESS;
	return PSCI_RET_NOT_SUPPORTED;
}

void smc_svc_psci_ns(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs)
{
	switch (fid) {
	case PSCI_VERSION_FID:
		regs->x[0] = PSCI_VERSION_1_1;
		break;
	case PSCI_FEATURES_FID:
		smc_set_ret(regs, psci_features((uint32_t)regs->x[1]));
		break;
	case PSCI_SYSTEM_OFF_FID:
		/*
		 * SYSTEM_OFF/SYSTEM_RESET do not return on hardware. We latch
		 * the request (the latest one wins) and leave every register,
		 * X0 included, unchanged: the simulator stops the host when it
		 * sees d->power_event, so the caller never observes X0.
		 */
		d->power_event = SMC_POWER_SYSTEM_OFF;
		break;
	case PSCI_SYSTEM_RESET_FID:
		d->power_event = SMC_POWER_SYSTEM_RESET;
		break;
	default:
		/*
		 * CPU_ON, CPU_OFF, CPU_SUSPEND, AFFINITY_INFO, the SMC64
		 * variants and the reserved numbers: the NS host has a single
		 * CPU, so none of them is implemented (DEN0022 NOT_SUPPORTED).
		 */
		smc_set_ret(regs, PSCI_RET_NOT_SUPPORTED);
		break;
	}
}
