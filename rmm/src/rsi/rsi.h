/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm-side SMC handling: the RSI commands (commands.md "RSI commands"),
 * PSCI from the realm and SMCCC_VERSION (psci-and-exits.md §1).
 *
 * Independent of any CPU model: the REC run loop calls rsi_handle_smc()
 * when the realm executes `smc`, with the realm's registers in rec->regs
 * (X0 = FID, X1..X10 = arguments). The handler updates rec->regs with the
 * results and says whether the realm continues (RSI_RETURN_TO_REALM) or
 * the run ends with a REC exit (RSI_EXIT_TO_HOST) whose RecExit fields are
 * in res->exit. The run loop advances the PC past the SMC iff
 * res->advance_pc, and copies res->exit into RmiRecExit (plus the GIC and
 * timer state it owns).
 *
 * Calls that wait for the host are completed at the next REC_ENTER:
 * rsi_complete_ripas_change() (RSI_IPA_STATE_SET) and
 * rsi_complete_host_call() (RSI_HOST_CALL); PSCI CPU_ON / AFFINITY_INFO
 * are completed by RMI_PSCI_COMPLETE (rec.c).
 *
 * Locking: the caller owns the REC (it is RUNNING: refcount 1, no lock
 * held). The handlers take the realm's RD granule lock themselves whenever
 * they read the RTTs, the measurements or change the realm state, and
 * never hold it on return.
 */
#ifndef RMM_RSI_H
#define RMM_RSI_H

#include <stdbool.h>
#include <stdint.h>

#include "rec.h"

/* SMCCC / PSCI function IDs and values the realm can use (psci-and-exits.md §1). */
#define SMCCC_VERSION_FID 0x80000000ULL
#define SMCCC_VERSION_1_2 0x10002ULL
#define SMC_UNKNOWN 0xFFFFFFFFFFFFFFFFULL

#define PSCI_VERSION_FID 0x84000000ULL
#define PSCI_CPU_SUSPEND_SMC32 0x84000001ULL
#define PSCI_CPU_SUSPEND_SMC64 0xC4000001ULL
#define PSCI_CPU_OFF_FID 0x84000002ULL
#define PSCI_SYSTEM_OFF_FID 0x84000008ULL
#define PSCI_SYSTEM_RESET_FID 0x84000009ULL
#define PSCI_FEATURES_FID 0x8400000AULL
#define PSCI_VERSION_1_1 0x10001ULL
/* PSCI return codes (sign-extended into X0). */
#define PSCI_RET_SUCCESS 0ULL
#define PSCI_RET_NOT_SUPPORTED ((uint64_t)-1)
#define PSCI_RET_INVALID_PARAMS ((uint64_t)-2)
#define PSCI_RET_ALREADY_ON ((uint64_t)-4)
#define PSCI_RET_INVALID_ADDRESS ((uint64_t)-9)

/* Stage-2 data abort synthesized for an RSI buffer (psci-and-exits.md §3). */
#define RSI_ESR_EC_DABT_LOWER 0x24ULL
#define RSI_ESR_EC_SHIFT 26U
#define RSI_ESR_DFSC_TRANSLATION_L0 0x04ULL
/* FEAT_LPA2: translation fault at level -1 has its own code. */
#define RSI_ESR_DFSC_TRANSLATION_LM1 0x2BULL

enum rsi_action {
	RSI_RETURN_TO_REALM = 0, /* the realm continues; its registers hold the results */
	RSI_EXIT_TO_HOST = 1,    /* the run ends with the REC exit in rsi_result.exit */
};

/* RmiRecExit fields an RSI/PSCI call defines (structures.md §3b); others are 0. */
struct rsi_exit_info {
	uint64_t reason;         /* RMI_EXIT_* */
	uint64_t esr;
	uint64_t far;
	uint64_t hpfar;
	uint64_t gprs[REC_NUM_GPRS];
	ipa_t ripas_base;
	ipa_t ripas_top;
	uint64_t ripas_value;    /* RMI_EMPTY / RMI_RAM */
	uint64_t imm;            /* 16-bit host call immediate */
};

struct rsi_result {
	enum rsi_action action;
	bool advance_pc;         /* the SMC completed (now or at the next entry) */
	struct rsi_exit_info exit; /* valid when action == RSI_EXIT_TO_HOST */
};

/* One `smc` of the realm running on @rec: FID and arguments in rec->regs.x[0..10]. */
void rsi_handle_smc(struct rmm *rmm, struct rec *rec, struct rsi_result *res);

/*
 * REC_ENTER success step 1: completion of a pending RSI_IPA_STATE_SET
 * (X0 = RSI_SUCCESS, X1 = progress, X2 = ACCEPT/REJECT). @reject =
 * enter.flags.ripas_response. Does nothing when none is pending.
 */
void rsi_complete_ripas_change(struct rec *rec, bool reject);

/*
 * REC_ENTER success step 1: completion of a pending RSI_HOST_CALL, copying
 * @enter_gprs (RecEnter.gprs) into the realm's RsiHostCall. Returns true
 * (REC may run, realm X0 = RSI_SUCCESS) when done or when nothing is
 * pending; false with a stage-2 abort exit in @res (the call stays pending)
 * when the RsiHostCall IPA is no longer mapped RAM.
 */
bool rsi_complete_host_call(struct rmm *rmm, struct rec *rec,
			    const uint64_t enter_gprs[REC_NUM_GPRS], struct rsi_result *res);

/*
 * Attestation keys used by RSI_ATTESTATION_TOKEN_* (attest.h), owned by
 * the caller and kept alive as long as @rmm. Until set, TOKEN_INIT fails
 * with RSI_ERROR_UNKNOWN (the "internal failure" of commands.md).
 */
struct attest_keys;
void rsi_attest_set_keys(struct rmm *rmm, const struct attest_keys *keys);

#endif /* RMM_RSI_H */
