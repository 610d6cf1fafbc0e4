#include "report.hpp"

#include <cstddef>

#include <smtp_reply/classify.hpp>

#include "text.hpp"

namespace cli {
namespace {

// Table layout: every column but the text is as wide as its widest possible
// value (taxonomy.md's names), so rows line up without buffering the input.
constexpr std::size_t offset_width = 8;
constexpr std::size_t code_width = 4;
constexpr std::size_t enhanced_width = 9;  // 5.999.999
constexpr std::size_t class_width = 12;    // intermediate
constexpr std::size_t reason_width = 19;   // too_many_recipients
constexpr std::size_t action_width = 18;   // suppress_recipient
constexpr std::string_view gap = "  ";

constexpr std::size_t longest_reason_name() {
  std::size_t longest = 0;
  for (std::size_t i = 0; i < smtp_reply::reason_count; ++i) {
    const std::size_t n = smtp_reply::to_string(static_cast<smtp_reply::reason>(i)).size();
    if (n > longest) longest = n;
  }
  return longest;
}
constexpr std::size_t longest_action_name() {
  std::size_t longest = 0;
  constexpr auto last = static_cast<unsigned>(smtp_reply::action::do_not_retry);
  for (unsigned i = 0; i <= last; ++i) {
    const std::size_t n = smtp_reply::to_string(static_cast<smtp_reply::action>(i)).size();
    if (n > longest) longest = n;
  }
  return longest;
}
static_assert(reason_width >= longest_reason_name() && action_width >= longest_action_name(),
              "a table column is narrower than the names it holds");
static_assert(report::columns_before_text == offset_width + code_width + enhanced_width + class_width +
                                                 reason_width + action_width + 6 * gap.size());

void pad_right(std::string& out, std::string_view cell, std::size_t width) {
  out += cell;
  if (cell.size() < width) out.append(width - cell.size(), ' ');
  out += gap;
}

void pad_left(std::string& out, std::string_view cell, std::size_t width) {
  if (cell.size() < width) out.append(width - cell.size(), ' ');
  out += cell;
  out += gap;
}

/// The JSON object `classify` prints for a reply, without the newline (cli.md).
void append_json(std::string& out, std::uint64_t offset, const smtp_reply::reply& reply,
                 const smtp_reply::classification& c) {
  out += "{\"offset\":";
  out += std::to_string(offset);
  out += ",\"code\":";
  out += std::to_string(reply.code);
  out += ",\"enhanced\":";
  if (reply.enhanced) {
    out += '"';
    out += smtp_reply::to_string(reply.enhanced).view();
    out += '"';
  } else {
    out += "null";
  }
  out += ",\"class\":\"";
  out += smtp_reply::to_string(c.reply_class);
  out += "\",\"reason\":\"";
  out += smtp_reply::to_string(c.reason);
  out += "\",\"action\":\"";
  out += smtp_reply::to_string(c.action);
  out += "\",\"lines\":[";
  bool first = true;
  for (const smtp_reply::reply_line& line : reply.lines()) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, line.text);
  }
  out += "],\"diagnostics\":[";
  first = true;
  for (const smtp_reply::diagnostic d : smtp_reply::all_diagnostics) {
    if (!reply.diagnostics.has(d)) continue;
    if (!first) out += ',';
    first = false;
    out += '"';
    out += smtp_reply::to_string(d);
    out += '"';
  }
  out += "]}";
}

}  // namespace

report::report(std::FILE* out, output_format format, std::size_t text_width)
    : out_(out), format_(format), text_width_(text_width) {}

void report::begin_input(std::string_view name, bool several_inputs) {
  if (format_ != output_format::table) return;
  if (several_inputs) {
    line_.clear();
    if (header_written_) line_ += '\n';
    line_ += "==> ";
    line_ += name == "-" ? std::string_view("standard input") : name;
    line_ += " <==";
    write_line();
  }
  line_.clear();
  pad_left(line_, "OFFSET", offset_width);
  pad_right(line_, "CODE", code_width);
  pad_right(line_, "ENHANCED", enhanced_width);
  pad_right(line_, "CLASS", class_width);
  pad_right(line_, "REASON", reason_width);
  pad_right(line_, "ACTION", action_width);
  line_ += "TEXT";
  write_line();
  header_written_ = true;
}

void report::on_reply(std::uint64_t offset, const smtp_reply::reply& reply) {
  const smtp_reply::classification c = smtp_reply::classify(reply);
  line_.clear();
  if (format_ == output_format::jsonl) {
    append_json(line_, offset, reply, c);
    write_line();
    return;
  }
  pad_left(line_, std::to_string(offset), offset_width);
  pad_right(line_, std::to_string(reply.code), code_width);
  pad_right(line_, reply.enhanced ? smtp_reply::to_string(reply.enhanced).view() : "-", enhanced_width);
  pad_right(line_, smtp_reply::to_string(c.reply_class), class_width);
  pad_right(line_, smtp_reply::to_string(c.reason), reason_width);
  pad_right(line_, smtp_reply::to_string(c.action), action_width);
  std::string more;  // how many lines the row does not show
  if (reply.line_count > 1) {
    more = " (+" + std::to_string(reply.line_count - 1) + (reply.line_count == 2 ? " line)" : " lines)");
  }
  const std::size_t room = text_width_ > more.size() ? text_width_ - more.size() : 1;
  append_cell_text(line_, reply.lines().begin()->text, room);
  line_ += more;
  if (!reply.diagnostics.empty()) {
    line_ += "  [";
    bool first = true;
    for (const smtp_reply::diagnostic d : smtp_reply::all_diagnostics) {
      if (!reply.diagnostics.has(d)) continue;
      if (!first) line_ += ", ";
      first = false;
      line_ += smtp_reply::to_string(d);
    }
    line_ += ']';
  }
  write_line();
}

void report::on_error(std::uint64_t offset, smtp_reply::parse_status error) {
  line_.clear();
  if (format_ == output_format::jsonl) {
    line_ += "{\"offset\":";
    line_ += std::to_string(offset);
    line_ += ",\"error\":\"";
    line_ += smtp_reply::to_string(error);
    line_ += "\"}";
  } else {
    pad_left(line_, std::to_string(offset), offset_width);
    line_ += "error: ";
    line_ += smtp_reply::to_string(error);
    line_ += error == smtp_reply::parse_status::incomplete ? " (input ends inside this reply)"
                                                           : " (skipped to the next line)";
  }
  write_line();
}

void report::before_read() { std::fflush(out_); }

void report::write_line() {
  line_ += '\n';
  std::fwrite(line_.data(), 1, line_.size(), out_);
}

}  // namespace cli
