/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_rsi decoder and oracles (fuzz_rsi.h, docs/fuzzing.md "fuzz_rsi").
 *
 * One input: agent_init (2 RECs) on the process's platform, a scratch RAM
 * page populated, then up to FR_MAX_STEPS steps, one opcode byte each:
 *
 *   0, 1  RSI call (one of the ten FIDs), arguments from pick_arg
 *   2     PSCI / SMCCC call from a table, arguments from pick_psci
 *   3     any FID (8 input bytes), 10 picked arguments
 *   4..6  64-bit load / store / fetch at a picked address
 *   7     react to the pending REC exit (also what 0..6 mean while the
 *         current REC is stopped in an exit)
 *   8     host: DATA_CREATE_UNKNOWN at a picked IPA
 *   9     host: DATA_DESTROY of a populated page, then UNDELEGATE
 *   10    host: map / unmap / delegate an NS page at an Unprotected IPA
 *   11    host: an RMI call the realm's state decides (SET_RIPAS with no
 *         request pending, INIT_RIPAS / DATA_CREATE / REALM_DESTROY on an
 *         ACTIVE realm, PSCI_COMPLETE with nothing pending, raw REC_ENTER)
 *   12    switch the REC commands run on (starts REC 1 after CPU_ON)
 *   13..15 same as 7
 *
 * Opcode bit 7 on a command: one more byte of extra REC_ENTER flags for
 * the entry that starts it (trap_wfi/wfe, inject_sea, garbage bits).
 *
 * After every step: rmmsim_check_invariants, and the RSI oracle for the
 * decidable cases (see check_first / check_done). At the end: the realm is
 * torn down and every granule the input used must be UNDELEGATED and NS.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

#include "agent_host.h"
#include "den0137_2_abi.h"
#include "den0137_abi.h"
#include "fr_world.h"
#include "fuzz_rsi.h"
#include "gpt.h"
#include "platform.h"
#include "realm_hostcall.h"
#include "rmm.h"
#include "smc_dispatch.h"

#define PAGE 0x1000ULL
#define AGENT_PAGE RH_LOAD_IPA                /* the agent's code: never written by the input */
#define POP_IPA RH_SCRATCH_IPA                 /* populated before the first step */
#define UNPOP_IPA (RH_SCRATCH_IPA + 0x8000ULL) /* RIPAS RAM, not populated */
#define EMPTY_IPA 0x1000000ULL                 /* outside realm RAM: RIPAS EMPTY */
#define IPA_BITS 32U
#define PAR_TOP (1ULL << (IPA_BITS - 1U))
#define NS_MAP_BASE 0x40000ULL                 /* Unprotected IPAs of the host's extra maps */
#define MAX_UNPROT 4U
#define MAX_DESTROYED 8U
#define HISTORY 16U

#define EC(esr) (((esr) >> 26) & 0x3FU)
#define ESR_ISV (1ULL << 24)

#define PSCI_VERSION 0x84000000ULL
#define PSCI_CPU_SUSPEND_64 0xC4000001ULL
#define PSCI_CPU_OFF 0x84000002ULL
#define PSCI_CPU_ON_32 0x84000003ULL
#define PSCI_CPU_ON_64 0xC4000003ULL
#define PSCI_AFFINITY_INFO_32 0x84000004ULL
#define PSCI_AFFINITY_INFO_64 0xC4000004ULL
#define PSCI_SYSTEM_OFF 0x84000008ULL
#define PSCI_SYSTEM_RESET 0x84000009ULL
#define PSCI_FEATURES 0x8400000AULL
#define SMCCC_VERSION 0x80000000ULL

enum rec_st {
	R_OFF = 0,   /* never started (REC 1 before a CPU_ON) */
	R_IDLE,      /* stopped at the agent's doorbell: ready for a command */
	R_MID,       /* stopped in another exit (last[]), the command unfinished */
	R_LOST,      /* the agent made no progress (overwritten or spinning code) */
};

/* The command a REC is running, for the oracle. */
struct fr_cmd {
	bool active;
	unsigned op;              /* AGENT_OP_* */
	uint64_t x[11];
	bool exited_hc;           /* RMI_EXIT_HOST_CALL seen */
	bool exited_ripas;        /* RMI_EXIT_RIPAS_CHANGE seen */
	bool ripas_done;          /* the entry completing it happened */
	bool ripas_reject;        /* ... with RIPAS_RESPONSE = REJECT */
	ipa_t ripas_progress;     /* X1 of the last successful RTT_SET_RIPAS */
	uint64_t exc;             /* the agent's exception count when it started */
	bool judge;               /* the REC runs the agent on the real mailbox */
};

struct fr {
	const uint8_t *p;
	size_t n;
	FILE *log;
	unsigned step;
	struct agent a;
	enum rec_st rs[2];
	struct agent_exit last[2];
	struct fr_cmd cmd[2];
	bool ripas_pending[2];    /* a RIPAS_CHANGE exit not yet followed by a REC_ENTER */
	bool psci_pending[2];     /* a CPU_ON / AFFINITY_INFO exit not yet completed */
	bool token[2];            /* attestation token generation in progress */
	bool token_unknown[2];    /* ... unknown (the command took an exception) */
	bool rem_unknown[5];      /* the REM model is unknown (an EXTEND took an exception) */
	bool dead;                /* REC_ENTER refused with RMI_ERROR_REALM (SYSTEM_OFF) */
	bool sysoff;              /* a REC exited with PSCI SYSTEM_OFF/RESET: the realm is SYSTEM_OFF */
	bool sane[2];             /* the REC was started at the agent with the mailbox */
	uint8_t rem[5][32];       /* model of REM[0..3] (index 1..4), SHA-256 */
	ipa_t destroyed[MAX_DESTROYED];
	unsigned ndestroyed;
	struct {
		ipa_t ipa;
		pa_t ns;
		bool delegated;
	} un[MAX_UNPROT];
	unsigned nun;
	pa_t leaked[8];           /* granules delegated by failed helper calls */
	unsigned nleaked;
	/* RMI 2.0 input (first byte FR_ABI2_SELECTOR): the host speaks 2.0 (rmi() translates). */
	bool v2;
	char hist[HISTORY][200];
	unsigned nhist;
};

struct fr_stats {
	uint64_t inputs, steps, commands, exits[8], refused, lost, dead, rsi_ok[10];
	uint64_t ripas_applied, psci_completed, rec1_started, tokens_done, host_calls;
};

static struct rmmsim *fr_sim;
static void print_world_stats(FILE *out);
static struct fr_stats fr_stats;

/*
 * LeakSanitizer: Unicorn (QEMU's tb_invalidate_phys_page_fast) allocates a
 * code bitmap when a realm writes a page it has executed from, and uc_close
 * does not free it. Not rmmsim's memory: suppressed so it is no finding.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libunicorn.so\n";
}

static const uint64_t edge_vals[16] = {
	0, 1, 4, 5, 8, 63, 64, 65, 0xFFF, 0x1000, 0x1001, 0x10000, 0x20000, 0xFFFFFFFFULL,
	1ULL << 63, ~0ULL,
};

/* ---- input, history, findings ---------------------------------------- */

static uint8_t u8(struct fr *z)
{
	uint8_t v;

	if (z->n == 0U) {
		return 0;
	}
	v = *z->p++;
	z->n--;
	return v;
}

static uint64_t u64(struct fr *z)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8U && z->n != 0U; i++) {
		v |= (uint64_t)u8(z) << (8U * i);
	}
	return v;
}

static void note(struct fr *z, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct fr *z, const char *fmt, ...)
{
	char *line = z->hist[z->nhist % HISTORY];
	int len = snprintf(line, sizeof(z->hist[0]), "[%u] ", z->step);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line + len, sizeof(z->hist[0]) - (size_t)len, fmt, ap);
	va_end(ap);
	z->nhist++;
	if (z->log != NULL) {
		fprintf(z->log, "%s\n", line);
	}
}

static void finding(struct fr *z, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

static void finding(struct fr *z, const char *fmt, ...)
{
	unsigned first = z->nhist > HISTORY ? z->nhist - HISTORY : 0U;
	va_list ap;

	fflush(z->log != NULL ? z->log : stdout);
	fprintf(stderr, "fuzz_rsi FINDING at step %u: ", z->step);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nlast steps:\n");
	for (unsigned i = first; i < z->nhist; i++) {
		fprintf(stderr, "  %s\n", z->hist[i % HISTORY]);
	}
	abort();
}

/*
 * The RMM's invariants. After each step the tracked checker (cost: the live
 * objects and what changed; realm stores reach only DATA granules and NS
 * pages, whose bytes no invariant reads), the full one at the end of each
 * input, before the rewind, as fuzz_rmi does.
 */
static void check_invariants_as(struct fr *z, const char *where, bool full)
{
	char msg[512];
	bool ok = full ? rmmsim_check_invariants(fr_sim, msg, sizeof(msg))
		       : rmm_check_invariants_tracked(fr_sim->rmm, msg, sizeof(msg));

	if (!ok) {
		finding(z, "invariant violated after %s: %s", where, msg);
	}
}

static void check_invariants(struct fr *z, const char *where)
{
	check_invariants_as(z, where, true);
}

/* ---- platform ---------------------------------------------------------- */

/* fr_setup and the persistent realms: see "one input" below. */

void fr_print_stats(FILE *out)
{
	static const char *const names[8] = { "SYNC", "IRQ", "FIQ", "PSCI", "RIPAS_CHANGE",
					      "HOST_CALL", "SERROR", "other" };

	fprintf(out, "fuzz_rsi stats: inputs %" PRIu64 " steps %" PRIu64 " commands %" PRIu64
		" refused-enters %" PRIu64 " lost %" PRIu64 " system-off %" PRIu64 "\n",
		fr_stats.inputs, fr_stats.steps, fr_stats.commands, fr_stats.refused, fr_stats.lost,
		fr_stats.dead);
	fprintf(out, "fuzz_rsi exits:");
	for (unsigned i = 0; i < 8U; i++) {
		fprintf(out, " %s %" PRIu64, names[i], fr_stats.exits[i]);
	}
	fprintf(out, "\nfuzz_rsi RSI successes:");
	for (unsigned i = 0; i < 10U; i++) {
		fprintf(out, " %" PRIu64, fr_stats.rsi_ok[i]);
	}
	fprintf(out, "\nfuzz_rsi deepest: ripas-applied %" PRIu64 " psci-completed %" PRIu64
		" rec1-started %" PRIu64 " tokens %" PRIu64 " host-calls %" PRIu64 "\n",
		fr_stats.ripas_applied, fr_stats.psci_completed, fr_stats.rec1_started,
		fr_stats.tokens_done, fr_stats.host_calls);
	print_world_stats(out);
}

/* ---- RMI helpers -------------------------------------------------------- */

/*
 * ABI selector: an input starting with this byte runs its realm under an
 * RMI 2.0 host (realm_host rh_v2.c, rmi_v2() below); the RSI side is then
 * that of a 2.0 realm (den0137-2.0 rsi.md). Any other first byte: 1.0, the
 * byte is the first step's.
 */
#define FR_ABI2_SELECTOR 0xA2U
/* Next byte (after the ABI selector, if any): tear the realm down at the end. */
#define FR_TEARDOWN_SELECTOR 0xA3U
#define FR2_ADDR_MASK 0x000FFFFFFFFFF000ULL

/*
 * The harness's 1.0 host calls in their 2.0 form (shared/den0137-2.0
 * abi.md §3), results given back in the 1.0 shape the steps expect.
 */
static struct rh_ret rmi_v2(struct fr *z, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			    uint64_t a4)
{
	struct rh_realm *rh = &z->a.rh;
	struct rh_ret r;

	switch (fid) {
	case RMI_GRANULE_DELEGATE_FID:
	case RMI_GRANULE_UNDELEGATE_FID:
		r = rh_rmi(rh, fid == RMI_GRANULE_DELEGATE_FID ? RMI2_GRANULE_RANGE_DELEGATE_FID
							       : RMI2_GRANULE_RANGE_UNDELEGATE_FID,
			   a1, a1 + PAGE, 0, 0);
		if (r.status == RMI_SUCCESS && r.x[1] != a1 + PAGE) {
			r.status = RMI_ERROR_INPUT;
		}
		return r;
	case RMI_DATA_CREATE_UNKNOWN_FID: /* (rd, data, ipa) -> DATA_MAP of one page */
		r = rh_rmi5(rh, RMI2_RTT_DATA_MAP_FID, a1, a3, a3 + PAGE, RMI2_OADDR_SINGLE,
			    (a2 & FR2_ADDR_MASK) | (1ULL << RMI2_ADDR_RDESC_CNT_SHIFT));
		if (r.status == RMI_SUCCESS && r.x[1] != a3 + PAGE) {
			r.status = RMI_ERROR_INPUT;
		}
		return r;
	case RMI_DATA_DESTROY_FID: /* (rd, ipa) -> X1 data PA, X2 top */
		r = rh_rmi5(rh, RMI2_RTT_DATA_UNMAP_FID, a1, a2, a2 + PAGE, RMI2_OADDR_SINGLE, 0);
		if (r.status == RMI_SUCCESS) {
			uint64_t d = r.x[2];

			r.x[2] = r.x[1];
			r.x[1] = d & FR2_ADDR_MASK;
			if (((d >> RMI2_ADDR_RDESC_CNT_SHIFT) & 0x3FFU) == 0U) {
				r.status = RMI_ERROR_RTT; /* nothing was mapped there */
				r.index = 3;
			}
		}
		return r;
	case RMI_RTT_MAP_UNPROTECTED_FID: { /* (rd, ipa, level 3, desc) */
		uint64_t ap = (a4 >> 6) & 3U; /* VMSA S2AP: bit 0 read, bit 1 write */
		uint64_t s2ap = ((ap >> 1) & 1U) | ((ap & 1U) << 1);
		uint64_t flags = RMI2_OADDR_SINGLE | (((a4 >> 2) & 7U) << RMI2_MAP_FLAGS_MEMATTR_SHIFT) |
				 (s2ap << RMI2_MAP_FLAGS_S2AP_SHIFT);

		r = rh_rmi5(rh, RMI2_RTT_UNPROT_MAP_FID, a1, a2, a2 + PAGE, flags,
			    (a4 & FR2_ADDR_MASK) | (1ULL << RMI2_ADDR_RDESC_CNT_SHIFT) |
				    ((uint64_t)RMI2_ADDR_STATE_UNDELEGATED << RMI2_ADDR_RDESC_ST_SHIFT));
		if (r.status == RMI_SUCCESS && r.x[1] != a2 + PAGE) {
			r.status = RMI_ERROR_INPUT;
		}
		return r;
	}
	case RMI_RTT_UNMAP_UNPROTECTED_FID:
		return rh_rmi5(rh, RMI2_RTT_UNPROT_UNMAP_FID, a1, a2, a2 + PAGE, RMI2_OADDR_NONE, 0);
	default:
		/*
		 * The rest as in 1.0, REALM_DESTROY included: the harness issues it
		 * only on a live realm, refused in 2.0 too (not ZOMBIE, states.md §4);
		 * the 2.0 teardown (rh_teardown) terminates first.
		 */
		return rh_rmi(rh, fid, a1, a2, a3, a4);
	}
}

static struct rh_ret rmi(struct fr *z, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			 uint64_t a4)
{
	struct rh_ret r = z->v2 ? rmi_v2(z, fid, a1, a2, a3, a4)
				: rh_rmi(&z->a.rh, fid, a1, a2, a3, a4);

	note(z, "  RMI 0x%" PRIx64 "(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
	     ") > %u/%u x1 0x%" PRIx64, fid, a1, a2, a3, a4, r.status, r.index, r.x[1]);
	return r;
}

static void leak(struct fr *z, pa_t pa)
{
	if (z->nleaked < 8U) {
		z->leaked[z->nleaked++] = pa;
	} else if (rmi(z, RMI_GRANULE_UNDELEGATE_FID, pa, 0, 0, 0).status != RMI_SUCCESS) {
		finding(z, "UNDELEGATE of an unused DELEGATED granule 0x%" PRIx64 " failed", pa);
	}
}

/* RTTs down to level 3 over @ipa (valid IPAs only: a failed RTT_CREATE keeps its granule). */
static bool rtt_ensure(struct fr *z, ipa_t ipa)
{
	size_t before = z->a.rh.num_rtts;
	pa_t next = z->a.rh.pool_next;

	if (ipa >= (1ULL << IPA_BITS)) {
		return false;
	}
	if (!rh_rtt_ensure(&z->a.rh, ipa, 3)) {
		/* The granule of the failed RTT_CREATE is still DELEGATED. */
		if (z->a.rh.pool_next != next && z->a.rh.num_rtts == before) {
			leak(z, z->a.rh.pool_next - PAGE);
		}
		return false;
	}
	return true;
}

/* DATA_CREATE_UNKNOWN at @ipa; the granule goes back on failure. */
static bool populate(struct fr *z, ipa_t ipa)
{
	pa_t pa;
	struct rh_ret r;

	if ((ipa & (PAGE - 1U)) == 0U && ipa < PAR_TOP) {
		(void)rtt_ensure(z, ipa);
	}
	if (z->a.rh.num_data == RH_MAX_DATA) {
		return false;
	}
	pa = rh_delegate(&z->a.rh);
	if (pa == 0U) {
		return false;
	}
	r = rmi(z, RMI_DATA_CREATE_UNKNOWN_FID, z->a.rh.rd, pa, ipa, 0);
	if (r.status != RMI_SUCCESS) {
		leak(z, pa);
		return false;
	}
	z->a.rh.data[z->a.rh.num_data++] = (struct rh_data){ .ipa = ipa, .pa = pa };
	return true;
}

/* ---- argument pickers ---------------------------------------------------- */

static ipa_t pick_ipa(struct fr *z, unsigned kind)
{
	static const uint64_t beyond[6] = {
		1ULL << IPA_BITS, (1ULL << IPA_BITS) + PAGE, 1ULL << 48, 0xFFFFFFFFFFFFF000ULL,
		1ULL << 63, PAR_TOP << 1,
	};
	uint8_t k = u8(z);
	struct rh_realm *rh = &z->a.rh;
	uint64_t off;

	switch (kind % 12U) {
	case 0: { /* populated RAM (not the agent's page) */
		ipa_t ipa = rh->num_data > 0U ? rh->data[k % rh->num_data].ipa : POP_IPA;

		return ipa == AGENT_PAGE ? POP_IPA : ipa;
	}
	case 1:
		return UNPOP_IPA + (k % 16U) * PAGE;
	case 2:
		return EMPTY_IPA + (k % 16U) * PAGE;
	case 3:
		return z->ndestroyed > 0U ? z->destroyed[k % z->ndestroyed] : UNPOP_IPA;
	case 4:
		return (k & 1U) != 0U || z->nun == 0U ? z->a.mailbox_ipa : z->un[k % z->nun].ipa;
	case 5:
		return z->a.unprot_base + 0x3000U + (k % 16U) * PAGE + (k & 0x80U ? 8U : 0U);
	case 6:
		return beyond[k % 6U];
	case 7:
		off = (k & 0x80U) != 0U ? (k & 0x7FU) : (uint64_t)k << 4;
		return POP_IPA + (off == 0U ? 1U : off);
	case 8:
		return AGENT_PAGE + (k % 8U) * 8U;
	case 9:
		return (k & 1U) != 0U ? PAR_TOP - PAGE : PAR_TOP;
	case 10:
		return (uint64_t)k * PAGE;
	default:
		return RH_LOAD_IPA + RH_RAM_SIZE - PAGE + (k & 1U) * PAGE;
	}
}

/* Argument @i of RSI @fid when the input asks for the default (valid) value. */
static uint64_t rsi_default(uint64_t fid, unsigned i, const uint64_t x[11])
{
	switch (fid) {
	case RSI_VERSION_FID:
		return i == 1U ? RSI_ABI_VERSION : 0U;
	case RSI_MEASUREMENT_READ_FID:
		return 0;
	case RSI_MEASUREMENT_EXTEND_FID:
		return i == 1U ? 1U : (i == 2U ? 32U : 0x0101010101010101ULL * i);
	case RSI_ATTESTATION_TOKEN_INIT_FID:
		return 0x1111111111111111ULL * i;
	case RSI_ATTESTATION_TOKEN_CONTINUE_FID:
		return i == 1U ? POP_IPA : (i == 3U ? PAGE : 0U);
	case RSI_REALM_CONFIG_FID:
	case RSI_HOST_CALL_FID:
		return i == 1U ? POP_IPA : 0U;
	case RSI_IPA_STATE_SET_FID:
		return i == 1U ? RH_SCRATCH_IPA + 0x4000U
			       : (i == 2U ? x[1] + 0x4000U : (i == 3U ? RSI_EMPTY : 0U));
	case RSI_IPA_STATE_GET_FID:
		return i == 1U ? RH_LOAD_IPA : (i == 2U ? x[1] + 0x10000U : 0U);
	default:
		return 0;
	}
}

static uint64_t pick_arg(struct fr *z, uint64_t fid, unsigned i, const uint64_t x[11])
{
	uint8_t s = u8(z);

	switch (s % 8U) {
	case 4:
		return pick_ipa(z, s >> 3);
	case 5:
		return u8(z);
	case 6:
		return u64(z);
	case 7:
		return edge_vals[(s >> 3) % 16U];
	default:
		return rsi_default(fid, i, x);
	}
}

/* The realm must not write its own code page: move buffer IPAs off it. */
static uint64_t off_agent(uint64_t ipa)
{
	return ipa >= AGENT_PAGE && ipa < AGENT_PAGE + PAGE ? ipa + PAGE : ipa;
}

static void sanitize_smc(uint64_t x[11])
{
	if (x[0] == RSI_ATTESTATION_TOKEN_CONTINUE_FID || x[0] == RSI_REALM_CONFIG_FID ||
	    x[0] == RSI_HOST_CALL_FID) {
		x[1] = off_agent(x[1]);
	}
}

static uint64_t rec_mpidr(struct fr *z, unsigned k)
{
	switch (k % 4U) {
	case 0:
		return z->a.rh.recs[1].mpidr;
	case 1:
		return z->a.rh.recs[0].mpidr;
	case 2:
		return 0x7U;
	default:
		return (uint64_t)k << 32 | 1U;
	}
}

/* PSCI / SMCCC call: FID from a table, arguments that matter to CPU_ON / AFFINITY_INFO. */
static void pick_psci(struct fr *z, uint64_t x[11])
{
	static const uint64_t fids[14] = {
		PSCI_CPU_ON_64, PSCI_CPU_ON_32, PSCI_AFFINITY_INFO_64, PSCI_AFFINITY_INFO_32,
		PSCI_VERSION, PSCI_FEATURES, SMCCC_VERSION, PSCI_CPU_SUSPEND_64, PSCI_CPU_OFF,
		PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, 0x8400000CULL, 0x84000005ULL, 0x80000001ULL,
	};
	uint8_t s = u8(z);
	uint8_t k = u8(z);

	x[0] = fids[s % 14U];
	x[1] = rec_mpidr(z, k);
	switch ((k >> 2) % 4U) {
	case 0:
		x[2] = AGENT_PAGE;            /* the agent's entry point */
		break;
	case 1:
		x[2] = UNPOP_IPA;
		break;
	case 2:
		x[2] = z->a.unprot_base;      /* outside the PAR */
		break;
	default:
		x[2] = u64(z);
		break;
	}
	x[3] = (k & 0x40U) != 0U ? u64(z) : z->a.mailbox_ipa; /* context_id: X0 of the new REC */
	if (x[0] == PSCI_FEATURES) {
		x[1] = fids[k % 14U];
	} else if (x[0] == PSCI_AFFINITY_INFO_64 || x[0] == PSCI_AFFINITY_INFO_32) {
		x[2] = (k & 0x80U) != 0U ? 1U : 0U; /* lowest affinity level */
	}
}

/* ---- the RSI oracle --------------------------------------------------- */

static bool fid_is_rsi(uint64_t fid)
{
	return fid >= RSI_VERSION_FID && fid <= RSI_HOST_CALL_FID;
}

/* A failure condition of commands.md "RSI commands" holds (all RSI_ERROR_INPUT). */
static bool rsi_input_error(const uint64_t x[11])
{
	switch (x[0]) {
	case RSI_MEASUREMENT_READ_FID:
		return x[1] > 4U;
	case RSI_MEASUREMENT_EXTEND_FID:
		return x[1] == 0U || x[1] > 4U || x[2] > 64U;
	case RSI_ATTESTATION_TOKEN_CONTINUE_FID:
		return (x[1] & (PAGE - 1U)) != 0U || x[1] >= PAR_TOP || x[2] >= PAGE ||
		       x[2] + x[3] < x[2] || x[2] + x[3] > PAGE;
	case RSI_REALM_CONFIG_FID:
		return (x[1] & (PAGE - 1U)) != 0U || x[1] >= PAR_TOP;
	case RSI_IPA_STATE_SET_FID:
		return (x[1] & (PAGE - 1U)) != 0U || (x[2] & (PAGE - 1U)) != 0U || x[2] <= x[1] ||
		       x[2] > PAR_TOP || (x[3] != RSI_EMPTY && x[3] != RSI_RAM);
	case RSI_IPA_STATE_GET_FID:
		return (x[1] & (PAGE - 1U)) != 0U || (x[2] & (PAGE - 1U)) != 0U || x[2] <= x[1] ||
		       x[2] > PAR_TOP;
	case RSI_HOST_CALL_FID:
		return (x[1] & 0xFFU) != 0U || x[1] >= PAR_TOP;
	default:
		return false;
	}
}

/* No service of the RMM answers @fid: SMCCC says X0 = -1 (SMC_UNKNOWN). */
static bool fid_unknown(uint64_t fid)
{
	uint64_t base = fid & ~0x1FULL;

	if ((fid >> 32) != 0U || fid_is_rsi(fid)) {
		return false;
	}
	if (base == 0x84000000ULL || base == 0xC4000000ULL) {
		return false; /* PSCI */
	}
	if (fid >= 0x80000000ULL && fid <= 0x8000FFFFULL) {
		return false; /* SMCCC Arm architecture calls */
	}
	/* Fast calls only: a yielding call (bit 31 clear) may be answered otherwise. */
	return (fid & 0x80000000ULL) != 0U;
}

static uint64_t res_word(struct fr *z, unsigned i)
{
	return agent_word(&z->a, AGENT_W_RES + i);
}

static bool exit_is_abort_at(const struct agent_exit *x, ipa_t ipa)
{
	return x->reason == RMI_EXIT_SYNC && (EC(x->esr) == 0x24U || EC(x->esr) == 0x20U) &&
	       (x->hpfar >> 4) == (ipa >> 12);
}

/* The first outcome of a command (its first non-IRQ exit, or its end). */
static void check_first(struct fr *z, const struct fr_cmd *c, bool done)
{
	const struct agent_exit *x = &z->a.exit;
	uint64_t fid = c->x[0];

	if (c->op != AGENT_OP_SMC) {
		return;
	}
	if (fid_unknown(fid)) {
		if (!done || res_word(z, 0) != SMC_UNKNOWN) {
			finding(z, "unknown FID 0x%" PRIx64 ": %s X0 0x%" PRIx64 " (want SMC_UNKNOWN, "
				"no exit)", fid, done ? "done" : "exit", done ? res_word(z, 0) : x->reason);
		}
		return;
	}
	if (!fid_is_rsi(fid)) {
		return;
	}
	if (rsi_input_error(c->x)) {
		if (!done || res_word(z, 0) != RSI_ERROR_INPUT) {
			finding(z, "RSI 0x%" PRIx64 "(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64
				", 0x%" PRIx64 ") breaks an INPUT condition: %s (reason %" PRIu64
				", X0 0x%" PRIx64 "), want RSI_ERROR_INPUT", fid, c->x[1], c->x[2],
				c->x[3], c->x[4], done ? "done" : "REC exit", x->reason,
				done ? res_word(z, 0) : 0U);
		}
		return;
	}
	if (done) {
		if (fid == RSI_IPA_STATE_SET_FID) {
			finding(z, "valid RSI_IPA_STATE_SET returned to the realm without "
				"RMI_EXIT_RIPAS_CHANGE (X0 0x%" PRIx64 ")", res_word(z, 0));
		}
		return;
	}
	switch (fid) {
	case RSI_IPA_STATE_SET_FID:
		if (x->reason != RMI_EXIT_RIPAS_CHANGE || x->ripas_base != c->x[1] ||
		    x->ripas_top != c->x[2] || x->ripas_value != c->x[3]) {
			finding(z, "RSI_IPA_STATE_SET [0x%" PRIx64 ", 0x%" PRIx64 ") %" PRIu64
				": exit reason %" PRIu64 " base 0x%" PRIx64 " top 0x%" PRIx64
				" value %" PRIu64, c->x[1], c->x[2], c->x[3], x->reason,
				x->ripas_base, x->ripas_top, x->ripas_value);
		}
		break;
	case RSI_HOST_CALL_FID:
		if (x->reason != RMI_EXIT_HOST_CALL && !exit_is_abort_at(x, c->x[1])) {
			finding(z, "RSI_HOST_CALL 0x%" PRIx64 ": exit reason %" PRIu64 " esr 0x%" PRIx64
				" hpfar 0x%" PRIx64, c->x[1], x->reason, x->esr, x->hpfar);
		}
		break;
	case RSI_ATTESTATION_TOKEN_CONTINUE_FID:
	case RSI_REALM_CONFIG_FID:
		if (!exit_is_abort_at(x, c->x[1])) {
			finding(z, "RSI 0x%" PRIx64 " buffer 0x%" PRIx64 ": exit reason %" PRIu64
				" esr 0x%" PRIx64 " hpfar 0x%" PRIx64 " (only a stage-2 abort on the "
				"buffer may exit)", fid, c->x[1], x->reason, x->esr, x->hpfar);
		}
		break;
	default:
		finding(z, "RSI 0x%" PRIx64 " made a REC exit (reason %" PRIu64 ", esr 0x%" PRIx64 ")",
			fid, x->reason, x->esr);
	}
}

static void sha256(const uint8_t *in, size_t len, uint8_t out[32])
{
#if MBEDTLS_VERSION_MAJOR >= 3
	(void)mbedtls_sha256(in, len, out, 0);
#else
	(void)mbedtls_sha256_ret(in, len, out, 0);
#endif
}

/* The command finished (the agent rang its doorbell again): its results. */
static void check_done(struct fr *z, struct fr_cmd *c)
{
	unsigned r = z->a.rec;
	uint64_t x0 = res_word(z, 0);
	uint64_t fid = c->x[0];
	uint64_t res[8];

	if (c->op != AGENT_OP_SMC) {
		/* A load's value (a fetch's code may leave one too): in the trace, for the reset test. */
		note(z, "  done: result word 0x%" PRIx64, x0);
		return;
	}
	for (unsigned i = 0; i < 8U; i++) {
		res[i] = res_word(z, i);
	}
	note(z, "  done: X0 0x%" PRIx64 " X1 0x%" PRIx64 " X2 0x%" PRIx64, res[0], res[1], res[2]);
	if (fid_is_rsi(fid) && x0 == RSI_SUCCESS) {
		fr_stats.rsi_ok[fid - RSI_VERSION_FID]++;
	}
	if (fid == PSCI_VERSION && x0 != PSCI_VERSION_1_1) {
		finding(z, "PSCI_VERSION: 0x%" PRIx64 ", want 1.1 (0x10001)", x0);
	}
	if (!fid_is_rsi(fid) || rsi_input_error(c->x)) {
		return;
	}
	switch (fid) {
	case RSI_VERSION_FID:
		if (z->v2) {
			/* A 2.0 realm: 1.0 and 1.1 accepted, highest 1.1 (den0137-2.0 rsi.md §1). */
			bool ok = c->x[1] == RSI_ABI_VERSION || c->x[1] == 0x10001U;

			if (res[2] != 0x10001U || x0 != (ok ? RSI_SUCCESS : RSI_ERROR_INPUT) ||
			    res[1] != (ok ? c->x[1] : 0x10001U)) {
				finding(z, "RSI_VERSION(0x%" PRIx64 ") of a 2.0 realm = 0x%" PRIx64
					" lower 0x%" PRIx64 " higher 0x%" PRIx64, c->x[1], x0, res[1],
					res[2]);
			}
			break;
		}
		if (res[1] != RSI_ABI_VERSION || res[2] != RSI_ABI_VERSION ||
		    (c->x[1] == RSI_ABI_VERSION && x0 != RSI_SUCCESS) ||
		    (x0 != RSI_SUCCESS && x0 != RSI_ERROR_INPUT)) {
			finding(z, "RSI_VERSION(0x%" PRIx64 ") = 0x%" PRIx64 " lower 0x%" PRIx64
				" higher 0x%" PRIx64, c->x[1], x0, res[1], res[2]);
		}
		break;
	case RSI_FEATURES_FID:
		if (x0 != RSI_SUCCESS || res[1] != 0U) {
			finding(z, "RSI_FEATURES(%" PRIu64 ") = 0x%" PRIx64 " X1 0x%" PRIx64, c->x[1],
				x0, res[1]);
		}
		break;
	case RSI_MEASUREMENT_READ_FID:
		if (x0 != RSI_SUCCESS) {
			finding(z, "RSI_MEASUREMENT_READ(%" PRIu64 ") = 0x%" PRIx64, c->x[1], x0);
		}
		/* SHA-256 realm: bytes 32..63 zero; REMs as the model computed them. */
		for (unsigned i = 1; i < 8U; i++) {
			uint64_t want = 0;

			if (c->x[1] != 0U && i <= 4U) {
				memcpy(&want, &z->rem[c->x[1]][8U * (i - 1U)], 8U);
			}
			if ((c->x[1] != 0U || i > 4U) && !z->rem_unknown[c->x[1]] && res[i] != want) {
				finding(z, "RSI_MEASUREMENT_READ(%" PRIu64 ") X%u = 0x%" PRIx64
					", want 0x%" PRIx64, c->x[1], i, res[i], want);
			}
		}
		break;
	case RSI_MEASUREMENT_EXTEND_FID: {
		uint8_t buf[32 + 64];

		if (x0 != RSI_SUCCESS) {
			finding(z, "RSI_MEASUREMENT_EXTEND(%" PRIu64 ", %" PRIu64 ") = 0x%" PRIx64,
				c->x[1], c->x[2], x0);
		}
		memcpy(buf, z->rem[c->x[1]], 32U);
		for (unsigned i = 0; i < 8U; i++) {
			memcpy(buf + 32U + 8U * i, &c->x[3U + i], 8U);
		}
		sha256(buf, 32U + c->x[2], z->rem[c->x[1]]);
		break;
	}
	case RSI_ATTESTATION_TOKEN_INIT_FID:
		if (x0 != RSI_SUCCESS || res[1] == 0U) {
			finding(z, "RSI_ATTESTATION_TOKEN_INIT = 0x%" PRIx64 " bound %" PRIu64, x0,
				res[1]);
		}
		z->token[r] = true;
		z->token_unknown[r] = false;
		break;
	case RSI_ATTESTATION_TOKEN_CONTINUE_FID:
		if (z->token_unknown[r]) {
			break;
		}
		if (!z->token[r] && (x0 == RSI_SUCCESS || x0 == RSI_INCOMPLETE)) {
			finding(z, "RSI_ATTESTATION_TOKEN_CONTINUE without INIT = 0x%" PRIx64, x0);
		}
		if (z->token[r] && x0 == RSI_ERROR_STATE) {
			finding(z, "RSI_ATTESTATION_TOKEN_CONTINUE during a token = ERROR_STATE");
		}
		if ((x0 == RSI_SUCCESS || x0 == RSI_INCOMPLETE) && res[1] > c->x[3]) {
			finding(z, "RSI_ATTESTATION_TOKEN_CONTINUE wrote %" PRIu64 " > size %" PRIu64,
				res[1], c->x[3]);
		}
		if (x0 == RSI_SUCCESS || x0 == RSI_ERROR_UNKNOWN) {
			z->token[r] = false;
			fr_stats.tokens_done += x0 == RSI_SUCCESS;
		}
		break;
	case RSI_REALM_CONFIG_FID:
		if (x0 != RSI_SUCCESS && x0 != RSI_ERROR_INPUT) {
			finding(z, "RSI_REALM_CONFIG(0x%" PRIx64 ") = 0x%" PRIx64, c->x[1], x0);
		}
		break;
	case RSI_IPA_STATE_SET_FID:
		if (x0 != RSI_SUCCESS || res[1] != c->ripas_progress ||
		    (res[2] != RSI_ACCEPT && res[2] != RSI_REJECT) ||
		    (!c->ripas_reject && res[2] != RSI_ACCEPT)) {
			finding(z, "RSI_IPA_STATE_SET [0x%" PRIx64 ", 0x%" PRIx64 ") completed with X0 0x%"
				PRIx64 " X1 0x%" PRIx64 " (host reached 0x%" PRIx64 ") X2 %" PRIu64
				" (host %s)", c->x[1], c->x[2], x0, res[1], c->ripas_progress, res[2],
				c->ripas_reject ? "rejected" : "accepted");
		}
		break;
	case RSI_IPA_STATE_GET_FID:
		if (x0 != RSI_SUCCESS || res[1] <= c->x[1] || res[1] > c->x[2] || res[2] > RSI_DESTROYED ||
		    (c->x[1] == AGENT_PAGE && res[2] != RSI_RAM)) {
			finding(z, "RSI_IPA_STATE_GET [0x%" PRIx64 ", 0x%" PRIx64 ") = 0x%" PRIx64
				" top 0x%" PRIx64 " ripas %" PRIu64, c->x[1], c->x[2], x0, res[1],
				res[2]);
		}
		break;
	case RSI_HOST_CALL_FID:
		if (x0 != (c->exited_hc ? RSI_SUCCESS : RSI_ERROR_INPUT)) {
			finding(z, "RSI_HOST_CALL(0x%" PRIx64 ") = 0x%" PRIx64 " after %s host call exit",
				c->x[1], x0, c->exited_hc ? "a" : "no");
		}
		break;
	default:
		break;
	}
}

/* ---- running the realm ------------------------------------------------- */

/* After one agent command / resume of the current REC (@flags of its first entry). */
static void after_enter(struct fr *z, enum agent_status st, bool first, uint64_t flags)
{
	unsigned r = z->a.rec;
	struct fr_cmd *c = &z->cmd[r];
	const struct agent_exit *x = &z->a.exit;

	if (st == AGENT_FAILED && x->status != RMI_SUCCESS) {
		/* REC_ENTER refused: nothing ran, the REC is where it was. */
		fr_stats.refused++;
		note(z, "  REC_ENTER rec %u flags 0x%" PRIx64 " refused: %u/%u", r, flags, x->status,
		     x->index);
		if (x->status == RMI_ERROR_REALM) {
			z->dead = true;
			fr_stats.dead++;
		}
		if (z->rs[r] == R_MID) {
			z->a.exit = z->last[r];
		} else if (first) {
			c->active = false;
		}
		return;
	}
	/* A successful entry: a pending RIPAS request was answered by it. */
	z->ripas_pending[r] = false;
	if (c->active && c->exited_ripas && !c->ripas_done) {
		c->ripas_done = true;
		c->ripas_reject = (flags & RMI_REC_ENTER_FLAG_RIPAS_RESPONSE) != 0U;
	}
	if (st == AGENT_FAILED) {
		note(z, "  rec %u lost: %s", r, z->a.rh.res.error);
		fr_stats.lost++;
		z->rs[r] = R_LOST;
		c->active = false;
		return;
	}
	if (c->active && agent_word(&z->a, AGENT_W_EXC) != c->exc) {
		/* The realm took an exception (an injected SEA): the SMC may not have run. */
		note(z, "  rec %u took an exception: esr 0x%" PRIx64, r,
		     agent_word(&z->a, AGENT_W_ESR));
		if (c->op == AGENT_OP_SMC && c->x[0] == RSI_MEASUREMENT_EXTEND_FID && c->x[1] < 5U) {
			z->rem_unknown[c->x[1]] = true;
		}
		if (c->op == AGENT_OP_SMC && (c->x[0] == RSI_ATTESTATION_TOKEN_INIT_FID ||
					      c->x[0] == RSI_ATTESTATION_TOKEN_CONTINUE_FID)) {
			z->token_unknown[r] = true;
		}
		c->active = false;
	}
	if (c->active && c->judge && first) {
		check_first(z, c, st == AGENT_DONE);
	}
	if (st == AGENT_DONE) {
		z->rs[r] = R_IDLE;
		if (c->active && c->judge) {
			check_done(z, c);
		}
		c->active = false;
		return;
	}
	z->rs[r] = R_MID;
	z->last[r] = *x;
	fr_stats.exits[x->reason < 7U ? x->reason : 7U]++;
	note(z, "  exit rec %u reason %" PRIu64 " esr 0x%" PRIx64 " hpfar 0x%" PRIx64
	     " gprs0 0x%" PRIx64 " gprs1 0x%" PRIx64 " ripas [0x%" PRIx64 ", 0x%" PRIx64 ") %" PRIu64,
	     r, x->reason, x->esr, x->hpfar, x->gprs[0], x->gprs[1], x->ripas_base, x->ripas_top,
	     x->ripas_value);
	if (x->reason == RMI_EXIT_RIPAS_CHANGE) {
		z->ripas_pending[r] = true;
		if (c->active) {
			c->exited_ripas = true;
			c->ripas_done = false;
			c->ripas_progress = x->ripas_base;
		}
	} else if (x->reason == RMI_EXIT_HOST_CALL) {
		fr_stats.host_calls++;
		if (c->active) {
			c->exited_hc = true;
		}
	} else if (x->reason == RMI_EXIT_PSCI) {
		uint64_t fid = x->gprs[0];

		z->psci_pending[r] = fid == PSCI_CPU_ON_32 || fid == PSCI_CPU_ON_64 ||
				     fid == PSCI_AFFINITY_INFO_32 || fid == PSCI_AFFINITY_INFO_64;
		/* The RMM makes the realm SYSTEM_OFF at this exit (PSCI SYSTEM_OFF/RESET). */
		if (fid == PSCI_SYSTEM_OFF || fid == PSCI_SYSTEM_RESET) {
			z->sysoff = true;
		}
	}
}

static void write_mailbox(struct fr *z, unsigned w, uint64_t v)
{
	(void)rmmsim_ns_write(z->a.rh.sim, z->a.mailbox_pa + 8U * w, &v, sizeof(v));
}

/* Starts a command on the current (IDLE) REC. */
static void command(struct fr *z, unsigned op, const uint64_t x[11], uint64_t flags)
{
	unsigned r = z->a.rec;
	struct fr_cmd *c = &z->cmd[r];
	enum agent_status st;

	fr_stats.commands++;
	memset(c, 0, sizeof(*c));
	c->active = true;
	c->op = op;
	memcpy(c->x, x, sizeof(c->x));
	c->exc = agent_word(&z->a, AGENT_W_EXC);
	c->judge = z->sane[r];
	write_mailbox(z, AGENT_W_OP, op);
	for (unsigned i = 0; i < 11U; i++) {
		write_mailbox(z, AGENT_W_ARG + i, x[i]);
	}
	write_mailbox(z, AGENT_W_RES, 0);
	note(z, "rec %u op %u x0 0x%" PRIx64 " x1 0x%" PRIx64 " x2 0x%" PRIx64 " x3 0x%" PRIx64
	     " x4 0x%" PRIx64 " flags 0x%" PRIx64, r, op, x[0], x[1], x[2], x[3], x[4], flags);
	flags |= RMI_REC_ENTER_FLAG_EMUL_MMIO; /* completes the doorbell store */
	st = agent_resume(&z->a, flags, NULL, 0);
	after_enter(z, st, true, flags);
}

/* Extra entry flags from one byte: the architected ones and reserved bits. */
static uint64_t pick_flags(struct fr *z)
{
	uint8_t g = u8(z);

	switch (g % 8U) {
	case 0:
		return RMI_REC_ENTER_FLAG_TRAP_WFI;
	case 1:
		return RMI_REC_ENTER_FLAG_TRAP_WFE;
	case 2:
		return RMI_REC_ENTER_FLAG_INJECT_SEA;
	case 3:
		return RMI_REC_ENTER_FLAG_RIPAS_RESPONSE;
	case 4:
		return 1ULL << (5U + (g >> 3) % 59U);
	case 5:
		return u64(z);
	default:
		return 0;
	}
}

static unsigned rec_of_mpidr(struct fr *z, uint64_t mpidr)
{
	for (unsigned i = 0; i < z->a.rh.num_recs; i++) {
		if (z->a.rh.recs[i].mpidr == mpidr) {
			return i;
		}
	}
	return 0;
}

/* RMI_RTT_SET_RIPAS for REC @rec over [base, top); the agent's page never becomes EMPTY. */
static struct rh_ret set_ripas(struct fr *z, unsigned rec, ipa_t base, ipa_t top, bool clamp)
{
	struct rh_ret ret = { .status = RMI_ERROR_INPUT };

	if (clamp && base < AGENT_PAGE + PAGE && top > AGENT_PAGE) {
		if (base >= AGENT_PAGE) {
			return ret;
		}
		top = AGENT_PAGE;
	}
	ret = rmi(z, RMI_RTT_SET_RIPAS_FID, z->a.rh.rd, z->a.rh.recs[rec].pa, base, top);
	if (ret.status == RMI_SUCCESS) {
		if (!z->ripas_pending[rec] || ret.x[1] <= base || ret.x[1] > top) {
			finding(z, "RMI_RTT_SET_RIPAS(rec %u, 0x%" PRIx64 ", 0x%" PRIx64 ") succeeded "
				"with out_top 0x%" PRIx64 " (%s)", rec, base, top, ret.x[1],
				z->ripas_pending[rec] ? "not in (base, top]" : "no request pending");
		}
		fr_stats.ripas_applied++;
		if (z->cmd[rec].active && z->cmd[rec].exited_ripas) {
			z->cmd[rec].ripas_progress = ret.x[1];
		}
	}
	return ret;
}

/*
 * A successful RMI_PSCI_COMPLETE by @caller for the REC at @tpa: a CPU_ON
 * completed with PSCI_SUCCESS resets the target to the entry point and
 * context_id of the caller's CPU_ON; the oracle judges the target's
 * commands only if those were the agent's and the mailbox.
 */
static void psci_completed(struct fr *z, unsigned caller, pa_t tpa, uint64_t status)
{
	const struct fr_cmd *c = &z->cmd[caller];
	uint64_t fid = z->last[caller].gprs[0];

	if (!z->psci_pending[caller]) {
		finding(z, "RMI_PSCI_COMPLETE succeeded for REC %u with no PSCI request pending",
			caller);
	}
	z->psci_pending[caller] = false;
	fr_stats.psci_completed++;
	if ((fid != PSCI_CPU_ON_32 && fid != PSCI_CPU_ON_64) || status != 0U) {
		return;
	}
	for (unsigned i = 0; i < z->a.rh.num_recs; i++) {
		if (z->a.rh.recs[i].pa == tpa) {
			z->sane[i] = c->active && c->op == AGENT_OP_SMC && c->x[0] == fid &&
				     c->x[2] == AGENT_PAGE && c->x[3] == z->a.mailbox_ipa;
		}
	}
}

/* The host's reaction to the pending exit of the current REC, variant @v. */
static void react(struct fr *z, uint8_t v)
{
	unsigned r = z->a.rec;
	const struct agent_exit x = z->last[r];
	uint64_t flags = 0;
	uint64_t gprs[31] = { 0 };
	unsigned ng = 0;
	enum agent_status st;

	switch (x.reason) {
	case RMI_EXIT_RIPAS_CHANGE: {
		bool empty = x.ripas_value == RMI_EMPTY;
		ipa_t base = z->cmd[r].active ? z->cmd[r].ripas_progress : x.ripas_base;

		switch (v % 4U) {
		case 0: /* apply it all, creating RTTs the walk needs */
			for (unsigned i = 0; i < 8U && base < x.ripas_top; i++) {
				struct rh_ret ret = set_ripas(z, r, base, x.ripas_top, empty);

				if (ret.status == RMI_SUCCESS) {
					base = ret.x[1];
				} else if (ret.status != RMI_ERROR_RTT || !rtt_ensure(z, base)) {
					break;
				}
			}
			break;
		case 1: { /* part of it */
			ipa_t top = base + ((v >> 2) % 4U + 1U) * PAGE;

			(void)set_ripas(z, r, base, top < x.ripas_top ? top : x.ripas_top, empty);
			break;
		}
		case 2:
			flags = RMI_REC_ENTER_FLAG_RIPAS_RESPONSE;
			break;
		default: { /* the host's own arguments, possibly for the wrong REC */
			ipa_t b = (v & 0x10U) != 0U ? pick_ipa(z, u8(z)) : base;
			ipa_t t = (v & 0x20U) != 0U ? pick_ipa(z, u8(z)) : x.ripas_top;

			(void)set_ripas(z, (v & 0x40U) != 0U ? r ^ 1U : r, b, t, true);
			break;
		}
		}
		break;
	}
	case RMI_EXIT_HOST_CALL: {
		uint64_t seed = u64(z);

		ng = 1U + v % 31U;
		for (unsigned i = 0; i < ng; i++) {
			gprs[i] = seed + i;
		}
		break;
	}
	case RMI_EXIT_PSCI: {
		static const uint64_t status[4] = { 0, (uint64_t)-3, (uint64_t)-2, (uint64_t)-4 };
		unsigned target = rec_of_mpidr(z, x.gprs[1]);
		unsigned caller = (v & 0x40U) != 0U ? r ^ 1U : r;
		pa_t tpa;

		switch ((v >> 3) % 4U) {
		case 0:
			tpa = z->a.rh.recs[target].pa;
			break;
		case 1:
			tpa = z->a.rh.recs[target ^ 1U].pa;
			break;
		case 2:
			tpa = z->a.rh.recs[r].pa;
			break;
		default:
			tpa = z->a.rh.rd;
			break;
		}
		if (v % 6U != 5U) {
			uint64_t s = v % 6U == 4U ? u64(z) : status[v % 6U];
			struct rh_ret ret =
				rmi(z, RMI_PSCI_COMPLETE_FID, z->a.rh.recs[caller].pa, tpa, s, 0);

			if (ret.status == RMI_SUCCESS) {
				psci_completed(z, caller, tpa, s);
			}
		}
		break;
	}
	case RMI_EXIT_SYNC: {
		ipa_t ipa = (x.hpfar >> 4) << 12;
		bool abort = EC(x.esr) == 0x24U || EC(x.esr) == 0x20U;

		if (abort && (x.esr & ESR_ISV) != 0U) {
			static const uint64_t f[4] = {
				RMI_REC_ENTER_FLAG_EMUL_MMIO, RMI_REC_ENTER_FLAG_INJECT_SEA,
				RMI_REC_ENTER_FLAG_EMUL_MMIO | RMI_REC_ENTER_FLAG_INJECT_SEA, 0,
			};

			flags = f[v % 4U];
			gprs[0] = u64(z);
			ng = 1;
		} else if (abort) {
			static const uint64_t f[4] = { 0, RMI_REC_ENTER_FLAG_INJECT_SEA,
						       RMI_REC_ENTER_FLAG_EMUL_MMIO, 0 };

			if (v % 4U == 0U) {
				(void)populate(z, ipa);
			}
			flags = f[v % 4U];
		} else {
			static const uint64_t f[4] = {
				0, 0, RMI_REC_ENTER_FLAG_TRAP_WFI | RMI_REC_ENTER_FLAG_TRAP_WFE,
				RMI_REC_ENTER_FLAG_INJECT_SEA,
			};

			flags = f[v % 4U];
			if (v % 4U == 1U) {
				gprs[0] = u64(z);
				ng = 1;
			}
		}
		break;
	}
	default:
		break;
	}
	if ((v & 0x80U) != 0U) {
		flags |= pick_flags(z);
	}
	note(z, "react rec %u to reason %" PRIu64 " (v 0x%x): flags 0x%" PRIx64, r, x.reason, v,
	     flags);
	st = agent_resume(&z->a, flags, gprs, ng);
	after_enter(z, st, false, flags);
}

/* ---- host actions ------------------------------------------------------ */

static void host_destroy(struct fr *z, uint8_t k)
{
	struct rh_realm *rh = &z->a.rh;
	struct rh_data d;
	struct rh_ret ret;
	size_t i;

	if (rh->num_data <= 1U) {
		return;
	}
	i = k % rh->num_data;
	if (rh->data[i].ipa == AGENT_PAGE) {
		i = (i + 1U) % rh->num_data;
	}
	d = rh->data[i];
	ret = rmi(z, RMI_DATA_DESTROY_FID, rh->rd, d.ipa, 0, 0);
	if (ret.status != RMI_SUCCESS || ret.x[1] != d.pa) {
		finding(z, "DATA_DESTROY of the DATA at 0x%" PRIx64 " (PA 0x%" PRIx64 "): %u/%u X1 0x%"
			PRIx64, d.ipa, d.pa, ret.status, ret.index, ret.x[1]);
	}
	rh->data[i] = rh->data[--rh->num_data];
	if (rmi(z, RMI_GRANULE_UNDELEGATE_FID, d.pa, 0, 0, 0).status != RMI_SUCCESS) {
		finding(z, "UNDELEGATE after DATA_DESTROY of 0x%" PRIx64 " failed", d.pa);
	}
	if (z->ndestroyed < MAX_DESTROYED) {
		z->destroyed[z->ndestroyed++] = d.ipa;
	}
}

static void host_ns(struct fr *z, uint8_t k)
{
	struct rh_realm *rh = &z->a.rh;

	if ((k & 3U) == 0U && z->nun < MAX_UNPROT) {
		ipa_t ipa = z->a.unprot_base + NS_MAP_BASE + z->nun * PAGE;
		pa_t ns = rh_ns_alloc(rh);
		uint64_t marker = 0xA5A5000000000000ULL | ipa;
		struct rh_ret ret;

		if (ns == 0U || !rtt_ensure(z, ipa)) {
			return;
		}
		(void)rmmsim_ns_write(rh->sim, ns, &marker, sizeof(marker));
		ret = rmi(z, RMI_RTT_MAP_UNPROTECTED_FID, rh->rd, ipa, 3,
			  ns | (0x6ULL << 2) | (0x3ULL << 6));
		/*
		 * 2.0 UNPROT_MAP needs a NEW or ACTIVE realm (commands.md): not
		 * after SYSTEM_OFF, which a REC's PSCI SYSTEM_OFF/RESET exit sets
		 * (the REC_ENTER refusal is not needed to know it).
		 */
		if (z->v2 && (z->dead || z->sysoff) && ret.status == RMI_ERROR_REALM) {
			return;
		}
		if (ret.status != RMI_SUCCESS) {
			finding(z, "RTT_MAP_UNPROTECTED 0x%" PRIx64 " after its RTTs: %u/%u", ipa,
				ret.status, ret.index);
		}
		z->un[z->nun].ipa = ipa;
		z->un[z->nun].ns = ns;
		z->un[z->nun].delegated = false;
		z->nun++;
	} else if ((k & 3U) == 1U && z->nun > 0U) {
		unsigned i = (k >> 2) % z->nun;

		if (!z->un[i].delegated &&
		    rmi(z, RMI_GRANULE_DELEGATE_FID, z->un[i].ns, 0, 0, 0).status != RMI_SUCCESS) {
			finding(z, "DELEGATE of the NS page 0x%" PRIx64 " mapped Unprotected failed",
				z->un[i].ns);
		}
		z->un[i].delegated = true;
	} else if ((k & 3U) == 2U && z->nun > 0U) {
		unsigned i = z->nun - 1U;
		struct rh_ret ret = rmi(z, RMI_RTT_UNMAP_UNPROTECTED_FID, rh->rd, z->un[i].ipa, 3, 0);

		if (ret.status != RMI_SUCCESS) {
			finding(z, "RTT_UNMAP_UNPROTECTED 0x%" PRIx64 ": %u/%u", z->un[i].ipa,
				ret.status, ret.index);
		}
		if (z->un[i].delegated &&
		    rmi(z, RMI_GRANULE_UNDELEGATE_FID, z->un[i].ns, 0, 0, 0).status != RMI_SUCCESS) {
			finding(z, "UNDELEGATE of the NS page 0x%" PRIx64 " failed", z->un[i].ns);
		}
		z->nun--;
	}
}

/* RMI calls whose failure the realm's state decides. */
static void host_rmi(struct fr *z, uint8_t v)
{
	struct rh_realm *rh = &z->a.rh;
	unsigned rec = (v >> 4) & 1U;
	struct rh_ret ret;

	switch (v % 6U) {
	case 0: { /* RTT_SET_RIPAS, maybe with no request pending */
		ipa_t b = pick_ipa(z, u8(z));
		ipa_t t = pick_ipa(z, u8(z));

		(void)set_ripas(z, rec, b, t, true);
		break;
	}
	case 1: /* RTT_INIT_RIPAS on an ACTIVE realm */
		ret = rmi(z, RMI_RTT_INIT_RIPAS_FID, rh->rd, pick_ipa(z, u8(z)), pick_ipa(z, u8(z)), 0);
		if (ret.status == RMI_SUCCESS) {
			finding(z, "RTT_INIT_RIPAS succeeded on an ACTIVE realm");
		}
		break;
	case 2: { /* PSCI_COMPLETE, maybe with nothing pending */
		uint64_t s = (v & 0x20U) != 0U ? u64(z) : 0U;

		ret = rmi(z, RMI_PSCI_COMPLETE_FID, rh->recs[rec].pa, rh->recs[rec ^ 1U].pa, s, 0);
		if (ret.status == RMI_SUCCESS) {
			psci_completed(z, rec, rh->recs[rec ^ 1U].pa, s);
		}
		break;
	}
	case 3: { /* DATA_CREATE (measured) on an ACTIVE realm */
		pa_t pa = rh_delegate(rh);
		pa_t src = rh->ns_base;

		if (pa == 0U) {
			break;
		}
		ret = rmi(z, RMI_DATA_CREATE_FID, rh->rd, pa, pick_ipa(z, u8(z)), src);
		if (ret.status == RMI_SUCCESS) {
			finding(z, "DATA_CREATE succeeded on an ACTIVE realm");
		}
		leak(z, pa);
		break;
	}
	case 4: /* REALM_DESTROY with live RECs and RTTs */
		ret = rmi(z, RMI_REALM_DESTROY_FID, rh->rd, 0, 0, 0);
		if (ret.status == RMI_SUCCESS) {
			finding(z, "REALM_DESTROY succeeded on a realm with RECs");
		}
		break;
	default: { /* a raw REC_ENTER of either REC, any flags: reruns the mailbox command */
		uint64_t flags = pick_flags(z) | ((v & 0x20U) != 0U ? RMI_REC_ENTER_FLAG_EMUL_MMIO : 0U);
		unsigned cur = z->a.rec;
		enum agent_status st;

		if (z->dead || z->rs[rec] == R_LOST) {
			break;
		}
		note(z, "raw REC_ENTER rec %u flags 0x%" PRIx64, rec, flags);
		/*
		 * The agent reruns whatever the mailbox holds: an EXTEND the model
		 * does not see, or a token call. Those models are unknown from here.
		 */
		for (unsigned i = 1; i < 5U; i++) {
			z->rem_unknown[i] = true;
		}
		z->token_unknown[rec] = true;
		z->a.rec = rec;
		z->cmd[rec].active = false;
		st = agent_resume(&z->a, flags, NULL, 0);
		after_enter(z, st, false, flags);
		z->a.rec = cur;
		break;
	}
	}
}

/* Commands switch to the other REC; REC 1 is started (run to its doorbell) first. */
static void switch_rec(struct fr *z)
{
	unsigned r = z->a.rec ^ 1U;
	enum agent_status st;

	z->a.rec = r;
	note(z, "switch to rec %u (state %d)", r, (int)z->rs[r]);
	if (z->rs[r] != R_OFF || z->dead) {
		return;
	}
	z->cmd[r].active = false;
	st = agent_resume(&z->a, 0, NULL, 0);
	after_enter(z, st, false, 0);
	if (z->rs[r] == R_IDLE) {
		fr_stats.rec1_started++;
	}
}

/* ---- one input --------------------------------------------------------- */

static void step(struct fr *z)
{
	uint8_t opb = u8(z);
	unsigned op = opb & 0x0FU;
	unsigned r = z->a.rec;
	uint64_t x[11] = { 0 };
	uint64_t flags = 0;

	if (op <= 6U && (z->rs[r] != R_IDLE || z->dead)) {
		op = 7;
	}
	if (op >= 13U) {
		op = 7;
	}
	if (op <= 6U && (opb & 0x80U) != 0U) {
		flags = pick_flags(z);
	}
	switch (op) {
	case 0:
	case 1:
		x[0] = RSI_VERSION_FID + u8(z) % 10U;
		for (unsigned i = 1; i < 11U; i++) {
			x[i] = pick_arg(z, x[0], i, x);
		}
		break;
	case 2:
		pick_psci(z, x);
		break;
	case 3:
		x[0] = u64(z);
		for (unsigned i = 1; i < 11U; i++) {
			x[i] = pick_arg(z, x[0], i, x);
		}
		break;
	case 4:
	case 5:
	case 6:
		x[0] = pick_ipa(z, u8(z));
		x[1] = (opb & 0x40U) != 0U ? u64(z) : 0x14000000D503201FULL; /* NOP; B . */
		if (op != 4U) {
			x[0] = off_agent(x[0]);
		}
		break;
	case 7:
		if (z->rs[r] == R_MID && !z->dead) {
			react(z, u8(z));
		} else if (z->rs[r] != R_MID) {
			switch_rec(z); /* this REC cannot run commands: back to the other one */
		}
		return;
	case 8:
		(void)populate(z, pick_ipa(z, u8(z)));
		return;
	case 9:
		host_destroy(z, u8(z));
		return;
	case 10:
		host_ns(z, u8(z));
		return;
	case 11:
		host_rmi(z, u8(z));
		return;
	default:
		switch_rec(z);
		return;
	}
	if (z->dead) {
		return;
	}
	if (op <= 3U) {
		sanitize_smc(x);
		command(z, AGENT_OP_SMC, x, flags);
		return;
	}
	/* The load/store/fetch words: ARG = address, ARG+1 = value (agent_host.h). */
	{
		uint64_t w[11] = { x[0], x[1] };

		command(z, op == 4U ? AGENT_OP_LOAD : (op == 5U ? AGENT_OP_STORE : AGENT_OP_FETCH), w,
			flags);
	}
}

static void teardown(struct fr *z)
{
	struct rh_realm *rh = &z->a.rh;

	note(z, "teardown");

	for (unsigned i = z->nun; i-- > 0U;) {
		struct rh_ret ret = rmi(z, RMI_RTT_UNMAP_UNPROTECTED_FID, rh->rd, z->un[i].ipa, 3, 0);

		if (ret.status != RMI_SUCCESS) {
			finding(z, "teardown: RTT_UNMAP_UNPROTECTED 0x%" PRIx64 ": %u", z->un[i].ipa,
				ret.status);
		}
		if (z->un[i].delegated &&
		    rmi(z, RMI_GRANULE_UNDELEGATE_FID, z->un[i].ns, 0, 0, 0).status != RMI_SUCCESS) {
			finding(z, "teardown: UNDELEGATE of NS page 0x%" PRIx64 " failed", z->un[i].ns);
		}
	}
	z->nun = 0;
	if (!agent_teardown(&z->a)) {
		finding(z, "teardown: %s", rh->res.error);
	}
	for (unsigned i = 0; i < z->nleaked; i++) {
		if (rmi(z, RMI_GRANULE_UNDELEGATE_FID, z->leaked[i], 0, 0, 0).status != RMI_SUCCESS) {
			finding(z, "teardown: UNDELEGATE of unused granule 0x%" PRIx64 " failed",
				z->leaked[i]);
		}
	}
	check_invariants(z, "teardown");
	/* Every granule the input took from the pool is UNDELEGATED and NS again. */
	for (pa_t pa = rh->pool_base; pa < rh->pool_next; pa += PAGE) {
		int s = rmmsim_granule_state(fr_sim, pa);
		int pas = rmmsim_pas(fr_sim, pa);

		if (s != RMM_GRANULE_UNDELEGATED || pas != GPT_GPI_NS) {
			finding(z, "after teardown granule 0x%" PRIx64 " is %s, GPI 0x%x", pa,
				rmmsim_granule_state_name(s), (unsigned)pas);
		}
	}
}

/*
 * Persistence (docs/fuzzing.md "fuzz_rsi persistence"): one platform per
 * RMI ABI, each with its realm built once (agent_init, the populated page)
 * and a snapshot taken (plat_snap_take); after every input the platform
 * is rewound (plat_snap_rewind: the granules the input noted, the GPT, the
 * RMM, the realm engine, parked if a teardown retired it) and the agent's
 * bookkeeping copied back. What cannot be rewound (more granules than the
 * log holds, RMI 2.0 GPT L1 changes) rebuilds that platform before the
 * next input.
 */
struct fr_world {
	struct rmmsim *sim;
	struct agent a;           /* the agent right after the build */
	uint64_t builds;
};

static struct fr_world fr_worlds[2]; /* [0] RMI 1.0, [1] RMI 2.0 */
static bool fr_teardown_all;
void (*fr_before_reset)(void);

static void world_build(struct fr_world *w, bool v2)
{
	static struct fr z;
	struct rh_config cfg = { .num_recs = 2, .rmi_abi = v2 ? 2U : 0U };
	char err[256];

	memset(&z, 0, sizeof(z));
	w->sim = fr_world_platform();
	fr_sim = w->sim;
	z.v2 = v2;
	if (!v2) {
		/* The platform speaks both: 1.0 selected, as a 1.0 host would (abi.md). */
		struct smc_regs v = { .x = { RMI_VERSION_FID, RMI_ABI_VERSION } };

		rmmsim_smc(fr_sim, RMMSIM_CALLER_NS, &v);
	}
	/* 2.0: realm_host negotiates 2.0, configures and activates the RMM. */
	if (!agent_init(&z.a, fr_sim, &cfg)) {
		finding(&z, "agent_init: %s", z.a.rh.res.error);
	}
	z.a.max_irq = 4;
	if (!populate(&z, POP_IPA)) {
		finding(&z, "populating 0x%" PRIx64 ": %s", (uint64_t)POP_IPA, z.a.rh.res.error);
	}
	/*
	 * One RSI call and a load of the populated page, so that the snapshot's
	 * stage 2 maps the mailbox and that page too: inputs then start with
	 * them mapped and their translated code kept (plat_snap.c).
	 */
	{
		uint64_t x[11] = { RSI_VERSION_FID, RSI_ABI_VERSION };

		if (agent_smc(&z.a, x, NULL) != AGENT_DONE || agent_load(&z.a, POP_IPA, NULL) != AGENT_DONE) {
			finding(&z, "warm-up commands: %s", z.a.rh.res.error);
		}
	}
	check_invariants(&z, "agent_init");
	/* The measurement log is not needed again; closed so copies of the agent share nothing. */
	if (z.a.rh.mlog != NULL) {
		fclose(z.a.rh.mlog);
		z.a.rh.mlog = NULL;
	}
	free(z.a.rh.mlog_buf);
	z.a.rh.mlog_buf = NULL;
	w->a = z.a;
	if (plat_snap_take(fr_sim, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_rsi: plat_snap_take: %s\n", err);
		exit(2);
	}
	w->builds++;
}

static struct fr_world *world(bool v2)
{
	struct fr_world *w = &fr_worlds[v2 ? 1 : 0];

	if (w->sim == NULL) {
		world_build(w, v2);
	}
	fr_sim = w->sim;
	return w;
}

static void print_world_stats(FILE *out)
{
	for (unsigned w = 0; w < 2U; w++) {
		struct plat_snap_stats st = { 0 };

		if (fr_worlds[w].sim != NULL) {
			plat_snap_get_stats(fr_worlds[w].sim, &st);
		}
		fprintf(out, "fuzz_rsi %s platform: built %" PRIu64 " rewinds %" PRIu64
			" granules noted %" PRIu64 " restored %" PRIu64 " saved %" PRIu64 "\n",
			w == 0U ? "1.0" : "2.0", fr_worlds[w].builds, st.rewinds, st.dirty,
			st.restored, st.saved);
	}
}

void fr_setup(void)
{
	if (fr_worlds[0].sim != NULL) {
		return;
	}
	fr_teardown_all = getenv("FUZZ_RSI_TEARDOWN") != NULL;
	(void)world(false);
}

uint64_t fr_state_digest(void)
{
	struct fr_world *w = world(false);

	return fr_world_digest(w->sim, &w->a.rh);
}

uint64_t fr_state_digest_v2(void)
{
	struct fr_world *w = world(true);

	return fr_world_digest(w->sim, &w->a.rh);
}

uint64_t fr_rebuilds(void)
{
	return fr_worlds[0].builds + fr_worlds[1].builds;
}

void fr_run(const uint8_t *data, size_t size, FILE *log)
{
	static struct fr z;
	struct fr_world *w;
	bool down;

	fr_setup();
	memset(&z, 0, sizeof(z));
	z.p = data;
	z.n = size;
	z.log = log;
	fr_stats.inputs++;
	z.v2 = z.n != 0U && z.p[0] == FR_ABI2_SELECTOR;
	if (z.v2) {
		z.p++;
		z.n--;
	}
	down = fr_teardown_all;
	if (z.n != 0U && z.p[0] == FR_TEARDOWN_SELECTOR) {
		z.p++;
		z.n--;
		down = true;
	}
	w = world(z.v2);
	z.a = w->a;
	z.rs[0] = R_IDLE;
	z.sane[0] = true;
	for (z.step = 1; z.step <= FR_MAX_STEPS && z.n > 0U; z.step++) {
		char where[32];

		fr_stats.steps++;
		step(&z);
		snprintf(where, sizeof(where), "step %u", z.step);
		check_invariants_as(&z, where, false);
	}
	if (down) {
		teardown(&z); /* checks in full itself */
	} else {
		check_invariants(&z, "the last step");
	}
	if (fr_before_reset != NULL) {
		fr_before_reset();
	}
	if (plat_snap_rewind(w->sim) != 0) {
		/* Not undoable (plat_snap.c "Limits"): a new platform next time. */
		rmmsim_destroy(w->sim);
		w->sim = NULL;
		fr_sim = NULL;
	}
}
