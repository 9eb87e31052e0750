/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB */
#include "smc_dispatch.h"
