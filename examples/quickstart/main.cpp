// The README's first example: parse a Gmail rejection, classify it, say why.
#include <smtp_reply/classify.hpp>

#include <cstdio>

int main() {
  constexpr std::string_view wire =
      "550-5.7.26 Unauthenticated email from example.com is not accepted due to\r\n"
      "550 5.7.26 domain's DMARC policy. Please contact the administrator.\r\n";
  const smtp_reply::parse_result parsed = smtp_reply::parse(wire);  // views into `wire`
  const smtp_reply::classification c = smtp_reply::classify(parsed.reply);
  std::printf("%d %s %s %s %s\n", c.code, smtp_reply::to_string(c.enhanced).data,
              smtp_reply::to_string(c.reply_class).data(), smtp_reply::to_string(c.reason).data(),
              smtp_reply::to_string(c.action).data());
  for (const smtp_reply::reply_line& line : parsed.reply.lines())
    std::printf("  | %.*s\n", static_cast<int>(line.text.size()), line.text.data());
  std::printf("  because \"%.*s\" (%s)\n", static_cast<int>(c.evidence.matched.size()),
              c.evidence.matched.data(), smtp_reply::to_string(c.evidence.source).data());
}
