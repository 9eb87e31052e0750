/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The native API (rmmsim.h) on top of the platform: SMCs through the EL3
 * dispatcher, inspection of granule states, the GPT and the memory map,
 * and NS-world memory accesses checked by the GPC.
 */
#include <string.h>

#include "plat_realm.h"
#include "platform.h"

void rmmsim_smc(struct rmmsim *sim, enum rmmsim_caller caller, struct smc_regs *regs)
{
	switch (caller) {
	case RMMSIM_CALLER_NS:
		smc_dispatch(&sim->el3, SMC_CALLER_NS, regs);
		return;
	case RMMSIM_CALLER_RMM:
		smc_dispatch(&sim->el3, SMC_CALLER_RMM, regs);
		return;
	}
	/* Not a world this API can issue from: EL3 would not know the call. */
	regs->x[0] = SMC_UNKNOWN;
}

int rmmsim_granule_state(const struct rmmsim *sim, pa_t pa)
{
	enum rmm_granule_state s;

	if (!rmm_granule_state(sim->rmm, pa, &s)) {
		return -1;
	}
	return (int)s;
}

const char *rmmsim_granule_state_name(int state)
{
	if (state < 0 || state >= (int)RMM_GRANULE_STATE_COUNT) {
		return "NOT_MANAGED";
	}
	return rmm_granule_state_name((enum rmm_granule_state)state);
}

int rmmsim_pas(const struct rmmsim *sim, pa_t pa)
{
	return (int)gpt_get_gpi(sim->gpt, pa);
}

bool rmmsim_ns_read(struct rmmsim *sim, pa_t pa, void *dst, size_t len)
{
	return plat_world_read(sim, WORLD_NS, pa, dst, len);
}

bool rmmsim_ns_write(struct rmmsim *sim, pa_t pa, const void *src, size_t len)
{
	return plat_world_write(sim, WORLD_NS, pa, src, len);
}

static size_t copy_regions(const struct plat_region *in, size_t n, struct rmmsim_region *out,
			   size_t max)
{
	for (size_t i = 0; i < n && i < max && out != NULL; i++) {
		out[i].base = in[i].base;
		out[i].size = in[i].size;
	}
	return n;
}

size_t rmmsim_dram_banks(const struct rmmsim *sim, struct rmmsim_region *out, size_t max)
{
	return copy_regions(sim->desc.banks, sim->desc.num_banks, out, max);
}

size_t rmmsim_secure_regions(const struct rmmsim *sim, struct rmmsim_region *out, size_t max)
{
	return copy_regions(sim->desc.secure, sim->desc.num_secure, out, max);
}

/* Every reg entry of every device (a GICv3 counts twice: distributor, redistributors). */
size_t rmmsim_mmio_regions(const struct rmmsim *sim, struct rmmsim_region *out, size_t max)
{
	size_t n = 0;

	for (unsigned i = 0; i < sim->desc.num_devices; i++) {
		const struct plat_device *dev = &sim->desc.devices[i];

		for (unsigned j = 0; j < dev->num_reg; j++, n++) {
			if (out != NULL && n < max) {
				out[n].base = dev->reg[j].base;
				out[n].size = dev->reg[j].size;
			}
		}
	}
	return n;
}

unsigned rmmsim_pa_bits(const struct rmmsim *sim)
{
	return sim->desc.pa_bits;
}

uint64_t rmmsim_feat_reg0(const struct rmmsim *sim)
{
	return sim->desc.feat_reg0;
}

bool rmmsim_check_invariants(struct rmmsim *sim, char *msg, size_t msg_len)
{
	return rmm_check_invariants(sim->rmm, msg, msg_len);
}

bool rmmsim_realm_measurement(const struct rmmsim *sim, pa_t rd, unsigned index, uint8_t out[64])
{
	return rmm_realm_measurement(sim->rmm, rd, index, out);
}

void rmmsim_set_token_handler(struct rmmsim *sim, rmmsim_token_fn fn, void *ctx)
{
	sim->token_fn = fn;
	sim->token_ctx = ctx;
}

uint64_t rmmsim_realm_insns(const struct rmmsim *sim)
{
	return plat_realm_total_insns(sim);
}
