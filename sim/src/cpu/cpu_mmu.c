/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host PE's translation state as the host programmed it (the
 * virtualized SCTLR/TCR/TTBR/MAIR, hooks.c), the real registers that make
 * Unicorn walk the shadow tables instead (shadow.c), and the physical
 * memory map as the walk and the simulator see it: every descriptor read
 * and every translated access goes through cpu_pa_kind() and the GPC.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

#define SCTLR_M (1ULL << 0)
#define SCTLR_A (1ULL << 1)
#define SCTLR_C (1ULL << 2)
#define SCTLR_SA (1ULL << 3)
#define SCTLR_I (1ULL << 12)
#define SCTLR_EE (1ULL << 25)
#define SCTLR_EL2_RES1 0x30C50830ULL

/* Real TCR_EL2 of the shadow: T0SZ 16, WB inner/outer, inner shareable, 4 KiB, PS 44 bits. */
#define TCR_SHADOW ((1ULL << 31) | (1ULL << 23) | (4ULL << 16) | (3ULL << 12) | (1ULL << 10) | \
		    (1ULL << 8) | 16ULL)
#define TCR_EL2_TBI (1ULL << 20)
/* Real TCR_EL1: T0SZ = T1SZ = 16, 4 KiB both halves (TG1 = 0b10), IPS 44 bits. */
#define TCR_EL1_SHADOW ((4ULL << 32) | (2ULL << 30) | (16ULL << 16) | 16ULL)
#define MAIR_SHADOW 0x00FFULL /* attr 0 Normal WB, attr 1 Device-nGnRnE */

void cpu_mmu_cfg(const struct cpu *cpu, struct mmu_cfg *cfg)
{
	const struct cpu_vregs *v = &cpu->vregs;

	*cfg = (struct mmu_cfg){
		.regime = MMU_REGIME_EL2,
		.sctlr = v->sctlr_el2,
		.tcr = v->tcr_el2,
		.ttbr0 = v->ttbr0_el2,
		.mair = v->mair_el2,
		.pa_bits = CPU_PA_BITS,
		.granules = MMU_GRAN_4K | MMU_GRAN_16K | MMU_GRAN_64K,
	};
}

enum cpu_pa_kind cpu_pa_kind(const struct cpu *cpu, pa_t pa, const void **host)
{
	*host = NULL;
	for (unsigned i = 0; i < cpu->plat.num_ram; i++) {
		const struct cpu_ram *r = &cpu->plat.ram[i];

		if (pa >= r->base && pa - r->base < r->size) {
			*host = (const uint8_t *)r->host + (pa - r->base);
			return CPU_PA_RAM;
		}
	}
	if (cpu->plat.nv_size && pa >= cpu->plat.nv_base && pa - cpu->plat.nv_base < cpu->plat.nv_size) {
		const uint8_t *nv = cpu->plat.nv_host ? cpu->plat.nv_host : cpu->nv;

		*host = nv + (pa - cpu->plat.nv_base);
		return CPU_PA_RAM;
	}
	for (unsigned i = 0; i < cpu->num_mmio; i++)
		if (pa >= cpu->mmio[i].base && pa - cpu->mmio[i].base < cpu->mmio[i].size)
			return CPU_PA_MMIO;
	return CPU_PA_NONE;
}

bool cpu_gpc_denies(const struct cpu *cpu, enum gpt_access acc, pa_t pa)
{
	if (!cpu->opt.gpc_checks || !cpu->plat.gpc)
		return false;
	return cpu->plat.gpc(cpu->plat.gpc_ctx, acc, pa) != GPT_PASS;
}

/* The walk's descriptor reader: GPC first (a walk GPF), then the memory map. */
enum mmu_read_status cpu_mmu_read_desc(void *ctx, uint64_t pa, uint64_t *desc)
{
	const struct cpu *cpu = ctx;
	const void *host;

	if (cpu_gpc_denies(cpu, GPT_ACCESS_READ, pa))
		return MMU_READ_GPF;
	/* Tables in MMIO are not modelled: a synchronous external abort on the walk. */
	if (cpu_pa_kind(cpu, pa, &host) != CPU_PA_RAM)
		return MMU_READ_SEA;
	memcpy(desc, host, sizeof(*desc));
	return MMU_READ_OK;
}

bool cpu_read_insn(struct cpu *cpu, uint64_t va, uint32_t *insn)
{
	struct mmu_cfg cfg;
	struct mmu_result r;
	const void *host;

	cpu_mmu_cfg(cpu, &cfg);
	mmu_translate(&cfg, va, MMU_ACCESS_FETCH, cpu_mmu_read_desc, cpu, &r);
	if (r.fault != MMU_OK || cpu_gpc_denies(cpu, GPT_ACCESS_FETCH, r.pa) ||
	    cpu_pa_kind(cpu, r.pa, &host) != CPU_PA_RAM || (r.pa & 3) ||
	    ((r.pa + 3) >> 12) != (r.pa >> 12))
		return false;
	memcpy(insn, host, sizeof(*insn));
	return true;
}

int cpu_mmu_apply(struct cpu *cpu)
{
	const struct cpu_vregs *v = &cpu->vregs;
	uint64_t sctlr = SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | (v->sctlr_el2 & SCTLR_SA);
	int rc = 0;

	/*
	 * With the host's MMU off every data access is to Device memory, which
	 * faults when unaligned (Arm ARM B2.5.2): SCTLR.A gives that check.
	 */
	if ((v->sctlr_el2 & SCTLR_A) || !(v->sctlr_el2 & SCTLR_M))
		sctlr |= SCTLR_A;
	rc |= cpu_sysreg_write(cpu, SR_MAIR_EL2, MAIR_SHADOW);
	rc |= cpu_sysreg_write(cpu, SR_TCR_EL2, TCR_SHADOW | (v->tcr_el2 & TCR_EL2_TBI));
	rc |= cpu_sysreg_write(cpu, SR_TTBR0_EL2, cpu->shadow.root_el2);
	rc |= cpu_sysreg_write(cpu, SR_SCTLR_EL2, sctlr);
	/* EL1&0: an empty root, so any EL1/EL0 access stops the engine (abort.c). */
	rc |= cpu_sysreg_write(cpu, SR_MAIR_EL1, MAIR_SHADOW);
	rc |= cpu_sysreg_write(cpu, SR_TCR_EL1, TCR_EL1_SHADOW);
	rc |= cpu_sysreg_write(cpu, SR_TTBR0_EL1, cpu->shadow.root_el1);
	rc |= cpu_sysreg_write(cpu, SR_TTBR1_EL1, cpu->shadow.root_el1);
	rc |= cpu_sysreg_write(cpu, SR_SCTLR_EL1, SCTLR_M | 0x30D00800ULL);
	return rc ? -1 : 0;
}

/* Captures the reset values the host will read back, before the shadow replaces them. */
int cpu_mmu_init_vregs(struct cpu *cpu)
{
	struct cpu_vregs *v = &cpu->vregs;
	int rc = 0;

	rc |= cpu_sysreg_read(cpu, SR_SCTLR_EL2, &v->sctlr_el2);
	rc |= cpu_sysreg_read(cpu, SR_TCR_EL2, &v->tcr_el2);
	rc |= cpu_sysreg_read(cpu, SR_TTBR0_EL2, &v->ttbr0_el2);
	rc |= cpu_sysreg_read(cpu, SR_MAIR_EL2, &v->mair_el2);
	rc |= cpu_sysreg_read(cpu, SR_SCTLR_EL1, &v->sctlr_el1);
	rc |= cpu_sysreg_read(cpu, SR_TCR_EL1, &v->tcr_el1);
	rc |= cpu_sysreg_read(cpu, SR_TTBR0_EL1, &v->ttbr0_el1);
	rc |= cpu_sysreg_read(cpu, SR_TTBR1_EL1, &v->ttbr1_el1);
	rc |= cpu_sysreg_read(cpu, SR_MAIR_EL1, &v->mair_el1);
	/* The MMU is off at reset whatever Unicorn's reset value says. */
	v->sctlr_el2 &= ~SCTLR_M;
	v->sctlr_el1 &= ~SCTLR_M;
	return rc ? -1 : 0;
}

bool cpu_mmu_supported(const struct cpu *cpu, const char **why)
{
	if (cpu->vregs.sctlr_el2 & SCTLR_EE) {
		*why = "big-endian data (SCTLR_EL2.EE = 1)";
		return false;
	}
	return true;
}
