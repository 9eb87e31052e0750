/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * psci_test (issue 13): EL3's PSCI for the host PEs, with every error code
 * DEN0022 gives: VERSION, FEATURES, AFFINITY_INFO (ON, OFF, ON_PENDING,
 * bad target or level), CPU_ON (ALREADY_ON, ON_PENDING, INVALID_PARAMETERS,
 * INVALID_ADDRESS, then a real start: MPIDR_EL1, EL2 with the MMU off, the
 * context id), an SGI from PE 0 waking PE 1 out of WFI through its own
 * redistributor, CPU_OFF of the last PE (DENIED), CPU_SUSPEND standby woken
 * by the EL2 timer and a bad power_state. Interleaved PEs (the default)
 * make ON_PENDING exact: PE 1 starts at PE 0's next quantum end.
 */
#include "rmi.h"
#include "sdk.h"
#include "sdk_gic.h"
#include "sdk_smp.h"

static unsigned failures;

static void check(int ok, const char *what)
{
	sdk_printf("  %-50s %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

struct pe1_result {
	volatile uint64_t ready, done;
	uint64_t mpidr, el, sctlr, arg_ok, iar;
};

static struct pe1_result res;

static inline uint64_t read_sctlr_el2(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, sctlr_el2" : "=r"(v));
	return v;
}

static inline uint64_t read_currentel(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, currentel" : "=r"(v));
	return v;
}

/* PE 1: its redistributor (frame 1) takes SGI 1; it waits for it in WFI, IRQs masked. */
static void pe1(void *arg)
{
	struct pe1_result *r = arg;
	uint64_t frame = SDK_GICR + 0x20000UL;

	r->arg_ok = arg == &res;
	r->mpidr = sdk_mpidr();
	r->el = (read_currentel() >> 2) & 3;
	r->sctlr = read_sctlr_el2();
	sdk_mmio_w32(frame + 0x14, 0);                        /* GICR_WAKER: awake */
	*(volatile uint8_t *)(frame + 0x10000 + 0x400 + 1) = 0x80; /* IPRIORITYR SGI 1 */
	sdk_mmio_w32(frame + 0x10000 + 0x100, 1U << 1);       /* ISENABLER0: SGI 1 */
	sdk_write_icc_pmr(0xF0);
	sdk_write_icc_igrpen1(1);
	__asm__ volatile("isb");
	r->ready = 1;
	do {
		__asm__ volatile("wfi");
		r->iar = sdk_read_icc_iar1();
	} while (r->iar == SDK_SPURIOUS);
	sdk_write_icc_eoir1(r->iar);
	r->done = 1;
}

int main(void)
{
	uint64_t self = sdk_mpidr() & 0xFF00FFFFFFUL;
	uint64_t entry = (uint64_t)(uintptr_t)main;
	int64_t r, r2, r3;

	sdk_printf("psci_test\n");
	check(sdk_psci(PSCI_VERSION, 0, 0, 0) == 0x10001, "PSCI_VERSION = 1.1");
	check(sdk_psci(PSCI_FEATURES, 0x84000003UL, 0, 0) == 0, "FEATURES(CPU_ON) = 0");
	check(sdk_psci(PSCI_FEATURES, PSCI_AFFINITY_INFO, 0, 0) == 0, "FEATURES(AFFINITY_INFO64) = 0");
	check(sdk_psci(PSCI_FEATURES, 0x84000005UL, 0, 0) == PSCI_NOT_SUPPORTED,
	      "FEATURES(CPU_MIGRATE) = NOT_SUPPORTED");
	check(self == 0 && (sdk_mpidr() & 0xFFFFFFFFUL) == 0x81000000UL, "MPIDR_EL1 of PE 0");
	check(sdk_psci(PSCI_AFFINITY_INFO, self, 0, 0) == PSCI_AFF_ON, "AFFINITY_INFO(self) = ON");
	check(sdk_psci(PSCI_AFFINITY_INFO, 0x100, 0, 0) == PSCI_AFF_OFF, "AFFINITY_INFO(PE 1) = OFF");
	check(sdk_psci(PSCI_AFFINITY_INFO, 0x400, 0, 0) == PSCI_INVALID_PARAMETERS,
	      "AFFINITY_INFO(no such PE) = INVALID_PARAMETERS");
	check(sdk_psci(PSCI_AFFINITY_INFO, 0x100, 1, 0) == PSCI_INVALID_PARAMETERS,
	      "AFFINITY_INFO(level 1) = INVALID_PARAMETERS");
	check(sdk_psci(PSCI_CPU_ON, self, entry, 0) == PSCI_ALREADY_ON, "CPU_ON(self) = ALREADY_ON");
	check(sdk_psci(PSCI_CPU_ON, 0x400, entry, 0) == PSCI_INVALID_PARAMETERS,
	      "CPU_ON(no such PE) = INVALID_PARAMETERS");
	check(sdk_psci(PSCI_CPU_ON, 0x100, 0x1000, 0) == PSCI_INVALID_ADDRESS,
	      "CPU_ON(entry outside DRAM) = INVALID_ADDRESS");
	check(sdk_psci(PSCI_CPU_ON, 0x100, entry + 2, 0) == PSCI_INVALID_ADDRESS,
	      "CPU_ON(misaligned entry) = INVALID_ADDRESS");
	check(sdk_psci(PSCI_AFFINITY_INFO, 0x100, 0, 0) == PSCI_AFF_OFF,
	      "refused CPU_ONs leave PE 1 OFF");
	check(sdk_cpu_off() == PSCI_DENIED, "CPU_OFF of the last PE on = DENIED");

	/* Within the rest of PE 0's quantum: PE 1 has not started yet. */
	r = sdk_cpu_on(0x100, pe1, &res);
	r2 = sdk_psci(PSCI_CPU_ON, 0x100, entry, 0);
	r3 = sdk_psci(PSCI_AFFINITY_INFO, 0x100, 0, 0);
	check(r == PSCI_SUCCESS, "CPU_ON(PE 1) = SUCCESS");
	check(r2 == PSCI_ON_PENDING, "CPU_ON(PE 1) again at once = ON_PENDING");
	check(r3 == PSCI_AFF_ON_PENDING, "AFFINITY_INFO(PE 1) = ON_PENDING");
	while (!res.ready)
		;
	check(sdk_psci(PSCI_AFFINITY_INFO, 0x100, 0, 0) == PSCI_AFF_ON, "AFFINITY_INFO(PE 1) = ON");
	check(sdk_psci(PSCI_CPU_ON, 0x100, entry, 0) == PSCI_ALREADY_ON,
	      "CPU_ON(PE 1 running) = ALREADY_ON");
	check(res.arg_ok, "PE 1: X0 = the context id");
	check((res.mpidr & 0xFFFFFFFFUL) == 0x81000100UL, "PE 1: MPIDR_EL1 = 0x81000100");
	check(res.el == 2 && !(res.sctlr & 1), "PE 1: starts at EL2, MMU off");
	/* SGI 1 to Aff1 = 1, TargetList bit 0: PE 1 only. */
	sdk_gic_init();
	sdk_write_icc_sgi1r((1UL << 24) | (1UL << 16) | 1UL);
	sdk_wait_off(0x100);
	check(res.done && res.iar == 1, "PE 1: woken from WFI by SGI 1 from PE 0");
	check(sdk_psci(PSCI_AFFINITY_INFO, 0x100, 0, 0) == PSCI_AFF_OFF,
	      "AFFINITY_INFO(PE 1) = OFF after its CPU_OFF");

	/* CPU_SUSPEND standby: woken by the EL2 timer whatever PSTATE.I says. */
	sdk_gic_enable_ppi(SDK_PPI_CNTHP, 0x80);
	sdk_write_cnthp_tval(5000);
	sdk_write_cnthp_ctl(1);
	r = sdk_psci(PSCI_CPU_SUSPEND, 0, 0, 0);
	check(r == PSCI_SUCCESS && (sdk_read_cnthp_ctl() & 4), "CPU_SUSPEND standby: timer wakes it");
	check(sdk_read_icc_iar1() == SDK_PPI_CNTHP, "the timer PPI is still pending after it");
	sdk_write_cnthp_ctl(0);
	sdk_write_icc_eoir1(SDK_PPI_CNTHP);
	check(sdk_psci(PSCI_CPU_SUSPEND, 1UL << 30, 0, 0) == PSCI_INVALID_PARAMETERS,
	      "CPU_SUSPEND(bad power_state) = INVALID_PARAMETERS");
	sdk_printf("psci_test: %s\n", failures ? "FAIL" : "PASS");
	return (int)failures;
}
