/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform description, second half: the /rmmsim configuration nodes, the
 * composition of RmiFeatureRegister0 (structures.md §4) and the checks of
 * the memory map as a whole (alignment, PA size, overlaps).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "den0137_abi.h"
#include "plat_desc_private.h"

/* FVP Base RevC-2xAEMvA values (DESIGN.md "Platform defaults", docs/platform.md). */
#define PLAT_DEFAULT_PA_BITS 48U
#define PLAT_DEFAULT_L0GPTSZ 30U

struct prop_spec {
	const char *name;
	unsigned dflt;
	unsigned min;
	unsigned max;
};

/* Reads an optional u32/u64 property, checking it lies in [min, max]. */
static int read_uint(struct plat_parse *pp, int off, const char *path, const struct prop_spec *s,
		     unsigned *out)
{
	int len;
	const void *p = off >= 0 ? fdt_getprop(pp->fdt, off, s->name, &len) : NULL;
	uint64_t v;

	if (p == NULL) {
		*out = s->dflt;
		return 0;
	}
	if (len == 4) {
		v = fdt32_ld(p);
	} else if (len == 8) {
		v = fdt64_ld(p);
	} else {
		plat_err(pp, path, "property '%s' must be one u32 or u64 (%d bytes)", s->name, len);
		return -1;
	}
	if (v < s->min || v > s->max) {
		plat_err(pp, path, "property '%s' = %" PRIu64 " outside %u..%u", s->name, v, s->min,
			 s->max);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int read_rmmsim_node(struct plat_parse *pp)
{
	static const struct prop_spec pa = { "pa-bits", PLAT_DEFAULT_PA_BITS, 32, 52 };
	static const struct prop_spec l0 = { "gpt-l0gptsz", PLAT_DEFAULT_L0GPTSZ, 30, 39 };
	struct prop_spec pps = { "gpt-pps-bits", 0, 32, 52 };
	struct plat_desc *d = pp->desc;
	int off = fdt_path_offset(pp->fdt, "/rmmsim");
	unsigned v;

	if (read_uint(pp, off, "/rmmsim", &pa, &d->pa_bits) != 0) {
		return -1;
	}
	pps.dflt = d->pa_bits;
	if (read_uint(pp, off, "/rmmsim", &pps, &v) != 0) {
		return -1;
	}
	d->gpt.pps_bits = v;
	if (read_uint(pp, off, "/rmmsim", &l0, &v) != 0) {
		return -1;
	}
	/* GPCCR_EL3.L0GPTSZ encodes 30, 34, 36 or 39 bits (gpt.h). */
	if (v != 30U && v != 34U && v != 36U && v != 39U) {
		plat_err(pp, "/rmmsim", "property 'gpt-l0gptsz' = %u is not 30, 34, 36 or 39", v);
		return -1;
	}
	d->gpt.l0gptsz_bits = v;
	return 0;
}

static int read_features(struct plat_parse *pp)
{
	struct plat_desc *d = pp->desc;
	struct plat_rmm_features *f = &d->rmm;
	const char *path = "/rmmsim/rmm";
	int off = fdt_path_offset(pp->fdt, path);
	unsigned lpa2, sha256, sha512;
	const struct prop_spec lpa2_s = { "lpa2", 0, 0, 1 };
	const struct prop_spec specs[] = {
		{ "s2sz", d->pa_bits < 48U ? d->pa_bits : 48U, 32, 52 },
		{ "sve-vl", 0, 0, 2048 },
		{ "num-bps", 6, 2, 64 },
		{ "num-wps", 6, 2, 64 },
		{ "pmu-num-ctrs", 8, 0, 31 },
		{ "hash-sha256", 1, 0, 1 },
		{ "hash-sha512", 1, 0, 1 },
		{ "gicv3-num-lrs", 16, 1, 16 },
		{ "max-recs-order", 10, 0, 15 },
		{ "vmid-bits", 16, 8, 16 },
	};
	unsigned *dst[] = {
		&f->s2sz, &f->sve_vl, &f->num_bps, &f->num_wps, &f->pmu_num_ctrs, &sha256, &sha512,
		&f->gicv3_num_lrs, &f->max_recs_order, &f->vmid_bits,
	};

	_Static_assert(sizeof(specs) / sizeof(specs[0]) == sizeof(dst) / sizeof(dst[0]),
		       "one destination per property");
	if (read_uint(pp, off, path, &lpa2_s, &lpa2) != 0) {
		return -1;
	}
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		if (read_uint(pp, off, path, &specs[i], dst[i]) != 0) {
			return -1;
		}
	}
	f->lpa2 = lpa2 != 0U;
	f->hash_sha256 = sha256 != 0U;
	f->hash_sha512 = sha512 != 0U;
	/* Stage 2 cannot translate to more than the PA size; 52 bits needs LPA2. */
	if (f->s2sz > d->pa_bits || (f->s2sz > 48U && !f->lpa2)) {
		plat_err(pp, path, "s2sz %u exceeds the PA size (%u bits)%s", f->s2sz, d->pa_bits,
			 f->lpa2 ? "" : " or 48 bits without lpa2");
		return -1;
	}
	if (f->sve_vl % 128U != 0U) {
		plat_err(pp, path, "sve-vl %u is not a multiple of 128 (0 = no SVE)", f->sve_vl);
		return -1;
	}
	if (f->vmid_bits != 8U && f->vmid_bits != 16U) {
		plat_err(pp, path, "vmid-bits %u is not 8 or 16", f->vmid_bits);
		return -1;
	}
	if (!f->hash_sha256 && !f->hash_sha512) {
		plat_err(pp, path, "at least one of hash-sha256, hash-sha512 must be 1");
		return -1;
	}
	d->feat_reg0 = plat_feat_reg0(f);
	return 0;
}

static int read_costs(struct plat_parse *pp)
{
	struct plat_desc *d = pp->desc;
	const char *path = "/rmmsim/costs";
	int node = fdt_path_offset(pp->fdt, path);
	int prop;

	if (node < 0) {
		return 0;
	}
	fdt_for_each_property_offset(prop, pp->fdt, node) {
		const char *name;
		int len;
		const void *v = fdt_getprop_by_offset(pp->fdt, prop, &name, &len);
		struct plat_cost *c;

		if (v == NULL) {
			plat_err(pp, path, "unreadable property (%s)", fdt_strerror(len));
			return -1;
		}
		if (len != 4 && len != 8) {
			plat_err(pp, path, "cost '%s' must be one u32 or u64 (%d bytes)", name, len);
			return -1;
		}
		if (d->num_costs == PLAT_MAX_COSTS) {
			plat_err(pp, path, "more than %u costs", PLAT_MAX_COSTS);
			return -1;
		}
		c = &d->costs[d->num_costs++];
		snprintf(c->name, sizeof(c->name), "%s", name);
		c->value = len == 4 ? fdt32_ld(v) : fdt64_ld(v);
	}
	return 0;
}

/* /rmmsim/attestation: rak-private (48 bytes) and platform-token (opaque bytes), both optional. */
static int read_attestation(struct plat_parse *pp)
{
	struct plat_attest *a = &pp->desc->attest;
	const char *path = "/rmmsim/attestation";
	int node = fdt_path_offset(pp->fdt, path);
	const void *v;
	int len;

	if (node < 0) {
		return 0;
	}
	v = fdt_getprop(pp->fdt, node, "rak-private", &len);
	if (v != NULL) {
		if (len != (int)sizeof(a->rak)) {
			plat_err(pp, path, "'rak-private' must be a %zu-byte P-384 scalar (%d bytes)",
				 sizeof(a->rak), len);
			return -1;
		}
		memcpy(a->rak, v, sizeof(a->rak));
		a->has_rak = true;
	}
	v = fdt_getprop(pp->fdt, node, "platform-token", &len);
	if (v != NULL) {
		if (len <= 0 || (size_t)len > sizeof(a->plat_token)) {
			plat_err(pp, path, "'platform-token' must hold 1..%zu bytes (%d bytes)",
				 sizeof(a->plat_token), len);
			return -1;
		}
		memcpy(a->plat_token, v, (size_t)len);
		a->plat_token_len = (size_t)len;
	}
	return 0;
}

int plat_read_config(struct plat_parse *pp)
{
	int off;
	const void *v;
	int len;

	if (read_rmmsim_node(pp) != 0 || read_features(pp) != 0 || read_attestation(pp) != 0) {
		return -1;
	}
	/* /rmmsim realm-slice-insns: the host timer's period in realm instructions. */
	off = fdt_path_offset(pp->fdt, "/rmmsim");
	v = off >= 0 ? fdt_getprop(pp->fdt, off, "realm-slice-insns", &len) : NULL;
	if (v != NULL) {
		if (len != 4 && len != 8) {
			plat_err(pp, "/rmmsim", "property 'realm-slice-insns' must be one u32 or u64");
			return -1;
		}
		pp->desc->rec_slice_insns = len == 4 ? fdt32_ld(v) : fdt64_ld(v);
		if (pp->desc->rec_slice_insns == 0U) {
			plat_err(pp, "/rmmsim", "property 'realm-slice-insns' must not be 0");
			return -1;
		}
	}
	/* /rmmsim rmi-abi: "1.0", "2.0" or "both" (docs/rmi-2.0.md). */
	v = off >= 0 ? fdt_getprop(pp->fdt, off, "rmi-abi", &len) : NULL;
	if (v != NULL) {
		if (len < 1 || ((const char *)v)[len - 1] != '\0' ||
		    !rmm_rmi_abi_parse(v, &pp->desc->rmi_abi)) {
			plat_err(pp, "/rmmsim", "property 'rmi-abi' must be \"1.0\", \"2.0\" or \"both\"");
			return -1;
		}
		pp->desc->has_rmi_abi = true;
	}
	return read_costs(pp);
}

static uint64_t fr0_field(uint64_t v, uint64_t shift, uint64_t width)
{
	return (v & ((1ULL << width) - 1U)) << shift;
}

#define FR0(field, v) \
	fr0_field((v), RMI_FEATURE_REGISTER_0_##field##_SHIFT, RMI_FEATURE_REGISTER_0_##field##_WIDTH)

uint64_t plat_feat_reg0(const struct plat_rmm_features *f)
{
	uint64_t r = 0;

	r |= FR0(S2SZ, f->s2sz);
	r |= FR0(LPA2, f->lpa2 ? 1U : 0U);
	if (f->sve_vl != 0U) {
		/* SVE_VL is encoded as (VL / 128) - 1. */
		r |= FR0(SVE_EN, 1U);
		r |= FR0(SVE_VL, f->sve_vl / 128U - 1U);
	}
	/* NUM_BPS / NUM_WPS / GICV3_NUM_LRS are "number minus one". */
	r |= FR0(NUM_BPS, f->num_bps - 1U);
	r |= FR0(NUM_WPS, f->num_wps - 1U);
	if (f->pmu_num_ctrs != 0U) {
		r |= FR0(PMU_EN, 1U);
		r |= FR0(PMU_NUM_CTRS, f->pmu_num_ctrs);
	}
	r |= FR0(HASH_SHA_256, f->hash_sha256 ? 1U : 0U);
	r |= FR0(HASH_SHA_512, f->hash_sha512 ? 1U : 0U);
	r |= FR0(GICV3_NUM_LRS, f->gicv3_num_lrs - 1U);
	r |= FR0(MAX_RECS_ORDER, f->max_recs_order);
	return r;
}

uint64_t plat_desc_cost(const struct plat_desc *d, const char *name, uint64_t dflt)
{
	for (unsigned i = 0; i < d->num_costs; i++) {
		if (strcmp(d->costs[i].name, name) == 0) {
			return d->costs[i].value;
		}
	}
	return dflt;
}

const struct plat_device *plat_device_find(const struct plat_desc *d, enum plat_dev_kind kind,
					   unsigned nth)
{
	for (unsigned i = 0; i < d->num_devices; i++) {
		if (d->devices[i].kind == kind && nth-- == 0U) {
			return &d->devices[i];
		}
	}
	return NULL;
}

struct lregion {
	pa_t base;
	uint64_t size;
	const char *name;
};

#define MAX_LREGIONS (RMM_MAX_BANKS + PLAT_MAX_SECURE + PLAT_MAX_DEVICES * PLAT_MAX_DEV_REGS)

static size_t collect(const struct plat_desc *d, struct lregion *r)
{
	size_t n = 0;

	for (unsigned i = 0; i < d->num_banks; i++) {
		r[n++] = (struct lregion){ d->banks[i].base, d->banks[i].size, d->bank_names[i] };
	}
	for (unsigned i = 0; i < d->num_devices; i++) {
		for (unsigned j = 0; j < d->devices[i].num_reg; j++) {
			r[n++] = (struct lregion){ d->devices[i].reg[j].base, d->devices[i].reg[j].size,
						   d->devices[i].name };
		}
	}
	for (unsigned i = 0; i < d->num_secure; i++) {
		r[n++] = (struct lregion){ d->secure[i].base, d->secure[i].size, d->secure_names[i] };
	}
	return n;
}

int plat_check_layout(struct plat_parse *pp)
{
	const struct plat_desc *d = pp->desc;
	struct lregion r[MAX_LREGIONS];
	size_t n = collect(d, r);
	unsigned limit_bits = d->pa_bits < d->gpt.pps_bits ? d->pa_bits : d->gpt.pps_bits;
	uint64_t limit = 1ULL << limit_bits;

	for (size_t i = 0; i < n; i++) {
		/* Granule-protection and delegation work on 4 KiB granules. */
		if (((r[i].base | r[i].size) & GRANULE_MASK) != 0U) {
			plat_err(pp, r[i].name, "base 0x%" PRIx64 " or size 0x%" PRIx64
				 " not 4 KiB aligned", r[i].base, r[i].size);
			return -1;
		}
		if (r[i].base >= limit || r[i].size > limit - r[i].base) {
			plat_err(pp, r[i].name, "[0x%" PRIx64 ", 0x%" PRIx64 ") beyond the %u-bit "
				 "PA size", r[i].base, r[i].base + r[i].size, limit_bits);
			return -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n; j++) {
			if (r[i].base < r[j].base + r[j].size && r[j].base < r[i].base + r[i].size) {
				plat_err(pp, r[j].name, "[0x%" PRIx64 ", 0x%" PRIx64 ") overlaps '%s'",
					 r[j].base, r[j].base + r[j].size, r[i].name);
				return -1;
			}
		}
	}
	return 0;
}
