// delivery_sim: replays a scripted delivery against the example retry policy.
//
// A scenario (README.md, "Scenario files") scripts what a server answers to
// each command over time; `simulate()` plays the client: it opens a session
// whenever a recipient is due, sends the commands, classifies each reply with
// smtp_reply, asks retry_policy::decide() what to do, and records a timeline.
// The clock is fake (offsets from time zero) and the jitter comes from a
// seeded splitmix64, so a scenario always plays out the same way.
//
// Header-only so that the program (main.cpp) and the tests share it.
#ifndef SMTP_REPLY_EXAMPLES_DELIVERY_SIM_SIMULATE_HPP
#define SMTP_REPLY_EXAMPLES_DELIVERY_SIM_SIMULATE_HPP

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <smtp_reply/classify.hpp>

#include "../retry_policy/retry_policy.hpp"

namespace delivery_sim {

using retry_policy::seconds;
using retry_policy::smtp_command;
using retry_policy::time_point;

/** One scripted reply: what the server answers to a command, and when. */
struct scripted_reply {
  /** True for `attempt N` (that session only), false for `from T` (from then on). */
  bool by_attempt = false;
  /** `from T`: offset from time zero from which the reply holds. */
  seconds from{};
  /** `attempt N`: the session number (1-based) it holds for. */
  std::size_t attempt = 0;
  smtp_command command = smtp_command::rcpt;
  /** `rcpt#N`: only the N-th RCPT of a session; 0 for every one. */
  std::size_t rcpt_position = 0;
  /** The reply as sent on the wire, CRLF after each line. */
  std::string reply;
  /** Where it was written, for messages. */
  std::size_t line = 0;
};

/** A scenario file, parsed. */
struct scenario {
  std::string title;
  std::uint64_t seed = 1;
  std::size_t recipients = 1;
  retry_policy::policy_config config{};
  std::vector<scripted_reply> replies;
};

/** Why a scenario file was refused. */
struct scenario_error {
  std::size_t line = 0;
  std::string message;
};

/** One reply that mattered to one recipient: a failure, or its delivery. */
struct event {
  /** The session (1-based); a split starts a new one at the same time. */
  std::size_t session = 0;
  time_point at{};
  /** The recipient concerned (1-based). */
  std::size_t recipient = 0;
  smtp_command command = smtp_command::rcpt;
  /** The reply, wire form. */
  std::string reply;
  std::uint16_t code = 0;
  smtp_reply::enhanced_code enhanced{};
  smtp_reply::reason reason = smtp_reply::reason::none;
  smtp_reply::action action = smtp_reply::action::none;
  retry_policy::decision decision{};
  /** The host's state before the reply. */
  retry_policy::host_state host_before{};
};

/** How it ended for one recipient. */
struct recipient_outcome {
  /** `delivered` or `bounce`; `retry` if the simulation was cut short. */
  retry_policy::verdict result = retry_policy::verdict::retry;
  retry_policy::basis why = retry_policy::basis::accepted;
  time_point at{};
  /** Sessions that included this recipient. */
  std::size_t attempts = 0;
  bool suppressed = false;
  /** Bounced at its expiry while waiting (its host paused), without a last session. */
  bool expired_waiting = false;
  /** For a bounce: the last reply, which the bounce reports. */
  std::string reported_reply;
  retry_policy::attempt_history history{};
};

/** A stretch of time during which the host was paused. */
struct pause_span {
  time_point from{};
  time_point until{};
};

/** The whole run. */
struct timeline {
  std::vector<event> events;
  std::vector<recipient_outcome> recipients;
  std::vector<pause_span> pauses;
  std::size_t sessions = 0;
  retry_policy::host_state host{};
  /** Replies that paused the host. */
  std::size_t host_pauses = 0;
  /** Replies that raised an operator alert. */
  std::size_t alerts = 0;
  /** Time of the last event or outcome. */
  time_point end{};
  /** True if the simulation stopped at `max_sessions` with recipients pending. */
  bool truncated = false;
};

/** Sessions after which a simulation stops: a runaway scenario, not a real one. */
inline constexpr std::size_t max_sessions = 100000;

namespace detail {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/** Splits off the first blank-separated word of `s`. */
inline std::string_view next_word(std::string_view& s) {
  s = trim(s);
  std::size_t end = 0;
  while (end < s.size() && s[end] != ' ' && s[end] != '\t') ++end;
  const std::string_view word = s.substr(0, end);
  s = trim(s.substr(end));
  return word;
}

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch == '-') ch = '_';
  }
  return out;
}

inline std::optional<std::uint64_t> parse_number(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return value;
}

/** `90`, `90s`, `6m`, `1h30m`, `+3d`: a sum of numbers with units s, m, h, d (none: seconds). */
inline std::optional<seconds> parse_duration(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  std::int64_t total = 0;
  while (!s.empty()) {
    std::size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
    const std::optional<std::uint64_t> n = parse_number(s.substr(0, digits));
    if (!n || *n > 100000000) return std::nullopt;
    s.remove_prefix(digits);
    std::int64_t unit = 1;
    if (!s.empty()) {
      switch (s.front()) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        default: return std::nullopt;
      }
      s.remove_prefix(1);
    }
    total += static_cast<std::int64_t>(*n) * unit;
  }
  return seconds(total);
}

inline std::optional<bool> parse_switch(std::string_view s) {
  const std::string w = lower(s);
  if (w == "on" || w == "true" || w == "yes") return true;
  if (w == "off" || w == "false" || w == "no") return false;
  return std::nullopt;
}

inline std::optional<smtp_command> parse_command(std::string_view s) {
  const std::string w = lower(s);
  if (w == "greeting" || w == "connect" || w == "banner") return smtp_command::greeting;
  if (w == "ehlo" || w == "helo") return smtp_command::ehlo;
  if (w == "starttls") return smtp_command::starttls;
  if (w == "auth") return smtp_command::auth;
  if (w == "mail") return smtp_command::mail;
  if (w == "rcpt") return smtp_command::rcpt;
  if (w == "data") return smtp_command::data;
  if (w == "end_of_data" || w == "dot" || w == ".") return smtp_command::end_of_data;
  return std::nullopt;
}

/** Sets the policy field `name`; an empty string on success, else why not. */
inline std::string set_policy(retry_policy::policy_config& c, std::string_view name, std::string_view value) {
  const std::string key = lower(name);
  seconds* duration = nullptr;
  if (key == "backoff_base") duration = &c.backoff_base;
  if (key == "backoff_cap") duration = &c.backoff_cap;
  if (key == "backoff_floor") duration = &c.backoff_floor;
  if (key == "queue_lifetime") duration = &c.queue_lifetime;
  if (key == "mailbox_full_lifetime") duration = &c.mailbox_full_lifetime;
  if (key == "greylist_delay") duration = &c.greylist_delay;
  if (key == "host_pause_base") duration = &c.host_pause_base;
  if (key == "host_pause_cap") duration = &c.host_pause_cap;
  if (duration) {
    const std::optional<seconds> d = parse_duration(value);
    if (!d) return "'" + std::string(value) + "' is not a duration (e.g. 90s, 6m, 1h30m, 5d)";
    *duration = *d;
    return {};
  }
  bool* flag = nullptr;
  if (key == "soft_bounce") flag = &c.soft_bounce;
  if (key == "hold_on_configuration_error") flag = &c.hold_on_configuration_error;
  if (flag) {
    const std::optional<bool> b = parse_switch(value);
    if (!b) return "'" + std::string(value) + "' is not on or off";
    *flag = *b;
    return {};
  }
  std::uint32_t* count = nullptr;
  if (key == "greylist_fixed_retries") count = &c.greylist_fixed_retries;
  if (key == "split_limit") count = &c.split_limit;
  std::uint16_t* connections = nullptr;
  if (key == "initial_concurrency") connections = &c.initial_concurrency;
  if (key == "maximum_concurrency") connections = &c.maximum_concurrency;
  if (key == "minimum_concurrency") connections = &c.minimum_concurrency;
  if (count || connections) {
    const std::optional<std::uint64_t> n = parse_number(value);
    if (!n || *n > (connections ? 65535U : 4294967295U)) return "'" + std::string(value) + "' is not a count";
    if (count) *count = static_cast<std::uint32_t>(*n);
    if (connections) *connections = static_cast<std::uint16_t>(*n);
    return {};
  }
  return "no policy field '" + std::string(name) + "'";
}

}  // namespace detail

/**
 * Reads a scenario (README.md, "Scenario files"). On error, returns false and
 * says where and why in `error`.
 */
inline bool parse_scenario(std::istream& in, scenario& out, scenario_error& error) {
  out = scenario{};
  std::string raw;
  std::size_t number = 0;
  scripted_reply* open = nullptr;  // the reply that indented lines continue
  auto fail = [&](std::string message) {
    error.line = number;
    error.message = std::move(message);
    return false;
  };
  auto check_reply = [&](const scripted_reply& r) {
    const smtp_reply::parse_result p = smtp_reply::parse(r.reply);
    if (!p || p.consumed != r.reply.size()) {
      error.line = r.line;
      error.message = "not one SMTP reply (" + std::string(smtp_reply::to_string(p.status)) + ")";
      return false;
    }
    return true;
  };
  while (std::getline(in, raw)) {
    ++number;
    const bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    const std::string_view line = detail::trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (indented) {
      if (!open) return fail("an indented line continues a reply, but no reply precedes it");
      open->reply += std::string(line) + "\r\n";
      continue;
    }
    if (open && !check_reply(*open)) return false;
    open = nullptr;
    std::string_view rest = line;
    const std::string keyword = detail::lower(detail::next_word(rest));
    if (keyword == "title") {
      out.title = std::string(rest);
    } else if (keyword == "seed") {
      const std::optional<std::uint64_t> n = detail::parse_number(rest);
      if (!n) return fail("seed wants a number");
      out.seed = *n;
    } else if (keyword == "recipients") {
      const std::optional<std::uint64_t> n = detail::parse_number(rest);
      if (!n || *n == 0 || *n > 1000) return fail("recipients wants a number from 1 to 1000");
      out.recipients = static_cast<std::size_t>(*n);
    } else if (keyword == "policy") {
      const std::string_view name = detail::next_word(rest);
      const std::string why = detail::set_policy(out.config, name, rest);
      if (!why.empty()) return fail(why);
    } else if (keyword == "from" || keyword == "attempt") {
      scripted_reply r;
      r.line = number;
      const std::string_view when = detail::next_word(rest);
      if (keyword == "from") {
        const std::optional<seconds> d = detail::parse_duration(when);
        if (!d) return fail("'" + std::string(when) + "' is not a duration (e.g. 0s, 6m, 1h30m, 3d)");
        r.from = *d;
      } else {
        const std::optional<std::uint64_t> n = detail::parse_number(when);
        if (!n || *n == 0) return fail("attempt wants a session number from 1");
        r.by_attempt = true;
        r.attempt = static_cast<std::size_t>(*n);
      }
      std::string_view command = detail::next_word(rest);
      const std::size_t hash = command.find('#');
      if (hash != std::string_view::npos) {
        const std::optional<std::uint64_t> n = detail::parse_number(command.substr(hash + 1));
        if (!n || *n == 0) return fail("rcpt#N wants N from 1");
        r.rcpt_position = static_cast<std::size_t>(*n);
        command = command.substr(0, hash);
      }
      const std::optional<smtp_command> c = detail::parse_command(command);
      if (!c) return fail("'" + std::string(command) + "' is not a command (greeting, ehlo, starttls, auth, mail, rcpt, data, end-of-data)");
      if (r.rcpt_position != 0 && *c != smtp_command::rcpt) return fail("only rcpt takes #N");
      r.command = *c;
      if (rest.empty()) return fail("the reply is missing");
      r.reply = std::string(rest) + "\r\n";
      out.replies.push_back(std::move(r));
      open = &out.replies.back();
    } else {
      return fail("unknown keyword '" + keyword + "' (title, seed, recipients, policy, from, attempt)");
    }
  }
  if (open && !check_reply(*open)) return false;
  if (out.replies.empty()) {
    error.line = number;
    error.message = "the scenario scripts no reply";
    return false;
  }
  return true;
}

namespace detail {

inline std::string_view default_reply(smtp_command c) {
  switch (c) {
    case smtp_command::greeting: return "220 mx.example.net ESMTP\r\n";
    case smtp_command::ehlo: return "250 mx.example.net\r\n";
    case smtp_command::starttls: return "220 2.0.0 Ready to start TLS\r\n";
    case smtp_command::auth: return "235 2.7.0 Authentication successful\r\n";
    case smtp_command::mail: return "250 2.1.0 Ok\r\n";
    case smtp_command::rcpt: return "250 2.1.5 Ok\r\n";
    case smtp_command::data: return "354 End data with <CR><LF>.<CR><LF>\r\n";
    case smtp_command::end_of_data: return "250 2.0.0 Ok: queued\r\n";
  }
  return "250 Ok\r\n";
}

/**
 * The server's reply to `command` in session `session` at `at`: a reply
 * scripted for that session wins, else the latest `from` in force; the last
 * written wins a tie; without any, the command succeeds.
 */
inline std::string_view reply_to(const scenario& s, smtp_command command, std::size_t rcpt_position,
                                 std::size_t session, seconds at) {
  const scripted_reply* by_attempt = nullptr;
  const scripted_reply* by_time = nullptr;
  for (const scripted_reply& r : s.replies) {
    if (r.command != command) continue;
    if (r.rcpt_position != 0 && r.rcpt_position != rcpt_position) continue;
    if (r.by_attempt) {
      if (r.attempt == session) by_attempt = &r;
    } else if (r.from <= at && (!by_time || r.from >= by_time->from)) {
      by_time = &r;
    }
  }
  if (by_attempt) return by_attempt->reply;
  if (by_time) return by_time->reply;
  return default_reply(command);
}

inline bool scripts(const scenario& s, smtp_command command) {
  for (const scripted_reply& r : s.replies)
    if (r.command == command) return true;
  return false;
}

struct recipient_state {
  time_point next_at{};
  bool done = false;
};

}  // namespace detail

/** Plays `s` to the end: every recipient delivered or bounced. */
inline timeline simulate(const scenario& s) {
  using retry_policy::decide;
  using retry_policy::verdict;
  const retry_policy::policy_config& config = s.config;
  const time_point zero{};

  timeline t;
  t.host = retry_policy::new_host(config);
  t.recipients.resize(s.recipients);
  std::vector<detail::recipient_state> state(s.recipients);
  for (recipient_outcome& r : t.recipients) r.history = retry_policy::new_recipient(zero);
  retry_policy::splitmix64 random(s.seed);

  auto finish = [&](std::size_t i, verdict result, retry_policy::basis why, time_point at) {
    state[i].done = true;
    t.recipients[i].result = result;
    t.recipients[i].why = why;
    t.recipients[i].at = at;
    if (at > t.end) t.end = at;
  };

  // One reply, for the recipients `who`: ask the policy for each (all with
  // the host state from before the reply), apply the decisions, log the
  // failures and deliveries. Returns true when the reply failed.
  auto answer = [&](smtp_command command, std::string_view bytes, const smtp_reply::classification& c,
                    const std::vector<std::size_t>& who, time_point now) {
    const retry_policy::host_state before = t.host;
    retry_policy::host_state after = before;
    bool failed = false;
    bool paused = false;
    bool alerted = false;
    for (std::size_t i : who) {
      const retry_policy::decision d =
          decide(config, c, command, t.recipients[i].history, before, now, random);
      t.recipients[i].history = d.history;
      after = d.host;
      if (d.what == verdict::proceed) continue;
      failed = d.what != verdict::delivered;
      if (now > t.end) t.end = now;
      event e;
      e.session = t.sessions;
      e.at = now;
      e.recipient = i + 1;
      e.command = command;
      e.reply = std::string(bytes);
      e.code = c.code;
      e.enhanced = c.enhanced;
      e.reason = c.reason;
      e.action = c.action;
      e.decision = d;
      e.host_before = before;
      if (d.alert != retry_policy::operator_alert::none) alerted = true;
      if (d.pause_host) paused = true;
      if (d.suppress_recipient) t.recipients[i].suppressed = true;
      if (d.what == verdict::delivered) {
        finish(i, verdict::delivered, d.why, now);
      } else if (d.what == verdict::bounce) {
        t.recipients[i].reported_reply = std::string(bytes);
        finish(i, verdict::bounce, d.why, now);
      } else {
        t.recipients[i].reported_reply = std::string(bytes);
        state[i].next_at = d.retry_at;
      }
      t.events.push_back(std::move(e));
    }
    if (after.paused_until > before.paused_until && after.paused_until > now) {
      if (!t.pauses.empty() && t.pauses.back().until >= now) {
        t.pauses.back().until = after.paused_until;
      } else {
        t.pauses.push_back(pause_span{now, after.paused_until});
      }
    }
    t.host = after;
    if (paused) ++t.host_pauses;
    if (alerted) ++t.alerts;
    return failed;
  };

  const bool use_starttls = detail::scripts(s, smtp_command::starttls);
  const bool use_auth = detail::scripts(s, smtp_command::auth);

  for (;;) {
    // The next session: when the first pending recipient is due and the host
    // is not paused. A recipient whose expiry passes meanwhile bounces then.
    std::optional<time_point> due;
    for (std::size_t i = 0; i < state.size(); ++i)
      if (!state[i].done && (!due || state[i].next_at < *due)) due = state[i].next_at;
    if (!due) break;
    if (t.sessions >= max_sessions) {
      t.truncated = true;
      break;
    }
    time_point now = *due;
    if (t.host.paused_until > now) now = t.host.paused_until;
    std::vector<std::size_t> who;
    for (std::size_t i = 0; i < state.size(); ++i) {
      if (state[i].done || state[i].next_at > now) continue;
      const retry_policy::expiry end = retry_policy::expiry_of(config, t.recipients[i].history);
      if (now > end.at) {
        t.recipients[i].expired_waiting = true;
        finish(i, verdict::bounce, end.why, end.at);
        continue;
      }
      who.push_back(i);
    }
    if (who.empty()) continue;

    ++t.sessions;
    const std::size_t session = t.sessions;
    const seconds offset = now - zero;
    for (std::size_t i : who) ++t.recipients[i].attempts;
    auto step = [&](smtp_command command, const std::vector<std::size_t>& to) {
      const std::string_view bytes = detail::reply_to(s, command, 0, session, offset);
      return answer(command, bytes, smtp_reply::classify(bytes), to, now);
    };

    // Before the transaction: any failure ends the session for everyone.
    bool ended = step(smtp_command::greeting, who) || step(smtp_command::ehlo, who) ||
                 (use_starttls && step(smtp_command::starttls, who)) ||
                 (use_auth && step(smtp_command::auth, who)) || step(smtp_command::mail, who);
    if (ended) continue;

    // RCPT, one per recipient; a reply about more than that recipient (421,
    // a rate limit) ends the session for the others too.
    std::vector<std::size_t> accepted;
    for (std::size_t k = 0; k < who.size() && !ended; ++k) {
      const std::size_t i = who[k];
      const std::string_view bytes = detail::reply_to(s, smtp_command::rcpt, k + 1, session, offset);
      const smtp_reply::classification c = smtp_reply::classify(bytes);
      const bool about_recipient =
          retry_policy::scope_of(c, smtp_command::rcpt) == retry_policy::scope::recipient;
      if (!about_recipient && !(c && c.reply_class == smtp_reply::reply_class::success)) {
        std::vector<std::size_t> rest(accepted);
        rest.insert(rest.end(), who.begin() + static_cast<std::ptrdiff_t>(k), who.end());
        answer(smtp_command::rcpt, bytes, c, rest, now);
        ended = true;
        break;
      }
      if (!answer(smtp_command::rcpt, bytes, c, {i}, now)) accepted.push_back(i);
    }
    if (ended || accepted.empty()) continue;

    // DATA and the content: a reply to them is about every accepted recipient.
    if (step(smtp_command::data, accepted)) continue;
    step(smtp_command::end_of_data, accepted);
  }
  return t;
}

}  // namespace delivery_sim

#endif  // SMTP_REPLY_EXAMPLES_DELIVERY_SIM_SIMULATE_HPP
