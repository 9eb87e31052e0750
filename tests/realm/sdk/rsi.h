/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RSI and PSCI calls from R-EL1: `smc #0` with the register conventions of
 * abi.md §4 (FID in X0, arguments from X1, status back in X0, outputs from
 * X1) and psci-and-exits.md §1. FIDs and enums come from den0137_abi.h.
 */
#ifndef REALM_RSI_H
#define REALM_RSI_H

#include <stdint.h>

#include "den0137_abi.h"

/* PSCI (DEN0022) function IDs and return codes the payloads use. */
#define PSCI_VERSION 0x84000000ULL
#define PSCI_CPU_OFF 0x84000002ULL
#define PSCI_CPU_ON_64 0xC4000003ULL
#define PSCI_AFFINITY_INFO_64 0xC4000004ULL
#define PSCI_SYSTEM_OFF 0x84000008ULL
#define PSCI_SUCCESS 0LL
#define PSCI_AFF_ON 0LL
#define PSCI_AFF_OFF 1LL

/* X0..X10 in and out: the widest RSI call (MEASUREMENT_EXTEND) uses X0..X10. */
struct rsi_regs {
	uint64_t x[11];
};

static inline void rsi_smc(struct rsi_regs *r)
{
	register uint64_t x0 __asm__("x0") = r->x[0];
	register uint64_t x1 __asm__("x1") = r->x[1];
	register uint64_t x2 __asm__("x2") = r->x[2];
	register uint64_t x3 __asm__("x3") = r->x[3];
	register uint64_t x4 __asm__("x4") = r->x[4];
	register uint64_t x5 __asm__("x5") = r->x[5];
	register uint64_t x6 __asm__("x6") = r->x[6];
	register uint64_t x7 __asm__("x7") = r->x[7];
	register uint64_t x8 __asm__("x8") = r->x[8];
	register uint64_t x9 __asm__("x9") = r->x[9];
	register uint64_t x10 __asm__("x10") = r->x[10];

	/* SMCCC 1.2: X0..X17 may carry results; X11..X17 are clobbered. */
	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5),
			   "+r"(x6), "+r"(x7), "+r"(x8), "+r"(x9), "+r"(x10)
			 :
			 : "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	r->x[0] = x0, r->x[1] = x1, r->x[2] = x2, r->x[3] = x3;
	r->x[4] = x4, r->x[5] = x5, r->x[6] = x6, r->x[7] = x7;
	r->x[8] = x8, r->x[9] = x9, r->x[10] = x10;
}

static inline uint64_t rsi_call3(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
				 struct rsi_regs *out)
{
	struct rsi_regs r = { .x = { fid, a1, a2, a3 } };

	rsi_smc(&r);
	if (out)
		*out = r;
	return r.x[0];
}

/* RSI_VERSION: X1 = requested; out X1 lower, X2 higher. */
static inline uint64_t rsi_version(uint64_t req, uint64_t *lower, uint64_t *higher)
{
	struct rsi_regs r;
	uint64_t ret = rsi_call3(RSI_VERSION_FID, req, 0, 0, &r);

	*lower = r.x[1];
	*higher = r.x[2];
	return ret;
}

/* RSI_FEATURES: X1 = index; out X1 = value. */
static inline uint64_t rsi_features(uint64_t index, uint64_t *value)
{
	struct rsi_regs r;
	uint64_t ret = rsi_call3(RSI_FEATURES_FID, index, 0, 0, &r);

	*value = r.x[1];
	return ret;
}

/* RSI_MEASUREMENT_READ: X1 = index (0 RIM, 1..4 REM); out X1..X8 = 64 bytes. */
static inline uint64_t rsi_measurement_read(uint64_t index, uint64_t val[8])
{
	struct rsi_regs r;
	uint64_t ret = rsi_call3(RSI_MEASUREMENT_READ_FID, index, 0, 0, &r);

	for (unsigned i = 0; i < 8; i++)
		val[i] = r.x[1 + i];
	return ret;
}

/* RSI_MEASUREMENT_EXTEND: X1 = index (1..4), X2 = size, X3..X10 = value. */
static inline uint64_t rsi_measurement_extend(uint64_t index, uint64_t size,
					      const uint64_t val[8])
{
	struct rsi_regs r = { .x = { RSI_MEASUREMENT_EXTEND_FID, index, size } };

	for (unsigned i = 0; i < 8; i++)
		r.x[3 + i] = val[i];
	rsi_smc(&r);
	return r.x[0];
}

/* RSI_ATTESTATION_TOKEN_INIT: X1..X8 = challenge; out X1 = max token size. */
static inline uint64_t rsi_attest_token_init(const uint64_t challenge[8], uint64_t *max_size)
{
	struct rsi_regs r = { .x = { RSI_ATTESTATION_TOKEN_INIT_FID } };

	for (unsigned i = 0; i < 8; i++)
		r.x[1 + i] = challenge[i];
	rsi_smc(&r);
	*max_size = r.x[1];
	return r.x[0];
}

/* RSI_ATTESTATION_TOKEN_CONTINUE: X1 = granule IPA, X2 = offset, X3 = size; out X1 = len. */
static inline uint64_t rsi_attest_token_continue(uint64_t ipa, uint64_t offset, uint64_t size,
						 uint64_t *len)
{
	struct rsi_regs r;
	uint64_t ret = rsi_call3(RSI_ATTESTATION_TOKEN_CONTINUE_FID, ipa, offset, size, &r);

	*len = r.x[1];
	return ret;
}

/* RSI_REALM_CONFIG: X1 = IPA of a granule receiving RsiRealmConfig. */
static inline uint64_t rsi_realm_config(uint64_t ipa)
{
	return rsi_call3(RSI_REALM_CONFIG_FID, ipa, 0, 0, 0);
}

/* RSI_IPA_STATE_SET: X1 base, X2 top, X3 ripas, X4 flags; out X1 new_base, X2 response. */
static inline uint64_t rsi_ipa_state_set(uint64_t base, uint64_t top, uint64_t ripas,
					 uint64_t flags, uint64_t *new_base, uint64_t *response)
{
	struct rsi_regs r = { .x = { RSI_IPA_STATE_SET_FID, base, top, ripas, flags } };

	rsi_smc(&r);
	*new_base = r.x[1];
	*response = r.x[2];
	return r.x[0];
}

/* RSI_IPA_STATE_GET: X1 base, X2 end; out X1 top, X2 ripas. */
static inline uint64_t rsi_ipa_state_get(uint64_t base, uint64_t end, uint64_t *top,
					 uint64_t *ripas)
{
	struct rsi_regs r;
	uint64_t ret = rsi_call3(RSI_IPA_STATE_GET_FID, base, end, 0, &r);

	*top = r.x[1];
	*ripas = r.x[2];
	return ret;
}

/* RSI_HOST_CALL: X1 = IPA of a 256-byte aligned RsiHostCall. */
static inline uint64_t rsi_host_call(uint64_t ipa)
{
	return rsi_call3(RSI_HOST_CALL_FID, ipa, 0, 0, 0);
}

/* PSCI_CPU_ON (SMC64): X1 target MPIDR, X2 entry IPA, X3 context id. */
static inline int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context_id)
{
	return (int64_t)rsi_call3(PSCI_CPU_ON_64, mpidr, entry, context_id, 0);
}

/* PSCI_AFFINITY_INFO (SMC64): X1 target, X2 lowest level (0). */
static inline int64_t psci_affinity_info(uint64_t mpidr)
{
	return (int64_t)rsi_call3(PSCI_AFFINITY_INFO_64, mpidr, 0, 0, 0);
}

static inline int64_t psci_cpu_off(void)
{
	return (int64_t)rsi_call3(PSCI_CPU_OFF, 0, 0, 0, 0);
}

static inline void psci_system_off(void)
{
	rsi_call3(PSCI_SYSTEM_OFF, 0, 0, 0, 0);
}

#endif /* REALM_RSI_H */
