/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AT (address translation) instructions of the host. Unicorn would run
 * them on the shadow tables (shadow.c), which describe only the pages the
 * simulator has checked so far, and report their PAs or a spurious fault.
 * Instead the walk of the host's own tables (sim/src/mmu, the same one
 * abort.c uses) answers, and PAR_EL1 is written as the Arm ARM gives it
 * (D19.2, PAR_EL1; D8.x "Address translation instructions"):
 *
 *  - success: F = 0, PA[47:12], NS = 1 and NSE = 0 (Non-secure output PA
 *    space), SH of the leaf (0b10 for Device), ATTR = the MAIR byte (MMU
 *    off: Device-nGnRnE, 0x00);
 *  - failure: F = 1, FST = the fault's FSC (a GPF on a descriptor read is
 *    FST 0b1001LL and, with SCR_EL3.GPF = 0 as booted, is reported here,
 *    not taken), PTW = 0, S = 0 (stage 1), bit 11 RES1.
 *
 * The output address itself is not accessed, so it is not GPC-checked: an
 * AT of a delegated granule's mapping succeeds (only an access faults).
 * Handled: AT S1E2R/W (EL2), S1E1R/W and S1E0R/W (EL1 or EL2), and
 * S12E1R/W, S12E0R/W (EL2) with stage 2 off, which equal S1E1/S1E0 then.
 * With HCR_EL2.VM = 1 or a regime the simulator does not model the run
 * ends (fail closed). Anything else (S1E3, the PAN forms S1E1RP/WP the
 * modelled CPU lacks, an AT not permitted at the current EL) is left to
 * Unicorn, which makes it UNDEFINED.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

#define PAR_F (1ULL << 0)
#define PAR_FST_SHIFT 1U
#define PAR_RES1_FAULT (1ULL << 11)
#define PAR_NS (1ULL << 9)
#define PAR_SH_SHIFT 7U
#define PAR_ATTR_SHIFT 56U
#define PAR_PA_MASK 0x0000FFFFFFFFF000ULL
#define DESC_SH(d) (((d) >> 8) & 3U)
#define SH_OUTER 2U

enum at_op { AT_NONE, AT_S1E2, AT_S1E1, AT_S1E0 };

/* Which AT @cp is (op0 = 1, CRn = 7, CRm = 8), its access, and the lowest EL that may use it. */
static enum at_op decode(const uc_arm64_cp_reg *cp, bool *write, unsigned *min_el)
{
	if (cp->op0 != 1 || cp->crn != 7 || cp->crm != 8)
		return AT_NONE;
	*write = cp->op2 & 1;
	if (cp->op1 == 0 && cp->op2 <= 3) {
		*min_el = 1;
		return cp->op2 < 2 ? AT_S1E1 : AT_S1E0;
	}
	if (cp->op1 == 4) {
		*min_el = 2;
		if (cp->op2 <= 1)
			return AT_S1E2;
		if (cp->op2 >= 4)
			return cp->op2 < 6 ? AT_S1E1 : AT_S1E0; /* S12E1x / S12E0x */
	}
	return AT_NONE;
}

static uint64_t par_of(struct cpu *cpu, const struct mmu_result *r)
{
	uint64_t desc = 0, sh;

	if (r->fault != MMU_OK)
		return PAR_F | ((uint64_t)mmu_fsc(r) << PAR_FST_SHIFT) | PAR_RES1_FAULT;
	if (r->device)
		sh = SH_OUTER;
	else if (r->desc_pa && cpu_mmu_read_desc(cpu, r->desc_pa, &desc) == MMU_READ_OK)
		sh = DESC_SH(desc);
	else
		sh = SH_OUTER;
	return (r->pa & PAR_PA_MASK) | PAR_NS | (sh << PAR_SH_SHIFT) |
	       ((uint64_t)(r->device && r->desc_pa == 0 ? 0 : r->attr) << PAR_ATTR_SHIFT);
}

int cpu_at(struct cpu *cpu, const uc_arm64_cp_reg *cp)
{
	unsigned el = (unsigned)(cpu_reg(cpu, UC_ARM64_REG_PSTATE) >> 2) & 3U, min_el = 0;
	bool write = false;
	enum at_op op = decode(cp, &write, &min_el);
	struct cpu_regime rg;
	struct mmu_result r;
	const char *why;

	if (op == AT_NONE || el < min_el)
		return 0;
	why = cpu_mmu_regime(cpu, op == AT_S1E2 ? 2 : op == AT_S1E1 ? 1 : 0, &rg);
	if (why) {
		fprintf(cpu->opt.fault_report,
			"rmmsim: AT instruction at PC 0x%" PRIx64 ": %s: not modelled, run stopped "
			"(docs/emulation.md)\n", cpu_reg(cpu, UC_ARM64_REG_PC), why);
		cpu->sim_error = true;
		uc_emu_stop(cpu->uc);
		return 1;
	}
	mmu_translate(&rg.cfg, cp->val, write ? MMU_ACCESS_WRITE : MMU_ACCESS_READ,
		      cpu_mmu_read_desc, cpu, &r);
	if (r.fault == MMU_OK && rg.normal_flat) {
		r.device = false; /* HCR_EL2.DC = 1: Normal Write-Back (D8.2.11) */
		r.attr = 0xFF;
	}
	cpu_sysreg_write(cpu, SR_PAR_EL1, par_of(cpu, &r));
	return 1;
}
