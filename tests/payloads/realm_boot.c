/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realm_boot: the default scenario's host, at NS-EL2. It builds the demo
 * realm from the realm ELF embedded in this image (realm_image.S: the
 * realm_demo payload of tests/realm), runs it with RMI_REC_ENTER serving
 * every exit the way a KVM host would (host calls per realm_hostcall.h,
 * demand faults with DATA_CREATE_UNKNOWN, RIPAS changes with
 * RMI_RTT_SET_RIPAS, PSCI), collects the attestation token the realm hands
 * over, gives it to the platform (SiP call RMMSIM_SIP_TOKEN) which checks
 * and prints it, and destroys the realm. Exit status = problems seen.
 * HOST_IRQ_TEST (realm_irq_host.elf, issue 12): physical interrupts of the
 * host while a REC runs: a pending SGI makes REC_ENTER return RMI_EXIT_IRQ
 * before the realm runs, and the host's EL2 timer expiring mid-run ends
 * the REC with RMI_EXIT_IRQ at its deadline (IRQs stay masked at NS-EL2).
 */
#include "realm_hostcall.h"
#include "rmi.h"
#include "sdk.h"
#ifdef HOST_IRQ_TEST
#include "sdk_gic.h"

#define HOST_TIMER_TICKS 2000U /* 20 us: 50000 realm instructions at CPI 1 */
static unsigned irq_exits, host_timer_exits;
static uint64_t timer_armed, timer_exit_count;

/* An RMI_EXIT_IRQ: the host's EL2 timer (ISTATUS) is quiesced once it ended a REC. */
static void irq_exit(void)
{
	irq_exits++;
	if (sdk_read_cnthp_ctl() & 4) {
		host_timer_exits++;
		timer_exit_count = sdk_read_cntpct();
		sdk_write_cnthp_ctl(0);
	}
}
#endif

#define IPA_BITS 32U
#define START_LEVEL 1
#define MAX_DATA 512U
#define MAX_RTT3 8U
#define MAX_AUX 16U
#define TOKEN_MAX (4U * SDK_GRANULE)
#define MAX_ENTERS 100000U

/* The SiP service of rmmsim (sim/include/rmmsim.h). */
#define RMMSIM_SIP_TOKEN 0xC2000100UL

#define PT_LOAD 1U
#define EM_AARCH64 183U

extern const unsigned char realm_image[];
extern const unsigned char realm_image_end[];

static unsigned problems;
static uint64_t rd, rtt_root, rtt2, rec, run;
static uint64_t rtt3[MAX_RTT3];
static uint64_t aux[MAX_AUX], num_aux;
static struct {
	uint64_t ipa, pa;
} data[MAX_DATA];
static unsigned num_data;
static uint8_t token[TOKEN_MAX] __attribute__((aligned(SDK_GRANULE)));
static uint64_t token_len, token_total;
static int realm_status = -1;

static uint64_t check(const char *what, uint64_t r)
{
	if (RMI_STATUS(r) != RMI_SUCCESS) {
		sdk_printf("realm_boot: %s -> status %u index %u\n", what, RMI_STATUS(r),
			   RMI_INDEX(r));
		problems++;
	}
	return r;
}

static uint64_t delegate(void)
{
	/* Not zeroed first: the host's writes could not matter, and an untouched granule's
	 * DELEGATE costs the simulator no flush of its cached translations. */
	uint64_t g = sdk_reserve_granule();

	check("RMI_GRANULE_DELEGATE", rmi_granule_delegate(g, 0));
	return g;
}

static uint64_t rd64(const unsigned char *p)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int in_ram(uint64_t ipa)
{
	return ipa >= RH_LOAD_IPA && ipa < RH_LOAD_IPA + RH_RAM_SIZE;
}

/* One protected page: measured contents (@src != 0) or unknown (@src == 0). */
static void add_data(uint64_t ipa, uint64_t src)
{
	uint64_t pa;

	if (num_data == MAX_DATA) {
		sdk_printf("realm_boot: more than %u data pages\n", MAX_DATA);
		problems++;
		return;
	}
	pa = delegate();
	if (src)
		check("RMI_DATA_CREATE", rmi_data_create(rd, pa, ipa, src, RMI_MEASURE_CONTENT, 0));
	else
		check("RMI_DATA_CREATE_UNKNOWN", rmi_data_create_unknown(rd, pa, ipa, 0));
	data[num_data].ipa = ipa;
	data[num_data].pa = pa;
	num_data++;
}

/* Loads the PT_LOAD segments of the embedded ELF, page by page, measured. */
static uint64_t load_elf(void)
{
	const unsigned char *e = realm_image;
	uint64_t size = (uint64_t)(realm_image_end - realm_image);
	uint64_t phoff, entry, src = sdk_alloc_granule();
	unsigned phnum, phentsize;

	if (size < 64 || e[0] != 0x7F || e[1] != 'E' || e[2] != 'L' || e[3] != 'F' || e[4] != 2 ||
	    (e[18] | e[19] << 8) != EM_AARCH64) {
		sdk_printf("realm_boot: the embedded realm image is not an AArch64 ELF64\n");
		problems++;
		return 0;
	}
	entry = rd64(e + 24);
	phoff = rd64(e + 32);
	phentsize = e[54] | e[55] << 8;
	phnum = e[56] | e[57] << 8;
	for (unsigned i = 0; i < phnum; i++) {
		const unsigned char *ph = e + phoff + (uint64_t)i * phentsize;
		uint64_t paddr, off, filesz, memsz;

		if (phoff + (uint64_t)(i + 1) * phentsize > size || rd32(ph) != PT_LOAD)
			continue;
		off = rd64(ph + 8);
		paddr = rd64(ph + 24);
		filesz = rd64(ph + 32);
		memsz = rd64(ph + 40);
		if (off + filesz > size || !in_ram(paddr) || !in_ram(paddr + memsz - 1)) {
			sdk_printf("realm_boot: segment %u outside the realm's RAM\n", i);
			problems++;
			continue;
		}
		for (uint64_t page = paddr & ~(SDK_GRANULE - 1); page < paddr + memsz;
		     page += SDK_GRANULE) {
			/* The file bytes of the segment in this page, zero around them. */
			uint64_t lo = page > paddr ? page : paddr;
			uint64_t hi = page + SDK_GRANULE < paddr + filesz ? page + SDK_GRANULE :
									      paddr + filesz;

			sdk_memset((void *)src, 0, SDK_GRANULE);
			if (lo < hi)
				sdk_memcpy((uint8_t *)src + (lo - page), e + off + (lo - paddr), hi - lo);
			add_data(page, src);
		}
	}
	return entry;
}

static void build(void)
{
	struct rmi_out o;
	uint64_t params = sdk_alloc_granule(), rparams = sdk_alloc_granule(), entry;
	unsigned n3 = 0;

	rd = delegate();
	rtt_root = delegate();
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_S2SZ_OFFSET) = IPA_BITS;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_HASH_ALGO_OFFSET) = RMI_HASH_SHA_256;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_NUM_BPS_OFFSET) = 2;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_NUM_WPS_OFFSET) = 2;
	*(volatile uint16_t *)(params + RMI_REALM_PARAMS_VMID_OFFSET) = 1;
	*(volatile uint64_t *)(params + RMI_REALM_PARAMS_RTT_BASE_OFFSET) = rtt_root;
	*(volatile uint64_t *)(params + RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET) = START_LEVEL;
	*(volatile uint32_t *)(params + RMI_REALM_PARAMS_RTT_NUM_START_OFFSET) = 1;
	check("RMI_REALM_CREATE", rmi_realm_create(rd, params, 0));
	check("RMI_REC_AUX_COUNT", rmi_rec_aux_count(rd, &o));
	num_aux = o.x[1] <= MAX_AUX ? o.x[1] : 0;

	/* RTTs over the realm's RAM, RIPAS RAM, then the measured image. */
	rtt2 = delegate();
	check("RMI_RTT_CREATE level 2", rmi_rtt_create(rd, rtt2, 0, 2, 0));
	for (uint64_t ipa = RH_LOAD_IPA; ipa < RH_LOAD_IPA + RH_RAM_SIZE && n3 < MAX_RTT3;
	     ipa += 0x200000) {
		rtt3[n3] = delegate();
		check("RMI_RTT_CREATE level 3", rmi_rtt_create(rd, rtt3[n3++], ipa, 3, 0));
	}
	for (uint64_t base = RH_LOAD_IPA; base < RH_LOAD_IPA + RH_RAM_SIZE;) {
		if (RMI_STATUS(check("RMI_RTT_INIT_RIPAS",
				     rmi_rtt_init_ripas(rd, base, RH_LOAD_IPA + RH_RAM_SIZE, &o))) !=
		    RMI_SUCCESS)
			break;
		base = o.x[1];
	}
	entry = load_elf();

	rec = delegate();
	for (unsigned i = 0; i < num_aux; i++) {
		aux[i] = delegate();
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

static void enter_gpr(unsigned i, uint64_t v)
{
	sdk_write64(run + RMI_REC_RUN_ENTER_GPRS_OFFSET + 8 * i, v);
}

/* Bytes packed little-endian in exit gprs[first..]. */
static uint8_t exit_byte(unsigned first, uint64_t i)
{
	return (uint8_t)(exit_gpr(first + (unsigned)(i / 8)) >> (8 * (i % 8)));
}

static void host_call(void)
{
	uint64_t imm = sdk_read64(run + RMI_REC_RUN_EXIT_IMM_OFFSET) & 0xFFFF;
	uint64_t answer = RH_HC_OK;
	static int at_line_start = 1;

	switch (imm) {
	case RH_HC_PUTC:
	case RH_HC_WRITE: {
		uint64_t n = imm == RH_HC_PUTC ? 1 : exit_gpr(0);
		unsigned first = imm == RH_HC_PUTC ? 0 : 1;

		if (n > RH_HC_WRITE_MAX) {
			answer = RH_HC_ERROR;
			break;
		}
		for (uint64_t i = 0; i < n; i++) {
			char c = (char)exit_byte(first, i);

			if (at_line_start)
				sdk_puts("  [realm] ");
			sdk_putc(c);
			at_line_start = c == '\n';
		}
		break;
	}
	case RH_HC_TOKEN: {
		uint64_t total = exit_gpr(0), off = exit_gpr(1), len = exit_gpr(2);

		if (total > TOKEN_MAX || len > RH_HC_TOKEN_MAX || off + len > total) {
			answer = RH_HC_ERROR;
			break;
		}
		for (uint64_t i = 0; i < len; i++)
			token[off + i] = exit_byte(3, i);
		token_total = total;
		if (off + len > token_len)
			token_len = off + len;
		break;
	}
	case RH_HC_EXIT:
		realm_status = (int)exit_gpr(0);
		break;
	case RH_HC_REPORT:
		break;
	default:
		answer = RH_HC_ERROR;
		break;
	}
	enter_gpr(0, answer);
}

/* An RMI_EXIT_SYNC: a first touch of realm RAM is populated; anything else is a problem. */
static void sync_exit(void)
{
	uint64_t esr = sdk_read64(run + RMI_REC_RUN_EXIT_ESR_OFFSET);
	uint64_t ipa = (sdk_read64(run + RMI_REC_RUN_EXIT_HPFAR_OFFSET) >> 4) << 12;
	unsigned ec = (unsigned)(esr >> 26) & 0x3F;

	if ((ec == 0x24 || ec == 0x20) && in_ram(ipa)) {
		add_data(ipa, 0);
		return;
	}
	sdk_printf("realm_boot: unexpected REC exit (esr 0x%lx ipa 0x%lx)\n", (unsigned long)esr,
		   (unsigned long)ipa);
	problems++;
}

/* REC_ENTER until the realm's SYSTEM_OFF; returns 0 when it got there. */
static int run_realm(void)
{
	struct rmi_out o;

	for (unsigned n = 0; n < MAX_ENTERS; n++) {
		uint64_t reason, fid;

		if (RMI_STATUS(check("RMI_REC_ENTER", rmi_rec_enter(rec, run, 0))) != RMI_SUCCESS)
			return -1;
		/* Entry fields of the next call start clean; handlers set what they need. */
		sdk_write64(run + RMI_REC_RUN_ENTER_FLAGS_OFFSET, 0);
		for (unsigned i = 0; i < 31; i++)
			enter_gpr(i, 0);
		reason = sdk_read64(run + RMI_REC_RUN_EXIT_REASON_OFFSET) & 0xFF;
		switch (reason) {
		case RMI_EXIT_HOST_CALL:
			host_call();
			break;
		case RMI_EXIT_SYNC:
			sync_exit();
			break;
		case RMI_EXIT_RIPAS_CHANGE: {
			uint64_t base = sdk_read64(run + RMI_REC_RUN_EXIT_RIPAS_BASE_OFFSET);
			uint64_t top = sdk_read64(run + RMI_REC_RUN_EXIT_RIPAS_TOP_OFFSET);

			while (base < top &&
			       RMI_STATUS(rmi_rtt_set_ripas(rd, rec, base, top, &o)) == RMI_SUCCESS)
				base = o.x[1];
			break;
		}
		case RMI_EXIT_PSCI:
			fid = exit_gpr(0);
			if ((fid & 0x1F) == 0x08 || (fid & 0x1F) == 0x09)
				return 0; /* SYSTEM_OFF / SYSTEM_RESET */
			break;
		default:
			/* IRQ, FIQ, SError: nothing to inject; run the realm again. */
#ifdef HOST_IRQ_TEST
			if (reason == RMI_EXIT_IRQ)
				irq_exit();
#endif
			break;
		}
	}
	sdk_printf("realm_boot: the realm did not finish in %u entries\n", MAX_ENTERS);
	return -1;
}

static void teardown(void)
{
	struct rmi_out o;

	check("RMI_REC_DESTROY", rmi_rec_destroy(rec, 0));
	for (unsigned i = 0; i < num_data; i++)
		check("RMI_DATA_DESTROY", rmi_data_destroy(rd, data[i].ipa, &o));
	for (unsigned i = 0; i < MAX_RTT3 && rtt3[i]; i++)
		check("RMI_RTT_DESTROY level 3",
		      rmi_rtt_destroy(rd, RH_LOAD_IPA + 0x200000ULL * i, 3, &o));
	check("RMI_RTT_DESTROY level 2", rmi_rtt_destroy(rd, 0, 2, &o));
	check("RMI_REALM_DESTROY", rmi_realm_destroy(rd, 0));
	check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rec, 0));
	for (unsigned i = 0; i < num_aux; i++)
		check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(aux[i], 0));
	for (unsigned i = 0; i < num_data; i++)
		check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(data[i].pa, 0));
	for (unsigned i = 0; i < MAX_RTT3 && rtt3[i]; i++)
		check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rtt3[i], 0));
	check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rtt2, 0));
	check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rtt_root, 0));
	check("RMI_GRANULE_UNDELEGATE", rmi_granule_undelegate(rd, 0));
}

int main(void)
{
	struct rmi_out o;
	uint64_t r;

	sdk_printf("realm_boot: NS-EL2 host, building the demo realm\n");
	check("RMI_VERSION", rmi_version(RMI_ABI_VERSION, &o));
	build();
	sdk_printf("realm_boot: realm active (%u measured pages), running it\n", num_data);
#ifdef HOST_IRQ_TEST
	sdk_gic_init();                         /* PSTATE.I stays set: nothing is taken here */
	sdk_gic_enable_ppi(1, 0x80);
	sdk_gic_enable_ppi(SDK_PPI_CNTHP, 0x80);
	sdk_write_icc_sgi1r((1UL << 24) | 1);   /* SGI 1 to self: pending */
	check("RMI_REC_ENTER", rmi_rec_enter(rec, run, 0));
	if ((sdk_read64(run + RMI_REC_RUN_EXIT_REASON_OFFSET) & 0xFF) != RMI_EXIT_IRQ) {
		sdk_printf("realm_boot: a pending SGI did not end REC_ENTER\n");
		problems++;
	} else {
		sdk_printf("realm_boot: a pending SGI ended REC_ENTER with RMI_EXIT_IRQ\n");
	}
	sdk_write_icc_eoir1(sdk_read_icc_iar1()); /* acknowledged: no longer signalled */
	timer_armed = sdk_read_cntpct();
	sdk_write_cnthp_tval(HOST_TIMER_TICKS);
	sdk_write_cnthp_ctl(1);
#endif
	if (problems == 0 && run_realm() != 0)
		problems++;
#ifdef HOST_IRQ_TEST
	sdk_printf("realm_boot: %u IRQ exits, %u by the host timer\n", irq_exits, host_timer_exits);
	if (host_timer_exits != 1 || timer_exit_count < timer_armed + HOST_TIMER_TICKS ||
	    timer_exit_count > timer_armed + 2 * HOST_TIMER_TICKS) {
		sdk_printf("realm_boot: the host timer did not end the REC at its deadline "
			   "(armed %lu, exit at %lu)\n", (unsigned long)timer_armed,
			   (unsigned long)timer_exit_count);
		problems++;
	} else {
		sdk_printf("realm_boot: the host timer ended the REC %lu ticks after arming\n",
			   (unsigned long)(timer_exit_count - timer_armed));
	}
#endif
	if (realm_status != 0) {
		sdk_printf("realm_boot: the realm reported exit status %d\n", realm_status);
		problems++;
	}
	if (token_len == 0 || token_len != token_total) {
		sdk_printf("realm_boot: no complete token (%lu of %lu bytes)\n",
			   (unsigned long)token_len, (unsigned long)token_total);
		problems++;
	} else {
		sdk_printf("realm_boot: token of %lu bytes received; handing it to the platform\n",
			   (unsigned long)token_len);
		r = sdk_smc(RMMSIM_SIP_TOKEN, (uint64_t)token, token_len, 0, 0, 0, 0, 0);
		if (r != 0) {
			sdk_printf("realm_boot: the platform did not accept the token (%ld)\n", (long)r);
			problems++;
		}
	}
	teardown();
	sdk_printf("realm_boot: %u problem(s)\n", problems);
	return (int)problems;
}
