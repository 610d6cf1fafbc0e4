// Must NOT compile: classify() of a temporary std::string with user rules is
// deleted too, for the same reason as classify_temporary.cpp.
#include <smtp_reply/classify.hpp>

#include <string>

inline constexpr smtp_reply::text_rule rule_list[] = {
    {"frozen account", smtp_reply::reason::mailbox_disabled, smtp_reply::strength::specific_text}};
inline constexpr smtp_reply::rule_set rules{rule_list};

int main() {
  const smtp_reply::classification c = smtp_reply::classify(std::string("550 frozen account\r\n"), rules);
  return c ? 0 : 1;
}
