/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * power: ends the run the way the build variant asks: POWER_RESET issues
 * PSCI SYSTEM_RESET (exit code 8), otherwise main returns 3 and start.S
 * passes it to SYSTEM_OFF in X1 (exit code 7).
 */
#include "rmi.h"
#include "sdk.h"

int main(void)
{
#ifdef POWER_RESET
	sdk_smc(0x84000009UL, 0, 0, 0, 0, 0, 0, 0);
#endif
	return 3;
}
