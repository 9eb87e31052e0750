/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_cpu unit tests: a realm at R-EL1 runs the programs of
 * tests/realm_payloads behind a stage 2 made of memfd mappings; every exit
 * is checked against the ESR_EL2/FAR_EL2/HPFAR_EL2 hardware would report,
 * and refused accesses must leave registers and memory untouched.
 */
#define _GNU_SOURCE
#include <errno.h>
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

/* Realm layout: code page (R+X), data page (R+W); PAs in DRAM. */
#define CODE_IPA 0x10000ULL
#define DATA_IPA 0x20000ULL
#define CODE_PA (DRAM_BASE + 0x100000)
#define DATA_PA (DRAM_BASE + 0x200000)
#define OTHER_PA (DRAM_BASE + 0x300000) /* never mapped in the realm */
#define SPARE_PA (DRAM_BASE + 0x400000)
#define UNMAPPED_IPA 0x40000ULL

#define PSTATE_EL1H_MASKED 0x3C5ULL
#define PSTATE_EL1T_MASKED 0x3C4ULL
#define BUDGET 100000

#define ISS_SAS(esr) (((esr) >> REALM_ESR_SAS_SHIFT) & 3)
#define ISS_SRT(esr) (((esr) >> REALM_ESR_SRT_SHIFT) & 0x1F)
#define ISS_FSC(esr) ((esr) & REALM_ESR_FSC_MASK)

struct fixture {
	int memfd;
	uint8_t *dram; /* the simulator's own view of physical memory */
	struct realm_cpu *rc;
	struct rmm_vcpu_regs regs;
	struct realm_exit exit;
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

static void pa_write64(struct fixture *f, uint64_t pa, uint64_t v)
{
	memcpy(pa_ptr(f, pa), &v, sizeof(v));
}

static void load_blob(struct fixture *f, uint64_t pa)
{
	memcpy(pa_ptr(f, pa), realm_tests_bin, realm_tests_bin_len);
}

static void regs_at(struct fixture *f, uint64_t entry)
{
	memset(&f->regs, 0, sizeof(f->regs));
	f->regs.pc = CODE_IPA + entry;
	f->regs.pstate = PSTATE_EL1H_MASKED;
	f->regs.vbar_el1 = CODE_IPA;
	f->regs.sp_el1 = DATA_IPA + PAGE;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[128];

	if (!f)
		return -1;
	f->memfd = memfd_create("realm_test_dram", MFD_CLOEXEC);
	if (f->memfd < 0 || ftruncate(f->memfd, (off_t)DRAM_SIZE) != 0)
		return -1;
	f->dram = mmap(NULL, DRAM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f->memfd, 0);
	if (f->dram == MAP_FAILED)
		return -1;
	f->rc = realm_cpu_create(f->memfd, &bank, 1, IPA_BITS, err, sizeof(err));
	if (!f->rc)
		return -1;
	load_blob(f, CODE_PA);
	if (realm_cpu_map(f->rc, CODE_IPA, CODE_PA, PAGE, REALM_PROT_R | REALM_PROT_X) ||
	    realm_cpu_map(f->rc, DATA_IPA, DATA_PA, PAGE, REALM_PROT_R | REALM_PROT_W))
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

static int run(struct fixture *f, bool trap_wfi, bool trap_wfe)
{
	return realm_cpu_run(f->rc, &f->regs, BUDGET, trap_wfi, trap_wfe, &f->exit);
}

static void assert_smc(struct fixture *f, uint64_t imm)
{
	assert_int_equal(f->exit.kind, REALM_EXIT_SMC);
	assert_int_equal(realm_esr_ec(f->exit.esr), REALM_ESR_EC_SMC64);
	assert_int_equal(f->exit.esr & 0xFFFF, imm);
}

static void run__ldst_reaches_smc_with_registers_and_memory(void **state)
{
	struct fixture *f = *state;

	pa_write64(f, DATA_PA, 0x1234);
	regs_at(f, RP_LDST);
	f->regs.x[1] = DATA_IPA;
	f->regs.x[3] = 0xDEADBEEFCAFEULL;
	f->regs.x[4] = DATA_IPA + 8;
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, RP_LDST_SMC_IMM);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_LDST + 16); /* past the SMC */
	assert_int_equal(f->regs.x[2], 0x1234);
	assert_int_equal(f->regs.x[5], 0x1235);
	assert_int_equal(pa_read64(f, DATA_PA + 8), 0xDEADBEEFCAFEULL);
	assert_int_equal(f->exit.insns, 4);
	assert_int_equal(realm_cpu_total_insns(f->rc), 4);
}

static void run__load_from_unmapped_ipa_is_stage2_abort_with_isv(void **state)
{
	struct fixture *f = *state;
	uint64_t esr;

	regs_at(f, RP_LDST);
	f->regs.x[1] = UNMAPPED_IPA + 0x10;
	f->regs.x[2] = 0x5555;
	f->regs.x[5] = 0x6666;
	assert_int_equal(run(f, false, false), 0);
	esr = f->exit.esr;
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_int_equal(realm_esr_ec(esr), REALM_ESR_EC_DABT_LOW);
	assert_true(esr & REALM_ESR_IL);
	assert_true(esr & REALM_ESR_ISV);
	assert_int_equal(ISS_SAS(esr), 3);
	assert_false(esr & REALM_ESR_SSE);
	assert_int_equal(ISS_SRT(esr), 2);
	assert_true(esr & REALM_ESR_SF);
	assert_false(esr & REALM_ESR_WNR);
	assert_int_equal(ISS_FSC(esr), REALM_FSC_TRANSLATION(3));
	assert_int_equal(f->exit.far, UNMAPPED_IPA + 0x10);
	assert_int_equal(f->exit.ipa, UNMAPPED_IPA + 0x10);
	assert_int_equal(f->exit.hpfar, (UNMAPPED_IPA >> 12) << 4);
	/* The load did not take effect and nothing after it ran. */
	assert_int_equal(f->regs.pc, CODE_IPA + RP_LDST);
	assert_int_equal(f->regs.x[2], 0x5555);
	assert_int_equal(f->regs.x[5], 0x6666);
}

static void run__store_to_unmapped_ipa_aborts_at_store_and_writes_nothing(void **state)
{
	struct fixture *f = *state;
	uint64_t esr;

	pa_write64(f, DATA_PA, 7);
	regs_at(f, RP_LDST);
	f->regs.x[1] = DATA_IPA;
	f->regs.x[3] = 0xABCDEF;
	f->regs.x[4] = UNMAPPED_IPA + 8;
	assert_int_equal(run(f, false, false), 0);
	esr = f->exit.esr;
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_true(esr & REALM_ESR_ISV);
	assert_true(esr & REALM_ESR_WNR);
	assert_int_equal(ISS_SRT(esr), 3);
	assert_int_equal(f->exit.hpfar, (UNMAPPED_IPA >> 12) << 4);
	/* The load before it completed; PC is at the store, the add did not run. */
	assert_int_equal(f->regs.pc, CODE_IPA + RP_LDST + 4);
	assert_int_equal(f->regs.x[2], 7);
	assert_int_equal(f->regs.x[5], 0);
	/* The store went nowhere: mapping the IPA now shows the granule's own zeros. */
	assert_int_equal(realm_cpu_map(f->rc, UNMAPPED_IPA, SPARE_PA, PAGE, REALM_PROT_R), 0);
	assert_int_equal(pa_read64(f, SPARE_PA + 8), 0);
	f->regs.x[1] = UNMAPPED_IPA + 8;
	f->regs.pc = CODE_IPA + RP_LDST;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT); /* store: read-only now */
	assert_int_equal(f->regs.x[2], 0);
}

static void run__store_to_read_only_page_is_permission_abort_memory_intact(void **state)
{
	struct fixture *f = *state;

	pa_write64(f, SPARE_PA, 0x1111);
	assert_int_equal(realm_cpu_map(f->rc, UNMAPPED_IPA, SPARE_PA, PAGE, REALM_PROT_R), 0);
	regs_at(f, RP_LDST);
	f->regs.x[1] = UNMAPPED_IPA; /* reading is allowed */
	f->regs.x[3] = 0x2222;
	f->regs.x[4] = UNMAPPED_IPA;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_int_equal(ISS_FSC(f->exit.esr), REALM_FSC_PERMISSION(3));
	assert_true(f->exit.esr & REALM_ESR_WNR);
	assert_int_equal(f->regs.x[2], 0x1111);
	assert_int_equal(pa_read64(f, SPARE_PA), 0x1111);
	assert_int_equal(realm_cpu_prot(f->rc, UNMAPPED_IPA), REALM_PROT_R);
	/* Made writable, the same store goes through at the next run. */
	assert_int_equal(realm_cpu_map(f->rc, UNMAPPED_IPA, SPARE_PA, PAGE,
				       REALM_PROT_R | REALM_PROT_W),
			 0);
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, RP_LDST_SMC_IMM);
	assert_int_equal(pa_read64(f, SPARE_PA), 0x2222);
}

static void run__store_straddling_into_unmapped_page_restores_first_page(void **state)
{
	struct fixture *f = *state;

	/* DATA_IPA + PAGE is unmapped: an 8-byte store at -4 touches both pages. */
	pa_write64(f, DATA_PA + PAGE - 8, 0x0102030405060708ULL);
	regs_at(f, RP_LDST);
	f->regs.x[1] = DATA_IPA;
	f->regs.x[3] = ~0ULL;
	f->regs.x[4] = DATA_IPA + PAGE - 4;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_int_equal(f->exit.ipa, DATA_IPA + PAGE);
	assert_int_equal(f->exit.far, DATA_IPA + PAGE);
	assert_int_equal(pa_read64(f, DATA_PA + PAGE - 8), 0x0102030405060708ULL);
}

static void run__ldrsh_reports_halfword_sign_extended_32bit(void **state)
{
	struct fixture *f = *state;
	uint64_t esr;

	regs_at(f, RP_LDRSH);
	f->regs.x[1] = UNMAPPED_IPA;
	assert_int_equal(run(f, false, false), 0);
	esr = f->exit.esr;
	assert_true(esr & REALM_ESR_ISV);
	assert_int_equal(ISS_SAS(esr), 1);
	assert_true(esr & REALM_ESR_SSE);
	assert_int_equal(ISS_SRT(esr), 7);
	assert_false(esr & REALM_ESR_SF);
	assert_false(esr & REALM_ESR_AR);
}

static void run__pair_and_writeback_forms_report_isv_0(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_LDP);
	f->regs.x[1] = UNMAPPED_IPA;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_false(f->exit.esr & REALM_ESR_ISV);
	assert_int_equal(ISS_FSC(f->exit.esr), REALM_FSC_TRANSLATION(3));

	regs_at(f, RP_POSTIDX);
	f->regs.x[1] = UNMAPPED_IPA;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_false(f->exit.esr & REALM_ESR_ISV);
	assert_int_equal(f->regs.x[1], UNMAPPED_IPA); /* no writeback */
	assert_int_equal(f->regs.pc, CODE_IPA + RP_POSTIDX);
}

static void run__stlr_and_register_offset_strb_fill_iss(void **state)
{
	struct fixture *f = *state;
	uint64_t esr;

	regs_at(f, RP_STLR);
	f->regs.x[1] = UNMAPPED_IPA;
	assert_int_equal(run(f, false, false), 0);
	esr = f->exit.esr;
	assert_true(esr & REALM_ESR_ISV);
	assert_true(esr & REALM_ESR_AR);
	assert_true(esr & REALM_ESR_WNR);
	assert_int_equal(ISS_SAS(esr), 2);
	assert_int_equal(ISS_SRT(esr), 9);

	regs_at(f, RP_STRB_REG);
	f->regs.x[1] = UNMAPPED_IPA;
	f->regs.x[10] = 0x123;
	assert_int_equal(run(f, false, false), 0);
	esr = f->exit.esr;
	assert_true(esr & REALM_ESR_ISV);
	assert_int_equal(ISS_SAS(esr), 0);
	assert_int_equal(ISS_SRT(esr), 9);
	assert_true(esr & REALM_ESR_WNR);
	assert_int_equal(f->exit.far, UNMAPPED_IPA + 0x123);
}

static void run__fetch_from_unmapped_ipa_is_insn_abort(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_JUMP);
	f->regs.x[1] = UNMAPPED_IPA + 0x40;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_INSN_ABORT);
	assert_int_equal(realm_esr_ec(f->exit.esr), REALM_ESR_EC_IABT_LOW);
	assert_int_equal(ISS_FSC(f->exit.esr), REALM_FSC_TRANSLATION(3));
	assert_int_equal(f->exit.far, UNMAPPED_IPA + 0x40);
	assert_int_equal(f->exit.hpfar, (UNMAPPED_IPA >> 12) << 4);
	assert_int_equal(f->regs.pc, UNMAPPED_IPA + 0x40);
}

static void run__fetch_from_non_executable_page_is_permission_abort(void **state)
{
	struct fixture *f = *state;
	const uint32_t movz_x9_1 = 0xD2800029U, smc0 = 0xD4000003U;

	memcpy(pa_ptr(f, DATA_PA + 0x100), &movz_x9_1, 4);
	memcpy(pa_ptr(f, DATA_PA + 0x104), &smc0, 4);
	regs_at(f, RP_JUMP);
	f->regs.x[1] = DATA_IPA + 0x100;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_INSN_ABORT);
	assert_int_equal(ISS_FSC(f->exit.esr), REALM_FSC_PERMISSION(3));
	assert_int_equal(f->regs.x[9], 0); /* the block did not run */
	assert_int_equal(f->regs.pc, DATA_IPA + 0x100);
}

static void run__realm_cannot_reach_unmapped_pa_or_host_memory(void **state)
{
	struct fixture *f = *state;
	static volatile uint64_t host_secret = 0x5EC2E7;

	/* Another realm's granule: its PA (and PA - DRAM base) as IPAs. */
	memset(pa_ptr(f, OTHER_PA), 0xAA, PAGE);
	const uint64_t probes[] = { OTHER_PA, OTHER_PA - DRAM_BASE,
				    (uint64_t)(uintptr_t)&host_secret };

	for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		regs_at(f, RP_LDST);
		f->regs.x[1] = probes[i];
		f->regs.x[2] = 0x77;
		assert_int_equal(run(f, false, false), 0);
		assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
		assert_int_equal(f->exit.ipa, probes[i]);
		assert_int_equal(f->regs.x[2], 0x77);
	}
	assert_int_equal(host_secret, 0x5EC2E7);
}

static void run__remapping_data_and_code_is_visible_at_next_run(void **state)
{
	struct fixture *f = *state;
	const uint32_t add_x5_x2_2 = 0x91000845U;

	pa_write64(f, DATA_PA, 1);
	pa_write64(f, SPARE_PA, 2);
	regs_at(f, RP_LDST);
	f->regs.x[1] = DATA_IPA;
	f->regs.x[4] = DATA_IPA + 8;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->regs.x[2], 1);
	assert_int_equal(f->regs.x[5], 2);

	/* New data granule and new code (add #2 instead of #1) at the same IPAs. */
	load_blob(f, OTHER_PA);
	memcpy(pa_ptr(f, OTHER_PA + RP_LDST + 8), &add_x5_x2_2, 4);
	assert_int_equal(realm_cpu_map(f->rc, DATA_IPA, SPARE_PA, PAGE, REALM_PROT_R | REALM_PROT_W),
			 0);
	assert_int_equal(realm_cpu_map(f->rc, CODE_IPA, OTHER_PA, PAGE, REALM_PROT_R | REALM_PROT_X),
			 0);
	f->regs.pc = CODE_IPA + RP_LDST;
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, RP_LDST_SMC_IMM);
	assert_int_equal(f->regs.x[2], 2);
	assert_int_equal(f->regs.x[5], 4);

	/* Unmapped again: the same load aborts. */
	assert_int_equal(realm_cpu_unmap(f->rc, DATA_IPA, PAGE), 0);
	f->regs.pc = CODE_IPA + RP_LDST;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_int_equal(realm_cpu_prot(f->rc, DATA_IPA), 0);
}

static void run__trapped_wfi_and_wfe_exit_with_ti_pc_at_insn(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_WFX);
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_WFI);
	assert_int_equal(realm_esr_ec(f->exit.esr), REALM_ESR_EC_WFX);
	assert_int_equal(f->exit.esr & 3, 0);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_WFX);
	/* The RMM steps over the WFI (ESR.IL) and runs on. */
	f->regs.pc += 4;
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_WFE);
	assert_int_equal(f->exit.esr & 3, REALM_ESR_WFX_TI_WFE);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_WFX + 4);
}

static void run__trapped_wfe_after_untrapped_wfi_exits_at_wfe(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_WFX);
	assert_int_equal(run(f, false, true), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_WFE);
	assert_int_equal(f->exit.esr,
			 (REALM_ESR_EC_WFX << 26) | REALM_ESR_IL | (1ULL << 24) | (0xEULL << 20) |
				 REALM_ESR_WFX_TI_WFE);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_WFX + 4);
	assert_int_equal(f->exit.insns, 1); /* the WFI only */
}

static void run__untrapped_wfi_and_wfe_complete(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_WFX);
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, 0);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_WFX + 12);
}

static void run__budget_exit_counts_every_instruction(void **state)
{
	struct fixture *f = *state;
	uint64_t first;

	regs_at(f, RP_LOOP);
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, 1000, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_BUDGET);
	assert_true(f->exit.insns >= 1000);
	assert_true(f->exit.insns < 1000 + 64);
	/* Two instructions per iteration: the count is exact. */
	assert_int_equal(f->regs.x[0] * 2, f->exit.insns);
	first = f->regs.x[0];
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, 500, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_BUDGET);
	assert_int_equal((f->regs.x[0] - first) * 2, f->exit.insns);
}

static void inject_sync__enters_el1_vector_with_syndrome(void **state)
{
	struct fixture *f = *state;
	const uint64_t esr = 0x96000010ULL, far = 0xFA12;

	regs_at(f, RP_LDST);
	f->regs.pstate = PSTATE_EL1H_MASKED & ~0x3C0ULL; /* interrupts unmasked */
	assert_int_equal(realm_cpu_inject_sync(f->rc, &f->regs, esr, far), 0);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_VEC_CUR_SPX);
	assert_int_equal(f->regs.elr_el1, CODE_IPA + RP_LDST);
	assert_int_equal(f->regs.spsr_el1, 0x5);
	assert_int_equal(f->regs.pstate & 0x3CF, 0x3C5);
	/* The realm's handler sees them in its own registers. */
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, RP_VEC_SMC_IMM);
	assert_int_equal(f->regs.x[0], esr);
	assert_int_equal(f->regs.x[1], CODE_IPA + RP_LDST);
	assert_int_equal(f->regs.x[2], far);
	assert_int_equal(f->regs.x[3], RP_VEC_CUR_SPX);

	regs_at(f, RP_LDST);
	f->regs.pstate = PSTATE_EL1T_MASKED;
	assert_int_equal(realm_cpu_inject_sync(f->rc, &f->regs, esr, far), 0);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_VEC_CUR_SP0);
	f->regs.pstate = 0x3C8; /* EL2h: not a realm state */
	assert_int_equal(realm_cpu_inject_sync(f->rc, &f->regs, esr, far), -EINVAL);
}

static void run__svc_is_taken_by_the_realm_el1(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_SVC);
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, RP_VEC_SMC_IMM);
	assert_int_equal(f->regs.x[0], (0x15ULL << 26) | REALM_ESR_IL | RP_SVC_IMM);
	assert_int_equal(f->regs.x[1], CODE_IPA + RP_SVC + 4);
	assert_int_equal(f->regs.x[3], RP_VEC_CUR_SPX);
}

static void run__el0_svc_reaches_lower_el_vector_and_el1_resumes(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_SVC);
	f->regs.pstate = 0; /* EL0t, interrupts unmasked */
	f->regs.sp_el0 = 0xE0;
	f->regs.elr_el1 = 0x1234;
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, RP_VEC_SMC_IMM);
	assert_int_equal(f->regs.x[0], (0x15ULL << 26) | REALM_ESR_IL | RP_SVC_IMM);
	assert_int_equal(f->regs.x[1], CODE_IPA + RP_SVC + 4);
	assert_int_equal(f->regs.x[3], RP_VEC_LOWER64);
	assert_int_equal(f->regs.pstate & 0xF, 0x5);
	assert_int_equal(f->regs.spsr_el1 & 0xF, 0);
	assert_int_equal(f->regs.sp_el0, 0xE0);
	assert_int_equal(f->regs.sp_el1, DATA_IPA + PAGE);
}

static void run__el0_budget_exit_resumes_at_el0(void **state)
{
	struct fixture *f = *state;
	uint64_t first;

	regs_at(f, RP_LOOP);
	f->regs.pstate = 0;
	f->regs.elr_el1 = 0x4444;
	f->regs.spsr_el1 = 0x3C5;
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, 200, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_BUDGET);
	assert_int_equal(f->regs.pstate & 0xF, 0);
	/* The engine's own ERET left the realm's ELR/SPSR_EL1 alone. */
	assert_int_equal(f->regs.elr_el1, 0x4444);
	assert_int_equal(f->regs.spsr_el1, 0x3C5);
	first = f->regs.x[0];
	assert_true(first > 0);
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, 200, false, false, &f->exit), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_BUDGET);
	assert_int_equal((f->regs.x[0] - first) * 2, f->exit.insns);
	/* Back at EL1 after an exit at EL0: this run's WFI trap still applies. */
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, 200, true, false, &f->exit), 0);
	assert_int_equal(f->regs.pstate & 0xF, 0);
	regs_at(f, RP_WFX);
	assert_int_equal(run(f, true, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_WFI);
	regs_at(f, RP_LOOP);
	f->regs.pstate = 0;
	assert_int_equal(realm_cpu_run(f->rc, &f->regs, 200, false, false, &f->exit), 0);
	/* The RMM injects an exception: the realm's EL1 runs its handler. */
	assert_int_equal(realm_cpu_inject_sync(f->rc, &f->regs, 0x02000000, 0), 0);
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, RP_VEC_SMC_IMM);
	assert_int_equal(f->regs.x[3], RP_VEC_LOWER64);
	assert_int_equal(f->regs.x[0], 0x02000000);
}

static void run__brk_is_taken_by_the_realm_el1_at_the_brk(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_BRK);
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, RP_VEC_SMC_IMM);
	assert_int_equal(f->regs.x[0], (0x3CULL << 26) | REALM_ESR_IL | RP_BRK_IMM);
	assert_int_equal(f->regs.x[1], CODE_IPA + RP_BRK);
	assert_int_equal(f->regs.x[3], RP_VEC_CUR_SPX);
}

static void run__hvc_exits_with_imm_and_pc_past(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_HVC);
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_HVC);
	assert_int_equal(realm_esr_ec(f->exit.esr), REALM_ESR_EC_HVC64);
	assert_int_equal(f->exit.esr & 0xFFFF, 5);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_HVC + 4);
}

static void run__unimplemented_sysreg_exits_sysreg_with_iss(void **state)
{
	struct fixture *f = *state;
	/* ICC_IAR1_EL1: op0 3, op1 0, CRn 12, CRm 12, op2 0; Rt 3, read. */
	const uint64_t iss = (3ULL << 20) | (0ULL << 17) | (0ULL << 14) | (12ULL << 10) |
			     (3ULL << 5) | (12ULL << 1) | 1;

	regs_at(f, RP_SYSREG);
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_SYSREG);
	assert_int_equal(f->exit.esr, (REALM_ESR_EC_SYSREG << 26) | REALM_ESR_IL | iss);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_SYSREG);
}

static void run__udf_exits_undef_at_insn(void **state)
{
	struct fixture *f = *state;

	regs_at(f, RP_UDF);
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_UNDEF);
	assert_int_equal(realm_esr_ec(f->exit.esr), REALM_ESR_EC_UNKNOWN);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_UDF);
}

/*
 * The realm's own stage 1 (4 KiB granule, T0SZ 32, start level 1): tables
 * at IPA 0x60000 (L1), 0x61000 (L2), 0x62000 (L3). VA 0x10000 maps the code
 * page 1:1, VA 0x30000 -> DATA_IPA, VA 0x31000 -> UNMAPPED_IPA, and the
 * L3 table of VA 0x200000 sits at IPA 0x50000, which is not mapped.
 */
#define TBL_IPA 0x60000ULL
#define TBL_PA (DRAM_BASE + 0x500000)
#define S1_PAGE(oa) ((oa) | 3 | (1ULL << 10) | (3ULL << 8))

static void mmu_on_regs(struct fixture *f)
{
	uint64_t *l1 = (uint64_t *)(void *)pa_ptr(f, TBL_PA);
	uint64_t *l2 = l1 + 512, *l3 = l1 + 1024;

	memset(l1, 0, 3 * PAGE);
	l1[0] = (TBL_IPA + PAGE) | 3;
	l2[0] = (TBL_IPA + 2 * PAGE) | 3;
	l2[1] = 0x50000 | 3;
	l3[CODE_IPA >> 12] = S1_PAGE(CODE_IPA);
	l3[0x30] = S1_PAGE(DATA_IPA);
	l3[0x31] = S1_PAGE(UNMAPPED_IPA);
	assert_int_equal(realm_cpu_map(f->rc, TBL_IPA, TBL_PA, 3 * PAGE, REALM_PROT_R), 0);
	regs_at(f, RP_MMU_ON);
	f->regs.x[10] = 0xFF;						  /* MAIR: attr0 WB */
	f->regs.x[11] = 32 | (1 << 8) | (1 << 10) | (3 << 12) | (1ULL << 23); /* EPD1 */
	f->regs.x[12] = TBL_IPA;
}

static void run__realm_stage1_translates_before_the_stage2_check(void **state)
{
	struct fixture *f = *state;

	pa_write64(f, DATA_PA, 0x4242);
	mmu_on_regs(f);
	f->regs.x[1] = 0x30000;
	f->regs.x[3] = 0x99;
	f->regs.x[4] = 0x30008;
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, 0);
	assert_true(f->regs.sctlr_el1 & 1);
	assert_int_equal(f->regs.x[2], 0x4242);
	assert_int_equal(pa_read64(f, DATA_PA + 8), 0x99);
}

static void run__stage1_mapped_va_onto_unmapped_ipa_reports_va_and_ipa(void **state)
{
	struct fixture *f = *state;

	mmu_on_regs(f);
	f->regs.x[1] = 0x30000;
	f->regs.x[4] = 0x31010;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_true(f->exit.esr & REALM_ESR_WNR);
	assert_true(f->exit.esr & REALM_ESR_ISV);
	assert_int_equal(f->exit.far, 0x31010);
	assert_int_equal(f->exit.ipa, UNMAPPED_IPA + 0x10);
	assert_int_equal(f->exit.hpfar, (UNMAPPED_IPA >> 12) << 4);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_MMU_ON + 36);
}

static void run__table_in_unmapped_ipa_is_stage2_abort_on_walk(void **state)
{
	struct fixture *f = *state;

	mmu_on_regs(f);
	f->regs.x[1] = 0x200000;
	f->regs.x[2] = 0x31;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_true(f->exit.esr & REALM_ESR_S1PTW);
	assert_false(f->exit.esr & REALM_ESR_ISV);
	assert_int_equal(f->exit.far, 0x200000);
	assert_int_equal(f->exit.ipa, 0x50000);
	assert_int_equal(f->exit.hpfar, 0x50ULL << 4);
	assert_int_equal(f->regs.x[2], 0x31);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_MMU_ON + 32);
}

static void run__dc_zva_zeroes_mapped_block_and_aborts_elsewhere(void **state)
{
	struct fixture *f = *state;
	unsigned zeroed = 0;

	memset(pa_ptr(f, DATA_PA), 0xFF, PAGE);
	regs_at(f, RP_DC_ZVA);
	f->regs.x[1] = DATA_IPA + 0x108;
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, 0);
	for (unsigned i = 0; i < PAGE; i++)
		zeroed += pa_ptr(f, DATA_PA)[i] == 0;
	/* One aligned block around the address, nothing else. */
	assert_true(zeroed >= 16 && zeroed <= 2048 && (zeroed & (zeroed - 1)) == 0);
	assert_int_equal(pa_ptr(f, DATA_PA)[0x100], 0);
	assert_int_equal(pa_ptr(f, DATA_PA)[0x100 - 1], 0xFF);
	assert_int_equal(pa_ptr(f, DATA_PA)[0x100 + zeroed], 0xFF);

	memset(pa_ptr(f, SPARE_PA), 0xEE, PAGE);
	assert_int_equal(realm_cpu_map(f->rc, UNMAPPED_IPA, SPARE_PA, PAGE, REALM_PROT_R), 0);
	regs_at(f, RP_DC_ZVA);
	f->regs.x[1] = UNMAPPED_IPA + 0x200;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_true(f->exit.esr & REALM_ESR_WNR);
	assert_false(f->exit.esr & REALM_ESR_ISV);
	assert_int_equal(ISS_FSC(f->exit.esr), REALM_FSC_PERMISSION(3));
	assert_int_equal(f->exit.ipa, UNMAPPED_IPA + 0x200);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_DC_ZVA);
	assert_int_equal(pa_ptr(f, SPARE_PA)[0x200], 0xEE);
}

static void run__exclusive_store_to_read_only_page_aborts(void **state)
{
	struct fixture *f = *state;

	pa_write64(f, SPARE_PA, 0x5151);
	assert_int_equal(realm_cpu_map(f->rc, UNMAPPED_IPA, SPARE_PA, PAGE, REALM_PROT_R), 0);
	regs_at(f, RP_EXCL);
	f->regs.x[1] = UNMAPPED_IPA;
	f->regs.x[3] = 0x6262;
	f->regs.x[5] = 0x77;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->exit.kind, REALM_EXIT_DATA_ABORT);
	assert_true(f->exit.esr & REALM_ESR_WNR);
	assert_false(f->exit.esr & REALM_ESR_ISV);
	assert_int_equal(f->regs.pc, CODE_IPA + RP_EXCL + 4);
	assert_int_equal(f->regs.x[5], 0x77);
	assert_int_equal(pa_read64(f, SPARE_PA), 0x5151);

	/* Writable: the pair succeeds (status 0). */
	assert_int_equal(realm_cpu_map(f->rc, UNMAPPED_IPA, SPARE_PA, PAGE,
				       REALM_PROT_R | REALM_PROT_W),
			 0);
	regs_at(f, RP_EXCL);
	f->regs.x[1] = UNMAPPED_IPA;
	f->regs.x[3] = 0x6262;
	f->regs.x[5] = 0x77;
	assert_int_equal(run(f, false, false), 0);
	assert_smc(f, 0);
	assert_int_equal(f->regs.x[2], 0x5151);
	assert_int_equal(f->regs.x[5], 0);
	assert_int_equal(pa_read64(f, SPARE_PA), 0x6262);
}

static void run__two_engines_on_one_memfd_are_isolated(void **state)
{
	struct fixture *f = *state;
	struct rmm_vcpu_regs r2;
	struct realm_exit e2;
	char err[128];
	struct realm_cpu *rc2 = realm_cpu_create(f->memfd, &bank, 1, IPA_BITS, err, sizeof(err));

	assert_non_null(rc2);
	/* Realm 2: same code granule, its own data granule at the same IPA. */
	assert_int_equal(realm_cpu_map(rc2, CODE_IPA, CODE_PA, PAGE, REALM_PROT_R | REALM_PROT_X),
			 0);
	assert_int_equal(realm_cpu_map(rc2, DATA_IPA, OTHER_PA, PAGE, REALM_PROT_R | REALM_PROT_W),
			 0);
	pa_write64(f, DATA_PA, 0x1);
	pa_write64(f, OTHER_PA, 0x2);

	regs_at(f, RP_LDST);
	f->regs.x[1] = DATA_IPA;
	f->regs.x[3] = 0x1111;
	f->regs.x[4] = DATA_IPA + 8;
	r2 = f->regs;
	r2.x[3] = 0x2222;
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(realm_cpu_run(rc2, &r2, BUDGET, false, false, &e2), 0);
	assert_int_equal(e2.kind, REALM_EXIT_SMC);
	assert_int_equal(f->regs.x[2], 0x1);
	assert_int_equal(r2.x[2], 0x2);
	assert_int_equal(pa_read64(f, DATA_PA + 8), 0x1111);
	assert_int_equal(pa_read64(f, OTHER_PA + 8), 0x2222);

	/* Realm 1's other pages do not exist for realm 2. */
	assert_int_equal(realm_cpu_map(f->rc, UNMAPPED_IPA, SPARE_PA, PAGE, REALM_PROT_R), 0);
	r2.pc = CODE_IPA + RP_LDST;
	r2.x[1] = UNMAPPED_IPA;
	assert_int_equal(realm_cpu_run(rc2, &r2, BUDGET, false, false, &e2), 0);
	assert_int_equal(e2.kind, REALM_EXIT_DATA_ABORT);
	realm_cpu_destroy(rc2);
}

static void map__rejects_bad_alignment_prot_and_ranges(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(realm_cpu_map(f->rc, 0x100, DATA_PA, PAGE, REALM_PROT_R), -EINVAL);
	assert_int_equal(realm_cpu_map(f->rc, 0, DATA_PA + 1, PAGE, REALM_PROT_R), -EINVAL);
	assert_int_equal(realm_cpu_map(f->rc, 0, DATA_PA, PAGE, 0), -EINVAL);
	assert_int_equal(realm_cpu_map(f->rc, 0, DATA_PA, PAGE, 8), -EINVAL);
	assert_int_equal(realm_cpu_map(f->rc, 1ULL << IPA_BITS, DATA_PA, PAGE, REALM_PROT_R),
			 -ERANGE);
	assert_int_equal(realm_cpu_map(f->rc, (1ULL << IPA_BITS) - PAGE, DATA_PA, 2 * PAGE,
				       REALM_PROT_R),
			 -ERANGE);
	assert_int_equal(realm_cpu_map(f->rc, 0, DRAM_BASE + DRAM_SIZE, PAGE, REALM_PROT_R),
			 -ERANGE);
	assert_int_equal(realm_cpu_map(f->rc, 0, DRAM_BASE + DRAM_SIZE - PAGE, 2 * PAGE,
				       REALM_PROT_R),
			 -ERANGE);
	assert_int_equal(realm_cpu_map(f->rc, 0, 0x1000, PAGE, REALM_PROT_R), -ERANGE);
	assert_int_equal(realm_cpu_unmap(f->rc, 1ULL << IPA_BITS, PAGE), -ERANGE);
	assert_int_equal(realm_cpu_prot(f->rc, 0), 0);
}

static void run__rejects_state_outside_el0_el1(void **state)
{
	struct fixture *f = *state;
	struct rmm_vcpu_regs before;

	regs_at(f, RP_LDST);
	f->regs.pstate = 0x3C8; /* EL2h: not a realm state */
	before = f->regs;
	assert_int_equal(run(f, false, false), -ENOTSUP);
	assert_memory_equal(&before, &f->regs, sizeof(before));
}

static void create__rejects_bad_ipa_bits_and_memfd(void **state)
{
	char err[128] = "";

	(void)state;
	assert_null(realm_cpu_create(-1, &bank, 1, IPA_BITS, err, sizeof(err)));
	assert_true(err[0] != '\0');
	assert_null(realm_cpu_create(3, &bank, 1, REALM_CPU_MIN_IPA_BITS - 1, err, sizeof(err)));
	assert_null(realm_cpu_create(3, &bank, 1, REALM_CPU_MAX_IPA_BITS + 1, err, sizeof(err)));
	assert_null(realm_cpu_create(3, &bank, REALM_CPU_MAX_BANKS + 1, IPA_BITS, err,
				     sizeof(err)));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(run__ldst_reaches_smc_with_registers_and_memory),
		T(run__load_from_unmapped_ipa_is_stage2_abort_with_isv),
		T(run__store_to_unmapped_ipa_aborts_at_store_and_writes_nothing),
		T(run__store_to_read_only_page_is_permission_abort_memory_intact),
		T(run__store_straddling_into_unmapped_page_restores_first_page),
		T(run__ldrsh_reports_halfword_sign_extended_32bit),
		T(run__pair_and_writeback_forms_report_isv_0),
		T(run__stlr_and_register_offset_strb_fill_iss),
		T(run__fetch_from_unmapped_ipa_is_insn_abort),
		T(run__fetch_from_non_executable_page_is_permission_abort),
		T(run__realm_cannot_reach_unmapped_pa_or_host_memory),
		T(run__remapping_data_and_code_is_visible_at_next_run),
		T(run__trapped_wfi_and_wfe_exit_with_ti_pc_at_insn),
		T(run__trapped_wfe_after_untrapped_wfi_exits_at_wfe),
		T(run__untrapped_wfi_and_wfe_complete),
		T(run__budget_exit_counts_every_instruction),
		T(inject_sync__enters_el1_vector_with_syndrome),
		T(run__svc_is_taken_by_the_realm_el1),
		T(run__el0_svc_reaches_lower_el_vector_and_el1_resumes),
		T(run__el0_budget_exit_resumes_at_el0),
		T(run__brk_is_taken_by_the_realm_el1_at_the_brk),
		T(run__hvc_exits_with_imm_and_pc_past),
		T(run__unimplemented_sysreg_exits_sysreg_with_iss),
		T(run__udf_exits_undef_at_insn),
		T(run__realm_stage1_translates_before_the_stage2_check),
		T(run__stage1_mapped_va_onto_unmapped_ipa_reports_va_and_ipa),
		T(run__table_in_unmapped_ipa_is_stage2_abort_on_walk),
		T(run__dc_zva_zeroes_mapped_block_and_aborts_elsewhere),
		T(run__exclusive_store_to_read_only_page_aborts),
		T(run__two_engines_on_one_memfd_are_isolated),
		T(map__rejects_bad_alignment_prot_and_ranges),
		T(run__rejects_state_outside_el0_el1),
		cmocka_unit_test(create__rejects_bad_ipa_bits_and_memfd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
