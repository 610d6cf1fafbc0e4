// smtp_reply: the IANA enhanced status code registry as constexpr data.
//
// Included at the end of enhanced.hpp; including this file alone works too.
// The rows follow the IANA "SMTP Enhanced Status Codes" registry (RFC 5248),
// as kept in shared/reference/iana-enhanced-status-codes.csv; the test suite
// compares them with a copy of that file, row by row.
#ifndef SMTP_REPLY_DETAIL_ENHANCED_TABLE_HPP
#define SMTP_REPLY_DETAIL_ENHANCED_TABLE_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../enhanced.hpp"

namespace smtp_reply {

/**
 * One row of the IANA enhanced status code registry (RFC 5248 section 2.3):
 * a `subject.detail` pair, registered for every class unless its summary says
 * otherwise. All views point into string literals: they never dangle.
 */
struct enhanced_code_info {
  /** The subject, the middle number (RFC 3463 section 3). */
  std::uint16_t subject;
  /** The detail, the last number. */
  std::uint16_t detail;
  /** What the code means, e.g. `Destination mailbox (local part) does not exist`. */
  std::string_view summary;
  /**
   * The basic reply codes the registry associates with it, as the registry
   * gives them: `451;550`, `Any`, `5xx`, or `not given`.
   */
  std::string_view basic_codes;
  /** The defining document(s), e.g. `RFC 3463` or `RFC 7372; RFC 7208`. */
  std::string_view reference;
};

// The tables' strings are `sv` literals: the compiler knows their lengths,
// so no translation unit runs a strlen loop in the constant evaluator.
using std::string_view_literals::operator""sv;

/**
 * Every row of the IANA registry, X.0.0 to X.7.30, sorted by
 * (subject, detail) with no duplicates.
 */
inline constexpr enhanced_code_info enhanced_codes[] = {
    {0, 0, "Undefined status; only the class is known"sv, "Any"sv, "RFC 3463"sv},
    {1, 0, "Unspecified problem with an address"sv, "not given"sv, "RFC 3463"sv},
    {1, 1, "Destination mailbox (local part) does not exist"sv, "451;550"sv, "RFC 3463"sv},
    {1, 2, "Destination domain does not exist or cannot take mail"sv, "not given"sv, "RFC 3463"sv},
    {1, 3, "Destination address syntax invalid"sv, "501"sv, "RFC 3463"sv},
    {1, 4, "Destination address ambiguous (matches several mailboxes)"sv, "not given"sv, "RFC 3463"sv},
    {1, 5, "Destination address valid (for success reports)"sv, "250"sv, "RFC 3463"sv},
    {1, 6, "Mailbox has moved; no forwarding address"sv, "not given"sv, "RFC 3463"sv},
    {1, 7, "Sender address syntax invalid"sv, "not given"sv, "RFC 3463"sv},
    {1, 8, "Sender domain does not exist or cannot take return mail"sv, "451;501"sv, "RFC 3463"sv},
    {1, 9, "Relayed to a mailer that does not speak this protocol"sv, "not given"sv, "RFC 3886"sv},
    {1, 10, "Recipient domain publishes a null MX"sv, "556"sv, "RFC 7505; RFC 7504"sv},
    {2, 0, "Unspecified mailbox problem (mailbox exists)"sv, "not given"sv, "RFC 3463"sv},
    {2, 1, "Mailbox disabled / not accepting messages"sv, "not given"sv, "RFC 3463"sv},
    {2, 2, "Mailbox full (over quota); persistent transient"sv, "552"sv, "RFC 3463"sv},
    {2, 3, "Message longer than per-mailbox limit; permanent"sv, "552"sv, "RFC 3463"sv},
    {2, 4, "Mailing list expansion problem"sv, "450;452"sv, "RFC 3463"sv},
    {3, 0, "Unspecified mail system problem"sv, "221;250;421;451;550;554"sv, "RFC 3463"sv},
    {3, 1, "Mail system storage full"sv, "452"sv, "RFC 3463"sv},
    {3, 2, "System not accepting network messages (shutdown/load/maintenance)"sv,
     "453;521"sv, "RFC 3463; RFC 7504"sv},
    {3, 3, "System lacks a requested feature"sv, "not given"sv, "RFC 3463"sv},
    {3, 4, "Message larger than per-message system limit; permanent"sv, "552;554"sv, "RFC 3463"sv},
    {3, 5, "System incorrectly configured"sv, "not given"sv, "RFC 3463"sv},
    {3, 6, "Accepted but requested priority was changed"sv, "250;251"sv, "RFC 6710"sv},
    {4, 0, "Unspecified network or routing problem"sv, "not given"sv, "RFC 3463"sv},
    {4, 1, "No answer from host"sv, "451"sv, "RFC 3463"sv},
    {4, 2, "Bad connection (timeout or poor link during transaction)"sv, "421"sv, "RFC 3463"sv},
    {4, 3, "Directory server (e.g. DNS) failure"sv, "451;550"sv, "RFC 3463"sv},
    {4, 4, "Unable to route (no next hop)"sv, "not given"sv, "RFC 3463"sv},
    {4, 5, "Mail system congestion"sv, "451"sv, "RFC 3463"sv},
    {4, 6, "Routing loop detected"sv, "not given"sv, "RFC 3463"sv},
    {4, 7, "Delivery time expired (message too old)"sv, "not given"sv, "RFC 3463"sv},
    {5, 0, "Unspecified protocol problem"sv,
     "220;250;251;252;253;451;452;454;458;459;501;502;503;554"sv, "RFC 3463"sv},
    {5, 1, "Invalid command (out of sequence or unsupported)"sv,
     "430;500;501;503;530;550;554;555"sv, "RFC 3463"sv},
    {5, 2, "Syntax error in command"sv, "500;501;502;550;555"sv, "RFC 3463"sv},
    {5, 3, "Too many recipients; send the rest in another transaction"sv, "451"sv, "RFC 3463"sv},
    {5, 4, "Invalid command arguments"sv, "451;501;502;503;504;550;555"sv, "RFC 3463"sv},
    {5, 5, "Wrong protocol version"sv, "not given"sv, "RFC 3463"sv},
    {5, 6, "AUTH exchange line too long"sv, "500"sv, "RFC 4954"sv},
    {6, 0, "Unspecified media/content problem"sv, "not given"sv, "RFC 3463"sv},
    {6, 1, "Media not supported"sv, "not given"sv, "RFC 3463"sv},
    {6, 2, "Conversion required but prohibited"sv, "not given"sv, "RFC 3463"sv},
    {6, 3, "Conversion required but not supported (e.g. 8bit to 7bit)"sv, "554"sv, "RFC 3463"sv},
    {6, 4, "Delivered but conversion lost data"sv, "250"sv, "RFC 3463"sv},
    {6, 5, "Conversion failed"sv, "not given"sv, "RFC 3463"sv},
    {6, 6, "Message content could not be fetched (BURL)"sv, "554"sv, "RFC 4468"sv},
    {6, 7, "Non-ASCII address not permitted for sender/recipient"sv, "553;550"sv, "RFC 6531"sv},
    {6, 8, "UTF-8 reply required but client does not permit it"sv, "252;553;550"sv, "RFC 6531"sv},
    {6, 9, "UTF-8 header message cannot be transferred; rejected after DATA"sv, "550"sv, "RFC 6531"sv},
    {6, 10, "Deprecated duplicate of X.6.8"sv, "not given"sv, "RFC 6531"sv},
    {7, 0, "Unspecified security or policy problem"sv,
     "220;235;450;454;500;501;503;504;530;535;550"sv, "RFC 3463"sv},
    {7, 1, "Delivery not authorized; message refused by policy"sv,
     "451;454;502;503;533;550;551"sv, "RFC 3463"sv},
    {7, 2, "Mailing list expansion prohibited"sv, "550"sv, "RFC 3463"sv},
    {7, 3, "Security conversion required but impossible"sv, "not given"sv, "RFC 3463"sv},
    {7, 4, "Security features not supported"sv, "504"sv, "RFC 3463"sv},
    {7, 5, "Cryptographic failure (key missing or invalid)"sv, "not given"sv, "RFC 3463"sv},
    {7, 6, "Cryptographic algorithm not supported"sv, "not given"sv, "RFC 3463"sv},
    {7, 7, "Message integrity failure"sv, "not given"sv, "RFC 3463"sv},
    {7, 8, "Authentication credentials invalid"sv, "535;554"sv, "RFC 4954"sv},
    {7, 9, "Authentication mechanism too weak"sv, "534"sv, "RFC 4954"sv},
    {7, 10, "Encryption needed before this auth mechanism"sv, "523"sv, "RFC 5248"sv},
    {7, 11, "Encryption required for requested auth mechanism"sv, "524;538"sv, "RFC 4954"sv},
    {7, 12, "Password transition needed"sv, "422;432"sv, "RFC 4954"sv},
    {7, 13, "User account disabled"sv, "525"sv, "RFC 5248"sv},
    {7, 14, "Trust relationship required (replaces X.7.8 use in BURL)"sv, "535;554"sv, "RFC 5248"sv},
    {7, 15, "Priority level too low"sv, "450;550 (other 4xx/5xx allowed)"sv, "RFC 6710"sv},
    {7, 16, "Message too big for the requested priority"sv,
     "552 (other 4xx/5xx allowed)"sv, "RFC 6710"sv},
    {7, 17, "Mailbox owner has changed (RRVS)"sv, "5xx"sv, "RFC 7293"sv},
    {7, 18, "Domain owner has changed (RRVS)"sv, "5xx"sv, "RFC 7293"sv},
    {7, 19, "RRVS test cannot be completed"sv, "5xx"sv, "RFC 7293"sv},
    {7, 20, "No passing DKIM signature"sv, "550"sv, "RFC 7372; RFC 6376"sv},
    {7, 21, "No acceptable DKIM signature"sv, "550"sv, "RFC 7372; RFC 6376"sv},
    {7, 22, "No author-aligned DKIM signature"sv, "550"sv, "RFC 7372; RFC 6376"sv},
    {7, 23, "SPF check failed"sv, "550"sv, "RFC 7372; RFC 7208"sv},
    {7, 24, "SPF evaluation error"sv, "451;550"sv, "RFC 7372; RFC 7208"sv},
    {7, 25, "Reverse DNS validation failed"sv, "550"sv, "RFC 7372; RFC 7601"sv},
    {7, 26, "Several authentication checks failed"sv, "550"sv, "RFC 7372"sv},
    {7, 27, "Sender domain publishes a null MX"sv, "550"sv, "RFC 7505"sv},
    {7, 28, "Mail flood detected (part of a flood of similar abusive messages)"sv,
     "not given (registry field holds the description)"sv, "draft-levine-mailbomb-header"sv},
    {7, 29, "ARC validation failure"sv, "550"sv, "RFC 8617"sv},
    {7, 30, "REQUIRETLS support required but unavailable on the path"sv, "550"sv, "RFC 8689"sv},
};

/** How many rows `enhanced_codes` holds. */
inline constexpr std::size_t enhanced_code_count = sizeof(enhanced_codes) / sizeof(enhanced_codes[0]);

namespace detail {
/// enhanced_codes' index of every subject.detail the registry can hold
/// (subjects 0 to 7, details 0 to 63), or enhanced_code_count: one load.
struct enhanced_code_map {
  static constexpr std::size_t subjects = 8;
  static constexpr std::size_t details = 64;
  std::uint8_t slot[subjects][details] = {};
  constexpr enhanced_code_map() noexcept {
    for (auto& row : slot)
      for (std::uint8_t& at : row) at = static_cast<std::uint8_t>(enhanced_code_count);
    for (std::size_t i = 0; i < enhanced_code_count; ++i)
      slot[enhanced_codes[i].subject][enhanced_codes[i].detail] = static_cast<std::uint8_t>(i);
  }
};
static_assert(enhanced_code_count < 255, "enhanced_code_map holds indexes in a byte");
inline constexpr enhanced_code_map enhanced_code_slots{};

/// Index of X.subject.detail in `enhanced_codes`, or enhanced_code_count
/// (an index, not a pointer, for the reason given at detail::reply_code_index).
constexpr std::size_t enhanced_code_index(std::uint16_t subject, std::uint16_t detail) noexcept {
  if (subject >= enhanced_code_map::subjects || detail >= enhanced_code_map::details) return enhanced_code_count;
  return enhanced_code_slots.slot[subject][detail];
}
/// As above for a whole code; enhanced_code_count for "no code" or a bad class.
constexpr std::size_t enhanced_code_index(const enhanced_code& code) noexcept {
  if (code.class_digit != 2 && code.class_digit != 4 && code.class_digit != 5) return enhanced_code_count;
  return enhanced_code_index(code.subject, code.detail);
}
}  // namespace detail

/**
 * The registry row of `subject.detail`, or nullptr when it is not registered.
 * One table load; never throws or allocates.
 */
constexpr const enhanced_code_info* find_enhanced_code(std::uint16_t subject,
                                                       std::uint16_t detail) noexcept {
  const std::size_t at = detail::enhanced_code_index(subject, detail);
  return at < enhanced_code_count ? &enhanced_codes[at] : nullptr;
}

/**
 * The registry row of `code`'s subject and detail (the class does not take
 * part: rows are registered as X.s.d). nullptr for "no code", for a class
 * other than 2, 4 or 5 (RFC 3463 section 3.1), and for unregistered codes.
 */
constexpr const enhanced_code_info* find_enhanced_code(const enhanced_code& code) noexcept {
  if (code.class_digit != 2 && code.class_digit != 4 && code.class_digit != 5) return nullptr;
  return find_enhanced_code(code.subject, code.detail);
}

/** An enhanced status code read number by number (RFC 3463 section 3), with its registry row. */
struct enhanced_code_description {
  /**
   * From the class (RFC 3463 section 3.1): `success` (2), `persistent
   * transient failure` (4), `permanent failure` (5); empty when the value
   * is not a well-formed code.
   */
  std::string_view class_text;
  /**
   * From the subject (RFC 3463 section 3): `other or undefined status` (0),
   * `addressing status` (1), `mailbox status` (2), `mail system status` (3),
   * `network and routing status` (4), `mail delivery protocol status` (5),
   * `message content or media status` (6), `security or policy status` (7),
   * `unregistered subject` otherwise; empty when the value is not a
   * well-formed code.
   */
  std::string_view subject_text;
  /** The registry row, or nullptr when `subject.detail` is not registered. */
  const enhanced_code_info* entry;
};

/**
 * Describes an enhanced status code: for every well-formed code (class 2, 4
 * or 5, subject and detail at most 999) the class and subject texts, and the
 * registry row when there is one; e.g. 5.7.606 gives `permanent failure`,
 * `security or policy status` and no row. "No code" and malformed values give
 * empty texts and no row. Never throws or allocates.
 */
constexpr enhanced_code_description describe(const enhanced_code& code) noexcept {
  enhanced_code_description out{{}, {}, nullptr};
  switch (code.class_digit) {
    case 2: out.class_text = "success"; break;
    case 4: out.class_text = "persistent transient failure"; break;
    case 5: out.class_text = "permanent failure"; break;
    default: return out;
  }
  if (code.subject > 999 || code.detail > 999) return enhanced_code_description{{}, {}, nullptr};
  switch (code.subject) {
    case 0: out.subject_text = "other or undefined status"; break;
    case 1: out.subject_text = "addressing status"; break;
    case 2: out.subject_text = "mailbox status"; break;
    case 3: out.subject_text = "mail system status"; break;
    case 4: out.subject_text = "network and routing status"; break;
    case 5: out.subject_text = "mail delivery protocol status"; break;
    case 6: out.subject_text = "message content or media status"; break;
    case 7: out.subject_text = "security or policy status"; break;
    default: out.subject_text = "unregistered subject"; break;
  }
  out.entry = find_enhanced_code(code.subject, code.detail);
  return out;
}

namespace detail {

// Invariant checks of an enhanced code table (STYLE.md item 9). constexpr,
// so the header static_asserts them and the tests run them at run time too,
// also on deliberately broken tables.

/** True when `table[0..count)` ascends strictly by (subject, detail): sorted, no duplicates. */
constexpr bool enhanced_codes_ascending(const enhanced_code_info* table, std::size_t count) noexcept {
  for (std::size_t i = 1; i < count; ++i) {
    const enhanced_code_info& a = table[i - 1];
    const enhanced_code_info& b = table[i];
    if (a.subject > b.subject || (a.subject == b.subject && a.detail >= b.detail)) return false;
  }
  return true;
}

/** True when no text field of `table[0..count)` is empty and every number is at most 999. */
constexpr bool enhanced_codes_filled(const enhanced_code_info* table, std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    const enhanced_code_info& e = table[i];
    if (e.subject > 999 || e.detail > 999) return false;
    if (e.summary.empty() || e.basic_codes.empty() || e.reference.empty()) return false;
  }
  return true;
}

/** True when `find_enhanced_code` finds every row of the table at its own address. */
constexpr bool enhanced_codes_findable() noexcept {
  for (std::size_t i = 0; i < enhanced_code_count; ++i) {
    const enhanced_code_info& e = enhanced_codes[i];
    if (find_enhanced_code(e.subject, e.detail) != &e) return false;
  }
  return true;
}

/** All the invariants of `enhanced_codes` at once, the row count included. */
constexpr bool verify_enhanced_codes() noexcept {
  return enhanced_code_count == 81 && enhanced_codes_ascending(enhanced_codes, enhanced_code_count) &&
         enhanced_codes_filled(enhanced_codes, enhanced_code_count) && enhanced_codes_findable();
}

}  // namespace detail

static_assert(enhanced_code_count == 81, "the IANA registry copy has 81 rows");
static_assert(detail::enhanced_codes_ascending(enhanced_codes, enhanced_code_count),
              "enhanced_codes must be sorted by (subject, detail), without duplicates");
static_assert(detail::enhanced_codes_filled(enhanced_codes, enhanced_code_count),
              "every enhanced_codes field must be filled");
static_assert(detail::enhanced_codes_findable(), "find_enhanced_code must find every row");
// A lookup of a missing code would dereference nullptr: not a constant expression.
static_assert(find_enhanced_code(1, 1)->basic_codes == "451;550");
static_assert(find_enhanced_code(1, 10)->reference == "RFC 7505; RFC 7504");
static_assert(find_enhanced_code(7, 26)->summary == "Several authentication checks failed");
static_assert(find_enhanced_code(7, 30)->reference == "RFC 8689");
static_assert(find_enhanced_code(enhanced_code{5, 7, 26}) == find_enhanced_code(7, 26));
static_assert(find_enhanced_code(7, 31) == nullptr && find_enhanced_code(enhanced_code{}) == nullptr);
static_assert(describe(enhanced_code{5, 7, 606}).subject_text == "security or policy status");

}  // namespace smtp_reply

#endif  // SMTP_REPLY_DETAIL_ENHANCED_TABLE_HPP
