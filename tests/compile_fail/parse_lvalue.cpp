// Must compile: the positive twin of parse_temporary.cpp and
// feed_temporary.cpp. Everything that keeps the bytes alive is accepted: an
// lvalue std::string, a string_view, a literal, with or without options.
#include <smtp_reply/parse.hpp>

#include <string>
#include <string_view>

int main() {
  const std::string owned("250 OK\r\n");
  std::string mutable_owned("250 OK\r\n");
  const std::string_view view(owned);
  int failures = 0;
  failures += smtp_reply::parse(owned) ? 0 : 1;
  failures += smtp_reply::parse(mutable_owned) ? 0 : 1;
  failures += smtp_reply::parse(owned, smtp_reply::strict_preset) ? 0 : 1;
  failures += smtp_reply::parse(view) ? 0 : 1;
  failures += smtp_reply::parse("250 OK\r\n") ? 0 : 1;
  smtp_reply::parser p;
  failures += p.feed(owned) ? 0 : 1;
  failures += p.feed(mutable_owned) ? 0 : 1;
  failures += p.feed(view) ? 0 : 1;
  return failures;
}
