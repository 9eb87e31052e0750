/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm agent's mailbox protocol (realm_agent.S): offsets in the NS
 * mailbox page, as u64 word indexes. See realm_agent.S for the loop.
 */
#ifndef REALM_AGENT_H
#define REALM_AGENT_H

#include "realm_agent_image.h"

#define AGENT_OP_SMC 0U
#define AGENT_OP_LOAD 1U
#define AGENT_OP_STORE 2U
#define AGENT_OP_FETCH 3U

#define AGENT_W_OP 0U        /* op */
#define AGENT_W_ARG 1U       /* x0..x10 (SMC) or address, value */
#define AGENT_W_RES 16U      /* x0..x7 after the SMC, or the value loaded */
#define AGENT_W_ESR 24U      /* ESR_EL1 of the last exception taken */
#define AGENT_W_FAR 25U      /* FAR_EL1 of it */
#define AGENT_W_EXC 26U      /* exceptions taken so far */

/* Offset of the first instruction; the image is 4 KiB, vectors at 0x800. */
#define AGENT_ENTRY_OFFSET 0U
#define AGENT_IMAGE_SIZE 4096U

#endif /* REALM_AGENT_H */
