/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rsi: the realm-side fuzz harness (docs/fuzzing.md "fuzz_rsi"). A
 * realm agent (tests/realm/agent, 2 RECs) runs on an rmmsim platform made
 * once per process; every input builds the realm, decodes steps (RSI / PSCI
 * / raw SMCs and loads, stores, fetches by the running REC, host reactions
 * to each REC exit, host RMI actions on the realm), runs the RMM invariant
 * checker and an RSI oracle after every step, then tears the realm down and
 * checks that every granule it used is UNDELEGATED and NS again.
 */
#ifndef FUZZ_RSI_H
#define FUZZ_RSI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Steps per input (each may issue several RMI calls and REC entries). */
#define FR_MAX_STEPS 64U
/* Realm instructions per REC_ENTER before the host timer's IRQ exit. */
#define FR_SLICE_INSNS 20000U

/* Creates the platform (once per process); exits on failure. */
void fr_setup(void);
/* Runs one input; @log (may be NULL) gets one line per step. Aborts on a finding. */
void fr_run(const uint8_t *data, size_t size, FILE *log);
/* Digest of the RMM's state and of the GPT over DRAM (reset test). */
uint64_t fr_state_digest(void);
/* Counters of what the inputs reached (FUZZ_RSI_STATS=1, reproducer). */
void fr_print_stats(FILE *out);

#endif /* FUZZ_RSI_H */
