// Checks the `smtp-reply` example program against its contract (cli.md) by
// running it, as a user or a script would, on files this program writes.
//
//   cli_check corpus   SMTP_REPLY CORPUS MIN_REASON_ACCURACY
//   cli_check chunking SMTP_REPLY CORPUS
//   cli_check errors   SMTP_REPLY
//   cli_check explain  SMTP_REPLY
//   cli_check usage    SMTP_REPLY
//
// Temporary files go to the current directory (ctest runs this in the build
// tree) and are removed at the end. Exit status 0 when every check passed.
// POSIX only: popen and a shell run the program.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <smtp_reply/classify.hpp>
#include <smtp_reply/version.hpp>

#include "../corpus.hpp"

namespace {

// ---------------------------------------------------------------------------
// Failures are counted, not fatal: every mismatch is reported.

int failures = 0;

void fail(const std::string& what) {
  ++failures;
  std::cout << "FAIL: " << what << '\n';
}

bool expect(bool ok, const std::string& what) {
  if (!ok) fail(what);
  return ok;
}

template <class T>
std::string show(const T& value) {
  std::ostringstream s;
  s << value;
  return s.str();
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[b >> 4];
      out += hex[b & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// ---------------------------------------------------------------------------
// Running the program.

std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

struct run_result {
  int status = -1;  // exit status, or -1 when it did not exit normally
  std::string out;
  std::string err;
};

class temp_files {
 public:
  temp_files() = default;
  temp_files(const temp_files&) = delete;
  temp_files& operator=(const temp_files&) = delete;
  ~temp_files() {
    for (const std::string& path : paths_) std::remove(path.c_str());
  }

  /** Writes `bytes` to a new file and returns its path. */
  std::string write(std::string_view bytes) {
    const std::string path = name();
    std::ofstream f(path, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) {
      std::cerr << "cli_check: cannot write " << path << '\n';
      std::exit(3);
    }
    return path;
  }

  /** A fresh path, removed at the end; the file is not created. */
  std::string name() {
    std::string path = "cli_check_" + std::to_string(::getpid()) + "_" + std::to_string(paths_.size()) + ".tmp";
    paths_.push_back(path);
    return path;
  }

 private:
  std::vector<std::string> paths_;
};

temp_files temps;
std::string program;  // path of smtp-reply

/** Runs `env smtp-reply args < stdin_path`, capturing stdout and stderr. */
run_result run(const std::vector<std::string>& args, const std::string& env = "",
               const std::string& stdin_path = "") {
  const std::string err_path = temps.name();
  std::string command = env.empty() ? "" : env + " ";
  command += shell_quote(program);
  for (const std::string& a : args) command += " " + shell_quote(a);
  command += " 2>" + shell_quote(err_path);
  command += " <" + (stdin_path.empty() ? std::string("/dev/null") : shell_quote(stdin_path));
  run_result r;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    std::cerr << "cli_check: cannot run " << command << '\n';
    std::exit(3);
  }
  char chunk[65536];
  std::size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, pipe)) > 0) r.out.append(chunk, got);
  const int wait_status = ::pclose(pipe);
  if (wait_status != -1 && WIFEXITED(wait_status)) r.status = WEXITSTATUS(wait_status);
  std::ifstream err(err_path, std::ios::binary);
  r.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  return r;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t lf = text.find('\n', start);
    if (lf == std::string::npos) {
      lines.push_back(text.substr(start));  // no final newline: reported by the caller
      break;
    }
    lines.push_back(text.substr(start, lf - start));
    start = lf + 1;
  }
  return lines;
}

/** Collapses every run of blanks and newlines into one space: wrapped prose compares equal. */
std::string squeeze(std::string_view text) {
  std::string out;
  bool blank = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------
// A small JSON reader, for the flat objects the program prints: values are
// strings, integers, null, or arrays of strings. Keys keep their order.

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      n = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 2;
      if (b == 0xE0) low = 0xA0;
      if (b == 0xED) high = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 3;
      if (b == 0xF0) low = 0x90;
      if (b == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto c = static_cast<unsigned char>(s[i + k]);
      if (c < low || c > high) return false;
      low = 0x80;
      high = 0xBF;
    }
    i += n + 1;
  }
  return true;
}

struct json_value {
  enum class kind { string, number, null, array } type = kind::null;
  std::string text;                // string, or the number's digits
  std::vector<std::string> items;  // array of strings
};

struct json_object {
  std::vector<std::pair<std::string, json_value>> members;

  const json_value* find(std::string_view key) const {
    for (const auto& m : members)
      if (m.first == key) return &m.second;
    return nullptr;
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& m : members) out.push_back(m.first);
    return out;
  }
};

class json_reader {
 public:
  explicit json_reader(std::string_view text) : s_(text) {}

  /** Reads one object that must span the whole text; false with `error()` set otherwise. */
  bool object(json_object& out) {
    if (!valid_utf8(s_)) return failed("not valid UTF-8");
    if (!take('{')) return failed("expected {");
    if (!take('}')) {
      do {
        std::string key;
        json_value value;
        if (!string(key)) return false;
        if (!take(':')) return failed("expected :");
        if (!this->value(value)) return false;
        out.members.emplace_back(std::move(key), std::move(value));
      } while (take(','));
      if (!take('}')) return failed("expected , or }");
    }
    if (at_ != s_.size()) return failed("text after the object");
    return true;
  }
  const std::string& error() const { return error_; }

 private:
  bool failed(const std::string& what) {
    if (error_.empty()) error_ = what + " at byte " + std::to_string(at_);
    return false;
  }
  bool take(char c) {  // no whitespace: the program prints none
    if (at_ < s_.size() && s_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool hex4(unsigned& cp) {
    if (at_ + 4 > s_.size()) return failed("short \\u escape");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[at_++];
      cp <<= 4;
      if (c >= '0' && c <= '9') {
        cp |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        cp |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        cp |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return failed("bad \\u escape");
      }
    }
    return true;
  }
  bool string(std::string& out) {
    if (!take('"')) return failed("expected a string");
    while (at_ < s_.size()) {
      const char c = s_[at_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return failed("raw control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ == s_.size()) break;
      const char e = s_[at_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (!take('\\') || !take('u') || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
              return failed("lone surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return failed("lone surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default: return failed("bad escape");
      }
    }
    return failed("unterminated string");
  }
  bool value(json_value& out) {
    if (at_ < s_.size() && s_[at_] == '"') {
      out.type = json_value::kind::string;
      return string(out.text);
    }
    if (s_.substr(at_, 4) == "null") {
      at_ += 4;
      out.type = json_value::kind::null;
      return true;
    }
    if (take('[')) {
      out.type = json_value::kind::array;
      if (take(']')) return true;
      do {
        std::string item;
        if (!string(item)) return false;
        out.items.push_back(std::move(item));
      } while (take(','));
      return take(']') || failed("expected , or ]");
    }
    const std::size_t begin = at_;
    while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9') ++at_;
    if (at_ == begin || (s_[begin] == '0' && at_ - begin > 1)) return failed("expected a value");
    out.type = json_value::kind::number;
    out.text = std::string(s_.substr(begin, at_ - begin));
    return true;
  }

  std::string_view s_;
  std::size_t at_ = 0;
  std::string error_;
};

const std::vector<std::string> reply_keys = {"offset", "code",   "enhanced", "class",
                                             "reason", "action", "lines",    "diagnostics"};
const std::vector<std::string> error_keys = {"offset", "error"};

std::string field_text(const json_object& o, std::string_view key) {
  const json_value* v = o.find(key);
  if (v == nullptr) return "(missing)";
  switch (v->type) {
    case json_value::kind::null: return "null";
    case json_value::kind::array: return "[" + std::to_string(v->items.size()) + " items]";
    default: return v->text;
  }
}

/** Reads one output line as an object; reports and returns false when it is not JSON. */
bool read_object(const std::string& line, json_object& out, const std::string& where) {
  json_reader reader(line);
  return expect(reader.object(out), where + ": output is not a JSON object (" + reader.error() + "): " + line);
}

/** Checks that a reply object has the contract's shape: keys in order, types, known names. */
void check_reply_shape(const json_object& o, const std::string& where) {
  if (!expect(o.keys() == reply_keys, where + ": keys or their order differ from cli.md")) return;
  expect(o.find("offset")->type == json_value::kind::number, where + ": offset is not a number");
  expect(o.find("code")->type == json_value::kind::number, where + ": code is not a number");
  const json_value& enhanced = *o.find("enhanced");
  expect(enhanced.type == json_value::kind::null ||
             (enhanced.type == json_value::kind::string && smtp_reply::parse_enhanced_code(enhanced.text)),
         where + ": enhanced is neither null nor a code: " + enhanced.text);
  for (const char* key : {"class", "reason", "action"})
    expect(o.find(key)->type == json_value::kind::string, where + ": " + key + " is not a string");
  expect(o.find("lines")->type == json_value::kind::array, where + ": lines is not an array");
  const json_value& diagnostics = *o.find("diagnostics");
  if (!expect(diagnostics.type == json_value::kind::array, where + ": diagnostics is not an array")) return;
  // Known names, each once, in the order of smtp_reply::all_diagnostics.
  std::size_t next = 0;
  for (const std::string& name : diagnostics.items) {
    while (next < std::size(smtp_reply::all_diagnostics) &&
           smtp_reply::to_string(smtp_reply::all_diagnostics[next]) != name)
      ++next;
    if (!expect(next < std::size(smtp_reply::all_diagnostics),
                where + ": unknown, repeated or misordered diagnostic " + name))
      break;
    ++next;
  }
}

/** The reason whose name is `name`, or false. */
bool reason_named(std::string_view name, smtp_reply::reason& out) {
  for (std::size_t i = 0; i < smtp_reply::reason_count; ++i) {
    const auto r = static_cast<smtp_reply::reason>(i);
    if (smtp_reply::to_string(r) == name) {
      out = r;
      return true;
    }
  }
  return false;
}

bool class_named(std::string_view name, smtp_reply::reply_class& out) {
  for (const auto c : {smtp_reply::reply_class::success, smtp_reply::reply_class::intermediate,
                       smtp_reply::reply_class::transient, smtp_reply::reply_class::permanent}) {
    if (smtp_reply::to_string(c) == name) {
      out = c;
      return true;
    }
  }
  return false;
}

std::size_t count_lines(std::string_view wire) {
  std::size_t n = 0;
  for (const char c : wire) n += c == '\n' ? 1 : 0;
  return n;
}

// ---------------------------------------------------------------------------
// corpus: every record of tests/data/corpus.txt, back to back in one file.

int check_corpus(const std::string& corpus_path, double min_accuracy) {
  const std::vector<corpus::record> records = corpus::load(corpus_path);
  if (records.empty()) {
    fail("no records read from " + corpus_path);
    return 1;
  }
  std::string wire;
  std::vector<std::uint64_t> offsets;
  for (const corpus::record& rec : records) {
    offsets.push_back(wire.size());
    wire += rec.wire;
  }
  const std::string path = temps.write(wire);
  const run_result r = run({"classify", "--format=jsonl", path});
  expect(r.status == 0, "corpus: exit status " + show(r.status) + ", expected 0 (every reply parses)");
  expect(r.err.empty(), "corpus: unexpected standard error: " + r.err);
  expect(r.out.empty() || r.out.back() == '\n', "corpus: output does not end with a newline");
  const std::vector<std::string> lines = split_lines(r.out);
  expect(lines.size() == records.size(),
         "corpus: " + show(lines.size()) + " output lines for " + show(records.size()) + " replies");

  std::size_t reasons_right = 0;
  const std::size_t n = lines.size() < records.size() ? lines.size() : records.size();
  for (std::size_t i = 0; i < n; ++i) {
    const corpus::record& rec = records[i];
    const std::string where = "corpus.txt line " + show(rec.line_number) + " (" + rec.source + ")";
    json_object o;
    if (!read_object(lines[i], o, where)) continue;
    if (o.keys() == error_keys) {
      fail(where + ": did not parse: " + lines[i]);
      continue;
    }
    check_reply_shape(o, where);
    if (o.keys() != reply_keys) continue;
    const std::string expected_enhanced = rec.enhanced == "-" ? "null" : rec.enhanced;
    const std::pair<std::string, std::string> fields[] = {
        {"offset", show(offsets[i])},
        {"code", rec.code},
        {"enhanced", expected_enhanced},
        {"class", rec.reply_class},
    };
    for (const auto& [key, want] : fields) {
      const std::string got = field_text(o, key);
      expect(got == want, where + ": " + key + " is " + got + ", expected " + want);
    }
    expect(o.find("lines")->items.size() == count_lines(rec.wire),
           where + ": " + show(o.find("lines")->items.size()) + " lines, expected " + show(count_lines(rec.wire)));

    // The action must be the policy's action for the printed class and reason.
    smtp_reply::reason why{};
    smtp_reply::reply_class cls{};
    const std::string reason = field_text(o, "reason");
    if (expect(reason_named(reason, why), where + ": unknown reason " + reason) &&
        expect(class_named(field_text(o, "class"), cls), where + ": unknown class " + field_text(o, "class"))) {
      const std::string want(smtp_reply::to_string(smtp_reply::action_for(cls, why)));
      expect(field_text(o, "action") == want, where + ": action is " + field_text(o, "action") + ", expected " + want);
    }
    if (reason == rec.reason) {
      ++reasons_right;
    } else {
      std::cout << "reason mismatch: " << where << ": " << reason << ", expected " << rec.reason << '\n';
    }
  }
  const double accuracy = static_cast<double>(reasons_right) / static_cast<double>(records.size());
  std::cout << "reason accuracy: " << reasons_right << "/" << records.size() << " = " << accuracy
            << " (threshold " << min_accuracy << ")\n";
  expect(accuracy >= min_accuracy, "corpus: reason accuracy below the threshold");
  return failures == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// Streams with errors, shared by `errors` and `chunking`.

struct error_stream {
  const char* name;
  std::string bytes;
};

std::vector<error_stream> error_streams() {
  return {
      {"nul", std::string("250 2.0.0 Ok\r\n550 5.1.1 <bob@example.com>: Recipient") + '\0' +
                  " unknown\r\n221 2.0.0 Bye\r\n"},
      {"no code", "250-first\r\nsecond line\r\n250 ok\r\n"},
      {"too long", "550 " + std::string(5000, 'x') + "\r\n250 ok\r\n"},
      {"incomplete", "250 ok\r\n250-more\r\n250 end"},
      {"mixed", "220 mx ESMTP\n  250 indented\r\n421 4.7.0 Try again later\r\n\r\n354 go ahead\r\n571 nope\r\n"},
  };
}

/**
 * Runs `classify --format=jsonl` on `bytes`, read whole and in small chunks
 * (so that offsets must survive dropped buffer prefixes), and checks the
 * output lines and the exit status.
 */
void expect_output(const std::string& what, const std::string& bytes, const std::vector<std::string>& want,
                   int want_status, const std::vector<std::string>& extra_args = {}) {
  const std::string path = temps.write(bytes);
  std::vector<std::string> args = {"classify", "--format=jsonl"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  args.push_back(path);
  for (const char* env : {"", "SMTP_REPLY_CLI_READ_SIZE=1", "SMTP_REPLY_CLI_READ_SIZE=5"}) {
    const std::string how = what + (*env != '\0' ? std::string(" (") + env + ")" : std::string());
    const run_result r = run(args, env);
    expect(r.status == want_status, how + ": exit status " + show(r.status) + ", expected " + show(want_status));
    const std::vector<std::string> got = split_lines(r.out);
    expect(got.size() == want.size(), how + ": " + show(got.size()) + " output lines, expected " + show(want.size()));
    for (std::size_t i = 0; i < got.size() && i < want.size(); ++i) {
      // A want that ends with '}' is a whole line; otherwise a prefix of it.
      const bool whole = !want[i].empty() && want[i].back() == '}';
      const bool same = whole ? got[i] == want[i] : got[i].compare(0, want[i].size(), want[i]) == 0;
      expect(same, how + ": line " + show(i + 1) + " is " + got[i] + ", expected " + want[i] + (whole ? "" : "..."));
      json_object o;
      if (read_object(got[i], o, how) && o.keys() != error_keys) check_reply_shape(o, how);
    }
  }
}

std::string error_line(std::uint64_t offset, std::string_view name) {
  return "{\"offset\":" + std::to_string(offset) + ",\"error\":\"" + std::string(name) + "\"}";
}

std::string reply_prefix(std::uint64_t offset, int code) {
  return "{\"offset\":" + std::to_string(offset) + ",\"code\":" + std::to_string(code) + ",";
}

int check_errors() {
  const std::vector<error_stream> streams = error_streams();

  // A NUL inside a reply: the error names its absolute offset; the next reply parses.
  {
    const std::string& s = streams[0].bytes;
    const std::size_t nul = s.find('\0');
    const std::size_t next = s.find("221");
    expect_output("NUL in the middle", s,
                  {reply_prefix(0, 250), error_line(nul, "bad_character"), reply_prefix(next, 221)}, 1);
  }
  // A line without a code inside a multi-line reply.
  expect_output("missing code", streams[1].bytes, {error_line(11, "bad_code"), reply_prefix(24, 250)}, 1);
  // A line past the hard limit: skipped through its LF, however long.
  expect_output("line too long", streams[2].bytes,
                {error_line(smtp_reply::default_preset.max_line_length, "line_too_long"), reply_prefix(5006, 250)}, 1);
  // The stream ends inside a reply: incomplete, at the reply's first byte.
  expect_output("incomplete tail", streams[3].bytes, {reply_prefix(0, 250), error_line(8, "incomplete")}, 1);
  // Several kinds in one stream: a bare LF, leading blanks, an empty line, a 571.
  {
    const std::string& s = streams[4].bytes;
    expect_output("mixed", s,
                  {reply_prefix(0, 220), error_line(s.find("  250"), "bad_code"), reply_prefix(s.find("421"), 421),
                   error_line(s.find("\r\n\r\n") + 2, "empty"), reply_prefix(s.find("354"), 354),
                   reply_prefix(s.find("571"), 571)},
                  1);
  }
  // Ending exactly between replies prints nothing more; empty input prints nothing.
  expect_output("clean end", "250 ok\r\n", {reply_prefix(0, 250)}, 0);
  expect_output("empty input", "", {}, 0);

  // The exact line of cli.md's example.
  expect_output("cli.md example", "550 5.1.1 The email account that you tried to reach does not exist.\r\n",
                {"{\"offset\":0,\"code\":550,\"enhanced\":\"5.1.1\",\"class\":\"permanent\",\"reason\":"
                 "\"mailbox_unknown\",\"action\":\"suppress_recipient\",\"lines\":[\"The email account that you "
                 "tried to reach does not exist.\"],\"diagnostics\":[]}"},
                0);

  // Text made valid JSON in UTF-8: escapes, U+FFFD for each ill-formed sequence.
  {
    const std::string bytes =
        "250-caf\xE9 \xC3\xA9 \"q\" back\\slash\ttab\r\n"  // Latin-1 byte, valid UTF-8, quote, backslash, HT
        "250-\xC0\xAF overlong, \xED\xA0\x80 surrogate, \xE2\x82 cut, \xF4\x90\x80\x80 too big\r\n"
        "250 \xF0\x9F\x93\xA7 #2.0.0 not a code here\r\n";
    const std::string path = temps.write(bytes);
    const run_result r = run({"classify", "--format=jsonl", path});
    json_object o;
    if (read_object(r.out.substr(0, r.out.find('\n')), o, "UTF-8 text")) {
      const std::string fffd = "\xEF\xBF\xBD";
      const std::vector<std::string> want = {
          "caf" + fffd + " \xC3\xA9 \"q\" back\\slash\ttab",
          fffd + fffd + " overlong, " + fffd + fffd + fffd + " surrogate, " + fffd + " cut, " + fffd + fffd + fffd +
              fffd + " too big",
          "\xF0\x9F\x93\xA7 #2.0.0 not a code here",
      };
      const json_value* lines = o.find("lines");
      expect(lines != nullptr && lines->items == want, "UTF-8 text: lines differ: " + r.out);
      expect(field_text(o, "diagnostics") == "[1 items]" && o.find("diagnostics")->items[0] == "non_ascii",
             "UTF-8 text: expected the non_ascii diagnostic: " + r.out);
    }
    expect(r.out.find("\\t") != std::string::npos, "UTF-8 text: HT is not escaped as \\t: " + r.out);
  }
  // qmail's '#': reported without it, stripped from the text.
  expect_output("qmail #", "550 #5.1.1 sorry, no mailbox here by that name\r\n",
                {reply_prefix(0, 550) + "\"enhanced\":\"5.1.1\","}, 0);
  {
    const std::string path = temps.write("550 #5.1.1 sorry, no mailbox here by that name\r\n");
    const run_result r = run({"classify", "--format=jsonl", path});
    expect(r.out.find("\"lines\":[\"sorry, no mailbox here by that name\"]") != std::string::npos,
           "qmail #: text not stripped: " + r.out);
  }

  // --strict: a 571 and a bare LF become errors; the default preset reads them.
  expect_output("default 571", "571 5.7.1 Delivery not authorized\r\n", {reply_prefix(0, 571)}, 0);
  {
    const std::string path = temps.write("571 5.7.1 Delivery not authorized\r\n");
    const run_result r = run({"classify", "--format=jsonl", path});
    expect(r.out.find("\"diagnostics\":[\"nonstandard_code\"]") != std::string::npos,
           "default 571: no nonstandard_code diagnostic: " + r.out);
  }
  expect_output("strict 571", "571 5.7.1 Delivery not authorized\r\n250 ok\r\n",
                {error_line(1, "bad_code"), reply_prefix(35, 250)}, 1, {"--strict"});
  expect_output("strict bare LF", "250 ok\n250 ok\r\n", {error_line(6, "bad_character"), reply_prefix(7, 250)}, 1,
                {"--strict"});

  // Standard input, alone and as '-', gives what the file gives.
  {
    const std::string path = temps.write(streams[0].bytes);
    const run_result from_file = run({"classify", "--format=jsonl", path});
    const run_result from_stdin = run({"classify", "--format=jsonl"}, "", path);
    const run_result from_dash = run({"classify", "--format=jsonl", "-"}, "", path);
    expect(from_stdin.out == from_file.out && from_stdin.status == from_file.status,
           "standard input: output differs from the file's");
    expect(from_dash.out == from_file.out && from_dash.status == from_file.status,
           "'-': output differs from the file's");
  }

  // An unreadable file: exit 2, a one-line message, the other files still read.
  {
    const std::string good = temps.write("250 ok\r\n");
    const std::string missing = temps.name();
    const run_result r = run({"classify", "--format=jsonl", missing, good});
    expect(r.status == 2, "unreadable file: exit status " + show(r.status) + ", expected 2");
    const std::string prefix = "smtp-reply: cannot open " + missing + ": ";
    expect(r.err.compare(0, prefix.size(), prefix) == 0, "unreadable file: stderr is " + quoted(r.err));
    expect(!r.err.empty() && r.err.find('\n') == r.err.size() - 1, "unreadable file: stderr is not one line");
    expect(r.out.compare(0, reply_prefix(0, 250).size(), reply_prefix(0, 250)) == 0,
           "unreadable file: the next file was not read: " + r.out);
    const run_result dir = run({"classify", "--format=jsonl", ".", good});
    expect(dir.status == 2 && dir.err.rfind("smtp-reply: cannot open .: ", 0) == 0 && !dir.out.empty(),
           "directory: expected exit 2, a message and the next file read; stderr " + quoted(dir.err));
    // Parse errors in one file and an unreadable other: 2 wins.
    const std::string bad = temps.write("bad\r\n");
    expect(run({"classify", "--format=jsonl", bad, missing}).status == 2, "unreadable file and parse error: not 2");
  }

  // The table: a header, one row per reply, errors by name, same exit status.
  {
    const std::string path = temps.write(streams[0].bytes);
    const run_result r = run({"classify", "--format=table", path});
    const std::vector<std::string> rows = split_lines(r.out);
    expect(r.status == 1, "table: exit status " + show(r.status) + ", expected 1");
    expect(rows.size() == 4, "table: " + show(rows.size()) + " rows, expected a header and 3: " + r.out);
    if (rows.size() == 4) {
      expect(rows[0].find("OFFSET") != std::string::npos && rows[0].find("REASON") != std::string::npos,
             "table: no header: " + rows[0]);
      expect(rows[1].find("250") != std::string::npos && rows[1].find("success") != std::string::npos,
             "table: first row: " + rows[1]);
      expect(rows[2].find("bad_character") != std::string::npos, "table: error row: " + rows[2]);
      expect(rows[3].find("221") != std::string::npos, "table: last row: " + rows[3]);
      expect(rows[1].find("success") == rows[3].find("success"), "table: columns not aligned");
    }
    for (const std::string& row : rows) expect(valid_utf8(row), "table: a row is not valid UTF-8");
    // A long text is cut, and the row stays valid UTF-8.
    const std::string long_path = temps.write("550 5.7.1 " + std::string(300, 'w') + " \xC3\xA9\xC3\xA9\r\n");
    const run_result cut = run({"classify", "--format=table", long_path});
    expect(cut.out.size() < 300 && valid_utf8(cut.out), "table: a long text is not cut: " + cut.out);
  }
  return failures == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// chunking: the same output whatever the read size.

int check_chunking(const std::string& corpus_path) {
  std::vector<std::pair<std::string, std::string>> inputs;  // name, bytes
  std::string wire;
  for (const corpus::record& rec : corpus::load(corpus_path)) wire += rec.wire;
  expect(!wire.empty(), "chunking: no records read from " + corpus_path);
  inputs.emplace_back("corpus", wire);
  std::string all_errors;
  for (const error_stream& s : error_streams()) {
    inputs.emplace_back(s.name, s.bytes);
    all_errors += s.bytes;
  }
  inputs.emplace_back("error streams back to back", all_errors);
  inputs.emplace_back("corpus with a bad line every so often", [&] {
    std::string out;
    std::size_t replies = 0;
    for (const corpus::record& rec : corpus::load(corpus_path)) {
      out += rec.wire;
      if (++replies % 17 == 0) out += "HTTP/1.1 400 Bad Request\r\n";
      if (replies % 29 == 0) out += "250 " + std::string(3000, 'y') + "\r\n";
    }
    return out;
  }());

  for (const auto& [name, bytes] : inputs) {
    const std::string path = temps.write(bytes);
    for (const char* strict : {"", "--strict"}) {
      std::vector<std::string> args = {"classify", "--format=jsonl"};
      if (*strict != '\0') args.push_back(strict);
      args.push_back(path);
      const run_result whole = run(args);
      expect(!whole.out.empty() || bytes.empty(), "chunking: " + std::string(name) + ": no output");
      for (const char* size : {"1", "7", "4096"}) {
        const run_result chunked = run(args, std::string("SMTP_REPLY_CLI_READ_SIZE=") + size);
        const std::string what = "chunking: " + std::string(name) + (*strict ? " --strict" : "") + ", read size " + size;
        expect(chunked.status == whole.status, what + ": exit status " + show(chunked.status) + ", whole read " +
                                                   show(whole.status));
        if (!expect(chunked.out == whole.out, what + ": output differs from a whole read")) {
          const std::vector<std::string> a = split_lines(whole.out);
          const std::vector<std::string> b = split_lines(chunked.out);
          for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
            if (a[i] != b[i]) {
              std::cout << "  first difference, line " << i + 1 << ":\n  whole:   " << a[i] << "\n  chunked: " << b[i]
                        << '\n';
              break;
            }
          }
        }
      }
    }
  }
  expect(run({"classify"}, "SMTP_REPLY_CLI_READ_SIZE=0").status == 2, "chunking: read size 0 is not a usage error");
  expect(run({"classify"}, "SMTP_REPLY_CLI_READ_SIZE=x").status == 2, "chunking: read size x is not a usage error");
  return failures == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// explain

void expect_contains(const std::string& what, const run_result& r, std::string_view text) {
  expect(squeeze(r.out).find(squeeze(text)) != std::string::npos,
         what + ": output does not say \"" + std::string(text) + "\":\n" + r.out);
}

int check_explain() {
  {
    const run_result r = run({"explain", "550", "5.7.26"});
    expect(r.status == 0, "explain 550 5.7.26: exit status " + show(r.status));
    expect(r.err.empty(), "explain 550 5.7.26: stderr " + quoted(r.err));
    const smtp_reply::enhanced_code_info* row = smtp_reply::find_enhanced_code(smtp_reply::enhanced_code{5, 7, 26});
    const smtp_reply::reply_code_info* code = smtp_reply::find_reply_code(550);
    if (expect(row != nullptr && code != nullptr, "explain: the tables lack 550 or 5.7.26")) {
      expect_contains("explain 550 5.7.26", r, row->summary);
      expect_contains("explain 550 5.7.26", r, row->reference);
      expect_contains("explain 550 5.7.26", r, row->basic_codes);
      expect_contains("explain 550 5.7.26", r, code->description);
      expect_contains("explain 550 5.7.26", r, code->rfc);
      expect_contains("explain 550 5.7.26", r, code->causes);
      expect_contains("explain 550 5.7.26", r, code->remedy);
    }
    const smtp_reply::classification c = smtp_reply::classify(std::string_view("550 5.7.26\r\n"));
    expect_contains("explain 550 5.7.26", r, smtp_reply::to_string(c.reason));
    expect_contains("explain 550 5.7.26", r, smtp_reply::to_string(c.action));
    expect_contains("explain 550 5.7.26", r, "permanent");
  }
  {
    // Well-formed but unregistered: explained by digits and parts.
    const run_result r = run({"explain", "571", "5.7.606"});
    expect(r.status == 0, "explain 571 5.7.606: exit status " + show(r.status));
    const smtp_reply::enhanced_code_description d = smtp_reply::describe(smtp_reply::enhanced_code{5, 7, 606});
    expect_contains("explain 571 5.7.606", r, d.subject_text);
    expect_contains("explain 571 5.7.606", r, smtp_reply::describe_reply_code(571).class_text);
  }
  {
    const run_result r = run({"explain", "421"});
    expect(r.status == 0, "explain 421: exit status " + show(r.status));
    expect_contains("explain 421", r, smtp_reply::find_reply_code(421)->description);
    expect_contains("explain 421", r, "transient");
  }
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"explain"},
           {"explain", "55"},
           {"explain", "5500"},
           {"explain", "650"},
           {"explain", "150"},
           {"explain", "55x"},
           {"explain", "550", "5.7"},
           {"explain", "550", ""},
           {"explain", ""},
           {"explain", "550", "#5.1.1"},
           {"explain", "550", "5.01.1"},
           {"explain", "550", "6.1.1"},
           {"explain", "550", "5.1.1", "extra"},
           {"explain", "--bogus", "550"},
       }) {
    std::string what = "smtp-reply";
    for (const std::string& a : args) what += " " + a;
    const run_result r = run(args);
    expect(r.status == 2, what + ": exit status " + show(r.status) + ", expected 2");
    expect(r.out.empty(), what + ": printed to stdout: " + r.out);
    expect(r.err.rfind("smtp-reply: ", 0) == 0, what + ": no message on stderr");
  }
  return failures == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// usage

int check_usage() {
  const run_result version = run({"--version"});
  expect(version.status == 0, "--version: exit status " + show(version.status));
  expect(version.out == "smtp-reply " SMTP_REPLY_VERSION_STRING "\n", "--version prints " + quoted(version.out));
  for (const char* help : {"--help", "-h"}) {
    const run_result r = run({help});
    expect(r.status == 0, std::string(help) + ": exit status " + show(r.status));
    expect(r.out.find("classify") != std::string::npos && r.out.find("explain") != std::string::npos,
           std::string(help) + ": no usage text");
  }
  expect(run({"classify", "--help"}).status == 0, "classify --help: not exit 0");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {"--bogus"},
           {"bogus"},
           {"classify", "--bogus"},
           {"classify", "--format=xml"},
           {"classify", "--format"},
           {"--version", "extra"},
       }) {
    std::string what = "smtp-reply";
    for (const std::string& a : args) what += " " + a;
    const run_result r = run(args);
    expect(r.status == 2, what + ": exit status " + show(r.status) + ", expected 2");
    expect(r.err.rfind("smtp-reply: ", 0) == 0 && r.err.find('\n') == r.err.size() - 1,
           what + ": stderr is not a one-line message: " + quoted(r.err));
  }
  return failures == 0 ? 0 : 1;
}

int usage() {
  std::cerr << "usage: cli_check corpus SMTP_REPLY CORPUS MIN_REASON_ACCURACY\n"
               "       cli_check chunking SMTP_REPLY CORPUS\n"
               "       cli_check errors|explain|usage SMTP_REPLY\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string_view mode = argv[1];
  program = argv[2];
  int status = 0;
  if (mode == "corpus" && argc == 5) {
    char* end = nullptr;
    const double threshold = std::strtod(argv[4], &end);
    if (*end != '\0' || threshold < 0 || threshold > 1) return usage();
    status = check_corpus(argv[3], threshold);
  } else if (mode == "chunking" && argc == 4) {
    status = check_chunking(argv[3]);
  } else if (mode == "errors" && argc == 3) {
    status = check_errors();
  } else if (mode == "explain" && argc == 3) {
    status = check_explain();
  } else if (mode == "usage" && argc == 3) {
    status = check_usage();
  } else {
    return usage();
  }
  std::cout << (status == 0 ? "ok: " : "FAILED: ") << mode << ", " << failures << " failure(s)\n";
  return status;
}
