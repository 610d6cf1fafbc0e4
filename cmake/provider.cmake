# Dependency provider for smtp_reply's own development builds (CMake >= 3.24).
#
# Loaded only by CMakePresets.json through CMAKE_PROJECT_TOP_LEVEL_INCLUDES;
# consumers of the library (find_package, add_subdirectory, FetchContent,
# vcpkg, Conan) never load it, and the library itself needs no dependency.
#
# When find_package() cannot find one of the development tools below, it
# installs the Debian package that provides it (apt-get, through sudo when not
# root; apt-get update first when the package lists are missing or stale) and
# looks again. Anything else goes to find_package() unchanged. On a system
# without apt-get, or with -DSMTP_REPLY_AUTO_INSTALL=OFF, nothing is installed
# and the usual "not found" error names what to install.
cmake_minimum_required(VERSION 3.24)

option(SMTP_REPLY_AUTO_INSTALL
  "Install missing development packages (doctest-dev, libbenchmark-dev, ...) with apt-get" ON)

# find_package() name -> Debian 12 package.
set(_smtp_reply_deb_doctest doctest-dev)          # tests/
set(_smtp_reply_deb_benchmark libbenchmark-dev)   # bench/
set(_smtp_reply_deb_PkgConfig pkgconf)            # tests/: the pkg-config consumer
set(_smtp_reply_deb_Python3 python3)              # tests/: syntax check of the Conan recipe

function(_smtp_reply_apt_install deb)
  find_program(SMTP_REPLY_APT_GET apt-get)
  mark_as_advanced(SMTP_REPLY_APT_GET)
  if(NOT SMTP_REPLY_APT_GET)
    message(WARNING "smtp_reply: no apt-get here; install ${deb} (or its equivalent) yourself")
    return()
  endif()
  set(sudo "")
  execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT uid STREQUAL "0")
    find_program(SMTP_REPLY_SUDO sudo)
    mark_as_advanced(SMTP_REPLY_SUDO)
    if(NOT SMTP_REPLY_SUDO)
      message(WARNING "smtp_reply: not root and no sudo; run `apt-get install ${deb}` as root")
      return()
    endif()
    set(sudo "${SMTP_REPLY_SUDO}")
  endif()
  set(apt ${sudo} env DEBIAN_FRONTEND=noninteractive "${SMTP_REPLY_APT_GET}")
  string(REPLACE ";" " " shown "${apt}")
  message(STATUS "smtp_reply: installing Debian package ${deb}: ${shown} install -y --no-install-recommends ${deb}")
  execute_process(COMMAND ${apt} install -y --no-install-recommends ${deb} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)  # a fresh machine has no (or stale) package lists
    message(STATUS "smtp_reply: retrying after ${shown} update")
    execute_process(COMMAND ${apt} update RESULT_VARIABLE rc)
    execute_process(COMMAND ${apt} install -y --no-install-recommends ${deb} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(WARNING "smtp_reply: could not install ${deb} (apt-get exit status ${rc})")
    endif()
  endif()
endfunction()

# A macro, so that what find_package() sets is visible to the caller.
# Variable names carry the package name: a config file's own find_dependency()
# calls re-enter this macro.
macro(smtp_reply_provide_dependency method package_name)
  if(DEFINED _smtp_reply_deb_${package_name})
    set(_smtp_reply_args_${package_name} ${ARGN})
    list(REMOVE_ITEM _smtp_reply_args_${package_name} REQUIRED QUIET)
    find_package(${package_name} ${_smtp_reply_args_${package_name}} QUIET BYPASS_PROVIDER)
    if(NOT ${package_name}_FOUND AND SMTP_REPLY_AUTO_INSTALL)
      _smtp_reply_apt_install(${_smtp_reply_deb_${package_name}})
      # Cached *-NOTFOUND results of the first attempt are searched again.
      find_package(${package_name} ${_smtp_reply_args_${package_name}} QUIET BYPASS_PROVIDER)
      if(NOT ${package_name}_FOUND)
        message(WARNING "smtp_reply: ${package_name} still not found after installing "
                        "${_smtp_reply_deb_${package_name}}")
      endif()
    endif()
    # Not found: find_package() goes on with its own search and error message.
    unset(_smtp_reply_args_${package_name})
  endif()
endmacro()

cmake_language(SET_DEPENDENCY_PROVIDER smtp_reply_provide_dependency
               SUPPORTED_METHODS FIND_PACKAGE)
