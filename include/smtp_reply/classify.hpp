// smtp_reply: the header users include. Classifies a reply: its class (from
// the reply code), the reason it failed and the remediation (taxonomy.md),
// with the evidence that decided.
//
//   #include <smtp_reply/classify.hpp>
//   constexpr auto c = smtp_reply::classify("550 5.1.1 No such user\r\n");
//   static_assert(c.reason == smtp_reply::reason::mailbox_unknown);
#ifndef SMTP_REPLY_CLASSIFY_HPP
#define SMTP_REPLY_CLASSIFY_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codes.hpp"
#include "detail/builtin_rules.hpp"
#include "detail/builtin_table.hpp"
#include "detail/owning_string.hpp"
#include "enhanced.hpp"
#include "evidence.hpp"
#include "parse.hpp"
#include "reply.hpp"
#include "rules.hpp"
#include "taxonomy.hpp"
#include "version.hpp"

namespace smtp_reply {

/**
 * The library's built-in text rules (detail/builtin_rules.hpp), compiled
 * ahead of time by the rule compiler into detail/builtin_table.hpp.
 */
inline constexpr rule_table builtin_rules{detail::builtin_rules,
                                          detail::builtin_compiled,
                                          detail::builtin_rule_count,
                                          detail::builtin_tokens,
                                          sizeof(detail::builtin_tokens) / sizeof(detail::builtin_tokens[0]),
                                          detail::builtin_buckets,
                                          detail::builtin_bucket_bits,
                                          detail::builtin_key_filter,
                                          detail::builtin_head_filter,
                                          detail::builtin_head_lengths,
                                          detail::builtin_has_gaps};

/** Where the deciding evidence came from. */
enum class evidence_source : std::uint8_t {
  none,           ///< nothing failed (2yz / 3yz), or the reply did not parse
  reply_code,     ///< the three-digit code alone (e.g. 521, 535)
  enhanced_code,  ///< the enhanced status code (e.g. X.1.1)
  quoted_enhanced_code,  ///< an enhanced code quoted later in the text, qmail's `(#5.1.1)`
  builtin_rule,   ///< a built-in text rule
  user_rule,      ///< a rule of the caller's rule set
  fallback,       ///< no evidence at all: `unknown`
};

/** The stable name of an evidence source. */
constexpr std::string_view to_string(evidence_source s) noexcept {
  switch (s) {
    case evidence_source::none: return "none";
    case evidence_source::reply_code: return "reply_code";
    case evidence_source::enhanced_code: return "enhanced_code";
    case evidence_source::quoted_enhanced_code: return "quoted_enhanced_code";
    case evidence_source::builtin_rule: return "builtin_rule";
    case evidence_source::user_rule: return "user_rule";
    case evidence_source::fallback: return "fallback";
  }
  return "none";
}

/** What decided the reason, so a postmaster can see why. */
struct evidence {
  evidence_source source = evidence_source::none;
  /** The weight of the deciding evidence. */
  smtp_reply::strength strength = strength::generic_text;
  /** For a rule: its index in its table, and its phrase. */
  std::size_t rule_index = 0;
  std::string_view phrase;
  /** For a rule: the matched text, a view into the reply's bytes (it may span lines). */
  std::string_view matched;
  /** For a rule: offset of `matched` in the reply's bytes. */
  std::size_t matched_offset = 0;
};

/** Everything the library concludes about one reply. */
struct classification {
  /** `ok`, or why the bytes given to `classify(std::string_view)` did not parse. */
  parse_status status = parse_status::ok;
  /** Bytes the reply took (from `classify(std::string_view)`): the next reply starts here. */
  std::size_t consumed = 0;
  /** The reply code and enhanced code classified. */
  std::uint16_t code = 0;
  enhanced_code enhanced{};
  /** From the reply code's first digit (RFC 5321 4.2.1); the enhanced code never overrides it. */
  smtp_reply::reply_class reply_class = smtp_reply::reply_class::permanent;
  smtp_reply::reason reason = reason::none;
  smtp_reply::action action = action::none;
  smtp_reply::fault fault = fault::none;
  /** What decided `reason`. */
  smtp_reply::evidence evidence{};
  /** Whether the example policy sends again (any `retry*` action). */
  bool retryable = false;
  /** Whether the address should leave the mailing list. */
  bool suppress_recipient = false;
  /** A permanent reply whose reason is a passing condition (greylisting,
      rate limits, a full mailbox, a server or network fault): soft-bouncing
      MTAs may choose to retry it. */
  bool temporary_reason = false;
  /** Short descriptions from the tables, and the RFCs that define the codes. */
  std::string_view code_description;
  std::string_view code_rfc;
  std::string_view enhanced_description;
  std::string_view enhanced_rfc;

  /** True when the input parsed. */
  constexpr explicit operator bool() const noexcept { return status == parse_status::ok; }
};

namespace detail {

/// qmail and its descendants put the enhanced code at the end of the text,
/// `553 sorry, ... (#5.7.1)`. It is not the reply's enhanced code
/// (parsing.md), but it is evidence: the first `#class.subject.detail` in the
/// text that is not followed by another digit or dot.
constexpr enhanced_code find_quoted_enhanced(const reply& r) noexcept {
  // Most replies hold no `#`: one memchr over the bytes says so, before the walk over the lines.
  if (r.raw.find('#') == std::string_view::npos) return {};
  for (const reply_line& line : r.lines()) {
    const std::string_view text = line.text;
    for (std::size_t hash = text.find('#'); hash != std::string_view::npos; hash = text.find('#', hash + 1)) {
      const enhanced_at found = read_enhanced_code(text, hash + 1);
      if (!found.code) continue;
      if (found.end < text.size() && (is_digit(text[found.end]) || text[found.end] == '.')) continue;
      return found.code;
    }
  }
  return {};
}

constexpr bool is_passing_condition(reason why) noexcept {
  return why == reason::greylisted || why == reason::rate_limited || why == reason::mailbox_full ||
         why == reason::server_error || why == reason::network_error;
}

constexpr evidence rule_evidence(const reply& r, const rule_match& m, std::string_view phrase) noexcept {
  evidence e{};
  e.source = m.origin == rule_origin::user ? evidence_source::user_rule : evidence_source::builtin_rule;
  e.strength = m.strength;
  e.rule_index = m.index;
  e.phrase = phrase;
  e.matched = r.raw.substr(m.begin, m.end - m.begin);
  e.matched_offset = m.begin;
  return e;
}

/// No user rules: their matcher calls compile to nothing.
struct no_rules {};
constexpr unsigned mark_user(const no_rules*, std::uint64_t, std::uint64_t, bool) noexcept { return 0; }
template <class Table>
constexpr unsigned mark_user(const Table* user, std::uint64_t key, std::uint64_t first_chunk, bool is_number) noexcept {
  return mark_word(*user, key, first_chunk, is_number);
}
constexpr void match_user(const no_rules*, const word_window&, unsigned, rule_match&) noexcept {}
template <class Table>
constexpr void match_user(const Table* user, const word_window& window, unsigned marks, rule_match& best) noexcept {
  match_marked_word(*user, window, marks, rule_origin::user, best);
}
constexpr std::string_view phrase_of(const no_rules*, std::size_t) noexcept { return {}; }
template <class Table>
constexpr std::string_view phrase_of(const Table* user, std::size_t index) noexcept {
  return (*user)[index].phrase;
}

/// Both tables in one pass over the words: the built-in table's marks in
/// the low bits, the user table's above them.
template <class User, class Builtin>
struct two_table_matcher {
  const User* user;
  Builtin builtin;
  rule_match& user_best;
  rule_match& builtin_best;
  static constexpr unsigned user_shift = mark_bits;
  SMTP_REPLY_ALWAYS_INLINE constexpr unsigned mark(std::uint64_t key, std::uint64_t first_chunk,
                                                   bool is_number) const noexcept {
    return mark_word(builtin, key, first_chunk, is_number) |
           (mark_user(user, key, first_chunk, is_number) << user_shift);
  }
  constexpr void match(const word_window& window, unsigned marks) const noexcept {
    if ((marks >> user_shift) != 0) match_user(user, window, marks >> user_shift, user_best);
    match_marked_word(builtin, window, marks, rule_origin::builtin, builtin_best);
  }
};

/// The built-in rules as the matcher reads them: a table known at compile time.
using builtin_view = fixed_rule_table<smtp_reply::builtin_rules>;

/// True for a reply that did not fail (2yz, 3yz): it has no reason to find.
constexpr bool did_not_fail(const reply& r) noexcept {
  return r.reply_class == reply_class::success || r.reply_class == reply_class::intermediate;
}

/// The descriptions of a reply's codes, from the tables.
struct code_texts {
  std::string_view code_description;
  std::string_view code_rfc;
  std::string_view enhanced_description;
  std::string_view enhanced_rfc;
};

SMTP_REPLY_ALWAYS_INLINE constexpr code_texts code_texts_of(const reply& r) noexcept {
  code_texts t{};
  // Indexes, not pointers tested against null: see detail::reply_code_index.
  const std::size_t code_at = reply_code_index(r.code);
  if (code_at < reply_code_count) {
    t.code_description = reply_codes[code_at].description;
    t.code_rfc = reply_codes[code_at].rfc;
  }
  const std::size_t enhanced_at = enhanced_code_index(r.enhanced);
  if (enhanced_at < enhanced_code_count) {
    t.enhanced_description = enhanced_codes[enhanced_at].summary;
    t.enhanced_rfc = enhanced_codes[enhanced_at].reference;
  }
  return t;
}

/// A classification, every member given: built in one go, it is written
/// member by member (a classification first cleared and then filled is
/// cleared with `rep stos`, slow to start, on every reply).
SMTP_REPLY_ALWAYS_INLINE constexpr classification make_classification(const reply& r, reason why, action act,
                                                                      const evidence& e) noexcept {
  const code_texts t = code_texts_of(r);
  const bool retryable = act == action::retry || act == action::retry_after_delay ||
                         act == action::retry_slower || act == action::retry_split;
  return classification{parse_status::ok,
                        0,
                        r.code,
                        r.enhanced,
                        r.reply_class,
                        why,
                        act,
                        fault_of(why),
                        e,
                        retryable,
                        act == action::suppress_recipient,
                        r.reply_class == reply_class::permanent && is_passing_condition(why),
                        t.code_description,
                        t.code_rfc,
                        t.enhanced_description,
                        t.enhanced_rfc};
}

/// All of a success's classification (the codes and their descriptions),
/// in line at the caller, since most replies are successes: there the
/// members the caller does not read cost nothing.
SMTP_REPLY_ALWAYS_INLINE constexpr classification classify_success(const reply& r) noexcept {
  return make_classification(r, reason::none, action::none, evidence{});
}

/// The classification of a failure (4yz, 5yz): the reason from the code and
/// text evidence, and what follows from it.
template <class User>
constexpr classification classify_failure(const reply& r, const User* user, builtin_view builtin) noexcept {
  // Code evidence: the enhanced code speaks first; the reply code fills in
  // where the enhanced code is absent or weaker.
  code_evidence from_code = evidence_from_enhanced(r.enhanced, r.reply_class);
  evidence_source code_source = evidence_source::enhanced_code;
  if (!r.enhanced) {
    from_code = evidence_from_enhanced(find_quoted_enhanced(r), r.reply_class);
    code_source = evidence_source::quoted_enhanced_code;
  }
  const code_evidence from_reply_code = evidence_from_reply_code(r.code);
  if (from_reply_code && (!from_code || from_reply_code.strength > from_code.strength)) {
    from_code = from_reply_code;
    code_source = evidence_source::reply_code;
  }

  // Text evidence: one pass over the words, both tables probed per word.
  rule_match user_best{};
  rule_match builtin_best{};
  two_table_matcher<User, builtin_view> matcher{user, builtin, user_best, builtin_best};
  scan_words(r.raw, matcher);

  // Precedence (classify.hpp, README "How a reason is chosen"): a user rule
  // always decides; otherwise the stronger of text and code evidence.
  reason why = reason::unknown;
  evidence e{};
  if (user_best) {
    why = user_best.reason;
    e = rule_evidence(r, user_best, phrase_of(user, user_best.index));
  } else if (builtin_best && (!from_code || builtin_best.strength > from_code.strength)) {
    why = builtin_best.reason;
    e = rule_evidence(r, builtin_best, builtin[builtin_best.index].phrase);
  } else if (from_code) {
    why = from_code.reason;
    e.source = code_source;
    e.strength = from_code.strength;
  } else {
    e.source = evidence_source::fallback;
  }
  return make_classification(r, why, action_for(r.reply_class, why), e);
}

constexpr classification unparsed(const parse_result& p) noexcept {
  classification c{};
  c.status = p.status;
  c.consumed = p.consumed;
  return c;
}

}  // namespace detail

/**
 * Classifies a parsed reply with the built-in rules (taxonomy.md).
 * Never throws or allocates.
 */
constexpr classification classify(const reply& r) noexcept {
  if (detail::did_not_fail(r)) return detail::classify_success(r);
  return detail::classify_failure(r, static_cast<const detail::no_rules*>(nullptr), detail::builtin_view{});
}

/**
 * Classifies a parsed reply, consulting `user_rules` before the built-in
 * rules: any match of a user rule decides the reason.
 */
constexpr classification classify(const reply& r, const rule_table& user_rules) noexcept {
  if (detail::did_not_fail(r)) return detail::classify_success(r);
  return detail::classify_failure(r, &user_rules, detail::builtin_view{});
}

/** As `classify(r, user_rules)`, for a rule set (its table view). */
template <std::size_t N>
constexpr classification classify(const reply& r, const rule_set<N>& user_rules) noexcept {
  return classify(r, user_rules.table());
}

/**
 * Parses the first reply in `bytes` and classifies it. On a parse failure
 * (`incomplete` included) `status` says why, and the reason is `none`.
 */
constexpr classification classify(std::string_view bytes, const parse_options& options = default_preset) noexcept {
  const parse_result p = parse(bytes, options);
  if (!p) return detail::unparsed(p);
  classification c = classify(p.reply);
  c.consumed = p.consumed;
  return c;
}

/** As `classify(bytes, options)`, with the caller's rules consulted first. */
template <std::size_t N>
constexpr classification classify(std::string_view bytes, const rule_set<N>& user_rules,
                                  const parse_options& options = default_preset) noexcept {
  const parse_result p = parse(bytes, options);
  if (!p) return detail::unparsed(p);
  classification c = classify(p.reply, user_rules);
  c.consumed = p.consumed;
  return c;
}

/** Deleted: the evidence would point into a temporary string (any std::basic_string). */
template <class S, class = detail::enable_if_owning_string_rvalue<S>>
classification classify(S&& bytes, const parse_options& options = default_preset) = delete;

/** Deleted, with user rules too: the evidence would point into a temporary string. */
template <class S, std::size_t N, class = detail::enable_if_owning_string_rvalue<S>>
classification classify(S&& bytes, const rule_set<N>& user_rules, const parse_options& options = default_preset) = delete;

}  // namespace smtp_reply

#endif  // SMTP_REPLY_CLASSIFY_HPP
