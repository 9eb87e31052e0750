/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unicorn hooks of the host engine, all installed before the first run:
 *  - memory read/write hooks bounded to each DRAM bank: the Granule
 *    Protection Check of every host load and store (DESIGN.md: this
 *    replaces uc_mem_protect, which cannot model delegated memory);
 *  - with counting on, a block hook: exact instruction count (block size
 *    / 4), the --max-insns limit and the GPC of instruction fetches;
 *    without it, fetch guards: block hooks bounded to delegated granules;
 *  - the interrupt hook: smc (13), hvc (11), undefined instructions (1);
 *  - the unmapped-access hook: synchronous external aborts;
 *  - MSR/MRS instruction hooks: SCTLR_EL2.M tracking, ID_AA64PFR0_EL1.GIC.
 * Hooks only latch what happened and stop the engine; the run loop in
 * cpu.c and except.c act on it.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

/* QEMU's exception numbers as Unicorn reports them to UC_HOOK_INTR. */
#define EXCP_UDEF 1
#define EXCP_HVC 11
#define EXCP_SMC 13

#define SCTLR_M 1ULL


/*
 * EL2 stage-1 walk (4 KiB granule, TTBR0_EL2 only). Other granules are not
 * modelled: addresses are then taken as identity (docs/emulation.md).
 */
bool cpu_va_to_pa(struct cpu *cpu, uint64_t va, pa_t *pa)
{
	uint64_t tcr = 0, ttbr = 0;
	unsigned t0sz, ia_bits, level;
	pa_t table;

	if (!cpu->mmu_on) {
		*pa = va;
		return true;
	}
	if (cpu_sysreg_read(cpu, SR_TCR_EL2, &tcr) || cpu_sysreg_read(cpu, SR_TTBR0_EL2, &ttbr))
		return false;
	if (((tcr >> 14) & 3) != 0) {
		*pa = va;
		return true;
	}
	t0sz = (unsigned)(tcr & 0x3F);
	if (t0sz < 16)
		t0sz = 16;
	ia_bits = 64 - t0sz;
	if (ia_bits < 25 || (va >> ia_bits) != 0)
		return false;
	level = 4 - (ia_bits - 12 + 8) / 9;
	table = ttbr & 0x0000FFFFFFFFFFFEULL;
	for (;; level++) {
		unsigned shift = 12 + 9 * (3 - level);
		uint64_t idx = (va >> shift) & 0x1FF;
		const uint64_t *d = cpu_ram_ptr(cpu, (table & ~0xFFFULL) + idx * 8, 8);
		uint64_t desc;

		if (!d)
			return false;
		desc = *d;
		if (!(desc & 1))
			return false;
		if (level == 3 || !(desc & 2)) {
			/* Page (level 3) or block (level 1/2). */
			if (level == 3 && !(desc & 2))
				return false;
			pa_t out = desc & 0x0000FFFFFFFFF000ULL & ~((1ULL << shift) - 1);

			*pa = out | (va & ((1ULL << shift) - 1));
			return true;
		}
		table = desc & 0x0000FFFFFFFFF000ULL;
	}
}

static void snapshot_regs(struct cpu *cpu, struct cpu_fault *f)
{
	for (unsigned i = 0; i < CPU_NUM_XREGS; i++) {
		int id = i < 29 ? UC_ARM64_REG_X0 + (int)i : UC_ARM64_REG_X29 + (int)(i - 29);

		f->x[i] = cpu_reg(cpu, id);
	}
	f->sp = cpu_reg(cpu, UC_ARM64_REG_SP);
	f->nzcv = cpu_reg(cpu, UC_ARM64_REG_NZCV);
}

static void latch_fault(struct cpu *cpu, enum cpu_fault_kind kind, uint64_t va, pa_t pa,
			uint64_t pc, bool write)
{
	struct cpu_fault *f = &cpu->fault;

	if (f->kind != CPU_FAULT_NONE)
		return; /* the first fault of the instruction wins */
	f->kind = kind;
	f->va = va;
	f->pa = pa;
	f->pc = pc;
	f->write = write;
	f->old_len = 0;
	snapshot_regs(cpu, f);
	uc_emu_stop(cpu->uc);
}

static bool gpc_denies(struct cpu *cpu, enum gpt_access acc, pa_t pa)
{
	return cpu->plat.gpc && cpu->plat.gpc(cpu->plat.gpc_ctx, acc, pa) != GPT_PASS;
}

static void hook_mem(uc_engine *uc, uc_mem_type type, uint64_t va, int size, int64_t value,
		     void *opaque)
{
	struct cpu *cpu = opaque;
	bool write = type == UC_MEM_WRITE;
	enum gpt_access acc = write ? GPT_ACCESS_WRITE : GPT_ACCESS_READ;
	uint64_t addr = va;
	uint64_t last = va + (uint64_t)(size > 0 ? size - 1 : 0);
	pa_t pa, pa_last;

	if (!cpu_va_to_pa(cpu, va, &pa))
		return;
	pa_last = pa + (last - va);
	/* An access spanning two granules is checked on both. */
	if (!gpc_denies(cpu, acc, pa) &&
	    ((pa_last >> GRANULE_SHIFT) == (pa >> GRANULE_SHIFT) || !gpc_denies(cpu, acc, pa_last)))
		return;
	if (gpc_denies(cpu, acc, pa) == false) {
		/* Only the second granule is denied: FAR is its first byte. */
		va = (last & ~GRANULE_MASK);
		pa = pa_last & ~GRANULE_MASK;
	}
	latch_fault(cpu, CPU_FAULT_GPF_DATA, va, pa, cpu_reg(cpu, UC_ARM64_REG_PC), write);
	if (write && cpu->fault.kind == CPU_FAULT_GPF_DATA && cpu->fault.old_len == 0) {
		/* The store still happens after the hook: keep the old bytes to put back. */
		pa_t start;
		unsigned len = (unsigned)(size > 0 ? size : 0);

		if (len > CPU_UNDO_MAX)
			len = CPU_UNDO_MAX;
		if (cpu_va_to_pa(cpu, addr, &start)) {
			const void *p = cpu_ram_ptr(cpu, start, len);

			if (p) {
				memcpy(cpu->fault.old, p, len);
				cpu->fault.old_va = start;
				cpu->fault.old_len = len;
			}
		}
	}
}

static bool hook_unmapped(uc_engine *uc, uc_mem_type type, uint64_t va, int size,
			  int64_t value, void *opaque)
{
	struct cpu *cpu = opaque;
	bool fetch = type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT;

	latch_fault(cpu, fetch ? CPU_FAULT_EXT_FETCH : CPU_FAULT_EXT_DATA, va, va,
		    fetch ? va : cpu_reg(cpu, UC_ARM64_REG_PC), type == UC_MEM_WRITE_UNMAPPED);
	return false;
}

static void hook_block(uc_engine *uc, uint64_t va, uint32_t size, void *opaque)
{
	struct cpu *cpu = opaque;
	pa_t pa;

	/* issue 12: timer deadline, GIC change or PSTATE poll; the block has not run yet (irq.c) */
	if (cpu->stats.host_insns >= cpu->devs.irq.stop_at && cpu_irq_block(cpu, va, size)) {
		uc_emu_stop(uc);
		return;
	}
	cpu->stats.host_insns += size / 4;
	if (cpu->opt.max_insns && cpu->stats.host_insns > cpu->opt.max_insns) {
		cpu->timeout = true;
		uc_emu_stop(uc);
		return;
	}
	if (cpu->opt.gpc_checks && cpu->plat.gpc && cpu->booted && cpu_va_to_pa(cpu, va, &pa) &&
	    gpc_denies(cpu, GPT_ACCESS_FETCH, pa))
		latch_fault(cpu, CPU_FAULT_GPF_FETCH, va, pa, va, false);
}

/* A block starting in a delegated granule (fetch guard): check it now. */
static void hook_guard(uc_engine *uc, uint64_t va, uint32_t size, void *opaque)
{
	struct cpu *cpu = opaque;
	pa_t pa;

	if (cpu_va_to_pa(cpu, va, &pa) && gpc_denies(cpu, GPT_ACCESS_FETCH, pa))
		latch_fault(cpu, CPU_FAULT_GPF_FETCH, va, pa, va, false);
}

void cpu_guard_apply(struct cpu *cpu)
{
	pa_t pa = cpu->guard_pending[0];
	uc_hook h;

	if (!cpu->guard_pending[1])
		return;
	cpu->guard_pending[1] = 0;
	for (unsigned i = 0; i < cpu->num_guards; i++) {
		if (cpu->guards[i].pa != pa)
			continue;
		if (cpu->guard_add)
			return; /* already guarded */
		if (uc_hook_del(cpu->uc, cpu->guards[i].hook) != UC_ERR_OK)
			cpu->sim_error = true;
		cpu->guards[i] = cpu->guards[--cpu->num_guards];
		return;
	}
	if (!cpu->guard_add)
		return;
	if (cpu->num_guards == CPU_MAX_GUARDS) {
		if (!cpu->guards_full_warned)
			fprintf(cpu->opt.fault_report,
				"rmmsim: more than %u delegated granules: fetches from the others are not checked\n",
				CPU_MAX_GUARDS);
		cpu->guards_full_warned = true;
		return;
	}
	if (uc_hook_add(cpu->uc, &h, UC_HOOK_BLOCK, (void *)hook_guard, cpu, pa,
			pa + GRANULE_SIZE - 1) != UC_ERR_OK ||
	    uc_ctl_remove_cache(cpu->uc, pa, pa + GRANULE_SIZE) != UC_ERR_OK) {
		cpu->sim_error = true;
		return;
	}
	cpu->guards[cpu->num_guards++] = (struct cpu_guard){ .pa = pa, .hook = h };
}

static void hook_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct cpu *cpu = opaque;
	uint64_t pc = cpu_reg(cpu, UC_ARM64_REG_PC);
	uint32_t insn = 0;

	switch (intno) {
	case EXCP_SMC:
		cpu_smc(cpu);
		return;
	case EXCP_HVC:
		/* Nothing runs above NS-EL2: SMCCC "not supported". */
		cpu_reg_set(cpu, UC_ARM64_REG_X0, (uint64_t)-1);
		return;
	case EXCP_UDEF:
		if (uc_mem_read(uc, pc, &insn, sizeof(insn)) == UC_ERR_OK &&
		    cpu_sysreg_emulate(cpu, insn)) {
			cpu_reg_set(cpu, UC_ARM64_REG_PC, pc + 4);
			return;
		}
		latch_fault(cpu, CPU_FAULT_UNDEF, pc, pc, pc, false);
		return;
	default:
		/* An exception Unicorn raised itself (e.g. an MMU fault): not modelled. */
		fprintf(cpu->opt.fault_report,
			"rmmsim: exception %u raised by the emulator at PC 0x%" PRIx64
			" is not modelled\n", intno, pc);
		latch_fault(cpu, CPU_FAULT_UNDEF, pc, pc, pc, false);
		cpu->sim_error = true;
		return;
	}
}

static bool is_sysreg(const uc_arm64_cp_reg *cp, struct cpu_sysreg r)
{
	return cp->op0 == r.op0 && cp->op1 == r.op1 && cp->crn == r.crn && cp->crm == r.crm &&
	       cp->op2 == r.op2;
}

/*
 * System register moves Unicorn implements itself: track SCTLR_EL2.M
 * (a write is the only way the EL2 MMU turns on or off) and report a GICv3
 * CPU interface in ID_AA64PFR0_EL1.GIC, which Unicorn reads as 0.
 */
static uint32_t hook_sys(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp,
			 void *opaque)
{
	struct cpu *cpu = opaque;
	uint64_t v = 0;

	if (cpu_timer_sysreg(cpu, reg, cp)) /* issue 12: generic timers (timer_regs.c) */
		return 1;
	if (is_sysreg(cp, SR_SCTLR_EL2)) {
		cpu->mmu_on = cp->val & SCTLR_M;
		return 0;
	}
	if (is_sysreg(cp, SR_ID_AA64PFR0_EL1) && cpu->plat.gicd) {
		if (cpu_sysreg_read(cpu, SR_ID_AA64PFR0_EL1, &v) != 0)
			return 0;
		v = (v & ~(0xFULL << 24)) | (1ULL << 24); /* GIC: system registers v3.0/4.0 */
		if (reg != UC_ARM64_REG_XZR && reg != UC_ARM64_REG_INVALID)
			cpu_reg_set(cpu, (int)reg, v);
		return 1; /* skip: the result is ours */
	}
	return 0;
}

int cpu_hooks_install(struct cpu *cpu, char *err, size_t err_len)
{
	uc_hook h;
	uc_err e = UC_ERR_OK;

	if (cpu->opt.gpc_checks && cpu->plat.gpc) {
		for (unsigned i = 0; i < cpu->plat.num_ram && e == UC_ERR_OK; i++) {
			const struct cpu_ram *r = &cpu->plat.ram[i];

			e = uc_hook_add(cpu->uc, &h, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
					(void *)hook_mem, cpu, r->base, r->base + r->size - 1);
		}
	}
	if (e == UC_ERR_OK && cpu->opt.count_insns)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_BLOCK, (void *)hook_block, cpu, 1, 0);
	cpu->use_guards = !cpu->opt.count_insns && cpu->opt.gpc_checks && cpu->plat.gpc;
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_INTR, (void *)hook_intr, cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_MEM_UNMAPPED, (void *)hook_unmapped, cpu, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_INSN, (void *)hook_sys, cpu, 1, 0,
				UC_ARM64_INS_MSR);
	if (e == UC_ERR_OK)
		e = uc_hook_add(cpu->uc, &h, UC_HOOK_INSN, (void *)hook_sys, cpu, 1, 0,
				UC_ARM64_INS_MRS);
	if (e != UC_ERR_OK) {
		snprintf(err, err_len, "emulator: installing hooks: %s", uc_strerror(e));
		return -1;
	}
	return 0;
}
