/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test world of the RTT / DATA / RIPAS unit tests: the fake platform, one
 * realm, and helpers issuing RMI calls, each followed by the invariant
 * checker (rmm_check_invariants).
 */
#ifndef RTT_WORLD_H
#define RTT_WORLD_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "fake_plat.h"
#include "../../../rmm/src/rec.h"
#include "../../../rmm/src/s2tt.h"

#define SZ_4K 0x1000ULL
#define SZ_2M 0x200000ULL
#define SZ_1G 0x40000000ULL
#define ST(x) ((x)&0xFFU)
#define IDX(x) (((x) >> 8) & 0xFFU)
#define OK(x) assert_int_equal((x), RMI_SUCCESS)
/* First unprotected IPA of the world's realm. */
#define UNPROT(t) (1ULL << ((t)->w - 1U))

/* A test world: the fake platform and one realm. */
struct tw {
	struct fake_plat *f;
	pa_t rd;
	pa_t rtt_base;
	unsigned w;
	int sl;
	uint64_t flags; /* RmiRealmParams.flags of the next realm */
	unsigned tlbi_calls;
	ipa_t tlbi_last;
};

/* A fresh platform with one realm (s2sz @w, starting level @sl, @n tables). */
struct tw *tw_new(unsigned w, int sl, unsigned n);
struct tw *tw_new_feat(uint64_t feat, uint64_t flags, unsigned w, int sl, unsigned n);
/* REALM_CREATE of another realm at @rd in the same world; returns X0. */
uint64_t tw_realm_create(struct tw *t, pa_t rd, unsigned w, int sl, unsigned n, unsigned vmid);

/* cmocka fixtures: the default realm is s2sz 40, sl 0, one starting table. */
int tw_setup_w40(void **state);
int tw_teardown(void **state);
int tw_setup_none(void **state);
int tw_teardown_maybe(void **state);
#define TW_TEST(fn) cmocka_unit_test_setup_teardown(fn, tw_setup_w40, tw_teardown)

/* RMI calls (then the invariant checker). */
struct smc_regs tw_call(struct tw *t, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			uint64_t a4, uint64_t a5);
uint64_t tw_rmi(struct tw *t, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		uint64_t a5);
struct smc_regs tw_read_entry(struct tw *t, ipa_t ipa, int level);
/* RTT_CREATE at @level for @ipa; returns the new RTT. */
pa_t tw_rtt_create(struct tw *t, ipa_t ipa, int level);
/* RTTs down to level 3 for @ipa (existing ones kept); returns the level-3 RTT. */
pa_t tw_rtt_path(struct tw *t, ipa_t ipa);
uint64_t tw_data_create(struct tw *t, pa_t data, ipa_t ipa, pa_t src, uint64_t flags);
void tw_activate(struct tw *t);

/* Granules and structures. */
pa_t tw_delegated(struct tw *t);
/* 512 DELEGATED granules at a 2 MiB aligned PA. */
pa_t tw_delegated_2m(struct tw *t);
/* An NS granule filled with @fill. */
pa_t tw_src_page(struct tw *t, uint8_t fill);
uint16_t tw_refcount(struct tw *t, pa_t pa);
struct rd *tw_rd(struct tw *t);

/* The INIT/SET_RIPAS and DATA_* group (test_rmm_rtt_ripas_data.c). */
int rtt_ripas_data_tests_run(void);
/* Outputs compared with the reference RMM (test_rmm_rtt_ref.c, issue 17). */
int rtt_ref_tests_run(void);
/* The tracked checker after changes in one of two realms (test_rmm_inv_realms.c). */
int inv_realms_tests_run(void);

#endif /* RTT_WORLD_H */
