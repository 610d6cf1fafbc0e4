// parse() reads whole lines in a fast loop and hands anything unusual to the
// byte-by-byte state machine at the start of that line (parse.hpp,
// feed_lines()). Fed a byte at a time, the parser never has a whole line at
// hand, so the state machine reads every byte. Here both are compared, and
// with the reference model (tests/fuzz/reference_parser.hpp), on replies
// generated at random and biased towards where the fast loop has to give up
// or be exact: CRLF, bare LF and lone CR, tabs, 8-bit and control bytes,
// nonstandard and mismatching codes, enhanced codes of every shape, lines at
// and around small line limits, few lines allowed, both presets. Random
// chunks enter the fast loop in the middle of a reply, with state to carry.
//
// The generator is seeded (std::mt19937), so a failure names its iteration
// and replays.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include <smtp_reply/parse.hpp>

#include "fuzz/reference_parser.hpp"
#include "support.hpp"

using smtp_reply::diagnostic;
using smtp_reply::enhanced_code;
using smtp_reply::parse;
using smtp_reply::parse_options;
using smtp_reply::parse_result;
using smtp_reply::parse_status;
using smtp_reply::parser;
using smtp_reply_test::escape;
using smtp_reply_test::exact_buffer;
using smtp_reply_test::name;
using smtp_reply_test::names;
using smtp_reply_test::result_summary;
using smtp_reply_test::summarize;

namespace {

// Compile time takes the fast loop's byte-by-byte scan: its results are the
// state machine's too.
constexpr bool same_at_compile_time(std::string_view input, const parse_options& options = smtp_reply::default_preset) {
  parser bytewise(options);
  parse_result fed{};
  for (std::size_t k = 1; k <= input.size(); ++k) {
    fed = bytewise.feed(input.substr(0, k));
    if (!fed.need_more()) break;
  }
  const parse_result whole = parse(input, options);
  return whole.status == fed.status && whole.consumed == fed.consumed && whole.error_offset == fed.error_offset &&
         whole.reply.code == fed.reply.code && whole.reply.reply_class == fed.reply.reply_class &&
         whole.reply.enhanced == fed.reply.enhanced && whole.reply.diagnostics == fed.reply.diagnostics &&
         whole.reply.line_count == fed.reply.line_count && whole.reply.raw == fed.reply.raw;
}

// Fed in two pieces, the second call takes the fast loop in the middle of
// the reply, from the state the first one left.
constexpr bool same_in_two_at_compile_time(std::string_view input, std::size_t cut) {
  parser p;
  const parse_result first = p.feed(input.substr(0, cut));
  const parse_result whole = parse(input);
  if (!first.need_more()) return first.status == whole.status && first.consumed == whole.consumed;
  const parse_result second = p.feed(input);
  return second.status == whole.status && second.consumed == whole.consumed &&
         second.reply.code == whole.reply.code && second.reply.enhanced == whole.reply.enhanced &&
         second.reply.diagnostics == whole.reply.diagnostics && second.reply.line_count == whole.reply.line_count;
}

constexpr parse_options tiny{12, 2, false};

static_assert(same_in_two_at_compile_time("250-a\r\n250-2.1.0 b\r\n250 2.1.0 c\r\n", 7));
static_assert(same_in_two_at_compile_time("250-a\r\n250-2.1.0 b\r\n250 2.1.0 c\r\n", 10));
static_assert(same_in_two_at_compile_time("250-caf\xc3\xa9\n571-b\r\n571 c\r\n", 10));

static_assert(same_at_compile_time("250-mx.example.com\r\n250-PIPELINING\n250-SIZE 10240000\r\n250 8BITMIME\r\n"));
static_assert(same_at_compile_time("452-4.2.2 over quota\r\n452-4.2.2 the recipient\r\n452 4.2.2 gsmtp\r\n"));
static_assert(same_at_compile_time("550-5.1.1 a\r\n550 #5.1.1 b\r\n250 next\r\n"));
static_assert(same_at_compile_time("550-5.1.1 a\r\n550-b\r\n550 5.1.10\tc\r\n"));
static_assert(same_at_compile_time("250-a\tb\r\n250 caf\xc3\xa9\r\n"));
static_assert(same_at_compile_time("220-a\r\n421 b\r\n"));
static_assert(same_at_compile_time("250-a\r\n250 b\rc\r\n"));
static_assert(same_at_compile_time("250-a\r\n250 b\n", smtp_reply::strict_preset));
static_assert(same_at_compile_time("250-12345678\r\n250 1234567\r\n", tiny));
static_assert(same_at_compile_time("250-a\r\n250-b\r\n250 c\r\n", tiny));
static_assert(same_at_compile_time("250-a\r\n250 unterminated"));
static_assert(parse("250-a\r\n250-2.0.0 b\r\n250 4.0.0 c\r\n").reply.line_count == 3);
static_assert(parse("250-a\r\n250-2.0.0 b\r\n250 4.0.0 c\r\n").reply.diagnostics.has(diagnostic::enhanced_inconsistent));
static_assert(parse("250-a\r\n250-2.0.0 b\r\n250 4.0.0 c\r\n").reply.diagnostics.has(diagnostic::enhanced_mismatch));

/** Replies biased towards the edges of the fast loop. */
class edge_generator {
 public:
  explicit edge_generator(std::uint32_t seed) : rng_(seed) {}

  std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
  bool percent(unsigned p) { return below(100) < p; }

  parse_options options() {
    parse_options o = percent(50) ? smtp_reply::default_preset : smtp_reply::strict_preset;
    if (percent(45)) o.max_line_length = 4 + below(37);  // 4..40
    else if (percent(10)) o.max_line_length = below(6);
    if (percent(50)) o.max_lines = 1 + below(5);
    else if (percent(5)) o.max_lines = 0;
    if (percent(20)) o.strict = !o.strict;
    return o;
  }

  std::string reply(const parse_options& o) {
    quiet_ = percent(50);  // a reply with few irregularities
    std::string out;
    std::string first;
    const std::size_t lines = 1 + below(percent(80) ? 4 : 8);
    for (std::size_t i = 0; i < lines; ++i) {
      std::string line = code(first);
      if (first.empty()) first = line;
      if (percent(4)) {
        line += eol();  // the code alone
      } else {
        line += percent(97) ? (i + 1 == lines ? ' ' : '-') : pick("\t x\r\n-");
        if (percent(60)) line += enhanced();
        std::size_t n = below(percent(70) ? 12 : 60);
        if (percent(30) && o.max_line_length < 200) {
          // At the limit, or a byte or two around it.
          const std::size_t target = o.max_line_length + below(5);
          n = target > line.size() + 4 ? target - line.size() - 4 : 0;
        }
        if (percent(5) && o.max_line_length >= 512) n = 500 + below(20);  // around RFC 5321's 512
        const bool plain = percent(quiet_ ? 50 : 30);
        for (std::size_t k = 0; k < n; ++k) line += plain ? pick("abcdefgh ijklmnop.") : text_byte();
        line += eol();
      }
      out += line;
    }
    if (percent(30)) out += "250 next\r\n";  // pipelined: not to be read
    if (percent(quiet_ ? 5 : 15)) out.resize(below(out.size() + 1));
    return out;
  }

 private:
  char pick(std::string_view from) { return from[below(from.size())]; }

  std::string code(const std::string& first) {
    if (!first.empty() && percent(quiet_ ? 97 : 80)) return first;
    std::string c;
    c += percent(quiet_ ? 99 : 90) ? pick("2345") : pick("016789a \r\n");
    c += percent(85) ? pick("012345") : pick("6789x");
    c += percent(95) ? pick("0123456789") : pick("x \r\n");
    if (percent(3)) c.resize(below(3));
    if (percent(3)) {
      // A line start of odd bytes: a few, so that each mix of them turns up.
      c.clear();
      for (int k = 0; k < 4; ++k) c += pick(std::string_view("\0\r -2", 5));
    }
    return c;
  }

  // [#] class . subject . detail, then SP, HT or something else: every shape.
  std::string enhanced() {
    std::string e;
    if (percent(15)) e += '#';
    e += percent(90) ? pick("245") : pick("13x");
    e += percent(95) ? '.' : ',';
    for (std::size_t i = 0, n = percent(90) ? 1 + below(3) : below(5); i < n; ++i)
      e += i == 0 && percent(70) ? pick("123456789") : pick("0123456789");
    e += percent(95) ? '.' : '-';
    for (std::size_t i = 0, n = percent(90) ? 1 + below(3) : below(5); i < n; ++i)
      e += i == 0 && percent(70) ? pick("123456789") : pick("0123456789");
    if (percent(85)) e += percent(80) ? ' ' : '\t';
    else if (percent(50)) e += pick("x.0");
    return e;
  }

  char text_byte() {
    const std::size_t r = quiet_ ? below(92) : below(100);
    if (r < 80) return pick("abcxyz ABC.,;:-0123456789<>@");
    if (r < 85) return '\t';
    if (r < 92) return static_cast<char>(0x80 + below(128));
    if (r < 95) return pick(std::string_view("\x00\x01\x1f\x7f\x0b", 5));
    if (r < 98) return '\r';
    return '\n';
  }

  std::string eol() {
    const std::size_t r = quiet_ ? below(92) : below(100);
    if (r < 70) return "\r\n";
    if (r < 92) return "\n";
    if (r < 95) return "\r";
    if (r < 97) return "\r\r\n";
    return "";
  }

  std::mt19937 rng_;
  bool quiet_ = false;
};

/** The state machine alone: one byte more per call, each prefix in its own exact buffer. */
result_summary bytewise(std::string_view input, const parse_options& options) {
  parser p(options);
  for (std::size_t k = 0;; ++k) {
    const exact_buffer prefix(input.substr(0, k));
    const parse_result r = p.feed(prefix.view());
    if (!r.need_more() || k == input.size()) return summarize(r);
  }
}

/** Random chunks (the fast loop entered mid-reply), views of one exact copy. */
result_summary chunked(std::string_view input, const parse_options& options, edge_generator& g) {
  const exact_buffer all(input);
  parser p(options);
  std::size_t have = 0;
  for (;;) {
    have = std::min(input.size(), have + g.below(24));
    const parse_result r = p.feed(all.view().substr(0, have));
    if (!r.need_more() || have == input.size()) return summarize(r);
  }
}

bool agrees_with_model(const result_summary& s, const smtp_reply_reference::result& want) {
  return s.status == want.status && s.error_offset == want.error_offset && s.consumed == want.consumed &&
         (s.status != parse_status::ok || (s.code == want.code && s.line_count == want.line_count &&
                                           s.diagnostics == want.diagnostics && s.enhanced == want.enhanced));
}

}  // namespace

TEST_SUITE("parse differential") {

TEST_CASE("whole lines, byte by byte, in chunks and the model agree on edge-biased replies") {
  edge_generator g(4954U);
  std::size_t seen[9] = {};
  std::size_t failures = 0;
  for (int i = 0; i < 30000 && failures < 10; ++i) {
    const parse_options options = g.options();
    const std::string input = g.reply(options);
    const exact_buffer copy(input);
    const result_summary whole = summarize(parse(copy.view(), options));
    ++seen[static_cast<std::size_t>(whole.status)];
    const result_summary one_by_one = bytewise(input, options);
    const result_summary in_chunks = chunked(input, options, g);
    const smtp_reply_reference::result want = smtp_reply_reference::parse(copy.view(), options);
    if (whole != one_by_one || whole != in_chunks || !agrees_with_model(whole, want)) {
      ++failures;
      CAPTURE(i);
      CAPTURE(escape(input));
      CAPTURE(options.max_line_length);
      CAPTURE(options.max_lines);
      CAPTURE(options.strict);
      CHECK(whole == one_by_one);
      CHECK(whole == in_chunks);
      CHECK(name(whole.status) == name(want.status));
      CHECK(whole.error_offset == want.error_offset);
      CHECK(whole.consumed == want.consumed);
      if (whole.status == parse_status::ok && want.status == parse_status::ok) {
        CHECK(whole.code == want.code);
        CHECK(whole.line_count == want.line_count);
        CHECK(names(whole.diagnostics) == names(want.diagnostics));
        CHECK(name(whole.enhanced) == name(want.enhanced));
      }
    }
  }
  CHECK(failures == 0);
  // Every outcome is reached often.
  for (std::size_t s = 0; s < 9; ++s) {
    CAPTURE(name(static_cast<parse_status>(s)));
    CHECK(seen[s] > 100);
  }
}

TEST_CASE("the fast loop's results at compile time are the state machine's") {
  CHECK(same_at_compile_time("250-mx.example.com\r\n250-PIPELINING\n250 8BITMIME\r\n"));
  CHECK(same_at_compile_time("250-12345678\r\n250 1234567\r\n", tiny));
}

}  // TEST_SUITE
