# SPDX-License-Identifier: BSD-3-Clause
# The native realm drivers, one definition for every user: realm_host
# (builds and runs realm payloads through the rmmsim API, realm_host.h) and
# agent_host (drives the realm agent, tests/realm/agent/agent_host.h). The
# conformance suite, the fuzz harness (RMMSIM_TESTS=OFF), the benchmarks and
# the tests link them; included by the top-level CMakeLists.txt before
# tests/conformance.
set(RH_DRIVER_DIR ${CMAKE_CURRENT_LIST_DIR})
set(AGENT_DRIVER_DIR ${PROJECT_SOURCE_DIR}/tests/realm/agent)

add_library(realm_host STATIC ${RH_DRIVER_DIR}/rh_image.c ${RH_DRIVER_DIR}/rh_build.c
  ${RH_DRIVER_DIR}/rh_run.c ${RH_DRIVER_DIR}/rh_teardown.c ${RH_DRIVER_DIR}/rh_v2.c)
target_include_directories(realm_host PUBLIC ${RH_DRIVER_DIR} ${PROJECT_SOURCE_DIR}/tests/realm/sdk)
target_link_libraries(realm_host PUBLIC sim_platform den0137 PRIVATE den0137_2 rmmsim_warnings)

add_library(agent_host STATIC ${AGENT_DRIVER_DIR}/agent_host.c)
target_include_directories(agent_host PUBLIC ${AGENT_DRIVER_DIR})
target_link_libraries(agent_host PUBLIC realm_host PRIVATE rmmsim_warnings)
