/* SPDX-License-Identifier: BSD-3-Clause */
/* STUB */
#include "gpt.h"
