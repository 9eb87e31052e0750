/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Synchronous exception entry at EL2, built by the simulator (Unicorn never
 * enters guest vectors while an interrupt hook is installed, DESIGN.md).
 * A faulting access has already happened when the hook stops the engine:
 * it is undone first (registers from the snapshot taken before it, bytes a
 * store overwrote), so the handler sees the state a precise abort leaves.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

#define ESR_EC_UNKNOWN 0x00U
#define ESR_EC_IABT_CUR 0x21U   /* instruction abort, same EL */
#define ESR_EC_DABT_CUR 0x25U   /* data abort, same EL */
#define ESR_EC_SHIFT 26U
#define ESR_IL (1ULL << 25)
#define ESR_WNR (1ULL << 6)
#define FSC_SEA 0x10U           /* synchronous external abort, not on a walk */
#define FSC_GPF 0x28U           /* granule protection fault, not on a walk */

#define VECTOR_CUR_SPX_SYNC 0x200U
#define PSTATE_EL2H_MASKED 0x3C9ULL /* D, A, I, F masked; M = EL2h */

uint64_t cpu_fault_esr(const struct cpu_fault *f)
{
	uint64_t ec, fsc;

	switch (f->kind) {
	case CPU_FAULT_GPF_DATA:
		ec = ESR_EC_DABT_CUR;
		fsc = FSC_GPF;
		break;
	case CPU_FAULT_GPF_FETCH:
		ec = ESR_EC_IABT_CUR;
		fsc = FSC_GPF;
		break;
	case CPU_FAULT_EXT_DATA:
		ec = ESR_EC_DABT_CUR;
		fsc = FSC_SEA;
		break;
	case CPU_FAULT_EXT_FETCH:
		ec = ESR_EC_IABT_CUR;
		fsc = FSC_SEA;
		break;
	case CPU_FAULT_UNDEF:
	case CPU_FAULT_NONE:
	default:
		return ((uint64_t)ESR_EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL;
	}
	/* ISV = 0: no instruction syndrome (docs/emulation.md). WnR only for data aborts. */
	return (ec << ESR_EC_SHIFT) | ESR_IL | fsc |
	       (ec == ESR_EC_DABT_CUR && f->write ? ESR_WNR : 0);
}

static const char *fault_name(enum cpu_fault_kind k)
{
	switch (k) {
	case CPU_FAULT_GPF_DATA:
		return "granule protection fault (data)";
	case CPU_FAULT_GPF_FETCH:
		return "granule protection fault (instruction fetch)";
	case CPU_FAULT_EXT_DATA:
		return "synchronous external abort (data, unmapped address)";
	case CPU_FAULT_EXT_FETCH:
		return "synchronous external abort (fetch, unmapped address)";
	case CPU_FAULT_UNDEF:
		return "undefined instruction";
	case CPU_FAULT_NONE:
		break;
	}
	return "none";
}

void cpu_fault_report(struct cpu *cpu, uint64_t esr)
{
	const struct cpu_fault *f = &cpu->fault;

	fprintf(cpu->opt.fault_report,
		"rmmsim: unhandled %s: PA 0x%" PRIx64 " VA 0x%" PRIx64 " PC 0x%" PRIx64
		" ESR 0x%" PRIx64 " (%s; VBAR_EL2 not set or fault in the vector)\n",
		fault_name(f->kind), f->pa, f->va, f->pc, esr, f->write ? "write" : "read");
}

static void undo_access(struct cpu *cpu)
{
	struct cpu_fault *f = &cpu->fault;

	for (unsigned i = 0; i < CPU_NUM_XREGS; i++) {
		int id = i < 29 ? UC_ARM64_REG_X0 + (int)i : UC_ARM64_REG_X29 + (int)(i - 29);

		cpu_reg_set(cpu, id, f->x[i]);
	}
	cpu_reg_set(cpu, UC_ARM64_REG_SP, f->sp);
	cpu_reg_set(cpu, UC_ARM64_REG_NZCV, f->nzcv);
	if (f->old_len) {
		void *p = cpu_ram_ptr(cpu, f->old_va, f->old_len);

		if (p)
			memcpy(p, f->old, f->old_len);
	}
}

bool cpu_deliver_fault(struct cpu *cpu)
{
	struct cpu_fault *f = &cpu->fault;
	uint64_t esr = cpu_fault_esr(f);
	uint64_t vbar = 0, pstate;
	bool in_vector;

	if (f->kind != CPU_FAULT_UNDEF)
		undo_access(cpu);
	if (cpu_sysreg_read(cpu, SR_VBAR_EL2, &vbar) != 0)
		vbar = 0;
	/* A fault taken inside the synchronous vector itself would loop forever. */
	in_vector = vbar && f->pc >= vbar + VECTOR_CUR_SPX_SYNC &&
		    f->pc < vbar + VECTOR_CUR_SPX_SYNC + 0x80;
	if (vbar == 0 || in_vector || cpu->sim_error) {
		cpu_fault_report(cpu, esr);
		f->kind = CPU_FAULT_NONE;
		return false;
	}
	pstate = cpu_reg(cpu, UC_ARM64_REG_PSTATE);
	cpu_sysreg_write(cpu, SR_ESR_EL2, esr);
	cpu_sysreg_write(cpu, SR_FAR_EL2, f->va);
	cpu_sysreg_write(cpu, SR_ELR_EL2, f->pc);
	cpu_sysreg_write(cpu, SR_SPSR_EL2, pstate);
	cpu_reg_set(cpu, UC_ARM64_REG_PSTATE, PSTATE_EL2H_MASKED);
	cpu_reg_set(cpu, UC_ARM64_REG_PC, vbar + VECTOR_CUR_SPX_SYNC);
	if (f->kind == CPU_FAULT_GPF_DATA || f->kind == CPU_FAULT_GPF_FETCH) {
		cpu->stats.gpfs++;
		cycles_gpf(cpu, f->va, f->pa, f->pc, esr);
	}
	f->kind = CPU_FAULT_NONE;
	return !cpu->sim_error;
}
