/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A model of the Linux KVM CCA host (v12 series) bookkeeping, on top of the
 * rmmsim native API: RMI calls with checked results, a pool of granules it
 * delegates, the RTTs it created, and a log of every measured event for the
 * independent RIM calculator scripts/rim.py.
 */
#ifndef LINUX_HOST_H
#define LINUX_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rmmsim.h"

#define HOST_MAX_GRANULES 1536U
#define HOST_MAX_RTTS 16U

struct host_rtt {
	ipa_t ipa;     /* base of the IPA range the RTT maps */
	int level;
	pa_t pa;
};

struct host {
	struct rmmsim *sim;
	uint64_t feat0;
	/* Realm PAs come from [pool_base, pool_base + pool_size): never reused. */
	pa_t pool_base;
	uint64_t pool_size;
	pa_t pool_next;
	/* NS pages the host fills (params, REC params, image sources). */
	pa_t ns_base;
	uint64_t ns_size;
	pa_t ns_next;
	/* Every granule ever delegated, for the final state check. */
	pa_t delegated[HOST_MAX_GRANULES];
	size_t num_delegated;
	/* RTTs created below the starting level. */
	struct host_rtt rtts[HOST_MAX_RTTS];
	size_t num_rtts;
	int start_level;
	/* JSON log of the measured events (open_memstream). */
	FILE *log;
	char *log_buf;
	size_t log_len;
	bool log_first_event;
	char params_json[256];
	/* Name of the last RMI command, for failure messages. */
	const char *last_cmd;
};

/* Result of an RMI call: X0 decoded, X1..X4 outputs. */
struct rmi_ret {
	unsigned status;
	unsigned index;
	uint64_t x[5];
};

/* Creates the default platform and picks the pool and NS areas in DRAM bank 0. */
bool host_init(struct host *h, char *err, size_t err_len);
void host_fini(struct host *h);

/* Issues RMI @fid with X1..X5 = a[0..4] through rmmsim_smc as the NS world. */
struct rmi_ret host_rmi(struct host *h, const char *name, uint64_t fid, uint64_t a1,
			uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5);

/* Next unused granule of the pool (not yet delegated). */
pa_t host_alloc_pa(struct host *h, size_t count);
/* Next NS page(s), zeroed through rmmsim_ns_write. */
pa_t host_alloc_ns(struct host *h, size_t count);
/* Records a PA the host delegated, for the final check. */
void host_track(struct host *h, pa_t pa);

/* RTT bookkeeping (the host's own view of which tables exist). */
void host_rtt_add(struct host *h, ipa_t ipa, int level, pa_t pa);
bool host_rtt_remove(struct host *h, pa_t pa);
/* Deepest level whose RTT covers @ipa (start_level if none below it). */
int host_rtt_level_at(const struct host *h, ipa_t ipa);

/* Map size of one RTT entry at @level (4 KiB granule, states.md §5). */
uint64_t host_level_size(int level);

/* Measurement log (scripts/rim.py input). */
void host_log_realm_params(struct host *h, uint64_t flags, unsigned s2sz, unsigned num_bps,
			   unsigned num_wps, unsigned hash_algo);
void host_log_ripas(struct host *h, ipa_t base, ipa_t top, uint64_t entry_size);
void host_log_data(struct host *h, ipa_t ipa, uint64_t flags, const uint8_t *content);
void host_log_rec(struct host *h, uint64_t flags, uint64_t pc, const uint64_t gprs[8]);
/* Closes the log and runs scripts/rim.py on it: hex RIM into @hex (>= 129 bytes). */
bool host_rim_from_script(struct host *h, char *hex, size_t hex_len, char *err,
			  size_t err_len);

#endif /* LINUX_HOST_H */
