/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The example host (NS-EL2): builds a realm from the realm ELF that
 * `rmmsim run --load example_realm.elf@0x88000000` puts in memory next to
 * this image, runs it with RMI_REC_ENTER (printing what it writes with
 * RSI_HOST_CALL, populating its RAM on first touch) until it powers off,
 * then destroys it and returns the number of problems seen (0 = exit 0).
 * A shorter cousin of rmmsim's default scenario host.
 */
#include "realm_hostcall.h"
#include "rmi.h"
#include "sdk.h"

/* Where the run loads the realm ELF (--load FILE@ADDR), its largest size. */
#define REALM_ELF_ADDR 0x88000000UL
#define REALM_ELF_MAX 0x100000UL
#define IPA_BITS 32U
#define MAX_PAGES 256U
#define MAX_RTT3 4U
#define MAX_AUX 16U
#define MAX_ENTERS 100000U

static unsigned problems;
static uint64_t rd, rtt_root, rtt2, rec, run, entry;
static uint64_t rtt3[MAX_RTT3], aux[MAX_AUX], num_aux;
static struct {
	uint64_t ipa, pa;
} page[MAX_PAGES];
static unsigned num_pages;
static int realm_status = -1;

static uint64_t check(const char *what, uint64_t r)
{
	if (RMI_STATUS(r) != RMI_SUCCESS) {
		sdk_printf("example_host: %s -> status %u index %u\n", what, RMI_STATUS(r),
			   RMI_INDEX(r));
		problems++;
	}
	return r;
}

static uint64_t delegated(void)
{
	uint64_t g = sdk_alloc_granule();

	check("RMI_GRANULE_DELEGATE", rmi_granule_delegate(g, 0));
	return g;
}

static uint64_t le(const unsigned char *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static int in_ram(uint64_t ipa)
{
	return ipa >= RH_LOAD_IPA && ipa < RH_LOAD_IPA + RH_RAM_SIZE;
}

/* One realm page: measured contents of @src, or (src == 0) unknown contents. */
static void add_page(uint64_t ipa, uint64_t src)
{
	uint64_t pa;

	if (num_pages == MAX_PAGES) {
		problems++;
		return;
	}
	pa = delegated();
	if (src)
		check("RMI_DATA_CREATE", rmi_data_create(rd, pa, ipa, src, RMI_MEASURE_CONTENT, 0));
	else
		check("RMI_DATA_CREATE_UNKNOWN", rmi_data_create_unknown(rd, pa, ipa, 0));
	page[num_pages].ipa = ipa;
	page[num_pages++].pa = pa;
}

/* The PT_LOAD segments of the realm ELF at REALM_ELF_ADDR, page by page. */
static void load_realm(void)
{
	const unsigned char *e = (const unsigned char *)REALM_ELF_ADDR;
	uint64_t phoff = le(e + 32, 8), src = sdk_alloc_granule();
	unsigned phnum = (unsigned)le(e + 56, 2);

	if (e[0] != 0x7F || e[1] != 'E' || e[2] != 'L' || e[3] != 'F' || le(e + 18, 2) != 183U) {
		sdk_printf("example_host: no AArch64 ELF at 0x%lx (--load realm.elf@0x%lx)\n",
			   REALM_ELF_ADDR, REALM_ELF_ADDR);
		problems++;
		return;
	}
	entry = le(e + 24, 8);
	for (unsigned i = 0; i < phnum; i++) {
		const unsigned char *ph = e + phoff + 56ULL * i;
		uint64_t off = le(ph + 8, 8), pa = le(ph + 24, 8);
		uint64_t filesz = le(ph + 32, 8), memsz = le(ph + 40, 8);

		if (le(ph, 4) != 1U || memsz == 0)
			continue;
		if (off + filesz > REALM_ELF_MAX || !in_ram(pa) || !in_ram(pa + memsz - 1)) {
			sdk_printf("example_host: realm segment %u outside its RAM\n", i);
			problems++;
			continue;
		}
		for (uint64_t p = pa & ~(SDK_GRANULE - 1); p < pa + memsz; p += SDK_GRANULE) {
			sdk_memset((void *)src, 0, SDK_GRANULE);
			for (uint64_t a = p; a < p + SDK_GRANULE; a++)
				if (a >= pa && a < pa + filesz)
					((unsigned char *)src)[a - p] = e[off + (a - pa)];
			add_page(p, src);
		}
	}
}

static void build(void)
{
	uint64_t params = sdk_alloc_granule(), rparams = sdk_alloc_granule();
	struct rmi_out o;
	unsigned n3 = 0;

	rd = delegated();
	rtt_root = delegated();
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_S2SZ_OFFSET) = IPA_BITS;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_HASH_ALGO_OFFSET) = RMI_HASH_SHA_256;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_NUM_BPS_OFFSET) = 2;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_NUM_WPS_OFFSET) = 2;
	*(volatile uint16_t *)(params + RMI_REALM_PARAMS_VMID_OFFSET) = 1;
	*(volatile uint64_t *)(params + RMI_REALM_PARAMS_RTT_BASE_OFFSET) = rtt_root;
	*(volatile uint64_t *)(params + RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET) = 1;
	*(volatile uint32_t *)(params + RMI_REALM_PARAMS_RTT_NUM_START_OFFSET) = 1;
	check("RMI_REALM_CREATE", rmi_realm_create(rd, params, 0));
	check("RMI_REC_AUX_COUNT", rmi_rec_aux_count(rd, &o));
	num_aux = o.x[1] <= MAX_AUX ? o.x[1] : 0;
	rtt2 = delegated();
	check("RMI_RTT_CREATE", rmi_rtt_create(rd, rtt2, 0, 2, 0));
	for (uint64_t ipa = RH_LOAD_IPA; ipa < RH_LOAD_IPA + RH_RAM_SIZE && n3 < MAX_RTT3;
	     ipa += 0x200000) {
		rtt3[n3] = delegated();
		check("RMI_RTT_CREATE", rmi_rtt_create(rd, rtt3[n3++], ipa, 3, 0));
	}
	for (uint64_t base = RH_LOAD_IPA; base < RH_LOAD_IPA + RH_RAM_SIZE; base = o.x[1])
		if (RMI_STATUS(check("RMI_RTT_INIT_RIPAS",
				     rmi_rtt_init_ripas(rd, base, RH_LOAD_IPA + RH_RAM_SIZE, &o))))
			break;
	load_realm();
	rec = delegated();
	for (unsigned i = 0; i < num_aux; i++) {
		aux[i] = delegated();
		*(volatile uint64_t *)(rparams + RMI_REC_PARAMS_AUX_OFFSET + 8 * i) = aux[i];
	}
	*(volatile uint64_t *)(rparams + RMI_REC_PARAMS_FLAGS_OFFSET) = RMI_RUNNABLE;
	*(volatile uint64_t *)(rparams + RMI_REC_PARAMS_PC_OFFSET) = entry;
	*(volatile uint64_t *)(rparams + RMI_REC_PARAMS_NUM_AUX_OFFSET) = num_aux;
	check("RMI_REC_CREATE", rmi_rec_create(rd, rec, rparams, 0));
	check("RMI_REALM_ACTIVATE", rmi_realm_activate(rd, 0));
	run = sdk_alloc_granule();
}

static uint64_t exit_gpr(unsigned i)
{
	return sdk_read64(run + RMI_REC_RUN_EXIT_GPRS_OFFSET + 8 * i);
}

/* RSI_HOST_CALL: the realm's console (realm_hostcall.h) and its exit status. */
static void host_call(void)
{
	uint64_t imm = sdk_read64(run + RMI_REC_RUN_EXIT_IMM_OFFSET) & 0xFFFF;
	uint64_t n = imm == RH_HC_PUTC ? 1 : exit_gpr(0);
	unsigned first = imm == RH_HC_PUTC ? 0 : 1;

	if (imm == RH_HC_EXIT)
		realm_status = (int)exit_gpr(0);
	if ((imm == RH_HC_PUTC || imm == RH_HC_WRITE) && n <= RH_HC_WRITE_MAX)
		for (uint64_t i = 0; i < n; i++)
			sdk_putc((char)(exit_gpr(first + (unsigned)(i / 8)) >> (8 * (i % 8))));
	sdk_write64(run + RMI_REC_RUN_ENTER_GPRS_OFFSET, RH_HC_OK);
}

static int run_realm(void)
{
	for (unsigned n = 0; n < MAX_ENTERS; n++) {
		uint64_t reason, esr, ipa;

		if (RMI_STATUS(check("RMI_REC_ENTER", rmi_rec_enter(rec, run, 0))))
			return -1;
		sdk_write64(run + RMI_REC_RUN_ENTER_FLAGS_OFFSET, 0);
		reason = sdk_read64(run + RMI_REC_RUN_EXIT_REASON_OFFSET) & 0xFF;
		switch (reason) {
		case RMI_EXIT_HOST_CALL:
			host_call();
			break;
		case RMI_EXIT_SYNC:
			/* First touch of realm RAM (BSS, stack): a page of unknown contents. */
			esr = sdk_read64(run + RMI_REC_RUN_EXIT_ESR_OFFSET);
			ipa = (sdk_read64(run + RMI_REC_RUN_EXIT_HPFAR_OFFSET) >> 4) << 12;
			if (((esr >> 26) == 0x24 || (esr >> 26) == 0x20) && in_ram(ipa)) {
				add_page(ipa, 0);
				break;
			}
			sdk_printf("example_host: unexpected REC exit, ESR 0x%lx\n",
				   (unsigned long)esr);
			return -1;
		case RMI_EXIT_PSCI:
			if ((exit_gpr(0) & 0x1F) == 0x08)
				return 0; /* SYSTEM_OFF */
			break;
		default:
			break;
		}
	}
	return -1;
}

static void teardown(void)
{
	struct rmi_out o;

	check("RMI_REC_DESTROY", rmi_rec_destroy(rec, 0));
	for (unsigned i = 0; i < num_pages; i++)
		check("RMI_DATA_DESTROY", rmi_data_destroy(rd, page[i].ipa, &o));
	for (unsigned i = 0; i < MAX_RTT3 && rtt3[i]; i++)
		check("RMI_RTT_DESTROY", rmi_rtt_destroy(rd, RH_LOAD_IPA + 0x200000ULL * i, 3, &o));
	check("RMI_RTT_DESTROY", rmi_rtt_destroy(rd, 0, 2, &o));
	check("RMI_REALM_DESTROY", rmi_realm_destroy(rd, 0));
	check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rec, 0));
	for (unsigned i = 0; i < num_aux; i++)
		check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(aux[i], 0));
	for (unsigned i = 0; i < num_pages; i++)
		check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(page[i].pa, 0));
	for (unsigned i = 0; i < MAX_RTT3 && rtt3[i]; i++)
		check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rtt3[i], 0));
	check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rtt2, 0));
	check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rtt_root, 0));
	check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rd, 0));
}

int main(void)
{
	struct rmi_out o;

	sdk_printf("example_host: building the realm\n");
	check("RMI_VERSION", rmi_version(RMI_ABI_VERSION, &o));
	build();
	if (problems == 0 && run_realm() != 0)
		problems++;
	if (realm_status != 0) {
		sdk_printf("example_host: realm exit status %d\n", realm_status);
		problems++;
	}
	teardown();
	sdk_printf("example_host: %u problem(s)\n", problems);
	return (int)problems;
}
