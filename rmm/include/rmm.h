/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rmm: a Realm Management Monitor implementing DEN0137 1.0-rel0 (RMI, RSI).
 *
 * It never touches hardware directly: memory, EL3 (GTSI) and realm
 * execution are reached only through struct rmm_plat (rmm_plat.h), which
 * sim/ implements with Unicorn and tests implement with a light fake.
 */
#ifndef RMM_H
#define RMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rmm_plat.h"
#include "rmmsim_types.h"

#define RMM_MAX_BANKS 8U

struct rmm_mem_bank {
	pa_t base;
	uint64_t size;
};

struct rmm_config {
	/* Memory the RMM manages: every granule here gets a descriptor. */
	struct rmm_mem_bank banks[RMM_MAX_BANKS];
	unsigned num_banks;
	unsigned pa_bits;     /* platform PA size (ID_AA64MMFR0_EL1.PARange) */
	uint64_t feat_reg0;   /* RmiFeatureRegister0 reported by RMI_FEATURES */
	unsigned vmid_bits;   /* 8 or 16 (FEAT_VMID16) */
	/*
	 * Realm instructions one RMI_REC_ENTER may run before the host's timer
	 * interrupt ends it with RMI_EXIT_IRQ (0 = RMM_DEFAULT_SLICE_INSNS).
	 */
	uint64_t rec_slice_insns;
	/*
	 * Which RMI ABIs RMI_VERSION accepts (docs/rmi-2.0.md). 0 (the zero
	 * value, so existing embedders keep the 1.0-only RMM) = 1.0 only;
	 * BOTH = 1.0 and 2.0, the host's request selects (1.0 until it asks
	 * for 2.0); 2_0 = 2.0 only, also for a host that never calls VERSION.
	 */
	enum rmm_rmi_abi {
		RMM_RMI_ABI_1_0 = 0,
		RMM_RMI_ABI_BOTH = 1,
		RMM_RMI_ABI_2_0 = 2,
	} rmi_abi;
	/* GPCCR_EL3.L0GPTSZ of the platform's GPT in bits (30 when 0), for RMI 2.0 feature reg 1. */
	unsigned gpt_l0gptsz_bits;
};

#define RMM_DEFAULT_SLICE_INSNS 2000000ULL

/* Granule states (DEN0137 RmmGranuleState). */
enum rmm_granule_state {
	RMM_GRANULE_UNDELEGATED = 0,
	RMM_GRANULE_DELEGATED = 1,
	RMM_GRANULE_RD = 2,
	RMM_GRANULE_REC = 3,
	RMM_GRANULE_REC_AUX = 4,
	RMM_GRANULE_DATA = 5,
	RMM_GRANULE_RTT = 6,
	/* RMI 2.0: an object granule in the middle of an SRO create or destroy. */
	RMM_GRANULE_PARTIAL = 7,
	RMM_GRANULE_STATE_COUNT = 8,
};

struct rmm;

/* NULL on an invalid configuration (no banks, unaligned banks, ...). */
struct rmm *rmm_create(const struct rmm_config *cfg, const struct rmm_plat *plat);
void rmm_destroy(struct rmm *rmm);

/*
 * Handles one RMI call issued by the NS host: X0 = FID, X1..X6 arguments;
 * on return X0 = packed return code and X1..X4 outputs. The signature
 * matches smc_rmm_handler_fn so the dispatcher can call it directly.
 */
void rmm_handle_rmi(void *rmm, struct smc_regs *regs);

/* State of the granule at @pa; false if @pa is not managed by the RMM. */
bool rmm_granule_state(const struct rmm *rmm, pa_t pa, enum rmm_granule_state *state);
const char *rmm_granule_state_name(enum rmm_granule_state s);

/*
 * Walks all granules, realms, RTTs and RECs and checks the cross-structure
 * invariants (refcounts equal live children, non-UNDELEGATED granules are
 * Realm PAS, every DATA granule mapped exactly once, DELEGATED granules
 * zero, VMIDs unique). Returns true when all hold; otherwise writes the
 * first violated invariant's name and details to @msg.
 * Thread-safe in debug builds (RMM_DEBUG_CHECKS): it waits until no RMI
 * call is in flight and holds new ones off meanwhile. Release builds do
 * not track calls in flight: call it only when no host thread is in RMI.
 */
bool rmm_check_invariants(struct rmm *rmm, char *msg, size_t msg_len);

/*
 * The same checks as rmm_check_invariants, at a cost proportional to the
 * live objects and to what changed since the previous check: only granules
 * that left UNDELEGATED since the previous check or are not UNDELEGATED
 * are visited; a DELEGATED granule is compared with zero, and an RTT's
 * entries are classified again, only if the RMM mapped the granule since
 * the previous check (or the walk cache holds nothing current for it).
 * Valid only where granule memory of non-UNDELEGATED granules changes
 * through the RMM's own mappings alone (the fuzz platform: no realm code
 * writes memory) and no RMI call runs during the check; a full check
 * (rmm_check_invariants) now and then also covers the rest.
 */
bool rmm_check_invariants_tracked(struct rmm *rmm, char *msg, size_t msg_len);

/*
 * Fuzzing: returns each granule of @pas (the platform's list of granules
 * the last input delegated or wrote) to UNDELEGATED with refcount 0 and
 * frees an RD's VMID, so the RMM is as rmm_create left it when every other
 * granule is UNDELEGATED. Call before the platform restores the memory
 * and the PAS of these granules (RDs are read for their VMID).
 */
void rmm_reset_granules(struct rmm *rmm, const pa_t *pas, size_t n);

/*
 * Digest (FNV-1a) of the RMM's own state: every granule descriptor's state
 * and refcount, the used-chunk and VMID bitmaps, the flags. Objects kept
 * in granule memory (RDs, RECs, RTTs) are the platform's to digest.
 */
uint64_t rmm_state_digest(const struct rmm *rmm);

/*
 * Fuzzing (rmm/src/snapshot.c, docs/fuzzing.md "fuzz_rsi persistence"): a
 * copy of the RMM's own state (descriptors of the live granules, bitmaps,
 * VMIDs, the RMI 2.0 state), and its restore in time proportional to the
 * live granules and @n: @pas lists every granule delegated or written
 * since the snapshot (the platform's dirty list; a granule UNDELEGATED at
 * the snapshot changes only through a GTSI delegation). The platform puts
 * granule memory and the GPT back itself. Single-threaded: no RMI call
 * may run during either call.
 */
struct rmm_snapshot;
struct rmm_snapshot *rmm_snapshot_take(const struct rmm *rmm);
void rmm_snapshot_restore(struct rmm *rmm, const struct rmm_snapshot *s, const pa_t *pas,
			  size_t n);
void rmm_snapshot_free(struct rmm_snapshot *s);

/*
 * Test and debug view of a realm's measurement slot @index (0 = RIM,
 * 1..4 = REM0..3) for the realm whose RD is at @rd: 64 bytes, zero-padded
 * beyond the hash size. False if @rd is not an RD granule or @index > 4.
 * Not an RMI command: DEN0137 gives the host no way to read measurements.
 */
bool rmm_realm_measurement(struct rmm *rmm, pa_t rd, unsigned index, uint8_t out[64]);

/* When true (default in debug builds) rmm_handle_rmi checks invariants after every call and aborts on a violation. */
void rmm_set_invariant_checks(struct rmm *rmm, bool on);

/* RMI ABI the host's calls are decoded with now: 0x10000 (1.0) or 0x20000 (2.0). */
uint64_t rmm_rmi_abi_selected(const struct rmm *rmm);
/* Parses "1.0", "2.0" or "both" (CLI, device tree); false on anything else. */
bool rmm_rmi_abi_parse(const char *s, enum rmm_rmi_abi *out);

/*
 * The attestation keys RSI_ATTESTATION_TOKEN_* sign with (attestation.md):
 * @rak_priv the 48-byte P-384 Realm Attestation Key scalar and @plat_token
 * the platform token as EL3 hands it over; NULL selects the built-in TEST
 * key / a placeholder platform token signed with the TEST IAK
 * (docs/attestation.md). Returns 0 or a negative errno. Until called,
 * TOKEN_INIT fails with RSI_ERROR_UNKNOWN.
 */
int rmm_attest_init(struct rmm *rmm, const uint8_t *rak_priv, const uint8_t *plat_token,
		    size_t plat_len);
void rmm_attest_fini(struct rmm *rmm);

#endif /* RMM_H */
