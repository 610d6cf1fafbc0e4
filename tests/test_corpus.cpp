// Every reply of the real-reply corpus (tests/data/corpus.txt) classified as
// its record says: class, code and enhanced code exactly, and the reason.
#include <doctest/doctest.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>

#include <smtp_reply/classify.hpp>

#include "corpus.hpp"

namespace {

struct tally {
  std::size_t right = 0;
  std::size_t total = 0;
};

}  // namespace

TEST_CASE("corpus: every real reply is classified as its record says") {
  const std::vector<corpus::record> records = corpus::load(SMTP_REPLY_TEST_DATA_DIR "/corpus.txt");
  REQUIRE(records.size() >= 300);

  std::map<std::string, tally> per_reason;
  std::size_t right = 0;
  for (const corpus::record& rec : records) {
    INFO("corpus.txt line " << rec.line_number << " (" << rec.source << ")");
    // An exactly sized heap copy: a read past the reply's end is caught by ASan.
    std::unique_ptr<char[]> bytes(new char[rec.wire.size()]);
    std::memcpy(bytes.get(), rec.wire.data(), rec.wire.size());
    const std::string_view wire(bytes.get(), rec.wire.size());

    const smtp_reply::parse_result parsed = smtp_reply::parse(wire);
    REQUIRE_MESSAGE(parsed.status == smtp_reply::parse_status::ok, smtp_reply::to_string(parsed.status));
    CHECK(parsed.consumed == wire.size());
    const smtp_reply::classification c = smtp_reply::classify(parsed.reply);
    CHECK(std::to_string(c.code) == rec.code);
    CHECK(std::string(smtp_reply::to_string(c.reply_class)) == rec.reply_class);
    const std::string enhanced = c.enhanced ? std::string(smtp_reply::to_string(c.enhanced).view()) : "-";
    CHECK(enhanced == rec.enhanced);

    const std::string got(smtp_reply::to_string(c.reason));
    INFO("matched: '" << c.evidence.matched << "' via " << smtp_reply::to_string(c.evidence.source));
    // Every entry's reason is asserted: the expected one, or, for the few
    // replies whose label the library knowingly disagrees with (`known=`,
    // each explained in tests/data/CORPUS.md), the library's documented answer,
    // so any change in behaviour shows.
    if (rec.known.empty()) {
      CHECK(got == rec.reason);
    } else {
      CHECK(rec.known != rec.reason);
      CHECK(got == rec.known);
    }
    if (got != rec.reason) MESSAGE("miss line=" << rec.line_number << " got=" << got << " want=" << rec.reason);
    tally& t = per_reason[rec.reason];
    ++t.total;
    if (got == rec.reason) {
      ++t.right;
      ++right;
    }
  }
  MESSAGE("reason accuracy: " << right << "/" << records.size());
  for (const auto& [name, t] : per_reason) MESSAGE("  " << name << ": " << t.right << "/" << t.total);
}
