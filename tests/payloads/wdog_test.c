/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * wdog_test: the FVP's two watchdogs at NS-EL2 (issue 12).
 * Default build: checks, exit status = number of failed checks:
 *  - SBSA generic watchdog (control 0x2A440000, refresh 0x2A450000): armed
 *    with WOR, its WS0 output is SPI 59 (INTID 91), taken from WFI; the
 *    handler refreshes it (WRR write) which clears WS0 and re-arms WCV;
 *  - SP805 (0x1C0F0000, WDOGCLK 32.768 kHz): its interrupt is SPI 0 (INTID
 *    32), cleared by WdogIntClr; WdogLock protects the registers.
 * WDOG_HANG (wdog_reset): a "hung" payload. Each boot increments a counter
 * kept in DRAM (not reloaded on reset); boot 1 delegates a granule, arms the
 * watchdog named by WDOG_SP805 (else the GWDT) and spins with IRQs masked
 * until it resets the platform; boot 2 checks the counter, that the
 * granule is NS again and that a fresh RMM delegates it, and exits 0.
 */
#include "rmi.h"
#include "sdk.h"
#include "sdk_gic.h"

#define GWDT_CTRL 0x2A440000UL
#define GWDT_REFRESH 0x2A450000UL
#define WCS 0x000
#define WOR 0x008
#define WCV_LO 0x010
#define WCV_HI 0x014
#define W_IIDR 0xFCC
#define GWDT_INTID (32U + 59U)

#define SP805 0x1C0F0000UL
#define WDOG_LOAD 0x000
#define WDOG_VALUE 0x004
#define WDOG_CONTROL 0x008
#define WDOG_INTCLR 0x00C
#define WDOG_RIS 0x010
#define WDOG_LOCK 0xC00
#define SP805_INTID 32U

/* Far above the image and its heap, in the first DRAM bank: survives a reset. */
#define BOOT_REC 0x90000000UL
#define BOOT_MAGIC 0x5744544553543031UL  /* "WDTEST01" */
#define GRANULE 0x90001000UL

static unsigned failures;
static volatile unsigned taken, last_id, refresh_in_handler;

static void check(int ok, const char *what)
{
	sdk_printf("  %-56s %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

void sdk_irq_handler(struct sdk_frame *f, int is_fiq)
{
	unsigned id = (unsigned)sdk_read_icc_iar1();

	(void)f;
	if (is_fiq || id == SDK_SPURIOUS)
		return;
	taken++;
	last_id = id;
	if (id == GWDT_INTID && refresh_in_handler)
		sdk_mmio_w32(GWDT_REFRESH, 1);           /* WRR: WS0 clears, the level drops */
	if (id == SP805_INTID)
		sdk_mmio_w32(SP805 + WDOG_INTCLR, 1);
	sdk_write_icc_eoir1(id);
}

#ifndef WDOG_HANG
static void wfi_until_taken(unsigned n)
{
	sdk_irq_enable();
	while (taken < n)
		__asm__ volatile("wfi");
	sdk_irq_disable();
}

static void gwdt_checks(void)
{
	uint64_t t0, t1, wcv;

	check(sdk_mmio_r32(GWDT_CTRL + W_IIDR) == sdk_mmio_r32(GWDT_REFRESH + W_IIDR) &&
		      (sdk_mmio_r32(GWDT_CTRL + W_IIDR) & 0xFFF) == 0x43B,
	      "GWDT W_IIDR: Arm, in both frames");
	check(sdk_mmio_r32(GWDT_CTRL + WCS) == 0, "GWDT disabled at reset (WCS = 0)");
	sdk_gic_enable_spi(GWDT_INTID, 0x80);
	sdk_mmio_w32(GWDT_CTRL + WOR, 100000);         /* 1 ms at 100 MHz */
	t0 = sdk_read_cntpct();
	sdk_mmio_w32(GWDT_CTRL + WCS, 1);              /* EN: explicit refresh, WCV = count + WOR */
	wcv = sdk_mmio_r32(GWDT_CTRL + WCV_LO) | ((uint64_t)sdk_mmio_r32(GWDT_CTRL + WCV_HI) << 32);
	check(wcv >= t0 + 100000 && wcv < t0 + 101000, "GWDT WCV = count + WOR when enabled");
	refresh_in_handler = 1;
	wfi_until_taken(1);
	t1 = sdk_read_cntpct();
	check(last_id == GWDT_INTID, "GWDT WS0 taken as SPI 59 (INTID 91)");
	check(t1 > wcv && t1 - wcv < 1000, "WS0 rose once the counter passed WCV");
	check(sdk_mmio_r32(GWDT_CTRL + WCS) == 1, "refresh cleared WS0 (WCS = EN)");
	wcv = sdk_mmio_r32(GWDT_CTRL + WCV_LO) | ((uint64_t)sdk_mmio_r32(GWDT_CTRL + WCV_HI) << 32);
	check(wcv > t1 && wcv <= t1 + 100000, "refresh re-armed WCV = count + WOR");

	/* Not refreshed: WS0 stays set, pending, after the first timeout. */
	refresh_in_handler = 0;
	sdk_gic_enable_spi(GWDT_INTID, 0x80);
	taken = 0;
	for (volatile int i = 0; i < 10; i++)
		;
	while (!(sdk_mmio_r32(GWDT_CTRL + WCS) & 2))
		;
	check(sdk_mmio_r32(GWDT_CTRL + WCS) == 3, "unrefreshed: WS0 set, WS1 not yet");
	check(sdk_read_icc_hppir1() == GWDT_INTID, "its SPI pending at the CPU interface");
	sdk_mmio_w32(GWDT_CTRL + WCS, 0);              /* disable: WS0 clears */
	check(sdk_mmio_r32(GWDT_CTRL + WCS) == 0, "disabling clears WS0/WS1");
	check(sdk_read_icc_hppir1() == SDK_SPURIOUS, "and the SPI is no longer pending");
}

/*
 * Whole frames as the device tree gives them (64 KiB each): past the
 * registers every offset is RAZ/WI, W_IIDR only at 0xFCC of its frame.
 */
static void frame_checks(void)
{
	uint32_t wor = sdk_mmio_r32(GWDT_CTRL + WOR);

	check(sdk_mmio_r32(GWDT_CTRL + 0x1000) == 0 &&
		      sdk_mmio_r32(GWDT_CTRL + 0x1000 + W_IIDR) == 0 &&
		      sdk_mmio_r32(GWDT_CTRL + 0xFFFC) == 0,
	      "GWDT control frame: 64 KiB, RAZ past the registers");
	sdk_mmio_w32(GWDT_CTRL + 0x1000 + WCS, 1);
	sdk_mmio_w32(GWDT_CTRL + 0xF008, 5);
	check(sdk_mmio_r32(GWDT_CTRL + WCS) == 0 && sdk_mmio_r32(GWDT_CTRL + WOR) == wor,
	      "GWDT control frame: writes past the registers ignored");
	check(sdk_mmio_r32(GWDT_REFRESH + 0x8000) == 0 &&
		      sdk_mmio_r32(GWDT_REFRESH + 0xFFFC) == 0 &&
		      (sdk_mmio_r32(GWDT_REFRESH + W_IIDR) & 0xFFF) == 0x43B,
	      "GWDT refresh frame: 64 KiB, W_IIDR at 0xFCC, RAZ elsewhere");
	check(sdk_mmio_r32(SP805 + 0x1000) == 0 && sdk_mmio_r32(SP805 + 0x1FE0) == 0 &&
		      sdk_mmio_r32(SP805 + 0xFFFC) == 0,
	      "SP805 frame: 64 KiB, RAZ past the first 4 KiB");
	sdk_mmio_w32(SP805 + 0x1000 + WDOG_CONTROL, 1);
	check(sdk_mmio_r32(SP805 + WDOG_CONTROL) == 0, "SP805 frame: writes past 4 KiB ignored");
}

static void sp805_checks(void)
{
	uint64_t t0, t1;

	check(sdk_mmio_r32(SP805 + WDOG_LOAD) == 0xFFFFFFFFU, "SP805 WdogLoad resets to 0xFFFFFFFF");
	check(sdk_mmio_r32(SP805 + 0xFE0) == 0x05 && sdk_mmio_r32(SP805 + 0xFF0) == 0x0D,
	      "SP805 PrimeCell IDs");
	sdk_gic_enable_spi(SP805_INTID, 0x80);
	sdk_mmio_w32(SP805 + WDOG_LOAD, 328);          /* ~10 ms of WDOGCLK */
	taken = 0;
	t0 = sdk_read_cntpct();
	sdk_mmio_w32(SP805 + WDOG_CONTROL, 1);         /* INTEN */
	check(sdk_mmio_r32(SP805 + WDOG_VALUE) <= 328, "WdogValue counts down from WdogLoad");
	wfi_until_taken(1);
	t1 = sdk_read_cntpct();
	check(last_id == SP805_INTID, "SP805 interrupt taken as SPI 0 (INTID 32)");
	/* 328 / 32768 Hz = 10.0098 ms = 1000977 ticks at 100 MHz */
	check(t1 - t0 >= 1000977 && t1 - t0 < 1002000, "after WdogLoad periods of WDOGCLK");
	check(sdk_mmio_r32(SP805 + WDOG_RIS) == 0, "WdogIntClr cleared the raw interrupt");
	sdk_mmio_w32(SP805 + WDOG_LOCK, 0);            /* lock */
	sdk_mmio_w32(SP805 + WDOG_CONTROL, 0);
	check(sdk_mmio_r32(SP805 + WDOG_CONTROL) == 1 && sdk_mmio_r32(SP805 + WDOG_LOCK) == 1,
	      "WdogLock: writes ignored while locked");
	sdk_mmio_w32(SP805 + WDOG_LOCK, 0x1ACCE551U);
	sdk_mmio_w32(SP805 + WDOG_CONTROL, 0);
	check(sdk_mmio_r32(SP805 + WDOG_CONTROL) == 0, "unlocked: the watchdog stops");
}

int main(void)
{
	sdk_printf("wdog_test\n");
	sdk_gic_init();
	gwdt_checks();
	sp805_checks();
	frame_checks();
	sdk_printf("wdog_test: %s (%u failures)\n", failures ? "FAIL" : "PASS", failures);
	return (int)failures;
}
#else
int main(void)
{
	volatile uint64_t *rec = (volatile uint64_t *)BOOT_REC;
	struct rmi_out o;
	uint64_t boot;

	if (rec[0] != BOOT_MAGIC) {
		rec[0] = BOOT_MAGIC;
		rec[1] = 0;
	}
	boot = ++rec[1];
	sdk_printf("wdog_reset: boot %lu\n", (unsigned long)boot);
	if (boot >= 2) {
		volatile uint64_t *g = (volatile uint64_t *)GRANULE;
		uint64_t r;

		/* A Realm PAS granule left over would fault here (GPF). */
		check(g[0] == 0, "the granule delegated before the reset reads as NS, zero");
		r = rmi_granule_delegate(GRANULE, &o);
		check(RMI_STATUS(r) == 0, "a fresh RMM delegates it again");
		rmi_granule_undelegate(GRANULE, &o);
		check(sdk_mmio_r32(GWDT_CTRL + WCS) == 0 && sdk_mmio_r32(SP805 + WDOG_CONTROL) == 0,
		      "the watchdogs are disabled after the reset");
		sdk_printf("wdog_reset: %s after %lu boots\n", failures ? "FAIL" : "PASS",
			   (unsigned long)boot);
		return (int)failures;
	}
	*(volatile uint64_t *)GRANULE = 0;
	if (RMI_STATUS(rmi_granule_delegate(GRANULE, &o)) != 0) {
		sdk_printf("wdog_reset: delegate failed\n");
		return 1;
	}
#ifdef WDOG_SP805
	sdk_mmio_w32(SP805 + WDOG_LOAD, 33);           /* ~1 ms */
	sdk_mmio_w32(SP805 + WDOG_CONTROL, 3);         /* INTEN | RESEN */
#else
	sdk_mmio_w32(GWDT_CTRL + WOR, 100000);         /* 1 ms: WS0, then WS1 1 ms later */
	sdk_mmio_w32(GWDT_CTRL + WCS, 1);
#endif
	sdk_printf("wdog_reset: hanging\n");
	for (;;)
		;
}
#endif
