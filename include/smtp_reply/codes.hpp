// smtp_reply: basic reply codes (RFC 5321 section 4.2) and their class.
#ifndef SMTP_REPLY_CODES_HPP
#define SMTP_REPLY_CODES_HPP

#include <cstdint>
#include <string_view>

namespace smtp_reply {

/**
 * What the first digit of a reply code says to do (RFC 5321 section 4.2.1);
 * names as in taxonomy.md.
 */
enum class reply_class : std::uint8_t {
  success,       ///< 2yz: the command was accepted
  intermediate,  ///< 3yz: accepted, more input expected (354, 334)
  transient,     ///< 4yz: not accepted now; the same command may succeed later
  permanent,     ///< 5yz: not accepted; repeating it unchanged will fail again
};

/** The stable name of a class: `success`, `intermediate`, `transient`, `permanent`. */
constexpr std::string_view to_string(reply_class c) noexcept {
  switch (c) {
    case reply_class::success: return "success";
    case reply_class::intermediate: return "intermediate";
    case reply_class::transient: return "transient";
    case reply_class::permanent: return "permanent";
  }
  return "permanent";
}

/**
 * The class of a reply code from its first digit (RFC 5321 section 4.2.1).
 * Codes outside 200..599 are treated as permanent, the safe reading.
 */
constexpr reply_class class_of(std::uint16_t code) noexcept {
  switch (code / 100) {
    case 2: return reply_class::success;
    case 3: return reply_class::intermediate;
    case 4: return reply_class::transient;
    default: return reply_class::permanent;
  }
}

}  // namespace smtp_reply

// BASIC CODE TABLE GOES BELOW (reply_code_info, the table, lookups).

#endif  // SMTP_REPLY_CODES_HPP
