// Runs one library path over the first replies of the benchmark stream, for
// bench/count_instructions.sh to count instructions under callgrind (which,
// unlike time, other load on the machine does not move).
//
//   instructions MODE [REPLIES]     MODE: none | parse | classify | feed_16KiB | feed_byte
//
// `none` only generates the stream, so the script can subtract that cost.
#include <smtp_reply/classify.hpp>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "generator.hpp"

namespace {

std::string_view slice(std::string_view s, std::size_t from, std::size_t to) noexcept {
  return std::string_view(s.data() + from, to - from);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s none|parse|classify|feed_16KiB|feed_byte [REPLIES]\n", argv[0]);
    return 2;
  }
  const std::string_view mode = argv[1];
  const std::size_t count = argc > 2 ? static_cast<std::size_t>(std::strtoull(argv[2], nullptr, 10)) : 20000;
  const smtp_reply_bench::stream s = smtp_reply_bench::generate(count);
  const std::string_view all(s.bytes);
  std::size_t replies = 0;
  unsigned sum = 0;
  if (mode == "parse" || mode == "classify") {
    const bool classify = mode == "classify";
    for (std::size_t at = 0; at < all.size();) {
      const smtp_reply::parse_result r = smtp_reply::parse(slice(all, at, all.size()));
      if (!r) break;
      if (classify) {
        // As the benchmark reads it (smtp_reply_bench.cpp, parse + classify).
        const smtp_reply::classification c = smtp_reply::classify(r.reply);
        sum += static_cast<unsigned>(c.reason) + static_cast<unsigned>(c.action) +
               static_cast<unsigned>(c.code_description.size());
      }
      sum += r.reply.code;
      at += r.consumed;
      ++replies;
    }
  } else if (mode == "feed_16KiB" || mode == "feed_byte") {
    const std::size_t step = mode == "feed_byte" ? 1 : 16 * 1024;
    smtp_reply::parser p;
    std::size_t start = 0;
    std::size_t filled = 0;
    while (start < all.size()) {
      const smtp_reply::parse_result r = p.feed(slice(all, start, filled));
      if (r) {
        sum += r.reply.code;
        start += r.consumed;
        ++replies;
      } else if (!r.need_more() || filled == all.size()) {
        break;
      } else {
        filled = filled + step < all.size() ? filled + step : all.size();
      }
    }
  } else if (mode != "none") {
    std::fprintf(stderr, "unknown mode '%s'\n", argv[1]);
    return 2;
  }
  std::printf("%zu replies, checksum %u\n", replies, sum);
  return mode == "none" || replies == s.size() ? 0 : 1;
}
