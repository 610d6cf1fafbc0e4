# Header-only: one (release) configuration is all there is to install.
set(VCPKG_BUILD_TYPE release)

vcpkg_from_github(
    OUT_SOURCE_PATH SOURCE_PATH
    REPO OWNER/smtp_reply  # RELEASE: the project's GitHub owner/name (also "homepage" in vcpkg.json)
    REF "v${VERSION}"
    SHA512 0  # RELEASE: the SHA512 of the v${VERSION} tarball (vcpkg prints it when this is wrong)
    HEAD_REF main
)

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        -DSMTP_REPLY_BUILD_TESTS=OFF
        -DSMTP_REPLY_BUILD_EXAMPLES=OFF
        -DSMTP_REPLY_BUILD_BENCHMARKS=OFF
        -DSMTP_REPLY_INSTALL=ON
)
vcpkg_cmake_install()

# The CMake package is installed to share/cmake/smtp_reply; vcpkg wants it in share/smtp_reply.
vcpkg_cmake_config_fixup(PACKAGE_NAME smtp_reply CONFIG_PATH share/cmake/smtp_reply)
vcpkg_fixup_pkgconfig()

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
