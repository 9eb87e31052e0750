/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GPT descriptor encoding and decoding (Arm ARM D9, "GPT formats"; field
 * positions cross-checked against TF-A's lib/gpt_rme private header):
 *   L0 block: bits[3:0] = 0b0001, GPI in bits[7:4], other bits RES0.
 *   L0 table: bits[3:0] = 0b0011, L1 table PA in bits[51:12].
 *   L1:       sixteen 4-bit GPIs, GPI i in bits[4i+3:4i] (PGS = 4 KiB).
 */
#include <assert.h>

#include "gpt.h"

bool gpt_gpi_is_valid(unsigned gpi)
{
	return gpi <= GPT_GPI_MASK && (GPT_GPI_VALID_MASK & GPT_GPI_BIT(gpi)) != 0U;
}

uint64_t gpt_l0_block_encode(enum gpt_gpi gpi)
{
	return GPT_L0_TYPE_BLOCK |
	       (((uint64_t)gpi & GPT_GPI_MASK) << GPT_L0_BLOCK_GPI_SHIFT);
}

uint64_t gpt_l0_table_encode(pa_t l1_table_pa)
{
	return GPT_L0_TYPE_TABLE | (l1_table_pa & GPT_L0_TABLE_ADDR_MASK);
}

bool gpt_l0_is_block(uint64_t desc)
{
	return (desc & GPT_L0_TYPE_MASK) == GPT_L0_TYPE_BLOCK;
}

bool gpt_l0_is_table(uint64_t desc)
{
	return (desc & GPT_L0_TYPE_MASK) == GPT_L0_TYPE_TABLE;
}

enum gpt_gpi gpt_l0_block_gpi(uint64_t desc)
{
	return (enum gpt_gpi)((desc >> GPT_L0_BLOCK_GPI_SHIFT) & GPT_GPI_MASK);
}

pa_t gpt_l0_table_addr(uint64_t desc)
{
	return desc & GPT_L0_TABLE_ADDR_MASK;
}

enum gpt_gpi gpt_l1_get(uint64_t desc, unsigned idx)
{
	assert(idx < GPT_L1_GPIS_PER_DESC);
	return (enum gpt_gpi)((desc >> ((idx & 0xFU) * 4U)) & GPT_GPI_MASK);
}

uint64_t gpt_l1_set(uint64_t desc, unsigned idx, enum gpt_gpi gpi)
{
	unsigned shift = (idx & 0xFU) * 4U;

	assert(idx < GPT_L1_GPIS_PER_DESC);
	desc &= ~(GPT_GPI_MASK << shift);
	return desc | (((uint64_t)gpi & GPT_GPI_MASK) << shift);
}

uint64_t gpt_l1_fill(enum gpt_gpi gpi)
{
	/* 0x1111...1 times the nibble replicates it into all sixteen slots. */
	return 0x1111111111111111ULL * ((uint64_t)gpi & GPT_GPI_MASK);
}

const char *gpt_gpi_name(enum gpt_gpi gpi)
{
	switch (gpi) {
	case GPT_GPI_NO_ACCESS:
		return "NO_ACCESS";
	case GPT_GPI_SECURE:
		return "SECURE";
	case GPT_GPI_NS:
		return "NS";
	case GPT_GPI_ROOT:
		return "ROOT";
	case GPT_GPI_REALM:
		return "REALM";
	case GPT_GPI_ANY:
		return "ANY";
	}
	return "RESERVED";
}

const char *gpt_result_name(enum gpt_result r)
{
	switch (r) {
	case GPT_PASS:
		return "PASS";
	case GPT_FAULT_GPF:
		return "GPF";
	case GPT_FAULT_ADDR_SIZE:
		return "ADDR_SIZE";
	case GPT_FAULT_WALK:
		return "WALK";
	}
	return "UNKNOWN";
}
