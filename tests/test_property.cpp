// Property tests: replies generated at random from the grammar of parsing.md
// (RFC 5321 4.2, RFC 3463, RFC 2034), and the same replies mutated.
//
// Valid replies: the generator knows what it wrote, so the parse must give it
// back exactly: consumed bytes (with the next reply's bytes after it), line
// count, code, enhanced code, every line's code, enhanced code and text, and
// the diagnostics. Mutated replies (bytes flipped, inserted, deleted): the
// parse must agree with the reference model (tests/fuzz/reference_parser.hpp).
// Both: the result is the same fed in random chunks or a byte at a time
// (parser::feed, each chunk in its own exactly sized buffer), and no input is
// read past its end (the suite runs under ASan too).
//
// The generator is seeded (std::mt19937), so a failure names its seed and
// iteration and replays.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <smtp_reply/enhanced.hpp>
#include <smtp_reply/parse.hpp>
#include <smtp_reply/reply.hpp>

#include "fuzz/reference_parser.hpp"
#include "support.hpp"

using smtp_reply::diagnostic;
using smtp_reply::enhanced_code;
using smtp_reply::parse_options;
using smtp_reply::parse_result;
using smtp_reply::parse_status;
using smtp_reply::parser;
using smtp_reply_test::escape;
using smtp_reply_test::exact_buffer;
using smtp_reply_test::name;
using smtp_reply_test::names;
using smtp_reply_test::parse_summary;
using smtp_reply_test::result_summary;
using smtp_reply_test::summarize;

namespace {

/** A line as the generator wrote it, and what the parser must read back. */
struct generated_line {
  std::uint16_t code = 0;
  enhanced_code enhanced{};
  std::string text;  // line.text: after the separator and the enhanced code
  std::string wire;  // the line's bytes, EOL included
  bool bare_lf = false;
  bool high = false;  // the text holds bytes above 0x7F
};

/** A reply as the generator wrote it. */
struct generated_reply {
  std::string wire;
  std::vector<generated_line> lines;
  std::uint16_t code = 0;
  enhanced_code enhanced{};
  std::uint8_t diagnostics = 0;
};

std::uint8_t bit(diagnostic d) { return static_cast<std::uint8_t>(1U << static_cast<unsigned>(d)); }

class reply_generator {
 public:
  explicit reply_generator(std::uint32_t seed) : rng_(seed) {}

  std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool percent(std::size_t p) { return below(100) < p; }
  char byte() { return static_cast<char>(below(256)); }

  /** A reply valid under `options` (strict: no bare LF, one code, second digit 0-5). */
  generated_reply reply(const parse_options& options) {
    generated_reply r;
    std::size_t count = 1;
    const std::size_t shape = below(100);
    if (shape >= 40) count = 2 + below(4);
    if (shape >= 90) count = 6 + below(60);
    if (shape == 99 && percent(20)) count = options.max_lines;  // exactly at the limit
    const std::uint16_t first = code(options.strict);
    for (std::size_t i = 0; i < count; ++i) {
      const bool last = i + 1 == count;
      std::uint16_t c = first;
      if (!options.strict && percent(5)) c = code(false);  // mixed codes (code_mismatch)
      r.lines.push_back(line(c, last, options));
      r.wire += r.lines.back().wire;
    }
    // What parsing.md says the reply is.
    r.code = r.lines.back().code;
    r.enhanced = r.lines.back().enhanced;
    for (std::size_t i = 0; i < r.lines.size() && !r.enhanced; ++i) r.enhanced = r.lines[i].enhanced;
    for (const generated_line& l : r.lines) {
      if (l.code != r.lines.front().code) r.diagnostics |= bit(diagnostic::code_mismatch);
      if ((l.code / 10) % 10 > 5) r.diagnostics |= bit(diagnostic::nonstandard_code);
      if (l.bare_lf) r.diagnostics |= bit(diagnostic::bare_lf);
      if (l.wire.size() > smtp_reply::rfc5321_max_line_length) r.diagnostics |= bit(diagnostic::long_line);
      if (l.high) r.diagnostics |= bit(diagnostic::non_ascii);
      if (l.enhanced != r.lines.front().enhanced) r.diagnostics |= bit(diagnostic::enhanced_inconsistent);
    }
    if (r.enhanced && r.enhanced.class_digit != r.code / 100) r.diagnostics |= bit(diagnostic::enhanced_mismatch);
    return r;
  }

  /** Flips, inserts or deletes 1 to 3 bytes, often grammar bytes. */
  std::string mutate(std::string s) {
    static constexpr std::string_view grammar = "\r\n \t-#.0123456789\x7f\x80\xff";
    const std::size_t edits = 1 + below(3);
    for (std::size_t e = 0; e < edits; ++e) {
      const char c = percent(60) ? grammar[below(grammar.size())] : byte();
      const std::size_t what = below(3);
      if (what == 0 && !s.empty()) {
        s[below(s.size())] = c;
      } else if (what == 1 || s.empty()) {
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(below(s.size() + 1)), c);
      } else {
        s.erase(below(s.size()), 1);
      }
    }
    return s;
  }

 private:
  std::uint16_t code(bool strict) {
    const std::size_t first = 2 + below(4);
    const std::size_t second = !strict && percent(5) ? 6 + below(4) : below(6);
    return static_cast<std::uint16_t>(first * 100 + second * 10 + below(10));
  }

  std::string number() {  // "0" / %x31-39 0*2DIGIT
    const std::size_t digits = below(10) == 0 ? 3 : 1 + below(2);
    if (digits == 1 && percent(30)) return "0";
    std::string out(1, static_cast<char>('1' + below(9)));
    while (out.size() < digits) out += static_cast<char>('0' + below(10));
    return out;
  }

  // Text bytes: printable ASCII, HT, and well-formed UTF-8 (RFC 6531).
  void text_into(std::string& out, std::size_t length, bool& high, bool may_start_like_code) {
    const std::size_t start = out.size();
    while (out.size() - start < length) {
      const std::size_t left = length - (out.size() - start);
      const std::size_t kind = below(100);
      if (kind < 80 || (kind >= 88 && left < 4)) {
        out += static_cast<char>(0x20 + below(0x5F));
      } else if (kind < 88) {
        out += '\t';
      } else if (kind < 94) {
        out += "\xc3\xa9";  // é
        high = true;
      } else if (kind < 98) {
        out += "\xe2\x82\xac";  // €
        high = true;
      } else {
        out += "\xf0\x9f\x93\xa7";  // U+1F4E7
        high = true;
      }
    }
    // Text that is not preceded by an enhanced code must not start like one:
    // its first byte is then neither a digit nor '#'.
    if (!may_start_like_code && out.size() > start) {
      const char c = out[start];
      if ((c >= '0' && c <= '9') || c == '#') out[start] = 'x';
    }
  }

  generated_line line(std::uint16_t c, bool last, const parse_options& options) {
    generated_line l;
    l.code = c;
    l.bare_lf = !options.strict && percent(10);
    const std::string eol = l.bare_lf ? "\n" : "\r\n";
    l.wire = std::to_string(c);
    // Room for the text within the hard limit (EOL included), most lines short.
    const std::size_t limit = options.max_line_length < 4096 ? options.max_line_length : 4096;
    const std::size_t room = limit - 4 - eol.size();
    std::size_t length = below(40);
    if (percent(3)) length = below(room + 1);  // up to exactly the limit
    if (percent(1)) length = room;
    // The code alone: "250<EOL>" for a final line, "250-<EOL>" else.
    if (length == 0 && percent(50)) {
      l.wire += last ? "" : "-";
      l.wire += eol;
      return l;
    }
    l.wire += last ? ' ' : '-';
    std::string text;
    if (percent(40)) {
      const bool hash = percent(15);
      const char cls = "245"[below(3)];
      std::string spelled = std::string(1, cls) + "." + number() + "." + number();
      l.enhanced = smtp_reply_reference::match_enhanced(spelled).code;
      std::string code_text = (hash ? "#" : "") + spelled;
      if (code_text.size() + 1 <= length) {
        l.wire += code_text;
        l.wire += percent(85) ? ' ' : '\t';
        text_into(l.text, length - code_text.size() - 1, l.high, true);
      } else if (code_text.size() <= room) {
        l.wire += code_text;  // the code alone, then the EOL
      } else {
        l.enhanced = enhanced_code{};
        text_into(l.text, length, l.high, false);
      }
    } else {
      text_into(l.text, length, l.high, false);
    }
    l.wire += l.text;
    l.wire += eol;
    return l;
  }

  std::mt19937 rng_;
};

/**
 * Feeds `input` in chunks whose sizes `next_size()` gives. Each prefix is
 * copied into its own exactly sized buffer (a read past it trips ASan) while
 * that stays cheap; longer inputs are fed as views of one exact copy.
 * `work` is the total forward movement of scanned().
 */
template <class NextSize>
result_summary feed_in_chunks(std::string_view input, const parse_options& options, NextSize next_size,
                              std::size_t& work) {
  const bool copy_each = input.size() <= 4096;
  const exact_buffer all(input);
  parser p(options);
  std::size_t have = 0;
  work = 0;
  for (;;) {
    const std::size_t step = next_size();
    have = input.size() - have > step ? have + step : input.size();
    const exact_buffer chunk(copy_each ? input.substr(0, have) : std::string_view());
    const std::string_view view = copy_each ? chunk.view() : all.view().substr(0, have);
    const std::size_t before = p.scanned();
    const parse_result r = p.feed(view);
    if (!r.need_more() || have == input.size()) return summarize(r);
    work += p.scanned() - before;
  }
}

/** Same result in random chunks and a byte at a time as in one piece; O(n) work. */
void check_chunking(reply_generator& g, std::string_view input, const parse_options& options) {
  const result_summary whole = parse_summary(input, options);
  std::size_t work = 0;
  const result_summary bytewise = feed_in_chunks(input, options, [] { return std::size_t{1}; }, work);
  if (bytewise != whole) {
    CAPTURE(escape(input));
    CHECK(bytewise == whole);
  }
  CHECK(work <= input.size());
  const result_summary random = feed_in_chunks(input, options, [&] { return g.below(64); }, work);
  if (random != whole) {
    CAPTURE(escape(input));
    CHECK(random == whole);
  }
  CHECK(work <= input.size());
}

/** The library and the reference model read `input` alike. */
void check_against_model(std::string_view input, const parse_options& options) {
  const smtp_reply_test::parsed p(input, options);
  const parse_result& r = p.result;
  const smtp_reply_reference::result want = smtp_reply_reference::parse(p.input.view(), options);
  const bool same = r.status == want.status && r.error_offset == want.error_offset && r.consumed == want.consumed &&
                    (!r || (r.reply.code == want.code && r.reply.line_count == want.line_count &&
                            r.reply.diagnostics.bits() == want.diagnostics && r.reply.enhanced == want.enhanced));
  if (!same) {
    CAPTURE(escape(input));
    CAPTURE(options.strict);
    CAPTURE(options.max_line_length);
    CAPTURE(options.max_lines);
    CHECK(name(r.status) == name(want.status));
    CHECK(r.error_offset == want.error_offset);
    CHECK(r.consumed == want.consumed);
    if (r && want.status == parse_status::ok) {
      CHECK(r.reply.code == want.code);
      CHECK(r.reply.line_count == want.line_count);
      CHECK(names(r.reply.diagnostics.bits()) == names(want.diagnostics));
      CHECK(name(r.reply.enhanced) == name(want.enhanced));
    }
  }
  if (r) {
    CHECK(r.consumed <= input.size());
    CHECK(r.reply.line_count >= 1);
  } else if (r.failed()) {
    CHECK(r.error_offset < input.size());
  }
}

constexpr parse_options small_limits{64, 4, false};
constexpr parse_options small_strict{48, 3, true};

}  // namespace

TEST_SUITE("property") {

TEST_CASE("generated replies read back exactly what was written, in both presets") {
  for (const parse_options& options : {smtp_reply::default_preset, smtp_reply::strict_preset}) {
    reply_generator g(options.strict ? 5321U : 3463U);
    for (int i = 0; i < 600; ++i) {
      const generated_reply want = g.reply(options);
      // The next reply's bytes follow (pipelining): they must not be read.
      const std::string next = g.percent(50) ? g.reply(options).wire : std::string(1, g.byte());
      const std::string input = want.wire + next;
      const smtp_reply_test::parsed p(input, options);
      const parse_result& r = p.result;
      CAPTURE(i);
      CAPTURE(options.strict);
      CAPTURE(escape(want.wire));
      REQUIRE(name(r.status) == "ok");
      CHECK(r.consumed == want.wire.size());
      CHECK(r.reply.raw.size() == want.wire.size());
      CHECK(r.reply.line_count == want.lines.size());
      CHECK(r.reply.code == want.code);
      CHECK(name(r.reply.enhanced) == name(want.enhanced));
      CHECK(names(r.reply.diagnostics) == names(want.diagnostics));
      std::size_t k = 0;
      bool lines_match = true;
      for (const smtp_reply::reply_line& line : r.reply.lines()) {
        if (k >= want.lines.size()) {
          lines_match = false;
          break;
        }
        const generated_line& w = want.lines[k++];
        if (line.code != w.code || line.enhanced != w.enhanced || line.text != w.text) {
          CAPTURE(k);
          CHECK(line.code == w.code);
          CHECK(name(line.enhanced) == name(w.enhanced));
          CHECK(escape(line.text) == escape(w.text));
          lines_match = false;
        }
      }
      CHECK(lines_match);
      CHECK(k == want.lines.size());
      CHECK(escape(r.reply.last_line().text) == escape(want.lines.back().text));
      // Only the reply: the parse of the reply alone is the same.
      CHECK(parse_summary(want.wire, options) == summarize(r));
      if (i % 4 == 0) check_chunking(g, input, options);
      check_against_model(input, options);
    }
  }
}

TEST_CASE("generated replies under tiny limits agree with the model, however chunked") {
  for (const parse_options& options : {small_limits, small_strict}) {
    reply_generator g(options.strict ? 2034U : 6531U);
    for (int i = 0; i < 800; ++i) {
      // Written for roomy limits, read with small ones: every limit path.
      const std::string input = g.reply(options.strict ? smtp_reply::strict_preset : smtp_reply::default_preset).wire;
      CAPTURE(i);
      check_against_model(input, options);
      if (i % 2 == 0) check_chunking(g, input, options);
    }
  }
}

TEST_CASE("mutated replies: the same answer as the model, however chunked") {
  const parse_options all[] = {smtp_reply::default_preset, smtp_reply::strict_preset, small_limits, small_strict};
  reply_generator g(2920U);
  std::size_t seen[9] = {};
  for (int i = 0; i < 3000; ++i) {
    const parse_options& options = all[static_cast<std::size_t>(i) % 4];
    const std::string valid = g.reply(options.strict ? smtp_reply::strict_preset : smtp_reply::default_preset).wire;
    const std::string input = g.mutate(valid);
    CAPTURE(i);
    check_against_model(input, options);
    if (i % 3 == 0) check_chunking(g, input, options);
    ++seen[static_cast<std::size_t>(smtp_reply_test::parse_summary(input, options).status)];
  }
  // The mutations reach every outcome but code_mismatch-as-error often enough to matter.
  for (parse_status s : {parse_status::ok, parse_status::incomplete, parse_status::empty, parse_status::bad_code,
                         parse_status::bad_separator, parse_status::line_too_long, parse_status::bad_character}) {
    CAPTURE(name(s));
    CHECK(seen[static_cast<std::size_t>(s)] > 0);
  }
}

TEST_CASE("random bytes: the same answer as the model, however chunked") {
  reply_generator g(821U);
  static constexpr std::string_view alphabet = "2345067899-- \t\r\n\r\n#.x\x7f\x80\xc3\xa9";
  for (int i = 0; i < 2000; ++i) {
    std::string input;
    const std::size_t size = g.below(80);
    for (std::size_t k = 0; k < size; ++k) input += g.percent(85) ? alphabet[g.below(alphabet.size())] : g.byte();
    const parse_options options =
        i % 3 == 0 ? smtp_reply::default_preset : (i % 3 == 1 ? smtp_reply::strict_preset : small_strict);
    CAPTURE(i);
    check_against_model(input, options);
    check_chunking(g, input, options);
  }
}

}  // TEST_SUITE
