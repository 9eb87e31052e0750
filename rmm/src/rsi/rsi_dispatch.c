/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry point for an `smc` from the realm: routes by FID range to the RSI
 * table, PSCI / SMCCC (psci_realm.c), or SMC_UNKNOWN for anything else
 * (SMCCC: unknown function identifier = -1).
 */
#include <string.h>

#include "den0137_abi.h"
#include "rsi_private.h"

#define RSI_FID_FIRST RSI_VERSION_FID
#define RSI_FID_LAST RSI_HOST_CALL_FID
#define RSI_FID_COUNT (RSI_FID_LAST - RSI_FID_FIRST + 1U)

typedef void (*rsi_handler_fn)(struct rmm *rmm, struct rec *rec, struct rsi_result *res);

static const rsi_handler_fn rsi_table[RSI_FID_COUNT] = {
	[RSI_VERSION_FID - RSI_FID_FIRST] = rsi_version,
	[RSI_FEATURES_FID - RSI_FID_FIRST] = rsi_features,
	[RSI_MEASUREMENT_READ_FID - RSI_FID_FIRST] = rsi_measurement_read,
	[RSI_MEASUREMENT_EXTEND_FID - RSI_FID_FIRST] = rsi_measurement_extend,
	[RSI_ATTESTATION_TOKEN_INIT_FID - RSI_FID_FIRST] = rsi_attest_token_init,
	[RSI_ATTESTATION_TOKEN_CONTINUE_FID - RSI_FID_FIRST] = rsi_attest_token_continue,
	[RSI_REALM_CONFIG_FID - RSI_FID_FIRST] = rsi_realm_config,
	[RSI_IPA_STATE_SET_FID - RSI_FID_FIRST] = rsi_ipa_state_set,
	[RSI_IPA_STATE_GET_FID - RSI_FID_FIRST] = rsi_ipa_state_get,
	[RSI_HOST_CALL_FID - RSI_FID_FIRST] = rsi_host_call,
};

/* DEN0137 1.0 defines exactly these ten RSI commands, contiguous from 0xC4000190. */
_Static_assert(RSI_FID_COUNT == 10U, "RSI table must cover the ten 1.0 commands");

/* PSCI: standard secure service function numbers 0x00..0x1F, SMC32 or SMC64. */
static bool fid_is_psci(uint64_t fid)
{
	uint64_t base = fid & ~0x1FULL;

	return base == 0x84000000ULL || base == 0xC4000000ULL;
}

void rsi_handle_smc(struct rmm *rmm, struct rec *rec, struct rsi_result *res)
{
	uint64_t fid = rec->regs.x[0];

	memset(res, 0, sizeof(*res));
	res->action = RSI_RETURN_TO_REALM;
	res->advance_pc = true;
	if (fid >= RSI_FID_FIRST && fid <= RSI_FID_LAST) {
		rsi_table[fid - RSI_FID_FIRST](rmm, rec, res);
	} else if (fid_is_psci(fid) || fid == SMCCC_VERSION_FID) {
		psci_realm_handle(rmm, rec, fid, res);
	} else {
		/* As for the host: X1..X3 read 0 (docs/conformance.md "Undefined outputs"). */
		rec->regs.x[0] = SMC_UNKNOWN;
		rec->regs.x[1] = 0;
		rec->regs.x[2] = 0;
		rec->regs.x[3] = 0;
	}
}

struct rd *rsi_rd_lock(struct rmm *rmm, const struct rec *rec, struct granule **g_rd)
{
	*g_rd = granule_find(rmm, rec->owner);
	granule_lock(*g_rd);
	return rd_map(rmm, *g_rd);
}

void rsi_rd_unlock(struct granule *g_rd)
{
	granule_unlock(g_rd);
}

void rsi_exit(struct rec *rec, uint64_t reason, struct rsi_result *res)
{
	memset(&res->exit, 0, sizeof(res->exit));
	res->action = RSI_EXIT_TO_HOST;
	res->advance_pc = true;
	res->exit.reason = reason;
	/* Not an abort: REC_ENTER refuses emul_mmio / inject_sea after it. */
	rec->emulatable_abort = false;
	rec->last_exit_esr = 0;
	rec->last_fault_ipa = 0;
}
