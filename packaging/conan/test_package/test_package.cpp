#include <smtp_reply/parse.hpp>
#include <smtp_reply/version.hpp>

#include <cstdio>

int main() {
  const smtp_reply::parse_result result = smtp_reply::parse("250 OK\r\n");
  std::printf("smtp_reply %s: \"250 OK\" parsed as %u\n", SMTP_REPLY_VERSION_STRING,
              static_cast<unsigned>(result.reply.code));
  return result && result.reply.code == 250 ? 0 : 1;
}
