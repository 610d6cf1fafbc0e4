// A reference model of the reply parser, written from parsing.md alone, for
// differential tests (tests/test_property.cpp) and the whole-buffer fuzz
// target (tests/fuzz/fuzz_parse.cpp). Test code only.
//
// It is deliberately naive: one byte at a time, no fast paths, no resumable
// state, no word tricks, and its own reading of the enhanced-code grammar
// (RFC 3463) rather than smtp_reply::match_enhanced_prefix. Wherever the
// library and this model disagree, one of them misreads parsing.md.
#ifndef SMTP_REPLY_TESTS_FUZZ_REFERENCE_PARSER_HPP
#define SMTP_REPLY_TESTS_FUZZ_REFERENCE_PARSER_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <smtp_reply/parse.hpp>

// The oracle need not be traced for coverage: libFuzzer's comparison hooks
// in it would cost most of the run time and guide nothing in the library.
#if defined(__clang__)
#define SMTP_REPLY_FUZZ_UNTRACED __attribute__((no_sanitize("coverage")))
#else
#define SMTP_REPLY_FUZZ_UNTRACED
#endif

namespace smtp_reply_reference {

/** What the model says about the first reply of an input. */
struct result {
  smtp_reply::parse_status status = smtp_reply::parse_status::incomplete;
  std::size_t consumed = 0;
  std::size_t error_offset = 0;
  // On ok only:
  std::uint16_t code = 0;
  std::size_t line_count = 0;
  std::uint8_t diagnostics = 0;  // bit i: smtp_reply::diagnostic with value i
  smtp_reply::enhanced_code enhanced{};
};

/** An enhanced code at the start of a line's text, and how many bytes it covers. */
struct enhanced_match {
  smtp_reply::enhanced_code code{};
  std::size_t length = 0;  // '#', the code, and one SP or HT after it
};

namespace detail {

SMTP_REPLY_FUZZ_UNTRACED constexpr bool digit(char c) { return c >= '0' && c <= '9'; }

/// subject / detail = "0" / %x31-39 0*2DIGIT, then something that is not a digit.
/// Returns the number of bytes read, or 0 when the field is malformed.
SMTP_REPLY_FUZZ_UNTRACED constexpr std::size_t number(std::string_view s, std::size_t at, std::uint16_t& value) {
  std::size_t end = at;
  while (end < s.size() && digit(s[end])) ++end;
  const std::size_t n = end - at;
  if (n == 0 || n > 3) return 0;
  if (n > 1 && s[at] == '0') return 0;
  unsigned v = 0;
  for (std::size_t i = at; i < end; ++i) v = v * 10 + static_cast<unsigned>(s[i] - '0');
  value = static_cast<std::uint16_t>(v);
  return n;
}

SMTP_REPLY_FUZZ_UNTRACED constexpr std::uint8_t bit(smtp_reply::diagnostic d) {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(d));
}

/// Byte `at` of the line that starts at `line` is past the limit.
SMTP_REPLY_FUZZ_UNTRACED constexpr bool past_limit(std::size_t at, std::size_t line, const smtp_reply::parse_options& o) {
  return at - line >= o.max_line_length;
}

SMTP_REPLY_FUZZ_UNTRACED inline result failed(smtp_reply::parse_status s, std::size_t at) {
  result e{};
  e.status = s;
  e.error_offset = at;
  return e;
}

}  // namespace detail

/** parsing.md, "Enhanced status code": [ "#" ] class "." subject "." detail, then SP, HT or the end. */
SMTP_REPLY_FUZZ_UNTRACED constexpr enhanced_match match_enhanced(std::string_view text) {
  std::size_t at = 0;
  if (!text.empty() && text[0] == '#') at = 1;
  if (at + 1 >= text.size()) return {};
  const char cls = text[at];
  if ((cls != '2' && cls != '4' && cls != '5') || text[at + 1] != '.') return {};
  at += 2;
  std::uint16_t subject = 0;
  std::uint16_t detail_value = 0;
  std::size_t n = detail::number(text, at, subject);
  if (n == 0) return {};
  at += n;
  if (at >= text.size() || text[at] != '.') return {};
  ++at;
  n = detail::number(text, at, detail_value);
  if (n == 0) return {};
  at += n;
  if (at < text.size()) {
    if (text[at] != ' ' && text[at] != '\t') return {};
    ++at;
  }
  enhanced_match m{};
  m.code.class_digit = static_cast<std::uint8_t>(cls - '0');
  m.code.subject = subject;
  m.code.detail = detail_value;
  m.length = at;
  return m;
}

/**
 * The first reply of `in` as parsing.md describes it. Bytes are read in order;
 * the first byte that decides an error names it (so the error first in byte
 * order wins), with the one look-ahead the grammar needs: a CR is judged by
 * the byte after it.
 */
SMTP_REPLY_FUZZ_UNTRACED inline result parse(std::string_view in, const smtp_reply::parse_options& o) {
  using smtp_reply::diagnostic;
  using smtp_reply::parse_status;
  using detail::failed;
  using detail::past_limit;
  result r{};
  const std::size_t n = in.size();
  std::uint16_t first_code = 0;
  smtp_reply::enhanced_code first_line_enhanced{};
  smtp_reply::enhanced_code first_found{};
  bool inconsistent = false;
  std::size_t line = 0;  // first byte of the current line
  for (std::size_t lines = 0;; ++lines) {
    if (line == n) return failed(parse_status::incomplete, 0);
    if (lines >= o.max_lines) return failed(parse_status::too_many_lines, line);
    // Byte k of the line is "past the limit" when k >= max_line_length. The
    // limit is only an error once such a byte is at hand; a CR before the
    // limit that the byte at the limit does not complete is the earlier error.
    // The code: three bytes.
    std::uint16_t code = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      const std::size_t at = line + k;
      if (at == n) return failed(parse_status::incomplete, 0);
      if (past_limit(at, line, o)) return failed(parse_status::line_too_long, at);
      const char c = in[at];
      if (k == 0 && (c == '\n')) return failed(parse_status::empty, line);
      if (k == 0 && c == '\r') {
        if (at + 1 == n) return failed(parse_status::incomplete, 0);
        if (past_limit(at + 1, line, o) && in[at + 1] == '\n') return failed(parse_status::line_too_long, at + 1);
        return failed(in[at + 1] == '\n' ? parse_status::empty : parse_status::bad_code, line);
      }
      const bool good = k == 0 ? (c >= '2' && c <= '5') : detail::digit(c);
      if (!good) return failed(parse_status::bad_code, at);
      if (k == 1 && c > '5') {
        if (o.strict) return failed(parse_status::bad_code, at);
        r.diagnostics |= detail::bit(diagnostic::nonstandard_code);
      }
      code = static_cast<std::uint16_t>(code * 10 + (c - '0'));
    }
    if (lines == 0) {
      first_code = code;
    } else if (code != first_code) {
      if (o.strict) return failed(parse_status::code_mismatch, line);
      r.diagnostics |= detail::bit(diagnostic::code_mismatch);
    }
    // The separator.
    std::size_t at = line + 3;
    if (at == n) return failed(parse_status::incomplete, 0);
    if (past_limit(at, line, o)) return failed(parse_status::line_too_long, at);
    bool final_line = false;
    std::size_t text_begin = at;  // empty text for a line of the code alone
    std::size_t text_end = at;
    std::size_t lf = 0;
    const char sep = in[at];
    if (sep == ' ' || sep == '-') {
      final_line = sep == ' ';
      text_begin = at + 1;
      // The text, up to its EOL.
      std::size_t i = text_begin;
      for (;; ++i) {
        if (i == n) return failed(parse_status::incomplete, 0);
        if (past_limit(i, line, o)) return failed(parse_status::line_too_long, i);
        const auto c = static_cast<unsigned char>(in[i]);
        if (c == '\n') break;
        if (c == '\r') {
          if (i + 1 == n) return failed(parse_status::incomplete, 0);
          if (in[i + 1] != '\n') return failed(parse_status::bad_character, i);
          if (past_limit(i + 1, line, o)) return failed(parse_status::line_too_long, i + 1);
          break;
        }
        if (c >= 0x80) {
          r.diagnostics |= detail::bit(diagnostic::non_ascii);
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
          return failed(parse_status::bad_character, i);
        }
      }
      text_end = i;
      lf = in[i] == '\n' ? i : i + 1;
    } else if (sep == '\n') {
      final_line = true;
      lf = at;
    } else if (sep == '\r') {
      if (at + 1 == n) return failed(parse_status::incomplete, 0);
      if (in[at + 1] != '\n') return failed(parse_status::bad_separator, at);
      if (past_limit(at + 1, line, o)) return failed(parse_status::line_too_long, at + 1);
      final_line = true;
      lf = at + 1;
    } else {
      return failed(parse_status::bad_separator, at);
    }
    const bool bare = in[lf - 1] != '\r';
    if (bare) {
      if (o.strict) return failed(parse_status::bad_character, lf);
      r.diagnostics |= detail::bit(diagnostic::bare_lf);
    }
    if (lf + 1 - line > smtp_reply::rfc5321_max_line_length) r.diagnostics |= detail::bit(diagnostic::long_line);
    const enhanced_match m = match_enhanced(in.substr(text_begin, text_end - text_begin));
    if (lines == 0) {
      first_line_enhanced = m.code;
    } else if (m.code != first_line_enhanced) {
      inconsistent = true;
    }
    if (m.code && !first_found) first_found = m.code;
    line = lf + 1;
    if (final_line) {
      r.status = parse_status::ok;
      r.consumed = line;
      r.code = code;
      r.line_count = lines + 1;
      r.enhanced = m.code ? m.code : first_found;
      if (r.enhanced && r.enhanced.class_digit != code / 100)
        r.diagnostics |= detail::bit(diagnostic::enhanced_mismatch);
      if (inconsistent) r.diagnostics |= detail::bit(diagnostic::enhanced_inconsistent);
      return r;
    }
  }
}

}  // namespace smtp_reply_reference

#endif  // SMTP_REPLY_TESTS_FUZZ_REFERENCE_PARSER_HPP
