// Chunking ("parsegrind", STYLE.md habit 11): the same bytes give the same
// result however they arrive. Every input is split at every byte and fed a
// byte at a time, each chunk in its own exactly sized heap buffer (habit 12),
// and compared with the whole-buffer parse. Also: the work is linear in the
// input when fed a byte at a time, and random junk never crashes the parser.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <smtp_reply/parse.hpp>

#include "support.hpp"

using namespace std::literals;
using smtp_reply::default_preset;
using smtp_reply::parse_options;
using smtp_reply::parse_result;
using smtp_reply::parse_status;
using smtp_reply::parser;
using smtp_reply::strict_preset;
using smtp_reply_test::escape;
using smtp_reply_test::exact_buffer;
using smtp_reply_test::line_of_length;
using smtp_reply_test::matches;
using smtp_reply_test::name;
using smtp_reply_test::parse_summary;
using smtp_reply_test::result_summary;
using smtp_reply_test::summarize;

namespace {

constexpr parse_options tiny_lenient{16, 3, false};
constexpr parse_options tiny_strict{16, 3, true};

// The offset a final result can be known at: no prefix shorter than this may
// give it (ok needs its final LF; an error needs the byte it names, and a
// lone CR's error the byte after the CR).
std::size_t earliest_final(const result_summary& whole) {
  return whole.status == parse_status::ok ? whole.consumed : whole.error_offset + 1;
}

bool is_final(parse_status s) { return s != parse_status::incomplete; }

// Split at every byte: feed the prefix, then the whole input, each from its own
// exact buffer.
void check_every_split(std::string_view input, const parse_options& options) {
  const result_summary whole = parse_summary(input, options);
  const std::size_t n = input.size();
  const exact_buffer all(input);
  bool was_final = false;
  for (std::size_t k = 0; k <= n; ++k) {
    parser p(options);
    const exact_buffer head(input.substr(0, k));
    const parse_result first = p.feed(head.view());
    if (!is_final(first.status) && p.scanned() > k) CHECK(p.scanned() <= k);
    if (is_final(first.status)) {
      // A fresh parse of a prefix is either incomplete or the final answer.
      if (!matches(first, whole) || k < earliest_final(whole)) {
        CAPTURE(escape(input));
        CAPTURE(k);
        CHECK(summarize(first) == whole);
        CHECK(k >= earliest_final(whole));
      }
      was_final = true;
      continue;
    }
    if (was_final) {
      // Once final at some prefix, every longer prefix is final too.
      CAPTURE(escape(input));
      CAPTURE(k);
      CHECK(name(first.status) != "incomplete");
    }
    const parse_result second = p.feed(all.view());
    if (p.scanned() > n) CHECK(p.scanned() <= n);
    if (!matches(second, whole)) {
      CAPTURE(escape(input));
      CAPTURE(k);
      CHECK(summarize(second) == whole);
    }
  }
}

// Feed a byte at a time: a growing prefix each call, each in a fresh exact
// buffer (as a caller's buffer that is reallocated as it grows).
void check_byte_at_a_time(std::string_view input, const parse_options& options) {
  const result_summary whole = parse_summary(input, options);
  const std::size_t n = input.size();
  parser p(options);
  result_summary got;  // incomplete
  for (std::size_t k = 0; k <= n; ++k) {
    const exact_buffer head(input.substr(0, k));
    const parse_result r = p.feed(head.view());
    if (!is_final(r.status)) {
      if (p.scanned() != k) {
        // Every byte passed was examined, none is left to read again.
        CAPTURE(escape(input));
        CAPTURE(k);
        CHECK(p.scanned() == k);
      }
      continue;
    }
    got = summarize(r);
    if (k < earliest_final(whole)) {
      CAPTURE(escape(input));
      CAPTURE(k);
      CHECK(k >= earliest_final(whole));
    }
    break;
  }
  if (got != whole) {
    CAPTURE(escape(input));
    CHECK(got == whole);
  }
}

// Random chunk sizes, several chunks per reply.
void check_random_chunks(std::string_view input, const parse_options& options, std::mt19937& rng) {
  const result_summary whole = parse_summary(input, options);
  const std::size_t n = input.size();
  for (int round = 0; round < 8; ++round) {
    parser p(options);
    std::size_t k = 0;
    result_summary got;
    for (;;) {
      const exact_buffer head(input.substr(0, k));
      const parse_result r = p.feed(head.view());
      if (p.scanned() > k) CHECK(p.scanned() <= k);
      if (is_final(r.status)) {
        got = summarize(r);
        break;
      }
      if (k == n) break;
      k += std::uniform_int_distribution<std::size_t>(1, 9)(rng);
      if (k > n) k = n;
    }
    if (got != whole) {
      CAPTURE(escape(input));
      CHECK(got == whole);
    }
  }
}

// The reply ends at its final EOL: then no proper prefix may give ok or an
// error, and the parse consumes every byte.
void check_valid_reply(std::string_view input, const parse_options& options) {
  const result_summary whole = parse_summary(input, options);
  CAPTURE(escape(input));
  REQUIRE(name(whole.status) == "ok");
  CHECK(whole.consumed == input.size());
  // Every prefix of the short ones; for the 1000-line reply, every 5th (the
  // byte-at-a-time test sees all of its prefixes).
  const std::size_t step = input.size() > 3000 ? 5 : 1;
  for (std::size_t k = 0; k < input.size(); k += step) {
    const smtp_reply_test::parsed p(input.substr(0, k), options);
    if (p.status() != parse_status::incomplete) {
      CAPTURE(k);
      CHECK(name(p.status()) == "incomplete");
    }
  }
}

std::string many_lines(std::size_t continuation, std::string_view text = "x") {
  std::string out;
  for (std::size_t i = 0; i < continuation; ++i) {
    out += "250-";
    out += text;
    out += "\r\n";
  }
  out += "250 ";
  out += text;
  out += "\r\n";
  return out;
}

// Replies that are whole and valid under the default preset.
std::vector<std::string> valid_replies() {
  return {
      "250 OK\r\n",
      "250\r\n",
      "250 \r\n",
      "250-\r\n250 x\r\n",
      "250-\r\n250-\r\n250\r\n",
      "220 mx.example.org ESMTP Postfix\r\n",
      "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
      "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 https://x.example\r\n",
      "452 #4.5.3 Too many recipients\r\n",
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound\r\n",
      "550 5.7.606 Access denied\r\n",
      "550 Mailbox unavailable (#5.1.1)\r\n",
      "450 5.7.1 Client host rejected\r\n",
      "550-5.1.1 a\r\n550 b\r\n",
      "550-a\r\n550-5.1.1 b\r\n550 c\r\n",
      "220-mx ESMTP\r\n421 4.3.2 busy\r\n",
      "571 5.7.1 Delivery not authorized\r\n",
      "250 OK\n",
      "250-a\n250-b\r\n250 c\n",
      "250 Gr\xc3\xbc\xc3\x9f" "e aus M\xc3\xbcnchen, und noch mehr Text \xe2\x82\xac\r\n",
      "250-\xc3\xa9\r\n250 plain plain plain plain plain\r\n",
      "250  two  spaces  \r\n",
      "250 \ttab\tin\ttext\t\r\n",
      line_of_length(512),
      line_of_length(513),
      line_of_length(2048),
      "250-a\r\n" + line_of_length(2048, '-') + "250 b\r\n",
      many_lines(2),  // max_lines of the tiny presets
      many_lines(999),
  };
}

// Inputs with errors, several replies, or no end: everything the grammar
// rejects, in byte order, plus pipelined streams.
std::vector<std::string> other_inputs() {
  return {
      "",
      "2",
      "250",
      "250-",
      "250-a\r\n",
      "250 OK\r",
      "\r",
      "\r\n",
      "\n",
      "250-a\r\n\r\n",
      " 250 OK\r\n",
      "OK\r\n",
      "150 x\r\n",
      "2x0 OK\r\n",
      "25 OK\r\n",
      "25\r\n",
      "\rX",
      "250-a\r\n\r250 x\r\n",
      "250\tOK\r\n",
      "2500 OK\r\n",
      "250\rX\r\n",
      "250-a\r\n250+b\r\n",
      std::string("250 a\0b\r\n", 9),
      "250 a\x7f\r\n",
      "250 a\rb\r\n",
      "250 a\r\r\n",
      "250 \xc3\xa9\x01\r\n",
      "250-first\r\n251 second\r\n",
      "250-a\r\n290-b\r\n250 c\r\n",
      "250-a\n251 b\r\n",
      std::string("250-a\r\n251 \0\r\n", 14),
      std::string("571 \0", 5),
      "250 OK\r\n354 go ahead\r\n",
      "250 OK\r\n452 4.5.3 Too",
      std::string("250 OK\r\n\0\xff", 10),
      "250 OK\n\x01",
      "250 abcdefghijk\rX\r\n",
      "250 abcdefghijkl\r\n",
      line_of_length(2049),
      line_of_length(513) + "250 next\r\n",
      "250-a\r\n" + line_of_length(2049, '-') + "250 b\r\n",
      many_lines(3),  // one line past the tiny presets' max_lines
      many_lines(3).substr(0, 21),
      many_lines(1000),
      many_lines(1000).substr(0, 7000),
  };
}

std::vector<parse_options> all_option_sets() {
  return {default_preset, strict_preset, tiny_lenient, tiny_strict};
}

}  // namespace

TEST_SUITE("incremental") {

TEST_CASE("valid replies: no proper prefix gives ok or an error") {
  for (const std::string& input : valid_replies()) check_valid_reply(input, default_preset);
  // The same under strict, for the replies strict accepts.
  std::size_t strict_ok = 0;
  for (const std::string& input : valid_replies()) {
    if (parse_summary(input, strict_preset).status != parse_status::ok) continue;
    check_valid_reply(input, strict_preset);
    ++strict_ok;
  }
  CHECK(strict_ok > 15);
}

TEST_CASE("split at every byte gives the whole-buffer result") {
  for (const parse_options& options : all_option_sets()) {
    CAPTURE(options.max_line_length);
    CAPTURE(options.strict);
    for (const std::string& input : valid_replies()) {
      // The 1000-line replies cost O(n^2) here; the tiny presets grind the
      // line-count limit on short replies, byte-at-a-time covers the big ones.
      if (input.size() > 3000) continue;
      check_every_split(input, options);
    }
    for (const std::string& input : other_inputs()) {
      if (input.size() > 3000) continue;
      check_every_split(input, options);
    }
  }
}

TEST_CASE("a byte at a time gives the whole-buffer result") {
  for (const parse_options& options : all_option_sets()) {
    CAPTURE(options.max_line_length);
    CAPTURE(options.strict);
    for (const std::string& input : valid_replies()) check_byte_at_a_time(input, options);
    for (const std::string& input : other_inputs()) check_byte_at_a_time(input, options);
  }
}

TEST_CASE("a byte at a time: text bytes at the line limit, 8-bit text and controls") {
  // feed() takes a single ordinary text byte inline, without the state
  // machine, when it stays within the line limit: the edges of that step
  // (every limit around each line's length, a high byte before and after the
  // non_ascii diagnostic, DEL, NUL, other controls, HT, CR) against the
  // whole-buffer parse.
  const std::string inputs[] = {
      "250 abcdefgh\r\n",
      "250-abc\r\n250 defghij\r\n",
      "250 ab\xc3\xa9"
      "cd\xff\r\n",
      "250 \xc3x\r\n",
      "250 abc\x7f"
      "d\r\n",
      std::string("250 abc\0d\r\n", 11),
      "250 a\tb\r\n",
      "250 abc\x1f\r\n",
      "250 abcdefg\n",
      "250 abcdef\rX\r\n",
      "250 ~}| !\r\n",
  };
  for (const std::string& input : inputs) {
    for (std::size_t limit = 0; limit <= input.size() + 1; ++limit) {
      CAPTURE(limit);
      check_byte_at_a_time(input, parse_options{limit, 3, false});
      check_byte_at_a_time(input, parse_options{limit, 3, true});
    }
  }
}

TEST_CASE("random chunk sizes give the whole-buffer result") {
  std::mt19937 rng(20240501);
  for (const parse_options& options : all_option_sets()) {
    for (const std::string& input : valid_replies()) check_random_chunks(input, options, rng);
    for (const std::string& input : other_inputs()) check_random_chunks(input, options, rng);
  }
}

TEST_CASE("pipelined stream: each reply parses from where the last one ended, in any chunking") {
  const std::string stream =
      "250-mail.example.org\r\n250 PIPELINING\r\n250 2.1.0 OK\r\n550-5.1.1 No\r\n550 5.1.1 such user\r\n"
      "354 go ahead\r\n";
  const std::vector<std::uint16_t> want_codes{250, 250, 550, 354};
  // A socket loop: bytes arrive one at a time into a buffer that holds the
  // current reply's bytes; after ok the reply's bytes are dropped.
  parser p(strict_preset);
  std::string pending;
  std::vector<std::uint16_t> codes;
  std::size_t scanned_total = 0;
  for (const char c : stream) {
    pending += c;
    const std::size_t before = p.scanned();
    const exact_buffer buf(pending);
    const parse_result r = p.feed(buf.view());
    if (r.status == parse_status::incomplete) {
      scanned_total += p.scanned() - before;
      continue;
    }
    REQUIRE(r.status == parse_status::ok);
    scanned_total += r.consumed - before;
    codes.push_back(r.reply.code);
    CHECK(r.consumed == pending.size());
    pending.erase(0, r.consumed);
  }
  CHECK(pending.empty());
  CHECK(codes == want_codes);
  CHECK(scanned_total == stream.size());
}

TEST_CASE("a byte at a time is O(n): every byte is scanned once") {
  // A 100 KB line, then 10,000 continuation lines, then the final line.
  std::string input = "250-" + std::string(100 * 1024, 'x') + "\r\n";
  for (int i = 0; i < 10000; ++i) input += "250-continuation line " + std::to_string(i) + "\r\n";
  input += "250 2.0.0 done\r\n";
  parse_options options = default_preset;
  options.max_line_length = 200 * 1024;
  options.max_lines = 20000;

  const exact_buffer buf(input);
  const std::string_view all = buf.view();
  parser p(options);
  std::size_t advanced = 0;  // total forward movement of scanned()
  std::size_t mismatches = 0;
  parse_result last{};
  for (std::size_t k = 0; k <= all.size(); ++k) {
    const std::size_t before = p.scanned();
    last = p.feed(all.substr(0, k));
    if (last.status == parse_status::incomplete) {
      if (p.scanned() < before || p.scanned() != k) ++mismatches;
      advanced += p.scanned() - before;
      continue;
    }
    advanced += last.consumed - before;
    break;
  }
  REQUIRE(name(last.status) == "ok");
  CHECK(mismatches == 0);
  CHECK(advanced == all.size());
  CHECK(last.consumed == all.size());
  CHECK(last.reply.line_count == 10002);
  CHECK(summarize(last) == parse_summary(input, options));
  // The same with the default limits: line_too_long at the first line's 2048th byte,
  // found by the byte-at-a-time parse after exactly 2049 calls.
  parser q;
  std::size_t calls = 0;
  parse_result r{};
  for (std::size_t k = 0; k <= all.size(); ++k) {
    ++calls;
    r = q.feed(all.substr(0, k));
    if (r.status != parse_status::incomplete) break;
  }
  CHECK(name(r.status) == "line_too_long");
  CHECK(r.error_offset == 2048);
  CHECK(calls == 2049 + 1);
}

TEST_CASE("a byte at a time: an error in a line's first bytes comes with the byte that makes it") {
  // feed() lets a line's first bytes wait until its code is at hand, but
  // only while they can still start a line: the call that brings a byte
  // no line may start with reports the error.
  struct error_case {
    std::string_view input;     // the last byte makes the error
    parse_options options;
    std::string_view status;
    std::size_t offset;
  };
  parse_options one_line = default_preset;
  one_line.max_lines = 1;
  const error_case cases[] = {
      {"6"sv, default_preset, "bad_code", 0},
      {"5x"sv, default_preset, "bad_code", 1},
      {"25x"sv, default_preset, "bad_code", 2},
      {"257"sv, strict_preset, "incomplete", 0},          // a first line's code is any code
      {"250-ok\r\n6"sv, default_preset, "bad_code", 8},
      {"250-ok\r\n2x"sv, default_preset, "bad_code", 9},
      {"250-ok\r\n251"sv, strict_preset, "code_mismatch", 8},  // strict: another code
      {"250-ok\r\n2"sv, one_line, "too_many_lines", 8},
      {"250-ok\r\n\n"sv, default_preset, "empty", 8},
      {"250-ok\r\n26"sv, strict_preset, "bad_code", 9},  // a second digit of 6 to 9, strict
  };
  for (const error_case& c : cases) {
    CAPTURE(escape(c.input));
    parser p(c.options);
    parse_result r{};
    for (std::size_t k = 1; k <= c.input.size(); ++k) {
      r = p.feed(c.input.substr(0, k));
      if (k < c.input.size()) REQUIRE(name(r.status) == "incomplete");
    }
    CHECK(name(r.status) == c.status);
    CHECK(r.error_offset == c.offset);
    CHECK(summarize(r) == parse_summary(std::string(c.input), c.options));
  }
}

TEST_CASE("a reply whose first bytes waited, then came whole: the parser starts afresh") {
  // "25", then the rest in one read: the rest is read as whole lines, and
  // the parser is left as reset() leaves it, scanned() 0, for the next reply.
  for (const std::string_view input : {"250 ok\r\n"sv, "250-a\r\n250 ok\r\n"sv, "250 2.1.5 ok\r\n"sv}) {
    CAPTURE(escape(input));
    for (std::size_t first = 1; first < 4 && first < input.size(); ++first) {
      parser p;
      REQUIRE(name(p.feed(input.substr(0, first)).status) == "incomplete");
      CHECK(p.scanned() == first);
      const parse_result r = p.feed(input);
      CHECK(summarize(r) == parse_summary(std::string(input), default_preset));
      CHECK(p.scanned() == 0);
      CHECK(name(p.feed("2"sv).status) == "incomplete");  // the next reply, a byte at a time
      CHECK(p.scanned() == 1);
    }
  }
}

TEST_CASE("exhaustive: every short string, fed a byte at a time, in four presets") {
  // Depth-first over all strings of up to 6 bytes from an alphabet that
  // spells codes (standard and not), separators and EOLs. Each node extends
  // its parent's parser (fed a byte at a time so far) by one byte, in a fresh
  // exact buffer, and must agree with a fresh whole-buffer parse; a final
  // answer at a prefix must be the answer for every extension of it.
  const std::string_view alphabet = "257- \r\n";
  const parse_options presets[] = {default_preset, strict_preset, parse_options{5, 1, false},
                                   parse_options{5, 1, true}};
  std::size_t nodes = 0;
  std::size_t finals[9] = {};
  std::size_t failures = 0;
  for (const parse_options& options : presets) {
    struct frame {
      parser p;
      result_summary final_answer;  // the answer once final (status incomplete until then)
      bool final_seen = false;
    };
    std::string input;
    std::vector<frame> stack;
    stack.push_back(frame{parser(options), result_summary{}, false});
    // Iterative DFS over (depth, next symbol index).
    std::vector<std::size_t> next(1, 0);
    while (!next.empty()) {
      const std::size_t depth = next.size() - 1;
      if (depth == 6 || next.back() == alphabet.size()) {
        next.pop_back();
        stack.pop_back();
        if (!input.empty()) input.pop_back();
        continue;
      }
      const char c = alphabet[next.back()++];
      input += c;
      frame child = stack.back();
      const exact_buffer buf(input);
      const result_summary whole = parse_summary(input, options);
      ++nodes;
      ++finals[static_cast<std::size_t>(whole.status)];
      if (child.final_seen) {
        // Final at a prefix: unchanged by more bytes.
        if (whole != child.final_answer && failures++ < 10) {
          CAPTURE(escape(input));
          CHECK(whole == child.final_answer);
        }
      } else {
        const parse_result r = child.p.feed(buf.view());
        if ((!matches(r, whole) || child.p.scanned() > input.size()) && failures++ < 10) {
          CAPTURE(escape(input));
          CAPTURE(options.strict);
          CAPTURE(options.max_line_length);
          CHECK(summarize(r) == whole);
          CHECK(child.p.scanned() <= input.size());
        }
        if (r.status != parse_status::incomplete) {
          child.final_seen = true;
          child.final_answer = whole;
          if (whole.status != parse_status::ok && whole.error_offset >= input.size() && failures++ < 10) {
            CAPTURE(escape(input));
            CHECK(whole.error_offset < input.size());
          }
        }
      }
      stack.push_back(child);
      next.push_back(0);
    }
  }
  CHECK(failures == 0);
  CHECK(nodes == 4 * (7 + 49 + 343 + 2401 + 16807 + 117649));
  // The alphabet reaches every status but code_mismatch, which takes 8 bytes
  // ("225-\n252").
  for (std::size_t st = 0; st < 9; ++st) {
    if (static_cast<parse_status>(st) == parse_status::code_mismatch) continue;
    CAPTURE(name(static_cast<parse_status>(st)));
    CHECK(finals[st] > 0);
  }
}

TEST_CASE("exhaustive: every sequence of up to four tokens, fed a byte at a time") {
  const std::string_view tokens[] = {"250", "-", " ", "\r\n", "\n", "\r", "x", "5.1.1 ", "#4.5.3", "571", "\0"sv,
                                     "\xc3\xa9", "\t"};
  constexpr std::size_t count = sizeof tokens / sizeof tokens[0];
  std::size_t sequences = 0;
  std::size_t ok_count = 0;
  for (std::size_t length = 1; length <= 4; ++length) {
    std::vector<std::size_t> pick(length, 0);
    for (;;) {
      std::string input;
      for (const std::size_t t : pick) input += tokens[t];
      ++sequences;
      for (const parse_options& options : {default_preset, strict_preset}) {
        const result_summary whole = parse_summary(input, options);
        if (whole.status == parse_status::ok) ++ok_count;
        parser p(options);
        bool agreed = false;
        for (std::size_t k = 0; k <= input.size(); ++k) {
          const exact_buffer head(input.substr(0, k));
          const parse_result r = p.feed(head.view());
          if (r.status == parse_status::incomplete && k < input.size()) continue;
          agreed = matches(r, whole) && (r.status == parse_status::incomplete || k >= earliest_final(whole));
          break;
        }
        if (!agreed) {
          CAPTURE(escape(input));
          CAPTURE(options.strict);
          CHECK(agreed);
        }
      }
      // Next sequence (odometer).
      std::size_t i = 0;
      while (i < length && ++pick[i] == count) pick[i++] = 0;
      if (i == length) break;
    }
  }
  CHECK(sequences == count + count * count + count * count * count + count * count * count * count);
  CHECK(ok_count > 100);
}

TEST_CASE("random junk never crashes and gets a sane answer") {
  std::mt19937 rng(5321);
  // Bytes that matter to the grammar, and sometimes any byte.
  const std::string_view alphabet = "2222555500001-- \r\n\r\n\t#.x\x80\xff";
  std::size_t seen[9] = {};
  auto junk = [&](std::size_t size, bool any_byte) {
    std::string s(size, '\0');
    for (char& c : s) {
      if (any_byte || std::uniform_int_distribution<int>(0, 15)(rng) == 0) {
        c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
      } else {
        c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
      }
    }
    return s;
  };
  auto check_sane = [&](const std::string& input, const parse_options& options) {
    const smtp_reply_test::parsed p(input, options);
    const parse_result& r = p.result;
    seen[static_cast<std::size_t>(r.status)]++;
    switch (r.status) {
      case parse_status::ok:
        if (!(r.consumed > 0 && r.consumed <= input.size() && r.reply.raw.size() == r.consumed)) {
          CAPTURE(escape(input));
          CHECK(r.consumed <= input.size());
        }
        break;
      case parse_status::incomplete:
        if (r.error_offset != 0) CHECK(r.error_offset == 0);
        break;
      case parse_status::empty:
      case parse_status::bad_code:
      case parse_status::bad_separator:
      case parse_status::line_too_long:
      case parse_status::too_many_lines:
      case parse_status::bad_character:
      case parse_status::code_mismatch:
        if (r.error_offset >= input.size()) {
          CAPTURE(escape(input));
          CHECK(r.error_offset < input.size());
        }
        break;
      default:
        FAIL("status out of range: " << static_cast<int>(r.status));
    }
  };
  for (int i = 0; i < 3000; ++i) {
    const std::size_t size = std::uniform_int_distribution<std::size_t>(0, 120)(rng);
    const std::string input = junk(size, i % 4 == 0);
    for (const parse_options& options : all_option_sets()) check_sane(input, options);
    if (i % 3 == 0) check_byte_at_a_time(input, i % 2 ? default_preset : tiny_strict);
  }
  // Mutated valid replies reach deeper.
  const std::vector<std::string> seeds = valid_replies();
  for (int i = 0; i < 3000; ++i) {
    std::string input = seeds[std::uniform_int_distribution<std::size_t>(0, seeds.size() - 1)(rng)];
    if (input.size() > 600) input.resize(600);
    const int edits = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int e = 0; e < edits && !input.empty(); ++e) {
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, input.size() - 1)(rng);
      const char c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
      switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
        case 0: input[at] = c; break;
        case 1: input.insert(at, 1, c); break;
        default: input.erase(at, 1); break;
      }
    }
    for (const parse_options& options : all_option_sets()) check_sane(input, options);
    if (i % 10 == 0) check_every_split(input, i % 20 ? default_preset : strict_preset);
    if (i % 10 == 5) check_byte_at_a_time(input, i % 20 == 5 ? default_preset : strict_preset);
  }
  // The junk reached every status.
  for (std::size_t s = 0; s < 9; ++s) {
    CAPTURE(name(static_cast<parse_status>(s)));
    CHECK(seen[s] > 0);
  }
}

}  // TEST_SUITE
