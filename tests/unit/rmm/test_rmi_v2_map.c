/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 mapping: RTT_DATA_MAP_INIT, the range RTT_DATA_MAP / _UNMAP,
 * RTT_UNPROT_MAP / _UNMAP, RTT_INIT_RIPAS (2.0), and the whole newest-Linux
 * lifecycle on the fake platform (den0137-2.0 commands.md, sequences.md A).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "den0137_abi.h"
#include "realm.h"
#include "rmi_v2_util.h"
#include "s2tt.h"

#define REALM V2_ST(RMI2_ERROR_REALM, 0)
#define RTT(l) V2_ST(RMI2_ERROR_RTT, (l))
#define L2_SIZE (2ULL << 20)
#define UNPROT (1ULL << 39) /* s2sz 40: the unprotected half */

static int teardown(void **state)
{
	assert_true(fake_invariants_hold(*state));
	fake_destroy(*state);
	return 0;
}

static pa_t delegated(struct fake_plat *f)
{
	pa_t pa = fake_alloc(f);

	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, pa, pa + GRANULE_SIZE, 0, 0, 0, 0),
			 V2_OK);
	return pa;
}

/* Delegated, physically contiguous pages. */
static pa_t delegated_run(struct fake_plat *f, unsigned n)
{
	pa_t first = fake_alloc(f);

	for (unsigned i = 1; i < n; i++) {
		assert_int_equal(fake_alloc(f), first + i * GRANULE_SIZE);
	}
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, first, first + n * GRANULE_SIZE,
				  0, 0, 0, 0),
			 V2_OK);
	return first;
}

/* RTTs at levels 1..3 covering @ipa (start level 0). */
static void tables_for(struct fake_plat *f, pa_t rd, ipa_t ipa)
{
	for (int l = 1; l <= 3; l++) {
		uint64_t x = fake_rmi(f, RMI2_RTT_CREATE, rd, delegated(f),
				      ipa & ~(s2tt_entry_size(l - 1) - 1U), (uint64_t)l, 0, 0);

		assert_true(x == V2_OK || x == RTT(l - 1));
	}
}

static uint64_t desc(pa_t pa, unsigned cnt)
{
	return pa | ((uint64_t)cnt << 2);
}

static struct smc_regs read_entry(struct fake_plat *f, pa_t rd, ipa_t ipa)
{
	return fake_smc(f, RMI2_RTT_READ_ENTRY, rd, ipa, 3, 0, 0, 0);
}

/* ------------------------------------------------------------ DATA_MAP_INIT */

static void data_map_init__copies_measures_and_maps_ram(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t src = fake_alloc(f);
	pa_t data = delegated(f);
	uint8_t page[GRANULE_SIZE];
	uint8_t rim0[64], rim1[64];
	struct smc_regs e;

	memset(page, 0x5A, sizeof(page));
	assert_true(fake_ns_write(f, src, page, sizeof(page)));
	tables_for(f, r.rd, 0x1000);
	assert_true(rmm_realm_measurement(f->rmm, r.rd, 0, rim0));
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, data, 0x1000, src, 1, 0), V2_OK);
	assert_true(rmm_realm_measurement(f->rmm, r.rd, 0, rim1));
	assert_memory_not_equal(rim0, rim1, 64);
	assert_int_equal(fake_state(f, data), RMM_GRANULE_DATA);
	assert_memory_equal(fake_mem(f, data), page, sizeof(page));
	e = read_entry(f, r.rd, 0x1000);
	assert_int_equal(e.x[2], 1); /* ASSIGNED */
	assert_int_equal(e.x[4], RMI_RAM);
}

static void data_map_init__fails_in_the_two_zero_order(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t src = fake_alloc(f);
	pa_t data = delegated(f);
	struct v2_realm act = v2_realm_new(f);

	/* 1 flags */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, data, 0x1000, src, 2, 0), V2_INPUT);
	/* 2 data = rd */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, r.rd, 0x1000, src, 0, 0), V2_INPUT);
	/* 3 src not NS (before the RD check: a bad RD still gives INPUT) */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, data, 0x1000, data, 0, 0), V2_INPUT);
	/* 4 rd */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, src, data, 0x1000, src, 0, 0), V2_INPUT);
	/* 5 realm not NEW beats a bad IPA */
	assert_int_equal(fake_rmi(f, RMI2_REALM_ACTIVATE, act.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, act.rd, data, 0x1001, src, 0, 0), REALM);
	/* 6 ipa */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, data, 0x1001, src, 0, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, data, UNPROT, src, 0, 0), V2_INPUT);
	/* 8 walk: no level-1 table yet */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, data, 0x1000, src, 0, 0), RTT(0));
	/* 8 beats 12: an NS data granule still gets RTT */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, fake_alloc(f), 0x1000, src, 0, 0),
			 RTT(0));
	tables_for(f, r.rd, 0x1000);
	/* 12 data not DELEGATED */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, fake_alloc(f), 0x1000, src, 0, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, data, 0x1000, src, 0, 0), V2_OK);
	/* 9 RTTE not UNASSIGNED */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, delegated(f), 0x1000, src, 0, 0),
			 RTT(3));
}

/* ---------------------------------------------------------------- DATA_MAP */

static void data_map__maps_a_range_keeping_ripas_and_stops_at_the_rtt_end(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	ipa_t base = L2_SIZE - 2 * GRANULE_SIZE;
	pa_t run = delegated_run(f, 4);
	struct smc_regs x;

	tables_for(f, r.rd, base);
	tables_for(f, r.rd, L2_SIZE);
	x = fake_smc(f, RMI2_RTT_DATA_MAP, r.rd, base, base + 4 * GRANULE_SIZE, 1, desc(run, 4), 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], L2_SIZE); /* never crosses into the next RTT */
	assert_int_equal(fake_state(f, run), RMM_GRANULE_DATA);
	assert_int_equal(fake_state(f, run + 2 * GRANULE_SIZE), RMM_GRANULE_DELEGATED);
	assert_int_equal(read_entry(f, r.rd, base).x[4], RMI_EMPTY); /* RIPAS kept */
	/* Idempotent for the same PA; the rest continues from X1. */
	x = fake_smc(f, RMI2_RTT_DATA_MAP, r.rd, base, base + 2 * GRANULE_SIZE, 1, desc(run, 2), 0);
	assert_int_equal(x.x[0], V2_OK);
	x = fake_smc(f, RMI2_RTT_DATA_MAP, r.rd, L2_SIZE, L2_SIZE + 2 * GRANULE_SIZE, 1,
		     desc(run + 2 * GRANULE_SIZE, 2), 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], L2_SIZE + 2 * GRANULE_SIZE);
}

static void data_map__an_error_after_progress_is_success_then_met_first(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t run = fake_alloc(f);
	struct smc_regs x;

	assert_int_equal(fake_alloc(f), run + GRANULE_SIZE);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, run, run + GRANULE_SIZE, 0, 0, 0,
				  0),
			 V2_OK);
	tables_for(f, r.rd, 0);
	x = fake_smc(f, RMI2_RTT_DATA_MAP, r.rd, 0, 2 * GRANULE_SIZE, 1, desc(run, 2), 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], GRANULE_SIZE);
	x = fake_smc(f, RMI2_RTT_DATA_MAP, r.rd, GRANULE_SIZE, 2 * GRANULE_SIZE, 1,
		     desc(run + GRANULE_SIZE, 1), 0);
	assert_int_equal(x.x[0], V2_INPUT);
	/* A different PA on a mapped entry is RTT(3). */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 1,
				  desc(delegated(f), 1), 0),
			 RTT(3));
}

static void data_map__fails_for_bad_inputs_in_order(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t d = delegated(f);
	pa_t list = fake_alloc(f);
	uint64_t l[2] = { desc(d, 1), 0 };

	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, d, 0, GRANULE_SIZE, 1, desc(d, 1), 0), V2_INPUT);
	/* top <= base, NONE / type 3, bad descriptor, undelegated state, range */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, GRANULE_SIZE, GRANULE_SIZE, 1,
				  desc(d, 1), 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 0, desc(d, 1), 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 3, desc(d, 1), 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 1, d, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 1,
				  desc(d, 1) | (1ULL << 62), 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, UNPROT, UNPROT + GRANULE_SIZE, 1,
				  desc(d, 1), 0),
			 V2_INPUT);
	/* walk */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 1, desc(d, 1), 0),
			 RTT(0));
	/* LIST: misaligned, zero count; then a good list */
	tables_for(f, r.rd, 0);
	assert_true(fake_ns_write(f, list, l, sizeof(l)));
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 2 | (1U << 2),
				  list + 4, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 2, list, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 2 | (1U << 2), list,
				  0),
			 V2_OK);
	/* The RD itself as the target: INPUT (regression: this deadlocked on the RD lock). */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, GRANULE_SIZE, 2 * GRANULE_SIZE, 1,
				  desc(r.rd, 1), 0),
			 V2_INPUT);
	/* A ZOMBIE realm cannot map. */
	assert_int_equal(fake_rmi(f, RMI2_REALM_TERMINATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, GRANULE_SIZE, 2 * GRANULE_SIZE, 1,
				  desc(delegated(f), 1), 0),
			 REALM);
}

static void data_map__maps_and_unmaps_a_2mib_block_whole(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t blk = FAKE_BANK1_BASE + L2_SIZE;
	uint64_t d = blk | (1ULL << 2) | 1U; /* one L2 block */
	struct smc_regs x;

	/* Level-1 and level-2 tables only: the block sits in the level-2 RTT. */
	for (int l = 1; l <= 2; l++) {
		assert_int_equal(fake_rmi(f, RMI2_RTT_CREATE, r.rd, delegated(f), 0, (uint64_t)l, 0, 0),
				 V2_OK);
	}
	assert_int_equal(fake_smc(f, RMI2_GRANULE_RANGE_DELEGATE, blk, blk + L2_SIZE, 0, 0, 0, 0).x[1],
			 blk + L2_SIZE);
	/* One granule of the block not delegated: INPUT, nothing mapped. */
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_UNDELEGATE, blk + 0x5000, blk + 0x6000, 0, 0,
				  0, 0),
			 V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, L2_SIZE, 2 * L2_SIZE, 1, d, 0), V2_INPUT);
	assert_int_equal(fake_state(f, blk), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_DELEGATE, blk + 0x5000, blk + 0x6000, 0, 0, 0,
				  0),
			 V2_OK);
	/* Misaligned base, range shorter than the block. */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, L2_SIZE + GRANULE_SIZE, 2 * L2_SIZE, 1,
				  d, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, L2_SIZE, L2_SIZE + GRANULE_SIZE, 1, d,
				  0),
			 RTT(2));
	x = fake_smc(f, RMI2_RTT_DATA_MAP, r.rd, L2_SIZE, 2 * L2_SIZE, 1, d, 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], 2 * L2_SIZE);
	assert_int_equal(fake_state(f, blk + L2_SIZE - GRANULE_SIZE), RMM_GRANULE_DATA);
	assert_int_equal(fake_smc(f, RMI2_RTT_READ_ENTRY, r.rd, L2_SIZE, 2, 0, 0, 0).x[2], 1);
	/* A range that does not cover the block: RTT(2), the host splits it first. */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_UNMAP, r.rd, L2_SIZE, L2_SIZE + GRANULE_SIZE, 1,
				  0, 0),
			 RTT(2));
	assert_int_equal(fake_state(f, blk), RMM_GRANULE_DATA);
	x = fake_smc(f, RMI2_RTT_DATA_UNMAP, r.rd, L2_SIZE, 2 * L2_SIZE, 1, 0, 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], 2 * L2_SIZE);
	assert_int_equal(x.x[2], d);
	assert_int_equal(fake_state(f, blk), RMM_GRANULE_DELEGATED);
	assert_int_equal(fake_state(f, blk + L2_SIZE - GRANULE_SIZE), RMM_GRANULE_DELEGATED);
}

/* -------------------------------------------------------------- DATA_UNMAP */

static void data_unmap__returns_the_pages_as_one_descriptor_and_keeps_ripas(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t run = delegated_run(f, 3);
	struct smc_regs x;

	tables_for(f, r.rd, 0);
	assert_int_equal(fake_smc(f, RMI2_RTT_INIT_RIPAS, r.rd, 0, 4 * GRANULE_SIZE, 0, 0, 0).x[0],
			 V2_OK);
	assert_int_equal(fake_smc(f, RMI2_RTT_DATA_MAP, r.rd, 0, 3 * GRANULE_SIZE, 1, desc(run, 3),
				  0).x[0],
			 V2_OK);
	/* Bad inputs: SINGLE with an oaddr, LIST count 0, range outside the PAR */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_UNMAP, r.rd, 0, L2_SIZE, 1, 8, 0), V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_UNMAP, r.rd, 0, L2_SIZE, 2, fake_alloc(f), 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_UNMAP, r.rd, UNPROT, UNPROT + L2_SIZE, 1, 0, 0),
			 V2_INPUT);
	x = fake_smc(f, RMI2_RTT_DATA_UNMAP, r.rd, 0, L2_SIZE, 1, 0, 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], L2_SIZE); /* swept the whole RTT */
	assert_int_equal(x.x[2], desc(run, 3));
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(fake_state(f, run + i * GRANULE_SIZE), RMM_GRANULE_DELEGATED);
	}
	x = read_entry(f, r.rd, 0);
	assert_int_equal(x.x[2], 0); /* UNASSIGNED */
	assert_int_equal(x.x[4], RMI_RAM);
	/* Table entries: RTT(level) on the first entry. */
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_UNMAP, r.rd, 0, L2_SIZE, 0, 0, 0), V2_OK);
	x = fake_smc(f, RMI2_RTT_DATA_UNMAP, r.rd, 0, 1ULL << 30, 0, 0, 0);
	assert_int_equal(x.x[0], V2_OK); /* walks to L3: nothing mapped */
}

static void data_unmap__single_stops_where_pages_are_not_contiguous_list_takes_all(
	void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t a = delegated(f);
	pa_t b;
	pa_t list = fake_alloc(f);
	uint64_t out[2];
	struct smc_regs x;

	(void)fake_alloc(f); /* a hole */
	b = delegated(f);
	tables_for(f, r.rd, 0);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 1, desc(a, 1), 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, GRANULE_SIZE, 2 * GRANULE_SIZE, 1,
				  desc(b, 1), 0),
			 V2_OK);
	x = fake_smc(f, RMI2_RTT_DATA_UNMAP, r.rd, 0, 2 * GRANULE_SIZE, 1, 0, 0);
	assert_int_equal(x.x[1], GRANULE_SIZE);
	assert_int_equal(x.x[2], desc(a, 1));
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, 0, GRANULE_SIZE, 1, desc(a, 1), 0), V2_OK);
	x = fake_smc(f, RMI2_RTT_DATA_UNMAP, r.rd, 0, 2 * GRANULE_SIZE, 2 | (4U << 2), list, 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], 2 * GRANULE_SIZE);
	assert_int_equal(x.x[3], 2);
	assert_true(fake_ns_read(f, list, out, sizeof(out)));
	assert_int_equal(out[0], desc(a, 1));
	assert_int_equal(out[1], desc(b, 1));
}

/* --------------------------------------------------------- UNPROT map/unmap */

static void unprot_map__maps_ns_pages_with_attributes_then_unmaps(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t ns = fake_alloc(f);
	uint64_t flags = 1U | (6ULL << 16) /* normal WB */ | (3ULL << 19) /* RW */;
	struct smc_regs x;

	/* In the PAR, and a bad S2AP: INPUT */
	assert_int_equal(fake_rmi(f, RMI2_RTT_UNPROT_MAP, r.rd, 0, GRANULE_SIZE, flags, ns, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_UNPROT_MAP, r.rd, UNPROT, UNPROT + GRANULE_SIZE,
				  flags | (4ULL << 19), ns, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_UNPROT_MAP, r.rd, UNPROT, UNPROT + GRANULE_SIZE, flags,
				  desc(ns, 1), 0),
			 RTT(0));
	tables_for(f, r.rd, UNPROT);
	/* The state bits are ignored (bet3 UNDELEGATED = bit 62). */
	x = fake_smc(f, RMI2_RTT_UNPROT_MAP, r.rd, UNPROT, UNPROT + GRANULE_SIZE, flags,
		     desc(ns, 1) | (1ULL << 62), 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], UNPROT + GRANULE_SIZE);
	x = read_entry(f, r.rd, UNPROT);
	assert_int_equal(x.x[2], 1); /* RmiRttEntryState ASSIGNED */
	/* Same mapping again: done. A different PA: RTT(3). */
	assert_int_equal(fake_rmi(f, RMI2_RTT_UNPROT_MAP, r.rd, UNPROT, UNPROT + GRANULE_SIZE, flags,
				  desc(ns, 1), 0),
			 V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RTT_UNPROT_MAP, r.rd, UNPROT, UNPROT + GRANULE_SIZE, flags,
				  desc(fake_alloc(f), 1), 0),
			 RTT(3));
	x = fake_smc(f, RMI2_RTT_UNPROT_UNMAP, r.rd, UNPROT, UNPROT + L2_SIZE, 1, 0, 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[2], desc(ns, 1));
	assert_int_equal(read_entry(f, r.rd, UNPROT).x[2], 0); /* UNASSIGNED */
}

/* -------------------------------------------------------------- INIT_RIPAS */

static void init_ripas__ram_for_assigned_and_unassigned_without_rim_change(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t d = delegated(f);
	uint8_t rim0[64], rim1[64];
	struct smc_regs x;

	assert_int_equal(fake_rmi(f, RMI2_RTT_INIT_RIPAS, r.rd, GRANULE_SIZE, GRANULE_SIZE, 0, 0, 0),
			 V2_INPUT);
	assert_int_equal(fake_rmi(f, RMI2_RTT_INIT_RIPAS, r.rd, 0, UNPROT + GRANULE_SIZE, 0, 0, 0),
			 V2_INPUT);
	/* Far beyond the IPA space (regression: the walk ran first and asserted). */
	assert_int_equal(fake_rmi(f, RMI2_RTT_INIT_RIPAS, r.rd, 1ULL << 60, (1ULL << 60) + GRANULE_SIZE,
				  0, 0, 0),
			 V2_INPUT);
	tables_for(f, r.rd, 0);
	assert_int_equal(fake_rmi(f, RMI2_RTT_DATA_MAP, r.rd, GRANULE_SIZE, 2 * GRANULE_SIZE, 1,
				  desc(d, 1), 0),
			 V2_OK);
	assert_true(rmm_realm_measurement(f->rmm, r.rd, 0, rim0));
	x = fake_smc(f, RMI2_RTT_INIT_RIPAS, r.rd, 0, 4 * GRANULE_SIZE, 0, 0, 0);
	assert_int_equal(x.x[0], V2_OK);
	assert_int_equal(x.x[1], 4 * GRANULE_SIZE);
	assert_true(rmm_realm_measurement(f->rmm, r.rd, 0, rim1));
	assert_memory_equal(rim0, rim1, 64);
	assert_int_equal(read_entry(f, r.rd, 0).x[4], RMI_RAM);
	x = read_entry(f, r.rd, GRANULE_SIZE);
	assert_int_equal(x.x[2], 1);
	assert_int_equal(x.x[4], RMI_RAM);
	/* RAM entries are skipped: a second call still progresses. */
	assert_int_equal(fake_rmi(f, RMI2_RTT_INIT_RIPAS, r.rd, 0, 4 * GRANULE_SIZE, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REALM_ACTIVATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RTT_INIT_RIPAS, r.rd, 0, 4 * GRANULE_SIZE, 0, 0, 0), REALM);
}

/* ------------------------------------------------------ the Linux lifecycle */

/* sequences.md A, on the fake platform: every granule ends UNDELEGATED. */
static void lifecycle__linux_sequence_builds_runs_and_destroys_a_realm(void **state)
{
	struct fake_plat *f = *state;
	struct v2_realm r = v2_realm_new(f);
	pa_t src = fake_alloc(f);
	pa_t run = fake_alloc(f);
	pa_t data[4], rtts[3], rec, aux[16];
	pa_t params = v2_rec_params(f, 0, 1);
	unsigned nrec;
	struct smc_regs x;

	/* A3 populate: delegate, DATA_MAP_INIT, RTT_CREATE on RTT(level) */
	for (unsigned i = 0; i < 4; i++) {
		uint64_t st;

		data[i] = delegated(f);
		while ((st = fake_rmi(f, RMI2_RTT_DATA_MAP_INIT, r.rd, data[i], i * GRANULE_SIZE, src,
				      1, 0)) != V2_OK) {
			unsigned l = (unsigned)(st >> 8) + 1U;

			assert_int_equal(st & 0xFF, RMI2_ERROR_RTT);
			rtts[l - 1U] = delegated(f);
			assert_int_equal(fake_rmi(f, RMI2_RTT_CREATE, r.rd, rtts[l - 1U], 0, l, 0, 0),
					 V2_OK);
		}
	}
	/* A4 activate: REC through SRO, INIT_RIPAS, REALM_ACTIVATE */
	rec = delegated(f);
	assert_int_equal(v2_rec_create(f, r.rd, rec, params, aux), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_RTT_INIT_RIPAS, r.rd, 0, L2_SIZE, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REALM_ACTIVATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	/* A5 run */
	assert_int_equal(fake_rmi(f, RMI2_REC_ENTER, rec, run, 0, 0, 0, 0), V2_OK);
	/* A6/A7 unmap, destroy REC, terminate, RTT teardown, destroy */
	/* Linux: loop DATA_UNMAP(SINGLE) on X1, undelegating each returned range. */
	for (ipa_t ipa = 0; ipa < L2_SIZE; ipa = x.x[1]) {
		x = fake_smc(f, RMI2_RTT_DATA_UNMAP, r.rd, ipa, L2_SIZE, 1, 0, 0);
		assert_int_equal(x.x[0], V2_OK);
		assert_true(x.x[1] > ipa);
		if (x.x[2] != 0U) {
			pa_t b = x.x[2] & RDESC_ADDR_MASK;

			assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_UNDELEGATE, b,
						  b + ((x.x[2] >> 2) & 0x3FF) * GRANULE_SIZE, 0, 0,
						  0, 0),
					 V2_OK);
		}
	}
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(fake_state(f, data[i]), RMM_GRANULE_UNDELEGATED);
	}
	assert_int_equal(v2_rec_destroy(f, rec, &nrec), V2_OK);
	assert_int_equal(nrec, 16);
	assert_int_equal(fake_rmi(f, RMI2_REALM_TERMINATE, r.rd, 0, 0, 0, 0, 0), V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_REC_ENTER, rec, run, 0, 0, 0, 0), V2_INPUT);
	for (int l = 3; l >= 1; l--) {
		x = fake_smc(f, RMI2_RTT_DESTROY, r.rd, 0, (uint64_t)l, 0, 0, 0);
		assert_int_equal(x.x[0], V2_OK);
		assert_int_equal(x.x[1], rtts[l - 1]);
	}
	assert_int_equal(fake_rmi(f, RMI2_REALM_DESTROY, r.rd, 0, 0, 0, 0, 0), V2_OK);
	/* The host undelegates everything it delegated. */
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_UNDELEGATE, r.rd, r.rd + GRANULE_SIZE, 0, 0,
				  0, 0),
			 V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_UNDELEGATE, r.rtt, r.rtt + GRANULE_SIZE, 0,
				  0, 0, 0),
			 V2_OK);
	assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_UNDELEGATE, rec, rec + GRANULE_SIZE, 0, 0, 0,
				  0),
			 V2_OK);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_UNDELEGATE, aux[i],
					  aux[i] + GRANULE_SIZE, 0, 0, 0, 0),
				 V2_OK);
	}
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(fake_rmi(f, RMI2_GRANULE_RANGE_UNDELEGATE, rtts[i],
					  rtts[i] + GRANULE_SIZE, 0, 0, 0, 0),
				 V2_OK);
	}
	assert_int_equal(fake_state(f, r.rd), RMM_GRANULE_UNDELEGATED);
	assert_int_equal(fake_gpi(f, r.rd), GPT_GPI_NS);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, v2_setup_active, teardown)
	const struct CMUnitTest tests[] = {
		T(data_map_init__copies_measures_and_maps_ram),
		T(data_map_init__fails_in_the_two_zero_order),
		T(data_map__maps_a_range_keeping_ripas_and_stops_at_the_rtt_end),
		T(data_map__an_error_after_progress_is_success_then_met_first),
		T(data_map__fails_for_bad_inputs_in_order),
		T(data_map__maps_and_unmaps_a_2mib_block_whole),
		T(data_unmap__returns_the_pages_as_one_descriptor_and_keeps_ripas),
		T(data_unmap__single_stops_where_pages_are_not_contiguous_list_takes_all),
		T(unprot_map__maps_ns_pages_with_attributes_then_unmaps),
		T(init_ripas__ram_for_assigned_and_unassigned_without_rim_change),
		T(lifecycle__linux_sequence_builds_runs_and_destroys_a_realm),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
