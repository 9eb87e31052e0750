/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_ripas: RSI_IPA_STATE_SET of the scratch range to EMPTY and back to
 * RAM (each a RMI_EXIT_RIPAS_CHANGE the host completes with
 * RMI_RTT_SET_RIPAS), RSI_IPA_STATE_GET after each, then a store to the
 * range (RAM again but unpopulated: the host populates it on the fault).
 */
#include "realm.h"

/* Sets [base, top) to @ripas, re-issuing from new_base until done. */
static int set_ripas(uint64_t base, uint64_t top, uint64_t ripas)
{
	while (base < top) {
		uint64_t new_base = base, resp = RSI_ACCEPT;
		uint64_t ret = rsi_ipa_state_set(base, top, ripas, RSI_NO_CHANGE_DESTROYED,
						 &new_base, &resp);

		if (ret != RSI_SUCCESS || resp != RSI_ACCEPT || new_base <= base) {
			realm_printf("IPA_STATE_SET 0x%lx: status %lu response %lu new_base 0x%lx\n",
				     (unsigned long)base, (unsigned long)ret, (unsigned long)resp,
				     (unsigned long)new_base);
			return 1;
		}
		base = new_base;
	}
	return 0;
}

/* Checks that [base, top) reads back as @ripas and reports what it saw. */
static int check_ripas(uint64_t base, uint64_t top, uint64_t ripas)
{
	uint64_t got_top = 0, got = 0xFF, vals[3];
	uint64_t ret = rsi_ipa_state_get(base, top, &got_top, &got);

	realm_printf("IPA_STATE_GET [0x%lx, 0x%lx): status %lu top 0x%lx ripas %lu\n",
		     (unsigned long)base, (unsigned long)top, (unsigned long)ret,
		     (unsigned long)got_top, (unsigned long)got);
	vals[0] = base, vals[1] = got_top, vals[2] = got;
	realm_report(RH_KEY_RIPAS, vals, 3);
	return ret != RSI_SUCCESS || got != ripas || got_top != top;
}

int main(void)
{
	const uint64_t base = RH_SCRATCH_IPA, top = RH_SCRATCH_IPA + RH_SCRATCH_SIZE;
	int errors = 0;

	realm_printf("realm_ripas: scratch [0x%lx, 0x%lx)\n", (unsigned long)base,
		     (unsigned long)top);
	errors += check_ripas(base, top, RSI_RAM);
	errors += set_ripas(base, top, RSI_EMPTY);
	errors += check_ripas(base, top, RSI_EMPTY);
	errors += set_ripas(base, top, RSI_RAM);
	errors += check_ripas(base, top, RSI_RAM);
	/* RAM but unpopulated: the first store faults to the host, which populates it. */
	*(volatile uint64_t *)base = 0xFEEDULL;
	errors += *(volatile uint64_t *)base != 0xFEEDULL;
	realm_printf("realm_ripas: %d error(s)\n", errors);
	return errors;
}
