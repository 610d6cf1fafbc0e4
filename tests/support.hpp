// Shared helpers for the smtp_reply test suite.
//
// - smtp_reply_test_allocations(): the global allocation counter (defined in
//   test_alloc.cpp, which replaces the global operator new/delete).
// - exact_buffer: a copy of some bytes in a heap block of exactly that size, no
//   NUL after it, so AddressSanitizer catches any read past the end (a string
//   literal would hide it behind its terminator). STYLE.md habit 12.
// - parsed / result_summary: parse an exact copy, and compare results from
//   different buffers by value (texts copied out), for the chunking tests.
// - name()/quoted() helpers, so failed checks print names rather than numbers.
#ifndef SMTP_REPLY_TESTS_SUPPORT_HPP
#define SMTP_REPLY_TESTS_SUPPORT_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include <smtp_reply/enhanced.hpp>
#include <smtp_reply/parse.hpp>
#include <smtp_reply/reply.hpp>

/** Number of calls to any global operator new / new[] since the program started. */
std::size_t smtp_reply_test_allocations();

namespace smtp_reply_test {

/** How many allocations `f()` made (run it outside any doctest assertion). */
template <class F>
std::size_t allocations_during(F&& f) {
  const std::size_t before = smtp_reply_test_allocations();
  std::forward<F>(f)();
  return smtp_reply_test_allocations() - before;
}

/** Bytes copied into a heap block of exactly their size: reading past the end trips ASan. */
class exact_buffer {
 public:
  exact_buffer() : exact_buffer(std::string_view()) {}
  explicit exact_buffer(std::string_view bytes) : data_(new char[bytes.size()]), size_(bytes.size()) {
    if (size_ != 0) std::memcpy(data_.get(), bytes.data(), size_);
  }
  std::string_view view() const noexcept { return std::string_view(data_.get(), size_); }
  std::size_t size() const noexcept { return size_; }
  const char* data() const noexcept { return data_.get(); }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
};

/** One line of a reply, copied out of the buffer. */
struct line_summary {
  std::uint16_t code = 0;
  smtp_reply::enhanced_code enhanced{};
  std::string text;

  friend bool operator==(const line_summary& a, const line_summary& b) {
    return a.code == b.code && a.enhanced == b.enhanced && a.text == b.text;
  }
  friend bool operator!=(const line_summary& a, const line_summary& b) { return !(a == b); }
};

/** Everything a parse says, by value, so results over different buffers compare. */
struct result_summary {
  smtp_reply::parse_status status = smtp_reply::parse_status::incomplete;
  std::size_t consumed = 0;
  std::size_t error_offset = 0;
  std::uint16_t code = 0;
  smtp_reply::reply_class reply_class = smtp_reply::reply_class::permanent;
  smtp_reply::enhanced_code enhanced{};
  std::uint8_t diagnostics = 0;
  std::size_t line_count = 0;
  std::string raw;
  std::vector<line_summary> lines;
  line_summary last_line;

  friend bool operator==(const result_summary& a, const result_summary& b) {
    return a.status == b.status && a.consumed == b.consumed && a.error_offset == b.error_offset &&
           a.code == b.code && a.reply_class == b.reply_class && a.enhanced == b.enhanced &&
           a.diagnostics == b.diagnostics && a.line_count == b.line_count && a.raw == b.raw &&
           a.lines == b.lines && a.last_line == b.last_line;
  }
  friend bool operator!=(const result_summary& a, const result_summary& b) { return !(a == b); }
};

inline line_summary summarize(const smtp_reply::reply_line& line) {
  return line_summary{line.code, line.enhanced, std::string(line.text)};
}

inline result_summary summarize(const smtp_reply::parse_result& r) {
  result_summary s;
  s.status = r.status;
  s.consumed = r.consumed;
  s.error_offset = r.error_offset;
  if (r) {
    s.code = r.reply.code;
    s.reply_class = r.reply.reply_class;
    s.enhanced = r.reply.enhanced;
    s.diagnostics = r.reply.diagnostics.bits();
    s.line_count = r.reply.line_count;
    s.raw = std::string(r.reply.raw);
    for (const smtp_reply::reply_line& line : r.reply.lines()) s.lines.push_back(summarize(line));
    s.last_line = summarize(r.reply.last_line());
  }
  return s;
}

/**
 * True when `r` says exactly what `s` says (same fields, same raw bytes, same
 * lines): summarize(r) == s, without allocating, for tests that compare often.
 */
inline bool matches(const smtp_reply::parse_result& r, const result_summary& s) {
  if (r.status != s.status || r.consumed != s.consumed || r.error_offset != s.error_offset) return false;
  if (!r) return true;
  const smtp_reply::reply& p = r.reply;
  if (p.code != s.code || p.reply_class != s.reply_class || p.enhanced != s.enhanced ||
      p.diagnostics.bits() != s.diagnostics || p.line_count != s.line_count || p.raw != s.raw)
    return false;
  std::size_t i = 0;
  for (const smtp_reply::reply_line& line : p.lines()) {
    if (i == s.lines.size()) return false;
    const line_summary& want = s.lines[i++];
    if (line.code != want.code || line.enhanced != want.enhanced || line.text != want.text) return false;
  }
  if (i != s.lines.size()) return false;
  const smtp_reply::reply_line last = p.last_line();
  return last.code == s.last_line.code && last.enhanced == s.last_line.enhanced && last.text == s.last_line.text;
}

/** The texts of a reply's lines, in order. */
inline std::vector<std::string> texts(const smtp_reply::reply& r) {
  std::vector<std::string> out;
  for (const smtp_reply::reply_line& line : r.lines()) out.emplace_back(line.text);
  return out;
}

/** An exact copy of `bytes` and the result of parsing it (views point into `input`). */
struct parsed {
  exact_buffer input;
  smtp_reply::parse_result result;

  explicit parsed(std::string_view bytes, const smtp_reply::parse_options& options = smtp_reply::default_preset)
      : input(bytes), result(smtp_reply::parse(input.view(), options)) {}

  smtp_reply::parse_status status() const noexcept { return result.status; }
  const smtp_reply::reply& reply() const noexcept { return result.reply; }
  std::vector<std::string> texts() const { return smtp_reply_test::texts(result.reply); }
};

/** Whole-buffer parse of an exact copy, summarized. */
inline result_summary parse_summary(std::string_view bytes,
                                    const smtp_reply::parse_options& options = smtp_reply::default_preset) {
  const parsed p(bytes, options);
  return summarize(p.result);
}

/** `count` copies of `c`. */
inline std::string repeat(char c, std::size_t count) { return std::string(count, c); }

/** A line of exactly `length` bytes, EOL included: code, separator, filler text, EOL. */
inline std::string line_of_length(std::size_t length, char separator = ' ', std::string_view eol = "\r\n",
                                  std::string_view code = "250") {
  const std::size_t fixed = code.size() + 1 + eol.size();
  std::string line(code);
  line += separator;
  line += repeat('x', length > fixed ? length - fixed : 0);
  line += eol;
  return line;
}

/** Diagnostics as a bit set, from a list. */
inline std::uint8_t diagnostic_bits(std::initializer_list<smtp_reply::diagnostic> list) {
  smtp_reply::diagnostic_set set;
  for (smtp_reply::diagnostic d : list) set.set(d);
  return set.bits();
}

/** Readable form of a byte string: printable ASCII as is, the rest escaped. */
inline std::string escape(std::string_view bytes) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (u >= 0x20 && u < 0x7F) {
      out += c;
    } else {
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

inline std::string names(std::uint8_t diagnostic_bits);

inline std::string describe(const result_summary& s) {
  std::string out(smtp_reply::to_string(s.status));
  if (s.status == smtp_reply::parse_status::ok) {
    out += " consumed=" + std::to_string(s.consumed) + " code=" + std::to_string(s.code) +
           " enhanced=" + std::string(smtp_reply::to_string(s.enhanced).view()) +
           " diagnostics=" + names(s.diagnostics) + " lines=" + std::to_string(s.line_count);
    for (const line_summary& l : s.lines) out += " [" + std::to_string(l.code) + " " + escape(l.text) + "]";
  } else {
    out += " at " + std::to_string(s.error_offset);
  }
  return out;
}

/** The stable name of a status, diagnostic or class, as a std::string (prints well in doctest). */
inline std::string name(smtp_reply::parse_status s) { return std::string(smtp_reply::to_string(s)); }
inline std::string name(smtp_reply::diagnostic d) { return std::string(smtp_reply::to_string(d)); }
inline std::string name(smtp_reply::reply_class c) { return std::string(smtp_reply::to_string(c)); }
/** `5.1.1`, or empty for no enhanced code. */
inline std::string name(const smtp_reply::enhanced_code& e) { return std::string(smtp_reply::to_string(e).view()); }
/** The names of the diagnostics in a bit set, comma separated, in declaration order. */
inline std::string names(std::uint8_t diagnostic_bits) {
  std::string out;
  for (smtp_reply::diagnostic d : smtp_reply::all_diagnostics) {
    if (((static_cast<unsigned>(diagnostic_bits) >> static_cast<unsigned>(d)) & 1U) == 0) continue;
    if (!out.empty()) out += ",";
    out += smtp_reply::to_string(d);
  }
  return out;
}
inline std::string names(smtp_reply::diagnostic_set set) { return names(set.bits()); }

/** A list of texts as `["a", "b\r"]`, escaped: compare two of these in a CHECK. */
inline std::string quoted(const std::vector<std::string>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i != 0) out += ", ";
    out += "\"" + escape(list[i]) + "\"";
  }
  return out + "]";
}

inline std::ostream& operator<<(std::ostream& os, const result_summary& s) { return os << describe(s); }
inline std::ostream& operator<<(std::ostream& os, const line_summary& l) {
  return os << l.code << " " << name(l.enhanced) << " \"" << escape(l.text) << "\"";
}

}  // namespace smtp_reply_test

#endif  // SMTP_REPLY_TESTS_SUPPORT_HPP
