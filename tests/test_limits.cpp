// The parser's two hard limits (line length, EOL included, and lines per
// reply) at and just past their values, in both presets and with custom
// values, and the 512-octet long_line diagnostic boundary (parsing.md).
#include <doctest/doctest.h>

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include <smtp_reply/parse.hpp>

#include "support.hpp"

using namespace std::literals;
using smtp_reply::default_preset;
using smtp_reply::diagnostic;
using smtp_reply::parse_options;
using smtp_reply::parse_status;
using smtp_reply::strict_preset;
using smtp_reply_test::escape;
using smtp_reply_test::line_of_length;
using smtp_reply_test::name;
using smtp_reply_test::names;
using smtp_reply_test::parsed;

namespace {

parse_options with_line_limit(parse_options base, std::size_t max_line_length) {
  base.max_line_length = max_line_length;
  return base;
}

parse_options with_line_count(parse_options base, std::size_t max_lines) {
  base.max_lines = max_lines;
  return base;
}

void check_error(std::string_view input, const parse_options& options, parse_status status, std::size_t at) {
  const parsed p(input, options);
  CAPTURE(escape(input.substr(0, 40)));
  CAPTURE(input.size());
  CAPTURE(options.max_line_length);
  CAPTURE(options.max_lines);
  CAPTURE(options.strict);
  CHECK(name(p.status()) == name(status));
  CHECK(p.result.error_offset == at);
}

void check_ok(std::string_view input, const parse_options& options, std::size_t consumed) {
  const parsed p(input, options);
  CAPTURE(escape(input.substr(0, 40)));
  CAPTURE(input.size());
  CAPTURE(options.max_line_length);
  CAPTURE(options.max_lines);
  CAPTURE(options.strict);
  CHECK(name(p.status()) == "ok");
  CHECK(p.result.consumed == consumed);
}

// `count` continuation lines "250-x\r\n" (7 bytes each).
std::string continuation_lines(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += "250-x\r\n";
  return out;
}

}  // namespace

TEST_SUITE("limits") {

TEST_CASE("line length: exactly the limit is ok, one more is line_too_long at the limit") {
  const parse_options cases[] = {
      default_preset,                          // 2048
      strict_preset,                           // 512
      with_line_limit(default_preset, 10),     //
      with_line_limit(strict_preset, 10),      //
      with_line_limit(default_preset, 100000), //
  };
  for (const parse_options& options : cases) {
    const std::size_t max = options.max_line_length;
    // The final line alone.
    check_ok(line_of_length(max), options, max);
    check_error(line_of_length(max + 1), options, parse_status::line_too_long, max);
    check_error(line_of_length(max + 100), options, parse_status::line_too_long, max);
    // A continuation line, then a final line.
    check_ok(line_of_length(max, '-') + "250 end\r\n", options, max + 9);
    check_error(line_of_length(max + 1, '-') + "250 end\r\n", options, parse_status::line_too_long, max);
    // A later line: the offset counts from that line's first byte.
    const std::string first = "250-a\r\n";
    check_ok(first + line_of_length(max), options, first.size() + max);
    check_error(first + line_of_length(max + 1), options, parse_status::line_too_long, first.size() + max);
    check_error(first + line_of_length(max + 1, '-') + "250 x\r\n", options, parse_status::line_too_long,
                first.size() + max);

    // A stream that ends at the limit, or before it, is incomplete.
    const std::string full = line_of_length(max + 1);  // max + 1 bytes with its CRLF
    for (const std::size_t cut : {max - 1, max}) {
      const parsed p(std::string_view(full).substr(0, cut), options);
      CAPTURE(cut);
      CHECK(name(p.status()) == "incomplete");
      const parsed later(first + full.substr(0, cut), options);
      CHECK(name(later.status()) == "incomplete");
    }
    // One byte past the limit, whatever it is, is line_too_long at that byte.
    for (const char past : {'x', '\r', '\n', '\0'}) {
      std::string s = line_of_length(max + 10).substr(0, max);
      s += past;
      check_error(s, options, parse_status::line_too_long, max);
    }
  }
}

TEST_CASE("line length: a line of the code alone against tiny limits") {
  check_ok("250\r\n", with_line_limit(default_preset, 5), 5);
  check_error("250\r\n", with_line_limit(default_preset, 4), parse_status::line_too_long, 4);
  check_ok("250\n", with_line_limit(default_preset, 4), 4);
  check_error("250\n", with_line_limit(default_preset, 3), parse_status::line_too_long, 3);
  check_error("250\r\n", with_line_limit(default_preset, 0), parse_status::line_too_long, 0);
  check_error("250 x\r\n", with_line_limit(default_preset, 1), parse_status::line_too_long, 1);
  // An empty line is shorter than any limit of 2 or more.
  check_error("\r\n", with_line_limit(default_preset, 2), parse_status::empty, 0);
  check_error("\r\n", with_line_limit(default_preset, 1), parse_status::line_too_long, 1);
  // Nothing to read yet is incomplete, whatever the limit.
  const parsed none("", with_line_limit(default_preset, 0));
  CHECK(name(none.status()) == "incomplete");
}

TEST_CASE("line length: with a bare LF the EOL is one byte") {
  for (const std::size_t max : {std::size_t{10}, std::size_t{2048}}) {
    const parse_options options = with_line_limit(default_preset, max);
    const std::string line = line_of_length(max, ' ', "\n");
    const parsed p(line, options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(p.result.consumed == max);
    CHECK(p.reply().diagnostics.has(diagnostic::bare_lf));
    check_error(line_of_length(max + 1, ' ', "\n"), options, parse_status::line_too_long, max);
    // Strict: the bare LF is bad_character where it stands within the limit.
    check_error(line, with_line_limit(strict_preset, max), parse_status::bad_character, max - 1);
  }
}

TEST_CASE("line length: an error inside the limit comes before line_too_long") {
  const parse_options options = with_line_limit(default_preset, 10);
  // "250 abcde" is 9 bytes; the 10th byte (offset 9) is the last within the limit.
  check_error("250 abcde\0xyz"sv, options, parse_status::bad_character, 9);
  // A CR at the last byte within the limit, followed by a byte that is not LF:
  // bad_character at the CR (offset 9), first in byte order, not
  // line_too_long at the byte after it (offset 10).
  check_error("250 abcde\rX\r\n", options, parse_status::bad_character, 9);
  check_error("250 abcde\r\r\n", options, parse_status::bad_character, 9);
  check_error("250 abcde\r\r\n", with_line_limit(strict_preset, 10), parse_status::bad_character, 9);
  // ... and a CRLF there is one byte too long.
  check_error("250 abcde\r\n", options, parse_status::line_too_long, 10);
  check_ok("250 abcd\r\n", options, 10);
  // A CR after the code at the last byte within the limit: bad_separator at the CR.
  check_error("250\rX", with_line_limit(default_preset, 4), parse_status::bad_separator, 3);
  check_error("250\r\n", with_line_limit(default_preset, 4), parse_status::line_too_long, 4);
  // A line starting with CR, limit 1: bad_code at the CR.
  check_error("\rX", with_line_limit(default_preset, 1), parse_status::bad_code, 0);
  // On a later line the same holds.
  check_error("250-a\r\n250 abcde\rX", options, parse_status::bad_character, 16);
  // And a CR at the end of the buffer, at the limit, is incomplete.
  const parsed cut("250 abcde\r", options);
  CHECK(name(cut.status()) == "incomplete");
}

TEST_CASE("line length: a huge limit (SIZE_MAX for no limit) does not wrap around") {
  const parse_options unlimited{std::numeric_limits<std::size_t>::max(), std::numeric_limits<std::size_t>::max(),
                                false};
  // A line after the first, ending without its EOL: the text scan must stop at
  // the end of the buffer (ASan checks it does).
  const parsed partial("250-a\r\n250 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", unlimited);
  CHECK(name(partial.status()) == "incomplete");
  const std::string big = "250-a\r\n" + line_of_length(70000);
  const parsed whole(big, unlimited);
  REQUIRE(whole.status() == parse_status::ok);
  CHECK(whole.result.consumed == big.size());
  CHECK(names(whole.reply().diagnostics) == "long_line");
  const parse_options strict_unlimited{std::numeric_limits<std::size_t>::max(), 5, true};
  const parsed strict(big, strict_unlimited);
  CHECK(name(strict.status()) == "ok");
  const parsed strict_partial("250-a\r\n250 bbbbbbbbbbbbbbbbbbbbbbbbb", strict_unlimited);
  CHECK(name(strict_partial.status()) == "incomplete");
}

TEST_CASE("line count: max_lines lines are ok, one more is too_many_lines at its first byte") {
  const parse_options cases[] = {
      default_preset,
      strict_preset,
      with_line_count(default_preset, 1),
      with_line_count(strict_preset, 3),
      with_line_count(default_preset, 5000),
  };
  for (const parse_options& options : cases) {
    const std::size_t max = options.max_lines;
    CAPTURE(max);
    // max lines: ok.
    const std::string at_limit = continuation_lines(max - 1) + "250 x\r\n";
    const parsed p(at_limit, options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(p.reply().line_count == max);
    CHECK(p.result.consumed == at_limit.size());
    std::size_t iterated = 0;
    for (const auto& line : p.reply().lines()) {
      CHECK(line.text == "x");
      ++iterated;
    }
    CHECK(iterated == max);
    // max + 1 lines: too_many_lines at the first byte of line max + 1.
    const std::string past = continuation_lines(max) + "250 x\r\n";
    check_error(past, options, parse_status::too_many_lines, 7 * max);
    // ... found on that line's first byte, whatever follows.
    check_error(continuation_lines(max) + "2", options, parse_status::too_many_lines, 7 * max);
    check_error(continuation_lines(max) + "X", options, parse_status::too_many_lines, 7 * max);
    check_error(continuation_lines(max) + "\r\n", options, parse_status::too_many_lines, 7 * max);
    // A reply that ends right after max continuation lines is incomplete.
    const parsed ends(continuation_lines(max), options);
    CHECK(name(ends.status()) == "incomplete");
  }
}

TEST_CASE("line count: zero lines allowed rejects any first byte") {
  check_error("250 x\r\n", with_line_count(default_preset, 0), parse_status::too_many_lines, 0);
  CHECK(name(parsed("", with_line_count(default_preset, 0)).status()) == "incomplete");
}

TEST_CASE("long_line: the 512-octet boundary, EOL included") {
  // Default: within the hard limit, a line over 512 octets is only a diagnostic.
  {
    const parsed p(line_of_length(512));
    REQUIRE(p.status() == parse_status::ok);
    CHECK(p.reply().diagnostics.empty());
  }
  {
    const parsed p(line_of_length(513));
    REQUIRE(p.status() == parse_status::ok);
    CHECK(names(p.reply().diagnostics) == "long_line");
    CHECK(p.texts().at(0).size() == 513 - 6);
  }
  {
    const parsed p(line_of_length(2048));
    REQUIRE(p.status() == parse_status::ok);
    CHECK(names(p.reply().diagnostics) == "long_line");
  }
  // A bare LF counts one byte.
  CHECK(names(parsed(line_of_length(512, ' ', "\n")).reply().diagnostics) == "bare_lf");
  CHECK(names(parsed(line_of_length(513, ' ', "\n")).reply().diagnostics) == "bare_lf,long_line");
  // On a continuation line too; the other lines may be short.
  {
    const parsed p("250-a\r\n" + line_of_length(513, '-') + "250 b\r\n");
    REQUIRE(p.status() == parse_status::ok);
    CHECK(names(p.reply().diagnostics) == "long_line");
    CHECK(p.reply().line_count == 3);
  }
  // Real servers send 716-octet lines: fine by default.
  CHECK(names(parsed(line_of_length(716)).reply().diagnostics) == "long_line");
  // Strict: 512 is the hard limit, so 513 is an error, not a diagnostic...
  CHECK(name(parsed(line_of_length(512), strict_preset).status()) == "ok");
  check_error(line_of_length(513), strict_preset, parse_status::line_too_long, 512);
  check_error(line_of_length(716), strict_preset, parse_status::line_too_long, 512);
  // ... unless the caller raises the strict limit: then it is the diagnostic.
  {
    const parsed p(line_of_length(513), with_line_limit(strict_preset, 1024));
    REQUIRE(p.status() == parse_status::ok);
    CHECK(names(p.reply().diagnostics) == "long_line");
  }
  // Lowering the default limit below 512 makes long_line unreachable.
  check_error(line_of_length(513), with_line_limit(default_preset, 300), parse_status::line_too_long, 300);
}

TEST_CASE("limits are per parse, never global") {
  const std::string line = line_of_length(600);
  CHECK(name(parsed(line, strict_preset).status()) == "line_too_long");
  CHECK(name(parsed(line, default_preset).status()) == "ok");
  CHECK(name(parsed(line, strict_preset).status()) == "line_too_long");
  smtp_reply::parser a(with_line_limit(default_preset, 20));
  smtp_reply::parser b(with_line_limit(default_preset, 2000));
  const smtp_reply_test::exact_buffer buf(line);
  CHECK(name(a.feed(buf.view()).status) == "line_too_long");
  CHECK(name(b.feed(buf.view()).status) == "ok");
  CHECK(a.options().max_line_length == 20);
  CHECK(b.options().max_line_length == 2000);
}

}  // TEST_SUITE
