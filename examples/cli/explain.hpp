// smtp-reply: `explain CODE [ENHANCED]`, what a reply says, for a person.
#ifndef SMTP_REPLY_CLI_EXPLAIN_HPP
#define SMTP_REPLY_CLI_EXPLAIN_HPP

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace cli {

/**
 * Prints to `out` what reply code `code` (three digits, 2xx to 5xx) and, when
 * given, the enhanced status code `enhanced` (RFC 3463, `5.7.26`) mean, and
 * what a sender should do. Returns false, with a one-line message in
 * `problem`, when either is malformed; nothing is printed then.
 */
bool explain(std::FILE* out, std::string_view code, std::optional<std::string_view> enhanced,
             std::string& problem);

}  // namespace cli

#endif  // SMTP_REPLY_CLI_EXPLAIN_HPP
