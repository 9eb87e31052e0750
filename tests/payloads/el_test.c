/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * el_test: host code below EL2 (issue 11, EL1&0 regime with stage 2 off).
 * From NS-EL2 the payload ERETs to EL1 with its own stage 1 and to EL0,
 * and checks where each exception arrives and with which syndrome:
 *  1. EL1, own tables: an alias load works; a translation fault, and a
 *     GPF with HCR_EL2.GPF = 0, arrive at VBAR_EL1 (ESR/FAR/ELR_EL1);
 *     with HCR_EL2.GPF = 1 the GPF arrives at EL2 (EC 0x24); with
 *     HCR_EL2.DC = 1 (stage 1 off) the GPF is still taken.
 *  2. EL0 with HCR_EL2.TGE = 1: a load works, a load of a delegated
 *     granule is a GPF at VBAR_EL2 + 0x400 (EC 0x24, FSC 0x28) and an SVC
 *     arrives there too (EC 0x15).
 *  3. EL0 with TGE = 0 under the EL1 tables: SVC and a permission fault
 *     arrive at VBAR_EL1 + 0x400.
 *  4. AT S1E1R/W, S1E0R, S1E2R: PAR_EL1 from the host's own tables
 *     (success format, translation/permission faults, a GPF on the walk
 *     as FST 0x26, a delegated output PA translated without a fault).
 * Exit status = number of failed checks. Built with -DEL_TEST_VM it
 * enters EL1 with HCR_EL2.VM = 1 instead: NS stage 2 is not modelled, so
 * the run must end there (exit 5, one line), never run EL1 unchecked.
 */
#include "rmi.h"
#include "sdk.h"

#define DRAM 0x80000000UL
#define ALIAS 0x40000000UL   /* EL1 VA of DRAM's first GiB through l1[1] */
#define BLK_AF (1UL << 10)
#define BLK_SH (3UL << 8)
#define BLK_AP01 (1UL << 6)
#define BLK_AP11 (3UL << 6)
#define BLK_NORMAL (BLK_AF | BLK_SH | 1UL)        /* AttrIndx 0, block */
#define BLK_DEVICE (BLK_AF | (1UL << 2) | 1UL)    /* AttrIndx 1 */
/* TCR_EL1: T0SZ = T1SZ = 25, WB, inner shareable, TG0 = TG1 = 4K, IPS 40 bits. */
#define TCR_EL1_VAL ((2UL << 32) | (2UL << 30) | (3UL << 28) | (1UL << 26) | (1UL << 24) | \
		     (25UL << 16) | (3UL << 12) | (1UL << 10) | (1UL << 8) | 25UL)
#define HIGH 0xFFFFFF8000000000UL /* EL1 VA of DRAM's first GiB through TTBR1 (l1hi[0]) */
#define SCTLR_EL1_VAL (0x30D00800UL | (1UL << 12) | (1UL << 2) | 1UL)
#define HCR_RW (1UL << 31)
#define HCR_TGE (1UL << 27)
#define HCR_DC (1UL << 12)
#define HCR_GPF (1UL << 50)
#define SPSR_EL1H 0x3C5UL
#define SPSR_EL0T 0x3C0UL

extern char sdk_vectors[], el2_vectors[], el1_vectors[], lower_load[], lower_svc[], lower_load_svc[],
	lower_msr_hcr[];
extern volatile uint64_t el2_seen[5], el1_seen[4];
uint64_t el_call(uint64_t entry, uint64_t spsr, uint64_t sp, uint64_t x0);

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l1hi[512] __attribute__((aligned(4096)));
static uint8_t stack[8192] __attribute__((aligned(16)));
static volatile uint64_t probe = 0x5EC0DE5EC0DEUL;
static unsigned fails;

static void check(int ok, const char *what, uint64_t got)
{
	sdk_printf("  %-58s %s (0x%lx)\n", what, ok ? "ok" : "FAIL", (unsigned long)got);
	if (!ok)
		fails++;
}

static void set_hcr(uint64_t v)
{
	__asm__ volatile("msr hcr_el2, %0; isb" ::"r"(v));
}

static uint64_t alias(const void *p)
{
	return (uint64_t)p - DRAM + ALIAS;
}

#define AT(op, va) ({ uint64_t par_; \
	__asm__ volatile("at " op ", %1; isb; mrs %0, par_el1" : "=r"(par_) : "r"(va) : "memory"); \
	par_; })
#define PAR_FAULT(fst) (1UL | ((uint64_t)(fst) << 1) | (1UL << 11))
#define PAR_OK(pa, sh, attr) (((pa) & 0x0000FFFFFFFFF000UL) | (1UL << 9) | ((uint64_t)(sh) << 7) | \
			      ((uint64_t)(attr) << 56))

static void at_checks(uint64_t g)
{
	uint64_t par, va = alias((const void *)&probe);

	sdk_printf("AT (HCR_EL2.TGE = 0):\n");
	par = AT("s1e1r", va);
	check(par == PAR_OK((uint64_t)&probe, 3, 0xFF), "AT S1E1R alias: PA, SH, ATTR", par);
	par = AT("s1e1r", 0x100000000UL);
	check(par == PAR_FAULT(0x05), "AT S1E1R unmapped: translation level 1", par);
	par = AT("s1e1w", va);
	check(par == PAR_FAULT(0x0D), "AT S1E1W read-only: permission level 1", par);
	par = AT("s1e0r", (uint64_t)&probe);
	check(par == PAR_FAULT(0x0D), "AT S1E0R EL1-only page: permission level 1", par);
	par = AT("s1e1r", g);
	check(par == PAR_OK(g, 3, 0xFF), "AT S1E1R delegated output: translated, no GPF", par);
	l1[4] = g | 3UL; /* a level-2 table in the delegated granule */
	__asm__ volatile("dsb sy; tlbi vmalle1; dsb sy; isb" ::: "memory");
	par = AT("s1e1r", 0x100000000UL);
	check(par == PAR_FAULT(0x26), "AT S1E1R table in a delegated granule: GPF walk L2", par);
	l1[4] = 0;
	__asm__ volatile("dsb sy; tlbi vmalle1; dsb sy; isb" ::: "memory");
	par = AT("s1e2r", (uint64_t)&probe);
	check(par == PAR_OK((uint64_t)&probe, 2, 0x00), "AT S1E2R, EL2 MMU off: flat, Device", par);
}

static uint64_t run(void *entry, uint64_t spsr, uint64_t x0)
{
	el1_seen[0] = el1_seen[1] = el1_seen[2] = 0;
	return el_call((uint64_t)entry, spsr, (uint64_t)(stack + sizeof(stack)), x0);
}

static void el1_tables(void)
{
	l1[0] = 0x00000000UL | BLK_DEVICE;
	l1[1] = DRAM | BLK_NORMAL | BLK_AP11;       /* EL1 and EL0 read-only, executable */
	l1[2] = DRAM | BLK_NORMAL;                  /* identity, EL1 only */
	l1[3] = (DRAM + 0x40000000UL) | BLK_NORMAL;
	l1hi[0] = DRAM | BLK_NORMAL;
	__asm__ volatile("dsb sy");
	__asm__ volatile("msr ttbr1_el1, %0" ::"r"((uint64_t)l1hi));
	__asm__ volatile("msr mair_el1, %0" ::"r"(0x00FFUL));
	__asm__ volatile("msr tcr_el1, %0" ::"r"(TCR_EL1_VAL));
	__asm__ volatile("msr ttbr0_el1, %0" ::"r"((uint64_t)l1));
	__asm__ volatile("msr sctlr_el1, %0" ::"r"(SCTLR_EL1_VAL));
	__asm__ volatile("msr vbar_el1, %0; isb" ::"r"((uint64_t)el1_vectors));
}

int main(void)
{
	uint64_t g = sdk_alloc_granule(), esr, hcr = 0, sctlr = 0;
	unsigned long r;

	sdk_printf("el_test: granule %lx\n", (unsigned long)g);
	r = rmi_granule_delegate(g, 0);
	check(r == RMI_SUCCESS, "delegate succeeds", r);
	__asm__ volatile("msr vbar_el2, %0; isb" ::"r"((uint64_t)el2_vectors));
	el1_tables();
#ifdef EL_TEST_VM
	set_hcr(HCR_RW | 1UL);
	esr = run(lower_load, SPSR_EL1H, g);
	sdk_printf("el_test_vm: EL1 ran with stage 2 on: FAIL (0x%lx)\n", (unsigned long)esr);
	return 1;
#endif
	set_hcr(HCR_RW | HCR_TGE);
	__asm__ volatile("mrs %0, hcr_el2; mrs %1, sctlr_el1" : "=r"(hcr), "=r"(sctlr));
	check(hcr == (HCR_RW | HCR_TGE) && sctlr == SCTLR_EL1_VAL, "HCR_EL2, SCTLR_EL1 read back",
	      hcr);
	set_hcr(HCR_RW);
	at_checks(g);

	sdk_printf("EL1, own stage 1 (HCR_EL2.TGE = 0):\n");
	set_hcr(HCR_RW);
	esr = run(lower_load, SPSR_EL1H, alias((const void *)&probe));
	check(esr == 0x5A000077UL, "alias load then HVC: EC 0x16 at EL2", esr);
	check(el2_seen[4] == probe, "the alias VA reads the data", el2_seen[4]);
	check(el2_seen[2] == (uint64_t)lower_load + 8, "ELR_EL2 = after the HVC", el2_seen[2]);
	check((el2_seen[3] & 0xF) == 0x5, "SPSR_EL2 = EL1h", el2_seen[3]);
	esr = run(lower_load, SPSR_EL1H, (uint64_t)&probe - DRAM + HIGH);
	check(esr == 0x5A000077UL && el2_seen[4] == probe, "TTBR1 high VA load reads the data",
	      el2_seen[4]);
	esr = run(lower_load, SPSR_EL1H, HIGH + 0x40000000UL);
	check(esr == 0x5A000011UL && el1_seen[0] == 0x96000005UL &&
	      el1_seen[1] == HIGH + 0x40000000UL, "TTBR1 unmapped: translation fault at EL1",
	      el1_seen[0]);
	esr = run(lower_load, SPSR_EL1H, 0x100000000UL);
	check(esr == 0x5A000011UL, "translation fault: EL1 vector then HVC", esr);
	check(el1_seen[0] == 0x96000005UL, "ESR_EL1 = EC 0x25, level 1 translation", el1_seen[0]);
	check(el1_seen[1] == 0x100000000UL, "FAR_EL1 = the VA", el1_seen[1]);
	check(el1_seen[2] == (uint64_t)lower_load, "ELR_EL1 = the load", el1_seen[2]);
	esr = run(lower_load, SPSR_EL1H, g);
	check(esr == 0x5A000011UL && el1_seen[0] == 0x96000028UL,
	      "GPF with HCR_EL2.GPF = 0: at VBAR_EL1, FSC 0x28", el1_seen[0]);
	check(el1_seen[1] == g, "FAR_EL1 = the granule", el1_seen[1]);
	set_hcr(HCR_RW | HCR_GPF);
	esr = run(lower_load, SPSR_EL1H, g);
	check(esr == 0x92000028UL, "GPF with HCR_EL2.GPF = 1: at EL2, EC 0x24", esr);
	check(el2_seen[1] == g && el2_seen[2] == (uint64_t)lower_load, "FAR_EL2, ELR_EL2",
	      el2_seen[1]);
	esr = run(lower_msr_hcr, SPSR_EL1H, HCR_RW | HCR_TGE);
	__asm__ volatile("mrs %0, hcr_el2" : "=r"(hcr));
	check(esr == 0x5A000011UL && el1_seen[0] == 0x02000000UL && hcr == (HCR_RW | HCR_GPF),
	      "MSR HCR_EL2 at EL1: UNDEFINED at EL1, HCR_EL2 unchanged", el1_seen[0]);
	set_hcr(HCR_RW | HCR_DC);
	esr = run(lower_load, SPSR_EL1H, g);
	check(esr == 0x5A000011UL && el1_seen[0] == 0x96000028UL,
	      "HCR_EL2.DC = 1 (stage 1 off): still a GPF", el1_seen[0]);

	sdk_printf("EL0 with HCR_EL2.TGE = 1:\n");
	set_hcr(HCR_RW | HCR_TGE);
	esr = run(lower_load_svc, SPSR_EL0T, (uint64_t)&probe);
	check(esr == 0x56000043UL, "load then SVC: EC 0x15 at VBAR_EL2 + 0x400", esr);
	check(el2_seen[4] == probe, "the load read the data", el2_seen[4]);
	check((el2_seen[3] & 0xF) == 0x0, "SPSR_EL2 = EL0t", el2_seen[3]);
	esr = run(lower_load_svc, SPSR_EL0T, g);
	check(esr == 0x92000028UL, "delegated granule: GPF at EL2, EC 0x24 FSC 0x28", esr);
	check(el2_seen[1] == g && el2_seen[2] == (uint64_t)lower_load_svc, "FAR_EL2, ELR_EL2",
	      el2_seen[1]);
	esr = run(lower_svc, SPSR_EL0T, 0);
	check(esr == 0x56000042UL && el2_seen[2] == (uint64_t)lower_svc + 4,
	      "SVC #0x42: ESR_EL2, ELR_EL2 = next", esr);

	sdk_printf("EL0 with HCR_EL2.TGE = 0 (EL1 tables):\n");
	set_hcr(HCR_RW);
	esr = run((void *)alias(lower_svc), SPSR_EL0T, 0);
	check(esr == 0x5A000012UL && el1_seen[0] == 0x56000042UL, "SVC: at VBAR_EL1 + 0x400",
	      el1_seen[0]);
	check(el1_seen[2] == alias(lower_svc) + 4, "ELR_EL1 = next", el1_seen[2]);
	esr = run((void *)alias(lower_load_svc), SPSR_EL0T, (uint64_t)&probe);
	check(esr == 0x5A000012UL && el1_seen[0] == 0x9200000DUL,
	      "EL0 load of an EL1-only page: permission fault at EL1", el1_seen[0]);
	check(el1_seen[1] == (uint64_t)&probe, "FAR_EL1 = the VA", el1_seen[1]);

	set_hcr(HCR_RW);
	__asm__ volatile("msr vbar_el2, %0; isb" ::"r"((uint64_t)sdk_vectors));
	r = rmi_granule_undelegate(g, 0);
	check(r == RMI_SUCCESS, "undelegate succeeds", r);
	sdk_printf("el_test: %s (%u failed)\n", fails ? "FAIL" : "PASS", fails);
	return (int)fails;
}
