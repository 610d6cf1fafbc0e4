// A consumer of every public header, as an MTA builds it: -fno-exceptions
// -fno-rtti (tests/hardening/CMakeLists.txt), the project's warnings as
// errors. It parses and classifies a few replies, at compile time and at run
// time, and exits non-zero when a result is not the expected one.
//
// It is also the translation unit clang-tidy and cppcheck read for the
// library's headers, so it instantiates every public template: keep it
// including every header of include/smtp_reply/ (a test checks).
#include <smtp_reply/classify.hpp>
#include <smtp_reply/codes.hpp>
#include <smtp_reply/enhanced.hpp>
#include <smtp_reply/evidence.hpp>
#include <smtp_reply/parse.hpp>
#include <smtp_reply/reply.hpp>
#include <smtp_reply/rules.hpp>
#include <smtp_reply/taxonomy.hpp>
#include <smtp_reply/version.hpp>

#include <cstddef>
#include <cstdio>
#include <string_view>

#if defined(__cpp_exceptions) && defined(SMTP_REPLY_EXPECT_NO_EXCEPTIONS)
#error "this consumer is meant to be built with -fno-exceptions"
#endif
#if defined(__GXX_RTTI) && defined(SMTP_REPLY_EXPECT_NO_EXCEPTIONS)
#error "this consumer is meant to be built with -fno-rtti"
#endif

namespace {

constexpr smtp_reply::text_rule my_rule_list[] = {
    {"mailbox quota exceeded", smtp_reply::reason::mailbox_full, smtp_reply::strength::specific_text},
    {"greylist*", smtp_reply::reason::greylisted, smtp_reply::strength::mechanism},
};
constexpr smtp_reply::rule_set my_rules{my_rule_list};
static_assert(my_rules.valid(), "well-formed rules");

// At compile time: no allocation, no exception is possible in a constant expression.
constexpr smtp_reply::parse_result greeting = smtp_reply::parse("220-mx.example.org ESMTP\r\n220 ready\r\n");
static_assert(greeting && greeting.reply.code == 220 && greeting.reply.line_count == 2, "parse at compile time");
static_assert(smtp_reply::parse("250 OK").need_more(), "no EOL: incomplete");
static_assert(smtp_reply::parse("250\tOK\r\n").status == smtp_reply::parse_status::bad_separator, "tab separator");
static_assert(smtp_reply::parse_enhanced_code("5.7.26").subject == 7, "enhanced code");

int failures = 0;

void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "consumer: %s\n", what);
    ++failures;
  }
}

}  // namespace

int main() {
  // Bytes as a socket loop holds them: a buffer, fed as it fills.
  static const char wire[] = "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
                             "550 5.1.1 No such user - gsmtp\r\n"
                             "250 2.0.0 OK\r\n";
  const std::string_view bytes(wire, sizeof wire - 1);
  smtp_reply::parser p(smtp_reply::strict_preset);
  smtp_reply::parse_result r{};
  std::size_t have = 0;
  while (have < bytes.size()) {
    have += 7;
    if (have > bytes.size()) have = bytes.size();
    r = p.feed(bytes.substr(0, have));
    if (!r.need_more()) break;
  }
  expect(static_cast<bool>(r), "the first reply parses");
  expect(r.reply.code == 550 && r.reply.line_count == 2, "code and lines");
  expect(smtp_reply::to_string(r.reply.enhanced).view() == "5.1.1", "enhanced code");
  std::size_t lines = 0;
  for (const smtp_reply::reply_line& line : r.reply.lines()) lines += line.code == 550 ? 1 : 0;
  expect(lines == 2, "line iteration");

  const smtp_reply::classification c = smtp_reply::classify(r.reply);
  expect(c.reply_class == smtp_reply::reply_class::permanent, "class");
  expect(c.reason == smtp_reply::reason::mailbox_unknown, "reason");
  expect(c.action == smtp_reply::action::suppress_recipient && c.suppress_recipient, "action");
  expect(!smtp_reply::to_string(c.evidence.source).empty(), "evidence source");

  const smtp_reply::classification next = smtp_reply::classify(bytes.substr(r.consumed));
  expect(next && next.reply_class == smtp_reply::reply_class::success, "the pipelined reply");
  const smtp_reply::classification mine =
      smtp_reply::classify("452 4.2.2 Mailbox quota exceeded\r\n", my_rules);
  expect(mine.reason == smtp_reply::reason::mailbox_full &&
             mine.evidence.source == smtp_reply::evidence_source::user_rule,
         "user rules decide");
  expect(smtp_reply::match_rules(r.reply, my_rules).matched == false, "no user rule in the first reply");
  expect(smtp_reply::evidence_from_reply_code(535).reason == smtp_reply::reason::auth_required, "535");
  expect(smtp_reply::find_reply_code(r.reply.code) != nullptr, "the code table");
  expect(smtp_reply::class_of(421) == smtp_reply::reply_class::transient, "class_of");
  expect(!smtp_reply::to_string(smtp_reply::fault_of(c.reason)).empty(), "fault");
  expect(std::string_view(SMTP_REPLY_VERSION_STRING).size() >= 5, "version");
  if (failures == 0) std::puts("consumer: ok");
  return failures == 0 ? 0 : 1;
}
