// smtp-reply: reply text made safe to print. A reply's text is raw bytes off
// the wire (8-bit, maybe not UTF-8); these helpers turn it into a JSON string
// or a terminal cell that is valid UTF-8 whatever the input.
#ifndef SMTP_REPLY_CLI_TEXT_HPP
#define SMTP_REPLY_CLI_TEXT_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace cli {

/**
 * Appends `bytes` to `out` as a JSON string, quotes included (RFC 8259).
 * Well-formed UTF-8 is copied; each maximal ill-formed subsequence becomes
 * U+FFFD (Unicode 15, section 3.9); control characters are escaped.
 */
void append_json_string(std::string& out, std::string_view bytes);

/**
 * Appends `bytes` to `out` for a table cell: valid UTF-8 (as above), every
 * control character shown as a space, cut to at most `max_columns` characters
 * with a final "…" when longer. Returns the number of characters appended
 * (one per code point: good enough for the Latin text replies carry).
 */
std::size_t append_cell_text(std::string& out, std::string_view bytes, std::size_t max_columns);

}  // namespace cli

#endif  // SMTP_REPLY_CLI_TEXT_HPP
