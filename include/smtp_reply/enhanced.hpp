// smtp_reply: enhanced mail system status codes (RFC 3463, RFC 2034).
//
// The value type, its parser and formatter. Parsing and formatting never
// allocate and never throw, and are constexpr.
#ifndef SMTP_REPLY_ENHANCED_HPP
#define SMTP_REPLY_ENHANCED_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detail/scan.hpp"

namespace smtp_reply {

/**
 * An enhanced status code `class.subject.detail` (RFC 3463 section 2),
 * e.g. 5.1.1. A default-constructed value means "no enhanced code"
 * (class_digit == 0); it converts to false.
 */
struct enhanced_code {
  /** 2 (success), 4 (persistent transient) or 5 (permanent); 0 for none. */
  std::uint8_t class_digit = 0;
  /** 0 to 999 (RFC 3463 section 3: 0 other, 1 addressing, ... 7 security). */
  std::uint16_t subject = 0;
  /** 0 to 999. */
  std::uint16_t detail = 0;

  /** True when this holds a code. */
  constexpr bool has_value() const noexcept { return class_digit != 0; }
  /** True when this holds a code. */
  constexpr explicit operator bool() const noexcept { return has_value(); }

  friend constexpr bool operator==(const enhanced_code& a, const enhanced_code& b) noexcept {
    return a.class_digit == b.class_digit && a.subject == b.subject && a.detail == b.detail;
  }
  friend constexpr bool operator!=(const enhanced_code& a, const enhanced_code& b) noexcept {
    return !(a == b);
  }
};

/** An enhanced code spelled out, `5.1.1`, in a fixed buffer: no allocation.
    Room for any field values, NUL-terminated. */
struct enhanced_code_string {
  char data[16] = {};
  std::uint8_t size = 0;
  /** The text; empty for "no code". Valid as long as this object lives. */
  constexpr std::string_view view() const noexcept { return std::string_view(data, size); }
};

namespace detail {
constexpr void append_number(enhanced_code_string& out, unsigned value) noexcept {
  char digits[5] = {};  // a field is at most 65535
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0 && count < 5);
  while (count > 0) out.data[out.size++] = digits[--count];
}
}  // namespace detail

/** Formats `code` as `class.subject.detail` (RFC 3463 section 2); empty for none. */
constexpr enhanced_code_string to_string(const enhanced_code& code) noexcept {
  enhanced_code_string out{};
  if (!code) return out;
  detail::append_number(out, code.class_digit);
  out.data[out.size++] = '.';
  detail::append_number(out, code.subject);
  out.data[out.size++] = '.';
  detail::append_number(out, code.detail);
  return out;
}

/** An enhanced code found at the start of a line's text, and the bytes it covers. */
struct enhanced_prefix {
  /** The code, without qmail's `#`; no value when the text does not start with one. */
  enhanced_code code{};
  /** Bytes to strip from the text: `#`, the code and the one SP or HT after it. */
  std::size_t length = 0;
};

namespace detail {
// subject / detail = "0" / %x31-39 0*2DIGIT (RFC 3463 section 2).
// Returns the number of digits read (0 when malformed) and the value.
constexpr std::size_t read_enhanced_number(std::string_view s, std::size_t at,
                                           std::uint16_t& value) noexcept {
  std::size_t n = 0;
  unsigned v = 0;
  while (at + n < s.size() && is_digit(s[at + n])) {
    if (n == 3) return 0;  // a fourth digit: not a code
    v = v * 10 + static_cast<unsigned>(s[at + n] - '0');
    ++n;
  }
  if (n == 0) return 0;
  if (n > 1 && s[at] == '0') return 0;  // leading zero
  value = static_cast<std::uint16_t>(v);
  return n;
}
}  // namespace detail

namespace detail {
/// `class "." subject "." detail` at `at` in `text` (RFC 3463 section 2),
/// with no rule about what precedes or follows it. On success `end` is the
/// offset just past the detail; otherwise the code has no value.
struct enhanced_at {
  enhanced_code code{};
  std::size_t end = 0;
};
constexpr enhanced_at read_enhanced_code(std::string_view text, std::size_t at) noexcept {
  if (at + 1 >= text.size()) return {};
  const char cls = text[at];
  if ((cls != '2' && cls != '4' && cls != '5') || text[at + 1] != '.') return {};
  at += 2;
  std::uint16_t subject = 0;
  std::size_t n = read_enhanced_number(text, at, subject);
  if (n == 0 || at + n >= text.size() || text[at + n] != '.') return {};
  at += n + 1;
  std::uint16_t detail_value = 0;
  n = read_enhanced_number(text, at, detail_value);
  if (n == 0) return {};
  enhanced_at out{};
  out.code.class_digit = static_cast<std::uint8_t>(cls - '0');
  out.code.subject = subject;
  out.code.detail = detail_value;
  out.end = at + n;
  return out;
}
}  // namespace detail

/**
 * Reads the enhanced status code a reply line's text starts with (RFC 2034
 * section 4; parsing.md). Accepts qmail's `#` prefix. The code must be followed
 * by SP, HT or the end of the text; `5.1`, `5.1.1.1`, `5.01.1`, `5.1.1000`,
 * `6.1.1`, `5.1.1x` are not codes. Never throws or allocates.
 */
constexpr enhanced_prefix match_enhanced_prefix(std::string_view text) noexcept {
  const std::size_t start = !text.empty() && text[0] == '#' ? 1 : 0;
  const detail::enhanced_at found = detail::read_enhanced_code(text, start);
  if (!found.code) return {};
  std::size_t at = found.end;
  if (at < text.size()) {
    if (text[at] != ' ' && text[at] != '\t') return {};
    ++at;  // the one blank after the code goes with it
  }
  enhanced_prefix out{};
  out.code = found.code;
  out.length = at;
  return out;
}

/**
 * Parses a string that is exactly an enhanced status code (`5.7.26`, no `#`,
 * nothing after it), as a user types it. No value when malformed.
 */
constexpr enhanced_code parse_enhanced_code(std::string_view text) noexcept {
  if (!text.empty() && text.front() == '#') return {};
  const enhanced_prefix p = match_enhanced_prefix(text);
  if (!p.code || p.length != text.size()) return {};
  if (text.back() == ' ' || text.back() == '\t') return {};
  return p.code;
}

}  // namespace smtp_reply

#include "detail/enhanced_table.hpp"

#endif  // SMTP_REPLY_ENHANCED_HPP
