#!/usr/bin/env bash
# Measures what including <smtp_reply/classify.hpp> adds to the compile time
# of a translation unit (issue 4: less than 0.5 s at -O2).
#
#   bench/compile_time.sh [compiler] [runs]      (defaults: $CXX or c++, 5)
#
# Compiles three translation units with -std=c++17 -O2 -c, `runs` times each:
#   empty     int main() { return 0; }
#   include   the same after #include <smtp_reply/classify.hpp>
#   classify  that, and a call of classify() on a reply read at run time, so
#             the templates are instantiated and code is generated for them
# and prints, for each, the best and the median of the compiler's CPU time
# (user + sys: what other load on the machine disturbs least) and the best
# wall time, then the differences to the empty TU. Exit status 1 when the
# include alone adds 0.5 s or more (best CPU times).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
include_dir=$(cd "$here/../include" && pwd)
cxx=${1:-${CXX:-c++}}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/empty.cpp" <<'EOF'
int main() { return 0; }
EOF
cat >"$work/include.cpp" <<'EOF'
#include <smtp_reply/classify.hpp>
int main() { return 0; }
EOF
cat >"$work/classify.cpp" <<'EOF'
#include <smtp_reply/classify.hpp>
#include <cstdio>
int main(int argc, char** argv) {
  const char* text = argc > 1 ? argv[1] : "550 5.1.1 <bob@example.org>: User unknown\r\n";
  const smtp_reply::classification c = smtp_reply::classify(std::string_view(text));
  std::printf("%d\n", static_cast<int>(c.reason));
  return 0;
}
EOF

# Prints "cpu_ms wall_ms" for one compile of $1.
one() {
  local TIMEFORMAT='%U %S %R' out
  out=$({ time "$cxx" -std=c++17 -O2 -I"$include_dir" -c "$work/$1.cpp" -o "$work/$1.o"; } 2>&1)
  awk '{ printf "%d %d\n", ($1 + $2) * 1000 + 0.5, $3 * 1000 + 0.5 }' <<<"$out"
}

# Prints "best_cpu median_cpu best_wall" over $runs compiles of $1.
measure() {
  local i cpu=() wall=() line
  for ((i = 0; i < runs; i++)); do
    line=$(one "$1")
    cpu+=("${line% *}")
    wall+=("${line#* }")
  done
  local sorted_cpu sorted_wall
  sorted_cpu=$(printf '%s\n' "${cpu[@]}" | sort -n)
  sorted_wall=$(printf '%s\n' "${wall[@]}" | sort -n)
  echo "$(head -n 1 <<<"$sorted_cpu") $(sed -n "$(((runs + 1) / 2))p" <<<"$sorted_cpu") $(head -n 1 <<<"$sorted_wall")"
}

echo "compiler: $("$cxx" --version | head -n 1)"
echo "command:  $cxx -std=c++17 -O2 -c TU.cpp, $runs runs each; milliseconds"
read -r empty_cpu empty_median empty_wall <<<"$(measure empty)"
read -r include_cpu include_median include_wall <<<"$(measure include)"
read -r classify_cpu classify_median classify_wall <<<"$(measure classify)"

printf '%-36s %9s %11s %10s %12s\n' "translation unit" "best CPU" "median CPU" "best wall" "added (CPU)"
printf '%-36s %9s %11s %10s %12s\n' "empty" "$empty_cpu" "$empty_median" "$empty_wall" "-"
printf '%-36s %9s %11s %10s %12s\n' "#include <smtp_reply/classify.hpp>" "$include_cpu" "$include_median" \
  "$include_wall" "+$((include_cpu - empty_cpu))"
printf '%-36s %9s %11s %10s %12s\n' "#include + one classify() call" "$classify_cpu" "$classify_median" \
  "$classify_wall" "+$((classify_cpu - empty_cpu))"

if ((include_cpu - empty_cpu >= 500)); then
  echo "the include adds 500 ms or more: over the budget of issue 4"
  exit 1
fi
