// Must compile: the positive twin of classify_temporary.cpp and
// classify_rules_temporary.cpp. Bytes that stay alive are accepted: an
// lvalue std::string, a string_view, a literal, with or without user rules
// and options, and a parsed reply with a rule set or its table view.
#include <smtp_reply/classify.hpp>

#include <string>
#include <string_view>

inline constexpr smtp_reply::text_rule rule_list[] = {
    {"frozen account", smtp_reply::reason::mailbox_disabled, smtp_reply::strength::specific_text}};
inline constexpr smtp_reply::rule_set rules{rule_list};

int main() {
  const std::string owned("550 frozen account\r\n");
  const std::string_view view(owned);
  int failures = 0;
  failures += smtp_reply::classify(owned) ? 0 : 1;
  failures += smtp_reply::classify(owned, smtp_reply::strict_preset) ? 0 : 1;
  failures += smtp_reply::classify(owned, rules) ? 0 : 1;
  failures += smtp_reply::classify(view, rules, smtp_reply::strict_preset) ? 0 : 1;
  failures += smtp_reply::classify("550 frozen account\r\n", rules) ? 0 : 1;
  const smtp_reply::parse_result parsed = smtp_reply::parse(owned);
  const smtp_reply::rule_table table = rules;
  failures += smtp_reply::classify(parsed.reply, rules).reason == smtp_reply::reason::mailbox_disabled ? 0 : 1;
  failures += smtp_reply::classify(parsed.reply, table).reason == smtp_reply::reason::mailbox_disabled ? 0 : 1;
  return failures;
}
