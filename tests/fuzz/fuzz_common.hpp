// Shared checks of the fuzz targets (tests/fuzz/*.cpp). Test code only.
//
// Every check that fails prints what it expected and calls abort(), which
// libFuzzer reports as a crash (and saves the input), and which fails the
// replay run under ctest.
#ifndef SMTP_REPLY_TESTS_FUZZ_COMMON_HPP
#define SMTP_REPLY_TESTS_FUZZ_COMMON_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>

#include <smtp_reply/enhanced.hpp>
#include <smtp_reply/parse.hpp>
#include <smtp_reply/reply.hpp>

#include "reference_parser.hpp"

/** Aborts with the failed condition, its place and the input's size when `cond` is false. */
#define SMTP_REPLY_FUZZ_CHECK(cond)                                                                   \
  do {                                                                                                \
    if (!(cond)) ::smtp_reply_fuzz::check_failed(#cond, __FILE__, __LINE__);                          \
  } while (false)

namespace smtp_reply_fuzz {

[[noreturn]] inline void check_failed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
  std::abort();
}

/** The input as the fuzzer gives it (null for an empty input is allowed). */
inline std::string_view view(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

/** The option sets every target runs: both presets, tiny limits, and "no limit". */
inline constexpr smtp_reply::parse_options tiny_preset{40, 3, false};
inline constexpr smtp_reply::parse_options tiny_strict_preset{24, 2, true};
inline constexpr smtp_reply::parse_options unlimited_preset{std::numeric_limits<std::size_t>::max(),
                                                            std::numeric_limits<std::size_t>::max(), false};
inline constexpr smtp_reply::parse_options all_presets[] = {
    smtp_reply::default_preset, smtp_reply::strict_preset, tiny_preset, tiny_strict_preset, unlimited_preset,
};

/** Options chosen by one byte of fuzz data (small limits make the limit paths reachable). */
inline smtp_reply::parse_options options_from(std::uint8_t selector, std::uint8_t line_limit, std::uint8_t lines) {
  switch (selector % 4) {
    case 0: return smtp_reply::default_preset;
    case 1: return smtp_reply::strict_preset;
    default: {
      smtp_reply::parse_options o{};
      o.strict = selector % 4 == 3;
      o.max_line_length = line_limit;  // 0 to 255
      o.max_lines = lines % 8;         // 0 to 7
      return o;
    }
  }
}

SMTP_REPLY_FUZZ_UNTRACED inline bool same_enhanced(const smtp_reply::enhanced_code& a, const smtp_reply::enhanced_code& b) {
  return a.class_digit == b.class_digit && a.subject == b.subject && a.detail == b.detail;
}

SMTP_REPLY_FUZZ_UNTRACED inline bool same_line(const smtp_reply::reply_line& a, const smtp_reply::reply_line& b) {
  return a.code == b.code && same_enhanced(a.enhanced, b.enhanced) && a.text == b.text;
}

/**
 * Two results of the same bytes are the same: status, offsets and every
 * field of the reply, views compared by content and by position (both must
 * point at the same place of the caller's buffer, relative to its start).
 */
SMTP_REPLY_FUZZ_UNTRACED inline bool same_result(const smtp_reply::parse_result& a, const char* a_base, const smtp_reply::parse_result& b,
                        const char* b_base) {
  if (a.status != b.status || a.consumed != b.consumed || a.error_offset != b.error_offset) return false;
  if (!a) return true;
  const smtp_reply::reply& x = a.reply;
  const smtp_reply::reply& y = b.reply;
  if (x.code != y.code || x.reply_class != y.reply_class || !same_enhanced(x.enhanced, y.enhanced) ||
      x.diagnostics != y.diagnostics || x.line_count != y.line_count || x.raw != y.raw ||
      x.raw.data() - a_base != y.raw.data() - b_base)
    return false;
  auto i = x.lines().begin();
  auto j = y.lines().begin();
  for (; i != x.lines().end() && j != y.lines().end(); ++i, ++j)
    if (!same_line(*i, *j)) return false;
  return i == x.lines().end() && j == y.lines().end() && same_line(x.last_line(), y.last_line());
}

SMTP_REPLY_FUZZ_UNTRACED inline bool is_line_start(std::string_view in, std::size_t at) { return at == 0 || in[at - 1] == '\n'; }

/** Start of the line that holds byte `at`. */
SMTP_REPLY_FUZZ_UNTRACED inline std::size_t line_start_of(std::string_view in, std::size_t at) {
  while (at > 0 && in[at - 1] != '\n') --at;
  return at;
}

/**
 * Every fact parsing.md states about one parse of `in`, checked against the
 * result, and the result compared with the reference model
 * (reference_parser.hpp). O(size of the input).
 */
SMTP_REPLY_FUZZ_UNTRACED inline void check_parse(std::string_view in, const smtp_reply::parse_options& o, const smtp_reply::parse_result& r) {
  using smtp_reply::diagnostic;
  using smtp_reply::parse_status;
  SMTP_REPLY_FUZZ_CHECK(!smtp_reply::to_string(r.status).empty());
  SMTP_REPLY_FUZZ_CHECK(static_cast<bool>(r) == (r.status == parse_status::ok));
  SMTP_REPLY_FUZZ_CHECK(r.need_more() == (r.status == parse_status::incomplete));
  SMTP_REPLY_FUZZ_CHECK(r.failed() == (!r && !r.need_more()));

  const smtp_reply_reference::result want = smtp_reply_reference::parse(in, o);
  SMTP_REPLY_FUZZ_CHECK(r.status == want.status);
  SMTP_REPLY_FUZZ_CHECK(r.error_offset == want.error_offset);
  SMTP_REPLY_FUZZ_CHECK(r.consumed == want.consumed);

  if (r.need_more()) {
    SMTP_REPLY_FUZZ_CHECK(r.consumed == 0 && r.error_offset == 0);
    return;
  }
  if (r.failed()) {
    SMTP_REPLY_FUZZ_CHECK(r.consumed == 0);
    SMTP_REPLY_FUZZ_CHECK(r.error_offset < in.size());
    // No error before its offset: the bytes before it are a clean prefix.
    SMTP_REPLY_FUZZ_CHECK(smtp_reply::parse(in.substr(0, r.error_offset), o).need_more());
    const std::size_t at = r.error_offset;
    const auto c = static_cast<unsigned char>(in[at]);
    switch (r.status) {
      case parse_status::empty:
        SMTP_REPLY_FUZZ_CHECK(is_line_start(in, at) && (c == '\r' || c == '\n'));
        break;
      case parse_status::too_many_lines:
        SMTP_REPLY_FUZZ_CHECK(is_line_start(in, at));
        break;
      case parse_status::code_mismatch:
        SMTP_REPLY_FUZZ_CHECK(o.strict && is_line_start(in, at) && at > 0);
        break;
      case parse_status::line_too_long:
        SMTP_REPLY_FUZZ_CHECK(at - line_start_of(in, at) == o.max_line_length);
        break;
      case parse_status::bad_separator:
        SMTP_REPLY_FUZZ_CHECK(at - line_start_of(in, at) == 3);
        break;
      case parse_status::bad_code:
        SMTP_REPLY_FUZZ_CHECK(at - line_start_of(in, at) < 3);
        break;
      case parse_status::bad_character:
        SMTP_REPLY_FUZZ_CHECK(c < 0x20 || c == 0x7F);
        SMTP_REPLY_FUZZ_CHECK(c != '\n' || o.strict);
        break;
      default:
        SMTP_REPLY_FUZZ_CHECK(false);
    }
    return;
  }

  // ok
  const smtp_reply::reply& reply = r.reply;
  SMTP_REPLY_FUZZ_CHECK(r.error_offset == 0);
  SMTP_REPLY_FUZZ_CHECK(r.consumed >= 4 && r.consumed <= in.size());
  SMTP_REPLY_FUZZ_CHECK(reply.raw.data() == in.data() && reply.raw.size() == r.consumed);
  SMTP_REPLY_FUZZ_CHECK(reply.raw.back() == '\n');
  SMTP_REPLY_FUZZ_CHECK(reply.line_count >= 1 && reply.line_count <= o.max_lines);
  SMTP_REPLY_FUZZ_CHECK(reply.code == want.code && reply.line_count == want.line_count);
  SMTP_REPLY_FUZZ_CHECK(reply.diagnostics.bits() == want.diagnostics);
  SMTP_REPLY_FUZZ_CHECK(same_enhanced(reply.enhanced, want.enhanced));
  SMTP_REPLY_FUZZ_CHECK(reply.code >= 200 && reply.code <= 599);
  SMTP_REPLY_FUZZ_CHECK(reply.reply_class == smtp_reply::class_of(reply.code));
  SMTP_REPLY_FUZZ_CHECK(!smtp_reply::to_string(reply.reply_class).empty());
  SMTP_REPLY_FUZZ_CHECK(reply.diagnostics.size() <= 7 && (reply.diagnostics.bits() & 0x80U) == 0);
  for (smtp_reply::diagnostic d : smtp_reply::all_diagnostics)
    SMTP_REPLY_FUZZ_CHECK(!reply.diagnostics.has(d) || !smtp_reply::to_string(d).empty());
  if (o.strict) {
    SMTP_REPLY_FUZZ_CHECK(!reply.diagnostics.has(diagnostic::bare_lf));
    SMTP_REPLY_FUZZ_CHECK(!reply.diagnostics.has(diagnostic::code_mismatch));
    SMTP_REPLY_FUZZ_CHECK(!reply.diagnostics.has(diagnostic::nonstandard_code));
  }
  SMTP_REPLY_FUZZ_CHECK(reply.enhanced.has_value() == static_cast<bool>(reply.enhanced));
  SMTP_REPLY_FUZZ_CHECK(reply.diagnostics.has(diagnostic::enhanced_mismatch) ==
                        (reply.enhanced && reply.enhanced.class_digit != reply.code / 100));
  // No proper prefix is a whole reply (STYLE.md 11): the longest one is still incomplete.
  SMTP_REPLY_FUZZ_CHECK(smtp_reply::parse(in.substr(0, r.consumed - 1), o).need_more());

  // The lines: as many as counted, each a view of its own bytes of `raw`.
  const char* const begin = reply.raw.data();
  const char* const end = begin + reply.raw.size();
  std::size_t count = 0;
  smtp_reply::reply_line last{};
  const char* line_begin = begin;
  for (const smtp_reply::reply_line& line : reply.lines()) {
    ++count;
    SMTP_REPLY_FUZZ_CHECK(count <= reply.line_count);
    const char* lf = line_begin;
    while (lf != end && *lf != '\n') ++lf;
    SMTP_REPLY_FUZZ_CHECK(lf != end);
    SMTP_REPLY_FUZZ_CHECK(static_cast<std::size_t>(lf + 1 - line_begin) <= o.max_line_length);
    const auto code = static_cast<std::uint16_t>((line_begin[0] - '0') * 100 + (line_begin[1] - '0') * 10 +
                                                 (line_begin[2] - '0'));
    SMTP_REPLY_FUZZ_CHECK(line.code == code);
    SMTP_REPLY_FUZZ_CHECK(line.text.data() >= line_begin + 3 && line.text.data() + line.text.size() <= lf);
    SMTP_REPLY_FUZZ_CHECK(line.text.empty() || line.text.data() + line.text.size() == lf ||
                          line.text.data() + line.text.size() == lf - 1);
    for (char ch : line.text) {
      const auto u = static_cast<unsigned char>(ch);
      SMTP_REPLY_FUZZ_CHECK(u == '\t' || (u >= 0x20 && u != 0x7F));
    }
    // The line's enhanced code is the model's reading of its text, and it
    // formats back to a string that parses to the same code.
    const char* text_begin = line_begin + 3;
    const char* text_end = (lf[-1] == '\r' && lf - 1 >= text_begin) ? lf - 1 : lf;
    if (text_begin < text_end && (*text_begin == ' ' || *text_begin == '-')) ++text_begin;
    const std::string_view full(text_begin, static_cast<std::size_t>(text_end - text_begin));
    const smtp_reply_reference::enhanced_match m = smtp_reply_reference::match_enhanced(full);
    SMTP_REPLY_FUZZ_CHECK(same_enhanced(line.enhanced, m.code));
    SMTP_REPLY_FUZZ_CHECK(line.text == full.substr(m.length));
    if (line.enhanced) {
      const smtp_reply::enhanced_code_string s = smtp_reply::to_string(line.enhanced);
      SMTP_REPLY_FUZZ_CHECK(same_enhanced(smtp_reply::parse_enhanced_code(s.view()), line.enhanced));
    }
    last = line;
    line_begin = lf + 1;
  }
  SMTP_REPLY_FUZZ_CHECK(count == reply.line_count);
  SMTP_REPLY_FUZZ_CHECK(line_begin == end);
  SMTP_REPLY_FUZZ_CHECK(last.code == reply.code);
  const smtp_reply::reply_line tail = reply.last_line();
  SMTP_REPLY_FUZZ_CHECK(same_line(tail, last) && tail.text.data() == last.text.data());
}

/**
 * Where the next reply starts after `r` (parsing.md: after an error, skip to
 * the byte after the next LF), or in.size() when nothing is left to read.
 */
SMTP_REPLY_FUZZ_UNTRACED inline std::size_t next_reply(std::string_view in, const smtp_reply::parse_result& r) {
  if (r) return r.consumed;
  if (r.need_more()) return in.size();
  const std::size_t lf = in.find('\n', r.error_offset);
  return lf == std::string_view::npos ? in.size() : lf + 1;
}

}  // namespace smtp_reply_fuzz

#endif  // SMTP_REPLY_TESTS_FUZZ_COMMON_HPP
