/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gpt unit tests: descriptor encodings, configurations, the boot-time map,
 * GTSI transitions, block -> table splits and the Granule Protection Check
 * for every GPI x world x access combination.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gpt.h"

#define GIB (1ULL << 30)
#define DRAM_BASE 0x80000000ULL

static const unsigned all_pps[] = { 32, 36, 40, 42, 44, 48, 52 };
static const unsigned all_l0gptsz[] = { 30, 34, 36, 39 };
static const enum gpt_gpi valid_gpis[] = {
	GPT_GPI_NO_ACCESS, GPT_GPI_SECURE, GPT_GPI_NS,
	GPT_GPI_ROOT,      GPT_GPI_REALM,  GPT_GPI_ANY,
};
static const enum rmmsim_world all_worlds[] = { WORLD_SECURE, WORLD_NS, WORLD_ROOT,
						WORLD_REALM };
static const enum gpt_access all_access[] = { GPT_ACCESS_READ, GPT_ACCESS_WRITE,
					      GPT_ACCESS_FETCH };

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Fixture: PPS 40, L0GPTSZ 30 (1 GiB per L0 entry), everything NO_ACCESS. */
static int setup(void **state)
{
	struct gpt_config cfg = { .pps_bits = 40, .l0gptsz_bits = 30 };

	*state = gpt_create(&cfg);
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	gpt_destroy(*state);
	return 0;
}

/*
 * The access rule, written independently of gpt.h: the access's PAS must
 * equal the GPI or the GPI is Any; Root passes on every defined GPI but
 * no-access; reserved GPIs are invalid descriptors.
 */
static enum gpt_result expected_result(unsigned gpi, enum rmmsim_world world)
{
	bool valid = gpi == 0x0 || gpi == 0x8 || gpi == 0x9 || gpi == 0xA || gpi == 0xB ||
		     gpi == 0xF;
	unsigned pas;

	if (!valid)
		return GPT_FAULT_WALK;
	if (gpi == 0x0)
		return GPT_FAULT_GPF;
	if (world == WORLD_ROOT || gpi == 0xF)
		return GPT_PASS;
	pas = world == WORLD_SECURE ? 0x8 : world == WORLD_NS ? 0x9 : 0xB;
	return gpi == pas ? GPT_PASS : GPT_FAULT_GPF;
}

/* ---- descriptor encodings ---- */

static void l0_block__round_trips_every_gpi(void **state)
{
	unsigned gpi;

	(void)state;
	for (gpi = 0; gpi < 16; gpi++) {
		uint64_t d = gpt_l0_block_encode((enum gpt_gpi)gpi);

		assert_true(gpt_l0_is_block(d));
		assert_false(gpt_l0_is_table(d));
		assert_int_equal(d & 0xF, 0x1);
		assert_int_equal(d >> 8, 0); /* bits [63:8] RES0 */
		assert_int_equal(gpt_l0_block_gpi(d), gpi);
	}
	assert_int_equal(gpt_l0_block_encode(GPT_GPI_REALM), 0xB1);
}

static void l0_table__round_trips_address_bits_51_12(void **state)
{
	static const pa_t addrs[] = { 0x1000, 0x80000000, GPT_L1_PA_BASE,
				      0x000FFFFFFFFFF000ULL, 0x0000123456789000ULL };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(addrs); i++) {
		uint64_t d = gpt_l0_table_encode(addrs[i]);

		assert_true(gpt_l0_is_table(d));
		assert_false(gpt_l0_is_block(d));
		assert_int_equal(d & 0xF, 0x3);
		assert_int_equal(gpt_l0_table_addr(d), addrs[i]);
	}
	/* Bits outside [51:12] are not part of the address. */
	assert_int_equal(gpt_l0_table_addr(gpt_l0_table_encode(0xFFF0000000001FFFULL)),
			 0x0000000000001000ULL);
}

static void l1_set_get__round_trips_every_index_and_gpi(void **state)
{
	static const uint64_t bases[] = { 0, ~0ULL, 0x0123456789ABCDEFULL };
	size_t b;
	unsigned idx, gpi, other;

	(void)state;
	for (b = 0; b < ARRAY_LEN(bases); b++) {
		for (idx = 0; idx < 16; idx++) {
			for (gpi = 0; gpi < 16; gpi++) {
				uint64_t d = gpt_l1_set(bases[b], idx, (enum gpt_gpi)gpi);

				assert_int_equal(gpt_l1_get(d, idx), gpi);
				assert_int_equal((d >> (4 * idx)) & 0xF, gpi);
				for (other = 0; other < 16; other++) {
					if (other != idx)
						assert_int_equal(gpt_l1_get(d, other),
								 gpt_l1_get(bases[b], other));
				}
			}
		}
	}
}

static void l1_fill__replicates_gpi_in_all_sixteen_slots(void **state)
{
	unsigned gpi, idx;

	(void)state;
	for (gpi = 0; gpi < 16; gpi++) {
		uint64_t d = gpt_l1_fill((enum gpt_gpi)gpi);

		for (idx = 0; idx < 16; idx++)
			assert_int_equal(gpt_l1_get(d, idx), gpi);
	}
	assert_int_equal(gpt_l1_fill(GPT_GPI_NS), 0x9999999999999999ULL);
}

static void gpi_is_valid__only_the_six_defined_encodings(void **state)
{
	unsigned gpi, n = 0;

	(void)state;
	for (gpi = 0; gpi < 32; gpi++) {
		if (gpt_gpi_is_valid(gpi))
			n++;
		assert_int_equal(gpt_gpi_is_valid(gpi),
				 expected_result(gpi, WORLD_ROOT) != GPT_FAULT_WALK && gpi < 16);
	}
	assert_int_equal(n, 6);
}

static void names__cover_every_gpi_and_result(void **state)
{
	(void)state;
	assert_string_equal(gpt_gpi_name(GPT_GPI_NO_ACCESS), "NO_ACCESS");
	assert_string_equal(gpt_gpi_name(GPT_GPI_SECURE), "SECURE");
	assert_string_equal(gpt_gpi_name(GPT_GPI_NS), "NS");
	assert_string_equal(gpt_gpi_name(GPT_GPI_ROOT), "ROOT");
	assert_string_equal(gpt_gpi_name(GPT_GPI_REALM), "REALM");
	assert_string_equal(gpt_gpi_name(GPT_GPI_ANY), "ANY");
	assert_string_equal(gpt_gpi_name((enum gpt_gpi)0x3), "RESERVED");
	assert_string_equal(gpt_result_name(GPT_PASS), "PASS");
	assert_string_equal(gpt_result_name(GPT_FAULT_GPF), "GPF");
	assert_string_equal(gpt_result_name(GPT_FAULT_ADDR_SIZE), "ADDR_SIZE");
	assert_string_equal(gpt_result_name(GPT_FAULT_WALK), "WALK");
	assert_string_equal(gpt_result_name((enum gpt_result)9), "UNKNOWN");
}

/* ---- configurations ---- */

static void create__rejects_invalid_configs(void **state)
{
	static const struct gpt_config bad[] = {
		{ 0, 30 },  { 31, 30 }, { 33, 30 }, { 38, 30 }, { 50, 30 },
		{ 53, 30 }, { 64, 30 }, { 40, 0 },  { 40, 29 }, { 40, 31 },
		{ 40, 35 }, { 40, 40 }, { 40, 12 },
	};
	size_t i;

	(void)state;
	assert_null(gpt_create(NULL));
	for (i = 0; i < ARRAY_LEN(bad); i++)
		assert_null(gpt_create(&bad[i]));
}

static void create__accepts_every_architectural_config(void **state)
{
	size_t p, l;

	(void)state;
	for (p = 0; p < ARRAY_LEN(all_pps); p++) {
		for (l = 0; l < ARRAY_LEN(all_l0gptsz); l++) {
			struct gpt_config cfg = { all_pps[p], all_l0gptsz[l] };
			unsigned region = all_pps[p] < all_l0gptsz[l] ? all_pps[p]
								       : all_l0gptsz[l];
			pa_t top = (1ULL << all_pps[p]) - GRANULE_SIZE;
			struct gpt *g = gpt_create(&cfg);
			uint64_t gpccr;

			assert_non_null(g);
			assert_int_equal(gpt_l0_count(g), 1ULL << (all_pps[p] - region));
			assert_int_equal(gpt_l0_desc(g, 0),
					 gpt_l0_block_encode(GPT_GPI_NO_ACCESS));
			assert_int_equal(gpt_get_gpi(g, top), GPT_GPI_NO_ACCESS);
			/* The last granule of the PPS is mappable and transitionable. */
			assert_int_equal(gpt_set_range(g, top, GRANULE_SIZE, GPT_GPI_NS), 0);
			assert_int_equal(gpt_transition(g, top, GPT_GPI_NS, GPT_GPI_REALM), 0);
			assert_int_equal(gpt_check(g, WORLD_REALM, GPT_ACCESS_READ, top),
					 GPT_PASS);
			assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_READ, top),
					 GPT_FAULT_GPF);
			assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_READ,
						   top + GRANULE_SIZE),
					 GPT_FAULT_ADDR_SIZE);
			/* The synthetic L1 address is size-aligned and in [51:12]. */
			assert_true(gpt_l0_is_table(gpt_l0_desc(g, gpt_l0_count(g) - 1)));
			assert_int_equal(gpt_l0_table_addr(gpt_l0_desc(g, gpt_l0_count(g) - 1)),
					 gpt_l1_table_pa(g, gpt_l0_count(g) - 1));
			/* One L1 table is 2^(region - 16) descriptors of 8 bytes. */
			assert_int_equal(gpt_l1_table_pa(g, gpt_l0_count(g) - 1) %
						 (1ULL << (region - 13)),
					 0);
			assert_true(gpt_l1_table_pa(g, gpt_l0_count(g) - 1) +
					    (1ULL << (region - 13)) <=
				    (1ULL << 52));
			gpccr = gpt_gpccr_el3(g);
			assert_int_equal((gpccr >> 20) & 0xF, all_l0gptsz[l] == 30 ? 0
							  : all_l0gptsz[l] == 34 ? 4
							  : all_l0gptsz[l] == 36 ? 6
										 : 9);
			assert_int_equal(gpccr & 0x7, (uint64_t)p);
			assert_int_equal((gpccr >> 14) & 0x3, 0); /* PGS 4 KiB */
			assert_int_equal((gpccr >> 16) & 0x1, 1); /* GPC enabled */
			gpt_destroy(g);
		}
	}
}

static void config__pps_smaller_than_l0gptsz_uses_one_l0_entry(void **state)
{
	struct gpt_config cfg = { .pps_bits = 32, .l0gptsz_bits = 39 };
	struct gpt *g = gpt_create(&cfg);

	(void)state;
	assert_non_null(g);
	assert_int_equal(gpt_l0_count(g), 1);
	assert_int_equal(gpt_set_range(g, 0, 1ULL << 32, GPT_GPI_NS), 0);
	assert_true(gpt_l0_is_block(gpt_l0_desc(g, 0)));
	assert_int_equal(gpt_transition(g, 0xFFFFF000ULL, GPT_GPI_NS, GPT_GPI_REALM), 0);
	assert_int_equal(gpt_get_gpi(g, 0xFFFFF000ULL), GPT_GPI_REALM);
	assert_int_equal(gpt_get_gpi(g, 0xFFFFE000ULL), GPT_GPI_NS);
	assert_int_equal(gpt_get_gpi(g, 0), GPT_GPI_NS);
	gpt_destroy(g);
}

static void config__l0_index_follows_l0gptsz(void **state)
{
	struct gpt_config cfg = { .pps_bits = 48, .l0gptsz_bits = 36 };
	struct gpt *g = gpt_create(&cfg);
	size_t i;

	(void)state;
	assert_non_null(g);
	assert_int_equal(gpt_l0_count(g), 4096);
	/* Exactly L0 entry 3 covers [3 * 64 GiB, 4 * 64 GiB). */
	assert_int_equal(gpt_set_range(g, 3ULL << 36, 1ULL << 36, GPT_GPI_SECURE), 0);
	for (i = 0; i < 8; i++)
		assert_int_equal(gpt_l0_desc(g, i), gpt_l0_block_encode(
					    i == 3 ? GPT_GPI_SECURE : GPT_GPI_NO_ACCESS));
	assert_int_equal(gpt_get_gpi(g, (3ULL << 36) - 1), GPT_GPI_NO_ACCESS);
	assert_int_equal(gpt_get_gpi(g, 3ULL << 36), GPT_GPI_SECURE);
	assert_int_equal(gpt_get_gpi(g, (4ULL << 36) - 1), GPT_GPI_SECURE);
	assert_int_equal(gpt_get_gpi(g, 4ULL << 36), GPT_GPI_NO_ACCESS);
	gpt_destroy(g);
}

/* ---- boot-time map ---- */

static void set_range__whole_regions_become_block_descriptors(void **state)
{
	struct gpt *g = *state;

	assert_int_equal(gpt_set_range(g, 2 * GIB, 2 * GIB, GPT_GPI_NS), 0);
	assert_int_equal(gpt_l0_desc(g, 1), gpt_l0_block_encode(GPT_GPI_NO_ACCESS));
	assert_int_equal(gpt_l0_desc(g, 2), gpt_l0_block_encode(GPT_GPI_NS));
	assert_int_equal(gpt_l0_desc(g, 3), gpt_l0_block_encode(GPT_GPI_NS));
	assert_int_equal(gpt_l0_desc(g, 4), gpt_l0_block_encode(GPT_GPI_NO_ACCESS));
	assert_int_equal(gpt_get_gpi(g, 2 * GIB - GRANULE_SIZE), GPT_GPI_NO_ACCESS);
	assert_int_equal(gpt_get_gpi(g, 3 * GIB + 0x1234), GPT_GPI_NS);
}

/*
 * A new GPT writes nothing into its L0 table (zeroed storage is the
 * NO_ACCESS block, GPT_L0_STORE_KEY), yet every entry reads as the
 * architectural NO_ACCESS block descriptor, and a stored descriptor reads
 * back as itself.
 */
static void create__l0_storage_untouched_reads_no_access_blocks(void **state)
{
	struct gpt *g = *state;
	const uint64_t na = gpt_l0_block_encode(GPT_GPI_NO_ACCESS);

	for (size_t i = 0; i < g->l0_count; i++) {
		assert_int_equal(atomic_load(&g->l0[i]), 0);
		assert_int_equal(gpt_l0_desc(g, i), na);
	}
	assert_int_equal(gpt_get_gpi(g, 0x12345000ULL), GPT_GPI_NO_ACCESS);
	assert_int_equal(gpt_check(g, WORLD_ROOT, GPT_ACCESS_READ, 0x12345000ULL), GPT_FAULT_GPF);
	assert_int_equal(gpt_set_range(g, 3ULL << 30, 1ULL << 30, GPT_GPI_NS), 0);
	assert_int_equal(gpt_l0_desc(g, 3), gpt_l0_block_encode(GPT_GPI_NS));
	assert_int_equal(gpt_get_gpi(g, (3ULL << 30) + 0x1000), GPT_GPI_NS);
}

/*
 * gpt_destroy frees the L1 tables below l1_end only: every split must
 * raise it past its index (a lower one would leak the table, ASan preset),
 * whatever the order of the splits.
 */
static void split__raises_l1_end_past_every_table(void **state)
{
	struct gpt *g = *state;
	const pa_t high = 700ULL << 30, low = 5ULL << 30;

	assert_int_equal(g->l1_end, 0);
	assert_int_equal(gpt_set_range(g, high + 0x3000, GRANULE_SIZE, GPT_GPI_NS), 0);
	assert_int_equal(g->l1_end, 701);
	assert_int_equal(gpt_set_range(g, low, GRANULE_SIZE, GPT_GPI_NS), 0);
	assert_int_equal(g->l1_end, 701);
	assert_true(gpt_l0_is_table(gpt_l0_desc(g, 700)));
	assert_true(gpt_l0_is_table(gpt_l0_desc(g, 5)));
	assert_int_equal(gpt_get_gpi(g, high + 0x3000), GPT_GPI_NS);
}

static void set_range__partial_region_becomes_table(void **state)
{
	struct gpt *g = *state;
	pa_t base = DRAM_BASE + 0x5000; /* not 64 KiB aligned on purpose */
	uint64_t size = 0x23000;        /* spans several L1 descriptors */
	pa_t pa;

	assert_int_equal(gpt_set_range(g, base, size, GPT_GPI_SECURE), 0);
	assert_true(gpt_l0_is_table(gpt_l0_desc(g, 2)));
	assert_int_equal(gpt_l0_table_addr(gpt_l0_desc(g, 2)), gpt_l1_table_pa(g, 2));
	for (pa = DRAM_BASE; pa < base + size + 0x10000; pa += GRANULE_SIZE)
		assert_int_equal(gpt_get_gpi(g, pa), pa >= base && pa < base + size
							     ? GPT_GPI_SECURE
							     : GPT_GPI_NO_ACCESS);
	/* Untouched regions stay blocks. */
	assert_true(gpt_l0_is_block(gpt_l0_desc(g, 1)));
	assert_true(gpt_l0_is_block(gpt_l0_desc(g, 3)));
}

static void set_range__crossing_regions_mixes_block_and_table(void **state)
{
	struct gpt *g = *state;

	/* [1.5 GiB, 3.25 GiB): table, block, table. */
	assert_int_equal(gpt_set_range(g, GIB + GIB / 2, GIB + GIB / 2 + GIB / 4,
				       GPT_GPI_ANY),
			 0);
	assert_true(gpt_l0_is_table(gpt_l0_desc(g, 1)));
	assert_int_equal(gpt_l0_desc(g, 2), gpt_l0_block_encode(GPT_GPI_ANY));
	assert_true(gpt_l0_is_table(gpt_l0_desc(g, 3)));
	assert_int_equal(gpt_get_gpi(g, GIB + GIB / 2 - GRANULE_SIZE), GPT_GPI_NO_ACCESS);
	assert_int_equal(gpt_get_gpi(g, GIB + GIB / 2), GPT_GPI_ANY);
	assert_int_equal(gpt_get_gpi(g, 3 * GIB + GIB / 4 - GRANULE_SIZE), GPT_GPI_ANY);
	assert_int_equal(gpt_get_gpi(g, 3 * GIB + GIB / 4), GPT_GPI_NO_ACCESS);
}

static void set_range__whole_region_over_table_returns_to_block(void **state)
{
	struct gpt *g = *state;

	assert_int_equal(gpt_set_range(g, 2 * GIB, GRANULE_SIZE, GPT_GPI_ROOT), 0);
	assert_true(gpt_l0_is_table(gpt_l0_desc(g, 2)));
	assert_int_equal(gpt_set_range(g, 2 * GIB, GIB, GPT_GPI_NS), 0);
	assert_int_equal(gpt_l0_desc(g, 2), gpt_l0_block_encode(GPT_GPI_NS));
	assert_int_equal(gpt_get_gpi(g, 2 * GIB), GPT_GPI_NS);
	/* A later split reuses the retained table, refilled with the block GPI. */
	assert_int_equal(gpt_transition(g, 2 * GIB + GRANULE_SIZE, GPT_GPI_NS, GPT_GPI_REALM),
			 0);
	assert_int_equal(gpt_get_gpi(g, 2 * GIB), GPT_GPI_NS);
	assert_int_equal(gpt_get_gpi(g, 2 * GIB + GRANULE_SIZE), GPT_GPI_REALM);
}

static void set_range__rejects_bad_ranges_and_gpis(void **state)
{
	struct gpt *g = *state;

	assert_int_equal(gpt_set_range(g, DRAM_BASE + 1, GRANULE_SIZE, GPT_GPI_NS), -EINVAL);
	assert_int_equal(gpt_set_range(g, DRAM_BASE, GRANULE_SIZE + 8, GPT_GPI_NS), -EINVAL);
	assert_int_equal(gpt_set_range(g, DRAM_BASE, 0, GPT_GPI_NS), -EINVAL);
	assert_int_equal(gpt_set_range(g, 1ULL << 40, GRANULE_SIZE, GPT_GPI_NS), -EINVAL);
	assert_int_equal(gpt_set_range(g, (1ULL << 40) - GRANULE_SIZE, 2 * GRANULE_SIZE,
				       GPT_GPI_NS),
			 -EINVAL);
	assert_int_equal(gpt_set_range(g, GRANULE_SIZE, ~0ULL & ~GRANULE_MASK, GPT_GPI_NS),
			 -EINVAL);
	assert_int_equal(gpt_set_range(g, DRAM_BASE, GRANULE_SIZE, (enum gpt_gpi)0x3),
			 -EINVAL);
	assert_int_equal(gpt_set_range(g, DRAM_BASE, GRANULE_SIZE, (enum gpt_gpi)0x10),
			 -EINVAL);
	/* Nothing changed. */
	assert_int_equal(gpt_get_gpi(g, DRAM_BASE), GPT_GPI_NO_ACCESS);
	assert_int_equal(gpt_get_gpi(g, (1ULL << 40) - GRANULE_SIZE), GPT_GPI_NO_ACCESS);
	/* The whole PPS is a valid range. */
	assert_int_equal(gpt_set_range(g, 0, 1ULL << 40, GPT_GPI_NS), 0);
	assert_int_equal(gpt_get_gpi(g, (1ULL << 40) - GRANULE_SIZE), GPT_GPI_NS);
}

/* ---- GTSI transitions ---- */

static void transition__delegate_then_undelegate_round_trips(void **state)
{
	struct gpt *g = *state;
	pa_t pa = DRAM_BASE + 0x7000;

	assert_int_equal(gpt_set_range(g, DRAM_BASE, GIB, GPT_GPI_NS), 0);
	assert_int_equal(gpt_transition(g, pa, GPT_GPI_NS, GPT_GPI_REALM), 0);
	assert_int_equal(gpt_get_gpi(g, pa), GPT_GPI_REALM);
	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_WRITE, pa), GPT_FAULT_GPF);
	assert_int_equal(gpt_check(g, WORLD_REALM, GPT_ACCESS_WRITE, pa), GPT_PASS);
	assert_int_equal(gpt_transition(g, pa, GPT_GPI_REALM, GPT_GPI_NS), 0);
	assert_int_equal(gpt_get_gpi(g, pa), GPT_GPI_NS);
	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_WRITE, pa), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_REALM, GPT_ACCESS_WRITE, pa), GPT_FAULT_GPF);
}

static void transition__refuses_granules_that_are_not_ns(void **state)
{
	struct gpt *g = *state;
	static const enum gpt_gpi never[] = { GPT_GPI_SECURE, GPT_GPI_ROOT,
					      GPT_GPI_NO_ACCESS, GPT_GPI_ANY };
	size_t i;

	for (i = 0; i < ARRAY_LEN(never); i++) {
		pa_t pa = DRAM_BASE + i * GRANULE_SIZE;

		assert_int_equal(gpt_set_range(g, pa, GRANULE_SIZE, never[i]), 0);
		/* Delegate claims NS: mismatch. */
		assert_int_equal(gpt_transition(g, pa, GPT_GPI_NS, GPT_GPI_REALM), -EPERM);
		/* Even naming the true GPI as @from is not a GTSI transition. */
		assert_int_equal(gpt_transition(g, pa, never[i], GPT_GPI_REALM), -EPERM);
		assert_int_equal(gpt_transition(g, pa, never[i], GPT_GPI_NS), -EPERM);
		assert_int_equal(gpt_get_gpi(g, pa), never[i]);
	}
}

static void transition__refuses_already_realm_and_undelegate_of_ns(void **state)
{
	struct gpt *g = *state;
	pa_t pa = DRAM_BASE;

	assert_int_equal(gpt_set_range(g, DRAM_BASE, GIB, GPT_GPI_NS), 0);
	assert_int_equal(gpt_transition(g, pa, GPT_GPI_REALM, GPT_GPI_NS), -EPERM);
	assert_int_equal(gpt_transition(g, pa, GPT_GPI_NS, GPT_GPI_REALM), 0);
	assert_int_equal(gpt_transition(g, pa, GPT_GPI_NS, GPT_GPI_REALM), -EPERM);
	assert_int_equal(gpt_get_gpi(g, pa), GPT_GPI_REALM);
}

static void transition__refuses_non_gtsi_pairs(void **state)
{
	struct gpt *g = *state;
	size_t f, t;

	assert_int_equal(gpt_set_range(g, DRAM_BASE, GIB, GPT_GPI_NS), 0);
	assert_int_equal(gpt_transition(g, DRAM_BASE + GRANULE_SIZE, GPT_GPI_NS,
					GPT_GPI_REALM),
			 0);
	for (f = 0; f < ARRAY_LEN(valid_gpis); f++) {
		for (t = 0; t < ARRAY_LEN(valid_gpis); t++) {
			enum gpt_gpi from = valid_gpis[f], to = valid_gpis[t];
			bool gtsi = (from == GPT_GPI_NS && to == GPT_GPI_REALM) ||
				    (from == GPT_GPI_REALM && to == GPT_GPI_NS);

			if (gtsi)
				continue;
			assert_int_equal(gpt_transition(g, DRAM_BASE, from, to), -EPERM);
			assert_int_equal(gpt_transition(g, DRAM_BASE + GRANULE_SIZE, from, to),
					 -EPERM);
		}
	}
	assert_int_equal(gpt_get_gpi(g, DRAM_BASE), GPT_GPI_NS);
	assert_int_equal(gpt_get_gpi(g, DRAM_BASE + GRANULE_SIZE), GPT_GPI_REALM);
}

static void transition__refuses_unaligned_and_beyond_pps(void **state)
{
	struct gpt *g = *state;

	assert_int_equal(gpt_set_range(g, DRAM_BASE, GIB, GPT_GPI_NS), 0);
	assert_int_equal(gpt_transition(g, DRAM_BASE + 8, GPT_GPI_NS, GPT_GPI_REALM), -EINVAL);
	assert_int_equal(gpt_transition(g, DRAM_BASE + 0xFFF, GPT_GPI_NS, GPT_GPI_REALM),
			 -EINVAL);
	assert_int_equal(gpt_transition(g, 1ULL << 40, GPT_GPI_NS, GPT_GPI_REALM), -EINVAL);
	assert_int_equal(gpt_transition(g, ~0ULL & ~GRANULE_MASK, GPT_GPI_NS, GPT_GPI_REALM),
			 -EINVAL);
	assert_int_equal(gpt_get_gpi(g, DRAM_BASE), GPT_GPI_NS);
}

static void transition__splitting_a_block_keeps_neighbours(void **state)
{
	struct gpt *g = *state;
	pa_t target = 2 * GIB + 0x12345000ULL;
	pa_t pa;

	assert_int_equal(gpt_set_range(g, 2 * GIB, GIB, GPT_GPI_NS), 0);
	assert_true(gpt_l0_is_block(gpt_l0_desc(g, 2)));
	assert_int_equal(gpt_transition(g, target, GPT_GPI_NS, GPT_GPI_REALM), 0);
	assert_true(gpt_l0_is_table(gpt_l0_desc(g, 2)));
	assert_int_equal(gpt_l0_table_addr(gpt_l0_desc(g, 2)), gpt_l1_table_pa(g, 2));
	for (pa = 2 * GIB; pa < 3 * GIB; pa += GRANULE_SIZE)
		assert_int_equal(gpt_get_gpi(g, pa),
				 pa == target ? GPT_GPI_REALM : GPT_GPI_NS);
	/* Neighbouring L0 entries are untouched blocks. */
	assert_int_equal(gpt_l0_desc(g, 1), gpt_l0_block_encode(GPT_GPI_NO_ACCESS));
	assert_int_equal(gpt_l0_desc(g, 3), gpt_l0_block_encode(GPT_GPI_NO_ACCESS));
}

/* ---- the check ---- */

/* Check every world x access at @pa against the independent rule for @gpi. */
static void check_all_worlds(const struct gpt *g, pa_t pa, unsigned gpi)
{
	size_t w, a;

	for (w = 0; w < ARRAY_LEN(all_worlds); w++) {
		for (a = 0; a < ARRAY_LEN(all_access); a++) {
			enum gpt_result want = expected_result(gpi, all_worlds[w]);

			assert_int_equal(gpt_check(g, all_worlds[w], all_access[a], pa), want);
			assert_int_equal(gpt_check_inline(g, all_worlds[w], all_access[a],
							  pa + 0x7F8),
					 want);
		}
	}
}

static void check__every_gpi_world_access_in_block_and_table(void **state)
{
	struct gpt *g = *state;
	unsigned gpi;

	for (gpi = 0; gpi < 16; gpi++) {
		/* Block path: L0 entry 5 is a block of @gpi (reserved ones injected). */
		assert_int_equal(gpt_inject_l0_desc(g, 5, gpt_l0_block_encode(
								  (enum gpt_gpi)gpi)),
				 0);
		check_all_worlds(g, 5 * GIB + 0x3000, gpi);
		/* Table path: nibble 7 of an L1 descriptor of entry 2. */
		assert_int_equal(gpt_set_range(g, 2 * GIB, GRANULE_SIZE, GPT_GPI_NS), 0);
		assert_int_equal(gpt_inject_l1_desc(g, 2 * GIB + 0x40000,
						    gpt_l1_set(gpt_l1_fill(GPT_GPI_NS), 7,
							       (enum gpt_gpi)gpi)),
				 0);
		check_all_worlds(g, 2 * GIB + 0x47000, gpi);
		check_all_worlds(g, 2 * GIB + 0x46000, GPT_GPI_NS);
	}
}

static void check__spot_checks_of_the_access_rule(void **state)
{
	struct gpt *g = *state;
	pa_t ns = DRAM_BASE, realm = DRAM_BASE + 0x1000, sec = DRAM_BASE + 0x2000;
	pa_t root = DRAM_BASE + 0x3000, any = DRAM_BASE + 0x4000, none = DRAM_BASE + 0x5000;

	assert_int_equal(gpt_set_range(g, DRAM_BASE, 0x6000, GPT_GPI_NS), 0);
	assert_int_equal(gpt_transition(g, realm, GPT_GPI_NS, GPT_GPI_REALM), 0);
	assert_int_equal(gpt_set_range(g, sec, GRANULE_SIZE, GPT_GPI_SECURE), 0);
	assert_int_equal(gpt_set_range(g, root, GRANULE_SIZE, GPT_GPI_ROOT), 0);
	assert_int_equal(gpt_set_range(g, any, GRANULE_SIZE, GPT_GPI_ANY), 0);
	assert_int_equal(gpt_set_range(g, none, GRANULE_SIZE, GPT_GPI_NO_ACCESS), 0);

	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_READ, ns), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_READ, realm), GPT_FAULT_GPF);
	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_FETCH, sec), GPT_FAULT_GPF);
	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_WRITE, any), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_REALM, GPT_ACCESS_FETCH, realm), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_REALM, GPT_ACCESS_READ, ns), GPT_FAULT_GPF);
	assert_int_equal(gpt_check(g, WORLD_REALM, GPT_ACCESS_READ, root), GPT_FAULT_GPF);
	assert_int_equal(gpt_check(g, WORLD_SECURE, GPT_ACCESS_READ, sec), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_SECURE, GPT_ACCESS_READ, realm), GPT_FAULT_GPF);
	assert_int_equal(gpt_check(g, WORLD_ROOT, GPT_ACCESS_WRITE, realm), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_ROOT, GPT_ACCESS_WRITE, sec), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_ROOT, GPT_ACCESS_READ, root), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_ROOT, GPT_ACCESS_READ, none), GPT_FAULT_GPF);
	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_READ, none), GPT_FAULT_GPF);
	/* Not a world: nothing passes. */
	assert_int_equal(gpt_check(g, (enum rmmsim_world)7, GPT_ACCESS_READ, any),
			 GPT_FAULT_GPF);
}

static void check__beyond_pps_is_address_size_fault(void **state)
{
	struct gpt *g = *state;
	size_t w;

	assert_int_equal(gpt_set_range(g, 0, 1ULL << 40, GPT_GPI_ANY), 0);
	for (w = 0; w < ARRAY_LEN(all_worlds); w++) {
		assert_int_equal(gpt_check(g, all_worlds[w], GPT_ACCESS_READ, (1ULL << 40) - 1),
				 GPT_PASS);
		assert_int_equal(gpt_check(g, all_worlds[w], GPT_ACCESS_READ, 1ULL << 40),
				 GPT_FAULT_ADDR_SIZE);
		assert_int_equal(gpt_check(g, all_worlds[w], GPT_ACCESS_WRITE, ~0ULL),
				 GPT_FAULT_ADDR_SIZE);
	}
	assert_int_equal(gpt_get_gpi(g, 1ULL << 40), GPT_GPI_NO_ACCESS);
}

static void check__invalid_l0_descriptor_types_are_walk_faults(void **state)
{
	struct gpt *g = *state;
	static const uint64_t bad[] = { 0x0, 0x2, 0x5, 0x7, 0xF, 0x1234560 };
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		assert_int_equal(gpt_inject_l0_desc(g, 4, bad[i]), 0);
		assert_int_equal(gpt_check(g, WORLD_ROOT, GPT_ACCESS_READ, 4 * GIB),
				 GPT_FAULT_WALK);
		assert_int_equal(gpt_get_gpi(g, 4 * GIB), GPT_GPI_NO_ACCESS);
	}
	/* A split of an invalid entry starts from no-access. */
	assert_int_equal(gpt_set_range(g, 4 * GIB, GRANULE_SIZE, GPT_GPI_NS), 0);
	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_READ, 4 * GIB), GPT_PASS);
	assert_int_equal(gpt_check(g, WORLD_NS, GPT_ACCESS_READ, 4 * GIB + GRANULE_SIZE),
			 GPT_FAULT_GPF);
}

static void inject__refuses_table_descriptors_and_missing_tables(void **state)
{
	struct gpt *g = *state;

	assert_int_equal(gpt_inject_l0_desc(g, 0, gpt_l0_table_encode(0x1000)), -EINVAL);
	assert_int_equal(gpt_inject_l0_desc(g, gpt_l0_count(g), 0x1), -EINVAL);
	assert_int_equal(gpt_inject_l1_desc(g, DRAM_BASE, 0), -EINVAL);
	assert_int_equal(gpt_inject_l1_desc(g, 1ULL << 40, 0), -EINVAL);
	assert_int_equal(gpt_l0_desc(g, gpt_l0_count(g)), 0);
}

/* ---- concurrency ---- */

#define THREADS 4
#define PER_THREAD 512

struct worker {
	struct gpt *g;
	unsigned id;
	int failures;
};

static void *transition_worker(void *arg)
{
	struct worker *w = arg;
	unsigned round, i;

	for (round = 0; round < 4; round++) {
		for (i = 0; i < PER_THREAD; i++) {
			/* Interleaved granules: threads share L1 descriptors. */
			pa_t pa = DRAM_BASE + ((pa_t)i * THREADS + w->id) * GRANULE_SIZE;
			enum gpt_gpi from = round % 2 == 0 ? GPT_GPI_NS : GPT_GPI_REALM;
			enum gpt_gpi to = round % 2 == 0 ? GPT_GPI_REALM : GPT_GPI_NS;

			if (gpt_transition(w->g, pa, from, to) != 0)
				w->failures++;
		}
	}
	return NULL;
}

static void transition__concurrent_threads_lose_no_update(void **state)
{
	struct gpt *g = *state;
	struct worker w[THREADS];
	pthread_t t[THREADS];
	unsigned i;
	pa_t pa;

	assert_int_equal(gpt_set_range(g, DRAM_BASE, GIB, GPT_GPI_NS), 0);
	for (i = 0; i < THREADS; i++) {
		w[i] = (struct worker){ .g = g, .id = i };
		assert_int_equal(pthread_create(&t[i], NULL, transition_worker, &w[i]), 0);
	}
	/* A lock-free reader meanwhile only ever sees NS or REALM. */
	for (i = 0; i < 20000; i++) {
		enum gpt_gpi gpi = gpt_get_gpi(g, DRAM_BASE + (i % (THREADS * PER_THREAD)) *
								      GRANULE_SIZE);

		assert_true(gpi == GPT_GPI_NS || gpi == GPT_GPI_REALM);
	}
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(w[i].failures, 0);
	}
	/* Four rounds: back to NS everywhere, including the untouched tail. */
	for (pa = DRAM_BASE; pa < DRAM_BASE + 2 * THREADS * PER_THREAD * GRANULE_SIZE;
	     pa += GRANULE_SIZE)
		assert_int_equal(gpt_get_gpi(g, pa), GPT_GPI_NS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(l0_block__round_trips_every_gpi),
		cmocka_unit_test(l0_table__round_trips_address_bits_51_12),
		cmocka_unit_test(l1_set_get__round_trips_every_index_and_gpi),
		cmocka_unit_test(l1_fill__replicates_gpi_in_all_sixteen_slots),
		cmocka_unit_test(gpi_is_valid__only_the_six_defined_encodings),
		cmocka_unit_test(names__cover_every_gpi_and_result),
		cmocka_unit_test(create__rejects_invalid_configs),
		cmocka_unit_test(create__accepts_every_architectural_config),
		cmocka_unit_test(config__pps_smaller_than_l0gptsz_uses_one_l0_entry),
		cmocka_unit_test(config__l0_index_follows_l0gptsz),
		cmocka_unit_test_setup_teardown(set_range__whole_regions_become_block_descriptors,
						setup, teardown),
		cmocka_unit_test_setup_teardown(create__l0_storage_untouched_reads_no_access_blocks,
						setup, teardown),
		cmocka_unit_test_setup_teardown(split__raises_l1_end_past_every_table, setup,
						teardown),
		cmocka_unit_test_setup_teardown(set_range__partial_region_becomes_table, setup,
						teardown),
		cmocka_unit_test_setup_teardown(set_range__crossing_regions_mixes_block_and_table,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			set_range__whole_region_over_table_returns_to_block, setup, teardown),
		cmocka_unit_test_setup_teardown(set_range__rejects_bad_ranges_and_gpis, setup,
						teardown),
		cmocka_unit_test_setup_teardown(transition__delegate_then_undelegate_round_trips,
						setup, teardown),
		cmocka_unit_test_setup_teardown(transition__refuses_granules_that_are_not_ns,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			transition__refuses_already_realm_and_undelegate_of_ns, setup, teardown),
		cmocka_unit_test_setup_teardown(transition__refuses_non_gtsi_pairs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(transition__refuses_unaligned_and_beyond_pps,
						setup, teardown),
		cmocka_unit_test_setup_teardown(transition__splitting_a_block_keeps_neighbours,
						setup, teardown),
		cmocka_unit_test_setup_teardown(check__every_gpi_world_access_in_block_and_table,
						setup, teardown),
		cmocka_unit_test_setup_teardown(check__spot_checks_of_the_access_rule, setup,
						teardown),
		cmocka_unit_test_setup_teardown(check__beyond_pps_is_address_size_fault, setup,
						teardown),
		cmocka_unit_test_setup_teardown(check__invalid_l0_descriptor_types_are_walk_faults,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			inject__refuses_table_descriptors_and_missing_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(transition__concurrent_threads_lose_no_update,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
