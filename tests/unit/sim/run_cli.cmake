# SPDX-License-Identifier: BSD-3-Clause
# cmake -DRMMSIM=path -DARGS="a;b" -DEXPECT_RC=n [-DEXPECT_OUT=s] [-DEXPECT_ERR=s] -P run_cli.cmake
execute_process(COMMAND ${RMMSIM} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "rmmsim ${ARGS}: exit ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECT_OUT AND NOT out MATCHES "${EXPECT_OUT}")
  message(FATAL_ERROR "rmmsim ${ARGS}: stdout lacks '${EXPECT_OUT}':\n${out}")
endif()
if(DEFINED EXPECT_ERR AND NOT err MATCHES "${EXPECT_ERR}")
  message(FATAL_ERROR "rmmsim ${ARGS}: stderr lacks '${EXPECT_ERR}':\n${err}")
endif()
message(STATUS "rmmsim ${ARGS}: exit ${rc} as expected")
