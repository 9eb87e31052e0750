/* SPDX-License-Identifier: BSD-3-Clause */
/* Host payload SDK: PL011 polling console, printf subset, default handlers, memory. */
#include "sdk.h"

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_FR_TXFF (1U << 5)

extern char __heap_start[];
static uint64_t heap_next;

void sdk_putc(char c)
{
	volatile uint32_t *base = (volatile uint32_t *)SDK_UART0;

	while (base[UART_FR / 4] & UART_FR_TXFF)
		;
	base[UART_DR / 4] = (uint32_t)(unsigned char)c;
}

void sdk_puts(const char *s)
{
	while (*s)
		sdk_putc(*s++);
}

static int put_num(unsigned long long v, unsigned base, int width, char pad, int neg)
{
	char buf[24];
	int n = 0, out = 0;

	do {
		unsigned d = (unsigned)(v % base);

		buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	if (neg)
		buf[n++] = '-';
	for (; width > n; width--, out++)
		sdk_putc(pad);
	while (n)
		sdk_putc(buf[--n]), out++;
	return out;
}

int sdk_vprintf(const char *fmt, va_list ap)
{
	int out = 0;

	for (; *fmt; fmt++) {
		int width = 0, lng = 0, left = 0;
		char pad = ' ';

		if (*fmt != '%') {
			sdk_putc(*fmt);
			out++;
			continue;
		}
		fmt++;
		if (*fmt == '-')
			left = 1, fmt++;
		if (*fmt == '0')
			pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z')
			lng++, fmt++;
		switch (*fmt) {
		case 'c':
			sdk_putc((char)va_arg(ap, int));
			out++;
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n = 0;

			s = s ? s : "(null)";
			while (s[n])
				n++;
			for (; !left && width > n; width--, out++)
				sdk_putc(' ');
			for (; *s; s++, out++)
				sdk_putc(*s);
			for (; left && width > n; width--, out++)
				sdk_putc(' ');
			break;
		}
		case 'd': {
			long long v = lng ? va_arg(ap, long long) : va_arg(ap, int);

			out += put_num(v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v,
				       10, width, pad, v < 0);
			break;
		}
		case 'u':
			out += put_num(lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned),
				       10, width, pad, 0);
			break;
		case 'x':
			out += put_num(lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned),
				       16, width, pad, 0);
			break;
		case 'p':
			sdk_puts("0x");
			out += 2 + put_num((uintptr_t)va_arg(ap, void *), 16, width, pad, 0);
			break;
		case '%':
			sdk_putc('%');
			out++;
			break;
		default:
			return out;
		}
	}
	return out;
}

int sdk_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sdk_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

__attribute__((weak)) void sdk_sync_handler(struct sdk_frame *f, uint64_t esr, uint64_t far)
{
	sdk_printf("unexpected synchronous exception: ESR %lx FAR %lx ELR %lx\n",
		   (unsigned long)esr, (unsigned long)far, (unsigned long)f->elr);
	sdk_system_off(100);
}

__attribute__((weak)) void sdk_irq_handler(struct sdk_frame *f, int is_fiq)
{
	(void)f;
	sdk_unexpected(is_fiq ? 0x300 : 0x280);
}

void sdk_unexpected(uint64_t vector_offset)
{
	sdk_printf("unexpected exception at vector offset %lx\n", (unsigned long)vector_offset);
	sdk_system_off(101);
}

/*
 * Word stores where the buffers allow: each store to RAM costs the
 * simulator's engine (Unicorn 2.0.1) a slow path, so a byte loop over a
 * granule was most of the default scenario's emulation time. volatile
 * keeps GCC from turning the loops back into memset/memcpy calls.
 */
void *sdk_memset(void *d, int c, size_t n)
{
	volatile unsigned char *p = d;
	uint64_t w = (uint64_t)(unsigned char)c * 0x0101010101010101ULL;

	while (n && ((uintptr_t)p & 7U)) {
		*p++ = (unsigned char)c;
		n--;
	}
	for (; n >= 8; n -= 8, p += 8)
		*(volatile uint64_t *)p = w;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *sdk_memcpy(void *d, const void *s, size_t n)
{
	volatile unsigned char *p = d;
	const unsigned char *q = s;

	if ((((uintptr_t)p ^ (uintptr_t)q) & 7U) == 0) {
		while (n && ((uintptr_t)p & 7U)) {
			*p++ = *q++;
			n--;
		}
		for (; n >= 8; n -= 8, p += 8, q += 8)
			*(volatile uint64_t *)p = *(const uint64_t *)q;
	}
	while (n--)
		*p++ = *q++;
	return d;
}

/* The compiler may emit calls to these even when freestanding. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n)
{
	return sdk_memset(d, c, n);
}

void *memcpy(void *d, const void *s, size_t n)
{
	return sdk_memcpy(d, s, n);
}

uint64_t sdk_reserve_granule(void)
{
	uint64_t g;

	if (!heap_next)
		heap_next = (uint64_t)(uintptr_t)__heap_start;
	g = heap_next;
	heap_next += SDK_GRANULE;
	return g;
}

uint64_t sdk_alloc_granule(void)
{
	uint64_t g = sdk_reserve_granule();

	sdk_memset((void *)(uintptr_t)g, 0, SDK_GRANULE);
	return g;
}
