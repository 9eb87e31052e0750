/* SPDX-License-Identifier: BSD-3-Clause */
/* Realm engine life cycle and the run loop (docs/realm-cpu.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "realm_private.h"

/*
 * EL3/EL2 controls the engine runs under (DESIGN.md: an EL1 stage-1 walk
 * needs RW = 1 at EL3 and EL2): SCR_EL3 = NS | HCE | RW, HCR_EL2.RW, and
 * HCR_EL2.TWI/TWE per run to trap WFI/WFE (they then raise an
 * undefined-instruction exception the interrupt hook decodes).
 */
#define SCR_EL3_VALUE 0x501ULL
#define HCR_RW (1ULL << 31)
#define HCR_TWI (1ULL << 13)
#define HCR_TWE (1ULL << 14)
#define HCR_TDZ (1ULL << 28) /* DC ZVA bypasses the hooks: trapped, done by hand */
#define DCZID_DZP (1ULL << 4)

#define PSTATE_M_MASK 0xFULL
#define PSTATE_EL0T 0x0ULL
#define PSTATE_EL1H_MASKED 0x3C5ULL
#define SCTLR_M 1ULL
#define INSN_ERET 0xD69F03E0U

/* Never a PC (not 4-aligned): uc_emu_start runs until a hook stops it. */
#define RUN_UNTIL UINT64_MAX

bool realm_fetch_insn(const struct realm_cpu *rc, uint64_t va, uint32_t *insn)
{
	uint64_t ipa;

	if ((va & 3) || realm_s1_walk(rc, va, &ipa) != REALM_S1_OK ||
	    !(realm_s2_prot(rc, ipa) & (REALM_PROT_R | REALM_PROT_X)))
		return false;
	memcpy(insn, rc->window + ipa, sizeof(*insn));
	return true;
}

static int write_hcr(struct realm_cpu *rc, uint64_t hcr)
{
	if (hcr == rc->hcr)
		return 0;
	/* HCR_EL2: op0 3, op1 4, CRn 1, CRm 1, op2 0. */
	if (realm_cp_write(rc->uc, 3, 4, 1, 1, 0, hcr))
		return -EIO;
	rc->hcr = hcr;
	return 0;
}

/*
 * Entering EL0: writing PSTATE does not change the exception level in
 * Unicorn 2.0.1 (DESIGN.md), an ERET does. The engine keeps one read-only
 * page just above the IPA window holding an ERET; it runs it at EL1h with
 * ELR_EL1/SPSR_EL1 = the EL0 PC/PSTATE and the stage-1 MMU briefly off (so
 * the page is reachable whatever the realm's tables), stops at the EL0 PC,
 * then puts the realm's ELR_EL1, SPSR_EL1 and SCTLR_EL1 back. The EL0 PC
 * was translated with the MMU off there, and a register write from outside
 * does not flush QEMU's TLB (raw write): a TLBI VMALLE1 (whose write
 * function flushes) drops that identity translation, or an EL0 PC whose VA
 * is not its IPA would fetch from the wrong page.
 */
static int enter_el0(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs)
{
	struct rmm_vcpu_regs el1 = *regs;
	uint64_t pc = 0, pstate = 0;
	uc_err e;
	int ret;

	el1.pstate = PSTATE_EL1H_MASKED;
	el1.pc = rc->tramp;
	el1.elr_el1 = regs->pc;
	el1.spsr_el1 = regs->pstate;
	el1.sctlr_el1 = regs->sctlr_el1 & ~SCTLR_M;
	ret = realm_regs_load(rc, &el1);
	if (ret)
		return ret;
	rc->in_tramp = true;
	e = uc_emu_start(rc->uc, rc->tramp, RUN_UNTIL, 0, 0);
	rc->in_tramp = false;
	if (e != UC_ERR_OK || rc->event != REALM_EV_NONE)
		return -EIO;
	if (uc_reg_write(rc->uc, UC_ARM64_REG_ELR_EL1, &regs->elr_el1) != UC_ERR_OK ||
	    realm_cp_write(rc->uc, 3, 0, 4, 0, 0, regs->spsr_el1) ||
	    realm_cp_write(rc->uc, 3, 0, 1, 0, 0, regs->sctlr_el1) ||
	    realm_cp_write(rc->uc, 1, 0, 8, 7, 0, 0) || /* TLBI VMALLE1 */
	    uc_reg_read(rc->uc, UC_ARM64_REG_PC, &pc) != UC_ERR_OK ||
	    uc_reg_read(rc->uc, UC_ARM64_REG_PSTATE, &pstate) != UC_ERR_OK)
		return -EIO;
	return pc == regs->pc && (pstate & PSTATE_M_MASK) == PSTATE_EL0T ? 0 : -EIO;
}

/*
 * Back to EL1 from EL0 (an svc taken by the realm, or a new EL1 state after
 * an exit at EL0): no instruction gets there without Unicorn taking an
 * exception, which it never does with an interrupt hook (DESIGN.md). A
 * CPU context saved at EL1 at creation carries QEMU's cached EL1 flags;
 * restoring it and then loading every register gives an exact EL1 state.
 */
static int leave_el0(struct realm_cpu *rc)
{
	uint64_t pstate = 0, want;

	if (uc_reg_read(rc->uc, UC_ARM64_REG_PSTATE, &pstate) != UC_ERR_OK)
		return -EIO;
	if ((pstate & PSTATE_M_MASK) != PSTATE_EL0T)
		return 0;
	if (uc_context_restore(rc->uc, rc->ctx_el1) != UC_ERR_OK)
		return -EIO;
	/* The context brought back HCR_EL2 as it was saved: redo this run's traps. */
	want = rc->hcr;
	rc->hcr = HCR_RW | HCR_TDZ;
	if (write_hcr(rc, want))
		return -EIO;
	/* ... and VMPIDR_EL2 at its reset value. */
	want = rc->vmpidr;
	rc->vmpidr = 0;
	return want != 0 ? realm_cpu_set_vmpidr(rc, want) : 0;
}

int realm_load_state(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs)
{
	int ret = leave_el0(rc);

	if (ret)
		return ret;
	if ((regs->pstate & PSTATE_M_MASK) == PSTATE_EL0T)
		return enter_el0(rc, regs);
	return realm_regs_load(rc, regs);
}

static int tramp_init(struct realm_cpu *rc)
{
	const uint32_t eret = INSN_ERET;

	rc->tramp = rc->ipa_size;
	if (uc_mem_map(rc->uc, rc->tramp, REALM_CPU_PAGE_SIZE, UC_PROT_READ | UC_PROT_EXEC) !=
		    UC_ERR_OK ||
	    uc_mem_write(rc->uc, rc->tramp, &eret, sizeof(eret)) != UC_ERR_OK)
		return -1;
	return 0;
}

struct realm_cpu *realm_cpu_create(int memfd, const struct realm_cpu_bank *banks,
				   unsigned num_banks, unsigned ipa_bits, char *err,
				   size_t err_len)
{
	struct realm_cpu *rc;
	uint64_t dczid = 0;
	uc_err e;

	if (memfd < 0 || (num_banks && !banks) || num_banks > REALM_CPU_MAX_BANKS ||
	    ipa_bits < REALM_CPU_MIN_IPA_BITS || ipa_bits > REALM_CPU_MAX_IPA_BITS) {
		snprintf(err, err_len, "realm: bad arguments (ipa_bits %u, %u banks)", ipa_bits,
			 num_banks);
		return NULL;
	}
	rc = calloc(1, sizeof(*rc));
	if (!rc) {
		snprintf(err, err_len, "realm: out of memory");
		return NULL;
	}
	rc->memfd = memfd;
	rc->sink_fd = -1;
	rc->num_banks = num_banks;
	if (num_banks)
		memcpy(rc->banks, banks, num_banks * sizeof(*banks));
	rc->ipa_bits = ipa_bits;
	rc->ipa_size = 1ULL << ipa_bits;
	rc->hcr = ~0ULL;
	e = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &rc->uc);
	if (e != UC_ERR_OK) {
		snprintf(err, err_len, "realm: uc_open: %s", uc_strerror(e));
		free(rc);
		return NULL;
	}
	if (realm_s2_init(rc, err, err_len) || realm_hooks_install(rc, err, err_len))
		goto fail;
	if (realm_s1_install(rc) || tramp_init(rc) ||
	    uc_context_alloc(rc->uc, &rc->ctx_el1) != UC_ERR_OK) {
		snprintf(err, err_len, "realm: installing the MSR hook or the ERET page failed");
		goto fail;
	}
	/*
	 * DCZID_EL0 (op0 3, op1 3, CRn 0, CRm 0, op2 7; BS = log2(words)), read
	 * before HCR_EL2.TDZ is set: QEMU reports DZP = 1 once DC ZVA traps,
	 * which is also what the realm then sees, as on hardware.
	 */
	if (realm_cp_read(rc->uc, 3, 3, 0, 0, 7, &dczid) == 0 && !(dczid & DCZID_DZP))
		rc->zva_bytes = 4ULL << (dczid & 0xF);
	if (realm_cp_write(rc->uc, 3, 6, 1, 1, 0, SCR_EL3_VALUE) || write_hcr(rc, HCR_RW | HCR_TDZ) ||
	    uc_context_save(rc->uc, rc->ctx_el1) != UC_ERR_OK) {
		snprintf(err, err_len, "realm: writing SCR_EL3/HCR_EL2 or saving the EL1 context failed");
		goto fail;
	}
	return rc;
fail:
	realm_cpu_destroy(rc);
	return NULL;
}

void realm_cpu_destroy(struct realm_cpu *rc)
{
	if (!rc)
		return;
	if (rc->ctx_el1)
		(void)uc_context_free(rc->ctx_el1);
	if (rc->uc)
		(void)uc_close(rc->uc);
	realm_s2_fini(rc);
	free(rc);
}

uint64_t realm_cpu_total_insns(const struct realm_cpu *rc)
{
	return rc ? rc->total_insns : 0;
}

/*
 * Undo a refused access (DESIGN.md: uc_emu_stop does not stop the access
 * that triggered it): stray pages first, then the bytes a store wrote into
 * writable pages, then the register file as it was before the instruction.
 */
static int undo_abort(struct realm_cpu *rc)
{
	struct realm_fault *f = &rc->fault;
	static const int core[] = { UC_ARM64_REG_SP, UC_ARM64_REG_NZCV, UC_ARM64_REG_PC };
	const uint64_t vals[] = { f->sp, f->nzcv, f->pc };
	uc_err e = UC_ERR_OK;

	realm_s2_restore_stray(rc);
	for (unsigned i = 0; i < f->old_len; i++) {
		uint64_t a = f->old_ipa + i;

		if (realm_s2_prot(rc, a) & REALM_PROT_W)
			rc->window[a] = f->old[i];
	}
	for (unsigned i = 0; i < 31 && e == UC_ERR_OK; i++)
		e = uc_reg_write(rc->uc, i < 29 ? UC_ARM64_REG_X0 + (int)i
						: UC_ARM64_REG_X29 + (int)(i - 29),
				 &f->x[i]);
	for (unsigned i = 0; i < 3 && e == UC_ERR_OK; i++)
		e = uc_reg_write(rc->uc, core[i], &vals[i]);
	return e == UC_ERR_OK ? 0 : -EIO;
}

/* A WFE exit: PC back at the WFE, which does not count as executed. */
static int wfe_rewind(struct realm_cpu *rc)
{
	uint64_t pc = rc->wfe_pc;

	rc->wfe_pending = false;
	if (rc->insns)
		rc->insns--;
	return uc_reg_write(rc->uc, UC_ARM64_REG_PC, &pc) == UC_ERR_OK ? 0 : -EIO;
}

int realm_cpu_set_vmpidr(struct realm_cpu *rc, uint64_t vmpidr)
{
	if (!rc)
		return -EINVAL;
	if (vmpidr == rc->vmpidr)
		return 0;
	/* VMPIDR_EL2: op0 3, op1 4, CRn 0, CRm 0, op2 5. */
	if (realm_cp_write(rc->uc, 3, 4, 0, 0, 5, vmpidr))
		return -EIO;
	rc->vmpidr = vmpidr;
	return 0;
}

/*
 * svc/brk, or a stage-1 fault (@s1: FAR_EL1 = the faulting VA): the
 * realm's own EL1 takes it, then the run goes on.
 */
static int take_to_el1(struct realm_cpu *rc, bool s1)
{
	struct rmm_vcpu_regs r;
	int ret = realm_regs_save(rc, &r);

	if (ret == 0)
		ret = realm_cpu_inject_sync(rc, &r, rc->svc_esr, s1 ? rc->s1_far : r.far_el1);
	if (ret == 0)
		ret = realm_load_state(rc, &r);
	return ret;
}

int realm_cpu_run(struct realm_cpu *rc, struct rmm_vcpu_regs *regs, uint64_t insn_budget,
		  bool trap_wfi, bool trap_wfe, struct realm_exit *exit)
{
	int ret;

	if (!rc || !regs || !exit)
		return -EINVAL;
	ret = write_hcr(rc, HCR_RW | HCR_TDZ | (trap_wfi ? HCR_TWI : 0) | (trap_wfe ? HCR_TWE : 0));
	rc->event = REALM_EV_NONE;
	if (ret == 0)
		ret = realm_load_state(rc, regs);
	if (ret)
		return ret;
	realm_s1_load(rc, regs);
	rc->insns = 0;
	realm_timer_load(rc, regs); /* issue 12 */
	rc->budget = insn_budget;
	rc->trap_wfe = trap_wfe;
	rc->wfe_pending = false;
	for (;;) {
		uc_err e;

		rc->event = REALM_EV_NONE;
		memset(&rc->exit, 0, sizeof(rc->exit));
		rc->num_stray = 0;
		e = uc_emu_start(rc->uc, realm_reg(rc, UC_ARM64_REG_PC), RUN_UNTIL, 0, 0);
		if (rc->event == REALM_EV_ABORT) {
			ret = undo_abort(rc);
			break;
		}
		if (rc->event == REALM_EV_NONE && rc->wfe_pending) {
			/* Stopped right after the WFE's block (e.g. untrapped WFI next). */
			rc->event = REALM_EV_EXIT;
			rc->exit.kind = REALM_EXIT_WFE;
			rc->exit.esr = rc->wfe_esr;
		}
		if (rc->event == REALM_EV_EXIT) {
			if (rc->exit.kind == REALM_EXIT_WFE && rc->wfe_pending)
				ret = wfe_rewind(rc);
			break;
		}
		if (rc->event == REALM_EV_BUDGET) {
			rc->exit.kind = REALM_EXIT_BUDGET;
			break;
		}
		if (rc->event == REALM_EV_S1_FAULT) {
			/* The instruction did not happen; its fault goes to the realm. */
			ret = undo_abort(rc);
			if (ret == 0 && rc->exit.kind == REALM_EXIT_UNSUPPORTED)
				break; /* a store could not be made harmless: report it */
			if (ret == 0)
				ret = take_to_el1(rc, true);
			if (ret)
				break;
			continue;
		}
		if (rc->event == REALM_EV_TIMER) {
			if (!realm_timer_due(rc))
				continue; /* --realtime: not due yet */
			rc->exit.kind = REALM_EXIT_TIMER;
			break;
		}
		if (rc->event == REALM_EV_SVC) {
			ret = take_to_el1(rc, false);
			if (ret)
				break;
			continue;
		}
		if (e != UC_ERR_OK) {
			ret = -EIO;
			break;
		}
		/*
		 * Stopped by itself: an untrapped WFI halts the engine with PC past
		 * it (measured). No interrupt is modelled, so it wakes at once.
		 */
	}
	rc->exit.insns = rc->insns;
	rc->total_insns += rc->insns;
	*exit = rc->exit;
	if (ret == 0)
		ret = realm_regs_save(rc, regs);
	if (ret == 0)
		realm_timer_save(rc, regs); /* over Unicorn's copies of the timer registers */
	return ret;
}

/* The engine's own state between runs (realm_cpu_state_save). */
struct realm_cpu_state {
	uc_context *ctx;
	uint64_t hcr, vmpidr, total_insns;
};

struct realm_cpu_state *realm_cpu_state_save(struct realm_cpu *rc)
{
	struct realm_cpu_state *s;

	if (!rc || (s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	if (uc_context_alloc(rc->uc, &s->ctx) != UC_ERR_OK || uc_context_save(rc->uc, s->ctx) != UC_ERR_OK) {
		realm_cpu_state_free(s);
		return NULL;
	}
	s->hcr = rc->hcr;
	s->vmpidr = rc->vmpidr;
	s->total_insns = rc->total_insns;
	return s;
}

int realm_cpu_state_restore(struct realm_cpu *rc, const struct realm_cpu_state *s)
{
	if (!rc || !s)
		return -EINVAL;
	if (uc_context_restore(rc->uc, s->ctx) != UC_ERR_OK)
		return -EIO;
	/* The cached copies of HCR_EL2 and VMPIDR_EL2 are what the context holds. */
	rc->hcr = s->hcr;
	rc->vmpidr = s->vmpidr;
	rc->total_insns = s->total_insns;
	return 0;
}

void realm_cpu_state_free(struct realm_cpu_state *s)
{
	if (!s)
		return;
	if (s->ctx)
		(void)uc_context_free(s->ctx);
	free(s);
}
