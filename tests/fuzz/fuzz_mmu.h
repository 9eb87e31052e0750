/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_mmu: the host stage-1 walk harness (docs/fuzzing.md "fuzz_mmu").
 * Every input describes a register set (regime, SCTLR, TCR fields or raw
 * bits, TTBRs, PARange, implemented granules), translation tables built by
 * tt_build from input mappings and then damaged by raw descriptor writes,
 * a fake physical memory with GPC-denied granules and holes under some
 * tables, and a list of accesses. Each access runs through mmu_translate
 * (sim/src/mmu) and the independent reference (tests/mmu_ref); any
 * difference in fault, level, FSC, descriptor PA, PA or permissions, or a
 * GPC decision on the output PA that disagrees with the fake GPC, aborts.
 */
#ifndef FUZZ_MMU_H
#define FUZZ_MMU_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Builds the fake memory (once per process); exits on failure. */
void fm_setup(void);
/* Runs one input; @log (may be NULL) gets one line per access. Aborts on a finding. */
void fm_run(const uint8_t *data, size_t size, FILE *log);
/* Counters of the outcomes reached (FUZZ_MMU_STATS=1, reproducer). */
void fm_print_stats(FILE *out);

#endif /* FUZZ_MMU_H */
