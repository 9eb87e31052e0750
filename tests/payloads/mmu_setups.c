/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmu_setups: the four EL2 stage-1 set-ups of issue 11 in which a host
 * once reached a delegated granule with no Granule Protection Fault. Each
 * must now fault precisely at the host's vector:
 *  A. translation tables in NV flash: a store to a delegated granule ->
 *     GPF (0x28) and the granule still reads zero after UNDELEGATE;
 *  B. a 64 KiB granule with an alias VA: a load of realm data -> GPF
 *     with FAR = the alias VA;
 *  C. a non-identity 4 KiB page of a delegated code page: the fetch ->
 *     instruction abort GPF (EC 0x21, FSC 0x28), FAR = ELR = the VA;
 *  D. a level-2 table in a delegated granule: GPF on the walk at level 2
 *     (FSC 0x26).
 * Exit status = number of failed checks.
 */
#include "rmi.h"
#include "sdk.h"

#define NV_BASE 0x0C000000UL
#define DESC_TABLE 3UL
#define DESC_BLOCK ((1UL << 10) | (3UL << 8) | 1UL) /* AF, inner shareable, attr 0, block */
#define DESC_PAGE ((1UL << 10) | (3UL << 8) | 3UL)  /* AF, inner shareable, attr 0, page */
#define DESC_DEVBLOCK ((1UL << 10) | (1UL << 2) | 1UL)
/* TCR_EL2: RES1 31/23, PS 40 bits, SH/ORGN/IRGN, T0SZ 25 (39-bit VA); TG0 in [15:14]. */
#define TCR_BASE ((1UL << 31) | (1UL << 23) | (2UL << 16) | (3UL << 12) | (1UL << 10) | \
		  (1UL << 8) | 25UL)
#define TG0_64K (1UL << 14)

static uint64_t t64[8192] __attribute__((aligned(65536)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));
static volatile uint64_t esr_seen, far_seen, elr_seen;
static volatile unsigned faults;
static unsigned fails;

void sdk_sync_handler(struct sdk_frame *f, uint64_t esr, uint64_t far)
{
	faults++;
	esr_seen = esr;
	far_seen = far;
	elr_seen = f->elr;
	/* An instruction abort of a call: return to the caller; else skip the insn. */
	f->elr = (esr >> 26) == 0x21 ? f->x[30] : f->elr + 4;
}

static void check(int ok, const char *what)
{
	sdk_printf("  %-58s %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		fails++;
}

static void mmu(uint64_t tcr, uint64_t ttbr, int on)
{
	uint64_t sctlr;

	__asm__ volatile("mrs %0, sctlr_el2" : "=r"(sctlr));
	sctlr &= ~1UL;
	__asm__ volatile("msr sctlr_el2, %0; isb" ::"r"(sctlr));
	if (!on)
		return;
	__asm__ volatile("msr mair_el2, %0" ::"r"(0x00FFUL));
	__asm__ volatile("msr tcr_el2, %0" ::"r"(tcr));
	__asm__ volatile("msr ttbr0_el2, %0; tlbi alle2; dsb sy; isb" ::"r"(ttbr));
	__asm__ volatile("msr sctlr_el2, %0; isb" ::"r"(sctlr | 1UL));
}

/* Identity 1 GiB blocks: devices at 0, DRAM at 2-4 GiB. */
static void identity_l1(volatile uint64_t *t)
{
	for (unsigned i = 0; i < 512; i++)
		t[i] = 0;
	t[0] = 0x00000000UL | DESC_DEVBLOCK;
	t[2] = 0x80000000UL | DESC_BLOCK;
	t[3] = 0xC0000000UL | DESC_BLOCK;
}

static void setup_a_tables_in_flash(void)
{
	volatile uint64_t *nv = (volatile uint64_t *)NV_BASE;
	uint64_t g = sdk_alloc_granule();

	identity_l1(nv);
	rmi_granule_delegate(g, 0);
	mmu(TCR_BASE, NV_BASE, 1);
	faults = 0;
	*(volatile uint64_t *)(g + 8) = 0x5A5A5A5AUL;
	check(faults == 1 && (esr_seen & 0x3F) == 0x28 && far_seen == g + 8 &&
	      (esr_seen & (1UL << 6)), "A: tables in flash: store -> GPF (WnR)");
	mmu(0, 0, 0);
	rmi_granule_undelegate(g, 0);
	check(*(volatile uint64_t *)(g + 8) == 0, "A: the store never reached the granule");
}

static void setup_b_64k_alias(void)
{
	uint64_t g = sdk_alloc_granule(), alias;

	for (unsigned i = 0; i < 8192; i++)
		t64[i] = 0;
	/* Level 2 of a 64 KiB walk: 512 MiB blocks; DRAM 2-4 GiB identity, VA 1 GiB -> PA 2 GiB. */
	t64[0] = DESC_DEVBLOCK;
	for (unsigned i = 4; i < 8; i++)
		t64[i] = ((uint64_t)i << 29) | DESC_BLOCK;
	t64[2] = 0x80000000UL | DESC_BLOCK;
	alias = g - 0x80000000UL + 0x40000000UL;
	*(volatile uint64_t *)g = 0x1234;
	rmi_granule_delegate(g, 0);
	mmu(TCR_BASE | TG0_64K, (uint64_t)(uintptr_t)t64, 1);
	faults = 0;
	(void)*(volatile uint64_t *)(alias + 0x10);
	check(faults == 1 && (esr_seen & 0x3F) == 0x28 && far_seen == alias + 0x10 &&
	      (esr_seen >> 26) == 0x25, "B: 64 KiB granule alias: load -> GPF, FAR = alias VA");
	mmu(0, 0, 0);
	rmi_granule_undelegate(g, 0);
}

static void setup_c_fetch_alias(void)
{
	uint64_t g = sdk_alloc_granule();
	uint32_t *code = (uint32_t *)(uintptr_t)g;
	void (*fn)(void) = (void (*)(void))0x40000000UL;

	code[0] = 0xD65F03C0U; /* ret */
	identity_l1(l1);
	l1[1] = (uint64_t)(uintptr_t)l2 | DESC_TABLE;
	l2[0] = (uint64_t)(uintptr_t)l3 | DESC_TABLE;
	l3[0] = g | DESC_PAGE;
	rmi_granule_delegate(g, 0);
	mmu(TCR_BASE, (uint64_t)(uintptr_t)l1, 1);
	faults = 0;
	fn();
	check(faults == 1 && (esr_seen >> 26) == 0x21 && (esr_seen & 0x3F) == 0x28 &&
	      far_seen == 0x40000000UL && elr_seen == 0x40000000UL,
	      "C: 4 KiB alias of a delegated code page: fetch -> GPF");
	mmu(0, 0, 0);
	rmi_granule_undelegate(g, 0);
}

static void setup_d_table_in_realm(void)
{
	uint64_t t = sdk_alloc_granule();

	identity_l1(l1);
	l1[1] = t | DESC_TABLE;
	rmi_granule_delegate(t, 0);
	mmu(TCR_BASE, (uint64_t)(uintptr_t)l1, 1);
	faults = 0;
	(void)*(volatile uint64_t *)0x40000040UL;
	check(faults == 1 && (esr_seen >> 26) == 0x25 && (esr_seen & 0x3F) == 0x26 &&
	      far_seen == 0x40000040UL, "D: level-2 table in a delegated granule -> walk GPF 0x26");
	mmu(0, 0, 0);
	rmi_granule_undelegate(t, 0);
}

int main(void)
{
	setup_a_tables_in_flash();
	setup_b_64k_alias();
	setup_c_fetch_alias();
	setup_d_table_in_realm();
	sdk_printf("mmu_setups: %s\n", fails ? "FAIL" : "PASS");
	return (int)fails;
}
