/* SPDX-License-Identifier: BSD-3-Clause */
/* fuzz_rmi2_reproduce: replays RMI 2.0 harness inputs without libFuzzer (fz_reproduce.h). */
#include "fuzz_rmi2.h"
#include "fz_reproduce.h"

int main(int argc, char **argv)
{
	static const struct fz_harness rmi2 = { fz2_setup, fz2_run, fz2_print_stats };

	return fz_reproduce_main(argc, argv, &rmi2);
}
