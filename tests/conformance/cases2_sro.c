/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 2.0 cases: the SRO commands RMI_OP_CONTINUE, RMI_OP_MEM_DONATE,
 * RMI_OP_MEM_RECLAIM and RMI_OP_CANCEL (commands.md "RMI_OP_*",
 * states.md §5), driven through REC_CREATE (expects DONATE) and
 * REC_DESTROY (expects RECLAIM), including donations split over calls.
 */
#include <string.h>

#include "conform_case.h"
#include "den0137_2_abi.h"

#define GATE(cmd) { cmd, "global", conform2_gate, NULL, false }
#define BAD_HANDLE 0x7FFFULL

/* A realm (NEW) and a REC_CREATE left waiting for its donation. */
struct so {
	struct conform_realm r;
	uint64_t h;
};

static bool so_donate(struct conform_ctx *c, struct so *s)
{
	memset(s, 0, sizeof(*s));
	return conform_realm_new(c, &s->r) && conform2_sro_open(c, &s->r, &s->h);
}

/* A REC_DESTROY left waiting for its reclaim. */
static bool so_reclaim(struct conform_ctx *c, struct so *s)
{
	struct conform_rec e = { .flags = RMI2_RUNNABLE };
	struct smc_regs out;

	memset(s, 0, sizeof(*s));
	if (!conform_realm_new(c, &s->r) || !conform_rec_create(c, &s->r, &e)) {
		return false;
	}
	if ((conform_smc(c, RMI2_REC_DESTROY_FID, (uint64_t[5]){ e.rec }, &out) & 0xFFU) !=
	    RMI2_INCOMPLETE) {
		return conform_fail(c, "setup: REC_DESTROY did not start an SRO");
	}
	s->h = out.x[1];
	return true;
}

/* A list of @n DELEGATED single-granule descriptors (state @st) in a fresh NS granule. */
static pa_t so_list(struct conform_ctx *c, unsigned n, unsigned st)
{
	pa_t list = conform_ns_granule(c), pa;

	for (unsigned i = 0; i < n; i++) {
		if (!conform_delegated(c, &pa) ||
		    !conform_ns_put(c, list, 8ULL * i, conform2_desc(pa, 1, st), 8)) {
			break;
		}
	}
	return list;
}

/* ---- OP_CONTINUE ---- */
static void oc_handle(struct conform_ctx *c)
{
	conform_call(c, RMI2_OP_CONTINUE_FID, (uint64_t[5]){ BAD_HANDLE, 0 }, NULL);
}

static void oc_step(struct conform_ctx *c)
{
	struct so s;

	if (so_donate(c, &s)) {
		conform_call(c, RMI2_OP_CONTINUE_FID, (uint64_t[5]){ s.h, 0 }, NULL);
		/* The context stays sealed: the donation can still go on. */
		conform_check(c, (conform_smc(c, RMI2_OP_MEM_DONATE_FID,
					      (uint64_t[5]){ s.h, so_list(c, 1, 0), 1 }, NULL) &
				  0xFFU) == RMI2_INCOMPLETE,
			      "after the refused OP_CONTINUE the SRO still takes donations");
	}
}

static void oc_success(struct conform_ctx *c)
{
	struct conform_rec e = { .flags = RMI2_RUNNABLE };
	struct conform_realm r;
	struct conform_sro s;

	if (conform_realm_new(c, &r) && conform_delegated(c, &e.rec) &&
	    conform_rec_params(c, &r, &e)) {
		conform2_rec_create_x0(c, &r, &e, &s, true);
		conform_check(c, conform_smc(c, RMI2_OP_CONTINUE_FID, (uint64_t[5]){ s.handle, 0 },
					     NULL) == RMI2_ERROR_INPUT,
			      "a finished SRO's handle is freed");
	}
}

/* ---- OP_MEM_DONATE ---- */
static void od_handle(struct conform_ctx *c)
{
	conform_call(c, RMI2_OP_MEM_DONATE_FID, (uint64_t[5]){ BAD_HANDLE, so_list(c, 1, 0), 1 }, NULL);
}

static void od_step(struct conform_ctx *c)
{
	struct so s;

	if (so_reclaim(c, &s)) {
		conform_call(c, RMI2_OP_MEM_DONATE_FID, (uint64_t[5]){ s.h, so_list(c, 1, 0), 1 }, NULL);
	}
}

static void od_list_align(struct conform_ctx *c)
{
	struct so s;

	if (so_donate(c, &s)) {
		conform_call(c, RMI2_OP_MEM_DONATE_FID, (uint64_t[5]){ s.h, so_list(c, 1, 0) + 4, 1 },
			     NULL);
	}
}

static void od_desc_state(struct conform_ctx *c)
{
	struct so s;

	if (so_donate(c, &s)) {
		conform_call(c, RMI2_OP_MEM_DONATE_FID,
			     (uint64_t[5]){ s.h, so_list(c, 1, RMI2_ADDR_STATE_UNDELEGATED), 1 }, NULL);
	}
}

static void od_too_much(struct conform_ctx *c)
{
	struct so s;

	if (so_donate(c, &s)) {
		conform_call(c, RMI2_OP_MEM_DONATE_FID,
			     (uint64_t[5]){ s.h, so_list(c, RMI2_REC_AUX_GRANULES + 1, 0),
					    RMI2_REC_AUX_GRANULES + 1 },
			     NULL);
	}
}

/* A donation in two halves: the first reply asks for the rest. */
static void od_success(struct conform_ctx *c)
{
	struct smc_regs out;
	struct conform_sro rest;
	struct so s;
	uint64_t x0;

	if (!so_donate(c, &s)) {
		return;
	}
	x0 = conform_call(c, RMI2_OP_MEM_DONATE_FID, (uint64_t[5]){ s.h, so_list(c, 8, 0), 8 }, &out);
	conform_check(c, (x0 & 0xFFU) == RMI2_INCOMPLETE &&
				 ((x0 >> RMI2_RESULT_MEMREQ_SHIFT) & 3U) == RMI2_OP_MEM_REQ_DONATE,
		      "8 of 16: still INCOMPLETE, MEMREQ DONATE");
	conform_check(c, out.x[1] == 8, "X1 = 8 granules taken");
	conform_check(c, ((out.x[2] >> RMI2_DONATE_REQ_COUNT_SHIFT) & 0x3FFFU) == 8,
		      "X2 asks for the 8 missing");
	out.x[1] = s.h;
	c->got = conform2_sro_finish(c, x0, &out, &rest, false) == RMI2_SUCCESS ? RMI2_SUCCESS : x0;
	conform_check(c, c->got == RMI2_SUCCESS, "the REC is created once the rest is donated");
}

/* ---- OP_MEM_RECLAIM ---- */
static void or_handle(struct conform_ctx *c)
{
	conform_call(c, RMI2_OP_MEM_RECLAIM_FID, (uint64_t[5]){ BAD_HANDLE, conform_ns_granule(c), 16 },
		     NULL);
}

static void or_list_align(struct conform_ctx *c)
{
	struct so s;

	if (so_reclaim(c, &s)) {
		conform_call(c, RMI2_OP_MEM_RECLAIM_FID,
			     (uint64_t[5]){ s.h, conform_ns_granule(c) + 4, 16 }, NULL);
	}
}

static void or_step(struct conform_ctx *c)
{
	struct so s;

	if (so_donate(c, &s)) {
		conform_call(c, RMI2_OP_MEM_RECLAIM_FID, (uint64_t[5]){ s.h, conform_ns_granule(c), 16 },
			     NULL);
	}
}

/* Reclaim four at a time: RECLAIM while entries remain, then the stored result. */
static void or_success(struct conform_ctx *c)
{
	struct smc_regs out;
	unsigned got = 0, calls = 0;
	struct so s;
	uint64_t x0;

	if (!so_reclaim(c, &s)) {
		return;
	}
	do {
		x0 = conform_call(c, RMI2_OP_MEM_RECLAIM_FID,
				  (uint64_t[5]){ s.h, conform_ns_granule(c), 4 }, &out);
		got += (unsigned)out.x[1];
		conform_check(c, out.x[1] <= 4, "X1 <= capacity");
	} while ((x0 & 0xFFU) == RMI2_INCOMPLETE &&
		 ((x0 >> RMI2_RESULT_MEMREQ_SHIFT) & 3U) == RMI2_OP_MEM_REQ_RECLAIM && ++calls < 16);
	conform_check(c, got == RMI2_REC_AUX_GRANULES, "16 aux granules come back");
	x0 = conform_smc(c, RMI2_OP_CONTINUE_FID, (uint64_t[5]){ s.h, 0 }, NULL);
	c->got = x0;
	conform_check(c, x0 == RMI2_SUCCESS, "then OP_CONTINUE ends REC_DESTROY");
}

/* ---- OP_CANCEL ---- */
static void ox_handle(struct conform_ctx *c)
{
	conform_call(c, RMI2_OP_CANCEL_FID, (uint64_t[5]){ BAD_HANDLE }, NULL);
}

static void ox_no_cancel(struct conform_ctx *c)
{
	struct so s;

	if (so_donate(c, &s)) {
		conform_call(c, RMI2_OP_CANCEL_FID, (uint64_t[5]){ s.h }, NULL);
	}
}

static const struct conform_case cases[] = {
	GATE("RMI_OP_CONTINUE"),
	{ "RMI_OP_CONTINUE", "handle", oc_handle, NULL, false },
	{ "RMI_OP_CONTINUE", "step", oc_step, NULL, false },
	{ "RMI_OP_CONTINUE", "success", oc_success, NULL, false },
	GATE("RMI_OP_MEM_DONATE"),
	{ "RMI_OP_MEM_DONATE", "handle", od_handle, NULL, false },
	{ "RMI_OP_MEM_DONATE", "step", od_step, NULL, false },
	{ "RMI_OP_MEM_DONATE", "list_align", od_list_align, NULL, false },
	{ "RMI_OP_MEM_DONATE", "desc_state", od_desc_state, NULL, false },
	{ "RMI_OP_MEM_DONATE", "too_much", od_too_much, NULL, false },
	{ "RMI_OP_MEM_DONATE", "success", od_success, NULL, false },
	GATE("RMI_OP_MEM_RECLAIM"),
	{ "RMI_OP_MEM_RECLAIM", "handle", or_handle, NULL, false },
	{ "RMI_OP_MEM_RECLAIM", "list_align", or_list_align, NULL, false },
	{ "RMI_OP_MEM_RECLAIM", "step", or_step, NULL, false },
	{ "RMI_OP_MEM_RECLAIM", "success", or_success, NULL, false },
	GATE("RMI_OP_CANCEL"),
	{ "RMI_OP_CANCEL", "handle", ox_handle, NULL, false },
	{ "RMI_OP_CANCEL", "no_cancel", ox_no_cancel, NULL, false },
};
CONFORM_SET(conform_cases2_sro, cases);
