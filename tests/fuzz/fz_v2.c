/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI 2.0 half of the RMI harness: an input whose first byte is
 * FZ_ABI2_SELECTOR is decoded here (fz_run). The host negotiates 2.0
 * (RMI_VERSION), configures and activates the RMM (unless the input asks
 * to stay INIT, for the global-state gate), then issues 2.0 calls whose
 * arguments come from the input and from the objects alive: range
 * delegation, realms and RECs, the SRO protocol step by step (donations
 * split, wrong steps, reclaims with small capacities, cancels, SROs left
 * sealed while other calls run and resumed later), map/unmap with address
 * descriptors, TERMINATE / DESTROY, and raw calls over the 2.0 FID range.
 * Every call is judged by the RMM's invariant checker (its 2.0 states
 * included: SRO contexts, PARTIAL / REC_AUX granules, ZOMBIE realms); the
 * 1.0 oracle and granule model do not apply (fz_call skips them when z->v2).
 */
#include <string.h>

#include "den0137_2_abi.h"
#include "fuzz_rmi.h"

#define FZ2_MAX_HANDLES 8U
#define FZ2_LIST_NS 4U       /* NS buffer holding address lists */
#define FZ2_CFG_NS 5U        /* NS buffer for RmiRmmConfig */
#define FZ2_SRO_STEPS 24U    /* steps of one "drive to the end" op */

/* Objects the 2.0 decoder knows: RDs, RECs, open SRO handles. */
struct fz2 {
	pa_t rd[FZ_MAX_REALMS];
	unsigned nrd;
	pa_t rec[FZ_MAX_RECS];
	unsigned nrec;
	uint64_t handle[FZ2_MAX_HANDLES];
	unsigned nhandle;
	unsigned next_pool; /* next pool granule never handed out */
};

static struct fz2 s2;

static pa_t ns_buf(unsigned i)
{
	return FZ_NS_BASE + (pa_t)i * GRANULE_SIZE;
}

/* A pool granule: a fresh one (then delegated if @delegate), or one seen before. */
static pa_t pool_granule(struct fz *z, bool delegate)
{
	pa_t pa;

	if ((fz_u8(z) & 3U) == 0U || s2.next_pool >= FZ_POOL) {
		return FZ_POOL_BASE + (pa_t)(fz_u8(z) % FZ_POOL) * GRANULE_SIZE;
	}
	pa = FZ_POOL_BASE + (pa_t)s2.next_pool++ * GRANULE_SIZE;
	if (delegate) {
		z->helper = true;
		fz_call(z, RMI2_GRANULE_RANGE_DELEGATE_FID, pa, pa + GRANULE_SIZE, 0, 0, 0);
		z->helper = false;
	}
	return pa;
}

static uint64_t desc(pa_t pa, unsigned count, unsigned st, unsigned sz)
{
	return (pa & 0x000FFFFFFFFFF000ULL) | ((uint64_t)count << RMI2_ADDR_RDESC_CNT_SHIFT) | sz |
	       ((uint64_t)st << RMI2_ADDR_RDESC_ST2_SHIFT);
}

/* An address list of @n descriptors in the list buffer; mostly well formed. */
static pa_t make_list(struct fz *z, unsigned n)
{
	pa_t list = ns_buf(FZ2_LIST_NS);

	for (unsigned i = 0; i < n && i < 64U; i++) {
		uint8_t k = fz_u8(z);
		uint64_t d = (k & 0xF0U) == 0xF0U ? fz_u64(z)
						   : desc(pool_granule(z, (k & 1U) == 0U), 1,
							  (k >> 1) & 3U, 0);

		fzp_ns_write(z->f, list + 8U * i, &d, sizeof(d));
	}
	return list;
}

static pa_t pick(struct fz *z, const pa_t *v, unsigned n, bool delegate)
{
	uint8_t k = fz_u8(z);

	if (n != 0U && k < 224U) {
		return v[k % n];
	}
	return pool_granule(z, delegate);
}

static uint64_t pick_handle(struct fz *z)
{
	uint8_t k = fz_u8(z);

	if (s2.nhandle != 0U && k < 240U) {
		return s2.handle[k % s2.nhandle];
	}
	return fz_u8(z); /* a handle the RMM may not know */
}

static void add(pa_t *v, unsigned *n, unsigned max, pa_t pa)
{
	for (unsigned i = 0; i < *n; i++) {
		if (v[i] == pa) {
			return;
		}
	}
	if (*n < max) {
		v[(*n)++] = pa;
	} else {
		v[pa % max] = pa;
	}
}

/* Records the handle of an INCOMPLETE reply. */
static void note(const struct smc_regs *out)
{
	if ((out->x[0] & 0xFFU) == RMI2_INCOMPLETE) {
		uint64_t h = out->x[1];

		for (unsigned i = 0; i < s2.nhandle; i++) {
			if (s2.handle[i] == h) {
				return;
			}
		}
		s2.handle[s2.nhandle < FZ2_MAX_HANDLES ? s2.nhandle++ : h % FZ2_MAX_HANDLES] = h;
	}
}

/*
 * Answers the SRO of @h for up to FZ2_SRO_STEPS steps the way a host
 * does; with @stop_early the input may stop it half way (left sealed).
 */
static void drive(struct fz *z, uint64_t h, struct smc_regs out, bool stop_early)
{
	for (unsigned step = 0; (out.x[0] & 0xFFU) == RMI2_INCOMPLETE && step < FZ2_SRO_STEPS;
	     step++) {
		unsigned memreq = (unsigned)((out.x[0] >> RMI2_RESULT_MEMREQ_SHIFT) & 3U);

		if (stop_early && (fz_u8(z) & 7U) == 0U) {
			return; /* interrupted: the context stays sealed */
		}
		if (memreq == RMI2_OP_MEM_REQ_DONATE) {
			unsigned want = (unsigned)((out.x[2] >> RMI2_DONATE_REQ_COUNT_SHIFT) & 0x3FFFU);
			unsigned n = want <= 16U ? want : 16U;
			pa_t list = ns_buf(FZ2_LIST_NS);

			/* Sometimes fewer than asked: the reply must ask for the rest. */
			if (stop_early && n > 1U && (fz_u8(z) & 3U) == 0U) {
				n = 1U + fz_u8(z) % (n - 1U);
			}
			for (unsigned i = 0; i < n; i++) {
				uint64_t d = desc(pool_granule(z, true), 1, RMI2_ADDR_STATE_DELEGATED, 0);

				fzp_ns_write(z->f, list + 8U * i, &d, sizeof(d));
			}
			out = fz_call(z, RMI2_OP_MEM_DONATE_FID, h, list, n, 0, 0);
		} else if (memreq == RMI2_OP_MEM_REQ_RECLAIM) {
			out = fz_call(z, RMI2_OP_MEM_RECLAIM_FID, h, ns_buf(FZ2_LIST_NS),
				      1U + fz_u8(z) % 32U, 0, 0);
		} else if (stop_early && (fz_u8(z) & 15U) == 0U) {
			out = fz_call(z, RMI2_OP_CANCEL_FID, h, 0, 0, 0, 0);
		} else {
			out = fz_call(z, RMI2_OP_CONTINUE_FID, h, fz_u8(z) & 1U, 0, 0, 0);
		}
		if (z->n == 0U) {
			return;
		}
	}
}

static void boot(struct fz *z)
{
	uint8_t mode = fz_u8(z);
	uint64_t cfg[2] = { 0, 0 };

	fz_call(z, RMI2_VERSION_FID, RMI2_ABI_VERSION, 0, 0, 0, 0);
	if ((mode & 0xE0U) == 0xE0U) {
		return; /* stays INIT: the global-state gate gets exercised */
	}
	if ((mode & 0x10U) != 0U) {
		cfg[0] = mode & 1U; /* tracking size other than 1 GiB: INPUT */
		cfg[1] = (mode >> 1) & 3U;
	}
	fzp_ns_write(z->f, ns_buf(FZ2_CFG_NS), cfg, sizeof(cfg));
	fz_call(z, RMI2_RMM_CONFIG_SET_FID, ns_buf(FZ2_CFG_NS), 0, 0, 0, 0);
	fz_call(z, RMI2_RMM_ACTIVATE_FID, 0, 0, 0, 0, 0);
}

static void realm_create(struct fz *z)
{
	pa_t rd = pool_granule(z, true), rtt = pool_granule(z, true);
	pa_t params = ns_buf(FZ_NS_REALM_PARAMS);
	uint8_t page[0x820] = { 0 };
	uint8_t k = fz_u8(z);
	struct smc_regs out;
	uint64_t v;

	/* s2sz 32..40 at start level 1 (one root RTT up to 39 bits). */
	v = 32U + (k & 7U);
	memcpy(page + RMI2_REALM_PARAMS_S2SZ_OFFSET, &v, 4);
	v = 2;
	memcpy(page + RMI2_REALM_PARAMS_NUM_BPS_OFFSET, &v, 4);
	memcpy(page + RMI2_REALM_PARAMS_NUM_WPS_OFFSET, &v, 4);
	page[RMI2_REALM_PARAMS_HASH_ALGO_OFFSET] = (uint8_t)((k >> 3) % 3U);
	memcpy(page + RMI2_REALM_PARAMS_RTT_BASE_OFFSET, &rtt, 8);
	v = 1;
	memcpy(page + RMI2_REALM_PARAMS_RTT_LEVEL_START_OFFSET, &v, 8);
	memcpy(page + RMI2_REALM_PARAMS_RTT_NUM_START_OFFSET, &v, 4);
	if ((k & 0xC0U) == 0xC0U) {
		v = fz_u64(z); /* flags0: LPA2, SVE, PMU, DA, MEC policy */
		memcpy(page + RMI2_REALM_PARAMS_FLAGS0_OFFSET, &v, 8);
	}
	fzp_ns_write(z->f, params, page, sizeof(page));
	out = fz_call(z, RMI2_REALM_CREATE_FID, rd, params, 0, 0, 0);
	if (out.x[0] == RMI2_SUCCESS) {
		add(s2.rd, &s2.nrd, FZ_MAX_REALMS, rd);
	}
}

static void rec_create(struct fz *z)
{
	pa_t rd = pick(z, s2.rd, s2.nrd, true), rec = pool_granule(z, true);
	pa_t params = ns_buf(FZ_NS_REC_PARAMS);
	uint64_t rp[3] = { fz_u8(z) & 1U, fz_u8(z) % 4U, 0 };
	struct smc_regs out;

	fzp_ns_write(z->f, params + RMI2_REC_PARAMS_FLAGS_OFFSET, &rp[0], 8);
	fzp_ns_write(z->f, params + RMI2_REC_PARAMS_MPIDR_OFFSET, &rp[1], 8);
	out = fz_call(z, RMI2_REC_CREATE_FID, rd, rec, params, 0, 0);
	note(&out);
	add(s2.rec, &s2.nrec, FZ_MAX_RECS, rec);
	/* Driven now, later (left sealed), or interrupted half way. */
	if ((fz_u8(z) & 3U) != 0U) {
		drive(z, out.x[1], out, true);
	}
}

static void rec_destroy(struct fz *z)
{
	struct smc_regs out = fz_call(z, RMI2_REC_DESTROY_FID, pick(z, s2.rec, s2.nrec, false), 0,
				      0, 0, 0);

	note(&out);
	if ((fz_u8(z) & 1U) != 0U) {
		drive(z, out.x[1], out, true);
	}
}

/* A range over one leaf RTT near an IPA the input picks. */
static void range(struct fz *z, uint64_t *base, uint64_t *top)
{
	uint64_t ipa = ((uint64_t)fz_u8(z) << 12) | ((uint64_t)(fz_u8(z) & 7U) << 21);

	if ((fz_u8(z) & 7U) == 0U) {
		ipa |= 1ULL << 31; /* unprotected for s2sz 32 */
	}
	*base = ipa;
	*top = ipa + GRANULE_SIZE * (1U + fz_u8(z) % 4U);
}

static void map_op(struct fz *z, unsigned which)
{
	static const uint64_t fids[] = {
		RMI2_RTT_DATA_MAP_FID, RMI2_RTT_DATA_UNMAP_FID, RMI2_RTT_UNPROT_MAP_FID,
		RMI2_RTT_UNPROT_UNMAP_FID,
	};
	pa_t rd = pick(z, s2.rd, s2.nrd, false);
	uint64_t base, top, flags, oaddr;
	uint8_t k = fz_u8(z);
	struct smc_regs out;

	range(z, &base, &top);
	flags = k & 3U;
	if (flags == RMI2_OADDR_LIST) {
		unsigned n = 1U + fz_u8(z) % 8U;

		oaddr = make_list(z, n);
		flags |= (uint64_t)n << RMI2_MAP_FLAGS_LIST_COUNT_SHIFT;
	} else if (which == 0U || which == 2U) {
		oaddr = desc(pool_granule(z, which == 0U), 1U + (k >> 4) % 4U,
			     which == 0U ? RMI2_ADDR_STATE_DELEGATED : RMI2_ADDR_STATE_UNDELEGATED, 0);
	} else {
		oaddr = (k & 0x80U) != 0U ? ns_buf(FZ2_LIST_NS) : 0;
	}
	if (which == 2U) {
		flags |= (uint64_t)(fz_u8(z) & 0x7FU) << RMI2_MAP_FLAGS_MEMATTR_SHIFT;
	}
	out = fz_call(z, fids[which], rd, base, top, flags, oaddr);
	note(&out);
}

static void rtt_create(struct fz *z)
{
	pa_t rd = pick(z, s2.rd, s2.nrd, false);
	uint64_t base, top;
	int level = 2 + (int)(fz_u8(z) & 1U);

	range(z, &base, &top);
	base &= ~(fz_level_size(level - 1) - 1U);
	fz_call(z, RMI2_RTT_CREATE_FID, rd, pool_granule(z, true), base, (uint64_t)level, 0);
}

static void data_map_init(struct fz *z)
{
	pa_t rd = pick(z, s2.rd, s2.nrd, false);
	uint64_t base, top;

	range(z, &base, &top);
	fz_call(z, RMI2_RTT_DATA_MAP_INIT_FID, rd, pool_granule(z, true), base,
		ns_buf(FZ_NS_SRC), fz_u8(z) % 3U);
}

static void raw(struct fz *z)
{
	uint8_t sel = fz_u8(z);
	uint64_t fid = 0xC4000150ULL + (sel < 240U ? (uint64_t)((sel * 3U) % 0xC2U) : fz_u8(z));
	uint64_t a[5];

	for (unsigned i = 0; i < 5U; i++) {
		a[i] = (fz_u8(z) & 1U) != 0U ? pick(z, s2.rd, s2.nrd, false) : fz_u64(z);
	}
	{
		struct smc_regs out = fz_call(z, fid, a[0], a[1], a[2], a[3], a[4]);

		note(&out);
	}
}

static void step(struct fz *z)
{
	uint64_t base, top;
	pa_t pa;

	switch (fz_u8(z) % 20U) {
	case 0:
		pa = pool_granule(z, false);
		fz_call(z, RMI2_GRANULE_RANGE_DELEGATE_FID, pa, pa + GRANULE_SIZE * (1U + fz_u8(z) % 4U),
			0, 0, 0);
		break;
	case 1:
		pa = pool_granule(z, false);
		fz_call(z, RMI2_GRANULE_RANGE_UNDELEGATE_FID, pa,
			pa + GRANULE_SIZE * (1U + fz_u8(z) % 4U), 0, 0, 0);
		break;
	case 2:
		realm_create(z);
		break;
	case 3:
	case 4:
		rec_create(z);
		break;
	case 5: {
		uint64_t h = pick_handle(z);
		unsigned n = fz_u8(z) % 20U;

		fz_call(z, RMI2_OP_MEM_DONATE_FID, h, make_list(z, n), n, 0, 0);
		break;
	}
	case 6:
		fz_call(z, RMI2_OP_MEM_RECLAIM_FID, pick_handle(z), ns_buf(FZ2_LIST_NS) +
			((fz_u8(z) & 1U) != 0U ? 4U : 0U), fz_u8(z) % 24U, 0, 0);
		break;
	case 7:
		fz_call(z, RMI2_OP_CONTINUE_FID, pick_handle(z), fz_u8(z) & 3U, 0, 0, 0);
		break;
	case 8:
		fz_call(z, RMI2_OP_CANCEL_FID, pick_handle(z), 0, 0, 0, 0);
		break;
	case 9: {
		/* Resume an SRO left sealed earlier and drive it to its end. */
		uint64_t h = pick_handle(z);
		struct smc_regs out = fz_call(z, RMI2_OP_CONTINUE_FID, h, 0, 0, 0, 0);

		out.x[1] = h;
		drive(z, h, out, false);
		break;
	}
	case 10:
		rec_destroy(z);
		break;
	case 11:
		fz_call(z, RMI2_REALM_ACTIVATE_FID, pick(z, s2.rd, s2.nrd, false), 0, 0, 0, 0);
		break;
	case 12:
		fz_call(z, (fz_u8(z) & 1U) != 0U ? RMI2_REALM_TERMINATE_FID : RMI2_REALM_DESTROY_FID,
			pick(z, s2.rd, s2.nrd, false), 0, 0, 0, 0);
		break;
	case 13:
		rtt_create(z);
		break;
	case 14:
		data_map_init(z);
		break;
	case 15:
		map_op(z, fz_u8(z) % 4U);
		break;
	case 16:
		range(z, &base, &top);
		fz_call(z, RMI2_RTT_INIT_RIPAS_FID, pick(z, s2.rd, s2.nrd, false), base, top, 0, 0);
		break;
	case 17:
		fz_call(z, RMI2_REC_ENTER_FID, pick(z, s2.rec, s2.nrec, false), ns_buf(FZ_NS_REC_RUN),
			0, 0, 0);
		break;
	case 18: {
		static const uint64_t fids[] = {
			RMI2_GPT_L1_CREATE_FID, RMI2_GPT_INFO_FID, RMI2_GRANULE_TRACKING_GET_FID,
			RMI2_FEATURES_FID, RMI2_RMM_CONFIG_GET_FID, RMI2_RMM_DEACTIVATE_FID,
			RMI2_PSCI_COMPLETE_FID, RMI2_VERSION_FID,
		};
		uint64_t fid = fids[fz_u8(z) % 8U];
		uint64_t a1 = (fz_u8(z) & 1U) != 0U ? FZ_BANK0_BASE + ((uint64_t)fz_u8(z) << 12)
						   : fz_u64(z);

		fz_call(z, fid, a1, a1 + GRANULE_SIZE * (1U + fz_u8(z) % 8U), 0, 0, 0);
		break;
	}
	default:
		raw(z);
		break;
	}
}

void fz_v2_run(struct fz *z)
{
	memset(&s2, 0, sizeof(s2));
	boot(z);
	while (z->n != 0U && z->ncalls < FZ_MAX_CALLS) {
		step(z);
	}
}
