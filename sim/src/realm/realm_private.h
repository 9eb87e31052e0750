/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals of the realm CPU engine, shared by the files of sim/src/realm. */
#ifndef REALM_PRIVATE_H
#define REALM_PRIVATE_H

#include <unicorn/unicorn.h>

#include "gtimer.h"
#include "pmu.h"
#include "realm_cpu.h"

#define REALM_PAGE_SHIFT 12
#define REALM_PAGE_MASK (REALM_CPU_PAGE_SIZE - 1)
/* Stage-2 permissions: one byte per page, leaves of 1 GiB. */
#define REALM_LEAF_SHIFT 30
#define REALM_LEAF_PAGES (1ULL << (REALM_LEAF_SHIFT - REALM_PAGE_SHIFT))
/* Pages a faulting instruction may have made harmless (see realm_s2.c). */
#define REALM_MAX_STRAY 8
#define REALM_UNDO_MAX 64

/* QEMU exception numbers as Unicorn reports them to UC_HOOK_INTR. */
#define REALM_EXCP_UDEF 1
#define REALM_EXCP_SWI 2
#define REALM_EXCP_PREFETCH_ABORT 3
#define REALM_EXCP_DATA_ABORT 4
#define REALM_EXCP_BKPT 7
#define REALM_EXCP_HVC 11
#define REALM_EXCP_SMC 13

/* The realm's stage-1 controls the walk needs (realm_s1.c). */
struct realm_s1 {
	uint64_t sctlr;
	uint64_t tcr;
	uint64_t ttbr0;
	uint64_t ttbr1;
};

enum realm_s1_result {
	REALM_S1_OK,		    /* *ipa is the output address */
	REALM_S1_FAULT,		    /* stage-1 fault: Unicorn raises it itself */
	REALM_S1_S2_FAULT_ON_WALK, /* a descriptor sits in an unreadable IPA (*ipa) */
};

/* What a hook latched during one uc_emu_start. */
enum realm_event {
	REALM_EV_NONE,
	REALM_EV_EXIT,	/* exit filled, nothing to undo */
	REALM_EV_ABORT, /* stage-2 abort: restore snapshot and memory */
	REALM_EV_SVC,	/* svc/brk: exception to the realm's own EL1 */
	REALM_EV_S1_FAULT, /* stage-1 fault: undo as an abort, then to the realm's EL1 */
	REALM_EV_BUDGET,
	REALM_EV_TIMER, /* a timer or host interrupt is due (realm_timer.c) */
};

struct realm_fault {
	uint64_t x[31];
	uint64_t sp;
	uint64_t nzcv;
	uint64_t pc;
	/* Bytes a store overwrote in mapped writable pages, put back. */
	uint8_t old[REALM_UNDO_MAX];
	uint64_t old_ipa;
	unsigned old_len;
};

struct realm_cpu {
	uc_engine *uc;
	int memfd;
	struct realm_cpu_bank banks[REALM_CPU_MAX_BANKS];
	unsigned num_banks;
	unsigned ipa_bits;
	uint64_t ipa_size;
	uint8_t *window;
	uint8_t **prot_leaf; /* ipa_size >> REALM_LEAF_SHIFT leaves, lazily allocated */
	uint64_t num_leaves;
	uint64_t hcr; /* HCR_EL2 last written */
	uint64_t vmpidr; /* VMPIDR_EL2 last written (0: the reset value) */
	struct realm_s1 s1;
	uint64_t tramp;	/* the ERET page, just above the window (realm_cpu.c) */
	bool in_tramp;
	uc_context *ctx_el1; /* CPU context at EL1h, saved at creation */
	uint64_t zva_bytes; /* DC ZVA block size from DCZID_EL0, 0 if prohibited */
	bool code_unknown;  /* a REALM_S2_CODE mark could not be kept: drop code always */

	/* State of the current run, written by the hooks. */
	enum realm_event event;
	struct realm_exit exit;
	struct realm_fault fault;
	struct {
		uint64_t page;
		bool parked; /* the granule's mapping waits in park[i] */
	} stray[REALM_MAX_STRAY];
	uint8_t *park;
	/* One writable page refused stores to unmapped pages land in (realm_s2.c). */
	int sink_fd;
	uint8_t *sink;
	bool sink_dirty;
	unsigned num_stray;
	uint64_t insns;
	uint64_t budget;
	uint64_t total_insns;
	uint64_t svc_esr;
	uint64_t s1_far;  /* FAR_EL1 of a REALM_EV_S1_FAULT (svc_esr holds its ESR_EL1) */
	bool trap_wfe;
	bool wfe_pending; /* the last block ended with a WFE at wfe_pc */
	uint64_t wfe_pc;
	uint64_t wfe_esr;
	/* Generic timers on the platform's counter (realm_timer.c); time.cntfrq 0 = Unicorn's. */
	struct realm_time time;
	struct gtimer tv, tp;  /* CNTV_*, CNTP_* during a run */
	uint64_t timer_stop;   /* insns at which the run stops for a deadline */
	/*
	 * Asserted at entry: its PPI is masked at EL2 for the run (TF-RMM's
	 * CNTHCTL_EL2.CNTVMASK/CNTPMASK), so it cannot end the run again.
	 */
	bool tv_masked, tp_masked;
	bool timer_changed;    /* an output changed since the last exit: exit before running */
	/* The realm's PMU (realm_pmu.c). */
	bool pmu_on;
	unsigned pmu_n;
	struct pmu pmu;
	uint64_t pmu_insns;    /* counted up to this many instructions of the run */
	bool pmu_track;        /* a filter tells R-EL0 from R-EL1: the block hook watches the EL */
	const uc_arm64_cp_reg *pmu_cp; /* the access being emulated */
};

/* realm_s2.c */
/* Leaf byte bit beside the REALM_PROT_* bits: code was translated from the page. */
#define REALM_S2_CODE 0x80U
/* ... and: the unmapped page is backed by the engine's sink page (realm_s2.c). */
#define REALM_S2_SINK 0x40U
unsigned realm_s2_prot(const struct realm_cpu *rc, uint64_t ipa);
void realm_s2_note_code(struct realm_cpu *rc, uint64_t ipa);
bool realm_s2_make_harmless(struct realm_cpu *rc, uint64_t ipa);
void realm_s2_restore_stray(struct realm_cpu *rc);
int realm_s2_init(struct realm_cpu *rc, char *err, size_t err_len);
void realm_s2_fini(struct realm_cpu *rc);

/* realm_s1.c */
enum realm_s1_access { REALM_S1_READ, REALM_S1_WRITE, REALM_S1_FETCH };
/*
 * Stage-1 translation of @va. @el0 < 0: translation only (address size and
 * translation faults; REALM_S1_RAW: not even address size, the IPA an
 * engine without that check would use); 0 / 1: also the access flag and
 * the permissions of @acc at EL1 / EL0. REALM_S1_FAULT with the FSC
 * (DFSC/IFSC) in *@fsc.
 */
#define REALM_S1_RAW (-2)
enum realm_s1_result realm_s1_translate(const struct realm_cpu *rc, uint64_t va,
					enum realm_s1_access acc, int el0, uint64_t *ipa,
					uint64_t *fsc);
enum realm_s1_result realm_s1_walk(const struct realm_cpu *rc, uint64_t va, uint64_t *ipa);
/* 1 if the realm runs at EL0 now, else 0 (PSTATE.M). */
int realm_s1_el0(const struct realm_cpu *rc);
int realm_s1_install(struct realm_cpu *rc);
void realm_s1_load(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs);

/* realm_hooks.c */
int realm_hooks_install(struct realm_cpu *rc, char *err, size_t err_len);

/* realm_regs.c */
int realm_regs_load(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs);
int realm_regs_save(struct realm_cpu *rc, struct rmm_vcpu_regs *regs);
int realm_cp_read(uc_engine *uc, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		  unsigned op2, uint64_t *val);
int realm_cp_write(uc_engine *uc, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		   unsigned op2, uint64_t val);
uint64_t realm_reg(struct realm_cpu *rc, int id);

/* realm_syndrome.c: ESR_EL2 encodings from the instruction word. */
uint64_t realm_syndrome_dabt(uint32_t insn, bool insn_valid, bool write, uint64_t fsc);
uint64_t realm_syndrome_dabt_walk(bool write, uint64_t fsc);
uint64_t realm_syndrome_iabt(uint64_t fsc);
/* ESR_EL1 of a stage-1 abort taken to the realm's EL1 (EC 0x20/0x21, 0x24/0x25; ISV 0). */
uint64_t realm_syndrome_s1_dabt(bool from_el0, bool write, uint64_t fsc);
uint64_t realm_syndrome_s1_iabt(bool from_el0, uint64_t fsc);
bool realm_syndrome_wfx(uint32_t insn, uint64_t *esr, bool *is_wfe);
bool realm_syndrome_sysreg(uint32_t insn, uint64_t *esr);
uint64_t realm_syndrome_imm16(uint64_t ec, uint32_t insn);
uint64_t realm_syndrome_unknown(void);

/* realm_cpu.c: load regs at any realm level (EL0t, EL1t, EL1h). */
int realm_load_state(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs);

/* realm_timer.c */
uint64_t realm_timer_count(const struct realm_cpu *rc);
void realm_timer_load(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs);
/* After a REALM_EV_TIMER stop: true = a deadline is due (exit); false = --realtime look, run on. */
bool realm_timer_due(struct realm_cpu *rc);
/* The stop for the next deadline again (a PMU context change moves it). */
void realm_timer_rearm(struct realm_cpu *rc);
void realm_timer_save(struct realm_cpu *rc, struct rmm_vcpu_regs *regs);
/* An MRS/MSR of a counter, EL1 timer or PMU register; true = emulated, skip it. */
bool realm_timer_sysreg(struct realm_cpu *rc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp);

/* realm_pmu.c */
void realm_pmu_load(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs);
void realm_pmu_save(struct realm_cpu *rc, struct rmm_vcpu_regs *regs);
/* Instruction count of the run at which an armed counter overflows (UINT64_MAX: none). */
uint64_t realm_pmu_stop_insns(struct realm_cpu *rc);
/* Block hook with pmu_track: counts up to an EL change at the old EL. */
void realm_pmu_block(struct realm_cpu *rc);
bool realm_pmu_is_reg(const uc_arm64_cp_reg *cp);
/* The access in rc->pmu_cp: a write of @val or a read into *out; false = not a PMU register. */
bool realm_pmu_sysreg(struct realm_cpu *rc, bool msr, uint64_t val, uint64_t *out);
/* realm_cpu.c: the instruction at a VA (false if its IPA is not readable). */
bool realm_fetch_insn(const struct realm_cpu *rc, uint64_t va, uint32_t *insn);

#endif /* REALM_PRIVATE_H */
