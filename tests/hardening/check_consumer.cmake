# The no-exceptions consumer (consumer.cpp) is also what clang-tidy and
# cppcheck read for the library: it must include every public header.
#   cmake -DCONSUMER=consumer.cpp -DINCLUDE_DIR=include -P check_consumer.cmake
cmake_minimum_required(VERSION 3.16)
file(READ "${CONSUMER}" text)
file(GLOB headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/smtp_reply/*.hpp")
set(missing "")
foreach(header IN LISTS headers)
  string(FIND "${text}" "#include <${header}>" at)
  if(at EQUAL -1)
    list(APPEND missing "${header}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "${CONSUMER} does not include: ${missing}")
endif()
list(LENGTH headers count)
message(STATUS "consumer.cpp includes all ${count} public headers")
