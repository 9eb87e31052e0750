/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Synchronous exception entry, built by the simulator: Unicorn never
 * enters guest vectors while an interrupt hook is installed and writes no
 * ESR/FAR (DESIGN.md). Every host exception goes through cpu_take_sync():
 * the target EL is routed as the Arm ARM gives it with SCR_EL3 as booted
 * (D1.3.x "Routing of synchronous exceptions", with stage 2 off):
 *  - from EL2: EL2;
 *  - from EL1/EL0: HVC to EL2; everything else to EL1, except from EL0
 *    with HCR_EL2.TGE = 1 (to EL2) and granule protection faults with
 *    HCR_EL2.GPF = 1 (to EL2, FEAT_RME).
 * Then ESR_ELx, FAR_ELx, ELR_ELx, SPSR_ELx of the target, PSTATE = ELxh
 * with DAIF masked, PC = VBAR_ELx + 0x000 (SP_EL0) / 0x200 (SP_ELx) from
 * the same EL or + 0x400 from a lower AArch64 EL (D1.3, "Exception
 * entry"); aborts from a lower EL use EC 0x20/0x24. Only when no vector
 * table is set, a fault hits the vector entry itself, or the EL cannot be
 * changed (el_switch.c) does the run end, with one line.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

#define ESR_EC_UNKNOWN 0x00U
#define ESR_EC_SVC64 0x15U
#define ESR_EC_HVC64 0x16U
#define ESR_EC_IABT_LOW 0x20U   /* instruction abort, from a lower EL */
#define ESR_EC_IABT_CUR 0x21U   /* instruction abort, same EL */
#define ESR_EC_DABT_LOW 0x24U   /* data abort, from a lower EL */
#define ESR_EC_PC_ALIGN 0x22U
#define ESR_EC_DABT_CUR 0x25U   /* data abort, same EL */
#define ESR_EC_BRK64 0x3CU
#define ESR_EC_SHIFT 26U
#define ESR_IL (1ULL << 25)
#define ESR_WNR (1ULL << 6)

#define VECTOR_CUR_SP0_SYNC 0x000U
#define VECTOR_CUR_SPX_SYNC 0x200U
#define VECTOR_LOW64_SYNC 0x400U
#define PSTATE_DAIF_MASKED 0x3C0ULL
#define PSTATE_ELXH(el) (((uint64_t)(el) << 2) | 1ULL) /* M = ELxh */
#define PSTATE_NZCV 0xF0000000ULL
#define PSTATE_SP 1ULL

uint64_t cpu_abort_esr(const struct cpu_abort *ab)
{
	uint64_t esr;

	if (ab->fetch)
		return ((uint64_t)(ab->lower ? ESR_EC_IABT_LOW : ESR_EC_IABT_CUR) << ESR_EC_SHIFT) |
		       ESR_IL | ab->fsc;
	/*
	 * ISV = 0: a fault of the host's own stage 1 (or its GPF), reported in
	 * ESR_EL2 for an access made at EL2, carries no instruction syndrome
	 * (Arm ARM, ESR_ELx ISS encoding for a Data Abort, ISV: valid only for
	 * some stage-2 aborts).
	 */
	esr = ((uint64_t)(ab->lower ? ESR_EC_DABT_LOW : ESR_EC_DABT_CUR) << ESR_EC_SHIFT) |
	      ESR_IL | ab->fsc |
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

unsigned cpu_exc_target(const struct cpu *cpu, unsigned from, enum cpu_exc exc)
{
	uint64_t hcr = cpu->vregs.hcr_el2;

	if (from >= 2 || exc == CPU_EXC_HVC)
		return 2;
	if (from == 0 && (hcr & HCR_TGE))
		return 2;
	if (exc == CPU_EXC_GPF && (hcr & HCR_GPF))
		return 2;
	return 1;
}

static const struct {
	struct cpu_sysreg esr, far, elr, spsr, vbar;
} el_regs[3] = {
	[1] = { SR_ESR_EL1, SR_FAR_EL1, SR_ELR_EL1, SR_SPSR_EL1, SR_VBAR_EL1 },
	[2] = { SR_ESR_EL2, SR_FAR_EL2, SR_ELR_EL2, SR_SPSR_EL2, SR_VBAR_EL2 },
};

/*
 * SP banking of an entry: PSTATE written from outside does not switch the
 * stack pointer (Unicorn keeps the live SP in SP and the others in
 * SP_ELx), so save the old one and load SP_ELx of the target (D1.3.1).
 */
static void bank_sp(struct cpu *cpu, uint64_t old_ps, unsigned to)
{
	unsigned from = (old_ps & PSTATE_SP) ? (unsigned)(old_ps >> 2) & 3U : 0U;

	if (from == to)
		return;
	cpu_reg_set(cpu, UC_ARM64_REG_SP_EL0 + (int)from, cpu_reg(cpu, UC_ARM64_REG_SP));
	cpu_reg_set(cpu, UC_ARM64_REG_SP, cpu_reg(cpu, UC_ARM64_REG_SP_EL0 + (int)to));
}

bool cpu_take_sync(struct cpu *cpu, enum cpu_exc exc, uint64_t esr, uint64_t far, bool far_valid,
		   uint64_t elr, const char *what)
{
	uint64_t vbar = 0, pstate = cpu_reg(cpu, UC_ARM64_REG_PSTATE), off;
	unsigned from = (unsigned)(pstate >> 2) & 3U, to = cpu_exc_target(cpu, from, exc);
	const char *why = NULL;

	if (cpu_sysreg_read(cpu, el_regs[to].vbar, &vbar) != 0)
		vbar = 0;
	off = to > from ? VECTOR_LOW64_SYNC :
	      (pstate & PSTATE_SP) ? VECTOR_CUR_SPX_SYNC : VECTOR_CUR_SP0_SYNC;
	if (vbar == 0)
		why = to == 2 ? "VBAR_EL2 not set" : "VBAR_EL1 not set";
	/* An exception taken inside the synchronous vector entry itself would loop. */
	else if (to == from && elr >= vbar + off && elr < vbar + off + 0x80)
		why = "exception in the vector itself";
	else if (to != from && !cpu->qemu_env)
		why = "the emulator cannot change the exception level here (docs/emulation.md)";
	if (why || cpu->sim_error) {
		fprintf(cpu->opt.fault_report,
			"rmmsim: unhandled %s: FAR 0x%" PRIx64 " PC 0x%" PRIx64 " ESR 0x%" PRIx64
			" EL%u -> EL%u (%s)\n", what, far_valid ? far : 0, elr, esr, from, to,
			why ? why : "simulator error");
		return false;
	}
	cpu_sysreg_write(cpu, el_regs[to].esr, esr);
	if (far_valid)
		cpu_sysreg_write(cpu, el_regs[to].far, far);
	cpu_sysreg_write(cpu, el_regs[to].elr, elr);
	cpu_sysreg_write(cpu, el_regs[to].spsr, pstate);
	bank_sp(cpu, pstate, to);
	if (to == from)
		cpu_reg_set(cpu, UC_ARM64_REG_PSTATE,
			    (pstate & PSTATE_NZCV) | PSTATE_DAIF_MASKED | PSTATE_ELXH(to));
	else if (!cpu_el_switch(cpu, (pstate & PSTATE_NZCV) | PSTATE_DAIF_MASKED | PSTATE_ELXH(to)))
		return false;
	cpu_reg_set(cpu, UC_ARM64_REG_PC, vbar + off);
	cpu->stats.exceptions++;
	return !cpu->sim_error;
}

bool cpu_take_abort(struct cpu *cpu, const struct cpu_abort *abort)
{
	struct cpu_abort a = *abort;
	const struct cpu_abort *ab = &a;
	uint64_t pc = cpu_reg(cpu, UC_ARM64_REG_PC);
	unsigned from = (unsigned)(cpu_reg(cpu, UC_ARM64_REG_PSTATE) >> 2) & 3U;
	bool gpf = ab->kind == CPU_ABORT_GPF || ab->kind == CPU_ABORT_GPF_WALK;
	enum cpu_exc exc = gpf ? CPU_EXC_GPF : CPU_EXC_ABORT;
	uint64_t esr;
	char what[160];

	a.lower = cpu_exc_target(cpu, from, exc) > from;
	esr = cpu_abort_esr(ab);
	if (gpf) {
		cpu->stats.gpfs++;
		cycles_gpf(cpu, ab->far, ab->pa, pc, esr);
	}
	snprintf(what, sizeof(what), "%s at PA 0x%" PRIx64 " (%s)", abort_name(ab), ab->pa,
		 ab->fetch ? "fetch" : ab->wnr ? "write" : "read");
	return cpu_take_sync(cpu, exc, esr, ab->far, true, pc, what);
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
		return cpu_take_sync(cpu, ev.kind == CPU_EV_SVC ? CPU_EXC_OTHER : CPU_EXC_HVC,
				     imm16_esr(ev.kind == CPU_EV_SVC ? ESR_EC_SVC64 : ESR_EC_HVC64,
					       insn),
				     0, false, ev.pc, ev.kind == CPU_EV_SVC ? "SVC" : "HVC");
	case CPU_EV_BRK:
		/* BRK returns to the BRK itself. */
		if (!cpu_read_insn(cpu, ev.pc, &insn))
			insn = 0;
		return cpu_take_sync(cpu, CPU_EXC_OTHER, imm16_esr(ESR_EC_BRK64, insn), 0, false, ev.pc,
				     "BRK");
	case CPU_EV_UNDEF:
		if (ev.pc & 3)
			return cpu_take_sync(cpu, CPU_EXC_ABORT,
					     ((uint64_t)ESR_EC_PC_ALIGN << ESR_EC_SHIFT) | ESR_IL,
					     ev.pc, true, ev.pc, "PC alignment fault");
		return cpu_take_sync(cpu, CPU_EXC_OTHER,
				     ((uint64_t)ESR_EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL, 0,
				     false, ev.pc, "undefined instruction");
	case CPU_EV_NONE:
	case CPU_EV_DABT:
	case CPU_EV_IABT:
	case CPU_EV_UNMAPPED:
		break;
	}
	return true;
}
