/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rsi: the realm-side fuzz harness (docs/fuzzing.md "fuzz_rsi"). A
 * realm agent (tests/realm/agent, 2 RECs) runs on an rmmsim platform made
 * once per process with the realm built and a snapshot taken; every input
 * decodes steps (RSI / PSCI / raw SMCs and loads, stores, fetches by the
 * running REC, host reactions to each REC exit, host RMI actions on the
 * realm), runs the RMM invariant checker and an RSI oracle after every
 * step, and the platform is rewound to the snapshot (docs/fuzzing.md
 * "fuzz_rsi persistence"). Inputs selecting it (FR_TEARDOWN_SELECTOR, or
 * FUZZ_RSI_TEARDOWN=1 for all) also tear the realm down and check that
 * every granule it used is UNDELEGATED and NS again.
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
/*
 * Digest of the 1.0 (2.0) platform's state: the RMM's, the GPT over DRAM,
 * the realm's granules and NS pages, the realm instruction count (reset
 * test; fr_world.h).
 */
uint64_t fr_state_digest(void);
uint64_t fr_state_digest_v2(void);
/* Called at the end of every input, before the platform is rewound (reset test). */
extern void (*fr_before_reset)(void);
/* Platforms built so far (1 + 1 per teardown input, + the 2.0 one once used). */
uint64_t fr_rebuilds(void);
/* Counters of what the inputs reached (FUZZ_RSI_STATS=1, reproducer). */
void fr_print_stats(FILE *out);

#endif /* FUZZ_RSI_H */
