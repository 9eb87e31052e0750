/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host memory aborts. Unicorn walks only the shadow tables (shadow.c), so
 * every first access to a page, every permission mismatch and every access
 * to a VA outside Unicorn's memory map stops the engine at the instruction
 * with no address and no syndrome (DESIGN.md). Here the simulator does
 * what the PE would have done, in the Arm ARM's priority order:
 *
 *   1. recompute the instruction's accesses from its encoding (sim/src/a64);
 *   2. decide (abort_decide.c, a pure function): per access alignment,
 *      the host's own stage-1 walk (sim/src/mmu), the memory map (SEA
 *      0x10), the GPC of the output PA (GPF 0x28);
 *   3. a fault is entered at the routed vector with the exact ESR/FAR
 *      (except.c); otherwise the pages are added to the shadow and the
 *      instruction is restarted.
 *
 * The regime is that of the EL the access is made at (cpu_mmu_regime():
 * EL2, or EL1&0 for EL1/EL0 with stage 2 off); EL1&0 pages go into the
 * EL1 shadow with the rights of both EL1 and EL0 (shadow.c), since ERET
 * between them cannot be hooked. Whatever cannot be decided (an encoding
 * not decoded, NS stage 2, a mode not modelled, a restart that makes no
 * progress) ends the run with one line: the access never proceeds
 * unchecked.
 */
#include <inttypes.h>
#include <string.h>

#include "a64_mem.h"
#include "cpu_private.h"

#define DCZVA_BYTES 64U      /* DCZID_EL0.BS = 4 on the modelled CPU */

/* The access context: regime and EL (EL1&0 fills record both ELs' rights). */
struct actx {
	struct cpu_regime rg;
	unsigned el;
};

static uint64_t xreg(void *ctx, unsigned n)
{
	struct cpu *cpu = ctx;

	if (n == 31)
		return cpu_reg(cpu, UC_ARM64_REG_SP);
	return cpu_reg(cpu, n < 29 ? UC_ARM64_REG_X0 + (int)n : UC_ARM64_REG_X29 + (int)(n - 29));
}

static bool give_up(struct cpu *cpu, const char *what, uint64_t pc, uint64_t detail)
{
	fprintf(cpu->opt.fault_report,
		"rmmsim: %s at PC 0x%" PRIx64 " (0x%" PRIx64 "): not modelled, run stopped "
		"(docs/emulation.md)\n", what, pc, detail);
	cpu->sim_error = true;
	return false;
}

static enum cpu_pa_kind mem_pa_kind(void *ctx, pa_t pa)
{
	const void *host;

	return cpu_pa_kind(ctx, pa, &host);
}

static bool mem_gpc_denies(void *ctx, enum gpt_access acc, pa_t pa)
{
	return cpu_gpc_denies(ctx, acc, pa);
}

/* Adds checked pages to the shadow, or notices that a restart would loop. */
static bool apply_fills(struct cpu *cpu, bool el2, uint64_t pc, const struct abort_fill *f,
			unsigned n)
{
	struct cpu_shadow *s = &cpu->shadow;
	uint64_t sig = pc;

	for (unsigned i = 0; i < n; i++)
		sig = sig * 0x100000001B3ULL ^ f[i].va ^ (f[i].pa << 1);
	/* The same abort right after the same fill: the shadow cannot satisfy it. */
	if (s->last_fill_valid && s->last_fill_sig == sig && s->last_fill_resets == s->resets &&
	    s->last_fill_insns == cpu->stats.host_insns && ++s->repeat > 2)
		return give_up(cpu, "memory access that the checked translation does not explain",
			       pc, f[0].va);
	if (!(s->last_fill_valid && s->last_fill_sig == sig))
		s->repeat = 0;
	s->last_fill_valid = true;
	s->last_fill_sig = sig;
	s->last_fill_insns = cpu->stats.host_insns;
	s->last_fill_resets = s->resets;
	for (unsigned i = 0; i < n; i++) {
		if (shadow_cover_va(cpu, f[i].va) != 0)
			return give_up(cpu, "no room to map the VA", pc, f[i].va);
		int rc = shadow_map_page(cpu, el2, f[i].va, f[i].pa, &f[i].perm);

		if (rc == -2)
			return give_up(cpu, "EL1&0 rights the shadow cannot express (PAN)", pc,
				       f[i].va);
		if (rc != 0) {
			/* Pool exhausted: start again from empty (a full TLB flush). */
			if (shadow_drop_all(cpu) != 0 ||
			    shadow_map_page(cpu, el2, f[i].va, f[i].pa, &f[i].perm) != 0)
				return give_up(cpu, "shadow table pool exhausted", pc, f[i].va);
		}
	}
	cpu->stats.shadow_fills += n;
	return true;
}

/* Acts on a decision: the fault at its vector, the fills, or the end of the run. */
static bool act(struct cpu *cpu, unsigned el, uint64_t pc, const struct abort_decision *d)
{
	switch (d->verdict) {
	case ABORT_FAULT:
		return cpu_take_abort(cpu, &d->ab);
	case ABORT_FILL:
		return apply_fills(cpu, el == 2, pc, d->fill, d->nfill);
	case ABORT_UNDECIDED:
		break;
	}
	return give_up(cpu, d->why ? d->why : "undecided access", pc, 0);
}

static bool handle_data(struct cpu *cpu, const struct actx *x, uint64_t pc,
			const struct abort_mem *mem, struct abort_decision *d)
{
	struct a64_mem_insn m;
	uint32_t insn = 0;
	enum a64_mem_status st;

	if (!cpu_read_insn(cpu, pc, &insn))
		return give_up(cpu, "data abort whose instruction cannot be read back", pc, 0);
	st = a64_mem_decode(insn, pc, xreg, cpu, DCZVA_BYTES, &m);
	if (st != A64_MEM_OK || m.n == 0)
		return give_up(cpu, "data abort of an instruction the simulator does not decode", pc,
			       insn);
	abort_decide_data(&x->rg, x->el, &m, mem, d);
	return act(cpu, x->el, pc, d);
}

bool cpu_handle_abort(struct cpu *cpu)
{
	struct cpu_event *ev = &cpu->ev;
	uint64_t pc = ev->pc;
	struct actx x = { .el = (unsigned)(cpu_reg(cpu, UC_ARM64_REG_PSTATE) >> 2) & 3U };
	const char *why;
	struct abort_mem mem = { .read_desc = cpu_mmu_read_desc, .pa_kind = mem_pa_kind,
				 .gpc_denies = mem_gpc_denies, .ctx = cpu };
	struct abort_decision d;
	bool fetch = ev->kind == CPU_EV_IABT ||
		     (ev->kind == CPU_EV_UNMAPPED && ev->fetch);

	ev->kind = CPU_EV_NONE;
	why = cpu_mmu_regime(cpu, x.el, &x.rg);
	if (why)
		return give_up(cpu, why, pc, x.el);
	if (fetch) {
		abort_decide_fetch(&x.rg, x.el, pc, &mem, &d);
		return act(cpu, x.el, pc, &d);
	}
	return handle_data(cpu, &x, pc, &mem, &d);
}
