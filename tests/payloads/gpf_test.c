/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gpf_test: touches a delegated granule from NS-EL2 and checks that each
 * access is a precise Granule Protection Fault taken to our EL2 vector:
 * ESR.EC (0x25 data / 0x21 instruction abort, same EL), DFSC/IFSC 0x28,
 * WnR, FAR = the address, ELR = the faulting instruction, no register or
 * memory effect of the access. Prints PASS or FAIL; exit status 0 = PASS.
 */
#include "rmi.h"
#include "sdk.h"

uint64_t gpf_load(uint64_t addr);
void gpf_store(uint64_t addr, uint64_t value);
extern char gpf_load_insn[], gpf_store_insn[];

static volatile uint64_t expect_ec, expect_wnr, expect_far, expect_elr;
static volatile unsigned faults, failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		failures++;
		sdk_printf("  FAIL: %s\n", what);
	}
}

void sdk_sync_handler(struct sdk_frame *f, uint64_t esr, uint64_t far)
{
	uint64_t ec = esr >> 26;

	faults++;
	sdk_printf("  fault: ESR %lx FAR %lx ELR %lx\n", (unsigned long)esr, (unsigned long)far,
		   (unsigned long)f->elr);
	check(ec == expect_ec, "ESR.EC");
	check((esr & 0x3F) == 0x28, "fault status is GPF (0x28)");
	check(((esr >> 6) & 1) == expect_wnr, "ESR.WnR");
	check(far == expect_far, "FAR_EL2 = faulting address");
	check(f->elr == expect_elr, "ELR_EL2 = faulting instruction");
	if (ec == 0x21)
		f->elr = f->x[30]; /* instruction abort: return to the caller */
	else
		f->elr += 4;       /* skip the faulting load/store */
}

int main(void)
{
	uint64_t g = sdk_alloc_granule();
	uint64_t r, v;
	unsigned before;

	sdk_printf("gpf_test: granule %lx\n", (unsigned long)g);
	sdk_write64(g + 8, 0x1111);
	check(sdk_read64(g + 8) == 0x1111, "NS granule readable before delegation");
	r = rmi_granule_delegate(g, 0);
	sdk_printf("  RMI_GRANULE_DELEGATE -> %lx\n", (unsigned long)r);
	check(r == RMI_SUCCESS, "delegate succeeds");

	/* Load: data abort, WnR = 0, the destination register keeps its value. */
	expect_ec = 0x25, expect_wnr = 0, expect_far = g + 16;
	expect_elr = (uint64_t)(uintptr_t)gpf_load_insn;
	before = faults;
	v = gpf_load(g + 16);
	check(faults == before + 1, "load faulted once");
	check(v == 0x5a5a, "load had no effect on its register");

	/* Store: data abort, WnR = 1, memory unchanged. */
	expect_wnr = 1, expect_far = g + 24;
	expect_elr = (uint64_t)(uintptr_t)gpf_store_insn;
	before = faults;
	gpf_store(g + 24, 0xdead);
	check(faults == before + 1, "store faulted once");

	/* Fetch: instruction abort, FAR = ELR = the granule. */
	expect_ec = 0x21, expect_wnr = 0, expect_far = g, expect_elr = g;
	before = faults;
	((void (*)(void))(uintptr_t)g)();
	check(faults == before + 1, "fetch faulted once");

	r = rmi_granule_undelegate(g, 0);
	sdk_printf("  RMI_GRANULE_UNDELEGATE -> %lx\n", (unsigned long)r);
	check(r == RMI_SUCCESS, "undelegate succeeds");
	check(sdk_read64(g + 24) != 0xdead, "faulting store left no trace");
	sdk_write64(g + 8, 0x2222);
	check(sdk_read64(g + 8) == 0x2222, "NS granule usable after undelegation");

	sdk_printf("gpf_test: %u faults, %s\n", faults, failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
