/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The simulated platform, private to sim/: the parsed platform description,
 * the physical memory (one memfd holding every DRAM bank back to back), and
 * the EL3 wiring (gpt + smc_dispatcher + rmm with the struct rmm_plat that
 * reaches them). The native API (rmmsim.h) and the CPU code (sim/src/cpu)
 * build on it: the CPU maps plat->dram / plat->nv with uc_mem_map_ptr and
 * calls smc_dispatch(&plat->el3, ...) on `smc #0`.
 *
 * struct rmmsim, opaque in rmmsim.h, is defined here: a struct rmmsim * is
 * the platform.
 */
#ifndef SIM_PLATFORM_H
#define SIM_PLATFORM_H

#include "rmmsim_stripe.h"
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gpt.h"
#include "rmm.h"
#include "rmmsim.h"
#include "rmmsim_types.h"
#include "smc_dispatch.h"

#define PLAT_NAME_LEN 64U
#define PLAT_MAX_DEVICES 32U
#define PLAT_MAX_DEV_REGS 4U
#define PLAT_MAX_SECURE 8U
#define PLAT_MAX_COSTS 64U
#define PLAT_ERR_LEN 512U
#define PLAT_MAX_CPUS 8U          /* host PEs (GIC_MAX_PE) */

/* A physical address range [base, base + size). */
struct plat_region {
	pa_t base;
	uint64_t size;
};

/* Device kinds recognised by their first matching `compatible` string. */
enum plat_dev_kind {
	PLAT_DEV_OTHER = 0,   /* any other node with compatible + reg: GPI ANY, not modelled */
	PLAT_DEV_PL011 = 1,   /* "arm,pl011" */
	PLAT_DEV_GICV3 = 2,   /* "arm,gic-v3": reg[0] distributor, reg[1] redistributors */
	PLAT_DEV_SP805 = 3,   /* "arm,sp805" */
	PLAT_DEV_NVRAM = 4,   /* "cfi-flash" or "rmmsim,nvram": memory-backed, reads 0xFF at reset */
	PLAT_DEV_SBSA_GWDT = 5, /* "arm,sbsa-gwdt": reg[0] refresh frame, reg[1] control frame */
};

#define PLAT_MAX_DEV_IRQS 4U

struct plat_device {
	char name[PLAT_NAME_LEN];       /* full node path, e.g. "/uart@1c090000" */
	char compatible[PLAT_NAME_LEN]; /* first compatible string */
	enum plat_dev_kind kind;
	struct plat_region reg[PLAT_MAX_DEV_REGS];
	unsigned num_reg;
	/* `interrupts` (3 cells: SPI/PPI, number, flags) as GIC INTIDs; 0 entries = none. */
	unsigned irq[PLAT_MAX_DEV_IRQS];
	unsigned num_irq;
	uint32_t clock_hz;              /* `clock-frequency`, 0 = absent */
};

/* The arm,armv8-timer node: PPIs as INTIDs (0 = absent) and the counter rate. */
struct plat_timer {
	bool present;
	unsigned ppi_sec, ppi_ns, ppi_virt, ppi_hyp;
	uint64_t freq;                  /* clock-frequency, 0 = absent */
};

/* One named cycle cost of /rmmsim/costs (u32 or u64 property). */
struct plat_cost {
	char name[PLAT_NAME_LEN];
	uint64_t value;
};

/*
 * What the RMM reports in RmiFeatureRegister0 (structures.md §4), as the
 * device tree gives it: counts, not register encodings (see docs/platform.md).
 */
struct plat_rmm_features {
	unsigned s2sz;            /* max IPA width, bits */
	bool lpa2;
	unsigned sve_vl;          /* max SVE vector length in bits; 0 = SVE not supported */
	unsigned num_bps;         /* number of breakpoints (2..64) */
	unsigned num_wps;         /* number of watchpoints (2..64) */
	unsigned pmu_num_ctrs;    /* 0 = PMU not supported */
	bool hash_sha256;
	bool hash_sha512;
	unsigned gicv3_num_lrs;   /* number of list registers (1..16) */
	unsigned max_recs_order;  /* 0..15 */
	unsigned vmid_bits;       /* 8 or 16 */
};

/* /rmmsim/attestation (optional): keys and platform token (docs/attestation.md). */
#define PLAT_PLAT_TOKEN_MAX 4096U
struct plat_attest {
	bool has_rak;
	uint8_t rak[48];                       /* rak-private: P-384 scalar, big-endian */
	uint8_t plat_token[PLAT_PLAT_TOKEN_MAX]; /* platform-token: bytes as EL3 gives them */
	size_t plat_token_len;
};

/* The platform as described by its device tree. */
struct plat_desc {
	struct plat_region banks[RMM_MAX_BANKS];
	char bank_names[RMM_MAX_BANKS][PLAT_NAME_LEN];
	unsigned num_banks;
	struct plat_device devices[PLAT_MAX_DEVICES];
	unsigned num_devices;
	struct plat_region secure[PLAT_MAX_SECURE];
	char secure_names[PLAT_MAX_SECURE][PLAT_NAME_LEN];
	unsigned num_secure;
	unsigned pa_bits;
	struct plat_rmm_features rmm;
	uint64_t feat_reg0;          /* composed from .rmm */
	struct gpt_config gpt;
	struct plat_cost costs[PLAT_MAX_COSTS];
	unsigned num_costs;
	struct plat_attest attest;
	uint64_t rec_slice_insns;    /* /rmmsim/realm-slice-insns, 0 = RMM default */
	bool has_rmi_abi;            /* /rmmsim rmi-abi given (else "both") */
	enum rmm_rmi_abi rmi_abi;
	struct plat_timer timer;     /* arm,armv8-timer */
	unsigned pmu_ppi;            /* arm,armv8-pmuv3 interrupt INTID, 0 = no node */
	/* issue 13: /cpus/cpu@* reg (MPIDR affinity fields), device-tree order; 0 = none. */
	uint64_t cpu_mpidr[PLAT_MAX_CPUS];
	unsigned num_cpus;
};

/*
 * Loads a description: @path NULL = the built-in default (sim/dts/
 * fvp-base-revc.dts, embedded at build time); a .dts is compiled with dtc;
 * anything else must be a DTB. Returns 0, or -1 with one message naming the
 * file and node in @err.
 */
int plat_desc_load(const char *path, struct plat_desc *d, char *err, size_t err_len);
/* Parses and checks a DTB already in memory; @file names it in messages. */
int plat_desc_parse(const void *dtb, size_t dtb_len, const char *file, struct plat_desc *d,
		    char *err, size_t err_len);
/* RmiFeatureRegister0 from the feature values (structures.md §4). */
uint64_t plat_feat_reg0(const struct plat_rmm_features *f);
/* Value of the cost named @name in /rmmsim/costs, or @dflt when absent. */
uint64_t plat_desc_cost(const struct plat_desc *d, const char *name, uint64_t dflt);

/* The built-in default DTB (generated from sim/dts/fvp-base-revc.dts). */
extern const unsigned char plat_default_dtb[];
extern const size_t plat_default_dtb_len;

/* Observer of every SMC the EL3 dispatcher handled (after the RMI log). */
typedef void (*plat_smc_hook_fn)(void *ctx, enum smc_caller caller, const struct smc_regs *in,
				 const struct smc_regs *out);
/* Forwarded rmm_plat.account events (the cycle model). */
typedef void (*plat_cost_hook_fn)(void *ctx, enum rmm_cost ev, uint64_t n);
/* Forwarded rmm_plat.s2_changed events (realm stage-2 views, code caches). */
typedef void (*plat_s2_hook_fn)(void *ctx, uint16_t vmid, ipa_t base, uint64_t size);
/* Observer of every realm time slice the PE ran (trace, cycle model). */
typedef void (*plat_realm_hook_fn)(void *ctx, uint16_t vmid, const struct rmm_vcpu_regs *regs,
				   const struct rmm_vcpu_run *run);
struct plat_realm;

#define PLAT_PAS_STRIPES 64U
/*
 * The system counter as a realm run sees it (issue 12): @count now,
 * CNTFRQ, the clock and the cycle model's CPI (instructions to ticks), and
 * the count at which a host interrupt is due (0: one is signalled already,
 * UINT64_MAX: none).
 */
struct plat_time {
	uint64_t count, cntfrq, clock_hz, cpi_milli, host_deadline;
	/* --realtime: the host-time counter the realm reads (NULL: by instructions). */
	uint64_t (*now)(void *ctx);
	void *now_ctx;
};

#define PLAT_COST_STRIPES RMMSIM_STRIPES
struct plat_cost_stripe {
	uint64_t n[RMM_COST_COUNT];
} __attribute__((aligned(RMMSIM_CACHE_LINE)));

struct rmmsim {
	struct plat_desc desc;
	uint64_t pas_epoch;               /* successful GTSI DELEGATEs, warm resets (host CPU revocation) */
	/*
	 * A world access (plat_world_read/write: GPC check, then the copy)
	 * holds the stripes of its granules shared; a GTSI transition holds
	 * its granule's stripe exclusive while the GPT changes. So no access
	 * that passed the check is still copying when the PAS has changed,
	 * as a GPT update's TLBI + DSB waits for accesses in flight on
	 * hardware (host threads calling the native API at once).
	 * A word each (plat_pas_lock.h): 0 free, PLAT_PAS_WRITER held
	 * exclusive, else the number of shared holders; all-zero is free.
	 */
	uint32_t pas_stripe[PLAT_PAS_STRIPES];

	/* Physical memory: every DRAM bank back to back in one memfd. */
	int mem_fd;                       /* memfd; realm stage-2 views mmap it */
	unsigned char *dram;              /* MAP_SHARED view of the whole memfd */
	uint64_t dram_size;               /* sum of the bank sizes */
	uint64_t bank_offset[RMM_MAX_BANKS]; /* memfd offset of desc.banks[i] */
	/* Non-volatile flash (first PLAT_DEV_NVRAM device; NULL if none), 0xFF at reset. */
	unsigned char *nv;
	struct plat_region nv_region;

	/*
	 * EL3 and the RMM. el3.cfg.rmi = rmm_handle_rmi, rmm_ctx = rmm; the
	 * realm-execution code sets el3.cfg.realm (RSI) after rmmsim_create().
	 */
	struct gpt *gpt;
	struct smc_dispatcher el3;
	struct rmm *rmm;
	struct rmm_plat rmm_plat;

	/* Observers (all optional). */
	FILE *rmi_log;                    /* RMI calls from NS in TF-RMM's log format */
	plat_smc_hook_fn smc_hook;        /* set with plat_set_smc_hook() only */
	void *smc_hook_ctx;
	plat_cost_hook_fn cost_hook;
	void *cost_hook_ctx;
	plat_s2_hook_fn s2_hook;
	void *s2_hook_ctx;
	plat_realm_hook_fn realm_hook;
	void *realm_hook_ctx;
	rmmsim_token_fn token_fn;         /* RMMSIM_SIP_TOKEN consumer */
	void *token_ctx;
	/* Realm execution: one realm CPU engine per live VMID (plat_realm.c). */
	struct plat_realm *realm;
	/*
	 * Events the RMM charged, per enum rmm_cost (read by the cycle model
	 * through plat_cost_count). Host threads charge at once (issue 13):
	 * one cache line per stripe, a thread keeps to its own, so counting
	 * does not bounce one line between cores (bench_rmi_threads).
	 */
	struct plat_cost_stripe cost_stripe[PLAT_COST_STRIPES];
	/*
	 * The host's time base for realm runs (issue 12; NULL = realm timers
	 * are Unicorn's): the count now, the rates, the next host interrupt.
	 */
	void (*time_fn)(void *ctx, struct plat_time *t);
	void *time_ctx;
	/* Warm resets (plat_warm_reset) and the Realm granules they scrubbed. */
	uint64_t resets, scrubbed_granules;
	/* Snapshot and dirty-granule log (plat_snap.c); NULL = off, the usual case. */
	struct plat_snap *snap;
};

/*
 * Snapshot and rewind, for fuzzing (plat_snap.c, docs/fuzzing.md "fuzz_rsi
 * persistence"). plat_snap_init before any realm runs (the realm engines
 * then keep a shadow of their stage 2); plat_snap_take records the state
 * to come back to; plat_snap_rewind puts the platform back (DRAM, GPT,
 * RMM, realm engines, EL3 PSCI) in time proportional to the granules
 * noted since: 0, or -1 when something could not be undone (then only
 * rmmsim_destroy is safe). Single-threaded, native API only (a host CPU's
 * stores are not noted). Costs nothing while off: plat_snap_note is one
 * test of p->snap.
 */
int plat_snap_init(struct rmmsim *p, char *err, size_t err_len);
int plat_snap_take(struct rmmsim *p, char *err, size_t err_len);
int plat_snap_rewind(struct rmmsim *p);
void plat_snap_fini(struct rmmsim *p);
/* A change the log cannot undo happened (the next rewind fails). */
void plat_snap_unrestorable(struct rmmsim *p);
void plat_snap_touch(struct rmmsim *p, pa_t pa);
/* The granule @pa (and its GPI) is about to change. */
static inline void plat_snap_note(struct rmmsim *p, pa_t pa)
{
	if (p->snap != NULL) {
		plat_snap_touch(p, pa);
	}
}
struct plat_snap_stats {
	uint64_t rewinds;
	uint64_t dirty;    /* granules noted, summed over rewinds */
	uint64_t restored; /* ... whose bytes had changed */
	uint64_t saved;    /* distinct granules copied since the snapshot */
};
void plat_snap_get_stats(const struct rmmsim *p, struct plat_snap_stats *out);

/*
 * Platform warm reset: every Realm PAS granule zeroed and returned to NS,
 * a fresh RMM (no realm survives); DRAM and flash otherwise kept. 0, or -1
 * with one message in @err.
 */
int plat_warm_reset(struct rmmsim *p, char *err, size_t err_len);

/* The @nth (0-based) device of @kind in device-tree order, or NULL. */
const struct plat_device *plat_device_find(const struct plat_desc *d, enum plat_dev_kind kind,
					   unsigned nth);

/* Host pointer of @pa if [pa, pa + len) lies in one DRAM bank or the NV region; else NULL. */
void *plat_pa_to_host(const struct rmmsim *p, pa_t pa, uint64_t len);
/* Offset of @pa in the memfd if it is DRAM, else -1. */
int64_t plat_pa_to_memfd_offset(const struct rmmsim *p, pa_t pa);

/*
 * Accesses as @world, each granule GPC-checked (gpt_check == GPT_PASS) and
 * backed by memory; may span granules. False (nothing copied) otherwise.
 */
bool plat_world_read(struct rmmsim *p, enum rmmsim_world world, pa_t pa, void *dst, size_t len);
bool plat_world_write(struct rmmsim *p, enum rmmsim_world world, pa_t pa, const void *src,
		      size_t len);

/* Physical memory setup/teardown (plat_mem.c). */
/*
 * Sets the observer of every SMC (NULL: none). The EL3 dispatcher only
 * snapshots an SMC's input registers while someone observes (this hook or
 * the RMI log), so the hook is set here, not by writing the field.
 */
void plat_set_smc_hook(struct rmmsim *p, plat_smc_hook_fn fn, void *ctx);

int plat_mem_init(struct rmmsim *p, char *err, size_t err_len);
void plat_mem_fini(struct rmmsim *p);

/*
 * Formats one RMI call (in: X0 = FID, X1.. = arguments; out: results) as
 * TF-RMM's rmi_log_on_exit does, without the newline:
 * "SMC_RMI_GRANULE_DELEGATE     88300000 > RMI_SUCCESS". The name is
 * padded to 21 characters after "SMC_RMI_" as in the reference RMM.
 * Returns the length snprintf would have produced (truncates to @len).
 */
int rmi_log_format(char *buf, size_t len, const struct smc_regs *in, const struct smc_regs *out);
/* "GRANULE_DELEGATE" for an RMI FID, NULL for an unallocated one. */
const char *rmi_log_name(uint64_t fid);
/*
 * The same for the RMI ABI @abi (rmm_rmi_abi_selected: 0x10000 or
 * 0x20000): 2.0 names, counts and status codes (den0137-2.0 abi.md) when
 * its major is 2. rmi_log_format() is rmi_log_format_abi(.., 0x10000, ..).
 */
int rmi_log_format_abi(char *buf, size_t len, uint64_t abi, const struct smc_regs *in,
		       const struct smc_regs *out);
const char *rmi_log_name_abi(uint64_t abi, uint64_t fid);

/* The events of kind @ev the RMM charged so far, over every host thread. */
uint64_t plat_cost_count(const struct rmmsim *p, enum rmm_cost ev);
/*
 * The events the RMM charged so far on the calling thread's stripe: what
 * an SMC of this thread adds to them is its own calls' cost (the cycle
 * model's before/after delta, sim/src/cpu/smc.c), read from one cache line
 * instead of every stripe. Threads beyond PLAT_COST_STRIPES share stripes,
 * so with more host threads the delta may include another's events.
 */
void plat_cost_counts_of_thread(const struct rmmsim *p, uint64_t counts[RMM_COST_COUNT]);

#endif /* SIM_PLATFORM_H */
