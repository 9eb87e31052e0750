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
#define SCTLR_E0E (1ULL << 24)
#define SCTLR_EL2_RES1 0x30C50830ULL
/* SCTLR_EL1: RES1 bits, nTWI/nTWE (WFI/WFE at EL0 not trapped), and the EL0 controls passed on. */
#define SCTLR_EL1_RES1 0x30D00800ULL
#define SCTLR_EL1_NTWX ((1ULL << 16) | (1ULL << 18))
#define SCTLR_EL1_SA0 (1ULL << 4)
#define SCTLR_EL1_PASS (SCTLR_SA | SCTLR_EL1_SA0 | (1ULL << 9) | (1ULL << 14) | (1ULL << 15) | \
			(1ULL << 26)) /* SA, SA0, UMA, DZE, UCT, UCI */
#define TCR_EL1_TBI01 (3ULL << 37)

/* Real TCR_EL2 of the shadow: T0SZ 16, WB inner/outer, inner shareable, 4 KiB, PS 44 bits. */
#define TCR_SHADOW ((1ULL << 31) | (1ULL << 23) | (4ULL << 16) | (3ULL << 12) | (1ULL << 10) | \
		    (1ULL << 8) | 16ULL)
#define TCR_EL2_TBI (1ULL << 20)
/* Real TCR_EL1: T0SZ = T1SZ = 16, 4 KiB both halves (TG1 = 0b10), IPS 44 bits. */
#define TCR_EL1_SHADOW ((4ULL << 32) | (2ULL << 30) | (16ULL << 16) | 16ULL)
#define MAIR_SHADOW 0x00FFULL /* attr 0 Normal WB, attr 1 Device-nGnRnE */

/*
 * The regime of an access at @el with stage 2 off (Arm ARM D8.1.2):
 * EL2 for EL2 (HCR_EL2.E2H is RES0: the modelled CPU has no VHE); EL1&0
 * for EL1 and EL0, with stage 1 treated as off for EL0 when HCR_EL2.TGE
 * = 1 (E2H = 0) and for both when HCR_EL2.DC = 1 (Normal memory then,
 * D8.2.11). NS stage 2 (HCR_EL2.VM = 1) is not modelled: fail closed.
 */
const char *cpu_mmu_regime(const struct cpu *cpu, unsigned el, struct cpu_regime *rg)
{
	const struct cpu_vregs *v = &cpu->vregs;

	memset(rg, 0, sizeof(*rg));
	if (el >= 2) {
		cpu_mmu_cfg(cpu, &rg->cfg);
		return (v->sctlr_el2 & SCTLR_EE) ? "big-endian data (SCTLR_EL2.EE = 1)" : NULL;
	}
	if (v->hcr_el2 & HCR_VM)
		return "EL1/EL0 code with HCR_EL2.VM = 1 (NS stage 2 is not modelled)";
	if (el == 1 && (v->hcr_el2 & HCR_TGE))
		return "EL1 code with HCR_EL2.TGE = 1 (an illegal exception return on hardware)";
	if (el == 1 ? (v->sctlr_el1 & SCTLR_EE) : (v->sctlr_el1 & SCTLR_E0E))
		return "big-endian data at EL1/EL0 (SCTLR_EL1.EE/E0E = 1)";
	rg->cfg = (struct mmu_cfg){
		.regime = MMU_REGIME_EL10,
		.sctlr = v->sctlr_el1,
		.tcr = v->tcr_el1,
		.ttbr0 = v->ttbr0_el1,
		.ttbr1 = v->ttbr1_el1,
		.mair = v->mair_el1,
		.pa_bits = CPU_PA_BITS,
		.granules = MMU_GRAN_4K | MMU_GRAN_16K | MMU_GRAN_64K,
		.el0 = el == 0,
	};
	if ((el == 0 && (v->hcr_el2 & HCR_TGE)) || (v->hcr_el2 & HCR_DC)) {
		rg->cfg.sctlr &= ~SCTLR_M;
		rg->normal_flat = (v->hcr_el2 & HCR_DC) != 0;
	}
	return NULL;
}

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
	struct cpu_regime rg;
	struct mmu_result r;
	const void *host;
	unsigned el = (unsigned)(cpu_reg(cpu, UC_ARM64_REG_PSTATE) >> 2) & 3U;

	if (cpu_mmu_regime(cpu, el, &rg) != NULL)
		return false;
	mmu_translate(&rg.cfg, va, MMU_ACCESS_FETCH, cpu_mmu_read_desc, cpu, &r);
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
	/*
	 * HCR_EL2: only RW. The host's VM, DC and TGE would make Unicorn
	 * translate EL1/EL0 accesses through tables the simulator did not
	 * check (its stage 2) or none at all (stage 1 off): they act through
	 * cpu_mmu_regime() and the exception routing instead (except.c).
	 */
	rc |= cpu_sysreg_write(cpu, SR_HCR_EL2, HCR_RW_BIT);
	/* EL1&0: the shadow's own roots for the TTBR0 and TTBR1 halves. */
	sctlr = SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_EL1_RES1 | SCTLR_EL1_NTWX |
		(v->sctlr_el1 & SCTLR_EL1_PASS);
	if ((v->sctlr_el1 & SCTLR_A) ||
	    (!(v->hcr_el2 & HCR_DC) && (!(v->sctlr_el1 & SCTLR_M) || (v->hcr_el2 & HCR_TGE))))
		sctlr |= SCTLR_A;
	rc |= cpu_sysreg_write(cpu, SR_MAIR_EL1, MAIR_SHADOW);
	rc |= cpu_sysreg_write(cpu, SR_TCR_EL1, TCR_EL1_SHADOW | (v->tcr_el1 & TCR_EL1_TBI01));
	rc |= cpu_sysreg_write(cpu, SR_TTBR0_EL1, cpu->shadow.root_el1);
	rc |= cpu_sysreg_write(cpu, SR_TTBR1_EL1, cpu->shadow.root_el1_hi);
	rc |= cpu_sysreg_write(cpu, SR_SCTLR_EL1, sctlr);
	return rc ? -1 : 0;
}

/* Captures the reset values the host will read back, before the shadow replaces them. */
int cpu_mmu_init_vregs(struct cpu *cpu)
{
	struct cpu_vregs *v = &cpu->vregs;
	int rc = 0;

	rc |= cpu_sysreg_read(cpu, SR_HCR_EL2, &v->hcr_el2);
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
