/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The decision of a host memory abort, as a pure function of the
 * translation regime, the decoded instruction and the memory map (no
 * Unicorn): what the PE would have done with the access, in the Arm ARM's
 * priority order, for each access of the instruction and each 4 KiB page
 * it touches:
 *
 *   1. alignment not caused by the memory type (FSC 0x21): the
 *      instruction's own requirement (exclusives, acquire/release) or
 *      SCTLR.A;
 *   2. the stage-1 walk (sim/src/mmu): address size, translation, access
 *      flag, SEA or GPF on a descriptor read (0x14+L, 0x24+L); then an
 *      unaligned access to Device memory with stage 1 off (B2.5.2,
 *      AArch64.S1HasAlignmentFault); then permission;
 *   3. nothing at the output PA, or a fetch from a device: SEA (0x10);
 *   4. the GPC of the output PA: GPF (0x28).
 *
 * The first fault wins; its FAR is the lowest byte of the access on the
 * faulting page (DC ZVA: Xt as given, ASL AArch64.DataMemZero). Without a
 * fault the pages become shadow fills with the rights of the regime's ELs.
 * abort.c acts on the decision; tests/unit/cpu/test_abort_matrix.c checks
 * it against the independent reference walk (tests/mmu_ref).
 */
#include <string.h>

#include "cpu_private.h"

#define PAGE 0x1000ULL
#define SCTLR_A (1ULL << 1)
#define SCTLR_M (1ULL << 0)

/* Rights of the other EL of the EL1&0 regime on the same page (a second walk). */
static void other_el_rights(const struct cpu_regime *rg, unsigned el, const struct abort_mem *mem,
			    uint64_t va, const struct mmu_result *mine, struct shadow_perm *p)
{
	struct mmu_cfg c = rg->cfg;
	struct mmu_result o;

	c.el0 = !c.el0;
	c.unpriv = false;
	mmu_translate(&c, va, MMU_ACCESS_READ, mem->read_desc, mem->ctx, &o);
	if (o.fault != MMU_OK && o.fault != MMU_FAULT_PERMISSION)
		o.can_read = o.can_write = o.can_exec = false;
	/* The same PA: a different one would mean the walk is not deterministic. */
	if (o.fault == MMU_OK && o.pa != mine->pa)
		o.can_read = o.can_write = o.can_exec = false;
	if (el == 0) {
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
	p->for_el0 = el == 0;
}

static void fault(struct abort_decision *d, enum cpu_abort_kind kind, unsigned fsc, bool fetch,
		  uint64_t far, bool wnr, pa_t pa)
{
	d->verdict = ABORT_FAULT;
	d->ab = (struct cpu_abort){ .kind = kind, .fsc = fsc, .fetch = fetch, .far = far,
				    .wnr = wnr, .pa = pa };
}

/* Checks the page of @va for @acc; true = a fill was added, false = @d holds a fault. */
static bool check_page(const struct cpu_regime *rg, unsigned el, const struct abort_mem *mem,
		       uint64_t va, uint64_t far, enum mmu_access acc,
		       const struct a64_mem_access *a, bool unpriv, unsigned dev_align,
		       struct abort_decision *d)
{
	const struct mmu_cfg *cfg = &rg->cfg;
	struct mmu_cfg ucfg;
	struct mmu_result r;
	struct abort_fill *f = &d->fill[d->nfill];
	enum cpu_pa_kind kind;
	bool fetch = acc == MMU_ACCESS_FETCH;
	enum gpt_access gacc = fetch ? GPT_ACCESS_FETCH :
			       acc == MMU_ACCESS_WRITE ? GPT_ACCESS_WRITE : GPT_ACCESS_READ;
	bool wnr;

	/* LDTR/STTR at EL1 are checked as EL0 accesses (D8.4.1.2.2). */
	if (unpriv && el == 1) {
		ucfg = *cfg;
		ucfg.unpriv = true;
		cfg = &ucfg;
	}
	mmu_translate(cfg, va, acc, mem->read_desc, mem->ctx, &r);
	/* WnR: an atomic read-modify-write reports 0 unless only write was denied (a64_mem.h). */
	wnr = a && a64_mem_wnr(a, r.fault == MMU_FAULT_PERMISSION && r.can_read);
	/* Stage 1 off: everything is Device (unless HCR_EL2.DC); the walk's own faults first. */
	if ((r.fault == MMU_OK || r.fault == MMU_FAULT_PERMISSION) && dev_align > 1 &&
	    (a->va & (dev_align - 1))) {
		fault(d, CPU_ABORT_ALIGN, CPU_FSC_ALIGN, false, far, a64_mem_wnr(a, false), 0);
		return false;
	}
	if (r.fault != MMU_OK) {
		fault(d, r.fault == MMU_FAULT_GPF_WALK ? CPU_ABORT_GPF_WALK : CPU_ABORT_MMU,
		      mmu_fsc(&r), fetch, far, wnr, r.desc_pa);
		return false;
	}
	/*
	 * Nothing at the PA, or code fetched from a device: a synchronous
	 * external abort. Checked before the GPC because on the FVP the GPT
	 * TF-A builds gives the holes of the memory map GPI_ANY (an access
	 * there is answered by the interconnect), while this platform's GPT
	 * marks them NO_ACCESS (docs/emulation.md).
	 */
	kind = mem->pa_kind(mem->ctx, r.pa);
	if (kind == CPU_PA_NONE || (kind == CPU_PA_MMIO && fetch)) {
		fault(d, CPU_ABORT_SEA, CPU_FSC_SEA, fetch, far, wnr, r.pa);
		return false;
	}
	if (mem->gpc_denies(mem->ctx, gacc, r.pa)) {
		fault(d, CPU_ABORT_GPF, CPU_FSC_GPF, fetch, far, wnr, r.pa);
		return false;
	}
	f->va = va & ~(PAGE - 1);
	f->pa = r.pa & ~(PAGE - 1);
	/* An unprivileged access's rights are EL0's: fill as EL1 with a fresh walk. */
	if (cfg == &ucfg)
		mmu_translate(&rg->cfg, va, MMU_ACCESS_READ, mem->read_desc, mem->ctx, &r);
	f->perm = (struct shadow_perm){ .write = r.can_write, .exec = r.can_exec,
					.device = (r.device && !rg->normal_flat) ||
						  kind == CPU_PA_MMIO };
	if (el < 2)
		other_el_rights(rg, el, mem, va, &r, &f->perm);
	d->nfill++;
	return true;
}

void abort_decide_fetch(const struct cpu_regime *rg, unsigned el, uint64_t pc,
			const struct abort_mem *mem, struct abort_decision *d)
{
	memset(d, 0, sizeof(*d));
	d->verdict = ABORT_FILL;
	check_page(rg, el, mem, pc, pc, MMU_ACCESS_FETCH, NULL, false, 0, d);
}

unsigned abort_required_alignment(const struct cpu_regime *rg, const struct a64_mem_insn *m)
{
	unsigned a = m->align_always;

	/* SCTLR.A: every access aligned to its element size. */
	if ((rg->cfg.sctlr & SCTLR_A) && m->elem_size > a)
		a = m->elem_size;
	return a;
}

/* Alignment the memory type needs: stage 1 off means Device-nGnRnE unless HCR_EL2.DC. */
static unsigned device_alignment(const struct cpu_regime *rg, const struct a64_mem_insn *m)
{
	return !(rg->cfg.sctlr & SCTLR_M) && !rg->normal_flat ? m->elem_size : 1;
}

void abort_decide_data(const struct cpu_regime *rg, unsigned el, const struct a64_mem_insn *m,
		       const struct abort_mem *mem, struct abort_decision *d)
{
	unsigned align = abort_required_alignment(rg, m), dev_align = device_alignment(rg, m);

	memset(d, 0, sizeof(*d));
	d->verdict = ABORT_FILL;
	for (unsigned i = 0; i < m->n; i++) {
		const struct a64_mem_access *a = &m->acc[i];
		enum mmu_access acc = a->write ? MMU_ACCESS_WRITE : MMU_ACCESS_READ;
		uint64_t last = a->va + a->size - 1;
		/* DC ZVA reports Xt as given, not the block address (far_is_xt). */
		bool xt = m->far_is_xt;

		if (align > 1 && (a->va & (align - 1))) {
			fault(d, CPU_ABORT_ALIGN, CPU_FSC_ALIGN, false, xt ? m->xt : a->va,
			      a64_mem_wnr(a, false), 0);
			return;
		}
		/* Each 4 KiB page of the access; FAR is the lowest byte on the faulting page. */
		for (uint64_t p = a->va & ~(PAGE - 1);; p += PAGE) {
			uint64_t at = p < a->va ? a->va : p;

			if (d->nfill == ABORT_MAX_FILLS) {
				d->verdict = ABORT_UNDECIDED;
				d->why = "access touching too many pages";
				return;
			}
			if (!check_page(rg, el, mem, at, xt ? m->xt : at, acc, a, m->unpriv,
					dev_align, d))
				return;
			if ((last & ~(PAGE - 1)) == p)
				break;
		}
	}
}
