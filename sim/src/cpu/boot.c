/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reset into NS-EL2. Unicorn 2.0.1 starts at EL1h and writing PSTATE does
 * not change the exception level (DESIGN.md); what works is to start at
 * EL3 with SCR_EL3 = NS | HCE | RW and execute one `eret` to EL2h. That
 * eret runs from a one-page boot ROM at address 0, unmapped afterwards.
 *
 * The DTB goes at the top of the first DRAM bank, 2 MiB below its end
 * (docs/emulation.md); the payload gets x0 = its address.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

#define BOOT_ROM 0x0ULL
#define DTB_WINDOW ((uint64_t)2 << 20)
#define SCR_NS (1ULL << 0)
#define SCR_HCE (1ULL << 8)
#define SCR_RW (1ULL << 10)
#define HCR_RW (1ULL << 31)
#define PSTATE_EL3H_MASKED 0x3CDULL
#define SPSR_EL2H_MASKED 0x3C9ULL
#define INSN_ERET 0xD69F03E0U
#define CNTFRQ_HZ 100000000ULL

static int place_dtb(struct cpu *cpu, char *err, size_t err_len)
{
	const struct cpu_ram *r = &cpu->plat.ram[0];
	void *dst;

	if (!cpu->plat.dtb || cpu->plat.dtb_size == 0)
		return 0;
	if (cpu->plat.dtb_size > DTB_WINDOW || r->size < 2 * DTB_WINDOW) {
		snprintf(err, err_len, "platform: the DTB (%zu bytes) does not fit: it takes the top 2 MiB of DRAM bank 0, which must be at least 4 MiB",
			 cpu->plat.dtb_size);
		return -1;
	}
	cpu->dtb_pa = r->base + r->size - DTB_WINDOW;
	if (cpu->load_hi > cpu->dtb_pa && cpu->load_lo < cpu->dtb_pa + DTB_WINDOW) {
		snprintf(err, err_len,
			 "payload: overlaps the DTB window [0x%" PRIx64 ", 0x%" PRIx64 ")",
			 cpu->dtb_pa, cpu->dtb_pa + DTB_WINDOW);
		return -1;
	}
	dst = cpu_ram_ptr(cpu, cpu->dtb_pa, cpu->plat.dtb_size);
	if (!dst)
		return -1;
	memcpy(dst, cpu->plat.dtb, cpu->plat.dtb_size);
	return 0;
}

/*
 * Firmware programs CNTFRQ_EL0 at EL3; use the FVP's 100 MHz. If this
 * Unicorn refuses the write the counter keeps its own frequency: not fatal.
 */
static void set_cntfrq(struct cpu *cpu)
{
	uc_arm64_cp_reg cp = { .op0 = 3, .op1 = 3, .crn = 14, .crm = 0, .op2 = 0,
			       .val = CNTFRQ_HZ };

	if (uc_reg_write(cpu->uc, UC_ARM64_REG_CP_REG, &cp) != UC_ERR_OK)
		fprintf(cpu->opt.fault_report, "rmmsim: note: CNTFRQ_EL0 is read-only here\n");
}

/*
 * Reset into NS-EL2 at @entry with the MMU off and X0 = @x0: the boot of
 * PE 0, and (issue 13) PSCI CPU_ON or a power-down resume of any PE, as
 * TF-A enters the NS world (its other general registers zero). Counters
 * and the time base go on: a PE turned on again keeps its figures.
 */
int cpu_boot_at(struct cpu *cpu, uint64_t entry, uint64_t x0, char *err, size_t err_len)
{
	uint32_t eret = INSN_ERET;
	uint64_t el = 0, insns = cpu->stats.host_insns;
	uint64_t stop_at = cpu_irq_stop_at(&cpu->devs.irq), quantum_end = cpu->quantum_end;
	bool again = cpu->booted;
	uc_err e;

	/*
	 * Booted before: the real translation registers are the shadow's; the
	 * host's own values stay, with the MMU off as at reset (the rest is
	 * UNKNOWN at reset), and the old translations go first.
	 */
	if (again) {
		cpu->vregs.sctlr_el2 &= ~1ULL;
		cpu->vregs.sctlr_el1 &= ~1ULL;
		if (shadow_drop_all(cpu) != 0 || cpu_mmu_apply(cpu) != 0) {
			snprintf(err, err_len, "emulator: could not reset the shadow translation");
			return -1;
		}
	}
	/* Nothing may stop the boot ROM's eret (timer deadlines, quantum). */
	cpu_irq_set_stop_at(&cpu->devs.irq, UINT64_MAX);
	cpu_set_quantum_end(cpu, UINT64_MAX);
	cpu->booted = false;
	e = uc_mem_map(cpu->uc, BOOT_ROM, DEV_PAGE, UC_PROT_READ | UC_PROT_EXEC);
	if (e == UC_ERR_OK)
		e = uc_mem_write(cpu->uc, BOOT_ROM, &eret, sizeof(eret));
	if (e != UC_ERR_OK) {
		snprintf(err, err_len, "emulator: boot ROM: %s", uc_strerror(e));
		return -1;
	}
	for (int r = 1; r < 29; r++)
		cpu_reg_set(cpu, UC_ARM64_REG_X0 + r, 0);
	cpu_reg_set(cpu, UC_ARM64_REG_X29, 0);
	cpu_reg_set(cpu, UC_ARM64_REG_X30, 0);
	cpu_sysreg_write(cpu, SR_SCR_EL3, SCR_NS | SCR_HCE | SCR_RW);
	set_cntfrq(cpu);
	cpu_sysreg_write(cpu, SR_HCR_EL2, HCR_RW);
	/* Can the simulator change the EL itself (el_switch.c)? Self-test from the ROM. */
	cpu_el_switch_probe(cpu, BOOT_ROM + 8, PSTATE_EL3H_MASKED);
	cpu_reg_set(cpu, UC_ARM64_REG_PSTATE, PSTATE_EL3H_MASKED);
	cpu_sysreg_write(cpu, SR_SPSR_EL3, SPSR_EL2H_MASKED);
	cpu_sysreg_write(cpu, SR_ELR_EL3, entry);
	cpu_reg_set(cpu, UC_ARM64_REG_ELR_EL1, entry);
	e = uc_emu_start(cpu->uc, BOOT_ROM, entry, 0, 0);
	if (e == UC_ERR_OK)
		e = uc_mem_unmap(cpu->uc, BOOT_ROM, DEV_PAGE);
	/*
	 * The block translated at the entry carries the "until" exit of the
	 * boot run and would end every later run at once: drop it.
	 */
	if (e == UC_ERR_OK)
		e = uc_ctl_remove_cache(cpu->uc, entry, entry + 4);
	el = (cpu_reg(cpu, UC_ARM64_REG_PSTATE) >> 2) & 3;
	if (e != UC_ERR_OK || el != 2 || cpu->sim_error || cpu_reg(cpu, UC_ARM64_REG_PC) != entry) {
		snprintf(err, err_len, "emulator: could not enter NS-EL2 (EL%" PRIu64 "): %s", el,
			 uc_strerror(e));
		return -1;
	}
	/* The boot eret is not the payload's. */
	cpu->stats.host_insns = insns;
	cpu_irq_set_stop_at(&cpu->devs.irq, stop_at);
	cpu_set_quantum_end(cpu, quantum_end);
	cpu->ev.kind = CPU_EV_NONE;
	/* From here Unicorn walks only the shadow tables (shadow.c). */
	if (!again && cpu_mmu_init_vregs(cpu) != 0) {
		snprintf(err, err_len, "emulator: could not set up the shadow translation");
		return -1;
	}
	if (!again)
		cpu->boot_vregs = cpu->vregs; /* what a platform reset restores (cpu_reset.c) */
	if (cpu_mmu_apply(cpu) != 0) {
		snprintf(err, err_len, "emulator: could not set up the shadow translation");
		return -1;
	}
	cpu->booted = true;
	cpu_reg_set(cpu, UC_ARM64_REG_X0, x0);
	return cpu->sim_error ? -1 : 0;
}

int cpu_boot(struct cpu *cpu, char *err, size_t err_len)
{
	if (!cpu->have_entry) {
		snprintf(err, err_len, "payload: nothing loaded");
		return -1;
	}
	if (place_dtb(cpu, err, err_len) != 0)
		return -1;
	if (cpu_boot_at(cpu, cpu->entry, cpu->dtb_pa, err, err_len) != 0)
		return -1;
	if (cpu->plat.pas_epoch)
		cpu->pas_epoch = cpu->plat.pas_epoch(cpu->plat.gpc_ctx);
	return 0;
}
