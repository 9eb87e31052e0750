/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_host: a small native host driver for realm payloads, on the rmmsim
 * API. It builds a realm from an ELF or flat image (delegate, REALM_CREATE,
 * RTTs, INIT_RIPAS, measured DATA_CREATE of the image pages, REC_CREATE x N,
 * ACTIVATE), runs it with RMI_REC_ENTER handling every exit
 * (psci-and-exits.md §3), records what happened for tests, and tears it
 * down again. Host-call services: tests/realm/sdk/realm_hostcall.h.
 */
#ifndef REALM_HOST_H
#define REALM_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rmmsim.h"

#define RH_MAX_RECS 8U
#define RH_MAX_SLOTS 4U
#define RH_MAX_AUX 16U
#define RH_MAX_RTTS 64U
#define RH_MAX_DATA 1600U
#define RH_MAX_EVENTS 64U
#define RH_CONSOLE_SIZE 16384U
#define RH_TOKEN_SIZE 16384U
#define RH_NUM_EXIT_REASONS 7U

struct rh_config {
	unsigned ipa_bits;        /* s2sz; 0 = 32 (start level 1, one root RTT) */
	unsigned num_recs;        /* 0 = 1; REC 0 RUNNABLE, the others NOT_RUNNABLE */
	unsigned hash_algo;       /* RMI_HASH_SHA_256 (0) or RMI_HASH_SHA_512 (1) */
	unsigned vmid;            /* 0 = 1 */
	ipa_t flat_load_ipa;      /* flat images: 0 = RH_LOAD_IPA */
	unsigned max_idle_exits;  /* IRQ exits in a row before giving up; 0 = 4096 */
	unsigned max_exits;       /* all exits; 0 = 100000 */
	FILE *console_echo;       /* copy of the realm console, or NULL */
	uint64_t rec_gprs[8];     /* RmiRecParams.gprs: X0..X7 of every REC at start */
	unsigned slot;            /* < RH_MAX_SLOTS: memory of this realm when several share a platform */
	bool all_runnable;        /* every REC RUNNABLE at REC_CREATE (concurrent REC_ENTER tests) */
	unsigned rmi_abi;         /* 0 or 1: the host speaks RMI 1.0; 2: RMI 2.0 (rh_v2.c) */
	unsigned pmu_num_ctrs;    /* > 0: RmiRealmParams.flags.pmu with this many counters */
};

enum rh_stop {
	RH_STOP_NONE = 0,
	RH_STOP_SYSTEM_OFF,   /* the realm called SYSTEM_OFF (or SYSTEM_RESET) */
	RH_STOP_ALL_OFF,      /* every REC did CPU_OFF */
	RH_STOP_NO_PROGRESS,  /* max_idle_exits IRQ exits in a row */
	RH_STOP_EXIT_LIMIT,   /* max_exits reached */
	RH_STOP_ERROR,        /* an RMI call failed or an exit could not be handled */
};

struct rh_psci_event {
	uint64_t fid;
	unsigned caller;      /* REC index */
	uint64_t target;      /* MPIDR argument (CPU_ON, AFFINITY_INFO) */
	int64_t status;       /* what RMI_PSCI_COMPLETE was given */
};

struct rh_report {
	uint64_t key;
	unsigned count;
	uint64_t vals[8];
};

struct rh_mmio_event {
	ipa_t ipa;
	bool write;
	unsigned size;        /* bytes */
	uint64_t value;       /* written, or returned to the realm */
};

struct rh_ripas_event {
	ipa_t base, top;
	unsigned ripas;
	ipa_t done;           /* how far RMI_RTT_SET_RIPAS got */
};

struct rh_results {
	char console[RH_CONSOLE_SIZE];
	size_t console_len;
	uint8_t token[RH_TOKEN_SIZE];
	size_t token_len;         /* bytes received */
	size_t token_total;       /* length the realm announced */
	unsigned exits[RH_NUM_EXIT_REASONS];
	unsigned rec_enters;
	unsigned demand_faults;   /* protected RAM pages populated on a fault */
	struct rh_psci_event psci[RH_MAX_EVENTS];
	size_t num_psci;
	struct rh_report reports[RH_MAX_EVENTS];
	size_t num_reports;
	struct rh_mmio_event mmio[RH_MAX_EVENTS];
	size_t num_mmio;
	struct rh_ripas_event ripas[RH_MAX_EVENTS];
	size_t num_ripas;
	bool exited;              /* host call RH_HC_EXIT seen */
	int64_t exit_status;
	enum rh_stop stop;
	char error[256];
};

struct rh_rtt {
	ipa_t ipa;
	int level;
	pa_t pa;
};

struct rh_data {
	ipa_t ipa;
	pa_t pa;
};

struct rh_rec {
	pa_t pa;
	pa_t aux[RH_MAX_AUX];
	pa_t run;                 /* its NS RmiRecRun page */
	uint64_t mpidr;
	bool on;                  /* host's view: runnable */
	uint64_t enter_flags;     /* for the next REC_ENTER */
	uint64_t enter_gprs[31];
	unsigned num_enter_gprs;
};

struct rh_realm;

/*
 * Test seam: when set, rh_run calls it instead of RMI_REC_ENTER. It plays
 * the RMM: reads RmiRecEnter from the NS page @run and writes a RmiRecExit
 * there; it returns the RMI status (RMI_SUCCESS to have the exit handled).
 */
typedef unsigned (*rh_enter_fn)(struct rh_realm *r, unsigned rec, pa_t run, void *ctx);

struct rh_realm {
	struct rmmsim *sim;
	rh_enter_fn enter_hook;
	void *enter_hook_ctx;
	bool own_sim;
	struct rh_config cfg;
	uint64_t feat0;
	pa_t pool_base, pool_next, pool_end;
	pa_t ns_base, ns_next, ns_end;
	pa_t rd, rtt_root;
	unsigned num_root;
	int start_level;
	uint64_t num_aux;
	bool created, activated;
	struct rh_rtt rtts[RH_MAX_RTTS];
	size_t num_rtts;
	struct rh_data data[RH_MAX_DATA];
	size_t num_data;
	struct rh_rec recs[RH_MAX_RECS];
	unsigned num_recs;
	uint64_t entry;
	uint64_t mmio_scratch, mmio_counter;  /* the emulated device */
	/* Measurement log for scripts/rim.py (JSON, open_memstream). */
	FILE *mlog;
	char *mlog_buf;
	size_t mlog_len;
	bool mlog_first;
	char params_json[256];
	struct rh_results res;
};

/* Image layout after parsing: up to 8 PT_LOAD segments (or one flat). */
struct rh_segment {
	ipa_t ipa;
	const uint8_t *bytes;
	size_t filesz, memsz;
};

struct rh_image {
	struct rh_segment seg[8];
	unsigned num_seg;
	uint64_t entry;
};

/* ELF64 AArch64 (PT_LOAD at p_paddr) or, if not ELF, a flat image at @flat_ipa. */
bool rh_image_parse(const void *buf, size_t len, ipa_t flat_ipa, struct rh_image *img,
		    char *err, size_t err_len);
/* Reads a whole file (malloc'd, free() it). */
void *rh_read_file(const char *path, size_t *len);

/* Platform (NULL: a new default one, destroyed by rh_fini) and pools. */
bool rh_init(struct rh_realm *r, struct rmmsim *sim, const struct rh_config *cfg);
/* Builds and activates the realm from @image; false with res.error set. */
bool rh_build(struct rh_realm *r, const void *image, size_t len);
/* The REC_ENTER loop; returns why it stopped (also res.stop). */
enum rh_stop rh_run(struct rh_realm *r);
/* Destroys everything and undelegates every granule; false with res.error set. */
bool rh_teardown(struct rh_realm *r);
void rh_fini(struct rh_realm *r);

/* The measurement log (scripts/rim.py input), NUL-terminated; NULL on error. */
const char *rh_measure_log(struct rh_realm *r);
const char *rh_exit_reason_name(unsigned reason);
const char *rh_stop_name(enum rh_stop stop);
/* Last report with @key, or NULL. */
const struct rh_report *rh_find_report(const struct rh_results *res, uint64_t key);

/* Internal helpers shared by the rh_*.c files. */
struct rh_ret {
	unsigned status, index;
	uint64_t x[5];
};
struct rh_ret rh_rmi(struct rh_realm *r, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		     uint64_t a4);
struct rh_ret rh_rmi5(struct rh_realm *r, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		      uint64_t a4, uint64_t a5);
bool rh_fail(struct rh_realm *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
pa_t rh_delegate(struct rh_realm *r);
/* Creates the RTTs down to @level over @ipa that do not exist yet. */
bool rh_rtt_ensure(struct rh_realm *r, ipa_t ipa, int level);
bool rh_data_unknown(struct rh_realm *r, ipa_t ipa);
/* Next page of the NS pool, zeroed; 0 (with res.error) when exhausted. */
pa_t rh_ns_alloc(struct rh_realm *r);

/* RMI 2.0 host side (rh_v2.c; used when cfg.rmi_abi = 2). */
bool rh_v2_boot(struct rh_realm *r);
bool rh_v2_delegate(struct rh_realm *r, pa_t pa);
bool rh_v2_undelegate(struct rh_realm *r, pa_t pa);
bool rh_v2_rec_create(struct rh_realm *r, unsigned i, pa_t params);
bool rh_v2_rec_destroy(struct rh_realm *r, unsigned i);
bool rh_v2_data_map(struct rh_realm *r, pa_t pa, ipa_t ipa);
bool rh_v2_data_unmap(struct rh_realm *r, ipa_t ipa, pa_t pa);
bool rh_v2_terminate(struct rh_realm *r);
/* RTT_UNPROT_MAP of one NS page at @ipa (MEMATTR @memattr, read/write) and its unmap. */
bool rh_v2_unprot_map(struct rh_realm *r, ipa_t ipa, pa_t pa, unsigned memattr);
bool rh_v2_unprot_unmap(struct rh_realm *r, ipa_t ipa);
uint64_t rh_level_size(int level);

#endif /* REALM_HOST_H */
