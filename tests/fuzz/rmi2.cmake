# SPDX-License-Identifier: BSD-3-Clause
# fuzz_rmi2 (docs/fuzzing.md "fuzz_rmi2"): RMI 2.0 sequences on the fake
# platform with the invariant checker after every call. The reproducer and
# its seed test in normal builds; the libFuzzer target with RMMSIM_FUZZ.
# scripts/fuzz.sh configures with RMMSIM_TESTS=OFF, where tests/ (and so
# the fake platform) is not added: add the fake platform here then.
if(NOT TARGET rmm_fake_plat AND EXISTS ${PROJECT_SOURCE_DIR}/tests/fake/CMakeLists.txt)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tests/fake ${CMAKE_BINARY_DIR}/tests/fake)
endif()
if(NOT TARGET rmm_fake_plat)
  return()
endif()
set(F2_DIR ${PROJECT_SOURCE_DIR}/tests/fuzz)
add_library(fuzz_rmi2_core STATIC ${F2_DIR}/fz2_exec.c)
target_include_directories(fuzz_rmi2_core PUBLIC ${F2_DIR} PRIVATE ${PROJECT_SOURCE_DIR}/rmm/src)
target_compile_options(fuzz_rmi2_core PRIVATE ${FUZZ_OPT} ${FUZZ_INSTR} ${FUZZ_SAN})
target_link_libraries(fuzz_rmi2_core PUBLIC rmm_fake_plat rmm gpt den0137 PRIVATE rmmsim_warnings)
add_executable(fuzz_rmi2_reproduce ${F2_DIR}/fuzz_rmi2_reproduce.c ${F2_DIR}/fz_reproduce.c)
target_compile_options(fuzz_rmi2_reproduce PRIVATE ${FUZZ_SAN})
target_link_libraries(fuzz_rmi2_reproduce PRIVATE fuzz_rmi2_core rmmsim_warnings)
target_link_options(fuzz_rmi2_reproduce PRIVATE ${FUZZ_SAN})
if(RMMSIM_TESTS)
  add_test(NAME fuzz_rmi2_seeds COMMAND fuzz_rmi2_reproduce -q ${F2_DIR}/corpus_rmi2)
  # `scripts/fuzz.sh ci` covers fuzz_rmi2: its seeds, a libFuzzer run and
  # (with AFL++) an AFL++ run are in the ci plan (nothing is run here).
  add_test(NAME fuzz_ci_plan_covers_rmi2
    COMMAND sh -c "plan=$(\"$1\" ci-plan) && echo \"$plan\" | grep -q '^seeds rmi2 ' && echo \"$plan\" | grep -q '^libfuzzer rmi2 [1-9]' && { ! command -v afl-fuzz >/dev/null || echo \"$plan\" | grep -q '^afl rmi2 [1-9]'; }"
            sh ${PROJECT_SOURCE_DIR}/scripts/fuzz.sh)
endif()
if(RMMSIM_FUZZ AND DEFINED FUZZ_ENGINE_LIST)
  add_executable(fuzz_rmi2 ${F2_DIR}/fuzz_rmi2.c)
  target_compile_options(fuzz_rmi2 PRIVATE ${FUZZ_INSTR} ${FUZZ_SAN})
  target_link_libraries(fuzz_rmi2 PRIVATE fuzz_rmi2_core rmmsim_warnings)
  target_link_options(fuzz_rmi2 PRIVATE ${FUZZ_ENGINE_LIST} ${FUZZ_SAN})
endif()
