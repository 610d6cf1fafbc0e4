// Limits under attack (issue 7): a hostile server sends a 10 MB line with no
// LF, or a million continuation lines, in one piece or a byte at a time. The
// parser must stop at its limits, do work linear in what it was given, and
// use no memory beyond its own small object. Checked by counting work
// (scanned(), calls, allocations) and by making bytes past the limit
// unreadable, never by wall time.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include <smtp_reply/parse.hpp>

#include "support.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#include <unistd.h>
#define SMTP_REPLY_TEST_GUARD_PAGES 1
#else
#define SMTP_REPLY_TEST_GUARD_PAGES 0
#endif

using smtp_reply::default_preset;
using smtp_reply::parse_options;
using smtp_reply::parse_result;
using smtp_reply::parse_status;
using smtp_reply::parser;
using smtp_reply::strict_preset;
using smtp_reply_test::allocations_during;
using smtp_reply_test::name;

// Memory: the parser is a small fixed-size value. It owns no storage that
// grows with the input (nothing to free, copied bit for bit), and a whole
// result fits in a few cache lines.
static_assert(sizeof(smtp_reply::parser) <= 128, "the resumable parser stays small");
static_assert(std::is_trivially_copyable<smtp_reply::parser>::value, "the parser owns no memory");
static_assert(std::is_trivially_destructible<smtp_reply::parser>::value, "the parser owns no memory");
static_assert(sizeof(smtp_reply::parse_result) <= 128, "a result is small");
static_assert(std::is_trivially_copyable<smtp_reply::parse_result>::value, "a result holds views only");

namespace {

// The text scanner tests 8 or 16 bytes at a time, so it may read a few bytes
// past the one that decides, inside the caller's buffer (never past its end,
// which ASan checks elsewhere). Bounded work means: nothing beyond that.
constexpr std::size_t look_ahead = 64;

constexpr std::size_t ten_megabytes = std::size_t{10} * 1024 * 1024;
constexpr std::size_t million = 1000 * 1000;

/** "250 " and then `size - 4` bytes of 'x': one line that never ends. */
std::string line_without_lf(std::size_t size) {
  std::string s(size, 'x');
  std::memcpy(&s[0], "250 ", 4);
  return s;
}

/** `count` continuation lines "250-x\r\n", and no final line. */
std::string continuation_lines(std::size_t count) {
  std::string s;
  s.reserve(count * 7);
  for (std::size_t i = 0; i < count; ++i) s += "250-x\r\n";
  return s;
}

/**
 * The bytes of `input` where only the first `readable` bytes may be read: the
 * data is placed so that byte `readable` starts a page, and that page and all
 * after it are mapped PROT_NONE. A parser that reads further dies with
 * SIGSEGV (and the test fails, naming this case): it did not stop at its limit.
 */
class guarded_buffer {
 public:
  guarded_buffer(std::string_view input, std::size_t readable) : size_(input.size()) {
#if SMTP_REPLY_TEST_GUARD_PAGES
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    auto round_up = [page](std::size_t n) { return (n + page - 1) / page * page; };
    const std::size_t open = round_up(readable);  // readable bytes end here
    const std::size_t shift = open - readable;    // where the data starts
    mapped_ = round_up(shift + size_) + page;
    void* p = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(p != MAP_FAILED);
    base_ = static_cast<char*>(p);
    data_ = base_ + shift;
    if (size_ != 0) std::memcpy(data_, input.data(), size_);
    REQUIRE(mprotect(base_ + open, mapped_ - open, PROT_NONE) == 0);
#else
    (void)readable;
    copy_ = std::string(input);
    data_ = &copy_[0];
#endif
  }
  ~guarded_buffer() {
#if SMTP_REPLY_TEST_GUARD_PAGES
    munmap(base_, mapped_);
#endif
  }
  guarded_buffer(const guarded_buffer&) = delete;
  guarded_buffer& operator=(const guarded_buffer&) = delete;

  std::string_view view() const noexcept { return std::string_view(data_, size_); }

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
#if SMTP_REPLY_TEST_GUARD_PAGES
  char* base_ = nullptr;
  std::size_t mapped_ = 0;
#else
  std::string copy_;
#endif
};

/** What feeding `input` a byte at a time cost. */
struct bytewise_run {
  parse_result result{};
  std::size_t calls = 0;     // feed() calls until a final result (or the end)
  std::size_t advanced = 0;  // total forward movement of scanned()
  std::size_t max_scanned = 0;
  bool monotonic = true;       // scanned() never went back while incomplete
  bool scanned_is_size = true;  // after incomplete, scanned() == the buffer's size
};

/** Feeds a growing prefix of `input`, one byte more each call, as a socket loop would. */
bytewise_run feed_bytewise(std::string_view input, const parse_options& options) {
  bytewise_run run;
  parser p(options);
  for (std::size_t k = 1; k <= input.size(); ++k) {
    const std::size_t before = p.scanned();
    run.result = p.feed(input.substr(0, k));
    ++run.calls;
    if (!run.result.need_more()) break;
    if (p.scanned() < before) run.monotonic = false;
    if (p.scanned() != k) run.scanned_is_size = false;
    run.advanced += p.scanned() - before;
    if (p.scanned() > run.max_scanned) run.max_scanned = p.scanned();
  }
  return run;
}

parse_options unlimited_lines(parse_options o) {
  o.max_lines = std::numeric_limits<std::size_t>::max();
  return o;
}
parse_options unlimited_length(parse_options o) {
  o.max_line_length = std::numeric_limits<std::size_t>::max();
  return o;
}

}  // namespace

TEST_SUITE("attack") {

TEST_CASE("10 MB without LF, in one piece: line_too_long at the limit, nothing past it read") {
  const std::string input = line_without_lf(ten_megabytes);
  for (const parse_options& options : {default_preset, strict_preset}) {
    CAPTURE(options.max_line_length);
    // The byte at the limit decides (it is not an LF); no byte far after it may be read.
    const guarded_buffer buffer(input, options.max_line_length + 1 + look_ahead);
    parse_result r{};
    const std::size_t allocations = allocations_during([&] { r = smtp_reply::parse(buffer.view(), options); });
    CHECK(name(r.status) == "line_too_long");
    CHECK(r.error_offset == options.max_line_length);
    CHECK(allocations == 0);
    // The resumable parser, handed all 10 MB at once, stops at the same byte.
    parser p(options);
    const parse_result fed = p.feed(buffer.view());
    CHECK(name(fed.status) == "line_too_long");
    CHECK(fed.error_offset == options.max_line_length);
    CHECK(p.scanned() == 0);  // and starts afresh for the next reply
  }
}

TEST_CASE("10 MB without LF, a byte at a time: line_too_long after limit + 1 calls, each byte scanned once") {
  const std::string input = line_without_lf(ten_megabytes);
  for (const parse_options& options : {default_preset, strict_preset}) {
    CAPTURE(options.max_line_length);
    bytewise_run run;
    const std::size_t allocations = allocations_during([&] { run = feed_bytewise(input, options); });
    CHECK(name(run.result.status) == "line_too_long");
    CHECK(run.result.error_offset == options.max_line_length);
    CHECK(run.calls == options.max_line_length + 1);
    CHECK(run.advanced == options.max_line_length);  // no byte examined twice
    CHECK(run.max_scanned == options.max_line_length);
    CHECK(run.monotonic);
    CHECK(run.scanned_is_size);
    CHECK(allocations == 0);
  }
}

TEST_CASE("10 MB without LF and no line limit, a byte at a time: O(n) work, no memory growth") {
  // With the limit lifted (a caller's SIZE_MAX for "no limit"), 10 M calls
  // must cost 10 M byte examinations in all, not 5 * 10^13.
  const std::string input = line_without_lf(ten_megabytes);
  bytewise_run run;
  const std::size_t allocations =
      allocations_during([&] { run = feed_bytewise(input, unlimited_length(default_preset)); });
  CHECK(name(run.result.status) == "incomplete");
  CHECK(run.calls == input.size());
  CHECK(run.advanced == input.size());
  CHECK(run.monotonic);
  CHECK(run.scanned_is_size);
  CHECK(allocations == 0);
}

TEST_CASE("a million continuation lines, in one piece: too_many_lines at the 1001st line's first byte") {
  const std::string input = continuation_lines(million);
  for (const parse_options& options : {default_preset, strict_preset}) {
    const std::size_t at = options.max_lines * 7;  // "250-x\r\n" is 7 bytes
    // The first byte of line 1001 decides; nothing far after it may be read.
    const guarded_buffer buffer(input, at + 1 + look_ahead);
    parse_result r{};
    const std::size_t allocations = allocations_during([&] { r = smtp_reply::parse(buffer.view(), options); });
    CHECK(name(r.status) == "too_many_lines");
    CHECK(r.error_offset == at);
    CHECK(allocations == 0);
  }
}

TEST_CASE("a million continuation lines, a byte at a time: too_many_lines after 7001 calls, O(n) work") {
  const std::string input = continuation_lines(million);
  bytewise_run run;
  const std::size_t allocations = allocations_during([&] { run = feed_bytewise(input, default_preset); });
  CHECK(name(run.result.status) == "too_many_lines");
  CHECK(run.result.error_offset == 7000);
  CHECK(run.calls == 7001);
  CHECK(run.advanced == 7000);
  CHECK(run.monotonic);
  CHECK(run.scanned_is_size);
  CHECK(allocations == 0);
}

TEST_CASE("a million continuation lines and no line-count limit, a byte at a time: O(n), then the reply") {
  std::string input = continuation_lines(million);
  const parse_options options = unlimited_lines(default_preset);
  bytewise_run run;
  std::size_t allocations = allocations_during([&] { run = feed_bytewise(input, options); });
  CHECK(name(run.result.status) == "incomplete");
  CHECK(run.calls == input.size());
  CHECK(run.advanced == input.size());
  CHECK(run.scanned_is_size);
  CHECK(allocations == 0);
  // The final line arrives: a reply of 1,000,001 lines, read in one more pass
  // over the new bytes only.
  const std::size_t before = input.size();
  input += "250 done\r\n";
  parser p(options);
  parse_result r = p.feed(std::string_view(input).substr(0, before));
  REQUIRE(name(r.status) == "incomplete");
  CHECK(p.scanned() == before);
  allocations = allocations_during([&] { r = p.feed(input); });
  REQUIRE(name(r.status) == "ok");
  CHECK(r.consumed == input.size());
  CHECK(r.reply.line_count == million + 1);
  CHECK(r.reply.code == 250);
  CHECK(allocations == 0);
  // Iterating a million lines stores nothing either.
  std::size_t lines = 0;
  allocations = allocations_during([&] {
    for (const smtp_reply::reply_line& line : r.reply.lines()) lines += line.code == 250 ? 1 : 0;
  });
  CHECK(lines == million + 1);
  CHECK(allocations == 0);
}

TEST_CASE("limits are checked before the data: zero limits reject at the first byte") {
  const std::string input = line_without_lf(ten_megabytes);
  const guarded_buffer buffer(input, 1 + look_ahead);
  parse_options none = default_preset;
  none.max_line_length = 0;
  parse_result r = smtp_reply::parse(buffer.view(), none);
  CHECK(name(r.status) == "line_too_long");
  CHECK(r.error_offset == 0);
  none = default_preset;
  none.max_lines = 0;
  r = smtp_reply::parse(buffer.view(), none);
  CHECK(name(r.status) == "too_many_lines");
  CHECK(r.error_offset == 0);
}

}  // TEST_SUITE
