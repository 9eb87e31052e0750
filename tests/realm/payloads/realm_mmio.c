/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_mmio: loads and stores to the host-emulated device in the
 * Unprotected IPA space (realm_hostcall.h). Each access is an emulatable
 * data abort (RMI_EXIT_SYNC, psci-and-exits.md §3) that the host completes
 * with emul_mmio. Exit status = number of wrong values read.
 */
#include "realm.h"

static uint8_t config[REALM_GRANULE] __attribute__((aligned(REALM_GRANULE)));

int main(void)
{
	uint64_t ipa_width, dev, vals[4];
	int errors = 0;

	if (rsi_realm_config((uint64_t)(uintptr_t)config) != RSI_SUCCESS) {
		realm_printf("realm_mmio: RSI_REALM_CONFIG failed\n");
		return 1;
	}
	ipa_width = *(volatile uint64_t *)&config[RSI_REALM_CONFIG_IPA_WIDTH_OFFSET];
	/* Unprotected IPA space: the top half (states.md §5). */
	dev = (1ULL << (ipa_width - 1)) + RH_MMIO_OFFSET;
	realm_printf("realm_mmio: device at IPA 0x%lx\n", (unsigned long)dev);

	vals[0] = mmio_read64(dev + RH_MMIO_ID);
	errors += vals[0] != RH_MMIO_ID_VALUE;
	mmio_write64(dev + RH_MMIO_SCRATCH, 0x1122334455667788ULL);
	vals[1] = mmio_read64(dev + RH_MMIO_SCRATCH);
	errors += vals[1] != 0x1122334455667788ULL;
	vals[2] = mmio_read64(dev + RH_MMIO_COUNTER);
	vals[3] = mmio_read32(dev + RH_MMIO_COUNTER);
	errors += vals[3] != vals[2] + 1;
	realm_printf("id 0x%lx scratch 0x%lx counter %lu then %lu\n", (unsigned long)vals[0],
		     (unsigned long)vals[1], (unsigned long)vals[2], (unsigned long)vals[3]);
	realm_report(RH_KEY_MMIO, vals, 4);
	realm_printf("realm_mmio: %d error(s)\n", errors);
	return errors;
}
