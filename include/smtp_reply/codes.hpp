// smtp_reply: basic reply codes (RFC 5321 section 4.2) and their class.
#ifndef SMTP_REPLY_CODES_HPP
#define SMTP_REPLY_CODES_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace smtp_reply {

/**
 * What the first digit of a reply code says to do (RFC 5321 section 4.2.1);
 * names as in taxonomy.md.
 */
enum class reply_class : std::uint8_t {
  success,       ///< 2yz: the command was accepted
  intermediate,  ///< 3yz: accepted, more input expected (354, 334)
  transient,     ///< 4yz: not accepted now; the same command may succeed later
  permanent,     ///< 5yz: not accepted; repeating it unchanged will fail again
};

/** The stable name of a class: `success`, `intermediate`, `transient`, `permanent`. */
constexpr std::string_view to_string(reply_class c) noexcept {
  switch (c) {
    case reply_class::success: return "success";
    case reply_class::intermediate: return "intermediate";
    case reply_class::transient: return "transient";
    case reply_class::permanent: return "permanent";
  }
  return "permanent";
}

/**
 * The class of a reply code from its first digit (RFC 5321 section 4.2.1).
 * Codes outside 200..599 are treated as permanent, the safe reading.
 */
constexpr reply_class class_of(std::uint16_t code) noexcept {
  switch (code / 100) {
    case 2: return reply_class::success;
    case 3: return reply_class::intermediate;
    case 4: return reply_class::transient;
    default: return reply_class::permanent;
  }
}

/**
 * One basic reply code and what it tells a postmaster (RFC 5321 section 4.2,
 * and the extensions that add codes; codes.md). All views point into string
 * literals: they never dangle.
 */
struct reply_code_info {
  /** The three-digit reply code (RFC 5321 section 4.2). */
  std::uint16_t code;
  /** What the code means, in a few words, after the RFC's own reply text. */
  std::string_view description;
  /**
   * The RFC that defines the code, e.g. `RFC 5321`; several are separated by
   * `; ` when the code has a meaning in each (454, 500, 530, 552); `nonstandard`
   * for a code in wide use that no RFC defines (541).
   */
  std::string_view rfc;
  /** What usually causes the reply: likely causes, not verdicts. */
  std::string_view causes;
  /** What the sender can do about it. */
  std::string_view remedy;
};

// The tables' strings are `sv` literals: the compiler knows their lengths,
// so no translation unit runs a strlen loop in the constant evaluator.
using std::string_view_literals::operator""sv;

/**
 * The basic reply codes, sorted by code with no duplicates: those of RFC 5321
 * sections 4.2.2 and 4.2.3, RFC 1870 (SIZE), RFC 3207 (STARTTLS), RFC 4954
 * (AUTH), RFC 6531 (SMTPUTF8), RFC 7504 (521, 556), and the nonstandard 541.
 * RFC 2034 and RFC 3030 add no codes; their uses are noted in the entries.
 */
inline constexpr reply_code_info reply_codes[] = {
    {211, "system status, or system help reply"sv, "RFC 5321"sv,
     "an answer to HELP or another status query; it carries information and reports no problem"sv,
     "nothing to do; read the text if you asked for it"sv},
    {214, "help message"sv, "RFC 5321"sv,
     "an answer to HELP: how to use the server or what a nonstandard command means, written for a "
     "person"sv,
     "nothing to do"sv},
    {220, "service ready"sv, "RFC 5321"sv,
     "the greeting the server sends when the connection opens; also the answer to STARTTLS, meaning "
     "the TLS handshake may start (RFC 3207)"sv,
     "carry on: send EHLO (or start TLS after STARTTLS)"sv},
    {221, "service closing transmission channel"sv, "RFC 5321"sv,
     "the answer to QUIT: the session has ended normally"sv,
     "nothing to do; the fate of each message is what the earlier replies of the session said"sv},
    {235, "authentication succeeded"sv, "RFC 4954"sv,
     "the AUTH exchange completed and the server accepted the credentials"sv,
     "carry on with the mail transaction"sv},
    {250, "requested mail action okay, completed"sv, "RFC 5321"sv,
     "the most common reply: the command was accepted; one message collects several of them "
     "(EHLO, MAIL, each RCPT, the end of the data)"sv,
     "carry on; after the end of the data it means the server has taken responsibility for the "
     "message"sv},
    {251, "user not local; will forward"sv, "RFC 5321"sv,
     "the recipient is not hosted on this server, but the server knows where to send the message "
     "and accepts it"sv,
     "carry on; you may update your records with the address given in the text"sv},
    {252, "cannot verify the user, but will accept the message and attempt delivery"sv, "RFC 5321"sv,
     "an answer to VRFY from a server that will not say whether a mailbox exists, commonly to stop "
     "address harvesting"sv,
     "nothing to do: send the message and rely on the later replies or a bounce"sv},
    {334, "server challenge: continue the authentication exchange"sv, "RFC 4954"sv,
     "the server waits for the next line of the AUTH exchange; the text is a base64 challenge, "
     "possibly empty"sv,
     "answer with the base64 response the SASL mechanism calls for, or with `*` to cancel"sv},
    {354, "start mail input; end with <CRLF>.<CRLF>"sv, "RFC 5321"sv,
     "DATA was accepted and the server waits for the message content"sv,
     "send the message, with leading dots doubled, then a line holding a single dot"sv},
    {421, "service not available, closing transmission channel"sv, "RFC 5321"sv,
     "the remote host, or your own relay, cannot be reached, is overloaded, is shutting down or is "
     "limiting your connection rate; the server closes the connection"sv,
     "check that your relay works and that a connection to the server succeeds, then retry later; "
     "a mail queue retries on its own"sv},
    {432, "a password transition is needed"sv, "RFC 4954"sv,
     "the account must move to the selected authentication mechanism before it can be used, e.g. "
     "after the server changed how it stores credentials"sv,
     "authenticate once with the PLAIN mechanism over an encrypted session, then retry; if it "
     "persists, contact the administrator"sv},
    {450, "requested mail action not taken: mailbox unavailable (e.g. busy or locked); try later"sv,
     "RFC 5321"sv,
     "the mailbox is busy or temporarily blocked, often by greylisting; the account may no longer "
     "exist or may not be allowed to receive mail; or the server rejected the mail for now by a "
     "blocklist or a content filter"sv,
     "retry later; check that the address exists, check your sending IP against blocklists, remove "
     "spam-like content, and try sending without the attachment"sv},
    {451, "requested action aborted: local error in processing"sv, "RFC 5321"sv,
     "usually not the sender's fault: a failure on the receiving server (a lookup or a filter that "
     "timed out) or one of its rules (greylisting) stopped the processing"sv,
     "retry later, as a mail queue does on its own; if it persists for days, contact the receiving "
     "postmaster"sv},
    {452, "requested action not taken: insufficient system storage"sv, "RFC 5321"sv,
     "the receiving system is out of space for now; often your own server is overloaded by too many "
     "messages at once; also the answer to too many recipients in one transaction, and (RFC 1870) "
     "to a declared SIZE that cannot be stored now"sv,
     "check your mail queue and send at a reasonable rate; retry later; send the remaining "
     "recipients in another transaction"sv},
    {454, "TLS not available due to temporary reason (STARTTLS), or temporary authentication failure "
          "(AUTH)"sv,
     "RFC 3207; RFC 4954"sv,
     "after STARTTLS (RFC 3207): the server cannot start TLS right now, e.g. a missing or broken "
     "certificate; after AUTH (RFC 4954): a temporary failure on the server, e.g. its credential "
     "store is unreachable"sv,
     "retry later; for TLS, continue without encryption only if your policy allows it; for AUTH, "
     "retry the authentication later and tell the administrator if it persists"sv},
    {455, "server unable to accommodate parameters"sv, "RFC 5321"sv,
     "the server cannot honour the parameters of MAIL FROM or RCPT TO at this time"sv,
     "retry later; if it persists, contact the administrator of the receiving side"sv},
    {500, "syntax error, command unrecognized (also: authentication exchange line too long)"sv,
     "RFC 5321; RFC 4954"sv,
     "the server did not recognise the command, or the line was too long; antivirus or firewall "
     "software between client and server that inspects or rewrites the session is a common cause; "
     "during AUTH (RFC 4954), a response line longer than the server accepts"sv,
     "test with the antivirus and firewall software disabled or bypassed; check that the client "
     "sends valid commands; for AUTH, pick a mechanism with shorter lines"sv},
    {501, "syntax error in parameters or arguments"sv, "RFC 5321"sv,
     "like 500, but about a command's arguments: most often an invalid email address in MAIL FROM "
     "or RCPT TO; also a malformed HELO name, or AUTH data that is not valid base64 or was "
     "cancelled (RFC 4954)"sv,
     "check the syntax of the addresses (angle brackets, no spaces or stray characters); test with "
     "antivirus and firewall software disabled"sv},
    {502, "command not implemented"sv, "RFC 5321"sv,
     "the server does not support the command; most likely a configuration problem of the "
     "underlying MTA, on either side"sv,
     "check the MTA configuration (e.g. a client that uses extensions the server did not "
     "advertise), then reconnect"sv},
    {503, "bad sequence of commands"sv, "RFC 5321"sv,
     "commands out of order (RCPT before MAIL, DATA with no recipient); often the server requires "
     "authentication and the account has not authenticated; also AUTH after a successful AUTH"sv,
     "authenticate before sending, and check the MTA configuration and the order of commands"sv},
    {504, "command parameter not implemented"sv, "RFC 5321"sv,
     "like 502, for a parameter: the server does not support it; also an AUTH mechanism the server "
     "does not know (RFC 4954)"sv,
     "check the MTA configuration, use only parameters and mechanisms the server advertises after "
     "EHLO, then reconnect"sv},
    {521, "host does not accept mail"sv, "RFC 7504"sv,
     "the recipient's server accepts and delivers no mail at all, e.g. a host that exists for web "
     "or other services only; it says so in its greeting or to every command"sv,
     "do not retry this host; check that the message really fails rather than being forwarded or "
     "delivered through another MX host; otherwise correct or drop the address"sv},
    {530, "must issue a STARTTLS command first (RFC 3207), or authentication required (RFC 4954)"sv,
     "RFC 3207; RFC 4954"sv,
     "the server refuses to go on until the session is encrypted with STARTTLS, or until the client "
     "authenticates with AUTH; usual on submission ports"sv,
     "issue STARTTLS, then authenticate with valid credentials, and repeat the command"sv},
    {534, "authentication mechanism is too weak"sv, "RFC 4954"sv,
     "the chosen SASL mechanism is weaker than the server's policy allows, e.g. a plaintext "
     "password mechanism"sv,
     "use a stronger mechanism, or protect the session with STARTTLS first"sv},
    {535, "authentication credentials invalid"sv, "RFC 4954"sv,
     "wrong user name or password, an expired or revoked password, or an account that requires an "
     "application-specific password"sv,
     "check the user name and password (or create an application password), and check that the "
     "account is not locked"sv},
    {538, "encryption required for requested authentication mechanism"sv, "RFC 4954"sv,
     "the mechanism, typically PLAIN or LOGIN, is accepted only over an encrypted session"sv,
     "issue STARTTLS, or connect with implicit TLS, before authenticating"sv},
    {541, "message rejected for policy reasons, usually by a spam filter"sv, "nonstandard"sv,
     "no RFC defines it and only some servers send it: the recipient's filter most likely flagged "
     "the message as spam, or the sender is on a blocklist"sv,
     "make sure you are not sending spam, check your IP and domain against blocklists, and check "
     "SPF, DKIM and DMARC"sv},
    {550, "requested action not taken: mailbox unavailable (not found, no access, or rejected by "
          "policy)"sv,
     "RFC 5321"sv,
     "the mailbox does not exist or refuses mail; also used for many other permanent failures, "
     "such as mail detected as spam, a blocklisted sender, failed SPF or DKIM checks, or relaying "
     "denied; with SMTPUTF8 (RFC 6531), an address or header in UTF-8 the server cannot take"sv,
     "stop sending to an address that does not exist and remove it from your lists; otherwise read "
     "the text and the enhanced code to learn which failure it is"sv},
    {551, "user not local; please try <forward-path>"sv, "RFC 5321"sv,
     "the recipient is not hosted on this server, which may name a forward address; some servers "
     "also send it as an anti-spam measure against relaying"sv,
     "try the forward address given in the text, if any, and update your records; otherwise check "
     "the address"sv},
    {552, "requested mail action aborted: exceeded storage allocation, or message size exceeds the "
          "fixed maximum (SIZE)"sv,
     "RFC 5321; RFC 1870"sv,
     "usually the recipient's mailbox is full: the recipient no longer reads mail, or in extreme "
     "cases is being mail-bombed; with the SIZE extension (RFC 1870) the message is larger than the "
     "server's fixed limit; with CHUNKING (RFC 3030) it can answer the BDAT chunk that crosses the "
     "limit"sv,
     "for a full mailbox, reach the recipient another way or try much later; for a size limit, "
     "send a smaller message (e.g. a link instead of the attachment)"sv},
    {553, "requested action not taken: mailbox name not allowed"sv, "RFC 5321"sv,
     "the address could not be verified or is not acceptable: bad syntax, or a sender domain the "
     "server refuses; with SMTPUTF8 (RFC 6531), a non-ASCII address the server cannot accept"sv,
     "check every address you send to, the sender's included, and remove those that fail"sv},
    {554, "transaction failed (in a greeting: no SMTP service here)"sv, "RFC 5321"sv,
     "the ordinary answer to an invalid or disabled mailbox, and a catch-all for permanent "
     "rejections such as spam or policy; as a greeting, the server will not talk to you, often "
     "because of a blocklist; also a command refused for lack of security (RFC 3207), or content "
     "the server cannot convert, e.g. binary MIME (RFC 3030)"sv,
     "check the address and try again; if it fails again, read the text and the enhanced code and "
     "check your IP against blocklists"sv},
    {555, "MAIL FROM/RCPT TO parameters not recognized or not implemented"sv, "RFC 5321"sv,
     "the client sent an ESMTP parameter (e.g. SIZE, BODY, SMTPUTF8) that the server did not "
     "advertise"sv,
     "send only the parameters the server announced in its EHLO response; check the client "
     "configuration"sv},
    {556, "domain does not accept mail"sv, "RFC 7504"sv,
     "the recipient's domain accepts no mail at all: it publishes a null MX (RFC 7505) or its hosts "
     "answer 521; usually generated by your own client or relay rather than received"sv,
     "do not retry; remove the address or ask the recipient for one that works"sv},
};

/** How many entries `reply_codes` holds. */
inline constexpr std::size_t reply_code_count = sizeof(reply_codes) / sizeof(reply_codes[0]);

namespace detail {
/// reply_codes' index of every three-digit value, or reply_code_count: a
/// lookup is one load (classify() makes one for every reply).
struct reply_code_map {
  std::uint8_t slot[1000] = {};
  constexpr reply_code_map() noexcept {
    for (std::uint8_t& at : slot) at = static_cast<std::uint8_t>(reply_code_count);
    for (std::size_t i = 0; i < reply_code_count; ++i) slot[reply_codes[i].code] = static_cast<std::uint8_t>(i);
  }
};
static_assert(reply_code_count < 255, "reply_code_map holds indexes in a byte");
inline constexpr reply_code_map reply_code_slots{};

/// Index of `code` in `reply_codes`, or reply_code_count. Callers that run at
/// compile time test this rather than a pointer against null: g++'s UBSan
/// (-fsanitize=null) makes such a comparison non-constant (GCC PR 71962).
constexpr std::size_t reply_code_index(std::uint16_t code) noexcept {
  return code < 1000 ? reply_code_slots.slot[code] : reply_code_count;
}
}  // namespace detail

/**
 * The table entry of `code`, or nullptr when the table does not hold it.
 * One table load; never throws or allocates.
 */
constexpr const reply_code_info* find_reply_code(std::uint16_t code) noexcept {
  const std::size_t at = detail::reply_code_index(code);
  return at < reply_code_count ? &reply_codes[at] : nullptr;
}

/**
 * A reply code read digit by digit (RFC 5321 section 4.2.1), with its table
 * entry when there is one.
 */
struct reply_code_description {
  /**
   * From the first digit: `positive preliminary` (1), `positive completion`
   * (2), `positive intermediate` (3), `transient negative completion` (4),
   * `permanent negative completion` (5); `nonstandard` otherwise.
   */
  std::string_view class_text;
  /**
   * From the second digit: `syntax` (0), `information` (1), `connections`
   * (2), `unspecified` (3, 4), `mail system` (5); `nonstandard` otherwise.
   */
  std::string_view subject_text;
  /** The table entry, or nullptr when the table does not hold the code. */
  const reply_code_info* entry;
};

/**
 * Describes any reply code (RFC 5321 section 4.2.1): the class and subject
 * texts always, and the table entry when there is one. A value that is not a
 * three-digit number gets `nonstandard` for both texts. Never throws or
 * allocates.
 */
constexpr reply_code_description describe_reply_code(std::uint16_t code) noexcept {
  reply_code_description out{"nonstandard", "nonstandard", find_reply_code(code)};
  if (code < 100 || code > 999) return out;
  switch (code / 100) {
    case 1: out.class_text = "positive preliminary"; break;
    case 2: out.class_text = "positive completion"; break;
    case 3: out.class_text = "positive intermediate"; break;
    case 4: out.class_text = "transient negative completion"; break;
    case 5: out.class_text = "permanent negative completion"; break;
    default: break;
  }
  switch (code / 10 % 10) {
    case 0: out.subject_text = "syntax"; break;
    case 1: out.subject_text = "information"; break;
    case 2: out.subject_text = "connections"; break;
    case 3:
    case 4: out.subject_text = "unspecified"; break;
    case 5: out.subject_text = "mail system"; break;
    default: break;
  }
  return out;
}

namespace detail {

// Invariant checks of a reply code table (STYLE.md item 9). They are
// constexpr so that the header static_asserts them and the tests run them
// again at run time, also on deliberately broken tables.

/** True when the codes of `table[0..count)` ascend strictly (sorted, no duplicates). */
constexpr bool reply_codes_ascending(const reply_code_info* table, std::size_t count) noexcept {
  for (std::size_t i = 1; i < count; ++i) {
    if (table[i - 1].code >= table[i].code) return false;
  }
  return true;
}

/** True when every code of `table[0..count)` lies in 200..599. */
constexpr bool reply_codes_in_range(const reply_code_info* table, std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    if (table[i].code < 200 || table[i].code > 599) return false;
  }
  return true;
}

/** True when no text field of `table[0..count)` is empty. */
constexpr bool reply_codes_filled(const reply_code_info* table, std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    const reply_code_info& e = table[i];
    if (e.description.empty() || e.rfc.empty() || e.causes.empty() || e.remedy.empty()) return false;
  }
  return true;
}

/** True when `find_reply_code` finds every entry of the table at its own address. */
constexpr bool reply_codes_findable() noexcept {
  for (std::size_t i = 0; i < reply_code_count; ++i) {
    if (find_reply_code(reply_codes[i].code) != &reply_codes[i]) return false;
  }
  return true;
}

/** All the invariants of `reply_codes` at once. */
constexpr bool verify_reply_codes() noexcept {
  return reply_codes_ascending(reply_codes, reply_code_count) &&
         reply_codes_in_range(reply_codes, reply_code_count) &&
         reply_codes_filled(reply_codes, reply_code_count) && reply_codes_findable();
}

}  // namespace detail

static_assert(detail::reply_codes_ascending(reply_codes, reply_code_count),
              "reply_codes must be sorted by code, without duplicates");
static_assert(detail::reply_codes_in_range(reply_codes, reply_code_count),
              "every reply code lies in 200..599");
static_assert(detail::reply_codes_filled(reply_codes, reply_code_count),
              "every reply_codes field must be filled");
static_assert(detail::reply_codes_findable(), "find_reply_code must find every entry");
// A lookup of a missing code would dereference nullptr: not a constant expression.
static_assert(find_reply_code(550)->rfc == "RFC 5321");
static_assert(find_reply_code(550)->code == 550);
static_assert(find_reply_code(521)->rfc == "RFC 7504");
static_assert(find_reply_code(535)->rfc == "RFC 4954");
static_assert(find_reply_code(211) == &reply_codes[0]);
static_assert(find_reply_code(556) == &reply_codes[reply_code_count - 1]);
static_assert(find_reply_code(0) == nullptr && find_reply_code(599) == nullptr);

}  // namespace smtp_reply

#endif  // SMTP_REPLY_CODES_HPP
