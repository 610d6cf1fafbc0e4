// smtp-reply: prints what `classify` finds, as JSON lines or as a table.
#ifndef SMTP_REPLY_CLI_REPORT_HPP
#define SMTP_REPLY_CLI_REPORT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <smtp_reply/reply.hpp>

#include "reader.hpp"

namespace cli {

enum class output_format : std::uint8_t {
  jsonl,  ///< one JSON object per reply, one per line (cli.md)
  table,  ///< aligned columns for a person
};

/**
 * Classifies each reply it is given and prints it to `out` in the chosen
 * format. Output is written a line at a time and flushed before each read,
 * so a pipe shows replies as they arrive.
 */
class report final : public reply_sink {
 public:
  /** `text_width`: characters of reply text a table row shows (its last column). */
  report(std::FILE* out, output_format format, std::size_t text_width = default_text_width);

  /** Table text width when the terminal's is unknown: rows of 132 columns. */
  static constexpr std::size_t default_text_width = 50;
  /** Width of a table row before its text column. */
  static constexpr std::size_t columns_before_text = 82;

  /** Called once per input before its replies; the table names the input
      when there are several (offsets start again at 0 in each). */
  void begin_input(std::string_view name, bool several_inputs);

  void on_reply(std::uint64_t offset, const smtp_reply::reply& reply) override;
  void on_error(std::uint64_t offset, smtp_reply::parse_status error) override;
  void before_read() override;

 private:
  void write_line();

  std::FILE* out_;
  output_format format_;
  std::size_t text_width_;
  bool header_written_ = false;
  std::string line_;  // reused for every line: no allocation per reply once warm
};

}  // namespace cli

#endif  // SMTP_REPLY_CLI_REPORT_HPP
