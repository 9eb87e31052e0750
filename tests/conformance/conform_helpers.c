/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Building blocks for the cases: RMI calls as the NS host, a granule
 * allocator over the first DRAM bank, and realms/RTTs/DATA/RECs built
 * through RMI only. Every setup call must succeed; otherwise the case
 * fails with the call and the status it got.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conform_case.h"
#include "den0137_2_abi.h"
#include "den0137_2_conditions.h"
#include "den0137_conditions.h"

bool conform_fail(struct conform_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->failed) {
		va_start(ap, fmt);
		vsnprintf(c->why, sizeof(c->why), fmt, ap);
		va_end(ap);
		c->failed = true;
	}
	return false;
}

void conform_skip(struct conform_ctx *c, const char *reason)
{
	c->skipped = reason;
}

bool conform_check(struct conform_ctx *c, bool ok, const char *what)
{
	if (!ok) {
		return conform_fail(c, "success check: %s", what);
	}
	return true;
}

void conform_fmt_status(uint64_t x0, char *buf, size_t len)
{
	/* 0..4 are 1.0's codes; 5..16 are 2.0's (abi.md §6). */
	static const char *const names[] = {
		"RMI_SUCCESS",        "RMI_ERROR_INPUT",   "RMI_ERROR_REALM",
		"RMI_ERROR_REC",      "RMI_ERROR_RTT",     "RMI_ERROR_NOT_SUPPORTED",
		"RMI_ERROR_DEVICE",   "RMI_ERROR_RTT_AUX", "RMI_ERROR_PSMMU_ST",
		"RMI_ERROR_DPT",      "RMI_BUSY",          "RMI_ERROR_GLOBAL",
		"RMI_ERROR_TRACKING", "RMI_INCOMPLETE",    "RMI_BLOCKED",
		"RMI_ERROR_GPT",      "RMI_ERROR_GRANULE",
	};
	unsigned status = (unsigned)(x0 & 0xFFU);
	unsigned index = (unsigned)((x0 >> 8) & 0xFFU);

	/* Anything but a packed RMI code (e.g. SMC_UNKNOWN) is shown raw. */
	if ((x0 >> 16) != 0 || status >= sizeof(names) / sizeof(names[0])) {
		snprintf(buf, len, "0x%llx", (unsigned long long)x0);
	} else if (status == RMI_SUCCESS && index == 0) {
		snprintf(buf, len, "%s", names[status]);
	} else {
		snprintf(buf, len, "%s %u", names[status], index);
	}
}

void conform_fmt_rsi_status(uint64_t x0, char *buf, size_t len)
{
	static const char *const names[] = {
		"RSI_SUCCESS", "RSI_ERROR_INPUT", "RSI_ERROR_STATE", "RSI_INCOMPLETE",
		"RSI_ERROR_UNKNOWN",
	};

	if (x0 < sizeof(names) / sizeof(names[0])) {
		snprintf(buf, len, "%s", names[x0]);
	} else {
		snprintf(buf, len, "0x%llx", (unsigned long long)x0);
	}
}

const char *conform_fid_name(uint64_t fid)
{
	for (size_t i = 0; i < DEN0137_NUM_COMMANDS; i++) {
		if (den0137_commands[i].fid == fid) {
			return den0137_commands[i].name;
		}
	}
	for (size_t i = 0; i < DEN0137_2_NUM_COMMANDS; i++) {
		if (den0137_2_commands[i].fid == fid) {
			return den0137_2_commands[i].name;
		}
	}
	return "?";
}

/* FIDs 1.0 has and 2.0 removed (abi.md §3 "Removed"): an inherited case must not use them. */
static bool removed_in_2(uint64_t fid)
{
	return fid == RMI2_REMOVED_GRANULE_DELEGATE_FID || fid == RMI2_REMOVED_GRANULE_UNDELEGATE_FID ||
	       fid == RMI2_REMOVED_DATA_CREATE_UNKNOWN_FID || fid == RMI2_REMOVED_DATA_DESTROY_FID ||
	       fid == RMI2_REMOVED_RTT_MAP_UNPROTECTED_FID ||
	       fid == RMI2_REMOVED_RTT_UNMAP_UNPROTECTED_FID || fid == RMI2_REMOVED_REC_AUX_COUNT_FID;
}

uint64_t conform_smc(struct conform_ctx *c, uint64_t fid, const uint64_t a[5],
		     struct smc_regs *out)
{
	struct smc_regs regs;
	char msg[160];

	if (c->abi == 2 && removed_in_2(fid)) {
		conform_fail(c, "case issues %s, which RMI 2.0 removed", conform_fid_name(fid));
	}
	memset(&regs, 0, sizeof(regs));
	regs.x[0] = fid;
	for (unsigned i = 0; i < 5; i++) {
		regs.x[i + 1] = a[i];
	}
	rmmsim_smc(c->sim, RMMSIM_CALLER_NS, &regs);
	msg[0] = '\0';
	if (!c->bulk && !conform_obs_invariants(c, msg, sizeof(msg))) {
		conform_fail(c, "invariant violated after %s: %s", conform_fid_name(fid), msg);
	}
	if (out != NULL) {
		*out = regs;
	}
	return regs.x[0];
}

uint64_t conform_call(struct conform_ctx *c, uint64_t fid, const uint64_t a[5],
		      struct smc_regs *out)
{
	uint64_t x0 = conform_smc(c, fid, a, out);

	c->called = true;
	c->got = x0;
	return x0;
}

bool conform_setup(struct conform_ctx *c, uint64_t fid, const uint64_t a[5],
		   struct smc_regs *out)
{
	char st[32];
	uint64_t x0;

	/* 2.0 destroys only a ZOMBIE realm (states.md §4): a 1.0 case's teardown terminates first. */
	if (c->abi == 2 && fid == RMI_REALM_DESTROY_FID) {
		conform_smc(c, RMI2_REALM_TERMINATE_FID, (uint64_t[5]){ a[0] }, NULL);
	}
	x0 = conform_smc(c, fid, a, out);
	if (x0 != RMI_SUCCESS) {
		conform_fmt_status(x0, st, sizeof(st));
		return conform_fail(c, "setup: %s(0x%llx, 0x%llx, 0x%llx, 0x%llx) returned %s",
				    conform_fid_name(fid), (unsigned long long)a[0],
				    (unsigned long long)a[1], (unsigned long long)a[2],
				    (unsigned long long)a[3], st);
	}
	return !c->failed;
}

pa_t conform_ns_granule(struct conform_ctx *c)
{
	pa_t pa = c->next;

	if (pa + GRANULE_SIZE > c->limit) {
		conform_fail(c, "setup: out of granules");
		return c->next;
	}
	c->next += GRANULE_SIZE;
	return pa;
}

bool conform_delegate_at(struct conform_ctx *c, pa_t pa)
{
	struct smc_regs out;

	if (c->abi == 2) {
		/* RANGE_DELEGATE of one granule: done when X1 = out_top = top. */
		return conform_setup(c, RMI2_GRANULE_RANGE_DELEGATE_FID,
				     (uint64_t[5]){ pa, pa + GRANULE_SIZE }, &out) &&
		       conform_check(c, out.x[1] == pa + GRANULE_SIZE,
				     "setup: RANGE_DELEGATE of one granule returns out_top = top");
	}
	return conform_setup(c, RMI_GRANULE_DELEGATE_FID, (uint64_t[5]){ pa }, NULL);
}

bool conform_delegated(struct conform_ctx *c, pa_t *pa)
{
	*pa = conform_ns_granule(c);
	return conform_delegate_at(c, *pa);
}

bool conform_delegated_n(struct conform_ctx *c, unsigned n, pa_t *base)
{
	pa_t pa;

	*base = c->next;
	for (unsigned i = 0; i < n; i++) {
		if (!conform_delegated(c, &pa)) {
			return false;
		}
	}
	return true;
}

bool conform_ns_put(struct conform_ctx *c, pa_t pa, uint64_t off, uint64_t v, unsigned size)
{
	uint8_t b[8];

	/* ABI structures are little-endian; write exactly the field's bytes. */
	for (unsigned i = 0; i < 8; i++) {
		b[i] = (uint8_t)(v >> (8 * i));
	}
	if (size > 8 || !rmmsim_ns_write(c->sim, pa + off, b, size)) {
		return conform_fail(c, "setup: NS write at 0x%llx failed",
				    (unsigned long long)(pa + off));
	}
	return true;
}

uint64_t conform_level_size(int level)
{
	return 1ULL << (12 + 9 * (3 - level));
}

uint64_t conform_unprot(const struct conform_realm *r)
{
	return 1ULL << (r->s2sz - 1);
}

void conform_realm_cfg(struct conform_ctx *c, struct conform_realm *r)
{
	memset(r, 0, sizeof(*r));
	r->s2sz = 40;
	r->sl = 0;
	r->num_start = 1;
	r->hash_algo = RMI_HASH_SHA_256;
	/* The most debug resources the RMM supports (0 = invalid, see params_supp). */
	r->num_bps = (unsigned)conform_feat0(c, RMI_FEATURE_REGISTER_0_NUM_BPS_SHIFT,
					     RMI_FEATURE_REGISTER_0_NUM_BPS_WIDTH);
	r->num_wps = (unsigned)conform_feat0(c, RMI_FEATURE_REGISTER_0_NUM_WPS_SHIFT,
					     RMI_FEATURE_REGISTER_0_NUM_WPS_WIDTH);
	r->num_bps = r->num_bps != 0 ? r->num_bps : 2;
	r->num_wps = r->num_wps != 0 ? r->num_wps : 2;
	r->vmid = c->next_vmid++;
}

bool conform_realm_params(struct conform_ctx *c, struct conform_realm *r)
{
	pa_t p;

	if (r->params == 0) {
		r->params = conform_ns_granule(c);
	}
	p = r->params;
	/* 2.0 has no vmid: 0x800 is reserved, the RMM allocates VMIDs (structures.md §1). */
	if (c->abi == 2) {
		r->vmid = 0;
	}
	return conform_ns_put(c, p, RMI_REALM_PARAMS_FLAGS_OFFSET, r->flags,
			      RMI_REALM_PARAMS_FLAGS_SIZE) &&
	       conform_ns_put(c, p, RMI_REALM_PARAMS_S2SZ_OFFSET, r->s2sz,
			      RMI_REALM_PARAMS_S2SZ_SIZE) &&
	       conform_ns_put(c, p, RMI_REALM_PARAMS_NUM_BPS_OFFSET, r->num_bps,
			      RMI_REALM_PARAMS_NUM_BPS_SIZE) &&
	       conform_ns_put(c, p, RMI_REALM_PARAMS_NUM_WPS_OFFSET, r->num_wps,
			      RMI_REALM_PARAMS_NUM_WPS_SIZE) &&
	       conform_ns_put(c, p, RMI_REALM_PARAMS_HASH_ALGO_OFFSET, r->hash_algo,
			      RMI_REALM_PARAMS_HASH_ALGO_SIZE) &&
	       conform_ns_put(c, p, RMI_REALM_PARAMS_VMID_OFFSET, r->vmid,
			      RMI_REALM_PARAMS_VMID_SIZE) &&
	       conform_ns_put(c, p, RMI_REALM_PARAMS_RTT_BASE_OFFSET, r->rtt_base,
			      RMI_REALM_PARAMS_RTT_BASE_SIZE) &&
	       conform_ns_put(c, p, RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET, (uint64_t)(int64_t)r->sl,
			      RMI_REALM_PARAMS_RTT_LEVEL_START_SIZE) &&
	       conform_ns_put(c, p, RMI_REALM_PARAMS_RTT_NUM_START_OFFSET, r->num_start,
			      RMI_REALM_PARAMS_RTT_NUM_START_SIZE);
}

bool conform_realm_create(struct conform_ctx *c, struct conform_realm *r)
{
	if (!conform_delegated(c, &r->rd) ||
	    !conform_delegated_n(c, r->num_start, &r->rtt_base) ||
	    !conform_realm_params(c, r)) {
		return false;
	}
	return conform_setup(c, RMI_REALM_CREATE_FID, (uint64_t[5]){ r->rd, r->params }, NULL);
}

bool conform_realm_new(struct conform_ctx *c, struct conform_realm *r)
{
	conform_realm_cfg(c, r);
	return conform_realm_create(c, r);
}

bool conform_realm_activate(struct conform_ctx *c, struct conform_realm *r)
{
	return conform_setup(c, RMI_REALM_ACTIVATE_FID, (uint64_t[5]){ r->rd }, NULL);
}

bool conform_rtt_to(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa, unsigned level)
{
	for (int l = r->sl + 1; l <= (int)level; l++) {
		uint64_t base = ipa & ~(conform_level_size(l - 1) - 1);
		uint64_t x0;
		pa_t rtt;

		if (!conform_delegated(c, &rtt)) {
			return false;
		}
		x0 = conform_smc(c, RMI_RTT_CREATE_FID, (uint64_t[5]){ r->rd, rtt, base, (uint64_t)l }, NULL);
		/* (RTT, l-1) = rtte_state: that table exists already, go deeper. */
		if (x0 == (RMI_ERROR_RTT | ((uint64_t)(l - 1) << 8))) {
			continue;
		}
		if (x0 != RMI_SUCCESS) {
			char st[32];

			conform_fmt_status(x0, st, sizeof(st));
			return conform_fail(c, "setup: RMI_RTT_CREATE(ipa 0x%llx, level %d) returned %s",
					    (unsigned long long)base, l, st);
		}
	}
	return !c->failed;
}

bool conform_data(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa, pa_t *data)
{
	pa_t src, d;

	if (!conform_rtt_to(c, r, ipa, 3)) {
		return false;
	}
	src = conform_ns_granule(c);
	if (!conform_ns_put(c, src, 0, 0x5a5a5a5a5a5a5a5aULL, 8) || !conform_delegated(c, &d)) {
		return false;
	}
	if (data != NULL) {
		*data = d;
	}
	return conform_setup(c, RMI_DATA_CREATE_FID,
			     (uint64_t[5]){ r->rd, d, ipa, src, RMI_NO_MEASURE_CONTENT }, NULL);
}

bool conform_ripas_ram(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa)
{
	return conform_rtt_to(c, r, ipa, 3) &&
	       conform_setup(c, RMI_RTT_INIT_RIPAS_FID,
			     (uint64_t[5]){ r->rd, ipa, ipa + GRANULE_SIZE }, NULL);
}

bool conform_rec_params(struct conform_ctx *c, struct conform_realm *r, struct conform_rec *e)
{
	struct smc_regs out;
	pa_t p;

	if (c->abi == 2) {
		/* 2.0 RecParams: no aux list, aux granules come by SRO donation (structures.md §2). */
		if (e->params == 0) {
			e->params = conform_ns_granule(c);
		}
		return conform_ns_put(c, e->params, RMI2_REC_PARAMS_FLAGS_OFFSET, e->flags, 8) &&
		       conform_ns_put(c, e->params, RMI2_REC_PARAMS_MPIDR_OFFSET, e->mpidr, 8) &&
		       conform_ns_put(c, e->params, RMI2_REC_PARAMS_PC_OFFSET, e->pc, 8);
	}

	if (!conform_setup(c, RMI_REC_AUX_COUNT_FID, (uint64_t[5]){ r->rd }, &out)) {
		return false;
	}
	e->num_aux = out.x[1];
	if (e->num_aux > RMI_REC_PARAMS_AUX_COUNT) {
		return conform_fail(c, "setup: RMI_REC_AUX_COUNT returned %llu (> 16)",
				    (unsigned long long)e->num_aux);
	}
	for (uint64_t i = 0; i < e->num_aux; i++) {
		if (!conform_delegated(c, &e->aux[i])) {
			return false;
		}
	}
	if (e->params == 0) {
		e->params = conform_ns_granule(c);
	}
	p = e->params;
	if (!conform_ns_put(c, p, RMI_REC_PARAMS_FLAGS_OFFSET, e->flags, RMI_REC_PARAMS_FLAGS_SIZE) ||
	    !conform_ns_put(c, p, RMI_REC_PARAMS_MPIDR_OFFSET, e->mpidr, RMI_REC_PARAMS_MPIDR_SIZE) ||
	    !conform_ns_put(c, p, RMI_REC_PARAMS_PC_OFFSET, e->pc, RMI_REC_PARAMS_PC_SIZE) ||
	    !conform_ns_put(c, p, RMI_REC_PARAMS_NUM_AUX_OFFSET, e->num_aux,
			    RMI_REC_PARAMS_NUM_AUX_SIZE)) {
		return false;
	}
	for (uint64_t i = 0; i < e->num_aux; i++) {
		if (!conform_ns_put(c, p, RMI_REC_PARAMS_AUX_OFFSET + 8 * i, e->aux[i], 8)) {
			return false;
		}
	}
	return true;
}

bool conform_rec_create(struct conform_ctx *c, struct conform_realm *r, struct conform_rec *e)
{
	if (!conform_delegated(c, &e->rec) || !conform_rec_params(c, r, e)) {
		return false;
	}
	if (c->abi == 2) {
		struct conform_sro s;
		uint64_t x0 = conform2_rec_create_x0(c, r, e, &s, false);
		char st[32];

		if (x0 != RMI2_SUCCESS) {
			conform_fmt_status(x0, st, sizeof(st));
			return conform_fail(c, "setup: RMI_REC_CREATE (SRO) ended with %s", st);
		}
		return !c->failed;
	}
	return conform_setup(c, RMI_REC_CREATE_FID, (uint64_t[5]){ r->rd, e->rec, e->params }, NULL);
}

bool conform_read_entry(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa,
			unsigned level, uint64_t out[4])
{
	struct smc_regs regs;

	if (!conform_setup(c, RMI_RTT_READ_ENTRY_FID, (uint64_t[5]){ r->rd, ipa, level }, &regs)) {
		return false;
	}
	memcpy(out, &regs.x[1], 4 * sizeof(uint64_t));
	return true;
}

bool conform_bad_addr(struct conform_ctx *c, enum conform_bad bad, uint64_t *addr)
{
	pa_t pa;

	switch (bad) {
	case CONFORM_BAD_ALIGN:
		*addr += 0x800;
		return true;
	case CONFORM_BAD_BOUND:
		*addr = c->unbound;
		return true;
	case CONFORM_BAD_DELEGATED:
		if (!conform_delegated(c, &pa)) {
			return false;
		}
		*addr = pa;
		return true;
	case CONFORM_BAD_NS:
		*addr = conform_ns_granule(c);
		return !c->failed;
	}
	return false;
}

uint64_t conform_feat0(struct conform_ctx *c, unsigned shift, unsigned width)
{
	struct smc_regs out;

	conform_smc(c, RMI_FEATURES_FID, (uint64_t[5]){ 0 }, &out);
	return (out.x[1] >> shift) & ((1ULL << width) - 1);
}

pa_t conform_high_granule(struct conform_ctx *c)
{
	struct rmmsim_region banks[8];
	size_t n = rmmsim_dram_banks(c->sim, banks, 8);

	for (size_t i = 0; i < n; i++) {
		pa_t end = banks[i].base + banks[i].size;

		if (end > (1ULL << 48) && banks[i].size >= GRANULE_SIZE) {
			return banks[i].base > (1ULL << 48) ? banks[i].base : (1ULL << 48);
		}
	}
	return 0;
}
