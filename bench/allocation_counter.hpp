// smtp_reply benchmarks: the count of heap allocations made by this binary.
// allocation_counter.cpp replaces the global operator new (all its forms) with
// one that counts. It lives in its own translation unit so that g++ never sees
// a replaced operator inlined next to a standard new-expression (which
// -Wmismatched-new-delete would flag).
#ifndef SMTP_REPLY_BENCH_ALLOCATION_COUNTER_HPP
#define SMTP_REPLY_BENCH_ALLOCATION_COUNTER_HPP

#include <cstdint>

namespace smtp_reply_bench {

/** Calls of any global operator new so far. */
std::uint64_t allocations() noexcept;

}  // namespace smtp_reply_bench

#endif  // SMTP_REPLY_BENCH_ALLOCATION_COUNTER_HPP
