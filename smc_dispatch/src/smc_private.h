/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to smc_dispatch/: the shape of a routing entry and the services
 * the routing tables point at. Each service receives the FID with the SVE
 * hint already stripped and writes its results into @regs in place.
 */
#ifndef SMC_PRIVATE_H
#define SMC_PRIVATE_H

#include <stdint.h>

#include "smc_dispatch.h"

typedef void (*smc_service_fn)(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs);

/* One contiguous FID range [first, last] served by @fn. */
struct smc_route {
	uint32_t first;
	uint32_t last;
	smc_service_fn fn;
};

/* X0 <- a signed SMCCC/PSCI/RMM-EL3 return code, sign-extended to 64 bits. */
static inline void smc_set_ret(struct smc_regs *regs, int64_t ret)
{
	regs->x[0] = (uint64_t)ret;
}

/*
 * The answer to a FID nobody implements: X0 = SMC_UNKNOWN (DEN0028), and the
 * SMC64 result registers X1..X3 zeroed rather than left holding the caller's
 * arguments (docs/conformance.md "Undefined outputs"; the reference RMM
 * zeroes them too). X4..X17 hold no result and are preserved (SMCCC v1.1+).
 */
static inline void smc_set_unknown(struct smc_regs *regs)
{
	regs->x[0] = SMC_UNKNOWN;
	regs->x[1] = 0;
	regs->x[2] = 0;
	regs->x[3] = 0;
}

/* Arm Architecture Service (OEN 0): SMCCC_VERSION, SMCCC_ARCH_FEATURES. */
void smc_svc_arch(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs);
/* PSCI as EL3 implements it for the NS host PEs (psci_ns.c). */
void smc_svc_psci_ns(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs);
/* RMM-EL3 interface: GTSI delegate/undelegate on behalf of the RMM. */
void smc_svc_rmm_el3(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs);

#endif /* SMC_PRIVATE_H */
