/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 REC_CREATE and REC_DESTROY as SROs (den0137-2.0 commands.md,
 * states.md §5): the RMM asks for the 16 aux granules through
 * OP_MEM_DONATE and hands them back through OP_MEM_RECLAIM. REC_ENTER and
 * PSCI_COMPLETE reuse the 1.0 handlers behind the 2.0 differences.
 */
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "measurement.h"
#include "realm.h"
#include "rec.h"
#include "s2tt.h"
#include "v2.h"

/* RmiRecMpidr: Aff0[3:0], Aff1, Aff2, Aff3 (structures.md §2); the rest must be 0. */
#define REC_MPIDR_VALID_MASK 0xFFFFFF0FULL
#define REC_PARAMS_SIZE 0x1000U

/* RmiOpMemDonateReq for @n L3 pages, non-contiguous, DELEGATED (structures.md §6). */
static uint64_t donate_req(unsigned n)
{
	return (uint64_t)n << 2;
}

RMI_HANDLER(smc2_rec_create)
{
	pa_t rec_pa = args[1];
	struct granule_locked gl;
	struct sro_ctx *c;
	unsigned handle;
	uint64_t err;

	/* rec_state: aligned, delegable, DELEGATED */
	if (!find_lock_granule(rmm, rec_pa, RMM_GRANULE_DELEGATED, &gl)) {
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	/* sro_reserve */
	c = sro_alloc(rmm, &handle, &err);
	if (c == NULL) {
		granule_unlock_locked(gl);
		res->x[0] = err;
		return;
	}
	/* Execute: the REC is PARTIAL until the operation ends (TF-RMM order: checks later). */
	granule_unlock_transition(gl, RMM_GRANULE_PARTIAL);
	c->op = SRO_OP_REC_CREATE;
	c->rd = args[0];
	c->obj = rec_pa;
	c->params = args[2];
	c->needed = RMM_REC_AUX_COUNT;
	c->expect_fid = RMI2_OP_MEM_DONATE;
	c->can_cancel = false;
	res->x[0] = rmi2_incomplete(RMI2_MEMREQ_DONATE, false);
	res->x[1] = handle;
	res->x[2] = donate_req(c->needed);
	sro_seal(rmm, c);
}

/* Switches @c to handing back what it holds, to end with @status. */
static void start_reclaim(struct sro_ctx *c, uint64_t status, struct rmi_result *res)
{
	c->final_status = status;
	c->expect_fid = c->ngranules != 0U ? RMI2_OP_MEM_RECLAIM : RMI2_OP_CONTINUE;
	res->x[0] = rmi2_incomplete(c->ngranules != 0U ? RMI2_MEMREQ_RECLAIM : RMI2_MEMREQ_NONE,
				    false);
	res->x[1] = 0;
}

void rec_create_donate(struct rmm *rmm, struct sro_ctx *c, const pa_t *pas, unsigned n,
		       struct rmi_result *res)
{
	unsigned taken = 0;

	for (unsigned i = 0; i < n; i++) {
		struct granule_locked gl;

		/* Each granule must be DELEGATED (and not the REC itself, which is PARTIAL). */
		if (!find_lock_granule(rmm, pas[i], RMM_GRANULE_DELEGATED, &gl)) {
			break;
		}
		granule_unlock_transition(gl, RMM_GRANULE_REC_AUX);
		c->granules[c->ngranules++] = pas[i];
		taken++;
	}
	if (taken == 0U && n != 0U) {
		/* The first one is not DELEGATED: give back what was donated, then INPUT. */
		start_reclaim(c, rmi_pack(RMI2_ERROR_INPUT, 0), res);
		return;
	}
	res->x[1] = taken;
	if (c->ngranules < c->needed) {
		res->x[0] = rmi2_incomplete(RMI2_MEMREQ_DONATE, false);
		res->x[2] = donate_req(c->needed - c->ngranules);
	} else {
		c->expect_fid = RMI2_OP_CONTINUE;
		res->x[0] = rmi2_incomplete(RMI2_MEMREQ_NONE, false);
	}
}

/* The REC granule (PARTIAL, owned by @c) back to DELEGATED, zeroed; @c freed. */
static void finish_partial(struct rmm *rmm, struct sro_ctx *c, uint64_t status,
			   struct rmi_result *res)
{
	struct granule_locked gl;

	if (find_lock_granule(rmm, c->obj, RMM_GRANULE_PARTIAL, &gl)) {
		granule_memzero(rmm, gl);
		granule_unlock_transition(gl, RMM_GRANULE_DELEGATED);
	}
	res->x[0] = status;
	res->x[1] = 0;
	c->done = true;
}

/* Checks 3..6 of the continue phase with the RD and the REC locked. */
static uint64_t rec_create_check(struct rmm *rmm, struct granule_locked g_rd, const struct rd *rd,
				 const uint8_t *params, const struct sro_ctx *c)
{
	uint64_t mpidr = le_field(params, RMI_REC_PARAMS_MPIDR_OFFSET, 8U);

	/* rd_refcount: no room for another REC */
	if (granule_refcount(g_rd.g) >= GRANULE_REFCOUNT_MAX) {
		return rmi_pack(RMI2_ERROR_REALM, 0);
	}
	/* realm_state */
	if (rd->state != REALM_NEW) {
		return rmi_pack(RMI2_ERROR_REALM, 0);
	}
	/* mpidr: only affinity bits, the next index, and one this RMM can track */
	if ((mpidr & ~REC_MPIDR_VALID_MASK) != 0U || rec_mpidr_to_index(mpidr) != rd->rec_index ||
	    rd->rec_index >= RMM_V2_MAX_RECS) {
		return rmi_pack(RMI2_ERROR_INPUT, 0);
	}
	/* num_aux */
	if (c->ngranules != rd->num_rec_aux) {
		return rmi_pack(RMI2_ERROR_INPUT, 0);
	}
	return rmi_pack(RMI2_SUCCESS, 0);
}

void rec_create_continue(struct rmm *rmm, struct sro_ctx *c, unsigned handle,
			 struct rmi_result *res)
{
	uint8_t *params;
	struct granule_locked g_rd;
	struct granule_locked g_rec;
	struct rd *rd;
	struct rec *rec;
	uint64_t st;

	(void)handle;
	/* The reclaim after a failure is over: end with the stored error. */
	if (c->final_status != 0U) {
		finish_partial(rmm, c, c->final_status, res);
		return;
	}
	params = calloc(1, REC_PARAMS_SIZE);
	/* params_pas: not NS, or the read fails */
	if (params == NULL || (c->params & GRANULE_MASK) != 0U ||
	    !rmm->plat.ns_read(rmm->plat.ctx, c->params, params, REC_PARAMS_SIZE)) {
		free(params);
		start_reclaim(c, rmi_pack(RMI2_ERROR_INPUT, 0), res);
		return;
	}
	rmm_account(rmm, RMM_COST_NS_COPY_LINE, REC_PARAMS_SIZE / 64U);
	/* rd_state (the REC is PARTIAL, held by this context) */
	if (!s2tt_lock_two(rmm, c->rd, RMM_GRANULE_RD, &g_rd, c->obj, RMM_GRANULE_PARTIAL,
			   &g_rec)) {
		free(params);
		start_reclaim(c, rmi_pack(RMI2_ERROR_INPUT, 0), res);
		return;
	}
	rd = rd_map(rmm, g_rd.g);
	st = rec_create_check(rmm, g_rd, rd, params, c);
	if (st != rmi_pack(RMI2_SUCCESS, 0)) {
		granule_unlock_locked(g_rec);
		granule_unlock_locked(g_rd);
		free(params);
		start_reclaim(c, st, res);
		return;
	}
	/* Execute (as 1.0 REC_CREATE; the aux list came by donation). */
	rec = rec_map(rmm, g_rec.g);
	rec_init(rec, c->rd, rd, params, le_field(params, RMI_REC_PARAMS_MPIDR_OFFSET, 8U),
		 c->ngranules, c->granules);
	if (rec->runnable) {
		measurement_rec_create(rmm, rd, params);
	}
	rd->v2_recs[rd->rec_index] = c->obj;
	rd->rec_index++;
	granule_refcount_inc(g_rd, 1);
	granule_unlock_transition(g_rec, RMM_GRANULE_REC);
	granule_unlock_locked(g_rd);
	free(params);
	res->x[0] = rmi_pack(RMI2_SUCCESS, 0);
	res->x[1] = 0;
	c->done = true;
}

RMI_HANDLER(smc2_rec_destroy)
{
	pa_t rec_pa = args[0];
	struct granule_locked g_rec;
	struct sro_ctx *c;
	struct rec *rec;
	unsigned handle;
	uint64_t err;

	/* sro_reserve */
	c = sro_alloc(rmm, &handle, &err);
	if (c == NULL) {
		res->x[0] = err;
		return;
	}
	/* rec_state */
	if (!find_lock_granule(rmm, rec_pa, RMM_GRANULE_REC, &g_rec)) {
		sro_free(rmm, c);
		res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
		return;
	}
	/* rec_running: RUNNING is a REC refcount of 1 (rec.h) */
	if (granule_refcount(g_rec.g) != 0U) {
		granule_unlock_locked(g_rec);
		sro_free(rmm, c);
		res->x[0] = rmi_pack(RMI2_ERROR_REC, 0);
		return;
	}
	/* Execute: PARTIAL, the RD reference dropped, the aux granules to reclaim. */
	rec = rec_map(rmm, g_rec.g);
	c->op = SRO_OP_REC_DESTROY;
	c->obj = rec_pa;
	c->rd = rec->owner;
	c->ngranules = rec->num_aux < SRO_MAX_GRANULES ? rec->num_aux : SRO_MAX_GRANULES;
	memcpy(c->granules, rec->aux, c->ngranules * sizeof(c->granules[0]));
	c->final_status = rmi_pack(RMI2_SUCCESS, 0);
	{
		struct rd *rd = rd_map(rmm, granule_find(rmm, rec->owner));

		if (rec->index < RMM_V2_MAX_RECS && rd->v2_recs[rec->index] == rec_pa) {
			rd->v2_recs[rec->index] = 0;
		}
		granule_put(granule_find(rmm, rec->owner));
	}
	granule_unlock_transition(g_rec, RMM_GRANULE_PARTIAL);
	start_reclaim(c, rmi_pack(RMI2_SUCCESS, 0), res);
	res->x[1] = handle;
	sro_seal(rmm, c);
}

void rec_destroy_continue(struct rmm *rmm, struct sro_ctx *c, struct rmi_result *res)
{
	finish_partial(rmm, c, c->final_status, res);
}

RMI_HANDLER(smc2_rec_enter)
{
	struct granule_locked g_rec;
	uint64_t flags = 0;
	uint32_t state;
	struct rec *rec;

	/*
	 * The 2.0 checks that differ from 1.0, in 2.0 order (commands.md
	 * REC_ENTER 1-4) and with no side effect; then the 1.0 handler
	 * (rec_enter.c) runs them again and runs the realm. The RecRun
	 * layouts agree on every field a 2.0 host uses. CHOICE(vgic-v2): the
	 * 2.0 reserved words at 0x300.. (1.0's gicv3_hcr/lrs) are this
	 * model's "hardware" ICH state, so a host that leaves them zero runs
	 * with an empty vGIC; the 1.0 GIC exit words are written into reserved
	 * space.
	 */
	res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
	if ((args[1] & GRANULE_MASK) != 0U ||
	    !rmm->plat.ns_read(rmm->plat.ctx, args[1], &flags, sizeof(flags))) {
		return;
	}
	if (!find_lock_granule(rmm, args[0], RMM_GRANULE_REC, &g_rec)) {
		return;
	}
	if (granule_refcount(g_rec.g) != 0U) {
		granule_unlock_locked(g_rec);
		res->x[0] = rmi_pack(RMI2_ERROR_REC, 0);
		return;
	}
	rec = rec_map(rmm, g_rec.g);
	state = __atomic_load_n(&rd_map(rmm, granule_find(rmm, rec->owner))->state,
				__ATOMIC_ACQUIRE);
	granule_unlock_locked(g_rec);
	/* realm_active: NEW, SYSTEM_OFF and ZOMBIE are all ERROR_REALM index 0 in 2.0. */
	if (state != REALM_ACTIVE) {
		res->x[0] = rmi_pack(RMI2_ERROR_REALM, 0);
		return;
	}
	smc_rec_enter(rmm, args, res);
}

/* MPIDR_EL1 (Aff3 in bits[39:32]) to RmiRecMpidr (Aff3 in bits[31:24]). */
static uint64_t mpidr_el1_to_rec(uint64_t m)
{
	return (m & 0xFFFF0FULL) | (((m >> 32) & 0xFFU) << 24);
}

RMI_HANDLER(smc2_psci_complete)
{
	uint64_t a[6] = { args[0], args[1], args[2] };
	struct granule_locked g_rec;
	struct rec *calling;
	const struct rd *rd;
	uint64_t idx;
	enum rmm_granule_state st;

	/*
	 * CHOICE(psci-complete-2arg): X2 naming a REC granule is TF-RMM's
	 * 3-argument form (calling, target, status); anything else is the
	 * TFTF-main / bet3 form (calling, status) and the target is the REC
	 * the pending CPU_ON / AFFINITY_INFO names (commands.md PSCI_COMPLETE).
	 */
	if ((args[1] & GRANULE_MASK) == 0U && rmm_granule_state(rmm, args[1], &st) &&
	    st == RMM_GRANULE_REC) {
		smc_psci_complete(rmm, a, res);
		return;
	}
	res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
	if (!find_lock_granule(rmm, args[0], RMM_GRANULE_REC, &g_rec)) {
		return;
	}
	calling = rec_map(rmm, g_rec.g);
	rd = rd_map(rmm, granule_find(rmm, calling->owner));
	idx = rec_mpidr_to_index(mpidr_el1_to_rec(calling->psci.target_mpidr));
	a[1] = idx < RMM_V2_MAX_RECS ? rd->v2_recs[idx] : 0U;
	a[2] = args[1];
	granule_unlock_locked(g_rec);
	/* No such REC: the 1.0 checks fail on target 0 with ERROR_INPUT. */
	smc_psci_complete(rmm, a, res);
}
