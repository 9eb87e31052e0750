/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Routing of one SMC: by the caller's origin first, then by FID range,
 * through one static const table per caller (DESIGN.md "smc_dispatch/").
 * A FID that is malformed, yielding, or in no range of its caller's table
 * gets X0 = SMC_UNKNOWN and X1..X3 = 0; X4..X17 are preserved (DEN0028;
 * abi.md §1; docs/conformance.md "Undefined outputs").
 */
#include <stddef.h>

#include "smc_private.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Forwards the NS host's RMI call to the RMM, which answers its own gaps. */
static void fwd_rmi(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs)
{
	if (d->cfg.rmi == NULL) {
		smc_set_unknown(regs);
		return;
	}
	regs->x[0] = fid;
	d->cfg.rmi(d->cfg.rmm_ctx, regs);
}

/* Forwards a realm's RSI, PSCI or SMCCC_VERSION call to the RMM. */
static void fwd_realm(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs)
{
	if (d->cfg.realm == NULL) {
		smc_set_unknown(regs);
		return;
	}
	regs->x[0] = fid;
	d->cfg.realm(d->cfg.rmm_ctx, regs);
}

/* Forwards a SiP (silicon provider) service call of the NS host to the platform. */
static void fwd_sip(struct smc_dispatcher *d, uint32_t fid, struct smc_regs *regs)
{
	if (d->cfg.sip == NULL) {
		smc_set_unknown(regs);
		return;
	}
	regs->x[0] = fid;
	d->cfg.sip(d->cfg.sip_ctx, regs);
}

/*
 * The NS host reaches the standard services, the platform's SiP services and RMI; RSI and the RMM-EL3
 * range are absent, hence SMC_UNKNOWN. No SMC64 Arm Architecture call is
 * implemented, so that range is absent too.
 */
static const struct smc_route ns_routes[] = {
	/* First: the ranges are disjoint, and RMI is the host's hot path. */
	{ .first = RMI_FID_FIRST, .last = RMI_FID_LAST, .fn = fwd_rmi },
	/* RMI 2.0 numbers above the RSI and RMM-EL3 ranges (den0137-2.0 abi.md §1). */
	{ .first = RMI2_FID_FIRST, .last = RMI2_FID_LAST, .fn = fwd_rmi },
	{ .first = 0x80000000U, .last = 0x8000FFFFU, .fn = smc_svc_arch },
	{ .first = PSCI_SMC32_FID_FIRST, .last = PSCI_SMC32_FID_LAST, .fn = smc_svc_psci_ns },
	{ .first = PSCI_SMC64_FID_FIRST, .last = PSCI_SMC64_FID_LAST, .fn = smc_svc_psci_ns },
	{ .first = SIP_SMC32_FID_FIRST, .last = SIP_SMC32_FID_LAST, .fn = fwd_sip },
	{ .first = SIP_SMC64_FID_FIRST, .last = SIP_SMC64_FID_LAST, .fn = fwd_sip },
};

/* The RMM at R-EL2 reaches EL3 only through the RMM-EL3 interface. */
static const struct smc_route rmm_routes[] = {
	{ .first = RMM_EL3_FID_FIRST, .last = RMM_EL3_FID_LAST, .fn = smc_svc_rmm_el3 },
};

/*
 * A realm's SMCs are taken by the RMM (psci-and-exits.md §1; abi.md §1:
 * SMCCC_VERSION reported to the realm). RMI is not callable from a realm.
 */
static const struct smc_route realm_routes[] = {
	{ .first = SMCCC_VERSION_FID, .last = SMCCC_VERSION_FID, .fn = fwd_realm },
	{ .first = PSCI_SMC32_FID_FIRST, .last = PSCI_SMC32_FID_LAST, .fn = fwd_realm },
	{ .first = PSCI_SMC64_FID_FIRST, .last = PSCI_SMC64_FID_LAST, .fn = fwd_realm },
	{ .first = RSI_FID_FIRST, .last = RSI_FID_LAST, .fn = fwd_realm },
};

struct smc_route_table {
	const struct smc_route *routes;
	size_t count;
};

static const struct smc_route_table smc_tables[SMC_CALLER_COUNT] = {
	[SMC_CALLER_NS] = { ns_routes, ARRAY_SIZE(ns_routes) },
	[SMC_CALLER_RMM] = { rmm_routes, ARRAY_SIZE(rmm_routes) },
	[SMC_CALLER_REALM] = { realm_routes, ARRAY_SIZE(realm_routes) },
};

void smc_dispatcher_init(struct smc_dispatcher *d, const struct smc_dispatcher_cfg *cfg)
{
	*d = (struct smc_dispatcher){ .power_event = SMC_POWER_NONE };
	if (cfg != NULL)
		d->cfg = *cfg;
}

static void smc_route_call(struct smc_dispatcher *d, const struct smc_route_table *t,
			   struct smc_regs *regs)
{
	struct smc_fid f = smc_decode_fid(regs->x[0]);
	uint32_t fid;
	size_t i;

	/* Malformed FIDs and yielding calls are not supported (DEN0028). */
	if (!f.valid || !f.fast) {
		smc_set_unknown(regs);
		return;
	}

	/* The SVE hint only says whether SVE state is live; route without it. */
	fid = (uint32_t)regs->x[0] & ~SMC_FID_SVE_HINT;
	for (i = 0; i < t->count; i++) {
		if (fid >= t->routes[i].first && fid <= t->routes[i].last) {
			t->routes[i].fn(d, fid, regs);
			return;
		}
	}
	smc_set_unknown(regs);
}

uint64_t smc_dispatch_count(const struct smc_dispatcher *d, enum smc_caller caller)
{
	uint64_t sum = 0;

	if ((unsigned int)caller >= SMC_CALLER_COUNT)
		return 0;
	for (unsigned i = 0; i < RMMSIM_STRIPES; i++)
		sum += __atomic_load_n(&d->count[i].n[caller], __ATOMIC_RELAXED);
	return sum;
}

static inline void smc_count(struct smc_dispatcher *d, enum smc_caller caller)
{
	unsigned s = rmmsim_thread_stripe();

	rmmsim_stripe_add(&d->count[s].n[caller], s, 1);
}

void smc_dispatch(struct smc_dispatcher *d, enum smc_caller caller, struct smc_regs *regs)
{
	struct smc_regs in;

	/*
	 * An out-of-range caller has no table and no counter: answer
	 * SMC_UNKNOWN without accounting rather than index out of bounds.
	 */
	if ((unsigned int)caller >= SMC_CALLER_COUNT) {
		smc_set_unknown(regs);
		return;
	}

	if (d->cfg.on_smc == NULL) {
		/* Nobody observes: no snapshot of the 18 registers. */
		smc_route_call(d, &smc_tables[caller], regs);
		/* Host threads may call at once (native API): the caller's stripe. */
		smc_count(d, caller);
		return;
	}
	/* The observer sees the registers as the caller issued them. */
	in = *regs;
	smc_route_call(d, &smc_tables[caller], regs);
	smc_count(d, caller);
	d->cfg.on_smc(d->cfg.obs_ctx, caller, &in, regs);
}
