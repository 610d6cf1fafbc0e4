// The delivery simulator (examples/delivery_sim): the scenario reader, and
// every shipped scenario (examples/data/*.scenario) played end to end.
#include <chrono>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "../examples/delivery_sim/report.hpp"
#include "../examples/delivery_sim/simulate.hpp"

namespace {

namespace rp = retry_policy;
namespace ds = delivery_sim;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr rp::time_point zero{};
constexpr seconds day = hours(24);

std::string name(rp::verdict v) { return std::string(rp::to_string(v)); }
std::string name(rp::basis b) { return std::string(rp::to_string(b)); }
std::string name(rp::scope s) { return std::string(rp::to_string(s)); }
std::string name(smtp_reply::reason r) { return std::string(smtp_reply::to_string(r)); }
std::string name(smtp_reply::action a) { return std::string(smtp_reply::to_string(a)); }

ds::scenario load(const std::string& file) {
  const std::string path = std::string(SMTP_REPLY_TEST_DATA_DIR "/../../examples/data/") + file;
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  ds::scenario s;
  ds::scenario_error error;
  const bool ok = ds::parse_scenario(in, s, error);
  REQUIRE_MESSAGE(ok, file << ":" << error.line << ": " << error.message);
  return s;
}

ds::scenario parse_text(const std::string& text, ds::scenario_error& error, bool& ok) {
  std::istringstream in(text);
  ds::scenario s;
  ok = ds::parse_scenario(in, s, error);
  return s;
}

/** Plays a scenario, checks what holds for every run, and returns the timeline. */
ds::timeline play(const ds::scenario& s) {
  const ds::timeline t = ds::simulate(s);
  CHECK_FALSE(t.truncated);
  CHECK(t.recipients.size() == s.recipients);
  for (const ds::recipient_outcome& r : t.recipients) CHECK(r.result != rp::verdict::retry);
  // Replays identically (fixed seed, fake clock).
  const ds::timeline again = ds::simulate(s);
  REQUIRE(again.events.size() == t.events.size());
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    CHECK(again.events[i].at == t.events[i].at);
    CHECK(again.events[i].decision.retry_at == t.events[i].decision.retry_at);
  }
  // Every retry is scheduled after its reply (or with it, for a split) and is
  // where the next event of that recipient happens, unless it bounced first.
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const ds::event& e = t.events[i];
    if (e.decision.what != rp::verdict::retry) continue;
    CHECK(e.decision.retry_at >= e.at);
    for (std::size_t j = i + 1; j < t.events.size(); ++j) {
      if (t.events[j].recipient != e.recipient) continue;
      CHECK(t.events[j].at >= e.decision.retry_at);
      break;
    }
  }
  // The report renders.
  std::ostringstream out;
  ds::print_report(out, "test.scenario", s, t);
  CHECK(out.str().find("Outcome after") != std::string::npos);
  return t;
}

/** Events of one recipient. */
std::size_t count_events(const ds::timeline& t, std::size_t recipient) {
  std::size_t n = 0;
  for (const ds::event& e : t.events) n += e.recipient == recipient ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("delivery_sim: greylisting, accepted on the second try after the fixed delay") {
  const ds::timeline t = play(load("greylisting.scenario"));
  REQUIRE(t.events.size() == 2);
  CHECK(t.sessions == 2);
  CHECK(name(t.events[0].reason) == "greylisted");
  CHECK(name(t.events[0].decision.why) == "greylist_delay");
  CHECK(t.events[0].decision.retry_at == zero + minutes(6));
  CHECK(name(t.recipients[0].result) == "delivered");
  CHECK(t.recipients[0].at == zero + minutes(6));
  CHECK(t.recipients[0].attempts == 2);
  CHECK(t.host_pauses == 0);
}

TEST_CASE("delivery_sim: Gmail rate limiting pauses the host, halves concurrency, delivers once lifted") {
  const ds::scenario s = load("gmail-rate-limit.scenario");
  const ds::timeline t = play(s);
  REQUIRE(t.events.size() >= 3);
  const ds::event& first = t.events[0];
  CHECK(first.code == 421);
  CHECK(first.enhanced == smtp_reply::enhanced_code{4, 7, 28});
  CHECK(name(first.reason) == "rate_limited");
  CHECK(name(first.action) == "retry_slower");
  CHECK(name(first.decision.applies_to) == "host");
  CHECK(first.decision.host.paused_until == zero + minutes(5));
  CHECK(first.decision.host.concurrency == 2);
  CHECK(t.events[1].at >= zero + minutes(5));
  CHECK(t.events[1].decision.host.paused_until == t.events[1].at + minutes(10));
  CHECK(t.events[1].decision.host.concurrency == 1);
  for (std::size_t i = 0; i + 1 < t.events.size(); ++i) {
    CHECK(name(t.events[i].decision.why) == "rate_limit");
    CHECK(t.events[i].decision.retry_at >= t.events[i].decision.host.paused_until);
    CHECK(t.events[i].at < zero + hours(1));  // the limit lifts after an hour
  }
  const ds::recipient_outcome& r = t.recipients[0];
  CHECK(name(r.result) == "delivered");
  CHECK(r.at >= zero + hours(1));
  CHECK(r.at <= zero + hours(1) + hours(4));  // the first attempt after the lift, within a capped backoff
  CHECK(r.attempts == t.events.size());
  CHECK(t.host.concurrency == 2);  // 5 -> 2 -> 1, and one back for the delivery
  CHECK(t.host_pauses == t.events.size() - 1);
  CHECK(t.alerts == 0);
}

TEST_CASE("delivery_sim: a full mailbox that empties after six hours is delivered within the mailbox-full lifetime") {
  const ds::timeline t = play(load("mailbox-full.scenario"));
  REQUIRE(t.events.size() >= 4);
  for (std::size_t i = 0; i + 1 < t.events.size(); ++i) {
    CHECK(name(t.events[i].reason) == "mailbox_full");
    CHECK(name(t.events[i].decision.why) == "mailbox_full");
    CHECK(t.events[i].at < zero + hours(6));
    const seconds gap = t.events[i].decision.retry_at - t.events[i].at;
    CHECK(gap >= minutes(1));
    CHECK(gap <= rp::backoff_ceiling(rp::policy_config{}, static_cast<std::uint32_t>(i)));
  }
  const ds::recipient_outcome& r = t.recipients[0];
  CHECK(name(r.result) == "delivered");
  CHECK(r.at >= zero + hours(6));
  CHECK(r.at < zero + day);
  CHECK(r.history.mailbox_full_since == zero);
}

TEST_CASE("delivery_sim: an unknown user bounces at once, suppressed, without a retry") {
  const ds::timeline t = play(load("unknown-user.scenario"));
  REQUIRE(t.events.size() == 1);
  CHECK(t.sessions == 1);
  CHECK(t.events[0].code == 550);
  CHECK(name(t.events[0].reason) == "mailbox_unknown");
  CHECK(name(t.events[0].decision.why) == "permanent");
  const ds::recipient_outcome& r = t.recipients[0];
  CHECK(name(r.result) == "bounce");
  CHECK(r.at == zero);
  CHECK(r.suppressed);
  CHECK(r.attempts == 1);
  CHECK(r.reported_reply.rfind("550-5.1.1 The email account", 0) == 0);
}

TEST_CASE("delivery_sim: 421 for three days with a two-day lifetime bounces at the lifetime with the last 421") {
  const ds::scenario s = load("outage-421-three-days.scenario");
  CHECK(s.config.queue_lifetime == 2 * day);
  const ds::timeline t = play(s);
  const ds::recipient_outcome& r = t.recipients[0];
  CHECK(name(r.result) == "bounce");
  CHECK(name(r.why) == "queue_lifetime");
  CHECK(r.at == zero + 2 * day);
  CHECK(r.reported_reply == "421 4.3.2 mx.example.com Service not available, closing transmission channel\r\n");
  CHECK(r.history.last_code == 421);
  CHECK(r.attempts >= 12);  // about one every two hours
  CHECK(r.attempts <= 60);
  for (const ds::event& e : t.events) {
    CHECK(name(e.decision.applies_to) == "host");
    CHECK(e.decision.pause_host);
    CHECK(e.at <= zero + 2 * day);
    if (e.decision.what == rp::verdict::retry) CHECK(e.decision.retry_at - e.at <= hours(4));
  }
  CHECK(t.host.concurrency == 1);
  CHECK(t.events.front().decision.lower_concurrency);
}

TEST_CASE("delivery_sim: the same outage with the default lifetime is delivered when the server recovers") {
  const ds::timeline t = play(load("outage-421-recovers.scenario"));
  const ds::recipient_outcome& r = t.recipients[0];
  CHECK(name(r.result) == "delivered");
  CHECK(r.at >= zero + 3 * day);
  CHECK(r.at <= zero + 3 * day + hours(4));
  CHECK(r.attempts == t.events.size());
}

TEST_CASE("delivery_sim: too many recipients: two delivered, the third at once in a second transaction") {
  const ds::scenario s = load("too-many-recipients.scenario");
  CHECK(s.recipients == 3);
  const ds::timeline t = play(s);
  CHECK(t.sessions == 2);
  REQUIRE(!t.events.empty());
  CHECK(t.events[0].recipient == 3);
  CHECK(name(t.events[0].reason) == "too_many_recipients");
  CHECK(t.events[0].decision.split);
  CHECK(t.events[0].decision.retry_at == zero);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(name(t.recipients[i].result) == "delivered");
    CHECK(t.recipients[i].at == zero);
  }
  CHECK(t.recipients[0].attempts == 1);
  CHECK(t.recipients[2].attempts == 2);
  CHECK(count_events(t, 3) == 2);
}

TEST_CASE("delivery_sim: STARTTLS required bounces at once with a configuration alert, or is held") {
  const ds::timeline t = play(load("starttls-required.scenario"));
  REQUIRE(t.events.size() == 1);
  CHECK(name(t.events[0].action) == "fix_configuration");
  CHECK(name(t.events[0].decision.why) == "permanent");
  CHECK(t.events[0].decision.alert == rp::operator_alert::configuration);
  CHECK(name(t.recipients[0].result) == "bounce");
  CHECK(t.recipients[0].at == zero);
  CHECK(t.alerts == 1);

  const ds::timeline held = play(load("starttls-hold.scenario"));
  CHECK(name(held.recipients[0].result) == "delivered");
  CHECK(held.recipients[0].at >= zero + hours(2));
  CHECK(held.alerts == held.events.size() - 1);  // every refusal alerted
  CHECK(name(held.events[0].decision.why) == "configuration_hold");
}

TEST_CASE("delivery_sim: a blocklisting is retried with soft bounce on, and bounces with it off") {
  ds::scenario s = load("blocklist-soft-bounce.scenario");
  CHECK(s.config.soft_bounce);
  const ds::timeline on = play(s);
  CHECK(name(on.events[0].reason) == "blocklisted");
  CHECK(name(on.events[0].decision.why) == "soft_bounce");
  CHECK(name(on.recipients[0].result) == "delivered");
  CHECK(on.recipients[0].at >= zero + hours(8));
  CHECK(on.alerts == on.events.size() - 1);

  s.config.soft_bounce = false;
  const ds::timeline off = play(s);
  CHECK(off.sessions == 1);
  CHECK(name(off.recipients[0].result) == "bounce");
  CHECK(name(off.recipients[0].why) == "permanent");
}

TEST_CASE("delivery_sim: a recipient whose lifetime ends while its host is paused bounces at the lifetime") {
  bool ok = false;
  ds::scenario_error error;
  ds::scenario s = parse_text(
      "policy queue_lifetime 30m\n"
      "policy host_pause_base 2h\n"
      "from 0s greeting 421 4.3.2 Service not available\n",
      error, ok);
  REQUIRE(ok);
  const ds::timeline t = play(s);
  REQUIRE(t.events.size() == 1);
  CHECK(t.events[0].decision.retry_at == zero + minutes(30));  // clamped to the lifetime
  const ds::recipient_outcome& r = t.recipients[0];
  CHECK(name(r.result) == "bounce");
  CHECK(name(r.why) == "queue_lifetime");
  CHECK(r.expired_waiting);
  CHECK(r.at == zero + minutes(30));
  CHECK(r.attempts == 1);
}

TEST_CASE("delivery_sim: scripted replies: a session's own reply beats the one in force, the last written wins") {
  bool ok = false;
  ds::scenario_error error;
  const ds::scenario s = parse_text(
      "title precedence\n"
      "seed 9\n"
      "recipients 2\n"
      "from 0s   rcpt 451 4.3.0 first\n"
      "from 10m  rcpt 451 4.3.0 second\n"
      "from 10m  rcpt 451 4.3.0 third\n"
      "attempt 2 RCPT 452 4.3.1 only in session two\n"
      "from 0s   rcpt#2 450 4.2.1 second recipient\n"
      "from 0s   greeting 421-4.3.2 first line\n"
      "    421 4.3.2 second line\n"
      "from 1s   greeting 220 ok\n",
      error, ok);
  REQUIRE_MESSAGE(ok, error.message);
  CHECK(s.title == "precedence");
  CHECK(s.seed == 9);
  CHECK(s.recipients == 2);
  CHECK(ds::detail::reply_to(s, rp::smtp_command::rcpt, 1, 1, seconds(0)) == "451 4.3.0 first\r\n");
  CHECK(ds::detail::reply_to(s, rp::smtp_command::rcpt, 1, 3, minutes(10)) == "451 4.3.0 third\r\n");
  CHECK(ds::detail::reply_to(s, rp::smtp_command::rcpt, 1, 2, minutes(20)) == "452 4.3.1 only in session two\r\n");
  CHECK(ds::detail::reply_to(s, rp::smtp_command::rcpt, 2, 1, seconds(5)) == "450 4.2.1 second recipient\r\n");
  CHECK(ds::detail::reply_to(s, rp::smtp_command::greeting, 0, 1, seconds(0)) ==
        "421-4.3.2 first line\r\n421 4.3.2 second line\r\n");
  CHECK(ds::detail::reply_to(s, rp::smtp_command::mail, 0, 1, seconds(0)) == "250 2.1.0 Ok\r\n");
}

TEST_CASE("delivery_sim: the policy lines set every field, with units") {
  bool ok = false;
  ds::scenario_error error;
  const ds::scenario s = parse_text(
      "policy backoff_base 90\npolicy backoff_cap 1h30m\npolicy backoff_floor 0s\npolicy queue_lifetime 4d\n"
      "policy mailbox_full_lifetime 12h\npolicy greylist_delay 10m\npolicy greylist_fixed_retries 2\n"
      "policy host_pause_base 1m\npolicy host_pause_cap 2h\npolicy initial_concurrency 3\n"
      "policy maximum_concurrency 10\npolicy minimum_concurrency 2\npolicy split_limit 7\n"
      "policy soft_bounce on\npolicy hold-on-configuration-error yes\n"
      "from +0s rcpt 250 ok\n",
      error, ok);
  REQUIRE_MESSAGE(ok, error.message);
  const rp::policy_config& c = s.config;
  CHECK(c.backoff_base == seconds(90));
  CHECK(c.backoff_cap == minutes(90));
  CHECK(c.backoff_floor == seconds(0));
  CHECK(c.queue_lifetime == 4 * day);
  CHECK(c.mailbox_full_lifetime == hours(12));
  CHECK(c.greylist_delay == minutes(10));
  CHECK(c.greylist_fixed_retries == 2);
  CHECK(c.host_pause_base == minutes(1));
  CHECK(c.host_pause_cap == hours(2));
  CHECK(c.initial_concurrency == 3);
  CHECK(c.maximum_concurrency == 10);
  CHECK(c.minimum_concurrency == 2);
  CHECK(c.split_limit == 7);
  CHECK(c.soft_bounce);
  CHECK(c.hold_on_configuration_error);
}

TEST_CASE("delivery_sim: malformed scenarios are refused with the line and the reason") {
  struct bad {
    const char* text;
    std::size_t line;
    const char* says;
  };
  const bad cases[] = {
      {"from 0s rcpt 250 ok\nfrobnicate 3\n", 2, "unknown keyword"},
      {"from soon rcpt 250 ok\n", 1, "not a duration"},
      {"from 5x rcpt 250 ok\n", 1, "not a duration"},
      {"from 0s helo-there 250 ok\n", 1, "not a command"},
      {"from 0s rcpt\n", 1, "reply is missing"},
      {"from 0s rcpt#0 250 ok\n", 1, "rcpt#N"},
      {"from 0s mail#2 250 ok\n", 1, "only rcpt"},
      {"attempt 0 rcpt 250 ok\n", 1, "attempt wants"},
      {"# nothing\n\n", 2, "no reply"},
      {"   250 ok\n", 1, "no reply precedes"},
      {"from 0s rcpt hello there\n", 1, "not one SMTP reply"},
      {"from 0s rcpt 250-first\n\nfrom 1s rcpt 250 ok\n", 1, "not one SMTP reply"},
      {"policy backoff_base soon\nfrom 0s rcpt 250 ok\n", 1, "not a duration"},
      {"policy soft_bounce maybe\nfrom 0s rcpt 250 ok\n", 1, "not on or off"},
      {"policy minimum_concurrency 70000\nfrom 0s rcpt 250 ok\n", 1, "not a count"},
      {"policy retry_forever on\nfrom 0s rcpt 250 ok\n", 1, "no policy field"},
      {"recipients 0\nfrom 0s rcpt 250 ok\n", 1, "recipients wants"},
      {"seed x\nfrom 0s rcpt 250 ok\n", 1, "seed wants"},
  };
  for (const bad& b : cases) {
    CAPTURE(b.text);
    bool ok = true;
    ds::scenario_error error;
    parse_text(b.text, error, ok);
    CHECK_FALSE(ok);
    CHECK(error.line == b.line);
    CHECK(error.message.find(b.says) != std::string::npos);
  }
}

TEST_CASE("delivery_sim: times and durations print the way people read them") {
  CHECK(ds::format_time(zero) == "0d 00:00:00");
  CHECK(ds::format_time(zero + 2 * day + hours(3) + minutes(4) + seconds(5)) == "2d 03:04:05");
  CHECK(ds::format_duration(seconds(47)) == "47s");
  CHECK(ds::format_duration(minutes(6)) == "6m");
  CHECK(ds::format_duration(seconds(334)) == "5m 34s");
  CHECK(ds::format_duration(minutes(65)) == "1h 05m");
  CHECK(ds::format_duration(hours(4)) == "4h");
  CHECK(ds::format_duration(2 * day + hours(3)) == "2d 3h");
  CHECK(ds::format_duration(5 * day) == "5d");
}
