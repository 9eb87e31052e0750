/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals of sim_cpu shared by its files (not installed). */
#ifndef SIM_CPU_PRIVATE_H
#define SIM_CPU_PRIVATE_H

#include <unicorn/unicorn.h>

#include "cpu.h"
#include "cycles.h"
#include "dev.h"

/* AArch64 system register encodings used with UC_ARM64_REG_CP_REG. */
struct cpu_sysreg {
	uint8_t op0, op1, crn, crm, op2;
};
#define SYSREG(o0, o1, n, m, o2) ((struct cpu_sysreg){ (o0), (o1), (n), (m), (o2) })
#define SR_SCR_EL3 SYSREG(3, 6, 1, 1, 0)
#define SR_SPSR_EL3 SYSREG(3, 6, 4, 0, 0)
#define SR_ELR_EL3 SYSREG(3, 6, 4, 0, 1)
#define SR_HCR_EL2 SYSREG(3, 4, 1, 1, 0)
#define SR_SCTLR_EL2 SYSREG(3, 4, 1, 0, 0)
#define SR_TTBR0_EL2 SYSREG(3, 4, 2, 0, 0)
#define SR_TCR_EL2 SYSREG(3, 4, 2, 0, 2)
#define SR_SPSR_EL2 SYSREG(3, 4, 4, 0, 0)
#define SR_ELR_EL2 SYSREG(3, 4, 4, 0, 1)
#define SR_ESR_EL2 SYSREG(3, 4, 5, 2, 0)
#define SR_FAR_EL2 SYSREG(3, 4, 6, 0, 0)
#define SR_VBAR_EL2 SYSREG(3, 4, 12, 0, 0)
#define SR_ID_AA64PFR0_EL1 SYSREG(3, 0, 0, 4, 0)

/* A synchronous exception the simulator must deliver to the host's EL2 vector. */
enum cpu_fault_kind {
	CPU_FAULT_NONE = 0,
	CPU_FAULT_GPF_DATA,       /* data access denied by the GPC */
	CPU_FAULT_GPF_FETCH,      /* instruction fetch denied by the GPC */
	CPU_FAULT_EXT_DATA,       /* load/store to nothing: synchronous external abort */
	CPU_FAULT_EXT_FETCH,
	CPU_FAULT_UNDEF,          /* undefined instruction not emulated here */
};

#define CPU_UNDO_MAX 64U         /* largest single store: DC ZVA block */
#define CPU_NUM_XREGS 31U

struct cpu_fault {
	enum cpu_fault_kind kind;
	uint64_t va;
	pa_t pa;
	uint64_t pc;
	bool write;
	/* Undo state, captured in the memory hook before the access happened. */
	uint64_t x[CPU_NUM_XREGS];
	uint64_t sp, nzcv;
	uint8_t old[CPU_UNDO_MAX];
	uint64_t old_va;
	unsigned old_len;
};

/*
 * Fetch guards: without instruction counting there is no global block hook
 * (it stops translation-block chaining: ~20x on tight loops). Instead each
 * delegated granule gets a block hook bounded to it, added after the
 * RMI_GRANULE_DELEGATE that made it Realm; its cached code is dropped so it
 * is translated again with the hook.
 */
#define CPU_MAX_GUARDS 4096U
struct cpu_guard {
	pa_t pa;
	uc_hook hook;
};

struct cpu {
	uc_engine *uc;
	struct cpu_platform plat;
	struct cpu_options opt;
	uint8_t *nv;
	uint64_t entry;
	bool have_entry;
	bool booted;             /* past the boot ROM: GPC of fetches applies */
	bool mmu_on;             /* SCTLR_EL2.M, tracked by the MSR hook */
	pa_t dtb_pa;
	/* Loaded segments, to keep the DTB clear of them. */
	pa_t load_lo, load_hi;

	/* Stop reasons latched by hooks; the run loop acts on them. */
	struct cpu_fault fault;
	enum cpu_power power;
	bool timeout;
	bool sim_error;
	uint64_t exit_status;

	bool use_guards;          /* GPC of fetches through fetch guards */
	struct cpu_guard guards[CPU_MAX_GUARDS];
	unsigned num_guards;
	pa_t guard_pending[2];    /* granule (un)delegated by the last SMC, +1 = set */
	bool guard_add;
	bool guards_full_warned;

	struct cpu_devs devs;
	struct cpu_cycles cyc;
	struct cpu_stats stats;
};

int cpu_sysreg_read(struct cpu *cpu, struct cpu_sysreg r, uint64_t *val);
int cpu_sysreg_write(struct cpu *cpu, struct cpu_sysreg r, uint64_t val);
uint64_t cpu_reg(struct cpu *cpu, int regid);
void cpu_reg_set(struct cpu *cpu, int regid, uint64_t val);

/* hooks.c */
/* Applies the fetch guard change the last SMC asked for (run loop, outside hooks). */
void cpu_guard_apply(struct cpu *cpu);
int cpu_hooks_install(struct cpu *cpu, char *err, size_t err_len);
/* Translates a host VA (EL2 stage 1 when SCTLR_EL2.M) to a PA; false on a walk failure. */
bool cpu_va_to_pa(struct cpu *cpu, uint64_t va, pa_t *pa);
/* Host pointer of DRAM at @pa for @len bytes, or NULL. */
void *cpu_ram_ptr(struct cpu *cpu, pa_t pa, uint64_t len);

/* except.c */
/* Undoes the faulting access and enters the EL2 vector; false = unhandled (report printed). */
bool cpu_deliver_fault(struct cpu *cpu);
void cpu_fault_report(struct cpu *cpu, uint64_t esr);
uint64_t cpu_fault_esr(const struct cpu_fault *f);

/* sysreg.c: emulates an MRS/MSR Unicorn does not implement; false = not ours. */
bool cpu_sysreg_emulate(struct cpu *cpu, uint32_t insn);

/* smc.c: one SMC from the host (hook context). */
void cpu_smc(struct cpu *cpu);

#endif /* SIM_CPU_PRIVATE_H */
