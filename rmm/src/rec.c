/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI_REC_CREATE, RMI_REC_DESTROY, RMI_PSCI_COMPLETE (commands.md,
 * psci-and-exits.md §2). Validate, then execute: every failure condition
 * in the sheet's order, named after its label; nothing changes on failure.
 * RMI_REC_ENTER is in rec_enter.c.
 */
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "measurement.h"
#include "realm.h"
#include "rec.h"
#include "rmi_handlers.h"

/* RmiRecMpidr: Aff0[3:0], Aff1, Aff2, Aff3 (structures.md §2); the rest must be 0. */
#define REC_MPIDR_VALID_MASK 0xFFFFFF0FULL

#define REC_LOCK_MAX (2U + REC_MAX_AUX)

static int pa_cmp(const void *a, const void *b)
{
	pa_t x = *(const pa_t *)a;
	pa_t y = *(const pa_t *)b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/*
 * Locks the distinct granules at @pa[0..n) in ascending address order
 * (commands.md §0), whatever their state: the caller checks the states in
 * the sheet's order afterwards. @pa must be aligned, managed and distinct.
 */
static void lock_sorted(struct rmm *rmm, pa_t *pa, unsigned n)
{
	qsort(pa, n, sizeof(pa[0]), pa_cmp);
	for (unsigned i = 0; i < n; i++) {
		granule_lock(granule_find(rmm, pa[i]));
	}
}

static void unlock_sorted(struct rmm *rmm, const pa_t *pa, unsigned n)
{
	for (unsigned i = n; i > 0U; i--) {
		granule_unlock(granule_find(rmm, pa[i - 1U]));
	}
}

/* VMPIDR_EL2 from RmiRecMpidr: Aff3 moves to bits[39:32], RES1 bit 31 set. */
static uint64_t rec_vmpidr(uint64_t mpidr)
{
	return (mpidr & 0xFFFF0FULL) | (((mpidr >> 24) & 0xFFU) << 32) | (1ULL << 31);
}

/* aux[i] is the REC, the RD or an earlier aux granule. */
static bool aux_aliases(const pa_t *aux, unsigned i, pa_t rec, pa_t rd)
{
	if (aux[i] == rec || aux[i] == rd) {
		return true;
	}
	for (unsigned j = 0; j < i; j++) {
		if (aux[j] == aux[i]) {
			return true;
		}
	}
	return false;
}

/* One aux granule that can be locked: aligned, managed, not aliasing. */
static bool aux_lockable(struct rmm *rmm, const pa_t *aux, unsigned i, pa_t rec, pa_t rd)
{
	return (aux[i] & GRANULE_MASK) == 0U && rmm_pa_is_delegable(rmm, aux[i]) &&
	       !aux_aliases(aux, i, rec, rd);
}

/*
 * Checks 4..7 of REC_CREATE with the RD, the REC and the lockable aux
 * granules locked. Returns the packed status.
 *
 * CHOICE(rec-create-order): realm_state (REALM) is reported before
 * mpidr_index, num_aux and aux_align/aux_alias/aux_state (INPUT), in the
 * [ACS] table order; TF-RMM checks the aux granules first (commands.md).
 * The TF-RMM extra (RD refcount saturated -> REALM) comes last.
 */
static uint64_t rec_create_check_locked(struct rmm *rmm, const struct rd *rd, pa_t rd_pa,
					pa_t rec_pa, uint64_t mpidr, uint64_t num_aux,
					const pa_t *aux)
{
	/* realm_state */
	if (rd->state != REALM_NEW) {
		return rmi_pack(RMI_ERROR_REALM, 0);
	}
	/* mpidr_index: only affinity bits, and RECs are created in index order. */
	if ((mpidr & ~REC_MPIDR_VALID_MASK) != 0U ||
	    rec_mpidr_to_index(mpidr) != rd->rec_index) {
		return rmi_pack(RMI_ERROR_INPUT, 0);
	}
	/* num_aux: exactly RecAuxCount(rd) (<= 16). */
	if (num_aux != rd->num_rec_aux) {
		return rmi_pack(RMI_ERROR_INPUT, 0);
	}
	for (unsigned i = 0; i < num_aux; i++) {
		/* aux_align */
		if ((aux[i] & GRANULE_MASK) != 0U) {
			return rmi_pack(RMI_ERROR_INPUT, 0);
		}
		/* aux_alias: duplicated, or the REC or the RD itself */
		if (aux_aliases(aux, i, rec_pa, rd_pa)) {
			return rmi_pack(RMI_ERROR_INPUT, 0);
		}
		/* aux_state: not delegable memory, or not DELEGATED */
		const struct granule *g = rmm_delegable_granule(rmm, aux[i]);

		if (g == NULL || granule_get_state(g) != RMM_GRANULE_DELEGATED) {
			return rmi_pack(RMI_ERROR_INPUT, 0);
		}
	}
	/* (TF-RMM) the RD refcount is saturated: no room for another REC. */
	if (granule_refcount(granule_find(rmm, rd_pa)) >= GRANULE_REFCOUNT_MAX) {
		return rmi_pack(RMI_ERROR_REALM, 0);
	}
	return rmi_pack(RMI_SUCCESS, 0);
}

void rec_init(struct rec *rec, pa_t rd_pa, const struct rd *rd, const uint8_t *params,
		     uint64_t mpidr, uint64_t num_aux, const pa_t *aux)
{
	/* The granule was DELEGATED, hence zero: only the non-zero values are written. */
	rec->owner = rd_pa;
	rec->index = rd->rec_index;
	rec->mpidr = mpidr;
	rec->runnable = (le_field(params, RMI_REC_PARAMS_FLAGS_OFFSET,
				  RMI_REC_PARAMS_FLAGS_SIZE) & 1U) == RMI_RUNNABLE;
	rec->num_aux = (uint32_t)num_aux;
	for (unsigned i = 0; i < num_aux; i++) {
		rec->aux[i] = aux[i];
	}
	for (unsigned i = 0; i < RMI_REC_PARAMS_GPRS_COUNT; i++) {
		rec->regs.x[i] = le_field(params, RMI_REC_PARAMS_GPRS_OFFSET + 8U * i, 8U);
	}
	rec->regs.pc = le_field(params, RMI_REC_PARAMS_PC_OFFSET, RMI_REC_PARAMS_PC_SIZE);
	rec->regs.pstate = REC_PSTATE_RESET;
	rec->regs.sctlr_el1 = REC_SCTLR_EL1_RESET;
	rec->vmpidr_el2 = rec_vmpidr(mpidr);
}

RMI_HANDLER(smc_rec_create)
{
	pa_t rd_pa = args[0];
	pa_t rec_pa = args[1];
	pa_t params_ptr = args[2];
	uint8_t *params;
	uint64_t mpidr;
	uint64_t num_aux;
	pa_t aux[REC_MAX_AUX];
	pa_t lock[REC_LOCK_MAX];
	unsigned nlock = 0;
	struct rd *rd;
	uint64_t ret;

	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
	/* params_align */
	if ((params_ptr & GRANULE_MASK) != 0U) {
		return;
	}
	/* params_bound */
	if (!rmm_pa_is_delegable(rmm, params_ptr)) {
		return;
	}
	params = malloc(RMI_REC_PARAMS_SIZE);
	if (params == NULL) {
		return;
	}
	/* params_pas: the GPT-checked read fails unless the granule is NS. */
	if (!rmm->plat.ns_read(rmm->plat.ctx, params_ptr, params, RMI_REC_PARAMS_SIZE)) {
		goto out;
	}
	rmm_account(rmm, RMM_COST_NS_COPY_LINE, RMI_REC_PARAMS_SIZE / 64U);
	mpidr = le_field(params, RMI_REC_PARAMS_MPIDR_OFFSET, RMI_REC_PARAMS_MPIDR_SIZE);
	num_aux = le_field(params, RMI_REC_PARAMS_NUM_AUX_OFFSET, RMI_REC_PARAMS_NUM_AUX_SIZE);
	for (unsigned i = 0; i < REC_MAX_AUX; i++) {
		aux[i] = le_field(params, RMI_REC_PARAMS_AUX_OFFSET + 8U * i, 8U);
	}
	/* rec_align */
	if ((rec_pa & GRANULE_MASK) != 0U) {
		goto out;
	}
	/* rec_bound */
	if (!rmm_pa_is_delegable(rmm, rec_pa)) {
		goto out;
	}
	/* rec_state needs the lock (below); rd_align */
	if ((rd_pa & GRANULE_MASK) != 0U) {
		goto out;
	}
	/* rd_bound */
	if (!rmm_pa_is_delegable(rmm, rd_pa)) {
		goto out;
	}
	/* rec_state / rd_state: one granule cannot be both DELEGATED and RD. */
	if (rec_pa == rd_pa) {
		goto out;
	}
	lock[nlock++] = rd_pa;
	lock[nlock++] = rec_pa;
	for (unsigned i = 0; i < num_aux && i < REC_MAX_AUX; i++) {
		if (aux_lockable(rmm, aux, i, rec_pa, rd_pa)) {
			lock[nlock++] = aux[i];
		}
	}
	lock_sorted(rmm, lock, nlock);
	/* rec_state */
	if (granule_get_state(granule_find(rmm, rec_pa)) != RMM_GRANULE_DELEGATED) {
		goto out_unlock;
	}
	/* rd_state */
	if (granule_get_state(granule_find(rmm, rd_pa)) != RMM_GRANULE_RD) {
		goto out_unlock;
	}
	rd = rd_map(rmm, granule_find(rmm, rd_pa));
	/* realm_state, mpidr_index, num_aux, aux_align, aux_alias, aux_state, (refcount) */
	ret = rec_create_check_locked(rmm, rd, rd_pa, rec_pa, mpidr, num_aux, aux);
	if (ret != rmi_pack(RMI_SUCCESS, 0)) {
		res->x[0] = ret;
		goto out_unlock;
	}

	/* Execute (commands.md REC_CREATE success effects 1-4). */
	rec_init(rec_map(rmm, granule_find(rmm, rec_pa)), rd_pa, rd, params, mpidr, num_aux,
		 aux);
	if (rec_map(rmm, granule_find(rmm, rec_pa))->runnable) {
		measurement_rec_create(rmm, rd, params);
	}
	rd->rec_index++;
	granule_refcount_inc((struct granule_locked){ granule_find(rmm, rd_pa) }, 1);
	for (unsigned i = 0; i < nlock; i++) {
		struct granule_locked gl = { granule_find(rmm, lock[i]) };

		if (lock[i] == rd_pa) {
			granule_unlock_locked(gl);
		} else {
			granule_unlock_transition(gl, lock[i] == rec_pa ? RMM_GRANULE_REC
								 : RMM_GRANULE_REC_AUX);
		}
	}
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
	goto out;

out_unlock:
	unlock_sorted(rmm, lock, nlock);
out:
	free(params);
}

RMI_HANDLER(smc_rec_destroy)
{
	pa_t rec_pa = args[0];
	struct granule_locked g_rec;
	struct rec *rec;
	struct granule *g_rd;

	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
	/* rec_align */
	if ((rec_pa & GRANULE_MASK) != 0U) {
		return;
	}
	/* rec_bound */
	if (!rmm_pa_is_delegable(rmm, rec_pa)) {
		return;
	}
	/* rec_gran_state */
	if (!granule_lock_on_state_match(granule_find(rmm, rec_pa), RMM_GRANULE_REC, &g_rec)) {
		return;
	}
	/* rec_state: RUNNING is a REC refcount of 1 (rec.h). */
	if (granule_refcount(g_rec.g) != 0U) {
		granule_unlock_locked(g_rec);
		res->x[0] = rmi_pack(RMI_ERROR_REC, 0);
		return;
	}
	rec = rec_map(rmm, g_rec.g);
	g_rd = granule_find(rmm, rec->owner);
	/* Aux granules are reachable only through their REC, whose lock we hold. */
	for (unsigned i = 0; i < rec->num_aux && i < REC_MAX_AUX; i++) {
		struct granule_locked g_aux;

		if (!find_lock_granule(rmm, rec->aux[i], RMM_GRANULE_REC_AUX, &g_aux)) {
			abort(); /* a REC always owns its aux granules: internal corruption */
		}
		granule_memzero(rmm, g_aux);
		granule_unlock_transition(g_aux, RMM_GRANULE_DELEGATED);
	}
	granule_memzero(rmm, g_rec);
	granule_unlock_transition(g_rec, RMM_GRANULE_DELEGATED);
	/* The REC's reference kept the RD alive; dropped without the RD lock (TF-RMM). */
	granule_put(g_rd);
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
}

/* calling/target_align, _bound, _state for one REC argument. */
static bool rec_arg_ok(struct rmm *rmm, pa_t pa)
{
	return (pa & GRANULE_MASK) == 0U && rmm_pa_is_delegable(rmm, pa);
}

/* Status the host may report (psci-and-exits.md §2). */
static bool psci_status_permitted(const struct rec_psci *req, uint64_t status, bool target_on)
{
	if (req->fid == PSCI_CPU_ON_SMC32 || req->fid == PSCI_CPU_ON_SMC64) {
		if (status == REC_PSCI_RET_SUCCESS) {
			return true;
		}
		/* DENIED for a target that is already on is refused (TF-RMM). */
		return status == (uint64_t)REC_PSCI_RET_DENIED && !target_on;
	}
	/* AFFINITY_INFO: only SUCCESS. */
	return status == REC_PSCI_RET_SUCCESS;
}

RMI_HANDLER(smc_psci_complete)
{
	pa_t calling_pa = args[0];
	pa_t target_pa = args[1];
	uint64_t status = args[2];
	pa_t lock[2] = { calling_pa, target_pa };
	struct rec *calling;
	struct rec *target;
	uint64_t x0;

	res->x[0] = rmi_pack(RMI_ERROR_INPUT, 0);
	/* alias */
	if (calling_pa == target_pa) {
		return;
	}
	/* calling_align, calling_bound */
	if (!rec_arg_ok(rmm, calling_pa)) {
		return;
	}
	/* target_align, target_bound */
	if (!rec_arg_ok(rmm, target_pa)) {
		return;
	}
	lock_sorted(rmm, lock, 2);
	/* calling_state */
	if (granule_get_state(granule_find(rmm, calling_pa)) != RMM_GRANULE_REC) {
		goto out_unlock;
	}
	/* target_state */
	if (granule_get_state(granule_find(rmm, target_pa)) != RMM_GRANULE_REC) {
		goto out_unlock;
	}
	calling = rec_map(rmm, granule_find(rmm, calling_pa));
	target = rec_map(rmm, granule_find(rmm, target_pa));
	/* pending: no PSCI request pending, or the calling REC is running (TF-RMM). */
	if (!calling->psci.pending || granule_refcount(granule_find(rmm, calling_pa)) != 0U) {
		goto out_unlock;
	}
	/* owner */
	if (target->owner != calling->owner) {
		goto out_unlock;
	}
	/*
	 * target: CHOICE(psci-target-match): the MPIDR of the pending call (an
	 * MPIDR_EL1 value, Aff3 in bits[39:32]) must name the target REC: same
	 * affinity fields as its VMPIDR_EL2.
	 */
	if ((calling->psci.target_mpidr & REC_MPIDR_EL1_AFF_MASK) !=
	    (target->vmpidr_el2 & REC_MPIDR_EL1_AFF_MASK)) {
		goto out_unlock;
	}
	/* status */
	if (!psci_status_permitted(&calling->psci, status, target->runnable)) {
		goto out_unlock;
	}

	/* Execute (psci-and-exits.md §2). */
	if (calling->psci.fid == PSCI_CPU_ON_SMC32 || calling->psci.fid == PSCI_CPU_ON_SMC64) {
		if (status != REC_PSCI_RET_SUCCESS) {
			x0 = (uint64_t)REC_PSCI_RET_DENIED;
		} else if (target->runnable) {
			x0 = (uint64_t)REC_PSCI_RET_ALREADY_ON;
		} else {
			x0 = REC_PSCI_RET_SUCCESS;
			target->regs.pstate = REC_PSTATE_RESET;
			target->regs.sctlr_el1 = REC_SCTLR_EL1_RESET |
					    (calling->regs.sctlr_el1 & REC_SCTLR_EL1_EE);
			target->regs.x[0] = calling->psci.context_id;
			target->regs.pc = calling->psci.entry;
			target->runnable = true;
		}
	} else {
		x0 = target->runnable ? REC_PSCI_AFFINITY_ON : REC_PSCI_AFFINITY_OFF;
	}
	calling->regs.x[0] = x0;
	calling->regs.x[1] = 0;
	calling->regs.x[2] = 0;
	calling->regs.x[3] = 0;
	memset(&calling->psci, 0, sizeof(calling->psci));
	res->x[0] = rmi_pack(RMI_SUCCESS, 0);
out_unlock:
	unlock_sorted(rmm, lock, 2);
}
