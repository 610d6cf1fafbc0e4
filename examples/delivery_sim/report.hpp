// delivery_sim: prints a timeline for people: a table of the replies that
// mattered, an ASCII timeline, and the outcome.
#ifndef SMTP_REPLY_EXAMPLES_DELIVERY_SIM_REPORT_HPP
#define SMTP_REPLY_EXAMPLES_DELIVERY_SIM_REPORT_HPP

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "simulate.hpp"

namespace delivery_sim {

namespace detail {

inline std::string two_digits(std::int64_t n) {
  return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

inline std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

inline std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

/** The text of a wire-form reply: its lines' texts, codes stripped, joined by a blank. */
inline std::string reply_text(std::string_view reply) {
  const smtp_reply::parse_result p = smtp_reply::parse(reply);
  if (!p) return std::string(reply);
  std::string text;
  for (const smtp_reply::reply_line& line : p.reply.lines()) {
    std::string_view piece = line.text;
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    if (piece.empty()) continue;
    if (!text.empty()) text += ' ';
    text += piece;
  }
  return text;
}

inline std::string shorten(std::string_view text, std::size_t width) {
  if (text.size() <= width) return std::string(text);
  return std::string(text.substr(0, width - 3)) + "...";
}

}  // namespace detail

/** An offset from time zero as `Dd HH:MM:SS`, fixed width for tables. */
inline std::string format_time(time_point t) {
  const std::int64_t s = (t - time_point{}).count();
  return std::to_string(s / 86400) + "d " + detail::two_digits(s % 86400 / 3600) + ":" +
         detail::two_digits(s % 3600 / 60) + ":" + detail::two_digits(s % 60);
}

/** A duration the way people say it: `47s`, `5m 34s`, `4h`, `1h 05m`, `2d 3h`. */
inline std::string format_duration(seconds d) {
  const std::int64_t s = d.count();
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + (s % 60 ? " " + detail::two_digits(s % 60) + "s" : "");
  if (s < 86400) return std::to_string(s / 3600) + "h" + (s % 3600 / 60 ? " " + detail::two_digits(s % 3600 / 60) + "m" : "");
  const std::int64_t hours = s % 86400 / 3600;
  return std::to_string(s / 86400) + "d" + (hours ? " " + std::to_string(hours) + "h" : "");
}

/** The policy's numbers on two lines. */
inline void print_policy(std::ostream& out, const retry_policy::policy_config& c) {
  out << "Policy:   backoff " << format_duration(c.backoff_base) << " doubling to " << format_duration(c.backoff_cap)
      << " (full jitter, floor " << format_duration(c.backoff_floor) << "), queue lifetime "
      << format_duration(c.queue_lifetime) << ", mailbox full " << format_duration(c.mailbox_full_lifetime)
      << ",\n          greylist " << format_duration(c.greylist_delay) << " x" << c.greylist_fixed_retries
      << ", host pause " << format_duration(c.host_pause_base) << " doubling to "
      << format_duration(c.host_pause_cap) << ", concurrency " << c.initial_concurrency << " (" << c.minimum_concurrency
      << ".." << c.maximum_concurrency << "), soft bounce " << (c.soft_bounce ? "on" : "off")
      << ", hold on config error " << (c.hold_on_configuration_error ? "on" : "off") << "\n";
}

/** One row per reply that mattered, with what the policy did about it. */
inline void print_table(std::ostream& out, const scenario& s, const timeline& t) {
  const bool several = s.recipients > 1;
  out << "  #" << "  " << detail::pad("time", 11) << "  " << (several ? "rcpt  " : "") << detail::pad("command", 11)
      << "  " << detail::pad("reply", 10) << "  " << detail::pad("reason", 19) << "  " << detail::pad("action", 18)
      << "  " << detail::pad("decision", 30) << "  next attempt\n";
  for (const event& e : t.events) {
    const retry_policy::decision& d = e.decision;
    std::string reply = std::to_string(e.code);
    if (e.enhanced) reply += " " + std::string(smtp_reply::to_string(e.enhanced).view());
    std::string what(retry_policy::to_string(d.what));
    if (d.what != retry_policy::verdict::delivered) what += " (" + std::string(retry_policy::to_string(d.why)) + ")";
    std::string next = "-";
    if (d.what == retry_policy::verdict::retry)
      next = format_time(d.retry_at) + " (+" + format_duration(d.retry_at - e.at) + ")";
    std::string number = std::to_string(e.session);
    out << std::string(number.size() < 3 ? 3 - number.size() : 0, ' ') << number << "  " << format_time(e.at)
        << "  " << (several ? detail::pad(std::to_string(e.recipient), 4) + "  " : "")
        << detail::pad(std::string(retry_policy::to_string(e.command)), 11) << "  " << detail::pad(reply, 10) << "  "
        << detail::pad(std::string(smtp_reply::to_string(e.reason)), 19) << "  "
        << detail::pad(std::string(smtp_reply::to_string(e.action)), 18) << "  " << detail::pad(what, 30) << "  "
        << next << "\n";

    std::vector<std::string> notes;
    notes.push_back("\"" + detail::shorten(detail::reply_text(e.reply), 80) + "\"");
    if (d.what != retry_policy::verdict::delivered && d.applies_to != retry_policy::scope::recipient)
      notes.push_back("about the " + std::string(retry_policy::to_string(d.applies_to)));
    if (d.pause_host) notes.push_back("host paused until " + format_time(d.host.paused_until));
    if (d.lower_concurrency)
      notes.push_back("concurrency " + std::to_string(e.host_before.concurrency) + " -> " +
                      std::to_string(d.host.concurrency));
    if (d.what == retry_policy::verdict::delivered && d.host.concurrency != e.host_before.concurrency)
      notes.push_back("concurrency " + std::to_string(e.host_before.concurrency) + " -> " +
                      std::to_string(d.host.concurrency));
    if (d.split) notes.push_back("send in a new transaction");
    if (d.suppress_recipient) notes.push_back("suppress the address");
    if (d.alert != retry_policy::operator_alert::none)
      notes.push_back("ALERT operator: " + std::string(retry_policy::to_string(d.alert)));
    out << "       ";
    for (std::size_t i = 0; i < notes.size(); ++i) out << (i ? "; " : "") << notes[i];
    out << "\n";
  }
}

/** The ASCII timeline: one line per recipient, one for the host, and an axis. */
inline void print_timeline(std::ostream& out, const scenario& s, const timeline& t, std::size_t width = 64) {
  const std::int64_t span = (t.end - time_point{}).count();
  const auto column = [&](time_point at) {
    if (span <= 0) return std::size_t{0};
    const std::int64_t x = (at - time_point{}).count() * static_cast<std::int64_t>(width - 1) / span;
    return static_cast<std::size_t>(x < 0 ? 0 : x);
  };
  out << "Timeline: " << format_time(time_point{}) << " to " << format_time(t.end) << ", one column = "
      << format_duration(seconds(span / static_cast<std::int64_t>(width - 1))) << " (linear)\n";
  for (std::size_t r = 0; r < s.recipients; ++r) {
    std::string row(width, ' ');
    const recipient_outcome& o = t.recipients[r];
    const std::size_t last = o.result == retry_policy::verdict::retry ? width - 1 : column(o.at);
    for (std::size_t i = 0; i <= last && i < width; ++i) row[i] = '-';
    for (const event& e : t.events) {
      if (e.recipient != r + 1) continue;
      char mark = 'x';
      if (e.decision.split) mark = '/';
      if (e.decision.what == retry_policy::verdict::delivered) mark = 'D';
      if (e.decision.what == retry_policy::verdict::bounce) mark = 'B';
      char& cell = row[column(e.at)];
      if (cell != 'D' && cell != 'B') cell = mark;
    }
    if (o.expired_waiting) row[column(o.at)] = 'B';
    while (!row.empty() && row.back() == ' ') row.pop_back();
    out << "  " << detail::pad("rcpt " + std::to_string(r + 1), 8) << row << "\n";
  }
  std::string host(width, '.');
  for (const pause_span& p : t.pauses) {
    const time_point until = p.until < t.end ? p.until : t.end;
    for (std::size_t i = column(p.from); i <= column(until) && i < width; ++i) host[i] = '#';
  }
  out << "  " << detail::pad("host", 8) << host << "\n";
  std::string axis(width, ' ');
  axis[0] = '|';
  axis[width / 2] = '|';
  axis[width - 1] = '|';
  out << "  " << detail::pad("", 8) << axis << "\n";
  const std::string left = "0s";
  const std::string middle = format_duration(seconds(span / 2));
  const std::string right = format_duration(seconds(span));
  std::string labels = left;
  labels = detail::pad(labels, width / 2) + middle;
  labels = detail::pad(labels, width > right.size() ? width - right.size() : 0) + right;
  out << "  " << detail::pad("", 8) << labels << "\n";
  out << "  x failed, retry later   / split   D delivered   B bounced   # host paused\n";
}

/** How it ended, per recipient, for the host, and for the operator. */
inline void print_outcome(std::ostream& out, const scenario& s, const timeline& t) {
  out << "Outcome after " << detail::plural(t.sessions, "session") << " over " << format_duration(t.end - time_point{})
      << (t.truncated ? " (stopped: too many sessions)" : "") << ":\n";
  for (std::size_t r = 0; r < s.recipients; ++r) {
    const recipient_outcome& o = t.recipients[r];
    out << "  rcpt " << r + 1 << ": ";
    if (o.result == retry_policy::verdict::delivered) {
      out << "delivered at " << format_time(o.at);
    } else if (o.result == retry_policy::verdict::bounce) {
      out << "bounced at " << format_time(o.at) << " (" << retry_policy::to_string(o.why)
          << (o.expired_waiting ? ", while the host was paused" : "") << ")";
    } else {
      out << "still queued";
    }
    out << " after " << detail::plural(o.attempts, "attempt");
    if (o.suppressed) out << "; address suppressed";
    out << "\n";
    if (o.result == retry_policy::verdict::bounce) {
      std::string reported;
      for (char ch : o.reported_reply) {
        if (ch == '\r') continue;
        reported += ch == '\n' ? "\n" + std::string(30, ' ') : std::string(1, ch);
      }
      while (!reported.empty() && reported.back() == ' ') reported.pop_back();
      while (!reported.empty() && reported.back() == '\n') reported.pop_back();
      out << "          the bounce reports: " << reported << "\n";
    }
  }
  out << "  host: concurrency " << t.host.concurrency << " (started at " << s.config.initial_concurrency << "), "
      << "paused " << detail::plural(t.host_pauses, "time") << "\n";
  out << "  operator alerts: " << t.alerts << "\n";
}

/** The whole report. */
inline void print_report(std::ostream& out, std::string_view file, const scenario& s, const timeline& t) {
  out << "Scenario: " << (s.title.empty() ? std::string(file) : s.title) << "\n";
  out << "File:     " << file << " (seed " << s.seed << ", " << detail::plural(s.recipients, "recipient") << ")\n";
  print_policy(out, s.config);
  out << "\n";
  print_table(out, s, t);
  out << "\n";
  print_timeline(out, s, t);
  out << "\n";
  print_outcome(out, s, t);
}

}  // namespace delivery_sim

#endif  // SMTP_REPLY_EXAMPLES_DELIVERY_SIM_REPORT_HPP
