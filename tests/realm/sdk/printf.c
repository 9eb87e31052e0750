/* SPDX-License-Identifier: BSD-3-Clause */
/* The printf subset of realm.h, on top of realm_putc(). */
#include "realm.h"

static int put_num(unsigned long long v, unsigned base, int width, char pad, int neg, int left)
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
	for (; !left && width > n; width--, out++)
		realm_putc(pad);
	while (n)
		realm_putc(buf[--n]), out++, width--;
	for (; left && width > 0; width--, out++)
		realm_putc(' ');
	return out;
}

int realm_vprintf(const char *fmt, va_list ap)
{
	int out = 0;

	for (; *fmt; fmt++) {
		int width = 0, lng = 0, left = 0;
		char pad = ' ';

		if (*fmt != '%') {
			realm_putc(*fmt);
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
			realm_putc((char)va_arg(ap, int));
			out++;
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			for (s = s ? s : "(null)"; *s; s++, out++)
				realm_putc(*s);
			break;
		}
		case 'd':
		case 'i': {
			long long v = lng ? va_arg(ap, long long) : va_arg(ap, int);

			out += put_num(v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v,
				       10, width, pad, v < 0, left);
			break;
		}
		case 'u':
		case 'x': {
			unsigned long long v = lng ? va_arg(ap, unsigned long long) :
						     va_arg(ap, unsigned int);

			out += put_num(v, *fmt == 'x' ? 16 : 10, width, pad, 0, left);
			break;
		}
		case 'p':
			realm_puts("0x");
			out += 2 + put_num((uintptr_t)va_arg(ap, void *), 16, width, pad, 0, left);
			break;
		case '\0':
			return out;
		default:
			realm_putc(*fmt);
			out++;
			break;
		}
	}
	return out;
}

int realm_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = realm_vprintf(fmt, ap);
	va_end(ap);
	return n;
}
