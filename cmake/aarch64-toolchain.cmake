# SPDX-License-Identifier: BSD-3-Clause
# Toolchain file for a project of rmmsim payloads only:
#   cmake -S payloads -B b -DCMAKE_TOOLCHAIN_FILE=<prefix>/share/rmmsim/sdk/aarch64-toolchain.cmake
# Bare-metal AArch64 with Debian's gcc-aarch64-linux-gnu (override with
# -DRMMSIM_CROSS_PREFIX=...). rmmsim_add_host_payload() and
# rmmsim_add_realm_payload() then use this compiler.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
if(NOT RMMSIM_CROSS_PREFIX)
  set(RMMSIM_CROSS_PREFIX aarch64-linux-gnu-)
endif()
set(CMAKE_C_COMPILER ${RMMSIM_CROSS_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${RMMSIM_CROSS_PREFIX}gcc)
set(CMAKE_OBJCOPY ${RMMSIM_CROSS_PREFIX}objcopy)
# Bare metal: no C library to link a test executable against.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT "-ffreestanding -mgeneral-regs-only -mstrict-align")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE NEVER)
