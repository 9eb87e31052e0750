/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals of sim_cpu shared by its files (not installed). */
#ifndef SIM_CPU_PRIVATE_H
#define SIM_CPU_PRIVATE_H

#include <unicorn/unicorn.h>

#include "cpu.h"
#include "cycles.h"
#include "dev.h"
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
};

/* The translation registers as the host wrote them (hooks.c virtualizes them). */
struct cpu_vregs {
	uint64_t sctlr_el2, tcr_el2, ttbr0_el2, mair_el2;
	uint64_t sctlr_el1, tcr_el1, ttbr0_el1, ttbr1_el1, mair_el1;
};

/* Shadow translation tables (shadow.c). */
#define CPU_SHADOW_TABLES 4096U   /* 16 MiB pool of 4 KiB tables */
#define CPU_MAX_VA_CHUNKS 64U     /* 512 GiB VA chunks covered by placeholders */
struct shadow_perm {
	bool write, exec, device;
};
struct cpu_shadow {
	uint8_t *host;
	pa_t base;
	unsigned ntables, used;
	pa_t root_el2, root_el1;
	uint64_t pages;
	bool live;          /* Unicorn's TLB may hold translations to host PAs */
	uint64_t resets, tlb_flushes;
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
	struct cpu_mmio mmio[CPU_MAX_MMIO];
	unsigned num_mmio;

	struct cpu_devs devs;
	struct cpu_cycles cyc;
	struct cpu_stats stats;
};

int cpu_sysreg_read(struct cpu *cpu, struct cpu_sysreg r, uint64_t *val);
int cpu_sysreg_write(struct cpu *cpu, struct cpu_sysreg r, uint64_t val);
uint64_t cpu_reg(struct cpu *cpu, int regid);
void cpu_reg_set(struct cpu *cpu, int regid, uint64_t val);

/* hooks.c */
int cpu_hooks_install(struct cpu *cpu, char *err, size_t err_len);
/* Host pointer of DRAM at @pa for @len bytes, or NULL. */
void *cpu_ram_ptr(struct cpu *cpu, pa_t pa, uint64_t len);

/* cpu_mmu.c: the host's translation state and the physical memory map. */
void cpu_mmu_cfg(const struct cpu *cpu, struct mmu_cfg *cfg);
enum cpu_pa_kind cpu_pa_kind(const struct cpu *cpu, pa_t pa, const void **host);
bool cpu_gpc_denies(const struct cpu *cpu, enum gpt_access acc, pa_t pa);
enum mmu_read_status cpu_mmu_read_desc(void *ctx, uint64_t pa, uint64_t *desc);
/* Reads the instruction at @va through the host's translation (false: cannot). */
bool cpu_read_insn(struct cpu *cpu, uint64_t va, uint32_t *insn);
/* Writes the real translation registers that make Unicorn walk the shadow. */
int cpu_mmu_apply(struct cpu *cpu);
int cpu_mmu_init_vregs(struct cpu *cpu);
bool cpu_mmu_supported(const struct cpu *cpu, const char **why);

/* shadow.c */
int shadow_init(struct cpu *cpu, char *err, size_t err_len);
void shadow_fini(struct cpu *cpu);
void shadow_reset(struct cpu *cpu);
int shadow_drop_all(struct cpu *cpu);
int shadow_flush_tlb(struct cpu *cpu);
int shadow_cover_va(struct cpu *cpu, uint64_t va);
int shadow_map_page(struct cpu *cpu, bool el2, uint64_t va, pa_t pa,
		    const struct shadow_perm *perm);

/* abort.c: a latched abort or unmapped access; false = the run ends. */
bool cpu_handle_abort(struct cpu *cpu);

/* except.c */
/* Enters the host's EL2 synchronous vector; false = unhandled (report printed). */
bool cpu_take_sync(struct cpu *cpu, uint64_t esr, uint64_t far, bool far_valid, uint64_t elr,
		   const char *what);
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
