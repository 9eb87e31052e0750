/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Adapters between the reference walk (mmu_ref.c) and the production
 * interface (sim/src/mmu/mmu.h), a field-by-field comparison, and the
 * whole-access prediction (walk + alignment + GPC on the output PA).
 */
#include <stdio.h>

#include "mmu_ref.h"

struct ref_trampoline {
	mmu_read_fn rd;
	void *ctx;
};

static enum mmu_ref_memstat ref_load(void *ctx, uint64_t pa, uint64_t *val)
{
	const struct ref_trampoline *t = ctx;

	switch (t->rd(t->ctx, pa, val)) {
	case MMU_READ_OK:
		return MMU_REF_MEM_OK;
	case MMU_READ_GPF:
		return MMU_REF_MEM_GPF;
	case MMU_READ_SEA:
		return MMU_REF_MEM_SEA;
	}
	return MMU_REF_MEM_SEA; /* an unknown answer fails closed */
}

static enum mmu_fault ref_to_fault(enum mmu_ref_fault f)
{
	switch (f) {
	case MMU_REF_FAULT_NONE:
		return MMU_OK;
	case MMU_REF_FAULT_ADDRSIZE:
		return MMU_FAULT_ADDR_SIZE;
	case MMU_REF_FAULT_TRANSLATION:
		return MMU_FAULT_TRANSLATION;
	case MMU_REF_FAULT_ACCESSFLAG:
		return MMU_FAULT_ACCESS_FLAG;
	case MMU_REF_FAULT_PERMISSION:
		return MMU_FAULT_PERMISSION;
	case MMU_REF_FAULT_SEA_TTW:
		return MMU_FAULT_SEA_WALK;
	case MMU_REF_FAULT_GPF_TTW:
		return MMU_FAULT_GPF_WALK;
	case MMU_REF_FAULT_UNSUPPORTED:
		return MMU_FAULT_UNSUPPORTED;
	}
	return MMU_FAULT_UNSUPPORTED;
}

static enum mmu_ref_fault fault_to_ref(enum mmu_fault f)
{
	switch (f) {
	case MMU_OK:
		return MMU_REF_FAULT_NONE;
	case MMU_FAULT_ADDR_SIZE:
		return MMU_REF_FAULT_ADDRSIZE;
	case MMU_FAULT_TRANSLATION:
		return MMU_REF_FAULT_TRANSLATION;
	case MMU_FAULT_ACCESS_FLAG:
		return MMU_REF_FAULT_ACCESSFLAG;
	case MMU_FAULT_PERMISSION:
		return MMU_REF_FAULT_PERMISSION;
	case MMU_FAULT_SEA_WALK:
		return MMU_REF_FAULT_SEA_TTW;
	case MMU_FAULT_GPF_WALK:
		return MMU_REF_FAULT_GPF_TTW;
	case MMU_FAULT_UNSUPPORTED:
		return MMU_REF_FAULT_UNSUPPORTED;
	}
	return MMU_REF_FAULT_UNSUPPORTED;
}

static void ref_regs_of(const struct mmu_cfg *cfg, struct mmu_ref_regs *r)
{
	r->regime = cfg->regime == MMU_REGIME_EL2    ? MMU_REF_EL2
		    : cfg->regime == MMU_REGIME_EL20 ? MMU_REF_EL20
						     : MMU_REF_EL10;
	r->sctlr = cfg->sctlr;
	r->tcr = cfg->tcr;
	r->ttbr[0] = cfg->ttbr0;
	r->ttbr[1] = cfg->ttbr1;
	r->mair = cfg->mair;
	r->pamax = cfg->pa_bits;
	r->tgran = cfg->granules;
	r->at_el0 = cfg->el0;
	r->pstate_pan = cfg->pan;
	r->unpriv = cfg->unpriv;
}

static void ref_walk(const struct mmu_cfg *cfg, uint64_t va, enum mmu_access acc,
		     mmu_read_fn rd, void *ctx, struct mmu_ref_out *out)
{
	struct ref_trampoline t = { rd, ctx };
	struct mmu_ref_regs regs;
	enum mmu_ref_acctype at = acc == MMU_ACCESS_WRITE   ? MMU_REF_STORE
				  : acc == MMU_ACCESS_FETCH ? MMU_REF_IFETCH
							    : MMU_REF_LOAD;

	ref_regs_of(cfg, &regs);
	mmu_ref_s1_translate(&regs, va, at, ref_load, &t, out);
}

void mmu_ref_translate(const struct mmu_cfg *cfg, uint64_t va, enum mmu_access acc,
		       mmu_read_fn rd, void *ctx, struct mmu_result *res)
{
	struct mmu_ref_out o;

	ref_walk(cfg, va, acc, rd, ctx, &o);
	*res = (struct mmu_result){
		.fault = ref_to_fault(o.fault),
		.level = o.level,
		.pa = o.fault == MMU_REF_FAULT_NONE ? o.oa : 0,
		.desc_pa = o.read_any ? o.last_desc_pa : 0,
		.map_shift = o.leaf_shift,
		.contiguous = o.contig,
		.can_read = o.r,
		.can_write = o.w,
		.can_exec = o.x,
		.attr = o.memattr,
		.device = o.is_device,
	};
}

unsigned mmu_ref_result_fsc(const struct mmu_result *res)
{
	return mmu_ref_fsc(fault_to_ref(res->fault), res->level);
}

#define DIFF(...)                                          \
	do {                                               \
		if (why != NULL) {                         \
			snprintf(why, why_len, __VA_ARGS__); \
		}                                          \
		return -1;                                 \
	} while (0)

static const char *ref_result_name(enum mmu_fault f)
{
	static const char *const names[] = {
		[MMU_OK] = "ok",
		[MMU_FAULT_ADDR_SIZE] = "address-size",
		[MMU_FAULT_TRANSLATION] = "translation",
		[MMU_FAULT_ACCESS_FLAG] = "access-flag",
		[MMU_FAULT_PERMISSION] = "permission",
		[MMU_FAULT_SEA_WALK] = "sea-walk",
		[MMU_FAULT_GPF_WALK] = "gpf-walk",
		[MMU_FAULT_UNSUPPORTED] = "unsupported",
	};

	return (unsigned)f < sizeof(names) / sizeof(names[0]) ? names[f] : "?";
}

int mmu_ref_compare(const struct mmu_result *ref, const struct mmu_result *got, unsigned got_fsc,
		    bool mmu_on, bool expect_desc, char *why, size_t why_len)
{
	if (ref->fault != got->fault) {
		DIFF("fault %s (ref) != %s", ref_result_name(ref->fault), ref_result_name(got->fault));
	}
	if (ref->fault != MMU_FAULT_UNSUPPORTED && ref->level != got->level) {
		DIFF("level %d (ref) != %d", ref->level, got->level);
	}
	if (mmu_ref_result_fsc(ref) != got_fsc) {
		DIFF("fsc 0x%x (ref) != 0x%x", mmu_ref_result_fsc(ref), got_fsc);
	}
	if (expect_desc && ref->desc_pa != got->desc_pa) {
		DIFF("desc_pa 0x%llx (ref) != 0x%llx", (unsigned long long)ref->desc_pa,
		     (unsigned long long)got->desc_pa);
	}
	if (ref->fault == MMU_OK) {
		if (ref->pa != got->pa) {
			DIFF("pa 0x%llx (ref) != 0x%llx", (unsigned long long)ref->pa,
			     (unsigned long long)got->pa);
		}
		if (ref->device != got->device) {
			DIFF("device %d (ref) != %d", ref->device, got->device);
		}
		if (mmu_on && (ref->map_shift != got->map_shift || ref->contiguous != got->contiguous ||
			       ref->attr != got->attr)) {
			DIFF("map_shift/contiguous/attr %u/%d/0x%x (ref) != %u/%d/0x%x", ref->map_shift,
			     ref->contiguous, ref->attr, got->map_shift, got->contiguous, got->attr);
		}
	}
	if (ref->fault == MMU_OK || ref->fault == MMU_FAULT_PERMISSION) {
		if (ref->can_read != got->can_read || ref->can_write != got->can_write ||
		    ref->can_exec != got->can_exec) {
			DIFF("rwx %d%d%d (ref) != %d%d%d", ref->can_read, ref->can_write, ref->can_exec,
			     got->can_read, got->can_write, got->can_exec);
		}
	}
	return 0;
}

static enum mmu_ref_outcome ref_outcome_of(enum mmu_fault f)
{
	switch (f) {
	case MMU_OK:
		return MMU_REF_ACCESS_OK;
	case MMU_FAULT_ADDR_SIZE:
		return MMU_REF_ACCESS_ADDR_SIZE;
	case MMU_FAULT_TRANSLATION:
	case MMU_FAULT_UNSUPPORTED:
		return MMU_REF_ACCESS_TRANSLATION;
	case MMU_FAULT_ACCESS_FLAG:
		return MMU_REF_ACCESS_ACCESS_FLAG;
	case MMU_FAULT_PERMISSION:
		return MMU_REF_ACCESS_PERMISSION;
	case MMU_FAULT_SEA_WALK:
		return MMU_REF_ACCESS_WALK_SEA;
	case MMU_FAULT_GPF_WALK:
		return MMU_REF_ACCESS_WALK_GPF;
	}
	return MMU_REF_ACCESS_TRANSLATION;
}

/* One part of an access that does not cross a 4K boundary (the GPC granule). */
static void ref_check_part(const struct mmu_cfg *cfg, uint64_t va, const struct mmu_ref_access *a,
			   bool aligned, mmu_read_fn rd, void *rd_ctx, mmu_ref_gpc_fn gpc,
			   void *gpc_ctx, struct mmu_ref_verdict *v)
{
	bool data = a->acc != MMU_ACCESS_FETCH;
	enum mmu_read_status g;

	v->fault_va = va;
	mmu_ref_translate(cfg, va, a->acc, rd, rd_ctx, &v->walk);
	if (v->walk.fault != MMU_OK && v->walk.fault != MMU_FAULT_PERMISSION) {
		v->outcome = ref_outcome_of(v->walk.fault);
		v->fsc = mmu_ref_result_fsc(&v->walk);
		return;
	}
	/* AArch64.S1HasAlignmentFault: unaligned data access to Device memory. */
	if (data && !aligned && v->walk.device) {
		v->outcome = MMU_REF_ACCESS_ALIGNMENT;
		v->fsc = MMU_REF_FSC_ALIGNMENT;
		return;
	}
	if (v->walk.fault == MMU_FAULT_PERMISSION) {
		v->outcome = MMU_REF_ACCESS_PERMISSION;
		v->fsc = mmu_ref_result_fsc(&v->walk);
		return;
	}
	/* The GPC checks the output PA after translation (DDI0487 D9 "Granule Protection Checks"). */
	g = gpc(gpc_ctx, v->walk.pa, a->acc);
	if (g == MMU_READ_OK) {
		v->outcome = MMU_REF_ACCESS_OK;
		v->fsc = 0;
	} else if (g == MMU_READ_GPF) {
		v->outcome = MMU_REF_ACCESS_GPF;
		v->fsc = MMU_REF_FSC_GPF;
	} else {
		v->outcome = MMU_REF_ACCESS_SEA;
		v->fsc = MMU_REF_FSC_SEA;
	}
}

void mmu_ref_check_access(const struct mmu_cfg *cfg, const struct mmu_ref_access *a,
			  mmu_read_fn rd, void *rd_ctx, mmu_ref_gpc_fn gpc, void *gpc_ctx,
			  struct mmu_ref_verdict *v)
{
	unsigned size = a->size == 0 ? 1 : a->size;
	bool aligned = (a->va & (size - 1)) == 0 && (size & (size - 1)) == 0;
	uint64_t last = a->va + size - 1;
	bool data = a->acc != MMU_ACCESS_FETCH;

	*v = (struct mmu_ref_verdict){ .outcome = MMU_REF_ACCESS_OK, .fault_va = a->va };
	/* Alignment not caused by the memory type comes first: SCTLR.A (bit 1) or the instruction. */
	if (data && !aligned && ((cfg->sctlr & 2) || a->need_align)) {
		v->outcome = MMU_REF_ACCESS_ALIGNMENT;
		v->fsc = MMU_REF_FSC_ALIGNMENT;
		return;
	}
	ref_check_part(cfg, a->va, a, aligned, rd, rd_ctx, gpc, gpc_ctx, v);
	if (v->outcome == MMU_REF_ACCESS_OK && (a->va >> 12) != (last >> 12)) {
		ref_check_part(cfg, last & ~0xFFFULL, a, aligned, rd, rd_ctx, gpc, gpc_ctx, v);
	}
}

const char *mmu_ref_outcome_name(enum mmu_ref_outcome o)
{
	switch (o) {
	case MMU_REF_ACCESS_OK:
		return "ok";
	case MMU_REF_ACCESS_ALIGNMENT:
		return "alignment";
	case MMU_REF_ACCESS_WALK_GPF:
		return "walk-gpf";
	case MMU_REF_ACCESS_WALK_SEA:
		return "walk-sea";
	case MMU_REF_ACCESS_ADDR_SIZE:
		return "address-size";
	case MMU_REF_ACCESS_TRANSLATION:
		return "translation";
	case MMU_REF_ACCESS_ACCESS_FLAG:
		return "access-flag";
	case MMU_REF_ACCESS_PERMISSION:
		return "permission";
	case MMU_REF_ACCESS_GPF:
		return "gpf";
	case MMU_REF_ACCESS_SEA:
		return "sea";
	}
	return "?";
}
