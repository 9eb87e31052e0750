/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tftf_realm: the reference test suite's basic realm test
 * (host_test_realm_create_enter; shared/den0137-2.0 sequences.md B) from
 * NS-EL2 against an RMI 2.0 RMM. Like TFTF it never calls RMI_VERSION:
 * the RMM must be 2.0 from reset (rmmsim --rmi-abi 2.0, the default of
 * `rmmsim run builtin:tftf_realm`).
 *   1 FEATURES 0, 2, 3;  2 RMM_CONFIG_SET (4 KB, 1 GiB) and RMM_ACTIVATE;
 *   3 RANGE_DELEGATE of RD and root RTT, REALM_CREATE (SRO wrapper);
 *   4 the image mapped with IPA = PA: RANGE_DELEGATE + RTT_DATA_MAP_INIT,
 *     RTTs created on RTT(level);  5 an NS buffer mapped unprotected;
 *   6 NUM_RECS RECs, all RUNNABLE, through REC_CREATE's SRO;
 *   7 RTT_INIT_RIPAS;  8 REALM_ACTIVATE;  9 five entries of pseudo-random
 *     RECs, each ending in a realm host call;
 *  10 REC_DESTROY (SRO) and undelegate, unmap (READ_ENTRY, DATA_UNMAP,
 *     UNPROT_UNMAP), RTT_DESTROY, REALM_TERMINATE, REALM_DESTROY.
 * The realm's code: RSI_HOST_CALL in a loop. Exit status = problems.
 */
#include "rmi2.h"
#include "sdk.h"

#define IPA_BITS 40U
#define START_LEVEL 0
#define NUM_RECS 4U
#define NUM_ENTERS 5U
#define MAX_RTTS 8U
#define SRO_MAX_STEPS 64U

static unsigned problems;
static uint64_t rd, root, code, hc, shared, shared_ipa;
static uint64_t recs[NUM_RECS], runs[NUM_RECS];
static struct {
	uint64_t ipa, pa;
	int level;
} rtts[MAX_RTTS];
static unsigned num_rtts;

static uint64_t check(const char *what, uint64_t r)
{
	if (RMI_STATUS(r) != RMI2_SUCCESS) {
		sdk_printf("tftf_realm: %s -> status %u index %u\n", what, RMI_STATUS(r), RMI_INDEX(r));
		problems++;
	}
	return r;
}

static uint64_t granule_range(int delegate, uint64_t pa)
{
	struct rmi_out o;
	uint64_t r = delegate ? rmi_v2_range_delegate(pa, pa + SDK_GRANULE, &o)
			      : rmi_v2_range_undelegate(pa, pa + SDK_GRANULE, &o);

	if (RMI_STATUS(r) == RMI2_SUCCESS && o.x[1] != pa + SDK_GRANULE) {
		sdk_printf("tftf_realm: single-granule range stopped at 0x%lx\n", (unsigned long)o.x[1]);
		problems++;
	}
	return check(delegate ? "RMI_GRANULE_RANGE_DELEGATE" : "RMI_GRANULE_RANGE_UNDELEGATE", r);
}

static uint64_t delegated(void)
{
	uint64_t g = sdk_alloc_granule();

	granule_range(1, g);
	return g;
}

/* host_realm_sro_continue(): donate delegated pages, reclaim, continue. */
static uint64_t sro(uint64_t r, struct rmi_out *o)
{
	uint64_t handle = o->x[1], list = sdk_alloc_granule();

	for (unsigned step = 0; RMI_STATUS(r) == RMI2_INCOMPLETE && step < SRO_MAX_STEPS; step++) {
		if (RMI2_MEMREQ(r) == RMI2_OP_MEM_REQ_DONATE) {
			unsigned n = (unsigned)((o->x[2] >> RMI2_DONATE_REQ_COUNT_SHIFT) & 0x3FFFU);

			for (unsigned i = 0; i < n && i < 512U; i++)
				sdk_write64(list + 8U * i, rmi2_desc(delegated(), 1, 0));
			r = rmi_v2_op_mem_donate(handle, list, n, 0, o);
		} else if (RMI2_MEMREQ(r) == RMI2_OP_MEM_REQ_RECLAIM) {
			r = rmi_v2_op_mem_reclaim(handle, list, 512, o);
			for (uint64_t i = 0; i < o->x[1] && i < 512U; i++)
				granule_range(0, sdk_read64(list + 8U * i) & 0x000FFFFFFFFFF000ULL);
		} else {
			r = rmi_v2_op_continue(handle, RMI2_CONTINUE_KEEP_GOING, o);
		}
	}
	return r;
}

/* host_rmi_create_rtt_levels(): RTTs for @ipa down to level 3. */
static void rtt_levels(uint64_t ipa)
{
	struct rmi_out o;

	for (int level = START_LEVEL + 1; level <= 3 && num_rtts < MAX_RTTS; level++) {
		uint64_t base = ipa & ~((1ULL << (12 + 9 * (3 - (level - 1)))) - 1);
		uint64_t rtt = delegated();
		uint64_t r = rmi_v2_rtt_create(rd, rtt, base, (uint64_t)level, &o);

		if (RMI_STATUS(r) == RMI2_ERROR_RTT && (int)RMI_INDEX(r) == level - 1) {
			granule_range(0, rtt); /* already there */
			continue;
		}
		if (RMI_STATUS(check("RMI_RTT_CREATE", r)) != RMI2_SUCCESS)
			return;
		rtts[num_rtts].ipa = base;
		rtts[num_rtts].pa = rtt;
		rtts[num_rtts++].level = level;
	}
}

/* A4 host_realm_map_payload_image page: IPA = PA. */
static void map_page(uint64_t pa, uint64_t src)
{
	struct rmi_out o;
	uint64_t r;

	granule_range(1, pa);
	r = rmi_v2_data_map_init(rd, pa, pa, src, RMI2_MEASURE_CONTENT, &o);
	if (RMI_STATUS(r) == RMI2_ERROR_RTT) {
		rtt_levels(pa);
		r = rmi_v2_data_map_init(rd, pa, pa, src, RMI2_MEASURE_CONTENT, &o);
	}
	check("RMI_RTT_DATA_MAP_INIT", r);
}

static uint32_t movz(unsigned rd_, uint64_t imm, unsigned hw)
{
	return 0xD2800000U | (hw << 21) | ((uint32_t)(imm & 0xFFFF) << 5) | rd_;
}

static uint32_t movk(unsigned rd_, uint64_t imm, unsigned hw)
{
	return 0xF2800000U | (hw << 21) | ((uint32_t)(imm & 0xFFFF) << 5) | rd_;
}

static void create(void)
{
	struct rmi_out o;
	uint64_t params = sdk_alloc_granule(), src = sdk_alloc_granule(), r;
	uint32_t prog[7];

	/* 1 host_prepare_realm_payload: FEATURES is not gated. */
	check("RMI_FEATURES 0", rmi_v2_features(0, &o));
	check("RMI_FEATURES 2", rmi_v2_features(2, &o));
	check("RMI_FEATURES 3", rmi_v2_features(3, &o));
	/* 2 host_rmm_activate: zeroed config = 1 GiB tracking, 4 KB granule. */
	check("RMI_RMM_CONFIG_SET", rmi_v2_rmm_config_set(sdk_alloc_granule(), &o));
	check("RMI_RMM_ACTIVATE", rmi_v2_rmm_activate(&o));
	/* 3 host_realm_create */
	rd = delegated();
	root = delegated();
	sdk_write64(params + RMI2_REALM_PARAMS_S2SZ_OFFSET, IPA_BITS);
	*(volatile uint32_t *)(params + RMI2_REALM_PARAMS_NUM_BPS_OFFSET) = 2;
	*(volatile uint32_t *)(params + RMI2_REALM_PARAMS_NUM_WPS_OFFSET) = 2;
	*(volatile uint8_t *)(params + RMI2_REALM_PARAMS_HASH_ALGO_OFFSET) = RMI2_HASH_SHA_256;
	sdk_write64(params + RMI2_REALM_PARAMS_RTT_BASE_OFFSET, root);
	sdk_write64(params + RMI2_REALM_PARAMS_RTT_LEVEL_START_OFFSET, (uint64_t)START_LEVEL);
	*(volatile uint32_t *)(params + RMI2_REALM_PARAMS_RTT_NUM_START_OFFSET) = 1;
	r = rmi_v2_realm_create(rd, params, &o);
	check("RMI_REALM_CREATE (SRO wrapper)", sro(r, &o));
	/* 4 the image: code page, then the RsiHostCall page, IPA = PA. */
	code = sdk_alloc_granule();
	hc = sdk_alloc_granule();
	prog[0] = movz(0, RSI_HOST_CALL_FID & 0xFFFF, 0);
	prog[1] = movk(0, RSI_HOST_CALL_FID >> 16, 1);
	prog[2] = movz(1, hc, 0);
	prog[3] = movk(1, hc >> 16, 1);
	prog[4] = movk(1, hc >> 32, 2);
	prog[5] = 0xD4000003U;                    /* smc #0 */
	prog[6] = 0x14000000U | (0x4000000U - 6); /* b prog[0] */
	sdk_memset((void *)src, 0, SDK_GRANULE);
	sdk_memcpy((void *)src, prog, sizeof(prog));
	map_page(code, src);
	sdk_memset((void *)src, 0, SDK_GRANULE);
	map_page(hc, src);
	/* 5 host_create_shared_mem: an NS page in the unprotected half. */
	shared = sdk_alloc_granule();
	shared_ipa = shared | (1ULL << (IPA_BITS - 1));
	rtt_levels(shared_ipa);
	check("RMI_RTT_UNPROT_MAP",
	      rmi_v2_unprot_map(rd, shared_ipa, shared_ipa + SDK_GRANULE,
				RMI2_OADDR_SINGLE | ((uint64_t)(RMI2_S2AP_READ | RMI2_S2AP_WRITE)
						     << RMI2_MAP_FLAGS_S2AP_SHIFT),
				rmi2_desc(shared, 1, RMI2_ADDR_STATE_UNDELEGATED), &o));
	/* 6 RECs, all RUNNABLE, pc = the image. */
	for (unsigned i = 0; i < NUM_RECS; i++) {
		uint64_t rp = sdk_alloc_granule();

		recs[i] = delegated();
		sdk_write64(rp + RMI2_REC_PARAMS_FLAGS_OFFSET, RMI2_RUNNABLE);
		sdk_write64(rp + RMI2_REC_PARAMS_MPIDR_OFFSET, i);
		sdk_write64(rp + RMI2_REC_PARAMS_PC_OFFSET, code);
		r = rmi_v2_rec_create(rd, recs[i], rp, &o);
		check("RMI_REC_CREATE (SRO)", sro(r, &o));
		runs[i] = sdk_alloc_granule();
	}
	/* 7 host_realm_init_ipa_state over the image's RTT (its pages are RAM already). */
	for (uint64_t base = code & ~0x1FFFFFULL, top = base + 0x200000ULL, g = 0; base < top && g < 8;
	     g++) {
		if (RMI_STATUS(check("RMI_RTT_INIT_RIPAS", rmi_v2_rtt_init_ripas(rd, base, top, &o))) !=
		    RMI2_SUCCESS)
			break;
		base = o.x[1];
	}
	/* 8 */
	check("RMI_REALM_ACTIVATE", rmi_v2_realm_activate(rd, &o));
}

/* 9 host_enter_realm_execute on pseudo-random RECs. */
static void enter(void)
{
	uint32_t seed = 0x2545F491U;

	for (unsigned n = 0; n < NUM_ENTERS; n++) {
		unsigned i;
		uint64_t reason;

		seed = seed * 1103515245U + 12345U;
		i = (seed >> 16) % NUM_RECS;
		if (RMI_STATUS(check("RMI_REC_ENTER", rmi_v2_rec_enter(recs[i], runs[i], 0))) !=
		    RMI2_SUCCESS)
			return;
		reason = sdk_read64(runs[i] + RMI2_REC_RUN_EXIT_REASON_OFFSET) & 0xFF;
		sdk_printf("  REC %u: exit reason %lu\n", i, (unsigned long)reason);
		if (reason != RMI2_EXIT_HOST_CALL) {
			sdk_printf("tftf_realm: REC %u exit reason %lu, expected HOST_CALL\n", i,
				   (unsigned long)reason);
			problems++;
		}
	}
}

/* 10 host_destroy_realm */
static void destroy(void)
{
	struct rmi_out o;
	uint64_t r, pages[2] = { code, hc };

	for (unsigned i = 0; i < NUM_RECS; i++) {
		r = rmi_v2_rec_destroy(recs[i], &o);
		check("RMI_REC_DESTROY (SRO)", sro(r, &o));
		granule_range(0, recs[i]);
	}
	for (unsigned i = 0; i < 2; i++) {
		check("RMI_RTT_READ_ENTRY", rmi_rtt_read_entry(rd, pages[i], 3, &o));
		if (o.x[2] != RMI2_ASSIGNED) {
			sdk_printf("tftf_realm: page %u not ASSIGNED (%lu)\n", i, (unsigned long)o.x[2]);
			problems++;
		}
		check("RMI_RTT_DATA_UNMAP", rmi_v2_data_unmap(rd, pages[i], pages[i] + SDK_GRANULE,
							      RMI2_OADDR_SINGLE, 0, &o));
		if ((o.x[2] & 0x000FFFFFFFFFF000ULL) != pages[i]) {
			sdk_printf("tftf_realm: DATA_UNMAP returned 0x%lx\n", (unsigned long)o.x[2]);
			problems++;
		}
		granule_range(0, pages[i]);
	}
	check("RMI_RTT_UNPROT_UNMAP", rmi_v2_unprot_unmap(rd, shared_ipa, shared_ipa + SDK_GRANULE,
							  RMI2_OADDR_NONE, 0, &o));
	for (int level = 3; level > START_LEVEL; level--) {
		for (unsigned i = 0; i < num_rtts; i++) {
			if (rtts[i].level != level)
				continue;
			check("RMI_RTT_DESTROY", rmi_v2_rtt_destroy(rd, rtts[i].ipa, (uint64_t)level, &o));
			granule_range(0, rtts[i].pa);
		}
	}
	check("RMI_REALM_TERMINATE", rmi_v2_realm_terminate(rd, &o));
	r = rmi_v2_realm_destroy(rd, &o);
	check("RMI_REALM_DESTROY (SRO wrapper)", sro(r, &o));
	granule_range(0, rd);
	granule_range(0, root);
}

int main(void)
{
	sdk_printf("tftf_realm: TFTF host_test_realm_create_enter (RMI 2.0)\n");
	create();
	if (problems == 0)
		enter();
	destroy();
	sdk_printf("tftf_realm: %u problem(s)\n", problems);
	return (int)problems;
}
