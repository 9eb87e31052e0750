/* SPDX-License-Identifier: BSD-3-Clause */
/* SBSA generic watchdog (Arm DEN0029 "Server Base System Architecture", Generic Watchdog). */
#include "wdog.h"

#define WCS 0x000
#define WOR 0x008
#define WCV_LO 0x010
#define WCV_HI 0x014
#define W_IIDR 0xFCC
#define WRR 0x000
#define WCS_EN 1U
#define WCS_WS0 2U
#define WCS_WS1 4U
#define GWDT_IIDR 0x0000043BU  /* Arm, architecture version 0 (32-bit WOR) */

void sbsa_gwdt_init(struct sbsa_gwdt *w)
{
	*w = (struct sbsa_gwdt){ 0 };
}

/* Explicit refresh: WS0 and WS1 clear, WCV = count + WOR. */
static void rearm(struct sbsa_gwdt *w, uint64_t now)
{
	w->ws0 = false;
	w->ws1 = false;
	w->wcv = now + w->wor;
}

void sbsa_gwdt_advance(struct sbsa_gwdt *w, uint64_t now)
{
	/*
	 * The timeout condition is count > WCV, first met at count = WCV + 1.
	 * The first timeout sets WS0 and is a timeout refresh: WCV = that
	 * count + WOR (DEN0029, Generic Watchdog "Watchdog operation").
	 */
	while (w->en && !w->ws1 && now > w->wcv) {
		if (!w->ws0) {
			w->ws0 = true;
			w->wcv = w->wcv + 1 + w->wor;
		} else {
			w->ws1 = true;
		}
	}
}

uint64_t sbsa_gwdt_deadline(const struct sbsa_gwdt *w)
{
	if (!w->en || w->ws1 || w->wcv == UINT64_MAX)
		return WDOG_NEVER;
	return w->wcv + 1;
}

uint64_t sbsa_gwdt_ctrl_read(struct sbsa_gwdt *w, uint64_t now, uint64_t off, unsigned size)
{
	sbsa_gwdt_advance(w, now);
	switch (off) {
	case WCS:
		return (w->en ? WCS_EN : 0) | (w->ws0 ? WCS_WS0 : 0) | (w->ws1 ? WCS_WS1 : 0);
	case WOR:
		return w->wor;
	case WCV_LO:
		return size == 8 ? w->wcv : (uint32_t)w->wcv;
	case WCV_HI:
		return w->wcv >> 32;
	case W_IIDR:
		return GWDT_IIDR;
	default:
		return 0;
	}
}

void sbsa_gwdt_ctrl_write(struct sbsa_gwdt *w, uint64_t now, uint64_t off, unsigned size,
			  uint64_t v)
{
	sbsa_gwdt_advance(w, now);
	switch (off) {
	case WCS:
		w->en = v & WCS_EN;
		rearm(w, now);
		break;
	case WOR:
		w->wor = (uint32_t)v;
		rearm(w, now);
		break;
	case WCV_LO:
		w->wcv = size == 8 ? v : (w->wcv & ~0xFFFFFFFFULL) | (uint32_t)v;
		break;
	case WCV_HI:
		w->wcv = (w->wcv & 0xFFFFFFFFULL) | (v << 32);
		break;
	default:
		break;
	}
}

uint64_t sbsa_gwdt_refresh_read(struct sbsa_gwdt *w, uint64_t off)
{
	return off == W_IIDR ? GWDT_IIDR : 0;
}

void sbsa_gwdt_refresh_write(struct sbsa_gwdt *w, uint64_t now, uint64_t off)
{
	if (off == WRR)
		rearm(w, now);
}
