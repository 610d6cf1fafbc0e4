# Configures, builds and tests a second build tree of the project:
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... [-DGENERATOR=...] [-DARGS=a|b|c]
#         [-DJOBS=2] [-DCONFIG=Debug] -P nested_build.cmake
# ARGS are configure arguments separated by "|". The tree is kept between runs
# (incremental), and every argument is passed again each time.
cmake_minimum_required(VERSION 3.16)
foreach(var SOURCE_DIR BINARY_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "nested_build.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT DEFINED JOBS)
  set(JOBS 2)
endif()
if(NOT DEFINED CONFIG)
  set(CONFIG Debug)  # for multi-config generators; single-config ones use CMAKE_BUILD_TYPE
endif()
string(REPLACE "|" ";" args "${ARGS}")
if(GENERATOR)
  list(PREPEND args -G "${GENERATOR}")
endif()

function(run what)
  string(REPLACE ";" " " shown "${ARGN}")
  message(STATUS "${what}: ${shown}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc})")
  endif()
endfunction()

# Sanitizer reports name the file and line, and stop at the first error.
set(ENV{UBSAN_OPTIONS} "print_stacktrace=1:halt_on_error=1")
set(ENV{ASAN_OPTIONS} "strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1")

run(configure ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BINARY_DIR} ${args})
run(build ${CMAKE_COMMAND} --build ${BINARY_DIR} --config ${CONFIG} --parallel ${JOBS})
set(ctest_args --build-config ${CONFIG} --output-on-failure --parallel ${JOBS})
if(NOT CMAKE_VERSION VERSION_LESS 3.17)
  list(APPEND ctest_args --no-tests=error)
endif()
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} ${ctest_args}
                WORKING_DIRECTORY ${BINARY_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ctest in ${BINARY_DIR} failed (${rc})")
endif()
