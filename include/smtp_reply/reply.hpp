// smtp_reply: a parsed reply, its lines, and the names of parse errors and
// diagnostics (parsing.md).
#ifndef SMTP_REPLY_REPLY_HPP
#define SMTP_REPLY_REPLY_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

// std::forward_iterator_tag (line_iterator's category) without all of
// <iterator>, whose stream iterators bring <streambuf> and <string>: a third
// of parse.hpp's compile time with g++ 12. C++17 has no smaller standard
// header with the tags, so libstdc++'s own is used (<string_view> includes it
// anyway), and <iterator> elsewhere.
#if defined(__GLIBCXX__) && defined(__has_include)
#if __has_include(<bits/stl_iterator_base_types.h>)
#include <bits/stl_iterator_base_types.h>
#define SMTP_REPLY_DETAIL_HAVE_ITERATOR_TAGS 1
#endif
#endif
#ifndef SMTP_REPLY_DETAIL_HAVE_ITERATOR_TAGS
#include <iterator>
#endif
#undef SMTP_REPLY_DETAIL_HAVE_ITERATOR_TAGS

#include "codes.hpp"
#include "detail/scan.hpp"
#include "enhanced.hpp"

namespace smtp_reply {

/** Outcome of a parse: `ok`, `incomplete` (read more), or an error of parsing.md. */
enum class parse_status : std::uint8_t {
  ok,              ///< a whole reply was read
  incomplete,      ///< the buffer ends before the final line's EOL: read more
  empty,           ///< a line holds nothing before its EOL
  bad_code,        ///< the first three bytes of a line are not a reply code
  bad_separator,   ///< the byte after the code is not SP, `-` or EOL
  line_too_long,   ///< a line, EOL included, is longer than the hard limit
  too_many_lines,  ///< a reply has more lines than the limit
  bad_character,   ///< NUL, DEL, a C0 control other than HT, a lone CR (or, strict, a bare LF)
  code_mismatch,   ///< strict preset only: lines of one reply carry different codes
};

/** The stable name of a status, as parsing.md spells it. */
constexpr std::string_view to_string(parse_status s) noexcept {
  switch (s) {
    case parse_status::ok: return "ok";
    case parse_status::incomplete: return "incomplete";
    case parse_status::empty: return "empty";
    case parse_status::bad_code: return "bad_code";
    case parse_status::bad_separator: return "bad_separator";
    case parse_status::line_too_long: return "line_too_long";
    case parse_status::too_many_lines: return "too_many_lines";
    case parse_status::bad_character: return "bad_character";
    case parse_status::code_mismatch: return "code_mismatch";
  }
  return "bad_character";
}

/** Something irregular in a reply that still parsed (parsing.md, "Diagnostics"). */
enum class diagnostic : std::uint8_t {
  code_mismatch,          ///< lines carry different codes; the final line's is used
  nonstandard_code,       ///< a second digit of 6 to 9 (`571`)
  bare_lf,                ///< a line ends in LF without CR
  long_line,              ///< a line is longer than RFC 5321's 512 octets
  non_ascii,              ///< the text holds bytes above 0x7F
  enhanced_mismatch,      ///< the enhanced code's class differs from the reply code's
  enhanced_inconsistent,  ///< not every line carries the same enhanced code
};

/** Every diagnostic, in declaration order: iterate it to list a set's members. */
inline constexpr diagnostic all_diagnostics[] = {
    diagnostic::code_mismatch, diagnostic::nonstandard_code,  diagnostic::bare_lf,
    diagnostic::long_line,     diagnostic::non_ascii,         diagnostic::enhanced_mismatch,
    diagnostic::enhanced_inconsistent,
};

/** The stable name of a diagnostic, as parsing.md spells it. */
constexpr std::string_view to_string(diagnostic d) noexcept {
  switch (d) {
    case diagnostic::code_mismatch: return "code_mismatch";
    case diagnostic::nonstandard_code: return "nonstandard_code";
    case diagnostic::bare_lf: return "bare_lf";
    case diagnostic::long_line: return "long_line";
    case diagnostic::non_ascii: return "non_ascii";
    case diagnostic::enhanced_mismatch: return "enhanced_mismatch";
    case diagnostic::enhanced_inconsistent: return "enhanced_inconsistent";
  }
  return "code_mismatch";
}

/** A set of diagnostics, one bit each: no allocation. */
class diagnostic_set {
 public:
  /** True when `d` is in the set. */
  constexpr bool has(diagnostic d) const noexcept { return (bits_ & bit(d)) != 0; }
  /** Adds `d`. */
  constexpr void set(diagnostic d) noexcept { bits_ = static_cast<std::uint8_t>(bits_ | bit(d)); }
  /** True when the reply was regular. */
  constexpr bool empty() const noexcept { return bits_ == 0; }
  /** How many diagnostics are in the set. */
  constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (std::uint8_t b = bits_; b != 0; b = static_cast<std::uint8_t>(b & (b - 1))) ++n;
    return n;
  }
  /** The set as bits, bit i for the diagnostic whose value is i. */
  constexpr std::uint8_t bits() const noexcept { return bits_; }

  friend constexpr bool operator==(diagnostic_set a, diagnostic_set b) noexcept {
    return a.bits_ == b.bits_;
  }
  friend constexpr bool operator!=(diagnostic_set a, diagnostic_set b) noexcept {
    return a.bits_ != b.bits_;
  }

 private:
  static constexpr std::uint8_t bit(diagnostic d) noexcept {
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(d));
  }
  std::uint8_t bits_ = 0;
};

/** One line of a reply, as a view into the caller's buffer. */
struct reply_line {
  /** The line's own three-digit code. */
  std::uint16_t code = 0;
  /** The enhanced code the line's text starts with, if any. */
  enhanced_code enhanced{};
  /** The text after the separator, with the enhanced code (and `#`, and one blank) stripped. */
  std::string_view text;
};

/**
 * Forward iterator over the lines of a parsed reply (iterator_category is
 * std::forward_iterator_tag; include <iterator> for std::distance and the
 * other iterator functions). It re-reads the reply's bytes (already
 * validated) lazily, so no storage grows with the line count.
 */
class line_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = reply_line;
  using difference_type = std::ptrdiff_t;
  using pointer = const reply_line*;
  using reference = const reply_line&;

  constexpr line_iterator() noexcept = default;
  constexpr line_iterator(const char* at, const char* end) noexcept : at_(at), end_(end) { load(); }

  constexpr reference operator*() const noexcept { return line_; }
  constexpr pointer operator->() const noexcept { return &line_; }
  constexpr line_iterator& operator++() noexcept {
    at_ = next_;
    load();
    return *this;
  }
  constexpr line_iterator operator++(int) noexcept {
    line_iterator old = *this;
    ++*this;
    return old;
  }
  friend constexpr bool operator==(const line_iterator& a, const line_iterator& b) noexcept {
    return a.at_ == b.at_;
  }
  friend constexpr bool operator!=(const line_iterator& a, const line_iterator& b) noexcept {
    return a.at_ != b.at_;
  }

 private:
  constexpr void load() noexcept {
    line_ = reply_line{};
    if (at_ == end_) {
      next_ = at_;
      return;
    }
    const char* lf = detail::find_lf(at_, end_);
    next_ = lf == end_ ? end_ : lf + 1;
    const char* text_end = (lf != at_ && lf[-1] == '\r') ? lf - 1 : lf;
    line_.code = static_cast<std::uint16_t>((at_[0] - '0') * 100 + (at_[1] - '0') * 10 + (at_[2] - '0'));
    const char* text = at_ + 3;
    if (text < text_end && (*text == ' ' || *text == '-')) ++text;
    if (text > text_end) text = text_end;
    std::string_view t(text, static_cast<std::size_t>(text_end - text));
    const enhanced_prefix p = match_enhanced_prefix(t);
    line_.enhanced = p.code;
    line_.text = t.substr(p.length);
  }

  const char* at_ = nullptr;
  const char* end_ = nullptr;
  const char* next_ = nullptr;
  reply_line line_{};
};

/** The lines of a reply, first to last: a lazy range over the reply's bytes. */
class line_range {
 public:
  constexpr line_range() noexcept = default;
  constexpr explicit line_range(std::string_view raw) noexcept : raw_(raw) {}
  constexpr line_iterator begin() const noexcept { return line_iterator(raw_.data(), raw_.data() + raw_.size()); }
  constexpr line_iterator end() const noexcept {
    return line_iterator(raw_.data() + raw_.size(), raw_.data() + raw_.size());
  }

 private:
  std::string_view raw_;
};

/**
 * A parsed reply (RFC 5321 section 4.2): views into the caller's buffer, valid
 * as long as that buffer is.
 */
struct reply {
  /** The reply code: the final line's (RFC 5321 4.2.1; Postfix reads mixed codes so). */
  std::uint16_t code = 0;
  /** The class, from the reply code's first digit. */
  smtp_reply::reply_class reply_class = smtp_reply::reply_class::permanent;
  /** The reply's enhanced code: the final line's, else the first line's that has one. */
  enhanced_code enhanced{};
  /** What was irregular but readable. */
  diagnostic_set diagnostics{};
  /** Number of lines. */
  std::size_t line_count = 0;
  /** The reply's bytes, from its first code digit through its final EOL. */
  std::string_view raw;

  /** The lines, enhanced codes stripped from their text (parsing.md). */
  constexpr line_range lines() const noexcept { return line_range(raw); }
  /** The final line (its text is where servers put the summary); read backwards from the end. */
  constexpr reply_line last_line() const noexcept {
    if (raw.size() < 2) return *lines().begin();
    std::size_t start = raw.size() - 1;  // the final LF
    while (start > 0 && raw[start - 1] != '\n') --start;
    return *line_iterator(raw.data() + start, raw.data() + raw.size());
  }
};

}  // namespace smtp_reply

#endif  // SMTP_REPLY_REPLY_HPP
