#!/usr/bin/env bash
# Instructions per reply of the library's paths, counted by callgrind on the
# first replies of the benchmark stream: figures that other load on the
# machine does not move, to back up the timings of smtp_reply_bench.
#
#   bench/count_instructions.sh [compiler] [replies]     (defaults: $CXX or c++, 20000)
#
# Builds bench/instructions.cpp with -O3 -DNDEBUG, runs each mode under
# valgrind --tool=callgrind, and prints the instructions per reply above
# the cost of generating the stream.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cxx=${1:-${CXX:-c++}}
replies=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v valgrind >/dev/null || { echo "valgrind is needed (Debian: apt-get install valgrind)"; exit 2; }
"$cxx" -std=c++17 -O3 -DNDEBUG -I"$here/../include" -I"$here" "$here/instructions.cpp" -o "$work/instructions"

count() {  # total instructions of one run of mode $1
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$work/instructions" "$1" "$replies" >/dev/null 2>"$work/log"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log"
}

echo "compiler: $("$cxx" --version | head -n 1); $replies replies; instructions per reply"
base=$(count none)
for mode in parse classify feed_16KiB feed_byte; do
  total=$(count "$mode")
  printf '%-12s %8d\n' "$mode" $(((total - base) / replies))
done
