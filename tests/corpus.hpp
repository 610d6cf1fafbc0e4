// Reader for tests/data/corpus.txt: real replies with their expected
// classification (format in tests/data/CORPUS.md). Test code only.
#ifndef SMTP_REPLY_TESTS_CORPUS_HPP
#define SMTP_REPLY_TESTS_CORPUS_HPP

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace corpus {

struct record {
  std::size_t line_number = 0;  // of the '@' line, for messages
  std::string reason;
  std::string reply_class;
  std::string code;
  std::string enhanced;  // "-" for none
  std::string source;
  std::string known;     // the library's answer where it knowingly differs; empty otherwise
  std::string wire;      // the reply's lines, each ending in CRLF
};

inline std::string field(const std::string& header, const std::string& key) {
  const std::string needle = " " + key + "=";
  const std::size_t at = header.find(needle);
  if (at == std::string::npos) return {};
  const std::size_t begin = at + needle.size();
  if (key == "source") return header.substr(begin);
  const std::size_t end = header.find(' ', begin);
  return header.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

/** Reads every record of the corpus file; an empty result means it could not be read. */
inline std::vector<record> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<record> records;
  std::string line;
  std::size_t number = 0;
  bool in_record = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("@ ", 0) == 0) {
      record r;
      r.line_number = number;
      r.reason = field(line, "reason");
      r.reply_class = field(line, "class");
      r.code = field(line, "code");
      r.enhanced = field(line, "enhanced");
      r.source = field(line, "source");
      r.known = field(line, "known");
      records.push_back(r);
      in_record = true;
    } else if (line.empty() || line[0] == '#') {
      in_record = false;
    } else if (in_record) {
      records.back().wire += line + "\r\n";
    }
  }
  return records;
}

}  // namespace corpus

#endif  // SMTP_REPLY_TESTS_CORPUS_HPP
