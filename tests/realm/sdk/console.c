/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm's console and other host services, all through RSI_HOST_CALL
 * with the protocol of realm_hostcall.h: characters are buffered and sent
 * RH_HC_WRITE_MAX at a time (or at '\n'), packed into RsiHostCall.gprs.
 * One RsiHostCall in a static 256-byte aligned buffer (structures.md §6):
 * the host runs one REC at a time, and the SDK flushes before any PSCI call
 * that can switch RECs, so the RECs never interleave inside a host call.
 */
#include "realm.h"

static struct {
	uint64_t imm;
	uint64_t gprs[RSI_HOST_CALL_GPRS_COUNT];
} host_call __attribute__((aligned(RSI_HOST_CALL_SIZE)));

_Static_assert(sizeof(host_call) == RSI_HOST_CALL_SIZE, "RsiHostCall is 256 bytes");

static char line[RH_HC_WRITE_MAX];
static unsigned line_len;

uint64_t realm_host_call(unsigned imm, const uint64_t *args, unsigned n)
{
	unsigned i;

	host_call.imm = imm;
	for (i = 0; i < RSI_HOST_CALL_GPRS_COUNT; i++)
		host_call.gprs[i] = i < n ? args[i] : 0;
	if (rsi_host_call((uint64_t)(uintptr_t)&host_call) != RSI_SUCCESS)
		return RH_HC_ERROR;
	return host_call.gprs[0];
}

/* Packs @len bytes little-endian into @words. */
static void pack(uint64_t *words, const uint8_t *src, unsigned len)
{
	unsigned i;

	for (i = 0; i < (len + 7U) / 8U; i++)
		words[i] = 0;
	for (i = 0; i < len; i++)
		words[i / 8U] |= (uint64_t)src[i] << (8U * (i % 8U));
}

void realm_console_flush(void)
{
	uint64_t args[1 + RH_HC_WRITE_MAX / 8U];

	if (line_len == 0)
		return;
	args[0] = line_len;
	pack(&args[1], (const uint8_t *)line, line_len);
	realm_host_call(RH_HC_WRITE, args, 1U + (line_len + 7U) / 8U);
	line_len = 0;
}

void realm_putc(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == RH_HC_WRITE_MAX)
		realm_console_flush();
}

void realm_puts(const char *s)
{
	while (*s)
		realm_putc(*s++);
}

void realm_report(uint64_t key, const uint64_t *vals, unsigned n)
{
	uint64_t args[2 + RH_HC_REPORT_MAX];
	unsigned i;

	if (n > RH_HC_REPORT_MAX)
		n = RH_HC_REPORT_MAX;
	args[0] = key;
	args[1] = n;
	for (i = 0; i < n; i++)
		args[2 + i] = vals[i];
	realm_host_call(RH_HC_REPORT, args, 2U + n);
}

void realm_send_token(const uint8_t *buf, uint64_t len)
{
	uint64_t args[3 + RH_HC_TOKEN_MAX / 8U];
	uint64_t off;

	for (off = 0; off < len; off += RH_HC_TOKEN_MAX) {
		unsigned n = len - off < RH_HC_TOKEN_MAX ? (unsigned)(len - off) : RH_HC_TOKEN_MAX;

		args[0] = len;
		args[1] = off;
		args[2] = n;
		pack(&args[3], buf + off, n);
		realm_host_call(RH_HC_TOKEN, args, 3U + (n + 7U) / 8U);
	}
}

void realm_exit(int status)
{
	uint64_t arg = (uint64_t)(int64_t)status;

	realm_console_flush();
	realm_host_call(RH_HC_EXIT, &arg, 1);
	for (;;)
		psci_system_off();
}

void realm_cpu_off(void)
{
	realm_console_flush();
	for (;;)
		psci_cpu_off();
}

/* Secondary stacks and boot blocks, indexed by MPIDR (< REALM_MAX_CPUS). */
struct realm_boot {
	uint64_t sp;
	uint64_t fn;
	uint64_t arg;
};

static uint8_t cpu_stacks[REALM_MAX_CPUS][REALM_GRANULE] __attribute__((aligned(16)));
static struct realm_boot cpu_boot[REALM_MAX_CPUS];
extern char _secondary_start[];

int64_t realm_cpu_on(uint64_t mpidr, void (*fn)(uint64_t), uint64_t arg)
{
	struct realm_boot *b;

	if (mpidr >= REALM_MAX_CPUS)
		return -2; /* PSCI INVALID_PARAMETERS */
	b = &cpu_boot[mpidr];
	b->sp = (uint64_t)(uintptr_t)&cpu_stacks[mpidr][REALM_GRANULE];
	b->fn = (uint64_t)(uintptr_t)fn;
	b->arg = arg;
	realm_console_flush();
	return psci_cpu_on(mpidr, (uint64_t)(uintptr_t)_secondary_start, (uint64_t)(uintptr_t)b);
}

void realm_unexpected(uint64_t offset, uint64_t esr, uint64_t far, uint64_t elr)
{
	realm_printf("\nrealm: unexpected exception at vector +0x%lx: ESR_EL1 0x%lx "
		     "FAR_EL1 0x%lx ELR_EL1 0x%lx\n", (unsigned long)offset, (unsigned long)esr,
		     (unsigned long)far, (unsigned long)elr);
	realm_exit(0x7F);
}
