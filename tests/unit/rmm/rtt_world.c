/* SPDX-License-Identifier: BSD-3-Clause */
/* Test world of the RTT / DATA / RIPAS unit tests (rtt_world.h). */
#include <string.h>

#include "rtt_world.h"

/* The one test world (cmocka runs tests one after another). */
static struct tw g_tw;

/* s2_changed hook: counts the RMM's TLBI notifications. */
static void count_s2_changed(void *ctx, uint16_t vmid, ipa_t base, uint64_t size)
{
	(void)ctx;
	(void)vmid;
	(void)size;
	g_tw.tlbi_calls++;
	g_tw.tlbi_last = base;
}

struct smc_regs tw_call(struct tw *t, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			uint64_t a4, uint64_t a5)
{
	struct smc_regs r = fake_smc(t->f, fid, a1, a2, a3, a4, a5, 0);

	assert_true(fake_invariants_hold(t->f));
	return r;
}

uint64_t tw_rmi(struct tw *t, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		uint64_t a5)
{
	return tw_call(t, fid, a1, a2, a3, a4, a5).x[0];
}

pa_t tw_delegated(struct tw *t)
{
	pa_t pa = fake_alloc_delegated(t->f);

	assert_int_not_equal(pa, 0);
	return pa;
}

uint64_t tw_realm_create(struct tw *t, pa_t rd, unsigned w, int sl, unsigned n, unsigned vmid)
{
	uint8_t p[RMI_REALM_PARAMS_SIZE] = { 0 };
	pa_t params = fake_alloc(t->f);
	uint64_t v;

	t->rtt_base = tw_delegated(t);
	for (unsigned i = 1; i < n; i++) {
		assert_int_equal(tw_delegated(t), t->rtt_base + i * SZ_4K);
	}
	v = w;
	memcpy(p + RMI_REALM_PARAMS_S2SZ_OFFSET, &v, 8);
	memcpy(p + RMI_REALM_PARAMS_FLAGS_OFFSET, &t->flags, 8);
	v = 1; /* one breakpoint and one watchpoint: 0 is reserved */
	memcpy(p + RMI_REALM_PARAMS_NUM_BPS_OFFSET, &v, 4);
	memcpy(p + RMI_REALM_PARAMS_NUM_WPS_OFFSET, &v, 4);
	v = vmid;
	memcpy(p + RMI_REALM_PARAMS_VMID_OFFSET, &v, 8);
	memcpy(p + RMI_REALM_PARAMS_RTT_BASE_OFFSET, &t->rtt_base, 8);
	v = (uint64_t)(int64_t)sl;
	memcpy(p + RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET, &v, 8);
	v = n;
	memcpy(p + RMI_REALM_PARAMS_RTT_NUM_START_OFFSET, &v, 4);
	assert_true(fake_ns_write(t->f, params, p, sizeof(p)));
	t->w = w;
	t->sl = sl;
	return tw_rmi(t, RMI_REALM_CREATE_FID, rd, params, 0, 0, 0);
}

struct tw *tw_new_feat(uint64_t feat, uint64_t flags, unsigned w, int sl, unsigned n)
{
	struct tw *t = &g_tw;

	memset(t, 0, sizeof(*t));
	t->flags = flags;
	t->f = fake_create_feat(feat);
	assert_non_null(t->f);
	t->f->rmm->plat.s2_changed = count_s2_changed;
	t->rd = tw_delegated(t);
	OK(tw_realm_create(t, t->rd, w, sl, n, 1));
	return t;
}

struct tw *tw_new(unsigned w, int sl, unsigned n)
{
	return tw_new_feat(fake_feat_reg0(), 0, w, sl, n);
}

int tw_teardown(void **state)
{
	struct tw *t = *state;

	fake_destroy(t->f);
	return 0;
}

int tw_setup_w40(void **state)
{
	*state = tw_new(40, 0, 1);
	return 0;
}

uint16_t tw_refcount(struct tw *t, pa_t pa)
{
	return granule_refcount(granule_find(t->f->rmm, pa));
}

struct smc_regs tw_read_entry(struct tw *t, ipa_t ipa, int level)
{
	return tw_call(t, RMI_RTT_READ_ENTRY_FID, t->rd, ipa, (uint64_t)(int64_t)level, 0, 0);
}

/* RTT_CREATE of a new RTT at @level for @ipa; returns its PA. */
pa_t tw_rtt_create(struct tw *t, ipa_t ipa, int level)
{
	pa_t rtt = tw_delegated(t);

	OK(tw_rmi(t, RMI_RTT_CREATE_FID, t->rd, rtt, ipa & ~(s2tt_entry_size(level - 1) - 1U),
		  (uint64_t)level, 0));
	return rtt;
}

/* Creates the RTTs down to level 3 for @ipa; returns the level-3 RTT. */
pa_t tw_rtt_path(struct tw *t, ipa_t ipa)
{
	pa_t rtt = 0;

	for (int l = t->sl + 1; l <= 3; l++) {
		struct smc_regs r = tw_read_entry(t, ipa & ~(s2tt_entry_size(l - 1) - 1U), l - 1);

		if (r.x[2] == RMI_TABLE) {
			rtt = r.x[3];
			continue;
		}
		rtt = tw_rtt_create(t, ipa, l);
	}
	return rtt;
}

pa_t tw_src_page(struct tw *t, uint8_t fill)
{
	uint8_t buf[SZ_4K];
	pa_t src = fake_alloc(t->f);

	memset(buf, fill, sizeof(buf));
	assert_true(fake_ns_write(t->f, src, buf, sizeof(buf)));
	return src;
}

uint64_t tw_data_create(struct tw *t, pa_t data, ipa_t ipa, pa_t src, uint64_t flags)
{
	return tw_rmi(t, RMI_DATA_CREATE_FID, t->rd, data, ipa, src, flags);
}

void tw_activate(struct tw *t)
{
	OK(tw_rmi(t, RMI_REALM_ACTIVATE_FID, t->rd, 0, 0, 0, 0));
}

struct rd *tw_rd(struct tw *t)
{
	return (struct rd *)granule_map(t->f->rmm, granule_find(t->f->rmm, t->rd));
}

/* 512 DELEGATED granules at a 2 MiB aligned PA. */
pa_t tw_delegated_2m(struct tw *t)
{
	pa_t base;

	while ((t->f->next_alloc & (SZ_2M - 1U)) != 0U) {
		(void)fake_alloc(t->f);
	}
	base = tw_delegated(t);
	for (unsigned i = 1; i < 512; i++) {
		assert_int_equal(tw_delegated(t), base + i * SZ_4K);
	}
	return base;
}

int tw_setup_none(void **state)
{
	*state = NULL;
	return 0;
}

int tw_teardown_maybe(void **state)
{
	return *state != NULL ? tw_teardown(state) : 0;
}
