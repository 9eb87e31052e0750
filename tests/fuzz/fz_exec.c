/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The decoder: one opcode byte per step selects an RMI command (arguments
 * from fz_pick.c), the raw-FID escape, or a macro (fz_macro.c). Every call
 * goes through fz_call, which runs the invariant checker, the oracle and
 * the granule model after it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "fuzz_rmi.h"
#include "platform.h"

struct fz_stats fz_stats = { .max_rtt_level = -2 };
unsigned fz_fast;
unsigned fz_pes = 1;
void (*fz_before_reset)(struct fz_plat *p);

void fz_read_env(void)
{
	const char *v = getenv("FUZZ_RMI_FAST");

	fz_fast = v != NULL && v[0] >= '0' && v[0] <= '2' ? (unsigned)(v[0] - '0') : 0U;
	v = getenv("FUZZ_RMI_PES");
	fz_pes = v != NULL && v[0] == '2' ? 2U : 1U;
}

uint8_t fz_u8(struct fz *z)
{
	uint8_t v;

	if (z->n == 0U) {
		return 0;
	}
	v = *z->p++;
	z->n--;
	return v;
}

uint64_t fz_u64(struct fz *z)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8U && z->n != 0U; i++) {
		v |= (uint64_t)fz_u8(z) << (8U * i);
	}
	return v;
}

void fz_log_call(FILE *out, uint64_t abi, const struct smc_regs *in, const struct smc_regs *res)
{
	char line[512];

	rmi_log_format_abi(line, sizeof(line), abi, in, res);
	fprintf(out, "%s\n", line);
}

void fz_finding(struct fz *z, const char *why)
{
	unsigned first = z->nhist > FZ_HISTORY ? z->nhist - FZ_HISTORY : 0U;

	fflush(stdout);
	fprintf(stderr, "\n==== fuzz_rmi FINDING: %s\n", why);
	fprintf(stderr, "==== last %u of %u RMI calls of this input (RMI log format):\n",
		z->nhist - first, z->nhist);
	for (unsigned i = first; i < z->nhist; i++) {
		fprintf(stderr, "  #%u ", i);
		fz_log_call(stderr, z->hist[i % FZ_HISTORY].abi, &z->hist[i % FZ_HISTORY].in,
			    &z->hist[i % FZ_HISTORY].out);
	}
	fprintf(stderr, "==== replay: scripts/fuzz.sh reproduce <crash-file>\n");
	abort();
}

/* The granule at @pa, if managed: compare the model with the RMM now. */
static void check_granule(struct fz *z, pa_t pa, const struct smc_regs *in)
{
	enum rmm_granule_state real;
	enum rmm_granule_state want = fz_gstate(z, pa);
	char why[200];

	if (want == RMM_GRANULE_STATE_COUNT || z->lost_realm) {
		return;
	}
	fz_touch(z, pa);
	if (!rmm_granule_state(z->f->rmm, pa & ~(pa_t)GRANULE_MASK, &real)) {
		real = RMM_GRANULE_STATE_COUNT;
	}
	if (real != want) {
		snprintf(why, sizeof(why),
			 "granule 0x%" PRIx64 " is %s after FID 0x%" PRIx64 " > 0x%" PRIx64
			 ", spec model says %s",
			 pa, rmm_granule_state_name(real), in->x[0], z->hist[(z->nhist - 1U) % FZ_HISTORY].out.x[0],
			 rmm_granule_state_name(want));
		fz_finding(z, why);
	}
}

static uint64_t rd64(const uint8_t *p, unsigned off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

/* Every granule the call names: arguments, outputs, RTTs and aux granules in its params. */
static void check_call_granules(struct fz *z, const struct smc_regs *in,
				const struct smc_regs *out, const uint8_t *params)
{
	uint64_t fid = in->x[0];

	for (unsigned i = 1; i <= 5U; i++) {
		check_granule(z, in->x[i], in);
	}
	check_granule(z, out->x[1], in);
	if (params == NULL) {
		return;
	}
	if (fid == RMI_REALM_CREATE_FID) {
		pa_t base = rd64(params, RMI_REALM_PARAMS_RTT_BASE_OFFSET);

		for (unsigned i = 0; i < 16U; i++) {
			check_granule(z, base + (pa_t)i * GRANULE_SIZE, in);
		}
	} else if (fid == RMI_REC_CREATE_FID) {
		for (unsigned i = 0; i < RMI_REC_PARAMS_AUX_COUNT; i++) {
			check_granule(z, rd64(params, RMI_REC_PARAMS_AUX_OFFSET + 8U * i), in);
		}
	}
}

/* Host view of the NS buffer a command reads (RealmParams, RecParams), NULL if none. */
static const uint8_t *params_of(struct fz *z, const struct smc_regs *in)
{
	pa_t pa;

	if (in->x[0] == RMI_REALM_CREATE_FID) {
		pa = in->x[2];
	} else if (in->x[0] == RMI_REC_CREATE_FID) {
		pa = in->x[3];
	} else {
		return NULL;
	}
	if ((pa & GRANULE_MASK) != 0U) {
		return NULL;
	}
	return fzp_mem(z->f, pa);
}

struct smc_regs fz_call(struct fz *z, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			uint64_t a4, uint64_t a5)
{
	struct smc_regs in = { .x = { fid, a1, a2, a3, a4, a5 } };
	struct smc_regs out = in;
	uint8_t params[GRANULE_SIZE];
	const uint8_t *pp = params_of(z, &in);
	uint64_t want;
	const char *bad;
	char msg[300];

	if (z->ncalls >= FZ_MAX_CALLS) {
		z->n = 0; /* input over: the caller sees a failure */
		out.x[0] = (uint64_t)-1;
		return out;
	}
	/*
	 * The platform's RMM speaks 1.0 and 2.0 (fz_plat.c): a 1.0 input keeps
	 * 1.0 by asking for 3.0 instead of 2.0 (ERROR_INPUT either way to a
	 * 1.0-only RMM; the oracle's prediction holds).
	 */
	if (!z->v2 && ((uint32_t)fid & ~0x10000U) == (uint32_t)RMI_VERSION_FID &&
	    a1 == 0x20000U) {
		in.x[1] = out.x[1] = 0x30000U;
	}
	z->ncalls++;
	if (pp != NULL) {
		/* Snapshot: the RMM reads it during the call; the model uses it after. */
		memcpy(params, pp, sizeof(params));
		pp = params;
	}
	want = z->v2 ? FZ_NO_PREDICTION : fz_oracle_predict(z, &in, pp);
	rmm_handle_rmi(z->f->rmm, &out);
	z->hist[z->nhist % FZ_HISTORY].in = in;
	z->hist[z->nhist % FZ_HISTORY].out = out;
	z->hist[z->nhist % FZ_HISTORY].abi = rmm_rmi_abi_selected(z->f->rmm);
	z->nhist++;
	fz_stats.calls++;
	fz_stats.status[(out.x[0] >> 8) == 0U && out.x[0] < 5U ? out.x[0] : 5U]++;
	if (z->log != NULL) {
		fz_log_call(z->log, rmm_rmi_abi_selected(z->f->rmm), &in, &out);
	}
	if (z->fast != 2U && !(z->fast == 1U && z->helper) &&
	    !rmm_check_invariants_tracked(z->f->rmm, msg, sizeof(msg))) {
		char why[400];

		snprintf(why, sizeof(why), "RMM invariant violated: %s", msg);
		fz_finding(z, why);
	}
	if (want != FZ_NO_PREDICTION) {
		fz_stats.predicted++;
		if (out.x[0] != want) {
			snprintf(msg, sizeof(msg),
				 "spec oracle: FID 0x%" PRIx64 " returned X0 = 0x%" PRIx64
				 ", the spec requires 0x%" PRIx64,
				 fid, out.x[0], want);
			fz_finding(z, msg);
		}
	}
	if (z->v2) {
		return out; /* 2.0: the invariant checker above is the judge */
	}
	bad = fz_oracle_outputs(z, &in, &out);
	if (bad != NULL) {
		fz_finding(z, bad);
	}
	fz_model_update(z, &in, &out, pp);
	check_call_granules(z, &in, &out, pp);
	if (out.x[0] == RMI_SUCCESS && fid == RMI_REC_ENTER_FID) {
		fz_stats.rec_enters_ok++;
	}
	return out;
}

/* The 23 RMI commands of 1.0, in opcode order. */
static const uint64_t rmi_fids[] = {
	RMI_VERSION_FID,
	RMI_GRANULE_DELEGATE_FID,
	RMI_GRANULE_UNDELEGATE_FID,
	RMI_DATA_CREATE_FID,
	RMI_DATA_CREATE_UNKNOWN_FID,
	RMI_DATA_DESTROY_FID,
	RMI_REALM_ACTIVATE_FID,
	RMI_REALM_CREATE_FID,
	RMI_REALM_DESTROY_FID,
	RMI_REC_CREATE_FID,
	RMI_REC_DESTROY_FID,
	RMI_REC_ENTER_FID,
	RMI_RTT_CREATE_FID,
	RMI_RTT_DESTROY_FID,
	RMI_RTT_MAP_UNPROTECTED_FID,
	RMI_RTT_READ_ENTRY_FID,
	RMI_RTT_UNMAP_UNPROTECTED_FID,
	RMI_PSCI_COMPLETE_FID,
	RMI_FEATURES_FID,
	RMI_RTT_FOLD_FID,
	RMI_REC_AUX_COUNT_FID,
	RMI_RTT_INIT_RIPAS_FID,
	RMI_RTT_SET_RIPAS_FID,
};

#define NUM_RMI (sizeof(rmi_fids) / sizeof(rmi_fids[0]))

enum fz_macro_op {
	OP_RAW = NUM_RMI,
	OP_REALM,
	OP_RTTS,
	OP_DATA,
	OP_REC,
	OP_ACTIVATE,
	OP_ENTER,
	OP_INIT_RIPAS,
	OP_TEARDOWN,
	OP_MAP_NS,
	OP_WRITE_NS,
	OP_COUNT,
};

/* An NS buffer most of the time, any address otherwise. */
static pa_t pick_ns(struct fz *z, unsigned buf)
{
	if (fz_u8(z) < 224U) {
		return FZ_NS_BASE + (pa_t)buf * GRANULE_SIZE;
	}
	return fz_pick_addr(z, RMM_GRANULE_UNDELEGATED);
}

/* One RMI command with arguments drawn from the input and the tracked objects. */
static void op_rmi(struct fz *z, unsigned op)
{
	uint64_t fid = rmi_fids[op];
	pa_t rd = 0, rec;
	struct fz_realm *r;
	int level;
	bool prot;

	if (fid != RMI_VERSION_FID && fid != RMI_FEATURES_FID && fid != RMI_GRANULE_DELEGATE_FID &&
	    fid != RMI_GRANULE_UNDELEGATE_FID && fid != RMI_REC_DESTROY_FID &&
	    fid != RMI_REC_ENTER_FID && fid != RMI_PSCI_COMPLETE_FID && fid != RMI_REALM_CREATE_FID) {
		rd = fz_pick_rd(z);
	}
	r = fz_realm_by_rd(z, rd);
	switch (op) {
	case 0: /* VERSION */
		fz_call(z, fid, fz_u8(z) < 192U ? 0x10000U : fz_u64(z), 0, 0, 0, 0);
		break;
	case 1: /* GRANULE_DELEGATE */
		fz_call(z, fid, fz_pick_addr(z, RMM_GRANULE_UNDELEGATED), 0, 0, 0, 0);
		break;
	case 2: /* GRANULE_UNDELEGATE */
		fz_call(z, fid, fz_pick_addr(z, RMM_GRANULE_DELEGATED), 0, 0, 0, 0);
		break;
	case 3: { /* DATA_CREATE */
		pa_t data = fz_pick_addr(z, RMM_GRANULE_DELEGATED);
		ipa_t ipa = fz_pick_ipa(z, r, 3, true);
		pa_t src = pick_ns(z, FZ_NS_SRC);

		fz_call(z, fid, rd, data, ipa, src, fz_u8(z) % 3U);
		break;
	}
	case 4: { /* DATA_CREATE_UNKNOWN */
		pa_t data = fz_pick_addr(z, RMM_GRANULE_DELEGATED);

		fz_call(z, fid, rd, data, fz_pick_ipa(z, r, 3, true), 0, 0);
		break;
	}
	case 5: /* DATA_DESTROY */
		fz_call(z, fid, rd, fz_pick_ipa(z, r, 3, true), 0, 0, 0);
		break;
	case 6: /* REALM_ACTIVATE */
	case 8: /* REALM_DESTROY */
	case 20: /* REC_AUX_COUNT */
		fz_call(z, fid, rd, 0, 0, 0, 0);
		break;
	case 7: /* REALM_CREATE */
		rd = fz_pick_addr(z, RMM_GRANULE_DELEGATED);
		fz_call(z, fid, rd, pick_ns(z, FZ_NS_REALM_PARAMS), 0, 0, 0);
		break;
	case 9: /* REC_CREATE */
		rec = fz_pick_addr(z, RMM_GRANULE_DELEGATED);
		fz_call(z, fid, rd, rec, pick_ns(z, FZ_NS_REC_PARAMS), 0, 0);
		break;
	case 10: /* REC_DESTROY */
		fz_call(z, fid, fz_pick_rec(z), 0, 0, 0, 0);
		break;
	case 11: /* REC_ENTER */
		rec = fz_pick_rec(z);
		fz_call(z, fid, rec, pick_ns(z, FZ_NS_REC_RUN_OF(z)), 0, 0, 0);
		break;
	case 12: { /* RTT_CREATE */
		pa_t rtt;

		level = fz_pick_level(z, r);
		prot = fz_u8(z) < 192U;
		rtt = fz_pick_addr(z, RMM_GRANULE_DELEGATED);
		fz_call(z, fid, rd, rtt, fz_pick_ipa(z, r, level - 1, prot), (uint64_t)level, 0);
		break;
	}
	case 13: /* RTT_DESTROY */
	case 19: /* RTT_FOLD */
		level = fz_pick_level(z, r);
		prot = fz_u8(z) < 192U;
		fz_call(z, fid, rd, fz_pick_ipa(z, r, level - 1, prot), (uint64_t)level, 0, 0);
		break;
	case 14: { /* RTT_MAP_UNPROTECTED */
		uint64_t desc;

		level = fz_pick_level(z, r);
		prot = fz_u8(z) < 32U;
		desc = fz_u8(z) < 200U ? (FZ_NS_BASE & ~(fz_level_size(level) - 1U)) |
						 ((uint64_t)(fz_u8(z) & 0x3FU) << 2)
				       : fz_u64(z);
		fz_call(z, fid, rd, fz_pick_ipa(z, r, level, prot), (uint64_t)level, desc, 0);
		break;
	}
	case 15: /* RTT_READ_ENTRY */
		level = fz_pick_level(z, r);
		prot = fz_u8(z) < 128U;
		fz_call(z, fid, rd, fz_pick_ipa(z, r, level, prot), (uint64_t)level, 0, 0);
		break;
	case 16: /* RTT_UNMAP_UNPROTECTED */
		level = fz_pick_level(z, r);
		prot = fz_u8(z) < 32U;
		fz_call(z, fid, rd, fz_pick_ipa(z, r, level, prot), (uint64_t)level, 0, 0);
		break;
	case 17: /* PSCI_COMPLETE */
		rec = fz_pick_rec(z);
		fz_call(z, fid, rec, fz_pick_rec(z), fz_u8(z) < 200U ? fz_u8(z) % 8U : fz_u64(z),
			0, 0);
		break;
	case 18: /* FEATURES */
		fz_call(z, fid, fz_u8(z) < 128U ? 0U : fz_u64(z), 0, 0, 0, 0);
		break;
	case 21: { /* RTT_INIT_RIPAS */
		ipa_t base = fz_pick_ipa(z, r, 3, true);

		fz_call(z, fid, rd, base, base + (uint64_t)(fz_u8(z) % 8U) * GRANULE_SIZE, 0, 0);
		break;
	}
	case 22: { /* RTT_SET_RIPAS */
		ipa_t base;

		rec = fz_pick_rec(z);
		base = fz_pick_ipa(z, r, 3, true);
		fz_call(z, fid, rd, rec, base, base + (uint64_t)(fz_u8(z) % 8U) * GRANULE_SIZE, 0);
		break;
	}
	default:
		break;
	}
}

/* Any FID in the RMI range (or any value at all) with raw arguments. */
static void op_raw(struct fz *z)
{
	uint8_t sel = fz_u8(z);
	uint64_t fid = sel < 224U ? 0xC4000150ULL + (sel % 0x40U) : fz_u64(z);
	uint64_t a[5];

	if ((sel & 1U) != 0U) {
		fid |= 1ULL << 16; /* SMCCC SVE hint (abi.md §1) */
	}
	for (unsigned i = 0; i < 5U; i++) {
		a[i] = fz_u64(z);
	}
	fz_call(z, fid, a[0], a[1], a[2], a[3], a[4]);
}

static void fz_step(struct fz *z)
{
	unsigned op = fz_u8(z) % OP_COUNT;

	if (op < NUM_RMI) {
		op_rmi(z, op);
		return;
	}
	switch ((enum fz_macro_op)op) {
	case OP_RAW:
		op_raw(z);
		break;
	case OP_REALM:
		fz_macro_realm(z);
		break;
	case OP_RTTS:
		fz_macro_rtts(z);
		break;
	case OP_DATA:
		fz_macro_data(z);
		break;
	case OP_REC:
		fz_macro_rec(z);
		break;
	case OP_ACTIVATE:
		fz_macro_activate(z);
		break;
	case OP_ENTER:
		fz_macro_enter(z);
		break;
	case OP_INIT_RIPAS:
		fz_macro_init_ripas(z);
		break;
	case OP_TEARDOWN:
		fz_macro_teardown(z);
		break;
	case OP_MAP_NS:
		fz_macro_map_ns(z);
		break;
	case OP_WRITE_NS:
		fz_macro_write_ns(z);
		break;
	case OP_COUNT:
	default:
		break;
	}
}

/*
 * Two host PEs (FUZZ_RMI_PES=2): byte 0 is the schedule, the rest is split
 * in two halves, PE 0's call stream and PE 1's. Before each step bit
 * (k mod 8) of the schedule picks the PE whose stream supplies the next
 * call (the other one once a stream is used up). Every RMI call is atomic
 * in the RMM (its granule locks), so the calls of two PEs racing always
 * behave as some such interleaving: this mode explores the interleavings
 * deterministically, so each input replays exactly (fuzz_rmi_reproduce).
 * Real concurrent calls are what tests/concurrency runs under TSan.
 */
static void fz_run_two_pes(struct fz *z, const uint8_t *data, size_t size)
{
	uint8_t sched = size > 0U ? data[0] : 0U;
	size_t half = size > 1U ? (size - 1U) / 2U : 0U;
	const uint8_t *s[2] = { data + (size > 0U ? 1U : 0U), data + (size > 0U ? 1U : 0U) + half };
	size_t left[2] = { half, size > 1U ? size - 1U - half : 0U };
	unsigned k = 0;

	while ((left[0] != 0U || left[1] != 0U) && z->ncalls < FZ_MAX_CALLS) {
		unsigned pe = (sched >> (k++ % 8U)) & 1U;

		if (left[pe] == 0U) {
			pe ^= 1U;
		}
		if (z->log != NULL && pe != z->pe) {
			fprintf(z->log, "# PE %u\n", pe);
		}
		z->pe = pe;
		z->p = s[pe];
		z->n = left[pe];
		fz_step(z);
		s[pe] = z->p;
		left[pe] = z->n;
	}
	z->n = 0;
}

int fz_run(const uint8_t *data, size_t size, FILE *log)
{
	static struct fz z; /* ~20 KiB: kept off the stack */

	fz_model_reset(&z);
	z.fast = fz_fast;
	z.f = fzp_begin();
	z.p = data;
	z.n = size;
	z.log = log;
	z.pe = 0;
	z.v2 = z.n != 0U && z.p[0] == FZ_ABI2_SELECTOR;
	if (z.v2) {
		z.p++;
		z.n--;
		fz_v2_run(&z);
	} else if (fz_pes == 2U) {
		fz_run_two_pes(&z, data, size);
	}
	while (z.n != 0U && z.ncalls < FZ_MAX_CALLS) {
		fz_step(&z);
	}
	{
		char msg[300];

		if (!rmm_check_invariants(z.f->rmm, msg, sizeof(msg))) {
			char why[400];

			snprintf(why, sizeof(why), "RMM invariant violated at the end: %s", msg);
			fz_finding(&z, why);
		}
	}
	fz_model_check(&z, "end of input");
	fz_update_stats(&z);
	if (fz_before_reset != NULL) {
		fz_before_reset(z.f);
	}
	fzp_end(z.f);
	z.f = NULL;
	fz_stats.inputs++;
	return 0;
}

void fz_print_stats(FILE *out)
{
	const struct fz_stats *s = &fz_stats;

	fprintf(out, "fuzz_rmi stats: inputs %" PRIu64 ", RMI calls %" PRIu64
		     " (SUCCESS %" PRIu64 ", INPUT %" PRIu64 ", REALM %" PRIu64 ", REC %" PRIu64
		     ", RTT %" PRIu64 ", other %" PRIu64 "), oracle predictions %" PRIu64 "\n",
		s->inputs, s->calls, s->status[0], s->status[1], s->status[2], s->status[3],
		s->status[4], s->status[5], s->predicted);
	/* max_rtt_level stays below 0 until an RTT below the starting level exists. */
	fprintf(out, "fuzz_rmi deepest: realms ACTIVE at once %u, deepest created RTT level %d, "
		     "live RECs %u, live DATA %u, successful REC_ENTERs %" PRIu64 "\n",
		s->max_realms_active, s->max_rtt_level < 0 ? -1 : s->max_rtt_level, s->max_recs,
		s->max_data, s->rec_enters_ok);
}
