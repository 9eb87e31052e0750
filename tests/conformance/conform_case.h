/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inside the conformance suite: what a case is, the context it runs in,
 * and the helpers that build states through RMI calls only.
 */
#ifndef CONFORM_CASE_H
#define CONFORM_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "den0137_abi.h"
#include "rmmsim.h"

/*
 * Why a case cannot be built through the public API: a REC is RUNNING only
 * while an RMI_REC_ENTER of it is in progress on another PE. rmmsim_smc is
 * synchronous (rmmsim.h has no callback into the host while a realm runs
 * and documents no concurrent callers) and a realm cannot issue RMI calls
 * (its SMCs go to the RSI/PSCI handlers), so no RMI call can observe it.
 */
#define CONFORM_SKIP_RUNNING \
	"unreachable: REC RUNNING exists only inside RMI_REC_ENTER on another PE; " \
	"rmmsim runs one SMC at a time from one host thread"

struct conform_ctx {
	struct rmmsim *sim;
	pa_t next;          /* next free NS granule (bump allocator) */
	pa_t limit;         /* end of the bank the allocator uses */
	pa_t unbound;       /* a PA that is not delegable (MMIO / outside DRAM) */
	pa_t secure;        /* a Secure PAS granule, 0 if the platform has none */
	uint64_t next_vmid;
	unsigned next_slot; /* next realm_host memory slot for an agent realm */
	bool bulk;          /* skip the invariant checker (long setup loops) */
	unsigned abi;       /* RMI ABI the host negotiated: 1 (1.0) or 2 (2.0) */
	uint64_t fid;       /* FID of the command under test (the generic gate case) */
	const char *command; /* its name */
	/* For index kinds level / level-1 / walk_level: set by the case. */
	unsigned level;
	unsigned walk_level;
	/* Outcome of the call under test. */
	bool called;
	uint64_t got;
	const char *skipped; /* set at run time when the platform cannot build the state */
	bool failed;        /* a setup step or a success check failed */
	char why[256];
};

struct conform_case {
	const char *command;   /* "RMI_DATA_CREATE" */
	const char *label;     /* condition label, "success" or "pair:FIRST>SECOND" */
	void (*fn)(struct conform_ctx *c);
	const char *skip;      /* non-NULL: known-skipped, with this reason */
	bool slow;             /* runs only with --slow (reported as skipped otherwise) */
};

/* Case tables, one per file of cases. */
struct conform_case_set {
	const struct conform_case *cases;
	size_t num;
};
extern const struct conform_case_set conform_cases_granule;
extern const struct conform_case_set conform_cases_realm;
extern const struct conform_case_set conform_cases_rec;
extern const struct conform_case_set conform_cases_data;
extern const struct conform_case_set conform_cases_rtt;
extern const struct conform_case_set conform_cases_ripas;
extern const struct conform_case_set conform_cases_rsi;
/* The 2.0 suite (cases2_*.c; table specs/DEN0137-2.0/conditions.spec). */
extern const struct conform_case_set conform_cases2_boot;
extern const struct conform_case_set conform_cases2_realm;
extern const struct conform_case_set conform_cases2_rec;
extern const struct conform_case_set conform_cases2_map;
extern const struct conform_case_set conform_cases2_sro;

#define CONFORM_SET(name, arr) \
	const struct conform_case_set name = { arr, sizeof(arr) / sizeof((arr)[0]) }

/* ---- failures ---- */
/* Marks the case failed with a message (first message wins). Returns false. */
bool conform_fail(struct conform_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Marks the case skipped at run time (e.g. the platform lacks a region). */
void conform_skip(struct conform_ctx *c, const char *reason);
/* "RMI_ERROR_RTT 2" / "RMI_SUCCESS" / "0x..." for an X0 value. */
void conform_fmt_status(uint64_t x0, char *buf, size_t len);
/* "RSI_ERROR_INPUT" / "RSI_SUCCESS" / "0x..." for an RSI X0 value. */
void conform_fmt_rsi_status(uint64_t x0, char *buf, size_t len);
/* Name of an RMI FID, "?" if unknown. */
const char *conform_fid_name(uint64_t fid);
/* Records a success check: fails the case with @what when !ok. */
bool conform_check(struct conform_ctx *c, bool ok, const char *what);

/* ---- calls ---- */
/*
 * Issues one RMI call as the NS host (X0 = fid, X1..X5 = a[0..4]); @out
 * (may be NULL) receives X0..X17. Runs the invariant checker afterwards.
 */
uint64_t conform_smc(struct conform_ctx *c, uint64_t fid, const uint64_t a[5],
		     struct smc_regs *out);
/* As conform_smc, and the result is the one the case is judged on. */
uint64_t conform_call(struct conform_ctx *c, uint64_t fid, const uint64_t a[5],
		      struct smc_regs *out);
/* A setup call that must succeed (fails the case with @what otherwise). */
bool conform_setup(struct conform_ctx *c, uint64_t fid, const uint64_t a[5],
		   struct smc_regs *out);

/* ---- memory ---- */
pa_t conform_ns_granule(struct conform_ctx *c);          /* fresh, UNDELEGATED, zeroed */
bool conform_delegated(struct conform_ctx *c, pa_t *pa);  /* fresh, DELEGATED */
/* Delegates the granule at @pa as the suite's ABI does (1.0 DELEGATE, 2.0 RANGE_DELEGATE). */
bool conform_delegate_at(struct conform_ctx *c, pa_t pa);
/* @n physically consecutive DELEGATED granules. */
bool conform_delegated_n(struct conform_ctx *c, unsigned n, pa_t *base);
bool conform_ns_put(struct conform_ctx *c, pa_t pa, uint64_t off, uint64_t v, unsigned size);

/* ---- realms ---- */
struct conform_realm {
	/* Geometry and parameters (filled with defaults by conform_realm_cfg). */
	unsigned s2sz;
	int sl;
	unsigned num_start;
	uint64_t flags;
	unsigned hash_algo;
	unsigned num_bps, num_wps;
	uint64_t vmid;
	/* Objects. */
	pa_t rd, rtt_base, params;
};

/* Defaults: s2sz 40, start level 0, one starting RTT, SHA-256, FR0's bps/wps. */
void conform_realm_cfg(struct conform_ctx *c, struct conform_realm *r);
/* Writes RmiRealmParams for @r at r->params (allocated if 0). */
bool conform_realm_params(struct conform_ctx *c, struct conform_realm *r);
/* Delegates rd and rtts and creates the realm (state NEW). */
bool conform_realm_create(struct conform_ctx *c, struct conform_realm *r);
bool conform_realm_new(struct conform_ctx *c, struct conform_realm *r); /* cfg + create */
bool conform_realm_activate(struct conform_ctx *c, struct conform_realm *r);
/* Creates the RTTs covering @ipa down to @level (which exist are skipped). */
bool conform_rtt_to(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa, unsigned level);
/* RTTs to level 3 and DATA_CREATE at @ipa (realm NEW); @data (may be NULL) receives its PA. */
bool conform_data(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa, pa_t *data);
/* RTT_INIT_RIPAS over [ipa, ipa + 4K) after creating RTTs to level 3. */
bool conform_ripas_ram(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa);

struct conform_rec {
	pa_t rec, params;
	pa_t aux[16];
	uint64_t num_aux;
	uint64_t mpidr;
	uint64_t flags;
	uint64_t pc;
};
/* Fills REC params (runnable, mpidr 0, aux delegated) and writes them. */
bool conform_rec_params(struct conform_ctx *c, struct conform_realm *r, struct conform_rec *e);
bool conform_rec_create(struct conform_ctx *c, struct conform_realm *r, struct conform_rec *e);

/* Ways to make an address argument fail its *_align / *_bound / *_state / *_pas check. */
enum conform_bad {
	CONFORM_BAD_ALIGN,      /* +0x800: not 4 KiB aligned */
	CONFORM_BAD_BOUND,      /* not delegable (MMIO / outside DRAM) */
	CONFORM_BAD_DELEGATED,  /* a fresh DELEGATED granule (wrong state for RD/REC, Realm PAS) */
	CONFORM_BAD_NS,         /* a fresh UNDELEGATED granule (wrong state for DELEGATED) */
};
bool conform_bad_addr(struct conform_ctx *c, enum conform_bad bad, uint64_t *addr);

/*
 * A case that builds a valid call with BUILD(c, &s) (s of TYPE has
 * uint64_t a[5]), breaks argument IDX with BAD and issues FID.
 */
#define CONFORM_BAD_CASE(NAME, TYPE, BUILD, FID, IDX, BAD)                      \
	static void NAME(struct conform_ctx *c)                                 \
	{                                                                       \
		TYPE s;                                                         \
		if (BUILD(c, &s) && conform_bad_addr(c, BAD, &s.a[IDX])) {      \
			conform_call(c, FID, s.a, NULL);                        \
		}                                                               \
	}

/* Reads RmiFeatureRegister0 field [shift, shift+width) through RMI_FEATURES. */
uint64_t conform_feat0(struct conform_ctx *c, unsigned shift, unsigned width);
/* A delegable granule at or above 2^48, 0 if the platform has none. */
pa_t conform_high_granule(struct conform_ctx *c);

/* Size mapped by one RTT entry at @level (3 = 4 KiB). */
uint64_t conform_level_size(int level);
/* First unprotected IPA of @r. */
uint64_t conform_unprot(const struct conform_realm *r);

/* Granule states as the adapter reports them (DEN0137 RmmGranuleState order). */
enum conform_gstate {
	CONFORM_G_UNDELEGATED = 0,
	CONFORM_G_DELEGATED = 1,
	CONFORM_G_RD = 2,
	CONFORM_G_REC = 3,
	CONFORM_G_REC_AUX = 4,
	CONFORM_G_DATA = 5,
	CONFORM_G_RTT = 6,
};

/* ---- observation adapter (swap for RTT_READ_ENTRY-only checks) ---- */
int conform_obs_granule_state(struct conform_ctx *c, pa_t pa); /* enum rmm_granule_state value */
bool conform_obs_pas_is_ns(struct conform_ctx *c, pa_t pa);
bool conform_obs_pas_is_realm(struct conform_ctx *c, pa_t pa);
/* Invariant check after a call: false and a message on violation. */
bool conform_obs_invariants(struct conform_ctx *c, char *msg, size_t len);

/* RTT_READ_ENTRY: X1..X4 into out[0..3]; false if it did not succeed. */
bool conform_read_entry(struct conform_ctx *c, struct conform_realm *r, uint64_t ipa,
			unsigned level, uint64_t out[4]);

/* ---- RMI 2.0 (conform_helpers2.c) ---- */
/* RMM_CONFIG_SET(4 KB granule, 1 GiB tracking) then RMM_ACTIVATE (sequences.md A1). */
bool conform2_activate(struct conform_ctx *c);
/* The generic `global` case: the command under test while the RMM is in the wrong state. */
void conform2_gate(struct conform_ctx *c);

/* What an SRO driven to its end (conform2_sro_finish) did. */
struct conform_sro {
	uint64_t handle;        /* X1 of the first INCOMPLETE */
	pa_t donated[64];       /* granules given by OP_MEM_DONATE, in order */
	unsigned num_donated;
	pa_t reclaimed[64];     /* granules returned by OP_MEM_RECLAIM */
	unsigned num_reclaimed;
	unsigned steps;         /* OP_* calls issued */
	uint64_t last_x1;       /* X1 of the final reply */
};
/*
 * Drives an SRO whose initiating call returned @x0 / @first (sequences.md A
 * "memxfer loop"): DONATE with fresh granules of the requested state,
 * RECLAIM into an NS list, NONE with OP_CONTINUE(KEEP_GOING), until X0 is
 * not INCOMPLETE. Returns that X0; with @judge it is the case's result.
 */
uint64_t conform2_sro_finish(struct conform_ctx *c, uint64_t x0, const struct smc_regs *first,
			     struct conform_sro *s, bool judge);
/* An RmiAddrRangeDesc of @count 4 KiB granules at @pa in state @st (0 DELEGATED). */
uint64_t conform2_desc(pa_t pa, unsigned count, unsigned st);
/* Issues REC_CREATE for @e (params written) and drives the SRO; the final X0. */
uint64_t conform2_rec_create_x0(struct conform_ctx *c, struct conform_realm *r,
				struct conform_rec *e, struct conform_sro *s, bool judge);
/* REC_DESTROY of @rec as the suite's ABI does it (2.0: the SRO driven to its end); final X0. */
uint64_t conform_rec_destroy_x0(struct conform_ctx *c, pa_t rec);
/* REALM_TERMINATE (realm -> ZOMBIE). */
bool conform2_terminate(struct conform_ctx *c, struct conform_realm *r);
/* Starts a REC_CREATE and leaves its SRO SEALED: *handle receives the handle. */
bool conform2_sro_open(struct conform_ctx *c, struct conform_realm *r, uint64_t *handle);
/* Fills every SRO context (REC_CREATEs left sealed) so the next reservation is BLOCKED. */
bool conform2_sro_fill(struct conform_ctx *c, struct conform_realm *r);

#endif /* CONFORM_CASE_H */
