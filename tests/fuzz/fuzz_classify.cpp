// Fuzz target: classification (include/smtp_reply/classify.hpp, rules.hpp,
// evidence.hpp, codes.hpp, the enhanced code tables).
//
// Every reply of the input (a pipelined stream, resynced after errors as
// parsing.md says) is classified through each entry point: classify(bytes),
// classify(reply), both again with a user rule set, and match_rules(). No
// crash, no sanitizer report, and:
// - classify(bytes) agrees with parse() on status and consumed bytes, and with
//   classify(parse().reply) on everything else;
// - evidence.matched, when a rule decided, lies within the reply's bytes at
//   matched_offset (and so within the input), and the phrase is the rule's;
// - success and intermediate replies have no reason; failures always have one;
// - the action, fault and flags follow from the class and the reason.
// The first byte picks the preset (default, strict); the rest is the stream.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <smtp_reply/classify.hpp>

#include "fuzz_common.hpp"

namespace {

// A user rule set that exercises every phrase feature: several words, the
// `#` number wildcard, a final `word*` prefix, UTF-8 bytes, a one-word rule.
inline constexpr smtp_reply::text_rule user_rule_list[] = {
    {"mailbox quota exceeded", smtp_reply::reason::mailbox_full, smtp_reply::strength::specific_text},
    {"error # too many", smtp_reply::reason::rate_limited, smtp_reply::strength::mechanism},
    {"policy viol*", smtp_reply::reason::policy_rejected, smtp_reply::strength::generic_text},
    {"bo\xc3\xaete pleine", smtp_reply::reason::mailbox_full, smtp_reply::strength::specific_text},
    {"x", smtp_reply::reason::unknown, smtp_reply::strength::generic_text},
    {"a b c d e f g h", smtp_reply::reason::spam_detected, smtp_reply::strength::mechanism},
};
inline constexpr smtp_reply::rule_set user_rules{user_rule_list};
static_assert(user_rules.valid(), "the fuzz target's rules are well formed");

SMTP_REPLY_FUZZ_UNTRACED bool same(const smtp_reply::classification& a, const smtp_reply::classification& b) {
  return a.status == b.status && a.code == b.code && smtp_reply_fuzz::same_enhanced(a.enhanced, b.enhanced) &&
         a.reply_class == b.reply_class && a.reason == b.reason && a.action == b.action && a.fault == b.fault &&
         a.evidence.source == b.evidence.source && a.evidence.strength == b.evidence.strength &&
         a.evidence.rule_index == b.evidence.rule_index && a.evidence.phrase == b.evidence.phrase &&
         a.evidence.matched.data() == b.evidence.matched.data() &&
         a.evidence.matched.size() == b.evidence.matched.size() &&
         a.evidence.matched_offset == b.evidence.matched_offset && a.retryable == b.retryable &&
         a.suppress_recipient == b.suppress_recipient && a.temporary_reason == b.temporary_reason &&
         a.code_description == b.code_description && a.enhanced_description == b.enhanced_description;
}

SMTP_REPLY_FUZZ_UNTRACED void check_match(const smtp_reply::reply& r, const smtp_reply::rule_match& m, std::size_t rules) {
  if (!m) return;
  SMTP_REPLY_FUZZ_CHECK(m.index < rules);
  SMTP_REPLY_FUZZ_CHECK(m.begin < m.end && m.end <= r.raw.size());
  SMTP_REPLY_FUZZ_CHECK(m.words >= 1 && m.words <= 8);
}

SMTP_REPLY_FUZZ_UNTRACED void check(const smtp_reply::reply& r, const smtp_reply::classification& c, bool with_user_rules) {
  using smtp_reply::evidence_source;
  using smtp_reply::reason;
  using smtp_reply::reply_class;
  SMTP_REPLY_FUZZ_CHECK(c.status == smtp_reply::parse_status::ok && static_cast<bool>(c));
  SMTP_REPLY_FUZZ_CHECK(c.code == r.code && c.reply_class == r.reply_class);
  SMTP_REPLY_FUZZ_CHECK(smtp_reply_fuzz::same_enhanced(c.enhanced, r.enhanced));
  for (std::string_view name : {smtp_reply::to_string(c.reason), smtp_reply::to_string(c.action),
                                smtp_reply::to_string(c.fault), smtp_reply::to_string(c.evidence.source)})
    SMTP_REPLY_FUZZ_CHECK(!name.empty());
  const bool failure = r.reply_class == reply_class::transient || r.reply_class == reply_class::permanent;
  if (!failure) {
    SMTP_REPLY_FUZZ_CHECK(c.reason == reason::none && c.evidence.source == evidence_source::none);
  } else {
    SMTP_REPLY_FUZZ_CHECK(c.reason != reason::none && c.evidence.source != evidence_source::none);
  }
  SMTP_REPLY_FUZZ_CHECK(c.evidence.source != evidence_source::fallback || c.reason == reason::unknown);
  SMTP_REPLY_FUZZ_CHECK(with_user_rules || c.evidence.source != evidence_source::user_rule);
  SMTP_REPLY_FUZZ_CHECK(c.action == smtp_reply::action_for(c.reply_class, c.reason) || !failure);
  SMTP_REPLY_FUZZ_CHECK(c.fault == smtp_reply::fault_of(c.reason) || !failure);
  SMTP_REPLY_FUZZ_CHECK(c.suppress_recipient == (c.action == smtp_reply::action::suppress_recipient));
  SMTP_REPLY_FUZZ_CHECK(!c.temporary_reason || c.reply_class == reply_class::permanent);
  const smtp_reply::evidence& e = c.evidence;
  if (e.source == evidence_source::builtin_rule || e.source == evidence_source::user_rule) {
    // The matched text is a view into the reply's bytes, at its offset.
    SMTP_REPLY_FUZZ_CHECK(!e.matched.empty() && !e.phrase.empty());
    SMTP_REPLY_FUZZ_CHECK(e.matched.data() >= r.raw.data());
    SMTP_REPLY_FUZZ_CHECK(e.matched_offset + e.matched.size() <= r.raw.size());
    SMTP_REPLY_FUZZ_CHECK(e.matched.data() == r.raw.data() + e.matched_offset);
    const std::string_view rule_phrase = e.source == evidence_source::user_rule
                                             ? user_rules[e.rule_index].phrase
                                             : smtp_reply::builtin_rules[e.rule_index].phrase;
    SMTP_REPLY_FUZZ_CHECK(e.rule_index < (e.source == evidence_source::user_rule ? user_rules.size()
                                                                                 : smtp_reply::builtin_rules.size()));
    SMTP_REPLY_FUZZ_CHECK(e.phrase == rule_phrase);
    // Both ends of the match are word bytes (letters, digits, bytes above 0x7F).
    SMTP_REPLY_FUZZ_CHECK(smtp_reply::detail::fold_word_byte(static_cast<unsigned char>(e.matched.front())) != 0);
    SMTP_REPLY_FUZZ_CHECK(smtp_reply::detail::fold_word_byte(static_cast<unsigned char>(e.matched.back())) != 0);
  } else {
    SMTP_REPLY_FUZZ_CHECK(e.matched.empty() && e.matched_offset == 0 && e.phrase.empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const smtp_reply::parse_options& options =
      (data[0] & 1U) != 0 ? smtp_reply::strict_preset : smtp_reply::default_preset;
  const std::string_view input = smtp_reply_fuzz::view(data + 1, size - 1);
  std::size_t at = 0;
  do {
    const std::string_view rest = input.substr(at);
    const smtp_reply::parse_result p = smtp_reply::parse(rest, options);
    const smtp_reply::classification c = smtp_reply::classify(rest, options);
    const smtp_reply::classification u = smtp_reply::classify(rest, user_rules, options);
    SMTP_REPLY_FUZZ_CHECK(c.status == p.status && u.status == p.status);
    SMTP_REPLY_FUZZ_CHECK(c.consumed == p.consumed && u.consumed == p.consumed);
    if (p) {
      check(p.reply, c, false);
      check(p.reply, u, true);
      SMTP_REPLY_FUZZ_CHECK(same(c, smtp_reply::classify(p.reply)));
      SMTP_REPLY_FUZZ_CHECK(same(u, smtp_reply::classify(p.reply, user_rules)));
      const smtp_reply::rule_match m = smtp_reply::match_rules(p.reply, user_rules);
      check_match(p.reply, m, user_rules.size());
      // A user rule that matched decides, whatever the built-in rules say.
      if (m && u.reply_class != smtp_reply::reply_class::success &&
          u.reply_class != smtp_reply::reply_class::intermediate) {
        SMTP_REPLY_FUZZ_CHECK(u.evidence.source == smtp_reply::evidence_source::user_rule);
        SMTP_REPLY_FUZZ_CHECK(u.evidence.rule_index == m.index && u.reason == m.reason);
      }
      check_match(p.reply, smtp_reply::match_rules(p.reply, smtp_reply::builtin_rules, smtp_reply::rule_origin::builtin),
                  smtp_reply::builtin_rules.size());
    } else {
      SMTP_REPLY_FUZZ_CHECK(c.reason == smtp_reply::reason::none && !c);
    }
    at += smtp_reply_fuzz::next_reply(rest, p);
  } while (at < input.size());
  return 0;
}
