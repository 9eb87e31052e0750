/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gpf_untouched: delegation revokes what the host CPU cached, whether or
 * not the host touched the granule first. The simulator skips its flush
 * for a DELEGATE of a granule no translation of this PE ever reached
 * (sim/src/cpu/shadow.c): here one granule is read before its DELEGATE
 * (the flush must happen) and one never is (the flush may be skipped); a
 * load and a store to each must fault with a GPF, and the store leave no
 * trace. A TLBI of one other page between the read and the DELEGATE
 * must not make the simulator forget the read (Unicorn keeps the rest of
 * its TLB). Prints PASS or FAIL; exit status 0 = PASS.
 */
#include "rmi.h"
#include "sdk.h"

uint64_t gpf_load(uint64_t addr);
void gpf_store(uint64_t addr, uint64_t value);

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
	(void)far;
	faults++;
	check((esr >> 26) == 0x25, "data abort from EL2");
	check((esr & 0x3F) == 0x28, "fault status is GPF (0x28)");
	f->elr += 4; /* skip the faulting load/store */
}

/* Delegates @g, then a load and a store to it must each fault once. */
static void delegate_and_probe(uint64_t g, const char *what)
{
	unsigned before = faults;

	check(rmi_granule_delegate(g, 0) == RMI_SUCCESS, what);
	(void)gpf_load(g + 8);
	gpf_store(g + 16, 0xbeef);
	check(faults == before + 2, "load and store both faulted");
	check(rmi_granule_undelegate(g, 0) == RMI_SUCCESS, "undelegate");
	check(sdk_read64(g + 16) != 0xbeef, "the faulting store left no trace");
}

int main(void)
{
	uint64_t touched = sdk_alloc_granule();
	/* Past everything allocated: never read or written by this payload before. */
	uint64_t untouched = touched + 0x10000;

	check(sdk_read64(touched + 8) == 0, "a fresh granule reads zero");
	delegate_and_probe(touched, "delegate of a granule read before");
	delegate_and_probe(untouched, "delegate of a granule never touched");
	/* Touched now (by the check above): its second DELEGATE must revoke again. */
	delegate_and_probe(untouched, "second delegate of the same granule");
	/*
	 * Read, then a TLBI VAE2 of another page: the host's TLBI drops one
	 * page in Unicorn's TLB and the whole shadow, so the read's
	 * translation is still cached and the DELEGATE must revoke it.
	 */
	{
		uint64_t other = sdk_alloc_granule();

		check(sdk_read64(touched + 8) == 0, "a granule reads zero again");
		__asm__ volatile("tlbi vae2, %0\n\tdsb ish\n\tisb" : : "r"(other >> 12) : "memory");
		delegate_and_probe(touched, "delegate after a TLBI of another page");
	}
	sdk_printf("gpf_untouched: %u faults, %s\n", faults, failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
