// smtp-reply: the library's command-line example (contract: cli.md).
//
//   smtp-reply classify [--strict] [--format=jsonl|table] [FILE...]
//   smtp-reply explain CODE [ENHANCED]
//   smtp-reply --help | --version
//
// This file reads the arguments and opens the inputs; reader.cpp streams the
// replies through the parser, report.cpp prints them, explain.cpp explains.
// POSIX (open, read, isatty), like the systems that run mail servers.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smtp_reply/parse.hpp>
#include <smtp_reply/version.hpp>

#include "explain.hpp"
#include "reader.hpp"
#include "report.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_unparsed = 1;  // at least one reply did not parse
constexpr int exit_usage = 2;     // usage error or unreadable input

constexpr std::string_view help_text =
    "Usage: smtp-reply classify [--strict] [--format=jsonl|table] [FILE...]\n"
    "       smtp-reply explain CODE [ENHANCED]\n"
    "       smtp-reply --help | --version\n"
    "\n"
    "Parses and classifies SMTP replies (RFC 5321, RFC 3463).\n"
    "\n"
    "classify  Reads replies back to back, as a client reads them off the wire,\n"
    "          from each FILE in turn, or from standard input when no FILE is\n"
    "          given or FILE is '-', and prints one result per reply: its offset,\n"
    "          codes, class, reason, recommended action, text and diagnostics.\n"
    "  --strict        parse RFC 5321 to the letter: 512-octet lines, CRLF only,\n"
    "                  one code per reply, no second digit above 5\n"
    "  --format=jsonl  one JSON object per line (the default unless standard\n"
    "                  output is a terminal)\n"
    "  --format=table  aligned columns (the default on a terminal)\n"
    "\n"
    "explain   Tells what a reply code and an optional enhanced status code mean\n"
    "          and what to do about them, e.g. 'smtp-reply explain 550 5.7.26'.\n"
    "\n"
    "Exit status: 0 when every reply parsed, 1 when some reply did not, 2 on a\n"
    "usage error or an unreadable file.\n"
    "\n"
    "Environment: SMTP_REPLY_CLI_READ_SIZE=N makes classify read N bytes at a\n"
    "time instead of 64 KiB; a testing aid for the incremental parser (the\n"
    "output must not change).\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "smtp-reply: %s (see 'smtp-reply --help')\n", message.c_str());
  return exit_usage;
}

bool is_help(std::string_view arg) { return arg == "--help" || arg == "-h"; }

bool is_terminal(std::FILE* f) { return ::isatty(::fileno(f)) != 0; }

/// Characters of reply text a table row shows: what the terminal leaves
/// after the other columns, when stdout is a terminal of known width.
std::size_t table_text_width() {
  std::size_t columns = 0;
  struct winsize size {};
  if (is_terminal(stdout) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) columns = size.ws_col;
  constexpr std::size_t narrowest = 30;
  constexpr std::size_t widest = 200;
  if (columns == 0) return cli::report::default_text_width;
  if (columns < cli::report::columns_before_text + narrowest + 1) return narrowest;  // rows will wrap
  const std::size_t room = columns - cli::report::columns_before_text - 1;
  return room < widest ? room : widest;
}

/// SMTP_REPLY_CLI_READ_SIZE, or the default; 0 when it is set but not a size.
std::size_t read_size_from_environment() {
  const char* value = std::getenv("SMTP_REPLY_CLI_READ_SIZE");
  if (value == nullptr || *value == '\0') return cli::default_read_size;
  char* end = nullptr;
  errno = 0;
  const unsigned long long n = std::strtoull(value, &end, 10);
  constexpr unsigned long long largest = 1ULL << 24;
  if (errno != 0 || *end != '\0' || *value == '-' || n == 0 || n > largest) return 0;
  return static_cast<std::size_t>(n);
}

/// An input opened for reading, closed when it goes out of scope.
class input_file {
 public:
  /** Opens `name` (`-`: standard input); on failure `error()` is the errno. */
  explicit input_file(std::string_view name) {
    if (name == "-") {
      fd_ = 0;
      return;
    }
    fd_ = ::open(std::string(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      error_ = errno;
      return;
    }
    struct stat info {};
    if (::fstat(fd_, &info) == 0 && S_ISDIR(info.st_mode)) error_ = EISDIR;
  }
  ~input_file() {
    if (fd_ > 0) ::close(fd_);
  }
  input_file(const input_file&) = delete;
  input_file& operator=(const input_file&) = delete;

  int fd() const { return fd_; }
  int error() const { return error_; }

 private:
  int fd_ = -1;
  int error_ = 0;
};

int run_classify(const std::vector<std::string_view>& args) {
  smtp_reply::parse_options options = smtp_reply::default_preset;
  cli::output_format format = is_terminal(stdout) ? cli::output_format::table : cli::output_format::jsonl;
  std::vector<std::string_view> files;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (options_done || arg == "-" || arg.empty() || arg.front() != '-') {
      files.push_back(arg);
    } else if (arg == "--") {
      options_done = true;
    } else if (arg == "--strict") {
      options = smtp_reply::strict_preset;
    } else if (arg.substr(0, 9) == "--format=" || arg == "--format") {
      std::string_view value;
      if (arg == "--format") {
        if (i + 1 == args.size()) return usage_error("--format needs a value: jsonl or table");
        value = args[++i];
      } else {
        value = arg.substr(9);
      }
      if (value == "jsonl") {
        format = cli::output_format::jsonl;
      } else if (value == "table") {
        format = cli::output_format::table;
      } else {
        return usage_error("unknown format '" + std::string(value) + "': use jsonl or table");
      }
    } else {
      return usage_error("unknown option '" + std::string(arg) + "' for classify");
    }
  }
  const std::size_t read_size = read_size_from_environment();
  if (read_size == 0) return usage_error("SMTP_REPLY_CLI_READ_SIZE must be a byte count from 1 to 16777216");
  if (files.empty()) files.push_back("-");

  cli::report output(stdout, format, format == cli::output_format::table ? table_text_width() : 0);
  bool unreadable = false;
  bool unparsed = false;
  for (const std::string_view name : files) {
    const input_file input(name);
    if (input.error() != 0) {
      std::fflush(stdout);  // keep stdout and stderr in order on a terminal
      std::fprintf(stderr, "smtp-reply: cannot open %.*s: %s\n", static_cast<int>(name.size()), name.data(),
                   std::strerror(input.error()));
      unreadable = true;
      continue;
    }
    output.begin_input(name, files.size() > 1);
    const cli::read_summary summary = cli::read_replies(input.fd(), read_size, options, output);
    if (summary.errors != 0) unparsed = true;
    if (summary.read_error != 0) {
      std::fflush(stdout);
      std::fprintf(stderr, "smtp-reply: cannot read %.*s: %s\n", static_cast<int>(name.size()), name.data(),
                   std::strerror(summary.read_error));
      unreadable = true;
    }
  }
  if (std::fflush(stdout) != 0) {
    std::fprintf(stderr, "smtp-reply: cannot write the output: %s\n", std::strerror(errno));
    return exit_usage;
  }
  if (unreadable) return exit_usage;
  return unparsed ? exit_unparsed : exit_ok;
}

int run_explain(const std::vector<std::string_view>& args) {
  std::vector<std::string_view> operands;
  for (const std::string_view arg : args) {
    if (arg.size() > 1 && arg.front() == '-') return usage_error("unknown option '" + std::string(arg) + "' for explain");
    operands.push_back(arg);
  }
  if (operands.empty()) return usage_error("explain needs a reply code, e.g. 'explain 550 5.7.26'");
  if (operands.size() > 2) return usage_error("explain takes a reply code and at most one enhanced code");
  std::string problem;
  const std::optional<std::string_view> enhanced =
      operands.size() == 2 ? std::optional<std::string_view>(operands[1]) : std::nullopt;
  if (!cli::explain(stdout, operands[0], enhanced, problem))
    return usage_error(problem);
  return std::fflush(stdout) == 0 ? exit_ok : exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("missing command: classify or explain");
  for (const std::string_view arg : args) {
    if (arg == "--") break;
    if (is_help(arg)) {
      std::fwrite(help_text.data(), 1, help_text.size(), stdout);
      return exit_ok;
    }
  }
  const std::string_view command = args.front();
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  if (command == "--version") {
    if (!rest.empty()) return usage_error("--version takes no arguments");
    std::puts("smtp-reply " SMTP_REPLY_VERSION_STRING);
    return exit_ok;
  }
  if (command == "classify") return run_classify(rest);
  if (command == "explain") return run_explain(rest);
  if (!command.empty() && command.front() == '-') return usage_error("unknown option '" + std::string(command) + "'");
  return usage_error("unknown command '" + std::string(command) + "'");
}
