/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stateful RMI Operations (den0137-2.0 structures.md §6, states.md §5,
 * commands.md "OP_*"): the context pool and RMI_OP_CONTINUE,
 * RMI_OP_MEM_DONATE, RMI_OP_MEM_RECLAIM, RMI_OP_CANCEL.
 *
 * A context is FREE, RESERVED (owned by the call running now) or SEALED
 * (parked between calls, named by its handle = its pool index, so the
 * first handle is 0 as in TF-RMM). An operation callback either seals
 * the context again (INCOMPLETE) or frees it (terminal result).
 */
#include <string.h>

#include "realm.h"
#include "v2.h"

#define SRO_RESERVED 2U /* third state, used only inside this file and the callbacks' calls */

/* Address lists: 8-byte entries, never read past the list's granule (structures.md §5). */
#define ADDR_LIST_MAX 512U

static void pool_lock(struct rmm_v2 *v)
{
	while (atomic_flag_test_and_set_explicit(&v->sro_lock, memory_order_acquire)) {
	}
}

static void pool_unlock(struct rmm_v2 *v)
{
	atomic_flag_clear_explicit(&v->sro_lock, memory_order_release);
}

struct sro_ctx *sro_alloc(struct rmm *rmm, unsigned *handle, uint64_t *err)
{
	struct rmm_v2 *v = rmm->v2;
	bool reserved = false;

	pool_lock(v);
	for (unsigned i = 0; i < SRO_NUM_CONTEXTS; i++) {
		if (v->sro[i].state == SRO_FREE) {
			memset(&v->sro[i], 0, sizeof(v->sro[i]));
			v->sro[i].state = (enum sro_state)SRO_RESERVED;
			pool_unlock(v);
			*handle = i;
			return &v->sro[i];
		}
		reserved |= (unsigned)v->sro[i].state == SRO_RESERVED;
	}
	pool_unlock(v);
	/* BUSY while some context is in use by a running call; BLOCKED if all are sealed. */
	*err = rmi_pack(reserved ? RMI2_BUSY : RMI2_BLOCKED, 0);
	return NULL;
}

struct sro_ctx *sro_get(struct rmm *rmm, uint64_t handle)
{
	struct rmm_v2 *v = rmm->v2;
	struct sro_ctx *c = NULL;

	pool_lock(v);
	if (handle < SRO_NUM_CONTEXTS && v->sro[handle].state == SRO_SEALED) {
		c = &v->sro[handle];
		c->state = (enum sro_state)SRO_RESERVED;
	}
	pool_unlock(v);
	return c;
}

bool sro_reserve_probe(struct rmm *rmm, uint64_t *err)
{
	unsigned handle;
	struct sro_ctx *c = sro_alloc(rmm, &handle, err);

	if (c == NULL) {
		return false;
	}
	sro_free(rmm, c);
	return true;
}

void sro_seal(struct rmm *rmm, struct sro_ctx *c)
{
	pool_lock(rmm->v2);
	c->state = SRO_SEALED;
	pool_unlock(rmm->v2);
}

void sro_free(struct rmm *rmm, struct sro_ctx *c)
{
	pool_lock(rmm->v2);
	memset(c, 0, sizeof(*c));
	pool_unlock(rmm->v2);
}

/* Seals @c again, or frees it when the callback reached a terminal result. */
static void sro_settle(struct rmm *rmm, struct sro_ctx *c)
{
	if (c->done) {
		sro_free(rmm, c);
	} else {
		sro_seal(rmm, c);
	}
}

/* handle and expected-step checks common to every OP_*; seals back on a step mismatch. */
static struct sro_ctx *op_begin(struct rmm *rmm, uint64_t handle, uint64_t fid,
				struct rmi_result *res)
{
	struct sro_ctx *c = sro_get(rmm, handle);

	res->x[0] = rmi_pack(RMI2_ERROR_INPUT, 0);
	/* handle: unknown or not sealed (the context is untouched) */
	if (c == NULL) {
		return NULL;
	}
	/* step: this is not the call the operation waits for */
	if (fid != 0U && c->expect_fid != fid) {
		sro_seal(rmm, c);
		return NULL;
	}
	return c;
}

/* Entries of the list at @list that fit in its granule, at most @count and ADDR_LIST_MAX. */
static unsigned list_clip(pa_t list, uint64_t count)
{
	uint64_t room = (GRANULE_SIZE - (list & GRANULE_MASK)) / 8U;

	if (count > room) {
		count = room;
	}
	return (unsigned)(count > ADDR_LIST_MAX ? ADDR_LIST_MAX : count);
}

RMI_HANDLER(smc2_op_continue)
{
	uint64_t handle = args[0];
	struct sro_ctx *c = op_begin(rmm, handle, RMI2_OP_CONTINUE, res);

	/*
	 * CHOICE(op-continue-stop): RmiContinueFlags.STOP (X2 bit 0) is
	 * accepted and ignored: every operation here finishes its step.
	 */
	if (c == NULL) {
		return;
	}
	switch (c->op) {
	case SRO_OP_REC_CREATE:
		rec_create_continue(rmm, c, (unsigned)handle, res);
		break;
	case SRO_OP_REC_DESTROY:
		rec_destroy_continue(rmm, c, res);
		break;
	case SRO_OP_NONE:
		c->done = true;
		break;
	}
	sro_settle(rmm, c);
}

RMI_HANDLER(smc2_op_mem_donate)
{
	uint64_t handle = args[0];
	pa_t list = args[1];
	unsigned n;
	uint64_t descs[ADDR_LIST_MAX];
	uint64_t granules = 0;
	struct sro_ctx *c = op_begin(rmm, handle, RMI2_OP_MEM_DONATE, res);

	if (c == NULL) {
		return;
	}
	/* list_align */
	if ((list & 7U) != 0U) {
		goto reseal;
	}
	n = list_clip(list, args[2]);
	/* list_read */
	if (n != 0U && !rmm->plat.ns_read(rmm->plat.ctx, list, descs, 8U * n)) {
		goto reseal;
	}
	/*
	 * desc_valid: the only request here is REC aux memory: non-contiguous
	 * DELEGATED granules, so each descriptor is L3 pages (CHOICE: larger
	 * blocks are refused) with state DELEGATED. desc_size: no more than
	 * outstanding.
	 */
	for (unsigned i = 0; i < n; i++) {
		unsigned cnt = (unsigned)((descs[i] >> RDESC_CNT_SHIFT) & RDESC_CNT_MASK);

		if ((descs[i] & RDESC_SZ_MASK) != 0U || cnt == 0U ||
		    rdesc_state(descs[i]) != RDESC_ST_DELEGATED) {
			goto reseal;
		}
		granules += cnt;
	}
	if (granules > c->needed - c->ngranules) {
		goto reseal;
	}
	/* Execute: the operation takes the granules one by one. */
	{
		pa_t pas[SRO_MAX_GRANULES];
		unsigned npas = 0;

		for (unsigned i = 0; i < n; i++) {
			unsigned cnt = (unsigned)((descs[i] >> RDESC_CNT_SHIFT) & RDESC_CNT_MASK);

			for (unsigned k = 0; k < cnt; k++) {
				pas[npas++] = (descs[i] & RDESC_ADDR_MASK) + (pa_t)k * GRANULE_SIZE;
			}
		}
		rec_create_donate(rmm, c, pas, npas, res);
	}
	sro_settle(rmm, c);
	return;
reseal:
	sro_seal(rmm, c);
}

RMI_HANDLER(smc2_op_mem_reclaim)
{
	uint64_t handle = args[0];
	pa_t list = args[1];
	uint64_t out[ADDR_LIST_MAX];
	unsigned cap;
	unsigned n;
	struct sro_ctx *c = op_begin(rmm, handle, 0, res);

	if (c == NULL) {
		return;
	}
	/* list_align, then step */
	if ((list & 7U) != 0U || c->expect_fid != RMI2_OP_MEM_RECLAIM) {
		sro_seal(rmm, c);
		return;
	}
	cap = list_clip(list, args[2]);
	n = c->ngranules - c->reclaimed;
	if (n > cap) {
		n = cap;
	}
	for (unsigned i = 0; i < n; i++) {
		out[i] = rdesc_make(c->granules[c->reclaimed + i], 1U, 0U);
	}
	/* list_write: nothing changes if the host's list cannot be written. */
	if (n != 0U && !rmm->plat.ns_write(rmm->plat.ctx, list, out, 8U * n)) {
		sro_seal(rmm, c);
		return;
	}
	/* The granules go back to DELEGATED, zeroed: they held REC state. */
	for (unsigned i = 0; i < n; i++) {
		struct granule_locked gl;

		if (!find_lock_granule(rmm, c->granules[c->reclaimed + i], RMM_GRANULE_REC_AUX,
				       &gl)) {
			continue; /* cannot happen: the context owns them */
		}
		granule_memzero(rmm, gl);
		granule_unlock_transition(gl, RMM_GRANULE_DELEGATED);
	}
	c->reclaimed += n;
	res->x[1] = n;
	if (c->reclaimed < c->ngranules) {
		res->x[0] = rmi2_incomplete(RMI2_MEMREQ_RECLAIM, c->can_cancel);
	} else {
		c->expect_fid = RMI2_OP_CONTINUE;
		res->x[0] = rmi2_incomplete(RMI2_MEMREQ_NONE, c->can_cancel);
	}
	sro_seal(rmm, c);
}

RMI_HANDLER(smc2_op_cancel)
{
	struct sro_ctx *c = op_begin(rmm, args[0], 0, res);

	if (c == NULL) {
		return;
	}
	/*
	 * cancel: REC_CREATE, REC_DESTROY (the only SROs here) are created
	 * with can_cancel = false, as in TF-RMM (states.md §5), so this is
	 * RMI_ERROR_INPUT and the context stays sealed.
	 */
	sro_seal(rmm, c);
}
