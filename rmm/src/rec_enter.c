/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_REC_ENTER (commands.md, psci-and-exits.md §3-§5): the host-side
 * checks in the sheet's order, the GIC state the host hands in, and the
 * RecExit written back. The realm runs in rec_run.c.
 */
#include <string.h>

#include "den0137_abi.h"
#include "realm.h"
#include "rec.h"
#include "rmi_handlers.h"
#include "rsi/rsi.h"

#define REC_ENTER_SIZE 0x800U
#define REC_EXIT_OFFSET 0x800U
#define REC_EXIT_SIZE 0x800U

/* ICH_HCR_EL2 bits the host may set (psci-and-exits.md §4; [LNX] RMI_PERMITTED_GICV3_HCR_BITS). */
#define ICH_HCR_UIE (1ULL << 1)
#define ICH_HCR_LRENPIE (1ULL << 2)
#define ICH_HCR_NPIE (1ULL << 3)
#define ICH_HCR_VGRP0EIE (1ULL << 4)
#define ICH_HCR_VGRP0DIE (1ULL << 5)
#define ICH_HCR_VGRP1EIE (1ULL << 6)
#define ICH_HCR_VGRP1DIE (1ULL << 7)
#define ICH_HCR_TDIR (1ULL << 14)
#define ICH_HCR_EOICOUNT_MASK (0x1FULL << 27)
#define ICH_HCR_PERMITTED                                                                   \
	(ICH_HCR_UIE | ICH_HCR_LRENPIE | ICH_HCR_NPIE | ICH_HCR_VGRP0EIE | ICH_HCR_VGRP0DIE | \
	 ICH_HCR_VGRP1EIE | ICH_HCR_VGRP1DIE | ICH_HCR_TDIR)

/* ICH_LR<n>_EL2 fields. */
#define ICH_LR_STATE_SHIFT 62
#define ICH_LR_HW (1ULL << 61)
#define ICH_LR_PRIORITY_SHIFT 48
#define ICH_LR_PINTID_MASK (0x1FFFULL << 32) /* bits[44:32] */
#define ICH_LR_EOI (1ULL << 41)
#define ICH_LR_VINTID_MASK 0xFFFFFFFFULL

/*
 * CHOICE(gic-virt-features): the platform's virtual CPU interface has
 * ICH_VTR_EL2.PRIbits = 4 (5 priority bits), IDbits = 0 (16-bit INTIDs,
 * LPIs 8192..65535) and no extended INTID range (ICC_CTLR_EL1.ExtRange = 0),
 * as the FVP TF-RMM is tested on.
 */
#define GIC_PRI_BITS 5U
#define GIC_MAX_VINTID 0xFFFFULL
#define GIC_MIN_LPI 8192ULL

#define ESR_EC_SHIFT 26
#define ESR_EC_MASK 0x3FULL
#define ESR_EC_DABT_LOWER 0x24ULL

#define FR0_GICV3_NUM_LRS(fr0)                                                              \
	((unsigned)(((fr0) >> RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS_SHIFT) &                \
		    ((1ULL << RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS_WIDTH) - 1U)))

static bool gic_vintid_valid(uint64_t vintid)
{
	/* SGIs, PPIs, SPIs (not special 1020..1023), or LPIs. */
	return vintid < 1020U || (vintid >= GIC_MIN_LPI && vintid <= GIC_MAX_VINTID);
}

/* rec_gicv3 (psci-and-exits.md §4, TF-RMM's exact LR rules). */
static bool rec_gicv3_valid(const uint8_t *enter, unsigned num_lrs)
{
	uint64_t hcr = le_field(enter, RMI_REC_RUN_ENTER_GICV3_HCR_OFFSET, 8U);
	uint64_t lrs[REC_GIC_NUM_LRS];
	uint64_t pri_res0 = (1ULL << (8U - GIC_PRI_BITS)) - 1U;

	if ((hcr & ~ICH_HCR_PERMITTED) != 0U) {
		return false;
	}
	for (unsigned i = 0; i <= num_lrs && i < REC_GIC_NUM_LRS; i++) {
		uint64_t lr = le_field(enter, RMI_REC_RUN_ENTER_GICV3_LRS_OFFSET + 8U * i, 8U);

		lrs[i] = lr;
		/* An Invalid LR is skipped whatever its other bits are. */
		if ((lr >> ICH_LR_STATE_SHIFT) == 0U) {
			continue;
		}
		if ((lr & ICH_LR_HW) != 0U ||
		    ((lr >> ICH_LR_PRIORITY_SHIFT) & pri_res0) != 0U ||
		    (lr & ICH_LR_PINTID_MASK & ~ICH_LR_EOI) != 0U ||
		    !gic_vintid_valid(lr & ICH_LR_VINTID_MASK)) {
			return false;
		}
		for (unsigned j = 0; j < i; j++) {
			if ((lrs[j] >> ICH_LR_STATE_SHIFT) != 0U &&
			    (lrs[j] & ICH_LR_VINTID_MASK) == (lr & ICH_LR_VINTID_MASK)) {
				return false;
			}
		}
	}
	return true;
}

/* Last exit was a data abort at an Unprotected IPA (inject_sea applies). */
static bool rec_last_exit_unprot_dabt(const struct rec *rec, const struct rd *rd)
{
	return ((rec->last_exit_esr >> ESR_EC_SHIFT) & ESR_EC_MASK) == ESR_EC_DABT_LOWER &&
	       !addr_in_par(rd, rec->last_fault_ipa);
}

/* Host GIC state into the REC (psci-and-exits.md §4: permitted HCR bits + LRs). */
static void rec_load_gic(struct rec *rec, const uint8_t *enter, unsigned num_lrs)
{
	/* EOIcount is the hardware's: kept from the last exit, never set by the host. */
	rec->gic.hcr = (le_field(enter, RMI_REC_RUN_ENTER_GICV3_HCR_OFFSET, 8U) & ICH_HCR_PERMITTED) |
		       (rec->gic.hcr & ICH_HCR_EOICOUNT_MASK);
	rec->gic.num_lrs = num_lrs + 1U < REC_GIC_NUM_LRS ? num_lrs + 1U : REC_GIC_NUM_LRS;
	for (unsigned i = 0; i <= num_lrs && i < REC_GIC_NUM_LRS; i++) {
		rec->gic.lrs[i] = le_field(enter, RMI_REC_RUN_ENTER_GICV3_LRS_OFFSET + 8U * i, 8U);
	}
}

/* RecExit fields every exit carries: GIC, timers (psci-and-exits.md §3-§5). */
static void rec_fill_exit_common(const struct rec *rec, uint8_t *exit, unsigned num_lrs)
{
	le_put(exit, RMI_REC_RUN_EXIT_GICV3_HCR_OFFSET - REC_EXIT_OFFSET,
		rec->gic.hcr & (ICH_HCR_PERMITTED | ICH_HCR_EOICOUNT_MASK), 8U);
	for (unsigned i = 0; i <= num_lrs && i < REC_GIC_NUM_LRS; i++) {
		le_put(exit, RMI_REC_RUN_EXIT_GICV3_LRS_OFFSET - REC_EXIT_OFFSET + 8U * i,
			rec->gic.lrs[i], 8U);
	}
	le_put(exit, RMI_REC_RUN_EXIT_GICV3_MISR_OFFSET - REC_EXIT_OFFSET, rec->gic.misr, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_GICV3_VMCR_OFFSET - REC_EXIT_OFFSET, rec->gic.vmcr, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_CNTP_CTL_OFFSET - REC_EXIT_OFFSET, rec->regs.cntp_ctl, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_CNTP_CVAL_OFFSET - REC_EXIT_OFFSET, rec->regs.cntp_cval, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_CNTV_CTL_OFFSET - REC_EXIT_OFFSET, rec->regs.cntv_ctl, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_CNTV_CVAL_OFFSET - REC_EXIT_OFFSET, rec->regs.cntv_cval, 8U);
	/*
	 * pmu_ovf_status (psci-and-exits.md §6, TF-RMM pmu_update_rec_exit):
	 * ACTIVE iff PMCR_EL0.E and PMOVSSET & PMINTENSET & PMCNTENSET != 0.
	 * A realm without a PMU never changes these (RAZ/WI): NOT_ACTIVE.
	 */
	exit[RMI_REC_RUN_EXIT_PMU_OVF_STATUS_OFFSET - REC_EXIT_OFFSET] =
		(rec->regs.pmcr & 1U) != 0U &&
				(rec->regs.pmovs & rec->regs.pminten & rec->regs.pmcnten) != 0U ?
			1U : 0U;
}

/* Runs the REC (rec_run.c) and writes the RecExit fields of the exit that ended the run. */
static void rec_run(struct rmm *rmm, struct rec *rec, const uint8_t *enter, uint64_t flags,
		    uint8_t *exit, unsigned num_lrs)
{
	uint64_t gprs[REC_NUM_GPRS];
	struct rsi_exit_info ex;

	for (unsigned i = 0; i < REC_NUM_GPRS; i++) {
		gprs[i] = le_field(enter, RMI_REC_RUN_ENTER_GPRS_OFFSET + 8U * i, 8U);
	}
	rec_run_loop(rmm, rec, flags, gprs, &ex);
	le_put(exit, RMI_REC_RUN_EXIT_REASON_OFFSET - REC_EXIT_OFFSET, ex.reason,
	       RMI_REC_RUN_EXIT_REASON_SIZE);
	le_put(exit, RMI_REC_RUN_EXIT_ESR_OFFSET - REC_EXIT_OFFSET, ex.esr, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_FAR_OFFSET - REC_EXIT_OFFSET, ex.far, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_HPFAR_OFFSET - REC_EXIT_OFFSET, ex.hpfar, 8U);
	for (unsigned i = 0; i < REC_NUM_GPRS; i++) {
		le_put(exit, RMI_REC_RUN_EXIT_GPRS_OFFSET - REC_EXIT_OFFSET + 8U * i, ex.gprs[i], 8U);
	}
	le_put(exit, RMI_REC_RUN_EXIT_RIPAS_BASE_OFFSET - REC_EXIT_OFFSET, ex.ripas_base, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_RIPAS_TOP_OFFSET - REC_EXIT_OFFSET, ex.ripas_top, 8U);
	le_put(exit, RMI_REC_RUN_EXIT_RIPAS_VALUE_OFFSET - REC_EXIT_OFFSET, ex.ripas_value,
	       RMI_REC_RUN_EXIT_RIPAS_VALUE_SIZE);
	le_put(exit, RMI_REC_RUN_EXIT_IMM_OFFSET - REC_EXIT_OFFSET, ex.imm, RMI_REC_RUN_EXIT_IMM_SIZE);
	rec_fill_exit_common(rec, exit, num_lrs);
}

RMI_HANDLER(smc_rec_enter)
{
	pa_t rec_pa = args[0];
	pa_t run_ptr = args[1];
	unsigned num_lrs = FR0_GICV3_NUM_LRS(rmm->cfg.feat_reg0);
	/*
	 * RecEnter and RecExit on the stack, not the heap: one REC_ENTER per
	 * realm exit makes an allocator call per run a hot-path cost (fuzz_rsi
	 * profile). ns_read fills all of RecEnter; RecExit starts zeroed, so
	 * fields an exit does not set read zero.
	 */
	uint8_t run[REC_ENTER_SIZE + REC_EXIT_SIZE] __attribute__((aligned(64)));
	uint8_t *enter = run;
	uint8_t *exit = run + REC_ENTER_SIZE;
	uint64_t flags;
	struct granule_locked g_rec;
	struct rec *rec;
	const struct rd *rd;
	uint32_t realm_state;

	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
	/* run_align */
	if ((run_ptr & GRANULE_MASK) != 0U) {
		return;
	}
	/* run_bound */
	if (!rmm_pa_is_delegable(rmm, run_ptr)) {
		return;
	}
	memset(exit, 0, REC_EXIT_SIZE);
	/* run_pas: the GPT-checked read of RecEnter fails unless the granule is NS. */
	if (!rmm->plat.ns_read(rmm->plat.ctx, run_ptr, enter, REC_ENTER_SIZE)) {
		goto out;
	}
	rmm_account(rmm, RMM_COST_NS_COPY_LINE, REC_ENTER_SIZE / 64U);
	flags = le_field(enter, RMI_REC_RUN_ENTER_FLAGS_OFFSET, RMI_REC_RUN_ENTER_FLAGS_SIZE);
	/* rec_align */
	if ((rec_pa & GRANULE_MASK) != 0U) {
		goto out;
	}
	/* rec_bound */
	if (!rmm_pa_is_delegable(rmm, rec_pa)) {
		goto out;
	}
	/* rec_gran_state */
	if (!granule_lock_on_state_match(granule_find(rmm, rec_pa), RMM_GRANULE_REC, &g_rec)) {
		goto out;
	}
	/* rec_state: RUNNING on another PE (REC refcount 1, rec.h). */
	if (granule_refcount(g_rec.g) != 0U) {
		res->x[0] = rmi_pack(RMI_ERROR_REC, 0);
		goto out_unlock;
	}
	rec = rec_map(rmm, g_rec.g);
	/* The REC's reference keeps its RD alive; its state is read without the RD lock. */
	rd = rd_map(rmm, granule_find(rmm, rec->owner));
	realm_state = __atomic_load_n(&rd->state, __ATOMIC_ACQUIRE);
	/* realm_new */
	if (realm_state == REALM_NEW) {
		res->x[0] = rmi_pack(RMI_ERROR_REALM, 0);
		goto out_unlock;
	}
	/* system_off */
	if (realm_state == REALM_SYSTEM_OFF) {
		res->x[0] = rmi_pack(RMI_ERROR_REALM, 1);
		goto out_unlock;
	}
	/* rec_runnable */
	if (!rec->runnable) {
		res->x[0] = rmi_pack(RMI_ERROR_REC, 0);
		goto out_unlock;
	}
	/* rec_psci */
	if (rec->psci.pending) {
		res->x[0] = rmi_pack(RMI_ERROR_REC, 0);
		goto out_unlock;
	}
	/* rec_gicv3 */
	if (!rec_gicv3_valid(enter, num_lrs)) {
		res->x[0] = rmi_pack(RMI_ERROR_REC, 0);
		goto out_unlock;
	}
	/*
	 * inject_sea: CHOICE(inject-sea): as TF-RMM, inject_sea when the last
	 * exit was not a data abort at an Unprotected IPA fails with
	 * RMI_ERROR_REC, checked just before rec_mmio (commands.md: UNCONFIRMED,
	 * the ACS tests neither way).
	 */
	if ((flags & RMI_REC_ENTER_FLAG_INJECT_SEA) != 0U && !rec_last_exit_unprot_dabt(rec, rd)) {
		res->x[0] = rmi_pack(RMI_ERROR_REC, 0);
		goto out_unlock;
	}
	/* rec_mmio: emul_mmio needs an emulatable abort (unprotected IPA, ISV = 1). */
	if ((flags & RMI_REC_ENTER_FLAG_EMUL_MMIO) != 0U && !rec->emulatable_abort) {
		res->x[0] = rmi_pack(RMI_ERROR_REC, 0);
		goto out_unlock;
	}

	/* Execute: RUNNING while the REC runs, so the REC lock is not held meanwhile. */
	rec_load_gic(rec, enter, num_lrs);
	granule_refcount_inc(g_rec, 1);
	granule_unlock_locked(g_rec);
	rec_run(rmm, rec, enter, flags, exit, num_lrs);
	granule_put(g_rec.g);
	/* RecExit back to the host; a faulting write is RMI_ERROR_INPUT ([TFRMM]). */
	if (!rmm->plat.ns_write(rmm->plat.ctx, run_ptr + REC_EXIT_OFFSET, exit, REC_EXIT_SIZE)) {
		goto out;
	}
	rmm_account(rmm, RMM_COST_NS_COPY_LINE, REC_EXIT_SIZE / 64U);
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
	goto out;

out_unlock:
	granule_unlock_locked(g_rec);
out:
	return;
}
