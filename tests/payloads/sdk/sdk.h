/* SPDX-License-Identifier: BSD-3-Clause */
/* The host payload SDK: console, exceptions, power and granule memory. */
#ifndef SDK_H
#define SDK_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* The FVP's UART0; every payload prints there. */
#define SDK_UART0 0x1C090000UL
#define SDK_GRANULE 4096UL

struct sdk_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

void sdk_putc(char c);
void sdk_puts(const char *s);
/* printf subset: %c %s %d %u %x %p %%, flags - and 0, width, length l/ll/z. */
int sdk_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int sdk_vprintf(const char *fmt, va_list ap);

/* Called by the vector for synchronous exceptions at EL2 (default: report and stop). */
void sdk_sync_handler(struct sdk_frame *f, uint64_t esr, uint64_t far);
/* Called by the IRQ/FIQ vectors at EL2 (default: sdk_unexpected). See sdk_gic.h. */
void sdk_irq_handler(struct sdk_frame *f, int is_fiq);
void sdk_unexpected(uint64_t vector_offset) __attribute__((noreturn));
void sdk_system_off(unsigned long status) __attribute__((noreturn));

/* Hands out zeroed, granule-aligned memory after the image (never freed). */
uint64_t sdk_alloc_granule(void);
/*
 * A granule from the same heap, not zeroed (never touched): for one that
 * is delegated at once, whose contents the host has no say in.
 */
uint64_t sdk_reserve_granule(void);
void *sdk_memset(void *d, int c, size_t n);
void *sdk_memcpy(void *d, const void *s, size_t n);

static inline uint64_t sdk_read64(uint64_t a)
{
	return *(volatile uint64_t *)a;
}

static inline void sdk_write64(uint64_t a, uint64_t v)
{
	*(volatile uint64_t *)a = v;
}

#endif /* SDK_H */
