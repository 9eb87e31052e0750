/* SPDX-License-Identifier: BSD-3-Clause */
/* The fake platform of the RMM unit tests (fake_plat.h). */
#include "fake_plat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "den0137_abi.h"
#include "smc_dispatch.h"

uint64_t fake_feat_reg0(void)
{
	return (FAKE_FEAT_S2SZ << RMI_FEATURE_REGISTER_0_S2SZ_SHIFT) |
	       (FAKE_FEAT_NUM_BPS << RMI_FEATURE_REGISTER_0_NUM_BPS_SHIFT) |
	       (FAKE_FEAT_NUM_WPS << RMI_FEATURE_REGISTER_0_NUM_WPS_SHIFT) |
	       (1ULL << RMI_FEATURE_REGISTER_0_PMU_EN_SHIFT) |
	       (FAKE_FEAT_PMU_NUM_CTRS << RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS_SHIFT) |
	       (1ULL << RMI_FEATURE_REGISTER_0_HASH_SHA_256_SHIFT) |
	       (1ULL << RMI_FEATURE_REGISTER_0_HASH_SHA_512_SHIFT) |
	       (FAKE_FEAT_GICV3_NUM_LRS << RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS_SHIFT) |
	       (FAKE_FEAT_MAX_RECS_ORDER << RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER_SHIFT);
}

static uint8_t *bank_ptr(struct fake_plat *f, pa_t pa)
{
	static const pa_t base[2] = { FAKE_BANK0_BASE, FAKE_BANK1_BASE };

	for (unsigned i = 0; i < 2U; i++) {
		if (pa >= base[i] && pa - base[i] < FAKE_BANK_SIZE) {
			return f->bank_mem[i] + (pa - base[i]);
		}
	}
	return NULL;
}

static void *plat_granule_map(void *ctx, pa_t pa)
{
	uint8_t *p = bank_ptr(ctx, pa);

	if (p == NULL || (pa & GRANULE_MASK) != 0U) {
		fprintf(stderr, "fake: granule_map(0x%llx) outside the banks\n",
			(unsigned long long)pa);
		abort();
	}
	return p;
}

/* The RMM's NS access: one granule, NS PAS at the time of the access. */
static bool ns_access_ok(struct fake_plat *f, pa_t pa, size_t len, enum gpt_access acc)
{
	enum gpt_result r;

	if (len == 0U || len > GRANULE_SIZE ||
	    (pa & ~(pa_t)GRANULE_MASK) != ((pa + len - 1U) & ~(pa_t)GRANULE_MASK) ||
	    bank_ptr(f, pa) == NULL) {
		return false;
	}
	pthread_mutex_lock(&f->gpt_lock);
	r = gpt_check(f->gpt, WORLD_NS, acc, pa);
	pthread_mutex_unlock(&f->gpt_lock);
	return r == GPT_PASS;
}

static bool plat_ns_read(void *ctx, pa_t pa, void *dst, size_t len)
{
	struct fake_plat *f = ctx;

	if (!ns_access_ok(f, pa, len, GPT_ACCESS_READ)) {
		return false;
	}
	atomic_fetch_add(&f->ns_reads, 1);
	memcpy(dst, bank_ptr(f, pa), len);
	return true;
}

static bool plat_ns_write(void *ctx, pa_t pa, const void *src, size_t len)
{
	struct fake_plat *f = ctx;

	if (!ns_access_ok(f, pa, len, GPT_ACCESS_WRITE)) {
		return false;
	}
	memcpy(bank_ptr(f, pa), src, len);
	return true;
}

static int64_t plat_gtsi(void *ctx, uint64_t fid, pa_t pa)
{
	struct fake_plat *f = ctx;
	int ret;

	atomic_fetch_add(&f->gtsi_calls, 1);
	pthread_mutex_lock(&f->gpt_lock);
	if (fid == RMM_GTSI_DELEGATE_FID) {
		ret = gpt_transition(f->gpt, pa, GPT_GPI_NS, GPT_GPI_REALM);
	} else if (fid == RMM_GTSI_UNDELEGATE_FID) {
		ret = gpt_transition(f->gpt, pa, GPT_GPI_REALM, GPT_GPI_NS);
	} else {
		pthread_mutex_unlock(&f->gpt_lock);
		return RMM_EL3_UNK;
	}
	pthread_mutex_unlock(&f->gpt_lock);
	return ret == 0 ? RMM_EL3_OK : RMM_EL3_BAD_PAS;
}

static void plat_account(void *ctx, enum rmm_cost ev, uint64_t n)
{
	struct fake_plat *f = ctx;

	if ((unsigned)ev < RMM_COST_COUNT) {
		atomic_fetch_add(&f->cost[ev], n);
	}
}

static int plat_pas_of(void *ctx, pa_t pa)
{
	return (int)fake_gpi(ctx, pa);
}

static int plat_gpt_l1(void *ctx, enum rmm_gpt_l1_op op, pa_t pa)
{
	struct fake_plat *f = ctx;
	int ret;

	pthread_mutex_lock(&f->gpt_lock);
	switch (op) {
	case RMM_GPT_L1_CREATE:
		ret = gpt_l1_create(f->gpt, pa);
		break;
	case RMM_GPT_L1_DESTROY:
		ret = gpt_l1_destroy(f->gpt, pa);
		break;
	case RMM_GPT_L1_QUERY:
	default:
		ret = gpt_l1_is_table(f->gpt, pa);
		break;
	}
	pthread_mutex_unlock(&f->gpt_lock);
	return ret;
}

struct fake_plat *fake_create_feat(uint64_t feat_reg0)
{
	return fake_create_abi(feat_reg0, RMM_RMI_ABI_1_0);
}

struct fake_plat *fake_create_abi(uint64_t feat_reg0, enum rmm_rmi_abi abi)
{
	const struct gpt_config gcfg = { .pps_bits = FAKE_GPT_PPS_BITS, .l0gptsz_bits = 30 };
	struct fake_plat *f = calloc(1, sizeof(*f));

	if (f == NULL) {
		return NULL;
	}
	pthread_mutex_init(&f->gpt_lock, NULL);
	f->gpt = gpt_create(&gcfg);
	f->bank_mem[0] = calloc(1, FAKE_BANK_SIZE);
	f->bank_mem[1] = calloc(1, FAKE_BANK_SIZE);
	if (f->gpt == NULL || f->bank_mem[0] == NULL || f->bank_mem[1] == NULL ||
	    gpt_set_range(f->gpt, FAKE_BANK0_BASE, FAKE_BANK_SIZE, GPT_GPI_NS) != 0 ||
	    gpt_set_range(f->gpt, FAKE_BANK1_BASE, FAKE_BANK_SIZE, GPT_GPI_NS) != 0 ||
	    gpt_set_range(f->gpt, FAKE_SECURE_IN_BANK, FAKE_SECURE_IN_BANK_SIZE,
			  GPT_GPI_SECURE) != 0 ||
	    gpt_set_range(f->gpt, FAKE_SECURE_BASE, FAKE_SECURE_SIZE, GPT_GPI_SECURE) != 0 ||
	    gpt_set_range(f->gpt, FAKE_MMIO_BASE, FAKE_MMIO_SIZE, GPT_GPI_ANY) != 0) {
		fake_destroy(f);
		return NULL;
	}
	f->cfg.banks[0].base = FAKE_BANK0_BASE;
	f->cfg.banks[0].size = FAKE_BANK_SIZE;
	f->cfg.banks[1].base = FAKE_BANK1_BASE;
	f->cfg.banks[1].size = FAKE_BANK_SIZE;
	f->cfg.num_banks = 2;
	f->cfg.pa_bits = FAKE_PA_BITS;
	f->cfg.feat_reg0 = feat_reg0;
	f->cfg.vmid_bits = 16;
	f->cfg.rmi_abi = abi;
	f->cfg.gpt_l0gptsz_bits = 30;
	f->plat.ctx = f;
	f->plat.granule_map = plat_granule_map;
	f->plat.ns_read = plat_ns_read;
	f->plat.ns_write = plat_ns_write;
	f->plat.gtsi = plat_gtsi;
	f->plat.account = plat_account;
	f->plat.pas_of = plat_pas_of;
	f->plat.gpt_l1 = plat_gpt_l1;
	f->rmm = rmm_create(&f->cfg, &f->plat);
	if (f->rmm == NULL) {
		fake_destroy(f);
		return NULL;
	}
	rmm_set_invariant_checks(f->rmm, true);
	/* Test granules come from the top half of bank 0. */
	f->next_alloc = FAKE_BANK0_BASE + FAKE_BANK_SIZE / 2U;
	return f;
}

struct fake_plat *fake_create(void)
{
	return fake_create_feat(fake_feat_reg0());
}

void fake_destroy(struct fake_plat *f)
{
	if (f == NULL) {
		return;
	}
	rmm_destroy(f->rmm);
	gpt_destroy(f->gpt);
	free(f->bank_mem[0]);
	free(f->bank_mem[1]);
	pthread_mutex_destroy(&f->gpt_lock);
	free(f);
}

int fake_setup(void **state)
{
	struct fake_plat *f = fake_create();

	*state = f;
	return f == NULL ? -1 : 0;
}

int fake_teardown(void **state)
{
	fake_destroy(*state);
	*state = NULL;
	return 0;
}

struct smc_regs fake_smc(struct fake_plat *f, uint64_t fid, uint64_t a1, uint64_t a2,
			 uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6)
{
	struct smc_regs r = { .x = { fid, a1, a2, a3, a4, a5, a6 } };

	rmm_handle_rmi(f->rmm, &r);
	return r;
}

uint64_t fake_rmi(struct fake_plat *f, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		  uint64_t a4, uint64_t a5, uint64_t a6)
{
	return fake_smc(f, fid, a1, a2, a3, a4, a5, a6).x[0];
}

uint8_t *fake_mem(struct fake_plat *f, pa_t pa)
{
	return bank_ptr(f, pa);
}

bool fake_ns_write(struct fake_plat *f, pa_t pa, const void *src, size_t len)
{
	return plat_ns_write(f, pa, src, len);
}

bool fake_ns_read(struct fake_plat *f, pa_t pa, void *dst, size_t len)
{
	return plat_ns_read(f, pa, dst, len);
}

enum gpt_gpi fake_gpi(struct fake_plat *f, pa_t pa)
{
	enum gpt_gpi gpi;

	pthread_mutex_lock(&f->gpt_lock);
	gpi = gpt_get_gpi(f->gpt, pa);
	pthread_mutex_unlock(&f->gpt_lock);
	return gpi;
}

int fake_set_gpi(struct fake_plat *f, pa_t base, uint64_t size, enum gpt_gpi gpi)
{
	int ret;

	pthread_mutex_lock(&f->gpt_lock);
	ret = gpt_set_range(f->gpt, base, size, gpi);
	pthread_mutex_unlock(&f->gpt_lock);
	return ret;
}

enum rmm_granule_state fake_state(struct fake_plat *f, pa_t pa)
{
	enum rmm_granule_state s;

	if (!rmm_granule_state(f->rmm, pa, &s)) {
		return RMM_GRANULE_STATE_COUNT;
	}
	return s;
}

bool fake_invariants_hold(struct fake_plat *f)
{
	char msg[256];

	if (!rmm_check_invariants(f->rmm, msg, sizeof(msg))) {
		fprintf(stderr, "fake: invariant violated: %s\n", msg);
		return false;
	}
	return true;
}

pa_t fake_alloc(struct fake_plat *f)
{
	pa_t pa = f->next_alloc;

	if (pa >= FAKE_BANK0_BASE + FAKE_BANK_SIZE) {
		return 0;
	}
	f->next_alloc += GRANULE_SIZE;
	return pa;
}

pa_t fake_alloc_delegated(struct fake_plat *f)
{
	pa_t pa = fake_alloc(f);

	if (pa == 0U ||
	    fake_rmi(f, RMI_GRANULE_DELEGATE_FID, pa, 0, 0, 0, 0, 0) != RMI_SUCCESS) {
		return 0;
	}
	return pa;
}
