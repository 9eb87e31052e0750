/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cases that need a running realm: the realm agent (tests/realm/agent) on
 * the case's platform, built by realm_host through RMI calls. The realm
 * issues the RSI / PSCI calls under test; the host side answers its exits
 * and issues the RMI calls that need a realm that has run (a pending PSCI
 * request, a pending RIPAS change, SYSTEM_OFF).
 */
#ifndef CONFORM_AGENT_H
#define CONFORM_AGENT_H

#include "agent_host.h"
#include "conform_case.h"
#include "realm_hostcall.h"

/* The agent's scratch RAM (RIPAS RAM, unpopulated until populated by a case). */
#define CONFORM_AGENT_RAM RH_SCRATCH_IPA
/* A protected IPA outside the realm's RAM: RIPAS EMPTY. */
#define CONFORM_AGENT_EMPTY 0x1000000ULL
/* PSCI function IDs the realm issues (psci-and-exits.md §1). */
#define CONFORM_PSCI_CPU_ON 0xC4000003ULL
#define CONFORM_PSCI_SYSTEM_OFF 0x84000008ULL
#define CONFORM_PSCI_SUCCESS 0ULL
#define CONFORM_PSCI_INVALID_PARAMS ((uint64_t)-2)

/*
 * Builds an agent realm with @num_recs RECs (REC 0 runnable) on c->sim,
 * with a fresh VMID and memory slot, and runs it to its first doorbell.
 * NULL (case failed) on error. Free with conform_agent_free.
 */
struct agent *conform_agent_new(struct conform_ctx *c, unsigned num_recs);
void conform_agent_free(struct agent *a);

/* Records @x0 as the result the case is judged on (the realm's X0 for RSI). */
void conform_got(struct conform_ctx *c, uint64_t x0);

/*
 * The realm issues SMC X0..X10 = @x; true when it completed without a REC
 * exit to the host, @out (may be NULL) = X0..X7 after it. Fails the case on
 * any REC exit (with its reason) or error.
 */
bool conform_agent_smc(struct conform_ctx *c, struct agent *a, const uint64_t x[11],
		       uint64_t out[8]);
/* As conform_agent_smc, and X0 is the result the case is judged on. */
bool conform_rsi_call(struct conform_ctx *c, struct agent *a, const uint64_t x[11],
		      uint64_t out[8]);
/* The realm issues @x, which must end in a REC exit with @reason (a->exit). */
bool conform_agent_exit(struct conform_ctx *c, struct agent *a, const uint64_t x[11],
			uint64_t reason);
/*
 * After an exit: REC_ENTER again with @flags / @gprs (RecEnter.gprs) until
 * the command completes: true with @out (may be NULL) = X0..X7. Fails the
 * case on another exit.
 */
bool conform_agent_resume(struct conform_ctx *c, struct agent *a, uint64_t flags,
			  const uint64_t *gprs, unsigned num_gprs, uint64_t out[8]);
/* As conform_agent_resume, but the realm must exit again with @reason (a->exit). */
bool conform_agent_resume_exit(struct conform_ctx *c, struct agent *a, uint64_t flags,
			       const uint64_t *gprs, unsigned num_gprs, uint64_t reason);
/* Populates @ipa (RIPAS RAM) with a DATA_CREATE_UNKNOWN granule. */
bool conform_agent_populate(struct conform_ctx *c, struct agent *a, ipa_t ipa);
/* A 64-bit load by the realm at @ipa. */
bool conform_agent_load(struct conform_ctx *c, struct agent *a, ipa_t ipa, uint64_t *val);

#endif /* CONFORM_AGENT_H */
