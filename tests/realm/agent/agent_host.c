/* SPDX-License-Identifier: BSD-3-Clause */
/* agent_host: the realm agent driven one command at a time (agent_host.h). */
#include <inttypes.h>
#include <string.h>

#include "agent_host.h"
#include "den0137_abi.h"
#include "realm_hostcall.h"

#define ENTER_SIZE 0x800U
#define EXIT_OFFSET 0x800U

static uint64_t get64(const uint8_t *b, unsigned off)
{
	uint64_t v;

	memcpy(&v, b + off, sizeof(v));
	return v;
}

uint64_t agent_word(struct agent *a, unsigned w)
{
	uint64_t v = 0;

	(void)rmmsim_ns_read(a->rh.sim, a->mailbox_pa + 8U * w, &v, sizeof(v));
	return v;
}

static bool put_word(struct agent *a, unsigned w, uint64_t v)
{
	return rmmsim_ns_write(a->rh.sim, a->mailbox_pa + 8U * w, &v, sizeof(v));
}

bool agent_enter(struct agent *a, unsigned rec, uint64_t flags, const uint64_t *gprs,
		 unsigned num_gprs)
{
	static uint8_t run[2U * ENTER_SIZE];
	struct rh_rec *r = &a->rh.recs[rec];
	struct rh_ret ret;
	struct agent_exit *x = &a->exit;

	memset(run, 0, sizeof(run));
	memcpy(run + RMI_REC_RUN_ENTER_FLAGS_OFFSET, &flags, sizeof(flags));
	for (unsigned i = 0; gprs != NULL && i < num_gprs && i < 31U; i++)
		memcpy(run + RMI_REC_RUN_ENTER_GPRS_OFFSET + 8U * i, &gprs[i], 8U);
	memcpy(run + RMI_REC_RUN_ENTER_GICV3_HCR_OFFSET, &a->gic_hcr, 8U);
	for (unsigned i = 0; i < 16U; i++)
		memcpy(run + RMI_REC_RUN_ENTER_GICV3_LRS_OFFSET + 8U * i, &a->gic_lrs[i], 8U);
	if (!rmmsim_ns_write(a->rh.sim, r->run, run, ENTER_SIZE))
		return rh_fail(&a->rh, "cannot write RmiRecEnter");
	ret = rh_rmi(&a->rh, RMI_REC_ENTER_FID, r->pa, r->run, 0, 0);
	a->enters++;
	memset(x, 0, sizeof(*x));
	x->status = ret.status;
	x->index = ret.index;
	if (ret.status != RMI_SUCCESS)
		return true;
	if (!rmmsim_ns_read(a->rh.sim, r->run + EXIT_OFFSET, run + EXIT_OFFSET, ENTER_SIZE))
		return rh_fail(&a->rh, "cannot read RmiRecExit");
	x->reason = run[RMI_REC_RUN_EXIT_REASON_OFFSET];
	x->esr = get64(run, RMI_REC_RUN_EXIT_ESR_OFFSET);
	x->far = get64(run, RMI_REC_RUN_EXIT_FAR_OFFSET);
	x->hpfar = get64(run, RMI_REC_RUN_EXIT_HPFAR_OFFSET);
	for (unsigned i = 0; i < 31U; i++)
		x->gprs[i] = get64(run, RMI_REC_RUN_EXIT_GPRS_OFFSET + 8U * i);
	x->ripas_base = get64(run, RMI_REC_RUN_EXIT_RIPAS_BASE_OFFSET);
	x->ripas_top = get64(run, RMI_REC_RUN_EXIT_RIPAS_TOP_OFFSET);
	x->ripas_value = run[RMI_REC_RUN_EXIT_RIPAS_VALUE_OFFSET];
	x->imm = get64(run, RMI_REC_RUN_EXIT_IMM_OFFSET) & 0xFFFFU;
	x->cntv_ctl = get64(run, RMI_REC_RUN_EXIT_CNTV_CTL_OFFSET);
	x->cntp_ctl = get64(run, RMI_REC_RUN_EXIT_CNTP_CTL_OFFSET);
	x->cntv_cval = get64(run, RMI_REC_RUN_EXIT_CNTV_CVAL_OFFSET);
	x->cntp_cval = get64(run, RMI_REC_RUN_EXIT_CNTP_CVAL_OFFSET);
	x->pmu_ovf_status = run[RMI_REC_RUN_EXIT_PMU_OVF_STATUS_OFFSET];
	x->gic_hcr = get64(run, RMI_REC_RUN_EXIT_GICV3_HCR_OFFSET);
	x->gic_misr = get64(run, RMI_REC_RUN_EXIT_GICV3_MISR_OFFSET);
	x->gic_vmcr = get64(run, RMI_REC_RUN_EXIT_GICV3_VMCR_OFFSET);
	for (unsigned i = 0; i < 16U; i++) {
		x->gic_lrs[i] = get64(run, RMI_REC_RUN_EXIT_GICV3_LRS_OFFSET + 8U * i);
		a->gic_lrs[i] = x->gic_lrs[i];
	}
	return true;
}

/* The exit is the agent's doorbell store (emulatable write at the doorbell IPA). */
static bool is_doorbell(const struct agent *a)
{
	const struct agent_exit *x = &a->exit;

	return x->reason == RMI_EXIT_SYNC && ((x->esr >> 26) & 0x3FU) == 0x24U &&
	       (x->esr & (1ULL << 24)) != 0U && (x->hpfar >> 4) == (a->doorbell_ipa >> 12);
}

/* Enters until the doorbell (DONE), another exit (EXIT) or a failure. */
static enum agent_status run_until_doorbell(struct agent *a, uint64_t flags, const uint64_t *gprs,
					    unsigned num_gprs)
{
	unsigned irqs = 0;
	unsigned max_irq = a->max_irq ? a->max_irq : 64U;

	for (;;) {
		if (!agent_enter(a, a->rec, flags, gprs, num_gprs))
			return AGENT_FAILED;
		if (a->exit.status != RMI_SUCCESS) {
			rh_fail(&a->rh, "REC_ENTER: status %u index %u", a->exit.status, a->exit.index);
			return AGENT_FAILED;
		}
		if (is_doorbell(a))
			return AGENT_DONE;
		if (a->exit.reason != RMI_EXIT_IRQ)
			return AGENT_EXIT;
		a->irq_exits++;
		a->last_irq = a->exit;
		if (++irqs > max_irq) {
			rh_fail(&a->rh, "the agent made no progress (%u IRQ exits)", irqs);
			return AGENT_FAILED;
		}
		flags = 0;
		gprs = NULL;
		num_gprs = 0;
	}
}

enum agent_status agent_resume(struct agent *a, uint64_t flags, const uint64_t *gprs,
			       unsigned num_gprs)
{
	return run_until_doorbell(a, flags, gprs, num_gprs);
}

/* Starts the command in the mailbox: completes the doorbell store of the last exit. */
static enum agent_status command(struct agent *a)
{
	return run_until_doorbell(a, RMI_REC_ENTER_FLAG_EMUL_MMIO, NULL, 0);
}

enum agent_status agent_smc(struct agent *a, const uint64_t x[11], uint64_t out[8])
{
	enum agent_status st;

	put_word(a, AGENT_W_OP, AGENT_OP_SMC);
	for (unsigned i = 0; i < 11U; i++)
		put_word(a, AGENT_W_ARG + i, x[i]);
	st = command(a);
	for (unsigned i = 0; out != NULL && st == AGENT_DONE && i < 8U; i++)
		out[i] = agent_word(a, AGENT_W_RES + i);
	return st;
}

enum agent_status agent_load(struct agent *a, uint64_t va, uint64_t *val)
{
	enum agent_status st;

	put_word(a, AGENT_W_OP, AGENT_OP_LOAD);
	put_word(a, AGENT_W_ARG, va);
	put_word(a, AGENT_W_RES, 0);
	st = command(a);
	if (val != NULL)
		*val = agent_word(a, AGENT_W_RES);
	return st;
}

enum agent_status agent_store(struct agent *a, uint64_t va, uint64_t val)
{
	put_word(a, AGENT_W_OP, AGENT_OP_STORE);
	put_word(a, AGENT_W_ARG, va);
	put_word(a, AGENT_W_ARG + 1U, val);
	return command(a);
}

enum agent_status agent_fetch(struct agent *a, uint64_t va)
{
	put_word(a, AGENT_W_OP, AGENT_OP_FETCH);
	put_word(a, AGENT_W_ARG, va);
	return command(a);
}

bool agent_init(struct agent *a, struct rmmsim *sim, const struct rh_config *cfg)
{
	struct rh_config c = cfg != NULL ? *cfg : (struct rh_config){ 0 };
	unsigned w;
	struct rh_ret ret;
	uint64_t desc;

	memset(a, 0, sizeof(*a));
	w = c.ipa_bits ? c.ipa_bits : 32U;
	a->unprot_base = 1ULL << (w - 1U);
	a->mailbox_ipa = a->unprot_base + AGENT_MAILBOX_OFFSET;
	a->doorbell_ipa = a->unprot_base + AGENT_DOORBELL_OFFSET;
	c.rec_gprs[0] = a->mailbox_ipa;
	c.rec_gprs[1] = a->doorbell_ipa;
	c.flat_load_ipa = RH_LOAD_IPA;
	if (!rh_init(&a->rh, sim, &c) ||
	    !rh_build(&a->rh, realm_agent_image, sizeof(realm_agent_image)))
		return false;
	a->mailbox_pa = rh_ns_alloc(&a->rh);
	if (!a->mailbox_pa || !rh_rtt_ensure(&a->rh, a->mailbox_ipa, 3))
		return false;
	/* Host descriptor (structures.md §7): OA, MemAttr[4:2] = Normal WB, S2AP = RW. */
	desc = a->mailbox_pa | (0x6ULL << 2) | (0x3ULL << 6);
	if (a->rh.cfg.rmi_abi == 2) {
		/* RMI 2.0 host: the range form, same attributes (realm_host rh_v2.c). */
		if (!rh_v2_unprot_map(&a->rh, a->mailbox_ipa, a->mailbox_pa, 0x6))
			return false;
		ret.status = RMI_SUCCESS;
	} else {
		ret = rh_rmi(&a->rh, RMI_RTT_MAP_UNPROTECTED_FID, a->rh.rd, a->mailbox_ipa, 3,
			     desc);
	}
	if (ret.status != RMI_SUCCESS)
		return rh_fail(&a->rh, "RTT_MAP_UNPROTECTED: status %u index %u", ret.status,
			       ret.index);
	/* Run to the first doorbell. */
	if (run_until_doorbell(a, 0, NULL, 0) != AGENT_DONE)
		return rh_fail(&a->rh, "the agent did not start (exit reason %" PRIu64
			       ", esr 0x%" PRIx64 ")%s%s", a->exit.reason, a->exit.esr,
			       a->rh.res.error[0] ? ": " : "", a->rh.res.error);
	return true;
}

bool agent_teardown(struct agent *a)
{
	struct rh_ret ret;

	if (!a->rh.sim || !a->rh.created)
		return true;
	if (a->rh.cfg.rmi_abi == 2) {
		if (!rh_v2_unprot_unmap(&a->rh, a->mailbox_ipa))
			return false;
		return rh_teardown(&a->rh);
	}
	ret = rh_rmi(&a->rh, RMI_RTT_UNMAP_UNPROTECTED_FID, a->rh.rd, a->mailbox_ipa, 3, 0);
	if (ret.status != RMI_SUCCESS)
		return rh_fail(&a->rh, "RTT_UNMAP_UNPROTECTED: status %u", ret.status);
	return rh_teardown(&a->rh);
}

void agent_fini(struct agent *a)
{
	rh_fini(&a->rh);
}
