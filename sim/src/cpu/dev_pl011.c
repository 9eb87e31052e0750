/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PL011 UART (Arm DDI 0183): enough for polling drivers and for Linux's
 * earlycon. Transmit is immediate (FR.TXFE=1, BUSY=0); there is never any
 * receive data (FR.RXFE=1). Interrupts are not raised.
 */
#include "dev.h"

enum pl011_reg {
	PL011_DR = 0x000,
	PL011_RSR = 0x004,
	PL011_FR = 0x018,
	PL011_ILPR = 0x020,
	PL011_IBRD = 0x024,
	PL011_FBRD = 0x028,
	PL011_LCR_H = 0x02C,
	PL011_CR = 0x030,
	PL011_IFLS = 0x034,
	PL011_IMSC = 0x038,
	PL011_RIS = 0x03C,
	PL011_MIS = 0x040,
	PL011_ICR = 0x044,
	PL011_DMACR = 0x048,
};

#define PL011_FR_RXFE (1U << 4)
#define PL011_FR_TXFE (1U << 7)
#define PL011_CR_RESET 0x300U     /* TXE | RXE */

void pl011_init(struct pl011 *u, FILE *out)
{
	*u = (struct pl011){ .out = out, .cr = PL011_CR_RESET, .ifls = 0x12 };
}

bool dev_primecell_id(uint64_t off, const uint8_t periph[4], uint32_t *val)
{
	static const uint8_t cell[4] = { 0x0D, 0xF0, 0x05, 0xB1 };

	if (off >= 0xFE0 && off < 0xFF0) {
		*val = periph[(off - 0xFE0) / 4];
		return true;
	}
	if (off >= 0xFF0 && off < 0x1000) {
		*val = cell[(off - 0xFF0) / 4];
		return true;
	}
	return false;
}

uint64_t pl011_read(struct uc_struct *uc, uint64_t off, unsigned size, void *opaque)
{
	static const uint8_t periph[4] = { 0x11, 0x10, 0x14, 0x00 }; /* PL011 r1p5 */
	struct pl011 *u = opaque;
	uint32_t v = 0;

	if (dev_primecell_id(off, periph, &v))
		return v;
	switch ((enum pl011_reg)off) {
	case PL011_DR:
	case PL011_RSR:
	case PL011_ILPR:
	case PL011_MIS:
	case PL011_ICR:
		return 0;
	case PL011_FR:
		return PL011_FR_TXFE | PL011_FR_RXFE;
	case PL011_IBRD:
		return u->ibrd;
	case PL011_FBRD:
		return u->fbrd;
	case PL011_LCR_H:
		return u->lcr_h;
	case PL011_CR:
		return u->cr;
	case PL011_IFLS:
		return u->ifls;
	case PL011_IMSC:
		return u->imsc;
	case PL011_RIS:
		return u->ris;
	case PL011_DMACR:
		return u->dmacr;
	}
	return 0;
}

void pl011_write(struct uc_struct *uc, uint64_t off, unsigned size, uint64_t val, void *opaque)
{
	struct pl011 *u = opaque;
	uint32_t v = (uint32_t)val;

	switch ((enum pl011_reg)off) {
	case PL011_DR:
		u->bytes_out++;
		if (u->out)
			fputc((int)(v & 0xFF), u->out);
		return;
	case PL011_IBRD:
		u->ibrd = v & 0xFFFF;
		return;
	case PL011_FBRD:
		u->fbrd = v & 0x3F;
		return;
	case PL011_LCR_H:
		u->lcr_h = v & 0xFF;
		return;
	case PL011_CR:
		u->cr = v & 0xFF87;
		return;
	case PL011_IFLS:
		u->ifls = v & 0x3F;
		return;
	case PL011_IMSC:
		u->imsc = v & 0x7FF;
		return;
	case PL011_ICR:
		u->ris &= ~v;
		return;
	case PL011_DMACR:
		u->dmacr = v & 0x7;
		return;
	case PL011_RSR:
	case PL011_FR:
	case PL011_ILPR:
	case PL011_RIS:
	case PL011_MIS:
		return; /* read-only or error-clear: nothing to model */
	}
}
