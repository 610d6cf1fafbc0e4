// smtp_reply benchmarks: a deterministic, seeded generator of SMTP replies as
// a sending client reads them (RFC 5321 section 4.2, pipelined per RFC 2920).
//
// The mix (by reply count): 50% single-line acceptances and greetings, 13%
// single-line rejections (Postfix, Exchange, Yahoo, generic), 18% EHLO
// responses of 8 to 12 lines, 16% Gmail-style multi-line replies of 3 to 5
// lines, 3% Exim-style multi-line rejections. With and without enhanced
// codes; 85% of replies end their lines in CRLF, 15% in bare LF.
//
// Same seed, same bytes, on every platform: the generator uses its own PRNG
// (splitmix64) and never a <random> distribution (those are
// implementation-defined). bench/data/sample.txt holds the first replies of
// the default seed; `smtp_reply_bench --smtp_reply_check_sample=FILE` checks
// it still matches.
#ifndef SMTP_REPLY_BENCH_GENERATOR_HPP
#define SMTP_REPLY_BENCH_GENERATOR_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_reply_bench {

inline constexpr std::uint64_t default_seed = 0x5EED5EED2024ULL;

/** splitmix64: tiny, fast, and the same sequence everywhere. */
class rng {
 public:
  explicit rng(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /** Uniform in [0, n) (the modulo bias is irrelevant here, and deterministic). */
  std::size_t below(std::size_t n) noexcept { return static_cast<std::size_t>(next() % n); }
  bool chance(unsigned percent) noexcept { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

/** What a generated stream holds, for the report. */
struct stream_stats {
  std::size_t replies = 0;
  std::size_t lines = 0;
  std::size_t bytes = 0;
  std::size_t single_line = 0;
  std::size_t crlf = 0;
  std::size_t with_enhanced = 0;
};

/** A pipelined stream of replies, and where each one starts. */
struct stream {
  std::string bytes;
  std::vector<std::size_t> starts;  // starts[i]: offset of reply i; starts.back() == bytes.size()
  stream_stats stats;

  std::size_t size() const noexcept { return starts.empty() ? 0 : starts.size() - 1; }
  std::string_view reply(std::size_t i) const noexcept {
    return std::string_view(bytes).substr(starts[i], starts[i + 1] - starts[i]);
  }
};

namespace detail {

inline const char* pick(rng& r, const std::vector<const char*>& from) { return from[r.below(from.size())]; }

inline void append_alnum(rng& r, std::string& out, std::size_t n, bool upper = true) {
  static constexpr char lower_digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  static constexpr char mixed[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (std::size_t i = 0; i < n; ++i)
    out += upper ? mixed[r.below(sizeof mixed - 1)] : lower_digits[r.below(sizeof lower_digits - 1)];
}

inline void append_number(rng& r, std::string& out, std::size_t digits) {
  for (std::size_t i = 0; i < digits; ++i) out += static_cast<char>('0' + (i == 0 ? 1 + r.below(9) : r.below(10)));
}

inline std::string ipv4(rng& r) {
  static const std::vector<const char*> nets = {"203.0.113.", "198.51.100.", "192.0.2."};
  std::string ip = pick(r, nets);
  ip += std::to_string(1 + r.below(254));
  return ip;
}

inline std::string mailbox(rng& r) {
  static const std::vector<const char*> users = {"bob", "alice", "j.smith", "info", "noreply", "sales",
                                                 "m.mueller", "support", "newsletter+42", "ceo"};
  static const std::vector<const char*> domains = {"example.org", "example.com", "example.net",
                                                   "mail.example.org", "corp.example.com"};
  std::string m = pick(r, users);
  m += '@';
  m += pick(r, domains);
  return m;
}

/** Gmail's trailer: ` 41be03b00d2f7-5f1c2b2c2a6si1234567a12.123 - gsmtp`. */
inline std::string gsmtp(rng& r) {
  std::string s = " ";
  append_alnum(r, s, 13, false);
  s += '-';
  append_alnum(r, s, 11, false);
  s += "si";
  append_number(r, s, 7);
  s += "plt.";
  append_number(r, s, 3);
  s += " - gsmtp";
  return s;
}

inline std::string host(rng& r) {
  static const std::vector<const char*> hosts = {"mx.example.com", "mail.example.org", "smtp.example.net",
                                                 "mx1.corp.example.com", "mx.google.com",
                                                 "mta7.am0.yahoodns.net"};
  return pick(r, hosts);
}

using lines = std::vector<std::string>;  // each: code + separator-less text; the builder adds separators

// Note: never two calls that draw from the rng in one expression; the order
// of evaluation of operands would differ between compilers.

/** Joins `text` lines into one reply with `code`, `-` on all but the final line. */
inline void emit(std::string& out, const char* code, const lines& texts, const char* eol) {
  for (std::size_t i = 0; i < texts.size(); ++i) {
    out += code;
    const bool last = i + 1 == texts.size();
    if (!(last && texts[i].empty())) out += last ? ' ' : '-';
    out += texts[i];
    out += eol;
  }
}

inline bool single_acceptance(rng& r, std::string& out, const char* eol) {
  std::string t;
  const char* code = "250";
  switch (r.below(12)) {
    case 0: t = "2.1.5 OK"; break;
    case 1: t = "2.1.0 Ok"; break;
    case 2: t = "2.1.5 Ok"; break;
    case 3:
      t = "2.0.0 Ok: queued as ";
      append_alnum(r, t, 10 + r.below(4));
      break;
    case 4:
      t = "2.0.0 OK  17";
      append_number(r, t, 8);
      t += gsmtp(r);
      break;
    case 5:
      code = "354";
      t = "End data with <CR><LF>.<CR><LF>";
      break;
    case 6:
      code = "354";
      t = "Go ahead" + gsmtp(r);
      break;
    case 7:
      code = "221";
      t = "2.0.0 Bye";
      break;
    case 8:
      code = "220";
      t = host(r) + " ESMTP";
      if (r.chance(50)) t += " Postfix";
      break;
    case 9:
      code = "220";
      t = "2.0.0 Ready to start TLS";
      break;
    case 10:
      code = "235";
      t = "2.7.0 Authentication successful";
      break;
    default: t = "2.0.0 Ok"; break;
  }
  emit(out, code, lines{t}, eol);
  return t.size() > 1 && t[1] == '.';
}

inline bool ehlo(rng& r, std::string& out, const char* eol) {
  static const std::vector<const char*> extensions = {
      "PIPELINING", "SIZE 35882577", "8BITMIME", "STARTTLS", "ENHANCEDSTATUSCODES", "CHUNKING", "SMTPUTF8",
      "DSN", "ETRN", "VRFY", "AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH",
      "BINARYMIME", "DELIVERBY", "REQUIRETLS", "AUTH=LOGIN PLAIN", "X-EXPS GSSAPI NTLM", "XRDST"};
  lines t;
  const std::string h = host(r);
  t.push_back(r.chance(50) ? h + " Hello [" + ipv4(r) + "]" : h + " at your service, [" + ipv4(r) + "]");
  const std::size_t count = 8 + r.below(5);  // 8 to 12 lines
  std::size_t first = r.below(extensions.size());
  while (t.size() < count) {
    t.emplace_back(extensions[first % extensions.size()]);
    ++first;
  }
  emit(out, "250", t, eol);
  return false;
}

inline bool gmail(rng& r, std::string& out, const char* eol) {
  lines t;
  const char* code = "550";
  std::string e;
  switch (r.below(5)) {
    case 0:
      e = "5.1.1 ";
      t = {"The email account that you tried to reach does not exist. Please try",
           "double-checking the recipient's email address for typos or",
           "unnecessary spaces. For more information, go to",
           " https://support.google.com/mail/?p=NoSuchUser" + gsmtp(r)};
      break;
    case 1:
      code = "421";
      e = "4.7.0 ";
      t = {"[" + ipv4(r) + "      15] Our system has detected an unusual rate of",
           "unsolicited mail originating from your IP address. To protect our",
           "users from spam, mail sent from your IP address has been temporarily",
           "rate limited. For more information, go to",
           " https://support.google.com/mail/?p=UnsolicitedRateLimitError" + gsmtp(r)};
      break;
    case 2:
      e = "5.7.26 ";
      t = {"This mail has been blocked because the sender is unauthenticated.",
           "Gmail requires all senders to authenticate with either SPF or DKIM.", "",
           " Authentication results:",
           " https://support.google.com/mail/answer/81126#authentication" + gsmtp(r)};
      break;
    case 3:
      code = "452";
      e = "4.2.2 ";
      t = {"The email account that you tried to reach is over quota. Please direct", "the recipient to",
           " https://support.google.com/mail/?p=OverQuotaTemp" + gsmtp(r)};
      break;
    default:
      code = "450";
      e = "4.2.1 ";
      t = {"The user you are trying to contact is receiving mail at a rate that",
           "prevents additional messages from being delivered. For more information, go to",
           " https://support.google.com/mail/?p=ReceivingRate" + gsmtp(r)};
      break;
  }
  for (std::string& line : t) line = line.empty() ? e.substr(0, e.size() - 1) : e + line;
  emit(out, code, t, eol);
  return true;
}

inline bool postfix(rng& r, std::string& out, const char* eol) {
  const std::string m = "<" + mailbox(r) + ">: ";
  std::string t;
  const char* code = "550";
  switch (r.below(8)) {
    case 0: t = "5.1.1 " + m + "Recipient address rejected: User unknown in virtual mailbox table"; break;
    case 1:
      code = "554";
      t = "5.7.1 " + m + "Relay access denied";
      break;
    case 2:
      code = "450";
      t = "4.7.1 " + m + "Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html";
      break;
    case 3:
      code = "554";
      {
        const std::string ip = ipv4(r);
        t = "5.7.1 Service unavailable; Client host [" + ip +
            "] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/" + ip;
      }
      break;
    case 4:
      code = "452";
      t = "4.3.1 Insufficient system storage";
      break;
    case 5:
      code = "451";
      t = "4.3.0 " + m + "Temporary lookup failure";
      break;
    case 6:
      code = "550";
      t = "5.1.1 " + m + "Recipient address rejected: User unknown in local recipient table";
      break;
    default:
      code = "504";
      t = "<localhost>: Helo command rejected: need fully-qualified hostname";  // an old Postfix: no enhanced code
      break;
  }
  emit(out, code, lines{t}, eol);
  return t[1] == '.';
}

inline bool exchange(rng& r, std::string& out, const char* eol) {
  std::string t;
  const char* code = "550";
  std::string tag = " [";
  append_alnum(r, tag, 4);
  tag += "PR0";
  append_number(r, tag, 1);
  tag += "MB";
  append_number(r, tag, 4);
  tag += ".eurprd0";
  append_number(r, tag, 1);
  tag += ".prod.outlook.com 2024-0";
  append_number(r, tag, 1);
  tag += "-1";
  append_number(r, tag, 1);
  tag += "T1";
  append_number(r, tag, 1);
  tag += ":2";
  append_number(r, tag, 1);
  tag += ":3";
  append_number(r, tag, 1);
  tag += ".000Z 08DC";
  append_alnum(r, tag, 10);
  tag += "]";
  switch (r.below(5)) {
    case 0: t = "5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient " + mailbox(r) + " not found by SMTP address lookup"; break;
    case 1:
      t = "5.7.606 Access denied, banned sending IP [" + ipv4(r) +
          "]. To request removal from this list please visit https://sender.office.com/ and follow the directions. "
          "For more information please go to  http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430)" + tag;
      break;
    case 2:
      code = "452";
      t = "4.5.3 Too many recipients (AS780090)" + tag;
      break;
    case 3:
      code = "530";
      t = "5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful" + tag;
      break;
    default:
      code = "554";
      t = "5.4.14 Hop count exceeded - possible mail loop ATTR34" + tag;
      break;
  }
  emit(out, code, lines{t}, eol);
  return true;
}

inline bool yahoo(rng& r, std::string& out, const char* eol) {
  std::string t;
  const char* code = "421";
  switch (r.below(4)) {
    case 0:
      t = "4.7.0 [TSS04] Messages from " + ipv4(r) +
          " temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see "
          "https://postmaster.yahooinc.com/error-codes";
      break;
    case 1:
      code = "554";
      t = "5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes";
      break;
    case 2:
      code = "553";
      t = "5.1.2 [BL21] Connections will not be accepted from " + ipv4(r) +
          ", because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes";
      break;
    default:
      code = "554";
      t = "delivery error: dd This user doesn't have a yahoo.com account (" + mailbox(r) + ") [0] - mta";
      t += std::to_string(1000 + r.below(9000)) + ".mail.gq1.yahoo.com";
      break;
  }
  emit(out, code, lines{t}, eol);
  return t[1] == '.';
}

inline bool generic(rng& r, std::string& out, const char* eol) {
  static const std::vector<const char*> texts = {
      "421 Service not available, closing transmission channel", "451 Requested action aborted: local error in processing",
      "550 Requested action not taken: mailbox unavailable", "503 Bad sequence of commands",
      "552 Requested mail action aborted: exceeded storage allocation"};
  const std::string t = pick(r, texts);
  emit(out, t.substr(0, 3).c_str(), lines{t.substr(4)}, eol);
  return false;
}

inline bool exim(rng& r, std::string& out, const char* eol) {
  const std::string m = mailbox(r);
  lines t = {"Verification failed for <" + m + ">", "Called:   " + ipv4(r),
             "Sent:     RCPT TO:<" + m + ">", "Response: 550 5.1.1 <" + m + ">: User unknown",
             "Sender verify failed"};
  if (r.chance(50)) t.erase(t.begin() + 2);
  emit(out, "550", t, eol);
  return false;
}

}  // namespace detail

/** Appends one reply drawn from the mix to `out`; updates `stats`. */
inline void append_reply(rng& r, std::string& out, stream_stats& stats) {
  const char* eol = r.chance(85) ? "\r\n" : "\n";
  const std::size_t before = out.size();
  const std::size_t roll = r.below(100);
  bool enhanced = false;
  if (roll < 50) {
    enhanced = detail::single_acceptance(r, out, eol);
  } else if (roll < 56) {
    enhanced = detail::postfix(r, out, eol);
  } else if (roll < 59) {
    enhanced = detail::exchange(r, out, eol);
  } else if (roll < 61) {
    enhanced = detail::yahoo(r, out, eol);
  } else if (roll < 63) {
    enhanced = detail::generic(r, out, eol);
  } else if (roll < 81) {
    enhanced = detail::ehlo(r, out, eol);
  } else if (roll < 97) {
    enhanced = detail::gmail(r, out, eol);
  } else {
    enhanced = detail::exim(r, out, eol);
  }
  std::size_t line_count = 0;
  for (std::size_t i = before; i < out.size(); ++i) line_count += out[i] == '\n';
  ++stats.replies;
  stats.lines += line_count;
  stats.bytes += out.size() - before;
  stats.single_line += line_count == 1;
  stats.crlf += eol[0] == '\r';
  stats.with_enhanced += enhanced;
}

/** `count` replies in one pipelined buffer, from `seed`. */
inline stream generate(std::size_t count, std::uint64_t seed = default_seed) {
  stream s;
  rng r(seed);
  s.bytes.reserve(count * 160);
  s.starts.reserve(count + 1);
  for (std::size_t i = 0; i < count; ++i) {
    s.starts.push_back(s.bytes.size());
    append_reply(r, s.bytes, s.stats);
  }
  s.starts.push_back(s.bytes.size());
  return s;
}

}  // namespace smtp_reply_bench

#endif  // SMTP_REPLY_BENCH_GENERATOR_HPP
