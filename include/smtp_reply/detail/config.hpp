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

// Whether the word scanners may take a match's place from its flag bit:
// bytes are in memory order from the least significant byte (little endian)
// and count-trailing- and count-leading-zeros builtins exist.
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SMTP_REPLY_HAS_CTZ64 1
#if defined(__clang__) && defined(__x86_64__) && !defined(__BMI__)
#include <cstdint>
namespace smtp_reply {
namespace detail {
// Without BMI, clang compiles __builtin_ctz to BSF, which takes several
// micro-ops on AMD cores (it made the rule matcher 1.7x slower on the
// benchmark machine); TZCNT takes one, and a CPU without BMI runs it as BSF,
// with the same result for the nonzero inputs it is given here. g++ emits
// it itself. Run time only (no inline assembly in constant evaluation).
inline unsigned trailing_zeros64(std::uint64_t v) noexcept {
  std::uint64_t n = 0;
  __asm__("tzcntq %1, %0" : "=r"(n) : "rm"(v) : "cc");
  return static_cast<unsigned>(n);
}
inline unsigned trailing_zeros32(std::uint32_t v) noexcept {
  std::uint32_t n = 0;
  __asm__("tzcntl %1, %0" : "=r"(n) : "rm"(v) : "cc");
  return n;
}
}  // namespace detail
}  // namespace smtp_reply
#define SMTP_REPLY_CTZ64(x) ::smtp_reply::detail::trailing_zeros64(x)
#define SMTP_REPLY_CTZ32(x) ::smtp_reply::detail::trailing_zeros32(x)
#else
#define SMTP_REPLY_CTZ64(x) static_cast<unsigned>(__builtin_ctzll(x))
#define SMTP_REPLY_CTZ32(x) static_cast<unsigned>(__builtin_ctz(x))
#endif
#define SMTP_REPLY_CLZ64(x) static_cast<unsigned>(__builtin_clzll(x))
#else
#define SMTP_REPLY_HAS_CTZ64 0
#endif

// Whether the text scanner may use SSE2 (every x86-64 target has it).
// SMTP_REPLY_NO_SIMD turns it off (the portable word scanner remains).
#if defined(__SSE2__) && defined(__GNUC__) && !defined(SMTP_REPLY_NO_SIMD)
#define SMTP_REPLY_HAS_SSE2 1
#else
#define SMTP_REPLY_HAS_SSE2 0
#endif

// Inlining hints for the hot loops: the common case stays small and in line,
// the rare one out of its way. Hints only; constant evaluation ignores them.
#if defined(__GNUC__)
#define SMTP_REPLY_ALWAYS_INLINE inline __attribute__((always_inline))
#define SMTP_REPLY_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define SMTP_REPLY_ALWAYS_INLINE __forceinline
#define SMTP_REPLY_NOINLINE __declspec(noinline)
#else
#define SMTP_REPLY_ALWAYS_INLINE inline
#define SMTP_REPLY_NOINLINE
#endif

// Branch hints for the hot loops, where a rare case would otherwise be laid
// out in the way of the common one.
#if defined(__GNUC__)
#define SMTP_REPLY_LIKELY(condition) __builtin_expect(static_cast<bool>(condition), 1)
#define SMTP_REPLY_UNLIKELY(condition) __builtin_expect(static_cast<bool>(condition), 0)
#else
#define SMTP_REPLY_LIKELY(condition) (condition)
#define SMTP_REPLY_UNLIKELY(condition) (condition)
#endif

#endif  // SMTP_REPLY_DETAIL_CONFIG_HPP
