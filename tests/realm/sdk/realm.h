/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm payload SDK: console over RSI_HOST_CALL, reports and token hand-off
 * to the host (realm_hostcall.h), exit, secondary CPU boot. Freestanding.
 */
#ifndef REALM_SDK_H
#define REALM_SDK_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "realm_hostcall.h"
#include "rsi.h"

#define REALM_GRANULE 4096U
#define REALM_MAX_CPUS 8U

/* printf subset: %c %s %d %i %u %x %p %%, with l/ll/z, width and '0'/'-'. */
int realm_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int realm_vprintf(const char *fmt, va_list ap);
void realm_putc(char c);
void realm_puts(const char *s);
/* Sends the buffered console line to the host (host call RH_HC_WRITE). */
void realm_console_flush(void);

/* One host call with @imm and @n argument words; returns the host's gprs[0]. */
uint64_t realm_host_call(unsigned imm, const uint64_t *args, unsigned n);
/* RH_HC_REPORT of @n (<= 8) values under @key. */
void realm_report(uint64_t key, const uint64_t *vals, unsigned n);
/* Hands @len bytes to the host in RH_HC_TOKEN chunks. */
void realm_send_token(const uint8_t *buf, uint64_t len);

/* Host call RH_HC_EXIT(status), then PSCI SYSTEM_OFF; does not return. */
void realm_exit(int status) __attribute__((noreturn));
/* Flushes the console and PSCI CPU_OFF; does not return. */
void realm_cpu_off(void) __attribute__((noreturn));

/*
 * PSCI CPU_ON of the REC with MPIDR @mpidr (= its REC index for < 16 RECs):
 * it starts in _secondary_start with its own stack and calls fn(arg), then
 * CPU_OFF. Returns the PSCI status.
 */
int64_t realm_cpu_on(uint64_t mpidr, void (*fn)(uint64_t), uint64_t arg);

/* MPIDR_EL1 of the last secondary REC that was started at _start (start.S), or 0. */
extern volatile uint64_t realm_secondary_mpidr;

static inline uint64_t realm_read_mpidr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

/* Called by vectors.S; prints the syndrome and powers off. */
void realm_unexpected(uint64_t offset, uint64_t esr, uint64_t far, uint64_t elr)
	__attribute__((noreturn));

int main(void);

/* Volatile MMIO accessors (the unprotected device of realm_hostcall.h). */
static inline uint64_t mmio_read64(uint64_t addr)
{
	return *(volatile uint64_t *)addr;
}

static inline void mmio_write64(uint64_t addr, uint64_t v)
{
	*(volatile uint64_t *)addr = v;
}

static inline uint32_t mmio_read32(uint64_t addr)
{
	return *(volatile uint32_t *)addr;
}

#endif /* REALM_SDK_H */
