/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rmi2: RMI 2.0 sequences on the fake platform (tests/fake) with the
 * RMM invariant checker after every call (docs/fuzzing.md "fuzz_rmi2").
 * Input: byte 0 selects the ABI set-up (negotiated "both", forced 2.0, or
 * 1.0 first then 2.0) and whether the RMM is activated; then one command
 * per step, its arguments picked from a pool of the input's own objects
 * (granules, RDs, RECs, SRO handles) or raw. SRO operations may be left
 * sealed, interleaved with other calls, resumed later or cancelled.
 */
#ifndef FUZZ_RMI2_H
#define FUZZ_RMI2_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

void fz2_setup(void);
void fz2_run(const uint8_t *data, size_t size, FILE *log);
void fz2_print_stats(FILE *out);

#endif /* FUZZ_RMI2_H */
