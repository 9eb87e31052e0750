/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Moving struct rmm_vcpu_regs in and out of the engine, and exception
 * entry into the realm's own EL1 (realm_cpu_inject_sync).
 */
#include <errno.h>
#include <stddef.h>

#include "realm_private.h"

#define PSTATE_M_MASK 0xFULL
#define PSTATE_EL1T 0x4ULL
#define PSTATE_EL1H 0x5ULL
#define PSTATE_SPSEL 0x1ULL
#define PSTATE_EL_SHIFT 2
#define PSTATE_DAIF (0xFULL << 6)

/* A system register reached by name or through UC_ARM64_REG_CP_REG. */
struct realm_sysreg {
	size_t offset;
	int uc_id; /* 0: use the encoding */
	uint8_t op0, op1, crn, crm, op2;
};

#define NAMED(f, id) { offsetof(struct rmm_vcpu_regs, f), id, 0, 0, 0, 0, 0 }
#define CP(f, o0, o1, n, m, o2) { offsetof(struct rmm_vcpu_regs, f), 0, o0, o1, n, m, o2 }

static const struct realm_sysreg sysregs[] = {
	NAMED(elr_el1, UC_ARM64_REG_ELR_EL1),
	NAMED(esr_el1, UC_ARM64_REG_ESR_EL1),
	NAMED(far_el1, UC_ARM64_REG_FAR_EL1),
	NAMED(vbar_el1, UC_ARM64_REG_VBAR_EL1),
	NAMED(ttbr0_el1, UC_ARM64_REG_TTBR0_EL1),
	NAMED(ttbr1_el1, UC_ARM64_REG_TTBR1_EL1),
	NAMED(mair_el1, UC_ARM64_REG_MAIR_EL1),
	NAMED(par_el1, UC_ARM64_REG_PAR_EL1),
	NAMED(cpacr_el1, UC_ARM64_REG_CPACR_EL1),
	NAMED(tpidr_el0, UC_ARM64_REG_TPIDR_EL0),
	NAMED(tpidrro_el0, UC_ARM64_REG_TPIDRRO_EL0),
	NAMED(tpidr_el1, UC_ARM64_REG_TPIDR_EL1),
	NAMED(fpcr, UC_ARM64_REG_FPCR),
	NAMED(fpsr, UC_ARM64_REG_FPSR),
	CP(sctlr_el1, 3, 0, 1, 0, 0),
	CP(tcr_el1, 3, 0, 2, 0, 2),
	CP(spsr_el1, 3, 0, 4, 0, 0),
	CP(afsr0_el1, 3, 0, 5, 1, 0),
	CP(afsr1_el1, 3, 0, 5, 1, 1),
	CP(amair_el1, 3, 0, 10, 3, 0),
	CP(contextidr_el1, 3, 0, 13, 0, 1),
	CP(cntkctl_el1, 3, 0, 14, 1, 0),
	CP(csselr_el1, 3, 2, 0, 0, 0),
	CP(cntp_ctl, 3, 3, 14, 2, 1),
	CP(cntp_cval, 3, 3, 14, 2, 2),
	CP(cntv_ctl, 3, 3, 14, 3, 1),
	CP(cntv_cval, 3, 3, 14, 3, 2),
};

int realm_cp_write(uc_engine *uc, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		   unsigned op2, uint64_t val)
{
	uc_arm64_cp_reg cp = { .crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2,
			       .val = val };

	return uc_reg_write(uc, UC_ARM64_REG_CP_REG, &cp) == UC_ERR_OK ? 0 : -EIO;
}

int realm_cp_read(uc_engine *uc, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		  unsigned op2, uint64_t *val)
{
	uc_arm64_cp_reg cp = { .crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2 };

	if (uc_reg_read(uc, UC_ARM64_REG_CP_REG, &cp) != UC_ERR_OK)
		return -EIO;
	*val = cp.val;
	return 0;
}

static int cp_read(uc_engine *uc, const struct realm_sysreg *r, uint64_t *val)
{
	uc_arm64_cp_reg cp = { .crn = r->crn, .crm = r->crm, .op0 = r->op0, .op1 = r->op1,
			       .op2 = r->op2 };

	if (uc_reg_read(uc, UC_ARM64_REG_CP_REG, &cp) != UC_ERR_OK)
		return -EIO;
	*val = cp.val;
	return 0;
}

uint64_t realm_reg(struct realm_cpu *rc, int id)
{
	uint64_t v = 0;

	/* Only called for core registers, which Unicorn always knows. */
	(void)uc_reg_read(rc->uc, id, &v);
	return v;
}

static int xreg_id(unsigned i)
{
	return i < 29 ? UC_ARM64_REG_X0 + (int)i : UC_ARM64_REG_X29 + (int)(i - 29);
}

/* Core registers as one batch: x0..x30, pc, pstate (NZCV and DAIF included). */
#define CORE_REGS 33

static void core_ids(int *ids)
{
	for (unsigned i = 0; i < 31; i++)
		ids[i] = xreg_id(i);
	ids[31] = UC_ARM64_REG_PC;
	ids[32] = UC_ARM64_REG_PSTATE;
}

static uint64_t *field(struct rmm_vcpu_regs *regs, size_t offset)
{
	return (uint64_t *)(void *)((char *)regs + offset);
}

/*
 * Writing PSTATE does not change the exception level in Unicorn 2.0.1
 * (DESIGN.md) and the engine is created at EL1: only EL1t/EL1h states are
 * loaded here (realm_cpu.c enters EL0 with an ERET). The stack pointers are banked by hand: SP is the one PSTATE.SP
 * selects, the other goes to its SP_ELx register.
 */
int realm_regs_load(struct realm_cpu *rc, const struct rmm_vcpu_regs *regs)
{
	int ids[CORE_REGS];
	const void *vals[CORE_REGS];
	uint64_t m = regs->pstate & PSTATE_M_MASK;
	bool h = (m & PSTATE_SPSEL) != 0;
	uc_err e;

	if (m != PSTATE_EL1T && m != PSTATE_EL1H)
		return -ENOTSUP; /* EL0t goes through realm_load_state() */
	core_ids(ids);
	for (unsigned i = 0; i < 31; i++)
		vals[i] = &regs->x[i];
	vals[31] = &regs->pc;
	vals[32] = &regs->pstate;
	e = uc_reg_write_batch(rc->uc, ids, (void *const *)(uintptr_t)vals, CORE_REGS);
	if (e == UC_ERR_OK)
		e = uc_reg_write(rc->uc, UC_ARM64_REG_SP, h ? &regs->sp_el1 : &regs->sp_el0);
	if (e == UC_ERR_OK)
		e = uc_reg_write(rc->uc, h ? UC_ARM64_REG_SP_EL0 : UC_ARM64_REG_SP_EL1,
				 h ? &regs->sp_el0 : &regs->sp_el1);
	for (unsigned i = 0; i < 32 && e == UC_ERR_OK; i++) {
		uint64_t q[2] = { regs->v[i][0], regs->v[i][1] };

		e = uc_reg_write(rc->uc, UC_ARM64_REG_Q0 + (int)i, q);
	}
	if (e != UC_ERR_OK)
		return -EIO;
	for (size_t i = 0; i < sizeof(sysregs) / sizeof(sysregs[0]); i++) {
		const struct realm_sysreg *r = &sysregs[i];
		const uint64_t *v = field((struct rmm_vcpu_regs *)(uintptr_t)regs, r->offset);

		if (r->uc_id)
			e = uc_reg_write(rc->uc, r->uc_id, v);
		else if (realm_cp_write(rc->uc, r->op0, r->op1, r->crn, r->crm, r->op2, *v))
			e = UC_ERR_EXCEPTION;
		if (e != UC_ERR_OK)
			return -EIO;
	}
	return 0;
}

int realm_regs_save(struct realm_cpu *rc, struct rmm_vcpu_regs *regs)
{
	int ids[CORE_REGS];
	void *vals[CORE_REGS];
	uint64_t sp = 0, other = 0;
	bool h;
	uc_err e;

	core_ids(ids);
	for (unsigned i = 0; i < 31; i++)
		vals[i] = &regs->x[i];
	vals[31] = &regs->pc;
	vals[32] = &regs->pstate;
	e = uc_reg_read_batch(rc->uc, ids, vals, CORE_REGS);
	if (e != UC_ERR_OK)
		return -EIO;
	h = (regs->pstate & PSTATE_SPSEL) != 0;
	e = uc_reg_read(rc->uc, UC_ARM64_REG_SP, &sp);
	if (e == UC_ERR_OK)
		e = uc_reg_read(rc->uc, h ? UC_ARM64_REG_SP_EL0 : UC_ARM64_REG_SP_EL1, &other);
	regs->sp_el1 = h ? sp : other;
	regs->sp_el0 = h ? other : sp;
	for (unsigned i = 0; i < 32 && e == UC_ERR_OK; i++) {
		uint64_t q[2] = { 0, 0 };

		e = uc_reg_read(rc->uc, UC_ARM64_REG_Q0 + (int)i, q);
		regs->v[i][0] = q[0];
		regs->v[i][1] = q[1];
	}
	if (e != UC_ERR_OK)
		return -EIO;
	for (size_t i = 0; i < sizeof(sysregs) / sizeof(sysregs[0]); i++) {
		const struct realm_sysreg *r = &sysregs[i];
		uint64_t *v = field(regs, r->offset);

		if (r->uc_id ? uc_reg_read(rc->uc, r->uc_id, v) != UC_ERR_OK : cp_read(rc->uc, r, v))
			return -EIO;
	}
	return 0;
}

/*
 * Synchronous exception to EL1 (Arm ARM D1.10.2): the vector offset is
 * 0x000 from EL1t, 0x200 from EL1h, 0x400 from EL0 (AArch64).
 */
int realm_cpu_inject_sync(struct realm_cpu *rc, struct rmm_vcpu_regs *regs, uint64_t esr_el1,
			  uint64_t far)
{
	uint64_t m, offset;

	if (!regs)
		return -EINVAL;
	m = regs->pstate & PSTATE_M_MASK;
	if (m == PSTATE_EL1T)
		offset = 0x000;
	else if (m == PSTATE_EL1H)
		offset = 0x200;
	else if (m == 0)
		offset = 0x400;
	else
		return -EINVAL; /* EL2/EL3 or AArch32: not a realm state */
	regs->elr_el1 = regs->pc;
	regs->spsr_el1 = regs->pstate;
	regs->esr_el1 = esr_el1;
	regs->far_el1 = far;
	regs->pc = (regs->vbar_el1 & ~0x7FFULL) + offset;
	regs->pstate = (regs->pstate & ~(PSTATE_M_MASK | PSTATE_DAIF)) | PSTATE_DAIF | PSTATE_EL1H;
	return 0;
}
