/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The example realm (R-EL1): says hello through RSI_HOST_CALL, reads its
 * RIM with RSI_MEASUREMENT_READ and prints it as bytes in memory order, the
 * way every rmmsim tool prints a measurement. main's return value becomes
 * the realm's exit status (start.S: host call "exit", then SYSTEM_OFF).
 */
#include "realm.h"

int main(void)
{
	uint64_t rim[8], lower = 0, higher = 0;

	realm_printf("hello from the example realm\n");
	if (rsi_version(RSI_ABI_VERSION, &lower, &higher) != RSI_SUCCESS)
		return 1;
	if (rsi_measurement_read(0, rim) != RSI_SUCCESS)
		return 2;
	realm_printf("RIM: ");
	for (unsigned i = 0; i < 32; i++)
		realm_printf("%02x", (unsigned)(rim[i / 8] >> (8 * (i % 8))) & 0xFFU);
	realm_printf("\n");
	return 0;
}
