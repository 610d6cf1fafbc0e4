# package.vcpkg_port: runs packaging/vcpkg/ports/smtp-reply/portfile.cmake the
# way vcpkg would, with stand-ins for the vcpkg helpers it calls (vcpkg cannot
# be installed on the test machines). Included by package_test.cmake, which
# provides SOURCE_DIR, step_dir, common_args, run(), check_no_lookups() and
# smtp_reply_check_manifest().
#
# The stand-ins check their arguments as the real helpers would use them and
# run the same CMake commands (configure with the port's OPTIONS, build,
# install to the package directory); an unknown helper fails the test. They do
# not reproduce vcpkg's path rewriting or post-build lint: that needs vcpkg.
set(port_dir ${SOURCE_DIR}/packaging/vcpkg/ports/smtp-reply)
file(READ ${port_dir}/vcpkg.json manifest)
if(NOT manifest MATCHES "\"name\": *\"smtp-reply\"")
  message(FATAL_ERROR "${port_dir}/vcpkg.json: the port is not named smtp-reply")
endif()
if(NOT manifest MATCHES "\"version\": *\"([^\"]+)\"")
  message(FATAL_ERROR "${port_dir}/vcpkg.json: no \"version\"")
endif()

# What vcpkg defines for a portfile.
set(PORT smtp-reply)
set(VERSION ${CMAKE_MATCH_1})
set(TARGET_TRIPLET x64-linux)
set(CURRENT_PACKAGES_DIR ${step_dir}/packages/${PORT}_${TARGET_TRIPLET})
set(CURRENT_BUILDTREES_DIR ${step_dir}/buildtrees/${PORT})
set(VCPKG_TARGET_IS_LINUX ON)
set(VCPKG_LIBRARY_LINKAGE static)
set(VCPKG_CRT_LINKAGE dynamic)
set(vcpkg_calls "")

macro(vcpkg_stub_called name)
  list(APPEND vcpkg_calls ${name})
  set(vcpkg_calls ${vcpkg_calls} PARENT_SCOPE)
  message(STATUS "vcpkg stand-in: ${name}")
endmacro()

function(vcpkg_from_github)
  vcpkg_stub_called(vcpkg_from_github)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "OUT_SOURCE_PATH;REPO;REF;SHA512;HEAD_REF" "PATCHES")
  foreach(required OUT_SOURCE_PATH REPO REF SHA512)
    if(NOT DEFINED arg_${required})
      message(FATAL_ERROR "vcpkg_from_github: no ${required}")
    endif()
  endforeach()
  if(NOT arg_REF MATCHES "${VERSION}")
    message(FATAL_ERROR "vcpkg_from_github: REF '${arg_REF}' does not name version ${VERSION}")
  endif()
  if(arg_REPO MATCHES "OWNER" OR arg_SHA512 STREQUAL "0")
    message(STATUS "  note: REPO/SHA512 are release placeholders (${arg_REPO}, ${arg_SHA512})")
  endif()
  # Instead of downloading the tagged tarball: this source tree.
  set(${arg_OUT_SOURCE_PATH} ${SOURCE_DIR} PARENT_SCOPE)
endfunction()

function(vcpkg_cmake_configure)
  vcpkg_stub_called(vcpkg_cmake_configure)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "SOURCE_PATH" "OPTIONS;OPTIONS_RELEASE;OPTIONS_DEBUG")
  if(NOT EXISTS "${arg_SOURCE_PATH}/CMakeLists.txt")
    message(FATAL_ERROR "vcpkg_cmake_configure: no CMakeLists.txt in SOURCE_PATH '${arg_SOURCE_PATH}'")
  endif()
  if(NOT VCPKG_BUILD_TYPE STREQUAL "release")
    message(FATAL_ERROR "a header-only port sets VCPKG_BUILD_TYPE to release")
  endif()
  foreach(option TESTS EXAMPLES BENCHMARKS)
    if(NOT "-DSMTP_REPLY_BUILD_${option}=OFF" IN_LIST arg_OPTIONS)
      message(FATAL_ERROR "vcpkg_cmake_configure: OPTIONS lack -DSMTP_REPLY_BUILD_${option}=OFF")
    endif()
  endforeach()
  set(build ${CURRENT_BUILDTREES_DIR}/${TARGET_TRIPLET}-rel)
  # Roughly what vcpkg_cmake_configure passes, minus its toolchain file.
  run(configure ${CMAKE_COMMAND} -S ${arg_SOURCE_PATH} -B ${build} ${common_args}
      "-DCMAKE_INSTALL_PREFIX=${CURRENT_PACKAGES_DIR}"
      -DFETCHCONTENT_FULLY_DISCONNECTED=ON
      -DCMAKE_EXPORT_NO_PACKAGE_REGISTRY=ON
      -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
      -DCMAKE_INSTALL_BINDIR=bin -DCMAKE_INSTALL_LIBDIR=lib
      ${arg_OPTIONS} ${arg_OPTIONS_RELEASE})
  check_no_lookups(${build})
endfunction()

function(vcpkg_cmake_install)
  vcpkg_stub_called(vcpkg_cmake_install)
  set(build ${CURRENT_BUILDTREES_DIR}/${TARGET_TRIPLET}-rel)
  run(install ${CMAKE_COMMAND} --build ${build} --config Release --target install)
  smtp_reply_check_manifest(${build}/install_manifest.txt ${CURRENT_PACKAGES_DIR} ${SOURCE_DIR}
                            share/cmake/smtp_reply share/pkgconfig)
endfunction()

function(vcpkg_cmake_config_fixup)
  vcpkg_stub_called(vcpkg_cmake_config_fixup)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "PACKAGE_NAME;CONFIG_PATH" "")
  if(NOT arg_PACKAGE_NAME STREQUAL "smtp_reply")
    message(FATAL_ERROR "vcpkg_cmake_config_fixup: PACKAGE_NAME '${arg_PACKAGE_NAME}', expected smtp_reply")
  endif()
  if(NOT EXISTS ${CURRENT_PACKAGES_DIR}/${arg_CONFIG_PATH}/smtp_replyConfig.cmake)
    message(FATAL_ERROR "vcpkg_cmake_config_fixup: no smtp_replyConfig.cmake in CONFIG_PATH '${arg_CONFIG_PATH}'")
  endif()
endfunction()

function(vcpkg_fixup_pkgconfig)
  vcpkg_stub_called(vcpkg_fixup_pkgconfig)
  file(GLOB pc_files ${CURRENT_PACKAGES_DIR}/share/pkgconfig/*.pc ${CURRENT_PACKAGES_DIR}/lib/pkgconfig/*.pc)
  if(NOT pc_files)
    message(FATAL_ERROR "vcpkg_fixup_pkgconfig: no .pc file installed")
  endif()
  foreach(pc IN LISTS pc_files)
    file(STRINGS ${pc} libs REGEX "^Libs")
    if(pc MATCHES "/share/pkgconfig/" AND libs)
      message(FATAL_ERROR "${pc}: a .pc in share/pkgconfig must be architecture-independent (no Libs)")
    endif()
  endforeach()
endfunction()

function(vcpkg_install_copyright)
  vcpkg_stub_called(vcpkg_install_copyright)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "" "FILE_LIST")
  if(NOT arg_FILE_LIST)
    message(FATAL_ERROR "vcpkg_install_copyright: no FILE_LIST")
  endif()
  foreach(file IN LISTS arg_FILE_LIST)
    if(NOT EXISTS ${file})
      message(FATAL_ERROR "vcpkg_install_copyright: ${file} does not exist")
    endif()
  endforeach()
  file(MAKE_DIRECTORY ${CURRENT_PACKAGES_DIR}/share/${PORT})
  file(COPY ${arg_FILE_LIST} DESTINATION ${CURRENT_PACKAGES_DIR}/share/${PORT})
endfunction()

include(${port_dir}/portfile.cmake)

set(expected_calls vcpkg_from_github vcpkg_cmake_configure vcpkg_cmake_install
    vcpkg_cmake_config_fixup vcpkg_fixup_pkgconfig vcpkg_install_copyright)
if(NOT vcpkg_calls STREQUAL expected_calls)
  message(FATAL_ERROR "portfile.cmake calls '${vcpkg_calls}', expected '${expected_calls}' in that order")
endif()
file(READ ${CURRENT_PACKAGES_DIR}/share/${PORT}/usage usage)
foreach(needed "find_package(smtp_reply CONFIG REQUIRED)" "smtp_reply::smtp_reply")
  string(FIND "${usage}" "${needed}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "usage does not say ${needed}")
  endif()
endforeach()
message(STATUS "portfile.cmake: helpers called in order, tests/examples/benchmarks off, "
               "installs exactly headers + CMake package + .pc, usage and copyright in share/${PORT}")
