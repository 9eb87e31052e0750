# SPDX-License-Identifier: BSD-3-Clause
# librmmsim: the modules of RMMSIM_MODULES (top-level CMakeLists.txt) as one
# shared library (SONAME librmmsim.so.0, exporting only what rmmsim.h marks
# RMMSIM_API) and one static archive, both from the same objects. Included
# at the end of the top-level CMakeLists.txt, when every module exists.
set(rmmsim_objs)
foreach(m ${RMMSIM_MODULES})
  # PIC for the shared library; hidden by default so only RMMSIM_API leaves it.
  set_target_properties(${m} PROPERTIES POSITION_INDEPENDENT_CODE ON
                        C_VISIBILITY_PRESET hidden)
  list(APPEND rmmsim_objs $<TARGET_OBJECTS:${m}>)
endforeach()

add_library(librmmsim SHARED ${rmmsim_objs})
set_target_properties(librmmsim PROPERTIES OUTPUT_NAME rmmsim
  VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
# The modules' own dependencies (Unicorn, mbedTLS, libcbor, libfdt); their
# archives add nothing, every symbol is already in the objects above.
target_link_libraries(librmmsim PRIVATE ${RMMSIM_MODULES})
# Every symbol resolved at link time, except in sanitizer builds: clang leaves
# the ASan/UBSan runtime to the executable (-fsanitize links it there).
if(NOT RMMSIM_SANITIZE AND NOT RMMSIM_FUZZ AND NOT RMMSIM_COVERAGE)
  target_link_options(librmmsim PRIVATE -Wl,--no-undefined)
endif()

add_library(librmmsim_static STATIC ${rmmsim_objs})
set_target_properties(librmmsim_static PROPERTIES OUTPUT_NAME rmmsim)

include(GNUInstallDirs)
install(TARGETS rmmsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The exported API only (RMMSIM_API): the test_library_abi test checks it.
install(TARGETS librmmsim librmmsim_static
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES sim/include/rmmsim.h common/include/rmmsim_types.h
  ${PROJECT_BINARY_DIR}/specs/DEN0137/include/den0137_abi.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rmmsim)

# pkg-config and CMake package. A new private dependency of the library is one
# word in RMMSIM_PRIVATE_LIBS (linker names) or RMMSIM_PRIVATE_PC (pkg-config
# modules, e.g. libcrypto) in the top-level CMakeLists.txt.
list(JOIN RMMSIM_PRIVATE_PC " " RMMSIM_PC_REQUIRES_PRIVATE)
set(RMMSIM_PC_LIBS_PRIVATE "")
foreach(l ${RMMSIM_PRIVATE_LIBS})
  string(APPEND RMMSIM_PC_LIBS_PRIVATE " -l${l}")
endforeach()
# Relocatable: the prefix is found from the .pc file's own place (cmake
# --install --prefix chooses it after configuration).
file(RELATIVE_PATH RMMSIM_PC_UP /x/${CMAKE_INSTALL_LIBDIR}/pkgconfig /x)
string(REGEX REPLACE "/$" "" RMMSIM_PC_UP "${RMMSIM_PC_UP}")
configure_file(cmake/rmmsim.pc.in ${PROJECT_BINARY_DIR}/rmmsim.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/rmmsim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

include(CMakePackageConfigHelpers)
set(RMMSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/rmmsim)
configure_package_config_file(cmake/rmmsimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/rmmsimConfig.cmake INSTALL_DESTINATION ${RMMSIM_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_BINDIR CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rmmsimConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/rmmsimConfig.cmake
  ${PROJECT_BINARY_DIR}/rmmsimConfigVersion.cmake cmake/rmmsimPayloads.cmake
  DESTINATION ${RMMSIM_CMAKE_DIR})

# The payload SDKs (docs/sdk.md): sources, linker scripts, the generated ABI.
set(RMMSIM_SDK_DIR ${CMAKE_INSTALL_DATADIR}/rmmsim/sdk)
# Whole folders: a new SDK source or header is installed without an edit here.
install(DIRECTORY tests/payloads/sdk/ DESTINATION ${RMMSIM_SDK_DIR}/host)
install(DIRECTORY tests/realm/sdk/ DESTINATION ${RMMSIM_SDK_DIR}/realm)
install(FILES ${PROJECT_BINARY_DIR}/specs/DEN0137/include/den0137_abi.h
  DESTINATION ${RMMSIM_SDK_DIR}/include)
install(FILES cmake/aarch64-toolchain.cmake cmake/rmmsimPayloads.cmake DESTINATION ${RMMSIM_SDK_DIR})

# Python tools, installed as commands whose #! names the interpreter that
# has cbor2 and cryptography (RMMSIM_VERIFY_PY: /usr/bin/python3 on Debian),
# not whichever python3 comes first on a user's PATH.
set(rmmsim_tool_py "${RMMSIM_VERIFY_PY}")
if(NOT rmmsim_tool_py)
  set(rmmsim_tool_py "${Python3_EXECUTABLE}")
endif()
foreach(tool verify_token:rmmsim-verify-token rim:rmmsim-rim)
  string(REPLACE ":" ";" tool "${tool}")
  list(GET tool 0 src)
  list(GET tool 1 dst)
  file(READ ${PROJECT_SOURCE_DIR}/scripts/${src}.py body)
  string(REGEX REPLACE "^#![^\n]*" "#!${rmmsim_tool_py}" body "${body}")
  file(WRITE ${PROJECT_BINARY_DIR}/tools/${dst} "${body}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               ${PROJECT_SOURCE_DIR}/scripts/${src}.py)
  install(PROGRAMS ${PROJECT_BINARY_DIR}/tools/${dst} DESTINATION ${CMAKE_INSTALL_BINDIR})
endforeach()

# The man page, generated from the help text of rmmsim itself.
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/rmmsim.1
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/help2man.py $<TARGET_FILE:rmmsim>
          ${PROJECT_VERSION} ${PROJECT_BINARY_DIR}/rmmsim.1
  DEPENDS rmmsim ${PROJECT_SOURCE_DIR}/scripts/help2man.py
  COMMENT "Generating rmmsim.1 from rmmsim --help")
add_custom_target(rmmsim_man ALL DEPENDS ${PROJECT_BINARY_DIR}/rmmsim.1)
install(FILES ${PROJECT_BINARY_DIR}/rmmsim.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES README.md LICENSE docs/sdk.md docs/exit-codes.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})

# A Debian package of the same tree: cpack -G DEB in the build directory.
set(CPACK_PACKAGE_NAME rmmsim)
set(CPACK_PACKAGE_CONTACT "rmmsim developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "User-mode Arm CCA platform: RMM, GPT, EL3, simulator")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "gcc-aarch64-linux-gnu, device-tree-compiler, python3")
# rmmsim-verify-token needs them; the rest of the package does not.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-cbor2, python3-cryptography")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_GENERATOR DEB)
include(CPack)
