/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unicorn hooks of the host engine, all installed before the first run:
 *  - the interrupt hook: smc (13), svc (2), hvc (11), brk (7), undefined
 *    instructions (1, ICC_* emulation first), and the aborts Unicorn's
 *    walk of the shadow tables raises (3, 4): handled in abort.c;
 *  - the unmapped-access hook: a VA outside Unicorn's memory map (abort.c
 *    covers it with placeholders or delivers the host's own fault);
 *  - MSR/MRS hooks: the translation registers (SCTLR, TCR, TTBR, MAIR of
 *    EL2 and EL1) are virtualized — the host reads back what it wrote while
 *    Unicorn walks the shadow (shadow.c); ID registers report an RME CPU;
 *  - the SYS hook: TLBI drops the shadow (Unicorn executes the TLBI on its
 *    own TLB); AT is emulated on the host's own tables (at.c);
 *  - with counting on, a block hook: exact instruction count (block size
 *    / 4) and the --max-insns limit.
 * There are no memory read/write hooks: every access Unicorn makes goes
 * through a shadow entry that was checked when it was created, so loads
 * and stores run at the engine's own speed.
 * Hooks only latch what happened and stop the engine; the run loop in
 * cpu.c, abort.c and except.c act on it.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

/* QEMU's exception numbers as Unicorn reports them to UC_HOOK_INTR. */
#define EXCP_UDEF 1
#define EXCP_SWI 2
#define EXCP_PREFETCH_ABORT 3
#define EXCP_DATA_ABORT 4
#define EXCP_BKPT 7
#define EXCP_HVC 11
#define EXCP_SMC 13

#define SCTLR_M 1ULL
#define SCTLR_A (1ULL << 1)
#define SCTLR_SA (1ULL << 3)
#define TCR_EL2_TBI (1ULL << 20)

/* ID_AA64PFR0_EL1 fields (Arm ARM D19.2.64). */
#define PFR0_GIC_SHIFT 24U
#define PFR0_RME_SHIFT 52U
/* ID_AA64MMFR0_EL1: PARange [3:0] = 0b0101 (48 bits), TGran16 [23:20] = 1, TGran64 [27:24] = 0, TGran4 [31:28] = 0. */
#define MMFR0_PARANGE_48 5ULL
#define MMFR0_TGRAN_MASK (0xFFFULL << 20)
#define MMFR0_TGRAN_ALL (1ULL << 20)

static void latch(struct cpu *cpu, enum cpu_event_kind kind, uint64_t pc, uint64_t va, bool fetch)
{
	struct cpu_event *ev = &cpu->ev;

	if (ev->kind != CPU_EV_NONE)
		return; /* the first event of the instruction wins */
	*ev = (struct cpu_event){ .kind = kind, .pc = pc, .va = va, .fetch = fetch };
	uc_emu_stop(cpu->uc);
}

static bool hook_unmapped(uc_engine *uc, uc_mem_type type, uint64_t va, int size,
			  int64_t value, void *opaque)
{
	struct cpu *cpu = opaque;
	bool fetch = type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT;

	latch(cpu, CPU_EV_UNMAPPED, fetch ? va : cpu_reg(cpu, UC_ARM64_REG_PC), va, fetch);
	return false;
}

/*
 * Everything but counting (quantum end, deadline or poll, EL tracking for
 * the PMU, --max-insns): out of line, so the per-block hook below is a leaf
 * the compiler needs no stack frame for (docs/performance.md "Time base
 * overhead": the hook runs once per translation block).
 */
static void __attribute__((noinline)) hook_block_slow(uc_engine *uc, uint64_t va, uint32_t size,
						      struct cpu *cpu)
{
	/* issue 13: the end of this PE's turn (interleaved PEs, smp.c). */
	if (cpu->stats.host_insns >= cpu->quantum_end) {
		cpu->yield = true;
		uc_emu_stop(uc);
		return;
	}
	/* issue 12: timer deadline, GIC change or PSTATE poll; the block has not run yet (irq.c) */
	if (cpu->stats.host_insns >= cpu_irq_stop_at(&cpu->devs.irq) &&
	    cpu_irq_block(cpu, va, size)) {
		uc_emu_stop(uc);
		return;
	}
	/* issue 12: PMU filtering by EL, only while a filter tells the host's ELs apart. */
	if (cpu->devs.pmu.track_el)
		cpu_pmu_block(cpu);
	cpu->stats.host_insns += size / 4;
	if (cpu->opt.max_insns && cpu->stats.host_insns > cpu->opt.max_insns) {
		cpu->timeout = true;
		uc_emu_stop(uc);
	}
}

static void hook_block(uc_engine *uc, uint64_t va, uint32_t size, void *opaque)
{
	struct cpu *cpu = opaque;
	uint64_t n = cpu->stats.host_insns;

	/* hot_limit folds quantum_end, PMU EL tracking and --max-insns (cpu_hot_limit_update). */
	if (__builtin_expect(n >= cpu->hot_limit || n >= cpu_irq_stop_at(&cpu->devs.irq), 0)) {
		hook_block_slow(uc, va, size, cpu);
		return;
	}
	cpu->stats.host_insns = n + size / 4;
}

static void hook_intr_locked(uc_engine *uc, uint32_t intno, struct cpu *cpu)
{
	uint64_t pc = cpu_reg(cpu, UC_ARM64_REG_PC);
	uint32_t insn = 0;

	switch (intno) {
	case EXCP_SMC:
		cpu_smc(cpu);
		return;
	case EXCP_SWI:
		latch(cpu, CPU_EV_SVC, pc, 0, false);
		return;
	case EXCP_HVC:
		latch(cpu, CPU_EV_HVC, pc, 0, false);
		return;
	case EXCP_BKPT:
		latch(cpu, CPU_EV_BRK, pc, 0, false);
		return;
	case EXCP_PREFETCH_ABORT:
		latch(cpu, CPU_EV_IABT, pc, pc, true);
		return;
	case EXCP_DATA_ABORT:
		latch(cpu, CPU_EV_DABT, pc, 0, false);
		return;
	case EXCP_UDEF:
		if (!(pc & 3) && cpu_read_insn(cpu, pc, &insn) && cpu_sysreg_emulate(cpu, insn)) {
			cpu_reg_set(cpu, UC_ARM64_REG_PC, pc + 4);
			return;
		}
		latch(cpu, CPU_EV_UNDEF, pc, 0, false);
		return;
	default:
		/* Anything else Unicorn raised (e.g. a debug exception): not modelled. */
		fprintf(cpu->opt.fault_report,
			"rmmsim: exception %u raised by the emulator at PC 0x%" PRIx64
			" is not modelled\n", intno, pc);
		cpu->sim_error = true;
		uc_emu_stop(uc);
		return;
	}
}

/* issue 13: SMC and device state are shared by the PEs (--threads: the machine lock). */
static void hook_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct cpu *cpu = opaque;

	smp_hook_enter(cpu);
	hook_intr_locked(uc, intno, cpu);
	smp_hook_exit(cpu);
}

static bool is_sysreg(const uc_arm64_cp_reg *cp, struct cpu_sysreg r)
{
	return cp->op0 == r.op0 && cp->op1 == r.op1 && cp->crn == r.crn && cp->crm == r.crm &&
	       cp->op2 == r.op2;
}

/*
 * The virtual copy of a translation register, or NULL. The hooks run
 * before Unicorn's access check, so a register of a higher EL than the
 * current one (an EL2 register from EL1, an EL1 one from EL0) is left to
 * Unicorn, which makes the access UNDEFINED as on hardware.
 */
static uint64_t *vreg_match(struct cpu *cpu, const uc_arm64_cp_reg *cp)
{
	struct cpu_vregs *v = &cpu->vregs;

	if (is_sysreg(cp, SR_HCR_EL2))
		return &v->hcr_el2;
	if (is_sysreg(cp, SR_SCTLR_EL2))
		return &v->sctlr_el2;
	if (is_sysreg(cp, SR_TCR_EL2))
		return &v->tcr_el2;
	if (is_sysreg(cp, SR_TTBR0_EL2))
		return &v->ttbr0_el2;
	if (is_sysreg(cp, SR_MAIR_EL2))
		return &v->mair_el2;
	if (is_sysreg(cp, SR_SCTLR_EL1))
		return &v->sctlr_el1;
	if (is_sysreg(cp, SR_TCR_EL1))
		return &v->tcr_el1;
	if (is_sysreg(cp, SR_TTBR0_EL1))
		return &v->ttbr0_el1;
	if (is_sysreg(cp, SR_TTBR1_EL1))
		return &v->ttbr1_el1;
	if (is_sysreg(cp, SR_MAIR_EL1))
		return &v->mair_el1;
	return NULL;
}

static uint64_t *vreg_of(struct cpu *cpu, const uc_arm64_cp_reg *cp)
{
	uint64_t *v = vreg_match(cpu, cp);
	unsigned el;

	if (!v)
		return NULL;
	el = (unsigned)(cpu_reg(cpu, UC_ARM64_REG_PSTATE) >> 2) & 3U;
	return el < (cp->op1 == 4 ? 2U : 1U) ? NULL : v;
}

static void set_dest(struct cpu *cpu, uc_arm64_reg reg, uint64_t v)
{
	if (reg != UC_ARM64_REG_XZR && reg != UC_ARM64_REG_INVALID)
		cpu_reg_set(cpu, (int)reg, v);
}

/*
 * issue 12: a generic timer register (timer_regs.c). issue 13: a timer
 * output goes to the shared GIC, under the machine lock. Not before boot:
 * the EL-switch self-test (el_switch.c) runs an MRS while a PE is being
 * started by PSCI CPU_ON from another PE, which already holds that lock.
 */
static bool timer_sysreg(struct cpu *cpu, uc_arm64_reg reg, const uc_arm64_cp_reg *cp)
{
	bool timer;

	if (!cpu->booted)
		return false;
	smp_lock(cpu);
	timer = cpu_timer_sysreg(cpu, reg, cp);
	smp_unlock(cpu);
	return timer;
}

/*
 * A write of a translation register: keep the host's value; the shadow it
 * described is dropped with Unicorn's TLB before the next instruction
 * (Arm ARM D8.13: a TTBR/TCR/SCTLR change needs no TLBI to be seen after
 * the context synchronization; dropping everything is always allowed).
 * SCTLR.A/SA and TCR.TBI also change the real registers (cpu_mmu_apply).
 * HCR_EL2 is virtualized too: its VM/DC/TGE change the EL1&0 regime the
 * simulator walks, never the real register (cpu_mmu.c).
 */
static uint32_t hook_msr(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp,
			 void *opaque)
{
	struct cpu *cpu = opaque;
	uint64_t *v = cpu->booted ? vreg_of(cpu, cp) : NULL;
	bool timer;

	timer = timer_sysreg(cpu, reg, cp);
	if (timer)
		return 1;
	if (cpu_pmu_sysreg(cpu, reg, cp)) /* issue 12: PMU (pmu_regs.c) */
		return 1;
	uint64_t val = cp->val;

	if (!v)
		return 0;
	/* E2H is RES0 without FEAT_VHE (the modelled A72 has none): reads as 0. */
	if (v == &cpu->vregs.hcr_el2)
		val &= ~HCR_E2H;
	if (*v != val) {
		*v = val;
		cpu->flush_pending = true;
		uc_emu_stop(uc);
	}
	return 1; /* skip: the real register stays the shadow's */
}

static uint32_t hook_mrs(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp,
			 void *opaque)
{
	struct cpu *cpu = opaque;
	uint64_t *v = cpu->booted ? vreg_of(cpu, cp) : NULL;
	uint64_t id = 0;
	bool timer;

	timer = timer_sysreg(cpu, reg, cp);
	if (timer)
		return 1;
	/* issue 13: each PE's own affinity (the device tree's cpus node). */
	if (is_sysreg(cp, SR_MPIDR_EL1)) {
		set_dest(cpu, reg, cpu->mpidr);
		return 1;
	}
	if (cpu_pmu_sysreg(cpu, reg, cp)) /* issue 12: PMU (pmu_regs.c) */
		return 1;
	if (v) {
		set_dest(cpu, reg, *v);
		return 1;
	}
	if (is_sysreg(cp, SR_ID_AA64PFR0_EL1)) {
		if (cpu_sysreg_read(cpu, SR_ID_AA64PFR0_EL1, &id) != 0)
			return 0;
		/* RME: the GPC is implemented (FEAT_RME, RME = 0b0001). */
		id = (id & ~(0xFULL << PFR0_RME_SHIFT)) | (1ULL << PFR0_RME_SHIFT);
		/* GIC: system register interface v3.0/4.0 when the platform has a GICv3. */
		id &= ~(0xFULL << PFR0_GIC_SHIFT);
		if (cpu->plat.gicd)
			id |= 1ULL << PFR0_GIC_SHIFT;
		set_dest(cpu, reg, id);
		return 1;
	}
	if (is_sysreg(cp, SR_ID_AA64MMFR0_EL1)) {
		if (cpu_sysreg_read(cpu, SR_ID_AA64MMFR0_EL1, &id) != 0)
			return 0;
		/* 48-bit PAs as the FVP; 4, 16 and 64 KiB granules (sim/src/mmu walks all). */
		id = (id & ~0xFULL & ~MMFR0_TGRAN_MASK) | MMFR0_PARANGE_48 | MMFR0_TGRAN_ALL;
		set_dest(cpu, reg, id);
		return 1;
	}
	return 0;
}

/* SYS instructions: TLBI (op0 = 1, CRn = 8) drops the shadow. */
static uint32_t hook_sys(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp,
			 void *opaque)
{
	struct cpu *cpu = opaque;

	/* AT: answered by the host's own walk, never by the shadow (at.c). */
	if (cp->crn == 7 && cpu->booted && cpu_at(cpu, cp))
		return 1;
	if (cp->crn == 8 && cpu->booted) {
		/*
		 * Unicorn executes the TLBI on its own TLB; the shadow entries go
		 * so that the next miss walks the host's tables again.
		 */
		shadow_reset(cpu);
		cpu->stats.tlbis++;
	}
	return 0;
}

int cpu_hooks_install(struct cpu *cpu, char *err, size_t err_len)
{
	uc_hook h;
	uc_err e = UC_ERR_OK;

	if (cpu->opt.count_insns)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_BLOCK, (void *)hook_block, cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_INTR, (void *)hook_intr, cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_MEM_UNMAPPED, (void *)hook_unmapped, cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_INSN, (void *)hook_msr, cpu, 1, 0,
				UC_ARM64_INS_MSR);
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_INSN, (void *)hook_mrs, cpu, 1, 0,
				UC_ARM64_INS_MRS);
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_INSN, (void *)hook_sys, cpu, 1, 0,
				UC_ARM64_INS_SYS);
	if (e != UC_ERR_OK) {
		snprintf(err, err_len, "emulator: installing hooks: %s", uc_strerror(e));
		return -1;
	}
	return 0;
}
