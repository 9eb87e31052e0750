/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_s1fault: the realm turns its own stage 1 on (4 KiB granule, T0SZ
 * 32, IPS 32 bits, RAM identity-mapped by 2 MiB blocks) and takes its own
 * stage-1 faults at its VBAR_EL1, none of which the host sees:
 *  - a load through a page whose access flag is 0: access flag fault; the
 *    handler sets AF and returns to the load, which then completes;
 *  - a call into a privileged-execute-never alias of a code page:
 *    instruction permission fault at the target; the handler returns to
 *    the caller (ELR = x30);
 *  - a load through a page whose output address is beyond IPS: address
 *    size fault; the handler skips the load;
 *  - a load through an invalid level-3 entry: translation fault level 3.
 * Reports ESR/FAR of each (RH_KEY_S1FAULT) and exits 0 when each handler
 * saw what the architecture says (Arm ARM D17.2.40 ESR_EL1).
 */
#include "realm.h"

#define PAGE 4096ULL
#define BLOCK_2M (1ULL << 21)
#define D_VALID 1ULL
#define D_TABLE 3ULL
#define D_PAGE 3ULL
#define D_AF (1ULL << 10)
#define D_SH_INNER (3ULL << 8)
#define D_PXN (1ULL << 53)

/* Test VAs: level-2 entry 4, i.e. [8 MiB, 10 MiB), above the realm's RAM. */
#define VA_TEST 0x800000ULL
#define VA_AF (VA_TEST + 0 * PAGE)
#define VA_XN (VA_TEST + 1 * PAGE)
#define VA_BIG (VA_TEST + 2 * PAGE)
#define VA_NONE (VA_TEST + 3 * PAGE)
#define PROBE_VALUE 0xAF0AF0AF0AF0AF0ULL

static uint64_t l1[512] __attribute__((aligned(PAGE)));
static uint64_t l2[512] __attribute__((aligned(PAGE)));
static uint64_t l3[512] __attribute__((aligned(PAGE)));
static volatile uint64_t probe[PAGE / 8] __attribute__((aligned(PAGE)));

struct seen {
	uint64_t esr, far, elr;
};
static volatile struct seen seen[4];
static volatile unsigned num_seen;

/* The realm's own vectors: only the current-EL SPx synchronous entry is expected. */
__asm__(".text\n"
	".balign 2048\n"
	"s1_vectors:\n"
	".rept 4\n.balign 128\nb s1_unexpected\n.endr\n"
	".balign 128\nb s1_sync\n"
	".rept 11\n.balign 128\nb s1_unexpected\n.endr\n"
	"s1_sync:\n"
	"sub sp, sp, #256\n"
	"stp x0, x1, [sp, #0]\n stp x2, x3, [sp, #16]\n stp x4, x5, [sp, #32]\n"
	"stp x6, x7, [sp, #48]\n stp x8, x9, [sp, #64]\n stp x10, x11, [sp, #80]\n"
	"stp x12, x13, [sp, #96]\n stp x14, x15, [sp, #112]\n stp x16, x17, [sp, #128]\n"
	"stp x18, x30, [sp, #144]\n"
	"mov x0, sp\n"
	"bl s1_handler\n"
	"ldp x0, x1, [sp, #0]\n ldp x2, x3, [sp, #16]\n ldp x4, x5, [sp, #32]\n"
	"ldp x6, x7, [sp, #48]\n ldp x8, x9, [sp, #64]\n ldp x10, x11, [sp, #80]\n"
	"ldp x12, x13, [sp, #96]\n ldp x14, x15, [sp, #112]\n ldp x16, x17, [sp, #128]\n"
	"ldp x18, x30, [sp, #144]\n"
	"add sp, sp, #256\n"
	"eret\n"
	"s1_unexpected:\n"
	"mov x0, #0x999\n mrs x1, esr_el1\n mrs x2, far_el1\n mrs x3, elr_el1\n"
	"bl realm_unexpected\n"
	/* The execute-never target: any code page will do; this one is ours. */
	".balign 16\n"
	".globl s1_xn_target\n"
	"s1_xn_target:\n"
	"mov x0, #1\n ret\n");

extern char s1_vectors[];
extern uint64_t s1_xn_target(void);
void s1_handler(uint64_t *frame);

#define MRS(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define MSR(reg, v) __asm__ volatile("msr " #reg ", %0" ::"r"((uint64_t)(v)))

static void tlbi_va(uint64_t va)
{
	__asm__ volatile("dsb ishst\n tlbi vaae1is, %0\n dsb ish\n isb" ::"r"(va >> 12) : "memory");
}

void s1_handler(uint64_t *frame)
{
	uint64_t esr = MRS(esr_el1), far = MRS(far_el1), elr = MRS(elr_el1);
	unsigned n = num_seen;

	if (n < 4) {
		seen[n].esr = esr;
		seen[n].far = far;
		seen[n].elr = elr;
	}
	num_seen = n + 1;
	if ((far & ~(PAGE - 1)) == VA_AF) {
		/* Access flag fault: set AF and retry the access. */
		l3[0] |= D_AF;
		tlbi_va(VA_AF);
	} else if ((far & ~(PAGE - 1)) == VA_XN) {
		/* Fetch from execute-never: return to the caller instead. */
		MSR(elr_el1, frame[19]);
	} else {
		/* Address size, translation: skip the faulting load. */
		MSR(elr_el1, elr + 4);
	}
}

static uint64_t load(uint64_t va)
{
	uint64_t v;

	__asm__ volatile("mov %0, #0\n ldr %0, [%1]" : "=&r"(v) : "r"(va) : "memory");
	return v;
}

static void mmu_on(void)
{
	uint64_t tcr = 32 | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) | (1ULL << 23); /* EPD1, IPS 0 */
	uint64_t xn_page = (uint64_t)(uintptr_t)s1_xn_target & ~(PAGE - 1);

	l1[0] = (uint64_t)(uintptr_t)l2 | D_TABLE;
	for (uint64_t i = RH_LOAD_IPA / BLOCK_2M; i < (RH_LOAD_IPA + RH_RAM_SIZE) / BLOCK_2M; i++)
		l2[i] = (i * BLOCK_2M) | D_VALID | D_AF | D_SH_INNER;
	l2[VA_TEST / BLOCK_2M] = (uint64_t)(uintptr_t)l3 | D_TABLE;
	l3[0] = (uint64_t)(uintptr_t)probe | D_PAGE | D_SH_INNER;              /* AF = 0 */
	l3[1] = xn_page | D_PAGE | D_SH_INNER | D_AF | D_PXN;
	l3[2] = (1ULL << 32) | D_PAGE | D_SH_INNER | D_AF;                    /* OA > IPS */
	l3[3] = 0;                                                               /* invalid */
	__asm__ volatile("dsb ish" ::: "memory");
	MSR(vbar_el1, s1_vectors);
	MSR(mair_el1, 0xFF);
	MSR(tcr_el1, tcr);
	MSR(ttbr0_el1, l1);
	__asm__ volatile("isb");
	MSR(sctlr_el1, MRS(sctlr_el1) | 1);
	__asm__ volatile("isb");
}

static unsigned ec(uint64_t esr)
{
	return (unsigned)(esr >> 26) & 0x3F;
}

int main(void)
{
	uint64_t xn_va, got, vals[8];
	int bad = 0;

	probe[3] = PROBE_VALUE;
	mmu_on();
	realm_printf("realm_s1fault: stage 1 on\n");
	got = load(VA_AF + 24);
	xn_va = VA_XN + ((uint64_t)(uintptr_t)s1_xn_target & (PAGE - 1));
	(void)((uint64_t(*)(void))(uintptr_t)xn_va)();
	(void)load(VA_BIG + 8);
	(void)load(VA_NONE + 16);
	for (unsigned i = 0; i < 4 && i < num_seen; i++)
		realm_printf("realm_s1fault: fault %u ESR_EL1 0x%lx FAR_EL1 0x%lx ELR_EL1 0x%lx\n", i,
			     (unsigned long)seen[i].esr, (unsigned long)seen[i].far,
			     (unsigned long)seen[i].elr);
	bad |= num_seen != 4;
	/* AF: EC 0x25 (same EL), DFSC 0x0B; the retried load read the probe. */
	bad |= ec(seen[0].esr) != 0x25 || (seen[0].esr & 0x3F) != 0x0B || seen[0].far != VA_AF + 24;
	bad |= got != PROBE_VALUE;
	/* XN: EC 0x21, IFSC 0x0F (permission, level 3), FAR = ELR = the target. */
	bad |= ec(seen[1].esr) != 0x21 || (seen[1].esr & 0x3F) != 0x0F || seen[1].far != xn_va ||
	       seen[1].elr != xn_va;
	/* Address size (level 3) and translation (level 3). */
	bad |= ec(seen[2].esr) != 0x25 || (seen[2].esr & 0x3F) != 0x03 || seen[2].far != VA_BIG + 8;
	bad |= ec(seen[3].esr) != 0x25 || (seen[3].esr & 0x3F) != 0x07 || seen[3].far != VA_NONE + 16;
	vals[0] = seen[0].esr;
	vals[1] = seen[0].far;
	vals[2] = seen[1].esr;
	vals[3] = seen[1].far;
	vals[4] = seen[2].esr;
	vals[5] = seen[3].esr;
	vals[6] = got;
	vals[7] = num_seen;
	realm_report(RH_KEY_S1FAULT, vals, 8);
	realm_printf("realm_s1fault: %s\n", bad ? "WRONG" : "all four taken by the realm");
	return bad;
}
