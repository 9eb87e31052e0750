/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GICv3 and generic timer helpers for host payloads at NS-EL2 on the FVP
 * layout (distributor 0x2F000000, redistributor 0x2F100000). The simulated
 * GIC is left by "firmware" as TF-A leaves it (docs/platform.md): every
 * interrupt Group 1 Non-secure, ARE_NS set, the redistributor awake.
 */
#ifndef SDK_GIC_H
#define SDK_GIC_H

#include <stdint.h>

#define SDK_GICD 0x2F000000UL
#define SDK_GICR 0x2F100000UL
#define SDK_GICR_SGI (SDK_GICR + 0x10000UL)
#define SDK_PPI_CNTHP 26U
#define SDK_PPI_CNTV 27U
#define SDK_PPI_CNTP 30U
#define SDK_SPURIOUS 1023U

#define SDK_SYSREG_RW(name, enc)                                              \
	static inline uint64_t sdk_read_##name(void)                           \
	{                                                                      \
		uint64_t v;                                                    \
		__asm__ volatile("mrs %0, " enc : "=r"(v));                     \
		return v;                                                      \
	}                                                                      \
	static inline void sdk_write_##name(uint64_t v)                        \
	{                                                                      \
		__asm__ volatile("msr " enc ", %0" ::"r"(v) : "memory");        \
	}

SDK_SYSREG_RW(icc_pmr, "S3_0_C4_C6_0")
SDK_SYSREG_RW(icc_iar1, "S3_0_C12_C12_0")
SDK_SYSREG_RW(icc_eoir1, "S3_0_C12_C12_1")
SDK_SYSREG_RW(icc_hppir1, "S3_0_C12_C12_2")
SDK_SYSREG_RW(icc_ctlr, "S3_0_C12_C12_4")
SDK_SYSREG_RW(icc_igrpen1, "S3_0_C12_C12_7")
SDK_SYSREG_RW(icc_rpr, "S3_0_C12_C11_3")
SDK_SYSREG_RW(icc_sgi1r, "S3_0_C12_C11_5")
SDK_SYSREG_RW(icc_dir, "S3_0_C12_C11_1")
SDK_SYSREG_RW(cntpct, "cntpct_el0")
SDK_SYSREG_RW(cntvct, "cntvct_el0")
SDK_SYSREG_RW(cntfrq, "cntfrq_el0")
SDK_SYSREG_RW(cnthp_ctl, "cnthp_ctl_el2")
SDK_SYSREG_RW(cnthp_cval, "cnthp_cval_el2")
SDK_SYSREG_RW(cnthp_tval, "cnthp_tval_el2")
SDK_SYSREG_RW(cntp_ctl, "cntp_ctl_el0")
SDK_SYSREG_RW(cntp_tval, "cntp_tval_el0")
SDK_SYSREG_RW(cntv_ctl, "cntv_ctl_el0")
SDK_SYSREG_RW(cntv_cval, "cntv_cval_el0")
SDK_SYSREG_RW(cntv_tval, "cntv_tval_el0")
SDK_SYSREG_RW(cntvoff, "cntvoff_el2")
SDK_SYSREG_RW(hcr_el2, "hcr_el2")

static inline void sdk_mmio_w32(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline uint32_t sdk_mmio_r32(uint64_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void sdk_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

static inline void sdk_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

/* Group 1 NS on at the distributor and this PE, PMR open, IRQs routed to EL2. */
static inline void sdk_gic_init(void)
{
	sdk_mmio_w32(SDK_GICD, 0x2);          /* GICD_CTLR.EnableGrp1NS */
	sdk_mmio_w32(SDK_GICR + 0x14, 0);     /* GICR_WAKER: awake */
	sdk_write_icc_pmr(0xF0);
	sdk_write_icc_igrpen1(1);
	sdk_write_hcr_el2(sdk_read_hcr_el2() | (1UL << 4)); /* IMO: IRQs target EL2 */
	__asm__ volatile("isb");
}

/* SGI/PPI @id of this PE on, at @prio. */
static inline void sdk_gic_enable_ppi(unsigned id, uint8_t prio)
{
	*(volatile uint8_t *)(SDK_GICR_SGI + 0x400 + id) = prio;
	sdk_mmio_w32(SDK_GICR_SGI + 0x100, 1U << id);
}

/* SPI @id on, at @prio, routed to PE 0. */
static inline void sdk_gic_enable_spi(unsigned id, uint8_t prio)
{
	*(volatile uint8_t *)(SDK_GICD + 0x400 + id) = prio;
	*(volatile uint64_t *)(SDK_GICD + 0x6000 + 8UL * id) = 0;
	sdk_mmio_w32(SDK_GICD + 0x100 + 4 * (id / 32), 1U << (id % 32));
}

#endif /* SDK_GIC_H */
