/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * issue 13: the host PEs between the platform and the CPU: the device
 * tree's cpus node becomes the CPU's PE list (MPIDR_EL1 values), and EL3's
 * PSCI (smc_dispatch psci_ns.c) gets the PEs and powers them through the
 * CPU (cpu_psci_on/off/suspend). A CPU_ON entry must lie in DRAM, as
 * TF-A's FVP plat_validate_ns_entrypoint requires.
 */
#include "cli.h"
#include "cpu.h"
#include "platform.h"

/* MPIDR_EL1: bit 31 RES1; MT (bit 24) when every PE's Aff0 is 0, the FVP's layout. */
#define MPIDR_RES1 (1ULL << 31)
#define MPIDR_MT (1ULL << 24)

static void pe_started(void *ctx, unsigned pe)
{
	struct rmmsim *p = ctx;

	smc_psci_pe_started(&p->el3, pe);
}

void cli_pe_describe(const struct rmmsim *p, struct cpu_platform *cp)
{
	const struct plat_desc *d = &p->desc;
	bool mt = d->num_cpus > 0;

	for (unsigned i = 0; i < d->num_cpus; i++)
		if (d->cpu_mpidr[i] & 0xFFU)
			mt = false;
	for (unsigned i = 0; i < d->num_cpus && i < CPU_MAX_PE; i++)
		cp->mpidr[i] = MPIDR_RES1 | (mt ? MPIDR_MT : 0) | d->cpu_mpidr[i];
	cp->num_pe = d->num_cpus < CPU_MAX_PE ? d->num_cpus : CPU_MAX_PE;
	cp->pe_started = pe_started;
}

struct pe_glue {
	struct rmmsim *p;
	struct cpu *cpu;
};
static struct pe_glue glue;

static void psci_on(void *ctx, unsigned pe, uint64_t entry, uint64_t context_id)
{
	cpu_psci_on(((struct pe_glue *)ctx)->cpu, pe, entry, context_id);
}

static void psci_off(void *ctx, unsigned pe)
{
	cpu_psci_off(((struct pe_glue *)ctx)->cpu, pe);
}

static void psci_suspend(void *ctx, unsigned pe, bool powerdown, uint64_t entry,
			 uint64_t context_id)
{
	cpu_psci_suspend(((struct pe_glue *)ctx)->cpu, pe, powerdown, entry, context_id);
}

static bool psci_entry(void *ctx, uint64_t entry)
{
	const struct plat_desc *d = &((struct pe_glue *)ctx)->p->desc;

	for (unsigned i = 0; i < d->num_banks; i++)
		if (entry >= d->banks[i].base && entry - d->banks[i].base < d->banks[i].size)
			return true;
	return false;
}

int cli_pe_attach(struct rmmsim *p, struct cpu *cpu)
{
	const struct plat_desc *d = &p->desc;
	const struct smc_psci_ops ops = { .cpu_on = psci_on, .cpu_off = psci_off,
					  .cpu_suspend = psci_suspend, .valid_entry = psci_entry,
					  .ctx = &glue };

	if (d->num_cpus == 0)
		return 0; /* no cpus node: one PE, CPU_* NOT_SUPPORTED as before */
	glue = (struct pe_glue){ .p = p, .cpu = cpu };
	return smc_psci_set_pes(&p->el3, d->cpu_mpidr,
				d->num_cpus < CPU_MAX_PE ? d->num_cpus : CPU_MAX_PE, &ops);
}
