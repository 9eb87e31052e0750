/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals of sim_cpu shared by its files (not installed). */
#ifndef SIM_CPU_PRIVATE_H
#define SIM_CPU_PRIVATE_H

#include <unicorn/unicorn.h>

#include "cpu.h"
#include "cycles.h"
#include "dev.h"
#include "a64_mem.h"
#include "mmu.h"

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
#define SR_ID_AA64MMFR0_EL1 SYSREG(3, 0, 0, 7, 0)
#define SR_MAIR_EL2 SYSREG(3, 4, 10, 2, 0)
#define SR_SCTLR_EL1 SYSREG(3, 0, 1, 0, 0)
#define SR_TTBR0_EL1 SYSREG(3, 0, 2, 0, 0)
#define SR_TTBR1_EL1 SYSREG(3, 0, 2, 0, 1)
#define SR_TCR_EL1 SYSREG(3, 0, 2, 0, 2)
#define SR_MAIR_EL1 SYSREG(3, 0, 10, 2, 0)
#define SR_SPSR_EL1 SYSREG(3, 0, 4, 0, 0)
#define SR_ELR_EL1 SYSREG(3, 0, 4, 0, 1)
#define SR_ESR_EL1 SYSREG(3, 0, 5, 2, 0)
#define SR_FAR_EL1 SYSREG(3, 0, 6, 0, 0)
#define SR_VBAR_EL1 SYSREG(3, 0, 12, 0, 0)
#define SR_PAR_EL1 SYSREG(3, 0, 7, 4, 0)

/* HCR_EL2 fields the simulator acts on (Arm ARM D19.2.48). */
#define HCR_VM (1ULL << 0)
#define HCR_RW_BIT (1ULL << 31)
#define HCR_DC (1ULL << 12)
#define HCR_TGE (1ULL << 27)
#define HCR_E2H (1ULL << 34)
#define HCR_GPF (1ULL << 50)
#define SR_MPIDR_EL1 SYSREG(3, 0, 0, 0, 5)


/*
 * The PA space Unicorn's A72 model can address (ID_AA64MMFR0_EL1.PARange
 * 44 bits as Unicorn implements it) and the one the host is told it has
 * (48 bits, as the FVP): memory must lie below the first (cpu_create
 * refuses the rest); a PA between the two reaches no device.
 */
#define CPU_EMU_PA_BITS 44U
#define CPU_EMU_PA_LIMIT (1ULL << CPU_EMU_PA_BITS)
#define CPU_PA_BITS 48U

#define CPU_NUM_XREGS 31U

struct cpu_smp;

/* What a hook latched for the run loop (hooks only record and stop). */
enum cpu_event_kind {
	CPU_EV_NONE = 0,
	CPU_EV_DABT,        /* data abort raised by Unicorn's shadow walk (intno 4) */
	CPU_EV_IABT,        /* instruction abort (intno 3) */
	CPU_EV_UNMAPPED,    /* VA outside Unicorn's memory map */
	CPU_EV_UNDEF,       /* undefined instruction not emulated here (intno 1) */
	CPU_EV_SVC,         /* intno 2, PC past the SVC */
	CPU_EV_HVC,         /* intno 11, PC past the HVC */
	CPU_EV_BRK,         /* intno 7 */
};

struct cpu_event {
	enum cpu_event_kind kind;
	uint64_t pc;        /* PC Unicorn reported */
	uint64_t va;        /* CPU_EV_UNMAPPED: the address */
	bool fetch;         /* CPU_EV_UNMAPPED: an instruction fetch */
};

/* An abort the simulator enters at the host's vector (abort.c -> except.c). */
enum cpu_abort_kind {
	CPU_ABORT_MMU,      /* address size, translation, access flag, permission, SEA on walk */
	CPU_ABORT_GPF_WALK, /* GPF on a descriptor read (FSC 0x24..0x27) */
	CPU_ABORT_GPF,      /* GPF of the access (FSC 0x28) */
	CPU_ABORT_SEA,      /* nothing at the PA (FSC 0x10) */
	CPU_ABORT_ALIGN,    /* alignment fault (FSC 0x21) */
};
#define CPU_FSC_SEA 0x10U
#define CPU_FSC_ALIGN 0x21U
#define CPU_FSC_GPF 0x28U

struct cpu_abort {
	enum cpu_abort_kind kind;
	bool fetch;
	unsigned fsc;
	uint64_t far;
	pa_t pa;            /* for reports and the trace */
	bool wnr;
	bool lower;         /* taken from a lower EL: EC 0x20/0x24 (set by cpu_take_abort) */
};

/* What a synchronous exception is, for its routing (except.c). */
enum cpu_exc {
	CPU_EXC_ABORT,      /* stage-1 fault, alignment, SEA, PC alignment */
	CPU_EXC_GPF,        /* granule protection fault (access or walk) */
	CPU_EXC_HVC,
	CPU_EXC_OTHER,      /* SVC, BRK, undefined instruction */
};

/* The translation registers as the host wrote them (hooks.c virtualizes them). */
struct cpu_vregs {
	uint64_t hcr_el2;
	uint64_t sctlr_el2, tcr_el2, ttbr0_el2, mair_el2;
	uint64_t sctlr_el1, tcr_el1, ttbr0_el1, ttbr1_el1, mair_el1;
};

/* Shadow translation tables (shadow.c). */
#define CPU_SHADOW_TABLES 4096U   /* 16 MiB pool of 4 KiB tables */
#define CPU_MAX_VA_CHUNKS 64U     /* 512 GiB VA chunks covered by placeholders */
struct shadow_perm {
	bool write, exec, device;   /* EL2 regime; EL1&0: the privileged (EL1) rights */
	bool el0_read, el0_write, el0_exec; /* EL1&0 only: EL0's rights */
	bool for_el0;               /* EL1&0: the access being filled is made at EL0 */
};
#define CPU_SHADOW_PA_BITS 32768U
struct cpu_shadow {
	uint8_t *host;
	pa_t base;
	unsigned ntables, used;
	pa_t root_el2, root_el1, root_el1_hi; /* EL1&0: TTBR0 and TTBR1 halves */
	uint64_t pages;
	bool live;          /* Unicorn's TLB may hold translations to host PAs */
	uint64_t resets, tlb_flushes;
	/*
	 * Granules any shadow entry has mapped since the last reset, hashed
	 * (PA granule number mod CPU_SHADOW_PA_BITS): a clear bit proves the
	 * shadow, hence Unicorn's TLB, holds no translation to that granule.
	 */
	uint64_t pa_seen[CPU_SHADOW_PA_BITS / 64U];
	void *ph_host;      /* PROT_NONE reservation behind every placeholder */
	uint64_t chunks[CPU_MAX_VA_CHUNKS];
	unsigned num_chunks;
	bool last_fill_valid;
	uint64_t last_fill_sig, last_fill_insns, last_fill_resets;
	unsigned repeat;
};

/* MMIO regions, for the memory map the walk and the aborts see. */
#define CPU_MAX_MMIO 16U
struct cpu_mmio {
	pa_t base;
	uint64_t size;
	/* issue 13: the device's callbacks, called under the machine lock (cpu.c). */
	uc_cb_mmio_read_t rd;
	uc_cb_mmio_write_t wr;
	void *rd_ctx, *wr_ctx;
	struct cpu *cpu;
	bool gic;           /* a write may signal another PE */
};

enum cpu_pa_kind {
	CPU_PA_NONE = 0,
	CPU_PA_RAM,         /* DRAM or NV: readable by the simulator */
	CPU_PA_MMIO,
};

struct cpu {
	uc_engine *uc;
	struct cpu_platform plat;
	struct cpu_options opt;
	uint8_t *nv;
	uint64_t entry;
	bool have_entry;
	bool booted;             /* past the boot ROM: the shadow MMU is live */
	pa_t dtb_pa;
	/* Loaded segments, to keep the DTB clear of them. */
	pa_t load_lo, load_hi;

	/* Stop reasons latched by hooks; the run loop acts on them. */
	struct cpu_event ev;
	enum cpu_power power;
	enum cpu_wdog_event wdog_reset_by; /* CPU_POWER_WDOG_RESET: which watchdog */
	bool timeout;
	bool sim_error;
	bool flush_pending;      /* drop the shadow and Unicorn's TLB before running on */
	uint64_t pas_epoch;      /* platform PAS-change count last seen */
	uint64_t exit_status;

	struct cpu_vregs vregs;
	struct cpu_vregs boot_vregs;  /* as cpu_boot left them, for a platform reset */
	struct cpu_shadow shadow;
	void *qemu_env;          /* el_switch.c: Unicorn's CPU state, NULL if not usable */
	struct cpu_mmio mmio[CPU_MAX_MMIO];
	unsigned num_mmio;

	struct cpu_devs devs;
	struct cpu_cycles cyc;
	struct cpu_stats stats;

	/* issue 13: this PE among the machine's (smp.c). */
	struct cpu_smp *smp;     /* shared by every PE, owned by PE 0 */
	unsigned pe;             /* index: PSCI, GIC redistributor and CPU interface */
	uint64_t mpidr;          /* MPIDR_EL1 as this PE reads it */
	uint64_t quantum_end;    /* host_insns at which hook_block yields; UINT64_MAX = never */
	/*
	 * hook_block's fast path leaves for its slow one once host_insns
	 * reaches this or stop_at: quantum_end, or 0 (every block) while the
	 * PMU tracks ELs or --max-insns counts down (cpu_hot_limit_update).
	 */
	uint64_t hot_limit;
	bool yield;              /* the last stop ended the quantum */
	bool asleep;             /* in WFI (or CPU_SUSPEND) with nothing signalled */
	bool psci_off;           /* CPU_OFF accepted in this SMC */
	bool psci_standby;       /* CPU_SUSPEND accepted: sleep as after a WFI */
	bool psci_resume;        /* ... power down: restart at resume_entry on wake-up */
	uint64_t resume_entry, resume_ctx;
	int in_engine;           /* --threads: inside uc_emu_start (atomic) */
	uint64_t engine_exits;   /* --threads: uc_emu_start returns (atomic) */
};

/* After a change of quantum_end, devs.pmu.track_el or opt.max_insns. */
static inline void cpu_hot_limit_update(struct cpu *cpu)
{
	cpu->hot_limit = (cpu->devs.pmu.track_el || cpu->opt.max_insns) ? 0 : cpu->quantum_end;
}

static inline void cpu_set_quantum_end(struct cpu *cpu, uint64_t v)
{
	cpu->quantum_end = v;
	cpu_hot_limit_update(cpu);
}

/* smp.c: the PEs, their scheduling and the threaded mode. */
enum cpu_step {
	CPU_STEP_YIELD = 0,      /* quantum over */
	CPU_STEP_SLEEP,          /* WFI or CPU_SUSPEND with nothing signalled */
	CPU_STEP_OFF,            /* CPU_OFF */
	CPU_STEP_END,            /* the run ends (*why) */
};
/* cpu.c: runs one PE until its quantum ends, it sleeps or powers off, or the run ends. */
enum cpu_step cpu_step(struct cpu *cpu, enum cpu_exit *why);
/* cpu.c: a secondary PE sharing @primary's memory, devices and GIC. */
struct cpu *cpu_create_pe(struct cpu *primary, unsigned pe, char *err, size_t err_len);
/* boot.c: reset into NS-EL2 at @entry, MMU off, X0 = @x0 (CPU_ON, power-down resume). */
int cpu_boot_at(struct cpu *cpu, uint64_t entry, uint64_t x0, char *err, size_t err_len);
int smp_init(struct cpu *primary, char *err, size_t err_len);
void smp_fini(struct cpu *primary);
enum cpu_exit smp_run(struct cpu *primary);
/* More than one PE is not OFF: WFI sleeps in the scheduler, not in place. */
bool smp_multi(const struct cpu *cpu);
/* --threads: the machine lock around shared state (no-ops when interleaved). */
void smp_lock(struct cpu *cpu);
void smp_unlock(struct cpu *cpu);
/* A hook touching shared state: leaves the engine (SMC, UNDEF) while it waits. */
void smp_hook_enter(struct cpu *cpu);
void smp_hook_exit(struct cpu *cpu);
/* After a PAS change: no other PE runs guest code with old translations. */
void smp_revoke_others(struct cpu *cpu);
/* The count of PAS changes (platform), or of SMCs when the platform gives none. */
uint64_t smp_pas_epoch(struct cpu *cpu);
/* The PE in its SMC (realm slices are charged to it). */
struct cpu *smp_current(struct cpu *cpu);
void smp_set_current(struct cpu *cpu);
/*
 * --parallel-rmi: an RMI call (FID @fid) runs with the machine lock
 * released, so RMI calls of several PEs race in the RMM; true = released,
 * call smp_rmi_relock after it.
 */
#define CPU_RMI_FID_FIRST 0xC4000150ULL
#define CPU_RMI_FID_LAST 0xC400018FULL
bool smp_rmi_unlock(struct cpu *cpu, uint64_t fid);
void smp_rmi_relock(struct cpu *cpu);
/* A GIC write: every PE evaluates its interrupts at its next block. */
void cpu_smp_gic_changed(struct cpu *cpu);
/* irq.c helpers for the scheduler: cycles now, idle to @cycles, next timer wake-up in cycles. */
uint64_t cpu_irq_now(const struct cpu *cpu);
void cpu_irq_idle_to(struct cpu *cpu, uint64_t cycles);
uint64_t cpu_irq_wake_cycles(struct cpu *cpu);
bool cpu_irq_signalled(const struct cpu *cpu);
/* --realtime: the count at which a timer or watchdog next wakes @cpu; a host sleep towards it. */
uint64_t cpu_irq_wake_count(struct cpu *cpu);
void cpu_irq_rt_wait(struct cpu *cpu, uint64_t tick);
/* --threads: the run is over; every PE leaves its run loop. */
bool smp_stopping(const struct cpu *cpu);
/* Per-PE lines of --stats (instructions, interrupts, time). */
void smp_print_stats(const struct cpu *cpu, FILE *out);

int cpu_sysreg_read(struct cpu *cpu, struct cpu_sysreg r, uint64_t *val);
int cpu_sysreg_write(struct cpu *cpu, struct cpu_sysreg r, uint64_t val);
uint64_t cpu_reg(struct cpu *cpu, int regid);
void cpu_reg_set(struct cpu *cpu, int regid, uint64_t val);

/* hooks.c */
int cpu_hooks_install(struct cpu *cpu, char *err, size_t err_len);
/* Host pointer of DRAM at @pa for @len bytes, or NULL. */
void *cpu_ram_ptr(struct cpu *cpu, pa_t pa, uint64_t len);

/* el_switch.c: PSTATE writes that change the EL (see the file's comment). */
void cpu_el_switch_probe(struct cpu *cpu, pa_t scratch, uint64_t pstate_el3);
/* Writes @pstate; false if the EL in it cannot be made current (not usable). */
bool cpu_el_switch(struct cpu *cpu, uint64_t pstate);

/* cpu_mmu.c: the host's translation state and the physical memory map. */
/* The translation regime of an access made at @el (0..2) and how its memory is typed. */
struct cpu_regime {
	struct mmu_cfg cfg;
	bool normal_flat;   /* stage 1 off with HCR_EL2.DC = 1: Normal memory, not Device */
};
/* NULL on success, else why the regime of @el is not modelled (fail closed). */
const char *cpu_mmu_regime(const struct cpu *cpu, unsigned el, struct cpu_regime *rg);
void cpu_mmu_cfg(const struct cpu *cpu, struct mmu_cfg *cfg);
enum cpu_pa_kind cpu_pa_kind(const struct cpu *cpu, pa_t pa, const void **host);
bool cpu_gpc_denies(const struct cpu *cpu, enum gpt_access acc, pa_t pa);
enum mmu_read_status cpu_mmu_read_desc(void *ctx, uint64_t pa, uint64_t *desc);
/* Reads the instruction at @va through the host's translation (false: cannot). */
bool cpu_read_insn(struct cpu *cpu, uint64_t va, uint32_t *insn);
/* Writes the real translation registers that make Unicorn walk the shadow. */
int cpu_mmu_apply(struct cpu *cpu);
int cpu_mmu_init_vregs(struct cpu *cpu);

/* shadow.c */
int shadow_init(struct cpu *cpu, char *err, size_t err_len);
void shadow_fini(struct cpu *cpu);
void shadow_reset(struct cpu *cpu);
int shadow_drop_all(struct cpu *cpu);
int shadow_flush_tlb(struct cpu *cpu);
/* False only if no shadow entry maps the granule of @pa since the last reset. */
bool shadow_may_map_pa(const struct cpu *cpu, pa_t pa);
int shadow_cover_va(struct cpu *cpu, uint64_t va);
/* @el2: the EL2 tables, else the EL1&0 ones (VA bit 55 picks TTBR1's half). */
int shadow_map_page(struct cpu *cpu, bool el2, uint64_t va, pa_t pa,
		    const struct shadow_perm *perm);

/* at.c: emulates an AT instruction; 1 = handled (skip it), 0 = leave it to Unicorn. */
int cpu_at(struct cpu *cpu, const uc_arm64_cp_reg *cp);

/* abort_decide.c: the decision of an abort, pure (no Unicorn): see the file's comment. */
struct abort_mem {
	mmu_read_fn read_desc;  /* descriptor reads, GPC-checked (walk GPF/SEA) */
	enum cpu_pa_kind (*pa_kind)(void *ctx, pa_t pa);
	bool (*gpc_denies)(void *ctx, enum gpt_access acc, pa_t pa);
	void *ctx;
};
#define ABORT_MAX_FILLS (2 * A64_MEM_MAX_ACCESSES + 2)
struct abort_fill {
	uint64_t va;
	pa_t pa;
	struct shadow_perm perm;
};
enum abort_verdict {
	ABORT_FILL,        /* no fault: map fill[0..nfill) and restart */
	ABORT_FAULT,       /* enter ab at the routed vector */
	ABORT_UNDECIDED,   /* why: fail closed */
};
struct abort_decision {
	enum abort_verdict verdict;
	struct cpu_abort ab;
	struct abort_fill fill[ABORT_MAX_FILLS];
	unsigned nfill;
	const char *why;
};
/* @el: the EL the access is made at; @rg its regime (cpu_mmu_regime). */
void abort_decide_fetch(const struct cpu_regime *rg, unsigned el, uint64_t pc,
			const struct abort_mem *mem, struct abort_decision *d);
void abort_decide_data(const struct cpu_regime *rg, unsigned el, const struct a64_mem_insn *m,
		       const struct abort_mem *mem, struct abort_decision *d);
/* Alignment an access of @m needs before its walk (1 = none). */
unsigned abort_required_alignment(const struct cpu_regime *rg, const struct a64_mem_insn *m);

/* abort.c: a latched abort or unmapped access; false = the run ends. */
bool cpu_handle_abort(struct cpu *cpu);

/* except.c */
/* The EL a synchronous exception of kind @exc taken from EL @from goes to. */
unsigned cpu_exc_target(const struct cpu *cpu, unsigned from, enum cpu_exc exc);
/* Enters the routed synchronous vector; false = unhandled (report printed). */
bool cpu_take_sync(struct cpu *cpu, enum cpu_exc exc, uint64_t esr, uint64_t far, bool far_valid,
		   uint64_t elr, const char *what);
bool cpu_take_abort(struct cpu *cpu, const struct cpu_abort *ab);
uint64_t cpu_abort_esr(const struct cpu_abort *ab);
/* SVC, HVC, BRK, UNDEF latched by the interrupt hook. */
bool cpu_take_event(struct cpu *cpu);

/* sysreg.c: emulates an MRS/MSR Unicorn does not implement; false = not ours. */
bool cpu_sysreg_emulate(struct cpu *cpu, uint32_t insn);

/* smc.c: one SMC from the host (hook context). */
void cpu_smc(struct cpu *cpu);

/* cpu_reset.c: the platform reset latched in cpu->power; false = the run cannot go on. */
bool cpu_platform_reset(struct cpu *cpu);

#endif /* SIM_CPU_PRIVATE_H */
