/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cycle model: host instructions x CPI, plus a fixed cost per SMC world
 * switch and per architectural event the RMM reports (rmm_plat.account).
 * Costs come from docs/cycle-costs.md (each with its source row in
 * the shared cycle-costs anchors) unless the device tree's /rmmsim/costs
 * node overrides them (struct cpu_platform.cost). Cycle-approximate, never cycle-accurate.
 *
 * The trace is Chrome Trace Event JSON: one "X" slice per world visit
 * (tid 0 host NS-EL2, 1 EL3, 2 RMM, 3 realm: one slice per realm time
 * slice, an "i" event per RSI/PSCI call and per REC exit) and an "i"
 * event per GPF, with
 * timestamps in simulated microseconds at COST_CLOCK_MHZ.
 */
#include <inttypes.h>
#include <string.h>

#include "cpu_private.h"
#include "den0137_abi.h"
#include "smc_dispatch.h"

static const struct {
	const char *prop;
	uint64_t def;
} cost_table[COST_COUNT] = {
	[COST_CPI_MILLI] = { "cpi-milli", 800 },
	[COST_SMC_EL3] = { "smc-el3", 600 },
	[COST_RMI_SWITCH] = { "rmi-switch", 2000 },
	[COST_GPT_UPDATE] = { "gpt-update", 50 },
	[COST_TLBI_PA] = { "tlbi-pa", 800 },
	[COST_GRANULE_ZERO] = { "granule-zero", 300 },
	[COST_SHA256_BLOCK] = { "sha256-block", 128 },
	[COST_SHA512_BLOCK] = { "sha512-block", 1088 },
	[COST_TLBI_IPA] = { "tlbi-ipa", 800 },
	[COST_TLBI_VMID] = { "tlbi-vmid", 500 },
	[COST_NS_COPY_LINE] = { "ns-copy-line", 10 },
	[COST_ECDSA_SIGN] = { "ecdsa-sign", 8000000 },
	[COST_EXCEPTION] = { "exception-entry", 30 },
	[COST_REC_SWITCH] = { "rec-switch", 4000 },
	[COST_REALM_TRAP] = { "realm-trap", 1000 },
	[COST_CLOCK_MHZ] = { "clock-mhz", 2500 },
};

const char *cycles_cost_name(enum cycles_cost c)
{
	return c < COST_COUNT ? cost_table[c].prop : "?";
}

void cycles_init(struct cpu_cycles *c, const struct cpu_platform *plat, FILE *trace)
{
	memset(c, 0, sizeof(*c));
	for (unsigned i = 0; i < COST_COUNT; i++) {
		c->cost[i] = cost_table[i].def;
		if (plat->cost)
			c->cost[i] = plat->cost(plat->cost_ctx, cost_table[i].prop, c->cost[i]);
	}
	if (c->cost[COST_CLOCK_MHZ] == 0)
		c->cost[COST_CLOCK_MHZ] = cost_table[COST_CLOCK_MHZ].def;
	c->trace = trace;
	c->trace_first = true;
	if (trace)
		fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n", trace);
}

const char *cycles_fid_name(uint64_t fid)
{
	static const struct {
		uint64_t fid;
		const char *name;
	} names[] = {
		{ RMI_VERSION_FID, "RMI_VERSION" },
		{ RMI_GRANULE_DELEGATE_FID, "RMI_GRANULE_DELEGATE" },
		{ RMI_GRANULE_UNDELEGATE_FID, "RMI_GRANULE_UNDELEGATE" },
		{ RMI_DATA_CREATE_FID, "RMI_DATA_CREATE" },
		{ RMI_DATA_CREATE_UNKNOWN_FID, "RMI_DATA_CREATE_UNKNOWN" },
		{ RMI_DATA_DESTROY_FID, "RMI_DATA_DESTROY" },
		{ RMI_REALM_ACTIVATE_FID, "RMI_REALM_ACTIVATE" },
		{ RMI_REALM_CREATE_FID, "RMI_REALM_CREATE" },
		{ RMI_REALM_DESTROY_FID, "RMI_REALM_DESTROY" },
		{ RMI_REC_CREATE_FID, "RMI_REC_CREATE" },
		{ RMI_REC_DESTROY_FID, "RMI_REC_DESTROY" },
		{ RMI_REC_ENTER_FID, "RMI_REC_ENTER" },
		{ RMI_RTT_CREATE_FID, "RMI_RTT_CREATE" },
		{ RMI_RTT_DESTROY_FID, "RMI_RTT_DESTROY" },
		{ RMI_RTT_MAP_UNPROTECTED_FID, "RMI_RTT_MAP_UNPROTECTED" },
		{ RMI_RTT_READ_ENTRY_FID, "RMI_RTT_READ_ENTRY" },
		{ RMI_RTT_UNMAP_UNPROTECTED_FID, "RMI_RTT_UNMAP_UNPROTECTED" },
		{ RMI_PSCI_COMPLETE_FID, "RMI_PSCI_COMPLETE" },
		{ RMI_FEATURES_FID, "RMI_FEATURES" },
		{ RMI_RTT_FOLD_FID, "RMI_RTT_FOLD" },
		{ RMI_REC_AUX_COUNT_FID, "RMI_REC_AUX_COUNT" },
		{ RMI_RTT_INIT_RIPAS_FID, "RMI_RTT_INIT_RIPAS" },
		{ RMI_RTT_SET_RIPAS_FID, "RMI_RTT_SET_RIPAS" },
		{ SMCCC_VERSION_FID, "SMCCC_VERSION" },
		{ SMCCC_ARCH_FEATURES_FID, "SMCCC_ARCH_FEATURES" },
		{ PSCI_VERSION_FID, "PSCI_VERSION" },
		{ PSCI_FEATURES_FID, "PSCI_FEATURES" },
		{ PSCI_SYSTEM_OFF_FID, "PSCI_SYSTEM_OFF" },
		{ PSCI_SYSTEM_RESET_FID, "PSCI_SYSTEM_RESET" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].fid == fid)
			return names[i].name;
	return NULL;
}

static double to_us(const struct cpu_cycles *c, uint64_t cycles)
{
	return (double)cycles / (double)c->cost[COST_CLOCK_MHZ];
}

static void trace_sep(struct cpu_cycles *c)
{
	if (!c->trace_first)
		fputs(",\n", c->trace);
	c->trace_first = false;
}

static void trace_slice(struct cpu_cycles *c, const char *name, enum cpu_world w,
			uint64_t start, uint64_t dur)
{
	if (!c->trace || dur == 0)
		return;
	trace_sep(c);
	fprintf(c->trace,
		"{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"X\",\"pid\":1,\"tid\":%d,"
		"\"ts\":%.4f,\"dur\":%.4f}",
		name, cpu_world_name(w), (int)w, to_us(c, start), to_us(c, dur));
}

void cycles_host_slice(struct cpu *cpu)
{
	struct cpu_cycles *c = &cpu->cyc;
	uint64_t insns = cpu->stats.host_insns - c->slice_insns;
	uint64_t dur = insns * c->cost[COST_CPI_MILLI] / 1000;

	cpu->stats.cycles[CPU_WORLD_HOST] += dur;
	c->now += dur;
	trace_slice(c, "host", CPU_WORLD_HOST, c->slice_start, dur);
	c->slice_insns = cpu->stats.host_insns;
	c->slice_start = c->now;
}

static bool fid_is_rmi(uint64_t fid)
{
	return (fid >= RMI_FID_FIRST && fid <= RMI_FID_LAST) ||
	       (fid >= RMI2_FID_FIRST && fid <= RMI2_FID_LAST);
}

void cpu_note_realm_run(struct cpu *cpu0, uint16_t vmid, unsigned trap, uint64_t fid,
			uint64_t insns)
{
	struct cpu *cpu = smp_current(cpu0); /* issue 13: the PE whose SMC ran the realm */
	struct cpu_cycles *c = &cpu->cyc;

	cpu->stats.realm_insns += insns;
	cpu->stats.realm_traps++;
	if (trap == RMM_VCPU_EXIT_SMC)
		cpu->stats.rsi_calls++;
	if (c->num_realm_runs < CYCLES_MAX_REALM_RUNS) {
		c->realm_runs[c->num_realm_runs++] = (struct cycles_realm_run){
			.vmid = vmid, .trap = (uint8_t)trap, .fid = fid, .insns = insns };
	} else {
		c->realm_runs_folded++;
		c->realm_insns_folded += insns;
	}
}

/* Realm cycles of the runs noted since the last SMC; @traps = how many runs. */
static uint64_t realm_cycles(struct cpu *cpu, uint64_t *traps)
{
	const struct cpu_cycles *c = &cpu->cyc;
	uint64_t insns = c->realm_insns_folded;

	for (unsigned i = 0; i < c->num_realm_runs; i++)
		insns += c->realm_runs[i].insns;
	*traps = c->num_realm_runs + c->realm_runs_folded;
	return insns * c->cost[COST_CPI_MILLI] / 1000U;
}

/* RecExit.exit_reason in the host's RmiRecRun page at @run (8 if unreadable). */
static unsigned rec_exit_reason(struct cpu *cpu, pa_t run)
{
	pa_t pa = run + RMI_REC_RUN_EXIT_REASON_OFFSET;

	for (unsigned i = 0; i < cpu->plat.num_ram; i++) {
		const struct cpu_ram *r = &cpu->plat.ram[i];

		if (pa >= r->base && pa - r->base < r->size && r->host)
			return ((const uint8_t *)r->host)[pa - r->base];
	}
	return 8U;
}

static const char *rsi_name(uint64_t fid)
{
	static const char *const names[] = {
		"RSI_VERSION", "RSI_FEATURES", "RSI_MEASUREMENT_READ", "RSI_MEASUREMENT_EXTEND",
		"RSI_ATTESTATION_TOKEN_INIT", "RSI_ATTESTATION_TOKEN_CONTINUE", "RSI_REALM_CONFIG",
		"RSI_IPA_STATE_SET", "RSI_IPA_STATE_GET", "RSI_HOST_CALL",
	};

	if (fid >= RSI_VERSION_FID && fid <= RSI_HOST_CALL_FID)
		return names[fid - RSI_VERSION_FID];
	if ((fid & ~0x4000001FULL) == 0x84000000ULL)
		return "PSCI";
	return "SMC";
}

/*
 * The realm's share of a REC_ENTER in the trace: its slices on tid 3, the
 * RMM's trap handling between them, an instant per RSI call and the exit.
 */
static void trace_realm(struct cpu *cpu, uint64_t t0, uint64_t rmm, unsigned exit_reason)
{
	static const char *const why[9] = { "SYNC", "IRQ", "FIQ", "PSCI", "RIPAS_CHANGE",
					    "HOST_CALL", "SERROR", "?", "?" };
	struct cpu_cycles *c = &cpu->cyc;
	uint64_t t = t0 + rmm;

	for (unsigned i = 0; i < c->num_realm_runs; i++) {
		const struct cycles_realm_run *r = &c->realm_runs[i];
		uint64_t d = r->insns * c->cost[COST_CPI_MILLI] / 1000U;

		if (d) {
			trace_sep(c);
			fprintf(c->trace,
				"{\"name\":\"realm VMID %u\",\"cat\":\"realm\",\"ph\":\"X\","
				"\"pid\":1,\"tid\":%d,\"ts\":%.4f,\"dur\":%.4f,"
				"\"args\":{\"insns\":%" PRIu64 "}}",
				r->vmid, (int)CPU_WORLD_REALM, to_us(c, t), to_us(c, d), r->insns);
		}
		t += d;
		if (r->trap == RMM_VCPU_EXIT_SMC) {
			trace_sep(c);
			fprintf(c->trace,
				"{\"name\":\"%s\",\"cat\":\"realm\",\"ph\":\"i\",\"s\":\"t\","
				"\"pid\":1,\"tid\":%d,\"ts\":%.4f,\"args\":{\"fid\":\"0x%08" PRIx64
				"\"}}",
				rsi_name(r->fid), (int)CPU_WORLD_REALM, to_us(c, t), r->fid);
		}
	}
	trace_sep(c);
	fprintf(c->trace,
		"{\"name\":\"REC exit %s\",\"cat\":\"realm\",\"ph\":\"i\",\"s\":\"t\","
		"\"pid\":1,\"tid\":%d,\"ts\":%.4f}",
		why[exit_reason < 9U ? exit_reason : 8U], (int)CPU_WORLD_REALM, to_us(c, t));
}

void cycles_smc(struct cpu *cpu, const struct smc_regs *in, const struct smc_regs *out,
		const uint64_t events_delta[RMM_COST_COUNT])
{
	struct cpu_cycles *c = &cpu->cyc;
	uint64_t fid = in->x[0];
	uint64_t el3 = c->cost[COST_SMC_EL3];
	uint64_t rmm = 0;
	uint64_t realm = 0;
	uint64_t traps = 0;
	unsigned exit_reason = 8U;
	const char *name = cycles_fid_name(fid);

	if (fid_is_rmi(fid)) {
		/* The switch into the RMM and back costs more than an EL3 round trip: the RMM share. */
		rmm = c->cost[COST_RMI_SWITCH] > el3 ? c->cost[COST_RMI_SWITCH] - el3 : 0;
		for (unsigned e = 0; e < RMM_COST_COUNT; e++)
			rmm += events_delta[e] * c->cost[COST_GRANULE_ZERO + e];
		if (fid == RMI_REC_ENTER_FID && out->x[0] == 0) {
			rmm += c->cost[COST_REC_SWITCH];
			realm = realm_cycles(cpu, &traps);
			rmm += traps * c->cost[COST_REALM_TRAP];
			exit_reason = rec_exit_reason(cpu, in->x[2]);
			if (exit_reason < 8U)
				cpu->stats.rec_exits[exit_reason]++;
		}
		/* A successful (un)delegate is a GPT update plus a broadcast TLBI in EL3. */
		if ((fid == RMI_GRANULE_DELEGATE_FID || fid == RMI_GRANULE_UNDELEGATE_FID) &&
		    out->x[0] == 0)
			el3 += c->cost[COST_GPT_UPDATE] + c->cost[COST_TLBI_PA];
		struct cpu_rmi_stat *s = &cpu->stats.rmi[(fid - RMI_FID_FIRST) % CPU_RMI_SLOTS];

		s->calls++;
		s->cycles += el3 + rmm + realm;
	}
	cpu->stats.cycles[CPU_WORLD_EL3] += el3;
	cpu->stats.cycles[CPU_WORLD_RMM] += rmm;
	cpu->stats.cycles[CPU_WORLD_REALM] += realm;
	if (c->trace) {
		uint64_t t0 = c->now;

		trace_slice(c, "EL3", CPU_WORLD_EL3, t0, el3 / 2);
		if (rmm) {
			trace_sep(c);
			fprintf(c->trace,
				"{\"name\":\"%s\",\"cat\":\"RMM\",\"ph\":\"X\",\"pid\":1,\"tid\":%d,"
				"\"ts\":%.4f,\"dur\":%.4f,\"args\":{\"fid\":\"0x%08" PRIx64 "\"",
				name ? name : "RMI", (int)CPU_WORLD_RMM, to_us(c, t0 + el3 / 2),
				to_us(c, rmm), fid);
			for (unsigned i = 1; i <= 6; i++)
				fprintf(c->trace, ",\"x%u\":\"0x%" PRIx64 "\"", i, in->x[i]);
			fprintf(c->trace, ",\"result\":\"0x%" PRIx64 "\"}}", out->x[0]);
			if (realm)
				trace_realm(cpu, t0 + el3 / 2, rmm, exit_reason);
		} else if (name) {
			trace_sep(c);
			fprintf(c->trace,
				"{\"name\":\"%s\",\"cat\":\"EL3\",\"ph\":\"i\",\"s\":\"t\",\"pid\":1,"
				"\"tid\":%d,\"ts\":%.4f}",
				name, (int)CPU_WORLD_EL3, to_us(c, t0));
		}
		trace_slice(c, "EL3", CPU_WORLD_EL3, t0 + el3 / 2 + rmm + realm, el3 - el3 / 2);
	}
	c->num_realm_runs = 0;
	c->realm_runs_folded = 0;
	c->realm_insns_folded = 0;
	c->now += el3 + rmm + realm;
	c->slice_start = c->now;
}

void cycles_gpf(struct cpu *cpu, uint64_t va, pa_t pa, uint64_t pc, uint64_t esr)
{
	struct cpu_cycles *c = &cpu->cyc;

	cycles_host_slice(cpu);
	c->now += c->cost[COST_EXCEPTION];
	cpu->stats.cycles[CPU_WORLD_HOST] += c->cost[COST_EXCEPTION];
	c->slice_start = c->now;
	if (!c->trace)
		return;
	trace_sep(c);
	fprintf(c->trace,
		"{\"name\":\"GPF\",\"cat\":\"fault\",\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":%d,"
		"\"ts\":%.4f,\"args\":{\"va\":\"0x%" PRIx64 "\",\"pa\":\"0x%" PRIx64
		"\",\"pc\":\"0x%" PRIx64 "\",\"esr\":\"0x%" PRIx64 "\"}}",
		(int)CPU_WORLD_HOST, to_us(c, c->now), va, pa, pc, esr);
}

void cycles_instant(struct cpu *cpu, const char *name, const char *args)
{
	struct cpu_cycles *c = &cpu->cyc;
	uint64_t now;

	if (!c->trace)
		return;
	/* The open host slice counts (closing it here would make time depend on tracing). */
	now = c->now + (cpu->stats.host_insns - c->slice_insns) * c->cost[COST_CPI_MILLI] / 1000;
	trace_sep(c);
	fprintf(c->trace,
		"{\"name\":\"%s\",\"cat\":\"irq\",\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":%d,"
		"\"ts\":%.4f%s%s}",
		name, (int)CPU_WORLD_HOST, to_us(c, now), args ? ",\"args\":" : "", args ? args : "");
}

void cycles_finish(struct cpu *cpu)
{
	struct cpu_cycles *c = &cpu->cyc;

	cycles_host_slice(cpu);
	if (!c->trace)
		return;
	trace_sep(c);
	fputs("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":\"rmmsim\"}}",
	      c->trace);
	for (int w = 0; w < (int)CPU_WORLD_COUNT; w++)
		fprintf(c->trace,
			",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%d,"
			"\"args\":{\"name\":\"%s\"}}",
			w, cpu_world_name((enum cpu_world)w));
	fputs("\n]}\n", c->trace);
	fflush(c->trace);
	c->trace = NULL;
}
