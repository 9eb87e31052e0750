/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm construction: granule pool, RMI wrapper, RTTs, and the build
 * sequence (REALM_CREATE, RTT_CREATE, RTT_INIT_RIPAS, DATA_CREATE with
 * measurement, REC_CREATE, REALM_ACTIVATE), logging each measured event for
 * scripts/rim.py (commands.md "Measurement").
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "realm_host.h"
#include "realm_hostcall.h"

/* Where in DRAM bank 0 the driver takes its granules (any delegable DRAM). */
#define POOL_OFFSET 0x10000000ULL
#define POOL_SIZE 0x01000000ULL   /* 16 MiB: 4096 granules */
#define NS_OFFSET 0x18000000ULL
#define NS_SIZE 0x00100000ULL
#define POOL_OFFSET2 0x20000000ULL

bool rh_fail(struct rh_realm *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->res.error, sizeof(r->res.error), fmt, ap);
	va_end(ap);
	return false;
}

struct rh_ret rh_rmi(struct rh_realm *r, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		     uint64_t a4)
{
	return rh_rmi5(r, fid, a1, a2, a3, a4, 0);
}

struct rh_ret rh_rmi5(struct rh_realm *r, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		      uint64_t a4, uint64_t a5)
{
	struct smc_regs regs = { .x = { fid, a1, a2, a3, a4, a5 } };
	struct rh_ret ret;

	rmmsim_smc(r->sim, RMMSIM_CALLER_NS, &regs);
	/* Return code packing: abi.md §5. */
	ret.status = (unsigned)(regs.x[0] & 0xFFU);
	ret.index = (unsigned)((regs.x[0] >> 8) & 0xFFU);
	memcpy(ret.x, regs.x, sizeof(ret.x));
	return ret;
}

uint64_t rh_level_size(int level)
{
	return 1ULL << (12U + 9U * (unsigned)(3 - level));
}

static uint64_t fr0_field(uint64_t fr0, unsigned shift, unsigned width)
{
	return (fr0 >> shift) & ((1ULL << width) - 1ULL);
}

bool rh_init(struct rh_realm *r, struct rmmsim *sim, const struct rh_config *cfg)
{
	struct rmmsim_region bank;
	char err[256];

	memset(r, 0, sizeof(*r));
	if (cfg)
		r->cfg = *cfg;
	if (r->cfg.ipa_bits == 0)
		r->cfg.ipa_bits = 32;
	if (r->cfg.num_recs == 0)
		r->cfg.num_recs = 1;
	if (r->cfg.vmid == 0)
		r->cfg.vmid = 1;
	if (r->cfg.flat_load_ipa == 0)
		r->cfg.flat_load_ipa = RH_LOAD_IPA;
	if (r->cfg.max_idle_exits == 0)
		r->cfg.max_idle_exits = 4096;
	if (r->cfg.max_exits == 0)
		r->cfg.max_exits = 100000;
	if (r->cfg.num_recs > RH_MAX_RECS)
		return rh_fail(r, "num_recs %u > %u", r->cfg.num_recs, RH_MAX_RECS);
	if (r->cfg.ipa_bits < 32 || r->cfg.ipa_bits > 48)
		return rh_fail(r, "ipa_bits %u not in [32, 48]", r->cfg.ipa_bits);
	r->sim = sim;
	if (!sim) {
		struct rmmsim_options opt = { 0 };

		r->sim = rmmsim_create(&opt, err, sizeof(err));
		if (!r->sim)
			return rh_fail(r, "rmmsim_create: %s", err);
		r->own_sim = true;
	}
	if (r->cfg.slot >= RH_MAX_SLOTS)
		return rh_fail(r, "slot %u >= %u", r->cfg.slot, RH_MAX_SLOTS);
	if (rmmsim_dram_banks(r->sim, &bank, 1) == 0 ||
	    bank.size < NS_OFFSET + NS_SIZE * RH_MAX_SLOTS)
		return rh_fail(r, "DRAM bank 0 too small for realm_host");
	/* Each slot: its own 16 MiB granule pool and 1 MiB of NS pages. */
	r->pool_base = r->pool_next = bank.base + POOL_SIZE * (r->cfg.slot / 2U) +
				      (r->cfg.slot % 2U == 0U ? POOL_OFFSET : POOL_OFFSET2);
	r->pool_end = r->pool_base + POOL_SIZE;
	r->ns_base = r->ns_next = bank.base + NS_OFFSET + NS_SIZE * r->cfg.slot;
	r->ns_end = r->ns_base + NS_SIZE;
	r->mlog = open_memstream(&r->mlog_buf, &r->mlog_len);
	if (!r->mlog)
		return rh_fail(r, "open_memstream failed");
	fputs("{\"events\": [", r->mlog);
	r->mlog_first = true;
	return r->cfg.rmi_abi != 2 || rh_v2_boot(r);
}

void rh_fini(struct rh_realm *r)
{
	if (r->mlog)
		fclose(r->mlog);
	free(r->mlog_buf);
	if (r->own_sim && r->sim)
		rmmsim_destroy(r->sim);
	r->mlog = NULL;
	r->mlog_buf = NULL;
	r->sim = NULL;
}

/* Next pool granule, delegated; 0 (with res.error) on failure. */
pa_t rh_delegate(struct rh_realm *r)
{
	pa_t pa = r->pool_next;
	struct rh_ret ret;

	if (pa >= r->pool_end) {
		rh_fail(r, "granule pool exhausted");
		return 0;
	}
	r->pool_next += GRANULE_SIZE;
	if (r->cfg.rmi_abi == 2)
		return rh_v2_delegate(r, pa) ? pa : 0;
	ret = rh_rmi(r, RMI_GRANULE_DELEGATE_FID, pa, 0, 0, 0);
	if (ret.status != RMI_SUCCESS) {
		rh_fail(r, "GRANULE_DELEGATE 0x%" PRIx64 ": status %u", pa, ret.status);
		return 0;
	}
	return pa;
}

/* Next NS page, zeroed. */
pa_t rh_ns_alloc(struct rh_realm *r)
{
	static const uint8_t zero[GRANULE_SIZE];
	pa_t pa = r->ns_next;

	if (pa >= r->ns_end || !rmmsim_ns_write(r->sim, pa, zero, sizeof(zero))) {
		rh_fail(r, "NS page pool exhausted");
		return 0;
	}
	r->ns_next += GRANULE_SIZE;
	return pa;
}

static bool ns_u64(struct rh_realm *r, pa_t pa, uint64_t v)
{
	return rmmsim_ns_write(r->sim, pa, &v, sizeof(v));
}

bool rh_rtt_ensure(struct rh_realm *r, ipa_t ipa, int level)
{
	for (int l = r->start_level + 1; l <= level; l++) {
		ipa_t base = ipa & ~(rh_level_size(l - 1) - 1ULL);
		struct rh_ret ret;
		bool have = false;
		pa_t rtt;

		for (size_t i = 0; i < r->num_rtts; i++)
			have = have || (r->rtts[i].ipa == base && r->rtts[i].level == l);
		if (have)
			continue;
		if (r->num_rtts == RH_MAX_RTTS)
			return rh_fail(r, "more than %u RTTs", RH_MAX_RTTS);
		rtt = rh_delegate(r);
		if (!rtt)
			return false;
		ret = rh_rmi(r, RMI_RTT_CREATE_FID, r->rd, rtt, base, (uint64_t)l);
		if (ret.status != RMI_SUCCESS)
			return rh_fail(r, "RTT_CREATE 0x%" PRIx64 " level %d: status %u index %u",
				       base, l, ret.status, ret.index);
		r->rtts[r->num_rtts++] = (struct rh_rtt){ .ipa = base, .level = l, .pa = rtt };
	}
	return true;
}

static void mlog_sep(struct rh_realm *r)
{
	if (!r->mlog_first)
		fputc(',', r->mlog);
	r->mlog_first = false;
	fputs("\n ", r->mlog);
}

/* RTT_INIT_RIPAS over [base, top) (RAM, measured per RTT entry). */
static bool init_ripas(struct rh_realm *r, ipa_t base, ipa_t top)
{
	unsigned guard = 0;

	while (base < top) {
		struct rh_ret ret = rh_rmi(r, RMI_RTT_INIT_RIPAS_FID, r->rd, base, top, 0);

		if (ret.status == RMI_ERROR_RTT && guard++ < 4) {
			/* The walk stopped above the page level: add the missing RTTs. */
			if (!rh_rtt_ensure(r, base, (int)ret.index + 1))
				return false;
			continue;
		}
		if (ret.status != RMI_SUCCESS || ret.x[1] <= base || ret.x[1] > top)
			return rh_fail(r, "RTT_INIT_RIPAS 0x%" PRIx64 ": status %u index %u",
				       base, ret.status, ret.index);
		/* Every RTT of the RAM range exists down to level 3: 4 KiB entries. */
		/* RMI 2.0: INIT_RIPAS does not extend the RIM ([RMM-c] bdb07f46). */
		if (r->cfg.rmi_abi != 2) {
			mlog_sep(r);
			fprintf(r->mlog, "{\"op\": \"ripas\", \"base\": %" PRIu64
				", \"top\": %" PRIu64 ", \"entry_size\": %" PRIu64 "}",
				base, ret.x[1], rh_level_size(3));
		}
		base = ret.x[1];
		guard = 0;
	}
	return true;
}

static void mlog_data(struct rh_realm *r, ipa_t ipa, const uint8_t *content)
{
	static const char digits[] = "0123456789abcdef";

	mlog_sep(r);
	fprintf(r->mlog, "{\"op\": \"data\", \"ipa\": %" PRIu64 ", \"flags\": %u, \"content\": \"",
		ipa, (unsigned)RMI_MEASURE_CONTENT);
	for (size_t i = 0; i < GRANULE_SIZE; i++) {
		fputc(digits[content[i] >> 4], r->mlog);
		fputc(digits[content[i] & 0xFU], r->mlog);
	}
	fputs("\"}", r->mlog);
}

/* DATA_CREATE of one image page with MEASURE_CONTENT, through the NS page @src. */
static bool data_create(struct rh_realm *r, ipa_t ipa, const uint8_t *content, pa_t src)
{
	struct rh_ret ret;
	pa_t pa;

	if (r->num_data == RH_MAX_DATA)
		return rh_fail(r, "more than %u DATA granules", RH_MAX_DATA);
	if (!rmmsim_ns_write(r->sim, src, content, GRANULE_SIZE))
		return rh_fail(r, "NS write of the image page failed");
	pa = rh_delegate(r);
	if (!pa)
		return false;
	ret = rh_rmi5(r, RMI_DATA_CREATE_FID, r->rd, pa, ipa, src, RMI_MEASURE_CONTENT);
	if (ret.status != RMI_SUCCESS)
		return rh_fail(r, "DATA_CREATE 0x%" PRIx64 ": status %u index %u", ipa,
			       ret.status, ret.index);
	r->data[r->num_data++] = (struct rh_data){ .ipa = ipa, .pa = pa };
	mlog_data(r, ipa, content);
	return true;
}

bool rh_data_unknown(struct rh_realm *r, ipa_t ipa)
{
	struct rh_ret ret;
	pa_t pa;

	if (r->num_data == RH_MAX_DATA)
		return rh_fail(r, "more than %u DATA granules", RH_MAX_DATA);
	if (!rh_rtt_ensure(r, ipa, 3))
		return false;
	pa = rh_delegate(r);
	if (!pa)
		return false;
	if (r->cfg.rmi_abi == 2) {
		if (!rh_v2_data_map(r, pa, ipa))
			return false;
		r->data[r->num_data++] = (struct rh_data){ .ipa = ipa, .pa = pa };
		return true;
	}
	ret = rh_rmi(r, RMI_DATA_CREATE_UNKNOWN_FID, r->rd, pa, ipa, 0);
	if (ret.status != RMI_SUCCESS)
		return rh_fail(r, "DATA_CREATE_UNKNOWN 0x%" PRIx64 ": status %u index %u", ipa,
			       ret.status, ret.index);
	r->data[r->num_data++] = (struct rh_data){ .ipa = ipa, .pa = pa };
	return true;
}

/* Image pages: the union of the segments, page by page, zero-filled. */
static bool load_image(struct rh_realm *r, const struct rh_image *img)
{
	static uint8_t page[GRANULE_SIZE];
	ipa_t lo = UINT64_MAX, hi = 0;
	pa_t src = rh_ns_alloc(r);

	if (!src)
		return false;
	for (unsigned i = 0; i < img->num_seg; i++) {
		if (img->seg[i].ipa < lo)
			lo = img->seg[i].ipa;
		if (img->seg[i].ipa + img->seg[i].memsz > hi)
			hi = img->seg[i].ipa + img->seg[i].memsz;
	}
	lo &= ~(uint64_t)GRANULE_MASK;
	hi = (hi + GRANULE_MASK) & ~(uint64_t)GRANULE_MASK;
	if (lo < RH_LOAD_IPA || hi > RH_LOAD_IPA + RH_RAM_SIZE)
		return rh_fail(r, "image [0x%" PRIx64 ", 0x%" PRIx64 ") outside realm RAM", lo, hi);
	for (ipa_t ipa = lo; ipa < hi; ipa += GRANULE_SIZE) {
		memset(page, 0, sizeof(page));
		for (unsigned i = 0; i < img->num_seg; i++) {
			const struct rh_segment *s = &img->seg[i];

			for (size_t off = 0; off < s->filesz; off++)
				if (s->ipa + off >= ipa && s->ipa + off < ipa + GRANULE_SIZE)
					page[s->ipa + off - ipa] = s->bytes[off];
		}
		if (!data_create(r, ipa, page, src))
			return false;
	}
	return true;
}

static bool realm_create(struct rh_realm *r)
{
	unsigned w = r->cfg.ipa_bits;
	uint64_t nbps, nwps;
	struct rh_ret ret;
	pa_t params;

	ret = rh_rmi(r, RMI_FEATURES_FID, 0, 0, 0, 0);
	if (ret.status != RMI_SUCCESS)
		return rh_fail(r, "RMI_FEATURES: status %u", ret.status);
	r->feat0 = ret.x[1];
	nbps = fr0_field(r->feat0, RMI_FEATURE_REGISTER_0_NUM_BPS_SHIFT,
			 RMI_FEATURE_REGISTER_0_NUM_BPS_WIDTH);
	nwps = fr0_field(r->feat0, RMI_FEATURE_REGISTER_0_NUM_WPS_SHIFT,
			 RMI_FEATURE_REGISTER_0_NUM_WPS_WIDTH);
	/* Starting level and concatenated roots for w (states.md §5). */
	r->start_level = w <= 43 ? 1 : 0;
	r->num_root = w <= 39 || w >= 44 ? 1U : 1U << (w - 39);
	r->rd = rh_delegate(r);
	r->rtt_root = r->rd ? rh_delegate(r) : 0;
	for (unsigned i = 1; r->rtt_root && i < r->num_root; i++)
		if (!rh_delegate(r))
			return false;
	params = r->rtt_root ? rh_ns_alloc(r) : 0;
	if (!params)
		return false;
	if (r->cfg.pmu_num_ctrs != 0U &&
	    (!ns_u64(r, params + RMI_REALM_PARAMS_FLAGS_OFFSET, RMI_REALM_FLAG_PMU) ||
	     !ns_u64(r, params + RMI_REALM_PARAMS_PMU_NUM_CTRS_OFFSET, r->cfg.pmu_num_ctrs)))
		return rh_fail(r, "NS write of RmiRealmParams failed");
	if (!ns_u64(r, params + RMI_REALM_PARAMS_S2SZ_OFFSET, w) ||
	    !ns_u64(r, params + RMI_REALM_PARAMS_NUM_BPS_OFFSET, nbps) ||
	    !ns_u64(r, params + RMI_REALM_PARAMS_NUM_WPS_OFFSET, nwps) ||
	    !ns_u64(r, params + RMI_REALM_PARAMS_HASH_ALGO_OFFSET, r->cfg.hash_algo) ||
	    /* 2.0: 0x800 is reserved, the RMM allocates the VMID (structures.md §1). */
	    !ns_u64(r, params + RMI_REALM_PARAMS_VMID_OFFSET,
		    r->cfg.rmi_abi == 2 ? 0 : r->cfg.vmid) ||
	    !ns_u64(r, params + RMI_REALM_PARAMS_RTT_BASE_OFFSET, r->rtt_root) ||
	    !ns_u64(r, params + RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET,
		    (uint64_t)(int64_t)r->start_level) ||
	    !ns_u64(r, params + RMI_REALM_PARAMS_RTT_NUM_START_OFFSET, r->num_root))
		return rh_fail(r, "NS write of RmiRealmParams failed");
	for (unsigned i = 0; i < RMI_REALM_PARAMS_RPV_COUNT; i++) {
		uint8_t b = (uint8_t)(0x50U + i);

		if (!rmmsim_ns_write(r->sim, params + RMI_REALM_PARAMS_RPV_OFFSET + i, &b, 1))
			return rh_fail(r, "NS write of the RPV failed");
	}
	ret = rh_rmi(r, RMI_REALM_CREATE_FID, r->rd, params, 0, 0);
	if (ret.status != RMI_SUCCESS)
		return rh_fail(r, "REALM_CREATE: status %u index %u", ret.status, ret.index);
	r->created = true;
	snprintf(r->params_json, sizeof(r->params_json),
		 "{\"flags\": 0, \"s2sz\": %u, \"sve_vl\": 0, \"num_bps\": %" PRIu64
		 ", \"num_wps\": %" PRIu64 ", \"pmu_num_ctrs\": 0, \"hash_algo\": %u}",
		 w, nbps, nwps, r->cfg.hash_algo);
	if (r->cfg.rmi_abi == 2)
		return true; /* aux granules are requested by REC_CREATE's SRO */
	ret = rh_rmi(r, RMI_REC_AUX_COUNT_FID, r->rd, 0, 0, 0);
	if (ret.status != RMI_SUCCESS || ret.x[1] > RH_MAX_AUX)
		return rh_fail(r, "REC_AUX_COUNT: status %u count %" PRIu64, ret.status, ret.x[1]);
	r->num_aux = ret.x[1];
	return true;
}

/* RmiRecParams.mpidr of REC @i: Aff0[3:0] and Aff1 (structures.md §2). */
static uint64_t rec_mpidr(unsigned i)
{
	return (i & 0xFU) | ((uint64_t)(i >> 4) << 8);
}

static bool rec_create(struct rh_realm *r, unsigned i, pa_t params)
{
	struct rh_rec *rec = &r->recs[i];
	uint64_t flags = i == 0 || r->cfg.all_runnable ? RMI_RUNNABLE : RMI_NOT_RUNNABLE;
	struct rh_ret ret;

	rec->pa = rh_delegate(r);
	if (!rec->pa)
		return false;
	/* 2.0: no aux list in RecParams, REC_CREATE asks for them (rh_v2.c). */
	for (uint64_t a = 0; r->cfg.rmi_abi != 2 && a < r->num_aux; a++) {
		rec->aux[a] = rh_delegate(r);
		if (!rec->aux[a] || !ns_u64(r, params + RMI_REC_PARAMS_AUX_OFFSET + 8U * a,
					   rec->aux[a]))
			return rh_fail(r, "REC %u aux granule: %s", i, r->res.error);
	}
	rec->mpidr = rec_mpidr(i);
	if (!ns_u64(r, params + RMI_REC_PARAMS_FLAGS_OFFSET, flags) ||
	    !ns_u64(r, params + RMI_REC_PARAMS_MPIDR_OFFSET, rec->mpidr) ||
	    !ns_u64(r, params + RMI_REC_PARAMS_PC_OFFSET, r->entry) ||
	    !ns_u64(r, params + RMI_REC_PARAMS_NUM_AUX_OFFSET,
		    r->cfg.rmi_abi == 2 ? 0 : r->num_aux))
		return rh_fail(r, "NS write of RmiRecParams failed");
	for (unsigned g = 0; g < RMI_REC_PARAMS_GPRS_COUNT; g++)
		if (!ns_u64(r, params + RMI_REC_PARAMS_GPRS_OFFSET + 8U * g, r->cfg.rec_gprs[g]))
			return rh_fail(r, "NS write of RmiRecParams failed");
	if (r->cfg.rmi_abi == 2) {
		if (!rh_v2_rec_create(r, i, params))
			return false;
	} else {
		ret = rh_rmi(r, RMI_REC_CREATE_FID, r->rd, rec->pa, params, 0);
		if (ret.status != RMI_SUCCESS)
			return rh_fail(r, "REC_CREATE %u: status %u index %u", i, ret.status,
				       ret.index);
	}
	r->num_recs = i + 1;
	rec->on = i == 0 || r->cfg.all_runnable;
	rec->run = rh_ns_alloc(r);
	mlog_sep(r);
	fprintf(r->mlog, "{\"op\": \"rec\", \"flags\": %" PRIu64 ", \"pc\": %" PRIu64
		", \"gprs\": [", flags, r->entry);
	for (unsigned g = 0; g < RMI_REC_PARAMS_GPRS_COUNT; g++)
		fprintf(r->mlog, "%s%" PRIu64, g ? ", " : "", r->cfg.rec_gprs[g]);
	fprintf(r->mlog, "]}");
	return rec->run != 0;
}

bool rh_build(struct rh_realm *r, const void *image, size_t len)
{
	struct rh_image img;
	struct rh_ret ret;
	pa_t params;
	char err[128];

	if (!r->sim)
		return rh_fail(r, "rh_init was not called or failed");
	if (!rh_image_parse(image, len, r->cfg.flat_load_ipa, &img, err, sizeof(err)))
		return rh_fail(r, "image: %s", err);
	r->entry = img.entry;
	if (!realm_create(r))
		return false;
	/* RTTs down to level 3 over all realm RAM, then RIPAS RAM, then the image. */
	for (ipa_t ipa = RH_LOAD_IPA; ipa < RH_LOAD_IPA + RH_RAM_SIZE; ipa += rh_level_size(2))
		if (!rh_rtt_ensure(r, ipa, 3))
			return false;
	if (!init_ripas(r, RH_LOAD_IPA, RH_LOAD_IPA + RH_RAM_SIZE) || !load_image(r, &img))
		return false;
	params = rh_ns_alloc(r);
	if (!params)
		return false;
	for (unsigned i = 0; i < r->cfg.num_recs; i++)
		if (!rec_create(r, i, params))
			return false;
	ret = rh_rmi(r, RMI_REALM_ACTIVATE_FID, r->rd, 0, 0, 0);
	if (ret.status != RMI_SUCCESS)
		return rh_fail(r, "REALM_ACTIVATE: status %u index %u", ret.status, ret.index);
	r->activated = true;
	return true;
}
