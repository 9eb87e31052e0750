/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cases where a differential run found the reference RMM's user-mode build
 * breaking (issue 17): it unlocks granules twice, writes outside the aux
 * granules it was given, or accepts a VMID in use. rmmsim must stay right on
 * each. Also the outputs the spec leaves undefined, decided once
 * (docs/conformance.md "Undefined outputs").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "fake_plat.h"
#include "granule.h"
#include "realm.h"
#include "rmm_test_util.h"

#define OK ST(RMI_SUCCESS, 0)
#define INPUT ST(RMI_ERROR_INPUT, 0)

/* True when nobody holds @pa's granule lock (white box: try to take it). */
static bool granule_unlocked(struct fake_plat *f, pa_t pa)
{
	struct granule *g = granule_find(f->rmm, pa);
	bool was_locked = atomic_flag_test_and_set(&g->lock);

	if (!was_locked) {
		atomic_flag_clear(&g->lock);
	}
	return !was_locked;
}

static bool granule_is_zero(struct fake_plat *f, pa_t pa)
{
	static const uint8_t zero[GRANULE_SIZE];

	return memcmp(fake_mem(f, pa), zero, GRANULE_SIZE) == 0;
}

/* ------------------------------------------------------------- REC_CREATE */

static void rec_create__aux_list_failing_part_way_unlocks_every_granule_once(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);
	pa_t aux0 = fake_alloc_delegated(f);

	memset(&p, 0, sizeof(p));
	p.flags = RMI_RUNNABLE;
	p.num_aux = 16;
	p.aux[0] = aux0;
	p.aux[1] = 0; /* aux_state: PA 0 is no delegable granule */
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), INPUT);
	/* Every granule the call looked at is unlocked, in its state, unchanged. */
	assert_true(granule_unlocked(f, r.rd));
	assert_true(granule_unlocked(f, rec));
	assert_true(granule_unlocked(f, aux0));
	assert_int_equal(fake_state(f, rec), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_state(f, aux0), RMM_GRANULE_DELEGATED);
	assert_true(granule_is_zero(f, rec));
	assert_true(granule_is_zero(f, aux0));
	assert_int_equal(granule_refcount(granule_find(f->rmm, r.rd)), 0);
	assert_true(fake_invariants_hold(f));
	/* Unlocked exactly once: each can be locked and moved again. */
	assert_int_equal(fake_rmi(f, RMI_GRANULE_UNDELEGATE_FID, aux0, 0, 0, 0, 0, 0), OK);
	t_rec_params_default(f, &p, 0);
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), OK);
	assert_true(fake_invariants_hold(f));
}

static void rec_create__non_contiguous_aux_keeps_rec_aux_in_given_granules_only(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm r = t_realm_new(f, 1);
	struct t_rec_params p;
	pa_t rec = fake_alloc_delegated(f);
	pa_t gap[16];
	uint8_t pattern[GRANULE_SIZE];
	uint8_t seen[GRANULE_SIZE];

	t_rec_params_default(f, &p, 0);
	/* aux[i] with an NS granule holding a pattern between each two. */
	for (unsigned i = 0; i < 16U; i++) {
		gap[i] = fake_alloc(f);
		memset(pattern, 0xA0 + (int)i, sizeof(pattern));
		assert_true(fake_ns_write(f, gap[i], pattern, sizeof(pattern)));
		p.aux[i] = fake_alloc_delegated(f);
	}
	/* The 16 granules after aux[0] are not all aux granules. */
	assert_int_not_equal(p.aux[1], p.aux[0] + GRANULE_SIZE);
	assert_int_equal(t_rec_create(f, r.rd, rec, &p), OK);
	for (unsigned i = 0; i < 16U; i++) {
		assert_int_equal(fake_state(f, p.aux[i]), RMM_GRANULE_REC_AUX);
		assert_int_equal(fake_state(f, gap[i]), RMM_GRANULE_UNDELEGATED);
		memset(pattern, 0xA0 + (int)i, sizeof(pattern));
		assert_true(fake_ns_read(f, gap[i], seen, sizeof(seen)));
		assert_memory_equal(seen, pattern, sizeof(seen));
	}
	/* The RD and the realm's RTT next to it are intact. */
	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_RD);
	assert_int_equal(fake_state(f, r.rtt[0]), RMM_GRANULE_RTT);
	assert_true(fake_invariants_hold(f));
	assert_int_equal(fake_rmi(f, RMI_REC_DESTROY_FID, rec, 0, 0, 0, 0, 0), OK);
	for (unsigned i = 0; i < 16U; i++) {
		assert_int_equal(fake_state(f, p.aux[i]), RMM_GRANULE_DELEGATED);
		assert_true(granule_is_zero(f, p.aux[i]));
	}
}

/* ----------------------------------------------------------- REALM_CREATE */

static void realm_create__second_realm_with_same_vmid_refused_while_first_lives(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm a = t_realm_new(f, 5);
	struct t_realm_params p;
	struct t_realm b;

	/* First realm NEW. */
	t_realm_params_default(&p, 5);
	assert_int_equal(t_realm_create(f, &p, &b), INPUT);
	assert_int_equal(fake_state(f, b.rd), RMM_GRANULE_DELEGATED);
	/* The same VMID written with bits above the 16-bit field. */
	t_realm_params_default(&p, 0x10005);
	assert_int_equal(t_realm_create(f, &p, &b), INPUT);
	/* First realm ACTIVE. */
	assert_int_equal(fake_rmi(f, RMI_REALM_ACTIVATE_FID, a.rd, 0, 0, 0, 0, 0), OK);
	t_realm_params_default(&p, 5);
	assert_int_equal(t_realm_create(f, &p, &b), INPUT);
	assert_int_equal(fake_state(f, b.rd), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_state(f, b.rtt[0]), RMM_GRANULE_DELEGATED);
	assert_true(fake_invariants_hold(f));
	/* Once the first realm is gone its VMID is free again. */
	assert_int_equal(fake_rmi(f, RMI_REALM_DESTROY_FID, a.rd, 0, 0, 0, 0, 0), OK);
	t_realm_params_default(&p, 5);
	assert_int_equal(t_realm_create(f, &p, &b), OK);
}

static void realm_create__s2sz_is_read_as_one_byte(void **state)
{
	struct fake_plat *f = *state;
	struct t_realm_params p;
	struct t_realm r;

	/* CHOICE(REALM_PARAMS_S2SZ_BYTE): 0x128 is s2sz 40 (TF-RMM reads 0x128). */
	t_realm_params_default(&p, 9);
	p.s2sz = 0x128;
	assert_int_equal(t_realm_create(f, &p, &r), OK);
	assert_int_equal(((const struct rd *)fake_mem(f, r.rd))->s2.ipa_bits, 40);
}

/* ------------------------------------------------------ undefined outputs */

static void rmi_unallocated_fid__returns_unknown_with_x1_to_x4_zero(void **state)
{
	struct fake_plat *f = *state;
	const uint64_t fids[] = { 0xC4000156ULL, 0xC4000160ULL, 0xC4000163ULL,
				  0xC400016AULL, 0xC400018FULL };

	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		struct smc_regs r = fake_smc(f, fids[i], 0x11, 0x22, 0x33, 0x44, 0x55, 0x66);

		assert_int_equal(r.x[0], (uint64_t)-1);
		/* Not the host's arguments echoed back. */
		assert_int_equal(r.x[1] | r.x[2] | r.x[3] | r.x[4], 0);
		/* X5.. hold no RMI result: preserved (SMCCC v1.1+). */
		assert_int_equal(r.x[5], 0x55);
		assert_int_equal(r.x[6], 0x66);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fake_setup, fake_teardown)
		T(rec_create__aux_list_failing_part_way_unlocks_every_granule_once),
		T(rec_create__non_contiguous_aux_keeps_rec_aux_in_given_granules_only),
		T(realm_create__second_realm_with_same_vmid_refused_while_first_lives),
		T(realm_create__s2sz_is_read_as_one_byte),
		T(rmi_unallocated_fid__returns_unknown_with_x1_to_x4_zero),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
