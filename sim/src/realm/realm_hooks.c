/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unicorn hooks of a realm engine, all installed at creation, before the
 * first run (DESIGN.md: a memory hook added later leaves earlier code on
 * the fast path):
 *  - read/write hooks over the window: the stage-2 permission check of every
 *    data access. Unicorn 2.0.1 runs the hook before the access, completes
 *    the access, and stops right after the instruction with PC still at it
 *    (measured): the hook saves the register file and the bytes a store
 *    will overwrite, and makes a refused store land in a throwaway page;
 *  - a block hook: instruction count, budget, the stage-2 execute check
 *    (QEMU ends a translation block at a page boundary) and trapped WFE;
 *  - the interrupt hook: smc, hvc, svc/brk, undefined instructions (trapped
 *    WFI, DC ZVA under HCR_EL2.TDZ, unknown sysregs);
 *  - the unmapped/protection hook: accesses beyond the IPA space.
 * Addresses are the realm's VAs; realm_s1.c turns them into IPAs.
 * Hooks latch one event and stop the engine; realm_cpu.c acts on it.
 */
#include <stdio.h>
#include <string.h>

#include "realm_private.h"

static void snapshot(struct realm_cpu *rc, uint64_t pc)
{
	struct realm_fault *f = &rc->fault;

	for (unsigned i = 0; i < 31; i++)
		f->x[i] = realm_reg(rc, i < 29 ? UC_ARM64_REG_X0 + (int)i
					       : UC_ARM64_REG_X29 + (int)(i - 29));
	f->sp = realm_reg(rc, UC_ARM64_REG_SP);
	f->nzcv = realm_reg(rc, UC_ARM64_REG_NZCV);
	f->pc = pc;
	f->old_len = 0;
}

/* Latch a stage-2 data abort; the first refused access of the instruction wins. */
static void latch_dabt(struct realm_cpu *rc, uint64_t va, uint64_t ipa, bool write,
		       uint64_t fsc)
{
	uint64_t pc = realm_reg(rc, UC_ARM64_REG_PC);
	uint32_t insn = 0;
	bool valid = realm_fetch_insn(rc, pc, &insn);

	rc->event = REALM_EV_ABORT;
	rc->exit.kind = REALM_EXIT_DATA_ABORT;
	rc->exit.esr = realm_syndrome_dabt(insn, valid, write, fsc);
	rc->exit.far = va;
	rc->exit.ipa = ipa;
	rc->exit.hpfar = (ipa >> REALM_PAGE_SHIFT) << 4;
	snapshot(rc, pc);
	uc_emu_stop(rc->uc);
}

static void latch_walk_abort(struct realm_cpu *rc, uint64_t va, uint64_t table_ipa,
			     bool write)
{
	rc->event = REALM_EV_ABORT;
	rc->exit.kind = REALM_EXIT_DATA_ABORT;
	rc->exit.esr = realm_syndrome_dabt_walk(write, REALM_FSC_TRANSLATION(3));
	rc->exit.far = va;
	rc->exit.ipa = table_ipa;
	rc->exit.hpfar = (table_ipa >> REALM_PAGE_SHIFT) << 4;
	snapshot(rc, realm_reg(rc, UC_ARM64_REG_PC));
	uc_emu_stop(rc->uc);
}

/*
 * A stage-1 fault of the realm's own translation: the realm takes it at
 * VBAR_EL1 (realm_cpu.c undoes the instruction as for a stage-2 abort,
 * then enters EL1 with @esr_el1 and FAR_EL1 = @va).
 */
static void latch_s1_fault(struct realm_cpu *rc, uint64_t va, uint64_t esr_el1, uint64_t pc)
{
	rc->event = REALM_EV_S1_FAULT;
	rc->svc_esr = esr_el1;
	rc->s1_far = va;
	snapshot(rc, pc);
	uc_emu_stop(rc->uc);
}

/* The EL the realm runs at, read only when its stage 1 is on (the only user). */
static int s1_el0(const struct realm_cpu *rc)
{
	return (rc->s1.sctlr & 1U) ? realm_s1_el0(rc) : 0;
}

/* Keep the bytes of [ipa, ipa + len) that sit in writable mapped pages. */
static void save_old_bytes(struct realm_cpu *rc, uint64_t ipa, unsigned len)
{
	struct realm_fault *f = &rc->fault;

	if (len > REALM_UNDO_MAX)
		len = REALM_UNDO_MAX;
	if (ipa >= rc->ipa_size || len > rc->ipa_size - ipa)
		return;
	memcpy(f->old, rc->window + ipa, len);
	f->old_ipa = ipa;
	f->old_len = len;
}

/*
 * A data access that faults at stage 1: the first faulting byte's VA is
 * FAR_EL1. Unicorn's own walker usually faults too (then nothing is
 * accessed); where it does not (e.g. an output address beyond
 * TCR_EL1.IPS, which QEMU 5 does not check) a store is still made
 * harmless or undone like a refused stage-2 store.
 */
static void s1_fault_access(struct realm_cpu *rc, uint64_t va, unsigned len, bool write,
			    int el0, bool first, uint64_t fsc)
{
	uint64_t fva = first ? va : ((va + len - 1) & ~REALM_PAGE_MASK);
	uint64_t ipa;

	if (rc->event == REALM_EV_ABORT || rc->event == REALM_EV_S1_FAULT)
		return;
	latch_s1_fault(rc, fva, realm_syndrome_s1_dabt(el0 != 0, write, fsc),
		       realm_reg(rc, UC_ARM64_REG_PC));
	if (!write)
		return; /* a load's destination comes back with the snapshot */
	for (uint64_t a = va & ~REALM_PAGE_MASK; a <= va + len - 1; a += REALM_CPU_PAGE_SIZE) {
		if (realm_s1_translate(rc, a < va ? va : a, REALM_S1_READ, REALM_S1_RAW, &ipa,
				       NULL) != REALM_S1_OK ||
		    ipa >= rc->ipa_size)
			continue;
		if (realm_s2_prot(rc, ipa) & REALM_PROT_W) {
			if (a <= va)
				save_old_bytes(rc, ipa, len);
		} else if (!realm_s2_make_harmless(rc, ipa)) {
			rc->exit.kind = REALM_EXIT_UNSUPPORTED;
		}
	}
}

static void hook_mem(uc_engine *uc, uc_mem_type type, uint64_t va, int size, int64_t value,
		     void *opaque)
{
	struct realm_cpu *rc = opaque;
	bool write = type == UC_MEM_WRITE;
	unsigned need = write ? REALM_PROT_W : REALM_PROT_R;
	unsigned len = size > 0 ? (unsigned)size : 1;
	uint64_t lastva = va + len - 1, ipa, last, bad, fsc1 = 0, fsc2 = 0;
	int el0 = s1_el0(rc);
	enum realm_s1_access acc = write ? REALM_S1_WRITE : REALM_S1_READ;
	enum realm_s1_result r1 = realm_s1_translate(rc, va, acc, el0, &ipa, &fsc1);
	enum realm_s1_result r2 = realm_s1_translate(rc, lastva, acc, el0, &last, &fsc2);
	bool first_ok, last_ok;
	unsigned prot;

	if (r1 == REALM_S1_FAULT || r2 == REALM_S1_FAULT) {
		s1_fault_access(rc, va, len, write, el0, r1 == REALM_S1_FAULT,
				r1 == REALM_S1_FAULT ? fsc1 : fsc2);
		return;
	}
	if (r1 == REALM_S1_S2_FAULT_ON_WALK || r2 == REALM_S1_S2_FAULT_ON_WALK) {
		/* Unicorn's walk reads zeros there (realm_s2.c) and faults: nothing to undo. */
		if (rc->event != REALM_EV_ABORT)
			latch_walk_abort(rc, r1 == REALM_S1_S2_FAULT_ON_WALK ? va : lastva,
					 r1 == REALM_S1_S2_FAULT_ON_WALK ? ipa : last, write);
		return;
	}
	first_ok = (realm_s2_prot(rc, ipa) & need) != 0;
	last_ok = (realm_s2_prot(rc, last) & need) != 0;
	if (first_ok && last_ok)
		return;
	/* An access across two pages faults on the first refused byte. */
	bad = first_ok ? (last & ~REALM_PAGE_MASK) : ipa;
	prot = realm_s2_prot(rc, bad);
	if (rc->event != REALM_EV_ABORT) {
		latch_dabt(rc, first_ok ? (lastva & ~REALM_PAGE_MASK) : va, bad, write,
			   prot ? REALM_FSC_PERMISSION(3) : REALM_FSC_TRANSLATION(3));
		if (write && (last - ipa) == len - 1)
			save_old_bytes(rc, ipa, len);
	}
	if (write) {
		/* The store still happens: make every refused page it touches harmless. */
		if ((!first_ok && !realm_s2_make_harmless(rc, ipa)) ||
		    (!last_ok && !realm_s2_make_harmless(rc, last)))
			rc->exit.kind = REALM_EXIT_UNSUPPORTED; /* mmap failed: report, not hide */
	}
}

static void latch_exit(struct realm_cpu *rc, enum realm_exit_kind kind, uint64_t esr);

/*
 * QEMU 5 does not trap WFE (HCR_EL2.TWE is ignored; WFE only yields) but
 * ends the translation block after it. With trap_wfe, a block whose last
 * instruction is WFE is let run (WFE has no effect) and the exit is taken
 * at the next block boundary with PC moved back to the WFE.
 */
static void note_wfe(struct realm_cpu *rc, uint64_t last)
{
	uint32_t insn = 0;
	bool wfe = false;

	if (realm_fetch_insn(rc, last, &insn) && realm_syndrome_wfx(insn, &rc->wfe_esr, &wfe) &&
	    wfe) {
		rc->wfe_pending = true;
		rc->wfe_pc = last;
	}
}

static void hook_block(uc_engine *uc, uint64_t va, uint32_t size, void *opaque)
{
	struct realm_cpu *rc = opaque;
	enum realm_s1_result r;
	uint64_t ipa = va;

	if (rc->in_tramp) {
		/* The engine's own ERET to EL0 (realm_cpu.c): stop at the first EL0 block. */
		if (va != rc->tramp)
			uc_emu_stop(uc);
		return;
	}
	if (rc->wfe_pending) {
		/* The previous block ended with a WFE: report it as if trapped before it. */
		latch_exit(rc, REALM_EXIT_WFE, rc->wfe_esr);
		return;
	}
	{
		int el0 = s1_el0(rc);
		uint64_t fsc = 0;

		r = realm_s1_translate(rc, va, REALM_S1_FETCH, el0, &ipa, &fsc);
		if (r == REALM_S1_OK)
			realm_s2_note_code(rc, ipa); /* translated, whether it may run or not */
		if (r == REALM_S1_FAULT) {
			/* Stage 1 refuses the fetch: the realm's own instruction abort. */
			latch_s1_fault(rc, va, realm_syndrome_s1_iabt(el0 != 0, fsc), va);
			return;
		}
	}
	if (r != REALM_S1_OK || !(realm_s2_prot(rc, ipa) & REALM_PROT_X)) {
		/* Stage-2 execute check: the block has not run yet. */
		uint64_t fsc = REALM_FSC_TRANSLATION(3);

		if (r == REALM_S1_OK && realm_s2_prot(rc, ipa))
			fsc = REALM_FSC_PERMISSION(3);
		rc->event = REALM_EV_ABORT;
		rc->exit.kind = REALM_EXIT_INSN_ABORT;
		rc->exit.esr = realm_syndrome_iabt(fsc) |
			       (r == REALM_S1_S2_FAULT_ON_WALK ? REALM_ESR_S1PTW : 0);
		rc->exit.far = va;
		rc->exit.ipa = ipa;
		rc->exit.hpfar = (ipa >> REALM_PAGE_SHIFT) << 4;
		snapshot(rc, va);
		uc_emu_stop(uc);
		return;
	}
	if (rc->budget && rc->insns >= rc->budget) {
		rc->event = REALM_EV_BUDGET;
		uc_emu_stop(uc);
		return;
	}
	if (rc->insns >= rc->timer_stop) {
		/* issue 12: a timer or host interrupt is due (realm_timer.c) */
		rc->event = REALM_EV_TIMER;
		uc_emu_stop(uc);
		return;
	}
	if (rc->pmu_track)
		realm_pmu_block(rc); /* issue 12: PMU filtering by EL */
	rc->insns += size / 4;
	if (rc->trap_wfe && size >= 4)
		note_wfe(rc, va + size - 4);
}

static void latch_exit(struct realm_cpu *rc, enum realm_exit_kind kind, uint64_t esr)
{
	rc->event = REALM_EV_EXIT;
	rc->exit.kind = kind;
	rc->exit.esr = esr;
	uc_emu_stop(rc->uc);
}

/*
 * DC ZVA writes memory without calling the memory hooks, so HCR_EL2.TDZ
 * traps it (as an undefined instruction) and the engine performs it: zero
 * the DCZID_EL0-sized block if the stage 2 allows writes, else a data abort
 * (WnR = 1, ISV = 0) with PC on the instruction.
 */
static void dc_zva(struct realm_cpu *rc, uint64_t pc, uint32_t insn)
{
	unsigned rt = insn & 0x1F;
	uint64_t va = rt == 31 ? 0
			       : realm_reg(rc, rt < 29 ? UC_ARM64_REG_X0 + (int)rt
						       : UC_ARM64_REG_X29 + (int)(rt - 29));
	uint64_t ipa, next = pc + 4;
	enum realm_s1_result r;
	unsigned prot;

	va &= ~(rc->zva_bytes - 1);
	r = realm_s1_walk(rc, va, &ipa);
	if (r == REALM_S1_S2_FAULT_ON_WALK) {
		latch_walk_abort(rc, va, ipa, true);
		return;
	}
	if (r != REALM_S1_OK) {
		rc->exit.intno = REALM_EXCP_DATA_ABORT;
		latch_exit(rc, REALM_EXIT_UNSUPPORTED, realm_syndrome_unknown());
		return;
	}
	prot = realm_s2_prot(rc, ipa);
	if (!(prot & REALM_PROT_W)) {
		latch_dabt(rc, va, ipa, true,
			   prot ? REALM_FSC_PERMISSION(3) : REALM_FSC_TRANSLATION(3));
		return;
	}
	/* The block is aligned and smaller than a page: one page, one check. */
	memset(rc->window + ipa, 0, rc->zva_bytes);
	(void)uc_ctl_remove_cache(rc->uc, ipa & ~REALM_PAGE_MASK,
				  (ipa & ~REALM_PAGE_MASK) + REALM_CPU_PAGE_SIZE);
	(void)uc_reg_write(rc->uc, UC_ARM64_REG_PC, &next);
}

static void hook_udef(struct realm_cpu *rc, uint64_t pc)
{
	uint32_t insn = 0;
	uint64_t esr;
	bool wfe;

	if (!realm_fetch_insn(rc, pc, &insn)) {
		latch_exit(rc, REALM_EXIT_UNDEF, realm_syndrome_unknown());
		return;
	}
	/* HCR_EL2.TWI/TWE trap WFI/WFE to EL2 as an undefined-instruction exception. */
	if ((insn & 0xFFFFFFE0U) == 0xD50B7420U && rc->zva_bytes)
		dc_zva(rc, pc, insn);
	else if (realm_syndrome_wfx(insn, &esr, &wfe))
		latch_exit(rc, wfe ? REALM_EXIT_WFE : REALM_EXIT_WFI, esr);
	else if (realm_syndrome_sysreg(insn, &esr))
		latch_exit(rc, REALM_EXIT_SYSREG, esr);
	else
		latch_exit(rc, REALM_EXIT_UNDEF, realm_syndrome_unknown());
}

static void hook_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct realm_cpu *rc = opaque;
	uint64_t pc = realm_reg(rc, UC_ARM64_REG_PC);
	uint32_t insn = 0;

	if (rc->event != REALM_EV_NONE) {
		uc_emu_stop(uc); /* an abort already latched wins */
		return;
	}
	switch (intno) {
	case REALM_EXCP_SMC:
	case REALM_EXCP_HVC:
		/* PC is past the instruction: its imm16 goes to the ISS. */
		(void)realm_fetch_insn(rc, pc - 4, &insn);
		if (intno == REALM_EXCP_SMC)
			latch_exit(rc, REALM_EXIT_SMC, realm_syndrome_imm16(REALM_ESR_EC_SMC64, insn));
		else
			latch_exit(rc, REALM_EXIT_HVC, realm_syndrome_imm16(REALM_ESR_EC_HVC64, insn));
		return;
	case REALM_EXCP_SWI:
		/* svc is taken to the realm's own EL1 (EC 0x15), PC past it. */
		(void)realm_fetch_insn(rc, pc - 4, &insn);
		rc->svc_esr = realm_syndrome_imm16(0x15, insn);
		rc->event = REALM_EV_SVC;
		uc_emu_stop(uc);
		return;
	case REALM_EXCP_BKPT:
		/* brk is taken to EL1 too (EC 0x3C), ELR at the brk. */
		(void)realm_fetch_insn(rc, pc, &insn);
		rc->svc_esr = realm_syndrome_imm16(0x3C, insn);
		rc->event = REALM_EV_SVC;
		uc_emu_stop(uc);
		return;
	case REALM_EXCP_UDEF:
		hook_udef(rc, pc);
		return;
	case REALM_EXCP_PREFETCH_ABORT: {
		/*
		 * Unicorn's walker refused to translate code before the block
		 * hook ran (PC = the fetch address): if ours finds the stage-1
		 * fault too, the realm takes it; otherwise the walkers disagree.
		 */
		int el0 = s1_el0(rc);
		uint64_t ipa, fsc = 0;

		if (realm_s1_translate(rc, pc, REALM_S1_FETCH, el0, &ipa, &fsc) == REALM_S1_FAULT) {
			latch_s1_fault(rc, pc, realm_syndrome_s1_iabt(el0 != 0, fsc), pc);
			return;
		}
		rc->exit.intno = intno;
		latch_exit(rc, REALM_EXIT_UNSUPPORTED, realm_syndrome_unknown());
		return;
	}
	default:
		/*
		 * e.g. a data abort of Unicorn's own walker where ours sees no
		 * stage-1 fault (hook_mem latches every one ours sees): the
		 * walkers disagree, and Unicorn does not expose its syndrome.
		 */
		rc->exit.intno = intno;
		latch_exit(rc, REALM_EXIT_UNSUPPORTED, realm_syndrome_unknown());
		return;
	}
}

/* Beyond the IPA space (or a write to the ERET page): stage-2 translation fault, level 0. */
static uint32_t hook_timer_sys(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp,
			       void *opaque)
{
	return realm_timer_sysreg(opaque, reg, cp) ? 1U : 0U;
}

static bool hook_unmapped(uc_engine *uc, uc_mem_type type, uint64_t va, int size,
			  int64_t value, void *opaque)
{
	struct realm_cpu *rc = opaque;
	uint64_t ipa = va;

	if (rc->event == REALM_EV_ABORT || rc->event == REALM_EV_S1_FAULT)
		return false; /* already latched: this access does not happen */
	if (realm_s1_walk(rc, va, &ipa) != REALM_S1_OK)
		ipa = va;
	if (type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT) {
		rc->event = REALM_EV_ABORT;
		rc->exit.kind = REALM_EXIT_INSN_ABORT;
		rc->exit.esr = realm_syndrome_iabt(REALM_FSC_TRANSLATION(0));
		rc->exit.far = va;
		rc->exit.ipa = ipa;
		rc->exit.hpfar = (ipa >> REALM_PAGE_SHIFT) << 4;
		snapshot(rc, va);
		uc_emu_stop(uc);
	} else {
		latch_dabt(rc, va, ipa, type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT,
			   REALM_FSC_TRANSLATION(0));
	}
	return false;
}

int realm_hooks_install(struct realm_cpu *rc, char *err, size_t err_len)
{
	uc_hook h;
	uc_err e;

	e = uc_hook_add(rc->uc, &h, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, (void *)hook_mem, rc, 0,
			rc->ipa_size + REALM_CPU_PAGE_SIZE - 1); /* + the ERET page */
	if (e == UC_ERR_OK)
		e = uc_hook_add(rc->uc, &h, UC_HOOK_BLOCK, (void *)hook_block, rc, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(rc->uc, &h, UC_HOOK_INTR, (void *)hook_intr, rc, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(rc->uc, &h, UC_HOOK_MEM_UNMAPPED | UC_HOOK_MEM_PROT,
				(void *)hook_unmapped, rc, 1, 0);
	/*
	 * issue 12: counters and EL1 timers on the platform's time base. MSRs
	 * reach realm_timer_sysreg through realm_s1.c's MSR hook: a second MSR
	 * hook on the engine breaks the first (measured with Unicorn 2.0.1).
	 */
	if (e == UC_ERR_OK)
		e = uc_hook_add(rc->uc, &h, UC_HOOK_INSN, (void *)hook_timer_sys, rc, 1, 0,
				UC_ARM64_INS_MRS);
	if (e != UC_ERR_OK) {
		snprintf(err, err_len, "realm: installing hooks: %s", uc_strerror(e));
		return -1;
	}
	return 0;
}
