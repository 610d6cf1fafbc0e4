// Tests of the enhanced status code registry table (detail/enhanced_table.hpp,
// reached through enhanced.hpp): its invariants, a row-by-row comparison with
// the IANA CSV copy in tests/data, the lookups and describe().
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <smtp_reply/enhanced.hpp>

#ifndef SMTP_REPLY_TEST_DATA_DIR
#error "SMTP_REPLY_TEST_DATA_DIR must name the tests/data directory"
#endif

namespace {

using smtp_reply::describe;
using smtp_reply::enhanced_code;
using smtp_reply::enhanced_code_count;
using smtp_reply::enhanced_code_info;
using smtp_reply::enhanced_codes;
using smtp_reply::find_enhanced_code;

static_assert(smtp_reply::detail::verify_enhanced_codes());
static_assert(enhanced_code_count == 81);
static_assert(find_enhanced_code(1, 1)->summary == "Destination mailbox (local part) does not exist");
static_assert(find_enhanced_code(1, 10)->basic_codes == "556");
static_assert(find_enhanced_code(7, 26)->reference == "RFC 7372");
static_assert(find_enhanced_code(7, 30)->summary ==
              "REQUIRETLS support required but unavailable on the path");
static_assert(find_enhanced_code(enhanced_code{5, 7, 606}) == nullptr);
static_assert(describe(enhanced_code{5, 7, 606}).class_text == "permanent failure");
static_assert(describe(enhanced_code{5, 7, 606}).entry == nullptr);

struct csv_row {
  std::string code;
  std::string summary;
  std::string basic_codes;
  std::string reference;
};

// The registry copy has no quoted fields: four comma-separated fields a line.
std::vector<csv_row> read_registry_csv() {
  std::vector<csv_row> rows;
  std::ifstream in(SMTP_REPLY_TEST_DATA_DIR "/iana-enhanced-status-codes.csv");
  REQUIRE(in.is_open());
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      CHECK(line == "code,summary,associated_basic_codes,reference");
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    CAPTURE(line);
    REQUIRE(fields.size() == 4);
    rows.push_back({fields[0], fields[1], fields[2], fields[3]});
  }
  return rows;
}

// "X.7.26" -> 7, 26; false when malformed.
bool parse_registry_code(const std::string& text, std::uint16_t& subject, std::uint16_t& detail) {
  if (text.size() < 5 || text[0] != 'X' || text[1] != '.') return false;
  const std::size_t dot = text.find('.', 2);
  if (dot == std::string::npos) return false;
  unsigned values[2] = {0, 0};
  const std::string parts[2] = {text.substr(2, dot - 2), text.substr(dot + 1)};
  for (int i = 0; i < 2; ++i) {
    if (parts[i].empty() || parts[i].size() > 3) return false;
    for (char c : parts[i]) {
      if (c < '0' || c > '9') return false;
      values[i] = values[i] * 10 + static_cast<unsigned>(c - '0');
    }
  }
  subject = static_cast<std::uint16_t>(values[0]);
  detail = static_cast<std::uint16_t>(values[1]);
  return true;
}

}  // namespace

TEST_CASE("the enhanced code table keeps its invariants at run time") {
  CHECK(smtp_reply::detail::enhanced_codes_ascending(enhanced_codes, enhanced_code_count));
  CHECK(smtp_reply::detail::enhanced_codes_filled(enhanced_codes, enhanced_code_count));
  CHECK(smtp_reply::detail::enhanced_codes_findable());
  CHECK(smtp_reply::detail::verify_enhanced_codes());
}

TEST_CASE("the enhanced invariant checks reject broken tables") {
  const enhanced_code_info unsorted[] = {{1, 2, "s", "b", "r"}, {1, 1, "s", "b", "r"}};
  const enhanced_code_info subject_back[] = {{2, 0, "s", "b", "r"}, {1, 9, "s", "b", "r"}};
  const enhanced_code_info duplicate[] = {{7, 1, "s", "b", "r"}, {7, 1, "s", "b", "r"}};
  const enhanced_code_info sorted[] = {{1, 9, "s", "b", "r"}, {1, 10, "s", "b", "r"}, {2, 0, "s", "b", "r"}};
  const enhanced_code_info no_summary[] = {{1, 1, "", "b", "r"}};
  const enhanced_code_info too_big[] = {{1, 1000, "s", "b", "r"}};
  CHECK_FALSE(smtp_reply::detail::enhanced_codes_ascending(unsorted, 2));
  CHECK_FALSE(smtp_reply::detail::enhanced_codes_ascending(subject_back, 2));
  CHECK_FALSE(smtp_reply::detail::enhanced_codes_ascending(duplicate, 2));
  CHECK(smtp_reply::detail::enhanced_codes_ascending(sorted, 3));
  CHECK_FALSE(smtp_reply::detail::enhanced_codes_filled(no_summary, 1));
  CHECK_FALSE(smtp_reply::detail::enhanced_codes_filled(too_big, 1));
}

TEST_CASE("every row of the IANA registry copy is in the table, in order, with the same data") {
  const std::vector<csv_row> rows = read_registry_csv();
  CHECK(rows.size() == 81);
  REQUIRE(rows.size() == enhanced_code_count);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const csv_row& row = rows[i];
    CAPTURE(row.code);
    std::uint16_t subject = 0;
    std::uint16_t detail = 0;
    REQUIRE(parse_registry_code(row.code, subject, detail));
    const enhanced_code_info* info = find_enhanced_code(subject, detail);
    REQUIRE(info != nullptr);
    CHECK(info == &enhanced_codes[i]);
    CHECK(info->summary == row.summary);
    CHECK(info->basic_codes == row.basic_codes);
    CHECK(info->reference == row.reference);
  }
}

TEST_CASE("find_enhanced_code by numbers and by value") {
  CHECK(find_enhanced_code(0, 0) == &enhanced_codes[0]);
  CHECK(find_enhanced_code(7, 30) == &enhanced_codes[enhanced_code_count - 1]);
  CHECK(find_enhanced_code(1, 10)->summary == "Recipient domain publishes a null MX");
  CHECK(find_enhanced_code(7, 26)->summary == "Several authentication checks failed");
  CHECK(find_enhanced_code(1, 11) == nullptr);
  CHECK(find_enhanced_code(2, 5) == nullptr);
  CHECK(find_enhanced_code(7, 31) == nullptr);
  CHECK(find_enhanced_code(8, 0) == nullptr);
  CHECK(find_enhanced_code(7, 606) == nullptr);
  CHECK(find_enhanced_code(999, 999) == nullptr);

  CHECK(find_enhanced_code(enhanced_code{5, 1, 1}) == find_enhanced_code(1, 1));
  CHECK(find_enhanced_code(enhanced_code{4, 2, 2}) == find_enhanced_code(2, 2));
  CHECK(find_enhanced_code(enhanced_code{2, 0, 0}) == find_enhanced_code(0, 0));
  CHECK(find_enhanced_code(enhanced_code{}) == nullptr);
  CHECK(find_enhanced_code(enhanced_code{3, 1, 1}) == nullptr);
  CHECK(find_enhanced_code(smtp_reply::parse_enhanced_code("5.7.26")) == find_enhanced_code(7, 26));
  CHECK(find_enhanced_code(smtp_reply::parse_enhanced_code("5.1")) == nullptr);
}

TEST_CASE("describe answers for every well-formed enhanced code") {
  const auto unknown_detail = describe(enhanced_code{5, 7, 606});
  CHECK(unknown_detail.class_text == "permanent failure");
  CHECK(unknown_detail.subject_text == "security or policy status");
  CHECK(unknown_detail.entry == nullptr);

  const auto unknown_subject = describe(enhanced_code{4, 9, 1});
  CHECK(unknown_subject.class_text == "persistent transient failure");
  CHECK(unknown_subject.subject_text == "unregistered subject");
  CHECK(unknown_subject.entry == nullptr);

  const auto undefined = describe(enhanced_code{2, 0, 0});
  CHECK(undefined.class_text == "success");
  CHECK(undefined.subject_text == "other or undefined status");
  REQUIRE(undefined.entry != nullptr);
  CHECK(undefined.entry->summary == "Undefined status; only the class is known");

  const std::string_view subjects[] = {
      "other or undefined status",  "addressing status",
      "mailbox status",             "mail system status",
      "network and routing status", "mail delivery protocol status",
      "message content or media status", "security or policy status",
  };
  for (std::uint16_t s = 0; s < 8; ++s) {
    CAPTURE(s);
    CHECK(describe(enhanced_code{5, s, 0}).subject_text == subjects[s]);
    CHECK(describe(enhanced_code{5, s, 0}).entry == find_enhanced_code(s, 0));
  }

  const auto mailbox = describe(smtp_reply::parse_enhanced_code("5.1.1"));
  CHECK(mailbox.class_text == "permanent failure");
  CHECK(mailbox.subject_text == "addressing status");
  REQUIRE(mailbox.entry != nullptr);
  CHECK(mailbox.entry->basic_codes == "451;550");

  const auto none = describe(enhanced_code{});
  CHECK(none.class_text.empty());
  CHECK(none.subject_text.empty());
  CHECK(none.entry == nullptr);
  CHECK(describe(enhanced_code{3, 1, 1}).class_text.empty());
  CHECK(describe(enhanced_code{5, 1000, 1}).subject_text.empty());
  CHECK(describe(enhanced_code{5, 1, 1000}).entry == nullptr);
}
