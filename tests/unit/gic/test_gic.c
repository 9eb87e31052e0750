/* SPDX-License-Identifier: BSD-3-Clause */
/* sim_gic: GICv3 distributor, redistributor and CPU interface behaviour. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gic.h"

#define ICC_PMR GIC_SYS_ENC(3, 0, 4, 6, 0)
#define ICC_IAR0 GIC_SYS_ENC(3, 0, 12, 8, 0)
#define ICC_EOIR0 GIC_SYS_ENC(3, 0, 12, 8, 1)
#define ICC_HPPIR0 GIC_SYS_ENC(3, 0, 12, 8, 2)
#define ICC_BPR0 GIC_SYS_ENC(3, 0, 12, 8, 3)
#define ICC_DIR GIC_SYS_ENC(3, 0, 12, 11, 1)
#define ICC_RPR GIC_SYS_ENC(3, 0, 12, 11, 3)
#define ICC_SGI1R GIC_SYS_ENC(3, 0, 12, 11, 5)
#define ICC_SGI0R GIC_SYS_ENC(3, 0, 12, 11, 7)
#define ICC_IAR1 GIC_SYS_ENC(3, 0, 12, 12, 0)
#define ICC_EOIR1 GIC_SYS_ENC(3, 0, 12, 12, 1)
#define ICC_HPPIR1 GIC_SYS_ENC(3, 0, 12, 12, 2)
#define ICC_CTLR GIC_SYS_ENC(3, 0, 12, 12, 4)
#define ICC_IGRPEN0 GIC_SYS_ENC(3, 0, 12, 12, 6)
#define ICC_IGRPEN1 GIC_SYS_ENC(3, 0, 12, 12, 7)

#define GICD_CTLR 0x0
#define GICD_ISENABLER 0x100
#define GICD_ISPENDR 0x200
#define GICD_ISACTIVER 0x300
#define GICD_IPRIORITYR 0x400
#define GICD_ICFGR 0xC00
#define GICD_IROUTER 0x6000
#define SGI_BASE 0x10000
#define GICR_ISENABLER0 (SGI_BASE + 0x100)
#define GICR_IPRIORITYR (SGI_BASE + 0x400)
#define GICR_IGROUPR0 (SGI_BASE + 0x80)

static struct gic g;

static uint64_t icc(unsigned pe, unsigned enc)
{
	uint64_t v = 0;

	assert_true(gic_icc_read(&g, pe, enc, &v));
	return v;
}

static void icc_w(unsigned pe, unsigned enc, uint64_t v)
{
	assert_true(gic_icc_write(&g, pe, enc, v));
}

/* The Non-secure host after TF-A: Group 1 enabled at the distributor and PE 0. */
static int setup_ns(void **state)
{
	gic_reset(&g, 2, false);
	gic_dist_write(&g, GICD_CTLR, 4, 0x2);
	icc_w(0, ICC_IGRPEN1, 1);
	icc_w(1, ICC_IGRPEN1, 1);
	return 0;
}

static void enable_spi(unsigned id, uint8_t prio)
{
	gic_dist_write(&g, GICD_ISENABLER + (id / 32) * 4, 4, 1U << (id % 32));
	gic_dist_write(&g, GICD_IPRIORITYR + id, 1, prio);
}

static void init__firmware_state_is_tf_a_ns_view(void **state)
{
	gic_reset(&g, 1, false);
	assert_int_equal(gic_dist_read(&g, GICD_CTLR, 4), 0x10); /* ARE_NS, groups off */
	assert_int_equal(gic_dist_read(&g, 0x80 + 4, 4), 0);    /* IGROUPR: RAZ to NS */
	assert_int_equal(gic_redist_read(&g, 0x14, 4), 0);       /* WAKER: awake */
	assert_int_equal(icc(0, ICC_PMR), 0xF8);                 /* 0xFF, 5 bits kept */
	assert_int_equal(gic_dist_read(&g, GICD_IPRIORITYR + 40, 1), 0x80);
	assert_int_equal(gic_signal(&g, 0), 0);
}

static void spi__pending_enabled_signals_irq_and_iar_acknowledges(void **state)
{
	enable_spi(40, 0x40);
	assert_int_equal(gic_signal(&g, 0), 0);
	gic_set_level(&g, 0, 40, true);
	assert_int_equal(gic_signal(&g, 0), GIC_SIG_IRQ);
	assert_int_equal(icc(0, ICC_HPPIR1), 40);
	assert_int_equal(icc(0, ICC_IAR1), 40);
	assert_int_equal(icc(0, ICC_RPR), 0x40);
	/* Active (and the level still high): not signalled again. */
	assert_int_equal(gic_signal(&g, 0), 0);
	assert_int_equal(icc(0, ICC_IAR1), 1023);
	gic_set_level(&g, 0, 40, false);
	icc_w(0, ICC_EOIR1, 40);
	assert_int_equal(icc(0, ICC_RPR), 0xFF);
	assert_int_equal(gic_dist_read(&g, GICD_ISACTIVER + 4, 4) & (1U << 8), 0);
	assert_int_equal(g.pe[0].stats.acked, 1);
	assert_int_equal(g.pe[0].stats.eoied, 1);
}

static void pmr__masks_equal_and_lower_priorities(void **state)
{
	enable_spi(33, 0x80);
	gic_dist_write(&g, GICD_ISPENDR + 4, 4, 1U << 1);
	icc_w(0, ICC_PMR, 0x80);
	assert_int_equal(gic_signal(&g, 0), 0);
	assert_int_equal(icc(0, ICC_IAR1), 1023);
	assert_int_equal(icc(0, ICC_HPPIR1), 33); /* HPPIR ignores the mask */
	icc_w(0, ICC_PMR, 0x88);
	assert_int_equal(gic_signal(&g, 0), GIC_SIG_IRQ);
}

static void preemption__needs_a_higher_group_priority_than_running(void **state)
{
	enable_spi(34, 0x80);
	enable_spi(35, 0x80);
	enable_spi(36, 0x40);
	gic_dist_write(&g, GICD_ISPENDR + 4, 4, (1U << 2) | (1U << 3));
	assert_int_equal(icc(0, ICC_IAR1), 34); /* tie: lowest INTID */
	assert_int_equal(gic_signal(&g, 0), 0);  /* 35 has the same priority */
	gic_dist_write(&g, GICD_ISPENDR + 4, 4, 1U << 4);
	assert_int_equal(gic_signal(&g, 0), GIC_SIG_IRQ);
	assert_int_equal(icc(0, ICC_IAR1), 36);
	assert_int_equal(icc(0, ICC_RPR), 0x40);
	icc_w(0, ICC_EOIR1, 36);
	assert_int_equal(icc(0, ICC_RPR), 0x80);
	icc_w(0, ICC_EOIR1, 34);
	assert_int_equal(icc(0, ICC_IAR1), 35);
}

static void eoimode1__eoi_drops_priority_dir_deactivates(void **state)
{
	enable_spi(37, 0x20);
	icc_w(0, ICC_CTLR, 2);
	gic_dist_write(&g, GICD_ISPENDR + 4, 4, 1U << 5);
	assert_int_equal(icc(0, ICC_IAR1), 37);
	icc_w(0, ICC_EOIR1, 37);
	assert_int_equal(icc(0, ICC_RPR), 0xFF);
	assert_true(gic_dist_read(&g, GICD_ISACTIVER + 4, 4) & (1U << 5));
	icc_w(0, ICC_DIR, 37);
	assert_false(gic_dist_read(&g, GICD_ISACTIVER + 4, 4) & (1U << 5));
}

static void edge_spi__one_pulse_one_interrupt(void **state)
{
	enable_spi(38, 0x40);
	gic_dist_write(&g, GICD_ICFGR + 8, 4, 2U << (2 * 6)); /* INTID 38 edge */
	assert_int_equal(gic_dist_read(&g, GICD_ICFGR + 8, 4), 2U << 12);
	gic_set_level(&g, 0, 38, true);
	gic_set_level(&g, 0, 38, false);
	assert_int_equal(icc(0, ICC_IAR1), 38);
	icc_w(0, ICC_EOIR1, 38);
	assert_int_equal(gic_signal(&g, 0), 0);
}

static void irouter__routes_an_spi_to_its_pe_only(void **state)
{
	enable_spi(39, 0x40);
	gic_dist_write(&g, GICD_IROUTER + 39 * 8, 8, 1);
	gic_set_level(&g, 0, 39, true);
	assert_int_equal(gic_signal(&g, 0), 0);
	assert_int_equal(gic_signal(&g, 1), GIC_SIG_IRQ);
	assert_int_equal(icc(1, ICC_IAR1), 39);
}

static void ppi__is_banked_per_redistributor(void **state)
{
	gic_redist_write(&g, GICR_ISENABLER0, 4, 1U << 26);
	gic_redist_write(&g, GICR_IPRIORITYR + 26, 1, 0x10);
	gic_set_level(&g, 1, 26, true);
	assert_int_equal(gic_signal(&g, 1), 0); /* PE 1's PPI 26 is not enabled */
	gic_set_level(&g, 0, 26, true);
	assert_int_equal(gic_signal(&g, 0), GIC_SIG_IRQ);
	assert_int_equal(icc(0, ICC_IAR1), 26);
	assert_int_equal(gic_redist_read(&g, GIC_FRAME_SIZE + GICR_ISENABLER0, 4), 0);
}

static void sgi1r__reaches_the_target_list_and_irm_others(void **state)
{
	gic_redist_write(&g, GIC_FRAME_SIZE + GICR_ISENABLER0, 4, 1U << 5);
	gic_redist_write(&g, GICR_ISENABLER0, 4, 1U << 5);
	icc_w(0, ICC_SGI1R, (5ULL << 24) | 2);        /* INTID 5 to PE 1 */
	assert_int_equal(gic_signal(&g, 0), 0);
	assert_int_equal(icc(1, ICC_IAR1), 5);
	icc_w(1, ICC_SGI1R, (5ULL << 24) | (1ULL << 40)); /* all but self */
	assert_int_equal(icc(0, ICC_IAR1), 5);
	assert_int_equal(icc(1, ICC_IAR1), 1023);
	assert_int_equal(g.pe[0].stats.sgis_sent, 1);
}

static void group0__unavailable_to_ns_when_ds_is_0(void **state)
{
	icc_w(0, ICC_IGRPEN0, 1);
	assert_int_equal(icc(0, ICC_IGRPEN0), 0);
	gic_redist_write(&g, GICR_IGROUPR0, 4, 0);
	assert_int_equal(gic_redist_read(&g, GICR_IGROUPR0, 4), 0); /* RAZ */
	assert_int_equal(g.pe[0].group, ~0U);                      /* WI */
}

static void group0__signals_fiq_with_ds_1(void **state)
{
	gic_reset(&g, 1, true);
	gic_dist_write(&g, GICD_CTLR, 4, 0x3);
	icc_w(0, ICC_IGRPEN0, 1);
	icc_w(0, ICC_IGRPEN1, 1);
	gic_redist_write(&g, GICR_IGROUPR0, 4, ~(1U << 7)); /* SGI 7 in Group 0 */
	gic_redist_write(&g, GICR_ISENABLER0, 4, (1U << 7) | (1U << 8));
	icc_w(0, ICC_SGI1R, (7ULL << 24) | 1); /* wrong group: no SGI */
	assert_int_equal(gic_signal(&g, 0), 0);
	icc_w(0, ICC_SGI0R, (7ULL << 24) | 1);
	assert_int_equal(gic_signal(&g, 0), GIC_SIG_FIQ);
	assert_int_equal(icc(0, ICC_HPPIR0), 7);
	assert_int_equal(icc(0, ICC_HPPIR1), 1023);
	assert_int_equal(icc(0, ICC_IAR1), 1023);
	assert_int_equal(icc(0, ICC_IAR0), 7);
	icc_w(0, ICC_EOIR0, 7);
	assert_int_equal(icc(0, ICC_RPR), 0xFF);
}

static void bpr0__coarser_binary_point_stops_preemption(void **state)
{
	gic_reset(&g, 1, true);
	gic_dist_write(&g, GICD_CTLR, 4, 0x3);
	icc_w(0, ICC_IGRPEN0, 1);
	gic_redist_write(&g, GICR_IGROUPR0, 4, 0);
	gic_redist_write(&g, GICR_ISENABLER0, 4, 3);
	gic_redist_write(&g, GICR_IPRIORITYR, 1, 0x48);
	gic_redist_write(&g, GICR_IPRIORITYR + 1, 1, 0x40);
	icc_w(0, ICC_BPR0, 5); /* group priority [7:6]: 0x48 and 0x40 both 0x40 */
	icc_w(0, ICC_SGI0R, (0ULL << 24) | 1);
	assert_int_equal(icc(0, ICC_IAR0), 0);
	icc_w(0, ICC_SGI0R, (1ULL << 24) | 1);
	assert_int_equal(gic_signal(&g, 0), 0);
	icc_w(0, ICC_BPR0, 2); /* [7:3]: 0x40 < 0x48 preempts */
	assert_int_equal(gic_signal(&g, 0), 0); /* running priority was set at acknowledge */
	icc_w(0, ICC_EOIR0, 0);
	assert_int_equal(icc(0, ICC_IAR0), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init__firmware_state_is_tf_a_ns_view),
		cmocka_unit_test_setup(spi__pending_enabled_signals_irq_and_iar_acknowledges, setup_ns),
		cmocka_unit_test_setup(pmr__masks_equal_and_lower_priorities, setup_ns),
		cmocka_unit_test_setup(preemption__needs_a_higher_group_priority_than_running, setup_ns),
		cmocka_unit_test_setup(eoimode1__eoi_drops_priority_dir_deactivates, setup_ns),
		cmocka_unit_test_setup(edge_spi__one_pulse_one_interrupt, setup_ns),
		cmocka_unit_test_setup(irouter__routes_an_spi_to_its_pe_only, setup_ns),
		cmocka_unit_test_setup(ppi__is_banked_per_redistributor, setup_ns),
		cmocka_unit_test_setup(sgi1r__reaches_the_target_list_and_irm_others, setup_ns),
		cmocka_unit_test_setup(group0__unavailable_to_ns_when_ds_is_0, setup_ns),
		cmocka_unit_test(group0__signals_fiq_with_ds_1),
		cmocka_unit_test(bpr0__coarser_binary_point_stops_preemption),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
