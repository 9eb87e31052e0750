/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI fuzz harness (docs/fuzzing.md): one input = a sequence of RMI
 * calls issued by an NS host to a fresh RMM on the fuzz platform
 * (fz_plat.c). The decoder (fz_exec.c) turns bytes into calls whose
 * arguments come partly from the input and partly from the objects alive
 * so far (fz_model.c); after every call the RMM's invariant checker and a
 * conservative spec oracle (fz_oracle.c) judge the result, and any finding
 * aborts with the call printed in the RMI log format.
 */
#ifndef FUZZ_RMI_H
#define FUZZ_RMI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gpt.h"
#include "rmm.h"
#include "rmmsim_types.h"

/*
 * Memory map of the fuzz platform (fz_plat.c): the bases of the unit
 * tests' fake (tests/fake/fake_plat.h) with smaller banks, since
 * rmm_create's granule array is most of the per-input cost. PA size 48.
 */
#define FZ_BANK0_BASE 0x80000000ULL
#define FZ_BANK1_BASE 0x90000000ULL
#define FZ_BANK0_SIZE (2ULL << 20)
#define FZ_BANK1_SIZE (1ULL << 20)
#define FZ_SECURE_IN_BANK (FZ_BANK1_BASE + FZ_BANK1_SIZE - 0x10000ULL)
#define FZ_SECURE_IN_BANK_SIZE 0x10000ULL
#define FZ_SECURE_BASE 0xA0000000ULL
#define FZ_SECURE_SIZE (1ULL << 20)
#define FZ_MMIO_BASE 0x10000000ULL
#define FZ_MMIO_SIZE (1ULL << 20)
#define FZ_PA_BITS 48U
#define FZ_GPT_PPS_BITS 40U

/* Pool of granules the harness delegates and hands out (top half of bank 0). */
#define FZ_BANK0_GRANULES ((unsigned)(FZ_BANK0_SIZE / GRANULE_SIZE))
#define FZ_NUM_GRANULES ((unsigned)((FZ_BANK0_SIZE + FZ_BANK1_SIZE) / GRANULE_SIZE))
#define FZ_POOL 192U
#define FZ_POOL_BASE (FZ_BANK0_BASE + FZ_BANK0_SIZE / 2U)
/* NS buffers the host fills in (RealmParams, RecParams, RecRun, DATA source). */
#define FZ_NS_BASE FZ_BANK0_BASE
#define FZ_NS_COUNT 8U
#define FZ_NS_REALM_PARAMS 0U
#define FZ_NS_REC_PARAMS 1U
#define FZ_NS_REC_RUN 2U
#define FZ_NS_SRC 3U

#define FZ_MAX_REALMS 8U
#define FZ_MAX_RTTS 48U
#define FZ_MAX_DATA 32U
#define FZ_MAX_NS 16U
#define FZ_MAX_RECS 12U
#define FZ_MAX_AUX 16U
#define FZ_MAX_CALLS 512U   /* per input, macros included */
#define FZ_HISTORY 16U      /* calls printed on a finding */

/* The platform: GPT, bank memory and RMM for the whole process, reset after every input. */
struct fz_plat {
	struct gpt *gpt;
	uint8_t *bank[2];
	struct rmm_config cfg;
	struct rmm_plat plat;
	struct rmm *rmm;
	uint8_t dirty[FZ_NUM_GRANULES]; /* bit0 written, bit1 moved by GTSI */
	uint32_t dirty_list[FZ_NUM_GRANULES];
	unsigned ndirty;
};

/* The process's platform (created on first use), restored by the last fzp_end. */
struct fz_plat *fzp_begin(void);
/* Resets the RMM's descriptors and restores the GPT and the memory the input changed. */
void fzp_end(struct fz_plat *p);
/* A new platform and RMM, as the first fzp_begin makes them (tests); fzp_free frees one. */
struct fz_plat *fzp_create_fresh(void);
void fzp_free(struct fz_plat *p);
/* Digest of the RMM's state, the PAS and the memory of every bank granule (reset test). */
uint64_t fzp_digest(struct fz_plat *p);
/* Host pointer to bank memory at @pa, NULL elsewhere. */
uint8_t *fzp_mem(struct fz_plat *p, pa_t pa);
/* A host (NS world) write: fails unless within one granule of NS PAS. */
bool fzp_ns_write(struct fz_plat *p, pa_t pa, const void *src, size_t len);
/* RmiFeatureRegister0 the platform reports. */
uint64_t fzp_feat_reg0(void);

struct fz_rtt {
	ipa_t ipa;   /* base of the IPA range the RTT maps */
	int level;   /* level of the RTT itself */
	pa_t pa;
};

struct fz_realm {
	bool live;
	bool active;
	/* Folds, block/NS mappings or RIPAS changes: the oracle stops predicting RTT results. */
	bool complex;
	pa_t rd;
	unsigned s2sz;
	int sl;
	unsigned nstart;
	pa_t rtt_base;
	unsigned nrecs;    /* live RECs */
	unsigned next_rec; /* index of the next REC (REC_CREATE mpidr_index) */
	unsigned aux_count;
	unsigned vmid;
	struct fz_rtt rtt[FZ_MAX_RTTS];
	unsigned nrtt;
	struct {
		ipa_t ipa;
		pa_t pa;
	} data[FZ_MAX_DATA];
	unsigned ndata;
	ipa_t ns_ipa[FZ_MAX_NS];
	int ns_level[FZ_MAX_NS];
	unsigned nns;
};

struct fz_rec {
	bool live;
	pa_t pa;
	unsigned realm;
	pa_t aux[FZ_MAX_AUX];
	unsigned naux;
	bool runnable;
};

struct fz_call_rec {
	struct smc_regs in;
	struct smc_regs out;
	uint64_t abi; /* RMI ABI after the call (rmm_rmi_abi_selected), for the log names */
};

/* Deepest states reached, over every input of the process. */
struct fz_stats {
	uint64_t inputs;
	uint64_t calls;
	uint64_t status[6]; /* SUCCESS..ERROR_RTT, other */
	uint64_t predicted;
	unsigned max_realms_active;
	int max_rtt_level;
	unsigned max_recs;
	unsigned max_data;
	uint64_t rec_enters_ok;
};

struct fz {
	struct fz_plat *f;
	const uint8_t *p; /* input cursor */
	size_t n;
	FILE *log;        /* reproducer: one RMI log line per call */
	unsigned ncalls;
	uint8_t gm[FZ_NUM_GRANULES];      /* model: enum rmm_granule_state */
	uint8_t touched[FZ_NUM_GRANULES / 8U];
	uint32_t touched_list[FZ_NUM_GRANULES];
	unsigned ntouched;
	unsigned pool_hint; /* no UNDELEGATED pool granule below this index */
	struct fz_realm realm[FZ_MAX_REALMS];
	struct fz_rec rec[FZ_MAX_RECS];
	bool psci_seen; /* realm code ran (an exit other than IRQ/FIQ): PSCI/RIPAS state unknown */
	/* A realm or REC was created while its table was full: the model is incomplete. */
	bool lost_realm;
	/*
	 * FUZZ_RMI_FAST (default 0: the invariant checker after every call).
	 * The checker is O(RTT entries) and dominates the cost, so:
	 * 1 skips it after the macros' own helper DELEGATE calls (still after
	 * every call the input chooses); 2 runs it only at the end of each
	 * input. The oracle and the granule model run after every call always.
	 */
	unsigned fast;
	/*
	 * FUZZ_RMI_PES=2: the input is two call streams, one per host PE,
	 * interleaved by its first byte (fz_exec.c fz_run_two_pes); pe = the
	 * PE issuing the current call. Each PE has its own RmiRecRun page.
	 */
	unsigned pe;
	bool helper;
	/*
	 * RMI 2.0 input (first byte FZ_ABI2_SELECTOR, fz_v2.c): the 1.0 oracle
	 * and granule model are not applied; the invariant checker is.
	 */
	bool v2;
	struct fz_call_rec hist[FZ_HISTORY];
	unsigned nhist;
};

extern struct fz_stats fz_stats;
extern unsigned fz_fast; /* FUZZ_RMI_FAST, see struct fz */
extern unsigned fz_pes;  /* FUZZ_RMI_PES: 1 (default) or 2 host PEs, see struct fz */
/* NS buffer index of the RmiRecRun page of the PE issuing the current call. */
#define FZ_NS_REC_RUN_OF(z) (FZ_NS_REC_RUN + 4U * (z)->pe)
/* Reads FUZZ_RMI_FAST and FUZZ_RMI_PES from the environment into fz_fast, fz_pes. */
void fz_read_env(void);

/* Called by fz_run after the end-of-input checks, before the platform is reset (tests). */
extern void (*fz_before_reset)(struct fz_plat *p);
/* Runs one input; returns 0 (findings abort). @log may be NULL. */
int fz_run(const uint8_t *data, size_t size, FILE *log);
/* Prints the deepest states reached (fz_stats) to @out. */
void fz_print_stats(FILE *out);

/*
 * ABI selector: an input starting with this byte is an RMI 2.0 input
 * (the byte is consumed; fz_v2.c decodes the rest). Any other first byte:
 * a 1.0 input, decoded as before (the byte is its first opcode).
 */
#define FZ_ABI2_SELECTOR 0xA2U
/* Decodes and runs the rest of a 2.0 input (fz_v2.c). */
void fz_v2_run(struct fz *z);

/* --- input decoding (fz_exec.c) --- */
uint8_t fz_u8(struct fz *z);
uint64_t fz_u64(struct fz *z);

/* --- model (fz_model.c) --- */
void fz_model_reset(struct fz *z);
/* Index of @pa's granule in gm[], -1 when not RMM-managed memory. */
int fz_gidx(pa_t pa);
/* Model state of @pa, RMM_GRANULE_STATE_COUNT when unmanaged. */
enum rmm_granule_state fz_gstate(const struct fz *z, pa_t pa);
void fz_gset(struct fz *z, pa_t pa, enum rmm_granule_state s);
void fz_touch(struct fz *z, pa_t pa);
/* Compares the model with the RMM for every granule touched so far; aborts on a mismatch. */
void fz_model_check(struct fz *z, const char *when);
/* Records the result of a call: model and tracking updates. */
void fz_model_update(struct fz *z, const struct smc_regs *in, const struct smc_regs *out,
		     const uint8_t *params);
struct fz_realm *fz_realm_by_rd(struct fz *z, pa_t rd);
struct fz_rec *fz_rec_by_pa(struct fz *z, pa_t pa);
/* A delegated pool granule (delegating one if needed through RMI); 0 if none. */
pa_t fz_get_delegated(struct fz *z);
/* Address pickers driven by the input. */
pa_t fz_pick_addr(struct fz *z, enum rmm_granule_state want);
struct fz_realm *fz_pick_realm(struct fz *z);
pa_t fz_pick_rd(struct fz *z);
pa_t fz_pick_rec(struct fz *z);
int fz_pick_level(struct fz *z, const struct fz_realm *r);
ipa_t fz_pick_ipa(struct fz *z, const struct fz_realm *r, int level, bool prot);
/* Size mapped by one RTT entry at @level. */
uint64_t fz_level_size(int level);
void fz_update_stats(struct fz *z);
/* RecExit.exit_reason in the NS RecRun at @run, 0xFF if not readable. */
unsigned fz_mem_exit_reason(struct fz *z, pa_t run);
/* One RMI call with every check (invariants, oracle, model); returns the result registers. */
struct smc_regs fz_call(struct fz *z, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			uint64_t a4, uint64_t a5);
/* Macro opcodes (fz_macro.c): build common structures in one step. */
void fz_macro_realm(struct fz *z);
void fz_macro_rtts(struct fz *z);
void fz_macro_data(struct fz *z);
void fz_macro_rec(struct fz *z);
void fz_macro_activate(struct fz *z);
void fz_macro_enter(struct fz *z);
void fz_macro_init_ripas(struct fz *z);
void fz_macro_teardown(struct fz *z);
void fz_macro_map_ns(struct fz *z);
void fz_macro_write_ns(struct fz *z);
/* Delegates @n consecutive pool granules; returns the first, 0 if the pool is exhausted. */
pa_t fz_get_delegated_run(struct fz *z, unsigned n);

/* --- oracle (fz_oracle.c) --- */
#define FZ_NO_PREDICTION UINT64_MAX
void fz_oracle_init(void);
/* Expected X0 of the call, FZ_NO_PREDICTION when not certain. */
uint64_t fz_oracle_predict(struct fz *z, const struct smc_regs *in, const uint8_t *params);
/* Output registers that must hold on success (FEATURES, READ_ENTRY...); NULL if fine, else why. */
const char *fz_oracle_outputs(struct fz *z, const struct smc_regs *in, const struct smc_regs *out);

/* --- reporting --- */
/* Prints the recent calls and @why, then aborts. */
__attribute__((noreturn)) void fz_finding(struct fz *z, const char *why);
/* One RMI log line; @abi (rmm_rmi_abi_selected) picks the 1.0 or 2.0 names. */
void fz_log_call(FILE *fp, uint64_t abi, const struct smc_regs *in, const struct smc_regs *res);

#endif /* FUZZ_RMI_H */
