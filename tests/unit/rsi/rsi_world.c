/* SPDX-License-Identifier: BSD-3-Clause */
/* The RSI tests' realm, built through RMI calls (see rsi_world.h). */
#include "rsi_world.h"

#include <stdlib.h>
#include <string.h>

int rw_setup(void **state)
{
	struct rw *w = calloc(1, sizeof(*w));
	struct tw *t;

	assert_non_null(w);
	t = tw_new(40, 0, 1);
	w->t = t;
	w->rmm = t->f->rmm;
	w->rec_pa[0] = t_rec_new(t->f, t->rd, 0);
	w->rec_pa[1] = t_rec_new(t->f, t->rd, 1);
	tw_rtt_path(t, 0);
	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, 0, RW_IPA_EMPTY, 0, 0));
	OK(tw_rmi(t, RMI_RTT_INIT_RIPAS_FID, t->rd, RW_IPA_L1_RAM, 2 * SZ_1G, 0, 0));
	for (unsigned i = 0; i < 2U; i++) {
		w->data[i] = tw_delegated(t);
		OK(tw_data_create(t, w->data[i], i * SZ_4K, tw_src_page(t, 0xAA),
				  RMI_NO_MEASURE_CONTENT));
	}
	tw_activate(t);
	w->rec = rw_rec(w, 0);
	*state = w;
	return 0;
}

int rw_teardown(void **state)
{
	struct rw *w = *state;

	fake_destroy(w->t->f);
	free(w);
	return 0;
}

struct rec *rw_rec(struct rw *w, unsigned i)
{
	return rec_map(w->rmm, granule_find(w->rmm, w->rec_pa[i]));
}

struct rsi_result rw_smc(struct rw *w, uint64_t fid, unsigned nargs, const uint64_t *args)
{
	struct rsi_result res;

	memset(w->rec->regs.x, 0, sizeof(w->rec->regs.x));
	w->rec->regs.x[0] = fid;
	for (unsigned i = 0; i < nargs; i++) {
		w->rec->regs.x[1U + i] = args[i];
	}
	/* Garbage in the result, so the handler must fill every field. */
	memset(&res, 0x5A, sizeof(res));
	rsi_handle_smc(w->rmm, w->rec, &res);
	return res;
}

uint8_t *rw_data_ptr(struct rw *w, ipa_t ipa)
{
	assert_true(ipa < 2 * SZ_4K);
	return fake_mem(w->t->f, w->data[ipa / SZ_4K]) + (ipa % SZ_4K);
}

void rw_assert_stage2_abort(const struct rsi_result *res, ipa_t ipa, int level)
{
	assert_int_equal(res->action, RSI_EXIT_TO_HOST);
	assert_false(res->advance_pc);
	assert_int_equal(res->exit.reason, RMI_EXIT_SYNC);
	assert_int_equal(res->exit.esr, (0x24ULL << 26) | (0x04ULL + (uint64_t)level));
	assert_int_equal(res->exit.far, 0);
	assert_int_equal(res->exit.hpfar, ipa >> 8);
	for (unsigned i = 0; i < REC_NUM_GPRS; i++) {
		assert_int_equal(res->exit.gprs[i], 0);
	}
}
