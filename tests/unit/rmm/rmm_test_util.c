/* SPDX-License-Identifier: BSD-3-Clause */
#include "rmm_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "den0137_abi.h"

void t_put64(uint8_t *buf, unsigned off, uint64_t v)
{
	for (unsigned i = 0; i < 8U; i++) {
		buf[off + i] = (uint8_t)(v >> (8U * i));
	}
}

uint64_t t_get64(const uint8_t *buf, unsigned off)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8U; i++) {
		v |= (uint64_t)buf[off + i] << (8U * i);
	}
	return v;
}

void t_realm_params_default(struct t_realm_params *p, uint64_t vmid)
{
	memset(p, 0, sizeof(*p));
	p->s2sz = 40;
	p->num_bps = 2;
	p->num_wps = 2;
	p->hash_algo = RMI_HASH_SHA_256;
	p->vmid = vmid;
	p->rtt_level_start = 0;
	p->rtt_num_start = 1;
	for (unsigned i = 0; i < 64U; i++) {
		p->rpv[i] = (uint8_t)(0x40U + i);
	}
}

void t_realm_params_write(struct fake_plat *f, pa_t pa, const struct t_realm_params *p)
{
	uint8_t buf[GRANULE_SIZE] = { 0 };

	t_put64(buf, RMI_REALM_PARAMS_FLAGS_OFFSET, p->flags);
	t_put64(buf, RMI_REALM_PARAMS_S2SZ_OFFSET, p->s2sz);
	t_put64(buf, RMI_REALM_PARAMS_SVE_VL_OFFSET, p->sve_vl);
	t_put64(buf, RMI_REALM_PARAMS_NUM_BPS_OFFSET, p->num_bps);
	t_put64(buf, RMI_REALM_PARAMS_NUM_WPS_OFFSET, p->num_wps);
	t_put64(buf, RMI_REALM_PARAMS_PMU_NUM_CTRS_OFFSET, p->pmu_num_ctrs);
	t_put64(buf, RMI_REALM_PARAMS_HASH_ALGO_OFFSET, p->hash_algo);
	memcpy(buf + RMI_REALM_PARAMS_RPV_OFFSET, p->rpv, 64);
	t_put64(buf, RMI_REALM_PARAMS_VMID_OFFSET, p->vmid);
	t_put64(buf, RMI_REALM_PARAMS_RTT_BASE_OFFSET, p->rtt_base);
	t_put64(buf, RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET, (uint64_t)p->rtt_level_start);
	t_put64(buf, RMI_REALM_PARAMS_RTT_NUM_START_OFFSET, p->rtt_num_start);
	assert_true(fake_ns_write(f, pa, buf, sizeof(buf)));
}

uint64_t t_realm_create(struct fake_plat *f, struct t_realm_params *p, struct t_realm *r)
{
	memset(r, 0, sizeof(*r));
	if (p->rtt_base == 0U) {
		r->nrtt = p->rtt_num_start <= 16U ? (unsigned)p->rtt_num_start : 16U;
		for (unsigned i = 0; i < r->nrtt; i++) {
			r->rtt[i] = fake_alloc_delegated(f);
			assert_int_not_equal(r->rtt[i], 0);
			if (i > 0U) {
				assert_int_equal(r->rtt[i], r->rtt[i - 1U] + GRANULE_SIZE);
			}
		}
		p->rtt_base = r->rtt[0];
	}
	if (r->rd == 0U) {
		r->rd = fake_alloc_delegated(f);
	}
	r->params = fake_alloc(f);
	t_realm_params_write(f, r->params, p);
	return fake_rmi(f, RMI_REALM_CREATE_FID, r->rd, r->params, 0, 0, 0, 0);
}

struct t_realm t_realm_new(struct fake_plat *f, uint64_t vmid)
{
	struct t_realm_params p;
	struct t_realm r;

	t_realm_params_default(&p, vmid);
	assert_int_equal(t_realm_create(f, &p, &r), RMI_SUCCESS);
	return r;
}

void t_rec_params_default(struct fake_plat *f, struct t_rec_params *p, uint64_t mpidr)
{
	memset(p, 0, sizeof(*p));
	p->flags = RMI_RUNNABLE;
	p->mpidr = mpidr;
	p->pc = 0x80000 + mpidr * 0x1000;
	for (unsigned i = 0; i < 8U; i++) {
		p->gprs[i] = 0x1000 * (i + 1U) + mpidr;
	}
	p->num_aux = 16;
	for (unsigned i = 0; i < 16U; i++) {
		p->aux[i] = fake_alloc_delegated(f);
		assert_int_not_equal(p->aux[i], 0);
	}
}

void t_rec_params_write(struct fake_plat *f, pa_t pa, const struct t_rec_params *p)
{
	uint8_t buf[GRANULE_SIZE] = { 0 };

	t_put64(buf, RMI_REC_PARAMS_FLAGS_OFFSET, p->flags);
	t_put64(buf, RMI_REC_PARAMS_MPIDR_OFFSET, p->mpidr);
	t_put64(buf, RMI_REC_PARAMS_PC_OFFSET, p->pc);
	for (unsigned i = 0; i < 8U; i++) {
		t_put64(buf, RMI_REC_PARAMS_GPRS_OFFSET + 8U * i, p->gprs[i]);
	}
	t_put64(buf, RMI_REC_PARAMS_NUM_AUX_OFFSET, p->num_aux);
	for (unsigned i = 0; i < 16U; i++) {
		t_put64(buf, RMI_REC_PARAMS_AUX_OFFSET + 8U * i, p->aux[i]);
	}
	assert_true(fake_ns_write(f, pa, buf, sizeof(buf)));
}

uint64_t t_rec_create(struct fake_plat *f, pa_t rd, pa_t rec, const struct t_rec_params *p)
{
	pa_t params = fake_alloc(f);

	t_rec_params_write(f, params, p);
	return fake_rmi(f, RMI_REC_CREATE_FID, rd, rec, params, 0, 0, 0);
}

pa_t t_rec_new(struct fake_plat *f, pa_t rd, uint64_t mpidr)
{
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);

	t_rec_params_default(f, &p, mpidr);
	assert_int_equal(t_rec_create(f, rd, rec, &p), RMI_SUCCESS);
	return rec;
}
