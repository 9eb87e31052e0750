/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The standard services EL3 answers itself for the NS host: the Arm
 * Architecture Service (SMCCC_VERSION, SMCCC_ARCH_FEATURES; DEN0028). PSCI
 * is psci_ns.c. Only X0 is written: every other register is preserved
 * (SMCCC v1.1+).
 */
#include "smc_private.h"

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
