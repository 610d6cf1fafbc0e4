// smtp_reply: the built-in text rules, the phrases real servers put in their
// replies, grouped by the reason they give evidence for. docs/rules.md lists
// the senders each group covers and the references the phrases come from.
#ifndef SMTP_REPLY_DETAIL_BUILTIN_RULES_HPP
#define SMTP_REPLY_DETAIL_BUILTIN_RULES_HPP

#include "../rules.hpp"

namespace smtp_reply {
namespace detail {

/**
 * The library's built-in text rules (syntax and matching: `text_rule` in
 * rules.hpp; the design notes: docs/rules.md).
 *
 * Strength: `mechanism` for named mechanisms (greylisting, DNS block lists
 * and reputation lists, SPF/DKIM/DMARC/ARC, virus scanners, explicit rate
 * limits), `specific_text` for phrases with one meaning, `generic_text` for
 * vague words. The matcher keeps the strongest match, then the one with more
 * words, then the earliest in the text, then the first in this table; many
 * long phrases below exist only to outvote a shorter one that would misread a
 * known reply ("too many messages on the server" is a full mailbox, not a rate
 * limit; "sending quota exceeded" is a rate limit, not a full mailbox).
 *
 * Phrases are lower case; non-ASCII letters are UTF-8 and match as written.
 * Remember that every run of punctuation separates words: "5.7.1" is three
 * number words, "doesn't" is `doesn t`, "e-mail" is `e mail`.
 */
inline constexpr text_rule builtin_rules[] = {
    // ------------------------------------------------------------------
    // greylisted: postgrey, sqlgrey, milter-greylist, greylistd, greyfix,
    // rspamd, Exim and Plesk/cPanel greylisting ACLs, Mimecast (4xx
    // "Internal resource temporarily unavailable")
    {"greylist*", reason::greylisted, strength::mechanism},
    {"graylist*", reason::greylisted, strength::mechanism},
    {"grey list*", reason::greylisted, strength::mechanism},
    {"gray list*", reason::greylisted, strength::mechanism},
    {"postgrey", reason::greylisted, strength::mechanism},
    {"sqlgrey", reason::greylisted, strength::mechanism},
    {"internal resource temporarily unavailable", reason::greylisted, strength::specific_text},
    {"try again in # minutes", reason::greylisted, strength::generic_text},
    {"try again in # seconds", reason::greylisted, strength::generic_text},

    // ------------------------------------------------------------------
    // blocklisted: DNSBL rejections of Postfix ("blocked using"), Exim and
    // sendmail ("listed at", "is in a black list at"); Spamhaus, SpamCop,
    // Barracuda, SORBS, UCEPROTECT, CBL, PSBL, Mailspike, any "dnsbl" zone;
    // Microsoft (S3150 block list, 5.7.606 banned sending IP, 5.7.705,
    // 5.7.708, 5.7.511), Gmail (unusual rate of unsolicited mail, low
    // reputation), Yahoo (TSS09 permanently deferred), Comcast (BL/ES
    // codes), T-Online (bad reputation, dialup), GMX/web.de (block listed),
    // Cisco IronPort (poor reputation), Proofpoint (ipcheck), EarthLink
    {"blocked using", reason::blocklisted, strength::mechanism},
    {"listed in", reason::blocklisted, strength::mechanism},
    {"listed at", reason::blocklisted, strength::mechanism},
    {"blacklist*", reason::blocklisted, strength::mechanism},
    {"blocklist*", reason::blocklisted, strength::mechanism},
    {"denylist*", reason::blocklisted, strength::mechanism},
    {"block list*", reason::blocklisted, strength::mechanism},
    {"black list*", reason::blocklisted, strength::mechanism},
    {"dnsbl*", reason::blocklisted, strength::mechanism},
    {"rbl*", reason::blocklisted, strength::mechanism},
    {"uribl", reason::blocklisted, strength::mechanism},
    {"surbl", reason::blocklisted, strength::mechanism},
    {"spamhaus*", reason::blocklisted, strength::mechanism},
    {"spamcop", reason::blocklisted, strength::mechanism},
    {"barracudacentral", reason::blocklisted, strength::mechanism},
    {"barracuda reputation", reason::blocklisted, strength::mechanism},
    {"sorbs", reason::blocklisted, strength::mechanism},
    {"uceprotect*", reason::blocklisted, strength::mechanism},
    {"abuseat", reason::blocklisted, strength::mechanism},
    {"psbl", reason::blocklisted, strength::mechanism},
    {"mailspike", reason::blocklisted, strength::mechanism},
    {"ipcheck proofpoint", reason::blocklisted, strength::mechanism},
    {"liste noire", reason::blocklisted, strength::mechanism},
    {"lista negra", reason::blocklisted, strength::mechanism},
    {"banned sending ip", reason::blocklisted, strength::specific_text},
    {"banned sender", reason::blocklisted, strength::specific_text},
    {"spam abuse detected", reason::blocklisted, strength::specific_text},
    {"bad outbound sender", reason::blocklisted, strength::specific_text},
    {"tenant has exceeded threshold", reason::blocklisted, strength::specific_text},
    {"traffic not accepted from this ip", reason::blocklisted, strength::specific_text},
    {"unusual rate of unsolicited mail", reason::rate_limited, strength::specific_text},
    {"not authorized to send email directly", reason::blocklisted, strength::specific_text},
    {"block has been placed against your ip", reason::blocklisted, strength::specific_text},
    {"poor reputation", reason::blocklisted, strength::mechanism},
    {"bad reputation", reason::blocklisted, strength::mechanism},
    {"low reputation", reason::blocklisted, strength::mechanism},
    {"ip reputation", reason::blocklisted, strength::mechanism},
    {"permanently deferred", reason::blocklisted, strength::specific_text},
    {"comcast block for spam", reason::blocklisted, strength::specific_text},
    {"bl0000*", reason::blocklisted, strength::specific_text},
    {"es0000*", reason::blocklisted, strength::specific_text},
    {"spam source*", reason::blocklisted, strength::specific_text},
    {"suspected spam sender", reason::blocklisted, strength::specific_text},
    {"spamtrap*", reason::blocklisted, strength::specific_text},
    {"spam trap*", reason::blocklisted, strength::specific_text},
    {"dialup transient ip", reason::blocklisted, strength::specific_text},
    {"dynamic ip", reason::blocklisted, strength::specific_text},
    {"dynamically assigned ip", reason::blocklisted, strength::specific_text},
    {"residential ip", reason::blocklisted, strength::specific_text},
    {"ip # # # # is blocked", reason::blocklisted, strength::specific_text},
    {"client host blocked", reason::blocklisted, strength::specific_text},
    {"ip source bloquee", reason::blocklisted, strength::specific_text},
    {"adresse ip source bloquee", reason::blocklisted, strength::specific_text},

    // ------------------------------------------------------------------
    // rate_limited: explicit rate limits (Yandex, Mail.ru, Microsoft
    // "temporarily rate limited due to IP reputation", Gmail 4.7.28,
    // Postfix anvil), connection and volume limits (Gmail, Yahoo TSS04,
    // iCloud, Comcast, Orange, Microsoft Exchange Online, Cisco IronPort,
    // QQ, Amazon SES, cPanel)
    {"rate limit*", reason::rate_limited, strength::specific_text},
    {"ratelimit*", reason::rate_limited, strength::mechanism},
    {"throttl*", reason::rate_limited, strength::mechanism},
    {"too many connections", reason::rate_limited, strength::specific_text},
    {"too many concurrent", reason::rate_limited, strength::specific_text},
    {"concurrent connections", reason::rate_limited, strength::specific_text},
    {"too many sessions", reason::rate_limited, strength::specific_text},
    {"too many messages", reason::rate_limited, strength::specific_text},
    {"too many recipients received this hour", reason::rate_limited, strength::specific_text},
    {"number of recipients per day", reason::rate_limited, strength::specific_text},
    {"connection rate", reason::rate_limited, strength::specific_text},
    {"message rate", reason::rate_limited, strength::specific_text},
    {"sending rate", reason::rate_limited, strength::specific_text},
    {"mail too quickly", reason::rate_limited, strength::mechanism},
    {"receiving mail at a rate", reason::rate_limited, strength::mechanism},
    {"sending quota", reason::rate_limited, strength::specific_text},
    {"email quota exceeded", reason::rate_limited, strength::specific_text},
    {"message quota exceeded", reason::rate_limited, strength::specific_text},
    {"submission quota", reason::rate_limited, strength::specific_text},
    {"sending limit*", reason::rate_limited, strength::specific_text},
    {"relay limit exceeded", reason::rate_limited, strength::mechanism},
    {"daily limit", reason::rate_limited, strength::specific_text},
    {"thread limit exceeded", reason::rate_limited, strength::specific_text},
    {"exceeded permitted limits", reason::rate_limited, strength::specific_text},
    {"emails per hour", reason::rate_limited, strength::specific_text},
    {"messages per hour", reason::rate_limited, strength::specific_text},
    {"max message per connection", reason::rate_limited, strength::specific_text},
    {"how many messages can be sent", reason::rate_limited, strength::specific_text},
    {"excessive volume", reason::rate_limited, strength::specific_text},
    {"unexpected volume", reason::rate_limited, strength::specific_text},
    {"deferred due to user complaints", reason::rate_limited, strength::specific_text},
    {"rl0000*", reason::rate_limited, strength::specific_text},
    {"frequency limited", reason::rate_limited, strength::specific_text},
    {"mailbox unavailable or access denied", reason::rate_limited, strength::specific_text},
    {"flood*", reason::rate_limited, strength::specific_text},
    {"slow down", reason::rate_limited, strength::specific_text},
    {"server busy please try again later from", reason::rate_limited, strength::specific_text},
    {"access denied please try again later", reason::rate_limited, strength::specific_text},
    {"trop de connexions", reason::rate_limited, strength::specific_text},
    {"trop de messages", reason::rate_limited, strength::specific_text},
    {"too much mail from", reason::rate_limited, strength::specific_text},
    {"too many auth commands", reason::rate_limited, strength::specific_text},
    {"too many new tls sessions", reason::rate_limited, strength::specific_text},
    {"too many auth failures", reason::rate_limited, strength::specific_text},
    {"messages per second", reason::rate_limited, strength::specific_text},
    {"messages per minute", reason::rate_limited, strength::specific_text},
    {"messages per day", reason::rate_limited, strength::specific_text},
    {"sent per minute", reason::rate_limited, strength::specific_text},
    {"sent per hour", reason::rate_limited, strength::specific_text},
    {"sent per day", reason::rate_limited, strength::specific_text},
    {"daily message limit", reason::rate_limited, strength::specific_text},
    {"too frequent", reason::rate_limited, strength::specific_text},
    {"number of sessions", reason::rate_limited, strength::specific_text},
    {"messages they can receive", reason::rate_limited, strength::specific_text},
    // Gmail 4.7.28 names "your SPF domain" as the throttled identity, not an SPF failure.
    {"from your spf domain", reason::rate_limited, strength::mechanism},

    // ------------------------------------------------------------------
    // sender_auth_failed: SPF (policyd-spf, pyspf, libspf2, Microsoft
    // 5.7.23), DKIM, DMARC (Gmail 5.7.26, Microsoft 5.7.509, iCloud, Yahoo
    // 5.7.9), ARC, Sender ID; Gmail/Yahoo "unauthenticated" senders;
    // Mimecast anti-spoofing; sender domains that do not resolve (Postfix
    // "Sender address rejected: Domain not found", sendmail, qmail, Exim
    // sender verification); Microsoft 5.7.750 unregistered domains
    {"spf", reason::sender_auth_failed, strength::mechanism},
    {"sender policy framework", reason::sender_auth_failed, strength::mechanism},
    {"openspf", reason::sender_auth_failed, strength::mechanism},
    {"dkim", reason::sender_auth_failed, strength::mechanism},
    {"dmarc", reason::sender_auth_failed, strength::mechanism},
    {"arc validation", reason::sender_auth_failed, strength::mechanism},
    {"senderid", reason::sender_auth_failed, strength::mechanism},
    {"sender id pra", reason::sender_auth_failed, strength::mechanism},
    {"is not allowed to send mail from", reason::sender_auth_failed, strength::mechanism},
    {"authenticate with either spf or dkim", reason::sender_auth_failed, strength::mechanism},
    // Gmail 4.7.26 throttles unauthenticated mail: the cause to fix is the
    // authentication, so this outvotes the "rate limit*" mechanism
    {"rate limited because it is unauthenticated", reason::sender_auth_failed, strength::mechanism},
    {"designated mail server*", reason::sender_auth_failed, strength::specific_text},
    {"as permitted sender", reason::sender_auth_failed, strength::specific_text},
    {"unauthenticated", reason::sender_auth_failed, strength::specific_text},
    {"does not have authentication information", reason::sender_auth_failed, strength::specific_text},
    {"authentication checks", reason::sender_auth_failed, strength::specific_text},
    {"multiple authentication checks failed", reason::sender_auth_failed, strength::specific_text},
    {"spoof*", reason::sender_auth_failed, strength::specific_text},
    {"anti spoofing policy", reason::sender_auth_failed, strength::specific_text},
    {"unregistered domain*", reason::sender_auth_failed, strength::specific_text},
    {"sender address rejected domain not found", reason::sender_auth_failed, strength::specific_text},
    {"sender domain does not exist", reason::sender_auth_failed, strength::specific_text},
    {"domain of sender address", reason::sender_auth_failed, strength::specific_text},
    {"envelope sender domain must exist", reason::sender_auth_failed, strength::specific_text},
    {"valid mx for sender domain", reason::sender_auth_failed, strength::specific_text},
    {"sender address has null mx", reason::sender_auth_failed, strength::specific_text},
    {"sender verify failed", reason::sender_auth_failed, strength::specific_text},
    {"sender address rejected undeliverable address", reason::sender_auth_failed, strength::specific_text},
    {"invalid sender", reason::sender_auth_failed, strength::specific_text},
    {"emetteur invalide", reason::sender_auth_failed, strength::specific_text},

    // ------------------------------------------------------------------
    // virus_detected: virus scanners (ClamAV, amavisd, Exchange, Mimecast,
    // Barracuda, Sophos/Kaspersky gateways), EICAR test files
    {"virus*", reason::virus_detected, strength::mechanism},
    {"malware", reason::virus_detected, strength::mechanism},
    {"infected", reason::virus_detected, strength::mechanism},
    {"clamav", reason::virus_detected, strength::mechanism},
    {"eicar*", reason::virus_detected, strength::mechanism},
    {"malicious content", reason::virus_detected, strength::specific_text},
    {"content malicious", reason::virus_detected, strength::specific_text},
    {"malicious attachment*", reason::virus_detected, strength::specific_text},

    // ------------------------------------------------------------------
    // spam_detected: content filters (SpamAssassin, rspamd, Gmail, Mail.ru,
    // Yandex, QQ, NetEase "DT:SPM", Exchange content filtering, Strato,
    // cPanel, SmarterMail); phishing verdicts
    {"spam", reason::spam_detected, strength::specific_text},
    {"junk", reason::spam_detected, strength::specific_text},
    {"unsolicited", reason::spam_detected, strength::specific_text},
    {"likely unsolicited mail", reason::spam_detected, strength::specific_text},
    {"spamassassin", reason::spam_detected, strength::specific_text},
    {"spam filter*", reason::spam_detected, strength::specific_text},
    {"detected as spam", reason::spam_detected, strength::specific_text},
    {"classified as spam", reason::spam_detected, strength::specific_text},
    {"rejected as spam", reason::spam_detected, strength::specific_text},
    {"spam message rejected", reason::spam_detected, strength::specific_text},
    {"suspicion of spam", reason::spam_detected, strength::specific_text},
    {"nature of the content", reason::spam_detected, strength::specific_text},
    {"mail content denied", reason::spam_detected, strength::specific_text},
    {"dt spm", reason::spam_detected, strength::specific_text},
    {"phish*", reason::spam_detected, strength::specific_text},
    {"content filter*", reason::spam_detected, strength::generic_text},
    {"correo no deseado", reason::spam_detected, strength::specific_text},

    // ------------------------------------------------------------------
    // content_rejected: attachment filters (Exchange, Gmail "illegal
    // attachment", Mimecast, Barracuda), MIME/encoding problems (X.6.x),
    // content restrictions
    {"attachment*", reason::content_rejected, strength::specific_text},
    {"file type", reason::content_rejected, strength::specific_text},
    {"file extension", reason::content_rejected, strength::specific_text},
    {"attached file", reason::content_rejected, strength::specific_text},
    {"prohibited file", reason::content_rejected, strength::specific_text},
    {"executable", reason::content_rejected, strength::specific_text},
    {"content rejected", reason::content_rejected, strength::specific_text},
    {"content restrictions", reason::content_rejected, strength::specific_text},
    {"content presents a potential security issue", reason::content_rejected, strength::specific_text},
    {"8bit*", reason::content_rejected, strength::specific_text},
    {"8 bit", reason::content_rejected, strength::specific_text},
    {"encoding", reason::content_rejected, strength::specific_text},
    {"media not supported", reason::content_rejected, strength::specific_text},
    {"conversion required", reason::content_rejected, strength::specific_text},
    {"pièce jointe", reason::content_rejected, strength::specific_text},
    {"archivo adjunto", reason::content_rejected, strength::specific_text},
    {"banned content", reason::content_rejected, strength::specific_text},

    // ------------------------------------------------------------------
    // not_rfc_compliant: Gmail (RFC 5322, Message-ID, From header),
    // Microsoft (5.7.512, 5.6.11 bare line feeds), Orange, Postfix/sendmail
    // header checks
    {"rfc 5322", reason::not_rfc_compliant, strength::specific_text},
    {"rfc5322", reason::not_rfc_compliant, strength::specific_text},
    {"rfc 2822", reason::not_rfc_compliant, strength::specific_text},
    {"rfc compliant", reason::not_rfc_compliant, strength::specific_text},
    {"not compliant", reason::not_rfc_compliant, strength::generic_text},
    {"message id header", reason::not_rfc_compliant, strength::specific_text},
    {"messageid header", reason::not_rfc_compliant, strength::specific_text},
    {"missing message id", reason::not_rfc_compliant, strength::specific_text},
    {"address in from header", reason::not_rfc_compliant, strength::specific_text},
    {"duplicate header*", reason::not_rfc_compliant, strength::specific_text},
    {"malformed header*", reason::not_rfc_compliant, strength::specific_text},
    {"invalid header*", reason::not_rfc_compliant, strength::specific_text},
    {"bare linefeed*", reason::not_rfc_compliant, strength::specific_text},
    {"bare line feed*", reason::not_rfc_compliant, strength::specific_text},
    {"barelinefeedsareillegal", reason::not_rfc_compliant, strength::specific_text},
    {"bare lf", reason::not_rfc_compliant, strength::specific_text},
    {"message is malformed", reason::not_rfc_compliant, strength::specific_text},
    {"bare cr", reason::not_rfc_compliant, strength::specific_text},
    {"line too long", reason::protocol_error, strength::specific_text},

    // ------------------------------------------------------------------
    // reverse_dns: Postfix reject_unknown_client_hostname and
    // reject_unknown_reverse_client_hostname, Gmail 5.7.25, Microsoft
    // 5.7.25 (IPv6), Comcast, GMX/web.de ("Bad DNS PTR resource record"),
    // Orange, Compuserve
    {"ptr", reason::reverse_dns, strength::mechanism},
    {"ptr record*", reason::reverse_dns, strength::mechanism},
    {"ptr resource record", reason::reverse_dns, strength::mechanism},
    {"reverse dns", reason::reverse_dns, strength::mechanism},
    {"reverse hostname", reason::reverse_dns, strength::mechanism},
    {"reverse lookup", reason::reverse_dns, strength::mechanism},
    {"rdns", reason::reverse_dns, strength::mechanism},
    {"fcrdns", reason::reverse_dns, strength::mechanism},
    {"cannot find your hostname", reason::reverse_dns, strength::mechanism},
    {"cannot find your reverse hostname", reason::reverse_dns, strength::mechanism},
    {"dns inverse", reason::reverse_dns, strength::mechanism},

    // ------------------------------------------------------------------
    // tls_required: "Must issue a STARTTLS command first" (Postfix, Gmail,
    // Exchange), Gmail "TLS required for RCPT domain", RFC 3207/4954/8689
    // texts, Microsoft DANE/MTA-STS failures (5.7.321-325)
    {"starttls", reason::tls_required, strength::specific_text},
    {"must issue a starttls command first", reason::tls_required, strength::mechanism},
    {"starttls not supported", reason::tls_required, strength::mechanism},
    {"tls required", reason::tls_required, strength::mechanism},
    {"tls required for rcpt domain", reason::tls_required, strength::mechanism},
    {"requires tls", reason::tls_required, strength::mechanism},
    {"must support tls", reason::tls_required, strength::mechanism},
    {"requiretls", reason::tls_required, strength::mechanism},
    {"encryption required", reason::tls_required, strength::mechanism},
    {"encryption needed", reason::tls_required, strength::mechanism},
    {"tls handshake", reason::tls_required, strength::mechanism},
    {"dane validation", reason::tls_required, strength::mechanism},
    {"tlsa", reason::tls_required, strength::mechanism},
    {"certificate expired", reason::tls_required, strength::mechanism},
    {"certificate verification failed", reason::tls_required, strength::mechanism},
    {"over a tls connection", reason::tls_required, strength::mechanism},

    // ------------------------------------------------------------------
    // auth_required: Postfix SASL ("authentication failed"), Gmail 530/534/
    // 535 (BadCredentials, application-specific password), Microsoft 5.7.57,
    // 5.7.3 and 5.7.139 (SMTP AUTH disabled), RFC 4954 texts, Postfix
    // reject_sender_login_mismatch ("not owned by user", "not logged in")
    {"authentication required", reason::auth_required, strength::specific_text},
    {"authentication is required", reason::auth_required, strength::specific_text},
    {"authentication failed", reason::auth_required, strength::specific_text},
    {"authentication unsuccessful", reason::auth_required, strength::specific_text},
    {"authentication credentials invalid", reason::auth_required, strength::specific_text},
    {"authentication mechanism is too weak", reason::auth_required, strength::specific_text},
    {"unrecognized authentication type", reason::auth_required, strength::specific_text},
    {"smtpclientauthentication is disabled", reason::auth_required, strength::specific_text},
    {"not authenticated", reason::auth_required, strength::specific_text},
    {"client not authenticated to send mail", reason::auth_required, strength::specific_text},
    {"not authenticated to send anonymous mail", reason::auth_required, strength::specific_text},
    {"must authenticate", reason::auth_required, strength::specific_text},
    {"invalid credentials", reason::auth_required, strength::specific_text},
    {"badcredentials", reason::auth_required, strength::specific_text},
    {"username and password not accepted", reason::auth_required, strength::specific_text},
    {"application specific password required", reason::auth_required, strength::specific_text},
    {"log in via your web browser", reason::auth_required, strength::specific_text},
    {"password transition is needed", reason::auth_required, strength::specific_text},
    {"too many login attempts", reason::auth_required, strength::specific_text},
    {"not logged in", reason::auth_required, strength::specific_text},
    {"not owned by user", reason::auth_required, strength::specific_text},
    {"not owned by auth user", reason::auth_required, strength::specific_text},
    {"permissions to send as this sender", reason::auth_required, strength::specific_text},
    {"sender account is disabled", reason::auth_required, strength::specific_text},
    {"mail sending denied", reason::auth_required, strength::specific_text},
    {"authentifizierung erforderlich", reason::auth_required, strength::specific_text},
    {"authentification requise", reason::auth_required, strength::specific_text},
    {"autenticación requerida", reason::auth_required, strength::specific_text},
    {"anonymous client does not have permission", reason::auth_required, strength::specific_text},
    {"authentification invalide", reason::auth_required, strength::specific_text},

    // ------------------------------------------------------------------
    // relay_denied: Postfix "Relay access denied", sendmail "Relaying
    // denied", Exim "relay not permitted", qmail rcpthosts, Exchange
    // "Unable to relay", Microsoft 5.4.1 and 5.7.64 (TenantAttribution),
    // Gmail "Mail relay denied", Zoho, cPanel
    {"relay access denied", reason::relay_denied, strength::specific_text},
    {"relaying denied", reason::relay_denied, strength::specific_text},
    {"relay denied", reason::relay_denied, strength::specific_text},
    {"relay not permitted", reason::relay_denied, strength::specific_text},
    {"not permitted to relay", reason::relay_denied, strength::specific_text},
    {"relay not allowed", reason::relay_denied, strength::specific_text},
    {"relaying disallowed", reason::relay_denied, strength::specific_text},
    {"unable to relay", reason::relay_denied, strength::specific_text},
    {"invalid credentials for relay", reason::relay_denied, strength::specific_text},
    {"rcpthosts", reason::relay_denied, strength::specific_text},
    {"tenantattribution", reason::relay_denied, strength::specific_text},
    {"relais refusé", reason::relay_denied, strength::specific_text},
    {"as a relay", reason::relay_denied, strength::specific_text},
    {"relaying not allowed", reason::relay_denied, strength::specific_text},
    {"relaying prohibited", reason::relay_denied, strength::specific_text},
    {"unauthorized relay", reason::relay_denied, strength::specific_text},
    {"relaying to", reason::relay_denied, strength::specific_text},

    // ------------------------------------------------------------------
    // mailbox_unknown: Postfix local/virtual/relay recipient tables,
    // sendmail/Cyrus/Courier "User unknown", qmail/vpopmail/chkuser, Exim
    // and cPanel ("No Such User Here"), Dovecot, Exchange (RESOLVER.ADR.
    // RecipNotFound, 5.1.10, 5.4.1 Directory Based Edge Blocking), Outlook
    // .com, Gmail, Yahoo ("This user doesn't have a ... account"), AOL,
    // iCloud, Comcast ("Not our Customer"), GMX/web.de, T-Online, Mail.ru,
    // Yandex, QQ, Zoho, Mimecast, Lotus Domino, Orange (OFR_416)
    {"user unknown", reason::mailbox_unknown, strength::specific_text},
    {"unknown user", reason::mailbox_unknown, strength::specific_text},
    {"user is unknown", reason::mailbox_unknown, strength::specific_text},
    {"recipient unknown", reason::mailbox_unknown, strength::specific_text},
    {"unknown recipient", reason::mailbox_unknown, strength::specific_text},
    {"mailbox unknown", reason::mailbox_unknown, strength::specific_text},
    {"unknown mailbox", reason::mailbox_unknown, strength::specific_text},
    {"unknown local part", reason::mailbox_unknown, strength::specific_text},
    {"no such user", reason::mailbox_unknown, strength::specific_text},
    {"no such mailbox", reason::mailbox_unknown, strength::specific_text},
    {"no such recipient", reason::mailbox_unknown, strength::specific_text},
    {"no mailbox here by that name", reason::mailbox_unknown, strength::specific_text},
    {"no mailbox by that name", reason::mailbox_unknown, strength::specific_text},
    {"does not exist", reason::mailbox_unknown, strength::specific_text},
    {"doesn t exist", reason::mailbox_unknown, strength::specific_text},
    {"user not found", reason::mailbox_unknown, strength::specific_text},
    {"user not exist", reason::mailbox_unknown, strength::specific_text},
    {"mailbox not found", reason::mailbox_unknown, strength::specific_text},
    {"recipient not found", reason::mailbox_unknown, strength::specific_text},
    {"address not found", reason::mailbox_unknown, strength::specific_text},
    {"invalid recipient", reason::mailbox_unknown, strength::specific_text},
    {"invalid mailbox", reason::mailbox_unknown, strength::specific_text},
    {"invalid user", reason::mailbox_unknown, strength::specific_text},
    {"not a valid recipient", reason::mailbox_unknown, strength::specific_text},
    {"this user doesn t have a", reason::mailbox_unknown, strength::specific_text},
    {"not our customer", reason::mailbox_unknown, strength::specific_text},
    {"banned recipient", reason::mailbox_unknown, strength::specific_text},
    {"recipient cannot be verified", reason::mailbox_unknown, strength::specific_text},
    {"undeliverable address", reason::mailbox_unknown, strength::specific_text},
    {"recipient address rejected access denied", reason::mailbox_unknown, strength::specific_text},
    {"requested action not taken mailbox unavailable", reason::unknown, strength::generic_text},
    // Exchange's resolver verdicts (RESOLVER.ADR.RecipNotFound and kin) are
    // machine-readable results of a named component: ranked as mechanisms so
    // they outvote Exchange Online's reuse of X.1.10 (null MX) for them
    {"recipnotfound", reason::mailbox_unknown, strength::mechanism},
    {"recipientnotfound", reason::mailbox_unknown, strength::mechanism},
    {"exrecipnotfound", reason::mailbox_unknown, strength::mechanism},
    // "listed in" is a block list mechanism: these longer mechanism phrases
    // keep Lotus Domino's unknown-user replies out of it
    {"not listed in domino directory", reason::mailbox_unknown, strength::mechanism},
    {"not listed in public name address book", reason::mailbox_unknown, strength::mechanism},
    {"mailbox unavailable", reason::mailbox_unknown, strength::generic_text},
    {"recipient address rejected", reason::mailbox_unknown, strength::generic_text},
    {"address rejected", reason::mailbox_unknown, strength::generic_text},
    {"empfänger unbekannt", reason::mailbox_unknown, strength::specific_text},
    {"benutzer unbekannt", reason::mailbox_unknown, strength::specific_text},
    {"benutzer nicht bekannt", reason::mailbox_unknown, strength::specific_text},
    {"existiert nicht", reason::mailbox_unknown, strength::specific_text},
    {"utilisateur inconnu", reason::mailbox_unknown, strength::specific_text},
    {"destinataire inconnu", reason::mailbox_unknown, strength::specific_text},
    {"destinataire invalide", reason::mailbox_unknown, strength::specific_text},
    {"n existe pas", reason::mailbox_unknown, strength::specific_text},
    {"usuario desconocido", reason::mailbox_unknown, strength::specific_text},
    {"destinatario desconocido", reason::mailbox_unknown, strength::specific_text},
    {"no existe", reason::mailbox_unknown, strength::generic_text},
    {"not a valid user", reason::mailbox_unknown, strength::specific_text},
    {"not a valid mailbox", reason::mailbox_unknown, strength::specific_text},
    {"addressee unknown", reason::mailbox_unknown, strength::specific_text},
    {"not in recipient list", reason::mailbox_unknown, strength::specific_text},
    {"marked as invalid", reason::mailbox_unknown, strength::specific_text},
    {"not in my validrcptto list", reason::mailbox_unknown, strength::specific_text},

    // ------------------------------------------------------------------
    // mailbox_full: RFC 5321 552 text, Gmail ("over quota", "out of storage
    // space"), Yahoo, iCloud, Exchange (QuotaExceededException), Dovecot,
    // Cyrus, qmail/vpopmail/chkuser, maildrop ("maildir over quota"),
    // cPanel, Yandex ("Mailbox size limit exceeded"), web.de/GMX, T-Online
    // ("Over STORAGE quota"), Orange (OFR_417 "Boite du destinataire
    // pleine"), SFR/Free, Telefónica
    {"mailbox full", reason::mailbox_full, strength::specific_text},
    {"mailbox is full", reason::mailbox_full, strength::specific_text},
    {"inbox is full", reason::mailbox_full, strength::specific_text},
    {"mailbox size limit", reason::mailbox_full, strength::specific_text},
    {"mailbox quota", reason::mailbox_full, strength::specific_text},
    {"over quota", reason::mailbox_full, strength::specific_text},
    {"is over quota", reason::mailbox_full, strength::specific_text},
    {"user is over quota", reason::mailbox_full, strength::specific_text},
    {"overquota", reason::mailbox_full, strength::specific_text},
    {"over the allowed quota", reason::mailbox_full, strength::specific_text},
    {"quota exceed*", reason::mailbox_full, strength::specific_text},
    {"quotaexceeded*", reason::mailbox_full, strength::specific_text},
    {"storage allocation", reason::mailbox_full, strength::specific_text},
    {"out of storage space", reason::mailbox_full, strength::specific_text},
    {"exhausted allowed storage", reason::mailbox_full, strength::specific_text},
    {"insufficient storage", reason::mailbox_full, strength::specific_text},
    {"too many messages on the server", reason::mailbox_full, strength::specific_text},
    {"quota", reason::mailbox_full, strength::generic_text},
    {"postfach voll", reason::mailbox_full, strength::specific_text},
    {"postfach ist voll", reason::mailbox_full, strength::specific_text},
    {"mailbox voll", reason::mailbox_full, strength::specific_text},
    {"speichervolumen ueberschritten", reason::mailbox_full, strength::specific_text},
    {"zuviele mails auf dem server", reason::mailbox_full, strength::specific_text},
    {"pleine", reason::mailbox_full, strength::specific_text},
    {"boite du destinataire pleine", reason::mailbox_full, strength::specific_text},
    {"quota dépassé", reason::mailbox_full, strength::specific_text},
    {"quota depasse", reason::mailbox_full, strength::specific_text},
    {"buzón lleno", reason::mailbox_full, strength::specific_text},
    {"buzon lleno", reason::mailbox_full, strength::specific_text},
    {"buzón está lleno", reason::mailbox_full, strength::specific_text},
    {"casilla llena", reason::mailbox_full, strength::specific_text},
    {"cuota excedida", reason::mailbox_full, strength::specific_text},
    {"recipient overquota", reason::mailbox_full, strength::specific_text},

    // ------------------------------------------------------------------
    // mailbox_disabled: Gmail ("The email account that you tried to reach
    // is disabled"), Yahoo ("disabled or discontinued", "This mailbox is
    // disabled"), GMX ("User is inactive"), iCloud, Mail.ru, Lycos
    // ("Account Closed"), Orange (OFR_420 "Boite du destinataire archivee"),
    // Exchange/IceWarp/SmarterMail account states
    {"account disabled", reason::mailbox_disabled, strength::specific_text},
    {"account is disabled", reason::mailbox_disabled, strength::specific_text},
    {"has been disabled", reason::mailbox_disabled, strength::specific_text},
    {"mailbox disabled", reason::mailbox_disabled, strength::specific_text},
    {"mailbox is disabled", reason::mailbox_disabled, strength::specific_text},
    {"tried to reach is disabled", reason::mailbox_disabled, strength::specific_text},
    {"disabled or discontinued", reason::mailbox_disabled, strength::specific_text},
    {"discontinued", reason::mailbox_disabled, strength::specific_text},
    {"user is inactive", reason::mailbox_disabled, strength::specific_text},
    {"account suspended", reason::mailbox_disabled, strength::specific_text},
    {"account closed", reason::mailbox_disabled, strength::specific_text},
    {"account has expired", reason::mailbox_disabled, strength::specific_text},
    {"deactivated", reason::mailbox_disabled, strength::specific_text},
    {"no longer active", reason::mailbox_disabled, strength::specific_text},
    {"archived recipient", reason::mailbox_disabled, strength::specific_text},
    {"destinataire archivee", reason::mailbox_disabled, strength::specific_text},
    {"disabled", reason::mailbox_disabled, strength::generic_text},
    {"inactive", reason::mailbox_disabled, strength::specific_text},
    {"suspended", reason::mailbox_disabled, strength::generic_text},
    {"postfach deaktiviert", reason::mailbox_disabled, strength::specific_text},
    {"konto deaktiviert", reason::mailbox_disabled, strength::specific_text},
    {"konto gesperrt", reason::mailbox_disabled, strength::specific_text},
    {"compte désactivé", reason::mailbox_disabled, strength::specific_text},
    {"compte suspendu", reason::mailbox_disabled, strength::specific_text},
    {"cuenta deshabilitada", reason::mailbox_disabled, strength::specific_text},
    {"cuenta suspendida", reason::mailbox_disabled, strength::specific_text},
    {"expirado por falta de uso", reason::mailbox_disabled, strength::specific_text},
    {"mailbox is frozen", reason::mailbox_disabled, strength::specific_text},
    {"account is frozen", reason::mailbox_disabled, strength::specific_text},
    {"user is terminated", reason::mailbox_disabled, strength::specific_text},
    {"account terminated", reason::mailbox_disabled, strength::specific_text},
    {"user is locked", reason::mailbox_disabled, strength::specific_text},
    {"account is locked", reason::mailbox_disabled, strength::specific_text},
    {"compte du destinataire est bloque", reason::mailbox_disabled, strength::specific_text},
    {"recipient account is blocked", reason::mailbox_disabled, strength::specific_text},

    // ------------------------------------------------------------------
    // mailbox_moved: RFC 5321 551 ("User not local; please try"),
    // X.1.6 ("Mailbox has moved"), localized Exchange NDRs
    {"user not local", reason::mailbox_moved, strength::specific_text},
    {"not local please try", reason::mailbox_moved, strength::specific_text},
    {"has moved", reason::mailbox_moved, strength::specific_text},
    {"recipient has moved", reason::mailbox_moved, strength::specific_text},
    {"address has changed", reason::mailbox_moved, strength::specific_text},
    {"adresse a changé", reason::mailbox_moved, strength::specific_text},

    // ------------------------------------------------------------------
    // domain_unknown: Postfix ("Recipient address rejected: Domain not
    // found", "Host or domain name not found"), Exim ("Unrouteable
    // address", "all relevant MX records point to non-existent hosts"),
    // sendmail ("Host unknown"), qmail ("couldn't find any host named"),
    // Exchange (SMTPSEND.DNS.NonExistentDomain), Gmail 5.1.2
    {"domain not found", reason::domain_unknown, strength::specific_text},
    {"domain does not exist", reason::domain_unknown, strength::specific_text},
    {"no such domain", reason::domain_unknown, strength::specific_text},
    {"unknown domain", reason::domain_unknown, strength::specific_text},
    {"domain unknown", reason::domain_unknown, strength::specific_text},
    {"invalid domain", reason::domain_unknown, strength::specific_text},
    {"nonexistent domain", reason::domain_unknown, strength::specific_text},
    {"nonexistentdomain", reason::domain_unknown, strength::specific_text},
    {"nxdomain", reason::domain_unknown, strength::specific_text},
    {"host or domain name not found", reason::domain_unknown, strength::specific_text},
    {"host not found", reason::domain_unknown, strength::specific_text},
    {"host unknown", reason::domain_unknown, strength::specific_text},
    {"unknown host", reason::domain_unknown, strength::specific_text},
    {"name or service not known", reason::domain_unknown, strength::specific_text},
    {"host found but no data record", reason::domain_unknown, strength::specific_text},
    {"unrouteable address", reason::domain_unknown, strength::specific_text},
    {"point to non existent hosts", reason::domain_unknown, strength::specific_text},
    {"couldn t find any host named", reason::domain_unknown, strength::specific_text},
    {"couldn t find a mail exchanger", reason::domain_unknown, strength::specific_text},
    {"no mx record*", reason::domain_unknown, strength::specific_text},
    {"could not resolve domain", reason::domain_unknown, strength::specific_text},
    {"able to find the recipient domain", reason::domain_unknown, strength::specific_text},
    {"domain existiert nicht", reason::domain_unknown, strength::specific_text},
    {"unbekannte domain", reason::domain_unknown, strength::specific_text},
    {"domaine inconnu", reason::domain_unknown, strength::specific_text},
    {"domaine n existe pas", reason::domain_unknown, strength::specific_text},
    {"dominio no existe", reason::domain_unknown, strength::specific_text},
    {"infodomainnonexistent", reason::domain_unknown, strength::specific_text},

    // ------------------------------------------------------------------
    // no_mail_accepted: RFC 7504 521/556 texts ("does not accept mail"),
    // RFC 7505 null MX (Postfix "(nullMX)", X.1.10 "Recipient address has
    // null MX")
    {"does not accept mail", reason::no_mail_accepted, strength::specific_text},
    {"does not accept email", reason::no_mail_accepted, strength::specific_text},
    {"does not receive mail", reason::no_mail_accepted, strength::specific_text},
    {"accepts no mail", reason::no_mail_accepted, strength::specific_text},
    {"null mx", reason::no_mail_accepted, strength::specific_text},
    {"nullmx", reason::no_mail_accepted, strength::specific_text},
    {"no mail service", reason::no_mail_accepted, strength::specific_text},

    // ------------------------------------------------------------------
    // address_syntax: Postfix ("Bad recipient address syntax", "need
    // fully-qualified address"), sendmail ("Unbalanced '<'", "Domain name
    // required"), Gmail 5.1.3 ("not a valid RFC 5321 address"), RFC 5321
    // 553 text, SMTPUTF8 X.6.7
    {"address syntax", reason::address_syntax, strength::specific_text},
    {"malformed address", reason::address_syntax, strength::specific_text},
    {"rfc 5321 address", reason::address_syntax, strength::specific_text},
    {"need fully qualified address", reason::address_syntax, strength::specific_text},
    {"domain name required", reason::address_syntax, strength::specific_text},
    {"user address required", reason::address_syntax, strength::specific_text},
    {"mailbox name not allowed", reason::address_syntax, strength::specific_text},
    {"unbalanced", reason::address_syntax, strength::specific_text},
    {"non ascii addresses", reason::address_syntax, strength::specific_text},
    {"invalid address", reason::address_syntax, strength::generic_text},
    {"adresse invalide", reason::address_syntax, strength::generic_text},
    {"ungültige adresse", reason::address_syntax, strength::generic_text},
    {"dirección no válida", reason::address_syntax, strength::generic_text},

    // ------------------------------------------------------------------
    // protocol_error: RFC 5321 500-504/555 texts, Postfix ("Improper use of
    // SMTP command pipelining", "Error: too many errors", "need RCPT
    // command"), Exim ("SMTP synchronization error"), sendmail, Gmail
    // (5.5.x, "SMTP protocol violation"), Microsoft ("Bad HELO"), HELO
    // argument checks (Postfix "need fully-qualified hostname")
    {"command not recognized", reason::protocol_error, strength::specific_text},
    {"command unrecognized", reason::protocol_error, strength::specific_text},
    {"unrecognized command", reason::protocol_error, strength::specific_text},
    {"too many unrecognized commands", reason::protocol_error, strength::specific_text},
    {"command not implemented", reason::protocol_error, strength::specific_text},
    {"command parameter not implemented", reason::protocol_error, strength::specific_text},
    {"parameters not recognized", reason::protocol_error, strength::specific_text},
    {"syntax error", reason::protocol_error, strength::specific_text},
    {"syntax error in parameters or arguments", reason::protocol_error, strength::specific_text},
    {"bad sequence of commands", reason::protocol_error, strength::specific_text},
    {"bad sequence", reason::protocol_error, strength::specific_text},
    {"need rcpt command", reason::protocol_error, strength::specific_text},
    {"need mail command", reason::protocol_error, strength::specific_text},
    {"nested mail command", reason::protocol_error, strength::specific_text},
    {"mail first", reason::protocol_error, strength::specific_text},
    {"rcpt first", reason::protocol_error, strength::specific_text},
    {"helo first", reason::protocol_error, strength::specific_text},
    {"send hello first", reason::protocol_error, strength::specific_text},
    {"command pipelining", reason::protocol_error, strength::specific_text},
    {"improper use of smtp command pipelining", reason::protocol_error, strength::specific_text},
    {"pipeline after starttls", reason::protocol_error, strength::specific_text},
    {"synchronization error", reason::protocol_error, strength::specific_text},
    {"protocol violation", reason::protocol_error, strength::specific_text},
    {"too many errors", reason::protocol_error, strength::specific_text},
    {"too many unauthenticated commands", reason::protocol_error, strength::specific_text},
    {"command line too long", reason::protocol_error, strength::specific_text},
    {"cannot decode", reason::protocol_error, strength::specific_text},
    {"need fully qualified hostname", reason::protocol_error, strength::specific_text},
    {"helo command rejected", reason::policy_rejected, strength::generic_text},
    {"bad helo", reason::protocol_error, strength::specific_text},
    {"invalid helo", reason::protocol_error, strength::specific_text},
    {"bad smtp command", reason::protocol_error, strength::specific_text},
    {"no identity changes permitted", reason::protocol_error, strength::specific_text},
    {"may not be repeated", reason::protocol_error, strength::specific_text},
    {"missing at end of address", reason::address_syntax, strength::specific_text},

    // ------------------------------------------------------------------
    // message_too_large: Postfix ("Message size exceeds fixed limit",
    // "message file too big", "too much mail data"), sendmail ("Message
    // size exceeds maximum value"), Exim ("maximum permitted"), qmail
    // ("databytes limit"), Exchange ("exceeds fixed maximum message size",
    // RecipSizeLimit), Gmail ("message size limits"), Yahoo, X.2.3/X.3.4
    {"message size exceeds", reason::message_too_large, strength::specific_text},
    {"message size exceeds fixed limit", reason::message_too_large, strength::specific_text},
    {"size exceed*", reason::message_too_large, strength::specific_text},
    {"message too large", reason::message_too_large, strength::specific_text},
    {"message file too big", reason::message_too_large, strength::specific_text},
    {"too large", reason::message_too_large, strength::specific_text},
    {"too big", reason::message_too_large, strength::specific_text},
    {"too much mail data", reason::message_too_large, strength::specific_text},
    {"size limit*", reason::message_too_large, strength::specific_text},
    {"message size limit*", reason::message_too_large, strength::specific_text},
    {"maximum message size", reason::message_too_large, strength::specific_text},
    {"maximum size", reason::message_too_large, strength::specific_text},
    {"databytes", reason::message_too_large, strength::specific_text},
    {"recipsizelimit", reason::message_too_large, strength::specific_text},
    {"sendsizelimit", reason::message_too_large, strength::specific_text},
    {"nachricht zu gross", reason::message_too_large, strength::specific_text},
    {"trop volumineux", reason::message_too_large, strength::specific_text},
    {"taille maximale", reason::message_too_large, strength::specific_text},
    {"demasiado grande", reason::message_too_large, strength::specific_text},
    {"message too long", reason::message_too_large, strength::specific_text},

    // ------------------------------------------------------------------
    // too_many_recipients: RFC 5321 452 with X.5.3 ("Too many
    // recipients"), Postfix, qmail, Exchange (RecipLimit), Gmail ("Domain
    // policy size per transaction exceeded", "Multiple destination domains
    // per transaction is unsupported")
    {"too many recipients", reason::too_many_recipients, strength::specific_text},
    {"recipient limit", reason::too_many_recipients, strength::specific_text},
    {"reciplimit", reason::too_many_recipients, strength::specific_text},
    {"maximum number of recipients", reason::too_many_recipients, strength::specific_text},
    {"per transaction exceeded", reason::too_many_recipients, strength::specific_text},
    {"separate transaction", reason::too_many_recipients, strength::specific_text},
    {"destination domains per transaction", reason::too_many_recipients, strength::specific_text},
    {"zu viele empfänger", reason::too_many_recipients, strength::specific_text},
    {"trop de destinataires", reason::too_many_recipients, strength::specific_text},
    {"demasiados destinatarios", reason::too_many_recipients, strength::specific_text},

    // ------------------------------------------------------------------
    // server_error: RFC 5321 421/451/452 texts, Postfix ("queue file write
    // error", "Server configuration error", "Temporary lookup failure"),
    // Exim ("Temporary local problem"), qmail ("qq" errors), sendmail,
    // Exchange ("Temporary server error", STOREDRV busy), Gmail
    // ("Temporary System Problem"), Yahoo ("Resources temporarily
    // unavailable"), Yandex, iCloud
    {"local error in processing", reason::server_error, strength::specific_text},
    {"error in processing", reason::server_error, strength::specific_text},
    {"insufficient system storage", reason::server_error, strength::specific_text},
    {"internal server error", reason::server_error, strength::specific_text},
    {"internal error", reason::server_error, strength::specific_text},
    {"temporary server error", reason::server_error, strength::specific_text},
    {"temporary system", reason::server_error, strength::specific_text},
    {"temporary local problem", reason::server_error, strength::specific_text},
    {"temporary lookup failure", reason::server_error, strength::specific_text},
    {"temporary authentication failure", reason::server_error, strength::specific_text},
    {"configuration error", reason::server_error, strength::specific_text},
    {"queue file write error", reason::server_error, strength::specific_text},
    {"qq temporary problem", reason::server_error, strength::specific_text},
    {"qq trouble", reason::server_error, strength::specific_text},
    {"resources temporarily unavailable", reason::server_error, strength::specific_text},
    {"server busy", reason::server_error, strength::specific_text},
    {"server is busy", reason::server_error, strength::specific_text},
    {"too busy", reason::server_error, strength::specific_text},
    {"mailbox busy", reason::server_error, strength::specific_text},
    {"load average", reason::server_error, strength::specific_text},
    {"system not accepting network messages", reason::server_error, strength::specific_text},
    {"unable to accommodate parameters", reason::server_error, strength::specific_text},
    {"tls not available", reason::server_error, strength::specific_text},
    {"server temporarily rejected message", reason::server_error, strength::generic_text},
    {"service not available", reason::server_error, strength::generic_text},
    {"service unavailable", reason::server_error, strength::generic_text},
    {"temporarily unavailable", reason::server_error, strength::generic_text},
    {"currently unavailable", reason::server_error, strength::generic_text},
    {"temporary failure", reason::server_error, strength::generic_text},
    {"closing transmission channel", reason::server_error, strength::generic_text},
    {"requested mail action not taken mailbox unavailable", reason::unknown, strength::generic_text},
    {"try again later", reason::server_error, strength::generic_text},
    {"retry later", reason::server_error, strength::generic_text},
    {"temporarily", reason::server_error, strength::generic_text},
    {"erreur interne", reason::server_error, strength::specific_text},
    {"service indisponible", reason::server_error, strength::generic_text},
    {"essayer plus tard", reason::server_error, strength::generic_text},
    {"später erneut", reason::server_error, strength::generic_text},
    {"servicio no disponible", reason::server_error, strength::generic_text},
    {"más tarde", reason::server_error, strength::generic_text},

    // ------------------------------------------------------------------
    // network_error: MTA-side delivery failures (Postfix "connect to ...",
    // "lost connection", "Host not found, try again"; Exim "retry timeout
    // exceeded"; qmail "connection died"; Exchange 4.4.x: "Connection
    // dropped", "Message expired", "DNS query failed", socket errors),
    // mail loops (X.4.6, Exchange 5.4.14)
    {"connection timed out", reason::network_error, strength::specific_text},
    {"connection timeout", reason::network_error, strength::specific_text},
    {"timed out", reason::network_error, strength::specific_text},
    {"timeout exceeded", reason::network_error, strength::specific_text},
    {"command timeout", reason::network_error, strength::specific_text},
    {"timeout", reason::network_error, strength::generic_text},
    {"connection dropped", reason::network_error, strength::specific_text},
    {"lost connection", reason::network_error, strength::specific_text},
    {"connection reset", reason::network_error, strength::specific_text},
    {"connection refused", reason::network_error, strength::specific_text},
    {"connection died", reason::network_error, strength::specific_text},
    {"no route to host", reason::network_error, strength::specific_text},
    {"network is unreachable", reason::network_error, strength::specific_text},
    {"socket error", reason::network_error, strength::specific_text},
    {"able to establish an smtp connection", reason::network_error, strength::specific_text},
    {"no answer from host", reason::network_error, strength::specific_text},
    {"temporary dns failure", reason::network_error, strength::specific_text},
    {"dns query failed", reason::network_error, strength::specific_text},
    {"name server timeout", reason::network_error, strength::specific_text},
    {"servfail", reason::network_error, strength::specific_text},
    {"type mx host not found try again", reason::network_error, strength::specific_text},
    {"type a host not found try again", reason::network_error, strength::specific_text},
    {"host lookup did not complete", reason::network_error, strength::specific_text},
    {"routing loop", reason::network_error, strength::specific_text},
    {"mail loop", reason::network_error, strength::specific_text},
    {"message is looping", reason::network_error, strength::specific_text},
    {"loops back to myself", reason::network_error, strength::specific_text},
    {"too many hops", reason::network_error, strength::specific_text},
    {"hop count exceeded", reason::network_error, strength::specific_text},
    {"message expired", reason::network_error, strength::specific_text},
    {"delivery time expired", reason::network_error, strength::specific_text},
    {"retry timeout exceeded", reason::network_error, strength::generic_text},
    {"delivery temporarily suspended", reason::network_error, strength::generic_text},
    {"connexion refusée", reason::network_error, strength::specific_text},
    {"verbindung abgebrochen", reason::network_error, strength::specific_text},
    {"zeitüberschreitung", reason::network_error, strength::generic_text},
    {"tiempo de espera agotado", reason::network_error, strength::specific_text},
    {"timeout waiting", reason::network_error, strength::specific_text},

    // ------------------------------------------------------------------
    // policy_rejected: vague rejections (RFC 5321 550 "policy reasons",
    // Exim "administrative prohibition", Yahoo "not accepted for policy
    // reasons", iCloud/Apple "rejected due to local policy", GMX "Reject
    // due to policy restrictions", Gmail gcdp "violates ... policy",
    // Mimecast "Envelope blocked", Exchange "Delivery not authorized",
    // distribution group restrictions (Microsoft 5.7.124/133/134/136))
    {"policy reasons", reason::policy_rejected, strength::generic_text},
    {"local policy", reason::policy_rejected, strength::generic_text},
    {"policy restrictions", reason::policy_rejected, strength::specific_text},
    {"violates", reason::policy_rejected, strength::generic_text},
    {"policy", reason::policy_rejected, strength::generic_text},
    {"administrative prohibition", reason::policy_rejected, strength::generic_text},
    {"rejected after data", reason::policy_rejected, strength::generic_text},
    {"delivery not authorized", reason::policy_rejected, strength::generic_text},
    {"not authorized", reason::policy_rejected, strength::generic_text},
    {"access denied", reason::policy_rejected, strength::generic_text},
    {"denied", reason::policy_rejected, strength::generic_text},
    {"rejected", reason::policy_rejected, strength::generic_text},
    {"message refused", reason::policy_rejected, strength::generic_text},
    {"refused", reason::policy_rejected, strength::generic_text},
    {"not allowed", reason::policy_rejected, strength::generic_text},
    {"not permitted", reason::policy_rejected, strength::generic_text},
    {"prohibited", reason::policy_rejected, strength::generic_text},
    {"blocked", reason::policy_rejected, strength::generic_text},
    {"envelope blocked", reason::policy_rejected, strength::generic_text},
    {"sender address rejected", reason::policy_rejected, strength::generic_text},
    {"client host rejected", reason::policy_rejected, strength::generic_text},
    {"ip not in whitelist", reason::policy_rejected, strength::specific_text},
    {"badmailfrom", reason::policy_rejected, strength::generic_text},
    {"allowed senders list", reason::policy_rejected, strength::generic_text},
    {"sender was not authenticated", reason::policy_rejected, strength::specific_text},
    {"sender not authenticated for group", reason::policy_rejected, strength::specific_text},
    {"resolver rst authrequired", reason::policy_rejected, strength::specific_text},
    // Microsoft 5.7.510 refuses IPv6 delivery: outvotes "does not accept email"
    {"does not accept email over ipv6", reason::policy_rejected, strength::specific_text},
    // Microsoft's Tenant Allow/Block List is the recipient organization's
    // own policy, not a reputation list: outvotes the "block list" mechanism
    {"tenant allow block list", reason::policy_rejected, strength::mechanism},
    {"mail rejete", reason::policy_rejected, strength::generic_text},
    {"message refusé", reason::policy_rejected, strength::generic_text},
    {"abgelehnt", reason::policy_rejected, strength::generic_text},
    {"mensaje rechazado", reason::policy_rejected, strength::generic_text},
    {"for policy reasons", reason::policy_rejected, strength::specific_text},
    {"policy rejection", reason::policy_rejected, strength::specific_text},
};

}  // namespace detail
}  // namespace smtp_reply

#endif  // SMTP_REPLY_DETAIL_BUILTIN_RULES_HPP
