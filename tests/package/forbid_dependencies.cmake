# Dependency provider for the packaging tests (CMake 3.24+): any find_package()
# or FetchContent_MakeAvailable() of something other than smtp_reply itself is
# an error. smtp_reply has no dependency, and the builds that consumers and
# package managers run must not look up its development tools (doctest,
# Google Benchmark) either.
cmake_minimum_required(VERSION 3.24)

macro(smtp_reply_forbid_dependencies method name)
  if(NOT "${name}" STREQUAL "smtp_reply")
    message(FATAL_ERROR "smtp_reply packaging test: this build looked up '${name}' (${method}); "
                        "consumers of smtp_reply must not need any dependency")
  endif()
endmacro()

cmake_language(SET_DEPENDENCY_PROVIDER smtp_reply_forbid_dependencies
               SUPPORTED_METHODS FIND_PACKAGE FETCHCONTENT_MAKEAVAILABLE_SERIAL)
