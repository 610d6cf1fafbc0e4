// retry-policy-example: the README's example. Classifies a few replies a
// client meets and prints what the example retry policy decides for each,
// at a fixed time with a fixed seed.
#include <cstdio>
#include <string>

#include <smtp_reply/classify.hpp>

#include "retry_policy.hpp"

int main() {
  namespace rp = retry_policy;
  const rp::policy_config config;                      // the defaults (README.md)
  rp::splitmix64 random(2024);                         // seeded: the same run every time
  const rp::time_point now{std::chrono::hours(1000)};  // the MTA's clock, injected
  const rp::host_state host = rp::new_host(config);

  struct sample {
    const char* reply;
    rp::smtp_command answered;
  };
  const sample samples[] = {
      {"450 4.2.0 Greylisted, please try again in 5 minutes\r\n", rp::smtp_command::rcpt},
      {"421 4.7.28 Unusual rate of unsolicited mail, rate limited\r\n", rp::smtp_command::end_of_data},
      {"452 4.2.2 Mailbox full\r\n", rp::smtp_command::rcpt},
      {"550 5.1.1 No such user\r\n", rp::smtp_command::rcpt},
      {"452 4.5.3 Too many recipients\r\n", rp::smtp_command::rcpt},
      {"530 5.7.0 Must issue a STARTTLS command first\r\n", rp::smtp_command::mail},
      {"451 4.3.0 Temporary failure\r\n", rp::smtp_command::data},
  };
  for (const sample& s : samples) {
    const smtp_reply::classification c = smtp_reply::classify(s.reply);
    const rp::decision d = rp::decide(config, c, s.answered, rp::new_recipient(now), host, now, random);
    std::string line(s.reply, std::string(s.reply).size() - 2);
    std::printf("%-58s -> %s (%s, %s)", line.c_str(), std::string(rp::to_string(d.what)).c_str(),
                std::string(rp::to_string(d.why)).c_str(), std::string(rp::to_string(d.applies_to)).c_str());
    if (d.what == rp::verdict::retry) std::printf(" in %llds", static_cast<long long>((d.retry_at - now).count()));
    if (d.pause_host) std::printf(", pause host %llds", static_cast<long long>((d.host.paused_until - now).count()));
    if (d.lower_concurrency) std::printf(", concurrency %u", static_cast<unsigned>(d.host.concurrency));
    if (d.split) std::printf(", new transaction");
    if (d.suppress_recipient) std::printf(", suppress");
    if (d.alert != rp::operator_alert::none) std::printf(", alert %s", std::string(rp::to_string(d.alert)).c_str());
    std::printf("\n");
  }
}
