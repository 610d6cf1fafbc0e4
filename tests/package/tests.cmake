# Packaging tests: the library as its users consume it. Included from
# tests/CMakeLists.txt when SMTP_REPLY_TEST_PACKAGING is ON; each test runs
# tests/package/package_test.cmake with one STEP, in fresh directories under
# <build>/tests/package/<step>.
#
#   package.install            tests, examples, benchmarks OFF (the build the
#                              vcpkg port and the Conan recipe run): no
#                              doctest/benchmark lookup, installs exactly the
#                              headers, the CMake package and the .pc; the
#                              installed tree is then MOVED elsewhere
#   package.find_package       find_package(smtp_reply 0.1 CONFIG REQUIRED)
#                              consumer against the moved tree
#   package.version_rules      the version file: 0.1 / 0.1.0 EXACT accepted,
#                              0.2 / 1.0 rejected, 32-bit consumer accepted
#   package.pkg_config         pkg-config --cflags smtp_reply against the moved
#                              tree, then a one-file consumer compiled with it
#   package.conan_test_package packaging/conan/test_package built against the
#                              moved tree (as CMakeDeps would provide it)
#   package.add_subdirectory   add_subdirectory consumer: one target, no test,
#   package.fetchcontent       example or benchmark target, no dependency
#                              lookup; same through FetchContent (local path)
#   package.vcpkg_port         portfile.cmake run with stand-ins for the vcpkg
#                              helpers that run the same CMake commands
#   package.versions           version.hpp, CMakeLists.txt, vcpkg.json files,
#                              CHANGELOG.md agree
#   package.conan_recipe       conanfile.py files compile and declare the
#                              names (Python's ast; Conan itself is absent)
#   package.json_syntax        vcpkg.json files and CMakePresets.json parse
find_package(PkgConfig REQUIRED)
find_package(Python3 REQUIRED COMPONENTS Interpreter)

set(pkg_dir ${CMAKE_CURRENT_LIST_DIR})
set(pkg_work ${CMAKE_CURRENT_BINARY_DIR}/package)

set(consumer_flags "")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  # What a careful consumer builds with: our headers must not warn there.
  set(consumer_flags "-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror")
endif()

function(smtp_reply_package_test step)
  add_test(NAME package.${step}
    COMMAND ${CMAKE_COMMAND}
      -DSTEP=${step}
      "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
      "-DWORK_DIR=${pkg_work}"
      "-DVERSION=${PROJECT_VERSION}"
      "-DGENERATOR=${CMAKE_GENERATOR}"
      "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
      "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
      "-DCONSUMER_FLAGS=${consumer_flags}"
      "-DPKG_CONFIG=${PKG_CONFIG_EXECUTABLE}"
      "-DPYTHON=${Python3_EXECUTABLE}"
      -P ${pkg_dir}/package_test.cmake)
  set_tests_properties(package.${step} PROPERTIES TIMEOUT 300 ${ARGN})
endfunction()

smtp_reply_package_test(install FIXTURES_SETUP smtp_reply_installed)
foreach(step find_package version_rules pkg_config conan_test_package)
  smtp_reply_package_test(${step} FIXTURES_REQUIRED smtp_reply_installed)
endforeach()
foreach(step add_subdirectory fetchcontent vcpkg_port versions conan_recipe json_syntax)
  smtp_reply_package_test(${step})
endforeach()
