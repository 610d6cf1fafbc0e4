// smtp_reply: internal configuration. Not part of the public API.
#ifndef SMTP_REPLY_DETAIL_CONFIG_HPP
#define SMTP_REPLY_DETAIL_CONFIG_HPP

#if __cplusplus >= 202002L
#include <type_traits>
#endif

// Whether the fast (memcpy-based) scanners may be used. They are not constexpr,
// so the constexpr paths need to know when they are being evaluated at compile
// time. C++17 has no std::is_constant_evaluated, but g++ >= 9 and clang >= 9
// provide the builtin in every language mode.
#if __cplusplus >= 202002L && defined(__cpp_lib_is_constant_evaluated)
#define SMTP_REPLY_HAS_CONSTANT_EVALUATED 1
#define SMTP_REPLY_IS_CONSTANT_EVALUATED() std::is_constant_evaluated()
#elif defined(__has_builtin)
#if __has_builtin(__builtin_is_constant_evaluated)
#define SMTP_REPLY_HAS_CONSTANT_EVALUATED 1
#define SMTP_REPLY_IS_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#endif
#endif
#if !defined(SMTP_REPLY_HAS_CONSTANT_EVALUATED) && defined(__GNUC__) && __GNUC__ >= 9
#define SMTP_REPLY_HAS_CONSTANT_EVALUATED 1
#define SMTP_REPLY_IS_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#endif
#ifndef SMTP_REPLY_HAS_CONSTANT_EVALUATED
// Unknown compiler: always take the constexpr-safe byte loops.
#define SMTP_REPLY_HAS_CONSTANT_EVALUATED 0
#define SMTP_REPLY_IS_CONSTANT_EVALUATED() true
#endif

#endif  // SMTP_REPLY_DETAIL_CONFIG_HPP
