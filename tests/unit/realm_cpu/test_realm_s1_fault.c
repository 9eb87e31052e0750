/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-1 faults of the realm's own translation are taken by the realm at
 * VBAR_EL1 with the architectural ESR_EL1 / FAR_EL1 / ELR_EL1 / SPSR_EL1
 * (Arm ARM D17.2.40), not reported to the RMM: translation, access flag,
 * permission (store to read-only, fetch from PXN / EL0-writable), and
 * address size (output address beyond TCR_EL1.IPS). The vector of
 * realm_tests.bin puts ESR/ELR/FAR_EL1 and its offset in x0..x3 and
 * issues smc #RP_VEC_SMC_IMM.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "realm_cpu.h"
#include "realm_payloads.h"

#define DRAM_BASE 0x80000000ULL
#define DRAM_SIZE (16ULL << 20)
#define IPA_BITS 32
#define PAGE 4096ULL

#define CODE_IPA 0x10000ULL
#define CODE_PA (DRAM_BASE + 0x100000)
#define DATA_IPA 0x20000ULL
#define DATA_PA (DRAM_BASE + 0x200000)
#define TBL_IPA 0x60000ULL
#define TBL_PA (DRAM_BASE + 0x500000)

#define PSTATE_EL1H_MASKED 0x3C5ULL
#define BUDGET 100000

/* Stage-1 descriptor bits (Arm ARM D8.3). */
#define S1_AF (1ULL << 10)
#define S1_SH_INNER (3ULL << 8)
#define S1_AP_EL0 (1ULL << 6)
#define S1_AP_RO (1ULL << 7)
#define S1_PXN (1ULL << 53)
#define S1_PAGE_NO_AF(oa) ((oa) | 3 | S1_SH_INNER)
#define S1_PAGE(oa) (S1_PAGE_NO_AF(oa) | S1_AF)

/* VAs of the tables below. */
#define VA_DATA 0x30000ULL       /* -> DATA_IPA */
#define VA_CODE_PXN 0x11000ULL   /* -> CODE_IPA, privileged execute-never */
#define VA_CODE_EL0W 0x12000ULL  /* -> CODE_IPA, writable at EL0 (PXN implied) */
#define VA_BIG_OA 0x32000ULL     /* -> 4 GiB, beyond IPS = 32 bits */
#define VA_INVALID 0x33000ULL    /* invalid level-3 entry */
#define VA_NO_L2 0x400000ULL     /* invalid level-2 entry */

#define EC(esr) (((esr) >> 26) & 0x3F)
#define FSC(esr) ((esr) & 0x3F)
#define IL (1ULL << 25)
#define ISV (1ULL << 24)
#define WNR (1ULL << 6)

struct fixture {
	int memfd;
	uint8_t *dram;
	struct realm_cpu *rc;
	struct rmm_vcpu_regs regs;
	struct realm_exit exit;
	uint64_t *l3;
};

static const struct realm_cpu_bank bank = { .pa = DRAM_BASE, .size = DRAM_SIZE };

static uint8_t *pa_ptr(struct fixture *f, uint64_t pa)
{
	return f->dram + (pa - DRAM_BASE);
}

static uint64_t pa_read64(struct fixture *f, uint64_t pa)
{
	uint64_t v;

	memcpy(&v, pa_ptr(f, pa), sizeof(v));
	return v;
}

/*
 * 4 KiB granule, T0SZ 32 (start level 1), IPS 32 bits: L1 at TBL_IPA,
 * L2 at +4 KiB, L3 at +8 KiB covering VA [0, 2 MiB).
 */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[128];
	uint64_t *l1, *l2;

	if (!f)
		return -1;
	f->memfd = memfd_create("realm_s1_dram", MFD_CLOEXEC);
	if (f->memfd < 0 || ftruncate(f->memfd, (off_t)DRAM_SIZE) != 0)
		return -1;
	f->dram = mmap(NULL, DRAM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f->memfd, 0);
	if (f->dram == MAP_FAILED)
		return -1;
	f->rc = realm_cpu_create(f->memfd, &bank, 1, IPA_BITS, err, sizeof(err));
	if (!f->rc)
		return -1;
	memcpy(pa_ptr(f, CODE_PA), realm_tests_bin, realm_tests_bin_len);
	l1 = (uint64_t *)(void *)pa_ptr(f, TBL_PA);
	l2 = l1 + 512;
	f->l3 = l1 + 1024;
	l1[0] = (TBL_IPA + PAGE) | 3;
	l2[0] = (TBL_IPA + 2 * PAGE) | 3;
	f->l3[CODE_IPA >> 12] = S1_PAGE(CODE_IPA);
	f->l3[VA_DATA >> 12] = S1_PAGE(DATA_IPA);
	f->l3[VA_CODE_PXN >> 12] = S1_PAGE(CODE_IPA) | S1_PXN;
	f->l3[VA_CODE_EL0W >> 12] = S1_PAGE(CODE_IPA) | S1_AP_EL0;
	f->l3[VA_BIG_OA >> 12] = S1_PAGE(1ULL << 32);
	if (realm_cpu_map(f->rc, CODE_IPA, CODE_PA, PAGE, REALM_PROT_R | REALM_PROT_X) ||
	    realm_cpu_map(f->rc, DATA_IPA, DATA_PA, PAGE, REALM_PROT_R | REALM_PROT_W) ||
	    realm_cpu_map(f->rc, TBL_IPA, TBL_PA, 3 * PAGE, REALM_PROT_R))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	realm_cpu_destroy(f->rc);
	munmap(f->dram, DRAM_SIZE);
	close(f->memfd);
	free(f);
	return 0;
}

/* EL1h at @pc with the stage 1 above already on (VBAR_EL1 = the blob at CODE_IPA). */
static void regs_mmu_on(struct fixture *f, uint64_t pc)
{
	memset(&f->regs, 0, sizeof(f->regs));
	f->regs.pc = pc;
	f->regs.pstate = PSTATE_EL1H_MASKED;
	f->regs.vbar_el1 = CODE_IPA;
	f->regs.sp_el1 = DATA_IPA + PAGE;
	f->regs.mair_el1 = 0xFF;
	f->regs.tcr_el1 = 32 | (1 << 8) | (1 << 10) | (3 << 12) | (1ULL << 23); /* EPD1, IPS 0 */
	f->regs.ttbr0_el1 = TBL_IPA;
	f->regs.sctlr_el1 = 1; /* M */
}

/* Runs until the realm's own vector reports (smc #RP_VEC_SMC_IMM). */
static void run_to_vector(struct fixture *f, uint64_t vector)
{
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_SMC);
	assert_int_equal(f->exit.esr & 0xFFFF, RP_VEC_SMC_IMM);
	assert_int_equal(f->regs.x[3], vector);
}

/* The realm's handler saw ESR/ELR/FAR_EL1; the registers say the same. */
static void assert_fault(struct fixture *f, uint64_t ec, uint64_t fsc, uint64_t elr, uint64_t far)
{
	assert_int_equal(EC(f->regs.x[0]), ec);
	assert_int_equal(FSC(f->regs.x[0]), fsc);
	assert_true(f->regs.x[0] & IL);
	assert_false(f->regs.x[0] & ISV);
	assert_int_equal(f->regs.x[1], elr);
	assert_int_equal(f->regs.x[2], far);
	assert_int_equal(f->regs.esr_el1, f->regs.x[0]);
	assert_int_equal(f->regs.elr_el1, elr);
	assert_int_equal(f->regs.far_el1, far);
	/* SPSR_EL1: the EL1h state at the fault, D A I F masked. */
	assert_int_equal(f->regs.spsr_el1 & 0x3CF, PSTATE_EL1H_MASKED);
}

static void load_access_flag_0__realm_takes_access_flag_fault_level3(void **state)
{
	struct fixture *f = *state;

	f->l3[VA_DATA >> 12] = S1_PAGE_NO_AF(DATA_IPA);
	regs_mmu_on(f, CODE_IPA + RP_LDST);
	f->regs.x[1] = VA_DATA + 0x18;
	f->regs.x[2] = 0x77;
	run_to_vector(f, RP_VEC_CUR_SPX);
	assert_fault(f, 0x25, 0x0B, CODE_IPA + RP_LDST, VA_DATA + 0x18);
	assert_false(f->regs.x[0] & WNR);
}

static void store_to_read_only__realm_takes_permission_fault_memory_intact(void **state)
{
	struct fixture *f = *state;

	f->l3[VA_DATA >> 12] |= S1_AP_RO;
	memset(pa_ptr(f, DATA_PA), 0x5A, 16);
	regs_mmu_on(f, CODE_IPA + RP_LDST);
	f->regs.x[1] = VA_DATA;       /* the load is allowed */
	f->regs.x[3] = 0x1122334455667788ULL;
	f->regs.x[4] = VA_DATA + 8;   /* the store is not */
	run_to_vector(f, RP_VEC_CUR_SPX);
	assert_fault(f, 0x25, 0x0F, CODE_IPA + RP_LDST + 4, VA_DATA + 8);
	assert_true(f->regs.x[0] & WNR);
	assert_int_equal(pa_read64(f, DATA_PA + 8), 0x5A5A5A5A5A5A5A5AULL);
}

static void fetch_from_pxn__realm_takes_instruction_permission_fault(void **state)
{
	struct fixture *f = *state;

	regs_mmu_on(f, VA_CODE_PXN + RP_LDST);
	run_to_vector(f, RP_VEC_CUR_SPX);
	assert_fault(f, 0x21, 0x0F, VA_CODE_PXN + RP_LDST, VA_CODE_PXN + RP_LDST);
}

static void fetch_from_el0_writable__pxn_is_implied(void **state)
{
	struct fixture *f = *state;

	regs_mmu_on(f, VA_CODE_EL0W + RP_LDST);
	run_to_vector(f, RP_VEC_CUR_SPX);
	assert_fault(f, 0x21, 0x0F, VA_CODE_EL0W + RP_LDST, VA_CODE_EL0W + RP_LDST);
}

static void output_address_beyond_ips__realm_takes_address_size_fault(void **state)
{
	struct fixture *f = *state;

	regs_mmu_on(f, CODE_IPA + RP_LDST);
	f->regs.x[1] = VA_BIG_OA + 0x40;
	run_to_vector(f, RP_VEC_CUR_SPX);
	assert_fault(f, 0x25, 0x03, CODE_IPA + RP_LDST, VA_BIG_OA + 0x40);
}

static void invalid_entries__realm_takes_translation_fault_at_their_level(void **state)
{
	struct fixture *f = *state;

	regs_mmu_on(f, CODE_IPA + RP_LDST);
	f->regs.x[1] = VA_INVALID + 8;
	run_to_vector(f, RP_VEC_CUR_SPX);
	assert_fault(f, 0x25, 0x07, CODE_IPA + RP_LDST, VA_INVALID + 8);

	regs_mmu_on(f, CODE_IPA + RP_LDST);
	f->regs.x[1] = VA_NO_L2;
	run_to_vector(f, RP_VEC_CUR_SPX);
	assert_fault(f, 0x25, 0x06, CODE_IPA + RP_LDST, VA_NO_L2);
}

/*
 * EL0 loads from an EL1-only page: permission fault from the lower EL,
 * vector +0x400. (Also: entering EL0 with stage 1 on at a VA that is not
 * its IPA, which needs the engine's TLB flushed after the ERET trampoline.)
 */
static void el0_load_of_el1_page__lower_el_permission_fault(void **state)
{
	struct fixture *f = *state;

	regs_mmu_on(f, VA_CODE_EL0W + RP_LDST);
	f->regs.pstate = 0; /* EL0t */
	f->regs.x[1] = VA_DATA + 0x30;
	run_to_vector(f, RP_VEC_LOWER64);
	assert_int_equal(EC(f->regs.x[0]), 0x24);
	assert_int_equal(FSC(f->regs.x[0]), 0x0F);
	assert_int_equal(f->regs.x[1], VA_CODE_EL0W + RP_LDST);
	assert_int_equal(f->regs.x[2], VA_DATA + 0x30);
	assert_int_equal(f->regs.spsr_el1 & 0xF, 0); /* taken from EL0t */
}

/* With AF set again the same access goes through: the fault was the descriptor's. */
static void access_flag_set__same_access_completes(void **state)
{
	struct fixture *f = *state;

	memset(pa_ptr(f, DATA_PA + 0x18), 0x3C, 8);
	regs_mmu_on(f, CODE_IPA + RP_LDST);
	f->regs.x[1] = VA_DATA + 0x18;
	f->regs.x[4] = VA_DATA + 0x20;
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, BUDGET, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_SMC);
	assert_int_equal(f->exit.esr & 0xFFFF, RP_LDST_SMC_IMM);
	assert_int_equal(f->regs.x[2], 0x3C3C3C3C3C3C3C3CULL);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(load_access_flag_0__realm_takes_access_flag_fault_level3),
		T(store_to_read_only__realm_takes_permission_fault_memory_intact),
		T(fetch_from_pxn__realm_takes_instruction_permission_fault),
		T(fetch_from_el0_writable__pxn_is_implied),
		T(output_address_beyond_ips__realm_takes_address_size_fault),
		T(invalid_entries__realm_takes_translation_fault_at_their_level),
		T(access_flag_set__same_access_completes),
		T(el0_load_of_el1_page__lower_el_permission_fault),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
