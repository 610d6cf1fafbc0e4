// retry_policy: an example retry policy for an MTA, built on smtp_reply.
//
// Copy this one header into an MTA. It depends on smtp_reply and the standard
// library only. Given a classified reply, the command it answered, what is
// known about the recipient and the destination host, and the current time,
// `decide()` says what to do: carry on, deliver later at time T, or bounce
// now; and, besides, whether to suppress the address, send the remaining
// recipients in a new transaction, pause the host or lower its concurrency,
// and whether an operator has to fix something.
//
//   retry_policy::policy_config config;                 // defaults: README.md
//   retry_policy::splitmix64 random(seed);               // or std::mt19937_64
//   auto c = smtp_reply::classify(reply_bytes);
//   auto d = retry_policy::decide(config, c, retry_policy::smtp_command::rcpt,
//                                 recipient_history, host, now, random);
//   recipient_history = d.history;  // assign, do not accumulate
//   host = d.host;
//
// `decide()` is a pure function of its arguments: it reads no clock and no
// global state, never allocates and never throws, and is constexpr. The time
// comes in as `now`; the randomness (for jitter) from the generator passed in,
// so a fixed seed replays the same decisions (examples/delivery_sim does).
#ifndef SMTP_REPLY_EXAMPLES_RETRY_POLICY_HPP
#define SMTP_REPLY_EXAMPLES_RETRY_POLICY_HPP

#include <chrono>
#include <cstdint>
#include <limits>
#include <string_view>

#include <smtp_reply/classify.hpp>

namespace retry_policy {

/** Durations, in whole seconds. */
using seconds = std::chrono::seconds;
/** A point in time, in whole seconds. The policy only compares and adds. */
using time_point = std::chrono::time_point<std::chrono::system_clock, seconds>;

/** The command a reply answered (RFC 5321 section 4.3.2 lists the replies each may get). */
enum class smtp_command : std::uint8_t {
  greeting,     ///< the server's opening reply, before any command
  ehlo,         ///< EHLO or HELO
  starttls,     ///< STARTTLS (RFC 3207)
  auth,         ///< AUTH (RFC 4954)
  mail,         ///< MAIL FROM
  rcpt,         ///< RCPT TO
  data,         ///< DATA (the 354 go-ahead, or a refusal)
  end_of_data,  ///< the final "." after the message content
};

/** The stable name of a command, as the simulator's scenario files spell it. */
constexpr std::string_view to_string(smtp_command c) noexcept {
  switch (c) {
    case smtp_command::greeting: return "greeting";
    case smtp_command::ehlo: return "ehlo";
    case smtp_command::starttls: return "starttls";
    case smtp_command::auth: return "auth";
    case smtp_command::mail: return "mail";
    case smtp_command::rcpt: return "rcpt";
    case smtp_command::data: return "data";
    case smtp_command::end_of_data: return "end_of_data";
  }
  return "end_of_data";
}

/**
 * Every number of the policy. Each default is justified here and in README.md
 * against what established MTAs ship: Postfix (minimal_backoff_time 300s,
 * maximal_backoff_time 4000s, maximal_queue_lifetime 5d), Exim (default rule
 * `F,2h,15m; G,16h,1h,1.5; F,4d,6h`), KumoMTA (retry_interval 20 minutes,
 * doubling; max_age 7 days).
 */
struct policy_config {
  /**
   * Ceiling of the first retry's delay; the ceiling doubles with every failed
   * attempt. Full jitter draws the delay uniformly below the ceiling, so the
   * mean first retry comes after about 5 minutes (Postfix's 300 s minimal
   * backoff), the mean second after 10; about three attempts fall in the
   * first hour, as RFC 5321 4.5.4.1 suggests ("two connection attempts in the
   * first hour"). KumoMTA starts at 20 minutes, Exim at a fixed 15.
   */
  seconds backoff_base = std::chrono::minutes(10);
  /**
   * Largest ceiling. With full jitter the mean interval settles at half of
   * it, 2 hours: RFC 5321 4.5.4.1's "one every two or three hours", between
   * Postfix's 4000 s cap and Exim's final 6 hour interval (KumoMTA has no cap).
   */
  seconds backoff_cap = std::chrono::hours(4);
  /**
   * Shortest delay ever drawn. Plain full jitter can draw 0 s; RFC 5321
   * 4.5.4.1 says a sender MUST delay retrying a destination after a failure,
   * and a retry within the same minute meets the same condition. Set 0 for
   * textbook full jitter.
   */
  seconds backoff_floor = std::chrono::minutes(1);
  /**
   * How long a message may stay queued; a failure at or after
   * `queued_at + queue_lifetime` bounces it, reporting that reply. Postfix's
   * maximal_queue_lifetime is 5 days, Exim's default rule gives up after 4,
   * KumoMTA after 7; RFC 5321 4.5.4.1 says the give-up time "needs to be at
   * least 4-5 days".
   */
  seconds queue_lifetime = std::chrono::hours(5 * 24);
  /**
   * How long a full mailbox is retried, counted from the first "mailbox full"
   * reply. A mailbox still full after a day is most likely abandoned; the
   * author learns that four days sooner than at the queue lifetime.
   */
  seconds mailbox_full_lifetime = std::chrono::hours(24);
  /**
   * Fixed delay before retrying a greylisted recipient. Greylisters accept a
   * retry once their delay has passed: postgrey and rspamd wait 5 minutes by
   * default, and the usual window is 1 to 15 minutes. Six minutes clears the
   * common 5 minutes with a minute to spare for clock skew; a greylister
   * that wants longer greylists again, and the ordinary backoff takes over.
   */
  seconds greylist_delay = std::chrono::minutes(6);
  /**
   * Greylisting replies answered with `greylist_delay`; later ones get the
   * ordinary backoff. One: a second greylisting after a delay that satisfies
   * nearly every greylister means something else is going on.
   */
  std::uint32_t greylist_fixed_retries = 1;
  /**
   * How long a host is paused after its first host-level failure (rate
   * limit, 421, a refused greeting); doubles with each further one. Five
   * minutes is Postfix's minimal_backoff_time, which also bounds how long
   * Postfix remembers a dead destination.
   */
  seconds host_pause_base = std::chrono::minutes(5);
  /**
   * Longest host pause. An hour keeps probing a throttling or failing host
   * about as often as Postfix's 4000 s cap does, while each message still
   * follows its own, longer backoff.
   */
  seconds host_pause_cap = std::chrono::hours(1);
  /** Connections a new host starts with: Postfix's initial_destination_concurrency (5). */
  std::uint16_t initial_concurrency = 5;
  /** Most connections to one host: Postfix's default_destination_concurrency_limit (20). */
  std::uint16_t maximum_concurrency = 20;
  /**
   * Fewest connections: a rate limit halves the concurrency down to this,
   * and a delivery adds one back (additive increase, multiplicative decrease).
   * One, so a throttled host still gets mail.
   */
  std::uint16_t minimum_concurrency = 1;
  /**
   * "Too many recipients" replies in a row that move a recipient to a new
   * transaction at once; after that the reply counts as an ordinary failure,
   * so a server that refuses every RCPT this way cannot loop the client.
   * RFC 5321 4.5.3.1.8 makes servers take at least 100 recipients per
   * transaction: a 100-recipient transaction split one recipient at a time
   * needs 99 splits.
   */
  std::uint32_t split_limit = 100;
  /**
   * Soft bounce for permanent replies whose reason is a passing condition:
   * a 5yz that the library marks `temporary_reason` (server or network
   * fault) or a blocklisting. Off: RFC 5321 4.2.1 says a 5yz will fail again
   * if repeated unchanged, and bouncing tells the author at once. On: they
   * are retried like a 4yz until the queue lifetime, for senders who know
   * their peers misuse 5yz. (5yz greylisting, rate limits, full mailboxes and
   * too many recipients are retried either way: the taxonomy's action for
   * them does not depend on the class.)
   */
  bool soft_bounce = false;
  /**
   * Keep mail that a configuration error of ours refused permanently
   * (authentication, TLS, relay, PTR, SPF/DKIM/DMARC): retry with the
   * ordinary backoff while the operator fixes it. Off: retrying unchanged
   * cannot help, and the author learns of the failure at once; turn it on
   * where an operator is alerted and acts within the queue lifetime.
   */
  bool hold_on_configuration_error = false;
};

/** What the reply means for the delivery. */
enum class verdict : std::uint8_t {
  proceed,    ///< accepted (2yz/3yz) before the end of the transaction: carry on
  delivered,  ///< accepted at the end of data: done
  retry,      ///< not now: try again at `decision::retry_at`
  bounce,     ///< give up now: send a bounce (DSN) reporting the last reply
};

/** Who the verdict applies to, from the command answered and the reason. */
enum class scope : std::uint8_t {
  recipient,  ///< this recipient only (a reply to RCPT)
  message,    ///< every recipient of this transaction (MAIL, DATA, end of data)
  host,       ///< every message for this host (greeting, EHLO, STARTTLS, AUTH, 421, rate limits)
};

/** The rule of the policy that decided; with `verdict`, what a log line should say. */
enum class basis : std::uint8_t {
  accepted,               ///< 2yz / 3yz
  backoff,                ///< ordinary transient failure: full-jitter exponential backoff
  greylist_delay,         ///< greylisted: fixed short delay
  rate_limit,             ///< rate limited: host paused and slowed, backoff for the message
  mailbox_full,           ///< backoff within the shorter mailbox-full lifetime
  split,                  ///< too many recipients: new transaction now
  soft_bounce,            ///< a temporary-reason 5yz retried because `soft_bounce` is on
  configuration_hold,     ///< a configuration 5yz retried because `hold_on_configuration_error` is on
  unparsed,               ///< the reply did not parse: treated as a transient failure
  permanent,              ///< a permanent failure: bounce
  queue_lifetime,         ///< gave up: the queue lifetime is over
  mailbox_full_lifetime,  ///< gave up: the mailbox-full lifetime is over
};

/** What an operator has to look at; retrying alone will not fix it. */
enum class operator_alert : std::uint8_t {
  none,
  configuration,  ///< authentication, TLS, relay, PTR, SPF/DKIM/DMARC: fix our setup
  reputation,     ///< our address or domain is blocklisted: delist, find the cause
  client,         ///< the server says our client broke the protocol (500-504, X.5.x)
};

constexpr std::string_view to_string(verdict v) noexcept {
  switch (v) {
    case verdict::proceed: return "proceed";
    case verdict::delivered: return "delivered";
    case verdict::retry: return "retry";
    case verdict::bounce: return "bounce";
  }
  return "bounce";
}

constexpr std::string_view to_string(scope s) noexcept {
  switch (s) {
    case scope::recipient: return "recipient";
    case scope::message: return "message";
    case scope::host: return "host";
  }
  return "host";
}

constexpr std::string_view to_string(basis b) noexcept {
  switch (b) {
    case basis::accepted: return "accepted";
    case basis::backoff: return "backoff";
    case basis::greylist_delay: return "greylist_delay";
    case basis::rate_limit: return "rate_limit";
    case basis::mailbox_full: return "mailbox_full";
    case basis::split: return "split";
    case basis::soft_bounce: return "soft_bounce";
    case basis::configuration_hold: return "configuration_hold";
    case basis::unparsed: return "unparsed";
    case basis::permanent: return "permanent";
    case basis::queue_lifetime: return "queue_lifetime";
    case basis::mailbox_full_lifetime: return "mailbox_full_lifetime";
  }
  return "permanent";
}

constexpr std::string_view to_string(operator_alert a) noexcept {
  switch (a) {
    case operator_alert::none: return "none";
    case operator_alert::configuration: return "configuration";
    case operator_alert::reputation: return "reputation";
    case operator_alert::client: return "client";
  }
  return "none";
}

/**
 * What the policy remembers about one recipient of one message. Plain data:
 * store it with the queue entry. Start with `new_recipient()`, then assign
 * `decision::history` after every reply.
 */
struct attempt_history {
  /** When the message entered the queue; the queue lifetime counts from here. */
  time_point queued_at{};
  /** Failed attempts so far (a split is not a failure); the backoff exponent. */
  std::uint32_t failures = 0;
  /** Of those, greylisting replies. */
  std::uint32_t greylisted = 0;
  /** "Too many recipients" replies since the last other reply. */
  std::uint32_t splits = 0;
  /** Whether a "mailbox full" reply was met, and when the first came. */
  bool mailbox_full_seen = false;
  time_point mailbox_full_since{};
  /** The last failure, to report in a bounce: code, enhanced code, reason, time. */
  std::uint16_t last_code = 0;
  smtp_reply::enhanced_code last_enhanced{};
  smtp_reply::reason last_reason = smtp_reply::reason::none;
  time_point last_failure{};
};

/** The history of a recipient of a message queued at `queued_at`. */
constexpr attempt_history new_recipient(time_point queued_at) noexcept {
  attempt_history h{};
  h.queued_at = queued_at;
  return h;
}

/**
 * What the policy remembers about one destination host (or MX, or IP: the
 * MTA chooses the key). Start with `new_host()`, then assign `decision::host`.
 */
struct host_state {
  /** Connections allowed now. */
  std::uint16_t concurrency = 0;
  /** Host-level failures since the last delivery; the pause exponent. */
  std::uint32_t failures = 0;
  /** No connection before this time. */
  time_point paused_until{};
};

/** A host not seen before. */
constexpr host_state new_host(const policy_config& config) noexcept {
  host_state h{};
  h.concurrency = config.initial_concurrency;
  return h;
}

/** When a recipient's retries end, and under which rule. */
struct expiry {
  time_point at{};
  basis why = basis::queue_lifetime;
};

/**
 * When the policy gives up on a recipient: at the queue lifetime, or sooner
 * when its last failure was a full mailbox (the mailbox-full lifetime, counted
 * from the first such reply). A queue runner that finds a recipient due after
 * this time (e.g. its host is paused) bounces it here, reporting the history's
 * last reply.
 */
constexpr expiry expiry_of(const policy_config& config, const attempt_history& h) noexcept {
  expiry e{h.queued_at + config.queue_lifetime, basis::queue_lifetime};
  if (h.last_reason == smtp_reply::reason::mailbox_full && h.mailbox_full_seen) {
    const time_point full = h.mailbox_full_since + config.mailbox_full_lifetime;
    if (full < e.at) e = expiry{full, basis::mailbox_full_lifetime};
  }
  return e;
}

/**
 * Reasons that concern our connection to the host rather than the address or
 * the content: whatever command they answer, every message to that host
 * would meet them.
 */
constexpr bool is_host_reason(smtp_reply::reason why) noexcept {
  switch (why) {
    case smtp_reply::reason::rate_limited:
    case smtp_reply::reason::blocklisted:
    case smtp_reply::reason::auth_required:
    case smtp_reply::reason::tls_required:
    case smtp_reply::reason::reverse_dns: return true;
    default: return false;
  }
}

/**
 * Who a failure concerns. Replies before the transaction (greeting, EHLO,
 * STARTTLS, AUTH) are about the host; so is `421`, with which the server
 * closes the connection whatever the command (RFC 5321 3.8), and a host
 * reason (`is_host_reason`). A reply to RCPT is about that recipient; to
 * MAIL, DATA or the end of data, about the message: all its recipients in
 * the transaction.
 */
constexpr scope scope_of(const smtp_reply::classification& c, smtp_command answered) noexcept {
  if (c && (c.code == 421 || is_host_reason(c.reason))) return scope::host;
  switch (answered) {
    case smtp_command::greeting:
    case smtp_command::ehlo:
    case smtp_command::starttls:
    case smtp_command::auth: return scope::host;
    case smtp_command::rcpt: return scope::recipient;
    case smtp_command::mail:
    case smtp_command::data:
    case smtp_command::end_of_data: return scope::message;
  }
  return scope::message;
}

/** The operator alert a reason calls for, whatever the class. */
constexpr operator_alert alert_for(smtp_reply::reason why) noexcept {
  switch (why) {
    case smtp_reply::reason::auth_required:
    case smtp_reply::reason::tls_required:
    case smtp_reply::reason::relay_denied:
    case smtp_reply::reason::reverse_dns:
    case smtp_reply::reason::sender_auth_failed: return operator_alert::configuration;
    case smtp_reply::reason::blocklisted: return operator_alert::reputation;
    case smtp_reply::reason::protocol_error: return operator_alert::client;
    default: return operator_alert::none;
  }
}

/**
 * splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): 8 bytes of state, seedable, good enough for
 * jitter. Meets the standard's UniformRandomBitGenerator requirements, as
 * std::mt19937_64 does; either can be passed to `decide()`.
 */
class splitmix64 {
 public:
  using result_type = std::uint64_t;
  constexpr explicit splitmix64(std::uint64_t seed) noexcept : state_(seed) {}
  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }
  constexpr result_type operator()() noexcept {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

/**
 * A number drawn uniformly from [low, high] (both included; low <= high),
 * without modulo bias: draws in the incomplete top slice of the 64-bit range
 * are rejected and drawn again.
 */
template <class Random>
constexpr std::uint64_t uniform(Random& random, std::uint64_t low, std::uint64_t high) noexcept(
    noexcept(random())) {
  static_assert(Random::min() == 0 && Random::max() == std::numeric_limits<std::uint64_t>::max(),
                "the generator must give 64 uniform bits (splitmix64, std::mt19937_64)");
  const std::uint64_t span = high - low;
  if (span == std::numeric_limits<std::uint64_t>::max()) return static_cast<std::uint64_t>(random());
  const std::uint64_t range = span + 1;
  const std::uint64_t reject_below = (std::uint64_t{0} - range) % range;  // 2^64 mod range
  for (;;) {
    const auto r = static_cast<std::uint64_t>(random());
    if (r >= reject_below) return low + r % range;
  }
}

/** `base * 2^doublings`, capped at `cap` (and never above it, whatever `base`). */
constexpr seconds doubled(seconds base, seconds cap, std::uint32_t doublings) noexcept {
  seconds value = base < cap ? base : cap;
  for (std::uint32_t i = 0; i < doublings && value > seconds::zero() && value < cap; ++i)
    value = value > cap / 2 ? cap : value * 2;
  return value < seconds::zero() ? seconds::zero() : value;
}

/** The backoff ceiling after `failures` failed attempts: min(cap, base * 2^failures). */
constexpr seconds backoff_ceiling(const policy_config& config, std::uint32_t failures) noexcept {
  return doubled(config.backoff_base, config.backoff_cap, failures);
}

/**
 * Full jitter: a delay drawn uniformly from [floor, ceiling], ceiling =
 * min(cap, base * 2^failures), floor = min(backoff_floor, ceiling).
 *
 * Why full jitter: when a host fails, every message queued for it fails at
 * nearly the same moment. Fixed or merely doubled delays bring them back
 * together, in bursts that meet the same overload or rate limit again.
 * Drawing the whole delay at random spreads the retries evenly over the
 * window; in Marc Brooker's simulations for AWS ("Exponential Backoff And
 * Jitter", 2015) it finished a contended backlog with the fewest calls of the
 * common schemes. The price, a mean delay of half the ceiling, is paid for by
 * a base of twice the mean first delay wanted (README.md).
 */
template <class Random>
constexpr seconds jittered_backoff(const policy_config& config, std::uint32_t failures, Random& random) noexcept(
    noexcept(random())) {
  const seconds ceiling = backoff_ceiling(config, failures);
  seconds floor = config.backoff_floor < ceiling ? config.backoff_floor : ceiling;
  if (floor < seconds::zero()) floor = seconds::zero();
  const std::uint64_t drawn = uniform(random, static_cast<std::uint64_t>(floor.count()),
                                      static_cast<std::uint64_t>(ceiling.count()));
  return seconds(static_cast<seconds::rep>(drawn));
}

/** How long a host is paused after `failures` earlier host-level failures (no jitter). */
constexpr seconds host_pause(const policy_config& config, std::uint32_t failures) noexcept {
  return doubled(config.host_pause_base, config.host_pause_cap, failures);
}

/** Everything the policy decides about one reply. */
struct decision {
  /** Carry on, done, later, or give up. */
  verdict what = verdict::proceed;
  /** The rule that decided. */
  basis why = basis::accepted;
  /** Who the verdict applies to (see `scope_of`). */
  scope applies_to = scope::recipient;
  /** For `retry`: the earliest time to try again. */
  time_point retry_at{};
  /** Stop sending to this address (or, at host scope, to this domain) in future mail. */
  bool suppress_recipient = false;
  /** Send this recipient, and those not yet sent, in a new transaction now. */
  bool split = false;
  /** The host is paused until `host.paused_until`. */
  bool pause_host = false;
  /** The host's concurrency was lowered to `host.concurrency`. */
  bool lower_concurrency = false;
  /** Something an operator has to fix. */
  operator_alert alert = operator_alert::none;
  /** The recipient's history after this reply; a bounce reports its last reply. */
  attempt_history history{};
  /** The host's state after this reply. */
  host_state host{};
};

namespace detail {

constexpr void record_failure(attempt_history& h, const smtp_reply::classification& c, time_point now) noexcept {
  h.last_code = c.code;
  h.last_enhanced = c.enhanced;
  h.last_reason = c.reason;
  h.last_failure = now;
}

constexpr bool lowers_concurrency(const smtp_reply::classification& c, smtp_command answered) noexcept {
  // Rate limits (too many connections among them), and 421 to the greeting
  // or EHLO: the host is overloaded, or we have too many connections open.
  return c.reason == smtp_reply::reason::rate_limited ||
         (c.code == 421 && (answered == smtp_command::greeting || answered == smtp_command::ehlo));
}

}  // namespace detail

/**
 * Decides what to do about one reply (README.md, "The rules").
 *
 * `c` is the reply's classification, `answered` the command it answered,
 * `recipient` the history of the recipient concerned (for a reply about a
 * message or a host, call once per recipient concerned, each with its own
 * history and the same `host`), `host` the destination host's state before
 * this reply, `now` the time the reply came, and `random` the jitter source.
 * Pure: no clock, no global state, no allocation; never throws (unless the
 * generator does).
 */
template <class Random>
constexpr decision decide(const policy_config& config, const smtp_reply::classification& c, smtp_command answered,
                          const attempt_history& recipient, const host_state& host, time_point now,
                          Random& random) noexcept(noexcept(random())) {
  using smtp_reply::action;
  using smtp_reply::reason;
  using smtp_reply::reply_class;

  decision d{};
  d.history = recipient;
  d.host = host;
  d.applies_to = scope_of(c, answered);
  const bool parsed = static_cast<bool>(c);

  // Accepted: carry on; a delivery also wins back one connection.
  if (parsed && (c.reply_class == reply_class::success || c.reply_class == reply_class::intermediate)) {
    d.history.splits = 0;
    d.why = basis::accepted;
    if (answered == smtp_command::end_of_data && c.reply_class == reply_class::success) {
      d.what = verdict::delivered;
      d.host.failures = 0;
      if (d.host.concurrency < config.maximum_concurrency) ++d.host.concurrency;
    }
    return d;
  }

  detail::record_failure(d.history, c, now);
  if (parsed) d.alert = alert_for(c.reason);

  // Too many recipients (RFC 5321 4.5.3.1.10): not a failure; the rest go in a
  // new transaction at once, up to split_limit times in a row.
  if (parsed && c.action == action::retry_split && recipient.splits < config.split_limit) {
    d.history.splits = recipient.splits + 1;
    d.what = verdict::retry;
    d.why = basis::split;
    d.split = true;
    d.retry_at = now;
    return d;
  }
  d.history.splits = 0;

  // Whether to retry at all, and under which rule.
  basis rule = basis::backoff;
  if (!parsed) {
    rule = basis::unparsed;  // a garbled reply: the session is lost, try again later
  } else if (c.retryable) {
    if (c.reason == reason::rate_limited) rule = basis::rate_limit;
    if (c.reason == reason::mailbox_full) rule = basis::mailbox_full;
  } else if (c.reply_class == reply_class::permanent) {
    if (config.soft_bounce && (c.temporary_reason || c.reason == reason::blocklisted)) {
      rule = basis::soft_bounce;
    } else if (config.hold_on_configuration_error && c.action == action::fix_configuration) {
      rule = basis::configuration_hold;
    } else {
      d.what = verdict::bounce;
      d.why = basis::permanent;
      d.suppress_recipient = c.suppress_recipient;
      return d;
    }
  }

  // A retry: count the failure, and slow the host down if it is the host's.
  d.history.failures = recipient.failures + 1;
  const bool greylisted = parsed && c.reason == reason::greylisted;
  if (greylisted) d.history.greylisted = recipient.greylisted + 1;
  if (parsed && c.reason == reason::mailbox_full && !recipient.mailbox_full_seen) {
    d.history.mailbox_full_seen = true;
    d.history.mailbox_full_since = now;
  }
  if (d.applies_to == scope::host) {
    const time_point until = now + host_pause(config, host.failures);
    d.host.failures = host.failures + 1;
    if (until > d.host.paused_until) d.host.paused_until = until;
    d.pause_host = true;
    if (parsed && detail::lowers_concurrency(c, answered)) {
      const auto halved = static_cast<std::uint16_t>(host.concurrency / 2);
      d.host.concurrency = halved > config.minimum_concurrency ? halved : config.minimum_concurrency;
      d.lower_concurrency = d.host.concurrency < host.concurrency;
    }
  }

  // Give up at the lifetime, reporting this reply (now in d.history).
  const expiry end = expiry_of(config, d.history);
  if (now >= end.at) {
    d.what = verdict::bounce;
    d.why = end.why;
    return d;
  }

  // When to try again: a greylister gets its fixed delay, everything else
  // the jittered backoff; never while the host is paused; and a last attempt
  // at the lifetime rather than none.
  seconds delay{};
  if (greylisted && recipient.greylisted < config.greylist_fixed_retries) {
    rule = basis::greylist_delay;
    delay = config.greylist_delay;
  } else {
    delay = jittered_backoff(config, recipient.failures, random);
  }
  time_point at = now + delay;
  if (d.host.paused_until > at) at = d.host.paused_until;
  if (at > end.at) at = end.at;
  d.what = verdict::retry;
  d.why = rule;
  d.retry_at = at;
  return d;
}

}  // namespace retry_policy

#endif  // SMTP_REPLY_EXAMPLES_RETRY_POLICY_HPP
