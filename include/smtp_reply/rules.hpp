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
 * At most 8 words.
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
  std::uint8_t count = 0;  // 0: the phrase is invalid and never matches
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
  if (out.count == 0) return compiled_phrase{};
  return out;
}

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
    for (std::size_t i = 0; i < N; ++i) {
      rules_[i] = rules[i];
      compiled_[i] = detail::compile_phrase(rules[i].phrase);
      if (compiled_[i].count == 0) continue;
      if (compiled_[i].last_is_prefix) prefix_lengths_ |= std::uint64_t{1} << compiled_[i].prefix_length;
      const std::uint64_t key = compiled_[i].key();
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
      }
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
  /// The compiled form of rule `index`. For the matcher.
  constexpr const detail::compiled_phrase& compiled(std::size_t index) const noexcept { return compiled_[index]; }
  /// Bit n set when some rule's last word is a prefix of n bytes. For the matcher.
  constexpr std::uint64_t prefix_lengths() const noexcept { return prefix_lengths_; }

 private:
  text_rule rules_[N] = {};
  detail::compiled_phrase compiled_[N] = {};
  // The hash index: open addressing, linear probing. Heads apart from keys,
  // so a probe that finds an empty slot (most do) reads only the small heads
  // array, which stays in the L1 cache.
  std::uint16_t heads_[table_size] = {};
  std::uint64_t keys_[table_size] = {};
  std::uint64_t prefix_lengths_ = 0;
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
  word words[max_phrase_words] = {};
  std::size_t total = 0;  // words seen so far

  constexpr const word& back(std::size_t k) const noexcept {  // k = 0: the newest
    return words[(total - 1 - k) % max_phrase_words];
  }
  constexpr void push(const word& w) noexcept {
    words[total % max_phrase_words] = w;
    ++total;
  }
};

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
  for (std::uint16_t i = head; i != no_rule; i = set.compiled(i).next) {
    const compiled_phrase& p = set.compiled(i);
    if (p.count > window.total) continue;
    bool ok = true;
    for (std::size_t j = 1; j < p.count && ok; ++j) {  // j words back from the newest
      const word_window::word& w = window.back(j);
      const std::uint64_t want = p.words[p.count - 1 - j];
      ok = want == number_key ? w.is_number : w.hash == want;
    }
    if (!ok) continue;
    rule_match m{};
    m.index = i;
    m.origin = origin;
    m.matched = true;
    m.reason = set[i].reason;
    m.strength = set[i].strength;
    m.words = p.count;
    m.begin = window.back(p.count - 1).begin;
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
    const std::size_t base = static_cast<std::size_t>(text.data() - raw.data());
    std::size_t i = 0;
    while (i < text.size()) {
      unsigned char c = word_bytes.map[static_cast<unsigned char>(text[i])];
      if (c == 0) {
        ++i;
        continue;
      }
      word_window::word w{};
      w.begin = base + i;
      w.hash = fnv_offset;
      w.is_number = true;
      std::size_t length = 0;
      do {
        w.hash = hash_step(w.hash, c);
        w.is_number = w.is_number && c >= '0' && c <= '9';
        ++length;
        if (length <= max_prefix_length) prefix_hashes[length] = w.hash;
        ++i;
        c = i < text.size() ? word_bytes.map[static_cast<unsigned char>(text[i])] : 0;
      } while (c != 0);
      w.end = base + i;
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
