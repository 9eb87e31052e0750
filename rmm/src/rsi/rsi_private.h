/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared pieces of the RSI handlers: handler signature, RD access, realm buffers. */
#ifndef RMM_RSI_PRIVATE_H
#define RMM_RSI_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "realm.h"
#include "rsi.h"

/* Every RSI/PSCI handler: arguments in rec->regs, results in rec->regs or @res. */
#define RSI_HANDLER(name) void name(struct rmm *rmm, struct rec *rec, struct rsi_result *res)

RSI_HANDLER(rsi_version);
RSI_HANDLER(rsi_features);
RSI_HANDLER(rsi_measurement_read);
RSI_HANDLER(rsi_measurement_extend);
RSI_HANDLER(rsi_attest_token_init);
RSI_HANDLER(rsi_attest_token_continue);
RSI_HANDLER(rsi_realm_config);
RSI_HANDLER(rsi_ipa_state_set);
RSI_HANDLER(rsi_ipa_state_get);
RSI_HANDLER(rsi_host_call);
/* PSCI and SMCCC_VERSION (psci_realm.c). */
void psci_realm_handle(struct rmm *rmm, struct rec *rec, uint64_t fid, struct rsi_result *res);

/*
 * The RD of @rec's realm, locked. The REC's reference keeps the RD alive
 * (states.md §6), so the granule is an RD for as long as the REC runs.
 */
struct rd *rsi_rd_lock(struct rmm *rmm, const struct rec *rec, struct granule **g_rd);
/*
 * A realm created through RMI 2.0 (REALM_CREATE stored its instance ID, type
 * byte 0x01): its RSI is the 2.0 generation's (den0137-2.0 rsi.md: versions
 * 1.0 and 1.1, token profile "realm#2.0.0"). 1.0 realms keep the 1.0 RSI.
 */
static inline bool rsi_realm_is_v2(const struct rd *rd)
{
	return rd->v2_instance_id[0] == 0x01U;
}
void rsi_rd_unlock(struct granule *g_rd);

/* What a realm buffer IPA meets (states.md §4, as the RSI commands use it). */
enum rsi_buf_state {
	RSI_BUF_MAPPED = 0,   /* ASSIGNED, RIPAS RAM: usable */
	RSI_BUF_EMPTY = 1,    /* RIPAS EMPTY: RSI_ERROR_INPUT */
	RSI_BUF_UNMAPPED = 2, /* RIPAS RAM but UNASSIGNED, or DESTROYED: stage-2 abort exit */
};

struct rsi_buf {
	enum rsi_buf_state state;
	int level;            /* level of the leaf entry (the DFSC level of the abort) */
	uint8_t *ptr;         /* RSI_BUF_MAPPED: host pointer to the byte at the IPA */
};

/* Translates protected @ipa (< 2^(w-1)); RD lock held. */
void rsi_buf_lookup(struct rmm *rmm, const struct rd *rd, ipa_t ipa, struct rsi_buf *buf);

/*
 * RMI_EXIT_SYNC emulating a stage-2 translation fault at @level on @ipa
 * (psci-and-exits.md §3): esr = EC DataAbort | DFSC level, far = 0,
 * hpfar = ipa >> 8, PC not advanced so the realm re-issues the SMC.
 */
void rsi_stage2_abort(struct rec *rec, ipa_t ipa, int level, struct rsi_result *res);

/* Exit to the host with @reason (other exit fields zero), the SMC completed. */
void rsi_exit(struct rec *rec, uint64_t reason, struct rsi_result *res);

static inline void rsi_put64(uint8_t *buf, unsigned off, uint64_t v)
{
	for (unsigned i = 0; i < 8U; i++) {
		buf[off + i] = (uint8_t)(v >> (8U * i));
	}
}

#endif /* RMM_RSI_PRIVATE_H */
