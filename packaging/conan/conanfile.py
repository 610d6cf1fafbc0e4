"""Conan 2 recipe for smtp_reply (header-only).

From the repository root:

    conan create packaging/conan --build=missing

builds the package from this source tree and runs test_package/. The version
is read from the project() call in CMakeLists.txt.
"""
import os
import re

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir

required_conan_version = ">=2.0"


class SmtpReplyConan(ConanFile):
    name = "smtp_reply"
    description = "Header-only, zero-allocation SMTP reply parser and classifier"
    license = "MIT"
    homepage = "https://github.com/OWNER/smtp_reply"  # RELEASE: the project's URL
    topics = ("smtp", "email", "parser", "rfc5321", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    no_copy_source = True

    def _project_root(self):
        return os.path.join(self.recipe_folder, "..", "..")

    def set_version(self):
        if self.version:
            return
        cmakelists = load(self, os.path.join(self._project_root(), "CMakeLists.txt"))
        self.version = re.search(r"project\(smtp_reply\s+VERSION\s+([0-9.]+)", cmakelists).group(1)

    def export_sources(self):
        # The recipe lives in packaging/conan/; the sources are two levels up.
        root = self._project_root()
        for pattern in ("CMakeLists.txt", "LICENSE", "cmake/*", "include/*"):
            copy(self, pattern, root, self.export_sources_folder)

    def layout(self):
        cmake_layout(self)

    def validate(self):
        if self.settings.get_safe("compiler.cppstd"):
            check_min_cppstd(self, 17)

    def generate(self):
        tc = CMakeToolchain(self)
        tc.cache_variables["SMTP_REPLY_BUILD_TESTS"] = False
        tc.cache_variables["SMTP_REPLY_BUILD_EXAMPLES"] = False
        tc.cache_variables["SMTP_REPLY_BUILD_BENCHMARKS"] = False
        tc.cache_variables["SMTP_REPLY_INSTALL"] = True
        tc.generate()

    def build(self):
        # Nothing to compile; configuring generates the install rules.
        cmake = CMake(self)
        cmake.configure()

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        cmake = CMake(self)
        cmake.install()
        # Conan writes its own CMake config (CMakeDeps) and .pc (PkgConfigDeps)
        # from package_info(); the project's copies, all under share/, go.
        rmdir(self, os.path.join(self.package_folder, "share"))

    def package_id(self):
        self.info.clear()

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "smtp_reply")
        self.cpp_info.set_property("cmake_target_name", "smtp_reply::smtp_reply")
        self.cpp_info.set_property("pkg_config_name", "smtp_reply")
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
