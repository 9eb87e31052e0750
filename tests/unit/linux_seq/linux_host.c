/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host model behind test_linux_v12.c: RMI wrapper, granule pool, RTT
 * bookkeeping and the measurement log for scripts/rim.py (see linux_host.h).
 */
#include "linux_host.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "den0137_abi.h"

#ifndef RIM_PY
#error "RIM_PY (path of scripts/rim.py) must be defined by the build"
#endif
#ifndef PYTHON3
#define PYTHON3 "python3"
#endif

/* Where in DRAM bank 0 the host takes its memory from (any delegable DRAM). */
#define POOL_OFFSET 0x08000000ULL
#define POOL_SIZE 0x00800000ULL   /* 8 MiB: room for HOST_MAX_GRANULES */
#define NS_OFFSET 0x0C000000ULL
#define NS_SIZE 0x00400000ULL

bool host_init(struct host *h, char *err, size_t err_len)
{
	struct rmmsim_options opt = { 0 };
	struct rmmsim_region banks[4];
	size_t n;

	memset(h, 0, sizeof(*h));
	/* LINUX_SEQ_RMI_LOG=1 prints every RMI call in the reference RMM's format. */
	if (getenv("LINUX_SEQ_RMI_LOG"))
		opt.rmi_log = stderr;
	h->sim = rmmsim_create(&opt, err, err_len);
	if (!h->sim)
		return false;
	n = rmmsim_dram_banks(h->sim, banks, 4);
	if (n == 0 || banks[0].size < NS_OFFSET + NS_SIZE) {
		snprintf(err, err_len, "DRAM bank 0 too small for the host model");
		rmmsim_destroy(h->sim);
		h->sim = NULL;
		return false;
	}
	h->pool_base = banks[0].base + POOL_OFFSET;
	h->pool_size = POOL_SIZE;
	h->pool_next = h->pool_base;
	h->ns_base = banks[0].base + NS_OFFSET;
	h->ns_size = NS_SIZE;
	h->ns_next = h->ns_base;
	h->log = open_memstream(&h->log_buf, &h->log_len);
	if (!h->log) {
		snprintf(err, err_len, "open_memstream failed");
		rmmsim_destroy(h->sim);
		h->sim = NULL;
		return false;
	}
	fputs("{\"events\": [", h->log);
	h->log_first_event = true;
	return true;
}

void host_fini(struct host *h)
{
	if (h->log)
		fclose(h->log);
	free(h->log_buf);
	if (h->sim)
		rmmsim_destroy(h->sim);
	memset(h, 0, sizeof(*h));
}

struct rmi_ret host_rmi(struct host *h, const char *name, uint64_t fid, uint64_t a1,
			uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct smc_regs regs = { .x = { fid, a1, a2, a3, a4, a5 } };
	struct rmi_ret r;

	h->last_cmd = name;
	rmmsim_smc(h->sim, RMMSIM_CALLER_NS, &regs);
	/* Return code packing: abi.md §5. */
	r.status = (unsigned)(regs.x[0] & 0xFFU);
	r.index = (unsigned)((regs.x[0] >> 8) & 0xFFU);
	memcpy(r.x, regs.x, sizeof(r.x));
	return r;
}

pa_t host_alloc_pa(struct host *h, size_t count)
{
	pa_t pa = h->pool_next;

	if (pa + count * GRANULE_SIZE > h->pool_base + h->pool_size)
		return 0;
	h->pool_next += count * GRANULE_SIZE;
	return pa;
}

pa_t host_alloc_ns(struct host *h, size_t count)
{
	static const uint8_t zero[GRANULE_SIZE];
	pa_t pa = h->ns_next;
	size_t i;

	if (pa + count * GRANULE_SIZE > h->ns_base + h->ns_size)
		return 0;
	for (i = 0; i < count; i++)
		if (!rmmsim_ns_write(h->sim, pa + i * GRANULE_SIZE, zero, sizeof(zero)))
			return 0;
	h->ns_next += count * GRANULE_SIZE;
	return pa;
}

void host_track(struct host *h, pa_t pa)
{
	if (h->num_delegated < HOST_MAX_GRANULES)
		h->delegated[h->num_delegated++] = pa;
}

void host_rtt_add(struct host *h, ipa_t ipa, int level, pa_t pa)
{
	if (h->num_rtts < HOST_MAX_RTTS)
		h->rtts[h->num_rtts++] = (struct host_rtt){ .ipa = ipa, .level = level, .pa = pa };
}

bool host_rtt_remove(struct host *h, pa_t pa)
{
	size_t i;

	for (i = 0; i < h->num_rtts; i++) {
		if (h->rtts[i].pa == pa) {
			h->rtts[i] = h->rtts[--h->num_rtts];
			return true;
		}
	}
	return false;
}

uint64_t host_level_size(int level)
{
	return 1ULL << (12U + 9U * (unsigned)(3 - level));
}

int host_rtt_level_at(const struct host *h, ipa_t ipa)
{
	int level = h->start_level;
	size_t i;

	for (i = 0; i < h->num_rtts; i++) {
		/* An RTT at level L covers one entry of level L-1. */
		uint64_t span = host_level_size(h->rtts[i].level - 1);

		if (ipa >= h->rtts[i].ipa && ipa - h->rtts[i].ipa < span && h->rtts[i].level > level)
			level = h->rtts[i].level;
	}
	return level;
}

static void log_sep(struct host *h)
{
	if (!h->log_first_event)
		fputc(',', h->log);
	h->log_first_event = false;
	fputs("\n ", h->log);
}

void host_log_realm_params(struct host *h, uint64_t flags, unsigned s2sz, unsigned num_bps,
			   unsigned num_wps, unsigned hash_algo)
{
	snprintf(h->params_json, sizeof(h->params_json),
		 "{\"flags\": %" PRIu64 ", \"s2sz\": %u, \"sve_vl\": 0, \"num_bps\": %u, "
		 "\"num_wps\": %u, \"pmu_num_ctrs\": 0, \"hash_algo\": %u}",
		 flags, s2sz, num_bps, num_wps, hash_algo);
}

void host_log_ripas(struct host *h, ipa_t base, ipa_t top, uint64_t entry_size)
{
	log_sep(h);
	fprintf(h->log, "{\"op\": \"ripas\", \"base\": %" PRIu64 ", \"top\": %" PRIu64
		", \"entry_size\": %" PRIu64 "}", base, top, entry_size);
}

void host_log_data(struct host *h, ipa_t ipa, uint64_t flags, const uint8_t *content)
{
	static const char digits[] = "0123456789abcdef";
	char hex[2 * GRANULE_SIZE + 1];
	size_t i;

	for (i = 0; i < GRANULE_SIZE; i++) {
		hex[2 * i] = digits[content[i] >> 4];
		hex[2 * i + 1] = digits[content[i] & 0xFU];
	}
	hex[2 * GRANULE_SIZE] = '\0';
	log_sep(h);
	fprintf(h->log, "{\"op\": \"data\", \"ipa\": %" PRIu64 ", \"flags\": %" PRIu64
		", \"content\": \"%s\"}", ipa, flags, hex);
}

void host_log_rec(struct host *h, uint64_t flags, uint64_t pc, const uint64_t gprs[8])
{
	unsigned i;

	log_sep(h);
	fprintf(h->log, "{\"op\": \"rec\", \"flags\": %" PRIu64 ", \"pc\": %" PRIu64
		", \"gprs\": [", flags, pc);
	for (i = 0; i < 8; i++)
		fprintf(h->log, "%s%" PRIu64, i ? ", " : "", gprs[i]);
	fputs("]}", h->log);
}

bool host_rim_from_script(struct host *h, char *hex, size_t hex_len, char *err,
			  size_t err_len)
{
	char path[] = "/tmp/rmmsim_linux_v12_XXXXXX";
	char cmd[512];
	FILE *f, *p;
	int fd, rc;
	size_t len;

	fprintf(h->log, "\n], \"realm_params\": %s}\n", h->params_json);
	if (fflush(h->log) != 0) {
		snprintf(err, err_len, "cannot flush the measurement log");
		return false;
	}
	fd = mkstemp(path);
	if (fd < 0) {
		snprintf(err, err_len, "mkstemp failed");
		return false;
	}
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(path);
		snprintf(err, err_len, "fdopen failed");
		return false;
	}
	len = fwrite(h->log_buf, 1, h->log_len, f);
	if (fclose(f) != 0 || len != h->log_len) {
		unlink(path);
		snprintf(err, err_len, "cannot write %s", path);
		return false;
	}
	snprintf(cmd, sizeof(cmd), "%s %s %s", PYTHON3, RIM_PY, path);
	p = popen(cmd, "r");
	if (!p) {
		unlink(path);
		snprintf(err, err_len, "popen(%s) failed", cmd);
		return false;
	}
	if (!fgets(hex, (int)hex_len, p))
		hex[0] = '\0';
	rc = pclose(p);
	unlink(path);
	hex[strcspn(hex, "\r\n")] = '\0';
	if (rc != 0 || hex[0] == '\0') {
		snprintf(err, err_len, "%s exited with status %d", RIM_PY, rc);
		return false;
	}
	return true;
}
