/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Changing the exception level from outside the guest.
 *
 * Unicorn 2.0.1 caches the translation flags (current EL, MMU index) in
 * CPUARMState.hflags and rebuilds them only on an exception return or an
 * exception it takes itself; with a UC_HOOK_INTR hook it takes none, and a
 * PSTATE write through uc_reg_write leaves the flags stale (DESIGN.md,
 * measured: an "EL2" PSTATE still reads CurrentEL = EL1). Exceptions the
 * simulator enters at another EL (EL0 -> EL1, EL0/EL1 -> EL2) therefore
 * need QEMU's own arm_rebuild_hflags_aarch64(env), which Debian's
 * libunicorn.so.2 exports.
 *
 * That is not public API, so it is used only when all of these hold:
 * the headers say 2.0.x, the symbol resolves (weak reference), the CPU
 * state is found by value (a unique X0..X3 pattern written through the
 * public API and searched in the CPU object), and a self-test at reset
 * gives the expected CurrentEL after a rebuild. Otherwise the simulator
 * keeps working at one EL and any EL change it would have to make fails
 * closed with one line (abort.c, except.c): never a stale-EL run.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"

/* QEMU's internal; NULL when this libunicorn does not export it. */
extern void arm_rebuild_hflags_aarch64(void *env) __attribute__((weak));

#define UC_CPU_PTR_OFFSET 0x180U   /* struct uc_struct.cpu in 2.0.1 (measured) */
#define ENV_SEARCH_BYTES 0x40000U  /* how far into the CPU object the state may lie */
#define ENV_XREGS_OFFSET 64U       /* CPUARMState: uint32_t regs[16] before xregs[] */
#define INSN_MRS_X1_CURRENTEL 0xD5384241U

static void *find_env(struct cpu *cpu)
{
	static const uint64_t pat[2][4] = {
		{ 0x52d1b7e9a3c40f11ULL, 0x9e0f4c7a6b3d2e22ULL, 0x13a7c5e9f2b4d633ULL,
		  0x7c3e1a9b5d2f8044ULL },
		{ 0x2b9d4f6a8c1e3055ULL, 0xe4a6c8f0b2d41766ULL, 0x6f1b3d5e7a9c2877ULL,
		  0xc0e2a4f6b8d13988ULL },
	};
	uint64_t saved[4];
	uint8_t *obj, *hit = NULL;

	obj = *(uint8_t **)((uint8_t *)cpu->uc + UC_CPU_PTR_OFFSET);
	if (!obj)
		return NULL;
	for (unsigned i = 0; i < 4; i++)
		saved[i] = cpu_reg(cpu, UC_ARM64_REG_X0 + (int)i);
	/* Two different patterns must be found at the same place. */
	for (unsigned p = 0; p < 2; p++) {
		uint8_t *found = NULL;

		for (unsigned i = 0; i < 4; i++)
			cpu_reg_set(cpu, UC_ARM64_REG_X0 + (int)i, pat[p][i]);
		for (size_t off = 0; off + sizeof(pat[p]) <= ENV_SEARCH_BYTES; off += 8) {
			if (memcmp(obj + off, pat[p], sizeof(pat[p])) == 0) {
				found = obj + off;
				break;
			}
		}
		if (!found || (hit && found != hit)) {
			hit = NULL;
			break;
		}
		hit = found;
	}
	for (unsigned i = 0; i < 4; i++)
		cpu_reg_set(cpu, UC_ARM64_REG_X0 + (int)i, saved[i]);
	return hit && hit >= obj + ENV_XREGS_OFFSET ? hit - ENV_XREGS_OFFSET : NULL;
}

void cpu_el_switch_probe(struct cpu *cpu, pa_t scratch, uint64_t pstate_el3)
{
	uint32_t insn = INSN_MRS_X1_CURRENTEL;
	uint64_t x1;

	cpu->qemu_env = NULL;
#if UC_API_MAJOR == 2 && UC_API_MINOR == 0 && UC_API_PATCH == 1
	/* The library that runs must be the 2.0.1 the offsets were measured on. */
	if (!arm_rebuild_hflags_aarch64 || (uc_version(NULL, NULL) >> 8) != 0x020001U)
		return;
	cpu->qemu_env = find_env(cpu);
	if (!cpu->qemu_env)
		return;
	/* Self-test: from Unicorn's reset EL1, PSTATE = EL3h plus a rebuild must read EL3. */
	cpu_reg_set(cpu, UC_ARM64_REG_PSTATE, pstate_el3);
	arm_rebuild_hflags_aarch64(cpu->qemu_env);
	cpu_reg_set(cpu, UC_ARM64_REG_X1, 0);
	if (uc_mem_write(cpu->uc, scratch, &insn, sizeof(insn)) != UC_ERR_OK ||
	    /* "until" stops after the one instruction; a count would install Unicorn's
	     * counting hook, which costs a second of start-up (measured). */
	    uc_emu_start(cpu->uc, scratch, scratch + 4, 0, 0) != UC_ERR_OK)
		cpu->qemu_env = NULL;
	x1 = cpu_reg(cpu, UC_ARM64_REG_X1);
	if (x1 != (3U << 2))
		cpu->qemu_env = NULL;
	uc_ctl_remove_cache(cpu->uc, scratch, scratch + 4);
#else
	(void)scratch;
	(void)pstate_el3;
	(void)insn;
	(void)x1;
#endif
}

bool cpu_el_switch(struct cpu *cpu, uint64_t pstate)
{
	cpu_reg_set(cpu, UC_ARM64_REG_PSTATE, pstate);
	if (!cpu->qemu_env)
		return false;
	arm_rebuild_hflags_aarch64(cpu->qemu_env);
	return true;
}
