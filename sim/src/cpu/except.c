/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Synchronous exception entry at EL2, built by the simulator: Unicorn never
 * enters guest vectors while an interrupt hook is installed and writes no
 * ESR/FAR (DESIGN.md). Every host exception goes through cpu_take_sync():
 * ESR_EL2, FAR_EL2, ELR_EL2, SPSR_EL2, PSTATE = EL2h with DAIF masked,
 * PC = VBAR_EL2 + 0x000 (SP_EL0) or 0x200 (SP_EL2) (Arm ARM D1.3, "Exception
 * entry"). Only when no vector table is set, or a fault hits the vector
 * entry itself, does the run end, with one line.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

#define ESR_EC_UNKNOWN 0x00U
#define ESR_EC_SVC64 0x15U
#define ESR_EC_HVC64 0x16U
#define ESR_EC_IABT_CUR 0x21U   /* instruction abort, same EL */
#define ESR_EC_PC_ALIGN 0x22U
#define ESR_EC_DABT_CUR 0x25U   /* data abort, same EL */
#define ESR_EC_BRK64 0x3CU
#define ESR_EC_SHIFT 26U
#define ESR_IL (1ULL << 25)
#define ESR_WNR (1ULL << 6)

#define VECTOR_CUR_SP0_SYNC 0x000U
#define VECTOR_CUR_SPX_SYNC 0x200U
#define PSTATE_EL2H_MASKED 0x3C9ULL /* D, A, I, F masked; M = EL2h */
#define PSTATE_NZCV 0xF0000000ULL
#define PSTATE_SP 1ULL

uint64_t cpu_abort_esr(const struct cpu_abort *ab)
{
	uint64_t esr;

	if (ab->fetch)
		return ((uint64_t)ESR_EC_IABT_CUR << ESR_EC_SHIFT) | ESR_IL | ab->fsc;
	/*
	 * ISV = 0: a fault of the host's own stage 1 (or its GPF), reported in
	 * ESR_EL2 for an access made at EL2, carries no instruction syndrome
	 * (Arm ARM, ESR_ELx ISS encoding for a Data Abort, ISV: valid only for
	 * some stage-2 aborts).
	 */
	esr = ((uint64_t)ESR_EC_DABT_CUR << ESR_EC_SHIFT) | ESR_IL | ab->fsc |
	      (ab->wnr ? ESR_WNR : 0);
	return esr;
}

static const char *abort_name(const struct cpu_abort *ab)
{
	switch (ab->kind) {
	case CPU_ABORT_GPF:
		return ab->fetch ? "granule protection fault (instruction fetch)" :
				   "granule protection fault (data)";
	case CPU_ABORT_GPF_WALK:
		return "granule protection fault on a translation table walk";
	case CPU_ABORT_SEA:
		return ab->fetch ? "synchronous external abort (fetch, no memory at the address)" :
				   "synchronous external abort (data, no memory at the address)";
	case CPU_ABORT_ALIGN:
		return "alignment fault";
	case CPU_ABORT_MMU:
		break;
	}
	return ab->fetch ? "instruction abort (stage-1 translation)" :
			   "data abort (stage-1 translation)";
}

bool cpu_take_sync(struct cpu *cpu, uint64_t esr, uint64_t far, bool far_valid, uint64_t elr,
		   const char *what)
{
	uint64_t vbar = 0, pstate = cpu_reg(cpu, UC_ARM64_REG_PSTATE), off;
	bool in_vector;

	if (cpu_sysreg_read(cpu, SR_VBAR_EL2, &vbar) != 0)
		vbar = 0;
	off = (pstate & PSTATE_SP) ? VECTOR_CUR_SPX_SYNC : VECTOR_CUR_SP0_SYNC;
	/* An exception taken inside the synchronous vector entry itself would loop. */
	in_vector = vbar && elr >= vbar + off && elr < vbar + off + 0x80;
	if (vbar == 0 || in_vector || cpu->sim_error) {
		fprintf(cpu->opt.fault_report,
			"rmmsim: unhandled %s: FAR 0x%" PRIx64 " PC 0x%" PRIx64 " ESR 0x%" PRIx64
			" (%s)\n", what, far_valid ? far : 0, elr, esr,
			vbar == 0 ? "VBAR_EL2 not set" : "exception in the vector itself");
		return false;
	}
	cpu_sysreg_write(cpu, SR_ESR_EL2, esr);
	if (far_valid)
		cpu_sysreg_write(cpu, SR_FAR_EL2, far);
	cpu_sysreg_write(cpu, SR_ELR_EL2, elr);
	cpu_sysreg_write(cpu, SR_SPSR_EL2, pstate);
	cpu_reg_set(cpu, UC_ARM64_REG_PSTATE, (pstate & PSTATE_NZCV) | PSTATE_EL2H_MASKED);
	cpu_reg_set(cpu, UC_ARM64_REG_PC, vbar + off);
	cpu->stats.exceptions++;
	return !cpu->sim_error;
}

bool cpu_take_abort(struct cpu *cpu, const struct cpu_abort *ab)
{
	uint64_t esr = cpu_abort_esr(ab);
	uint64_t pc = cpu_reg(cpu, UC_ARM64_REG_PC);
	char what[160];

	if (ab->kind == CPU_ABORT_GPF || ab->kind == CPU_ABORT_GPF_WALK) {
		cpu->stats.gpfs++;
		cycles_gpf(cpu, ab->far, ab->pa, pc, esr);
	}
	snprintf(what, sizeof(what), "%s at PA 0x%" PRIx64 " (%s)", abort_name(ab), ab->pa,
		 ab->fetch ? "fetch" : ab->wnr ? "write" : "read");
	return cpu_take_sync(cpu, esr, ab->far, true, pc, what);
}

static uint64_t imm16_esr(unsigned ec, uint32_t insn)
{
	return ((uint64_t)ec << ESR_EC_SHIFT) | ESR_IL | ((insn >> 5) & 0xFFFFU);
}

bool cpu_take_event(struct cpu *cpu)
{
	struct cpu_event ev = cpu->ev;
	uint32_t insn = 0;

	cpu->ev.kind = CPU_EV_NONE;
	switch (ev.kind) {
	case CPU_EV_SVC:
	case CPU_EV_HVC:
		/* PC is past the instruction: the preferred return address (D1.10.1). */
		if (!cpu_read_insn(cpu, ev.pc - 4, &insn))
			insn = 0;
		return cpu_take_sync(cpu, imm16_esr(ev.kind == CPU_EV_SVC ? ESR_EC_SVC64 :
								     ESR_EC_HVC64, insn),
				     0, false, ev.pc, ev.kind == CPU_EV_SVC ? "SVC" : "HVC");
	case CPU_EV_BRK:
		/* BRK returns to the BRK itself. */
		if (!cpu_read_insn(cpu, ev.pc, &insn))
			insn = 0;
		return cpu_take_sync(cpu, imm16_esr(ESR_EC_BRK64, insn), 0, false, ev.pc, "BRK");
	case CPU_EV_UNDEF:
		if (ev.pc & 3)
			return cpu_take_sync(cpu, ((uint64_t)ESR_EC_PC_ALIGN << ESR_EC_SHIFT) | ESR_IL,
					     ev.pc, true, ev.pc, "PC alignment fault");
		return cpu_take_sync(cpu, ((uint64_t)ESR_EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL, 0,
				     false, ev.pc, "undefined instruction");
	case CPU_EV_NONE:
	case CPU_EV_DABT:
	case CPU_EV_IABT:
	case CPU_EV_UNMAPPED:
		break;
	}
	return true;
}
