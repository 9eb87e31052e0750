/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * smc_dispatch: the EL3 SMC dispatcher (SMC Calling Convention, DEN0028).
 *
 * Decodes function IDs, routes by the caller's origin first and by function
 * ID range second through static const tables, answers the standard
 * services itself (SMCCC_VERSION, SMCCC_ARCH_FEATURES, PSCI) and forwards
 * the RMI range to the RMM, the RMM-EL3 (GTSI) range to gpt/, and a realm's
 * RSI/PSCI calls to the RMM. Anything else is SMC_UNKNOWN (-1), never a crash.
 * It holds no RMM logic: the RMM is reached through callbacks.
 */
#ifndef SMC_DISPATCH_H
#define SMC_DISPATCH_H

#include "rmmsim_stripe.h"
#include <stdbool.h>
#include <stdint.h>

#include "rmmsim_types.h"

struct gpt;

#define SMC_UNKNOWN ((uint64_t)-1)

/* SMCCC function-ID fields. */
#define SMC_FID_FAST (1U << 31)
#define SMC_FID_SMC64 (1U << 30)
#define SMC_FID_OEN_SHIFT 24U
#define SMC_FID_OEN_MASK 0x3FU
#define SMC_FID_SVE_HINT (1U << 16)
/* Bits [23:17] must be zero (bit 16 is the SVE hint of fast calls). */
#define SMC_FID_MBZ_MASK 0x00FE0000U

enum smc_oen {
	SMC_OEN_ARCH = 0,
	SMC_OEN_CPU = 1,
	SMC_OEN_SIP = 2,
	SMC_OEN_OEM = 3,
	SMC_OEN_STD = 4,
	SMC_OEN_STD_HYP = 5,
	SMC_OEN_VENDOR_HYP = 6,
};

struct smc_fid {
	bool valid;      /* false: bits that must be zero are set (or X0 > 32 bits) */
	bool fast;       /* bit 31 */
	bool smc64;      /* bit 30 */
	bool sve_hint;   /* bit 16 (SMCCC v1.3) */
	uint8_t oen;     /* bits [29:24] */
	uint16_t fnum;   /* bits [15:0] */
};

struct smc_fid smc_decode_fid(uint64_t x0);

/* Who issued the SMC. */
enum smc_caller {
	SMC_CALLER_NS = 0,        /* the host, at NS-EL2 */
	SMC_CALLER_RMM = 1,       /* the RMM at R-EL2, calling EL3 (RMM-EL3 interface) */
	SMC_CALLER_REALM = 2,     /* realm code at R-EL1, calling the RMM (RSI, PSCI) */
	SMC_CALLER_COUNT = 3,
};

/* Well-known function IDs. */
#define SMCCC_VERSION_FID 0x80000000U
#define SMCCC_ARCH_FEATURES_FID 0x80000001U
#define PSCI_VERSION_FID 0x84000000U
#define PSCI_CPU_SUSPEND_FID 0x84000001U
#define PSCI_CPU_OFF_FID 0x84000002U
#define PSCI_CPU_ON_FID 0x84000003U
#define PSCI_AFFINITY_INFO_FID 0x84000004U
#define PSCI_SYSTEM_OFF_FID 0x84000008U
#define PSCI_SYSTEM_RESET_FID 0x84000009U
#define PSCI_FEATURES_FID 0x8400000AU
#define RMI_FID_FIRST 0xC4000150U
#define RMI_FID_LAST 0xC400018FU
/* RMI 2.0 numbers past the RMM-EL3 range, up to bet3's GPT_INFO 0x211 (den0137-2.0 abi.md §1). */
#define RMI2_FID_FIRST 0xC40001D0U
#define RMI2_FID_LAST 0xC400021FU
#define RSI_FID_FIRST 0xC4000190U
#define RSI_FID_LAST 0xC40001AFU
#define RMM_EL3_FID_FIRST 0xC40001B0U
#define RMM_EL3_FID_LAST 0xC40001CFU
#define RMM_GTSI_DELEGATE_FID 0xC40001B0U
#define RMM_GTSI_UNDELEGATE_FID 0xC40001B1U

/* Results of the RMM-EL3 interface (TF-A rmmd: E_RMM_*). */
#define RMM_EL3_OK 0
#define RMM_EL3_UNK (-1)
#define RMM_EL3_BAD_ADDR (-2)
#define RMM_EL3_BAD_PAS (-3)

/* PSCI function ranges (DEN0022): SMC32 and SMC64 standard service 0x00..0x1F. */
#define PSCI_SMC32_FID_FIRST 0x84000000U
#define PSCI_SMC32_FID_LAST 0x8400001FU
#define PSCI_SMC64_FID_FIRST 0xC4000000U
#define PSCI_SMC64_FID_LAST 0xC400001FU
/* SiP service calls, fast, OEN 2 (DEN0028 Table 6-2). */
#define SIP_SMC32_FID_FIRST 0x82000000U
#define SIP_SMC32_FID_LAST 0x8200FFFFU
#define SIP_SMC64_FID_FIRST 0xC2000000U
#define SIP_SMC64_FID_LAST 0xC200FFFFU

/* Return codes of the standard services (as signed values in X0). */
#define SMCCC_RET_SUCCESS 0
#define SMCCC_RET_NOT_SUPPORTED (-1)
#define PSCI_RET_SUCCESS 0
#define PSCI_RET_NOT_SUPPORTED (-1)
/* DEN0022 Table 6 (PSCI 1.1) return codes. */
#define PSCI_RET_INVALID_PARAMETERS (-2)
#define PSCI_RET_DENIED (-3)
#define PSCI_RET_ALREADY_ON (-4)
#define PSCI_RET_ON_PENDING (-5)
#define PSCI_RET_INTERNAL_FAILURE (-6)
#define PSCI_RET_INVALID_ADDRESS (-9)
#define PSCI_MIGRATE_INFO_TYPE_FID 0x84000006U
#define PSCI_CPU_SUSPEND64_FID 0xC4000001U
#define PSCI_CPU_ON64_FID 0xC4000003U
#define PSCI_AFFINITY_INFO64_FID 0xC4000004U
/* MIGRATE_INFO_TYPE: no Trusted OS, migration not required. */
#define PSCI_TOS_NOT_PRESENT_MP 2

#define SMCCC_VERSION_1_2 0x00010002U
#define PSCI_VERSION_1_1 0x00010001U

/* Why the platform must stop: the NS host asked for it through PSCI. */
enum smc_power_event {
	SMC_POWER_NONE = 0,
	SMC_POWER_SYSTEM_OFF = 1,
	SMC_POWER_SYSTEM_RESET = 2,
};

/*
 * PSCI for the normal world's PEs (issue 13, psci_ns.c). EL3 keeps the
 * power state of every host PE; the simulator does the powering through
 * these callbacks (called inside smc_dispatch, on the calling PE's SMC).
 */
#define SMC_PSCI_MAX_PE 8U
enum smc_psci_state {
	SMC_PSCI_ON = 0,         /* AFFINITY_INFO values (DEN0022 5.1.8) */
	SMC_PSCI_OFF = 1,
	SMC_PSCI_ON_PENDING = 2,
};
struct smc_psci_ops {
	/* CPU_ON accepted: start @pe at NS-EL2, MMU off, PC = @entry, X0 = @context_id. */
	void (*cpu_on)(void *ctx, unsigned pe, uint64_t entry, uint64_t context_id);
	/* CPU_OFF accepted: the calling PE @pe stops after this SMC. */
	void (*cpu_off)(void *ctx, unsigned pe);
	/*
	 * CPU_SUSPEND accepted: @pe sleeps as in WFI after this SMC; when
	 * @powerdown it then resumes at @entry with X0 = @context_id, MMU off.
	 */
	void (*cpu_suspend)(void *ctx, unsigned pe, bool powerdown, uint64_t entry,
			    uint64_t context_id);
	/* Is @entry an address the NS world may start at (DRAM)? NULL = any. */
	bool (*valid_entry)(void *ctx, uint64_t entry);
	void *ctx;
};
struct smc_psci {
	unsigned num_pe;            /* 0: no PE model, CPU_* calls are NOT_SUPPORTED */
	unsigned caller;            /* PE of the SMC being dispatched (smc_dispatch_pe) */
	uint64_t aff[SMC_PSCI_MAX_PE]; /* MPIDR affinity fields (Aff3, Aff2..Aff0) */
	enum smc_psci_state state[SMC_PSCI_MAX_PE];
	struct smc_psci_ops ops;
};

/* Handler the RMM registers; fills results into @regs in place. */
typedef void (*smc_rmm_handler_fn)(void *rmm_ctx, struct smc_regs *regs);

struct smc_dispatcher_cfg {
	struct gpt *gpt;              /* for GTSI requests from the RMM */
	smc_rmm_handler_fn rmi;       /* NS host RMI calls */
	smc_rmm_handler_fn realm;     /* realm RSI/PSCI/SMCCC calls (issue: realm execution) */
	void *rmm_ctx;
	/* SiP services of the platform for the NS host (may be NULL: SMC_UNKNOWN). */
	smc_rmm_handler_fn sip;
	void *sip_ctx;
	/* Accounting hook: called after every dispatched SMC (may be NULL). */
	void (*on_smc)(void *obs_ctx, enum smc_caller caller, const struct smc_regs *in,
		       const struct smc_regs *out);
	void *obs_ctx;
};

struct smc_dispatcher {
	struct smc_dispatcher_cfg cfg;
	/*
	 * Latched PSCI SYSTEM_OFF/RESET from NS (the latest wins); the call
	 * leaves every register, X0 included, unchanged: the simulator stops
	 * the host when it sees this set. Cleared only by smc_dispatcher_init().
	 */
	enum smc_power_event power_event;
	/* SMCs dispatched per caller, striped per host thread (smc_dispatch_count). */
	struct smc_count_stripe {
		uint64_t n[SMC_CALLER_COUNT];
	} __attribute__((aligned(RMMSIM_CACHE_LINE))) count[RMMSIM_STRIPES];
	struct smc_psci psci;        /* zero = single PE, CPU_* NOT_SUPPORTED */
};

void smc_dispatcher_init(struct smc_dispatcher *d, const struct smc_dispatcher_cfg *cfg);

/*
 * Dispatches one SMC; @regs holds X0..X17 in and receives the results.
 * Forwarded calls reach the RMM with the SVE hint (bit 16) cleared in X0.
 * Unknown, malformed (MBZ bits, X0[63:32] != 0) and yielding calls get
 * X0 = SMC_UNKNOWN, X1..X3 = 0, X4..X17 preserved. Then count[caller]++ and
 * cfg.on_smc(in, out) run; a caller >= SMC_CALLER_COUNT only gets SMC_UNKNOWN.
 */
void smc_dispatch(struct smc_dispatcher *d, enum smc_caller caller, struct smc_regs *regs);

/* The SMCs of @caller dispatched so far, over every host thread. */
uint64_t smc_dispatch_count(const struct smc_dispatcher *d, enum smc_caller caller);

/*
 * Gives EL3 the host PEs (@aff: MPIDR affinity fields, at most
 * SMC_PSCI_MAX_PE): PE 0 is ON, every other OFF. From then on CPU_ON,
 * CPU_OFF, CPU_SUSPEND and AFFINITY_INFO are implemented. -1 if @n is 0
 * or too large.
 */
int smc_psci_set_pes(struct smc_dispatcher *d, const uint64_t *aff, unsigned n,
		     const struct smc_psci_ops *ops);
/* The simulator started @pe after CPU_ON: ON_PENDING becomes ON. */
void smc_psci_pe_started(struct smc_dispatcher *d, unsigned pe);
/* An NS SMC issued by host PE @pe (what CPU_OFF/CPU_SUSPEND act on). */
void smc_dispatch_pe(struct smc_dispatcher *d, unsigned pe, struct smc_regs *regs);
/* Is the function ID in @x0 a PSCI function (SMC32 or SMC64 range)? */
bool smc_psci_fid(uint64_t x0);

#endif /* SMC_DISPATCH_H */
