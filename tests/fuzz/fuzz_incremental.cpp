// Fuzz target: the resumable smtp_reply::parser::feed() (parse.hpp).
//
// The first bytes of the data choose the options and the chunking; the rest
// is a pipelined stream of replies. Each reply is fed through a parser in
// growing chunks, and the result must be the whole-buffer parse() of the same
// bytes (abort() on any difference). Along the way:
// - `incomplete` comes exactly as long as the bytes at hand do not decide the
//   reply (d = the shortest prefix that parse() does not call incomplete);
// - after `incomplete`, scanned() is the buffer's size: every byte is examined
//   once, so the total work of a reply fed a byte at a time is O(n);
// - a shorter buffer restarts the parse, and the restarted parse agrees too.
//
// Layout of the data:
//   byte 0   bits 0-1  options: default, strict, custom lenient, custom strict
//            bit 2     one parser for the whole stream (else one per reply)
//            bit 3     once per reply, feed a shorter buffer (restart)
//            bits 4-7  k, the number of chunk sizes that follow (0: a byte at a time)
//   byte 1   custom max_line_length (0-255)
//   byte 2   custom max_lines (0-7)
//   k bytes  chunk sizes, used in turn (0: feed the same buffer again;
//            all 0: a byte at a time)
//   rest     the stream
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <smtp_reply/parse.hpp>

#include "fuzz_common.hpp"

namespace {

/// The shortest prefix of `rest` whose parse is not `incomplete` (rest.size() + 1 if none).
std::size_t deciding_length(std::string_view rest, const smtp_reply::parse_options& options) {
  if (smtp_reply::parse(rest, options).need_more()) return rest.size() + 1;
  std::size_t lo = 0;  // parse(rest[:lo]) is incomplete (the empty buffer always is)
  std::size_t hi = rest.size();  // parse(rest[:hi]) is not
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (smtp_reply::parse(rest.substr(0, mid), options).need_more()) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto byte = [&](std::size_t i) -> std::uint8_t { return i < size ? data[i] : 0; };
  const std::uint8_t flags = byte(0);
  const smtp_reply::parse_options options = smtp_reply_fuzz::options_from(flags, byte(1), byte(2));
  const bool one_parser = (flags & 4U) != 0;
  const bool restart = (flags & 8U) != 0;
  std::size_t k = flags >> 4U;
  const std::size_t header = 3 + k;
  if (size < header) return 0;
  const std::uint8_t* chunks = data + 3;
  bool grows = false;
  for (std::size_t i = 0; i < k; ++i) grows = grows || chunks[i] != 0;
  if (!grows) k = 0;  // only "same buffer again": a byte at a time instead
  const std::string_view stream = smtp_reply_fuzz::view(data + header, size - header);

  smtp_reply::parser shared(options);
  std::size_t chunk = 0;
  std::size_t at = 0;
  do {
    const std::string_view rest = stream.substr(at);
    const smtp_reply::parse_result whole = smtp_reply::parse(rest, options);
    const std::size_t decided = deciding_length(rest, options);
    if (decided <= rest.size()) {
      const smtp_reply::parse_result first = smtp_reply::parse(rest.substr(0, decided), options);
      SMTP_REPLY_FUZZ_CHECK(smtp_reply_fuzz::same_result(first, rest.data(), whole, rest.data()));
    }

    smtp_reply::parser fresh(options);
    smtp_reply::parser& p = one_parser ? shared : fresh;
    SMTP_REPLY_FUZZ_CHECK(p.scanned() == 0);
    std::size_t have = 0;
    std::size_t work = 0;  // total forward movement of scanned()
    bool restarted = false;
    smtp_reply::parse_result r{};
    for (;;) {
      const std::size_t step = k == 0 ? 1 : chunks[chunk++ % k];
      have = rest.size() - have > step ? have + step : rest.size();
      if (restart && !restarted && have > 1 && (chunk & 1U) != 0) {
        // A shorter buffer than the last one: the parser starts over.
        restarted = true;
        const std::size_t shorter = p.scanned() / 2;
        const smtp_reply::parse_result again = p.feed(rest.substr(0, shorter));
        SMTP_REPLY_FUZZ_CHECK(again.need_more() == (shorter < decided));
        if (!again.need_more()) {
          r = again;
          break;
        }
        SMTP_REPLY_FUZZ_CHECK(p.scanned() == shorter);
        work += shorter;
      }
      const std::size_t before = p.scanned();
      r = p.feed(rest.substr(0, have));
      if (!r.need_more()) break;
      SMTP_REPLY_FUZZ_CHECK(have < decided);
      SMTP_REPLY_FUZZ_CHECK(p.scanned() == have && have >= before);
      work += have - before;
      SMTP_REPLY_FUZZ_CHECK(work <= 2 * have);
      if (have == rest.size()) break;
    }
    if (r.need_more()) {
      SMTP_REPLY_FUZZ_CHECK(whole.need_more() && have == rest.size());
    } else {
      // Decided as soon as the bytes decide it, and exactly as parse() decides it.
      SMTP_REPLY_FUZZ_CHECK(have >= decided);
      SMTP_REPLY_FUZZ_CHECK(p.scanned() == 0);
      SMTP_REPLY_FUZZ_CHECK(smtp_reply_fuzz::same_result(r, rest.data(), whole, rest.data()));
    }
    at += smtp_reply_fuzz::next_reply(rest, whole);
  } while (at < stream.size());
  return 0;
}
