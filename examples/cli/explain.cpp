#include "explain.hpp"

#include <cstdint>
#include <utility>

#include <smtp_reply/classify.hpp>

namespace cli {
namespace {

constexpr std::size_t label_width = 13;  // "  used with: " and its kin
constexpr std::size_t page_width = 79;

void write(std::FILE* out, std::string_view text) { std::fwrite(text.data(), 1, text.size(), out); }

/// Prints `prefix` then `text`, wrapped at spaces to the page width, with the
/// lines after the first indented to line up under the text's first word.
void wrapped(std::FILE* out, std::string prefix, std::string_view text) {
  const std::size_t indent = prefix.size();
  std::string page = std::move(prefix);
  std::size_t column = indent;
  bool line_has_word = false;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ') ++end;
    if (end == i) break;
    const std::size_t word_size = end - i;
    if (line_has_word && column + 1 + word_size > page_width) {
      page += '\n';
      page.append(indent, ' ');
      column = indent;
      line_has_word = false;
    }
    if (line_has_word) {
      page += ' ';
      ++column;
    }
    page.append(text.data() + i, word_size);
    column += word_size;
    line_has_word = true;
    i = end;
  }
  page += '\n';
  write(out, page);
}

/// Prints "  label:  text", wrapped, the texts of all labels in one column.
void field(std::FILE* out, std::string_view label, std::string_view text) {
  std::string prefix = "  ";
  prefix += label;
  prefix += ':';
  prefix.append(label_width > prefix.size() ? label_width - prefix.size() : 1, ' ');
  wrapped(out, std::move(prefix), text);
}

/// What a reason means, in a few words (taxonomy.md).
std::string_view reason_meaning(smtp_reply::reason why) {
  using smtp_reply::reason;
  switch (why) {
    case reason::none: return "nothing failed";
    case reason::unknown: return "the codes alone do not say why; the reply's text usually does";
    case reason::mailbox_unknown: return "the address does not exist";
    case reason::mailbox_full: return "the mailbox is over its quota";
    case reason::mailbox_disabled: return "the mailbox is disabled or suspended";
    case reason::mailbox_moved: return "the mailbox has moved";
    case reason::domain_unknown: return "the domain does not exist or cannot be routed to";
    case reason::no_mail_accepted: return "the domain or host takes no mail at all (null MX)";
    case reason::relay_denied: return "the server will not relay for you";
    case reason::address_syntax: return "an address is malformed";
    case reason::protocol_error: return "the client sent a command the server could not accept";
    case reason::message_too_large: return "the message exceeds a size limit";
    case reason::too_many_recipients: return "the transaction has too many recipients";
    case reason::rate_limited: return "you send too much or too fast to this server";
    case reason::greylisted: return "greylisting: the server wants to see you retry";
    case reason::blocklisted: return "your sending IP or domain is on a blocklist";
    case reason::spam_detected: return "the message was judged to be spam";
    case reason::virus_detected: return "the message carries malware";
    case reason::content_rejected: return "the content, an attachment or its encoding was refused";
    case reason::sender_auth_failed: return "SPF, DKIM, DMARC or ARC checks of the sender failed";
    case reason::reverse_dns: return "your sending IP has no acceptable reverse DNS (PTR) record";
    case reason::not_rfc_compliant: return "the message does not follow RFC 5322";
    case reason::auth_required: return "the server wants you to authenticate, or refused the credentials";
    case reason::tls_required: return "the server wants the session encrypted (STARTTLS)";
    case reason::policy_rejected: return "a local policy refused it; the text says which";
    case reason::server_error: return "the receiving system failed or is overloaded";
    case reason::network_error: return "a network or routing problem";
  }
  return "";
}

/// What an action asks of the sender, in a few words (taxonomy.md).
std::string_view action_meaning(smtp_reply::action what) {
  using smtp_reply::action;
  switch (what) {
    case action::none: return "nothing to do";
    case action::retry: return "retry later with exponential backoff";
    case action::retry_after_delay: return "retry once after a short, fixed delay";
    case action::retry_slower: return "back off and open fewer connections to this host";
    case action::retry_split: return "send to the remaining recipients in another transaction";
    case action::fix_configuration:
      return "fix the sending side's setup (authentication, TLS, relay, DNS, SPF/DKIM/DMARC) before sending again";
    case action::fix_message: return "change the message before sending it again";
    case action::suppress_recipient: return "stop sending to this address";
    case action::do_not_retry: return "do not send it again unchanged; read the reply's text";
  }
  return "";
}

std::string_view evidence_meaning(smtp_reply::evidence_source source) {
  switch (source) {
    case smtp_reply::evidence_source::reply_code: return "read from the reply code";
    case smtp_reply::evidence_source::enhanced_code: return "read from the enhanced status code";
    default: return "";
  }
}

bool parse_reply_code(std::string_view text, std::uint16_t& code) {
  if (text.size() != 3 || text[0] < '2' || text[0] > '5') return false;
  if (text[1] < '0' || text[1] > '9' || text[2] < '0' || text[2] > '9') return false;
  code = static_cast<std::uint16_t>((text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0'));
  return true;
}

void explain_reply_code(std::FILE* out, std::uint16_t code) {
  const smtp_reply::reply_code_description d = smtp_reply::describe_reply_code(code);
  std::string head;
  if (d.entry != nullptr) {
    head += d.entry->description;
    head += " (";
    head += d.entry->rfc;
    head += ')';
  } else {
    head += "not a registered reply code; read by its digits";
  }
  wrapped(out, std::to_string(code) + "  ", head);
  std::string cls(smtp_reply::to_string(smtp_reply::class_of(code)));
  cls += ": ";
  cls += d.class_text;
  cls += "; subject: ";
  cls += d.subject_text;
  if (code / 10 % 10 > 5) cls += " (a second digit above 5 is nonstandard; the first digit decides the class)";
  field(out, "class", cls);
  if (d.entry != nullptr) {
    field(out, "causes", d.entry->causes);
    field(out, "remedy", d.entry->remedy);
  }
}

void explain_enhanced_code(std::FILE* out, const smtp_reply::enhanced_code& code, std::uint16_t reply_code) {
  const smtp_reply::enhanced_code_description d = smtp_reply::describe(code);
  std::string head;
  if (d.entry != nullptr) {
    head += d.entry->summary;
    head += " (";
    head += d.entry->reference;
    head += ')';
  } else {
    head += "not in the IANA registry; read by its parts";
  }
  wrapped(out, std::string(smtp_reply::to_string(code).view()) + "  ", head);
  std::string cls(d.class_text);
  cls += "; subject: ";
  cls += d.subject_text;
  field(out, "class", cls);
  if (d.entry != nullptr) field(out, "used with", d.entry->basic_codes);
  if (code.class_digit != reply_code / 100) {
    field(out, "note",
          "its class differs from the reply code's first digit (diagnostic enhanced_mismatch); the "
          "reply code decides the class");
  }
}

}  // namespace

bool explain(std::FILE* out, std::string_view code_text, std::optional<std::string_view> enhanced_text,
             std::string& problem) {
  std::uint16_t code = 0;
  if (!parse_reply_code(code_text, code)) {
    problem = "malformed reply code '" + std::string(code_text) + "': expected three digits from 200 to 599";
    return false;
  }
  smtp_reply::enhanced_code enhanced{};
  if (enhanced_text) {
    enhanced = smtp_reply::parse_enhanced_code(*enhanced_text);
    if (!enhanced) {
      problem = "malformed enhanced status code '" + std::string(*enhanced_text) +
                "': expected class.subject.detail, e.g. 5.7.26";
      return false;
    }
  }

  explain_reply_code(out, code);
  if (enhanced) {
    write(out, "\n");
    explain_enhanced_code(out, enhanced, code);
  }

  // The verdict the library gives a reply that carries these codes and no
  // text: code evidence only, weighed as classify() weighs it.
  std::string synthesized = std::to_string(code);
  if (enhanced) {
    synthesized += ' ';
    synthesized += smtp_reply::to_string(enhanced).view();
  }
  synthesized += "\r\n";
  const smtp_reply::classification c = smtp_reply::classify(std::string_view(synthesized));

  write(out, "\n");
  std::string why(smtp_reply::to_string(c.reason));
  why += ": ";
  why += reason_meaning(c.reason);
  const std::string_view source = evidence_meaning(c.evidence.source);
  if (!source.empty()) {
    why += " (";
    why += source;
    why += ')';
  }
  field(out, "reason", why);
  std::string what(smtp_reply::to_string(c.action));
  what += ": ";
  what += action_meaning(c.action);
  field(out, "action", what);
  if (c.reason != smtp_reply::reason::none) {
    field(out, "note",
          "a reason read from codes alone; the text of a real reply often names a more specific one "
          "(try: smtp-reply classify)");
  }
  return true;
}

}  // namespace cli
