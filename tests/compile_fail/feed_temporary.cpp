// Must NOT compile (STYLE.md habit 7): parser::feed() of a temporary
// std::string is deleted, for the same reason as parse() of one (see
// parse_temporary.cpp). The positive twin is parse_lvalue.cpp.
#include <smtp_reply/parse.hpp>

#include <string>

int main() {
  smtp_reply::parser p;
  const smtp_reply::parse_result r = p.feed(std::string("250 OK\r\n"));
  return r ? 0 : 1;
}
