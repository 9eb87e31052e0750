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
 */
#include <stdarg.h>
#include <stdio.h>

#include "den0137_abi.h"
#include "platform.h"

#define RMI_LOG_FNUM(fid) ((unsigned)((fid) & 0xFFFFU) - 0x150U)
#define RMI_LOG_FNUM_COUNT 0x40U /* 0x150..0x18F */
#define SMCCC_SVE_HINT (1ULL << 16)

struct rmi_log_cmd {
	const char *name;
	unsigned num_in;
	unsigned num_out;
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

static const struct rmi_log_cmd *rmi_log_cmd(uint64_t fid)
{
	fid &= ~SMCCC_SVE_HINT;
	if (fid < RMI_VERSION_FID || fid >= RMI_VERSION_FID + RMI_LOG_FNUM_COUNT) {
		return NULL;
	}
	if (rmi_log_cmds[RMI_LOG_FNUM(fid)].name == NULL) {
		return NULL;
	}
	return &rmi_log_cmds[RMI_LOG_FNUM(fid)];
}

const char *rmi_log_name(uint64_t fid)
{
	const struct rmi_log_cmd *c = rmi_log_cmd(fid);

	return c != NULL ? c->name : NULL;
}

/* Outputs are valid on SUCCESS, and on ERROR_RTT for the commands returning `top`. */
static bool rmi_log_has_outputs(uint64_t fid, unsigned status)
{
	if (status == RMI_SUCCESS) {
		return true;
	}
	return status == RMI_ERROR_RTT &&
	       (fid == RMI_RTT_DESTROY_FID || fid == RMI_DATA_DESTROY_FID ||
		fid == RMI_RTT_UNMAP_UNPROTECTED_FID);
}

int rmi_log_format(char *buf, size_t len, const struct smc_regs *in, const struct smc_regs *out)
{
	uint64_t fid = in->x[0] & ~SMCCC_SVE_HINT;
	const struct rmi_log_cmd *c = rmi_log_cmd(fid);
	unsigned status = (unsigned)(out->x[0] & 0xFFU);
	unsigned index = (unsigned)((out->x[0] >> 8) & 0xFFU);
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
	if (status >= RMI_LOG_NUM_STATUS || (out->x[0] >> 16) != 0U) {
		/* Not a packed RmiCommandReturnCode (e.g. SMC_UNKNOWN): raw X0. */
		log_append(buf, len, &pos, " > %llx", (unsigned long long)out->x[0]);
		return (int)pos;
	}
	log_append(buf, len, &pos, " > %s", rmi_log_status[status]);
	if (status == RMI_ERROR_RTT || (fid == RMI_REC_ENTER_FID && status == RMI_ERROR_REALM)) {
		log_append(buf, len, &pos, " %x", index);
	}
	if (rmi_log_has_outputs(fid, status)) {
		for (unsigned i = 1; i <= c->num_out; i++) {
			log_append(buf, len, &pos, " %llx", (unsigned long long)out->x[i]);
		}
	}
	return (int)pos;
}
