/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rsi's platforms (fr_world.h): the default platform with a short
 * host timer, smaller DRAM and the snapshot log on, and the state digest of the reset
 * test (docs/fuzzing.md "fuzz_rsi persistence").
 */
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include <libfdt.h>

#include "fr_world.h"
#include "fuzz_rsi.h"
#include "gpt.h"
#include "platform.h"
#include "rmm.h"

/*
 * Smaller DRAM banks than the FVP's 2 + 2 GiB: the invariant checker's
 * tracked pass and the RMM's bitmaps scale with DRAM, and the realm needs
 * only realm_host's pools in bank 0 (granules at +256 MiB, NS pages at
 * +384 MiB). Bank 1 stays, smaller, so two banks are still managed.
 */
#define FR_BANK0_SIZE 0x20000000ULL /* 512 MiB */
#define FR_BANK1_SIZE 0x04000000ULL /* 64 MiB */

static bool set_bank(void *dtb, const char *node, uint64_t base, uint64_t size)
{
	fdt32_t reg[4] = { cpu_to_fdt32((uint32_t)(base >> 32)), cpu_to_fdt32((uint32_t)base),
			   cpu_to_fdt32((uint32_t)(size >> 32)), cpu_to_fdt32((uint32_t)size) };
	int off = fdt_path_offset(dtb, node);

	return off >= 0 && fdt_setprop(dtb, off, "reg", reg, sizeof(reg)) == 0;
}

struct rmmsim *fr_world_platform(void)
{
	size_t cap = plat_default_dtb_len + 4096U;
	char path[] = "/tmp/fuzz_rsi-XXXXXX";
	char err[512];
	void *dtb;
	int off, fd;
	struct rmmsim_options opt = { 0 };
	struct rmmsim *sim;

	/* The default platform with a short host timer (realm-slice-insns). */
	dtb = malloc(cap);
	if (dtb == NULL || fdt_open_into(plat_default_dtb, dtb, (int)cap) != 0) {
		fprintf(stderr, "fuzz_rsi: cannot open the default DTB\n");
		exit(2);
	}
	off = fdt_path_offset(dtb, "/rmmsim");
	if (off < 0) {
		off = fdt_add_subnode(dtb, 0, "rmmsim");
	}
	if (off < 0 || fdt_setprop_u64(dtb, off, "realm-slice-insns", FR_SLICE_INSNS) != 0 ||
	    !set_bank(dtb, "/memory@80000000", 0x80000000ULL, FR_BANK0_SIZE) ||
	    !set_bank(dtb, "/memory@880000000", 0x880000000ULL, FR_BANK1_SIZE) || fdt_pack(dtb) != 0) {
		fprintf(stderr, "fuzz_rsi: cannot edit the default DTB\n");
		exit(2);
	}
	fd = mkstemp(path);
	if (fd < 0 || write(fd, dtb, fdt_totalsize(dtb)) != (ssize_t)fdt_totalsize(dtb)) {
		fprintf(stderr, "fuzz_rsi: cannot write %s\n", path);
		exit(2);
	}
	close(fd);
	free(dtb);
	opt.platform_path = path;
	sim = rmmsim_create(&opt, err, sizeof(err));
	unlink(path);
	if (sim == NULL) {
		fprintf(stderr, "fuzz_rsi: rmmsim_create: %s\n", err);
		exit(2);
	}
	/* The harness runs the checker itself after every step (naming the step). */
	rmm_set_invariant_checks(sim->rmm, getenv("FUZZ_RSI_RMM_CHECKS") != NULL);
	/* Before any realm runs: the engines keep a shadow of their stage 2 (plat_snap.c). */
	if (plat_snap_init(sim, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_rsi: plat_snap_init: %s\n", err);
		exit(2);
	}
	return sim;
}

static uint64_t fnv(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3ULL;
}

/* The bytes of [base, end), 8 at a time (the pools are granule-aligned). */
static uint64_t digest_mem(const struct rmmsim *sim, uint64_t h, pa_t base, pa_t end)
{
	for (pa_t pa = base; pa < end; pa += GRANULE_SIZE) {
		const uint64_t *m = plat_pa_to_host(sim, pa, GRANULE_SIZE);

		for (unsigned i = 0; m != NULL && i < GRANULE_SIZE / 8U; i++) {
			h = fnv(h, m[i]);
		}
	}
	return h;
}

uint64_t fr_world_digest(const struct rmmsim *sim, const struct rh_realm *rh)
{
	/* The RMM's descriptors and bitmaps, the GPI of every DRAM granule. */
	uint64_t h = rmm_state_digest(sim->rmm);

	for (unsigned b = 0; b < sim->desc.num_banks; b++) {
		const struct plat_region *r = &sim->desc.banks[b];

		for (uint64_t off = 0; off < r->size; off += GRANULE_SIZE) {
			h = fnv(h, (uint8_t)gpt_get_gpi(sim->gpt, r->base + off));
		}
	}
	/*
	 * The realm's objects and memory: every granule of its pool (RD, RECs
	 * with their registers, RTTs, DATA) and of its NS pages.
	 */
	h = digest_mem(sim, h, rh->pool_base, rh->pool_end);
	h = digest_mem(sim, h, rh->ns_base, rh->ns_end);
	/* The system counter of realm runs follows the realm instructions run. */
	return fnv(h, rmmsim_realm_insns(sim));
}
