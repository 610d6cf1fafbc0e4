// Classification: class, reason, action and evidence (taxonomy.md), the
// precedence between code and text evidence, user rule sets, constexpr use.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include <smtp_reply/classify.hpp>

#include "corpus.hpp"
#include "support.hpp"

using smtp_reply::action;
using smtp_reply::classify;
using smtp_reply::evidence_source;
using smtp_reply::reason;
using smtp_reply::reply_class;
using smtp_reply::strength;

namespace {

inline constexpr smtp_reply::text_rule provider_rule_array[] = {
    {"account frozen by provider", reason::mailbox_disabled, strength::specific_text},
    {"spam", reason::blocklisted, strength::generic_text},
    {"code # of the day", reason::rate_limited, strength::specific_text},
};
inline constexpr smtp_reply::rule_set provider_rules{provider_rule_array};

}  // namespace

// The contract's own example, evaluated at compile time.
static_assert(classify("550 5.1.1 No such user here\r\n").reason == reason::mailbox_unknown);
static_assert(classify("550 5.1.1 No such user here\r\n").action == action::suppress_recipient);
static_assert(classify("250 2.1.5 OK\r\n").reason == reason::none);
static_assert(classify("250 2.1.5 OK\r\n").reply_class == reply_class::success);
static_assert(classify("354 End data with <CR><LF>.<CR><LF>\r\n").action == action::none);
static_assert(classify("452 4.5.3 Too many recipients\r\n").action == action::retry_split);
static_assert(classify("550 5.1.1 No such user\r\n", provider_rules).reason == reason::mailbox_unknown);
static_assert(classify("550 account frozen by provider\r\n", provider_rules).reason == reason::mailbox_disabled);
static_assert(provider_rules.valid());
static_assert(smtp_reply::builtin_rules.valid(), "every built-in phrase follows the rule syntax");
static_assert(!classify("250 OK").operator bool(), "an unterminated reply does not classify");

TEST_CASE("classify: the class comes from the reply code, never the enhanced code") {
  CHECK(classify("250 OK\r\n").reply_class == reply_class::success);
  CHECK(classify("334 VXNlcm5hbWU6\r\n").reply_class == reply_class::intermediate);
  CHECK(classify("450 5.7.1 blocked\r\n").reply_class == reply_class::transient);
  CHECK(classify("550 4.2.2 over quota\r\n").reply_class == reply_class::permanent);
  CHECK(classify("571 Delivery not authorized, message refused\r\n").reply_class == reply_class::permanent);
}

TEST_CASE("classify: success and intermediate replies have no reason and no action") {
  for (std::string_view in : {"220 mx.example.com ESMTP\r\n", "250-mx.example.com\r\n250 PIPELINING\r\n",
                              "354 Go ahead\r\n", "221 2.0.0 Bye\r\n", "235 2.7.0 Authentication successful\r\n"}) {
    const auto c = classify(in);
    CAPTURE(in);
    CHECK(c.reason == reason::none);
    CHECK(c.action == action::none);
    CHECK(c.fault == smtp_reply::fault::none);
    CHECK(c.evidence.source == evidence_source::none);
    CHECK_FALSE(c.retryable);
  }
}

TEST_CASE("classify: a specific enhanced code decides when the text says nothing finer") {
  const auto c = classify("550 5.1.1 <nobody@example.com>... rejected\r\n");
  CHECK(c.reason == reason::mailbox_unknown);
  CHECK(c.evidence.source == evidence_source::enhanced_code);
  CHECK(c.evidence.strength == strength::specific_code);
  CHECK(c.suppress_recipient);
  CHECK(c.fault == smtp_reply::fault::recipient);
  CHECK(c.enhanced_description.size() > 0);
  CHECK(c.code_description.size() > 0);

  CHECK(classify("552 5.2.2 Sorry\r\n").reason == reason::mailbox_full);
  CHECK(classify("550 5.7.26 Unauthenticated email is not accepted\r\n").reason == reason::sender_auth_failed);
  CHECK(classify("550 5.7.25 The sending IP has no PTR\r\n").reason == reason::reverse_dns);
  CHECK(classify("550 5.1.10 Recipient address has null MX\r\n").reason == reason::no_mail_accepted);
  CHECK(classify("550 5.7.30 REQUIRETLS support required\r\n").reason == reason::tls_required);
}

TEST_CASE("classify: text names the mechanism under a generic policy code") {
  const std::string_view spamhaus =
      "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org\r\n";
  const auto c = classify(spamhaus);
  CHECK(c.reason == reason::blocklisted);
  CHECK(c.evidence.source == evidence_source::builtin_rule);
  CHECK(c.evidence.matched.size() > 0);
  CHECK(spamhaus.substr(c.evidence.matched_offset, c.evidence.matched.size()) == c.evidence.matched);

  CHECK(classify("554 5.7.1 <x@example.org>: Relay access denied\r\n").reason == reason::relay_denied);
  CHECK(classify("450 4.7.1 <a@example.com>: Recipient address rejected: Greylisted, see "
                 "http://postgrey.schweikert.ch/help/example.com.html\r\n")
            .action == action::retry_after_delay);
}

TEST_CASE("classify: the code alone decides when no rule matches") {
  const auto c = classify("521 Go away\r\n");
  CHECK(c.reason == reason::no_mail_accepted);
  CHECK(c.evidence.source == evidence_source::reply_code);
  CHECK(classify("535 Nope\r\n").reason == reason::auth_required);
  CHECK(classify("535 Nope\r\n").action == action::fix_configuration);
  CHECK(classify("500 What?\r\n").reason == reason::protocol_error);
}

TEST_CASE("classify: no evidence at all is unknown, retried or not by class") {
  const auto permanent = classify("554 Xyzzy\r\n");
  CHECK(permanent.reason == reason::unknown);
  CHECK(permanent.evidence.source == evidence_source::fallback);
  CHECK(permanent.action == action::do_not_retry);
  const auto transient = classify("450 Xyzzy\r\n");
  CHECK(transient.reason == reason::unknown);
  CHECK(transient.action == action::retry);
}

TEST_CASE("classify: a transient mailbox problem is retried, never suppressed") {
  const auto c = classify("450 4.1.1 <a@example.com>: Recipient address rejected: unverified address\r\n");
  CHECK(c.reply_class == reply_class::transient);
  CHECK(c.action == action::retry);
  CHECK_FALSE(c.suppress_recipient);
}

TEST_CASE("classify: 5yz with a passing reason keeps its class and flags the reason") {
  const auto c = classify("550 5.7.28 Too much mail from your IP, slow down\r\n");
  CHECK(c.reply_class == reply_class::permanent);
  CHECK(c.reason == reason::rate_limited);
  CHECK(c.action == action::retry_slower);
  CHECK(c.temporary_reason);
}

TEST_CASE("classify: user rules are consulted before the built-in ones") {
  // "spam" in the user's table says blocklisted; the built-in table says spam_detected.
  const auto c = classify("550 5.7.1 Message rejected as spam\r\n", provider_rules);
  CHECK(c.reason == reason::blocklisted);
  CHECK(c.evidence.source == evidence_source::user_rule);
  CHECK(c.evidence.rule_index == 1);
  CHECK(c.evidence.phrase == "spam");
  CHECK(c.evidence.matched == "spam");

  const auto numbered = classify("451 4.7.1 Code 42 of the day exceeded\r\n", provider_rules);
  CHECK(numbered.reason == reason::rate_limited);
  CHECK(numbered.evidence.matched == "Code 42 of the day");

  // Without a user match the built-in rules decide as usual.
  CHECK(classify("550 5.1.1 No such user\r\n", provider_rules).evidence.source != evidence_source::user_rule);
}

TEST_CASE("classify: phrases match across line breaks and case") {
  const std::string_view gmail =
      "550-5.7.26 Unauthenticated email from example.com is not accepted due to\r\n"
      "550 5.7.26 domain's DMARC policy. Please contact the administrator\r\n";
  const auto c = classify(gmail);
  CHECK(c.reason == reason::sender_auth_failed);
  CHECK(c.action == action::fix_configuration);
  CHECK(c.enhanced == smtp_reply::parse_enhanced_code("5.7.26"));
}

TEST_CASE("classify: bytes that do not parse say so") {
  const auto incomplete = classify("550 5.1.1 No such");
  CHECK(incomplete.status == smtp_reply::parse_status::incomplete);
  CHECK(incomplete.reason == reason::none);
  const auto bad = classify("5x0 oops\r\n");
  CHECK(bad.status == smtp_reply::parse_status::bad_code);
  CHECK_FALSE(bad);
}

TEST_CASE("classify: consumed tells where the next pipelined reply starts") {
  const std::string_view two = "250 2.1.0 Ok\r\n550 5.1.1 No such user\r\n";
  const auto first = classify(two);
  CHECK(first.reason == reason::none);
  const auto second = classify(two.substr(first.consumed));
  CHECK(second.reason == reason::mailbox_unknown);
}

TEST_CASE("action_for: the example policy's action for each class and reason") {
  using smtp_reply::action_for;
  CHECK(action_for(reply_class::permanent, reason::greylisted) == action::retry_after_delay);
  CHECK(action_for(reply_class::transient, reason::rate_limited) == action::retry_slower);
  CHECK(action_for(reply_class::permanent, reason::too_many_recipients) == action::retry_split);
  CHECK(action_for(reply_class::permanent, reason::mailbox_unknown) == action::suppress_recipient);
  CHECK(action_for(reply_class::permanent, reason::no_mail_accepted) == action::suppress_recipient);
  CHECK(action_for(reply_class::permanent, reason::tls_required) == action::fix_configuration);
  CHECK(action_for(reply_class::permanent, reason::virus_detected) == action::fix_message);
  CHECK(action_for(reply_class::permanent, reason::policy_rejected) == action::do_not_retry);
  CHECK(action_for(reply_class::transient, reason::server_error) == action::retry);
  CHECK(action_for(reply_class::success, reason::none) == action::none);
}

TEST_CASE("taxonomy: every name is spelled as taxonomy.md spells it") {
  CHECK(smtp_reply::to_string(reason::mailbox_unknown) == "mailbox_unknown");
  CHECK(smtp_reply::to_string(reason::sender_auth_failed) == "sender_auth_failed");
  CHECK(smtp_reply::to_string(reason::network_error) == "network_error");
  CHECK(smtp_reply::to_string(action::retry_after_delay) == "retry_after_delay");
  CHECK(smtp_reply::to_string(action::suppress_recipient) == "suppress_recipient");
  CHECK(smtp_reply::to_string(reply_class::intermediate) == "intermediate");
  for (std::size_t i = 0; i < smtp_reply::reason_count; ++i) {
    const auto name = smtp_reply::to_string(static_cast<reason>(i));
    CHECK(name.size() > 0);
    for (std::size_t j = 0; j < i; ++j) CHECK(name != smtp_reply::to_string(static_cast<reason>(j)));
  }
}

TEST_CASE("rule_set: phrase syntax and invalid phrases") {
  constexpr smtp_reply::text_rule bad[] = {
      {"one two three four five six seven eight nine", reason::unknown, strength::generic_text},
      {"prefix* then", reason::unknown, strength::generic_text},
      {"...", reason::unknown, strength::generic_text},
      {"fine phrase", reason::unknown, strength::generic_text},
  };
  constexpr smtp_reply::rule_set set{bad};
  static_assert(!set.valid());
  static_assert(set.first_invalid() == 0);
  CHECK(set.size() == 4);
  // Invalid phrases never match; valid ones still do.
  const auto r = smtp_reply::parse("550 fine phrase prefix then ...\r\n").reply;
  const auto m = smtp_reply::match_rules(r, set);
  CHECK(m.matched);
  CHECK(m.index == 3);
}

TEST_CASE("rule_set: the best match is strongest, then longest, then earliest") {
  constexpr smtp_reply::text_rule rules[] = {
      {"quota", reason::mailbox_full, strength::specific_text},
      {"sending quota", reason::rate_limited, strength::specific_text},
      {"later", reason::unknown, strength::generic_text},
      {"greylist*", reason::greylisted, strength::mechanism},
  };
  constexpr smtp_reply::rule_set set{rules};
  const auto longer = smtp_reply::match_rules(smtp_reply::parse("550 quota: daily sending quota exceeded\r\n").reply, set);
  CHECK(longer.reason == reason::rate_limited);
  const auto stronger =
      smtp_reply::match_rules(smtp_reply::parse("451 later, you are GREYLISTED; quota\r\n").reply, set);
  CHECK(stronger.reason == reason::greylisted);
  CHECK(stronger.words == 1);
  const auto none = smtp_reply::match_rules(smtp_reply::parse("451 grey list\r\n").reply, set);
  CHECK_FALSE(none);
}

TEST_CASE("classify: no allocation, whatever the reply") {
  // Every corpus reply, classified from bytes and from a parsed reply, with
  // and without a user rule set: the counter of the replaced global
  // operator new (tests/test_alloc.cpp) must not move.
  const std::vector<corpus::record> records = corpus::load(SMTP_REPLY_TEST_DATA_DIR "/corpus.txt");
  REQUIRE(records.size() >= 300);
  std::vector<smtp_reply::parse_result> parsed;
  parsed.reserve(records.size());
  for (const corpus::record& rec : records) parsed.push_back(smtp_reply::parse(rec.wire));
  std::size_t unknown = 0;
  const std::size_t allocations = smtp_reply_test::allocations_during([&] {
    for (std::size_t i = 0; i < records.size(); ++i) {
      const smtp_reply::classification a = classify(parsed[i].reply);
      const smtp_reply::classification b = classify(std::string_view(records[i].wire), provider_rules);
      const smtp_reply::classification s = classify(std::string_view(records[i].wire), smtp_reply::strict_preset);
      if (a.reason == reason::unknown || b.reason == reason::unknown || !s) ++unknown;
    }
  });
  CHECK(allocations == 0);
  CHECK(unknown < records.size());
}

TEST_CASE("rule_set: a gap matches zero to two words") {
  constexpr smtp_reply::text_rule rules[] = {
      {"poor ~ reputation", reason::blocklisted, strength::mechanism},
      {"no ~ mailbox ~ found", reason::mailbox_unknown, strength::specific_text},
      {"~ leading", reason::unknown, strength::generic_text},
      {"trailing ~", reason::unknown, strength::generic_text},
      {"double ~ ~ gap", reason::unknown, strength::generic_text},
  };
  constexpr smtp_reply::rule_set set{rules};
  static_assert(set.first_invalid() == 2);
  static_assert(!set.valid());
  const auto match = [&](std::string_view text) {
    return smtp_reply::match_rules(smtp_reply::parse(text).reply, set);
  };
  CHECK(match("550 poor reputation\r\n").reason == reason::blocklisted);
  const auto one = match("550 a poor email reputation score\r\n");
  CHECK(one.reason == reason::blocklisted);
  CHECK(one.words == 2);
  CHECK(match("550 poor sender IP reputation\r\n").matched);
  CHECK_FALSE(match("550 poor sender IP address reputation\r\n").matched);
  CHECK(match("550 No such mailbox found\r\n").reason == reason::mailbox_unknown);
  CHECK(match("550-no such\r\n550 mailbox was found\r\n").reason == reason::mailbox_unknown);
  CHECK_FALSE(match("550 mailbox found no\r\n").matched);
  // The span runs from the first word to the last.
  const std::string_view text = "550 x poor email reputation y\r\n";
  const auto m = match(text);
  CHECK(text.substr(m.begin, m.end - m.begin) == "poor email reputation");
}

TEST_CASE("classify: a code quoted later in the text is evidence, not the reply's code") {
  const auto c = classify("553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)\r\n");
  CHECK_FALSE(c.enhanced);
  CHECK(c.reason == reason::policy_rejected);
  const auto timeout = classify("451 qq stuck (#4.4.2)\r\n");
  CHECK(timeout.reason == reason::network_error);
  CHECK(timeout.evidence.source == evidence_source::quoted_enhanced_code);
  // Not a code: more digits or dots follow, or the class is not 2, 4 or 5.
  CHECK(classify("554 see (#5.7.1.2)\r\n").evidence.source == evidence_source::fallback);
  CHECK(classify("554 see #3.1.1 here\r\n").evidence.source == evidence_source::fallback);
  // The reply's own enhanced code wins over a quoted one.
  CHECK(classify("550 5.1.1 bounce text (#4.4.2)\r\n").reason == reason::mailbox_unknown);
}
