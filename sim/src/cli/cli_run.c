/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `rmmsim run [options] PAYLOAD`: runs an AArch64 host payload at NS-EL2 on
 * the platform (sim/src/platform) through the emulated CPU (sim/src/cpu).
 * Several images may go in at once (--load FILE[@ADDR], cli_load.c); every
 * input and output file is checked before the payload runs. Exit codes:
 * exit_codes.def (docs/exit-codes.md).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_exit.h"
#include "cli_load.h"
#include "cli_out.h"
#include "cpu.h"
#include "den0137_abi.h"
#ifdef RMMSIM_HAVE_DEMO
#include "payload_embed.h"
#endif
#include "platform.h"

enum run_exit {
	RUN_OK = RMMSIM_EXIT_OK,
	RUN_INTERNAL = RMMSIM_EXIT_INTERNAL,
	RUN_USAGE = RMMSIM_EXIT_USAGE,
	RUN_BAD_INPUT = RMMSIM_EXIT_BAD_INPUT,
	RUN_FAULT = RMMSIM_EXIT_FAULT,
	RUN_TIMEOUT = RMMSIM_EXIT_TIMEOUT,
	RUN_PAYLOAD_FAILED = RMMSIM_EXIT_PAYLOAD_FAILED,
	RUN_RESET = RMMSIM_EXIT_RESET,
	RUN_DEADLOCK = RMMSIM_EXIT_DEADLOCK,
};

#define BUILTIN_DEMO "builtin:demo"
#define BUILTIN_REALM "builtin:realm"
/* RMI 2.0 hosts (docs/rmi-2.0.md): the newest Linux series' sequence, the TFTF basic test. */
#define BUILTIN_LINUX_V2 "builtin:linux_v2"
#define BUILTIN_TFTF_REALM "builtin:tftf_realm"
#define ERR_LEN 768
#define DTB_MAX (2U << 20)
/* The DTB window at the top of DRAM bank 0 (sim/src/cpu/boot.c, docs/emulation.md). */
#define DTB_WINDOW (2ULL << 20)
/* Marks RMI log lines that share a stream with UART output. */
#define RMI_LOG_PREFIX "[rmi] "

struct run_args {
	const char *platform;
	const char *payload;
	const char *trace;
	const char *uart[CPU_MAX_UART];
	const char *loads[CLI_MAX_IMAGES]; /* --load FILE[@ADDR], in order */
	unsigned num_loads;
	uint64_t load_addr;
	uint64_t entry;
	bool have_entry;
	uint64_t max_insns;
	bool rmi_log;
	const char *rmi_log_path;          /* --rmi-log=FILE; NULL = stdout */
	bool stats;
	bool no_gpc;
	const char *rmi_abi;
	uint64_t quantum;       /* issue 13 */
	bool threads;
	bool parallel_rmi;
	bool reset_continue;   /* --on-reset continue */
	bool no_time_base;     /* --no-time-base (benchmarks) */
	bool realtime;         /* --realtime: the counter follows host time */
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: rmmsim run [options] [PAYLOAD]\n"
		"Runs an AArch64 host payload (ELF, or flat binary with --load-addr) at NS-EL2.\n"
		"PAYLOAD may be " BUILTIN_DEMO " (the embedded RMI demo) or " BUILTIN_REALM "\n"
		"(the embedded host that builds and runs the demo realm), or an RMI 2.0 host:\n"
		BUILTIN_LINUX_V2 " (the newest Linux series' sequence, two realms) or\n"
		BUILTIN_TFTF_REALM " (the TFTF basic realm test; --rmi-abi 2.0 by default).\n"
		"  --platform FILE     platform device tree (.dts or .dtb; default: FVP Base RevC)\n"
		"  --rmi-abi 1.0|2.0|both  RMI ABIs the RMM speaks (default: both; docs/rmi-2.0.md)\n"
		"  --load-addr ADDR    load PAYLOAD as a flat binary at ADDR (entry = ADDR)\n"
		"  --load FILE[@ADDR]  one more image (repeatable): an ELF, or with @ADDR the\n"
		"                      file's bytes at ADDR (4 KiB aligned); overlaps are refused\n"
		"  --entry ADDR        start the host at ADDR (default: the first ELF's entry,\n"
		"                      else the first flat image's address)\n"
		"  --max-insns N       stop after N host instructions (exit code 6)\n"
		"  --rmi-log[=FILE]    one line per RMI call, to FILE or stdout; on a stream\n"
		"                      shared with UART output each line starts '" RMI_LOG_PREFIX "'\n"
		"  --trace FILE        write a Chrome Trace Event JSON file\n"
		"  --stats             print instructions, cycles per world and per RMI command\n"
		"  --uart0..3 FILE     where UARTn output goes (default: uart0 stdout, others dropped)\n"
		"  --no-gpc            skip the granule protection check of host accesses\n"
		"  --on-reset exit|continue  a platform reset (PSCI SYSTEM_RESET, watchdog) ends\n"
		"                      the run (exit 8, default) or restarts the payload with\n"
		"                      DRAM and flash kept and Realm memory scrubbed\n"
		"  --no-time-base      benchmarks only: no instruction counting, so timers,\n"
		"                      watchdogs and the PMU never fire\n"
		"  --realtime          the system counter follows host time (CLOCK_MONOTONIC at\n"
		"                      CNTFRQ) and WFI sleeps on the host: not reproducible\n"
		"  --token-out FILE    save the attestation token a host hands over (RMMSIM_SIP_TOKEN)\n"
		"  --quantum N         interleaved PEs: N host instructions per turn (default 1000)\n"
		"  --threads           one host thread per PE (not reproducible; guest exclusives and\n"
		"                      LSE atomics not atomic across PEs, RMI calls serialised)\n"
		"  --parallel-rmi      with --threads: RMI calls of the PEs race in the RMM (needs\n"
		"                      the RMM's own locking)\n"
		"  --help              this text\n");
	cli_print_exit_codes(out);
}

#define parse_u64 cli_parse_u64

static int parse_args(int argc, char **argv, struct run_args *a)
{
	enum { O_PLATFORM = 256, O_LOAD, O_LOADIMG, O_ENTRY, O_MAX, O_LOG, O_TRACE, O_STATS, O_NOGPC, O_HELP, O_TOKEN,
	       O_RMI_ABI, O_QUANTUM, O_THREADS, O_PRMI, O_UART, O_ON_RESET = O_UART + 8, O_NO_TIME,
	       O_REALTIME };
	static const struct option opts[] = {
		{ "platform", required_argument, NULL, O_PLATFORM },
		{ "load-addr", required_argument, NULL, O_LOAD },
		{ "load", required_argument, NULL, O_LOADIMG },
		{ "entry", required_argument, NULL, O_ENTRY },
		{ "max-insns", required_argument, NULL, O_MAX },
		{ "rmi-log", optional_argument, NULL, O_LOG },
		{ "trace", required_argument, NULL, O_TRACE },
		{ "stats", no_argument, NULL, O_STATS },
		{ "no-gpc", no_argument, NULL, O_NOGPC },
		{ "help", no_argument, NULL, O_HELP },
		{ "token-out", required_argument, NULL, O_TOKEN },
		{ "rmi-abi", required_argument, NULL, O_RMI_ABI },
		{ "quantum", required_argument, NULL, O_QUANTUM },
		{ "threads", no_argument, NULL, O_THREADS },
		{ "parallel-rmi", no_argument, NULL, O_PRMI },
		{ "on-reset", required_argument, NULL, O_ON_RESET },
		{ "no-time-base", no_argument, NULL, O_NO_TIME },
		{ "realtime", no_argument, NULL, O_REALTIME },
		{ "uart0", required_argument, NULL, O_UART + 0 },
		{ "uart1", required_argument, NULL, O_UART + 1 },
		{ "uart2", required_argument, NULL, O_UART + 2 },
		{ "uart3", required_argument, NULL, O_UART + 3 },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case O_PLATFORM:
			a->platform = optarg;
			break;
		case O_LOAD:
			if (!parse_u64(optarg, &a->load_addr) || a->load_addr == 0) {
				fprintf(stderr, "rmmsim run: bad --load-addr '%s'\n", optarg);
				return RUN_USAGE;
			}
			break;
		case O_LOADIMG:
			if (a->num_loads == CLI_MAX_IMAGES) {
				fprintf(stderr, "rmmsim run: more than %u --load\n", CLI_MAX_IMAGES);
				return RUN_USAGE;
			}
			a->loads[a->num_loads++] = optarg;
			break;
		case O_ENTRY:
			if (!parse_u64(optarg, &a->entry)) {
				fprintf(stderr, "rmmsim run: bad --entry '%s'\n", optarg);
				return RUN_USAGE;
			}
			a->have_entry = true;
			break;
		case O_MAX:
			if (!parse_u64(optarg, &a->max_insns) || a->max_insns == 0) {
				fprintf(stderr, "rmmsim run: bad --max-insns '%s'\n", optarg);
				return RUN_USAGE;
			}
			break;
		case O_LOG:
			a->rmi_log = true;
			a->rmi_log_path = optarg;
			break;
		case O_TRACE:
			a->trace = optarg;
			break;
		case O_STATS:
			a->stats = true;
			break;
		case O_NOGPC:
			a->no_gpc = true;
			break;
		case O_TOKEN:
			cli_token_out = optarg;
			break;
		case O_RMI_ABI:
			a->rmi_abi = optarg;
			break;
		case O_QUANTUM:
			if (!parse_u64(optarg, &a->quantum) || a->quantum == 0) {
				fprintf(stderr, "rmmsim run: bad --quantum '%s'\n", optarg);
				return RUN_USAGE;
			}
			break;
		case O_THREADS:
			a->threads = true;
			break;
		case O_PRMI:
			a->parallel_rmi = true;
			break;
		case O_ON_RESET:
			if (strcmp(optarg, "continue") != 0 && strcmp(optarg, "exit") != 0) {
				fprintf(stderr, "rmmsim run: bad --on-reset '%s' (exit|continue)\n",
					optarg);
				return RUN_USAGE;
			}
			a->reset_continue = optarg[0] == 'c';
			break;
		case O_NO_TIME:
			a->no_time_base = true;
			break;
		case O_REALTIME:
			a->realtime = true;
			break;
		case O_HELP:
			usage(stdout);
			return -1;
		default:
			if (c >= O_UART && c < O_UART + (int)CPU_MAX_UART) {
				a->uart[c - O_UART] = optarg;
				break;
			}
			usage(stderr);
			return RUN_USAGE;
		}
	}
	if (optind < argc - 1 || (optind == argc && a->num_loads == 0)) {
		fprintf(stderr, "rmmsim run: expected one PAYLOAD and/or --load FILE[@ADDR]%s\n",
			optind < argc - 1 && a->rmi_log && !a->rmi_log_path ?
				" (an RMI log file is given as --rmi-log=FILE)" : "");
		usage(stderr);
		return RUN_USAGE;
	}
	if (a->load_addr != 0 && optind == argc) {
		fprintf(stderr, "rmmsim run: --load-addr applies to PAYLOAD (or use --load FILE@ADDR)\n");
		return RUN_USAGE;
	}
	a->payload = optind < argc ? argv[optind] : NULL;
	if (a->realtime && a->no_time_base) {
		fprintf(stderr, "rmmsim run: --realtime needs the time base (not --no-time-base)\n");
		return RUN_USAGE;
	}
	if (a->parallel_rmi && !a->threads) {
		fprintf(stderr, "rmmsim run: --parallel-rmi needs --threads\n");
		return RUN_USAGE;
	}
	return 0;
}

/* The platform's DTB bytes, for the payload's x0 (NULL: none, e.g. unreadable). */
static void *load_dtb(const char *path, size_t *len)
{
	uint8_t *buf = malloc(DTB_MAX);
	FILE *f = NULL;
	size_t n = 0;

	if (!buf)
		return NULL;
	if (!path) {
		if (plat_default_dtb_len > DTB_MAX)
			goto fail;
		memcpy(buf, plat_default_dtb, plat_default_dtb_len);
		*len = plat_default_dtb_len;
		return buf;
	}
	f = fopen(path, "rb");
	if (f) {
		n = fread(buf, 1, DTB_MAX, f);
		fclose(f);
	}
	if (n >= 4 && buf[0] == 0xD0 && buf[1] == 0x0D && buf[2] == 0xFE && buf[3] == 0xED) {
		*len = n;
		return buf;
	}
	/* A .dts: compile it as the platform did (the path was accepted by it already). */
	if (!strchr(path, '\'')) {
		char cmd[1200];

		snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb '%s' 2>/dev/null", path);
		f = popen(cmd, "r");
		if (f) {
			n = fread(buf, 1, DTB_MAX, f);
			if (pclose(f) == 0 && n > 0) {
				*len = n;
				return buf;
			}
		}
	}
fail:
	free(buf);
	return NULL;
}

static enum gpt_result run_gpc(void *ctx, enum gpt_access acc, pa_t pa)
{
	struct rmmsim *p = ctx;

	return gpt_check(p->gpt, WORLD_NS, acc, pa);
}

static uint64_t run_pas_epoch(void *ctx)
{
	const struct rmmsim *p = ctx;

	return __atomic_load_n(&p->pas_epoch, __ATOMIC_ACQUIRE);
}

static enum cpu_power run_smc(void *ctx, unsigned pe, struct smc_regs *regs)
{
	struct rmmsim *p = ctx;
	bool psci = smc_psci_fid(regs->x[0]);

	smc_dispatch_pe(&p->el3, pe, regs);
	/*
	 * Only PSCI (SYSTEM_OFF/RESET) sets power_event, under the machine lock;
	 * an RMI call (--parallel-rmi: outside it) must not read it.
	 */
	if (!psci)
		return CPU_POWER_NONE;
	switch (p->el3.power_event) {
	case SMC_POWER_SYSTEM_OFF:
		return CPU_POWER_OFF;
	case SMC_POWER_SYSTEM_RESET:
		return CPU_POWER_RESET;
	case SMC_POWER_NONE:
		break;
	}
	return CPU_POWER_NONE;
}

static int run_reset(void *ctx)
{
	char err[ERR_LEN] = "";

	if (plat_warm_reset(ctx, err, sizeof(err)) == 0)
		return 0;
	fprintf(stderr, "rmmsim: %s\n", err);
	return -1;
}

static void run_events(void *ctx, uint64_t counts[RMM_COST_COUNT])
{
	const struct rmmsim *p = ctx;

	/*
	 * The calling PE's own stripe: other PEs' RMI calls (--parallel-rmi)
	 * add to theirs at once, so the SMC's before/after delta is this PE's.
	 */
	plat_cost_counts_of_thread(p, counts);
}

static uint64_t run_cost(const void *ctx, const char *name, uint64_t dflt)
{
	return plat_desc_cost(ctx, name, dflt);
}

/* Fills the CPU's narrow view of the platform from platform.h. */
static void describe(struct rmmsim *p, struct cpu_platform *cp)
{
	const struct plat_desc *d = &p->desc;

	for (unsigned i = 0; i < d->num_banks && i < CPU_MAX_RAM; i++) {
		cp->ram[i] = (struct cpu_ram){ .base = d->banks[i].base, .size = d->banks[i].size,
					       .host = p->dram + p->bank_offset[i] };
		cp->num_ram++;
	}
	if (p->nv) {
		cp->nv_base = p->nv_region.base;
		cp->nv_size = p->nv_region.size;
		cp->nv_host = p->nv;
	}
	for (unsigned i = 0; i < d->num_devices; i++) {
		const struct plat_device *dev = &d->devices[i];

		switch (dev->kind) {
		case PLAT_DEV_PL011:
			if (cp->num_uart < CPU_MAX_UART)
				cp->uart[cp->num_uart++] = dev->reg[0].base;
			break;
		case PLAT_DEV_GICV3:
			if (dev->num_reg >= 2) {
				cp->gicd = dev->reg[0].base;
				cp->gicr = dev->reg[1].base;
				cp->gicr_size = dev->reg[1].size;
			}
			break;
		case PLAT_DEV_SP805:
			cp->sp805 = dev->reg[0].base;
			cp->sp805_size = dev->reg[0].size;
			cp->sp805_spi = dev->num_irq ? dev->irq[0] : 0;
			cp->sp805_clk_hz = dev->clock_hz;
			break;
		case PLAT_DEV_SBSA_GWDT: /* reg = <refresh frame>, <control frame>; WS0 = irq[0] */
			cp->gwdt_refresh = dev->reg[0].base;
			cp->gwdt_refresh_size = dev->reg[0].size;
			cp->gwdt_ctrl = dev->reg[1].base;
			cp->gwdt_ctrl_size = dev->reg[1].size;
			cp->gwdt_spi = dev->num_irq ? dev->irq[0] : 0;
			break;
		case PLAT_DEV_NVRAM:
		case PLAT_DEV_OTHER:
			break;
		}
	}
	/* issue 12: the architected timer PPIs from the arm,armv8-timer node. */
	if (d->timer.present) {
		cp->ppi_cnthp = d->timer.ppi_hyp;
		cp->ppi_cntp = d->timer.ppi_ns;
		cp->ppi_cntv = d->timer.ppi_virt;
	}
	/* issue 12: the PMU PPI (arm,armv8-pmuv3) and PMCR_EL0.N (RMI FEATURES PMU_NUM_CTRS). */
	cp->ppi_pmu = d->pmu_ppi;
	cp->pmu_counters = (unsigned)((d->feat_reg0 >> RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS_SHIFT) &
				      ((1ULL << RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS_WIDTH) - 1U));
	cp->gpc = run_gpc;
	cp->gpc_ctx = p;
	cp->pas_epoch = run_pas_epoch;
	cp->smc = run_smc;
	cp->smc_ctx = p;
	cp->reset = run_reset;
	cp->rmm_events = run_events;
	cp->events_ctx = p;
	cp->rmi_log_format = rmi_log_format;
	cp->cost = run_cost;
	cp->cost_ctx = d;
	cli_pe_describe(p, cp); /* issue 13 */
}

/* The host's system counter for realm runs (issue 12). */
static void realm_time(void *ctx, struct plat_time *t)
{
	struct cpu_time_view v;

	cpu_time_view(ctx, &v);
	*t = (struct plat_time){ .count = v.count, .cntfrq = v.cntfrq, .clock_hz = v.clock_hz,
				 .cpi_milli = v.cpi_milli, .host_deadline = v.host_deadline,
				 .now = v.now, .now_ctx = v.now_ctx };
}

/* Realm time slices into the cycle model and the trace (platform realm hook). */
static void realm_slice(void *ctx, uint16_t vmid, const struct rmm_vcpu_regs *regs,
			const struct rmm_vcpu_run *vr)
{
	cpu_note_realm_run(ctx, vmid, (unsigned)vr->exit, regs->x[0], vr->insns);
}

static int exit_code(struct cpu *cpu, enum cpu_exit why)
{
	uint64_t st = cpu_exit_status(cpu);

	switch (why) {
	case CPU_EXIT_SYSTEM_OFF:
		if (st == 0)
			return RUN_OK;
		fprintf(stderr, "rmmsim: the payload reported failure (SYSTEM_OFF with X1 = %" PRIu64
				")\n", st);
		return RUN_PAYLOAD_FAILED;
	case CPU_EXIT_SYSTEM_RESET:
		fprintf(stderr, "rmmsim: the payload asked for SYSTEM_RESET: run ended\n");
		return RUN_RESET;
	case CPU_EXIT_WDOG_RESET:
		fprintf(stderr, "rmmsim: a watchdog reset the platform: run ended "
				"(--on-reset continue restarts the payload)\n");
		return RUN_RESET;
	case CPU_EXIT_TIMEOUT:
		fprintf(stderr, "rmmsim: timeout: --max-insns reached\n");
		return RUN_TIMEOUT;
	case CPU_EXIT_FAULT:
		return RUN_FAULT;
	case CPU_EXIT_ERROR:
		return RUN_FAULT; /* the emulator refused the payload: reported by the run loop */
	case CPU_EXIT_DEADLOCK:
		return RUN_DEADLOCK; /* the one line was printed by the run loop */
	}
	return RUN_INTERNAL;
}

/*
 * Every output file, opened before the platform exists: a bad path costs
 * nothing and names itself (exit 3). The RMI log gets RMI_LOG_PREFIX when
 * it shares a stream with a UART.
 */
static int open_outputs(const struct run_args *a, struct cli_outs *outs,
			struct cpu_options *co, FILE **rmi_log)
{
	FILE *log = stdout;

	co->uart_out[0] = stdout;
	for (unsigned i = 0; i < CPU_MAX_UART; i++) {
		if (!a->uart[i])
			continue;
		co->uart_out[i] = cli_out_open(outs, a->uart[i], "UART output", "rmmsim run");
		if (!co->uart_out[i])
			return RUN_BAD_INPUT;
	}
	if (a->trace) {
		co->trace = cli_out_open(outs, a->trace, "trace", "rmmsim run");
		if (!co->trace)
			return RUN_BAD_INPUT;
	}
	if (cli_token_out && cli_check_out_path(cli_token_out, "token", "rmmsim run") != 0)
		return RUN_BAD_INPUT;
	*rmi_log = NULL;
	if (!a->rmi_log)
		return 0;
	if (a->rmi_log_path) {
		log = cli_out_open(outs, a->rmi_log_path, "RMI log", "rmmsim run");
		if (!log)
			return RUN_BAD_INPUT;
	}
	for (unsigned i = 0; i < CPU_MAX_UART; i++) {
		if (co->uart_out[i] == log) {
			log = cli_prefix_stream(outs, log, RMI_LOG_PREFIX);
			if (!log)
				return RUN_INTERNAL;
			break;
		}
	}
	*rmi_log = log;
	return 0;
}

/* The images in order: PAYLOAD (a built-in, a file, or a file at --load-addr), then each --load. */
static int add_images(const struct run_args *a, struct cli_images *im)
{
	int rc = 0;

	if (a->payload) {
#ifdef RMMSIM_HAVE_DEMO
		if (strcmp(a->payload, BUILTIN_DEMO) == 0)
			rc = cli_images_add_mem(im, BUILTIN_DEMO, payload_demo_elf,
						payload_demo_elf_len);
		else
#endif
#ifdef RMMSIM_HAVE_REALM_BOOT
		if (strcmp(a->payload, BUILTIN_REALM) == 0)
			rc = cli_images_add_mem(im, BUILTIN_REALM, payload_realm_boot_elf,
						payload_realm_boot_elf_len);
		else if (strcmp(a->payload, BUILTIN_LINUX_V2) == 0)
			rc = cli_images_add_mem(im, BUILTIN_LINUX_V2, payload_linux_v2_elf,
						payload_linux_v2_elf_len);
		else
#endif
#ifdef RMMSIM_HAVE_DEMO
		if (strcmp(a->payload, BUILTIN_TFTF_REALM) == 0)
			rc = cli_images_add_mem(im, BUILTIN_TFTF_REALM, payload_tftf_realm_elf,
						payload_tftf_realm_elf_len);
		else
#endif
			rc = cli_images_add_file(im, a->payload, a->load_addr != 0, a->load_addr);
	}
	for (unsigned k = 0; rc == 0 && k < a->num_loads; k++)
		rc = cli_images_add(im, a->loads[k]);
	return rc;
}

/*
 * The platform's DRAM and where the CPU will put the DTB (boot.c): no
 * window without a DTB or when bank 0 is under 4 MiB (boot refuses that).
 */
static void layout(const struct rmmsim *p, size_t dtb_size, struct cli_layout *lay)
{
	const struct plat_desc *d = &p->desc;

	for (unsigned i = 0; i < d->num_banks && lay->num_dram < 8U; i++)
		lay->dram[lay->num_dram++] = (struct cli_range){
			d->banks[i].base, d->banks[i].base + d->banks[i].size };
	if (dtb_size == 0 || d->num_banks == 0 || d->banks[0].size < 2 * DTB_WINDOW)
		return;
	lay->dtb.lo = d->banks[0].base + d->banks[0].size - DTB_WINDOW;
	lay->dtb.hi = lay->dtb.lo + DTB_WINDOW;
	lay->has_dtb = true;
}

/* "platform: ..." messages of the CPU name the --platform file too. */
static void report(const struct run_args *a, const char *err)
{
	if (a->platform && strncmp(err, "platform:", 9) == 0)
		fprintf(stderr, "rmmsim: %s: %s\n", a->platform, err);
	else
		fprintf(stderr, "rmmsim: %s\n", err);
}

static int run(const struct run_args *a)
{
	struct rmmsim_options po = { .platform_path = a->platform, .rmi_abi = a->rmi_abi };

	/* TFTF never calls RMI_VERSION: its builtin runs a 2.0-only RMM unless told otherwise. */
	if (po.rmi_abi == NULL && a->payload != NULL && strcmp(a->payload, BUILTIN_TFTF_REALM) == 0)
		po.rmi_abi = "2.0";
	struct cpu_platform cp = { 0 };
	struct cpu_options co = { .gpc_checks = !a->no_gpc, .max_insns = a->max_insns,
				  .count_insns = a->stats || a->trace != NULL,
				  .fault_report = stderr, .quantum = a->quantum,
				  .threads = a->threads, .parallel_rmi = a->parallel_rmi,
				  .reset_continue = a->reset_continue,
				  .no_time_base = a->no_time_base, .realtime = a->realtime };
	struct cli_outs outs = { 0 };
	struct cli_images im = { 0 };
	struct cli_layout lay = { 0 };
	char err[ERR_LEN] = "";
	struct rmmsim *p = NULL;
	struct cpu *cpu = NULL;
	FILE *rmi_log = NULL;
	void *dtb = NULL;
	pa_t entry = 0;
	int rc;

	rc = add_images(a, &im);
	if (rc == 0)
		rc = open_outputs(a, &outs, &co, &rmi_log);
	if (rc != 0)
		goto out;
	po.rmi_log = rmi_log;
	p = rmmsim_create(&po, err, sizeof(err));
	if (!p) {
		fprintf(stderr, "rmmsim: %s\n", err);
		rc = RUN_BAD_INPUT;
		goto out;
	}
	describe(p, &cp);
	dtb = load_dtb(a->platform, &cp.dtb_size);
	cp.dtb = dtb;
	layout(p, dtb ? cp.dtb_size : 0, &lay);
	rc = cli_images_prepare(&im, &lay, a->have_entry, a->entry, &entry, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "rmmsim run: %s\n", err);
		goto out;
	}
	cpu = cpu_create(&cp, &co, err, sizeof(err));
	if (!cpu) {
		fprintf(stderr, "rmmsim: %s\n", err);
		rc = RUN_INTERNAL;
		goto out;
	}
	if (cli_pe_attach(p, cpu) != 0) {
		fprintf(stderr, "rmmsim: the platform's cpus do not fit EL3's PSCI\n");
		rc = RUN_INTERNAL;
		goto out;
	}
	rmmsim_set_token_handler(p, cli_token_report, stdout);
	p->realm_hook = realm_slice;
	p->realm_hook_ctx = cpu;
	p->time_fn = realm_time;
	p->time_ctx = cpu;
	rc = cli_images_load(&im, cpu, entry, err, sizeof(err));
	if (rc == 0 && cpu_boot(cpu, err, sizeof(err)) != 0)
		rc = RUN_BAD_INPUT;
	if (rc != 0) {
		report(a, err);
		goto out;
	}
	rc = exit_code(cpu, cpu_run(cpu));
	fflush(stdout);
	if (a->stats)
		cpu_print_stats(cpu, stdout);
out:
	cpu_destroy(cpu);
	rmmsim_destroy(p);
	cli_outs_close(&outs);
	cli_images_free(&im);
	free(dtb);
	return rc;
}

int cli_run(int argc, char **argv)
{
	struct run_args a = { 0 };
	int rc = parse_args(argc, argv, &a);

	if (rc < 0)
		return 0; /* --help */
	if (rc != 0)
		return rc;
	return run(&a);
}
