# Install rules: the headers, a relocatable CMake package and a relocatable
# pkg-config file. Nothing else is installed (tests/package/check_manifest.cmake
# checks the exact list), so a package manager's build of this project needs
# no compiled code, no test framework and no post-processing.
#
#   <prefix>/include/smtp_reply/**.hpp
#   <prefix>/share/cmake/smtp_reply/smtp_replyConfig.cmake
#   <prefix>/share/cmake/smtp_reply/smtp_replyConfigVersion.cmake
#   <prefix>/share/cmake/smtp_reply/smtp_replyTargets.cmake
#   <prefix>/share/pkgconfig/smtp_reply.pc
#
# share/ rather than lib/: the library is header-only, so nothing in the
# package depends on the architecture (as nlohmann_json and fast_float do).
include(CMakePackageConfigHelpers)

set(SMTP_REPLY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/smtp_reply"
    CACHE STRING "Where to install smtp_reply's CMake package, relative to the prefix")
set(SMTP_REPLY_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig"
    CACHE STRING "Where to install smtp_reply.pc, relative to the prefix")
mark_as_advanced(SMTP_REPLY_INSTALL_CMAKEDIR SMTP_REPLY_INSTALL_PKGCONFIGDIR)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")

install(TARGETS smtp_reply EXPORT smtp_reply_targets)
install(EXPORT smtp_reply_targets
        NAMESPACE smtp_reply::
        FILE smtp_replyTargets.cmake
        DESTINATION "${SMTP_REPLY_INSTALL_CMAKEDIR}")

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/smtp_replyConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/smtp_replyConfig.cmake"
  INSTALL_DESTINATION "${SMTP_REPLY_INSTALL_CMAKEDIR}")

# Semantic versioning: a request for 1.2 accepts any 1.x >= 1.2. Before 1.0
# every minor release may break the API (semver section 4), so while the
# major version is 0 a request for 0.1 accepts 0.1.x only.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(smtp_reply_compatibility SameMinorVersion)
else()
  set(smtp_reply_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/smtp_replyConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY ${smtp_reply_compatibility}
  ARCH_INDEPENDENT)  # header-only: a 32-bit build may use a 64-bit build's install

install(FILES "${PROJECT_BINARY_DIR}/smtp_replyConfig.cmake"
              "${PROJECT_BINARY_DIR}/smtp_replyConfigVersion.cmake"
        DESTINATION "${SMTP_REPLY_INSTALL_CMAKEDIR}")

# pkg-config: prefix is computed from the .pc file's own location
# (${pcfiledir}), so the installed tree can be moved.
if(IS_ABSOLUTE "${SMTP_REPLY_INSTALL_PKGCONFIGDIR}")
  message(FATAL_ERROR "SMTP_REPLY_INSTALL_PKGCONFIGDIR must be relative to the prefix")
endif()
set(smtp_reply_pc_prefix "\${pcfiledir}")
string(REGEX REPLACE "[^/]+" ".." smtp_reply_pc_up "${SMTP_REPLY_INSTALL_PKGCONFIGDIR}")
string(REGEX REPLACE "/+$" "" smtp_reply_pc_up "${smtp_reply_pc_up}")
string(APPEND smtp_reply_pc_prefix "/${smtp_reply_pc_up}")
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(smtp_reply_pc_includedir "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(smtp_reply_pc_includedir "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/smtp_reply.pc.in"
               "${PROJECT_BINARY_DIR}/smtp_reply.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/smtp_reply.pc"
        DESTINATION "${SMTP_REPLY_INSTALL_PKGCONFIGDIR}")
