/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * agent_host: drives the realm agent (realm_agent.S) from the native rmmsim
 * API, one command at a time. The realm is built by realm_host (rh_build of
 * the flat agent image at RH_LOAD_IPA) with one REC whose X0/X1 name the
 * mailbox (an Unprotected IPA mapped to an NS page) and the doorbell (an
 * unmapped Unprotected IPA). Each command: write the mailbox, REC_ENTER
 * (emul_mmio completing the doorbell store) until the agent rings the
 * doorbell again. Any other exit stops the command and is handed to the
 * caller, who handles it (RMI_RTT_SET_RIPAS, host call results,
 * RMI_PSCI_COMPLETE, ...) and calls agent_resume().
 */
#ifndef AGENT_HOST_H
#define AGENT_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "realm_agent.h"
#include "realm_host.h"

/* The Unprotected IPAs the agent uses, as offsets from 2^(w-1). */
#define AGENT_MAILBOX_OFFSET 0x10000ULL
#define AGENT_DOORBELL_OFFSET 0x20000ULL

/* RecExit of the last REC_ENTER (structures.md §3b). */
struct agent_exit {
	unsigned status;          /* RMI status of REC_ENTER itself */
	unsigned index;
	uint64_t reason;
	uint64_t esr, far, hpfar;
	uint64_t gprs[31];
	uint64_t ripas_base, ripas_top, ripas_value;
	uint64_t imm;
	uint64_t cntv_ctl, cntp_ctl;
	uint64_t cntv_cval, cntp_cval;
	unsigned pmu_ovf_status;
	uint64_t gic_hcr, gic_misr, gic_vmcr;
	uint64_t gic_lrs[16];
};

enum agent_status {
	AGENT_DONE = 0,           /* the command ran; results in the mailbox */
	AGENT_EXIT = 1,           /* another REC exit: in a->exit, resume with agent_resume */
	AGENT_FAILED = 2,         /* REC_ENTER failed or the realm made no progress */
};

struct agent {
	struct rh_realm rh;
	ipa_t unprot_base;        /* 2^(w-1) */
	ipa_t mailbox_ipa, doorbell_ipa;
	pa_t mailbox_pa;          /* NS page */
	unsigned rec;             /* REC index the commands run on */
	struct agent_exit exit;
	unsigned max_irq;         /* IRQ exits tolerated per command (0 = 64) */
	/*
	 * The host's virtual GIC state, written to RecEnter on every entry and
	 * refreshed from RecExit after it, as KVM keeps its shadow LRs.
	 */
	uint64_t gic_hcr;
	uint64_t gic_lrs[16];
	uint64_t enters;          /* REC_ENTER calls so far */
	/* RMI_EXIT_IRQ exits a command re-entered after, and the last of them. */
	unsigned irq_exits;
	struct agent_exit last_irq;
};

/*
 * Builds the agent realm (@cfg as for rh_init; rec_gprs X0/X1 are set
 * here) on @sim (NULL: a new default platform), maps the mailbox and runs
 * the agent to its first doorbell. False with a->rh.res.error set.
 */
bool agent_init(struct agent *a, struct rmmsim *sim, const struct rh_config *cfg);
/* Unmaps the mailbox and destroys the realm (rh_teardown); false with res.error set. */
bool agent_teardown(struct agent *a);
void agent_fini(struct agent *a);

/* One SMC from the realm with X0..X10 = @x; @out (may be NULL) gets X0..X7 after it. */
enum agent_status agent_smc(struct agent *a, const uint64_t x[11], uint64_t out[8]);
/* A 64-bit load / store / branch by the realm at @va (= IPA, stage 1 off). */
enum agent_status agent_load(struct agent *a, uint64_t va, uint64_t *val);
enum agent_status agent_store(struct agent *a, uint64_t va, uint64_t val);
enum agent_status agent_fetch(struct agent *a, uint64_t va);
/*
 * After AGENT_EXIT: REC_ENTER again with @flags and @gprs (RecEnter.gprs,
 * may be NULL) and continue the command.
 */
enum agent_status agent_resume(struct agent *a, uint64_t flags, const uint64_t *gprs,
			       unsigned num_gprs);
/* One raw REC_ENTER of REC @rec with @flags / @gprs; the RecExit in a->exit. */
bool agent_enter(struct agent *a, unsigned rec, uint64_t flags, const uint64_t *gprs,
		 unsigned num_gprs);
/* Mailbox word @w (AGENT_W_*). */
uint64_t agent_word(struct agent *a, unsigned w);

#endif /* AGENT_HOST_H */
