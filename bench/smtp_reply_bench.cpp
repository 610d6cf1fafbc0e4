// smtp_reply benchmarks (issue 4): the parser and classifier on a pipelined
// stream of realistic replies, next to the least work any parser must do (a
// memchr scan) and a naive getline + std::regex parser, in one binary.
//
// Every case reports ns per reply (`ns_per_reply`), replies and bytes per
// second, and heap allocations per reply (`allocs_per_reply`, counted by the
// global operator new below). A library case that allocates, or that reads a
// different number of replies than were generated, fails the run (exit 1), so
// the ctest smoke test keeps the harness and the zero-allocation promise
// honest.
//
// Environment: SMTP_REPLY_BENCH_REPLIES (default 1000000) sets the stream
// size; the byte-at-a-time case reads the first 20000 replies of it.
// Extra flags: --smtp_reply_write_sample=FILE, --smtp_reply_check_sample=FILE
// (bench/data/sample.txt holds the first replies of the stream).

#include <benchmark/benchmark.h>

#include <smtp_reply/classify.hpp>
#include <smtp_reply/codes.hpp>
#include <smtp_reply/enhanced.hpp>
#include <smtp_reply/parse.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "allocation_counter.hpp"
#include "generator.hpp"

namespace {

using smtp_reply_bench::stream;

// ---------------------------------------------------------------------------
// Data and bookkeeping.

constexpr std::size_t default_replies = 1000000;
constexpr std::size_t byte_case_replies = 20000;
constexpr std::size_t sample_replies = 200;
constexpr std::size_t read_size = 16 * 1024;

bool failed = false;  // set by a case that reads wrongly or allocates on a library path

const stream* the_stream = nullptr;

std::size_t replies_from_environment() {
  const char* value = std::getenv("SMTP_REPLY_BENCH_REPLIES");
  if (value == nullptr || *value == '\0') return default_replies;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(value, &end, 10);
  if (end == value || *end != '\0' || n == 0) {
    std::cerr << "SMTP_REPLY_BENCH_REPLIES must be a positive number, not '" << value << "'\n";
    std::exit(2);
  }
  return static_cast<std::size_t>(n);
}

// The first `replies` replies of the stream, as one buffer.
std::string_view prefix(std::size_t replies) {
  const stream& s = *the_stream;
  const std::size_t n = std::min(replies, s.size());
  return std::string_view(s.bytes).substr(0, s.starts[n]);
}
std::size_t prefix_replies(std::size_t replies) { return std::min(replies, the_stream->size()); }

// Bytes [from, to) of `s`, without substr's bounds check (a harness cost,
// not the library's, paid once per call in the loops below).
std::string_view slice(std::string_view s, std::size_t from, std::size_t to) noexcept {
  return std::string_view(s.data() + from, to - from);
}

void fail(benchmark::State& state, const std::string& why) {
  failed = true;
  state.SkipWithError(why.c_str());
}

// Publishes the figures of a case that reads `units` replies (or lookups) of
// `bytes` bytes per iteration. `library`: a path of the library, which must
// not allocate.
void publish(benchmark::State& state, std::size_t units, std::size_t bytes, std::uint64_t allocs,
             bool library) {
  const auto iterations = static_cast<std::int64_t>(state.iterations());
  state.SetItemsProcessed(iterations * static_cast<std::int64_t>(units));
  state.SetBytesProcessed(iterations * static_cast<std::int64_t>(bytes));
  // A rate of units / 1e9 per second, inverted: nanoseconds per unit.
  state.counters["ns_per_reply"] = benchmark::Counter(
      static_cast<double>(units) / 1e9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  const double per_unit =
      static_cast<double>(allocs) / (static_cast<double>(iterations) * static_cast<double>(units));
  state.counters["allocs_per_reply"] = per_unit;
  if (library && allocs != 0) fail(state, "a library path allocated: " + std::to_string(allocs));
}

bool check_count(benchmark::State& state, std::size_t got, std::size_t want) {
  if (got == want) return true;
  fail(state, "read " + std::to_string(got) + " replies, expected " + std::to_string(want));
  return false;
}

// ---------------------------------------------------------------------------
// 6a. The floor: find each line end with memchr, read the three code digits
// and the separator, so as to know where each reply ends. No validation.

std::size_t floor_scan(std::string_view buffer, unsigned& code_sum) noexcept {
  const char* p = buffer.data();
  const char* const end = p + buffer.size();
  std::size_t replies = 0;
  unsigned sum = 0;
  while (p < end) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const char* lf = found ? static_cast<const char*>(found) : end;
    if (lf - p >= 3) {
      const unsigned code = static_cast<unsigned>(p[0] - '0') * 100U + static_cast<unsigned>(p[1] - '0') * 10U +
                            static_cast<unsigned>(p[2] - '0');
      if (p[3] != '-') {  // SP, CR or LF after the code: the final line
        ++replies;
        sum += code;
      }
    }
    p = lf + 1;
  }
  code_sum = sum;
  return replies;
}

void stream_floor(benchmark::State& state) {
  const std::string_view buffer = prefix(the_stream->size());
  std::size_t replies = 0;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    unsigned sum = 0;
    replies = floor_scan(buffer, sum);
    benchmark::DoNotOptimize(sum);
    benchmark::DoNotOptimize(replies);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  if (!check_count(state, replies, the_stream->size())) return;
  publish(state, replies, buffer.size(), allocs, false);
}

// ---------------------------------------------------------------------------
// 1. Whole-buffer parse of the pipelined stream.

void stream_parse(benchmark::State& state) {
  const std::string_view buffer = prefix(the_stream->size());
  std::size_t replies = 0;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    replies = 0;
    std::size_t at = 0;
    unsigned sum = 0;
    while (at < buffer.size()) {
      const smtp_reply::parse_result r = smtp_reply::parse(slice(buffer, at, buffer.size()));
      if (!r) break;
      sum += r.reply.code;
      at += r.consumed;
      ++replies;
    }
    benchmark::DoNotOptimize(sum);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  if (!check_count(state, replies, the_stream->size())) return;
  publish(state, replies, buffer.size(), allocs, true);
}

// ---------------------------------------------------------------------------
// 2. The incremental parser, as a socket loop drives it.

// 16 KiB reads, zero-copy: the stream stands for the caller's buffer; a read
// makes 16 KiB more of it visible, and an `ok` drops the reply's bytes by
// moving the buffer's start. This measures the parser, not memcpy.
void stream_feed_16k(benchmark::State& state) {
  const std::string_view all = prefix(the_stream->size());
  std::size_t replies = 0;
  std::size_t reads = 0;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    replies = 0;
    reads = 1;
    smtp_reply::parser p;
    std::size_t start = 0;
    std::size_t filled = std::min(read_size, all.size());
    unsigned sum = 0;
    for (;;) {
      const smtp_reply::parse_result r = p.feed(slice(all, start, filled));
      if (r) {
        sum += r.reply.code;
        start += r.consumed;
        ++replies;
        continue;
      }
      if (!r.need_more() || filled == all.size()) break;
      filled = std::min(filled + read_size, all.size());  // the next read()
      ++reads;
    }
    benchmark::DoNotOptimize(sum);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  if (!check_count(state, replies, the_stream->size())) return;
  publish(state, replies, all.size(), allocs, true);
  state.counters["reads"] = static_cast<double>(reads);
}

// 16 KiB reads into a real 64 KiB buffer: each read copies (memcpy stands in
// for recv), and the unread tail is moved to the front when the buffer is
// full. What a socket loop costs, copy included.
void stream_feed_16k_copy(benchmark::State& state) {
  const std::string_view all = prefix(the_stream->size());
  std::vector<char> buffer(4 * read_size);
  std::size_t replies = 0;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    replies = 0;
    smtp_reply::parser p;
    std::size_t source = 0;  // bytes of `all` read so far
    std::size_t start = 0;   // the current reply's first byte in `buffer`
    std::size_t length = 0;  // bytes in `buffer`
    unsigned sum = 0;
    for (;;) {
      const smtp_reply::parse_result r = p.feed(std::string_view(buffer.data() + start, length - start));
      if (r) {
        sum += r.reply.code;
        start += r.consumed;
        ++replies;
        continue;
      }
      if (!r.need_more() || source == all.size()) break;
      if (length + read_size > buffer.size()) {  // compact: the parser's offsets are relative to `start`
        std::memmove(buffer.data(), buffer.data() + start, length - start);
        length -= start;
        start = 0;
      }
      const std::size_t n = std::min(read_size, all.size() - source);
      std::memcpy(buffer.data() + length, all.data() + source, n);  // recv()
      source += n;
      length += n;
    }
    benchmark::DoNotOptimize(sum);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  if (!check_count(state, replies, the_stream->size())) return;
  publish(state, replies, all.size(), allocs, true);
}

// One reply per read: the usual SMTP dialogue, where each command's reply
// arrives on its own.
void stream_feed_reply(benchmark::State& state) {
  const stream& s = *the_stream;
  const std::string_view all(s.bytes);
  std::size_t replies = 0;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    replies = 0;
    smtp_reply::parser p;
    unsigned sum = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const smtp_reply::parse_result r = p.feed(slice(all, s.starts[i], s.starts[i + 1]));
      if (!r) break;
      sum += r.reply.code;
      ++replies;
    }
    benchmark::DoNotOptimize(sum);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  if (!check_count(state, replies, s.size())) return;
  publish(state, replies, all.size(), allocs, true);
}

// One byte per read, on the first 20000 replies: each call sees one more
// byte; O(n) only if the parser never rescans.
void stream_feed_byte(benchmark::State& state) {
  const std::size_t want = prefix_replies(byte_case_replies);
  const std::string_view all = prefix(want);
  std::size_t replies = 0;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    replies = 0;
    smtp_reply::parser p;
    std::size_t start = 0;
    unsigned sum = 0;
    for (std::size_t filled = 1; filled <= all.size(); ++filled) {
      const smtp_reply::parse_result r = p.feed(slice(all, start, filled));
      if (r) {
        sum += r.reply.code;
        start += r.consumed;
        ++replies;
      } else if (!r.need_more()) {
        break;
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  if (!check_count(state, replies, want)) return;
  publish(state, replies, all.size(), allocs, true);
}

// ---------------------------------------------------------------------------
// 3. Parse + classify of the stream.

void stream_parse_classify(benchmark::State& state) {
  const std::string_view buffer = prefix(the_stream->size());
  std::size_t replies = 0;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    replies = 0;
    std::size_t at = 0;
    unsigned sum = 0;
    while (at < buffer.size()) {
      const smtp_reply::parse_result r = smtp_reply::parse(slice(buffer, at, buffer.size()));
      if (!r) break;
      const smtp_reply::classification c = smtp_reply::classify(r.reply);
      // What an MTA reads of every reply: the reason and action it acts
      // on, and the code's description it logs (classify() is in line for
      // successes, so a field not read would not be looked up at all).
      sum += static_cast<unsigned>(c.reason) + static_cast<unsigned>(c.action) +
             static_cast<unsigned>(c.code_description.size());
      at += r.consumed;
      ++replies;
    }
    benchmark::DoNotOptimize(sum);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  if (!check_count(state, replies, the_stream->size())) return;
  publish(state, replies, buffer.size(), allocs, true);
}

// ---------------------------------------------------------------------------
// 6b. The naive baseline, as people write it: getline over an istringstream,
// std::regex per line, each reply's lines copied into a vector of strings.

struct naive_reply {
  int code = 0;
  std::vector<std::string> lines;
};

void stream_naive(benchmark::State& state) {
  const std::string_view buffer = prefix(the_stream->size());
  const std::string text(buffer);
  const std::regex line_syntax(R"(([2-5][0-9][0-9])([ -]?)(.*))");
  std::size_t replies = 0;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    replies = 0;
    std::istringstream in(text);
    std::string line;
    naive_reply current;
    long sum = 0;
    bool ok = true;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::smatch m;
      if (!std::regex_match(line, m, line_syntax)) {
        ok = false;
        break;
      }
      current.code = std::stoi(m[1].str());
      current.lines.push_back(m[3].str());
      if (m[2].str() != "-") {
        std::vector<naive_reply> out;  // a reply handed to the caller
        out.push_back(std::move(current));
        sum += out.back().code + static_cast<long>(out.back().lines.size());
        current = naive_reply{};
        ++replies;
      }
    }
    if (!ok) break;
    benchmark::DoNotOptimize(sum);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  if (!check_count(state, replies, the_stream->size())) return;
  publish(state, replies, buffer.size(), allocs, false);
}

// ---------------------------------------------------------------------------
// 4. Classify alone, on typical failure replies (parsed once, outside the loop).

const std::string postfix_short =
    "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table\r\n";
const std::string gmail_long =
    "550-5.7.26 This mail has been blocked because the sender is unauthenticated.\r\n"
    "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\r\n"
    "550-5.7.26\r\n"
    "550-5.7.26  Authentication results:\r\n"
    "550-5.7.26  DKIM = did not pass\r\n"
    "550-5.7.26  SPF [example.org] with ip: [203.0.113.7] = did not pass\r\n"
    "550-5.7.26\r\n"
    "550-5.7.26  For instructions on setting up authentication, go to\r\n"
    "550 5.7.26  https://support.google.com/mail/answer/81126#authentication "
    "41be03b00d2f7-5f1c2b2c2a6si1234567plt.123 - gsmtp\r\n";
const std::string no_match = "554 Transaction declined at stage 7 by handler 0x2f (see log 48151623)\r\n";

void classify_one(benchmark::State& state, const std::string* text) {
  const smtp_reply::parse_result parsed = smtp_reply::parse(*text);
  if (!parsed) return fail(state, "the sample reply does not parse");
  const smtp_reply::reply r = parsed.reply;
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    benchmark::DoNotOptimize(r);
    const smtp_reply::classification c = smtp_reply::classify(r);
    benchmark::DoNotOptimize(c);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  const smtp_reply::classification c = smtp_reply::classify(r);
  state.SetLabel(std::string(smtp_reply::to_string(c.reason)) + " by " +
                 std::string(smtp_reply::to_string(c.evidence.source)));
  publish(state, 1, text->size(), allocs, true);
}

// ---------------------------------------------------------------------------
// 5. Table lookups, on the codes of the stream's first replies.

struct lookup_keys {
  std::vector<std::uint16_t> codes;
  std::vector<smtp_reply::enhanced_code> enhanced;
};

const lookup_keys& keys() {
  static const lookup_keys k = [] {
    lookup_keys out;
    const stream& s = *the_stream;
    for (std::size_t i = 0; i < s.size() && out.enhanced.size() < 1024; ++i) {
      const smtp_reply::parse_result r = smtp_reply::parse(s.reply(i));
      out.codes.push_back(r.reply.code);
      if (r.reply.enhanced) out.enhanced.push_back(r.reply.enhanced);
    }
    // And codes the tables do not hold.
    out.codes.push_back(299);
    out.codes.push_back(599);
    out.enhanced.push_back(smtp_reply::enhanced_code{5, 7, 606});
    out.enhanced.push_back(smtp_reply::enhanced_code{4, 9, 99});
    return out;
  }();
  return k;
}

template <class Key, class Lookup>
void lookup(benchmark::State& state, const std::vector<Key>& in, Lookup&& f) {
  const std::uint64_t before = smtp_reply_bench::allocations();
  for (auto _ : state) {
    std::size_t found = 0;
    for (const Key& k : in) found += f(k);
    benchmark::DoNotOptimize(found);
  }
  const std::uint64_t allocs = smtp_reply_bench::allocations() - before;
  state.SetLabel("per lookup");
  publish(state, in.size(), in.size() * sizeof(Key), allocs, true);
}

void lookup_reply_code(benchmark::State& state) {
  lookup(state, keys().codes, [](std::uint16_t c) { return smtp_reply::find_reply_code(c) != nullptr ? 1U : 0U; });
}
void lookup_enhanced_code(benchmark::State& state) {
  lookup(state, keys().enhanced,
         [](const smtp_reply::enhanced_code& e) { return smtp_reply::find_enhanced_code(e) != nullptr ? 1U : 0U; });
}
void lookup_describe(benchmark::State& state) {
  lookup(state, keys().enhanced, [](const smtp_reply::enhanced_code& e) {
    const smtp_reply::enhanced_code_description d = smtp_reply::describe(e);
    return d.subject_text.size() + (d.entry != nullptr ? 1U : 0U);
  });
}

// ---------------------------------------------------------------------------

std::string read_file(const char* path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Handles --smtp_reply_write_sample=FILE / --smtp_reply_check_sample=FILE.
// Returns -1 to go on with the benchmarks, else the exit code.
int sample_command(int& argc, char** argv) {
  const std::string_view write_flag = "--smtp_reply_write_sample=";
  const std::string_view check_flag = "--smtp_reply_check_sample=";
  const std::string sample = smtp_reply_bench::generate(sample_replies).bytes;
  int code = -1;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg.substr(0, write_flag.size()) == write_flag) {
      std::ofstream out(argv[i] + write_flag.size(), std::ios::binary);
      out << sample;
      code = out ? 0 : 1;
    } else if (arg.substr(0, check_flag.size()) == check_flag) {
      bool ok = false;
      const std::string have = read_file(argv[i] + check_flag.size(), ok);
      if (!ok || have != sample) {
        std::cerr << "sample file " << (argv[i] + check_flag.size())
                  << " does not match the generator; regenerate it with --smtp_reply_write_sample\n";
        code = 1;
      } else {
        code = code == 1 ? 1 : 0;
      }
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  return code;
}

// The CPU model, from /proc/cpuinfo where there is one.
std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown";
}

std::string build_flavour() {
  std::string out;
#if defined(__OPTIMIZE__)
  out = "optimized";
#else
  out = "not optimized";
#endif
#if defined(NDEBUG)
  out += ", NDEBUG";
#endif
#if defined(__SANITIZE_ADDRESS__)
  out += ", ASan";
#endif
  return out;
}

/// The "min" statistic of the repetitions: the fastest.
double fastest(const std::vector<double>& values) {
  return values.empty() ? 0.0 : *std::min_element(values.begin(), values.end());
}

std::string percent(std::size_t part, std::size_t whole) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (const int code = sample_command(argc, argv); code >= 0) return code;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  const stream s = smtp_reply_bench::generate(replies_from_environment());
  the_stream = &s;
  const smtp_reply_bench::stream_stats& st = s.stats;
  benchmark::AddCustomContext("stream_replies", std::to_string(st.replies));
  benchmark::AddCustomContext("stream_bytes", std::to_string(st.bytes));
  benchmark::AddCustomContext("stream_lines", std::to_string(st.lines));
  benchmark::AddCustomContext("stream_single_line", percent(st.single_line, st.replies));
  benchmark::AddCustomContext("stream_crlf", percent(st.crlf, st.replies));
  benchmark::AddCustomContext("stream_enhanced_codes", percent(st.with_enhanced, st.replies));
  benchmark::AddCustomContext("stream_seed", std::to_string(smtp_reply_bench::default_seed));
  benchmark::AddCustomContext("feed_byte_replies", std::to_string(prefix_replies(byte_case_replies)));
#if defined(__clang__)
  benchmark::AddCustomContext("compiler", "clang++ " __clang_version__);
#elif defined(__GNUC__)
  benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#else
  benchmark::AddCustomContext("compiler", "unknown");
#endif
  benchmark::AddCustomContext("cpu_model", cpu_model());
  benchmark::AddCustomContext("smtp_reply_build", build_flavour());

  // With --benchmark_repetitions, each case also reports its fastest
  // repetition ("min"), next to Google Benchmark's median: on a shared
  // machine the fastest is the one other load disturbed least.
  const auto ms = benchmark::kMillisecond;
  const auto with_fastest = [](benchmark::internal::Benchmark* b) { return b->ComputeStatistics("min", fastest); };
  with_fastest(benchmark::RegisterBenchmark("stream/floor_memchr", stream_floor))->Unit(ms);
  with_fastest(benchmark::RegisterBenchmark("stream/parse", stream_parse))->Unit(ms);
  with_fastest(benchmark::RegisterBenchmark("stream/feed_16KiB", stream_feed_16k))->Unit(ms);
  with_fastest(benchmark::RegisterBenchmark("stream/feed_16KiB_copy", stream_feed_16k_copy))->Unit(ms);
  with_fastest(benchmark::RegisterBenchmark("stream/feed_reply", stream_feed_reply))->Unit(ms);
  with_fastest(benchmark::RegisterBenchmark("stream/feed_byte", stream_feed_byte))->Unit(ms);
  with_fastest(benchmark::RegisterBenchmark("stream/parse_classify", stream_parse_classify))->Unit(ms);
  with_fastest(benchmark::RegisterBenchmark("stream/naive_getline_regex", stream_naive))->Unit(ms);
  with_fastest(benchmark::RegisterBenchmark("classify/postfix_short", classify_one, &postfix_short));
  with_fastest(benchmark::RegisterBenchmark("classify/gmail_long", classify_one, &gmail_long));
  with_fastest(benchmark::RegisterBenchmark("classify/no_match", classify_one, &no_match));
  with_fastest(benchmark::RegisterBenchmark("lookup/find_reply_code", lookup_reply_code));
  with_fastest(benchmark::RegisterBenchmark("lookup/find_enhanced_code", lookup_enhanced_code));
  with_fastest(benchmark::RegisterBenchmark("lookup/describe", lookup_describe));

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (failed) std::cerr << "smtp_reply_bench: a case failed (wrong reply count or a library allocation)\n";
  return failed ? 1 : 0;
}
