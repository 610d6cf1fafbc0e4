// What a user of smtp_reply writes: parse a reply and use it. Built by every
// packaging test (find_package, pkg-config, add_subdirectory, FetchContent).
#include <smtp_reply/parse.hpp>
#include <smtp_reply/version.hpp>

#include <cstdio>

int main() {
  const smtp_reply::parse_result result = smtp_reply::parse("250 OK\r\n");
  if (!result || result.reply.code != 250 || result.consumed != 8) {
    std::fprintf(stderr, "smtp_reply consumer: \"250 OK\\r\\n\" did not parse as a 250 reply\n");
    return 1;
  }
  std::printf("smtp_reply %s: parsed a %u reply\n", SMTP_REPLY_VERSION_STRING,
              static_cast<unsigned>(result.reply.code));
  return 0;
}
