# SPDX-License-Identifier: BSD-3-Clause
# AArch64 payloads built with the installed SDKs (docs/sdk.md):
#
#   rmmsim_add_host_payload(NAME SOURCES src... [DEFINES D...] [INCLUDES dir...])
#     NS-EL2 host payload: NAME.elf (linked at 0x80000000) and NAME.bin
#   rmmsim_add_realm_payload(NAME SOURCES src... [DEFINES D...] [INCLUDES dir...])
#     R-EL1 realm payload: NAME.elf (linked at IPA 0x200000) and NAME.bin
#
# Both make a target NAME (in ALL) and set NAME_ELF / NAME_BIN in the caller.
# The cross compiler is RMMSIM_AARCH64_CC: the C compiler of a project
# configured with the SDK's toolchain file (aarch64-toolchain.cmake), else
# aarch64-linux-gnu-gcc from PATH, so a native project (a cmocka test) can
# build its payloads too.
if(NOT RMMSIM_SDK_DIR AND EXISTS "${CMAKE_CURRENT_LIST_DIR}/host/link.ld")
  set(RMMSIM_SDK_DIR "${CMAKE_CURRENT_LIST_DIR}")  # included from share/rmmsim/sdk itself
endif()
if(NOT RMMSIM_SDK_DIR)
  get_filename_component(RMMSIM_SDK_DIR "${CMAKE_CURRENT_LIST_DIR}/../../../share/rmmsim/sdk" ABSOLUTE)
endif()
if(NOT RMMSIM_AARCH64_CC)
  if(CMAKE_CROSSCOMPILING AND CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
    set(RMMSIM_AARCH64_CC ${CMAKE_C_COMPILER})
  else()
    find_program(RMMSIM_AARCH64_CC aarch64-linux-gnu-gcc)
  endif()
endif()
if(NOT RMMSIM_AARCH64_OBJCOPY)
  string(REGEX REPLACE "gcc$" "objcopy" _rmmsim_objcopy_guess "${RMMSIM_AARCH64_CC}")
  find_program(RMMSIM_AARCH64_OBJCOPY NAMES ${_rmmsim_objcopy_guess} aarch64-linux-gnu-objcopy)
endif()

# The flags both SDKs are built with (bare metal, no FP/SIMD registers, no
# unaligned accesses: the MMU is off at first, Device memory rules apply).
set(RMMSIM_PAYLOAD_FLAGS -ffreestanding -nostdlib -nostartfiles -static -mgeneral-regs-only
    -mstrict-align -O2 -g -fno-pie -no-pie -fno-stack-protector
    -fno-tree-loop-distribute-patterns -std=gnu11 -Wall -Wextra
    -Wl,--build-id=none -Wl,--no-warn-rwx-segments)
set(RMMSIM_HOST_SDK_SOURCES ${RMMSIM_SDK_DIR}/host/start.S ${RMMSIM_SDK_DIR}/host/vectors.S
    ${RMMSIM_SDK_DIR}/host/sdk.c)
set(RMMSIM_REALM_SDK_SOURCES ${RMMSIM_SDK_DIR}/realm/start.S ${RMMSIM_SDK_DIR}/realm/vectors.S
    ${RMMSIM_SDK_DIR}/realm/console.c ${RMMSIM_SDK_DIR}/realm/printf.c
    ${RMMSIM_SDK_DIR}/realm/mem.c)

function(_rmmsim_payload kind name)
  cmake_parse_arguments(P "" "" "SOURCES;DEFINES;INCLUDES" ${ARGN})
  if(NOT RMMSIM_AARCH64_CC OR NOT RMMSIM_AARCH64_OBJCOPY)
    message(FATAL_ERROR "rmmsim: no AArch64 cross compiler/objcopy (Debian gcc-aarch64-linux-gnu); "
                        "set RMMSIM_AARCH64_CC or use ${RMMSIM_SDK_DIR}/aarch64-toolchain.cmake")
  endif()
  if(kind STREQUAL "host")
    set(sdk_src ${RMMSIM_HOST_SDK_SOURCES})
  else()
    set(sdk_src ${RMMSIM_REALM_SDK_SOURCES})
  endif()
  set(srcs)
  foreach(s ${P_SOURCES})
    get_filename_component(a ${s} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND srcs ${a})
  endforeach()
  set(flags ${RMMSIM_PAYLOAD_FLAGS} -I${RMMSIM_SDK_DIR}/${kind} -I${RMMSIM_SDK_DIR}/include
      -T ${RMMSIM_SDK_DIR}/${kind}/link.ld)
  foreach(i ${P_INCLUDES})
    get_filename_component(a ${i} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND flags -I${a})
  endforeach()
  foreach(d ${P_DEFINES})
    list(APPEND flags -D${d})
  endforeach()
  set(elf ${CMAKE_CURRENT_BINARY_DIR}/${name}.elf)
  set(bin ${CMAKE_CURRENT_BINARY_DIR}/${name}.bin)
  file(GLOB sdk_hdr ${RMMSIM_SDK_DIR}/${kind}/*.h ${RMMSIM_SDK_DIR}/include/*.h)
  add_custom_command(OUTPUT ${elf}
    COMMAND ${RMMSIM_AARCH64_CC} ${flags} -o ${elf} ${sdk_src} ${srcs}
    DEPENDS ${sdk_src} ${srcs} ${sdk_hdr} ${RMMSIM_SDK_DIR}/${kind}/link.ld
    COMMENT "Building rmmsim ${kind} payload ${name}.elf" VERBATIM)
  add_custom_command(OUTPUT ${bin}
    COMMAND ${RMMSIM_AARCH64_OBJCOPY} -O binary ${elf} ${bin}
    DEPENDS ${elf} VERBATIM)
  add_custom_target(${name} ALL DEPENDS ${elf} ${bin})
  set(${name}_ELF ${elf} PARENT_SCOPE)
  set(${name}_BIN ${bin} PARENT_SCOPE)
endfunction()

function(rmmsim_add_host_payload name)
  _rmmsim_payload(host ${name} ${ARGN})
  set(${name}_ELF ${${name}_ELF} PARENT_SCOPE)
  set(${name}_BIN ${${name}_BIN} PARENT_SCOPE)
endfunction()

function(rmmsim_add_realm_payload name)
  _rmmsim_payload(realm ${name} ${ARGN})
  set(${name}_ELF ${${name}_ELF} PARENT_SCOPE)
  set(${name}_BIN ${${name}_BIN} PARENT_SCOPE)
endfunction()
