# SPDX-License-Identifier: BSD-3-Clause
# fuzz_mmu (docs/fuzzing.md "fuzz_mmu"): mmu_translate against the reference
# walk of tests/mmu_ref. Included twice, guarded: from tests/CMakeLists.txt
# (normal builds: the reproducer and its seed test) and from
# tests/fuzz/CMakeLists.txt (RMMSIM_FUZZ=ON: also the libFuzzer target, with
# FUZZ_INSTR/FUZZ_SAN). Nothing is defined until sim/src/mmu exists.
if(NOT TARGET sim_mmu)
  return()
endif()
set(FM_DIR ${PROJECT_SOURCE_DIR}/tests/fuzz)
if(NOT TARGET mmu_ref)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tests/mmu_ref ${CMAKE_BINARY_DIR}/tests/mmu_ref)
endif()

if(NOT TARGET fuzz_mmu_reproduce)
  add_executable(fuzz_mmu_reproduce ${FM_DIR}/fuzz_mmu_reproduce.c ${FM_DIR}/fm_exec.c
    ${FM_DIR}/fz_reproduce.c)
  target_include_directories(fuzz_mmu_reproduce PRIVATE ${FM_DIR})
  target_compile_options(fuzz_mmu_reproduce PRIVATE ${FUZZ_SAN})
  target_link_libraries(fuzz_mmu_reproduce PRIVATE mmu_ref sim_mmu rmmsim_warnings)
  target_link_options(fuzz_mmu_reproduce PRIVATE ${FUZZ_SAN})
  if(RMMSIM_TESTS)
    add_test(NAME fuzz_mmu_seeds COMMAND fuzz_mmu_reproduce -q ${FM_DIR}/corpus_mmu)
  endif()
endif()

if(RMMSIM_FUZZ AND DEFINED FUZZ_ENGINE_LIST AND NOT TARGET fuzz_mmu)
  foreach(t sim_mmu mmu_ref)
    target_compile_options(${t} PRIVATE ${FUZZ_INSTR} ${FUZZ_SAN})
  endforeach()
  add_executable(fuzz_mmu ${FM_DIR}/fuzz_mmu.c ${FM_DIR}/fm_exec.c)
  target_include_directories(fuzz_mmu PRIVATE ${FM_DIR})
  target_compile_options(fuzz_mmu PRIVATE ${FUZZ_INSTR} ${FUZZ_SAN})
  target_link_libraries(fuzz_mmu PRIVATE mmu_ref sim_mmu rmmsim_warnings)
  target_link_options(fuzz_mmu PRIVATE ${FUZZ_ENGINE_LIST} ${FUZZ_SAN})
endif()
