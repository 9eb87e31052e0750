/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Macro opcodes: what a host does in several RMI calls, in one input step,
 * so that a few hundred bytes reach an ACTIVE realm with level-3 RTTs, DATA
 * and RECs. Each macro still issues ordinary RMI calls through fz_call (so
 * every step is checked and logged), and a few input bits perturb them.
 */
#include <string.h>

#include "den0137_abi.h"
#include "fuzz_rmi.h"

/* Valid (s2sz, sl, rtt_num_start) combinations (states.md §5) and two invalid ones. */
static const struct {
	uint8_t s2sz;
	int8_t sl;
	uint8_t n;
} geometries[] = {
	{ 32, 1, 1 }, { 33, 1, 1 }, { 36, 1, 1 }, { 39, 1, 1 }, { 40, 0, 1 }, { 40, 1, 2 },
	{ 42, 1, 8 }, { 44, 0, 1 }, { 48, 0, 1 }, { 32, 2, 4 }, { 34, 2, 16 }, { 35, 1, 1 },
	{ 40, 1, 1 }, { 32, 3, 1 },
};

#define NUM_GEOMETRIES (sizeof(geometries) / sizeof(geometries[0]))

/* Offsets of RmiRealmParams / RmiRecParams fields the perturbation may overwrite. */
static const uint16_t realm_fields[] = {
	RMI_REALM_PARAMS_FLAGS_OFFSET, RMI_REALM_PARAMS_S2SZ_OFFSET,
	RMI_REALM_PARAMS_SVE_VL_OFFSET, RMI_REALM_PARAMS_NUM_BPS_OFFSET,
	RMI_REALM_PARAMS_NUM_WPS_OFFSET, RMI_REALM_PARAMS_PMU_NUM_CTRS_OFFSET,
	RMI_REALM_PARAMS_HASH_ALGO_OFFSET, RMI_REALM_PARAMS_VMID_OFFSET,
	RMI_REALM_PARAMS_RTT_BASE_OFFSET, RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET,
	RMI_REALM_PARAMS_RTT_NUM_START_OFFSET,
};

static void put64(uint8_t *p, unsigned off, uint64_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

/* The host writes a whole NS buffer (fails silently if the granule is no longer NS). */
static void ns_write(struct fz *z, unsigned buf, const uint8_t *img)
{
	(void)fzp_ns_write(z->f, FZ_NS_BASE + (pa_t)buf * GRANULE_SIZE, img, GRANULE_SIZE);
}

void fz_macro_realm(struct fz *z)
{
	uint8_t img[GRANULE_SIZE] = { 0 };
	uint8_t sel = fz_u8(z);
	unsigned g = sel % NUM_GEOMETRIES;
	uint8_t perturb = fz_u8(z);
	pa_t rd, base;

	rd = fz_get_delegated(z);
	base = fz_get_delegated_run(z, geometries[g].n);
	if (rd == 0U || base == 0U) {
		return;
	}
	img[RMI_REALM_PARAMS_S2SZ_OFFSET] = geometries[g].s2sz;
	img[RMI_REALM_PARAMS_NUM_BPS_OFFSET] = 1U + (fz_u8(z) % 6U);
	img[RMI_REALM_PARAMS_NUM_WPS_OFFSET] = 1U + (fz_u8(z) % 6U);
	img[RMI_REALM_PARAMS_HASH_ALGO_OFFSET] = (sel >> 4) & 1U;
	put64(img, RMI_REALM_PARAMS_VMID_OFFSET, fz_u8(z));
	put64(img, RMI_REALM_PARAMS_RTT_BASE_OFFSET, base);
	put64(img, RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET, (uint64_t)(int64_t)geometries[g].sl);
	put64(img, RMI_REALM_PARAMS_RTT_NUM_START_OFFSET, geometries[g].n);
	if ((perturb & 0xE0U) == 0xE0U) {
		/* One field gets a value from the input. */
		put64(img, realm_fields[perturb % (sizeof(realm_fields) / 2U)], fz_u64(z));
	}
	ns_write(z, FZ_NS_REALM_PARAMS, img);
	fz_call(z, RMI_REALM_CREATE_FID, rd, FZ_NS_BASE + FZ_NS_REALM_PARAMS * GRANULE_SIZE, 0,
		0, 0);
}

/* Is there a tracked RTT at @level covering @ipa? */
static bool have_rtt(const struct fz_realm *r, ipa_t ipa, int level)
{
	ipa_t base = ipa & ~(fz_level_size(level - 1) - 1U);

	for (unsigned i = 0; i < r->nrtt; i++) {
		if (r->rtt[i].level == level && r->rtt[i].ipa == base) {
			return true;
		}
	}
	return false;
}

/* RTTs from below the starting level down to @to at @ipa; false if one fails. */
static bool build_rtts(struct fz *z, struct fz_realm *r, ipa_t ipa, int to)
{
	for (int level = r->sl + 1; level <= to && level <= 3; level++) {
		pa_t rtt;

		if (have_rtt(r, ipa, level)) {
			continue;
		}
		rtt = fz_get_delegated(z);
		if (rtt == 0U ||
		    fz_call(z, RMI_RTT_CREATE_FID, r->rd, rtt,
			    ipa & ~(fz_level_size(level - 1) - 1U), (uint64_t)level, 0).x[0] !=
			    RMI_SUCCESS) {
			return false;
		}
	}
	return true;
}

void fz_macro_rtts(struct fz *z)
{
	struct fz_realm *r = fz_pick_realm(z);
	uint8_t sel = fz_u8(z);

	if (r == NULL) {
		return;
	}
	build_rtts(z, r, fz_pick_ipa(z, r, 3, sel < 200U), 3);
}

void fz_macro_data(struct fz *z)
{
	struct fz_realm *r = fz_pick_realm(z);
	uint8_t sel = fz_u8(z);
	ipa_t ipa;
	pa_t data;

	if (r == NULL || r->s2sz < 32U || r->s2sz > 48U) {
		return;
	}
	ipa = ((ipa_t)(sel % 4U) << 21) + ((ipa_t)(fz_u8(z) % 512U) << GRANULE_SHIFT);
	if (!build_rtts(z, r, ipa, 3)) {
		return;
	}
	data = fz_get_delegated(z);
	if (data == 0U) {
		return;
	}
	if ((sel & 0x80U) == 0U && !r->active) {
		uint8_t img[GRANULE_SIZE];

		memset(img, sel, sizeof(img));
		ns_write(z, FZ_NS_SRC, img);
		fz_call(z, RMI_DATA_CREATE_FID, r->rd, data, ipa, FZ_NS_BASE + FZ_NS_SRC * GRANULE_SIZE,
			(sel >> 4) & 1U);
	} else {
		fz_call(z, RMI_DATA_CREATE_UNKNOWN_FID, r->rd, data, ipa, 0, 0);
	}
}

void fz_macro_rec(struct fz *z)
{
	struct fz_realm *r = fz_pick_realm(z);
	uint8_t sel = fz_u8(z);
	uint8_t img[GRANULE_SIZE] = { 0 };
	struct smc_regs res;
	unsigned count, idx;
	pa_t rec;

	if (r == NULL) {
		return;
	}
	res = fz_call(z, RMI_REC_AUX_COUNT_FID, r->rd, 0, 0, 0, 0);
	if (res.x[0] != RMI_SUCCESS) {
		return;
	}
	count = res.x[1] > FZ_MAX_AUX ? FZ_MAX_AUX : (unsigned)res.x[1];
	rec = fz_get_delegated(z);
	if (rec == 0U) {
		return;
	}
	for (unsigned i = 0; i < count; i++) {
		pa_t aux = fz_get_delegated(z);

		if (aux == 0U) {
			return;
		}
		put64(img, RMI_REC_PARAMS_AUX_OFFSET + 8U * i, aux);
	}
	idx = (sel & 0x40U) != 0U ? r->next_rec + 1U : r->next_rec;
	/* MPIDR from the REC index (structures.md §2): Aff0[3:0], Aff1, Aff2. */
	put64(img, RMI_REC_PARAMS_MPIDR_OFFSET,
	      (idx & 0xFU) | ((uint64_t)((idx >> 4) & 0xFFU) << 8) |
		      ((uint64_t)((idx >> 12) & 0xFFU) << 16));
	put64(img, RMI_REC_PARAMS_FLAGS_OFFSET, (sel & 0x80U) != 0U ? 0U : 1U);
	put64(img, RMI_REC_PARAMS_PC_OFFSET, (uint64_t)fz_u8(z) << 12);
	put64(img, RMI_REC_PARAMS_NUM_AUX_OFFSET, (sel & 0x20U) != 0U ? count + 1U : count);
	if ((sel & 0x1FU) == 0x1FU) {
		put64(img, RMI_REC_PARAMS_AUX_OFFSET + 8U * (fz_u8(z) % 16U), fz_pick_addr(z, RMM_GRANULE_DELEGATED));
	}
	ns_write(z, FZ_NS_REC_PARAMS, img);
	fz_call(z, RMI_REC_CREATE_FID, r->rd, rec, FZ_NS_BASE + FZ_NS_REC_PARAMS * GRANULE_SIZE,
		0, 0);
}

void fz_macro_activate(struct fz *z)
{
	struct fz_realm *r = fz_pick_realm(z);

	if (r != NULL) {
		fz_call(z, RMI_REALM_ACTIVATE_FID, r->rd, 0, 0, 0, 0);
	}
}

void fz_macro_enter(struct fz *z)
{
	uint8_t img[GRANULE_SIZE] = { 0 };
	pa_t rec = fz_pick_rec(z);
	uint8_t sel = fz_u8(z);

	if ((sel & 0xC0U) == 0xC0U) {
		/* Entry flags, GIC HCR and one list register from the input. */
		put64(img, RMI_REC_RUN_ENTER_FLAGS_OFFSET, fz_u8(z));
		put64(img, RMI_REC_RUN_ENTER_GICV3_HCR_OFFSET, fz_u64(z));
		put64(img, RMI_REC_RUN_ENTER_GICV3_LRS_OFFSET + 8U * (sel % 16U), fz_u64(z));
	}
	ns_write(z, FZ_NS_REC_RUN_OF(z), img);
	fz_call(z, RMI_REC_ENTER_FID, rec, FZ_NS_BASE + FZ_NS_REC_RUN_OF(z) * GRANULE_SIZE, 0, 0,
		0);
}

void fz_macro_init_ripas(struct fz *z)
{
	struct fz_realm *r = fz_pick_realm(z);
	ipa_t base, top;

	if (r == NULL) {
		return;
	}
	base = fz_pick_ipa(z, r, 3, true);
	top = base + ((uint64_t)(fz_u8(z) % 64U) + 1U) * GRANULE_SIZE;
	for (unsigned i = 0; i < 8U && base < top; i++) {
		struct smc_regs res = fz_call(z, RMI_RTT_INIT_RIPAS_FID, r->rd, base, top, 0, 0);

		if (res.x[0] != RMI_SUCCESS || res.x[1] <= base) {
			break;
		}
		base = res.x[1];
	}
}

void fz_macro_teardown(struct fz *z)
{
	struct fz_realm *r = fz_pick_realm(z);
	unsigned ri;

	if (r == NULL) {
		return;
	}
	ri = (unsigned)(r - z->realm);
	for (unsigned i = 0; i < FZ_MAX_RECS; i++) {
		if (z->rec[i].live && z->rec[i].realm == ri) {
			fz_call(z, RMI_REC_DESTROY_FID, z->rec[i].pa, 0, 0, 0, 0);
		}
	}
	while (r->ndata != 0U) {
		unsigned before = r->ndata;

		fz_call(z, RMI_DATA_DESTROY_FID, r->rd, r->data[r->ndata - 1U].ipa, 0, 0, 0);
		if (r->ndata == before) {
			break;
		}
	}
	while (r->nns != 0U) {
		unsigned before = r->nns;

		fz_call(z, RMI_RTT_UNMAP_UNPROTECTED_FID, r->rd, r->ns_ipa[r->nns - 1U],
			(uint64_t)r->ns_level[r->nns - 1U], 0, 0);
		if (r->nns == before) {
			break;
		}
	}
	/* Deepest RTTs first. */
	for (int level = 3; level > r->sl; level--) {
		for (unsigned i = 0; i < r->nrtt;) {
			unsigned before = r->nrtt;

			if (r->rtt[i].level != level) {
				i++;
				continue;
			}
			fz_call(z, RMI_RTT_DESTROY_FID, r->rd, r->rtt[i].ipa, (uint64_t)level, 0, 0);
			if (r->nrtt == before) {
				i++;
			}
		}
	}
	fz_call(z, RMI_REALM_DESTROY_FID, r->rd, 0, 0, 0, 0);
	if ((fz_u8(z) & 1U) != 0U) {
		/* Give the pool back to NS. */
		for (unsigned i = 0; i < FZ_POOL; i++) {
			pa_t pa = FZ_POOL_BASE + (pa_t)i * GRANULE_SIZE;

			if (fz_gstate(z, pa) == RMM_GRANULE_DELEGATED) {
				fz_call(z, RMI_GRANULE_UNDELEGATE_FID, pa, 0, 0, 0, 0);
			}
		}
	}
}

void fz_macro_map_ns(struct fz *z)
{
	struct fz_realm *r = fz_pick_realm(z);
	uint8_t sel = fz_u8(z);
	int level = (sel & 0x80U) != 0U ? 2 : 3;
	ipa_t ipa;
	uint64_t desc;

	if (r == NULL || r->s2sz < 32U || r->s2sz > 48U) {
		return;
	}
	ipa = (1ULL << (r->s2sz - 1U)) + (ipa_t)(fz_u8(z) % 8U) * fz_level_size(level);
	if (!build_rtts(z, r, ipa, level)) {
		return;
	}
	/* NS output address and host attributes: MemAttr (bits 5:2) and S2AP (7:6) (structures.md §7). */
	desc = (FZ_NS_BASE & ~(fz_level_size(level) - 1U)) | ((uint64_t)(sel & 0x3FU) << 2);
	fz_call(z, RMI_RTT_MAP_UNPROTECTED_FID, r->rd, ipa, (uint64_t)level, desc, 0);
}

void fz_macro_write_ns(struct fz *z)
{
	unsigned buf = fz_u8(z) % FZ_NS_COUNT;
	unsigned off = ((unsigned)fz_u8(z) | ((unsigned)fz_u8(z) << 8)) & 0xFF8U;
	uint64_t v = fz_u64(z);

	(void)fzp_ns_write(z->f, FZ_NS_BASE + (pa_t)buf * GRANULE_SIZE + off, &v, sizeof(v));
}
