/* SPDX-License-Identifier: BSD-3-Clause */
/* Cases on a running realm: the realm agent driven from the case (conform_agent.h). */
#include <stdlib.h>

#include "conform_agent.h"

/* The RMM's invariants after the agent's RMI calls (REC_ENTER, RTT/DATA set-up). */
static bool agent_invariants(struct conform_ctx *c)
{
	char msg[160];

	msg[0] = '\0';
	if (!conform_obs_invariants(c, msg, sizeof(msg))) {
		return conform_fail(c, "invariant violated after the realm ran: %s", msg);
	}
	return true;
}

static bool agent_error(struct conform_ctx *c, struct agent *a, const char *what,
			enum agent_status st)
{
	if (st == AGENT_EXIT) {
		return conform_fail(c, "%s: unexpected REC exit, reason %llu (esr 0x%llx)", what,
				    (unsigned long long)a->exit.reason,
				    (unsigned long long)a->exit.esr);
	}
	return conform_fail(c, "%s: %s", what, a->rh.res.error[0] ? a->rh.res.error : "failed");
}

struct agent *conform_agent_new(struct conform_ctx *c, unsigned num_recs)
{
	struct agent *a = calloc(1, sizeof(*a));
	struct rh_config cfg = { .num_recs = num_recs };

	if (a == NULL) {
		conform_fail(c, "out of memory");
		return NULL;
	}
	cfg.vmid = (unsigned)c->next_vmid++;
	cfg.slot = c->next_slot++;
	cfg.rmi_abi = c->abi; /* 2.0 cases: the agent host speaks 2.0 (realm_host rh_v2.c) */
	if (!agent_init(a, c->sim, &cfg)) {
		conform_fail(c, "setup: realm agent: %s", a->rh.res.error);
		conform_agent_free(a);
		return NULL;
	}
	if (!agent_invariants(c)) {
		conform_agent_free(a);
		return NULL;
	}
	return a;
}

void conform_agent_free(struct agent *a)
{
	if (a != NULL) {
		agent_fini(a);
		free(a);
	}
}

void conform_got(struct conform_ctx *c, uint64_t x0)
{
	c->called = true;
	c->got = x0;
}

bool conform_agent_smc(struct conform_ctx *c, struct agent *a, const uint64_t x[11],
		       uint64_t out[8])
{
	uint64_t res[8] = { 0 };
	enum agent_status st = agent_smc(a, x, res);

	if (!agent_invariants(c)) {
		return false;
	}
	if (st != AGENT_DONE) {
		return agent_error(c, a, conform_fid_name(x[0]), st);
	}
	for (unsigned i = 0; out != NULL && i < 8; i++) {
		out[i] = res[i];
	}
	return true;
}

bool conform_rsi_call(struct conform_ctx *c, struct agent *a, const uint64_t x[11],
		      uint64_t out[8])
{
	uint64_t res[8] = { 0 };

	if (!conform_agent_smc(c, a, x, res)) {
		return false;
	}
	conform_got(c, res[0]);
	for (unsigned i = 0; out != NULL && i < 8; i++) {
		out[i] = res[i];
	}
	return true;
}

bool conform_agent_exit(struct conform_ctx *c, struct agent *a, const uint64_t x[11],
			uint64_t reason)
{
	enum agent_status st = agent_smc(a, x, NULL);

	if (!agent_invariants(c)) {
		return false;
	}
	if (st == AGENT_DONE) {
		return conform_fail(c, "setup: the realm's SMC 0x%llx completed (X0 0x%llx) "
				    "instead of exiting with reason %llu",
				    (unsigned long long)x[0],
				    (unsigned long long)agent_word(a, AGENT_W_RES),
				    (unsigned long long)reason);
	}
	if (st != AGENT_EXIT) {
		return agent_error(c, a, "setup: realm SMC", st);
	}
	if (a->exit.reason != reason) {
		return conform_fail(c, "setup: REC exit reason %llu, expected %llu",
				    (unsigned long long)a->exit.reason, (unsigned long long)reason);
	}
	return true;
}

bool conform_agent_resume(struct conform_ctx *c, struct agent *a, uint64_t flags,
			  const uint64_t *gprs, unsigned num_gprs, uint64_t out[8])
{
	enum agent_status st = agent_resume(a, flags, gprs, num_gprs);

	if (!agent_invariants(c)) {
		return false;
	}
	if (st != AGENT_DONE) {
		return agent_error(c, a, "REC_ENTER (resume)", st);
	}
	for (unsigned i = 0; out != NULL && i < 8; i++) {
		out[i] = agent_word(a, AGENT_W_RES + i);
	}
	return true;
}

bool conform_agent_resume_exit(struct conform_ctx *c, struct agent *a, uint64_t flags,
			       const uint64_t *gprs, unsigned num_gprs, uint64_t reason)
{
	enum agent_status st = agent_resume(a, flags, gprs, num_gprs);

	if (!agent_invariants(c)) {
		return false;
	}
	if (st == AGENT_DONE) {
		return conform_fail(c, "REC_ENTER (resume): the command completed instead of "
				    "exiting with reason %llu", (unsigned long long)reason);
	}
	if (st != AGENT_EXIT) {
		return agent_error(c, a, "REC_ENTER (resume)", st);
	}
	if (a->exit.reason != reason) {
		return conform_fail(c, "REC_ENTER (resume): exit reason %llu, expected %llu",
				    (unsigned long long)a->exit.reason, (unsigned long long)reason);
	}
	return true;
}

bool conform_agent_populate(struct conform_ctx *c, struct agent *a, ipa_t ipa)
{
	if (!rh_data_unknown(&a->rh, ipa)) {
		return conform_fail(c, "setup: populate 0x%llx: %s", (unsigned long long)ipa,
				    a->rh.res.error);
	}
	return agent_invariants(c);
}

bool conform_agent_load(struct conform_ctx *c, struct agent *a, ipa_t ipa, uint64_t *val)
{
	enum agent_status st = agent_load(a, ipa, val);

	if (!agent_invariants(c)) {
		return false;
	}
	if (st != AGENT_DONE) {
		return agent_error(c, a, "realm load", st);
	}
	return true;
}
