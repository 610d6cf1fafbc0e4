// Must NOT compile (STYLE.md habit 7): parse() of a temporary std::string is
// deleted, because the reply's views would point into the string after it is
// destroyed. The positive twin, parse_lvalue.cpp, compiles with the same flags,
// so a failure here is the deleted overload and not a broken setup.
#include <smtp_reply/parse.hpp>

#include <string>

int main() {
  const smtp_reply::parse_result r = smtp_reply::parse(std::string("250 OK\r\n"));
  return r ? 0 : 1;
}
