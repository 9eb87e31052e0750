/* SPDX-License-Identifier: BSD-3-Clause */
/* Host-side helpers of the RMI 2.0 tests (rmi_v2_util.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "rmi_v2_util.h"

static void put64(uint8_t *b, unsigned off, uint64_t v)
{
	memcpy(b + off, &v, 8);
}

struct fake_plat *v2_create(void)
{
	struct fake_plat *f = fake_create_abi(fake_feat_reg0(), RMM_RMI_ABI_BOTH);

	assert_non_null(f);
	assert_int_equal(fake_rmi(f, RMI2_VERSION, RMI2_ABI_VERSION_2_0, 0, 0, 0, 0, 0), V2_OK);
	return f;
}

struct fake_plat *v2_create_active(void)
{
	struct fake_plat *f = v2_create();
	pa_t cfg = fake_alloc(f);

	assert_int_equal(fake_rmi(f, RMI2_RMM_CONFIG_SET, cfg, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0), V2_OK);
	return f;
}

int v2_setup(void **state)
{
	*state = v2_create();
	return 0;
}

int v2_setup_active(void **state)
{
	*state = v2_create_active();
	return 0;
}

void v2_realm_params_default(struct v2_realm_params *p)
{
	memset(p, 0, sizeof(*p));
	p->s2sz = 40;
	p->num_bps = 2;
	p->num_wps = 2;
	p->rtt_level_start = 0;
	p->rtt_num_start = 1;
	p->algorithm = 0;
}

void v2_realm_params_write(struct fake_plat *f, pa_t pa, const struct v2_realm_params *p)
{
	uint8_t b[GRANULE_SIZE] = { 0 };

	put64(b, 0x000, p->flags0);
	put64(b, 0x008, p->s2sz);
	put64(b, 0x010, p->sve_vl);
	put64(b, 0x018, p->num_bps);
	put64(b, 0x020, p->num_wps);
	put64(b, 0x028, p->pmu_num_ctrs);
	put64(b, 0x030, p->algorithm);
	put64(b, 0x038, p->num_aux_planes);
	put64(b, 0x440, p->ats_plane);
	put64(b, 0x808, p->rtt_base);
	put64(b, 0x810, (uint64_t)p->rtt_level_start);
	put64(b, 0x818, p->rtt_num_start);
	put64(b, 0x820, p->flags1);
	assert_true(fake_ns_write(f, pa, b, sizeof(b)));
}

static pa_t delegated(struct fake_plat *f)
{
	pa_t pa = fake_alloc(f);

	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, pa, pa + GRANULE_SIZE, 0, 0, 0, 0),
			 V2_OK);
	return pa;
}

uint64_t v2_realm_create(struct fake_plat *f, struct v2_realm_params *p, struct v2_realm *r)
{
	if (r->rd == 0U) {
		r->rd = delegated(f);
	}
	if (p->rtt_base == 0U) {
		p->rtt_base = delegated(f);
	}
	r->rtt = p->rtt_base;
	r->params = fake_alloc(f);
	v2_realm_params_write(f, r->params, p);
	return fake_rmi(f, RMI2_REALM_CREATE, r->rd, r->params, 0, 0, 0, 0);
}

struct v2_realm v2_realm_new(struct fake_plat *f)
{
	struct v2_realm_params p;
	struct v2_realm r = { 0 };

	v2_realm_params_default(&p);
	assert_int_equal(v2_realm_create(f, &p, &r), V2_OK);
	return r;
}

pa_t v2_rec_params(struct fake_plat *f, uint64_t mpidr, uint64_t flags)
{
	uint8_t b[GRANULE_SIZE] = { 0 };
	pa_t pa = fake_alloc(f);

	put64(b, 0x000, flags);
	put64(b, 0x100, mpidr);
	put64(b, 0x200, 0x1000);
	assert_true(fake_ns_write(f, pa, b, sizeof(b)));
	return pa;
}

uint64_t v2_rec_create(struct fake_plat *f, pa_t rd, pa_t rec, pa_t params, pa_t aux[16])
{
	struct smc_regs r = fake_smc(f, RMI2_REC_CREATE, rd, rec, params, 0, 0, 0);
	uint64_t handle = r.x[1];
	pa_t list = fake_alloc(f);
	unsigned n = 0;

	while ((r.x[0] & 0xFF) == RMI2_INCOMPLETE) {
		unsigned memreq = (unsigned)((r.x[0] >> 8) & 3U);

		if (memreq == RMI2_MEMREQ_DONATE) {
			unsigned cnt = (unsigned)((r.x[2] >> 2) & 0x3FFFU);
			uint64_t descs[16];

			assert_true(cnt <= 16U && (r.x[2] & 3U) == 0U);
			for (unsigned i = 0; i < cnt; i++) {
				aux[n] = delegated(f);
				descs[i] = aux[n] | (1ULL << 2);
				n++;
			}
			assert_true(fake_ns_write(f, list, descs, 8U * cnt));
			r = fake_smc(f, RMI2_OP_MEM_DONATE, handle, list, cnt, 0, 0, 0);
			assert_int_equal(r.x[1], cnt);
		} else if (memreq == RMI2_MEMREQ_RECLAIM) {
			r = fake_smc(f, RMI2_OP_MEM_RECLAIM, handle, list, 512, 0, 0, 0);
		} else {
			r = fake_smc(f, RMI2_OP_CONTINUE, handle, 0, 0, 0, 0, 0);
		}
	}
	return r.x[0];
}

uint64_t v2_rec_destroy(struct fake_plat *f, pa_t rec, unsigned *n_reclaimed)
{
	struct smc_regs r = fake_smc(f, RMI2_REC_DESTROY, rec, 0, 0, 0, 0, 0);
	uint64_t handle = r.x[1];
	pa_t list = fake_alloc(f);

	*n_reclaimed = 0;
	while ((r.x[0] & 0xFF) == RMI2_INCOMPLETE) {
		unsigned memreq = (unsigned)((r.x[0] >> 8) & 3U);

		assert_int_not_equal(memreq, RMI2_MEMREQ_DONATE);
		if (memreq == RMI2_MEMREQ_RECLAIM) {
			r = fake_smc(f, RMI2_OP_MEM_RECLAIM, handle, list, 4, 0, 0, 0);
			*n_reclaimed += (unsigned)r.x[1];
		} else {
			r = fake_smc(f, RMI2_OP_CONTINUE, handle, 0, 0, 0, 0, 0);
		}
	}
	return r.x[0];
}
