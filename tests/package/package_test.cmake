# One packaging test step (see tests.cmake for the list):
#   cmake -DSTEP=<step> -DSOURCE_DIR=<repo> -DWORK_DIR=<scratch> -DVERSION=x.y.z
#         [-DGENERATOR=..] [-DMAKE_PROGRAM=..] [-DCXX_COMPILER=..]
#         [-DCONSUMER_FLAGS=..] [-DPKG_CONFIG=..] [-DPYTHON=..]
#         -P package_test.cmake
cmake_minimum_required(VERSION 3.16)
foreach(var STEP SOURCE_DIR WORK_DIR VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "package_test.cmake: -D${var}=... is required")
  endif()
endforeach()
set(pkg_dir ${CMAKE_CURRENT_LIST_DIR})
set(stage ${WORK_DIR}/install/stage)        # where package.install installs
set(moved ${WORK_DIR}/install/moved/prefix) # where it moves the tree to
set(step_dir ${WORK_DIR}/${STEP})

include(${pkg_dir}/check_manifest.cmake)

function(run what)
  string(REPLACE ";" " " shown "${ARGN}")
  message(STATUS "${what}: ${shown}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}): ${shown}")
  endif()
endfunction()

# Configure arguments shared by every nested project: same generator and
# compiler as the outer build, Release, executables in <build>/bin, and (CMake
# 3.24+) a dependency provider that fails on any find_package() or
# FetchContent_MakeAvailable() of anything but smtp_reply itself.
set(common_args -DCMAKE_BUILD_TYPE=Release)
if(GENERATOR)
  list(APPEND common_args -G "${GENERATOR}")
endif()
if(MAKE_PROGRAM)
  list(APPEND common_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_COMPILER)
  list(APPEND common_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(NOT CMAKE_VERSION VERSION_LESS 3.24)
  list(APPEND common_args "-DCMAKE_PROJECT_TOP_LEVEL_INCLUDES=${pkg_dir}/forbid_dependencies.cmake")
endif()

# Neither test framework may have been looked up, even where no provider
# could watch: find_package(X) always leaves X_DIR in the cache.
function(check_no_lookups build_dir)
  file(STRINGS ${build_dir}/CMakeCache.txt lookups REGEX "^(doctest|benchmark)_DIR:")
  if(lookups)
    message(FATAL_ERROR "find_package() of a development dependency in ${build_dir}: ${lookups}")
  endif()
endfunction()

# Configures, builds and runs the consumer project in `project_dir`.
function(consume project_dir)
  set(build ${step_dir}/build)
  file(REMOVE_RECURSE ${step_dir})
  run(configure ${CMAKE_COMMAND} -S ${project_dir} -B ${build} ${common_args}
      "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS}"
      "-DCMAKE_RUNTIME_OUTPUT_DIRECTORY_RELEASE=${build}/bin" ${ARGN})
  check_no_lookups(${build})
  run(build ${CMAKE_COMMAND} --build ${build} --config Release)
  file(GLOB programs ${build}/bin/*)
  if(NOT programs)
    message(FATAL_ERROR "no program was built in ${build}/bin")
  endif()
  foreach(program IN LISTS programs)
    run(run ${program})
  endforeach()
endfunction()

# Fails if `prefix` is absent: package.install sets it up (ctest fixture).
function(require_moved_tree)
  if(NOT EXISTS ${moved}/include/smtp_reply/version.hpp)
    message(FATAL_ERROR "no installed tree at ${moved}: run package.install first")
  endif()
  if(EXISTS ${stage})
    message(FATAL_ERROR "${stage} still exists: the tree was not moved")
  endif()
endfunction()

if(STEP STREQUAL "install")
  # The build a package manager runs: tests, examples, benchmarks off.
  set(build ${step_dir}/build)
  file(REMOVE_RECURSE ${step_dir})
  run(configure ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${build} ${common_args}
      -DSMTP_REPLY_BUILD_TESTS=OFF -DSMTP_REPLY_BUILD_EXAMPLES=OFF
      -DSMTP_REPLY_BUILD_BENCHMARKS=OFF -DSMTP_REPLY_INSTALL=ON
      "-DCMAKE_INSTALL_PREFIX=${stage}")
  check_no_lookups(${build})
  run(build ${CMAKE_COMMAND} --build ${build} --config Release)
  run(install ${CMAKE_COMMAND} --install ${build} --config Release)
  smtp_reply_check_manifest(${build}/install_manifest.txt ${stage} ${SOURCE_DIR}
                            share/cmake/smtp_reply share/pkgconfig)
  # Move the tree; nothing may still point at where it was installed.
  get_filename_component(moved_parent ${moved} DIRECTORY)
  file(MAKE_DIRECTORY ${moved_parent})
  file(RENAME ${stage} ${moved})
  file(GLOB_RECURSE installed LIST_DIRECTORIES false ${moved}/*)
  foreach(file IN LISTS installed)
    file(READ ${file} content)
    string(FIND "${content}" "${stage}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${file} names the install prefix ${stage}: not relocatable")
    endif()
  endforeach()
  message(STATUS "installed, checked and moved to ${moved}")

elseif(STEP STREQUAL "find_package")
  require_moved_tree()
  consume(${pkg_dir}/find_package_consumer
          "-DCMAKE_PREFIX_PATH=${moved}" "-DSMTP_REPLY_EXPECTED_PREFIX=${moved}")

elseif(STEP STREQUAL "version_rules")
  require_moved_tree()
  file(REMOVE_RECURSE ${step_dir})
  run(configure ${CMAKE_COMMAND} -S ${pkg_dir}/version_consumer -B ${step_dir}/build
      ${common_args} "-DCMAKE_PREFIX_PATH=${moved}" "-DSMTP_REPLY_EXPECTED_VERSION=${VERSION}")

elseif(STEP STREQUAL "pkg_config")
  require_moved_tree()
  if(NOT PKG_CONFIG OR NOT CXX_COMPILER)
    message(FATAL_ERROR "-DPKG_CONFIG=... and -DCXX_COMPILER=... are required")
  endif()
  set(ENV{PKG_CONFIG_PATH} ${moved}/share/pkgconfig)
  unset(ENV{PKG_CONFIG_SYSROOT_DIR})
  execute_process(COMMAND ${PKG_CONFIG} --modversion smtp_reply
                  OUTPUT_VARIABLE modversion OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT modversion STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config --modversion smtp_reply: '${modversion}' (${rc}), expected ${VERSION}")
  endif()
  execute_process(COMMAND ${PKG_CONFIG} --cflags smtp_reply
                  OUTPUT_VARIABLE cflags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags smtp_reply failed (${rc})")
  endif()
  message(STATUS "pkg-config --cflags smtp_reply: ${cflags}")
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  set(found_include FALSE)
  foreach(flag IN LISTS cflags)
    if(flag MATCHES "^-I(.+)$")
      get_filename_component(dir "${CMAKE_MATCH_1}" REALPATH)
      get_filename_component(want "${moved}/include" REALPATH)
      if(dir STREQUAL want)
        set(found_include TRUE)
      endif()
    endif()
  endforeach()
  if(NOT found_include)
    message(FATAL_ERROR "pkg-config --cflags smtp_reply does not point at ${moved}/include")
  endif()
  separate_arguments(warnings UNIX_COMMAND "${CONSUMER_FLAGS}")
  file(REMOVE_RECURSE ${step_dir})
  file(MAKE_DIRECTORY ${step_dir})
  # A plain compiler command, as a Makefile user would write it.
  run(compile ${CXX_COMPILER} -std=c++17 ${warnings} ${cflags}
      ${pkg_dir}/consumer.cpp -o ${step_dir}/consumer)
  run(run ${step_dir}/consumer)

elseif(STEP STREQUAL "conan_test_package")
  require_moved_tree()
  consume(${SOURCE_DIR}/packaging/conan/test_package "-DCMAKE_PREFIX_PATH=${moved}")

elseif(STEP STREQUAL "add_subdirectory" OR STEP STREQUAL "fetchcontent")
  consume(${pkg_dir}/${STEP}_consumer "-DSMTP_REPLY_SOURCE_DIR=${SOURCE_DIR}")

elseif(STEP STREQUAL "vcpkg_port")
  file(REMOVE_RECURSE ${step_dir})
  include(${pkg_dir}/vcpkg_emulation.cmake)

elseif(STEP STREQUAL "versions")
  include(${pkg_dir}/check_versions.cmake)

elseif(STEP STREQUAL "conan_recipe")
  if(NOT PYTHON)
    message(FATAL_ERROR "-DPYTHON=... is required")
  endif()
  run(check ${PYTHON} ${pkg_dir}/check_conanfile.py
      ${SOURCE_DIR}/packaging/conan/conanfile.py
      ${SOURCE_DIR}/packaging/conan/test_package/conanfile.py)

elseif(STEP STREQUAL "json_syntax")
  if(NOT PYTHON)
    message(FATAL_ERROR "-DPYTHON=... is required")
  endif()
  foreach(json vcpkg.json packaging/vcpkg/ports/smtp-reply/vcpkg.json CMakePresets.json)
    execute_process(COMMAND ${PYTHON} -m json.tool ${SOURCE_DIR}/${json}
                    OUTPUT_QUIET RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${json} is not valid JSON")
    endif()
    message(STATUS "${json}: valid JSON")
  endforeach()

else()
  message(FATAL_ERROR "package_test.cmake: unknown STEP '${STEP}'")
endif()
