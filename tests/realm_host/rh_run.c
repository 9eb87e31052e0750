/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The REC run loop: RMI_REC_ENTER, then one handler per exit reason with
 * the host actions of psci-and-exits.md §3 (host calls = the realm_hostcall.h
 * services; PSCI CPU_ON / AFFINITY_INFO -> RMI_PSCI_COMPLETE; RIPAS_CHANGE
 * -> RMI_RTT_SET_RIPAS loop; emulatable data aborts -> the tiny MMIO device;
 * faults on unpopulated protected RAM -> DATA_CREATE_UNKNOWN; IRQ -> re-enter,
 * with a limit so a realm that makes no progress cannot hang a test).
 */
#include <inttypes.h>
#include <string.h>

#include "den0137_abi.h"
#include "realm_host.h"
#include "realm_hostcall.h"

#define ENTER_SIZE 0x800U
#define EXIT_OFFSET 0x800U
#define EXIT_SIZE 0x800U

#define ESR_EC(esr) (((esr) >> 26) & 0x3FU)
#define ESR_EC_IABT_LOWER 0x20U
#define ESR_EC_DABT_LOWER 0x24U
#define ESR_ISV (1ULL << 24)
#define ESR_SAS(esr) (((esr) >> 22) & 0x3U)
#define ESR_WNR (1ULL << 6)

#define PSCI_FN(fid) ((fid) & 0x1FU)
#define PSCI_FN_CPU_SUSPEND 0x01U
#define PSCI_FN_CPU_OFF 0x02U
#define PSCI_FN_CPU_ON 0x03U
#define PSCI_FN_AFFINITY_INFO 0x04U
#define PSCI_FN_SYSTEM_OFF 0x08U
#define PSCI_FN_SYSTEM_RESET 0x09U
#define PSCI_RET_SUCCESS 0

/* One decoded RecExit. */
struct rh_exit {
	unsigned reason;
	uint64_t esr, far, hpfar;
	uint64_t gprs[31];
	ipa_t ripas_base, ripas_top;
	unsigned ripas_value;
	unsigned imm;
};

static uint64_t get_u64(const uint8_t *b, unsigned off)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)b[off + i] << (8 * i);
	return v;
}

static void put_u64(uint8_t *b, unsigned off, uint64_t v)
{
	for (unsigned i = 0; i < 8; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

#define EXIT_FIELD(e, name) get_u64((e), RMI_REC_RUN_EXIT_##name##_OFFSET - EXIT_OFFSET)

static void decode_exit(const uint8_t *e, struct rh_exit *x)
{
	x->reason = e[RMI_REC_RUN_EXIT_REASON_OFFSET - EXIT_OFFSET];
	x->esr = EXIT_FIELD(e, ESR);
	x->far = EXIT_FIELD(e, FAR);
	x->hpfar = EXIT_FIELD(e, HPFAR);
	for (unsigned i = 0; i < 31; i++)
		x->gprs[i] = get_u64(e, RMI_REC_RUN_EXIT_GPRS_OFFSET - EXIT_OFFSET + 8U * i);
	x->ripas_base = EXIT_FIELD(e, RIPAS_BASE);
	x->ripas_top = EXIT_FIELD(e, RIPAS_TOP);
	x->ripas_value = e[RMI_REC_RUN_EXIT_RIPAS_VALUE_OFFSET - EXIT_OFFSET];
	x->imm = (unsigned)(e[RMI_REC_RUN_EXIT_IMM_OFFSET - EXIT_OFFSET] |
			    e[RMI_REC_RUN_EXIT_IMM_OFFSET - EXIT_OFFSET + 1] << 8);
}

static void console_add(struct rh_realm *r, const char *s, size_t n)
{
	struct rh_results *res = &r->res;
	size_t room = sizeof(res->console) - 1 - res->console_len;

	if (r->cfg.console_echo)
		fwrite(s, 1, n, r->cfg.console_echo);
	if (n > room)
		n = room;
	memcpy(res->console + res->console_len, s, n);
	res->console_len += n;
	res->console[res->console_len] = '\0';
}

static void unpack(const uint64_t *words, uint8_t *dst, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (uint8_t)(words[i / 8] >> (8 * (i % 8)));
}

/* RMI_EXIT_HOST_CALL: the services of realm_hostcall.h; answer in gprs[0]. */
static bool on_host_call(struct rh_realm *r, struct rh_rec *rec, const struct rh_exit *x)
{
	struct rh_results *res = &r->res;
	uint64_t answer = RH_HC_OK;
	uint8_t buf[RH_HC_WRITE_MAX];
	size_t n;

	switch (x->imm) {
	case RH_HC_PUTC:
		buf[0] = (uint8_t)x->gprs[0];
		console_add(r, (const char *)buf, 1);
		break;
	case RH_HC_WRITE:
		n = x->gprs[0] < RH_HC_WRITE_MAX ? (size_t)x->gprs[0] : RH_HC_WRITE_MAX;
		unpack(&x->gprs[1], buf, n);
		console_add(r, (const char *)buf, n);
		break;
	case RH_HC_EXIT:
		res->exited = true;
		res->exit_status = (int64_t)x->gprs[0];
		break;
	case RH_HC_TOKEN:
		n = x->gprs[2] < RH_HC_TOKEN_MAX ? (size_t)x->gprs[2] : RH_HC_TOKEN_MAX;
		if (x->gprs[1] > RH_TOKEN_SIZE || n > RH_TOKEN_SIZE - x->gprs[1]) {
			answer = RH_HC_ERROR;
			break;
		}
		unpack(&x->gprs[3], res->token + x->gprs[1], n);
		if (x->gprs[1] + n > res->token_len)
			res->token_len = (size_t)(x->gprs[1] + n);
		res->token_total = (size_t)x->gprs[0];
		break;
	case RH_HC_REPORT:
		if (res->num_reports == RH_MAX_EVENTS || x->gprs[1] > RH_HC_REPORT_MAX) {
			answer = RH_HC_ERROR;
			break;
		}
		res->reports[res->num_reports].key = x->gprs[0];
		res->reports[res->num_reports].count = (unsigned)x->gprs[1];
		memcpy(res->reports[res->num_reports].vals, &x->gprs[2], 8 * sizeof(uint64_t));
		res->num_reports++;
		break;
	default:
		answer = RH_HC_ERROR;
		break;
	}
	/* The RMM copies enter.gprs[0..30] into the RsiHostCall on the next entry. */
	memset(rec->enter_gprs, 0, sizeof(rec->enter_gprs));
	rec->enter_gprs[0] = answer;
	rec->num_enter_gprs = 31;
	return true;
}

/* The emulated device: ID, SCRATCH, COUNTER (realm_hostcall.h). */
static uint64_t mmio_access(struct rh_realm *r, uint64_t off, bool write, uint64_t v)
{
	switch (off) {
	case RH_MMIO_ID:
		return write ? 0 : RH_MMIO_ID_VALUE;
	case RH_MMIO_SCRATCH:
		if (write)
			r->mmio_scratch = v;
		return r->mmio_scratch;
	case RH_MMIO_COUNTER:
		return write ? 0 : r->mmio_counter++;
	default:
		return 0;
	}
}

static bool in_ram(ipa_t ipa)
{
	return ipa >= RH_LOAD_IPA && ipa < RH_LOAD_IPA + RH_RAM_SIZE;
}

/* RMI_EXIT_SYNC: emulatable MMIO, or a fault on protected RAM to populate. */
static bool on_sync(struct rh_realm *r, struct rh_rec *rec, const struct rh_exit *x)
{
	unsigned ec = ESR_EC(x->esr);
	/* HPFAR_EL2.FIPA (bits [43:4]) = IPA[51:12]; far holds the page offset. */
	ipa_t page = (x->hpfar >> 4) << 12;
	ipa_t unprot = 1ULL << (r->cfg.ipa_bits - 1);

	if (ec == ESR_EC_DABT_LOWER && page >= unprot && (x->esr & ESR_ISV)) {
		ipa_t ipa = page | (x->far & 0xFFFU);
		unsigned size = 1U << ESR_SAS(x->esr);
		bool write = (x->esr & ESR_WNR) != 0;
		uint64_t v = mmio_access(r, ipa - unprot - RH_MMIO_OFFSET, write, x->gprs[0]);
		struct rh_results *res = &r->res;

		if (write)
			v = x->gprs[0];
		else if (size < 8)
			v &= (1ULL << (8U * size)) - 1U;
		if (res->num_mmio < RH_MAX_EVENTS)
			res->mmio[res->num_mmio++] = (struct rh_mmio_event){
				.ipa = ipa, .write = write, .size = size, .value = v };
		rec->enter_flags |= RMI_REC_ENTER_FLAG_EMUL_MMIO;
		memset(rec->enter_gprs, 0, sizeof(rec->enter_gprs));
		rec->enter_gprs[0] = write ? 0 : v;
		rec->num_enter_gprs = 1;
		return true;
	}
	if ((ec == ESR_EC_DABT_LOWER || ec == ESR_EC_IABT_LOWER) && page < unprot && in_ram(page)) {
		for (size_t i = 0; i < r->num_data; i++)
			if (r->data[i].ipa == page)
				return rh_fail(r, "fault at populated IPA 0x%" PRIx64 " (esr 0x%" PRIx64
					       ")", page, x->esr);
		r->res.demand_faults++;
		return rh_data_unknown(r, page);
	}
	return rh_fail(r, "unhandled RMI_EXIT_SYNC: esr 0x%" PRIx64 " far 0x%" PRIx64
		       " hpfar 0x%" PRIx64, x->esr, x->far, x->hpfar);
}

/* MPIDR -> REC index (structures.md §2). */
static uint64_t mpidr_to_index(uint64_t m)
{
	return (m & 0xFU) | ((m >> 8) & 0xFFU) << 4 | ((m >> 16) & 0xFFU) << 12 |
	       ((m >> 32) & 0xFFU) << 20;
}

/* RMI_EXIT_PSCI (psci-and-exits.md §1-§2); *next = switch to another REC. */
static bool on_psci(struct rh_realm *r, unsigned cur, const struct rh_exit *x, bool *next,
		    bool *stop)
{
	struct rh_results *res = &r->res;
	struct rh_psci_event ev = { .fid = x->gprs[0], .caller = cur, .target = x->gprs[1] };
	uint64_t t = mpidr_to_index(x->gprs[1]);
	struct rh_ret ret;

	switch (PSCI_FN(x->gprs[0])) {
	case PSCI_FN_CPU_ON:
	case PSCI_FN_AFFINITY_INFO:
		/* The RMM already rejected unknown targets: t names a REC. */
		if (t >= r->num_recs)
			return rh_fail(r, "PSCI exit for MPIDR 0x%" PRIx64 " (no such REC)",
				       x->gprs[1]);
		ret = rh_rmi(r, RMI_PSCI_COMPLETE_FID, r->recs[cur].pa, r->recs[t].pa,
			     PSCI_RET_SUCCESS, 0);
		if (ret.status != RMI_SUCCESS)
			return rh_fail(r, "PSCI_COMPLETE: status %u", ret.status);
		if (PSCI_FN(x->gprs[0]) == PSCI_FN_CPU_ON)
			r->recs[t].on = true;
		else
			*next = true;
		break;
	case PSCI_FN_CPU_OFF:
		r->recs[cur].on = false;
		*next = true;
		break;
	case PSCI_FN_CPU_SUSPEND:
		*next = true;
		break;
	case PSCI_FN_SYSTEM_OFF:
	case PSCI_FN_SYSTEM_RESET:
		*stop = true;
		break;
	default:
		return rh_fail(r, "unexpected PSCI exit, FID 0x%" PRIx64, x->gprs[0]);
	}
	if (res->num_psci < RH_MAX_EVENTS)
		res->psci[res->num_psci++] = ev;
	return true;
}

/* RMI_EXIT_RIPAS_CHANGE: RMI_RTT_SET_RIPAS from ripas_base until ripas_top. */
static bool on_ripas(struct rh_realm *r, unsigned cur, const struct rh_exit *x)
{
	struct rh_ripas_event ev = { .base = x->ripas_base, .top = x->ripas_top,
				     .ripas = x->ripas_value };
	ipa_t base = x->ripas_base;
	unsigned guard = 0;

	while (base < x->ripas_top) {
		struct rh_ret ret = rh_rmi(r, RMI_RTT_SET_RIPAS_FID, r->rd, r->recs[cur].pa, base,
					   x->ripas_top);

		if (ret.status == RMI_ERROR_RTT && guard++ < 4) {
			if (!rh_rtt_ensure(r, base, (int)ret.index + 1))
				return false;
			continue;
		}
		if (ret.status != RMI_SUCCESS || ret.x[1] <= base)
			return rh_fail(r, "RTT_SET_RIPAS 0x%" PRIx64 ": status %u index %u", base,
				       ret.status, ret.index);
		base = ret.x[1];
		guard = 0;
	}
	ev.done = base;
	if (r->res.num_ripas < RH_MAX_EVENTS)
		r->res.ripas[r->res.num_ripas++] = ev;
	return true;
}

/* REC_ENTER of REC @cur with its pending flags and gprs; the RecExit into @x. */
static bool enter_rec(struct rh_realm *r, unsigned cur, struct rh_exit *x, bool *off)
{
	static uint8_t run[ENTER_SIZE + EXIT_SIZE];
	struct rh_rec *rec = &r->recs[cur];
	struct rh_ret ret;

	memset(run, 0, ENTER_SIZE);
	put_u64(run, RMI_REC_RUN_ENTER_FLAGS_OFFSET, rec->enter_flags);
	for (unsigned i = 0; i < rec->num_enter_gprs; i++)
		put_u64(run, RMI_REC_RUN_ENTER_GPRS_OFFSET + 8U * i, rec->enter_gprs[i]);
	if (!rmmsim_ns_write(r->sim, rec->run, run, ENTER_SIZE))
		return rh_fail(r, "NS write of RmiRecEnter failed");
	if (r->enter_hook)
		ret = (struct rh_ret){ .status = r->enter_hook(r, cur, rec->run, r->enter_hook_ctx) };
	else
		ret = rh_rmi(r, RMI_REC_ENTER_FID, rec->pa, rec->run, 0, 0);
	r->res.rec_enters++;
	rec->enter_flags = 0;
	rec->num_enter_gprs = 0;
	if (ret.status == RMI_ERROR_REALM && ret.index == 1) {
		*off = true; /* system_off: the realm is SYSTEM_OFF */
		return true;
	}
	if (ret.status != RMI_SUCCESS)
		return rh_fail(r, "REC_ENTER %u: status %u index %u", cur, ret.status, ret.index);
	if (!rmmsim_ns_read(r->sim, rec->run + EXIT_OFFSET, run + ENTER_SIZE, EXIT_SIZE))
		return rh_fail(r, "NS read of RmiRecExit failed");
	decode_exit(run + ENTER_SIZE, x);
	return true;
}

static enum rh_stop stop_with(struct rh_realm *r, enum rh_stop why)
{
	r->res.stop = why;
	return why;
}

/* Next REC the host considers on, after @cur (round robin); -1 if none. */
static int next_on(const struct rh_realm *r, unsigned cur)
{
	for (unsigned k = 1; k <= r->num_recs; k++) {
		unsigned i = (cur + k) % r->num_recs;

		if (r->recs[i].on)
			return (int)i;
	}
	return -1;
}

enum rh_stop rh_run(struct rh_realm *r)
{
	unsigned cur = 0, idle = 0, total = 0;

	if (!r->activated) {
		rh_fail(r, "realm not built");
		return stop_with(r, RH_STOP_ERROR);
	}
	for (;;) {
		struct rh_exit x = { 0 };
		bool next = false, stop = false, off = false, ok = true;
		int n;

		if (!r->recs[cur].on) {
			n = next_on(r, cur);
			if (n < 0)
				return stop_with(r, RH_STOP_ALL_OFF);
			cur = (unsigned)n;
		}
		if (total++ >= r->cfg.max_exits)
			return stop_with(r, RH_STOP_EXIT_LIMIT);
		if (!enter_rec(r, cur, &x, &off))
			return stop_with(r, RH_STOP_ERROR);
		if (off)
			return stop_with(r, RH_STOP_SYSTEM_OFF);
		if (x.reason < RH_NUM_EXIT_REASONS)
			r->res.exits[x.reason]++;
		idle = x.reason == RMI_EXIT_IRQ || x.reason == RMI_EXIT_FIQ ? idle + 1 : 0;
		switch (x.reason) {
		case RMI_EXIT_SYNC:
			ok = on_sync(r, &r->recs[cur], &x);
			break;
		case RMI_EXIT_IRQ:
		case RMI_EXIT_FIQ:
			/* Nothing to inject: re-enter, unless the realm never progresses. */
			if (idle >= r->cfg.max_idle_exits)
				return stop_with(r, RH_STOP_NO_PROGRESS);
			break;
		case RMI_EXIT_PSCI:
			ok = on_psci(r, cur, &x, &next, &stop);
			break;
		case RMI_EXIT_RIPAS_CHANGE:
			ok = on_ripas(r, cur, &x);
			break;
		case RMI_EXIT_HOST_CALL:
			ok = on_host_call(r, &r->recs[cur], &x);
			break;
		default:
			ok = rh_fail(r, "exit reason %u (%s) not handled", x.reason,
				     rh_exit_reason_name(x.reason));
			break;
		}
		if (!ok)
			return stop_with(r, RH_STOP_ERROR);
		if (stop)
			return stop_with(r, RH_STOP_SYSTEM_OFF);
		if (next) {
			n = next_on(r, cur);
			if (n < 0)
				return stop_with(r, RH_STOP_ALL_OFF);
			cur = (unsigned)n;
		}
	}
}
