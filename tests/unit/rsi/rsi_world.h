/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test world of the RSI tests: a realm (s2sz 40, sl 0) with two RECs
 * (mpidr 0 and 1) and this protected memory, then ACTIVE:
 *   [0x0000, 0x2000)  ASSIGNED, RIPAS RAM (DATA granules data[0], data[1])
 *   [0x2000, 0x3000)  UNASSIGNED, RIPAS RAM (level 3)
 *   [0x3000, 2 MiB)   UNASSIGNED, RIPAS EMPTY (level 3)
 *   [1 GiB, 2 GiB)    UNASSIGNED, RIPAS RAM (one level-1 entry)
 *   [2 GiB, ...)      UNASSIGNED, RIPAS EMPTY (level 1)
 */
#ifndef RSI_WORLD_H
#define RSI_WORLD_H

#include "rmm_test_util.h"
#undef ST
#include "rtt_world.h"
#include "rsi/rsi.h"

#define RW_IPA_DATA0 0x0ULL
#define RW_IPA_DATA1 0x1000ULL
#define RW_IPA_UNASSIGNED_RAM 0x2000ULL
#define RW_IPA_EMPTY 0x3000ULL
#define RW_IPA_L1_RAM SZ_1G

struct rw {
	struct tw *t;
	struct rmm *rmm;
	pa_t rec_pa[2];
	struct rec *rec;        /* REC 0, the caller of every RSI call */
	pa_t data[2];
};

int rw_setup(void **state);
int rw_teardown(void **state);
#define RW_TEST(fn) cmocka_unit_test_setup_teardown(fn, rw_setup, rw_teardown)

/* The realm's `smc`: X0 = fid, X1.. = args (others 0); returns the handler's result. */
struct rsi_result rw_smc(struct rw *w, uint64_t fid, unsigned nargs, const uint64_t *args);
#define RW_SMC(w, fid, ...)                                                                   \
	rw_smc((w), (fid), sizeof((uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t),            \
	       (uint64_t[]){ __VA_ARGS__ })
#define RW_SMC0(w, fid) rw_smc((w), (fid), 0, NULL)

/* Host pointer to the realm memory at protected @ipa inside data[]. */
uint8_t *rw_data_ptr(struct rw *w, ipa_t ipa);
struct rec *rw_rec(struct rw *w, unsigned i);

/* cmocka check that @res is an unchanged-PC stage-2 abort exit on @ipa at @level. */
void rw_assert_stage2_abort(const struct rsi_result *res, ipa_t ipa, int level);

int rsi_psci_attest_tests_run(void);

#endif /* RSI_WORLD_H */
