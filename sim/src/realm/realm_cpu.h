/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_cpu: one realm vCPU running at R-EL1 (AArch64) in its own Unicorn
 * engine, behind a stage 2 built from a shared memfd (docs/realm-cpu.md).
 *
 * All simulated physical memory lives in one memfd. The engine maps ONE
 * reserved window the size of the realm's IPA space; a mapped IPA page is
 * an mmap(MAP_SHARED|MAP_FIXED) of the memfd at the granule's PA, an
 * unmapped page is a private read-only zero page. Every data access is
 * checked against the stage-2 permissions before it takes effect, so the
 * realm can never read or write a PA that is not mapped in its window.
 *
 * realm_cpu_run() loads the register file, runs until an event the RMM
 * must see (SMC, HVC, stage-2 abort, trapped WFx, unknown sysreg or
 * instruction, instruction budget) and saves the register file back with
 * the exit described as hardware would describe a trap to EL2 (ESR_EL2,
 * FAR_EL2, HPFAR_EL2).
 *
 * Limitations (Unicorn 2.0.1, see docs/realm-cpu.md): the realm's stage 1
 * is walked by the engine for the 4 KiB granule only, and VAs must lie in
 * the IPA range; stage-1 faults raised by Unicorn's own walker exit as
 * REALM_EXIT_UNSUPPORTED.
 */
#ifndef REALM_CPU_H
#define REALM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rmm_plat.h"

/* Stage-2 permissions of realm_cpu_map(). */
#define REALM_PROT_R 1U
#define REALM_PROT_W 2U
#define REALM_PROT_X 4U
#define REALM_PROT_RWX (REALM_PROT_R | REALM_PROT_W | REALM_PROT_X)

#define REALM_CPU_PAGE_SIZE 4096ULL
/* The window is reserved in the simulator's address space (47-bit user VA). */
#define REALM_CPU_MIN_IPA_BITS 20U
#define REALM_CPU_MAX_IPA_BITS 44U
#define REALM_CPU_MAX_BANKS 8U

/* ESR_EL2 fields the engine builds (Arm ARM D17.2.37). */
#define REALM_ESR_EC_SHIFT 26
#define REALM_ESR_EC_UNKNOWN 0x00ULL
#define REALM_ESR_EC_WFX 0x01ULL
#define REALM_ESR_EC_HVC64 0x16ULL
#define REALM_ESR_EC_SMC64 0x17ULL
#define REALM_ESR_EC_SYSREG 0x18ULL
#define REALM_ESR_EC_IABT_LOW 0x20ULL
#define REALM_ESR_EC_DABT_LOW 0x24ULL
#define REALM_ESR_IL (1ULL << 25)
#define REALM_ESR_ISV (1ULL << 24)
#define REALM_ESR_SAS_SHIFT 22
#define REALM_ESR_SSE (1ULL << 21)
#define REALM_ESR_SRT_SHIFT 16
#define REALM_ESR_SF (1ULL << 15)
#define REALM_ESR_AR (1ULL << 14)
#define REALM_ESR_S1PTW (1ULL << 7)
#define REALM_ESR_WNR (1ULL << 6)
#define REALM_ESR_FSC_MASK 0x3FULL
#define REALM_FSC_TRANSLATION(level) (0x04ULL + (level))
#define REALM_FSC_PERMISSION(level) (0x0CULL + (level))
#define REALM_FSC_ADDR_SIZE(level) (0x00ULL + (level))
#define REALM_FSC_ACCESS_FLAG(level) (0x08ULL + (level))
#define REALM_ESR_WFX_TI_WFE 1ULL

static inline uint64_t realm_esr_ec(uint64_t esr)
{
	return (esr >> REALM_ESR_EC_SHIFT) & 0x3F;
}

/* One DRAM bank of the simulated PA space and where it sits in the memfd. */
struct realm_cpu_bank {
	uint64_t pa;
	uint64_t size;
	uint64_t memfd_offset;
};

/*
 * The vCPU state is the RMM's register file, struct rmm_vcpu_regs
 * (rmm_plat.h), kept in the REC between runs: the platform hands the REC's
 * registers to the engine as they are.
 */

enum realm_exit_kind {
	REALM_EXIT_SMC,		/* PC past the SMC, X0..X17 in the registers */
	REALM_EXIT_HVC,		/* PC past the HVC */
	REALM_EXIT_DATA_ABORT,	/* stage-2 data abort, PC at the access */
	REALM_EXIT_INSN_ABORT,	/* stage-2 instruction abort, PC at the fetch */
	REALM_EXIT_WFI,		/* trapped WFI, PC at the WFI */
	REALM_EXIT_WFE,		/* trapped WFE, PC at the WFE */
	REALM_EXIT_SYSREG,	/* MRS/MSR Unicorn does not implement, PC at it */
	REALM_EXIT_UNDEF,	/* undefined instruction, PC at it */
	REALM_EXIT_BUDGET,	/* instruction budget used: the host timer's IRQ */
	REALM_EXIT_TIMER,	/* a realm timer output rose or a host interrupt is due (IRQ) */
	REALM_EXIT_UNSUPPORTED, /* an exception the engine cannot model (intno) */
};

struct realm_exit {
	enum realm_exit_kind kind;
	uint64_t esr;	/* ESR_EL2 as for a trap to EL2 */
	uint64_t far;	/* FAR_EL2: faulting VA (aborts) */
	uint64_t hpfar; /* HPFAR_EL2: (IPA >> 12) << 4 (aborts) */
	uint64_t ipa;	/* faulting IPA (aborts) */
	uint64_t insns; /* instructions executed by this run */
	uint32_t intno; /* Unicorn's exception number (REALM_EXIT_UNSUPPORTED) */
};

struct realm_cpu;

/*
 * One engine for a realm's IPA space of 2^ipa_bits bytes over the memfd
 * described by banks. Returns NULL with a message in err on failure.
 */
struct realm_cpu *realm_cpu_create(int memfd, const struct realm_cpu_bank *banks,
				   unsigned num_banks, unsigned ipa_bits, char *err,
				   size_t err_len);
void realm_cpu_destroy(struct realm_cpu *rc);

/*
 * Stage 2: map [ipa, ipa + size) onto [pa, pa + size) with REALM_PROT_*
 * (4 KiB aligned, one bank). 0, -EINVAL (alignment, prot), -ERANGE (outside
 * the IPA space or the banks) or -errno of mmap.
 */
int realm_cpu_map(struct realm_cpu *rc, uint64_t ipa, uint64_t pa, uint64_t size,
		  unsigned prot);
int realm_cpu_unmap(struct realm_cpu *rc, uint64_t ipa, uint64_t size);
/* Drop translated code of [ipa, ipa + size) after a write by someone else. */
int realm_cpu_sync_code(struct realm_cpu *rc, uint64_t ipa, uint64_t size);
/* Current stage-2 permission of the page holding ipa (0: unmapped). */
unsigned realm_cpu_prot(const struct realm_cpu *rc, uint64_t ipa);

/*
 * The platform's time base for the next runs (issue 12): the system count
 * when the run starts, the counter rate, the clock and the cycle model's
 * CPI (realm instructions to counter ticks), and the count at which a host
 * interrupt becomes due (host_deadline; 0 = one is signalled already,
 * UINT64_MAX = none). NULL or a zero rate: the timers stay Unicorn's.
 */
struct realm_time {
	uint64_t count;
	uint64_t cntfrq;
	uint64_t clock_hz;
	uint64_t cpi_milli;
	uint64_t host_deadline;
	/*
	 * --realtime: the platform's host-time counter (NULL: the count is
	 * @count plus this run's instructions at the CPI, deterministic).
	 */
	uint64_t (*now)(void *ctx);
	void *now_ctx;
};
void realm_cpu_set_time(struct realm_cpu *rc, const struct realm_time *t);
/*
 * The realm's PMU for the next runs (issue 12): @num_ctrs event counters
 * (RmiRealmParams.pmu_num_ctrs), state in rmm_vcpu_regs.pm*; 0 = none,
 * its registers RAZ/WI. Counting needs the time base (CPI).
 */
void realm_cpu_set_pmu(struct realm_cpu *rc, unsigned num_ctrs);

/*
 * Run until an exit. insn_budget 0 means no budget. Returns 0 with *exit
 * filled and regs updated, or a negative errno (-ENOTSUP: PSTATE.M not
 * EL0t/EL1t/EL1h; -EIO: Unicorn error) with regs unchanged.
 */
int realm_cpu_run(struct realm_cpu *rc, struct rmm_vcpu_regs *regs, uint64_t insn_budget,
		  bool trap_wfi, bool trap_wfe, struct realm_exit *exit);

/*
 * Take a synchronous exception to the realm's own EL1 (e.g. an SEA the RMM
 * injects): ELR_EL1 = PC, SPSR_EL1 = PSTATE, ESR_EL1, FAR_EL1, PC = VBAR_EL1
 * + vector offset, PSTATE = EL1h with DAIF masked. Operates on regs only.
 */
int realm_cpu_inject_sync(struct realm_cpu *rc, struct rmm_vcpu_regs *regs, uint64_t esr_el1,
			  uint64_t far);

/*
 * VMPIDR_EL2 for the next runs: what MRS MPIDR_EL1 at EL1 reads (the
 * engine runs at EL1 with EL2 present and non-secure, so the PE returns
 * VMPIDR_EL2, Arm ARM D17.2.103). 0 or -EIO.
 */
int realm_cpu_set_vmpidr(struct realm_cpu *rc, uint64_t vmpidr);

/* Instructions executed by this engine since creation. */
uint64_t realm_cpu_total_insns(const struct realm_cpu *rc);

/*
 * Fuzzing snapshots (plat_snap.c): the state an engine keeps between runs
 * that is not the REC's register file (Unicorn's CPU context: system
 * registers the RMM does not save, QEMU's cached flags; the HCR_EL2 and
 * VMPIDR_EL2 copies; the instruction count), saved and put back. Stage 2
 * and translated code are not part of it.
 */
struct realm_cpu_state;
struct realm_cpu_state *realm_cpu_state_save(struct realm_cpu *rc);
int realm_cpu_state_restore(struct realm_cpu *rc, const struct realm_cpu_state *s);
void realm_cpu_state_free(struct realm_cpu_state *s);

#endif /* REALM_CPU_H */
