// smtp_reply: byte scanners shared by the parser and the line iterator.
// Not part of the public API.
#ifndef SMTP_REPLY_DETAIL_SCAN_HPP
#define SMTP_REPLY_DETAIL_SCAN_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "config.hpp"

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

/// The first byte in [first, last) that is not printable ASCII, or last.
/// With `high_is_plain`, bytes above 0x7F are skipped too (once a line is
/// known to hold 8-bit text, only controls still need attention).
/// Eight bytes are tested at a time at run time; only the word that holds a
/// special byte is looked at byte by byte, so the text is read once.
constexpr const char* find_special(const char* first, const char* last,
                                   bool high_is_plain) noexcept {
#if SMTP_REPLY_HAS_CONSTANT_EVALUATED
  if (!SMTP_REPLY_IS_CONSTANT_EVALUATED()) {
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
      if ((below_space | is_del | (word & high_mask)) != 0) break;
      first += 8;
    }
  }
#endif
  if (high_is_plain) {
    while (first != last && is_plain_or_high_byte(static_cast<unsigned char>(*first))) ++first;
  } else {
    while (first != last && is_plain_text_byte(static_cast<unsigned char>(*first))) ++first;
  }
  return first;
}

/// The first LF in [first, last), or last.
constexpr const char* find_lf(const char* first, const char* last) noexcept {
  const char* found = std::char_traits<char>::find(first, static_cast<std::size_t>(last - first), '\n');
  return found ? found : last;
}

}  // namespace detail
}  // namespace smtp_reply

#endif  // SMTP_REPLY_DETAIL_SCAN_HPP
