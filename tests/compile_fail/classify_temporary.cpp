// Must NOT compile: classify() of a temporary std::string is deleted, because
// the evidence's views would point into the string after it is destroyed.
// The positive twin, classify_lvalue.cpp, compiles with the same flags.
#include <smtp_reply/classify.hpp>

#include <string>

int main() {
  const smtp_reply::classification c = smtp_reply::classify(std::string("550 5.1.1 No such user\r\n"));
  return c ? 0 : 1;
}
