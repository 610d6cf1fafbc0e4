// Fuzz target: whole-buffer smtp_reply::parse() (include/smtp_reply/parse.hpp).
//
// The input is read as a pipelined stream of replies (RFC 2920): each reply
// is parsed from where the previous one ended (after an error, from the byte
// after the next LF, as parsing.md tells callers to resync), under every
// option set of fuzz_common.hpp (both presets, tiny limits, no limits). Each
// result is checked against parsing.md's facts and the reference model:
// ok => consumed <= size, raw is the prefix, line_count >= 1 and the lines
// iterate to line_count lines; an error => its offset lies inside the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <smtp_reply/parse.hpp>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = smtp_reply_fuzz::view(data, size);
  for (const smtp_reply::parse_options& options : smtp_reply_fuzz::all_presets) {
    if (input.empty()) smtp_reply_fuzz::check_parse(input, options, smtp_reply::parse(input, options));
    std::size_t at = 0;
    while (at < input.size()) {
      const std::string_view rest = input.substr(at);
      const smtp_reply::parse_result r = smtp_reply::parse(rest, options);
      smtp_reply_fuzz::check_parse(rest, options, r);
      const std::size_t next = smtp_reply_fuzz::next_reply(rest, r);
      SMTP_REPLY_FUZZ_CHECK(next > 0 && next <= rest.size());
      at += next;
    }
  }
  return 0;
}
