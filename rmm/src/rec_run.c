/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The REC run loop: the success path of RMI_REC_ENTER once its checks have
 * passed. It applies the completions the host hands in (emulated MMIO
 * read, inject_sea, RIPAS response, trapped sysreg read, host call), then
 * runs the vCPU on the PE (rmm_plat.rec_run) and handles each trap to
 * R-EL2 inside the RMM until one needs the host:
 *
 *   SMC      -> RSI / PSCI / SMCCC (rsi/), exit only if the call needs the host
 *   HVC      -> UNDEFINED injected into the realm
 *   aborts   -> states.md §4 decision table: fill the stage-2 "TLB" for a
 *               valid mapping (s2_map), inject an SEA, or exit to the host
 *   WFI/WFE  -> RMI_EXIT_SYNC (only trapped when the host asked)
 *   sysreg   -> GIC registers forwarded (RMI_EXIT_SYNC), others RAZ/WI
 *   slice    -> RMI_EXIT_IRQ (the host's timer)
 *
 * RecExit field contents: psci-and-exits.md §3.
 */
#include <string.h>

#include "den0137_abi.h"
#include "realm.h"
#include "rec.h"
#include "rsi/rsi.h"
#include "s2tt.h"

/* ESR_ELx fields (Arm ARM D17.2.37). */
#define ESR_EC_SHIFT 26U
#define ESR_EC_MASK (0x3FULL << ESR_EC_SHIFT)
#define ESR_IL (1ULL << 25)
#define ESR_ISV (1ULL << 24)
#define ESR_SAS_SHIFT 22U
#define ESR_SAS_MASK (3ULL << ESR_SAS_SHIFT)
#define ESR_SSE (1ULL << 21)
#define ESR_SRT_SHIFT 16U
#define ESR_SF (1ULL << 15)
#define ESR_SET_MASK (3ULL << 11)
#define ESR_FNV (1ULL << 10)
#define ESR_EA (1ULL << 9)
#define ESR_S1PTW (1ULL << 7)
#define ESR_WNR (1ULL << 6)
#define ESR_FSC_MASK 0x3FULL
#define ESR_FSC_SEA 0x10ULL
#define ESR_FSC_IS_PERMISSION(fsc) (((fsc) & 0x3CULL) == 0x0CULL)

#define EC_UNKNOWN 0x00ULL
#define EC_WFX 0x01ULL
#define EC_SMC64 0x17ULL
#define EC_SYSREG 0x18ULL
#define EC_IABT_LOWER 0x20ULL
#define EC_IABT_SAME 0x21ULL
#define EC_DABT_LOWER 0x24ULL
#define EC_DABT_SAME 0x25ULL

/* psci-and-exits.md §3: what the host sees of each kind of abort. */
#define ESR_EMULATABLE_MASK                                                                  \
	(ESR_EC_MASK | ESR_ISV | ESR_SAS_MASK | ESR_SF | ESR_WNR | ESR_SET_MASK | ESR_FNV | \
	 ESR_EA | ESR_FSC_MASK)
#define ESR_NON_EMULATABLE_MASK (ESR_EC_MASK | ESR_SET_MASK | ESR_FNV | ESR_EA | ESR_FSC_MASK)

/* EC 0x18 ISS: Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1], read [0]. */
#define SYSREG_ISS_RT(esr) ((unsigned)(((esr) >> 5) & 0x1FU))
#define SYSREG_ISS_READ(esr) (((esr) & 1U) != 0U)
#define SYSREG_ISS_ID_MASK 0x3FFC1EULL /* everything but Rt and direction */
#define SYSREG_ISS_ID(op0, op1, crn, crm, op2)                                                \
	(((uint64_t)(op0) << 20) | ((uint64_t)(op2) << 17) | ((uint64_t)(op1) << 14) |        \
	 ((uint64_t)(crn) << 10) | ((uint64_t)(crm) << 1))
#define ICC_PMR_EL1_ID SYSREG_ISS_ID(3, 0, 4, 6, 0)
#define ICC_DIR_EL1_ID SYSREG_ISS_ID(3, 0, 12, 11, 1)
#define ICC_SGI1R_EL1_ID SYSREG_ISS_ID(3, 0, 12, 11, 5)
#define ICC_ASGI1R_EL1_ID SYSREG_ISS_ID(3, 1, 12, 11, 6)
#define ICC_SGI0R_EL1_ID SYSREG_ISS_ID(3, 2, 12, 11, 7)
#define ICH_HCR_TDIR (1ULL << 14)

/* PSTATE (SPSR format). */
#define PSTATE_M_MASK 0xFULL
#define PSTATE_M_EL0T 0x0ULL
#define PSTATE_M_EL1T 0x4ULL
#define PSTATE_M_EL1H 0x5ULL
#define PSTATE_RW_AARCH32 (1ULL << 4)
#define PSTATE_EXC_ENTRY 0x3C5ULL /* EL1h, DAIF masked */

#define S2AP_READ (1ULL << 6)
#define S2AP_WRITE (1ULL << 7)
#define GPI_NS 0x9

/* Internal iterations (lazy stage-2 fills, RSI calls) never come for free. */
#define REC_RUN_ITER_COST 16U

enum rec_step {
	REC_STEP_CONTINUE = 0, /* handled inside the RMM: run the realm again */
	REC_STEP_EXIT = 1,     /* @exit holds a REC exit for the host */
};

static bool realm_at_el1(const struct rec *rec)
{
	return (rec->regs.pstate & PSTATE_RW_AARCH32) == 0U &&
	       (rec->regs.pstate & PSTATE_M_MASK) != PSTATE_M_EL0T;
}

/* Synchronous exception to the realm's own EL1 (states.md §4, "How TF-RMM injects an SEA"). */
static void rec_take_sync(struct rec *rec, uint64_t esr_el1, uint64_t far, bool set_far)
{
	rec_regs_t *r = &rec->regs;
	uint64_t m = r->pstate & PSTATE_M_MASK;
	uint64_t offset;

	if ((r->pstate & PSTATE_RW_AARCH32) != 0U) {
		offset = 0x600U;
	} else if (m == PSTATE_M_EL0T) {
		offset = 0x400U;
	} else if (m == PSTATE_M_EL1T) {
		offset = 0x000U;
	} else {
		offset = 0x200U;
	}
	r->elr_el1 = r->pc;
	r->spsr_el1 = r->pstate;
	r->esr_el1 = esr_el1;
	if (set_far) {
		r->far_el1 = far;
	}
	r->pc = r->vbar_el1 + offset;
	r->pstate = PSTATE_EXC_ENTRY;
}

/*
 * SEA for the abort described by @esr_el2 at @far: EC from the same or a
 * lower EL, FSC = synchronous external abort, EA = 1, FnV = S1PTW = 0.
 */
static void rec_inject_sea(struct rec *rec, uint64_t esr_el2, uint64_t far, bool insn)
{
	uint64_t ec;
	uint64_t esr;

	if (insn) {
		ec = realm_at_el1(rec) ? EC_IABT_SAME : EC_IABT_LOWER;
	} else {
		ec = realm_at_el1(rec) ? EC_DABT_SAME : EC_DABT_LOWER;
	}
	esr = esr_el2 & ~(ESR_EC_MASK | ESR_FSC_MASK | ESR_FNV | ESR_S1PTW);
	esr |= (ec << ESR_EC_SHIFT) | ESR_FSC_SEA | ESR_EA;
	rec_take_sync(rec, esr, far, true);
}

/* UNDEFINED instruction at the current PC (ESR_EL1 = IL, EC 0). */
static void rec_inject_undef(struct rec *rec)
{
	rec_take_sync(rec, ESR_IL | (EC_UNKNOWN << ESR_EC_SHIFT), 0, false);
}

static void exit_begin(struct rsi_exit_info *exit, uint64_t reason)
{
	memset(exit, 0, sizeof(*exit));
	exit->reason = reason;
}

/* Records the exit cause REC_ENTER's inject_sea / emul_mmio checks look at. */
static void rec_note_exit(struct rec *rec, uint64_t esr, ipa_t ipa, uint64_t far, bool emulatable)
{
	rec->last_exit_esr = esr;
	rec->last_fault_ipa = ipa;
	rec->last_fault_far = far;
	rec->emulatable_abort = emulatable;
	rec->sysreg_read_pending = false;
}

/* Access size mask of a data abort with ISV = 1. */
static uint64_t dabt_size_mask(uint64_t esr)
{
	unsigned sas = (unsigned)((esr & ESR_SAS_MASK) >> ESR_SAS_SHIFT);

	return sas == 3U ? ~0ULL : (1ULL << (8U << sas)) - 1U;
}

/*
 * Stage-2 abort at a Protected IPA with no valid mapping (rows 3 and 4):
 * data and instruction aborts alike keep EC, SET, FnV, EA and the FSC.
 */
static void exit_protected_abort(struct rec *rec, const struct rmm_vcpu_run *run,
				 struct rsi_exit_info *exit)
{
	exit_begin(exit, RMI_EXIT_SYNC);
	exit->esr = run->esr & ESR_NON_EMULATABLE_MASK;
	exit->hpfar = run->hpfar;
	rec_note_exit(rec, run->esr, run->ipa, run->far, false);
}

/* Data abort at an Unprotected IPA (rows 6 and 7). */
static void exit_unprotected_dabt(struct rec *rec, const struct rmm_vcpu_run *run,
				  struct rsi_exit_info *exit)
{
	bool emulatable = (run->esr & ESR_ISV) != 0U && !ESR_FSC_IS_PERMISSION(run->esr & ESR_FSC_MASK);

	exit_begin(exit, RMI_EXIT_SYNC);
	exit->hpfar = run->hpfar;
	if (emulatable) {
		/* Row 6: the host may emulate the access (emul_mmio at the next entry). */
		exit->esr = run->esr & ESR_EMULATABLE_MASK;
		exit->far = run->far & 0xFFFU;
		if ((run->esr & ESR_WNR) != 0U) {
			unsigned rt = (unsigned)((run->esr >> ESR_SRT_SHIFT) & 0x1FU);

			exit->gprs[0] = rt == 31U ? 0U : rec->regs.x[rt] & dabt_size_mask(run->esr);
		}
	} else {
		/* Row 7: spec rule (psci-and-exits.md §3 correction): mask, far 0, gprs 0. */
		exit->esr = run->esr & ESR_NON_EMULATABLE_MASK;
	}
	rec_note_exit(rec, run->esr, run->ipa, run->far, emulatable);
}

static bool rec_s2_fill(struct rmm *rmm, const struct rd *rd, ipa_t ipa, pa_t pa, unsigned prot)
{
	if (rmm->plat.s2_map == NULL) {
		return false;
	}
	return rmm->plat.s2_map(rmm->plat.ctx, (uint16_t)rd->s2.vmid, rd->s2.ipa_bits,
				ipa & ~(ipa_t)GRANULE_MASK, pa & ~(pa_t)GRANULE_MASK, prot) == 0;
}

/* A stage-2 abort: states.md §4 decision table. */
static enum rec_step rec_handle_abort(struct rmm *rmm, struct rec *rec,
				      const struct rmm_vcpu_run *run, struct rsi_exit_info *exit)
{
	bool insn = run->exit == RMM_VCPU_EXIT_INSN_ABORT;
	struct granule *g_rd = granule_find(rmm, rec->owner);
	const struct rd *rd;
	struct s2tt_leaf leaf;
	enum rec_step step = REC_STEP_CONTINUE;

	granule_lock(g_rd);
	rd = rd_map(rmm, g_rd);
	if (!addr_in_ipa_space(rd, run->ipa)) {
		/* Row 1: outside the IPA space (TF-RMM: SEA, no exit). */
		rec_inject_sea(rec, run->esr, run->far, insn);
		goto out;
	}
	s2tt_lookup(rmm, rd, run->ipa, &leaf);
	if (addr_in_par(rd, run->ipa)) {
		if (leaf.ripas == RMI_EMPTY) {
			/* Row 2: RIPAS EMPTY -> SEA into the realm. */
			rec_inject_sea(rec, run->esr, run->far, insn);
		} else if (leaf.state == S2TTE_ASSIGNED && leaf.ripas == RMI_RAM) {
			/* Row 5: a valid mapping the PE has not seen yet (TLB fill). */
			if (!rec_s2_fill(rmm, rd, run->ipa, leaf.pa, RMM_S2_R | RMM_S2_W | RMM_S2_X)) {
				exit_protected_abort(rec, run, exit);
				step = REC_STEP_EXIT;
			}
		} else {
			/* Rows 3 and 4: UNASSIGNED + RAM, or DESTROYED -> the host. */
			exit_protected_abort(rec, run, exit);
			step = REC_STEP_EXIT;
		}
		goto out;
	}
	/* Unprotected IPA. */
	if (insn) {
		/* Rows 6/7, fetch: any fetch from an Unprotected IPA takes an SEA. */
		rec_inject_sea(rec, run->esr, run->far, true);
		goto out;
	}
	if (leaf.state == S2TTE_ASSIGNED_NS && !ESR_FSC_IS_PERMISSION(run->esr & ESR_FSC_MASK)) {
		unsigned prot = 0;

		/*
		 * CHOICE(unprotected-gpf): an Unprotected IPA is accessed as NS PAS;
		 * if the host mapped a granule that is not NS in the GPT, the access
		 * takes a granule protection fault, which reaches the realm as an SEA.
		 */
		if (rmm->plat.pas_of != NULL && rmm->plat.pas_of(rmm->plat.ctx, leaf.pa) != GPI_NS) {
			rec_inject_sea(rec, run->esr, run->far, false);
			goto out;
		}
		if ((leaf.desc & S2AP_READ) != 0U) {
			prot |= RMM_S2_R;
		}
		if ((leaf.desc & S2AP_WRITE) != 0U) {
			prot |= RMM_S2_W;
		}
		if (prot != 0U && rec_s2_fill(rmm, rd, run->ipa, leaf.pa, prot)) {
			goto out;
		}
	}
	exit_unprotected_dabt(rec, run, exit);
	step = REC_STEP_EXIT;
out:
	granule_unlock(g_rd);
	return step;
}

/* Is the trapped access one the host's GIC emulation must see (psci-and-exits.md §3)? */
static bool sysreg_forwarded(const struct rec *rec, uint64_t esr)
{
	uint64_t id = esr & SYSREG_ISS_ID_MASK;
	bool read = SYSREG_ISS_READ(esr);
	unsigned crm = (unsigned)((esr >> 1) & 0xFU);
	uint64_t op0_op1_crn = esr & SYSREG_ISS_ID(3, 7, 15, 0, 0);

	if (id == ICC_PMR_EL1_ID) {
		return true;
	}
	if (!read && (id == ICC_SGI1R_EL1_ID || id == ICC_SGI0R_EL1_ID || id == ICC_ASGI1R_EL1_ID)) {
		return true;
	}
	if (id == ICC_DIR_EL1_ID) {
		return !read && (rec->gic.hcr & ICH_HCR_TDIR) != 0U;
	}
	/* Op0 3, Op1 0, CRn 12, CRm 8..15: the rest of the ICC_* block. */
	return op0_op1_crn == SYSREG_ISS_ID(3, 0, 12, 0, 0) && crm >= 8U;
}

/* A trapped MSR/MRS (EC 0x18): PC is at the instruction. */
static enum rec_step rec_handle_sysreg(struct rec *rec, const struct rmm_vcpu_run *run,
				       struct rsi_exit_info *exit)
{
	unsigned rt = SYSREG_ISS_RT(run->esr);
	bool read = SYSREG_ISS_READ(run->esr);

	rec->regs.pc += 4U;
	if (!sysreg_forwarded(rec, run->esr)) {
		/* CHOICE(sysreg-raz-wi): as TF-RMM, other trapped registers are RAZ/WI. */
		if (read && rt != 31U) {
			rec->regs.x[rt] = 0;
		}
		return REC_STEP_CONTINUE;
	}
	exit_begin(exit, RMI_EXIT_SYNC);
	exit->esr = run->esr;
	if (!read && rt != 31U) {
		exit->gprs[0] = rec->regs.x[rt];
	}
	rec_note_exit(rec, run->esr, 0, 0, false);
	rec->sysreg_read_pending = read;
	rec->sysreg_rt = (uint8_t)rt;
	return REC_STEP_EXIT;
}

static enum rec_step rec_handle_smc(struct rmm *rmm, struct rec *rec, struct rsi_exit_info *exit)
{
	struct rsi_result res;

	rec->rsi_calls++;
	rsi_handle_smc(rmm, rec, &res);
	if (!res.advance_pc) {
		/* The PE reports the SMC with PC past it; the realm re-executes it. */
		rec->regs.pc -= 4U;
	}
	if (res.action == RSI_RETURN_TO_REALM) {
		return REC_STEP_CONTINUE;
	}
	*exit = res.exit;
	if (res.exit.reason == RMI_EXIT_SYNC) {
		/*
		 * Synthesized stage-2 abort for an RSI buffer: the exit's cause is
		 * the SMC, so emul_mmio / inject_sea at the next entry fail.
		 */
		rec_note_exit(rec, EC_SMC64 << ESR_EC_SHIFT, 0, 0, false);
	}
	return REC_STEP_EXIT;
}

/* Completions of REC_ENTER success step 1 (TF-RMM run.c order). True: the realm may run. */
static bool rec_complete_entry(struct rmm *rmm, struct rec *rec, uint64_t flags,
			       const uint64_t gprs[REC_NUM_GPRS], struct rsi_exit_info *exit)
{
	struct rsi_result res;

	if ((flags & RMI_REC_ENTER_FLAG_EMUL_MMIO) != 0U && rec->emulatable_abort) {
		uint64_t esr = rec->last_exit_esr;

		if ((esr & ESR_WNR) == 0U) {
			/* Emulated read: enter.gprs[0] into Rt, sized and sign-extended as the load. */
			unsigned rt = (unsigned)((esr >> ESR_SRT_SHIFT) & 0x1FU);
			uint64_t mask = dabt_size_mask(esr);
			uint64_t val = gprs[0] & mask;

			if ((esr & ESR_SSE) != 0U && mask != ~0ULL && (val & ((mask >> 1) + 1U)) != 0U) {
				val |= ~mask;
			}
			if ((esr & ESR_SF) == 0U) {
				val &= 0xFFFFFFFFULL;
			}
			if (rt != 31U) {
				rec->regs.x[rt] = val;
			}
		}
		rec->regs.pc += 4U;
	} else if ((flags & RMI_REC_ENTER_FLAG_INJECT_SEA) != 0U) {
		/* REC_ENTER checked the last exit was a data abort at an Unprotected IPA. */
		rec_inject_sea(rec, rec->last_exit_esr, rec->last_fault_far, false);
	}
	rec->emulatable_abort = false;

	if (rec->sysreg_read_pending) {
		/* A forwarded sysreg read: the host's value is in enter.gprs[0]. */
		if (rec->sysreg_rt != 31U) {
			rec->regs.x[rec->sysreg_rt] = gprs[0];
		}
		rec->sysreg_read_pending = false;
	}
	rsi_complete_ripas_change(rec, (flags & RMI_REC_ENTER_FLAG_RIPAS_RESPONSE) != 0U);
	if (!rsi_complete_host_call(rmm, rec, gprs, &res)) {
		*exit = res.exit;
		rec_note_exit(rec, EC_SMC64 << ESR_EC_SHIFT, 0, 0, false);
		return false;
	}
	return true;
}

void rec_run_loop(struct rmm *rmm, struct rec *rec, uint64_t flags,
		  const uint64_t gprs[REC_NUM_GPRS], struct rsi_exit_info *exit)
{
	uint64_t slice = rmm->cfg.rec_slice_insns != 0U ? rmm->cfg.rec_slice_insns
							  : RMM_DEFAULT_SLICE_INSNS;
	uint64_t used = 0;
	const struct rd *rd = rd_map(rmm, granule_find(rmm, rec->owner));
	struct rmm_vcpu_run run;

	if (!rec_complete_entry(rmm, rec, flags, gprs, exit)) {
		return;
	}
	if (rmm->plat.rec_run == NULL) {
		/* No PE to run the realm on: a spurious host interrupt (always allowed). */
		exit_begin(exit, RMI_EXIT_IRQ);
		rec_note_exit(rec, 0, 0, 0, false);
		return;
	}
	for (;;) {
		enum rec_step step = REC_STEP_EXIT;

		if (used >= slice) {
			/* The host's timer fires: the time slice is over. */
			exit_begin(exit, RMI_EXIT_IRQ);
			rec_note_exit(rec, 0, 0, 0, false);
			return;
		}
		memset(&run, 0, sizeof(run));
		/* The REC's reference keeps the RD alive; s2 parameters never change. */
		run.vmid = (uint16_t)rd->s2.vmid;
		run.ipa_bits = rd->s2.ipa_bits;
		run.trap_wfi = (flags & RMI_REC_ENTER_FLAG_TRAP_WFI) != 0U;
		run.trap_wfe = (flags & RMI_REC_ENTER_FLAG_TRAP_WFE) != 0U;
		run.budget = slice - used;
		run.gic = &rec->gic;
		/* The REC's MPIDR from REC_CREATE (rec.c rec_vmpidr), as VMPIDR_EL2. */
		run.vmpidr = rec->vmpidr_el2;
		/* issue 12: the realm's PMU, if RmiRealmParams.flags.pmu (MDCR_EL2.HPMN). */
		run.pmu_num_ctrs = rd->pmu_en ? rd->pmu_num_ctrs : 0U;
		if (rmm->plat.rec_run(rmm->plat.ctx, &rec->regs, &run) != 0) {
			run.exit = RMM_VCPU_EXIT_ERROR;
		}
		rec->insns += run.insns;
		used += run.insns + REC_RUN_ITER_COST;

		switch (run.exit) {
		case RMM_VCPU_EXIT_SMC:
			step = rec_handle_smc(rmm, rec, exit);
			break;
		case RMM_VCPU_EXIT_HVC:
			/*
			 * CHOICE(hvc-undef-elr): HVC is UNDEFINED in a realm; ELR_EL1
			 * points at the HVC itself, as for any UNDEFINED instruction
			 * (TF-RMM passes the return address after it).
			 */
			rec->regs.pc -= 4U;
			rec_inject_undef(rec);
			step = REC_STEP_CONTINUE;
			break;
		case RMM_VCPU_EXIT_UNDEF:
			rec_inject_undef(rec);
			step = REC_STEP_CONTINUE;
			break;
		case RMM_VCPU_EXIT_DATA_ABORT:
		case RMM_VCPU_EXIT_INSN_ABORT:
			step = rec_handle_abort(rmm, rec, &run, exit);
			break;
		case RMM_VCPU_EXIT_WFI:
		case RMM_VCPU_EXIT_WFE:
			/* psci-and-exits.md §3: EC and TI[0] only; PC past the WFx. */
			rec->regs.pc += 4U;
			exit_begin(exit, RMI_EXIT_SYNC);
			exit->esr = (EC_WFX << ESR_EC_SHIFT) | (run.exit == RMM_VCPU_EXIT_WFE ? 1U : 0U);
			rec_note_exit(rec, exit->esr, 0, 0, false);
			break;
		case RMM_VCPU_EXIT_SYSREG:
			step = rec_handle_sysreg(rec, &run, exit);
			break;
		case RMM_VCPU_EXIT_IRQ:
		case RMM_VCPU_EXIT_ERROR:
		default:
			/*
			 * The host's timer; or CHOICE(pe-error): something the PE model
			 * cannot run, reported as a host interrupt so the host keeps
			 * control (the realm makes no progress).
			 */
			exit_begin(exit, RMI_EXIT_IRQ);
			rec_note_exit(rec, 0, 0, 0, false);
			break;
		}
		if (step == REC_STEP_EXIT) {
			return;
		}
	}
}
