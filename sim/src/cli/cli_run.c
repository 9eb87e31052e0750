/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `rmmsim run [options] PAYLOAD`: runs an AArch64 host payload at NS-EL2 on
 * the platform (sim/src/platform) through the emulated CPU (sim/src/cpu).
 * Exit codes (docs/exit-codes.md): 0 SYSTEM_OFF with X1 = 0, 1 emulator
 * error, 2 usage, 3 bad payload or platform, 5 unhandled fault, 6 timeout,
 * 7 SYSTEM_OFF with X1 != 0 (the payload reported a failure), 8 SYSTEM_RESET.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cpu.h"
#include "den0137_abi.h"
#ifdef RMMSIM_HAVE_DEMO
#include "payload_embed.h"
#endif
#include "platform.h"

enum run_exit {
	RUN_OK = 0,
	RUN_INTERNAL = 1,
	RUN_USAGE = 2,
	RUN_BAD_INPUT = 3,
	RUN_FAULT = 5,
	RUN_TIMEOUT = 6,
	RUN_PAYLOAD_FAILED = 7,
	RUN_RESET = 8,
	RUN_DEADLOCK = 10,
};

#define BUILTIN_DEMO "builtin:demo"
#define BUILTIN_REALM "builtin:realm"
#define ERR_LEN 768
#define DTB_MAX (2U << 20)

struct run_args {
	const char *platform;
	const char *payload;
	const char *trace;
	const char *uart[CPU_MAX_UART];
	uint64_t load_addr;
	uint64_t max_insns;
	bool rmi_log;
	bool stats;
	bool no_gpc;
	bool reset_continue;   /* --on-reset continue */
	bool no_time_base;     /* --no-time-base (benchmarks) */
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: rmmsim run [options] PAYLOAD\n"
		"Runs an AArch64 host payload (ELF, or flat binary with --load-addr) at NS-EL2.\n"
		"PAYLOAD may be " BUILTIN_DEMO " (the embedded RMI demo) or " BUILTIN_REALM "\n"
		"(the embedded host that builds and runs the demo realm).\n"
		"  --platform FILE     platform device tree (.dts or .dtb; default: FVP Base RevC)\n"
		"  --load-addr ADDR    load PAYLOAD as a flat binary at ADDR (entry = ADDR)\n"
		"  --max-insns N       stop after N host instructions (exit code 6)\n"
		"  --rmi-log           print one line per RMI call\n"
		"  --trace FILE        write a Chrome Trace Event JSON file\n"
		"  --stats             print instructions, cycles per world and per RMI command\n"
		"  --uart0..3 FILE     where UARTn output goes (default: uart0 stdout, others dropped)\n"
		"  --no-gpc            skip the granule protection check of host accesses\n"
		"  --on-reset exit|continue  a platform reset (PSCI SYSTEM_RESET, watchdog) ends\n"
		"                      the run (exit 8, default) or restarts the payload with\n"
		"                      DRAM and flash kept and Realm memory scrubbed\n"
		"  --no-time-base      benchmarks only: no instruction counting, so timers,\n"
		"                      watchdogs and the PMU never fire\n"
		"  --token-out FILE    save the attestation token a host hands over (RMMSIM_SIP_TOKEN)\n"
		"  --help              this text\n"
		"Exit: 0 SYSTEM_OFF(X1=0), 1 emulator error, 2 usage, 3 bad payload/platform,\n"
		"      5 unhandled fault, 6 --max-insns reached, 7 SYSTEM_OFF(X1!=0), 8 SYSTEM_RESET\n"
		"      or watchdog reset (without --on-reset continue),\n"
		"     10 deadlock (WFI with nothing that can wake the PE).\n");
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno == 0 && *s && *end == '\0' && s[0] != '-';
}

static int parse_args(int argc, char **argv, struct run_args *a)
{
	enum { O_PLATFORM = 256, O_LOAD, O_MAX, O_LOG, O_TRACE, O_STATS, O_NOGPC, O_HELP, O_TOKEN,
	       O_UART, O_ON_RESET = O_UART + 8, O_NO_TIME };
	static const struct option opts[] = {
		{ "platform", required_argument, NULL, O_PLATFORM },
		{ "load-addr", required_argument, NULL, O_LOAD },
		{ "max-insns", required_argument, NULL, O_MAX },
		{ "rmi-log", no_argument, NULL, O_LOG },
		{ "trace", required_argument, NULL, O_TRACE },
		{ "stats", no_argument, NULL, O_STATS },
		{ "no-gpc", no_argument, NULL, O_NOGPC },
		{ "help", no_argument, NULL, O_HELP },
		{ "token-out", required_argument, NULL, O_TOKEN },
		{ "on-reset", required_argument, NULL, O_ON_RESET },
		{ "no-time-base", no_argument, NULL, O_NO_TIME },
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
		case O_MAX:
			if (!parse_u64(optarg, &a->max_insns) || a->max_insns == 0) {
				fprintf(stderr, "rmmsim run: bad --max-insns '%s'\n", optarg);
				return RUN_USAGE;
			}
			break;
		case O_LOG:
			a->rmi_log = true;
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
	if (optind != argc - 1) {
		fprintf(stderr, "rmmsim run: expected exactly one PAYLOAD\n");
		usage(stderr);
		return RUN_USAGE;
	}
	a->payload = argv[optind];
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

	return p->pas_epoch;
}

static enum cpu_power run_smc(void *ctx, struct smc_regs *regs)
{
	struct rmmsim *p = ctx;

	smc_dispatch(&p->el3, SMC_CALLER_NS, regs);
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

	memcpy(counts, p->cost_count, sizeof(p->cost_count));
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
			cp->sp805_spi = dev->num_irq ? dev->irq[0] : 0;
			cp->sp805_clk_hz = dev->clock_hz;
			break;
		case PLAT_DEV_SBSA_GWDT: /* reg = <refresh frame>, <control frame>; WS0 = irq[0] */
			cp->gwdt_refresh = dev->reg[0].base;
			cp->gwdt_ctrl = dev->reg[1].base;
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
}

/* The host's system counter for realm runs (issue 12). */
static void realm_time(void *ctx, struct plat_time *t)
{
	struct cpu_time_view v;

	cpu_time_view(ctx, &v);
	*t = (struct plat_time){ .count = v.count, .cntfrq = v.cntfrq, .clock_hz = v.clock_hz,
				 .cpi_milli = v.cpi_milli, .host_deadline = v.host_deadline };
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
		return RUN_INTERNAL;
	case CPU_EXIT_DEADLOCK:
		return RUN_DEADLOCK; /* the one line was printed by the run loop */
	}
	return RUN_INTERNAL;
}

static FILE *open_out(const char *path, const char *what)
{
	FILE *f = fopen(path, "w");

	if (!f)
		fprintf(stderr, "rmmsim run: cannot write %s '%s': %s\n", what, path,
			strerror(errno));
	return f;
}

static int run(const struct run_args *a)
{
	struct rmmsim_options po = { .platform_path = a->platform };
	struct cpu_platform cp = { 0 };
	struct cpu_options co = { .gpc_checks = !a->no_gpc, .max_insns = a->max_insns,
				  .count_insns = a->stats || a->trace != NULL,
				  .reset_continue = a->reset_continue,
				  .no_time_base = a->no_time_base,
				  .fault_report = stderr };
	FILE *files[CPU_MAX_UART + 1] = { 0 };
	char err[ERR_LEN] = "";
	struct rmmsim *p;
	struct cpu *cpu = NULL;
	void *dtb = NULL;
	int rc = RUN_BAD_INPUT;
	int ld;

	if (a->rmi_log)
		po.rmi_log = stdout;
	p = rmmsim_create(&po, err, sizeof(err));
	if (!p) {
		fprintf(stderr, "rmmsim: %s\n", err);
		return RUN_BAD_INPUT;
	}
	describe(p, &cp);
	dtb = load_dtb(a->platform, &cp.dtb_size);
	cp.dtb = dtb;
	co.uart_out[0] = stdout;
	for (unsigned i = 0; i < CPU_MAX_UART; i++) {
		if (!a->uart[i])
			continue;
		files[i] = open_out(a->uart[i], "UART output");
		if (!files[i])
			goto out;
		co.uart_out[i] = files[i];
	}
	if (a->trace) {
		files[CPU_MAX_UART] = open_out(a->trace, "trace");
		if (!files[CPU_MAX_UART])
			goto out;
		co.trace = files[CPU_MAX_UART];
	}
	cpu = cpu_create(&cp, &co, err, sizeof(err));
	if (!cpu) {
		fprintf(stderr, "rmmsim: %s\n", err);
		rc = RUN_INTERNAL;
		goto out;
	}
	rmmsim_set_token_handler(p, cli_token_report, stdout);
	p->realm_hook = realm_slice;
	p->realm_hook_ctx = cpu;
	p->time_fn = realm_time;
	p->time_ctx = cpu;
#ifdef RMMSIM_HAVE_DEMO
	if (strcmp(a->payload, BUILTIN_DEMO) == 0)
		ld = cpu_load_image(cpu, payload_demo_elf, payload_demo_elf_len, 0, err,
				    sizeof(err));
	else
#endif
#ifdef RMMSIM_HAVE_REALM_BOOT
	if (strcmp(a->payload, BUILTIN_REALM) == 0)
		ld = cpu_load_image(cpu, payload_realm_boot_elf, payload_realm_boot_elf_len, 0, err,
				    sizeof(err));
	else
#endif
		ld = cpu_load_file(cpu, a->payload, a->load_addr, err, sizeof(err));
	if (ld != 0 || cpu_boot(cpu, err, sizeof(err)) != 0) {
		fprintf(stderr, "rmmsim: %s\n", err);
		goto out;
	}
	rc = exit_code(cpu, cpu_run(cpu));
	fflush(stdout);
	if (a->stats)
		cpu_print_stats(cpu, stdout);
out:
	cpu_destroy(cpu);
	for (unsigned i = 0; i <= CPU_MAX_UART; i++)
		if (files[i])
			fclose(files[i]);
	free(dtb);
	rmmsim_destroy(p);
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
