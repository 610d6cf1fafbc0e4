// smtp_reply: text rules. A rule is a case-insensitive phrase that names a
// reason; a rule set is a constexpr table of them with its lookup index built
// at compile time; the matcher reads a reply's text once and reports the best
// rule that matched.
#ifndef SMTP_REPLY_RULES_HPP
#define SMTP_REPLY_RULES_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

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

inline constexpr std::uint64_t fnv_offset = 14695981039346656037ULL;
inline constexpr std::uint64_t fnv_prime = 1099511628211ULL;
/// The table key of a `#` word (any all-digit word).
inline constexpr std::uint64_t number_key = 0x9E3779B97F4A7C15ULL;
/// Mixed into the key of a prefix (`word*`) so it never equals a whole word's.
inline constexpr std::uint64_t prefix_salt = 0xC2B2AE3D27D4EB4FULL;
inline constexpr std::size_t max_phrase_words = 8;
/// The token of a `~` in a phrase: any 0 to max_gap_words words.
inline constexpr std::uint64_t gap_key = 0x94D049BB133111EBULL;
/// In a rule set's chain index: no token to check before the last one.
inline constexpr std::uint64_t any_token = 0;
inline constexpr std::size_t max_gap_words = 2;
/// Words the matcher keeps: a phrase of 8 tokens with gaps spans at most
/// 5 words and 3 gaps of 2 words, 11 in all.
inline constexpr std::size_t window_words = 16;
inline constexpr std::size_t max_prefix_length = 32;
inline constexpr std::uint16_t no_rule = 0xFFFF;

constexpr std::uint64_t hash_step(std::uint64_t h, unsigned char c) noexcept {
  return (h ^ c) * fnv_prime;
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

/// A phrase turned into word hashes, as the matcher compares them.
struct compiled_phrase {
  std::uint64_t words[max_phrase_words] = {};
  std::uint8_t count = 0;  // tokens, gaps included; 0: the phrase is invalid and never matches
  std::uint8_t gaps = 0;   // `~` tokens among them
  bool last_is_prefix = false;
  std::uint8_t prefix_length = 0;
  std::uint16_t next = no_rule;  // next rule with the same key

  constexpr std::uint64_t key() const noexcept {
    const std::uint64_t last = words[count - 1];
    return last_is_prefix ? last ^ prefix_salt : last;
  }
};

/// Tokenizes a phrase by the rules of `text_rule`; count 0 when it breaks them.
constexpr compiled_phrase compile_phrase(std::string_view phrase) noexcept {
  compiled_phrase out{};
  std::size_t i = 0;
  while (i < phrase.size()) {
    const unsigned char c = static_cast<unsigned char>(phrase[i]);
    if (c == '~') {
      // A gap: not first, not after another gap (it is checked not to be last below).
      if (out.count == 0 || out.count == max_phrase_words || out.last_is_prefix ||
          out.words[out.count - 1] == gap_key)
        return compiled_phrase{};
      out.words[out.count++] = gap_key;
      ++out.gaps;
      ++i;
      continue;
    }
    if (c == '#' || word_bytes.map[c] != 0) {
      if (out.count == max_phrase_words || out.last_is_prefix) return compiled_phrase{};
      if (c == '#') {
        out.words[out.count++] = number_key;
        ++i;
        continue;
      }
      std::uint64_t h = fnv_offset;
      std::size_t length = 0;
      while (i < phrase.size() && word_bytes.map[static_cast<unsigned char>(phrase[i])] != 0) {
        h = hash_step(h, word_bytes.map[static_cast<unsigned char>(phrase[i])]);
        ++i;
        ++length;
      }
      out.words[out.count++] = h;
      if (i < phrase.size() && phrase[i] == '*') {
        if (length > max_prefix_length) return compiled_phrase{};
        out.last_is_prefix = true;
        out.prefix_length = static_cast<std::uint8_t>(length);
        ++i;
      }
    } else {
      ++i;
    }
  }
  if (out.count == 0 || out.words[out.count - 1] == gap_key) return compiled_phrase{};
  return out;
}

/// The hashes of the first 1, 2 and 3 bytes of the last word of a phrase
/// whose last word is a prefix (`word*`) of `length` bytes, as many as it
/// has: what the matcher holds in prefix_hashes[1..3] for a word that starts
/// the same way.
struct word_heads {
  std::uint64_t hash[3] = {};
};
constexpr word_heads last_word_heads(std::string_view phrase, std::size_t length) noexcept {
  std::size_t start = 0;
  for (std::size_t i = 0; i < phrase.size() && phrase[i] != '*'; ++i) {
    const bool word = word_bytes.map[static_cast<unsigned char>(phrase[i])] != 0;
    if (word && (i == 0 || word_bytes.map[static_cast<unsigned char>(phrase[i - 1])] == 0)) start = i;
  }
  word_heads out{};
  std::uint64_t h = fnv_offset;
  for (std::size_t k = 0; k < 3 && k < length; ++k) {
    h = hash_step(h, word_bytes.map[static_cast<unsigned char>(phrase[start + k])]);
    out.hash[k] = h;
  }
  return out;
}

/// The bit of a rule set's prefix filter for a head hash (its top 12 bits).
constexpr std::size_t prefix_filter_bit(std::uint64_t head) noexcept { return static_cast<std::size_t>(head >> 52); }

constexpr std::size_t rule_table_size(std::size_t rules) noexcept {
  std::size_t size = 16;
  while (size < 2 * rules) size *= 2;
  return size;
}

}  // namespace detail

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
  /** Number of slots of the hash index (a power of two, at least twice N). */
  static constexpr std::size_t table_size = detail::rule_table_size(N);

  /** Compiles `rules`; invalid phrases (see `text_rule`) never match: check `valid()`. */
  constexpr explicit rule_set(const text_rule (&rules)[N]) noexcept {
    for (std::uint16_t& head : heads_) head = detail::no_rule;
    // Prefix filters for heads of 1, 2 and 3 bytes; the one as long as the
    // shortest prefix (or 3) is kept.
    std::uint64_t filters[3][64] = {};
    for (std::size_t i = 0; i < N; ++i) {
      rules_[i] = rules[i];
      // Read from a local: reading members of the array being built back is
      // slow in g++'s constant evaluator (it was most of the compile time).
      const detail::compiled_phrase phrase = detail::compile_phrase(rules[i].phrase);
      compiled_[i] = phrase;
      if (phrase.count == 0) continue;
      if (phrase.last_is_prefix) {
        prefix_lengths_ |= std::uint64_t{1} << phrase.prefix_length;
        const std::uint8_t n = phrase.prefix_length < 3 ? phrase.prefix_length : std::uint8_t{3};
        if (prefix_head_length_ == 0 || n < prefix_head_length_) prefix_head_length_ = n;
        const detail::word_heads heads = detail::last_word_heads(rules[i].phrase, n);
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t bit = detail::prefix_filter_bit(heads.hash[k]);
          filters[k][bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
      }
      chain_next_[i] = detail::no_rule;
      chain_before_[i] = phrase.count >= 2 && phrase.words[phrase.count - 2] != detail::gap_key
                             ? phrase.words[phrase.count - 2]
                             : detail::any_token;
      const std::uint64_t key = phrase.key();
      std::size_t at = static_cast<std::size_t>(key) & (table_size - 1);
      while (heads_[at] != detail::no_rule && keys_[at] != key) at = (at + 1) & (table_size - 1);
      // Appending keeps chains in table order, so equal matches resolve to the earlier rule.
      if (heads_[at] == detail::no_rule) {
        keys_[at] = key;
        heads_[at] = static_cast<std::uint16_t>(i);
      } else {
        std::size_t tail = heads_[at];
        while (compiled_[tail].next != detail::no_rule) tail = compiled_[tail].next;
        compiled_[tail].next = static_cast<std::uint16_t>(i);
        chain_next_[tail] = static_cast<std::uint16_t>(i);
      }
    }
    if (prefix_head_length_ != 0) {
      for (std::size_t w = 0; w < 64; ++w) prefix_filter_[w] = filters[prefix_head_length_ - 1][w];
    }
  }

  /** Number of rules. */
  static constexpr std::size_t size() noexcept { return N; }
  /** The rule at `index`, as given. */
  constexpr const text_rule& operator[](std::size_t index) const noexcept { return rules_[index]; }
  /** True when every phrase follows the syntax of `text_rule`. */
  constexpr bool valid() const noexcept {
    for (std::size_t i = 0; i < N; ++i)
      if (compiled_[i].count == 0) return false;
    return true;
  }
  /** Index of the first invalid phrase, or size() when all are valid. */
  constexpr std::size_t first_invalid() const noexcept {
    for (std::size_t i = 0; i < N; ++i)
      if (compiled_[i].count == 0) return i;
    return N;
  }

  /// The first rule whose key is `key`, or no_rule. For the matcher.
  constexpr std::uint16_t find(std::uint64_t key) const noexcept {
    std::size_t at = static_cast<std::size_t>(key) & (table_size - 1);
    while (heads_[at] != detail::no_rule) {
      if (keys_[at] == key) return heads_[at];
      at = (at + 1) & (table_size - 1);
    }
    return detail::no_rule;
  }
  /// The next rule of `index`'s chain (same key), or no_rule. For the matcher.
  constexpr std::uint16_t chain_next(std::size_t index) const noexcept { return chain_next_[index]; }
  /// The token before the last one of rule `index`, or any_token when there
  /// is none or it is a gap. For the matcher.
  constexpr std::uint64_t chain_before(std::size_t index) const noexcept { return chain_before_[index]; }
  /// The compiled form of rule `index`. For the matcher.
  constexpr const detail::compiled_phrase& compiled(std::size_t index) const noexcept { return compiled_[index]; }
  /// Bit n set when some rule's last word is a prefix of n bytes. For the matcher.
  constexpr std::uint64_t prefix_lengths() const noexcept { return prefix_lengths_; }
  /// False when no prefix rule can match a word of `length` bytes whose
  /// prefix hashes are `prefix_hashes`: a filter on the word's first bytes
  /// with no false negatives, so most words skip the prefix probes. For the
  /// matcher.
  constexpr bool may_match_prefix(std::size_t length, const std::uint64_t* prefix_hashes) const noexcept {
    if (prefix_head_length_ == 0 || length < prefix_head_length_) return false;
    const std::size_t bit = detail::prefix_filter_bit(prefix_hashes[prefix_head_length_]);
    return ((prefix_filter_[bit / 64] >> (bit % 64)) & 1U) != 0;
  }

 private:
  text_rule rules_[N] = {};
  detail::compiled_phrase compiled_[N] = {};
  // A compact copy of what a chain walk reads first: the next rule with the
  // same key, and the token the window's second newest word must match.
  // Most rules of a long chain ("... rejected", "... unknown") are passed
  // over on these without reading their 72-byte compiled phrase.
  std::uint16_t chain_next_[N] = {};
  std::uint64_t chain_before_[N] = {};
  // The hash index: open addressing, linear probing. Heads apart from keys,
  // so a probe that finds an empty slot (most do) reads only the small heads
  // array, which stays in the L1 cache.
  std::uint16_t heads_[table_size] = {};
  std::uint64_t keys_[table_size] = {};
  std::uint64_t prefix_lengths_ = 0;
  // 4096 bits, one set for each prefix rule's head; 0 when there are no
  // prefix rules, else the bytes a head takes (the shortest prefix, at most 3).
  std::uint64_t prefix_filter_[64] = {};
  std::uint8_t prefix_head_length_ = 0;
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

/// The words most recently read, enough to check any phrase ending at the current word.
struct word_window {
  struct word {
    std::uint64_t hash = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool is_number = false;
  };
  word words[window_words] = {};
  std::size_t total = 0;  // words seen so far

  constexpr const word& back(std::size_t k) const noexcept {  // k = 0: the newest
    return words[(total - 1 - k) % window_words];
  }
  /// True when the word `k` back from the newest is still held.
  constexpr bool holds(std::size_t k) const noexcept { return k < total && k < window_words; }
  constexpr void push(const word& w) noexcept {
    words[total % window_words] = w;
    ++total;
  }
};

constexpr bool token_matches(std::uint64_t token, const word_window::word& w) noexcept {
  return token == number_key ? w.is_number : w.hash == token;
}

/// Token `t` of `p` stands at the word `k` back from the newest; matches the
/// tokens before it, walking back through the window. Returns how far back
/// the phrase's first word stands, or window_words when it does not match.
/// A gap tries its lengths shortest first, so the tightest match is found.
constexpr std::size_t match_back(const compiled_phrase& p, const word_window& window, std::size_t t,
                                 std::size_t k) noexcept {
  if (t == 0) return k;
  if (p.words[t - 1] != gap_key) {
    if (!window.holds(k + 1) || !token_matches(p.words[t - 1], window.back(k + 1))) return window_words;
    return match_back(p, window, t - 1, k + 1);
  }
  for (std::size_t skip = 0; skip <= max_gap_words; ++skip) {
    const std::size_t at = k + 1 + skip;
    if (!window.holds(at)) break;
    if (!token_matches(p.words[t - 2], window.back(at))) continue;
    const std::size_t first = match_back(p, window, t - 2, at);
    if (first != window_words) return first;
  }
  return window_words;
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

/// Checks the rules of the chain that starts at `head` against the window.
template <std::size_t N>
constexpr void match_chain(const rule_set<N>& set, std::uint16_t head, const word_window& window,
                           rule_origin origin, rule_match& best) noexcept {
  for (std::uint16_t i = head; i != no_rule; i = set.chain_next(i)) {
    // The token before the last must match the word before the newest (a
    // condition of match_back() below), unless it is a gap or there is none.
    const std::uint64_t before = set.chain_before(i);
    if (before != any_token && (window.total < 2 || !token_matches(before, window.back(1)))) continue;
    const compiled_phrase& p = set.compiled(i);
    if (static_cast<std::size_t>(p.count - p.gaps) > window.total) continue;
    const std::size_t first = match_back(p, window, p.count - 1u, 0);
    if (first == window_words) continue;
    rule_match m{};
    m.index = i;
    m.origin = origin;
    m.matched = true;
    m.reason = set[i].reason;
    m.strength = set[i].strength;
    m.words = static_cast<std::uint8_t>(p.count - p.gaps);
    m.begin = window.back(first).begin;
    m.end = window.back(0).end;
    if (best.beaten_by(m)) best = m;
  }
}

template <std::size_t N>
constexpr void match_word(const rule_set<N>& set, const word_window& window,
                          const std::uint64_t* prefix_hashes, std::size_t length, rule_origin origin,
                          rule_match& best) noexcept {
  // Most probes find no rule: look the key up here, where it inlines, and
  // walk a chain only when there is one.
  const word_window::word& w = window.back(0);
  std::uint16_t head = set.find(w.hash);
  if (head != no_rule) match_chain(set, head, window, origin, best);
  if (w.is_number) {
    head = set.find(number_key);
    if (head != no_rule) match_chain(set, head, window, origin, best);
  }
  if (!set.may_match_prefix(length, prefix_hashes)) return;
  std::uint64_t lengths = set.prefix_lengths();
  const std::size_t longest = length < max_prefix_length ? length : max_prefix_length;
  if (longest < 63) lengths &= (std::uint64_t{1} << (longest + 1)) - 1;
  while (lengths != 0) {
    const std::size_t n = lowest_bit(lengths);
    lengths &= lengths - 1;
    head = set.find(prefix_hashes[n] ^ prefix_salt);
    if (head != no_rule) match_chain(set, head, window, origin, best);
  }
}

/// Reads the text of every line of `r` once, word by word, and reports each
/// word to `on_word(window, prefix_hashes, length)`.
template <class OnWord>
constexpr void scan_words(std::string_view raw, OnWord&& on_word) noexcept {
  word_window window{};
  std::uint64_t prefix_hashes[max_prefix_length + 1] = {};
  line_range lines(raw);
  for (const reply_line& line : lines) {
    const std::string_view text = line.text;
    std::size_t i = static_cast<std::size_t>(text.data() - raw.data());
    const std::size_t end = i + text.size();
    // In a parsed reply the text is followed by its CR or LF, a byte that
    // ends any word: then the word loop needs no bounds check.
    const bool stopper = end < raw.size() && word_bytes.map[static_cast<unsigned char>(raw[end])] == 0;
    while (i < end) {
      unsigned char c = word_bytes.map[static_cast<unsigned char>(raw[i])];
      if (c == 0) {
        ++i;
        continue;
      }
      word_window::word w{};
      w.begin = i;
      w.hash = fnv_offset;
      std::size_t length = 0;
      if (stopper) {
        do {
          w.hash = hash_step(w.hash, c);
          ++length;
          if (length <= max_prefix_length) prefix_hashes[length] = w.hash;
          c = word_bytes.map[static_cast<unsigned char>(raw[++i])];
        } while (c != 0);
      } else {
        do {
          w.hash = hash_step(w.hash, c);
          ++length;
          if (length <= max_prefix_length) prefix_hashes[length] = w.hash;
          c = ++i < end ? word_bytes.map[static_cast<unsigned char>(raw[i])] : 0;
        } while (c != 0);
      }
      w.end = i;
      // All digits? Only a word that starts with one needs a second look.
      w.is_number = is_digit(raw[w.begin]);
      for (std::size_t k = w.begin + 1; w.is_number && k < i; ++k) w.is_number = is_digit(raw[k]);
      window.push(w);
      on_word(window, static_cast<const std::uint64_t*>(prefix_hashes), length);
    }
  }
}

}  // namespace detail

/**
 * The best rule of `rules` found in the text of `r` (all lines, joined by a
 * separator): highest strength, then most words, then earliest in the text,
 * then first in the table. Reads the text once. Never throws or allocates.
 */
template <std::size_t N>
constexpr rule_match match_rules(const reply& r, const rule_set<N>& rules,
                                 rule_origin origin = rule_origin::user) noexcept {
  rule_match best{};
  detail::scan_words(r.raw, [&](const detail::word_window& window, const std::uint64_t* prefixes,
                                std::size_t length) {
    detail::match_word(rules, window, prefixes, length, origin, best);
  });
  return best;
}

}  // namespace smtp_reply

#endif  // SMTP_REPLY_RULES_HPP
