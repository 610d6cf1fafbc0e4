// The reply parser against the contract (shared spec parsing.md): grammar,
// errors with their byte offsets, diagnostics, presets, pipelining and the
// lines API. Every input is parsed from an exactly sized heap copy
// (support.hpp), so a read past the end trips AddressSanitizer.
#include <doctest/doctest.h>

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <smtp_reply/parse.hpp>

#include "support.hpp"

using namespace std::literals;
using smtp_reply::default_preset;
using smtp_reply::diagnostic;
using smtp_reply::parse_options;
using smtp_reply::parse_status;
using smtp_reply::reply_class;
using smtp_reply::strict_preset;
using smtp_reply_test::diagnostic_bits;
using smtp_reply_test::escape;
using smtp_reply_test::name;
using smtp_reply_test::names;
using smtp_reply_test::parsed;
using smtp_reply_test::quoted;

namespace {

// What one preset should make of an input: `ok` with the bytes consumed, or
// an error / `incomplete` with its offset.
struct outcome {
  parse_status status;
  std::size_t offset;  // consumed for ok, error_offset otherwise
};

constexpr outcome ok(std::size_t consumed) { return {parse_status::ok, consumed}; }
constexpr outcome incomplete() { return {parse_status::incomplete, 0}; }
constexpr outcome fails(parse_status s, std::size_t at) { return {s, at}; }

struct row {
  std::string_view input;
  outcome lenient;  // default_preset
  outcome strict;   // strict_preset
};

void check_outcome(std::string_view input, const parse_options& options, const outcome& want) {
  const parsed p(input, options);
  CAPTURE(escape(input));
  CAPTURE(options.strict);
  CHECK(name(p.status()) == name(want.status));
  if (want.status == parse_status::ok) {
    CHECK(p.result.consumed == want.offset);
    CHECK(p.result.error_offset == 0);
    CHECK(p.reply().raw.size() == want.offset);
    CHECK(p.reply().raw.data() == p.input.data());
  } else {
    CHECK(p.result.error_offset == want.offset);
    CHECK(p.result.consumed == 0);
  }
}

void check_rows(std::initializer_list<row> rows) {
  for (const row& r : rows) {
    check_outcome(r.input, default_preset, r.lenient);
    check_outcome(r.input, strict_preset, r.strict);
  }
}

// Same outcome in both presets.
void check_both(std::initializer_list<std::pair<std::string_view, outcome>> rows) {
  for (const auto& r : rows) {
    check_outcome(r.first, default_preset, r.second);
    check_outcome(r.first, strict_preset, r.second);
  }
}

}  // namespace

TEST_SUITE("parse") {

TEST_CASE("status and diagnostic names are the contract's") {
  CHECK(smtp_reply::to_string(parse_status::ok) == "ok");
  CHECK(smtp_reply::to_string(parse_status::incomplete) == "incomplete");
  CHECK(smtp_reply::to_string(parse_status::empty) == "empty");
  CHECK(smtp_reply::to_string(parse_status::bad_code) == "bad_code");
  CHECK(smtp_reply::to_string(parse_status::bad_separator) == "bad_separator");
  CHECK(smtp_reply::to_string(parse_status::line_too_long) == "line_too_long");
  CHECK(smtp_reply::to_string(parse_status::too_many_lines) == "too_many_lines");
  CHECK(smtp_reply::to_string(parse_status::bad_character) == "bad_character");
  CHECK(smtp_reply::to_string(parse_status::code_mismatch) == "code_mismatch");
  CHECK(smtp_reply::to_string(diagnostic::code_mismatch) == "code_mismatch");
  CHECK(smtp_reply::to_string(diagnostic::nonstandard_code) == "nonstandard_code");
  CHECK(smtp_reply::to_string(diagnostic::bare_lf) == "bare_lf");
  CHECK(smtp_reply::to_string(diagnostic::long_line) == "long_line");
  CHECK(smtp_reply::to_string(diagnostic::non_ascii) == "non_ascii");
  CHECK(smtp_reply::to_string(diagnostic::enhanced_mismatch) == "enhanced_mismatch");
  CHECK(smtp_reply::to_string(diagnostic::enhanced_inconsistent) == "enhanced_inconsistent");
  CHECK(std::size(smtp_reply::all_diagnostics) == 7);
  for (std::size_t i = 0; i < std::size(smtp_reply::all_diagnostics); ++i)
    CHECK(static_cast<std::size_t>(smtp_reply::all_diagnostics[i]) == i);
}

TEST_CASE("presets are the contract's table") {
  CHECK(default_preset.max_line_length == 2048);
  CHECK(default_preset.max_lines == 1000);
  CHECK_FALSE(default_preset.strict);
  CHECK(strict_preset.max_line_length == 512);
  CHECK(strict_preset.max_lines == 1000);
  CHECK(strict_preset.strict);
  const parse_options fresh{};
  CHECK(fresh.max_line_length == default_preset.max_line_length);
  CHECK(fresh.max_lines == default_preset.max_lines);
  CHECK(fresh.strict == default_preset.strict);
  CHECK(smtp_reply::rfc5321_max_line_length == 512);
  CHECK(smtp_reply::parser().options().max_line_length == 2048);
  CHECK(smtp_reply::parser(strict_preset).options().strict);
}

TEST_CASE("parse_result says ok, need more, or failed") {
  const parsed good("250 OK\r\n");
  CHECK(static_cast<bool>(good.result));
  CHECK_FALSE(good.result.need_more());
  CHECK_FALSE(good.result.failed());

  const parsed partial("250 OK");
  CHECK_FALSE(static_cast<bool>(partial.result));
  CHECK(partial.result.need_more());
  CHECK_FALSE(partial.result.failed());

  const parsed bad("OK\r\n");
  CHECK_FALSE(static_cast<bool>(bad.result));
  CHECK_FALSE(bad.result.need_more());
  CHECK(bad.result.failed());
  static_assert(!std::is_convertible_v<smtp_reply::parse_result, bool>, "operator bool is explicit");
}

// reply = *( code "-" [ text ] EOL ) code [ SP [ text ] ] EOL
TEST_CASE("grammar: a one-line reply") {
  const parsed p("250 OK\r\n");
  REQUIRE(p.status() == parse_status::ok);
  CHECK(p.reply().code == 250);
  CHECK(name(p.reply().reply_class) == "success");
  CHECK(p.reply().line_count == 1);
  CHECK(p.result.consumed == 8);
  CHECK(p.reply().raw == "250 OK\r\n");
  CHECK(p.reply().diagnostics.empty());
  CHECK_FALSE(p.reply().enhanced);
  CHECK(quoted(p.texts()) == quoted({"OK"}));
  CHECK(p.reply().last_line().text == "OK");
  CHECK(p.reply().last_line().code == 250);
}

TEST_CASE("grammar: the code alone, then EOL, is a complete reply with empty text") {
  for (const parse_options& options : {default_preset, strict_preset}) {
    const parsed p("250\r\n", options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(p.result.consumed == 5);
    CHECK(p.reply().code == 250);
    CHECK(p.reply().line_count == 1);
    CHECK(p.reply().diagnostics.empty());
    CHECK(quoted(p.texts()) == quoted({""}));
    CHECK(p.reply().last_line().text.empty());
  }
}

TEST_CASE("grammar: SP and no text is a final line with empty text") {
  const parsed p("354 \r\n");
  REQUIRE(p.status() == parse_status::ok);
  CHECK(p.reply().code == 354);
  CHECK(name(p.reply().reply_class) == "intermediate");
  CHECK(quoted(p.texts()) == quoted({""}));
}

TEST_CASE("grammar: continuation lines, with and without text") {
  for (const parse_options& options : {default_preset, strict_preset}) {
    const parsed p("250-mx.example.org\r\n250-\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 HELP\r\n", options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(p.reply().line_count == 5);
    CHECK(p.reply().code == 250);
    CHECK(p.reply().diagnostics.empty());
    CHECK(quoted(p.texts()) == quoted({"mx.example.org", "", "PIPELINING", "SIZE 10240000", "HELP"}));
    CHECK(p.reply().last_line().text == "HELP");
    CHECK(p.result.consumed == p.input.size());
  }
  // The final line may itself be the code alone after continuation lines.
  const parsed bare("250-a\r\n250-\r\n250\r\n");
  REQUIRE(bare.status() == parse_status::ok);
  CHECK(quoted(bare.texts()) == quoted({"a", "", ""}));
  CHECK(bare.result.consumed == bare.input.size());
}

TEST_CASE("grammar: a reply ends at the first line whose separator is not '-'") {
  const parsed p("250 first\r\n250-second\r\n250 third\r\n");
  REQUIRE(p.status() == parse_status::ok);
  CHECK(p.result.consumed == 11);
  CHECK(p.reply().line_count == 1);
  CHECK(p.reply().raw == "250 first\r\n");

  const parsed code_only("250\r\n250 next\r\n");
  REQUIRE(code_only.status() == parse_status::ok);
  CHECK(code_only.result.consumed == 5);
}

TEST_CASE("grammar: every three-byte code, both presets") {
  // code = %x32-35 %x30-35 %x30-39; default reads a second digit of 6..9 as
  // nonstandard_code, strict rejects it (bad_code at the second digit).
  for (int a = 0; a < 10; ++a) {
    for (int b = 0; b < 10; ++b) {
      for (int c = 0; c < 10; ++c) {
        std::string input;
        input += static_cast<char>('0' + a);
        input += static_cast<char>('0' + b);
        input += static_cast<char>('0' + c);
        input += " x\r\n";
        CAPTURE(input);
        const parsed lenient(input, default_preset);
        const parsed strict(input, strict_preset);
        if (a < 2 || a > 5) {
          CHECK(lenient.status() == parse_status::bad_code);
          CHECK(lenient.result.error_offset == 0);
          CHECK(strict.status() == parse_status::bad_code);
          CHECK(strict.result.error_offset == 0);
          continue;
        }
        const auto code = static_cast<std::uint16_t>(a * 100 + b * 10 + c);
        REQUIRE(lenient.status() == parse_status::ok);
        CHECK(lenient.reply().code == code);
        CHECK(lenient.reply().reply_class == smtp_reply::class_of(code));
        CHECK(lenient.reply().diagnostics.has(diagnostic::nonstandard_code) == (b > 5));
        CHECK(lenient.reply().diagnostics.size() == (b > 5 ? 1U : 0U));
        if (b > 5) {
          CHECK(strict.status() == parse_status::bad_code);
          CHECK(strict.result.error_offset == 1);
        } else {
          REQUIRE(strict.status() == parse_status::ok);
          CHECK(strict.reply().code == code);
          CHECK(strict.reply().diagnostics.empty());
        }
      }
    }
  }
}

TEST_CASE("grammar: reply class from the first digit") {
  CHECK(name(parsed("220 ready\r\n").reply().reply_class) == "success");
  CHECK(name(parsed("334 VXNlcm5hbWU6\r\n").reply().reply_class) == "intermediate");
  CHECK(name(parsed("421 closing\r\n").reply().reply_class) == "transient");
  CHECK(name(parsed("554 no\r\n").reply().reply_class) == "permanent");
  CHECK(name(parsed("571 blocked\r\n").reply().reply_class) == "permanent");
  CHECK(name(parsed("299 odd\r\n").reply().reply_class) == "success");
}

TEST_CASE("grammar: every byte value after the code") {
  for (int v = 0; v < 256; ++v) {
    const char sep = static_cast<char>(v);
    std::string input = "250";
    input += sep;
    input += "x\r\n";
    CAPTURE(escape(input));
    const parsed lenient(input, default_preset);
    const parsed strict(input, strict_preset);
    if (sep == ' ') {
      CHECK(lenient.status() == parse_status::ok);
      CHECK(strict.status() == parse_status::ok);
      CHECK(quoted(lenient.texts()) == quoted({"x"}));
    } else if (sep == '-') {
      // A continuation line: the reply goes on.
      CHECK(lenient.status() == parse_status::incomplete);
      CHECK(strict.status() == parse_status::incomplete);
    } else if (sep == '\n') {
      // "250\n" is a whole reply (bare LF); "x\r\n" is the next one.
      REQUIRE(lenient.status() == parse_status::ok);
      CHECK(lenient.result.consumed == 4);
      CHECK(lenient.reply().diagnostics.bits() == diagnostic_bits({diagnostic::bare_lf}));
      CHECK(strict.status() == parse_status::bad_character);
      CHECK(strict.result.error_offset == 3);
    } else if (sep >= '0' && sep <= '9') {
      // A fourth digit: not a code followed by a separator.
      CHECK(lenient.status() == parse_status::bad_separator);
      CHECK(lenient.result.error_offset == 3);
      CHECK(strict.status() == parse_status::bad_separator);
      CHECK(strict.result.error_offset == 3);
    } else {
      // Tab, CR not followed by LF, letters, punctuation, controls, 8-bit.
      CHECK(lenient.status() == parse_status::bad_separator);
      CHECK(lenient.result.error_offset == 3);
      CHECK(strict.status() == parse_status::bad_separator);
      CHECK(strict.result.error_offset == 3);
    }
  }
}

TEST_CASE("grammar: every byte value in the text") {
  // text = *( HT / %x20-7E / %x80-FF )
  for (int v = 0; v < 256; ++v) {
    const char ch = static_cast<char>(v);
    std::string input = "250 a";
    input += ch;
    input += "b\r\n";
    CAPTURE(escape(input));
    const parsed lenient(input, default_preset);
    const parsed strict(input, strict_preset);
    const bool allowed = v == 0x09 || (v >= 0x20 && v != 0x7F);
    if (allowed) {
      for (const parsed* p : {&lenient, &strict}) {
        REQUIRE(p->status() == parse_status::ok);
        CHECK(p->reply().line_count == 1);
        CHECK(quoted(p->texts()) == quoted({std::string("a") + ch + "b"}));
        CHECK(p->reply().diagnostics.has(diagnostic::non_ascii) == (v >= 0x80));
        CHECK(p->reply().diagnostics.size() == (v >= 0x80 ? 1U : 0U));
      }
    } else if (ch == '\n') {
      // The line ends at the bare LF: "250 a\n" is the reply.
      REQUIRE(lenient.status() == parse_status::ok);
      CHECK(lenient.result.consumed == 6);
      CHECK(quoted(lenient.texts()) == quoted({"a"}));
      CHECK(strict.status() == parse_status::bad_character);
      CHECK(strict.result.error_offset == 5);
    } else {
      // NUL, C0 controls, DEL, and a CR not followed by LF: the byte itself.
      CHECK(lenient.status() == parse_status::bad_character);
      CHECK(lenient.result.error_offset == 5);
      CHECK(strict.status() == parse_status::bad_character);
      CHECK(strict.result.error_offset == 5);
    }
  }
}

TEST_CASE("grammar: every byte value in every lane of the word-at-a-time text scanner") {
  // The scanner tests eight bytes at a time, in two modes (before and after
  // the reply's first 8-bit byte). Every byte value at each of 16 positions,
  // in a text long enough for the word loop, in both modes and presets.
  std::size_t mismatches = 0;
  for (const bool eight_bit_before : {false, true}) {
    for (int v = 0; v < 256; ++v) {
      for (std::size_t at = 0; at < 16; ++at) {
        const char ch = static_cast<char>(v);
        std::string input = eight_bit_before ? "250-\xc3\xa9\r\n" : "";
        const std::size_t line_start = input.size();
        const std::size_t offset = line_start + 4 + at;
        input += "250 " + std::string(at, 'a') + ch + std::string(20, 'b') + "\r\n";
        const bool allowed = v == 0x09 || (v >= 0x20 && v != 0x7F);
        for (const parse_options& options : {default_preset, strict_preset}) {
          const parsed p(input, options);
          bool good = false;
          if (allowed) {
            good = p.status() == parse_status::ok && p.result.consumed == input.size() &&
                   p.reply().last_line().text == std::string_view(input).substr(line_start + 4, at + 21) &&
                   p.reply().diagnostics.has(diagnostic::non_ascii) == (eight_bit_before || v >= 0x80) &&
                   p.reply().diagnostics.size() == ((eight_bit_before || v >= 0x80) ? 1U : 0U);
          } else if (ch == '\n' && !options.strict) {
            good = p.status() == parse_status::ok && p.result.consumed == offset + 1 &&
                   p.reply().diagnostics.has(diagnostic::bare_lf);
          } else {
            good = p.status() == parse_status::bad_character && p.result.error_offset == offset;
          }
          if (!good && mismatches++ < 10) {
            CAPTURE(escape(input));
            CAPTURE(options.strict);
            CHECK(name(p.status()) == (allowed || (ch == '\n' && !options.strict) ? "ok" : "bad_character"));
            CHECK(p.result.error_offset == (allowed || (ch == '\n' && !options.strict) ? 0 : offset));
            CHECK(good);
          }
        }
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("grammar: special bytes at every position of texts of every length") {
  // The text scanner takes 16 bytes at a time (SSE2), then 8 (a 64-bit word),
  // then single bytes: vary both where the byte stands and how many bytes
  // follow it, so each stage meets it in each of its lanes.
  const unsigned char values[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21,
                                  0x7E, 0x7F, 0x80, 0xA0, 0xC3, 0xFF};
  std::size_t mismatches = 0;
  for (const bool eight_bit_before : {false, true}) {
    for (const unsigned char v : values) {
      for (std::size_t at = 0; at < 41; ++at) {
        for (std::size_t after = 0; after < 18; ++after) {
          const char ch = static_cast<char>(v);
          std::string input = eight_bit_before ? "250-\xc3\xa9\r\n" : "";
          const std::size_t line_start = input.size();
          const std::size_t offset = line_start + 4 + at;
          input += "250 " + std::string(at, 'a') + ch + std::string(after, 'b') + "\r\n";
          const bool allowed = v == 0x09 || (v >= 0x20 && v != 0x7F);
          const bool ends_line = ch == '\n';
          // (A CR there is a lone CR even when after == 0: "...\r\r\n".)
          for (const parse_options& options : {default_preset, strict_preset}) {
            const parsed p(input, options);
            bool good = false;
            if (allowed) {
              good = p.status() == parse_status::ok && p.result.consumed == input.size() &&
                     p.reply().last_line().text == std::string_view(input).substr(line_start + 4, at + 1 + after) &&
                     p.reply().diagnostics.has(diagnostic::non_ascii) == (eight_bit_before || v >= 0x80);
            } else if (ends_line && !options.strict) {
              good = p.status() == parse_status::ok && p.result.consumed == offset + 1 &&
                     p.reply().last_line().text == std::string_view(input).substr(line_start + 4, at);
            } else {
              good = p.status() == parse_status::bad_character && p.result.error_offset == offset;
            }
            if (!good && mismatches++ < 10) {
              CAPTURE(escape(input));
              CAPTURE(options.strict);
              CHECK(name(p.status()) == (allowed || (ends_line && !options.strict) ? "ok" : "bad_character"));
              CHECK(p.result.error_offset == (allowed || (ends_line && !options.strict) ? 0 : offset));
              CHECK(good);
            }
          }
        }
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("parser: no state leaks from one reply to the next") {
  // A reply that leaves every piece of state set: codes, diagnostics,
  // enhanced codes (first, first found, last), inconsistency.
  const smtp_reply_test::exact_buffer busy("220-a\n571-5.7.1 x\r\n571-y\r\n571 4.7.1 caf\xc3\xa9 " +
                                           std::string(600, 'z') + "\r\n");
  const smtp_reply_test::exact_buffer plain("250 OK\r\n");
  const smtp_reply_test::exact_buffer bad("250-a\r\n250 \x01\r\n");
  const smtp_reply_test::exact_buffer partial("550-5.1.1 a\r\n550-b\n550 c");
  const auto fresh = smtp_reply_test::parse_summary(plain.view());
  smtp_reply::parser p;
  const auto first = p.feed(busy.view());
  REQUIRE(first.status == parse_status::ok);
  CHECK(names(first.reply.diagnostics) ==
        "code_mismatch,nonstandard_code,bare_lf,long_line,non_ascii,enhanced_mismatch,enhanced_inconsistent");
  CHECK(smtp_reply_test::summarize(p.feed(plain.view())) == fresh);
  CHECK(name(p.feed(bad.view()).status) == "bad_character");
  CHECK(smtp_reply_test::summarize(p.feed(plain.view())) == fresh);
  // Mid-reply: reset() forgets it.
  CHECK(name(p.feed(partial.view()).status) == "incomplete");
  p.reset();
  CHECK(smtp_reply_test::summarize(p.feed(plain.view())) == fresh);
  // Mid-reply: a shorter buffer restarts.
  CHECK(name(p.feed(partial.view()).status) == "incomplete");
  CHECK(smtp_reply_test::summarize(p.feed(plain.view())) == fresh);
}

TEST_CASE("grammar: a control byte is found at every position of a long text") {
  // The text scanner reads eight bytes at a time; put the bad byte in every
  // lane, after plain text and after 8-bit text (which changes the scanner's
  // mode), and in a line after one that already had 8-bit text.
  for (const char bad : {'\0', '\x01', '\x1f', '\x7f', '\x0b', '\x1b'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      for (const std::string_view before : {""sv, "\xc3\xa9"sv, "250-\xc3\xa9\r\n"sv}) {
        const bool prefix_line = before.size() > 2;
        std::string input(prefix_line ? before : ""sv);
        input += "250 ";
        if (!prefix_line) input += before;
        input += std::string(at, 'a');
        input += bad;
        input += std::string(30, 'b');
        input += "\r\n";
        CAPTURE(escape(input));
        const std::size_t offset = input.find(bad, prefix_line ? before.size() : 0);
        check_outcome(input, default_preset, fails(parse_status::bad_character, offset));
        check_outcome(input, strict_preset, fails(parse_status::bad_character, offset));
      }
    }
  }
  // And the clean versions of the same lines parse, at every length.
  for (std::size_t len = 0; len < 40; ++len) {
    const std::string input = "250 " + std::string(len, 'a') + "\xe2\x82\xac" + std::string(len, 'b') + "\r\n";
    const parsed p(input);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(p.texts().at(0) == input.substr(4, input.size() - 6));
    CHECK(p.reply().diagnostics.bits() == diagnostic_bits({diagnostic::non_ascii}));
  }
}

TEST_CASE("text is kept byte for byte: blanks, tabs, trailing SP") {
  for (const parse_options& options : {default_preset, strict_preset}) {
    const parsed p("250-  two leading\r\n250-\ttab\tin\t\r\n250-trailing \r\n250 both  \r\n", options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(quoted(p.texts()) == quoted({"  two leading", "\ttab\tin\t", "trailing ", "both  "}));
    CHECK(p.reply().last_line().text == "both  ");
    CHECK(p.reply().diagnostics.empty());
  }
  const parsed spaces("250    \r\n");
  REQUIRE(spaces.status() == parse_status::ok);
  CHECK(quoted(spaces.texts()) == quoted({"   "}));
}

TEST_CASE("8-bit UTF-8 text passes through with non_ascii") {
  const std::string_view input = "550-5.1.1 Benutzer unbekannt: m\xc3\xbcller@example.de\r\n"
                                 "550 5.1.1 \xe7\x94\xa8\xe6\x88\xb7\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8\r\n";
  for (const parse_options& options : {default_preset, strict_preset}) {
    const parsed p(input, options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(names(p.reply().diagnostics) == "non_ascii");
    CHECK(quoted(p.texts()) == quoted({"Benutzer unbekannt: m\xc3\xbcller@example.de",
                                       "\xe7\x94\xa8\xe6\x88\xb7\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8"}));
    CHECK(name(p.reply().enhanced) == "5.1.1");
  }
  // Not decoded or validated: any byte above 0x7F, even invalid UTF-8.
  std::string all_high = "250 ";
  for (int v = 0x80; v < 0x100; ++v) all_high += static_cast<char>(v);
  all_high += "\r\n";
  const parsed high(all_high, strict_preset);
  REQUIRE(high.status() == parse_status::ok);
  CHECK(high.texts().at(0) == all_high.substr(4, 128));
  CHECK(names(high.reply().diagnostics) == "non_ascii");
}

TEST_CASE("errors: incomplete, at the reply's first byte, in both presets") {
  check_both({
      {""sv, incomplete()},
      {"2"sv, incomplete()},
      {"25"sv, incomplete()},
      {"250"sv, incomplete()},
      {"250 "sv, incomplete()},
      {"250-"sv, incomplete()},
      {"250 OK"sv, incomplete()},
      {"250 OK\r"sv, incomplete()},
      {"250\r"sv, incomplete()},
      {"\r"sv, incomplete()},
      {"250-first\r\n"sv, incomplete()},
      {"250-first\r\n2"sv, incomplete()},
      {"250-first\r\n250 last"sv, incomplete()},
      {"250-first\r\n250 last\r"sv, incomplete()},
      {"250-first\r\n250-\r\n"sv, incomplete()},
      {"250 caf\xc3"sv, incomplete()},
  });
  // A bare LF ends a continuation line in the default preset: still incomplete.
  check_rows({
      {"250-first\n"sv, incomplete(), fails(parse_status::bad_character, 9)},
  });
}

TEST_CASE("errors: empty, at the line's first byte") {
  check_both({
      {"\r\n"sv, fails(parse_status::empty, 0)},
      {"\r\n250 OK\r\n"sv, fails(parse_status::empty, 0)},
      {"250-first\r\n\r\n"sv, fails(parse_status::empty, 11)},
      {"250-a\r\n250-b\r\n\r\n250 c\r\n"sv, fails(parse_status::empty, 14)},
      // An empty line ended by a bare LF is empty too, in both presets: the
      // line's first byte is the LF, where strict's bad_character would point.
      {"\n"sv, fails(parse_status::empty, 0)},
      {"250-first\r\n\n"sv, fails(parse_status::empty, 11)},
  });
}

TEST_CASE("errors: bad_code, at the first byte that cannot be part of a code") {
  check_both({
      {" 250 OK\r\n"sv, fails(parse_status::bad_code, 0)},
      {"\t250 OK\r\n"sv, fails(parse_status::bad_code, 0)},
      {"OK\r\n"sv, fails(parse_status::bad_code, 0)},
      {"150 x\r\n"sv, fails(parse_status::bad_code, 0)},
      {"650 x\r\n"sv, fails(parse_status::bad_code, 0)},
      {"050 x\r\n"sv, fails(parse_status::bad_code, 0)},
      {"\0"sv, fails(parse_status::bad_code, 0)},
      {"\xff"sv, fails(parse_status::bad_code, 0)},
      {"2x0 OK\r\n"sv, fails(parse_status::bad_code, 1)},
      {"2 OK\r\n"sv, fails(parse_status::bad_code, 1)},
      {"2\r\n"sv, fails(parse_status::bad_code, 1)},
      {"2\xd9\xa0\xd9\xa0"sv, fails(parse_status::bad_code, 1)},
      {"25x OK\r\n"sv, fails(parse_status::bad_code, 2)},
      {"25 OK\r\n"sv, fails(parse_status::bad_code, 2)},
      {"25-OK\r\n"sv, fails(parse_status::bad_code, 2)},
      {"25\r\n"sv, fails(parse_status::bad_code, 2)},
      {"25\n"sv, fails(parse_status::bad_code, 2)},
      // The text of an earlier line is no excuse: each line needs its code.
      {"250-first\r\n 250 second\r\n"sv, fails(parse_status::bad_code, 11)},
      {"250-first\r\nsecond\r\n"sv, fails(parse_status::bad_code, 11)},
      {"250-first\r\n2.5 x\r\n"sv, fails(parse_status::bad_code, 12)},
      // A line starting with a CR that is not a CRLF: the CR cannot start a code.
      {"\rX"sv, fails(parse_status::bad_code, 0)},
      {"\r\r\n"sv, fails(parse_status::bad_code, 0)},
      {"250-first\r\n\r250 x\r\n"sv, fails(parse_status::bad_code, 11)},
  });
  // A second digit of 6..9: strict's bad_code at that digit.
  check_rows({
      {"571 blocked\r\n"sv, ok(13), fails(parse_status::bad_code, 1)},
      {"260 x\r\n"sv, ok(7), fails(parse_status::bad_code, 1)},
      {"599\r\n"sv, ok(5), fails(parse_status::bad_code, 1)},
      {"560 x\r\n"sv, ok(7), fails(parse_status::bad_code, 1)},
      {"559 x\r\n"sv, ok(7), ok(7)},
      {"200 x\r\n"sv, ok(7), ok(7)},
      {"571-a\r\n571 b\r\n"sv, ok(14), fails(parse_status::bad_code, 1)},
      {"250-a\r\n290-b\r\n"sv, incomplete(), fails(parse_status::bad_code, 8)},
  });
}

TEST_CASE("errors: bad_separator, at the byte after the code") {
  check_both({
      {"250\tOK\r\n"sv, fails(parse_status::bad_separator, 3)},
      {"2500 OK\r\n"sv, fails(parse_status::bad_separator, 3)},
      {"2501\r\n"sv, fails(parse_status::bad_separator, 3)},
      {"250OK\r\n"sv, fails(parse_status::bad_separator, 3)},
      {"250_OK\r\n"sv, fails(parse_status::bad_separator, 3)},
      {"250.\r\n"sv, fails(parse_status::bad_separator, 3)},
      {"250\0"sv, fails(parse_status::bad_separator, 3)},
      {"250\x80"sv, fails(parse_status::bad_separator, 3)},
      // A CR after the code that is not part of a CRLF: not an EOL, so not a
      // separator (reported as bad_separator, the byte after the code).
      {"250\rOK\r\n"sv, fails(parse_status::bad_separator, 3)},
      {"250\r\r\n"sv, fails(parse_status::bad_separator, 3)},
      {"250-first\r\n250+second\r\n"sv, fails(parse_status::bad_separator, 14)},
      {"250-first\r\n250\t2.0.0 x\r\n"sv, fails(parse_status::bad_separator, 14)},
  });
}

TEST_CASE("errors: bad_character, at that byte, a lone CR at the CR") {
  check_both({
      {"250 a\0b\r\n"sv, fails(parse_status::bad_character, 5)},
      {"250 a\x01\r\n"sv, fails(parse_status::bad_character, 5)},
      {"250 \x1b[1mbold\r\n"sv, fails(parse_status::bad_character, 4)},
      {"250 a\x7f\r\n"sv, fails(parse_status::bad_character, 5)},
      {"250 a\x0c\r\n"sv, fails(parse_status::bad_character, 5)},
      {"250 a\rb\r\n"sv, fails(parse_status::bad_character, 5)},
      {"250 a\r\r\n"sv, fails(parse_status::bad_character, 5)},
      {"250 \r \r\n"sv, fails(parse_status::bad_character, 4)},
      {"250-\rx\r\n"sv, fails(parse_status::bad_character, 4)},
      {"250-\0\r\n"sv, fails(parse_status::bad_character, 4)},
      {"250-first\r\n250 sec\0nd\r\n"sv, fails(parse_status::bad_character, 18)},
      {"250-first\r\n250-sec\x7fnd\r\n250 x\r\n"sv, fails(parse_status::bad_character, 18)},
      // Found without waiting for the EOL.
      {"250 a\0"sv, fails(parse_status::bad_character, 5)},
      {"250 a\rb"sv, fails(parse_status::bad_character, 5)},
      // After 8-bit text, which switches the scanner to its 8-bit mode.
      {"250 \xc3\xa9\x01\r\n"sv, fails(parse_status::bad_character, 6)},
      {"250-\xc3\xa9\r\n250 \x7f\r\n"sv, fails(parse_status::bad_character, 12)},
  });
}

TEST_CASE("errors: code_mismatch, strict only, at the first byte of the differing line") {
  check_rows({
      {"250-first\r\n251 second\r\n"sv, ok(23), fails(parse_status::code_mismatch, 11)},
      {"220-mx ESMTP\r\n421 busy\r\n"sv, ok(24), fails(parse_status::code_mismatch, 14)},
      {"250-a\r\n250-b\r\n550 c\r\n"sv, ok(21), fails(parse_status::code_mismatch, 14)},
      {"250-a\r\n550-b\r\n250 c\r\n"sv, ok(21), fails(parse_status::code_mismatch, 7)},
      // Known as soon as the third digit is read.
      {"250-first\r\n251"sv, incomplete(), fails(parse_status::code_mismatch, 11)},
      // Same code on every line: no mismatch.
      {"250-first\r\n250 second\r\n"sv, ok(23), ok(23)},
  });
}

TEST_CASE("errors: the first in byte order wins") {
  check_rows({
      // bad_character in line 1 before the mismatch in line 2.
      {"250-a\0\r\n251 b\r\n"sv, fails(parse_status::bad_character, 5), fails(parse_status::bad_character, 5)},
      // bare LF (strict error at the LF) before the mismatch.
      {"250-a\n251 b\r\n"sv, ok(13), fails(parse_status::bad_character, 5)},
      // mismatch (strict) before a bad character later in the same line.
      {"250-a\r\n251 \0\r\n"sv, fails(parse_status::bad_character, 11), fails(parse_status::code_mismatch, 7)},
      // A bad separator before a bad character.
      {"250\t\0\r\n"sv, fails(parse_status::bad_separator, 3), fails(parse_status::bad_separator, 3)},
      // nonstandard code (strict bad_code) before a bad character.
      {"571 \0"sv, fails(parse_status::bad_character, 4), fails(parse_status::bad_code, 1)},
  });
}

TEST_CASE("after an error, the caller resumes after the next LF") {
  const parsed p("2x0 garbage\r\n250 OK\r\n");
  REQUIRE(p.status() == parse_status::bad_code);
  CHECK(p.result.error_offset == 1);
  const std::string_view all = p.input.view();
  const std::size_t lf = all.find('\n', p.result.error_offset);
  REQUIRE(lf != std::string_view::npos);
  const smtp_reply::parse_result next = smtp_reply::parse(all.substr(lf + 1));
  REQUIRE(next.status == parse_status::ok);
  CHECK(next.reply.code == 250);
  CHECK(next.consumed == 8);
}

TEST_CASE("diagnostics: a regular reply has none") {
  for (const parse_options& options : {default_preset, strict_preset}) {
    const parsed p("250-mx.example.com Hello\r\n250-8BITMIME\r\n250 HELP\r\n", options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(p.reply().diagnostics.empty());
    CHECK(p.reply().diagnostics.size() == 0);
    CHECK(p.reply().diagnostics == smtp_reply::diagnostic_set{});
  }
}

TEST_CASE("diagnostic code_mismatch: the final line's code, strict error") {
  const std::string_view input = "220-mx.example.com ESMTP\r\n421 shutting down\r\n";
  const parsed p(input);
  REQUIRE(p.status() == parse_status::ok);
  CHECK(p.reply().code == 421);
  CHECK(name(p.reply().reply_class) == "transient");
  CHECK(names(p.reply().diagnostics) == "code_mismatch");
  CHECK(p.reply().line_count == 2);
  std::vector<std::uint16_t> codes;
  for (const auto& line : p.reply().lines()) codes.push_back(line.code);
  CHECK(codes == std::vector<std::uint16_t>{220, 421});
  CHECK(p.reply().last_line().code == 421);

  const parsed strict(input, strict_preset);
  CHECK(name(strict.status()) == "code_mismatch");
  CHECK(strict.result.error_offset == 26);
}

TEST_CASE("diagnostic nonstandard_code: class from the first digit, strict bad_code at the second digit") {
  const parsed p("571 5.7.1 Delivery not authorized\r\n");
  REQUIRE(p.status() == parse_status::ok);
  CHECK(p.reply().code == 571);
  CHECK(name(p.reply().reply_class) == "permanent");
  CHECK(names(p.reply().diagnostics) == "nonstandard_code");
  const parsed strict("571 5.7.1 Delivery not authorized\r\n", strict_preset);
  CHECK(name(strict.status()) == "bad_code");
  CHECK(strict.result.error_offset == 1);

  // On a later line it is also a code mismatch (default), still bad_code (strict).
  const parsed later("250-a\r\n271 b\r\n");
  REQUIRE(later.status() == parse_status::ok);
  CHECK(names(later.reply().diagnostics) == "code_mismatch,nonstandard_code");
  CHECK(later.reply().code == 271);
  const parsed later_strict("250-a\r\n271 b\r\n", strict_preset);
  CHECK(name(later_strict.status()) == "bad_code");
  CHECK(later_strict.result.error_offset == 8);
}

TEST_CASE("diagnostic bare_lf: the line ends there, strict bad_character at the LF") {
  check_rows({
      {"250 OK\n"sv, ok(7), fails(parse_status::bad_character, 6)},
      {"250\n"sv, ok(4), fails(parse_status::bad_character, 3)},
      {"250-a\n250 b\r\n"sv, ok(13), fails(parse_status::bad_character, 5)},
      {"250-a\r\n250 b\n"sv, ok(13), fails(parse_status::bad_character, 12)},
      {"250-\n250 \n"sv, ok(10), fails(parse_status::bad_character, 4)},
  });
  const parsed p("250-first\n250-\n250 last \n");
  REQUIRE(p.status() == parse_status::ok);
  CHECK(names(p.reply().diagnostics) == "bare_lf");
  CHECK(quoted(p.texts()) == quoted({"first", "", "last "}));
  CHECK(p.reply().last_line().text == "last ");
  CHECK(p.reply().line_count == 3);
  // A CR right before the LF is a CRLF, never text.
  const parsed crlf("250 a\r\n");
  CHECK(crlf.texts().at(0) == "a");
}

TEST_CASE("diagnostic non_ascii: in both presets") {
  for (const parse_options& options : {default_preset, strict_preset}) {
    const parsed p("250 Gr\xc3\xbc\xc3\x9f" "e\r\n", options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(names(p.reply().diagnostics) == "non_ascii");
    CHECK(p.texts().at(0) == "Gr\xc3\xbc\xc3\x9f" "e");
  }
  // Only the text counts: 8-bit bytes elsewhere are errors, not text.
  const parsed in_code("2\xc3\xa9 x\r\n");
  CHECK(name(in_code.status()) == "bad_code");
}

TEST_CASE("diagnostic enhanced_mismatch: both reported, the reply code decides the class") {
  for (const parse_options& options : {default_preset, strict_preset}) {
    const parsed p("450 5.7.1 Client host rejected\r\n", options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(p.reply().code == 450);
    CHECK(name(p.reply().reply_class) == "transient");
    CHECK(name(p.reply().enhanced) == "5.7.1");
    CHECK(names(p.reply().diagnostics) == "enhanced_mismatch");
  }
}

TEST_CASE("several diagnostics at once") {
  const parsed p("220-mx \xc3\xa9\n571-4.7.1 a\r\n571 5.7.1 b\r\n");
  REQUIRE(p.status() == parse_status::ok);
  CHECK(names(p.reply().diagnostics) ==
        "code_mismatch,nonstandard_code,bare_lf,non_ascii,enhanced_inconsistent");
  CHECK(p.reply().diagnostics.size() == 5);
  CHECK(p.reply().code == 571);
  CHECK(name(p.reply().enhanced) == "5.7.1");
}

TEST_CASE("pipelining: consumed says where the next reply starts") {
  const std::string_view stream =
      "250-mail.example.org\r\n250 PIPELINING\r\n"
      "250 2.1.0 Sender OK\r\n"
      "550-5.1.1 No such user\r\n550 5.1.1 here\r\n"
      "354 End data with <CR><LF>.<CR><LF>\r\n";
  const smtp_reply_test::exact_buffer buf(stream);
  std::string_view rest = buf.view();
  std::vector<std::uint16_t> codes;
  std::vector<std::size_t> lines;
  while (!rest.empty()) {
    const smtp_reply::parse_result r = smtp_reply::parse(rest, strict_preset);
    REQUIRE(r.status == parse_status::ok);
    CHECK(r.reply.raw.data() == rest.data());
    CHECK(r.reply.raw.size() == r.consumed);
    codes.push_back(r.reply.code);
    lines.push_back(r.reply.line_count);
    rest.remove_prefix(r.consumed);
  }
  CHECK(codes == std::vector<std::uint16_t>{250, 250, 550, 354});
  CHECK(lines == std::vector<std::size_t>{2, 1, 2, 1});
}

TEST_CASE("pipelining: what follows the reply is never read") {
  // Garbage, an error, or a partial reply after the final EOL do not matter.
  check_both({
      {"250 OK\r\n\0\xff garbage"sv, ok(8)},
      {"250 OK\r\n\r\n"sv, ok(8)},
      {"250 OK\r\n250"sv, ok(8)},
      {"250 OK\r\n 571 x\n"sv, ok(8)},
      {"250\r\n\x7f"sv, ok(5)},
  });
  check_rows({{"250 OK\n\0"sv, ok(7), fails(parse_status::bad_character, 6)}});
  // The next reply parses from `consumed`, even one ending in mid-line.
  const parsed p("250 OK\r\n452 4.5.3 Too many");
  REQUIRE(p.status() == parse_status::ok);
  const smtp_reply::parse_result next = smtp_reply::parse(p.input.view().substr(p.result.consumed));
  CHECK(name(next.status) == "incomplete");
}

TEST_CASE("lines(): a forward range of the reply's lines") {
  const parsed p("250-first\r\n250-#5.1.1 second\r\n250 2.0.0\tthird \r\n");
  REQUIRE(p.status() == parse_status::ok);
  using iterator = smtp_reply::line_iterator;
  static_assert(std::is_same_v<std::iterator_traits<iterator>::iterator_category, std::forward_iterator_tag>);
  static_assert(std::is_same_v<std::iterator_traits<iterator>::value_type, smtp_reply::reply_line>);

  const smtp_reply::line_range range = p.reply().lines();
  CHECK(static_cast<std::size_t>(std::distance(range.begin(), range.end())) == p.reply().line_count);
  auto it = range.begin();
  CHECK(it->code == 250);
  CHECK(it->text == "first");
  CHECK_FALSE(it->enhanced);
  const auto old = it++;
  CHECK(old->text == "first");
  CHECK(it->text == "second");
  CHECK(name(it->enhanced) == "5.1.1");
  ++it;
  CHECK((*it).text == "third ");
  CHECK(name((*it).enhanced) == "2.0.0");
  CHECK(it != range.end());
  ++it;
  CHECK(it == range.end());
  CHECK(iterator() == iterator());

  // Views into the caller's buffer, not copies.
  const char* const first = p.input.data();
  const char* const last = first + p.input.size();
  for (const auto& line : range) {
    CHECK(line.text.data() >= first);
    CHECK(line.text.data() + line.text.size() <= last);
  }
  // Iterating twice gives the same lines.
  CHECK(quoted(p.texts()) == quoted(p.texts()));
}

TEST_CASE("last_line(): the final line, read from the end") {
  const parsed one("221 2.0.0 Bye\r\n");
  REQUIRE(one.status() == parse_status::ok);
  CHECK(one.reply().last_line().text == "Bye");
  CHECK(name(one.reply().last_line().enhanced) == "2.0.0");

  const parsed many("250-a\r\n250-b\n250 5.1.1 c c \r\n");
  REQUIRE(many.status() == parse_status::ok);
  const smtp_reply::reply_line last = many.reply().last_line();
  CHECK(last.code == 250);
  CHECK(last.text == "c c ");
  CHECK(name(last.enhanced) == "5.1.1");

  const parsed bare("250-a\r\n250\r\n");
  CHECK(bare.reply().last_line().text.empty());
  CHECK(bare.reply().last_line().code == 250);

  // A default reply has no lines.
  const smtp_reply::reply none{};
  CHECK(none.lines().begin() == none.lines().end());
  CHECK(none.last_line().text.empty());
  CHECK(none.last_line().code == 0);
}

TEST_CASE("a reply parsed with the resumable parser is the whole-buffer parse") {
  const smtp_reply_test::exact_buffer buf("250-a\r\n250 b\r\n");
  smtp_reply::parser p;
  const auto r = p.feed(buf.view());
  REQUIRE(r.status == parse_status::ok);
  CHECK(smtp_reply_test::summarize(r) == smtp_reply_test::parse_summary(buf.view()));
  CHECK(p.scanned() == 0);  // starts afresh after ok
  // ... and parses the same buffer again from scratch.
  CHECK(smtp_reply_test::summarize(p.feed(buf.view())) == smtp_reply_test::summarize(r));
}

TEST_CASE("parser: a shorter buffer, or reset(), restarts the parse") {
  smtp_reply::parser p(strict_preset);
  const smtp_reply_test::exact_buffer first("250-abc\r\n250 de");
  CHECK(name(p.feed(first.view()).status) == "incomplete");
  CHECK(p.scanned() == first.size());
  // The caller dropped its buffer and starts on another reply.
  const smtp_reply_test::exact_buffer other("354 go\r\n");
  const auto r = p.feed(other.view());
  REQUIRE(r.status == parse_status::ok);
  CHECK(r.reply.code == 354);

  CHECK(name(p.feed(first.view()).status) == "incomplete");
  p.reset();
  CHECK(p.scanned() == 0);
  CHECK(p.options().strict);
  const smtp_reply_test::exact_buffer longer("221 bye bye bye bye bye\r\n");
  const auto again = p.feed(longer.view());
  REQUIRE(again.status == parse_status::ok);
  CHECK(again.reply.code == 221);
}

TEST_CASE("parser: after an error it starts afresh") {
  smtp_reply::parser p;
  const smtp_reply_test::exact_buffer bad("250 a\0b\r\n"sv);
  const auto r = p.feed(bad.view());
  CHECK(name(r.status) == "bad_character");
  CHECK(r.error_offset == 5);
  CHECK(p.scanned() == 0);
  const smtp_reply_test::exact_buffer good("250 ok\r\n");
  CHECK(p.feed(good.view()).status == parse_status::ok);
}

}  // TEST_SUITE
