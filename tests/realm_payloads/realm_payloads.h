/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Offsets of the entry points in realm_tests.bin, a position-independent
 * AArch64 blob for the realm CPU tests and benchmark (loaded at any
 * 4 KiB-aligned IPA, with VBAR_EL1 at its start). Shared by the assembly
 * source and the C tests.
 */
#ifndef REALM_PAYLOADS_H
#define REALM_PAYLOADS_H

/* Vector table: sync handlers report ESR/ELR/FAR_EL1 in x0/x1/x2, offset in x3. */
#define RP_VEC_CUR_SP0 0x000
#define RP_VEC_CUR_SPX 0x200
#define RP_VEC_LOWER64 0x400
#define RP_VEC_SMC_IMM 0x77
/* ldr x2, [x1]; str x3, [x4]; add x5, x2, #1; smc #0x12 */
#define RP_LDST 0x800
#define RP_LDST_SMC_IMM 0x12
#define RP_LDRSH 0x840	  /* ldrsh w7, [x1]; smc #0 */
#define RP_LDP 0x880	  /* ldp x2, x3, [x1]; smc #0 */
#define RP_POSTIDX 0x8C0  /* ldr x2, [x1], #8; smc #0 */
#define RP_STLR 0x900	  /* stlr w9, [x1]; smc #0 */
#define RP_STRB_REG 0x940 /* strb w9, [x1, x10]; smc #0 */
#define RP_WFX 0x980	  /* wfi; wfe; smc #0 */
#define RP_LOOP 0x9C0	  /* 1: add x0, x0, #1; b 1b */
#define RP_SMC_LOOP 0xA00 /* 1: add x0, x0, #1; smc #0; b 1b */
#define RP_JUMP 0xA40	  /* br x1 */
#define RP_SYSREG 0xA80	  /* mrs x3, ICC_IAR1_EL1; smc #0 */
#define RP_UDF 0xAC0	  /* udf #0; smc #0 */
#define RP_SVC 0xB00	  /* svc #0x33; smc #1 */
#define RP_SVC_IMM 0x33
#define RP_INSN_LOOP 0xB40 /* x3 iterations of 5 ALU instructions; smc #0 */
#define RP_HVC 0xB80	   /* hvc #0x5; smc #0 */
/* MAIR/TCR/TTBR0_EL1 = x10/x11/x12, SCTLR_EL1.M = 1; then as RP_LDST; smc #0 */
#define RP_MMU_ON 0xBC0
/* x3 iterations of: ldr x2, [x1]; add x2, x2, #1; str x2, [x1, #8]; then smc #0 */
#define RP_MEM_LOOP 0xC00
#define RP_DC_ZVA 0xC40 /* dc zva, x1; smc #0 */
#define RP_EXCL 0xC80	/* ldxr x2, [x1]; stxr w5, x3, [x1]; smc #0 */
#define RP_BRK 0xCC0	/* brk #0x21; smc #0 */
#define RP_BRK_IMM 0x21
/* Generic timers (issue 12) */
#define RP_CNT_READ 0xD00    /* mrs x2, cntvct; mrs x3, cntpct; mrs x4, cntfrq; smc #0 */
#define RP_VTIMER 0xD40      /* CNTV_CVAL = CNTVCT + x1, CNTV_CTL = 1; loop */
#define RP_PTIMER_TVAL 0xD80 /* CNTP_TVAL = x1, CNTP_CTL = 1; loop */
/* x2 = CNTV_CTL, x3 = CNTV_TVAL, x5 = CNTP_CTL, x6 = CNTP_CVAL; smc #0 */
#define RP_TIMER_READ 0xDC0

#ifndef __ASSEMBLER__
#include <stddef.h>
/* The assembled blob (bin2c), one 4 KiB page. */
extern const unsigned char realm_tests_bin[];
extern const size_t realm_tests_bin_len;
#endif

#endif /* REALM_PAYLOADS_H */
