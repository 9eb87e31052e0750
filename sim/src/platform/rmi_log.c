/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One line per RMI call in the reference RMM's log format (TF-RMM
 * runtime/core/handler.c, rmi_log_on_exit), so that logs of rmmsim and of
 * TF-RMM on FVP can be compared line by line:
 *
 *   "SMC_RMI_" + name padded to 21 columns, " %lx" per input argument,
 *   " > RMI_<status>" (or " > %lx" of X0 for an unknown status),
 *   " %x" index for RMI_ERROR_RTT and for RMI_REC_ENTER's RMI_ERROR_REALM,
 *   " %lx" per output value on RMI_SUCCESS, and on RMI_ERROR_RTT for
 *   RTT_DESTROY, DATA_DESTROY and RTT_UNMAP_UNPROTECTED (whose `top` output
 *   is valid on that error, abi.md §3).
 *
 * Argument/result counts come from the spec extract (den0137_abi.h).
 * Used by the native API's RMI log, the trace and the fuzz reproducer.
 *
 * Once the host negotiated RMI 2.0 (rmm_rmi_abi_selected) the same format
 * is used with the 2.0 names and counts (den0137_2_abi.h, den0137-2.0
 * abi.md §3-§6): FIDs removed in 2.0 (0x151, 0x152, 0x154, ...) log as
 * UNKNOWN, the 2.0 status names 5..16 are known, and RMI_INCOMPLETE
 * also shows its RmiResultDataIncomplete bits[15:8] (MEMREQ, CAN_CANCEL)
 * and the outputs (SRO handle and memory request, abi.md §3). 2.0 FIDs
 * whose registers the sheet does not give (device assignment, SMMU, ...)
 * log with their name, no arguments and the raw result.
 */
#include <stdarg.h>
#include <stdio.h>

#include "den0137_2_abi.h"
#include "den0137_abi.h"
#include "platform.h"

#define RMI_LOG_FNUM(fid) ((unsigned)((fid) & 0xFFFFU) - 0x150U)
#define RMI_LOG_FNUM_COUNT 0x40U /* 0x150..0x18F */
#define SMCCC_SVE_HINT (1ULL << 16)

struct rmi_log_cmd {
	const char *name;
	unsigned num_in;
	unsigned num_out;
	bool raw; /* registers not in the sheet: name and raw X0 only */
};

#define RMI_LOG_CMD(n) \
	[RMI_LOG_FNUM(RMI_##n##_FID)] = { #n, RMI_##n##_NUM_IN, RMI_##n##_NUM_OUT }

static const struct rmi_log_cmd rmi_log_cmds[RMI_LOG_FNUM_COUNT] = {
	RMI_LOG_CMD(VERSION),
	RMI_LOG_CMD(GRANULE_DELEGATE),
	RMI_LOG_CMD(GRANULE_UNDELEGATE),
	RMI_LOG_CMD(DATA_CREATE),
	RMI_LOG_CMD(DATA_CREATE_UNKNOWN),
	RMI_LOG_CMD(DATA_DESTROY),
	RMI_LOG_CMD(REALM_ACTIVATE),
	RMI_LOG_CMD(REALM_CREATE),
	RMI_LOG_CMD(REALM_DESTROY),
	RMI_LOG_CMD(REC_CREATE),
	RMI_LOG_CMD(REC_DESTROY),
	RMI_LOG_CMD(REC_ENTER),
	RMI_LOG_CMD(RTT_CREATE),
	RMI_LOG_CMD(RTT_DESTROY),
	RMI_LOG_CMD(RTT_MAP_UNPROTECTED),
	RMI_LOG_CMD(RTT_READ_ENTRY),
	RMI_LOG_CMD(RTT_UNMAP_UNPROTECTED),
	RMI_LOG_CMD(PSCI_COMPLETE),
	RMI_LOG_CMD(FEATURES),
	RMI_LOG_CMD(RTT_FOLD),
	RMI_LOG_CMD(REC_AUX_COUNT),
	RMI_LOG_CMD(RTT_INIT_RIPAS),
	RMI_LOG_CMD(RTT_SET_RIPAS),
};

/* RMI 2.0: FNUMs 0x150..0x21F (den0137-2.0 abi.md §1; bet3 GPT_INFO is 0x211). */
#define RMI2_LOG_FNUM(fid) ((unsigned)((fid) & 0xFFFFU) - 0x150U)
#define RMI2_LOG_FNUM_COUNT 0xD0U

#define RMI2_LOG_CMD(n) \
	[RMI2_LOG_FNUM(RMI2_##n##_FID)] = { #n, RMI2_##n##_NUM_IN, RMI2_##n##_NUM_OUT, false }
#define RMI2_LOG_NAME(n) [RMI2_LOG_FNUM(RMI2_##n##_FID)] = { #n, 0, 0, true }

static const struct rmi_log_cmd rmi2_log_cmds[RMI2_LOG_FNUM_COUNT] = {
	RMI2_LOG_CMD(VERSION),
	RMI2_LOG_CMD(RTT_DATA_MAP_INIT),
	RMI2_LOG_CMD(REALM_ACTIVATE),
	RMI2_LOG_CMD(REALM_CREATE),
	RMI2_LOG_CMD(REALM_DESTROY),
	RMI2_LOG_CMD(REC_CREATE),
	RMI2_LOG_CMD(REC_DESTROY),
	RMI2_LOG_CMD(REC_ENTER),
	RMI2_LOG_CMD(RTT_CREATE),
	RMI2_LOG_CMD(RTT_DESTROY),
	RMI2_LOG_CMD(RTT_READ_ENTRY),
	RMI2_LOG_CMD(PSCI_COMPLETE),
	RMI2_LOG_CMD(FEATURES),
	RMI2_LOG_CMD(RTT_FOLD),
	RMI2_LOG_CMD(RTT_INIT_RIPAS),
	RMI2_LOG_CMD(RTT_SET_RIPAS),
	RMI2_LOG_CMD(RMM_CONFIG_SET),
	RMI2_LOG_CMD(GRANULE_TRACKING_GET),
	RMI2_LOG_CMD(RMM_CONFIG_GET),
	RMI2_LOG_NAME(RMM_STATE_GET),
	RMI2_LOG_CMD(GRANULE_RANGE_DELEGATE),
	RMI2_LOG_CMD(GRANULE_RANGE_UNDELEGATE),
	RMI2_LOG_CMD(GPT_L1_CREATE),
	RMI2_LOG_NAME(GPT_L1_DESTROY),
	RMI2_LOG_CMD(RTT_DATA_MAP),
	RMI2_LOG_CMD(RTT_DATA_UNMAP),
	RMI2_LOG_CMD(RTT_UNPROT_MAP),
	RMI2_LOG_CMD(RTT_UNPROT_UNMAP),
	RMI2_LOG_CMD(REALM_TERMINATE),
	RMI2_LOG_CMD(RMM_ACTIVATE),
	RMI2_LOG_CMD(OP_CONTINUE),
	RMI2_LOG_CMD(OP_MEM_DONATE),
	RMI2_LOG_CMD(OP_MEM_RECLAIM),
	RMI2_LOG_CMD(OP_CANCEL),
	RMI2_LOG_NAME(RMM_DEACTIVATE),
	RMI2_LOG_CMD(GPT_INFO),
	RMI2_LOG_NAME(RTT_DEV_VALIDATE),
	RMI2_LOG_NAME(VSMMU_CREATE),
	RMI2_LOG_NAME(VSMMU_DESTROY),
	RMI2_LOG_NAME(VSMMU_MAP),
	RMI2_LOG_NAME(VSMMU_UNMAP),
	RMI2_LOG_NAME(PSMMU_IRQ_NOTIFY),
	RMI2_LOG_NAME(ATTEST_PLAT_TOKEN_REFRESH),
	RMI2_LOG_NAME(PDEV_ABORT),
	RMI2_LOG_NAME(PDEV_COMMUNICATE),
	RMI2_LOG_NAME(PDEV_CREATE),
	RMI2_LOG_NAME(PDEV_DESTROY),
	RMI2_LOG_NAME(PDEV_GET_STATE),
	RMI2_LOG_NAME(PDEV_STREAM_KEY_REFRESH),
	RMI2_LOG_NAME(PDEV_SET_PUBKEY),
	RMI2_LOG_NAME(PDEV_STOP),
	RMI2_LOG_NAME(RTT_AUX_CREATE),
	RMI2_LOG_NAME(RTT_AUX_DESTROY),
	RMI2_LOG_NAME(RTT_AUX_FOLD),
	RMI2_LOG_NAME(RTT_AUX_MAP_PROTECTED),
	RMI2_LOG_NAME(RTT_AUX_MAP_UNPROTECTED),
	RMI2_LOG_NAME(RTT_AUX_UNMAP_PROTECTED),
	RMI2_LOG_NAME(RTT_AUX_UNMAP_UNPROTECTED),
	RMI2_LOG_NAME(VDEV_ABORT),
	RMI2_LOG_NAME(VDEV_COMMUNICATE),
	RMI2_LOG_NAME(VDEV_CREATE),
	RMI2_LOG_NAME(VDEV_DESTROY),
	RMI2_LOG_NAME(VDEV_GET_STATE),
	RMI2_LOG_NAME(VDEV_UNLOCK),
	RMI2_LOG_NAME(RTT_SET_S2AP),
	RMI2_LOG_NAME(MEC_SET_SHARED),
	RMI2_LOG_NAME(MEC_SET_PRIVATE),
	RMI2_LOG_NAME(VDEV_COMPLETE),
	RMI2_LOG_NAME(VDEV_GET_INTERFACE_REPORT),
	RMI2_LOG_NAME(VDEV_GET_MEASUREMENTS),
	RMI2_LOG_NAME(VDEV_LOCK),
	RMI2_LOG_NAME(VDEV_START),
	RMI2_LOG_NAME(VDEV_P2P_BIND),
	RMI2_LOG_NAME(VDEV_P2P_UNBIND),
	RMI2_LOG_NAME(VSMMU_EVENT_HANDLE),
	RMI2_LOG_NAME(PSMMU_ACTIVATE),
	RMI2_LOG_NAME(PSMMU_DEACTIVATE),
	RMI2_LOG_NAME(PSMMU_ST_L2_CREATE),
	RMI2_LOG_NAME(PSMMU_ST_L2_DESTROY),
	RMI2_LOG_NAME(DPT_L0_CREATE),
	RMI2_LOG_NAME(DPT_L0_DESTROY),
	RMI2_LOG_NAME(DPT_L1_CREATE),
	RMI2_LOG_NAME(DPT_L1_DESTROY),
	RMI2_LOG_NAME(GRANULE_TRACKING_SET),
	RMI2_LOG_NAME(PSMMU_EVENT_CONSUME),
	RMI2_LOG_NAME(RTT_DEV_MAP),
	RMI2_LOG_NAME(RTT_DEV_UNMAP),
	RMI2_LOG_NAME(RTT_ARCH_DEV_MAP),
	RMI2_LOG_NAME(RTT_ARCH_DEV_UNMAP),
	RMI2_LOG_NAME(RTT_AUX_PROT_MAP),
	RMI2_LOG_NAME(RTT_AUX_PROT_UNMAP),
	RMI2_LOG_NAME(RTT_AUX_UNPROT_MAP),
	RMI2_LOG_NAME(RTT_AUX_UNPROT_UNMAP),
	RMI2_LOG_NAME(PDEV_STREAM_CONNECT),
	RMI2_LOG_NAME(PDEV_STREAM_DISCONNECT),
	RMI2_LOG_NAME(PDEV_STREAM_COMPLETE),
	RMI2_LOG_NAME(PDEV_STREAM_KEY_PURGE),
	RMI2_LOG_NAME(VSMMU_FEATURES),
	RMI2_LOG_NAME(VSMMU_CMD_GET),
	RMI2_LOG_NAME(VSMMU_CMD_COMPLETE),
	RMI2_LOG_NAME(PSMMU_INFO),
	RMI2_LOG_NAME(PDEV_STREAM_INFO),
};

/* RmiStatusCode names of 2.0 (den0137-2.0 abi.md §6), indexed by status. */
static const char *const rmi2_log_status[] = {
	[RMI2_SUCCESS] = "RMI_SUCCESS",
	[RMI2_ERROR_INPUT] = "RMI_ERROR_INPUT",
	[RMI2_ERROR_REALM] = "RMI_ERROR_REALM",
	[RMI2_ERROR_REC] = "RMI_ERROR_REC",
	[RMI2_ERROR_RTT] = "RMI_ERROR_RTT",
	[RMI2_ERROR_NOT_SUPPORTED] = "RMI_ERROR_NOT_SUPPORTED",
	[RMI2_ERROR_DEVICE] = "RMI_ERROR_DEVICE",
	[RMI2_ERROR_RTT_AUX] = "RMI_ERROR_RTT_AUX",
	[RMI2_ERROR_PSMMU_ST] = "RMI_ERROR_PSMMU_ST",
	[RMI2_ERROR_DPT] = "RMI_ERROR_DPT",
	[RMI2_BUSY] = "RMI_BUSY",
	[RMI2_ERROR_GLOBAL] = "RMI_ERROR_GLOBAL",
	[RMI2_ERROR_TRACKING] = "RMI_ERROR_TRACKING",
	[RMI2_INCOMPLETE] = "RMI_INCOMPLETE",
	[RMI2_BLOCKED] = "RMI_BLOCKED",
	[RMI2_ERROR_GPT] = "RMI_ERROR_GPT",
	[RMI2_ERROR_GRANULE] = "RMI_ERROR_GRANULE",
};

#define RMI2_LOG_NUM_STATUS (sizeof(rmi2_log_status) / sizeof(rmi2_log_status[0]))

/* RmiStatusCode names of 1.0 (abi.md §5), indexed by status. */
static const char *const rmi_log_status[] = {
	[RMI_SUCCESS] = "RMI_SUCCESS",
	[RMI_ERROR_INPUT] = "RMI_ERROR_INPUT",
	[RMI_ERROR_REALM] = "RMI_ERROR_REALM",
	[RMI_ERROR_REC] = "RMI_ERROR_REC",
	[RMI_ERROR_RTT] = "RMI_ERROR_RTT",
};

#define RMI_LOG_NUM_STATUS (sizeof(rmi_log_status) / sizeof(rmi_log_status[0]))

/* Appends to buf like snprintf, keeping the would-be total length in *pos. */
__attribute__((format(printf, 4, 5))) static void
log_append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;
	size_t room = *pos < len ? len - *pos : 0U;

	va_start(ap, fmt);
	n = vsnprintf(room != 0U ? buf + *pos : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0) {
		*pos += (size_t)n;
	}
}

static bool rmi_log_is_v2(uint64_t abi)
{
	return (abi >> RMI2_ABI_VERSION_MAJOR_SHIFT) == (RMI2_ABI_VERSION >> RMI2_ABI_VERSION_MAJOR_SHIFT);
}

static const struct rmi_log_cmd *rmi_log_cmd(uint64_t abi, uint64_t fid)
{
	const struct rmi_log_cmd *c;

	fid &= ~SMCCC_SVE_HINT;
	if (rmi_log_is_v2(abi)) {
		if (fid < RMI2_VERSION_FID || fid >= RMI2_VERSION_FID + RMI2_LOG_FNUM_COUNT) {
			return NULL;
		}
		c = &rmi2_log_cmds[RMI2_LOG_FNUM(fid)];
	} else {
		if (fid < RMI_VERSION_FID || fid >= RMI_VERSION_FID + RMI_LOG_FNUM_COUNT) {
			return NULL;
		}
		c = &rmi_log_cmds[RMI_LOG_FNUM(fid)];
	}
	return c->name != NULL ? c : NULL;
}

const char *rmi_log_name(uint64_t fid)
{
	const struct rmi_log_cmd *c = rmi_log_cmd(RMI_ABI_VERSION, fid);

	return c != NULL ? c->name : NULL;
}

const char *rmi_log_name_abi(uint64_t abi, uint64_t fid)
{
	const struct rmi_log_cmd *c = rmi_log_cmd(abi, fid);

	return c != NULL ? c->name : NULL;
}

/*
 * Outputs are valid on SUCCESS, on ERROR_RTT for the commands returning
 * `top`, and (2.0) on INCOMPLETE, where X1.. carry the SRO handle/request.
 */
static bool rmi_log_has_outputs(bool v2, uint64_t fid, unsigned status)
{
	if (status == RMI_SUCCESS) {
		return true;
	}
	if (v2) {
		return status == RMI2_INCOMPLETE ||
		       (status == RMI2_ERROR_RTT && fid == RMI2_RTT_DESTROY_FID);
	}
	return status == RMI_ERROR_RTT &&
	       (fid == RMI_RTT_DESTROY_FID || fid == RMI_DATA_DESTROY_FID ||
		fid == RMI_RTT_UNMAP_UNPROTECTED_FID);
}

int rmi_log_format(char *buf, size_t len, const struct smc_regs *in, const struct smc_regs *out)
{
	return rmi_log_format_abi(buf, len, RMI_ABI_VERSION, in, out);
}

int rmi_log_format_abi(char *buf, size_t len, uint64_t abi, const struct smc_regs *in,
		       const struct smc_regs *out)
{
	bool v2 = rmi_log_is_v2(abi);
	uint64_t fid = in->x[0] & ~SMCCC_SVE_HINT;
	const struct rmi_log_cmd *c = rmi_log_cmd(abi, fid);
	unsigned status = (unsigned)(out->x[0] & 0xFFU);
	unsigned index = (unsigned)((out->x[0] >> 8) & 0xFFU);
	const char *const *names = v2 ? rmi2_log_status : rmi_log_status;
	size_t num_status = v2 ? RMI2_LOG_NUM_STATUS : RMI_LOG_NUM_STATUS;
	size_t pos = 0;

	if (len != 0U) {
		buf[0] = '\0';
	}
	if (c == NULL) {
		/* Unallocated FID: TF-RMM does not log it; we show FID and raw X0. */
		log_append(buf, len, &pos, "SMC_RMI_%-21s %llx > %llx", "UNKNOWN",
			   (unsigned long long)in->x[0], (unsigned long long)out->x[0]);
		return (int)pos;
	}
	log_append(buf, len, &pos, "SMC_RMI_%-21s", c->name);
	for (unsigned i = 1; i <= c->num_in; i++) {
		log_append(buf, len, &pos, " %llx", (unsigned long long)in->x[i]);
	}
	if (c->raw || status >= num_status || (out->x[0] >> 16) != 0U) {
		/* Not a packed RmiCommandReturnCode (e.g. SMC_UNKNOWN): raw X0. */
		log_append(buf, len, &pos, " > %llx", (unsigned long long)out->x[0]);
		return (int)pos;
	}
	log_append(buf, len, &pos, " > %s", names[status]);
	if (status == RMI_ERROR_RTT || (v2 && status == RMI2_INCOMPLETE) ||
	    (fid == RMI_REC_ENTER_FID && status == RMI_ERROR_REALM)) {
		log_append(buf, len, &pos, " %x", index);
	}
	if (rmi_log_has_outputs(v2, fid, status)) {
		for (unsigned i = 1; i <= c->num_out; i++) {
			log_append(buf, len, &pos, " %llx", (unsigned long long)out->x[i]);
		}
	}
	return (int)pos;
}
