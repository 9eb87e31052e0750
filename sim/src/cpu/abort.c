/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host memory aborts. Unicorn walks only the shadow tables (shadow.c), so
 * every first access to a page, every permission mismatch and every access
 * to a VA outside Unicorn's memory map stops the engine at the instruction
 * with no address and no syndrome (DESIGN.md). Here the simulator does
 * what the PE would have done, in the Arm ARM's priority order:
 *
 *   1. recompute the instruction's accesses from its encoding (sim/src/a64);
 *   2. per access: alignment (0x21), then the host's own stage-1 walk
 *      (sim/src/mmu: address size, translation, access flag, permission,
 *      GPF or SEA on the walk), then the GPC of the output PA (GPF 0x28),
 *      then the memory map (SEA 0x10);
 *   3. a fault is entered at the host's vector with the exact ESR/FAR;
 *      otherwise the pages are added to the shadow and the instruction is
 *      restarted.
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

#define PAGE 0x1000ULL
#define DCZVA_BYTES 64U      /* DCZID_EL0.BS = 4 on the modelled CPU */
#define SCTLR_A (1ULL << 1)
#define SCTLR_M (1ULL << 0)

struct fill {
	uint64_t va;
	pa_t pa;
	struct shadow_perm perm;
};

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

/* Checks the page of @va for @acc; on success fills @f, else delivers the abort. */
/* Rights of the other EL of the EL1&0 regime on the same page (a second walk). */
static void other_el_rights(struct cpu *cpu, const struct actx *x, uint64_t va,
			    const struct mmu_result *mine, struct shadow_perm *p)
{
	struct mmu_cfg c = x->rg.cfg;
	struct mmu_result o;

	c.el0 = !c.el0;
	c.unpriv = false;
	mmu_translate(&c, va, MMU_ACCESS_READ, cpu_mmu_read_desc, cpu, &o);
	if (o.fault != MMU_OK && o.fault != MMU_FAULT_PERMISSION)
		o.can_read = o.can_write = o.can_exec = false;
	/* The same PA: a different one would mean the walk is not deterministic. */
	if (o.fault == MMU_OK && o.pa != mine->pa)
		o.can_read = o.can_write = o.can_exec = false;
	if (x->el == 0) {
		p->el0_read = mine->can_read;
		p->el0_write = mine->can_write;
		p->el0_exec = mine->can_exec;
		p->write = o.can_write;
		p->exec = o.can_exec;
	} else {
		p->el0_read = o.can_read;
		p->el0_write = o.can_write;
		p->el0_exec = o.can_exec;
	}
	p->for_el0 = x->el == 0;
}

static bool check_page(struct cpu *cpu, const struct actx *x, uint64_t va, uint64_t far,
		       enum mmu_access acc, bool wnr, bool unpriv, struct fill *f, bool *faulted)
{
	const struct mmu_cfg *cfg = &x->rg.cfg;
	struct mmu_cfg ucfg;
	struct mmu_result r;
	const void *host;
	enum cpu_pa_kind kind;
	enum gpt_access gacc = acc == MMU_ACCESS_FETCH ? GPT_ACCESS_FETCH :
			       acc == MMU_ACCESS_WRITE ? GPT_ACCESS_WRITE : GPT_ACCESS_READ;
	struct cpu_abort ab = { .fetch = acc == MMU_ACCESS_FETCH, .far = far, .wnr = wnr };

	*faulted = true;
	/* LDTR/STTR at EL1 are checked as EL0 accesses (D8.4.1.2.2). */
	if (unpriv && x->el == 1) {
		ucfg = *cfg;
		ucfg.unpriv = true;
		cfg = &ucfg;
	}
	mmu_translate(cfg, va, acc, cpu_mmu_read_desc, cpu, &r);
	if (r.fault != MMU_OK) {
		ab.fsc = mmu_fsc(&r);
		ab.kind = r.fault == MMU_FAULT_GPF_WALK ? CPU_ABORT_GPF_WALK : CPU_ABORT_MMU;
		ab.pa = r.desc_pa;
		return cpu_take_abort(cpu, &ab);
	}
	ab.pa = r.pa;
	/*
	 * Nothing at the PA, or code fetched from a device: a synchronous
	 * external abort. Checked before the GPC because on the FVP the GPT
	 * TF-A builds gives the holes of the memory map GPI_ANY (an access
	 * there is answered by the interconnect), while this platform's GPT
	 * marks them NO_ACCESS (docs/emulation.md).
	 */
	kind = cpu_pa_kind(cpu, r.pa, &host);
	if (kind == CPU_PA_NONE || (kind == CPU_PA_MMIO && acc == MMU_ACCESS_FETCH)) {
		ab.fsc = CPU_FSC_SEA;
		ab.kind = CPU_ABORT_SEA;
		return cpu_take_abort(cpu, &ab);
	}
	if (cpu_gpc_denies(cpu, gacc, r.pa)) {
		ab.fsc = CPU_FSC_GPF;
		ab.kind = CPU_ABORT_GPF;
		return cpu_take_abort(cpu, &ab);
	}
	*faulted = false;
	f->va = va & ~(PAGE - 1);
	f->pa = r.pa & ~(PAGE - 1);
	/* An unprivileged access's rights are EL0's: fill as EL1 with a fresh walk. */
	if (cfg == &ucfg)
		mmu_translate(&x->rg.cfg, va, MMU_ACCESS_READ, cpu_mmu_read_desc, cpu, &r);
	f->perm = (struct shadow_perm){ .write = r.can_write, .exec = r.can_exec,
					.device = (r.device && !x->rg.normal_flat) ||
						  kind == CPU_PA_MMIO };
	if (x->el < 2)
		other_el_rights(cpu, x, va, &r, &f->perm);
	return true;
}

/* Adds checked pages to the shadow, or notices that a restart would loop. */
static bool apply_fills(struct cpu *cpu, bool el2, uint64_t pc, const struct fill *f, unsigned n)
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

static bool handle_fetch(struct cpu *cpu, const struct actx *x, uint64_t pc)
{
	struct fill f;
	bool faulted;

	if (!check_page(cpu, x, pc, pc, MMU_ACCESS_FETCH, false, false, &f, &faulted))
		return false;
	return faulted ? true : apply_fills(cpu, x->el == 2, pc, &f, 1);
}

static unsigned required_alignment(const struct actx *x, const struct a64_mem_insn *m)
{
	unsigned a = m->align_always;
	uint64_t sctlr = x->rg.cfg.sctlr;

	/*
	 * SCTLR.A, or stage 1 off with Device memory (all data is Device-nGnRnE
	 * unless HCR_EL2.DC = 1): element alignment (B2.5.2).
	 */
	if (((sctlr & SCTLR_A) || (!(sctlr & SCTLR_M) && !x->rg.normal_flat)) && m->elem_size > a)
		a = m->elem_size;
	return a;
}

static bool handle_data(struct cpu *cpu, const struct actx *x, uint64_t pc)
{
	struct a64_mem_insn m;
	struct fill fills[2 * A64_MEM_MAX_ACCESSES + 2];
	unsigned nf = 0;
	uint32_t insn = 0;
	enum a64_mem_status st;

	if (!cpu_read_insn(cpu, pc, &insn))
		return give_up(cpu, "data abort whose instruction cannot be read back", pc, 0);
	st = a64_mem_decode(insn, pc, xreg, cpu, DCZVA_BYTES, &m);
	if (st != A64_MEM_OK || m.n == 0)
		return give_up(cpu, "data abort of an instruction the simulator does not decode", pc,
			       insn);
	for (unsigned i = 0; i < m.n; i++) {
		const struct a64_mem_access *a = &m.acc[i];
		unsigned align = required_alignment(x, &m);
		enum mmu_access acc = a->write ? MMU_ACCESS_WRITE : MMU_ACCESS_READ;
		uint64_t last = a->va + a->size - 1;

		if (align > 1 && (a->va & (align - 1))) {
			struct cpu_abort ab = { .kind = CPU_ABORT_ALIGN, .fsc = CPU_FSC_ALIGN,
						.far = a->va, .wnr = a->write };

			return cpu_take_abort(cpu, &ab);
		}
		/* Each 4 KiB page of the access; FAR is the lowest byte on the faulting page. */
		for (uint64_t p = a->va & ~(PAGE - 1);; p += PAGE) {
			uint64_t far = p < a->va ? a->va : p;
			bool faulted;

			if (nf == sizeof(fills) / sizeof(fills[0]))
				return give_up(cpu, "access touching too many pages", pc, a->va);
			if (!check_page(cpu, x, far, far, acc, a->write, m.unpriv, &fills[nf], &faulted))
				return false;
			if (faulted)
				return true;
			nf++;
			if ((last & ~(PAGE - 1)) == p)
				break;
		}
	}
	return apply_fills(cpu, x->el == 2, pc, fills, nf);
}

bool cpu_handle_abort(struct cpu *cpu)
{
	struct cpu_event *ev = &cpu->ev;
	uint64_t pc = ev->pc;
	struct actx x = { .el = (unsigned)(cpu_reg(cpu, UC_ARM64_REG_PSTATE) >> 2) & 3U };
	const char *why;
	bool fetch = ev->kind == CPU_EV_IABT ||
		     (ev->kind == CPU_EV_UNMAPPED && ev->fetch);

	ev->kind = CPU_EV_NONE;
	why = cpu_mmu_regime(cpu, x.el, &x.rg);
	if (why)
		return give_up(cpu, why, pc, x.el);
	if (fetch)
		return handle_fetch(cpu, &x, pc);
	return handle_data(cpu, &x, pc);
}
