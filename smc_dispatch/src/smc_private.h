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

/* Arm Architecture Service (OEN 0): SMCCC_VERSION, SMCCC_ARCH_FEATURES. */
void smc_svc_arch(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs);
/* PSCI as EL3 implements it for the single-CPU NS host. */
void smc_svc_psci_ns(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs);
/* RMM-EL3 interface: GTSI delegate/undelegate on behalf of the RMM. */
void smc_svc_rmm_el3(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs);

#endif /* SMC_PRIVATE_H */
