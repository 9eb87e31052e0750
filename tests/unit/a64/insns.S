/* SPDX-License-Identifier: BSD-3-Clause */
/* The instructions of insns.def, one 32-bit word each, in order. */
#define X(name, ...) __VA_ARGS__ ;
	.text
#include "insns.def"
