/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rmmsim native API: create a simulated Arm CCA platform (default FVP Base
 * RevC memory map, or one described by a device tree), issue SMCs as a
 * given world with a register file, and look at granule states, the GPT
 * and NS memory. Installed as <rmmsim/rmmsim.h>; link with -lrmmsim
 * (pkg-config rmmsim, or find_package(rmmsim): docs/sdk.md).
 */
#ifndef RMMSIM_H
#define RMMSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rmmsim_types.h"

/*
 * The library is built with -fvisibility=hidden: only declarations marked
 * RMMSIM_API are exported from librmmsim.so (everything else of the RMM,
 * GPT and simulator stays internal).
 */
#if defined(__GNUC__) || defined(__clang__)
#define RMMSIM_API __attribute__((visibility("default")))
#else
#define RMMSIM_API
#endif

struct rmmsim;

/* Who issues an SMC through rmmsim_smc(). */
enum rmmsim_caller {
	RMMSIM_CALLER_NS = 0,    /* the NS host at EL2: RMI, PSCI, SMCCC */
	RMMSIM_CALLER_RMM = 1,   /* the RMM calling EL3 (GTSI): for EL3 tests */
};

struct rmmsim_options {
	/* Platform description: .dts or .dtb path; NULL = the built-in default. */
	const char *platform_path;
	/* Print each RMI call in the reference RMM's log format to this stream (NULL: off). */
	void *rmi_log; /* FILE * */
	/*
	 * RMI ABIs the RMM speaks: "1.0", "2.0" or "both" (docs/rmi-2.0.md);
	 * NULL = the device tree's /rmmsim rmi-abi, else "both".
	 */
	const char *rmi_abi;
};

/*
 * Creates a platform. On failure returns NULL and writes one clear message
 * (naming the file and device-tree node where relevant) to @err.
 */
RMMSIM_API struct rmmsim *rmmsim_create(const struct rmmsim_options *opt, char *err, size_t err_len);
RMMSIM_API void rmmsim_destroy(struct rmmsim *sim);

/*
 * Issues one SMC: @regs holds X0..X17 on entry and the results on return.
 * Thread-safe: several host threads may call it (and rmmsim_ns_read/write,
 * rmmsim_granule_state, rmmsim_pas) on one platform at once, as host PEs
 * would (docs/conformance.md "Choices", CONCURRENT_*).
 */
RMMSIM_API void rmmsim_smc(struct rmmsim *sim, enum rmmsim_caller caller, struct smc_regs *regs);

/*
 * Granule state (enum rmm_granule_state value) of @pa; -1 if not
 * RMM-managed (rmmsim_granule_state_name(-1) is "NOT_MANAGED").
 */
RMMSIM_API int rmmsim_granule_state(const struct rmmsim *sim, pa_t pa);
RMMSIM_API const char *rmmsim_granule_state_name(int state);
/* GPI (enum gpt_gpi value) of @pa in the GPT. */
RMMSIM_API int rmmsim_pas(const struct rmmsim *sim, pa_t pa);

/*
 * Host (NS world) accesses to physical memory, checked by the GPC as the
 * host's own loads/stores are: false if any granule is not accessible to NS.
 */
RMMSIM_API bool rmmsim_ns_read(struct rmmsim *sim, pa_t pa, void *dst, size_t len);
RMMSIM_API bool rmmsim_ns_write(struct rmmsim *sim, pa_t pa, const void *src, size_t len);

/*
 * The platform as described (for tests choosing addresses). Each returns
 * the number of regions and copies at most @max of them to @out (which may
 * be NULL to count). MMIO regions are every `reg` entry of every device,
 * in device-tree order (a GICv3 gives distributor, then redistributors).
 */
struct rmmsim_region {
	pa_t base;
	uint64_t size;
};
RMMSIM_API size_t rmmsim_dram_banks(const struct rmmsim *sim, struct rmmsim_region *out, size_t max);
RMMSIM_API size_t rmmsim_secure_regions(const struct rmmsim *sim, struct rmmsim_region *out, size_t max);
RMMSIM_API size_t rmmsim_mmio_regions(const struct rmmsim *sim, struct rmmsim_region *out, size_t max);
RMMSIM_API unsigned rmmsim_pa_bits(const struct rmmsim *sim);
RMMSIM_API uint64_t rmmsim_feat_reg0(const struct rmmsim *sim);

/*
 * Debug view of a realm's measurement (0 = RIM, 1..4 = REMs), 64 bytes
 * zero-padded; false if @rd is not a Realm Descriptor. Not part of RMI.
 */
#define RMMSIM_HAVE_REALM_MEASUREMENT 1
RMMSIM_API bool rmmsim_realm_measurement(const struct rmmsim *sim, pa_t rd, unsigned index, uint8_t out[64]);

/*
 * Runs the RMM invariant checker; false and a message on a violation.
 * Debug builds wait for the RMI calls in flight and hold new ones off; in
 * release builds call it only while no thread is in rmmsim_smc.
 */
RMMSIM_API bool rmmsim_check_invariants(struct rmmsim *sim, char *msg, size_t msg_len);

/*
 * SiP service of the platform for the NS host (rmmsim-specific, docs/platform.md):
 * RMMSIM_SIP_TOKEN(X1 = PA, X2 = length) hands an attestation token in NS
 * memory to the simulator, which passes it to the handler set below.
 * X0 on return: 0 the handler accepted it, 1 it rejected it, -2 bad
 * address or length (over RMMSIM_SIP_TOKEN_MAX, or not NS memory),
 * SMC_UNKNOWN when no handler is set.
 */
#define RMMSIM_SIP_TOKEN 0xC2000100ULL
#define RMMSIM_SIP_TOKEN_MAX 65536U
typedef int (*rmmsim_token_fn)(void *ctx, const uint8_t *token, size_t len);
RMMSIM_API void rmmsim_set_token_handler(struct rmmsim *sim, rmmsim_token_fn fn, void *ctx);
/* Realm instructions executed on this platform so far (all realms). */
RMMSIM_API uint64_t rmmsim_realm_insns(const struct rmmsim *sim);

#endif /* RMMSIM_H */
