// smtp_reply: text rules. A rule is a case-insensitive phrase that names a
// reason; a rule set is a constexpr table of them with its lookup index built
// at compile time; the matcher reads a reply's text once and reports the best
// rule that matched.
#ifndef SMTP_REPLY_RULES_HPP
#define SMTP_REPLY_RULES_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "detail/config.hpp"
#include "detail/scan.hpp"
#include "enhanced.hpp"
#include "reply.hpp"
#include "taxonomy.hpp"

namespace smtp_reply {

/**
 * How much a piece of evidence says, weakest first. Text rules use
 * `generic_text`, `specific_text` or `mechanism`; codes use the two `*_code`
 * levels. The strongest evidence decides the reason (see classify.hpp).
 */
enum class strength : std::uint8_t {
  generic_text = 1,   ///< vague words: "try again later", "rejected", "not allowed"
  generic_code = 2,   ///< a generic code: X.0.0, X.7.0, X.7.1, X.3.0, or the basic code alone
  specific_code = 3,  ///< an enhanced code with one meaning: X.1.1, X.2.2, X.5.3
  specific_text = 4,  ///< a phrase with one meaning: "user unknown", "relay access denied"
  mechanism = 5,      ///< a named mechanism: greylisting, a blocklist, SPF/DKIM/DMARC, a virus
};

/**
 * One text rule: when `phrase` occurs in a reply's text, the reply gives
 * evidence for `why`.
 *
 * Phrase syntax: words separated by anything that is not a letter or digit;
 * matching ignores ASCII case and treats every run of non-word bytes (spaces,
 * punctuation, line breaks between lines) as one separator, so "relay access
 * denied" also matches "Relay access denied." and "relay-access: denied".
 * Bytes above 0x7F are word bytes (UTF-8 letters are matched as written, in
 * lower case). Two wildcards: a word `#` matches any all-digit word, and a
 * final word ending in `*` matches any word with that prefix ("greylist*").
 * A `~` between two words matches any 0 to 2 words, for wordings that put a
 * name or an adjective in the middle ("poor ~ reputation" also matches "poor
 * email reputation"); it may not start or end a phrase, nor follow another
 * `~`, and it does not count as a word when matches are compared.
 * At most 8 tokens (words, `#` and `~`).
 */
struct text_rule {
  std::string_view phrase;
  smtp_reply::reason reason = reason::unknown;
  smtp_reply::strength strength = strength::specific_text;
};

namespace detail {

// ---------------------------------------------------------------------------
// Word keys. A word is read as its folded bytes (ASCII letters in lower case)
// packed eight to a 64-bit chunk, first byte lowest. No word byte is zero, so
// the first chunk alone names a word of up to 8 bytes exactly, and its key is
// that chunk times an odd constant (a bijection: distinct short words never
// share a key). Longer words fold each further chunk in.

inline constexpr std::uint64_t key_multiplier = 0x9E3779B97F4A7C15ULL;   // odd
inline constexpr std::uint64_t chunk_multiplier = 0xC2B2AE3D27D4EB4FULL; // odd
/// The token of a `#` word (any all-digit word).
inline constexpr std::uint64_t number_key = 0xD6E8FEB86659FD93ULL;
/// The token of a `~` in a phrase: any 0 to max_gap_words words.
inline constexpr std::uint64_t gap_key = 0x94D049BB133111EBULL;
/// Mixed into the index key of a prefix rule's head so it never stands for a whole word.
inline constexpr std::uint64_t prefix_salt = 0xBF58476D1CE4E5B9ULL;
/// In a compiled rule: no token to check before the last one.
inline constexpr std::uint64_t any_token = 0;
inline constexpr std::size_t max_phrase_words = 8;
inline constexpr std::size_t max_gap_words = 2;
/// Words the matcher keeps: a phrase of 8 tokens with gaps spans at most
/// 5 words and 3 gaps of 2 words, 11 in all.
inline constexpr std::size_t window_words = 16;
inline constexpr std::size_t max_prefix_length = 32;
inline constexpr std::size_t prefix_chunks = max_prefix_length / 8;
/// A prefix rule is indexed on the first bytes of its prefix, at most this many.
inline constexpr std::size_t max_head_length = 3;
inline constexpr std::uint16_t no_rule = 0xFFFF;

constexpr std::uint64_t rotate_left(std::uint64_t v, unsigned s) noexcept { return (v << s) | (v >> (64U - s)); }
/// The key of a word whose first chunk is `chunk`.
constexpr std::uint64_t start_key(std::uint64_t chunk) noexcept { return chunk * key_multiplier; }
/// Folds a further chunk (bytes 8 to 15, 16 to 23, ...) into a word's key.
constexpr std::uint64_t extend_key(std::uint64_t key, std::uint64_t chunk) noexcept {
  return (rotate_left(key, 27) ^ chunk) * chunk_multiplier;
}
/// The index key of a phrase that ends in the tokens `before`, `last`.
constexpr std::uint64_t pair_key(std::uint64_t before, std::uint64_t last) noexcept {
  return (rotate_left(before, 31) ^ last) * chunk_multiplier;
}
/// The index key of a prefix rule whose prefix starts with the bytes `head`.
constexpr std::uint64_t head_key(std::uint64_t head) noexcept { return start_key(head) ^ prefix_salt; }
/// The masks of the low 0 to 8 bytes of a chunk, by count.
inline constexpr std::uint64_t low_byte_masks[9] = {
    0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, ~std::uint64_t{0}};
/// The low `bytes` bytes of a chunk (all of them from 8 on), by a table:
/// a reader cannot predict a branch on a word's length.
constexpr std::uint64_t low_bytes(std::uint64_t chunk, std::size_t bytes) noexcept {
  return chunk & low_byte_masks[bytes < 8 ? bytes : 8];
}

/// Maps a byte to its lower-case form when it is a word byte, else to 0.
constexpr unsigned char fold_word_byte(unsigned char c) noexcept {
  if (c >= 'A' && c <= 'Z') return static_cast<unsigned char>(c | 0x20);
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) return c;
  return 0;
}

struct fold_table {
  unsigned char map[256] = {};
  constexpr fold_table() noexcept {
    for (unsigned i = 0; i < 256; ++i) map[i] = fold_word_byte(static_cast<unsigned char>(i));
  }
};
inline constexpr fold_table word_bytes{};

/// One word as the matcher sees it: its key, where it stands, and its first
/// chunks (what a prefix rule compares).
struct read_word {
  std::uint64_t key = 0;
  std::uint64_t chunks[prefix_chunks] = {};
  std::size_t begin = 0;
  std::size_t length = 0;
  bool is_number = false;
};

/// Reads the word that starts at `at` (a word byte) and ends before `end`
/// or the first byte that is not a word byte, one byte at a time. The
/// reference for the 64-byte block reader below, and the one that runs at
/// compile time.
constexpr read_word read_word_bytes(const char* data, std::size_t at, std::size_t end) noexcept {
  read_word w{};
  w.begin = at;
  w.is_number = true;
  std::uint64_t chunk = 0;
  std::size_t length = 0;
  while (at < end) {
    const unsigned char c = word_bytes.map[static_cast<unsigned char>(data[at])];
    if (c == 0) break;
    if (c < '0' || c > '9') w.is_number = false;
    chunk |= std::uint64_t{c} << (8 * (length % 8));
    ++length;
    ++at;
    if (length % 8 == 0) {
      if (length / 8 <= prefix_chunks) w.chunks[length / 8 - 1] = chunk;
      w.key = length == 8 ? start_key(chunk) : extend_key(w.key, chunk);
      chunk = 0;
    }
  }
  if (length % 8 != 0) {
    if (length / 8 < prefix_chunks) w.chunks[length / 8] = chunk;
    w.key = length < 8 ? start_key(chunk) : extend_key(w.key, chunk);
  }
  w.length = length;
  return w;
}

/// A phrase turned into tokens, as the rule set indexes it.
struct compiled_phrase {
  std::uint64_t tokens[max_phrase_words] = {};  // word keys, number_key, gap_key
  std::uint64_t prefix[prefix_chunks] = {};     // the last word's chunks, for a prefix rule
  std::uint8_t count = 0;          // tokens, gaps included; 0: the phrase is invalid and never matches
  std::uint8_t gaps = 0;           // `~` tokens among them
  std::uint8_t prefix_length = 0;  // bytes of the last word when it is a prefix (`word*`), else 0
};

/// Tokenizes a phrase by the rules of `text_rule`; count 0 when it breaks them.
constexpr compiled_phrase compile_phrase(std::string_view phrase) noexcept {
  compiled_phrase out{};
  std::size_t i = 0;
  while (i < phrase.size()) {
    const unsigned char c = static_cast<unsigned char>(phrase[i]);
    if (c == '~') {
      // A gap: not first, not after another gap (it is checked not to be last below).
      if (out.count == 0 || out.count == max_phrase_words || out.prefix_length != 0 ||
          out.tokens[out.count - 1] == gap_key)
        return compiled_phrase{};
      out.tokens[out.count++] = gap_key;
      ++out.gaps;
      ++i;
      continue;
    }
    if (c == '#' || word_bytes.map[c] != 0) {
      if (out.count == max_phrase_words || out.prefix_length != 0) return compiled_phrase{};
      if (c == '#') {
        out.tokens[out.count++] = number_key;
        ++i;
        continue;
      }
      const read_word w = read_word_bytes(phrase.data(), i, phrase.size());
      i += w.length;
      out.tokens[out.count++] = w.key;
      if (i < phrase.size() && phrase[i] == '*') {
        if (w.length > max_prefix_length) return compiled_phrase{};
        out.prefix_length = static_cast<std::uint8_t>(w.length);
        for (std::size_t k = 0; k < prefix_chunks; ++k) out.prefix[k] = w.chunks[k];
        ++i;
      }
    } else {
      ++i;
    }
  }
  if (out.count == 0 || out.tokens[out.count - 1] == gap_key) return compiled_phrase{};
  return out;
}

/// Bytes of a prefix rule's head: its first bytes, at most max_head_length.
constexpr std::size_t head_length(std::size_t prefix_length) noexcept {
  return prefix_length < max_head_length ? prefix_length : max_head_length;
}

/// The key under which a rule set files a valid phrase: its last two words
/// (the word before a gap counts as the one before the last), so a chain
/// holds only the rules that end the same two ways; the last word alone for
/// a one-word phrase. A prefix rule stands for its last word by the first
/// bytes of its prefix (its head): with the word before it when that is a
/// word or `#`, alone when there is none or a gap comes between.
constexpr std::uint64_t index_key(const compiled_phrase& p) noexcept {
  if (p.prefix_length != 0) {
    const std::uint64_t head = head_key(low_bytes(p.prefix[0], head_length(p.prefix_length)));
    if (p.count == 1 || p.tokens[p.count - 2] == gap_key) return head;
    return pair_key(p.tokens[p.count - 2], head);
  }
  const std::uint64_t last = p.tokens[p.count - 1];
  if (p.count == 1) return last;
  const std::size_t before = p.tokens[p.count - 2] == gap_key ? p.count - 3u : p.count - 2u;
  return pair_key(p.tokens[before], last);
}

/// What the matcher reads of a rule first, in one place: enough to pass over
/// most rules of a chain without reading more.
struct compiled_rule {
  std::uint64_t filed = 0;   // the index key the rule is filed under (index_key())
  std::uint64_t last = 0;    // the last token (word key or number_key); a prefix rule compares its chunks instead
  std::uint64_t before = 0;  // the token before the last, or any_token when there is none or it is a gap
  std::uint32_t first_token = 0;  // where the rule's tokens start in the table's token array
  std::uint16_t next = no_rule;   // the next rule filed in the same bucket
  std::uint8_t count = 0;         // tokens, gaps included; 0: invalid, never matches
  std::uint8_t gaps = 0;
  std::uint8_t prefix_length = 0;  // 0: the last token is a whole word
  smtp_reply::strength strength = smtp_reply::strength::generic_text;
};

/// Buckets of a rule set's index: a power of two, at least four per rule.
constexpr std::size_t rule_bucket_bits(std::size_t rules) noexcept {
  std::size_t bits = 6;
  while ((std::size_t{1} << bits) < 4 * rules) ++bits;
  return bits;
}

/// Tokens a rule set of `rules` rules may need: for a prefix rule, its
/// tokens before the last and up to prefix_chunks chunks; else its tokens.
constexpr std::size_t rule_token_capacity(std::size_t rules) noexcept {
  return rules * (max_phrase_words - 1 + prefix_chunks);
}

/// Words of a rule set's prefix head filters: for heads of 1 byte, 64 rows
/// (the first byte's low six bits) of 64 bits (the second byte's); for the
/// others, 4096 bits chosen by a hash of the first three bytes (a head of 2
/// bytes is filed under each third byte a word may have).
inline constexpr std::size_t head_filter_words = 128;
/// The bit of the one-byte head filter for a word's first chunk.
constexpr std::size_t head1_filter_bit(std::uint64_t chunk) noexcept {
  return static_cast<std::size_t>((chunk & 63) * 64 + ((chunk >> 8) & 63));
}
/// The bit of the three-byte head filter (after the first 4096) for a word's first chunk.
constexpr std::size_t head3_filter_bit(std::uint64_t chunk) noexcept {
  return 4096 + static_cast<std::size_t>(((chunk & 0xFFFFFF) * key_multiplier) >> 52);
}

/// A rule set's key filter has four times as many bits as it has buckets:
/// bit `key >> (bucket_shift - 2)`, where bucket_shift = 64 - bucket bits.
constexpr std::size_t filter_words(std::size_t bucket_bits) noexcept { return (std::size_t{4} << bucket_bits) / 64; }
/// The key filter array holds three such filters: index keys, last words,
/// and last words that follow a gap.
constexpr std::size_t key_filter_words(std::size_t bucket_bits) noexcept { return 3 * filter_words(bucket_bits); }
/// Which of the three filters of the key filter array.
enum filter_kind : std::size_t { filed_keys = 0, last_words = 1, words_after_gap = 2 };
constexpr std::size_t filter_bit(std::uint64_t key, unsigned bucket_shift) noexcept {
  return static_cast<std::size_t>(key >> (bucket_shift - 2));
}
/// Bit `bit` of an array of 64-bit words: the form of every filter here.
constexpr bool has_bit(const std::uint64_t* bits, std::size_t bit) noexcept {
  return ((bits[bit / 64] >> (bit % 64)) & 1U) != 0;
}
constexpr void set_bit(std::uint64_t* bits, std::size_t bit) noexcept { bits[bit / 64] |= std::uint64_t{1} << (bit % 64); }
constexpr bool filter_has(const std::uint64_t* filter, std::uint64_t key, unsigned bucket_shift) noexcept {
  return has_bit(filter, filter_bit(key, bucket_shift));
}
constexpr void filter_add(std::uint64_t* filter, std::uint64_t key, unsigned bucket_shift) noexcept {
  set_bit(filter, filter_bit(key, bucket_shift));
}
}  // namespace detail

/**
 * A compiled rule table as the matcher reads it: a view of a `rule_set`
 * (which converts to it) or of the built-in rules. Cheap to copy; valid as
 * long as the table it views.
 */
class rule_table {
 public:
  /// For rule sets and generated tables: the parts of a compiled table.
  constexpr rule_table(const text_rule* rules, const detail::compiled_rule* compiled, std::size_t size,
                       const std::uint64_t* tokens, std::size_t token_count, const std::uint16_t* buckets,
                       std::size_t bucket_bits, const std::uint64_t* key_filter, const std::uint64_t* head_filter,
                       std::uint8_t head_lengths, bool has_gaps) noexcept
      : rules_(rules),
        compiled_(compiled),
        size_(size),
        tokens_(tokens),
        token_count_(token_count),
        buckets_(buckets),
        bucket_shift_(static_cast<unsigned>(64 - bucket_bits)),
        filter_words_(detail::filter_words(bucket_bits)),
        key_filter_(key_filter),
        head_filter_(head_filter),
        head_lengths_(head_lengths),
        has_gaps_(has_gaps) {}

  /** Number of rules. */
  constexpr std::size_t size() const noexcept { return size_; }
  /** The rule at `index`, as given. */
  constexpr const text_rule& operator[](std::size_t index) const noexcept { return rules_[index]; }
  /** True when every phrase follows the syntax of `text_rule`. */
  constexpr bool valid() const noexcept { return first_invalid() == size_; }
  /** Index of the first invalid phrase, or size() when all are valid. */
  constexpr std::size_t first_invalid() const noexcept {
    for (std::size_t i = 0; i < size_; ++i)
      if (compiled_[i].count == 0) return i;
    return size_;
  }

  /// The first rule filed in the bucket of `key`, or no_rule. For the matcher.
  constexpr std::uint16_t bucket(std::uint64_t key) const noexcept {
    return buckets_[static_cast<std::size_t>(key >> bucket_shift_)];
  }
  /// False when no rule is filed under the index key `key` (a filter with
  /// no false negatives and four bits per bucket). For the matcher.
  constexpr bool may_file(std::uint64_t key) const noexcept { return detail::filter_has(key_filter_, key, bucket_shift_); }
  /// False when no phrase ends in the word whose key is `key`. For the matcher.
  constexpr bool may_end(std::uint64_t key) const noexcept {
    return detail::filter_has(key_filter_ + detail::last_words * filter_words_, key, bucket_shift_);
  }
  /// False when no phrase ends in the word whose key is `key` right after a
  /// gap. For the matcher.
  constexpr bool may_end_after_gap(std::uint64_t key) const noexcept {
    return detail::filter_has(key_filter_ + detail::words_after_gap * filter_words_, key, bucket_shift_);
  }
  /// False when no prefix rule's prefix starts like the word whose first
  /// chunk is `chunk` (filters on its first three bytes). For the matcher.
  constexpr bool may_start_prefix(std::uint64_t chunk) const noexcept {
    if ((head_lengths_ & 0x2U) != 0 && detail::has_bit(head_filter_, detail::head1_filter_bit(chunk))) return true;
    return detail::has_bit(head_filter_, detail::head3_filter_bit(chunk));
  }
  /// The filters (three of 2^(bucket_bits() + 2) bits; the head filters
  /// 2 x 4096). For generators and tests.
  constexpr const std::uint64_t* key_filter() const noexcept { return key_filter_; }
  constexpr const std::uint64_t* head_filter() const noexcept { return head_filter_; }
  /// Rule `index` in compiled form. For the matcher.
  constexpr const detail::compiled_rule& compiled(std::size_t index) const noexcept { return compiled_[index]; }
  /// Token `at` of the table's token array. For the matcher.
  constexpr std::uint64_t token(std::size_t at) const noexcept { return tokens_[at]; }
  /// Bit n set when some prefix rule is filed under a head of n bytes. For the matcher.
  constexpr std::uint8_t head_lengths() const noexcept { return head_lengths_; }
  /// True when some phrase has a gap (`~`). For the matcher.
  constexpr bool has_gaps() const noexcept { return has_gaps_; }
  /// The table has 2^bucket_bits() index buckets.
  constexpr std::size_t bucket_bits() const noexcept { return 64 - bucket_shift_; }
  /// Entries of the token array.
  constexpr std::size_t token_count() const noexcept { return token_count_; }
  /// The bucket array (2^bucket_bits() entries). For generators and tests.
  constexpr const std::uint16_t* buckets() const noexcept { return buckets_; }

 private:
  const text_rule* rules_;
  const detail::compiled_rule* compiled_;
  std::size_t size_;
  const std::uint64_t* tokens_;
  std::size_t token_count_;
  const std::uint16_t* buckets_;
  unsigned bucket_shift_;
  std::size_t filter_words_;
  const std::uint64_t* key_filter_;
  const std::uint64_t* head_filter_;
  std::uint8_t head_lengths_;
  bool has_gaps_;
};

/**
 * A constexpr table of text rules with its lookup index, built at compile
 * time: `inline constexpr smtp_reply::rule_set my_rules{my_rule_array};`.
 * Pass it to `classify()` to have it consulted before the built-in rules.
 * No registration, no global state. Up to 65534 rules.
 */
template <std::size_t N>
class rule_set {
  static_assert(N > 0 && N < detail::no_rule, "a rule set holds 1 to 65534 rules");

 public:
  /** The index has 2^bucket_bits buckets (bucket_count: at least four per rule). */
  static constexpr std::size_t bucket_bits = detail::rule_bucket_bits(N);
  static constexpr std::size_t bucket_count = std::size_t{1} << bucket_bits;

  /** Compiles `rules`; invalid phrases (see `text_rule`) never match: check `valid()`. */
  constexpr explicit rule_set(const text_rule (&rules)[N]) noexcept {
    // The last rule of each bucket's chain, so appending needs no walk.
    std::uint16_t tails[bucket_count] = {};
    for (std::size_t b = 0; b < bucket_count; ++b) buckets_[b] = detail::no_rule;
    for (std::size_t i = 0; i < N; ++i) {
      rules_[i] = rules[i];
      // Read from a local: reading members of the array being built back is
      // slow in g++'s constant evaluator.
      const detail::compiled_phrase p = detail::compile_phrase(rules[i].phrase);
      detail::compiled_rule c{};
      c.strength = rules[i].strength;
      c.first_token = static_cast<std::uint32_t>(token_count_);
      if (p.count == 0) {
        compiled_[i] = c;
        continue;
      }
      c.count = p.count;
      c.gaps = p.gaps;
      if (p.gaps != 0) has_gaps_ = true;
      c.prefix_length = p.prefix_length;
      c.last = p.tokens[p.count - 1];
      c.before = p.count >= 2 && p.tokens[p.count - 2] != detail::gap_key ? p.tokens[p.count - 2] : detail::any_token;
      const std::size_t own = p.prefix_length != 0 ? p.count - 1u : p.count;
      for (std::size_t t = 0; t < own; ++t) tokens_[token_count_++] = p.tokens[t];
      if (p.prefix_length != 0) {
        for (std::size_t k = 0; k * 8 < p.prefix_length; ++k) tokens_[token_count_++] = p.prefix[k];
        head_lengths_ = static_cast<std::uint8_t>(head_lengths_ | (1U << detail::head_length(p.prefix_length)));
        if (p.prefix_length == 1) {
          head_filter_[p.prefix[0] & 63] = ~std::uint64_t{0};  // any second byte
        } else if (p.prefix_length == 2) {
          // Filed under every three-byte head it begins: the two bytes and
          // any folded word byte after them, or none (a word of two bytes).
          for (unsigned third = 0; third < 256; ++third) {
            if (third != 0 && detail::fold_word_byte(static_cast<unsigned char>(third)) != third) continue;
            detail::set_bit(head_filter_, detail::head3_filter_bit(p.prefix[0] | (std::uint64_t{third} << 16)));
          }
        } else {
          detail::set_bit(head_filter_, detail::head3_filter_bit(p.prefix[0]));
        }
      }
      const std::uint64_t key = detail::index_key(p);
      c.filed = key;
      compiled_[i] = c;
      detail::filter_add(key_filter_, key, 64 - bucket_bits);
      if (p.prefix_length == 0) {
        detail::filter_add(key_filter_ + detail::last_words * filter_size, c.last, 64 - bucket_bits);
        // A gap before the last word: the word before the gap stands 1 to 3
        // words back, so the matcher probes more pairs for words filed so.
        if (p.count >= 3 && p.tokens[p.count - 2] == detail::gap_key)
          detail::filter_add(key_filter_ + detail::words_after_gap * filter_size, c.last, 64 - bucket_bits);
      }
      // Appending keeps chains in table order, so equal matches resolve to the earlier rule.
      const std::size_t b = static_cast<std::size_t>(key >> (64 - bucket_bits));
      if (buckets_[b] == detail::no_rule) {
        buckets_[b] = static_cast<std::uint16_t>(i);
      } else {
        compiled_[tails[b]].next = static_cast<std::uint16_t>(i);
      }
      tails[b] = static_cast<std::uint16_t>(i);
    }
  }

  /** The compiled table, as the matcher and `classify()` read it. */
  constexpr rule_table table() const noexcept {
    return rule_table(rules_, compiled_, N, tokens_, token_count_, buckets_, bucket_bits, key_filter_, head_filter_,
                      head_lengths_, has_gaps_);
  }
  /** Converts to the table view, so a rule set goes wherever a `rule_table` does. */
  constexpr operator rule_table() const noexcept { return table(); }  // NOLINT(google-explicit-constructor)

  /** Number of rules. */
  static constexpr std::size_t size() noexcept { return N; }
  /** The rule at `index`, as given. */
  constexpr const text_rule& operator[](std::size_t index) const noexcept { return rules_[index]; }
  /** True when every phrase follows the syntax of `text_rule`. */
  constexpr bool valid() const noexcept { return table().valid(); }
  /** Index of the first invalid phrase, or size() when all are valid. */
  constexpr std::size_t first_invalid() const noexcept { return table().first_invalid(); }

 private:
  text_rule rules_[N] = {};
  detail::compiled_rule compiled_[N] = {};
  std::uint64_t tokens_[detail::rule_token_capacity(N)] = {};
  std::size_t token_count_ = 0;
  std::uint16_t buckets_[bucket_count] = {};
  static constexpr std::size_t filter_size = detail::filter_words(bucket_bits);
  std::uint64_t key_filter_[detail::key_filter_words(bucket_bits)] = {};
  // Row: the first byte's low six bits; bit: the second byte's.
  std::uint64_t head_filter_[detail::head_filter_words] = {};
  std::uint8_t head_lengths_ = 0;
  bool has_gaps_ = false;
};

/** Deduces N from the array: `rule_set my_rules{my_rule_array};`. */
template <std::size_t N>
rule_set(const text_rule (&)[N]) -> rule_set<N>;

/** Which rule table a match came from. */
enum class rule_origin : std::uint8_t {
  user,     ///< the caller's rule set
  builtin,  ///< the library's rules
};

/** The best rule that matched a reply's text. */
struct rule_match {
  /** Index of the rule in its table; meaningful when `matched`. */
  std::size_t index = 0;
  rule_origin origin = rule_origin::builtin;
  bool matched = false;
  smtp_reply::reason reason = reason::unknown;
  smtp_reply::strength strength = strength::generic_text;
  /** Words in the phrase (more words win a tie of strength). */
  std::uint8_t words = 0;
  /** The matched span, as offsets into the reply's raw bytes (it may cross lines). */
  std::size_t begin = 0;
  std::size_t end = 0;

  constexpr explicit operator bool() const noexcept { return matched; }

  /** True when `other` should replace this as the best match. */
  constexpr bool beaten_by(const rule_match& other) const noexcept {
    if (!matched) return other.matched;
    if (other.strength != strength) return other.strength > strength;
    if (other.words != words) return other.words > words;
    if (other.begin != begin) return other.begin < begin;
    return other.index < index;
  }
};

namespace detail {

/// A rule table known at compile time (the built-in one), with the reads
/// the matcher makes of rule_table: passed as this empty type, they fold
/// into constants (array addresses, the bucket shift, the flags).
template <const rule_table& Table>
struct fixed_rule_table {
  constexpr std::size_t size() const noexcept { return Table.size(); }
  constexpr const text_rule& operator[](std::size_t index) const noexcept { return Table[index]; }
  constexpr std::uint16_t bucket(std::uint64_t key) const noexcept { return Table.bucket(key); }
  constexpr bool may_file(std::uint64_t key) const noexcept { return Table.may_file(key); }
  constexpr bool may_end(std::uint64_t key) const noexcept { return Table.may_end(key); }
  constexpr bool may_end_after_gap(std::uint64_t key) const noexcept { return Table.may_end_after_gap(key); }
  constexpr bool may_start_prefix(std::uint64_t chunk) const noexcept { return Table.may_start_prefix(chunk); }
  constexpr const compiled_rule& compiled(std::size_t index) const noexcept { return Table.compiled(index); }
  constexpr std::uint64_t token(std::size_t at) const noexcept { return Table.token(at); }
  constexpr std::uint8_t head_lengths() const noexcept { return Table.head_lengths(); }
  constexpr bool has_gaps() const noexcept { return Table.has_gaps(); }
};

/// Words a batch reads before the matcher looks at the ones it marked.
inline constexpr std::size_t batch_words = 48;

/// The words of a reply's text as the matcher sees them, in reading order:
/// the last window_words words of the batch before, then the words of this
/// batch. A reader adds words and marks those a table may match at (the
/// last word of a phrase, or the head of a prefix); at the end of a batch
/// the matcher looks at each marked word as the newest, with the words read
/// before it. Reading a batch in one loop, without calls, keeps the reader's
/// state in registers; the matcher runs for about two words in five.
/// No member initializers: the run-time reader does not clear it (only
/// words added are read).
struct word_window {
  static constexpr std::size_t slots = window_words + batch_words;
  /// One word as the matcher compares it.
  struct word {
    std::uint64_t key;
    std::size_t begin;
    bool is_number;
  };
  std::uint64_t keys[slots];
  std::uint64_t first_chunks[slots];  // folded bytes 0 to 7, what prefix rules compare first
  std::size_t begins[slots];
  std::size_t ends[slots];
  bool numbers[slots];
  // While a reader runs, its sink (window_sink) keeps the two counters.
  std::uint16_t marked_slots[batch_words];  // the marked words of this batch, and their marks
  std::uint16_t marks[batch_words];
  unsigned marked;
  unsigned first;   // the first slot that holds a word
  unsigned count;   // slots filled
  unsigned newest;  // the word the matcher is looking at
  const char* data;    // the text, for the further chunks of a long word

  constexpr void start(const char* text) noexcept {
    marked = 0;
    first = static_cast<unsigned>(window_words);
    count = static_cast<unsigned>(window_words);
    newest = 0;
    data = text;
  }
  /// The word `k` back from the newest (k = 0: the newest).
  constexpr word back(std::size_t k) const noexcept {
    const std::size_t slot = newest - k;
    return word{keys[slot], begins[slot], numbers[slot]};
  }
  /// True when the word `k` back from the newest is held.
  constexpr bool holds(std::size_t k) const noexcept { return k < window_words && k <= newest - first; }
  /// Where the newest word ends, and its length.
  constexpr std::size_t end() const noexcept { return ends[newest]; }
  constexpr std::size_t length() const noexcept { return ends[newest] - begins[newest]; }
  /// Chunk `k` of the newest word (its folded bytes 8k to 8k + 7); k * 8 < length().
  constexpr std::uint64_t chunk(std::size_t k) const noexcept {
    if (k == 0) return first_chunks[newest];
    const std::size_t from = begins[newest] + 8 * k;
    const std::size_t to = ends[newest] - from < 8 ? ends[newest] : from + 8;
    std::uint64_t v = 0;
    for (std::size_t i = from; i < to; ++i)
      v |= std::uint64_t{word_bytes.map[static_cast<unsigned char>(data[i])]} << (8 * (i - from));
    return v;
  }

  /// Has the matcher look at the marked words of the batch.
  template <class Matcher>
  constexpr void match_marked(Matcher& matcher) noexcept {
    for (unsigned i = 0; i < marked; ++i) {
      newest = marked_slots[i];
      matcher.match(static_cast<const word_window&>(*this), marks[i]);
    }
    marked = 0;
  }

  /// Ends a full batch: matches it and keeps its last window_words words.
  template <class Matcher>
  SMTP_REPLY_NOINLINE constexpr void next_batch(Matcher& matcher) noexcept {
    match_marked(matcher);
    const unsigned keep = count - static_cast<unsigned>(window_words);
    for (unsigned k = 0; k < window_words; ++k) {
      keys[k] = keys[keep + k];
      first_chunks[k] = first_chunks[keep + k];
      begins[k] = begins[keep + k];
      ends[k] = ends[keep + k];
      numbers[k] = numbers[keep + k];
    }
    first = first > keep ? first - keep : 0;
    count = static_cast<unsigned>(window_words);
  }
};

constexpr bool token_matches(std::uint64_t token, const word_window::word& w) noexcept {
  return token == number_key ? w.is_number : w.key == token;
}

/// Token `t` of the rule whose tokens start at `first` in `table` stands at
/// the word `k` back from the newest; matches the tokens before it, walking
/// back through the window. Returns how far back the phrase's first word
/// stands, or window_words when it does not match. A gap tries its lengths
/// shortest first, so the tightest match is found.
template <class Table>
constexpr std::size_t match_back(const Table& table, std::size_t first, const word_window& window,
                                 std::size_t t, std::size_t k) noexcept {
  if (t == 0) return k;
  const std::uint64_t token = table.token(first + t - 1);
  if (token != gap_key) {
    if (!window.holds(k + 1) || !token_matches(token, window.back(k + 1))) return window_words;
    return match_back(table, first, window, t - 1, k + 1);
  }
  const std::uint64_t before_gap = table.token(first + t - 2);
  for (std::size_t skip = 0; skip <= max_gap_words; ++skip) {
    const std::size_t at = k + 1 + skip;
    if (!window.holds(at)) break;
    if (!token_matches(before_gap, window.back(at))) continue;
    const std::size_t found = match_back(table, first, window, t - 2, at);
    if (found != window_words) return found;
  }
  return window_words;
}

/// True when the newest word starts with the prefix of rule `c`.
template <class Table>
constexpr bool prefix_matches(const Table& table, const compiled_rule& c, const word_window& window) noexcept {
  if (window.length() < c.prefix_length) return false;
  const std::size_t at = c.first_token + c.count - 1u;
  for (std::size_t k = 0; k * 8 < c.prefix_length; ++k) {
    if (low_bytes(window.chunk(k), c.prefix_length - k * 8) != table.token(at + k)) return false;
  }
  return true;
}

/// Checks the rules filed under `key` in the bucket chain that starts at
/// `head` against the window. A bucket may also hold rules filed under
/// other keys, which are passed over: every match is found by the probe of
/// the key its rule is filed under.
template <class Table>
SMTP_REPLY_NOINLINE constexpr void match_chain(const Table& table, std::uint16_t head, std::uint64_t key,
                                               const word_window& window, rule_origin origin,
                                               rule_match& best) noexcept {
  const word_window::word newest = window.back(0);
  for (std::uint16_t i = head; i != no_rule; i = table.compiled(i).next) {
    const compiled_rule& c = table.compiled(i);
    if (c.filed != key) continue;
    if (c.prefix_length != 0) {
      if (!prefix_matches(table, c, window)) continue;
    } else if (!token_matches(c.last, newest)) {
      continue;
    }
    // A rule that cannot win is not checked further: beaten_by() compares
    // strength first, then words, and a rule's words are known before it matches.
    if (best.matched && (c.strength < best.strength ||
                         (c.strength == best.strength && c.count - c.gaps < best.words)))
      continue;
    std::size_t first = 0;
    if (c.count == 2) {  // two words: the one before is all there is left to check
      if (!window.holds(1) || !token_matches(c.before, window.back(1))) continue;
      first = 1;
    } else if (c.count > 2) {
      if (c.before != any_token && (!window.holds(1) || !token_matches(c.before, window.back(1)))) continue;
      first = match_back(table, c.first_token, window, c.count - 1u, 0);
      if (first == window_words) continue;
    }
    rule_match m{};
    m.index = i;
    m.origin = origin;
    m.matched = true;
    m.reason = table[i].reason;
    m.strength = c.strength;
    m.words = static_cast<std::uint8_t>(c.count - c.gaps);
    m.begin = window.back(first).begin;
    m.end = window.end();
    if (best.beaten_by(m)) best = m;
  }
}

/// Index of the lowest set bit of `v` (not 0).
constexpr std::size_t lowest_bit(std::uint64_t v) noexcept {
#if defined(__GNUC__)
  return static_cast<std::size_t>(__builtin_ctzll(v));
#else
  std::size_t n = 0;
  while (((v >> n) & 1U) == 0) ++n;
  return n;
#endif
}

/// Probes one key: most probes find an empty bucket, so the chain walk is
/// kept out of the common case.
template <class Table>
constexpr void probe(const Table& table, std::uint64_t key, const word_window& window, rule_origin origin,
                     rule_match& best) noexcept {
  const std::uint16_t head = table.bucket(key);
  if (head == no_rule) return;
  // Most buckets hold one rule: a rule of another key is passed over without a call.
  const compiled_rule& first = table.compiled(head);
  if (first.filed != key && first.next == no_rule) return;
  match_chain(table, head, key, window, origin, best);
}

/// Probes `key` when the filter lets it.
template <class Table>
SMTP_REPLY_ALWAYS_INLINE constexpr void probe_filed(const Table& table, std::uint64_t key,
                                                    const word_window& window, rule_origin origin,
                                                    rule_match& best) noexcept {
  if (table.may_file(key)) probe(table, key, window, origin, best);
}

/// The keys that `#` stands in: a number word `k` back, or a newest word
/// that is a number, with its pair partner. Out of line: most words are not numbers.
template <class Table>
SMTP_REPLY_NOINLINE constexpr void probe_number_pairs(const Table& table, const word_window& window,
                                                      std::size_t k, rule_origin origin, rule_match& best) noexcept {
  const word_window::word w = window.back(0);
  const word_window::word before = window.back(k);
  if (w.is_number) probe_filed(table, pair_key(before.key, number_key), window, origin, best);
  if (before.is_number) {
    probe_filed(table, pair_key(number_key, w.key), window, origin, best);
    if (w.is_number) probe_filed(table, pair_key(number_key, number_key), window, origin, best);
  }
}

/// Probes the pair the word `k` back makes with the newest word.
template <class Table>
SMTP_REPLY_ALWAYS_INLINE constexpr void probe_pair(const Table& table, const word_window& window, std::size_t k,
                                                   rule_origin origin, rule_match& best) noexcept {
  const word_window::word w = window.back(0);
  const word_window::word before = window.back(k);
  probe_filed(table, pair_key(before.key, w.key), window, origin, best);
  if (w.is_number || before.is_number) probe_number_pairs(table, window, k, origin, best);
}

/// The pairs the newest word makes with the words 2 and 3 back, for phrases
/// whose last word follows a gap (a gap of 0 words is the pair with the word
/// 1 back, probed anyway). Out of line: few words end such a phrase.
template <class Table>
SMTP_REPLY_NOINLINE constexpr void match_after_gap(const Table& table, const word_window& window,
                                                   rule_origin origin, rule_match& best) noexcept {
  if (window.holds(2)) probe_pair(table, window, 2, origin, best);
  if (window.holds(3)) probe_pair(table, window, 3, origin, best);
}

/// The probes of a word that may end a phrase: itself, the pair it makes
/// with the word before, `#` for a number, and, when some phrase ends in it
/// after a gap, the pairs with the two words before that. In line in the
/// loop over the marked words, which runs after the batch is read.
template <class Table>
SMTP_REPLY_ALWAYS_INLINE constexpr void match_last_word(const Table& table, const word_window& window,
                                                        rule_origin origin, rule_match& best) noexcept {
  const word_window::word w = window.back(0);
  probe_filed(table, w.key, window, origin, best);
  if (w.is_number) probe_filed(table, number_key, window, origin, best);
  if (window.holds(1)) probe_pair(table, window, 1, origin, best);
  if (table.has_gaps() && (table.may_end_after_gap(w.key) || (w.is_number && table.may_end_after_gap(number_key))))
    match_after_gap(table, window, origin, best);
}

/// The probes of a word that may start like a prefix rule's prefix, for
/// each head length in use: the head alone, and with the word before (or
/// `#` for a number). In line, as match_last_word().
template <class Table>
SMTP_REPLY_ALWAYS_INLINE constexpr void match_heads(const Table& table, const word_window& window, rule_origin origin,
                                                    rule_match& best) noexcept {
  const bool has_before = window.holds(1);
  const word_window::word before = has_before ? window.back(1) : word_window::word{0, 0, false};
  std::uint8_t heads = table.head_lengths();
  while (heads != 0) {
    const std::size_t n = lowest_bit(heads);
    heads = static_cast<std::uint8_t>(heads & (heads - 1));
    if (n > window.length()) break;
    const std::uint64_t head = head_key(low_bytes(window.chunk(0), n));
    probe_filed(table, head, window, origin, best);
    if (!has_before) continue;
    probe_filed(table, pair_key(before.key, head), window, origin, best);
    if (before.is_number) probe_filed(table, pair_key(number_key, head), window, origin, best);
  }
}

/// What the matcher will look at for a word, as the filters of one table
/// say: mark_end when a phrase may end in it, mark_head when it may start
/// like a prefix rule's prefix. A filter answers for most words, so reading
/// a word costs a few bit tests.
enum word_mark : unsigned { mark_end = 1, mark_head = 2 };
/// Bits a table's marks take (two_table_matcher puts the user table's above the built-in's).
inline constexpr unsigned mark_bits = 2;
template <class Table>
SMTP_REPLY_ALWAYS_INLINE constexpr unsigned mark_word(const Table& table, std::uint64_t key,
                                                     std::uint64_t first_chunk, bool is_number) noexcept {
  // Bitwise, not short-circuit: the verdicts are not predictable, the tests are cheap.
  const unsigned may_end = static_cast<unsigned>(table.may_end(key)) |
                           (static_cast<unsigned>(is_number) & static_cast<unsigned>(table.may_end(number_key)));
  return may_end * mark_end | static_cast<unsigned>(table.may_start_prefix(first_chunk)) * mark_head;
}

/// Looks up every key the newest word can end a phrase under, as `marks`
/// (of mark_word()) allow: itself, the pair it makes with the word before
/// (and, for a word that ends a phrase after a gap, with the two before
/// that), `#` for a number, and its heads for prefix rules.
template <class Table>
SMTP_REPLY_ALWAYS_INLINE constexpr void match_marked_word(const Table& table, const word_window& window,
                                                          unsigned marks, rule_origin origin,
                                                          rule_match& best) noexcept {
  if ((marks & mark_end) != 0) match_last_word(table, window, origin, best);
  if ((marks & mark_head) != 0) match_heads(table, window, origin, best);
}

/// Folds the word bytes of a chunk to lower case: ASCII ones gain bit 5,
/// which lowers a letter and leaves a digit as it is; bytes above 0x7F
/// stay. (Other bytes change too: the caller keeps only word bytes.)
constexpr std::uint64_t fold_chunk(std::uint64_t v) noexcept { return v | ((~v & 0x8080808080808080ULL) >> 2); }

/// Reports every word of [at, end) to `sink`, a byte at a time:
/// `sink.add(begin, length, first chunk, key, is_number)`.
template <class Sink>
constexpr void read_text_bytes(const char* data, std::size_t at, std::size_t end, Sink& sink) noexcept {
  while (at < end) {
    if (word_bytes.map[static_cast<unsigned char>(data[at])] == 0) {
      ++at;
      continue;
    }
    const read_word w = read_word_bytes(data, at, end);
    sink.add(at, w.length, w.chunks[0], w.key, w.is_number);
    at += w.length;
  }
}

/// Reports the words of the text of every line of the reply bytes
/// [data, data + size) to `sink`, line by line and a byte at a time. A
/// line's text is what line_iterator gives: after the code, the separator
/// and a leading enhanced code, up to the CR LF. The reference for the
/// block reader below, and the one that runs at compile time.
template <class Sink>
constexpr void read_reply_text_bytes(const char* data, std::size_t size, Sink& sink) noexcept {
  std::size_t at = 0;
  while (at < size) {
    const std::size_t lf = static_cast<std::size_t>(find_lf(data + at, data + size) - data);
    const std::size_t text_end = lf != at && data[lf - 1] == '\r' ? lf - 1 : lf;
    std::size_t text = at + 3;
    if (text < text_end && (data[text] == ' ' || data[text] == '-')) ++text;
    if (text > text_end) text = text_end;
    // match_enhanced_prefix() finds nothing unless the text starts with `#` or `c.`.
    if (text_end - text >= 2 && (data[text] == '#' || data[text + 1] == '.'))
      text += match_enhanced_prefix(std::string_view(data + text, text_end - text)).length;
    read_text_bytes(data, text, text_end, sink);
    at = lf == size ? size : lf + 1;
  }
}

#if SMTP_REPLY_HAS_SSE2 && SMTP_REPLY_HAS_CTZ64
/// Bytes [at, at + 8) of a buffer of `size` bytes, first byte lowest (x86-64 is little-endian);
/// zero past its end.
inline std::uint64_t load_chunk(const char* data, std::size_t size, std::size_t at) noexcept {
  std::uint64_t v = 0;
  if (size - at >= 8) {
    std::memcpy(&v, data + at, 8);
  } else {
    for (std::size_t k = 0; at + k < size; ++k) v |= std::uint64_t{static_cast<unsigned char>(data[at + k])} << (8 * k);
  }
  return v;
}

/// The word of `length` bytes at `begin` of a buffer of `size` bytes:
/// reported to `sink.add(begin, length, first chunk, key, is_number)`.
template <class Sink>
SMTP_REPLY_ALWAYS_INLINE void add_word_at(const char* data, std::size_t size, std::size_t begin,
                                          std::size_t length, bool is_number, Sink& sink) noexcept {
  const std::uint64_t first_chunk = low_bytes(fold_chunk(load_chunk(data, size, begin)), length);
  std::uint64_t key = start_key(first_chunk);
  if (SMTP_REPLY_UNLIKELY(length > 8)) {
    for (std::size_t k = 8; k < length; k += 8)
      key = extend_key(key, low_bytes(fold_chunk(load_chunk(data, size, begin + k)), length - k));
  }
  sink.add(begin, length, first_chunk, key, is_number);
}

/// Which bytes of a block are word bytes (bit i for byte i), which are
/// ASCII digits and which are LF: the verdicts of fold_word_byte() and the
/// line ends, from the same loads.
struct text_bits {
  std::uint64_t word;
  std::uint64_t digit;
  std::uint64_t lf;
};

/// text_bits of the 16 bytes at `p`, in the low 16 bits of each mask; their
/// ASCII letters in lower case go to `folded`.
inline text_bits classify_16(const char* p, unsigned char* folded) noexcept {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // c - lo < n as unsigned, for a range [lo, lo + n): shifted by 0x80, a
  // signed compare does it. Bytes above 0x7F are word bytes by their sign bit.
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i letter = _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(-128 + 26)),
                                        _mm_add_epi8(_mm_or_si128(x, case_bit),
                                                     _mm_set1_epi8(static_cast<char>(0x80 - 'a'))));
  const __m128i digit = _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(-128 + 10)),
                                       _mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(0x80 - '0'))));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(folded), _mm_or_si128(x, _mm_and_si128(letter, case_bit)));
  text_bits out{};
  out.word = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), x)));
  out.digit = static_cast<unsigned>(_mm_movemask_epi8(digit));
  out.lf = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
  return out;
}

/// Adds the verdicts of a 16-byte part to a block's: shifted left by `left`
/// bits (the part's place in the block), or right by `right` (a part that
/// starts before the block).
inline void place_part(text_bits& block, const text_bits& part, std::size_t left, std::size_t right = 0) noexcept {
  block.word |= (part.word >> right) << left;
  block.digit |= (part.digit >> right) << left;
  block.lf |= (part.lf >> right) << left;
}

/// text_bits of the 64 bytes at `p`; the bytes, folded, go to `folded`.
inline text_bits classify_64(const char* p, unsigned char* folded) noexcept {
  text_bits out = classify_16(p, folded);
  for (unsigned k = 16; k < 64; k += 16) place_part(out, classify_16(p + k, folded + k), k);
  return out;
}

/// text_bits of the last bytes [at, size) of a buffer, fewer than 64, and
/// the bytes folded to `folded`, which has 16 bytes of room before it. No
/// bits past the end. The part that runs past the end is read as the
/// buffer's last 16 bytes, which repeat bytes read already (or, before
/// `at`, bytes of the block before): nothing is read past the end, and
/// nothing is copied unless the whole buffer is shorter than 16 bytes.
inline text_bits classify_tail(const char* data, std::size_t size, std::size_t at, unsigned char* folded) noexcept {
  const std::size_t left = size - at;
  text_bits out = {0, 0, 0};
  std::size_t k = 0;
  for (; k + 16 <= left; k += 16) place_part(out, classify_16(data + at + k, folded + k), k);
  if (k == left) return out;
  if (size < 16) {  // the whole buffer, shorter than one part (at is 0)
    alignas(16) char copy[16] = {};
    std::memcpy(copy, data, size);
    return classify_16(copy, folded);
  }
  const std::size_t from = size - 16;  // at most 15 bytes before at
  if (from >= at) {
    place_part(out, classify_16(data + from, folded + (from - at)), from - at);
  } else {
    place_part(out, classify_16(data + from, folded - (at - from)), 0, at - from);
  }
  return out;
}

/// The low `n` bits set (n may be 64 or more: all of them).
inline std::uint64_t low_bits(std::size_t n) noexcept { return n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1; }

/// Where the text of the line that starts at `line` begins, in reply bytes
/// of `size` bytes: past the code, the separator and a leading enhanced code
/// (the bytes read_reply_text_bytes() skips; the bytes it may place the
/// text's start on differently are CR or LF, never word bytes). `repeats`
/// when the line has a separator and an enhanced code followed by a blank,
/// all in its first 12 bytes: then a line with the same bytes there (the
/// separator aside) has its text at the same place (same_start_as()).
struct line_start {
  std::size_t text;
  bool repeats;
};
inline line_start line_text_start(const char* data, std::size_t size, std::size_t line) noexcept {
  std::size_t text = line;
  for (unsigned k = 0; k < 3 && text < size && data[text] != '\n'; ++k) ++text;
  const bool separated = text < size && (data[text] == ' ' || data[text] == '-');
  if (separated) ++text;
  if (size - text >= 2 && (data[text] == '#' || data[text + 1] == '.')) {
    const std::string_view rest(data + text, size - text);
    const enhanced_at found = read_enhanced_code(rest, rest[0] == '#' ? 1 : 0);
    if (found.code) {
      // The code must end the text (at its CR LF, a bare LF, or the end) or
      // be followed by a blank, which goes with it (match_enhanced_prefix()).
      const std::size_t end = text + found.end;
      if (end == size || data[end] == '\n' || (data[end] == '\r' && (end + 1 == size || data[end + 1] == '\n')))
        return {end, false};
      if (data[end] == ' ' || data[end] == '\t') return {end + 1, separated && end + 1 - line <= 12};
    }
  }
  return {text, false};
}

/// The first line's code and enhanced code, as bytes to compare the next
/// lines' with: most multi-line replies repeat them on every line.
struct repeated_prefix {
  std::size_t length = 0;     // bytes of code, separator, enhanced code and blank; 0: none to compare
  std::uint64_t code = 0;     // the first 3 bytes
  std::uint64_t enhanced = 0; // bytes 4 to length
  std::uint64_t enhanced_mask = 0;
};

inline repeated_prefix first_prefix(const char* data, std::size_t size, line_start first) noexcept {
  repeated_prefix p{};
  if (!first.repeats || size < 12) return p;
  p.length = first.text;
  std::memcpy(&p.code, data, 8);
  p.code &= 0xFFFFFF;
  std::memcpy(&p.enhanced, data + 4, 8);
  p.enhanced_mask = low_byte_masks[p.length - 4];
  p.enhanced &= p.enhanced_mask;
  return p;
}

/// True when the line at `line` starts with the bytes of `p` (any
/// separator): its text starts p.length bytes in, as the first line's.
inline bool same_start_as(const repeated_prefix& p, const char* data, std::size_t size, std::size_t line) noexcept {
  if (p.length == 0 || size - line < 12) return false;
  std::uint64_t code = 0;
  std::uint64_t enhanced = 0;
  std::memcpy(&code, data + line, 8);
  std::memcpy(&enhanced, data + line + 4, 8);
  const unsigned char separator = static_cast<unsigned char>(code >> 24);
  return (code & 0xFFFFFF) == p.code && (separator == ' ' || separator == '-') &&
         (enhanced & p.enhanced_mask) == p.enhanced;
}

/// Reports the words that read_reply_text_bytes() reports, in the same
/// order, reading the reply bytes once, 64 at a time: each block gives its
/// word bytes, digits and line ends, and its bytes folded; the bytes before
/// each line's text are taken out of the word bytes, and each run of word
/// bytes left is a word. The first and last bytes of the runs, and which
/// runs are all digits, are found for the whole block at once, so that each
/// word costs a few instructions and does not wait for the one before. A
/// word that runs to the end of a block is finished in the next, from the
/// bytes themselves.
template <class Sink>
SMTP_REPLY_ALWAYS_INLINE void read_reply_text_blocks(const char* data, std::size_t size, Sink& out) noexcept {
  Sink sink = out;  // a local copy, which the compiler may keep in registers
  // A block's bytes folded, with room before it for classify_tail() and 8
  // bytes after it, so that a word's first chunk can be read at any byte
  // (the bytes past the word are masked off; all start as zeros, so none
  // is ever read uninitialized).
  alignas(16) unsigned char folded_space[16 + 64 + 8] = {};
  unsigned char* const folded = folded_space + 16;
  const line_start first_line = line_text_start(data, size, 0);
  const repeated_prefix prefix = first_prefix(data, size, first_line);
  std::size_t text = first_line.text;
  std::size_t pending = size;  // where a word that runs past the last block began; size: none
  bool pending_number = false;
  for (std::size_t at = 0; at < size; at += 64) {
    const text_bits b = size - at >= 64 ? classify_64(data + at, folded) : classify_tail(data, size, at, folded);
    std::uint64_t word = text > at ? b.word & ~low_bits(text - at) : b.word;
    for (std::uint64_t lf = b.lf; lf != 0; lf &= lf - 1) {
      const std::size_t line = at + SMTP_REPLY_CTZ64(lf) + 1;
      if (line >= size) break;
      text = same_start_as(prefix, data, size, line) ? line + prefix.length : line_text_start(data, size, line).text;
      word &= ~(low_bits(text - at) & ~low_bits(line - at));
    }
    std::uint64_t firsts = word & ~(word << 1);  // the first byte of each run
    std::uint64_t lasts = word & ~(word >> 1);   // the last byte of each run (or bit 63)
    // Adding each all-digit run's first bit carries past its last byte, out
    // of the word bytes (or out of bit 63); a run with another byte stops the carry inside it.
    const std::uint64_t digits = word & b.digit;
    const std::uint64_t carried = digits + (firsts & digits);
    const std::uint64_t number_lasts =
        ((carried & ~word) >> 1) | (std::uint64_t{carried < digits ? 1U : 0U} << 63);
    if (pending != size) {  // the first run, if it starts at bit 0, goes on a word begun before
      if ((word & 1) == 0) {
        add_word_at(data, size, pending, at - pending, pending_number, sink);
      } else if (word == ~std::uint64_t{0} && size - at > 64) {  // the whole block is part of the word
        pending_number = pending_number && (number_lasts >> 63) != 0;
        continue;
      } else {
        const unsigned last = SMTP_REPLY_CTZ64(lasts);
        add_word_at(data, size, pending, at + last + 1 - pending,
                    pending_number && ((number_lasts >> last) & 1U) != 0, sink);
        firsts &= firsts - 1;
        lasts &= lasts - 1;
      }
      pending = size;
    }
    if ((word >> 63) != 0 && size - at > 64) {  // the last run may go on in the next block
      const unsigned first = 63U - SMTP_REPLY_CLZ64(firsts);
      pending = at + first;
      pending_number = (number_lasts >> 63) != 0;
      firsts &= ~(std::uint64_t{1} << first);
      lasts &= ~(std::uint64_t{1} << 63);
    }
    while (firsts != 0) {
      const unsigned first = SMTP_REPLY_CTZ64(firsts);
      const unsigned last = SMTP_REPLY_CTZ64(lasts);
      firsts &= firsts - 1;
      lasts &= lasts - 1;
      const std::size_t length = last + 1U - first;
      const bool is_number = ((number_lasts >> last) & 1U) != 0;
      std::uint64_t chunk = 0;
      std::memcpy(&chunk, folded + first, 8);
      chunk = low_bytes(chunk, length);
      std::uint64_t key = start_key(chunk);
      // A longer word's further chunks come from the folded block too: it
      // ends inside the block, so they are read at most 7 bytes past its end.
      for (std::size_t k = 8; SMTP_REPLY_UNLIKELY(k < length); k += 8) {
        std::uint64_t next = 0;
        std::memcpy(&next, folded + first + k, 8);
        key = extend_key(key, low_bytes(next, length - k));
      }
      sink.add(at + first, length, chunk, key, is_number);
    }
  }
  if (pending != size) add_word_at(data, size, pending, size - pending, pending_number, sink);
  out = sink;
}
#endif

/// What a reader reports words to: the window, with the matcher that marks
/// them. It keeps the window's two counters itself, so that a reader that
/// works on a local copy of it keeps them in registers: the window holds
/// them only while the matcher runs (next_batch(), finish()).
template <class Matcher>
struct window_sink {
  word_window* window;
  Matcher* matcher;
  unsigned count;
  unsigned marked;

  constexpr window_sink(word_window& w, Matcher& m) noexcept
      : window(&w), matcher(&m), count(w.count), marked(w.marked) {}

  /// Adds a word; `matcher.mark(key, first_chunk, is_number)` says whether
  /// (and for what) the matcher looks at it. A full batch is matched.
  SMTP_REPLY_ALWAYS_INLINE constexpr void add(std::size_t begin, std::size_t length, std::uint64_t first_chunk,
                                              std::uint64_t key, bool is_number) noexcept {
    word_window& w = *window;
    const unsigned slot = count;
    w.keys[slot] = key;
    w.first_chunks[slot] = first_chunk;
    w.begins[slot] = begin;
    w.ends[slot] = begin + length;
    w.numbers[slot] = is_number;
    const unsigned mark = matcher->mark(key, first_chunk, is_number);
    w.marked_slots[marked] = static_cast<std::uint16_t>(slot);
    w.marks[marked] = static_cast<std::uint16_t>(mark);
    marked += mark != 0 ? 1U : 0U;
    count = slot + 1;
    if (count == word_window::slots) {
      w.count = count;
      w.marked = marked;
      w.next_batch(*matcher);
      count = w.count;
      marked = w.marked;
    }
  }
  /// Matches what is left of the batch.
  constexpr void finish() noexcept {
    window->count = count;
    window->marked = marked;
    window->match_marked(*matcher);
  }
};

/// Reads the text of every line of the reply bytes `raw` once, word by
/// word, into `window`, and has `matcher` look at the words it marks.
template <class Matcher>
SMTP_REPLY_ALWAYS_INLINE constexpr void read_reply_words(std::string_view raw, word_window& window,
                                                         Matcher& matcher) noexcept {
  window.start(raw.data());
  window_sink<Matcher> sink(window, matcher);
#if SMTP_REPLY_HAS_SSE2 && SMTP_REPLY_HAS_CTZ64 && SMTP_REPLY_HAS_CONSTANT_EVALUATED
  if (!SMTP_REPLY_IS_CONSTANT_EVALUATED()) {
    read_reply_text_blocks(raw.data(), raw.size(), sink);
  } else {
    read_reply_text_bytes(raw.data(), raw.size(), sink);
  }
#else
  read_reply_text_bytes(raw.data(), raw.size(), sink);
#endif
  sink.finish();
}

/// read_reply_words() at run time, with a window that is not cleared first
/// (the matcher reads only the words added).
template <class Matcher>
inline void read_reply_words_uncleared(std::string_view raw, Matcher& matcher) noexcept {
  word_window window;  // NOLINT(cppcoreguidelines-pro-type-member-init): written before it is read
  read_reply_words(raw, window, matcher);
}

/// Reads the words of `raw` and has `matcher` look at those it marks:
/// `matcher.mark(key, first_chunk, is_number)` gives the marks of a word
/// (0: none), `matcher.match(window, marks)` looks at a marked word, the
/// window's newest.
template <class Matcher>
constexpr void scan_words(std::string_view raw, Matcher& matcher) noexcept {
#if SMTP_REPLY_HAS_CONSTANT_EVALUATED
  if (!SMTP_REPLY_IS_CONSTANT_EVALUATED()) {
    read_reply_words_uncleared(raw, matcher);
    return;
  }
#endif
  word_window window{};
  read_reply_words(raw, window, matcher);
}

/// The matcher of one table, for match_rules().
template <class Table>
struct table_matcher {
  const Table& table;
  rule_origin origin;
  rule_match& best;
  SMTP_REPLY_ALWAYS_INLINE constexpr unsigned mark(std::uint64_t key, std::uint64_t first_chunk,
                                                   bool is_number) const noexcept {
    return mark_word(table, key, first_chunk, is_number);
  }
  constexpr void match(const word_window& window, unsigned marks) const noexcept {
    match_marked_word(table, window, marks, origin, best);
  }
};

}  // namespace detail

/**
 * The best rule of `rules` found in the text of `r` (all lines, joined by a
 * separator): highest strength, then most words, then earliest in the text,
 * then first in the table. Reads the text once. Never throws or allocates.
 */
constexpr rule_match match_rules(const reply& r, const rule_table& rules,
                                 rule_origin origin = rule_origin::user) noexcept {
  rule_match best{};
  detail::table_matcher<rule_table> matcher{rules, origin, best};
  detail::scan_words(r.raw, matcher);
  return best;
}

}  // namespace smtp_reply

#endif  // SMTP_REPLY_RULES_HPP
