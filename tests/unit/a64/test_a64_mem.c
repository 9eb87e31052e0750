/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * a64_mem: every entry of insns.def, assembled by the cross assembler, is
 * decoded against a fixed register file and compared with a hand-written
 * expectation (class, accesses, alignment, flags, ISS); a sweep through
 * large ranges of the load/store encoding space checks the decoder never
 * misbehaves. Without the cross assembler (no A64_INSNS_BIN) only the
 * sweep runs and the program exits 77, which ctest reports as skipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "a64_mem.h"

/* The register file: Xn = 0x1000 * (n + 1), SP = 0x80000, except two index registers. */
#define SP_VAL 0x80000ULL
#define X5_VAL 0x00000000FFFFFFF0ULL /* W5 = -16: SXTW, UXTW and SXTX differ */
#define X6_VAL 0xDEAD000000000010ULL /* W6 = 0x10, upper half set */
#define PC_BASE 0x40000000ULL
#define ZVA 64U

static uint64_t xreg(void *ctx, unsigned n)
{
	(void)ctx;
	if (n == 31U)
		return SP_VAL;
	if (n == 5U)
		return X5_VAL;
	if (n == 6U)
		return X6_VAL;
	return 0x1000ULL * (n + 1U);
}

#define X(name, ...) I_##name,
enum { NOTE_FIRST = -1,
#include "insns.def"
	N_INSNS };
#undef X

#define X(name, ...) [I_##name] = #__VA_ARGS__,
static const char *const insn_text[N_INSNS] = {
#include "insns.def"
};
#undef X

enum rw { R = 1, W = 2, RW = 3 };

struct exp_acc {
	uint64_t va;
	unsigned size;
	enum rw rw;
};

struct exp {
	bool set;
	enum a64_mem_status st;
	enum a64_mem_class cls;
	unsigned n;
	struct exp_acc acc[A64_MEM_MAX_ACCESSES];
	unsigned align, elem;
	bool wb, unpriv, simd, pcrel, far_xt;
	uint32_t iss;
};

/* The instruction syndrome, written out independently of the decoder. */
#define ISV(sas, sse, srt, sf, ar) \
	((1U << 24) | ((sas) << 22) | ((sse) << 21) | ((srt) << 16) | ((sf) << 15) | ((ar) << 14))
#define WNR (1U << 6)

#define OK A64_MEM_OK
#define PLAIN A64_MEM_PLAIN
#define PAIR A64_MEM_PAIR
#define EXCL A64_MEM_EXCLUSIVE
#define ACQ A64_MEM_ACQREL
#define ATOM A64_MEM_ATOMIC
#define MULTI A64_MEM_SIMD_MULTI
#define SINGLE A64_MEM_SIMD_SINGLE

/* One access / a plain access with its element size. */
#define A1(va, sz, rw) .n = 1, .acc = { { va, sz, rw } }
#define PL(va, sz, rw) .st = OK, .cls = PLAIN, A1(va, sz, rw), .elem = sz
#define AQ(va, sz, rw) .st = OK, .cls = ACQ, A1(va, sz, rw), .elem = sz, .align = sz
#define AT(va, sz) .st = OK, .cls = ATOM, A1(va, sz, RW), .elem = sz, .align = sz
#define PF .set = true, .st = OK, .cls = A64_MEM_PREFETCH, .n = 0
#define NOTMEM .set = true, .st = A64_MEM_NOT_MEMORY
#define UNK .set = true, .st = A64_MEM_UNKNOWN

static const struct exp expect[N_INSNS] = {
	/* GPR, unsigned offset: X2 = 0x3000, X4 = 0x5000 ... */
	[I_ldr_x_uimm] = { .set = true, PL(0x3008, 8, R), .iss = ISV(3, 0, 1, 1, 0) },
	[I_ldr_w_uimm] = { .set = true, PL(0x5FFC, 4, R), .iss = ISV(2, 0, 3, 0, 0) },
	[I_ldrb_uimm] = { .set = true, PL(0x9FFF, 1, R), .iss = ISV(0, 0, 7, 0, 0) },
	[I_ldrh_uimm] = { .set = true, PL(0xB002, 2, R), .iss = ISV(1, 0, 9, 0, 0) },
	[I_ldrsb_x] = { .set = true, PL(0xD001, 1, R), .iss = ISV(0, 1, 11, 1, 0) },
	[I_ldrsb_w] = { .set = true, PL(0xD000, 1, R), .iss = ISV(0, 1, 11, 0, 0) },
	[I_ldrsh_x] = { .set = true, PL(0xF006, 2, R), .iss = ISV(1, 1, 13, 1, 0) },
	[I_ldrsh_w] = { .set = true, PL(0xF000, 2, R), .iss = ISV(1, 1, 13, 0, 0) },
	[I_ldrsw_uimm] = { .set = true, PL(0x11008, 4, R), .iss = ISV(2, 1, 15, 1, 0) },
	[I_str_x_uimm] = { .set = true, PL(0x13010, 8, W), .iss = ISV(3, 0, 17, 1, 0) | WNR },
	[I_strb_wzr] = { .set = true, PL(0x14000, 1, W), .iss = ISV(0, 0, 31, 0, 0) | WNR },
	[I_strh_sp] = { .set = true, PL(0x80002, 2, W), .iss = ISV(1, 0, 20, 0, 0) | WNR },
	[I_ldur_neg] = { .set = true, PL(0x2FFF, 8, R), .iss = ISV(3, 0, 1, 1, 0) },
	[I_stur_w] = { .set = true, PL(0x50FF, 4, W), .iss = ISV(2, 0, 3, 0, 0) | WNR },
	[I_ldursw_neg] = { .set = true, PL(0x8F00, 4, R), .iss = ISV(2, 1, 7, 1, 0) },
	/* write-back: no instruction syndrome */
	[I_ldr_pre] = { .set = true, PL(0x3010, 8, R), .wb = true, .iss = 0 },
	[I_str_post_sp] = { .set = true, PL(0x80000, 4, W), .wb = true, .iss = WNR },
	[I_ldrb_post] = { .set = true, PL(0x9000, 1, R), .wb = true, .iss = 0 },
	[I_strh_pre_sp] = { .set = true, PL(0x7FFFE, 2, W), .wb = true, .iss = WNR },
	[I_ldrsw_pre] = { .set = true, PL(0x2FFC, 4, R), .wb = true, .iss = 0 },
	/* register offset: X3 = 0x4000, W5 = -16 (X5 = 0xFFFFFFF0), W6 = 0x10 */
	[I_ldr_reg_lsl] = { .set = true, PL(0x23000, 8, R), .iss = ISV(3, 0, 1, 1, 0) },
	[I_ldr_reg_sxtw] = { .set = true, PL(0x2FC0, 4, R), .iss = ISV(2, 0, 1, 0, 0) },
	[I_ldrb_reg_uxtw] = { .set = true, PL(0x3010, 1, R), .iss = ISV(0, 0, 1, 0, 0) },
	[I_str_reg_sxtx_sp] = { .set = true, PL(0x10007FFF0ULL, 8, W), .iss = ISV(3, 0, 1, 1, 0) | WNR },
	[I_ldrh_reg] = { .set = true, PL(0x7000, 2, R), .iss = ISV(1, 0, 1, 0, 0) },
	[I_ldr_reg_xzr] = { .set = true, PL(0x3000, 8, R), .iss = ISV(3, 0, 1, 1, 0) },
	/* unprivileged */
	[I_ldtr_x] = { .set = true, PL(0x3008, 8, R), .unpriv = true, .iss = ISV(3, 0, 1, 1, 0) },
	[I_sttrb] = { .set = true, PL(0x4FFF, 1, W), .unpriv = true, .iss = ISV(0, 0, 3, 0, 0) | WNR },
	[I_ldtrsh_x] = { .set = true, PL(0x9000, 2, R), .unpriv = true, .iss = ISV(1, 1, 7, 1, 0) },
	[I_ldtrsw_sp] = { .set = true, PL(0x80004, 4, R), .unpriv = true, .iss = ISV(2, 1, 9, 1, 0) },
	/* literal: va relative to the instruction's PC */
	[I_ldr_lit_x] = { .set = true, PL(0x100, 8, R), .pcrel = true, .iss = ISV(3, 0, 1, 1, 0) },
	[I_ldr_lit_w_neg] = { .set = true, PL(-8ULL, 4, R), .pcrel = true, .iss = ISV(2, 0, 2, 0, 0) },
	[I_ldrsw_lit] = { .set = true, PL(4, 4, R), .pcrel = true, .iss = ISV(2, 1, 3, 1, 0) },
	[I_ldr_lit_q] = { .set = true, PL(16, 16, R), .pcrel = true, .simd = true },
	[I_ldr_lit_s] = { .set = true, PL(8, 4, R), .pcrel = true, .simd = true },
	[I_prfm_lit] = { PF },
	/* SIMD&FP single register: never ISV */
	[I_ldr_b] = { .set = true, PL(0x3001, 1, R), .simd = true },
	[I_ldr_h] = { .set = true, PL(0x3002, 2, R), .simd = true },
	[I_str_s] = { .set = true, PL(0x3004, 4, W), .simd = true, .iss = WNR },
	[I_ldr_d] = { .set = true, PL(0x3008, 8, R), .simd = true },
	[I_str_q] = { .set = true, PL(0x3020, 16, W), .simd = true, .iss = WNR },
	[I_ldur_q] = { .set = true, PL(0x2FFF, 16, R), .simd = true },
	[I_ldr_q_post_sp] = { .set = true, PL(0x80000, 16, R), .simd = true, .wb = true },
	[I_str_d_pre] = { .set = true, PL(0x2FF8, 8, W), .simd = true, .wb = true, .iss = WNR },
	[I_ldr_q_reg] = { .set = true, PL(0x43000, 16, R), .simd = true },
	[I_ldr_s_reg_sxtw] = { .set = true, PL(0x2FF0, 4, R), .simd = true },
	/* pairs: X3 = 0x4000 */
	[I_ldp_x] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
		      .acc = { { 0x4010, 8, R }, { 0x4018, 8, R } }, .elem = 8 },
	[I_stp_w_pre_sp] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
			     .acc = { { 0x7FFF8, 4, W }, { 0x7FFFC, 4, W } }, .elem = 4, .wb = true,
			     .iss = WNR },
	[I_ldp_post_sp] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
			    .acc = { { 0x80000, 8, R }, { 0x80008, 8, R } }, .elem = 8, .wb = true },
	[I_ldpsw] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
		      .acc = { { 0x3FF8, 4, R }, { 0x3FFC, 4, R } }, .elem = 4 },
	[I_ldnp_d] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
		       .acc = { { 0x4008, 8, R }, { 0x4010, 8, R } }, .elem = 8, .simd = true },
	[I_stnp_x] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
		       .acc = { { 0x4000, 8, W }, { 0x4008, 8, W } }, .elem = 8, .iss = WNR },
	[I_ldp_q] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
		      .acc = { { 0x3FE0, 16, R }, { 0x3FF0, 16, R } }, .elem = 16, .simd = true },
	[I_stp_s_post] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
			   .acc = { { 0x4000, 4, W }, { 0x4004, 4, W } }, .elem = 4, .simd = true,
			   .wb = true, .iss = WNR },
	[I_stp_q_pre] = { .set = true, .st = OK, .cls = PAIR, .n = 2,
			  .acc = { { 0x43F0, 16, W }, { 0x4400, 16, W } }, .elem = 16, .simd = true,
			  .wb = true, .iss = WNR },
	/* exclusives: always aligned, no ISV */
	[I_ldxr_x] = { .set = true, .st = OK, .cls = EXCL, A1(0x3000, 8, R), .elem = 8, .align = 8 },
	[I_ldaxrb] = { .set = true, .st = OK, .cls = EXCL, A1(0x3000, 1, R), .elem = 1, .align = 1 },
	[I_stxr_w] = { .set = true, .st = OK, .cls = EXCL, A1(0x3000, 4, W), .elem = 4, .align = 4,
		       .iss = WNR },
	[I_stlxrh_sp] = { .set = true, .st = OK, .cls = EXCL, A1(0x80000, 2, W), .elem = 2,
			  .align = 2, .iss = WNR },
	[I_ldxp_x] = { .set = true, .st = OK, .cls = EXCL, .n = 2,
		       .acc = { { 0x4000, 8, R }, { 0x4008, 8, R } }, .elem = 8, .align = 16 },
	[I_ldaxp_w] = { .set = true, .st = OK, .cls = EXCL, A1(0x4000, 8, R), .elem = 4, .align = 8 },
	[I_stxp_x] = { .set = true, .st = OK, .cls = EXCL, A1(0x4000, 16, W), .elem = 8, .align = 16,
		       .iss = WNR },
	[I_stlxp_w] = { .set = true, .st = OK, .cls = EXCL, A1(0x4000, 8, W), .elem = 4, .align = 8,
			.iss = WNR },
	/* ordered: ISV with AR */
	[I_ldar_x] = { .set = true, AQ(0x3000, 8, R), .iss = ISV(3, 0, 1, 1, 1) },
	[I_stlr_w] = { .set = true, AQ(0x3000, 4, W), .iss = ISV(2, 0, 1, 0, 1) | WNR },
	[I_ldarb_sp] = { .set = true, AQ(0x80000, 1, R), .iss = ISV(0, 0, 1, 0, 1) },
	[I_stlrh] = { .set = true, AQ(0x3000, 2, W), .iss = ISV(1, 0, 1, 0, 1) | WNR },
	[I_ldlar_x] = { .set = true, AQ(0x3000, 8, R), .iss = ISV(3, 0, 1, 1, 1) },
	[I_stllrb] = { .set = true, AQ(0x3000, 1, W), .iss = ISV(0, 0, 1, 0, 1) | WNR },
	[I_ldapr_x] = { .set = true, AQ(0x3000, 8, R), .iss = ISV(3, 0, 1, 1, 1) },
	[I_ldaprb] = { .set = true, AQ(0x3000, 1, R), .iss = ISV(0, 0, 1, 0, 1) },
	[I_ldapur_neg] = { .set = true, AQ(0x2FFC, 4, R), .iss = ISV(2, 0, 1, 0, 1) },
	[I_stlur_x_sp] = { .set = true, AQ(0x80008, 8, W), .iss = ISV(3, 0, 1, 1, 1) | WNR },
	[I_ldapursb_x] = { .set = true, AQ(0x3001, 1, R), .iss = ISV(0, 1, 1, 1, 1) },
	[I_ldapursh_w] = { .set = true, AQ(0x3000, 2, R), .iss = ISV(1, 1, 1, 0, 1) },
	[I_ldapursw] = { .set = true, AQ(0x30FF, 4, R), .iss = ISV(2, 1, 1, 1, 1) },
	/* LSE: read-modify-write, WnR 0 (see a64_mem_wnr) */
	[I_ldadd_x] = { .set = true, AT(0x4000, 8) },
	[I_ldaddalb] = { .set = true, AT(0x4000, 1) },
	[I_ldclrah_sp] = { .set = true, AT(0x80000, 2) },
	[I_ldeorl_w] = { .set = true, AT(0x4000, 4) },
	[I_ldset_x] = { .set = true, AT(0x4000, 8) },
	[I_ldsmaxa_w] = { .set = true, AT(0x4000, 4) },
	[I_ldsminlb] = { .set = true, AT(0x4000, 1) },
	[I_ldumaxal_x] = { .set = true, AT(0x4000, 8) },
	[I_lduminh] = { .set = true, AT(0x4000, 2) },
	[I_stadd_w] = { .set = true, AT(0x4000, 4) },
	[I_swp_x] = { .set = true, AT(0x4000, 8) },
	[I_swpalb] = { .set = true, AT(0x4000, 1) },
	[I_cas_x] = { .set = true, AT(0x4000, 8) },
	[I_casalh] = { .set = true, AT(0x4000, 2) },
	[I_casab_sp] = { .set = true, AT(0x80000, 1) },
	[I_casp_x] = { .set = true, AT(0x5000, 16) },
	[I_caspal_w] = { .set = true, AT(0x5000, 8) },
	/* SIMD multiple structures: X1 = 0x2000, register-sized pieces */
	[I_ld1_8b] = { .set = true, .st = OK, .cls = MULTI, A1(0x2000, 8, R), .elem = 1, .simd = true },
	[I_ld1_4x16b] = { .set = true, .st = OK, .cls = MULTI, .n = 4,
			  .acc = { { 0x2000, 16, R }, { 0x2010, 16, R }, { 0x2020, 16, R },
				   { 0x2030, 16, R } }, .elem = 1, .simd = true },
	[I_st1_2x2d_post] = { .set = true, .st = OK, .cls = MULTI, .n = 2,
			      .acc = { { 0x2000, 16, W }, { 0x2010, 16, W } }, .elem = 8,
			      .simd = true, .wb = true, .iss = WNR },
	[I_ld2_4s_postreg_sp] = { .set = true, .st = OK, .cls = MULTI, .n = 2,
				  .acc = { { 0x80000, 16, R }, { 0x80010, 16, R } }, .elem = 4,
				  .simd = true, .wb = true },
	[I_ld3_8h] = { .set = true, .st = OK, .cls = MULTI, .n = 3,
		       .acc = { { 0x2000, 16, R }, { 0x2010, 16, R }, { 0x2020, 16, R } }, .elem = 2,
		       .simd = true },
	[I_st4_8b] = { .set = true, .st = OK, .cls = MULTI, .n = 4,
		       .acc = { { 0x2000, 8, W }, { 0x2008, 8, W }, { 0x2010, 8, W }, { 0x2018, 8, W } },
		       .elem = 1, .simd = true, .iss = WNR },
	[I_ld4_2d_post] = { .set = true, .st = OK, .cls = MULTI, .n = 4,
			    .acc = { { 0x2000, 16, R }, { 0x2010, 16, R }, { 0x2020, 16, R },
				     { 0x2030, 16, R } }, .elem = 8, .simd = true, .wb = true },
	[I_ld1_3x1d] = { .set = true, .st = OK, .cls = MULTI, .n = 3,
			 .acc = { { 0x2000, 8, R }, { 0x2008, 8, R }, { 0x2010, 8, R } }, .elem = 8,
			 .simd = true },
	/* SIMD single structure: one access per element */
	[I_ld1_b_lane] = { .set = true, .st = OK, .cls = SINGLE, A1(0x2000, 1, R), .elem = 1, .simd = true },
	[I_st1_h_lane] = { .set = true, .st = OK, .cls = SINGLE, A1(0x2000, 2, W), .elem = 2, .simd = true,
			   .iss = WNR },
	[I_ld2_s_lane_post] = { .set = true, .st = OK, .cls = SINGLE, .n = 2,
				.acc = { { 0x2000, 4, R }, { 0x2004, 4, R } }, .elem = 4, .simd = true,
				.wb = true },
	[I_st3_d_lane] = { .set = true, .st = OK, .cls = SINGLE, .n = 3,
			   .acc = { { 0x2000, 8, W }, { 0x2008, 8, W }, { 0x2010, 8, W } }, .elem = 8,
			   .simd = true, .iss = WNR },
	[I_ld4_b_lane_postreg] = { .set = true, .st = OK, .cls = SINGLE, .n = 4,
				   .acc = { { 0x2000, 1, R }, { 0x2001, 1, R }, { 0x2002, 1, R },
					    { 0x2003, 1, R } }, .elem = 1, .simd = true, .wb = true },
	[I_ld1r_4s] = { .set = true, .st = OK, .cls = SINGLE, A1(0x2000, 4, R), .elem = 4, .simd = true },
	[I_ld2r_8h_post_sp] = { .set = true, .st = OK, .cls = SINGLE, .n = 2,
				.acc = { { 0x80000, 2, R }, { 0x80002, 2, R } }, .elem = 2, .simd = true,
				.wb = true },
	[I_ld3r_1d] = { .set = true, .st = OK, .cls = SINGLE, .n = 3,
			.acc = { { 0x2000, 8, R }, { 0x2008, 8, R }, { 0x2010, 8, R } }, .elem = 8,
			.simd = true },
	[I_ld4r_16b] = { .set = true, .st = OK, .cls = SINGLE, .n = 4,
			 .acc = { { 0x2000, 1, R }, { 0x2001, 1, R }, { 0x2002, 1, R }, { 0x2003, 1, R } },
			 .elem = 1, .simd = true },
	/* DC ZVA: block at Xt rounded down, FAR = Xt */
	[I_dc_zva_unaligned] = { .set = true, .st = OK, .cls = A64_MEM_DC_ZVA,
			   A1(0xFFFFFFC0ULL, ZVA, W), .far_xt = true, .iss = WNR },
	[I_dc_zva_high] = { .set = true, .st = OK, .cls = A64_MEM_DC_ZVA,
			    A1(0xDEAD000000000000ULL, ZVA, W), .far_xt = true, .iss = WNR },
	[I_dc_zva_xzr] = { .set = true, .st = OK, .cls = A64_MEM_DC_ZVA, A1(0, ZVA, W), .far_xt = true,
			   .iss = WNR },
	[I_prfm_uimm] = { PF },
	[I_prfum] = { PF },
	[I_prfm_reg] = { PF },
	[I_add] = { NOTMEM },
	[I_b_self] = { NOTMEM },
	[I_mrs] = { NOTMEM },
	[I_svc] = { NOTMEM },
	[I_nop] = { NOTMEM },
	[I_dc_civac] = { UNK },
	[I_ldraa] = { UNK },
	[I_stg] = { UNK },
	[I_stgp] = { UNK },
	[I_ld64b] = { UNK },
	[I_sve_ld1b] = { UNK },
};

static uint32_t words[N_INSNS];
static bool have_words;

/* Reads the flat binary of insns.S; false (tests skipped) without the cross assembler. */
static bool load_words(void)
{
#ifdef A64_INSNS_BIN
	FILE *f = fopen(A64_INSNS_BIN, "rb");
	uint8_t b[4];
	size_t k;

	if (f == NULL)
		return false;
	for (k = 0; k < N_INSNS; k++) {
		if (fread(b, 1, 4, f) != 4)
			break;
		words[k] = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
			   (uint32_t)b[3] << 24;
	}
	/* The binary must hold exactly one word per entry of insns.def. */
	if (k != N_INSNS || fread(b, 1, 1, f) != 0) {
		(void)fclose(f);
		fprintf(stderr, "%s: %zu words, insns.def has %d entries\n", A64_INSNS_BIN, k,
			(int)N_INSNS);
		return false;
	}
	(void)fclose(f);
	return true;
#else
	return false;
#endif
}

static enum a64_mem_status decode(unsigned idx, struct a64_mem_insn *m)
{
	return a64_mem_decode(words[idx], PC_BASE + 4U * idx, xreg, NULL, ZVA, m);
}

static void check_entry(unsigned idx)
{
	const struct exp *e = &expect[idx];
	const char *t = insn_text[idx];
	struct a64_mem_insn m;
	enum a64_mem_status st = decode(idx, &m);
	unsigned k;

	if (!e->set)
		fail_msg("%s: no expectation", t);
	if (st != e->st)
		fail_msg("%s (%08x): status %d, expected %d", t, words[idx], st, e->st);
	if (st != A64_MEM_OK)
		return;
	if (m.cls != e->cls || m.n != e->n)
		fail_msg("%s: class %d n %u, expected class %d n %u", t, m.cls, m.n, e->cls, e->n);
	for (k = 0; k < e->n; k++) {
		uint64_t va = e->pcrel ? PC_BASE + 4U * idx + e->acc[k].va : e->acc[k].va;

		if (m.acc[k].va != va || m.acc[k].size != e->acc[k].size ||
		    m.acc[k].read != ((e->acc[k].rw & R) != 0) || m.acc[k].write != ((e->acc[k].rw & W) != 0))
			fail_msg("%s: access %u = %#llx/%u r%d w%d, expected %#llx/%u rw%d", t, k,
				 (unsigned long long)m.acc[k].va, m.acc[k].size, m.acc[k].read,
				 m.acc[k].write, (unsigned long long)va, e->acc[k].size, e->acc[k].rw);
	}
	if (m.cls == A64_MEM_PREFETCH)
		return;
	if (m.align_always != e->align || m.elem_size != e->elem)
		fail_msg("%s: align %u elem %u, expected %u %u", t, m.align_always, m.elem_size,
			 e->align, e->elem);
	if (m.writeback != e->wb || m.unpriv != e->unpriv || m.simd != e->simd)
		fail_msg("%s: wb %d unpriv %d simd %d, expected %d %d %d", t, m.writeback, m.unpriv,
			 m.simd, e->wb, e->unpriv, e->simd);
	if (a64_mem_iss(&m) != e->iss)
		fail_msg("%s: ISS %#x, expected %#x", t, a64_mem_iss(&m), e->iss);
	if (m.far_is_xt != e->far_xt)
		fail_msg("%s: far_is_xt %d", t, m.far_is_xt);
}

static int setup(void **state)
{
	(void)state;
	return 0;
}

#define NEED_WORDS() \
	do { \
		if (!have_words) \
			skip(); \
	} while (0)

static void a64_mem_decode__matches_expectation_for_every_assembled_insn(void **state)
{
	unsigned k;

	(void)state;
	NEED_WORDS();
	for (k = 0; k < N_INSNS; k++)
		check_entry(k);
}

static void a64_mem_decode__sp_base_and_xzr_index_use_the_right_register(void **state)
{
	struct a64_mem_insn m;

	(void)state;
	NEED_WORDS();
	assert_int_equal(decode(I_strh_sp, &m), A64_MEM_OK);
	assert_int_equal(m.rn, 31);
	assert_int_equal(m.acc[0].va, SP_VAL + 2);
	assert_int_equal(decode(I_ldr_reg_xzr, &m), A64_MEM_OK);
	assert_int_equal(m.acc[0].va, 0x3000); /* Rm = 31 is XZR, not SP */
	assert_int_equal(decode(I_ldr_lit_x, &m), A64_MEM_OK);
	assert_int_equal(m.rn, A64_MEM_RN_PC);
}

static void a64_mem_decode__dc_zva_reports_xt_as_far(void **state)
{
	struct a64_mem_insn m;

	(void)state;
	NEED_WORDS();
	assert_int_equal(decode(I_dc_zva_unaligned, &m), A64_MEM_OK);
	assert_true(m.far_is_xt);
	assert_int_equal(m.xt, X5_VAL);
	/* DCZID_EL0.DZP = 1 (no block size): the decoder cannot model it. */
	assert_int_equal(a64_mem_decode(words[I_dc_zva_unaligned], 0, xreg, NULL, 0, &m), A64_MEM_UNKNOWN);
	assert_int_equal(a64_mem_decode(words[I_dc_zva_unaligned], 0, xreg, NULL, 48, &m), A64_MEM_UNKNOWN);
	assert_int_equal(m.n, 0);
}

static void a64_mem_isv_allowed__only_for_stage2_aborts_of_isv_insns(void **state)
{
	struct a64_mem_insn m;

	(void)state;
	NEED_WORDS();
	assert_int_equal(decode(I_ldr_x_uimm, &m), A64_MEM_OK);
	assert_true(a64_mem_isv_allowed(&m, true));
	assert_false(a64_mem_isv_allowed(&m, false)); /* stage 1 fault at EL2, ESR_EL1, GPF */
	assert_int_equal(decode(I_ldr_pre, &m), A64_MEM_OK);
	assert_false(a64_mem_isv_allowed(&m, true));
	assert_int_equal(decode(I_ldxr_x, &m), A64_MEM_OK);
	assert_false(a64_mem_isv_allowed(&m, true));
	assert_int_equal(decode(I_cas_x, &m), A64_MEM_OK);
	assert_false(a64_mem_isv_allowed(&m, true));
}

static void a64_mem_wnr__atomic_is_read_unless_write_permission_fault(void **state)
{
	struct a64_mem_insn m;

	(void)state;
	NEED_WORDS();
	assert_int_equal(decode(I_cas_x, &m), A64_MEM_OK);
	assert_false(a64_mem_wnr(&m.acc[0], false)); /* translation, read permission, GPF */
	assert_true(a64_mem_wnr(&m.acc[0], true));
	assert_int_equal(decode(I_str_x_uimm, &m), A64_MEM_OK);
	assert_true(a64_mem_wnr(&m.acc[0], false));
	assert_int_equal(decode(I_ldr_x_uimm, &m), A64_MEM_OK);
	assert_false(a64_mem_wnr(&m.acc[0], true));
	assert_int_equal(decode(I_dc_zva_xzr, &m), A64_MEM_OK);
	assert_true(a64_mem_wnr(&m.acc[0], false));
}

/* Register values that vary with n and the word, so addresses wrap and mix. */
static uint64_t xreg_mixed(void *ctx, unsigned n)
{
	uint64_t v = *(const uint64_t *)ctx ^ (0x9E3779B97F4A7C15ULL * (n + 1U));

	return v ^ (v >> 29);
}

static bool pow2(unsigned v)
{
	return v != 0 && (v & (v - 1U)) == 0;
}

static void check_sane(uint32_t insn)
{
	uint64_t seed = (uint64_t)insn * 0xD6E8FEB86659FD93ULL;
	struct a64_mem_insn m;
	enum a64_mem_status st = a64_mem_decode(insn, 0x1000, xreg_mixed, &seed, ZVA, &m);
	unsigned k;

	if (st != A64_MEM_OK) {
		if (st != A64_MEM_NOT_MEMORY && st != A64_MEM_UNKNOWN)
			fail_msg("%08x: status %d", insn, st);
		if (m.n != 0)
			fail_msg("%08x: %u accesses on status %d", insn, m.n, st);
		return;
	}
	if (m.cls == A64_MEM_PREFETCH) {
		if (m.n != 0)
			fail_msg("%08x: prefetch with accesses", insn);
		return;
	}
	if (m.n < 1 || m.n > A64_MEM_MAX_ACCESSES)
		fail_msg("%08x: %u accesses", insn, m.n);
	for (k = 0; k < m.n; k++) {
		unsigned s = m.acc[k].size;

		if (!pow2(s) || (s > 16U && !(m.cls == A64_MEM_DC_ZVA && s == ZVA)))
			fail_msg("%08x: access %u size %u", insn, k, s);
		if (!m.acc[k].read && !m.acc[k].write)
			fail_msg("%08x: access %u neither reads nor writes", insn, k);
	}
	if (!pow2(m.elem_size) && m.cls != A64_MEM_DC_ZVA)
		fail_msg("%08x: elem_size %u", insn, m.elem_size);
	if (m.align_always != 0 && !pow2(m.align_always))
		fail_msg("%08x: align_always %u", insn, m.align_always);
	if (m.isv && (m.simd || m.writeback || m.cls == A64_MEM_PAIR || m.cls == A64_MEM_EXCLUSIVE ||
		      m.cls == A64_MEM_ATOMIC))
		fail_msg("%08x: ISV for a class that has none", insn);
}

/*
 * Ranges of 2^20 words across the load/store groups (single register,
 * pairs, exclusives, atomics, LRCPC2/MTE, SIMD structures, literal) and
 * the SYS space around DC ZVA, plus pseudo-random words.
 */
static void a64_mem_decode__sweep_of_ldst_space_stays_sane(void **state)
{
	static const uint32_t starts[] = {
		0x08000000U, 0x0C000000U, 0x0D000000U, 0x18000000U, 0x28000000U, 0x29C00000U,
		0x38000000U, 0x38200000U, 0x39400000U, 0x3C000000U, 0x48200000U, 0x88A00000U,
		0xB8200000U, 0xC8400000U, 0xD9000000U, 0xD9600000U, 0xF8A00000U, 0xFD400000U,
		0x4C400000U, 0x4DC00000U, 0xD5080000U,
	};
	uint64_t lcg = 0x0123456789ABCDEFULL;
	unsigned r, k;

	(void)state;
	for (r = 0; r < sizeof(starts) / sizeof(starts[0]); r++)
		for (k = 0; k < (1U << 20); k++)
			check_sane(starts[r] + k);
	for (k = 0; k < (1U << 22); k++) {
		lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
		check_sane((uint32_t)(lcg >> 32));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a64_mem_decode__matches_expectation_for_every_assembled_insn),
		cmocka_unit_test(a64_mem_decode__sp_base_and_xzr_index_use_the_right_register),
		cmocka_unit_test(a64_mem_decode__dc_zva_reports_xt_as_far),
		cmocka_unit_test(a64_mem_isv_allowed__only_for_stage2_aborts_of_isv_insns),
		cmocka_unit_test(a64_mem_wnr__atomic_is_read_unless_write_permission_fault),
		cmocka_unit_test(a64_mem_decode__sweep_of_ldst_space_stays_sane),
	};
	int failed;

	have_words = load_words();
	if (!have_words)
		fprintf(stderr, "test_a64_mem: SKIPPED the assembled-instruction tests: "
				"no aarch64 cross assembler (insns.bin not built); only the sweep runs\n");
	failed = cmocka_run_group_tests(tests, setup, NULL);
	if (failed == 0 && !have_words)
		return 77; /* ctest SKIP_RETURN_CODE */
	return failed;
}
