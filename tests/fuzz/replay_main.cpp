// Runs LLVMFuzzerTestOneInput on every file of the directories (or files)
// given on the command line, so that a fuzz target runs its seed corpus (and
// any crash reproducer) under any compiler, without libFuzzer (STYLE.md 13).
//
//   smtp_reply_fuzz_parse_replay tests/fuzz/corpus/parse [more dirs or files]
//
// Each input is copied into a heap block of exactly its size, so a read past
// its end trips AddressSanitizer. Exits 0 when every input ran (a failed
// check aborts), 1 when an argument cannot be read or names no input at all.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool run_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.string().c_str());
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::unique_ptr<std::uint8_t[]> exact(new std::uint8_t[bytes.size()]);
  if (!bytes.empty()) std::memcpy(exact.get(), bytes.data(), bytes.size());
  LLVMFuzzerTestOneInput(exact.get(), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t inputs = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(arg, ec)) {
      for (std::filesystem::directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) files.push_back(it->path());
      std::sort(files.begin(), files.end());  // the same order on every run
    } else {
      files.push_back(arg);
    }
    if (ec) {
      std::fprintf(stderr, "replay: cannot list %s: %s\n", argv[i], ec.message().c_str());
      ok = false;
      continue;
    }
    for (const std::filesystem::path& file : files) {
      if (!run_file(file)) {
        ok = false;
        continue;
      }
      ++inputs;
    }
  }
  std::printf("replay: %zu inputs ran\n", inputs);
  if (inputs == 0) {
    std::fprintf(stderr, "replay: no input (usage: %s DIR_OR_FILE...)\n", argc > 0 ? argv[0] : "replay");
    return 1;
  }
  return ok ? 0 : 1;
}
