// Fuzz target: the stream loop of the smtp-reply program
// (examples/cli/reader.hpp: cli::read_replies), which reads replies off a
// file descriptor in chunks through the resumable parser, drops consumed
// bytes, and resyncs after errors.
//
// The data is written to an in-memory file and read back in chunks whose
// size the first byte picks; what the loop reports (each reply and its
// offset, each error and its offset) must be what the whole-buffer parse()
// finds walking the same bytes as parsing.md tells a caller to: after a
// reply, go on after it; after an error, go on after the next LF; at the end
// of the input inside a reply, `incomplete` at the reply's first byte.
//
// Layout: byte 0, bit 0: strict preset; bits 1-7: read size (0: the
// program's default, 64 KiB). The rest: the stream.
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <smtp_reply/parse.hpp>

#include "fuzz_common.hpp"
#include "reader.hpp"

namespace {

struct event {
  std::uint64_t offset = 0;
  smtp_reply::parse_status status = smtp_reply::parse_status::ok;
  std::size_t size = 0;  // the reply's bytes; 0 for an error
  std::uint16_t code = 0;
  std::size_t lines = 0;
  std::uint8_t diagnostics = 0;

  bool operator==(const event& o) const {
    return offset == o.offset && status == o.status && size == o.size && code == o.code && lines == o.lines &&
           diagnostics == o.diagnostics;
  }
};

class recorder final : public cli::reply_sink {
 public:
  explicit recorder(std::string_view input) : input_(input) {}
  void on_reply(std::uint64_t offset, const smtp_reply::reply& r) override {
    // The reply's bytes are the input's bytes at its offset.
    SMTP_REPLY_FUZZ_CHECK(offset <= input_.size() && r.raw.size() <= input_.size() - offset);
    SMTP_REPLY_FUZZ_CHECK(input_.substr(static_cast<std::size_t>(offset), r.raw.size()) == r.raw);
    events.push_back(event{offset, smtp_reply::parse_status::ok, r.raw.size(), r.code, r.line_count,
                           r.diagnostics.bits()});
  }
  void on_error(std::uint64_t offset, smtp_reply::parse_status error) override {
    SMTP_REPLY_FUZZ_CHECK(offset < input_.size());
    events.push_back(event{offset, error, 0, 0, 0, 0});
  }
  std::vector<event> events;

 private:
  std::string_view input_;
};

SMTP_REPLY_FUZZ_UNTRACED std::vector<event> expected(std::string_view input, const smtp_reply::parse_options& options) {
  std::vector<event> out;
  std::size_t at = 0;
  while (at < input.size()) {
    const std::string_view rest = input.substr(at);
    const smtp_reply::parse_result r = smtp_reply::parse(rest, options);
    if (r) {
      out.push_back(event{at, r.status, r.consumed, r.reply.code, r.reply.line_count, r.reply.diagnostics.bits()});
    } else {
      out.push_back(event{r.need_more() ? at : at + r.error_offset, r.status, 0, 0, 0, 0});
    }
    at += smtp_reply_fuzz::next_reply(rest, r);
  }
  return out;
}

/// A file for the inputs: in memory where the system has memfd_create,
/// else a temporary file. Opened once, kept open for the life of the process.
int open_scratch_file() {
#if defined(__linux__)
  const int fd = memfd_create("smtp_reply_fuzz_stream", MFD_CLOEXEC);
  if (fd >= 0) return fd;
#endif
  std::FILE* f = std::tmpfile();
  SMTP_REPLY_FUZZ_CHECK(f != nullptr);
  return fileno(f);
}

/// A file descriptor holding exactly `bytes`, positioned at its start.
int file_with(std::string_view bytes) {
  static const int fd = open_scratch_file();
  SMTP_REPLY_FUZZ_CHECK(ftruncate(fd, 0) == 0);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = pwrite(fd, bytes.data() + written, bytes.size() - written, static_cast<off_t>(written));
    SMTP_REPLY_FUZZ_CHECK(n > 0 || errno == EINTR);
    if (n > 0) written += static_cast<std::size_t>(n);
  }
  SMTP_REPLY_FUZZ_CHECK(lseek(fd, 0, SEEK_SET) == 0);
  return fd;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const smtp_reply::parse_options& options =
      (data[0] & 1U) != 0 ? smtp_reply::strict_preset : smtp_reply::default_preset;
  const std::size_t read_size = (data[0] >> 1U) == 0 ? cli::default_read_size : (data[0] >> 1U);
  const std::string_view input = smtp_reply_fuzz::view(data + 1, size - 1);

  recorder sink(input);
  const cli::read_summary summary = cli::read_replies(file_with(input), read_size, options, sink);
  const std::vector<event> want = expected(input, options);
  SMTP_REPLY_FUZZ_CHECK(summary.read_error == 0);
  SMTP_REPLY_FUZZ_CHECK(sink.events == want);
  std::uint64_t replies = 0;
  for (const event& e : want) replies += e.status == smtp_reply::parse_status::ok ? 1 : 0;
  SMTP_REPLY_FUZZ_CHECK(summary.replies == replies && summary.errors == want.size() - replies);
  return 0;
}
