#include "text.hpp"

namespace cli {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view ellipsis = "\xE2\x80\xA6";               // U+2026

/// Length of the UTF-8 sequence at `at`, or of its maximal ill-formed prefix.
struct utf8_unit {
  std::size_t length = 1;
  bool valid = true;
};

/// Reads one UTF-8 sequence by Unicode's table 3-7 (well-formed byte
/// sequences): no overlong forms, no surrogates, nothing past U+10FFFF.
/// An ill-formed sequence is reported with the length of its maximal subpart,
/// so each one becomes a single U+FFFD, as the Unicode standard recommends.
utf8_unit next_utf8(std::string_view s, std::size_t at) {
  const auto lead = static_cast<unsigned char>(s[at]);
  if (lead < 0x80) return {1, true};
  std::size_t trailing = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    trailing = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    trailing = 2;
    if (lead == 0xE0) low = 0xA0;   // no overlong 3-byte forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    trailing = 3;
    if (lead == 0xF0) low = 0x90;   // no overlong 4-byte forms
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return {1, false};  // a continuation byte, C0, C1 or F5..FF as a lead
  }
  for (std::size_t n = 1; n <= trailing; ++n) {
    if (at + n >= s.size()) return {n, false};
    const auto b = static_cast<unsigned char>(s[at + n]);
    if (b < low || b > high) return {n, false};
    low = 0x80;
    high = 0xBF;
  }
  return {trailing + 1, true};
}

constexpr bool is_plain_json_byte(unsigned char c) {
  return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

}  // namespace

void append_json_string(std::string& out, std::string_view bytes) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t run = i;
    while (run < bytes.size() && is_plain_json_byte(static_cast<unsigned char>(bytes[run]))) ++run;
    out.append(bytes.data() + i, run - i);
    i = run;
    if (i == bytes.size()) break;
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x80) {
      const utf8_unit unit = next_utf8(bytes, i);
      if (unit.valid) {
        out.append(bytes.data() + i, unit.length);
      } else {
        out += replacement_character;
      }
      i += unit.length;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:  // other C0 controls and DEL
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
        break;
    }
    ++i;
  }
  out += '"';
}

std::size_t append_cell_text(std::string& out, std::string_view bytes, std::size_t max_columns) {
  // First pass: count characters, to know whether the text must be cut.
  std::size_t total = 0;
  for (std::size_t i = 0; i < bytes.size(); ++total) i += next_utf8(bytes, i).length;
  const bool cut = total > max_columns;
  const std::size_t keep = cut ? (max_columns > 0 ? max_columns - 1 : 0) : total;

  std::size_t i = 0;
  for (std::size_t column = 0; column < keep; ++column) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const utf8_unit unit = next_utf8(bytes, i);
    if (!unit.valid) {
      out += replacement_character;
    } else if (c < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      out.append(bytes.data() + i, unit.length);
    }
    i += unit.length;
  }
  if (cut && max_columns > 0) out += ellipsis;
  return cut ? max_columns : total;
}

}  // namespace cli
