// The parser at compile time (C++17): parse(), parser::feed a byte at a time,
// lines(), last_line() and the enhanced-code functions are constexpr, so each
// fact below is checked by the compiler. A failing static_assert fails the
// build. One runtime test case repeats a few of them so the suite lists it.
#include <doctest/doctest.h>

#include <cstddef>
#include <string_view>

#include <smtp_reply/enhanced.hpp>
#include <smtp_reply/parse.hpp>
#include <smtp_reply/reply.hpp>

namespace {

using smtp_reply::diagnostic;
using smtp_reply::enhanced_code;
using smtp_reply::parse;
using smtp_reply::parse_options;
using smtp_reply::parse_result;
using smtp_reply::parse_status;
using smtp_reply::strict_preset;

constexpr enhanced_code code(unsigned c, unsigned s, unsigned d) {
  enhanced_code e{};
  e.class_digit = static_cast<std::uint8_t>(c);
  e.subject = static_cast<std::uint16_t>(s);
  e.detail = static_cast<std::uint16_t>(d);
  return e;
}

// The text of line `index` of the reply in `input` ("<none>" when there is no such line).
constexpr std::string_view line_text(std::string_view input, std::size_t index,
                                     const parse_options& options = smtp_reply::default_preset) {
  const parse_result r = parse(input, options);
  std::size_t i = 0;
  for (const smtp_reply::reply_line& line : r.reply.lines()) {
    if (i++ == index) return line.text;
  }
  return "<none>";
}

constexpr enhanced_code line_enhanced(std::string_view input, std::size_t index) {
  const parse_result r = parse(input);
  std::size_t i = 0;
  for (const smtp_reply::reply_line& line : r.reply.lines()) {
    if (i++ == index) return line.enhanced;
  }
  return {};
}

constexpr std::size_t count_lines(std::string_view input) {
  const parse_result r = parse(input);
  std::size_t n = 0;
  for (auto it = r.reply.lines().begin(); it != r.reply.lines().end(); ++it) ++n;
  return n;
}

// Error status and offset, or ok and consumed.
constexpr bool gives(std::string_view input, const parse_options& options, parse_status status, std::size_t offset) {
  const parse_result r = parse(input, options);
  if (r.status != status) return false;
  return status == parse_status::ok ? r.consumed == offset : r.error_offset == offset;
}

constexpr bool gives(std::string_view input, parse_status status, std::size_t offset) {
  return gives(input, smtp_reply::default_preset, status, offset);
}

constexpr bool has_only(std::string_view input, diagnostic d, const parse_options& options = smtp_reply::default_preset) {
  const parse_result r = parse(input, options);
  return r.status == parse_status::ok && r.reply.diagnostics.has(d) && r.reply.diagnostics.size() == 1;
}

// Fed a byte at a time, a growing prefix per call.
constexpr parse_result feed_bytewise(std::string_view input, const parse_options& options) {
  smtp_reply::parser p(options);
  parse_result r{};
  for (std::size_t k = 0; k <= input.size(); ++k) {
    r = p.feed(input.substr(0, k));
    if (p.scanned() > k) return parse_result{};  // would be a bug: flagged as incomplete with code 0
    if (r.status != parse_status::incomplete) break;
  }
  return r;
}

constexpr bool same(const parse_result& a, const parse_result& b) {
  return a.status == b.status && a.consumed == b.consumed && a.error_offset == b.error_offset &&
         a.reply.code == b.reply.code && a.reply.enhanced == b.reply.enhanced &&
         a.reply.diagnostics == b.reply.diagnostics && a.reply.line_count == b.reply.line_count &&
         a.reply.raw == b.reply.raw;
}

constexpr bool bytewise_is_whole(std::string_view input, const parse_options& options = smtp_reply::default_preset) {
  return same(feed_bytewise(input, options), parse(input, options));
}

// A reply line of exactly N bytes, CRLF included, built at compile time.
template <std::size_t N>
struct generated_line {
  char data[N];
  constexpr generated_line() : data{} {
    data[0] = '2';
    data[1] = '5';
    data[2] = '0';
    data[3] = ' ';
    for (std::size_t i = 4; i + 2 < N; ++i) data[i] = 'x';
    data[N - 2] = '\r';
    data[N - 1] = '\n';
  }
  constexpr std::string_view view() const { return std::string_view(data, N); }
};

// `Lines` lines "250-x\r\n" then, when `Final`, "250 x\r\n".
template <std::size_t Lines, bool Final>
struct generated_reply {
  static constexpr std::size_t size = 7 * (Lines + (Final ? 1 : 0));
  char data[size];
  constexpr generated_reply() : data{} {
    for (std::size_t i = 0; i < Lines + (Final ? 1 : 0); ++i) {
      const bool last = Final && i == Lines;
      char* at = data + 7 * i;
      at[0] = '2';
      at[1] = '5';
      at[2] = '0';
      at[3] = last ? ' ' : '-';
      at[4] = 'x';
      at[5] = '\r';
      at[6] = '\n';
    }
  }
  constexpr std::string_view view() const { return std::string_view(data, size); }
};

constexpr generated_line<512> line_512{};
constexpr generated_line<513> line_513{};
constexpr generated_line<2048> line_2048{};
constexpr generated_line<2049> line_2049{};
constexpr generated_reply<999, true> lines_1000{};
constexpr generated_reply<1000, true> lines_1001{};
constexpr generated_reply<1000, false> lines_1000_open{};

// --- A one-line reply.
constexpr parse_result ok_reply = parse("250 OK\r\n");
static_assert(ok_reply.status == parse_status::ok);
static_assert(static_cast<bool>(ok_reply) && !ok_reply.need_more() && !ok_reply.failed());
static_assert(ok_reply.consumed == 8);
static_assert(ok_reply.reply.code == 250);
static_assert(ok_reply.reply.reply_class == smtp_reply::reply_class::success);
static_assert(ok_reply.reply.line_count == 1);
static_assert(ok_reply.reply.diagnostics.empty());
static_assert(!ok_reply.reply.enhanced);
static_assert(ok_reply.reply.raw == "250 OK\r\n");
static_assert(ok_reply.reply.last_line().text == "OK");
static_assert(line_text("250 OK\r\n", 0) == "OK");

// --- Code alone, empty continuation, text kept byte for byte.
static_assert(gives("250\r\n", parse_status::ok, 5));
static_assert(line_text("250\r\n", 0).empty());
static_assert(gives("250-\r\n250 x\r\n", parse_status::ok, 13));
static_assert(line_text("250-\r\n250 x\r\n", 0).empty());
static_assert(line_text("250-\r\n250 x\r\n", 1) == "x");
static_assert(line_text("250  two \t\r\n", 0) == " two \t");
static_assert(count_lines("250-a\r\n250-b\r\n250 c\r\n") == 3);
static_assert(parse("250-a\r\n250-b\r\n250 c\r\n").reply.last_line().text == "c");

// --- Enhanced codes.
constexpr parse_result enhanced_reply = parse("550-5.1.1 a\r\n550-#5.1.1 b\r\n550 5.1.1\tc \r\n");
static_assert(enhanced_reply.reply.enhanced == code(5, 1, 1));
static_assert(enhanced_reply.reply.diagnostics.empty());
static_assert(line_text("550-5.1.1 a\r\n550-#5.1.1 b\r\n550 5.1.1\tc \r\n", 1) == "b");
static_assert(line_text("550-5.1.1 a\r\n550-#5.1.1 b\r\n550 5.1.1\tc \r\n", 2) == "c ");
static_assert(parse("452 #4.5.3 Too many\r\n").reply.enhanced == code(4, 5, 3));
static_assert(line_text("452 #4.5.3 Too many\r\n", 0) == "Too many");
static_assert(parse("550 5.1.10 x\r\n").reply.enhanced == code(5, 1, 10));
static_assert(parse("550 5.7.606 x\r\n").reply.enhanced == code(5, 7, 606));
static_assert(!parse("550 5.1.1x\r\n").reply.enhanced);
static_assert(line_text("550 5.01.1 x\r\n", 0) == "5.01.1 x");
static_assert(!parse("550 Mailbox unavailable (#5.1.1)\r\n").reply.enhanced);
static_assert(parse("550-5.1.1 a\r\n550 b\r\n").reply.enhanced == code(5, 1, 1));
static_assert(parse("550-5.1.1 a\r\n550 5.1.2 b\r\n").reply.enhanced == code(5, 1, 2));
static_assert(line_enhanced("550-5.1.1 a\r\n550-b\r\n550 5.1.2 b\r\n", 1) == enhanced_code{});
static_assert(line_enhanced("550-5.1.1 a\r\n550-b\r\n550 5.1.2 b\r\n", 2) == code(5, 1, 2));
static_assert(smtp_reply::match_enhanced_prefix("#4.5.3 x").length == 7);
static_assert(smtp_reply::match_enhanced_prefix("5.1.1").code == code(5, 1, 1));
static_assert(!smtp_reply::match_enhanced_prefix("6.1.1").code);
static_assert(smtp_reply::parse_enhanced_code("5.7.26") == code(5, 7, 26));
static_assert(!smtp_reply::parse_enhanced_code("#5.7.26"));
static_assert(smtp_reply::to_string(code(5, 7, 606)).view() == "5.7.606");
static_assert(smtp_reply::to_string(enhanced_code{}).view().empty());

// --- Diagnostics, default preset.
static_assert(has_only("220-a\r\n421 b\r\n", diagnostic::code_mismatch));
static_assert(parse("220-a\r\n421 b\r\n").reply.code == 421);
static_assert(has_only("571 x\r\n", diagnostic::nonstandard_code));
static_assert(parse("571 x\r\n").reply.reply_class == smtp_reply::reply_class::permanent);
static_assert(has_only("250 OK\n", diagnostic::bare_lf));
static_assert(has_only(line_513.view(), diagnostic::long_line));
static_assert(parse(line_512.view()).reply.diagnostics.empty());
static_assert(has_only("250 caf\xc3\xa9\r\n", diagnostic::non_ascii));
static_assert(has_only("250 caf\xc3\xa9\r\n", diagnostic::non_ascii, strict_preset));
static_assert(has_only("450 5.7.1 x\r\n", diagnostic::enhanced_mismatch));
static_assert(parse("450 5.7.1 x\r\n").reply.reply_class == smtp_reply::reply_class::transient);
static_assert(has_only("550-5.1.1 a\r\n550 5.1.2 b\r\n", diagnostic::enhanced_inconsistent));
static_assert(has_only("550-a\r\n550 5.1.2 b\r\n", diagnostic::enhanced_inconsistent));

// --- Errors and their offsets, both presets.
static_assert(gives("", parse_status::incomplete, 0));
static_assert(gives("250 OK", parse_status::incomplete, 0));
static_assert(gives("250-a\r\n", strict_preset, parse_status::incomplete, 0));
static_assert(gives("250-a\r\n\r\n", parse_status::empty, 7));
static_assert(gives("250-a\r\n\r\n", strict_preset, parse_status::empty, 7));
static_assert(gives(" 250 x\r\n", parse_status::bad_code, 0));
static_assert(gives("2x0 x\r\n", strict_preset, parse_status::bad_code, 1));
static_assert(gives("25\r\n", parse_status::bad_code, 2));
static_assert(gives("571 x\r\n", strict_preset, parse_status::bad_code, 1));
static_assert(gives("250\tx\r\n", parse_status::bad_separator, 3));
static_assert(gives("2500 x\r\n", strict_preset, parse_status::bad_separator, 3));
static_assert(gives(std::string_view("250 a\0b\r\n", 9), parse_status::bad_character, 5));
static_assert(gives(std::string_view("250 a\0b\r\n", 9), strict_preset, parse_status::bad_character, 5));
static_assert(gives("250 a\rb\r\n", parse_status::bad_character, 5));
static_assert(gives("250 OK\n", strict_preset, parse_status::bad_character, 6));
static_assert(gives("250-a\r\n251 b\r\n", strict_preset, parse_status::code_mismatch, 7));
static_assert(gives("250-a\r\n251 b\r\n", parse_status::ok, 14));
static_assert(gives(line_2048.view(), parse_status::ok, 2048));
static_assert(gives(line_2049.view(), parse_status::line_too_long, 2048));
static_assert(gives(line_512.view(), strict_preset, parse_status::ok, 512));
static_assert(gives(line_513.view(), strict_preset, parse_status::line_too_long, 512));
static_assert(gives(line_2049.view().substr(0, 2048), parse_status::incomplete, 0));
static_assert(gives(lines_1000.view(), parse_status::ok, 7000));
static_assert(parse(lines_1000.view()).reply.line_count == 1000);
static_assert(gives(lines_1001.view(), parse_status::too_many_lines, 7000));
static_assert(gives(lines_1001.view(), strict_preset, parse_status::too_many_lines, 7000));
static_assert(gives(lines_1000_open.view(), parse_status::incomplete, 0));

// --- Pipelining.
static_assert(gives("250 OK\r\n354 go\r\n", parse_status::ok, 8));
static_assert(parse(std::string_view("250 OK\r\n354 go\r\n").substr(8)).reply.code == 354);

// --- The resumable parser at compile time, a byte at a time.
static_assert(bytewise_is_whole("250-mx\r\n250-PIPELINING\r\n250 2.0.0 OK\r\n"));
static_assert(bytewise_is_whole("220-a\n571 5.7.1 caf\xc3\xa9\r\n"));
static_assert(bytewise_is_whole("250-a\r\n251 b\r\n", strict_preset));
static_assert(bytewise_is_whole(std::string_view("250 a\0b\r\n", 9)));
static_assert(bytewise_is_whole("250 OK"));
static_assert(bytewise_is_whole(line_2049.view()));
static_assert(feed_bytewise("250 OK\r\n", smtp_reply::default_preset).consumed == 8);

}  // namespace

TEST_CASE("constexpr: the static_asserts above compiled, the same at run time") {
  CHECK(ok_reply.reply.code == 250);
  CHECK(line_text("250-\r\n250 x\r\n", 1) == "x");
  CHECK(gives(line_2049.view(), parse_status::line_too_long, 2048));
  CHECK(bytewise_is_whole("250-mx\r\n250-PIPELINING\r\n250 2.0.0 OK\r\n"));
  CHECK(gives(lines_1001.view(), parse_status::too_many_lines, 7000));
  CHECK(has_only(line_513.view(), diagnostic::long_line));
}
