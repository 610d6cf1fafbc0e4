// Zero allocation (STYLE.md habit 2): the global operator new / new[] are
// replaced here with counting versions, and the parser's entry points are run
// between two readings of the counter.
//
// This file is linked into the whole test binary, so the replacements serve
// every test: they are complete (plain, nothrow, sized, aligned), keep the
// standard's semantics (new_handler loop, bad_alloc, unique non-null pointer
// for size 0) and count with an atomic, so they are thread-safe. Other tests
// read the counter through smtp_reply_test_allocations() (support.hpp).
#include <doctest/doctest.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <smtp_reply/enhanced.hpp>
#include <smtp_reply/parse.hpp>
#include <smtp_reply/reply.hpp>

#include "support.hpp"

namespace {

std::atomic<std::size_t> allocation_count{0};

// The loop operator new runs ([new.delete.single]): try, and while that
// fails, call the new_handler, or fail as the library's own operator new does.
template <class TryAllocate>
void* allocate_or_fail(TryAllocate try_allocate) {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  for (;;) {
    if (void* p = try_allocate()) return p;
    const std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) {
#if defined(__cpp_exceptions)
      throw std::bad_alloc();
#else
      std::abort();  // built with -fno-exceptions: what libstdc++'s own operator new does
#endif
    }
    handler();
  }
}

void* counted_allocate(std::size_t size) {
  if (size == 0) size = 1;  // a unique, non-null pointer even for size 0
  return allocate_or_fail([size] { return std::malloc(size); });
}

void* counted_allocate_aligned(std::size_t size, std::align_val_t alignment) {
  std::size_t align = static_cast<std::size_t>(alignment);
  if (align < sizeof(void*)) align = sizeof(void*);
  // aligned_alloc wants a size that is a multiple of the alignment.
  const std::size_t rounded = size == 0 ? align : (size + align - 1) / align * align;
  return allocate_or_fail([align, rounded] { return std::aligned_alloc(align, rounded); });
}

}  // namespace

std::size_t smtp_reply_test_allocations() { return allocation_count.load(std::memory_order_relaxed); }

// Replaceable global allocation functions ([new.delete]).
void* operator new(std::size_t size) { return counted_allocate(size); }
void* operator new[](std::size_t size) { return counted_allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
#if defined(__cpp_exceptions)
  try {
    return counted_allocate(size);
  } catch (...) {
    return nullptr;
  }
#else
  return counted_allocate(size);  // -fno-exceptions: nothing to catch
#endif
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
#if defined(__cpp_exceptions)
  try {
    return counted_allocate(size);
  } catch (...) {
    return nullptr;
  }
#else
  return counted_allocate(size);  // -fno-exceptions: nothing to catch
#endif
}
void* operator new(std::size_t size, std::align_val_t alignment) { return counted_allocate_aligned(size, alignment); }
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return counted_allocate_aligned(size, alignment);
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
#if defined(__cpp_exceptions)
  try {
    return counted_allocate_aligned(size, alignment);
  } catch (...) {
    return nullptr;
  }
#else
  return counted_allocate_aligned(size, alignment);  // -fno-exceptions: nothing to catch
#endif
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
#if defined(__cpp_exceptions)
  try {
    return counted_allocate_aligned(size, alignment);
  } catch (...) {
    return nullptr;
  }
#else
  return counted_allocate_aligned(size, alignment);  // -fno-exceptions: nothing to catch
#endif
}

// Every operator new above hands out std::malloc / std::aligned_alloc
// memory, so std::free is the matching release; g++ cannot see that through
// inlining at -O1 and above and warns of a mismatch that is not there.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

using smtp_reply_test::allocations_during;
using smtp_reply_test::exact_buffer;

namespace {

struct alignas(64) over_aligned {
  char bytes[64];
};

// A new-expression whose memory never escapes may be elided together with
// its delete ([expr.new]/14), and clang does so at -O2: storing the pointer
// in a volatile keeps the allocation, and so the count, in every build.
over_aligned* volatile escaped = nullptr;

// Inputs covering every path of the parser: ok, incomplete, each error, each
// diagnostic, enhanced codes, long lines, many lines.
std::vector<exact_buffer> sample_inputs() {
  std::vector<std::string> raw = {
      "250 OK\r\n",
      "250\r\n",
      "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 SMTPUTF8\r\n",
      "550-5.1.1 The email account does not exist.\r\n550 5.1.1 https://support.example/\r\n",
      "452 #4.5.3 Too many recipients\r\n",
      "450 5.7.1 Client host rejected\r\n",
      "550-5.1.1 a\r\n550 b\r\n",
      "220-mx ESMTP\r\n571 5.7.1 blocked\n",
      "250 Gr\xc3\xbc\xc3\x9f" "e\r\n",
      "250 OK",
      "",
      "\r\n",
      "2x0 bad\r\n",
      "250\tOK\r\n",
      std::string("250 a\0b\r\n", 9),
      "250 a\rb\r\n",
      "250-a\r\n251 b\r\n",
      "250 " + std::string(3000, 'x') + "\r\n",
      "250 " + std::string(1000, 'x') + "\r\n",
  };
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "250-line\r\n";
  raw.push_back(many);
  std::vector<exact_buffer> out;
  for (const std::string& s : raw) out.emplace_back(s);
  return out;
}

}  // namespace

TEST_SUITE("alloc") {

TEST_CASE("the counter counts every kind of allocation") {
  const std::size_t plain = allocations_during([] {
    void* p = ::operator new(16);
    ::operator delete(p);
  });
  CHECK(plain == 1);
  const std::size_t array = allocations_during([] {
    void* p = ::operator new[](16);
    ::operator delete[](p);
  });
  CHECK(array == 1);
  const std::size_t nothrow = allocations_during([] {
    void* p = ::operator new(16, std::nothrow);
    ::operator delete(p, std::nothrow);
  });
  CHECK(nothrow == 1);
  const std::size_t aligned = allocations_during([] {
    auto* p = new over_aligned{};
    escaped = p;
    p->bytes[0] = 1;
    delete p;
  });
  CHECK(aligned == 1);
  const std::size_t aligned_array = allocations_during([] {
    auto* p = new over_aligned[3];
    escaped = p;
    p[2].bytes[63] = 1;
    delete[] p;
  });
  CHECK(aligned_array == 1);
  void* a = nullptr;
  void* b = nullptr;
  const std::size_t zero = allocations_during([&] {
    a = ::operator new(0);
    b = ::operator new(0);
  });
  CHECK(zero == 2);
  CHECK(a != nullptr);
  CHECK(a != b);
  ::operator delete(a);
  ::operator delete(b);
  int last = 0;
  const std::size_t vector = allocations_during([&] {
    std::vector<int> v(1000, 7);
    last = v.back();
  });
  CHECK(vector >= 1);
  CHECK(last == 7);
  // Over-aligned memory really is aligned.
  auto* p = new over_aligned;
  CHECK(reinterpret_cast<std::uintptr_t>(p) % 64 == 0);
  delete p;
}

TEST_CASE("parse() allocates nothing, in both presets") {
  const std::vector<exact_buffer> inputs = sample_inputs();
  std::size_t checksum = 0;
  const std::size_t allocations = allocations_during([&] {
    for (const exact_buffer& input : inputs) {
      for (const smtp_reply::parse_options& options : {smtp_reply::default_preset, smtp_reply::strict_preset}) {
        const smtp_reply::parse_result r = smtp_reply::parse(input.view(), options);
        checksum += r.consumed + r.error_offset + static_cast<std::size_t>(r.status) + r.reply.code +
                    r.reply.line_count + r.reply.diagnostics.bits() + r.reply.enhanced.detail;
      }
    }
  });
  CHECK(allocations == 0);
  CHECK(checksum != 0);
}

TEST_CASE("parser::feed a byte at a time allocates nothing") {
  const std::vector<exact_buffer> inputs = sample_inputs();
  std::size_t checksum = 0;
  const std::size_t allocations = allocations_during([&] {
    for (const exact_buffer& input : inputs) {
      smtp_reply::parser p;
      smtp_reply::parser strict(smtp_reply::strict_preset);
      const std::string_view all = input.view();
      bool done = false;
      bool strict_done = false;
      for (std::size_t k = 0; k <= all.size(); ++k) {
        if (!done) {
          const smtp_reply::parse_result r = p.feed(all.substr(0, k));
          checksum += p.scanned();
          done = r.status != smtp_reply::parse_status::incomplete;
          checksum += r.consumed + r.error_offset;
        }
        if (!strict_done) {
          const smtp_reply::parse_result r = strict.feed(all.substr(0, k));
          strict_done = r.status != smtp_reply::parse_status::incomplete;
          checksum += r.consumed + r.error_offset;
        }
      }
      p.reset();
    }
  });
  CHECK(allocations == 0);
  CHECK(checksum != 0);
}

TEST_CASE("lines(), last_line() and the formatters allocate nothing") {
  const std::vector<exact_buffer> inputs = sample_inputs();
  std::vector<smtp_reply::parse_result> results;
  for (const exact_buffer& input : inputs) {
    for (const smtp_reply::parse_options& options : {smtp_reply::default_preset, smtp_reply::strict_preset}) {
      smtp_reply::parse_options big = options;  // let the long and many-line inputs through
      big.max_line_length = 4000;
      big.max_lines = 2000;
      results.push_back(smtp_reply::parse(input.view(), big));
    }
  }
  std::size_t ok = 0;
  for (const auto& r : results) ok += r ? 1U : 0U;
  REQUIRE(ok > 10);
  std::size_t checksum = 0;
  const std::size_t allocations = allocations_during([&] {
    for (const smtp_reply::parse_result& r : results) {
      for (const smtp_reply::reply_line& line : r.reply.lines()) {
        checksum += line.code + line.text.size() + line.enhanced.subject;
        const smtp_reply::enhanced_code_string s = smtp_reply::to_string(line.enhanced);
        checksum += s.view().size();
      }
      const smtp_reply::reply_line last = r.reply.last_line();
      checksum += last.text.size() + last.code;
      checksum += smtp_reply::to_string(r.reply.enhanced).view().size();
      checksum += smtp_reply::to_string(r.status).size();
      checksum += smtp_reply::to_string(r.reply.reply_class).size();
      for (const smtp_reply::diagnostic d : smtp_reply::all_diagnostics)
        if (r.reply.diagnostics.has(d)) checksum += smtp_reply::to_string(d).size();
      checksum += smtp_reply::match_enhanced_prefix(r.reply.last_line().text).length;
      checksum += smtp_reply::parse_enhanced_code("5.7.26").detail;
    }
  });
  CHECK(allocations == 0);
  CHECK(checksum != 0);
}

}  // TEST_SUITE
