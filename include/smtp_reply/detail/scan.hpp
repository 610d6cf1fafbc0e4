// smtp_reply: byte scanners shared by the parser and the line iterator.
// Not part of the public API.
#ifndef SMTP_REPLY_DETAIL_SCAN_HPP
#define SMTP_REPLY_DETAIL_SCAN_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "config.hpp"

#if SMTP_REPLY_HAS_SSE2
#include <emmintrin.h>
#endif

namespace smtp_reply {
namespace detail {

/// True for the bytes that may stand in a line's text without further
/// thought: printable ASCII (RFC 5321 4.2 "textstring" minus HT).
constexpr bool is_plain_text_byte(unsigned char c) noexcept {
  return c >= 0x20 && c < 0x7F;
}

/// True for the bytes that are plain, or above 0x7F (8-bit text, RFC 6531).
constexpr bool is_plain_or_high_byte(unsigned char c) noexcept {
  return c >= 0x20 && c != 0x7F;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// find_special() one byte at a time (constexpr).
constexpr const char* find_special_bytes(const char* first, const char* last, bool high_is_plain) noexcept {
  if (high_is_plain) {
    while (first != last && is_plain_or_high_byte(static_cast<unsigned char>(*first))) ++first;
  } else {
    while (first != last && is_plain_text_byte(static_cast<unsigned char>(*first))) ++first;
  }
  return first;
}

/// find_special() over whole words, at run time only: 32 then 16 bytes at a
/// time with SSE2 (x86-64), then eight at a time in a 64-bit word, then the
/// rest byte by byte. On a little-endian target with a count-trailing-zeros
/// builtin, the special byte's place in a word comes from its flag bit;
/// elsewhere the word that holds it is looked at byte by byte.
inline const char* find_special_wide(const char* first, const char* last, bool high_is_plain) noexcept {
#if SMTP_REPLY_HAS_SSE2
  // Compared as signed bytes, those above 0x7F are negative, so "below SP"
  // takes them in; they are let go again when they are plain.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i del = _mm_set1_epi8(0x7F);
  // 32 bytes a round: most reply lines end within the first, so the loop is
  // rarely left by a mispredicted branch.
  while (last - first >= 32) {
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(first));
    const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(first + 16));
    unsigned special_low = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(low, space), _mm_cmpeq_epi8(low, del))));
    unsigned special_high = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(high, space), _mm_cmpeq_epi8(high, del))));
    if (high_is_plain) {
      special_low &= ~static_cast<unsigned>(_mm_movemask_epi8(low));
      special_high &= ~static_cast<unsigned>(_mm_movemask_epi8(high));
    }
    const unsigned special = special_low | (special_high << 16);
    if (special != 0) return first + __builtin_ctz(special);
    first += 32;
  }
  while (last - first >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(first));
    unsigned special = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(bytes, space), _mm_cmpeq_epi8(bytes, del))));
    if (high_is_plain) special &= ~static_cast<unsigned>(_mm_movemask_epi8(bytes));
    if (special != 0) return first + __builtin_ctz(special);
    first += 16;
  }
#endif
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const std::uint64_t high_mask = high_is_plain ? 0 : highs;
  while (last - first >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, first, sizeof word);
    // A byte below 0x20 (only exact for bytes below 0x80, which is all the
    // filter needs: high bytes are either special or masked out below).
    const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
    // A byte equal to 0x7F (DEL).
    const std::uint64_t del_xor = word ^ (ones * 0x7F);
    const std::uint64_t is_del = (del_xor - ones) & ~del_xor & highs;
    const std::uint64_t special = below_space | is_del | (word & high_mask);
    if (special != 0) {
#if SMTP_REPLY_HAS_CTZ64
      // Borrows only run towards later bytes, so the lowest flagged byte is
      // a true special byte.
      return first + (SMTP_REPLY_CTZ64(special) >> 3);
#else
      break;
#endif
    }
    first += 8;
  }
  return find_special_bytes(first, last, high_is_plain);
}

/// The first byte in [first, last) that is not printable ASCII, or last.
/// With `high_is_plain`, bytes above 0x7F are skipped too (once a line is
/// known to hold 8-bit text, only controls still need attention). A run of
/// eight bytes or more is read a word at a time (find_special_wide, out of
/// the caller's way); a shorter one, and any at compile time, byte by byte.
constexpr const char* find_special(const char* first, const char* last, bool high_is_plain) noexcept {
#if SMTP_REPLY_HAS_CONSTANT_EVALUATED
  if (!SMTP_REPLY_IS_CONSTANT_EVALUATED() && last - first >= 8) return find_special_wide(first, last, high_is_plain);
#endif
  return find_special_bytes(first, last, high_is_plain);
}

/// The first LF in [first, last), or last.
constexpr const char* find_lf(const char* first, const char* last) noexcept {
  const std::string_view rest(first, static_cast<std::size_t>(last - first));
  const std::size_t at = rest.find('\n');  // memchr at run time
  return at == std::string_view::npos ? last : first + at;
}

}  // namespace detail
}  // namespace smtp_reply

#endif  // SMTP_REPLY_DETAIL_SCAN_HPP
