// smtp_reply: the reply parser (RFC 5321 section 4.2, RFC 3463, RFC 2034).
//
// Whole-buffer `parse()` and the resumable `parser` share one implementation,
// so they give the same result for the same bytes, however they are chunked.
// Neither allocates nor throws; both are constexpr.
#ifndef SMTP_REPLY_PARSE_HPP
#define SMTP_REPLY_PARSE_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codes.hpp"
#include "detail/config.hpp"
#include "detail/owning_string.hpp"
#include "detail/scan.hpp"
#include "enhanced.hpp"
#include "reply.hpp"

namespace smtp_reply {

/** RFC 5321 section 4.5.3.1.5: a reply line is at most 512 octets, CRLF included. */
inline constexpr std::size_t rfc5321_max_line_length = 512;

/**
 * Limits and strictness (parsing.md, "Presets"). Limits are per parse, never
 * global. Start from `default_preset` or `strict_preset` and change a field.
 */
struct parse_options {
  /** Hard limit on a line's length, EOL included; longer is `line_too_long`. */
  std::size_t max_line_length = 2048;
  /** Most lines in one reply; more is `too_many_lines`. */
  std::size_t max_lines = 1000;
  /** Turns `code_mismatch`, `nonstandard_code` (as `bad_code`) and `bare_lf`
      (as `bad_character`) from diagnostics into errors. */
  bool strict = false;
};

/** Lenient where real servers are sloppy, strict where a peer could force unbounded work. */
inline constexpr parse_options default_preset{2048, 1000, false};
/** RFC 5321 to the letter: 512-octet lines, one code per reply, CRLF only. */
inline constexpr parse_options strict_preset{rfc5321_max_line_length, 1000, true};

/** What a parse gives: a status, and a reply or the offset of an error. */
struct parse_result {
  /** `ok`, `incomplete` (read more) or the error found. */
  parse_status status = parse_status::incomplete;
  /** On `ok`, the reply's length: the next reply (pipelining, RFC 2920) starts here. */
  std::size_t consumed = 0;
  /** On an error, the offset of the offending byte (parsing.md); 0 for `incomplete`. */
  std::size_t error_offset = 0;
  /** The reply; meaningful only on `ok`. */
  smtp_reply::reply reply{};

  /** True when a whole reply was read. */
  constexpr explicit operator bool() const noexcept { return status == parse_status::ok; }
  /** True when the buffer ends inside the reply: read more and ask again. */
  constexpr bool need_more() const noexcept { return status == parse_status::incomplete; }
  /** True for a final error (neither ok nor incomplete). */
  constexpr bool failed() const noexcept {
    return status != parse_status::ok && status != parse_status::incomplete;
  }
};

/**
 * Resumable reply parser for a socket loop (RFC 5321 section 4.2).
 *
 * The caller keeps the bytes of the reply being read in its own buffer, from
 * the reply's first byte, appends what arrives, and calls `feed()` with the
 * whole buffer each time. The parser remembers how far it has read and looks
 * at a byte a few times at most (a line's first four bytes up to four times,
 * the others up to twice), so a reply fed a byte at a time costs O(n).
 * After `ok` or an error the parser starts afresh: the next call must pass a
 * buffer that starts at the next reply (after `consumed` bytes on `ok`).
 * Never throws or allocates.
 */
class parser {
 public:
  /** A parser with the default preset. */
  constexpr parser() noexcept = default;
  /** A parser with the given options (e.g. `strict_preset`). */
  constexpr explicit parser(const parse_options& options) noexcept : options_(options) {}

  /** The options in force. */
  constexpr const parse_options& options() const noexcept { return options_; }
  /** Bytes of the current reply examined so far. */
  constexpr std::size_t scanned() const noexcept { return pos_; }

  /** Forgets the reply being read (e.g. after the caller dropped its buffer). */
  constexpr void reset() noexcept {
    // Member by member (every member but options_): assigning a fresh
    // parser made g++ build it on the stack and copy it back, a dozen
    // stalled store-to-load forwards per reply.
    pos_ = 0;
    line_start_ = 0;
    text_start_ = 0;
    line_count_ = 0;
    error_offset_ = 0;
    first_code_ = 0;
    line_code_ = 0;
    first_line_enhanced_ = enhanced_code{};
    first_found_enhanced_ = enhanced_code{};
    last_line_enhanced_ = enhanced_code{};
    diagnostics_ = diagnostic_set{};
    error_ = parse_status::ok;
    phase_ = phase::code0;
    final_line_ = false;
    enhanced_inconsistent_ = false;
  }

  /**
   * Reads on from where the last call stopped. `buffer` must start at the
   * reply's first byte and extend what earlier calls saw; a shorter buffer
   * restarts the parse. Returns `incomplete` until the final line's EOL.
   */
  SMTP_REPLY_ALWAYS_INLINE constexpr parse_result feed(std::string_view buffer) noexcept {
    // Fast path for small reads (a byte at a time, or a few): most such calls
    // bring only ordinary bytes of a line's text (what the text scan of
    // feed_slow() skips), within the line limit, and only advance. Inline, so
    // such a call costs a few instructions instead of entering the state
    // machine and returning a result through memory. A CR alone only changes
    // the phase. At a line start, the code is read when its four bytes are
    // at hand, whole lines at once after a larger read (read_lines()), or by
    // the state machine (start_line()) after a small one; until then its first
    // bytes wait, when they start a code the state machine would take
    // without a word (waiting_code_start()). Anything else takes
    // feed_slow(), from the first byte that is not ordinary: same result.
    // (Told that text is likely, g++ keeps the byte path straight.)
    const std::size_t size = buffer.size();
    if (SMTP_REPLY_LIKELY(phase_ == phase::text) && size - line_start_ <= options_.max_line_length) {
      if (size - pos_ == 1) {  // the commonest small read, all in line
        const auto c = static_cast<unsigned char>(buffer[pos_]);
        if (detail::is_plain_text_byte(c) || (c >= 0x80 && diagnostics_.has(diagnostic::non_ascii))) {
          pos_ = size;
          return incomplete();
        }
        if (c == '\r') {  // the LF decides, in the next read
          phase_ = phase::text_cr;
          pos_ = size;
          return incomplete();
        }
      } else if (size > pos_ && skip_text(buffer)) {
        return incomplete();
      }
    } else if (phase_ == phase::code0 && size >= pos_) {
      // Whole lines when the read brought a code's worth of bytes or more.
      if (size - line_start_ >= 4) return size - pos_ >= 4 ? read_lines(buffer, options_, this) : feed_slow(buffer);
      if (waiting_code_start(buffer)) {
        pos_ = size;
        return incomplete();
      }
    }
    return feed_slow(buffer);
  }

  /** Deleted: a reply read from a temporary string (any std::basic_string)
      would point into freed memory. Lvalue strings take the overload above. */
  template <class S, class = detail::enable_if_owning_string_rvalue<S>>
  parse_result feed(S&& buffer) = delete;

 private:
  friend constexpr parse_result parse(std::string_view input, const parse_options& options) noexcept;

  enum class phase : std::uint8_t {
    code0,         // expecting the first digit of a line's code
    empty_cr,      // a line started with CR
    code1,         // second digit
    code2,         // third digit
    separator,     // SP, '-' or EOL
    separator_cr,  // CR right after the code
    text,          // inside the text
    text_cr,       // CR inside the text: must be followed by LF
  };

  // What feed() returns until the final line's EOL.
  static constexpr parse_result incomplete() noexcept {
    parse_result more{};
    more.status = parse_status::incomplete;
    return more;
  }

  // For feed(), at a line start (phase code0) with fewer than four bytes of
  // the line at hand: true when they may start a line that start_line() will
  // take, so that the state machine would only advance through them now: a
  // code of 2-5, 0-5, 0-9 (the reply's own after its first line), the line
  // limit past the separator, the line count within its limit. Those bytes
  // then wait in the buffer (pos_ moves past them, phase and line_start_
  // stay) and are read again once four are there: a few bytes a line.
  constexpr bool waiting_code_start(std::string_view buffer) const noexcept {
    if (line_count_ >= options_.max_lines || options_.max_line_length <= 3) return false;
    const char* const at = buffer.data() + line_start_;
    const std::size_t have = buffer.size() - line_start_;
    if (!starts_standard_code(at, have)) return false;
    return have < 3 || line_count_ == 0 || code_at(at) == first_code_;
  }

  // True when the first `n` bytes at `at` (n up to 3) may begin a standard
  // code: a digit of 2 to 5, then 0 to 5, then any.
  static constexpr bool starts_standard_code(const char* at, std::size_t n) noexcept {
    return (n < 1 || (at[0] >= '2' && at[0] <= '5')) && (n < 2 || (at[1] >= '0' && at[1] <= '5')) &&
           (n < 3 || detail::is_digit(at[2]));
  }
  // The code whose three digits are at `at`.
  static constexpr std::uint16_t code_at(const char* at) noexcept {
    return static_cast<std::uint16_t>((at[0] - '0') * 100 + (at[1] - '0') * 10 + (at[2] - '0'));
  }

  // For feed()'s fast path: skips the ordinary text bytes from pos_ on and
  // says whether they reach the end of `buffer` (all within the line limit,
  // which the caller checked). Out of line, so feed() stays small.
  SMTP_REPLY_NOINLINE constexpr bool skip_text(std::string_view buffer) noexcept {
    const char* const data = buffer.data();
    const char* const run_end =
        detail::find_special(data + pos_, data + buffer.size(), diagnostics_.has(diagnostic::non_ascii));
    pos_ = static_cast<std::size_t>(run_end - data);
    return pos_ == buffer.size();
  }

  // The whole-line fast path, for parse() (`resumed` null: a fresh parse)
  // and feed() (`resumed` the parser, at a line start: phase code0). It
  // reads the lines that the state machine would read without a second
  // thought (the reply's own standard code, SP or '-', text, EOL, all within
  // the limits) with its state in local variables, and builds the result at
  // the final line's EOL.
  // Handover: at the first line it does not take (a short or odd code, a
  // control byte, a lone CR, a line past the limit or not complete, strict
  // mode's errors, the line limit), the parser (parse()'s made only now)
  // takes over at that line's start, its members as feed_slow() has them
  // there, and reads on as ever. Same result; the handed-over line is read
  // twice.
  SMTP_REPLY_NOINLINE static constexpr parse_result read_lines(std::string_view buffer, const parse_options& options,
                                                               parser* resumed) noexcept {
    const char* const data = buffer.data();
    const char* const end = data + buffer.size();
    const std::size_t max_length = options.max_line_length;
    // At the first line nothing is known yet (and no member to read). After
    // it: the first four bytes of a continuation line (code_bytes() of the
    // reply's code and '-'), the first line's enhanced code and the first
    // one found (pack()ed, 0 for none). Before it, `continuation` is that of
    // a standard code, 200: a first line that matches it is as valid.
    const char* line = data;
    std::size_t lines = 0;
    std::uint32_t continuation = code_bytes_of(200) | separator_byte('-');
    std::uint64_t first_line_enhanced = no_line_yet;  // with inconsistent_bit once a line's differs
    std::uint64_t first_found_enhanced = 0;
    diagnostic_set diagnostics{};
    const bool mid_reply = resumed != nullptr && resumed->line_count_ != 0;  // (at the first line, line_start_ is 0)
    if (mid_reply) {
      line += resumed->line_start_;
      lines = resumed->line_count_;
      continuation = code_bytes_of(resumed->first_code_) | separator_byte('-');
      first_line_enhanced =
          pack(resumed->first_line_enhanced_) | (resumed->enhanced_inconsistent_ ? inconsistent_bit : 0);
      first_found_enhanced = pack(resumed->first_found_enhanced_);
      diagnostics = resumed->diagnostics_;
    }
    // The shortest line ("250 " LF) must fit.
    if (max_length > 4) {
      for (std::size_t lines_left = options.max_lines - lines; lines_left != 0 && end - line >= 4; --lines_left) {
        const std::uint32_t head = code_bytes(line);
        // The reply's code and '-', or SP (the one byte differing).
        const std::uint32_t other = head ^ continuation;
        if (other != 0 && other != (separator_byte('-') ^ separator_byte(' '))) {
          // The first line, or another code (code_mismatch, an error or a
          // nonstandard code) or separator.
          if (lines != 0 || !is_code_and_separator(head)) break;
          continuation = (head & 0xFFFFFFU) | separator_byte('-');
        }
        const char* const text = line + 4;
        const char* const limit = static_cast<std::size_t>(end - line) > max_length ? line + max_length : end;
        const char* const text_end = find_eol(text, limit, options, diagnostics);
        if (text_end == limit) break;
        const char* lf = text_end;
        if (*lf == '\r') {
          if (++lf == limit || *lf != '\n') break;
        } else {
          if (options.strict) break;
          diagnostics.set(diagnostic::bare_lf);
        }
        if (static_cast<std::size_t>(lf - line) >= rfc5321_max_line_length) diagnostics.set(diagnostic::long_line);
        const auto text_size = static_cast<std::size_t>(text_end - text);
        // As in end_line(): only text that starts like a code may hold one.
        const std::uint64_t found = text_size >= 5 && (text[0] == '#' || text[1] == '.')
                                        ? pack(read_enhanced(text, text_size).code)
                                        : 0;
        if (found != first_line_enhanced) {
          // The first line's; or one differs from it, and no later line matches it then.
          first_line_enhanced = first_line_enhanced == no_line_yet ? found : first_line_enhanced | inconsistent_bit;
        }
        if (first_found_enhanced == 0) first_found_enhanced = found;
        ++lines;
        const bool final_line = line[3] == ' ';
        line = lf + 1;
        if (final_line) {
          // Entered at the reply's first line with nothing read yet, the
          // parser's members are still as reset() leaves them: they are
          // written only to hand over. Otherwise (a later line, or the
          // first bytes of the first one waited in feed()) they are reset.
          if (resumed != nullptr && (mid_reply || resumed->pos_ != 0)) resumed->reset();
          return ok_result(data, static_cast<std::size_t>(line - data), continuation,
                           unpack(found != 0 ? found : first_found_enhanced), diagnostics,
                           (first_line_enhanced & inconsistent_bit) != 0, lines);
        }
      }
    }
    const auto at = static_cast<std::size_t>(line - data);
    if (resumed == nullptr) {
      parser fresh(options);
      return fresh.take_over(buffer, at, lines, continuation, first_line_enhanced, first_found_enhanced, diagnostics);
    }
    return resumed->take_over(buffer, at, lines, continuation, first_line_enhanced, first_found_enhanced, diagnostics);
  }

  // read_lines()'s handover: its state into the members, as feed_slow()
  // has them at the start of the line at `at` (those it writes before it
  // reads them there, text_start_, line_code_, final_line_ and
  // last_line_enhanced_, keep what they held), then feed_slow().
  constexpr parse_result take_over(std::string_view buffer, std::size_t at, std::size_t lines,
                                   std::uint32_t continuation, std::uint64_t first_line_enhanced,
                                   std::uint64_t first_found_enhanced, diagnostic_set diagnostics) noexcept {
    pos_ = at;
    line_start_ = at;
    line_count_ = lines;
    if (lines != 0) {
      first_code_ = code_of(continuation);
      copy_code(first_line_enhanced_, unpack(first_line_enhanced));
    }
    copy_code(first_found_enhanced_, unpack(first_found_enhanced));
    diagnostics_ = diagnostics;
    enhanced_inconsistent_ = (first_line_enhanced & inconsistent_bit) != 0;
    return feed_slow(buffer);
  }

  // A line's first four bytes, the first in the lowest byte (one load where
  // the compiler sees it; constexpr as it is).
  static constexpr std::uint32_t code_bytes(const char* at) noexcept {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(at[0])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(at[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(at[2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(at[3])) << 24;
  }
  static constexpr std::uint32_t separator_byte(char c) noexcept { return static_cast<std::uint32_t>(c) << 24; }

  // code_bytes() of the three digits of `code`, and back.
  static constexpr std::uint32_t code_bytes_of(std::uint16_t code) noexcept {
    return static_cast<std::uint32_t>('0' + code / 100) | static_cast<std::uint32_t>('0' + code / 10 % 10) << 8 |
           static_cast<std::uint32_t>('0' + code % 10) << 16;
  }
  static constexpr std::uint16_t code_of(std::uint32_t bytes) noexcept {
    return static_cast<std::uint16_t>((bytes & 0xFF) * 100 + (bytes >> 8 & 0xFF) * 10 + (bytes >> 16 & 0xFF) -
                                      ('0' * 111));
  }

  // What start_line() takes: a code of 2-5, 0-5, 0-9, then SP or '-'. Less
  // '2', '0' and '0', the digits are below 4, 6 and 10 when no byte of
  // `digits`, nor of `digits` plus 0x80 less those bounds, has its top bit
  // set (a byte that wrapped around has it, whatever it borrowed or carried).
  static constexpr bool is_code_and_separator(std::uint32_t head) noexcept {
    const std::uint32_t digits = (head & 0xFFFFFFU) - 0x303032U;
    const std::uint32_t separator = head >> 24;
    return ((digits | (digits + 0x767A7CU)) & 0x808080U) == 0 && (separator == ' ' || separator == '-');
  }

  // An enhanced code in one integer (0 for none), so that the fast path
  // compares and keeps it in one register.
  static constexpr std::uint64_t pack(const enhanced_code& code) noexcept {
    return static_cast<std::uint64_t>(code.class_digit) | static_cast<std::uint64_t>(code.subject) << 8 |
           static_cast<std::uint64_t>(code.detail) << 24;
  }
  // Never in a packed code:
  static constexpr std::uint64_t inconsistent_bit = std::uint64_t{1} << 63;
  static constexpr std::uint64_t no_line_yet = std::uint64_t{1} << 62;
  static constexpr enhanced_code unpack(std::uint64_t packed) noexcept {
    enhanced_code code{};
    code.class_digit = static_cast<std::uint8_t>(packed);
    code.subject = static_cast<std::uint16_t>(packed >> 8);
    code.detail = static_cast<std::uint16_t>(packed >> 24);
    return code;
  }

  // The CR or LF that ends the text from `first` on, read past HT and 8-bit
  // bytes as feed_slow() reads the text; `last` when the text does not end
  // before it or holds another byte that is not plain. The 8-bit bytes are
  // noted (non_ascii) only when the line ends as read_lines() takes it (CRLF
  // within `last`, or LF unless strict): a line handed over says nothing.
  static constexpr const char* find_eol(const char* first, const char* last, const parse_options& options,
                                        diagnostic_set& diagnostics) noexcept {
    first = detail::find_special(first, last, false);
    if (first != last && (*first == '\r' || *first == '\n')) return first;  // the commonest: ASCII text
    return find_eol_past(first, last, options, diagnostics);
  }
  SMTP_REPLY_NOINLINE static constexpr const char* find_eol_past(const char* at, const char* last,
                                                                 const parse_options& options,
                                                                 diagnostic_set& diagnostics) noexcept {
    bool high = false;
    for (; at != last; at = detail::find_special(at + 1, last, high || diagnostics.has(diagnostic::non_ascii))) {
      const auto c = static_cast<unsigned char>(*at);
      if (c == '\r' || c == '\n') {
        if (c == '\n' ? options.strict : at + 1 == last || at[1] != '\n') break;
        if (high) diagnostics.set(diagnostic::non_ascii);
        return at;
      }
      if (c >= 0x80) {
        high = true;
      } else if (c != '\t') {
        break;
      }
    }
    return last;
  }

  // feed() itself. Out of line, so that feed() stays small enough to inline
  // at every call.
  SMTP_REPLY_NOINLINE constexpr parse_result feed_slow(std::string_view buffer) noexcept {
    const char* const data = buffer.data();
    const std::size_t size = buffer.size();
    if (size < pos_) {
      reset();
    } else if (phase_ == phase::code0) {
      pos_ = line_start_;  // the first bytes of a code that waited (feed())
    }
    while (pos_ < size) {
      if (phase_ == phase::code0 && line_count_ >= options_.max_lines)
        return fail(parse_status::too_many_lines, pos_);
      const char c = data[pos_];
      // Past the limit. A CR right before it that is not followed by LF is an
      // error at the CR, which comes first in byte order: let the switch say so.
      if (pos_ - line_start_ >= options_.max_line_length &&
          (c == '\n' || (phase_ != phase::empty_cr && phase_ != phase::separator_cr && phase_ != phase::text_cr)))
        return fail(parse_status::line_too_long, pos_);
      switch (phase_) {
        case phase::code0:
          if (!start_line(data, size)) {
            if (c == '\n') return fail(parse_status::empty, line_start_);
            if (c == '\r') {
              phase_ = phase::empty_cr;
              break;
            }
            if (c < '2' || c > '5') return fail(parse_status::bad_code, pos_);
            line_code_ = static_cast<std::uint16_t>((c - '0') * 100);
            phase_ = phase::code1;
            break;
          }
          // Straight on into the text when the checks at the top of the loop
          // have nothing to say about it (bytes left, the limit further on).
          if (pos_ == size || pos_ - line_start_ >= options_.max_line_length) continue;
          [[fallthrough]];
        case phase::text: {
          // Fast path: skip the run of ordinary text bytes in one sweep, up to
          // the line limit, so the limit check above still sees every byte.
          // (Room left, not line_start_ + max_line_length: that would wrap
          // around for a huge limit such as SIZE_MAX and run past the buffer.)
          const std::size_t room = options_.max_line_length - (pos_ - line_start_);
          const std::size_t stop = size - pos_ > room ? pos_ + room : size;
          const char* run_end = detail::find_special(data + pos_, data + stop,
                                                     diagnostics_.has(diagnostic::non_ascii));
          pos_ = static_cast<std::size_t>(run_end - data);
          if (pos_ == stop) continue;
          const char t = data[pos_];
          if (t == '\r') {
            // CRLF in one step when the LF is at hand and within the limit.
            if (size - pos_ > 1 && data[pos_ + 1] == '\n' && pos_ + 1 - line_start_ < options_.max_line_length) {
              ++pos_;
              if (end_line(data, pos_, false)) return finish(buffer);
              continue;
            }
            phase_ = phase::text_cr;
          } else if (t == '\n') {
            if (end_line(data, pos_, true)) return finish(buffer);
            continue;
          } else if (static_cast<unsigned char>(t) >= 0x80) {
            diagnostics_.set(diagnostic::non_ascii);
          } else if (t != '\t') {
            return fail(parse_status::bad_character, pos_);
          }
          break;
        }
        case phase::empty_cr:
          return fail(c == '\n' ? parse_status::empty : parse_status::bad_code, line_start_);
        case phase::code1:
          if (!detail::is_digit(c)) return fail(parse_status::bad_code, pos_);
          if (c > '5') {
            if (options_.strict) return fail(parse_status::bad_code, pos_);
            diagnostics_.set(diagnostic::nonstandard_code);
          }
          line_code_ = static_cast<std::uint16_t>(line_code_ + (c - '0') * 10);
          phase_ = phase::code2;
          break;
        case phase::code2:
          if (!detail::is_digit(c)) return fail(parse_status::bad_code, pos_);
          line_code_ = static_cast<std::uint16_t>(line_code_ + (c - '0'));
          if (line_count_ == 0) {
            first_code_ = line_code_;
          } else if (line_code_ != first_code_) {
            if (options_.strict) return fail(parse_status::code_mismatch, line_start_);
            diagnostics_.set(diagnostic::code_mismatch);
          }
          phase_ = phase::separator;
          break;
        case phase::separator:
          if (c == ' ' || c == '-') {
            final_line_ = c == ' ';
            text_start_ = pos_ + 1;
            phase_ = phase::text;
          } else if (c == '\r') {
            phase_ = phase::separator_cr;
          } else if (c == '\n') {
            final_line_ = true;
            text_start_ = pos_;
            if (end_line(data, pos_, true)) return finish(buffer);
            continue;
          } else {
            return fail(parse_status::bad_separator, pos_);
          }
          break;
        case phase::separator_cr:
          if (c != '\n') return fail(parse_status::bad_separator, pos_ - 1);
          final_line_ = true;
          text_start_ = pos_ - 1;
          if (end_line(data, pos_, false)) return finish(buffer);
          continue;
        case phase::text_cr:
          if (c != '\n') return fail(parse_status::bad_character, pos_ - 1);
          if (end_line(data, pos_, false)) return finish(buffer);
          continue;
      }
      ++pos_;
    }
    return incomplete();
  }

  // Closes the line whose LF is at `lf`. Returns true when the reply is
  // complete, false to read on (or when an error was recorded in error_).
  constexpr bool end_line(const char* data, std::size_t lf, bool bare) noexcept {
    if (bare) {
      if (options_.strict) {
        error_ = parse_status::bad_character;
        error_offset_ = lf;
        return true;
      }
      diagnostics_.set(diagnostic::bare_lf);
    }
    if (lf + 1 - line_start_ > rfc5321_max_line_length) diagnostics_.set(diagnostic::long_line);
    const std::size_t text_end = bare ? lf : lf - 1;
    const std::size_t text_size = text_end > text_start_ ? text_end - text_start_ : 0;
    // Most lines cannot hold a code (EHLO keywords, plain text): skip the
    // call unless the text starts like one (`#` or `c.`, 5 bytes at least).
    const bool may_have_code = text_size >= 5 && (data[text_start_] == '#' || data[text_start_ + 1] == '.');
    const enhanced_prefix found = may_have_code ? read_enhanced(data + text_start_, text_size) : enhanced_prefix{};
    if (line_count_ == 0) {
      copy_code(first_line_enhanced_, found.code);
    } else if (found.code != first_line_enhanced_) {
      enhanced_inconsistent_ = true;
    }
    if (found.code && !first_found_enhanced_) copy_code(first_found_enhanced_, found.code);
    ++line_count_;
    pos_ = lf + 1;
    line_start_ = pos_;
    phase_ = phase::code0;
    if (final_line_) copy_code(last_line_enhanced_, found.code);
    return final_line_;
  }

  // The common start of a line, read in one step with the same result as the
  // byte steps of feed(): a standard code (the reply's own) and SP or '-',
  // all four bytes at hand. Returns false, having changed nothing, otherwise.
  constexpr bool start_line(const char* data, std::size_t size) noexcept {
    if (size - pos_ < 4 || options_.max_line_length <= 3) return false;
    const char* const at = data + pos_;
    const char separator = at[3];
    if (!starts_standard_code(at, 3) || (separator != ' ' && separator != '-')) return false;
    const std::uint16_t code = code_at(at);
    if (line_count_ != 0 && code != first_code_) return false;
    if (line_count_ == 0) first_code_ = code;
    line_code_ = code;
    final_line_ = separator == ' ';
    text_start_ = pos_ + 4;
    phase_ = phase::text;
    pos_ += 4;
    return true;
  }

  // match_enhanced_prefix(), with the shapes nearly every server sends
  // (`c.s.d` and `c.s.dd`, then SP, HT or the end) read inline; the rest
  // goes to match_enhanced_prefix() itself. Same result either way.
  static constexpr enhanced_prefix read_enhanced(const char* text, std::size_t size) noexcept {
    if (size >= 5 && (text[0] == '2' || text[0] == '4' || text[0] == '5') && text[1] == '.' &&
        detail::is_digit(text[2]) && text[3] == '.' && detail::is_digit(text[4])) {
      std::size_t at = 5;
      unsigned detail_value = static_cast<unsigned>(text[4] - '0');
      if (at < size && detail::is_digit(text[at]) && text[4] != '0') {
        detail_value = detail_value * 10 + static_cast<unsigned>(text[at] - '0');
        ++at;
      }
      if (at == size || text[at] == ' ' || text[at] == '\t') {
        enhanced_prefix out{};
        out.code.class_digit = static_cast<std::uint8_t>(text[0] - '0');
        out.code.subject = static_cast<std::uint16_t>(text[2] - '0');
        out.code.detail = static_cast<std::uint16_t>(detail_value);
        out.length = at == size ? at : at + 1;
        return out;
      }
    }
    return match_enhanced_prefix(std::string_view(text, size));
  }

  // Field by field: a plain `to = from` made g++ copy the 6-byte struct
  // through a stack temporary, a stalled store-to-load forward per line.
  static constexpr void copy_code(enhanced_code& to, const enhanced_code& from) noexcept {
    to.class_digit = from.class_digit;
    to.subject = from.subject;
    to.detail = from.detail;
  }

  constexpr parse_result finish(std::string_view buffer) noexcept {
    // One named result on every path, so it is built in the caller's slot
    // (a second `return fail(...)` here made g++ build it aside and copy it).
    parse_result done{};
    if (error_ != parse_status::ok) {
      done.status = error_;
      done.error_offset = error_offset_;
      reset();
      return done;
    }
    done.status = parse_status::ok;
    done.consumed = pos_;
    smtp_reply::reply& r = done.reply;
    r.code = line_code_;
    r.reply_class = class_of(line_code_);
    r.enhanced = last_line_enhanced_ ? last_line_enhanced_ : first_found_enhanced_;
    r.diagnostics = diagnostics_;
    if (r.enhanced && r.enhanced.class_digit != line_code_ / 100)
      r.diagnostics.set(diagnostic::enhanced_mismatch);
    if (enhanced_inconsistent_) r.diagnostics.set(diagnostic::enhanced_inconsistent);
    r.line_count = line_count_;
    r.raw = buffer.substr(0, pos_);
    reset();
    return done;
  }

  // read_lines()'s ok result: a reply of `consumed` bytes from `data`, its
  // code as in read_lines()'s `continuation`.
  static constexpr parse_result ok_result(const char* data, std::size_t consumed, std::uint32_t continuation,
                                          const enhanced_code& enhanced, diagnostic_set diagnostics,
                                          bool inconsistent, std::size_t lines) noexcept {
    const auto class_digit = static_cast<std::uint8_t>((continuation & 0xFF) - '0');
    if (enhanced && enhanced.class_digit != class_digit) diagnostics.set(diagnostic::enhanced_mismatch);
    if (inconsistent) diagnostics.set(diagnostic::enhanced_inconsistent);
    // Field by field, in one go: no zeroing first.
    return parse_result{parse_status::ok, consumed, 0,
                        smtp_reply::reply{code_of(continuation),
                                          class_of(static_cast<std::uint16_t>(class_digit * 100)),
                                          enhanced, diagnostics, lines, std::string_view(data, consumed)}};
  }

  constexpr parse_result fail(parse_status status, std::size_t offset) noexcept {
    reset();
    parse_result failed{};
    failed.status = status;
    failed.error_offset = offset;
    return failed;
  }

  // reset() names every member but options_: a new member goes there too.
  parse_options options_{};
  std::size_t pos_ = 0;         // next byte to examine
  std::size_t line_start_ = 0;  // first byte of the current line
  std::size_t text_start_ = 0;  // first byte of the current line's text
  std::size_t line_count_ = 0;  // completed lines
  std::size_t error_offset_ = 0;
  std::uint16_t first_code_ = 0;
  std::uint16_t line_code_ = 0;
  enhanced_code first_line_enhanced_{};
  enhanced_code first_found_enhanced_{};
  enhanced_code last_line_enhanced_{};
  diagnostic_set diagnostics_{};
  parse_status error_ = parse_status::ok;
  phase phase_ = phase::code0;
  bool final_line_ = false;
  bool enhanced_inconsistent_ = false;
};

/**
 * Parses the first reply in `input` (RFC 5321 section 4.2); what follows it
 * belongs to the next reply (pipelining, RFC 2920) and is not read. Never
 * throws or allocates; the reply's views point into `input`.
 */
constexpr parse_result parse(std::string_view input, const parse_options& options = default_preset) noexcept {
  return parser::read_lines(input, options, nullptr);  // what parser(options).feed(input) does
}

/** Deleted: the reply would point into a temporary string (any std::basic_string). */
template <class S, class = detail::enable_if_owning_string_rvalue<S>>
parse_result parse(S&& input, const parse_options& options = default_preset) = delete;

}  // namespace smtp_reply


#endif  // SMTP_REPLY_PARSE_HPP
