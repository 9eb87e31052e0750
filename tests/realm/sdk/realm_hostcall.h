/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host-call protocol between the realm payloads (tests/realm) and the
 * native driver (tests/realm_host): RsiHostCall.imm selects the service,
 * RsiHostCall.gprs carry the arguments (structures.md §6). The host answers
 * in gprs[0] (RH_HC_OK or RH_HC_ERROR). Plain #defines: included by both
 * the freestanding realm code and the host C code. See docs/realm-sdk.md.
 *
 * Why no "buffer at IPA" service: realm memory is protected, the host
 * cannot read it, so every byte the realm hands out travels in gprs.
 */
#ifndef REALM_HOSTCALL_H
#define REALM_HOSTCALL_H

/* putc: gprs[0] = one character. */
#define RH_HC_PUTC 1U
/* write: gprs[0] = length (<= RH_HC_WRITE_MAX), gprs[1..30] = bytes, little-endian. */
#define RH_HC_WRITE 2U
/* exit: gprs[0] = the payload's exit status (main's return value). */
#define RH_HC_EXIT 3U
/*
 * token chunk: gprs[0] = total token length, gprs[1] = offset of this chunk,
 * gprs[2] = chunk length (<= RH_HC_TOKEN_MAX), gprs[3..30] = bytes.
 */
#define RH_HC_TOKEN 4U
/* report: gprs[0] = key (RH_KEY_*), gprs[1] = count (<= 8), gprs[2..9] = values. */
#define RH_HC_REPORT 5U

#define RH_HC_WRITE_MAX (30U * 8U)
#define RH_HC_TOKEN_MAX (28U * 8U)
#define RH_HC_REPORT_MAX 8U

/* Host answers (gprs[0] of RmiRecEnter). */
#define RH_HC_OK 0U
#define RH_HC_ERROR 1U

/* Report keys used by the payloads. */
#define RH_KEY_RIM 0U            /* RSI_MEASUREMENT_READ(0), 8 words */
#define RH_KEY_REM0 1U           /* RSI_MEASUREMENT_READ(1) after EXTEND */
#define RH_KEY_REALM_CONFIG 2U   /* ipa_width, hash_algo */
#define RH_KEY_RSI_VERSION 3U    /* status, lower, higher */
#define RH_KEY_RIPAS 4U          /* base, top, ripas seen by RSI_IPA_STATE_GET */
#define RH_KEY_MMIO 5U           /* id, scratch, counter0, counter1 */
#define RH_KEY_MPIDR 6U          /* MPIDR_EL1 of REC 0, REC 1 (own stack), REC 1 (at _start) */
#define RH_KEY_S1FAULT 7U        /* per case: ESR_EL1, FAR_EL1, ELR_EL1 the realm's vector saw */

/*
 * Realm memory map (IPAs; the realm runs with its stage 1 MMU off, so
 * VA = IPA). The image is linked at RH_LOAD_IPA; the host makes
 * [RH_LOAD_IPA, RH_LOAD_IPA + RH_RAM_SIZE) RIPAS RAM and populates the
 * image pages, the rest on demand.
 */
#define RH_LOAD_IPA 0x200000ULL
#define RH_RAM_SIZE 0x600000ULL
/* 64 KiB of RAM the payloads may use freely (realm_ripas changes its RIPAS). */
#define RH_SCRATCH_IPA 0x600000ULL
#define RH_SCRATCH_SIZE 0x10000ULL

/*
 * The emulated MMIO device, at this offset from the base of the
 * Unprotected IPA space (2^(ipa_width - 1)).
 */
#define RH_MMIO_OFFSET 0x1000ULL
#define RH_MMIO_ID 0x00U        /* RO: RH_MMIO_ID_VALUE */
#define RH_MMIO_SCRATCH 0x08U   /* RW */
#define RH_MMIO_COUNTER 0x10U   /* RO: increments on every read */
#define RH_MMIO_ID_VALUE 0x524D4D53ULL  /* "RMMS" */

#endif /* REALM_HOSTCALL_H */
