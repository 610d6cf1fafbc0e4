// smtp_reply: what the reply code and the enhanced status code say about the
// reason of a failure, before the text is read.
#ifndef SMTP_REPLY_EVIDENCE_HPP
#define SMTP_REPLY_EVIDENCE_HPP

#include <cstdint>

#include "codes.hpp"
#include "enhanced.hpp"
#include "rules.hpp"
#include "taxonomy.hpp"

namespace smtp_reply {

/** A reason some code gives, and how much weight it carries. */
struct code_evidence {
  /** False when the code says nothing about the reason (X.0.0, 550, 554...). */
  bool present = false;
  smtp_reply::reason reason = reason::unknown;
  /** `generic_code` or `specific_code`. */
  smtp_reply::strength strength = strength::generic_code;

  constexpr explicit operator bool() const noexcept { return present; }
};

namespace detail {
constexpr code_evidence says(reason why, strength how) noexcept {
  code_evidence e{};
  e.present = true;
  e.reason = why;
  e.strength = how;
  return e;
}
inline constexpr strength specific = strength::specific_code;
inline constexpr strength generic = strength::generic_code;
}  // namespace detail

/**
 * What an enhanced status code says (RFC 3463 section 3, RFC 7372, RFC 7505,
 * RFC 8689, taxonomy.md). `cls` is the reply's class: the reply code decides
 * it, and a few codes read differently when transient (X.4.x is a network
 * problem, X.3.2 a busy server rather than one that takes no mail).
 * Unregistered details fall back to their subject, as generic evidence.
 */
constexpr code_evidence evidence_from_enhanced(const enhanced_code& code, reply_class cls) noexcept {
  using detail::says;
  using detail::specific;
  using detail::generic;
  if (!code || code.class_digit == 2) return {};
  const bool transient = cls == reply_class::transient;
  switch (code.subject) {
    case 1:  // addressing status
      switch (code.detail) {
        case 1: return says(reason::mailbox_unknown, specific);
        case 2: return says(reason::domain_unknown, specific);
        case 3: return says(reason::address_syntax, specific);
        case 4: return says(reason::address_syntax, generic);
        case 6: return says(reason::mailbox_moved, specific);
        case 7: return says(reason::address_syntax, specific);
        // X.1.8: the sender's domain is bad; taxonomy.md files sender-domain
        // problems under sender_auth_failed ("fix ... the sender domain").
        case 8: return says(reason::sender_auth_failed, specific);
        case 10: return says(reason::no_mail_accepted, specific);
        default: return {};
      }
    case 2:  // mailbox status
      switch (code.detail) {
        case 1: return says(reason::mailbox_disabled, specific);
        case 2: return says(reason::mailbox_full, specific);
        case 3: return says(reason::message_too_large, specific);
        default: return {};
      }
    case 3:  // mail system status
      switch (code.detail) {
        case 2:
          return transient ? says(reason::server_error, specific) : says(reason::no_mail_accepted, specific);
        case 3: return says(reason::protocol_error, generic);
        case 4: return says(reason::message_too_large, specific);
        case 6: return {};
        case 1:
        case 5: return says(reason::server_error, specific);
        default: return says(reason::server_error, generic);
      }
    case 4:  // network and routing status
      if (code.detail == 4 && !transient) return says(reason::domain_unknown, specific);
      if (transient && code.detail >= 1 && code.detail <= 7) return says(reason::network_error, specific);
      return says(reason::network_error, generic);
    case 5:  // mail delivery protocol status
      switch (code.detail) {
        case 0: return says(reason::protocol_error, generic);
        case 3: return says(reason::too_many_recipients, specific);
        case 1:
        case 2:
        case 4:
        case 5:
        case 6: return says(reason::protocol_error, specific);
        default: return says(reason::protocol_error, generic);
      }
    case 6:  // message content or media status
      switch (code.detail) {
        case 0: return says(reason::content_rejected, generic);
        case 4: return {};
        case 7: return says(reason::address_syntax, specific);
        default: return says(reason::content_rejected, code.detail <= 10 ? specific : generic);
      }
    case 7:  // security or policy status
      switch (code.detail) {
        // X.7.0 is Gmail's catch-all for TLS, throttling and suspicion alike.
        case 0: return transient ? code_evidence{} : says(reason::policy_rejected, generic);
        case 1:
        case 2:
        case 3:
        case 5:
        case 6:
        case 7:
        case 15:
        case 19: return says(reason::policy_rejected, generic);
        case 4: return says(reason::tls_required, generic);
        case 8:
        case 9:
        case 12:
        case 13:
        case 14: return says(reason::auth_required, specific);
        case 10:
        case 11:
        case 30: return says(reason::tls_required, specific);
        case 16: return says(reason::message_too_large, specific);
        case 17: return says(reason::mailbox_unknown, specific);
        case 18: return says(reason::domain_unknown, specific);
        case 20:
        case 21:
        case 22:
        case 23:
        case 24:
        case 26:
        case 27:
        case 29: return says(reason::sender_auth_failed, specific);
        case 25: return says(reason::reverse_dns, specific);
        case 28: return says(reason::rate_limited, specific);
        default: return says(reason::policy_rejected, generic);
      }
    default: return {};
  }
}

/**
 * What a basic reply code says on its own (RFC 5321 4.2.2-4.2.3, RFC 4954,
 * RFC 3207, RFC 7504). Only codes with one usual meaning give evidence;
 * 450, 550 and 554 cover too much and give none.
 */
constexpr code_evidence evidence_from_reply_code(std::uint16_t code) noexcept {
  using detail::says;
  using detail::specific;
  using detail::generic;
  switch (code) {
    case 421:
    case 451:
    case 452: return says(reason::server_error, generic);
    case 432:
    case 534:
    case 535: return says(reason::auth_required, specific);
    case 530: return says(reason::auth_required, generic);
    case 523:
    case 524:
    case 538: return says(reason::tls_required, generic);
    case 500:
    case 501:
    case 502:
    case 503:
    case 504:
    case 555: return says(reason::protocol_error, generic);
    case 521:
    case 556: return says(reason::no_mail_accepted, specific);
    case 541: return says(reason::policy_rejected, generic);
    case 551: return says(reason::mailbox_moved, generic);
    case 552: return says(reason::mailbox_full, generic);
    case 553: return says(reason::address_syntax, generic);
    default: return {};
  }
}

}  // namespace smtp_reply

#endif  // SMTP_REPLY_EVIDENCE_HPP
