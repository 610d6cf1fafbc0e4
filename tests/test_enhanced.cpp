// Enhanced status codes (RFC 3463, RFC 2034) as the parser reads them
// (parsing.md, "Enhanced status code"): the prefix matcher, the exact parser,
// the formatter, which line's code the reply gets, and the two enhanced
// diagnostics.
#include <doctest/doctest.h>

#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <smtp_reply/enhanced.hpp>
#include <smtp_reply/parse.hpp>

#include "support.hpp"

using namespace std::literals;
using smtp_reply::default_preset;
using smtp_reply::enhanced_code;
using smtp_reply::match_enhanced_prefix;
using smtp_reply::parse_enhanced_code;
using smtp_reply::parse_options;
using smtp_reply::parse_status;
using smtp_reply::strict_preset;
using smtp_reply_test::escape;
using smtp_reply_test::name;
using smtp_reply_test::names;
using smtp_reply_test::parsed;
using smtp_reply_test::quoted;

namespace {

constexpr enhanced_code code(unsigned c, unsigned s, unsigned d) {
  enhanced_code e{};
  e.class_digit = static_cast<std::uint8_t>(c);
  e.subject = static_cast<std::uint16_t>(s);
  e.detail = static_cast<std::uint16_t>(d);
  return e;
}

// The contract's grammar as a regular expression: an oracle written
// independently of match_enhanced_prefix.
//   enhanced = [ "#" ] class "." subject "." detail ; then SP, HT or end of text
const std::regex& enhanced_grammar() {
  static const std::regex re("^#?([245])\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})([ \\t]|$)",
                             std::regex::ECMAScript);
  return re;
}

}  // namespace

TEST_SUITE("enhanced") {

TEST_CASE("match_enhanced_prefix: codes, and the bytes stripped with them") {
  struct row {
    std::string_view text;
    enhanced_code want;
    std::size_t length;
  };
  const row rows[] = {
      {"5.1.1 User unknown", code(5, 1, 1), 6},
      {"5.1.1\tUser unknown", code(5, 1, 1), 6},
      {"5.1.1", code(5, 1, 1), 5},
      {"5.1.1 ", code(5, 1, 1), 6},
      {"5.1.1  two blanks", code(5, 1, 1), 6},  // only one blank goes with the code
      {"5.1.10 Recipient not found", code(5, 1, 10), 7},
      {"5.7.606 Access denied, banned sending IP", code(5, 7, 606), 8},
      {"#4.5.3 Too many recipients", code(4, 5, 3), 7},
      {"#4.5.3", code(4, 5, 3), 6},
      {"2.0.0 OK", code(2, 0, 0), 6},
      {"4.0.0", code(4, 0, 0), 5},
      {"5.0.1 x", code(5, 0, 1), 6},
      {"2.999.999 x", code(2, 999, 999), 10},
      {"4.100.200\t", code(4, 100, 200), 10},
  };
  for (const row& r : rows) {
    CAPTURE(escape(r.text));
    const smtp_reply::enhanced_prefix p = match_enhanced_prefix(r.text);
    CHECK(name(p.code) == name(r.want));
    CHECK(p.code == r.want);
    CHECK(p.length == r.length);
  }
}

TEST_CASE("match_enhanced_prefix: the contract's non-codes, and more, are not codes") {
  for (const std::string_view text : {
           "5.1"sv, "5.1.1.1"sv, "51.1.1"sv, "5.01.1"sv, "5.1.1000"sv, "6.1.1"sv, "5.1.1x"sv,  // the contract's
           ""sv, "5"sv, "5."sv, "5.1."sv, "5..1"sv, ".5.1.1"sv, "5.1.01"sv, "5.1000.1"sv, "5.00.1"sv,
           "5.1.00"sv, "3.1.1"sv, "1.1.1"sv, "0.0.0"sv, "7.1.1"sv, "5,1,1"sv, "5.1.1-"sv, "5.1.1."sv,
           "5.1.1,"sv, "5.1.1:"sv, "5.1.1/"sv, "5.1.1\r"sv, "5.1.1\x80"sv, "5.a.1"sv, "5.1.a"sv, "#"sv,
           "##5.1.1"sv, "# 5.1.1"sv, " 5.1.1"sv, "\t5.1.1"sv, "x5.1.1"sv, "(#5.1.1)"sv, "55.1.1"sv,
           "5.1.1000 x"sv, "5.1.1.1 x"sv, "5.1 x"sv, "#5.1"sv, "#6.1.1"sv,
       }) {
    CAPTURE(escape(text));
    const smtp_reply::enhanced_prefix p = match_enhanced_prefix(text);
    CHECK_FALSE(p.code);
    CHECK(p.length == 0);
  }
}

TEST_CASE("match_enhanced_prefix agrees with the grammar on many spellings") {
  // Built from pieces, so the interesting shapes (prefix, class, separators,
  // numbers with leading zeros or four digits, what follows) all combine.
  const std::string_view prefixes[] = {"", "#", " "};
  const std::string_view classes[] = {"", "2", "4", "5", "3", "55"};
  const std::string_view dots[] = {"", ".", ","};
  const std::string_view numbers[] = {"", "0", "1", "01", "10", "999", "1000"};
  const std::string_view tails[] = {"", " ", "\t", "x", ".", "0"};
  std::size_t codes = 0;
  std::size_t checked = 0;
  std::string text;
  for (const auto prefix : prefixes)
    for (const auto cls : classes)
      for (const auto dot1 : dots)
        for (const auto subject : numbers)
          for (const auto dot2 : dots)
            for (const auto detail : numbers)
              for (const auto tail : tails) {
                text.assign(prefix);
                text += cls;
                text += dot1;
                text += subject;
                text += dot2;
                text += detail;
                text += tail;
                std::smatch m;
                const bool want = std::regex_search(text, m, enhanced_grammar());
                const smtp_reply::enhanced_prefix got = match_enhanced_prefix(text);
                ++checked;
                if (want != static_cast<bool>(got.code)) {
                  CAPTURE(escape(text));
                  CHECK(want == static_cast<bool>(got.code));
                  continue;
                }
                if (!want) {
                  if (got.length != 0) CHECK(got.length == 0);
                  continue;
                }
                ++codes;
                const enhanced_code expected =
                    code(static_cast<unsigned>(std::stoi(m[1].str())), static_cast<unsigned>(std::stoi(m[2].str())),
                         static_cast<unsigned>(std::stoi(m[3].str())));
                if (got.code != expected || got.length != static_cast<std::size_t>(m.length(0))) {
                  CAPTURE(escape(text));
                  CHECK(name(got.code) == name(expected));
                  CHECK(got.length == static_cast<std::size_t>(m.length(0)));
                }
              }
  CHECK(checked == 3 * 6 * 3 * 7 * 3 * 7 * 6);
  CHECK(codes == 360);  // the oracle found codes: the test is not vacuous
}

TEST_CASE("parse_enhanced_code: exactly a code, as a user types it") {
  CHECK(parse_enhanced_code("5.7.26") == code(5, 7, 26));
  CHECK(parse_enhanced_code("2.0.0") == code(2, 0, 0));
  CHECK(parse_enhanced_code("4.999.999") == code(4, 999, 999));
  CHECK(parse_enhanced_code("5.1.10") == code(5, 1, 10));
  for (const std::string_view bad :
       {""sv, "#5.7.26"sv, "5.7.26 "sv, "5.7.26\t"sv, " 5.7.26"sv, "5.7.26 x"sv, "5.7"sv, "5.7.2.6"sv, "5.07.26"sv,
        "5.7.1000"sv, "6.7.26"sv, "5.7.26x"sv, "#"sv, "5.7.26\n"sv}) {
    CAPTURE(escape(bad));
    CHECK_FALSE(parse_enhanced_code(bad));
  }
}

TEST_CASE("to_string(enhanced_code) and parse_enhanced_code round-trip") {
  CHECK(smtp_reply::to_string(code(5, 1, 1)).view() == "5.1.1");
  CHECK(smtp_reply::to_string(code(5, 1, 10)).view() == "5.1.10");
  CHECK(smtp_reply::to_string(code(5, 7, 606)).view() == "5.7.606");
  CHECK(smtp_reply::to_string(code(2, 999, 999)).view() == "2.999.999");
  CHECK(smtp_reply::to_string(code(4, 0, 0)).view() == "4.0.0");
  CHECK(smtp_reply::to_string(enhanced_code{}).view().empty());
  for (const unsigned cls : {2U, 4U, 5U}) {
    for (unsigned n = 0; n < 1000; ++n) {
      for (const enhanced_code e : {code(cls, n, 0), code(cls, 0, n), code(cls, n, n), code(cls, n, 999 - n)}) {
        const smtp_reply::enhanced_code_string s = smtp_reply::to_string(e);
        if (parse_enhanced_code(s.view()) != e) {
          CAPTURE(std::string(s.view()));
          CHECK(parse_enhanced_code(s.view()) == e);
        }
      }
    }
  }
}

TEST_CASE("enhanced_code value semantics") {
  CHECK_FALSE(enhanced_code{});
  CHECK_FALSE(enhanced_code{}.has_value());
  CHECK(code(5, 1, 1));
  CHECK(code(5, 1, 1) == code(5, 1, 1));
  CHECK(code(5, 1, 1) != code(5, 1, 2));
  CHECK(code(5, 1, 1) != code(4, 1, 1));
  CHECK(code(5, 1, 1) != code(5, 2, 1));
  CHECK(code(5, 1, 1) != enhanced_code{});
}

TEST_CASE("a line's code is stripped from its text, with '#' and one blank") {
  for (const parse_options& options : {default_preset, strict_preset}) {
    const parsed p(
        "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
        "550-5.1.1\tPlease try\r\n"
        "550-5.1.1\r\n"
        "550 5.1.1  two blanks\r\n",
        options);
    REQUIRE(p.status() == parse_status::ok);
    CHECK(name(p.reply().enhanced) == "5.1.1");
    CHECK(quoted(p.texts()) ==
          quoted({"The email account that you tried to reach does not exist.", "Please try", "", " two blanks"}));
    for (const auto& line : p.reply().lines()) CHECK(name(line.enhanced) == "5.1.1");
    CHECK(p.reply().diagnostics.empty());
  }
}

TEST_CASE("qmail's '#': stripped, code reported without it") {
  const parsed p("452 #4.5.3 Too many recipients\r\n");
  REQUIRE(p.status() == parse_status::ok);
  CHECK(name(p.reply().enhanced) == "4.5.3");
  CHECK(p.reply().last_line().text == "Too many recipients");
  CHECK(p.reply().diagnostics.empty());
  const parsed two("452 #4.5.3  Too many\r\n");
  CHECK(two.reply().last_line().text == " Too many");
  const parsed alone("452 #4.5.3\r\n");
  CHECK(name(alone.reply().enhanced) == "4.5.3");
  CHECK(alone.reply().last_line().text.empty());
  // Mixed spellings on the lines of one reply are the same code.
  const parsed mixed("550-#5.1.1 a\r\n550 5.1.1 b\r\n");
  CHECK(mixed.reply().diagnostics.empty());
  CHECK(name(mixed.reply().enhanced) == "5.1.1");
}

TEST_CASE("codes 5.1.10 and 5.7.606 (Microsoft) are read whole") {
  const parsed a("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\r\n");
  REQUIRE(a.status() == parse_status::ok);
  CHECK(name(a.reply().enhanced) == "5.1.10");
  CHECK(a.reply().last_line().text.substr(0, 8) == "RESOLVER");
  const parsed b("550 5.7.606 Access denied, banned sending IP [192.0.2.1]\r\n");
  REQUIRE(b.status() == parse_status::ok);
  CHECK(name(b.reply().enhanced) == "5.7.606");
  CHECK(b.reply().last_line().text == "Access denied, banned sending IP [192.0.2.1]");
}

TEST_CASE("a non-code stays in the text, and the reply has no enhanced code") {
  for (const std::string_view non_code : {"5.1"sv, "5.1.1.1"sv, "51.1.1"sv, "5.01.1"sv, "5.1.1000"sv, "6.1.1"sv,
                                          "5.1.1x"sv, "#5.1"sv, "#"sv, "5.1.1:"sv}) {
    for (const parse_options& options : {default_preset, strict_preset}) {
      for (const std::string_view after : {""sv, " rest"sv}) {
        const std::string text = std::string(non_code) + std::string(after);
        const parsed p("550 " + text + "\r\n", options);
        CAPTURE(text);
        REQUIRE(p.status() == parse_status::ok);
        CHECK_FALSE(p.reply().enhanced);
        CHECK(p.reply().last_line().text == text);
        CHECK_FALSE(p.reply().last_line().enhanced);
        CHECK(p.reply().diagnostics.empty());
      }
    }
  }
}

TEST_CASE("a code later in the text is not the reply's code") {
  for (const std::string_view input : {
           "550 Mailbox unavailable (#5.1.1)\r\n"sv,
           "550 Mailbox unavailable 5.1.1\r\n"sv,
           "550  5.1.1 leading blank\r\n"sv,
           "550-Mailbox unavailable\r\n550 see (#5.1.1)\r\n"sv,
       }) {
    const parsed p(input);
    CAPTURE(escape(input));
    REQUIRE(p.status() == parse_status::ok);
    CHECK_FALSE(p.reply().enhanced);
    CHECK(p.reply().diagnostics.empty());
    CHECK(p.reply().last_line().text == input.substr(input.rfind("550") + 4, input.size() - input.rfind("550") - 6));
  }
}

TEST_CASE("the reply's code: the final line's, else the first line's that has one") {
  struct row {
    std::string_view input;
    std::string_view want;
    std::string_view diagnostics;
  };
  const row rows[] = {
      // The final line's.
      {"550-5.1.1 a\r\n550 5.1.2 b\r\n", "5.1.2", "enhanced_inconsistent"},
      {"550-a\r\n550 5.1.1 b\r\n", "5.1.1", "enhanced_inconsistent"},
      {"550-5.1.1 a\r\n550-5.1.3 b\r\n550 5.1.2 c\r\n", "5.1.2", "enhanced_inconsistent"},
      // The final line has none: the first line's that has one.
      {"550-5.1.1 a\r\n550 b\r\n", "5.1.1", "enhanced_inconsistent"},
      {"550-a\r\n550-5.1.1 b\r\n550-5.1.2 c\r\n550 d\r\n", "5.1.1", "enhanced_inconsistent"},
      {"250-a\r\n250-2.0.0 b\r\n250 c\r\n", "2.0.0", "enhanced_inconsistent"},
      // None anywhere.
      {"550-a\r\n550 b\r\n", "", ""},
      // The same on every line.
      {"550-5.1.1 a\r\n550-#5.1.1 b\r\n550 5.1.1\r\n", "5.1.1", ""},
  };
  for (const row& r : rows) {
    for (const parse_options& options : {default_preset, strict_preset}) {
      const parsed p(r.input, options);
      CAPTURE(escape(r.input));
      REQUIRE(p.status() == parse_status::ok);
      CHECK(name(p.reply().enhanced) == r.want);
      CHECK(names(p.reply().diagnostics) == r.diagnostics);
    }
  }
}

TEST_CASE("enhanced_mismatch: class other than the reply code's first digit") {
  struct row {
    std::string_view input;
    std::string_view want;
    std::string_view diagnostics;
  };
  const row rows[] = {
      {"450 5.7.1 Client host rejected\r\n", "5.7.1", "enhanced_mismatch"},
      {"550 4.2.2 Mailbox full\r\n", "4.2.2", "enhanced_mismatch"},
      {"250 5.0.0 odd\r\n", "5.0.0", "enhanced_mismatch"},
      {"550 2.0.0 odd\r\n", "2.0.0", "enhanced_mismatch"},
      // RFC 3463 has no class 3, so any code on a 3yz reply mismatches.
      {"354 2.0.0 Start mail input\r\n", "2.0.0", "enhanced_mismatch"},
      {"450 4.7.1 ok\r\n", "4.7.1", ""},
      // The code picked from an earlier line is compared too.
      {"450-5.7.1 a\r\n450 b\r\n", "5.7.1", "enhanced_mismatch,enhanced_inconsistent"},
      {"450-4.7.1 a\r\n450 b\r\n", "4.7.1", "enhanced_inconsistent"},
      // The reply code is the final line's.
      {"250-2.0.0 a\r\n550 5.0.0 b\r\n", "5.0.0", "code_mismatch,enhanced_inconsistent"},
      {"550-5.0.0 a\r\n250 5.0.0 b\r\n", "5.0.0", "code_mismatch,enhanced_mismatch"},
  };
  for (const row& r : rows) {
    const parsed p(r.input);
    CAPTURE(escape(r.input));
    REQUIRE(p.status() == parse_status::ok);
    CHECK(name(p.reply().enhanced) == r.want);
    CHECK(names(p.reply().diagnostics) == r.diagnostics);
  }
  // The reply code decides the class.
  const parsed p("450 5.7.1 x\r\n", strict_preset);
  REQUIRE(p.status() == parse_status::ok);
  CHECK(name(p.reply().reply_class) == "transient");
  CHECK(names(p.reply().diagnostics) == "enhanced_mismatch");
}

TEST_CASE("enhanced_inconsistent: one differs, or some lines carry one and others none") {
  struct row {
    std::string_view input;
    bool inconsistent;
  };
  const row rows[] = {
      {"550-5.1.1 a\r\n550 5.1.1 b\r\n", false},
      {"550-5.1.1 a\r\n550-5.1.1 b\r\n550 5.1.1 c\r\n", false},
      {"550 5.1.1 b\r\n", false},
      {"550 b\r\n", false},
      {"550-a\r\n550-b\r\n550 c\r\n", false},
      {"550-5.1.1 a\r\n550-5.1.1 b\r\n550 5.1.2 c\r\n", true},  // the final one differs
      {"550-5.1.2 a\r\n550-5.1.1 b\r\n550 5.1.1 c\r\n", true},  // the first one differs
      {"550-5.1.1 a\r\n550-5.1.2 b\r\n550 5.1.1 c\r\n", true},  // a middle one differs
      {"550-5.1.1 a\r\n550-4.1.1 b\r\n550 5.1.1 c\r\n", true},  // class differs
      {"550-a\r\n550 5.1.1 b\r\n", true},                       // some none
      {"550-5.1.1 a\r\n550 b\r\n", true},
      {"550-5.1.1 a\r\n550-b\r\n550 5.1.1 c\r\n", true},
      {"550-5.1.1 a\r\n550-\r\n550 5.1.1 c\r\n", true},         // an empty line has none
      {"550-5.1.1 a\r\n550-5.1.10 b\r\n550 5.1.1 c\r\n", true},
  };
  for (const row& r : rows) {
    for (const parse_options& options : {default_preset, strict_preset}) {
      const parsed p(r.input, options);
      CAPTURE(escape(r.input));
      REQUIRE(p.status() == parse_status::ok);
      CHECK(p.reply().diagnostics.has(smtp_reply::diagnostic::enhanced_inconsistent) == r.inconsistent);
    }
  }
}

TEST_CASE("each line reports its own enhanced code") {
  const parsed p("550-5.1.1 a\r\n550-b\r\n550-#4.2.2 c\r\n550 5.1.10 d\r\n");
  REQUIRE(p.status() == parse_status::ok);
  std::vector<std::string> codes;
  for (const auto& line : p.reply().lines()) codes.push_back(name(line.enhanced));
  CHECK(quoted(codes) == quoted({"5.1.1", "", "4.2.2", "5.1.10"}));
  CHECK(quoted(p.texts()) == quoted({"a", "b", "c", "d"}));
  CHECK(name(p.reply().enhanced) == "5.1.10");
}

}  // TEST_SUITE
