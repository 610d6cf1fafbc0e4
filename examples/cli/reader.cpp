#include "reader.hpp"

#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace cli {
namespace {

/// One read(2), retried on EINTR. Returns the byte count, 0 at the end, -1 on error.
/// read(2) rather than fread: it returns what has arrived, so replies piped in
/// from a live session are reported as they come, not once 64 KiB are in.
long read_some(int fd, char* into, std::size_t size) {
  for (;;) {
    const ssize_t got = ::read(fd, into, size);
    if (got >= 0 || errno != EINTR) return static_cast<long>(got);
  }
}

}  // namespace

read_summary read_replies(int fd, std::size_t read_size, const smtp_reply::parse_options& options,
                          reply_sink& sink) {
  read_summary summary{};
  smtp_reply::parser parser(options);
  // buffer[start, size) holds the bytes not yet consumed; buffer[start] is the
  // first byte of the reply being read. `base` is the input offset of buffer[0].
  std::vector<char> buffer;
  std::size_t start = 0;
  std::uint64_t base = 0;
  bool resyncing = false;  // after an error: discarding through the next LF
  bool at_end = false;

  for (;;) {
    while (start < buffer.size()) {
      const char* const pending = buffer.data() + start;
      const std::size_t pending_size = buffer.size() - start;
      if (resyncing) {
        const void* lf = std::memchr(pending, '\n', pending_size);
        if (lf == nullptr) {
          start = buffer.size();  // all of it belongs to the bad line
          break;
        }
        start += static_cast<std::size_t>(static_cast<const char*>(lf) - pending) + 1;
        resyncing = false;
        continue;
      }
      const smtp_reply::parse_result result = parser.feed(std::string_view(pending, pending_size));
      if (result) {
        ++summary.replies;
        sink.on_reply(base + start, result.reply);
        start += result.consumed;
      } else if (result.need_more()) {
        break;  // the parser remembers how far it read; feed it again with more
      } else {
        ++summary.errors;
        sink.on_error(base + start + result.error_offset, result.status);
        start += result.error_offset;  // the LF to skip to is at or after this byte
        resyncing = true;
      }
    }
    if (at_end) break;

    // Drop consumed bytes: all of them when nothing is pending, else once
    // they fill half the buffer, so each byte is moved O(1) times on average.
    if (start == buffer.size()) {
      base += start;
      buffer.clear();
      start = 0;
    } else if (start > buffer.size() / 2) {
      buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(start));
      base += start;
      start = 0;
    }

    sink.before_read();
    const std::size_t old_size = buffer.size();
    buffer.resize(old_size + read_size);
    const long got = read_some(fd, buffer.data() + old_size, read_size);
    if (got < 0) summary.read_error = errno;
    buffer.resize(old_size + (got > 0 ? static_cast<std::size_t>(got) : 0));
    at_end = got <= 0;
  }

  // The input ended inside a reply (not inside a line being skipped, which
  // was reported already): the reply is cut short.
  if (!resyncing && start < buffer.size()) {
    ++summary.errors;
    sink.on_error(base + start, smtp_reply::parse_status::incomplete);
  }
  return summary;
}

}  // namespace cli
