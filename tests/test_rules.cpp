// The text matcher (rules.hpp): the 64-bytes-at-a-time reader of whole
// replies against the line-by-line, byte-at-a-time one, the whole matcher
// against a naive reference matcher written from the phrase syntax of
// text_rule, and the rule index on edge cases (long prefixes, one-byte
// prefixes, numbers, gaps, bucket sharing).
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <smtp_reply/classify.hpp>
#include <smtp_reply/rules.hpp>

#include "support.hpp"

using smtp_reply::reason;
using smtp_reply::strength;

namespace {

// Seeded std::mt19937_64 (the same sequence on every library), reduced by
// modulo rather than a distribution, so a failure reproduces everywhere.
struct test_rng {
  std::mt19937_64 engine;
  explicit test_rng(std::uint64_t seed) : engine(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine() % n); }
};

struct seen_word {
  std::uint64_t key = 0;
  std::uint64_t first_chunk = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool is_number = false;

  friend bool operator==(const seen_word& a, const seen_word& b) {
    return a.key == b.key && a.first_chunk == b.first_chunk && a.begin == b.begin && a.end == b.end &&
           a.is_number == b.is_number;
  }
};

// The words a reader reports, as the matcher's window would take them.
struct word_log {
  std::vector<seen_word> words;
  void add(std::size_t begin, std::size_t length, std::uint64_t first_chunk, std::uint64_t key, bool is_number) {
    seen_word w;
    w.key = key;
    w.first_chunk = first_chunk;
    w.begin = begin;
    w.end = begin + length;
    w.is_number = is_number;
    words.push_back(w);
  }
};

#if SMTP_REPLY_HAS_SSE2 && SMTP_REPLY_HAS_CTZ64  // for the block reader test only
std::string random_text(test_rng& rng, std::size_t length) {
  static constexpr std::string_view pieces[] = {
      "a", "Z", "q", "7", "0", " ", " ", "-", ".", ":", "@", "\t", "\x7F", "\xC3\xA9", "\xFF", "\x80",
      "User", "UNKNOWN", "mailbox", "12345", "quota", "internationalization", "x", "[", "]", "\x01"};
  std::string out;
  while (out.size() < length) {
    if (rng.below(12) == 0) {  // a long word, of letters or (one in three) of digits
      const std::size_t n = 9 + rng.below(rng.below(4) == 0 ? 150 : 40);  // some past a 64-byte block
      const bool digits = rng.below(3) == 0;
      for (std::size_t i = 0; i < n; ++i)
        out.push_back(static_cast<char>(digits ? '0' + rng.below(10) : 'a' + rng.below(26)));
    } else {
      out += pieces[rng.below(sizeof pieces / sizeof pieces[0])];
    }
  }
  out.resize(length);
  return out;
}
#endif

// ---------------------------------------------------------------------------
// A naive reference matcher, straight from text_rule's syntax.

struct ref_word {
  std::string text;  // folded
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool is_word_byte(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}
char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

std::vector<ref_word> ref_words(const smtp_reply::reply& r) {
  std::vector<ref_word> out;
  for (const smtp_reply::reply_line& line : r.lines()) {
    const std::size_t base = static_cast<std::size_t>(line.text.data() - r.raw.data());
    std::size_t i = 0;
    while (i < line.text.size()) {
      if (!is_word_byte(static_cast<unsigned char>(line.text[i]))) {
        ++i;
        continue;
      }
      ref_word w;
      w.begin = base + i;
      while (i < line.text.size() && is_word_byte(static_cast<unsigned char>(line.text[i]))) w.text += fold(line.text[i++]);
      w.end = base + i;
      out.push_back(w);
    }
  }
  return out;
}

struct ref_token {
  enum kind_t { word, number, gap, prefix } kind = word;
  std::string text;
};

std::vector<ref_token> ref_tokens(std::string_view phrase) {
  std::vector<ref_token> out;
  std::size_t i = 0;
  while (i < phrase.size()) {
    const char c = phrase[i];
    if (c == '~') {
      out.push_back({ref_token::gap, ""});
      ++i;
    } else if (c == '#') {
      out.push_back({ref_token::number, ""});
      ++i;
    } else if (is_word_byte(static_cast<unsigned char>(c))) {
      ref_token t;
      while (i < phrase.size() && is_word_byte(static_cast<unsigned char>(phrase[i]))) t.text += fold(phrase[i++]);
      if (i < phrase.size() && phrase[i] == '*') {
        t.kind = ref_token::prefix;
        ++i;
      }
      out.push_back(t);
    } else {
      ++i;
    }
  }
  return out;
}

bool ref_token_matches(const ref_token& t, const ref_word& w) {
  switch (t.kind) {
    case ref_token::word: return t.text == w.text;
    case ref_token::number: return !w.text.empty() && w.text.find_first_not_of("0123456789") == std::string::npos;
    case ref_token::prefix: return w.text.compare(0, t.text.size(), t.text) == 0 && w.text.size() >= t.text.size();
    case ref_token::gap: return false;
  }
  return false;
}

// Token t stands at word j; match the tokens before it, the nearest gap
// trying 0, 1, 2 words first (the library's documented order). Returns the
// index of the first word, or -1.
long ref_match_back(const std::vector<ref_token>& tokens, const std::vector<ref_word>& words, std::size_t t,
                    long j) {
  if (t == 0) return j;
  if (tokens[t - 1].kind != ref_token::gap) {
    if (j - 1 < 0 || !ref_token_matches(tokens[t - 1], words[static_cast<std::size_t>(j - 1)])) return -1;
    return ref_match_back(tokens, words, t - 1, j - 1);
  }
  for (long skip = 0; skip <= 2; ++skip) {
    const long at = j - 1 - skip;
    if (at < 0) break;
    if (!ref_token_matches(tokens[t - 2], words[static_cast<std::size_t>(at)])) continue;
    const long first = ref_match_back(tokens, words, t - 2, at);
    if (first >= 0) return first;
  }
  return -1;
}

template <class Table>
smtp_reply::rule_match ref_match(const smtp_reply::reply& r, const Table& table) {
  const std::vector<ref_word> words = ref_words(r);
  smtp_reply::rule_match best{};
  for (std::size_t i = 0; i < table.size(); ++i) {
    const std::vector<ref_token> tokens = ref_tokens(table[i].phrase);
    std::size_t count = 0;
    for (const ref_token& t : tokens) count += t.kind != ref_token::gap;
    for (std::size_t j = 0; j < words.size(); ++j) {
      if (!ref_token_matches(tokens.back(), words[j])) continue;
      const long first = ref_match_back(tokens, words, tokens.size() - 1, static_cast<long>(j));
      if (first < 0) continue;
      smtp_reply::rule_match m{};
      m.index = i;
      m.origin = smtp_reply::rule_origin::user;
      m.matched = true;
      m.reason = table[i].reason;
      m.strength = table[i].strength;
      m.words = static_cast<std::uint8_t>(count);
      m.begin = words[static_cast<std::size_t>(first)].begin;
      m.end = words[j].end;
      if (best.beaten_by(m)) best = m;
    }
  }
  return best;
}

inline constexpr smtp_reply::text_rule edge_rule_array[] = {
    {"x*", reason::spam_detected, strength::generic_text},                        // a one-byte prefix
    {"qu*", reason::mailbox_full, strength::generic_text},                        // two bytes
    {"internationaliz*", reason::policy_rejected, strength::specific_text},       // a two-chunk prefix
    {"abcdefghijklmnopqrstuvwxyzabcd*", reason::spam_detected, strength::mechanism},  // four chunks
    {"mailbox ~ full", reason::mailbox_full, strength::specific_text},
    {"user ~ unknown", reason::mailbox_unknown, strength::specific_text},
    {"user unknown", reason::mailbox_unknown, strength::specific_text},
    {"unknown", reason::unknown, strength::generic_text},
    {"error # # #", reason::server_error, strength::specific_text},
    {"# quota", reason::mailbox_full, strength::specific_text},
    {"12345 quota", reason::rate_limited, strength::specific_text},
    {"a ~ z ~ 7", reason::policy_rejected, strength::specific_text},
    {"mailbox quota*", reason::mailbox_full, strength::mechanism},
    {"é ~ unknown", reason::mailbox_unknown, strength::mechanism},
    {"internationalization", reason::policy_rejected, strength::mechanism},
};
inline constexpr smtp_reply::rule_set edge_rules{edge_rule_array};
static_assert(edge_rules.valid());

std::string random_phrase_text(test_rng& rng, std::size_t words) {
  static constexpr std::string_view vocabulary[] = {
      "user", "USER", "unknown", "mailbox", "full", "quota", "quotas", "error", "12345", "550", "7", "a", "z",
      "x", "xylophone", "qu", "quiet", "internationalization", "Internationalize", "international",
      "abcdefghijklmnopqrstuvwxyzabcdef", "abcdefghijklmnopqrstuvwxyzabc", "\xC3\xA9", "the", "is", "not"};
  static constexpr std::string_view separators[] = {" ", " ", "  ", ", ", "-", ": ", "\t"};
  std::string out;
  for (std::size_t i = 0; i < words; ++i) {
    if (i != 0) out += separators[rng.below(sizeof separators / sizeof separators[0])];
    out += vocabulary[rng.below(sizeof vocabulary / sizeof vocabulary[0])];
  }
  return out;
}

void check_same_match(const smtp_reply::rule_match& got, const smtp_reply::rule_match& want, const std::string& text) {
  INFO("text: " << text);
  REQUIRE(got.matched == want.matched);
  if (!want.matched) return;
  CHECK(got.index == want.index);
  CHECK(got.begin == want.begin);
  CHECK(got.end == want.end);
  CHECK(got.words == want.words);
}

}  // namespace

#if SMTP_REPLY_HAS_SSE2 && SMTP_REPLY_HAS_CTZ64
// Reply bytes as the matcher may be given them: lines of a code, a
// separator, maybe an enhanced code (with `#`, cut short, glued to a word),
// and text, ending in CR LF, a bare LF, a lone CR or nothing; and lines no
// parser would pass (short codes, none), since reply::raw is the caller's.
std::string random_reply_bytes(test_rng& rng) {
  static constexpr std::string_view codes[] = {"550", "421", "250", "55", "5", "", "5x0", "ab1"};
  static constexpr std::string_view separators[] = {" ", "-", "", "\t", "x"};
  static constexpr std::string_view enhanced[] = {"5.1.1 ", "5.7.26 ", "#5.1.1 ", "4.4.2\t", "5.1.1", "5.1.",
                                                  "5.1.1x ", "5.01.1 ", "2.0.0  ", ".5.1 ", "#", "5."};
  static constexpr std::string_view ends[] = {"\r\n", "\r\n", "\n", "\r", ""};
  std::string out;
  const std::size_t lines = 1 + rng.below(rng.below(4) == 0 ? 12 : 4);
  // Half the replies repeat the first line's code and enhanced code on most
  // lines, as real multi-line replies do (the reader compares such a line's
  // first bytes with the first line's instead of reading them again).
  const bool repeats = rng.below(2) == 0;
  std::string first_code;
  std::string first_enhanced;
  for (std::size_t l = 0; l < lines; ++l) {
    std::string code(codes[rng.below(rng.below(3) == 0 ? sizeof codes / sizeof codes[0] : 3)]);
    std::string code_enhanced = rng.below(2) == 0 ? std::string(enhanced[rng.below(sizeof enhanced / sizeof enhanced[0])]) : "";
    if (l == 0) {
      first_code = code;
      first_enhanced = code_enhanced;
    } else if (repeats && rng.below(4) != 0) {
      code = first_code;
      code_enhanced = first_enhanced;
    }
    out += code;
    out += separators[rng.below(rng.below(3) == 0 ? sizeof separators / sizeof separators[0] : 2)];
    out += code_enhanced;
    out += random_text(rng, rng.below(rng.below(4) == 0 ? 200 : 70));
    out += ends[rng.below(l + 1 == lines ? sizeof ends / sizeof ends[0] : 4)];
  }
  return out;
}

TEST_CASE("rules: the block reader reads the words the byte reader reads") {
  test_rng rng(42);
  for (int round = 0; round < 20000; ++round) {
    const std::string raw = random_reply_bytes(rng);
    const smtp_reply_test::exact_buffer buffer(raw);  // nothing readable past the end
    word_log blocks;
    word_log bytes;
    smtp_reply::detail::read_reply_text_blocks(buffer.data(), buffer.size(), blocks);
    smtp_reply::detail::read_reply_text_bytes(buffer.data(), buffer.size(), bytes);
    INFO("round " << round << ", " << raw.size() << " bytes: \"" << smtp_reply_test::escape(raw) << "\"");
    REQUIRE(blocks.words.size() == bytes.words.size());
    for (std::size_t i = 0; i < bytes.words.size(); ++i) CHECK(blocks.words[i] == bytes.words[i]);
  }
}
#endif

TEST_CASE("rules: the matcher finds what a naive reference matcher finds") {
  test_rng rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string raw;
    const std::size_t lines = 1 + rng.below(3);
    for (std::size_t l = 0; l < lines; ++l) {
      raw += l + 1 == lines ? "550 " : "550-";
      if (rng.below(3) == 0) raw += "5.1.1 ";
      raw += random_phrase_text(rng, rng.below(14));
      raw += "\r\n";
    }
    const smtp_reply_test::exact_buffer buffer(raw);
    const smtp_reply::parse_result p = smtp_reply::parse(buffer.view());
    REQUIRE(p);
    check_same_match(smtp_reply::match_rules(p.reply, edge_rules), ref_match(p.reply, edge_rules), raw);
  }
}

TEST_CASE("rules: the built-in matcher agrees with the reference on the built-in phrases") {
  // Texts made of the built-in phrases themselves, joined and cut, so that
  // chains, pairs, gaps and prefixes of the real table are all exercised.
  test_rng rng(99);
  const smtp_reply::rule_table& table = smtp_reply::builtin_rules;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t phrases = 1 + rng.below(4);
    for (std::size_t k = 0; k < phrases; ++k) {
      std::string_view phrase = table[rng.below(table.size())].phrase;
      std::string piece;
      for (const char c : phrase) {
        if (c == '~') {
          piece += rng.below(2) == 0 ? "" : "very ";
        } else if (c == '#') {
          piece += std::to_string(rng.below(1000));
        } else if (c != '*') {
          piece += c;
        }
      }
      if (rng.below(3) == 0 && piece.size() > 4) piece.erase(0, rng.below(piece.size() / 2));
      text += piece;
      text += rng.below(2) == 0 ? " " : ". ";
    }
    const std::string raw = "550 " + text + "\r\n";
    const smtp_reply_test::exact_buffer buffer(raw);
    const smtp_reply::parse_result p = smtp_reply::parse(buffer.view());
    REQUIRE(p);
    const smtp_reply::rule_match got = smtp_reply::match_rules(p.reply, table, smtp_reply::rule_origin::user);
    check_same_match(got, ref_match(p.reply, table), raw);
  }
}

TEST_CASE("rules: edge cases of the index") {
  const auto match = [](std::string_view raw) {
    const smtp_reply::parse_result p = smtp_reply::parse(raw);
    REQUIRE(p);
    return smtp_reply::match_rules(p.reply, edge_rules);
  };
  // A prefix of four chunks matches a longer word, not a shorter one.
  CHECK(match("550 abcdefghijklmnopqrstuvwxyzabcdEFG\r\n").index == 3);
  CHECK(match("550 abcdefghijklmnopqrstuvwxyzabc\r\n").index != 3);
  // A two-chunk prefix, in upper case.
  CHECK(match("550 INTERNATIONALIZED\r\n").index == 2);
  // The whole word outvotes its prefix (mechanism over specific text).
  CHECK(match("550 internationalization\r\n").index == 14);
  // `#` stands for any number; a literal number only for itself.
  CHECK(match("550 error 4 5 6\r\n").index == 8);
  CHECK(match("550 99 quota\r\n").index == 9);
  CHECK(match("550 12345 quota\r\n").index == 9);  // equal rules: the first in the table
  // A gap of 0, 1 and 2 words, and none of 3.
  CHECK(match("550 mailbox full\r\n").index == 4);
  CHECK(match("550 mailbox is full\r\n").index == 4);
  CHECK(match("550 mailbox is very full\r\n").index == 4);
  CHECK(match("550 mailbox is not very full\r\n").index != 4);
  // A phrase across lines, and a gap across lines.
  CHECK(match("550-user\r\n550 unknown\r\n").index == 5);  // ties "user unknown": the first wins
  CHECK(match("550-user is\r\n550 unknown\r\n").index == 5);
  // A non-ASCII word before a gap.
  CHECK(match("550 \xC3\xA9 x unknown\r\n").index == 13);
  // No word at all, and only separators.
  CHECK_FALSE(match("550\r\n").matched);
  CHECK_FALSE(match("550 ... ,,, ---\r\n").matched);
}

TEST_CASE("rules: a phrase matches wherever it stands against the reader's batches") {
  // The reader hands the matcher words in batches (detail::batch_words),
  // keeping the last words of a batch for the next: put phrases with gaps
  // and prefixes at every offset around the first three batch ends.
  const std::size_t batch = smtp_reply::detail::batch_words;
  for (std::size_t filler = 0; filler < 3 * batch + 4; ++filler) {
    for (const std::string_view phrase : {"mailbox is very full", "user unknown", "a b z c d 7", "mailbox quotas"}) {
      std::string raw = "550-";
      for (std::size_t i = 0; i < filler; ++i) raw += i % 7 == 6 ? "w\r\n550-" : "w ";
      raw += phrase;
      raw += " w\r\n550 end\r\n";
      const smtp_reply_test::exact_buffer buffer(raw);
      const smtp_reply::parse_result p = smtp_reply::parse(buffer.view());
      REQUIRE(p);
      const smtp_reply::rule_match got = smtp_reply::match_rules(p.reply, edge_rules);
      INFO("filler " << filler << ": " << phrase);
      REQUIRE(got.matched);
      CHECK(raw.substr(got.begin, got.end - got.begin) == phrase);
      check_same_match(got, ref_match(p.reply, edge_rules), raw);
    }
  }
}

TEST_CASE("rules: a rule set converts to the table view classify() reads") {
  const smtp_reply::rule_table view = edge_rules;
  CHECK(view.size() == edge_rules.size());
  CHECK(view.valid());
  CHECK(view[4].phrase == "mailbox ~ full");
  const smtp_reply::parse_result p = smtp_reply::parse("550 mailbox is full\r\n");
  REQUIRE(p);
  CHECK(smtp_reply::classify(p.reply, view).reason == reason::mailbox_full);
  CHECK(smtp_reply::classify(p.reply, view).evidence.source == smtp_reply::evidence_source::user_rule);
}
