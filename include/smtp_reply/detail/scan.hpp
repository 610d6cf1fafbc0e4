// smtp_reply: byte scanners shared by the parser and the line iterator.
// Not part of the public API.
#ifndef SMTP_REPLY_DETAIL_SCAN_HPP
#define SMTP_REPLY_DETAIL_SCAN_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "config.hpp"

#if SMTP_REPLY_HAS_SSE2
#include <emmintrin.h>
#endif

namespace smtp_reply {
namespace detail {

/// True for the bytes that may stand in a line's text without further
/// thought: printable ASCII (RFC 5321 4.2 "textstring" minus HT).
constexpr bool is_plain_text_byte(unsigned char c) noexcept {
  return c >= 0x20 && c < 0x7F;
}

/// True for the bytes that are plain, or above 0x7F (8-bit text, RFC 6531).
constexpr bool is_plain_or_high_byte(unsigned char c) noexcept {
  return c >= 0x20 && c != 0x7F;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// find_special() one byte at a time (constexpr).
constexpr const char* find_special_bytes(const char* first, const char* last, bool high_is_plain) noexcept {
  if (high_is_plain) {
    while (first != last && is_plain_or_high_byte(static_cast<unsigned char>(*first))) ++first;
  } else {
    while (first != last && is_plain_text_byte(static_cast<unsigned char>(*first))) ++first;
  }
  return first;
}

#if SMTP_REPLY_HAS_SSE2
/// One bit per byte of `bytes` that is plain (bit i for byte i), with no
/// compare: x + 0x60 takes the printable bytes 0x20..0x7E to -128..-34
/// (signed) and every other byte above; adding 33 with signed saturation
/// leaves exactly the printable ones negative, for movemask to pick up.
/// With HighIsPlain, the bytes above 0x7F (negative themselves) are plain too.
template <bool HighIsPlain>
inline unsigned plain_mask(__m128i bytes) noexcept {
  const __m128i shifted = _mm_adds_epi8(_mm_add_epi8(bytes, _mm_set1_epi8(0x60)), _mm_set1_epi8(33));
  unsigned plain = static_cast<unsigned>(_mm_movemask_epi8(shifted));
  if (HighIsPlain) plain |= static_cast<unsigned>(_mm_movemask_epi8(bytes));
  return plain;
}

inline __m128i load16(const char* at) noexcept { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); }

/// The place of the lowest set bit of `bits` (not 0): the first byte flagged.
#ifdef SMTP_REPLY_CTZ32
inline unsigned first_set_bit(unsigned bits) noexcept { return SMTP_REPLY_CTZ32(bits); }
#else
inline unsigned first_set_bit(unsigned bits) noexcept { return static_cast<unsigned>(__builtin_ctz(bits)); }
#endif

/// find_special_wide() with SSE2.
template <bool HighIsPlain>
inline const char* find_special_sse2(const char* first, const char* last) noexcept {
  const char* const start = first;
  // 16 bytes first (nearly half of all reply lines end within them), then
  // 32 a round: most of the others end within the first round, so the loop
  // is rarely left by a mispredicted branch.
  if (last - first >= 16) {
    const unsigned special = plain_mask<HighIsPlain>(load16(first)) ^ 0xFFFFU;
    if (special != 0) return first + first_set_bit(special);
    first += 16;
  }
  while (last - first >= 32) {
    const unsigned special =
        (plain_mask<HighIsPlain>(load16(first)) | plain_mask<HighIsPlain>(load16(first + 16)) << 16) ^ 0xFFFFFFFFU;
    if (special != 0) return first + first_set_bit(special);
    first += 32;
  }
  if (last - first >= 16) {
    const unsigned special = plain_mask<HighIsPlain>(load16(first)) ^ 0xFFFFU;
    if (special != 0) return first + first_set_bit(special);
    first += 16;
  }
  if (first == last) return last;
  if (last - start >= 16) {
    // The rest, in the range's last 16 bytes (the bits of those before
    // `first`, read already, shifted out).
    const auto rest = static_cast<unsigned>(last - first);
    const unsigned special = (plain_mask<HighIsPlain>(load16(last - 16)) ^ 0xFFFFU) >> (16 - rest);
    return special != 0 ? first + first_set_bit(special) : last;
  }
  if (last - first < 8) return find_special_bytes(first, last, HighIsPlain);
  // 8 to 15 bytes: the first eight and the last eight, overlapping.
  const __m128i head = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(first));
  const __m128i tail = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(last - 8));
  const unsigned special = plain_mask<HighIsPlain>(_mm_unpacklo_epi64(head, tail)) ^ 0xFFFFU;
  if ((special & 0xFFU) != 0) return first + first_set_bit(special);
  return special != 0 ? last - 16 + first_set_bit(special) : last;
}
#endif

/// find_special() over whole words, at run time only. With SSE2 (x86-64):
/// 16 bytes, then 32 at a time, the rest in one last overlapping load (two
/// for a range of 8 to 15 bytes; a shorter one byte by byte). Elsewhere, for
/// 8 bytes or more: eight at a time in a 64-bit word, then the rest byte by
/// byte; on a little-endian target with a count-trailing-zeros builtin, the
/// special byte's place in a word comes from its flag bit, elsewhere the
/// word that holds it is looked at byte by byte.
inline const char* find_special_wide(const char* first, const char* last, bool high_is_plain) noexcept {
#if SMTP_REPLY_HAS_SSE2
  return high_is_plain ? find_special_sse2<true>(first, last) : find_special_sse2<false>(first, last);
#else
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const std::uint64_t high_mask = high_is_plain ? 0 : highs;
  while (last - first >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, first, sizeof word);
    // A byte below 0x20 (only exact for bytes below 0x80, which is all the
    // filter needs: high bytes are either special or masked out below).
    const std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;
    // A byte equal to 0x7F (DEL).
    const std::uint64_t del_xor = word ^ (ones * 0x7F);
    const std::uint64_t is_del = (del_xor - ones) & ~del_xor & highs;
    const std::uint64_t special = below_space | is_del | (word & high_mask);
    if (special != 0) {
#if SMTP_REPLY_HAS_CTZ64
      // Borrows only run towards later bytes, so the lowest flagged byte is
      // a true special byte.
      return first + (SMTP_REPLY_CTZ64(special) >> 3);
#else
      break;
#endif
    }
    first += 8;
  }
  return find_special_bytes(first, last, high_is_plain);
#endif
}

/// The first byte in [first, last) that is not printable ASCII, or last.
/// With `high_is_plain`, bytes above 0x7F are skipped too (once a line is
/// known to hold 8-bit text, only controls still need attention). At run
/// time the bytes are read 16 at a time with SSE2, else a run of eight or
/// more a word at a time (find_special_wide); at compile time byte by byte.
constexpr const char* find_special(const char* first, const char* last, bool high_is_plain) noexcept {
#if SMTP_REPLY_HAS_CONSTANT_EVALUATED
  if (!SMTP_REPLY_IS_CONSTANT_EVALUATED() && (SMTP_REPLY_HAS_SSE2 || last - first >= 8))
    return find_special_wide(first, last, high_is_plain);
#endif
  return find_special_bytes(first, last, high_is_plain);
}

/// The first LF in [first, last), or last.
constexpr const char* find_lf(const char* first, const char* last) noexcept {
  const std::string_view rest(first, static_cast<std::size_t>(last - first));
  const std::size_t at = rest.find('\n');  // memchr at run time
  return at == std::string_view::npos ? last : first + at;
}

}  // namespace detail
}  // namespace smtp_reply

#endif  // SMTP_REPLY_DETAIL_SCAN_HPP
