/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 building blocks: the host start (CONFIG_SET, ACTIVATE), the
 * global-state gate case, and an SRO driver that answers MEMREQ DONATE /
 * RECLAIM / NONE the way the newest Linux host does (sequences.md A).
 */
#include <string.h>

#include "conform_case.h"
#include "den0137_2_abi.h"

#define SRO_MAX_STEPS 64U

bool conform2_activate(struct conform_ctx *c)
{
	pa_t cfg = conform_ns_granule(c);

	return conform_ns_put(c, cfg, RMI2_RMM_CONFIG_TRACKING_REGION_SIZE_OFFSET,
			      RMI2_TRACKING_REGION_SIZE_1GB, 8) &&
	       conform_ns_put(c, cfg, RMI2_RMM_CONFIG_RMI_GRANULE_SIZE_OFFSET,
			      RMI2_GRANULE_SIZE_4KB, 8) &&
	       conform_setup(c, RMI2_RMM_CONFIG_SET_FID, (uint64_t[5]){ cfg }, NULL) &&
	       conform_setup(c, RMI2_RMM_ACTIVATE_FID, (uint64_t[5]){ 0 }, NULL);
}

void conform2_gate(struct conform_ctx *c)
{
	/* CONFIG_SET and ACTIVATE need INIT: their wrong state is ACTIVE (abi.md §2). */
	if (c->fid == RMI2_RMM_CONFIG_SET_FID || c->fid == RMI2_RMM_ACTIVATE_FID) {
		if (!conform2_activate(c)) {
			return;
		}
	}
	/* Any arguments: the gate runs before the handler's own checks. */
	conform_call(c, c->fid, (uint64_t[5]){ 0 }, NULL);
}

uint64_t conform2_desc(pa_t pa, unsigned count, unsigned st)
{
	return (pa & ~(uint64_t)(GRANULE_SIZE - 1)) | ((uint64_t)count << RMI2_ADDR_RDESC_CNT_SHIFT) |
	       ((uint64_t)RMI2_PAGE_L3 << RMI2_ADDR_RDESC_SZ_SHIFT) |
	       ((uint64_t)st << RMI2_ADDR_RDESC_ST_SHIFT);
}

static unsigned memreq(uint64_t x0)
{
	return (unsigned)((x0 >> RMI2_RESULT_MEMREQ_SHIFT) & ((1U << RMI2_RESULT_MEMREQ_WIDTH) - 1));
}

/* OP_MEM_DONATE for the request @req (RmiOpMemDonateReq); 4 KiB blocks only. */
static uint64_t donate(struct conform_ctx *c, struct conform_sro *s, uint64_t req,
		       struct smc_regs *out)
{
	unsigned size = (unsigned)(req & ((1U << RMI2_DONATE_REQ_SIZE_WIDTH) - 1));
	unsigned count = (unsigned)((req >> RMI2_DONATE_REQ_COUNT_SHIFT) &
				    ((1U << RMI2_DONATE_REQ_COUNT_WIDTH) - 1));
	bool contig = (req >> RMI2_DONATE_REQ_CONTIG_SHIFT) & 1U;
	unsigned st = (unsigned)((req >> RMI2_DONATE_REQ_STATE_SHIFT) & 1U);
	pa_t list = conform_ns_granule(c), base;
	unsigned n = 0;

	if (size != RMI2_PAGE_L3 || count == 0 || count > 64) {
		conform_fail(c, "setup: donate request 0x%llx (size %u, count %u) not handled",
			     (unsigned long long)req, size, count);
		return ~0ULL;
	}
	if (contig) {
		/* The bump allocator hands out consecutive granules. */
		base = c->next;
		for (unsigned i = 0; i < count; i++) {
			pa_t pa;

			if (st == RMI2_ADDR_STATE_DELEGATED ? !conform_delegated(c, &pa)
							    : ((pa = conform_ns_granule(c)), c->failed)) {
				return ~0ULL;
			}
			if (s->num_donated < 64) {
				s->donated[s->num_donated++] = pa;
			}
		}
		if (!conform_ns_put(c, list, 0, conform2_desc(base, count, st), 8)) {
			return ~0ULL;
		}
		n = 1;
	} else {
		for (unsigned i = 0; i < count; i++) {
			pa_t pa;

			if (st == RMI2_ADDR_STATE_DELEGATED) {
				if (!conform_delegated(c, &pa)) {
					return ~0ULL;
				}
			} else {
				pa = conform_ns_granule(c);
			}
			if (s->num_donated < 64) {
				s->donated[s->num_donated++] = pa;
			}
			if (!conform_ns_put(c, list, 8ULL * i, conform2_desc(pa, 1, st), 8)) {
				return ~0ULL;
			}
		}
		n = count;
	}
	s->steps++;
	return conform_smc(c, RMI2_OP_MEM_DONATE_FID, (uint64_t[5]){ s->handle, list, n, 0 }, out);
}

/* OP_MEM_RECLAIM into a fresh NS list; the returned granules are recorded. */
static uint64_t reclaim(struct conform_ctx *c, struct conform_sro *s, struct smc_regs *out)
{
	pa_t list = conform_ns_granule(c);
	uint64_t x0 = conform_smc(c, RMI2_OP_MEM_RECLAIM_FID,
				  (uint64_t[5]){ s->handle, list, RMI2_ADDR_LIST_MAX_RANGES }, out);

	s->steps++;
	for (uint64_t i = 0; i < out->x[1] && i < RMI2_ADDR_LIST_MAX_RANGES; i++) {
		uint64_t d = 0;
		unsigned cnt;

		if (!rmmsim_ns_read(c->sim, list + 8 * i, &d, 8)) {
			break;
		}
		cnt = (unsigned)((d >> RMI2_ADDR_RDESC_CNT_SHIFT) & ((1U << RMI2_ADDR_RDESC_CNT_WIDTH) - 1));
		for (unsigned k = 0; k < cnt && s->num_reclaimed < 64; k++) {
			s->reclaimed[s->num_reclaimed++] =
				(d & 0x000FFFFFFFFFF000ULL) + (uint64_t)k * GRANULE_SIZE;
		}
	}
	return x0;
}

uint64_t conform2_sro_finish(struct conform_ctx *c, uint64_t x0, const struct smc_regs *first,
			     struct conform_sro *s, bool judge)
{
	struct smc_regs out = *first;

	memset(s, 0, sizeof(*s));
	s->handle = first->x[1];
	while ((x0 & 0xFFU) == RMI2_INCOMPLETE && s->steps < SRO_MAX_STEPS && !c->failed) {
		switch (memreq(x0)) {
		case RMI2_OP_MEM_REQ_DONATE:
			x0 = donate(c, s, out.x[2], &out);
			break;
		case RMI2_OP_MEM_REQ_RECLAIM:
			x0 = reclaim(c, s, &out);
			break;
		default:
			s->steps++;
			x0 = conform_smc(c, RMI2_OP_CONTINUE_FID,
					 (uint64_t[5]){ s->handle, RMI2_CONTINUE_KEEP_GOING }, &out);
			break;
		}
	}
	if ((x0 & 0xFFU) == RMI2_INCOMPLETE && !c->failed) {
		conform_fail(c, "SRO still INCOMPLETE after %u steps", s->steps);
	}
	s->last_x1 = out.x[1];
	if (judge) {
		c->called = true;
		c->got = x0;
	}
	return x0;
}

uint64_t conform2_rec_create_x0(struct conform_ctx *c, struct conform_realm *r,
				struct conform_rec *e, struct conform_sro *s, bool judge)
{
	struct smc_regs out;
	uint64_t x0 = conform_smc(c, RMI2_REC_CREATE_FID, (uint64_t[5]){ r->rd, e->rec, e->params },
				  &out);

	x0 = conform2_sro_finish(c, x0, &out, s, judge);
	e->num_aux = s->num_donated < 16 ? s->num_donated : 16;
	for (uint64_t i = 0; i < e->num_aux; i++) {
		e->aux[i] = s->donated[i];
	}
	return x0;
}

bool conform2_terminate(struct conform_ctx *c, struct conform_realm *r)
{
	return conform_setup(c, RMI2_REALM_TERMINATE_FID, (uint64_t[5]){ r->rd }, NULL);
}

bool conform2_sro_open(struct conform_ctx *c, struct conform_realm *r, uint64_t *handle)
{
	struct conform_rec e = { .flags = RMI2_RUNNABLE };
	struct smc_regs out;
	uint64_t x0;

	if (!conform_delegated(c, &e.rec) || !conform_rec_params(c, r, &e)) {
		return false;
	}
	x0 = conform_smc(c, RMI2_REC_CREATE_FID, (uint64_t[5]){ r->rd, e.rec, e.params }, &out);
	if ((x0 & 0xFFU) != RMI2_INCOMPLETE) {
		char st[32];

		conform_fmt_status(x0, st, sizeof(st));
		return conform_fail(c, "setup: REC_CREATE did not start an SRO (%s)", st);
	}
	*handle = out.x[1];
	return true;
}

bool conform2_sro_fill(struct conform_ctx *c, struct conform_realm *r)
{
	/* The pool is MAX_CPUS x 10 contexts (structures.md §6); 16 PEs at most here. */
	for (unsigned i = 0; i < (unsigned)(16U * RMI2_SRO_CONTEXTS_PER_CPU); i++) {
		struct conform_rec e = { .flags = RMI2_RUNNABLE };
		struct smc_regs out;
		uint64_t x0;

		if (!conform_delegated(c, &e.rec) || !conform_rec_params(c, r, &e)) {
			return false;
		}
		x0 = conform_smc(c, RMI2_REC_CREATE_FID, (uint64_t[5]){ r->rd, e.rec, e.params },
				 &out);
		if (x0 == RMI2_BLOCKED) {
			return true; /* full: the next reservation is BLOCKED too */
		}
		if ((x0 & 0xFFU) != RMI2_INCOMPLETE) {
			char st[32];

			conform_fmt_status(x0, st, sizeof(st));
			return conform_fail(c, "setup: REC_CREATE #%u while filling SRO contexts: %s",
					    i, st);
		}
	}
	return conform_fail(c, "setup: %u SRO contexts open and still not BLOCKED",
			    (unsigned)(16U * RMI2_SRO_CONTEXTS_PER_CPU));
}

uint64_t conform_rec_destroy_x0(struct conform_ctx *c, pa_t rec)
{
	struct conform_sro s;
	struct smc_regs out;
	uint64_t x0 = conform_smc(c, RMI2_REC_DESTROY_FID, (uint64_t[5]){ rec }, &out);

	return c->abi == 2 ? conform2_sro_finish(c, x0, &out, &s, false) : x0;
}
