/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linux_v2: the RMI call sequence of the newest Linux KVM CCA host series
 * (2.0-bet3; shared/den0137-2.0 sequences.md A), run from NS-EL2 against
 * an RMI 2.0 RMM:
 *   A1 boot: VERSION(2.0), FEATURES 0/1, RMM_CONFIG_SET, RMM_ACTIVATE
 *      (memxfer loop), GRANULE_TRACKING_GET and GPT_INFO over DRAM, and
 *      GPT_L1_CREATE as v14 did (ERROR_GPT = already present);
 *   A2 realm create: RANGE_DELEGATE of RD and root RTT, REALM_CREATE;
 *   A3 populate: DATA_MAP_INIT per image page (RTT_CREATE on RTT(level));
 *   A4 RECs through REC_CREATE's SRO (16 aux granules donated), INIT_RIPAS,
 *      REALM_ACTIVATE;
 *   A5 run loop: 2-argument PSCI_COMPLETE for CPU_ON, RTT_SET_RIPAS on
 *      RIPAS_CHANGE, host calls;
 *   A6 faults: RANGE_DELEGATE + RTT_DATA_MAP on a protected fault; unmap:
 *      RTT_DATA_UNMAP with a SINGLE output descriptor, RANGE_UNDELEGATE;
 *   A7 REC_DESTROY (reclaim), REALM_TERMINATE, RTT_DESTROY, REALM_DESTROY.
 * Two realms run in turn: realm_smp (PSCI CPU_ON) and realm_ripas (RIPAS
 * changes and a fault on RAM); before them, an NS load of a delegated
 * granule must take a GPF. Exit status = the number of problems.
 */
#include "realm_hostcall.h"
#include "rmi2.h"
#include "sdk.h"

#define IPA_BITS 32U
#define START_LEVEL 1
#define MAX_DATA 512U
#define MAX_RTTS 16U
#define MAX_RECS 2U
#define MAX_AUX 16U
#define MAX_ENTERS 100000U
#define SRO_MAX_STEPS 64U
#define PT_LOAD 1U
#define PSCI_CPU_ON 0xC4000003ULL
#define PSCI_CPU_OFF 0x84000002ULL
#define PSCI_AFFINITY_INFO 0x84000004ULL /* also its SMC64 form, bit 30 set */

uint64_t gpf_load(uint64_t addr); /* gpf_probe.S: 0x5a5a when the load faulted and was skipped */
extern const unsigned char realm_smp_image[], realm_smp_image_end[];
extern const unsigned char realm_ripas_image[], realm_ripas_image_end[];

static unsigned problems;

struct realm {
	uint64_t rd, root, entry;
	struct {
		uint64_t ipa, pa;
		int level;
	} rtt[MAX_RTTS];
	unsigned num_rtts;
	struct {
		uint64_t ipa, pa;
	} data[MAX_DATA];
	unsigned num_data;
	uint64_t rec[MAX_RECS], run[MAX_RECS];
	int on[MAX_RECS];
	unsigned num_recs;
	int status;
	unsigned psci_completed, ripas_changes, faults;
};

static struct realm realm;
static volatile unsigned gpf_expected, gpf_seen;

/* A data abort at EL2: a GPF (fault status 0x28) is expected only around gpc_check(). */
void sdk_sync_handler(struct sdk_frame *f, uint64_t esr, uint64_t far)
{
	if (!gpf_expected || (esr >> 26) != 0x25 || (esr & 0x3F) != 0x28) {
		sdk_printf("linux_v2: unexpected exception ESR %lx FAR %lx\n", (unsigned long)esr,
			   (unsigned long)far);
		problems++;
	} else {
		gpf_seen++;
	}
	f->elr += 4;
}

static uint64_t check(const char *what, uint64_t r)
{
	if (RMI_STATUS(r) != RMI2_SUCCESS) {
		sdk_printf("linux_v2: %s -> status %u index %u\n", what, RMI_STATUS(r), RMI_INDEX(r));
		problems++;
	}
	return r;
}

/* rmi_delegate_range(): re-issued from out_top until done (states.md §3). */
static int delegate_range(uint64_t base, uint64_t top)
{
	struct rmi_out o;

	while (base < top) {
		if (RMI_STATUS(rmi_v2_range_delegate(base, top, &o)) != RMI2_SUCCESS || o.x[1] <= base) {
			sdk_printf("linux_v2: RANGE_DELEGATE 0x%lx stuck\n", (unsigned long)base);
			problems++;
			return -1;
		}
		base = o.x[1];
	}
	return 0;
}

static void undelegate_range(uint64_t base, uint64_t top)
{
	struct rmi_out o;

	while (base < top) {
		if (RMI_STATUS(rmi_v2_range_undelegate(base, top, &o)) != RMI2_SUCCESS || o.x[1] <= base) {
			sdk_printf("linux_v2: RANGE_UNDELEGATE 0x%lx stuck\n", (unsigned long)base);
			problems++;
			return;
		}
		base = o.x[1];
	}
}

static uint64_t delegated_page(void)
{
	uint64_t g = sdk_alloc_granule();

	delegate_range(g, g + SDK_GRANULE);
	return g;
}

/*
 * rmi_sro_memxfer_execute(): while INCOMPLETE, DONATE with freshly
 * delegated pages, RECLAIM (undelegating what comes back), else
 * OP_CONTINUE. Returns the final X0; *aux (may be NULL) gets the donations.
 */
static uint64_t memxfer(uint64_t r, struct rmi_out *o, uint64_t *aux, unsigned *num_aux)
{
	uint64_t handle = o->x[1];
	uint64_t list = sdk_alloc_granule();

	for (unsigned step = 0; RMI_STATUS(r) == RMI2_INCOMPLETE && step < SRO_MAX_STEPS; step++) {
		if (RMI2_MEMREQ(r) == RMI2_OP_MEM_REQ_DONATE) {
			unsigned n = (unsigned)((o->x[2] >> RMI2_DONATE_REQ_COUNT_SHIFT) & 0x3FFFU);
			unsigned st = (unsigned)((o->x[2] >> RMI2_DONATE_REQ_STATE_SHIFT) & 1U);

			if ((o->x[2] & 3U) != RMI2_PAGE_L3 || n > 512U) {
				sdk_printf("linux_v2: donate request 0x%lx not handled\n",
					   (unsigned long)o->x[2]);
				problems++;
				if (RMI2_CAN_CANCEL(r))
					return rmi_v2_op_cancel(handle, o);
				return r;
			}
			for (unsigned i = 0; i < n; i++) {
				uint64_t pa = st == RMI2_ADDR_STATE_DELEGATED ? delegated_page()
									   : sdk_alloc_granule();

				sdk_write64(list + 8U * i, rmi2_desc(pa, 1, st));
				if (aux && *num_aux < MAX_AUX)
					aux[(*num_aux)++] = pa;
			}
			r = rmi_v2_op_mem_donate(handle, list, n, 0, o);
		} else if (RMI2_MEMREQ(r) == RMI2_OP_MEM_REQ_RECLAIM) {
			r = rmi_v2_op_mem_reclaim(handle, list, 256, o);
			for (uint64_t i = 0; i < o->x[1] && i < 256; i++) {
				uint64_t d = sdk_read64(list + 8U * i);
				unsigned cnt = (unsigned)((d >> RMI2_ADDR_RDESC_CNT_SHIFT) & 0x3FFU);
				uint64_t pa = d & 0x000FFFFFFFFFF000ULL;

				/* Linux undelegates unless the descriptor says UNDELEGATED. */
				if (((d >> RMI2_ADDR_RDESC_ST_SHIFT) & 1U) == RMI2_ADDR_STATE_DELEGATED)
					undelegate_range(pa, pa + (uint64_t)cnt * SDK_GRANULE);
			}
		} else {
			r = rmi_v2_op_continue(handle, RMI2_CONTINUE_KEEP_GOING, o);
		}
	}
	return r;
}

/* A1: boot. */
static void boot(void)
{
	struct rmi_out o;
	uint64_t cfg = sdk_alloc_granule(), start, end, l0, r;

	sdk_printf("linux_v2: A1 boot\n");
	check("RMI_VERSION(2.0)", rmi_v2_version(RMI2_ABI_VERSION, &o));
	sdk_printf("  RMI_VERSION lower 0x%lx higher 0x%lx\n", (unsigned long)o.x[1],
		   (unsigned long)o.x[2]);
	check("RMI_FEATURES 0", rmi_v2_features(0, &o));
	check("RMI_FEATURES 1", rmi_v2_features(1, &o));
	if (!((o.x[1] >> RMI2_FEATURE_REGISTER_1_GRAN_SZ_4KB_SHIFT) & 1U) ||
	    !((o.x[1] >> RMI2_FEATURE_REGISTER_1_HASH_SHA_256_SHIFT) & 1U)) {
		sdk_printf("linux_v2: feature register 1 lacks 4 KB granules or SHA-256\n");
		problems++;
	}
	sdk_write64(cfg + RMI2_RMM_CONFIG_TRACKING_REGION_SIZE_OFFSET, RMI2_TRACKING_REGION_SIZE_1GB);
	sdk_write64(cfg + RMI2_RMM_CONFIG_RMI_GRANULE_SIZE_OFFSET, RMI2_GRANULE_SIZE_4KB);
	check("RMI_RMM_CONFIG_SET", rmi_v2_rmm_config_set(cfg, &o));
	r = rmi_v2_rmm_activate(&o);
	check("RMI_RMM_ACTIVATE", memxfer(r, &o, 0, 0));
	/* rmi_init_metadata() over the granules this payload uses (the SDK's heap). */
	start = cfg & ~0xFFFFFULL;
	end = start + 0x1000000ULL;
	while (start < end) {
		if (RMI_STATUS(check("RMI_GRANULE_TRACKING_GET",
				     rmi_v2_tracking_get(start, end, &o))) != RMI2_SUCCESS)
			break;
		if (o.x[1] != RMI2_MEM_CATEGORY_CONVENTIONAL || o.x[2] != RMI2_TRACKING_FINE) {
			sdk_printf("linux_v2: memory not CONVENTIONAL + FINE (%lu, %lu)\n",
				   (unsigned long)o.x[1], (unsigned long)o.x[2]);
			problems++;
			break;
		}
		if (o.x[3] <= start)
			break;
		start = o.x[3];
	}
	l0 = cfg & ~((1ULL << 30) - 1);
	check("RMI_GPT_INFO", rmi_v2_gpt_info(l0, l0 + (1ULL << 30), &o));
	sdk_printf("  GPT_INFO: top 0x%lx par %lu\n", (unsigned long)o.x[1], (unsigned long)o.x[2]);
	/* v14 (bet1): one GPT_L1_CREATE per L0GPT chunk; ERROR_GPT means it is there. */
	r = rmi_v2_gpt_l1_create(l0, &o);
	if (RMI_STATUS(r) != RMI2_SUCCESS && RMI_STATUS(r) != RMI2_ERROR_GPT)
		check("RMI_GPT_L1_CREATE", r);
	sdk_printf("  GPT_L1_CREATE -> %u\n", RMI_STATUS(r));
}

/*
 * The GPT as in 1.0: a RANGE_DELEGATEd granule faults NS accesses with a
 * Granule Protection Fault; after RANGE_UNDELEGATE it reads back scrubbed.
 */
static void gpc_check(void)
{
	uint64_t g = sdk_alloc_granule(), v;

	sdk_write64(g, 0x1234);
	if (delegate_range(g, g + SDK_GRANULE) != 0)
		return;
	gpf_expected = 1;
	v = gpf_load(g);
	gpf_expected = 0;
	if (v != 0x5a5a || gpf_seen != 1) {
		sdk_printf("linux_v2: a delegated granule was readable from NS (GPF %u)\n", gpf_seen);
		problems++;
	}
	undelegate_range(g, g + SDK_GRANULE);
	if (sdk_read64(g) != 0) {
		sdk_printf("linux_v2: an undelegated granule was not scrubbed\n");
		problems++;
	}
	sdk_printf("  GPF on a delegated granule: %s\n", gpf_seen == 1 ? "yes" : "no");
}

/* realm_create_rtt_levels(): one level per retry; RTT(level-1) = already there. */
static int rtt_create(uint64_t ipa, int level)
{
	struct rmi_out o;
	uint64_t base = ipa & ~((1ULL << (12 + 9 * (3 - (level - 1)))) - 1);
	uint64_t rtt, r;

	if (realm.num_rtts == MAX_RTTS) {
		sdk_printf("linux_v2: more than %u RTTs\n", MAX_RTTS);
		problems++;
		return -1;
	}
	rtt = delegated_page();
	r = rmi_v2_rtt_create(realm.rd, rtt, base, (uint64_t)level, &o);
	if (RMI_STATUS(r) == RMI2_ERROR_RTT && (int)RMI_INDEX(r) == level - 1) {
		undelegate_range(rtt, rtt + SDK_GRANULE);
		return 0;
	}
	if (RMI_STATUS(check("RMI_RTT_CREATE", r)) != RMI2_SUCCESS)
		return -1;
	realm.rtt[realm.num_rtts].ipa = base;
	realm.rtt[realm.num_rtts].pa = rtt;
	realm.rtt[realm.num_rtts++].level = level;
	return 0;
}

static uint64_t rd64(const unsigned char *p)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static int in_ram(uint64_t ipa)
{
	return ipa >= RH_LOAD_IPA && ipa < RH_LOAD_IPA + RH_RAM_SIZE;
}

/* A3: one page of the image through DATA_MAP_INIT (measured). */
static void map_init(uint64_t ipa, uint64_t src)
{
	struct rmi_out o;
	uint64_t pa, r;

	if (realm.num_data == MAX_DATA) {
		problems++;
		return;
	}
	pa = delegated_page();
	for (unsigned retry = 0; retry < 4; retry++) {
		r = rmi_v2_data_map_init(realm.rd, pa, ipa, src, RMI2_MEASURE_CONTENT, &o);
		if (RMI_STATUS(r) != RMI2_ERROR_RTT || rtt_create(ipa, (int)RMI_INDEX(r) + 1) != 0)
			break;
	}
	if (RMI_STATUS(check("RMI_RTT_DATA_MAP_INIT", r)) != RMI2_SUCCESS)
		return;
	realm.data[realm.num_data].ipa = ipa;
	realm.data[realm.num_data++].pa = pa;
}

/* A6: a protected fault: RANGE_DELEGATE, RTT_DATA_MAP with one descriptor. */
static void map_fault(uint64_t ipa)
{
	struct rmi_out o;
	uint64_t pa = delegated_page(), r = 0;

	for (unsigned retry = 0; retry < 4; retry++) {
		r = rmi_v2_data_map(realm.rd, ipa, ipa + SDK_GRANULE, RMI2_OADDR_SINGLE,
				    rmi2_desc(pa, 1, RMI2_ADDR_STATE_DELEGATED), &o);
		r = memxfer(r, &o, 0, 0);
		if (RMI_STATUS(r) != RMI2_ERROR_RTT || rtt_create(ipa, (int)RMI_INDEX(r) + 1) != 0)
			break;
	}
	if (RMI_STATUS(check("RMI_RTT_DATA_MAP", r)) != RMI2_SUCCESS || o.x[1] != ipa + SDK_GRANULE)
		return;
	realm.data[realm.num_data].ipa = ipa;
	realm.data[realm.num_data++].pa = pa;
	realm.faults++;
}

/* Loads the PT_LOAD segments of an embedded realm ELF, page by page. */
static void load_elf(const unsigned char *e, const unsigned char *e_end)
{
	uint64_t size = (uint64_t)(e_end - e), phoff = rd64(e + 32), src = sdk_alloc_granule();
	unsigned phentsize = e[54] | e[55] << 8, phnum = e[56] | e[57] << 8;

	realm.entry = rd64(e + 24);
	for (unsigned i = 0; i < phnum; i++) {
		const unsigned char *ph = e + phoff + (uint64_t)i * phentsize;
		uint64_t off = rd64(ph + 8), paddr = rd64(ph + 24), filesz = rd64(ph + 32);
		uint64_t memsz = rd64(ph + 40);

		if ((uint32_t)(ph[0] | ph[1] << 8 | ph[2] << 16 | (uint32_t)ph[3] << 24) != PT_LOAD || off + filesz > size || !in_ram(paddr) ||
		    !in_ram(paddr + memsz - 1))
			continue;
		for (uint64_t page = paddr & ~(SDK_GRANULE - 1); page < paddr + memsz;
		     page += SDK_GRANULE) {
			sdk_memset((void *)src, 0, SDK_GRANULE);
			for (uint64_t a = page; a < page + SDK_GRANULE; a++)
				if (a >= paddr && a < paddr + filesz)
					((uint8_t *)src)[a - page] = e[off + (a - paddr)];
			map_init(page, src);
		}
	}
}

/* A2-A4: the realm, its image, RECs, RIPAS, activation. */
static void build(const unsigned char *img, const unsigned char *img_end, unsigned num_recs)
{
	struct rmi_out o;
	uint64_t params = sdk_alloc_granule(), r;

	sdk_memset(&realm, 0, sizeof(realm));
	realm.status = -1;
	sdk_printf("linux_v2: A2 realm create\n");
	realm.rd = delegated_page();
	realm.root = delegated_page();
	/* RealmParams 2.0: no VMID, no LPA2 bit (bet3), SHA-256. */
	sdk_write64(params + RMI2_REALM_PARAMS_S2SZ_OFFSET, IPA_BITS);
	*(volatile uint8_t *)(params + RMI2_REALM_PARAMS_HASH_ALGO_OFFSET) = RMI2_HASH_SHA_256;
	*(volatile uint32_t *)(params + RMI2_REALM_PARAMS_NUM_BPS_OFFSET) = 2;
	*(volatile uint32_t *)(params + RMI2_REALM_PARAMS_NUM_WPS_OFFSET) = 2;
	sdk_write64(params + RMI2_REALM_PARAMS_RTT_BASE_OFFSET, realm.root);
	sdk_write64(params + RMI2_REALM_PARAMS_RTT_LEVEL_START_OFFSET, START_LEVEL);
	*(volatile uint32_t *)(params + RMI2_REALM_PARAMS_RTT_NUM_START_OFFSET) = 1;
	r = rmi_v2_realm_create(realm.rd, params, &o);
	check("RMI_REALM_CREATE", memxfer(r, &o, 0, 0));

	sdk_printf("linux_v2: A3 populate\n");
	load_elf(img, img_end);

	sdk_printf("linux_v2: A4 RECs (SRO donate), RIPAS, activate\n");
	for (unsigned i = 0; i < num_recs && i < MAX_RECS; i++) {
		uint64_t rp = sdk_alloc_granule(), aux[MAX_AUX];
		unsigned num_aux = 0;

		realm.rec[i] = delegated_page();
		sdk_write64(rp + RMI2_REC_PARAMS_FLAGS_OFFSET, i == 0 ? RMI2_RUNNABLE : RMI2_NOT_RUNNABLE);
		sdk_write64(rp + RMI2_REC_PARAMS_MPIDR_OFFSET, i);
		sdk_write64(rp + RMI2_REC_PARAMS_PC_OFFSET, realm.entry);
		r = rmi_v2_rec_create(realm.rd, realm.rec[i], rp, &o);
		if (RMI_STATUS(r) != RMI2_INCOMPLETE || RMI2_MEMREQ(r) != RMI2_OP_MEM_REQ_DONATE) {
			sdk_printf("linux_v2: REC_CREATE did not ask for memory (0x%lx)\n",
				   (unsigned long)r);
			problems++;
		}
		check("RMI_REC_CREATE (SRO)", memxfer(r, &o, aux, &num_aux));
		sdk_printf("  REC %u: %u aux granules donated\n", i, num_aux);
		realm.run[i] = sdk_alloc_granule();
		realm.on[i] = i == 0;
		realm.num_recs = i + 1;
	}
	for (uint64_t base = RH_LOAD_IPA, guard = 0; base < RH_LOAD_IPA + RH_RAM_SIZE && guard < 64;
	     guard++) {
		r = rmi_v2_rtt_init_ripas(realm.rd, base, RH_LOAD_IPA + RH_RAM_SIZE, &o);
		if (RMI_STATUS(r) == RMI2_ERROR_RTT) {
			if (rtt_create(base, (int)RMI_INDEX(r) + 1) != 0)
				break;
			continue;
		}
		if (RMI_STATUS(check("RMI_RTT_INIT_RIPAS", r)) != RMI2_SUCCESS)
			break;
		base = o.x[1];
	}
	check("RMI_REALM_ACTIVATE", rmi_v2_realm_activate(realm.rd, 0));
}

static uint64_t exit_gpr(unsigned rec, unsigned i)
{
	return sdk_read64(realm.run[rec] + RMI2_REC_RUN_EXIT_GPRS_OFFSET + 8 * i);
}

static void host_call(unsigned rec)
{
	uint64_t run = realm.run[rec];
	uint64_t imm = sdk_read64(run + RMI2_REC_RUN_EXIT_IMM_OFFSET) & 0xFFFF;
	static int at_line_start = 1;

	if (imm == RH_HC_PUTC || imm == RH_HC_WRITE) {
		uint64_t n = imm == RH_HC_PUTC ? 1 : exit_gpr(rec, 0);
		unsigned first = imm == RH_HC_PUTC ? 0 : 1;

		for (uint64_t i = 0; i < n && i < RH_HC_WRITE_MAX; i++) {
			char c = (char)(exit_gpr(rec, first + (unsigned)(i / 8)) >> (8 * (i % 8)));

			if (at_line_start)
				sdk_puts("  [realm] ");
			sdk_putc(c);
			at_line_start = c == '\n';
		}
	} else if (imm == RH_HC_EXIT) {
		realm.status = (int)exit_gpr(rec, 0);
	}
	sdk_write64(run + RMI2_REC_RUN_ENTER_GPRS_OFFSET, RH_HC_OK);
}

/* A5: a PSCI exit. Only CPU_ON needs the host: the 2-argument PSCI_COMPLETE. */
static int psci_exit(unsigned rec)
{
	uint64_t fid = exit_gpr(rec, 0);

	if ((fid & 0x1F) == 0x08 || (fid & 0x1F) == 0x09)
		return 1; /* SYSTEM_OFF / SYSTEM_RESET */
	if (fid == PSCI_CPU_ON || (fid & ~0x40000000ULL) == PSCI_AFFINITY_INFO) {
		unsigned target = (unsigned)(exit_gpr(rec, 1) & 0xF);

		/* (calling REC, status SUCCESS): the RMM knows the target itself. */
		check("RMI_PSCI_COMPLETE (2 args)", rmi_v2_psci_complete(realm.rec[rec], 0, 0));
		realm.psci_completed++;
		if (fid == PSCI_CPU_ON && target < realm.num_recs)
			realm.on[target] = 1;
	} else if (fid == PSCI_CPU_OFF) {
		realm.on[rec] = 0;
	}
	return 0;
}

/* A5: REC_ENTER round robin over the RECs that are on, until SYSTEM_OFF. */
static int run_realm(void)
{
	struct rmi_out o;
	unsigned cur = 0;

	sdk_printf("linux_v2: A5 run loop\n");
	for (unsigned n = 0; n < MAX_ENTERS; n++) {
		uint64_t run, reason;

		for (unsigned k = 0; k < realm.num_recs && !realm.on[cur]; k++)
			cur = (cur + 1) % realm.num_recs;
		run = realm.run[cur];
		if (RMI_STATUS(check("RMI_REC_ENTER", rmi_v2_rec_enter(realm.rec[cur], run, 0))) !=
		    RMI2_SUCCESS)
			return -1;
		sdk_write64(run + RMI2_REC_RUN_ENTER_FLAGS_OFFSET, 0);
		for (unsigned i = 0; i < 31; i++)
			sdk_write64(run + RMI2_REC_RUN_ENTER_GPRS_OFFSET + 8 * i, 0);
		reason = sdk_read64(run + RMI2_REC_RUN_EXIT_REASON_OFFSET) & 0xFF;
		if (reason == RMI2_EXIT_HOST_CALL) {
			host_call(cur);
		} else if (reason == RMI2_EXIT_SYNC) {
			uint64_t esr = sdk_read64(run + RMI2_REC_RUN_EXIT_ESR_OFFSET);
			uint64_t ipa = (sdk_read64(run + RMI2_REC_RUN_EXIT_HPFAR_OFFSET) >> 4) << 12;
			unsigned ec = (unsigned)(esr >> 26) & 0x3F;

			if ((ec == 0x24 || ec == 0x20) && in_ram(ipa)) {
				map_fault(ipa);
			} else {
				sdk_printf("linux_v2: unexpected exit esr 0x%lx\n", (unsigned long)esr);
				problems++;
				return -1;
			}
		} else if (reason == RMI2_EXIT_RIPAS_CHANGE) {
			uint64_t base = sdk_read64(run + RMI2_REC_RUN_EXIT_RIPAS_BASE_OFFSET);
			uint64_t top = sdk_read64(run + RMI2_REC_RUN_EXIT_RIPAS_TOP_OFFSET);

			realm.ripas_changes++;
			while (base < top) {
				uint64_t r = rmi_v2_rtt_set_ripas(realm.rd, realm.rec[cur], base, top, &o);

				if (RMI_STATUS(r) == RMI2_ERROR_RTT &&
				    rtt_create(base, (int)RMI_INDEX(r) + 1) == 0)
					continue;
				if (RMI_STATUS(check("RMI_RTT_SET_RIPAS", r)) != RMI2_SUCCESS)
					break;
				base = o.x[1];
			}
		} else if (reason == RMI2_EXIT_PSCI) {
			if (psci_exit(cur))
				return 0;
		}
		cur = (cur + 1) % realm.num_recs;
	}
	sdk_printf("linux_v2: the realm did not finish in %u entries\n", MAX_ENTERS);
	return -1;
}

/* A6 unmap and A7 destroy, in the bet3 order. */
static void destroy(void)
{
	struct rmi_out o;
	uint64_t r;
	unsigned freed = 0;

	sdk_printf("linux_v2: A7 destroy\n");
	for (unsigned i = 0; i < realm.num_recs; i++) {
		r = rmi_v2_rec_destroy(realm.rec[i], &o);
		check("RMI_REC_DESTROY (SRO reclaim)", memxfer(r, &o, 0, 0));
		undelegate_range(realm.rec[i], realm.rec[i] + SDK_GRANULE);
	}
	/* realm_unmap_private_range() over the RAM: one descriptor per call. */
	for (uint64_t base = RH_LOAD_IPA, guard = 0;
	     base < RH_LOAD_IPA + RH_RAM_SIZE && guard < 4096; guard++) {
		uint64_t d, pa;
		unsigned cnt;

		r = rmi_v2_data_unmap(realm.rd, base, RH_LOAD_IPA + RH_RAM_SIZE, RMI2_OADDR_SINGLE, 0,
				      &o);
		r = memxfer(r, &o, 0, 0);
		if (RMI_STATUS(r) == RMI2_ERROR_RTT) {
			/* No RTT below: skip one entry of that level. */
			base = (base | ((1ULL << (12 + 9 * (3 - RMI_INDEX(r)))) - 1)) + 1;
			continue;
		}
		if (RMI_STATUS(check("RMI_RTT_DATA_UNMAP", r)) != RMI2_SUCCESS || o.x[1] <= base)
			break;
		d = o.x[2];
		cnt = (unsigned)((d >> RMI2_ADDR_RDESC_CNT_SHIFT) & 0x3FFU);
		pa = d & 0x000FFFFFFFFFF000ULL;
		if (cnt != 0) {
			undelegate_range(pa, pa + (uint64_t)cnt * SDK_GRANULE);
			freed += cnt;
		}
		base = o.x[1];
	}
	if (freed != realm.num_data) {
		sdk_printf("linux_v2: unmapped %u pages, %u were mapped\n", freed, realm.num_data);
		problems++;
	}
	r = rmi_v2_realm_terminate(realm.rd, &o);
	check("RMI_REALM_TERMINATE", memxfer(r, &o, 0, 0));
	/* realm_destroy_rtts(): deepest level first. */
	for (int level = 3; level > START_LEVEL; level--) {
		for (unsigned i = 0; i < realm.num_rtts; i++) {
			if (realm.rtt[i].level != level)
				continue;
			check("RMI_RTT_DESTROY",
			      rmi_v2_rtt_destroy(realm.rd, realm.rtt[i].ipa, (uint64_t)level, &o));
			undelegate_range(realm.rtt[i].pa, realm.rtt[i].pa + SDK_GRANULE);
		}
	}
	r = rmi_v2_realm_destroy(realm.rd, &o);
	check("RMI_REALM_DESTROY", memxfer(r, &o, 0, 0));
	undelegate_range(realm.rd, realm.rd + SDK_GRANULE);
	undelegate_range(realm.root, realm.root + SDK_GRANULE);
}

static void one_realm(const char *name, const unsigned char *img, const unsigned char *end,
		      unsigned num_recs)
{
	sdk_printf("linux_v2: realm %s\n", name);
	build(img, end, num_recs);
	if (problems == 0 && run_realm() != 0)
		problems++;
	if (realm.status != 0) {
		sdk_printf("linux_v2: realm %s exit status %d\n", name, realm.status);
		problems++;
	}
	sdk_printf("  %s: %u PSCI completion(s), %u RIPAS change(s), %u fault(s) mapped\n", name,
		   realm.psci_completed, realm.ripas_changes, realm.faults);
	destroy();
}

int main(void)
{
	sdk_printf("linux_v2: Linux KVM CCA host sequence (RMI 2.0-bet3)\n");
	boot();
	gpc_check();
	one_realm("realm_smp", realm_smp_image, realm_smp_image_end, 2);
	one_realm("realm_ripas", realm_ripas_image, realm_ripas_image_end, 1);
	sdk_printf("linux_v2: %u problem(s)\n", problems);
	return (int)problems;
}
