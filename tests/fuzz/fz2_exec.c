/* SPDX-License-Identifier: BSD-3-Clause */
/* The fuzz_rmi2 decoder and executor (fuzz_rmi2.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fake_plat.h"
#include "fuzz_rmi2.h"
#include "v2/v2.h"

#define FZ2_POOL 48U
#define FZ2_MAX_STEPS 256U
#define FZ2_MAX_OBJ 8U
#define UNPROT_IPA (1ULL << 39) /* s2sz 40 */

struct fz2 {
	struct fake_plat *f;
	const uint8_t *p;
	size_t n;
	FILE *log;
	pa_t pool[FZ2_POOL]; /* contiguous granules of bank 0 */
	pa_t ns;             /* parameters page */
	pa_t list;           /* address lists */
	pa_t run;            /* RecRun */
	pa_t rds[FZ2_MAX_OBJ];
	pa_t recs[FZ2_MAX_OBJ];
	uint64_t handles[FZ2_MAX_OBJ];
	unsigned nrd, nrec, nh;
};

static uint64_t stat_calls, stat_status[17], stat_incomplete;

static uint8_t u8(struct fz2 *z)
{
	if (z->n == 0U) {
		return 0;
	}
	z->n--;
	return *z->p++;
}

static uint64_t u64(struct fz2 *z)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8U; i++) {
		v |= (uint64_t)u8(z) << (8U * i);
	}
	return v;
}

static pa_t pick_pool(struct fz2 *z)
{
	return z->pool[u8(z) % FZ2_POOL];
}

static pa_t pick_rd(struct fz2 *z)
{
	uint8_t s = u8(z);

	if (z->nrd == 0U || s >= 0xF0U) {
		return s >= 0xF8U ? u64(z) : pick_pool(z);
	}
	return z->rds[s % z->nrd];
}

static pa_t pick_rec(struct fz2 *z)
{
	uint8_t s = u8(z);

	if (z->nrec == 0U || s >= 0xF0U) {
		return pick_pool(z);
	}
	return z->recs[s % z->nrec];
}

static uint64_t pick_handle(struct fz2 *z)
{
	uint8_t s = u8(z);

	if (z->nh == 0U || s >= 0xF0U) {
		return s & 0x3FU;
	}
	return z->handles[s % z->nh];
}

/* An IPA: small page offsets, 2 MiB multiples, the unprotected half, or raw. */
static uint64_t pick_ipa(struct fz2 *z)
{
	uint8_t s = u8(z);

	switch (s >> 6) {
	case 0:
		return (uint64_t)(s & 0x3FU) * GRANULE_SIZE;
	case 1:
		return (uint64_t)(s & 0x3FU) << 21;
	case 2:
		return UNPROT_IPA + (uint64_t)(s & 0x3FU) * GRANULE_SIZE;
	default:
		return u64(z);
	}
}

static void remember(uint64_t *v, unsigned *n, uint64_t x)
{
	for (unsigned i = 0; i < *n; i++) {
		if (v[i] == x) {
			return;
		}
	}
	if (*n < FZ2_MAX_OBJ) {
		v[(*n)++] = x;
	} else {
		v[x % FZ2_MAX_OBJ] = x;
	}
}

static void ns_put(struct fz2 *z, pa_t pa, uint64_t v)
{
	(void)fake_ns_write(z->f, pa, &v, sizeof(v));
}

static struct smc_regs call(struct fz2 *z, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			    uint64_t a4, uint64_t a5)
{
	struct smc_regs r = fake_smc(z->f, fid, a1, a2, a3, a4, a5, 0);
	char msg[256];

	stat_calls++;
	if ((r.x[0] & 0xFFU) <= 16U && (r.x[0] >> 16) == 0U) {
		stat_status[r.x[0] & 0xFFU]++;
	}
	if (z->log != NULL) {
		fprintf(z->log, "FID %#llx (%#llx, %#llx, %#llx, %#llx, %#llx) > %#llx %#llx %#llx\n",
			(unsigned long long)fid, (unsigned long long)a1, (unsigned long long)a2,
			(unsigned long long)a3, (unsigned long long)a4, (unsigned long long)a5,
			(unsigned long long)r.x[0], (unsigned long long)r.x[1],
			(unsigned long long)r.x[2]);
	}
	if (!rmm_check_invariants(z->f->rmm, msg, sizeof(msg))) {
		fprintf(stderr, "fuzz_rmi2: invariant violated after FID %#llx: %s\n",
			(unsigned long long)fid, msg);
		abort();
	}
	if ((r.x[0] & 0xFFU) == RMI2_INCOMPLETE) {
		stat_incomplete++;
	}
	return r;
}

/* A donation list of @n descriptors of pool granules (or raw words). */
static unsigned build_list(struct fz2 *z)
{
	unsigned n = (u8(z) % 17U) + 1U;
	uint64_t d[17];

	for (unsigned i = 0; i < n; i++) {
		uint8_t s = u8(z);

		d[i] = s >= 0xF0U ? u64(z) : (pick_pool(z) | (1ULL << 2));
	}
	(void)fake_ns_write(z->f, z->list, d, 8U * n);
	return n;
}

static void realm_params(struct fz2 *z, pa_t rtt)
{
	uint8_t b[GRANULE_SIZE] = { 0 };
	uint8_t s = u8(z);
	uint64_t v;

	v = (s & 1U) != 0U ? u64(z) : 0U; /* flags0 */
	memcpy(b + 0x000, &v, 8);
	v = (s & 2U) != 0U ? (uint64_t)u8(z) : 40U;
	memcpy(b + 0x008, &v, 8);
	v = 2;
	memcpy(b + 0x018, &v, 8);
	memcpy(b + 0x020, &v, 8);
	v = (s & 4U) != 0U ? (uint64_t)(u8(z) % 4U) : 0U; /* algorithm */
	memcpy(b + 0x030, &v, 8);
	memcpy(b + 0x808, &rtt, 8);
	v = (s & 8U) != 0U ? (uint64_t)(int64_t)(int8_t)u8(z) : 0U; /* rtt_level_start */
	memcpy(b + 0x810, &v, 8);
	v = (s & 16U) != 0U ? (uint64_t)(u8(z) % 4U) : 1U;
	memcpy(b + 0x818, &v, 8);
	(void)fake_ns_write(z->f, z->ns, b, sizeof(b));
}

static void rec_params(struct fz2 *z)
{
	uint8_t b[GRANULE_SIZE] = { 0 };
	uint64_t flags = u8(z) & 1U;
	uint64_t mpidr = u8(z) % 4U;

	memcpy(b, &flags, 8);
	memcpy(b + 0x100, &mpidr, 8);
	(void)fake_ns_write(z->f, z->ns, b, sizeof(b));
}

/*
 * One command. Arguments are decoded one statement at a time, in order
 * (C leaves the order of evaluation of call arguments unspecified).
 */
static void step(struct fz2 *z)
{
	uint8_t op = u8(z);
	uint64_t a[5] = { 0 };
	uint64_t fid;
	struct smc_regs r;

	switch (op % 28U) {
	case 0:
	case 1:
		fid = op % 28U == 0U ? RMI2_GRANULE_RANGE_DELEGATE : RMI2_GRANULE_RANGE_UNDELEGATE;
		a[0] = pick_pool(z);
		a[1] = a[0] + (uint64_t)(u8(z) % 8U + 1U) * GRANULE_SIZE;
		break;
	case 2:
		fid = RMI2_REALM_CREATE;
		a[0] = pick_pool(z);
		realm_params(z, pick_pool(z));
		a[1] = z->ns;
		break;
	case 3:
	case 4:
	case 5:
		fid = op % 28U == 3U ? RMI2_REALM_ACTIVATE
				     : (op % 28U == 4U ? RMI2_REALM_TERMINATE : RMI2_REALM_DESTROY);
		a[0] = pick_rd(z);
		break;
	case 6:
		fid = RMI2_REC_CREATE;
		a[0] = pick_rd(z);
		a[1] = pick_pool(z);
		rec_params(z);
		a[2] = (u8(z) & 0x80U) != 0U ? pick_pool(z) : z->ns;
		break;
	case 7:
		fid = RMI2_REC_DESTROY;
		a[0] = pick_rec(z);
		break;
	case 8:
		fid = RMI2_OP_MEM_DONATE;
		a[0] = pick_handle(z);
		a[2] = build_list(z);
		a[1] = z->list + ((u8(z) & 1U) != 0U ? 4U : 0U);
		break;
	case 9:
		fid = RMI2_OP_MEM_RECLAIM;
		a[0] = pick_handle(z);
		a[1] = z->list;
		a[2] = u8(z) % 20U;
		break;
	case 10:
		fid = RMI2_OP_CONTINUE;
		a[0] = pick_handle(z);
		a[1] = u8(z) & 1U;
		break;
	case 11:
		fid = RMI2_OP_CANCEL;
		a[0] = pick_handle(z);
		break;
	case 12:
		fid = RMI2_RTT_CREATE;
		a[0] = pick_rd(z);
		a[1] = pick_pool(z);
		a[2] = pick_ipa(z);
		a[3] = u8(z) % 5U;
		break;
	case 13:
	case 22:
		fid = op % 28U == 13U ? RMI2_RTT_DESTROY : RMI2_RTT_FOLD;
		a[0] = pick_rd(z);
		a[1] = pick_ipa(z);
		a[2] = u8(z) % 5U;
		break;
	case 14:
		fid = RMI2_RTT_DATA_MAP_INIT;
		a[0] = pick_rd(z);
		a[1] = pick_pool(z);
		a[2] = pick_ipa(z);
		a[3] = z->ns;
		a[4] = u8(z) % 3U;
		break;
	case 15:
		fid = RMI2_RTT_DATA_MAP;
		a[0] = pick_rd(z);
		a[1] = pick_ipa(z);
		a[2] = a[1] + (uint64_t)(u8(z) % 8U + 1U) * GRANULE_SIZE;
		a[3] = u8(z) % 3U == 0U ? 2U | (1U << 2) : 1U;
		a[4] = pick_pool(z);
		a[4] |= (uint64_t)(u8(z) % 8U + 1U) << 2;
		a[4] |= u8(z) % 4U == 0U ? 1U : 0U;
		if ((a[3] & 3U) == 2U) {
			(void)fake_ns_write(z->f, z->list, &a[4], 8);
			a[4] = z->list;
		}
		break;
	case 16:
		fid = RMI2_RTT_DATA_UNMAP;
		a[0] = pick_rd(z);
		a[1] = pick_ipa(z);
		a[2] = a[1] + (uint64_t)(u8(z) % 8U + 1U) * GRANULE_SIZE;
		a[3] = u8(z) % 3U;
		if (a[3] == 2U) {
			a[3] |= 8U << 2;
			a[4] = z->list;
		}
		break;
	case 17:
		fid = RMI2_RTT_UNPROT_MAP;
		a[0] = pick_rd(z);
		a[1] = pick_ipa(z);
		a[2] = a[1] + GRANULE_SIZE;
		a[3] = 1U | (6ULL << 16) | ((uint64_t)(u8(z) % 5U) << 19);
		a[4] = z->ns | (1ULL << 2);
		break;
	case 18:
		fid = RMI2_RTT_UNPROT_UNMAP;
		a[0] = pick_rd(z);
		a[1] = pick_ipa(z);
		a[2] = a[1] + (2ULL << 20);
		a[3] = 1;
		break;
	case 19:
		fid = RMI2_RTT_INIT_RIPAS;
		a[0] = pick_rd(z);
		a[1] = pick_ipa(z);
		a[2] = a[1] + (uint64_t)(u8(z) % 16U + 1U) * GRANULE_SIZE;
		break;
	case 20:
		fid = RMI2_REC_ENTER;
		ns_put(z, z->run, u8(z) & 3U);
		a[0] = pick_rec(z);
		a[1] = z->run;
		break;
	case 21:
		fid = RMI2_PSCI_COMPLETE;
		a[0] = pick_rec(z);
		a[1] = (u8(z) & 1U) != 0U ? pick_rec(z) : 0U;
		a[2] = (u8(z) & 1U) != 0U ? (uint64_t)-3 : 0U;
		break;
	case 23: {
		static const uint64_t fids[] = { RMI2_GPT_L1_CREATE, RMI2_GPT_L1_DESTROY,
						 RMI2_GPT_INFO };

		fid = fids[u8(z) % 3U];
		a[0] = (u8(z) & 1U) != 0U ? u64(z) : (uint64_t)(u8(z) % 8U) << 30;
		a[1] = a[0] + (1ULL << 30);
		break;
	}
	case 24:
		fid = RMI2_GRANULE_TRACKING_GET;
		a[0] = pick_pool(z);
		a[1] = a[0] + GRANULE_SIZE;
		break;
	case 25: {
		static const uint64_t v[] = { 0x10000, 0x20000, 0x30000, 0x10001 };

		fid = RMI2_VERSION;
		a[0] = v[u8(z) % 4U];
		break;
	}
	case 26:
		/* Any number of the 2.0 range with raw arguments. */
		fid = RMI2_FID(0x150U + u8(z) % 0xC2U);
		for (unsigned i = 0; i < 5U; i++) {
			a[i] = u64(z);
		}
		break;
	default: {
		static const uint64_t fids[] = { RMI2_RMM_DEACTIVATE, RMI2_RMM_ACTIVATE,
						 RMI2_RMM_CONFIG_SET, RMI2_RMM_STATE_GET };

		fid = fids[u8(z) % 4U];
		a[0] = z->ns;
		break;
	}
	}
	r = call(z, fid, a[0], a[1], a[2], a[3], a[4]);
	/* What later steps may name: RDs created, REC SRO objects, handles. */
	if (fid == RMI2_REALM_CREATE && r.x[0] == 0U) {
		remember(z->rds, &z->nrd, a[0]);
	}
	if ((fid == RMI2_REC_CREATE || fid == RMI2_REC_DESTROY) &&
	    (r.x[0] & 0xFFU) == RMI2_INCOMPLETE) {
		remember(z->handles, &z->nh, r.x[1]);
		if (fid == RMI2_REC_CREATE) {
			remember(z->recs, &z->nrec, a[1]);
		}
	}
}

void fz2_setup(void)
{
}

void fz2_run(const uint8_t *data, size_t size, FILE *log)
{
	struct fz2 z = { .p = data, .n = size, .log = log };
	uint8_t mode = u8(&z);
	static const uint8_t zero[16];

	z.f = fake_create_abi(fake_feat_reg0(), (mode % 3U) == 1U ? RMM_RMI_ABI_2_0
								   : RMM_RMI_ABI_BOTH);
	if (z.f == NULL) {
		abort();
	}
	/* The harness runs the checker itself after each call (and names the FID). */
	rmm_set_invariant_checks(z.f->rmm, false);
	for (unsigned i = 0; i < FZ2_POOL; i++) {
		z.pool[i] = fake_alloc(z.f);
	}
	z.ns = fake_alloc(z.f);
	z.list = fake_alloc(z.f);
	z.run = fake_alloc(z.f);
	(void)fake_ns_write(z.f, z.ns, zero, sizeof(zero));
	if ((mode % 3U) == 2U) {
		/* 1.0 first: a delegation, then the switch to 2.0. */
		call(&z, 0xC4000151ULL, z.pool[0], 0, 0, 0, 0);
	}
	if ((mode % 3U) != 1U) {
		call(&z, RMI2_VERSION, RMI2_ABI_VERSION_2_0, 0, 0, 0, 0);
	}
	if ((mode & 4U) == 0U) {
		call(&z, RMI2_RMM_CONFIG_SET, z.ns, 0, 0, 0, 0);
		call(&z, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0);
	}
	for (unsigned i = 0; i < FZ2_MAX_STEPS && z.n != 0U; i++) {
		step(&z);
	}
	fake_destroy(z.f);
}

void fz2_print_stats(FILE *out)
{
	fprintf(out, "fuzz_rmi2: %llu calls, %llu INCOMPLETE;", (unsigned long long)stat_calls,
		(unsigned long long)stat_incomplete);
	for (unsigned i = 0; i <= 16U; i++) {
		if (stat_status[i] != 0U) {
			fprintf(out, " status %u: %llu", i, (unsigned long long)stat_status[i]);
		}
	}
	fprintf(out, "\n");
}
