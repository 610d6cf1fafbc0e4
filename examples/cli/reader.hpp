// smtp-reply: reads a stream of replies in chunks through the incremental
// parser and reports each reply, or each error, with its offset in the input.
#ifndef SMTP_REPLY_CLI_READER_HPP
#define SMTP_REPLY_CLI_READER_HPP

#include <cstddef>
#include <cstdint>

#include <smtp_reply/parse.hpp>

namespace cli {

/** Receives what `read_replies` finds, in input order. */
class reply_sink {
 public:
  virtual ~reply_sink() = default;
  /** A reply that parsed; `offset` is that of its first byte in the input.
      The reply's views are valid only during the call. */
  virtual void on_reply(std::uint64_t offset, const smtp_reply::reply& reply) = 0;
  /** A reply that did not parse: `offset` of the offending byte (parsing.md), or
      of the reply's first byte when the input ends inside it (`incomplete`). */
  virtual void on_error(std::uint64_t offset, smtp_reply::parse_status error) = 0;
  /** Called before the reader may block on more input: a good time to flush. */
  virtual void before_read() {}
};

/** What one input gave. */
struct read_summary {
  std::uint64_t replies = 0;
  std::uint64_t errors = 0;
  /** 0, or the errno of a failed read (the input was processed up to it). */
  int read_error = 0;
};

/** Default read size: 64 KiB. */
inline constexpr std::size_t default_read_size = std::size_t{64} * 1024;

/**
 * Reads the open file descriptor `fd` to its end, `read_size` bytes at a time,
 * and reports every reply and error to `sink`. Memory stays bounded by the
 * parser's limits (longest reply) plus one read: consumed bytes are dropped,
 * and after an error the bytes up to the next LF are discarded as they arrive.
 */
read_summary read_replies(int fd, std::size_t read_size, const smtp_reply::parse_options& options,
                          reply_sink& sink);

}  // namespace cli

#endif  // SMTP_REPLY_CLI_READER_HPP
