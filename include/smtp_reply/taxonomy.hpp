// smtp_reply: the classification vocabulary (taxonomy.md): reasons, actions,
// and who has to fix what.
#ifndef SMTP_REPLY_TAXONOMY_HPP
#define SMTP_REPLY_TAXONOMY_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codes.hpp"

namespace smtp_reply {

/** Why a command failed, or `none` (taxonomy.md, "reason"). */
enum class reason : std::uint8_t {
  none,                 ///< 2yz / 3yz: nothing failed
  unknown,              ///< a failure with no finer evidence
  mailbox_unknown,      ///< the address does not exist (X.1.1)
  mailbox_full,         ///< over quota (X.2.2)
  mailbox_disabled,     ///< disabled, suspended, inactive (X.2.1)
  mailbox_moved,        ///< 551, X.1.6
  domain_unknown,       ///< the domain does not exist or takes no mail (X.1.2)
  no_mail_accepted,     ///< null MX, 521 / 556 (RFC 7504, RFC 7505)
  relay_denied,         ///< relaying denied
  address_syntax,       ///< bad address syntax (X.1.3, 553)
  protocol_error,       ///< 500-504, X.5.x: the client said something wrong
  message_too_large,    ///< size limits (X.3.4, X.2.3)
  too_many_recipients,  ///< X.5.3: send the rest in a new transaction
  rate_limited,         ///< throttling, too many connections (X.7.28)
  greylisted,           ///< greylisting: retry after a short delay
  blocklisted,          ///< a DNSBL or reputation block
  spam_detected,        ///< the content was judged spam
  virus_detected,       ///< malware found
  content_rejected,     ///< X.6.x, forbidden attachments, bad encoding
  sender_auth_failed,   ///< SPF, DKIM, DMARC, ARC (X.7.20-X.7.27, X.7.29)
  reverse_dns,          ///< no or bad PTR record (X.7.25)
  not_rfc_compliant,    ///< the message breaks RFC 5322
  auth_required,        ///< authenticate or fix credentials (530, 535, X.7.8)
  tls_required,         ///< STARTTLS / REQUIRETLS needed (X.7.10, X.7.11, X.7.30)
  policy_rejected,      ///< another policy rejection (X.7.1, 541)
  server_error,         ///< the remote system failed (421, 451, X.3.x)
  network_error,        ///< routing, timeouts (X.4.x, transient)
};

/** Number of reasons. */
inline constexpr std::size_t reason_count = 27;

/** The stable name of a reason, as taxonomy.md spells it. */
constexpr std::string_view to_string(reason r) noexcept {
  switch (r) {
    case reason::none: return "none";
    case reason::unknown: return "unknown";
    case reason::mailbox_unknown: return "mailbox_unknown";
    case reason::mailbox_full: return "mailbox_full";
    case reason::mailbox_disabled: return "mailbox_disabled";
    case reason::mailbox_moved: return "mailbox_moved";
    case reason::domain_unknown: return "domain_unknown";
    case reason::no_mail_accepted: return "no_mail_accepted";
    case reason::relay_denied: return "relay_denied";
    case reason::address_syntax: return "address_syntax";
    case reason::protocol_error: return "protocol_error";
    case reason::message_too_large: return "message_too_large";
    case reason::too_many_recipients: return "too_many_recipients";
    case reason::rate_limited: return "rate_limited";
    case reason::greylisted: return "greylisted";
    case reason::blocklisted: return "blocklisted";
    case reason::spam_detected: return "spam_detected";
    case reason::virus_detected: return "virus_detected";
    case reason::content_rejected: return "content_rejected";
    case reason::sender_auth_failed: return "sender_auth_failed";
    case reason::reverse_dns: return "reverse_dns";
    case reason::not_rfc_compliant: return "not_rfc_compliant";
    case reason::auth_required: return "auth_required";
    case reason::tls_required: return "tls_required";
    case reason::policy_rejected: return "policy_rejected";
    case reason::server_error: return "server_error";
    case reason::network_error: return "network_error";
  }
  return "unknown";
}

/** What a sender should do about a reply (taxonomy.md, "action"). */
enum class action : std::uint8_t {
  none,                ///< success, intermediate
  retry,               ///< ordinary transient failure: exponential backoff
  retry_after_delay,   ///< greylisting: one retry after a short fixed delay
  retry_slower,        ///< rate limits: back off and lower concurrency to that host
  retry_split,         ///< too many recipients: send the rest in another transaction
  fix_configuration,   ///< auth, TLS, relay, reverse DNS, sender authentication
  fix_message,         ///< too large, spam, virus, content, RFC compliance
  suppress_recipient,  ///< mailbox unknown or disabled, domain unknown, no mail accepted
  do_not_retry,        ///< any other permanent failure
};

/** The stable name of an action, as taxonomy.md spells it. */
constexpr std::string_view to_string(action a) noexcept {
  switch (a) {
    case action::none: return "none";
    case action::retry: return "retry";
    case action::retry_after_delay: return "retry_after_delay";
    case action::retry_slower: return "retry_slower";
    case action::retry_split: return "retry_split";
    case action::fix_configuration: return "fix_configuration";
    case action::fix_message: return "fix_message";
    case action::suppress_recipient: return "suppress_recipient";
    case action::do_not_retry: return "do_not_retry";
  }
  return "do_not_retry";
}

/** Whose move it is to fix a failure. */
enum class fault : std::uint8_t {
  none,                  ///< nothing failed
  sender_configuration,  ///< the sending system's setup: auth, TLS, DNS, reputation
  message,               ///< the message itself: size, content, format
  recipient,             ///< the address or mailbox
  remote,                ///< the receiving system or the network: wait and retry
  unknown,               ///< the reply does not say
};

/** The stable name of a fault. */
constexpr std::string_view to_string(fault f) noexcept {
  switch (f) {
    case fault::none: return "none";
    case fault::sender_configuration: return "sender_configuration";
    case fault::message: return "message";
    case fault::recipient: return "recipient";
    case fault::remote: return "remote";
    case fault::unknown: return "unknown";
  }
  return "unknown";
}

/**
 * The action of the example retry policy for a class and reason (taxonomy.md).
 * Three reasons act alike in both failure classes because their remedy does
 * not depend on the code: greylisting, rate limits and too many recipients
 * (RFC 5321 4.5.3.1.10 has clients treat `552` for too many recipients as
 * temporary), and a full mailbox is retried for a while as taxonomy.md says.
 * Otherwise a transient reply is retried and a permanent one is not, with the
 * suppress / fix actions reserved for permanent replies: a `450 4.1.1` may be
 * a recipient check that failed for now, and must not drop the address.
 */
constexpr action action_for(reply_class cls, reason why) noexcept {
  if (cls == reply_class::success || cls == reply_class::intermediate) return action::none;
  switch (why) {
    case reason::greylisted: return action::retry_after_delay;
    case reason::rate_limited: return action::retry_slower;
    case reason::too_many_recipients: return action::retry_split;
    case reason::mailbox_full: return action::retry;
    default: break;
  }
  if (cls == reply_class::transient) return action::retry;
  switch (why) {
    case reason::mailbox_unknown:
    case reason::mailbox_disabled:
    case reason::domain_unknown:
    case reason::no_mail_accepted: return action::suppress_recipient;
    case reason::auth_required:
    case reason::tls_required:
    case reason::relay_denied:
    case reason::reverse_dns:
    case reason::sender_auth_failed: return action::fix_configuration;
    case reason::message_too_large:
    case reason::spam_detected:
    case reason::virus_detected:
    case reason::content_rejected:
    case reason::not_rfc_compliant: return action::fix_message;
    default: return action::do_not_retry;
  }
}

/** Who has to act on a reason. */
constexpr fault fault_of(reason why) noexcept {
  switch (why) {
    case reason::none: return fault::none;
    case reason::unknown:
    case reason::policy_rejected: return fault::unknown;
    case reason::mailbox_unknown:
    case reason::mailbox_full:
    case reason::mailbox_disabled:
    case reason::mailbox_moved:
    case reason::domain_unknown:
    case reason::no_mail_accepted:
    case reason::address_syntax: return fault::recipient;
    case reason::relay_denied:
    case reason::protocol_error:
    case reason::rate_limited:
    case reason::blocklisted:
    case reason::sender_auth_failed:
    case reason::reverse_dns:
    case reason::auth_required:
    case reason::tls_required: return fault::sender_configuration;
    case reason::message_too_large:
    case reason::too_many_recipients:
    case reason::spam_detected:
    case reason::virus_detected:
    case reason::content_rejected:
    case reason::not_rfc_compliant: return fault::message;
    case reason::greylisted:
    case reason::server_error:
    case reason::network_error: return fault::remote;
  }
  return fault::unknown;
}

}  // namespace smtp_reply

#endif  // SMTP_REPLY_TAXONOMY_HPP
