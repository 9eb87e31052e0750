/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI calls from the host at NS-EL2: `smc #0` with SMCCC 1.2 registers.
 * FIDs, status codes and structure offsets come from the generated
 * den0137_abi.h (pure #defines). Each wrapper returns X0 (the packed
 * status: low byte status, next byte index) and stores result registers
 * X1.. in *out when out is not NULL.
 */
#ifndef SDK_RMI_H
#define SDK_RMI_H

#include <stdint.h>

#include "den0137_abi.h"

struct rmi_out {
	uint64_t x[5]; /* x[1..4] = X1..X4 */
};

static inline uint64_t sdk_smc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			       uint64_t a5, uint64_t a6, struct rmi_out *out)
{
	register uint64_t x0 __asm__("x0") = fid;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	register uint64_t x5 __asm__("x5") = a5;
	register uint64_t x6 __asm__("x6") = a6;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6)
			 :
			 : "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16",
			   "x17", "memory");
	if (out) {
		out->x[0] = x0;
		out->x[1] = x1;
		out->x[2] = x2;
		out->x[3] = x3;
		out->x[4] = x4;
	}
	return x0;
}

#define RMI_STATUS(r) ((unsigned)((r) & 0xFF))
#define RMI_INDEX(r) ((unsigned)(((r) >> 8) & 0xFF))

#define RMI0(name, FID) \
	static inline uint64_t rmi_##name(struct rmi_out *o) \
	{ return sdk_smc(FID, 0, 0, 0, 0, 0, 0, o); }
#define RMI1(name, FID) \
	static inline uint64_t rmi_##name(uint64_t a1, struct rmi_out *o) \
	{ return sdk_smc(FID, a1, 0, 0, 0, 0, 0, o); }
#define RMI2(name, FID) \
	static inline uint64_t rmi_##name(uint64_t a1, uint64_t a2, struct rmi_out *o) \
	{ return sdk_smc(FID, a1, a2, 0, 0, 0, 0, o); }
#define RMI3(name, FID) \
	static inline uint64_t rmi_##name(uint64_t a1, uint64_t a2, uint64_t a3, struct rmi_out *o) \
	{ return sdk_smc(FID, a1, a2, a3, 0, 0, 0, o); }
#define RMI4(name, FID) \
	static inline uint64_t rmi_##name(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, \
					  struct rmi_out *o) \
	{ return sdk_smc(FID, a1, a2, a3, a4, 0, 0, o); }
#define RMI5(name, FID) \
	static inline uint64_t rmi_##name(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, \
					  uint64_t a5, struct rmi_out *o) \
	{ return sdk_smc(FID, a1, a2, a3, a4, a5, 0, o); }

RMI1(version, RMI_VERSION_FID)                         /* requested version */
RMI1(granule_delegate, RMI_GRANULE_DELEGATE_FID)       /* addr */
RMI1(granule_undelegate, RMI_GRANULE_UNDELEGATE_FID)   /* addr */
RMI5(data_create, RMI_DATA_CREATE_FID)                 /* rd, data, ipa, src, flags */
RMI3(data_create_unknown, RMI_DATA_CREATE_UNKNOWN_FID) /* rd, data, ipa */
RMI2(data_destroy, RMI_DATA_DESTROY_FID)               /* rd, ipa -> data, top */
RMI1(realm_activate, RMI_REALM_ACTIVATE_FID)           /* rd */
RMI2(realm_create, RMI_REALM_CREATE_FID)               /* rd, params */
RMI1(realm_destroy, RMI_REALM_DESTROY_FID)             /* rd */
RMI3(rec_create, RMI_REC_CREATE_FID)                   /* rd, rec, params */
RMI1(rec_destroy, RMI_REC_DESTROY_FID)                 /* rec */
RMI2(rec_enter, RMI_REC_ENTER_FID)                     /* rec, run */
RMI4(rtt_create, RMI_RTT_CREATE_FID)                   /* rd, rtt, ipa, level */
RMI3(rtt_destroy, RMI_RTT_DESTROY_FID)                 /* rd, ipa, level -> rtt, top */
RMI4(rtt_map_unprotected, RMI_RTT_MAP_UNPROTECTED_FID) /* rd, ipa, level, desc */
RMI3(rtt_read_entry, RMI_RTT_READ_ENTRY_FID)           /* rd, ipa, level -> walk_level, state, desc, ripas */
RMI3(rtt_unmap_unprotected, RMI_RTT_UNMAP_UNPROTECTED_FID) /* rd, ipa, level -> top */
RMI3(psci_complete, RMI_PSCI_COMPLETE_FID)             /* calling_rec, target_rec, status */
RMI1(features, RMI_FEATURES_FID)                       /* index -> value */
RMI3(rtt_fold, RMI_RTT_FOLD_FID)                       /* rd, ipa, level -> rtt */
RMI1(rec_aux_count, RMI_REC_AUX_COUNT_FID)             /* rd -> aux_count */
RMI3(rtt_init_ripas, RMI_RTT_INIT_RIPAS_FID)           /* rd, base, top -> top */
RMI4(rtt_set_ripas, RMI_RTT_SET_RIPAS_FID)             /* rd, rec, base, top -> top */

/* Not an RMI command: kept here so payloads need one header. */
RMI0(smccc_version, 0x80000000UL)

#endif /* SDK_RMI_H */
