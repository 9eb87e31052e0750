/* SPDX-License-Identifier: BSD-3-Clause */
/* PMUv3 counters, overflow and registers (Arm ARM D11, D19 "Performance Monitors registers"). */
#include <string.h>

#include "pmu.h"

#define PMCR_WRITABLE (PMCR_E | PMCR_D | (1ULL << 4) | (1ULL << 5) | PMCR_LC | PMCR_LP)
#define PMCR_IDCODE 0x41000000ULL       /* IMP = Arm */
/* Filter bits P U NSK NSU NSH M, SH, RLK RLU RLH (no MT: not multithreaded) + evtCount. */
#define FILTER_BITS (PMU_FILT_P | PMU_FILT_U | PMU_FILT_NSK | PMU_FILT_NSU | PMU_FILT_NSH | \
		     PMU_FILT_M | PMU_FILT_SH | PMU_FILT_RLK | PMU_FILT_RLU | PMU_FILT_RLH)
#define EVTYPER_MASK (FILTER_BITS | 0xFFFFU)
#define CCFILTR_MASK ((uint64_t)FILTER_BITS)
#define LOW32 0xFFFFFFFFULL

enum {
	R_PMCR = PMU_SYS_ENC(3, 3, 9, 12, 0),
	R_CNTENSET = PMU_SYS_ENC(3, 3, 9, 12, 1),
	R_CNTENCLR = PMU_SYS_ENC(3, 3, 9, 12, 2),
	R_OVSCLR = PMU_SYS_ENC(3, 3, 9, 12, 3),
	R_SWINC = PMU_SYS_ENC(3, 3, 9, 12, 4),
	R_SELR = PMU_SYS_ENC(3, 3, 9, 12, 5),
	R_CEID0 = PMU_SYS_ENC(3, 3, 9, 12, 6),
	R_CEID1 = PMU_SYS_ENC(3, 3, 9, 12, 7),
	R_CCNTR = PMU_SYS_ENC(3, 3, 9, 13, 0),
	R_XEVTYPER = PMU_SYS_ENC(3, 3, 9, 13, 1),
	R_XEVCNTR = PMU_SYS_ENC(3, 3, 9, 13, 2),
	R_USERENR = PMU_SYS_ENC(3, 3, 9, 14, 0),
	R_INTENSET = PMU_SYS_ENC(3, 0, 9, 14, 1),
	R_INTENCLR = PMU_SYS_ENC(3, 0, 9, 14, 2),
	R_OVSSET = PMU_SYS_ENC(3, 3, 9, 14, 3),
	R_EVCNTR0 = PMU_SYS_ENC(3, 3, 14, 8, 0),   /* ..14,11,6: PMEVCNTR<n> */
	R_EVTYPER0 = PMU_SYS_ENC(3, 3, 14, 12, 0), /* ..14,15,6; 14,15,7 = PMCCFILTR */
	R_CCFILTR = PMU_SYS_ENC(3, 3, 14, 15, 7),
};

static bool bit(uint32_t filter, uint32_t b)
{
	return (filter & b) != 0;
}

bool pmu_filter_counts(uint32_t f, unsigned el, enum pmu_ss ss)
{
	bool p = bit(f, PMU_FILT_P), u = bit(f, PMU_FILT_U), nsh = bit(f, PMU_FILT_NSH);

	if (el == 3 || ss == PMU_SS_ROOT)
		return bit(f, PMU_FILT_M) == p;
	switch (ss) {
	case PMU_SS_NONSECURE:
		if (el == 0)
			return u == bit(f, PMU_FILT_NSU);
		if (el == 1)
			return p == bit(f, PMU_FILT_NSK);
		return nsh;
	case PMU_SS_SECURE:
		if (el == 0)
			return !u;
		if (el == 1)
			return !p;
		return nsh != bit(f, PMU_FILT_SH);
	case PMU_SS_REALM:
		if (el == 0)
			return u == bit(f, PMU_FILT_RLU);
		if (el == 1)
			return p == bit(f, PMU_FILT_RLK);
		return nsh != bit(f, PMU_FILT_RLH);
	case PMU_SS_ROOT:
		break;
	}
	return false;
}

void pmu_set_context(struct pmu *p, unsigned el, enum pmu_ss ss)
{
	p->el = el > 3U ? 3U : el;
	p->ss = ss;
}

/* Counter @i (PMU_CYCLE_BIT: the cycle counter) counts in the current context. */
static bool counts_now(const struct pmu *p, unsigned i)
{
	uint32_t f = i == PMU_CYCLE_BIT ? (uint32_t)p->ccfiltr : p->evtyper[i];

	return pmu_filter_counts(f, p->el, p->ss);
}

bool pmu_el_sensitive(const struct pmu *p, enum pmu_ss ss, unsigned max_el)
{
	uint32_t live = p->cnten & ((uint32_t)((1ULL << p->n) - 1U) | (1U << PMU_CYCLE_BIT));

	if (!(p->pmcr & PMCR_E))
		return false;
	for (unsigned i = 0; i < 32; i++) {
		uint32_t f;
		bool first;

		if (!(live & (1U << i)))
			continue;
		f = i == PMU_CYCLE_BIT ? (uint32_t)p->ccfiltr : p->evtyper[i];
		first = pmu_filter_counts(f, 0, ss);
		for (unsigned el = 1; el <= max_el; el++)
			if (pmu_filter_counts(f, el, ss) != first)
				return true;
	}
	return false;
}

void pmu_init(struct pmu *p, unsigned n)
{
	memset(p, 0, sizeof(*p));
	p->n = n > PMU_MAX_COUNTERS ? PMU_MAX_COUNTERS : n;
}

static uint32_t implemented(const struct pmu *p)
{
	return (uint32_t)((1ULL << p->n) - 1U) | (1U << PMU_CYCLE_BIT);
}

/* Adds @d to a counter of @bits width; true = it wrapped (overflow). */
static bool add(uint64_t *c, uint64_t d, unsigned bits)
{
	uint64_t mask = bits == 64 ? UINT64_MAX : (1ULL << bits) - 1U;
	uint64_t before = *c & mask;
	uint64_t room = mask - before;  /* increments before the wrap */

	*c = (before + d) & mask;
	return d > room;
}

static unsigned ev_bits(const struct pmu *p)
{
	return (p->pmcr & PMCR_LP) ? 64U : 32U;
}

static unsigned cc_bits(const struct pmu *p)
{
	return (p->pmcr & PMCR_LC) ? 64U : 32U;
}

static uint64_t event_delta(uint32_t type, uint64_t cycles, uint64_t insns)
{
	switch (type & 0xFFFFU) {
	case PMU_EVT_CPU_CYCLES:
		return cycles;
	case PMU_EVT_INST_RETIRED:
		return insns;
	default:
		return 0;
	}
}

void pmu_advance(struct pmu *p, uint64_t cycles, uint64_t insns)
{
	if (!(p->pmcr & PMCR_E))
		return;
	if ((p->cnten & (1U << PMU_CYCLE_BIT)) && counts_now(p, PMU_CYCLE_BIT)) {
		uint64_t d = cycles;

		if (p->pmcr & PMCR_D) {
			/* PMCR.D: the cycle counter counts once every 64 cycles. */
			d = (p->div_rem + cycles) / 64U;
			p->div_rem = (p->div_rem + cycles) % 64U;
		}
		if (add(&p->ccntr, d, cc_bits(p)))
			p->ovs |= 1U << PMU_CYCLE_BIT;
	}
	for (unsigned i = 0; i < p->n; i++) {
		uint64_t d;

		if (!(p->cnten & (1U << i)) || !counts_now(p, i))
			continue;
		d = event_delta(p->evtyper[i], cycles, insns);
		if (d && add(&p->evcntr[i], d, ev_bits(p)))
			p->ovs |= 1U << i;
	}
}

bool pmu_irq(const struct pmu *p)
{
	return (p->pmcr & PMCR_E) && (p->ovs & p->inten & p->cnten) != 0;
}

/* Increments left before @c of @bits width wraps. */
static uint64_t room(uint64_t c, unsigned bits)
{
	uint64_t mask = bits == 64 ? UINT64_MAX : (1ULL << bits) - 1U;

	return (mask - (c & mask)) + (bits == 64 ? 0 : 1);
}

uint64_t pmu_cycles_to_overflow(const struct pmu *p, uint64_t cpi_milli)
{
	uint64_t best = PMU_NEVER;
	uint32_t armed = p->cnten & p->inten & ~p->ovs;

	if (!(p->pmcr & PMCR_E))
		return PMU_NEVER;
	if ((armed & (1U << PMU_CYCLE_BIT)) && counts_now(p, PMU_CYCLE_BIT)) {
		unsigned __int128 c = room(p->ccntr, cc_bits(p));

		if (p->pmcr & PMCR_D)
			c = c * 64U - p->div_rem;
		best = c > PMU_NEVER ? PMU_NEVER : (uint64_t)c;
	}
	for (unsigned i = 0; i < p->n; i++) {
		unsigned __int128 c;

		if (!(armed & (1U << i)) || !counts_now(p, i))
			continue;
		c = room(p->evcntr[i], ev_bits(p));
		if ((p->evtyper[i] & 0xFFFFU) == PMU_EVT_INST_RETIRED)
			c = (c * cpi_milli + 999U) / 1000U;
		else if ((p->evtyper[i] & 0xFFFFU) != PMU_EVT_CPU_CYCLES)
			continue;
		if (c < best)
			best = (uint64_t)c;
	}
	return best;
}

/* PMEVCNTR<n> / PMEVTYPER<n> encodings: CRm = base + n / 8, op2 = n % 8. */
static int counter_index(unsigned enc, unsigned base)
{
	unsigned crm = (enc >> 3) & 0xFU, op2 = enc & 7U;
	unsigned n;

	if ((enc & ~0x7FU) != (PMU_SYS_ENC(3, 3, 14, 0, 0) & ~0x7FU) || crm < base ||
	    crm > base + 3U)
		return -1;
	n = (crm - base) * 8U + op2;
	return n < PMU_MAX_COUNTERS ? (int)n : -1;
}

bool pmu_sysreg_read(const struct pmu *p, unsigned enc, uint64_t *val)
{
	int i;

	switch (enc) {
	case R_PMCR:
		*val = PMCR_IDCODE | ((uint64_t)p->n << PMCR_N_SHIFT) | (p->pmcr & PMCR_WRITABLE);
		return true;
	case R_CNTENSET:
	case R_CNTENCLR:
		*val = p->cnten;
		return true;
	case R_INTENSET:
	case R_INTENCLR:
		*val = p->inten;
		return true;
	case R_OVSSET:
	case R_OVSCLR:
		*val = p->ovs;
		return true;
	case R_SWINC:
		*val = 0;
		return true;
	case R_SELR:
		*val = p->selr;
		return true;
	case R_CEID0:
		/* SW_INCR, INST_RETIRED, CPU_CYCLES (bits 0, 8, 17). */
		*val = (1ULL << 0) | (1ULL << 8) | (1ULL << 17);
		return true;
	case R_CEID1:
		*val = 0;
		return true;
	case R_CCNTR:
		*val = p->ccntr;
		return true;
	case R_CCFILTR:
		*val = p->ccfiltr;
		return true;
	case R_USERENR:
		*val = p->userenr;
		return true;
	case R_XEVTYPER:
		*val = p->selr == 31U ? p->ccfiltr : (p->selr < p->n ? p->evtyper[p->selr] : 0);
		return true;
	case R_XEVCNTR:
		*val = p->selr < p->n ? p->evcntr[p->selr] & ((p->pmcr & PMCR_LP) ? ~0ULL : LOW32) : 0;
		return true;
	default:
		break;
	}
	i = counter_index(enc, 8U);
	if (i >= 0) {
		*val = (unsigned)i < p->n ? p->evcntr[i] : 0;
		return true;
	}
	i = counter_index(enc, 12U);
	if (i >= 0) {
		*val = (unsigned)i < p->n ? p->evtyper[i] : 0;
		return true;
	}
	return false;
}

static void write_evcntr(struct pmu *p, unsigned i, uint64_t v)
{
	if (i < p->n)
		p->evcntr[i] = (p->pmcr & PMCR_LP) ? v : (v & LOW32);
}

bool pmu_sysreg_write(struct pmu *p, unsigned enc, uint64_t v)
{
	uint32_t mask = implemented(p);
	int i;

	switch (enc) {
	case R_PMCR:
		p->pmcr = v & PMCR_WRITABLE;
		/* P and C reset the counters and are not kept (RAZ). */
		if (v & PMCR_P)
			for (unsigned k = 0; k < p->n; k++)
				p->evcntr[k] = 0;
		if (v & PMCR_C)
			p->ccntr = 0;
		return true;
	case R_CNTENSET:
		p->cnten |= (uint32_t)v & mask;
		return true;
	case R_CNTENCLR:
		p->cnten &= ~((uint32_t)v & mask);
		return true;
	case R_INTENSET:
		p->inten |= (uint32_t)v & mask;
		return true;
	case R_INTENCLR:
		p->inten &= ~((uint32_t)v & mask);
		return true;
	case R_OVSSET:
		p->ovs |= (uint32_t)v & mask;
		return true;
	case R_OVSCLR:
		p->ovs &= ~((uint32_t)v & mask);
		return true;
	case R_SWINC:
		for (unsigned k = 0; k < p->n; k++) {
			/* Filtered as any event, at the EL of the write (the current context). */
			if ((v & (1ULL << k)) && (p->pmcr & PMCR_E) && (p->cnten & (1U << k)) &&
			    (p->evtyper[k] & 0xFFFFU) == PMU_EVT_SW_INCR && counts_now(p, k) &&
			    add(&p->evcntr[k], 1, ev_bits(p)))
				p->ovs |= 1U << k;
		}
		return true;
	case R_SELR:
		p->selr = (uint32_t)v & 0x1FU;
		return true;
	case R_CEID0:
	case R_CEID1:
		return true; /* read-only */
	case R_CCNTR:
		p->ccntr = v;
		return true;
	case R_CCFILTR:
		p->ccfiltr = v & CCFILTR_MASK;
		return true;
	case R_USERENR:
		p->userenr = v & 0xFU;
		return true;
	case R_XEVTYPER:
		if (p->selr == 31U)
			p->ccfiltr = v & CCFILTR_MASK;
		else if (p->selr < p->n)
			p->evtyper[p->selr] = (uint32_t)v & EVTYPER_MASK;
		return true;
	case R_XEVCNTR:
		write_evcntr(p, p->selr, v);
		return true;
	default:
		break;
	}
	i = counter_index(enc, 8U);
	if (i >= 0) {
		write_evcntr(p, (unsigned)i, v);
		return true;
	}
	i = counter_index(enc, 12U);
	if (i >= 0) {
		if ((unsigned)i < p->n)
			p->evtyper[i] = (uint32_t)v & EVTYPER_MASK;
		return true;
	}
	return false;
}
