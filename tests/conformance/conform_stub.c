/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB */
#include "rmmsim.h"
