// smtp_reply: library version. Kept equal to the CMake project version (a test checks).
#ifndef SMTP_REPLY_VERSION_HPP
#define SMTP_REPLY_VERSION_HPP

/** Major version: incompatible API changes. */
#define SMTP_REPLY_VERSION_MAJOR 0
/** Minor version: compatible additions. */
#define SMTP_REPLY_VERSION_MINOR 1
/** Patch version: fixes. */
#define SMTP_REPLY_VERSION_PATCH 0
/** The version as a string literal. */
#define SMTP_REPLY_VERSION_STRING "0.1.0"

#endif  // SMTP_REPLY_VERSION_HPP
