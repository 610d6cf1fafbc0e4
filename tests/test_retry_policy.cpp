// The example retry policy (examples/retry_policy): every rule, with a fake
// clock and a seeded random source, including the edges (exact lifetimes,
// jitter bounds, the cap).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include <smtp_reply/classify.hpp>

#include "../examples/retry_policy/retry_policy.hpp"
#include "support.hpp"

namespace {

namespace rp = retry_policy;
using rp::basis;
using rp::scope;
using rp::smtp_command;
using rp::verdict;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// An arbitrary start, far from zero, so no rule works only from time zero.
constexpr rp::time_point t0{hours(480000)};
constexpr seconds day = hours(24);

std::string name(verdict v) { return std::string(rp::to_string(v)); }
std::string name(basis b) { return std::string(rp::to_string(b)); }
std::string name(scope s) { return std::string(rp::to_string(s)); }
std::string name(rp::operator_alert a) { return std::string(rp::to_string(a)); }
std::string name(smtp_reply::reason r) { return std::string(smtp_reply::to_string(r)); }
std::string name(smtp_reply::action a) { return std::string(smtp_reply::to_string(a)); }

/** Seconds from `from` to `to`. */
std::int64_t after(rp::time_point from, rp::time_point to) { return (to - from).count(); }

/** One decision about a reply, everything else at its default unless given. */
struct ask {
  rp::policy_config config{};
  rp::attempt_history history = rp::new_recipient(t0);
  rp::host_state host = rp::new_host(rp::policy_config{});
  rp::time_point now = t0;
  std::uint64_t seed = 1;

  rp::decision operator()(const char* reply, smtp_command answered) const {
    rp::splitmix64 random(seed);
    return rp::decide(config, smtp_reply::classify(reply), answered, history, host, now, random);
  }
};

}  // namespace

TEST_CASE("retry_policy: splitmix64 gives the reference sequence and replays from its seed") {
  rp::splitmix64 a(0);
  CHECK(a() == 0xE220A8397B1DCDAFULL);  // the published splitmix64 outputs for seed 0
  CHECK(a() == 0x6E789E6AA1B965F4ULL);
  CHECK(a() == 0x06C45D188009454FULL);
  rp::splitmix64 b(42);
  rp::splitmix64 c(42);
  for (int i = 0; i < 100; ++i) CHECK(b() == c());
}

TEST_CASE("retry_policy: uniform() stays in its bounds, reaches both ends, and handles the extremes") {
  rp::splitmix64 random(7);
  bool saw_low = false;
  bool saw_high = false;
  for (int i = 0; i < 2000; ++i) {
    const std::uint64_t x = rp::uniform(random, 10, 13);
    CHECK(x >= 10);
    CHECK(x <= 13);
    saw_low = saw_low || x == 10;
    saw_high = saw_high || x == 13;
  }
  CHECK(saw_low);
  CHECK(saw_high);
  CHECK(rp::uniform(random, 5, 5) == 5);
  (void)rp::uniform(random, 0, std::numeric_limits<std::uint64_t>::max());  // the whole range: no overflow
  std::mt19937_64 standard(3);
  CHECK(rp::uniform(standard, 1, 1) == 1);
}

TEST_CASE("retry_policy: the backoff ceiling doubles from the base up to the cap, never past it") {
  const rp::policy_config c{};
  CHECK(c.backoff_base == minutes(10));
  CHECK(c.backoff_cap == hours(4));
  CHECK(rp::backoff_ceiling(c, 0) == minutes(10));
  CHECK(rp::backoff_ceiling(c, 1) == minutes(20));
  CHECK(rp::backoff_ceiling(c, 2) == minutes(40));
  CHECK(rp::backoff_ceiling(c, 3) == minutes(80));
  CHECK(rp::backoff_ceiling(c, 4) == minutes(160));
  CHECK(rp::backoff_ceiling(c, 5) == hours(4));  // 320 minutes, capped
  CHECK(rp::backoff_ceiling(c, 6) == hours(4));
  CHECK(rp::backoff_ceiling(c, 1000) == hours(4));
  CHECK(rp::backoff_ceiling(c, std::numeric_limits<std::uint32_t>::max()) == hours(4));

  rp::policy_config odd{};
  odd.backoff_base = hours(10);  // a base above the cap is the cap
  CHECK(rp::backoff_ceiling(odd, 0) == hours(4));
  odd.backoff_base = seconds(0);
  CHECK(rp::backoff_ceiling(odd, 40) == seconds(0));
  odd.backoff_base = seconds(7);
  odd.backoff_cap = seconds(100);
  CHECK(rp::backoff_ceiling(odd, 3) == seconds(56));
  CHECK(rp::backoff_ceiling(odd, 4) == seconds(100));
}

TEST_CASE("retry_policy: full jitter stays within [0, min(cap, base * 2^n)], above the floor, and spreads") {
  rp::policy_config c{};
  rp::splitmix64 random(99);
  for (std::uint32_t n = 0; n < 12; ++n) {
    const seconds ceiling = rp::backoff_ceiling(c, n);
    seconds low = ceiling;
    seconds high = seconds(0);
    for (int i = 0; i < 3000; ++i) {
      const seconds d = rp::jittered_backoff(c, n, random);
      CHECK(d >= c.backoff_floor);
      CHECK(d <= ceiling);
      if (d < low) low = d;
      if (d > high) high = d;
    }
    CAPTURE(n);
    CHECK(low < c.backoff_floor + ceiling / 20);  // reaches down to the floor...
    CHECK(high > ceiling - ceiling / 20);         // ...and up to the ceiling
  }

  // Textbook full jitter (no floor): mean half the ceiling.
  c.backoff_floor = seconds(0);
  double sum = 0;
  const int draws = 20000;
  for (int i = 0; i < draws; ++i) {
    const seconds d = rp::jittered_backoff(c, 2, random);
    CHECK(d >= seconds(0));
    CHECK(d <= minutes(40));
    sum += static_cast<double>(d.count());
  }
  CHECK(sum / draws == doctest::Approx(1200.0).epsilon(0.03));

  // A floor above the ceiling is the ceiling: no delay above it.
  c.backoff_floor = hours(1);
  CHECK(rp::jittered_backoff(c, 0, random) == minutes(10));
}

TEST_CASE("retry_policy: an ordinary 4yz retries after a jittered delay that grows with the failures") {
  ask q;
  for (std::uint32_t n = 0; n < 10; ++n) {
    q.history.failures = n;
    q.now = t0 + hours(n);
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
      q.seed = seed;
      const rp::decision d = q("451 4.3.0 Temporary lookup failure\r\n", smtp_command::rcpt);
      REQUIRE(d.what == verdict::retry);
      CHECK(name(d.why) == "backoff");
      CHECK(name(d.applies_to) == "recipient");
      CHECK(after(q.now, d.retry_at) >= 60);
      CHECK(after(q.now, d.retry_at) <= rp::backoff_ceiling(q.config, n).count());
      CHECK(d.history.failures == n + 1);
      CHECK(d.history.last_code == 451);
      CHECK(d.history.last_failure == q.now);
      CHECK_FALSE(d.pause_host);
      CHECK(d.host.paused_until == q.host.paused_until);
    }
  }
  q.history.failures = 60;  // deep in the queue: the cap holds
  const rp::decision d = q("451 4.3.0 Temporary lookup failure\r\n", smtp_command::rcpt);
  CHECK(after(q.now, d.retry_at) <= 4 * 3600);
}

TEST_CASE("retry_policy: decisions replay exactly from the same seed, and any 64-bit generator works") {
  ask q;
  q.history.failures = 3;
  q.seed = 1234;
  const rp::decision a = q("421 4.4.2 Connection timed out\r\n", smtp_command::data);
  const rp::decision b = q("421 4.4.2 Connection timed out\r\n", smtp_command::data);
  CHECK(a.retry_at == b.retry_at);
  q.seed = 1235;
  bool differs = false;
  for (std::uint64_t seed = 1235; seed < 1245 && !differs; ++seed) {
    q.seed = seed;
    differs = q("421 4.4.2 Connection timed out\r\n", smtp_command::data).retry_at != a.retry_at;
  }
  CHECK(differs);

  std::mt19937_64 standard(5);
  const rp::decision m = rp::decide(rp::policy_config{}, smtp_reply::classify("451 4.3.0 Try later\r\n"),
                                    smtp_command::rcpt, rp::new_recipient(t0), rp::new_host(rp::policy_config{}),
                                    t0, standard);
  CHECK(m.what == verdict::retry);
}

TEST_CASE("retry_policy: decide() is a constexpr pure function") {
  struct check {
    // The classification of "450 4.2.0 Greylisted", built by hand so that only
    // the policy is evaluated at compile time.
    static constexpr smtp_reply::classification greylisted() {
      smtp_reply::classification c{};
      c.code = 450;
      c.enhanced = smtp_reply::enhanced_code{4, 2, 0};
      c.reply_class = smtp_reply::reply_class::transient;
      c.reason = smtp_reply::reason::greylisted;
      c.action = smtp_reply::action_for(c.reply_class, c.reason);
      c.retryable = true;
      return c;
    }
    static constexpr rp::decision decide() {
      rp::splitmix64 random(1);
      const rp::policy_config c{};
      return rp::decide(c, greylisted(), smtp_command::rcpt, rp::new_recipient(t0), rp::new_host(c), t0, random);
    }
  };
  static_assert(check::decide().what == verdict::retry, "decided at compile time");
  static_assert(check::decide().retry_at == t0 + minutes(6), "the fixed greylist delay");
  static_assert(rp::backoff_ceiling(rp::policy_config{}, 2) == minutes(40), "constexpr ceiling");
  CHECK(check::decide().why == basis::greylist_delay);
  const rp::decision at_run_time = ask{}("450 4.2.0 Greylisted\r\n", smtp_command::rcpt);
  CHECK(at_run_time.retry_at == check::decide().retry_at);
}

TEST_CASE("retry_policy: the queue lifetime: a retry one second before it, a bounce at it, reporting the reply") {
  ask q;
  q.history.failures = 30;
  const char* outage = "421 4.3.2 mx.example.com Service not available\r\n";

  q.now = t0 + 5 * day - seconds(1);
  rp::decision d = q(outage, smtp_command::greeting);
  REQUIRE(d.what == verdict::retry);
  CHECK(d.retry_at == t0 + 5 * day);  // the last attempt lands on the lifetime, not after it

  q.now = t0 + 5 * day - hours(3);
  for (std::uint64_t seed = 1; seed < 40; ++seed) {
    q.seed = seed;
    d = q(outage, smtp_command::greeting);
    REQUIRE(d.what == verdict::retry);
    CHECK(d.retry_at <= t0 + 5 * day);
  }

  q.now = t0 + 5 * day;
  d = q(outage, smtp_command::greeting);
  CHECK(name(d.what) == "bounce");
  CHECK(name(d.why) == "queue_lifetime");
  CHECK(d.history.last_code == 421);
  CHECK(d.history.last_enhanced == smtp_reply::enhanced_code{4, 3, 2});
  CHECK(name(d.history.last_reason) == "server_error");
  CHECK(d.history.last_failure == q.now);
  CHECK(d.pause_host);  // the host is still paused for the other messages

  q.now = t0 + 6 * day;
  CHECK(q(outage, smtp_command::greeting).what == verdict::bounce);

  q.config.queue_lifetime = hours(2);  // the lifetime is a parameter
  q.now = t0 + hours(2) - seconds(1);
  CHECK(q(outage, smtp_command::greeting).what == verdict::retry);
  q.now = t0 + hours(2);
  CHECK(q(outage, smtp_command::greeting).what == verdict::bounce);

  CHECK(rp::expiry_of(rp::policy_config{}, rp::new_recipient(t0)).at == t0 + 5 * day);
  CHECK(name(rp::expiry_of(rp::policy_config{}, rp::new_recipient(t0)).why) == "queue_lifetime");
}

TEST_CASE("retry_policy: greylisting gets one retry after the fixed delay, then the ordinary backoff") {
  const char* greylisted = "450 4.2.0 <a@example.net>: Recipient address rejected: Greylisted, try again later\r\n";
  REQUIRE(name(smtp_reply::classify(greylisted).reason) == "greylisted");
  ask q;
  q.now = t0 + minutes(3);

  rp::decision d = q(greylisted, smtp_command::rcpt);
  CHECK(name(d.what) == "retry");
  CHECK(name(d.why) == "greylist_delay");
  CHECK(d.retry_at == q.now + minutes(6));
  CHECK(name(d.applies_to) == "recipient");
  CHECK_FALSE(d.pause_host);
  CHECK_FALSE(d.lower_concurrency);
  CHECK(d.history.greylisted == 1);
  CHECK(d.history.failures == 1);

  q.history = d.history;
  q.now = d.retry_at;
  for (std::uint64_t seed = 1; seed < 30; ++seed) {
    q.seed = seed;
    d = q(greylisted, smtp_command::rcpt);
    CHECK(name(d.why) == "backoff");
    CHECK(after(q.now, d.retry_at) >= 60);
    CHECK(after(q.now, d.retry_at) <= rp::backoff_ceiling(q.config, 1).count());
    CHECK(d.history.greylisted == 2);
  }

  q.config.greylist_fixed_retries = 2;  // the limit is a parameter...
  q.config.greylist_delay = minutes(10);  // ...and so is the delay
  d = q(greylisted, smtp_command::rcpt);
  CHECK(name(d.why) == "greylist_delay");
  CHECK(d.retry_at == q.now + minutes(10));

  // A greylister that answers 5yz is still greylisting (taxonomy: same action in both classes).
  ask p;
  d = p("550 5.7.1 Greylisted, please try again in 5 minutes\r\n", smtp_command::rcpt);
  REQUIRE(name(smtp_reply::classify("550 5.7.1 Greylisted, please try again in 5 minutes\r\n").reason) ==
          "greylisted");
  CHECK(name(d.why) == "greylist_delay");

  // At DATA it concerns the whole message.
  CHECK(name(p(greylisted, smtp_command::end_of_data).applies_to) == "message");

  // Never past the queue lifetime.
  p.now = t0 + 5 * day - minutes(2);
  CHECK(p(greylisted, smtp_command::rcpt).retry_at == t0 + 5 * day);
}

TEST_CASE("retry_policy: a rate limit pauses the whole host, halves its concurrency, and the message waits") {
  const char* limited = "421 4.7.28 Our system has detected an unusual rate of unsolicited mail\r\n";
  REQUIRE(name(smtp_reply::classify(limited).reason) == "rate_limited");
  ask q;
  rp::decision d = q(limited, smtp_command::end_of_data);
  CHECK(name(d.what) == "retry");
  CHECK(name(d.why) == "rate_limit");
  CHECK(name(d.applies_to) == "host");
  CHECK(d.pause_host);
  CHECK(d.host.paused_until == t0 + minutes(5));
  CHECK(d.host.failures == 1);
  CHECK(d.lower_concurrency);
  CHECK(d.host.concurrency == 2);  // 5 / 2
  CHECK(d.retry_at >= d.host.paused_until);
  CHECK(d.alert == rp::operator_alert::none);  // handled by slowing down

  q.host = d.host;
  q.history = d.history;
  q.now = d.retry_at;
  d = q(limited, smtp_command::end_of_data);
  CHECK(d.host.paused_until == q.now + minutes(10));
  CHECK(d.host.concurrency == 1);
  CHECK(d.retry_at >= d.host.paused_until);

  q.host = d.host;
  d = q(limited, smtp_command::end_of_data);
  CHECK(d.host.concurrency == 1);  // the minimum
  CHECK_FALSE(d.lower_concurrency);

  q.host.failures = 20;  // the pause is capped
  CHECK(q(limited, smtp_command::end_of_data).host.paused_until == q.now + hours(1));
  q.host.paused_until = q.now + hours(3);  // a longer pause in force is kept
  CHECK(q(limited, smtp_command::end_of_data).host.paused_until == q.now + hours(3));
  CHECK(q(limited, smtp_command::end_of_data).retry_at >= q.now + hours(3));

  // At RCPT too, a rate limit concerns the host, not the recipient.
  ask r;
  d = r("450 4.7.28 Rate limit exceeded, try again later\r\n", smtp_command::rcpt);
  CHECK(name(d.applies_to) == "host");
  CHECK(d.lower_concurrency);

  // The pause schedule itself.
  const rp::policy_config c{};
  CHECK(rp::host_pause(c, 0) == minutes(5));
  CHECK(rp::host_pause(c, 1) == minutes(10));
  CHECK(rp::host_pause(c, 3) == minutes(40));
  CHECK(rp::host_pause(c, 4) == hours(1));
  CHECK(rp::host_pause(c, 4000000000U) == hours(1));
}

TEST_CASE("retry_policy: 421 at the greeting or EHLO pauses the host and lowers its concurrency") {
  ask q;
  for (smtp_command c : {smtp_command::greeting, smtp_command::ehlo}) {
    const rp::decision d = q("421 4.3.2 Service not available, closing transmission channel\r\n", c);
    CHECK(name(d.applies_to) == "host");
    CHECK(d.pause_host);
    CHECK(d.lower_concurrency);
    CHECK(d.host.concurrency == 2);
    CHECK(name(d.why) == "backoff");
  }
  // 421 later in the session closes the connection: host-wide pause, same concurrency.
  const rp::decision d = q("421 4.3.2 Service shutting down\r\n", smtp_command::rcpt);
  CHECK(name(d.applies_to) == "host");
  CHECK(d.pause_host);
  CHECK_FALSE(d.lower_concurrency);
  CHECK(d.host.concurrency == 5);
}

TEST_CASE("retry_policy: a delivery wins a connection back and clears the host's failures") {
  ask q;
  q.host.concurrency = 2;
  q.host.failures = 4;
  rp::decision d = q("250 2.0.0 Ok: queued as 4F2C1\r\n", smtp_command::end_of_data);
  CHECK(name(d.what) == "delivered");
  CHECK(name(d.why) == "accepted");
  CHECK(d.host.concurrency == 3);
  CHECK(d.host.failures == 0);
  q.host.concurrency = 20;
  CHECK(q("250 2.0.0 Ok\r\n", smtp_command::end_of_data).host.concurrency == 20);  // the maximum

  // Accepted before the end of data: carry on, nothing changes.
  for (smtp_command c : {smtp_command::greeting, smtp_command::ehlo, smtp_command::mail, smtp_command::rcpt}) {
    d = q("250 2.1.5 Ok\r\n", c);
    CHECK(name(d.what) == "proceed");
    CHECK(d.host.concurrency == q.host.concurrency);
  }
  CHECK(name(q("354 End data with <CR><LF>.<CR><LF>\r\n", smtp_command::data).what) == "proceed");
  CHECK(name(q("220 mx.example.net ESMTP\r\n", smtp_command::greeting).what) == "proceed");
}

TEST_CASE("retry_policy: a full mailbox is retried for the shorter lifetime, from its first such reply") {
  const char* full = "452 4.2.2 <bob@example.org>: Recipient address rejected: Mailbox full\r\n";
  ask q;
  const rp::time_point first = t0 + hours(30);
  q.now = first;
  rp::decision d = q(full, smtp_command::rcpt);
  REQUIRE(d.what == verdict::retry);
  CHECK(name(d.why) == "mailbox_full");
  CHECK(d.history.mailbox_full_seen);
  CHECK(d.history.mailbox_full_since == first);
  CHECK(rp::expiry_of(q.config, d.history).at == first + day);
  CHECK(name(rp::expiry_of(q.config, d.history).why) == "mailbox_full_lifetime");

  q.history = d.history;
  q.history.failures = 12;
  q.now = first + day - seconds(1);
  d = q(full, smtp_command::rcpt);
  CHECK(name(d.what) == "retry");
  CHECK(d.retry_at == first + day);
  CHECK(d.history.mailbox_full_since == first);  // counted from the first full reply

  q.now = first + day;
  d = q(full, smtp_command::rcpt);
  CHECK(name(d.what) == "bounce");
  CHECK(name(d.why) == "mailbox_full_lifetime");
  CHECK(d.history.last_enhanced == smtp_reply::enhanced_code{4, 2, 2});
  CHECK_FALSE(d.suppress_recipient);

  // Another failure in between: the shorter lifetime applies only while the mailbox is full.
  d = q("451 4.3.0 Temporary failure\r\n", smtp_command::rcpt);
  CHECK(name(d.what) == "retry");

  // 552 5.2.2 is retried too (taxonomy: a full mailbox is retried for a while, whatever the class).
  ask p;
  d = p("552 5.2.2 The email account that you tried to reach is over quota\r\n", smtp_command::rcpt);
  CHECK(name(d.why) == "mailbox_full");

  // The queue lifetime still bounds it.
  p.config.mailbox_full_lifetime = 10 * day;
  p.now = t0 + 5 * day;
  CHECK(name(p(full, smtp_command::rcpt).why) == "queue_lifetime");
}

TEST_CASE("retry_policy: the soft-bounce switch, off by default, retries 5yz replies with a temporary reason") {
  const char* blocked = "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org\r\n";
  const char* local_error = "550 5.3.0 Local error in processing\r\n";
  REQUIRE(name(smtp_reply::classify(blocked).reason) == "blocklisted");
  REQUIRE(smtp_reply::classify(local_error).temporary_reason);

  ask off;
  CHECK_FALSE(off.config.soft_bounce);
  rp::decision d = off(blocked, smtp_command::rcpt);
  CHECK(name(d.what) == "bounce");
  CHECK(name(d.why) == "permanent");
  CHECK(name(d.alert) == "reputation");
  CHECK_FALSE(d.pause_host);
  CHECK(name(off(local_error, smtp_command::end_of_data).what) == "bounce");

  ask on;
  on.config.soft_bounce = true;
  d = on(blocked, smtp_command::rcpt);
  CHECK(name(d.what) == "retry");
  CHECK(name(d.why) == "soft_bounce");
  CHECK(name(d.applies_to) == "host");  // a blocklisting is about our address, for every recipient there
  CHECK(d.pause_host);
  CHECK(name(d.alert) == "reputation");
  d = on(local_error, smtp_command::end_of_data);
  CHECK(name(d.why) == "soft_bounce");
  CHECK(name(d.applies_to) == "message");

  // Soft bounce never retries what is permanent for good.
  CHECK(name(on("550 5.1.1 User unknown\r\n", smtp_command::rcpt).what) == "bounce");
  CHECK(name(on("552 5.3.4 Message size exceeds fixed limit\r\n", smtp_command::end_of_data).what) == "bounce");

  // Soft-bounced mail still ends at the queue lifetime.
  on.now = t0 + 5 * day;
  CHECK(name(on(blocked, smtp_command::rcpt).why) == "queue_lifetime");
}

TEST_CASE("retry_policy: the command answered decides whether a failure is the host's, the message's or the recipient's") {
  const char* transient = "451 4.3.0 Temporary failure, try again\r\n";
  ask q;
  struct expectation {
    smtp_command command;
    const char* scope;
    bool pauses_host;
  };
  const expectation table[] = {
      {smtp_command::greeting, "host", true},  {smtp_command::ehlo, "host", true},
      {smtp_command::starttls, "host", true},  {smtp_command::auth, "host", true},
      {smtp_command::mail, "message", false},  {smtp_command::rcpt, "recipient", false},
      {smtp_command::data, "message", false},  {smtp_command::end_of_data, "message", false},
  };
  for (const expectation& e : table) {
    CAPTURE(rp::to_string(e.command));
    const rp::decision d = q(transient, e.command);
    CHECK(name(d.what) == "retry");
    CHECK(name(d.applies_to) == e.scope);
    CHECK(d.pause_host == e.pauses_host);
    CHECK_FALSE(d.lower_concurrency);  // only rate limits and 421 at connection time
  }

  // Permanent: a refusal at the greeting is the host's; an unknown user after DATA, the message's.
  rp::decision d = q("554 5.7.1 No SMTP service here\r\n", smtp_command::greeting);
  CHECK(name(d.what) == "bounce");
  CHECK(name(d.applies_to) == "host");
  d = q("550 5.1.1 No such user\r\n", smtp_command::end_of_data);
  CHECK(name(d.applies_to) == "message");
  CHECK(d.suppress_recipient);
  CHECK(name(q("550 5.1.1 No such user\r\n", smtp_command::rcpt).applies_to) == "recipient");
}

TEST_CASE("retry_policy: addresses that do not exist or take no mail bounce at once and are suppressed") {
  ask q;
  for (const char* reply : {"550 5.1.1 <x@example.org>: Recipient address rejected: User unknown\r\n",
                            "550 5.2.1 This mailbox is disabled\r\n", "550 5.1.2 Host or domain name not found\r\n",
                            "521 5.1.10 example.org does not accept mail (null MX)\r\n"}) {
    CAPTURE(reply);
    const rp::decision d = q(reply, smtp_command::rcpt);
    CHECK(name(d.what) == "bounce");
    CHECK(name(d.why) == "permanent");
    CHECK(d.suppress_recipient);
    CHECK(d.history.failures == 0);  // no retry was counted
  }
  // A transient "unknown" is a check that failed for now: retried, never suppressed.
  const rp::decision d = q("450 4.1.1 <x@example.org>: Recipient address rejected: unverified address\r\n",
                           smtp_command::rcpt);
  CHECK(name(d.what) == "retry");
  CHECK_FALSE(d.suppress_recipient);
  // Other permanent failures bounce without suppressing.
  CHECK_FALSE(q("552 5.3.4 Message too big\r\n", smtp_command::end_of_data).suppress_recipient);
}

TEST_CASE("retry_policy: too many recipients sends the rest in a new transaction at once, up to a limit") {
  const char* too_many = "452 4.5.3 Error: too many recipients\r\n";
  ask q;
  q.now = t0 + minutes(1);
  rp::decision d = q(too_many, smtp_command::rcpt);
  CHECK(name(d.what) == "retry");
  CHECK(name(d.why) == "split");
  CHECK(d.split);
  CHECK(d.retry_at == q.now);  // at once
  CHECK(d.history.failures == 0);  // not a failure
  CHECK(d.history.splits == 1);
  CHECK_FALSE(d.pause_host);

  CHECK(q("552 5.5.3 Too many recipients\r\n", smtp_command::rcpt).split);  // RFC 5321 4.5.3.1.10: 552 too

  q.history.splits = q.config.split_limit;  // a server that refuses every RCPT so: an ordinary failure
  d = q(too_many, smtp_command::rcpt);
  CHECK_FALSE(d.split);
  CHECK(name(d.why) == "backoff");
  CHECK(d.history.failures == 1);
  CHECK(d.history.splits == 0);

  q.history.splits = 3;  // an accepted RCPT resets the count
  CHECK(q("250 2.1.5 Ok\r\n", smtp_command::rcpt).history.splits == 0);
}

TEST_CASE("retry_policy: configuration errors alert the operator, and bounce unless held") {
  const char* starttls = "530 5.7.0 Must issue a STARTTLS command first\r\n";
  REQUIRE(name(smtp_reply::classify(starttls).action) == "fix_configuration");
  ask q;
  rp::decision d = q(starttls, smtp_command::mail);
  CHECK(name(d.what) == "bounce");
  CHECK(name(d.alert) == "configuration");
  CHECK(name(d.applies_to) == "host");  // TLS is about the session with that host

  for (const char* reply : {"535 5.7.8 Authentication credentials invalid\r\n",
                            "554 5.7.1 <x@example.org>: Relay access denied\r\n",
                            "550 5.7.25 The IP address sending this message does not have a PTR record\r\n",
                            "550 5.7.26 Unauthenticated email is not accepted from this domain (DMARC)\r\n"}) {
    CAPTURE(reply);
    CHECK(name(q(reply, smtp_command::rcpt).alert) == "configuration");
  }
  CHECK(name(q("500 5.5.1 Command unrecognized\r\n", smtp_command::mail).alert) == "client");
  CHECK(name(q("454 4.7.0 TLS not available due to local problem\r\n", smtp_command::starttls).what) == "retry");

  q.config.hold_on_configuration_error = true;
  d = q(starttls, smtp_command::mail);
  CHECK(name(d.what) == "retry");
  CHECK(name(d.why) == "configuration_hold");
  CHECK(name(d.alert) == "configuration");
  q.now = t0 + 5 * day;
  CHECK(name(q(starttls, smtp_command::mail).why) == "queue_lifetime");
  // Holding applies to configuration errors only.
  CHECK(name(q("550 5.1.1 No such user\r\n", smtp_command::rcpt).what) == "bounce");
}

TEST_CASE("retry_policy: a reply that does not parse is a transient failure, and never a bounce") {
  ask q;
  const rp::decision d = q("this is not SMTP\r\n", smtp_command::rcpt);
  CHECK(name(d.what) == "retry");
  CHECK(name(d.why) == "unparsed");
  CHECK(d.history.failures == 1);
  CHECK(name(q("garbage\r\n", smtp_command::greeting).applies_to) == "host");
}

TEST_CASE("retry_policy: a retry never comes before the end of a host pause already in force") {
  ask q;
  q.host.paused_until = t0 + minutes(45);
  for (std::uint64_t seed = 1; seed < 20; ++seed) {
    q.seed = seed;
    CHECK(q("451 4.3.0 Try again later\r\n", smtp_command::rcpt).retry_at >= t0 + minutes(45));
  }
}

TEST_CASE("retry_policy: decide() allocates nothing") {
  const rp::policy_config config{};
  const smtp_reply::classification replies[] = {
      smtp_reply::classify("451 4.3.0 Try again later\r\n"),
      smtp_reply::classify("450 4.2.0 Greylisted, try again later\r\n"),
      smtp_reply::classify("421 4.7.28 Rate limited\r\n"),
      smtp_reply::classify("452 4.5.3 Too many recipients\r\n"),
      smtp_reply::classify("550 5.1.1 No such user\r\n"),
      smtp_reply::classify("250 2.0.0 Ok\r\n"),
  };
  rp::splitmix64 random(1);
  rp::attempt_history history = rp::new_recipient(t0);
  rp::host_state host = rp::new_host(config);
  std::size_t decided = 0;
  const std::size_t allocations = smtp_reply_test::allocations_during([&] {
    for (int round = 0; round < 50; ++round) {
      for (const smtp_reply::classification& c : replies) {
        const rp::decision d = rp::decide(config, c, smtp_command::end_of_data, history, host, t0, random);
        history = d.history;
        host = d.host;
        ++decided;
      }
    }
  });
  CHECK(decided == 300);
  CHECK(allocations == 0);
}
