// Tests of the basic reply code table (codes.hpp): its invariants, at compile
// time and at run time, the codes it must hold, and describe_reply_code().
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <smtp_reply/codes.hpp>

namespace {

using smtp_reply::describe_reply_code;
using smtp_reply::find_reply_code;
using smtp_reply::reply_code_count;
using smtp_reply::reply_code_info;
using smtp_reply::reply_codes;

// The same checks the header makes, once more from a test translation unit.
static_assert(smtp_reply::detail::verify_reply_codes());
static_assert(find_reply_code(421)->description == "service not available, closing transmission channel");
static_assert(find_reply_code(556)->rfc == "RFC 7504");
static_assert(find_reply_code(571) == nullptr);
static_assert(describe_reply_code(571).class_text == "permanent negative completion");
static_assert(describe_reply_code(250).entry == find_reply_code(250));

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The hints of an entry, causes and remedy together, in lower case.
std::string hints_of(const reply_code_info& e) {
  return lowercase(e.causes) + " | " + lowercase(e.remedy);
}

}  // namespace

TEST_CASE("the reply code table keeps its invariants at run time") {
  // Plain calls, evaluated at run time (no constant expression context).
  CHECK(smtp_reply::detail::reply_codes_ascending(reply_codes, reply_code_count));
  CHECK(smtp_reply::detail::reply_codes_in_range(reply_codes, reply_code_count));
  CHECK(smtp_reply::detail::reply_codes_filled(reply_codes, reply_code_count));
  CHECK(smtp_reply::detail::reply_codes_findable());
  CHECK(smtp_reply::detail::verify_reply_codes());
}

TEST_CASE("the invariant checks reject broken tables") {
  const reply_code_info unsorted[] = {{250, "d", "r", "c", "x"}, {220, "d", "r", "c", "x"}};
  const reply_code_info duplicate[] = {{250, "d", "r", "c", "x"}, {250, "d", "r", "c", "x"}};
  const reply_code_info too_low[] = {{199, "d", "r", "c", "x"}};
  const reply_code_info too_high[] = {{600, "d", "r", "c", "x"}};
  const reply_code_info no_remedy[] = {{250, "d", "r", "c", ""}};
  const reply_code_info no_rfc[] = {{250, "d", "", "c", "x"}};
  CHECK_FALSE(smtp_reply::detail::reply_codes_ascending(unsorted, 2));
  CHECK_FALSE(smtp_reply::detail::reply_codes_ascending(duplicate, 2));
  CHECK(smtp_reply::detail::reply_codes_ascending(duplicate, 1));
  CHECK_FALSE(smtp_reply::detail::reply_codes_in_range(too_low, 1));
  CHECK_FALSE(smtp_reply::detail::reply_codes_in_range(too_high, 1));
  CHECK_FALSE(smtp_reply::detail::reply_codes_filled(no_remedy, 1));
  CHECK_FALSE(smtp_reply::detail::reply_codes_filled(no_rfc, 1));
}

TEST_CASE("every required reply code is in the table, with its RFC") {
  struct expected {
    std::uint16_t code;
    std::string_view rfc;
  };
  const expected all[] = {
      {211, "RFC 5321"}, {214, "RFC 5321"}, {220, "RFC 5321"}, {221, "RFC 5321"},
      {235, "RFC 4954"}, {250, "RFC 5321"}, {251, "RFC 5321"}, {252, "RFC 5321"},
      {334, "RFC 4954"}, {354, "RFC 5321"}, {421, "RFC 5321"}, {432, "RFC 4954"},
      {450, "RFC 5321"}, {451, "RFC 5321"}, {452, "RFC 5321"}, {454, "RFC 3207; RFC 4954"},
      {455, "RFC 5321"}, {500, "RFC 5321; RFC 4954"}, {501, "RFC 5321"}, {502, "RFC 5321"},
      {503, "RFC 5321"}, {504, "RFC 5321"}, {521, "RFC 7504"}, {530, "RFC 3207; RFC 4954"},
      {534, "RFC 4954"}, {535, "RFC 4954"}, {538, "RFC 4954"}, {541, "nonstandard"},
      {550, "RFC 5321"}, {551, "RFC 5321"}, {552, "RFC 5321; RFC 1870"}, {553, "RFC 5321"},
      {554, "RFC 5321"}, {555, "RFC 5321"}, {556, "RFC 7504"},
  };
  CHECK(reply_code_count == sizeof(all) / sizeof(all[0]));
  for (const expected& e : all) {
    CAPTURE(e.code);
    const reply_code_info* info = find_reply_code(e.code);
    REQUIRE(info != nullptr);
    CHECK(info->code == e.code);
    CHECK(info->rfc == e.rfc);
  }
}

TEST_CASE("the 21 codes of codes.md carry their hints") {
  struct required {
    std::uint16_t code;
    // Phrases the hints must contain (lower case), taken from codes.md's list.
    std::string_view phrases[3];
  };
  const required all[] = {
      {220, {"greeting", "carry on", ""}},
      {221, {"session has ended", "earlier replies", ""}},
      {250, {"most common", "several", "carry on"}},
      {354, {"waits for the message", "", ""}},
      {421, {"relay", "connection", "retry later"}},
      {450, {"no longer exist", "blocklist", "attachment"}},
      {451, {"not the sender's fault", "rules", "retry"}},
      {452, {"overloaded", "queue", "reasonable rate"}},
      {455, {"retry later", "administrator", ""}},
      {500, {"antivirus", "firewall", "disabled"}},
      {501, {"like 500", "invalid email address", ""}},
      {502, {"configuration", "reconnect", ""}},
      {503, {"authenticat", "mta configuration", ""}},
      {504, {"like 502", "configuration", ""}},
      {521, {"accepts and delivers no mail", "forwarded", ""}},
      {541, {"only some servers", "spam", "blocklist"}},
      {550, {"does not exist", "spam", "read"}},
      {551, {"forward address", "anti-spam", ""}},
      {552, {"mailbox is full", "no longer reads", "mail-bombed"}},
      {553, {"could not be verified", "check every address", ""}},
      {554, {"invalid or disabled mailbox", "check the address", "try again"}},
  };
  CHECK(sizeof(all) / sizeof(all[0]) == 21);
  for (const required& r : all) {
    CAPTURE(r.code);
    const reply_code_info* info = find_reply_code(r.code);
    REQUIRE(info != nullptr);
    CHECK_FALSE(info->description.empty());
    CHECK_FALSE(info->causes.empty());
    CHECK_FALSE(info->remedy.empty());
    const std::string hints = hints_of(*info);
    for (std::string_view phrase : r.phrases) {
      if (phrase.empty()) continue;
      CAPTURE(phrase);
      CHECK(hints.find(phrase) != std::string::npos);
    }
  }
}

TEST_CASE("codes with two sources describe both meanings") {
  const std::string tls_or_auth = lowercase(find_reply_code(454)->description);
  CHECK(tls_or_auth.find("tls") != std::string::npos);
  CHECK(tls_or_auth.find("authentication") != std::string::npos);
  const std::string starttls_or_auth = lowercase(find_reply_code(530)->description);
  CHECK(starttls_or_auth.find("starttls") != std::string::npos);
  CHECK(starttls_or_auth.find("authentication") != std::string::npos);
  const std::string storage_or_size = lowercase(find_reply_code(552)->description);
  CHECK(storage_or_size.find("storage") != std::string::npos);
  CHECK(storage_or_size.find("size") != std::string::npos);
  CHECK(find_reply_code(500)->description.find("too long") != std::string_view::npos);
}

TEST_CASE("find_reply_code answers nullptr for codes not in the table") {
  const std::uint16_t absent[] = {0, 1, 199, 200, 222, 300, 400, 571, 599, 600, 999, 65535};
  for (std::uint16_t code : absent) {
    CAPTURE(code);
    CHECK(find_reply_code(code) == nullptr);
  }
  for (std::size_t i = 0; i < reply_code_count; ++i) {
    CHECK(find_reply_code(reply_codes[i].code) == &reply_codes[i]);
  }
}

TEST_CASE("describe_reply_code always answers") {
  const auto d571 = describe_reply_code(571);
  CHECK(d571.class_text == "permanent negative completion");
  CHECK(d571.subject_text == "nonstandard");
  CHECK(d571.entry == nullptr);

  const auto d599 = describe_reply_code(599);
  CHECK(d599.class_text == "permanent negative completion");
  CHECK(d599.subject_text == "nonstandard");
  CHECK(d599.entry == nullptr);

  const auto d250 = describe_reply_code(250);
  CHECK(d250.class_text == "positive completion");
  CHECK(d250.subject_text == "mail system");
  REQUIRE(d250.entry != nullptr);
  CHECK(d250.entry->code == 250);

  CHECK(describe_reply_code(354).class_text == "positive intermediate");
  CHECK(describe_reply_code(354).subject_text == "mail system");
  CHECK(describe_reply_code(421).class_text == "transient negative completion");
  CHECK(describe_reply_code(421).subject_text == "connections");
  CHECK(describe_reply_code(500).subject_text == "syntax");
  CHECK(describe_reply_code(214).subject_text == "information");
  CHECK(describe_reply_code(530).subject_text == "unspecified");
  CHECK(describe_reply_code(541).subject_text == "unspecified");
  CHECK(describe_reply_code(150).class_text == "positive preliminary");
  CHECK(describe_reply_code(650).class_text == "nonstandard");
  CHECK(describe_reply_code(650).subject_text == "mail system");
  CHECK(describe_reply_code(99).class_text == "nonstandard");
  CHECK(describe_reply_code(99).subject_text == "nonstandard");
  CHECK(describe_reply_code(5500).class_text == "nonstandard");
  CHECK(describe_reply_code(5500).entry == nullptr);
}
