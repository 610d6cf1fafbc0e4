# Runs one libFuzzer target for a bounded time (a ctest test, see
# tests/fuzz/CMakeLists.txt):
#   cmake -DFUZZER=path -DCORPUS=dir -DWORK=dir -DSECONDS=n [-DDICT=file]
#         [-DARGS=a|b] [-DREPLAY=path] -P run_fuzzer.cmake
# SMTP_REPLY_FUZZ_SECONDS in the environment overrides SECONDS.
#
# libFuzzer writes new inputs into the first corpus directory it is given:
# that is WORK/corpus (kept between runs, so a long fuzz session goes on from
# where the last one stopped), never the checked-in seed corpus. A crash
# leaves its input in WORK/ and this script says how to replay it.
cmake_minimum_required(VERSION 3.16)
foreach(var FUZZER CORPUS WORK SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzzer.cmake: -D${var}=... is required")
  endif()
endforeach()
if(DEFINED ENV{SMTP_REPLY_FUZZ_SECONDS} AND NOT "$ENV{SMTP_REPLY_FUZZ_SECONDS}" STREQUAL "")
  set(SECONDS "$ENV{SMTP_REPLY_FUZZ_SECONDS}")
endif()
if(NOT SECONDS MATCHES "^[0-9]+$" OR SECONDS EQUAL 0)
  message(FATAL_ERROR "run_fuzzer.cmake: the run time must be a positive number of seconds, not '${SECONDS}'")
endif()
string(REPLACE "|" ";" extra "${ARGS}")
if(DICT)
  list(APPEND extra "-dict=${DICT}")
endif()
file(MAKE_DIRECTORY "${WORK}/corpus")
get_filename_component(name "${FUZZER}" NAME)
set(log "${WORK}/last_run.log")

# Sanitizer reports stop the run and name the file and line.
set(ENV{UBSAN_OPTIONS} "print_stacktrace=1:halt_on_error=1")
set(ENV{ASAN_OPTIONS} "detect_leaks=1:strict_string_checks=1")

message(STATUS "${name}: fuzzing for ${SECONDS} s")
execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
          "-artifact_prefix=${WORK}/" ${extra} "${WORK}/corpus" "${CORPUS}"
  RESULT_VARIABLE rc
  OUTPUT_FILE "${log}"
  ERROR_FILE "${log}")

# What the run did: the number of executions and the corpus it grew.
file(STRINGS "${log}" stats REGEX "^(stat::|#[0-9]+ +(INITED|DONE))")
foreach(line IN LISTS stats)
  message(STATUS "${name}: ${line}")
endforeach()
if(NOT rc EQUAL 0)
  file(READ "${log}" text)
  string(LENGTH "${text}" length)
  if(length GREATER 12000)
    math(EXPR from "${length} - 12000")
    string(SUBSTRING "${text}" ${from} -1 text)
  endif()
  message("${text}")
  file(GLOB found "${WORK}/crash-*" "${WORK}/leak-*" "${WORK}/timeout-*" "${WORK}/oom-*")
  set(how "")
  if(REPLAY)
    set(how "\nReplay it without libFuzzer: ${REPLAY} <file>")
  endif()
  message(FATAL_ERROR "${name} failed (${rc}); inputs that failed: ${found}${how}\n"
                      "Once fixed, keep the input as a seed: copy it to ${CORPUS}/regression-<what>.")
endif()
