# cppcheck over the given sources (a ctest test, tests/hardening/CMakeLists.txt):
#   cmake -DCPPCHECK=path -DSTANDARD=17 -DSOURCE_DIR=repo -DSOURCES=a|b|c
#         -P run_cppcheck.cmake
# Two runs, one per configuration: g++ on x86-64 Linux (what CI builds), and
# an unknown compiler (the portable fallbacks of detail/config.hpp and
# detail/scan.hpp). Checking every #if combination instead takes minutes.
# Findings fail the test; a justified exception is an inline
# `// cppcheck-suppress id` comment at the line, with its reason.
cmake_minimum_required(VERSION 3.16)
string(REPLACE "|" ";" sources "${SOURCES}")
set(common
  --enable=warning,performance,portability --error-exitcode=1 --inline-suppr --quiet
  --std=c++${STANDARD} --language=c++ -j2
  -I${SOURCE_DIR}/include -I${SOURCE_DIR}/examples/cli)
set(configurations
  "-D__cplusplus=201703L|-D__GNUC__=12|-D__GNUC_MINOR__=2|-D__linux__=1|-D__x86_64__=1|-D__SSE2__=1|-D__BYTE_ORDER__=1234|-D__ORDER_LITTLE_ENDIAN__=1234"
  "-D__cplusplus=201703L")
set(failed "")
foreach(configuration IN LISTS configurations)
  string(REPLACE "|" ";" defines "${configuration}")
  message(STATUS "cppcheck ${defines}")
  execute_process(COMMAND ${CPPCHECK} ${common} ${defines} ${sources}
                  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    list(APPEND failed "${configuration}")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "cppcheck found problems (configurations: ${failed})")
endif()
